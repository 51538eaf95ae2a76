/* test-caseload-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The caseload page over a real store of 300 demo children: what the count
 * says, what the search, the chips and the sort leave in the list, what the
 * child pane shows, and that locking takes every child off the screen.
 */

#define G_LOG_DOMAIN "test-caseload-page"

#include "config.h"

#include <string.h>

#include "pw-caseload-page.h"
#include "pw-child-format.h"
#include "pw-child-list.h"
#include "pw-child-overview.h"
#include "pw-child-row.h"
#include "pw-child-slots.h"
#include "pw-demo.h"
#include "pw-level-badge.h"
#include "pw-summary-print.h"
#include "pw-ui-test-util.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 300

/* One filled store serves every test; filling it is the slow part. */
static PwStore *shared_store;
static PwCaseloadStats shared_stats;

typedef struct
{
  GtkWindow      *window;
  PwCaseloadPage *page;
} Fixture;

static PwStore *
filled_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *path = NULL;

  if (shared_store != NULL)
    return shared_store;

  path = pw_ui_test_new_path ("demo.pathway");
  shared_store = pw_ui_test_create_store (path, NULL);
  caseload = pw_caseload_new (shared_store, &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (caseload, "Test");
  pw_demo_fill (caseload, N_CHILDREN, 1, &error);
  g_assert_no_error (error);
  pw_caseload_get_stats (caseload, &shared_stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shared_stats.children, >, 0);

  return shared_store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  int width = GPOINTER_TO_INT (data) != 0 ? GPOINTER_TO_INT (data) : 1100;

  pw_set_today (TODAY);
  f->page = pw_ui_test_present_caseload_page (&f->window, width, filled_store ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (f->window);
  pw_set_today (NULL);
}

/* Reading the page ------------------------------------------------------------- */

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->page), id);

  g_assert_nonnull (widget);

  return widget;
}

static GListModel *
list (Fixture *f)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (find (f, "list_view")));
  GListModel *slots = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

  return slots != NULL ? pw_child_slots_get_children (PW_CHILD_SLOTS (slots)) : NULL;
}

static PwChild *
child_at (Fixture *f,
          guint    position)
{
  PwChild *child = g_list_model_get_item (list (f), position);

  g_assert_nonnull (child);
  g_object_unref (child);  /* the list keeps its page of children */

  return child;
}

static const char *
count_text (Fixture *f)
{
  return gtk_label_get_label (GTK_LABEL (find (f, "count_label")));
}

static void
assert_count (Fixture *f,
              guint    n)
{
  g_autofree char *expected = g_strdup_printf (n == 1 ? "%u child" : "%u children", n);

  g_assert_cmpuint (g_list_model_get_n_items (list (f)), ==, n);
  g_assert_cmpstr (count_text (f), ==, expected);
}

static const char *
text_of (GtkWidget  *root,
         const char *id)
{
  GtkWidget *label = pw_ui_test_find (root, id);

  g_assert_true (GTK_IS_LABEL (label));

  return gtk_label_get_label (GTK_LABEL (label));
}

static int
row_top (GtkWidget *row)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (row, gtk_widget_get_parent (gtk_widget_get_parent (row)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return (int) point.y;
}

static int
compare_row_tops (gconstpointer a,
                  gconstpointer b)
{
  return row_top (*(GtkWidget **) a) - row_top (*(GtkWidget **) b);
}

/* The rows the list view shows now, from the top, with a child bound. */
static GPtrArray *
shown_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *view = find (f, "list_view");

  pw_ui_test_drain ();
  for (GtkWidget *item = gtk_widget_get_first_child (view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = pw_ui_test_find_type (item, PW_TYPE_CHILD_ROW);

      if (row != NULL && gtk_widget_get_mapped (row) &&
          pw_child_row_get_record (PW_CHILD_ROW (row)) != NULL)
        g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_row_tops);

  return rows;
}

/* The rows on screen follow the list from its top. */
static void
assert_rows_follow_list (Fixture *f)
{
  g_autoptr(GPtrArray) rows = shown_rows (f);

  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      PwChildRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = pw_child_dup_display_name (child_at (f, i));

      g_assert_true (pw_child_row_get_record (row) == child_at (f, i));
      g_assert_cmpstr (text_of (GTK_WIDGET (row), "name_label"), ==, name);
    }
}

static GtkWidget *
first_shown_row (Fixture *f)
{
  g_autoptr(GPtrArray) rows = shown_rows (f);

  g_assert_cmpuint (rows->len, >, 0);

  return g_ptr_array_index (rows, 0);
}

