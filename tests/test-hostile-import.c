/* test-hostile-import.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Case files made to hurt the store that reads them: entity bombs,
 * external entities and DTDs, deep nesting, a 100 MB text, broken UTF-8,
 * codes and UPNs the rules refuse, duplicated identities, files cut short,
 * sealed files edited or opened with the wrong keys, and a file that
 * changes between the check and the reading.
 *
 * Each goes into a store that already holds a few children.  Each is
 * refused with a message that says what is wrong, the store is left
 * exactly as it was (its children, the rows of every table, the audit
 * log, the bytes of its file), and nothing is printed on standard error:
 * libxml2 must not put a child's data in a log.
 *
 * Promises core does not keep yet are checked all the same, and reported
 * as known failures (TAP "TODO") with what goes wrong, so that the rest of
 * the suite runs; they pass as soon as core keeps them. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pw-caseload.h"
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-identifiers.h"
#include "pw-import.h"
#include "pw-seal.h"
#include "pw-store-private.h"
#include "pw-test-util.h"

#define N_HERE        3      /* children already in the store */
#define SEED_HERE     1
#define N_SOURCE      2      /* children in the file */
#define SEED_SOURCE   2
#define HUGE_TEXT     (100 * 1024 * 1024)
#define DEEP_LEVELS   100000
#define MAX_GROWTH_KB (200 * 1024)
#define NAMESPACE     "urn:pathwayapp:case:1"
#define INVALID_FILE  "Not a valid Pathway case file"

/* The tables whose row counts a user would see change first. */
static const char *const counted_tables[] = {
  "child", "family_member", "cycle", "need", "note", "meeting", "worker", "setting", "audit",
};

/* A valid file from another store, which each case spoils in its own way. */
static struct
{
  GString *xml;
  GBytes *sealed;
  guint8 recipient_pk[crypto_box_PUBLICKEYBYTES];
  guint8 recipient_sk[crypto_box_SECRETKEYBYTES];
  guint8 signer_pk[crypto_sign_PUBLICKEYBYTES];
} source;

typedef struct
{
  gint64 counts[G_N_ELEMENTS (counted_tables)];
  char *children;
  guint64 n_audit;
  guint8 digest[crypto_generichash_BYTES];
  char *file;
  gsize file_len;
} Snapshot;

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
  char *file;
  Snapshot before;
} Fixture;

typedef void (*WriteFunc) (Fixture *f, const char *path);

typedef struct
{
  const char *name;
  WriteFunc write;
  const char *message;   /* what the error must say, after INVALID_FILE */
} HostileFile;

/* What the store holds ------------------------------------------------------------ */

static void
hash_column (crypto_generichash_state *hash, sqlite3_stmt *stmt, int col)
{
  guint8 type = (guint8) sqlite3_column_type (stmt, col);
  const void *bytes = type == SQLITE_BLOB ? sqlite3_column_blob (stmt, col)
                                          : (const void *) sqlite3_column_text (stmt, col);
  guint32 len = (guint32) sqlite3_column_bytes (stmt, col);

  crypto_generichash_update (hash, &type, 1);
  crypto_generichash_update (hash, (const guint8 *) &len, sizeof len);
  if (bytes != NULL)
    crypto_generichash_update (hash, bytes, len);
}

