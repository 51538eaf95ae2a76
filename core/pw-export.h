/* pw-export.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-caseload.h"
#include "pw-case-validator.h"

G_BEGIN_DECLS

typedef enum
{
  PW_EXPORT_CASELOAD,    /* every child (not archived, unless asked) */
  PW_EXPORT_SELECTION,   /* children chosen by level, UPN or by hand */
  PW_EXPORT_CHILD,       /* one child: the case summary for a meeting */
} PwExportKind;

typedef struct _PwExportScope PwExportScope;

PwExportScope  *pw_export_scope_new_all       (gboolean         include_archived);
PwExportScope  *pw_export_scope_new_levels    (const guint     *levels,
                                               guint            n_levels,
                                               gboolean         include_archived);
PwExportScope  *pw_export_scope_new_children  (const gint64    *child_ids,
                                               guint            n_children);
PwExportScope  *pw_export_scope_parse         (const char      *text,
                                               gboolean         include_archived,
                                               GError         **error);
void            pw_export_scope_free          (PwExportScope   *scope);

gboolean        pw_export_write               (PwCaseload      *caseload,
                                               PwExportScope   *scope,
                                               GOutputStream   *out,
                                               guint           *n_children,
                                               GError         **error);
gboolean        pw_export_to_file             (PwCaseload      *caseload,
                                               PwExportScope   *scope,
                                               const char      *path,
                                               const guint8    *recipient_key,
                                               guint           *n_children,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwExportScope, pw_export_scope_free)

G_END_DECLS
