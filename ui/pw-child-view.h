/* pw-child-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"
#include "pw-child-watch.h"

G_BEGIN_DECLS

#define PW_TYPE_CHILD_VIEW (pw_child_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (PwChildView, pw_child_view, PW, CHILD_VIEW, AdwBin)

/**
 * PwChildViewClass:
 * @tables: (array zero-terminated=1) (nullable): the kinds of record the
 *   view shows, or %NULL for all
 * @load: reads what the view shows of one child, in a worker thread
 * @show: shows what @load read, in the main thread
 * @free_data: frees what @load returned, if it is not shown
 *
 * A subclass sets all four in its class_init.
 */
struct _PwChildViewClass
{
  AdwBinClass           parent_class;

  const char * const   *tables;
  PwChildWatchLoadFunc  load;
  PwChildWatchShowFunc  show;
  GDestroyNotify        free_data;
};

PwCaseload *pw_child_view_get_caseload (PwChildView *self);
void        pw_child_view_set_caseload (PwChildView *self,
                                        PwCaseload  *caseload);
PwChild    *pw_child_view_get_child    (PwChildView *self);
gint64      pw_child_view_get_child_id (PwChildView *self);
void        pw_child_view_set_child    (PwChildView *self,
                                        PwChild     *child);
gboolean    pw_child_view_get_loading  (PwChildView *self);

G_END_DECLS