static void
type_search (Fixture    *f,
             const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (find (f, "search_entry"));
  PwChildList *child_list = PW_CHILD_LIST (list (f));

  gtk_editable_set_text (entry, text);
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (pw_child_list_get_search_text (child_list), text) == 0);
  pw_ui_test_drain ();
}

static void
click (Fixture    *f,
       const char *id)
{
  g_signal_emit_by_name (find (f, id), "clicked");
  pw_ui_test_drain ();
}

static gboolean
is_shown (Fixture    *f,
          const char *id)
{
  return gtk_widget_get_mapped (find (f, id));
}

/* Tests ------------------------------------------------------------------------ */

static void
test_count_matches_stats (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_nonnull (pw_caseload_page_get_caseload (f->page));
  assert_count (f, shared_stats.children);
  g_assert_true (is_shown (f, "list_view"));
  g_assert_false (is_shown (f, "empty_page"));
  g_assert_false (is_shown (f, "no_matches_page"));
  assert_rows_follow_list (f);

  /* Nothing is selected yet, so the child pane asks for a choice. */
  g_assert_true (is_shown (f, "select_page"));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (find (f, "select_page"))),
                   ==, "Select a child");
}

static void
test_controls_labelled (Fixture       *f,
                        gconstpointer  data)
{
  const char *chips[] = {
    "level_1_chip", "level_2_chip", "level_3_chip", "level_4_chip",
    "overdue_chip", "due_soon_chip", "mine_chip", "archived_chip",
  };
  GtkWidget *row = first_shown_row (f);
  g_autofree char *placeholder = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *year = pw_ui_test_find (row, "year_label");
  PwLevelBadge *badge = PW_LEVEL_BADGE (pw_ui_test_find_type (row, PW_TYPE_LEVEL_BADGE));

  g_object_get (find (f, "search_entry"), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Search names and UPNs");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find (f, "search_entry")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search children");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find (f, "list_view")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Children");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (find (f, "sort_dropdown")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       find (f, "sort_label"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    {
      GtkWidget *chip = find (f, chips[i]);

      g_assert_nonnull (gtk_button_get_label (GTK_BUTTON (chip)));
      g_assert_nonnull (gtk_widget_get_tooltip_text (chip));
    }

  /* A screen reader hears on the row what the row shows. */
  spoken = g_strdup_printf ("%s, %s, %s, %s", text_of (row, "name_label"),
                            gtk_widget_get_visible (year) ? gtk_label_get_label (GTK_LABEL (year))
                                                          : "no year group",
                            pw_level_badge_get_text (badge), text_of (row, "review_label"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *view = find (f, "list_view");
  g_autofree char *name = NULL;

  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (f->page), "<Control>f", "caseload.search"));

  gtk_widget_grab_focus (first_shown_row (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "caseload.search", NULL));
  g_assert_true (pw_ui_test_has_focus (find (f, "search_entry")));

  /* Enter on a row opens that child. */
  g_signal_emit_by_name (view, "activate", 3);
  pw_ui_test_drain ();
  name = pw_child_dup_display_name (child_at (f, 3));
  g_assert_cmpstr (text_of (find (f, "overview"), "name_label"), ==, name);
}

static void
test_search_surname (Fixture       *f,
                     gconstpointer  data)
{
  const char *surname = pw_record_get_text (PW_RECORD (child_at (f, 0)), "legal-family-name");
  g_autofree char *wanted = g_strdup (surname);
  guint n;

  type_search (f, wanted);
  n = g_list_model_get_n_items (list (f));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, shared_stats.children);
  assert_count (f, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (pw_record_get_text (PW_RECORD (child_at (f, i)), "legal-family-name"),
                     ==, wanted);
  assert_rows_follow_list (f);
  g_assert_true (g_str_has_suffix (text_of (first_shown_row (f), "name_label"), wanted));

  /* Clearing the search brings everyone back. */
  type_search (f, "");
  assert_count (f, shared_stats.children);
}

static void
assert_all_at_level (Fixture *f,
                     int      level)
{
  g_autofree char *badge_text = g_strdup_printf ("Level %d", level);
  g_autoptr(GPtrArray) rows = NULL;
  guint n = g_list_model_get_n_items (list (f));

  assert_count (f, shared_stats.by_level[level]);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (pw_record_get_int (PW_RECORD (child_at (f, i)), "current-level"), ==, level);

  rows = shown_rows (f);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *badge = pw_ui_test_find_type (g_ptr_array_index (rows, i), PW_TYPE_LEVEL_BADGE);

      g_assert_cmpstr (pw_level_badge_get_text (PW_LEVEL_BADGE (badge)), ==, badge_text);
    }
}

