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

#include "pw-identifiers.h"
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

  return pw_test_query_int (store, sql);
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

goffset
pw_test_page_offset (guint32 pgno)
{
  g_assert_cmpuint (pgno, >=, 1);
  return PW_TEST_ENVELOPE_SIZE + (goffset) (pgno - 1) * PW_TEST_PAGE_SIZE;
}

guint32
pw_test_page_count (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >=, PW_TEST_ENVELOPE_SIZE);
  return (st.st_size - PW_TEST_ENVELOPE_SIZE) / PW_TEST_PAGE_SIZE;
}

/* @index counts from 0; the store's messages count frames from 1. */
goffset
pw_test_wal_frame_offset (guint index)
{
  return PW_TEST_WAL_HEADER + (goffset) index * PW_TEST_FRAME_SIZE;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The frames of the log's current generation (their salts match the
 * header's), as SQLite would replay them. */
GArray *
pw_test_wal_frames (const char *wal_path)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (PwTestWalFrame));
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  if (!g_file_test (wal_path, G_FILE_TEST_EXISTS))
    return frames;
  data = (guint8 *) pw_test_read_file (wal_path, &len);
  for (guint i = 0; len >= PW_TEST_WAL_HEADER; i++)
    {
      goffset offset = pw_test_wal_frame_offset (i);
      const guint8 *frame = data + offset;
      PwTestWalFrame info;

      if ((gsize) offset + PW_TEST_FRAME_SIZE > len || memcmp (frame + 8, data + 16, 8) != 0)
        break;
      info.pgno = get_be32 (frame);
      info.commit_size = get_be32 (frame + 4);
      g_array_append_val (frames, info);
    }
  return frames;
}

void
pw_test_swap_bytes (const char *path,
                    goffset     a,
                    goffset     b,
                    gsize       len)
{
  g_autofree char *data = NULL;
  g_autofree char *saved = g_malloc (len);
  gsize size = 0;

  data = pw_test_read_file (path, &size);
  g_assert_cmpuint (MAX (a, b) + len, <=, size);
  memcpy (saved, data + a, len);
  memmove (data + a, data + b, len);
  memcpy (data + b, saved, len);
  pw_test_write_file (path, data, size);
}

static guint64
get_le64 (const guint8 *p)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

guint64
pw_test_envelope_get_u64 (const char *path,
                          guint       copy,
                          goffset     offset)
{
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  data = (guint8 *) pw_test_read_file (path, &len);
  g_assert_cmpuint (len, >=, PW_TEST_ENVELOPE_SIZE);
  return get_le64 (data + copy * PW_TEST_ENVELOPE_COPY + offset);
}

/* Writes a little-endian integer into one envelope copy, leaving its
 * checksum stale; pw_test_envelope_reseal() makes it match again. */
void
pw_test_envelope_set_u64 (const char *path,
                          guint       copy,
                          goffset     offset,
                          guint64     value)
{
  guint8 bytes[8];
  FILE *file;

  for (guint i = 0; i < 8; i++)
    bytes[i] = (value >> (8 * i)) & 0xff;
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, copy * PW_TEST_ENVELOPE_COPY + offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, sizeof bytes, file), ==, sizeof bytes);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Recomputes both copies' BLAKE2b checksums, as an attacker who knows the
 * format (but not the key) can. */
