/* pw-caseload-queries.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading across records (search, chronology, counts, the audit check) and
 * the two operations on a whole child: archive and erasure. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pw-audit.h"
#include "pw-caseload-private.h"
#include "pw-chronology-entry.h"
#include "pw-crypto.h"
#include "pw-record-private.h"
#include "pw-store-private.h"

/* Search ------------------------------------------------------------------------ */

/**
 * pw_caseload_match_query:
 * @text: what a person typed
 *
 * Turns free text into a safe FTS5 query: every word must appear, as a
 * prefix, in lower case as the index folds it.  Operators and quotes typed
 * by the person are plain text.
 *
 * Returns: (transfer full) (nullable): the query, %NULL if @text has no words
 */
char *
pw_caseload_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }
      if (word->len > 0)
        g_string_append_printf (query, "%s\"%s\"*", query->len > 0 ? " " : "", word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static gboolean
collect_matches (PwCaseload *self, const char *match, guint limit, GListStore *list,
                 GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "SELECT child_id FROM search WHERE search MATCH ? "
                               "GROUP BY child_id ORDER BY min(rank) LIMIT ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PwRecord) child = _pw_caseload_load (self, PW_TYPE_CHILD,
                                                     sqlite3_column_int64 (stmt, 0), error);
      if (child == NULL)
        break;
      g_list_store_append (list, child);
    }
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_ROW)
    return FALSE;
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/**
 * pw_caseload_search:
 * @text: words to find in names, UPNs, notes and contributions
 * @limit: the most children to return
 *
 * Returns: (transfer full): the matching children (#PwChild), best first
 */
GListModel *
pw_caseload_search (PwCaseload  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (PW_TYPE_CHILD);
  g_autofree char *match = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  match = pw_caseload_match_query (text);
  if (!_pw_caseload_begin (self, error))
    return NULL;
  ok = match == NULL || collect_matches (self, match, limit, list, error);
  _pw_caseload_finish (self, ok, NULL);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/* Chronology --------------------------------------------------------------------- */

static gboolean
collect_chronology (PwCaseload *self, gint64 child_id, GListStore *list, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "SELECT event_date, kind, record_table, record_id "
                               "FROM chronology WHERE child_id = ? "
                               "ORDER BY event_date, created_at, record_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GType type = pw_entity_type_for_table ((const char *) sqlite3_column_text (stmt, 2));
      g_autoptr(PwRecord) record = _pw_caseload_load (self, type,
                                                      sqlite3_column_int64 (stmt, 3), error);
      g_autoptr(PwChronologyEntry) entry = NULL;

      if (record == NULL)
        break;
      entry = pw_chronology_entry_new ((const char *) sqlite3_column_text (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1), record);
      g_list_store_append (list, entry);
    }
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_ROW)
    return FALSE;
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/**
 * pw_caseload_chronology:
 *
 * Everything recorded about a child, in the order it happened (by event
 * date, not by when it was written).
 *
 * Returns: (transfer full): a list of #PwChronologyEntry, oldest first
 */
GListModel *
pw_caseload_chronology (PwCaseload  *self,
                        gint64       child_id,
                        GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (PW_TYPE_CHRONOLOGY_ENTRY);
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  if (!_pw_caseload_begin (self, error))
    return NULL;
  ok = collect_chronology (self, child_id, list, error);
  _pw_caseload_finish (self, ok, NULL);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/* Lookups ------------------------------------------------------------------------ */

/**
 * pw_caseload_find_child_by_upn:
 *
 * Returns: (transfer full) (nullable): the child with @upn; %NULL with no
 *   error when there is none
 */
PwChild *
pw_caseload_find_child_by_upn (PwCaseload  *self,
                               const char  *upn,
                               GError     **error)
{
  g_autofree char *normal = NULL;
  PwRecord *child = NULL;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (upn != NULL, NULL);

  normal = g_strstrip (g_ascii_strup (upn, -1));
  if (!_pw_caseload_begin (self, error))
    return NULL;
  ok = _pw_caseload_query_text_int (self, "SELECT id FROM child WHERE upn = ?", normal, &id,
                                    error);
  if (ok && id != 0)
    ok = (child = _pw_caseload_load (self, PW_TYPE_CHILD, id, error)) != NULL;
  _pw_caseload_finish (self, ok, NULL);
  return (PwChild *) child;
}

static gboolean
ensure_named (PwCaseload *self, GType type, const char *name, gint64 *id, GError **error)
{
  g_autoptr(PwRecord) record = NULL;
  PwRecordClass *klass = g_type_class_peek (type);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE name = ? COLLATE NOCASE "
                                          "ORDER BY id LIMIT 1", klass->table);

  if (!_pw_caseload_query_text_int (self, sql, name, id, error))
    return FALSE;
  if (*id != 0)
    return TRUE;
  record = pw_record_new (type);
  pw_record_set_text (record, "name", name);
  if (!_pw_caseload_save (self, record, error))
    return FALSE;
  *id = pw_record_get_id (record);
  return TRUE;
}

