/* pw-history-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The History of one child: the APDR cycles whose review has closed them,
 * newest first, as the evidence a council asks for before an EHC request.
 *
 * Each cycle is a row that opens to show every outcome of its plan with the
 * rating the review gave it (in words, and in colour as a help) and the
 * evidence, then the decision, the next steps and the views given at the
 * review.  The newest cycle starts open; the others are filled in only
 * when opened, and a reread keeps open the rows the reader opened.  The
 * records come from three queries (the child's cycles, outcomes and
 * ratings), however many cycles there are, read in a worker thread by a
 * PwChildWatch; the list shows a page of cycles at a time.
 */

#define G_LOG_DOMAIN "pw-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-history-view.h"

#define PAGE_SIZE 20

struct _PwHistoryView
{
  PwChildView          parent_instance;

  GListStore          *cycles;     /* closed PwCycle, newest first */
  GtkSliceListModel   *shown;
  GHashTable          *outcomes;   /* cycle id -> GPtrArray of PwOutcome */
  GHashTable          *ratings;    /* outcome id -> PwRating */
  gint64               shown_child;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *cycles_group;
  GtkListBox          *cycle_list;
  GtkButton           *more_button;
};

G_DEFINE_FINAL_TYPE (PwHistoryView, pw_history_view, PW_TYPE_CHILD_VIEW)

static const char * const watched_tables[] = {
  "cycle", "outcome", "rating", "amendment", NULL
};

/* Words ------------------------------------------------------------------------ */

static const char *
rating_style (const char *progress)
{
  if (g_strcmp0 (progress, "not-met") == 0)
    return "error";
  if (g_strcmp0 (progress, "partly-met") == 0)
    return "warning";
  return "success";
}

/* "1 Sep 2025 to 14 Jan 2026" */
static char *
dup_cycle_dates (PwRecord *cycle)
{
  const char *end = pw_record_get_text (cycle, "closed-on");
  g_autofree char *opened = pw_format_date (pw_record_get_text (cycle, "opened-on"), FALSE);
  g_autofree char *closed = NULL;

  if (end == NULL)
    end = pw_record_get_text (cycle, "review-held-on");
  closed = pw_format_date (end, FALSE);
  if (opened != NULL && closed != NULL)
    /* TRANSLATORS: the dates a cycle started and closed: "1 Sep 2025 to 14 Jan 2026" */
    return g_strdup_printf (_("%s to %s"), opened, closed);
  return g_strdup (opened != NULL ? opened : "");
}

static char *
dup_cycle_subtitle (PwRecord *cycle)
{
  g_autofree char *dates = dup_cycle_dates (cycle);
  const char *decision = pw_code_label (cycle, PW_CODES_DECISION, "decision");

  if (decision == NULL)
    return g_steal_pointer (&dates);
  /* TRANSLATORS: a cycle's dates, then the review's decision */
  return g_strdup_printf (_("%s · %s"), dates, decision);
}

/* Rows ------------------------------------------------------------------------- */

static GtkWidget *
new_text_row (const char *title,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  return row;
}

static GtkWidget *
new_rating_label (PwRecord *rating)
{
  const char *progress = rating != NULL ? pw_record_get_text (rating, "progress") : NULL;
  const char *label = progress != NULL ? pw_codes_label (PW_CODES_RATING, progress) : NULL;
  GtkWidget *widget = gtk_label_new (label != NULL ? label : _("Not rated"));

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (widget, "heading");
  gtk_widget_add_css_class (widget, label != NULL ? rating_style (progress) : "dim-label");
  return widget;
}

static GtkWidget *
new_outcome_row (PwHistoryView *self,
                 PwRecord      *outcome)
{
  PwRecord *rating = g_hash_table_lookup (self->ratings,
                                          GINT_TO_POINTER (pw_record_get_id (outcome)));
  const char *evidence = rating != NULL ? pw_record_get_text (rating, "evidence") : NULL;
  GtkWidget *rating_label = new_rating_label (rating);
  g_autofree char *evidence_text = NULL;
  g_autofree char *description = NULL;
  GtkWidget *row;

  /* TRANSLATORS: what showed an outcome's progress at the review */
  evidence_text = evidence != NULL ? g_strdup_printf (_("Evidence: %s"), evidence)
                                   : g_strdup (_("No evidence recorded"));
  row = new_text_row (pw_record_get_text (outcome, "description"), evidence_text);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rating_label);
  /* TRANSLATORS: read by a screen reader after the outcome: "Met. Evidence: …" */
  description = g_strdup_printf (_("%s. %s"), gtk_label_get_label (GTK_LABEL (rating_label)),
                                 evidence_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  return row;
}

