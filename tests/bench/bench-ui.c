/* bench-ui.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window benchmark (DESIGN.md, section 6, UI): how soon the unlocked
 * caseload is on screen, how soon a keystroke in its search shows, and
 * whether scrolling the whole list ever stalls, on demo stores of two
 * sizes, measured in frames that GTK painted.
 *
 *   bench-ui [--quick] [--only N] [--keep DIR] [--seed S] [--unlocks U] [--keystrokes K]
 *
 * It needs a display; without a desktop, run it under Xvfb:
 *
 *   xvfb-run -a dbus-run-session -- bench-ui
 *
 * Each store size is measured in a process forked for it alone, which runs
 * the real PwWindow at 1100 × 720 over the store and drives it as a person
 * would:
 *
 *  - Unlock: the passphrase typed on the unlock page and Enter pressed; the
 *    clock starts when the page hands over the unlocked store (the key
 *    derivation and the opening of the file are done, in a worker thread)
 *    and stops at the first frame, after GTK painted it, whose top list
 *    row shows the list's first child.  The first unlock of the process is
 *    reported apart from the later ones (Ctrl+L, then unlock again).
 *  - Search: the surname prefixes of children spread over the list typed
 *    into the search entry one more letter at a time, each at a random
 *    moment between two frames; each is timed from the entry's "changed"
 *    (which the caseload page answers at once, with no search delay) to
 *    the end of the page's handler, and to the first painted frame whose
 *    top row is the new first child, counting the frames painted until
 *    then.
 *  - Scrolling: the list scrolled by one page each frame from top to end;
 *    the intervals between painted frames.
 *
 * Stores are made at libsodium's INTERACTIVE key-derivation cost, the
 * cheapest the shipped core accepts; none of the timings includes the
 * derivation but the informational "Enter to first frame".  Targets are
 * printed, never enforced: the exit status says only whether every
 * measurement was made (77, skipped, without a display).
 */

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-process.h"
#include "bench-workload.h"
#include "pw-caseload-page.h"
#include "pw-child-list.h"
#include "pw-child-row.h"
#include "pw-child-slots.h"
#include "pw-demo.h"
#include "pw-record.h"
#include "pw-unlock-page.h"
#include "pw-window.h"

#define MAX_SIZES        2
#define DEFAULT_SIZES    { 1000, 10000 }
#define QUICK_SIZES      { 200, 2000 }
#define TODAY            "2026-11-16"   /* the demo data depend on "today" */
#define PASSPHRASE       "pathway benchmark store"
#define WIDTH            1100
#define HEIGHT           720
#define DEFAULT_UNLOCKS  10
#define MAX_UNLOCKS      50
#define DEFAULT_KEYS     50
#define MAX_KEYS         200
#define PREFIX_LETTERS   6
#define WAIT_SECONDS     300
#define FIRST_FRAME_MS   300.0
#define KEYSTROKE_MS     16.0
#define STALL_MS         50.0
#define MISSED_FRAME_MS  33.4

typedef enum
{
  PHASE_IDLE,
  PHASE_UNLOCK,
  PHASE_SEARCH,
  PHASE_SCROLL,
} Phase;

/* What a measuring process sends back through its pipe. */
typedef struct
{
  gboolean ok;
  char message[512];
  char renderer[64];
  guint n_listed;          /* children in the list after unlocking */
  gboolean hooks_late;     /* an emission hook ran after the handlers */
  guint n_unlocks;
  double unlock_frame[MAX_UNLOCKS];    /* ms: store handed over → first frame with rows */
  double unlock_handler[MAX_UNLOCKS];  /* ms: store handed over → window's handler done */
  double unlock_enter[MAX_UNLOCKS];    /* ms: Enter → first frame with rows */
  guint n_keys;
  double key_frame[MAX_KEYS];          /* ms: text changed → frame with the new first row */
  double key_handler[MAX_KEYS];        /* ms: text changed → page's handler done */
  double key_paints[MAX_KEYS];         /* frames painted until that frame, 1 the next */
  guint8 key_letters[MAX_KEYS];        /* letters in the search after the keystroke */
  guint n_frames;                      /* scrolling */
  double scroll_seconds;
  double scroll_median;
  double scroll_p95;
  double scroll_max;
  guint scroll_missed;                 /* intervals over two frames */
  guint scroll_stalls;                 /* intervals of STALL_MS or more */
} Measure;

typedef struct
{
  guint n_children;
  char *store;
  char *home;              /* the measuring process's XDG folders */
} Size;