static void
hash_table (crypto_generichash_state *hash, sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  crypto_generichash_update (hash, (const guint8 *) table, strlen (table) + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int col = 0; col < sqlite3_column_count (stmt); col++)
      hash_column (hash, stmt, col);
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A digest of every row of every table, search index included. */
static void
digest_store (PwStore *store, guint8 *digest)
{
  crypto_generichash_state hash;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  _pw_store_enter (store);
  db = _pw_store_get_db (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  crypto_generichash_init (&hash, NULL, 0, crypto_generichash_BYTES);
  for (guint i = 0; i < tables->len; i++)
    hash_table (&hash, db, g_ptr_array_index (tables, i));
  crypto_generichash_final (&hash, digest, crypto_generichash_BYTES);
  _pw_store_leave (store);
}

static guint64
verify_audit (PwCaseload *caseload)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_assert_true (pw_caseload_verify_audit (caseload, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
snapshot_take (Fixture *f, Snapshot *snap)
{
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    snap->counts[i] = pw_test_count_rows (f->store, counted_tables[i]);
  snap->children = pw_test_query_text (f->store,
    "SELECT group_concat(line, char(10)) FROM (SELECT uuid || ' ' || legal_given_name || ' ' "
    "|| legal_family_name || ' ' || ifnull(upn, '-') || ' ' || ifnull(current_level, '-') "
    "|| ' ' || ifnull(archived_on, '-') AS line FROM child ORDER BY id)");
  snap->n_audit = verify_audit (f->caseload);
  digest_store (f->store, snap->digest);
  snap->file = pw_test_read_file (f->td.path, &snap->file_len);
}

static void
snapshot_clear (Snapshot *snap)
{
  g_clear_pointer (&snap->children, g_free);
  g_clear_pointer (&snap->file, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

/* The children, the counts, the audit log, every row and the file's bytes
 * are as they were before the import. */
static void
assert_unchanged (Fixture *f)
{
  g_auto(Snapshot) now = { { 0 } };

  snapshot_take (f, &now);
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      if (now.counts[i] != f->before.counts[i])
        g_test_message ("table %s changed", counted_tables[i]);
      g_assert_cmpint (now.counts[i], ==, f->before.counts[i]);
    }
  g_assert_cmpstr (now.children, ==, f->before.children);
  g_assert_cmpuint (now.n_audit, ==, f->before.n_audit);
  g_assert_cmpmem (now.digest, sizeof now.digest, f->before.digest, sizeof f->before.digest);
  pw_test_assert_file_equals (f->td.path, f->before.file, f->before.file_len);
}

/* The fixture --------------------------------------------------------------------- */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->caseload = pw_test_caseload_new (&f->td, &f->store);
  g_assert_true (pw_demo_fill (f->caseload, N_HERE, SEED_HERE, &error));
  g_assert_no_error (error);
  f->file = g_build_filename (f->td.dir, "hostile.xml", NULL);
  snapshot_take (f, &f->before);
  g_assert_cmpint (f->before.counts[0], ==, N_HERE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  snapshot_clear (&f->before);
  g_free (f->file);
  pw_test_caseload_free (&f->td, f->store, f->caseload);
}

static void
make_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  guint8 signer_sk[crypto_sign_SECRETKEYBYTES];
  g_autofree char *plain = NULL;
  g_autofree char *sealed = NULL;
  PwStore *store = NULL;
  PwCaseload *caseload;
  PwTestDir td;
  char *data;
  gsize len = 0;
  guint n = 0;

  caseload = pw_test_caseload_new (&td, &store);
  pw_caseload_set_actor (caseload, "Jo Other School");
  g_assert_true (pw_demo_fill (caseload, N_SOURCE, SEED_SOURCE, &error));
  g_assert_no_error (error);
  plain = g_build_filename (td.dir, "source.xml", NULL);
  sealed = g_build_filename (td.dir, "source.sealed", NULL);
  g_assert_true (pw_export_to_file (caseload, scope, plain, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N_SOURCE);
  crypto_box_keypair (source.recipient_pk, source.recipient_sk);
  g_assert_true (pw_export_to_file (caseload, scope, sealed, source.recipient_pk, &n, &error));
  g_assert_no_error (error);
  g_assert_true (pw_caseload_get_signing_key (caseload, signer_sk, source.signer_pk, &error));
  g_assert_no_error (error);
  sodium_memzero (signer_sk, sizeof signer_sk);
  data = pw_test_read_file (plain, &len);
  source.xml = g_string_new_len (data, len);
  g_free (data);
  data = pw_test_read_file (sealed, &len);
  source.sealed = g_bytes_new_take (data, len);
  pw_test_caseload_free (&td, store, caseload);
}

/* Standard error, where libxml2 prints what it has no handler for --------------- */

typedef struct
{
  int saved;
  char *path;
} Capture;

/* Under AddressSanitizer its reports go to the real standard error, not
 * into the capture, which an abort would leave unread. */
void __sanitizer_set_report_fd (void *fd) __attribute__ ((weak));

static void
set_report_fd (int fd)
{
  if (__sanitizer_set_report_fd != NULL)
    __sanitizer_set_report_fd ((void *) (gintptr) fd);
}

static void
capture_begin (Capture *capture, const char *dir)
{
  int fd;

  capture->path = g_build_filename (dir, "stderr.txt", NULL);
  fd = g_open (capture->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  fflush (stderr);
  capture->saved = dup (STDERR_FILENO);
  g_assert_cmpint (capture->saved, >=, 0);
  g_assert_cmpint (dup2 (fd, STDERR_FILENO), ==, STDERR_FILENO);
  close (fd);
  set_report_fd (capture->saved);
}

/* Returns what was printed. */
static char *
capture_end (Capture *capture)
{
  char *text;

  fflush (stderr);
  set_report_fd (STDERR_FILENO);
  g_assert_cmpint (dup2 (capture->saved, STDERR_FILENO), ==, STDERR_FILENO);
  close (capture->saved);
  text = pw_test_read_file (capture->path, NULL);
  g_unlink (capture->path);
  g_clear_pointer (&capture->path, g_free);
  return text;
}

/* Editing the source file ------------------------------------------------------------ */

static GString *
source_copy (void)
{
  return g_string_new_len (source.xml->str, source.xml->len);
}

static gsize
find_from (GString *xml, gsize from, const char *needle)
{
  const char *at = strstr (xml->str + from, needle);

  if (at == NULL)
    g_test_message ("the source file has no “%s”", needle);
  g_assert_nonnull (at);
  return at - xml->str;
}

static void
replace_at (GString *xml, gsize at, gsize len, const char *text)
{
  g_string_erase (xml, at, len);
  g_string_insert (xml, at, text);
}

static void
replace_first (GString *xml, const char *old, const char *text)
{
  replace_at (xml, find_from (xml, 0, old), strlen (old), text);
}

/* Where the @n-th (from 0) <child> starts. */
static gsize
child_start (GString *xml, guint n)
{
  gsize at = find_from (xml, 0, "<child ");

  for (guint i = 0; i < n; i++)
    at = find_from (xml, at + 1, "<child ");
  return at;
}

/* The text of the first <@field> from @from; @text may be any bytes. */
static void
set_field (GString *xml, gsize from, const char *field, const char *text)
{
  g_autofree char *open = g_strdup_printf ("<%s>", field);
  g_autofree char *close = g_strdup_printf ("</%s>", field);
  gsize start = find_from (xml, from, open) + strlen (open);
  gsize end = find_from (xml, start, close);

  replace_at (xml, start, end - start, text);
}

static char *
get_field (GString *xml, gsize from, const char *field)
{
  g_autofree char *open = g_strdup_printf ("<%s>", field);
  g_autofree char *close = g_strdup_printf ("</%s>", field);
  gsize start = find_from (xml, from, open) + strlen (open);
  gsize end = find_from (xml, start, close);

  return g_strndup (xml->str + start, end - start);
}

/* The value of the @n-th uuid="…" attribute from @from. */
static gsize
uuid_at (GString *xml, gsize from, guint n)
{
  gsize at = from;

  for (guint i = 0; i <= n; i++)
    at = find_from (xml, at, " uuid=\"") + strlen (" uuid=\"");
  return at;
}

static char *
child_uuid (GString *xml, guint n)
{
  return g_strndup (xml->str + uuid_at (xml, child_start (xml, n), 0), 36);
}

static char *
wrong_check_letter (const char *upn)
{
  char *wrong = g_strdup (upn);

  g_assert_cmpint (strlen (upn), ==, 13);
  g_assert_cmpint (pw_upn_check_letter (upn + 1), ==, upn[0]);
  wrong[0] = upn[0] == 'A' ? 'B' : 'A';
  return wrong;
}

static void
write_string (const char *path, GString *xml)
{
  pw_test_write_file (path, xml->str, xml->len);
}

/* The source's document element and what follows, after a new prolog. */
static GString *
with_prolog (const char *prolog)
{
  g_autoptr(GString) xml = source_copy ();
  gsize root = find_from (xml, 0, "<pathway");

  g_string_erase (xml, 0, root);
  g_string_prepend (xml, prolog);
  return g_steal_pointer (&xml);
}

/* Hostile files -------------------------------------------------------------------- */

#define LAUGHS \
  "<!DOCTYPE pathway [\n" \
  "  <!ENTITY l0 \"lol\">\n" \
  "  <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n" \
  "  <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n" \
  "  <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n" \
  "  <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n" \
  "  <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n" \
  "  <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n" \
  "  <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n" \
  "  <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n" \
  "  <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n" \
  "]>\n"

static GString *
billion_laughs (const char *prolog)
{
  g_autoptr(GString) xml = with_prolog (prolog);

  set_field (xml, child_start (xml, 0), "legal-given-name", "&l9;Sam");
  return g_steal_pointer (&xml);
}

static void
write_billion_laughs (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = billion_laughs ("<?xml version=\"1.0\"?>\n" LAUGHS);

  write_string (path, xml);
}

static void
write_external_entity (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = with_prolog ("<?xml version=\"1.0\"?>\n"
                                        "<!DOCTYPE pathway [\n"
                                        "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
                                        "]>\n");

  set_field (xml, child_start (xml, 0), "trusted-adult", "&xxe;");
  write_string (path, xml);
}

static void
write_external_dtd (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = with_prolog ("<?xml version=\"1.0\"?>\n<!DOCTYPE pathway SYSTEM "
                                        "\"http://example.invalid/x.dtd\">\n");

  write_string (path, xml);
}

static void
write_parameter_entities (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = with_prolog ("<?xml version=\"1.0\"?>\n"
                                        "<!DOCTYPE pathway [\n"
                                        "  <!ENTITY % remote SYSTEM \"http://example.invalid/x.ent\">\n"
                                        "  <!ENTITY % inner \"<!ENTITY name 'Mallory'>\">\n"
                                        "  %inner;\n"
                                        "  %remote;\n"
                                        "]>\n");

  set_field (xml, child_start (xml, 0), "legal-given-name", "&name;");
  write_string (path, xml);
}

static void
write_deep_nesting (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = g_string_sized_new (DEEP_LEVELS * 7 + 100);

  g_string_append (xml, "<?xml version=\"1.0\"?>\n");
  for (guint i = 0; i < DEEP_LEVELS; i++)
    g_string_append (xml, "<a>");
  for (guint i = 0; i < DEEP_LEVELS; i++)
    g_string_append (xml, "</a>");
  write_string (path, xml);
}

/* Deep inside a valid beginning, where the schema has nothing to say until
 * the elements are already too deep for a record. */
static void
write_deep_nesting_in_child (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();
  g_autoptr(GString) deep = g_string_sized_new (DEEP_LEVELS * 50);

  for (guint i = 0; i < DEEP_LEVELS; i++)
    g_string_append (deep, "<note uuid=\"00000000-0000-4000-8000-000000000000\">");
  replace_at (xml, child_start (xml, 1), 0, deep->str);
  write_string (path, xml);
}

static void
write_invalid_utf8 (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  set_field (xml, child_start (xml, 0), "legal-given-name", "Gr\xc3\x28" "ce\xff");
  write_string (path, xml);
}

/* Just over the limit: the validator stops the parser from inside its text
 * callback, where libxml2 2.9 frees the buffer the schema check still
 * reads (seen under AddressSanitizer). */
static void
write_long_name (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();
  g_autofree char *name = g_strnfill (PW_CASE_MAX_TEXT_BYTES + 4096, 'A');

  set_field (xml, child_start (xml, 0), "legal-given-name", name);
  write_string (path, xml);
}

static void
write_wrong_namespace (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  replace_first (xml, "xmlns=\"" NAMESPACE "\"", "xmlns=\"urn:pathwayapp:case:2\"");
  write_string (path, xml);
}

static void
write_no_namespace (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  replace_first (xml, " xmlns=\"" NAMESPACE "\"", "");
  write_string (path, xml);
}

static void
write_version_2 (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  replace_first (xml, "version=\"1\" ", "version=\"2\" ");
  write_string (path, xml);
}

static void
write_sex_x (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  set_field (xml, child_start (xml, 1), "sex", "X");
  write_string (path, xml);
}

static void
write_unknown_ethnicity (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  set_field (xml, child_start (xml, 0), "ethnicity", "WXYZ");
  write_string (path, xml);
}

/* The second record of the first child takes the first record's uuid. */
static void
write_duplicate_record_uuid (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();
  gsize child = child_start (xml, 0);
  gsize first = uuid_at (xml, child, 1);
  gsize second = uuid_at (xml, child, 2);
  g_autofree char *uuid = g_strndup (xml->str + first, 36);

  g_assert_cmpuint (second, <, child_start (xml, 1));
  replace_at (xml, second, 36, uuid);
  write_string (path, xml);
}

static void
write_truncated (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  g_string_truncate (xml, child_start (xml, 1) + 200);
  write_string (path, xml);
}

static void
write_empty (Fixture *f, const char *path)
{
  pw_test_write_file (path, "", 0);
}

static void
write_lone_angle (Fixture *f, const char *path)
{
  pw_test_write_file (path, "<", 1);
}

static void
write_sealed (Fixture *f, const char *path)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (source.sealed, &len);

  pw_test_write_file (path, data, len);
}

static void
write_two_roots (Fixture *f, const char *path)
{
  g_autoptr(GString) xml = source_copy ();

  g_string_append (xml, "<pathway xmlns=\"" NAMESPACE "\" version=\"1\"/>\n");
  write_string (path, xml);
}

static const HostileFile hostile_files[] = {
  { "billion-laughs", write_billion_laughs, "document type and entity declarations" },
  { "external-entity", write_external_entity, "document type and entity declarations" },
  { "external-dtd", write_external_dtd, "document type and entity declarations" },
  { "parameter-entities", write_parameter_entities, "document type and entity declarations" },
  { "deep-nesting", write_deep_nesting, "Element 'a'" },
  { "deep-nesting-in-child", write_deep_nesting_in_child, "note" },
  { "invalid-utf8-name", write_invalid_utf8, "well-formed" },
  { "long-name", write_long_name, "longer than" },
  { "wrong-namespace", write_wrong_namespace, "pathway" },
  { "no-namespace", write_no_namespace, "pathway" },
  { "version-2", write_version_2, "version" },
  { "sex-x", write_sex_x, "sex" },
  { "unknown-ethnicity", write_unknown_ethnicity, "ethnicity" },
  { "duplicate-record-uuid", write_duplicate_record_uuid, "uuid" },
  { "truncated", write_truncated, "well-formed" },
  { "empty", write_empty, "well-formed" },
  { "lone-angle", write_lone_angle, "well-formed" },
  { "two-roots", write_two_roots, "well-formed" },
  { "sealed-as-plain", write_sealed, "sealed" },
};

/* Importing ------------------------------------------------------------------------ */

/* Runs the import, dry and for real, and checks that it fails with
 * @domain/@code and a message saying @message, prints nothing and leaves
 * the store as it was. */
typedef PwImportReport *(*ImportFunc) (Fixture *f, gpointer data, gboolean dry_run,
                                       GError **error);

/* The promise: "Not a valid Pathway case file: line N: …", N from 1. */
static gboolean
says_line (const char *message)
{
  const char *at = strstr (message, INVALID_FILE ": line ");

  return at != NULL && g_ascii_isdigit (at[strlen (INVALID_FILE ": line ")]) &&
         at[strlen (INVALID_FILE ": line ")] != '0';
}

static void
assert_refused_quietly (Fixture *f, ImportFunc func, gpointer data, GQuark domain, int code,
                        const char *prefix, const char *message)
{
  gboolean lineless = FALSE;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwImportReport) report = NULL;
      g_autofree char *printed = NULL;
      Capture capture;

      capture_begin (&capture, f->td.dir);
      report = func (f, data, run == 0, &error);
      printed = capture_end (&capture);
      g_assert_cmpstr (printed, ==, "");
      g_assert_null (report);
      g_assert_nonnull (error);
      g_test_message ("%s run: %s", run == 0 ? "dry" : "real", error->message);
      g_assert_error (error, domain, code);
      pw_test_assert_message_contains (error, prefix);
      pw_test_assert_message_contains (error, message);
      assert_unchanged (f);
      lineless |= g_str_equal (prefix, INVALID_FILE) && !says_line (error->message) &&
                  strstr (error->message, "document type") == NULL;
    }
  /* Known: parse errors never reach the validator's handler, and schema
   * errors come with line 0. */
  if (lineless)
    g_test_incomplete ("the message does not say on which line the file is wrong");
}

static PwImportReport *
import_plain (Fixture *f, gpointer data, gboolean dry_run, GError **error)
{
  return pw_import_file (f->caseload, data, dry_run, error);
}

static void
test_hostile_file (Fixture *f, gconstpointer data)
{
  const HostileFile *hostile = data;

  hostile->write (f, f->file);
  assert_refused_quietly (f, import_plain, f->file, PW_EXCHANGE_ERROR,
                          PW_EXCHANGE_ERROR_INVALID,
                          hostile->write == write_sealed ? "sealed" : INVALID_FILE,
                          hostile->message);
}

static PwImportReport *
import_ok (Fixture *f, const char *path, gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  PwImportReport *report;
  Capture capture;

  capture_begin (&capture, f->td.dir);
  report = pw_import_file (f->caseload, path, dry_run, &error);
  printed = capture_end (&capture);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (printed, ==, "");
  return report;
}

static gboolean
notes_say (PwImportChild *child, const char *needle)
{
  for (guint i = 0; i < child->notes->len; i++)
    if (strstr (g_ptr_array_index (child->notes, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static PwImportChild *
report_child (PwImportReport *report, guint i)
{
  g_assert_cmpuint (i, <, report->children->len);
  return g_ptr_array_index (report->children, i);
}

/* The file every case spoils is itself accepted: each refusal below is the
 * spoiling's doing. */
static void
test_source_accepted (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportReport) report = NULL;

  write_string (f->file, source.xml);
  report = import_ok (f, f->file, TRUE);
  g_assert_cmpuint (report->n_added, ==, N_SOURCE);
  g_assert_cmpuint (report->n_refused, ==, 0);
  g_assert_false (report->applied);
  assert_unchanged (f);
}

/* The schema passes a UPN of the right shape; the check letter is core's
 * rule.  That child is refused, with the reason, and nothing is imported,
 * not even the other child who was fine. */
static void
test_upn_check_letter (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();
  g_autofree char *upn = get_field (xml, child_start (xml, 0), "upn");
  g_autofree char *wrong = wrong_check_letter (upn);

  set_field (xml, child_start (xml, 0), "upn", wrong);
  write_string (f->file, xml);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(PwImportReport) report = import_ok (f, f->file, run == 0);
      PwImportChild *refused = report_child (report, 0);

      g_assert_cmpint (refused->action, ==, PW_IMPORT_REFUSE);
      g_assert_cmpstr (refused->upn, ==, wrong);
      g_assert_true (notes_say (refused, "UPN"));
      g_assert_cmpint (report_child (report, 1)->action, ==, PW_IMPORT_ADD);
      g_assert_cmpuint (report->n_refused, ==, 1);
      g_assert_false (report->applied);
      assert_unchanged (f);
    }
}

/* A record of a child here, given to a new child in the file, is refused:
 * a file cannot move a record from one child to another. */
static void
test_record_of_another_child (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();
  g_autofree char *theirs = pw_test_query_text (f->store,
                                                "SELECT uuid FROM family_member LIMIT 1");
  gsize record = uuid_at (xml, find_from (xml, child_start (xml, 0), "<family-member "), 0);

  replace_at (xml, record, 36, theirs);
  write_string (f->file, xml);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(PwImportReport) report = import_ok (f, f->file, run == 0);
      PwImportChild *refused = report_child (report, 0);

      g_assert_cmpint (refused->action, ==, PW_IMPORT_REFUSE);
      g_assert_true (notes_say (refused, "another child"));
      g_assert_false (report->applied);
      assert_unchanged (f);
    }
}

/* The same child twice in one file: the second is matched to the first
 * (by UPN), so it merges, each difference is listed and the first
 * version is kept.  Nothing is overwritten without saying so. */
static void
test_same_child_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();
  gsize first = child_start (xml, 0);
  gsize end = find_from (xml, first, "</child>") + strlen ("</child>");
  g_autoptr(GString) twice = g_string_new_len (xml->str + first, end - first);
  g_autofree char *uuid = child_uuid (xml, 0);
  g_autofree char *name = get_field (xml, first, "legal-given-name");
  g_autofree char *sql = g_strdup_printf ("SELECT legal_given_name FROM child WHERE uuid = '%s'",
                                          uuid);
  g_autofree char *stored = NULL;

  set_field (twice, 0, "legal-given-name", "Overwritten");
  g_string_insert (xml, end, twice->str);
  write_string (f->file, xml);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(PwImportReport) report = import_ok (f, f->file, run == 0);
      PwImportChild *second = report_child (report, 1);

      g_assert_cmpuint (report->children->len, ==, N_SOURCE + 1);
      g_assert_cmpint (report_child (report, 0)->action, ==, PW_IMPORT_ADD);
      g_assert_cmpint (second->action, ==, PW_IMPORT_MERGE);
      g_assert_cmpuint (second->n_added, ==, 0);
      g_assert_true (notes_say (second, "kept as it is here"));
      g_assert_cmpuint (report->n_refused, ==, 0);
      g_assert_cmpint (report->applied, ==, run == 1);
      if (run == 0)
        assert_unchanged (f);
    }
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, N_HERE + N_SOURCE);
  stored = pw_test_query_text (f->store, sql);
  g_assert_cmpstr (stored, ==, name);
  verify_audit (f->caseload);
}

/* The same child record twice with two UPNs: the second is refused, and so
 * the whole file. */
static void
test_same_child_two_upns (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();
  gsize first = child_start (xml, 0);
  gsize end = find_from (xml, first, "</child>") + strlen ("</child>");
  g_autoptr(GString) twice = g_string_new_len (xml->str + first, end - first);
  g_autofree char *upn = pw_test_make_upn (916, 777, '\0');

  set_field (twice, 0, "upn", upn);
  g_string_insert (xml, end, twice->str);
  write_string (f->file, xml);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(PwImportReport) report = import_ok (f, f->file, run == 0);
      PwImportChild *second = report_child (report, 1);

      g_assert_cmpint (second->action, ==, PW_IMPORT_REFUSE);
      g_assert_true (notes_say (second, "UPN"));
      g_assert_false (report->applied);
      assert_unchanged (f);
    }
}

