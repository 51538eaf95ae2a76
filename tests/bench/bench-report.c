/* bench-report.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The benchmark's table, in Markdown.
 *
 * The floor for the encrypted store is what plain SQLite took plus the AEAD
 * of every page the encrypting VFS read or wrote: the cost no encrypting
 * VFS can avoid.  Time the store spends beyond it is overhead of the VFS
 * or of the store itself, phase by phase.
 */

#include "config.h"

#include <string.h>

#include "bench-report.h"
#include "pw-schema-sql.h"

#define FLOOR_TARGET 1.10

static const char *const cache_labels[BENCH_N_CACHES] = { "64 MiB", "2 MiB" };

void
bench_report_init (BenchReport *report,
                   guint        n_children,
                   guint32      seed,
                   guint        n_repeats)
{
  memset (report, 0, sizeof *report);
  report->n_children = n_children;
  report->seed = seed;
  report->n_repeats = n_repeats;
  report->notes = g_ptr_array_new_with_free_func (g_free);
}

void
bench_report_clear (BenchReport *report)
{
  bench_api_clear (&report->api);
  for (guint i = 0; i < BENCH_N_ENGINES; i++)
    g_clear_pointer (&report->labels[i], g_free);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
}

void
bench_report_set_label (BenchReport   *report,
                        BenchEngineId  id,
                        const char    *label)
{
  g_free (report->labels[id]);
  report->labels[id] = g_strdup (label);
}

/**
 * bench_report_add:
 *
 * Records a run; of repeated runs, the fastest stays.
 */
void
bench_report_add (BenchReport       *report,
                  BenchEngineId      id,
                  int                cache_kib,
                  const BenchResult *result)
{
  int c = bench_cache_index (cache_kib);

  g_return_if_fail (c >= 0);

  if (report->have[id][c] &&
      bench_result_total (&report->results[id][c]) <= bench_result_total (result))
    return;
  report->results[id][c] = *result;
  report->have[id][c] = TRUE;
}

void
bench_report_add_note (BenchReport *report,
                       const char  *note)
{
  g_ptr_array_add (report->notes, g_strdup (note));
}

/* Helpers -------------------------------------------------------------------- */

static const BenchResult *
get_result (const BenchReport *report,
            BenchEngineId      id,
            int                c)
{
  return report->have[id][c] ? &report->results[id][c] : NULL;
}

static gboolean
have_io (const BenchReport *report,
         int                c)
{
  return report->have_aead && report->have[BENCH_ENGINE_PATHWAY][c];
}

static gboolean
have_floor (const BenchReport *report,
            int                c)
{
  return have_io (report, c) && report->have[BENCH_ENGINE_PLAIN][c];
}

static double
aead_seconds (const BenchReport *report,
              int                c,
              BenchPhase         p)
{
  const BenchResult *store = &report->results[BENCH_ENGINE_PATHWAY][c];

  return (store->reads[p] * report->aead.decrypt_us +
          store->writes[p] * report->aead.encrypt_us) / G_USEC_PER_SEC;
}

/* The floor again, with the AEAD of pages that are not in the CPU cache. */
static double
cold_floor_total (const BenchReport *report,
                  int                c)
{
  const BenchResult *store = &report->results[BENCH_ENGINE_PATHWAY][c];
  double total = bench_result_total (&report->results[BENCH_ENGINE_PLAIN][c]);

  for (guint p = 0; p < BENCH_N_PHASES; p++)
    total += (store->reads[p] * report->aead.cold_decrypt_us +
              store->writes[p] * report->aead.cold_encrypt_us) / G_USEC_PER_SEC;
  return total;
}

static void
floor_result (const BenchReport *report,
              int                c,
              BenchResult       *floor)
{
  *floor = report->results[BENCH_ENGINE_PLAIN][c];
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    {
      floor->seconds[p] += aead_seconds (report, c, p);
      floor->cpu_seconds[p] += aead_seconds (report, c, p);
    }
  floor->file_bytes = -1;
}

