/* test-erasure.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Erasing a child for a data-protection request: every record of theirs is
 * gone, and no trace of their data is left in the store, not in a free
 * page, an old search segment or the write-ahead log.  The file on disk is
 * encrypted, so the check searches its decrypted pages
 * (_pw_store_pages_contain).  Every value written carries a marker made of
 * a word, the field and a tail that is the same for all of one child's
 * markers: the search index stores words with their shared beginnings
 * left out, never their ends, so the tail finds a word there too.
 *
 * Another child, written before, between and after, keeps every record and
 * every byte of their data. */

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-chronology-entry.h"
#include "pw-store-private.h"
#include "pw-test-util.h"

#define TODAY "2026-11-23"

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
} Fixture;

typedef void (*FixtureFunc) (Fixture *f, gconstpointer data);

/* One child and the markers in their records. */
typedef struct
{
  const char *word;     /* begins each marker */
  const char *tail;     /* ends each marker */
  GPtrArray *all;       /* every marker written, even if replaced since */
  GPtrArray *live;      /* the markers the records hold now */
  PwRecord *child;
  char *upn;
  const char *nhs;
} Person;

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

static void
person_init (Person *p, const char *word, const char *tail, guint serial, const char *nhs)
{
  p->word = word;
  p->tail = tail;
  p->all = g_ptr_array_new_with_free_func (g_free);
  p->live = g_ptr_array_new ();
  p->child = NULL;
  p->upn = pw_test_make_upn (916, serial, '\0');
  p->nhs = nhs;
}

static void
person_clear (Person *p)
{
  g_clear_pointer (&p->live, g_ptr_array_unref);
  g_clear_pointer (&p->all, g_ptr_array_unref);
  g_clear_object (&p->child);
  g_clear_pointer (&p->upn, g_free);
}

/* A new marker for @field; @live if the record will still hold it. */
static const char *
mark (Person *p, const char *field, gboolean live)
{
  char *marker = g_strdup_printf ("%s%s%s", p->word, field, p->tail);

  g_ptr_array_add (p->all, marker);
  if (live)
    g_ptr_array_add (p->live, marker);
  return marker;
}

static gboolean
pages_contain (Fixture *f, const char *needle)
{
  return _pw_store_pages_contain (f->store, needle, strlen (needle));
}

static void
save_ok (Fixture *f, PwRecord *record)
{
  pw_test_save_ok (f->caseload, record);
}

static void
advance_ok (Fixture *f, PwRecord *cycle)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_caseload_advance_cycle (f->caseload, PW_CYCLE (cycle), &error));
  g_assert_no_error (error);
}

static PwRecord *
new_for (GType type, Person *p)
{
  PwRecord *record = pw_record_new (type);

  pw_record_set_int (record, "child-id", pw_record_get_id (p->child));
  return record;
}

static void
add_note (Fixture *f, Person *p, const char *text)
{
  g_autoptr(PwRecord) note = new_for (PW_TYPE_NOTE, p);

  pw_record_set_text (note, "event-date", "2026-10-05");
  pw_record_set_text (note, "text", text);
  save_ok (f, note);
}

static void
add_child (Fixture *f, Person *p)
{
  g_autoptr(GError) error = NULL;
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);
  gint64 key_worker = pw_caseload_ensure_worker (f->caseload, "Kim Keyworker", &error);

  g_assert_no_error (error);
  pw_record_set_text (child, "legal-given-name", mark (p, "given", TRUE));
  pw_record_set_text (child, "legal-family-name", mark (p, "family", TRUE));
  pw_record_set_text (child, "preferred-name", mark (p, "preferred", TRUE));
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  pw_record_set_text (child, "upn", p->upn);
  pw_record_set_text (child, "nhs-number", p->nhs);
  pw_record_set_text (child, "trusted-adult", mark (p, "trusted", TRUE));
  pw_record_set_text (child, "first-language", mark (p, "language", TRUE));
  pw_record_set_int (child, "key-worker-id", key_worker);
  save_ok (f, child);
  p->child = child;
}

