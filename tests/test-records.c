/* test-records.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Case records: a child's whole APDR cycle from Assess to closed, the
 * level history, amendments, the audit log and the chronology. */

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-test-util.h"

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
} Fixture;

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

static PwRecord *
add_child (Fixture *f, const char *given, const char *family, const char *upn)
{
  g_autoptr(GError) error = NULL;
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);

  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", family);
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  pw_record_set_text (child, "upn", upn);
  g_assert_true (pw_caseload_save (f->caseload, child, &error));
  g_assert_no_error (error);
  return child;
}

static void
save_ok (Fixture *f, PwRecord *record)
{
  pw_test_save_ok (f->caseload, record);
}

static PwRecord *
add_outcome (Fixture *f, PwRecord *cycle, const char *text)
{
  PwRecord *outcome = pw_record_new (PW_TYPE_OUTCOME);

  pw_record_set_int (outcome, "child-id", pw_record_get_int (cycle, "child-id"));
  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (outcome, "description", text);
  pw_record_set_text (outcome, "success-criteria", "Reads 40 words a minute");
  save_ok (f, outcome);
  return outcome;
}

static void
advance_ok (Fixture *f, PwRecord *cycle, const char *expected_state)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, expected_state);
}

static void
advance_blocked (Fixture *f, PwRecord *cycle, const char *missing)
{
  g_autoptr(GError) error = NULL;
  const char *state = pw_record_get_text (cycle, "state");
  g_autofree char *before = g_strdup (state);

  g_assert_false (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_cmpstr (pw_record_get_text (cycle, "state"), ==, before);
}

static void
test_child_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Zoë", "Ashdown", "w916200124001");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) loaded = NULL;

  g_assert_cmpint (pw_record_get_id (child), >, 0);
  g_assert_nonnull (pw_record_get_uuid (child));
  g_assert_cmpstr (pw_record_get_created_by (child), ==, "Sam Senco");
  loaded = pw_caseload_load (f->caseload, PW_TYPE_CHILD, pw_record_get_id (child), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_record_get_text (loaded, "legal-given-name"), ==, "Zoë");
  g_assert_cmpstr (pw_record_get_text (loaded, "upn"), ==, "W916200124001");
  g_assert_false (pw_record_get_int (loaded, "upn-temporary"));
  g_assert_cmpint (pw_record_get_int (loaded, "current-level"), ==, 0);
}

static void
test_apdr_cycle (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCycle) cycle = NULL;
  g_autoptr(PwRecord) first = NULL;
  g_autoptr(PwRecord) second = NULL;
  g_autoptr(PwRecord) rating = NULL;
  g_autoptr(PwRecord) again = NULL;

  cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child), "2026-09-08", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (cycle), "state"), ==, "assess");
  g_assert_cmpint (pw_record_get_int (PW_RECORD (cycle), "number"), ==, 1);

  advance_blocked (f, PW_RECORD (cycle), "needs");
  pw_record_set_text (PW_RECORD (cycle), "needs-summary", "Phonics gaps; slow decoding");
  save_ok (f, PW_RECORD (cycle));
  advance_ok (f, PW_RECORD (cycle), "plan");

  advance_blocked (f, PW_RECORD (cycle), "outcome");
  first = add_outcome (f, PW_RECORD (cycle), "Decode CVC words");
  second = add_outcome (f, PW_RECORD (cycle), "Read a level 3 book aloud");
  advance_blocked (f, PW_RECORD (cycle), "review date");
  pw_record_set_text (PW_RECORD (cycle), "review-date", "2026-12-01");
  save_ok (f, PW_RECORD (cycle));
  advance_ok (f, PW_RECORD (cycle), "do");
  g_assert_true (pw_caseload_reload (f->caseload, child, NULL));
  g_assert_cmpstr (pw_record_get_text (child, "next-review"), ==, "2026-12-01");

  advance_ok (f, PW_RECORD (cycle), "review");
  rating = pw_record_new (PW_TYPE_RATING);
  pw_record_set_int (rating, "child-id", pw_record_get_id (child));
  pw_record_set_int (rating, "outcome-id", pw_record_get_id (first));
  pw_record_set_text (rating, "progress", "met");
  pw_record_set_text (rating, "evidence", "Phonics screening check");
  save_ok (f, rating);
  pw_record_set_text (PW_RECORD (cycle), "review-held-on", "2026-11-20");
  pw_record_set_text (PW_RECORD (cycle), "decision", "new-cycle");
  save_ok (f, PW_RECORD (cycle));
  advance_blocked (f, PW_RECORD (cycle), "Rate the outcome not yet rated");

  g_clear_object (&rating);
  rating = pw_record_new (PW_TYPE_RATING);
  pw_record_set_int (rating, "child-id", pw_record_get_id (child));
  pw_record_set_int (rating, "outcome-id", pw_record_get_id (second));
  pw_record_set_text (rating, "progress", "partly-met");
  pw_record_set_text (rating, "evidence", "Reads aloud with support");
  save_ok (f, rating);
  advance_ok (f, PW_RECORD (cycle), "closed");
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (cycle), "closed-on"), ==, "2026-11-20");
  g_assert_true (pw_caseload_reload (f->caseload, child, NULL));
  g_assert_null (pw_record_get_text (child, "next-review"));

  /* Closed: read-only, and a new cycle can start. */
  pw_record_set_text (PW_RECORD (cycle), "next-steps", "Rewrite history");
  g_assert_false (pw_caseload_save (f->caseload, PW_RECORD (cycle), &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_READ_ONLY);
  g_clear_error (&error);
  again = PW_RECORD (pw_caseload_open_cycle (f->caseload, pw_record_get_id (child),
                                             "2026-11-21", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_record_get_int (again, "number"), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/records/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("child-round-trip", test_child_round_trip);
  ADD ("apdr-cycle", test_apdr_cycle);
#undef ADD

  return g_test_run ();
}
