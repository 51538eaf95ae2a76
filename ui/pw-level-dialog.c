/* pw-level-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog in which a child's Level of Intervention is changed.
 *
 * A level change is history: the date, the new level, the reason, the
 * route and who decided are recorded, and the previous level is kept by the
 * core.  The new level is chosen by its number and name ("Level 3 ·
 * Intensive"), with what the level means under it; nothing is chosen at
 * first, so a level is never changed by default.  The other fields are a
 * PwRecordForm, the date set to today and "decided by" to the person using
 * Pathway.  The core refuses Level 3 or 4 without a lead practitioner and a
 * date before the last change; its message shows at the row it is about and
 * nothing is saved.  Once saved, ::saved hands the change on and the dialog
 * closes (see PwFormDialog); the child's level itself follows from the
 * caseload's "changed".
 */

#define G_LOG_DOMAIN "pw-level-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-child-format.h"
#include "pw-level-dialog.h"

#define N_LEVELS 4

struct _PwLevelDialog
{
  PwFormDialog   parent_instance;

  PwRecord      *change;

  GtkBox        *form_box;
  GtkLabel      *current_label;
  GtkWidget     *level_list;
  AdwComboRow   *level_row;
  GtkWidget     *level_error_row;
  GtkLabel      *level_error;
  GtkLabel      *meaning_label;
};

G_DEFINE_FINAL_TYPE (PwLevelDialog, pw_level_dialog, PW_TYPE_FORM_DIALOG)

static const char * const change_fields[] = {
  "date", "reason", "route", "decided-by", NULL
};

/* What each level means, in DOMAIN's words. */
static const char *
level_meaning (int level)
{
  switch (level)
    {
    case 1:
      return _("Needs met by universal services, one agency and its own procedures; no plan "
               "needed");
    case 2:
      return _("Emerging needs; one agency working with another, with My Plan, consent and a "
               "Team Around the Family meeting");
    case 3:
      return _("Complex needs needing a multi-agency, whole-family assessment; My Assessment "
               "and My Plan+, registered with the council");
    case 4:
      return _("Complex, enduring needs needing a statutory response: an EHC plan, Child in "
               "Need, Child Protection or Child in Care plan");
    default:
      return NULL;
    }
}

static char *
describe_level (int level)
{
  g_autofree char *number = pw_format_level (level);

  /* TRANSLATORS: a level and its name, as in "Level 3 · Intensive" */
  return g_strdup_printf (_("%s · %s"), number, pw_level_name (level));
}

static int
current_level (PwLevelDialog *self)
{
  PwChild *child = pw_form_dialog_get_child (PW_FORM_DIALOG (self));

  return (int) CLAMP (pw_record_get_int (PW_RECORD (child), "current-level"), 0, N_LEVELS);
}

static void on_level_selected_cb (PwLevelDialog *self,
                                  GParamSpec    *pspec,
                                  AdwComboRow   *row);

/* The level row -------------------------------------------------------------------- */

static void
pw_level_dialog_build_levels (PwLevelDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  int level = current_level (self);
  g_autofree char *now = level > 0 ? describe_level (level) : NULL;
  g_autofree char *current = NULL;

  gtk_string_list_append (labels, _("Not chosen"));
  for (int i = 1; i <= N_LEVELS; i++)
    {
      g_autofree char *label = describe_level (i);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->level_row, 0);
  on_level_selected_cb (self, NULL, self->level_row);
  /* TRANSLATORS: %s is a level and its name, as in "Level 2 · Additional" */
  current = now != NULL ? g_strdup_printf (_("The child is at %s now."), now)
                        : g_strdup (_("No level is recorded for the child yet."));
  gtk_label_set_label (self->current_label, current);
}

