/* test-rules.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rules of the Graduated Pathway as a user meets them: every refused
 * write names the field and the rule and leaves the store as it was; the
 * level history, the APDR cycle and its closed records, archive, counts,
 * search, chronology and the "changed" signal.  Written from the
 * specification, not from the code: each test is something a SENCO or a
 * family worker would notice. */

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-chronology-entry.h"
#include "pw-test-util.h"

#define TODAY     "2026-11-23"
#define TOMORROW  "2026-11-24"
#define DOB       "2016-03-14"
#define OPENED_ON "2026-09-08"
#define NHS_OK    "9434765919"

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
} Fixture;

typedef void (*FixtureFunc) (Fixture *f, gconstpointer data);

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->caseload = pw_test_caseload_new (&f->td, &f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pw_test_caseload_free (&f->td, f->store, f->caseload);
}

/* Helpers ----------------------------------------------------------------------- */

static gint64
audit_entries (Fixture *f)
{
  return pw_test_count_rows (f->store, "audit");
}

/* Every field of @record, as text, with its identity. */
static char *
describe (PwRecord *record)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s #%" G_GINT64_FORMAT " %s %s", klass->table,
                          pw_record_get_id (record), pw_record_get_uuid (record),
                          pw_record_get_updated_at (record));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *value = pw_record_format_field (record, klass->fields[i].name);

      g_string_append_printf (text, " | %s=%s", klass->fields[i].name,
                              value != NULL ? value : "(unset)");
    }
  return g_string_free (text, FALSE);
}

static PwRecord *
load (Fixture *f, GType type, gint64 id)
{
  g_autoptr(GError) error = NULL;
  PwRecord *record = pw_caseload_load (f->caseload, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static char *
describe_stored (Fixture *f, PwRecord *record)
{
  g_autoptr(PwRecord) stored = load (f, G_OBJECT_TYPE (record), pw_record_get_id (record));

  return describe (stored);
}

static void
save_ok (Fixture *f, PwRecord *record)
{
  pw_test_save_ok (f->caseload, record);
}

/* Saving @record is refused with @code (-1: any PwRecordError), the message
 * names @label (if not NULL) and holds @rule (if not NULL), and nothing is
 * written: no row, no audit entry, the stored record as it was, and a new
 * record still new. */
static void
save_refused (Fixture    *f,
              PwRecord   *record,
              int         code,
              const char *label,
              const char *rule)
{
  g_autoptr(GError) error = NULL;
  const char *table = pw_record_get_table (record);
  gint64 id = pw_record_get_id (record);
  gint64 rows = pw_test_count_rows (f->store, table);
  gint64 audit = audit_entries (f);
  g_autofree char *before = id != 0 ? describe_stored (f, record) : NULL;
  g_autofree char *after = NULL;

  g_assert_false (pw_caseload_save (f->caseload, record, &error));
  g_assert_nonnull (error);
  if (code >= 0)
    g_assert_error (error, PW_RECORD_ERROR, code);
  else
    g_assert_true (error->domain == PW_RECORD_ERROR);
  if (label != NULL)
    pw_test_assert_message_contains (error, label);
  if (rule != NULL)
    pw_test_assert_message_contains (error, rule);
  g_assert_cmpint (pw_test_count_rows (f->store, table), ==, rows);
  g_assert_cmpint (audit_entries (f), ==, audit);
  g_assert_cmpint (pw_record_get_id (record), ==, id);
  if (id == 0)
    return;
  after = describe_stored (f, record);
  g_assert_cmpstr (after, ==, before);
}

static PwRecord *
new_child (const char *given, const char *family)
{
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);

  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", family);
  pw_record_set_text (child, "date-of-birth", DOB);
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  return child;
}

static PwRecord *
add_child (Fixture *f, const char *given, const char *family)
{
  PwRecord *child = new_child (given, family);

  save_ok (f, child);
  return child;
}

static PwRecord *
new_for (GType type, PwRecord *child)
{
  PwRecord *record = pw_record_new (type);

  pw_record_set_int (record, "child-id", pw_record_get_id (child));
  return record;
}

static PwRecord *
new_note (PwRecord *child, const char *date, const char *text)
{
  PwRecord *note = new_for (PW_TYPE_NOTE, child);

  pw_record_set_text (note, "event-date", date);
  pw_record_set_text (note, "text", text);
  return note;
}

static PwRecord *
new_level_change (PwRecord *child, const char *date, gint64 to)
{
  PwRecord *change = new_for (PW_TYPE_LEVEL_CHANGE, child);

  pw_record_set_text (change, "date", date);
  pw_record_set_int (change, "to-level", to);
  pw_record_set_text (change, "reason", "Agreed at the TAF meeting");
  pw_record_set_text (change, "route", "other");
  pw_record_set_text (change, "decided-by", "TAF meeting");
  return change;
}

static PwRecord *
new_consent (PwRecord *child)
{
  PwRecord *consent = new_for (PW_TYPE_CONSENT, child);

  pw_record_set_text (consent, "given-on", "2026-09-01");
  pw_record_set_text (consent, "given-by", "Mother");
  pw_record_set_text (consent, "scope", "The whole plan and the review notes");
  pw_record_set_text (consent, "agencies", "camhs,education-setting");
  return consent;
}

static PwRecord *
new_need (PwRecord *child, const char *type, gint64 rank)
{
  PwRecord *need = new_for (PW_TYPE_NEED, child);

  pw_record_set_text (need, "type", type);
  pw_record_set_int (need, "rank", rank);
  return need;
}

static PwRecord *
open_cycle (Fixture *f, PwRecord *child, const char *opened_on)
{
  g_autoptr(GError) error = NULL;
  PwCycle *cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), opened_on,
                                           &error);

  g_assert_no_error (error);
  g_assert_nonnull (cycle);
  return PW_RECORD (cycle);
}

static PwRecord *
new_outcome (PwRecord *cycle, const char *text)
{
  PwRecord *outcome = pw_record_new (PW_TYPE_OUTCOME);

  pw_record_set_int (outcome, "child-id", pw_record_get_int (cycle, "child-id"));
  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (outcome, "description", text);
  pw_record_set_text (outcome, "success-criteria", "Reads 40 words a minute");
  return outcome;
}

static PwRecord *
add_outcome (Fixture *f, PwRecord *cycle, const char *text)
{
  PwRecord *outcome = new_outcome (cycle, text);

  save_ok (f, outcome);
  return outcome;
}

static PwRecord *
add_provision (Fixture *f, PwRecord *cycle, PwRecord *outcome)
{
  PwRecord *provision = pw_record_new (PW_TYPE_PROVISION);

  pw_record_set_int (provision, "child-id", pw_record_get_int (cycle, "child-id"));
  pw_record_set_int (provision, "cycle-id", pw_record_get_id (cycle));
  if (outcome != NULL)
    pw_record_set_int (provision, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (provision, "intervention", "Phonics catch-up");
  pw_record_set_text (provision, "frequency", "Three times a week");
  pw_record_set_text (provision, "delivered-by", "Teaching assistant");
  pw_record_set_text (provision, "start-date", pw_record_get_text (cycle, "opened-on"));
  save_ok (f, provision);
  return provision;
}

static PwRecord *
new_session (PwRecord *provision, const char *date)
{
  PwRecord *session = pw_record_new (PW_TYPE_SESSION);

  pw_record_set_int (session, "child-id", pw_record_get_int (provision, "child-id"));
  pw_record_set_int (session, "provision-id", pw_record_get_id (provision));
  pw_record_set_text (session, "date", date);
  pw_record_set_text (session, "delivered-by", "Teaching assistant");
  pw_record_set_int (session, "attended", TRUE);
  pw_record_set_text (session, "notes", "Blended six CVC words");
  return session;
}

static PwRecord *
new_rating (PwRecord *outcome, const char *progress)
{
  PwRecord *rating = pw_record_new (PW_TYPE_RATING);

  pw_record_set_int (rating, "child-id", pw_record_get_int (outcome, "child-id"));
  pw_record_set_int (rating, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (rating, "progress", progress);
  pw_record_set_text (rating, "evidence", "Phonics screening check");
  return rating;
}

static void
advance_ok (Fixture *f, PwRecord *cycle, const char *expected_state)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_no_error (error);
  if (expected_state != NULL)
    g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, expected_state);
}

/* The cycle cannot move on; the message says what is missing (any of
 * @missing, compared without case), and the stored stage is unchanged. */
static void
advance_blocked (Fixture *f, PwRecord *cycle, const char *missing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_stored (f, cycle);
  g_autofree char *after = NULL;
  g_autofree char *message = NULL;
  gint64 audit = audit_entries (f);

  g_assert_false (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_STATE);
  message = g_utf8_strdown (error->message, -1);
  if (strstr (message, missing) == NULL)
    g_test_message ("“%s” does not mention “%s”", error->message, missing);
  g_assert_nonnull (strstr (message, missing));
  after = describe_stored (f, cycle);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (audit_entries (f), ==, audit);
}

static guint
n_listed (Fixture *f, GType type, const char *field, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = pw_caseload_list (f->caseload, type, field, id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

/* Moves @cycle on until it reaches @target, recording what each stage needs. */
static void
drive_cycle (Fixture *f, PwRecord *cycle, const char *target)
{
  while (g_strcmp0 (pw_record_get_text (cycle, "state"), target) != 0)
    {
      const char *state = pw_record_get_text (cycle, "state");

      if (g_str_equal (state, "assess"))
        {
          if (!pw_record_is_set (cycle, "needs-summary"))
            pw_record_set_text (cycle, "needs-summary", "Phonics gaps; slow decoding");
          save_ok (f, cycle);
        }
      else if (g_str_equal (state, "plan"))
        {
          if (n_listed (f, PW_TYPE_OUTCOME, "cycle-id", pw_record_get_id (cycle)) == 0)
            g_object_unref (add_outcome (f, cycle, "Decode CVC words"));
          if (!pw_record_is_set (cycle, "review-date"))
            pw_record_set_text (cycle, "review-date", "2026-12-01");
          save_ok (f, cycle);
        }
      else if (g_str_equal (state, "review"))
        {
          g_autoptr(GListModel) outcomes = pw_caseload_list (f->caseload, PW_TYPE_OUTCOME,
                                                             "cycle-id",
                                                             pw_record_get_id (cycle), NULL);

          for (guint i = 0; i < g_list_model_get_n_items (outcomes); i++)
            {
              g_autoptr(PwRecord) outcome = g_list_model_get_item (outcomes, i);

              if (n_listed (f, PW_TYPE_RATING, "outcome-id", pw_record_get_id (outcome)) == 0)
                {
                  g_autoptr(PwRecord) rating = new_rating (outcome, "met");

                  save_ok (f, rating);
                }
            }
          if (!pw_record_is_set (cycle, "review-held-on"))
            pw_record_set_text (cycle, "review-held-on", TODAY);
          if (!pw_record_is_set (cycle, "decision"))
            pw_record_set_text (cycle, "decision", "new-cycle");
          save_ok (f, cycle);
        }
      advance_ok (f, cycle, NULL);
    }
}

static PwRecord *
worker (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pw_caseload_ensure_worker (f->caseload, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return load (f, PW_TYPE_WORKER, id);
}

static gint64
worker_id (Fixture *f, const char *name)
{
  g_autoptr(PwRecord) record = worker (f, name);

  return pw_record_get_id (record);
}

static char *
repeat (const char *unit, guint times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static PwCaseloadStats
stats (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PwCaseloadStats s;

  g_assert_true (pw_caseload_get_stats (f->caseload, &s, &error));
  g_assert_no_error (error);
  return s;
}

/* Child --------------------------------------------------------------------------- */

static void
test_child_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Zoë", "Ashdown");
  g_autoptr(PwRecord) loaded = NULL;
  g_autofree char *upn = pw_test_make_upn (916, 1, '\0');
  g_autofree char *lower = g_ascii_strdown (upn, -1);
  gint64 key = worker_id (f, "Kim Keyworker");
  gint64 lead = worker_id (f, "Lee Lead");

  g_assert_cmpint (worker_id (f, "kim KEYWORKER"), ==, key);
  pw_record_set_text (child, "preferred-name", "Zo");
  pw_record_set_text (child, "upn", lower);
  pw_record_set_text (child, "nhs-number", "943 476 5919");
  pw_record_set_text (child, "year-group", "5");
  pw_record_set_text (child, "ethnicity", "MWBC");
  pw_record_set_text (child, "first-language", "Polish");
  pw_record_set_int (child, "eal", TRUE);
  pw_record_set_int (child, "looked-after", TRUE);
  pw_record_set_int (child, "pupil-premium", TRUE);
  pw_record_set_text (child, "trusted-adult", "Mrs Patel, the librarian");
  pw_record_set_int (child, "key-worker-id", key);
  pw_record_set_int (child, "lead-practitioner-id", lead);
  save_ok (f, child);

  loaded = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (loaded, "legal-given-name"), ==, "Zoë");
  g_assert_cmpstr (pw_record_get_text (loaded, "preferred-name"), ==, "Zo");
  g_assert_cmpstr (pw_record_get_text (loaded, "upn"), ==, upn);
  g_assert_false (pw_record_get_int (loaded, "upn-temporary"));
  g_assert_cmpstr (pw_record_get_text (loaded, "nhs-number"), ==, NHS_OK);
  g_assert_cmpstr (pw_record_get_text (loaded, "year-group"), ==, "5");
  g_assert_cmpstr (pw_record_get_text (loaded, "ethnicity"), ==, "MWBC");
  g_assert_true (pw_record_get_int (loaded, "eal"));
  g_assert_true (pw_record_get_int (loaded, "looked-after"));
  g_assert_false (pw_record_get_int (loaded, "child-protection"));
  g_assert_true (pw_record_get_int (loaded, "pupil-premium"));
  g_assert_cmpstr (pw_record_get_text (loaded, "trusted-adult"), ==, "Mrs Patel, the librarian");
  g_assert_cmpint (pw_record_get_int (loaded, "key-worker-id"), ==, key);
  g_assert_cmpint (pw_record_get_int (loaded, "lead-practitioner-id"), ==, lead);
  g_assert_cmpint (pw_record_get_int (loaded, "current-level"), ==, 0);
  g_assert_false (pw_record_is_set (loaded, "archived-on"));
}

static void
test_child_required (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *field;
    const char *label;
  } required[] = {
    { "legal-given-name", "Legal first name" },
    { "legal-family-name", "Legal last name" },
    { "date-of-birth", "Date of birth" },
    { "sex", "Sex" },
    { "sen-provision", "SEN provision" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(PwRecord) unset = new_child ("Ada", "Brook");
      g_autoptr(PwRecord) blank = new_child ("Ada", "Brook");

      pw_record_unset (unset, required[i].field);
      save_refused (f, unset, PW_RECORD_ERROR_INVALID, required[i].label, "required");
      pw_record_set_text (blank, required[i].field, "   ");
      save_refused (f, blank, PW_RECORD_ERROR_INVALID, required[i].label, "required");
    }
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 0);
}

static void
test_child_date_of_birth (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "2025-02-30", "2025-2-1", "2025-02-1", "2023-02-29", "2025-13-01", "2025-00-10",
    "2025-01-00", "2025-04-31", "25-01-01", "2025/01/01", "01-02-2025", "2025-01-01x",
    "2025-01 -01", "x2025-01-01", "2025-1-01", "twenty", "2025–01–01", TOMORROW, "2030-01-01",
  };
  g_autoptr(PwRecord) leap = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) today = new_child ("Bea", "Brook");
  g_autoptr(PwRecord) child = NULL;
  g_autoptr(PwRecord) future = new_child ("Cal", "Brook");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) record = new_child ("Ada", "Brook");

      g_test_message ("date of birth “%s”", bad[i]);
      pw_record_set_text (record, "date-of-birth", bad[i]);
      save_refused (f, record, PW_RECORD_ERROR_INVALID, "Date of birth", NULL);
    }

  pw_record_set_text (leap, "date-of-birth", "2024-02-29");
  save_ok (f, leap);
  pw_record_set_text (today, "date-of-birth", TODAY);
  save_ok (f, today);

  /* The rule's words for a date in the future. */
  pw_record_set_text (future, "date-of-birth", TOMORROW);
  save_refused (f, future, PW_RECORD_ERROR_INVALID, "Date of birth", "future");

  /* An update to an impossible date is refused and leaves the stored one. */
  child = load (f, PW_TYPE_CHILD, pw_record_get_id (leap));
  pw_record_set_text (child, "date-of-birth", "2025-02-30");
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Date of birth", NULL);
}

