/* test-refusal.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the store refuses: another page size or reserve, a plain database
 * copied over it, temporary files on disk, other database files opened
 * through it, plaintext copies.  Each refusal says what was refused, and
 * leaves the store intact: its rows are all there and it verifies, before
 * and after it is locked and unlocked again.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

#define MARKER  "REFUSAL-Mary-Somerville-2219"
#define N_ROWS  300

/* Runs SQL straight on the store's connection. */
static gboolean
exec_direct (PwStore     *store,
             const char  *sql,
             GError     **error)
{
  int rc;

  _pw_store_enter (store);
  rc = sqlite3_exec (_pw_store_get_db (store), sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    _pw_store_set_sqlite_error (store, rc, error);
  _pw_store_leave (store);
  return rc == SQLITE_OK;
}

static PwStore *
make_store (PwTestDir *td)
{
  PwStore *store;

  pw_test_dir_init (td);
  store = pw_test_create_store (td->path, NULL);
  pw_test_create_rows (store, N_ROWS, MARKER);
  return store;
}

static void
assert_rows_and_verify (PwStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, N_ROWS);
  g_assert_cmpint (pw_test_query_int (store, "SELECT count(*) FROM notes WHERE body LIKE '"
                              MARKER " %'"), ==, N_ROWS);
  g_assert_cmpint (pw_test_query_int (store, "PRAGMA page_size"), ==, 4096);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
}

/* Intact in this session, still writable, and again after locking. */
static void
assert_intact (PwStore   **store,
               PwTestDir  *td)
{
  g_autoptr(GError) error = NULL;
  PwStoreInfo info;

  assert_rows_and_verify (*store);
  pw_store_exec (*store, "INSERT INTO notes (body) VALUES ('after'); "
                 "DELETE FROM notes WHERE body = 'after'", &error);
  g_assert_no_error (error);
  pw_store_lock (*store);
  g_clear_object (store);

  pw_store_read_info (td->path, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info.page_size, ==, 4096);
  g_assert_cmpuint (info.reserve_size, ==, 40);
  *store = pw_test_reopen (td->path, PW_TEST_PASSPHRASE);
  assert_rows_and_verify (*store);
  g_clear_object (store);
  pw_test_dir_clear (td);
}

/* Case aside: "Attaching …" says "attach". */
static void
assert_message_says (const GError *error,
                     const char   *needle)
{
  g_autofree char *message = g_utf8_strdown (error->message, -1);
  g_autofree char *lower = g_utf8_strdown (needle, -1);

  if (strstr (message, lower) == NULL)
    g_test_message ("the message “%s” does not say “%s”", error->message, needle);
  g_assert_nonnull (strstr (message, lower));
}

static void
assert_refused (const GError *error,
                const char   *what)
{
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED);
  assert_message_says (error, "refused");
  assert_message_says (error, what);
}

/* Page format ------------------------------------------------------------------ */

/* A WAL database keeps its page size, so SQLite ignores the request: no
 * effect is as good as a refusal. */
static void
test_page_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  store = make_store (&td);
  if (!pw_store_exec (store, "PRAGMA page_size=8192; VACUUM", &error))
    assert_refused (error, "4096 bytes");
  assert_intact (&store, &td);
}

/* Out of WAL mode SQLite would really rewrite every page at 8192 bytes. */
static void
test_page_size_rollback_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  store = make_store (&td);
  if (!pw_store_exec (store, "PRAGMA journal_mode=DELETE; PRAGMA page_size=8192; VACUUM",
                      &error))
    assert_refused (error, "4096 bytes");
  assert_intact (&store, &td);
}

static void
test_reserve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  int reserve = 80;
  int rc;
  PwTestDir td;

  store = make_store (&td);
  _pw_store_enter (store);
  rc = sqlite3_file_control (_pw_store_get_db (store), "main", SQLITE_FCNTL_RESERVE_BYTES,
                             &reserve);
  if (rc != SQLITE_OK)
    _pw_store_set_sqlite_error (store, rc, &error);
  _pw_store_leave (store);
  if (rc == SQLITE_OK)
    {
      g_assert_cmpint (reserve, ==, 40);  /* the old value */
      g_assert_false (exec_direct (store, "VACUUM", &error));
    }
  assert_refused (error, "40 reserved bytes");
  assert_intact (&store, &td);
}

static void
make_plain_database (const char *path,
                     int         page_size)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  sql = g_strdup_printf ("PRAGMA page_size=%d; CREATE TABLE plain (x TEXT);"
                         "INSERT INTO plain VALUES ('PLAIN-" MARKER "');"
                         "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);", page_size);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
backup_into (PwStore    *store,
             const char *plain_path,
             GError    **error)
{
  sqlite3 *plain = NULL;
  sqlite3_backup *backup;
  sqlite3 *db;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (plain_path, &plain, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  _pw_store_enter (store);
  db = _pw_store_get_db (store);
  backup = sqlite3_backup_init (db, "main", plain, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (db);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
        rc = sqlite3_errcode (db);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    _pw_store_set_sqlite_error (store, rc, error);
  _pw_store_leave (store);
  sqlite3_close (plain);
  return rc;
}

/* A plain database of the store's page size gets as far as the writes. */
static void
test_backup_plain_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *plain = NULL;
  PwTestDir td;

  store = make_store (&td);
  plain = g_build_filename (td.dir, "plain.db", NULL);
  make_plain_database (plain, 4096);
  g_assert_cmpint (backup_into (store, plain, &error), !=, SQLITE_DONE);
  assert_refused (error, "4096 bytes with 40 reserved bytes");
  g_clear_error (&error);
  g_assert_false (pw_test_query_int64 (store, "SELECT count(*) FROM plain", &(gint64) { 0 },
                                       &error));
  assert_intact (&store, &td);
}

/* SQLite itself stops a backup between page sizes into a WAL database
 * (as SQLITE_READONLY), before any page reaches the shim; the user must
 * still be told what was refused, not that the folder is read-only. */
static void
test_backup_other_page_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *plain = NULL;
  PwTestDir td;

  store = make_store (&td);
  plain = g_build_filename (td.dir, "plain.db", NULL);
  make_plain_database (plain, 1024);
  g_assert_cmpint (backup_into (store, plain, &error), !=, SQLITE_DONE);
  assert_refused (error, "page format");
  assert_intact (&store, &td);
}

