/* bench-report.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bench-api.h"
#include "bench-pathway.h"
#include "bench-workload.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_children;
  guint32 seed;
  guint n_repeats;
  char *labels[BENCH_N_ENGINES];
  gboolean have[BENCH_N_ENGINES][BENCH_N_CACHES];
  BenchResult results[BENCH_N_ENGINES][BENCH_N_CACHES];
  gboolean have_aead;
  BenchAead aead;
  gboolean have_unlock;
  BenchUnlock unlock;
  gboolean have_api;
  BenchApi api;
  GPtrArray *notes;
} BenchReport;

void  bench_report_init       (BenchReport        *report,
                               guint               n_children,
                               guint32             seed,
                               guint               n_repeats);
void  bench_report_clear      (BenchReport        *report);
void  bench_report_set_label  (BenchReport        *report,
                               BenchEngineId       id,
                               const char         *label);
void  bench_report_add        (BenchReport        *report,
                               BenchEngineId       id,
                               int                 cache_kib,
                               const BenchResult  *result);
void  bench_report_add_note   (BenchReport        *report,
                               const char         *note);
void  bench_report_print      (const BenchReport  *report);

G_END_DECLS
