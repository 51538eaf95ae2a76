/* pw-demo.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

/* The most children one call adds: enough for any load test. */
#define PW_DEMO_MAX_CHILDREN 100000

gboolean pw_demo_fill (PwCaseload  *caseload,
                       guint        n_children,
                       guint32      seed,
                       GError     **error);

G_END_DECLS
