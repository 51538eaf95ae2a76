/* pw-chronology-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_CHRONOLOGY_VIEW (pw_chronology_view_get_type ())
G_DECLARE_FINAL_TYPE (PwChronologyView, pw_chronology_view, PW, CHRONOLOGY_VIEW, AdwBin)

GtkWidget  *pw_chronology_view_new          (void);
PwCaseload *pw_chronology_view_get_caseload (PwChronologyView *self);
void        pw_chronology_view_set_caseload (PwChronologyView *self,
                                             PwCaseload       *caseload);
PwChild    *pw_chronology_view_get_child    (PwChronologyView *self);
void        pw_chronology_view_set_child    (PwChronologyView *self,
                                             PwChild          *child);

G_END_DECLS
