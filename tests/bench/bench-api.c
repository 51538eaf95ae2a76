/* bench-api.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store of workload W read through the core API, as the window reads
 * it: the child page, the children model with its filters, and search.
 * Each sample is one thing a person does (opens a child, types a key,
 * picks a filter), timed on its own, so the table shows the latency they
 * would feel, not a throughput.
 *
 * Nothing is written.  "Today" is pinned (BENCH_API_TODAY) so that the
 * overdue filter keeps the same children whenever the benchmark runs.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-api.h"
#include "bench-workload.h"
#include "bench-writer.h"
#include "pw-caseload.h"
#include "pw-child-list.h"
#include "pw-chronology-entry.h"
#include "pw-record.h"
#include "pw-test-util.h"

typedef GType (*TypeFunc) (void);

/* What the child page lists besides the child: records that point to the
 * child, then each cycle's outcomes, then the chronology. */
static const TypeFunc page_kinds[] = {
  pw_family_member_get_type, pw_consent_get_type, pw_level_change_get_type,
  pw_need_get_type, pw_cycle_get_type, pw_provision_get_type, pw_session_get_type,
  pw_rating_get_type, pw_involvement_get_type, pw_contribution_get_type,
  pw_meeting_get_type, pw_meeting_action_get_type, pw_attendance_get_type,
  pw_exclusion_get_type, pw_note_get_type,
};

static const char *const topics[] = {
  "phonics", "speech and language", "sensory breaks", "anxiety", "dyslexia", "attendance",
  "social skills", "reading confidence",
};

typedef struct
{
  PwStore *store;
  PwCaseload *caseload;
  GRand *rand;
  guint n_children;
  BenchApi *api;
} Api;

typedef struct
{
  GArray *seconds;
  double items;
} Samples;

/* Samples -------------------------------------------------------------------- */

static void
samples_init (Samples *s)
{
  s->seconds = g_array_new (FALSE, FALSE, sizeof (double));
  s->items = 0;
}

static void
samples_add_span (Samples *s,
                  gint64   start,
                  gint64   end,
                  guint    items)
{
  double seconds = (end - start) / (double) G_USEC_PER_SEC;

  g_array_append_val (s->seconds, seconds);
  s->items += items;
}