void
pw_test_envelope_reseal (const char *path)
{
  guint8 sum[32];
  g_autofree guint8 *copy = g_malloc (PW_TEST_ENVELOPE_COPY);
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (sodium_init (), >=, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (fseeko (file, i * PW_TEST_ENVELOPE_COPY, SEEK_SET), ==, 0);
      g_assert_cmpuint (fread (copy, 1, PW_TEST_ENVELOPE_COPY, file), ==, PW_TEST_ENVELOPE_COPY);
      crypto_generichash (sum, sizeof sum, copy, PW_TEST_CHECKSUM_AT, NULL, 0);
      g_assert_cmpint (fseeko (file, i * PW_TEST_ENVELOPE_COPY + PW_TEST_CHECKSUM_AT,
                               SEEK_SET), ==, 0);
      g_assert_cmpuint (fwrite (sum, 1, sizeof sum, file), ==, sizeof sum);
    }
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
assert_same_range (const char *what,
                   const char *expected,
                   const char *actual,
                   gsize       from,
                   gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (expected[i] != actual[i])
      {
        g_test_message ("%s: byte %" G_GSIZE_FORMAT " changed (page %" G_GSIZE_FORMAT
                        " if a store file)", what, i,
                        i < PW_TEST_ENVELOPE_SIZE ? 0
                                                  : (i - PW_TEST_ENVELOPE_SIZE) /
                                                    PW_TEST_PAGE_SIZE + 1);
        g_assert_cmpmem (expected + i, 1, actual + i, 1);
      }
}

void
pw_test_assert_file_equals (const char *path,
                            const char *expected,
                            gsize       len)
{
  pw_test_assert_file_equals_outside (path, expected, len, 0, 0);
}

/* Asserts that @path still holds @expected, except perhaps for the
 * @skip_len bytes at @skip_from. */
void
pw_test_assert_file_equals_outside (const char *path,
                                    const char *expected,
                                    gsize       len,
                                    goffset     skip_from,
                                    gsize       skip_len)
{
  g_autofree char *actual = NULL;
  gsize actual_len = 0;

  actual = pw_test_read_file (path, &actual_len);
  g_assert_cmpuint (actual_len, ==, len);
  assert_same_range (path, expected, actual, 0, MIN ((gsize) skip_from, len));
  assert_same_range (path, expected, actual, MIN (skip_from + skip_len, len), len);
}

void
pw_test_assert_message_contains (const GError *error,
                                 const char   *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_test_message ("the message “%s” does not contain “%s”", error->message, needle);
  g_assert_nonnull (strstr (error->message, needle));
}

/* Runs a query that yields one integer, reporting failures as the store
 * would. */
gboolean
pw_test_query_int64 (PwStore     *store,
                     const char  *sql,
                     gint64      *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  _pw_store_enter (store);
  db = _pw_store_get_db (store);
  g_assert_nonnull (db);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    _pw_store_set_sqlite_error (store, rc, error);
  _pw_store_leave (store);
  return rc == SQLITE_ROW;
}

void
pw_test_remove_store_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The first column of the first row of @sql, which must succeed. */
gint64
pw_test_query_int (PwStore    *store,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  pw_test_query_int64 (store, sql, &value, &error);
  g_assert_no_error (error);
  return value;
}

/* The first column of the first row of @sql as text (NULL for SQL NULL);
 * the query must succeed. */
char *
pw_test_query_text (PwStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  _pw_store_enter (store);
  rc = sqlite3_prepare_v2 (_pw_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  _pw_store_leave (store);
  g_assert_cmpint (rc, ==, SQLITE_ROW);
  return value;
}

/* A valid UPN in local authority @la (establishment 2001, year 24): the
 * serial's three digits, or for a temporary UPN its last two digits and
 * @temporary_letter. */
char *
pw_test_make_upn (guint la,
                  guint serial,
                  char  temporary_letter)
{
  g_autofree char *rest = NULL;
  char check;

  if (temporary_letter != '\0')
    rest = g_strdup_printf ("%03u200124%02u%c", la, serial % 100, temporary_letter);
  else
    rest = g_strdup_printf ("%03u200124%03u", la, serial % 1000);
  check = pw_upn_check_letter (rest);
  g_assert_cmpint (check, !=, '\0');
  return g_strdup_printf ("%c%s", check, rest);
}

/* Runs whatever is pending in the thread-default main context. */
void
pw_test_run_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}


PwCaseload *
pw_test_caseload_new (PwTestDir  *td,
                      PwStore   **store)
{
  g_autoptr(GError) error = NULL;
  PwCaseload *caseload;

  pw_set_today (PW_TEST_TODAY);
  pw_test_dir_init (td);
  *store = pw_test_create_store (td->path, NULL);
  caseload = pw_caseload_new (*store, &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (caseload, "Sam Senco");
  return caseload;
}

void
pw_test_caseload_free (PwTestDir  *td,
                       PwStore    *store,
                       PwCaseload *caseload)
{
  pw_test_run_main_context ();
  g_assert_finalize_object (caseload);
  g_assert_finalize_object (store);
  pw_test_dir_clear (td);
  pw_set_today (NULL);
}

void
pw_test_save_ok (PwCaseload *caseload,
                 PwRecord   *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_save (caseload, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_record_get_id (record), >, 0);
}
