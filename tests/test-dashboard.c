/* test-dashboard.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard's counts over a small caseload whose answers are known:
 * the level changes of each of the last twelve months (up, down, first)
 * and the reviews by the week they fall in.  "Today" is a Monday,
 * PW_TEST_TODAY, so this week runs to Sunday 29 November 2026. */

#include "config.h"

#include "pw-caseload.h"
#include "pw-test-util.h"

#define TODAY     "2026-11-23"
#define DOB       "2016-03-14"

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

/* Helpers ----------------------------------------------------------------------- */

static PwRecord *
add_child (Fixture *f, const char *given)
{
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);

  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", "Brook");
  pw_record_set_text (child, "date-of-birth", DOB);
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  pw_test_save_ok (f->caseload, child);
  return child;
}

static void
change_level (Fixture *f, PwRecord *child, const char *date, gint64 to)
{
  g_autoptr(PwRecord) change = pw_record_new (PW_TYPE_LEVEL_CHANGE);

  pw_record_set_int (change, "child-id", pw_record_get_id (child));
  pw_record_set_text (change, "date", date);
  pw_record_set_int (change, "to-level", to);
  pw_record_set_text (change, "reason", "Agreed at the review meeting");
  pw_record_set_text (change, "route", "other");
  pw_record_set_text (change, "decided-by", "Review meeting");
  pw_test_save_ok (f->caseload, change);
}

static void
give_lead_practitioner (Fixture *f, PwRecord *child)
{
  g_autoptr(GError) error = NULL;
  gint64 lead = pw_caseload_ensure_worker (f->caseload, "Lee Lead", &error);

  g_assert_no_error (error);
  pw_record_set_int (child, "lead-practitioner-id", lead);
  pw_test_save_ok (f->caseload, child);
}

static void
archive (Fixture *f, PwRecord *child)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), TRUE, &error));
  g_assert_no_error (error);
}

static void
movements (Fixture *f, const char *today, PwLevelMovement months[PW_MOVEMENT_MONTHS])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_get_level_movements (f->caseload, today, months, &error));
  g_assert_no_error (error);
}

static void
assert_month (const PwLevelMovement *month, guint year, guint number, guint up, guint down,
              guint first)
{
  g_assert_cmpuint (month->year, ==, year);
  g_assert_cmpuint (month->month, ==, number);
  g_assert_cmpuint (month->up, ==, up);
  g_assert_cmpuint (month->down, ==, down);
  g_assert_cmpuint (month->first, ==, first);
}

/* The sum over the months of the count at @offset. */
static guint
total (const PwLevelMovement months[PW_MOVEMENT_MONTHS], glong offset)
{
  guint sum = 0;

  for (guint i = 0; i < PW_MOVEMENT_MONTHS; i++)
    sum += G_STRUCT_MEMBER (guint, &months[i], offset);
  return sum;
}

static PwReviewCounts
reviews (Fixture *f, const char *today)
{
  g_autoptr(GError) error = NULL;
  PwReviewCounts counts;

  g_assert_true (pw_caseload_get_review_counts (f->caseload, today, &counts, &error));
  g_assert_no_error (error);
  return counts;
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

/* A child with an open cycle whose review is on @review_date (or none). */
static PwRecord *
child_with_review (Fixture *f, const char *given, const char *review_date)
{
  g_autoptr(GError) error = NULL;
  PwRecord *child = add_child (f, given);
  g_autoptr(PwCycle) cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child),
                                                     "2026-09-01", &error);

  g_assert_no_error (error);
  g_assert_nonnull (cycle);
  if (review_date == NULL)
    return child;
  pw_record_set_text (PW_RECORD (cycle), "review-date", review_date);
  pw_test_save_ok (f->caseload, PW_RECORD (cycle));
  return child;
}

/* Level movements --------------------------------------------------------------- */

/* A store with no level history has twelve empty months, oldest first,
 * ending with this one. */
static void
test_movements_empty (Fixture *f, gconstpointer data)
{
  PwLevelMovement months[PW_MOVEMENT_MONTHS];

  movements (f, TODAY, months);
  assert_month (&months[0], 2025, 12, 0, 0, 0);
  assert_month (&months[1], 2026, 1, 0, 0, 0);
  assert_month (&months[11], 2026, 11, 0, 0, 0);

  /* The twelve months run across the turn of a year from January too. */
  movements (f, "2027-01-31", months);
  assert_month (&months[0], 2026, 2, 0, 0, 0);
  assert_month (&months[10], 2026, 12, 0, 0, 0);
  assert_month (&months[11], 2027, 1, 0, 0, 0);
}