static void
test_child_codes (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *field;
    const char *value;
    const char *label;
  } bad[] = {
    { "sex", "X", "Sex" },
    { "sex", "Male", "Sex" },
    { "sen-provision", "S", "SEN provision" },
    { "sen-provision", "A", "SEN provision" },
    { "sen-provision", "P", "SEN provision" },
    { "sen-provision", "KE", "SEN provision" },
    { "ethnicity", "WBR", "Ethnicity" },
    { "ethnicity", "ZZZZ", "Ethnicity" },
    { "ethnicity", "White British", "Ethnicity" },
    { "year-group", "15", "Year group" },
    { "year-group", "Y5", "Year group" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) child = new_child ("Ada", "Brook");

      g_test_message ("%s “%s”", bad[i].field, bad[i].value);
      pw_record_set_text (child, bad[i].field, bad[i].value);
      save_refused (f, child, PW_RECORD_ERROR_INVALID, bad[i].label, NULL);
    }
}

/* Every code of the DfE tables is accepted, so the tables and the schema
 * agree. */
static void
test_child_every_code_accepted (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *field;
    PwCodeTable table;
  } coded[] = {
    { "sex", PW_CODES_SEX },
    { "ethnicity", PW_CODES_ETHNICITY },
    { "sen-provision", PW_CODES_SEN_PROVISION },
    { "year-group", PW_CODES_YEAR_GROUP },
  };
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) need = NULL;
  const PwCode *codes;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    {
      codes = pw_codes_get (coded[i].table, &n);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(PwRecord) stored = NULL;

          pw_record_set_text (child, coded[i].field, codes[j].code);
          save_ok (f, child);
          stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
          g_assert_cmpstr (pw_record_get_text (stored, coded[i].field), ==, codes[j].code);
        }
    }

  /* Every type of need, with its broad area derived. */
  codes = pw_codes_get (PW_CODES_SEN_NEED, &n);
  for (guint j = 0; j < n; j++)
    {
      g_autoptr(PwRecord) needy = add_child (f, codes[j].code, "Brook");
      g_autoptr(PwRecord) stored = NULL;

      need = new_need (needy, codes[j].code, 1);
      save_ok (f, need);
      stored = load (f, PW_TYPE_NEED, pw_record_get_id (need));
      g_assert_cmpstr (pw_record_get_text (stored, "type"), ==, codes[j].code);
      g_assert_cmpstr (pw_record_get_text (stored, "area"), ==,
                       pw_codes_need_area (codes[j].code));
      g_clear_object (&need);
    }
}

static void
test_child_upn (Fixture *f, gconstpointer data)
{
  g_autofree char *upn = pw_test_make_upn (916, 7, '\0');
  g_autofree char *temporary = pw_test_make_upn (916, 7, 'A');
  g_autofree char *wrong_check = g_strdup (upn);
  g_autofree char *not_english = pw_test_make_upn (101, 7, '\0');
  g_autofree char *letter_in_middle = g_strdup (upn);
  g_autofree char *temporary_i = g_strdup (temporary);
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) stored = NULL;
  const char *bad[6];

  wrong_check[0] = wrong_check[0] == 'A' ? 'B' : 'A';
  letter_in_middle[6] = 'X';
  temporary_i[12] = 'I';
  bad[0] = wrong_check;
  bad[1] = not_english;
  bad[2] = letter_in_middle;
  bad[3] = temporary_i;
  bad[4] = "W91620012400";    /* 12 characters */
  bad[5] = "W9162001240012";  /* 14 characters */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) record = new_child ("Ada", "Brook");

      g_test_message ("UPN “%s”", bad[i]);
      pw_record_set_text (record, "upn", bad[i]);
      save_refused (f, record, PW_RECORD_ERROR_INVALID, "UPN", NULL);
    }

  /* A temporary UPN is accepted and marked. */
  pw_record_set_text (child, "upn", temporary);
  save_ok (f, child);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (stored, "upn"), ==, temporary);
  g_assert_true (pw_record_get_int (stored, "upn-temporary"));
  g_clear_object (&stored);

  /* The permanent UPN replaces it, and the mark goes. */
  pw_record_set_text (child, "upn", upn);
  save_ok (f, child);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (stored, "upn"), ==, upn);
  g_assert_false (pw_record_get_int (stored, "upn-temporary"));
  g_clear_object (&stored);

  /* The mark follows the UPN, not what a caller says. */
  pw_record_set_int (child, "upn-temporary", TRUE);
  pw_caseload_save (f->caseload, child, NULL);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_false (pw_record_get_int (stored, "upn-temporary"));
}

static void
test_child_upn_unique (Fixture *f, gconstpointer data)
{
  g_autofree char *upn = pw_test_make_upn (916, 11, '\0');
  g_autofree char *other_upn = pw_test_make_upn (916, 12, '\0');
  g_autofree char *lower = g_ascii_strdown (upn, -1);
  g_autofree char *spaced = g_strdup_printf ("  %s ", lower);
  g_autoptr(PwRecord) first = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) second = new_child ("Bea", "Cole");
  g_autoptr(PwRecord) third = new_child ("Cal", "Dean");
  g_autoptr(PwChild) found = NULL;
  g_autoptr(GError) error = NULL;

  pw_record_set_text (first, "upn", upn);
  save_ok (f, first);
  pw_record_set_text (second, "upn", upn);
  save_refused (f, second, PW_RECORD_ERROR_CONFLICT, NULL, NULL);
  pw_record_set_text (second, "upn", spaced);
  save_refused (f, second, PW_RECORD_ERROR_CONFLICT, NULL, NULL);

  /* Taking another child's UPN by editing is refused too. */
  pw_record_set_text (third, "upn", other_upn);
  save_ok (f, third);
  pw_record_set_text (third, "upn", upn);
  save_refused (f, third, PW_RECORD_ERROR_CONFLICT, NULL, NULL);

  /* Children without a UPN are not duplicates of each other. */
  pw_record_unset (second, "upn");
  save_ok (f, second);
  g_clear_object (&second);
  second = add_child (f, "Dot", "Eve");

  found = pw_caseload_find_child_by_upn (f->caseload, lower, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (pw_record_get_id (PW_RECORD (found)), ==, pw_record_get_id (first));
}

static void
test_child_nhs_number (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "9434765918",    /* wrong check digit */
    "943476591",     /* nine digits */
    "94347659190",   /* eleven */
    "943-476-5919",
    "94347659l9",
    "1000000010",    /* check digit would be 10 */
  };
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) stored = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) record = new_child ("Ada", "Brook");

      g_test_message ("NHS number “%s”", bad[i]);
      pw_record_set_text (record, "nhs-number", bad[i]);
      save_refused (f, record, PW_RECORD_ERROR_INVALID, "NHS number", NULL);
    }

  /* Optional, and accepted as typed on a card. */
  save_ok (f, child);
  pw_record_set_text (child, "nhs-number", "943 476 5919");
  save_ok (f, child);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (stored, "nhs-number"), ==, NHS_OK);
}

static void
test_child_worker_refs (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");
  gint64 key = worker_id (f, "Kim Keyworker");
  gint64 setting;
  g_autoptr(GError) error = NULL;

  pw_record_set_int (child, "key-worker-id", key + 1000);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Key worker", NULL);
  pw_record_set_int (child, "key-worker-id", key);
  pw_record_set_int (child, "lead-practitioner-id", key + 1000);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Lead practitioner", NULL);
  pw_record_set_int (child, "lead-practitioner-id", key);

  /* A setting's id is not a worker's. */
  setting = pw_caseload_ensure_setting (f->caseload, "Hillview Primary", &error);
  g_assert_no_error (error);
  pw_record_set_int (child, "setting-id", setting + 1000);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Setting", NULL);
  pw_record_set_int (child, "setting-id", setting);
  save_ok (f, child);
}

static void
test_child_flags (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");

  pw_record_set_int (child, "looked-after", 2);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Looked after", NULL);
  pw_record_set_int (child, "looked-after", 1);
  pw_record_set_int (child, "child-protection", 1);
  save_ok (f, child);
}

/* Text: length, encoding, lines ------------------------------------------------- */

static void
test_text_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *ascii_200 = repeat ("a", 200);
  g_autofree char *ascii_201 = repeat ("a", 201);
  g_autofree char *accents_200 = repeat ("é", 200);
  g_autofree char *accents_201 = repeat ("é", 201);
  g_autofree char *prose_10000 = repeat ("abcdefghi\n", 1000);
  g_autofree char *prose_10001 = g_strconcat (prose_10000, "x", NULL);
  g_autoptr(PwRecord) child = NULL;
  g_autoptr(PwRecord) note = NULL;
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(PwRecord) record = NULL;

  record = new_child (ascii_201, "Brook");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Legal first name", "200");
  g_clear_object (&record);
  record = new_child (accents_201, "Brook");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Legal first name", "200");
  g_clear_object (&record);
  record = new_child ("Ada", "Brook");
  pw_record_set_text (record, "trusted-adult", ascii_201);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Trusted adult", "200");

  /* 200 characters is the limit, counted as characters, not bytes. */
  child = new_child (ascii_200, accents_200);
  save_ok (f, child);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (stored, "legal-family-name"), ==, accents_200);

  /* Prose: 10,000 characters, on as many lines as needed. */
  note = new_note (child, "2026-10-01", prose_10001);
  save_refused (f, note, PW_RECORD_ERROR_INVALID, "Note", "10");
  g_clear_object (&stored);
  g_clear_object (&record);
  record = new_note (child, "2026-10-01", g_strchomp (prose_10000));
  save_ok (f, record);
  stored = load (f, PW_TYPE_NOTE, pw_record_get_id (record));
  g_assert_cmpstr (pw_record_get_text (stored, "text"), ==, prose_10000);
}

