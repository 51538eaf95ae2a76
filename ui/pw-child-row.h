/* pw-child-row.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-entities.h"

G_BEGIN_DECLS

#define PW_TYPE_CHILD_ROW (pw_child_row_get_type ())
G_DECLARE_FINAL_TYPE (PwChildRow, pw_child_row, PW, CHILD_ROW, GtkWidget)

GtkWidget *pw_child_row_new        (void);
PwChild   *pw_child_row_get_record (PwChildRow *self);
void       pw_child_row_set_record (PwChildRow *self,
                                    PwChild    *child);

G_END_DECLS