static void
add_family (Fixture *f, Person *p)
{
  g_autoptr(PwRecord) member = new_for (PW_TYPE_FAMILY_MEMBER, p);
  g_autoptr(PwRecord) consent = new_for (PW_TYPE_CONSENT, p);
  g_autoptr(PwRecord) without = new_for (PW_TYPE_CONSENT, p);
  g_autofree char *address = NULL;

  pw_record_set_text (member, "name", mark (p, "parent", TRUE));
  pw_record_set_text (member, "relationship", "mother");
  pw_record_set_text (member, "phone", mark (p, "phone", TRUE));
  pw_record_set_text (member, "email", mark (p, "email", TRUE));
  address = g_strdup_printf ("%s\n2 Long Lane\nStroud", mark (p, "address", TRUE));
  pw_record_set_text (member, "address", address);
  save_ok (f, member);

  pw_record_set_text (consent, "given-on", "2026-09-01");
  pw_record_set_text (consent, "given-by", mark (p, "consenter", TRUE));
  pw_record_set_text (consent, "scope", mark (p, "scope", TRUE));
  pw_record_set_text (consent, "agencies", "camhs,education-setting");
  save_ok (f, consent);
  pw_record_set_text (without, "given-on", "2026-09-02");
  pw_record_set_text (without, "without-consent-reason", mark (p, "noconsent", TRUE));
  pw_record_set_text (without, "scope", "Safeguarding");
  pw_record_set_text (without, "agencies", "social-care");
  save_ok (f, without);
}

static void
add_level_and_need (Fixture *f, Person *p)
{
  g_autoptr(PwRecord) change = new_for (PW_TYPE_LEVEL_CHANGE, p);
  g_autoptr(PwRecord) need = new_for (PW_TYPE_NEED, p);

  pw_record_set_text (change, "date", "2026-09-03");
  pw_record_set_int (change, "to-level", 2);
  pw_record_set_text (change, "reason", mark (p, "levelreason", TRUE));
  pw_record_set_text (change, "route", "other");
  pw_record_set_text (change, "decided-by", mark (p, "decider", TRUE));
  save_ok (f, change);
  pw_record_set_text (need, "type", "SPLD");
  pw_record_set_int (need, "rank", 1);
  save_ok (f, need);
}

