/* test-audit.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The audit log: one entry per write, in a keyed hash chain that
 * pw_caseload_verify_audit() checks.  Someone with SQL access to the
 * decrypted store (here: straight SQL on the store's connection) edits,
 * deletes, inserts and reorders entries; every such change is reported as
 * PW_RECORD_ERROR_AUDIT, and an untouched log verifies with as many entries
 * as there were writes. */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pw-caseload.h"
#include "pw-store-private.h"
#include "pw-test-util.h"

#define TODAY "2026-11-23"

typedef struct
{
  PwTestDir td;
  PwStore *store;
  PwCaseload *caseload;
  guint64 n_written;   /* audited operations made by the test */
} Fixture;

typedef void (*FixtureFunc) (Fixture *f, gconstpointer data);

typedef struct
{
  const char *name;
  const char *sql;
} Tamper;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->caseload = pw_test_caseload_new (&f->td, &f->store);
  f->n_written = 0;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pw_test_caseload_free (&f->td, f->store, f->caseload);
}

/* Helpers ------------------------------------------------------------------------ */

static gint64
audit_rows (Fixture *f)
{
  return pw_test_count_rows (f->store, "audit");
}

/* Runs @op's write and checks that it made exactly @n entries. */
#define AUDITED(f, n, op)                                                         \
  G_STMT_START {                                                                \
    gint64 before_ = audit_rows (f);                                            \
    op;                                                                         \
    g_assert_cmpint (audit_rows (f), ==, before_ + (n));                        \
    (f)->n_written += (n);                                                      \
  } G_STMT_END

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
new_child (const char *given)
{
  PwRecord *child = pw_record_new (PW_TYPE_CHILD);

  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", "Brook");
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  return child;
}

static PwRecord *
new_note (PwRecord *child, const char *date, const char *text)
{
  PwRecord *note = pw_record_new (PW_TYPE_NOTE);

  pw_record_set_int (note, "child-id", pw_record_get_id (child));
  pw_record_set_text (note, "event-date", date);
  pw_record_set_text (note, "text", text);
  return note;
}

static void
verify_ok (Fixture *f, guint64 expected)
{
  g_autoptr(GError) error = NULL;
  guint64 n_entries = G_MAXUINT64;

  g_assert_true (pw_caseload_verify_audit (f->caseload, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, expected);
}

static void
verify_broken (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint64 n_entries = 0;

  g_assert_false (pw_caseload_verify_audit (f->caseload, &n_entries, &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_AUDIT);
}

static void
exec_sql (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;

  pw_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

/* Six writes of different kinds, by two people: a log to tamper with. */
static void
write_some (Fixture *f)
{
  g_autoptr(PwRecord) child = new_child ("Ada");
  g_autoptr(PwRecord) note = NULL;

  AUDITED (f, 1, save_ok (f, child));
  note = new_note (child, "2026-10-01", "First note");
  AUDITED (f, 1, save_ok (f, note));
  pw_caseload_set_actor (f->caseload, "Fay Family-Worker");
  pw_record_set_text (note, "text", "First note, corrected");
  AUDITED (f, 1, save_ok (f, note));
  AUDITED (f, 1, g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), TRUE,
                                                          NULL)));
  AUDITED (f, 1, g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), FALSE,
                                                          NULL)));
  pw_caseload_set_actor (f->caseload, "Sam Senco");
  g_clear_object (&note);
  note = new_note (child, "2026-10-02", "Second note");
  AUDITED (f, 1, save_ok (f, note));
  g_assert_cmpuint (f->n_written, ==, 6);
  verify_ok (f, 6);
}

/* Counting ----------------------------------------------------------------------- */

static void
test_empty_log (Fixture *f, gconstpointer data)
{
  verify_ok (f, 0);
}

/* Every kind of write makes an entry; refused writes make none; and the
 * log verifies with exactly as many entries. */
