/* pw-dashboard.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard: the caseload at a glance, in cards.  How many children are
 * at each level (a bar chart in the level badges' colours), how many
 * reviews are overdue, due this week or later, how many children are
 * persistently or severely absent, and the level changes of each of the
 * last twelve months (a grouped bar chart: stepped up, stepped down, first
 * level).
 *
 * The counts take tens of milliseconds on a large caseload, so they are
 * read in a worker thread and shown when they arrive.  They are read when
 * the dashboard is shown, not when the store is unlocked, so that the
 * caseload list has the store to itself for its first page; and again
 * when the caseload changes a table they come from, or, while the
 * dashboard is off screen, when it is next shown.  A change that arrives
 * during a read starts one more read after it.  Without a caseload (the
 * store locked) every number is cleared.
 */

#define G_LOG_DOMAIN "pw-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-bar-chart.h"
#include "pw-child-format.h"
#include "pw-dashboard.h"

#define N_LEVELS 4

struct _PwDashboard
{
  AdwBin        parent_instance;

  PwCaseload   *caseload;
  GCancellable *cancellable;
  gboolean      loading;
  gboolean      reload_pending;
  gboolean      stale;

  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkLabel     *children_label;
  GtkLabel     *date_label;
  PwBarChart   *level_chart;
  GtkLabel     *no_level_label;
  GtkLabel     *overdue_label;
  GtkLabel     *this_week_label;
  GtkLabel     *later_label;
  GtkLabel     *unscheduled_label;
  GtkLabel     *persistent_label;
  GtkLabel     *persistent_share_label;
  GtkLabel     *severe_label;
  GtkLabel     *severe_share_label;
  GtkLabel     *movements_total_label;
  PwBarChart   *movement_chart;
};

