/* pw-caseload.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwCaseload: the case records of one unlocked store, and the rules of the
 * Graduated Pathway that span records.
 *
 * Every write goes through a savepoint: the record's own rules
 * (pw_record_validate), then the rules that need other records (the
 * per-table hooks below), then the row, its search text, the values
 * derived from it (a child's current level and next review) and an audit
 * entry.  Any failure rolls all of it back.  Writes nest, so the demo
 * generator and imports can make one transaction of many records.
 *
 * After the outermost commit, "changed" is emitted in the main context
 * that made the caseload, whichever thread wrote.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pw-audit.h"
#include "pw-caseload-private.h"
#include "pw-chronology-entry.h"
#include "pw-crypto.h"
#include "pw-identifiers.h"
#include "pw-record-private.h"
#include "pw-schema.h"
#include "pw-store-private.h"

#define MAX_PENDING 64

struct _PwCaseload
{
  GObject parent_instance;

  PwStore *store;
  char *actor;
  GMainContext *context;

  guint depth;
  gboolean amending;
  gboolean importing;
  gboolean new_store;
  GArray *pending;
  GPtrArray *inserted;
  GArray *marks;

  GHashTable *statements;
  guint statements_generation;

  PwAuditHead audit_head;
  gboolean audit_head_known;
  gboolean audit_dirty;
};

/* A prepared statement kept for reuse, and whether it is running. */
typedef struct
{
  sqlite3_stmt *stmt;
  gboolean busy;
} PwCachedStatement;

/* Where a savepoint began, to undo what it queued. */
typedef struct
{
  guint pending;
  guint inserted;
} PwMark;

typedef struct
{
  const char *table;
  gint64 child_id;
} PwChange;

G_DEFINE_FINAL_TYPE (PwCaseload, pw_caseload, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACTOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* SQL helpers ------------------------------------------------------------------- */

sqlite3 *
_pw_caseload_get_db (PwCaseload *self)
{
  return _pw_store_get_db (self->store);
}

gboolean
_pw_caseload_sql_error (PwCaseload *self, GError **error)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQL, "%s",
               sqlite3_errmsg (_pw_caseload_get_db (self)));
  return FALSE;
}

/* Statements of a connection that the store has closed were finalized
 * with it; forget them. */
static void
check_statements_generation (PwCaseload *self)
{
  guint generation = _pw_store_get_generation (self->store);

  if (generation == self->statements_generation)
    return;
  g_hash_table_remove_all (self->statements);
  self->statements_generation = generation;
}

/* Statements are compiled once and reused: a save runs the same dozen
 * queries every time, and compiling them would cost more than running
 * them.  A statement already running (a query inside a loop over the same
 * query) gets a fresh copy.  Give it back with _pw_caseload_release(). */
sqlite3_stmt *
_pw_caseload_prepare (PwCaseload *self, const char *sql, GError **error)
{
  sqlite3 *db = _pw_caseload_get_db (self);
  PwCachedStatement *cached;
  sqlite3_stmt *stmt = NULL;

  check_statements_generation (self);
  cached = g_hash_table_lookup (self->statements, sql);
  if (cached != NULL && !cached->busy)
    {
      cached->busy = TRUE;
      return cached->stmt;
    }
  if (sqlite3_prepare_v3 (db, sql, -1, cached == NULL ? SQLITE_PREPARE_PERSISTENT : 0,
                          &stmt, NULL) != SQLITE_OK)
    {
      _pw_caseload_sql_error (self, error);
      return NULL;
    }
  if (cached == NULL)
    {
      cached = g_new0 (PwCachedStatement, 1);
      cached->stmt = stmt;
      cached->busy = TRUE;
      g_hash_table_insert (self->statements, g_strdup (sql), cached);
    }
  return stmt;
}

