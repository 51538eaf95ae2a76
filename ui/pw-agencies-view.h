/* pw-agencies-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_AGENCIES_VIEW (pw_agencies_view_get_type ())
G_DECLARE_FINAL_TYPE (PwAgenciesView, pw_agencies_view, PW, AGENCIES_VIEW, AdwBin)

GtkWidget  *pw_agencies_view_new          (void);
PwCaseload *pw_agencies_view_get_caseload (PwAgenciesView *self);
void        pw_agencies_view_set_caseload (PwAgenciesView *self,
                                           PwCaseload     *caseload);
PwChild    *pw_agencies_view_get_child    (PwAgenciesView *self);
void        pw_agencies_view_set_child    (PwAgenciesView *self,
                                           PwChild        *child);

G_END_DECLS
