/* test-migrations.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The records schema and its migrations: a new store goes from version 0
 * to PW_SCHEMA_VERSION; again is a no-op; a store from a newer Pathway is
 * refused and left as it was; a migration that fails leaves nothing half
 * made.  And the schema has a column for every field of every kind of
 * record, so the field tables and the tables agree. */

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-schema.h"
#include "pw-store-private.h"
#include "pw-test-util.h"

typedef struct
{
  PwTestDir td;
  PwStore *store;
} Fixture;

static const char *const identity_columns[] = {
  "id", "uuid", "created_at", "created_by", "updated_at",
};

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  pw_set_today ("2026-11-23");
  pw_test_dir_init (&f->td);
  f->store = pw_test_create_store (f->td.path, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pw_test_run_main_context ();
  g_assert_finalize_object (f->store);
  pw_test_dir_clear (&f->td);
  pw_set_today (NULL);
}

/* Helpers ------------------------------------------------------------------------ */

static gint64
user_version (PwStore *store)
{
  return pw_test_query_int (store, "PRAGMA user_version");
}

/* Everything in the schema, with its SQL, in a stable order. */
static char *
schema_text (PwStore *store)
{
  char *text = pw_test_query_text (store, "SELECT group_concat(entry, char(10)) FROM "
                                   "(SELECT type || ' ' || name || ': ' || "
                                   "coalesce(sql, '') AS entry FROM sqlite_master "
                                   "ORDER BY type, name)");

  return text != NULL ? text : g_strdup ("");
}

static gboolean
has_object (PwStore *store, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                                          name);

  return pw_test_query_int (store, sql) > 0;
}

static gboolean
migrate (PwStore *store, guint target, GError **error)
{
  gboolean ok;

  _pw_store_enter (store);
  ok = pw_schema_migrate (_pw_store_get_db (store), target, error);
  _pw_store_leave (store);
  return ok;
}

static void
exec_sql (PwStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;

  pw_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static PwCaseload *
caseload_ok (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  PwCaseload *caseload = pw_caseload_new (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (caseload);
  pw_caseload_set_actor (caseload, "Sam Senco");
  return caseload;
}

static void
add_child (PwCaseload *caseload, const char *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);

  pw_record_set_text (child, "legal-given-name", given);
  pw_record_set_text (child, "legal-family-name", "Brook");
  pw_record_set_text (child, "date-of-birth", "2016-03-14");
  pw_record_set_text (child, "sex", "F");
  pw_record_set_text (child, "sen-provision", "K");
  g_assert_true (pw_caseload_save (caseload, child, &error));
  g_assert_no_error (error);
}

static void
reopen (Fixture *f)
{
  g_assert_finalize_object (f->store);
  f->store = pw_test_reopen (f->td.path, PW_TEST_PASSPHRASE);
}

/* Every kind of record has its table. */
static void
assert_every_table (PwStore *store)
{
  const GType *types;
  guint n_types;

  types = pw_entity_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);

      if (!has_object (store, klass->table))
        g_test_message ("no table “%s”", klass->table);
      g_assert_true (has_object (store, klass->table));
    }
  g_assert_true (has_object (store, "audit"));
  g_assert_true (has_object (store, "search"));
  g_assert_true (has_object (store, "chronology"));
}

/* Migrating: new, again, step by step ------------------------------------------- */

static void
test_fresh_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;

  g_assert_cmpint (user_version (f->store), ==, 0);
  g_assert_false (has_object (f->store, "child"));
  g_assert_true (migrate (f->store, PW_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION);
  assert_every_table (f->store);

  caseload = caseload_ok (f->store);
  add_child (caseload, "Ada");
  g_assert_true (pw_caseload_verify_audit (caseload, NULL, &error));
  g_assert_no_error (error);
}

/* pw_caseload_new() migrates a new store itself. */
static void
test_caseload_migrates (Fixture *f, gconstpointer data)
{
  g_autoptr(PwCaseload) caseload = NULL;

  caseload = caseload_ok (f->store);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION);
  assert_every_table (f->store);
}

