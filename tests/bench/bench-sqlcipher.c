/* bench-sqlcipher.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Workload W on SQLCipher, run by bench-store as a child process.
 *
 * This program links SQLCipher and never the system SQLite, as both export
 * the same symbols.  It prints one "bench-result" line per cache size and a
 * few "bench-label" and "bench-info" lines for bench-store to merge into its
 * table.  The key is raw (x'…'), so that SQLCipher's PBKDF2 stays out of the
 * workload; opening with a passphrase is timed on its own.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bench-workload.h"

#define KDF_PASSPHRASE "correct horse battery staple"

static guint n_children = BENCH_DEFAULT_CHILDREN;
static guint seed = BENCH_DEFAULT_SEED;
static gboolean quick;
static char *dir;
static int only_cache;
static guint n_repeats = 1;

static const GOptionEntry options[] = {
  { "children", 'n', 0, G_OPTION_ARG_INT, &n_children, "Number of children", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data", "SEED" },
  { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "1000 children", NULL },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the databases go", "DIR" },
  { "cache", 0, 0, G_OPTION_ARG_INT, &only_cache, "Run one cache size (0: both)", "KIB" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &n_repeats, "Run each cache size N times", "N" },
  { NULL }
};

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text != NULL ? text : g_strdup ("?");
}

/* Opens and keys @path, and reads the schema: SQLCipher derives its keys and
 * decrypts page 1 only on the first read. */
static sqlite3 *
open_keyed (const char  *path,
            const char  *key_pragma,
            GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc == SQLITE_OK &&
      bench_exec (db, key_pragma, error) &&
      bench_exec (db, "PRAGMA cipher_page_size=4096", error))
    return db;
  if (rc != SQLITE_OK)
    g_set_error (error, BENCH_ERROR, rc, "Could not open “%s”: %s", path, sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  return NULL;
}

static sqlite3 *
engine_open (BenchEngine  *engine,
             gboolean      create,
             GError      **error)
{
  sqlite3 *db = open_keyed (engine->path, engine->data, error);

  if (db != NULL && !bench_apply_pragmas (db, engine->cache_kib, create, error))
    g_clear_pointer (&db, sqlite3_close_v2);
  return db;
}

static void
engine_close (BenchEngine *engine,
              sqlite3     *db)
{
  sqlite3_close_v2 (db);
}

static char *
raw_key_pragma (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 3);
  GString *sql = g_string_new ("PRAGMA key=\"x'");

  for (guint i = 0; i < 32; i++)
    g_string_append_printf (sql, "%02x", g_rand_int_range (rand, 0, 256));
  g_string_append (sql, "'\"");
  return g_string_free (sql, FALSE);
}

/* Seconds from opening to the first read, which derives the keys. */
static double
time_key_setup (const char  *path,
                const char  *key_pragma,
                GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = open_keyed (path, key_pragma, error);
  gboolean ok;

  if (db == NULL)
    return -1;
  ok = bench_exec (db, "SELECT count(*) FROM sqlite_master", error);
  sqlite3_close_v2 (db);
  return ok ? (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC : -1;
}

static double
time_passphrase_setup (GError **error)
{
  g_autofree char *path = g_build_filename (dir, "sqlcipher-kdf.db", NULL);
  const char *key_pragma = "PRAGMA key='" KDF_PASSPHRASE "'";
  sqlite3 *db;
  gboolean ok;

  bench_remove_files (path);
  db = open_keyed (path, key_pragma, error);
  if (db == NULL)
    return -1;
  ok = bench_exec (db, "CREATE TABLE t (x)", error);
  sqlite3_close_v2 (db);
  return ok ? time_key_setup (path, key_pragma, error) : -1;
}

static void
print_label (const char *path,
             const char *key_pragma)
{
  sqlite3 *db = open_keyed (path, key_pragma, NULL);
  g_autofree char *version = NULL;
  g_autofree char *provider = NULL;

  if (db == NULL)
    return;
  version = query_text (db, "PRAGMA cipher_version");
  provider = query_text (db, "PRAGMA cipher_provider");
  g_print ("bench-label\tsqlcipher\tSQLCipher %s (SQLite %s, %s)\n", version,
           sqlite3_libversion (), provider);
  sqlite3_close_v2 (db);
}

static void
print_key_setup (const char *path,
                 const char *key_pragma)
{
  g_autoptr(GError) error = NULL;
  double raw = time_key_setup (path, key_pragma, &error);
  double passphrase = raw >= 0 ? time_passphrase_setup (&error) : -1;

  if (error != NULL)
    {
      g_printerr ("SQLCipher key setup: %s\n", error->message);
      return;
    }
  g_print ("bench-info\tSQLCipher key setup, open to first read: raw key %.2f ms; "
           "passphrase (PBKDF2, default 64000 iterations) %.2f ms\n",
           raw * 1000, passphrase * 1000);
}

static gboolean
run_cache (BenchEngine  *engine,
           int           cache_kib,
           GError      **error)
{
  g_autofree char *name = g_strdup_printf ("sqlcipher-%d.db", cache_kib);
  g_autofree char *line = NULL;
  BenchResult result;

  g_free (engine->path);
  engine->path = g_build_filename (dir, name, NULL);
  engine->cache_kib = cache_kib;
  g_printerr ("SQLCipher, cache %d KiB, %u children…\n", cache_kib, n_children);
  if (!bench_workload_run (engine, n_children, seed, &result, error))
    return FALSE;
  line = bench_result_to_line (BENCH_ENGINE_SQLCIPHER, cache_kib, &result);
  g_print ("%s\n", line);
  return TRUE;
}

static gboolean
run_all (GError **error)
{
  g_autofree char *key_pragma = raw_key_pragma ();
  g_autofree char *first_path = NULL;
  BenchEngine engine = {
    .id = BENCH_ENGINE_SQLCIPHER,
    .open = engine_open,
    .close = engine_close,
    .data = key_pragma,
  };
  gboolean ok = TRUE;

  for (guint r = 0; ok && r < MAX (n_repeats, 1); r++)
    for (guint i = 0; ok && i < BENCH_N_CACHES; i++)
      {
        if (only_cache != 0 && only_cache != bench_cache_kib[i])
          continue;
        ok = run_cache (&engine, bench_cache_kib[i], error);
        if (ok && first_path == NULL)
          first_path = g_strdup (engine.path);
      }
  g_free (engine.path);
  if (first_path != NULL)
    {
      print_label (first_path, key_pragma);
      print_key_setup (first_path, key_pragma);
    }
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- store workload W on SQLCipher");
  g_autoptr(GError) error = NULL;
  gboolean own_dir;

  bench_init_output ();

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (quick)
    n_children = BENCH_QUICK_CHILDREN;
  own_dir = dir == NULL;
  if (own_dir && (dir = g_dir_make_tmp ("pathway-bench-XXXXXX", &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  run_all (&error);
  if (own_dir)
    bench_remove_dir (dir);
  g_free (dir);
  if (error != NULL)
    {
      g_printerr ("SQLCipher workload failed: %s\n", error->message);
      return 1;
    }
  return 0;
}
