/* pw-child-overview.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_CHILD_OVERVIEW (pw_child_overview_get_type ())
G_DECLARE_FINAL_TYPE (PwChildOverview, pw_child_overview, PW, CHILD_OVERVIEW, AdwBin)

GtkWidget  *pw_child_overview_new          (void);
PwCaseload *pw_child_overview_get_caseload (PwChildOverview *self);
void        pw_child_overview_set_caseload (PwChildOverview *self,
                                            PwCaseload      *caseload);
PwChild    *pw_child_overview_get_record   (PwChildOverview *self);
void        pw_child_overview_set_record   (PwChildOverview *self,
                                            PwChild         *child);
AdwToast   *pw_child_overview_archive      (PwChildOverview *self,
                                            gboolean         archived,
                                            GError         **error);

G_END_DECLS
