/* pw-record.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-codes.h"

G_BEGIN_DECLS

#define PW_RECORD_ERROR (pw_record_error_quark ())

/**
 * PwRecordError:
 * @PW_RECORD_ERROR_INVALID: a field breaks a rule; the message names the field and the rule
 * @PW_RECORD_ERROR_NOT_FOUND: the record does not exist (or was erased)
 * @PW_RECORD_ERROR_READ_ONLY: the record belongs to a closed cycle; amend it instead
 * @PW_RECORD_ERROR_STATE: the cycle cannot move on yet; the message says what is missing
 * @PW_RECORD_ERROR_CONFLICT: the write clashes with another record (a second open cycle, a duplicate UPN…)
 * @PW_RECORD_ERROR_AUDIT: the audit log was edited outside Pathway
 */
typedef enum
{
  PW_RECORD_ERROR_INVALID,
  PW_RECORD_ERROR_NOT_FOUND,
  PW_RECORD_ERROR_READ_ONLY,
  PW_RECORD_ERROR_STATE,
  PW_RECORD_ERROR_CONFLICT,
  PW_RECORD_ERROR_AUDIT,
} PwRecordError;

typedef enum
{
  PW_FIELD_TEXT,    /* one line */
  PW_FIELD_PROSE,   /* paragraphs */
  PW_FIELD_DATE,    /* YYYY-MM-DD */
  PW_FIELD_INT,
  PW_FIELD_BOOL,
  PW_FIELD_CODE,    /* one code of a PwCodeTable */
  PW_FIELD_CODES,   /* comma-separated codes of a PwCodeTable */
  PW_FIELD_REF,     /* the id of another record, 0 for none */
} PwFieldType;

typedef enum
{
  PW_FIELD_REQUIRED   = 1 << 0,
  PW_FIELD_PAST       = 1 << 1,  /* a date that cannot be in the future */
  PW_FIELD_DERIVED    = 1 << 2,  /* kept by core/, never set by callers */
  PW_FIELD_SEARCHABLE = 1 << 3,  /* indexed for full-text search */
  PW_FIELD_UPN        = 1 << 4,
  PW_FIELD_NHS        = 1 << 5,
  PW_FIELD_COMPUTED   = 1 << 6,  /* derived from the record's own fields, on every save */
  PW_FIELD_PARENT     = 1 << 7,  /* a REF to the record this one belongs to; never changes */
} PwFieldFlags;

/**
 * PwField:
 * @name: property name; the SQL column is the same with '_' for '-'
 * @label: what a person calls it, for messages and forms
 * @type: the kind of value
 * @flags: #PwFieldFlags
 * @min: lowest value of an INT field
 * @max: highest value of an INT field, or most characters of a text field
 * @codes: the table of a CODE or CODES field
 * @ref: the table a REF field points into
 *
 * One field of a record, with the rules that a value must obey.
 */
typedef struct
{
  const char *name;
  const char *label;
  PwFieldType type;
  guint flags;
  gint64 min;
  gint64 max;
  PwCodeTable codes;
  const char *ref;
} PwField;

#define PW_TYPE_RECORD (pw_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (PwRecord, pw_record, PW, RECORD, GObject)

struct _PwRecordClass
{
  GObjectClass parent_class;

  const char *table;
  const char *label;
  const PwField *fields;
  guint n_fields;

  gboolean (*validate) (PwRecord  *self,
                        GError   **error);

  /*< private >*/
  char *select_sql;
  char *insert_sql;
  char *update_sql;
  gpointer padding[4];
};

GQuark          pw_record_error_quark       (void);

void            pw_record_class_set_fields  (PwRecordClass  *klass,
                                             const char     *table,
                                             const char     *label,
                                             const PwField  *fields,
                                             guint           n_fields);
const PwField  *pw_record_class_find_field  (PwRecordClass  *klass,
                                             const char     *name);

PwRecord       *pw_record_new               (GType           type);
gint64          pw_record_get_id            (PwRecord       *self);
const char     *pw_record_get_uuid          (PwRecord       *self);
const char     *pw_record_get_created_at    (PwRecord       *self);
const char     *pw_record_get_created_by    (PwRecord       *self);
const char     *pw_record_get_updated_at    (PwRecord       *self);
const char     *pw_record_get_table         (PwRecord       *self);

const char     *pw_record_get_text          (PwRecord       *self,
                                             const char     *field);
void            pw_record_set_text          (PwRecord       *self,
                                             const char     *field,
                                             const char     *value);
gint64          pw_record_get_int           (PwRecord       *self,
                                             const char     *field);
void            pw_record_set_int           (PwRecord       *self,
                                             const char     *field,
                                             gint64          value);
gboolean        pw_record_is_set            (PwRecord       *self,
                                             const char     *field);
void            pw_record_unset             (PwRecord       *self,
                                             const char     *field);
gboolean        pw_record_parse_field       (PwRecord       *self,
                                             const char     *field,
                                             const char     *text,
                                             GError        **error);
char           *pw_record_format_field      (PwRecord       *self,
                                             const char     *field);

gboolean        pw_record_check_field       (PwRecord       *self,
                                             const char     *field,
                                             GError        **error);
gboolean        pw_record_validate          (PwRecord       *self,
                                             GError        **error);

char           *pw_today                    (void);
void            pw_set_today                (const char     *iso_date);

G_END_DECLS
