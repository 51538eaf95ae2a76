/* pw-schema-sql.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define PW_SCHEMA_VERSION 4

const char *pw_schema_migration_sql (unsigned int version);
