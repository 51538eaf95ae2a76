/* test-screen-lock.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Locking with the screen, over a real D-Bus daemon of this test's own that
 * stands in for both the session and the system bus.  A fake screen saver
 * and a fake logind on their own connection send what GNOME Shell, KDE and
 * logind send when the screen locks; the monitor must tell, and the window
 * must lock its store unless lock-on-screen-lock is off.
 *
 * Whether a signal was ignored is known without waiting for time to pass:
 * a marker signal sent after it arrives after it, on each bus connection.
 */

#define G_LOG_DOMAIN "test-screen-lock"

#include "config.h"

#include <unistd.h>

#include "pw-caseload-page.h"
#include "pw-screen-lock-monitor.h"
#include "pw-ui-test-util.h"
#include "pw-window.h"

#define SESSION_PATH       "/org/freedesktop/login1/session/_32"
#define OTHER_SESSION_PATH "/org/freedesktop/login1/session/_37"
#define MARKER_INTERFACE   "org.pathwayapp.Test"

static const char manager_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.login1.Manager'>"
  "    <method name='GetSession'>"
  "      <arg type='s' name='session_id' direction='in'/>"
  "      <arg type='o' name='object_path' direction='out'/>"
  "    </method>"
  "    <method name='GetSessionByPID'>"
  "      <arg type='u' name='pid' direction='in'/>"
  "      <arg type='o' name='object_path' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GTestDBus *test_bus;

/* The screen savers and logind, on a connection of their own as if they
 * were other programs. */
typedef struct
{
  GDBusConnection *connection;
  guint            manager_id;
  gboolean         refuse_auto;
  char            *asked_session;
  guint            asked_pid;

  GDBusConnection *buses[2];
  guint            marker_ids[2];
  guint            markers_seen;
  guint            locked;
} Fixture;

/* The fake logind ------------------------------------------------------------ */

static void
on_manager_method_cb (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *path,
                      const char            *interface,
                      const char            *method,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (method, "GetSessionByPID"))
    g_variant_get (parameters, "(u)", &f->asked_pid);
  else
    {
      g_clear_pointer (&f->asked_session, g_free);
      g_variant_get (parameters, "(s)", &f->asked_session);
      if (f->refuse_auto)
        {
          g_dbus_method_invocation_return_dbus_error (invocation,
                                                      "org.freedesktop.login1.NoSuchSession",
                                                      "No session 'auto' known");
          return;
        }
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", SESSION_PATH));
}

static const GDBusInterfaceVTable manager_vtable = { on_manager_method_cb, NULL, NULL };

static void
own_name (GDBusConnection *connection,
          const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint32 result;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 4 /* do not queue */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1 /* primary owner */);
}

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
start_fake_services (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (manager_xml, &error);

  g_assert_no_error (error);
  f->connection = new_connection ();
  own_name (f->connection, "org.gnome.ScreenSaver");
  own_name (f->connection, "org.freedesktop.ScreenSaver");
  own_name (f->connection, "org.freedesktop.login1");
  f->manager_id = g_dbus_connection_register_object (f->connection, "/org/freedesktop/login1",
                                                     info->interfaces[0], &manager_vtable,
                                                     f, NULL, &error);
  g_assert_no_error (error);
}

/* What the fakes send -------------------------------------------------------- */

static void
emit_from (GDBusConnection *connection,
           const char      *path,
           const char      *interface,
           const char      *signal,
           GVariant        *parameters)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (connection, NULL, path, interface, signal, parameters, &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (connection, NULL, &error);
  g_assert_no_error (error);
}

static void
emit (Fixture    *f,
      const char *path,
      const char *interface,
      const char *signal,
      GVariant   *parameters)
{
  emit_from (f->connection, path, interface, signal, parameters);
}

static void
emit_gnome_active (Fixture  *f,
                   gboolean  active)
{
  emit (f, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged",
        g_variant_new ("(b)", active));
}

static void
emit_logind_lock (Fixture    *f,
                  const char *session_path)
{
  emit (f, session_path, "org.freedesktop.login1.Session", "Lock", NULL);
}

/* The markers: the application's own bus connections, which the monitor
 * shares, each hear one after whatever the fakes sent before it. */

static void
on_marker_cb (GDBusConnection *connection,
              const char      *sender,
              const char      *path,
              const char      *interface,
              const char      *signal,
              GVariant        *parameters,
              gpointer         user_data)
{
  Fixture *f = user_data;

  f->markers_seen++;
}

