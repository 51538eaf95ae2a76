/* pw-form-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload.h"
#include "pw-record-form.h"

G_BEGIN_DECLS

#define PW_TYPE_FORM_DIALOG (pw_form_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (PwFormDialog, pw_form_dialog, PW, FORM_DIALOG, AdwWindow)

/**
 * PwFormDialogClass:
 * @check: reads the dialog into its record and checks it, showing at the
 *   rows what is wrong; %FALSE stops the save.  The default applies the form.
 * @save: writes the record; the default saves it through the caseload
 * @show_error: shows why @save failed; the default shows it on the form
 */
struct _PwFormDialogClass
{
  AdwWindowClass parent_class;

  gboolean (*check)      (PwFormDialog  *self);
  gboolean (*save)       (PwFormDialog  *self,
                          GError       **error);
  void     (*show_error) (PwFormDialog  *self,
                          const GError  *error);
};

PwCaseload   *pw_form_dialog_get_caseload (PwFormDialog *self);
PwChild      *pw_form_dialog_get_child    (PwFormDialog *self);
PwRecordForm *pw_form_dialog_get_form     (PwFormDialog *self);
void          pw_form_dialog_set_form     (PwFormDialog *self,
                                           PwRecordForm *form);
PwRecord     *pw_form_dialog_get_record   (PwFormDialog *self);

G_END_DECLS
