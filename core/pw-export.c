/* pw-export.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes children to a Pathway case file (resources/schema/
 * pathway-case-v1.xsd), one child at a time: each child is read in its own
 * read transaction and forgotten once written, so memory does not grow
 * with the caseload.  Every byte written also goes through a
 * PwCaseValidator; an export that does not follow the schema fails and
 * pw_export_to_file() then leaves no file behind. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <sodium.h>
#include <string.h>

#include "pw-case-schema.h"
#include "pw-caseload-private.h"
#include "pw-export.h"
#include "pw-identifiers.h"
#include "pw-output-file.h"
#include "pw-record-private.h"
#include "pw-seal.h"
#include "pw-store.h"

#define EXPORT_CACHE_KIB 4096

struct _PwExportScope
{
  PwExportKind kind;
  char *where;         /* an SQL condition on child */
  char *description;   /* for the file's metadata */
  guint n_upns;        /* children named by UPN, all of which must exist */
};

/* The records of a child, in the order the schema lists them. */
typedef enum
{
  PART_FAMILY_MEMBER, PART_CONSENT, PART_LEVEL_CHANGE, PART_NEED, PART_CYCLE,
  PART_OUTCOME, PART_RATING, PART_PROVISION, PART_SESSION, PART_INVOLVEMENT,
  PART_CONTRIBUTION, PART_MEETING, PART_ATTENDEE, PART_MEETING_ACTION, PART_ATTENDANCE,
  PART_EXCLUSION, PART_NOTE, PART_AMENDMENT, N_PARTS
} Part;

static const char *const part_tables[N_PARTS] = {
  "family_member", "consent", "level_change", "need", "cycle", "outcome", "rating",
  "provision", "session", "involvement", "contribution", "meeting", "attendee",
  "meeting_action", "attendance", "exclusion", "note", "amendment",
};

/* Parts written directly inside <child>; the others are nested. */
static const Part child_parts[] = {
  PART_FAMILY_MEMBER, PART_CONSENT, PART_LEVEL_CHANGE, PART_NEED, PART_CYCLE,
  PART_INVOLVEMENT, PART_CONTRIBUTION, PART_MEETING, PART_ATTENDANCE, PART_EXCLUSION,
  PART_NOTE, PART_AMENDMENT,
};

typedef struct
{
  PwCaseload *caseload;
  PwCaseValidator *validator;
  GOutputStream *out;
  xmlTextWriterPtr writer;
  GError *io_error;
  GHashTable *uuids;               /* "table:id" of workers and settings -> uuid */
  GPtrArray *parts[N_PARTS];       /* the current child's records */
} Export;

/* Scopes ----------------------------------------------------------------------------- */

static PwExportScope *
scope_new (PwExportKind kind, char *where, char *description)
{
  PwExportScope *scope = g_new0 (PwExportScope, 1);

  scope->kind = kind;
  scope->where = where;
  scope->description = description;
  return scope;
}

static const char *
archived_condition (gboolean include_archived)
{
  return include_archived ? "1" : "archived_on IS NULL";
}

PwExportScope *
pw_export_scope_new_all (gboolean include_archived)
{
  return scope_new (PW_EXPORT_CASELOAD, g_strdup (archived_condition (include_archived)),
                    g_strdup (include_archived ? "all, archived included" : "all"));
}

PwExportScope *
pw_export_scope_new_levels (const guint *levels,
                            guint        n_levels,
                            gboolean     include_archived)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (n_levels > 0, NULL);

  for (guint i = 0; i < n_levels; i++)
    g_string_append_printf (list, "%s%u", i > 0 ? "," : "", MIN (levels[i], 4));
  return scope_new (PW_EXPORT_SELECTION,
                    g_strdup_printf ("current_level IN (%s) AND %s", list->str,
                                     archived_condition (include_archived)),
                    g_strdup_printf ("level=%s", list->str));
}

PwExportScope *
pw_export_scope_new_children (const gint64 *child_ids,
                              guint         n_children)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (n_children > 0, NULL);

  for (guint i = 0; i < n_children; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", child_ids[i]);
  return scope_new (n_children == 1 ? PW_EXPORT_CHILD : PW_EXPORT_SELECTION,
                    g_strdup_printf ("id IN (%s)", list->str),
                    g_strdup_printf ("children=%u", n_children));
}

