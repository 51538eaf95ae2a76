/* test-case-schema.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The published case schema agrees with the code: every record's fields in
 * the order and with the rules of its field table, every code list as
 * pw_codes_get() has it; a hand-written case file is accepted, and broken
 * ones are refused with a message that names the element at fault.
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "pw-case-schema.h"
#include "pw-codes.h"
#include "pw-entities.h"

#define XS_NAMESPACE "http://www.w3.org/2001/XMLSchema"
#define CASE_ELEMENT(name) "Element '{" PW_CASE_NAMESPACE "}" name "'"

typedef struct
{
  xmlDocPtr doc;
  xmlXPathContextPtr xpath;
} Xsd;

/* The records nested inside a record, after its fields, as the format says. */
static const struct
{
  const char *table;
  const char *nested;
} nesting[] = {
  { "child", "family-member*, consent*, level-change*, need*, cycle*, involvement*, "
             "contribution*, meeting*, attendance*, exclusion*, note*, amendment*" },
  { "cycle", "outcome*, provision*" },
  { "outcome", "rating?" },
  { "provision", "session*" },
  { "meeting", "attendee*, meeting-action*" },
};

/* A case file with one of everything that nests. */
static const char valid_case[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<pathway xmlns=\"urn:pathwayapp:case:1\" version=\"1\">\n"
  "  <export>\n"
  "    <exported-at>2026-12-04T14:30:00Z</exported-at>\n"
  "    <exported-by>Sam Senco</exported-by>\n"
  "    <store-uuid>0b5c6f1e-2d3a-4b7c-8e9f-a0b1c2d3e4f5</store-uuid>\n"
  "    <software>pathway 0.1.0</software>\n"
  "    <scope kind=\"child\">children=1</scope>\n"
  "  </export>\n"
  "  <setting uuid=\"11111111-1111-4111-8111-111111111111\">\n"
  "    <name>Hillview Primary</name>\n"
  "    <urn>115678</urn>\n"
  "  </setting>\n"
  "  <worker uuid=\"22222222-2222-4222-8222-222222222222\">\n"
  "    <name>Jo Smith</name>\n"
  "    <agency>early-help</agency>\n"
  "  </worker>\n"
  "  <child uuid=\"33333333-3333-4333-8333-333333333333\" created-at=\"2026-09-01T08:00:00Z\"\n"
  "         created-by=\"Sam Senco\">\n"
  "    <legal-given-name>Alex</legal-given-name>\n"
  "    <legal-family-name>Example</legal-family-name>\n"
  "    <date-of-birth>2016-03-14</date-of-birth>\n"
  "    <sex>F</sex>\n"
  "    <upn>W916200124001</upn>\n"
  "    <nhs-number>9434765919</nhs-number>\n"
  "    <setting-ref>11111111-1111-4111-8111-111111111111</setting-ref>\n"
  "    <sen-provision>K</sen-provision>\n"
  "    <lead-practitioner-ref>22222222-2222-4222-8222-222222222222</lead-practitioner-ref>\n"
  "    <current-level>2</current-level>\n"
  "    <consent uuid=\"44444444-4444-4444-8444-444444444444\">\n"
  "      <given-on>2026-09-02</given-on>\n"
  "      <given-by>Parent</given-by>\n"
  "      <scope>The plan and its reviews</scope>\n"
  "      <agencies>education-setting early-help</agencies>\n"
  "    </consent>\n"
  "    <cycle uuid=\"55555555-5555-4555-8555-555555555555\">\n"
  "      <number>1</number>\n"
  "      <state>do</state>\n"
  "      <opened-on>2026-09-05</opened-on>\n"
  "      <review-date>2026-12-10</review-date>\n"
  "      <outcome uuid=\"66666666-6666-4666-8666-666666666666\">\n"
  "        <description>Reads a short text aloud</description>\n"
  "        <success-criteria>Reads 50 words a minute</success-criteria>\n"
  "        <rating uuid=\"77777777-7777-4777-8777-777777777777\">\n"
  "          <progress>partly-met</progress>\n"
  "          <evidence>Reading log</evidence>\n"
  "        </rating>\n"
  "      </outcome>\n"
  "      <provision uuid=\"88888888-8888-4888-8888-888888888888\">\n"
  "        <outcome-ref>66666666-6666-4666-8666-666666666666</outcome-ref>\n"
  "        <intervention>Paired reading</intervention>\n"
  "        <frequency>Three times a week</frequency>\n"
  "        <delivered-by>Teaching assistant</delivered-by>\n"
  "        <start-date>2026-09-08</start-date>\n"
  "        <session uuid=\"99999999-9999-4999-8999-999999999999\">\n"
  "          <date>2026-09-10</date>\n"
  "          <delivered-by>Teaching assistant</delivered-by>\n"
  "          <attended>true</attended>\n"
  "          <engagement>4</engagement>\n"
  "        </session>\n"
  "      </provision>\n"
  "    </cycle>\n"
  "    <meeting uuid=\"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa\">\n"
  "      <type>taf</type>\n"
  "      <date>2026-10-01</date>\n"
  "      <attendee uuid=\"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\">\n"
  "        <name>Jo Smith</name>\n"
  "        <agency>early-help</agency>\n"
  "      </attendee>\n"
  "      <meeting-action uuid=\"cccccccc-cccc-4ccc-8ccc-cccccccccccc\">\n"
  "        <description>Ask the school nurse to join</description>\n"
  "        <owner>Jo Smith</owner>\n"
  "      </meeting-action>\n"
  "    </meeting>\n"
  "  </child>\n"
  "</pathway>\n";

/* Each variant replaces the first @from in valid_case by @to; the error must
 * name @element and say @rule. */
static const struct
{
  const char *what;
  const char *from;
  const char *to;
  const char *element;
  const char *rule;
} invalid_cases[] = {
  { "wrong namespace", "urn:pathwayapp:case:1", "urn:pathwayapp:case:2",
    "Element '{urn:pathwayapp:case:2}pathway'", "No matching global declaration" },
  { "version 2", "version=\"1\"", "version=\"2\"",
    CASE_ELEMENT ("pathway") ", attribute 'version'", "fixed value constraint" },
  { "sex X", "<sex>F</sex>", "<sex>X</sex>",
    CASE_ELEMENT ("sex"), "[facet 'enumeration']" },
  { "UPN not-a-upn", "<upn>W916200124001</upn>", "<upn>not-a-upn</upn>",
    CASE_ELEMENT ("upn"), "[facet 'pattern']" },
  { "unknown element", "<current-level>", "<favourite-colour>red</favourite-colour><current-level>",
    CASE_ELEMENT ("favourite-colour"), "This element is not expected" },
  { "cycle without opened-on", "<opened-on>2026-09-05</opened-on>", "",
    CASE_ELEMENT ("review-date"), "Expected is ( {" PW_CASE_NAMESPACE "}opened-on )" },
};

/* Helpers ------------------------------------------------------------------------- */

static void
xsd_open (Xsd *xsd)
{
  g_autoptr(GBytes) bytes = pw_case_schema_get_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  xsd->doc = xmlReadMemory (data, (int) len, "pathway-case-v1.xsd", NULL, XML_PARSE_NONET);
  g_assert_nonnull (xsd->doc);
  xsd->xpath = xmlXPathNewContext (xsd->doc);
  xmlXPathRegisterNs (xsd->xpath, BAD_CAST "xs", BAD_CAST XS_NAMESPACE);
}

static void
xsd_close (Xsd *xsd)
{
  xmlXPathFreeContext (xsd->xpath);
  xmlFreeDoc (xsd->doc);
}

static char *
get_attribute (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
is_xs (xmlNodePtr node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         strcmp ((const char *) node->ns->href, XS_NAMESPACE) == 0 &&
         strcmp ((const char *) node->name, name) == 0;
}

static xmlNodePtr
first_xs_child (xmlNodePtr node, const char *name)
{
  for (xmlNodePtr child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (is_xs (child, name))
      return child;
  return NULL;
}

/* The text of every node that the XPath expression finds, trimmed and joined
 * by @separator. */
static char *
xsd_texts (Xsd *xsd, const char *separator, const char *format, ...) G_GNUC_PRINTF (3, 4);

static char *
xsd_texts (Xsd *xsd, const char *separator, const char *format, ...)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expr = NULL;
  xmlXPathObjectPtr found;
  va_list args;

  va_start (args, format);
  expr = g_strdup_vprintf (format, args);
  va_end (args);
  found = xmlXPathEvalExpression (BAD_CAST expr, xsd->xpath);
  g_assert_nonnull (found);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (found->nodesetval->nodeTab[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? separator : "", g_strstrip ((char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (found);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static xmlNodePtr
xsd_find_global (Xsd *xsd, const char *kind, const char *name)
{
  g_autofree char *expr = g_strdup_printf ("/xs:schema/xs:%s[@name='%s']", kind, name);
  xmlXPathObjectPtr found = xmlXPathEvalExpression (BAD_CAST expr, xsd->xpath);
  xmlNodePtr node = NULL;

  if (found->nodesetval != NULL && found->nodesetval->nodeNr == 1)
    node = found->nodesetval->nodeTab[0];
  xmlXPathFreeObject (found);
  return node;
}

/* "?" for optional, "*" for any number, "" for exactly one. */
static const char *
occurrence (xmlNodePtr element)
{
  g_autofree char *min = get_attribute (element, "minOccurs");
  g_autofree char *max = get_attribute (element, "maxOccurs");
  gboolean optional = g_strcmp0 (min, "0") == 0;

  if (g_strcmp0 (max, "unbounded") == 0)
    return optional ? "*" : "+";
  return optional ? "?" : "";
}

/* The complex type of an element declaration: named, or inline. */
static xmlNodePtr
complex_type_of (Xsd *xsd, xmlNodePtr element)
{
  g_autofree char *type = get_attribute (element, "type");

  if (type != NULL)
    return xsd_find_global (xsd, "complexType", type);
  return first_xs_child (element, "complexType");
}

/* "name, name?, name*" for the sequence of @complex_type. */
static char *
describe_sequence (xmlNodePtr complex_type)
{
  g_autoptr(GString) out = g_string_new (NULL);
  xmlNodePtr sequence = first_xs_child (complex_type, "sequence");

  for (xmlNodePtr e = sequence != NULL ? sequence->children : NULL; e != NULL; e = e->next)
    {
      g_autofree char *name = NULL;

      if (!is_xs (e, "element"))
        continue;
      name = get_attribute (e, "name");
      g_string_append_printf (out, "%s%s%s", out->len > 0 ? ", " : "", name, occurrence (e));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Walks down from @element, describing every element with a complex type. */
static void
collect_contents (Xsd *xsd, xmlNodePtr element, GHashTable *contents)
{
  xmlNodePtr type = complex_type_of (xsd, element);
  xmlNodePtr sequence = first_xs_child (type, "sequence");

  if (type == NULL)
    return;
  g_hash_table_insert (contents, get_attribute (element, "name"), describe_sequence (type));
  for (xmlNodePtr e = sequence != NULL ? sequence->children : NULL; e != NULL; e = e->next)
    if (is_xs (e, "element"))
      collect_contents (xsd, e, contents);
}

static GHashTable *
xsd_contents (Xsd *xsd)
{
  GHashTable *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNodePtr root = xsd_find_global (xsd, "element", "pathway");

  g_assert_nonnull (root);
  collect_contents (xsd, root, contents);
  return contents;
}

static char *
element_name (const char *table)
{
  return g_strdelimit (g_strdup (table), "_", '-');
}

/* A REF is written as NAME-ref, NAME being the field's name without "-id". */
static char *
field_element_name (const PwField *field)
{
  if (field->type != PW_FIELD_REF)
    return g_strdup (field->name);
  g_assert_true (g_str_has_suffix (field->name, "-id"));
  return g_strdup_printf ("%.*s-ref", (int) strlen (field->name) - 3, field->name);
}

/* Required when the table says so, except references; a cycle's number and
 * state always exist, although Pathway derives them. */
static gboolean
field_required (PwRecordClass *klass, const PwField *field)
{
  if (strcmp (klass->table, "cycle") == 0 &&
      (strcmp (field->name, "number") == 0 || strcmp (field->name, "state") == 0))
    return TRUE;
  return (field->flags & PW_FIELD_REQUIRED) != 0 && field->type != PW_FIELD_REF;
}

static const char *
nested_records (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (nesting); i++)
    if (strcmp (nesting[i].table, table) == 0)
      return nesting[i].nested;
  return NULL;
}

/* What the schema should say of a record, in describe_sequence()'s words. */
static char *
expected_contents (PwRecordClass *klass)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *nested = nested_records (klass->table);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      g_autofree char *name = NULL;

      if ((field->flags & PW_FIELD_PARENT) != 0)
        continue;
      name = field_element_name (field);
      g_string_append_printf (out, "%s%s%s", out->len > 0 ? ", " : "", name,
                              field_required (klass, field) ? "" : "?");
    }
  if (nested != NULL)
    g_string_append_printf (out, ", %s", nested);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The schema's word for a field's type, or "integer MIN..MAX". */
static char *
expected_type (const PwField *field)
{
  const char *codes = pw_codes_table_name (field->codes);

  switch (field->type)
    {
    case PW_FIELD_TEXT:
      if ((field->flags & PW_FIELD_UPN) != 0)
        return g_strdup ("upn");
      return g_strdup ((field->flags & PW_FIELD_NHS) != 0 ? "nhs-number" : "text");
    case PW_FIELD_PROSE:
      return g_strdup ("prose");
    case PW_FIELD_DATE:
      return g_strdup ("xs:date");
    case PW_FIELD_INT:
      return g_strdup_printf ("integer %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                              field->min, field->max);
    case PW_FIELD_BOOL:
      return g_strdup ("xs:boolean");
    case PW_FIELD_CODE:
      return g_strdup_printf ("%s-code", codes);
    case PW_FIELD_CODES:
      return g_strdup_printf ("%s-code-list", codes);
    default:
      return g_strdup ("uuid");
    }
}

static char *
actual_type (Xsd *xsd, const char *record, const char *field)
{
  g_autofree char *element =
    g_strdup_printf ("/xs:schema/xs:complexType[@name='%s-record']/xs:sequence/"
                     "xs:element[@name='%s']", record, field);
  g_autofree char *type = xsd_texts (xsd, "|", "%s/@type", element);
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (type[0] != '\0')
    return g_steal_pointer (&type);
  min = xsd_texts (xsd, "|", "%s//xs:minInclusive/@value", element);
  max = xsd_texts (xsd, "|", "%s//xs:maxInclusive/@value", element);
  return g_strdup_printf ("integer %s..%s", min, max);
}

static char *
join_codes (PwCodeTable table, gboolean labels)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;
  const PwCode *codes = pw_codes_get (table, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", labels ? codes[i].label : codes[i].code);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
collect_error (void *data, xmlErrorPtr error)
{
  GString *errors = data;

  g_string_append (errors, error->message);
}

/* Validates @text; returns libxml2's messages, "" when the file is valid. */
static char *
validate (xmlSchemaPtr schema, const char *text)
{
  GString *errors = g_string_new (NULL);
  xmlDocPtr doc = xmlReadMemory (text, (int) strlen (text), "case.xml", NULL, XML_PARSE_NONET);
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt (schema);
  int rc;

  g_assert_nonnull (doc);
  xmlSchemaSetValidStructuredErrors (valid, collect_error, errors);
  rc = xmlSchemaValidateDoc (valid, doc);
  g_assert_true ((rc == 0) == (errors->len == 0));
  xmlSchemaFreeValidCtxt (valid);
  xmlFreeDoc (doc);
  return g_string_free (errors, FALSE);
}

static char *
replace_first (const char *text, const char *from, const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* Tests --------------------------------------------------------------------------- */

static void
test_schema_compiles (void)
{
  g_autoptr(GError) error = NULL;
  xmlSchemaPtr schema = pw_case_schema_new (&error);
  Xsd xsd;
  g_autofree char *target = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  xmlSchemaFree (schema);

  xsd_open (&xsd);
  target = xsd_texts (&xsd, "|", "/xs:schema/@targetNamespace");
  g_assert_cmpstr (target, ==, PW_CASE_NAMESPACE);
  xsd_close (&xsd);
}

static void
test_document_layout (void)
{
  Xsd xsd;
  g_autoptr(GHashTable) contents = NULL;

  xsd_open (&xsd);
  contents = xsd_contents (&xsd);
  g_assert_cmpstr (g_hash_table_lookup (contents, "pathway"), ==,
                   "export, setting*, worker*, child*");
  g_assert_cmpstr (g_hash_table_lookup (contents, "export"), ==,
                   "exported-at, exported-by, store-uuid, software, scope");
  xsd_close (&xsd);
}

static void
test_records_follow_field_tables (void)
{
  Xsd xsd;
  g_autoptr(GHashTable) contents = NULL;
  guint n;
  const GType *types = pw_entity_types (&n);

  xsd_open (&xsd);
  contents = xsd_contents (&xsd);
  for (guint i = 0; i < n; i++)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);
      g_autofree char *name = element_name (klass->table);
      g_autofree char *expected = expected_contents (klass);
      g_autofree char *documentation =
        xsd_texts (&xsd, "|", "/xs:schema/xs:complexType[@name='%s-record']/xs:annotation",
                   name);

      g_test_message ("record %s", name);
      g_assert_cmpstr (g_hash_table_lookup (contents, name), ==, expected);
      g_assert_cmpuint (strlen (documentation), >, 40);
    }
  xsd_close (&xsd);
}

static void
test_field_types (void)
{
  Xsd xsd;
  guint n;
  const GType *types = pw_entity_types (&n);

  xsd_open (&xsd);
  for (guint i = 0; i < n; i++)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);
      g_autofree char *record = element_name (klass->table);

      for (guint j = 0; j < klass->n_fields; j++)
        {
          const PwField *field = &klass->fields[j];
          g_autofree char *name = field_element_name (field);
          g_autofree char *expected = expected_type (field);
          g_autofree char *actual = NULL;

          if ((field->flags & PW_FIELD_PARENT) != 0)
            continue;
          actual = actual_type (&xsd, record, name);
          g_test_message ("%s/%s", record, name);
          g_assert_cmpstr (actual, ==, expected);
        }
    }
  xsd_close (&xsd);
}

static void
test_code_lists (void)
{
  Xsd xsd;

  xsd_open (&xsd);
  for (PwCodeTable table = 0; table < PW_N_CODE_TABLES; table++)
    {
      const char *name = pw_codes_table_name (table);
      g_autofree char *path = g_strdup_printf ("/xs:schema/xs:simpleType[@name='%s-code']", name);
      g_autofree char *codes = xsd_texts (&xsd, "|", "%s/xs:restriction/xs:enumeration/@value",
                                          path);
      g_autofree char *labels = xsd_texts (&xsd, "|", "%s/xs:restriction/xs:enumeration/"
                                           "xs:annotation/xs:documentation", path);
      g_autofree char *about = xsd_texts (&xsd, "|", "%s/xs:annotation/xs:documentation", path);
      g_autofree char *expected_codes = join_codes (table, FALSE);
      g_autofree char *expected_labels = join_codes (table, TRUE);

      g_test_message ("code list %s", name);
      g_assert_cmpstr (codes, ==, expected_codes);
      g_assert_cmpstr (labels, ==, expected_labels);
      g_assert_cmpstr (about, !=, "");
    }
  xsd_close (&xsd);
}

static void
test_valid_case_accepted (void)
{
  g_autoptr(GError) error = NULL;
  xmlSchemaPtr schema = pw_case_schema_new (&error);
  g_autofree char *errors = NULL;

  g_assert_no_error (error);
  errors = validate (schema, valid_case);
  g_assert_cmpstr (errors, ==, "");
  xmlSchemaFree (schema);
}

static void
test_invalid_cases_refused (void)
{
  g_autoptr(GError) error = NULL;
  xmlSchemaPtr schema = pw_case_schema_new (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *text = replace_first (valid_case, invalid_cases[i].from,
                                             invalid_cases[i].to);
      g_autofree char *errors = validate (schema, text);

      g_test_message ("%s: %s", invalid_cases[i].what, errors);
      g_assert_nonnull (strstr (errors, invalid_cases[i].element));
      g_assert_nonnull (strstr (errors, invalid_cases[i].rule));
    }
  xmlSchemaFree (schema);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-schema/compiles", test_schema_compiles);
  g_test_add_func ("/case-schema/document-layout", test_document_layout);
  g_test_add_func ("/case-schema/records-follow-field-tables", test_records_follow_field_tables);
  g_test_add_func ("/case-schema/field-types", test_field_types);
  g_test_add_func ("/case-schema/code-lists", test_code_lists);
  g_test_add_func ("/case-schema/valid-case-accepted", test_valid_case_accepted);
  g_test_add_func ("/case-schema/invalid-cases-refused", test_invalid_cases_refused);

  return g_test_run ();
}