/* A whole cycle, closed, with an amendment; then a second one left open. */
static void
add_cycles (Fixture *f, Person *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCycle) cycle = NULL;
  g_autoptr(PwCycle) open = NULL;
  g_autoptr(PwRecord) outcome = new_for (PW_TYPE_OUTCOME, p);
  g_autoptr(PwRecord) provision = new_for (PW_TYPE_PROVISION, p);
  g_autoptr(PwRecord) session = new_for (PW_TYPE_SESSION, p);
  g_autoptr(PwRecord) rating = new_for (PW_TYPE_RATING, p);
  PwRecord *c;

  cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (p->child), "2026-09-04",
                                  &error);
  g_assert_no_error (error);
  c = PW_RECORD (cycle);
  pw_record_set_text (c, "needs-summary", mark (p, "needs", TRUE));
  pw_record_set_text (c, "strengths", mark (p, "strengths", TRUE));
  pw_record_set_text (c, "barriers", mark (p, "barriers", TRUE));
  pw_record_set_text (c, "evidence", mark (p, "evidence", TRUE));
  pw_record_set_text (c, "child-views", mark (p, "childviews", TRUE));
  pw_record_set_text (c, "parent-views", mark (p, "parentviews", TRUE));
  pw_record_set_text (c, "agency-advice", mark (p, "advice", TRUE));
  save_ok (f, c);
  advance_ok (f, c);

  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (c));
  pw_record_set_text (outcome, "description", mark (p, "outcome", TRUE));
  pw_record_set_text (outcome, "success-criteria", mark (p, "criteria", TRUE));
  save_ok (f, outcome);
  pw_record_set_int (provision, "cycle-id", pw_record_get_id (c));
  pw_record_set_int (provision, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (provision, "intervention", mark (p, "intervention", TRUE));
  pw_record_set_text (provision, "frequency", mark (p, "frequency", TRUE));
  pw_record_set_text (provision, "delivered-by", mark (p, "deliverer", TRUE));
  pw_record_set_text (provision, "start-date", "2026-09-10");
  save_ok (f, provision);
  pw_record_set_text (c, "expected-impact", mark (p, "impact", TRUE));
  pw_record_set_text (c, "review-date", "2026-11-01");
  save_ok (f, c);
  advance_ok (f, c);

  pw_record_set_int (session, "provision-id", pw_record_get_id (provision));
  pw_record_set_text (session, "date", "2026-09-15");
  pw_record_set_text (session, "delivered-by", mark (p, "sessionby", TRUE));
  pw_record_set_text (session, "notes", mark (p, "sessionnotes", TRUE));
  save_ok (f, session);
  advance_ok (f, c);

  pw_record_set_int (rating, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (rating, "progress", "partly-met");
  pw_record_set_text (rating, "evidence", mark (p, "ratingevidence", TRUE));
  save_ok (f, rating);
  pw_record_set_text (c, "review-held-on", "2026-11-02");
  pw_record_set_text (c, "review-child-views", mark (p, "reviewchild", TRUE));
  pw_record_set_text (c, "review-parent-views", mark (p, "reviewparent", TRUE));
  pw_record_set_text (c, "review-changes", mark (p, "changes", TRUE));
  pw_record_set_text (c, "decision", "new-cycle");
  pw_record_set_text (c, "next-steps", mark (p, "nextsteps", TRUE));
  save_ok (f, c);
  advance_ok (f, c);

  /* The old description stays, in the amendment. */
  g_assert_true (pw_caseload_amend (f->caseload, outcome, "description",
                                    mark (p, "amended", TRUE), mark (p, "amendreason", TRUE),
                                    &error));
  g_assert_no_error (error);

  open = pw_caseload_open_cycle (f->caseload, pw_record_get_id (p->child), "2026-11-03", &error);
  g_assert_no_error (error);
  pw_record_set_text (PW_RECORD (open), "needs-summary", mark (p, "opencycle", TRUE));
  save_ok (f, PW_RECORD (open));
}

static void
add_agencies_and_meetings (Fixture *f, Person *p)
{
  g_autoptr(PwRecord) involvement = new_for (PW_TYPE_INVOLVEMENT, p);
  g_autoptr(PwRecord) contribution = new_for (PW_TYPE_CONTRIBUTION, p);
  g_autoptr(PwRecord) meeting = new_for (PW_TYPE_MEETING, p);
  g_autoptr(PwRecord) attendee = new_for (PW_TYPE_ATTENDEE, p);
  g_autoptr(PwRecord) action = new_for (PW_TYPE_MEETING_ACTION, p);

  pw_record_set_text (involvement, "agency", "camhs");
  pw_record_set_text (involvement, "person", mark (p, "involved", TRUE));
  pw_record_set_text (involvement, "role", mark (p, "role", TRUE));
  pw_record_set_text (involvement, "from-date", "2026-09-05");
  save_ok (f, involvement);

  pw_record_set_text (contribution, "agency", "speech-language-therapy");
  pw_record_set_text (contribution, "person", mark (p, "contributor", TRUE));
  pw_record_set_text (contribution, "event-date", "2026-09-20");
  pw_record_set_text (contribution, "stage", "assess");
  pw_record_set_text (contribution, "text", mark (p, "contribution", TRUE));
  save_ok (f, contribution);

  pw_record_set_text (meeting, "type", "taf");
  pw_record_set_text (meeting, "date", "2026-10-01");
  pw_record_set_text (meeting, "question", mark (p, "question", TRUE));
  pw_record_set_text (meeting, "notes", mark (p, "meetingnotes", TRUE));
  save_ok (f, meeting);
  pw_record_set_int (attendee, "meeting-id", pw_record_get_id (meeting));
  pw_record_set_text (attendee, "name", mark (p, "attendee", TRUE));
  pw_record_set_text (attendee, "agency", "camhs");
  save_ok (f, attendee);
  pw_record_set_int (action, "meeting-id", pw_record_get_id (meeting));
  pw_record_set_text (action, "description", mark (p, "action", TRUE));
  pw_record_set_text (action, "owner", mark (p, "owner", TRUE));
  pw_record_set_text (action, "done-on", "2026-10-20");
  save_ok (f, action);
}

static void
add_school_and_notes (Fixture *f, Person *p)
{
  g_autoptr(PwRecord) attendance = new_for (PW_TYPE_ATTENDANCE, p);
  g_autoptr(PwRecord) exclusion = new_for (PW_TYPE_EXCLUSION, p);
  g_autoptr(PwRecord) note = new_for (PW_TYPE_NOTE, p);
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *word = mark (p, "longnote", TRUE);

  pw_record_set_text (attendance, "academic-year", "2025/26");
  pw_record_set_text (attendance, "term", "autumn");
  pw_record_set_int (attendance, "possible-sessions", 140);
  pw_record_set_int (attendance, "authorised-absence", 10);
  pw_record_set_int (attendance, "unauthorised-absence", 5);
  save_ok (f, attendance);

  pw_record_set_text (exclusion, "category", "FIXD");
  pw_record_set_text (exclusion, "start-date", "2026-10-10");
  pw_record_set_int (exclusion, "sessions", 2);
  pw_record_set_text (exclusion, "reason", mark (p, "exclusion", TRUE));
  save_ok (f, exclusion);

  /* A note rewritten: its first text must go as well. */
  pw_record_set_text (note, "event-date", "2026-10-02");
  pw_record_set_text (note, "text", mark (p, "note", FALSE));
  save_ok (f, note);
  pw_record_set_text (note, "text", mark (p, "noteedited", TRUE));
  save_ok (f, note);

  /* A note long enough to spill onto overflow pages. */
  while (long_text->len < 9000)
    g_string_append_printf (long_text, "%s ", word);
  add_note (f, p, long_text->str);
}

static void
populate (Fixture *f, Person *p)
{
  add_child (f, p);
  add_family (f, p);
  add_level_and_need (f, p);
  add_cycles (f, p);
  add_agencies_and_meetings (f, p);
  add_school_and_notes (f, p);
}

/* Every record of @p, described field by field, for comparing later. */
static char *
snapshot (Fixture *f, Person *p)
{
  GString *text = g_string_new (NULL);
  const GType *types;
  guint n_types;

  types = pw_entity_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GError) error = NULL;

      if (!pw_entity_belongs_to_child (types[t]))
        continue;
      list = pw_caseload_list (f->caseload, types[t], "child-id", pw_record_get_id (p->child),
                               &error);
      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(PwRecord) record = g_list_model_get_item (list, i);
          PwRecordClass *klass = PW_RECORD_GET_CLASS (record);

          g_string_append_printf (text, "\n%s %s by %s at %s:", klass->table,
                                  pw_record_get_uuid (record), pw_record_get_created_by (record),
                                  pw_record_get_updated_at (record));
          for (guint k = 0; k < klass->n_fields; k++)
            {
              g_autofree char *value = pw_record_format_field (record, klass->fields[k].name);

              g_string_append_printf (text, " %s=%s", klass->fields[k].name, value);
            }
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwRecord) child = pw_caseload_load (f->caseload, PW_TYPE_CHILD,
                                                  pw_record_get_id (p->child), &error);
    PwRecordClass *klass = PW_RECORD_GET_CLASS (child);

    g_assert_no_error (error);
    for (guint k = 0; k < klass->n_fields; k++)
      {
        g_autofree char *value = pw_record_format_field (child, klass->fields[k].name);

        g_string_append_printf (text, " %s=%s", klass->fields[k].name, value);
      }
  }
  return g_string_free (text, FALSE);
}

