/* pw-cycle-item-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-form-dialog.h"

G_BEGIN_DECLS

#define PW_TYPE_CYCLE_ITEM_DIALOG (pw_cycle_item_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwCycleItemDialog, pw_cycle_item_dialog, PW, CYCLE_ITEM_DIALOG,
                      PwFormDialog)

PwCycleItemDialog *pw_cycle_item_dialog_new             (GtkWindow         *parent,
                                                         PwCaseload        *caseload,
                                                         PwRecord          *record,
                                                         const char        *context);
AdwComboRow       *pw_cycle_item_dialog_get_outcome_row (PwCycleItemDialog *self);

G_END_DECLS
