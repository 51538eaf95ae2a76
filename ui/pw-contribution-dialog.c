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
 * the row it is about, and nothing is saved.  Once saved, ::added hands the
 * contribution on and the dialog closes.  Escape closes it without saving;
 * Ctrl+Enter sends it, from the text too.  It closes when the store locks.
 */

#define G_LOG_DOMAIN "pw-contribution-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-contribution-dialog.h"

struct _PwContributionDialog
{
  AdwWindow       parent_instance;

  PwCaseload     *caseload;
  PwChild        *child;
  PwCycle        *cycle;
  PwContribution *contribution;
  PwRecordForm   *form;

  AdwWindowTitle *window_title;
  GtkBox         *form_box;
  GtkWidget      *cycle_list;
  AdwActionRow   *cycle_row;
  GtkSwitch      *cycle_switch;
};

G_DEFINE_FINAL_TYPE (PwContributionDialog, pw_contribution_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CASELOAD,
  PROP_CHILD,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
prefill_author (PwContributionDialog *self)
{
  PwRecord *record = PW_RECORD (self->contribution);
  const char *actor = pw_caseload_get_actor (self->caseload);
  g_autoptr(PwRecord) worker = NULL;

  if (actor == NULL || *actor == '\0')
    return;
  pw_record_set_text (record, "person", actor);
  worker = find_worker (self->caseload, actor);
  if (worker == NULL)
    return;
  if (pw_record_is_set (worker, "agency"))
    pw_record_set_text (record, "agency", pw_record_get_text (worker, "agency"));
  if (pw_record_is_set (worker, "role"))
    pw_record_set_text (record, "role", pw_record_get_text (worker, "role"));
}

static void
find_open_cycle (PwContributionDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 child_id = pw_record_get_id (PW_RECORD (self->child));
  const char *state;

  self->cycle = pw_caseload_get_open_cycle (self->caseload, child_id, &error);
  if (error != NULL)
    g_warning ("Could not read the open cycle: %s", error->message);
  if (self->cycle == NULL)
    return;
  state = pw_record_get_text (PW_RECORD (self->cycle), "state");
  if (state != NULL && pw_codes_lookup (PW_CODES_STAGE, state) != NULL)
    pw_record_set_text (PW_RECORD (self->contribution), "stage", state);
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
  PwRecord *record = PW_RECORD (self->contribution);
  g_autofree char *today = pw_today ();
  g_autofree char *name = pw_child_dup_display_name (self->child);

  pw_record_set_int (record, "child-id", pw_record_get_id (PW_RECORD (self->child)));
  pw_record_set_text (record, "event-date", today);
  prefill_author (self);
  find_open_cycle (self);

  self->form = PW_RECORD_FORM (pw_record_form_new (record, NULL));
  pw_record_form_add_section (self->form, _("Agency and person"), author_fields);
  pw_record_form_add_section (self->form, _("What the agency contributes"), content_fields);
  gtk_box_prepend (self->form_box, GTK_WIDGET (self->form));
  adw_window_title_set_subtitle (self->window_title, name);
  if (self->cycle != NULL)
    show_cycle_row (self);
  pw_record_form_focus_first (self->form);
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_store_notify_locked_cb (PwContributionDialog *self,
                           GParamSpec           *pspec,
                           PwStore              *store)
{
  if (pw_store_get_locked (store))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Actions ---------------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (widget);
  PwRecord *record = PW_RECORD (self->contribution);
  g_autoptr(GError) error = NULL;

  if (!pw_record_form_apply (self->form, NULL))
    return;
  if (self->cycle != NULL && gtk_switch_get_active (self->cycle_switch))
    pw_record_set_int (record, "cycle-id", pw_record_get_id (PW_RECORD (self->cycle)));
  else
    pw_record_unset (record, "cycle-id");
  if (!pw_caseload_save (self->caseload, record, &error))
    {
      pw_record_form_show_error (self->form, error);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, self->contribution);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Ctrl+Enter sends the form from anywhere in it.  The dialog takes the key
 * before the focused widget does, or a paragraph field would start a new
 * line with it. */
static void
add_send_shortcut (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|"
                                                                   "<Control>KP_Enter");

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("dialog.add")));
  gtk_widget_add_controller (widget, controller);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_contribution_dialog_constructed (GObject *object)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  G_OBJECT_CLASS (pw_contribution_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->caseload != NULL && self->child != NULL);

  g_signal_connect_object (pw_caseload_get_store (self->caseload), "notify::locked",
                           G_CALLBACK (on_store_notify_locked_cb), self, G_CONNECT_SWAPPED);
  build_form (self);
}

static void
pw_contribution_dialog_dispose (GObject *object)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CONTRIBUTION_DIALOG);
  g_clear_object (&self->contribution);
  g_clear_object (&self->cycle);
  g_clear_object (&self->child);
  g_clear_object (&self->caseload);

  G_OBJECT_CLASS (pw_contribution_dialog_parent_class)->dispose (object);
}

static void
pw_contribution_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, self->caseload);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_contribution_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PwContributionDialog *self = PW_CONTRIBUTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      self->caseload = g_value_dup_object (value);
      break;
    case PROP_CHILD:
      self->child = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_contribution_dialog_class_init (PwContributionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pw_contribution_dialog_constructed;
  object_class->dispose = pw_contribution_dialog_dispose;
  object_class->get_property = pw_contribution_dialog_get_property;
  object_class->set_property = pw_contribution_dialog_set_property;

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwContributionDialog::added:
   * @contribution: the contribution, as saved
   *
   * Emitted once the contribution is saved, just before the dialog closes.
   */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PW_TYPE_CONTRIBUTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-contribution-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_list);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, PwContributionDialog, cycle_switch);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
pw_contribution_dialog_init (PwContributionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_send_shortcut (GTK_WIDGET (self));

  self->contribution = PW_CONTRIBUTION (pw_record_new (PW_TYPE_CONTRIBUTION));
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
 * pw_contribution_dialog_get_caseload:
 *
 * Returns: (transfer none): the caseload the contribution is saved into
 */
PwCaseload *
pw_contribution_dialog_get_caseload (PwContributionDialog *self)
{
  g_return_val_if_fail (PW_IS_CONTRIBUTION_DIALOG (self), NULL);

  return self->caseload;
}

/**
 * pw_contribution_dialog_get_form:
 *
 * Returns: (transfer none): the form over the new contribution
 */
PwRecordForm *
pw_contribution_dialog_get_form (PwContributionDialog *self)
{
  g_return_val_if_fail (PW_IS_CONTRIBUTION_DIALOG (self), NULL);

  return self->form;
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
