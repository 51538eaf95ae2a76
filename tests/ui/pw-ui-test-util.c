/* pw-ui-test-util.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the widget tests share: a private temporary home for the XDG
 * directories, real stores made cheaply, finding widgets by their id in the
 * template, their name, type or what they say, and waiting on the main loop
 * for a worker thread to finish.
 */

#define G_LOG_DOMAIN "pw-ui-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pw-caseload-page.h"
#include "pw-codes.h"
#include "pw-demo.h"
#include "pw-ui-test-util.h"

/* libsodium's INTERACTIVE limits, the cheapest cost a shipped build accepts;
 * deriving a key at this cost takes a fraction of a second. */
static const PwKdfCost test_cost = { 2, 64 << 20 };

static char *test_dir;
static guint path_counter;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
set_xdg_dir (const char *variable,
             const char *name)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_setenv (variable, path, TRUE);
}

/**
 * pw_ui_test_init:
 *
 * Points the user's data, config, cache and state directories into a new
 * temporary directory before GTK or GLib read them, then starts GTK.
 */
void
pw_ui_test_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;

  test_dir = g_dir_make_tmp ("pathway-ui-XXXXXX", &error);
  g_assert_no_error (error);

  set_xdg_dir ("XDG_DATA_HOME", "data");
  set_xdg_dir ("XDG_CONFIG_HOME", "config");
  set_xdg_dir ("XDG_CACHE_HOME", "cache");
  set_xdg_dir ("XDG_STATE_HOME", "state");

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

int
pw_ui_test_run (void)
{
  int status = g_test_run ();

  remove_tree (test_dir);
  g_clear_pointer (&test_dir, g_free);

  return status;
}

/**
 * pw_ui_test_new_path:
 * @name: the file name to end with
 *
 * Returns: (transfer full): a path no earlier test has used, in a fresh
 *   folder of the temporary directory
 */
char *
pw_ui_test_new_path (const char *name)
{
  g_autofree char *folder = g_strdup_printf ("stores-%u", ++path_counter);
  g_autofree char *dir = g_build_filename (test_dir, folder, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return g_build_filename (dir, name, NULL);
}

void
pw_ui_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "pathway", NULL);

  g_settings_reset (settings, "last-store");
  g_settings_reset (settings, "idle-lock-minutes");
  g_settings_set_string (settings, "kdf-strength", "interactive");
  remove_tree (data_dir);
}

const PwKdfCost *
pw_ui_test_cost (void)
{
  return &test_cost;
}

PwStore *
pw_ui_test_create_store (const char  *path,
                         char       **recovery_key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  PwStore *store;

  store = pw_store_create (path, PW_UI_TEST_PASSPHRASE, &test_cost, &key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (recovery_key != NULL)
    *recovery_key = g_steal_pointer (&key);

  return store;
}

/**
 * pw_ui_test_demo_store:
 * @n_children: how many invented children it holds
 *
 * Returns: (transfer full): a new unlocked store in the test's folder,
 *   filled by pw_demo_fill() with seed 1 by the worker "Test"
 */
PwStore *
pw_ui_test_demo_store (guint n_children)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *path = pw_ui_test_new_path ("demo.pathway");
  PwStore *store = pw_ui_test_create_store (path, NULL);

  caseload = pw_caseload_new (store, &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (caseload, "Test");
  pw_demo_fill (caseload, n_children, 1, &error);
  g_assert_no_error (error);
  return store;
}

/**
 * pw_ui_test_present_caseload_page:
 * @window: (out): where to put the new window
 * @width: the window's width
 * @store: the unlocked store the page shows
 *
 * Presents a new window holding a caseload page, as the main window shows it
 * once a store is unlocked, and lets the page load @store.
 *
 * Returns: (transfer none): the page, owned by *@window
 */
PwCaseloadPage *
pw_ui_test_present_caseload_page (GtkWindow **window,
                                  int         width,
                                  PwStore    *store)
{
  PwCaseloadPage *page;

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, width, 720);
  page = PW_CASELOAD_PAGE (pw_caseload_page_new ());
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  pw_ui_test_wait_mapped (GTK_WIDGET (page));
  pw_caseload_page_set_store (page, store);
  pw_ui_test_drain ();
  return page;
}