static void
watch_markers (Fixture *f)
{
  static const GBusType types[] = { G_BUS_TYPE_SESSION, G_BUS_TYPE_SYSTEM };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;

      f->buses[i] = g_bus_get_sync (types[i], NULL, &error);
      g_assert_no_error (error);
      f->marker_ids[i] = g_dbus_connection_signal_subscribe (f->buses[i], NULL, MARKER_INTERFACE,
                                                             "Marker", NULL, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NONE,
                                                             on_marker_cb, f, NULL);
    }
}

/* Returns once the bus daemon has every match rule the application's
 * connections asked for so far. */
static void
round_trip (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->buses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (f->buses[i], "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "GetId", NULL, G_VARIANT_TYPE ("(s)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Returns once everything @connection sent so far has been handled. */
static void
sync_with (Fixture         *f,
           GDBusConnection *connection)
{
  guint expected = f->markers_seen + G_N_ELEMENTS (f->buses);

  emit_from (connection, "/org/pathwayapp/Test", MARKER_INTERFACE, "Marker", NULL);
  PW_UI_TEST_WAIT_FOR (f->markers_seen == expected);
}

static void
sync_with_fakes (Fixture *f)
{
  sync_with (f, f->connection);
}

static void
wait_ready (Fixture             *f,
            PwScreenLockMonitor *monitor)
{
  PW_UI_TEST_WAIT_FOR (pw_screen_lock_monitor_get_ready (monitor));
  round_trip (f);
}

/* Fixture -------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  pw_ui_test_reset_settings ();
  g_settings_reset (settings, "lock-on-screen-lock");
  f->refuse_auto = GPOINTER_TO_INT (data);
  watch_markers (f);
  start_fake_services (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (f->buses); i++)
    {
      g_dbus_connection_signal_unsubscribe (f->buses[i], f->marker_ids[i]);
      g_clear_object (&f->buses[i]);
    }
  g_dbus_connection_unregister_object (f->connection, f->manager_id);
  g_dbus_connection_close_sync (f->connection, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->connection);
  g_clear_pointer (&f->asked_session, g_free);
  pw_ui_test_drain ();
}

static void
on_locked_cb (PwScreenLockMonitor *monitor,
              Fixture             *f)
{
  f->locked++;
}

static PwScreenLockMonitor *
new_monitor (Fixture *f)
{
  PwScreenLockMonitor *monitor = pw_screen_lock_monitor_new ();

  g_signal_connect (monitor, "locked", G_CALLBACK (on_locked_cb), f);
  wait_ready (f, monitor);

  return monitor;
}

/* The monitor ---------------------------------------------------------------- */

static void
test_monitor_gnome (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PwScreenLockMonitor) monitor = new_monitor (f);

  /* Unlocking the screen is no reason to lock the store. */
  emit_gnome_active (f, FALSE);
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 0);

  emit_gnome_active (f, TRUE);
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 1);
}

static void
test_monitor_freedesktop (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PwScreenLockMonitor) monitor = new_monitor (f);

  emit (f, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged",
        g_variant_new ("(b)", TRUE));
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 1);

  /* KDE sends from this path as well. */
  emit (f, "/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged",
        g_variant_new ("(b)", TRUE));
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 2);
}

static void
test_monitor_logind (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PwScreenLockMonitor) monitor = new_monitor (f);

  g_assert_cmpstr (f->asked_session, ==, "auto");

  /* Another user's session locking is not ours. */
  emit_logind_lock (f, OTHER_SESSION_PATH);
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 0);

  emit_logind_lock (f, SESSION_PATH);
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 1);
}

static void
test_monitor_logind_by_pid (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PwScreenLockMonitor) monitor = new_monitor (f);

  g_assert_cmpuint (f->asked_pid, ==, (guint) getpid ());

  emit_logind_lock (f, SESSION_PATH);
  sync_with_fakes (f);
  g_assert_cmpuint (f->locked, ==, 1);
}

/* Only the owner of the screen saver's name speaks for it. */
static void
test_monitor_other_sender (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PwScreenLockMonitor) monitor = new_monitor (f);
  g_autoptr(GDBusConnection) other = new_connection ();

  emit_from (other, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged",
             g_variant_new ("(b)", TRUE));
  emit_from (other, SESSION_PATH, "org.freedesktop.login1.Session", "Lock", NULL);
  sync_with (f, other);
  g_assert_cmpuint (f->locked, ==, 0);
}