static gboolean
chip_active (Fixture    *f,
             const char *id)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find (f, id)));
}

static void
test_level_chips (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (shared_stats.by_level[3], >, 0);
  g_assert_cmpuint (shared_stats.by_level[4], >, 0);

  click (f, "level_3_chip");
  g_assert_true (chip_active (f, "level_3_chip"));
  assert_all_at_level (f, 3);

  /* The levels are one group: choosing another lets go of the first. */
  click (f, "level_4_chip");
  g_assert_false (chip_active (f, "level_3_chip"));
  g_assert_true (chip_active (f, "level_4_chip"));
  assert_all_at_level (f, 4);

  /* And the group can be all off again. */
  click (f, "level_4_chip");
  g_assert_false (chip_active (f, "level_4_chip"));
  assert_count (f, shared_stats.children);
}

static void
test_overdue_chip (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  click (f, "overdue_chip");
  n = g_list_model_get_n_items (list (f));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, shared_stats.children);
  assert_count (f, n);
  for (guint i = 0; i < n; i++)
    {
      const char *review = pw_record_get_text (PW_RECORD (child_at (f, i)), "next-review");

      g_assert_nonnull (review);
      g_assert_cmpstr (review, <, TODAY);
    }

  /* Each row says so in words and in the error colour. */
  rows = shown_rows (f);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *label = pw_ui_test_find (g_ptr_array_index (rows, i), "review_label");

      g_assert_true (g_str_has_suffix (gtk_label_get_label (GTK_LABEL (label)), " · overdue"));
      g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), "Review "));
      g_assert_true (gtk_widget_has_css_class (label, "error"));
    }

  /* Due soon and overdue exclude each other. */
  click (f, "due_soon_chip");
  g_assert_false (chip_active (f, "overdue_chip"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = shown_rows (f);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *label = pw_ui_test_find (g_ptr_array_index (rows, i), "review_label");

      g_assert_true (g_str_has_suffix (gtk_label_get_label (GTK_LABEL (label)), " · due soon"));
      g_assert_true (gtk_widget_has_css_class (label, "warning"));
    }
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkDropDown *sort = GTK_DROP_DOWN (find (f, "sort_dropdown"));
  g_autofree char *first_by_name = pw_child_dup_display_name (child_at (f, 0));
  guint n = g_list_model_get_n_items (list (f));
  gboolean seen_none = FALSE;

  gtk_drop_down_set_selected (sort, 2);
  pw_ui_test_drain ();
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (sort)),
                   ==, "Next review");
  assert_count (f, shared_stats.children);

  /* Soonest first, children without a review date last. */
  for (guint i = 1; i < n; i++)
    {
      const char *before = pw_record_get_text (PW_RECORD (child_at (f, i - 1)), "next-review");
      const char *review = pw_record_get_text (PW_RECORD (child_at (f, i)), "next-review");

      seen_none |= before == NULL;
      if (review != NULL)
        {
          g_assert_false (seen_none);
          g_assert_cmpstr (before, <=, review);
        }
    }
  assert_rows_follow_list (f);

  /* By level: highest first. */
  gtk_drop_down_set_selected (sort, 1);
  pw_ui_test_drain ();
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (pw_record_get_int (PW_RECORD (child_at (f, i - 1)), "current-level"), >=,
                     pw_record_get_int (PW_RECORD (child_at (f, i)), "current-level"));
  assert_rows_follow_list (f);
  g_assert_cmpint (pw_record_get_int (PW_RECORD (child_at (f, 0)), "current-level"), ==, 4);

  /* The list goes back to its top on the next frame. */
  gtk_drop_down_set_selected (sort, 0);
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (text_of (first_shown_row (f), "name_label"),
                                  first_by_name) == 0);
}

static void
count_notify (guint *n_notifies)
{
  (*n_notifies)++;
}

static PwChild *
selected_child (Fixture *f)
{
  GtkListView *view = GTK_LIST_VIEW (find (f, "list_view"));

  PwChildSlot *slot = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_list_view_get_model (view)));

  return slot != NULL ? pw_child_slot_get_child (slot) : NULL;
}

