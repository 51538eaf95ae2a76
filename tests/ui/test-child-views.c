/* test-child-views.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The History, Agencies, Meetings and Chronology views of the child page,
 * over a real store of demo children: each shows what the store holds for
 * a child; a contribution without its text is refused with the core's
 * message and nothing saved, and a complete one shows in the view and in
 * the chronology; an action added at a meeting shows as overdue, then as
 * done once marked; and every dialog can be filled in and sent with the
 * keyboard alone.
 *
 * Keys are pressed the way GTK dispatches them: from the focused widget up
 * through its ancestors, to the first shortcut bound to that key.
 */

#define G_LOG_DOMAIN "test-child-views"

#include "config.h"

#include <string.h>

#include "pw-agencies-view.h"
#include "pw-child-format.h"
#include "pw-child-page.h"
#include "pw-chronology-entry.h"
#include "pw-chronology-view.h"
#include "pw-contribution-dialog.h"
#include "pw-demo.h"
#include "pw-history-view.h"
#include "pw-meetings-view.h"
#include "pw-record-dialog.h"
#include "pw-ui-test-util.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 40
#define ACTOR      "Sam Carter"

static PwStore *shared_store;

typedef struct
{
  GtkWindow   *window;
  PwChildPage *page;
  PwCaseload  *caseload;
  PwChild     *child;
} Fixture;

/* The store ----------------------------------------------------------------------- */

static PwStore *
demo_store (void)
{
  if (shared_store == NULL)
    shared_store = pw_ui_test_demo_store (N_CHILDREN);
  return shared_store;
}

/* The child's records of @type, as the store holds them, oldest first. */
static GListModel *
list (Fixture *f,
      GType    type,
      gint64   child_id)
{
  g_autoptr(GError) error = NULL;
  GListModel *records = pw_caseload_list (f->caseload, type, "child-id", child_id, &error);

  g_assert_no_error (error);
  return records;
}

static guint
count (Fixture *f,
       GType    type,
       gint64   child_id)
{
  g_autoptr(GListModel) records = list (f, type, child_id);

  return g_list_model_get_n_items (records);
}

static GPtrArray *
closed_cycles (Fixture *f,
               gint64   child_id)
{
  g_autoptr(GListModel) cycles = list (f, PW_TYPE_CYCLE, child_id);
  GPtrArray *closed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = g_list_model_get_n_items (cycles); i > 0; i--)
    {
      g_autoptr(PwRecord) cycle = g_list_model_get_item (cycles, i - 1);

      if (g_strcmp0 (pw_record_get_text (cycle, "state"), "closed") == 0)
        g_ptr_array_add (closed, g_steal_pointer (&cycle));
    }
  return closed;
}

static gboolean
has_open_cycle (Fixture *f,
                gint64   child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCycle) cycle = pw_caseload_get_open_cycle (f->caseload, child_id, &error);

  g_assert_no_error (error);
  return cycle != NULL;
}

/* A demo child with records of every kind the views show. */
static gint64
rich_child (Fixture *f)
{
  for (gint64 id = 1; id <= N_CHILDREN; id++)
    {
      g_autoptr(GPtrArray) closed = closed_cycles (f, id);

      if (closed->len > 0 && count (f, PW_TYPE_MEETING, id) > 0 &&
          count (f, PW_TYPE_MEETING_ACTION, id) > 0 && count (f, PW_TYPE_CONTRIBUTION, id) > 0 &&
          count (f, PW_TYPE_INVOLVEMENT, id) > 0 && has_open_cycle (f, id))
        return id;
    }
  g_assert_not_reached ();
}

/* A demo child with no closed cycle, no meeting and no agency. */
static gint64
plain_child (Fixture *f)
{
  for (gint64 id = 1; id <= N_CHILDREN; id++)
    {
      g_autoptr(GPtrArray) closed = closed_cycles (f, id);

      if (closed->len == 0 && count (f, PW_TYPE_MEETING, id) == 0 &&
          count (f, PW_TYPE_CONTRIBUTION, id) == 0 && count (f, PW_TYPE_INVOLVEMENT, id) == 0)
        return id;
    }
  g_assert_not_reached ();
}

static PwChild *
load_child (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  PwRecord *child = pw_caseload_load (f->caseload, PW_TYPE_CHILD, id, &error);

  g_assert_no_error (error);
  return PW_CHILD (child);
}

static gint64
child_id (Fixture *f)
{
  return pw_record_get_id (PW_RECORD (f->child));
}

/* The fixture --------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pw_set_today (TODAY);
  f->caseload = pw_caseload_new (demo_store (), &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (f->caseload, ACTOR);
  f->child = load_child (f, rich_child (f));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
  f->page = PW_CHILD_PAGE (pw_child_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  pw_child_page_set_caseload (f->page, f->caseload);
  pw_child_page_set_child (f->page, f->child);
  gtk_window_present (f->window);
  pw_ui_test_wait_mapped (GTK_WIDGET (f->page));
  pw_ui_test_drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = pw_ui_test_find_toplevel (ADW_TYPE_WINDOW)) != NULL)
    pw_ui_test_destroy_window (dialog);
  pw_ui_test_destroy_window (f->window);
  g_clear_object (&f->child);
  g_clear_object (&f->caseload);
  pw_set_today (NULL);
}

/* Reading the views --------------------------------------------------------------- */

