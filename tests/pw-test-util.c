/* pw-test-util.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

void
pw_test_dir_init (PwTestDir *td)
{
  g_autoptr(GError) error = NULL;

  td->dir = g_dir_make_tmp ("pathway-test-XXXXXX", &error);
  g_assert_no_error (error);
  td->path = g_build_filename (td->dir, "cases.pathway", NULL);
}

void
pw_test_dir_clear (PwTestDir *td)
{
  GDir *dir = g_dir_open (td->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (td->dir, name, NULL);

      g_unlink (file);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (td->dir);
  g_clear_pointer (&td->dir, g_free);
  g_clear_pointer (&td->path, g_free);
}

/* The cheapest cost: only the test build of core accepts it. */
const PwKdfCost *
pw_test_cost (void)
{
  static const PwKdfCost cost = {
    crypto_pwhash_argon2id_OPSLIMIT_MIN,
    crypto_pwhash_argon2id_MEMLIMIT_MIN,
  };

  return &cost;
}

PwStore *
pw_test_create_store (const char  *path,
                      char       **recovery_key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  PwStore *store;

  store = pw_store_create (path, PW_TEST_PASSPHRASE, pw_test_cost (), &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (recovery_key != NULL)
    *recovery_key = g_steal_pointer (&recovery);
  return store;
}

PwStore *
pw_test_reopen (const char *path,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);

  g_assert_no_error (error);
  pw_store_unlock (store, passphrase, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* Inserts @n_rows rows naming @marker into table "notes", creating it. */
void
pw_test_create_rows (PwStore    *store,
                     guint       n_rows,
                     const char *marker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE IF NOT EXISTS notes "
                                         "(id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                                         "BEGIN;");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "INSERT INTO notes (body) VALUES "
                            "('%s %u: the child read aloud in class today');", marker, i);
  g_string_append (sql, "COMMIT;");
  pw_store_exec (store, sql->str, &error);
  g_assert_no_error (error);
}

gint64
pw_test_count_rows (PwStore    *store,
                    const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  _pw_store_enter (store);
  g_assert_cmpint (sqlite3_prepare_v2 (_pw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  _pw_store_leave (store);
  return count;
}

char *
pw_test_read_file (const char *path,
                   gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

void
pw_test_write_file (const char *path,
                    const char *data,
                    gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

gboolean
pw_test_file_contains (const char *path,
                       const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  data = pw_test_read_file (path, &len);
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* Edits the file in place, as an attacker with the file would. */
void
pw_test_flip_byte (const char *path,
                   goffset     offset)
{
  FILE *file = fopen (path, "r+b");
  int c;

  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, offset, SEEK_SET), ==, 0);
  c = fgetc (file);
  g_assert_cmpint (c, !=, EOF);
  g_assert_cmpint (fseeko (file, offset, SEEK_SET), ==, 0);
  fputc (c ^ 0x01, file);
  g_assert_cmpint (fclose (file), ==, 0);
}

void
pw_test_copy_bytes (const char *from,
                    goffset     from_offset,
                    const char *to,
                    goffset     to_offset,
                    gsize       len)
{
  g_autofree char *buf = g_malloc (len);
  FILE *in = fopen (from, "rb");
  FILE *out;

  g_assert_nonnull (in);
  g_assert_cmpint (fseeko (in, from_offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (buf, 1, len, in), ==, len);
  fclose (in);
  out = fopen (to, "r+b");
  g_assert_nonnull (out);
  g_assert_cmpint (fseeko (out, to_offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (buf, 1, len, out), ==, len);
  g_assert_cmpint (fclose (out), ==, 0);
}
