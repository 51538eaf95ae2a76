/* pw-cycle-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"
#include "pw-record-form.h"

G_BEGIN_DECLS

#define PW_TYPE_CYCLE_VIEW (pw_cycle_view_get_type ())
G_DECLARE_FINAL_TYPE (PwCycleView, pw_cycle_view, PW, CYCLE_VIEW, AdwBin)

GtkWidget    *pw_cycle_view_new          (void);
PwCaseload   *pw_cycle_view_get_caseload (PwCycleView *self);
void          pw_cycle_view_set_caseload (PwCycleView *self,
                                          PwCaseload  *caseload);
PwChild      *pw_cycle_view_get_child    (PwCycleView *self);
void          pw_cycle_view_set_child    (PwCycleView *self,
                                          PwChild     *child);
PwCycle      *pw_cycle_view_get_cycle    (PwCycleView *self);
PwRecordForm *pw_cycle_view_get_form     (PwCycleView *self);

G_END_DECLS
