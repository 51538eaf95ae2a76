/* pathway-screenshots.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders the main screens of Pathway to PNG files, in the light and the
 * dark style, for the README and for looking at the layout.
 *
 *   pathway-screenshots [--only NAME] [--size WIDTHxHEIGHT] [--list] OUTPUT-FOLDER
 *
 * It makes a demo store of invented children in a temporary folder
 * (pw_demo_fill, a fixed seed, today pinned), runs the real PwWindow at a
 * fixed size (1280 × 800 unless --size says otherwise) and walks it from
 * screen to screen as a person would: the start page, the unlock page with
 * the passphrase typed, then the unlocked caseload.  The window's own
 * renderer draws each screen into a texture, so it needs an X display
 * (Xvfb will do) larger than the window, but no window manager:
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
 *     BUILD/tests/screenshots/pathway-screenshots OUT
 *
 * The screens are the table `shots` below: a file name, and how to get
 * there.  A view of the child page is found by its title in the view
 * switcher, so a new view needs only a new line; a view that is not there
 * (yet) is skipped with a message, and the other screens are still drawn.
 */

#define G_LOG_DOMAIN "pathway-screenshots"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <sodium.h>

#include "pw-caseload-page.h"
#include "pw-child-list.h"
#include "pw-child-page.h"
#include "pw-dashboard.h"
#include "pw-demo.h"
#include "pw-record.h"
#include "pw-ui-test-util.h"
#include "pw-unlock-page.h"
#include "pw-window.h"

#define N_CHILDREN  300
#define SEED        20260
#define TODAY       "2026-11-16"   /* the demo data depend on "today" */
#define PASSPHRASE  "pathway demo store"
#define STORE_NAME  "cases.pathway"
#define SETTLE_MS   400

typedef struct
{
  PwWindow       *window;
  char           *out_dir;
  char           *store_path;
  gint64          child_id;   /* the child whose record is shown, 0 until chosen */
  guint           n_written;
  guint           n_skipped;
  gboolean        failed;
} Shooter;

typedef enum
{
  SHOT_READY,
  SHOT_MISSING,
  SHOT_FAILED,
} ShotState;

typedef ShotState (*ShotSetup) (Shooter     *s,
                                const char  *arg,
                                GError     **error);

typedef struct
{
  const char *name;         /* NAME-light.png and NAME-dark.png */
  const char *description;
  ShotSetup   setup;        /* brings the window there */
  const char *arg;
} Shot;

static ShotState show_start        (Shooter *s, const char *arg, GError **error);
static ShotState show_unlock       (Shooter *s, const char *arg, GError **error);
static ShotState show_child_view   (Shooter *s, const char *arg, GError **error);
static ShotState show_window_view  (Shooter *s, const char *arg, GError **error);

/* The screens, in the order they are visited.  A child view's argument is
 * its title in the child page's view switcher; a window view's is its name
 * in the window's view stack (win.show-view). */
static const Shot shots[] = {
  { "start", "Start: create a store or open one", show_start, NULL },
  { "unlock", "Unlock, with the passphrase typed", show_unlock, NULL },
  { "child-overview", "Caseload, a child selected: Overview", show_child_view, "Overview" },
  { "current-cycle", "Caseload, a child selected: Current cycle", show_child_view,
    "Current cycle" },
  { "dashboard", "Dashboard", show_window_view, "dashboard" },
};

