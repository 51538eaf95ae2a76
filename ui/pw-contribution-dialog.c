/* pw-contribution-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog in which a family worker or lead practitioner adds their
 * agency's contribution to a child's record.
 *
 * A PwRecordForm over a new PwContribution asks who is writing (agency,
 * person, role) and what: the date it is about, the stage of the APDR cycle
 * it informs, and the text.  What is known is filled in: today's date, the
 * person using Pathway, and their agency and role when the caseload knows
 * them as a worker.  When the child has an open cycle, a switch links the
 * contribution to it and the stage starts at the cycle's own.
 *
 * Add checks the form and saves through the caseload; a refusal shows at
 * the row it is about, and nothing is saved.  Once saved, ::saved hands the
 * contribution on and the dialog closes.  Escape closes it without saving;
 * Ctrl+Enter sends it, from the text too (see PwFormDialog).
 */

#define G_LOG_DOMAIN "pw-contribution-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-contribution-dialog.h"

struct _PwContributionDialog
{
  PwFormDialog    parent_instance;

  PwCycle        *cycle;

  AdwWindowTitle *window_title;
  GtkBox         *form_box;
  GtkWidget      *cycle_list;
  AdwActionRow   *cycle_row;
  GtkSwitch      *cycle_switch;
};

G_DEFINE_FINAL_TYPE (PwContributionDialog, pw_contribution_dialog, PW_TYPE_FORM_DIALOG)

static const char * const author_fields[] = { "agency", "person", "role", NULL };
static const char * const content_fields[] = { "event-date", "stage", "text", NULL };

/* Filling in what is known ------------------------------------------------------ */

/* The worker whose name is @name, if the caseload has one. */
static PwRecord *
find_worker (PwCaseload *caseload,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) workers = pw_caseload_list_by_name (caseload, PW_TYPE_WORKER, &error);
  guint n;

  if (workers == NULL)
    {
      g_warning ("Could not list the workers: %s", error->message);
      return NULL;
    }
  n = g_list_model_get_n_items (workers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) worker = g_list_model_get_item (workers, i);
      const char *worker_name = pw_record_get_text (worker, "name");

      if (worker_name != NULL && g_ascii_strcasecmp (worker_name, name) == 0)
        return g_steal_pointer (&worker);
    }
  return NULL;
}

static void
prefill_author (PwCaseload *caseload,
                PwRecord   *record)
{
  const char *actor = pw_caseload_get_actor (caseload);
  g_autoptr(PwRecord) worker = NULL;

  if (actor == NULL || *actor == '\0')
    return;
  pw_record_set_text (record, "person", actor);
  worker = find_worker (caseload, actor);
  if (worker == NULL)
    return;
  if (pw_record_is_set (worker, "agency"))
    pw_record_set_text (record, "agency", pw_record_get_text (worker, "agency"));
  if (pw_record_is_set (worker, "role"))
    pw_record_set_text (record, "role", pw_record_get_text (worker, "role"));
}

static void
find_open_cycle (PwContributionDialog *self,
                 PwRecord             *record)
{
  PwFormDialog *dialog = PW_FORM_DIALOG (self);
  g_autoptr(GError) error = NULL;
  gint64 child_id = pw_record_get_id (PW_RECORD (pw_form_dialog_get_child (dialog)));
  const char *state;

  self->cycle = pw_caseload_get_open_cycle (pw_form_dialog_get_caseload (dialog), child_id,
                                            &error);
  if (error != NULL)
    g_warning ("Could not read the open cycle: %s", error->message);
  if (self->cycle == NULL)
    return;
  state = pw_record_get_text (PW_RECORD (self->cycle), "state");
  if (state != NULL && pw_codes_lookup (PW_CODES_STAGE, state) != NULL)
    pw_record_set_text (record, "stage", state);
}

