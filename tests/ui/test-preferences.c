/* test-preferences.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The preferences window, opened from the main window as a user would: each
 * control changes its setting at once and shows a change made elsewhere, and
 * the main window follows the idle-lock setting while it is open.
 */

#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <string.h>

#include "pw-preferences-window.h"
#include "pw-ui-test-util.h"
#include "pw-window.h"

typedef struct
{
  GSettings           *settings;
  PwWindow            *window;
  PwPreferencesWindow *preferences;
} Fixture;

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = pw_ui_test_find (GTK_WIDGET (f->preferences), id);

  g_assert_nonnull (widget);

  return widget;
}

static PwPreferencesWindow *
open_preferences (PwWindow *window)
{
  GtkWindow *preferences;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = pw_ui_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  pw_ui_test_wait_mapped (GTK_WIDGET (preferences));

  return PW_PREFERENCES_WINDOW (preferences);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pw_ui_test_reset_settings ();
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "lock-on-screen-lock");
  g_settings_reset (f->settings, "default-review-weeks");

  f->window = g_object_new (PW_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  pw_ui_test_wait_mapped (GTK_WIDGET (f->window));
  f->preferences = open_preferences (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (pw_ui_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW) != NULL)
    pw_ui_test_destroy_window (GTK_WINDOW (f->preferences));
  pw_ui_test_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->settings);
}

/* Types @text into @spin and presses Enter. */
static void
type_number (GtkWidget  *spin,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  g_signal_emit_by_name (pw_ui_test_find_type (spin, GTK_TYPE_TEXT), "activate");
  pw_ui_test_drain ();
}

static void
set_uint_elsewhere (Fixture    *f,
                    const char *key,
                    guint       value)
{
  g_autoptr(GSettings) other = g_settings_new (APP_ID);

  g_settings_set_uint (other, key, value);
  pw_ui_test_drain ();
}

static void
assert_spin_shows (GtkWidget *spin,
                   int        value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, value);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, text);
}

/* Opening -------------------------------------------------------------------- */

static gboolean
menu_has_item (GMenuModel *menu,
               const char *label,
               const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_label = NULL;
      g_autofree char *item_action = NULL;

      if (section != NULL && menu_has_item (section, label, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_label, label) && g_str_equal (item_action, action))
        return TRUE;
    }

  return FALSE;
}

static void
test_preferences_open (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *menu_button = pw_ui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON);

  g_assert_true (menu_has_item (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                "_Preferences", "win.preferences"));
  g_assert_true (pw_ui_test_has_shortcut (GTK_WIDGET (f->window), "<Control>comma",
                                          "win.preferences"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->preferences)), ==, "Preferences");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->preferences)) ==
                 GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->preferences)));

  /* Asking again shows the same window; once closed, a new one opens. */
  g_assert_true (open_preferences (f->window) == f->preferences);
  gtk_window_close (GTK_WINDOW (f->preferences));
  pw_ui_test_drain ();
  g_assert_null (pw_ui_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW));
  f->preferences = open_preferences (f->window);
}

/* Each preference ------------------------------------------------------------ */

static void
test_preferences_idle_lock (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *spin = find (f, "idle_lock_spin");

  assert_spin_shows (spin, 5);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lock after, in minutes");

  /* The open window's timer follows at once. */
  type_number (spin, "12");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "idle-lock-minutes"), ==, 12);
  g_assert_cmpuint (pw_window_get_idle_lock_seconds (f->window), ==, 12 * 60);

  set_uint_elsewhere (f, "idle-lock-minutes", 30);
  assert_spin_shows (spin, 30);

  /* Out of range, the nearest allowed value. */
  type_number (spin, "500");
  assert_spin_shows (spin, 120);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "idle-lock-minutes"), ==, 120);
  type_number (spin, "0");
  assert_spin_shows (spin, 1);
  g_assert_cmpuint (pw_window_get_idle_lock_seconds (f->window), ==, 60);
}

