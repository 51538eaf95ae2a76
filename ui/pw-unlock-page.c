/* pw-unlock-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Asks for the passphrase, or the recovery key, of one store file and
 * unlocks it in a worker thread: the key derivation is slow on purpose.
 * What went wrong is said under the field, and focus goes back to the
 * field with its text selected so that it can be typed again at once.
 * The unlocked store leaves through ::unlocked; the page never keeps it.
 */

#define G_LOG_DOMAIN "pw-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store.h"
#include "pw-ui-util.h"
#include "pw-unlock-page.h"

struct _PwUnlockPage
{
  AdwBin          parent_instance;

  GCancellable   *cancellable;
  char           *path;
  gboolean        use_recovery_key;
  gboolean        busy;

  AdwStatusPage  *status_page;
  GtkWidget      *entry_group;
  GtkWidget      *passphrase_row;
  GtkWidget      *recovery_row;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  GtkButton      *method_button;
  GtkWidget      *other_store_box;
};

G_DEFINE_FINAL_TYPE (PwUnlockPage, pw_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATH,
  PROP_USE_RECOVERY_KEY,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char     *path;
  char     *secret;
  gboolean  use_recovery_key;
} UnlockRequest;

static void
unlock_request_free (UnlockRequest *request)
{
  g_free (request->path);
  pw_clear_secret (&request->secret);
  g_free (request);
}

/* Helpers ---------------------------------------------------------------------- */

static GtkWidget *
active_row (PwUnlockPage *self)
{
  return self->use_recovery_key ? self->recovery_row : self->passphrase_row;
}

static const char *
active_text (PwUnlockPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (active_row (self)));
}

static void
show_error (PwUnlockPage *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (active_row (self), "error");
  else
    gtk_widget_remove_css_class (active_row (self), "error");
}

static void
update_unlock_enabled (PwUnlockPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock",
                                 !self->busy && self->path != NULL && *active_text (self) != '\0');
}

static void
set_busy (PwUnlockPage *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  /* Focus leaves the field before it turns insensitive: a text field that
   * loses its sensitivity while focused is never told it lost the focus.
   * A failed attempt gives the focus back to the field. */
  self->busy = busy;
  if (busy && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->entry_group, !busy);
  gtk_widget_set_sensitive (self->other_store_box, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.toggle-recovery-key", !busy);
  update_unlock_enabled (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_method (PwUnlockPage *self)
{
  gtk_widget_set_visible (self->passphrase_row, !self->use_recovery_key);
  gtk_widget_set_visible (self->recovery_row, self->use_recovery_key);

  if (self->use_recovery_key)
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter the recovery key you wrote down when the "
                                         "store was created"));
      gtk_button_set_label (self->method_button, _("Use the _passphrase instead"));
    }
  else
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter the passphrase to open the case records"));
      gtk_button_set_label (self->method_button, _("Use the _recovery key instead"));
    }
}

static char *
unlock_error_text (PwUnlockPage *self,
                   const GError *error)
{
  if (self->use_recovery_key)
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY))
        return g_strdup (_("This recovery key does not open this store"));
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID))
        return g_strdup (_("This is not a recovery key. Check it for typing errors."));
    }

  return pw_store_error_to_text (error);
}

static void
focus_entry (PwUnlockPage *self)
{
  GtkWidget *row = active_row (self);

  gtk_widget_grab_focus (row);
  gtk_editable_select_region (GTK_EDITABLE (row), 0, -1);
}

/* Unlocking -------------------------------------------------------------------- */

/* A fresh store object for every attempt: it belongs to this thread alone
 * until it is handed back unlocked, so nothing on the main thread ever sees
 * its notifications from here. */
static void
unlock_store_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  UnlockRequest *request = task_data;
  g_autoptr(PwStore) store = NULL;
  GError *error = NULL;
  gboolean unlocked = FALSE;

  store = pw_store_open (request->path, &error);
  if (store != NULL && request->use_recovery_key)
    unlocked = pw_store_unlock_with_recovery (store, request->secret, &error);
  else if (store != NULL)
    unlocked = pw_store_unlock (store, request->secret, &error);

  if (!unlocked)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