static void
show_level_error (PwLevelDialog *self,
                  const char    *message)
{
  gtk_label_set_label (self->level_error, message != NULL ? message : "");
  gtk_widget_set_visible (self->level_error_row, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->level_row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->level_row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->level_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Reads the level row into the change and checks it. */
static gboolean
pw_level_dialog_commit_level (PwLevelDialog  *self,
                              GError        **error)
{
  guint selected = adw_combo_row_get_selected (self->level_row);
  g_autoptr(GError) local = NULL;

  if (selected >= 1 && selected <= N_LEVELS)
    pw_record_set_int (self->change, "to-level", selected);
  else
    pw_record_unset (self->change, "to-level");
  if (pw_record_check_field (self->change, "to-level", &local))
    {
      show_level_error (self, NULL);
      return TRUE;
    }
  show_level_error (self, local->message);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Whether @error is about the new level, which is not a row of the form. */
static gboolean
is_about_level (PwLevelDialog *self,
                const GError  *error)
{
  const PwField *field = pw_record_class_find_field (PW_RECORD_GET_CLASS (self->change),
                                                     "to-level");
  const char *label = _(field->label);
  gsize len = strlen (label);

  return g_str_has_prefix (error->message, label) &&
         (error->message[len] == ' ' || error->message[len] == '\0');
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_level_selected_cb (PwLevelDialog *self,
                      GParamSpec    *pspec,
                      AdwComboRow   *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *meaning = selected >= 1 && selected <= N_LEVELS ? level_meaning ((int) selected)
                                                               : NULL;

  /* Like the form's rows: required until chosen; then what the level
   * means, under the list where it has room, and read with the row. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), meaning == NULL ? _("Required") : "");
  gtk_label_set_label (self->meaning_label, meaning != NULL ? meaning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->meaning_label), meaning != NULL);
  if (meaning != NULL && !gtk_widget_get_visible (self->level_error_row))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    meaning, -1);
  if (self->change != NULL && gtk_widget_get_visible (self->level_error_row))
    pw_level_dialog_commit_level (self, NULL);
}

/* PwFormDialog ----------------------------------------------------------------- */

/* The new level first: until it is chosen, the rest of the form waits. */
static gboolean
pw_level_dialog_check (PwFormDialog *dialog)
{
  PwLevelDialog *self = PW_LEVEL_DIALOG (dialog);

  if (!pw_level_dialog_commit_level (self, NULL))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->level_row));
      return FALSE;
    }
  return PW_FORM_DIALOG_CLASS (pw_level_dialog_parent_class)->check (dialog);
}

static void
pw_level_dialog_show_error (PwFormDialog *dialog,
                            const GError *error)
{
  PwLevelDialog *self = PW_LEVEL_DIALOG (dialog);

  if (!is_about_level (self, error))
    {
      PW_FORM_DIALOG_CLASS (pw_level_dialog_parent_class)->show_error (dialog, error);
      return;
    }
  show_level_error (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->level_row));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_level_dialog_build (PwLevelDialog *self)
{
  PwFormDialog *dialog = PW_FORM_DIALOG (self);
  PwChild *child = pw_form_dialog_get_child (dialog);
  g_autofree char *today = pw_today ();
  PwRecordForm *form;

  self->change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  pw_record_set_int (self->change, "child-id", pw_record_get_id (PW_RECORD (child)));
  pw_record_set_text (self->change, "date", today);
  pw_record_set_text (self->change, "decided-by",
                      pw_caseload_get_actor (pw_form_dialog_get_caseload (dialog)));
  if (current_level (self) == 0)
    pw_record_set_text (self->change, "route", "initial");

  pw_level_dialog_build_levels (self);
  form = PW_RECORD_FORM (pw_record_form_new (self->change, change_fields));
  gtk_box_append (self->form_box, GTK_WIDGET (form));
  pw_form_dialog_set_form (dialog, form);
  gtk_widget_grab_focus (GTK_WIDGET (self->level_row));
}

static void
pw_level_dialog_constructed (GObject *object)
{
  PwLevelDialog *self = PW_LEVEL_DIALOG (object);

  G_OBJECT_CLASS (pw_level_dialog_parent_class)->constructed (object);

  g_return_if_fail (pw_form_dialog_get_child (PW_FORM_DIALOG (self)) != NULL);

  pw_level_dialog_build (self);
}

static void
pw_level_dialog_dispose (GObject *object)
{
  PwLevelDialog *self = PW_LEVEL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_LEVEL_DIALOG);
  g_clear_object (&self->change);

  G_OBJECT_CLASS (pw_level_dialog_parent_class)->dispose (object);
}

static void
pw_level_dialog_class_init (PwLevelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwFormDialogClass *dialog_class = PW_FORM_DIALOG_CLASS (klass);

  object_class->constructed = pw_level_dialog_constructed;
  object_class->dispose = pw_level_dialog_dispose;

  dialog_class->check = pw_level_dialog_check;
  dialog_class->show_error = pw_level_dialog_show_error;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-level-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, level_list);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, level_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, level_error);
  gtk_widget_class_bind_template_child (widget_class, PwLevelDialog, meaning_label);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
}

static void
pw_level_dialog_init (PwLevelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_level_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @caseload: the caseload of the child
 * @child: the child whose level changes
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwLevelDialog *
pw_level_dialog_new (GtkWindow  *parent,
                     PwCaseload *caseload,
                     PwChild    *child)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);
  g_return_val_if_fail (PW_IS_CHILD (child), NULL);

  return g_object_new (PW_TYPE_LEVEL_DIALOG,
                       "transient-for", parent,
                       "caseload", caseload,
                       "child", child,
                       NULL);
}

/**
 * pw_level_dialog_get_level_row:
 *
 * Returns: (transfer none): the row choosing the new level: 0 for none
 *   chosen, then Level 1 to Level 4
 */
AdwComboRow *
pw_level_dialog_get_level_row (PwLevelDialog *self)
{
  g_return_val_if_fail (PW_IS_LEVEL_DIALOG (self), NULL);

  return self->level_row;
}

/**
 * pw_level_dialog_get_level_error:
 *
 * Returns: (nullable): the message shown under the level row, if any
 */
const char *
pw_level_dialog_get_level_error (PwLevelDialog *self)
{
  g_return_val_if_fail (PW_IS_LEVEL_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->level_error_row))
    return NULL;
  return gtk_label_get_label (self->level_error);
}
