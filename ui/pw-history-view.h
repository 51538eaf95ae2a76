/* pw-history-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-child-view.h"

G_BEGIN_DECLS

#define PW_TYPE_HISTORY_VIEW (pw_history_view_get_type ())
G_DECLARE_FINAL_TYPE (PwHistoryView, pw_history_view, PW, HISTORY_VIEW, PwChildView)

GtkWidget *pw_history_view_new (void);

G_END_DECLS
