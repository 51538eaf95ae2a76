/* pw-import.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads a Pathway case file into the store: a child moving between
 * settings, or a restore.
 *
 * The file is read twice.  The first pass checks it against the schema
 * (PwCaseValidator: no DTD, no entities, bounded depth and text) and writes
 * nothing.  The second reads it one child at a time and writes it in one
 * transaction: all of it, or nothing.  A hash of each pass's bytes must
 * agree, so the file cannot change between the check and the reading.
 *
 * A child is matched to one already here by UPN, or else by the uuid of
 * their record.  A match is merged: records new to this store are added,
 * records already here are compared, and where they differ this store's
 * version is kept and the difference listed.  A child who breaks a rule is
 * refused, with the reason; any refusal stops the real run. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/globals.h>
#include <libxml/xmlreader.h>
#include <sodium.h>
#include <string.h>

#include "pw-caseload-private.h"
#include "pw-import.h"
#include "pw-record-private.h"
#include "pw-seal.h"

#define READ_CHUNK (64 * 1024)

typedef struct
{
  PwCaseload *caseload;
  GInputStream *input;
  crypto_generichash_state hash;
  GError *io_error;
  char *xml_problem;
  GHashTable *people;     /* uuid of a worker or setting in the file -> id here */
  GHashTable *records;    /* uuid of a record of the current child -> id here */
  GHashTable *types;      /* element name of a record -> its GType */
  PwImportReport *report;
  PwImportChild *current;
} Import;

static void
import_child_free (gpointer data)
{
  PwImportChild *child = data;

  g_free (child->name);
  g_free (child->upn);
  g_ptr_array_unref (child->notes);
  g_free (child);
}

void
pw_import_report_free (PwImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->children);
  g_free (report->signed_by);
  g_free (report);
}

static void
add_note (Import *import, char *note)
{
  g_ptr_array_add (import->current->notes, note);
}

/* The first pass ------------------------------------------------------------------ */

static gboolean
hash_stream (GInputStream *input, guint8 digest[crypto_generichash_BYTES],
             PwCaseValidator *validator, GError **error)
{
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  crypto_generichash_state hash;
  gssize n;

  crypto_generichash_init (&hash, NULL, 0, crypto_generichash_BYTES);
  while ((n = g_input_stream_read (input, buffer, READ_CHUNK, NULL, error)) > 0)
    {
      crypto_generichash_update (&hash, (guint8 *) buffer, n);
      if (!pw_case_validator_feed (validator, buffer, n, error))
        return FALSE;
    }
  crypto_generichash_final (&hash, digest, crypto_generichash_BYTES);
  return n == 0 && pw_case_validator_finish (validator, error);
}

static gboolean
check_file (PwImportOpenFunc open_func, gpointer user_data,
            guint8 digest[crypto_generichash_BYTES], GError **error)
{
  g_autoptr(PwCaseValidator) validator = pw_case_validator_new (error);
  g_autoptr(GInputStream) input = NULL;

  if (validator == NULL || (input = open_func (user_data, error)) == NULL)
    return FALSE;
  return hash_stream (input, digest, validator, error);
}

/* Records from the file -------------------------------------------------------------- */

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
node_attribute (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *text = g_strdup ((const char *) value);

  xmlFree (value);
  return text;
}

static gboolean
is_element (xmlNodePtr node)
{
  return node->type == XML_ELEMENT_NODE;
}

/* <meeting-action> is a record of the table meeting_action. */
static GHashTable *
record_types_new (void)
{
  GHashTable *types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_types;
  const GType *all = pw_entity_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      PwRecordClass *klass = g_type_class_ref (all[i]);

      g_hash_table_insert (types, g_strdelimit (g_strdup (klass->table), "_", '-'),
                           GSIZE_TO_POINTER (all[i]));
      g_type_class_unref (klass);
    }
  return types;
}

