/* pw-case-validator.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Checks a case file against the published schema as its bytes go by, so
 * that an export is validated while it is written (sealed or not) and an
 * import before anything is read into the store.  Nothing is kept but the
 * parser's state: memory does not grow with the file.
 *
 * Hostile files are refused before libxml2 can be made to do work for them:
 * a document type or entity declaration anywhere (where entity expansion and
 * external entities come from), elements nested deeper than the schema
 * allows, and text longer than any field can hold.  No network, no DTD is
 * ever loaded. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "pw-case-schema.h"
#include "pw-case-validator.h"

/* Markup that declares a DTD or an entity; the longest is 9 bytes. */
static const char *const refused_markup[] = { "<!DOCTYPE", "<!ENTITY" };
#define CARRY_BYTES 8

/* Bytes given to the parser at a time: how far it can run on after a
 * problem, which is noted but cannot stop it at once. */
#define FEED_BYTES (16 * 1024)

struct _PwCaseValidator
{
  xmlParserCtxtPtr parser;
  xmlSchemaValidCtxtPtr valid;
  xmlSchemaSAXPlugPtr plug;
  xmlSAXHandler sax;
  char carry[CARRY_BYTES];
  gsize carry_len;
  guint depth;
  gsize text_len;
  GHashTable *child_uuids;   /* the record uuids of the child being read */
  GHashTable *people_uuids;  /* "setting:uuid" and "worker:uuid" */
  char *problem;
};

G_DEFINE_QUARK (pw-exchange-error-quark, pw_exchange_error)

static xmlSchemaPtr
shared_schema (GError **error)
{
  static GMutex mutex;
  static xmlSchemaPtr schema;
  xmlSchemaPtr result;

  g_mutex_lock (&mutex);
  if (schema == NULL)
    schema = pw_case_schema_new (error);
  result = schema;
  g_mutex_unlock (&mutex);
  return result;
}

/* Only noted: stopping libxml2 from inside a callback frees the input the
 * schema check is still reading.  No more is fed to the parser after it. */
static void
note_problem (PwCaseValidator *self, char *problem)
{
  if (self->problem == NULL)
    self->problem = problem;
  else
    g_free (problem);
}

static int
line_number (PwCaseValidator *self)
{
  return xmlSAX2GetLineNumber (self->parser);
}

/* libxml2 error messages end with a newline and may quote the document's
 * text; only the line number and the message's first line are kept. */
static void
record_error (void *data, xmlErrorPtr error)
{
  PwCaseValidator *self = data;
  g_autofree char *message = g_strdup (error->message != NULL ? error->message : "");
  char *newline = strchr (message, '\n');

  if (self->problem != NULL)
    return;
  if (newline != NULL)
    *newline = '\0';
  g_strchomp (message);
  if (error->domain == XML_FROM_SCHEMASV)
    self->problem = g_strdup_printf (_("line %d: %s"),
                                     error->line > 0 ? error->line : line_number (self),
                                     message);
  else
    self->problem = g_strdup_printf (_("line %d: the file is not well-formed XML (%s)"),
                                     error->line > 0 ? error->line : line_number (self),
                                     message);
}

/* Every DTD is refused, whatever the file's encoding: entity expansion and
 * external entities come from there. */
static void
refuse_dtd (void *data, const xmlChar *name, const xmlChar *external_id,
            const xmlChar *system_id)
{
  PwCaseValidator *self = data;

  note_problem (self, g_strdup_printf (_("line %d: document type declarations are not "
                                         "allowed"), line_number (self)));
  /* Before the first element, so nothing is validating yet. */
  xmlStopParser (self->parser);
}

static void
refuse_entity (void *data, const xmlChar *name, int type, const xmlChar *public_id,
               const xmlChar *system_id, xmlChar *content)
{
  PwCaseValidator *self = data;

  note_problem (self, g_strdup_printf (_("line %d: entity declarations are not allowed"),
                                       line_number (self)));
}

