/* pw-contribution-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-form-dialog.h"

G_BEGIN_DECLS

#define PW_TYPE_CONTRIBUTION_DIALOG (pw_contribution_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwContributionDialog, pw_contribution_dialog, PW, CONTRIBUTION_DIALOG,
                      PwFormDialog)

PwContributionDialog *pw_contribution_dialog_new       (GtkWindow            *parent,
                                                        PwCaseload           *caseload,
                                                        PwChild              *child);
PwCycle              *pw_contribution_dialog_get_cycle (PwContributionDialog *self);

G_END_DECLS
