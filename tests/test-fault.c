/* test-fault.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Fault injection under the encrypting VFS.
 *
 * The "faulty" VFS sits between the store's shim and "unix" and counts every
 * read, write, sync and truncate on every file it opens, the envelope's
 * included.  A run of a small workload with fault N armed fails the Nth call
 * of one kind; for every N up to the number of calls the workload makes, the
 * call that meets the fault must fail with a clear error, and the store,
 * reopened without faults, must verify and hold exactly the work that was
 * reported done (a failed transaction may be there in full or not at all).
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

#define FAULTY_VFS "faulty"

typedef enum
{
  FAULT_READ,
  FAULT_WRITE,
  FAULT_SYNC,
  FAULT_TRUNCATE,
  N_FAULT_KINDS
} FaultKind;

static const char *const fault_names[N_FAULT_KINDS] = { "read", "write", "sync", "truncate" };

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;
} FaultyFile;

#define FAULTY_FILE_SIZE ((sizeof (FaultyFile) + 15) & ~(gsize) 15)

static struct
{
  guint64 calls[N_FAULT_KINDS];
  FaultKind kind;
  guint64 fail_at;   /* 0: disarmed */
  int rc;
  gboolean fired;
} faults;

static sqlite3_vfs faulty_vfs;

/* The VFS ------------------------------------------------------------------- */

static int
fault_check (FaultKind kind)
{
  faults.calls[kind]++;
  if (faults.fail_at == 0 || kind != faults.kind || faults.calls[kind] != faults.fail_at)
    return SQLITE_OK;
  faults.fired = TRUE;
  return faults.rc;
}

static void
faults_arm (FaultKind kind,
            guint64   fail_at,
            int       rc)
{
  memset (faults.calls, 0, sizeof faults.calls);
  faults.kind = kind;
  faults.fail_at = fail_at;
  faults.rc = rc;
  faults.fired = FALSE;
}

static void
faults_disarm (void)
{
  faults.fail_at = 0;
}

static int
faulty_close (sqlite3_file *base)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xClose (file->real);
}

static int
faulty_read (sqlite3_file *base, void *buf, int amount, sqlite3_int64 offset)
{
  FaultyFile *file = (FaultyFile *) base;
  int rc = fault_check (FAULT_READ);

  if (rc != SQLITE_OK)
    return rc;
  return file->real->pMethods->xRead (file->real, buf, amount, offset);
}

static int
faulty_write (sqlite3_file *base, const void *buf, int amount, sqlite3_int64 offset)
{
  FaultyFile *file = (FaultyFile *) base;
  int rc = fault_check (FAULT_WRITE);

  if (rc != SQLITE_OK)
    return rc;
  return file->real->pMethods->xWrite (file->real, buf, amount, offset);
}

static int
faulty_truncate (sqlite3_file *base, sqlite3_int64 size)
{
  FaultyFile *file = (FaultyFile *) base;
  int rc = fault_check (FAULT_TRUNCATE);

  if (rc != SQLITE_OK)
    return rc;
  return file->real->pMethods->xTruncate (file->real, size);
}

static int
faulty_sync (sqlite3_file *base, int flags)
{
  FaultyFile *file = (FaultyFile *) base;
  int rc = fault_check (FAULT_SYNC);

  if (rc != SQLITE_OK)
    return rc;
  return file->real->pMethods->xSync (file->real, flags);
}

static int
faulty_file_size (sqlite3_file *base, sqlite3_int64 *size)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xFileSize (file->real, size);
}

static int
faulty_lock (sqlite3_file *base, int level)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xLock (file->real, level);
}

static int
faulty_unlock (sqlite3_file *base, int level)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xUnlock (file->real, level);
}

static int
faulty_check_reserved_lock (sqlite3_file *base, int *out)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xCheckReservedLock (file->real, out);
}

static int
faulty_file_control (sqlite3_file *base, int op, void *arg)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xFileControl (file->real, op, arg);
}

static int
faulty_sector_size (sqlite3_file *base)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xSectorSize (file->real);
}

static int
faulty_device_characteristics (sqlite3_file *base)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xDeviceCharacteristics (file->real);
}

static int
faulty_shm_map (sqlite3_file *base, int region, int size, int extend, void volatile **out)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xShmMap (file->real, region, size, extend, out);
}

static int
faulty_shm_lock (sqlite3_file *base, int offset, int n, int flags)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xShmLock (file->real, offset, n, flags);
}

