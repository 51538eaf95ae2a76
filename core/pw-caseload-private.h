/* pw-caseload-private.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

/* Shared by the files of PwCaseload: pw-caseload.c (savepoints, saving,
 * loading), pw-caseload-rules.c (the rules of each table),
 * pw-caseload-cycles.c (APDR cycles, amendments) and pw-caseload-queries.c
 * (search, chronology, counts, archive and erasure).  Everything below
 * runs between _pw_caseload_begin() and _pw_caseload_finish(). */

/* Sets updated_at to now, as text in UTC, in an UPDATE. */
#define PW_SQL_TOUCH "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ')"

typedef struct
{
  const char *table;
  gboolean (*prepare) (PwCaseload *self, PwRecord *record, GError **error);
  gboolean (*check) (PwCaseload *self, PwRecord *record, GError **error);
  gboolean (*after) (PwCaseload *self, PwRecord *record, GError **error);
} PwTableRules;

const PwTableRules *_pw_caseload_rules_for  (const char   *table);

gboolean       _pw_caseload_begin         (PwCaseload   *self,
                                           GError      **error);
gboolean       _pw_caseload_finish        (PwCaseload   *self,
                                           gboolean      ok,
                                           GError      **error);
guint          _pw_caseload_get_depth     (PwCaseload   *self);
void           _pw_caseload_set_amending  (PwCaseload   *self,
                                           gboolean      amending);
gboolean       _pw_caseload_get_amending  (PwCaseload   *self);
void           _pw_caseload_set_importing (PwCaseload   *self,
                                           gboolean      importing);
gboolean       _pw_caseload_get_importing (PwCaseload   *self);
gboolean       _pw_caseload_get_new_store (PwCaseload   *self);
void           _pw_caseload_queue_change  (PwCaseload   *self,
                                           const char   *table,
                                           gint64        child_id);

sqlite3       *_pw_caseload_get_db        (PwCaseload   *self);
sqlite3_stmt  *_pw_caseload_prepare       (PwCaseload   *self,
                                           const char   *sql,
                                           GError      **error);
void           _pw_caseload_release       (PwCaseload   *self,
                                           sqlite3_stmt *stmt);
gboolean       _pw_caseload_sql_error     (PwCaseload   *self,
                                           GError      **error);
gboolean       _pw_caseload_exec          (PwCaseload   *self,
                                           const char   *sql,
                                           gint64        arg,
                                           GError      **error);
gboolean       _pw_caseload_query_int     (PwCaseload   *self,
                                           const char   *sql,
                                           gint64        arg,
                                           gint64        fallback,
                                           gint64       *out,
                                           GError      **error);
gboolean       _pw_caseload_query_text    (PwCaseload   *self,
                                           const char   *sql,
                                           gint64        arg,
                                           char        **out,
                                           GError      **error);
gboolean       _pw_caseload_query_text_int (PwCaseload  *self,
                                           const char   *sql,
                                           const char   *arg,
                                           gint64       *out,
                                           GError      **error);

PwRecord      *_pw_caseload_load          (PwCaseload   *self,
                                           GType         type,
                                           gint64        id,
                                           GError      **error);
gboolean       _pw_caseload_reload        (PwCaseload   *self,
                                           PwRecord     *record,
                                           GError      **error);
gboolean       _pw_caseload_save          (PwCaseload   *self,
                                           PwRecord     *record,
                                           GError      **error);
gboolean       _pw_caseload_unindex       (PwCaseload   *self,
                                           PwRecord     *record,
                                           GError      **error);
gboolean       _pw_caseload_audit         (PwCaseload   *self,
                                           const char   *operation,
                                           const char   *table,
                                           const char   *uuid,
                                           GError      **error);
gboolean       _pw_caseload_refresh_next_review (PwCaseload *self,
                                           gint64        child_id,
                                           GError      **error);
gint64         _pw_caseload_child_of      (PwRecord     *record);

G_END_DECLS
