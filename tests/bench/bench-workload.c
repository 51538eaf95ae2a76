/* bench-workload.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Workload W of the store benchmark, on any engine that hands out an
 * sqlite3 connection, over the records schema itself: the migrations of
 * core/pw-schema-sql.c, applied as the core applies them.
 *
 * SQLCipher 3.4.1 as Debian builds it has no FTS5, so on an engine without
 * it the search table is made with FTS4 instead, with the same columns and
 * tokenizer, and every engine runs full-text queries in the syntax the two
 * share.  bench-writer.c writes the records; this file reads them back as
 * the child page does, and times the phases.
 *
 * A checksum over every value the loads and searches return shows that
 * every engine did the same work.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-workload.h"
#include "bench-writer.h"
#include "pw-schema-sql.h"

const int bench_cache_kib[BENCH_N_CACHES] = { 65536, 2000 };

G_DEFINE_QUARK (bench-error-quark, bench_error)

/* The store's own table of metadata, where the core keeps the head of the
 * audit chain; a Pathway store has it from its creation. */
static const char store_meta_sql[] =
  "CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";

static const char fts4_search[] =
  "fts4(text, child_id, notindexed=child_id, tokenize=unicode61)";

/* Everything the child page shows: the child with their setting and
 * workers, family, consents, level history, needs, every cycle, the open
 * cycle's outcomes with their ratings, provision and sessions, agency
 * involvement and contributions, meetings and actions, attendance,
 * exclusions, notes and the chronology. */
enum
{
  LOAD_CHILD,
  LOAD_FAMILY,
  LOAD_CONSENTS,
  LOAD_LEVEL_CHANGES,
  LOAD_NEEDS,
  LOAD_CYCLES,
  LOAD_OUTCOMES,
  LOAD_PROVISIONS,
  LOAD_SESSIONS,
  LOAD_INVOLVEMENTS,
  LOAD_CONTRIBUTIONS,
  LOAD_MEETINGS,
  LOAD_ACTIONS,
  LOAD_ATTENDANCE,
  LOAD_EXCLUSIONS,
  LOAD_NOTES,
  LOAD_CHRONOLOGY,
  N_LOADS
};

static const char *const load_sql[N_LOADS] = {
  "SELECT c.*, s.name, k.name, l.name FROM child c "
  "LEFT JOIN setting s ON s.id = c.setting_id LEFT JOIN worker k ON k.id = c.key_worker_id "
  "LEFT JOIN worker l ON l.id = c.lead_practitioner_id WHERE c.id = ?1",
  "SELECT * FROM family_member WHERE child_id = ?1 ORDER BY id",
  "SELECT * FROM consent WHERE child_id = ?1 ORDER BY given_on",
  "SELECT * FROM level_change WHERE child_id = ?1 ORDER BY date, id",
  "SELECT * FROM need WHERE child_id = ?1 ORDER BY rank",
  "SELECT id, state <> 'closed', * FROM cycle WHERE child_id = ?1 ORDER BY number",
  "SELECT o.*, r.id, r.progress, r.evidence FROM outcome o "
  "LEFT JOIN rating r ON r.outcome_id = o.id WHERE o.cycle_id = ?1 ORDER BY o.id",
  "SELECT * FROM provision WHERE cycle_id = ?1 ORDER BY id",
  "SELECT s.* FROM session s JOIN provision p ON p.id = s.provision_id "
  "WHERE p.cycle_id = ?1 ORDER BY s.date",
  "SELECT * FROM involvement WHERE child_id = ?1 ORDER BY from_date",
  "SELECT * FROM contribution WHERE child_id = ?1 ORDER BY event_date DESC",
  "SELECT * FROM meeting WHERE child_id = ?1 ORDER BY date",
  "SELECT * FROM meeting_action WHERE child_id = ?1 ORDER BY due_date",
  "SELECT * FROM attendance WHERE child_id = ?1 ORDER BY academic_year, term",
  "SELECT * FROM exclusion WHERE child_id = ?1 ORDER BY start_date",
  "SELECT * FROM note WHERE child_id = ?1 ORDER BY event_date DESC",
  "SELECT event_date, kind, record_table, record_id FROM chronology WHERE child_id = ?1 "
  "ORDER BY event_date, created_at, record_id",
};

/* The children a query finds, as the search results list them.  Ordered by
 * id, not by rank, which FTS4 lacks. */
