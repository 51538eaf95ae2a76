/* test-level-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Changing a child's Level of Intervention from the overview, over a real
 * store of a few demo children: without a level or a reason nothing is
 * saved and the message shows at its row; a complete change is saved and
 * the overview's badge shows the new level; the core's refusals (Level 3
 * without a lead practitioner, a date before the last change) show at the
 * row they are about; Escape leaves without saving.
 */

#define G_LOG_DOMAIN "test-level-dialog"

#include "config.h"

#include <string.h>

#include "pw-caseload-page.h"
#include "pw-child-overview.h"
#include "pw-demo.h"
#include "pw-level-badge.h"
#include "pw-level-dialog.h"
#include "pw-ui-test-util.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 4

static PwStore *shared_store;

typedef struct
{
  GtkWindow      *window;
  PwCaseloadPage *page;
  PwChild        *child;
} Fixture;

static PwStore *
demo_store (void)
{
  if (shared_store == NULL)
    shared_store = pw_ui_test_demo_store (N_CHILDREN);
  return shared_store;
}

static PwCaseload *
caseload_of (Fixture *f)
{
  return pw_caseload_page_get_caseload (f->page);
}

/* A child with no level and no lead practitioner. */
static PwChild *
add_child (PwCaseload *caseload)
{
  return pw_ui_test_add_child (caseload, "Ben", "Level", "M");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pw_set_today (TODAY);
  f->page = pw_ui_test_present_caseload_page (&f->window, 1100, demo_store ());
  f->child = add_child (caseload_of (f));
  pw_ui_test_drain ();
  g_assert_true (pw_caseload_page_select_child (f->page, pw_record_get_id (PW_RECORD (f->child))));
  pw_ui_test_drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (f->window);
  g_clear_object (&f->child);
  pw_set_today (NULL);
}

/* Helpers ---------------------------------------------------------------------- */

static GtkWidget *
overview (Fixture *f)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->page), "overview");

  g_assert_nonnull (widget);
  return widget;
}

static PwLevelBadge *
badge (Fixture *f)
{
  return PW_LEVEL_BADGE (pw_ui_test_find (overview (f), "level_badge"));
}

static PwLevelDialog *
open_dialog (Fixture *f)
{
  GtkWidget *button = pw_ui_test_find (overview (f), "level_button");
  PwLevelDialog *dialog;

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Change _level…");
  g_signal_emit_by_name (button, "clicked");
  pw_ui_test_drain ();
  dialog = PW_LEVEL_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_LEVEL_DIALOG));
  g_assert_nonnull (dialog);
  pw_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Change level");
  return dialog;
}

static void
press_change (PwLevelDialog *dialog)
{
  g_signal_emit_by_name (pw_ui_test_find (GTK_WIDGET (dialog), "save_button"), "clicked");
  pw_ui_test_drain ();
}

static void
wait_closed (void)
{
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_LEVEL_DIALOG) == NULL);
  pw_ui_test_drain ();
}

static GtkWidget *
form_row (PwLevelDialog *dialog,
          const char    *field)
{
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWidget *row = pw_record_form_get_row (form, field);

  g_assert_nonnull (row);
  return row;
}

static void
choose_route (PwLevelDialog *dialog,
              const char    *code)
{
  guint n_codes;
  const PwCode *codes = pw_codes_get (PW_CODES_LEVEL_ROUTE, &n_codes);

  for (guint i = 0; i < n_codes; i++)
    if (strcmp (codes[i].code, code) == 0)
      {
        /* After "Not recorded". */
        adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (dialog, "route")), i + 1);
        return;
      }
  g_assert_not_reached ();
}