static void
test_text_invalid_utf8 (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "Ad\xff", "Ad\xc3", "\xc0\xaf", "A\xed\xa0\x80" /* a surrogate */,
  };
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) record = new_child (bad[i], "Brook");
      g_autoptr(PwRecord) note = new_note (child, "2026-10-01", bad[i]);
      g_autoptr(PwRecord) stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));

      save_refused (f, record, PW_RECORD_ERROR_INVALID, "Legal first name", NULL);
      save_refused (f, note, PW_RECORD_ERROR_INVALID, "Note", NULL);
      pw_record_set_text (stored, "preferred-name", bad[i]);
      save_refused (f, stored, PW_RECORD_ERROR_INVALID, "Preferred name", NULL);
    }
}

static void
test_text_one_line (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = { "Ann\nMarie", "Ann\rMarie", "Ann\r\nMarie" };
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) note = NULL;
  g_autoptr(PwRecord) stored = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) record = new_child (bad[i], "Brook");
      g_autoptr(PwRecord) member = new_for (PW_TYPE_FAMILY_MEMBER, child);

      save_refused (f, record, PW_RECORD_ERROR_INVALID, "Legal first name", NULL);
      pw_record_set_text (member, "name", "Jo Brook");
      pw_record_set_text (member, "relationship", "mother");
      pw_record_set_text (member, "phone", bad[i]);
      save_refused (f, member, PW_RECORD_ERROR_INVALID, "Phone", NULL);
    }

  /* Prose keeps its lines. */
  note = new_note (child, "2026-10-01", "First line\nSecond line\n\nFourth");
  save_ok (f, note);
  stored = load (f, PW_TYPE_NOTE, pw_record_get_id (note));
  g_assert_cmpstr (pw_record_get_text (stored, "text"), ==, "First line\nSecond line\n\nFourth");
}

/* Dates of events ---------------------------------------------------------------- */

static void
test_events_before_birth (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) note = new_note (child, "2016-03-13", "Before she was born");
  g_autoptr(PwRecord) change = new_level_change (child, "2016-03-13", 1);
  g_autoptr(PwRecord) consent = new_consent (child);
  g_autoptr(PwRecord) on_the_day = new_note (child, DOB, "Born");
  g_autoptr(GError) error = NULL;
  PwCycle *cycle;

  save_refused (f, note, PW_RECORD_ERROR_INVALID, "Date", NULL);
  save_refused (f, change, PW_RECORD_ERROR_INVALID, "Date of the change", NULL);
  pw_record_set_text (consent, "given-on", "2010-01-01");
  save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Date", NULL);
  cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), "2015-09-01", &error);
  g_assert_null (cycle);
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
  pw_test_assert_message_contains (error, "Start date");
  g_assert_cmpint (pw_test_count_rows (f->store, "cycle"), ==, 0);
  save_ok (f, on_the_day);
}

static void
test_event_dates (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = { "2025-02-30", "2025-2-1", TOMORROW };
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwRecord) note = new_note (child, bad[i], "A note");
      g_autoptr(PwRecord) change = new_level_change (child, bad[i], 1);
      g_autoptr(PwRecord) consent = new_consent (child);
      g_autoptr(GError) error = NULL;
      PwCycle *cycle;

      save_refused (f, note, PW_RECORD_ERROR_INVALID, "Date", NULL);
      save_refused (f, change, PW_RECORD_ERROR_INVALID, "Date of the change", NULL);
      pw_record_set_text (consent, "given-on", bad[i]);
      save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Date", NULL);
      cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), bad[i], &error);
      g_assert_null (cycle);
      g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
      pw_test_assert_message_contains (error, "Start date");
    }
  g_assert_cmpint (pw_test_count_rows (f->store, "cycle"), ==, 0);
}

/* A date of birth corrected to after events already recorded would leave
 * those events before the child's birth. */
static void
test_date_of_birth_after_events (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) note = new_note (child, "2026-10-01", "Settled well");

  save_ok (f, note);
  pw_record_set_text (child, "date-of-birth", "2026-11-01");
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Date of birth", NULL);
}

/* Meetings and agency involvement are events in the chronology as well: they
 * cannot come before the child was born either. */
static void
test_chronology_events_before_birth (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) meeting = new_for (PW_TYPE_MEETING, child);
  g_autoptr(PwRecord) involvement = new_for (PW_TYPE_INVOLVEMENT, child);

  pw_record_set_text (meeting, "type", "taf");
  pw_record_set_text (meeting, "date", "2015-06-01");
  save_refused (f, meeting, PW_RECORD_ERROR_INVALID, "Meeting date", NULL);
  pw_record_set_text (involvement, "agency", "camhs");
  pw_record_set_text (involvement, "from-date", "2015-06-01");
  save_refused (f, involvement, PW_RECORD_ERROR_INVALID, "Involved from", NULL);
}

/* Consent ------------------------------------------------------------------------ */

static void
test_consent (Fixture *f, gconstpointer data)
{
  static const char *const bad_agencies[] = {
    "camhs,nasa", "camhs,", ",camhs", "camhs,,police", "CAMHS", "camhs,camhs", "camhs;police",
  };
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) consent = new_consent (child);
  g_autoptr(PwRecord) without = new_consent (child);
  g_autoptr(PwRecord) withdrawn = new_consent (child);

  pw_record_unset (consent, "given-by");
  save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Given by", NULL);
  pw_record_set_text (consent, "given-by", "Mother");
  pw_record_set_text (consent, "withdrawn-on", "2026-08-31");
  save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Withdrawn on", NULL);
  pw_record_set_text (consent, "withdrawn-on", TOMORROW);
  save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Withdrawn on", NULL);
  pw_record_unset (consent, "withdrawn-on");
  for (guint i = 0; i < G_N_ELEMENTS (bad_agencies); i++)
    {
      g_test_message ("agencies “%s”", bad_agencies[i]);
      pw_record_set_text (consent, "agencies", bad_agencies[i]);
      save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Agencies covered", NULL);
    }
  pw_record_unset (consent, "agencies");
  save_refused (f, consent, PW_RECORD_ERROR_INVALID, "Agencies covered", NULL);
  pw_record_set_text (consent, "agencies", "camhs,police,early-help");
  save_ok (f, consent);

  /* Shared without consent: no one gave it, and the reason is recorded. */
  pw_record_unset (without, "given-by");
  pw_record_set_text (without, "without-consent-reason",
                      "Asking would put the child at greater risk");
  save_ok (f, without);

  /* Withdrawn on the day it was given. */
  pw_record_set_text (withdrawn, "withdrawn-on", "2026-09-01");
  save_ok (f, withdrawn);

  /* An update that withdraws before the date given is refused. */
  pw_record_set_text (withdrawn, "withdrawn-on", "2026-08-01");
  save_refused (f, withdrawn, PW_RECORD_ERROR_INVALID, "Withdrawn on", NULL);
}

/* Needs -------------------------------------------------------------------------- */

static void
test_needs (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) primary = new_need (child, "SPLD", 1);
  g_autoptr(PwRecord) secondary = new_need (child, "ASD", 2);
  g_autoptr(PwRecord) another_primary = new_need (child, "HI", 1);
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(PwRecord) record = NULL;

  record = new_need (child, "XYZ", 1);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Type of need", NULL);
  g_clear_object (&record);
  record = new_need (child, "SPLD", 3);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Rank", NULL);
  g_clear_object (&record);
  record = new_need (child, "SPLD", 0);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Rank", NULL);
  g_clear_object (&record);
  record = new_for (PW_TYPE_NEED, child);
  pw_record_set_text (record, "type", "SPLD");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Rank", NULL);

  /* The broad area is derived, whatever the caller says. */
  pw_record_set_text (primary, "area", "SP");
  save_ok (f, primary);
  stored = load (f, PW_TYPE_NEED, pw_record_get_id (primary));
  g_assert_cmpstr (pw_record_get_text (stored, "area"), ==, "CL");
  save_ok (f, secondary);
  g_clear_object (&stored);
  stored = load (f, PW_TYPE_NEED, pw_record_get_id (secondary));
  g_assert_cmpstr (pw_record_get_text (stored, "area"), ==, "CI");

  /* One need per rank. */
  save_refused (f, another_primary, -1, NULL, NULL);
  pw_record_set_int (secondary, "rank", 1);
  save_refused (f, secondary, -1, NULL, NULL);
}

/* The broad area follows the type when the type is corrected. */
static void
test_need_area_follows_type (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) need = new_need (child, "SPLD", 1);
  g_autoptr(PwRecord) stored = NULL;

  save_ok (f, need);
  pw_record_set_text (need, "type", "SEMH");
  save_ok (f, need);
  g_assert_cmpstr (pw_record_get_text (need, "area"), ==, "SEMH");
  stored = load (f, PW_TYPE_NEED, pw_record_get_id (need));
  g_assert_cmpstr (pw_record_get_text (stored, "type"), ==, "SEMH");
  g_assert_cmpstr (pw_record_get_text (stored, "area"), ==, "SEMH");
}

static void
test_need_nsa (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) support = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) ehcp = new_child ("Bea", "Cole");
  g_autoptr(PwRecord) none = new_child ("Cal", "Dean");
  g_autoptr(PwRecord) nsa = new_need (support, "NSA", 1);
  g_autoptr(PwRecord) record = NULL;

  pw_record_set_text (ehcp, "sen-provision", "E");
  save_ok (f, ehcp);
  pw_record_set_text (none, "sen-provision", "N");
  save_ok (f, none);

  save_ok (f, nsa);
  record = new_need (ehcp, "NSA", 1);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Type of need", NULL);
  g_clear_object (&record);
  record = new_need (none, "NSA", 1);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Type of need", NULL);
}

/* A child with an NSA need cannot leave SEN support while the need says NSA:
 * otherwise the record breaks "NSA only with provision K" from the other
 * side. */
static void
test_need_nsa_provision_change (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) nsa = new_need (child, "NSA", 1);

  save_ok (f, nsa);
  pw_record_set_text (child, "sen-provision", "E");
  save_refused (f, child, PW_RECORD_ERROR_INVALID, NULL, NULL);
}

/* Levels of intervention ------------------------------------------------------- */

static gint64
current_level (Fixture *f, PwRecord *child)
{
  g_autoptr(PwRecord) stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));

  return pw_record_get_int (stored, "current-level");
}

static void
test_level_history (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) first = new_level_change (child, "2026-09-01", 2);
  g_autoptr(PwRecord) second = new_level_change (child, "2026-10-01", 1);
  g_autoptr(PwRecord) same_day = new_level_change (child, "2026-10-01", 2);
  g_autoptr(PwRecord) record = NULL;

  /* "From" is derived from the history, not taken from the caller. */
  pw_record_set_int (first, "from-level", 3);
  save_ok (f, first);
  g_assert_cmpint (pw_record_get_int (first, "from-level"), ==, 0);
  g_assert_cmpint (current_level (f, child), ==, 2);

  save_ok (f, second);
  g_assert_cmpint (pw_record_get_int (second, "from-level"), ==, 2);
  g_assert_cmpint (current_level (f, child), ==, 1);

  /* A change to the level the child is already at. */
  record = new_level_change (child, "2026-10-15", 1);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "New level", NULL);
  g_clear_object (&record);

  /* A change dated before the last one. */
  record = new_level_change (child, "2026-09-30", 2);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Date of the change", NULL);
  g_clear_object (&record);

  /* The same day as the last one is not before it. */
  save_ok (f, same_day);
  g_assert_cmpint (current_level (f, child), ==, 2);

  /* Out of range, unknown route, missing what is always recorded. */
  record = new_level_change (child, "2026-11-01", 5);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "New level", NULL);
  g_clear_object (&record);
  record = new_level_change (child, "2026-11-01", 0);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "New level", NULL);
  g_clear_object (&record);
  record = new_level_change (child, "2026-11-01", 1);
  pw_record_set_text (record, "route", "whim");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Route", NULL);
  pw_record_unset (record, "route");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Route", NULL);
  pw_record_set_text (record, "route", "step-down");
  pw_record_unset (record, "reason");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Reason", NULL);
  pw_record_set_text (record, "reason", "Needs met");
  pw_record_unset (record, "decided-by");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Decided by", NULL);
  g_assert_cmpint (pw_test_count_rows (f->store, "level_change"), ==, 3);
  g_assert_cmpint (current_level (f, child), ==, 2);
}

