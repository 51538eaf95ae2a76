/* pw-add-child-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-form-dialog.h"

G_BEGIN_DECLS

#define PW_TYPE_ADD_CHILD_DIALOG (pw_add_child_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwAddChildDialog, pw_add_child_dialog, PW, ADD_CHILD_DIALOG, PwFormDialog)

PwAddChildDialog *pw_add_child_dialog_new (GtkWindow  *parent,
                                           PwCaseload *caseload);

G_END_DECLS