/* The kind of record @node is, or G_TYPE_INVALID if it is a field. */
static GType
record_type_of (Import *import, xmlNodePtr node)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (import->types, node->name));
}

/* Records are known by kind and uuid: "cycle:0b5c…".  Uuids are compared
 * in lower case, as Pathway writes them. */
static char *
record_key (const char *table, const char *uuid)
{
  g_autofree char *lower = g_ascii_strdown (uuid, -1);

  return g_strconcat (table, ":", lower, NULL);
}

static gint64
lookup_id (GHashTable *ids, const char *table, const char *uuid)
{
  g_autofree char *key = record_key (table, uuid);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (ids, key));
}

static void
remember_id (GHashTable *ids, PwRecord *record, gint64 id)
{
  g_hash_table_insert (ids, record_key (pw_record_get_table (record),
                                        pw_record_get_uuid (record)),
                       GSIZE_TO_POINTER (id));
}

/* <setting-ref>uuid</setting-ref> fills setting-id. */
static gboolean
set_ref (Import *import, PwRecord *record, const char *element, const char *uuid,
         GError **error)
{
  g_autofree char *stem = g_strndup (element, strlen (element) - strlen ("-ref"));
  g_autofree char *name = g_strconcat (stem, "-id", NULL);
  const PwField *field = pw_record_class_find_field (PW_RECORD_GET_CLASS (record), name);
  gint64 id;

  if (field == NULL || field->type != PW_FIELD_REF)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, NULL,
                            _("<%s> is not a reference of a %s"), element,
                            _(PW_RECORD_GET_CLASS (record)->label));
  id = lookup_id (pw_entity_belongs_to_child (pw_entity_type_for_table (field->ref))
                  ? import->records : import->people, field->ref, uuid);
  if (id == 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("refers to a record that is not in the file"));
  pw_record_set_int (record, name, id);
  return TRUE;
}

static gboolean
set_field (Import *import, PwRecord *record, const PwField *field, const char *text,
           GError **error)
{
  gint64 number;

  switch (field->type)
    {
    case PW_FIELD_BOOL:
      pw_record_set_int (record, field->name, strcmp (text, "true") == 0 ||
                                              strcmp (text, "1") == 0);
      return TRUE;
    case PW_FIELD_INT:
      if (!g_ascii_string_to_signed (text, 10, field->min, field->max, &number, NULL))
        return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                                _("must be a whole number from %" G_GINT64_FORMAT
                                  " to %" G_GINT64_FORMAT), field->min, field->max);
      pw_record_set_int (record, field->name, number);
      return TRUE;
    case PW_FIELD_CODES:
      {
        g_auto(GStrv) codes = g_strsplit_set (text, " \t\n\r", 0);
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; codes[i] != NULL; i++)
          if (codes[i][0] != '\0')
            g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", codes[i]);
        pw_record_set_text (record, field->name, list->str);
        return TRUE;
      }
    default:
      pw_record_set_text (record, field->name, text);
      return TRUE;
    }
}

/* A record with the identity and fields the file gives it; nested records
 * are left for the caller. */
static PwRecord *
record_from_node (Import *import, GType type, xmlNodePtr node, GError **error)
{
  g_autoptr(PwRecord) record = pw_record_new (type);
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  PwRecordIdentity identity = {
    0, node_attribute (node, "uuid"), node_attribute (node, "created-at"),
    node_attribute (node, "created-by"), node_attribute (node, "updated-at"),
  };
  gboolean ok = TRUE;

  if (identity.uuid != NULL)
    {
      char *lower = g_ascii_strdown (identity.uuid, -1);

      g_free (identity.uuid);
      identity.uuid = lower;
    }
  _pw_record_set_identity (record, &identity);
  g_free (identity.uuid);
  g_free (identity.created_at);
  g_free (identity.created_by);
  g_free (identity.updated_at);
  for (xmlNodePtr child = node->children; ok && child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;
      const PwField *field;
      g_autofree char *text = NULL;

      if (!is_element (child) || record_type_of (import, child) != G_TYPE_INVALID)
        continue;
      text = node_text (child);
      field = pw_record_class_find_field (klass, name);
      /* Only text keeps its spaces; the schema collapses those of the rest. */
      if (field == NULL || (field->type != PW_FIELD_TEXT && field->type != PW_FIELD_PROSE))
        g_strstrip (text);
      if (g_str_has_suffix (name, "-ref"))
        ok = set_ref (import, record, name, text, error);
      else if (field != NULL)
        ok = set_field (import, record, field, text, error);
      else
        ok = _pw_record_fail (error, PW_RECORD_ERROR_INVALID, NULL,
                              _("<%s> is not a field of a %s"), name, _(klass->label));
    }
  return ok ? g_steal_pointer (&record) : NULL;
}