G_DEFINE_FINAL_TYPE (PwDashboard, pw_dashboard, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASELOAD,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one read brings back, and the day it was read for. */
typedef struct
{
  PwCaseload      *caseload;
  char            *today;
  PwCaseloadStats  stats;
  PwReviewCounts   reviews;
  PwLevelMovement  months[PW_MOVEMENT_MONTHS];
} PwDashboardCounts;

/* The tables the counts are read from. */
static const char *const counted_tables[] = {
  "child", "cycle", "level_change", "attendance",
};

static const char *const level_colors[] = {
  "success_color", "accent_color", "warning_color", "error_color", NULL,
};

static const char *const movement_colors[] = {
  "warning_color", "success_color", "accent_color", NULL,
};

static void pw_dashboard_reload (PwDashboard *self);

/* Helpers ---------------------------------------------------------------------- */

static void
counts_free (gpointer data)
{
  PwDashboardCounts *counts = data;

  g_clear_object (&counts->caseload);
  g_free (counts->today);
  g_free (counts);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%'u", count);

  gtk_label_set_label (label, text);
}

/* @part of @whole, in per cent with one decimal: "16.6% of children". */
static void
set_share (GtkLabel *label,
           guint     part,
           guint     whole)
{
  g_autofree char *text = NULL;
  double percent = whole > 0 ? 100.0 * part / whole : 0;

  /* TRANSLATORS: a share of the active children, such as "16.6% of children" */
  text = g_strdup_printf (_("%.1f%% of children"), percent);
  gtk_label_set_label (label, text);
}

static GDateTime *
month_start (const PwLevelMovement *month)
{
  return g_date_time_new_utc (month->year, month->month, 1, 0, 0, 0);
}

static void
set_loading (PwDashboard *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Showing the counts ----------------------------------------------------------- */

static void
show_summary (PwDashboard             *self,
              const PwDashboardCounts *counts)
{
  guint children = counts->stats.children;
  g_autofree char *text = NULL;
  g_autofree char *date = pw_format_date (counts->today, TRUE);
  g_autofree char *date_text = NULL;

  /* TRANSLATORS: %'u is a number with thousands separators, such as "2,345" */
  text = g_strdup_printf (g_dngettext (NULL, "%'u child on the caseload",
                                       "%'u children on the caseload", children), children);
  gtk_label_set_label (self->children_label, text);

  /* TRANSLATORS: %s is today's date, such as "23 November 2026" */
  date_text = g_strdup_printf (_("Counts for %s"), date != NULL ? date : counts->today);
  gtk_label_set_label (self->date_label, date_text);
}

static char *
describe_levels (const PwCaseloadStats *stats)
{
  GString *text = g_string_new (NULL);

  for (int level = 1; level <= N_LEVELS; level++)
    {
      guint n = stats->by_level[level];

      if (level > 1)
        g_string_append (text, ", ");
      /* TRANSLATORS: one bar of the chart of the caseload by level, read
       * out by a screen reader: "Level 1: 120 children" */
      g_string_append_printf (text, g_dngettext (NULL, "Level %d: %'u child",
                                                 "Level %d: %'u children", n), level, n);
    }
  if (stats->by_level[0] > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (NULL, "no level recorded: %'u child",
                                                 "no level recorded: %'u children",
                                                 stats->by_level[0]), stats->by_level[0]);
    }
  return g_string_free (text, FALSE);
}

static void
show_levels (PwDashboard             *self,
             const PwDashboardCounts *counts)
{
  const PwCaseloadStats *stats = &counts->stats;
  g_autofree char *description = describe_levels (stats);
  g_autofree char *none = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  for (int level = 1; level <= N_LEVELS; level++)
    {
      g_autofree char *name = pw_format_level (level);
      g_autofree char *label = g_strdup_printf ("%s\n%s", name, pw_level_name (level));

      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);
  pw_bar_chart_set_data (self->level_chart, (const char * const *) labels, &stats->by_level[1]);
  pw_bar_chart_set_description (self->level_chart, description);

  none = g_strdup_printf (g_dngettext (NULL, "%'u child has no level recorded",
                                       "%'u children have no level recorded",
                                       stats->by_level[0]), stats->by_level[0]);
  gtk_label_set_label (self->no_level_label, none);
  gtk_widget_set_visible (GTK_WIDGET (self->no_level_label), stats->by_level[0] > 0);
}

static void
show_reviews (PwDashboard             *self,
              const PwDashboardCounts *counts)
{
  const PwReviewCounts *reviews = &counts->reviews;
  g_autofree char *unscheduled = NULL;

  set_count (self->overdue_label, reviews->overdue);
  set_count (self->this_week_label, reviews->this_week);
  set_count (self->later_label, reviews->later);

  /* Colour says "act on this" only when there is something to act on. */
  if (reviews->overdue > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->overdue_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overdue_label), "error");
  if (reviews->this_week > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->this_week_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->this_week_label), "warning");

  unscheduled = g_strdup_printf (g_dngettext (NULL, "%'u child has no review date",
                                              "%'u children have no review date",
                                              reviews->unscheduled), reviews->unscheduled);
  gtk_label_set_label (self->unscheduled_label, unscheduled);
}

static void
show_absence (PwDashboard             *self,
              const PwDashboardCounts *counts)
{
  const PwCaseloadStats *stats = &counts->stats;

  set_count (self->persistent_label, stats->persistent_absence);
  set_count (self->severe_label, stats->severe_absence);
  set_share (self->persistent_share_label, stats->persistent_absence, stats->children);
  set_share (self->severe_share_label, stats->severe_absence, stats->children);
}

/* "Dec", with the year under it for the first month and each January. */
static char *
month_label (const PwLevelMovement *month,
             gboolean               first)
{
  g_autoptr(GDateTime) date = month_start (month);

  /* TRANSLATORS: a month under a bar of the chart; the second has the
   * year on a line of its own (see g_date_time_format()) */
  return g_date_time_format (date, first || month->month == 1 ? C_("chart month", "%b\n%Y")
                                                              : C_("chart month", "%b"));
}