static gboolean G_GNUC_PRINTF (2, 3)
scope_error (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_SCOPE, message);
  return FALSE;
}

static PwExportScope *
parse_levels (const char *text, gboolean include_archived, GError **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", 0);
  guint levels[4];
  guint n = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint64 level;

      if (n == G_N_ELEMENTS (levels) ||
          !g_ascii_string_to_unsigned (g_strstrip (items[i]), 10, 1, 4, &level, NULL))
        {
          scope_error (error, _("Scope: “%s” is not a level from 1 to 4"), items[i]);
          return NULL;
        }
      levels[n++] = level;
    }
  if (n == 0)
    {
      scope_error (error, _("Scope: “%s” names no level"), text);
      return NULL;
    }
  return pw_export_scope_new_levels (levels, n, include_archived);
}

/* UPNs are checked before they go into the SQL: they are then only capital
 * letters and digits. */
static PwExportScope *
parse_upns (const char *text, GError **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", 0);
  g_autoptr(GString) quoted = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  PwExportScope *scope;
  guint n = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *upn = g_ascii_strup (g_strstrip (items[i]), -1);
      g_autoptr(GError) local = NULL;

      if (!pw_upn_validate (upn, NULL, &local))
        {
          g_set_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_SCOPE,
                       _("Scope: “%s”: %s"), items[i], local->message);
          return NULL;
        }
      if (strstr (plain->str, upn) != NULL)
        continue;
      g_string_append_printf (quoted, "%s'%s'", n > 0 ? "," : "", upn);
      g_string_append_printf (plain, "%s%s", n > 0 ? "," : "", upn);
      n++;
    }
  if (n == 0)
    {
      scope_error (error, _("Scope: “%s” names no UPN"), text);
      return NULL;
    }
  scope = scope_new (n == 1 ? PW_EXPORT_CHILD : PW_EXPORT_SELECTION,
                     g_strdup_printf ("upn IN (%s)", quoted->str),
                     g_strdup_printf ("upn=%s", plain->str));
  scope->n_upns = n;
  return scope;
}

/**
 * pw_export_scope_parse:
 * @text: "all", "level=N[,N…]" or "upn=UPN[,UPN…]"
 *
 * Returns: (transfer full): the scope, or %NULL with an error naming the rule
 */
PwExportScope *
pw_export_scope_parse (const char  *text,
                       gboolean     include_archived,
                       GError     **error)
{
  if (text == NULL || strcmp (text, "all") == 0)
    return pw_export_scope_new_all (include_archived);
  if (g_str_has_prefix (text, "level="))
    return parse_levels (text + strlen ("level="), include_archived, error);
  if (g_str_has_prefix (text, "upn="))
    return parse_upns (text + strlen ("upn="), error);
  scope_error (error, _("Scope: “%s” is not all, level=N or upn=UPN"), text);
  return NULL;
}

void
pw_export_scope_free (PwExportScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->where);
  g_free (scope->description);
  g_free (scope);
}
/* Writing --------------------------------------------------------------------------- */

/* Everything xmlTextWriter writes goes to the validator and the stream. */
static int
write_cb (void *data, const char *buffer, int len)
{
  Export *export = data;

  if (export->io_error != NULL)
    return -1;
  if (!pw_case_validator_feed (export->validator, buffer, len, &export->io_error) ||
      !g_output_stream_write_all (export->out, buffer, len, NULL, NULL, &export->io_error))
    return -1;
  return len;
}

static int
close_cb (void *data)
{
  return 0;
}

static gboolean
writer_failed (Export *export, GError **error)
{
  if (export->io_error != NULL)
    g_propagate_error (error, g_steal_pointer (&export->io_error));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("The case file could not be written"));
  return FALSE;
}

/* "meeting_action" is written <meeting-action>. */
static char *
element_name (const char *table)
{
  return g_strdelimit (g_strdup (table), "_", '-');
}

static const char *
uuid_in (GPtrArray *records, gint64 id)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    if (pw_record_get_id (records->pdata[i]) == id)
      return pw_record_get_uuid (records->pdata[i]);
  return NULL;
}

