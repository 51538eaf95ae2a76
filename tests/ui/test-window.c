/* test-window.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "pw-caseload-page.h"
#include "pw-create-store-dialog.h"
#include "pw-start-page.h"
#include "pw-export-dialog.h"
#include "pw-ui-test-util.h"
#include "pw-unlock-page.h"
#include "pw-window.h"

static PwWindow *
open_window (void)
{
  PwWindow *window = g_object_new (PW_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  pw_ui_test_wait_mapped (GTK_WIDGET (window));

  return window;
}

static GtkWidget *
find (PwWindow   *window,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (window), id);

  g_assert_nonnull (widget);

  return widget;
}

static GtkWidget *
find_in_page (PwWindow   *window,
              const char *page_id,
              const char *id)
{
  GtkWidget *widget = pw_ui_test_find (find (window, page_id), id);

  g_assert_nonnull (widget);

  return widget;
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  return pw_ui_test_find_first (root, is_action_button, action_name);
}

/* The window's stack of pages comes after the header bar, whose view
 * switcher buttons hold stacks of their own. */
static const char *
visible_page (PwWindow *window)
{
  GtkWidget *header = pw_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  GtkWidget *stack = gtk_widget_get_next_sibling (header);

  g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (stack)), ==, "stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
subtitle (PwWindow *window)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find (window, "window_title")));
}

static void
set_last_store (const char *path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "last-store", path);
}

static char *
get_last_store (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_string (settings, "last-store");
}

/* A store on disk, locked, remembered as the last one used. */
static char *
make_last_store (const char  *name,
                 char       **recovery_key)
{
  char *path = pw_ui_test_new_path (name);
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, recovery_key);

  pw_store_lock (store);
  set_last_store (path);

  return path;
}

static void
assert_button_labelled (GtkWidget  *button,
                        const char *label)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)),
                   ==, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
assert_caseload_shown (PwWindow   *window,
                       const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *last_store = get_last_store ();
  AdwStatusPage *empty = ADW_STATUS_PAGE (find_in_page (window, "caseload_page", "empty_page"));
  PwStore *store = pw_window_get_store (window);

  g_assert_cmpstr (visible_page (window), ==, "caseload");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No children yet");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==,
                   "Children you add will be listed here");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find (window, "window_title"))),
                   ==, "Pathway");
  g_assert_cmpstr (subtitle (window), ==, name);
  g_assert_true (gtk_widget_get_visible (find (window, "lock_button")));
  g_assert_true (gtk_widget_is_sensitive (find (window, "lock_button")));

  g_assert_nonnull (store);
  g_assert_false (pw_store_get_locked (store));
  g_assert_cmpstr (pw_store_get_path (store), ==, path);
  g_assert_cmpstr (last_store, ==, path);
}

static void
assert_unlock_page_shown (PwWindow   *window,
                          const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  GtkWidget *unlock_page = find (window, "unlock_page");
  GtkWidget *row = find_in_page (window, "unlock_page", "passphrase_row");
  AdwStatusPage *status = ADW_STATUS_PAGE (find_in_page (window, "unlock_page", "status_page"));

  g_assert_cmpstr (visible_page (window), ==, "unlock");
  pw_ui_test_wait_mapped (unlock_page);
  g_assert_cmpstr (pw_unlock_page_get_path (PW_UNLOCK_PAGE (unlock_page)), ==, path);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_true (pw_ui_test_has_focus (row));
  g_assert_false (gtk_widget_get_visible (find (window, "lock_button")));
}

/* Types @secret into the unlock page's field and presses Enter. */
static void
unlock_with (PwWindow   *window,
             const char *row_id,
             const char *secret)
{
  PwUnlockPage *page = PW_UNLOCK_PAGE (find (window, "unlock_page"));
  GtkWidget *row = find_in_page (window, "unlock_page", row_id);

  gtk_editable_set_text (GTK_EDITABLE (row), secret);
  g_signal_emit_by_name (pw_ui_test_find_type (row, GTK_TYPE_TEXT), "activate");
  g_assert_true (pw_unlock_page_get_busy (page));
  PW_UI_TEST_WAIT_FOR (!pw_unlock_page_get_busy (page));
}

