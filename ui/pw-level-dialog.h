/* pw-level-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-form-dialog.h"

G_BEGIN_DECLS

#define PW_TYPE_LEVEL_DIALOG (pw_level_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwLevelDialog, pw_level_dialog, PW, LEVEL_DIALOG, PwFormDialog)

PwLevelDialog *pw_level_dialog_new             (GtkWindow     *parent,
                                                PwCaseload    *caseload,
                                                PwChild       *child);
AdwComboRow   *pw_level_dialog_get_level_row   (PwLevelDialog *self);
const char    *pw_level_dialog_get_level_error (PwLevelDialog *self);

G_END_DECLS