static void
samples_add (Samples *s,
             gint64   start,
             guint    items)
{
  samples_add_span (s, start, g_get_monotonic_time (), items);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* By nearest rank: the smallest sample at or above @permille of them. */
static double
percentile_ms (GArray *sorted,
               guint   permille)
{
  guint rank = (permille * sorted->len + 999) / 1000;

  return 1000 * g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

/* Summarizes @s into @latency and frees it. */
static void
samples_finish (Samples      *s,
                BenchLatency *latency)
{
  memset (latency, 0, sizeof *latency);
  if (s->seconds->len > 0)
    {
      g_array_sort (s->seconds, compare_doubles);
      latency->n = s->seconds->len;
      latency->p50 = percentile_ms (s->seconds, 500);
      latency->p90 = percentile_ms (s->seconds, 900);
      latency->p99 = percentile_ms (s->seconds, 990);
      latency->max = percentile_ms (s->seconds, 1000);
      latency->mean_items = s->items / s->seconds->len;
    }
  g_array_unref (s->seconds);
}

/* Opening --------------------------------------------------------------------- */

/* The search index numbers rows by each kind's place in pw_entity_types(),
 * and the workload wrote them with the places it knows. */
static gboolean
check_kinds (GError **error)
{
  guint n;
  const GType *types = pw_entity_types (&n);

  if (n > BENCH_KIND_NOTE && types[BENCH_KIND_CHILD] == PW_TYPE_CHILD &&
      types[BENCH_KIND_CONTRIBUTION] == PW_TYPE_CONTRIBUTION &&
      types[BENCH_KIND_NOTE] == PW_TYPE_NOTE)
    return TRUE;
  g_set_error_literal (error, BENCH_ERROR, 0, "pw_entity_types() changed order: update "
                       "BENCH_KIND_* in bench-writer.h");
  return FALSE;
}

static gboolean
api_open (Api         *api,
          const char  *path,
          GError     **error)
{
  gint64 start = g_get_monotonic_time ();

  api->store = pw_store_open (path, error);
  if (api->store == NULL || !pw_store_unlock (api->store, PW_TEST_PASSPHRASE, error))
    return FALSE;
  api->caseload = pw_caseload_new (api->store, error);
  if (api->caseload == NULL)
    return FALSE;
  api->api->open_ms = (g_get_monotonic_time () - start) / 1000.0;
  return TRUE;
}

static void
api_close (Api *api)
{
  g_clear_object (&api->caseload);
  if (api->store != NULL)
    pw_store_lock (api->store);
  g_clear_object (&api->store);
  g_clear_pointer (&api->rand, g_rand_free);
}

static PwRecord *
random_child (Api     *api,
              GError **error)
{
  return pw_caseload_load (api->caseload, PW_TYPE_CHILD,
                           g_rand_int_range (api->rand, 1, api->n_children + 1), error);
}

/* Child page ------------------------------------------------------------------- */

static gboolean
add_list (Api          *api,
          GPtrArray    *page,
          GType         type,
          const char   *field,
          gint64        id,
          GError      **error)
{
  GListModel *list = pw_caseload_list (api->caseload, type, field, id, error);

  if (list != NULL)
    g_ptr_array_add (page, list);
  return list != NULL;
}

static gboolean
add_outcomes (Api         *api,
              GPtrArray   *page,
              GListModel  *cycles,
              GError     **error)
{
  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(PwRecord) cycle = g_list_model_get_item (cycles, i);

      if (!add_list (api, page, PW_TYPE_OUTCOME, "cycle-id", pw_record_get_id (cycle), error))
        return FALSE;
    }
  return TRUE;
}

/* Everything the child page shows, into @page: the child, then lists.
 * @marks gets the time after the child and its lists, after the outcomes
 * and after the chronology. */
static gboolean
load_page (Api        *api,
           gint64      child_id,
           GPtrArray  *page,
           gint64     *marks,
           GError    **error)
{
  PwRecord *child = pw_caseload_load (api->caseload, PW_TYPE_CHILD, child_id, error);
  GListModel *cycles = NULL;
  GListModel *chronology;

  if (child == NULL)
    return FALSE;
  g_ptr_array_add (page, child);
  for (guint i = 0; i < G_N_ELEMENTS (page_kinds); i++)
    {
      if (!add_list (api, page, page_kinds[i] (), "child-id", child_id, error))
        return FALSE;
      if (page_kinds[i] () == PW_TYPE_CYCLE)
        cycles = g_ptr_array_index (page, page->len - 1);
    }
  marks[0] = g_get_monotonic_time ();
  if (!add_outcomes (api, page, cycles, error))
    return FALSE;
  marks[1] = g_get_monotonic_time ();
  chronology = pw_caseload_chronology (api->caseload, child_id, error);
  marks[2] = g_get_monotonic_time ();
  if (chronology != NULL)
    g_ptr_array_add (page, chronology);
  return chronology != NULL;
}

static guint
count_page (GPtrArray *page)
{
  guint n = 0;

  for (guint i = 0; i < page->len; i++)
    {
      gpointer object = g_ptr_array_index (page, i);

      n += G_IS_LIST_MODEL (object) ? g_list_model_get_n_items (object) : 1;
    }
  return n;
}

static void
validate_record (BenchApi *api,
                 PwRecord *record)
{
  g_autoptr(GError) error = NULL;

  api->n_validated++;
  if (pw_record_validate (record, &error))
    return;
  if (api->invalid++ == 0)
    api->first_invalid = g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s",
                                          pw_record_get_table (record),
                                          pw_record_get_id (record), error->message);
}

/* The core's own rules over what the workload wrote with plain SQL. */
static void
validate_page (BenchApi  *api,
               GPtrArray *page)
{
  for (guint i = 0; i < page->len; i++)
    {
      gpointer object = g_ptr_array_index (page, i);

      if (PW_IS_RECORD (object))
        validate_record (api, object);
      else if (g_type_is_a (g_list_model_get_item_type (object), PW_TYPE_RECORD))
        for (guint j = 0; j < g_list_model_get_n_items (object); j++)
          {
            g_autoptr(PwRecord) record = g_list_model_get_item (object, j);

            validate_record (api, record);
          }
    }
}

static void
add_page_samples (Samples    *s,
                  gint64      start,
                  gint64     *marks,
                  GPtrArray  *page)
{
  guint n = count_page (page);
  GListModel *chronology = g_ptr_array_index (page, page->len - 1);

  samples_add_span (&s[0], start, marks[2], n);
  samples_add_span (&s[1], start, marks[0], 1 + G_N_ELEMENTS (page_kinds));
  samples_add_span (&s[2], marks[0], marks[1], page->len - 2 - G_N_ELEMENTS (page_kinds));
  samples_add_span (&s[3], marks[1], marks[2], g_list_model_get_n_items (chronology));
}