/* 100 MB in a name, as text, in a CDATA section, a comment or an attribute,
 * written to the file a megabyte at a time: the first pass stops early,
 * without holding it. */
typedef struct
{
  const char *name;
  const char *after;     /* where in the first child it goes */
  const char *open;
  const char *close;
  const char *message;
} HugeText;

static const HugeText huge_texts[] = {
  { "text", "<legal-given-name>", "", "", "longer than" },
  { "cdata", "<legal-given-name>", "<![CDATA[", "]]>", "" },
  { "comment", "<legal-given-name>", "<!--", "-->", "" },
  { "attribute", "<legal-given-name", " note=\"", "\"", "" },
};

static void
write_all (FILE *file, const char *data, gsize len)
{
  g_assert_cmpuint (fwrite (data, 1, len, file), ==, len);
}

static void
write_huge_text (const HugeText *huge, const char *path)
{
  g_autoptr(GString) xml = source_copy ();
  gsize at = find_from (xml, child_start (xml, 0), huge->after) + strlen (huge->after);
  g_autofree char *block = g_malloc (1024 * 1024);
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  memset (block, 'A', 1024 * 1024);
  write_all (file, xml->str, at);
  write_all (file, huge->open, strlen (huge->open));
  for (guint i = 0; i < HUGE_TEXT / (1024 * 1024); i++)
    write_all (file, block, 1024 * 1024);
  write_all (file, huge->close, strlen (huge->close));
  write_all (file, xml->str + at, xml->len - at);
  g_assert_cmpint (fclose (file), ==, 0);
}

