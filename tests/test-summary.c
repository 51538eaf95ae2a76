/* test-summary.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PDF case summary as the people at a TALC or Intervention Circle
 * meeting read it: the file's text, taken out again with pdftotext, holds
 * the child's identity, level, plan, reviews, actions and attendance in
 * words rather than codes; a long case runs over more pages, each with its
 * header and footer; a file that cannot be written leaves nothing behind. */

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pw-caseload.h"
#include "pw-demo.h"
#include "pw-summary.h"
#include "pw-test-util.h"

#define CHILD_UPN_SERIAL 124

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

/* Reading a PDF back ------------------------------------------------------------- */

static char *
run_tool (const char *tool, const char *arg, const char *path)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (program == NULL)
    g_error ("%s is missing: build-aux/install-deps.sh installs poppler-utils", tool);
  if (arg != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, arg, path, "-",
                                NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

/* The text of every page; pdftotext ends each page with a form feed. */
static char **
pdf_pages (const char *path)
{
  g_autofree char *text = run_tool ("pdftotext", "-layout", path);
  char **pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (g_strstrip (pages[n - 1]), ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;
  return pages;
}

static char *
pdf_text (const char *path)
{
  g_auto(GStrv) pages = pdf_pages (path);

  return g_strjoinv ("\n", pages);
}

static void
assert_has (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the summary:\n%s", needle, text);
}

/* Every page has the header band and the footer, numbered. */
static void
assert_pages_framed (char **pages, const char *name)
{
  guint n = g_strv_length (pages);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n);

      assert_has (pages[i], name);
      assert_has (pages[i], "Case summary");
      assert_has (pages[i], "Printed 23 November 2026");
      assert_has (pages[i], number);
      assert_has (pages[i], "Confidential: contains personal data about a child");
    }
}

static char *
write_summary (Fixture *f, gint64 child_id, const char *name, guint *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSummary) summary = pw_summary_new (f->caseload, child_id, &error);
  char *path = g_build_filename (f->td.dir, name, NULL);
  g_autofree char *head = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_true (pw_summary_write_pdf (summary, path, &error));
  g_assert_no_error (error);
  head = pw_test_read_file (path, NULL);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  if (n_pages != NULL)
    *n_pages = pw_summary_get_n_pages (summary);
  return path;
}

/* Building a case ----------------------------------------------------------------- */

static PwRecord *
new_for (GType type, PwRecord *child)
{
  PwRecord *record = pw_record_new (type);

  pw_record_set_int (record, "child-id", pw_record_get_id (child));
  return record;
}

static void
save_new (Fixture *f, PwRecord *record)
{
  g_autoptr(PwRecord) owned = record;

  pw_test_save_ok (f->caseload, owned);
}

static gint64
worker (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pw_caseload_ensure_worker (f->caseload, name, &error);

  g_assert_no_error (error);
  return id;
}

static PwRecord *
add_child (Fixture *f, const char *given, const char *family, guint serial)
{
  g_autoptr(GError) error = NULL;
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);
  g_autofree char *upn = pw_test_make_upn (916, serial, '\0');
  gint64 setting = pw_caseload_ensure_setting (f->caseload, "Severn Reach Primary School",
                                               &error);

  g_assert_no_error (error);
  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", family);
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "upn", upn);
  pw_record_set_text (child, "sen-provision", "K");
  pw_record_set_text (child, "year-group", "5");
  pw_record_set_int (child, "setting-id", setting);
  pw_record_set_int (child, "lead-practitioner-id", worker (f, "Jo Lead"));
  pw_test_save_ok (f->caseload, child);
  return child;
}

static void
add_level (Fixture *f, PwRecord *child, const char *date, gint64 level, const char *route)
{
  PwRecord *change = new_for (PW_TYPE_LEVEL_CHANGE, child);

  pw_record_set_text (change, "date", date);
  pw_record_set_int (change, "to-level", level);
  pw_record_set_text (change, "reason", "Agreed at the Team Around the Family meeting");
  pw_record_set_text (change, "route", route);
  pw_record_set_text (change, "decided-by", "TAF meeting");
  save_new (f, change);
}