/* The measuring process's state, shared by the signal handlers. */
typedef struct
{
  Measure *m;
  PwWindow *window;
  GtkWidget *unlock_page;
  GtkWidget *list_view;
  GtkWidget *search_entry;
  Phase phase;
  gint64 t_start;          /* Enter pressed */
  gint64 t_signal;         /* the store handed over, or the search text changed */
  gint64 t_handled;        /* the application's handlers returned */
  gint64 t_frame;          /* the painted frame that shows it */
  guint n_paints;          /* frames painted since the keystroke */
  GRand *rand;             /* when a keystroke comes between two frames */
  gint64 last_paint;       /* scrolling */
  GArray *intervals;
  gboolean at_end;
} Bench;

typedef gboolean (*Condition) (Bench *b);

static guint seed = BENCH_DEFAULT_SEED;
static gboolean quick;
static guint only;
static char *keep_dir;
static guint n_unlocks = DEFAULT_UNLOCKS;
static guint n_keys = DEFAULT_KEYS;

static const GOptionEntry options[] = {
  { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "200 and 2,000 children", NULL },
  { "only", 0, 0, G_OPTION_ARG_INT, &only, "One store size only", "N" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir,
    "Keep the demo stores in DIR and reuse them in later runs", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the demo data", "SEED" },
  { "unlocks", 0, 0, G_OPTION_ARG_INT, &n_unlocks, "Unlocks to time (10)", "U" },
  { "keystrokes", 0, 0, G_OPTION_ARG_INT, &n_keys, "Keystrokes to time (50)", "K" },
  { NULL }
};

/* Numbers ------------------------------------------------------------------------ */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile @p of @n @values, on a sorted copy. */
static double
percentile (const double *values,
            guint         n,
            double        p)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof *values);
  guint rank = (guint) (p * n + 0.999999);

  if (n == 0)
    return 0;
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return sorted[CLAMP (rank, 1, n) - 1];
}

static double
ms_between (gint64 from,
            gint64 to)
{
  return (to - from) / 1000.0;
}

/* Waiting on the main loop ------------------------------------------------------- */

