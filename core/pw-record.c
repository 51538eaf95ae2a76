/* pw-record.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwRecord: the base of every kind of case record.
 *
 * A subclass describes itself with a table of PwField: name, label, type and
 * rules.  From that table the base class installs one GObject property per
 * field, keeps the values, checks every rule, and writes the SQL that loads
 * and saves the record.  Rules that span several fields live in the
 * subclass's validate(); rules that need other records live in PwCaseload.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-identifiers.h"
#include "pw-record-private.h"

typedef struct
{
  char *text;
  gint64 number;
  gboolean set;
} PwValue;

typedef struct
{
  PwRecordIdentity identity;
  PwValue *values;
  guint n_values;
} PwRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PwRecord, pw_record, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-record-error-quark, pw_record_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static char *today_override;

static char *build_select_sql (PwRecordClass *klass);
static char *build_insert_sql (PwRecordClass *klass);
static char *build_update_sql (PwRecordClass *klass);

/* Values --------------------------------------------------------------------- */

static gboolean
is_text_type (PwFieldType type)
{
  return type != PW_FIELD_INT && type != PW_FIELD_BOOL && type != PW_FIELD_REF;
}

static guint
field_index (PwRecord *self, const PwField *field)
{
  return field - PW_RECORD_GET_CLASS (self)->fields;
}

static PwValue *
value_of (PwRecord *self, const PwField *field)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  if (priv->values == NULL)
    {
      priv->n_values = PW_RECORD_GET_CLASS (self)->n_fields;
      priv->values = g_new0 (PwValue, priv->n_values);
    }
  return &priv->values[field_index (self, field)];
}

const PwField *
_pw_record_field (PwRecord *self, const char *name)
{
  return pw_record_class_find_field (PW_RECORD_GET_CLASS (self), name);
}

static const PwField *
require_field (PwRecord *self, const char *name)
{
  const PwField *field = _pw_record_field (self, name);

  if (field == NULL)
    g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self), name);
  return field;
}

/* "a , b" is kept as "a,b". */
static char *
normalize_code_list (const char *text)
{
  g_auto(GStrv) codes = g_strsplit (text, ",", -1);

  for (guint i = 0; codes[i] != NULL; i++)
    g_strstrip (codes[i]);
  return g_strjoinv (",", codes);
}

/* Text fields are kept trimmed, and an empty text is no value at all. */
static char *
normalize_text (const PwField *field, const char *value)
{
  g_autofree char *copy = NULL;
  g_autofree char *digits = NULL;

  if (value == NULL)
    return NULL;
  copy = g_strdup (value);
  if (field->type == PW_FIELD_PROSE)
    g_strchomp (copy);
  else
    g_strstrip (copy);
  if (copy[0] == '\0')
    return NULL;
  if ((field->flags & PW_FIELD_UPN) != 0)
    return g_ascii_strup (copy, -1);
  if (field->type == PW_FIELD_CODES)
    return normalize_code_list (copy);
  if ((field->flags & PW_FIELD_NHS) != 0)
    digits = pw_nhs_number_normalize (copy);
  return digits != NULL ? g_steal_pointer (&digits) : g_steal_pointer (&copy);
}

static void
store_text (PwRecord *self, const PwField *field, const char *value)
{
  PwValue *slot = value_of (self, field);
  g_autofree char *text = normalize_text (field, value);

  if (g_strcmp0 (slot->text, text) == 0)
    return;
  g_free (slot->text);
  slot->text = g_steal_pointer (&text);
  slot->set = slot->text != NULL;
  g_object_notify (G_OBJECT (self), field->name);
}

static void
store_number (PwRecord *self, const PwField *field, gint64 value)
{
  PwValue *slot = value_of (self, field);

  if (slot->set && slot->number == value)
    return;
  slot->number = value;
  slot->set = TRUE;
  g_object_notify (G_OBJECT (self), field->name);
}

/* Properties ---------------------------------------------------------------- */

static GParamSpec *
field_pspec (const PwField *field)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  switch (field->type)
    {
    case PW_FIELD_INT:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case PW_FIELD_REF:
      return g_param_spec_int64 (field->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
    case PW_FIELD_BOOL:
      return g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
    default:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    }
}

static void
get_field_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  PwRecord *self = PW_RECORD (object);
  const PwField *field = &PW_RECORD_GET_CLASS (self)->fields[prop_id - 1];
  PwValue *slot = value_of (self, field);

  if (field->type == PW_FIELD_BOOL)
    g_value_set_boolean (value, slot->number != 0);
  else if (is_text_type (field->type))
    g_value_set_string (value, slot->text);
  else
    g_value_set_int64 (value, slot->number);
}