static const char *
ref_uuid (Export *export, const PwField *field, gint64 id)
{
  g_autofree char *key = NULL;

  for (guint i = 0; i < N_PARTS; i++)
    if (strcmp (part_tables[i], field->ref) == 0)
      return uuid_in (export->parts[i], id);
  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, field->ref, id);
  return g_hash_table_lookup (export->uuids, key);
}

static int
write_ref (Export *export, const PwField *field, gint64 id)
{
  g_autofree char *name = g_strndup (field->name, strlen (field->name) - strlen ("-id"));
  g_autofree char *element = g_strconcat (name, "-ref", NULL);
  const char *uuid = ref_uuid (export, field, id);

  if (uuid == NULL)
    return 0;
  return xmlTextWriterWriteElement (export->writer, BAD_CAST element, BAD_CAST uuid);
}

static int
write_value (Export *export, PwRecord *record, const PwField *field)
{
  g_autofree char *text = NULL;

  switch (field->type)
    {
    case PW_FIELD_REF:
      return write_ref (export, field, pw_record_get_int (record, field->name));
    case PW_FIELD_INT:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, pw_record_get_int (record, field->name));
      break;
    case PW_FIELD_BOOL:
      text = g_strdup (pw_record_get_int (record, field->name) ? "true" : "false");
      break;
    case PW_FIELD_CODES:
      text = g_strdelimit (g_strdup (pw_record_get_text (record, field->name)), ",", ' ');
      break;
    default:
      return xmlTextWriterWriteElement (export->writer, BAD_CAST field->name,
                                        BAD_CAST pw_record_get_text (record, field->name));
    }
  return xmlTextWriterWriteElement (export->writer, BAD_CAST field->name, BAD_CAST text);
}

static int
write_attribute (Export *export, const char *name, const char *value)
{
  if (value == NULL)
    return 0;
  return xmlTextWriterWriteAttribute (export->writer, BAD_CAST name, BAD_CAST value);
}

/* Opens the record's element and writes its fields; the caller writes what
 * is nested and closes it. */
static gboolean
start_record (Export *export, PwRecord *record)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  g_autofree char *name = element_name (klass->table);

  if (xmlTextWriterStartElement (export->writer, BAD_CAST name) < 0 ||
      write_attribute (export, "uuid", pw_record_get_uuid (record)) < 0 ||
      write_attribute (export, "created-at", pw_record_get_created_at (record)) < 0 ||
      write_attribute (export, "created-by", pw_record_get_created_by (record)) < 0 ||
      write_attribute (export, "updated-at", pw_record_get_updated_at (record)) < 0)
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];

      if ((field->flags & PW_FIELD_PARENT) != 0 || !pw_record_is_set (record, field->name))
        continue;
      if (write_value (export, record, field) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
end_record (Export *export)
{
  return xmlTextWriterEndElement (export->writer) >= 0;
}

static gboolean write_nested (Export *export, PwRecord *record);

/* The records of @part that belong to @parent through @field. */
static gboolean
write_part (Export *export, Part part, const char *field, gint64 parent)
{
  GPtrArray *records = export->parts[part];

  for (guint i = 0; i < records->len; i++)
    {
      PwRecord *record = records->pdata[i];

      if (field != NULL && pw_record_get_int (record, field) != parent)
        continue;
      if (!start_record (export, record) || !write_nested (export, record) ||
          !end_record (export))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_nested (Export *export, PwRecord *record)
{
  gint64 id = pw_record_get_id (record);

  if (PW_IS_CYCLE (record))
    return write_part (export, PART_OUTCOME, "cycle-id", id) &&
           write_part (export, PART_PROVISION, "cycle-id", id);
  if (PW_IS_OUTCOME (record))
    return write_part (export, PART_RATING, "outcome-id", id);
  if (PW_IS_PROVISION (record))
    return write_part (export, PART_SESSION, "provision-id", id);
  if (PW_IS_MEETING (record))
    return write_part (export, PART_ATTENDEE, "meeting-id", id) &&
           write_part (export, PART_MEETING_ACTION, "meeting-id", id);
  return TRUE;
}

static gboolean
write_child (Export *export, PwRecord *child)
{
  if (!start_record (export, child))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (child_parts); i++)
    if (!write_part (export, child_parts[i], NULL, 0))
      return FALSE;
  return end_record (export);
}

/* Reading ------------------------------------------------------------------------ */

static gboolean
read_rows (PwCaseload *caseload, GType type, const char *where, gint64 arg,
           GPtrArray *records, GError **error)
{
  g_autoptr(PwRecord) probe = pw_record_new (type);
  g_autofree char *sql = _pw_record_select_sql (PW_RECORD_GET_CLASS (probe), where);
  sqlite3_stmt *stmt = _pw_caseload_prepare (caseload, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwRecord *record = pw_record_new (type);

      _pw_record_load_row (record, stmt);
      g_ptr_array_add (records, record);
    }
  _pw_caseload_release (caseload, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (caseload, error);
}

static void
clear_parts (Export *export)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_ptr_array_set_size (export->parts[i], 0);
}

/* The child and all their records, in one read transaction. */
static PwRecord *
read_child (Export *export, gint64 child_id, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  clear_parts (export);
  if (!_pw_caseload_begin (export->caseload, error))
    return NULL;
  ok = read_rows (export->caseload, PW_TYPE_CHILD, "WHERE id = ?", child_id, found, error);
  for (guint i = 0; ok && i < N_PARTS; i++)
    ok = read_rows (export->caseload, pw_entity_type_for_table (part_tables[i]),
                    "WHERE child_id = ? ORDER BY id", child_id, export->parts[i], error);
  _pw_caseload_finish (export->caseload, ok, NULL);
  if (!ok)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND,
                   _("A child left the store while it was being exported"));
      return NULL;
    }
  return g_object_ref (found->pdata[0]);
}

