/* test-window.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "pw-start-page.h"
#include "pw-window.h"

typedef struct
{
  guint create_store;
  guint open_store;
} ActionCounts;

static void
on_create_store_activate_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ActionCounts *counts = user_data;

  counts->create_store++;
}

static void
on_open_store_activate_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  ActionCounts *counts = user_data;

  counts->open_store++;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (action_name == NULL ||
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0))
        return child;

      if ((found = find_widget (child, type, action_name)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
on_wake_timeout_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint wake_id = g_timeout_add (20, on_wake_timeout_cb, NULL);

  while (!gtk_widget_get_mapped (widget))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_clear_handle_id (&wake_id, g_source_remove);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Nothing but GTK's list of toplevels may keep a closed window alive. */
static void
destroy_window (PwWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

static PwWindow *
create_window (ActionCounts *counts)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const GActionEntry entries[] = {
    { "create-store", on_create_store_activate_cb },
    { "open-store", on_open_store_activate_cb },
  };
  PwWindow *window;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), counts);
  window = g_object_new (PW_TYPE_WINDOW, NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "app", G_ACTION_GROUP (group));

  return window;
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
test_window_start_page (void)
{
  ActionCounts counts = { 0 };
  PwWindow *window = create_window (&counts);
  GtkWidget *start_page;
  GtkWidget *create_button;
  GtkWidget *open_button;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  start_page = find_widget (GTK_WIDGET (window), PW_TYPE_START_PAGE, NULL);
  g_assert_nonnull (start_page);
  wait_until_mapped (start_page);
  g_assert_true (gtk_widget_is_visible (start_page));
  g_assert_true (gtk_widget_is_drawable (start_page));

  create_button = find_widget (start_page, GTK_TYPE_BUTTON, "app.create-store");
  open_button = find_widget (start_page, GTK_TYPE_BUTTON, "app.open-store");
  assert_button_labelled (create_button, "Create a new store…");
  assert_button_labelled (open_button, "Open a store…");
  g_assert_true (gtk_widget_has_css_class (create_button, "suggested-action"));

  g_signal_emit_by_name (create_button, "clicked");
  g_signal_emit_by_name (open_button, "clicked");
  g_signal_emit_by_name (open_button, "clicked");
  g_assert_cmpuint (counts.create_store, ==, 1);
  g_assert_cmpuint (counts.open_store, ==, 2);

  destroy_window (window);
}

static void
test_window_icon_buttons_labelled (void)
{
  ActionCounts counts = { 0 };
  PwWindow *window = create_window (&counts);
  GtkWidget *menu_button;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* A button showing only an icon needs a label for screen readers and a
   * tooltip for everyone else. */
  menu_button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu_button);
  g_assert_nonnull (gtk_widget_get_tooltip_text (menu_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");

  destroy_window (window);
}

static void
test_window_size_from_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ActionCounts counts = { 0 };
  PwWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = create_window (&counts);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* Closing saves the size the window has now. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pw/window/start-page", test_window_start_page);
  g_test_add_func ("/pw/window/icon-buttons-labelled", test_window_icon_buttons_labelled);
  g_test_add_func ("/pw/window/size-from-settings", test_window_size_from_settings);

  return g_test_run ();
}