static void
set_field_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  PwRecord *self = PW_RECORD (object);
  const PwField *field = &PW_RECORD_GET_CLASS (self)->fields[prop_id - 1];

  if (field->type == PW_FIELD_BOOL)
    store_number (self, field, g_value_get_boolean (value));
  else if (is_text_type (field->type))
    store_text (self, field, g_value_get_string (value));
  else
    store_number (self, field, g_value_get_int64 (value));
}

static void
pw_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwRecord *self = PW_RECORD (object);
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->identity.id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->identity.uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_record_finalize (GObject *object)
{
  PwRecord *self = PW_RECORD (object);
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  _pw_record_clear_identity (self);
  for (guint i = 0; i < priv->n_values; i++)
    g_free (priv->values[i].text);
  g_free (priv->values);

  G_OBJECT_CLASS (pw_record_parent_class)->finalize (object);
}

static void
pw_record_class_init (PwRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pw_record_get_property;
  object_class->finalize = pw_record_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_record_init (PwRecord *self)
{
}

/* Rules ---------------------------------------------------------------------- */

gboolean
_pw_record_fail (GError        **error,
                 PwRecordError   code,
                 const PwField  *field,
                 const char     *rule,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, rule);
  text = g_strdup_vprintf (rule, args);
  va_end (args);
  if (field != NULL)
    g_set_error (error, PW_RECORD_ERROR, code, "%s %s", _(field->label), text);
  else
    g_set_error_literal (error, PW_RECORD_ERROR, code, text);
  return FALSE;
}

static gboolean
check_text (const PwField *field, const char *text, GError **error)
{
  const char *end;

  if (!g_utf8_validate (text, -1, &end))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("must be valid UTF-8 text"));
  if (g_utf8_strlen (text, -1) > field->max)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("must be at most %d characters"), (int) field->max);
  if (field->type != PW_FIELD_PROSE && strpbrk (text, "\n\r\t") != NULL)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("must be on one line"));
  return TRUE;
}

static gboolean
check_date (const PwField *field, const char *text, GError **error)
{
  g_autofree char *today = NULL;
  GDate date;

  if (!pw_date_parse (text, &date))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("must be a real date written YYYY-MM-DD"));
  today = pw_today ();
  if ((field->flags & PW_FIELD_PAST) != 0 && strcmp (text, today) > 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("cannot be in the future"));
  return TRUE;
}

static gboolean
check_code (const PwField *field, const char *code, GError **error)
{
  if (pw_codes_lookup (field->codes, code) != NULL)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                          _("must be a code from the %s table; “%.12s” is not one"),
                          pw_codes_table_name (field->codes), code);
}

static gboolean
check_codes (const PwField *field, const char *text, GError **error)
{
  g_auto(GStrv) codes = g_strsplit (text, ",", -1);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_strstrip (codes[i]);
      if (!check_code (field, codes[i], error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (codes[i], codes[j]) == 0)
          return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                                  _("names “%s” twice"), codes[i]);
    }
  return TRUE;
}

static gboolean
check_identifier (const PwField *field, const char *text, GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean temporary;
  gboolean ok = TRUE;

  if ((field->flags & PW_FIELD_UPN) != 0)
    ok = pw_upn_validate (text, &temporary, &local);
  else if ((field->flags & PW_FIELD_NHS) != 0)
    ok = pw_nhs_number_validate (text, &local);
  if (!ok)
    g_set_error_literal (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID, local->message);
  return ok;
}

static gboolean
check_text_value (const PwField *field, const char *text, GError **error)
{
  if (!check_text (field, text, error))
    return FALSE;
  switch (field->type)
    {
    case PW_FIELD_DATE:
      return check_date (field, text, error);
    case PW_FIELD_CODE:
      return check_code (field, text, error);
    case PW_FIELD_CODES:
      return check_codes (field, text, error);
    default:
      return check_identifier (field, text, error);
    }
}

static gboolean
check_number (const PwField *field, gint64 number, GError **error)
{
  if (field->type == PW_FIELD_BOOL && number != 0 && number != 1)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("must be yes or no"));
  if (field->type == PW_FIELD_REF && number < 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("is not a record"));
  if (field->type == PW_FIELD_INT && (number < field->min || number > field->max))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field,
                            _("must be between %d and %d"), (int) field->min, (int) field->max);
  return TRUE;
}