static GtkWidget *
find (GtkWidget  *root,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (root, id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
visible_page (GtkWidget *view)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (view))));
}

/* Views read the store in a worker thread; until they have, they show a
 * blank page. */
static void
wait_loaded (GtkWidget *view)
{
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (visible_page (view), "loading") != 0);
}

/* Shows the view called @name and waits until it has read the store. */
static GtkWidget *
show_view (Fixture    *f,
           const char *name)
{
  g_autofree char *id = g_strdup_printf ("%s_view", name);
  GtkWidget *view = find (GTK_WIDGET (f->page), id);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find (GTK_WIDGET (f->page),
                                                               "view_stack")), name);
  pw_ui_test_wait_mapped (view);
  wait_loaded (view);
  pw_ui_test_drain ();
  return view;
}

/* Whether a label showing @text, or a row titled @text, is on screen in @root. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  return pw_ui_test_find_label_written (root, text) != NULL;
}

static guint
count_rows (GtkWidget *list_box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child);
  return n;
}

typedef struct
{
  const char *action_name;
  gint64      id;
} ActionTarget;

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  const ActionTarget *wanted = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                 wanted->action_name) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_get_int64 (target) == wanted->id;
}

/* The button for @action_name with the record id @id as its target. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name,
                    gint64      id)
{
  ActionTarget wanted = { action_name, id };

  return pw_ui_test_find_first (root, is_action_button, &wanted);
}

static char *
short_date (const char *iso)
{
  return pw_format_date (iso, FALSE);
}

static const char *
code_label (PwRecord    *record,
            PwCodeTable  table,
            const char  *field)
{
  return pw_codes_label (table, pw_record_get_text (record, field));
}

/* History -------------------------------------------------------------------------- */

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *view = show_view (f, "history");
  GtkWidget *cycle_list = find (view, "past_cycle_list");
  g_autoptr(GPtrArray) closed = closed_cycles (f, child_id (f));
  PwRecord *newest = g_ptr_array_index (closed, 0);
  g_autoptr(GListModel) outcomes = pw_caseload_list (f->caseload, PW_TYPE_OUTCOME, "cycle-id",
                                                     pw_record_get_id (newest), NULL);
  g_autoptr(GListModel) ratings = list (f, PW_TYPE_RATING, child_id (f));
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GtkWidget *first_row;

  /* One row per closed cycle, newest first, and the newest open. */
  g_assert_cmpstr (visible_page (view), ==, "cycles");
  g_assert_cmpuint (count_rows (cycle_list), ==, closed->len);
  description = g_strdup_printf (closed->len == 1 ? "%u closed cycle, newest first"
                                                  : "%u closed cycles, newest first", closed->len);
  g_assert_cmpstr (adw_preferences_group_get_description (
                     ADW_PREFERENCES_GROUP (find (view, "cycles_group"))), ==, description);
  first_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cycle_list), 0));
  title = g_strdup_printf ("Cycle %d", (int) pw_record_get_int (newest, "number"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, title);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (first_row)));
  /* The opened row shows its rows once it has revealed them. */
  PW_UI_TEST_WAIT_FOR (shows_text (first_row, code_label (newest, PW_CODES_DECISION,
                                                          "decision")));

  /* Every outcome of the newest cycle, with its rating and evidence. */
  g_assert_cmpuint (g_list_model_get_n_items (outcomes), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (outcomes); i++)
    {
      g_autoptr(PwRecord) outcome = g_list_model_get_item (outcomes, i);
      const char *outcome_text = pw_record_get_text (outcome, "description");
      GtkWidget *row = gtk_widget_get_ancestor (
        pw_ui_test_find_label_written (first_row, outcome_text), ADW_TYPE_ACTION_ROW);

      g_assert_nonnull (row);
      for (guint j = 0; j < g_list_model_get_n_items (ratings); j++)
        {
          g_autoptr(PwRecord) rating = g_list_model_get_item (ratings, j);
          g_autofree char *evidence = NULL;

          if (pw_record_get_int (rating, "outcome-id") != pw_record_get_id (outcome))
            continue;
          evidence = g_strdup_printf ("Evidence: %s", pw_record_get_text (rating, "evidence"));
          g_assert_true (shows_text (row, code_label (rating, PW_CODES_RATING, "progress")));
          g_assert_true (shows_text (row, evidence));
        }
    }
}

static void
test_history_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PwChild) plain = load_child (f, plain_child (f));
  GtkWidget *view = show_view (f, "history");
  AdwStatusPage *empty;

  /* Another child: the first child's cycles go at once, before the other's
   * records are read. */
  g_assert_cmpstr (visible_page (view), ==, "cycles");
  pw_child_view_set_child (PW_CHILD_VIEW (view), plain);
  g_assert_cmpstr (visible_page (view), ==, "loading");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (find (view, "past_cycle_list")), 0));
  wait_loaded (view);
  g_assert_cmpstr (visible_page (view), ==, "empty");
  empty = ADW_STATUS_PAGE (find (view, "history_empty_page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No past cycles");

  /* Taking the caseload away clears the view at once. */
  pw_child_view_set_child (PW_CHILD_VIEW (view), f->child);
  wait_loaded (view);
  g_assert_cmpstr (visible_page (view), ==, "cycles");
  pw_child_page_set_caseload (f->page, NULL);
  g_assert_null (pw_child_view_get_child (PW_CHILD_VIEW (view)));
  g_assert_cmpstr (visible_page (view), ==, "empty");
}

