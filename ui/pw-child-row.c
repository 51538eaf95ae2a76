/* pw-child-row.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One child in the caseload list: the name people use, the year group, the
 * Level of Intervention as a badge, and the next review, in red and saying
 * "overdue" once its date has passed.  The list view recycles rows, so
 * setting a child only changes what the labels say.
 */

#define G_LOG_DOMAIN "pw-child-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-child-row.h"
#include "pw-level-badge.h"

struct _PwChildRow
{
  GtkWidget     parent_instance;

  PwChild      *child;

  GtkLabel     *name_label;
  PwLevelBadge *level_badge;
  GtkLabel     *year_label;
  GtkLabel     *review_label;
  int           review_state_shown;   /* a PwReviewState, -1 before the first */
  gboolean      stale;                /* the words are another child's, off screen */
};

G_DEFINE_FINAL_TYPE (PwChildRow, pw_child_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The list item around the row is what a screen reader lands on, and GTK
 * 4.8 gives it no name of its own, so the row names it too. */
static void
pw_child_row_set_accessible_label (PwChildRow *self,
                                   const char *label)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (label == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (parent != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
pw_child_row_show_review (PwChildRow    *self,
                          const char    *text,
                          PwReviewState  state)
{
  GtkWidget *label = GTK_WIDGET (self->review_label);

  gtk_label_set_label (self->review_label, text);
  if (self->review_state_shown == (int) state)
    return;
  self->review_state_shown = (int) state;
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  if (state == PW_REVIEW_STATE_OVERDUE)
    gtk_widget_add_css_class (label, "error");
  else if (state == PW_REVIEW_STATE_DUE_SOON)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

/* Fills in the row's words from its child; with @on_screen FALSE only what
 * a screen reader is told. */
static void
pw_child_row_show (PwChildRow *self,
                   gboolean    on_screen)
{
  PwRecord *record = PW_RECORD (self->child);
  g_autofree char *name = pw_child_dup_display_name (self->child);
  const char *year_code = pw_record_get_text (record, "year-group");
  const char *year = year_code != NULL ? pw_codes_label (PW_CODES_YEAR_GROUP, year_code) : NULL;
  int level = (int) CLAMP (pw_record_get_int (record, "current-level"), 0, 4);
  g_autofree char *level_text = pw_format_level (level);
  const char *next_review = pw_record_get_text (record, "next-review");
  g_autofree char *today = pw_today ();
  PwReviewState state = pw_review_state (next_review, today);
  g_autofree char *review = pw_format_review (next_review, state);
  g_autofree char *accessible = NULL;

  /* TRANSLATORS: what a screen reader says for a child in the list: the
   * name, year group, level and review, as shown on screen */
  accessible = g_strdup_printf (_("%s, %s, %s, %s"), name, year != NULL ? year : _("no year group"),
                                level_text, review);
  pw_child_row_set_accessible_label (self, accessible);
  self->stale = !on_screen;
  if (!on_screen)
    return;

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->year_label, year != NULL ? year : "");
  gtk_widget_set_visible (GTK_WIDGET (self->year_label), year != NULL);
  pw_level_badge_set_level (self->level_badge, level);
  pw_child_row_show_review (self, review, state);
}

/* A row without a child is on its way out of the list view, so its words
 * stay for the moment it is still drawn; what it says to a screen reader
 * goes at once. */
static void
pw_child_row_clear (PwChildRow *self)
{
  self->stale = FALSE;
  pw_child_row_set_accessible_label (self, NULL);
}

/* Of the rows a list view keeps, only those on screen are mapped; the
 * others fill in their words when they come on screen, so a new search
 * lays out the rows that are seen, not all of them. */
static void
pw_child_row_map (GtkWidget *widget)
{
  PwChildRow *self = PW_CHILD_ROW (widget);

  if (self->stale && self->child != NULL)
    pw_child_row_show (self, TRUE);

  GTK_WIDGET_CLASS (pw_child_row_parent_class)->map (widget);
}

static void
pw_child_row_dispose (GObject *object)
{
  PwChildRow *self = PW_CHILD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CHILD_ROW);
  g_clear_object (&self->child);

  G_OBJECT_CLASS (pw_child_row_parent_class)->dispose (object);
}

static void
pw_child_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwChildRow *self = PW_CHILD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwChildRow *self = PW_CHILD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      pw_child_row_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_row_class_init (PwChildRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_child_row_dispose;
  widget_class->map = pw_child_row_map;
  object_class->get_property = pw_child_row_get_property;
  object_class->set_property = pw_child_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_LEVEL_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-child-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PwChildRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwChildRow, level_badge);
  gtk_widget_class_bind_template_child (widget_class, PwChildRow, year_label);
  gtk_widget_class_bind_template_child (widget_class, PwChildRow, review_label);
}

static void
pw_child_row_init (PwChildRow *self)
{
  self->review_state_shown = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pw_child_row_new (void)
{
  return g_object_new (PW_TYPE_CHILD_ROW, NULL);
}

/**
 * pw_child_row_get_record:
 *
 * Returns: (transfer none) (nullable): the child shown
 */
PwChild *
pw_child_row_get_record (PwChildRow *self)
{
  g_return_val_if_fail (PW_IS_CHILD_ROW (self), NULL);

  return self->child;
}

/**
 * pw_child_row_set_record:
 * @child: (nullable): the child to show, or %NULL to clear the row
 */
void
pw_child_row_set_record (PwChildRow *self,
                         PwChild    *child)
{
  g_return_if_fail (PW_IS_CHILD_ROW (self));
  g_return_if_fail (child == NULL || PW_IS_CHILD (child));

  if (!g_set_object (&self->child, child))
    return;

  if (child != NULL)
    pw_child_row_show (self, gtk_widget_get_mapped (GTK_WIDGET (self)));
  else
    pw_child_row_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
