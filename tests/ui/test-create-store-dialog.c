/* test-create-store-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-create-store-dialog"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pw-create-store-dialog.h"
#include "pw-ui-test-util.h"
#include "pw-ui-util.h"

typedef struct
{
  PwCreateStoreDialog *dialog;
  char                *path;
  PwStore             *created;
  guint                n_created;
} Fixture;

static void
on_created_cb (PwCreateStoreDialog *dialog,
               PwStore             *store,
               Fixture             *fixture)
{
  fixture->n_created++;
  g_set_object (&fixture->created, store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  pw_ui_test_reset_settings ();

  fixture->path = pw_ui_test_new_path ("cases.pathway");
  fixture->dialog = pw_create_store_dialog_new (NULL);
  pw_create_store_dialog_set_path (fixture->dialog, fixture->path);
  pw_create_store_dialog_set_kdf_cost (fixture->dialog, pw_ui_test_cost ());
  g_signal_connect (fixture->dialog, "created", G_CALLBACK (on_created_cb), fixture);

  gtk_window_present (GTK_WINDOW (fixture->dialog));
  pw_ui_test_wait_mapped (GTK_WIDGET (fixture->dialog));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->dialog != NULL)
    pw_ui_test_destroy_window (GTK_WINDOW (fixture->dialog));
  if (fixture->created != NULL)
    g_assert_finalize_object (fixture->created);
  g_free (fixture->path);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (fixture->dialog), id);

  g_assert_nonnull (widget);

  return widget;
}

static void
set_passphrases (Fixture    *fixture,
                 const char *passphrase,
                 const char *confirmation)
{
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "passphrase_row")), passphrase);
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "confirm_row")), confirmation);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), action, NULL));
}

static void
assert_message (GtkWidget  *label,
                const char *text)
{
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
}

static void
create_and_wait (Fixture *fixture)
{
  activate (fixture, "dialog.create");
  g_assert_true (pw_create_store_dialog_get_busy (fixture->dialog));
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "create_button")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "spinner")));

  PW_UI_TEST_WAIT_FOR (!pw_create_store_dialog_get_busy (fixture->dialog));
  g_assert_false (gtk_widget_get_visible (find (fixture, "spinner")));
}

static void
test_create_default_location (void)
{
  g_autofree char *expected = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwCreateStoreDialog *dialog;

  pw_ui_test_reset_settings ();
  expected = g_build_filename (g_get_user_data_dir (), "pathway", "cases.pathway", NULL);

  dialog = pw_create_store_dialog_new (NULL);
  g_assert_cmpstr (pw_create_store_dialog_get_path (dialog), ==, expected);
  pw_ui_test_destroy_window (GTK_WINDOW (dialog));

  g_assert_cmpfloat (pw_kdf_strength_to_seconds ("interactive"), ==, 0.25);
  g_assert_cmpfloat (pw_kdf_strength_to_seconds ("moderate"), ==, 0.75);
  g_assert_cmpfloat (pw_kdf_strength_to_seconds ("sensitive"), ==, 2.0);
}

/* Creating with the default settings measures the computer and makes the
 * folder, private to the user. */
