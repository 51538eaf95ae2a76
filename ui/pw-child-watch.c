/* pw-child-watch.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwChildWatch: reads a view's records of one child, and reads them again
 * when they change.
 *
 * The views of the child page (history, agencies, meetings, chronology)
 * each show a few kinds of record of one child.  The watch follows the
 * caseload's "changed" signal and reads again when a write touched those
 * kinds of record for that child, or for several children at once.  The
 * view gives a load function, run in a worker thread so that a child with
 * hundreds of records never stalls the window, and a show function, run in
 * the main thread with what was read.
 *
 * A view that is not on screen is read only when it is shown, so moving
 * from child to child reads only the view in front; several writes in a row
 * are read once, from an idle.  Another child, or none, takes the previous
 * child's records off the view at once (the show function gets %NULL), and
 * :loading says that the new ones are on their way; a read that another has
 * overtaken is dropped.
 */

#define G_LOG_DOMAIN "pw-child-watch"

#include "config.h"

#include "pw-child-watch.h"

struct _PwChildWatch
{
  GObject               parent_instance;

  GtkWidget            *view;          /* not owned: the view owns the watch */
  GStrv                 tables;        /* NULL for every kind of record */
  PwChildWatchLoadFunc  load;
  PwChildWatchShowFunc  show;
  GDestroyNotify        free_data;

