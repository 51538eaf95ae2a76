/* test-keyboard-flow.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole flow with the keyboard alone, in the main window as a user
 * finds it with no store: create a store in a folder of their own (the
 * passphrase twice, the recovery key acknowledged), add a child with Ctrl+N,
 * select them, walk an Assess-Plan-Do-Review cycle from its start to its
 * close, look at it in the History, and export the child's case file with
 * Ctrl+E.  At every step the focus is where the user would look next, and
 * the end shows what a user would notice: the child in the list, the
 * closed cycle with its rating in the History, the exported file with the
 * child's UPN.
 *
 * Nothing is done for the user: every step is a key, pressed the way GTK
 * dispatches it (from the focused widget up through its ancestors, to the
 * first shortcut bound to that key) or text typed into the focused field.
 * The test reads widgets only to find where the focus is and to check what
 * is shown; outside the user's steps it only fixes today's date and the
 * store's key-derivation cost.  Enter on a row with a list opens the list,
 * and Ctrl+Enter sends a dialog's form from wherever the focus is in it, a
 * paragraph field included.
 */

#define G_LOG_DOMAIN "test-keyboard-flow"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "pw-add-child-dialog.h"
#include "pw-child-page.h"
#include "pw-create-store-dialog.h"
#include "pw-cycle-item-dialog.h"
#include "pw-cycle-view.h"
#include "pw-export-dialog.h"
#include "pw-identifiers.h"
#include "pw-ui-test-util.h"
#include "pw-window.h"

#define TODAY      "2026-11-23"
#define MAX_TABS   60
#define UPN_SERIAL "916200115901"

/* Each step says what it is in the test's output. */
#define STEP() g_test_message ("Step: %s", G_STRFUNC)

/* Finding widgets ------------------------------------------------------------- */

static GtkWidget *
find (GtkWidget  *root,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (root, id);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
form_row (PwRecordForm *form,
          const char   *field)
{
  GtkWidget *row = pw_record_form_get_row (form, field);

  g_assert_nonnull (row);
  return row;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *window;

  PW_UI_TEST_WAIT_FOR ((window = pw_ui_test_find_toplevel (type)) != NULL);
  pw_ui_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
wait_closed (GType type)
{
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (type) == NULL);
  pw_ui_test_drain ();
}

/* A page fades in over the one before: until it has, the page going away
 * still takes the focus.  A user's next key comes later than that. */
static void
wait_stack_settled (GtkWidget *stack)
{
  PW_UI_TEST_WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (stack)));
}

/* The keyboard --------------------------------------------------------------- */

static char *
describe_focus (GtkWindow *window)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window)); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

      g_string_append_printf (text, "%s%s%s < ", G_OBJECT_TYPE_NAME (widget),
                              id != NULL ? "#" : "", id != NULL ? id : "");
    }
  return g_string_free (text, FALSE);
}

static void
assert_focus_in (GtkWindow *window,
                 GtkWidget *widget)
{
  g_autofree char *focus = NULL;

  if (pw_ui_test_has_focus (widget))
    return;
  focus = describe_focus (window);
  g_error ("The focus should be in %s#%s, not in %s", G_OBJECT_TYPE_NAME (widget),
           gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), focus);
}

/* Presses Tab until the focus is in @target, as a user would, failing if
 * it never gets there.  Tab in a text view that took it would type a tab,
 * so there it would not move on. */
static void
tab_to (GtkWindow *window,
        GtkWidget *target)
{
  for (guint i = 0; i < MAX_TABS && !pw_ui_test_has_focus (target); i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_assert_false (GTK_IS_TEXT_VIEW (focus) &&
                      gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (focus)));
      pw_ui_test_press (window, "Tab");
    }
  assert_focus_in (window, target);
}

/* Enter opens the list of a combo row, rather than sending the form; Down
 * moves through it, Enter chooses and gives the focus back to the row.  The
 * window is held so that a form sent instead fails the test cleanly. */