static void
test_select_shows_child (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *overview = find (f, "overview");
  PwChild *child = child_at (f, 5);
  g_autofree char *name = pw_child_dup_display_name (child);
  const char *upn = pw_record_get_text (PW_RECORD (child), "upn");
  guint n_notifies = 0;

  g_assert_true (gtk_widget_activate_action (find (f, "list_view"), "list.select-item", "(ubb)",
                                             5, FALSE, FALSE));
  pw_ui_test_drain ();

  g_assert_true (is_shown (f, "overview"));
  g_assert_false (is_shown (f, "select_page"));
  g_assert_true (pw_child_overview_get_record (PW_CHILD_OVERVIEW (overview)) == child);
  g_assert_cmpstr (text_of (overview, "name_label"), ==, name);
  g_assert_cmpstr (text_of (overview, "upn_value"), ==, upn != NULL ? upn : "Not recorded");
  g_assert_cmpstr (text_of (overview, "year_value"), ==,
                   pw_codes_label (PW_CODES_YEAR_GROUP,
                                   pw_record_get_text (PW_RECORD (child), "year-group")));
  g_assert_cmpstr (text_of (overview, "sen_value"), ==,
                   pw_codes_label (PW_CODES_SEN_PROVISION,
                                   pw_record_get_text (PW_RECORD (child), "sen-provision")));

  /* A search that still finds the child, or a new order, keeps them
   * shown, and the pane does not go blank on the way. */
  g_signal_connect_swapped (overview, "notify::record", G_CALLBACK (count_notify), &n_notifies);
  type_search (f, pw_record_get_text (PW_RECORD (child), "legal-family-name"));
  g_assert_cmpuint (g_list_model_get_n_items (list (f)), <, shared_stats.children);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (f, "sort_dropdown")), 1);
  pw_ui_test_drain ();
  g_assert_cmpuint (n_notifies, ==, 0);
  g_assert_true (is_shown (f, "overview"));
  g_assert_cmpstr (text_of (overview, "name_label"), ==, name);
  g_assert_cmpint (pw_record_get_id (PW_RECORD (selected_child (f))), ==,
                   pw_record_get_id (PW_RECORD (child)));
  g_signal_handlers_disconnect_by_data (overview, &n_notifies);

  /* Filtering the child out of the list empties the pane again. */
  type_search (f, "zzqxvw");
  g_assert_true (is_shown (f, "select_page"));
  g_assert_null (pw_child_overview_get_record (PW_CHILD_OVERVIEW (overview)));
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* What the print dialog prints is the case summary of the child shown;
 * printing to a file gives the same PDF a printer would get. */
static void
test_print_summary (Fixture       *f,
                    gconstpointer  data)
{
  PwChild *child = child_at (f, 5);
  g_autofree char *name = pw_child_dup_display_name (child);
  g_autofree char *path = pw_ui_test_new_path ("summary.pdf");
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  g_assert_false (gtk_widget_is_sensitive (find (f, "print_button")));
  g_assert_true (gtk_widget_activate_action (find (f, "list_view"), "list.select-item", "(ubb)",
                                             5, FALSE, FALSE));
  pw_ui_test_drain ();
  g_assert_true (gtk_widget_is_sensitive (find (f, "print_button")));

  operation = pw_summary_print_operation_new (pw_caseload_page_get_caseload (f->page),
                                              pw_record_get_id (PW_RECORD (child)), &error);
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, f->window,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, pw_record_get_text (PW_RECORD (child), "legal-family-name")));
  g_assert_nonnull (strstr (text, "Page 1 of"));
}

static void
test_search_nonsense (Fixture       *f,
                      gconstpointer  data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (find (f, "no_matches_page"));

  type_search (f, "zzqxvw");
  assert_count (f, 0);
  g_assert_true (is_shown (f, "no_matches_page"));
  g_assert_false (is_shown (f, "list_view"));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No matching children");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Try a different search or filter");

  /* The search and the filters stay, to be changed. */
  g_assert_true (is_shown (f, "search_entry"));
  g_assert_true (is_shown (f, "level_1_chip"));
}