static char *
describe_movements (const PwLevelMovement months[PW_MOVEMENT_MONTHS])
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    {
      g_autoptr(GDateTime) date = month_start (&months[i]);
      /* TRANSLATORS: a month and year, such as "December 2025" */
      g_autofree char *name = g_date_time_format (date, C_("chart month", "%B %Y"));

      if (i > 0)
        g_string_append (text, "; ");
      /* TRANSLATORS: one month of the chart of level changes, read out by a
       * screen reader: "December 2025: stepped up 3, stepped down 1, first level 12" */
      g_string_append_printf (text, _("%s: stepped up %'u, stepped down %'u, first level %'u"),
                              name, months[i].up, months[i].down, months[i].first);
    }
  return g_string_free (text, FALSE);
}

static void
show_movement_totals (PwDashboard           *self,
                      const PwLevelMovement  months[PW_MOVEMENT_MONTHS])
{
  guint up = 0, down = 0, first = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    {
      up += months[i].up;
      down += months[i].down;
      first += months[i].first;
    }
  /* TRANSLATORS: totals of the level changes of the last 12 months */
  text = g_strdup_printf (_("%'u stepped up, %'u stepped down and %'u given a first level"),
                          up, down, first);
  gtk_label_set_label (self->movements_total_label, text);
}

static void
show_movements (PwDashboard             *self,
                const PwDashboardCounts *counts)
{
  g_autofree char *description = describe_movements (counts->months);
  char *labels[PW_MOVEMENT_MONTHS + 1] = { NULL };
  guint values[PW_MOVEMENT_MONTHS * 3];

  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    {
      labels[i] = month_label (&counts->months[i], i == 0);
      values[3 * i] = counts->months[i].up;
      values[3 * i + 1] = counts->months[i].down;
      values[3 * i + 2] = counts->months[i].first;
    }
  pw_bar_chart_set_data (self->movement_chart, (const char * const *) labels, values);
  pw_bar_chart_set_description (self->movement_chart, description);
  show_movement_totals (self, counts->months);

  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    g_free (labels[i]);
}