static gboolean
on_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @seconds pass. */
static gboolean
wait_until (Bench     *b,
            Condition  condition,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint wake_id = g_timeout_add (100, on_wake_cb, NULL);
  gboolean met;

  while (!(met = condition (b)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  return met;
}

static gint64 pause_until;

static gboolean
paused_enough (Bench *b)
{
  return g_get_monotonic_time () >= pause_until;
}

/* Lets transitions end and worker threads report, untimed. */
static void
pause_for (Bench *b,
           guint  milliseconds)
{
  pause_until = g_get_monotonic_time () + milliseconds * 1000;
  wait_until (b, paused_enough, milliseconds / 1000 + 1);
}

/* The window's widgets ----------------------------------------------------------- */

static GtkWidget *
find_id (GtkWidget  *root,
         const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      if ((found = find_id (child, id)) != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
list_model (Bench *b)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (b->list_view));

  GListModel *slots = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

  return slots != NULL ? pw_child_slots_get_children (PW_CHILD_SLOTS (slots)) : NULL;
}

/* The child in the topmost row of the list view that is on screen. */
static PwChild *
top_row_child (GtkWidget *list_view)
{
  PwChild *top = NULL;
  float top_y = G_MAXFLOAT;

  for (GtkWidget *item = gtk_widget_get_first_child (list_view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;

      if (!gtk_widget_get_child_visible (item) || !PW_IS_CHILD_ROW (row) ||
          !gtk_widget_compute_bounds (item, list_view, &bounds) || bounds.size.height <= 0 ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= top_y)
        continue;
      top_y = bounds.origin.y;
      top = pw_child_row_get_record (PW_CHILD_ROW (row));
    }
  return top;
}

/* Whether the list view, as laid out for the frame just painted, shows the
 * list's first child in its top row. */
static gboolean
shows_first_child (Bench *b)
{
  GListModel *model;
  g_autoptr(PwRecord) first = NULL;
  PwChild *top;

  if (!gtk_widget_get_mapped (b->list_view) || (model = list_model (b)) == NULL)
    return FALSE;
  if (g_list_model_get_n_items (model) == 0)
    return TRUE;
  first = g_list_model_get_item (model, 0);
  top = top_row_child (b->list_view);
  return first != NULL && top != NULL &&
         pw_record_get_id (PW_RECORD (top)) == pw_record_get_id (first);
}

/* Signals ------------------------------------------------------------------------ */

static void
record_interval (Bench  *b,
                 gint64  now)
{
  double interval;

  if (b->last_paint != 0)
    {
      interval = ms_between (b->last_paint, now);
      g_array_append_val (b->intervals, interval);
    }
  b->last_paint = now;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->phase == PHASE_SCROLL)
    record_interval (b, now);
  if (b->phase == PHASE_SCROLL || b->phase == PHASE_IDLE || b->t_frame != 0)
    return;
  b->n_paints++;
  if (b->t_handled != 0 && shows_first_child (b))
    b->t_frame = now;
}

/* Emission hooks run before the handlers, the window's and the page's
 * among them; the "after" handlers run once they have all returned. */
static gboolean
on_unlocked_hook (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  Bench *b = user_data;
  PwStore *store = pw_window_get_store (b->window);

  b->t_signal = g_get_monotonic_time ();
  if (store != NULL && !pw_store_get_locked (store))
    b->m->hooks_late = TRUE;
  return TRUE;
}

static gboolean
on_search_changed_hook (GSignalInvocationHint *hint,
                        guint                  n_values,
                        const GValue          *values,
                        gpointer               user_data)
{
  Bench *b = user_data;
  const char *text;
  GListModel *model;

  if (g_value_get_object (&values[0]) != b->search_entry || b->phase != PHASE_SEARCH)
    return TRUE;
  b->t_signal = g_get_monotonic_time ();
  text = gtk_editable_get_text (GTK_EDITABLE (b->search_entry));
  model = list_model (b);
  if (model != NULL && g_strcmp0 (pw_child_list_get_search_text (PW_CHILD_LIST (model)),
                                  text) == 0)
    b->m->hooks_late = TRUE;
  return TRUE;
}

static void
on_handled_cb (Bench *b)
{
  if (b->phase == PHASE_UNLOCK || (b->phase == PHASE_SEARCH && b->t_signal != 0))
    b->t_handled = g_get_monotonic_time ();
}

static void
connect_signals (Bench *b)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), b);
  g_signal_add_emission_hook (g_signal_lookup ("unlocked", PW_TYPE_UNLOCK_PAGE), 0,
                              on_unlocked_hook, b, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("changed", GTK_TYPE_EDITABLE), 0,
                              on_search_changed_hook, b, NULL);
  g_signal_connect_data (b->unlock_page, "unlocked", G_CALLBACK (on_handled_cb), b, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (b->search_entry, "changed", G_CALLBACK (on_handled_cb), b,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* Unlocking ---------------------------------------------------------------------- */

static gboolean
frame_seen (Bench *b)
{
  return b->t_frame != 0;
}

/* The frame, or an unlock that failed. */
static gboolean
unlock_finished (Bench *b)
{
  return b->t_frame != 0 ||
         (b->t_signal == 0 && !pw_unlock_page_get_busy (PW_UNLOCK_PAGE (b->unlock_page)));
}

static gboolean
unlock_page_ready (Bench *b)
{
  return gtk_widget_get_mapped (b->unlock_page) &&
         !pw_unlock_page_get_busy (PW_UNLOCK_PAGE (b->unlock_page));
}

static void
start_timing (Bench *b,
              Phase  phase)
{
  b->t_signal = b->t_handled = b->t_frame = 0;
  b->n_paints = 0;
  b->phase = phase;
  b->t_start = g_get_monotonic_time ();
}

static gboolean
time_unlock (Bench    *b,
             guint     i,
             GError  **error)
{
  GtkWidget *row = find_id (b->unlock_page, "passphrase_row");

  if (i > 0)
    pw_window_lock (b->window);
  if (!wait_until (b, unlock_page_ready, 10) || row == NULL)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "The unlock page did not come up");
      return FALSE;
    }
  pause_for (b, 300);
  gtk_editable_set_text (GTK_EDITABLE (row), PASSPHRASE);
  start_timing (b, PHASE_UNLOCK);
  gtk_widget_activate_action (b->unlock_page, "unlock.unlock", NULL);
  if (!wait_until (b, unlock_finished, WAIT_SECONDS) || b->t_frame == 0)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "No frame showed the unlocked caseload");
      return FALSE;
    }
  b->phase = PHASE_IDLE;
  b->m->unlock_frame[i] = ms_between (b->t_signal, b->t_frame);
  b->m->unlock_handler[i] = ms_between (b->t_signal, b->t_handled);
  b->m->unlock_enter[i] = ms_between (b->t_start, b->t_frame);
  b->m->n_unlocks = i + 1;
  return TRUE;
}

static gboolean
measure_unlocks (Bench   *b,
                 GError **error)
{
  for (guint i = 0; i < n_unlocks; i++)
    {
      if (!time_unlock (b, i, error))
        return FALSE;
      g_printerr ("  unlock %u: %.1f ms to the first frame\n", i + 1, b->m->unlock_frame[i]);
    }
  b->m->n_listed = g_list_model_get_n_items (list_model (b));
  return TRUE;
}

