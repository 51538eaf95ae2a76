/* pw-start-page.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_START_PAGE (pw_start_page_get_type ())
G_DECLARE_FINAL_TYPE (PwStartPage, pw_start_page, PW, START_PAGE, AdwBin)

GtkWidget *pw_start_page_new (void);

G_END_DECLS
