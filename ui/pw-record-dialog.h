/* pw-record-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-form-dialog.h"

G_BEGIN_DECLS

#define PW_TYPE_RECORD_DIALOG (pw_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwRecordDialog, pw_record_dialog, PW, RECORD_DIALOG, PwFormDialog)

PwRecordDialog *pw_record_dialog_new          (GtkWindow          *parent,
                                               PwCaseload         *caseload,
                                               PwRecord           *record,
                                               const char         *title,
                                               const char         *accept_label,
                                               const char * const *fields);
void            pw_record_dialog_set_subtitle (PwRecordDialog     *self,
                                               const char         *subtitle);

G_END_DECLS