static void
test_level_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) change = new_level_change (child, "2026-09-01", 2);
  g_autoptr(PwRecord) stored = NULL;

  save_ok (f, change);
  stored = load (f, PW_TYPE_LEVEL_CHANGE, pw_record_get_id (change));
  pw_record_set_text (stored, "reason", "Rewritten reason");
  save_refused (f, stored, -1, NULL, NULL);
  pw_caseload_reload (f->caseload, stored, NULL);
  pw_record_set_int (stored, "to-level", 1);
  save_refused (f, stored, -1, NULL, NULL);
  pw_caseload_reload (f->caseload, stored, NULL);
  pw_record_set_text (stored, "date", "2026-08-01");
  save_refused (f, stored, -1, NULL, NULL);
  g_assert_cmpint (current_level (f, child), ==, 2);
}

/* The current level is derived: setting it on the child changes nothing. */
static void
test_level_not_set_directly (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) change = new_level_change (child, "2026-09-01", 2);
  g_autoptr(PwRecord) fresh = new_child ("Bea", "Cole");

  save_ok (f, change);
  pw_caseload_reload (f->caseload, child, NULL);
  pw_record_set_int (child, "current-level", 4);
  pw_caseload_save (f->caseload, child, NULL);
  g_assert_cmpint (current_level (f, child), ==, 2);

  pw_record_set_int (fresh, "current-level", 3);
  pw_caseload_save (f->caseload, fresh, NULL);
  if (pw_record_get_id (fresh) != 0)
    g_assert_cmpint (current_level (f, fresh), ==, 0);
  g_assert_cmpint (pw_test_count_rows (f->store, "level_change"), ==, 1);
}

static void
test_level_lead_practitioner (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) record = NULL;
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 lead = worker_id (f, "Lee Lead");
  gint64 other = worker_id (f, "Ola Other");
  gint64 rows = pw_test_count_rows (f->store, "level_change");

  /* Level 3 and 4 need a lead practitioner. */
  for (gint64 level = 3; level <= 4; level++)
    {
      record = new_level_change (child, "2026-09-01", level);
      g_assert_false (pw_caseload_save (f->caseload, record, &error));
      g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
      message = g_utf8_strdown (error->message, -1);
      g_assert_nonnull (strstr (message, "lead practitioner"));
      g_assert_cmpint (pw_record_get_id (record), ==, 0);
      g_clear_pointer (&message, g_free);
      g_clear_error (&error);
      g_clear_object (&record);
    }
  g_assert_cmpint (pw_test_count_rows (f->store, "level_change"), ==, rows);
  g_assert_cmpint (current_level (f, child), ==, 0);

  /* With one, the child can go to Level 3 ... */
  pw_record_set_int (child, "lead-practitioner-id", lead);
  save_ok (f, child);
  record = new_level_change (child, "2026-09-01", 3);
  save_ok (f, record);
  g_clear_object (&record);
  g_assert_cmpint (current_level (f, child), ==, 3);

  /* ... and then cannot lose the lead practitioner, but can change them. */
  pw_caseload_reload (f->caseload, child, NULL);
  pw_record_set_int (child, "lead-practitioner-id", 0);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Lead practitioner", NULL);
  pw_caseload_reload (f->caseload, child, NULL);
  pw_record_unset (child, "lead-practitioner-id");
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Lead practitioner", NULL);
  pw_caseload_reload (f->caseload, child, NULL);
  pw_record_set_int (child, "lead-practitioner-id", other);
  save_ok (f, child);

  /* Level 4 too. */
  record = new_level_change (child, "2026-10-01", 4);
  save_ok (f, record);
  g_clear_object (&record);
  pw_record_set_int (child, "lead-practitioner-id", 0);
  save_refused (f, child, PW_RECORD_ERROR_INVALID, "Lead practitioner", NULL);

  /* Stepped down to Level 2, the lead practitioner can be cleared. */
  pw_caseload_reload (f->caseload, child, NULL);
  record = new_level_change (child, "2026-11-01", 2);
  pw_record_set_text (record, "route", "step-down");
  save_ok (f, record);
  pw_caseload_reload (f->caseload, child, NULL);
  pw_record_set_int (child, "lead-practitioner-id", 0);
  save_ok (f, child);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpint (pw_record_get_int (stored, "lead-practitioner-id"), ==, 0);
}

/* APDR cycles -------------------------------------------------------------------- */

static void
test_cycle_blockers (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) first = NULL;
  g_autoptr(PwRecord) second = NULL;
  g_autoptr(PwRecord) third = NULL;
  g_autoptr(PwRecord) rating = NULL;
  g_auto(GStrv) blockers = NULL;

  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, "assess");
  g_assert_cmpint (pw_record_get_int (cycle, "number"), ==, 1);
  blockers = pw_caseload_cycle_blockers (f->caseload, PW_CYCLE (cycle), NULL);
  g_assert_nonnull (blockers);
  g_assert_cmpuint (g_strv_length (blockers), ==, 1);
  advance_blocked (f, cycle, "need");

  pw_record_set_text (cycle, "needs-summary", "Slow decoding");
  save_ok (f, cycle);
  advance_ok (f, cycle, "plan");

  /* Plan: an outcome and a review date, each on its own. */
  advance_blocked (f, cycle, "outcome");
  advance_blocked (f, cycle, "review date");
  pw_record_set_text (cycle, "review-date", "2026-12-01");
  save_ok (f, cycle);
  advance_blocked (f, cycle, "outcome");
  first = add_outcome (f, cycle, "Decode CVC words");
  second = add_outcome (f, cycle, "Read a level 3 book aloud");
  third = add_outcome (f, cycle, "Write a sentence unaided");
  g_clear_pointer (&blockers, g_strfreev);
  blockers = pw_caseload_cycle_blockers (f->caseload, PW_CYCLE (cycle), NULL);
  g_assert_cmpuint (g_strv_length (blockers), ==, 0);
  advance_ok (f, cycle, "do");
  advance_ok (f, cycle, "review");

  /* Review: every outcome rated, the date held and the decision. */
  advance_blocked (f, cycle, "rate");
  rating = new_rating (first, "met");
  save_ok (f, rating);
  g_clear_object (&rating);
  rating = new_rating (second, "exceeded");
  save_ok (f, rating);
  g_clear_object (&rating);
  pw_record_set_text (cycle, "review-held-on", "2026-11-20");
  pw_record_set_text (cycle, "decision", "step-up");
  save_ok (f, cycle);
  advance_blocked (f, cycle, "rate");
  rating = new_rating (third, "not-met");
  save_ok (f, rating);
  g_clear_object (&rating);

  pw_record_unset (cycle, "review-held-on");
  save_ok (f, cycle);
  advance_blocked (f, cycle, "held");
  pw_record_set_text (cycle, "review-held-on", "2026-11-20");
  pw_record_unset (cycle, "decision");
  save_ok (f, cycle);
  advance_blocked (f, cycle, "decision");
  pw_record_set_text (cycle, "decision", "step-up");
  save_ok (f, cycle);
  advance_ok (f, cycle, "closed");
  g_assert_cmpstr (pw_record_get_text (cycle, "closed-on"), ==, "2026-11-20");

  /* Nothing after closed. */
  advance_blocked (f, cycle, "closed");
}

static void
test_cycle_one_open (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) other = add_child (f, "Bea", "Cole");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) others = open_cycle (f, other, OPENED_ON);
  g_autoptr(PwRecord) direct = new_for (PW_TYPE_CYCLE, child);
  g_autoptr(PwRecord) next = NULL;
  g_autoptr(PwCycle) open = NULL;
  g_autoptr(GError) error = NULL;
  PwCycle *second;

  second = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), "2026-09-09", &error);
  g_assert_null (second);
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_CONFLICT);
  g_clear_error (&error);
  pw_record_set_text (direct, "opened-on", "2026-09-10");
  save_refused (f, direct, PW_RECORD_ERROR_CONFLICT, NULL, NULL);
  g_assert_cmpint (pw_test_count_rows (f->store, "cycle"), ==, 2);

  open = pw_caseload_get_open_cycle (f->caseload, pw_record_get_id (child), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_record_get_id (PW_RECORD (open)), ==, pw_record_get_id (cycle));

  /* Once closed, the next is number 2. */
  drive_cycle (f, cycle, "closed");
  next = open_cycle (f, child, TODAY);
  g_assert_cmpint (pw_record_get_int (next, "number"), ==, 2);
  g_assert_cmpstr (pw_record_get_text (next, "state"), ==, "assess");
}

/* The stage, number and closing date are the cycle's own: a caller cannot
 * write them. */
static void
test_cycle_state_not_writable (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) forged = new_for (PW_TYPE_CYCLE, child);
  g_autoptr(PwRecord) stored = NULL;

  pw_record_set_text (forged, "opened-on", OPENED_ON);
  pw_record_set_text (forged, "state", "review");
  pw_record_set_int (forged, "number", 7);
  pw_record_set_text (forged, "closed-on", OPENED_ON);
  save_ok (f, forged);
  stored = load (f, PW_TYPE_CYCLE, pw_record_get_id (forged));
  g_assert_cmpstr (pw_record_get_text (stored, "state"), ==, "assess");
  g_assert_cmpint (pw_record_get_int (stored, "number"), ==, 1);
  g_assert_false (pw_record_is_set (stored, "closed-on"));
  g_clear_object (&stored);

  pw_record_set_text (forged, "state", "closed");
  pw_record_set_text (forged, "closed-on", OPENED_ON);
  pw_caseload_save (f->caseload, forged, NULL);
  stored = load (f, PW_TYPE_CYCLE, pw_record_get_id (forged));
  g_assert_cmpstr (pw_record_get_text (stored, "state"), ==, "assess");
  g_assert_false (pw_record_is_set (stored, "closed-on"));
}

static void
test_cycle_review_date (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);

  pw_record_set_text (cycle, "review-date", "2026-09-07");
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review date", NULL);
  pw_record_set_text (cycle, "review-date", "2026-02-30");
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review date", NULL);
  pw_record_set_text (cycle, "review-date", "2026-9-30");
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review date", NULL);
  pw_record_set_text (cycle, "review-date", OPENED_ON);
  save_ok (f, cycle);
  /* A review date may be in the future. */
  pw_record_set_text (cycle, "review-date", "2027-01-15");
  save_ok (f, cycle);

  /* The review cannot be held before the cycle started, nor in the future. */
  pw_record_set_text (cycle, "review-held-on", "2026-09-01");
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review held on", NULL);
  pw_record_set_text (cycle, "review-held-on", TOMORROW);
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review held on", NULL);
}

static void
test_cycle_what_each_stage_takes (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) outcome = NULL;
  g_autoptr(PwRecord) provision = NULL;
  g_autoptr(PwRecord) record = NULL;

  /* Assess: outcomes yes; sessions and ratings no. */
  outcome = add_outcome (f, cycle, "Decode CVC words");
  provision = add_provision (f, cycle, outcome);
  record = new_session (provision, "2026-09-20");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  record = new_rating (outcome, "met");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);

  /* Plan: outcomes yes; sessions and ratings no. */
  drive_cycle (f, cycle, "plan");
  record = add_outcome (f, cycle, "Read aloud");
  g_clear_object (&record);
  record = new_session (provision, "2026-09-20");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  record = new_rating (outcome, "met");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);

  /* Do: sessions yes; outcomes and ratings no. */
  drive_cycle (f, cycle, "do");
  record = new_outcome (cycle, "A late outcome");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  record = new_session (provision, "2026-09-20");
  save_ok (f, record);
  g_clear_object (&record);
  record = new_rating (outcome, "met");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);

  /* Review: sessions and ratings yes; outcomes no. */
  drive_cycle (f, cycle, "review");
  record = new_outcome (cycle, "A later outcome");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  record = new_session (provision, "2026-11-02");
  save_ok (f, record);
  g_clear_object (&record);
  record = new_rating (outcome, "partly-met");
  save_ok (f, record);
  g_clear_object (&record);

  /* One rating per outcome. */
  record = new_rating (outcome, "met");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);

  /* A session in the future is refused. */
  record = new_session (provision, TOMORROW);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Session date", NULL);
}

/* The review date is mandatory from Plan on: it cannot be removed once the
 * plan is being delivered (the cycle would vanish from the overdue count). */
static void
test_cycle_review_date_stays (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);

  pw_record_set_text (cycle, "review-date", "2026-11-01");
  drive_cycle (f, cycle, "do");
  g_assert_cmpuint (stats (f).overdue_reviews, ==, 1);
  pw_record_unset (cycle, "review-date");
  save_refused (f, cycle, PW_RECORD_ERROR_INVALID, "Review date", NULL);
  g_assert_cmpuint (stats (f).overdue_reviews, ==, 1);
}

/* A closed cycle, its outcomes, provision, sessions and ratings are
 * read-only, old and new. */