static gint64
ensure (PwCaseload *self, GType type, const char *name, GError **error)
{
  gint64 id = 0;

  if (!_pw_caseload_begin (self, error))
    return 0;
  if (!_pw_caseload_finish (self, ensure_named (self, type, name, &id, error), error))
    return 0;
  return id;
}

/**
 * pw_caseload_ensure_worker:
 * @name: a person's name
 *
 * Returns: the id of the worker called @name (ignoring case), added if new;
 *   0 on error
 */
gint64
pw_caseload_ensure_worker (PwCaseload  *self,
                           const char  *name,
                           GError     **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  return ensure (self, PW_TYPE_WORKER, name, error);
}

/**
 * pw_caseload_ensure_setting:
 * @name: a school or setting's name
 *
 * Returns: the id of the setting called @name, added if new; 0 on error
 */
gint64
pw_caseload_ensure_setting (PwCaseload  *self,
                            const char  *name,
                            GError     **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  return ensure (self, PW_TYPE_SETTING, name, error);
}

/* Counts ------------------------------------------------------------------------- */

static const char stats_sql[] =
  "SELECT"
  " (SELECT count(*) FROM child WHERE archived_on IS NULL),"
  " (SELECT count(*) FROM child WHERE archived_on IS NOT NULL),"
  " (SELECT count(*) FROM cycle JOIN child ON child.id = cycle.child_id"
  "  WHERE cycle.state <> 'closed' AND child.archived_on IS NULL),"
  " (SELECT count(*) FROM child WHERE archived_on IS NULL AND next_review < ?1),"
  " (SELECT count(*) FROM child WHERE archived_on IS NULL AND next_review >= ?1 AND"
  "  next_review <= date(?1, '+" G_STRINGIFY (PW_DUE_SOON_DAYS) " days'))";

/* Absence in each child's latest recorded term, in per cent.  With max()
 * as its only aggregate, SQLite takes the other columns from the row that
 * has the maximum: the latest term, walked in the order of attendance_term. */
static const char absence_sql[] =
  "SELECT"
  " sum(rate >= 10), sum(rate >= 50) FROM ("
  "  SELECT 100.0 * (authorised_absence + unauthorised_absence) / possible_sessions AS rate,"
  "   max (academic_year || CASE term WHEN 'summer' THEN 3 WHEN 'spring' THEN 2 ELSE 1 END)"
  "  FROM attendance"
  "  WHERE child_id NOT IN (SELECT id FROM child WHERE archived_on IS NOT NULL)"
  "  GROUP BY child_id)";

static gboolean
read_counts (PwCaseload *self, const char *sql, guint *out, guint n, GError **error)
{
  g_autofree char *today = pw_today ();
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  for (guint i = 0; rc == SQLITE_ROW && i < n; i++)
    out[i] = sqlite3_column_int (stmt, i);
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || _pw_caseload_sql_error (self, error);
}

static gboolean
read_levels (PwCaseload *self, PwCaseloadStats *stats, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "SELECT current_level, count(*) FROM child "
                               "WHERE archived_on IS NULL GROUP BY current_level", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int level = sqlite3_column_int (stmt, 0);

      if (level >= 0 && level <= 4)
        stats->by_level[level] = sqlite3_column_int (stmt, 1);
    }
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

static gboolean
read_stats (PwCaseload *self, PwCaseloadStats *stats, GError **error)
{
  guint counts[5] = { 0 };
  guint absence[2] = { 0 };

  if (!read_counts (self, stats_sql, counts, 5, error) ||
      !read_counts (self, absence_sql, absence, 2, error) ||
      !read_levels (self, stats, error))
    return FALSE;
  stats->children = counts[0];
  stats->archived = counts[1];
  stats->open_cycles = counts[2];
  stats->overdue_reviews = counts[3];
  stats->due_soon = counts[4];
  stats->persistent_absence = absence[0];
  stats->severe_absence = absence[1];
  return TRUE;
}

/**
 * pw_caseload_get_stats:
 * @stats: (out caller-allocates): the counts
 */