void
_pw_caseload_release (PwCaseload *self, sqlite3_stmt *stmt)
{
  PwCachedStatement *cached;

  if (stmt == NULL)
    return;
  cached = g_hash_table_lookup (self->statements, sqlite3_sql (stmt));
  if (cached == NULL || cached->stmt != stmt)
    {
      sqlite3_finalize (stmt);
      return;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  cached->busy = FALSE;
}

/* Also the store's close hook: the connection is about to close. */
static void
finalize_statements (gpointer data)
{
  PwCaseload *self = data;
  GHashTableIter iter;
  PwCachedStatement *cached;

  _pw_store_enter (self->store);
  check_statements_generation (self);
  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cached))
    sqlite3_finalize (cached->stmt);
  g_hash_table_remove_all (self->statements);
  _pw_store_leave (self->store);
}

/* Runs @sql with one integer parameter (if @arg != 0 or the SQL has a '?'). */
gboolean
_pw_caseload_exec (PwCaseload *self, const char *sql, gint64 arg, GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* One integer from @sql with one integer parameter; @fallback if no row. */
gboolean
_pw_caseload_query_int (PwCaseload  *self,
                        const char  *sql,
                        gint64       arg,
                        gint64       fallback,
                        gint64      *out,
                        GError     **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
         ? sqlite3_column_int64 (stmt, 0) : fallback;
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* One integer from @sql with one text parameter; 0 if no row. */
gboolean
_pw_caseload_query_text_int (PwCaseload  *self,
                             const char  *sql,
                             const char  *arg,
                             gint64      *out,
                             GError     **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* One text from @sql with one integer parameter; NULL if no row or NULL. */
gboolean
_pw_caseload_query_text (PwCaseload  *self,
                         const char  *sql,
                         gint64       arg,
                         char       **out,
                         GError     **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Savepoints ------------------------------------------------------------------- */

static gboolean
begin (PwCaseload *self, GError **error)
{
  _pw_store_enter (self->store);
  if (pw_store_get_locked (self->store))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
                           _("The store is locked; unlock it first"));
      _pw_store_leave (self->store);
      return FALSE;
    }
  if (!_pw_caseload_exec (self, "SAVEPOINT pw", 0, error))
    {
      _pw_store_leave (self->store);
      return FALSE;
    }
  g_array_append_val (self->marks, ((PwMark) { self->pending->len, self->inserted->len }));
  self->depth++;
  return TRUE;
}

typedef struct
{
  PwCaseload *self;
  GArray *changes;
} PwAnnouncement;

/* One "changed" per commit: the table and child if the commit touched
 * only one, otherwise NULL and 0. */
static gboolean
announce_cb (gpointer data)
{
  PwAnnouncement *announcement = data;
  GArray *changes = announcement->changes;
  PwChange first = g_array_index (changes, PwChange, 0);

  for (guint i = 1; i < changes->len; i++)
    {
      PwChange *change = &g_array_index (changes, PwChange, i);

      if (g_strcmp0 (change->table, first.table) != 0)
        first.table = NULL;
      if (change->child_id != first.child_id)
        first.child_id = 0;
    }
  g_signal_emit (announcement->self, signals[CHANGED], 0, first.table, first.child_id);
  return G_SOURCE_REMOVE;
}

static void
announcement_free (gpointer data)
{
  PwAnnouncement *announcement = data;

  g_object_unref (announcement->self);
  g_array_unref (announcement->changes);
  g_free (announcement);
}

static void
announce_pending (PwCaseload *self)
{
  PwAnnouncement *announcement;

  if (self->pending->len == 0)
    return;
  announcement = g_new0 (PwAnnouncement, 1);
  announcement->self = g_object_ref (self);
  announcement->changes = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PwChange));
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, announce_cb,
                              announcement, announcement_free);
}

/* The audit log's head is read once a transaction and written once, just
 * before it commits; after a savepoint is rolled back, the log itself says
 * where it ends. */
static gboolean
ensure_audit_head (PwCaseload *self, const guint8 *key, GError **error)
{
  sqlite3 *db = _pw_caseload_get_db (self);

  if (self->audit_head_known)
    return TRUE;
  self->audit_head_known = self->audit_dirty
                           ? pw_audit_read_last (db, &self->audit_head, error)
                           : pw_audit_read_head (db, key, &self->audit_head, error);
  return self->audit_head_known;
}