/* Writing a record ---------------------------------------------------------------- */

/* The id and owner of the record with @uuid already in this store, if any. */
static gboolean
find_existing (Import *import, PwRecord *record, gint64 *id, gint64 *child_id,
               GError **error)
{
  const char *table = pw_record_get_table (record);
  gboolean owned = pw_entity_belongs_to_child (G_OBJECT_TYPE (record));
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s FROM %s WHERE uuid = ?",
                                          owned ? "child_id" : "0", table);
  sqlite3_stmt *stmt = _pw_caseload_prepare (import->caseload, sql, error);
  int rc;

  *id = *child_id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pw_record_get_uuid (record), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *child_id = sqlite3_column_int64 (stmt, 1);
    }
  _pw_caseload_release (import->caseload, stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pw_caseload_sql_error (import->caseload, error);
}

static gboolean
same_value (PwRecord *a, PwRecord *b, const PwField *field)
{
  g_autofree char *x = pw_record_format_field (a, field->name);
  g_autofree char *y = pw_record_format_field (b, field->name);

  return g_strcmp0 (x, y) == 0;
}

/* Notes each field the file gives differently from this store. */
static guint
compare (Import *import, PwRecord *here, PwRecord *incoming)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (here);
  guint n = 0;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];

      if ((field->flags & (PW_FIELD_DERIVED | PW_FIELD_PARENT)) != 0 ||
          same_value (here, incoming, field))
        continue;
      add_note (import, g_strdup_printf (_("%s, %s: differs in the file; kept as it is here"),
                                         _(klass->label), _(field->label)));
      n++;
    }
  return n;
}

static gboolean
save (Import *import, PwRecord *record, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (_pw_caseload_save (import->caseload, record, &local))
    return TRUE;
  g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ",
                              _(PW_RECORD_GET_CLASS (record)->label));
  return FALSE;
}

/* Adds @record, or compares it with the same record already here; @id is
 * set to the record's id here. */
static gboolean
write_record (Import *import, PwRecord *record, gint64 child_id, gint64 *id, GError **error)
{
  g_autoptr(PwRecord) here = NULL;
  gint64 owner;

  if (!find_existing (import, record, id, &owner, error))
    return FALSE;
  if (*id == 0)
    {
      if (!save (import, record, error))
        return FALSE;
      *id = pw_record_get_id (record);
      import->current->n_added++;
    }
  else if (owner != child_id)
    return _pw_record_fail (error, PW_RECORD_ERROR_CONFLICT, NULL,
                            _("A %s in the file has the identity of another child’s record "
                              "here"), _(PW_RECORD_GET_CLASS (record)->label));
  else if ((here = _pw_caseload_load (import->caseload, G_OBJECT_TYPE (record), *id,
                                      error)) == NULL)
    return FALSE;
  else if (compare (import, here, record) == 0)
    import->current->n_unchanged++;
  remember_id (import->records, record, *id);
  return TRUE;
}

/* The field by which a nested record points to the one it is in. */
static const char *
parent_field (PwRecord *record)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    if ((klass->fields[i].flags & PW_FIELD_PARENT) != 0 &&
        strcmp (klass->fields[i].name, "child-id") != 0)
      return klass->fields[i].name;
  return NULL;
}

