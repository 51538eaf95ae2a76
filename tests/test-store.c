/* test-store.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

#define MARKER "MARKER-Ada-Lovelace-7731"

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *uuid = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  g_assert_false (pw_store_get_locked (store));
  uuid = g_strdup (pw_store_get_uuid (store));
  pw_test_create_rows (store, 250, MARKER);
  pw_store_lock (store);
  g_assert_true (pw_store_get_locked (store));
  g_clear_object (&store);

  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  g_assert_cmpstr (pw_store_get_uuid (store), ==, uuid);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, 250);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_recovery_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *typed = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, &recovery);
  g_assert_cmpuint (strlen (recovery), ==, 47);  /* 8 groups of 5, 7 dashes */
  pw_test_create_rows (store, 10, MARKER);
  g_clear_object (&store);

  /* As a person would type it back: lower case, spaces for dashes. */
  typed = g_ascii_strdown (recovery, -1);
  g_strdelimit (typed, "-", ' ');
  store = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  pw_store_unlock_with_recovery (store, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, 10);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_wrong_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwStore) other = NULL;
  g_autofree char *other_recovery = NULL;
  g_autofree char *other_path = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  g_clear_object (&store);
  store = pw_test_create_store (td.path, NULL);
  g_clear_object (&store);
  other_path = g_build_filename (td.dir, "other.pathway", NULL);
  other = pw_test_create_store (other_path, &other_recovery);
  g_clear_object (&other);

  store = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_unlock (store, "correct horse battery stapler", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY);
  g_assert_true (pw_store_get_locked (store));
  g_clear_error (&error);

  g_assert_false (pw_store_unlock_with_recovery (store, other_recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  g_assert_false (pw_store_unlock_with_recovery (store, "ABCDE-FGHJK", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "recovery key"));
  g_clear_error (&error);

  /* A typing error in one character is caught by the check digits. */
  other_recovery[3] = other_recovery[3] == 'A' ? 'B' : 'A';
  g_assert_false (pw_store_unlock_with_recovery (store, other_recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_change_passphrase (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  const char *new_passphrase = "a new passphrase for the new term";
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, &recovery);
  pw_test_create_rows (store, 40, MARKER);

  g_assert_false (pw_store_change_passphrase (store, "short", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  g_clear_error (&error);

  pw_store_change_passphrase (store, new_passphrase, &error);
  g_assert_no_error (error);
  pw_store_lock (store);

  g_assert_false (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  pw_store_unlock (store, new_passphrase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, 40);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  pw_store_lock (store);

  /* The recovery key still opens it. */
  pw_store_unlock_with_recovery (store, recovery, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_replace_recovery_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *new_key = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, &old_key);
  new_key = pw_store_replace_recovery_key (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_key, !=, old_key);
  pw_store_lock (store);

  g_assert_false (pw_store_unlock_with_recovery (store, old_key, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  pw_store_unlock_with_recovery (store, new_key, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_refuses_weak_passphrase (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  PwStore *store;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_store_create (td.path, "1234567", pw_test_cost (), &recovery, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at least 8 characters"));
  g_assert_false (g_file_test (td.path, G_FILE_TEST_EXISTS));
  g_assert_null (recovery);
  pw_test_dir_clear (&td);
}

static void
test_refuses_existing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *after = NULL;
  PwStore *store;
  PwTestDir td;

  pw_test_dir_init (&td);
  pw_test_write_file (td.path, "someone's report", 16);
  store = pw_store_create (td.path, PW_TEST_PASSPHRASE, pw_test_cost (), &recovery, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "already exists"));
  after = pw_test_read_file (td.path, NULL);
  g_assert_cmpstr (after, ==, "someone's report");
  pw_test_dir_clear (&td);
}

static void
make_plain_sqlite (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_not_a_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  PwStore *store;

  before = pw_test_read_file (path, &before_len);
  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE);
  after = pw_test_read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_not_a_store (void)
{
  g_autofree char *random_bytes = g_malloc (20000);
  PwTestDir td;

  pw_test_dir_init (&td);
  make_plain_sqlite (td.path);
  assert_not_a_store (td.path);

  for (guint i = 0; i < 20000; i++)
    random_bytes[i] = g_random_int_range (0, 256);
  pw_test_write_file (td.path, random_bytes, 20000);
  assert_not_a_store (td.path);

  pw_test_write_file (td.path, "", 0);
  assert_not_a_store (td.path);
  pw_test_dir_clear (&td);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open ("/nonexistent/folder/cases.pathway", &error);

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no store"));
}

static void
test_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) first = NULL;
  g_autoptr(PwStore) second = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  first = pw_test_create_store (td.path, NULL);
  pw_test_create_rows (first, 5, MARKER);

  second = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_unlock (second, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* The first connection is unharmed and keeps its lock. */
  pw_test_create_rows (first, 5, MARKER);
  g_assert_cmpint (pw_test_count_rows (first, "notes"), ==, 10);
  g_assert_false (pw_store_unlock (second, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
  g_clear_error (&error);

  pw_store_lock (first);
  pw_store_unlock (second, PW_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_count_rows (second, "notes"), ==, 10);
  g_clear_object (&first);
  g_clear_object (&second);
  pw_test_dir_clear (&td);
}

static void
assert_no_marker_anywhere (PwTestDir *td)
{
  GDir *dir = g_dir_open (td->dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (td->dir, name, NULL);

      g_assert_false (pw_test_file_contains (file, "MARKER"));
      g_assert_false (pw_test_file_contains (file, "read aloud"));
      n_files++;
    }
  g_dir_close (dir);
  g_assert_cmpuint (n_files, >=, 1);
}

static void
test_nothing_readable_on_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *wal = NULL;
  sqlite3 *plain = NULL;
  int rc;
  PwTestDir td;

  pw_test_dir_init (&td);
  wal = g_strconcat (td.path, "-wal", NULL);
  store = pw_test_create_store (td.path, NULL);
  for (guint round = 0; round < 20; round++)
    {
      pw_test_create_rows (store, 50, MARKER);
      assert_no_marker_anywhere (&td);
    }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  pw_store_exec (store, "DELETE FROM notes WHERE id % 2 = 0; PRAGMA wal_checkpoint;", &error);
  g_assert_no_error (error);
  assert_no_marker_anywhere (&td);
  pw_store_lock (store);
  assert_no_marker_anywhere (&td);

  /* Stock SQLite sees no database. */
  g_assert_cmpint (sqlite3_open_v2 (td.path, &plain, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (plain, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_NOTADB);
  sqlite3_close (plain);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwStoreInfo info;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  pw_test_create_rows (store, 100, MARKER);
  pw_store_lock (store);

  pw_store_read_info (td.path, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info.format_version, ==, 1);
  g_assert_cmpstr (info.uuid, ==, pw_store_get_uuid (store));
  g_assert_cmpuint (info.page_size, ==, 4096);
  g_assert_cmpuint (info.reserve_size, ==, 40);
  g_assert_cmpuint (info.page_count, >=, 2);
  g_assert_cmpint (info.slot_kinds[0], ==, PW_SLOT_PASSPHRASE);
  g_assert_cmpint (info.slot_kinds[1], ==, PW_SLOT_RECOVERY);
  g_assert_cmpint (info.slot_kinds[2], ==, PW_SLOT_EMPTY);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static gboolean
insert_then_fail (gpointer user_data, GError **error)
{
  PwStore *store = user_data;

  if (!pw_store_exec (store, "INSERT INTO notes (body) VALUES ('half a change')", error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "date: must not be in the future");
  return FALSE;
}

static void
test_transaction_rolls_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  pw_test_create_rows (store, 3, MARKER);
  g_assert_false (pw_store_transaction (store, insert_then_fail, store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, 3);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_locked_store_refuses_work (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  pw_store_lock (store);
  g_assert_false (pw_store_exec (store, "SELECT 1", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pw_store_change_passphrase (store, "another long passphrase", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

static void
test_verify_clean_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  pw_test_create_rows (store, 500, MARKER);
  pw_store_exec (store, "DELETE FROM notes WHERE id < 200", &error);
  g_assert_no_error (error);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  pw_store_exec (store, "VACUUM", &error);
  g_assert_no_error (error);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, 301);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

/* A transaction larger than the page cache spills frames to the log before
 * it commits; SQLite gives those frames their final salts only at commit. */
static void
test_transaction_larger_than_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  pw_store_exec (store,
                 "PRAGMA cache_size=10;"
                 "CREATE TABLE big (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                 "BEGIN;"
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                 "INSERT INTO big (body) SELECT hex(randomblob(512)) FROM n;"
                 "UPDATE big SET body = 'reviewed ' || body WHERE id % 7 = 0;"
                 "COMMIT;", &error);
  g_assert_no_error (error);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_count_rows (store, "big"), ==, 2000);
  g_clear_object (&store);

  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  g_assert_cmpint (pw_test_count_rows (store, "big"), ==, 2000);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/recovery-key", test_recovery_key);
  g_test_add_func ("/store/wrong-keys", test_wrong_keys);
  g_test_add_func ("/store/change-passphrase", test_change_passphrase);
  g_test_add_func ("/store/replace-recovery-key", test_replace_recovery_key);
  g_test_add_func ("/store/refuses-weak-passphrase", test_refuses_weak_passphrase);
  g_test_add_func ("/store/refuses-existing-file", test_refuses_existing_file);
  g_test_add_func ("/store/not-a-store", test_not_a_store);
  g_test_add_func ("/store/missing-file", test_missing_file);
  g_test_add_func ("/store/busy", test_busy);
  g_test_add_func ("/store/nothing-readable-on-disk", test_nothing_readable_on_disk);
  g_test_add_func ("/store/info", test_info);
  g_test_add_func ("/store/transaction-rolls-back", test_transaction_rolls_back);
  g_test_add_func ("/store/locked-store-refuses-work", test_locked_store_refuses_work);
  g_test_add_func ("/store/verify-clean-store", test_verify_clean_store);
  g_test_add_func ("/store/transaction-larger-than-cache", test_transaction_larger_than_cache);

  return g_test_run ();
}