static void
test_cycle_closed_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) outcome = add_outcome (f, cycle, "Decode CVC words");
  g_autoptr(PwRecord) provision = add_provision (f, cycle, outcome);
  g_autoptr(PwRecord) session = NULL;
  g_autoptr(PwRecord) rating = NULL;
  g_autoptr(PwRecord) record = NULL;

  drive_cycle (f, cycle, "do");
  session = new_session (provision, "2026-10-01");
  save_ok (f, session);
  drive_cycle (f, cycle, "review");
  rating = new_rating (outcome, "met");
  save_ok (f, rating);
  drive_cycle (f, cycle, "closed");

  pw_record_set_text (cycle, "next-steps", "Rewrite history");
  save_refused (f, cycle, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  pw_record_set_text (outcome, "description", "Rewrite history");
  save_refused (f, outcome, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  pw_record_set_text (provision, "frequency", "Never");
  save_refused (f, provision, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  pw_record_set_text (session, "notes", "Rewrite history");
  save_refused (f, session, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  pw_record_set_text (rating, "progress", "exceeded");
  save_refused (f, rating, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);

  record = new_outcome (cycle, "An outcome added afterwards");
  save_refused (f, record, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  g_clear_object (&record);
  record = new_session (provision, "2026-11-22");
  save_refused (f, record, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  g_clear_object (&record);
  record = new_rating (outcome, "exceeded");
  save_refused (f, record, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  g_clear_object (&record);
  record = pw_record_new (PW_TYPE_PROVISION);
  pw_record_set_int (record, "child-id", pw_record_get_id (child));
  pw_record_set_int (record, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (record, "intervention", "Late provision");
  pw_record_set_text (record, "frequency", "Daily");
  pw_record_set_text (record, "delivered-by", "TA");
  pw_record_set_text (record, "start-date", OPENED_ON);
  save_refused (f, record, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
}

typedef struct
{
  PwRecord *child;
  PwRecord *closed;
  PwRecord *closed_outcome;
  PwRecord *closed_provision;
  PwRecord *closed_session;
  PwRecord *closed_rating;
  PwRecord *open;
  PwRecord *open_outcome;
  PwRecord *open_provision;
} TwoCycles;

static void
two_cycles_clear (TwoCycles *t)
{
  g_clear_object (&t->child);
  g_clear_object (&t->closed);
  g_clear_object (&t->closed_outcome);
  g_clear_object (&t->closed_provision);
  g_clear_object (&t->closed_session);
  g_clear_object (&t->closed_rating);
  g_clear_object (&t->open);
  g_clear_object (&t->open_outcome);
  g_clear_object (&t->open_provision);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TwoCycles, two_cycles_clear)

/* A closed cycle 1 with one of each record, and cycle 2 open at @stage. */
static void
two_cycles (Fixture *f, TwoCycles *t, const char *stage)
{
  t->child = add_child (f, "Ada", "Brook");
  t->closed = open_cycle (f, t->child, "2026-09-01");
  t->closed_outcome = add_outcome (f, t->closed, "Decode CVC words");
  t->closed_provision = add_provision (f, t->closed, t->closed_outcome);
  drive_cycle (f, t->closed, "do");
  t->closed_session = new_session (t->closed_provision, "2026-09-10");
  save_ok (f, t->closed_session);
  drive_cycle (f, t->closed, "review");
  t->closed_rating = new_rating (t->closed_outcome, "met");
  save_ok (f, t->closed_rating);
  drive_cycle (f, t->closed, "closed");

  t->open = open_cycle (f, t->child, TODAY);
  t->open_outcome = add_outcome (f, t->open, "Read a level 3 book aloud");
  t->open_provision = add_provision (f, t->open, t->open_outcome);
  drive_cycle (f, t->open, stage);
}

/* Moving a closed cycle's outcome into the open cycle changes the closed
 * cycle (it loses an outcome its review rated). */
static void
test_cycle_closed_outcome_not_moved (Fixture *f, gconstpointer data)
{
  g_auto(TwoCycles) t = { 0 };

  two_cycles (f, &t, "plan");
  pw_record_set_int (t.closed_outcome, "cycle-id", pw_record_get_id (t.open));
  save_refused (f, t.closed_outcome, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
  g_assert_cmpuint (n_listed (f, PW_TYPE_OUTCOME, "cycle-id", pw_record_get_id (t.closed)), ==, 1);
}

static void
test_cycle_closed_provision_not_moved (Fixture *f, gconstpointer data)
{
  g_auto(TwoCycles) t = { 0 };

  two_cycles (f, &t, "plan");
  pw_record_set_int (t.closed_provision, "cycle-id", pw_record_get_id (t.open));
  pw_record_set_int (t.closed_provision, "outcome-id", pw_record_get_id (t.open_outcome));
  pw_record_set_text (t.closed_provision, "start-date", TODAY);
  save_refused (f, t.closed_provision, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
}

static void
test_cycle_closed_session_not_moved (Fixture *f, gconstpointer data)
{
  g_auto(TwoCycles) t = { 0 };

  two_cycles (f, &t, "do");
  pw_record_set_int (t.closed_session, "provision-id", pw_record_get_id (t.open_provision));
  pw_record_set_text (t.closed_session, "date", TODAY);
  save_refused (f, t.closed_session, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
}

static void
test_cycle_closed_rating_not_moved (Fixture *f, gconstpointer data)
{
  g_auto(TwoCycles) t = { 0 };

  two_cycles (f, &t, "review");
  pw_record_set_int (t.closed_rating, "outcome-id", pw_record_get_id (t.open_outcome));
  save_refused (f, t.closed_rating, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);
}

/* Amendments --------------------------------------------------------------------- */

static PwRecord *
only_amendment (Fixture *f, PwRecord *child)
{
  g_autoptr(GListModel) list = pw_caseload_list (f->caseload, PW_TYPE_AMENDMENT, "child-id",
                                                 pw_record_get_id (child), NULL);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

static void
test_amend (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) outcome = add_outcome (f, cycle, "Decode CVC wrods");
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(PwRecord) amendment = NULL;
  g_autoptr(GListModel) chronology = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit;
  gboolean listed = FALSE;

  drive_cycle (f, cycle, "closed");
  audit = audit_entries (f);
  g_assert_true (pw_caseload_amend (f->caseload, outcome, "description", "Decode CVC words",
                                    "Typo in the outcome", &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_entries (f), >, audit);

  stored = load (f, PW_TYPE_OUTCOME, pw_record_get_id (outcome));
  g_assert_cmpstr (pw_record_get_text (stored, "description"), ==, "Decode CVC words");
  g_assert_cmpstr (pw_record_get_text (outcome, "description"), ==, "Decode CVC words");

  amendment = only_amendment (f, child);
  g_assert_cmpstr (pw_record_get_text (amendment, "old-text"), ==, "Decode CVC wrods");
  g_assert_cmpstr (pw_record_get_text (amendment, "new-text"), ==, "Decode CVC words");
  g_assert_cmpstr (pw_record_get_text (amendment, "reason"), ==, "Typo in the outcome");
  g_assert_cmpstr (pw_record_get_text (amendment, "record-table"), ==, "outcome");
  g_assert_cmpstr (pw_record_get_text (amendment, "record-uuid"), ==,
                   pw_record_get_uuid (outcome));
  g_assert_cmpstr (pw_record_get_text (amendment, "field"), ==, "description");
  g_assert_cmpstr (pw_record_get_created_by (amendment), ==, "Sam Senco");

  chronology = pw_caseload_chronology (f->caseload, pw_record_get_id (child), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (chronology); i++)
    {
      g_autoptr(PwChronologyEntry) entry = g_list_model_get_item (chronology, i);
      PwRecord *record = pw_chronology_entry_get_record (entry);

      if (g_strcmp0 (pw_chronology_entry_get_kind (entry), "amendment") == 0)
        {
          g_assert_cmpstr (pw_record_get_uuid (record), ==, pw_record_get_uuid (amendment));
          listed = TRUE;
        }
    }
  g_assert_true (listed);

  /* Still read-only to a plain save. */
  pw_record_set_text (outcome, "description", "Something else");
  save_refused (f, outcome, PW_RECORD_ERROR_READ_ONLY, NULL, NULL);

  /* The amendment itself is never edited. */
  pw_record_set_text (amendment, "reason", "A different reason");
  save_refused (f, amendment, -1, NULL, NULL);
}

static void
assert_amend_refused (Fixture    *f,
                      PwRecord   *record,
                      const char *field,
                      const char *new_text,
                      const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_stored (f, record);
  g_autofree char *after = NULL;
  gint64 amendments = pw_test_count_rows (f->store, "amendment");
  gint64 audit = audit_entries (f);

  g_assert_false (pw_caseload_amend (f->caseload, record, field, new_text, reason, &error));
  g_assert_nonnull (error);
  after = describe_stored (f, record);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pw_test_count_rows (f->store, "amendment"), ==, amendments);
  g_assert_cmpint (audit_entries (f), ==, audit);
}

static void
test_amend_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) outcome = add_outcome (f, cycle, "Decode CVC words");
  g_autoptr(PwRecord) rating = NULL;
  g_autoptr(PwRecord) amendment = new_for (PW_TYPE_AMENDMENT, child);
  g_autoptr(PwRecord) note = new_note (child, "2026-10-01", "A note");
  g_autofree char *too_long = repeat ("x", 10001);

  /* Not closed yet: edit it directly. */
  assert_amend_refused (f, outcome, "description", "Decode words", "Typo");
  save_ok (f, note);
  assert_amend_refused (f, note, "text", "Another note", "Typo");

  drive_cycle (f, cycle, "review");
  rating = new_rating (outcome, "met");
  save_ok (f, rating);
  drive_cycle (f, cycle, "closed");

  /* No reason, a derived field, a broken value, no such field. */
  assert_amend_refused (f, outcome, "description", "Decode words", NULL);
  assert_amend_refused (f, outcome, "description", "Decode words", "");
  assert_amend_refused (f, cycle, "state", "review", "Reopen it");
  assert_amend_refused (f, cycle, "review-held-on", "2026-02-30", "Wrong date");
  assert_amend_refused (f, cycle, "review-held-on", TOMORROW, "Wrong date");
  assert_amend_refused (f, cycle, "review-held-on", "2026-09-01", "Before the start");
  assert_amend_refused (f, rating, "progress", "brilliant", "Wrong code");
  assert_amend_refused (f, outcome, "description", too_long, "Longer");
  assert_amend_refused (f, outcome, "description", NULL, "Required");
  assert_amend_refused (f, outcome, "no-such-field", "x", "Nothing");

  /* An amendment is made only by amending. */
  pw_record_set_text (amendment, "record-table", "outcome");
  pw_record_set_text (amendment, "record-uuid", pw_record_get_uuid (outcome));
  pw_record_set_text (amendment, "field", "description");
  pw_record_set_text (amendment, "old-text", "Forged");
  pw_record_set_text (amendment, "new-text", "Forged");
  pw_record_set_text (amendment, "reason", "Forged");
  save_refused (f, amendment, -1, NULL, NULL);
}

/* Records of different children -------------------------------------------------- */

static void
test_other_childs_records (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) ada = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) bea = add_child (f, "Bea", "Cole");
  g_autoptr(PwRecord) ada_cycle = open_cycle (f, ada, OPENED_ON);
  g_autoptr(PwRecord) bea_cycle = open_cycle (f, bea, OPENED_ON);
  g_autoptr(PwRecord) bea_outcome = add_outcome (f, bea_cycle, "Bea's outcome");
  g_autoptr(PwRecord) ada_outcome = add_outcome (f, ada_cycle, "Ada's outcome");
  g_autoptr(PwRecord) bea_provision = add_provision (f, bea_cycle, bea_outcome);
  g_autoptr(PwRecord) bea_meeting = new_for (PW_TYPE_MEETING, bea);
  g_autoptr(PwRecord) record = NULL;

  pw_record_set_text (bea_meeting, "type", "taf");
  pw_record_set_text (bea_meeting, "date", "2026-10-01");
  save_ok (f, bea_meeting);

  /* An outcome of Ada in Bea's cycle. */
  record = new_outcome (bea_cycle, "Cross-linked");
  pw_record_set_int (record, "child-id", pw_record_get_id (ada));
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Cycle", NULL);
  g_clear_object (&record);

  /* Ada's provision for Bea's outcome, in Ada's cycle. */
  record = pw_record_new (PW_TYPE_PROVISION);
  pw_record_set_int (record, "child-id", pw_record_get_id (ada));
  pw_record_set_int (record, "cycle-id", pw_record_get_id (ada_cycle));
  pw_record_set_int (record, "outcome-id", pw_record_get_id (bea_outcome));
  pw_record_set_text (record, "intervention", "Cross-linked");
  pw_record_set_text (record, "frequency", "Daily");
  pw_record_set_text (record, "delivered-by", "TA");
  pw_record_set_text (record, "start-date", OPENED_ON);
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Outcome", NULL);
  g_clear_object (&record);

  /* Ada's rating of Bea's outcome, Ada's session of Bea's provision. */
  drive_cycle (f, ada_cycle, "review");
  drive_cycle (f, bea_cycle, "review");
  record = new_rating (bea_outcome, "met");
  pw_record_set_int (record, "child-id", pw_record_get_id (ada));
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Outcome", NULL);
  g_clear_object (&record);
  record = new_session (bea_provision, "2026-10-01");
  pw_record_set_int (record, "child-id", pw_record_get_id (ada));
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Provision", NULL);
  g_clear_object (&record);

  /* Ada's attendee and action at Bea's meeting. */
  record = new_for (PW_TYPE_ATTENDEE, ada);
  pw_record_set_int (record, "meeting-id", pw_record_get_id (bea_meeting));
  pw_record_set_text (record, "name", "Jo Brook");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Meeting", NULL);
  g_clear_object (&record);
  record = new_for (PW_TYPE_MEETING_ACTION, ada);
  pw_record_set_int (record, "meeting-id", pw_record_get_id (bea_meeting));
  pw_record_set_text (record, "description", "Phone the GP");
  pw_record_set_text (record, "owner", "Jo Brook");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Meeting", NULL);
  g_clear_object (&record);

  /* Ada's contribution to Bea's cycle. */
  record = new_for (PW_TYPE_CONTRIBUTION, ada);
  pw_record_set_int (record, "cycle-id", pw_record_get_id (bea_cycle));
  pw_record_set_text (record, "agency", "camhs");
  pw_record_set_text (record, "person", "Dr Who");
  pw_record_set_text (record, "event-date", "2026-10-01");
  pw_record_set_text (record, "text", "Cross-linked");
  save_refused (f, record, PW_RECORD_ERROR_INVALID, "Cycle", NULL);
  g_clear_object (&record);

  /* Moving Ada's outcome to Bea by its child alone. */
  pw_record_set_int (ada_outcome, "child-id", pw_record_get_id (bea));
  save_refused (f, ada_outcome, -1, NULL, NULL);

  /* A record of a child who does not exist. */
  record = new_note (ada, "2026-10-01", "Nobody's note");
  pw_record_set_int (record, "child-id", pw_record_get_id (bea) + 100);
  save_refused (f, record, -1, NULL, NULL);
}

/* Archive ------------------------------------------------------------------------ */

static void
archive (Fixture *f, PwRecord *child, gboolean archived)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), archived, &error));
  g_assert_no_error (error);
}

static void
test_archive (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) other = add_child (f, "Bea", "Cole");
  g_autoptr(PwRecord) note = new_note (child, "2026-10-01", "Before leaving");
  g_autoptr(PwRecord) record = NULL;
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  PwCaseloadStats s;
  PwCycle *cycle;

  save_ok (f, note);
  archive (f, child, TRUE);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_cmpstr (pw_record_get_text (stored, "archived-on"), ==, TODAY);
  s = stats (f);
  g_assert_cmpuint (s.children, ==, 1);
  g_assert_cmpuint (s.archived, ==, 1);

  /* Nothing of the child's changes. */
  record = new_note (child, "2026-10-02", "After leaving");
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  pw_record_set_text (note, "text", "Rewritten");
  save_refused (f, note, -1, NULL, NULL);
  record = new_level_change (child, "2026-10-02", 1);
  save_refused (f, record, -1, NULL, NULL);
  g_clear_object (&record);
  cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), OPENED_ON, &error);
  g_assert_null (cycle);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_count_rows (f->store, "cycle"), ==, 0);

  /* Other children are not affected. */
  record = new_note (other, "2026-10-02", "Still here");
  save_ok (f, record);
  g_clear_object (&record);

  /* Restored, it can change again. */
  archive (f, child, FALSE);
  g_clear_object (&stored);
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_false (pw_record_is_set (stored, "archived-on"));
  save_ok (f, note);
  s = stats (f);
  g_assert_cmpuint (s.children, ==, 2);
  g_assert_cmpuint (s.archived, ==, 0);
}

