/* pw-form-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The base of the dialogs that save one record through the caseload from a
 * PwRecordForm: a child, a contribution, a level change, a part of a cycle,
 * a meeting and the like.
 *
 * A subclass brings its template, builds the form over its record and hands
 * it over with pw_form_dialog_set_form().  The base closes the dialog on
 * dialog.cancel (Escape) and saves on dialog.save (Ctrl+Enter from anywhere
 * in it, or the template's button): ::check reads the dialog into the record
 * and shows what is wrong at its row, ::save writes it through the caseload,
 * and a refusal goes to ::show_error, so nothing is saved.  Once saved,
 * ::saved hands the record on and the dialog closes.
 *
 * The dialog holds a child's details, so it closes when the store locks.
 */

#define G_LOG_DOMAIN "pw-form-dialog"

#include "config.h"

#include "pw-form-dialog.h"

typedef struct
{
  PwCaseload   *caseload;
  PwChild      *child;
  PwRecordForm *form;
} PwFormDialogPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PwFormDialog, pw_form_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CASELOAD,
  PROP_CHILD,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Callbacks -------------------------------------------------------------------- */

static void
on_store_notify_locked_cb (PwFormDialog *self,
                           GParamSpec   *pspec,
                           PwStore      *store)
{
  if (pw_store_get_locked (store))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Actions ---------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwFormDialog *self = PW_FORM_DIALOG (widget);
  PwFormDialogClass *klass = PW_FORM_DIALOG_GET_CLASS (self);
  g_autoptr(GError) error = NULL;

  if (!klass->check (self))
    return;
  if (!klass->save (self, &error))
    {
      klass->show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, pw_form_dialog_get_record (self));
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
                                                          gtk_named_action_new ("dialog.save")));
  gtk_widget_add_controller (widget, controller);
}

/* PwFormDialog ----------------------------------------------------------------- */

static gboolean
pw_form_dialog_real_check (PwFormDialog *self)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  return pw_record_form_apply (priv->form, NULL);
}

static gboolean
pw_form_dialog_real_save (PwFormDialog  *self,
                          GError       **error)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  return pw_caseload_save (priv->caseload, pw_record_form_get_record (priv->form), error);
}

static void
pw_form_dialog_real_show_error (PwFormDialog *self,
                                const GError *error)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  pw_record_form_show_error (priv->form, error);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_form_dialog_constructed (GObject *object)
{
  PwFormDialog *self = PW_FORM_DIALOG (object);
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  G_OBJECT_CLASS (pw_form_dialog_parent_class)->constructed (object);

  g_return_if_fail (priv->caseload != NULL);

  g_signal_connect_object (pw_caseload_get_store (priv->caseload), "notify::locked",
                           G_CALLBACK (on_store_notify_locked_cb), self, G_CONNECT_SWAPPED);
}

static void
pw_form_dialog_dispose (GObject *object)
{
  PwFormDialog *self = PW_FORM_DIALOG (object);
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_clear_object (&priv->form);
  g_clear_object (&priv->child);
  g_clear_object (&priv->caseload);

  G_OBJECT_CLASS (pw_form_dialog_parent_class)->dispose (object);
}

static void
pw_form_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwFormDialog *self = PW_FORM_DIALOG (object);
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, priv->caseload);
      break;
    case PROP_CHILD:
      g_value_set_object (value, priv->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_form_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwFormDialog *self = PW_FORM_DIALOG (object);
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      priv->caseload = g_value_dup_object (value);
      break;
    case PROP_CHILD:
      priv->child = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_form_dialog_class_init (PwFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pw_form_dialog_constructed;
  object_class->dispose = pw_form_dialog_dispose;
  object_class->get_property = pw_form_dialog_get_property;
  object_class->set_property = pw_form_dialog_set_property;

  klass->check = pw_form_dialog_real_check;
  klass->save = pw_form_dialog_real_save;
  klass->show_error = pw_form_dialog_real_show_error;

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  /* The child the record is about, for the dialogs that start from one. */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwFormDialog::saved:
   * @record: the record, as saved
   *
   * Emitted once the record is saved, just before the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PW_TYPE_RECORD);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
pw_form_dialog_init (PwFormDialog *self)
{
  add_send_shortcut (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_form_dialog_get_caseload:
 *
 * Returns: (transfer none): the caseload the record is saved into
 */
PwCaseload *
pw_form_dialog_get_caseload (PwFormDialog *self)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_return_val_if_fail (PW_IS_FORM_DIALOG (self), NULL);

  return priv->caseload;
}

/**
 * pw_form_dialog_get_child:
 *
 * Returns: (transfer none) (nullable): the child the dialog started from
 */
PwChild *
pw_form_dialog_get_child (PwFormDialog *self)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_return_val_if_fail (PW_IS_FORM_DIALOG (self), NULL);

  return priv->child;
}

/**
 * pw_form_dialog_get_form:
 *
 * Returns: (transfer none) (nullable): the form over the record, once the
 *   subclass has built it
 */
PwRecordForm *
pw_form_dialog_get_form (PwFormDialog *self)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_return_val_if_fail (PW_IS_FORM_DIALOG (self), NULL);

  return priv->form;
}

/**
 * pw_form_dialog_set_form:
 * @form: the form over the record the dialog saves
 *
 * For subclasses, once they have built the form; they place it themselves.
 */
void
pw_form_dialog_set_form (PwFormDialog *self,
                         PwRecordForm *form)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_return_if_fail (PW_IS_FORM_DIALOG (self));
  g_return_if_fail (PW_IS_RECORD_FORM (form));

  g_set_object (&priv->form, form);
}

/**
 * pw_form_dialog_get_record:
 *
 * Returns: (transfer none) (nullable): the record the form edits
 */
PwRecord *
pw_form_dialog_get_record (PwFormDialog *self)
{
  PwFormDialogPrivate *priv = pw_form_dialog_get_instance_private (self);

  g_return_val_if_fail (PW_IS_FORM_DIALOG (self), NULL);

  return priv->form != NULL ? pw_record_form_get_record (priv->form) : NULL;
}
