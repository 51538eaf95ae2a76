/* test-dashboard.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard over a real store of 300 demo children: the numbers it
 * shows are the caseload's counts, each chart states its data in words to
 * assistive technologies and is drawn with real bars and labels, a change
 * to the caseload shows without reopening anything, and nothing stays on
 * screen when the caseload goes.  In the window, Ctrl+1 and Ctrl+2 switch
 * between the caseload and the dashboard, and locking hides both.
 */

#define G_LOG_DOMAIN "test-dashboard"

#include "config.h"

#include <string.h>

#include "pw-bar-chart.h"
#include "pw-dashboard.h"
#include "pw-demo.h"
#include "pw-ui-test-util.h"
#include "pw-window.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 300

/* One filled store serves every test; filling it is the slow part. */
static PwStore *shared_store;

typedef struct
{
  GtkWindow   *window;
  PwDashboard *dashboard;
  PwCaseload  *caseload;
} Fixture;

static PwStore *
filled_store (void)
{
  if (shared_store == NULL)
    shared_store = pw_ui_test_demo_store (N_CHILDREN);
  return shared_store;
}

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->dashboard), id);

  g_assert_nonnull (widget);

  return widget;
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (f, "stack")));
}

static void
wait_loaded (Fixture *f)
{
  PW_UI_TEST_WAIT_FOR (!pw_dashboard_get_loading (f->dashboard) &&
                       g_strcmp0 (visible_page (f), "loading") != 0);
  pw_ui_test_drain ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pw_set_today (TODAY);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 900);
  f->dashboard = PW_DASHBOARD (pw_dashboard_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->dashboard));
  gtk_window_present (f->window);
  pw_ui_test_wait_mapped (GTK_WIDGET (f->dashboard));

  f->caseload = pw_caseload_new (filled_store (), &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (f->caseload, "Test");
  pw_dashboard_set_caseload (f->dashboard, f->caseload);
  wait_loaded (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (f->window);
  pw_ui_test_drain ();
  g_assert_finalize_object (f->caseload);
  pw_set_today (NULL);
}

/* Reading the dashboard -------------------------------------------------------- */

static const char *
text_of (Fixture    *f,
         const char *id)
{
  return gtk_label_get_label (GTK_LABEL (find (f, id)));
}

static void
assert_count (Fixture    *f,
              const char *id,
              guint       count)
{
  g_autofree char *expected = g_strdup_printf ("%'u", count);

  g_assert_cmpstr (text_of (f, id), ==, expected);
}

static PwBarChart *
chart (Fixture    *f,
       const char *id)
{
  return PW_BAR_CHART (find (f, id));
}

static PwCaseloadStats
stats (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PwCaseloadStats s;

  g_assert_true (pw_caseload_get_stats (f->caseload, &s, &error));
  g_assert_no_error (error);

  return s;
}

static PwReviewCounts
reviews (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PwReviewCounts counts;

  g_assert_true (pw_caseload_get_review_counts (f->caseload, TODAY, &counts, &error));
  g_assert_no_error (error);

  return counts;
}

static void
movements (Fixture         *f,
           PwLevelMovement  months[PW_MOVEMENT_MONTHS])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_get_level_movements (f->caseload, TODAY, months, &error));
  g_assert_no_error (error);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text, needle);
}

/* The render nodes of colour (bars, lines) and of text under @node. */
static void
count_nodes (GskRenderNode *node,
             guint         *colors,
             guint         *texts)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), colors, texts);
      break;
    case GSK_TRANSFORM_NODE:
      count_nodes (gsk_transform_node_get_child (node), colors, texts);
      break;
    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), colors, texts);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), colors, texts);
      break;
    case GSK_COLOR_NODE:
      (*colors)++;
      break;
    case GSK_TEXT_NODE:
      (*texts)++;
      break;
    default:
      break;
    }
}

/* What @widget looks like now, through a GtkWidgetPaintable. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  return gtk_snapshot_free_to_node (snapshot);
}

/* How many pixels of @texture are @color, give or take a little. */
static guint
count_pixels (GdkTexture    *texture,
              const GdkRGBA *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc (width * height * 4);
  guint count = 0;

  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory, premultiplied. */
  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      const guchar *p = data + 4 * i;

      if (p[3] > 250 && ABS (p[2] - color->red * 255) < 3 &&
          ABS (p[1] - color->green * 255) < 3 && ABS (p[0] - color->blue * 255) < 3)
        count++;
    }

  return count;
}

static GdkTexture *
render (GtkWidget     *widget,
        GskRenderNode *node)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

static PwRecord *
add_child (Fixture *f)
{
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);
  g_autoptr(GError) error = NULL;

  pw_record_set_text (child, "legal-given-name", "Newcomer");
  pw_record_set_text (child, "legal-family-name", "Dashboard");
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  g_assert_true (pw_caseload_save (f->caseload, child, &error));
  g_assert_no_error (error);

  return child;
}