static glong
peak_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
test_huge_text (Fixture *f, gconstpointer data)
{
  const HugeText *huge = data;
  glong before;

  write_huge_text (huge, f->file);
  before = peak_kb ();
  assert_refused_quietly (f, import_plain, f->file, PW_EXCHANGE_ERROR,
                          PW_EXCHANGE_ERROR_INVALID, INVALID_FILE, huge->message);
  g_test_message ("peak resident size grew by %ld KiB", peak_kb () - before);
  g_assert_cmpint (peak_kb () - before, <, MAX_GROWTH_KB);
  g_unlink (f->file);
}

/* Sealed files ----------------------------------------------------------------------- */

typedef struct
{
  const guint8 *secret_key;
  const guint8 *signer_key;
} SealedKeys;

static PwImportReport *
import_sealed (Fixture *f, gpointer data, gboolean dry_run, GError **error)
{
  SealedKeys *keys = data;

  return pw_import_sealed_file (f->caseload, f->file, keys->secret_key, keys->signer_key,
                                dry_run, error);
}

static void
write_sealed_edited (Fixture *f, gsize keep, goffset flip)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (source.sealed, &len);

  pw_test_write_file (f->file, data, MIN (keep, len));
  if (flip >= 0)
    pw_test_flip_byte (f->file, flip);
}