static void
faulty_shm_barrier (sqlite3_file *base)
{
  FaultyFile *file = (FaultyFile *) base;

  file->real->pMethods->xShmBarrier (file->real);
}

static int
faulty_shm_unmap (sqlite3_file *base, int delete_flag)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xShmUnmap (file->real, delete_flag);
}

static int
faulty_fetch (sqlite3_file *base, sqlite3_int64 offset, int amount, void **out)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xFetch (file->real, offset, amount, out);
}

static int
faulty_unfetch (sqlite3_file *base, sqlite3_int64 offset, void *page)
{
  FaultyFile *file = (FaultyFile *) base;

  return file->real->pMethods->xUnfetch (file->real, offset, page);
}

static const sqlite3_io_methods faulty_io_methods = {
  .iVersion = 3,
  .xClose = faulty_close,
  .xRead = faulty_read,
  .xWrite = faulty_write,
  .xTruncate = faulty_truncate,
  .xSync = faulty_sync,
  .xFileSize = faulty_file_size,
  .xLock = faulty_lock,
  .xUnlock = faulty_unlock,
  .xCheckReservedLock = faulty_check_reserved_lock,
  .xFileControl = faulty_file_control,
  .xSectorSize = faulty_sector_size,
  .xDeviceCharacteristics = faulty_device_characteristics,
  .xShmMap = faulty_shm_map,
  .xShmLock = faulty_shm_lock,
  .xShmBarrier = faulty_shm_barrier,
  .xShmUnmap = faulty_shm_unmap,
  .xFetch = faulty_fetch,
  .xUnfetch = faulty_unfetch,
};

static int
faulty_open (sqlite3_vfs      *vfs,
             sqlite3_filename  name,
             sqlite3_file     *base,
             int               flags,
             int              *out_flags)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;
  FaultyFile *file = (FaultyFile *) base;
  int rc;

  memset (file, 0, sizeof *file);
  file->real = (sqlite3_file *) ((guint8 *) file + FAULTY_FILE_SIZE);
  rc = real_vfs->xOpen (real_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (file->real->pMethods != NULL)
        file->real->pMethods->xClose (file->real);
      return rc;
    }
  file->base.pMethods = &faulty_io_methods;
  return SQLITE_OK;
}

static int
faulty_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
faulty_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
faulty_full_pathname (sqlite3_vfs *vfs, const char *name, int n_out, char *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xFullPathname (real_vfs, name, n_out, out);
}

static int
faulty_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
faulty_sleep (sqlite3_vfs *vfs, int microseconds)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
faulty_current_time (sqlite3_vfs *vfs, double *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
faulty_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
faulty_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static void
faulty_vfs_register (void)
{
  sqlite3_vfs *unix_vfs = sqlite3_vfs_find ("unix");

  g_assert_nonnull (unix_vfs);
  faulty_vfs.iVersion = 2;
  faulty_vfs.szOsFile = FAULTY_FILE_SIZE + unix_vfs->szOsFile;
  faulty_vfs.mxPathname = unix_vfs->mxPathname;
  faulty_vfs.zName = FAULTY_VFS;
  faulty_vfs.pAppData = unix_vfs;
  faulty_vfs.xOpen = faulty_open;
  faulty_vfs.xDelete = faulty_delete;
  faulty_vfs.xAccess = faulty_access;
  faulty_vfs.xFullPathname = faulty_full_pathname;
  faulty_vfs.xRandomness = faulty_randomness;
  faulty_vfs.xSleep = faulty_sleep;
  faulty_vfs.xCurrentTime = faulty_current_time;
  faulty_vfs.xGetLastError = faulty_get_last_error;
  faulty_vfs.xCurrentTimeInt64 = faulty_current_time_int64;
  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 0), ==, SQLITE_OK);
}

/* The workload ------------------------------------------------------------------ */

typedef enum
{
  STEP_TRANSACTION,  /* changes rows: all of it or none */
  STEP_EXEC,         /* changes no rows */
  STEP_REOPEN,       /* lock, open over "faulty" again, unlock */
} StepKind;

typedef struct
{
  StepKind kind;
  const char *sql;
} Step;

#define INSERT_ROWS(from, to) \
  "WITH RECURSIVE n(i) AS (SELECT " #from " UNION ALL SELECT i + 1 FROM n WHERE i < " #to ") " \
  "INSERT INTO notes (id, body) SELECT i, printf('note %d: %s', i, hex(zeroblob(150))) FROM n"

