/* bench-api.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Today" while the API is measured, so that which reviews are overdue
 * does not depend on the day the benchmark runs. */
#define BENCH_API_TODAY "2026-11-16"

#define BENCH_API_PAGE_LOADS    2000
#define BENCH_API_KEYSTROKES    200
#define BENCH_API_QUERIES       200
#define BENCH_API_FIRST_PAGES   20
#define BENCH_API_LEVEL_ROUNDS  10
#define BENCH_API_REVIEW_ROUNDS 20
#define BENCH_API_PAGE_ITEMS    50

typedef enum
{
  BENCH_API_CHILD_PAGE,
  BENCH_API_PAGE_LISTS,
  BENCH_API_PAGE_OUTCOMES,
  BENCH_API_PAGE_CHRONOLOGY,
  BENCH_API_FIRST_PAGE,
  BENCH_API_FILTER_TEXT,
  BENCH_API_FILTER_TEXT_1,
  BENCH_API_FILTER_TEXT_2,
  BENCH_API_FILTER_TEXT_3,
  BENCH_API_FILTER_LEVEL,
  BENCH_API_FILTER_OVERDUE,
  BENCH_API_SEARCH,
  BENCH_API_N_MEASURES
} BenchApiMeasure;

/**
 * BenchLatency:
 * @n: samples
 * @p50: median, in milliseconds
 * @mean_items: what each sample read, on average: records of a child
 *   page, children a filter kept, children a search found
 */
typedef struct
{
  guint n;
  double p50;
  double p90;
  double p99;
  double max;
  double mean_items;
} BenchLatency;

/**
 * BenchApi:
 * @n_children: children in the store
 * @file_bytes: the store and its log on disk
 * @open_ms: pw_store_open() and pw_store_unlock() at the minimum key
 *   derivation cost, then pw_caseload_new()
 * @first_page_cold_ms: the first children model made after opening
 * @invalid: records of the sampled pages that pw_record_validate() refused
 */
typedef struct
{
  guint n_children;
  gint64 file_bytes;
  double open_ms;
  double first_page_cold_ms;
  guint n_validated;
  guint invalid;
  char *first_invalid;
  BenchLatency latency[BENCH_API_N_MEASURES];
} BenchApi;

gboolean  bench_measure_api  (const char  *path,
                              guint        n_children,
                              guint32      seed,
                              BenchApi    *api,
                              GError     **error);
void      bench_api_clear    (BenchApi    *api);

G_END_DECLS