static void
choose (GtkWindow *window,
        guint      n_down)
{
  g_autoptr(GtkWindow) held = g_object_ref (window);

  pw_ui_test_press (window, "Return");
  PW_UI_TEST_WAIT_FOR (pw_ui_test_in_popover (window) ||
                       !gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (pw_ui_test_in_popover (window));
  for (guint i = 0; i < n_down; i++)
    pw_ui_test_press (window, "Down");
  pw_ui_test_press (window, "Return");
  PW_UI_TEST_WAIT_FOR (!pw_ui_test_in_popover (window));
}

static void
fill (GtkWindow    *window,
      PwRecordForm *form,
      const char   *field,
      const char   *text)
{
  tab_to (window, form_row (form, field));
  pw_ui_test_type (window, text);
}

static void
pick (GtkWindow    *window,
      PwRecordForm *form,
      const char   *field,
      PwCodeTable   table,
      const char   *code)
{
  tab_to (window, form_row (form, field));
  choose (window, pw_ui_test_code_position (table, code));
}

/* Ctrl+Enter sends the form of @dialog from wherever the focus is in it. */
static void
send_with_ctrl_enter (GtkWindow *dialog)
{
  GType type = G_OBJECT_TYPE (dialog);

  pw_ui_test_press (dialog, "<Control>Return");
  wait_closed (type);
}

/* The focus is in a paragraph field, where Enter starts a new line. */
static void
assert_in_paragraph (GtkWindow *window)
{
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
}

/* Tab to a button and press Enter.  A button pressed from the keyboard
 * shows itself pressed for a moment before it acts, so callers wait for
 * what it does. */
static void
press_button (GtkWindow *window,
              GtkWidget *button)
{
  tab_to (window, button);
  pw_ui_test_press (window, "Return");
}

/* The window ------------------------------------------------------------------ */

static PwWindow *
open_window (void)
{
  PwWindow *window = g_object_new (PW_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  pw_ui_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

/* The child the child page shows. */
static PwChild *
shown_child (PwWindow *window)
{
  PwChild *child = pw_child_page_get_child (PW_CHILD_PAGE (find (GTK_WIDGET (window),
                                                                 "child_page")));

  g_assert_nonnull (child);
  return child;
}

static PwCycleView *
cycle_view (PwWindow *window)
{
  return PW_CYCLE_VIEW (find (GTK_WIDGET (window), "cycle_view"));
}

static const char *
cycle_state (PwWindow *window)
{
  PwCycle *cycle = pw_cycle_view_get_cycle (cycle_view (window));

  return cycle != NULL ? pw_record_get_text (PW_RECORD (cycle), "state") : NULL;
}

static PwRecordForm *
stage_form (PwWindow *window)
{
  PwRecordForm *form = pw_cycle_view_get_form (cycle_view (window));

  g_assert_nonnull (form);
  return form;
}

/* The steps ------------------------------------------------------------------- */

/* Save As in a file chooser: the name field takes a whole path. */
static void
save_as (const char *path)
{
  GtkWindow *chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

  g_assert_true (GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (chooser))));
  pw_ui_test_type (chooser, path);
  pw_ui_test_press (chooser, "Return");
  wait_closed (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static PwCreateStoreDialog *
open_create_store_dialog (PwWindow *window)
{
  GtkWidget *create_button = find (GTK_WIDGET (window), "create_button");
  GtkWindow *dialog;

  /* The start page offers its first choice straight away. */
  assert_focus_in (GTK_WINDOW (window), create_button);
  pw_ui_test_press (GTK_WINDOW (window), "Return");
  dialog = wait_for_toplevel (PW_TYPE_CREATE_STORE_DIALOG);
  assert_focus_in (dialog, find (GTK_WIDGET (dialog), "passphrase_row"));
  /* Not a step of the user's: the cheapest cost the core accepts, rather
   * than one measured on a busy test machine. */
  pw_create_store_dialog_set_kdf_cost (PW_CREATE_STORE_DIALOG (dialog), pw_ui_test_cost ());
  return PW_CREATE_STORE_DIALOG (dialog);
}

static void
choose_store_location (PwCreateStoreDialog *dialog,
                       const char          *path)
{
  press_button (GTK_WINDOW (dialog), find (GTK_WIDGET (dialog), "choose_button"));
  save_as (path);
  g_assert_cmpstr (pw_create_store_dialog_get_path (dialog), ==, path);
}

static void
type_passphrase_twice (PwCreateStoreDialog *dialog)
{
  GtkWindow *window = GTK_WINDOW (dialog);
  GtkWidget *stack = find (GTK_WIDGET (dialog), "stack");
  PwUiTestWait wait_long;

  tab_to (window, find (GTK_WIDGET (dialog), "passphrase_row"));
  pw_ui_test_type (window, PW_UI_TEST_PASSPHRASE);
  tab_to (window, find (GTK_WIDGET (dialog), "confirm_row"));
  pw_ui_test_type (window, PW_UI_TEST_PASSPHRASE);
  /* Enter sends the form: the store is made, then its recovery key shown.
   * Deriving the key takes a while on a loaded machine. */
  pw_ui_test_press (window, "Return");
  wait_long = pw_ui_test_wait_begin (60);
  while (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "recovery") != 0)
    pw_ui_test_wait_iterate (&wait_long, "the recovery key");
  pw_ui_test_wait_end (&wait_long);
  wait_stack_settled (stack);
  g_assert_false (pw_create_store_dialog_get_busy (dialog));
}

static void
acknowledge_recovery_key (PwCreateStoreDialog *dialog)
{
  GtkWindow *window = GTK_WINDOW (dialog);
  GtkWidget *check = find (GTK_WIDGET (dialog), "written_check");
  const char *key = gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (dialog),
                                                         "recovery_key_label")));

  g_assert_cmpuint (strlen (key), >, 20);
  assert_focus_in (window, find (GTK_WIDGET (dialog), "copy_button"));
  tab_to (window, check);
  pw_ui_test_press (window, "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  press_button (window, find (GTK_WIDGET (dialog), "done_button"));
  wait_closed (PW_TYPE_CREATE_STORE_DIALOG);
}