/* Agencies ------------------------------------------------------------------------- */

static PwRecord *
newest_contribution (Fixture *f)
{
  g_autoptr(GListModel) contributions = list (f, PW_TYPE_CONTRIBUTION, child_id (f));
  PwRecord *newest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (contributions); i++)
    {
      g_autoptr(PwRecord) contribution = g_list_model_get_item (contributions, i);

      if (newest == NULL || strcmp (pw_record_get_text (contribution, "event-date"),
                                    pw_record_get_text (newest, "event-date")) >= 0)
        g_set_object (&newest, contribution);
    }
  return newest;
}

static void
test_agencies (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *view = show_view (f, "agencies");
  GtkWidget *involvement_list = find (view, "involvement_list");
  GtkWidget *contribution_list = find (view, "contribution_list");
  g_autoptr(GListModel) involvements = list (f, PW_TYPE_INVOLVEMENT, child_id (f));
  g_autoptr(PwRecord) newest = newest_contribution (f);
  g_autoptr(PwRecord) involvement = g_list_model_get_item (involvements, 0);
  g_autofree char *date = short_date (pw_record_get_text (newest, "event-date"));
  GtkWidget *first;

  g_assert_cmpstr (visible_page (view), ==, "records");
  g_assert_cmpuint (count_rows (involvement_list), ==, g_list_model_get_n_items (involvements));
  g_assert_cmpuint (count_rows (contribution_list), ==,
                    MIN (count (f, PW_TYPE_CONTRIBUTION, child_id (f)), 25));
  g_assert_true (shows_text (involvement_list,
                             code_label (involvement, PW_CODES_AGENCY, "agency")));

  /* The newest contribution first, with its agency, date and text. */
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (contribution_list), 0));
  g_assert_true (shows_text (first, code_label (newest, PW_CODES_AGENCY, "agency")));
  g_assert_true (shows_text (first, date));
  g_assert_true (shows_text (first, pw_record_get_text (newest, "text")));
  g_assert_true (gtk_widget_get_mapped (find (view, "contribution_button")));
  g_assert_true (gtk_widget_get_mapped (find (view, "involvement_button")));
}

/* Many contributions come a page at a time, newest first. */
typedef struct
{
  Fixture *f;
  guint    n;
} AddContributions;

static gboolean
add_contributions (gpointer   user_data,
                   GError   **error)
{
  AddContributions *add = user_data;

  for (guint i = 0; i < add->n; i++)
    {
      g_autoptr(PwRecord) contribution = pw_record_new (PW_TYPE_CONTRIBUTION);
      g_autofree char *text = g_strdup_printf ("Weekly check-in %u", i + 1);

      pw_record_set_int (contribution, "child-id", child_id (add->f));
      pw_record_set_text (contribution, "agency", "early-help");
      pw_record_set_text (contribution, "person", "Jo Lane");
      pw_record_set_text (contribution, "event-date", "2026-01-05");
      pw_record_set_text (contribution, "text", text);
      if (!pw_caseload_save (add->f->caseload, contribution, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_contributions_paged (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *view = show_view (f, "agencies");
  GtkWidget *contribution_list = find (view, "contribution_list");
  GtkWidget *more = find (view, "agencies_more_button");
  AddContributions add = { f, 40 };
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_false (gtk_widget_get_visible (more));
  g_assert_true (pw_caseload_transaction (f->caseload, add_contributions, &add, &error));
  g_assert_no_error (error);
  n = count (f, PW_TYPE_CONTRIBUTION, child_id (f));

  /* The view reads them again by itself, and shows the first page. */
  PW_UI_TEST_WAIT_FOR (gtk_widget_get_visible (more));
  g_assert_cmpuint (count_rows (contribution_list), ==, 25);
  g_assert_cmpuint (n, >, 25);

  /* More pages until all are shown; the keyboard goes to the first added. */
  while (gtk_widget_get_visible (more))
    {
      guint before = count_rows (contribution_list);

      g_signal_emit_by_name (more, "clicked");
      pw_ui_test_drain ();
      g_assert_cmpuint (count_rows (contribution_list), ==, MIN (before + 25, n));
      g_assert_true (pw_ui_test_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                             GTK_LIST_BOX (contribution_list), before))));
    }
  g_assert_cmpuint (count_rows (contribution_list), ==, n);
}

/* Meetings ------------------------------------------------------------------------- */

static PwRecord *
newest_meeting (Fixture *f)
{
  g_autoptr(GListModel) meetings = list (f, PW_TYPE_MEETING, child_id (f));
  PwRecord *newest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(PwRecord) meeting = g_list_model_get_item (meetings, i);

      if (newest == NULL || strcmp (pw_record_get_text (meeting, "date"),
                                    pw_record_get_text (newest, "date")) >= 0)
        g_set_object (&newest, meeting);
    }
  return newest;
}

