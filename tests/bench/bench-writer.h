/* bench-writer.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bench-workload.h"

G_BEGIN_DECLS

/* Where each kind of record stands in pw_entity_types(): the search index
 * numbers its rows (index + 1) << 40 | id, as the core does. */
#define BENCH_KIND_CHILD        2
#define BENCH_KIND_CONTRIBUTION 13
#define BENCH_KIND_NOTE         19
#define BENCH_SEARCH_ROWID(kind, id) ((((gint64) (kind) + 1) << 40) | (id))

typedef struct _BenchWriter BenchWriter;

BenchWriter  *bench_writer_new           (sqlite3      *db,
                                          guint32       seed,
                                          GError      **error);
void          bench_writer_free          (BenchWriter  *w);
gboolean      bench_writer_add_staff     (BenchWriter  *w,
                                          GError      **error);
gboolean      bench_writer_write_child   (BenchWriter  *w,
                                          guint         index,
                                          GError      **error);
char        **bench_make_searches        (guint         n_children,
                                          guint32       seed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchWriter, bench_writer_free)

G_END_DECLS