static void
change_level (Fixture  *f,
              PwRecord *child,
              gint64    to)
{
  g_autoptr(PwRecord) change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  g_autoptr(GError) error = NULL;

  pw_record_set_int (change, "child-id", pw_record_get_id (child));
  pw_record_set_text (change, "date", TODAY);
  pw_record_set_int (change, "to-level", to);
  pw_record_set_text (change, "reason", "Agreed at the TAF meeting");
  pw_record_set_text (change, "route", "initial");
  pw_record_set_text (change, "decided-by", "TAF meeting");
  g_assert_true (pw_caseload_save (f->caseload, change, &error));
  g_assert_no_error (error);
}

/* Tests ------------------------------------------------------------------------ */

static void
test_numbers_match_stats (Fixture       *f,
                          gconstpointer  data)
{
  PwCaseloadStats s = stats (f);
  PwReviewCounts r = reviews (f);
  PwBarChart *levels = chart (f, "level_chart");
  g_autofree char *children = g_strdup_printf ("%'u children on the caseload", s.children);
  g_autofree char *persistent = g_strdup_printf ("%.1f%% of children",
                                                 100.0 * s.persistent_absence / s.children);

  g_assert_cmpstr (visible_page (f), ==, "dashboard");
  g_assert_cmpstr (text_of (f, "children_label"), ==, children);
  g_assert_cmpstr (text_of (f, "date_label"), ==, "Counts for 23 November 2026");

  /* Demo children all have a level: the bars hold every child. */
  g_assert_cmpuint (pw_bar_chart_get_n_categories (levels), ==, 4);
  for (guint level = 1; level <= 4; level++)
    g_assert_cmpuint (pw_bar_chart_get_value (levels, level - 1, 0), ==, s.by_level[level]);
  g_assert_cmpuint (s.by_level[0], ==, 0);
  g_assert_false (gtk_widget_get_visible (find (f, "no_level_label")));

  assert_count (f, "overdue_label", s.overdue_reviews);
  assert_count (f, "overdue_label", r.overdue);
  assert_count (f, "this_week_label", r.this_week);
  assert_count (f, "later_label", r.later);
  g_assert_cmpuint (r.overdue + r.this_week + r.later + r.unscheduled, ==, s.children);
  g_assert_cmpuint (s.overdue_reviews, >, 0);
  g_assert_true (gtk_widget_has_css_class (find (f, "overdue_label"), "error"));

  assert_count (f, "persistent_label", s.persistent_absence);
  assert_count (f, "severe_label", s.severe_absence);
  g_assert_cmpstr (text_of (f, "persistent_share_label"), ==, persistent);
}

static void
test_movements_match (Fixture       *f,
                      gconstpointer  data)
{
  PwBarChart *moves = chart (f, "movement_chart");
  PwLevelMovement months[PW_MOVEMENT_MONTHS];
  guint up = 0, down = 0, first = 0, most = 0;
  g_autofree char *totals = NULL;

  movements (f, months);
  g_assert_cmpuint (pw_bar_chart_get_n_categories (moves), ==, PW_MOVEMENT_MONTHS);
  g_assert_cmpuint (pw_bar_chart_get_n_series (moves), ==, 3);
  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    {
      g_assert_cmpuint (pw_bar_chart_get_value (moves, i, 0), ==, months[i].up);
      g_assert_cmpuint (pw_bar_chart_get_value (moves, i, 1), ==, months[i].down);
      g_assert_cmpuint (pw_bar_chart_get_value (moves, i, 2), ==, months[i].first);
      up += months[i].up;
      down += months[i].down;
      first += months[i].first;
      most = MAX (most, MAX (months[i].up, MAX (months[i].down, months[i].first)));
    }
  g_assert_cmpuint (up + down + first, >, 0);
  g_assert_cmpuint (pw_bar_chart_get_axis_max (moves), >=, most);

  totals = g_strdup_printf ("%'u stepped up, %'u stepped down and %'u given a first level",
                            up, down, first);
  g_assert_cmpstr (text_of (f, "movements_total_label"), ==, totals);
}