static gboolean
check_value (PwRecord *self, const PwField *field, GError **error)
{
  PwValue *slot = value_of (self, field);
  gboolean present = slot->set && (field->type != PW_FIELD_REF || slot->number != 0);

  if (!present)
    {
      if ((field->flags & PW_FIELD_REQUIRED) == 0)
        return TRUE;
      return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field, _("is required"));
    }
  if (is_text_type (field->type))
    return check_text_value (field, slot->text, error);
  return check_number (field, slot->number, error);
}

/* Public API ----------------------------------------------------------------- */

/**
 * pw_record_class_set_fields:
 * @fields: (array length=n_fields): a static table, kept by the class
 *
 * Describes a subclass: its SQL table, its label and its fields.  Call once
 * from the subclass's class_init; it installs a property per field.
 */
void
pw_record_class_set_fields (PwRecordClass *klass,
                            const char    *table,
                            const char    *label,
                            const PwField *fields,
                            guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->table = table;
  klass->label = label;
  klass->fields = fields;
  klass->n_fields = n_fields;
  object_class->get_property = get_field_property;
  object_class->set_property = set_field_property;
  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1, field_pspec (&fields[i]));
  klass->select_sql = build_select_sql (klass);
  klass->insert_sql = build_insert_sql (klass);
  klass->update_sql = build_update_sql (klass);
}

/**
 * pw_record_class_find_field:
 *
 * Returns: (nullable): the field called @name
 */
const PwField *
pw_record_class_find_field (PwRecordClass *klass,
                            const char    *name)
{
  g_return_val_if_fail (PW_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0)
      return &klass->fields[i];
  return NULL;
}

/**
 * pw_record_new:
 * @type: a subclass of #PwRecord
 *
 * Returns: (transfer full): a new, unsaved record with no values
 */
PwRecord *
pw_record_new (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, PW_TYPE_RECORD), NULL);

  return g_object_new (type, NULL);
}

gint64
pw_record_get_id (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_return_val_if_fail (PW_IS_RECORD (self), 0);

  return priv->identity.id;
}

const char *
pw_record_get_uuid (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  return priv->identity.uuid;
}

const char *
pw_record_get_created_at (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  return priv->identity.created_at;
}

const char *
pw_record_get_created_by (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  return priv->identity.created_by;
}

const char *
pw_record_get_updated_at (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  return priv->identity.updated_at;
}

const char *
pw_record_get_table (PwRecord *self)
{
  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  return PW_RECORD_GET_CLASS (self)->table;
}

/**
 * pw_record_get_text:
 *
 * Returns: (nullable): the value of a text, date or code field
 */
const char *
pw_record_get_text (PwRecord   *self,
                    const char *field)
{
  const PwField *f;

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  f = require_field (self, field);
  if (f == NULL || !is_text_type (f->type))
    return NULL;
  return value_of (self, f)->text;
}

void
pw_record_set_text (PwRecord   *self,
                    const char *field,
                    const char *value)
{
  const PwField *f;

  g_return_if_fail (PW_IS_RECORD (self));

  f = require_field (self, field);
  if (f != NULL && is_text_type (f->type))
    store_text (self, f, value);
}

gint64
pw_record_get_int (PwRecord   *self,
                   const char *field)
{
  const PwField *f;

  g_return_val_if_fail (PW_IS_RECORD (self), 0);

  f = require_field (self, field);
  if (f == NULL || is_text_type (f->type))
    return 0;
  return value_of (self, f)->number;
}

void
pw_record_set_int (PwRecord   *self,
                   const char *field,
                   gint64      value)
{
  const PwField *f;

  g_return_if_fail (PW_IS_RECORD (self));

  f = require_field (self, field);
  if (f != NULL && !is_text_type (f->type))
    store_number (self, f, value);
}

gboolean
pw_record_is_set (PwRecord   *self,
                  const char *field)
{
  const PwField *f;

  g_return_val_if_fail (PW_IS_RECORD (self), FALSE);

  f = require_field (self, field);
  return f != NULL && value_of (self, f)->set;
}

void
pw_record_unset (PwRecord   *self,
                 const char *field)
{
  const PwField *f;
  PwValue *slot;

  g_return_if_fail (PW_IS_RECORD (self));

  f = require_field (self, field);
  if (f == NULL)
    return;
  slot = value_of (self, f);
  if (!slot->set)
    return;
  g_clear_pointer (&slot->text, g_free);
  slot->number = 0;
  slot->set = FALSE;
  g_object_notify (G_OBJECT (self), f->name);
}

static gboolean
parse_bool (const char *text, gint64 *out)
{
  static const char *yes[] = { "yes", "y", "true", "1", NULL };
  static const char *no[] = { "no", "n", "false", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return (*out = 1, TRUE);
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return (*out = 0, TRUE);
    }
  return FALSE;
}