static void
test_create_in_default_folder (void)
{
  PwCreateStoreDialog *dialog;
  g_autofree char *dir = NULL;
  GStatBuf st;

  pw_ui_test_reset_settings ();
  dir = g_build_filename (g_get_user_data_dir (), "pathway", NULL);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  dialog = pw_create_store_dialog_new (NULL);
  gtk_editable_set_text (GTK_EDITABLE (pw_ui_test_find (GTK_WIDGET (dialog), "passphrase_row")),
                         PW_UI_TEST_PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (pw_ui_test_find (GTK_WIDGET (dialog), "confirm_row")),
                         PW_UI_TEST_PASSPHRASE);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  PW_UI_TEST_WAIT_FOR (!pw_create_store_dialog_get_busy (dialog));

  g_assert_true (g_file_test (pw_create_store_dialog_get_path (dialog), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The key is not acknowledged: the dialog refuses to close. */
  gtk_window_close (GTK_WINDOW (dialog));
  pw_ui_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  pw_ui_test_destroy_window (GTK_WINDOW (dialog));

  /* The next proposal does not collide with the store just made. */
  dialog = pw_create_store_dialog_new (NULL);
  g_assert_true (g_str_has_suffix (pw_create_store_dialog_get_path (dialog), "cases-2.pathway"));
  pw_ui_test_destroy_window (GTK_WINDOW (dialog));
}

static void
test_create_weak_passphrase (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *passphrase_row = find (fixture, "passphrase_row");

  set_passphrases (fixture, "short", "short");
  activate (fixture, "dialog.create");

  assert_message (find (fixture, "passphrase_error"),
                  "The passphrase must be at least 8 characters long");
  g_assert_true (gtk_widget_has_css_class (passphrase_row, "error"));
  g_assert_true (pw_ui_test_has_focus (passphrase_row));
  g_assert_false (pw_create_store_dialog_get_busy (fixture->dialog));
  pw_ui_test_drain ();
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* The message follows the typing once it has been shown. */
  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, PW_UI_TEST_PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (find (fixture, "passphrase_error")));
  g_assert_false (gtk_widget_has_css_class (passphrase_row, "error"));
}

/* Presses Enter in @row, the way the keyboard does. */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = pw_ui_test_find_type (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static void
test_create_mismatch (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* Enter in the last field asks to create, as the default button does. */
  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, "correct horse battery stapler");
  press_enter (find (fixture, "confirm_row"));
  /* A button activated from the keyboard shows itself pressed briefly. */
  PW_UI_TEST_WAIT_FOR (gtk_widget_get_visible (find (fixture, "passphrase_error")));

  assert_message (find (fixture, "passphrase_error"), "The passphrases do not match");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "confirm_row"), "error"));
  g_assert_true (pw_ui_test_has_focus (find (fixture, "confirm_row")));
  pw_ui_test_drain ();
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_create_strength_hint (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const struct {
    const char *passphrase;
    const char *hint;
    double level;
  } cases[] = {
    { "", "", 0 },
    { "abc", "Too short", 0 },
    { "password", "Weak", 1 },
    { "aaaaaaaaaaaaaaaaaaaa", "Weak", 1 },
    { "Tr0ub4dor&3", "Fair", 2 },
    { PW_UI_TEST_PASSPHRASE, "Strong", 3 },
  };
  GtkWidget *row = find (fixture, "passphrase_row");
  GtkWidget *label = find (fixture, "strength_label");
  GtkWidget *bar = find (fixture, "strength_bar");

  /* The keyboard starts in the passphrase. */
  g_assert_true (pw_ui_test_has_focus (row));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Passphrase strength");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), cases[i].passphrase);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, cases[i].hint);
      g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), ==, cases[i].level);
    }

  /* Typing alone shows no error: only asking to create does. */
  g_assert_false (gtk_widget_get_visible (find (fixture, "passphrase_error")));
}

static void
test_create_file_exists (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, "not a store", -1, &error);
  g_assert_no_error (error);

  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, PW_UI_TEST_PASSPHRASE);
  activate (fixture, "dialog.create");

  assert_message (find (fixture, "location_error"),
                  "A file called “cases.pathway” is already there. Choose another name.");
  g_assert_false (pw_create_store_dialog_get_busy (fixture->dialog));

  /* Choosing another place clears the message. */
  g_free (fixture->path);
  fixture->path = pw_ui_test_new_path ("other.pathway");
  pw_create_store_dialog_set_path (fixture->dialog, fixture->path);
  g_assert_false (gtk_widget_get_visible (find (fixture, "location_error")));
}

/* A place that cannot be written to is reported next to the location, and
 * the form stays as it was. */
