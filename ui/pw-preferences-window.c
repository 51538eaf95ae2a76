/* pw-preferences-window.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The preferences: when the store locks by itself, the review interval a new
 * cycle starts with, and the key-derivation strength of new stores.  Every
 * control is bound to its GSettings key, so a change applies at once and a
 * change made elsewhere shows at once.
 */

#define G_LOG_DOMAIN "pw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-preferences-window.h"

struct _PwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *screen_lock_switch;
  GtkSpinButton        *review_weeks_spin;
  AdwComboRow          *kdf_strength_row;
};

G_DEFINE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row's model. */
static const struct {
  const char *value;
  const char *cost;
} kdf_strengths[] = {
  { "interactive", N_("Unlocking takes about a quarter of a second. Least protection if the "
                      "file is stolen.") },
  { "moderate", N_("Unlocking takes under a second. Good protection if the file is stolen.") },
  { "sensitive", N_("Unlocking takes about two seconds. Most protection if the file is "
                    "stolen.") },
};

/* The kdf-strength setting and the combo row -------------------------------- */

static gboolean
kdf_strength_to_position (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *strength = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kdf_strengths); i++)
    {
      if (g_str_equal (strength, kdf_strengths[i].value))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
kdf_strength_from_position (const GValue       *value,
                            const GVariantType *type,
                            gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (kdf_strengths))
    return NULL;

  return g_variant_new_string (kdf_strengths[position].value);
}

static void
on_kdf_strength_selected_cb (PwPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->kdf_strength_row);
  const char *cost = NULL;

  if (position < G_N_ELEMENTS (kdf_strengths))
    cost = _(kdf_strengths[position].cost);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kdf_strength_row), cost);
}

/* The row shows the chosen strength in full, so that its cost in the
 * subtitle wraps rather than the name being cut short. */

static void
on_value_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_value_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (name));
}

/* The popup lists each strength with its cost and a check mark on the chosen
 * one, as the row's own list does without the cost. */

static void
update_check (GtkListItem *item,
              GParamSpec  *pspec,
              AdwComboRow *row)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  gboolean chosen = adw_combo_row_get_selected (row) == gtk_list_item_get_position (item);

  gtk_widget_set_opacity (check, chosen ? 1.0 : 0.0);
}

static void
on_strength_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *cost = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (cost), 0.0);
  gtk_label_set_wrap (GTK_LABEL (cost), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (cost), 36);
  gtk_label_set_width_chars (GTK_LABEL (cost), 36);
  gtk_widget_add_css_class (cost, "caption");
  gtk_widget_add_css_class (cost, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), cost);

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
on_strength_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *name = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (labels)),
                       gtk_string_object_get_string (name));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (labels)),
                       position < G_N_ELEMENTS (kdf_strengths) ?
                       _(kdf_strengths[position].cost) : NULL);

  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_check), item,
                           G_CONNECT_SWAPPED);
  update_check (item, NULL, row);
}

static void
on_strength_unbind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
}

static void
pw_preferences_window_setup_kdf_strength (PwPreferencesWindow *self)
{
  g_autoptr(GtkListItemFactory) value_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (value_factory, "setup", G_CALLBACK (on_value_setup_cb), NULL);
  g_signal_connect (value_factory, "bind", G_CALLBACK (on_value_bind_cb), NULL);
  adw_combo_row_set_factory (self->kdf_strength_row, value_factory);

  g_signal_connect (factory, "setup", G_CALLBACK (on_strength_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_strength_bind_cb), self->kdf_strength_row);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_strength_unbind_cb),
                    self->kdf_strength_row);
  adw_combo_row_set_list_factory (self->kdf_strength_row, factory);

  g_settings_bind_with_mapping (self->settings, "kdf-strength",
                                self->kdf_strength_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                kdf_strength_to_position, kdf_strength_from_position,
                                NULL, NULL);
  on_kdf_strength_selected_cb (self);
}

/* GObject -------------------------------------------------------------------- */

/* A number typed but not yet confirmed with Enter still counts. */
static gboolean
pw_preferences_window_close_request (GtkWindow *window)
{
  PwPreferencesWindow *self = PW_PREFERENCES_WINDOW (window);

  gtk_spin_button_update (self->idle_lock_spin);
  gtk_spin_button_update (self->review_weeks_spin);

  return GTK_WINDOW_CLASS (pw_preferences_window_parent_class)->close_request (window);
}

static void
pw_preferences_window_dispose (GObject *object)
{
  PwPreferencesWindow *self = PW_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_class_init (PwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pw_preferences_window_dispose;
  window_class->close_request = pw_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, screen_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, review_weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, kdf_strength_row);
  gtk_widget_class_bind_template_callback (widget_class, on_kdf_strength_selected_cb);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-screen-lock", self->screen_lock_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-review-weeks", self->review_weeks_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  pw_preferences_window_setup_kdf_strength (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * pw_preferences_window_new:
 * @parent: (nullable): the window to show the preferences over
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's list
 *   of toplevels
 */
PwPreferencesWindow *
pw_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