/**
 * pw_record_parse_field:
 * @text: the value as a person types it
 *
 * Sets a field from text, as the command line and imports give it: numbers
 * in decimal, yes/no for flags.  Only the syntax is checked here; the
 * field's rules are checked by pw_record_validate().
 */
gboolean
pw_record_parse_field (PwRecord    *self,
                       const char  *field,
                       const char  *text,
                       GError     **error)
{
  const PwField *f;
  gint64 number = 0;

  g_return_val_if_fail (PW_IS_RECORD (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  f = _pw_record_field (self, field);
  if (f == NULL || (f->flags & PW_FIELD_DERIVED) != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, NULL,
                            _("A %s has no field “%s” that can be set"),
                            _(PW_RECORD_GET_CLASS (self)->label), field);
  if (is_text_type (f->type))
    return (store_text (self, f, text), TRUE);
  if (f->type == PW_FIELD_BOOL && !parse_bool (text, &number))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, f, _("must be yes or no"));
  if (f->type != PW_FIELD_BOOL && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64,
                                                             &number, NULL))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, f, _("must be a whole number"));
  store_number (self, f, number);
  return TRUE;
}

/**
 * pw_record_format_field:
 *
 * Returns: (transfer full) (nullable): the value as text, %NULL when unset
 */
char *
pw_record_format_field (PwRecord   *self,
                        const char *field)
{
  const PwField *f;
  PwValue *slot;

  g_return_val_if_fail (PW_IS_RECORD (self), NULL);

  f = require_field (self, field);
  if (f == NULL)
    return NULL;
  slot = value_of (self, f);
  if (!slot->set)
    return NULL;
  if (is_text_type (f->type))
    return g_strdup (slot->text);
  if (f->type == PW_FIELD_BOOL)
    return g_strdup (slot->number ? "yes" : "no");
  return g_strdup_printf ("%" G_GINT64_FORMAT, slot->number);
}

/**
 * pw_record_check_field:
 *
 * Checks one field's own rules, for a form's inline message.
 */
gboolean
pw_record_check_field (PwRecord    *self,
                       const char  *field,
                       GError     **error)
{
  const PwField *f;

  g_return_val_if_fail (PW_IS_RECORD (self), FALSE);

  f = require_field (self, field);
  return f == NULL || check_value (self, f, error);
}

/**
 * pw_record_validate:
 *
 * Checks every field's rules and then the rules between fields.  The first
 * broken rule is reported, naming the field.
 */
gboolean
pw_record_validate (PwRecord  *self,
                    GError   **error)
{
  PwRecordClass *klass;

  g_return_val_if_fail (PW_IS_RECORD (self), FALSE);

  klass = PW_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    if (!check_value (self, &klass->fields[i], error))
      return FALSE;
  return klass->validate == NULL || klass->validate (self, error);
}

/**
 * pw_today:
 *
 * Returns: (transfer full): today's local date as YYYY-MM-DD
 */
char *
pw_today (void)
{
  g_autoptr(GDateTime) now = NULL;

  if (today_override != NULL)
    return g_strdup (today_override);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * pw_set_today:
 * @iso_date: (nullable): a date, or %NULL for the real one
 *
 * Pins "today" for tests and reproducible demo data.
 */
void
pw_set_today (const char *iso_date)
{
  g_free (today_override);
  today_override = g_strdup (iso_date);
}

/* Private API ---------------------------------------------------------------- */

/* Whether any field of @klass has one of @flags. */
gboolean
_pw_record_class_has_flag (PwRecordClass *klass,
                           guint          flags)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if ((klass->fields[i].flags & flags) != 0)
      return TRUE;
  return FALSE;
}

/* Whether an UPDATE writes @field: derived fields are kept by PwCaseload's
 * own statements, except those computed from the record itself. */
gboolean
_pw_field_is_updated (const PwField *field)
{
  return (field->flags & PW_FIELD_DERIVED) == 0 || (field->flags & PW_FIELD_COMPUTED) != 0;
}

char *
_pw_record_column_name (const PwField *field)
{
  return g_strdelimit (g_strdup (field->name), "-", '_');
}

