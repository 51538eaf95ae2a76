/* test-exchange.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Case files as a SENCO and a council's data officer meet them: an export
 * holds exactly the children its scope names and passes the published
 * schema (in this process and under xmllint); a failed export leaves
 * nothing behind; a file goes into another store and comes out the same;
 * an import adds, merges or refuses each child, and writes all of it or
 * nothing; a sealed file opens only with the right keys.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <unistd.h>

#include "pw-case-schema.h"
#include "pw-caseload.h"
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-identifiers.h"
#include "pw-import.h"
#include "pw-seal.h"
#include "pw-test-util.h"

#define N_CHILDREN 40
#define SEED       7

/* Two stores: a school's, filled with invented children, and an empty one
 * that receives its files. */
typedef struct
{
  PwTestDir src_dir;
  PwStore *src_store;
  PwCaseload *src;
  PwTestDir dst_dir;
  PwStore *dst_store;
  PwCaseload *dst;
  char *file;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->src = pw_test_caseload_new (&f->src_dir, &f->src_store);
  f->dst = pw_test_caseload_new (&f->dst_dir, &f->dst_store);
  pw_caseload_set_actor (f->dst, "Jo Council");
  pw_demo_fill (f->src, N_CHILDREN, SEED, &error);
  g_assert_no_error (error);
  f->file = g_build_filename (f->src_dir.dir, "cases.xml", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->file);
  pw_test_caseload_free (&f->dst_dir, f->dst_store, f->dst);
  pw_test_caseload_free (&f->src_dir, f->src_store, f->src);
}

/* Files and folders ---------------------------------------------------------------- */

static char *
path_in (PwTestDir *td, const char *name)
{
  return g_build_filename (td->dir, name, NULL);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static GString *
read_text (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  data = pw_test_read_file (path, &len);
  return g_string_new_len (data, len);
}

static void
write_text (const char *path, GString *text)
{
  pw_test_write_file (path, text->str, text->len);
}

/* Counting what a store holds ------------------------------------------------------ */

static gint64
count_active_children (PwStore *store)
{
  return pw_test_query_int (store, "SELECT count(*) FROM child WHERE archived_on IS NULL");
}

/* Every case record, of every kind. */
static gint64
count_records (PwStore *store)
{
  const GType *types;
  gint64 total = 0;
  guint n = 0;

  types = pw_entity_types (&n);
  for (guint i = 0; i < n; i++)
    {
      PwRecordClass *klass = g_type_class_ref (types[i]);

      total += pw_test_count_rows (store, klass->table);
      g_type_class_unref (klass);
    }
  return total;
}

static guint64
count_audit_entries (PwCaseload *caseload)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_assert_true (pw_caseload_verify_audit (caseload, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
assert_audit_intact (PwCaseload *caseload)
{
  count_audit_entries (caseload);
}

/* The uuids of the children matching @where, sorted, one space apart. */
static char *
store_child_uuids (PwStore *store, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(group_concat(uuid, ' '), '') FROM "
                                          "(SELECT uuid FROM child WHERE %s ORDER BY uuid)",
                                          where);

  return pw_test_query_text (store, sql);
}

static PwRecord *
load_ok (PwCaseload *caseload, GType type, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  PwRecord *record = pw_caseload_load_by_uuid (caseload, type, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static gint64
child_id (PwCaseload *caseload, const char *uuid)
{
  g_autoptr(PwRecord) child = load_ok (caseload, PW_TYPE_CHILD, uuid);

  return pw_record_get_id (child);
}

static void
archive_child (PwCaseload *caseload, const char *uuid)
{
  g_autoptr(PwRecord) child = load_ok (caseload, PW_TYPE_CHILD, uuid);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_set_archived (caseload, PW_CHILD (child), TRUE, &error));
  g_assert_no_error (error);
}

/* Reading a case file ---------------------------------------------------------------- */

static xmlXPathObjectPtr
xpath_eval (xmlDocPtr doc, const char *expr)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;

  xmlXPathRegisterNs (context, BAD_CAST "p", BAD_CAST PW_CASE_NAMESPACE);
  result = xmlXPathEvalExpression (BAD_CAST expr, context);
  xmlXPathFreeContext (context);
  g_assert_nonnull (result);
  return result;
}

static xmlDocPtr
read_doc (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

/* @expr on the case file at @path as a string; "p:" is the case namespace. */
static char *
xpath_string (const char *path, const char *expr)
{
  xmlDocPtr doc = read_doc (path);
  xmlXPathObjectPtr result = xpath_eval (doc, expr);
  xmlChar *value = xmlXPathCastToString (result);
  char *text = g_strdup ((const char *) value);

  xmlFree (value);
  xmlXPathFreeObject (result);
  xmlFreeDoc (doc);
  return text;
}

static guint
xpath_count (const char *path, const char *expr)
{
  g_autofree char *count = g_strdup_printf ("count(%s)", expr);
  g_autofree char *text = xpath_string (path, count);

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The values of the nodes @expr selects, sorted, one space apart. */
static char *
xpath_sorted_values (const char *path, const char *expr)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc = read_doc (path);
  xmlXPathObjectPtr result = xpath_eval (doc, expr);
  xmlNodeSetPtr nodes = result->nodesetval;

  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlChar *value = xmlNodeGetContent (nodes->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) value));
      xmlFree (value);
    }
  xmlXPathFreeObject (result);
  xmlFreeDoc (doc);
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  return g_strjoinv (" ", (char **) values->pdata);
}

static char *
file_child_uuids (const char *path)
{
  return xpath_sorted_values (path, "/p:pathway/p:child/@uuid");
}

static char *
file_scope_kind (const char *path)
{
  return xpath_string (path, "string(/p:pathway/p:export/p:scope/@kind)");
}

/* The schema's verdict, from this process and from xmllint ----------------------------- */

static void
ignore_xml_error (void *data, xmlErrorPtr error)
{
}

static gboolean
schema_accepts (const char *path)
{
  g_autoptr(GError) error = NULL;
  xmlSchemaPtr schema = pw_case_schema_new (&error);
  xmlSchemaValidCtxtPtr context;
  int rc;

  g_assert_no_error (error);
  context = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (context, ignore_xml_error, NULL);
  rc = xmlSchemaValidateFile (context, path, 0);
  xmlSchemaFreeValidCtxt (context);
  xmlSchemaFree (schema);
  g_assert_cmpint (rc, >=, 0);
  return rc == 0;
}