static double
total_or_zero (const BenchResult *result)
{
  return result != NULL ? bench_result_total (result) : 0;
}

static void
print_ratio (double value,
             double base)
{
  if (base > 0)
    g_print (" %.2f |", value / base);
  else
    g_print (" – |");
}

static char *
cpu_model (void)
{
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name") && strchr (lines[i], ':') != NULL)
      return g_strstrip (g_strdup (strchr (lines[i], ':') + 1));
  return g_strdup ("unknown CPU");
}

/* Sections ------------------------------------------------------------------- */

static void
print_intro (const BenchReport *report)
{
  g_autofree char *cpu = cpu_model ();
  g_autofree char *repeats = report->n_repeats > 1
    ? g_strdup_printf ("the fastest of %u runs of each", report->n_repeats)
    : g_strdup ("one run of each");

  g_print ("## Store workload W\n\n"
           "%u children, seed %u; %u CPUs (%s); files in a temporary folder.\n\n"
           "The records schema (core/pw-schema-sql.c, migrations 1–%d), written with plain "
           "SQL. Per child one transaction: the child, 2 level changes, 3 cycles of 4 "
           "outcomes with a rating each, 2 provisions, 3 sessions, 6 contributions, 1 note "
           "(42 rows), each with its audit entry and audit-chain head, and full-text rows "
           "for the child's names and UPN, the contributions and the note. Then %u "
           "child-page loads (17 queries: the child with setting and workers, family, "
           "consents, level history, needs, cycles, the open cycle's outcomes with ratings, "
           "provision and sessions, involvement, contributions, meetings, actions, "
           "attendance, exclusions, notes, chronology), %u full-text searches (FTS5; FTS4 "
           "on SQLCipher, which has no FTS5), a checkpoint, close, reopen and count. Every "
           "engine: page_size 4096, journal_mode WAL, synchronous NORMAL, locking_mode "
           "EXCLUSIVE, temp_store MEMORY, mmap_size 0, secure_delete ON, foreign_keys ON, "
           "cell_size_check ON. Seconds per phase, %s:\n\n",
           report->n_children, report->seed, g_get_num_processors (), cpu,
           PW_SCHEMA_VERSION, 2 * report->n_children, BENCH_N_SEARCHES, repeats);
}

/* @plain and @floor may be %NULL. */
static void
print_row (const char        *label,
           int                c,
           const BenchResult *result,
           const BenchResult *plain,
           const BenchResult *floor)
{
  double total = bench_result_total (result);
  double cpu = bench_result_cpu_total (result);

  g_print ("| %s | %s |", label, cache_labels[c]);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_print (" %.3f |", result->seconds[p]);
  g_print (" **%.3f** |", total);
  print_ratio (total, total_or_zero (plain));
  print_ratio (total, total_or_zero (floor));
  g_print (" %.3f |", cpu);
  print_ratio (cpu, plain != NULL ? bench_result_cpu_total (plain) : 0);
  print_ratio (cpu, floor != NULL ? bench_result_cpu_total (floor) : 0);
  if (result->file_bytes >= 0)
    g_print (" %.1f |\n", result->file_bytes / (1024.0 * 1024.0));
  else
    g_print (" – |\n");
}

static void
print_cache_rows (const BenchReport *report,
                  int                c)
{
  const BenchResult *plain = get_result (report, BENCH_ENGINE_PLAIN, c);
  BenchResult floor;

  if (have_floor (report, c))
    floor_result (report, c, &floor);
  if (plain != NULL)
    print_row (report->labels[BENCH_ENGINE_PLAIN], c, plain, plain, NULL);
  if (have_floor (report, c))
    print_row ("floor: plain + page AEAD", c, &floor, plain, &floor);
  for (BenchEngineId id = BENCH_ENGINE_PATHWAY; id < BENCH_N_ENGINES; id++)
    if (report->have[id][c])
      print_row (report->labels[id], c, &report->results[id][c], plain,
                 id == BENCH_ENGINE_PATHWAY && have_floor (report, c) ? &floor : NULL);
}

