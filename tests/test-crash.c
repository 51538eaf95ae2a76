/* test-crash.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Crash safety: a writer killed with SIGKILL at random points.
 *
 * The writer is this program run again with CHILD_FLAG (a fresh process:
 * the store keeps per-process state that a bare fork would share).  It
 * unlocks the store and commits numbered rows for ever, one per transaction
 * or a batch at a time, and prints each number on stdout once its COMMIT has
 * returned.  The parent kills it 1-150 ms after it starts committing, then
 * opens the store: every acknowledged number must be there, the numbers
 * must run without a gap and end on a transaction boundary, every row must
 * hold what was written, and the store must verify.  The same store is used
 * for every round, so recovery of the log it leaves runs again and again.
 *
 * PW_CRASH_SEED and PW_CRASH_ROUNDS override the seed and the round count.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

#define CHILD_FLAG     "--crash-writer"
#define READY_LINE     "ready\n"
#define DEFAULT_SEED   20260514
#define DEFAULT_ROUNDS 200
#define MAX_DELAY_MS   150

static char *self_exe;

/* Rows and transactions ----------------------------------------------------- */

/* How many rows the transaction that starts at @first_id writes: mostly
 * one, and now and then a batch that spans pages.  A batch is not a
 * multiple of 16 long, so singles follow it. */
static guint
batch_size (guint64 first_id)
{
  return first_id % 16 == 0 ? 49 : 1;
}

/* Varied lengths; now and then a row too long for one page. */
static char *
row_body (guint64 id)
{
  gsize len = id % 997 == 0 ? 6000 : (id * 7919) % 61;
  g_autofree char *filler = g_strnfill (len, 'a' + id % 26);

  return g_strdup_printf ("row %" G_GUINT64_FORMAT ": %s", id, filler);
}

/* The writer --------------------------------------------------------------------- */

typedef struct
{
  PwStore *store;
  sqlite3_stmt *insert;
  guint64 first;
  guint count;
} Batch;

static gboolean
insert_batch (gpointer user_data, GError **error)
{
  Batch *batch = user_data;

  for (guint i = 0; i < batch->count; i++)
    {
      guint64 id = batch->first + i;
      char *body = row_body (id);
      int rc;

      sqlite3_bind_int64 (batch->insert, 1, id);
      sqlite3_bind_text (batch->insert, 2, body, -1, g_free);
      rc = sqlite3_step (batch->insert);
      sqlite3_reset (batch->insert);
      if (rc != SQLITE_DONE)
        return _pw_store_set_sqlite_error (batch->store, rc, error);
    }
  return TRUE;
}

static void
write_all (const char *data, gsize len)
{
  while (len > 0)
    {
      gssize n = write (STDOUT_FILENO, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);
      data += n;
      len -= n;
    }
}

static void
acknowledge (guint64 id)
{
  char line[32];
  int len = g_snprintf (line, sizeof line, "%" G_GUINT64_FORMAT "\n", id);

  write_all (line, len);
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_test_reopen (path, PW_TEST_PASSPHRASE);
  Batch batch = { store, NULL, 0, 0 };
  gint64 max_id = 0;

  pw_test_query_int64 (store, "SELECT coalesce(max(id), 0) FROM rows", &max_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_pw_store_get_db (store),
                                       "INSERT INTO rows (id, body) VALUES (?, ?)", -1,
                                       &batch.insert, NULL), ==, SQLITE_OK);
  write_all (READY_LINE, strlen (READY_LINE));
  for (batch.first = max_id + 1;; batch.first += batch.count)
    {
      batch.count = batch_size (batch.first);
      if (!pw_store_transaction (store, insert_batch, &batch, &error))
        {
          g_printerr ("writer: committing row %" G_GUINT64_FORMAT " failed: %s\n",
                      batch.first, error->message);
          return 2;
        }
      acknowledge (batch.first + batch.count - 1);
    }
}

/* The parent ---------------------------------------------------------------------- */

typedef struct
{
  guint round;
  guint delay_ms;
  guint64 last_acked;
  guint n_acked;
} Round;

static GPid
spawn_writer (const char *path,
              int        *out_fd)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_exe, CHILD_FLAG, path, NULL };
  GPid pid = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, out_fd, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

/* Reads what the writer prints until @deadline (monotonic, -1: until it
 * closes its end) or until @until appears in @out. */
static void
read_output (int         fd,
             GString    *out,
             gint64      deadline,
             const char *until)
{
  char buf[4096];

  while (until == NULL || strstr (out->str, until) == NULL)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int timeout = -1;
      gssize n;

      if (deadline >= 0)
        timeout = MAX (0, (deadline - g_get_monotonic_time () + 999) / 1000);
      if (deadline >= 0 && timeout == 0)
        return;
      if (poll (&pfd, 1, timeout) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      if (!(pfd.revents & (POLLIN | POLLHUP)))
        continue;
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      g_string_append_len (out, buf, n);
    }
}