static guint
n_search (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = pw_caseload_search (f->caseload, text, 10, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (found);
}

/* All of @p's data is in the store: the check can see it. */
static void
assert_present (Fixture *f, Person *p)
{
  for (guint i = 0; i < p->live->len; i++)
    {
      if (!pages_contain (f, p->live->pdata[i]))
        g_test_message ("“%s” is not in the store", (char *) p->live->pdata[i]);
      g_assert_true (pages_contain (f, p->live->pdata[i]));
    }
  g_assert_true (pages_contain (f, p->upn));
  g_assert_true (pages_contain (f, p->nhs));
}

/* Nothing of @p is left in the store's pages. */
static void
assert_absent (Fixture *f, Person *p)
{
  g_autofree char *upn_digits = g_ascii_strdown (p->upn + 1, -1);

  for (guint i = 0; i < p->all->len; i++)
    {
      if (pages_contain (f, p->all->pdata[i]))
        g_test_message ("“%s” is still in the store", (char *) p->all->pdata[i]);
      g_assert_false (pages_contain (f, p->all->pdata[i]));
    }
  if (pages_contain (f, p->tail))
    g_test_message ("the end of a word of the child’s, “%s”, is still in the store", p->tail);
  g_assert_false (pages_contain (f, p->tail));
  g_assert_false (pages_contain (f, p->upn));
  g_assert_false (pages_contain (f, upn_digits));
  g_assert_false (pages_contain (f, p->nhs));
}

/* No record of @child_id is left, and nothing finds them. */
static void
assert_gone (Fixture *f, Person *p, gint64 child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = NULL;
  g_autoptr(PwChild) by_upn = NULL;
  g_autoptr(GListModel) chronology = NULL;
  const GType *types;
  guint n_types;

  child = pw_caseload_load (f->caseload, PW_TYPE_CHILD, child_id, &error);
  g_assert_null (child);
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  types = pw_entity_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(GListModel) list = NULL;

      if (!pw_entity_belongs_to_child (types[t]))
        continue;
      list = pw_caseload_list (f->caseload, types[t], "child-id", child_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    }

  by_upn = pw_caseload_find_child_by_upn (f->caseload, p->upn, &error);
  g_assert_no_error (error);
  g_assert_null (by_upn);
  chronology = pw_caseload_chronology (f->caseload, child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chronology), ==, 0);
  for (guint i = 0; i < p->all->len; i++)
    g_assert_cmpuint (n_search (f, p->all->pdata[i]), ==, 0);
  g_assert_cmpuint (n_search (f, p->upn), ==, 0);
}