static void
assert_sealed_refused (Fixture *f, const guint8 *secret_key, const guint8 *signer_key,
                       int code, const char *message)
{
  SealedKeys keys = { secret_key, signer_key };

  assert_refused_quietly (f, import_sealed, &keys, PW_SEAL_ERROR, code, "", message);
}

static void
test_sealed_accepted (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportReport) report = NULL;

  write_sealed (f, f->file);
  report = pw_import_sealed_file (f->caseload, f->file, source.recipient_sk, source.signer_pk,
                                  TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_added, ==, N_SOURCE);
  g_assert_nonnull (report->signed_by);
  assert_unchanged (f);
}

static void
test_sealed_flipped_ciphertext (Fixture *f, gconstpointer data)
{
  gsize len = g_bytes_get_size (source.sealed);

  write_sealed_edited (f, len, len / 2);
  assert_sealed_refused (f, source.recipient_sk, NULL, PW_SEAL_ERROR_CORRUPT, "changed");
}

static void
test_sealed_truncated (Fixture *f, gconstpointer data)
{
  write_sealed_edited (f, g_bytes_get_size (source.sealed) / 2, -1);
  assert_sealed_refused (f, source.recipient_sk, NULL, PW_SEAL_ERROR_TRUNCATED, "cut short");
}