void
_pw_record_set_identity (PwRecord               *self,
                         const PwRecordIdentity *identity)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);
  gboolean id_changed = priv->identity.id != identity->id;
  gboolean uuid_changed = g_strcmp0 (priv->identity.uuid, identity->uuid) != 0;
  PwRecordIdentity copy = {
    identity->id, g_strdup (identity->uuid), g_strdup (identity->created_at),
    g_strdup (identity->created_by), g_strdup (identity->updated_at),
  };

  _pw_record_clear_identity (self);
  priv->identity = copy;
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (uuid_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

void
_pw_record_clear_identity (PwRecord *self)
{
  PwRecordPrivate *priv = pw_record_get_instance_private (self);

  g_clear_pointer (&priv->identity.uuid, g_free);
  g_clear_pointer (&priv->identity.created_at, g_free);
  g_clear_pointer (&priv->identity.created_by, g_free);
  g_clear_pointer (&priv->identity.updated_at, g_free);
  priv->identity.id = 0;
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* @stmt comes from _pw_record_select_sql(): identity columns, then fields. */
gboolean
_pw_record_load_row (PwRecord     *self,
                     sqlite3_stmt *stmt)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (self);
  PwRecordIdentity identity = {
    sqlite3_column_int64 (stmt, 0), (char *) column_text (stmt, 1),
    (char *) column_text (stmt, 2), (char *) column_text (stmt, 3),
    (char *) column_text (stmt, 4),
  };

  g_object_freeze_notify (G_OBJECT (self));
  _pw_record_set_identity (self, &identity);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      int column = i + 5;

      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        pw_record_unset (self, field->name);
      else if (is_text_type (field->type))
        store_text (self, field, column_text (stmt, column));
      else
        store_number (self, field, sqlite3_column_int64 (stmt, column));
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* Binds the fields in order from parameter @first (the derived ones only
 * when @with_derived); returns an SQLite code. */
int
_pw_record_bind_fields (PwRecord     *self,
                        sqlite3_stmt *stmt,
                        int           first,
                        gboolean      with_derived)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (self);
  int index = first;
  int rc = SQLITE_OK;

  for (guint i = 0; i < klass->n_fields && rc == SQLITE_OK; i++)
    {
      const PwField *field = &klass->fields[i];
      PwValue *slot = value_of (self, field);

      if (!with_derived && !_pw_field_is_updated (field))
        continue;
      if (field->type == PW_FIELD_BOOL)
        rc = sqlite3_bind_int (stmt, index++, slot->number != 0);
      else if (!slot->set || (field->type == PW_FIELD_REF && slot->number == 0))
        rc = sqlite3_bind_null (stmt, index++);
      else if (is_text_type (field->type))
        rc = sqlite3_bind_text (stmt, index++, slot->text, -1, SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_int64 (stmt, index++, slot->number);
    }
  return rc;
}

static GString *
column_list (PwRecordClass *klass, const char *suffix, gboolean with_derived)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *column = _pw_record_column_name (&klass->fields[i]);

      if (!with_derived && !_pw_field_is_updated (&klass->fields[i]))
        continue;
      g_string_append_printf (sql, "%s%s%s", sql->len > 0 ? ", " : "", column, suffix);
    }
  return sql;
}

static char *
build_select_sql (PwRecordClass *klass)
{
  g_autoptr(GString) columns = column_list (klass, "", TRUE);

  return g_strdup_printf ("SELECT id, uuid, created_at, created_by, updated_at, %s FROM %s ",
                          columns->str, klass->table);
}

/* Parameters: the fields, then uuid, created_at, created_by, updated_at. */
static char *
build_insert_sql (PwRecordClass *klass)
{
  g_autoptr(GString) columns = column_list (klass, "", TRUE);
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append (values, "?, ");
  return g_strdup_printf ("INSERT INTO %s (%s, uuid, created_at, created_by, updated_at) "
                          "VALUES (%s?, ?, ?, ?)",
                          klass->table, columns->str, values->str);
}

/* Parameters: the fields an update writes, then updated_at, then id. */
static char *
build_update_sql (PwRecordClass *klass)
{
  g_autoptr(GString) columns = column_list (klass, " = ?", FALSE);

  return g_strdup_printf ("UPDATE %s SET %s, updated_at = ? WHERE id = ?",
                          klass->table, columns->str);
}

/* Identity columns, then the fields, of the rows @where picks. */
char *
_pw_record_select_sql (PwRecordClass *klass,
                       const char    *where)
{
  return g_strconcat (klass->select_sql, where, NULL);
}

const char *
_pw_record_insert_sql (PwRecordClass *klass)
{
  return klass->insert_sql;
}

const char *
_pw_record_update_sql (PwRecordClass *klass)
{
  return klass->update_sql;
}

/* What full-text search should find this record by, or NULL. */
char *
_pw_record_search_text (PwRecord *self)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (self);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      PwValue *slot = value_of (self, field);

      if ((field->flags & PW_FIELD_SEARCHABLE) != 0 && slot->text != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", slot->text);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
