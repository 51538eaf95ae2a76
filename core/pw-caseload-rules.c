/* pw-caseload-rules.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rules of each kind of record that need other records: a cycle's
 * stage, a child's current level, uniqueness.  prepare() fills derived
 * fields before validation, check() refuses a write, after() updates what
 * is derived from the record once it is written. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-caseload-private.h"
#include "pw-identifiers.h"
#include "pw-record-private.h"

/* Helpers ------------------------------------------------------------------------ */

static const PwField *
field_of (PwRecord *record, const char *name)
{
  return _pw_record_field (record, name);
}

/* A cycle's stage, and (if @opened is not NULL) the date it started. */
static gboolean
query_cycle (PwCaseload *self, gint64 cycle_id, char **state, char **opened, GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, "SELECT state, opened_on FROM cycle "
                                             "WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cycle_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (opened != NULL)
        *opened = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_DONE)
    return _pw_record_fail (error, PW_RECORD_ERROR_NOT_FOUND, NULL, _("No such %s in this store"),
                            _("cycle"));
  return rc == SQLITE_ROW || _pw_caseload_sql_error (self, error);
}

static gboolean
refuse_closed (const char *state, GError **error)
{
  if (g_strcmp0 (state, "closed") != 0)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                          _("The cycle is closed and cannot be changed; record an amendment "
                            "instead"));
}

/* A closed cycle's records change only through an amendment. */
static gboolean
check_not_closed (PwCaseload *self, const char *state, GError **error)
{
  return _pw_caseload_get_amending (self) || refuse_closed (state, error);
}

static gboolean
not_before_text (PwRecord *record, const char *field, const char *earliest,
                 const char *what, GError **error)
{
  const char *date = pw_record_get_text (record, field);

  if (date == NULL || earliest == NULL || strcmp (date, earliest) >= 0)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, field),
                          _("cannot be before %s (%s)"), what, earliest);
}

static gboolean
refuse_duplicate (PwCaseload *self, PwRecord *record, const char *sql, const char *message,
                  GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, sql, error);
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *name = g_strdup_printf (":%s", klass->fields[i].name);
      int param = sqlite3_bind_parameter_index (stmt, g_strdelimit (name, "-", '_'));

      if (param > 0)
        sqlite3_bind_text (stmt, param, pw_record_format_field (record, klass->fields[i].name),
                           -1, g_free);
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"),
                     pw_record_get_id (record));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  if (rc == SQLITE_ROW)
    return _pw_record_fail (error, PW_RECORD_ERROR_CONFLICT, NULL, "%s", message);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

gboolean
_pw_caseload_refresh_next_review (PwCaseload *self, gint64 child_id, GError **error)
{
  return _pw_caseload_exec (self, "UPDATE child SET next_review = "
                            "(SELECT review_date FROM cycle WHERE child_id = child.id "
                            "AND state <> 'closed'), " PW_SQL_TOUCH " WHERE id = ?1",
                            child_id, error);
}

/* Child ------------------------------------------------------------------------------ */

static gboolean
child_prepare (PwCaseload *self, PwRecord *record, GError **error)
{
  const char *upn = pw_record_get_text (record, "upn");
  gboolean temporary = FALSE;

  if (upn != NULL)
    pw_upn_validate (upn, &temporary, NULL);
  pw_record_set_int (record, "upn-temporary", temporary);
  if (pw_record_get_id (record) == 0)
    pw_record_set_int (record, "current-level", 0);
  return TRUE;
}

/* Nothing already recorded may come before a changed date of birth. */
static gboolean
check_birth_before_events (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autofree char *first = NULL;

  if (!_pw_caseload_query_text (self, "SELECT min(event_date) FROM chronology "
                                "WHERE child_id = ?", pw_record_get_id (record), &first, error))
    return FALSE;
  if (first == NULL || strcmp (pw_record_get_text (record, "date-of-birth"), first) <= 0)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "date-of-birth"),
                          _("cannot be after the first event in the child’s record (%s)"),
                          first);
}

