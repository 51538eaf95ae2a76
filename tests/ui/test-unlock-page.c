/* test-unlock-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-unlock-page"

#include "config.h"

#include <string.h>

#include "pw-ui-test-util.h"
#include "pw-unlock-page.h"

typedef struct
{
  GtkWindow    *window;
  PwUnlockPage *page;
  char         *path;
  char         *recovery_key;
  PwStore      *unlocked;
  guint         n_unlocked;
} Fixture;

static void
on_unlocked_cb (PwUnlockPage *page,
                PwStore      *store,
                Fixture      *fixture)
{
  fixture->n_unlocked++;
  g_set_object (&fixture->unlocked, store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(PwStore) store = NULL;

  pw_ui_test_reset_settings ();
  fixture->path = pw_ui_test_new_path ("unlock.pathway");
  store = pw_ui_test_create_store (fixture->path, &fixture->recovery_key);
  pw_store_lock (store);

  fixture->page = PW_UNLOCK_PAGE (pw_unlock_page_new ());
  g_signal_connect (fixture->page, "unlocked", G_CALLBACK (on_unlocked_cb), fixture);
  pw_unlock_page_set_path (fixture->page, fixture->path);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  pw_ui_test_wait_mapped (GTK_WIDGET (fixture->page));
  pw_unlock_page_reset (fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pw_ui_test_destroy_window (fixture->window);
  if (fixture->unlocked != NULL)
    g_assert_finalize_object (fixture->unlocked);
  g_free (fixture->recovery_key);
  g_free (fixture->path);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (fixture->page), id);

  g_assert_nonnull (widget);

  return widget;
}

/* Presses Enter in @row, the way the keyboard does. */
static void
activate_entry (GtkWidget *row)
{
  GtkWidget *text = pw_ui_test_find_type (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static void
unlock_with (Fixture    *fixture,
             const char *row_id,
             const char *secret)
{
  GtkWidget *row = find (fixture, row_id);

  gtk_editable_set_text (GTK_EDITABLE (row), secret);
  activate_entry (row);
  g_assert_true (pw_unlock_page_get_busy (fixture->page));
  g_assert_true (gtk_widget_get_visible (find (fixture, "spinner")));
  PW_UI_TEST_WAIT_FOR (!pw_unlock_page_get_busy (fixture->page));
  g_assert_false (gtk_widget_get_visible (find (fixture, "spinner")));
}

static void
assert_error (Fixture    *fixture,
              const char *row_id,
              const char *message)
{
  GtkWidget *row = find (fixture, row_id);
  GtkWidget *label = find (fixture, "error_label");
  int start = -1;
  int end = -1;

  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, message);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpuint (fixture->n_unlocked, ==, 0);

  /* Ready to type again: focus in the field, its text selected. */
  g_assert_true (pw_ui_test_has_focus (row));
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (row), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1));
}

static void
assert_unlocked (Fixture *fixture)
{
  g_assert_cmpuint (fixture->n_unlocked, ==, 1);
  g_assert_nonnull (fixture->unlocked);
  g_assert_false (pw_store_get_locked (fixture->unlocked));
  g_assert_cmpstr (pw_store_get_path (fixture->unlocked), ==, fixture->path);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "passphrase_row"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "recovery_row"))), ==, "");
}

static void
test_unlock_title_and_focus (Fixture       *fixture,
                             gconstpointer  user_data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (find (fixture, "status_page"));

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "unlock.pathway");
  g_assert_true (pw_ui_test_has_focus (find (fixture, "passphrase_row")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "passphrase_row")));
  g_assert_false (gtk_widget_get_visible (find (fixture, "recovery_row")));

  /* Nothing to unlock with yet. */
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "unlock_button")));
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "passphrase_row")), "x");
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "unlock_button")));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find (fixture, "unlock_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Unlock");
}

static void
test_unlock_wrong_then_right (Fixture       *fixture,
                              gconstpointer  user_data)
{
  unlock_with (fixture, "passphrase_row", "not the passphrase");
  assert_error (fixture, "passphrase_row", "The passphrase is not correct");

  /* Typing again takes the message away. */
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "passphrase_row")), "c");
  g_assert_false (gtk_widget_get_visible (find (fixture, "error_label")));
  g_assert_false (gtk_widget_has_css_class (find (fixture, "passphrase_row"), "error"));

  unlock_with (fixture, "passphrase_row", PW_UI_TEST_PASSPHRASE);
  assert_unlocked (fixture);
}