static void
test_sealed_wrong_key (Fixture *f, gconstpointer data)
{
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 sk[crypto_box_SECRETKEYBYTES];

  crypto_box_keypair (pk, sk);
  write_sealed (f, f->file);
  assert_sealed_refused (f, sk, NULL, PW_SEAL_ERROR_WRONG_KEY, "another key");
}

static void
test_sealed_bad_signature (Fixture *f, gconstpointer data)
{
  gsize len = g_bytes_get_size (source.sealed);

  write_sealed_edited (f, len, len - 1 - g_test_rand_int_range (0, 64));
  assert_sealed_refused (f, source.recipient_sk, NULL, PW_SEAL_ERROR_BAD_SIGNATURE,
                         "signature does not match");
}

static void
test_sealed_other_signer (Fixture *f, gconstpointer data)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];

  crypto_sign_keypair (pk, sk);
  write_sealed (f, f->file);
  assert_sealed_refused (f, source.recipient_sk, pk, PW_SEAL_ERROR_SIGNER,
                         "not by the expected store");
}

/* A file that changes between the passes ------------------------------------------- */

typedef struct
{
  GBytes *first;
  GBytes *second;
  guint n_opened;
} Changing;

static GInputStream *
open_changing (gpointer data, GError **error)
{
  Changing *changing = data;

  return g_memory_input_stream_new_from_bytes (changing->n_opened++ == 0 ? changing->first
                                                                          : changing->second);
}

static PwImportReport *
import_changing (Fixture *f, gpointer data, gboolean dry_run, GError **error)
{
  Changing *changing = data;

  changing->n_opened = 0;
  return pw_import_run (f->caseload, open_changing, changing, dry_run, error);
}

static GBytes *
bytes_of (GString *xml)
{
  return g_bytes_new (xml->str, xml->len);
}

/* What the second reading returns instead of the file that was checked. */
static GString *
second_other_child (void)
{
  g_autoptr(GString) xml = source_copy ();

  set_field (xml, child_start (xml, 1), "legal-given-name", "Switched");
  return g_steal_pointer (&xml);
}

static GString *
second_truncated (void)
{
  g_autoptr(GString) xml = source_copy ();

  g_string_truncate (xml, child_start (xml, 1) + 200);
  return g_steal_pointer (&xml);
}

static GString *
second_billion_laughs (void)
{
  return billion_laughs ("<?xml version=\"1.0\"?>\n" LAUGHS);
}

static GString *
second_extra_child (void)
{
  g_autoptr(GString) xml = source_copy ();
  gsize end = find_from (xml, child_start (xml, 1), "</child>") + strlen ("</child>");

  g_string_insert (xml, end, "<child uuid=\"0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b\">"
                   "<legal-given-name>Extra</legal-given-name>"
                   "<legal-family-name>Child</legal-family-name>"
                   "<date-of-birth>2019-01-01</date-of-birth><sex>F</sex>"
                   "<sen-provision>N</sen-provision></child>");
  return g_steal_pointer (&xml);
}