static void
test_lock_empties_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PwStore *store = filled_store ();
  GtkWidget *overview = find (f, "overview");
  g_autofree char *surname = g_strdup (pw_record_get_text (PW_RECORD (child_at (f, 0)),
                                                           "legal-family-name"));

  type_search (f, surname);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (
                                       GTK_LIST_VIEW (find (f, "list_view")))), 0);
  pw_ui_test_drain ();
  g_assert_nonnull (pw_child_overview_get_record (PW_CHILD_OVERVIEW (overview)));

  pw_store_lock (store);
  pw_ui_test_drain ();

  /* No child, name or search is left anywhere on the page. */
  g_assert_null (pw_caseload_page_get_caseload (f->page));
  g_assert_null (list (f));
  g_assert_null (pw_child_overview_get_record (PW_CHILD_OVERVIEW (overview)));
  g_assert_cmpstr (text_of (overview, "name_label"), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (f, "search_entry"))), ==, "");
  g_assert_true (is_shown (f, "empty_page"));
  g_assert_false (is_shown (f, "list_view"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "caseload.search", NULL);
  g_assert_false (pw_ui_test_has_focus (find (f, "search_entry")));

  /* Unlocked again, the caseload comes back as new. */
  pw_store_unlock (store, PW_UI_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  pw_ui_test_drain ();
  g_assert_nonnull (pw_caseload_page_get_caseload (f->page));
  assert_count (f, shared_stats.children);

  /* A page without a store lets go of it. */
  pw_caseload_page_set_store (f->page, NULL);
  g_assert_null (pw_caseload_page_get_caseload (f->page));
  g_assert_true (is_shown (f, "empty_page"));
}

static void
test_folded (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find (f, "leaflet"));
  g_autofree char *name = NULL;

  PW_UI_TEST_WAIT_FOR (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  g_assert_true (is_shown (f, "list_view"));

  /* Opening a child shows it alone, with a way back. */
  g_signal_emit_by_name (find (f, "list_view"), "activate", 2);
  pw_ui_test_drain ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "child");
  PW_UI_TEST_WAIT_FOR (is_shown (f, "back_button"));
  name = pw_child_dup_display_name (child_at (f, 2));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find (f, "child_title"))),
                   ==, name);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find (f, "back_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Back");

  g_signal_emit_by_name (find (f, "back_button"), "clicked");
  pw_ui_test_drain ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

/* The overview's consent, agencies and attendance -------------------------------- */

static GListModel *
records_of (Fixture *f,
            GType    type,
            PwChild *child)
{
  g_autoptr(GError) error = NULL;
  GListModel *records = pw_caseload_list (pw_caseload_page_get_caseload (f->page), type,
                                          "child-id", pw_record_get_id (PW_RECORD (child)),
                                          &error);

  g_assert_no_error (error);

  return records;
}

/* The first child in the list for which @check says yes. */
static PwChild *
find_child (Fixture   *f,
            gboolean (*check) (Fixture *f, PwChild *child))
{
  guint n = g_list_model_get_n_items (list (f));

  for (guint i = 0; i < n; i++)
    if (check (f, child_at (f, i)))
      return child_at (f, i);
  g_error ("No child in the list fits");
}

static GtkWidget *
show_in_overview (Fixture *f,
                  PwChild *child)
{
  GtkWidget *overview = find (f, "overview");

  g_assert_true (pw_caseload_page_select_child (f->page, pw_record_get_id (PW_RECORD (child))));
  pw_ui_test_drain ();
  g_assert_cmpint (pw_record_get_id (PW_RECORD (pw_child_overview_get_record (
                     PW_CHILD_OVERVIEW (overview)))), ==, pw_record_get_id (PW_RECORD (child)));

  return overview;
}

/* One consent, not withdrawn, given by someone. */
static gboolean
has_one_consent (Fixture *f,
                 PwChild *child)
{
  g_autoptr(GListModel) consents = records_of (f, PW_TYPE_CONSENT, child);
  g_autoptr(PwRecord) consent = NULL;

  if (g_list_model_get_n_items (consents) != 1)
    return FALSE;
  consent = g_list_model_get_item (consents, 0);
  return !pw_record_is_set (consent, "withdrawn-on") && pw_record_is_set (consent, "given-by");
}

static gboolean
has_no_consent (Fixture *f,
                PwChild *child)
{
  g_autoptr(GListModel) consents = records_of (f, PW_TYPE_CONSENT, child);

  return g_list_model_get_n_items (consents) == 0;
}

/* An involvement that has started and not ended by TODAY. */
static gboolean
involved_now (PwRecord *involvement)
{
  const char *to = pw_record_get_text (involvement, "to-date");

  return g_strcmp0 (pw_record_get_text (involvement, "from-date"), TODAY) <= 0 &&
         (to == NULL || g_strcmp0 (to, TODAY) >= 0);
}