static void
test_unlock_recovery_key (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *other_path = pw_ui_test_new_path ("other.pathway");
  g_autofree char *other_key = NULL;
  g_autoptr(PwStore) other = pw_ui_test_create_store (other_path, &other_key);
  g_autofree char *typed = g_ascii_strdown (fixture->recovery_key, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "unlock.toggle-recovery-key", NULL));
  g_assert_true (pw_unlock_page_get_use_recovery_key (fixture->page));
  g_assert_false (gtk_widget_get_visible (find (fixture, "passphrase_row")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "recovery_row")));
  g_assert_true (pw_ui_test_has_focus (find (fixture, "recovery_row")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (fixture, "method_button"))),
                   ==, "Use the _passphrase instead");

  unlock_with (fixture, "recovery_row", "ABCDE-FGHIJ");
  assert_error (fixture, "recovery_row", "This is not a recovery key. Check it for typing errors.");

  unlock_with (fixture, "recovery_row", other_key);
  assert_error (fixture, "recovery_row", "This recovery key does not open this store");

  /* As the user types it: lower case, spaces instead of dashes. */
  g_strdelimit (typed, "-", ' ');
  unlock_with (fixture, "recovery_row", typed);
  assert_unlocked (fixture);
}

static void
test_unlock_not_a_store (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = pw_ui_test_new_path ("notes.pathway");
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_strnfill (20000, 'x');

  g_file_set_contents (path, junk, -1, &error);
  g_assert_no_error (error);
  pw_unlock_page_set_path (fixture->page, path);

  unlock_with (fixture, "passphrase_row", PW_UI_TEST_PASSPHRASE);
  assert_error (fixture, "passphrase_row", "This file is not a Pathway store");
}

/* A damaged store names the page that failed, rather than blaming the
 * passphrase. */
static void
test_unlock_damaged (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *output;
  const char *message;

  /* Overwrite a few bytes inside the first database page, past the envelope. */
  stream = g_file_open_readwrite (file, NULL, &error);
  g_assert_no_error (error);
  g_seekable_seek (G_SEEKABLE (stream), 4096 + 512, G_SEEK_SET, NULL, &error);
  g_assert_no_error (error);
  output = g_io_stream_get_output_stream (G_IO_STREAM (stream));
  g_output_stream_write_all (output, "damage", 6, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  unlock_with (fixture, "passphrase_row", PW_UI_TEST_PASSPHRASE);

  message = gtk_label_get_text (GTK_LABEL (find (fixture, "error_label")));
  g_assert_true (gtk_widget_get_visible (find (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "Page 1"));
  g_assert_cmpuint (fixture->n_unlocked, ==, 0);
}

/* A store another program holds open says so, rather than "wrong passphrase". */
static void
test_unlock_busy (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PwStore) holder = NULL;
  g_autoptr(GError) error = NULL;

  holder = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_unlock (holder, PW_UI_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);

  unlock_with (fixture, "passphrase_row", PW_UI_TEST_PASSPHRASE);
  assert_error (fixture, "passphrase_row",
                "The store is open in another program. Close it there first.");
}

static void
test_unlock_reset (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "unlock.toggle-recovery-key", NULL);
  unlock_with (fixture, "recovery_row", "ABCDE");
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "passphrase_row")), "typed");

  pw_unlock_page_reset (fixture->page);

  g_assert_false (pw_unlock_page_get_use_recovery_key (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "passphrase_row"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "recovery_row"))), ==, "");
  g_assert_false (gtk_widget_get_visible (find (fixture, "error_label")));
  g_assert_false (gtk_widget_has_css_class (find (fixture, "recovery_row"), "error"));
  g_assert_true (pw_ui_test_has_focus (find (fixture, "passphrase_row")));
}

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/pw/unlock-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("title-and-focus", test_unlock_title_and_focus);
  ADD ("wrong-then-right", test_unlock_wrong_then_right);
  ADD ("recovery-key", test_unlock_recovery_key);
  ADD ("not-a-store", test_unlock_not_a_store);
  ADD ("damaged", test_unlock_damaged);
  ADD ("busy", test_unlock_busy);
  ADD ("reset", test_unlock_reset);

#undef ADD

  return pw_ui_test_run ();
}
