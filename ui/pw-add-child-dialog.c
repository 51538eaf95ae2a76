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
 * ::saved hands the child on and the dialog closes (see PwFormDialog).
 */

#define G_LOG_DOMAIN "pw-add-child-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-add-child-dialog.h"

struct _PwAddChildDialog
{
  PwFormDialog  parent_instance;

  GtkBox       *form_box;
};

G_DEFINE_FINAL_TYPE (PwAddChildDialog, pw_add_child_dialog, PW_TYPE_FORM_DIALOG)

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
  PwFormDialog *dialog = PW_FORM_DIALOG (self);
  PwCaseload *caseload = pw_form_dialog_get_caseload (dialog);
  PwRecordForm *form = pw_form_dialog_get_form (dialog);
  g_autoptr(GListModel) settings = load_all (caseload, PW_TYPE_SETTING);
  g_autoptr(GListModel) workers = load_all (caseload, PW_TYPE_WORKER);

  pw_record_form_set_ref_model (form, "setting-id", settings);
  pw_record_form_set_ref_model (form, "lead-practitioner-id", workers);
}

static void
pw_add_child_dialog_build (PwAddChildDialog *self)
{
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);
  PwRecordForm *form = PW_RECORD_FORM (pw_record_form_new (child, NULL));

  pw_record_form_add_section (form, _("Identity"), identity_fields);
  pw_record_form_add_section (form, _("School"), school_fields);
  pw_record_form_add_section (form, _("Care and support"), support_fields);
  gtk_box_append (self->form_box, GTK_WIDGET (form));
  pw_form_dialog_set_form (PW_FORM_DIALOG (self), form);
  pw_record_form_focus_first (form);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_add_child_dialog_constructed (GObject *object)
{
  PwAddChildDialog *self = PW_ADD_CHILD_DIALOG (object);

  G_OBJECT_CLASS (pw_add_child_dialog_parent_class)->constructed (object);

  pw_add_child_dialog_load_choices (self);
}

static void
pw_add_child_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_ADD_CHILD_DIALOG);

  G_OBJECT_CLASS (pw_add_child_dialog_parent_class)->dispose (object);
}

static void
pw_add_child_dialog_class_init (PwAddChildDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pw_add_child_dialog_constructed;
  object_class->dispose = pw_add_child_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-add-child-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwAddChildDialog, form_box);
}

static void
pw_add_child_dialog_init (PwAddChildDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pw_add_child_dialog_build (self);
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
