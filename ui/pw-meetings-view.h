/* pw-meetings-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_MEETINGS_VIEW (pw_meetings_view_get_type ())
G_DECLARE_FINAL_TYPE (PwMeetingsView, pw_meetings_view, PW, MEETINGS_VIEW, AdwBin)

GtkWidget  *pw_meetings_view_new          (void);
PwCaseload *pw_meetings_view_get_caseload (PwMeetingsView *self);
void        pw_meetings_view_set_caseload (PwMeetingsView *self,
                                           PwCaseload     *caseload);
PwChild    *pw_meetings_view_get_child    (PwMeetingsView *self);
void        pw_meetings_view_set_child    (PwMeetingsView *self,
                                           PwChild        *child);

G_END_DECLS