static PwRecord *
open_cycle (Fixture *f, PwRecord *child, const char *opened_on, const char *needs)
{
  g_autoptr(GError) error = NULL;
  PwRecord *cycle = PW_RECORD (pw_caseload_open_cycle (f->caseload, pw_record_get_id (child),
                                                       opened_on, &error));

  g_assert_no_error (error);
  pw_record_set_text (cycle, "needs-summary", needs);
  pw_record_set_text (cycle, "child-views", "I like reading with Mrs Patel.");
  pw_test_save_ok (f->caseload, cycle);
  return cycle;
}

static void
advance (Fixture *f, PwRecord *cycle)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_no_error (error);
}

static PwRecord *
add_outcome (Fixture *f, PwRecord *cycle, const char *text, const char *criteria)
{
  PwRecord *outcome = pw_record_new (PW_TYPE_OUTCOME);

  pw_record_set_int (outcome, "child-id", pw_record_get_int (cycle, "child-id"));
  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (outcome, "description", text);
  pw_record_set_text (outcome, "success-criteria", criteria);
  pw_record_set_text (outcome, "target-date", "2026-12-18");
  pw_test_save_ok (f->caseload, outcome);
  return outcome;
}

static void
add_provision (Fixture *f, PwRecord *cycle, PwRecord *outcome, const char *intervention)
{
  PwRecord *provision = pw_record_new (PW_TYPE_PROVISION);

  pw_record_set_int (provision, "child-id", pw_record_get_int (cycle, "child-id"));
  pw_record_set_int (provision, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_int (provision, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (provision, "intervention", intervention);
  pw_record_set_text (provision, "frequency", "Three times a week");
  pw_record_set_text (provision, "delivered-by", "Teaching assistant");
  pw_record_set_text (provision, "start-date", pw_record_get_text (cycle, "opened-on"));
  save_new (f, provision);
}

/* Plans @cycle with @outcomes (NULL-ended) and takes it to Do. */
static void
plan_cycle (Fixture *f, PwRecord *cycle, const char *review_date, const char **outcomes,
            GPtrArray *made)
{
  advance (f, cycle);
  for (guint i = 0; outcomes[i] != NULL; i++)
    {
      PwRecord *outcome = add_outcome (f, cycle, outcomes[i], "Seen in three lessons running");

      add_provision (f, cycle, outcome, "Phonics catch-up");
      g_ptr_array_add (made, outcome);
    }
  pw_record_set_text (cycle, "review-date", review_date);
  pw_test_save_ok (f->caseload, cycle);
  advance (f, cycle);
}

/* Reviews @cycle: every outcome rated @progress, the decision, closed. */
static void
close_cycle (Fixture *f, PwRecord *cycle, GPtrArray *outcomes, const char *progress,
             const char *held_on, const char *next_steps)
{
  advance (f, cycle);
  for (guint i = 0; i < outcomes->len; i++)
    {
      PwRecord *rating = pw_record_new (PW_TYPE_RATING);

      pw_record_set_int (rating, "child-id", pw_record_get_int (cycle, "child-id"));
      pw_record_set_int (rating, "outcome-id", pw_record_get_id (outcomes->pdata[i]));
      pw_record_set_text (rating, "progress", progress);
      pw_record_set_text (rating, "evidence", "Reading record and class observation");
      save_new (f, rating);
    }
  pw_record_set_text (cycle, "review-held-on", held_on);
  pw_record_set_text (cycle, "decision", "new-cycle");
  pw_record_set_text (cycle, "next-steps", next_steps);
  pw_test_save_ok (f->caseload, cycle);
  advance (f, cycle);
}

static void
add_meeting (Fixture *f, PwRecord *child, const char *attendee, const char *action_text)
{
  g_autoptr(PwRecord) meeting = new_for (PW_TYPE_MEETING, child);
  PwRecord *person = new_for (PW_TYPE_ATTENDEE, child);
  PwRecord *action = new_for (PW_TYPE_MEETING_ACTION, child);

  pw_record_set_text (meeting, "type", "talc");
  pw_record_set_text (meeting, "date", "2026-10-03");
  pw_record_set_text (meeting, "question", "Is a referral to educational psychology needed?");
  pw_record_set_text (meeting, "lead-agency", "early-help");
  pw_test_save_ok (f->caseload, meeting);
  pw_record_set_int (person, "meeting-id", pw_record_get_id (meeting));
  pw_record_set_text (person, "name", attendee);
  pw_record_set_text (person, "agency", "educational-psychology");
  save_new (f, person);
  pw_record_set_int (action, "meeting-id", pw_record_get_id (meeting));
  pw_record_set_text (action, "description", action_text);
  pw_record_set_text (action, "owner", "Sam Senco");
  pw_record_set_text (action, "due-date", "2026-10-17");
  save_new (f, action);
}

static void
add_attendance (Fixture *f, PwRecord *child)
{
  PwRecord *term = new_for (PW_TYPE_ATTENDANCE, child);

  pw_record_set_text (term, "academic-year", "2025/26");
  pw_record_set_text (term, "term", "autumn");
  pw_record_set_int (term, "possible-sessions", 140);
  pw_record_set_int (term, "authorised-absence", 10);
  pw_record_set_int (term, "unauthorised-absence", 8);
  save_new (f, term);
}

static void
add_consent (Fixture *f, PwRecord *child)
{
  PwRecord *consent = new_for (PW_TYPE_CONSENT, child);

  pw_record_set_text (consent, "given-on", "2026-09-01");
  pw_record_set_text (consent, "given-by", "Mother");
  pw_record_set_text (consent, "scope", "The whole plan and the review notes");
  pw_record_set_text (consent, "agencies", "camhs,education-setting");
  save_new (f, consent);
}

static void
add_need (Fixture *f, PwRecord *child, const char *type, gint64 rank)
{
  PwRecord *need = new_for (PW_TYPE_NEED, child);

  pw_record_set_text (need, "type", type);
  pw_record_set_int (need, "rank", rank);
  save_new (f, need);
}

static void
add_note (Fixture *f, PwRecord *child, const char *date, const char *text)
{
  PwRecord *note = new_for (PW_TYPE_NOTE, child);

  pw_record_set_text (note, "event-date", date);
  pw_record_set_text (note, "text", text);
  save_new (f, note);
}

/* A child at Level 3 with one reviewed cycle and one in Do. */
static PwRecord *
add_case (Fixture *f, const char *given, const char *family, guint serial)
{
  const char *first[] = { "Joins in group play at lunchtime", NULL };
  const char *second[] = { "Reads forty words a minute", NULL };
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PwRecord) closed = NULL;
  g_autoptr(PwRecord) open = NULL;
  PwRecord *child = add_child (f, given, family, serial);

  add_level (f, child, "2025-01-10", 2, "initial");
  add_level (f, child, "2026-03-02", 3, "talc");
  add_consent (f, child);
  add_need (f, child, "ASD", 1);
  add_need (f, child, "SLCN", 2);
  closed = open_cycle (f, child, "2025-09-08", "Finds unstructured times hard");
  plan_cycle (f, closed, "2026-01-20", first, outcomes);
  close_cycle (f, closed, outcomes, "partly-met", "2026-01-20", "Keep the lunchtime club");
  g_ptr_array_set_size (outcomes, 0);
  open = open_cycle (f, child, "2026-09-08", "Reading is two years behind");
  plan_cycle (f, open, "2026-12-04", second, outcomes);
  add_meeting (f, child, "Łukasz Nowak", "Send the referral to the psychologist");
  add_attendance (f, child);
  add_note (f, child, "2026-11-02", "Settled well after half term");
  return child;
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_contents (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_case (f, "Ada", "Brook", CHILD_UPN_SERIAL);
  g_autofree char *path = write_summary (f, pw_record_get_id (child), "ada.pdf", NULL);
  g_autofree char *text = pdf_text (path);
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);

  assert_has (text, "Ada Brook");
  assert_has (text, pw_record_get_text (child, "upn"));
  assert_has (text, "Level 3 · Intensive");
  assert_has (text, "Page 1 of");
  assert_has (text, "14 March 2016 (age 10)");
  assert_has (text, "Severn Reach Primary School");
  assert_has (text, "Autistic spectrum disorder");
  assert_has (text, "Year 5");
  assert_has (text, "SEN support");
  assert_has (text, "Reads forty words a minute");
  assert_has (text, "Phonics catch-up");
  assert_has (text, "Three times a week");
  assert_has (text, "4 December 2026");
  assert_has (text, "Joins in group play at lunchtime");
  assert_has (text, "Partly met");
  assert_has (text, "Continue with a new cycle");
  assert_has (text, "Send the referral to the psychologist");
  assert_has (text, "Overdue");
  assert_has (text, "Persistent absence");
  assert_has (text, "12.9%");
  assert_has (text, "CAMHS / mental health");
  assert_has (text, "Settled well after half term");
  /* Labels, not the codes stored. */
  g_assert_null (strstr (text, "partly-met"));
  g_assert_null (strstr (text, "new-cycle"));
  g_assert_null (strstr (text, "camhs"));
  assert_has (info, "Case summary: Ada Brook");
}

/* The same text in the names that English-only software mangles. */
static void
test_non_ascii (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_case (f, "Zoë", "Ó Súilleabháin", CHILD_UPN_SERIAL);
  g_autofree char *path = write_summary (f, pw_record_get_id (child), "zoe.pdf", NULL);
  g_auto(GStrv) pages = pdf_pages (path);
  g_autofree char *text = g_strjoinv ("\n", pages);
  g_autofree char *info = run_tool ("pdfinfo", NULL, path);

  assert_pages_framed (pages, "Zoë Ó Súilleabháin");
  assert_has (text, "Łukasz Nowak");
  assert_has (info, "Case summary: Zoë Ó Súilleabháin");
}

static char *
long_prose (const char *start, guint sentences, const char *end)
{
  g_autoptr(GString) text = g_string_new (start);

  for (guint i = 0; i < sentences; i++)
    g_string_append_printf (text, " In lesson %u the class teacher saw steady work with the "
                            "visual timetable and a calm start to the morning.", i + 1);
  g_string_append_printf (text, " %s", end);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Six reviewed cycles with long views and many notes. */
static PwRecord *
add_long_case (Fixture *f)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  PwRecord *child = add_child (f, "Rowan", "Hartley", CHILD_UPN_SERIAL + 1);

  add_level (f, child, "2020-01-10", 2, "initial");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *opened = g_strdup_printf ("%u-09-07", 2020 + i);
      g_autofree char *review = g_strdup_printf ("%u-03-10", 2021 + i);
      g_autofree char *needs = long_prose ("Needs.", 30, "Last word of the needs.");
      g_autofree char *steps = g_strdup_printf ("Next steps after cycle %u", i + 1);
      g_autofree char *outcome = g_strdup_printf ("Outcome %u of a long case", i + 1);
      const char *list[] = { outcome, "Uses the calm corner when upset", NULL };
      g_autoptr(PwRecord) cycle = open_cycle (f, child, opened, needs);

      g_ptr_array_set_size (outcomes, 0);
      plan_cycle (f, cycle, review, list, outcomes);
      close_cycle (f, cycle, outcomes, "met", review, steps);
    }
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + i / 6, 1 + i % 6 * 4);
      g_autofree char *note = g_strdup_printf ("Note %u about the morning routine", i + 1);

      add_note (f, child, date, note);
    }
  return child;
}