/* The published schema from the source tree, as a council would use it. */
static gboolean
xmllint_accepts (const char *path)
{
  const char *xsd = g_test_get_filename (G_TEST_DIST, "..", "resources", "schema",
                                         "pathway-case-v1.xsd", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "xmllint", "--noout", "--nonet", "--schema", xsd, path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  status = g_subprocess_get_exit_status (process);
  /* 5: xmllint could not compile the schema itself. */
  g_assert_cmpint (status, !=, 5);
  return status == 0;
}

static void
assert_schema_verdict (const char *path, gboolean valid)
{
  g_assert_cmpint (schema_accepts (path), ==, valid);
  g_assert_cmpint (xmllint_accepts (path), ==, valid);
}

/* Exporting -------------------------------------------------------------------------- */

static PwExportScope *
parse_scope_ok (const char *text, gboolean include_archived)
{
  g_autoptr(GError) error = NULL;
  PwExportScope *scope = pw_export_scope_parse (text, include_archived, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scope);
  return scope;
}

/* Writes @path, which every export must leave valid by the schema. */
static guint
export_ok (PwCaseload *caseload, PwExportScope *scope, const char *path)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;
  gboolean ok;

  ok = pw_export_to_file (caseload, scope, path, NULL, &n, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (xpath_count (path, "/p:pathway/p:child"), ==, n);
  assert_schema_verdict (path, TRUE);
  return n;
}

static guint
export_text_ok (PwCaseload *caseload, const char *text, gboolean include_archived,
                const char *path)
{
  g_autoptr(PwExportScope) scope = parse_scope_ok (text, include_archived);

  return export_ok (caseload, scope, path);
}

static guint
export_child_ok (PwCaseload *caseload, const char *uuid, const char *path)
{
  gint64 id = child_id (caseload, uuid);
  g_autoptr(PwExportScope) scope = pw_export_scope_new_children (&id, 1);

  return export_ok (caseload, scope, path);
}

/* Importing -------------------------------------------------------------------------- */

static PwImportReport *
import_ok (PwCaseload *caseload, const char *path, gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  PwImportReport *report = pw_import_file (caseload, path, dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static PwImportChild *
report_child (PwImportReport *report, guint index)
{
  g_assert_cmpuint (index, <, report->children->len);
  return g_ptr_array_index (report->children, index);
}

/* The place of the child with @uuid among the file's children, which is its
 * place in the report. */
static guint
file_child_index (const char *path, const char *uuid)
{
  g_autofree char *child = g_strdup_printf ("/p:pathway/p:child[@uuid='%s']", uuid);
  g_autofree char *before = g_strconcat (child, "/preceding-sibling::p:child", NULL);

  g_assert_cmpuint (xpath_count (path, child), ==, 1);
  return xpath_count (path, before);
}

static guint
count_actions (PwImportReport *report, PwImportAction action)
{
  guint n = 0;

  for (guint i = 0; i < report->children->len; i++)
    n += report_child (report, i)->action == action;
  return n;
}

/* Whether a note of @child says @needle, in any case: a person reads it. */
static gboolean
notes_say (PwImportChild *child, const char *needle)
{
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);

  for (guint i = 0; child->notes != NULL && i < child->notes->len; i++)
    {
      g_autofree char *note = g_utf8_casefold (g_ptr_array_index (child->notes, i), -1);

      if (strstr (note, folded_needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
count_notes (PwImportChild *child)
{
  return child->notes != NULL ? child->notes->len : 0;
}

static void
log_notes (PwImportChild *child)
{
  for (guint i = 0; i < count_notes (child); i++)
    g_test_message ("note: %s", (const char *) g_ptr_array_index (child->notes, i));
}

static void
assert_notes_say (PwImportChild *child, const char *needle)
{
  if (!notes_say (child, needle))
    {
      log_notes (child);
      g_test_message ("no note says “%s”", needle);
    }
  g_assert_true (notes_say (child, needle));
}

/* Editing a case file's text, as someone with the file could ---------------------------- */

/* Where the element of the record with @uuid begins. */
static gsize
find_record (GString *xml, const char *uuid)
{
  g_autofree char *attribute = g_strdup_printf (" uuid=\"%s\"", uuid);
  const char *at = strstr (xml->str, attribute);

  g_assert_nonnull (at);
  while (at > xml->str && *at != '<')
    at--;
  return at - xml->str;
}

/* Replaces the text of the first <@field> after @from. */
static void
set_field_text (GString *xml, gsize from, const char *field, const char *value)
{
  g_autofree char *open = g_strdup_printf ("<%s>", field);
  g_autofree char *close = g_strdup_printf ("</%s>", field);
  const char *start = strstr (xml->str + from, open);
  const char *end;
  gsize at;

  g_assert_nonnull (start);
  start += strlen (open);
  end = strstr (start, close);
  g_assert_nonnull (end);
  at = start - xml->str;
  g_string_erase (xml, at, end - start);
  g_string_insert (xml, at, value);
}

/* @upn with a check letter that does not fit it; still of the schema's form. */
static char *
upn_with_wrong_check_letter (const char *upn)
{
  char *bad = g_strdup (upn);

  for (char letter = 'A'; letter <= 'Z'; letter++)
    {
      gboolean temporary = FALSE;

      bad[0] = letter;
      if (!pw_upn_validate (bad, &temporary, NULL))
        return bad;
    }
  g_assert_not_reached ();
}

/* Scopes ----------------------------------------------------------------------------- */

static void
test_scope_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *in_file = NULL;
  g_autofree char *in_store = NULL;
  PwCaseloadStats stats;
  GStatBuf st;
  guint n;

  n = export_text_ok (f->src, "all", FALSE, f->file);
  g_assert_true (pw_caseload_get_stats (f->src, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, stats.children);
  g_assert_cmpuint (n, >, 0);

  kind = file_scope_kind (f->file);
  g_assert_cmpstr (kind, ==, "caseload");
  in_file = file_child_uuids (f->file);
  in_store = store_child_uuids (f->src_store, "archived_on IS NULL");
  g_assert_cmpstr (in_file, ==, in_store);

  /* Children's records: for the owner's eyes only. */
  g_assert_cmpint (g_stat (f->file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_scope_include_archived (Fixture *f, gconstpointer data)
{
  g_autofree char *archived = pw_test_query_text (f->src_store,
                                                  "SELECT uuid FROM child WHERE archived_on "
                                                  "IS NULL ORDER BY id LIMIT 1");
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  g_autofree char *active_here = NULL;
  g_autofree char *all_here = NULL;
  guint n_active, n_all;

  archive_child (f->src, archived);

  n_active = export_text_ok (f->src, "all", FALSE, f->file);
  g_assert_cmpint (n_active, ==, count_active_children (f->src_store));
  without = file_child_uuids (f->file);
  active_here = store_child_uuids (f->src_store, "archived_on IS NULL");
  g_assert_cmpstr (without, ==, active_here);
  g_assert_null (strstr (without, archived));

  n_all = export_text_ok (f->src, "all", TRUE, f->file);
  g_assert_cmpint (n_all, ==, pw_test_count_rows (f->src_store, "child"));
  g_assert_cmpuint (n_all, >, n_active);
  with = file_child_uuids (f->file);
  all_here = store_child_uuids (f->src_store, "1");
  g_assert_cmpstr (with, ==, all_here);
  g_assert_nonnull (strstr (with, archived));
}

/* Exports the children at the levels of @text: exactly those the store has
 * there (@sql), each saying so in the file (@xpath). */
static void
assert_level_scope (Fixture *f, const char *text, const char *sql, const char *xpath)
{
  g_autofree char *kind = NULL;
  g_autofree char *in_file = NULL;
  g_autofree char *in_store = NULL;
  g_autofree char *elsewhere = g_strdup_printf ("/p:pathway/p:child[not(%s)]", xpath);
  g_autofree char *where = g_strconcat ("archived_on IS NULL AND ", sql, NULL);
  guint n;

  n = export_text_ok (f->src, text, FALSE, f->file);
  g_assert_cmpuint (n, >, 0);
  kind = file_scope_kind (f->file);
  g_assert_cmpstr (kind, ==, "selection");
  in_file = file_child_uuids (f->file);
  in_store = store_child_uuids (f->src_store, where);
  g_assert_cmpstr (in_file, ==, in_store);
  g_assert_cmpuint (xpath_count (f->file, elsewhere), ==, 0);
}

static void
test_scope_level (Fixture *f, gconstpointer data)
{
  assert_level_scope (f, "level=3", "current_level = 3", "p:current-level = 3");
}

static void
test_scope_levels (Fixture *f, gconstpointer data)
{
  assert_level_scope (f, "level=3,4", "current_level IN (3, 4)",
                      "p:current-level = 3 or p:current-level = 4");
}

static char *
some_upn (Fixture *f, const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT upn FROM child WHERE upn IS NOT NULL AND "
                                          "archived_on IS NULL ORDER BY %s LIMIT 1", order);

  return pw_test_query_text (f->src_store, sql);
}

static void
test_scope_upns (Fixture *f, gconstpointer data)
{
  g_autofree char *a = some_upn (f, "id");
  g_autofree char *b = some_upn (f, "id DESC");
  g_autofree char *text = g_strdup_printf ("upn=%s,%s", a, b);
  g_autofree char *expected = strcmp (a, b) < 0 ? g_strdup_printf ("%s %s", a, b)
                                                : g_strdup_printf ("%s %s", b, a);
  g_autofree char *upns = NULL;
  g_autofree char *kind = NULL;

  g_assert_cmpstr (a, !=, b);
  g_assert_cmpuint (export_text_ok (f->src, text, FALSE, f->file), ==, 2);
  upns = xpath_sorted_values (f->file, "/p:pathway/p:child/p:upn");
  g_assert_cmpstr (upns, ==, expected);
  kind = file_scope_kind (f->file);
  g_assert_cmpstr (kind, ==, "selection");
}

static void
test_scope_one_child (Fixture *f, gconstpointer data)
{
  g_autofree char *upn = some_upn (f, "id");
  g_autofree char *text = g_strdup_printf ("upn=%s", upn);
  g_autofree char *in_file = NULL;
  g_autofree char *kind = NULL;

  g_assert_cmpuint (export_text_ok (f->src, text, FALSE, f->file), ==, 1);
  in_file = xpath_sorted_values (f->file, "/p:pathway/p:child/p:upn");
  g_assert_cmpstr (in_file, ==, upn);
  kind = file_scope_kind (f->file);
  g_assert_cmpstr (kind, ==, "child");
}

/* Whether the scope text is refused when read or when exporting, it is a
 * scope error and no file appears. */
static void
assert_scope_refused (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwExportScope) scope = NULL;
  guint n_files = count_files (f->src_dir.dir);
  guint n = 0;

  scope = pw_export_scope_parse (text, FALSE, &error);
  if (scope != NULL)
    g_assert_false (pw_export_to_file (f->src, scope, f->file, NULL, &n, &error));
  g_assert_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_SCOPE);
  g_test_message ("%s: %s", text, error->message);
  pw_test_assert_message_contains (error, "Scope");
  g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->src_dir.dir), ==, n_files);
}

static void
test_scope_unknown_upn (Fixture *f, gconstpointer data)
{
  g_autofree char *upn = pw_test_make_upn (916, 998, '\0');
  g_autofree char *text = g_strdup_printf ("upn=%s", upn);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChild) nobody = pw_caseload_find_child_by_upn (f->src, upn, &error);

  g_assert_null (nobody);
  g_clear_error (&error);
  assert_scope_refused (f, text);
}

static void
test_scope_bad_text (Fixture *f, gconstpointer data)
{
  assert_scope_refused (f, "level=7");
  assert_scope_refused (f, "upn=nonsense");
  assert_scope_refused (f, "everything");
}

/* The schema ------------------------------------------------------------------------- */

static void
test_schema_refuses_broken_copy (Fixture *f, gconstpointer data)
{
  g_autofree char *broken = path_in (&f->src_dir, "broken.xml");
  g_autoptr(GString) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportReport) report = NULL;
  gint64 n_records = count_records (f->dst_store);

  export_text_ok (f->src, "all", FALSE, f->file);
  xml = read_text (f->file);
  set_field_text (xml, 0, "sex", "ZZZ");
  write_text (broken, xml);
  assert_schema_verdict (broken, FALSE);

  /* An import refuses it too, saying where, and writes nothing. */
  report = pw_import_file (f->dst, broken, FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID);
  pw_test_assert_message_contains (error, "line");
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

/* Where an export is written -------------------------------------------------------- */

static void
test_file_missing_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = path_in (&f->src_dir, "no-such-folder");
  g_autofree char *path = g_build_filename (folder, "cases.xml", NULL);
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  g_autoptr(GError) error = NULL;
  guint n_files = count_files (f->src_dir.dir);
  guint n = 0;

  g_assert_false (pw_export_to_file (f->src, scope, path, NULL, &n, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->src_dir.dir), ==, n_files);
}

static void
test_file_read_only_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = path_in (&f->src_dir, "read-only");
  g_autofree char *path = g_build_filename (folder, "cases.xml", NULL);
  g_autofree char *other = g_build_filename (folder, "other.xml", NULL);
  static const char previous[] = "the previous export";
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  g_autoptr(GError) error = NULL;
  gboolean writable;
  guint n = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  pw_test_write_file (path, previous, strlen (previous));
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  writable = access (folder, W_OK) == 0;
  if (!writable)
    {
      /* A new file, and a file that is there already. */
      g_assert_false (pw_export_to_file (f->src, scope, other, NULL, &n, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (pw_export_to_file (f->src, scope, path, NULL, &n, &error));
      g_assert_nonnull (error);
      g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
      pw_test_assert_file_equals (path, previous, strlen (previous));
      g_assert_cmpuint (count_files (folder), ==, 1);
    }
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  g_unlink (path);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  if (writable)
    g_test_skip ("this user may write into a read-only folder");
}

static void
test_file_existing_kept (Fixture *f, gconstpointer data)
{
  static const char previous[] = "the previous export";
  g_autofree char *upn = pw_test_make_upn (916, 998, '\0');
  g_autofree char *text = g_strdup_printf ("upn=%s", upn);
  g_autoptr(PwExportScope) scope = parse_scope_ok (text, FALSE);
  g_autoptr(GError) error = NULL;
  guint n_files;
  guint n = 0;

  pw_test_write_file (f->file, previous, strlen (previous));
  n_files = count_files (f->src_dir.dir);
  g_assert_false (pw_export_to_file (f->src, scope, f->file, NULL, &n, &error));
  g_assert_nonnull (error);
  pw_test_assert_file_equals (f->file, previous, strlen (previous));
  g_assert_cmpuint (count_files (f->src_dir.dir), ==, n_files);

  /* A whole export replaces it. */
  export_text_ok (f->src, "all", FALSE, f->file);
  g_assert_cmpuint (count_files (f->src_dir.dir), ==, n_files);
}

/* Round trip ------------------------------------------------------------------------- */

/* The text of a case file without <exported-at>, <exported-by> and
 * <store-uuid>: they say when, by whom and from which store the file was
 * written, which differ between two stores by design; everything else is
 * the children's records and must come through an import unchanged. */
static char *
text_without_export_origin (const char *path)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GString) text = read_text (path);

  regex = g_regex_new ("\\s*<(exported-at|exported-by|store-uuid)>[^<]*</\\1>", 0, 0, NULL);
  g_assert_nonnull (regex);
  return g_regex_replace (regex, text->str, text->len, 0, "", 0, NULL);
}

/* Shows the first line that differs rather than two whole documents. */
static void
assert_same_document (const char *expected_path, const char *actual_path)
{
  g_autofree char *expected = text_without_export_origin (expected_path);
  g_autofree char *actual = text_without_export_origin (actual_path);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);
  g_auto(GStrv) actual_lines = g_strsplit (actual, "\n", -1);

  for (guint i = 0; expected_lines[i] != NULL && actual_lines[i] != NULL; i++)
    if (strcmp (expected_lines[i], actual_lines[i]) != 0)
      {
        g_test_message ("line %u differs", i + 1);
        g_assert_cmpstr (actual_lines[i], ==, expected_lines[i]);
      }
  g_assert_cmpuint (g_strv_length (actual_lines), ==, g_strv_length (expected_lines));
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *again = path_in (&f->dst_dir, "again.xml");
  g_autoptr(PwImportReport) report = NULL;
  guint64 audit_before = count_audit_entries (f->dst);
  guint n_records;
  guint n;

  n = export_text_ok (f->src, "all", FALSE, f->file);
  n_records = xpath_count (f->file, "/p:pathway/p:child/descendant-or-self::*[@uuid]");
  /* A second later, any time stamp the import wrote itself would show. */
  g_usleep (1100 * 1000);
  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->children->len, ==, n);
  g_assert_cmpuint (count_actions (report, PW_IMPORT_ADD), ==, n);
  g_assert_cmpuint (report->n_added, ==, n);
  g_assert_cmpuint (report->n_merged, ==, 0);
  g_assert_cmpuint (report->n_refused, ==, 0);
  g_assert_cmpint (count_active_children (f->dst_store), ==, n);

  /* Every record written has its audit entry, and the log still holds. */
  g_assert_cmpuint (count_audit_entries (f->dst), >=, audit_before + n_records);

  g_assert_cmpuint (export_text_ok (f->dst, "all", FALSE, again), ==, n);
  assert_same_document (f->file, again);
}

