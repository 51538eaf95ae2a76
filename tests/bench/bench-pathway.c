/* bench-pathway.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The encrypted store as a benchmark engine, and what only it needs
 * measured: the AEAD of one page, which with the page I/O counts gives the
 * floor no encrypting VFS can beat, and the time to unlock.
 *
 * Stores for the workload use the cheapest key-derivation cost the test
 * build of core accepts, so that Argon2id stays out of the timings; the
 * unlock measurement uses a calibrated cost, as a real store would.
 */

#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bench-pathway.h"
#include "pw-caseload.h"
#include "pw-child-list.h"
#include "pw-crypto.h"
#include "pw-envelope.h"
#include "pw-store-private.h"
#include "pw-test-util.h"
#include "pw-vfs.h"

#define AEAD_BATCHES   7
#define AEAD_PER_BATCH 2000
#define AEAD_NONCES    64
#define AEAD_PGNO      2
#define AEAD_RING      16384  /* pages: 64 MiB, more than any CPU cache here */
#define AEAD_STRIDE    7919   /* prime to AEAD_RING: every page once a round */
#define UNLOCK_REPEATS 5
#define KDF_REPEATS    3
#define KDF_SECONDS    0.75
#define FIRST_PAGE_ITEMS 50

typedef struct
{
  PwStore *store;
  guint64 reads;   /* through connections already closed */
  guint64 writes;
} PathwayData;

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* Engine ---------------------------------------------------------------------- */

static PwStore *
create_or_unlock (const char  *path,
                  gboolean     create,
                  GError     **error)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;

  if (create)
    return pw_store_create (path, PW_TEST_PASSPHRASE, pw_test_cost (), &recovery, error);
  store = pw_store_open (path, error);
  if (store == NULL || !pw_store_unlock (store, PW_TEST_PASSPHRASE, error))
    return NULL;
  return g_steal_pointer (&store);
}

static sqlite3 *
engine_open (BenchEngine  *engine,
             gboolean      create,
             GError      **error)
{
  PathwayData *data = engine->data;
  g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size=-%d", engine->cache_kib);

  g_assert (data->store == NULL);
  data->store = create_or_unlock (engine->path, create, error);
  if (data->store == NULL)
    return NULL;
  if (!pw_store_exec (data->store, cache, error))
    {
      g_clear_object (&data->store);
      return NULL;
    }
  _pw_store_enter (data->store);
  return _pw_store_get_db (data->store);
}

/* The counts live in the key material, which locking wipes: keep them. */
static void
engine_close (BenchEngine *engine,
              sqlite3     *db)
{
  PathwayData *data = engine->data;
  guint64 reads, writes;

  g_assert (_pw_store_get_db (data->store) == db);
  _pw_store_get_io_counts (data->store, &reads, &writes);
  data->reads += reads;
  data->writes += writes;
  _pw_store_leave (data->store);
  pw_store_lock (data->store);
  g_clear_object (&data->store);
}

static void
engine_get_io (BenchEngine *engine,
               guint64     *reads,
               guint64     *writes)
{
  PathwayData *data = engine->data;
  guint64 open_reads = 0, open_writes = 0;

  if (data->store != NULL)
    _pw_store_get_io_counts (data->store, &open_reads, &open_writes);
  *reads = data->reads + open_reads;
  *writes = data->writes + open_writes;
}

/**
 * bench_pathway_engine_init:
 * @path: where the store goes; borrowed until bench_pathway_engine_clear()
 */
void
bench_pathway_engine_init (BenchEngine *engine,
                           const char  *path,
                           int          cache_kib)
{
  memset (engine, 0, sizeof *engine);
  engine->id = BENCH_ENGINE_PATHWAY;
  engine->path = (char *) path;
  engine->cache_kib = cache_kib;
  engine->open = engine_open;
  engine->close = engine_close;
  engine->get_io = engine_get_io;
  engine->data = g_new0 (PathwayData, 1);
}

void
bench_pathway_engine_clear (BenchEngine *engine)
{
  PathwayData *data = engine->data;

  if (data != NULL)
    g_clear_object (&data->store);
  g_clear_pointer (&engine->data, g_free);
}

/**
 * bench_pathway_explain:
 *
 * Adds to @error what the encrypting VFS recorded of the last failure on
 * this thread, if anything.
 */
void
bench_pathway_explain (GError **error)
{
  static const char *const kinds[] = { "none", "authentication", "page format",
                                       "temporary file", "foreign file" };
  PwFailure failure;

  if (error == NULL || *error == NULL || !pw_vfs_take_failure (&failure))
    return;
  g_prefix_error (error, "[VFS: %s failure, file kind %d, page %u, frame %u] ",
                  failure.kind < G_N_ELEMENTS (kinds) ? kinds[failure.kind] : "unknown",
                  failure.file, failure.page, failure.frame);
}

/* Page AEAD ------------------------------------------------------------------ */

