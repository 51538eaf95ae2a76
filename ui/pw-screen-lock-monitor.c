/* pw-screen-lock-monitor.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tells the window when the session's screen locks, so that it can lock the
 * store too.
 *
 * Three sources can say so: GNOME Shell's org.gnome.ScreenSaver and the
 * freedesktop org.freedesktop.ScreenSaver (KDE, Xfce and others) send
 * ActiveChanged(true) on the session bus, and logind sends Lock to the
 * object of our login session on the system bus.  Each of them emits
 * "locked", so one lock of the screen may emit it more than once.  A bus
 * that cannot be reached means one source less and nothing more, so such
 * failures are debug messages only.
 */

#define G_LOG_DOMAIN "pw-screen-lock-monitor"

#include "config.h"

#include <unistd.h>

#include "pw-screen-lock-monitor.h"

#define GNOME_SCREEN_SAVER       "org.gnome.ScreenSaver"
#define FREEDESKTOP_SCREEN_SAVER "org.freedesktop.ScreenSaver"
#define LOGIND_NAME              "org.freedesktop.login1"
#define LOGIND_PATH              "/org/freedesktop/login1"
#define LOGIND_MANAGER           "org.freedesktop.login1.Manager"
#define LOGIND_SESSION           "org.freedesktop.login1.Session"

struct _PwScreenLockMonitor
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint            gnome_id;
  guint            freedesktop_id;
  guint            logind_id;
  guint            n_pending;
  gboolean         asked_by_pid;
};

G_DEFINE_FINAL_TYPE (PwScreenLockMonitor, pw_screen_lock_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

enum {
  LOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pw_screen_lock_monitor_step_done (PwScreenLockMonitor *self)
{
  g_assert (self->n_pending > 0);

  if (--self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
unsubscribe (GDBusConnection *bus,
             guint           *id)
{
  if (*id != 0)
    g_dbus_connection_signal_unsubscribe (bus, *id);
  *id = 0;
}

/* Signals from the buses --------------------------------------------------- */

static void
on_active_changed_cb (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean active;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &active);
  if (active)
    g_signal_emit (user_data, signals[LOCKED], 0);
}

static void
on_session_lock_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  g_signal_emit (user_data, signals[LOCKED], 0);
}

/* The session bus: screen savers --------------------------------------------- */

/* Both screen savers use their bus name as their interface name. */
static guint
subscribe_active_changed (PwScreenLockMonitor *self,
                          const char          *name,
                          const char          *path)
{
  return g_dbus_connection_signal_subscribe (self->session_bus, name, name, "ActiveChanged",
                                             path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                             on_active_changed_cb, self, NULL);
}

static void
on_session_bus_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  PwScreenLockMonitor *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = PW_SCREEN_LOCK_MONITOR (user_data);
  if (bus == NULL)
    g_debug ("No session bus to hear of screen locks from: %s", error->message);
  else
    {
      self->session_bus = bus;
      self->gnome_id = subscribe_active_changed (self, GNOME_SCREEN_SAVER,
                                                 "/org/gnome/ScreenSaver");
      /* Any path: KDE also sends from /ScreenSaver. */
      self->freedesktop_id = subscribe_active_changed (self, FREEDESKTOP_SCREEN_SAVER, NULL);
    }
  pw_screen_lock_monitor_step_done (self);
}

/* The system bus: logind ----------------------------------------------------- */

static void pw_screen_lock_monitor_find_session (PwScreenLockMonitor *self,
                                                 const char          *method,
                                                 GVariant            *parameters);

static void
pw_screen_lock_monitor_watch_session (PwScreenLockMonitor *self,
                                      GVariant            *reply)
{
  const char *path;

  g_variant_get (reply, "(&o)", &path);
  self->logind_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                        LOGIND_SESSION, "Lock", path, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                                        on_session_lock_cb, self, NULL);
}

/* "auto" finds our own session or, for a program started outside one (by
 * D-Bus activation, say), the user's graphical session; logind before
 * systemd 243 knows only the lookup by process. */
static void
on_find_session_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  PwScreenLockMonitor *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = PW_SCREEN_LOCK_MONITOR (user_data);
  if (reply == NULL && !self->asked_by_pid)
    {
      g_debug ("No login session named auto: %s", error->message);
      self->asked_by_pid = TRUE;
      pw_screen_lock_monitor_find_session (self, "GetSessionByPID",
                                           g_variant_new ("(u)", (guint32) getpid ()));
      return;
    }

  if (reply == NULL)
    g_debug ("No login session to hear of screen locks from: %s", error->message);
  else
    pw_screen_lock_monitor_watch_session (self, reply);
  pw_screen_lock_monitor_step_done (self);
}

static void
pw_screen_lock_monitor_find_session (PwScreenLockMonitor *self,
                                     const char          *method,
                                     GVariant            *parameters)
{
  g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER,
                          method, parameters, G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          on_find_session_cb, self);
}

static void
on_system_bus_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  PwScreenLockMonitor *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = PW_SCREEN_LOCK_MONITOR (user_data);
  if (bus == NULL)
    {
      g_debug ("No system bus to hear of screen locks from: %s", error->message);
      pw_screen_lock_monitor_step_done (self);
      return;
    }

  /* Nothing else here uses the system bus; losing it must not end the
   * application, as it would for the shared connection's default. */
  self->system_bus = bus;
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  pw_screen_lock_monitor_find_session (self, "GetSession", g_variant_new ("(s)", "auto"));
}

/* GObject -------------------------------------------------------------------- */

static void
pw_screen_lock_monitor_dispose (GObject *object)
{
  PwScreenLockMonitor *self = PW_SCREEN_LOCK_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session_bus != NULL)
    {
      unsubscribe (self->session_bus, &self->gnome_id);
      unsubscribe (self->session_bus, &self->freedesktop_id);
    }
  if (self->system_bus != NULL)
    unsubscribe (self->system_bus, &self->logind_id);
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (pw_screen_lock_monitor_parent_class)->dispose (object);
}

static void
pw_screen_lock_monitor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PwScreenLockMonitor *self = PW_SCREEN_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, pw_screen_lock_monitor_get_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_screen_lock_monitor_class_init (PwScreenLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_screen_lock_monitor_dispose;
  object_class->get_property = pw_screen_lock_monitor_get_property;

  /**
   * PwScreenLockMonitor:ready:
   *
   * Whether the monitor has finished looking for the buses and the login
   * session, found or not, and listens to all it found.
   */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwScreenLockMonitor::locked:
   *
   * The session's screen has been locked.
   */
  signals[LOCKED] =
    g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pw_screen_lock_monitor_init (PwScreenLockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->n_pending = 2;

  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus_cb, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * pw_screen_lock_monitor_new:
 *
 * Starts listening on the session and system buses; the monitor is ready
 * once the main loop has run through the bus lookups.
 *
 * Returns: (transfer full): a new monitor
 */
PwScreenLockMonitor *
pw_screen_lock_monitor_new (void)
{
  return g_object_new (PW_TYPE_SCREEN_LOCK_MONITOR, NULL);
}

gboolean
pw_screen_lock_monitor_get_ready (PwScreenLockMonitor *self)
{
  g_return_val_if_fail (PW_IS_SCREEN_LOCK_MONITOR (self), FALSE);

  return self->n_pending == 0;
}