/* The records inside @node, and theirs, in the file's order. */
static gboolean
write_nested (Import *import, xmlNodePtr node, gint64 child_id, gint64 parent_id,
              GError **error)
{
  for (xmlNodePtr item = node->children; item != NULL; item = item->next)
    {
      GType type = is_element (item) ? record_type_of (import, item) : G_TYPE_INVALID;
      g_autoptr(PwRecord) record = NULL;
      const char *parent;
      gint64 id;

      if (type == G_TYPE_INVALID)
        continue;
      record = record_from_node (import, type, item, error);
      if (record == NULL)
        return FALSE;
      pw_record_set_int (record, "child-id", child_id);
      if ((parent = parent_field (record)) != NULL)
        pw_record_set_int (record, parent, parent_id);
      if (!write_record (import, record, child_id, &id, error) ||
          !write_nested (import, item, child_id, id, error))
        return FALSE;
    }
  return TRUE;
}

/* Children ------------------------------------------------------------------------ */

static PwImportChild *
start_entry (Import *import)
{
  PwImportChild *entry = g_new0 (PwImportChild, 1);

  entry->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (import->report->children, entry);
  import->current = entry;
  g_hash_table_remove_all (import->records);
  return entry;
}

static void
describe_child (PwImportChild *entry, PwRecord *child)
{
  entry->name = g_strdup_printf ("%s %s", pw_record_get_text (child, "legal-given-name"),
                                 pw_record_get_text (child, "legal-family-name"));
  entry->upn = g_strdup (pw_record_get_text (child, "upn"));
}

/* The child here that @child is: the same UPN, or else the same record. */
static gboolean
match_child (Import *import, PwRecord *child, PwRecord **here, GError **error)
{
  const char *upn = pw_record_get_text (child, "upn");
  gint64 id = 0, owner;

  *here = NULL;
  if (upn != NULL &&
      !_pw_caseload_query_text_int (import->caseload, "SELECT id FROM child WHERE upn = ?",
                                    upn, &id, error))
    return FALSE;
  if (id == 0 && !find_existing (import, child, &id, &owner, error))
    return FALSE;
  if (id == 0)
    return TRUE;
  *here = _pw_caseload_load (import->caseload, PW_TYPE_CHILD, id, error);
  if (*here == NULL)
    return FALSE;
  if (g_strcmp0 (pw_record_get_text (*here, "upn"), upn) != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_CONFLICT, NULL,
                            _("The child’s record is here with a different UPN"));
  if (pw_record_is_set (*here, "archived-on"))
    return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                            _("The child’s record is archived here; restore it first"));
  return TRUE;
}

/* Writing the child's records touched their record; it is put back as the
 * file has it, archived if it was. */
static gboolean
restore_child_state (Import *import, PwRecord *child, const char *archived,
                     const char *updated, GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (import->caseload, "UPDATE child SET "
                                             "archived_on = ?, updated_at = ? WHERE id = ?",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, archived, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, updated, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, pw_record_get_id (child));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (import->caseload, stmt);
  if (rc != SQLITE_DONE)
    return _pw_caseload_sql_error (import->caseload, error);
  return archived == NULL ||
         _pw_caseload_audit (import->caseload, "archive", "child", pw_record_get_uuid (child),
                             error);
}

/* A child new to this store; archived after their records are written. */
static gboolean
add_child (Import *import, PwRecord *child, xmlNodePtr node, GError **error)
{
  g_autofree char *archived = g_strdup (pw_record_get_text (child, "archived-on"));
  g_autofree char *updated = NULL;
  gint64 id;

  pw_record_unset (child, "archived-on");
  if (!write_record (import, child, 0, &id, error))
    return FALSE;
  updated = g_strdup (pw_record_get_updated_at (child));
  return write_nested (import, node, id, id, error) &&
         restore_child_state (import, child, archived, updated, error);
}