static double
time_encrypt (PwCipher     *cipher,
              const guint8 *plain,
              guint8       *sealed,
              const guint8 *nonces)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < AEAD_PER_BATCH; i++)
    pw_cipher_encrypt_page (cipher, PW_FILE_MAIN, AEAD_PGNO,
                            nonces + (i % AEAD_NONCES) * PW_NONCE_BYTES, plain, sealed);
  return (g_get_monotonic_time () - start) / (double) AEAD_PER_BATCH;
}

/* Decryption works in place, so each round starts from a copy, as the VFS
 * reads a page into SQLite's buffer before it decrypts it there. */
static double
time_decrypt (PwCipher     *cipher,
              const guint8 *sealed,
              guint8       *work)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  for (guint i = 0; i < AEAD_PER_BATCH; i++)
    {
      memcpy (work, sealed, PW_PAGE_SIZE);
      ok &= pw_cipher_decrypt_page (cipher, PW_FILE_MAIN, AEAD_PGNO, work);
    }
  g_assert (ok);
  return (g_get_monotonic_time () - start) / (double) AEAD_PER_BATCH;
}

static guint8 *
ring_page (guint8 *ring,
           guint   i)
{
  return ring + (gsize) ((i * AEAD_STRIDE) % AEAD_RING) * PW_PAGE_SIZE;
}

static double
time_cold_encrypt (PwCipher     *cipher,
                   guint8       *plain_ring,
                   guint8       *sealed,
                   const guint8 *nonces)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < AEAD_PER_BATCH; i++)
    pw_cipher_encrypt_page (cipher, PW_FILE_MAIN, AEAD_PGNO,
                            nonces + (i % AEAD_NONCES) * PW_NONCE_BYTES,
                            ring_page (plain_ring, i), sealed);
  return (g_get_monotonic_time () - start) / (double) AEAD_PER_BATCH;
}

/* Each page of @sealed_ring is decrypted once, from @first on. */
static double
time_cold_decrypt (PwCipher *cipher,
                   guint8   *sealed_ring,
                   guint     first)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  for (guint i = first; i < first + AEAD_PER_BATCH; i++)
    ok &= pw_cipher_decrypt_page (cipher, PW_FILE_MAIN, AEAD_PGNO, ring_page (sealed_ring, i));
  g_assert (ok);
  return (g_get_monotonic_time () - start) / (double) AEAD_PER_BATCH;
}

static void
measure_cold (PwCipher     *cipher,
              const guint8 *nonces,
              BenchAead    *aead)
{
  g_autofree guint8 *plain_ring = g_malloc ((gsize) AEAD_RING * PW_PAGE_SIZE);
  g_autofree guint8 *sealed_ring = g_malloc ((gsize) AEAD_RING * PW_PAGE_SIZE);
  double encrypts[AEAD_BATCHES], decrypts[AEAD_BATCHES];

  G_STATIC_ASSERT (AEAD_BATCHES * AEAD_PER_BATCH <= AEAD_RING);
  randombytes_buf (plain_ring, (gsize) AEAD_RING * PW_PAGE_SIZE);
  for (guint i = 0; i < AEAD_RING; i++)
    pw_cipher_encrypt_page (cipher, PW_FILE_MAIN, AEAD_PGNO, nonces, ring_page (plain_ring, i),
                            ring_page (sealed_ring, i));
  for (guint i = 0; i < AEAD_BATCHES; i++)
    {
      encrypts[i] = time_cold_encrypt (cipher, plain_ring, sealed_ring, nonces);
      decrypts[i] = time_cold_decrypt (cipher, sealed_ring, i * AEAD_PER_BATCH);
    }
  aead->cold_encrypt_us = median (encrypts, AEAD_BATCHES);
  aead->cold_decrypt_us = median (decrypts, AEAD_BATCHES);
}

/**
 * bench_measure_aead:
 * @aead: (out): microseconds to encrypt and to decrypt one page, the
 *   median of several batches, on a page in the CPU cache and on pages
 *   that are not
 */
void
bench_measure_aead (BenchAead *aead)
{
  g_autofree guint8 *plain = g_malloc (PW_PAGE_SIZE);
  g_autofree guint8 *sealed = g_malloc (PW_PAGE_SIZE);
  g_autofree guint8 *work = g_malloc (PW_PAGE_SIZE);
  g_autofree guint8 *nonces = g_malloc (AEAD_NONCES * PW_NONCE_BYTES);
  guint8 uuid[PW_UUID_BYTES], key[PW_KEY_BYTES];
  g_autoptr(PwCipher) cipher = NULL;
  double encrypts[AEAD_BATCHES], decrypts[AEAD_BATCHES];

  pw_crypto_init ();
  randombytes_buf (uuid, sizeof uuid);
  randombytes_buf (key, sizeof key);
  randombytes_buf (plain, PW_PAGE_SIZE);
  randombytes_buf (nonces, AEAD_NONCES * PW_NONCE_BYTES);
  cipher = pw_cipher_new (uuid, key);
  sodium_memzero (key, sizeof key);
  for (guint i = 0; i < AEAD_BATCHES; i++)
    {
      encrypts[i] = time_encrypt (cipher, plain, sealed, nonces);
      decrypts[i] = time_decrypt (cipher, sealed, work);
    }
  aead->encrypt_us = median (encrypts, AEAD_BATCHES);
  aead->decrypt_us = median (decrypts, AEAD_BATCHES);
  measure_cold (cipher, nonces, aead);
}

