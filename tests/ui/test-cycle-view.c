/* test-cycle-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "Current cycle" view over a real store of a few demo children: a
 * child's cycle is started, assessed, planned, delivered, reviewed and
 * closed entirely through the view's buttons, forms and dialogs.  At each
 * stage the test checks what the SENCO sees: the stage in the stepper, what
 * is still missing in the core's words, and a button to move on that cannot
 * be pressed while anything is missing.  A write the core refuses shows its
 * message at the row it is about, and nothing is saved.
 */

#define G_LOG_DOMAIN "test-cycle-view"

#include "config.h"

#include <string.h>

#include "pw-caseload-page.h"
#include "pw-child-page.h"
#include "pw-cycle-item-dialog.h"
#include "pw-cycle-stepper.h"
#include "pw-cycle-view.h"
#include "pw-demo.h"
#include "pw-ui-test-util.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 4

static PwStore *shared_store;

typedef struct
{
  GtkWindow   *window;
  PwCaseload  *caseload;
  PwCycleView *view;
  PwChild     *child;
} Fixture;

static PwStore *
demo_store (void)
{
  if (shared_store == NULL)
    shared_store = pw_ui_test_demo_store (N_CHILDREN);
  return shared_store;
}

/* A child of the store with no cycle yet. */
static PwChild *
add_child (PwCaseload *caseload)
{
  return pw_ui_test_add_child (caseload, "Amara", "Cycle", "F");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pw_set_today (TODAY);
  f->caseload = pw_caseload_new (demo_store (), &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (f->caseload, "Sam Senco");
  f->child = add_child (f->caseload);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 720);
  f->view = PW_CYCLE_VIEW (pw_cycle_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  pw_ui_test_wait_mapped (GTK_WIDGET (f->view));
  pw_cycle_view_set_caseload (f->view, f->caseload);
  pw_cycle_view_set_child (f->view, f->child);
  pw_ui_test_drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  pw_ui_test_destroy_window (f->window);
  pw_ui_test_drain ();
  g_clear_object (&f->child);
  g_assert_finalize_object (f->caseload);
  g_settings_reset (settings, "default-review-weeks");
  pw_set_today (NULL);
}

/* Finding and using widgets ---------------------------------------------------- */

/* Answers the question asked before closing a cycle. */
static void
answer_close (const char *label)
{
  GtkWindow *confirm = pw_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GtkWidget *button;

  g_assert_nonnull (confirm);
  pw_ui_test_wait_mapped (GTK_WIDGET (confirm));
  button = pw_ui_test_find_button (GTK_WIDGET (confirm), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  pw_ui_test_drain ();
}

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->view), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);
  pw_ui_test_drain ();
}

static void
click_named (Fixture    *f,
             const char *name)
{
  GtkWidget *widget = pw_ui_test_find_named (GTK_WIDGET (f->view), name);

  g_assert_nonnull (widget);
  click (widget);
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (f, "stack")));
}

/* What is listed as missing, joined by "; ", as the core joins it. */
static char *
shown_blockers (Fixture *f)
{
  GtkWidget *list = find (f, "blockers_list");
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_ptr_array_add (titles, NULL);
  return g_strjoinv ("; ", (char **) titles->pdata);
}

static gboolean
nothing_missing (Fixture *f)
{
  g_autofree char *shown = shown_blockers (f);

  return g_strcmp0 (shown, "Nothing is missing") == 0;
}

static void
assert_blockers (Fixture    *f,
                 const char *expected)
{
  g_autofree char *shown = shown_blockers (f);
  GtkWidget *move = find (f, "move_button");

  g_assert_cmpstr (shown, ==, expected);
  /* Only when nothing is missing can the cycle move on. */
  g_assert_true (gtk_widget_is_sensitive (move) == (g_strcmp0 (expected, "Nothing is missing") == 0));
}

static const char *
move_label (Fixture *f)
{
  return gtk_button_get_label (GTK_BUTTON (find (f, "move_button")));
}