/* Both locks (the reopen and the end) find committed frames in the log, so
 * a fault in the checkpoint that closing runs leaves the log to be
 * recovered at the next unlock. */
static const Step steps[] = {
  { STEP_TRANSACTION, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)" },
  { STEP_TRANSACTION, INSERT_ROWS (1, 30) },
  { STEP_TRANSACTION, INSERT_ROWS (31, 45) },
  { STEP_TRANSACTION, "UPDATE notes SET body = 'reviewed ' || body WHERE id % 3 = 0" },
  { STEP_EXEC, "PRAGMA wal_checkpoint(TRUNCATE)" },
  { STEP_TRANSACTION, "DELETE FROM notes WHERE id BETWEEN 10 AND 35" },
  { STEP_EXEC, "VACUUM" },
  { STEP_REOPEN, NULL },
  { STEP_TRANSACTION, INSERT_ROWS (46, 55) },
  { STEP_EXEC, "PRAGMA wal_checkpoint" },
  { STEP_TRANSACTION, "UPDATE notes SET body = 'closed ' || body WHERE id > 50" },
};

#define N_STEPS G_N_ELEMENTS (steps)

typedef struct
{
  PwStore *store;
  const char *sql;
} StepData;

/* The rows, in a form two databases can be compared by. */
static char *
content_of (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sum = NULL;
  const char *rows;
  char *content;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*), group_concat(id || '=' || body, ';') "
                           "FROM (SELECT * FROM notes ORDER BY id)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_assert_nonnull (strstr (sqlite3_errmsg (db), "no such table"));
      return g_strdup ("no table");
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rows = (const char *) sqlite3_column_text (stmt, 1);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, rows != NULL ? rows : "", -1);
  content = g_strdup_printf ("%d rows, %s", sqlite3_column_int (stmt, 0), sum);
  sqlite3_finalize (stmt);
  return content;
}