static gboolean
write_audit_head (PwCaseload *self, GError **error)
{
  guint8 key[PW_AUDIT_KEY_BYTES];
  gboolean ok;

  if (!_pw_store_derive_key (self->store, PW_SUBKEY_AUDIT, key))
    return FALSE;
  ok = ensure_audit_head (self, key, error) &&
       pw_audit_write_head (_pw_caseload_get_db (self), key, &self->audit_head, error);
  sodium_memzero (key, sizeof key);
  return ok;
}

gboolean
_pw_caseload_audit (PwCaseload  *self,
                    const char  *operation,
                    const char  *table,
                    const char  *uuid,
                    GError     **error)
{
  guint8 key[PW_AUDIT_KEY_BYTES];
  PwAuditEntry entry = { self->actor, operation, table, uuid };
  gboolean ok;

  if (!_pw_store_derive_key (self->store, PW_SUBKEY_AUDIT, key))
    return FALSE;
  ok = ensure_audit_head (self, key, error) &&
       pw_audit_append (_pw_caseload_get_db (self), key, &entry, &self->audit_head, error);
  sodium_memzero (key, sizeof key);
  self->audit_dirty |= ok;
  return ok;
}

/* Records inserted in a savepoint that is rolled back are new again. */
static void
undo_to_mark (PwCaseload *self, const PwMark *mark)
{
  for (guint i = mark->inserted; i < self->inserted->len; i++)
    _pw_record_clear_identity (g_ptr_array_index (self->inserted, i));
  g_ptr_array_set_size (self->inserted, mark->inserted);
  g_array_set_size (self->pending, mark->pending);
}

static gboolean
finish (PwCaseload *self, gboolean ok, GError **error)
{
  sqlite3 *db = _pw_caseload_get_db (self);

  if (ok && self->depth == 1 && self->audit_dirty)
    ok = write_audit_head (self, error);
  if (ok)
    ok = _pw_caseload_exec (self, "RELEASE pw", 0, error);
  if (!ok)
    {
      sqlite3_exec (db, "ROLLBACK TO pw", NULL, NULL, NULL);
      sqlite3_exec (db, "RELEASE pw", NULL, NULL, NULL);
      self->audit_head_known = FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    self->audit_head_known = self->audit_dirty = FALSE;
  if (!ok)
    undo_to_mark (self, &g_array_index (self->marks, PwMark, self->depth));
  g_array_set_size (self->marks, self->depth);
  if (self->depth == 0)
    g_ptr_array_set_size (self->inserted, 0);
  if (self->depth == 0 && ok)
    {
      _pw_store_leave (self->store);
      announce_pending (self);
      return TRUE;
    }
  _pw_store_leave (self->store);
  return ok;
}

/* Many changes to many children need only one entry saying so. */
static void
queue_change (PwCaseload *self, const char *table, gint64 child_id)
{
  PwChange change = { table, child_id };

  if (self->pending->len >= MAX_PENDING)
    return;
  if (self->pending->len == MAX_PENDING - 1)
    change = (PwChange) { NULL, 0 };
  g_array_append_val (self->pending, change);
}

/* Loading ---------------------------------------------------------------------- */

static PwRecord *
load_where (PwCaseload *self, GType type, const char *where, gint64 id, const char *text,
            GError **error)
{
  g_autoptr(PwRecord) record = pw_record_new (type);
  g_autofree char *sql = _pw_record_select_sql (PW_RECORD_GET_CLASS (record), where);
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    _pw_record_load_row (record, stmt);
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&record);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND,
                 _("No such %s in this store"), _(PW_RECORD_GET_CLASS (record)->label));
  else
    _pw_caseload_sql_error (self, error);
  return NULL;
}

PwRecord *
_pw_caseload_load (PwCaseload *self, GType type, gint64 id, GError **error)
{
  return load_where (self, type, "WHERE id = ?", id, NULL, error);
}

static gboolean
reload (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autofree char *sql = _pw_record_select_sql (PW_RECORD_GET_CLASS (record), "WHERE id = ?");
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pw_record_get_id (record));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    _pw_record_load_row (record, stmt);
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND,
                 _("No such %s in this store"), _(PW_RECORD_GET_CLASS (record)->label));
  return rc == SQLITE_ROW || (rc != SQLITE_DONE && _pw_caseload_sql_error (self, error));
}