/* Search as you type ------------------------------------------------------------- */

static gboolean
search_settled (Bench *b)
{
  GListModel *model = list_model (b);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (b->search_entry));

  return model != NULL &&
         g_strcmp0 (pw_child_list_get_search_text (PW_CHILD_LIST (model)), text) == 0;
}

/* Types @letter at the end of the search, as a key press does: setting
 * the whole text instead would empty the entry first, and GtkSearchEntry
 * reports an empty search at once. */
static gboolean
time_keystroke (Bench       *b,
                const char  *letter,
                gsize        len,
                guint        n_letters,
                GError     **error)
{
  GtkEditable *entry = GTK_EDITABLE (b->search_entry);
  Measure *m = b->m;
  int position = -1;

  /* A person's keystroke comes anywhere between two frames. */
  pause_for (b, g_rand_int_range (b->rand, 0, 17));
  start_timing (b, PHASE_SEARCH);
  gtk_editable_insert_text (entry, letter, len, &position);
  if (!wait_until (b, frame_seen, WAIT_SECONDS) || b->t_signal == 0)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "No frame showed a search's first child");
      return FALSE;
    }
  b->phase = PHASE_IDLE;
  m->key_frame[m->n_keys] = ms_between (b->t_signal, b->t_frame);
  m->key_handler[m->n_keys] = ms_between (b->t_signal, b->t_handled);
  m->key_paints[m->n_keys] = b->n_paints;
  m->key_letters[m->n_keys] = n_letters;
  m->n_keys++;
  return TRUE;
}

/* Types @name's first letters one at a time, then clears the search. */
static gboolean
type_prefixes (Bench       *b,
               const char  *name,
               GError     **error)
{
  const char *letter = name;

  for (guint i = 0; i < PREFIX_LETTERS && *letter != '\0' && b->m->n_keys < n_keys; i++)
    {
      const char *next = g_utf8_next_char (letter);

      if (!time_keystroke (b, letter, next - letter, i + 1, error))
        return FALSE;
      letter = next;
    }
  gtk_editable_set_text (GTK_EDITABLE (b->search_entry), "");
  wait_until (b, search_settled, 10);
  pause_for (b, 100);
  return TRUE;
}

/* Family names of children spread evenly over the list, each once.  They
 * are typed, never printed. */
static GPtrArray *
pick_names (Bench *b)
{
  GListModel *model = list_model (b);
  guint n_items = g_list_model_get_n_items (model);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n_names = n_keys / PREFIX_LETTERS + 2;

  for (guint i = 0; i < n_names && n_items > 0; i++)
    {
      g_autoptr(PwRecord) child = g_list_model_get_item (model, i * n_items / n_names);
      const char *name = child != NULL ? pw_record_get_text (child, "legal-family-name") : NULL;

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static gboolean
measure_search (Bench   *b,
                GError **error)
{
  g_autoptr(GPtrArray) names = pick_names (b);

  for (guint round = 0; round < 4 && b->m->n_keys < n_keys; round++)
    for (guint i = 0; i < names->len && b->m->n_keys < n_keys; i++)
      if (!type_prefixes (b, g_ptr_array_index (names, i), error))
        return FALSE;
  if (b->m->n_keys == 0)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "No name to type");
      return FALSE;
    }
  g_printerr ("  %u keystrokes: median %.1f ms to the frame\n", b->m->n_keys,
              percentile (b->m->key_frame, b->m->n_keys, 0.5));
  return TRUE;
}

/* Scrolling ---------------------------------------------------------------------- */

static GtkAdjustment *
vadjustment (Bench *b)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->list_view));
}

/* Each frame, before layout, scrolls one page on. */
static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  Bench *b = user_data;
  GtkAdjustment *adjustment = vadjustment (b);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - page;

  if (value >= end - 0.5)
    {
      b->at_end = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adjustment, MIN (value + page, end));
  return G_SOURCE_CONTINUE;
}

static gboolean
scrolled_to_end (Bench *b)
{
  return b->at_end;
}

static void
summarize_scroll (Bench *b)
{
  Measure *m = b->m;
  const double *intervals = (const double *) (gpointer) b->intervals->data;

  m->n_frames = b->intervals->len;
  m->scroll_median = percentile (intervals, m->n_frames, 0.5);
  m->scroll_p95 = percentile (intervals, m->n_frames, 0.95);
  m->scroll_max = percentile (intervals, m->n_frames, 1.0);
  for (guint i = 0; i < m->n_frames; i++)
    {
      m->scroll_seconds += intervals[i] / 1000;
      m->scroll_missed += intervals[i] > MISSED_FRAME_MS;
      m->scroll_stalls += intervals[i] >= STALL_MS;
    }
}

