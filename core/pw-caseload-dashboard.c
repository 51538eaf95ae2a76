/* pw-caseload-dashboard.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The counts behind the dashboard that pw_caseload_get_stats() does not
 * give: reviews by the week they fall in, and the level changes of each of
 * the last twelve months.
 *
 * Both take "today" as an argument, so that the dashboard can read them in
 * a worker thread without touching pw_today()'s pinned date, and a test can
 * ask about any day.  Each is one query over an index: the active
 * children's review order and the level history's dates.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pw-caseload-private.h"

/* Reviews ----------------------------------------------------------------------- */

/* The partial index child_review_order covers every active child and holds
 * next_review, so the counts never read the children's rows. */
static const char reviews_sql[] =
  "SELECT"
  " coalesce (sum (next_review < ?1), 0),"
  " coalesce (sum (next_review >= ?1 AND next_review <= ?2), 0),"
  " coalesce (sum (next_review > ?2), 0),"
  " coalesce (sum (next_review IS NULL), 0)"
  " FROM child INDEXED BY child_review_order WHERE archived_on IS NULL";

/* The Sunday that ends the week (Monday to Sunday) of @today. */
static char *
end_of_week (const GDate *today)
{
  GDate sunday = *today;
  char text[16];

  g_date_add_days (&sunday, G_DATE_SUNDAY - g_date_get_weekday (today));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &sunday);
  return g_strdup (text);
}

/* Leaves @date invalid unless @iso is a real day as YYYY-MM-DD. */
static void
parse_day (const char *iso, GDate *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (strlen (iso) == 10 && sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
}

static gboolean
read_reviews (PwCaseload *self, const char *today, const GDate *date, PwReviewCounts *counts,
              GError **error)
{
  g_autofree char *sunday = end_of_week (date);
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, reviews_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sunday, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->overdue = sqlite3_column_int (stmt, 0);
      counts->this_week = sqlite3_column_int (stmt, 1);
      counts->later = sqlite3_column_int (stmt, 2);
      counts->unscheduled = sqlite3_column_int (stmt, 3);
    }
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_ROW || _pw_caseload_sql_error (self, error);
}

/**
 * pw_caseload_get_review_counts:
 * @today_iso: (nullable): the day to count from, as YYYY-MM-DD; %NULL for
 *   pw_today()
 * @counts: (out caller-allocates): the counts
 *
 * Counts the active children by when their next review falls: before
 * @today_iso (overdue, as in #PwCaseloadStats), from @today_iso to the
 * Sunday that ends its week, after that, or not set.
 */
gboolean
pw_caseload_get_review_counts (PwCaseload      *self,
                               const char      *today_iso,
                               PwReviewCounts  *counts,
                               GError         **error)
{
  g_autofree char *today = today_iso != NULL ? g_strdup (today_iso) : pw_today ();
  GDate date;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  parse_day (today, &date);
  g_return_val_if_fail (g_date_valid (&date), FALSE);

  memset (counts, 0, sizeof *counts);
  if (!_pw_caseload_begin (self, error))
    return FALSE;
  ok = read_reviews (self, today, &date, counts, error);
  _pw_caseload_finish (self, ok, NULL);
  return ok;
}

/* Level movements ---------------------------------------------------------------- */

/* A change from no level (0, or not recorded by an older export) is a first
 * level; any other is up or down, as a change to the same level is refused. */
static const char movements_sql[] =
  "SELECT substr (date, 1, 7),"
  " sum (coalesce (from_level, 0) > 0 AND to_level > from_level),"
  " sum (to_level < coalesce (from_level, 0)),"
  " sum (coalesce (from_level, 0) = 0)"
  " FROM level_change WHERE date >= ?1 AND date <= ?2"
  " GROUP BY substr (date, 1, 7)";

/* Fills in the months, oldest first, that end with @today's. */
static void
set_months (const GDate *today, PwLevelMovement months[PW_MOVEMENT_MONTHS])
{
  int index = g_date_get_year (today) * 12 + g_date_get_month (today) - 1;

  for (int i = PW_MOVEMENT_MONTHS - 1; i >= 0; i--, index--)
    {
      memset (&months[i], 0, sizeof months[i]);
      months[i].year = index / 12;
      months[i].month = index % 12 + 1;
    }
}

static int
month_index (const PwLevelMovement months[PW_MOVEMENT_MONTHS], const char *year_month)
{
  guint year, month;

  if (year_month == NULL || sscanf (year_month, "%4u-%2u", &year, &month) != 2)
    return -1;
  for (int i = 0; i < PW_MOVEMENT_MONTHS; i++)
    if (months[i].year == year && months[i].month == month)
      return i;
  return -1;
}

static gboolean
read_movements (PwCaseload *self, const char *today, PwLevelMovement months[PW_MOVEMENT_MONTHS],
                GError **error)
{
  g_autofree char *first_day = g_strdup_printf ("%04u-%02u-01", months[0].year, months[0].month);
  sqlite3_stmt *stmt = _pw_caseload_prepare (self, movements_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = month_index (months, (const char *) sqlite3_column_text (stmt, 0));

      if (i < 0)
        continue;
      months[i].up = sqlite3_column_int (stmt, 1);
      months[i].down = sqlite3_column_int (stmt, 2);
      months[i].first = sqlite3_column_int (stmt, 3);
    }
  _pw_caseload_release (self, stmt);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/**
 * pw_caseload_get_level_movements:
 * @today_iso: (nullable): the last day counted, as YYYY-MM-DD; %NULL for
 *   pw_today()
 * @months: (out caller-allocates) (array fixed-size=12): the months
 *
 * Counts the level changes of each of the twelve calendar months that end
 * with @today_iso's, oldest first, by the date each change took effect:
 * steps up to a higher level, steps down, and first levels (from none).
 * Changes of archived children count too: they happened.
 */
gboolean
pw_caseload_get_level_movements (PwCaseload       *self,
                                 const char       *today_iso,
                                 PwLevelMovement   months[PW_MOVEMENT_MONTHS],
                                 GError          **error)
{
  g_autofree char *today = today_iso != NULL ? g_strdup (today_iso) : pw_today ();
  GDate date;
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (months != NULL, FALSE);
  parse_day (today, &date);
  g_return_val_if_fail (g_date_valid (&date), FALSE);

  set_months (&date, months);
  if (!_pw_caseload_begin (self, error))
    return FALSE;
  ok = read_movements (self, today, months, error);
  _pw_caseload_finish (self, ok, NULL);
  if (!ok)
    set_months (&date, months);
  return ok;
}
