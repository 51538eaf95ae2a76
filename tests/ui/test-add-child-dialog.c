/* test-add-child-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding a child from the caseload page, over a real store of a few demo
 * children: a wrong UPN and another child's UPN are refused at the UPN row
 * with nothing saved, a right one saves the child and selects them in the
 * list, Escape leaves without saving, and the whole dialog can be filled in
 * and sent with the keyboard alone.
 *
 * Keys are pressed the way GTK dispatches them: from the focused widget up
 * through its ancestors, to the first shortcut bound to that key, so a key
 * does here what it does for a user.
 */

#define G_LOG_DOMAIN "test-add-child-dialog"

#include "config.h"

#include <string.h>

#include "pw-add-child-dialog.h"
#include "pw-caseload-page.h"
#include "pw-child-format.h"
#include "pw-child-overview.h"
#include "pw-child-slots.h"
#include "pw-demo.h"
#include "pw-identifiers.h"
#include "pw-ui-test-util.h"

#define TODAY      "2026-11-23"
#define N_CHILDREN 8

static PwStore *shared_store;

typedef struct
{
  GtkWindow      *window;
  PwCaseloadPage *page;
} Fixture;

static PwStore *
demo_store (void)
{
  if (shared_store == NULL)
    shared_store = pw_ui_test_demo_store (N_CHILDREN);
  return shared_store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pw_set_today (TODAY);
  f->page = pw_ui_test_present_caseload_page (&f->window, 1100, demo_store ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (f->window);
  pw_set_today (NULL);
}

/* Opening the dialog ----------------------------------------------------------- */

static PwAddChildDialog *
open_dialog (Fixture *f)
{
  PwAddChildDialog *dialog;

  gtk_widget_grab_focus (pw_ui_test_find (GTK_WIDGET (f->page), "search_entry"));
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (f->page), "<Control>n",
                                          "caseload.add-child"));
  pw_ui_test_press (f->window, "<Control>n");
  dialog = PW_ADD_CHILD_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_ADD_CHILD_DIALOG));
  g_assert_nonnull (dialog);
  pw_ui_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  return dialog;
}

static void
wait_closed (void)
{
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_ADD_CHILD_DIALOG) == NULL);
}

static GtkWidget *
form_row (PwAddChildDialog *dialog,
          const char       *field)
{
  PwRecordForm *form = pw_form_dialog_get_form (PW_FORM_DIALOG (dialog));
  GtkWidget *row = pw_record_form_get_row (form, field);

  g_assert_nonnull (row);
  return row;
}

static guint
count_children (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = pw_caseload_new (demo_store (), &error);
  PwCaseloadStats stats;

  g_assert_no_error (error);
  g_assert_true (pw_caseload_get_stats (caseload, &stats, &error));
  g_assert_no_error (error);
  return stats.children + stats.archived;
}

static char *
new_upn (const char *serial)
{
  g_autofree char *tail = g_strconcat ("916200115", serial, NULL);

  return g_strdup_printf ("%c%s", pw_upn_check_letter (tail), tail);
}

static PwChild *
selected_child (Fixture *f)
{
  GtkListView *view = GTK_LIST_VIEW (pw_ui_test_find (GTK_WIDGET (f->page), "list_view"));

  PwChildSlot *slot = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (
                                                                gtk_list_view_get_model (view)));

  return slot != NULL ? pw_child_slot_get_child (slot) : NULL;
}

static gboolean
shows_error (PwAddChildDialog *dialog,
             const char       *field,
             const char       *message)
{
  GtkWidget *row = form_row (dialog, field);
  GtkWidget *error_row = gtk_widget_get_next_sibling (row);
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));

  return gtk_widget_get_mapped (label) && gtk_widget_has_css_class (row, "error") &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), message) == 0;
}

/* Tests ------------------------------------------------------------------------ */

static void
test_buttons (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *add = pw_ui_test_find (GTK_WIDGET (f->page), "add_button");
  g_autoptr(GError) error = NULL;
  PwAddChildDialog *dialog;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add a child");
  g_signal_emit_by_name (add, "clicked");
  pw_ui_test_drain ();
  dialog = PW_ADD_CHILD_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_ADD_CHILD_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add a child");

  /* The settings and workers of the store are there to choose from. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      ADW_COMBO_ROW (form_row (dialog, "setting-id")))), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      ADW_COMBO_ROW (form_row (dialog, "lead-practitioner-id")))), >, 1);

  /* Locking the store takes the half-filled form away. */
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "legal-given-name")), "Mary");
  pw_store_lock (demo_store ());
  pw_ui_test_drain ();
  wait_closed ();
  g_assert_true (pw_store_unlock (demo_store (), PW_UI_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  pw_ui_test_drain ();
}

static void
fill_all_but_upn (PwAddChildDialog *dialog)
{
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "legal-given-name")), "Ada");
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "legal-family-name")), "Lovelace");
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "date-of-birth")), "2016-12-10");
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (dialog, "sex")),
                              pw_ui_test_code_position (PW_CODES_SEX, "F"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (dialog, "sen-provision")),
                              pw_ui_test_code_position (PW_CODES_SEN_PROVISION, "K"));
}