/* The child's own record is one of their records. */
static void
test_archive_child_record (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");

  archive (f, child, TRUE);
  pw_record_set_text (child, "legal-given-name", "Changed");
  save_refused (f, child, -1, NULL, NULL);
}

static void
test_archive_cycle_advance (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  pw_record_set_text (cycle, "needs-summary", "Slow decoding");
  save_ok (f, cycle);
  archive (f, child, TRUE);
  before = describe_stored (f, cycle);
  g_assert_false (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_nonnull (error);
  after = describe_stored (f, cycle);
  g_assert_cmpstr (after, ==, before);
}

static void
test_archive_amend (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);
  g_autoptr(PwRecord) outcome = add_outcome (f, cycle, "Decode CVC wrods");

  drive_cycle (f, cycle, "closed");
  archive (f, child, TRUE);
  assert_amend_refused (f, outcome, "description", "Decode CVC words", "Typo");
}

/* Moving a note from an archived child to another child changes the
 * archived child's records. */
static void
test_archive_note_moved_out (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) other = add_child (f, "Bea", "Cole");
  g_autoptr(PwRecord) note = new_note (child, "2026-10-01", "Ada's note");

  save_ok (f, note);
  archive (f, child, TRUE);
  pw_record_set_int (note, "child-id", pw_record_get_id (other));
  save_refused (f, note, -1, NULL, NULL);
  g_assert_cmpuint (n_listed (f, PW_TYPE_NOTE, "child-id", pw_record_get_id (child)), ==, 1);
}

/* Counts ------------------------------------------------------------------------- */

static PwRecord *
child_with_review (Fixture *f, const char *name, const char *review_date)
{
  PwRecord *child = add_child (f, name, "Brook");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, "2026-09-01");

  pw_record_set_text (cycle, "review-date", review_date);
  drive_cycle (f, cycle, "do");
  return child;
}

static void
test_stats_reviews (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) yesterday = child_with_review (f, "Yan", "2026-11-22");
  g_autoptr(PwRecord) today = child_with_review (f, "Tia", TODAY);
  g_autoptr(PwRecord) in_14 = child_with_review (f, "Fen", "2026-12-07");
  g_autoptr(PwRecord) in_15 = child_with_review (f, "Fif", "2026-12-08");
  g_autoptr(PwRecord) closed = add_child (f, "Clo", "Brook");
  g_autoptr(PwRecord) closed_cycle = open_cycle (f, closed, "2026-09-01");
  g_autoptr(PwRecord) none = add_child (f, "Non", "Brook");
  g_autoptr(PwCycle) cycle = NULL;
  PwCaseloadStats s;

  pw_record_set_text (closed_cycle, "review-date", "2026-10-01");
  drive_cycle (f, closed_cycle, "closed");

  s = stats (f);
  g_assert_cmpuint (s.children, ==, 6);
  g_assert_cmpuint (s.open_cycles, ==, 4);
  g_assert_cmpuint (s.overdue_reviews, ==, 1);
  g_assert_cmpuint (s.due_soon, ==, 2);

  /* Moving the overdue review into the next fortnight. */
  cycle = pw_caseload_get_open_cycle (f->caseload, pw_record_get_id (yesterday), NULL);
  g_assert_nonnull (cycle);
  pw_record_set_text (PW_RECORD (cycle), "review-date", "2026-11-30");
  save_ok (f, PW_RECORD (cycle));
  s = stats (f);
  g_assert_cmpuint (s.overdue_reviews, ==, 0);
  g_assert_cmpuint (s.due_soon, ==, 3);

  /* A day later, today's review is overdue. */
  pw_set_today ("2026-11-24");
  s = stats (f);
  g_assert_cmpuint (s.overdue_reviews, ==, 1);
  g_assert_cmpuint (s.due_soon, ==, 3);
}

static void
test_stats_levels (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) one = add_child (f, "One", "Brook");
  g_autoptr(PwRecord) two = add_child (f, "Two", "Brook");
  g_autoptr(PwRecord) three = add_child (f, "Three", "Brook");
  g_autoptr(PwRecord) none = add_child (f, "None", "Brook");
  g_autoptr(PwRecord) change = NULL;
  PwCaseloadStats s;

  change = new_level_change (one, "2026-09-01", 1);
  save_ok (f, change);
  g_clear_object (&change);
  change = new_level_change (two, "2026-09-01", 2);
  save_ok (f, change);
  g_clear_object (&change);
  pw_record_set_int (three, "lead-practitioner-id", worker_id (f, "Lee Lead"));
  save_ok (f, three);
  change = new_level_change (three, "2026-09-01", 3);
  save_ok (f, change);

  s = stats (f);
  g_assert_cmpuint (s.by_level[0], ==, 1);
  g_assert_cmpuint (s.by_level[1], ==, 1);
  g_assert_cmpuint (s.by_level[2], ==, 1);
  g_assert_cmpuint (s.by_level[3], ==, 1);
  g_assert_cmpuint (s.by_level[4], ==, 0);
}

/* Search ------------------------------------------------------------------------- */

static GListModel *
search (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  GListModel *found = pw_caseload_search (f->caseload, text, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

/* Searching for @text finds exactly @expected (NULL-terminated children). */
static void
assert_finds (Fixture *f, const char *text, ...)
{
  g_autoptr(GListModel) found = search (f, text);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  va_list args;
  PwRecord *child;

  va_start (args, text);
  while ((child = va_arg (args, PwRecord *)) != NULL)
    g_ptr_array_add (expected, child);
  va_end (args);

  g_test_message ("searching for “%s”", text);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (found); j++)
        {
          g_autoptr(PwRecord) item = g_list_model_get_item (found, j);

          seen |= pw_record_get_id (item) == pw_record_get_id (expected->pdata[i]);
        }
      g_assert_true (seen);
    }
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autofree char *upn = pw_test_make_upn (916, 42, '\0');
  g_autofree char *upn_prefix = g_ascii_strdown (upn, 7);
  g_autoptr(PwRecord) zoe = new_child ("Zoë", "Ashdown");
  g_autoptr(PwRecord) oliver = add_child (f, "Oliver", "Brook");
  g_autoptr(PwRecord) mia = add_child (f, "Mia", "Carter");
  g_autoptr(PwRecord) note = new_note (oliver, "2026-10-01", "Trampoline club helps regulation");
  g_autoptr(PwRecord) contribution = new_for (PW_TYPE_CONTRIBUTION, mia);

  pw_record_set_text (zoe, "preferred-name", "Ziggy");
  pw_record_set_text (zoe, "upn", upn);
  save_ok (f, zoe);
  save_ok (f, note);
  pw_record_set_text (contribution, "agency", "speech-language-therapy");
  pw_record_set_text (contribution, "person", "Pat Therapist");
  pw_record_set_text (contribution, "event-date", "2026-10-02");
  pw_record_set_text (contribution, "text", "Stammering reduced since the spring");
  save_ok (f, contribution);

  assert_finds (f, "Ashdown", zoe, NULL);
  assert_finds (f, "ashd", zoe, NULL);
  assert_finds (f, "ASHDOWN", zoe, NULL);
  assert_finds (f, "Ziggy", zoe, NULL);
  assert_finds (f, upn, zoe, NULL);
  assert_finds (f, upn_prefix, zoe, NULL);
  assert_finds (f, "trampol", oliver, NULL);
  assert_finds (f, "club regulation", oliver, NULL);
  assert_finds (f, "stammer spring", mia, NULL);
  assert_finds (f, "Oliver stammering", NULL);
  assert_finds (f, "xyzzy", NULL);

  /* Edits are searched as they now are. */
  pw_record_set_text (oliver, "legal-family-name", "Stone");
  save_ok (f, oliver);
  assert_finds (f, "Brook", NULL);
  assert_finds (f, "Stone", oliver, NULL);
  pw_record_set_text (note, "text", "Enjoys the sensory room");
  save_ok (f, note);
  assert_finds (f, "trampoline", NULL);
  assert_finds (f, "sensory", oliver, NULL);
}

static void
test_search_hostile (Fixture *f, gconstpointer data)
{
  static const char *const hostile[] = {
    "", " ", "\"", "\"\"", "'", "*", "**", "-", "+", "^", ":", "(", ")", "()", "{", "}",
    "NEAR(a b)", "NEAR", "AND", "OR", "NOT", "a OR", "OR a", "a AND NOT", "text:ada",
    "child_id:1", "search:ada", "{text child_id}:ada", "a\" OR \"b", "a\"*", "ada*",
    "*ada", "ada)", "')--", "'; DROP TABLE child; --", "%", "_", "\\", "\t\n\r",
    "Ada Brook\"", "rank", "bm25(search)", "\xff\xfe", "ad\xc3", "😀", "ａｄａ",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z", "0", "-1", "1e999",
  };
  g_autoptr(PwRecord) ada = add_child (f, "Ada", "Brook");
  g_autofree char *long_text = repeat ("ada ", 3000);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GListModel) result = NULL;

      g_test_message ("searching for “%s”", hostile[i]);
      result = search (f, hostile[i]);
    }
  g_clear_object (&found);
  found = search (f, long_text);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  /* Quotes and operators are plain text around the words. */
  g_clear_object (&found);
  found = search (f, "\"Ada\" AND \"Brook\"");
  g_assert_cmpuint (g_list_model_get_n_items (found), <=, 1);

  /* The store is as it was. */
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 1);
  g_assert_true (pw_caseload_verify_audit (f->caseload, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "ada", ada, NULL);
}