static gboolean
check_provision_keeps_needs (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 nsa = 0;

  if (g_strcmp0 (pw_record_get_text (record, "sen-provision"), "K") == 0)
    return TRUE;
  if (!_pw_caseload_query_int (self, "SELECT count(*) FROM need WHERE child_id = ? AND "
                               "type = 'NSA'", pw_record_get_id (record), 0, &nsa, error))
    return FALSE;
  if (nsa == 0)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "sen-provision"),
                          _("must stay SEN support while a need is recorded as NSA"));
}

static gboolean
child_check (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 level = 0;

  if (!refuse_duplicate (self, record,
                         "SELECT 1 FROM child WHERE upn = :upn AND id <> :id",
                         _("Another child already has this UPN"), error))
    return FALSE;
  if (pw_record_get_id (record) == 0)
    return TRUE;
  if (!_pw_caseload_query_int (self, "SELECT current_level FROM child WHERE id = ?",
                               pw_record_get_id (record), 0, &level, error))
    return FALSE;
  if (level >= 3 && pw_record_get_int (record, "lead-practitioner-id") == 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID,
                            field_of (record, "lead-practitioner-id"),
                            _("is required at Level 3 and Level 4"));
  return check_birth_before_events (self, record, error) &&
         check_provision_keeps_needs (self, record, error);
}

/* Level changes ------------------------------------------------------------------ */

static gboolean
level_change_prepare (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 level = 0;

  if (pw_record_get_id (record) != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                            _("A level change is history and cannot be edited; record a new "
                              "change instead"));
  if (!_pw_caseload_query_int (self, "SELECT current_level FROM child WHERE id = ?",
                               pw_record_get_int (record, "child-id"), 0, &level, error))
    return FALSE;
  pw_record_set_int (record, "from-level", level);
  return TRUE;
}

static gboolean
level_change_check (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 child_id = pw_record_get_int (record, "child-id");
  gint64 to = pw_record_get_int (record, "to-level");
  g_autofree char *last = NULL;
  gint64 lead = 0;

  if (to == pw_record_get_int (record, "from-level"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "to-level"),
                            _("is already the child’s level"));
  if (!_pw_caseload_query_int (self, "SELECT lead_practitioner_id FROM child WHERE id = ?",
                               child_id, 0, &lead, error))
    return FALSE;
  if (to >= 3 && lead == 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "to-level"),
                            _("cannot be Level 3 or 4 until the child has a lead practitioner"));
  return _pw_caseload_query_text (self, "SELECT max(date) FROM level_change WHERE child_id = ?",
                                  child_id, &last, error) &&
         not_before_text (record, "date", last, _("the last level change"), error);
}

static gboolean
level_change_after (PwCaseload *self, PwRecord *record, GError **error)
{
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, "UPDATE child SET current_level = ?, "
                                             PW_SQL_TOUCH " WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pw_record_get_int (record, "to-level"));
  sqlite3_bind_int64 (stmt, 2, pw_record_get_int (record, "child-id"));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* Needs -------------------------------------------------------------------------- */

static gboolean
need_prepare (PwCaseload *self, PwRecord *record, GError **error)
{
  const char *type = pw_record_get_text (record, "type");

  pw_record_set_text (record, "area", type != NULL ? pw_codes_need_area (type) : NULL);
  return TRUE;
}

static gboolean
need_check (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autoptr(PwRecord) child = _pw_caseload_load (self, PW_TYPE_CHILD,
                                                 pw_record_get_int (record, "child-id"), error);

  if (child == NULL)
    return FALSE;
  if (g_strcmp0 (pw_record_get_text (record, "type"), "NSA") == 0 &&
      g_strcmp0 (pw_record_get_text (child, "sen-provision"), "K") != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "type"),
                            _("NSA (no specialist assessment) is only used with SEN support"));
  return refuse_duplicate (self, record,
                           "SELECT 1 FROM need WHERE child_id = :child_id AND rank = :rank "
                           "AND id <> :id",
                           _("The child already has a need of this rank; change that one "
                             "instead"), error);
}