/* Every complete line after the ready line is an acknowledged number, each
 * greater than the one before. */
static void
parse_acks (const char *output,
            Round      *round)
{
  const char *p = strstr (output, READY_LINE);
  const char *end;

  g_assert_nonnull (p);
  for (p += strlen (READY_LINE); (end = strchr (p, '\n')) != NULL; p = end + 1)
    {
      guint64 id = g_ascii_strtoull (p, NULL, 10);

      g_assert_cmpuint (id, >, round->last_acked);
      round->last_acked = id;
      round->n_acked++;
    }
}

static void
run_round (const char *path,
           Round      *round)
{
  g_autoptr(GString) output = g_string_new (NULL);
  int fd = -1, status = 0;
  GPid pid = spawn_writer (path, &fd);

  read_output (fd, output, -1, READY_LINE);
  if (strstr (output->str, READY_LINE) == NULL)
    g_error ("round %u: the writer ended before it was ready", round->round);
  read_output (fd, output, g_get_monotonic_time () + round->delay_ms * 1000, NULL);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  read_output (fd, output, -1, NULL);
  close (fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("round %u: the writer stopped by itself (status %d)", round->round, status);
  parse_acks (output->str, round);
}

static void
check_bodies (PwStore *store,
              guint64  from,
              guint64  to)
{
  sqlite3_stmt *stmt = NULL;
  guint64 expected_id = from;

  _pw_store_enter (store);
  g_assert_cmpint (sqlite3_prepare_v2 (_pw_store_get_db (store),
                                       "SELECT id, body FROM rows WHERE id >= ? ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, from);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *body = row_body (expected_id);

      g_assert_cmpuint (sqlite3_column_int64 (stmt, 0), ==, expected_id);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, body);
      expected_id++;
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
  _pw_store_leave (store);
  g_assert_cmpuint (expected_id, ==, to + 1);
}

/* @boundary: the first id of a transaction known to be complete. */
static void
check_store (const char *path,
             guint64    *boundary,
             const Round *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  guint64 max_id, next;

  g_assert_no_error (error);
  pw_store_unlock (store, PW_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);

  max_id = pw_test_query_int (store, "SELECT coalesce(max(id), 0) FROM rows");
  g_assert_cmpint (pw_test_query_int (store, "SELECT count(*) FROM rows"), ==, max_id);
  g_assert_cmpuint (max_id, >=, round->last_acked);
  g_assert_cmpuint (max_id + 1, >=, *boundary);
  /* No transaction is there in part. */
  for (next = *boundary; next <= max_id; next += batch_size (next))
    ;
  g_assert_cmpuint (next, ==, max_id + 1);
  check_bodies (store, *boundary, max_id);
  *boundary = max_id + 1;

  pw_store_verify (store, &error);
  g_assert_no_error (error);
}

static guint
env_uint (const char *name, guint fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
create_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_test_create_store (path, NULL);

  pw_store_exec (store, "CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                 &error);
  g_assert_no_error (error);
}

static void
test_kill_writer (void)
{
  guint seed = env_uint ("PW_CRASH_SEED", DEFAULT_SEED);
  guint n_rounds = env_uint ("PW_CRASH_ROUNDS", DEFAULT_ROUNDS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint64 boundary = 1, total_acked = 0;
  guint idle_rounds = 0;
  gint64 start = g_get_monotonic_time ();
  PwTestDir td;

  g_test_message ("seed %u (PW_CRASH_SEED), %u rounds (PW_CRASH_ROUNDS)", seed, n_rounds);
  pw_test_dir_init (&td);
  create_store (td.path);
  for (guint i = 0; i < n_rounds; i++)
    {
      Round round = { i, g_rand_int_range (rand, 1, MAX_DELAY_MS + 1), 0, 0 };

      run_round (td.path, &round);
      g_test_message ("round %u: killed after %u ms, %u commits acknowledged, last %"
                      G_GUINT64_FORMAT, i, round.delay_ms, round.n_acked, round.last_acked);
      check_store (td.path, &boundary, &round);
      total_acked += round.n_acked;
      idle_rounds += round.n_acked == 0;
    }
  g_test_message ("%" G_GUINT64_FORMAT " commits acknowledged, %" G_GUINT64_FORMAT
                  " rows, %u rounds without a commit, %.1f s", total_acked, boundary - 1,
                  idle_rounds, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (total_acked, >, n_rounds);
  pw_test_dir_clear (&td);
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], CHILD_FLAG))
    return run_writer (argv[2]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-writer", test_kill_writer);

  return g_test_run ();
}
