/* pw-schema-xsd.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The published case schema (resources/schema/pathway-case-v1.xsd), as
 * embedded in core/ at build time.  pw-case-schema.h adds the parsed form. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *pw_case_schema_get_bytes (void);

G_END_DECLS