static void
test_long_case (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) long_child = add_long_case (f);
  g_autoptr(PwRecord) short_child = add_child (f, "Ada", "Brook", CHILD_UPN_SERIAL);
  guint long_pages = 0, short_pages = 0;
  g_autofree char *long_path = write_summary (f, pw_record_get_id (long_child), "long.pdf",
                                              &long_pages);
  g_autofree char *short_path = write_summary (f, pw_record_get_id (short_child), "short.pdf",
                                               &short_pages);
  g_auto(GStrv) pages = pdf_pages (long_path);
  g_auto(GStrv) short_text = pdf_pages (short_path);
  g_autofree char *text = g_strjoinv ("\n", pages);

  g_assert_cmpuint (g_strv_length (short_text), ==, short_pages);
  g_assert_cmpuint (g_strv_length (pages), ==, long_pages);
  g_assert_cmpuint (long_pages, >, short_pages);
  g_assert_cmpuint (long_pages, >=, 4);
  assert_pages_framed (pages, "Rowan Hartley");
  assert_pages_framed (short_text, "Ada Brook");
  /* Nothing is lost where a page breaks: the newest cycle first, the
   * oldest last, and the last twenty notes in between. */
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *outcome = g_strdup_printf ("Outcome %u of a long case", i);
      g_autofree char *steps = g_strdup_printf ("Next steps after cycle %u", i);

      assert_has (text, outcome);
      assert_has (text, steps);
    }
  assert_has (text, "Last word of the needs.");
  assert_has (text, "The last 20 of");
  assert_has (text, "Note 60 about the morning routine");
  assert_has (text, "Note 41 about the morning routine");
  g_assert_null (strstr (text, "Note 40 about the morning routine"));
}