static void
create_store (PwWindow   *window,
              const char *path)
{
  PwCreateStoreDialog *dialog;
  PwStore *store;

  STEP ();
  dialog = open_create_store_dialog (window);
  choose_store_location (dialog, path);
  type_passphrase_twice (dialog);
  acknowledge_recovery_key (dialog);

  /* The empty caseload, ready to add the first child. */
  store = pw_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpstr (pw_store_get_path (store), ==, path);
  g_assert_false (pw_store_get_locked (store));
  wait_stack_settled (find (GTK_WIDGET (window), "stack"));
  assert_focus_in (GTK_WINDOW (window), find (GTK_WIDGET (window), "empty_add_button"));
}

static void
add_child (PwWindow   *window,
           const char *upn)
{
  GtkWindow *dialog;
  PwRecordForm *form;

  STEP ();
  pw_ui_test_press (GTK_WINDOW (window), "<Control>n");
  dialog = wait_for_toplevel (PW_TYPE_ADD_CHILD_DIALOG);
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  assert_focus_in (dialog, form_row (form, "legal-given-name"));

  pw_ui_test_type (dialog, "Mary");
  fill (dialog, form, "legal-family-name", "Seacole");
  fill (dialog, form, "date-of-birth", "2017-01-31");
  pick (dialog, form, "sex", PW_CODES_SEX, "F");
  fill (dialog, form, "upn", upn);
  pick (dialog, form, "sen-provision", PW_CODES_SEN_PROVISION, "K");
  fill (dialog, form, "trusted-adult", "Mrs Patel");
  send_with_ctrl_enter (dialog);

  /* Back in the caseload, at the child's row, with the child shown. */
  assert_focus_in (GTK_WINDOW (window), find (GTK_WIDGET (window), "list_view"));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find (GTK_WIDGET (window),
                                                                       "child_title"))),
                   ==, "Mary Seacole");
}

/* Enter on the child's row in the list opens them in the child pane. */
static void
select_child (PwWindow *window)
{
  GtkWidget *list_view = find (GTK_WIDGET (window), "list_view");
  GtkWidget *child_stack = find (GTK_WIDGET (window), "child_stack");
  GtkWidget *focus;
  PwChild *child;

  STEP ();
  tab_to (GTK_WINDOW (window), list_view);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) == list_view);
  pw_ui_test_press (GTK_WINDOW (window), "Return");
  child = shown_child (window);
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (child), "legal-family-name"), ==, "Seacole");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_stack)), ==, "child");
  assert_focus_in (GTK_WINDOW (window), focus);
}

/* Whether the focus is on the child page's view switcher button for @title.
 * The page shows a wide or a narrow switcher as its width allows, so the
 * button is looked for where the focus is, not before. */
static gboolean
on_switcher_button (PwWindow   *window,
                    const char *title)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GType button_type = g_type_from_name ("AdwViewSwitcherButton");

  return focus != NULL && G_TYPE_CHECK_INSTANCE_TYPE (focus, button_type) &&
         gtk_widget_is_ancestor (focus, find (GTK_WIDGET (window), "child_page")) &&
         pw_ui_test_find_label (focus, title) != NULL;
}