static void
show_cycle_row (PwContributionDialog *self)
{
  PwRecord *cycle = PW_RECORD (self->cycle);
  const char *state = pw_record_get_text (cycle, "state");
  const char *stage = state != NULL ? pw_codes_label (PW_CODES_CYCLE_STATE, state) : NULL;
  g_autofree char *opened = pw_format_date (pw_record_get_text (cycle, "opened-on"), FALSE);
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a cycle's number, its stage and start date:
   * "Cycle 3, at Plan, started 1 Sep 2026" */
  subtitle = g_strdup_printf (_("Cycle %d, at %s, started %s"),
                              (int) pw_record_get_int (cycle, "number"),
                              stage != NULL ? stage : "", opened != NULL ? opened : "");
  adw_action_row_set_subtitle (self->cycle_row, subtitle);
  gtk_widget_set_visible (self->cycle_list, TRUE);
  gtk_switch_set_active (self->cycle_switch, TRUE);
}

static void
build_form (PwContributionDialog *self)
{
  PwFormDialog *dialog = PW_FORM_DIALOG (self);
  PwChild *child = pw_form_dialog_get_child (dialog);
  g_autoptr(PwRecord) record = pw_record_new (PW_TYPE_CONTRIBUTION);
  g_autofree char *today = pw_today ();
  g_autofree char *name = pw_child_dup_display_name (child);
  PwRecordForm *form;

  pw_record_set_int (record, "child-id", pw_record_get_id (PW_RECORD (child)));
  pw_record_set_text (record, "event-date", today);
  prefill_author (pw_form_dialog_get_caseload (dialog), record);
  find_open_cycle (self, record);

  form = PW_RECORD_FORM (pw_record_form_new (record, NULL));
  pw_record_form_add_section (form, _("Agency and person"), author_fields);
  pw_record_form_add_section (form, _("What the agency contributes"), content_fields);
  gtk_box_prepend (self->form_box, GTK_WIDGET (form));
  pw_form_dialog_set_form (dialog, form);
  adw_window_title_set_subtitle (self->window_title, name);
  if (self->cycle != NULL)
    show_cycle_row (self);
  pw_record_form_focus_first (form);
}

/* PwFormDialog ----------------------------------------------------------------- */

/* The contribution is part of the open cycle while the switch is on. */
static gboolean
pw_contribution_dialog_save (PwFormDialog  *dialog,
                             GError       **error)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (dialog);
  PwRecord *record = pw_form_dialog_get_record (dialog);

  if (self->cycle != NULL && gtk_switch_get_active (self->cycle_switch))
    pw_record_set_int (record, "cycle-id", pw_record_get_id (PW_RECORD (self->cycle)));
  else
    pw_record_unset (record, "cycle-id");
  return PW_FORM_DIALOG_CLASS (pw_contribution_dialog_parent_class)->save (dialog, error);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_contribution_dialog_constructed (GObject *object)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  G_OBJECT_CLASS (pw_contribution_dialog_parent_class)->constructed (object);

  g_return_if_fail (pw_form_dialog_get_child (PW_FORM_DIALOG (self)) != NULL);

  build_form (self);
}

static void
pw_contribution_dialog_dispose (GObject *object)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CONTRIBUTION_DIALOG);
  g_clear_object (&self->cycle);

  G_OBJECT_CLASS (pw_contribution_dialog_parent_class)->dispose (object);
}

static void
pw_contribution_dialog_class_init (PwContributionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwFormDialogClass *dialog_class = PW_FORM_DIALOG_CLASS (klass);

  object_class->constructed = pw_contribution_dialog_constructed;
  object_class->dispose = pw_contribution_dialog_dispose;

  dialog_class->save = pw_contribution_dialog_save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-contribution-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_list);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_switch);
}

static void
pw_contribution_dialog_init (PwContributionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_contribution_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @caseload: the caseload to save into
 * @child: the child the contribution is about
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwContributionDialog *
pw_contribution_dialog_new (GtkWindow  *parent,
                            PwCaseload *caseload,
                            PwChild    *child)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);
  g_return_val_if_fail (PW_IS_CHILD (child), NULL);

  return g_object_new (PW_TYPE_CONTRIBUTION_DIALOG,
                       "transient-for", parent,
                       "caseload", caseload,
                       "child", child,
                       NULL);
}

/**
 * pw_contribution_dialog_get_cycle:
 *
 * Returns: (transfer none) (nullable): the child's open cycle, which the
 *   contribution can be linked to
 */
PwCycle *
pw_contribution_dialog_get_cycle (PwContributionDialog *self)
{
  g_return_val_if_fail (PW_IS_CONTRIBUTION_DIALOG (self), NULL);

  return self->cycle;
}