static gboolean
read_child_ids (Export *export, PwExportScope *scope, GArray *ids, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM child WHERE %s ORDER BY id",
                                          scope->where);
  sqlite3_stmt *stmt;
  int rc;

  if (!_pw_caseload_begin (export->caseload, error))
    return FALSE;
  stmt = _pw_caseload_prepare (export->caseload, sql, error);
  rc = stmt != NULL ? SQLITE_DONE : SQLITE_ERROR;
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (stmt != NULL)
    _pw_caseload_release (export->caseload, stmt);
  if (rc != SQLITE_DONE)
    {
      if (stmt != NULL)
        _pw_caseload_sql_error (export->caseload, error);
      _pw_caseload_finish (export->caseload, FALSE, NULL);
      return FALSE;
    }
  if (!_pw_caseload_finish (export->caseload, TRUE, error))
    return FALSE;
  if (scope->n_upns > ids->len)
    {
      g_set_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_SCOPE,
                   _("Scope: %u of the UPNs belong to no child in this store"),
                   scope->n_upns - ids->len);
      return FALSE;
    }
  return TRUE;
}

/* The workers and settings the children in @scope refer to. */
static gboolean
read_people (Export *export, PwExportScope *scope, GPtrArray *settings, GPtrArray *workers,
             GError **error)
{
  g_autofree char *setting_where = g_strdup_printf (
    "WHERE id IN (SELECT setting_id FROM child WHERE %s) AND ?1 ORDER BY id", scope->where);
  g_autofree char *worker_where = g_strdup_printf (
    "WHERE id IN (SELECT key_worker_id FROM child WHERE %s UNION "
    "SELECT lead_practitioner_id FROM child WHERE %s) AND ?1 ORDER BY id",
    scope->where, scope->where);
  gboolean ok;

  if (!_pw_caseload_begin (export->caseload, error))
    return FALSE;
  ok = read_rows (export->caseload, PW_TYPE_SETTING, setting_where, 1, settings, error) &&
       read_rows (export->caseload, PW_TYPE_WORKER, worker_where, 1, workers, error);
  _pw_caseload_finish (export->caseload, ok, NULL);
  for (guint i = 0; ok && i < settings->len + workers->len; i++)
    {
      PwRecord *record = i < settings->len ? settings->pdata[i]
                                           : workers->pdata[i - settings->len];

      g_hash_table_insert (export->uuids,
                           g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                            pw_record_get_table (record),
                                            pw_record_get_id (record)),
                           g_strdup (pw_record_get_uuid (record)));
    }
  return ok;
}