/* Unlock ---------------------------------------------------------------------- */

static double
time_derivation (const PwKdfCost *cost)
{
  guint8 key[PW_KEY_BYTES], salt[crypto_pwhash_SALTBYTES];
  gint64 start;
  int rc;

  randombytes_buf (salt, sizeof salt);
  start = g_get_monotonic_time ();
  rc = crypto_pwhash (key, sizeof key, PW_TEST_PASSPHRASE, strlen (PW_TEST_PASSPHRASE), salt,
                      cost->opslimit, cost->memlimit, crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero (key, sizeof key);
  return rc == 0 ? seconds_since (start) : -1;
}

static gboolean
fill_store (PwStore  *store,
            guint     n_children,
            guint32   seed,
            GError  **error)
{
  gboolean ok;

  _pw_store_enter (store);
  ok = bench_fill (_pw_store_get_db (store), n_children, seed, error);
  _pw_store_leave (store);
  return ok;
}

/* What the window does once unlocked: open the caseload, then show the
 * first rows of the children list, by name. */
static gboolean
time_first_page (PwStore  *store,
                 double   *seconds,
                 GError  **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PwCaseload) caseload = pw_caseload_new (store, error);
  g_autoptr(PwChildList) list = NULL;
  guint n;

  if (caseload == NULL)
    return FALSE;
  list = pw_child_list_new (caseload);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (n, FIRST_PAGE_ITEMS); i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (G_LIST_MODEL (list), i);
    }
  *seconds = seconds_since (start);
  return TRUE;
}

static gboolean
measure_calibrated (const char   *dir,
                    guint         n_children,
                    guint32       seed,
                    BenchUnlock  *unlock,
                    GError      **error)
{
  g_autofree char *path = g_build_filename (dir, "unlock.pathway", NULL);
  g_autofree char *recovery = NULL;
  g_autoptr(PwStore) store = NULL;
  double totals[KDF_REPEATS], derivations[KDF_REPEATS];
  gint64 start;

  if (!pw_kdf_cost_calibrate (KDF_SECONDS, &unlock->cost))
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "Argon2id could not be calibrated");
      return FALSE;
    }
  store = pw_store_create (path, PW_TEST_PASSPHRASE, &unlock->cost, &recovery, error);
  if (store == NULL || !fill_store (store, n_children, seed, error))
    return FALSE;
  pw_store_lock (store);
  for (guint i = 0; i < KDF_REPEATS; i++)
    {
      start = g_get_monotonic_time ();
      if (!pw_store_unlock (store, PW_TEST_PASSPHRASE, error))
        return FALSE;
      totals[i] = seconds_since (start);
      if (i == 0 && !time_first_page (store, &unlock->first_page, error))
        return FALSE;
      pw_store_lock (store);
      derivations[i] = time_derivation (&unlock->cost);
    }
  unlock->first_total = totals[0];
  unlock->total = median (totals, KDF_REPEATS);
  unlock->argon2id = median (derivations, KDF_REPEATS);
  unlock->argon2id_min = derivations[0];
  unlock->argon2id_max = derivations[KDF_REPEATS - 1];
  return TRUE;
}

/* With the minimum cost the derivation takes microseconds, so what is left
 * of an unlock is the rest of it, measured far more precisely than as the
 * difference of two timings near a second. */
static gboolean
measure_after_derivation (const char   *cheap_store,
                          BenchUnlock  *unlock,
                          GError      **error)
{
  g_autoptr(PwStore) store = pw_store_open (cheap_store, error);
  double unlocks[UNLOCK_REPEATS], derivations[UNLOCK_REPEATS];

  if (store == NULL)
    return FALSE;
  for (guint i = 0; i < UNLOCK_REPEATS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!pw_store_unlock (store, PW_TEST_PASSPHRASE, error))
        return FALSE;
      unlocks[i] = seconds_since (start);
      pw_store_lock (store);
      derivations[i] = time_derivation (pw_test_cost ());
    }
  unlock->after_derivation = median (unlocks, UNLOCK_REPEATS) -
                             median (derivations, UNLOCK_REPEATS);
  return TRUE;
}

/**
 * bench_measure_unlock:
 * @dir: where to make a store with a calibrated cost and @n_children children
 * @cheap_store: a locked store with the minimum cost and the same children
 * @unlock: (out): the timings
 */
gboolean
bench_measure_unlock (const char   *dir,
                      const char   *cheap_store,
                      guint         n_children,
                      guint32       seed,
                      BenchUnlock  *unlock,
                      GError      **error)
{
  memset (unlock, 0, sizeof *unlock);
  return measure_calibrated (dir, n_children, seed, unlock, error) &&
         measure_after_derivation (cheap_store, unlock, error);
}