static void
test_again_is_a_no_op (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *again = NULL;
  guint64 n_entries = 0;

  caseload = caseload_ok (f->store);
  add_child (caseload, "Ada");
  add_child (caseload, "Bea");
  schema = schema_text (f->store);

  g_assert_true (migrate (f->store, PW_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  again = schema_text (f->store);
  g_assert_cmpstr (again, ==, schema);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 2);

  /* And through a new caseload on the reopened store. */
  g_assert_finalize_object (g_steal_pointer (&caseload));
  reopen (f);
  caseload = caseload_ok (f->store);
  g_clear_pointer (&again, g_free);
  again = schema_text (f->store);
  g_assert_cmpstr (again, ==, schema);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 2);
  g_assert_true (pw_caseload_verify_audit (caseload, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, 2);
}

/* One version at a time ends where all at once does. */
static void
test_step_by_step (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->td.dir, "other.pathway", NULL);
  g_autoptr(PwStore) other = pw_test_create_store (other_path, NULL);
  g_autofree char *stepped = NULL;
  g_autofree char *direct = NULL;

  for (guint v = 1; v <= PW_SCHEMA_VERSION; v++)
    {
      g_assert_true (migrate (f->store, v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (user_version (f->store), ==, v);
    }
  g_assert_true (migrate (other, PW_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  stepped = schema_text (f->store);
  direct = schema_text (other);
  g_assert_cmpstr (stepped, ==, direct);
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* A lower target never takes a store back. */
static void
test_never_backwards (Fixture *f, gconstpointer data)
{
  g_autoptr(PwCaseload) caseload = caseload_ok (f->store);
  g_autofree char *schema = schema_text (f->store);
  g_autofree char *after = NULL;

  add_child (caseload, "Ada");
  g_clear_pointer (&schema, g_free);
  schema = schema_text (f->store);
  migrate (f->store, 0, NULL);
  after = schema_text (f->store);
  g_assert_cmpstr (after, ==, schema);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 1);
}

/* A store from a newer Pathway ------------------------------------------------------ */

static void
assert_refused_as_newer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *schema = schema_text (f->store);
  g_autofree char *after = NULL;
  gint64 version = user_version (f->store);

  caseload = pw_caseload_new (f->store, &error);
  g_assert_null (caseload);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION);
  g_clear_error (&error);
  g_assert_false (migrate (f->store, PW_SCHEMA_VERSION, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION);

  after = schema_text (f->store);
  g_assert_cmpstr (after, ==, schema);
  g_assert_cmpint (user_version (f->store), ==, version);
}

static void
test_newer_store_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", PW_SCHEMA_VERSION + 1);

  exec_sql (f->store, bump);
  assert_refused_as_newer (f);
  g_assert_false (has_object (f->store, "child"));

  /* Still refused after closing and opening. */
  reopen (f);
  assert_refused_as_newer (f);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION + 1);
}

static void
test_newer_store_with_records (Fixture *f, gconstpointer data)
{
  g_autoptr(PwCaseload) caseload = caseload_ok (f->store);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", PW_SCHEMA_VERSION + 7);
  g_autofree char *back = g_strdup_printf ("PRAGMA user_version = %d", PW_SCHEMA_VERSION);
  g_autoptr(GError) error = NULL;

  add_child (caseload, "Ada");
  add_child (caseload, "Bea");
  g_assert_finalize_object (g_steal_pointer (&caseload));
  exec_sql (f->store, bump);
  reopen (f);
  assert_refused_as_newer (f);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 2);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION + 7);

  /* Nothing was lost: the records and their log are as written. */
  exec_sql (f->store, back);
  caseload = caseload_ok (f->store);
  g_assert_cmpint (pw_test_count_rows (f->store, "child"), ==, 2);
  g_assert_true (pw_caseload_verify_audit (caseload, NULL, &error));
  g_assert_no_error (error);
}

static void
test_much_newer_store_refused (Fixture *f, gconstpointer data)
{
  exec_sql (f->store, "PRAGMA user_version = 2147483647");
  assert_refused_as_newer (f);
}

/* A migration that fails ------------------------------------------------------------ */

/* A version-0 store holding @conflict fails to migrate, and is left at
 * version 0 with only what it had: the store's own table and @name. */
static void
assert_migration_atomic (Fixture *f, const char *conflict, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *after = NULL;
  g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", name);
  g_autofree char *kept = NULL;
  g_autofree char *kept_sql = g_strdup_printf ("SELECT x FROM %s", name);

  exec_sql (f->store, conflict);
  schema = schema_text (f->store);
  g_assert_cmpint (user_version (f->store), ==, 0);

  caseload = pw_caseload_new (f->store, &error);
  g_assert_null (caseload);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (migrate (f->store, PW_SCHEMA_VERSION, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = schema_text (f->store);
  g_assert_cmpstr (after, ==, schema);
  g_assert_cmpint (user_version (f->store), ==, 0);
  g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM sqlite_master "
                                      "WHERE type = 'table'"), ==, 2);
  kept = pw_test_query_text (f->store, kept_sql);
  g_assert_cmpstr (kept, ==, "keep me");
  pw_store_verify (f->store, &error);
  g_assert_no_error (error);

  /* Without the conflict it migrates. */
  exec_sql (f->store, drop);
  caseload = caseload_ok (f->store);
  g_assert_cmpint (user_version (f->store), ==, PW_SCHEMA_VERSION);
  assert_every_table (f->store);
  add_child (caseload, "Ada");
}

/* The conflict at the third table: the two before it must not stay. */
static void
test_atomic_early_conflict (Fixture *f, gconstpointer data)
{
  assert_migration_atomic (f, "CREATE TABLE child (x TEXT); "
                           "INSERT INTO child (x) VALUES ('keep me')", "child");
}

