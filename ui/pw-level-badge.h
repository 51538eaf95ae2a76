/* pw-level-badge.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_LEVEL_BADGE (pw_level_badge_get_type ())
G_DECLARE_FINAL_TYPE (PwLevelBadge, pw_level_badge, PW, LEVEL_BADGE, GtkWidget)

GtkWidget  *pw_level_badge_new       (void);
int         pw_level_badge_get_level (PwLevelBadge *self);
void        pw_level_badge_set_level (PwLevelBadge *self,
                                      int           level);
const char *pw_level_badge_get_text  (PwLevelBadge *self);

G_END_DECLS
