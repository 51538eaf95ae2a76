/* pw-add-child-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog in which a SENCO adds a child to the caseload.
 *
 * A PwRecordForm over a new PwChild asks for what is known first: the
 * child's names, date of birth, sex and UPN, their school details, and who
 * supports them.  Add checks the form and saves through the caseload, which
 * applies the rules that need other records (no two children with one UPN);
 * a refusal shows at the row it is about, and nothing is saved.  Once saved,
 * ::added hands the child on and the dialog closes.
 *
 * The dialog holds a child's details, so it closes when the store locks.
 */

#define G_LOG_DOMAIN "pw-add-child-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-add-child-dialog.h"

struct _PwAddChildDialog
{
  AdwWindow     parent_instance;

  PwCaseload   *caseload;
  PwChild      *child;
  PwRecordForm *form;

  GtkBox       *form_box;
};

G_DEFINE_FINAL_TYPE (PwAddChildDialog, pw_add_child_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CASELOAD,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const identity_fields[] = {
  "legal-given-name", "legal-family-name", "preferred-name", "date-of-birth", "sex", "upn",
  NULL
};

static const char * const school_fields[] = {
  "setting-id", "year-group", "sen-provision", "eal", "pupil-premium", NULL
};

static const char * const support_fields[] = {
  "lead-practitioner-id", "trusted-adult", "looked-after", "child-protection", NULL
};

/* Choices for the references --------------------------------------------------- */

/* Every setting or worker, by name; empty if they cannot be read. */
static GListModel *
load_all (PwCaseload *caseload,
          GType       type)
{
  g_autoptr(GError) error = NULL;
  GListModel *records = pw_caseload_list_by_name (caseload, type, &error);

  if (records != NULL)
    return records;
  g_warning ("Could not list the choices for a new child: %s", error->message);
  return G_LIST_MODEL (g_list_store_new (type));
}

static void
pw_add_child_dialog_load_choices (PwAddChildDialog *self)
{
  g_autoptr(GListModel) settings = load_all (self->caseload, PW_TYPE_SETTING);
  g_autoptr(GListModel) workers = load_all (self->caseload, PW_TYPE_WORKER);

  pw_record_form_set_ref_model (self->form, "setting-id", settings);
  pw_record_form_set_ref_model (self->form, "lead-practitioner-id", workers);
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_store_notify_locked_cb (PwAddChildDialog *self,
                           GParamSpec       *pspec,
                           PwStore          *store)
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
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!pw_record_form_apply (self->form, NULL))
    return;
  if (!pw_caseload_save (self->caseload, PW_RECORD (self->child), &error))
    {
      pw_record_form_show_error (self->form, error);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, self->child);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_add_child_dialog_constructed (GObject *object)
{
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (object);

  G_OBJECT_CLASS (pw_add_child_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->caseload != NULL);

  g_signal_connect_object (pw_caseload_get_store (self->caseload), "notify::locked",
                           G_CALLBACK (on_store_notify_locked_cb), self, G_CONNECT_SWAPPED);
  pw_add_child_dialog_load_choices (self);
}

static void
pw_add_child_dialog_dispose (GObject *object)
{
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ADD_CHILD_DIALOG);
  g_clear_object (&self->child);
  g_clear_object (&self->caseload);

  G_OBJECT_CLASS (pw_add_child_dialog_parent_class)->dispose (object);
}

static void
pw_add_child_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, self->caseload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_add_child_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      self->caseload = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_add_child_dialog_class_init (PwAddChildDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pw_add_child_dialog_constructed;
  object_class->dispose = pw_add_child_dialog_dispose;
  object_class->get_property = pw_add_child_dialog_get_property;
  object_class->set_property = pw_add_child_dialog_set_property;

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwAddChildDialog::added:
   * @child: the child, as saved
   *
   * Emitted once the child is saved, just before the dialog closes.
   */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PW_TYPE_CHILD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-add-child-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwAddChildDialog, form_box);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
pw_add_child_dialog_init (PwAddChildDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->child = PW_CHILD (pw_record_new (PW_TYPE_CHILD));
  self->form = PW_RECORD_FORM (pw_record_form_new (PW_RECORD (self->child), NULL));
  pw_record_form_add_section (self->form, _("Identity"), identity_fields);
  pw_record_form_add_section (self->form, _("School"), school_fields);
  pw_record_form_add_section (self->form, _("Care and support"), support_fields);
  gtk_box_append (self->form_box, GTK_WIDGET (self->form));
  pw_record_form_focus_first (self->form);
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_add_child_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @caseload: the caseload to add the child to
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwAddChildDialog *
pw_add_child_dialog_new (GtkWindow  *parent,
                         PwCaseload *caseload)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);

  return g_object_new (PW_TYPE_ADD_CHILD_DIALOG,
                       "transient-for", parent,
                       "caseload", caseload,
                       NULL);
}

/**
 * pw_add_child_dialog_get_caseload:
 *
 * Returns: (transfer none): the caseload the child is added to
 */
PwCaseload *
pw_add_child_dialog_get_caseload (PwAddChildDialog *self)
{
  g_return_val_if_fail (PW_IS_ADD_CHILD_DIALOG (self), NULL);

  return self->caseload;
}

/**
 * pw_add_child_dialog_get_form:
 *
 * Returns: (transfer none): the form over the new child
 */
PwRecordForm *
pw_add_child_dialog_get_form (PwAddChildDialog *self)
{
  g_return_val_if_fail (PW_IS_ADD_CHILD_DIALOG (self), NULL);

  return self->form;
}