static void
test_upn_refused_then_saved (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *level_4_chip = pw_ui_test_find (GTK_WIDGET (f->page), "level_4_chip");
  PwAddChildDialog *dialog;
  GtkWidget *add;
  guint before = count_children ();
  g_autofree char *valid = new_upn ("901");
  g_autofree char *wrong = g_strdup_printf ("%c%s", valid[0] == 'A' ? 'B' : 'A', valid + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) other = NULL;
  g_autoptr(PwRecord) scratch = pw_record_new (PW_TYPE_CHILD);
  PwChild *child;

  /* A filter that the new child will not pass. */
  g_signal_emit_by_name (level_4_chip, "clicked");
  pw_ui_test_drain ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (level_4_chip)));
  dialog = open_dialog (f);
  add = pw_ui_test_find (GTK_WIDGET (dialog), "add_button");

  /* A wrong check letter: the core's message at the UPN row, nothing saved. */
  pw_record_set_text (scratch, "upn", wrong);
  g_assert_false (pw_record_check_field (scratch, "upn", &error));
  fill_all_but_upn (dialog);
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "upn")), wrong);
  g_signal_emit_by_name (add, "clicked");
  pw_ui_test_drain ();
  g_assert_true (shows_error (dialog, "upn", error->message));
  g_assert_true (pw_ui_test_has_focus (form_row (dialog, "upn")));
  g_assert_cmpuint (count_children (), ==, before);
  g_assert_true (pw_ui_test_find_toplevel (PW_TYPE_ADD_CHILD_DIALOG) == GTK_WINDOW (dialog));

  /* Another child's UPN is refused by the caseload, shown at the same row. */
  other = pw_caseload_load (pw_caseload_page_get_caseload (f->page), PW_TYPE_CHILD, 1, NULL);
  g_assert_nonnull (other);
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "upn")),
                         pw_record_get_text (other, "upn"));
  g_signal_emit_by_name (add, "clicked");
  pw_ui_test_drain ();
  g_assert_true (shows_error (dialog, "upn", "Another child already has this UPN"));
  g_assert_cmpuint (count_children (), ==, before);

  /* A right one saves the child, closes, and selects them in the list,
   * which lets go of the filter to show them. */
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "upn")), valid);
  g_signal_emit_by_name (add, "clicked");
  wait_closed ();
  g_assert_cmpuint (count_children (), ==, before + 1);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (level_4_chip)));
  child = selected_child (f);
  g_assert_nonnull (child);
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (child), "upn"), ==, valid);
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (child), "legal-family-name"), ==, "Lovelace");
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (child), "sex"), ==, "F");
  g_assert_true (pw_child_overview_get_record (PW_CHILD_OVERVIEW (
                   pw_ui_test_find (GTK_WIDGET (f->page), "overview"))) == child);
}

static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  PwAddChildDialog *dialog = open_dialog (f);
  guint before = count_children ();
  g_autofree char *upn = new_upn ("902");

  fill_all_but_upn (dialog);
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "upn")), upn);
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (dialog), "Escape", "dialog.cancel"));
  pw_ui_test_press (GTK_WINDOW (dialog), "Escape");
  wait_closed ();
  g_assert_cmpuint (count_children (), ==, before);

  /* Opened again, the form is empty. */
  dialog = open_dialog (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (dialog, "legal-given-name"))),
                   ==, "");
  pw_ui_test_press (GTK_WINDOW (dialog), "Escape");
  wait_closed ();
}

/* Keyboard alone ---------------------------------------------------------------- */

static const char * const all_fields[] = {
  "legal-given-name", "legal-family-name", "preferred-name", "date-of-birth", "sex", "upn",
  "setting-id", "year-group", "sen-provision", "eal", "pupil-premium",
  "lead-practitioner-id", "trusted-adult", "looked-after", "child-protection", NULL
};

static const char *
focused_field (PwAddChildDialog *dialog)
{
  for (guint i = 0; all_fields[i] != NULL; i++)
    if (pw_ui_test_has_focus (form_row (dialog, all_fields[i])))
      return all_fields[i];
  return NULL;
}

static void
fill_focused (GtkWindow  *window,
              const char *field,
              const char *upn)
{
  if (g_str_equal (field, "legal-given-name"))
    pw_ui_test_type (window, "Mary");
  else if (g_str_equal (field, "legal-family-name"))
    pw_ui_test_type (window, "Seacole");
  else if (g_str_equal (field, "date-of-birth"))
    pw_ui_test_type (window, "2017-01-31");
  else if (g_str_equal (field, "sex"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_SEX, "F"));
  else if (g_str_equal (field, "upn"))
    pw_ui_test_type (window, upn);
  else if (g_str_equal (field, "setting-id") || g_str_equal (field, "lead-practitioner-id"))
    pw_ui_test_choose (window, 1);
  else if (g_str_equal (field, "year-group"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_YEAR_GROUP, "4"));
  else if (g_str_equal (field, "sen-provision"))
    pw_ui_test_choose (window, pw_ui_test_code_position (PW_CODES_SEN_PROVISION, "K"));
  else if (g_str_equal (field, "eal"))
    pw_ui_test_press (window, "space");
  else if (g_str_equal (field, "trusted-adult"))
    pw_ui_test_type (window, "Mrs Patel");
}