static void
show_view (PwWindow   *window,
           const char *title,
           const char *name)
{
  GtkWidget *page = find (GTK_WIDGET (window), "child_page");
  AdwViewStack *stack = ADW_VIEW_STACK (find (page, "view_stack"));

  g_test_message ("Step: show the %s view", title);
  for (guint i = 0; i < MAX_TABS && !on_switcher_button (window, title); i++)
    pw_ui_test_press (GTK_WINDOW (window), "Tab");
  g_assert_true (on_switcher_button (window, title));
  pw_ui_test_press (GTK_WINDOW (window), "space");
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), name) == 0);
  g_assert_true (on_switcher_button (window, title));
}

static void
start_cycle (PwWindow *window)
{
  GtkWidget *view = GTK_WIDGET (cycle_view (window));

  STEP ();
  /* Past the view switcher, the view offers to start one. */
  press_button (GTK_WINDOW (window), find (view, "start_button"));
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (cycle_state (window), "assess") == 0);
  /* The keyboard is ready in the first field. */
  assert_focus_in (GTK_WINDOW (window), form_row (stage_form (window), "opened-on"));
}

/* Opens the dialog of the cycle view's button or row named @name. */
static PwCycleItemDialog *
open_item_dialog (PwWindow   *window,
                  const char *name)
{
  GtkWidget *target = pw_ui_test_find_named_prefix (GTK_WIDGET (cycle_view (window)), name);
  GtkWindow *dialog;
  PwRecordForm *form;

  g_assert_nonnull (target);
  press_button (GTK_WINDOW (window), target);
  dialog = wait_for_toplevel (PW_TYPE_CYCLE_ITEM_DIALOG);
  /* The focus starts in the dialog's form. */
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  assert_focus_in (dialog, GTK_WIDGET (form));
  return PW_CYCLE_ITEM_DIALOG (dialog);
}

/* Ctrl+Enter sends the form, and the focus goes back to what opened the
 * dialog. */
static void
send_item_dialog (PwWindow          *window,
                  PwCycleItemDialog *dialog,
                  const char        *opener)
{
  send_with_ctrl_enter (GTK_WINDOW (dialog));
  assert_focus_in (GTK_WINDOW (window),
                   pw_ui_test_find_named_prefix (GTK_WIDGET (cycle_view (window)), opener));
}

/* The next stage starts at the top of its form; a review starts at the
 * first outcome to rate, above the form. */
static void
move_on (PwWindow   *window,
         const char *next_state)
{
  GtkWidget *view = GTK_WIDGET (cycle_view (window));

  press_button (GTK_WINDOW (window), find (view, "move_button"));
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (cycle_state (window), next_state) == 0);
  if (g_str_equal (next_state, "review"))
    assert_focus_in (GTK_WINDOW (window),
                     pw_ui_test_find_named_prefix (view, "cycle-cycle.rate-outcome-"));
  else
    assert_focus_in (GTK_WINDOW (window), GTK_WIDGET (stage_form (window)));
}

static void
add_outcome (PwWindow *window)
{
  PwCycleItemDialog *dialog = open_item_dialog (window, "cycle-add-outcome");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWindow *item = GTK_WINDOW (dialog);

  STEP ();
  assert_focus_in (item, form_row (form, "description"));
  pw_ui_test_type (item, "Mary reads a Level 8 book aloud with 90% accuracy");
  fill (item, form, "success-criteria", "A running record at 90% on an unseen text");
  fill (item, form, "target-date", "2027-02-12");
  send_item_dialog (window, dialog, "cycle-add-outcome");
}

/* Whether the provision's row in the plan names @outcome as the one it is for. */
static gboolean
provision_serves (PwWindow   *window,
                  const char *outcome)
{
  GtkWidget *row = pw_ui_test_find_named_prefix (GTK_WIDGET (cycle_view (window)),
                                                 "cycle-cycle.edit-provision-");
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  return subtitle != NULL && strstr (subtitle, outcome) != NULL;
}