/* Cycles ----------------------------------------------------------------------- */

/* An imported cycle keeps its stage and, unless the child already has a
 * cycle of that number here, its number. */
static gboolean
keep_imported_cycle (PwCaseload *self, PwRecord *record, gint64 open, gint64 last,
                     GError **error)
{
  g_autoptr(GError) taken = NULL;

  if (g_strcmp0 (pw_record_get_text (record, "state"), "closed") != 0 && open != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_CONFLICT, NULL,
                            _("The child already has an open cycle (cycle %d) here"),
                            (int) open);
  if (pw_record_is_set (record, "number") &&
      refuse_duplicate (self, record, "SELECT 1 FROM cycle WHERE child_id = :child_id "
                        "AND number = :number", "", &taken))
    return TRUE;
  if (taken != NULL && taken->code != PW_RECORD_ERROR_CONFLICT)
    {
      g_propagate_error (error, g_steal_pointer (&taken));
      return FALSE;
    }
  pw_record_set_int (record, "number", last + 1);
  return TRUE;
}

static gboolean
cycle_prepare (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 child_id = pw_record_get_int (record, "child-id");
  gint64 open = 0, number = 0;

  if (pw_record_get_id (record) != 0)
    return TRUE;
  if (!_pw_caseload_query_int (self, "SELECT number FROM cycle WHERE child_id = ? "
                               "AND state <> 'closed'", child_id, 0, &open, error) ||
      !_pw_caseload_query_int (self, "SELECT max(number) FROM cycle WHERE child_id = ?",
                               child_id, 0, &number, error))
    return FALSE;
  if (_pw_caseload_get_importing (self))
    return keep_imported_cycle (self, record, open, number, error);
  if (open != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_CONFLICT, NULL,
                            _("Cycle %d is still open; review and close it before starting "
                              "another"), (int) open);
  pw_record_set_int (record, "number", number + 1);
  pw_record_set_text (record, "state", "assess");
  pw_record_unset (record, "closed-on");
  return TRUE;
}

static gboolean
cycle_check (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autofree char *state = NULL;

  if (pw_record_get_id (record) == 0)
    return TRUE;
  if (!query_cycle (self, pw_record_get_id (record), &state, NULL, error) ||
      !check_not_closed (self, state, error))
    return FALSE;
  if ((g_strcmp0 (state, "do") == 0 || g_strcmp0 (state, "review") == 0) &&
      !pw_record_is_set (record, "review-date"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "review-date"),
                            _("is required once the plan is agreed"));
  return TRUE;
}

static gboolean
cycle_after (PwCaseload *self, PwRecord *record, GError **error)
{
  return _pw_caseload_refresh_next_review (self, pw_record_get_int (record, "child-id"), error);
}

/* Outcomes, provision, sessions, ratings ----------------------------------------- */

static gboolean
outcome_check (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 cycle_id = pw_record_get_int (record, "cycle-id");
  g_autofree char *state = NULL;
  g_autofree char *opened = NULL;

  if (!query_cycle (self, cycle_id, &state, &opened, error))
    return FALSE;
  if (_pw_caseload_get_amending (self))
    return TRUE;
  if (!refuse_closed (state, error))
    return FALSE;
  if (pw_record_get_id (record) == 0 && g_strcmp0 (state, "assess") != 0 &&
      g_strcmp0 (state, "plan") != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_STATE, NULL,
                            _("Outcomes are added while assessing and planning; this cycle "
                              "has moved on"));
  return not_before_text (record, "target-date", opened, _("the start of the cycle"), error);
}

