/* pw-child-watch.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

/**
 * PwChildWatchLoadFunc:
 * @caseload: the caseload to read
 * @child_id: the child whose records to read
 * @error: where to say why the records could not be read
 *
 * Reads what a view shows of one child.  Runs in a worker thread: it must
 * not touch widgets.
 *
 * Returns: (transfer full) (nullable): the records, %NULL with @error set
 *   if they could not be read
 */
typedef gpointer (*PwChildWatchLoadFunc) (PwCaseload  *caseload,
                                          gint64       child_id,
                                          GError     **error);

/**
 * PwChildWatchShowFunc:
 * @view: the view
 * @data: (transfer full) (nullable): what the load function read, or %NULL
 *   when there is nothing to show (no child, or a read failed)
 * @error: (nullable): why the read failed
 *
 * Shows what was read, in the main thread.
 */
typedef void (*PwChildWatchShowFunc) (GtkWidget    *view,
                                      gpointer      data,
                                      const GError *error);

#define PW_TYPE_CHILD_WATCH (pw_child_watch_get_type ())
G_DECLARE_FINAL_TYPE (PwChildWatch, pw_child_watch, PW, CHILD_WATCH, GObject)

PwChildWatch *pw_child_watch_new          (GtkWidget            *view,
                                           const char * const   *tables,
                                           PwChildWatchLoadFunc  load,
                                           PwChildWatchShowFunc  show,
                                           GDestroyNotify        free_data);
PwCaseload   *pw_child_watch_get_caseload (PwChildWatch         *self);
gboolean      pw_child_watch_set_caseload (PwChildWatch         *self,
                                           PwCaseload           *caseload);
PwChild      *pw_child_watch_get_child    (PwChildWatch         *self);
gint64        pw_child_watch_get_child_id (PwChildWatch         *self);
gboolean      pw_child_watch_set_child    (PwChildWatch         *self,
                                           PwChild              *child);
gboolean      pw_child_watch_get_loading  (PwChildWatch         *self);
void          pw_child_watch_queue_reload (PwChildWatch         *self);

G_END_DECLS