static void
test_charts_described (Fixture       *f,
                       gconstpointer  data)
{
  PwCaseloadStats s = stats (f);
  PwBarChart *levels = chart (f, "level_chart");
  PwBarChart *moves = chart (f, "movement_chart");
  PwLevelMovement months[PW_MOVEMENT_MONTHS];

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (levels), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (moves), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (levels), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Children at each level");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (moves), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Level changes by month");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (levels),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       pw_bar_chart_get_description (levels));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (moves),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       pw_bar_chart_get_description (moves));

  /* The words state every bar. */
  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *words = g_strdup_printf ("Level %u: %'u children", level,
                                                s.by_level[level]);

      assert_contains (pw_bar_chart_get_description (levels), words);
    }

  movements (f, months);
  assert_contains (pw_bar_chart_get_description (moves), "December 2025: ");
  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (months[i].year, months[i].month, 1,
                                                      0, 0, 0);
      g_autofree char *name = g_date_time_format (date, "%B %Y");
      g_autofree char *words = g_strdup_printf ("%s: stepped up %'u, stepped down %'u, "
                                                "first level %'u", name, months[i].up,
                                                months[i].down, months[i].first);

      assert_contains (pw_bar_chart_get_description (moves), words);
    }

  /* The cards are groups named by their headings. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (find (f, "levels_card")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find (f, "levels_heading"), NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (find (f, "reviews_card")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find (f, "reviews_heading"), NULL);
}

static void
test_chart_drawn (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *levels = find (f, "level_chart");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint colors = 0, texts = 0;
  GdkRGBA level_1;
  GdkRGBA level_4;

  PW_UI_TEST_WAIT_FOR (gtk_widget_get_mapped (levels) && gtk_widget_get_width (levels) > 0);
  g_assert_cmpint (gtk_widget_get_width (levels), >, 100);
  g_assert_cmpint (gtk_widget_get_height (levels), >, 100);

  /* The paintable shows the widget once it has been drawn. */
  PW_UI_TEST_WAIT_FOR ((node = snapshot_widget (levels)) != NULL);

  /* Four bars and the gridlines; the values, the axis and the categories
   * as text. */
  count_nodes (node, &colors, &texts);
  g_assert_cmpuint (colors, >=, 4 + 2);
  g_assert_cmpuint (texts, >=, 4 + 4 + 2);

  /* Level 1's bar, the tallest, is in the colour of the Level 1 badge;
   * Level 4's too. */
  texture = render (levels, node);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (levels),
                                                 "success_color", &level_1));
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (levels),
                                                 "error_color", &level_4));
  g_assert_cmpuint (count_pixels (texture, &level_1), >, count_pixels (texture, &level_4));
  g_assert_cmpuint (count_pixels (texture, &level_4), >, 0);
}

static void
test_updates_on_change (Fixture       *f,
                        gconstpointer  data)
{
  PwCaseloadStats before = stats (f);
  PwBarChart *levels = chart (f, "level_chart");
  PwBarChart *moves = chart (f, "movement_chart");
  guint first_this_month = pw_bar_chart_get_value (moves, PW_MOVEMENT_MONTHS - 1, 2);
  g_autofree char *children = g_strdup_printf ("%'u children on the caseload",
                                               before.children + 1);
  g_autoptr(PwRecord) child = NULL;

  /* A new child has no level yet. */
  child = add_child (f);
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (text_of (f, "children_label"), children) == 0);
  wait_loaded (f);
  g_assert_true (gtk_widget_get_visible (find (f, "no_level_label")));
  g_assert_cmpstr (text_of (f, "no_level_label"), ==, "1 child has no level recorded");
  assert_contains (pw_bar_chart_get_description (levels), "no level recorded: 1 child");

  /* Their first level shows in the Level 2 bar, this month's first
   * levels and the words. */
  change_level (f, child, 2);
  PW_UI_TEST_WAIT_FOR (pw_bar_chart_get_value (levels, 1, 0) == before.by_level[2] + 1);
  wait_loaded (f);
  g_assert_cmpuint (pw_bar_chart_get_value (moves, PW_MOVEMENT_MONTHS - 1, 2),
                    ==, first_this_month + 1);
  g_assert_false (gtk_widget_get_visible (find (f, "no_level_label")));
  {
    g_autofree char *words = g_strdup_printf ("Level 2: %'u children", before.by_level[2] + 1);

    assert_contains (pw_bar_chart_get_description (levels), words);
  }

  /* Leaving: archived, the child is off the counts again. */
  g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), TRUE, NULL));
  PW_UI_TEST_WAIT_FOR (pw_bar_chart_get_value (levels, 1, 0) == before.by_level[2]);
  wait_loaded (f);
  g_assert_cmpuint (stats (f).children, ==, before.children);
}

static void
test_cleared_without_caseload (Fixture       *f,
                               gconstpointer  data)
{
  const char *labels[] = {
    "children_label", "overdue_label", "this_week_label", "later_label", "persistent_label",
    "severe_label", "movements_total_label",
  };

  pw_dashboard_set_caseload (f->dashboard, NULL);
  pw_ui_test_drain ();

  g_assert_null (pw_dashboard_get_caseload (f->dashboard));
  g_assert_cmpstr (visible_page (f), ==, "loading");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_cmpstr (text_of (f, labels[i]), ==, "");
  g_assert_cmpuint (pw_bar_chart_get_n_categories (chart (f, "level_chart")), ==, 0);
  g_assert_cmpuint (pw_bar_chart_get_n_categories (chart (f, "movement_chart")), ==, 0);
  g_assert_null (pw_bar_chart_get_description (chart (f, "level_chart")));

  /* Given the caseload again, it counts it again. */
  pw_dashboard_set_caseload (f->dashboard, f->caseload);
  wait_loaded (f);
  g_assert_cmpstr (visible_page (f), ==, "dashboard");
  assert_count (f, "overdue_label", stats (f).overdue_reviews);
}