static gboolean
measure_scroll (Bench   *b,
                GError **error)
{
  gtk_adjustment_set_value (vadjustment (b), 0);
  pause_for (b, 300);
  b->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b->last_paint = 0;
  b->at_end = FALSE;
  b->phase = PHASE_SCROLL;
  gtk_widget_add_tick_callback (b->list_view, on_scroll_tick_cb, b, NULL);
  if (!wait_until (b, scrolled_to_end, WAIT_SECONDS))
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "The list did not scroll to its end");
      return FALSE;
    }
  pause_for (b, 100);
  b->phase = PHASE_IDLE;
  summarize_scroll (b);
  g_clear_pointer (&b->intervals, g_array_unref);
  g_printerr ("  scrolled in %u frames, worst %.1f ms\n", b->m->n_frames, b->m->scroll_max);
  return TRUE;
}

/* The measuring process ---------------------------------------------------------- */

static gboolean
find_widgets (Bench   *b,
              GError **error)
{
  GtkWidget *window = GTK_WIDGET (b->window);
  GtkWidget *caseload_page = find_id (window, "caseload_page");

  b->unlock_page = find_id (window, "unlock_page");
  b->list_view = caseload_page != NULL ? find_id (caseload_page, "list_view") : NULL;
  b->search_entry = caseload_page != NULL ? find_id (caseload_page, "search_entry") : NULL;
  if (b->unlock_page == NULL || b->list_view == NULL || b->search_entry == NULL)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "The window's unlock page, list view or "
                           "search entry was not found");
      return FALSE;
    }
  return TRUE;
}

static gboolean
window_mapped (Bench *b)
{
  return gtk_widget_get_mapped (GTK_WIDGET (b->window));
}

static gboolean
run_bench (Bench   *b,
           GError **error)
{
  GskRenderer *renderer;

  gtk_window_present (GTK_WINDOW (b->window));
  if (!wait_until (b, window_mapped, 30))
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "The window did not appear");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (b->window));
  g_strlcpy (b->m->renderer, G_OBJECT_TYPE_NAME (renderer), sizeof b->m->renderer);
  if (!find_widgets (b, error))
    return FALSE;
  connect_signals (b);
  return measure_unlocks (b, error) && measure_search (b, error) && measure_scroll (b, error);
}

static void
on_activate_cb (AdwApplication *app,
                Bench          *b)
{
  g_autoptr(GError) error = NULL;

  g_application_hold (G_APPLICATION (app));
  b->window = pw_window_new (app);
  b->m->ok = run_bench (b, &error);
  if (!b->m->ok)
    g_strlcpy (b->m->message, error->message, sizeof b->m->message);
  b->phase = PHASE_IDLE;
  gtk_window_destroy (GTK_WINDOW (b->window));
  g_application_release (G_APPLICATION (app));
}

/* The window opens at the store's unlock page, at a fixed size. */
static void
on_startup_cb (AdwApplication *app,
               const Size     *size)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", WIDTH);
  g_settings_set_int (settings, "window-height", HEIGHT);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "last-store", size->store);
}

/* Settings in memory, from the schema this build compiled, and the user's
 * folders in the process's own folder. */
static void
prepare_environment (const Size *size)
{
  const char *const xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };

  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (size->home, xdg[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", PW_BUILD_SCHEMA_DIR, FALSE);
}

static void
measure_window (const Size *size,
                Measure    *m)
{
  g_autoptr(AdwApplication) app = NULL;
  Bench b = { .m = m };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  b.rand = rand;
  prepare_environment (size);
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", APP_ID ".Bench",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/org/pathwayapp/Pathway",
                      NULL);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), (gpointer) size);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &b);
  if (g_application_run (G_APPLICATION (app), 0, NULL) != 0 && m->message[0] == '\0')
    g_strlcpy (m->message, "The application did not run", sizeof m->message);
}

/* The demo store ----------------------------------------------------------------- */

static gboolean
fill_store (const Size  *size,
            GError     **error)
{
  const PwKdfCost cost = { crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE };
  g_autofree char *recovery = NULL;
  g_autoptr(PwStore) store = pw_store_create (size->store, PASSPHRASE, &cost, &recovery, error);
  g_autoptr(PwCaseload) caseload = NULL;

  if (store == NULL || (caseload = pw_caseload_new (store, error)) == NULL)
    return FALSE;
  pw_caseload_set_actor (caseload, "Pathway demo");
  return pw_demo_fill (caseload, size->n_children, seed, error);
}