static void
test_keyboard_only (Fixture       *f,
                    gconstpointer  data)
{
  PwAddChildDialog *dialog = open_dialog (f);
  GtkWindow *window = GTK_WINDOW (dialog);
  g_autoptr(GHashTable) visited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *upn = new_upn ("903");
  guint before = count_children ();
  PwRecord *child;

  /* The focus starts in the first field; Tab reaches every field in turn,
   * passing over the switches inside rows. */
  g_assert_cmpstr (focused_field (dialog), ==, "legal-given-name");
  for (guint presses = 0; g_hash_table_size (visited) < g_strv_length ((char **) all_fields);
       presses++)
    {
      const char *field = focused_field (dialog);

      g_assert_cmpuint (presses, <, 60);
      if (field == NULL || g_hash_table_contains (visited, field))
        {
          pw_ui_test_press (window, "Tab");
          continue;
        }
      /* In the order they are shown. */
      g_assert_cmpstr (field, ==, all_fields[g_hash_table_size (visited)]);
      g_hash_table_add (visited, (gpointer) field);
      fill_focused (window, field, upn);
      pw_ui_test_press (window, "Tab");
    }

  /* Back in a text field, Enter sends the form. */
  while (g_strcmp0 (focused_field (dialog), "trusted-adult") != 0)
    pw_ui_test_press (window, "Tab");
  pw_ui_test_press (window, "Return");
  wait_closed ();

  g_assert_cmpuint (count_children (), ==, before + 1);
  child = PW_RECORD (selected_child (f));
  g_assert_nonnull (child);
  g_assert_cmpstr (pw_record_get_text (child, "legal-given-name"), ==, "Mary");
  g_assert_cmpstr (pw_record_get_text (child, "legal-family-name"), ==, "Seacole");
  g_assert_cmpstr (pw_record_get_text (child, "date-of-birth"), ==, "2017-01-31");
  g_assert_cmpstr (pw_record_get_text (child, "sex"), ==, "F");
  g_assert_cmpstr (pw_record_get_text (child, "upn"), ==, upn);
  g_assert_cmpstr (pw_record_get_text (child, "year-group"), ==, "4");
  g_assert_cmpstr (pw_record_get_text (child, "sen-provision"), ==, "K");
  g_assert_cmpint (pw_record_get_int (child, "eal"), ==, 1);
  g_assert_cmpint (pw_record_get_int (child, "setting-id"), !=, 0);
  g_assert_cmpint (pw_record_get_int (child, "lead-practitioner-id"), !=, 0);
  g_assert_cmpstr (pw_record_get_text (child, "trusted-adult"), ==, "Mrs Patel");
}

static void
test_empty_store (void)
{
  g_autofree char *path = pw_ui_test_new_path ("empty.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = pw_caseload_page_new ();
  GtkWidget *button;
  PwAddChildDialog *dialog;

  pw_set_today (TODAY);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  pw_ui_test_wait_mapped (page);
  pw_caseload_page_set_store (PW_CASELOAD_PAGE (page), store);
  pw_ui_test_drain ();

  /* The empty caseload offers the first child. */
  button = pw_ui_test_find (page, "empty_add_button");
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  pw_ui_test_drain ();
  dialog = PW_ADD_CHILD_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_ADD_CHILD_DIALOG));
  g_assert_nonnull (dialog);

  /* With no settings or workers yet, the lists offer only "Not recorded". */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      ADW_COMBO_ROW (form_row (dialog, "setting-id")))), ==, 1);
  fill_all_but_upn (dialog);
  g_signal_emit_by_name (pw_ui_test_find (GTK_WIDGET (dialog), "add_button"), "clicked");
  wait_closed ();

  g_assert_true (gtk_widget_get_mapped (pw_ui_test_find (page, "list_view")));
  g_assert_nonnull (pw_child_overview_get_record (PW_CHILD_OVERVIEW (
                      pw_ui_test_find (page, "overview"))));
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

  ADD ("/pw/add-child-dialog/buttons", test_buttons);
  ADD ("/pw/add-child-dialog/upn-refused-then-saved", test_upn_refused_then_saved);
  ADD ("/pw/add-child-dialog/escape-cancels", test_escape_cancels);
  ADD ("/pw/add-child-dialog/keyboard-only", test_keyboard_only);
  g_test_add_func ("/pw/add-child-dialog/empty-store", test_empty_store);

  status = pw_ui_test_run ();
  g_clear_object (&shared_store);
  return status;
}
