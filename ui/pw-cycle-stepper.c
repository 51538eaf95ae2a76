/* pw-cycle-stepper.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwCycleStepper: the four stages of an APDR cycle in a row, Assess, Plan,
 * Do and Review, so that a SENCO sees at a glance where a cycle is.  A
 * stage done is ticked, the current one is filled with the accent colour
 * and its name is bold, the stages to come are outlined.  The state is in
 * words too: each stage is a list item whose accessible name says the stage
 * and its state ("Plan: current stage"), and a closed cycle has every
 * stage done. */

#define G_LOG_DOMAIN "pw-cycle-stepper"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pw-cycle-stepper.h"

#define N_STEPS 4

typedef struct
{
  GtkWidget *box;
  GtkWidget *dot;
  GtkWidget *number;
  GtkWidget *tick;
  GtkWidget *title;
  GtkWidget *line;    /* the line after the step, NULL for the last */
  char      *label;   /* the accessible name */
} Step;

struct _PwCycleStepper
{
  GtkWidget  parent_instance;

  char      *stage;
  Step       steps[N_STEPS];
};

G_DEFINE_FINAL_TYPE (PwCycleStepper, pw_cycle_stepper, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const stage_names[] = { "assess", "plan", "do", "review", "closed" };

static const char *
stage_title (guint index)
{
  const char *titles[] = { N_("Assess"), N_("Plan"), N_("Do"), N_("Review") };

  return _(titles[index]);
}

/* The position of @stage: 0 to 3, 4 for a closed cycle; -1 for none. */
static int
stage_index (const char *stage)
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    if (g_strcmp0 (stage, stage_names[i]) == 0)
      return (int) i;
  return -1;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static char *
describe_step (guint index,
               int   current)
{
  /* TRANSLATORS: a stage of a cycle and its state, read by a screen reader */
  if ((int) index < current)
    return g_strdup_printf (_("%s: done"), stage_title (index));
  /* TRANSLATORS: a stage of a cycle and its state, read by a screen reader */
  if ((int) index == current)
    return g_strdup_printf (_("%s: current stage"), stage_title (index));
  /* TRANSLATORS: a stage of a cycle and its state, read by a screen reader */
  return g_strdup_printf (_("%s: not reached yet"), stage_title (index));
}

static void
show_step (Step *step,
           guint index,
           int   current)
{
  gboolean done = (int) index < current;
  gboolean now = (int) index == current;

  set_css_class (step->box, "done", done);
  set_css_class (step->box, "current", now);
  set_css_class (step->title, "dim-label", !done && !now);
  adw_bin_set_child (ADW_BIN (step->dot), done ? step->tick : step->number);
  if (step->line != NULL)
    set_css_class (step->line, "done", done);
  g_free (step->label);
  step->label = describe_step (index, current);
  gtk_accessible_update_property (GTK_ACCESSIBLE (step->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  step->label, -1);
}

static void
pw_cycle_stepper_show (PwCycleStepper *self)
{
  int current = stage_index (self->stage);

  for (guint i = 0; i < N_STEPS; i++)
    show_step (&self->steps[i], i, current);
}

/* Building ----------------------------------------------------------------------- */

/* A circle holding the stage's number, or a tick once it is done; the
 * stepper keeps both and shows one. */
static GtkWidget *
new_dot (Step  *step,
         guint  index)
{
  g_autofree char *number = g_strdup_printf ("%u", index + 1);

  step->dot = adw_bin_new ();
  step->number = g_object_ref_sink (gtk_label_new (number));
  step->tick = g_object_ref_sink (gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_widget_set_valign (step->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (step->dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (step->dot, "step-dot");
  adw_bin_set_child (ADW_BIN (step->dot), step->number);
  return step->dot;
}

static void
build_step (PwCycleStepper *self,
            guint           index)
{
  Step *step = &self->steps[index];

  step->box = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                            "spacing", 6, NULL);
  step->title = gtk_label_new (stage_title (index));
  gtk_widget_add_css_class (step->box, "step");
  gtk_box_append (GTK_BOX (step->box), new_dot (step, index));
  gtk_box_append (GTK_BOX (step->box), step->title);
  gtk_widget_set_parent (step->box, GTK_WIDGET (self));
  if (index + 1 == N_STEPS)
    return;
  step->line = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_hexpand (step->line, TRUE);
  gtk_widget_set_valign (step->line, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (step->line, 12, -1);
  gtk_widget_set_parent (step->line, GTK_WIDGET (self));
}

/* GObject ------------------------------------------------------------------------ */

static void
pw_cycle_stepper_dispose (GObject *object)
{
  PwCycleStepper *self = PW_CYCLE_STEPPER (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_STEPS; i++)
    {
      g_clear_pointer (&self->steps[i].label, g_free);
      g_clear_object (&self->steps[i].number);
      g_clear_object (&self->steps[i].tick);
    }

  G_OBJECT_CLASS (pw_cycle_stepper_parent_class)->dispose (object);
}

static void
pw_cycle_stepper_finalize (GObject *object)
{
  PwCycleStepper *self = PW_CYCLE_STEPPER (object);

  g_free (self->stage);

  G_OBJECT_CLASS (pw_cycle_stepper_parent_class)->finalize (object);
}

static void
pw_cycle_stepper_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwCycleStepper *self = PW_CYCLE_STEPPER (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_cycle_stepper_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PwCycleStepper *self = PW_CYCLE_STEPPER (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      pw_cycle_stepper_set_stage (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_cycle_stepper_class_init (PwCycleStepperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_cycle_stepper_dispose;
  object_class->finalize = pw_cycle_stepper_finalize;
  object_class->get_property = pw_cycle_stepper_get_property;
  object_class->set_property = pw_cycle_stepper_set_property;

  /**
   * PwCycleStepper:stage:
   *
   * The cycle's stage: "assess", "plan", "do", "review" or "closed".
   */
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cyclestepper");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
pw_cycle_stepper_init (PwCycleStepper *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "cycle-stepper");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stages of the cycle"), -1);
  for (guint i = 0; i < N_STEPS; i++)
    build_step (self, i);
  pw_cycle_stepper_show (self);
}

/* Public API --------------------------------------------------------------------- */

GtkWidget *
pw_cycle_stepper_new (void)
{
  return g_object_new (PW_TYPE_CYCLE_STEPPER, NULL);
}

/**
 * pw_cycle_stepper_get_stage:
 *
 * Returns: (nullable): the stage shown
 */
const char *
pw_cycle_stepper_get_stage (PwCycleStepper *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_STEPPER (self), NULL);

  return self->stage;
}

/**
 * pw_cycle_stepper_set_stage:
 * @stage: (nullable): the cycle's stage, or %NULL for none
 */
void
pw_cycle_stepper_set_stage (PwCycleStepper *self,
                            const char     *stage)
{
  g_return_if_fail (PW_IS_CYCLE_STEPPER (self));

  if (g_strcmp0 (self->stage, stage) == 0)
    return;

  g_free (self->stage);
  self->stage = g_strdup (stage);
  pw_cycle_stepper_show (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

/**
 * pw_cycle_stepper_get_step_label:
 * @index: 0 for Assess to 3 for Review
 *
 * Returns: what a screen reader says for the stage, such as "Plan: current stage"
 */
const char *
pw_cycle_stepper_get_step_label (PwCycleStepper *self,
                                 guint           index)
{
  g_return_val_if_fail (PW_IS_CYCLE_STEPPER (self), NULL);
  g_return_val_if_fail (index < N_STEPS, NULL);

  return self->steps[index].label;
}
