/* pw-caseload-cycles.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* APDR cycles: Assess -> Plan -> Do -> Review -> closed.
 *
 * A cycle moves on only when what its stage needs is recorded; the
 * "blockers" say what is missing, in words a SENCO would use, so the
 * application can show them beside the button that moves on.  A closed
 * cycle is read-only; a correction is an amendment that keeps the old text.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-caseload-private.h"
#include "pw-record-private.h"

static const char *const stages[] = { "assess", "plan", "do", "review", "closed" };

static const char *
next_stage (const char *state)
{
  for (guint i = 0; i + 1 < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (stages[i], state) == 0)
      return stages[i + 1];
  return NULL;
}

static void
add_missing_assess (PwRecord *cycle, GPtrArray *missing)
{
  if (!pw_record_is_set (cycle, "needs-summary"))
    g_ptr_array_add (missing, g_strdup (_("Describe the child’s needs")));
}

static gboolean
add_missing_plan (PwCaseload *self, PwRecord *cycle, GPtrArray *missing, GError **error)
{
  gint64 outcomes = 0;

  if (!_pw_caseload_query_int (self, "SELECT count(*) FROM outcome WHERE cycle_id = ?",
                               pw_record_get_id (cycle), 0, &outcomes, error))
    return FALSE;
  if (outcomes == 0)
    g_ptr_array_add (missing, g_strdup (_("Add at least one outcome")));
  if (!pw_record_is_set (cycle, "review-date"))
    g_ptr_array_add (missing, g_strdup (_("Set a review date")));
  return TRUE;
}

static gboolean
add_missing_review (PwCaseload *self, PwRecord *cycle, GPtrArray *missing, GError **error)
{
  gint64 unrated = 0;

  if (!_pw_caseload_query_int (self, "SELECT count(*) FROM outcome WHERE cycle_id = ? AND "
                               "id NOT IN (SELECT outcome_id FROM rating)",
                               pw_record_get_id (cycle), 0, &unrated, error))
    return FALSE;
  if (unrated > 0)
    g_ptr_array_add (missing, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Rate the outcome not yet rated",
                                                            "Rate the %d outcomes not yet rated",
                                                            unrated), (int) unrated));
  if (!pw_record_is_set (cycle, "review-held-on"))
    g_ptr_array_add (missing, g_strdup (_("Record the date the review was held")));
  if (!pw_record_is_set (cycle, "decision"))
    g_ptr_array_add (missing, g_strdup (_("Record the decision")));
  return TRUE;
}

static GPtrArray *
find_blockers (PwCaseload *self, PwRecord *cycle, GError **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  const char *state = pw_record_get_text (cycle, "state");
  gboolean ok = TRUE;

  if (g_strcmp0 (state, "assess") == 0)
    add_missing_assess (cycle, missing);
  else if (g_strcmp0 (state, "plan") == 0)
    ok = add_missing_plan (self, cycle, missing, error);
  else if (g_strcmp0 (state, "review") == 0)
    ok = add_missing_review (self, cycle, missing, error);
  else if (g_strcmp0 (state, "closed") == 0)
    g_ptr_array_add (missing, g_strdup (_("The cycle is closed")));
  return ok ? g_steal_pointer (&missing) : NULL;
}

static gboolean
move_on (PwCaseload *self, PwRecord *cycle, GError **error)
{
  const char *next = next_stage (pw_record_get_text (cycle, "state"));
  gboolean closing = g_strcmp0 (next, "closed") == 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "UPDATE cycle SET state = ?, closed_on = ?, "
                               PW_SQL_TOUCH " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, next, -1, SQLITE_STATIC);
  if (closing)
    sqlite3_bind_text (stmt, 2, pw_record_get_text (cycle, "review-held-on"), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, pw_record_get_id (cycle));
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  if (rc != SQLITE_DONE)
    return _pw_caseload_sql_error (self, error);
  return _pw_caseload_refresh_next_review (self, pw_record_get_int (cycle, "child-id"),
                                           error) &&
         _pw_caseload_audit (self, closing ? "close" : next, "cycle",
                             pw_record_get_uuid (cycle), error);
}

static gboolean
check_not_archived (PwCaseload *self, PwRecord *cycle, GError **error)
{
  g_autoptr(PwRecord) child = _pw_caseload_load (self, PW_TYPE_CHILD,
                                                 pw_record_get_int (cycle, "child-id"), error);

  if (child == NULL)
    return FALSE;
  if (!pw_record_is_set (child, "archived-on"))
    return TRUE;
  return _pw_record_fail (error, PW_RECORD_ERROR_READ_ONLY, NULL,
                          _("The child’s record is archived; restore it to make changes"));
}

static gboolean
advance (PwCaseload *self, PwRecord *cycle, GError **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *list = NULL;

  if (!_pw_caseload_reload (self, cycle, error) || !check_not_archived (self, cycle, error))
    return FALSE;
  missing = find_blockers (self, cycle, error);
  if (missing == NULL)
    return FALSE;
  if (missing->len > 0)
    {
      list = g_strjoinv ("; ", (char **) missing->pdata);
      g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_STATE,
                   _("The cycle cannot move on yet: %s"), list);
      return FALSE;
    }
  if (!move_on (self, cycle, error))
    return FALSE;
  _pw_caseload_queue_change (self, "cycle", pw_record_get_int (cycle, "child-id"));
  return _pw_caseload_reload (self, cycle, error);
}

/**
 * pw_caseload_open_cycle:
 * @child_id: the child
 * @opened_on: the date the cycle starts (assessment begins)
 *
 * Starts the child's next APDR cycle, at Assess.  A child has one open
 * cycle at a time.
 *
 * Returns: (transfer full): the new cycle, or %NULL
 */
