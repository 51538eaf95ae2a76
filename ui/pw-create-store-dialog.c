/* pw-create-store-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog that makes a new encrypted store, in two steps.
 *
 * The form asks where to save the store and for its passphrase twice, and
 * says what is wrong next to the field rather than in another dialog.
 * Creating runs in a worker thread, since measuring this computer for the
 * key derivation and deriving the keys take a second or more.  The second
 * step shows the recovery key, once; the dialog only closes, and only hands
 * the unlocked store on through ::created, after the user says the key is
 * written down.
 */

#define G_LOG_DOMAIN "pw-create-store-dialog"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pw-create-store-dialog.h"
#include "pw-ui-util.h"

struct _PwCreateStoreDialog
{
  AdwWindow             parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  PwStore              *store;
  char                 *path;
  char                 *recovery_key;
  PwKdfCost             kdf_cost;
  gboolean              has_kdf_cost;
  gboolean              busy;
  gboolean              show_errors;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *cancel_button;
  GtkWidget            *create_button;
  GtkWidget            *done_button;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  GtkWidget            *form_page;
  AdwActionRow         *location_row;
  GtkLabel             *location_error;
  GtkWidget            *passphrase_row;
  GtkWidget            *confirm_row;
  GtkLevelBar          *strength_bar;
  GtkLabel             *strength_label;
  GtkLabel             *passphrase_error;
  GtkLabel             *recovery_key_label;
  GtkLabel             *recovery_error;
  GtkWidget            *copy_button;
};

G_DEFINE_FINAL_TYPE (PwCreateStoreDialog, pw_create_store_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char      *path;
  char      *passphrase;
  PwKdfCost  cost;
  gboolean   has_cost;
  double     seconds;
} CreateRequest;

typedef struct
{
  PwStore *store;
  char    *recovery_key;
} CreateResult;

static void
create_request_free (CreateRequest *request)
{
  g_free (request->path);
  pw_clear_secret (&request->passphrase);
  g_free (request);
}

static void
create_result_free (CreateResult *result)
{
  g_clear_object (&result->store);
  pw_clear_secret (&result->recovery_key);
  g_free (result);
}

static void
wipe_and_free (char *secret)
{
  pw_wipe_string (secret);
  g_free (secret);
}