static void
test_monitor_no_system_bus (void)
{
  g_autoptr(PwScreenLockMonitor) monitor = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr_unmatched ("*WARNING*");
      g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
      return;
    }

  /* A fresh process has not reached the system bus yet. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/pathway-test-bus", TRUE);
  monitor = pw_screen_lock_monitor_new ();
  PW_UI_TEST_WAIT_FOR (pw_screen_lock_monitor_get_ready (monitor));
}

/* The window ----------------------------------------------------------------- */

static const char *
visible_page (PwWindow *window)
{
  GtkWidget *header = pw_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);

  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_next_sibling (header)));
}

static PwWindow *
open_unlocked_window (Fixture *f)
{
  g_autofree char *path = pw_ui_test_new_path ("cases.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  PwWindow *window = g_object_new (PW_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  pw_ui_test_wait_mapped (GTK_WIDGET (window));
  pw_window_set_store (window, store);
  g_assert_cmpstr (visible_page (window), ==, "caseload");
  wait_ready (f, pw_window_get_screen_lock_monitor (window));

  return window;
}

static void
assert_locked (PwWindow *window)
{
  GtkWidget *caseload_page = pw_ui_test_find (GTK_WIDGET (window), "caseload_page");
  GtkWidget *unlock_page = pw_ui_test_find (GTK_WIDGET (window), "unlock_page");

  g_assert_true (pw_store_get_locked (pw_window_get_store (window)));
  g_assert_null (pw_caseload_page_get_store (PW_CASELOAD_PAGE (caseload_page)));
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  pw_ui_test_wait_mapped (unlock_page);
}

static void
assert_unlocked (PwWindow *window)
{
  g_assert_false (pw_store_get_locked (pw_window_get_store (window)));
  g_assert_cmpstr (visible_page (window), ==, "caseload");
}

static void
test_window_locks_with_screen (Fixture       *f,
                               gconstpointer  data)
{
  PwWindow *window = open_unlocked_window (f);

  emit_gnome_active (f, TRUE);
  PW_UI_TEST_WAIT_FOR (pw_store_get_locked (pw_window_get_store (window)));
  assert_locked (window);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_locks_with_session (Fixture       *f,
                                gconstpointer  data)
{
  PwWindow *window = open_unlocked_window (f);

  emit_logind_lock (f, SESSION_PATH);
  PW_UI_TEST_WAIT_FOR (pw_store_get_locked (pw_window_get_store (window)));
  assert_locked (window);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_setting_off (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *window = open_unlocked_window (f);

  g_settings_set_boolean (settings, "lock-on-screen-lock", FALSE);
  emit_gnome_active (f, TRUE);
  emit_logind_lock (f, SESSION_PATH);
  sync_with_fakes (f);
  assert_unlocked (window);

  /* Turned on again, it applies from the next lock of the screen. */
  g_settings_set_boolean (settings, "lock-on-screen-lock", TRUE);
  emit_gnome_active (f, TRUE);
  sync_with_fakes (f);
  assert_locked (window);

  pw_ui_test_destroy_window (GTK_WINDOW (window));
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer),
          gboolean    refuse_auto)
{
  g_test_add (path, Fixture, GINT_TO_POINTER (refuse_auto),
              fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* A daemon of our own, so that no other test sees the screen lock faked
   * here; it stands in for the system bus too, where logind lives.
   * g_test_dbus_up() unsets DISPLAY, which GTK needs. */
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (test_bus), TRUE);

  pw_ui_test_init (&argc, &argv);

  add_test ("/pw/screen-lock/monitor/gnome", test_monitor_gnome, FALSE);
  add_test ("/pw/screen-lock/monitor/freedesktop", test_monitor_freedesktop, FALSE);
  add_test ("/pw/screen-lock/monitor/logind", test_monitor_logind, FALSE);
  add_test ("/pw/screen-lock/monitor/logind-by-pid", test_monitor_logind_by_pid, TRUE);
  add_test ("/pw/screen-lock/monitor/other-sender", test_monitor_other_sender, FALSE);
  g_test_add_func ("/pw/screen-lock/monitor/no-system-bus", test_monitor_no_system_bus);
  add_test ("/pw/screen-lock/window/locks-with-screen", test_window_locks_with_screen, FALSE);
  add_test ("/pw/screen-lock/window/locks-with-session", test_window_locks_with_session, FALSE);
  add_test ("/pw/screen-lock/window/setting-off", test_window_setting_off, FALSE);

  status = pw_ui_test_run ();

  /* GTK keeps the shared session connection to the end, which down() and
   * the last unref of test_bus would wait for in vain; stop() does not. */
  g_test_dbus_stop (test_bus);

  return status;
}
