/* pw-case-schema.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The published schema of a case file, resources/schema/pathway-case-v1.xsd.
 *
 * The file is compiled into core/ as a GResource, so that exports and
 * imports are checked against the very schema that is installed for others,
 * without looking for it on disk.  libxml2's complaints while compiling it
 * are collected into the GError instead of being printed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlerror.h>

#include "pw-case-schema.h"

/* Defined in the source that glib-compile-resources generates. */
GResource *pw_case_schema_resources_get_resource (void);

G_DEFINE_QUARK (pw-case-schema-error-quark, pw_case_schema_error)

/* Keeps the first line of each message; a schema error is one line. */
static void
collect_error (void        *data,
               xmlErrorPtr  error)
{
  GString *problems = data;
  g_autofree char *message = g_strdup (error->message != NULL ? error->message : "");

  g_strchomp (message);
  if (message[0] == '\0')
    return;
  if (problems->len > 0)
    g_string_append (problems, "; ");
  if (error->line > 0)
    g_string_append_printf (problems, _("line %d: "), error->line);
  g_string_append (problems, message);
}

/* Parsing the schema document itself reports through libxml2's global
 * handler, so that is redirected too, for this thread, while it runs. */
static xmlSchemaPtr
parse_schema (GBytes  *bytes,
              GString *problems)
{
  xmlStructuredErrorFunc old_handler = xmlStructuredError;
  void *old_data = xmlStructuredErrorContext;
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  xmlSetStructuredErrorFunc (problems, collect_error);
  parser = xmlSchemaNewMemParserCtxt (data, (int) len);
  xmlSchemaSetParserStructuredErrors (parser, collect_error, problems);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  xmlSetStructuredErrorFunc (old_data, old_handler);
  return schema;
}

/**
 * pw_case_schema_get_bytes:
 *
 * Returns: (transfer full): the text of pathway-case-v1.xsd
 */
GBytes *
pw_case_schema_get_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  /* Looked up in our own GResource rather than the global set: naming it
   * also keeps its object file in the link of the static core library. */
  bytes = g_resource_lookup_data (pw_case_schema_resources_get_resource (),
                                  PW_CASE_SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  &error);
  if (bytes == NULL)
    g_error ("The case schema is missing from the build: %s", error->message);
  return bytes;
}

/**
 * pw_case_schema_new:
 * @error: return location for a #GError
 *
 * Compiles the case schema, for xmlSchemaNewValidCtxt().  Nothing is
 * printed: what libxml2 reports ends up in @error.
 *
 * Returns: (transfer full) (nullable): the schema, to free with
 *   xmlSchemaFree(), or %NULL if it could not be compiled
 */
xmlSchemaPtr
pw_case_schema_new (GError **error)
{
  g_autoptr(GBytes) bytes = pw_case_schema_get_bytes ();
  g_autoptr(GString) problems = g_string_new (NULL);
  xmlSchemaPtr schema;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = parse_schema (bytes, problems);
  if (schema == NULL)
    g_set_error (error, PW_CASE_SCHEMA_ERROR, PW_CASE_SCHEMA_ERROR_INVALID,
                 _("The case file schema could not be loaded: %s"),
                 problems->len > 0 ? problems->str : _("libxml2 gave no reason"));
  return schema;
}