/* An archived child taken along on purpose arrives archived, not back on
 * the caseload. */
static void
test_round_trip_archived (Fixture *f, gconstpointer data)
{
  g_autofree char *again = path_in (&f->dst_dir, "again.xml");
  g_autofree char *archived = pw_test_query_text (f->src_store,
                                                  "SELECT uuid FROM child ORDER BY id LIMIT 1");
  g_autoptr(PwImportReport) report = NULL;
  guint n;

  archive_child (f->src, archived);
  n = export_text_ok (f->src, "all", TRUE, f->file);
  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_added, ==, n);
  g_assert_cmpint (count_active_children (f->dst_store), ==, n - 1);
  g_assert_cmpuint (export_text_ok (f->dst, "all", TRUE, again), ==, n);
  assert_same_document (f->file, again);
}

/* Dry run ---------------------------------------------------------------------------- */

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  gint64 n_records = count_records (f->dst_store);
  guint64 n_audit = count_audit_entries (f->dst);
  guint n;

  n = export_text_ok (f->src, "all", FALSE, f->file);
  report = import_ok (f->dst, f->file, TRUE);
  g_assert_false (report->applied);
  g_assert_cmpuint (report->children->len, ==, n);
  g_assert_cmpuint (count_actions (report, PW_IMPORT_ADD), ==, n);
  g_assert_cmpuint (report->n_added, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (report_child (report, i)->n_added, >, 0);

  g_assert_cmpint (count_active_children (f->dst_store), ==, 0);
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
  g_assert_cmpuint (count_audit_entries (f->dst), ==, n_audit);
}

