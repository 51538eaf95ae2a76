/* pw-store-private.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* For the layers of core/ above the store, its tests and benchmarks. */

PwStore  *_pw_store_create_full   (const char       *path,
                                   const char       *passphrase,
                                   const PwKdfCost  *cost,
                                   const char       *base_vfs,
                                   char            **recovery_key,
                                   GError          **error);
PwStore  *_pw_store_open_full     (const char       *path,
                                   const char       *base_vfs,
                                   GError          **error);
sqlite3  *_pw_store_get_db        (PwStore          *self);
guint     _pw_store_get_generation (PwStore         *self);
void      _pw_store_add_close_hook (PwStore         *self,
                                   GDestroyNotify   func,
                                   gpointer         data);
void      _pw_store_remove_close_hook (PwStore      *self,
                                   GDestroyNotify   func,
                                   gpointer         data);
void      _pw_store_enter         (PwStore          *self);
void      _pw_store_leave         (PwStore          *self);
gboolean  _pw_store_set_sqlite_error (PwStore       *self,
                                   int               rc,
                                   GError          **error);
gboolean  _pw_store_derive_key    (PwStore          *self,
                                   guint64           id,
                                   guint8           *key_out);
gboolean  _pw_store_pages_contain (PwStore          *self,
                                   const void       *needle,
                                   gsize             len);
void      _pw_store_get_io_counts (PwStore          *self,
                                   guint64          *page_reads,
                                   guint64          *page_writes);

G_END_DECLS
