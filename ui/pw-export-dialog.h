/* pw-export-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

#define PW_TYPE_EXPORT_DIALOG (pw_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PwExportDialog, pw_export_dialog, PW, EXPORT_DIALOG, AdwWindow)

PwExportDialog  *pw_export_dialog_new           (GtkWindow       *parent,
                                                 PwCaseload      *caseload,
                                                 PwChild         *child,
                                                 GArray          *shown_ids);
void             pw_export_dialog_export_to     (PwExportDialog  *self,
                                                 GFile           *file);
gboolean         pw_export_dialog_set_key_file  (PwExportDialog  *self,
                                                 GFile           *file,
                                                 GError         **error);

G_END_DECLS
