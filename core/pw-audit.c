/* pw-audit.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The audit log: one row per write (who, when, which operation on which
 * record), never any of the record's contents.
 *
 * Each row's hash is a keyed BLAKE2b over the previous row's hash and this
 * row's columns, so editing, inserting or deleting a row breaks the chain
 * from there on.  The key is derived from the store's data key, so a person
 * with only SQL access to a decrypted copy cannot forge a new chain.  The
 * head, kept in store_meta, is the last id and a keyed hash of it and the
 * last entry's hash: dropping entries from the end, or the whole log, is
 * caught too.  A new store's log starts with a head for no entries.
 *
 * Within a transaction the caller keeps the head in a PwAuditHead and
 * writes it once, before committing: read it with pw_audit_read_head()
 * (checked against the log) at the start, or pw_audit_read_last() after a
 * savepoint was rolled back.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pw-audit.h"
#include "pw-record.h"

#define HASH_BYTES 32

static gboolean
sql_error (sqlite3 *db, GError **error)
{
  g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_AUDIT,
               _("The audit log could not be read or written: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
broken (GError **error, gint64 id, const char *what)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_AUDIT,
               _("The audit log was changed outside Pathway: entry %s %s"), number, what);
  return FALSE;
}

static void
hash_text (crypto_generichash_state *state, const char *text)
{
  crypto_generichash_update (state, (const guint8 *) text, strlen (text) + 1);
}

static void
hash_entry (const guint8       *key,
            const guint8       *previous,
            gint64              id,
            const char         *at,
            const PwAuditEntry *entry,
            guint8             *out)
{
  crypto_generichash_state state;
  guint64 le_id = GUINT64_TO_LE ((guint64) id);

  crypto_generichash_init (&state, key, PW_AUDIT_KEY_BYTES, HASH_BYTES);
  crypto_generichash_update (&state, previous, HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) &le_id, sizeof le_id);
  hash_text (&state, at);
  hash_text (&state, entry->actor);
  hash_text (&state, entry->operation);
  hash_text (&state, entry->table);
  hash_text (&state, entry->uuid);
  crypto_generichash_final (&state, out, HASH_BYTES);
}

static void
head_mac (const guint8 *key, gint64 id, const guint8 *last_hash, guint8 *out)
{
  crypto_generichash_state state;
  guint64 le_id = GUINT64_TO_LE ((guint64) id);

  crypto_generichash_init (&state, key, PW_AUDIT_KEY_BYTES, HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) "head", 4);
  crypto_generichash_update (&state, (const guint8 *) &le_id, sizeof le_id);
  crypto_generichash_update (&state, last_hash, HASH_BYTES);
  crypto_generichash_final (&state, out, HASH_BYTES);
}

/* The head is "<id>:<hex mac>" with id 0 for a log of no entries. */
static gboolean
parse_head (const char *value, gint64 *id, guint8 *mac)
{
  const char *colon = value != NULL ? strchr (value, ':') : NULL;
  g_autofree char *number = colon != NULL ? g_strndup (value, colon - value) : NULL;

  return number != NULL &&
         g_ascii_string_to_signed (number, 10, 0, G_MAXINT64, id, NULL) &&
         sodium_hex2bin (mac, HASH_BYTES, colon + 1, strlen (colon + 1),
                         NULL, NULL, NULL) == 0;
}

static gboolean
read_head (sqlite3 *db, gint64 *id, guint8 *mac)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM store_meta WHERE key = 'audit-head'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = parse_head ((const char *) sqlite3_column_text (stmt, 0), id, mac);
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
write_head (sqlite3 *db, const guint8 *key, gint64 id, const guint8 *last_hash, GError **error)
{
  char hex[HASH_BYTES * 2 + 1];
  guint8 mac[HASH_BYTES];
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  head_mac (key, id, last_hash, mac);
  sodium_bin2hex (hex, sizeof hex, mac, HASH_BYTES);
  value = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, hex);
  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO store_meta (key, value) "
                           "VALUES ('audit-head', ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_error (db, error);
}