/* The groups of the meetings view, one a meeting, from the top. */
static GPtrArray *
meeting_groups (GtkWidget *view)
{
  GPtrArray *groups = g_ptr_array_new ();
  GtkWidget *summary = find (view, "meetings_group");
  GtkWidget *box = gtk_widget_get_parent (summary);

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child) && child != summary &&
        adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (child)) != NULL)
      g_ptr_array_add (groups, child);
  return groups;
}

/* The rows of @group itself, not those inside its rows. */
static GPtrArray *
group_rows (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list_box = pw_ui_test_find_type (GTK_WIDGET (group), GTK_TYPE_LIST_BOX);

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static void
test_meetings (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *view = show_view (f, "meetings");
  g_autoptr(GPtrArray) groups = meeting_groups (view);
  g_autoptr(PwRecord) newest = newest_meeting (f);
  g_autoptr(GListModel) actions = list (f, PW_TYPE_MEETING_ACTION, child_id (f));
  g_autoptr(GListModel) attendees = list (f, PW_TYPE_ATTENDEE, child_id (f));
  g_autoptr(GPtrArray) meeting_actions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  guint n = count (f, PW_TYPE_MEETING, child_id (f));
  g_autofree char *expected = g_strdup_printf (n == 1 ? "%u meeting, newest first"
                                                      : "%u meetings, newest first", n);
  AdwPreferencesGroup *first;

  g_assert_cmpstr (visible_page (view), ==, "meetings");
  g_assert_cmpuint (groups->len, ==, MIN (n, 10));
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (
                   ADW_PREFERENCES_GROUP (find (view, "meetings_group"))), expected));

  /* The newest meeting first, with its question, attendees and actions. */
  first = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (adw_preferences_group_get_title (first), ==,
                   code_label (newest, PW_CODES_MEETING_TYPE, "type"));
  if (pw_record_is_set (newest, "question"))
    g_assert_true (shows_text (GTK_WIDGET (first), pw_record_get_text (newest, "question")));
  /* Its actions are its last rows, in the order they were agreed. */
  rows = group_rows (first);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(PwRecord) action = g_list_model_get_item (actions, i);

      if (pw_record_get_int (action, "meeting-id") == pw_record_get_id (newest))
        g_ptr_array_add (meeting_actions, g_steal_pointer (&action));
    }
  g_assert_cmpuint (meeting_actions->len, >, 0);
  for (guint i = 0; i < meeting_actions->len; i++)
    {
      PwRecord *action = g_ptr_array_index (meeting_actions, i);
      GtkWidget *row = g_ptr_array_index (rows, rows->len - meeting_actions->len + i);
      g_autofree char *done = short_date (pw_record_get_text (action, "done-on"));
      g_autofree char *done_text = g_strdup_printf ("Done on %s", done);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       pw_record_get_text (action, "description"));
      if (done != NULL)
        g_assert_true (shows_text (row, done_text));
      else
        g_assert_nonnull (find_action_button (row, "meetings.mark-done",
                                              pw_record_get_id (action)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(PwRecord) attendee = g_list_model_get_item (attendees, i);
      GtkWidget *attendees_row = pw_ui_test_find_type (GTK_WIDGET (first), ADW_TYPE_EXPANDER_ROW);
      g_autofree char *title = NULL;
      guint n_here = 0;

      if (pw_record_get_int (attendee, "meeting-id") != pw_record_get_id (newest))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (attendees); j++)
        {
          g_autoptr(PwRecord) other = g_list_model_get_item (attendees, j);

          n_here += pw_record_get_int (other, "meeting-id") == pw_record_get_id (newest);
        }
      title = g_strdup_printf (n_here == 1 ? "%u attendee" : "%u attendees", n_here);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (attendees_row)), ==,
                       title);
      g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (attendees_row)),
                                pw_record_get_text (attendee, "name")));
    }
}

/* Chronology ----------------------------------------------------------------------- */

static GListModel *
chronology_rows (GtkWidget *view)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (find (view,
                                                                               "chronology_list")));

  return gtk_no_selection_get_model (GTK_NO_SELECTION (selection));
}

static guint
count_entries (GListModel *rows,
               guint      *n_headings)
{
  guint n = 0;

  *n_headings = 0;
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      n += PW_IS_CHRONOLOGY_ENTRY (row);
      *n_headings += GTK_IS_STRING_OBJECT (row);
    }
  return n;
}

static guint
count_months (GListModel *entries)
{
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PwChronologyEntry) entry = g_list_model_get_item (entries, i);

      g_hash_table_add (months, g_strndup (pw_chronology_entry_get_event_date (entry), 7));
    }
  return g_hash_table_size (months);
}

static GListModel *
core_chronology (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *entries = pw_caseload_chronology (f->caseload, child_id (f), &error);

  g_assert_no_error (error);
  return entries;
}