static gboolean
provision_check (PwCaseload *self, PwRecord *record, GError **error)
{
  gint64 cycle_id = pw_record_get_int (record, "cycle-id");
  gint64 outcome_id = pw_record_get_int (record, "outcome-id");
  g_autofree char *state = NULL;
  g_autofree char *opened = NULL;
  gint64 outcome_cycle = cycle_id;

  if (!query_cycle (self, cycle_id, &state, &opened, error) ||
      !check_not_closed (self, state, error))
    return FALSE;
  if (outcome_id != 0 &&
      !_pw_caseload_query_int (self, "SELECT cycle_id FROM outcome WHERE id = ?", outcome_id,
                               0, &outcome_cycle, error))
    return FALSE;
  if (outcome_cycle != cycle_id)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, field_of (record, "outcome-id"),
                            _("belongs to another cycle"));
  return _pw_caseload_get_amending (self) ||
         not_before_text (record, "start-date", opened, _("the start of the cycle"), error);
}

static gboolean
session_check (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autoptr(PwRecord) provision = NULL;
  g_autofree char *state = NULL;

  provision = _pw_caseload_load (self, PW_TYPE_PROVISION,
                                 pw_record_get_int (record, "provision-id"), error);
  if (provision == NULL ||
      !query_cycle (self, pw_record_get_int (provision, "cycle-id"), &state, NULL, error))
    return FALSE;
  if (_pw_caseload_get_amending (self))
    return TRUE;
  if (!refuse_closed (state, error))
    return FALSE;
  if (g_strcmp0 (state, "do") != 0 && g_strcmp0 (state, "review") != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_STATE, NULL,
                            _("Sessions are logged once the plan is being delivered (Do)"));
  return not_before_text (record, "date", pw_record_get_text (provision, "start-date"),
                          _("the start of the provision"), error);
}

static gboolean
rating_check (PwCaseload *self, PwRecord *record, GError **error)
{
  g_autofree char *state = NULL;
  gint64 cycle_id = 0;

  if (!_pw_caseload_query_int (self, "SELECT cycle_id FROM outcome WHERE id = ?",
                               pw_record_get_int (record, "outcome-id"), 0, &cycle_id, error) ||
      !query_cycle (self, cycle_id, &state, NULL, error))
    return FALSE;
  if (_pw_caseload_get_amending (self))
    return TRUE;
  if (!refuse_closed (state, error))
    return FALSE;
  if (g_strcmp0 (state, "review") != 0)
    return _pw_record_fail (error, PW_RECORD_ERROR_STATE, NULL,
                            _("Outcomes are rated at the review"));
  return refuse_duplicate (self, record,
                           "SELECT 1 FROM rating WHERE outcome_id = :outcome_id AND id <> :id",
                           _("This outcome is already rated; change that rating instead"),
                           error);
}

/* Others ------------------------------------------------------------------------- */

static gboolean
attendance_check (PwCaseload *self, PwRecord *record, GError **error)
{
  return refuse_duplicate (self, record,
                           "SELECT 1 FROM attendance WHERE child_id = :child_id AND "
                           "academic_year = :academic_year AND term = :term AND id <> :id",
                           _("Attendance for this term is already recorded; change it "
                             "instead"), error);
}

static gboolean
amendment_check (PwCaseload *self, PwRecord *record, GError **error)
{
  if (_pw_caseload_get_amending (self) && pw_record_get_id (record) == 0)
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                          _("Amendments are made by correcting a closed record, and are never "
                            "edited"));
}

static const PwTableRules rules[] = {
  { "child", child_prepare, child_check, NULL },
  { "level_change", level_change_prepare, level_change_check, level_change_after },
  { "need", need_prepare, need_check, NULL },
  { "cycle", cycle_prepare, cycle_check, cycle_after },
  { "outcome", NULL, outcome_check, NULL },
  { "provision", NULL, provision_check, NULL },
  { "session", NULL, session_check, NULL },
  { "rating", NULL, rating_check, NULL },
  { "attendance", NULL, attendance_check, NULL },
  { "amendment", NULL, amendment_check, NULL },
};

const PwTableRules *
_pw_caseload_rules_for (const char *table)
{
  static const PwTableRules none = { NULL, NULL, NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].table, table) == 0)
      return &rules[i];
  return &none;
}
