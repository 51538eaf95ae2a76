/* pw-export-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Exports one child, the children in the list, or the whole caseload: as
 * the PDF case summary of one child, as a case file, or as a case file
 * sealed to the council's public key.  The export runs in a worker thread;
 * the dialog closes when it is written and says so in the window, or stays
 * open and says why not. */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "pw-child-format.h"
#include "pw-export-dialog.h"
#include "pw-export.h"
#include "pw-seal.h"
#include "pw-summary.h"

typedef enum
{
  FORMAT_PDF,
  FORMAT_XML,
  FORMAT_SEALED,
} Format;

struct _PwExportDialog
{
  AdwWindow parent_instance;

  PwCaseload *caseload;
  PwChild *child;
  GArray *shown_ids;
  guint8 key[PW_SEAL_PUBLIC_KEY_BYTES];
  gboolean have_key;
  gboolean busy;
  gboolean disposed;
  GtkFileChooserNative *chooser;

  AdwToastOverlay *toast_overlay;
  GtkWidget *export_button;
  GtkWidget *cancel_button;
  GtkWidget *spinner;
  GtkWidget *form_page;
  AdwActionRow *child_row;
  AdwActionRow *shown_row;
  AdwActionRow *all_row;
  GtkCheckButton *child_check;
  GtkCheckButton *shown_check;
  GtkCheckButton *all_check;
  GtkWidget *pdf_row;
  GtkCheckButton *pdf_check;
  GtkCheckButton *xml_check;
  GtkCheckButton *sealed_check;
  AdwActionRow *key_row;
};