static void
test_chronology (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *view = show_view (f, "chronology");
  GListModel *rows = chronology_rows (view);
  g_autoptr(GListModel) entries = core_chronology (f);
  guint n = g_list_model_get_n_items (entries);
  g_autoptr(PwChronologyEntry) oldest = g_list_model_get_item (entries, 0);
  g_autoptr(PwChronologyEntry) latest = g_list_model_get_item (entries, n - 1);
  g_autoptr(GObject) heading = NULL;
  g_autoptr(GObject) row = NULL;
  g_autofree char *since = short_date (pw_chronology_entry_get_event_date (oldest));
  g_autofree char *count_text = g_strdup_printf ("%u entries since %s", n, since);
  guint n_headings;

  /* Every entry, under a heading for each month, newest first. */
  g_assert_cmpstr (visible_page (view), ==, "entries");
  g_assert_cmpuint (count_entries (rows, &n_headings), ==, n);
  g_assert_cmpuint (n_headings, ==, count_months (entries));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (view, "chronology_count_label"))), ==,
                   count_text);
  heading = g_list_model_get_item (rows, 0);
  row = g_list_model_get_item (rows, 1);
  g_assert_true (GTK_IS_STRING_OBJECT (heading));
  g_assert_cmpstr (pw_chronology_entry_get_summary (PW_CHRONOLOGY_ENTRY (row)), ==,
                   pw_chronology_entry_get_summary (latest));
  PW_UI_TEST_WAIT_FOR (shows_text (find (view, "chronology_list"),
                                   pw_chronology_entry_get_summary (latest)));

  /* Oldest first reads it as a story. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (view, "oldest_button")), TRUE);
  pw_ui_test_drain ();
  g_clear_object (&row);
  row = g_list_model_get_item (rows, 1);
  g_assert_true (pw_chronology_entry_get_record (PW_CHRONOLOGY_ENTRY (row)) != NULL);
  g_assert_cmpstr (pw_chronology_entry_get_summary (PW_CHRONOLOGY_ENTRY (row)), ==,
                   pw_chronology_entry_get_summary (oldest));
  g_assert_cmpuint (count_entries (rows, &n_headings), ==, n);
}

/* Adding a contribution ------------------------------------------------------------ */

static PwContributionDialog *
wait_contribution_dialog (void)
{
  PwContributionDialog *dialog;

  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_CONTRIBUTION_DIALOG) != NULL);
  dialog = PW_CONTRIBUTION_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_CONTRIBUTION_DIALOG));
  pw_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static GtkTextView *
prose_view (PwRecordForm *form,
            const char   *field)
{
  GtkWidget *view = pw_ui_test_find_type (pw_record_form_get_row (form, field),
                                          GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

/* The message under a paragraph field: the last label of its block. */
static const char *
prose_error (PwRecordForm *form,
             const char   *field)
{
  GtkWidget *label = gtk_widget_get_last_child (pw_record_form_get_row (form, field));

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_widget_get_mapped (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
test_contribution_refused_then_added (Fixture       *f,
                                      gconstpointer  data)
{
  GtkWidget *view = show_view (f, "agencies");
  guint before = count (f, PW_TYPE_CONTRIBUTION, child_id (f));
  g_autoptr(GListModel) chronology_before = core_chronology (f);
  g_autoptr(PwRecord) scratch = pw_record_new (PW_TYPE_CONTRIBUTION);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCycle) cycle = pw_caseload_get_open_cycle (f->caseload, child_id (f), NULL);
  g_autoptr(PwRecord) saved = NULL;
  const char *text = "Speech sound assessment: clear progress with /s/ blends.";
  PwContributionDialog *dialog;
  PwRecordForm *form;
  GtkWidget *chronology;
  GListModel *rows;
  guint n_headings;

  g_signal_emit_by_name (find (view, "contribution_button"), "clicked");
  dialog = wait_contribution_dialog ();
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));

  /* What is known is filled in: today, the person at the keyboard. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_record_form_get_row (form,
                                                                                "event-date"))),
                   ==, TODAY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_record_form_get_row (form, "person"))),
                   ==, ACTOR);
  g_assert_true (pw_contribution_dialog_get_cycle (dialog) != NULL);

  /* No text: the core's message under the text, nothing saved. */
  g_assert_false (pw_record_check_field (scratch, "text", &error));
  adw_combo_row_set_selected (
    ADW_COMBO_ROW (pw_record_form_get_row (form, "agency")),
    pw_ui_test_code_position (PW_CODES_AGENCY, "speech-language-therapy"));
  g_signal_emit_by_name (find (GTK_WIDGET (dialog), "add_button"), "clicked");
  pw_ui_test_drain ();
  g_assert_cmpstr (prose_error (form, "text"), ==, error->message);
  g_assert_true (pw_ui_test_has_focus (GTK_WIDGET (prose_view (form, "text"))));
  g_assert_cmpuint (count (f, PW_TYPE_CONTRIBUTION, child_id (f)), ==, before);
  g_assert_true (pw_ui_test_find_toplevel (PW_TYPE_CONTRIBUTION_DIALOG) == GTK_WINDOW (dialog));

  /* With its text it is saved, linked to the open cycle, and shown first. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (prose_view (form, "text")), text, -1);
  g_signal_emit_by_name (find (GTK_WIDGET (dialog), "add_button"), "clicked");
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_CONTRIBUTION_DIALOG) == NULL);
  g_assert_cmpuint (count (f, PW_TYPE_CONTRIBUTION, child_id (f)), ==, before + 1);
  saved = newest_contribution (f);
  g_assert_cmpstr (pw_record_get_text (saved, "text"), ==, text);
  g_assert_cmpint (pw_record_get_int (saved, "cycle-id"), ==,
                   pw_record_get_id (PW_RECORD (cycle)));
  PW_UI_TEST_WAIT_FOR (shows_text (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                     GTK_LIST_BOX (find (view, "contribution_list")), 0)), text));

  /* And in the chronology, at its date. */
  chronology = show_view (f, "chronology");
  rows = chronology_rows (chronology);
  g_assert_cmpuint (count_entries (rows, &n_headings), ==,
                    g_list_model_get_n_items (chronology_before) + 1);
  PW_UI_TEST_WAIT_FOR (shows_text (find (chronology, "chronology_list"),
                                   "Contribution from Speech and language therapy: " ACTOR));
}

/* Adding an action and marking it done --------------------------------------------- */

static PwRecordDialog *
wait_record_dialog (const char *title)
{
  PwRecordDialog *dialog;

  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_RECORD_DIALOG) != NULL);
  dialog = PW_RECORD_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_RECORD_DIALOG));
  pw_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  return dialog;
}