static void
test_search_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *given = g_strdup_printf ("Twin%u", i);
      g_autoptr(PwRecord) child = add_child (f, given, "Samename");
    }
  found = pw_caseload_search (f->caseload, "Samename", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 3);
}

/* Chronology --------------------------------------------------------------------- */

static void
test_chronology (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) other = add_child (f, "Bea", "Cole");
  g_autoptr(PwRecord) cycle = open_cycle (f, child, "2026-09-08");
  g_autoptr(PwRecord) change = new_level_change (child, "2026-09-20", 2);
  g_autoptr(PwRecord) october = new_note (child, "2026-10-01", "October note");
  g_autoptr(PwRecord) others = new_note (other, "2026-09-15", "Bea's note");
  g_autoptr(PwRecord) late = new_note (child, "2026-09-10", "Written late");
  g_autoptr(GListModel) chronology = NULL;
  g_autoptr(GError) error = NULL;
  const char *previous = "";
  int late_at = -1, cycle_at = -1, change_at = -1, october_at = -1;
  guint n;

  save_ok (f, change);
  save_ok (f, october);
  save_ok (f, others);
  save_ok (f, late);

  chronology = pw_caseload_chronology (f->caseload, pw_record_get_id (child), &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (chronology);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwChronologyEntry) entry = g_list_model_get_item (chronology, i);
      PwRecord *record = pw_chronology_entry_get_record (entry);
      const char *date = pw_chronology_entry_get_event_date (entry);
      const char *uuid = pw_record_get_uuid (record);

      g_assert_cmpstr (date, >=, previous);
      previous = date;
      g_assert_cmpint (pw_record_get_int (record, "child-id"), ==, pw_record_get_id (child));
      if (g_strcmp0 (uuid, pw_record_get_uuid (late)) == 0)
        late_at = i;
      else if (g_strcmp0 (uuid, pw_record_get_uuid (cycle)) == 0)
        cycle_at = i;
      else if (g_strcmp0 (uuid, pw_record_get_uuid (change)) == 0)
        change_at = i;
      else if (g_strcmp0 (uuid, pw_record_get_uuid (october)) == 0)
        october_at = i;
    }
  g_assert_cmpint (cycle_at, ==, 0);
  g_assert_cmpint (late_at, ==, 1);
  g_assert_cmpint (change_at, ==, 2);
  g_assert_cmpint (october_at, ==, 3);

  /* An entry moved to an earlier date moves in the chronology. */
  pw_record_set_text (october, "event-date", "2026-09-09");
  save_ok (f, october);
  g_clear_object (&chronology);
  chronology = pw_caseload_chronology (f->caseload, pw_record_get_id (child), &error);
  g_assert_no_error (error);
  {
    g_autoptr(PwChronologyEntry) second = g_list_model_get_item (chronology, 1);

    g_assert_cmpstr (pw_record_get_uuid (pw_chronology_entry_get_record (second)), ==,
                     pw_record_get_uuid (october));
    g_assert_cmpstr (pw_chronology_entry_get_event_date (second), ==, "2026-09-09");
  }
}

/* The "changed" signal -------------------------------------------------------------- */

typedef struct
{
  guint count;
  char *table;
  gint64 child_id;
  GThread *thread;
} Changes;

static void
on_changed_cb (PwCaseload *caseload, const char *table, gint64 child_id, Changes *changes)
{
  changes->count++;
  g_free (changes->table);
  changes->table = g_strdup (table);
  changes->child_id = child_id;
  changes->thread = g_thread_self ();
}

static void
changes_reset (Changes *changes)
{
  changes->count = 0;
  g_clear_pointer (&changes->table, g_free);
  changes->child_id = -1;
  changes->thread = NULL;
}

typedef struct
{
  Fixture *f;
  PwRecord *child;
  Changes *changes;
  gboolean fail;
} TransactionWork;

static gboolean
transaction_cb (gpointer user_data, GError **error)
{
  TransactionWork *work = user_data;
  g_autoptr(PwRecord) note = new_note (work->child, "2026-10-01", "In a transaction");
  g_autoptr(PwRecord) bad = new_note (work->child, "2026-02-30", "Bad date");

  if (!pw_caseload_save (work->f->caseload, note, error))
    return FALSE;
  /* Not committed yet: nothing is announced, even with the loop running. */
  pw_test_run_main_context ();
  g_assert_cmpuint (work->changes->count, ==, 0);
  if (work->fail)
    return pw_caseload_save (work->f->caseload, bad, error);
  return TRUE;
}

static gpointer
save_in_thread (gpointer data)
{
  TransactionWork *work = data;
  g_autoptr(PwRecord) note = new_note (work->child, "2026-10-03", "From a thread");

  return GINT_TO_POINTER (pw_caseload_save (work->f->caseload, note, NULL));
}

static void
test_changed_signal (Fixture *f, gconstpointer data)
{
  Changes changes = { 0 };
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) note = NULL;
  g_autoptr(PwRecord) bad = NULL;
  g_autoptr(GError) error = NULL;
  TransactionWork work = { f, NULL, &changes, FALSE };
  GThread *thread;

  g_signal_connect (f->caseload, "changed", G_CALLBACK (on_changed_cb), &changes);
  changes_reset (&changes);

  save_ok (f, child);
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpstr (changes.table, ==, "child");
  g_assert_cmpint (changes.child_id, ==, pw_record_get_id (child));
  g_assert_true (changes.thread == g_thread_self ());

  changes_reset (&changes);
  note = new_note (child, "2026-10-01", "A note");
  save_ok (f, note);
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpstr (changes.table, ==, "note");
  g_assert_cmpint (changes.child_id, ==, pw_record_get_id (child));

  /* A refused write announces nothing. */
  changes_reset (&changes);
  bad = new_note (child, "2026-02-30", "Bad date");
  g_assert_false (pw_caseload_save (f->caseload, bad, NULL));
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, ==, 0);

  /* A transaction announces after its commit, and not at all if it fails. */
  work.child = child;
  g_assert_true (pw_caseload_transaction (f->caseload, transaction_cb, &work, &error));
  g_assert_no_error (error);
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, >=, 1);
  changes_reset (&changes);
  work.fail = TRUE;
  g_assert_false (pw_caseload_transaction (f->caseload, transaction_cb, &work, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, ==, 0);

  /* A write from another thread is announced in this one, whose context
   * is owned here as a running main loop would own it. */
  changes_reset (&changes);
  g_assert_true (g_main_context_acquire (NULL));
  thread = g_thread_new ("writer", save_in_thread, &work);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  pw_test_run_main_context ();
  g_main_context_release (NULL);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.thread == g_thread_self ());

  /* Archiving, moving a cycle on and erasing are announced too. */
  changes_reset (&changes);
  g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), TRUE, NULL));
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpint (changes.child_id, ==, pw_record_get_id (child));
  g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), FALSE, NULL));
  {
    g_autoptr(PwRecord) cycle = open_cycle (f, child, OPENED_ON);

    pw_record_set_text (cycle, "needs-summary", "Slow decoding");
    save_ok (f, cycle);
    pw_test_run_main_context ();
    changes_reset (&changes);
    advance_ok (f, cycle, "plan");
    pw_test_run_main_context ();
    g_assert_cmpuint (changes.count, ==, 1);
    g_assert_cmpstr (changes.table, ==, "cycle");
    g_assert_cmpint (changes.child_id, ==, pw_record_get_id (child));
  }
  changes_reset (&changes);
  g_assert_true (pw_caseload_erase_child (f->caseload, PW_CHILD (child), NULL));
  pw_test_run_main_context ();
  g_assert_cmpuint (changes.count, >=, 1);

  g_signal_handlers_disconnect_by_data (f->caseload, &changes);
  changes_reset (&changes);
}

/* Writes are whole ----------------------------------------------------------------- */

