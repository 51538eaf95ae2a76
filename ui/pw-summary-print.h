/* pw-summary-print.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

GtkPrintOperation  *pw_summary_print_operation_new  (PwCaseload   *caseload,
                                                     gint64        child_id,
                                                     GError      **error);

G_END_DECLS