/* The document ---------------------------------------------------------------------- */

static const char *
kind_name (PwExportKind kind)
{
  static const char *const names[] = { "caseload", "selection", "child" };

  return names[kind];
}

static gboolean
write_metadata (Export *export, PwExportScope *scope)
{
  xmlTextWriterPtr w = export->writer;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char *actor = pw_caseload_get_actor (export->caseload);
  PwStore *store = pw_caseload_get_store (export->caseload);

  return xmlTextWriterStartElement (w, BAD_CAST "export") >= 0 &&
         xmlTextWriterWriteElement (w, BAD_CAST "exported-at", BAD_CAST when) >= 0 &&
         xmlTextWriterWriteElement (w, BAD_CAST "exported-by",
                                    BAD_CAST (actor != NULL ? actor : "Pathway")) >= 0 &&
         xmlTextWriterWriteElement (w, BAD_CAST "store-uuid",
                                    BAD_CAST pw_store_get_uuid (store)) >= 0 &&
         xmlTextWriterWriteElement (w, BAD_CAST "software",
                                    BAD_CAST "Pathway " PACKAGE_VERSION) >= 0 &&
         xmlTextWriterStartElement (w, BAD_CAST "scope") >= 0 &&
         xmlTextWriterWriteAttribute (w, BAD_CAST "kind", BAD_CAST kind_name (scope->kind)) >= 0 &&
         xmlTextWriterWriteString (w, BAD_CAST scope->description) >= 0 &&
         xmlTextWriterEndElement (w) >= 0 &&
         xmlTextWriterEndElement (w) >= 0;
}

static gboolean
write_people (Export *export, GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    if (!start_record (export, records->pdata[i]) || !end_record (export))
      return FALSE;
  return TRUE;
}

static gboolean
write_start (Export *export, PwExportScope *scope, GError **error)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  xmlTextWriterPtr w = export->writer;

  if (!read_people (export, scope, settings, workers, error))
    return FALSE;
  if (xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElementNS (w, NULL, BAD_CAST "pathway",
                                   BAD_CAST PW_CASE_NAMESPACE) < 0 ||
      xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1") < 0 ||
      !write_metadata (export, scope) ||
      !write_people (export, settings) || !write_people (export, workers))
    return writer_failed (export, error);
  return TRUE;
}

static gboolean
write_children (Export *export, GArray *ids, GError **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PwRecord) child = read_child (export, g_array_index (ids, gint64, i), error);

      if (child == NULL)
        return FALSE;
      if (!write_child (export, child))
        return writer_failed (export, error);
    }
  clear_parts (export);
  return TRUE;
}

static gboolean
write_end (Export *export, GError **error)
{
  if (xmlTextWriterEndDocument (export->writer) < 0 || xmlTextWriterFlush (export->writer) < 0)
    return writer_failed (export, error);
  return export->io_error == NULL || writer_failed (export, error);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->writer, xmlFreeTextWriter);
  g_clear_pointer (&export->validator, pw_case_validator_free);
  g_clear_pointer (&export->uuids, g_hash_table_unref);
  g_clear_error (&export->io_error);
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_pointer (&export->parts[i], g_ptr_array_unref);
}

static gboolean
export_init (Export *export, PwCaseload *caseload, GOutputStream *out, GError **error)
{
  xmlOutputBufferPtr buffer;

  export->caseload = caseload;
  export->out = out;
  export->validator = pw_case_validator_new (error);
  if (export->validator == NULL)
    return FALSE;
  export->uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < N_PARTS; i++)
    export->parts[i] = g_ptr_array_new_with_free_func (g_object_unref);
  buffer = xmlOutputBufferCreateIO (write_cb, close_cb, export, NULL);
  export->writer = xmlNewTextWriter (buffer);
  xmlTextWriterSetIndent (export->writer, 1);
  xmlTextWriterSetIndentString (export->writer, BAD_CAST "  ");
  return TRUE;
}

/* Each page is read about once, so a large page cache gains nothing; a
 * small one keeps the memory an export needs the same for any caseload.
 * @old: (out) (optional): the size it had, in SQLite's units */