gboolean
pw_caseload_get_stats (PwCaseload       *self,
                       PwCaseloadStats  *stats,
                       GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  if (!_pw_caseload_begin (self, error))
    return FALSE;
  ok = read_stats (self, stats, error);
  _pw_caseload_finish (self, ok, NULL);
  return ok;
}

/**
 * pw_caseload_verify_audit:
 * @n_entries: (out) (optional): how many entries the log holds
 *
 * Checks that the audit log is whole and unedited.
 */
gboolean
pw_caseload_verify_audit (PwCaseload  *self,
                          guint64     *n_entries,
                          GError     **error)
{
  guint8 key[PW_AUDIT_KEY_BYTES];
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);

  if (!_pw_caseload_begin (self, error))
    return FALSE;
  ok = _pw_store_derive_key (pw_caseload_get_store (self), PW_SUBKEY_AUDIT, key) &&
       pw_audit_verify (_pw_caseload_get_db (self), key, n_entries, error);
  sodium_memzero (key, sizeof key);
  _pw_caseload_finish (self, ok, NULL);
  return ok;
}

/* Archive and erasure ------------------------------------------------------------ */

static gboolean
archive (PwCaseload *self, PwRecord *child, gboolean archived, GError **error)
{
  g_autofree char *today = pw_today ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "UPDATE child SET archived_on = ?, " PW_SQL_TOUCH
                               " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (archived)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pw_record_get_id (child));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  if (rc != SQLITE_DONE)
    return _pw_caseload_sql_error (self, error);
  if (!_pw_caseload_audit (self, archived ? "archive" : "restore", "child",
                           pw_record_get_uuid (child), error))
    return FALSE;
  _pw_caseload_queue_change (self, "child", pw_record_get_id (child));
  return _pw_caseload_reload (self, child, error);
}

/**
 * pw_caseload_set_archived:
 * @archived: %TRUE to archive (the child left), %FALSE to restore
 *
 * Archives a child: their record stays, read-only, out of the active
 * caseload.  Restoring undoes it.
 */
gboolean
pw_caseload_set_archived (PwCaseload  *self,
                          PwChild     *child,
                          gboolean     archived,
                          GError     **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_CHILD (child), FALSE);

  if (!_pw_caseload_begin (self, error))
    return FALSE;
  return _pw_caseload_finish (self, archive (self, PW_RECORD (child), archived, error), error);
}

static gboolean
delete_child_rows (PwCaseload *self, PwRecord *child, GError **error)
{
  gint64 id = pw_record_get_id (child);
  guint n;
  const GType *types = pw_entity_types (&n);

  for (guint i = n; i-- > 0;)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE child_id = ?", klass->table);

      if (pw_entity_belongs_to_child (types[i]) && !_pw_caseload_exec (self, sql, id, error))
        return FALSE;
    }
  if (!_pw_caseload_exec (self, "DELETE FROM search WHERE child_id = ?", id, error) ||
      !_pw_caseload_exec (self, "DELETE FROM child WHERE id = ?", id, error))
    return FALSE;
  if (sqlite3_changes (_pw_caseload_get_db (self)) == 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_NOT_FOUND, NULL,
                            _("The child is no longer in this store"));
  return _pw_caseload_audit (self, "erase", "child", pw_record_get_uuid (child), error);
}

/* Deleted rows are zeroed (secure_delete), but the search index keeps old
 * segments until they are merged, and the log keeps old frames until a
 * checkpoint: merge and checkpoint so nothing of the child is left. */
static gboolean
scrub (PwCaseload *self, GError **error)
{
  return _pw_caseload_exec (self, "INSERT INTO search (search) VALUES ('optimize')", 0, error) &&
         _pw_caseload_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", 0, error);
}

/**
 * pw_caseload_erase_child:
 *
 * Erases a child and everything recorded about them, for a data-protection
 * request.  Unlike archiving this cannot be undone: no trace of the child's
 * data is left in the store, only an audit entry saying that a record was
 * erased, when and by whom.  It cannot run inside pw_caseload_transaction().
 */
gboolean
pw_caseload_erase_child (PwCaseload  *self,
                         PwChild     *child,
                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_CHILD (child), FALSE);
  g_return_val_if_fail (_pw_caseload_get_depth (self) == 0, FALSE);

  if (!_pw_caseload_begin (self, error))
    return FALSE;
  _pw_caseload_queue_change (self, "child", pw_record_get_id (PW_RECORD (child)));
  if (!_pw_caseload_finish (self, delete_child_rows (self, PW_RECORD (child), error), error))
    return FALSE;
  _pw_store_enter (pw_caseload_get_store (self));
  ok = scrub (self, error);
  _pw_store_leave (pw_caseload_get_store (self));
  return ok;
}
