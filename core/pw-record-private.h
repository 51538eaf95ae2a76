/* pw-record-private.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pw-record.h"

G_BEGIN_DECLS

#define PW_TEXT_MAX  200
#define PW_PROSE_MAX 10000

typedef struct
{
  gint64 id;
  char *uuid;
  char *created_at;
  char *created_by;
  char *updated_at;
} PwRecordIdentity;

gboolean        _pw_record_class_has_flag  (PwRecordClass  *klass,
                                            guint           flags);
gboolean        _pw_field_is_updated       (const PwField  *field);
char           *_pw_record_column_name     (const PwField  *field);
const PwField  *_pw_record_field           (PwRecord       *self,
                                            const char     *name);
void            _pw_record_set_identity    (PwRecord       *self,
                                            const PwRecordIdentity *identity);
void            _pw_record_clear_identity  (PwRecord       *self);
gboolean        _pw_record_load_row        (PwRecord       *self,
                                            sqlite3_stmt   *stmt);
int             _pw_record_bind_fields     (PwRecord       *self,
                                            sqlite3_stmt   *stmt,
                                            int             first,
                                            gboolean        with_derived);
char           *_pw_record_select_sql      (PwRecordClass  *klass,
                                            const char     *where);
const char     *_pw_record_insert_sql      (PwRecordClass  *klass);
const char     *_pw_record_update_sql      (PwRecordClass  *klass);
char           *_pw_record_search_text     (PwRecord       *self);
gboolean        _pw_record_fail            (GError        **error,
                                            PwRecordError   code,
                                            const PwField  *field,
                                            const char     *rule,
                                            ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