static void
assert_stage (Fixture    *f,
              const char *stage,
              const char *assess,
              const char *plan,
              const char *do_,
              const char *review)
{
  PwCycleStepper *stepper = PW_CYCLE_STEPPER (find (f, "stepper"));
  const char *expected[] = { assess, plan, do_, review };

  g_assert_cmpstr (visible_page (f), ==, "cycle");
  g_assert_cmpstr (pw_cycle_stepper_get_stage (stepper), ==, stage);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (pw_cycle_stepper_get_step_label (stepper, i), ==, expected[i]);
}

/* Forms --------------------------------------------------------------------- */

static GtkWidget *
form_row (PwRecordForm *form,
          const char   *field)
{
  GtkWidget *row = pw_record_form_get_row (form, field);

  g_assert_nonnull (row);
  return row;
}

static void
set_text (PwRecordForm *form,
          const char   *field,
          const char   *text)
{
  GtkWidget *row = form_row (form, field);
  GtkWidget *view = GTK_IS_TEXT_VIEW (row) ? row : pw_ui_test_find_type (row, GTK_TYPE_TEXT_VIEW);

  if (view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_switch (PwRecordForm *form,
            const char   *field,
            gboolean      active)
{
  GtkWidget *toggle = pw_ui_test_find_type (form_row (form, field), GTK_TYPE_SWITCH);

  g_assert_nonnull (toggle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
}

static void
choose_code (PwRecordForm *form,
             const char   *field,
             PwCodeTable   table,
             const char   *code)
{
  guint n_codes;
  const PwCode *codes = pw_codes_get (table, &n_codes);

  for (guint i = 0; i < n_codes; i++)
    if (strcmp (codes[i].code, code) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (form, field)), i + 1);
        return;
      }
  g_assert_not_reached ();
}

/* The message shown under @field, or NULL. */
static const char *
shown_error (PwRecordForm *form,
             const char   *field)
{
  GtkWidget *row = form_row (form, field);
  GtkWidget *label;

  if (GTK_IS_LIST_BOX_ROW (row))
    label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (gtk_widget_get_next_sibling (row)));
  else
    label = gtk_widget_get_last_child (row);
  if (!gtk_widget_get_mapped (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Dialogs --------------------------------------------------------------------- */

static PwCycleItemDialog *
open_dialog (Fixture    *f,
             const char *name,
             const char *title)
{
  PwCycleItemDialog *dialog;

  click_named (f, name);
  dialog = PW_CYCLE_ITEM_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_CYCLE_ITEM_DIALOG));
  g_assert_nonnull (dialog);
  pw_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  return dialog;
}

static void
press_dialog_button (PwCycleItemDialog *dialog)
{
  click (pw_ui_test_find (GTK_WIDGET (dialog), "save_button"));
}

static void
save_dialog (PwCycleItemDialog *dialog)
{
  press_dialog_button (dialog);
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_CYCLE_ITEM_DIALOG) == NULL);
  pw_ui_test_drain ();
}

/* The store ------------------------------------------------------------------ */

static PwRecord *
stored_cycle (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PwCycle *cycle = pw_caseload_get_open_cycle (f->caseload,
                                               pw_record_get_id (PW_RECORD (f->child)), &error);

  g_assert_no_error (error);
  return PW_RECORD (cycle);
}

static guint
count_records (Fixture    *f,
               GType       type,
               const char *field,
               gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = pw_caseload_list (f->caseload, type, field, id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (records);
}

static PwRecord *
first_record (Fixture    *f,
              GType       type,
              const char *field,
              gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = pw_caseload_list (f->caseload, type, field, id, &error);

  g_assert_no_error (error);
  return g_list_model_get_item (records, 0);
}

/* The walk, stage by stage ------------------------------------------------------ */

static void
start_cycle (Fixture *f)
{
  g_autoptr(PwRecord) cycle = NULL;

  g_assert_cmpstr (visible_page (f), ==, "start");
  g_assert_null (pw_cycle_view_get_cycle (f->view));
  click (find (f, "start_button"));

  /* Today, with the review the preferences' interval ahead. */
  cycle = stored_cycle (f);
  g_assert_nonnull (cycle);
  g_assert_cmpint (pw_record_get_int (cycle, "number"), ==, 1);
  g_assert_cmpstr (pw_record_get_text (cycle, "opened-on"), ==, TODAY);
  g_assert_cmpstr (pw_record_get_text (cycle, "review-date"), ==, "2026-12-21");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (f, "cycle_title"))), ==, "Cycle 1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (f, "cycle_dates"))), ==,
                   "Started 23 November 2026 · review on 21 December 2026");
  /* The keyboard is ready in the first field. */
  g_assert_true (pw_ui_test_has_focus (form_row (pw_cycle_view_get_form (f->view), "opened-on")));
}