/**
 * pw_ui_test_add_child:
 * @family_prefix: the family name, to which a number is added so that
 *   each child is one of their own
 *
 * Saves a child of primary age, on SEN support, with no level, lead
 * practitioner or cycle yet.
 *
 * Returns: (transfer full): the child as saved
 */
PwChild *
pw_ui_test_add_child (PwCaseload *caseload,
                      const char *given_name,
                      const char *family_prefix,
                      const char *sex)
{
  static guint serial;
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);
  g_autofree char *family = g_strdup_printf ("%s-%u", family_prefix, ++serial);
  g_autoptr(GError) error = NULL;

  pw_record_set_text (child, "legal-given-name", given_name);
  pw_record_set_text (child, "legal-family-name", family);
  pw_record_set_text (child, "date-of-birth", "2017-05-02");
  pw_record_set_text (child, "sex", sex);
  pw_record_set_text (child, "sen-provision", "K");
  g_assert_true (pw_caseload_save (caseload, child, &error));
  g_assert_no_error (error);
  return PW_CHILD (child);
}

/* Keys -------------------------------------------------------------------------- */

static gboolean
trigger_matches (GtkShortcut *shortcut,
                 const char  *key)
{
  g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_auto(GStrv) alternatives = g_strsplit (text, "|", -1);

  return g_strv_contains ((const char * const *) alternatives, key);
}

static gboolean
activate_shortcut_of (GtkWidget  *widget,
                      const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (shortcut, key) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Presses @key (as GTK names it: "Tab", "<Control>Return") in @window. */
void
pw_ui_test_press (GtkWindow  *window,
                  const char *key)
{
  GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window));

  if (widget == NULL)
    widget = GTK_WIDGET (window);
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (activate_shortcut_of (widget, key))
      break;
  g_assert_nonnull (widget);
  pw_ui_test_drain ();
}

/* Typing lands in the focused text, as an input method would put it. */
void
pw_ui_test_type (GtkWindow  *window,
                 const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int position = 0;

  if (GTK_IS_TEXT_VIEW (focus))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
      pw_ui_test_drain ();
      return;
    }
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_delete_text (GTK_EDITABLE (focus), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &position);
  pw_ui_test_drain ();
}

/* Whether the keyboard focus is in a popover, such as a combo row's list. */
gboolean
pw_ui_test_in_popover (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

/* On the focused combo row: Enter opens the list, Down moves through it,
 * Enter chooses.  The list closes and gives the focus back to its row. */
void
pw_ui_test_choose (GtkWindow *window,
                   guint      n_down)
{
  pw_ui_test_press (window, "Return");
  PW_UI_TEST_WAIT_FOR (pw_ui_test_in_popover (window));
  for (guint i = 0; i < n_down; i++)
    pw_ui_test_press (window, "Down");
  pw_ui_test_press (window, "Return");
  PW_UI_TEST_WAIT_FOR (!pw_ui_test_in_popover (window));
}

/* Where @code stands in a combo row listing @table: after "Not recorded". */
guint
pw_ui_test_code_position (PwCodeTable  table,
                          const char  *code)
{
  guint n_codes;
  const PwCode *codes = pw_codes_get (table, &n_codes);

  for (guint i = 0; i < n_codes; i++)
    if (strcmp (codes[i].code, code) == 0)
      return i + 1;
  g_assert_not_reached ();
}

/* Finding widgets -------------------------------------------------------------- */

/**
 * pw_ui_test_find_first:
 * @root: where to look
 * @matches: whether a widget is the one looked for
 * @data: handed to @matches
 *
 * Walks the widgets under @root (not @root itself) depth first, in the order
 * of gtk_widget_get_first_child() and gtk_widget_get_next_sibling().
 *
 * Returns: (transfer none) (nullable): the first widget @matches accepts
 */
GtkWidget *
pw_ui_test_find_first (GtkWidget         *root,
                       PwUiTestMatchFunc  matches,
                       gconstpointer      data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (matches (child, data))
        return child;
      if ((found = pw_ui_test_find_first (child, matches, data)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_buildable_id (GtkWidget     *widget,
                  gconstpointer  buildable_id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), buildable_id) == 0;
}

/* The widget with the id @buildable_id in its template. */
GtkWidget *
pw_ui_test_find (GtkWidget  *root,
                 const char *buildable_id)
{
  return pw_ui_test_find_first (root, has_buildable_id, buildable_id);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

GtkWidget *
pw_ui_test_find_type (GtkWidget *root,
                      GType      type)
{
  return pw_ui_test_find_first (root, is_of_type, &type);
}

static gboolean
is_mapped_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget);
}

typedef struct
{
  PwUiTestFindBy  by;
  const char     *text;
} Wanted;

static gboolean
says (GtkWidget     *widget,
      gconstpointer  data)
{
  const Wanted *wanted = data;

  switch (wanted->by)
    {
    case PW_UI_TEST_BY_NAME:
      return g_strcmp0 (gtk_widget_get_name (widget), wanted->text) == 0;
    case PW_UI_TEST_BY_NAME_PREFIX:
      return g_str_has_prefix (gtk_widget_get_name (widget), wanted->text);
    case PW_UI_TEST_BY_LABEL_TEXT:
      return is_mapped_label (widget) &&
             g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), wanted->text) == 0;
    case PW_UI_TEST_BY_LABEL_WRITTEN:
      return is_mapped_label (widget) &&
             g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), wanted->text) == 0;
    case PW_UI_TEST_BY_BUTTON_LABEL:
      return GTK_IS_BUTTON (widget) &&
             g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), wanted->text) == 0;
    default:
      g_assert_not_reached ();
    }
}