static void
test_movements_by_month (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) ada = add_child (f, "Ada");
  g_autoptr(PwRecord) bea = add_child (f, "Bea");
  g_autoptr(PwRecord) cal = add_child (f, "Cal");
  g_autoptr(PwRecord) dev = add_child (f, "Dev");
  PwLevelMovement months[PW_MOVEMENT_MONTHS];

  /* Ada: a first level the day before the twelve months start, then a
   * step up on their first day and a step down in June. */
  change_level (f, ada, "2025-11-30", 1);
  change_level (f, ada, "2025-12-01", 2);
  change_level (f, ada, "2026-06-15", 1);
  /* Bea: a first level on the last day of June, a step down today. */
  change_level (f, bea, "2026-06-30", 2);
  change_level (f, bea, TODAY, 1);
  /* Cal: a first level and a step up in the same month. */
  change_level (f, cal, "2026-03-10", 1);
  change_level (f, cal, "2026-03-20", 2);
  /* Dev: straight to Level 3, then a big step up to 4 and back down to 2. */
  give_lead_practitioner (f, dev);
  change_level (f, dev, "2026-11-01", 3);
  change_level (f, dev, "2026-11-02", 4);
  change_level (f, dev, "2026-11-03", 2);

  movements (f, TODAY, months);
  assert_month (&months[0], 2025, 12, 1, 0, 0);
  assert_month (&months[1], 2026, 1, 0, 0, 0);
  assert_month (&months[3], 2026, 3, 1, 0, 1);
  assert_month (&months[6], 2026, 6, 0, 1, 1);
  assert_month (&months[10], 2026, 10, 0, 0, 0);
  assert_month (&months[11], 2026, 11, 1, 2, 1);
  g_assert_cmpuint (total (months, G_STRUCT_OFFSET (PwLevelMovement, up)), ==, 3);
  g_assert_cmpuint (total (months, G_STRUCT_OFFSET (PwLevelMovement, down)), ==, 3);
  g_assert_cmpuint (total (months, G_STRUCT_OFFSET (PwLevelMovement, first)), ==, 3);

  /* Asked a month earlier, today's step down has not happened yet and
   * November 2025 is in: Ada's first level. */
  movements (f, "2026-10-31", months);
  assert_month (&months[0], 2025, 11, 0, 0, 1);
  assert_month (&months[1], 2025, 12, 1, 0, 0);
  assert_month (&months[11], 2026, 10, 0, 0, 0);
}

/* A child who left still moved levels while they were here. */
static void
test_movements_archived (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) ada = add_child (f, "Ada");
  PwLevelMovement months[PW_MOVEMENT_MONTHS];

  change_level (f, ada, "2026-09-01", 1);
  change_level (f, ada, "2026-10-01", 2);
  archive (f, ada);

  movements (f, TODAY, months);
  assert_month (&months[9], 2026, 9, 0, 0, 1);
  assert_month (&months[10], 2026, 10, 1, 0, 0);
  g_assert_cmpuint (stats (f).children, ==, 0);
}

/* The last day counted is the one asked about, not the pinned today: a
 * change later in the month is left out until its day. */
static void
test_movements_up_to_today (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) ada = add_child (f, "Ada");
  PwLevelMovement months[PW_MOVEMENT_MONTHS];

  pw_set_today ("2026-12-10");
  change_level (f, ada, "2026-12-02", 1);

  movements (f, "2026-12-01", months);
  assert_month (&months[11], 2026, 12, 0, 0, 0);
  movements (f, "2026-12-02", months);
  assert_month (&months[11], 2026, 12, 0, 0, 1);

  /* Without a day, pw_today() is used. */
  movements (f, NULL, months);
  assert_month (&months[11], 2026, 12, 0, 0, 1);
}

/* Reviews ------------------------------------------------------------------------ */

static void
test_reviews_by_week (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) friday = child_with_review (f, "Fri", "2026-11-20");
  g_autoptr(PwRecord) today = child_with_review (f, "Tia", TODAY);
  g_autoptr(PwRecord) sunday = child_with_review (f, "Sun", "2026-11-29");
  g_autoptr(PwRecord) monday = child_with_review (f, "Mon", "2026-11-30");
  g_autoptr(PwRecord) spring = child_with_review (f, "Spr", "2027-03-01");
  g_autoptr(PwRecord) unset = child_with_review (f, "Uns", NULL);
  g_autoptr(PwRecord) no_cycle = add_child (f, "Noc");
  g_autoptr(PwRecord) left = child_with_review (f, "Lef", "2026-10-01");
  PwReviewCounts counts;
  PwCaseloadStats s;

  archive (f, left);

  counts = reviews (f, TODAY);
  s = stats (f);
  g_assert_cmpuint (counts.overdue, ==, 1);
  g_assert_cmpuint (counts.this_week, ==, 2);
  g_assert_cmpuint (counts.later, ==, 2);
  g_assert_cmpuint (counts.unscheduled, ==, 2);
  g_assert_cmpuint (counts.overdue, ==, s.overdue_reviews);
  g_assert_cmpuint (counts.overdue + counts.this_week + counts.later + counts.unscheduled,
                    ==, s.children);

  /* On Sunday the week is nearly over: only Sunday's review is due in it. */
  counts = reviews (f, "2026-11-29");
  g_assert_cmpuint (counts.overdue, ==, 2);
  g_assert_cmpuint (counts.this_week, ==, 1);
  g_assert_cmpuint (counts.later, ==, 2);

  /* The next Monday starts a new week with Monday's review in it. */
  counts = reviews (f, "2026-11-30");
  g_assert_cmpuint (counts.overdue, ==, 3);
  g_assert_cmpuint (counts.this_week, ==, 1);
  g_assert_cmpuint (counts.later, ==, 1);

  /* Without a day, pw_today() is used, as by the stats. */
  counts = reviews (f, NULL);
  g_assert_cmpuint (counts.overdue, ==, s.overdue_reviews);
  g_assert_cmpuint (counts.this_week, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/pathway/dashboard/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("movements/empty", test_movements_empty);
  ADD ("movements/by-month", test_movements_by_month);
  ADD ("movements/archived", test_movements_archived);
  ADD ("movements/up-to-today", test_movements_up_to_today);
  ADD ("reviews/by-week", test_reviews_by_week);

#undef ADD

  return g_test_run ();
}
