/* pw-window.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window: a header bar over a stack of pages.
 *
 * Without a store the window offers to create or open one (the start page);
 * with a locked store it asks for the passphrase (the unlock page); with an
 * unlocked store it shows two views, switched in the header bar or by
 * Ctrl+1 and Ctrl+2: the caseload and the dashboard, both following the
 * caseload that the caseload page opens.  At start it offers the store used
 * last, when that file is still there.  The window holds the store and
 * locks it on `win.lock` (Ctrl+L), after a spell without keyboard or
 * pointer input, whose length comes from the idle-lock-minutes setting, and
 * when the session's screen locks, unless lock-on-screen-lock is off.
 * `win.preferences` (Ctrl+comma) opens the preferences.
 * The window restores its size from GSettings when it is created and saves
 * it again when it is closed.
 */

#define G_LOG_DOMAIN "pw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-caseload-page.h"
#include "pw-create-store-dialog.h"
#include "pw-dashboard.h"
#include "pw-preferences-window.h"
#include "pw-screen-lock-monitor.h"
#include "pw-start-page.h"
#include "pw-unlock-page.h"
#include "pw-window.h"

struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PwStore              *store;
  GtkFileChooserNative *chooser;
  PwCreateStoreDialog  *create_dialog;
  PwPreferencesWindow  *preferences;
  PwScreenLockMonitor  *screen_lock_monitor;
  guint                 idle_lock_seconds;
  guint                 idle_timeout_id;
  gint64                last_activity;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *lock_button;
  GtkStack             *stack;
  GtkWidget            *start_page;
  PwUnlockPage         *unlock_page;
  AdwViewStack         *view_stack;
  PwCaseloadPage       *caseload_page;
  PwDashboard          *dashboard;
};

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_IDLE_LOCK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pw_window_close_dialogs (PwWindow *self);
static void pw_window_schedule_idle_lock (PwWindow *self,
                                          gint64    delay_usec);

/* Window state ----------------------------------------------------------------- */

