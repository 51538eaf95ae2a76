/* pw-history-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_HISTORY_VIEW (pw_history_view_get_type ())
G_DECLARE_FINAL_TYPE (PwHistoryView, pw_history_view, PW, HISTORY_VIEW, AdwBin)

GtkWidget  *pw_history_view_new          (void);
PwCaseload *pw_history_view_get_caseload (PwHistoryView *self);
void        pw_history_view_set_caseload (PwHistoryView *self,
                                          PwCaseload    *caseload);
PwChild    *pw_history_view_get_child    (PwHistoryView *self);
void        pw_history_view_set_child    (PwHistoryView *self,
                                          PwChild       *child);

G_END_DECLS
