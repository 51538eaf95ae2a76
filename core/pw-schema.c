/* pw-schema.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The records schema and its migrations.
 *
 * PRAGMA user_version says which migrations a store has had.  Migrations
 * only go forward, each in its own transaction, and are never edited once
 * released: a change to the schema is a new migration at the end of the
 * list, with a test that starts from the version before it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-record.h"
#include "pw-schema.h"
#include "pw-schema-sql.h"
#include "pw-store.h"

static gboolean
sql_failed (sqlite3 *db, GError **error)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQL,
               _("The store could not be upgraded: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
apply_migration (sqlite3 *db, guint version, GError **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_failed (db, error);
  if (sqlite3_exec (db, pw_schema_migration_sql (version), NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, bump, NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_failed (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_failed (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_schema_migrate:
 * @db: an open connection, outside any transaction
 * @target: the version to reach, normally %PW_SCHEMA_VERSION
 *
 * Brings the records schema up to @target.  A store written by a newer
 * Pathway is refused untouched.
 */
gboolean
pw_schema_migrate (sqlite3  *db,
                   guint     target,
                   GError  **error)
{
  int version = read_user_version (db);

  g_return_val_if_fail (target <= PW_SCHEMA_VERSION, FALSE);

  if (version < 0)
    return sql_failed (db, error);
  if ((guint) version > PW_SCHEMA_VERSION)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION,
                   _("The store was written by a newer version of Pathway "
                     "(records version %d); update Pathway to open it"), version);
      return FALSE;
    }
  for (guint v = version + 1; v <= target; v++)
    if (!apply_migration (db, v, error))
      return FALSE;
  return TRUE;
}

/**
 * pw_schema_get_version:
 *
 * Returns: the records version of @db, -1 if it cannot be read
 */
int
pw_schema_get_version (sqlite3 *db)
{
  return read_user_version (db);
}