static const struct
{
  const char     *name;
  AdwColorScheme  scheme;
} styles[] = {
  { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
  { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
};

static char *only;
static char *size = "1280x800";
static int window_width, window_height;
static gboolean list_only;

static const GOptionEntry options[] = {
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Draw one screen only", "NAME" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Size of the window (1280x800)",
    "WIDTHxHEIGHT" },
  { "list", 0, 0, G_OPTION_ARG_NONE, &list_only, "List the screens and exit", NULL },
  { NULL }
};

/* The demo store ---------------------------------------------------------------- */

/* libsodium's INTERACTIVE cost, the cheapest the shipped core accepts. */
static PwStore *
create_store (const char  *path,
              GError     **error)
{
  const PwKdfCost cost = { crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE };
  g_autofree char *recovery = NULL;

  return pw_store_create (path, PASSPHRASE, &cost, &recovery, error);
}

static gboolean
make_demo_store (const char  *path,
                 GError     **error)
{
  g_autoptr(PwStore) store = create_store (path, error);
  g_autoptr(PwCaseload) caseload = NULL;

  if (store == NULL)
    return FALSE;
  caseload = pw_caseload_new (store, error);
  if (caseload == NULL)
    return FALSE;
  pw_caseload_set_actor (caseload, "Pathway demo");
  if (!pw_demo_fill (caseload, N_CHILDREN, SEED, error))
    return FALSE;
  pw_store_lock (store);
  return TRUE;
}

/* The first child by name at Level 3 whose open cycle is in Do, so that
 * every view has something to show; failing that, the first child. */
static gint64
choose_child (PwCaseload *caseload)
{
  g_autoptr(PwChildList) list = pw_child_list_new (caseload);
  g_autoptr(PwRecord) first = NULL;
  guint n_items;

  pw_child_list_set_level (list, 3);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PwRecord) child = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(PwCycle) cycle = pw_caseload_get_open_cycle (caseload, pw_record_get_id (child),
                                                             NULL);

      if (cycle != NULL && g_strcmp0 (pw_record_get_text (PW_RECORD (cycle), "state"), "do") == 0)
        return pw_record_get_id (child);
    }
  pw_child_list_set_level (list, 0);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return first != NULL ? pw_record_get_id (first) : 0;
}

/* Finding things in the window --------------------------------------------------- */

static GtkWidget *
find_in (GtkWidget  *root,
         GType       type,
         const char *id)
{
  GtkWidget *widget = type != G_TYPE_INVALID ? pw_ui_test_find_type (root, type) : root;

  if (widget != NULL && id != NULL)
    widget = pw_ui_test_find (widget, id);
  return widget;
}

static PwCaseloadPage *
caseload_page (Shooter *s)
{
  return PW_CASELOAD_PAGE (find_in (GTK_WIDGET (s->window), PW_TYPE_CASELOAD_PAGE, NULL));
}

/* Lets the window restyle, lay out and paint; a dashboard still counting
 * in its worker thread is waited for. */
static void
settle (Shooter *s)
{
  GtkWidget *dashboard = find_in (GTK_WIDGET (s->window), PW_TYPE_DASHBOARD, NULL);

  pw_ui_test_spin (SETTLE_MS);
  if (dashboard != NULL)
    PW_UI_TEST_WAIT_FOR (!pw_dashboard_get_loading (PW_DASHBOARD (dashboard)));
  pw_ui_test_drain ();
  pw_ui_test_spin (SETTLE_MS / 4);
}

/* Getting there ------------------------------------------------------------------ */

static ShotState
show_start (Shooter     *s,
            const char  *arg,
            GError     **error)
{
  pw_window_set_store (s->window, NULL);
  return SHOT_READY;
}

static ShotState
show_unlock (Shooter     *s,
             const char  *arg,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (s->store_path);
  GtkWidget *row;

  pw_window_open_store_file (s->window, file);
  row = find_in (GTK_WIDGET (s->window), PW_TYPE_UNLOCK_PAGE, "passphrase_row");
  if (row == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "The unlock page has no passphrase_row");
      return SHOT_FAILED;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), PASSPHRASE);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  return SHOT_READY;
}

static gboolean
unlock (Shooter  *s,
        GError  **error)
{
  PwStore *store = pw_window_get_store (s->window);
  GtkWidget *page;

  if (store != NULL && !pw_store_get_locked (store))
    return TRUE;
  if (show_unlock (s, NULL, error) != SHOT_READY)
    return FALSE;
  page = find_in (GTK_WIDGET (s->window), PW_TYPE_UNLOCK_PAGE, NULL);
  gtk_widget_activate_action (page, "unlock.unlock", NULL);
  PW_UI_TEST_WAIT_FOR (!pw_unlock_page_get_busy (PW_UNLOCK_PAGE (page)));
  store = pw_window_get_store (s->window);
  if (store == NULL || pw_store_get_locked (store))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The demo store did not unlock");
      return FALSE;
    }
  return TRUE;
}

