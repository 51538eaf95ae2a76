/* pw-unlock-page.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_UNLOCK_PAGE (pw_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (PwUnlockPage, pw_unlock_page, PW, UNLOCK_PAGE, AdwBin)

GtkWidget  *pw_unlock_page_new                      (void);
const char *pw_unlock_page_get_path                 (PwUnlockPage *self);
void        pw_unlock_page_set_path                 (PwUnlockPage *self,
                                                     const char   *path);
gboolean    pw_unlock_page_get_use_recovery_key     (PwUnlockPage *self);
void        pw_unlock_page_set_use_recovery_key     (PwUnlockPage *self,
                                                     gboolean      use_recovery_key);
gboolean    pw_unlock_page_get_busy                 (PwUnlockPage *self);
void        pw_unlock_page_reset                    (PwUnlockPage *self);

G_END_DECLS