static void
print_main_table (const BenchReport *report)
{
  g_print ("| engine | cache |");
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_print (" %s |", bench_phase_name (p));
  g_print (" total | × plain | × floor | CPU s | CPU × plain | CPU × floor | file MiB |\n"
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int c = 0; c < BENCH_N_CACHES; c++)
    print_cache_rows (report, c);
  g_print ("\n");
}

static void
print_beyond (double store,
              double plain,
              double aead,
              gboolean have_plain)
{
  if (have_plain)
    g_print (" %.3f | %+.3f |", store - plain, store - plain - aead);
  else
    g_print (" – | – |");
}

static void
print_io_rows (const BenchReport *report,
               int                c)
{
  const BenchResult *plain = &report->results[BENCH_ENGINE_PLAIN][c];
  const BenchResult *store = &report->results[BENCH_ENGINE_PATHWAY][c];
  gboolean have_plain = have_floor (report, c);

  for (BenchPhase p = 0; p < BENCH_N_PHASES; p++)
    {
      double aead = aead_seconds (report, c, p);

      g_print ("| %s | %s | %" G_GUINT64_FORMAT " | %" G_GUINT64_FORMAT " | %.3f |",
               cache_labels[c], bench_phase_name (p), store->reads[p], store->writes[p], aead);
      print_beyond (store->seconds[p], plain->seconds[p], aead, have_plain);
      print_beyond (store->cpu_seconds[p], plain->cpu_seconds[p], aead, have_plain);
      g_print ("\n");
    }
}

static void
print_io_table (const BenchReport *report)
{
  if (!have_io (report, 0) && !have_io (report, 1))
    return;
  g_print ("Pages through the encrypting VFS (main file and WAL), the AEAD time they cost "
           "(encrypt %.2f µs, decrypt %.2f µs a page), and the store's time beyond "
           "plain SQLite, wall and CPU:\n\n"
           "| cache | phase | page reads | page writes | AEAD s | store − plain s "
           "| beyond floor s | CPU: store − plain s | CPU: beyond floor s |\n"
           "|---|---|---:|---:|---:|---:|---:|---:|---:|\n",
           report->aead.encrypt_us, report->aead.decrypt_us);
  for (int c = 0; c < BENCH_N_CACHES; c++)
    if (have_io (report, c))
      print_io_rows (report, c);
  g_print ("\n");
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "MISS";
}

static void
print_targets_for (const BenchReport *report,
                   int                c)
{
  double store = total_or_zero (get_result (report, BENCH_ENGINE_PATHWAY, c));
  double cipher = total_or_zero (get_result (report, BENCH_ENGINE_SQLCIPHER, c));
  BenchResult floor;

  if (have_floor (report, c))
    {
      double ratio;

      floor_result (report, c, &floor);
      ratio = store / bench_result_total (&floor);
      g_print ("- %s: encrypted store / floor = %.3f (target ≤ %.2f): **%s** "
               "(in CPU time: %.3f; over the floor with cache-cold AEAD: %.3f)\n",
               cache_labels[c], ratio, FLOOR_TARGET, verdict (ratio <= FLOOR_TARGET),
               bench_result_cpu_total (&report->results[BENCH_ENGINE_PATHWAY][c]) /
               bench_result_cpu_total (&floor), store / cold_floor_total (report, c));
    }
  if (store > 0 && cipher > 0)
    g_print ("- %s: encrypted store %.3f s vs SQLCipher %.3f s (target: faster): **%s**\n",
             cache_labels[c], store, cipher, verdict (store < cipher));
  else if (store > 0)
    g_print ("- %s: encrypted store vs SQLCipher: not measured\n", cache_labels[c]);
}

static void
print_targets (const BenchReport *report)
{
  g_print ("Targets (informational):\n\n");
  for (int c = 0; c < BENCH_N_CACHES; c++)
    print_targets_for (report, c);
  g_print ("\n");
}