static void
test_counts_every_write (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Ada");
  g_autoptr(PwRecord) bad = new_child ("Bea");
  g_autoptr(PwRecord) bea = new_child ("Bea");
  g_autoptr(PwRecord) change = NULL;
  g_autoptr(PwRecord) outcome = pw_record_new (PW_TYPE_OUTCOME);
  g_autoptr(PwRecord) rating = pw_record_new (PW_TYPE_RATING);
  g_autoptr(PwCycle) cycle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lead = 0;
  gint64 before;
  PwRecord *c;

  AUDITED (f, 1, save_ok (f, child));
  AUDITED (f, 1, lead = pw_caseload_ensure_worker (f->caseload, "Lee Lead", NULL));
  AUDITED (f, 0, g_assert_cmpint (pw_caseload_ensure_worker (f->caseload, "LEE lead", NULL), ==,
                                  lead));
  pw_record_set_int (child, "lead-practitioner-id", lead);
  AUDITED (f, 1, save_ok (f, child));

  /* Refused: nothing is logged. */
  pw_record_set_text (bad, "date-of-birth", "2025-02-30");
  AUDITED (f, 0, g_assert_false (pw_caseload_save (f->caseload, bad, NULL)));
  pw_record_set_text (child, "sex", "Q");
  AUDITED (f, 0, g_assert_false (pw_caseload_save (f->caseload, child, NULL)));
  pw_caseload_reload (f->caseload, child, NULL);

  change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  pw_record_set_int (change, "child-id", pw_record_get_id (child));
  pw_record_set_text (change, "date", "2026-09-01");
  pw_record_set_int (change, "to-level", 3);
  pw_record_set_text (change, "reason", "Complex needs");
  pw_record_set_text (change, "route", "talc");
  pw_record_set_text (change, "decided-by", "TAF");
  AUDITED (f, 1, save_ok (f, change));

  /* Each step of a cycle. */
  AUDITED (f, 1, cycle = pw_caseload_open_cycle (f->caseload, pw_record_get_id (child),
                                                 "2026-09-08", NULL));
  g_assert_nonnull (cycle);
  c = PW_RECORD (cycle);
  AUDITED (f, 0, g_assert_false (pw_caseload_advance_cycle (f->caseload, cycle, NULL)));
  pw_record_set_text (c, "needs-summary", "Slow decoding");
  AUDITED (f, 1, save_ok (f, c));
  AUDITED (f, 1, advance_ok (f, c));
  pw_record_set_int (outcome, "child-id", pw_record_get_id (child));
  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (c));
  pw_record_set_text (outcome, "description", "Decode CVC wrods");
  pw_record_set_text (outcome, "success-criteria", "40 a minute");
  AUDITED (f, 1, save_ok (f, outcome));
  pw_record_set_text (c, "review-date", "2026-12-01");
  AUDITED (f, 1, save_ok (f, c));
  AUDITED (f, 1, advance_ok (f, c));
  AUDITED (f, 1, advance_ok (f, c));
  pw_record_set_int (rating, "child-id", pw_record_get_id (child));
  pw_record_set_int (rating, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (rating, "progress", "met");
  pw_record_set_text (rating, "evidence", "Screening check");
  AUDITED (f, 1, save_ok (f, rating));
  pw_record_set_text (c, "review-held-on", "2026-11-20");
  pw_record_set_text (c, "decision", "close");
  AUDITED (f, 1, save_ok (f, c));
  AUDITED (f, 1, advance_ok (f, c));

  /* An amendment is logged, naming the record it corrects. */
  before = audit_rows (f);
  g_assert_true (pw_caseload_amend (f->caseload, outcome, "description", "Decode CVC words",
                                    "Typo", &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_rows (f), >, before);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE id > %"
                                            G_GINT64_FORMAT " AND record_uuid = '%s'", before,
                                            pw_record_get_uuid (outcome));

    g_assert_cmpint (pw_test_query_int (f->store, sql), ==, 1);
  }
  f->n_written += audit_rows (f) - before;
  AUDITED (f, 0, g_assert_false (pw_caseload_amend (f->caseload, outcome, "description", "x",
                                                    NULL, NULL)));

  /* Archive, restore, erase. */
  AUDITED (f, 1, g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), TRUE,
                                                          NULL)));
  AUDITED (f, 1, g_assert_true (pw_caseload_set_archived (f->caseload, PW_CHILD (child), FALSE,
                                                          NULL)));
  AUDITED (f, 1, save_ok (f, bea));
  AUDITED (f, 1, g_assert_true (pw_caseload_erase_child (f->caseload, PW_CHILD (bea), NULL)));

  verify_ok (f, f->n_written);
  g_assert_cmpint (audit_rows (f), ==, (gint64) f->n_written);
}

typedef struct
{
  Fixture *f;
  PwRecord *child;
  gboolean fail;
} Work;