static void
wait_record_dialog_closed (void)
{
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_RECORD_DIALOG) == NULL);
}

static PwRecord *
find_action (Fixture    *f,
             const char *description)
{
  g_autoptr(GListModel) actions = list (f, PW_TYPE_MEETING_ACTION, child_id (f));

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(PwRecord) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (pw_record_get_text (action, "description"), description) == 0)
        return g_steal_pointer (&action);
    }
  return NULL;
}

static GtkWidget *
action_row (GtkWidget  *view,
            const char *description)
{
  GtkWidget *label = pw_ui_test_find_label_written (view, description);

  return label != NULL ? gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW) : NULL;
}

static void
test_action_added_then_done (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *view = show_view (f, "meetings");
  g_autoptr(PwRecord) meeting = newest_meeting (f);
  const char *description = "Send the speech and language therapy referral";
  g_autoptr(PwRecord) action = NULL;
  g_autofree char *today = short_date (TODAY);
  g_autofree char *done_text = g_strdup_printf ("Done on %s", today);
  GtkWidget *button = find_action_button (view, "meetings.add-action",
                                          pw_record_get_id (meeting));
  PwRecordDialog *dialog;
  PwRecordForm *form;
  GtkWidget *row;
  GtkWidget *overdue;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = wait_record_dialog ("Add an action");
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (prose_view (form, "description")),
                            description, -1);
  gtk_editable_set_text (GTK_EDITABLE (pw_record_form_get_row (form, "owner")), "Priya Shah");
  gtk_editable_set_text (GTK_EDITABLE (pw_record_form_get_row (form, "due-date")), "2026-11-02");
  g_signal_emit_by_name (find (GTK_WIDGET (dialog), "accept_button"), "clicked");
  wait_record_dialog_closed ();

  /* Past its due date and not done: overdue, in words and in colour. */
  action = find_action (f, description);
  g_assert_nonnull (action);
  g_assert_cmpint (pw_record_get_int (action, "meeting-id"), ==, pw_record_get_id (meeting));
  PW_UI_TEST_WAIT_FOR (action_row (view, description) != NULL);
  row = action_row (view, description);
  overdue = pw_ui_test_find_label_written (row, "Overdue");
  g_assert_nonnull (overdue);
  g_assert_true (gtk_widget_has_css_class (overdue, "error"));
  g_assert_true (shows_text (row, "Owner: Priya Shah · Due 2 Nov 2026"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (find (view, "meetings_group"))),
                            "overdue"));

  /* Marked done: done today, and the keyboard stays on the action. */
  button = find_action_button (row, "meetings.mark-done", pw_record_get_id (action));
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  PW_UI_TEST_WAIT_FOR ((row = action_row (view, description)) != NULL &&
                       shows_text (row, done_text));
  g_assert_null (pw_ui_test_find_label_written (row, "Overdue"));
  g_assert_null (find_action_button (row, "meetings.mark-done", pw_record_get_id (action)));
  g_assert_true (pw_ui_test_has_focus (row));
  g_clear_object (&action);
  action = find_action (f, description);
  g_assert_cmpstr (pw_record_get_text (action, "done-on"), ==, TODAY);
}

/* Keyboard alone -------------------------------------------------------------------- */

static const char *
focused_field (PwRecordForm       *form,
               const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (pw_ui_test_has_focus (pw_record_form_get_row (form, fields[i])))
      return fields[i];
  return NULL;
}

typedef void (*FillFunc) (GtkWindow  *window,
                          const char *field);

/* From the first field, Tab reaches every field in the order shown, and
 * @fill fills each in. */
static void
fill_by_keyboard (GtkWindow          *window,
                  PwRecordForm       *form,
                  const char * const *fields,
                  FillFunc            fill)
{
  guint visited = 0;

  g_assert_cmpstr (focused_field (form, fields), ==, fields[0]);
  for (guint presses = 0; fields[visited] != NULL; presses++)
    {
      const char *field = focused_field (form, fields);

      g_assert_cmpuint (presses, <, 40);
      if (field == NULL || (visited > 0 && g_str_equal (field, fields[visited - 1])))
        {
          pw_ui_test_press (window, "Tab");
          continue;
        }
      g_assert_cmpstr (field, ==, fields[visited]);
      fill (window, field);
      visited++;
      pw_ui_test_press (window, "Tab");
    }
}

