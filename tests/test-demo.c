/* test-demo.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo generator: its children obey every rule of the Graduated
 * Pathway, cover every level and stage, and come out the same for the same
 * seed. */

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-demo.h"
#include "pw-test-util.h"

#define TODAY "2026-11-23"

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  pw_set_today (TODAY);
  pw_test_dir_init (&f->td);
  f->store = pw_test_create_store (f->td.path, NULL);
  f->caseload = pw_caseload_new (f->store, &error);
  g_assert_no_error (error);
  pw_caseload_set_actor (f->caseload, "Demo generator");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->caseload);
  g_assert_finalize_object (f->store);
  pw_test_dir_clear (&f->td);
  pw_set_today (NULL);
}

static void
fill (Fixture *f, guint n_children, guint32 seed)
{
  g_autoptr(GError) error = NULL;

  pw_demo_fill (f->caseload, n_children, seed, &error);
  g_assert_no_error (error);
}

static void
assert_none (Fixture *f, const char *what, const char *sql)
{
  gint64 n = pw_test_query_int (f->store, sql);

  if (n != 0)
    g_test_message ("%" G_GINT64_FORMAT " rows break the rule: %s", n, what);
  g_assert_cmpint (n, ==, 0);
}

static void
test_store_and_audit_hold (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint64 n_entries = 0;

  fill (f, 300, 42);
  g_assert_true (pw_store_verify (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (pw_caseload_verify_audit (f->caseload, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, >, 300 * 10);
}

static void
test_rules_hold (Fixture *f, gconstpointer data)
{
  fill (f, 300, 42);
  assert_none (f, "Level 3-4 without a lead practitioner",
               "SELECT count(*) FROM child WHERE current_level >= 3 AND "
               "coalesce(lead_practitioner_id, 0) = 0");
  assert_none (f, "a closed cycle with an unrated outcome",
               "SELECT count(*) FROM outcome JOIN cycle ON cycle.id = outcome.cycle_id "
               "WHERE cycle.state = 'closed' AND outcome.id NOT IN "
               "(SELECT outcome_id FROM rating)");
  assert_none (f, "two open cycles",
               "SELECT count(*) FROM (SELECT child_id FROM cycle WHERE state <> 'closed' "
               "GROUP BY child_id HAVING count(*) > 1)");
  assert_none (f, "a closed cycle without review or decision",
               "SELECT count(*) FROM cycle WHERE state = 'closed' AND "
               "(review_held_on IS NULL OR decision IS NULL OR closed_on IS NULL)");
  assert_none (f, "cycles out of order",
               "SELECT count(*) FROM cycle a JOIN cycle b ON a.child_id = b.child_id AND "
               "a.number < b.number WHERE a.opened_on > b.opened_on OR "
               "(a.state = 'closed' AND a.closed_on > b.opened_on)");
  assert_none (f, "a level change in the future or before birth",
               "SELECT count(*) FROM level_change JOIN child ON child.id = child_id "
               "WHERE date > '" TODAY "' OR date < date_of_birth");
  assert_none (f, "a current level that is not the last change",
               "SELECT count(*) FROM child WHERE current_level <> (SELECT to_level FROM "
               "level_change WHERE child_id = child.id ORDER BY date DESC, id DESC LIMIT 1)");
  assert_none (f, "a first level change that is not initial",
               "SELECT count(*) FROM level_change l WHERE from_level = 0 AND route <> 'initial'");
  assert_none (f, "a session outside Do or Review",
               "SELECT count(*) FROM session JOIN provision ON provision.id = provision_id "
               "WHERE session.date < provision.start_date OR session.date > '" TODAY "'");
  assert_none (f, "NSA without SEN support",
               "SELECT count(*) FROM need JOIN child ON child.id = child_id "
               "WHERE type = 'NSA' AND sen_provision <> 'K'");
}

/* Year groups follow the date of birth: 1 September starts the school year,
 * and on 31 August 2026 a Year 1 child was 5. */
static void
test_year_groups_match_age (Fixture *f, gconstpointer data)
{
  fill (f, 300, 7);
  assert_none (f, "a year group that does not fit the date of birth",
               "SELECT count(*) FROM child WHERE "
               "(CASE year_group WHEN 'N1' THEN 2 WHEN 'N2' THEN 3 WHEN 'R' THEN 4 "
               " ELSE CAST (year_group AS INTEGER) + 4 END) <> "
               "2026 - (CAST (substr (date_of_birth, 1, 4) AS INTEGER) - "
               "(CAST (substr (date_of_birth, 6, 2) AS INTEGER) < 9)) - 1");
  assert_none (f, "a child under three or over nineteen",
               "SELECT count(*) FROM child WHERE date_of_birth > date ('" TODAY "', '-3 years') "
               "OR date_of_birth < date ('" TODAY "', '-20 years')");
}

static void
test_distributions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwCaseloadStats stats;
  gint64 valid_upns;

  fill (f, 300, 42);
  g_assert_true (pw_caseload_get_stats (f->caseload, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.children, ==, 300);
  g_assert_cmpuint (stats.by_level[0], ==, 0);
  g_assert_cmpuint (stats.by_level[1], >, 120);
  for (guint level = 2; level <= 4; level++)
    g_assert_cmpuint (stats.by_level[level], >, 5);
  g_assert_cmpuint (stats.by_level[1], >, stats.by_level[2]);
  g_assert_cmpuint (stats.by_level[3], >, stats.by_level[4]);
  g_assert_cmpuint (stats.open_cycles, >, 50);
  g_assert_cmpuint (stats.overdue_reviews, >, 0);
  g_assert_cmpuint (stats.due_soon, >, 0);
  g_assert_cmpuint (stats.persistent_absence, >, 10);
  g_assert_cmpuint (stats.persistent_absence, >=, stats.severe_absence);

  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(DISTINCT state) FROM cycle"),
                   ==, 5);
  valid_upns = pw_test_query_int (f->store, "SELECT count(*) FROM child WHERE upn IS NOT NULL "
                                  "AND upn_temporary = 0");
  g_assert_cmpint (valid_upns, >, 300 * 55 / 100);
  g_assert_cmpint (valid_upns, <, 300 * 85 / 100);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM child WHERE "
                                      "upn_temporary = 1"), >, 0);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(DISTINCT ethnicity) FROM child"),
                   >=, 10);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(DISTINCT type) FROM meeting"),
                   ==, 3);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM exclusion"), >, 0);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM level_change WHERE "
                                      "to_level < from_level"), >, 0);
}