/* Helpers ---------------------------------------------------------------------- */

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
mark_error (GtkWidget *widget,
            gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static const char *
get_text (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_busy (PwCreateStoreDialog *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;

  /* Focus leaves the form before it turns insensitive: a text field that
   * loses its sensitivity while focused is never told it lost the focus.
   * Whatever ends the wait puts the focus where the user goes next. */
  self->busy = busy;
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->form_page, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.cancel", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.choose-location", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_strength (PwCreateStoreDialog *self)
{
  const char *passphrase = get_text (self->passphrase_row);
  PwPassphraseStrength strength = pw_passphrase_strength (passphrase);
  gboolean empty = *passphrase == '\0';

  gtk_level_bar_set_value (self->strength_bar, empty ? 0 : (double) strength);
  gtk_label_set_text (self->strength_label,
                      empty ? "" : pw_passphrase_strength_to_string (strength));
}

/* Returns the row to fix first, or NULL if the passphrase can be used. */
static GtkWidget *
validate_passphrase (PwCreateStoreDialog *self)
{
  g_autofree char *problem = NULL;
  GtkWidget *row = NULL;
  guint min = pw_passphrase_min_length ();

  if (!pw_passphrase_long_enough (get_text (self->passphrase_row)))
    {
      problem = g_strdup_printf (ngettext ("The passphrase must be at least %u character long",
                                           "The passphrase must be at least %u characters long",
                                           min), min);
      row = self->passphrase_row;
    }
  else if (g_strcmp0 (get_text (self->passphrase_row), get_text (self->confirm_row)) != 0)
    {
      problem = g_strdup (_("The passphrases do not match"));
      row = self->confirm_row;
    }

  if (self->show_errors)
    {
      show_message (self->passphrase_error, problem);
      mark_error (self->passphrase_row, row == self->passphrase_row);
      mark_error (self->confirm_row, row == self->confirm_row);
    }

  return row;
}

static gboolean
validate_location (PwCreateStoreDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *problem = NULL;

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      name = g_filename_display_basename (self->path);
      problem = g_strdup_printf (_("A file called “%s” is already there. Choose another name."),
                                 name);
    }

  show_message (self->location_error, problem);

  return problem == NULL;
}

static char *
format_recovery_key (const char *key)
{
  char *display = g_strdup (key);
  guint n_dashes = 0;
  guint half;

  /* Two lines of groups read and copy out more easily than one long one. */
  for (const char *p = display; *p != '\0'; p++)
    n_dashes += *p == '-';
  half = (n_dashes + 1) / 2;
  for (char *p = display; *p != '\0' && half > 0; p++)
    if (*p == '-' && --half == 0)
      *p = '\n';

  return display;
}

static GBytes *
recovery_file_contents (PwCreateStoreDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%x");
  g_autofree char *store = g_filename_display_name (pw_store_get_path (self->store));
  char *text;

  text = g_strdup_printf (_("Pathway recovery key\n"
                            "\n"
                            "Store: %s\n"
                            "Created: %s\n"
                            "Recovery key: %s\n"
                            "\n"
                            "Anyone with this key and the store file can read the case records. "
                            "Keep it somewhere safe, away from the computer the store is on.\n"),
                          store, date, self->recovery_key);

  return g_bytes_new_with_free_func (text, strlen (text), (GDestroyNotify) wipe_and_free, text);
}

static void
show_recovery_step (PwCreateStoreDialog *self)
{
  g_autofree char *display = format_recovery_key (self->recovery_key);

  self->show_errors = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");

  gtk_label_set_text (self->recovery_key_label, display);
  gtk_stack_set_visible_child_name (self->stack, "recovery");
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->create_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.copy-key", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save-key", TRUE);
  gtk_widget_grab_focus (self->copy_button);
  gtk_label_select_region (self->recovery_key_label, 0, 0);
}

static void
show_create_error (PwCreateStoreDialog *self,
                   const GError        *error)
{
  g_autofree char *text = pw_store_error_to_text (error);

  if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID))
    {
      show_message (self->passphrase_error, text);
      mark_error (self->passphrase_row, TRUE);
      gtk_widget_grab_focus (self->passphrase_row);
    }
  else
    {
      show_message (self->location_error, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->location_row));
    }
}

static void
forget_chooser (PwCreateStoreDialog *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooserNative *chooser,
            const char           *name,
            const char           *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
}

static GtkFileChooserNative *
new_save_chooser (PwCreateStoreDialog *self,
                  const char          *title,
                  const char          *folder,
                  const char          *name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) start = NULL;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  start = g_file_new_for_path (g_file_test (folder, G_FILE_TEST_IS_DIR) ? folder
                                                                        : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  return chooser;
}

/* Creating the store ----------------------------------------------------------- */