/* Merging ---------------------------------------------------------------------------- */

static guint
export_and_import_all (Fixture *f)
{
  g_autoptr(PwImportReport) report = NULL;
  guint n = export_text_ok (f->src, "all", FALSE, f->file);

  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_added, ==, n);
  return n;
}

static void
test_merge_same_file (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  gint64 n_records;
  guint n;

  n = export_and_import_all (f);
  n_records = count_records (f->dst_store);
  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_merged, ==, n);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_refused, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      PwImportChild *child = report_child (report, i);

      g_assert_cmpint (child->action, ==, PW_IMPORT_MERGE);
      g_assert_cmpuint (child->n_added, ==, 0);
      g_assert_cmpuint (child->n_unchanged, >, 0);
      log_notes (child);
      g_assert_cmpuint (count_notes (child), ==, 0);
    }
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

/* An outcome of an open cycle, which may still be changed. */
static char *
open_outcome_uuid (PwStore *store)
{
  return pw_test_query_text (store, "SELECT o.uuid FROM outcome o JOIN cycle c "
                                    "ON c.id = o.cycle_id WHERE c.closed_on IS NULL "
                                    "ORDER BY o.id LIMIT 1");
}

static void
change_text (PwCaseload *caseload, GType type, const char *uuid, const char *field,
             const char *value)
{
  g_autoptr(PwRecord) record = load_ok (caseload, type, uuid);

  pw_record_set_text (record, field, value);
  pw_test_save_ok (caseload, record);
}

