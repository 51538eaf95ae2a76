/* pw-dashboard.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_DASHBOARD (pw_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (PwDashboard, pw_dashboard, PW, DASHBOARD, AdwBin)

GtkWidget  *pw_dashboard_new          (void);
PwCaseload *pw_dashboard_get_caseload (PwDashboard *self);
void        pw_dashboard_set_caseload (PwDashboard *self,
                                       PwCaseload  *caseload);
gboolean    pw_dashboard_get_loading  (PwDashboard *self);

G_END_DECLS