static void
make_store (const Size *size,
            Measure    *m)
{
  g_autoptr(GError) error = NULL;

  m->ok = fill_store (size, &error);
  if (!m->ok)
    g_strlcpy (m->message, error->message, sizeof m->message);
}

/* Processes ---------------------------------------------------------------------- */

typedef void (*ProcessFunc) (const Size *size, Measure *m);

/* In the forked process, which alone starts GTK: never returns. */
G_GNUC_NORETURN static void
child_main (ProcessFunc  func,
            const Size  *size,
            int          fd)
{
  Measure *m = g_new0 (Measure, 1);

  func (size, m);
  _exit (bench_write_all (fd, m, sizeof *m) ? 0 : 1);
}

/* Runs @func in a process of its own and fills @m from it. */
static gboolean
run_process (ProcessFunc   func,
             const Size   *size,
             Measure      *m,
             GError      **error)
{
  int fds[2];
  pid_t pid;
  gsize got;

  if (pipe (fds) != 0)
    {
      g_set_error (error, BENCH_ERROR, 0, "pipe: %s", g_strerror (errno));
      return FALSE;
    }
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      child_main (func, size, fds[1]);
    }
  close (fds[1]);
  if (pid < 0)
    {
      close (fds[0]);
      g_set_error (error, BENCH_ERROR, 0, "fork: %s", g_strerror (errno));
      return FALSE;
    }
  got = bench_read_all (fds[0], m, sizeof *m);
  close (fds[0]);
  if (!bench_wait_child (pid, error))
    return FALSE;
  if (got != sizeof *m)
    g_set_error_literal (error, BENCH_ERROR, 0, "The measuring process sent nothing back");
  else if (!m->ok)
    g_set_error_literal (error, BENCH_ERROR, 0, m->message);
  return got == sizeof *m && m->ok;
}

/* Runs ----------------------------------------------------------------------------- */

typedef struct
{
  guint n_sizes;
  Size sizes[MAX_SIZES];
  Measure *results[MAX_SIZES];
  GPtrArray *notes;
  gboolean ok;
} Run;

static void
note_failure (Run          *run,
              const char   *what,
              const Size   *size,
              const GError *error)
{
  char *note = g_strdup_printf ("**FAILED**: %s, %u children: %s", what, size->n_children,
                                error->message);

  g_printerr ("%s\n", note);
  g_ptr_array_add (run->notes, note);
  run->ok = FALSE;
}

/* A store left by an earlier run with --keep is used as it is. */
static gboolean
prepare_store (Run   *run,
               guint  s)
{
  const Size *size = &run->sizes[s];
  g_autoptr(GError) error = NULL;
  Measure m;

  if (g_file_test (size->store, G_FILE_TEST_EXISTS))
    {
      g_printerr ("Using the demo store %s\n", size->store);
      return TRUE;
    }
  g_printerr ("Making a demo store of %u children\n", size->n_children);
  if (run_process (make_store, size, &m, &error))
    return TRUE;
  note_failure (run, "demo store", size, error);
  bench_remove_files (size->store);
  return FALSE;
}

static void
run_all (Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    {
      const Size *size = &run->sizes[s];
      g_autoptr(GError) error = NULL;
      Measure *m = g_new0 (Measure, 1);

      if (!prepare_store (run, s))
        {
          g_free (m);
          continue;
        }
      g_printerr ("The window over %u children\n", size->n_children);
      if (run_process (measure_window, size, m, &error))
        run->results[s] = m;
      else
        {
          note_failure (run, "window", size, error);
          g_free (m);
        }
    }
}

static void
size_init (Size       *size,
           guint       n,
           const char *store_dir,
           const char *work)
{
  g_autofree char *store = g_strdup_printf ("ui-demo-%u-seed-%u.pathway", n, seed);
  g_autofree char *home = g_strdup_printf ("home-%u", n);

  size->n_children = n;
  size->store = g_build_filename (store_dir, store, NULL);
  size->home = g_build_filename (work, home, NULL);
}

static void
run_init (Run        *run,
          const char *store_dir,
          const char *work)
{
  const guint defaults[MAX_SIZES] = DEFAULT_SIZES, quicks[MAX_SIZES] = QUICK_SIZES;

  memset (run, 0, sizeof *run);
  run->ok = TRUE;
  run->notes = g_ptr_array_new_with_free_func (g_free);
  run->n_sizes = only != 0 ? 1 : MAX_SIZES;
  for (guint s = 0; s < run->n_sizes; s++)
    size_init (&run->sizes[s], only != 0 ? only : quick ? quicks[s] : defaults[s], store_dir,
               work);
}