/* The hash of entry @id, or zeros for id 0. */
static gboolean
read_entry_hash (sqlite3 *db, gint64 id, guint8 *hash)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  memset (hash, 0, HASH_BYTES);
  if (id == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (db, "SELECT hash FROM audit WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == HASH_BYTES)
    {
      memcpy (hash, sqlite3_column_blob (stmt, 0), HASH_BYTES);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

/**
 * pw_audit_start:
 *
 * Starts the log of a new store: a head for no entries.
 */
gboolean
pw_audit_start (sqlite3       *db,
                const guint8  *key,
                GError       **error)
{
  guint8 zeros[HASH_BYTES] = { 0 };

  return write_head (db, key, 0, zeros, error);
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
insert_entry (sqlite3            *db,
              gint64              id,
              const char         *at,
              const PwAuditEntry *entry,
              const guint8       *hash,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO audit (id, at, actor, operation, record_table, "
                           "record_uuid, hash) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entry->actor, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, entry->operation, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, entry->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, entry->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 7, hash, HASH_BYTES, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_error (db, error);
}

/**
 * pw_audit_append:
 * @db: a connection inside the transaction that makes the write
 * @key: the audit key
 *
 * Appends one entry to the chain.
 */
/**
 * pw_audit_read_head:
 * @head: (out): where the log ends
 *
 * Reads the stored head and checks it against the log's last entry.
 */
gboolean
pw_audit_read_head (sqlite3       *db,
                    const guint8  *key,
                    PwAuditHead   *head,
                    GError       **error)
{
  guint8 mac[HASH_BYTES];
  guint8 expected[HASH_BYTES];

  if (!read_head (db, &head->id, mac) || !read_entry_hash (db, head->id, head->hash))
    return broken (error, head->id, _("is missing"));
  head_mac (key, head->id, head->hash, expected);
  if (sodium_memcmp (mac, expected, HASH_BYTES) != 0)
    return broken (error, head->id, _("does not match the head of the log"));
  return TRUE;
}

/**
 * pw_audit_read_last:
 * @head: (out): the log's last entry
 *
 * Reads where the log ends from the log itself, inside a transaction whose
 * stored head is not written yet.
 */
gboolean
pw_audit_read_last (sqlite3      *db,
                    PwAuditHead  *head,
                    GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  head->id = 0;
  memset (head->hash, 0, HASH_BYTES);
  if (sqlite3_prepare_v2 (db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return sql_error (db, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == HASH_BYTES)
    {
      head->id = sqlite3_column_int64 (stmt, 0);
      memcpy (head->hash, sqlite3_column_blob (stmt, 1), HASH_BYTES);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || sql_error (db, error);
}

/**
 * pw_audit_append:
 * @db: a connection inside the transaction that makes the write
 * @key: the audit key
 * @head: (inout): where the log ends; moved on to the new entry
 *
 * Appends one entry to the chain.  The stored head is not written: call
 * pw_audit_write_head() before the transaction commits.
 */
gboolean
pw_audit_append (sqlite3             *db,
                 const guint8        *key,
                 const PwAuditEntry  *entry,
                 PwAuditHead         *head,
                 GError             **error)
{
  g_autofree char *at = now_utc ();
  guint8 hash[HASH_BYTES];

  hash_entry (key, head->hash, head->id + 1, at, entry, hash);
  if (!insert_entry (db, head->id + 1, at, entry, hash, error))
    return FALSE;
  head->id++;
  memcpy (head->hash, hash, HASH_BYTES);
  return TRUE;
}

/**
 * pw_audit_write_head:
 *
 * Stores @head as where the log ends, keyed so it cannot be forged.
 */
gboolean
pw_audit_write_head (sqlite3            *db,
                     const guint8       *key,
                     const PwAuditHead  *head,
                     GError            **error)
{
  return write_head (db, key, head->id, head->hash, error);
}

static gboolean
verify_row (sqlite3_stmt *stmt,
            const guint8 *key,
            gint64        expected_id,
            guint8       *previous,
            GError      **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  PwAuditEntry entry = {
    (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
    (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
  };
  const char *at = (const char *) sqlite3_column_text (stmt, 1);
  guint8 hash[HASH_BYTES];

  if (id != expected_id)
    return broken (error, expected_id, _("is missing"));
  if (at == NULL || entry.actor == NULL || entry.operation == NULL || entry.table == NULL ||
      entry.uuid == NULL || sqlite3_column_bytes (stmt, 6) != HASH_BYTES)
    return broken (error, id, _("is incomplete"));
  hash_entry (key, previous, id, at, &entry, hash);
  if (sodium_memcmp (hash, sqlite3_column_blob (stmt, 6), HASH_BYTES) != 0)
    return broken (error, id, _("does not match its hash"));
  memcpy (previous, hash, HASH_BYTES);
  return TRUE;
}

/**
 * pw_audit_verify:
 * @n_entries: (out) (optional): how many entries were checked
 *
 * Recomputes the whole chain and compares it with the stored head.
 */
gboolean
pw_audit_verify (sqlite3       *db,
                 const guint8  *key,
                 guint64       *n_entries,
                 GError       **error)
{
  guint8 previous[HASH_BYTES] = { 0 };
  guint8 head[HASH_BYTES];
  guint8 expected[HASH_BYTES];
  sqlite3_stmt *stmt = NULL;
  gint64 head_id = 0, id = 0;
  gboolean ok = TRUE;
  int rc;

  if (!read_head (db, &head_id, head))
    return broken (error, 0, _("(the head of the log) is missing"));
  if (sqlite3_prepare_v2 (db, "SELECT id, at, actor, operation, record_table, record_uuid, hash "
                          "FROM audit ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (db, error);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = verify_row (stmt, key, ++id, previous, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;
  if (rc != SQLITE_DONE)
    return sql_error (db, error);
  head_mac (key, id, previous, expected);
  if (id != head_id || sodium_memcmp (expected, head, HASH_BYTES) != 0)
    return broken (error, MAX (id, head_id), _("at the end of the log is missing"));
  if (n_entries != NULL)
    *n_entries = id;
  return TRUE;
}
