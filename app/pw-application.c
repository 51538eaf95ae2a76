/* pw-application.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application owns the app-wide actions (quit, about, shortcuts) and
 * their keyboard accelerators, and opens one main window on activation;
 * `pathway STORE` opens that window at the store's unlock page.
 * Creating, opening and locking a store are the window's own actions, since
 * the window holds the store.
 */

#define G_LOG_DOMAIN "pw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-application.h"
#include "pw-window.h"

struct _PwApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

static void
pw_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Close rather than quit outright, so that every window saves its state;
   * the application exits when the last one is gone.  Closing changes the
   * application's list of windows, so walk a copy. */
  for (const GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
pw_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", "Pathway",
                        "application-icon", APP_ID,
                        "developer-name", "The Pathway developers",
                        "version", PACKAGE_VERSION,
                        "comments", _("Case records for the Graduated Pathway, "
                                      "kept encrypted on this computer"),
                        "copyright", "Copyright 2026 The Pathway developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace with your names, one name per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
pw_application_shortcuts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/org/pathwayapp/Pathway/pw-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, gtk_application_get_active_window (app));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", pw_application_quit_action },
  { "about", pw_application_about_action },
  { "shortcuts", pw_application_shortcuts_action },
};

static void
pw_application_set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
pw_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (pw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  pw_application_set_accels (GTK_APPLICATION (application));
}

static void
pw_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (pw_window_new (ADW_APPLICATION (application)));

  gtk_window_present (window);
}

/* `pathway FILE`: the window holds one store, so only the first file is
 * opened, at its unlock page. */
static void
pw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window;

  pw_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  pw_window_open_store_file (PW_WINDOW (window), files[0]);
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = pw_application_startup;
  app_class->activate = pw_application_activate;
  app_class->open = pw_application_open;
}

static void
pw_application_init (PwApplication *self)
{
}

PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/pathwayapp/Pathway",
                       NULL);
}
