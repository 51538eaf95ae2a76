/* pw-audit.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define PW_AUDIT_KEY_BYTES 32

typedef struct
{
  const char *actor;
  const char *operation;
  const char *table;
  const char *uuid;
} PwAuditEntry;

/* Where the chain ends: the last entry's id (0 for none) and hash. */
typedef struct
{
  gint64 id;
  guint8 hash[32];
} PwAuditHead;

gboolean  pw_audit_start      (sqlite3             *db,
                               const guint8        *key,
                               GError             **error);
gboolean  pw_audit_read_head  (sqlite3             *db,
                               const guint8        *key,
                               PwAuditHead         *head,
                               GError             **error);
gboolean  pw_audit_read_last  (sqlite3             *db,
                               PwAuditHead         *head,
                               GError             **error);
gboolean  pw_audit_append     (sqlite3             *db,
                               const guint8        *key,
                               const PwAuditEntry  *entry,
                               PwAuditHead         *head,
                               GError             **error);
gboolean  pw_audit_write_head (sqlite3             *db,
                               const guint8        *key,
                               const PwAuditHead   *head,
                               GError             **error);
gboolean  pw_audit_verify  (sqlite3             *db,
                            const guint8        *key,
                            guint64             *n_entries,
                            GError             **error);

G_END_DECLS