static void
print_unlock (const BenchReport *report)
{
  const BenchUnlock *u = &report->unlock;
  double ready = u->after_derivation + u->first_page;

  if (!report->have_unlock)
    return;
  g_print ("Unlock, on a store of %u children whose Argon2id cost was calibrated to 0.75 s "
           "(opslimit %" G_GUINT64_FORMAT ", memlimit %" G_GUINT64_FORMAT " MiB):\n\n"
           "- unlock total: %.3f s the first time, %.3f s the median of 3\n"
           "- Argon2id alone (crypto_pwhash, same cost): %.3f s the median of 3 "
           "(%.3f to %.3f s)\n"
           "- after derivation (read envelope, unwrap key, open SQLite, authenticate page 1, "
           "WAL mode, pragmas): %.2f ms measured on a minimum-cost store with the same "
           "children (median of 5, less its own derivation); %.1f ms by difference of the "
           "medians above, where Argon2id alone varies by %.0f ms\n"
           "- first list page (pw_caseload_new, then a children model's count and its first 50 "
           "children by name; schema load included): %.2f ms\n"
           "- after derivation until the first list page: %.2f ms (target < 100 ms): **%s**\n\n",
           report->n_children, u->cost.opslimit, u->cost.memlimit >> 20, u->first_total,
           u->total, u->argon2id, u->argon2id_min, u->argon2id_max, u->after_derivation * 1000,
           (u->total - u->argon2id) * 1000, (u->argon2id_max - u->argon2id_min) * 1000,
           u->first_page * 1000, ready * 1000, verdict (ready < 0.1));
}

static void
print_checksums (const BenchReport *report)
{
  const BenchResult *first = NULL;
  gboolean same = TRUE;

  for (BenchEngineId id = 0; id < BENCH_N_ENGINES; id++)
    for (int c = 0; c < BENCH_N_CACHES; c++)
      {
        const BenchResult *result = get_result (report, id, c);

        if (result == NULL)
          continue;
        if (first == NULL)
          first = result;
        if (result->checksum != first->checksum)
          {
            same = FALSE;
            g_print ("- **checksum differs**: %s at %s: %" G_GUINT64_FORMAT " vs %"
                     G_GUINT64_FORMAT "\n", report->labels[id], cache_labels[c],
                     result->checksum, first->checksum);
          }
      }
  if (first != NULL && same)
    g_print ("- Every run read back the same rows (checksum %" G_GUINT64_FORMAT ").\n",
             first->checksum);
}

/* Core API ------------------------------------------------------------------- */

typedef struct
{
  BenchApiMeasure measure;
  const char *label;
  double target_ms;
} ApiRow;

static const ApiRow api_rows[] = {
  { BENCH_API_CHILD_PAGE, "child page: pw_caseload_load (child) + pw_caseload_list × 15 kinds "
    "+ outcomes of each cycle + pw_caseload_chronology", 5 },
  { BENCH_API_PAGE_LISTS, "· the child and the 15 lists (items: calls)", 0 },
  { BENCH_API_PAGE_OUTCOMES, "· outcomes of each cycle (items: lists)", 0 },
  { BENCH_API_PAGE_CHRONOLOGY, "· chronology (items: entries)", 0 },
  { BENCH_API_FIRST_PAGE, "children model, first page: pw_child_list_new, get_n_items, "
    "get_item 0–49", 0 },
  { BENCH_API_FILTER_TEXT, "filter by text, each keystroke: set_search_text, get_n_items, "
    "get_item 0–49", 16 },
  { BENCH_API_FILTER_TEXT_1, "· keystrokes whose shortest word is 1 letter", 16 },
  { BENCH_API_FILTER_TEXT_2, "· shortest word 2 letters", 16 },
  { BENCH_API_FILTER_TEXT_3, "· shortest word 3 letters or more", 16 },
  { BENCH_API_FILTER_LEVEL, "filter by level 1–4: set_level, get_n_items, get_item 0–49", 16 },
  { BENCH_API_FILTER_OVERDUE, "overdue filter: set_review_filter, get_n_items, get_item 0–49",
    16 },
  { BENCH_API_SEARCH, "full-text search: pw_caseload_search, at most 50 children", 0 },
};