G_DEFINE_FINAL_TYPE (PwExportDialog, pw_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  PwCaseload *caseload;
  Format format;
  PwExportScope *scope;
  gint64 child_id;
  char *path;
  guint8 key[PW_SEAL_PUBLIC_KEY_BYTES];
  guint n_children;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_object_unref (job->caseload);
  pw_export_scope_free (job->scope);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* Choices ------------------------------------------------------------------------ */

static Format
chosen_format (PwExportDialog *self)
{
  if (gtk_check_button_get_active (self->pdf_check))
    return FORMAT_PDF;
  if (gtk_check_button_get_active (self->sealed_check))
    return FORMAT_SEALED;
  return FORMAT_XML;
}

static gboolean
one_child_chosen (PwExportDialog *self)
{
  return self->child != NULL && gtk_check_button_get_active (self->child_check);
}

static void
update_controls (PwExportDialog *self)
{
  gboolean sealed = chosen_format (self) == FORMAT_SEALED;
  gboolean ready;

  /* A case summary is about one child. */
  if (!one_child_chosen (self) && gtk_check_button_get_active (self->pdf_check))
    gtk_check_button_set_active (self->xml_check, TRUE);
  gtk_widget_set_sensitive (self->pdf_row, one_child_chosen (self) && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), sealed);
  ready = !self->busy && (!sealed || self->have_key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", ready);
  gtk_widget_set_sensitive (self->form_page, !self->busy);
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
}

static void
on_choice_toggled_cb (PwExportDialog *self)
{
  update_controls (self);
}

static char *
suggested_name (PwExportDialog *self)
{
  g_autofree char *date = pw_today ();
  g_autofree char *name = NULL;

  if (one_child_chosen (self))
    name = pw_child_dup_display_name (self->child);
  switch (chosen_format (self))
    {
    case FORMAT_PDF:
      return g_strdup_printf (_("%s case summary.pdf"), name);
    case FORMAT_SEALED:
      return g_strdup_printf (_("%s %s.sealed"), name != NULL ? name : _("Caseload"), date);
    case FORMAT_XML:
    default:
      return g_strdup_printf (_("%s %s.xml"), name != NULL ? name : _("Caseload"), date);
    }
}

static PwExportScope *
chosen_scope (PwExportDialog *self)
{
  if (one_child_chosen (self))
    {
      gint64 id = pw_record_get_id (PW_RECORD (self->child));

      return pw_export_scope_new_children (&id, 1);
    }
  if (gtk_check_button_get_active (self->shown_check) && self->shown_ids->len > 0)
    return pw_export_scope_new_children ((gint64 *) (gpointer) self->shown_ids->data,
                                         self->shown_ids->len);
  return pw_export_scope_new_all (FALSE);
}

/* Exporting -------------------------------------------------------------------- */

static gboolean
write_summary (ExportJob *job, GError **error)
{
  g_autoptr(PwSummary) summary = pw_summary_new (job->caseload, job->child_id, error);

  job->n_children = 1;
  return summary != NULL && pw_summary_write_pdf (summary, job->path, error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;
  gboolean ok;

  if (job->format == FORMAT_PDF)
    ok = write_summary (job, &error);
  else
    ok = pw_export_to_file (job->caseload, job->scope, job->path,
                            job->format == FORMAT_SEALED ? job->key : NULL,
                            &job->n_children, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
done_message (ExportJob *job)
{
  g_autofree char *base = g_path_get_basename (job->path);

  if (job->format == FORMAT_PDF)
    return g_strdup_printf (_("Case summary saved as “%s”"), base);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child exported to “%s”",
                                       "%u children exported to “%s”", job->n_children),
                          job->n_children, base);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* Closed while it was writing, as when the store locks. */
  if (self->disposed)
    return;
  self->busy = FALSE;
  update_controls (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  message = done_message (job);
  g_signal_emit (self, signals[EXPORTED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * pw_export_dialog_export_to:
 * @file: where the export goes; it appears only once it is whole
 *
 * Exports what the dialog's choices say.  "exported" is emitted and the
 * dialog closes when it is written.
 */
void
pw_export_dialog_export_to (PwExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (PW_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);
  g_return_if_fail (!self->busy);

  job = g_new0 (ExportJob, 1);
  job->caseload = g_object_ref (self->caseload);
  job->format = chosen_format (self);
  job->scope = chosen_scope (self);
  job->child_id = one_child_chosen (self) ? pw_record_get_id (PW_RECORD (self->child)) : 0;
  job->path = g_file_get_path (file);
  memcpy (job->key, self->key, sizeof job->key);
  self->busy = TRUE;
  update_controls (self);
  task = g_task_new (self, NULL, on_export_done_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* Files ---------------------------------------------------------------------------- */

/**
 * pw_export_dialog_set_key_file:
 * @file: a council's public key, as `pathway-cli keygen` writes it
 *
 * Returns: %TRUE if @file holds a public key to seal exports to
 */
gboolean
pw_export_dialog_set_key_file (PwExportDialog  *self,
                               GFile           *file,
                               GError         **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (PW_IS_EXPORT_DIALOG (self), FALSE);

  if (g_file_peek_path (file) == NULL ||
      !pw_seal_read_public_key (g_file_peek_path (file), self->key, error))
    return FALSE;
  self->have_key = TRUE;
  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->key_row, name);
  update_controls (self);
  return TRUE;
}

static void
on_key_chosen_cb (PwExportDialog       *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  if (!pw_export_dialog_set_key_file (self, file, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_file_chosen_cb (PwExportDialog       *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    pw_export_dialog_export_to (self, file);
}

static void
show_chooser (PwExportDialog *self, GtkFileChooserNative *chooser, GCallback callback)
{
  g_clear_object (&self->chooser);
  self->chooser = chooser;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", callback, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (widget);
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, G_CALLBACK (on_file_chosen_cb));
}

static void
choose_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Council’s Public Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Public keys"));
  gtk_file_filter_add_pattern (filter, "*.pub");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  show_chooser (self, chooser, G_CALLBACK (on_key_chosen_cb));
}

/* GObject ------------------------------------------------------------------------ */

static gboolean
pw_export_dialog_close_request (GtkWindow *window)
{
  /* The export finishes either way; the dialog waits for it. */
  return PW_EXPORT_DIALOG (window)->busy;
}

static void
pw_export_dialog_dispose (GObject *object)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (pw_export_dialog_parent_class)->dispose (object);
}

static void
pw_export_dialog_finalize (GObject *object)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (object);

  sodium_memzero (self->key, sizeof self->key);
  g_clear_object (&self->caseload);
  g_clear_object (&self->child);
  g_clear_pointer (&self->shown_ids, g_array_unref);
  G_OBJECT_CLASS (pw_export_dialog_parent_class)->finalize (object);
}

static void
pw_export_dialog_class_init (PwExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pw_export_dialog_dispose;
  object_class->finalize = pw_export_dialog_finalize;
  window_class->close_request = pw_export_dialog_close_request;

  /**
   * PwExportDialog::exported:
   * @message: what was written, to tell the user
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, child_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, child_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, pdf_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, pdf_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, xml_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, sealed_check);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled_cb);
  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.choose-key", NULL, choose_key_action);
}

static void
pw_export_dialog_init (PwExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_count (AdwActionRow *row, guint n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child",
                                                        "%u children", n), n);

  adw_action_row_set_subtitle (row, text);
}

/**
 * pw_export_dialog_new:
 * @child: (nullable): the child shown, offered first
 * @shown_ids: (nullable): the ids of the children in the list
 *
 * Returns: (transfer none): the dialog, transient for @parent; not yet shown
 */
PwExportDialog *
pw_export_dialog_new (GtkWindow  *parent,
                      PwCaseload *caseload,
                      PwChild    *child,
                      GArray     *shown_ids)
{
  PwExportDialog *self = g_object_new (PW_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = child != NULL ? pw_child_dup_display_name (child) : NULL;

  self->caseload = g_object_ref (caseload);
  self->child = child != NULL ? g_object_ref (child) : NULL;
  self->shown_ids = shown_ids != NULL ? g_array_ref (shown_ids)
                                      : g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_set_visible (GTK_WIDGET (self->child_row), child != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->shown_row), self->shown_ids->len > 0);
  if (name != NULL)
    adw_action_row_set_subtitle (self->child_row, name);
  set_count (self->shown_row, self->shown_ids->len);
  gtk_check_button_set_active (child != NULL ? self->child_check : self->all_check, TRUE);
  gtk_check_button_set_active (child != NULL ? self->pdf_check : self->xml_check, TRUE);
  update_controls (self);
  /* The keyboard starts on the choice made for the user, from where Enter
   * exports; left to itself it would start on Cancel. */
  gtk_widget_grab_focus (GTK_WIDGET (child != NULL ? self->child_row : self->all_row));
  return self;
}
