/* pw-screen-lock-monitor.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_TYPE_SCREEN_LOCK_MONITOR (pw_screen_lock_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PwScreenLockMonitor, pw_screen_lock_monitor, PW, SCREEN_LOCK_MONITOR, GObject)

PwScreenLockMonitor *pw_screen_lock_monitor_new       (void);
gboolean             pw_screen_lock_monitor_get_ready (PwScreenLockMonitor *self);

G_END_DECLS