/**
 * pw_ui_test_find_by:
 * @root: where to look
 * @by: what @text is compared with (see #PwUiTestFindBy)
 * @text: what the widget says
 *
 * Returns: (transfer none) (nullable): the first widget under @root that
 *   says @text in the way @by names; pw_ui_test_find_named() and the other
 *   plain finders in pw-ui-test-util.h call this
 */
GtkWidget *
pw_ui_test_find_by (GtkWidget      *root,
                    PwUiTestFindBy  by,
                    const char     *text)
{
  Wanted wanted = { by, text };

  return pw_ui_test_find_first (root, says, &wanted);
}

GtkWindow *
pw_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* Whether the keyboard focus is on @widget or inside it. */
gboolean
pw_ui_test_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Waiting ---------------------------------------------------------------------- */

static gboolean
on_wake_timeout_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

PwUiTestWait
pw_ui_test_wait_begin (guint seconds)
{
  PwUiTestWait wait;

  wait.deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  wait.wake_id = g_timeout_add (20, on_wake_timeout_cb, NULL);

  return wait;
}

void
pw_ui_test_wait_iterate (PwUiTestWait *wait,
                         const char   *condition)
{
  if (g_get_monotonic_time () >= wait->deadline)
    g_error ("Timed out waiting for %s", condition);

  g_main_context_iteration (NULL, TRUE);
}

void
pw_ui_test_wait_end (PwUiTestWait *wait)
{
  g_clear_handle_id (&wait->wake_id, g_source_remove);
}

void
pw_ui_test_wait_mapped (GtkWidget *widget)
{
  PW_UI_TEST_WAIT_FOR (gtk_widget_get_mapped (widget));
}

/* Runs the main loop for @milliseconds, whatever happens. */
void
pw_ui_test_spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * (G_USEC_PER_SEC / 1000);

  PW_UI_TEST_WAIT_FOR (g_get_monotonic_time () >= until);
}

void
pw_ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Nothing but GTK's list of toplevels may keep a closed window alive. */
void
pw_ui_test_destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  pw_ui_test_drain ();
  g_assert_finalize_object (window);
}

/* Whether @widget has its own shortcut from @trigger (such as "<Control>l")
 * to the action @action_name, so it works wherever the focus is inside it. */
gboolean
pw_ui_test_has_shortcut (GtkWidget  *widget,
                         const char *trigger,
                         const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (text, trigger) == 0 && GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         action_name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}