static void
pw_dashboard_show_counts (PwDashboard             *self,
                          const PwDashboardCounts *counts)
{
  if (counts->stats.children == 0 && counts->stats.archived == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_summary (self, counts);
  show_levels (self, counts);
  show_reviews (self, counts);
  show_absence (self, counts);
  show_movements (self, counts);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

/* Nothing of the last store stays on screen, nor in the widgets. */
static void
pw_dashboard_clear (PwDashboard *self)
{
  GtkLabel *labels[] = {
    self->children_label, self->date_label, self->no_level_label, self->overdue_label,
    self->this_week_label, self->later_label, self->unscheduled_label, self->persistent_label,
    self->persistent_share_label, self->severe_label, self->severe_share_label,
    self->movements_total_label,
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    gtk_label_set_label (labels[i], "");
  pw_bar_chart_clear (self->level_chart);
  pw_bar_chart_clear (self->movement_chart);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Reading the counts ----------------------------------------------------------- */

static void
read_counts_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PwDashboardCounts *counts = task_data;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!pw_caseload_get_stats (counts->caseload, &counts->stats, &error) ||
      !pw_caseload_get_review_counts (counts->caseload, counts->today, &counts->reviews, &error) ||
      !pw_caseload_get_level_movements (counts->caseload, counts->today, counts->months, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Read the dashboard's counts in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_boolean (task, TRUE);
}

static void
on_counts_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PwDashboard *self = PW_DASHBOARD (object);
  PwDashboardCounts *counts = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The worker is done with the caseload; let go of it here, so that it is
   * never finalized in the worker thread. */
  g_clear_object (&counts->caseload);

  /* A cancelled read belongs to a caseload the dashboard has let go of. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (error != NULL)
    g_warning ("Could not read the dashboard's counts: %s", error->message);
  else
    pw_dashboard_show_counts (self, counts);

  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      pw_dashboard_reload (self);
    }
}

static void
pw_dashboard_read_counts (PwDashboard *self)
{
  g_autoptr(GTask) task = NULL;
  PwDashboardCounts *counts = g_new0 (PwDashboardCounts, 1);

  counts->caseload = g_object_ref (self->caseload);
  counts->today = pw_today ();

  task = g_task_new (self, self->cancellable, on_counts_read_cb, NULL);
  g_task_set_source_tag (task, pw_dashboard_read_counts);
  g_task_set_task_data (task, counts, counts_free);
  set_loading (self, TRUE);
  self->stale = FALSE;
  g_task_run_in_thread (task, read_counts_thread);
}

/* Reads the counts now if they can be seen, otherwise when the dashboard
 * is next shown. */
static void
pw_dashboard_reload (PwDashboard *self)
{
  if (self->caseload == NULL)
    return;

  if (self->loading)
    self->reload_pending = TRUE;
  else if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    pw_dashboard_read_counts (self);
}

static void
on_caseload_changed_cb (PwDashboard *self,
                        const char  *table,
                        gint64       child_id,
                        PwCaseload  *caseload)
{
  gboolean counted = table == NULL;

  for (guint i = 0; !counted && i < G_N_ELEMENTS (counted_tables); i++)
    counted = g_str_equal (table, counted_tables[i]);
  if (counted)
    pw_dashboard_reload (self);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_dashboard_map (GtkWidget *widget)
{
  PwDashboard *self = PW_DASHBOARD (widget);

  GTK_WIDGET_CLASS (pw_dashboard_parent_class)->map (widget);

  if (self->stale)
    pw_dashboard_reload (self);
}

static void
pw_dashboard_dispose (GObject *object)
{
  PwDashboard *self = PW_DASHBOARD (object);

  g_cancellable_cancel (self->cancellable);
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_clear_object (&self->caseload);
  g_clear_object (&self->cancellable);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DASHBOARD);

  G_OBJECT_CLASS (pw_dashboard_parent_class)->dispose (object);
}

static void
pw_dashboard_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwDashboard *self = PW_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, self->caseload);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dashboard_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwDashboard *self = PW_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      pw_dashboard_set_caseload (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dashboard_class_init (PwDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_dashboard_dispose;
  object_class->get_property = pw_dashboard_get_property;
  object_class->set_property = pw_dashboard_set_property;

  widget_class->map = pw_dashboard_map;

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, children_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, date_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, level_chart);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, no_level_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, this_week_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, later_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, unscheduled_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, persistent_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, persistent_share_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, severe_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, severe_share_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, movements_total_label);
  gtk_widget_class_bind_template_child (widget_class, PwDashboard, movement_chart);
}

static void
pw_dashboard_init (PwDashboard *self)
{
  const char *movement_series[] = {
    _("Stepped up"), _("Stepped down"), _("First level"), NULL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  pw_bar_chart_set_bar_colors (self->level_chart, level_colors);
  pw_bar_chart_set_series (self->movement_chart, movement_series, movement_colors);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_dashboard_new (void)
{
  return g_object_new (PW_TYPE_DASHBOARD, NULL);
}

/**
 * pw_dashboard_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload counted
 */
PwCaseload *
pw_dashboard_get_caseload (PwDashboard *self)
{
  g_return_val_if_fail (PW_IS_DASHBOARD (self), NULL);

  return self->caseload;
}

/**
 * pw_dashboard_set_caseload:
 * @caseload: (nullable): the caseload to count, or %NULL to show nothing
 *
 * Counts @caseload, and counts it again whenever it changes.
 */
void
pw_dashboard_set_caseload (PwDashboard *self,
                           PwCaseload  *caseload)
{
  g_return_if_fail (PW_IS_DASHBOARD (self));
  g_return_if_fail (caseload == NULL || PW_IS_CASELOAD (caseload));

  if (self->caseload == caseload)
    return;

  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->caseload, caseload);
  self->reload_pending = FALSE;
  self->stale = FALSE;
  set_loading (self, FALSE);
  pw_dashboard_clear (self);

  if (caseload != NULL)
    {
      g_signal_connect_object (caseload, "changed", G_CALLBACK (on_caseload_changed_cb), self,
                               G_CONNECT_SWAPPED);
      pw_dashboard_reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASELOAD]);
}

/**
 * pw_dashboard_get_loading:
 *
 * Returns: whether the counts are being read
 */
gboolean
pw_dashboard_get_loading (PwDashboard *self)
{
  g_return_val_if_fail (PW_IS_DASHBOARD (self), FALSE);

  return self->loading;
}