static void
add_outcome (Fixture *f)
{
  gint64 cycle_id = pw_record_get_id (PW_RECORD (pw_cycle_view_get_cycle (f->view)));
  PwCycleItemDialog *dialog = open_dialog (f, "cycle-add-outcome", "Add an outcome");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));

  set_text (form, "description", "Amara reads a Level 8 book aloud with 90% accuracy");
  set_text (form, "success-criteria", "A running record at 90% on an unseen text");

  /* A target before the cycle started: the core refuses it, at its row. */
  set_text (form, "target-date", "2026-11-01");
  press_dialog_button (dialog);
  g_assert_cmpstr (shown_error (form, "target-date"), ==,
                   "Target date cannot be before the start of the cycle (" TODAY ")");
  g_assert_true (pw_ui_test_find_toplevel (PW_TYPE_CYCLE_ITEM_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpuint (count_records (f, PW_TYPE_OUTCOME, "cycle-id", cycle_id), ==, 0);

  set_text (form, "target-date", "2027-02-12");
  save_dialog (dialog);
  g_assert_cmpuint (count_records (f, PW_TYPE_OUTCOME, "cycle-id", cycle_id), ==, 1);
}

static void
add_provision (Fixture *f)
{
  gint64 cycle_id = pw_record_get_id (PW_RECORD (pw_cycle_view_get_cycle (f->view)));
  g_autoptr(PwRecord) outcome = first_record (f, PW_TYPE_OUTCOME, "cycle-id", cycle_id);
  g_autoptr(PwRecord) provision = NULL;
  PwCycleItemDialog *dialog = open_dialog (f, "cycle-add-provision", "Add provision");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  AdwComboRow *outcome_row = pw_cycle_item_dialog_get_outcome_row (dialog);
  GtkStringObject *item;

  /* The outcome is offered by its words. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (outcome_row)), ==, 2);
  item = g_list_model_get_item (adw_combo_row_get_model (outcome_row), 1);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==,
                   "1. Amara reads a Level 8 book aloud with 90% accuracy");
  g_object_unref (item);
  adw_combo_row_set_selected (outcome_row, 1);
  set_text (form, "intervention", "Reading catch-up");
  set_text (form, "frequency", "3 times a week, 20 minutes");
  set_text (form, "delivered-by", "Mrs Patel (TA)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "start-date"))), ==, TODAY);
  save_dialog (dialog);

  provision = first_record (f, PW_TYPE_PROVISION, "cycle-id", cycle_id);
  g_assert_nonnull (provision);
  g_assert_cmpint (pw_record_get_int (provision, "outcome-id"), ==, pw_record_get_id (outcome));
}

static void
walk_assess (Fixture *f)
{
  PwRecordForm *form = pw_cycle_view_get_form (f->view);
  g_autoptr(PwRecord) cycle = NULL;

  assert_stage (f, "assess", "Assess: current stage", "Plan: not reached yet",
                "Do: not reached yet", "Review: not reached yet");
  assert_blockers (f, "Describe the child’s needs");
  g_assert_cmpstr (move_label (f), ==, "_Move to Plan");

  add_outcome (f);
  add_provision (f);
  assert_blockers (f, "Describe the child’s needs");

  /* What is missing follows what is written, saved or not. */
  set_text (form, "needs-summary", "Finds decoding unfamiliar words hard");
  set_text (form, "child-views", "“I like it when stories are read to me.”");
  PW_UI_TEST_WAIT_FOR (nothing_missing (f));
  assert_blockers (f, "Nothing is missing");

  /* Moving on saves what was written first. */
  click (find (f, "move_button"));
  cycle = stored_cycle (f);
  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, "plan");
  g_assert_cmpstr (pw_record_get_text (cycle, "needs-summary"), ==,
                   "Finds decoding unfamiliar words hard");
  g_assert_cmpstr (pw_record_get_text (cycle, "child-views"), ==,
                   "“I like it when stories are read to me.”");
}