typedef struct
{
  const char *name;
  GString *(*second) (void);
  const char *message;
} ChangedFile;

/* A second reading that parses is caught by its hash; one that does not
 * may fail on its own first, which says enough. */
static const ChangedFile changed_files[] = {
  { "other-child", second_other_child, "The file changed while it was being imported" },
  { "extra-child", second_extra_child, "The file changed while it was being imported" },
  { "truncated", second_truncated, "" },
  { "billion-laughs", second_billion_laughs, "" },
};

static void
test_changed_between_passes (Fixture *f, gconstpointer data)
{
  const ChangedFile *changed = data;
  g_autoptr(GString) second = changed->second ();
  Changing changing = { bytes_of (source.xml), bytes_of (second), 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportReport) report = NULL;

  /* Known: when the second reading is not well-formed inside a child,
   * pw_import_run() returns NULL without setting an error. */
  report = import_changing (f, &changing, FALSE, &error);
  if (report == NULL && error == NULL)
    {
      g_test_incomplete ("pw_import_run() failed without an error when the file changed");
      assert_unchanged (f);
    }
  else
    {
      g_clear_pointer (&report, pw_import_report_free);
      g_clear_error (&error);
      assert_refused_quietly (f, import_changing, &changing, PW_EXCHANGE_ERROR,
                              PW_EXCHANGE_ERROR_INVALID, "", changed->message);
    }
  g_assert_cmpuint (changing.n_opened, ==, 2);
  g_bytes_unref (changing.first);
  g_bytes_unref (changing.second);
}

/* Known failures found by these tests -------------------------------------------- */

/* The first pass looks for "<!DOCTYPE" in the bytes, which a file in
 * UTF-16 spells differently; its entities are then expanded in the
 * second pass, after the checks. */
static GString *
utf16_of (GString *xml)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *utf16 = NULL;
  GString *out;

  utf16 = g_convert (xml->str, xml->len, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  out = g_string_new_len ("\xff\xfe", 2);
  g_string_append_len (out, utf16, len);
  return out;
}

static void
assert_refused_or_known (Fixture *f, const char *what, const char *message)
{
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwImportReport) report = NULL;
      g_autofree char *printed = NULL;
      Capture capture;

      capture_begin (&capture, f->td.dir);
      report = pw_import_file (f->caseload, f->file, run == 0, &error);
      printed = capture_end (&capture);
      assert_unchanged (f);
      if (report != NULL || error == NULL || printed[0] != '\0' ||
          strstr (error->message, message) == NULL)
        {
          g_test_message ("%s: report %s, error “%s”, printed “%s”", what,
                          report != NULL ? "returned" : "NULL",
                          error != NULL ? error->message : "(none)", printed);
          g_test_incomplete (what);
          return;
        }
    }
}

static void
test_utf16_doctype (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = with_prolog ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                        "<!DOCTYPE pathway SYSTEM \"http://example.invalid/x\" [\n"
                                        "  <!ENTITY name \"Mallory\">\n"
                                        "]>\n");
  g_autoptr(GString) utf16 = NULL;

  set_field (xml, child_start (xml, 0), "legal-given-name", "&name;Sam");
  utf16 = utf16_of (xml);
  write_string (f->file, utf16);
  assert_refused_or_known (f, "a DTD with entities in a UTF-16 file is read and expanded",
                           "UTF-8");
}

static void
test_utf16_billion_laughs (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = billion_laughs ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                           "<!DOCTYPE pathway SYSTEM \"http://example.invalid/x\" [\n"
                                           "  <!ENTITY l0 \"lol\">\n"
                                           "  <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
                                           "  <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
                                           "  <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
                                           "  <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"
                                           "  <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"
                                           "  <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"
                                           "  <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"
                                           "  <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"
                                           "  <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"
                                           "]>\n");
  g_autoptr(GString) utf16 = utf16_of (xml);

  write_string (f->file, utf16);
  assert_refused_or_known (f, "entity expansion in a UTF-16 file fails without an error",
                           "UTF-8");
}

/* Bytes a declared encoding cannot convert: libxml2 prints them, a piece
 * of a child's name, on standard error. */