/* Writing ---------------------------------------------------------------------- */

static gint64
child_of (PwRecord *record)
{
  if (PW_IS_CHILD (record))
    return pw_record_get_id (record);
  if (pw_entity_belongs_to_child (G_OBJECT_TYPE (record)))
    return pw_record_get_int (record, "child-id");
  return 0;
}

static void
identity_clear (PwRecordIdentity *identity)
{
  g_free (identity->uuid);
  g_free (identity->created_at);
  g_free (identity->created_by);
  g_free (identity->updated_at);
}

static gboolean
insert_row (PwCaseload *self, PwRecord *record, GError **error)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  const char *sql = _pw_record_insert_sql (klass);
  g_autofree char *now = now_utc ();
  PwRecordIdentity identity = {
    0, g_strdup (pw_record_get_uuid (record)), g_strdup (pw_record_get_created_at (record)),
    g_strdup (pw_record_get_created_by (record)), g_strdup (pw_record_get_updated_at (record)),
  };
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int n = klass->n_fields;
  int rc;

  /* An imported record keeps what its file says of it. */
  if (identity.uuid == NULL || !self->importing)
    {
      identity_clear (&identity);
      identity = (PwRecordIdentity) { 0, g_uuid_string_random (), g_strdup (now),
                                      g_strdup (self->actor), g_strdup (now) };
    }
  if (identity.created_at == NULL)
    identity.created_at = g_strdup (now);
  if (identity.updated_at == NULL)
    identity.updated_at = g_strdup (identity.created_at);
  if (identity.created_by == NULL)
    identity.created_by = g_strdup (self->actor);
  if (stmt == NULL)
    {
      identity_clear (&identity);
      return FALSE;
    }
  rc = _pw_record_bind_fields (record, stmt, 1, TRUE);
  sqlite3_bind_text (stmt, n + 1, identity.uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, n + 2, identity.created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, n + 3, identity.created_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, n + 4, identity.updated_at, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  if (rc != SQLITE_DONE)
    {
      identity_clear (&identity);
      return _pw_caseload_sql_error (self, error);
    }
  identity.id = sqlite3_last_insert_rowid (_pw_caseload_get_db (self));
  _pw_record_set_identity (record, &identity);
  identity_clear (&identity);
  /* An import's records are its own, and there are too many to keep. */
  if (!self->importing)
    g_ptr_array_add (self->inserted, g_object_ref (record));
  return TRUE;
}

static int
count_written_fields (PwRecordClass *klass)
{
  int n = 0;

  for (guint i = 0; i < klass->n_fields; i++)
    n += _pw_field_is_updated (&klass->fields[i]);
  return n;
}

static gboolean
update_row (PwCaseload *self, PwRecord *record, GError **error)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  const char *sql = _pw_record_update_sql (klass);
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int n = count_written_fields (klass);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = _pw_record_bind_fields (record, stmt, 1, FALSE);
  sqlite3_bind_text (stmt, n + 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, n + 2, pw_record_get_id (record));
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  if (rc != SQLITE_DONE)
    return _pw_caseload_sql_error (self, error);
  if (sqlite3_changes (_pw_caseload_get_db (self)) == 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_NOT_FOUND, NULL, _("No such %s in this store"),
                            _(klass->label));
  _pw_record_set_identity (record, &(PwRecordIdentity) {
    pw_record_get_id (record), (char *) pw_record_get_uuid (record),
    (char *) pw_record_get_created_at (record), (char *) pw_record_get_created_by (record), now,
  });
  return TRUE;
}

static gint64
search_rowid (PwRecord *record)
{
  static const struct { const char *table; gint64 kind; } kinds[] = {
    { "child", PW_SEARCH_KIND_CHILD },
    { "contribution", PW_SEARCH_KIND_CONTRIBUTION },
    { "note", PW_SEARCH_KIND_NOTE },
  };
  const char *table = pw_record_get_table (record);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].table, table) == 0)
      return PW_SEARCH_ROWID (kinds[i].kind, pw_record_get_id (record));
  g_assert_not_reached ();
  return 0;
}

