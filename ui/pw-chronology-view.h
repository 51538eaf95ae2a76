/* pw-chronology-view.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-child-view.h"

G_BEGIN_DECLS

#define PW_TYPE_CHRONOLOGY_VIEW (pw_chronology_view_get_type ())
G_DECLARE_FINAL_TYPE (PwChronologyView, pw_chronology_view, PW, CHRONOLOGY_VIEW, PwChildView)

GtkWidget *pw_chronology_view_new (void);

G_END_DECLS