/* expected[i]: the rows after the first i steps, from plain SQLite. */
static char **
expected_contents (void)
{
  char **expected = g_new0 (char *, N_STEPS + 2);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  expected[0] = content_of (db);
  for (guint i = 0; i < N_STEPS; i++)
    {
      if (steps[i].kind == STEP_TRANSACTION)
        g_assert_cmpint (sqlite3_exec (db, steps[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      expected[i + 1] = content_of (db);
    }
  sqlite3_close (db);
  return expected;
}

static gboolean
run_sql_cb (gpointer user_data, GError **error)
{
  StepData *data = user_data;

  return pw_store_exec (data->store, data->sql, error);
}

static gboolean
reopen (PwStore    **store,
        const char  *path,
        GError     **error)
{
  pw_store_lock (*store);
  g_clear_object (store);
  *store = _pw_store_open_full (path, FAULTY_VFS, error);
  return *store != NULL && pw_store_unlock (*store, PW_TEST_PASSPHRASE, error);
}

static gboolean
run_step (PwStore    **store,
          const char  *path,
          const Step  *step,
          GError     **error)
{
  StepData data = { *store, step->sql };

  switch (step->kind)
    {
    case STEP_TRANSACTION:
      return pw_store_transaction (*store, run_sql_cb, &data, error);
    case STEP_EXEC:
      return pw_store_exec (*store, step->sql, error);
    case STEP_REOPEN:
    default:
      return reopen (store, path, error);
    }
}

/* Returns the index of the step that failed, N_STEPS if none did, or -1 if
 * creating the store failed. */
static int
run_workload (const char  *path,
              GError     **error)
{
  g_autofree char *recovery = NULL;
  PwStore *store;
  guint i;

  store = _pw_store_create_full (path, PW_TEST_PASSPHRASE, pw_test_cost (), FAULTY_VFS,
                                 &recovery, error);
  if (store == NULL)
    return -1;
  for (i = 0; i < N_STEPS; i++)
    if (!run_step (&store, path, &steps[i], error))
      break;
  if (store != NULL)
    pw_store_lock (store);
  g_clear_object (&store);
  return i;
}

/* Checking -------------------------------------------------------------------- */

static void
assert_reported_well (const GError *error,
                      int           fault_rc)
{
  g_assert_nonnull (error);
  if (error->domain != PW_STORE_ERROR || error->code != PW_STORE_ERROR_IO)
    g_test_message ("unexpected error: %s", error->message);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO);
  if (fault_rc == SQLITE_FULL)
    pw_test_assert_message_contains (error, "disk is full");
}

static char *
reopened_content (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  char *content;

  g_assert_no_error (error);
  pw_store_unlock (store, PW_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
  _pw_store_enter (store);
  content = content_of (_pw_store_get_db (store));
  _pw_store_leave (store);
  return content;
}

/* What was reported done is there in full; the step that failed is there
 * in full or not at all. */
static void
assert_consistent (const char  *path,
                   int          failed,
                   char       **expected)
{
  g_autofree char *content = reopened_content (path);
  gboolean ok = g_str_equal (content, expected[failed]);

  if (!ok && failed < (int) N_STEPS && steps[failed].kind == STEP_TRANSACTION)
    {
      ok = g_str_equal (content, expected[failed + 1]);
      if (ok)
        g_test_message ("step %d reported failure but is there in full", failed);
    }
  if (!ok)
    g_test_message ("after %d steps reported done the store holds %s; expected %s", failed,
                    content, expected[failed]);
  g_assert_true (ok);
}

/* A store whose creation failed leaves no file behind, so that creating it
 * again works. */
static void
assert_nothing_created (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_test_message ("a failed create left “%s” behind", path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = pw_store_create (path, PW_TEST_PASSPHRASE, pw_test_cost (), &recovery, &error);
  g_assert_no_error (error);
}

static void
run_with_fault (const char  *path,
                FaultKind    kind,
                guint64      n,
                int          fault_rc,
                char       **expected)
{
  g_autoptr(GError) error = NULL;
  int failed;

  faults_arm (kind, n, fault_rc);
  failed = run_workload (path, &error);
  faults_disarm ();

  if (failed < (int) N_STEPS)
    {
      g_test_message ("%s %" G_GUINT64_FORMAT ": step %d failed: %s", fault_names[kind], n,
                      failed, error->message);
      g_assert_true (faults.fired);
      assert_reported_well (error, fault_rc);
    }
  if (failed < 0)
    assert_nothing_created (path);
  else
    assert_consistent (path, failed, expected);
  pw_test_remove_store_files (path);
}

static guint64
count_calls (const char *path,
             FaultKind   kind,
             char      **expected)
{
  g_autoptr(GError) error = NULL;
  guint64 n;

  faults_arm (kind, 0, SQLITE_OK);
  g_assert_cmpint (run_workload (path, &error), ==, N_STEPS);
  g_assert_no_error (error);
  n = faults.calls[kind];
  assert_consistent (path, N_STEPS, expected);
  pw_test_remove_store_files (path);
  return n;
}

static void
check_every_call (FaultKind kind,
                  int       fault_rc)
{
  g_auto(GStrv) expected = expected_contents ();
  guint64 n_calls;
  gint64 start = g_get_monotonic_time ();
  PwTestDir td;

  pw_test_dir_init (&td);
  n_calls = count_calls (td.path, kind, expected);
  g_test_message ("the workload makes %" G_GUINT64_FORMAT " %s calls", n_calls,
                  fault_names[kind]);
  g_assert_cmpuint (n_calls, >, 0);
  for (guint64 n = 1; n <= n_calls; n++)
    run_with_fault (td.path, kind, n, fault_rc, expected);
  g_test_message ("%" G_GUINT64_FORMAT " runs in %.1f s", n_calls,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  pw_test_dir_clear (&td);
}

static void
test_read (void)
{
  check_every_call (FAULT_READ, SQLITE_IOERR_READ);
}

static void
test_write (void)
{
  check_every_call (FAULT_WRITE, SQLITE_IOERR_WRITE);
}

static void
test_write_disk_full (void)
{
  check_every_call (FAULT_WRITE, SQLITE_FULL);
}

static void
test_sync (void)
{
  check_every_call (FAULT_SYNC, SQLITE_IOERR_FSYNC);
}

static void
test_truncate (void)
{
  check_every_call (FAULT_TRUNCATE, SQLITE_IOERR_TRUNCATE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  faulty_vfs_register ();

  g_test_add_func ("/fault/read", test_read);
  g_test_add_func ("/fault/write", test_write);
  g_test_add_func ("/fault/write-disk-full", test_write_disk_full);
  g_test_add_func ("/fault/sync", test_sync);
  g_test_add_func ("/fault/truncate", test_truncate);

  return g_test_run ();
}