static void
erase_ok (Fixture *f, Person *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (pw_record_get_uuid (p->child));
  g_autofree char *operation = NULL;
  g_autofree char *erased = NULL;
  gint64 audit = pw_test_count_rows (f->store, "audit");
  guint64 n_entries = 0;

  g_assert_true (pw_caseload_erase_child (f->caseload, PW_CHILD (p->child), &error));
  g_assert_no_error (error);

  /* One audit entry says a child was erased; the log still verifies. */
  g_assert_cmpint (pw_test_count_rows (f->store, "audit"), ==, audit + 1);
  operation = pw_test_query_text (f->store, "SELECT operation FROM audit ORDER BY id DESC");
  erased = pw_test_query_text (f->store, "SELECT record_uuid FROM audit ORDER BY id DESC");
  g_assert_cmpstr (operation, ==, "erase");
  g_assert_cmpstr (erased, ==, uuid);
  g_assert_true (pw_caseload_verify_audit (f->caseload, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, audit + 1);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  pw_test_run_main_context ();
  g_assert_finalize_object (f->caseload);
  g_assert_finalize_object (f->store);
  f->store = pw_test_reopen (f->td.path, PW_TEST_PASSPHRASE);
  f->caseload = pw_caseload_new (f->store, &error);
  g_assert_no_error (error);
}

static void
erase_one_of_two (Fixture *f, gboolean archive_first)
{
  Person ada, bea;
  g_autofree char *bea_before = NULL;
  g_autofree char *bea_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada_id;

  person_init (&ada, "alder", "qjzvxa", 101, "9434765919");
  person_init (&bea, "birch", "qjzvxb", 202, "4010232137");

  /* Ada's records before, between and after Bea's. */
  populate (f, &ada);
  populate (f, &bea);
  add_note (f, &ada, mark (&ada, "latenote", TRUE));
  ada_id = pw_record_get_id (ada.child);
  if (archive_first)
    {
      g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (ada.child), TRUE, &error));
      g_assert_no_error (error);
    }

  assert_present (f, &ada);
  assert_present (f, &bea);
  g_assert_cmpuint (n_search (f, ada.live->pdata[0]), ==, 1);
  bea_before = snapshot (f, &bea);

  erase_ok (f, &ada);
  assert_gone (f, &ada, ada_id);
  assert_absent (f, &ada);
  assert_present (f, &bea);
  bea_after = snapshot (f, &bea);
  g_assert_cmpstr (bea_after, ==, bea_before);
  g_assert_cmpuint (n_search (f, bea.live->pdata[0]), ==, 1);

  /* And so it stays, in the file, once the store is closed and opened. */
  reopen (f);
  assert_gone (f, &ada, ada_id);
  assert_absent (f, &ada);
  assert_present (f, &bea);
  g_clear_pointer (&bea_after, g_free);
  bea_after = snapshot (f, &bea);
  g_assert_cmpstr (bea_after, ==, bea_before);
  pw_store_verify (f->store, &error);
  g_assert_no_error (error);

  person_clear (&ada);
  person_clear (&bea);
}