static gboolean
measure_child_pages (Api     *api,
                     GError **error)
{
  Samples s[4];
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    samples_init (&s[i]);
  for (guint i = 0; ok && i < BENCH_API_PAGE_LOADS; i++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 child_id = g_rand_int_range (api->rand, 1, api->n_children + 1);
      gint64 start = g_get_monotonic_time ();
      gint64 marks[3];

      ok = load_page (api, child_id, page, marks, error);
      if (ok)
        add_page_samples (s, start, marks, page);
      if (ok && i < 100)
        validate_page (api->api, page);
    }
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    samples_finish (&s[i], &api->api->latency[BENCH_API_CHILD_PAGE + i]);
  return ok;
}

/* Children model --------------------------------------------------------------- */

/* What a list view asks of a model it is given: the count, then the rows
 * it shows first. */
static guint
read_first_page (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < MIN (n, BENCH_API_PAGE_ITEMS); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert (item != NULL);
    }
  return n;
}

static void
measure_first_pages (Api *api)
{
  Samples s;

  samples_init (&s);
  for (guint i = 0; i < BENCH_API_FIRST_PAGES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PwChildList) list = pw_child_list_new (api->caseload);

      samples_add (&s, start, read_first_page (G_LIST_MODEL (list)));
      if (i == 0)
        api->api->first_page_cold_ms = 1000 * g_array_index (s.seconds, double, 0);
    }
  samples_finish (&s, &api->api->latency[BENCH_API_FIRST_PAGE]);
}

static void
add_prefixes (GPtrArray  *texts,
              const char *before,
              const char *word,
              guint       max_len)
{
  for (guint len = 1; len <= MIN (max_len, strlen (word)); len++)
    g_ptr_array_add (texts, g_strdup_printf ("%s%.*s", before, (int) len, word));
}

/* Surnames of children in the store typed a key at a time, every other one
 * followed by a space and three letters of a first name; "" clears the
 * search between names. */
static GPtrArray *
make_keystrokes (Api     *api,
                 GError **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint typed = 0;

  for (guint i = 0; typed < BENCH_API_KEYSTROKES; i++)
    {
      g_autoptr(PwRecord) child = random_child (api, error);
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      guint before = texts->len;

      if (child == NULL)
        return NULL;
      family = g_utf8_strdown (pw_record_get_text (child, "legal-family-name"), -1);
      given = g_utf8_strdown (pw_record_get_text (child, "legal-given-name"), -1);
      add_prefixes (texts, "", family, G_MAXUINT);
      if (i % 2 == 1)
        {
          g_autofree char *full = g_strconcat (family, " ", NULL);

          add_prefixes (texts, full, given, 3);
        }
      typed += texts->len - before;
      g_ptr_array_add (texts, g_strdup (""));
    }
  return g_steal_pointer (&texts);
}

static guint
shortest_word (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint shortest = G_MAXUINT;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      shortest = MIN (shortest, strlen (words[i]));
  return shortest;
}

static gboolean
measure_typing (Api     *api,
                GError **error)
{
  g_autoptr(GPtrArray) texts = make_keystrokes (api, error);
  g_autoptr(PwChildList) list = NULL;
  Samples all, by_length[3];
  guint typed = 0;

  if (texts == NULL)
    return FALSE;
  list = pw_child_list_new (api->caseload);
  samples_init (&all);
  for (guint i = 0; i < 3; i++)
    samples_init (&by_length[i]);
  for (guint i = 0; i < texts->len && typed < BENCH_API_KEYSTROKES; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      gint64 start = g_get_monotonic_time ();
      gint64 end;
      guint n;

      pw_child_list_set_search_text (list, text);
      n = read_first_page (G_LIST_MODEL (list));
      end = g_get_monotonic_time ();
      if (*text == '\0')
        continue;
      samples_add_span (&all, start, end, n);
      samples_add_span (&by_length[MIN (shortest_word (text), 3) - 1], start, end, n);
      typed++;
    }
  samples_finish (&all, &api->api->latency[BENCH_API_FILTER_TEXT]);
  for (guint i = 0; i < 3; i++)
    samples_finish (&by_length[i], &api->api->latency[BENCH_API_FILTER_TEXT_1 + i]);
  return TRUE;
}

