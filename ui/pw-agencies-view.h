/* pw-agencies-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-child-view.h"

G_BEGIN_DECLS

#define PW_TYPE_AGENCIES_VIEW (pw_agencies_view_get_type ())
G_DECLARE_FINAL_TYPE (PwAgenciesView, pw_agencies_view, PW, AGENCIES_VIEW, PwChildView)

GtkWidget *pw_agencies_view_new (void);

G_END_DECLS
