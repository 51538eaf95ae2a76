/* pw-caseload-page.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CASELOAD_PAGE (pw_caseload_page_get_type ())
G_DECLARE_FINAL_TYPE (PwCaseloadPage, pw_caseload_page, PW, CASELOAD_PAGE, AdwBin)

GtkWidget  *pw_caseload_page_new          (void);
PwStore    *pw_caseload_page_get_store    (PwCaseloadPage *self);
void        pw_caseload_page_set_store    (PwCaseloadPage *self,
                                           PwStore        *store);
PwCaseload *pw_caseload_page_get_caseload (PwCaseloadPage *self);
gboolean    pw_caseload_page_select_child (PwCaseloadPage *self,
                                           gint64          child_id);

G_END_DECLS