/* Temporary files ---------------------------------------------------------------- */

#define MANY_ROWS \
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "

/* Sorting more than the (shrunk) cache holds spills to a temporary file. */
static void
test_temp_file_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  store = make_store (&td);
  pw_store_exec (store, "PRAGMA temp_store=FILE; PRAGMA cache_size=10", &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_exec (store, MANY_ROWS "SELECT i, '" MARKER "' || hex(randomblob(150)) "
                                 "AS b FROM n ORDER BY b", &error));
  assert_refused (error, "temporary files");
  assert_intact (&store, &td);
}

static void
test_temp_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  store = make_store (&td);
  pw_store_exec (store, "PRAGMA temp_store=FILE", &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_exec (store, "CREATE TEMP TABLE scratch AS " MANY_ROWS
                                 "SELECT i, '" MARKER "' || hex(randomblob(150)) AS b FROM n",
                                 &error));
  assert_refused (error, "temporary files");
  assert_intact (&store, &td);
}

/* Other files ------------------------------------------------------------------------ */

static void
assert_no_plaintext (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_test_message ("“%s” was created", path);
  g_assert_false (pw_test_file_contains (path, MARKER));
  g_assert_false (pw_test_file_contains (path, "SQLite format 3"));
}

/* @via_unix names the file as a URI that asks for the plain "unix" VFS. */
static char *
file_name_for_sql (const char *path,
                   gboolean    via_unix)
{
  return via_unix ? g_strdup_printf ("file:%s?vfs=unix", path) : g_strdup (path);
}

static void
check_attach_refused (gboolean via_unix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  PwTestDir td;

  store = make_store (&td);
  other = g_build_filename (td.dir, "other.db", NULL);
  name = file_name_for_sql (other, via_unix);
  sql = g_strdup_printf ("ATTACH '%s' AS other;"
                         "CREATE TABLE other.leak AS SELECT * FROM main.notes", name);
  pw_store_exec (store, sql, &error);
  assert_no_plaintext (other);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  assert_refused (error, "attach");
  assert_intact (&store, &td);
}

static void
test_attach (void)
{
  check_attach_refused (FALSE);
}

/* A URI naming another VFS must not get past the encrypting one. */
static void
test_attach_other_vfs (void)
{
  check_attach_refused (TRUE);
}

/* An existing plain database is refused too, and left as it was. */
static void
check_attach_existing_refused (gboolean via_unix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *sql = NULL;
  gsize len = 0;
  PwTestDir td;

  store = make_store (&td);
  other = g_build_filename (td.dir, "other.db", NULL);
  make_plain_database (other, 4096);
  before = pw_test_read_file (other, &len);
  name = file_name_for_sql (other, via_unix);
  sql = g_strdup_printf ("ATTACH '%s' AS other; INSERT INTO other.notes SELECT * FROM notes",
                         name);
  pw_store_exec (store, sql, &error);
  g_assert_false (pw_test_file_contains (other, MARKER " 1:"));
  pw_test_assert_file_equals (other, before, len);
  assert_refused (error, "attach");
  assert_intact (&store, &td);
}

static void
test_attach_existing (void)
{
  check_attach_existing_refused (FALSE);
}

static void
test_attach_existing_other_vfs (void)
{
  check_attach_existing_refused (TRUE);
}

static void
check_vacuum_into_refused (gboolean via_unix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *target = NULL;
  g_autofree char *sql = NULL;
  PwTestDir td;

  store = make_store (&td);
  copy = g_build_filename (td.dir, "copy.db", NULL);
  target = file_name_for_sql (copy, via_unix);
  sql = g_strdup_printf ("VACUUM INTO '%s'", target);
  pw_store_exec (store, sql, &error);
  assert_no_plaintext (copy);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED);
  assert_message_says (error, "refused");
  assert_intact (&store, &td);
}

static void
test_vacuum_into (void)
{
  check_vacuum_into_refused (FALSE);
}

static void
test_vacuum_into_other_vfs (void)
{
  check_vacuum_into_refused (TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refusal/page-size", test_page_size);
  g_test_add_func ("/refusal/page-size-rollback-journal", test_page_size_rollback_journal);
  g_test_add_func ("/refusal/reserve", test_reserve);
  g_test_add_func ("/refusal/backup-plain-database", test_backup_plain_database);
  g_test_add_func ("/refusal/backup-other-page-size", test_backup_other_page_size);
  g_test_add_func ("/refusal/temp-file-sort", test_temp_file_sort);
  g_test_add_func ("/refusal/temp-table", test_temp_table);
  g_test_add_func ("/refusal/attach", test_attach);
  g_test_add_func ("/refusal/attach-existing", test_attach_existing);
  g_test_add_func ("/refusal/attach-other-vfs", test_attach_other_vfs);
  g_test_add_func ("/refusal/attach-existing-other-vfs", test_attach_existing_other_vfs);
  g_test_add_func ("/refusal/vacuum-into", test_vacuum_into);
  g_test_add_func ("/refusal/vacuum-into-other-vfs", test_vacuum_into_other_vfs);

  return g_test_run ();
}