static void
add_provision (PwWindow *window)
{
  PwCycleItemDialog *dialog = open_item_dialog (window, "cycle-add-provision");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWindow *item = GTK_WINDOW (dialog);
  GtkWidget *outcome_row = GTK_WIDGET (pw_cycle_item_dialog_get_outcome_row (dialog));

  STEP ();
  fill (item, form, "intervention", "Reading catch-up");
  fill (item, form, "frequency", "3 times a week, 20 minutes");
  fill (item, form, "delivered-by", "Mrs Patel (TA)");
  tab_to (item, outcome_row);
  choose (item, 1);
  send_item_dialog (window, dialog, "cycle-add-provision");
  PW_UI_TEST_WAIT_FOR (provision_serves (window, "for outcome 1"));
}

static void
assess_needs (PwWindow *window)
{
  GtkWindow *main = GTK_WINDOW (window);

  STEP ();
  fill (main, stage_form (window), "needs-summary", "Finds decoding unfamiliar words hard");
  fill (main, stage_form (window), "child-views", "I like it when stories are read to me.");
  add_outcome (window);
  add_provision (window);
  move_on (window, "plan");
}

static void
plan_outcomes_and_provision (PwWindow *window)
{
  GtkWindow *main = GTK_WINDOW (window);
  PwRecordForm *form = stage_form (window);
  GtkWidget *agree;

  STEP ();
  fill (main, form, "parents-notified-on", TODAY);
  /* Space turns a switch row; the switch slides over before it is on. */
  tab_to (main, form_row (form, "parents-agree"));
  pw_ui_test_press (main, "space");
  agree = pw_ui_test_find_type (form_row (form, "parents-agree"), GTK_TYPE_SWITCH);
  PW_UI_TEST_WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (agree)));
  fill (main, form, "expected-impact", "Reads with the class by the spring");
  move_on (window, "do");
}

static void
do_sessions (PwWindow *window)
{
  PwCycleItemDialog *dialog = open_item_dialog (window, "cycle-log-session-");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWindow *item = GTK_WINDOW (dialog);

  STEP ();
  /* Today, by whoever delivers the provision, attended: only how it went. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "delivered-by"))), ==,
                   "Mrs Patel (TA)");
  pick (item, form, "engagement", PW_CODES_ENGAGEMENT, "4");
  fill (item, form, "notes", "Read three pages without prompting");
  assert_in_paragraph (item);
  send_item_dialog (window, dialog, "cycle-log-session-");
  move_on (window, "review");
}

static void
rate_outcome (PwWindow *window)
{
  PwCycleItemDialog *dialog = open_item_dialog (window, "cycle-cycle.rate-outcome-");
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWindow *item = GTK_WINDOW (dialog);

  STEP ();
  pick (item, form, "progress", PW_CODES_RATING, "met");
  fill (item, form, "evidence", "Running record at 92% on 8 January");
  assert_in_paragraph (item);
  send_item_dialog (window, dialog, "cycle-cycle.rate-outcome-");
}

/* Closing asks first; its Cancel has the focus, so Enter alone closes
 * nothing. */
static void
close_cycle (PwWindow *window)
{
  GtkWidget *view = GTK_WIDGET (cycle_view (window));
  GtkWindow *confirm;
  GtkWidget *button;

  STEP ();
  press_button (GTK_WINDOW (window), find (view, "move_button"));
  confirm = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  assert_focus_in (confirm, pw_ui_test_find_button (GTK_WIDGET (confirm), "_Cancel"));
  button = pw_ui_test_find_button (GTK_WIDGET (confirm), "C_lose the cycle");
  g_assert_nonnull (button);
  press_button (confirm, button);
  wait_closed (ADW_TYPE_MESSAGE_DIALOG);
  PW_UI_TEST_WAIT_FOR (cycle_state (window) == NULL);
  /* Back to the offer of the next cycle. */
  assert_focus_in (GTK_WINDOW (window), find (view, "start_button"));
}

static void
review (PwWindow *window)
{
  GtkWindow *main = GTK_WINDOW (window);

  STEP ();
  rate_outcome (window);
  fill (main, stage_form (window), "review-held-on", TODAY);
  pick (main, stage_form (window), "decision", PW_CODES_DECISION, "new-cycle");
  close_cycle (window);
}

static void
export_child (PwWindow   *window,
              const char *path)
{
  GtkWidget *before = gtk_root_get_focus (GTK_ROOT (window));
  GtkWindow *dialog;

  STEP ();
  pw_ui_test_press (GTK_WINDOW (window), "<Control>e");
  dialog = wait_for_toplevel (PW_TYPE_EXPORT_DIALOG);
  /* The focus starts on what is exported: the child shown. */
  assert_focus_in (dialog, find (GTK_WIDGET (dialog), "child_row"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (dialog),
                                                                      "child_check"))));
  tab_to (dialog, find (GTK_WIDGET (dialog), "xml_row"));
  pw_ui_test_press (dialog, "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (dialog),
                                                                      "xml_check"))));
  /* Enter on a choice goes on to where the file goes. */
  pw_ui_test_press (dialog, "Return");
  save_as (path);
  wait_closed (PW_TYPE_EXPORT_DIALOG);
  /* The keyboard is back where Ctrl+E was pressed. */
  assert_focus_in (GTK_WINDOW (window), before);
}