static gboolean
make_store_folder (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = NULL;
  int saved_errno;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  display = g_filename_display_name (dir);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The folder “%s” could not be made: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static void
create_store_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CreateRequest *request = task_data;
  CreateResult *result;
  PwKdfCost cost = request->cost;
  gboolean has_cost = request->has_cost;
  GError *error = NULL;

  if (!make_store_folder (request->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Without a cost of its own, the core picks one; that is also the
   * fallback when not even the cheapest calibration could run. */
  if (!has_cost)
    has_cost = pw_kdf_cost_calibrate (request->seconds, &cost);

  result = g_new0 (CreateResult, 1);
  result->store = pw_store_create (request->path, request->passphrase,
                                   has_cost ? &cost : NULL, &result->recovery_key, &error);
  if (result->store == NULL)
    {
      create_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) create_result_free);
}

static void
on_create_done_cb (GObject      *object,
                   GAsyncResult *async_result,
                   gpointer      user_data)
{
  g_autoptr(PwCreateStoreDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CreateResult *result;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (result == NULL)
    {
      show_create_error (self, error);
      return;
    }

  g_settings_set_string (self->settings, "last-store", pw_store_get_path (result->store));
  self->store = g_steal_pointer (&result->store);
  self->recovery_key = g_steal_pointer (&result->recovery_key);
  create_result_free (result);

  show_recovery_step (self);
}

static void
start_create (PwCreateStoreDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *strength = g_settings_get_string (self->settings, "kdf-strength");
  CreateRequest *request = g_new0 (CreateRequest, 1);

  request->path = g_strdup (self->path);
  request->passphrase = g_strdup (get_text (self->passphrase_row));
  request->cost = self->kdf_cost;
  request->has_cost = self->has_kdf_cost;
  request->seconds = pw_kdf_strength_to_seconds (strength);

  set_busy (self, TRUE);

  /* The dialog is the callback's, not the task's: the worker thread may
   * drop the last reference to the task, and a window must not go with it. */
  task = g_task_new (NULL, self->cancellable, on_create_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_create);
  g_task_set_task_data (task, request, (GDestroyNotify) create_request_free);
  g_task_run_in_thread (task, create_store_thread);
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_passphrase_changed_cb (PwCreateStoreDialog *self)
{
  update_strength (self);
  if (self->show_errors)
    validate_passphrase (self);
}

static void
on_written_check_active_cb (PwCreateStoreDialog *self,
                            GParamSpec          *pspec,
                            GtkCheckButton      *check)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.done",
                                 gtk_check_button_get_active (check));
}

static void
on_location_chooser_response_cb (GtkNativeDialog     *native,
                                 int                  response,
                                 PwCreateStoreDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  forget_chooser (self);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_message (self->location_error, _("Choose a folder on this computer"));
      return;
    }
  if (!g_str_has_suffix (path, ".pathway"))
    {
      char *with_extension = g_strconcat (path, ".pathway", NULL);

      g_free (path);
      path = with_extension;
    }

  pw_create_store_dialog_set_path (self, path);
  if (self->show_errors)
    validate_location (self);
}

static void
on_key_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwCreateStoreDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self->recovery_error, error->message);
      return;
    }

  show_message (self->recovery_error, NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Recovery key saved")));
}

static void
on_key_chooser_response_cb (GtkNativeDialog     *native,
                            int                  response,
                            PwCreateStoreDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  forget_chooser (self);
  if (file == NULL || self->store == NULL)
    return;

  contents = recovery_file_contents (self);
  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, on_key_saved_cb, g_object_ref (self));
}

/* Actions ---------------------------------------------------------------------- */

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (widget);
  GtkWidget *row;

  self->show_errors = TRUE;
  row = validate_passphrase (self);
  if (!validate_location (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->location_row));
      return;
    }
  if (row != NULL)
    {
      gtk_widget_grab_focus (row);
      return;
    }

  start_create (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
choose_location_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (widget);
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *name = g_path_get_basename (self->path);

  if (self->chooser != NULL)
    return;

  self->chooser = new_save_chooser (self, _("Save New Store"), folder, name);
  add_filter (self->chooser, _("Pathway stores"), "*.pathway");
  g_signal_connect (self->chooser, "response",
                    G_CALLBACK (on_location_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (widget);

  g_return_if_fail (self->recovery_key != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->recovery_key);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Recovery key copied")));
}

static void
save_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (widget);
  const char *name;

  if (self->chooser != NULL || self->store == NULL)
    return;

  /* Translators: the suggested name of the file the recovery key is saved in. */
  name = _("Pathway recovery key.txt");
  self->chooser = new_save_chooser (self, _("Save Recovery Key"), g_get_home_dir (), name);
  add_filter (self->chooser, _("Text files"), "*.txt");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_key_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (widget);
  g_autoptr(PwStore) store = g_steal_pointer (&self->store);

  g_return_if_fail (store != NULL);

  pw_clear_secret (&self->recovery_key);
  g_signal_emit (self, signals[CREATED], 0, store);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject ---------------------------------------------------------------------- */

/* Neither half-way through creating, nor before the recovery key has been
 * acknowledged: by then the store exists, and the key is shown only once. */
static gboolean
pw_create_store_dialog_close_request (GtkWindow *window)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (window);

  if (self->busy || self->store != NULL)
    return TRUE;

  return GTK_WINDOW_CLASS (pw_create_store_dialog_parent_class)->close_request (window);
}

static void
pw_create_store_dialog_dispose (GObject *object)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  forget_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CREATE_STORE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_create_store_dialog_parent_class)->dispose (object);
}

