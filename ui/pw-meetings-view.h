/* pw-meetings-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-child-view.h"

G_BEGIN_DECLS

#define PW_TYPE_MEETINGS_VIEW (pw_meetings_view_get_type ())
G_DECLARE_FINAL_TYPE (PwMeetingsView, pw_meetings_view, PW, MEETINGS_VIEW, PwChildView)

GtkWidget *pw_meetings_view_new (void);

G_END_DECLS