static void
add_text_row (AdwExpanderRow *expander,
              PwRecord       *cycle,
              const char     *title,
              const char     *field)
{
  const char *text = pw_record_get_text (cycle, field);

  if (text != NULL && *text != '\0')
    adw_expander_row_add_row (expander, new_text_row (title, text));
}

static void
fill_cycle_row (PwHistoryView  *self,
                AdwExpanderRow *expander,
                PwRecord       *cycle)
{
  GPtrArray *outcomes = g_hash_table_lookup (self->outcomes,
                                             GINT_TO_POINTER (pw_record_get_id (cycle)));
  const char *decision = pw_code_label (cycle, PW_CODES_DECISION, "decision");
  g_autofree char *held = pw_format_date (pw_record_get_text (cycle, "review-held-on"), TRUE);

  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    adw_expander_row_add_row (expander, new_outcome_row (self, g_ptr_array_index (outcomes, i)));
  if (outcomes == NULL)
    adw_expander_row_add_row (expander, new_text_row (_("Outcomes"), _("None recorded")));
  if (held != NULL)
    adw_expander_row_add_row (expander, new_text_row (_("Review held on"), held));
  adw_expander_row_add_row (expander,
                            new_text_row (_("Decision"),
                                          decision != NULL ? decision : _("Not recorded")));
  add_text_row (expander, cycle, _("Next steps"), "next-steps");
  add_text_row (expander, cycle, _("What changes"), "review-changes");
  add_text_row (expander, cycle, _("The child’s views at review"), "review-child-views");
  add_text_row (expander, cycle, _("The parents’ views at review"), "review-parent-views");
}

/* A cycle's details are built the first time it is opened. */
static void
on_cycle_row_expanded_cb (AdwExpanderRow *expander,
                          GParamSpec     *pspec,
                          PwHistoryView  *self)
{
  PwRecord *cycle = g_object_get_data (G_OBJECT (expander), "cycle");
  gboolean filled = g_object_get_data (G_OBJECT (expander), "filled") != NULL;

  if (!adw_expander_row_get_expanded (expander) || filled)
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));
  fill_cycle_row (self, expander, cycle);
}

static GtkWidget *
create_cycle_row (gpointer item,
                  gpointer user_data)
{
  PwHistoryView *self = user_data;
  PwRecord *cycle = item;
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = dup_cycle_subtitle (cycle);

  /* TRANSLATORS: the title of a past APDR cycle: "Cycle 3" */
  title = g_strdup_printf (_("Cycle %d"), (int) pw_record_get_int (cycle, "number"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "cycle", g_object_ref (cycle), g_object_unref);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_cycle_row_expanded_cb), self);
  return row;
}

/* Reading, in a worker thread ---------------------------------------------------- */

typedef struct
{
  GPtrArray  *closed;     /* closed PwCycle, newest first */
  GHashTable *outcomes;   /* cycle id -> GPtrArray of PwOutcome */
  GHashTable *ratings;    /* outcome id -> PwRating */
} HistoryData;

static void
history_data_free (gpointer data)
{
  HistoryData *history = data;

  g_clear_pointer (&history->closed, g_ptr_array_unref);
  g_clear_pointer (&history->outcomes, g_hash_table_unref);
  g_clear_pointer (&history->ratings, g_hash_table_unref);
  g_free (history);
}