static gboolean
two_notes_cb (gpointer user_data, GError **error)
{
  Work *work = user_data;
  g_autoptr(PwRecord) first = new_note (work->child, "2026-10-01", "One");
  g_autoptr(PwRecord) second = new_note (work->child, work->fail ? "2026-13-01" : "2026-10-02",
                                         "Two");

  return pw_caseload_save (work->f->caseload, first, error) &&
         pw_caseload_save (work->f->caseload, second, error);
}

/* A transaction logs each write in it, or none if it is undone. */
static void
test_counts_transactions (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Ada");
  Work work = { f, child, FALSE };

  AUDITED (f, 1, save_ok (f, child));
  AUDITED (f, 2, g_assert_true (pw_caseload_transaction (f->caseload, two_notes_cb, &work,
                                                         NULL)));
  work.fail = TRUE;
  AUDITED (f, 0, g_assert_false (pw_caseload_transaction (f->caseload, two_notes_cb, &work,
                                                          NULL)));
  verify_ok (f, f->n_written);
}

/* Who wrote and what, but never what was written. */
static void
test_entries (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Qwertzuiop");
  g_autoptr(PwRecord) note = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *table = NULL;

  save_ok (f, child);
  pw_caseload_set_actor (f->caseload, "Fay Family-Worker");
  note = new_note (child, "2026-10-01", "Asdfghjkl said so");
  save_ok (f, note);

  actor = pw_test_query_text (f->store, "SELECT actor FROM audit ORDER BY id DESC");
  uuid = pw_test_query_text (f->store, "SELECT record_uuid FROM audit ORDER BY id DESC");
  table = pw_test_query_text (f->store, "SELECT record_table FROM audit ORDER BY id DESC");
  g_assert_cmpstr (actor, ==, "Fay Family-Worker");
  g_assert_cmpstr (uuid, ==, pw_record_get_uuid (note));
  g_assert_cmpstr (table, ==, "note");
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM audit WHERE "
                                      "instr(actor || operation || record_table || record_uuid,"
                                      " 'Qwertzuiop') > 0 OR instr(actor || operation || "
                                      "record_table || record_uuid, 'Asdfghjkl') > 0"), ==, 0);
}

/* The log and its check survive closing and opening the store. */
static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = new_child ("Bea");

  write_some (f);
  g_assert_finalize_object (f->caseload);
  g_assert_finalize_object (f->store);
  f->store = pw_test_reopen (f->td.path, PW_TEST_PASSPHRASE);
  f->caseload = pw_caseload_new (f->store, &error);
  g_assert_no_error (error);
  verify_ok (f, 6);
  save_ok (f, child);
  verify_ok (f, 7);
}

/* Tampering ---------------------------------------------------------------------- */

static const Tamper tampers[] = {
  { "edit-at", "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE id = 3" },
  { "edit-at-by-a-second", "UPDATE audit SET at = substr(at, 1, 18) || "
    "CASE substr(at, 19, 1) WHEN '0' THEN '1' ELSE '0' END || 'Z' WHERE id = 3" },
  { "edit-actor", "UPDATE audit SET actor = 'Mallory' WHERE id = 3" },
  { "edit-operation", "UPDATE audit SET operation = CASE operation WHEN 'insert' "
    "THEN 'update' ELSE 'insert' END WHERE id = 3" },
  { "edit-record-table", "UPDATE audit SET record_table = CASE record_table WHEN 'note' "
    "THEN 'child' ELSE 'note' END WHERE id = 3" },
  { "edit-record-uuid", "UPDATE audit SET record_uuid = "
    "'00000000-0000-4000-8000-000000000000' WHERE id = 3" },
  { "edit-hash", "UPDATE audit SET hash = zeroblob(32) WHERE id = 3" },
  { "edit-hash-shorter", "UPDATE audit SET hash = substr(hash, 1, 31) WHERE id = 3" },
  { "edit-actor-empty", "UPDATE audit SET actor = '' WHERE id = 3" },
  { "edit-first", "UPDATE audit SET actor = 'Mallory' WHERE id = 1" },
  { "edit-last", "UPDATE audit SET actor = 'Mallory' WHERE id = 6" },
  { "edit-last-hash", "UPDATE audit SET hash = zeroblob(32) WHERE id = 6" },
  { "swap-columns", "UPDATE audit SET actor = operation, operation = actor WHERE id = 2" },
  { "delete-first", "DELETE FROM audit WHERE id = 1" },
  { "delete-middle", "DELETE FROM audit WHERE id = 3" },
  { "delete-last", "DELETE FROM audit WHERE id = 6" },
  { "delete-all-entries", "DELETE FROM audit" },
  { "insert-at-end", "INSERT INTO audit (id, at, actor, operation, record_table, record_uuid, "
    "hash) SELECT id + 1, at, actor, operation, record_table, record_uuid, hash FROM audit "
    "WHERE id = 6" },
  { "insert-at-start", "INSERT INTO audit (id, at, actor, operation, record_table, "
    "record_uuid, hash) SELECT 0, at, actor, operation, record_table, record_uuid, hash "
    "FROM audit WHERE id = 1" },
  { "insert-in-middle", "UPDATE audit SET id = id + 100 WHERE id >= 4; "
    "UPDATE audit SET id = id - 99 WHERE id >= 100; "
    "INSERT INTO audit (id, at, actor, operation, record_table, record_uuid, hash) "
    "SELECT 4, at, actor, operation, record_table, record_uuid, hash FROM audit WHERE id = 3" },
  { "swap-ids", "UPDATE audit SET id = -2 WHERE id = 2; UPDATE audit SET id = 2 WHERE id = 3; "
    "UPDATE audit SET id = 3 WHERE id = -2" },
  { "renumber", "UPDATE audit SET id = id + 10" },
  { "gap", "UPDATE audit SET id = 7 WHERE id = 6" },
  { "head-garbage", "UPDATE store_meta SET value = 'nonsense' WHERE key = 'audit-head'" },
  { "head-deleted", "DELETE FROM store_meta WHERE key = 'audit-head'" },
  { "head-earlier", "UPDATE store_meta SET value = '5:' || substr(value, 3) "
    "WHERE key = 'audit-head'" },
};