static gboolean
set_cache_size (PwCaseload *caseload, gint64 size, gint64 *old, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size=%" G_GINT64_FORMAT, size);
  gboolean ok;

  if (!_pw_caseload_begin (caseload, error))
    return FALSE;
  ok = (old == NULL ||
        _pw_caseload_query_int (caseload, "PRAGMA cache_size", 0, 0, old, error)) &&
       _pw_caseload_exec (caseload, sql, 0, error);
  return _pw_caseload_finish (caseload, ok, error) && ok;
}

/**
 * pw_export_write:
 * @out: where the case file goes
 * @n_children: (out) (optional): how many children were written
 *
 * Writes the children in @scope to @out as a Pathway case file, checking
 * it against the schema as it goes.
 */
gboolean
pw_export_write (PwCaseload     *caseload,
                 PwExportScope  *scope,
                 GOutputStream  *out,
                 guint          *n_children,
                 GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Export export = { NULL };
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (caseload), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  gint64 cache = 0;

  ok = export_init (&export, caseload, out, error) &&
       set_cache_size (caseload, -EXPORT_CACHE_KIB, &cache, error) &&
       read_child_ids (&export, scope, ids, error) &&
       write_start (&export, scope, error) &&
       write_children (&export, ids, error) &&
       write_end (&export, error) &&
       pw_case_validator_finish (export.validator, error);
  if (cache != 0)
    set_cache_size (caseload, cache, NULL, NULL);
  export_clear (&export);
  if (ok && n_children != NULL)
    *n_children = ids->len;
  return ok;
}

/* "Sam Senco, Pathway store UUID": who signed, within the label's limit and
 * printable, whatever the actor's name. */
static char *
signer_label (PwCaseload *caseload)
{
  const char *actor = pw_caseload_get_actor (caseload);
  g_autofree char *valid = g_utf8_make_valid (actor != NULL ? actor : "", -1);
  g_autoptr(GString) label = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (label, g_unichar_isprint (c) ? c : ' ');
    }
  g_string_append_printf (label, ", Pathway store %s",
                          pw_store_get_uuid (pw_caseload_get_store (caseload)));
  return g_string_free (g_steal_pointer (&label), FALSE);
}

/* The stream that seals what is written to @base, signed with the store's
 * own key. */
static GOutputStream *
sealing_stream (PwCaseload *caseload, GOutputStream *base, const guint8 *recipient_key,
                GError **error)
{
  guint8 *secret = sodium_malloc (PW_SEAL_SIGNING_KEY_BYTES);
  guint8 public[PW_SEAL_SIGNER_KEY_BYTES];
  g_autofree char *label = signer_label (caseload);
  GOutputStream *sealed = NULL;

  if (secret == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("There is no locked memory left for the signing key"));
      return NULL;
    }
  if (pw_caseload_get_signing_key (caseload, secret, public, error))
    sealed = pw_seal_output_stream_new (base, recipient_key, secret, label, error);
  sodium_free (secret);
  return sealed;
}

/**
 * pw_export_to_file:
 * @path: the file to write; it appears only once the whole export is written
 * @recipient_key: (nullable): a recipient's public key to seal the file to
 *
 * Writes the children in @scope to @path, sealed to @recipient_key if it
 * is given.  A failed export leaves no file.
 */
gboolean
pw_export_to_file (PwCaseload     *caseload,
                   PwExportScope  *scope,
                   const char     *path,
                   const guint8   *recipient_key,
                   guint          *n_children,
                   GError        **error)
{
  g_autoptr(PwOutputFile) file = pw_output_file_new (path, 0600, error);
  g_autoptr(GOutputStream) sealed = NULL;
  GOutputStream *out;

  if (file == NULL)
    return FALSE;
  out = pw_output_file_get_stream (file);
  if (recipient_key != NULL &&
      (out = sealed = sealing_stream (caseload, out, recipient_key, error)) == NULL)
    return FALSE;
  return pw_export_write (caseload, scope, out, n_children, error) &&
         (sealed == NULL || g_output_stream_close (sealed, NULL, error)) &&
         pw_output_file_commit (file, error);
}
