/* test-application.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application's own windows: the About window says what Pathway is,
 * which version and under which licence; the keyboard shortcuts window lists
 * every shortcut of the application and of the main window's widgets.
 */

#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include <string.h>

#include "pw-application.h"
#include "pw-ui-test-util.h"
#include "pw-window.h"

typedef struct
{
  PwApplication *app;
  PwWindow      *window;
} Fixture;

/* One application serves every test, as it is registered on the bus. */
static PwApplication *
shared_application (void)
{
  static PwApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;

  /* Other tests may share the session bus; this one talks to no other
   * instance. */
  app = pw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pw_ui_test_reset_settings ();
  f->app = shared_application ();
  f->window = pw_window_new (ADW_APPLICATION (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  pw_ui_test_wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (GTK_WINDOW (f->window));
}

/* Every text of the labels under @root, shown now or on a page further in. */
static void
collect_labels (GtkWidget *root,
                GString   *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, text);
    }
}

static void
test_application_about (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = ADW_ABOUT_WINDOW (pw_ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  pw_ui_test_wait_mapped (GTK_WIDGET (about));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));

  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Pathway");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Pathway developers");
  g_assert_cmpstr (adw_about_window_get_copyright (about), ==,
                   "Copyright 2026 The Pathway developers");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  /* What a reader sees: what Pathway is, and GPL version 3 "or later". */
  collect_labels (GTK_WIDGET (about), text);
  g_assert_nonnull (strstr (text->str, "Case records for the Graduated Pathway"));
  g_assert_nonnull (strstr (text->str, "GNU General Public License, version 3 or later"));

  pw_ui_test_destroy_window (GTK_WINDOW (about));
}

/* Shortcuts -------------------------------------------------------------------- */

static void
add_accelerators (GPtrArray  *accelerators,
                  const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (accelerators, g_strdup (parts[i]));
}

static void
collect_application_accels (GtkApplication *app,
                            GPtrArray      *accelerators)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        g_ptr_array_add (accelerators, g_strdup (accels[j]));
    }
}

static void
collect_widget_shortcuts (GtkWidget *widget,
                          GPtrArray *accelerators)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      shortcuts = G_LIST_MODEL (controller);

      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          /* GTK's own key bindings, such as those GtkWindow gives every
           * window, emit signals; bindings to actions are the program's. */
          if (GTK_IS_NAMED_ACTION (action))
            g_ptr_array_add (accelerators, gtk_shortcut_trigger_to_string (trigger));
        }
    }
}

/* The shortcuts Pathway's own widgets add, not those of GTK's widgets. */
static void
collect_tree_shortcuts (GtkWidget *root,
                        GPtrArray *accelerators)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (root), "Pw"))
    collect_widget_shortcuts (root, accelerators);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tree_shortcuts (child, accelerators);
}

static void
collect_listed (GtkWidget *root,
                GPtrArray *accelerators)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accelerator = NULL;

          g_object_get (child, "accelerator", &accelerator, NULL);
          add_accelerators (accelerators, accelerator);
        }
      collect_listed (child, accelerators);
    }
}

static gboolean
is_listed (GPtrArray  *listed,
           const char *accelerator)
{
  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accelerator, &key, &mods));
  for (guint i = 0; i < listed->len; i++)
    {
      guint listed_key;
      GdkModifierType listed_mods;

      if (gtk_accelerator_parse (g_ptr_array_index (listed, i), &listed_key, &listed_mods) &&
          listed_key == key && listed_mods == mods)
        return TRUE;
    }

  return FALSE;
}

static void
test_application_shortcuts_listed (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *shortcuts;

  collect_application_accels (GTK_APPLICATION (f->app), used);
  collect_tree_shortcuts (GTK_WIDGET (f->window), used);
  g_assert_cmpuint (used->len, >=, 10);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  shortcuts = pw_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
  collect_listed (GTK_WIDGET (shortcuts), listed);

  for (guint i = 0; i < used->len; i++)
    {
      const char *accelerator = g_ptr_array_index (used, i);

      if (!is_listed (listed, accelerator))
        g_test_fail_printf ("The keyboard shortcuts window does not list %s", accelerator);
    }

  pw_ui_test_destroy_window (shortcuts);
}

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

  g_test_add ("/pw/application/about", Fixture, NULL,
              fixture_set_up, test_application_about, fixture_tear_down);
  g_test_add ("/pw/application/shortcuts-listed", Fixture, NULL,
              fixture_set_up, test_application_shortcuts_listed, fixture_tear_down);

  return pw_ui_test_run ();
}