PwCycle *
pw_caseload_open_cycle (PwCaseload  *self,
                        gint64       child_id,
                        const char  *opened_on,
                        GError     **error)
{
  g_autoptr(PwRecord) cycle = pw_record_new (PW_TYPE_CYCLE);

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  pw_record_set_int (cycle, "child-id", child_id);
  pw_record_set_text (cycle, "opened-on", opened_on);
  if (!pw_caseload_save (self, cycle, error))
    return NULL;
  return PW_CYCLE (g_steal_pointer (&cycle));
}

/**
 * pw_caseload_get_open_cycle:
 *
 * Returns: (transfer full) (nullable): the child's open cycle; %NULL with
 *   no error when there is none
 */
PwCycle *
pw_caseload_get_open_cycle (PwCaseload  *self,
                            gint64       child_id,
                            GError     **error)
{
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);

  if (!_pw_caseload_begin (self, error))
    return NULL;
  ok = _pw_caseload_query_int (self, "SELECT id FROM cycle WHERE child_id = ? AND "
                               "state <> 'closed'", child_id, 0, &id, error);
  _pw_caseload_finish (self, ok, NULL);
  if (!ok || id == 0)
    return NULL;
  return PW_CYCLE (pw_caseload_load (self, PW_TYPE_CYCLE, id, error));
}

/**
 * pw_caseload_cycle_blockers:
 *
 * Returns: (transfer full): what must be recorded before @cycle can move
 *   on, as sentences; empty when it can
 */
char **
pw_caseload_cycle_blockers (PwCaseload  *self,
                            PwCycle     *cycle,
                            GError     **error)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (PW_IS_CASELOAD (self), NULL);
  g_return_val_if_fail (PW_IS_CYCLE (cycle), NULL);

  if (!_pw_caseload_begin (self, error))
    return NULL;
  missing = find_blockers (self, PW_RECORD (cycle), error);
  _pw_caseload_finish (self, missing != NULL, NULL);
  return missing != NULL ? (char **) g_ptr_array_free (g_steal_pointer (&missing), FALSE) : NULL;
}

/**
 * pw_caseload_advance_cycle:
 *
 * Moves @cycle to its next stage (from Review, closes it), if nothing is
 * missing.  @cycle is reloaded first, so unsaved edits are dropped: save
 * them before.
 */
gboolean
pw_caseload_advance_cycle (PwCaseload  *self,
                           PwCycle     *cycle,
                           GError     **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_CYCLE (cycle), FALSE);

  if (!_pw_caseload_begin (self, error))
    return FALSE;
  return _pw_caseload_finish (self, advance (self, PW_RECORD (cycle), error), error);
}