static gboolean
merge_child (Import *import, PwRecord *here, PwRecord *child, xmlNodePtr node,
             GError **error)
{
  gint64 id = pw_record_get_id (here);

  if (compare (import, here, child) == 0)
    import->current->n_unchanged++;
  remember_id (import->records, child, id);
  return write_nested (import, node, id, id, error);
}

static gboolean
write_child (Import *import, PwImportChild *entry, xmlNodePtr node, GError **error)
{
  g_autoptr(PwRecord) child = record_from_node (import, PW_TYPE_CHILD, node, error);
  g_autoptr(PwRecord) here = NULL;

  if (child == NULL)
    return FALSE;
  describe_child (entry, child);
  if (!match_child (import, child, &here, error))
    return FALSE;
  entry->action = here != NULL ? PW_IMPORT_MERGE : PW_IMPORT_ADD;
  return here != NULL ? merge_child (import, here, child, node, error)
                      : add_child (import, child, node, error);
}

/* A child who breaks a rule is reported with the reason, and no more. */
static void
refuse_child (Import *import, PwImportChild *entry, xmlNodePtr node, const GError *reason)
{
  if (entry->name == NULL)
    {
      g_autofree char *uuid = node_attribute (node, "uuid");

      entry->name = g_strdup_printf (_("the child with record %s"), uuid);
    }
  entry->action = PW_IMPORT_REFUSE;
  entry->n_added = entry->n_unchanged = 0;
  g_ptr_array_set_size (entry->notes, 0);
  add_note (import, g_strdup (reason->message));
  import->report->n_refused++;
}

/* Each child in a savepoint of their own: a refused child leaves nothing.
 * Only a broken rule refuses a child; any other error stops the import. */
static gboolean
import_child (Import *import, xmlNodePtr node, GError **error)
{
  PwImportChild *entry = start_entry (import);
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (!_pw_caseload_begin (import->caseload, error))
    return FALSE;
  ok = write_child (import, entry, node, &local);
  if (!_pw_caseload_finish (import->caseload, ok, ok ? error : NULL) && ok)
    return FALSE;
  if (!ok && local->domain != PW_RECORD_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!ok)
    refuse_child (import, entry, node, local);
  import->report->n_added += ok && entry->action == PW_IMPORT_ADD;
  import->report->n_merged += ok && entry->action == PW_IMPORT_MERGE;
  return TRUE;
}

/* Workers and settings are matched by their record, then by name. */
static gboolean
import_person (Import *import, GType type, xmlNodePtr node, GError **error)
{
  g_autoptr(PwRecord) record = record_from_node (import, type, node, error);
  g_autofree char *sql = NULL;
  gint64 id, unused;

  if (record == NULL || !find_existing (import, record, &id, &unused, error))
    return FALSE;
  sql = g_strdup_printf ("SELECT id FROM %s WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                         pw_record_get_table (record));
  if (id == 0 &&
      !_pw_caseload_query_text_int (import->caseload, sql, pw_record_get_text (record, "name"),
                                    &id, error))
    return FALSE;
  if (id == 0)
    {
      if (!save (import, record, error))
        return FALSE;
      id = pw_record_get_id (record);
    }
  remember_id (import->people, record, id);
  return TRUE;
}

/* The second pass ---------------------------------------------------------------- */

static int
read_cb (void *data, char *buffer, int len)
{
  Import *import = data;
  gssize n = g_input_stream_read (import->input, buffer, len, NULL,
                                  import->io_error == NULL ? &import->io_error : NULL);

  if (n < 0)
    return -1;
  crypto_generichash_update (&import->hash, (guint8 *) buffer, n);
  return (int) n;
}

static int
close_cb (void *data)
{
  return 0;
}

static void
reader_error (void *data, xmlErrorPtr error)
{
  Import *import = data;

  if (import->xml_problem == NULL)
    import->xml_problem = g_strdup_printf (_("line %d: %s"), error->line,
                                           error->message != NULL ? error->message : "");
}

static gboolean
import_element (Import *import, xmlNodePtr node, GError **error)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "child") == 0)
    return import_child (import, node, error);
  if (strcmp (name, "worker") == 0)
    return import_person (import, PW_TYPE_WORKER, node, error);
  if (strcmp (name, "setting") == 0)
    return import_person (import, PW_TYPE_SETTING, node, error);
  return TRUE;
}