static void
test_transaction_whole (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(GError) error = NULL;
  TransactionWork work = { f, child, &(Changes) { 0 }, TRUE };
  gint64 notes = pw_test_count_rows (f->store, "note");
  gint64 audit = audit_entries (f);

  g_assert_false (pw_caseload_transaction (f->caseload, transaction_cb, &work, &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
  g_assert_cmpint (pw_test_count_rows (f->store, "note"), ==, notes);
  g_assert_cmpint (audit_entries (f), ==, audit);
  g_assert_true (pw_caseload_verify_audit (f->caseload, NULL, NULL));
}

typedef struct
{
  Fixture *f;
  PwRecord *first;
  PwRecord *second;
} Pair;

static gboolean
save_pair_cb (gpointer user_data, GError **error)
{
  Pair *pair = user_data;

  return pw_caseload_save (pair->f->caseload, pair->first, error) &&
         pw_caseload_save (pair->f->caseload, pair->second, error);
}

/* An insert undone with its transaction is a failed insert: the record is
 * new again, and saving it later cannot overwrite whichever record took its
 * place. */
static void
test_transaction_undone_insert (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook");
  g_autoptr(PwRecord) first = new_note (child, "2026-10-01", "Undone with the transaction");
  g_autoptr(PwRecord) bad = new_note (child, "2026-02-30", "Bad date");
  g_autoptr(PwRecord) other = new_note (child, "2026-10-02", "Written afterwards");
  g_autoptr(PwRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  Pair pair = { f, first, bad };

  g_assert_false (pw_caseload_transaction (f->caseload, save_pair_cb, &pair, &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
  g_assert_cmpint (pw_test_count_rows (f->store, "note"), ==, 0);
  g_assert_cmpint (pw_record_get_id (first), ==, 0);

  save_ok (f, other);
  pw_caseload_save (f->caseload, first, NULL);
  stored = load (f, PW_TYPE_NOTE, pw_record_get_id (other));
  g_assert_cmpstr (pw_record_get_text (stored, "text"), ==, "Written afterwards");
}

/* Derived fields ------------------------------------------------------------------ */

/* Values core/ keeps (archived, next review) are not taken from a new
 * record: an import cannot create a child already archived. */
static void
test_derived_fields_on_insert (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Ada", "Brook");
  g_autoptr(PwRecord) stored = NULL;
  PwCaseloadStats s;

  pw_record_set_text (child, "archived-on", "2026-01-01");
  pw_record_set_text (child, "next-review", "2026-01-02");
  pw_caseload_save (f->caseload, child, NULL);
  if (pw_record_get_id (child) == 0)
    return;
  stored = load (f, PW_TYPE_CHILD, pw_record_get_id (child));
  g_assert_false (pw_record_is_set (stored, "archived-on"));
  g_assert_false (pw_record_is_set (stored, "next-review"));
  s = stats (f);
  g_assert_cmpuint (s.archived, ==, 0);
  g_assert_cmpuint (s.overdue_reviews, ==, 0);
}

/* Every rule of every field ------------------------------------------------------ */

typedef struct
{
  PwRecord *child;        /* with a cycle at review */
  PwRecord *no_cycle;     /* with none, for a new cycle */
  PwRecord *cycle;
  PwRecord *outcome;
  PwRecord *provision;
  PwRecord *meeting;
  gint64 worker;
  gint64 setting;
} Context;

static void
context_clear (Context *c)
{
  g_clear_object (&c->child);
  g_clear_object (&c->no_cycle);
  g_clear_object (&c->cycle);
  g_clear_object (&c->outcome);
  g_clear_object (&c->provision);
  g_clear_object (&c->meeting);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

/* A new record of @type that can be saved, or NULL for a kind that is
 * never saved directly. */
static PwRecord *
make_valid (Context *c, GType type)
{
  PwRecord *r = pw_record_new (type);
  PwRecord *child = c->child;

  if (pw_entity_belongs_to_child (type))
    pw_record_set_int (r, "child-id", pw_record_get_id (child));
  if (type == PW_TYPE_WORKER)
    pw_record_set_text (r, "name", "Wyn Worker");
  else if (type == PW_TYPE_SETTING)
    pw_record_set_text (r, "name", "Hillview Primary");
  else if (type == PW_TYPE_CHILD)
    {
      g_object_unref (r);
      r = new_child ("Ada", "Brook");
    }
  else if (type == PW_TYPE_FAMILY_MEMBER)
    {
      pw_record_set_text (r, "name", "Jo Brook");
      pw_record_set_text (r, "relationship", "mother");
    }
  else if (type == PW_TYPE_CONSENT)
    {
      g_object_unref (r);
      r = new_consent (child);
    }
  else if (type == PW_TYPE_LEVEL_CHANGE)
    {
      g_object_unref (r);
      r = new_level_change (child, "2026-09-01", 1);
    }
  else if (type == PW_TYPE_NEED)
    {
      g_object_unref (r);
      r = new_need (child, "SPLD", 2);
    }
  else if (type == PW_TYPE_CYCLE)
    {
      pw_record_set_int (r, "child-id", pw_record_get_id (c->no_cycle));
      pw_record_set_text (r, "opened-on", OPENED_ON);
    }
  else if (type == PW_TYPE_OUTCOME)
    {
      g_object_unref (r);
      r = new_outcome (c->cycle, "Decode CVC words");
    }
  else if (type == PW_TYPE_PROVISION)
    {
      pw_record_set_int (r, "cycle-id", pw_record_get_id (c->cycle));
      pw_record_set_text (r, "intervention", "Phonics");
      pw_record_set_text (r, "frequency", "Daily");
      pw_record_set_text (r, "delivered-by", "TA");
      pw_record_set_text (r, "start-date", OPENED_ON);
    }
  else if (type == PW_TYPE_SESSION)
    {
      g_object_unref (r);
      r = new_session (c->provision, "2026-10-01");
    }
  else if (type == PW_TYPE_RATING)
    {
      g_object_unref (r);
      r = new_rating (c->outcome, "met");
    }
  else if (type == PW_TYPE_INVOLVEMENT)
    {
      pw_record_set_text (r, "agency", "camhs");
      pw_record_set_text (r, "from-date", "2026-09-01");
    }
  else if (type == PW_TYPE_CONTRIBUTION)
    {
      pw_record_set_text (r, "agency", "camhs");
      pw_record_set_text (r, "person", "Dr Ng");
      pw_record_set_text (r, "event-date", "2026-09-01");
      pw_record_set_text (r, "text", "Seen in clinic");
    }
  else if (type == PW_TYPE_MEETING)
    {
      pw_record_set_text (r, "type", "taf");
      pw_record_set_text (r, "date", "2026-10-01");
    }
  else if (type == PW_TYPE_ATTENDEE)
    {
      pw_record_set_int (r, "meeting-id", pw_record_get_id (c->meeting));
      pw_record_set_text (r, "name", "Jo Brook");
    }
  else if (type == PW_TYPE_MEETING_ACTION)
    {
      pw_record_set_int (r, "meeting-id", pw_record_get_id (c->meeting));
      pw_record_set_text (r, "description", "Phone the GP");
      pw_record_set_text (r, "owner", "Jo Brook");
    }
  else if (type == PW_TYPE_ATTENDANCE)
    {
      pw_record_set_text (r, "academic-year", "2025/26");
      pw_record_set_text (r, "term", "autumn");
      pw_record_set_int (r, "possible-sessions", 140);
      pw_record_set_int (r, "authorised-absence", 4);
      pw_record_set_int (r, "unauthorised-absence", 2);
    }
  else if (type == PW_TYPE_EXCLUSION)
    {
      pw_record_set_text (r, "category", "FIXD");
      pw_record_set_text (r, "start-date", "2026-10-01");
      pw_record_set_int (r, "sessions", 2);
      pw_record_set_text (r, "reason", "Assault on a pupil");
    }
  else if (type == PW_TYPE_NOTE)
    {
      pw_record_set_text (r, "event-date", "2026-10-01");
      pw_record_set_text (r, "text", "A note");
    }
  else
    g_clear_object (&r);
  return r;
}

/* A copy of @type's valid record with @field broken by @mutate, refused
 * naming the field.  Returns FALSE if @mutate has nothing to break. */
typedef gboolean (*Mutate) (PwRecord *record, const PwField *field);

static gboolean
mutate_unset (PwRecord *r, const PwField *field)
{
  if ((field->flags & PW_FIELD_REQUIRED) == 0 || field->type == PW_FIELD_BOOL)
    return FALSE;
  pw_record_unset (r, field->name);
  return TRUE;
}

static gboolean
mutate_too_long (PwRecord *r, const PwField *field)
{
  g_autofree char *text = NULL;

  if (field->type != PW_FIELD_TEXT && field->type != PW_FIELD_PROSE)
    return FALSE;
  text = repeat ("x", field->max + 1);
  pw_record_set_text (r, field->name, text);
  return TRUE;
}

static gboolean
mutate_newline (PwRecord *r, const PwField *field)
{
  if (field->type == PW_FIELD_PROSE || field->type == PW_FIELD_INT ||
      field->type == PW_FIELD_BOOL || field->type == PW_FIELD_REF)
    return FALSE;
  pw_record_set_text (r, field->name, "one\ntwo");
  return TRUE;
}

static gboolean
mutate_bad_utf8 (PwRecord *r, const PwField *field)
{
  if (field->type == PW_FIELD_INT || field->type == PW_FIELD_BOOL ||
      field->type == PW_FIELD_REF)
    return FALSE;
  pw_record_set_text (r, field->name, "ab\xff");
  return TRUE;
}

static gboolean
mutate_bad_value (PwRecord *r, const PwField *field)
{
  switch (field->type)
    {
    case PW_FIELD_DATE:
      pw_record_set_text (r, field->name, "2025-02-30");
      return TRUE;
    case PW_FIELD_CODE:
      pw_record_set_text (r, field->name, "not-a-code");
      return TRUE;
    case PW_FIELD_CODES:
      pw_record_set_text (r, field->name, "camhs,not-a-code");
      return TRUE;
    case PW_FIELD_INT:
      pw_record_set_int (r, field->name, field->max + 1);
      return TRUE;
    case PW_FIELD_BOOL:
      pw_record_set_int (r, field->name, 2);
      return TRUE;
    case PW_FIELD_REF:
      pw_record_set_int (r, field->name, 999999);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
mutate_short_date (PwRecord *r, const PwField *field)
{
  if (field->type == PW_FIELD_INT && field->min > 0)
    {
      pw_record_set_int (r, field->name, field->min - 1);
      return TRUE;
    }
  if (field->type != PW_FIELD_DATE)
    return FALSE;
  pw_record_set_text (r, field->name, "2025-2-1");
  return TRUE;
}

static gboolean
mutate_future (PwRecord *r, const PwField *field)
{
  if (field->type != PW_FIELD_DATE || (field->flags & PW_FIELD_PAST) == 0)
    return FALSE;
  pw_record_set_text (r, field->name, TOMORROW);
  return TRUE;
}

static void
test_every_field_rule (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    Mutate mutate;
  } mutations[] = {
    { "unset", mutate_unset },
    { "too long", mutate_too_long },
    { "newline", mutate_newline },
    { "invalid UTF-8", mutate_bad_utf8 },
    { "bad value", mutate_bad_value },
    { "short date / below minimum", mutate_short_date },
    { "future", mutate_future },
  };
  g_auto(Context) c = { 0 };
  const GType *types;
  guint n_types;
  guint n_checked = 0;

  c.child = add_child (f, "Ada", "Brook");
  c.no_cycle = add_child (f, "Bea", "Cole");
  c.cycle = open_cycle (f, c.child, OPENED_ON);
  c.outcome = add_outcome (f, c.cycle, "Decode CVC words");
  c.provision = add_provision (f, c.cycle, c.outcome);
  drive_cycle (f, c.cycle, "review");
  c.meeting = make_valid (&c, PW_TYPE_MEETING);
  save_ok (f, c.meeting);

  types = pw_entity_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      PwRecordClass *klass = g_type_class_peek (types[t]);
      g_autoptr(PwRecord) valid = make_valid (&c, types[t]);
      g_autoptr(GError) error = NULL;

      if (valid == NULL)
        continue;
      if (!pw_record_validate (valid, &error))
        g_test_message ("the valid %s is not: %s", klass->table, error->message);
      g_assert_no_error (error);
      for (guint k = 0; k < klass->n_fields; k++)
        {
          const PwField *field = &klass->fields[k];

          /* The temporary-UPN mark is kept from the UPN (see child/upn). */
          if ((field->flags & PW_FIELD_DERIVED) != 0 || g_str_equal (field->name, "upn-temporary"))
            continue;
          for (guint m = 0; m < G_N_ELEMENTS (mutations); m++)
            {
              g_autoptr(PwRecord) broken = make_valid (&c, types[t]);

              if (!mutations[m].mutate (broken, field))
                continue;
              g_test_message ("%s.%s: %s", klass->table, field->name, mutations[m].name);
              save_refused (f, broken, PW_RECORD_ERROR_INVALID, field->label, NULL);
              n_checked++;
            }
        }
    }
  g_assert_cmpuint (n_checked, >, 200);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/rules/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("child/round-trip", test_child_round_trip);
  ADD ("child/required", test_child_required);
  ADD ("child/date-of-birth", test_child_date_of_birth);
  ADD ("child/codes", test_child_codes);
  ADD ("child/every-code-accepted", test_child_every_code_accepted);
  ADD ("child/upn", test_child_upn);
  ADD ("child/upn-unique", test_child_upn_unique);
  ADD ("child/nhs-number", test_child_nhs_number);
  ADD ("child/worker-refs", test_child_worker_refs);
  ADD ("child/flags", test_child_flags);
  ADD ("text/limits", test_text_limits);
  ADD ("text/invalid-utf8", test_text_invalid_utf8);
  ADD ("text/one-line", test_text_one_line);
  ADD ("dates/events-before-birth", test_events_before_birth);
  ADD ("dates/event-dates", test_event_dates);
  ADD ("consent", test_consent);
  ADD ("needs/rank-and-area", test_needs);
  ADD ("needs/nsa", test_need_nsa);
  ADD ("level/history", test_level_history);
  ADD ("level/append-only", test_level_append_only);
  ADD ("level/not-set-directly", test_level_not_set_directly);
  ADD ("level/lead-practitioner", test_level_lead_practitioner);
  ADD ("cycle/blockers", test_cycle_blockers);
  ADD ("cycle/one-open", test_cycle_one_open);
  ADD ("cycle/state-not-writable", test_cycle_state_not_writable);
  ADD ("cycle/review-date", test_cycle_review_date);
  ADD ("cycle/what-each-stage-takes", test_cycle_what_each_stage_takes);
  ADD ("cycle/closed-read-only", test_cycle_closed_read_only);
  ADD ("amend/correction", test_amend);
  ADD ("amend/refused", test_amend_refused);
  ADD ("cross-child", test_other_childs_records);
  ADD ("archive/blocks-writes", test_archive);
  ADD ("stats/reviews", test_stats_reviews);
  ADD ("stats/levels", test_stats_levels);
  ADD ("search/fields", test_search);
  ADD ("search/hostile", test_search_hostile);
  ADD ("search/limit", test_search_limit);
  ADD ("chronology/event-order", test_chronology);
  ADD ("changed-signal", test_changed_signal);
  ADD ("every-field-rule", test_every_field_rule);
  ADD ("transaction-whole", test_transaction_whole);
#undef ADD

  g_test_add ("/pathway/rules/transaction-undone-insert", Fixture, NULL, fixture_set_up, test_transaction_undone_insert,
              fixture_tear_down);
  g_test_add ("/pathway/rules/derived-fields-on-insert", Fixture, NULL, fixture_set_up, test_derived_fields_on_insert,
              fixture_tear_down);
  g_test_add ("/pathway/rules/needs/area-follows-type", Fixture, NULL, fixture_set_up, test_need_area_follows_type,
              fixture_tear_down);
  g_test_add ("/pathway/rules/dates/chronology-events-before-birth", Fixture, NULL, fixture_set_up, test_chronology_events_before_birth,
              fixture_tear_down);
  g_test_add ("/pathway/rules/dates/date-of-birth-after-events", Fixture, NULL, fixture_set_up, test_date_of_birth_after_events,
              fixture_tear_down);
  g_test_add ("/pathway/rules/cycle/review-date-stays", Fixture, NULL, fixture_set_up, test_cycle_review_date_stays,
              fixture_tear_down);
  g_test_add ("/pathway/rules/needs/nsa-provision-change", Fixture, NULL, fixture_set_up, test_need_nsa_provision_change,
              fixture_tear_down);
  g_test_add ("/pathway/rules/cycle/closed-outcome-not-moved", Fixture, NULL, fixture_set_up, test_cycle_closed_outcome_not_moved,
              fixture_tear_down);
  g_test_add ("/pathway/rules/cycle/closed-provision-not-moved", Fixture, NULL, fixture_set_up, test_cycle_closed_provision_not_moved,
              fixture_tear_down);
  g_test_add ("/pathway/rules/cycle/closed-session-not-moved", Fixture, NULL, fixture_set_up, test_cycle_closed_session_not_moved,
              fixture_tear_down);
  g_test_add ("/pathway/rules/cycle/closed-rating-not-moved", Fixture, NULL, fixture_set_up, test_cycle_closed_rating_not_moved,
              fixture_tear_down);
  g_test_add ("/pathway/rules/archive/note-moved-out", Fixture, NULL, fixture_set_up, test_archive_note_moved_out,
              fixture_tear_down);
  g_test_add ("/pathway/rules/archive/child-record", Fixture, NULL, fixture_set_up, test_archive_child_record,
              fixture_tear_down);
  g_test_add ("/pathway/rules/archive/cycle-advance", Fixture, NULL, fixture_set_up, test_archive_cycle_advance,
              fixture_tear_down);
  g_test_add ("/pathway/rules/archive/amend", Fixture, NULL, fixture_set_up, test_archive_amend,
              fixture_tear_down);

  return g_test_run ();
}