static GHashTable *
group_outcomes (GListModel *outcomes)
{
  GHashTable *by_cycle = g_hash_table_new_full (NULL, NULL, NULL,
                                                (GDestroyNotify) g_ptr_array_unref);
  guint n = g_list_model_get_n_items (outcomes);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *outcome = g_list_model_get_item (outcomes, i);
      gpointer cycle_id = GINT_TO_POINTER (pw_record_get_int (outcome, "cycle-id"));
      GPtrArray *list = g_hash_table_lookup (by_cycle, cycle_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_cycle, cycle_id, list);
        }
      g_ptr_array_add (list, outcome);
    }
  return by_cycle;
}

/* The latest rating of each outcome. */
static GHashTable *
index_ratings (GListModel *ratings)
{
  GHashTable *by_outcome = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  guint n = g_list_model_get_n_items (ratings);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *rating = g_list_model_get_item (ratings, i);

      g_hash_table_replace (by_outcome,
                            GINT_TO_POINTER (pw_record_get_int (rating, "outcome-id")), rating);
    }
  return by_outcome;
}

/* The closed cycles, newest first. */
static GPtrArray *
closed_cycles (GListModel *cycles)
{
  GPtrArray *closed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = g_list_model_get_n_items (cycles); i > 0; i--)
    {
      g_autoptr(PwRecord) cycle = g_list_model_get_item (cycles, i - 1);

      if (g_strcmp0 (pw_record_get_text (cycle, "state"), "closed") == 0)
        g_ptr_array_add (closed, g_steal_pointer (&cycle));
    }
  return closed;
}

static gpointer
load_history (PwCaseload  *caseload,
              gint64       child_id,
              GError     **error)
{
  g_autoptr(GListModel) cycles = NULL;
  g_autoptr(GListModel) outcomes = NULL;
  g_autoptr(GListModel) ratings = NULL;
  HistoryData *history;

  if ((cycles = pw_caseload_list (caseload, PW_TYPE_CYCLE, "child-id", child_id, error)) == NULL ||
      (outcomes = pw_caseload_list (caseload, PW_TYPE_OUTCOME, "child-id", child_id,
                                    error)) == NULL ||
      (ratings = pw_caseload_list (caseload, PW_TYPE_RATING, "child-id", child_id,
                                   error)) == NULL)
    return NULL;
  history = g_new0 (HistoryData, 1);
  history->closed = closed_cycles (cycles);
  history->outcomes = group_outcomes (outcomes);
  history->ratings = index_ratings (ratings);
  return history;
}

/* Showing ------------------------------------------------------------------------- */

static void
update_page (PwHistoryView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cycles));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "cycles");
  else if (pw_child_view_get_loading (PW_CHILD_VIEW (self)))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
set_message (PwHistoryView *self,
             const GError  *error)
{
  adw_status_page_set_title (self->empty_page, error != NULL ? _("Could not read the history")
                                                             : _("No past cycles"));
  adw_status_page_set_description (self->empty_page,
                                   error != NULL ? error->message
                                                 : _("Each cycle shows here once its review "
                                                     "has closed it"));
}

/* The ids of the cycles whose rows are open, to open them again. */
static GHashTable *
expanded_cycles (PwHistoryView *self)
{
  GHashTable *ids = g_hash_table_new (NULL, NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->cycle_list, i)) != NULL; i++)
    if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
      g_hash_table_add (ids, GINT_TO_POINTER (pw_record_get_id (
                                                g_object_get_data (G_OBJECT (row), "cycle"))));
  return ids;
}

/* The rows open before open again; for another child, the newest opens, as
 * the one most often read. */
static void
expand_rows (PwHistoryView *self,
             GHashTable    *expanded)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->cycle_list, i)) != NULL; i++)
    {
      PwRecord *cycle = g_object_get_data (G_OBJECT (row), "cycle");

      if (expanded != NULL ? g_hash_table_contains (expanded,
                                                     GINT_TO_POINTER (pw_record_get_id (cycle)))
                           : i == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

static void
show_cycles (PwHistoryView *self,
             GPtrArray     *closed)
{
  guint n = closed != NULL ? closed->len : 0;
  g_autofree char *description = NULL;

  gtk_slice_list_model_set_size (self->shown, MAX (PAGE_SIZE,
                                                   gtk_slice_list_model_get_size (self->shown)));
  g_list_store_splice (self->cycles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cycles)),
                       closed != NULL ? closed->pdata : NULL, n);
  description = g_strdup_printf (g_dngettext (NULL, "%u closed cycle, newest first",
                                              "%u closed cycles, newest first", n), n);
  adw_preferences_group_set_description (self->cycles_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          n > gtk_slice_list_model_get_size (self->shown));
  update_page (self);
}

