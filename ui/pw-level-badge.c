/* pw-level-badge.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A small pill saying a child's Level of Intervention ("Level 3").  Its
 * colour comes from the stylesheet through the classes level-1 … level-4
 * and level-none, drawn from libadwaita's named colours so that it follows
 * the dark and high-contrast styles; the words carry the meaning, so the
 * colour is only a help.
 */

#define G_LOG_DOMAIN "pw-level-badge"

#include "config.h"

#include "pw-child-format.h"
#include "pw-level-badge.h"

#define MAX_LEVEL 4

struct _PwLevelBadge
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  int        level;
};

G_DEFINE_FINAL_TYPE (PwLevelBadge, pw_level_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const level_classes[] = {
  "level-none", "level-1", "level-2", "level-3", "level-4",
};

static void
pw_level_badge_update (PwLevelBadge *self)
{
  g_autofree char *text = pw_format_level (self->level);

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), level_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), level_classes[self->level]);

  gtk_label_set_label (GTK_LABEL (self->label), text);
}

static void
pw_level_badge_dispose (GObject *object)
{
  PwLevelBadge *self = PW_LEVEL_BADGE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (pw_level_badge_parent_class)->dispose (object);
}

static void
pw_level_badge_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwLevelBadge *self = PW_LEVEL_BADGE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_level_badge_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwLevelBadge *self = PW_LEVEL_BADGE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      pw_level_badge_set_level (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_level_badge_class_init (PwLevelBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_level_badge_dispose;
  object_class->get_property = pw_level_badge_get_property;
  object_class->set_property = pw_level_badge_set_property;

  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, MAX_LEVEL, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "levelbadge");
}

static void
pw_level_badge_init (PwLevelBadge *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "caption-heading");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "level-badge");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  pw_level_badge_update (self);
}

GtkWidget *
pw_level_badge_new (void)
{
  return g_object_new (PW_TYPE_LEVEL_BADGE, NULL);
}

int
pw_level_badge_get_level (PwLevelBadge *self)
{
  g_return_val_if_fail (PW_IS_LEVEL_BADGE (self), 0);

  return self->level;
}

/**
 * pw_level_badge_set_level:
 * @level: a Level of Intervention, 1 to 4, or 0 for none recorded
 */
void
pw_level_badge_set_level (PwLevelBadge *self,
                          int           level)
{
  g_return_if_fail (PW_IS_LEVEL_BADGE (self));
  g_return_if_fail (level >= 0 && level <= MAX_LEVEL);

  if (self->level == level)
    return;

  self->level = level;
  pw_level_badge_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

/**
 * pw_level_badge_get_text:
 *
 * Returns: (transfer none): the words the badge shows
 */
const char *
pw_level_badge_get_text (PwLevelBadge *self)
{
  g_return_val_if_fail (PW_IS_LEVEL_BADGE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}