/* The conflict at an index in the middle. */
static void
test_atomic_index_conflict (Fixture *f, gconstpointer data)
{
  assert_migration_atomic (f, "CREATE TABLE cycle_one_open (x TEXT); "
                           "INSERT INTO cycle_one_open (x) VALUES ('keep me')",
                           "cycle_one_open");
}

/* The conflict at the very end: every table before it must go. */
static void
test_atomic_late_conflict (Fixture *f, gconstpointer data)
{
  assert_migration_atomic (f, "CREATE TABLE chronology (x TEXT); "
                           "INSERT INTO chronology (x) VALUES ('keep me')", "chronology");
}

/* Fields and columns agree ---------------------------------------------------------- */

static GHashTable *
table_columns (PwStore *store, const char *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  sqlite3_stmt *stmt = NULL;

  _pw_store_enter (store);
  g_assert_cmpint (sqlite3_prepare_v2 (_pw_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  _pw_store_leave (store);
  return columns;
}

static void
test_columns_match_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(PwCaseload) caseload = caseload_ok (f->store);
  const GType *types;
  guint n_types;

  types = pw_entity_types (&n_types);
  g_assert_cmpuint (n_types, >, 0);
  for (guint i = 0; i < n_types; i++)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);
      g_autoptr(GHashTable) columns = table_columns (f->store, klass->table);
      GHashTableIter iter;
      const char *column;

      g_assert_cmpuint (g_hash_table_size (columns), >, 0);
      for (guint k = 0; k < G_N_ELEMENTS (identity_columns); k++)
        g_assert_true (g_hash_table_contains (columns, identity_columns[k]));
      for (guint k = 0; k < klass->n_fields; k++)
        {
          g_autofree char *name = g_strdelimit (g_strdup (klass->fields[k].name), "-", '_');

          if (!g_hash_table_contains (columns, name))
            g_test_message ("table %s has no column for field %s", klass->table, name);
          g_assert_true (g_hash_table_contains (columns, name));
        }

      /* No column that no field describes. */
      g_hash_table_iter_init (&iter, columns);
      while (g_hash_table_iter_next (&iter, (gpointer *) &column, NULL))
        {
          gboolean known = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (identity_columns); k++)
            known |= g_str_equal (column, identity_columns[k]);
          for (guint k = 0; k < klass->n_fields; k++)
            {
              g_autofree char *name = g_strdelimit (g_strdup (klass->fields[k].name), "-", '_');

              known |= g_str_equal (column, name);
            }
          if (!known)
            g_test_message ("table %s has column %s that no field describes", klass->table,
                            column);
          g_assert_true (known);
        }
    }
}

/* A child written at version 1 is still listed in each sort and found by
 * search after every later migration, and then by the caseload itself. */
static void
test_data_survives_each_step (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(GListModel) found = NULL;

  g_assert_true (migrate (f->store, 1, &error));
  g_assert_no_error (error);
  exec_sql (f->store,
            "INSERT INTO child (id, uuid, created_at, created_by, updated_at, legal_given_name, "
            "legal_family_name, date_of_birth, sex, sen_provision, current_level, next_review) "
            "VALUES (7, 'u-7', '2026-01-05T09:00:00Z', 'test', '2026-01-05T09:00:00Z', 'Zoë', "
            "'Ashdown', '2016-03-14', 'F', 'K', 2, '2026-12-01');"
            "INSERT INTO search (rowid, text, child_id) VALUES (3298534883335, 'Zoë Ashdown', 7);");
  for (guint v = 2; v <= PW_SCHEMA_VERSION; v++)
    {
      g_assert_true (migrate (f->store, v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pw_test_query_int (f->store, "SELECT count(*) FROM child WHERE "
                                          "archived_on IS NULL ORDER BY current_level DESC"),
                       ==, 1);
      g_assert_cmpint (pw_test_query_int (f->store, "SELECT child_id FROM search "
                                          "WHERE search MATCH '\"ash\"*'"), ==, 7);
    }
  caseload = pw_caseload_new (f->store, &error);
  g_assert_no_error (error);
  found = pw_caseload_search (caseload, "zoe a", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pathway/migrations/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fresh-store", test_fresh_store);
  ADD ("caseload-migrates", test_caseload_migrates);
  ADD ("again-is-a-no-op", test_again_is_a_no_op);
  ADD ("step-by-step", test_step_by_step);
  ADD ("data-survives-each-step", test_data_survives_each_step);
  ADD ("never-backwards", test_never_backwards);
  ADD ("newer/refused", test_newer_store_refused);
  ADD ("newer/with-records", test_newer_store_with_records);
  ADD ("newer/much-newer", test_much_newer_store_refused);
  ADD ("atomic/early-conflict", test_atomic_early_conflict);
  ADD ("atomic/index-conflict", test_atomic_index_conflict);
  ADD ("atomic/late-conflict", test_atomic_late_conflict);
  ADD ("columns-match-fields", test_columns_match_fields);
#undef ADD

  return g_test_run ();
}