static void
show_history (GtkWidget    *widget,
              gpointer      data,
              const GError *error)
{
  PwHistoryView *self = PW_HISTORY_VIEW (widget);
  HistoryData *history = data;
  gint64 child_id = pw_child_view_get_child_id (PW_CHILD_VIEW (widget));
  g_autoptr(GHashTable) expanded = NULL;

  /* The same child again: keep the rows the reader opened. */
  if (history != NULL && self->shown_child == child_id)
    expanded = expanded_cycles (self);
  else
    gtk_slice_list_model_set_size (self->shown, PAGE_SIZE);
  self->shown_child = history != NULL ? child_id : 0;
  g_clear_pointer (&self->outcomes, g_hash_table_unref);
  g_clear_pointer (&self->ratings, g_hash_table_unref);
  self->outcomes = history != NULL ? g_steal_pointer (&history->outcomes)
                                   : g_hash_table_new (NULL, NULL);
  self->ratings = history != NULL ? g_steal_pointer (&history->ratings)
                                  : g_hash_table_new (NULL, NULL);
  set_message (self, error);
  show_cycles (self, history != NULL ? history->closed : NULL);
  expand_rows (self, expanded);
  if (history != NULL)
    history_data_free (history);
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_more_clicked_cb (PwHistoryView *self)
{
  guint from = gtk_slice_list_model_get_size (self->shown);
  GtkListBoxRow *first;

  gtk_slice_list_model_set_size (self->shown, from + PAGE_SIZE);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          from + PAGE_SIZE < g_list_model_get_n_items (G_LIST_MODEL (self->cycles)));
  /* The keyboard goes on to the first cycle added. */
  if ((first = gtk_list_box_get_row_at_index (self->cycle_list, from)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_history_view_dispose (GObject *object)
{
  PwHistoryView *self = PW_HISTORY_VIEW (object);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_HISTORY_VIEW);
  g_clear_object (&self->shown);
  g_clear_object (&self->cycles);
  g_clear_pointer (&self->outcomes, g_hash_table_unref);
  g_clear_pointer (&self->ratings, g_hash_table_unref);

  G_OBJECT_CLASS (pw_history_view_parent_class)->dispose (object);
}

static void
pw_history_view_class_init (PwHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwChildViewClass *view_class = PW_CHILD_VIEW_CLASS (klass);

  object_class->dispose = pw_history_view_dispose;

  view_class->tables = watched_tables;
  view_class->load = load_history;
  view_class->show = show_history;
  view_class->free_data = history_data_free;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-history-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "history_stack", FALSE,
                                             G_STRUCT_OFFSET (PwHistoryView, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "history_empty_page", FALSE,
                                             G_STRUCT_OFFSET (PwHistoryView, empty_page));
  gtk_widget_class_bind_template_child (widget_class, PwHistoryView, cycles_group);
  gtk_widget_class_bind_template_child_full (widget_class, "past_cycle_list", FALSE,
                                             G_STRUCT_OFFSET (PwHistoryView, cycle_list));
  gtk_widget_class_bind_template_child_full (widget_class, "history_more_button", FALSE,
                                             G_STRUCT_OFFSET (PwHistoryView, more_button));
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);
}

static void
pw_history_view_init (PwHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cycles = g_list_store_new (PW_TYPE_CYCLE);
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->cycles)), 0,
                                          PAGE_SIZE);
  self->outcomes = g_hash_table_new (NULL, NULL);
  self->ratings = g_hash_table_new (NULL, NULL);
  gtk_list_box_bind_model (self->cycle_list, G_LIST_MODEL (self->shown), create_cycle_row, self,
                           NULL);
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_page), NULL);
  set_message (self, NULL);
  update_page (self);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_history_view_new (void)
{
  return g_object_new (PW_TYPE_HISTORY_VIEW, NULL);
}
