/* pw-child-page.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_CHILD_PAGE (pw_child_page_get_type ())

G_DECLARE_FINAL_TYPE (PwChildPage, pw_child_page, PW, CHILD_PAGE, AdwBin)

GtkWidget   *pw_child_page_new           (void);
PwCaseload  *pw_child_page_get_caseload  (PwChildPage  *self);
void         pw_child_page_set_caseload  (PwChildPage  *self,
                                          PwCaseload   *caseload);
PwChild     *pw_child_page_get_child     (PwChildPage  *self);
void         pw_child_page_set_child     (PwChildPage  *self,
                                          PwChild      *child);

G_END_DECLS
