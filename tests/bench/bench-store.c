/* bench-store.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store benchmark: workload W on plain SQLite, on the encrypted store
 * and, through the bench-sqlcipher program, on SQLCipher, at a 64 MiB and a
 * 2 MiB page cache, printed side by side with the floor for the encrypted
 * store and the cost of unlocking; then the encrypted store of W read
 * through the core API (child page, children model, search) with the
 * latency of each.
 *
 *   bench-store [--quick | --children N] [--seed S]
 *               [--only ENGINE] [--cache KIB] [--repeat N] [--skip-unlock]
 *               [--skip-api]
 *
 * Run by `meson test --benchmark`.  Targets are reported, never enforced:
 * the exit status says only whether every run completed.  Wall time
 * includes waiting for the disk and for other programs; process CPU time,
 * printed beside it, is steadier on a busy machine.
 */

#include "config.h"

#include <string.h>

#include "bench-api.h"
#include "bench-pathway.h"
#include "bench-report.h"
#include "bench-workload.h"

static guint n_children = BENCH_DEFAULT_CHILDREN;
static guint seed = BENCH_DEFAULT_SEED;
static gboolean quick;
static char *sqlcipher_path;
static char *only;
static gboolean skip_unlock;
static gboolean skip_api;
static int only_cache;
static guint n_repeats = 1;

static const GOptionEntry options[] = {
  { "children", 'n', 0, G_OPTION_ARG_INT, &n_children, "Number of children (10000)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data", "SEED" },
  { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "1000 children", NULL },
  { "sqlcipher", 0, 0, G_OPTION_ARG_FILENAME, &sqlcipher_path,
    "The bench-sqlcipher program (default: beside this one)", "PATH" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one engine: plain, pathway or sqlcipher",
    "ENGINE" },
  { "cache", 0, 0, G_OPTION_ARG_INT, &only_cache, "Run one cache size: 65536 or 2000", "KIB" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &n_repeats, "Run each engine N times, keep the fastest",
    "N" },
  { "skip-unlock", 0, 0, G_OPTION_ARG_NONE, &skip_unlock, "Do not time unlocking", NULL },
  { "skip-api", 0, 0, G_OPTION_ARG_NONE, &skip_api,
    "Do not time the child page, children model and search through the core API", NULL },
  { NULL }
};

static gboolean
wanted (BenchEngineId id)
{
  return only == NULL || g_strcmp0 (only, bench_engine_name (id)) == 0;
}

static gboolean
wanted_cache (int cache_kib)
{
  return only_cache == 0 || only_cache == cache_kib;
}

static char *
engine_path (const char    *dir,
             BenchEngineId  id,
             int            cache_kib)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.db", bench_engine_name (id), cache_kib);

  return g_build_filename (dir, name, NULL);
}

/* Plain SQLite --------------------------------------------------------------- */

static sqlite3 *
plain_open (BenchEngine  *engine,
            gboolean      create,
            GError      **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (engine->path, &db, flags | (create ? SQLITE_OPEN_CREATE : 0), NULL);
  if (rc == SQLITE_OK && bench_apply_pragmas (db, engine->cache_kib, create, error))
    return db;
  if (rc != SQLITE_OK)
    g_set_error (error, BENCH_ERROR, rc, "Could not open “%s”: %s", engine->path,
                 sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  return NULL;
}

static void
plain_close (BenchEngine *engine,
             sqlite3     *db)
{
  sqlite3_close_v2 (db);
}

/* Runs ----------------------------------------------------------------------- */

static gboolean
run_engine (BenchReport    *report,
            const char     *dir,
            BenchEngineId   id,
            int             cache_kib,
            GError        **error)
{
  g_autofree char *path = engine_path (dir, id, cache_kib);
  BenchEngine engine = {
    .id = BENCH_ENGINE_PLAIN,
    .path = path,
    .cache_kib = cache_kib,
    .open = plain_open,
    .close = plain_close,
  };
  BenchResult result;
  gboolean ok;

  if (id == BENCH_ENGINE_PATHWAY)
    bench_pathway_engine_init (&engine, path, cache_kib);
  g_printerr ("%s, cache %d KiB, %u children…\n", report->labels[id], cache_kib, n_children);
  ok = bench_workload_run (&engine, n_children, seed, &result, error);
  if (id == BENCH_ENGINE_PATHWAY)
    {
      bench_pathway_explain (error);
      bench_pathway_engine_clear (&engine);
    }
  if (ok)
    bench_report_add (report, id, cache_kib, &result);
  else
    g_prefix_error (error, "%s, cache %d KiB: ", report->labels[id], cache_kib);
  return ok;
}

/* A failed run is reported and the others go on: the table shows what
 * failed, and the exit status says the benchmark is incomplete. */
static gboolean
note_failure (BenchReport  *report,
              GError      **error)
{
  g_autofree char *note = g_strdup_printf ("**FAILED**: %s", (*error)->message);

  g_printerr ("%s\n", note);
  bench_report_add_note (report, note);
  g_clear_error (error);
  return FALSE;
}

/* Plain and encrypted alternate, and so do repeats, so that both meet the
 * machine in the same state. */
static gboolean
run_linked_engines (BenchReport *report,
                    const char  *dir)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (guint r = 0; r < n_repeats; r++)
    for (int c = 0; c < BENCH_N_CACHES; c++)
      for (BenchEngineId id = BENCH_ENGINE_PLAIN; id <= BENCH_ENGINE_PATHWAY; id++)
        if (wanted (id) && wanted_cache (bench_cache_kib[c]) &&
            !run_engine (report, dir, id, bench_cache_kib[c], &error))
          ok = note_failure (report, &error);
  return ok;
}