static void
test_tamper (Fixture *f, gconstpointer data)
{
  const Tamper *tamper = data;

  write_some (f);
  exec_sql (f, tamper->sql);
  verify_broken (f);
}

/* A write that cannot be logged is not made: with the head damaged, a new
 * record is refused whole, not written without its entry. */
static void
test_unloggable_write (Fixture *f, gconstpointer data)
{
  g_autoptr(PwRecord) child = new_child ("Bea");
  g_autoptr(GError) error = NULL;
  gint64 children;

  write_some (f);
  exec_sql (f, "UPDATE store_meta SET value = 'nonsense' WHERE key = 'audit-head'");
  children = pw_test_count_rows (f->store, "child");
  if (pw_caseload_save (f->caseload, child, &error))
    {
      g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, children + 1);
      return;
    }
  g_assert_nonnull (error);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, children);
  g_assert_cmpint (pw_record_get_id (child), ==, 0);
  g_assert_cmpint (audit_rows (f), ==, 6);
}

/* Deleting the last entry and pointing the head at the one before: the
 * head is a copy of that entry's hash, which the table shows. */
static void
test_truncate_with_head (Fixture *f, gconstpointer data)
{
  write_some (f);
  exec_sql (f, "DELETE FROM audit WHERE id = 6; "
            "UPDATE store_meta SET value = (SELECT '5:' || lower(hex(hash)) FROM audit "
            "WHERE id = 5) WHERE key = 'audit-head'");
  verify_broken (f);
}

/* Emptying the whole log, head and all, in a store that has records. */
static void
test_wipe (Fixture *f, gconstpointer data)
{
  write_some (f);
  exec_sql (f, "DELETE FROM audit; DELETE FROM store_meta WHERE key = 'audit-head'");
  verify_broken (f);
}

/* The chain's layout, hashed without the key. */
static void
hash_entry (const guint8 *previous, gint64 id, const char *at, const char *actor,
            const char *operation, const char *table, const char *uuid, guint8 *out)
{
  crypto_generichash_state state;
  guint64 le_id = GUINT64_TO_LE ((guint64) id);
  const char *texts[] = { at, actor, operation, table, uuid };

  crypto_generichash_init (&state, NULL, 0, 32);
  crypto_generichash_update (&state, previous, 32);
  crypto_generichash_update (&state, (const guint8 *) &le_id, sizeof le_id);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    crypto_generichash_update (&state, (const guint8 *) texts[i], strlen (texts[i]) + 1);
  crypto_generichash_final (&state, out, 32);
}