static void
run_clear (Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    {
      g_free (run->sizes[s].store);
      g_free (run->sizes[s].home);
      g_free (run->results[s]);
    }
  g_clear_pointer (&run->notes, g_ptr_array_unref);
}

/* The table ------------------------------------------------------------------------ */

/* 10,000 */
static char *
format_count (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);
}

static const char *
verdict (double value,
         double target)
{
  return value < target ? "ok" : "**over**";
}

/* One row: @values[@n] summarized; @target_ms 0 for none, judged on
 * @judged (the median, the 95th percentile or the maximum). */
static void
print_row (guint         n_children,
           const char   *metric,
           const double *values,
           guint         n,
           double        target_ms,
           const char   *judged)
{
  g_autofree char *count = format_count (n_children);
  double median = percentile (values, n, 0.5);
  double p95 = percentile (values, n, 0.95);
  double max = percentile (values, n, 1.0);
  double value = g_str_equal (judged, "p95") ? p95 : g_str_equal (judged, "max") ? max : median;

  if (n == 0)
    return;
  g_print ("| %s | %s | %u | %.1f | %.1f | %.1f |", count, metric, n, median, p95, max);
  if (target_ms > 0)
    g_print (" %s < %g ms | %s |\n", judged, target_ms, verdict (value, target_ms));
  else
    g_print (" – | |\n");
}

/* The search keystrokes that left @min_letters to @max_letters in the entry. */
/* Whether each keystroke showed in the first frame painted after it. */
static void
print_frames_row (guint          n_children,
                  const Measure *m)
{
  g_autofree char *count = format_count (n_children);
  double p95 = percentile (m->key_paints, m->n_keys, 0.95);

  if (m->n_keys == 0)
    return;
  g_print ("| %s | · frames painted until that frame (1: the next frame) | %u | %.0f | %.0f "
           "| %.0f | p95 = 1 frame | %s |\n", count, m->n_keys,
           percentile (m->key_paints, m->n_keys, 0.5), p95,
           percentile (m->key_paints, m->n_keys, 1.0), p95 <= 1 ? "ok" : "**over**");
}

static void
print_letters_row (guint          n_children,
                   const Measure *m,
                   guint          min_letters,
                   guint          max_letters,
                   const char    *metric)
{
  double values[MAX_KEYS];
  guint n = 0;

  for (guint i = 0; i < m->n_keys; i++)
    if (m->key_letters[i] >= min_letters && m->key_letters[i] <= max_letters)
      values[n++] = m->key_handler[i];
  print_row (n_children, metric, values, n, KEYSTROKE_MS, "p95");
}

static void
print_scroll_row (guint          n_children,
                  const Measure *m)
{
  g_autofree char *count = format_count (n_children);

  g_print ("| %s | scrolling the whole list a page a frame: interval between painted frames "
           "| %u | %.1f | %.1f | %.1f | max < %g ms | %s |\n", count, m->n_frames,
           m->scroll_median, m->scroll_p95, m->scroll_max, STALL_MS,
           verdict (m->scroll_max, STALL_MS));
}

static void
print_rows (guint          n_children,
            const Measure *m)
{
  guint later = m->n_unlocks > 0 ? m->n_unlocks - 1 : 0;

  print_row (n_children, "unlock done → first frame with the first rows: first unlock of the "
             "process", m->unlock_frame, MIN (m->n_unlocks, 1), FIRST_FRAME_MS, "median");
  print_row (n_children, "· the same, later unlocks (Ctrl+L, unlock again)",
             m->unlock_frame + 1, later, FIRST_FRAME_MS, "p95");
  print_row (n_children, "· of which the window's handler (caseload opened, list counted), "
             "later unlocks", m->unlock_handler + 1, later, 0, "");
  print_row (n_children, "Enter → first frame with the first rows (Argon2id at INTERACTIVE "
             "cost included), later unlocks", m->unlock_enter + 1, later, 0, "");
  print_row (n_children, "search keystroke: text changed → list filtered (the caseload "
             "page's handler done)", m->key_handler, m->n_keys, KEYSTROKE_MS, "p95");
  print_letters_row (n_children, m, 1, 1, "· the same, the first letter of a name");
  print_letters_row (n_children, m, 2, 2, "· the same, the second letter");
  print_letters_row (n_children, m, 3, PREFIX_LETTERS, "· the same, the third letter or later");
  print_row (n_children, "· text changed → painted frame whose top row is the new first "
             "child (waits for the display's next frame)", m->key_frame, m->n_keys, 0, "");
  print_frames_row (n_children, m);
  print_scroll_row (n_children, m);
}