static void
measure_level_filter (Api *api)
{
  g_autoptr(PwChildList) list = pw_child_list_new (api->caseload);
  Samples s;

  samples_init (&s);
  for (guint round = 0; round < BENCH_API_LEVEL_ROUNDS; round++)
    {
      for (int level = 1; level <= 4; level++)
        {
          gint64 start = g_get_monotonic_time ();

          pw_child_list_set_level (list, level);
          samples_add (&s, start, read_first_page (G_LIST_MODEL (list)));
        }
      pw_child_list_set_level (list, 0);
      read_first_page (G_LIST_MODEL (list));
    }
  samples_finish (&s, &api->api->latency[BENCH_API_FILTER_LEVEL]);
}

static void
measure_overdue_filter (Api *api)
{
  g_autoptr(PwChildList) list = pw_child_list_new (api->caseload);
  Samples s;

  samples_init (&s);
  for (guint round = 0; round < BENCH_API_REVIEW_ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();

      pw_child_list_set_review_filter (list, PW_REVIEW_OVERDUE);
      samples_add (&s, start, read_first_page (G_LIST_MODEL (list)));
      pw_child_list_set_review_filter (list, PW_REVIEW_ANY);
      read_first_page (G_LIST_MODEL (list));
    }
  samples_finish (&s, &api->api->latency[BENCH_API_FILTER_OVERDUE]);
}

/* Search ---------------------------------------------------------------------- */

/* Names, first and last names, UPNs, topics and name prefixes, as typed
 * into the search box. */
static char *
make_query (Api      *api,
            guint     i,
            GError  **error)
{
  g_autoptr(PwRecord) child = NULL;
  const char *family;

  if (i % 5 == 3)
    return g_strdup (topics[g_rand_int_range (api->rand, 0, G_N_ELEMENTS (topics))]);
  child = random_child (api, error);
  if (child == NULL)
    return NULL;
  family = pw_record_get_text (child, "legal-family-name");
  if (i % 5 == 1)
    return g_strdup_printf ("%s %s", pw_record_get_text (child, "legal-given-name"), family);
  if (i % 5 == 2)
    return g_strdup (pw_record_get_text (child, "upn"));
  if (i % 5 == 4)
    return g_strndup (family, 3);
  return g_strdup (family);
}

static gboolean
measure_search (Api     *api,
                GError **error)
{
  Samples s;
  gboolean ok = TRUE;

  samples_init (&s);
  for (guint i = 0; ok && i < BENCH_API_QUERIES; i++)
    {
      g_autofree char *query = make_query (api, i, error);
      g_autoptr(GListModel) found = NULL;
      gint64 start;

      if (query == NULL)
        {
          ok = FALSE;
          break;
        }
      start = g_get_monotonic_time ();
      found = pw_caseload_search (api->caseload, query, BENCH_API_PAGE_ITEMS, error);
      ok = found != NULL;
      samples_add (&s, start, ok ? g_list_model_get_n_items (found) : 0);
    }
  samples_finish (&s, &api->api->latency[BENCH_API_SEARCH]);
  return ok;
}

/* Public ---------------------------------------------------------------------- */

static gboolean
measure_all (Api         *api,
             const char  *path,
             GError     **error)
{
  if (!check_kinds (error) || !api_open (api, path, error))
    return FALSE;
  g_printerr ("Pathway API: children model…\n");
  measure_first_pages (api);
  g_printerr ("Pathway API: %u child pages…\n", BENCH_API_PAGE_LOADS);
  if (!measure_child_pages (api, error))
    return FALSE;
  g_printerr ("Pathway API: filters and search…\n");
  if (!measure_typing (api, error))
    return FALSE;
  measure_level_filter (api);
  measure_overdue_filter (api);
  return measure_search (api, error);
}

/**
 * bench_measure_api:
 * @path: a locked Pathway store that workload W filled, at the minimum
 *   key-derivation cost
 * @n_children: how many children it holds
 * @api: (out): the latencies
 *
 * Reads the store through PwCaseload and PwChildList, with the store's
 * own page cache.
 */
gboolean
bench_measure_api (const char  *path,
                   guint        n_children,
                   guint32      seed,
                   BenchApi    *api,
                   GError     **error)
{
  Api a = { NULL, NULL, g_rand_new_with_seed (seed + 5), n_children, api };
  gboolean ok;

  memset (api, 0, sizeof *api);
  api->n_children = n_children;
  pw_set_today (BENCH_API_TODAY);
  ok = measure_all (&a, path, error);
  pw_set_today (NULL);
  api_close (&a);
  api->file_bytes = bench_files_size (path);
  if (!ok)
    g_prefix_error (error, "Pathway API: ");
  return ok;
}

void
bench_api_clear (BenchApi *api)
{
  g_clear_pointer (&api->first_invalid, g_free);
}