/* Case files are UTF-8, as Pathway writes them: no other encoding has to be
 * trusted to convert. */
static void
start_document (void *data)
{
  PwCaseValidator *self = data;
  const char *declared = (const char *) self->parser->encoding;

  if ((declared != NULL && g_ascii_strcasecmp (declared, "UTF-8") != 0) ||
      (self->parser->input != NULL && self->parser->input->buf != NULL &&
       self->parser->input->buf->encoder != NULL))
    {
      note_problem (self, g_strdup (_("line 1: a case file must be written in UTF-8")));
      xmlStopParser (self->parser);
    }
}

/* SAX2 gives each attribute as five pointers: name, prefix, URI, and the
 * start and end of its value. */
static char *
attribute_value (int n_attributes, const xmlChar **attributes, const char *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;

      if (attribute[1] == NULL && strcmp ((const char *) attribute[0], name) == 0)
        return g_strndup ((const char *) attribute[3], attribute[4] - attribute[3]);
    }
  return NULL;
}

/* No two records of one child share a uuid; the uuids of one child at a
 * time are kept. */
static void
check_record_uuid (PwCaseValidator *self, const xmlChar *name, int n_attributes,
                   const xmlChar **attributes)
{
  g_autofree char *uuid = NULL;
  g_autofree char *key = NULL;
  GHashTable *seen = self->child_uuids;

  if (self->depth == 2 && strcmp ((const char *) name, "child") == 0)
    g_hash_table_remove_all (self->child_uuids);
  else if (self->depth == 2)
    seen = self->people_uuids;
  else if (self->depth < 2)
    return;
  uuid = attribute_value (n_attributes, attributes, "uuid");
  if (uuid == NULL)
    return;
  key = g_strconcat (seen == self->people_uuids ? (const char *) name : "", ":", uuid, NULL);
  if (!g_hash_table_add (seen, g_ascii_strdown (key, -1)))
    note_problem (self, g_strdup_printf (_("line %d: two records have the uuid %s"),
                                         line_number (self), uuid));
}

static void
start_element (void *data, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
               int n_namespaces, const xmlChar **namespaces, int n_attributes,
               int n_defaulted, const xmlChar **attributes)
{
  PwCaseValidator *self = data;

  self->text_len = 0;
  if (++self->depth > PW_CASE_MAX_DEPTH)
    note_problem (self, g_strdup_printf (_("line %d: elements are nested more than %d deep"),
                                         line_number (self), PW_CASE_MAX_DEPTH));
  else
    check_record_uuid (self, name, n_attributes, attributes);
}

static void
end_element (void *data, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
  PwCaseValidator *self = data;

  self->text_len = 0;
  self->depth--;
}

static void
characters (void *data, const xmlChar *text, int len)
{
  PwCaseValidator *self = data;

  self->text_len += len;
  if (self->text_len > PW_CASE_MAX_TEXT_BYTES)
    note_problem (self, g_strdup_printf (_("line %d: a text is longer than %d bytes"),
                                         line_number (self), PW_CASE_MAX_TEXT_BYTES));
}

static void
ignore_message (void *data, const char *format, ...)
{
}