/* A chain recomputed without the key, head and all, does not verify. */
static void
test_forged_chain (Fixture *f, gconstpointer data)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  guint8 previous[32] = { 0 };
  char hex[65];
  g_autofree char *head = NULL;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64));

  write_some (f);
  exec_sql (f, "UPDATE audit SET actor = 'Mallory' WHERE id = 3");

  _pw_store_enter (f->store);
  db = _pw_store_get_db (f->store);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, at, actor, operation, record_table, "
                                       "record_uuid FROM audit ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *sql = NULL;
      guint8 hash[32];

      hash_entry (previous, id, (const char *) sqlite3_column_text (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3),
                  (const char *) sqlite3_column_text (stmt, 4),
                  (const char *) sqlite3_column_text (stmt, 5), hash);
      sodium_bin2hex (hex, sizeof hex, hash, 32);
      sql = g_strdup_printf ("UPDATE audit SET hash = x'%s' WHERE id = %" G_GINT64_FORMAT,
                             hex, id);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      memcpy (previous, hash, 32);
      g_array_append_val (rows, id);
    }
  sqlite3_finalize (stmt);
  head = g_strdup_printf ("UPDATE store_meta SET value = '%u:%s' WHERE key = 'audit-head'",
                          rows->len, hex);
  g_assert_cmpint (sqlite3_exec (db, head, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  _pw_store_leave (f->store);
  g_assert_cmpuint (rows->len, ==, 6);
  g_array_unref (rows);

  verify_broken (f);
}

/* A log copied from another store (another key) does not verify here. */
static void
test_log_from_another_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->td.dir, "other.pathway", NULL);
  g_autoptr(PwStore) other = pw_test_create_store (other_path, NULL);
  g_autoptr(PwCaseload) other_caseload = pw_caseload_new (other, &error);
  g_autoptr(PwRecord) child = new_child ("Ada");
  g_autoptr(GString) sql = g_string_new ("DELETE FROM audit;");
  sqlite3_stmt *stmt = NULL;
  char hex[65];
  g_autofree char *head = NULL;

  g_assert_no_error (error);
  pw_caseload_set_actor (other_caseload, "Sam Senco");
  g_assert_true (pw_caseload_save (other_caseload, child, NULL));
  write_some (f);

  /* Copy the other store's entries and head over this one's. */
  _pw_store_enter (other);
  g_assert_cmpint (sqlite3_prepare_v2 (_pw_store_get_db (other), "SELECT id, at, actor, "
                                       "operation, record_table, record_uuid, hash FROM audit",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *quoted;

      sodium_bin2hex (hex, sizeof hex, sqlite3_column_blob (stmt, 6), 32);
      quoted = sqlite3_mprintf ("INSERT INTO audit VALUES (%lld, %Q, %Q, %Q, %Q, %Q, x'%s');",
                                (long long) sqlite3_column_int64 (stmt, 0),
                                sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                                sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4),
                                sqlite3_column_text (stmt, 5), hex);
      g_string_append (sql, quoted);
      sqlite3_free (quoted);
    }
  sqlite3_finalize (stmt);
  _pw_store_leave (other);
  head = pw_test_query_text (other, "SELECT value FROM store_meta WHERE key = 'audit-head'");
  g_string_append_printf (sql, "UPDATE store_meta SET value = '%s' WHERE key = 'audit-head';",
                          head);
  g_assert_finalize_object (g_steal_pointer (&other_caseload));
  g_assert_finalize_object (g_steal_pointer (&other));

  exec_sql (f, sql->str);
  verify_broken (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/audit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty-log", test_empty_log);
  ADD ("counts/every-write", test_counts_every_write);
  ADD ("counts/transactions", test_counts_transactions);
  ADD ("entries", test_entries);
  ADD ("reopen", test_reopen);
  ADD ("unloggable-write", test_unloggable_write);
  ADD ("tamper/forged-chain", test_forged_chain);
  ADD ("tamper/log-from-another-store", test_log_from_another_store);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pathway/audit/tamper/%s", tampers[i].name);

      g_test_add (path, Fixture, &tampers[i], fixture_set_up, test_tamper, fixture_tear_down);
    }

  g_test_add ("/pathway/audit/tamper/truncate-and-rewrite-head", Fixture, NULL, fixture_set_up, test_truncate_with_head,
              fixture_tear_down);
  g_test_add ("/pathway/audit/tamper/wipe-log-and-head", Fixture, NULL, fixture_set_up, test_wipe,
              fixture_tear_down);

  return g_test_run ();
}