static void
test_encoding_error_quiet (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();

  replace_first (xml, "encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"");
  set_field (xml, child_start (xml, 0), "legal-given-name", "Gr\xff\xff" "ace");
  write_string (f->file, xml);
  assert_refused_or_known (f, "libxml2 prints the bytes of a name on standard error",
                           INVALID_FILE);
}

static gint64
child_flag (Fixture *f, const char *uuid, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM child WHERE uuid = '%s'", column, uuid);

  return pw_test_query_int (f->store, sql);
}

/* xs:boolean allows spaces around "true"; the store must not read it as
 * false. */
static void
test_boolean_with_spaces (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = source_copy ();
  g_autofree char *uuid = child_uuid (xml, 0);
  g_autoptr(PwImportReport) report = NULL;

  set_field (xml, child_start (xml, 0), "looked-after", " true ");
  write_string (f->file, xml);
  report = import_ok (f, f->file, FALSE);
  if (report->applied && child_flag (f, uuid, "looked_after") != 1)
    g_test_incomplete ("<looked-after> true </looked-after> is imported as false");
  else if (report->applied)
    g_assert_cmpint (child_flag (f, uuid, "looked_after"), ==, 1);
  else
    g_assert_cmpuint (report->n_refused, >, 0);
}

/* The schema allows upper-case hex in a uuid; the same records given so
 * are the records already here, not new ones. */
static void
test_uuid_case (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  g_autoptr(PwImportReport) report = NULL;
  g_autoptr(GString) xml = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                         "[0-9a-f]{12}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *data_here = NULL;
  gsize len = 0;

  g_assert_true (pw_export_to_file (f->caseload, scope, f->file, NULL, NULL, &error));
  g_assert_no_error (error);
  data_here = pw_test_read_file (f->file, &len);
  xml = g_string_new_len (data_here, len);
  g_regex_match (regex, xml->str, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      for (int i = start; i < end; i++)
        xml->str[i] = g_ascii_toupper (xml->str[i]);
      g_match_info_next (match, NULL);
    }
  write_string (f->file, xml);
  report = import_ok (f, f->file, TRUE);
  for (guint i = 0; i < report->children->len; i++)
    if (report_child (report, i)->n_added > 0 || report_child (report, i)->action != PW_IMPORT_MERGE)
      {
        g_test_message ("%s: action %d, %u new records, notes: %s", report_child (report, i)->name,
                        report_child (report, i)->action, report_child (report, i)->n_added,
                        report_child (report, i)->notes->len > 0
                          ? (char *) g_ptr_array_index (report_child (report, i)->notes, 0) : "");
        g_test_incomplete ("records whose uuid is in upper case are taken for new ones");
        return;
      }
  assert_unchanged (f);
}

/* A <setting-ref> holding a worker's uuid names no setting; the file must
 * not link the child to whichever setting has the worker's id here. */
static void
test_reference_to_other_kind (Fixture *f, gconstpointer data)
{
  g_autofree char *worker = pw_test_query_text (f->store, "SELECT w.name FROM worker w "
                                                "JOIN setting s ON s.id = w.id ORDER BY w.id "
                                                "LIMIT 1");
  g_autofree char *upn = pw_test_make_upn (916, 779, '\0');
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(PwImportReport) report = NULL;
  gint64 linked;

  /* A worker here whose id is also a setting's. */
  g_assert_nonnull (worker);
  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<pathway xmlns=\"" NAMESPACE "\" version=\"1\">\n"
    "  <export><exported-at>2026-11-23T10:00:00Z</exported-at><exported-by>Jo</exported-by>"
    "<store-uuid>11111111-1111-4111-8111-111111111111</store-uuid>"
    "<software>Pathway 0.1.0</software><scope kind=\"child\">x</scope></export>\n"
    "  <worker uuid=\"22222222-2222-4222-8222-222222222222\"><name>%s</name></worker>\n"
    "  <child uuid=\"33333333-3333-4333-8333-333333333333\">"
    "<legal-given-name>Ref</legal-given-name><legal-family-name>Mixup</legal-family-name>"
    "<date-of-birth>2019-05-01</date-of-birth><sex>M</sex><upn>%s</upn>"
    "<setting-ref>22222222-2222-4222-8222-222222222222</setting-ref>"
    "<sen-provision>N</sen-provision></child>\n"
    "</pathway>\n", worker, upn);
  write_string (f->file, xml);
  report = import_ok (f, f->file, FALSE);
  if (report->applied)
    {
      linked = child_flag (f, "33333333-3333-4333-8333-333333333333", "ifnull(setting_id, 0)");
      g_test_message ("the child was linked to setting %" G_GINT64_FORMAT, linked);
      g_test_incomplete ("a <setting-ref> to a worker links the child to an unrelated setting");
      return;
    }
  g_assert_cmpuint (report->n_refused, ==, 1);
  g_assert_true (notes_say (report_child (report, 0), "etting"));
  assert_unchanged (f);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  make_source ();

#define ADD(path, func, data) \
  g_test_add ("/pathway/hostile-import/" path, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("source-accepted", test_source_accepted, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pathway/hostile-import/file/%s",
                                               hostile_files[i].name);

      g_test_add (path, Fixture, &hostile_files[i], fixture_set_up, test_hostile_file,
                  fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (huge_texts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pathway/hostile-import/huge/%s",
                                               huge_texts[i].name);

      g_test_add (path, Fixture, &huge_texts[i], fixture_set_up, test_huge_text,
                  fixture_tear_down);
    }
  ADD ("upn-check-letter", test_upn_check_letter, NULL);
  ADD ("record-of-another-child", test_record_of_another_child, NULL);
  ADD ("same-child-twice", test_same_child_twice, NULL);
  ADD ("same-child-two-upns", test_same_child_two_upns, NULL);
  ADD ("sealed/accepted", test_sealed_accepted, NULL);
  ADD ("sealed/flipped-ciphertext", test_sealed_flipped_ciphertext, NULL);
  ADD ("sealed/truncated", test_sealed_truncated, NULL);
  ADD ("sealed/wrong-key", test_sealed_wrong_key, NULL);
  ADD ("sealed/bad-signature", test_sealed_bad_signature, NULL);
  ADD ("sealed/other-signer", test_sealed_other_signer, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (changed_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pathway/hostile-import/changed/%s",
                                               changed_files[i].name);

      g_test_add (path, Fixture, &changed_files[i], fixture_set_up,
                  test_changed_between_passes, fixture_tear_down);
    }
  ADD ("known/utf16-doctype", test_utf16_doctype, NULL);
  ADD ("known/utf16-billion-laughs", test_utf16_billion_laughs, NULL);
  ADD ("known/encoding-error-quiet", test_encoding_error_quiet, NULL);
  ADD ("known/boolean-with-spaces", test_boolean_with_spaces, NULL);
  ADD ("known/uuid-case", test_uuid_case, NULL);
  ADD ("known/reference-to-other-kind", test_reference_to_other_kind, NULL);

#undef ADD

  status = g_test_run ();
  g_string_free (source.xml, TRUE);
  g_bytes_unref (source.sealed);
  return status;
}
