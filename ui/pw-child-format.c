/* pw-child-format.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The words and dates the caseload shows for a child: the name a person
 * uses, dates written the British way ("1 Dec 2026"), and how urgent the
 * next review is.  Dates arrive as ISO 8601 text from the store, so "before
 * today" is a comparison of strings.
 */

#define G_LOG_DOMAIN "pw-child-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pw-caseload.h"
#include "pw-child-format.h"

static gboolean
parse_iso_date (const char *iso_date,
                GDate      *date)
{
  int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_gdate (const GDate *date,
              const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (time, format);
}

static char *
iso_from_gdate (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/**
 * pw_nonempty:
 *
 * Returns: (nullable): @text, or %NULL if it is %NULL or empty
 */
const char *
pw_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/**
 * pw_code_label:
 * @table: the code table @field's codes come from
 *
 * Returns: (nullable): the words for the code in @record's @field, %NULL
 *   if none is recorded
 */
const char *
pw_code_label (PwRecord    *record,
               PwCodeTable  table,
               const char  *field)
{
  const char *code = pw_record_get_text (record, field);

  return code != NULL ? pw_codes_label (table, code) : NULL;
}

static char *
join_names (const char *given, const char *family)
{
  if (given != NULL && family != NULL)
    return g_strdup_printf ("%s %s", given, family);
  return g_strdup (given != NULL ? given : family != NULL ? family : "");
}

/**
 * pw_child_dup_display_name:
 * @child: a child
 *
 * The name people use: the preferred name if there is one, otherwise the
 * legal first name, then the legal last name.
 *
 * Returns: (transfer full): the name to show
 */
char *
pw_child_dup_display_name (PwChild *child)
{
  PwRecord *record = PW_RECORD (child);
  const char *given;
  const char *family;

  g_return_val_if_fail (PW_IS_CHILD (child), NULL);

  given = pw_nonempty (pw_record_get_text (record, "preferred-name"));
  if (given == NULL)
    given = pw_nonempty (pw_record_get_text (record, "legal-given-name"));
  family = pw_nonempty (pw_record_get_text (record, "legal-family-name"));

  return join_names (given, family);
}

/**
 * pw_child_dup_legal_name:
 * @child: a child
 *
 * Returns: (transfer full): the legal first and last names
 */
char *
pw_child_dup_legal_name (PwChild *child)
{
  PwRecord *record = PW_RECORD (child);
  const char *given;
  const char *family;

  g_return_val_if_fail (PW_IS_CHILD (child), NULL);

  given = pw_nonempty (pw_record_get_text (record, "legal-given-name"));
  family = pw_nonempty (pw_record_get_text (record, "legal-family-name"));

  return join_names (given, family);
}

/**
 * pw_format_date:
 * @iso_date: (nullable): a date as `YYYY-MM-DD`
 * @long_month: whether to spell the month out ("1 December 2026")
 *
 * Returns: (transfer full) (nullable): the date for people to read, such as
 *   "1 Dec 2026", or %NULL if @iso_date is not a date
 */
char *
pw_format_date (const char *iso_date,
                gboolean    long_month)
{
  GDate date;

  if (!parse_iso_date (iso_date, &date))
    return NULL;

  /* TRANSLATORS: dates as g_date_time_format() writes them; the first is
   * the short form in lists ("1 Dec 2026"), the second the long form. */
  return format_gdate (&date, long_month ? C_("long date", "%-d %B %Y")
                                         : C_("short date", "%-d %b %Y"));
}

/**
 * pw_format_age:
 * @date_of_birth: a date as `YYYY-MM-DD`
 * @today: today as `YYYY-MM-DD`
 *
 * Returns: (transfer full) (nullable): "age 11", or %NULL if either date is
 *   not one or the birth is after @today
 */
char *
pw_format_age (const char *date_of_birth,
               const char *today)
{
  GDate birth;
  GDate now;
  int years;

  if (!parse_iso_date (date_of_birth, &birth) || !parse_iso_date (today, &now))
    return NULL;
  if (g_date_compare (&birth, &now) > 0)
    return NULL;

  years = g_date_get_year (&now) - g_date_get_year (&birth);
  if (g_date_get_month (&now) < g_date_get_month (&birth) ||
      (g_date_get_month (&now) == g_date_get_month (&birth) &&
       g_date_get_day (&now) < g_date_get_day (&birth)))
    years--;

  return g_strdup_printf (g_dngettext (NULL, "age %d", "age %d", years), years);
}

/**
 * pw_review_state:
 * @next_review: (nullable): the date of the next review, `YYYY-MM-DD`
 * @today: today, `YYYY-MM-DD`, as pw_today() gives it
 *
 * Uses the same window as #PwChildList's review filters.
 */
PwReviewState
pw_review_state (const char *next_review,
                 const char *today)
{
  g_autofree char *soon = NULL;
  GDate date;

  g_return_val_if_fail (today != NULL, PW_REVIEW_STATE_NONE);

  if (pw_nonempty (next_review) == NULL)
    return PW_REVIEW_STATE_NONE;
  if (strcmp (next_review, today) < 0)
    return PW_REVIEW_STATE_OVERDUE;
  if (!parse_iso_date (today, &date))
    return PW_REVIEW_STATE_LATER;

  g_date_add_days (&date, PW_DUE_SOON_DAYS);
  soon = iso_from_gdate (&date);
  return strcmp (next_review, soon) <= 0 ? PW_REVIEW_STATE_DUE_SOON : PW_REVIEW_STATE_LATER;
}

/**
 * pw_format_review:
 * @next_review: (nullable): the date of the next review, `YYYY-MM-DD`
 * @state: what pw_review_state() said of it
 *
 * Says the urgency in words as well as by colour.
 *
 * Returns: (transfer full): "Review 1 Dec 2026", "Review 1 Dec 2026 · overdue"…
 */
char *
pw_format_review (const char    *next_review,
                  PwReviewState  state)
{
  g_autofree char *date = pw_format_date (next_review, FALSE);

  if (date == NULL || state == PW_REVIEW_STATE_NONE)
    return g_strdup (_("No review date"));

  switch (state)
    {
    case PW_REVIEW_STATE_OVERDUE:
      /* TRANSLATORS: %s is a date such as "1 Dec 2026" */
      return g_strdup_printf (_("Review %s · overdue"), date);
    case PW_REVIEW_STATE_DUE_SOON:
      /* TRANSLATORS: %s is a date such as "1 Dec 2026" */
      return g_strdup_printf (_("Review %s · due soon"), date);
    case PW_REVIEW_STATE_NONE:
    case PW_REVIEW_STATE_LATER:
    default:
      /* TRANSLATORS: %s is a date such as "1 Dec 2026" */
      return g_strdup_printf (_("Review %s"), date);
    }
}

/**
 * pw_format_level:
 * @level: a Level of Intervention, 1 to 4, or 0 for none recorded
 *
 * Returns: (transfer full): "Level 3", or "No level"
 */
char *
pw_format_level (int level)
{
  if (level < 1 || level > 4)
    return g_strdup (_("No level"));

  return g_strdup_printf (_("Level %d"), level);
}

/**
 * pw_level_name:
 * @level: a Level of Intervention, 1 to 4
 *
 * Returns: (transfer none) (nullable): "Universal", "Additional",
 *   "Intensive" or "Specialist"
 */
const char *
pw_level_name (int level)
{
  switch (level)
    {
    case 1:
      return _("Universal");
    case 2:
      return _("Additional");
    case 3:
      return _("Intensive");
    case 4:
      return _("Specialist");
    default:
      return NULL;
    }
}