  PwCaseload           *caseload;
  PwChild              *child;
  GCancellable         *cancellable;   /* of the read in progress */
  guint                 idle_id;
  gboolean              stale;         /* the view does not show the latest records */
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (PwChildWatch, pw_child_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A read in a worker thread; it refers to the watch weakly, since the view
 * may go while it runs. */
typedef struct
{
  GWeakRef              watch;
  PwCaseload           *caseload;
  gint64                child_id;
  PwChildWatchLoadFunc  load;
  GDestroyNotify        free_data;
  gpointer              data;
  gint64                started;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_weak_ref_clear (&read->watch);
  g_clear_object (&read->caseload);
  if (read->data != NULL)
    read->free_data (read->data);
  g_free (read);
}

static gboolean
has_child (PwChildWatch *self)
{
  return self->child != NULL && self->caseload != NULL;
}

static void
update_loading (PwChildWatch *self)
{
  gboolean loading = has_child (self) && (self->stale || self->cancellable != NULL);

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_read (PwChildWatch *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Reading ----------------------------------------------------------------------- */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  GError *error = NULL;

  read->data = read->load (read->caseload, read->child_id, &error);
  if (read->data == NULL && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_read_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Read *read = g_task_get_task_data (task);
  g_autoptr(PwChildWatch) self = g_weak_ref_get (&read->watch);
  g_autoptr(GError) error = NULL;
  gint64 read_at = g_get_monotonic_time ();

  /* Let go of the caseload here, so that it is never finalized in the
   * worker thread. */
  g_clear_object (&read->caseload);
  if (self == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  g_task_propagate_boolean (task, &error);
  g_clear_object (&self->cancellable);
  update_loading (self);
  self->show (self->view, g_steal_pointer (&read->data), error);
  g_debug ("%s: read in %.1f ms, shown in %.1f ms", G_OBJECT_TYPE_NAME (self->view),
           (read_at - read->started) / 1000.0, (g_get_monotonic_time () - read_at) / 1000.0);
}

static void
start_read (PwChildWatch *self)
{
  g_autoptr(GTask) task = NULL;
  Read *read = g_new0 (Read, 1);

  cancel_read (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->stale = FALSE;
  self->cancellable = g_cancellable_new ();
  g_weak_ref_init (&read->watch, self);
  read->caseload = g_object_ref (self->caseload);
  read->child_id = pw_child_watch_get_child_id (self);
  read->load = self->load;
  read->free_data = self->free_data;
  read->started = g_get_monotonic_time ();

  task = g_task_new (NULL, self->cancellable, on_read_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, read, read_free);
  update_loading (self);
  g_task_run_in_thread (task, read_thread);
}

static void
on_idle_cb (gpointer data)
{
  PwChildWatch *self = data;

  self->idle_id = 0;
  if (self->stale && has_child (self) && gtk_widget_get_mapped (self->view))
    start_read (self);
}

/* Reads soon if the view is on screen; otherwise it reads when shown. */
static void
read_if_shown (PwChildWatch *self)
{
  if (self->stale && has_child (self) && gtk_widget_get_mapped (self->view) &&
      self->idle_id == 0)
    self->idle_id = g_idle_add_once (on_idle_cb, self);
}

static void
on_view_map_cb (PwChildWatch *self)
{
  if (self->stale && has_child (self))
    start_read (self);
}

/* Another child, or none: nothing of the previous one stays on screen. */
static void
reset (PwChildWatch *self)
{
  cancel_read (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->stale = TRUE;
  update_loading (self);
  self->show (self->view, NULL, NULL);
  read_if_shown (self);
}

static gboolean
watches_table (PwChildWatch *self,
               const char   *table)
{
  return self->tables == NULL || table == NULL ||
         g_strv_contains ((const char * const *) self->tables, table);
}

static void
on_caseload_changed_cb (PwChildWatch *self,
                        const char   *table,
                        gint64        child_id,
                        PwCaseload   *caseload)
{
  if (self->child == NULL || !watches_table (self, table))
    return;
  if (child_id == 0 || child_id == pw_child_watch_get_child_id (self))
    pw_child_watch_queue_reload (self);
}

/* GObject ----------------------------------------------------------------------- */

static void
pw_child_watch_dispose (GObject *object)
{
  PwChildWatch *self = PW_CHILD_WATCH (object);

  cancel_read (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_clear_object (&self->caseload);
  g_clear_object (&self->child);

  G_OBJECT_CLASS (pw_child_watch_parent_class)->dispose (object);
}

static void
pw_child_watch_finalize (GObject *object)
{
  PwChildWatch *self = PW_CHILD_WATCH (object);

  g_strfreev (self->tables);

  G_OBJECT_CLASS (pw_child_watch_parent_class)->finalize (object);
}

static void
pw_child_watch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwChildWatch *self = PW_CHILD_WATCH (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_watch_class_init (PwChildWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_child_watch_dispose;
  object_class->finalize = pw_child_watch_finalize;
  object_class->get_property = pw_child_watch_get_property;

  /**
   * PwChildWatch:loading:
   *
   * Whether the child's records are being read, or will be once the view
   * is shown: the view does not show them yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_child_watch_init (PwChildWatch *self)
{
}

/* Public API -------------------------------------------------------------------- */

/**
 * pw_child_watch_new:
 * @view: the view to fill; it owns the watch
 * @tables: (nullable) (array zero-terminated=1): the kinds of record the
 *   view shows, or %NULL for all
 * @load: reads the view's records, in a worker thread
 * @show: shows them, in the main thread
 * @free_data: frees what @load returned, if it is not shown
 *
 * Returns: (transfer full): a new watch
 */
PwChildWatch *
pw_child_watch_new (GtkWidget            *view,
                    const char * const   *tables,
                    PwChildWatchLoadFunc  load,
                    PwChildWatchShowFunc  show,
                    GDestroyNotify        free_data)
{
  PwChildWatch *self;

  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);
  g_return_val_if_fail (load != NULL && show != NULL && free_data != NULL, NULL);

  self = g_object_new (PW_TYPE_CHILD_WATCH, NULL);
  self->view = view;
  self->tables = g_strdupv ((char **) tables);
  self->load = load;
  self->show = show;
  self->free_data = free_data;
  g_signal_connect_object (view, "map", G_CALLBACK (on_view_map_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * pw_child_watch_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload the child belongs to
 */
PwCaseload *
pw_child_watch_get_caseload (PwChildWatch *self)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), NULL);

  return self->caseload;
}

/**
 * pw_child_watch_set_caseload:
 * @caseload: (nullable): the open caseload, or %NULL once it is closed
 *
 * Without a caseload there is no child either.
 *
 * Returns: whether the caseload changed
 */
gboolean
pw_child_watch_set_caseload (PwChildWatch *self,
                             PwCaseload   *caseload)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), FALSE);
  g_return_val_if_fail (caseload == NULL || PW_IS_CASELOAD (caseload), FALSE);

  if (self->caseload == caseload)
    return FALSE;
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_set_object (&self->caseload, caseload);
  if (caseload != NULL)
    g_signal_connect_object (caseload, "changed", G_CALLBACK (on_caseload_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else
    g_clear_object (&self->child);
  reset (self);
  return TRUE;
}

/**
 * pw_child_watch_get_child:
 *
 * Returns: (transfer none) (nullable): the child whose records are shown
 */
PwChild *
pw_child_watch_get_child (PwChildWatch *self)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), NULL);

  return self->child;
}

gint64
pw_child_watch_get_child_id (PwChildWatch *self)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), 0);

  return self->child != NULL ? pw_record_get_id (PW_RECORD (self->child)) : 0;
}

/**
 * pw_child_watch_set_child:
 * @child: (nullable): the child to show
 *
 * Returns: whether the child changed
 */
gboolean
pw_child_watch_set_child (PwChildWatch *self,
                          PwChild      *child)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), FALSE);
  g_return_val_if_fail (child == NULL || PW_IS_CHILD (child), FALSE);

  if (!g_set_object (&self->child, child))
    return FALSE;
  reset (self);
  return TRUE;
}

gboolean
pw_child_watch_get_loading (PwChildWatch *self)
{
  g_return_val_if_fail (PW_IS_CHILD_WATCH (self), FALSE);

  return self->loading;
}

/**
 * pw_child_watch_queue_reload:
 *
 * Reads the child's records again, keeping what is shown until they come:
 * soon if the view is on screen, otherwise when it is shown.
 */
void
pw_child_watch_queue_reload (PwChildWatch *self)
{
  g_return_if_fail (PW_IS_CHILD_WATCH (self));

  if (!has_child (self))
    return;
  self->stale = TRUE;
  update_loading (self);
  read_if_shown (self);
}