/* Opens a dialog from its button in @view with Enter. */
static void
open_by_keyboard (Fixture    *f,
                  GtkWidget  *view,
                  const char *button_id)
{
  GtkWidget *button = find (view, button_id);

  g_assert_true (gtk_widget_grab_focus (button));
  pw_ui_test_press (f->window, "Return");
}

static void
fill_contribution (GtkWindow  *window,
                   const char *field)
{
  if (g_str_equal (field, "agency"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_AGENCY, "camhs"));
  else if (g_str_equal (field, "person"))
    pw_ui_test_type (window, "Dr Ana Ruiz");
  else if (g_str_equal (field, "role"))
    pw_ui_test_type (window, "Clinical psychologist");
  else if (g_str_equal (field, "stage"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_STAGE, "plan"));
  else if (g_str_equal (field, "text"))
    pw_ui_test_type (window, "Sleep routine plan agreed with the family.");
}

static void
fill_meeting (GtkWindow  *window,
              const char *field)
{
  if (g_str_equal (field, "type"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_MEETING_TYPE, "talc"));
  else if (g_str_equal (field, "date"))
    pw_ui_test_type (window, "2026-11-20");
  else if (g_str_equal (field, "question"))
    pw_ui_test_type (window, "Would a reduced timetable help attendance?");
  else if (g_str_equal (field, "lead-agency"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_AGENCY, "early-help"));
  else if (g_str_equal (field, "notes"))
    pw_ui_test_type (window, "Agreed to try for six weeks.");
}

static void
fill_involvement (GtkWindow  *window,
                  const char *field)
{
  if (g_str_equal (field, "agency"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_AGENCY, "housing"));
  else if (g_str_equal (field, "person"))
    pw_ui_test_type (window, "Lee Grant");
  else if (g_str_equal (field, "role"))
    pw_ui_test_type (window, "Housing officer");
  else if (g_str_equal (field, "from-date"))
    pw_ui_test_type (window, "2026-10-01");
}

static void
fill_action (GtkWindow  *window,
             const char *field)
{
  if (g_str_equal (field, "description"))
    pw_ui_test_type (window, "Book the housing visit");
  else if (g_str_equal (field, "owner"))
    pw_ui_test_type (window, "Lee Grant");
  else if (g_str_equal (field, "due-date"))
    pw_ui_test_type (window, "2026-12-15");
}

static PwRecord *
newest_record (Fixture *f,
               GType    type)
{
  g_autoptr(GListModel) records = list (f, type, child_id (f));
  guint n = g_list_model_get_n_items (records);

  return n > 0 ? g_list_model_get_item (records, n - 1) : NULL;
}

static void
keyboard_contribution (Fixture *f)
{
  static const char * const fields[] = {
    "agency", "person", "role", "event-date", "stage", "text", NULL
  };
  GtkWidget *view = show_view (f, "agencies");
  guint before = count (f, PW_TYPE_CONTRIBUTION, child_id (f));
  g_autoptr(PwRecord) saved = NULL;
  PwContributionDialog *dialog;

  open_by_keyboard (f, view, "contribution_button");
  dialog = wait_contribution_dialog ();
  fill_by_keyboard (GTK_WINDOW (dialog), pw_form_dialog_get_form (PW_FORM_DIALOG (dialog)),
                    fields, fill_contribution);
  /* The link to the open cycle comes after the form, on by default. */
  g_assert_true (pw_ui_test_has_focus (find (GTK_WIDGET (dialog), "cycle_row")));
  pw_ui_test_press (GTK_WINDOW (dialog), "<Control>Return");
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_CONTRIBUTION_DIALOG) == NULL);

  g_assert_cmpuint (count (f, PW_TYPE_CONTRIBUTION, child_id (f)), ==, before + 1);
  saved = newest_record (f, PW_TYPE_CONTRIBUTION);
  g_assert_cmpstr (pw_record_get_text (saved, "agency"), ==, "camhs");
  g_assert_cmpstr (pw_record_get_text (saved, "person"), ==, "Dr Ana Ruiz");
  g_assert_cmpstr (pw_record_get_text (saved, "role"), ==, "Clinical psychologist");
  g_assert_cmpstr (pw_record_get_text (saved, "event-date"), ==, TODAY);
  g_assert_cmpstr (pw_record_get_text (saved, "stage"), ==, "plan");
  g_assert_cmpstr (pw_record_get_text (saved, "text"), ==,
                   "Sleep routine plan agreed with the family.");
  g_assert_cmpint (pw_record_get_int (saved, "cycle-id"), !=, 0);
}

