/* test-export-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export dialog over a real store of demo children: what it offers for
 * one child and for many, and that what it writes is the case summary, a
 * case file that follows the schema, or a sealed file, or nothing at all
 * when the folder cannot be written. */

#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include <string.h>

#include "pw-demo.h"
#include "pw-export-dialog.h"
#include "pw-case-validator.h"
#include "pw-seal.h"
#include "pw-ui-test-util.h"

#define N_CHILDREN 12

static PwStore *shared_store;
static PwCaseload *shared_caseload;

typedef struct
{
  PwExportDialog *dialog;
  char *message;
  PwChild *child;
} Fixture;

static PwCaseload *
filled_caseload (void)
{
  g_autoptr(GError) error = NULL;

  if (shared_caseload != NULL)
    return shared_caseload;
  shared_store = pw_ui_test_demo_store (N_CHILDREN);
  shared_caseload = pw_caseload_new (shared_store, &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (shared_caseload, "Test");
  return shared_caseload;
}

static void
on_exported_cb (PwExportDialog *dialog,
                const char     *message,
                Fixture        *f)
{
  f->message = g_strdup (message);
}

static void
open_dialog (Fixture *f, gboolean with_child, guint n_shown)
{
  PwCaseload *caseload = filled_caseload ();
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (gint64 id = 1; id <= (gint64) n_shown; id++)
    g_array_append_val (shown, id);
  f->child = with_child ? PW_CHILD (pw_caseload_load (caseload, PW_TYPE_CHILD, 1, &error))
                        : NULL;
  g_assert_no_error (error);
  f->dialog = pw_export_dialog_new (NULL, caseload, f->child, shown);
  g_signal_connect (f->dialog, "exported", G_CALLBACK (on_exported_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  pw_ui_test_wait_mapped (GTK_WIDGET (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->message == NULL)
    pw_ui_test_destroy_window (GTK_WINDOW (f->dialog));
  g_clear_object (&f->child);
  g_free (f->message);
  pw_ui_test_drain ();
}

static GtkWidget *
find (Fixture *f, const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->dialog), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
choose (Fixture *f, const char *check_id)
{
  gtk_widget_activate (find (f, check_id));
  pw_ui_test_drain ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (f, check_id))));
}

static gboolean
can_export (Fixture *f)
{
  return gtk_widget_is_sensitive (find (f, "export_button"));
}

/* Exports to @path and waits for the dialog to say it is done. */
static void
export_and_wait (Fixture *f, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pw_export_dialog_export_to (f->dialog, file);
  PW_UI_TEST_WAIT_FOR (f->message != NULL);
}

static char *
read_file (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_valid_case_file (const char *path)
{
  g_autoptr(PwCaseValidator) validator = pw_case_validator_new (NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *xml = read_file (path, &length);

  g_assert_true (pw_case_validator_feed (validator, xml, length, &error) &&
                 pw_case_validator_finish (validator, &error));
  g_assert_no_error (error);
}

static void
test_one_child_defaults_to_summary (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = pw_ui_test_new_path ("summary.pdf");
  g_autofree char *pdf = NULL;

  open_dialog (f, TRUE, 5);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (f, "child_check"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (f, "pdf_check"))));
  g_assert_true (gtk_widget_get_visible (find (f, "shown_row")));
  g_assert_true (can_export (f));

  export_and_wait (f, path);
  pdf = read_file (path, NULL);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  g_assert_nonnull (strstr (f->message, "summary.pdf"));
}

/* A case summary is about one child: choosing more turns it into a case
 * file, and the file holds exactly the children chosen. */
static void
test_children_in_list_to_case_file (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = pw_ui_test_new_path ("shown.xml");
  g_autofree char *xml = NULL;
  guint n = 0;

  open_dialog (f, TRUE, 5);
  choose (f, "shown_check");
  g_assert_false (gtk_widget_is_sensitive (find (f, "pdf_row")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (f, "xml_check"))));

  export_and_wait (f, path);
  assert_valid_case_file (path);
  xml = read_file (path, NULL);
  for (const char *p = xml; (p = strstr (p, "<child ")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (f->message, ==, "5 children exported to “shown.xml”");
}

static void
test_sealed_needs_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *public_path = pw_ui_test_new_path ("council.pub");
  g_autofree char *secret_path = pw_ui_test_new_path ("council.key");
  g_autofree char *path = pw_ui_test_new_path ("caseload.sealed");
  g_autoptr(GFile) key = g_file_new_for_path (public_path);
  g_autoptr(GFile) wrong = g_file_new_for_path (secret_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sealed = NULL;

  open_dialog (f, FALSE, 0);
  g_assert_false (gtk_widget_get_visible (find (f, "child_row")));
  g_assert_false (gtk_widget_get_visible (find (f, "shown_row")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (f, "all_check"))));
  choose (f, "sealed_check");
  g_assert_true (gtk_widget_get_visible (find (f, "key_row")));
  g_assert_false (can_export (f));

  g_assert_true (pw_seal_keygen (public_path, secret_path, &error));
  g_assert_false (pw_export_dialog_set_key_file (f->dialog, wrong, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (can_export (f));
  g_assert_true (pw_export_dialog_set_key_file (f->dialog, key, &error));
  g_assert_no_error (error);
  g_assert_true (can_export (f));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (f, "key_row"))), ==,
                   "council.pub");

  export_and_wait (f, path);
  sealed = read_file (path, NULL);
  g_assert_true (pw_seal_is_sealed ((const guint8 *) sealed, PW_SEAL_MAGIC_BYTES));
}

/* A folder that cannot be written: the dialog stays, says why, and no file
 * appears. */
static void
test_failure_keeps_dialog (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = pw_ui_test_new_path ("no-such-folder/caseload.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  open_dialog (f, FALSE, 0);
  pw_export_dialog_export_to (f->dialog, file);
  g_assert_false (can_export (f));
  PW_UI_TEST_WAIT_FOR (can_export (f));
  g_assert_null (f->message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_escape_closes (Fixture       *f,
                    gconstpointer  data)
{
  open_dialog (f, TRUE, 0);
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (f->dialog), "Escape", "window.close"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, NULL, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/export-dialog/one-child-defaults-to-summary", test_one_child_defaults_to_summary);
  ADD ("/pw/export-dialog/children-in-list-to-case-file", test_children_in_list_to_case_file);
  ADD ("/pw/export-dialog/sealed-needs-key", test_sealed_needs_key);
  ADD ("/pw/export-dialog/failure-keeps-dialog", test_failure_keeps_dialog);
  ADD ("/pw/export-dialog/escape-closes", test_escape_closes);

  status = pw_ui_test_run ();
  g_clear_object (&shared_caseload);
  g_clear_object (&shared_store);

  return status;
}