static void
pw_create_store_dialog_finalize (GObject *object)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (object);

  pw_clear_secret (&self->recovery_key);
  g_free (self->path);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pw_create_store_dialog_parent_class)->finalize (object);
}

static void
pw_create_store_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_create_store_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PwCreateStoreDialog *self = PW_CREATE_STORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      pw_create_store_dialog_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_create_store_dialog_class_init (PwCreateStoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pw_create_store_dialog_dispose;
  object_class->finalize = pw_create_store_dialog_finalize;
  object_class->get_property = pw_create_store_dialog_get_property;
  object_class->set_property = pw_create_store_dialog_set_property;

  window_class->close_request = pw_create_store_dialog_close_request;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwCreateStoreDialog::created:
   * @store: the new store, unlocked
   *
   * Emitted once the user has acknowledged the recovery key.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PW_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-create-store-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, location_error);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, passphrase_error);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, recovery_key_label);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, recovery_error);
  gtk_widget_class_bind_template_child (widget_class, PwCreateStoreDialog, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_written_check_active_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-location", NULL,
                                   choose_location_action);
  gtk_widget_class_install_action (widget_class, "dialog.copy-key", NULL, copy_key_action);
  gtk_widget_class_install_action (widget_class, "dialog.save-key", NULL, save_key_action);
  gtk_widget_class_install_action (widget_class, "dialog.done", NULL, done_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
pw_create_store_dialog_init (PwCreateStoreDialog *self)
{
  g_autofree char *path = pw_default_store_path ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->location_row), FALSE);
  pw_create_store_dialog_set_path (self, path);
  update_strength (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.copy-key", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save-key", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.done", FALSE);
  gtk_widget_grab_focus (self->passphrase_row);
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_create_store_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwCreateStoreDialog *
pw_create_store_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PW_TYPE_CREATE_STORE_DIALOG,
                       "transient-for", parent,
                       NULL);
}

const char *
pw_create_store_dialog_get_path (PwCreateStoreDialog *self)
{
  g_return_val_if_fail (PW_IS_CREATE_STORE_DIALOG (self), NULL);

  return self->path;
}

/**
 * pw_create_store_dialog_set_path:
 * @path: where to create the store; its folder is made if needed
 */
void
pw_create_store_dialog_set_path (PwCreateStoreDialog *self,
                                 const char          *path)
{
  g_autofree char *display = NULL;

  g_return_if_fail (PW_IS_CREATE_STORE_DIALOG (self));
  g_return_if_fail (path != NULL && g_path_is_absolute (path));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->location_row, display);
  show_message (self->location_error, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/**
 * pw_create_store_dialog_set_kdf_cost:
 * @cost: (nullable): the key-derivation cost for the passphrase, or %NULL
 *   to measure this computer against the `kdf-strength` setting
 */
void
pw_create_store_dialog_set_kdf_cost (PwCreateStoreDialog *self,
                                     const PwKdfCost     *cost)
{
  g_return_if_fail (PW_IS_CREATE_STORE_DIALOG (self));

  self->has_kdf_cost = cost != NULL;
  if (cost != NULL)
    self->kdf_cost = *cost;
}

gboolean
pw_create_store_dialog_get_busy (PwCreateStoreDialog *self)
{
  g_return_val_if_fail (PW_IS_CREATE_STORE_DIALOG (self), FALSE);

  return self->busy;
}