static void
keyboard_involvement (Fixture *f)
{
  static const char * const fields[] = {
    "agency", "person", "role", "from-date", "to-date", NULL
  };
  GtkWidget *view = show_view (f, "agencies");
  g_autoptr(PwRecord) saved = NULL;
  PwRecordDialog *dialog;
  PwRecordForm *form;

  open_by_keyboard (f, view, "involvement_button");
  dialog = wait_record_dialog ("Add an agency");
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  fill_by_keyboard (GTK_WINDOW (dialog), form, fields, fill_involvement);
  /* Back in a text field, Enter sends the form. */
  while (!pw_ui_test_has_focus (pw_record_form_get_row (form, "to-date")))
    pw_ui_test_press (GTK_WINDOW (dialog), "Tab");
  pw_ui_test_press (GTK_WINDOW (dialog), "Return");
  wait_record_dialog_closed ();

  saved = newest_record (f, PW_TYPE_INVOLVEMENT);
  g_assert_cmpstr (pw_record_get_text (saved, "agency"), ==, "housing");
  g_assert_cmpstr (pw_record_get_text (saved, "person"), ==, "Lee Grant");
  g_assert_cmpstr (pw_record_get_text (saved, "role"), ==, "Housing officer");
  g_assert_cmpstr (pw_record_get_text (saved, "from-date"), ==, "2026-10-01");
  g_assert_false (pw_record_is_set (saved, "to-date"));
  PW_UI_TEST_WAIT_FOR (shows_text (find (view, "involvement_list"), "Housing"));
}

static void
keyboard_meeting_and_action (Fixture *f)
{
  static const char * const meeting_fields[] = {
    "type", "date", "question", "lead-agency", "notes", NULL
  };
  static const char * const action_fields[] = { "description", "owner", "due-date", NULL };
  GtkWidget *view = show_view (f, "meetings");
  g_autoptr(PwRecord) meeting = NULL;
  g_autoptr(PwRecord) action = NULL;
  PwRecordDialog *dialog;
  GtkWidget *add_action;

  open_by_keyboard (f, view, "add_meeting_button");
  dialog = wait_record_dialog ("Add a meeting");
  fill_by_keyboard (GTK_WINDOW (dialog), pw_form_dialog_get_form (PW_FORM_DIALOG (dialog)),
                    meeting_fields, fill_meeting);
  pw_ui_test_press (GTK_WINDOW (dialog), "<Control>Return");
  wait_record_dialog_closed ();
  meeting = newest_record (f, PW_TYPE_MEETING);
  g_assert_cmpstr (pw_record_get_text (meeting, "type"), ==, "talc");
  g_assert_cmpstr (pw_record_get_text (meeting, "date"), ==, "2026-11-20");
  g_assert_cmpstr (pw_record_get_text (meeting, "lead-agency"), ==, "early-help");
  g_assert_cmpstr (pw_record_get_text (meeting, "notes"), ==, "Agreed to try for six weeks.");

  /* The new meeting is the newest: its "Add an action…" comes first. */
  PW_UI_TEST_WAIT_FOR ((add_action = find_action_button (view, "meetings.add-action",
                                                         pw_record_get_id (meeting))) != NULL);
  g_assert_true (gtk_widget_grab_focus (add_action));
  pw_ui_test_press (f->window, "Return");
  dialog = wait_record_dialog ("Add an action");
  fill_by_keyboard (GTK_WINDOW (dialog), pw_form_dialog_get_form (PW_FORM_DIALOG (dialog)),
                    action_fields, fill_action);
  pw_ui_test_press (GTK_WINDOW (dialog), "<Control>Return");
  wait_record_dialog_closed ();
  action = find_action (f, "Book the housing visit");
  g_assert_nonnull (action);
  g_assert_cmpint (pw_record_get_int (action, "meeting-id"), ==, pw_record_get_id (meeting));
  g_assert_cmpstr (pw_record_get_text (action, "owner"), ==, "Lee Grant");
  g_assert_cmpstr (pw_record_get_text (action, "due-date"), ==, "2026-12-15");
}

static void
test_keyboard_only (Fixture       *f,
                    gconstpointer  data)
{
  keyboard_contribution (f);
  keyboard_involvement (f);
  keyboard_meeting_and_action (f);
}

static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *view = show_view (f, "meetings");
  guint before = count (f, PW_TYPE_MEETING, child_id (f));
  PwRecordDialog *dialog;

  open_by_keyboard (f, view, "add_meeting_button");
  dialog = wait_record_dialog ("Add a meeting");
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (dialog), "Escape", "dialog.cancel"));
  pw_ui_test_press (GTK_WINDOW (dialog), "Escape");
  wait_record_dialog_closed ();
  g_assert_cmpuint (count (f, PW_TYPE_MEETING, child_id (f)), ==, before);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/child-views/history", test_history);
  ADD ("/pw/child-views/history-empty", test_history_empty);
  ADD ("/pw/child-views/agencies", test_agencies);
  ADD ("/pw/child-views/contributions-paged", test_contributions_paged);
  ADD ("/pw/child-views/meetings", test_meetings);
  ADD ("/pw/child-views/chronology", test_chronology);
  ADD ("/pw/child-views/contribution-refused-then-added", test_contribution_refused_then_added);
  ADD ("/pw/child-views/action-added-then-done", test_action_added_then_done);
  ADD ("/pw/child-views/keyboard-only", test_keyboard_only);
  ADD ("/pw/child-views/escape-cancels", test_escape_cancels);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);
  return status;
}