gboolean
_pw_caseload_unindex (PwCaseload *self, PwRecord *record, GError **error)
{
  return _pw_caseload_exec (self, "DELETE FROM search WHERE rowid = ?", search_rowid (record),
                            error);
}

static gboolean
index_record (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!_pw_record_class_has_flag (PW_RECORD_GET_CLASS (record), PW_FIELD_SEARCHABLE))
    return TRUE;
  text = _pw_record_search_text (record);
  if (!_pw_caseload_unindex (self, record, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  stmt = _pw_caseload_prepare (self, "INSERT INTO search (rowid, text, child_id) "
                               "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, search_rowid (record));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, child_of (record));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* Rules that need other records -------------------------------------------------- */

static gboolean
check_ref (PwCaseload *self, PwRecord *record, const PwField *field, GError **error)
{
  gint64 id = pw_record_get_int (record, field->name);
  GType ref_type = pw_entity_type_for_table (field->ref);
  gboolean owned = pw_entity_belongs_to_child (ref_type);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                          owned ? "child_id" : "0", field->ref);
  gint64 owner;

  if (id == 0)
    return TRUE;
  if (!_pw_caseload_query_int (self, sql, id, -1, &owner, error))
    return FALSE;
  if (owner < 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("does not exist"));
  if (owned && owner != child_of (record))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("belongs to another child"));
  return TRUE;
}

static gboolean
check_refs (PwCaseload *self, PwRecord *record, GError **error)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];

      /* check_child_owner() looks the child up. */
      if (field->type != PW_FIELD_REF || g_str_equal (field->name, "child-id"))
        continue;
      if (!check_ref (self, record, field, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the child exists (-1 if not) or is archived, and their birth. */
static gboolean
query_child_state (PwCaseload *self, gint64 child_id, gint64 *archived, char **born,
                   GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, "SELECT archived_on IS NOT NULL, "
                                             "date_of_birth FROM child WHERE id = ?", error);
  int rc;

  *archived = -1;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, child_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *archived = sqlite3_column_int64 (stmt, 0);
      *born = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* Records of an archived child are kept as they were, and nothing in a
 * child's record can be dated before their birth. */
static gboolean
check_child_owner (PwCaseload *self, PwRecord *record, GError **error)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  g_autofree char *born = NULL;
  gint64 archived = 0;

  if (child_of (record) == 0)
    return TRUE;
  if (!query_child_state (self, child_of (record), &archived, &born, error))
    return FALSE;
  if (archived < 0 && PW_IS_CHILD (record))
    return _pw_record_fail (error, PW_RECORD_ERROR_NOT_FOUND, NULL,
                            _("The child is no longer in this store"));
  if (archived < 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, _pw_record_field (record, "child-id"),
                            _("does not exist"));
  if (archived > 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                            _("The child’s record is archived; restore it to make changes"));
  if (PW_IS_CHILD (record))
    return TRUE;
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      const char *date = field->type == PW_FIELD_DATE
                         ? pw_record_get_text (record, field->name) : NULL;

      if (date != NULL && born != NULL && strcmp (date, born) < 0)
        return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                                _("cannot be before the child’s date of birth"));
    }
  return TRUE;
}

/* A record stays with the child, cycle or meeting it was made for. */
static gboolean
check_parents_kept (PwRecord *record, PwRecord *stored, GError **error)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];

      if ((field->flags & PW_FIELD_PARENT) != 0 &&
          pw_record_get_int (record, field->name) != pw_record_get_int (stored, field->name))
        return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, field,
                                _("cannot change; record it again where it belongs"));
    }
  return TRUE;
}

/* A new record starts with nothing derived: PwCaseload fills that in. */
static void
reset_derived (PwRecord *record)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    if ((klass->fields[i].flags & PW_FIELD_DERIVED) != 0)
      pw_record_unset (record, klass->fields[i].name);
}

static gboolean
check_stored (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autoptr(PwRecord) stored = NULL;

  if (pw_record_get_id (record) == 0)
    {
      if (!self->amending)
        reset_derived (record);
      return TRUE;
    }
  stored = _pw_caseload_load (self, G_OBJECT_TYPE (record), pw_record_get_id (record), error);
  return stored != NULL && check_parents_kept (record, stored, error);
}