static void
walk_plan (Fixture *f)
{
  PwRecordForm *form = pw_cycle_view_get_form (f->view);
  g_autoptr(PwRecord) cycle = NULL;

  assert_stage (f, "plan", "Assess: done", "Plan: current stage", "Do: not reached yet",
                "Review: not reached yet");
  /* The review date set at the start is there to change. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "review-date"))), ==,
                   "2026-12-21");
  assert_blockers (f, "Nothing is missing");
  set_text (form, "review-date", "");
  click (find (f, "save_button"));
  assert_blockers (f, "Set a review date");

  set_text (form, "parents-notified-on", TODAY);
  set_switch (form, "parents-agree", TRUE);
  set_text (form, "expected-impact", "Reads with the class by the spring");
  set_text (form, "review-date", "2027-01-15");
  click (find (f, "save_button"));
  assert_blockers (f, "Nothing is missing");
  g_assert_cmpstr (move_label (f), ==, "_Move to Do");
  click (find (f, "move_button"));

  cycle = stored_cycle (f);
  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, "do");
  g_assert_cmpint (pw_record_get_int (cycle, "parents-agree"), ==, 1);
  g_assert_cmpstr (pw_record_get_text (cycle, "review-date"), ==, "2027-01-15");
}

static void
log_session (Fixture *f)
{
  gint64 cycle_id = pw_record_get_id (PW_RECORD (pw_cycle_view_get_cycle (f->view)));
  g_autoptr(PwRecord) provision = first_record (f, PW_TYPE_PROVISION, "cycle-id", cycle_id);
  g_autofree char *name = g_strdup_printf ("cycle-log-session-%" G_GINT64_FORMAT,
                                           pw_record_get_id (provision));
  g_autoptr(PwRecord) session = NULL;
  g_autofree char *row_name = NULL;
  PwCycleItemDialog *dialog;

  /* Each provision has its button, named for it. */
  gtk_test_accessible_assert_property (
    GTK_ACCESSIBLE (pw_ui_test_find_named (GTK_WIDGET (f->view), name)),
    GTK_ACCESSIBLE_PROPERTY_LABEL, "Log a session of Reading catch-up");
  dialog = open_dialog (f, name, "Log a session");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));

  /* Today, by whoever delivers the provision. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "date"))), ==, TODAY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "delivered-by"))), ==,
                   "Mrs Patel (TA)");
  choose_code (form, "engagement", PW_CODES_ENGAGEMENT, "4");
  set_text (form, "notes", "Read three pages without prompting");
  save_dialog (dialog);

  session = first_record (f, PW_TYPE_SESSION, "provision-id", pw_record_get_id (provision));
  g_assert_nonnull (session);
  g_assert_cmpint (pw_record_get_int (session, "attended"), ==, 1);
  g_assert_cmpstr (pw_record_get_text (session, "engagement"), ==, "4");
  /* The log shows it, to open again. */
  row_name = g_strdup_printf ("cycle-cycle.edit-session-%" G_GINT64_FORMAT,
                              pw_record_get_id (session));
  g_assert_nonnull (pw_ui_test_find_named (GTK_WIDGET (f->view), row_name));
}

static void
walk_do (Fixture *f)
{
  PwRecordForm *form = pw_cycle_view_get_form (f->view);
  g_autoptr(PwRecord) cycle = NULL;

  assert_stage (f, "do", "Assess: done", "Plan: done", "Do: current stage",
                "Review: not reached yet");
  assert_blockers (f, "Nothing is missing");

  /* The core refuses a plan under way without a review date: the message
   * shows at the row, and the stored date stays. */
  set_text (form, "review-date", "");
  click (find (f, "save_button"));
  g_assert_cmpstr (shown_error (form, "review-date"), ==,
                   "Review date is required once the plan is agreed");
  g_assert_true (pw_ui_test_has_focus (form_row (form, "review-date")));
  cycle = stored_cycle (f);
  g_assert_cmpstr (pw_record_get_text (cycle, "review-date"), ==, "2027-01-15");
  set_text (form, "review-date", "2027-01-15");
  click (find (f, "save_button"));
  g_assert_null (shown_error (form, "review-date"));

  log_session (f);
  g_assert_cmpstr (move_label (f), ==, "_Move to Review");
  click (find (f, "move_button"));
}

