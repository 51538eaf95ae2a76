/* bench-workload.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* The same workload is built twice: against the system SQLite for the plain
 * and encrypted engines, and against SQLCipher in a program of its own, as
 * the two libraries export the same symbols. */
#ifdef BENCH_SQLCIPHER
# include <sqlcipher/sqlite3.h>
#else
# include <sqlite3.h>
#endif

G_BEGIN_DECLS

#define BENCH_ERROR (bench_error_quark ())

#define BENCH_DEFAULT_CHILDREN 10000
#define BENCH_QUICK_CHILDREN   1000
#define BENCH_DEFAULT_SEED     20260
#define BENCH_N_CACHES         2
#define BENCH_N_SEARCHES       20

typedef enum
{
  BENCH_ENGINE_PLAIN,
  BENCH_ENGINE_PATHWAY,
  BENCH_ENGINE_SQLCIPHER,
  BENCH_N_ENGINES
} BenchEngineId;

typedef enum
{
  BENCH_PHASE_INSERT,
  BENCH_PHASE_LOAD,
  BENCH_PHASE_SEARCH,
  BENCH_PHASE_REOPEN,
  BENCH_N_PHASES
} BenchPhase;

typedef struct
{
  double seconds[BENCH_N_PHASES];
  double cpu_seconds[BENCH_N_PHASES];
  guint64 reads[BENCH_N_PHASES];
  guint64 writes[BENCH_N_PHASES];
  guint64 checksum;
  gint64 n_children;
  gint64 file_bytes;
} BenchResult;

typedef struct _BenchEngine BenchEngine;

/**
 * BenchEngine:
 * @open: opens the database at @path, creating it if @create, with the
 *   bench pragmas and a cache of @cache_kib
 * @close: closes a database @open returned
 * @get_io: (nullable): page reads and writes so far through an encrypting
 *   layer, summed over every connection this engine opened
 */
struct _BenchEngine
{
  BenchEngineId id;
  char *path;
  int cache_kib;
  sqlite3 *(*open) (BenchEngine *self, gboolean create, GError **error);
  void (*close) (BenchEngine *self, sqlite3 *db);
  void (*get_io) (BenchEngine *self, guint64 *reads, guint64 *writes);
  gpointer data;
};

extern const int bench_cache_kib[BENCH_N_CACHES];

GQuark       bench_error_quark       (void);
const char  *bench_engine_name       (BenchEngineId       id);
const char  *bench_phase_name        (BenchPhase          phase);
int          bench_cache_index       (int                 cache_kib);

gboolean     bench_sqlite_error      (sqlite3            *db,
                                      int                 rc,
                                      GError            **error);
gboolean     bench_exec              (sqlite3            *db,
                                      const char         *sql,
                                      GError            **error);
gboolean     bench_query_int         (sqlite3            *db,
                                      const char         *sql,
                                      gint64             *value,
                                      GError            **error);
gboolean     bench_prepare_all       (sqlite3            *db,
                                      const char *const  *sql,
                                      guint               n,
                                      sqlite3_stmt      **stmts,
                                      GError            **error);
void         bench_finalize_all      (sqlite3_stmt      **stmts,
                                      guint               n);
gboolean     bench_create_records    (sqlite3            *db,
                                      guint32             seed,
                                      GError            **error);
gboolean     bench_apply_pragmas     (sqlite3            *db,
                                      int                 cache_kib,
                                      gboolean            is_new,
                                      GError            **error);
gboolean     bench_set_cache         (sqlite3            *db,
                                      int                 cache_kib,
                                      GError            **error);
gboolean     bench_fill              (sqlite3            *db,
                                      guint               n_children,
                                      guint32             seed,
                                      GError            **error);
gboolean     bench_workload_run      (BenchEngine        *engine,
                                      guint               n_children,
                                      guint32             seed,
                                      BenchResult        *result,
                                      GError            **error);

double       bench_result_total      (const BenchResult  *result);
double       bench_result_cpu_total  (const BenchResult  *result);
char        *bench_result_to_line    (BenchEngineId       id,
                                      int                 cache_kib,
                                      const BenchResult  *result);
gboolean     bench_result_from_line  (const char         *line,
                                      BenchEngineId      *id,
                                      int                *cache_kib,
                                      BenchResult        *result);
gint64       bench_files_size        (const char         *path);
void         bench_remove_files      (const char         *path);
void         bench_remove_dir        (const char         *path);
void         bench_init_output       (void);

G_END_DECLS