static void
print_table (const Run *run)
{
  g_print ("| N | measurement | samples | median ms | p95 ms | max ms | target | verdict |\n"
           "|---:|---|---:|---:|---:|---:|---|---|\n");
  for (guint s = 0; s < run->n_sizes; s++)
    if (run->results[s] != NULL)
      print_rows (run->sizes[s].n_children, run->results[s]);
  g_print ("\n");
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

static const Measure *
any_result (const Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    if (run->results[s] != NULL)
      return run->results[s];
  return NULL;
}

static void
print_intro (const Run *run)
{
  g_autofree char *cpu = cpu_model ();
  const Measure *m = any_result (run);
  const char *display = g_getenv ("WAYLAND_DISPLAY") != NULL ? "Wayland" : "X11";

  g_print ("## The window: unlock, search as you type, scrolling\n\n"
           "Demo stores made by pw_demo_fill (seed %u, today pinned to %s); %u CPUs (%s); "
           "GTK %u.%u.%u, libadwaita %u.%u.%u, %s display, renderer %s. Each size is one "
           "process running the real PwWindow at %d × %d; times are from the event to the "
           "end of the first frame GTK painted that shows its result (the frame clock's "
           "after-paint), in milliseconds. Targets from DESIGN.md section 6: search as you type "
           "filters within one frame, judged by the work a keystroke costs (the page's "
           "handler, which filters the list and refreshes the rows on screen) and by the "
           "frame that shows it; keystrokes come at a random moment between two "
           "frames.\n\n",
           seed, TODAY, g_get_num_processors (), cpu, gtk_get_major_version (),
           gtk_get_minor_version (), gtk_get_micro_version (), adw_get_major_version (),
           adw_get_minor_version (), adw_get_micro_version (), display,
           m != NULL ? m->renderer : "–", WIDTH, HEIGHT);
}

static void
print_notes (const Run *run)
{
  g_print ("Notes (informational: a miss never fails the program):\n\n");
  for (guint s = 0; s < run->n_sizes; s++)
    {
      const Measure *m = run->results[s];
      g_autofree char *count = format_count (run->sizes[s].n_children);

      if (m == NULL)
        continue;
      g_print ("- %s children (%u listed): scrolling to the end took %u frames in %.1f s; "
               "%u intervals over two frames (%.1f ms), %u of %g ms or more.\n", count,
               m->n_listed, m->n_frames, m->scroll_seconds, m->scroll_missed, MISSED_FRAME_MS,
               m->scroll_stalls, STALL_MS);
      if (m->n_listed != run->sizes[s].n_children)
        g_print ("- %s children: **the store lists %u children**: it was made for another "
                 "size; remove it, or keep the stores in another folder.\n", count, m->n_listed);
      if (m->hooks_late)
        g_print ("- %s children: **an emission hook ran after the handlers**: the "
                 "unlock and search times start late.\n", count);
    }
  for (guint i = 0; i < run->notes->len; i++)
    g_print ("- %s\n", (const char *) g_ptr_array_index (run->notes, i));
}

/* Main --------------------------------------------------------------------------- */

static gboolean
parse_options (int      *argc,
               char   ***argv,
               GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- window benchmark");

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (only > PW_DEMO_MAX_CHILDREN || n_unlocks < 2 || n_unlocks > MAX_UNLOCKS ||
      n_keys == 0 || n_keys > MAX_KEYS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--only: at most %d children; --unlocks: 2 to %d; --keystrokes: 1 to %d",
                   PW_DEMO_MAX_CHILDREN, MAX_UNLOCKS, MAX_KEYS);
      return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  g_autofree char *store_dir = NULL;
  Run run;
  gboolean ok;

  bench_init_output ();
  if (!parse_options (&argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-ui needs a display: run it under xvfb-run -a dbus-run-session\n");
      return 77;
    }
  store_dir = bench_make_dirs ("pathway-bench-ui-XXXXXX", keep_dir, &work, &error);
  if (store_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Set before any process is forked, so that all of them share it. */
  pw_set_today (TODAY);
  run_init (&run, store_dir, work);
  run_all (&run);
  print_intro (&run);
  print_table (&run);
  print_notes (&run);
  ok = run.ok;
  run_clear (&run);
  remove_tree (work);
  if (!ok)
    g_printerr ("The benchmark did not complete: see the failures above\n");
  return ok ? 0 : 1;
}
