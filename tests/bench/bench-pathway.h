/* bench-pathway.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bench-workload.h"
#include "pw-store.h"

G_BEGIN_DECLS

/**
 * BenchAead:
 * @encrypt_us: microseconds to encrypt one page that is in the CPU cache
 * @decrypt_us: microseconds to decrypt one, with a copy of the page
 * @cold_encrypt_us: the same for pages spread over 64 MiB, as a big page
 *   cache hands them to the VFS
 * @cold_decrypt_us: the same
 */
typedef struct
{
  double encrypt_us;
  double decrypt_us;
  double cold_encrypt_us;
  double cold_decrypt_us;
} BenchAead;

/**
 * BenchUnlock:
 * @first_total: seconds the first pw_store_unlock() took on a store with a
 *   calibrated cost
 * @total: the median of a few unlocks of that store
 * @argon2id: the median of a few crypto_pwhash() calls alone at the same cost
 * @argon2id_min: the fastest of them
 * @argon2id_max: the slowest
 * @after_derivation: seconds of unlocking that are not key derivation,
 *   measured on a store with the minimum cost less that cost's derivation
 * @first_page: seconds to read the first page of the children list after
 *   unlocking
 */
typedef struct
{
  PwKdfCost cost;
  double first_total;
  double total;
  double argon2id;
  double argon2id_min;
  double argon2id_max;
  double after_derivation;
  double first_page;
} BenchUnlock;

void      bench_pathway_engine_init   (BenchEngine  *engine,
                                       const char   *path,
                                       int           cache_kib);
void      bench_pathway_engine_clear  (BenchEngine  *engine);
void      bench_pathway_explain       (GError      **error);
void      bench_measure_aead          (BenchAead    *aead);
gboolean  bench_measure_unlock        (const char   *dir,
                                       const char   *cheap_store,
                                       guint         n_children,
                                       guint32       seed,
                                       BenchUnlock  *unlock,
                                       GError      **error);

G_END_DECLS