static gboolean
select_child (Shooter  *s,
              GError  **error)
{
  PwCaseloadPage *page = caseload_page (s);
  PwCaseload *caseload = pw_caseload_page_get_caseload (page);

  /* Selecting before the list has its size leaves GTK 4.8's list view
   * showing a single row, so the page is laid out first. */
  gtk_widget_activate_action (GTK_WIDGET (s->window), "win.show-view", "s", "caseload");
  settle (s);
  if (s->child_id == 0 && caseload != NULL)
    s->child_id = choose_child (caseload);
  if (s->child_id == 0 || !pw_caseload_page_select_child (page, s->child_id))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "No child of the demo store could be selected");
      return FALSE;
    }
  return TRUE;
}

/* The child of @stack whose title in the view switcher is @title. */
static GtkWidget *
find_view (AdwViewStack *stack,
           const char   *title)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      if (g_strcmp0 (adw_view_stack_page_get_title (page), title) == 0)
        return adw_view_stack_page_get_child (page);
    }
  return NULL;
}

static ShotState
show_child_view (Shooter     *s,
                 const char  *title,
                 GError     **error)
{
  GtkWidget *stack;
  GtkWidget *view = NULL;

  if (!unlock (s, error) || !select_child (s, error))
    return SHOT_FAILED;
  stack = find_in (GTK_WIDGET (s->window), PW_TYPE_CHILD_PAGE, NULL);
  stack = stack != NULL ? find_in (stack, ADW_TYPE_VIEW_STACK, NULL) : NULL;
  if (stack != NULL)
    view = find_view (ADW_VIEW_STACK (stack), title);
  if (view == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The child page has no view titled “%s”", title);
      return SHOT_MISSING;
    }
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), view);
  return SHOT_READY;
}

static ShotState
show_window_view (Shooter     *s,
                  const char  *name,
                  GError     **error)
{
  AdwViewStack *stack;

  if (!unlock (s, error))
    return SHOT_FAILED;
  stack = ADW_VIEW_STACK (find_in (GTK_WIDGET (s->window), G_TYPE_INVALID, "view_stack"));
  if (stack == NULL || adw_view_stack_get_child_by_name (stack, name) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The window has no view named “%s”", name);
      return SHOT_MISSING;
    }
  gtk_widget_activate_action (GTK_WIDGET (s->window), "win.show-view", "s", name);
  return SHOT_READY;
}

/* Drawing ------------------------------------------------------------------------ */

/* The window as it is now, drawn by its own renderer. */
static GdkTexture *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
save_style (Shooter     *s,
            const Shot  *shot,
            guint        style,
            GError     **error)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", shot->name, styles[style].name);
  g_autofree char *path = g_build_filename (s->out_dir, file, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[style].scheme);
  settle (s);
  texture = render_window (GTK_WIDGET (s->window));
  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  g_print ("%s (%dx%d)\n", path, gdk_texture_get_width (texture),
           gdk_texture_get_height (texture));
  s->n_written++;
  return TRUE;
}

static void
take_shot (Shooter    *s,
           const Shot *shot)
{
  g_autoptr(GError) error = NULL;
  ShotState state = shot->setup (s, shot->arg, &error);

  if (state == SHOT_READY)
    for (guint i = 0; i < G_N_ELEMENTS (styles) && error == NULL; i++)
      save_style (s, shot, i, &error);
  if (error == NULL)
    return;
  g_printerr ("%s: %s%s\n", shot->name, state == SHOT_MISSING ? "skipped: " : "",
              error->message);
  if (state == SHOT_MISSING)
    s->n_skipped++;
  else
    s->failed = TRUE;
}

static gboolean
has_size (GtkWidget *widget)
{
  return gtk_widget_get_width (widget) == window_width &&
         gtk_widget_get_height (widget) == window_height;
}

/* The default size counts the window's frame too (the resize border);
 * grow it by that, so that every file is of the size asked for.  GTK keeps
 * a window within its monitor, so the X screen must be larger. */