on_unlock_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PwUnlockPage) self = user_data;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (store == NULL)
    {
      message = unlock_error_text (self, error);
      show_error (self, message);
      focus_entry (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  g_signal_emit (self, signals[UNLOCKED], 0, store);
}

static void
start_unlock (PwUnlockPage *self)
{
  g_autoptr(GTask) task = NULL;
  UnlockRequest *request = g_new0 (UnlockRequest, 1);

  request->path = g_strdup (self->path);
  request->secret = g_strdup (active_text (self));
  request->use_recovery_key = self->use_recovery_key;

  show_error (self, NULL);
  set_busy (self, TRUE);

  /* The page is the callback's, not the task's: the worker thread may drop
   * the last reference to the task, and a widget must not go with it. */
  task = g_task_new (NULL, self->cancellable, on_unlock_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_unlock);
  g_task_set_task_data (task, request, (GDestroyNotify) unlock_request_free);
  g_task_run_in_thread (task, unlock_store_thread);
}

/* Callbacks and actions -------------------------------------------------------- */

static void
on_entry_changed_cb (PwUnlockPage *self)
{
  if (!self->busy)
    show_error (self, NULL);
  update_unlock_enabled (self);
}

static void
on_entry_activated_cb (PwUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.unlock", NULL);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (widget);

  if (self->busy || self->path == NULL || *active_text (self) == '\0')
    return;

  start_unlock (self);
}

static void
toggle_recovery_key_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (widget);

  pw_unlock_page_set_use_recovery_key (self, !self->use_recovery_key);
  focus_entry (self);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_unlock_page_dispose (GObject *object)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The status page is both the bin's child and a template child: let the
   * bin drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (pw_unlock_page_parent_class)->dispose (object);
}

static void
pw_unlock_page_finalize (GObject *object)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (object);

  g_free (self->path);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pw_unlock_page_parent_class)->finalize (object);
}

static void
pw_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_USE_RECOVERY_KEY:
      g_value_set_boolean (value, self->use_recovery_key);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwUnlockPage *self = PW_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      pw_unlock_page_set_path (self, g_value_get_string (value));
      break;
    case PROP_USE_RECOVERY_KEY:
      pw_unlock_page_set_use_recovery_key (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_unlock_page_class_init (PwUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_unlock_page_dispose;
  object_class->finalize = pw_unlock_page_finalize;
  object_class->get_property = pw_unlock_page_get_property;
  object_class->set_property = pw_unlock_page_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USE_RECOVERY_KEY] =
    g_param_spec_boolean ("use-recovery-key", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwUnlockPage::unlocked:
   * @store: the store, unlocked
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PW_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, entry_group);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, method_button);
  gtk_widget_class_bind_template_child (widget_class, PwUnlockPage, other_store_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "unlock.toggle-recovery-key", NULL,
                                   toggle_recovery_key_action);
}

static void
pw_unlock_page_init (PwUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_method (self);
  update_unlock_enabled (self);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_unlock_page_new (void)
{
  return g_object_new (PW_TYPE_UNLOCK_PAGE, NULL);
}

const char *
pw_unlock_page_get_path (PwUnlockPage *self)
{
  g_return_val_if_fail (PW_IS_UNLOCK_PAGE (self), NULL);

  return self->path;
}

/**
 * pw_unlock_page_set_path:
 * @path: (nullable): the store file to unlock
 *
 * Shows the file's name as the title.  Nothing is read until the user
 * asks to unlock.
 */
void
pw_unlock_page_set_path (PwUnlockPage *self,
                         const char   *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PW_IS_UNLOCK_PAGE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  name = path != NULL ? g_filename_display_basename (path) : NULL;
  adw_status_page_set_title (self->status_page, name);
  show_error (self, NULL);
  update_unlock_enabled (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
pw_unlock_page_get_use_recovery_key (PwUnlockPage *self)
{
  g_return_val_if_fail (PW_IS_UNLOCK_PAGE (self), FALSE);

  return self->use_recovery_key;
}

void
pw_unlock_page_set_use_recovery_key (PwUnlockPage *self,
                                     gboolean      use_recovery_key)
{
  g_return_if_fail (PW_IS_UNLOCK_PAGE (self));

  use_recovery_key = !!use_recovery_key;
  if (self->use_recovery_key == use_recovery_key)
    return;

  show_error (self, NULL);
  self->use_recovery_key = use_recovery_key;
  update_method (self);
  update_unlock_enabled (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_RECOVERY_KEY]);
}

gboolean
pw_unlock_page_get_busy (PwUnlockPage *self)
{
  g_return_val_if_fail (PW_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * pw_unlock_page_reset:
 *
 * Empties both fields, forgets any message, goes back to the passphrase and
 * gives it the keyboard focus: how the page looks after the store locks.
 */
void
pw_unlock_page_reset (PwUnlockPage *self)
{
  g_return_if_fail (PW_IS_UNLOCK_PAGE (self));

  pw_unlock_page_set_use_recovery_key (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  show_error (self, NULL);
  gtk_widget_grab_focus (self->passphrase_row);
}