/* A store workload W filled, at the minimum key-derivation cost. */
static char *
find_pathway_store (BenchReport *report,
                    const char  *dir)
{
  for (int c = 0; c < BENCH_N_CACHES; c++)
    if (report->have[BENCH_ENGINE_PATHWAY][c])
      return engine_path (dir, BENCH_ENGINE_PATHWAY, bench_cache_kib[c]);
  return NULL;
}

static gboolean
run_api (BenchReport  *report,
         const char   *dir,
         GError      **error)
{
  g_autofree char *store = find_pathway_store (report, dir);

  if (skip_api || store == NULL)
    return TRUE;
  report->have_api = bench_measure_api (store, n_children, seed, &report->api, error);
  if (!report->have_api)
    bench_pathway_explain (error);
  return report->have_api;
}

static gboolean
run_pathway_extras (BenchReport  *report,
                    const char   *dir,
                    GError      **error)
{
  g_autofree char *cheap_store = find_pathway_store (report, dir);

  g_printerr ("Page AEAD…\n");
  bench_measure_aead (&report->aead);
  report->have_aead = TRUE;
  if (skip_unlock || cheap_store == NULL)
    return TRUE;
  g_printerr ("Unlock: calibrating Argon2id and writing %u children…\n", n_children);
  report->have_unlock = bench_measure_unlock (dir, cheap_store, n_children, seed,
                                              &report->unlock, error);
  return report->have_unlock;
}

/* SQLCipher ------------------------------------------------------------------ */

static char *
find_sqlcipher (void)
{
  g_autofree char *self = NULL;
  g_autofree char *self_dir = NULL;
  g_autofree char *path = NULL;

  /* meson passes a path relative to the build directory. */
  if (sqlcipher_path != NULL && g_file_test (sqlcipher_path, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (sqlcipher_path);
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    return NULL;
  self_dir = g_path_get_dirname (self);
  path = g_build_filename (self_dir, "bench-sqlcipher", NULL);
  return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) ? g_steal_pointer (&path) : NULL;
}

static void
read_child_line (BenchReport *report,
                 const char  *line)
{
  static const char label[] = "bench-label\tsqlcipher\t";
  static const char info[] = "bench-info\t";
  BenchEngineId id;
  BenchResult result;
  int cache_kib;

  if (bench_result_from_line (line, &id, &cache_kib, &result))
    bench_report_add (report, id, cache_kib, &result);
  else if (g_str_has_prefix (line, label))
    bench_report_set_label (report, BENCH_ENGINE_SQLCIPHER, line + strlen (label));
  else if (g_str_has_prefix (line, info))
    bench_report_add_note (report, line + strlen (info));
}

static gboolean
run_sqlcipher (BenchReport  *report,
               const char   *dir,
               GError      **error)
{
  g_autofree char *program = find_sqlcipher ();
  g_autofree char *n = g_strdup_printf ("%u", n_children);
  g_autofree char *s = g_strdup_printf ("%u", seed);
  g_autofree char *cache = g_strdup_printf ("%d", only_cache);
  g_autofree char *repeats = g_strdup_printf ("%u", n_repeats);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (program == NULL)
    {
      bench_report_add_note (report, "SQLCipher: not measured (bench-sqlcipher was not built: "
                             "no sqlcipher at configure time)");
      return TRUE;
    }
  {
    const char *argv[] = { program, "--children", n, "--seed", s, "--dir", dir,
                           "--cache", cache, "--repeat", repeats, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                       &status, error))
      return FALSE;
  }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    read_child_line (report, lines[i]);
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "SQLCipher (its messages are above the table): ");
      return FALSE;
    }
  return TRUE;
}

/* Main ----------------------------------------------------------------------- */

static void
set_labels (BenchReport *report)
{
  g_autofree char *plain = g_strdup_printf ("plain SQLite %s", sqlite3_libversion ());

  bench_report_set_label (report, BENCH_ENGINE_PLAIN, plain);
  bench_report_set_label (report, BENCH_ENGINE_PATHWAY, "Pathway store");
  bench_report_set_label (report, BENCH_ENGINE_SQLCIPHER, "SQLCipher");
}

static gboolean
run_all (BenchReport *report,
         const char  *dir)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = run_linked_engines (report, dir);

  if (wanted (BENCH_ENGINE_PATHWAY) && !run_api (report, dir, &error))
    ok = note_failure (report, &error);
  if (wanted (BENCH_ENGINE_PATHWAY) && !run_pathway_extras (report, dir, &error))
    ok = note_failure (report, &error);
  if (wanted (BENCH_ENGINE_SQLCIPHER) && !run_sqlcipher (report, dir, &error))
    ok = note_failure (report, &error);
  return ok;
}

static gboolean
parse_options (int      *argc,
               char   ***argv,
               GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- store benchmark, workload W");

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (quick)
    n_children = BENCH_QUICK_CHILDREN;
  if (only_cache != 0 && bench_cache_index (only_cache) < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--cache is 65536 or 2000");
      return FALSE;
    }
  if (n_repeats == 0)
    n_repeats = 1;
  if (n_children == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--children needs at least one child");
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  BenchReport report;
  gboolean ok;

  bench_init_output ();

  if (!parse_options (&argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  dir = g_dir_make_tmp ("pathway-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bench_report_init (&report, n_children, seed, n_repeats);
  set_labels (&report);
  ok = run_all (&report, dir);
  bench_report_print (&report);
  bench_report_clear (&report);
  bench_remove_dir (dir);
  if (!ok)
    g_printerr ("The benchmark did not complete: see the failures above\n");
  return ok ? 0 : 1;
}