static gboolean
save_in_savepoint (PwCaseload *self, PwRecord *record, GError **error)
{
  const PwTableRules *rules = _pw_caseload_rules_for (pw_record_get_table (record));
  gboolean is_new = pw_record_get_id (record) == 0;

  if (!check_stored (self, record, error) ||
      (rules->prepare != NULL && !rules->prepare (self, record, error)) ||
      !pw_record_validate (record, error) ||
      !check_child_owner (self, record, error) ||
      !check_refs (self, record, error) ||
      (rules->check != NULL && !rules->check (self, record, error)))
    return FALSE;
  if (!(is_new ? insert_row (self, record, error) : update_row (self, record, error)) ||
      !index_record (self, record, error) ||
      (rules->after != NULL && !rules->after (self, record, error)) ||
      !_pw_caseload_audit (self, is_new ? "insert" : "update", pw_record_get_table (record),
                           pw_record_get_uuid (record), error))
    return FALSE;
  queue_change (self, pw_record_get_table (record), child_of (record));
  /* Only records with derived fields can differ from what was written. */
  return !_pw_record_class_has_flag (PW_RECORD_GET_CLASS (record), PW_FIELD_DERIVED) ||
         reload (self, record, error);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_caseload_dispose (GObject *object)
{
  PwCaseload *self = PW_CASELOAD (object);

  if (self->store != NULL)
    {
      _pw_store_remove_close_hook (self->store, finalize_statements, self);
      finalize_statements (self);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_caseload_parent_class)->dispose (object);
}

static void
pw_caseload_finalize (GObject *object)
{
  PwCaseload *self = PW_CASELOAD (object);

  g_free (self->actor);
  g_array_unref (self->pending);
  g_array_unref (self->marks);
  g_ptr_array_unref (self->inserted);
  g_hash_table_unref (self->statements);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (pw_caseload_parent_class)->finalize (object);
}

static void
pw_caseload_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwCaseload *self = PW_CASELOAD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_caseload_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwCaseload *self = PW_CASELOAD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      pw_caseload_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_caseload_class_init (PwCaseloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_caseload_dispose;
  object_class->finalize = pw_caseload_finalize;
  object_class->get_property = pw_caseload_get_property;
  object_class->set_property = pw_caseload_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwCaseload::changed:
   * @table: (nullable): the kind of record written, %NULL for many kinds
   * @child_id: the child whose records changed, 0 for several or none
   *
   * Emitted after a write is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
pw_caseload_init (PwCaseload *self)
{
  const char *name = g_get_real_name ();

  self->actor = g_strdup (g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ());
  self->context = g_main_context_ref_thread_default ();
  self->pending = g_array_new (FALSE, FALSE, sizeof (PwChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (PwMark));
  self->inserted = g_ptr_array_new_with_free_func (g_object_unref);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Public API ------------------------------------------------------------------- */

/* A store with no records and no audit log yet starts its log; one whose
 * log went missing is left for pw_caseload_verify_audit() to report. */
static gboolean
start_audit_if_new (PwCaseload *self, GError **error)
{
  sqlite3 *db = _pw_caseload_get_db (self);
  guint8 key[PW_AUDIT_KEY_BYTES];
  gint64 written = 0;
  gboolean ok;

  /* EXISTS stops at the first row: a large store is not read through. */
  if (!_pw_caseload_query_int (self, "SELECT EXISTS (SELECT 1 FROM store_meta WHERE key = "
                               "'audit-head') OR EXISTS (SELECT 1 FROM audit) OR "
                               "EXISTS (SELECT 1 FROM child) OR EXISTS (SELECT 1 FROM worker) "
                               "OR EXISTS (SELECT 1 FROM setting)", 0, 0, &written, error))
    return FALSE;
  if (written > 0)
    return TRUE;
  self->new_store = TRUE;
  if (!_pw_store_derive_key (self->store, PW_SUBKEY_AUDIT, key))
    return FALSE;
  ok = pw_audit_start (db, key, error);
  sodium_memzero (key, sizeof key);
  return ok;
}

static gboolean
migrate (PwCaseload *self, GError **error)
{
  return pw_schema_migrate (_pw_caseload_get_db (self), PW_SCHEMA_VERSION, error) &&
         start_audit_if_new (self, error);
}

/* A store has its signing key from the start, so that its public key can
 * be given to a council before the first sealed export. */
static gboolean
make_signing_key (PwCaseload *self, GError **error)
{
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  gboolean ok = pw_caseload_get_signing_key (self, sk, pk, error);

  sodium_memzero (sk, sizeof sk);
  return ok;
}

/**
 * pw_caseload_new:
 * @store: an unlocked store
 *
 * Opens the case records of @store, bringing its schema up to date.
 *
 * Returns: (transfer full): the caseload, or %NULL with @error set
 */
PwCaseload *
pw_caseload_new (PwStore  *store,
                 GError  **error)
{
  g_autoptr(PwCaseload) self = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  self = g_object_new (PW_TYPE_CASELOAD, "store", store, NULL);
  _pw_store_add_close_hook (store, finalize_statements, self);
  pw_entity_types (&(guint) { 0 });
  _pw_store_enter (store);
  ok = !pw_store_get_locked (store);
  if (!ok)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
                         _("The store is locked; unlock it first"));
  ok = ok && migrate (self, error) && (!self->new_store || make_signing_key (self, error));
  _pw_store_leave (store);
  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * pw_caseload_get_store:
 *
 * Returns: (transfer none): the store
 */
PwStore *
pw_caseload_get_store (PwCaseload *self)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  return self->store;
}

const char *
pw_caseload_get_actor (PwCaseload *self)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  return self->actor;
}

/**
 * pw_caseload_set_actor:
 * @actor: who is writing: recorded as created_by and in the audit log
 */
void
pw_caseload_set_actor (PwCaseload *self,
                       const char *actor)
{
  g_return_if_fail (PW_IS_CASELOAD (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/**
 * pw_caseload_transaction:
 *
 * Runs @func with every write inside it made all together or not at all.
 */
gboolean
pw_caseload_transaction (PwCaseload      *self,
                         PwCaseloadFunc   func,
                         gpointer         user_data,
                         GError         **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  return finish (self, func (user_data, error), error);
}

/**
 * pw_caseload_save:
 * @record: a new record (id 0) to insert, or a loaded one to update
 *
 * Checks every rule and writes @record with its audit entry.  On success
 * @record is reloaded, so derived fields and identity are current; on
 * failure nothing was written and a new record stays new.
 */
gboolean
pw_caseload_save (PwCaseload  *self,
                  PwRecord    *record,
                  GError     **error)
{
  gboolean is_new;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_RECORD (record), FALSE);

  is_new = pw_record_get_id (record) == 0;
  if (!begin (self, error))
    return FALSE;
  ok = finish (self, save_in_savepoint (self, record, error), error);
  if (!ok && is_new)
    _pw_record_clear_identity (record);
  return ok;
}

/**
 * pw_caseload_load:
 *
 * Returns: (transfer full): the record of @type with @id, or %NULL
 */
PwRecord *
pw_caseload_load (PwCaseload  *self,
                  GType        type,
                  gint64       id,
                  GError     **error)
{
  PwRecord *record = NULL;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  if (begin (self, error))
    {
      record = _pw_caseload_load (self, type, id, error);
      finish (self, record != NULL, NULL);
    }
  return record;
}

/**
 * pw_caseload_load_by_uuid:
 *
 * Returns: (transfer full): the record of @type with @uuid, or %NULL
 */
PwRecord *
pw_caseload_load_by_uuid (PwCaseload  *self,
                          GType        type,
                          const char  *uuid,
                          GError     **error)
{
  PwRecord *record = NULL;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (begin (self, error))
    {
      record = load_where (self, type, "WHERE uuid = ?", 0, uuid, error);
      finish (self, record != NULL, NULL);
    }
  return record;
}

/**
 * pw_caseload_reload:
 *
 * Reads @record again from the store, dropping unsaved changes.
 */
gboolean
pw_caseload_reload (PwCaseload  *self,
                    PwRecord    *record,
                    GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_RECORD (record), FALSE);

  if (!begin (self, error))
    return FALSE;
  ok = reload (self, record, error);
  finish (self, ok, NULL);
  return ok;
}

static gboolean
append_rows (PwCaseload *self, GListStore *list, GType type, const char *where, gint64 id,
             GError **error)
{
  g_autoptr(PwRecord) probe = pw_record_new (type);
  g_autofree char *sql = _pw_record_select_sql (PW_RECORD_GET_CLASS (probe), where);
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PwRecord) record = pw_record_new (type);

      _pw_record_load_row (record, stmt);
      g_list_store_append (list, record);
    }
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/**
 * pw_caseload_list:
 * @type: the kind of record
 * @field: a REF field of @type, such as "child-id" or "cycle-id"
 * @id: the record it must point to
 *
 * Returns: (transfer full): the records of @type that point to @id, oldest first
 */
GListModel *
pw_caseload_list (PwCaseload  *self,
                  GType        type,
                  const char  *field,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autofree char *where = NULL;
  g_autofree char *column = NULL;
  const PwField *f;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PW_TYPE_RECORD), NULL);

  f = pw_record_class_find_field (g_type_class_peek (type), field);
  g_return_val_if_fail (f != NULL && f->type == PW_FIELD_REF, NULL);

  list = g_list_store_new (type);
  column = _pw_record_column_name (f);
  where = g_strdup_printf ("WHERE %s = ? ORDER BY id", column);
  if (!begin (self, error))
    return NULL;
  ok = append_rows (self, list, type, where, id, error);
  finish (self, ok, NULL);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/**
 * pw_caseload_list_by_name:
 * @type: a kind of record with a name and no parent, such as PW_TYPE_WORKER
 *   or PW_TYPE_SETTING
 *
 * Returns: (transfer full): every record of @type, by name
 */
GListModel *
pw_caseload_list_by_name (PwCaseload  *self,
                          GType        type,
                          GError     **error)
{
  g_autoptr(GListStore) list = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (type == PW_TYPE_WORKER || type == PW_TYPE_SETTING, NULL);

  list = g_list_store_new (type);
  if (!begin (self, error))
    return NULL;
  ok = append_rows (self, list, type, "WHERE id > ? ORDER BY name COLLATE NOCASE, id", 0,
                    error);
  finish (self, ok, NULL);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/* For the other files of PwCaseload ------------------------------------------------ */

gboolean
_pw_caseload_begin (PwCaseload *self, GError **error)
{
  return begin (self, error);
}

gboolean
_pw_caseload_finish (PwCaseload *self, gboolean ok, GError **error)
{
  return finish (self, ok, error);
}

gboolean
_pw_caseload_reload (PwCaseload *self, PwRecord *record, GError **error)
{
  return reload (self, record, error);
}

gboolean
_pw_caseload_save (PwCaseload *self, PwRecord *record, GError **error)
{
  return save_in_savepoint (self, record, error);
}

void
_pw_caseload_set_amending (PwCaseload *self, gboolean amending)
{
  self->amending = amending;
}

gboolean
_pw_caseload_get_amending (PwCaseload *self)
{
  return self->amending;
}

gboolean
_pw_caseload_get_new_store (PwCaseload *self)
{
  return self->new_store;
}

/* While importing, records keep the identity and derived fields they were
 * exported with, and the rules of a cycle's stages do not apply: the
 * history is written as it happened.  Importing implies amending. */
void
_pw_caseload_set_importing (PwCaseload *self, gboolean importing)
{
  self->importing = importing;
  self->amending = importing;
}

gboolean
_pw_caseload_get_importing (PwCaseload *self)
{
  return self->importing;
}

void
_pw_caseload_queue_change (PwCaseload *self, const char *table, gint64 child_id)
{
  queue_change (self, table, child_id);
}

guint
_pw_caseload_get_depth (PwCaseload *self)
{
  return self->depth;
}

gint64
_pw_caseload_child_of (PwRecord *record)
{
  return child_of (record);
}
