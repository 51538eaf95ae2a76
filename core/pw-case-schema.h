/* pw-case-schema.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/xmlschemas.h>

#include "pw-schema-xsd.h"

G_BEGIN_DECLS

/* The namespace of every element of a case file, version 1. */
#define PW_CASE_NAMESPACE "urn:pathwayapp:case:1"

/* Where the schema is in the embedded resources. */
#define PW_CASE_SCHEMA_RESOURCE "/org/pathwayapp/Pathway/schema/pathway-case-v1.xsd"

#define PW_CASE_SCHEMA_ERROR (pw_case_schema_error_quark ())

/**
 * PwCaseSchemaError:
 * @PW_CASE_SCHEMA_ERROR_INVALID: the embedded schema could not be compiled
 */
typedef enum
{
  PW_CASE_SCHEMA_ERROR_INVALID,
} PwCaseSchemaError;

GQuark        pw_case_schema_error_quark (void);
xmlSchemaPtr  pw_case_schema_new         (GError **error);

G_END_DECLS