static void
test_erase_one_of_two (Fixture *f, gconstpointer data)
{
  erase_one_of_two (f, FALSE);
}

/* A child who has left (archived) is erased just the same. */
static void
test_erase_archived (Fixture *f, gconstpointer data)
{
  erase_one_of_two (f, TRUE);
}

/* Erasing both leaves a store with no child in it, that still works. */
static void
test_erase_both (Fixture *f, gconstpointer data)
{
  Person ada, bea;
  g_autoptr(GError) error = NULL;
  gint64 ada_id, bea_id;
  PwCaseloadStats stats;

  person_init (&ada, "alder", "qjzvxa", 101, "9434765919");
  person_init (&bea, "birch", "qjzvxb", 202, "4010232137");
  populate (f, &ada);
  populate (f, &bea);
  ada_id = pw_record_get_id (ada.child);
  bea_id = pw_record_get_id (bea.child);

  erase_ok (f, &bea);
  erase_ok (f, &ada);
  assert_gone (f, &ada, ada_id);
  assert_gone (f, &bea, bea_id);
  assert_absent (f, &ada);
  assert_absent (f, &bea);
  g_assert_true (pw_caseload_get_stats (f->caseload, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.children + stats.archived + stats.open_cycles, ==, 0);

  /* The store takes a new child afterwards, and finds them. */
  person_clear (&ada);
  person_init (&ada, "cedar", "qjzvxc", 303, "9434765919");
  populate (f, &ada);
  assert_present (f, &ada);
  g_assert_cmpuint (n_search (f, ada.live->pdata[0]), ==, 1);

  person_clear (&ada);
  person_clear (&bea);
}

/* The erasure entry names the child's record and nothing of their data. */
static void
test_erase_audit_holds_no_data (Fixture *f, gconstpointer data)
{
  Person ada;
  gint64 leaks;

  person_init (&ada, "alder", "qjzvxa", 101, "9434765919");
  populate (f, &ada);
  erase_ok (f, &ada);
  leaks = pw_test_query_int (f->store, "SELECT count(*) FROM audit WHERE "
                             "instr(actor || operation || record_table || record_uuid, "
                             "'qjzvxa') > 0");
  g_assert_cmpint (leaks, ==, 0);
  person_clear (&ada);
}

typedef struct
{
  Fixture *f;
  guint first;
  guint n;
} Fillers;

static gboolean
add_fillers_cb (gpointer user_data, GError **error)
{
  Fillers *fillers = user_data;

  for (guint i = fillers->first; i < fillers->first + fillers->n; i++)
    {
      g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);
      g_autoptr(PwRecord) note = pw_record_new (PW_TYPE_NOTE);
      g_autofree char *given = g_strdup_printf ("Filler%04u", i);
      g_autofree char *text = g_strdup_printf ("Week %u: read with a buddy, used a visual "
                                               "timetable, word%04u settled after lunch", i, i);

      pw_record_set_text (child, "legal-given-name", given);
      pw_record_set_text (child, "legal-family-name", "Crowd");
      pw_record_set_text (child, "date-of-birth", "2015-01-01");
      pw_record_set_text (child, "sex", "M");
      pw_record_set_text (child, "sen-provision", "N");
      if (!pw_caseload_save (fillers->f->caseload, child, error))
        return FALSE;
      pw_record_set_int (note, "child-id", pw_record_get_id (child));
      pw_record_set_text (note, "event-date", "2026-10-01");
      pw_record_set_text (note, "text", text);
      if (!pw_caseload_save (fillers->f->caseload, note, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_fillers (Fixture *f, guint first, guint n)
{
  g_autoptr(GError) error = NULL;
  Fillers fillers = { f, first, n };

  g_assert_true (pw_caseload_transaction (f->caseload, add_fillers_cb, &fillers, &error));
  g_assert_no_error (error);
}

/* Among hundreds of children, so that the tables and indexes span many
 * pages and the search index many segments, with Ada in the middle. */
static void
test_erase_among_many (Fixture *f, gconstpointer data)
{
  Person ada, bea;
  g_autofree char *bea_before = NULL;
  g_autofree char *bea_after = NULL;
  gint64 ada_id;

  person_init (&ada, "alder", "qjzvxa", 101, "9434765919");
  person_init (&bea, "birch", "qjzvxb", 202, "4010232137");
  for (guint i = 0; i < 10; i++)
    add_fillers (f, i * 20, 20);
  populate (f, &ada);
  for (guint i = 10; i < 15; i++)
    add_fillers (f, i * 20, 20);
  populate (f, &bea);
  for (guint i = 15; i < 20; i++)
    {
      add_fillers (f, i * 20, 20);
      add_note (f, &ada, mark (&ada, i % 2 ? "oddnote" : "evennote", TRUE));
    }
  ada_id = pw_record_get_id (ada.child);
  assert_present (f, &ada);
  bea_before = snapshot (f, &bea);

  erase_ok (f, &ada);
  assert_gone (f, &ada, ada_id);
  assert_absent (f, &ada);
  assert_present (f, &bea);
  bea_after = snapshot (f, &bea);
  g_assert_cmpstr (bea_after, ==, bea_before);
  g_assert_cmpuint (n_search (f, "Filler0123"), ==, 1);
  g_assert_cmpuint (n_search (f, "word0377"), ==, 1);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 401);

  reopen (f);
  assert_absent (f, &ada);
  assert_present (f, &bea);

  person_clear (&ada);
  person_clear (&bea);
}

/* A child already erased is not there to erase: no second entry says so. */
static void
test_erase_twice (Fixture *f, gconstpointer data)
{
  Person ada;
  g_autoptr(GError) error = NULL;
  gint64 audit;

  person_init (&ada, "alder", "qjzvxa", 101, "9434765919");
  add_child (f, &ada);
  erase_ok (f, &ada);
  audit = pw_test_count_rows (f->store, "audit");
  g_assert_false (pw_caseload_erase_child (f->caseload, PW_CHILD (ada.child), &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND);
  g_assert_cmpint (pw_test_count_rows (f->store, "audit"), ==, audit);
  person_clear (&ada);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/erasure/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("one-of-two", test_erase_one_of_two);
  ADD ("archived", test_erase_archived);
  ADD ("both", test_erase_both);
  ADD ("audit-holds-no-data", test_erase_audit_holds_no_data);
  ADD ("among-many", test_erase_among_many);
#undef ADD

  g_test_add ("/pathway/erasure/twice", Fixture, NULL, fixture_set_up, test_erase_twice,
              fixture_tear_down);

  return g_test_run ();
}