static void
assert_text (PwCaseload *caseload, GType type, const char *uuid, const char *field,
             const char *value)
{
  g_autoptr(PwRecord) record = load_ok (caseload, type, uuid);

  g_assert_cmpstr (pw_record_get_text (record, field), ==, value);
}

static void
test_merge_differences (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *child = NULL;
  g_autofree char *sql = NULL;
  PwImportChild *changed;
  guint index;
  guint n;

  n = export_and_import_all (f);
  outcome = open_outcome_uuid (f->dst_store);
  sql = g_strdup_printf ("SELECT ch.uuid FROM child ch JOIN outcome o ON o.child_id = ch.id "
                         "WHERE o.uuid = '%s'", outcome);
  child = pw_test_query_text (f->dst_store, sql);
  change_text (f->dst, PW_TYPE_CHILD, child, "legal-family-name", "Changed-Here");
  change_text (f->dst, PW_TYPE_OUTCOME, outcome, "description",
               "Reads a page aloud to the class, as agreed here");

  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_merged, ==, n);
  index = file_child_index (f->file, child);
  changed = report_child (report, index);
  g_assert_cmpint (changed->action, ==, PW_IMPORT_MERGE);
  g_assert_cmpuint (changed->n_added, ==, 0);
  log_notes (changed);
  g_assert_cmpuint (count_notes (changed), ==, 2);
  assert_notes_say (changed, "Legal last name: differs in the file; kept as it is here");
  assert_notes_say (changed, "outcome, Outcome: differs in the file; kept as it is here");
  for (guint i = 0; i < n; i++)
    if (i != index)
      g_assert_cmpuint (count_notes (report_child (report, i)), ==, 0);

  assert_text (f->dst, PW_TYPE_CHILD, child, "legal-family-name", "Changed-Here");
  assert_text (f->dst, PW_TYPE_OUTCOME, outcome, "description",
               "Reads a page aloud to the class, as agreed here");
}

static void
test_merge_new_record (Fixture *f, gconstpointer data)
{
  static const char text[] = "Came to the reading club on her own today.";
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(PwRecord) note = pw_record_new (PW_TYPE_NOTE);
  g_autoptr(PwRecord) arrived = NULL;
  g_autofree char *child = NULL;
  guint index;
  guint n;

  n = export_and_import_all (f);
  child = xpath_string (f->file, "string(/p:pathway/p:child[3]/@uuid)");
  pw_record_set_int (note, "child-id", child_id (f->src, child));
  pw_record_set_text (note, "event-date", "2026-11-20");
  pw_record_set_text (note, "text", text);
  pw_test_save_ok (f->src, note);

  g_assert_cmpuint (export_text_ok (f->src, "all", FALSE, f->file), ==, n);
  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_merged, ==, n);
  index = file_child_index (f->file, child);
  for (guint i = 0; i < n; i++)
    {
      PwImportChild *merged = report_child (report, i);

      g_assert_cmpint (merged->action, ==, PW_IMPORT_MERGE);
      g_assert_cmpuint (merged->n_added, ==, i == index ? 1 : 0);
    }

  /* The note arrives as it was written, by whom and when. */
  arrived = load_ok (f->dst, PW_TYPE_NOTE, pw_record_get_uuid (note));
  g_assert_cmpstr (pw_record_get_text (arrived, "text"), ==, text);
  g_assert_cmpstr (pw_record_get_created_by (arrived), ==, "Sam Senco");
  g_assert_cmpstr (pw_record_get_created_at (arrived), ==, pw_record_get_created_at (note));
  g_assert_cmpint (pw_record_get_int (arrived, "child-id"), ==, child_id (f->dst, child));
}

static PwRecord *
new_level_change (PwCaseload *caseload, const char *child, const char *date)
{
  g_autoptr(PwRecord) record = load_ok (caseload, PW_TYPE_CHILD, child);
  PwRecord *change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  gint64 level = pw_record_get_int (record, "current-level");

  pw_record_set_int (change, "child-id", pw_record_get_id (record));
  pw_record_set_text (change, "date", date);
  pw_record_set_int (change, "to-level", level == 1 ? 2 : 1);
  pw_record_set_text (change, "reason", "Agreed at the TAF meeting");
  pw_record_set_text (change, "route", "other");
  pw_record_set_text (change, "decided-by", "TAF meeting");
  return change;
}

static gint64
child_level (PwCaseload *caseload, const char *child)
{
  g_autoptr(PwRecord) record = load_ok (caseload, PW_TYPE_CHILD, child);

  return pw_record_get_int (record, "current-level");
}

/* A level decided here changes what Pathway derives for the child; that is
 * no difference from the file worth a note. */
static void
test_merge_derived_not_noted (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(PwRecord) change = NULL;
  g_autofree char *child = NULL;
  PwImportChild *merged;

  export_and_import_all (f);
  child = xpath_string (f->file, "string(/p:pathway/p:child[5]/@uuid)");
  change = new_level_change (f->dst, child, PW_TEST_TODAY);
  pw_test_save_ok (f->dst, change);

  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  merged = report_child (report, file_child_index (f->file, child));
  g_assert_cmpint (merged->action, ==, PW_IMPORT_MERGE);
  log_notes (merged);
  g_assert_cmpuint (count_notes (merged), ==, 0);
  assert_audit_intact (f->dst);
}

/* A level decided at the school after the last import arrives with the
 * next one, and the child is then at that level here too. */