/* Involved with agencies now, and with one that has ended. */
static gboolean
has_past_and_current_involvements (Fixture *f,
                                   PwChild *child)
{
  g_autoptr(GListModel) involvements = records_of (f, PW_TYPE_INVOLVEMENT, child);
  guint n = g_list_model_get_n_items (involvements);
  guint now = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) involvement = g_list_model_get_item (involvements, i);

      now += involved_now (involvement);
    }
  return now > 0 && now < n;
}

/* Every term's absence 10% or more but under 50%. */
static gboolean
has_persistent_absence (Fixture *f,
                        PwChild *child)
{
  g_autoptr(GListModel) terms = records_of (f, PW_TYPE_ATTENDANCE, child);
  guint n = g_list_model_get_n_items (terms);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwAttendance) term = g_list_model_get_item (terms, i);

      if (!pw_attendance_is_persistent_absence (term) || pw_attendance_is_severe_absence (term))
        return FALSE;
    }
  return n > 0;
}

/* Autumn, spring, summer: the term ordered in its academic year. */
static char *
term_key (PwRecord *term)
{
  const char *code = pw_record_get_text (term, "term");
  int order = g_str_equal (code, "autumn") ? 0 : g_str_equal (code, "spring") ? 1 : 2;

  return g_strdup_printf ("%s %d", pw_record_get_text (term, "academic-year"), order);
}

static PwRecord *
latest_term (GListModel *terms)
{
  PwRecord *latest = NULL;
  g_autofree char *latest_key = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
    {
      g_autoptr(PwRecord) term = g_list_model_get_item (terms, i);
      g_autofree char *key = term_key (term);

      if (latest_key == NULL || strcmp (key, latest_key) > 0)
        {
          g_set_object (&latest, term);
          g_free (latest_key);
          latest_key = g_steal_pointer (&key);
        }
    }
  return latest;
}

static GPtrArray *
agency_rows (GtkWidget *overview)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *group = pw_ui_test_find (overview, "agencies_group");
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, group);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_ACTION_ROW (widget))
        g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
      else
        for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);

  return titles;
}

static void
test_overview_groups (Fixture       *f,
                      gconstpointer  data)
{
  PwChild *child = find_child (f, has_one_consent);
  g_autoptr(GListModel) consents = records_of (f, PW_TYPE_CONSENT, child);
  g_autoptr(PwRecord) consent = g_list_model_get_item (consents, 0);
  g_autofree char *given = pw_format_date (pw_record_get_text (consent, "given-on"), TRUE);
  g_autofree char *expected = g_strdup_printf ("Given on %s by %s", given,
                                               pw_record_get_text (consent, "given-by"));
  g_auto(GStrv) agencies = g_strsplit (pw_record_get_text (consent, "agencies"), ",", -1);
  GtkWidget *overview = show_in_overview (f, child);
  g_autoptr(GListModel) involvements = NULL;
  g_autoptr(GListModel) terms = NULL;
  g_autoptr(PwRecord) term = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *absence = NULL;
  const char *covered;
  guint n_now;

  /* The consent: when, by whom, and the agencies it covers, by name. */
  g_assert_cmpstr (text_of (overview, "consent_value"), ==, expected);
  covered = text_of (overview, "covered_value");
  for (guint i = 0; agencies[i] != NULL; i++)
    g_assert_nonnull (strstr (covered, pw_codes_label (PW_CODES_AGENCY, agencies[i])));
  g_assert_null (strstr (covered, "-"));

  child = find_child (f, has_no_consent);
  overview = show_in_overview (f, child);
  g_assert_cmpstr (text_of (overview, "consent_value"), ==,
                   "No consent to share information has been recorded");
  g_assert_false (gtk_widget_get_visible (pw_ui_test_find (overview, "covered_row")));

  /* The agencies involved now, not those that have ended. */
  child = find_child (f, has_past_and_current_involvements);
  overview = show_in_overview (f, child);
  involvements = records_of (f, PW_TYPE_INVOLVEMENT, child);
  titles = agency_rows (overview);
  for (guint i = 0; i < g_list_model_get_n_items (involvements); i++)
    {
      g_autoptr(PwRecord) involvement = g_list_model_get_item (involvements, i);
      const char *label = pw_codes_label (PW_CODES_AGENCY,
                                          pw_record_get_text (involvement, "agency"));

      if (involved_now (involvement))
        {
          g_assert_true (g_ptr_array_find_with_equal_func (titles, label, g_str_equal, &n_now));
          g_ptr_array_remove_index (titles, n_now);
        }
    }
  g_assert_cmpuint (titles->len, ==, 0);

  /* The latest term, its absence and the persistent absence flag in words. */
  child = find_child (f, has_persistent_absence);
  overview = show_in_overview (f, child);
  terms = records_of (f, PW_TYPE_ATTENDANCE, child);
  term = latest_term (terms);
  g_assert_true (g_str_has_prefix (text_of (overview, "term_value"),
                                   pw_record_get_text (term, "academic-year")));
  rate = g_strdup_printf ("%.1f%%", pw_attendance_get_absence_rate (PW_ATTENDANCE (term)));
  absence = g_strdup_printf ("%s · persistent absence", rate);
  g_assert_cmpstr (text_of (overview, "absence_value"), ==, absence);
}