/* What the user sees at the end ---------------------------------------------- */

static void
assert_child_listed (PwWindow   *window,
                     const char *upn)
{
  GtkListView *list_view = GTK_LIST_VIEW (find (GTK_WIDGET (window), "list_view"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_nonnull (pw_ui_test_find_label (GTK_WIDGET (list_view), "Mary Seacole"));
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (shown_child (window)), "upn"), ==, upn);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  return pw_ui_test_find_label (root, text) != NULL;
}

static void
assert_history_shows_rating (PwWindow *window)
{
  GtkWidget *history = find (GTK_WIDGET (window), "history_view");
  GtkWidget *cycle_list = find (history, "past_cycle_list");
  GtkWidget *row;

  PW_UI_TEST_WAIT_FOR (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cycle_list), 0) != NULL);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cycle_list), 0));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cycle_list), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Cycle 1");
  PW_UI_TEST_WAIT_FOR (shows_text (row, pw_codes_label (PW_CODES_RATING, "met")));
  g_assert_true (shows_text (row, "Mary reads a Level 8 book aloud with 90% accuracy"));
  g_assert_true (shows_text (row, "Evidence: Running record at 92% on 8 January"));
  g_assert_true (shows_text (row, pw_codes_label (PW_CODES_DECISION, "new-cycle")));
}

static void
assert_exported (const char *path,
                 const char *upn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, upn));
  g_assert_nonnull (strstr (contents, "Seacole"));
}

/* Tests ------------------------------------------------------------------------ */

#ifdef __SANITIZE_ADDRESS__
/* A run through the whole application makes more than 2048 quarks, and GLib
 * then lets go of its first array of them on purpose (gquark.c), which
 * LeakSanitizer reports from a library constructor that no suppression can
 * name.  This test runs again at once without the leak check; the widget
 * tests keep it, and AddressSanitizer and UBSan still check this one. */
static void
run_again_without_leak_check (char **argv)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *without = NULL;

  if (g_getenv ("PW_TEST_NO_LEAK_CHECK") != NULL)
    return;
  without = g_strconcat (options != NULL ? options : "", ":detect_leaks=0", NULL);
  g_setenv ("ASAN_OPTIONS", without, TRUE);
  g_setenv ("PW_TEST_NO_LEAK_CHECK", "1", TRUE);
  execv ("/proc/self/exe", argv);
  g_error ("Could not run the test again: %s", g_strerror (errno));
}
#endif

static void
test_whole_flow (void)
{
  g_autofree char *store_path = pw_ui_test_new_path ("school.pathway");
  g_autofree char *export_path = NULL;
  g_autofree char *folder = g_path_get_dirname (store_path);
  g_autofree char *upn = g_strdup_printf ("%c%s", pw_upn_check_letter (UPN_SERIAL), UPN_SERIAL);
  PwWindow *window;

  export_path = g_build_filename (folder, "Mary Seacole.xml", NULL);
  pw_ui_test_reset_settings ();
  pw_set_today (TODAY);
  window = open_window ();

  create_store (window, store_path);
  add_child (window, upn);
  select_child (window);
  show_view (window, "Current cycle", "cycle");
  start_cycle (window);
  assess_needs (window);
  plan_outcomes_and_provision (window);
  do_sessions (window);
  review (window);
  show_view (window, "History", "history");
  export_child (window, export_path);

  assert_child_listed (window, upn);
  assert_history_shows_rating (window);
  assert_exported (export_path, upn);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
  pw_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
#ifdef __SANITIZE_ADDRESS__
  run_again_without_leak_check (argv);
#endif
  pw_ui_test_init (&argc, &argv);

  g_test_add_func ("/pw/keyboard-flow/whole-flow", test_whole_flow);

  return pw_ui_test_run ();
}