static void
print_api_row (const ApiRow       *row,
               const BenchLatency *l)
{
  g_print ("| %s | %u | %.1f | %.2f | %.2f | %.2f | %.2f |", row->label, l->n, l->mean_items,
           l->p50, l->p90, l->p99, l->max);
  if (row->target_ms > 0 && l->n > 0)
    g_print (" p99 < %.0f ms | **%s** |\n", row->target_ms, verdict (l->p99 < row->target_ms));
  else
    g_print (" – | |\n");
}

static void
print_api_notes (const BenchReport *report)
{
  const BenchApi *api = &report->api;

  g_print ("- First children model after opening: %.2f ms.\n", api->first_page_cold_ms);
  if (api->invalid == 0)
    g_print ("- The records W writes with plain SQL pass the core's own checks: "
             "pw_record_validate() accepted all %u records of the first 100 pages.\n",
             api->n_validated);
  else
    g_print ("- **pw_record_validate() refused %u of %u records** of the first 100 pages, "
             "first: %s\n", api->invalid, api->n_validated, api->first_invalid);
  g_print ("- W writes no family members, consents, needs, involvement, meetings, attendance "
           "or exclusions: the child page asks for them all, and those lists come back "
           "empty.\n"
           "- Targets (DESIGN.md, section 6): child page p99 under 5 ms; search as you type "
           "filters %u children within one frame, 16 ms, held here to every filter. "
           "Informational: a miss never fails the program.\n", api->n_children);
}

static void
print_api (const BenchReport *report)
{
  const BenchApi *api = &report->api;

  if (!report->have_api)
    return;
  g_print ("\n## Pathway API on a %u-child store\n\n"
           "The encrypted store of workload W (%.1f MiB), reopened through the core with "
           "its own 64 MiB page cache: pw_store_open, pw_store_unlock (minimum "
           "key-derivation cost) and pw_caseload_new took %.1f ms. Each sample is one "
           "action, timed alone; “items” is what it read on average (records of the "
           "page, children the model holds, children found). Today pinned to %s, so the "
           "same reviews are overdue in every run. Milliseconds:\n\n"
           "| measurement | samples | items | p50 | p90 | p99 | max | target | |\n"
           "|---|---:|---:|---:|---:|---:|---:|---|---|\n",
           api->n_children, api->file_bytes / (1024.0 * 1024.0), api->open_ms,
           BENCH_API_TODAY);
  for (guint i = 0; i < G_N_ELEMENTS (api_rows); i++)
    print_api_row (&api_rows[i], &api->latency[api_rows[i].measure]);
  g_print ("\n");
  print_api_notes (report);
}

/**
 * bench_report_print:
 *
 * Prints the tables and lines to standard output in Markdown.
 */
void
bench_report_print (const BenchReport *report)
{
  print_intro (report);
  print_main_table (report);
  print_io_table (report);
  print_targets (report);
  print_unlock (report);
  if (report->have_aead)
    g_print ("- Page AEAD (XChaCha20-Poly1305 over 4056 bytes, median of 7 batches of "
             "2000): encrypt %.2f µs, decrypt %.2f µs (including a 4 KiB copy) on a page "
             "in the CPU cache; %.2f µs and %.2f µs on pages spread over 64 MiB, not in it. "
             "The VFS meets pages between the two, so the true floor lies between the floor "
             "above and the one with cache-cold AEAD\n",
             report->aead.encrypt_us, report->aead.decrypt_us, report->aead.cold_encrypt_us,
             report->aead.cold_decrypt_us);
  print_checksums (report);
  for (guint i = 0; i < report->notes->len; i++)
    g_print ("- %s\n", (const char *) g_ptr_array_index (report->notes, i));
  print_api (report);
}