/* Mine ---------------------------------------------------------------------------- */

static void
set_lead_practitioner (PwCaseload *caseload,
                       PwChild    *listed,
                       gint64      worker_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = pw_caseload_load (caseload, PW_TYPE_CHILD,
                                                pw_record_get_id (PW_RECORD (listed)), &error);

  g_assert_no_error (error);
  if (worker_id != 0)
    pw_record_set_int (child, "lead-practitioner-id", worker_id);
  else
    pw_record_unset (child, "lead-practitioner-id");
  pw_caseload_save (caseload, child, &error);
  g_assert_no_error (error);
}

static gboolean
listed (Fixture *f,
        gint64   child_id)
{
  guint n = g_list_model_get_n_items (list (f));

  for (guint i = 0; i < n; i++)
    if (pw_record_get_id (PW_RECORD (child_at (f, i))) == child_id)
      return TRUE;
  return FALSE;
}

static void
test_mine_chip (Fixture       *f,
                gconstpointer  data)
{
  PwCaseload *caseload = pw_caseload_page_get_caseload (f->page);
  GtkWidget *chip = find (f, "mine_chip");
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = g_strdup_printf ("Mine test %s", g_get_user_name ());
  const char *tooltip;
  gint64 ids[2] = { pw_record_get_id (PW_RECORD (child_at (f, 4))),
                    pw_record_get_id (PW_RECORD (child_at (f, 9))) };
  gint64 worker_id;

  /* No worker has the user's name: the chip says why it cannot be used. */
  pw_caseload_set_actor (caseload, actor);
  pw_ui_test_drain ();
  g_assert_false (gtk_widget_get_sensitive (chip));
  tooltip = gtk_widget_get_tooltip_text (chip);
  g_assert_nonnull (strstr (tooltip, actor));

  worker_id = pw_caseload_ensure_worker (caseload, actor, &error);
  g_assert_no_error (error);
  PW_UI_TEST_WAIT_FOR (gtk_widget_get_sensitive (chip));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    set_lead_practitioner (caseload, child_at (f, i == 0 ? 4 : 9), worker_id);
  pw_ui_test_drain ();

  click (f, "mine_chip");
  g_assert_true (chip_active (f, "mine_chip"));
  PW_UI_TEST_WAIT_FOR (g_list_model_get_n_items (list (f)) == 2);
  assert_count (f, 2);
  g_assert_true (listed (f, ids[0]));
  g_assert_true (listed (f, ids[1]));

  click (f, "mine_chip");
  assert_count (f, shared_stats.children);

  /* The store as it was, for the other tests. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(PwRecord) child = pw_caseload_load (caseload, PW_TYPE_CHILD, ids[i], &error);

      g_assert_no_error (error);
      set_lead_practitioner (caseload, PW_CHILD (child), 0);
    }
  pw_ui_test_drain ();
}

/* Archiving --------------------------------------------------------------------- */

static gboolean
stored_archived (Fixture *f,
                 gint64   child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = pw_caseload_load (pw_caseload_page_get_caseload (f->page),
                                                PW_TYPE_CHILD, child_id, &error);

  g_assert_no_error (error);

  return pw_record_is_set (child, "archived-on");
}

static void
test_archive_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PwChild) child = g_object_ref (child_at (f, 7));
  gint64 id = pw_record_get_id (PW_RECORD (child));
  g_autofree char *name = pw_child_dup_display_name (child);
  g_autofree char *title = g_strdup_printf ("%s archived", name);
  GtkWidget *overview = show_in_overview (f, child);
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (pw_ui_test_find (overview, "archive_button"))),
                   ==, "_Archive");
  toast = pw_child_overview_archive (PW_CHILD_OVERVIEW (overview), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, title);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* Archived: out of the list, and so out of the pane. */
  g_assert_true (stored_archived (f, id));
  PW_UI_TEST_WAIT_FOR (g_list_model_get_n_items (list (f)) == shared_stats.children - 1);
  g_assert_false (listed (f, id));

  /* Undo brings the child back. */
  g_signal_emit_by_name (toast, "button-clicked");
  pw_ui_test_drain ();
  g_assert_false (stored_archived (f, id));
  PW_UI_TEST_WAIT_FOR (g_list_model_get_n_items (list (f)) == shared_stats.children);
  g_assert_true (listed (f, id));
}