static const char search_sql[] =
  "SELECT c.id, c.legal_given_name, c.legal_family_name, c.preferred_name, c.upn, "
  "c.current_level, c.next_review, m.hits FROM (SELECT child_id, count(*) AS hits "
  "FROM search WHERE search MATCH ?1 GROUP BY child_id ORDER BY child_id LIMIT 50) AS m "
  "JOIN child c ON c.id = m.child_id";

/* SQL helpers ---------------------------------------------------------------- */

gboolean
bench_sqlite_error (sqlite3  *db,
                    int       rc,
                    GError  **error)
{
  g_set_error (error, BENCH_ERROR, rc, "%s (extended code %d)", sqlite3_errmsg (db),
               sqlite3_extended_errcode (db));
  return FALSE;
}

gboolean
bench_prepare_all (sqlite3            *db,
                   const char *const  *sql,
                   guint               n,
                   sqlite3_stmt      **stmts,
                   GError            **error)
{
  for (guint i = 0; i < n; i++)
    {
      int rc = sqlite3_prepare_v2 (db, sql[i], -1, &stmts[i], NULL);

      if (rc != SQLITE_OK)
        return bench_sqlite_error (db, rc, error);
    }
  return TRUE;
}

void
bench_finalize_all (sqlite3_stmt **stmts,
                    guint          n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
}

gboolean
bench_query_int (sqlite3     *db,
                 const char  *sql,
                 gint64      *value,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK || bench_sqlite_error (db, rc, error);
}

/* Schema --------------------------------------------------------------------- */

/* @sql with its FTS5 table made FTS4, if it has one. */
static char *
without_fts5 (const char *sql)
{
  const char *module = strstr (sql, "USING fts5(");
  const char *end = module != NULL ? strstr (module, ");") : NULL;

  if (end == NULL)
    return g_strdup (sql);
  module += strlen ("USING ");
  return g_strdup_printf ("%.*s%s%s", (int) (module - sql), sql, fts4_search, end + 1);
}

static gboolean
have_fts5 (void)
{
  return sqlite3_compileoption_used ("ENABLE_FTS5");
}

static gboolean
apply_migrations (sqlite3  *db,
                  GError  **error)
{
  g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %d", PW_SCHEMA_VERSION);

  for (guint v = 1; v <= PW_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = have_fts5 () ? g_strdup (pw_schema_migration_sql (v))
                                          : without_fts5 (pw_schema_migration_sql (v));

      if (!bench_exec (db, sql, error))
        {
          g_prefix_error (error, "records schema, migration %u: ", v);
          return FALSE;
        }
    }
  return bench_exec (db, version, error) && bench_exec (db, store_meta_sql, error);
}

/**
 * bench_create_records:
 *
 * Applies every migration of the records schema to @db, sets its
 * user_version as the core does, and writes the workers and settings that
 * children refer to, in one transaction.
 */
gboolean
bench_create_records (sqlite3  *db,
                      guint32   seed,
                      GError  **error)
{
  g_autoptr(BenchWriter) w = NULL;
  gboolean ok;

  if (!bench_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = apply_migrations (db, error) &&
       (w = bench_writer_new (db, seed + 4, error)) != NULL &&
       bench_writer_add_staff (w, error) &&
       bench_exec (db, "COMMIT", error);
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* Reader --------------------------------------------------------------------- */

typedef struct
{
  sqlite3 *db;
  sqlite3_stmt *stmts[N_LOADS];
  sqlite3_stmt *search;
  gint64 open_cycle;
  guint64 checksum;
} Reader;

/* Touches every value, as a page showing the row would. */
static void
add_row (Reader       *r,
         sqlite3_stmt *stmt)
{
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          r->checksum += (guint64) sqlite3_column_int64 (stmt, i);
          break;
        case SQLITE_TEXT:
          sqlite3_column_text (stmt, i);
          r->checksum += (guint64) sqlite3_column_bytes (stmt, i) * (i + 1);
          break;
        case SQLITE_BLOB:
          sqlite3_column_blob (stmt, i);
          r->checksum += (guint64) sqlite3_column_bytes (stmt, i) * (i + 1);
          break;
        default:
          break;
        }
    }
}

/* Runs @stmt to its end.  For the cycles, whose second column says whether
 * the cycle is open, notes the open one. */
static gboolean
run_query (Reader        *r,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean cycles = stmt == r->stmts[LOAD_CYCLES];
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      add_row (r, stmt);
      if (cycles && sqlite3_column_int (stmt, 1) != 0)
        r->open_cycle = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bench_sqlite_error (r->db, rc, error);
}