static void
test_empty_store (void)
{
  g_autofree char *path = pw_ui_test_new_path ("empty.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  g_autoptr(GError) error = NULL;
  Fixture f = { NULL };

  f.window = GTK_WINDOW (gtk_window_new ());
  f.dashboard = PW_DASHBOARD (pw_dashboard_new ());
  gtk_window_set_child (f.window, GTK_WIDGET (f.dashboard));
  gtk_window_present (f.window);
  f.caseload = pw_caseload_new (store, &error);
  g_assert_no_error (error);

  pw_dashboard_set_caseload (f.dashboard, f.caseload);
  wait_loaded (&f);
  g_assert_cmpstr (visible_page (&f), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (find (&f, "empty_page"))),
                   ==, "No children yet");

  pw_ui_test_destroy_window (f.window);
  g_assert_finalize_object (f.caseload);
}

/* The window ------------------------------------------------------------------- */

static const char *
visible_view (PwWindow *window)
{
  GtkWidget *stack = pw_ui_test_find (GTK_WIDGET (window), "view_stack");

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* Finds @widget's own shortcut from @trigger (such as "<Control>2") and
 * runs it as a key press would, with its arguments. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (shortcut_trigger);

          if (g_strcmp0 (text, trigger) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
test_window_views (void)
{
  g_autofree char *path = pw_ui_test_new_path ("views.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  PwWindow *window;
  PwDashboard *dashboard;
  GtkWidget *title;

  pw_ui_test_reset_settings ();
  window = g_object_new (PW_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pw_ui_test_wait_mapped (GTK_WIDGET (window));
  dashboard = PW_DASHBOARD (pw_ui_test_find (GTK_WIDGET (window), "dashboard"));
  title = pw_ui_test_find (GTK_WIDGET (window), "switcher_title");

  /* Without a store there are no views to switch. */
  g_assert_false (gtk_widget_get_mapped (title));
  g_assert_false (press_shortcut (GTK_WIDGET (window), "<Control>2"));
  g_assert_cmpstr (visible_view (window), ==, "caseload");

  pw_window_set_store (window, store);
  pw_ui_test_drain ();
  g_assert_true (gtk_widget_get_mapped (title));
  g_assert_cmpstr (visible_view (window), ==, "caseload");
  g_assert_nonnull (pw_dashboard_get_caseload (dashboard));

  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (window), "<Control>1", "win.show-view"));
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (window), "<Control>2", "win.show-view"));
  g_assert_true (press_shortcut (GTK_WIDGET (window), "<Control>2"));
  pw_ui_test_drain ();
  g_assert_cmpstr (visible_view (window), ==, "dashboard");
  pw_ui_test_wait_mapped (GTK_WIDGET (dashboard));
  PW_UI_TEST_WAIT_FOR (!pw_dashboard_get_loading (dashboard));

  g_assert_true (press_shortcut (GTK_WIDGET (window), "<Control>1"));
  pw_ui_test_drain ();
  g_assert_cmpstr (visible_view (window), ==, "caseload");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (dashboard)));

  /* Locking hides both views and lets go of the counts. */
  press_shortcut (GTK_WIDGET (window), "<Control>2");
  pw_window_lock (window);
  pw_ui_test_drain ();
  g_assert_null (pw_dashboard_get_caseload (dashboard));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pw_ui_test_find (GTK_WIDGET (dashboard),
                                                                    "children_label"))), ==, "");
  g_assert_false (gtk_widget_get_mapped (title));
  PW_UI_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (dashboard)));
  g_assert_false (press_shortcut (GTK_WIDGET (window), "<Control>1"));
  g_assert_cmpstr (visible_view (window), ==, "dashboard");

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

#define ADD(path, func) \
  g_test_add ("/pw/dashboard/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("numbers-match-stats", test_numbers_match_stats);
  ADD ("movements-match", test_movements_match);
  ADD ("charts-described", test_charts_described);
  ADD ("chart-drawn", test_chart_drawn);
  ADD ("updates-on-change", test_updates_on_change);
  ADD ("cleared-without-caseload", test_cleared_without_caseload);
  g_test_add_func ("/pw/dashboard/empty-store", test_empty_store);
  g_test_add_func ("/pw/dashboard/window-views", test_window_views);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);

  return status;
}