/* Amendments --------------------------------------------------------------------- */

static gboolean
is_closed_record (PwCaseload *self, PwRecord *record, gboolean *closed, GError **error)
{
  gint64 cycle_id = 0;
  gint64 value = 0;

  if (PW_IS_CYCLE (record))
    cycle_id = pw_record_get_id (record);
  else if (PW_IS_OUTCOME (record) || PW_IS_PROVISION (record))
    cycle_id = pw_record_get_int (record, "cycle-id");
  else if (PW_IS_RATING (record) &&
           !_pw_caseload_query_int (self, "SELECT cycle_id FROM outcome WHERE id = ?",
                                    pw_record_get_int (record, "outcome-id"), 0, &cycle_id,
                                    error))
    return FALSE;
  else if (PW_IS_SESSION (record) &&
           !_pw_caseload_query_int (self, "SELECT cycle_id FROM provision WHERE id = ?",
                                    pw_record_get_int (record, "provision-id"), 0, &cycle_id,
                                    error))
    return FALSE;
  *closed = FALSE;
  if (cycle_id == 0)
    return TRUE;
  if (!_pw_caseload_query_int (self, "SELECT state = 'closed' FROM cycle WHERE id = ?",
                               cycle_id, 0, &value, error))
    return FALSE;
  *closed = value != 0;
  return TRUE;
}

static gboolean
write_amendment (PwCaseload *self, PwRecord *record, const PwField *field,
                 const char *new_text, const char *reason, GError **error)
{
  g_autoptr(PwRecord) amendment = pw_record_new (PW_TYPE_AMENDMENT);
  g_autofree char *old_text = pw_record_format_field (record, field->name);

  pw_record_set_int (amendment, "child-id", _pw_caseload_child_of (record));
  pw_record_set_text (amendment, "record-table", pw_record_get_table (record));
  pw_record_set_text (amendment, "record-uuid", pw_record_get_uuid (record));
  pw_record_set_text (amendment, "field", field->name);
  pw_record_set_text (amendment, "old-text", old_text);
  pw_record_set_text (amendment, "new-text", new_text);
  pw_record_set_text (amendment, "reason", reason);
  if (!_pw_caseload_save (self, amendment, error))
    return FALSE;
  pw_record_set_text (record, field->name, new_text);
  return _pw_caseload_save (self, record, error);
}

static gboolean
amend (PwCaseload *self, PwRecord *record, const char *name, const char *new_text,
       const char *reason, GError **error)
{
  const PwField *field = _pw_record_field (record, name);
  gboolean closed = FALSE;

  if (!_pw_caseload_reload (self, record, error) ||
      !is_closed_record (self, record, &closed, error))
    return FALSE;
  if (!closed)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, NULL,
                            _("Only records of a closed cycle are amended; edit this one "
                              "directly"));
  if (field == NULL || (field->flags & PW_FIELD_DERIVED) != 0 ||
      field->type == PW_FIELD_INT || field->type == PW_FIELD_BOOL ||
      field->type == PW_FIELD_REF)
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, NULL,
                            _("Only text, dates and codes can be amended"));
  _pw_caseload_set_amending (self, TRUE);
  closed = write_amendment (self, record, field, new_text, reason, error);
  _pw_caseload_set_amending (self, FALSE);
  if (!closed)
    _pw_caseload_reload (self, record, NULL);
  return closed;
}

/**
 * pw_caseload_amend:
 * @record: a record of a closed cycle (the cycle, an outcome, a provision,
 *   a session or a rating)
 * @field: the text, date or code field to correct
 * @new_text: the corrected value
 * @reason: why it is corrected
 *
 * Corrects a closed record.  The old text is kept in an amendment, with who
 * made it, when and why, and the amendment shows in the chronology.
 */
gboolean
pw_caseload_amend (PwCaseload  *self,
                   PwRecord    *record,
                   const char  *field,
                   const char  *new_text,
                   const char  *reason,
                   GError     **error)
{
  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (PW_IS_RECORD (record), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_pw_caseload_begin (self, error))
    return FALSE;
  return _pw_caseload_finish (self, amend (self, record, field, new_text, reason, error), error);
}