static void
test_preferences_screen_lock (Fixture       *f,
                              gconstpointer  data)
{
  AdwActionRow *row = ADW_ACTION_ROW (find (f, "screen_lock_row"));
  GtkSwitch *toggle = GTK_SWITCH (find (f, "screen_lock_switch"));

  g_assert_true (gtk_switch_get_active (toggle));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lock when the screen locks");

  /* Activating the row, as Enter or a click on it does, flips the switch. */
  adw_action_row_activate (row);
  PW_UI_TEST_WAIT_FOR (!gtk_switch_get_active (toggle));
  g_assert_false (g_settings_get_boolean (f->settings, "lock-on-screen-lock"));

  g_settings_set_boolean (f->settings, "lock-on-screen-lock", TRUE);
  pw_ui_test_drain ();
  g_assert_true (gtk_switch_get_active (toggle));
}

static void
test_preferences_review_weeks (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *spin = find (f, "review_weeks_spin");

  assert_spin_shows (spin, 6);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Default review interval, in weeks");

  type_number (spin, "10");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "default-review-weeks"), ==, 10);

  set_uint_elsewhere (f, "default-review-weeks", 3);
  assert_spin_shows (spin, 3);

  type_number (spin, "80");
  assert_spin_shows (spin, 52);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "default-review-weeks"), ==, 52);
}

/* A number typed but not confirmed with Enter is kept when the window closes. */
static void
test_preferences_unconfirmed_number (Fixture       *f,
                                     gconstpointer  data)
{
  gtk_editable_set_text (GTK_EDITABLE (find (f, "idle_lock_spin")), "25");
  gtk_editable_set_text (GTK_EDITABLE (find (f, "review_weeks_spin")), "9");
  gtk_window_close (GTK_WINDOW (f->preferences));
  pw_ui_test_drain ();

  g_assert_cmpuint (g_settings_get_uint (f->settings, "idle-lock-minutes"), ==, 25);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "default-review-weeks"), ==, 9);
}

static char *
collect_labels (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *inner = collect_labels (child);

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      g_string_append (text, inner);
    }

  return g_string_free (text, FALSE);
}

static void
test_preferences_kdf_strength (Fixture       *f,
                               gconstpointer  data)
{
  AdwComboRow *row = ADW_COMBO_ROW (find (f, "kdf_strength_row"));
  GListModel *model = adw_combo_row_get_model (row);
  GtkWidget *popover;
  g_autofree char *strength = NULL;
  g_autofree char *shown = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Interactive");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Moderate");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "Sensitive");

  /* The tests' stores are made at the interactive strength. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "about a quarter of a second"));

  adw_combo_row_set_selected (row, 2);
  strength = g_settings_get_string (f->settings, "kdf-strength");
  g_assert_cmpstr (strength, ==, "sensitive");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "about two seconds"));

  g_settings_set_string (f->settings, "kdf-strength", "moderate");
  pw_ui_test_drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "under a second"));

  /* The list to choose from says what each choice costs. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  popover = pw_ui_test_find_type (GTK_WIDGET (row), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  pw_ui_test_wait_mapped (popover);
  shown = collect_labels (popover);
  g_assert_nonnull (strstr (shown, "Interactive\nUnlocking takes about a quarter of a second"));
  g_assert_nonnull (strstr (shown, "Moderate\nUnlocking takes under a second"));
  g_assert_nonnull (strstr (shown, "Sensitive\nUnlocking takes about two seconds"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Everything is reached with the keyboard: each row activates its control. */
static void
test_preferences_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    const char *row;
    const char *control;
  } rows[] = {
    { "idle_lock_row", "idle_lock_spin" },
    { "screen_lock_row", "screen_lock_switch" },
    { "review_weeks_row", "review_weeks_spin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (find (f, rows[i].row));

      g_assert_true (adw_action_row_get_activatable_widget (row) == find (f, rows[i].control));
      g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
    }
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (find (f, "kdf_strength_row"))));
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

  add_test ("/pw/preferences/open", test_preferences_open);
  add_test ("/pw/preferences/idle-lock", test_preferences_idle_lock);
  add_test ("/pw/preferences/screen-lock", test_preferences_screen_lock);
  add_test ("/pw/preferences/review-weeks", test_preferences_review_weeks);
  add_test ("/pw/preferences/unconfirmed-number", test_preferences_unconfirmed_number);
  add_test ("/pw/preferences/kdf-strength", test_preferences_kdf_strength);
  add_test ("/pw/preferences/keyboard", test_preferences_keyboard);

  return pw_ui_test_run ();
}
