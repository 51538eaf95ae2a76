/* pw-record-form.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-record.h"

G_BEGIN_DECLS

#define PW_TYPE_RECORD_FORM (pw_record_form_get_type ())
G_DECLARE_FINAL_TYPE (PwRecordForm, pw_record_form, PW, RECORD_FORM, AdwBin)

GtkWidget  *pw_record_form_new            (PwRecord           *record,
                                           const char * const *fields);
PwRecord   *pw_record_form_get_record     (PwRecordForm       *self);
void        pw_record_form_add_section    (PwRecordForm       *self,
                                           const char         *title,
                                           const char * const *fields);
void        pw_record_form_set_ref_model  (PwRecordForm       *self,
                                           const char         *field,
                                           GListModel         *model);
GtkWidget  *pw_record_form_get_row        (PwRecordForm       *self,
                                           const char         *field);
gboolean    pw_record_form_focus_first    (PwRecordForm       *self);
gboolean    pw_record_form_apply          (PwRecordForm       *self,
                                           GError            **error);
void        pw_record_form_show_error     (PwRecordForm       *self,
                                           const GError       *error);

G_END_DECLS