static void
pw_window_restore_state (PwWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
pw_window_save_state (PwWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  g_settings_delay (self->settings);

  /* While maximized the default size still holds the size to return to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  g_settings_apply (self->settings);
}

/* Pages ------------------------------------------------------------------------ */

static void
pw_window_show_page (PwWindow   *self,
                     const char *name,
                     const char *subtitle)
{
  gboolean unlocked = g_strcmp0 (name, "caseload") == 0;
  const char *title = unlocked ? gtk_window_get_title (GTK_WINDOW (self)) : NULL;

  /* The start and unlock pages carry their own big title; an unlocked
   * store has the view switcher, which shows the title when it is narrow. */
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_stack_set_visible_child_name (self->title_stack, unlocked ? "switcher" : "title");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_widget_set_visible (self->lock_button, unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", unlocked);
  /* The keyboard starts on the start page's first choice, not on the menu. */
  if (g_strcmp0 (name, "start") == 0)
    gtk_widget_grab_focus (self->start_page);
}

static void
pw_window_show_unlock_page (PwWindow   *self,
                            const char *path)
{
  pw_unlock_page_set_path (self->unlock_page, path);
  pw_window_show_page (self, "unlock", NULL);
  pw_unlock_page_reset (self->unlock_page);
}

static void
pw_window_show_caseload_page (PwWindow *self)
{
  g_autofree char *name = g_filename_display_basename (pw_store_get_path (self->store));

  pw_caseload_page_set_store (self->caseload_page, self->store);
  pw_window_show_page (self, "caseload", name);
}

static void
pw_window_show_first_page (PwWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-store");

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    pw_window_show_unlock_page (self, last);
  else
    pw_window_show_page (self, "start", NULL);
}

/* Idle lock -------------------------------------------------------------------- */

static gboolean
on_idle_timeout_cb (gpointer user_data)
{
  PwWindow *self = PW_WINDOW (user_data);
  gint64 idle = g_get_monotonic_time () - self->last_activity;
  gint64 limit = (gint64) self->idle_lock_seconds * G_USEC_PER_SEC;

  self->idle_timeout_id = 0;

  if (idle >= limit)
    pw_window_lock (self);
  else
    pw_window_schedule_idle_lock (self, limit - idle);

  return G_SOURCE_REMOVE;
}

/* Input only moves last_activity; the timer looks at it when it fires, so
 * that a moving pointer does not re-arm a timer on every event. */
static void
pw_window_schedule_idle_lock (PwWindow *self,
                              gint64    delay_usec)
{
  guint seconds = (guint) ((delay_usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  g_clear_handle_id (&self->idle_timeout_id, g_source_remove);
  self->idle_timeout_id = g_timeout_add_seconds (MAX (seconds, 1), on_idle_timeout_cb, self);
}

static void
pw_window_restart_idle_lock (PwWindow *self)
{
  g_clear_handle_id (&self->idle_timeout_id, g_source_remove);
  if (self->store == NULL || pw_store_get_locked (self->store))
    return;

  self->last_activity = g_get_monotonic_time ();
  pw_window_schedule_idle_lock (self, (gint64) self->idle_lock_seconds * G_USEC_PER_SEC);
}

static gboolean
is_user_input (GdkEvent *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_input_event_cb (PwWindow *self,
                   GdkEvent *event)
{
  if (is_user_input (event))
    self->last_activity = g_get_monotonic_time ();

  return GDK_EVENT_PROPAGATE;
}

static void
on_idle_lock_minutes_changed_cb (PwWindow   *self,
                                 const char *key,
                                 GSettings  *settings)
{
  pw_window_set_idle_lock_seconds (self, g_settings_get_uint (settings, key) * 60);
}

/* Screen lock ------------------------------------------------------------------ */

/* The setting is read when the screen locks, so turning it off or on needs
 * nothing else. */
static void
on_screen_locked_cb (PwWindow *self)
{
  if (g_settings_get_boolean (self->settings, "lock-on-screen-lock"))
    pw_window_lock (self);
}

/* Opening and creating stores -------------------------------------------------- */

static void
on_unlock_page_unlocked_cb (PwWindow *self,
                            PwStore  *store)
{
  pw_window_set_store (self, store);
}

static void
on_create_dialog_created_cb (PwWindow            *self,
                             PwStore             *store,
                             PwCreateStoreDialog *dialog)
{
  pw_window_set_store (self, store);
}

static void
pw_window_forget_chooser (PwWindow *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
on_open_chooser_response_cb (GtkNativeDialog *native,
                             int              response,
                             PwWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  pw_window_forget_chooser (self);
  if (file != NULL)
    pw_window_open_store_file (self, file);
}

static GtkFileChooserNative *
new_open_chooser (PwWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "pathway", NULL);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Store"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("Pathway stores"));
  gtk_file_filter_add_pattern (filter, "*.pathway");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  return chooser;
}

/* Actions ---------------------------------------------------------------------- */

static void
open_store_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = new_open_chooser (self);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
create_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->create_dialog == NULL)
    {
      g_set_weak_pointer (&self->create_dialog, pw_create_store_dialog_new (GTK_WINDOW (self)));
      g_signal_connect_object (self->create_dialog, "created",
                               G_CALLBACK (on_create_dialog_created_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->create_dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->preferences == NULL)
    g_set_weak_pointer (&self->preferences, pw_preferences_window_new (GTK_WINDOW (self)));

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pw_window_lock (PW_WINDOW (widget));
}

/* "caseload" or "dashboard"; the views are there only while unlocked. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* GObject ---------------------------------------------------------------------- */

static gboolean
pw_window_close_request (GtkWindow *window)
{
  pw_window_save_state (PW_WINDOW (window));

  return GTK_WINDOW_CLASS (pw_window_parent_class)->close_request (window);
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  g_clear_handle_id (&self->idle_timeout_id, g_source_remove);
  pw_window_forget_chooser (self);
  g_clear_weak_pointer (&self->create_dialog);
  g_clear_weak_pointer (&self->preferences);
  g_clear_object (&self->screen_lock_monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_IDLE_LOCK_SECONDS:
      g_value_set_uint (value, self->idle_lock_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_IDLE_LOCK_SECONDS:
      pw_window_set_idle_lock_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pw_window_dispose;
  object_class->get_property = pw_window_get_property;
  object_class->set_property = pw_window_set_property;

  window_class->close_request = pw_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IDLE_LOCK_SECONDS] =
    g_param_spec_uint ("idle-lock-seconds", NULL, NULL, 1, G_MAXUINT, 300,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, caseload_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, dashboard);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_page_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.create-store", NULL, create_store_action);
  gtk_widget_class_install_action (widget_class, "win.open-store", NULL, open_store_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.lock", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "caseload");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "dashboard");

  g_type_ensure (PW_TYPE_CASELOAD_PAGE);
  g_type_ensure (PW_TYPE_DASHBOARD);
  g_type_ensure (PW_TYPE_START_PAGE);
  g_type_ensure (PW_TYPE_UNLOCK_PAGE);
}

static void
pw_window_add_activity_controller (PwWindow *self)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "event", G_CALLBACK (on_input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
pw_window_init (PwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->caseload_page, "caseload", self->dashboard, "caseload",
                          G_BINDING_SYNC_CREATE);

  self->settings = g_settings_new (APP_ID);
  self->idle_lock_seconds = g_settings_get_uint (self->settings, "idle-lock-minutes") * 60;
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_lock_minutes_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->screen_lock_monitor = pw_screen_lock_monitor_new ();
  g_signal_connect_swapped (self->screen_lock_monitor, "locked",
                            G_CALLBACK (on_screen_locked_cb), self);

  pw_window_add_activity_controller (self);
  pw_window_restore_state (self);
  pw_window_show_first_page (self);
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new main window, owned by GTK's list of toplevels
 */
PwWindow *
pw_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (PW_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * pw_window_add_toast:
 * @self: a #PwWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the window's content.
 */
void
pw_window_add_toast (PwWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * pw_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store the window shows, locked or not
 */
PwStore *
pw_window_get_store (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * pw_window_set_store:
 * @store: (nullable): a store
 *
 * Shows @store's caseload if it is unlocked, and remembers it as the store
 * to offer next time; asks for its passphrase if it is locked; with %NULL,
 * offers to create or open a store.
 */
void
pw_window_set_store (PwWindow *self,
                     PwStore  *store)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  pw_caseload_page_set_store (self->caseload_page, NULL);
  if (store == NULL)
    pw_window_show_page (self, "start", NULL);
  else if (pw_store_get_locked (store))
    pw_window_show_unlock_page (self, pw_store_get_path (store));
  else
    {
      g_settings_set_string (self->settings, "last-store", pw_store_get_path (store));
      adw_view_stack_set_visible_child_name (self->view_stack, "caseload");
      pw_window_show_caseload_page (self);
    }
  pw_window_restart_idle_lock (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pw_window_open_store_file:
 * @file: a store file
 *
 * Asks for the passphrase of the store in @file, as Open Store does.  The
 * store shown until now, if any, is closed.
 */
void
pw_window_open_store_file (PwWindow *self,
                           GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      pw_window_add_toast (self, adw_toast_new (_("Only stores on this computer can be opened")));
      return;
    }

  pw_window_set_store (self, NULL);
  pw_window_show_unlock_page (self, path);
}

/**
 * pw_window_lock:
 *
 * Locks the store, which wipes its keys, and asks for the passphrase again.
 */
void
pw_window_lock (PwWindow *self)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  g_clear_handle_id (&self->idle_timeout_id, g_source_remove);
  if (self->store == NULL || pw_store_get_locked (self->store))
    return;

  pw_window_close_dialogs (self);
  pw_store_lock (self->store);
  pw_caseload_page_set_store (self->caseload_page, NULL);
  pw_window_show_unlock_page (self, pw_store_get_path (self->store));
}

/* Dialogs show a child's details too: they go when the store locks. */
static void
pw_window_close_dialogs (PwWindow *self)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      gtk_window_destroy (l->data);
}

/**
 * pw_window_get_screen_lock_monitor:
 *
 * Returns: (transfer none): what tells the window that the screen locked
 */
PwScreenLockMonitor *
pw_window_get_screen_lock_monitor (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->screen_lock_monitor;
}

guint
pw_window_get_idle_lock_seconds (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), 0);

  return self->idle_lock_seconds;
}

/**
 * pw_window_set_idle_lock_seconds:
 * @seconds: how long the window waits without input before it locks
 *
 * Starts from the idle-lock-minutes setting; tests set it in seconds.
 */
void
pw_window_set_idle_lock_seconds (PwWindow *self,
                                 guint     seconds)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (seconds > 0);

  if (self->idle_lock_seconds == seconds)
    return;

  self->idle_lock_seconds = seconds;
  pw_window_restart_idle_lock (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_LOCK_SECONDS]);
}
