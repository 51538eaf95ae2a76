/* pw-record-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A dialog that adds one record of a child: an agency's involvement, a
 * meeting, a meeting's attendee or action.
 *
 * The caller makes the new record (with the child and any parent record
 * already set) and names the fields to ask for; a PwRecordForm shows them
 * with the core's messages inline.  The accept button checks the form and
 * saves through the caseload; a refusal shows at the row it is about and
 * nothing is saved.  Once saved, ::saved hands the record on and the dialog
 * closes.  Escape closes it without saving; Ctrl+Enter sends it from
 * anywhere, including a paragraph field where Enter starts a new line (see
 * PwFormDialog).
 */

#define G_LOG_DOMAIN "pw-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-record-dialog.h"

struct _PwRecordDialog
{
  PwFormDialog    parent_instance;

  PwRecord       *record;

  AdwWindowTitle *window_title;
  GtkButton      *accept_button;
  GtkBox         *form_box;
};

G_DEFINE_FINAL_TYPE (PwRecordDialog, pw_record_dialog, PW_TYPE_FORM_DIALOG)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Callbacks -------------------------------------------------------------------- */

static void
on_notify_title_cb (PwRecordDialog *self)
{
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_record_dialog_constructed (GObject *object)
{
  PwRecordDialog *self = PW_RECORD_DIALOG (object);
  GtkWidget *form;

  G_OBJECT_CLASS (pw_record_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->record != NULL);

  form = pw_record_form_new (self->record, NULL);
  gtk_box_append (self->form_box, form);
  pw_form_dialog_set_form (PW_FORM_DIALOG (self), PW_RECORD_FORM (form));
}

static void
pw_record_dialog_dispose (GObject *object)
{
  PwRecordDialog *self = PW_RECORD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RECORD_DIALOG);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (pw_record_dialog_parent_class)->dispose (object);
}

static void
pw_record_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwRecordDialog *self = PW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_record_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PwRecordDialog *self = PW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_record_dialog_class_init (PwRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pw_record_dialog_constructed;
  object_class->dispose = pw_record_dialog_dispose;
  object_class->get_property = pw_record_dialog_get_property;
  object_class->set_property = pw_record_dialog_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRecordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwRecordDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, PwRecordDialog, form_box);
}

static void
pw_record_dialog_init (PwRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_notify_title_cb), NULL);
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_record_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @caseload: the caseload to save into
 * @record: the new record, with its child and parent record set
 * @title: the dialog's title, such as "Add an action"
 * @accept_label: the label of the button that saves, with a mnemonic ("_Add")
 * @fields: (array zero-terminated=1): the fields to ask for, in order
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwRecordDialog *
pw_record_dialog_new (GtkWindow          *parent,
                      PwCaseload         *caseload,
                      PwRecord           *record,
                      const char         *title,
                      const char         *accept_label,
                      const char * const *fields)
{
  PwRecordDialog *self;
  PwRecordForm *form;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);
  g_return_val_if_fail (PW_IS_RECORD (record), NULL);
  g_return_val_if_fail (title != NULL && accept_label != NULL && fields != NULL, NULL);

  self = g_object_new (PW_TYPE_RECORD_DIALOG,
                       "transient-for", parent,
                       "caseload", caseload,
                       "record", record,
                       "title", title,
                       NULL);
  form = pw_form_dialog_get_form (PW_FORM_DIALOG (self));
  gtk_button_set_label (self->accept_button, accept_label);
  pw_record_form_add_section (form, NULL, fields);
  pw_record_form_focus_first (form);
  return self;
}

/**
 * pw_record_dialog_set_subtitle:
 * @subtitle: (nullable): what the record is for, such as the meeting it
 *   belongs to
 */
void
pw_record_dialog_set_subtitle (PwRecordDialog *self,
                               const char     *subtitle)
{
  g_return_if_fail (PW_IS_RECORD_DIALOG (self));

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}