static void
test_merge_new_level_change (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(PwRecord) change = NULL;
  g_autofree char *child = NULL;
  PwImportChild *merged;

  export_and_import_all (f);
  child = xpath_string (f->file, "string(/p:pathway/p:child[5]/@uuid)");
  change = new_level_change (f->src, child, PW_TEST_TODAY);
  pw_test_save_ok (f->src, change);

  export_text_ok (f->src, "all", FALSE, f->file);
  report = import_ok (f->dst, f->file, FALSE);
  g_assert_true (report->applied);
  merged = report_child (report, file_child_index (f->file, child));
  g_assert_cmpint (merged->action, ==, PW_IMPORT_MERGE);
  g_assert_cmpuint (merged->n_added, ==, 1);
  log_notes (merged);
  g_assert_cmpint (child_level (f->dst, child), ==, child_level (f->src, child));
  assert_audit_intact (f->dst);
}

/* What a dry run says is what the real run then does. */
static void
test_dry_run_matches_real_run (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) dry = NULL;
  g_autoptr(PwImportReport) real = NULL;
  g_autoptr(PwRecord) note = pw_record_new (PW_TYPE_NOTE);
  g_autofree char *child = NULL;

  export_and_import_all (f);
  child = xpath_string (f->file, "string(/p:pathway/p:child[2]/@uuid)");
  pw_record_set_int (note, "child-id", child_id (f->src, child));
  pw_record_set_text (note, "event-date", "2026-11-20");
  pw_record_set_text (note, "text", "Settled well after half term.");
  pw_test_save_ok (f->src, note);
  export_text_ok (f->src, "all", FALSE, f->file);

  dry = import_ok (f->dst, f->file, TRUE);
  real = import_ok (f->dst, f->file, FALSE);
  g_assert_cmpuint (dry->children->len, ==, real->children->len);
  for (guint i = 0; i < dry->children->len; i++)
    {
      PwImportChild *a = report_child (dry, i);
      PwImportChild *b = report_child (real, i);

      g_assert_cmpint (a->action, ==, b->action);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->upn, ==, b->upn);
      g_assert_cmpuint (a->n_added, ==, b->n_added);
      g_assert_cmpuint (a->n_unchanged, ==, b->n_unchanged);
      g_assert_cmpuint (count_notes (a), ==, count_notes (b));
    }
}

/* A child twice in one file, as when files are joined by hand: added once,
 * then found here. */
static void
test_child_twice_in_file (Fixture *f, gconstpointer data)
{
  g_autofree char *crafted = path_in (&f->src_dir, "crafted.xml");
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GString) xml = NULL;
  g_autofree char *copy = NULL;
  const char *start;
  const char *end;
  guint n;

  n = export_text_ok (f->src, "all", FALSE, f->file);
  xml = read_text (f->file);
  start = strstr (xml->str, "<child ");
  end = strstr (start, "</child>") + strlen ("</child>");
  copy = g_strndup (start, end - start);
  g_string_insert (xml, end - xml->str, copy);
  write_text (crafted, xml);

  report = import_ok (f->dst, crafted, FALSE);
  g_assert_true (report->applied);
  g_assert_cmpint (report_child (report, 0)->action, ==, PW_IMPORT_ADD);
  g_assert_cmpint (report_child (report, 1)->action, ==, PW_IMPORT_MERGE);
  g_assert_cmpuint (report_child (report, 1)->n_added, ==, 0);
  g_assert_cmpint (count_active_children (f->dst_store), ==, n);
  assert_audit_intact (f->dst);
}

/* All or nothing --------------------------------------------------------------------- */

/* Imports @crafted, in which the child with @uuid breaks a rule: a dry run
 * refuses that child alone, with a note naming @field; a real run writes
 * nothing at all. */
static void
assert_one_child_refused (Fixture *f, const char *crafted, const char *uuid, const char *field)
{
  g_autoptr(PwImportReport) dry = NULL;
  g_autoptr(PwImportReport) real = NULL;
  gint64 n_records = count_records (f->dst_store);
  guint index = file_child_index (crafted, uuid);
  guint n = xpath_count (crafted, "/p:pathway/p:child");
  PwImportChild *refused;

  assert_schema_verdict (crafted, TRUE);
  dry = import_ok (f->dst, crafted, TRUE);
  g_assert_false (dry->applied);
  refused = report_child (dry, index);
  log_notes (refused);
  g_assert_cmpint (refused->action, ==, PW_IMPORT_REFUSE);
  assert_notes_say (refused, field);
  g_assert_cmpuint (dry->n_refused, ==, 1);
  g_assert_cmpuint (count_actions (dry, PW_IMPORT_ADD), ==, n - 1);

  real = import_ok (f->dst, crafted, FALSE);
  g_assert_false (real->applied);
  g_assert_cmpuint (real->n_refused, ==, 1);
  g_assert_cmpint (report_child (real, index)->action, ==, PW_IMPORT_REFUSE);
  g_assert_cmpint (pw_test_count_rows (f->dst_store, "child"), ==, 0);
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

static void
test_refuse_future_level_change (Fixture *f, gconstpointer data)
{
  g_autofree char *crafted = path_in (&f->src_dir, "crafted.xml");
  g_autofree char *child = NULL;
  g_autofree char *change = NULL;
  g_autoptr(GString) xml = NULL;

  export_text_ok (f->src, "all", FALSE, f->file);
  child = xpath_string (f->file, "string(/p:pathway/p:child[p:level-change][2]/@uuid)");
  change = xpath_string (f->file, "string(/p:pathway/p:child[p:level-change][2]"
                                  "/p:level-change[1]/@uuid)");
  g_assert_cmpstr (change, !=, "");
  xml = read_text (f->file);
  /* After PW_TEST_TODAY. */
  set_field_text (xml, find_record (xml, change), "date", "2027-01-15");
  write_text (crafted, xml);
  assert_one_child_refused (f, crafted, child, "Date of the change");
}

static void
test_refuse_bad_upn_check_letter (Fixture *f, gconstpointer data)
{
  g_autofree char *crafted = path_in (&f->src_dir, "crafted.xml");
  g_autofree char *child = NULL;
  g_autofree char *upn = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GString) xml = NULL;

  export_text_ok (f->src, "all", FALSE, f->file);
  child = xpath_string (f->file, "string(/p:pathway/p:child[p:upn][2]/@uuid)");
  upn = xpath_string (f->file, "string(/p:pathway/p:child[p:upn][2]/p:upn)");
  bad = upn_with_wrong_check_letter (upn);
  xml = read_text (f->file);
  set_field_text (xml, find_record (xml, child), "upn", bad);
  write_text (crafted, xml);
  assert_one_child_refused (f, crafted, child, "UPN");
}

/* Refusals against what this store holds ---------------------------------------------- */

/* A kind of record that the first and second children of @path both have;
 * returns their first such records' uuids. */