static gboolean
read_document (Import *import, GError **error)
{
  xmlTextReaderPtr reader = xmlReaderForIO (read_cb, close_cb, import, NULL, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  gboolean ok = TRUE;
  int rc;

  xmlStructuredErrorFunc old_func = xmlStructuredError;
  void *old_data = xmlStructuredErrorContext;

  if (reader == NULL)
    {
      g_set_error_literal (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID,
                           _("The case file could not be read"));
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (reader, reader_error, import);
  xmlSetStructuredErrorFunc (import, reader_error);
  rc = xmlTextReaderRead (reader);
  while (ok && rc == 1)
    {
      xmlNodePtr node;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT ||
          xmlTextReaderDepth (reader) != 1)
        {
          rc = xmlTextReaderRead (reader);
          continue;
        }
      node = xmlTextReaderExpand (reader);
      if (node == NULL)
        break;
      ok = import_element (import, node, error);
      rc = xmlTextReaderNext (reader);
    }
  xmlFreeTextReader (reader);
  xmlSetStructuredErrorFunc (old_data, old_func);
  if (!ok)
    return FALSE;
  if (import->io_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->io_error));
      return FALSE;
    }
  if (rc != 0 || import->xml_problem != NULL)
    {
      g_set_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID,
                   _("Not a valid Pathway case file: %s"),
                   import->xml_problem != NULL ? import->xml_problem : _("unreadable"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_all (Import *import, PwImportOpenFunc open_func, gpointer user_data,
          const guint8 *checked, GError **error)
{
  guint8 digest[crypto_generichash_BYTES];

  import->input = open_func (user_data, error);
  if (import->input == NULL)
    return FALSE;
  crypto_generichash_init (&import->hash, NULL, 0, crypto_generichash_BYTES);
  if (!read_document (import, error))
    return FALSE;
  crypto_generichash_final (&import->hash, digest, sizeof digest);
  if (sodium_memcmp (digest, checked, sizeof digest) != 0)
    {
      g_set_error_literal (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID,
                           _("The file changed while it was being imported"));
      return FALSE;
    }
  return TRUE;
}

static void
import_clear (Import *import)
{
  g_clear_object (&import->input);
  g_clear_error (&import->io_error);
  g_clear_pointer (&import->xml_problem, g_free);
  g_clear_pointer (&import->people, g_hash_table_unref);
  g_clear_pointer (&import->records, g_hash_table_unref);
  g_clear_pointer (&import->types, g_hash_table_unref);
}

/**
 * pw_import_run:
 * @open_func: opens the file; called twice
 * @dry_run: report what would happen, and change nothing
 *
 * Checks the case file, then reads it into the store in one transaction.
 * If any child is refused, nothing is written and the report says why
 * (report->applied is %FALSE).
 *
 * Returns: (transfer full): what was done or would be done to each child,
 *   or %NULL if the file is not a valid case file or could not be read
 */
PwImportReport *
pw_import_run (PwCaseload        *caseload,
               PwImportOpenFunc   open_func,
               gpointer           user_data,
               gboolean           dry_run,
               GError           **error)
{
  g_autoptr(PwImportReport) report = g_new0 (PwImportReport, 1);
  guint8 checked[crypto_generichash_BYTES];
  Import import = { caseload };
  gboolean ok, commit;

  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);

  report->children = g_ptr_array_new_with_free_func (import_child_free);
  if (!check_file (open_func, user_data, checked, error) ||
      !_pw_caseload_begin (caseload, error))
    return NULL;
  import.report = report;
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.types = record_types_new ();
  _pw_caseload_set_importing (caseload, TRUE);
  ok = read_all (&import, open_func, user_data, checked, error);
  _pw_caseload_set_importing (caseload, FALSE);
  import_clear (&import);
  commit = ok && !dry_run && report->n_refused == 0;
  if (!_pw_caseload_finish (caseload, commit, commit ? error : NULL) && commit)
    return NULL;
  if (!ok)
    return NULL;
  report->applied = commit;
  return g_steal_pointer (&report);
}

static GInputStream *
open_plain_file (gpointer user_data, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (user_data);
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, error);
  char head[8] = { 0 };

  if (input == NULL ||
      g_input_stream_read (G_INPUT_STREAM (input), head, sizeof head, NULL, error) < 0 ||
      !g_seekable_seek (G_SEEKABLE (input), 0, G_SEEK_SET, NULL, error))
    return NULL;
  if (pw_seal_is_sealed ((guint8 *) head, sizeof head))
    {
      g_set_error_literal (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID,
                           _("The file is sealed: it opens only with the recipient’s secret "
                             "key"));
      return NULL;
    }
  return G_INPUT_STREAM (g_steal_pointer (&input));
}