static PwWindow *
open_unlocked_window (char **path_out)
{
  g_autofree char *path = pw_ui_test_new_path ("cases.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  PwWindow *window = open_window ();

  pw_window_set_store (window, store);
  assert_caseload_shown (window, path);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return window;
}

/* Tests ------------------------------------------------------------------------ */

static void
test_window_start_page (void)
{
  PwWindow *window;
  GtkWidget *start_page;
  GtkWidget *create_button;
  GtkWidget *open_button;
  GtkWindow *dialog;

  pw_ui_test_reset_settings ();
  window = open_window ();

  start_page = pw_ui_test_find_type (GTK_WIDGET (window), PW_TYPE_START_PAGE);
  g_assert_nonnull (start_page);
  pw_ui_test_wait_mapped (start_page);
  g_assert_cmpstr (visible_page (window), ==, "start");
  g_assert_null (pw_window_get_store (window));
  g_assert_false (gtk_widget_get_visible (find (window, "lock_button")));

  create_button = find_action_button (start_page, "win.create-store");
  open_button = find_action_button (start_page, "win.open-store");
  assert_button_labelled (create_button, "Create a new store…");
  assert_button_labelled (open_button, "Open a store…");
  g_assert_true (gtk_widget_has_css_class (create_button, "suggested-action"));

  /* Creating opens the dialog, over the window; asking again shows the same. */
  g_signal_emit_by_name (create_button, "clicked");
  dialog = pw_ui_test_find_toplevel (PW_TYPE_CREATE_STORE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  g_signal_emit_by_name (create_button, "clicked");
  g_assert_true (pw_ui_test_find_toplevel (PW_TYPE_CREATE_STORE_DIALOG) == dialog);

  gtk_window_close (dialog);
  pw_ui_test_drain ();
  g_assert_null (pw_ui_test_find_toplevel (PW_TYPE_CREATE_STORE_DIALOG));

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_icon_buttons_labelled (void)
{
  PwWindow *window;
  GtkWidget *menu_button;
  GtkWidget *lock_button;

  pw_ui_test_reset_settings ();
  window = open_window ();

  /* A button showing only an icon needs a label for screen readers and a
   * tooltip for everyone else. */
  menu_button = pw_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  g_assert_nonnull (gtk_widget_get_tooltip_text (menu_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");

  lock_button = find (window, "lock_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (lock_button), ==, "Lock (Ctrl+L)");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (lock_button)), ==, "win.lock");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lock_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Lock");

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_size_from_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *window;
  int width;
  int height;

  pw_ui_test_reset_settings ();
  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = g_object_new (PW_TYPE_WINDOW, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_present (GTK_WINDOW (window));
  pw_ui_test_wait_mapped (GTK_WIDGET (window));

  /* Closing saves the size the window has now. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  pw_ui_test_drain ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_window_startup_last_store (void)
{
  g_autofree char *path = NULL;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  path = make_last_store ("last.pathway", NULL);

  window = open_window ();
  assert_unlock_page_shown (window, path);
  g_assert_cmpstr (subtitle (window), ==, "");
  g_assert_false (gtk_widget_is_sensitive (find (window, "lock_button")));

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_startup_missing_store (void)
{
  g_autofree char *path = NULL;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  path = pw_ui_test_new_path ("gone.pathway");
  set_last_store (path);

  window = open_window ();
  g_assert_cmpstr (visible_page (window), ==, "start");

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_create_store (void)
{
  g_autofree char *path = NULL;
  PwCreateStoreDialog *dialog;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  window = open_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-store", NULL));
  dialog = PW_CREATE_STORE_DIALOG (pw_ui_test_find_toplevel (PW_TYPE_CREATE_STORE_DIALOG));
  g_assert_nonnull (dialog);
  pw_create_store_dialog_set_kdf_cost (dialog, pw_ui_test_cost ());
  path = g_strdup (pw_create_store_dialog_get_path (dialog));

  gtk_editable_set_text (GTK_EDITABLE (pw_ui_test_find (GTK_WIDGET (dialog), "passphrase_row")),
                         PW_UI_TEST_PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (pw_ui_test_find (GTK_WIDGET (dialog), "confirm_row")),
                         PW_UI_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  PW_UI_TEST_WAIT_FOR (!pw_create_store_dialog_get_busy (dialog));

  /* Until the key is acknowledged the window stays where it was. */
  g_assert_cmpstr (visible_page (window), ==, "start");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pw_ui_test_find (GTK_WIDGET (dialog),
                                                                  "written_check")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL));
  pw_ui_test_drain ();

  g_assert_null (pw_ui_test_find_toplevel (PW_TYPE_CREATE_STORE_DIALOG));
  assert_caseload_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_unlock_wrong_then_right (void)
{
  g_autofree char *path = NULL;
  GtkWidget *error_label;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  path = make_last_store ("cases.pathway", NULL);
  window = open_window ();
  assert_unlock_page_shown (window, path);

  unlock_with (window, "passphrase_row", "not the passphrase");
  error_label = find_in_page (window, "unlock_page", "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "The passphrase is not correct");
  g_assert_true (pw_ui_test_has_focus (find_in_page (window, "unlock_page", "passphrase_row")));
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_null (pw_window_get_store (window));

  unlock_with (window, "passphrase_row", PW_UI_TEST_PASSPHRASE);
  assert_caseload_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_unlock_recovery_key (void)
{
  g_autofree char *path = NULL;
  g_autofree char *recovery_key = NULL;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  path = make_last_store ("cases.pathway", &recovery_key);
  window = open_window ();

  g_assert_true (gtk_widget_activate_action (find (window, "unlock_page"),
                                             "unlock.toggle-recovery-key", NULL));
  unlock_with (window, "recovery_row", recovery_key);
  assert_caseload_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_lock_action (void)
{
  g_autofree char *path = NULL;
  g_autoptr(PwStore) store = NULL;
  PwWindow *window;

  pw_ui_test_reset_settings ();
  window = open_unlocked_window (&path);
  store = g_object_ref (pw_window_get_store (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));

  g_assert_true (pw_store_get_locked (store));
  g_assert_true (pw_window_get_store (window) == store);
  g_assert_null (pw_caseload_page_get_store (PW_CASELOAD_PAGE (find (window, "caseload_page"))));
  assert_unlock_page_shown (window, path);
  g_assert_cmpstr (subtitle (window), ==, "");

  /* Nothing left to lock; unlocking again goes back to the caseload. */
  g_assert_false (gtk_widget_is_sensitive (find (window, "lock_button")));
  unlock_with (window, "passphrase_row", PW_UI_TEST_PASSPHRASE);
  assert_caseload_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

/* A dialog open over the caseload shows a child's details too: locking
 * closes it. */
static void
test_window_lock_closes_dialogs (void)
{
  g_autofree char *path = NULL;
  PwWindow *window;
  GtkWidget *page;

  pw_ui_test_reset_settings ();
  window = open_unlocked_window (&path);
  page = find (window, "caseload_page");
  g_assert_true (gtk_widget_activate_action (page, "caseload.export", NULL));
  PW_UI_TEST_WAIT_FOR (pw_ui_test_find_toplevel (PW_TYPE_EXPORT_DIALOG) != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  pw_ui_test_drain ();

  g_assert_null (pw_ui_test_find_toplevel (PW_TYPE_EXPORT_DIALOG));
  assert_unlock_page_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_lock_shortcut (void)
{
  PwWindow *window;

  pw_ui_test_reset_settings ();
  window = open_window ();

  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (window), "<Control>l", "win.lock"));

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_idle_lock (void)
{
  g_autofree char *path = NULL;
  g_autoptr(PwStore) store = NULL;
  PwWindow *window;
  gint64 start;

  pw_ui_test_reset_settings ();
  window = open_unlocked_window (&path);
  store = g_object_ref (pw_window_get_store (window));

  start = g_get_monotonic_time ();
  g_object_set (window, "idle-lock-seconds", 1, NULL);
  pw_ui_test_spin (500);
  g_assert_false (pw_store_get_locked (store));

  PW_UI_TEST_WAIT_FOR (pw_store_get_locked (store));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  assert_unlock_page_shown (window, path);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_idle_lock_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *window;

  pw_ui_test_reset_settings ();
  g_settings_set_uint (settings, "idle-lock-minutes", 7);
  window = open_window ();
  g_assert_cmpuint (pw_window_get_idle_lock_seconds (window), ==, 7 * 60);

  g_settings_set_uint (settings, "idle-lock-minutes", 2);
  pw_ui_test_drain ();
  g_assert_cmpuint (pw_window_get_idle_lock_seconds (window), ==, 2 * 60);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

  g_test_add_func ("/pw/window/start-page", test_window_start_page);
  g_test_add_func ("/pw/window/icon-buttons-labelled", test_window_icon_buttons_labelled);
  g_test_add_func ("/pw/window/size-from-settings", test_window_size_from_settings);
  g_test_add_func ("/pw/window/startup-last-store", test_window_startup_last_store);
  g_test_add_func ("/pw/window/startup-missing-store", test_window_startup_missing_store);
  g_test_add_func ("/pw/window/create-store", test_window_create_store);
  g_test_add_func ("/pw/window/unlock-wrong-then-right", test_window_unlock_wrong_then_right);
  g_test_add_func ("/pw/window/unlock-recovery-key", test_window_unlock_recovery_key);
  g_test_add_func ("/pw/window/lock-action", test_window_lock_action);
  g_test_add_func ("/pw/window/lock-closes-dialogs", test_window_lock_closes_dialogs);
  g_test_add_func ("/pw/window/lock-shortcut", test_window_lock_shortcut);
  g_test_add_func ("/pw/window/idle-lock", test_window_idle_lock);
  g_test_add_func ("/pw/window/idle-lock-setting", test_window_idle_lock_setting);

  return pw_ui_test_run ();
}