static void
rate_outcome (Fixture *f)
{
  gint64 cycle_id = pw_record_get_id (PW_RECORD (pw_cycle_view_get_cycle (f->view)));
  g_autoptr(PwRecord) outcome = first_record (f, PW_TYPE_OUTCOME, "cycle-id", cycle_id);
  g_autofree char *name = g_strdup_printf ("cycle-cycle.rate-outcome-%" G_GINT64_FORMAT,
                                           pw_record_get_id (outcome));
  PwCycleItemDialog *dialog = open_dialog (f, name, "Rate the outcome");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));

  /* Evidence is required: nothing is saved without it. */
  choose_code (form, "progress", PW_CODES_RATING, "met");
  press_dialog_button (dialog);
  g_assert_cmpstr (shown_error (form, "evidence"), ==, "Evidence of progress is required");
  g_assert_cmpuint (count_records (f, PW_TYPE_RATING, "outcome-id",
                                   pw_record_get_id (outcome)), ==, 0);
  set_text (form, "evidence", "Running record at 92% on 8 January");
  save_dialog (dialog);
  g_assert_cmpuint (count_records (f, PW_TYPE_RATING, "outcome-id",
                                   pw_record_get_id (outcome)), ==, 1);
}

static void
walk_review (Fixture *f)
{
  PwRecordForm *form = pw_cycle_view_get_form (f->view);

  assert_stage (f, "review", "Assess: done", "Plan: done", "Do: done", "Review: current stage");
  assert_blockers (f, "Rate the outcome not yet rated; Record the date the review was held; "
                      "Record the decision");
  g_assert_cmpstr (move_label (f), ==, "_Close the cycle");

  rate_outcome (f);
  assert_blockers (f, "Record the date the review was held; Record the decision");

  set_text (form, "review-held-on", TODAY);
  set_text (form, "review-changes", "Paired reading twice a week as well");
  choose_code (form, "decision", PW_CODES_DECISION, "new-cycle");
  click (find (f, "save_button"));
  assert_blockers (f, "Nothing is missing");
}

static void
close_cycle (Fixture *f,
             gint64   cycle_id)
{
  GtkWindow *confirm;
  g_autoptr(PwRecord) closed = NULL;
  g_autoptr(GError) error = NULL;

  click (find (f, "move_button"));
  confirm = pw_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==,
                   "Close cycle 1?");
  answer_close ("C_lose the cycle");

  g_assert_null (stored_cycle (f));
  closed = pw_caseload_load (f->caseload, PW_TYPE_CYCLE, cycle_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_record_get_text (closed, "state"), ==, "closed");
  g_assert_cmpstr (pw_record_get_text (closed, "closed-on"), ==, TODAY);

  /* Back to the start, with what the last cycle decided. */
  g_assert_cmpstr (visible_page (f), ==, "start");
  g_assert_null (pw_cycle_view_get_cycle (f->view));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (find (f, "start_page"))), ==,
                   "Cycle 1 was closed on 23 November 2026. Decision: Continue with a new cycle.");
  g_assert_true (gtk_widget_is_sensitive (find (f, "start_button")));
}

static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 cycle_id;

  g_settings_set_uint (settings, "default-review-weeks", 4);
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (f->view), "<Control>s", "cycle.save"));
  start_cycle (f);
  cycle_id = pw_record_get_id (PW_RECORD (pw_cycle_view_get_cycle (f->view)));
  walk_assess (f);
  walk_plan (f);
  walk_do (f);
  walk_review (f);
  close_cycle (f, cycle_id);
}

