/* pw-window.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-screen-lock-monitor.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())
G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow            *pw_window_new                     (AdwApplication *application);
void                 pw_window_add_toast               (PwWindow       *self,
                                                        AdwToast       *toast);
PwStore             *pw_window_get_store               (PwWindow       *self);
void                 pw_window_set_store               (PwWindow       *self,
                                                        PwStore        *store);
void                 pw_window_open_store_file         (PwWindow       *self,
                                                        GFile          *file);
void                 pw_window_lock                    (PwWindow       *self);
PwScreenLockMonitor *pw_window_get_screen_lock_monitor (PwWindow       *self);
guint                pw_window_get_idle_lock_seconds   (PwWindow       *self);
void                 pw_window_set_idle_lock_seconds   (PwWindow       *self,
                                                        guint           seconds);

G_END_DECLS