/**
 * pw_import_file:
 * @path: a Pathway case file that is not sealed
 *
 * Returns: (transfer full): as pw_import_run()
 */
PwImportReport *
pw_import_file (PwCaseload  *caseload,
                const char  *path,
                gboolean     dry_run,
                GError     **error)
{
  return pw_import_run (caseload, open_plain_file, (gpointer) path, dry_run, error);
}

typedef struct
{
  const char *path;
  const guint8 *secret_key;
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  const guint8 *signer_key;
  char *signed_by;
} SealedFile;

static GInputStream *
open_sealed_file (gpointer user_data, GError **error)
{
  SealedFile *sealed = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (sealed->path);
  g_autoptr(GFileInputStream) base = g_file_read (file, NULL, error);
  GInputStream *input;
  g_autofree char *fingerprint = NULL;

  if (base == NULL)
    return NULL;
  input = pw_seal_input_stream_new (G_INPUT_STREAM (base), sealed->secret_key,
                                    sealed->public_key, error);
  if (input == NULL)
    return NULL;
  if (sealed->signer_key != NULL)
    pw_seal_input_stream_set_expected_signer (PW_SEAL_INPUT_STREAM (input), sealed->signer_key);
  fingerprint = pw_seal_fingerprint (
    pw_seal_input_stream_get_signer_key (PW_SEAL_INPUT_STREAM (input)));
  g_free (sealed->signed_by);
  sealed->signed_by = g_strdup_printf (
    "%s (%s)", pw_seal_input_stream_get_signer_label (PW_SEAL_INPUT_STREAM (input)),
    fingerprint);
  return input;
}

/**
 * pw_import_sealed_file:
 * @path: a sealed Pathway case file
 * @secret_key: the recipient's secret key
 * @signer_key: (nullable): the store that must have signed it
 *
 * Returns: (transfer full): as pw_import_run(), with who signed the file
 */
PwImportReport *
pw_import_sealed_file (PwCaseload    *caseload,
                       const char    *path,
                       const guint8  *secret_key,
                       const guint8  *signer_key,
                       gboolean       dry_run,
                       GError       **error)
{
  SealedFile sealed = { path, secret_key, { 0 }, signer_key, NULL };
  PwImportReport *report;

  crypto_scalarmult_base (sealed.public_key, secret_key);
  report = pw_import_run (caseload, open_sealed_file, &sealed, dry_run, error);
  if (report != NULL)
    report->signed_by = g_steal_pointer (&sealed.signed_by);
  g_free (sealed.signed_by);
  return report;
}