PwCaseValidator *
pw_case_validator_new (GError **error)
{
  xmlSchemaPtr schema = shared_schema (error);
  PwCaseValidator *self;

  if (schema == NULL)
    return NULL;
  self = g_new0 (PwCaseValidator, 1);
  self->child_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->people_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sax.initialized = XML_SAX2_MAGIC;
  self->sax.startElementNs = start_element;
  self->sax.endElementNs = end_element;
  self->sax.characters = characters;
  self->sax.cdataBlock = characters;
  self->sax.internalSubset = refuse_dtd;
  self->sax.externalSubset = refuse_dtd;
  self->sax.entityDecl = refuse_entity;
  self->sax.startDocument = start_document;
  self->sax.warning = ignore_message;
  self->sax.error = ignore_message;
  self->sax.fatalError = ignore_message;
  self->sax.serror = record_error;
  self->valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (self->valid, record_error, self);
  self->parser = xmlCreatePushParserCtxt (&self->sax, self, NULL, 0, NULL);
  xmlCtxtUseOptions (self->parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  self->plug = xmlSchemaSAXPlug (self->valid, &self->parser->sax, &self->parser->userData);
  return self;
}

static gboolean
fail (PwCaseValidator *self, GError **error)
{
  g_set_error (error, PW_EXCHANGE_ERROR, PW_EXCHANGE_ERROR_INVALID,
               _("Not a valid Pathway case file: %s"),
               self->problem != NULL ? self->problem : _("the parser stopped"));
  return FALSE;
}

/* Looks for refused markup, including across the end of the last chunk. */
static gboolean
declares_entities (PwCaseValidator *self, const char *data, gsize len)
{
  g_autofree char *joined = g_malloc (self->carry_len + len);
  gsize n = self->carry_len + len;
  gboolean found = FALSE;

  memcpy (joined, self->carry, self->carry_len);
  memcpy (joined + self->carry_len, data, len);
  for (guint i = 0; i < G_N_ELEMENTS (refused_markup) && !found; i++)
    found = memmem (joined, n, refused_markup[i], strlen (refused_markup[i])) != NULL;
  self->carry_len = MIN (n, CARRY_BYTES);
  memcpy (self->carry, joined + n - self->carry_len, self->carry_len);
  return found;
}

/* libxml2 reports some errors, such as a failed conversion, only to the
 * thread's handler, and would print them: they can quote the file. */
static void
parse_chunk (PwCaseValidator *self, const char *data, int len, gboolean last)
{
  xmlStructuredErrorFunc old_func = xmlStructuredError;
  void *old_data = xmlStructuredErrorContext;

  xmlSetStructuredErrorFunc (self, record_error);
  if (xmlParseChunk (self->parser, data, len, last) != 0 && self->problem == NULL)
    self->problem = g_strdup_printf (_("line %d: the file is not well-formed XML"),
                                     line_number (self));
  xmlSetStructuredErrorFunc (old_data, old_func);
}

gboolean
pw_case_validator_feed (PwCaseValidator  *self,
                        const char       *data,
                        gsize             len,
                        GError          **error)
{
  if (len == 0)
    return self->problem == NULL || fail (self, error);
  if (self->problem == NULL && declares_entities (self, data, len))
    self->problem = g_strdup (_("document type and entity declarations are not allowed"));
  while (self->problem == NULL && len > 0)
    {
      int n = (int) MIN (len, FEED_BYTES);

      parse_chunk (self, data, n, FALSE);
      data += n;
      len -= n;
    }
  return self->problem == NULL || fail (self, error);
}

gboolean
pw_case_validator_finish (PwCaseValidator  *self,
                          GError          **error)
{
  if (self->problem == NULL)
    parse_chunk (self, NULL, 0, TRUE);
  if (self->problem == NULL && !self->parser->wellFormed)
    self->problem = g_strdup (_("the file is not well-formed XML"));
  if (self->problem == NULL && xmlSchemaIsValid (self->valid) != 1)
    self->problem = g_strdup (_("the file does not follow the Pathway case schema"));
  return self->problem == NULL || fail (self, error);
}

void
pw_case_validator_free (PwCaseValidator *self)
{
  if (self == NULL)
    return;
  if (self->plug != NULL)
    xmlSchemaSAXUnplug (self->plug);
  /* libxml2 keeps declarations it read before it stopped in a document of
   * its own. */
  if (self->parser != NULL && self->parser->myDoc != NULL)
    xmlFreeDoc (self->parser->myDoc);
  if (self->parser != NULL)
    xmlFreeParserCtxt (self->parser);
  if (self->valid != NULL)
    xmlSchemaFreeValidCtxt (self->valid);
  g_hash_table_unref (self->child_uuids);
  g_hash_table_unref (self->people_uuids);
  g_free (self->problem);
  g_free (self);
}
