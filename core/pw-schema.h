/* pw-schema.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#include "pw-schema-sql.h"

gboolean  pw_schema_migrate      (sqlite3  *db,
                                  guint     target,
                                  GError  **error);
int       pw_schema_get_version  (sqlite3  *db);

G_END_DECLS