/* "given family date-of-birth upn" of every child, in the order written. */
static char *
list_children (PwCaseload *caseload, guint n_children)
{
  GString *list = g_string_new (NULL);

  for (guint id = 1; id <= n_children; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwRecord) child = pw_caseload_load (caseload, PW_TYPE_CHILD, id, &error);

      g_assert_no_error (error);
      g_string_append_printf (list, "%s %s %s %s\n",
                              pw_record_get_text (child, "legal-given-name"),
                              pw_record_get_text (child, "legal-family-name"),
                              pw_record_get_text (child, "date-of-birth"),
                              pw_record_get_text (child, "upn"));
    }
  return g_string_free (list, FALSE);
}

static char *
list_for_seed (guint32 seed)
{
  Fixture f = { 0 };
  char *list;

  fixture_set_up (&f, NULL);
  fill (&f, 40, seed);
  list = list_children (f.caseload, 40);
  fixture_tear_down (&f, NULL);
  return list;
}

static void
test_same_seed_same_children (void)
{
  g_autofree char *first = list_for_seed (2026);
  g_autofree char *again = list_for_seed (2026);
  g_autofree char *other = list_for_seed (2027);

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
}

/* A second fill adds to the first without clashing UPNs. */
static void
test_fill_twice (Fixture *f, gconstpointer data)
{
  fill (f, 120, 3);
  fill (f, 120, 3);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM child"), ==, 240);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM setting"), ==, 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/demo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("store-and-audit-hold", test_store_and_audit_hold);
  ADD ("rules-hold", test_rules_hold);
  ADD ("year-groups-match-age", test_year_groups_match_age);
  ADD ("distributions", test_distributions);
  ADD ("fill-twice", test_fill_twice);
#undef ADD
  g_test_add_func ("/pathway/demo/same-seed-same-children", test_same_seed_same_children);

  return g_test_run ();
}