static void
test_create_io_error (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *blocker = pw_ui_test_new_path ("not-a-folder");
  g_autofree char *path = g_build_filename (blocker, "cases.pathway", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *label = find (fixture, "location_error");

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  pw_create_store_dialog_set_path (fixture->dialog, path);

  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, PW_UI_TEST_PASSPHRASE);
  create_and_wait (fixture);

  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "The folder “"));
  g_assert_true (pw_ui_test_has_focus (find (fixture, "location_row")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "stack"))),
                   ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "passphrase_row"))),
                   ==, PW_UI_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "create_button")));
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));

  return g_value_dup_string (&value);
}

/* The key: two lines of groups of five, selectable, and copied whole. */
static void
assert_recovery_key_shown (Fixture *fixture)
{
  GtkWidget *key_label = find (fixture, "recovery_key_label");
  g_autofree char *copied = NULL;
  g_autofree char *shown = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "stack"))),
                   ==, "recovery");
  g_assert_true (gtk_widget_get_mapped (key_label));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (key_label)));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (key_label))), ==, 47);
  g_assert_nonnull (strchr (gtk_label_get_text (GTK_LABEL (key_label)), '\n'));

  activate (fixture, "dialog.copy-key");
  copied = clipboard_text (GTK_WIDGET (fixture->dialog));
  shown = g_strdup (gtk_label_get_text (GTK_LABEL (key_label)));
  g_strdelimit (shown, "\n", '-');
  g_assert_cmpstr (copied, ==, shown);
}

static void
test_create_valid (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_store = NULL;
  GtkWidget *done_button;

  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, PW_UI_TEST_PASSPHRASE);
  create_and_wait (fixture);

  assert_recovery_key_shown (fixture);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  last_store = g_settings_get_string (settings, "last-store");
  g_assert_cmpstr (last_store, ==, fixture->path);

  /* Done waits for the check. */
  done_button = find (fixture, "done_button");
  g_assert_true (gtk_widget_get_visible (done_button));
  g_assert_false (gtk_widget_get_visible (find (fixture, "create_button")));
  g_assert_false (gtk_widget_is_sensitive (done_button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.done", NULL);
  g_assert_cmpuint (fixture->n_created, ==, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (fixture, "written_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (done_button));

  /* Held as the Done button holds it while it is clicked. */
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_object_ref (fixture->dialog);
  activate (fixture, "dialog.done");
  g_object_unref (fixture->dialog);
  pw_ui_test_drain ();
  g_assert_null (fixture->dialog);

  g_assert_cmpuint (fixture->n_created, ==, 1);
  g_assert_nonnull (fixture->created);
  g_assert_false (pw_store_get_locked (fixture->created));
  g_assert_cmpstr (pw_store_get_path (fixture->created), ==, fixture->path);
}

/* What the dialog showed opens the store it made. */
static void
test_create_recovery_key_opens (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  set_passphrases (fixture, PW_UI_TEST_PASSPHRASE, PW_UI_TEST_PASSPHRASE);
  create_and_wait (fixture);
  key = g_strdup (gtk_label_get_text (GTK_LABEL (find (fixture, "recovery_key_label"))));
  pw_ui_test_destroy_window (GTK_WINDOW (fixture->dialog));
  fixture->dialog = NULL;

  store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_unlock_with_recovery (store, key, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

  g_test_add_func ("/pw/create-store-dialog/default-location", test_create_default_location);
  g_test_add_func ("/pw/create-store-dialog/default-folder", test_create_in_default_folder);
  g_test_add ("/pw/create-store-dialog/weak-passphrase", Fixture, NULL,
              fixture_set_up, test_create_weak_passphrase, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/mismatch", Fixture, NULL,
              fixture_set_up, test_create_mismatch, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/strength-hint", Fixture, NULL,
              fixture_set_up, test_create_strength_hint, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/file-exists", Fixture, NULL,
              fixture_set_up, test_create_file_exists, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/io-error", Fixture, NULL,
              fixture_set_up, test_create_io_error, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/valid", Fixture, NULL,
              fixture_set_up, test_create_valid, fixture_tear_down);
  g_test_add ("/pw/create-store-dialog/recovery-key-opens", Fixture, NULL,
              fixture_set_up, test_create_recovery_key_opens, fixture_tear_down);

  return pw_ui_test_run ();
}