static gboolean
fit_window (Shooter  *s,
            GError  **error)
{
  GtkWidget *widget = GTK_WIDGET (s->window);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  settle (s);
  gtk_window_set_default_size (GTK_WINDOW (s->window),
                               2 * window_width - gtk_widget_get_width (widget),
                               2 * window_height - gtk_widget_get_height (widget));
  while (!has_size (widget) && g_get_monotonic_time () < deadline)
    pw_ui_test_spin (50);
  if (has_size (widget))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window is %d×%d, not %d×%d: give "
               "the X server a larger screen (xvfb-run -s \"-screen 0 1920x1080x24\")",
               gtk_widget_get_width (widget), gtk_widget_get_height (widget), window_width,
               window_height);
  return FALSE;
}

/* The application ---------------------------------------------------------------- */

static void
on_activate_cb (AdwApplication *app,
                Shooter        *s)
{
  g_autoptr(GError) error = NULL;

  g_application_hold (G_APPLICATION (app));
  s->window = pw_window_new (app);
  gtk_window_present (GTK_WINDOW (s->window));
  pw_ui_test_wait_mapped (GTK_WIDGET (s->window));
  if (!fit_window (s, &error))
    {
      g_printerr ("%s\n", error->message);
      s->failed = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (shots) && !s->failed; i++)
    if (only == NULL || g_strcmp0 (only, shots[i].name) == 0)
      take_shot (s, &shots[i]);

  gtk_window_destroy (GTK_WINDOW (s->window));
  g_application_release (G_APPLICATION (app));
}

/* Before GTK starts: settings in memory at the window's fixed size, from
 * the schema this build compiled, and the user's folders in @home, so that
 * nothing of the person running it is read or changed. */
static void
prepare_environment (const char *home)
{
  const char *const xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };

  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", PW_BUILD_SCHEMA_DIR, FALSE);
}

static void
prepare_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", window_width);
  g_settings_set_int (settings, "window-height", window_height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "last-store", "");
  /* Every screen is drawn at rest, not halfway through a transition or a
   * blink of the text cursor. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);
}

static int
run_app (Shooter *s)
{
  g_autoptr(AdwApplication) app = NULL;

  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", APP_ID ".Screenshots",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/org/pathwayapp/Pathway",
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), s);
  g_signal_connect_swapped (app, "startup", G_CALLBACK (prepare_settings), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static const Shot *
find_shot (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    if (g_str_equal (shots[i].name, name))
      return &shots[i];
  return NULL;
}

static void
list_shots (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    g_print ("%-16s %s\n", shots[i].name, shots[i].description);
}

static gboolean
parse_options (int      *argc,
               char   ***argv,
               GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTPUT-FOLDER");

  g_option_context_set_summary (context, "Draws Pathway's main screens to PNG files, light "
                                "and dark, over a demo store of invented children.");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!list_only && *argc != 2)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "Give one output folder");
      return FALSE;
    }
  if (only != NULL && find_shot (only) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--only: no screen is called %s (see --list)", only);
      return FALSE;
    }
  if (sscanf (size, "%dx%d", &window_width, &window_height) != 2 || window_width < 360 ||
      window_height < 480)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--size: WIDTHxHEIGHT, at least 360x480");
      return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
prepare (Shooter     *s,
         const char  *home,
         GError     **error)
{
  if (g_mkdir_with_parents (s->out_dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Could not make %s: %s",
                   s->out_dir, g_strerror (errno));
      return FALSE;
    }
  prepare_environment (home);
  pw_set_today (TODAY);
  s->store_path = g_build_filename (home, STORE_NAME, NULL);
  g_printerr ("Making a demo store of %d children\n", N_CHILDREN);
  return make_demo_store (s->store_path, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  Shooter s = { NULL };
  int status;

  setlocale (LC_ALL, "");
  if (!parse_options (&argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (list_only)
    {
      list_shots ();
      return 0;
    }
  s.out_dir = g_strdup (argv[1]);
  home = g_dir_make_tmp ("pathway-screenshots-XXXXXX", &error);
  if (home == NULL || !prepare (&s, home, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  status = run_app (&s);
  remove_tree (home);
  g_printerr ("%u files written, %u screens skipped%s\n", s.n_written, s.n_skipped,
              s.failed ? ", some failed" : "");
  g_free (s.store_path);
  g_free (s.out_dir);
  return status != 0 || s.failed ? 1 : 0;
}