/* Cancelling a close leaves the cycle open at its review. */
static void
test_close_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  PwRecordForm *form;
  g_autoptr(PwRecord) cycle = NULL;

  click (find (f, "start_button"));
  form = pw_cycle_view_get_form (f->view);
  set_text (form, "needs-summary", "Needs help with reading");
  click (find (f, "save_button"));
  click (find (f, "move_button"));
  add_outcome (f);
  click (find (f, "move_button"));
  click (find (f, "move_button"));
  rate_outcome (f);
  form = pw_cycle_view_get_form (f->view);
  set_text (form, "review-held-on", TODAY);
  choose_code (form, "decision", PW_CODES_DECISION, "close");
  set_text (form, "next-steps", "Needs met: stays with class support");

  /* Closing saves what is written first, even if the close is not confirmed. */
  PW_UI_TEST_WAIT_FOR (nothing_missing (f));
  click (find (f, "move_button"));
  answer_close ("_Cancel");

  /* What was written is saved, and the cycle waits at its review. */
  cycle = stored_cycle (f);
  g_assert_nonnull (cycle);
  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, "review");
  g_assert_cmpstr (pw_record_get_text (cycle, "decision"), ==, "close");
  g_assert_cmpstr (pw_record_get_text (cycle, "next-steps"), ==,
                   "Needs met: stays with class support");
  assert_stage (f, "review", "Assess: done", "Plan: done", "Do: done", "Review: current stage");
}

/* Locking takes the cycle off the screen; another child starts at their own. */
static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PwChild) other = add_child (f->caseload);

  click (find (f, "start_button"));
  g_assert_nonnull (pw_cycle_view_get_cycle (f->view));

  pw_cycle_view_set_child (f->view, other);
  pw_ui_test_drain ();
  g_assert_cmpstr (visible_page (f), ==, "start");
  g_assert_null (pw_cycle_view_get_cycle (f->view));

  pw_cycle_view_set_child (f->view, f->child);
  pw_ui_test_drain ();
  g_assert_cmpstr (visible_page (f), ==, "cycle");
  g_assert_nonnull (pw_cycle_view_get_form (f->view));

  pw_cycle_view_set_caseload (f->view, NULL);
  g_assert_cmpstr (visible_page (f), ==, "empty");
  g_assert_null (pw_cycle_view_get_cycle (f->view));
  g_assert_null (pw_cycle_view_get_form (f->view));
}

/* In the child's record -------------------------------------------------------- */

static void
test_in_child_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = pw_caseload_new (demo_store (), &error);
  g_autoptr(PwChild) child = add_child (caseload);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = pw_caseload_page_new ();
  AdwViewStack *stack;
  AdwViewStackPage *cycle_page;
  GtkWidget *view;

  pw_set_today (TODAY);
  gtk_window_set_default_size (window, 1100, 720);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  pw_ui_test_wait_mapped (page);
  pw_caseload_page_set_store (PW_CASELOAD_PAGE (page), demo_store ());
  pw_ui_test_drain ();
  g_assert_true (pw_caseload_page_select_child (PW_CASELOAD_PAGE (page),
                                                pw_record_get_id (PW_RECORD (child))));
  pw_ui_test_drain ();

  stack = ADW_VIEW_STACK (pw_ui_test_find (page, "view_stack"));
  view = pw_ui_test_find (page, "cycle_view");
  cycle_page = adw_view_stack_get_page (stack, view);
  g_assert_cmpstr (adw_view_stack_page_get_title (cycle_page), ==, "Current cycle");
  adw_view_stack_set_visible_child_name (stack, "cycle");
  pw_ui_test_wait_mapped (view);
  g_assert_true (pw_cycle_view_get_child (PW_CYCLE_VIEW (view)) != NULL);
  g_assert_cmpint (pw_record_get_id (PW_RECORD (pw_cycle_view_get_child (PW_CYCLE_VIEW (view)))),
                   ==, pw_record_get_id (PW_RECORD (child)));
  g_signal_emit_by_name (pw_ui_test_find (view, "start_button"), "clicked");
  pw_ui_test_drain ();
  g_assert_nonnull (pw_cycle_view_get_cycle (PW_CYCLE_VIEW (view)));

  /* Locking the store lets go of the cycle. */
  pw_store_lock (demo_store ());
  pw_ui_test_drain ();
  g_assert_null (pw_cycle_view_get_cycle (PW_CYCLE_VIEW (view)));
  g_assert_true (pw_store_unlock (demo_store (), PW_UI_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  pw_ui_test_destroy_window (window);
  pw_set_today (NULL);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/cycle-view/walk", test_walk);
  ADD ("/pw/cycle-view/close-cancelled", test_close_cancelled);
  ADD ("/pw/cycle-view/clear", test_clear);
  g_test_add_func ("/pw/cycle-view/in-child-page", test_in_child_page);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);
  return status;
}