/* A realistic child from the demo data. */
static void
test_demo_child (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  g_assert_true (pw_demo_fill (f->caseload, 4, 7, &error));
  g_assert_no_error (error);
  id = pw_test_query_int (f->store, "SELECT id FROM child ORDER BY current_level DESC, id "
                                    "LIMIT 1");
  child = pw_caseload_load (f->caseload, PW_TYPE_CHILD, id, &error);
  g_assert_no_error (error);
  path = write_summary (f, id, "demo.pdf", NULL);
  text = pdf_text (path);
  name = g_strdup_printf ("%s %s", pw_record_get_text (child, "legal-given-name"),
                          pw_record_get_text (child, "legal-family-name"));
  assert_has (text, name);
  assert_has (text, "Identity");
  assert_has (text, "Review history");
  assert_has (text, "Page 1 of");
}

/* The summary is its own copy: the store can close before it is written. */
static void
test_outlives_store (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook", CHILD_UPN_SERIAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSummary) summary = pw_summary_new (f->caseload, pw_record_get_id (child), &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  PwTestDir out;

  g_assert_no_error (error);
  g_clear_object (&child);
  pw_test_caseload_free (&f->td, f->store, f->caseload);
  f->caseload = pw_test_caseload_new (&f->td, &f->store);

  pw_test_dir_init (&out);
  path = g_build_filename (out.dir, "ada.pdf", NULL);
  g_assert_true (pw_summary_write_pdf (summary, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  assert_has (text, "Ada Brook");
  assert_has (text, "No Assess, Plan, Do, Review cycle");
  pw_test_dir_clear (&out);
}

static void
test_missing_child (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSummary) summary = pw_summary_new (f->caseload, 4242, &error);

  g_assert_null (summary);
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* A destination that cannot be written: an error naming it, and no file. */
static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_child (f, "Ada", "Brook", CHILD_UPN_SERIAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSummary) summary = pw_summary_new (f->caseload, pw_record_get_id (child), &error);
  g_autofree char *missing = g_build_filename (f->td.dir, "no-such-folder", "ada.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->td.dir, "a-folder.pdf", NULL);
  guint before;

  g_assert_no_error (error);
  g_assert_false (pw_summary_write_pdf (summary, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  pw_test_assert_message_contains (error, missing);
  pw_test_assert_message_contains (error, "No such file or directory");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The whole file is written before the rename fails: it goes too. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  before = count_files (f->td.dir);
  g_assert_false (pw_summary_write_pdf (summary, folder, &error));
  g_assert_nonnull (error);
  pw_test_assert_message_contains (error, folder);
  g_assert_cmpuint (count_files (f->td.dir), ==, before);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

/* Drawing pages through the API a print operation uses. */
static void
test_paginate_for_print (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = add_case (f, "Ada", "Brook", CHILD_UPN_SERIAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSummary) summary = pw_summary_new (f->caseload, pw_record_get_id (child), &error);
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint letter_pages;

  pango_cairo_context_set_resolution (context, 72);
  /* US Letter is wider and shorter than A4. */
  g_assert_true (pw_summary_paginate (summary, 612, 792, context, &error));
  g_assert_no_error (error);
  letter_pages = pw_summary_get_n_pages (summary);
  g_assert_cmpuint (letter_pages, >=, 1);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint i = 0; i < letter_pages; i++)
    pw_summary_draw_page (summary, cr, i);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_false (pw_summary_paginate (summary, 100, 100, context, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_object_unref (context);
  g_object_unref (font_map);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/summary/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("contents", test_contents);
  ADD ("non-ascii", test_non_ascii);
  ADD ("long-case", test_long_case);
  ADD ("demo-child", test_demo_child);
  ADD ("outlives-store", test_outlives_store);
  ADD ("missing-child", test_missing_child);
  ADD ("unwritable", test_unwritable);
  ADD ("paginate-for-print", test_paginate_for_print);

#undef ADD
  return g_test_run ();
}
