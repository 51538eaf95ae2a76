/* pw-create-store-dialog.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CREATE_STORE_DIALOG (pw_create_store_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwCreateStoreDialog, pw_create_store_dialog, PW, CREATE_STORE_DIALOG, AdwWindow)

PwCreateStoreDialog *pw_create_store_dialog_new          (GtkWindow           *parent);
const char          *pw_create_store_dialog_get_path     (PwCreateStoreDialog *self);
void                 pw_create_store_dialog_set_path     (PwCreateStoreDialog *self,
                                                          const char          *path);
void                 pw_create_store_dialog_set_kdf_cost (PwCreateStoreDialog *self,
                                                          const PwKdfCost     *cost);
gboolean             pw_create_store_dialog_get_busy     (PwCreateStoreDialog *self);

G_END_DECLS