static void
set_reason (PwLevelDialog *dialog,
            const char    *text)
{
  GtkWidget *view = pw_ui_test_find_type (form_row (dialog, "reason"), GTK_TYPE_TEXT_VIEW);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* The message under a one-line row, or under a paragraph. */
static const char *
shown_error (PwLevelDialog *dialog,
             const char    *field)
{
  GtkWidget *row = form_row (dialog, field);
  GtkWidget *label;

  if (GTK_IS_LIST_BOX_ROW (row))
    label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (gtk_widget_get_next_sibling (row)));
  else
    label = gtk_widget_get_last_child (row);
  return gtk_widget_get_mapped (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gint64
count_changes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) changes = pw_caseload_list (caseload_of (f), PW_TYPE_LEVEL_CHANGE,
                                                    "child-id",
                                                    pw_record_get_id (PW_RECORD (f->child)),
                                                    &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (changes);
}

static gint64
stored_level (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = pw_caseload_load (caseload_of (f), PW_TYPE_CHILD,
                                                pw_record_get_id (PW_RECORD (f->child)), &error);

  g_assert_no_error (error);
  return pw_record_get_int (child, "current-level");
}

static void
add_change (Fixture    *f,
            const char *date,
            gint64      level)
{
  g_autoptr(PwRecord) change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  g_autoptr(GError) error = NULL;

  pw_record_set_int (change, "child-id", pw_record_get_id (PW_RECORD (f->child)));
  pw_record_set_text (change, "date", date);
  pw_record_set_int (change, "to-level", level);
  pw_record_set_text (change, "reason", "Needs met in class");
  pw_record_set_text (change, "route", "initial");
  pw_record_set_text (change, "decided-by", "Sam Senco");
  g_assert_true (pw_caseload_save (caseload_of (f), change, &error));
  g_assert_no_error (error);
  pw_ui_test_drain ();
}

/* Tests ------------------------------------------------------------------------- */

static void
test_missing_then_saved (Fixture       *f,
                         gconstpointer  data)
{
  PwLevelDialog *dialog;
  AdwComboRow *level_row;
  GtkWidget *level_value = pw_ui_test_find (overview (f), "level_value");

  g_assert_cmpint (pw_level_badge_get_level (badge (f)), ==, 0);
  dialog = open_dialog (f);
  level_row = pw_level_dialog_get_level_row (dialog);

  /* What can be known is filled in; the level is not chosen for the user. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pw_ui_test_find (GTK_WIDGET (dialog),
                                                                   "current_label"))), ==,
                   "No level is recorded for the child yet.");
  g_assert_cmpuint (adw_combo_row_get_selected (level_row), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (dialog, "date"))), ==, TODAY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (dialog, "decided-by"))), ==,
                   pw_caseload_get_actor (caseload_of (f)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (form_row (dialog, "route"))), >, 0);

  /* No level: said at the level row, nothing saved. */
  press_change (dialog);
  g_assert_cmpstr (pw_level_dialog_get_level_error (dialog), ==, "New level is required");
  g_assert_true (pw_ui_test_has_focus (GTK_WIDGET (level_row)));

  /* No reason: said at the reason, nothing saved. */
  adw_combo_row_set_selected (level_row, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pw_ui_test_find (GTK_WIDGET (dialog),
                                                                   "meaning_label"))), ==,
                   "Emerging needs; one agency working with another, with My Plan, consent and "
                   "a Team Around the Family meeting");
  press_change (dialog);
  g_assert_null (pw_level_dialog_get_level_error (dialog));
  g_assert_cmpstr (shown_error (dialog, "reason"), ==, "Reason is required");
  g_assert_true (pw_ui_test_find_toplevel (PW_TYPE_LEVEL_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpint (count_changes (f), ==, 0);
  g_assert_cmpint (stored_level (f), ==, 0);
  g_assert_cmpint (pw_level_badge_get_level (badge (f)), ==, 0);

  /* Complete: saved, and the overview shows the new level. */
  set_reason (dialog, "Speech and language therapy and school working together");
  press_change (dialog);
  wait_closed ();
  g_assert_cmpint (count_changes (f), ==, 1);
  g_assert_cmpint (stored_level (f), ==, 2);
  g_assert_cmpint (pw_level_badge_get_level (badge (f)), ==, 2);
  g_assert_cmpstr (pw_level_badge_get_text (badge (f)), ==, "Level 2");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (level_value)), ==, "Level 2 · Additional");
}

static void
test_refused_by_core (Fixture       *f,
                      gconstpointer  data)
{
  PwLevelDialog *dialog;
  AdwComboRow *level_row;

  add_change (f, "2026-11-01", 2);
  g_assert_cmpint (pw_level_badge_get_level (badge (f)), ==, 2);
  dialog = open_dialog (f);
  level_row = pw_level_dialog_get_level_row (dialog);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pw_ui_test_find (GTK_WIDGET (dialog),
                                                                   "current_label"))), ==,
                   "The child is at Level 2 · Additional now.");

  /* A route is asked for: a first level is no longer one. */
  adw_combo_row_set_selected (level_row, 3);
  set_reason (dialog, "Needs a whole-family assessment");
  press_change (dialog);
  g_assert_cmpstr (shown_error (dialog, "route"), ==, "Route is required");
  g_assert_cmpint (count_changes (f), ==, 1);

  /* Level 3 needs a lead practitioner, and this child has none. */
  choose_route (dialog, "talc");
  press_change (dialog);
  g_assert_cmpstr (pw_level_dialog_get_level_error (dialog), ==,
                   "New level cannot be Level 3 or 4 until the child has a lead practitioner");
  g_assert_true (pw_ui_test_has_focus (GTK_WIDGET (level_row)));
  g_assert_cmpint (count_changes (f), ==, 1);
  g_assert_cmpint (stored_level (f), ==, 2);

  /* A change cannot come before the last one. */
  adw_combo_row_set_selected (level_row, 1);
  g_assert_null (pw_level_dialog_get_level_error (dialog));
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "date")), "2026-10-01");
  press_change (dialog);
  g_assert_cmpstr (shown_error (dialog, "date"), ==,
                   "Date of the change cannot be before the last level change (2026-11-01)");
  g_assert_cmpint (count_changes (f), ==, 1);

  /* Escape leaves without saving anything. */
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (dialog), "Escape", "dialog.cancel"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL);
  wait_closed ();
  g_assert_cmpint (count_changes (f), ==, 1);
  g_assert_cmpint (pw_level_badge_get_level (badge (f)), ==, 2);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/level-dialog/missing-then-saved", test_missing_then_saved);
  ADD ("/pw/level-dialog/refused-by-core", test_refused_by_core);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);
  return status;
}