static gboolean
load_by_id (Reader  *r,
            guint    which,
            gint64   id,
            GError **error)
{
  sqlite3_bind_int64 (r->stmts[which], 1, id);
  return run_query (r, r->stmts[which], error);
}

static gboolean
load_open_cycle (Reader  *r,
                 GError **error)
{
  if (r->open_cycle == 0)
    return TRUE;
  return load_by_id (r, LOAD_OUTCOMES, r->open_cycle, error) &&
         load_by_id (r, LOAD_PROVISIONS, r->open_cycle, error) &&
         load_by_id (r, LOAD_SESSIONS, r->open_cycle, error);
}

static gboolean
load_child_page (Reader  *r,
                 gint64   child_id,
                 GError **error)
{
  r->open_cycle = 0;
  for (guint which = LOAD_CHILD; which <= LOAD_CYCLES; which++)
    if (!load_by_id (r, which, child_id, error))
      return FALSE;
  if (!load_open_cycle (r, error))
    return FALSE;
  for (guint which = LOAD_INVOLVEMENTS; which < N_LOADS; which++)
    if (!load_by_id (r, which, child_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
reader_init (Reader   *r,
             sqlite3  *db,
             GError  **error)
{
  static const char *const search[] = { search_sql };

  memset (r, 0, sizeof *r);
  r->db = db;
  return bench_prepare_all (db, load_sql, N_LOADS, r->stmts, error) &&
         bench_prepare_all (db, search, 1, &r->search, error);
}

static void
reader_clear (Reader *r)
{
  bench_finalize_all (r->stmts, N_LOADS);
  g_clear_pointer (&r->search, sqlite3_finalize);
}

/* Phases --------------------------------------------------------------------- */

typedef struct
{
  gint64 start;
  double cpu_start;
  guint64 reads;
  guint64 writes;
} Mark;

/* Process time is less disturbed than wall time by whatever else the
 * machine runs, though it leaves out waiting for the disk. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
get_io (BenchEngine *engine,
        guint64     *reads,
        guint64     *writes)
{
  *reads = *writes = 0;
  if (engine->get_io != NULL)
    engine->get_io (engine, reads, writes);
}

static void
mark_begin (BenchEngine *engine,
            Mark        *mark)
{
  get_io (engine, &mark->reads, &mark->writes);
  mark->cpu_start = cpu_seconds ();
  mark->start = g_get_monotonic_time ();
}

static void
mark_end (BenchEngine *engine,
          const Mark  *mark,
          BenchPhase   phase,
          BenchResult *result)
{
  guint64 reads, writes;

  result->seconds[phase] = (g_get_monotonic_time () - mark->start) / (double) G_USEC_PER_SEC;
  result->cpu_seconds[phase] = cpu_seconds () - mark->cpu_start;
  get_io (engine, &reads, &writes);
  result->reads[phase] = reads - mark->reads;
  result->writes[phase] = writes - mark->writes;
}

/* Writes children @per_transaction at a time. */
static gboolean
write_children (sqlite3      *db,
                BenchWriter  *w,
                guint         n_children,
                guint         per_transaction,
                GError      **error)
{
  for (guint i = 0; i < n_children; i++)
    {
      gboolean first = i % per_transaction == 0;
      gboolean last = (i + 1) % per_transaction == 0 || i + 1 == n_children;

      if (first && !bench_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!bench_writer_write_child (w, i, error))
        return FALSE;
      if (last && !bench_exec (db, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_insert (BenchEngine  *engine,
            sqlite3      *db,
            guint         n_children,
            guint32       seed,
            BenchResult  *result,
            GError      **error)
{
  g_autoptr(BenchWriter) w = bench_writer_new (db, seed, error);
  Mark mark;
  gboolean ok;

  mark_begin (engine, &mark);
  ok = w != NULL && write_children (db, w, n_children, 1, error);
  mark_end (engine, &mark, BENCH_PHASE_INSERT, result);
  if (!ok)
    g_prefix_error (error, "insert: ");
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

static gboolean
run_loads (Reader   *r,
           guint     n_children,
           guint32   seed,
           GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 1);

  for (guint i = 0; i < 2 * n_children; i++)
    if (!load_child_page (r, g_rand_int_range (rand, 1, n_children + 1), error))
      return FALSE;
  return TRUE;
}

static gboolean
run_searches (Reader      *r,
              char *const *searches,
              GError     **error)
{
  for (guint i = 0; searches[i] != NULL; i++)
    {
      sqlite3_bind_text (r->search, 1, searches[i], -1, SQLITE_STATIC);
      if (!run_query (r, r->search, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_reads (BenchEngine  *engine,
           sqlite3      *db,
           guint         n_children,
           guint32       seed,
           BenchResult  *result,
           GError      **error)
{
  g_auto(GStrv) searches = bench_make_searches (n_children, seed);
  Reader r;
  Mark mark;
  gboolean ok;

  ok = reader_init (&r, db, error);
  mark_begin (engine, &mark);
  ok = ok && run_loads (&r, n_children, seed, error);
  mark_end (engine, &mark, BENCH_PHASE_LOAD, result);
  mark_begin (engine, &mark);
  ok = ok && run_searches (&r, searches, error);
  mark_end (engine, &mark, BENCH_PHASE_SEARCH, result);
  result->checksum = r.checksum;
  reader_clear (&r);
  if (!ok)
    g_prefix_error (error, "load or search: ");
  return ok;
}

/* The checkpoint is what closing would do anyway; doing it first lets an
 * engine count the pages it writes before its connection goes away. */
static gboolean
run_reopen (BenchEngine  *engine,
            sqlite3     **db,
            BenchResult  *result,
            GError      **error)
{
  Mark mark;
  gboolean ok;

  mark_begin (engine, &mark);
  ok = bench_exec (*db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  engine->close (engine, g_steal_pointer (db));
  if (ok)
    *db = engine->open (engine, FALSE, error);
  ok = ok && *db != NULL &&
       bench_query_int (*db, "SELECT count(*) FROM child", &result->n_children, error);
  mark_end (engine, &mark, BENCH_PHASE_REOPEN, result);
  if (!ok)
    g_prefix_error (error, "reopen: ");
  return ok;
}

/* Public --------------------------------------------------------------------- */

const char *
bench_engine_name (BenchEngineId id)
{
  static const char *const names[BENCH_N_ENGINES] = { "plain", "pathway", "sqlcipher" };

  g_return_val_if_fail (id < BENCH_N_ENGINES, NULL);

  return names[id];
}

const char *
bench_phase_name (BenchPhase phase)
{
  static const char *const names[BENCH_N_PHASES] = { "insert", "load", "search", "reopen" };

  g_return_val_if_fail (phase < BENCH_N_PHASES, NULL);

  return names[phase];
}

int
bench_cache_index (int cache_kib)
{
  for (int i = 0; i < BENCH_N_CACHES; i++)
    if (bench_cache_kib[i] == cache_kib)
      return i;
  return -1;
}

gboolean
bench_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || bench_sqlite_error (db, rc, error);
}

gboolean
bench_set_cache (sqlite3  *db,
                 int       cache_kib,
                 GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size=-%d", cache_kib);

  return bench_exec (db, sql, error);
}

static gboolean
enter_wal_mode (sqlite3  *db,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is_wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      is_wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return bench_sqlite_error (db, rc, error);
  if (!is_wal)
    g_set_error_literal (error, BENCH_ERROR, 0, "The database refused WAL mode");
  return is_wal;
}

/**
 * bench_apply_pragmas:
 *
 * The encrypted store's connection rules, in the store's order, for the
 * engines that do not set them themselves.
 */
gboolean
bench_apply_pragmas (sqlite3   *db,
                     int        cache_kib,
                     gboolean   is_new,
                     GError   **error)
{
  static const char rules[] =
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA mmap_size=0;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA cell_size_check=ON;";

  return bench_exec (db, "PRAGMA locking_mode=EXCLUSIVE", error) &&
         (!is_new || bench_exec (db, "PRAGMA page_size=4096", error)) &&
         enter_wal_mode (db, error) &&
         bench_exec (db, rules, error) &&
         bench_set_cache (db, cache_kib, error);
}

/**
 * bench_fill:
 *
 * Creates the records schema and writes @n_children children, a hundred
 * to a transaction: the quick way to a full store for timing other things.
 */
gboolean
bench_fill (sqlite3  *db,
            guint     n_children,
            guint32   seed,
            GError  **error)
{
  g_autoptr(BenchWriter) w = NULL;
  gboolean ok;

  ok = bench_create_records (db, seed, error) &&
       (w = bench_writer_new (db, seed, error)) != NULL &&
       write_children (db, w, n_children, 100, error);
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/**
 * bench_workload_run:
 * @engine: the engine, its path and cache size
 * @result: (out): seconds, page I/O and checksum of each phase
 *
 * Runs workload W on a new database at @engine's path.  Creating the
 * database, its schema, workers and settings is not timed.  The files stay for the caller to
 * measure and remove.
 */
gboolean
bench_workload_run (BenchEngine  *engine,
                    guint         n_children,
                    guint32       seed,
                    BenchResult  *result,
                    GError      **error)
{
  sqlite3 *db;
  gboolean ok;

  memset (result, 0, sizeof *result);
  bench_remove_files (engine->path);
  db = engine->open (engine, TRUE, error);
  if (db == NULL)
    return FALSE;
  ok = bench_create_records (db, seed, error) &&
       run_insert (engine, db, n_children, seed, result, error) &&
       run_reads (engine, db, n_children, seed, result, error) &&
       run_reopen (engine, &db, result, error);
  if (db != NULL)
    engine->close (engine, db);
  result->file_bytes = bench_files_size (engine->path);
  if (ok && result->n_children != n_children)
    {
      g_set_error (error, BENCH_ERROR, 0, "Counted %" G_GINT64_FORMAT " children after "
                   "reopening, not %u", result->n_children, n_children);
      return FALSE;
    }
  return ok;
}

double
bench_result_total (const BenchResult *result)
{
  double total = 0;

  for (guint p = 0; p < BENCH_N_PHASES; p++)
    total += result->seconds[p];
  return total;
}

double
bench_result_cpu_total (const BenchResult *result)
{
  double total = 0;

  for (guint p = 0; p < BENCH_N_PHASES; p++)
    total += result->cpu_seconds[p];
  return total;
}

/**
 * bench_result_to_line:
 *
 * Returns: (transfer full): @result as one tab-separated line, which
 *   bench_result_from_line() reads back
 */
char *
bench_result_to_line (BenchEngineId      id,
                      int                cache_kib,
                      const BenchResult *result)
{
  GString *line = g_string_new ("bench-result");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (line, "\t%s\t%d", bench_engine_name (id), cache_kib);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%s",
                            g_ascii_formatd (number, sizeof number, "%.6f", result->seconds[p]));
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%s", g_ascii_formatd (number, sizeof number, "%.6f",
                                                           result->cpu_seconds[p]));
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                            result->reads[p], result->writes[p]);
  g_string_append_printf (line, "\t%" G_GUINT64_FORMAT "\t%" G_GINT64_FORMAT
                          "\t%" G_GINT64_FORMAT, result->checksum, result->n_children,
                          result->file_bytes);
  return g_string_free (line, FALSE);
}

#define N_LINE_FIELDS (3 + 4 * BENCH_N_PHASES + 3)

gboolean
bench_result_from_line (const char    *line,
                        BenchEngineId *id,
                        int           *cache_kib,
                        BenchResult   *result)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint f = 3;

  if (g_strv_length (fields) != N_LINE_FIELDS || g_strcmp0 (fields[0], "bench-result") != 0)
    return FALSE;
  for (*id = 0; *id < BENCH_N_ENGINES; (*id)++)
    if (g_strcmp0 (fields[1], bench_engine_name (*id)) == 0)
      break;
  *cache_kib = (int) g_ascii_strtoll (fields[2], NULL, 10);
  memset (result, 0, sizeof *result);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    result->seconds[p] = g_ascii_strtod (fields[f++], NULL);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    result->cpu_seconds[p] = g_ascii_strtod (fields[f++], NULL);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    {
      result->reads[p] = g_ascii_strtoull (fields[f++], NULL, 10);
      result->writes[p] = g_ascii_strtoull (fields[f++], NULL, 10);
    }
  result->checksum = g_ascii_strtoull (fields[f++], NULL, 10);
  result->n_children = g_ascii_strtoll (fields[f++], NULL, 10);
  result->file_bytes = g_ascii_strtoll (fields[f], NULL, 10);
  return *id < BENCH_N_ENGINES && bench_cache_index (*cache_kib) >= 0;
}

static const char *const file_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* The main file and its log, as they lie on disk. */
gint64
bench_files_size (const char *path)
{
  gint64 total = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strconcat (path, file_suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0)
        total += st.st_size;
    }
  return total;
}

void
bench_remove_files (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, file_suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Removes @path and the files in it; the benchmark makes no subfolders. */
void
bench_remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
print_utf8 (const char *text)
{
  fputs (text, stdout);
  fflush (stdout);
}

static void
printerr_utf8 (const char *text)
{
  fputs (text, stderr);
}

/**
 * bench_init_output:
 *
 * The tables are UTF-8 whatever the locale: g_print() would turn × and µ
 * into question marks in the C locale.
 */
void
bench_init_output (void)
{
  g_set_print_handler (print_utf8);
  g_set_printerr_handler (printerr_utf8);
}