static void
shared_record_kind (const char *path, char **first_record, char **second_record)
{
  static const char *const kinds[] = {
    "family-member", "consent", "level-change", "need", "cycle", "involvement", "note",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *expr_a = g_strdup_printf ("string(/p:pathway/p:child[1]/p:%s[1]/@uuid)",
                                                 kinds[i]);
      g_autofree char *expr_b = g_strdup_printf ("string(/p:pathway/p:child[2]/p:%s[1]/@uuid)",
                                                 kinds[i]);

      a = xpath_string (path, expr_a);
      b = xpath_string (path, expr_b);
      if (*a != '\0' && *b != '\0')
        {
          *first_record = g_steal_pointer (&a);
          *second_record = g_steal_pointer (&b);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_refuse_record_of_another_child (Fixture *f, gconstpointer data)
{
  g_autofree char *first_file = path_in (&f->src_dir, "first.xml");
  g_autofree char *second_file = path_in (&f->src_dir, "second.xml");
  g_autofree char *first = NULL;
  g_autofree char *first_record = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_record = NULL;
  g_autoptr(PwImportReport) added = NULL;
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GString) xml = NULL;
  gint64 n_records;

  export_text_ok (f->src, "all", FALSE, f->file);
  first = xpath_string (f->file, "string(/p:pathway/p:child[1]/@uuid)");
  second = xpath_string (f->file, "string(/p:pathway/p:child[2]/@uuid)");
  shared_record_kind (f->file, &first_record, &second_record);

  /* The second child is here already. */
  export_child_ok (f->src, second, second_file);
  added = import_ok (f->dst, second_file, FALSE);
  g_assert_true (added->applied);
  n_records = count_records (f->dst_store);

  /* The first child's file claims one of the second child's records. */
  export_child_ok (f->src, first, first_file);
  xml = read_text (first_file);
  g_assert_cmpuint (g_string_replace (xml, first_record, second_record, 0), >=, 1);
  write_text (first_file, xml);
  assert_schema_verdict (first_file, TRUE);

  report = import_ok (f->dst, first_file, FALSE);
  g_assert_false (report->applied);
  g_assert_cmpint (report_child (report, 0)->action, ==, PW_IMPORT_REFUSE);
  log_notes (report_child (report, 0));
  assert_notes_say (report_child (report, 0), "another child");
  g_assert_cmpint (pw_test_count_rows (f->dst_store, "child"), ==, 1);
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

static void
test_refuse_archived_here (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;
  g_autofree char *archived = NULL;
  gint64 n_records;
  guint index;
  guint n;

  n = export_and_import_all (f);
  archived = xpath_string (f->file, "string(/p:pathway/p:child[4]/@uuid)");
  archive_child (f->dst, archived);
  n_records = count_records (f->dst_store);

  report = import_ok (f->dst, f->file, FALSE);
  g_assert_false (report->applied);
  g_assert_cmpuint (report->n_refused, ==, 1);
  index = file_child_index (f->file, archived);
  g_assert_cmpint (report_child (report, index)->action, ==, PW_IMPORT_REFUSE);
  assert_notes_say (report_child (report, index), "archived");
  g_assert_cmpuint (count_actions (report, PW_IMPORT_MERGE), ==, n - 1);
  g_assert_cmpint (count_active_children (f->dst_store), ==, n - 1);
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

static void
test_refuse_upn_differs (Fixture *f, gconstpointer data)
{
  g_autofree char *crafted = path_in (&f->src_dir, "crafted.xml");
  g_autofree char *other_upn = pw_test_make_upn (916, 997, '\0');
  g_autofree char *child = NULL;
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GString) xml = NULL;
  gint64 n_records;
  guint index;

  export_and_import_all (f);
  child = xpath_string (f->file, "string(/p:pathway/p:child[p:upn][1]/@uuid)");
  xml = read_text (f->file);
  set_field_text (xml, find_record (xml, child), "upn", other_upn);
  write_text (crafted, xml);
  n_records = count_records (f->dst_store);

  report = import_ok (f->dst, crafted, FALSE);
  g_assert_false (report->applied);
  index = file_child_index (crafted, child);
  g_assert_cmpint (report_child (report, index)->action, ==, PW_IMPORT_REFUSE);
  assert_notes_say (report_child (report, index), "UPN");
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

/* Sealed files ----------------------------------------------------------------------- */

typedef struct
{
  char *public_path;
  char *secret_path;
  guint8 public_key[PW_SEAL_PUBLIC_KEY_BYTES];
  guint8 secret_key[PW_SEAL_SECRET_KEY_BYTES];
} Keys;

static void
keys_make (Keys *keys, PwTestDir *td, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pub = g_strconcat (name, ".pub", NULL);
  g_autofree char *key = g_strconcat (name, ".key", NULL);

  keys->public_path = path_in (td, pub);
  keys->secret_path = path_in (td, key);
  g_assert_true (pw_seal_keygen (keys->public_path, keys->secret_path, &error));
  g_assert_no_error (error);
  g_assert_true (pw_seal_read_public_key (keys->public_path, keys->public_key, &error));
  g_assert_true (pw_seal_read_secret_key (keys->secret_path, keys->secret_key, &error));
  g_assert_no_error (error);
}

static void
keys_clear (Keys *keys)
{
  g_clear_pointer (&keys->public_path, g_free);
  g_clear_pointer (&keys->secret_path, g_free);
  memset (keys->secret_key, 0, sizeof keys->secret_key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Keys, keys_clear)

static void
signer_key (PwCaseload *caseload, guint8 *pk)
{
  g_autoptr(GError) error = NULL;
  guint8 sk[PW_SEAL_SIGNING_KEY_BYTES];

  g_assert_true (pw_caseload_get_signing_key (caseload, sk, pk, &error));
  g_assert_no_error (error);
  memset (sk, 0, sizeof sk);
}

static char *
export_sealed (Fixture *f, Keys *council)
{
  g_autofree char *path = path_in (&f->src_dir, "cases.sealed");
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  gsize len = 0;
  guint n = 0;

  g_assert_true (pw_export_to_file (f->src, scope, path, council->public_key, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, count_active_children (f->src_store));
  head = pw_test_read_file (path, &len);
  g_assert_true (pw_seal_is_sealed ((const guint8 *) head, len));
  g_assert_null (memmem (head, len, "<child", 6));
  return g_steal_pointer (&path);
}

static void
test_sealed_round_trip (Fixture *f, gconstpointer data)
{
  g_auto(Keys) council = { 0 };
  g_autofree char *sealed = NULL;
  g_autofree char *again = path_in (&f->dst_dir, "again.xml");
  g_autofree char *fingerprint = NULL;
  g_autoptr(PwImportReport) dry = NULL;
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint8 src_signer[PW_SEAL_SIGNER_KEY_BYTES];
  guint n;

  keys_make (&council, &f->dst_dir, "council");
  signer_key (f->src, src_signer);
  fingerprint = pw_seal_fingerprint (src_signer);
  n = export_text_ok (f->src, "all", FALSE, f->file);
  sealed = export_sealed (f, &council);

  dry = pw_import_sealed_file (f->dst, sealed, council.secret_key, src_signer, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (dry->applied);
  g_assert_cmpuint (dry->n_added, ==, n);
  g_assert_nonnull (strstr (dry->signed_by, fingerprint));
  g_assert_cmpint (count_records (f->dst_store), ==, 0);

  report = pw_import_sealed_file (f->dst, sealed, council.secret_key, src_signer, FALSE,
                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_added, ==, n);
  g_assert_nonnull (report->signed_by);
  g_assert_nonnull (strstr (report->signed_by, fingerprint));

  /* The same children as the plain file gives. */
  export_text_ok (f->dst, "all", FALSE, again);
  assert_same_document (f->file, again);
}

static void
assert_sealed_import_fails (Fixture *f, const char *sealed, const guint8 *secret_key,
                            const guint8 *expected_signer, GQuark domain, int code)
{
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_records = count_records (f->dst_store);
  guint64 n_audit = count_audit_entries (f->dst);

  report = pw_import_sealed_file (f->dst, sealed, secret_key, expected_signer, FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
  g_assert_cmpuint (count_audit_entries (f->dst), ==, n_audit);
}

static void
test_sealed_wrong_key (Fixture *f, gconstpointer data)
{
  g_auto(Keys) council = { 0 };
  g_auto(Keys) other = { 0 };
  g_autofree char *sealed = NULL;

  keys_make (&council, &f->dst_dir, "council");
  keys_make (&other, &f->dst_dir, "other");
  sealed = export_sealed (f, &council);
  assert_sealed_import_fails (f, sealed, other.secret_key, NULL, PW_SEAL_ERROR,
                              PW_SEAL_ERROR_WRONG_KEY);
}

static void
test_sealed_other_signer (Fixture *f, gconstpointer data)
{
  g_auto(Keys) council = { 0 };
  g_autofree char *sealed = NULL;
  guint8 dst_signer[PW_SEAL_SIGNER_KEY_BYTES];

  keys_make (&council, &f->dst_dir, "council");
  sealed = export_sealed (f, &council);
  /* The receiving store's own key: a store, but not the one that signed. */
  signer_key (f->dst, dst_signer);
  assert_sealed_import_fails (f, sealed, council.secret_key, dst_signer, PW_SEAL_ERROR,
                              PW_SEAL_ERROR_SIGNER);
}

/* A sealed file changed or cut short on the way: nothing of it is read in. */
static void
test_sealed_tampered (Fixture *f, gconstpointer data)
{
  g_auto(Keys) council = { 0 };
  g_autofree char *sealed = NULL;
  g_autofree char *bytes = NULL;
  guint8 src_signer[PW_SEAL_SIGNER_KEY_BYTES];
  gsize len = 0;

  keys_make (&council, &f->dst_dir, "council");
  signer_key (f->src, src_signer);
  sealed = export_sealed (f, &council);
  bytes = pw_test_read_file (sealed, &len);

  pw_test_flip_byte (sealed, len / 2);
  assert_sealed_import_fails (f, sealed, council.secret_key, src_signer, PW_SEAL_ERROR,
                              PW_SEAL_ERROR_CORRUPT);
  pw_test_write_file (sealed, bytes, len);
  pw_test_flip_byte (sealed, len - 5);
  assert_sealed_import_fails (f, sealed, council.secret_key, src_signer, PW_SEAL_ERROR,
                              PW_SEAL_ERROR_BAD_SIGNATURE);
  pw_test_write_file (sealed, bytes, len - 100);
  assert_sealed_import_fails (f, sealed, council.secret_key, src_signer, PW_SEAL_ERROR,
                              PW_SEAL_ERROR_TRUNCATED);
}

static void
test_sealed_plain_import_refused (Fixture *f, gconstpointer data)
{
  g_auto(Keys) council = { 0 };
  g_autofree char *sealed = NULL;
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_records = count_records (f->dst_store);

  keys_make (&council, &f->dst_dir, "council");
  sealed = export_sealed (f, &council);
  report = pw_import_file (f->dst, sealed, FALSE, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  pw_test_assert_message_contains (error, "sealed");
  g_assert_cmpint (count_records (f->dst_store), ==, n_records);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/exchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("scope/all", test_scope_all);
  ADD ("scope/include-archived", test_scope_include_archived);
  ADD ("scope/level", test_scope_level);
  ADD ("scope/levels", test_scope_levels);
  ADD ("scope/upns", test_scope_upns);
  ADD ("scope/one-child", test_scope_one_child);
  ADD ("scope/unknown-upn", test_scope_unknown_upn);
  ADD ("scope/bad-text", test_scope_bad_text);
  ADD ("schema/broken-copy", test_schema_refuses_broken_copy);
  ADD ("file/missing-folder", test_file_missing_folder);
  ADD ("file/read-only-folder", test_file_read_only_folder);
  ADD ("file/existing-kept", test_file_existing_kept);
  ADD ("round-trip", test_round_trip);
  ADD ("round-trip-archived", test_round_trip_archived);
  ADD ("dry-run", test_dry_run);
  ADD ("merge/same-file", test_merge_same_file);
  ADD ("merge/differences", test_merge_differences);
  ADD ("merge/new-record", test_merge_new_record);
  ADD ("merge/derived-not-noted", test_merge_derived_not_noted);
  ADD ("merge/new-level-change", test_merge_new_level_change);
  ADD ("dry-run-matches-real-run", test_dry_run_matches_real_run);
  ADD ("child-twice-in-file", test_child_twice_in_file);
  ADD ("refuse/future-level-change", test_refuse_future_level_change);
  ADD ("refuse/bad-upn-check-letter", test_refuse_bad_upn_check_letter);
  ADD ("refuse/record-of-another-child", test_refuse_record_of_another_child);
  ADD ("refuse/archived-here", test_refuse_archived_here);
  ADD ("refuse/upn-differs", test_refuse_upn_differs);
  ADD ("sealed/round-trip", test_sealed_round_trip);
  ADD ("sealed/wrong-key", test_sealed_wrong_key);
  ADD ("sealed/other-signer", test_sealed_other_signer);
  ADD ("sealed/tampered", test_sealed_tampered);
  ADD ("sealed/plain-import-refused", test_sealed_plain_import_refused);
#undef ADD

  return g_test_run ();
}