static void
test_archive_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PwChild) child = g_object_ref (child_at (f, 11));
  gint64 id = pw_record_get_id (PW_RECORD (child));
  GtkWidget *overview = show_in_overview (f, child);
  GtkWidget *button = pw_ui_test_find (overview, "archive_button");
  guint n;

  /* The button archives the child shown. */
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  pw_ui_test_drain ();
  g_assert_true (stored_archived (f, id));
  PW_UI_TEST_WAIT_FOR (g_list_model_get_n_items (list (f)) == shared_stats.children - 1);

  /* Among the archived children it offers "Restore", and the level cannot change. */
  click (f, "archived_chip");
  n = g_list_model_get_n_items (list (f));
  for (guint i = 0; i < n; i++)
    if (pw_record_get_id (PW_RECORD (child_at (f, i))) == id)
      g_assert_true (gtk_widget_activate_action (find (f, "list_view"), "list.select-item",
                                                 "(ubb)", i, FALSE, FALSE));
  pw_ui_test_drain ();
  g_assert_cmpint (pw_record_get_id (PW_RECORD (pw_child_overview_get_record (
                     PW_CHILD_OVERVIEW (overview)))), ==, id);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Restore");
  g_assert_false (gtk_widget_is_sensitive (pw_ui_test_find (overview, "level_button")));

  g_signal_emit_by_name (button, "clicked");
  pw_ui_test_drain ();
  g_assert_false (stored_archived (f, id));
  click (f, "archived_chip");
  PW_UI_TEST_WAIT_FOR (g_list_model_get_n_items (list (f)) == shared_stats.children);
  g_assert_true (listed (f, id));
}

static void
test_empty_store (void)
{
  g_autofree char *path = pw_ui_test_new_path ("empty.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = pw_caseload_page_new ();
  AdwStatusPage *empty;

  gtk_window_set_child (window, page);
  gtk_window_present (window);
  pw_ui_test_wait_mapped (page);
  pw_caseload_page_set_store (PW_CASELOAD_PAGE (page), store);
  pw_ui_test_drain ();

  empty = ADW_STATUS_PAGE (pw_ui_test_find (page, "empty_page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No children yet");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==,
                   "Children you add will be listed here");

  pw_ui_test_destroy_window (window);
}

#define ADD(path, func, width) \
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/caseload-page/count-matches-stats", test_count_matches_stats, 0);
  ADD ("/pw/caseload-page/controls-labelled", test_controls_labelled, 0);
  ADD ("/pw/caseload-page/keyboard", test_keyboard, 0);
  ADD ("/pw/caseload-page/search-surname", test_search_surname, 0);
  ADD ("/pw/caseload-page/level-chips", test_level_chips, 0);
  ADD ("/pw/caseload-page/overdue-chip", test_overdue_chip, 0);
  ADD ("/pw/caseload-page/sort", test_sort, 0);
  ADD ("/pw/caseload-page/select-shows-child", test_select_shows_child, 0);
  ADD ("/pw/caseload-page/search-nonsense", test_search_nonsense, 0);
  ADD ("/pw/caseload-page/print-summary", test_print_summary, 0);
  ADD ("/pw/caseload-page/folded", test_folded, 400);
  ADD ("/pw/caseload-page/lock-empties-page", test_lock_empties_page, 0);
  ADD ("/pw/caseload-page/overview-groups", test_overview_groups, 0);
  ADD ("/pw/caseload-page/mine-chip", test_mine_chip, 0);
  ADD ("/pw/caseload-page/archive-undo", test_archive_undo, 0);
  ADD ("/pw/caseload-page/archive-restore", test_archive_restore, 0);
  g_test_add_func ("/pw/caseload-page/empty-store", test_empty_store);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);

  return status;
}
