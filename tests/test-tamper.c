/* test-tamper.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Someone with the file edits it without the key: a flipped byte in a page,
 * in the write-ahead log, in the envelope or in a key slot's parameters;
 * pages swapped, or copied in from another store.  Each must be reported as
 * damage that names what failed, must not crash, and must not make the file
 * worse: undoing the edit gives the whole store back.
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-store-private.h"
#include "pw-test-util.h"

#define MARKER  "TAMPER-Grace-Hopper-4411"
#define N_ROWS  1000
#define READ_ALL "SELECT sum(length(body)) FROM notes"

/* Helpers -------------------------------------------------------------------- */

/* A closed store of N_ROWS rows, everything checkpointed into the main file. */
static void
make_store (const char  *path,
            char       **recovery_key)
{
  g_autoptr(PwStore) store = pw_test_create_store (path, recovery_key);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  pw_test_create_rows (store, N_ROWS, MARKER);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pw_test_page_count (path), >=, 10);
}

/* "Page 12", not "Page 120". */
static gboolean
names_page (const GError *error,
            guint32       pgno)
{
  g_autofree char *pattern = g_strdup_printf ("\\bPage %u\\b", pgno);

  return g_regex_match_simple (pattern, error->message, G_REGEX_CASELESS, 0);
}

static void
assert_page_named (const GError *error,
                   guint32       pgno)
{
  if (!names_page (error, pgno))
    g_test_message ("the message “%s” does not name page %u", error->message, pgno);
  g_assert_true (names_page (error, pgno));
}

static void
assert_one_page_named (const GError *error,
                       guint32       pgno_a,
                       guint32       pgno_b)
{
  g_test_message ("%s", error->message);
  g_assert_true (names_page (error, pgno_a) || names_page (error, pgno_b));
}

/* Damage met while reading the log names the page, and where it is. */
static void
assert_wal_page_named (const GError *error,
                       guint32       pgno,
                       guint         frame_index)
{
  g_autofree char *frame = g_strdup_printf ("frame %u", frame_index + 1);

  assert_page_named (error, pgno);
  pw_test_assert_message_contains (error, "write-ahead log");
  pw_test_assert_message_contains (error, frame);
}

/* Undoing the edit gives everything back: the failed attempts wrote nothing. */
static void
assert_store_whole (const char *path,
                    gint64      n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_test_reopen (path, PW_TEST_PASSPHRASE);

  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, n_rows);
  pw_store_exec (store, READ_ALL, &error);
  g_assert_no_error (error);
  pw_store_verify (store, &error);
  g_assert_no_error (error);
}

/* The store unlocks (page 1 is intact), but reading everything and
 * verifying both fail, naming the page. */
static void
assert_page_damage_found (const char *path,
                          guint32     pgno_a,
                          guint32     pgno_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_test_reopen (path, PW_TEST_PASSPHRASE);

  g_assert_false (pw_store_exec (store, READ_ALL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_one_page_named (error, pgno_a, pgno_b);
  g_clear_error (&error);

  g_assert_false (pw_store_verify (store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_one_page_named (error, pgno_a, pgno_b);
}

/* Main file pages -------------------------------------------------------------- */

static void
test_page_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *tampered = NULL;
  gsize len = 0;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, &recovery);
  pw_test_flip_byte (td.path, pw_test_page_offset (1) + 1000);
  tampered = pw_test_read_file (td.path, &len);

  store = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  /* The envelope's MAC proved the passphrase right before page 1 was read,
   * so this is damage, not a wrong key. */
  g_assert_false (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_page_named (error, 1);
  g_assert_true (pw_store_get_locked (store));
  g_clear_error (&error);

  g_assert_false (pw_store_unlock_with_recovery (store, recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_page_named (error, 1);
  g_clear_object (&store);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_flip_byte (td.path, pw_test_page_offset (1) + 1000);
  assert_store_whole (td.path, N_ROWS);
  pw_test_dir_clear (&td);
}

static void
test_middle_page (void)
{
  g_autofree char *tampered = NULL;
  gsize len = 0;
  guint32 pgno;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  pgno = pw_test_page_count (td.path) / 2 + 1;
  pw_test_flip_byte (td.path, pw_test_page_offset (pgno) + 2000);
  tampered = pw_test_read_file (td.path, &len);

  assert_page_damage_found (td.path, pgno, pgno);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_flip_byte (td.path, pw_test_page_offset (pgno) + 2000);
  assert_store_whole (td.path, N_ROWS);
  pw_test_dir_clear (&td);
}

static void
test_swapped_pages (void)
{
  g_autofree char *tampered = NULL;
  gsize len = 0;
  guint32 a, b;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  a = pw_test_page_count (td.path) / 2;
  b = a + 1;
  pw_test_swap_bytes (td.path, pw_test_page_offset (a), pw_test_page_offset (b),
                      PW_TEST_PAGE_SIZE);
  tampered = pw_test_read_file (td.path, &len);

  assert_page_damage_found (td.path, a, b);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_swap_bytes (td.path, pw_test_page_offset (a), pw_test_page_offset (b),
                      PW_TEST_PAGE_SIZE);
  assert_store_whole (td.path, N_ROWS);
  pw_test_dir_clear (&td);
}

/* Once the damage has been reported, a later mistake of another kind is
 * reported as itself, not blamed on the damaged page. */
static void
test_later_errors_not_blamed_on_damage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  guint32 pgno;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  pgno = pw_test_page_count (td.path) / 2 + 1;
  pw_test_flip_byte (td.path, pw_test_page_offset (pgno) + 2000);
  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);

  g_assert_false (pw_store_verify (store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_page_named (error, pgno);
  g_clear_error (&error);

  g_assert_false (pw_store_exec (store, "INSERT INTO notes (body) VALUES (NULL)", &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQL);
  pw_test_assert_message_contains (error, "NOT NULL");
  g_clear_object (&store);
  pw_test_dir_clear (&td);
}

/* Page 1 from another store: the envelope still proves the key, so this is
 * damage, not a wrong key. */
static void
check_page_one_from (const char *other,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *tampered = NULL;
  gsize len = 0;

  pw_test_copy_bytes (other, pw_test_page_offset (1), path, pw_test_page_offset (1),
                      PW_TEST_PAGE_SIZE);
  tampered = pw_test_read_file (path, &len);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_page_named (error, 1);
  g_clear_object (&store);
  pw_test_assert_file_equals (path, tampered, len);
}

/* Same passphrase, same rows, same page number: only the store it came
 * from differs. */
static void
test_page_from_other_store (void)
{
  g_autofree char *other = NULL;
  g_autofree char *original = NULL;
  g_autofree char *tampered = NULL;
  gsize len = 0;
  guint32 pgno;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  other = g_build_filename (td.dir, "other.pathway", NULL);
  make_store (other, NULL);
  original = pw_test_read_file (td.path, &len);
  pgno = MIN (pw_test_page_count (td.path), pw_test_page_count (other)) / 2 + 1;

  pw_test_copy_bytes (other, pw_test_page_offset (pgno), td.path, pw_test_page_offset (pgno),
                      PW_TEST_PAGE_SIZE);
  tampered = pw_test_read_file (td.path, NULL);
  assert_page_damage_found (td.path, pgno, pgno);
  pw_test_assert_file_equals (td.path, tampered, len);

  pw_test_write_file (td.path, original, len);
  check_page_one_from (other, td.path);
  pw_test_write_file (td.path, original, len);
  assert_store_whole (td.path, N_ROWS);
  pw_test_dir_clear (&td);
}

/* Write-ahead log ---------------------------------------------------------------- */

/* A frame that holds the newest copy of one of the rows' pages (above
 * @notes_root: so that reading every row or checkpointing must read it) and
 * is followed by a committed frame. */
static guint
pick_wal_victim (GArray  *frames,
                 guint32  notes_root)
{
  guint last_commit = 0;

  for (guint i = 0; i < frames->len; i++)
    if (g_array_index (frames, PwTestWalFrame, i).commit_size != 0)
      last_commit = i;
  for (guint i = 0; i < last_commit; i++)
    {
      guint32 pgno = g_array_index (frames, PwTestWalFrame, i).pgno;
      gboolean newest = TRUE;

      for (guint j = i + 1; j < frames->len; j++)
        newest = newest && g_array_index (frames, PwTestWalFrame, j).pgno != pgno;
      if (newest && pgno > notes_root)
        return i;
    }
  g_assert_not_reached ();
}

static goffset
frame_data_offset (guint index)
{
  return pw_test_wal_frame_offset (index) + PW_TEST_FRAME_HEADER + 1500;
}

/* One big transaction fills pages that later small ones leave alone. */
static void
fill_wal (PwStore *store)
{
  g_autoptr(GError) error = NULL;

  pw_store_exec (store, "PRAGMA wal_autocheckpoint=0", &error);
  g_assert_no_error (error);
  pw_test_create_rows (store, 300, MARKER);
  for (guint i = 0; i < 3; i++)
    pw_test_create_rows (store, 5, MARKER);
}

/* A damaged frame followed by committed frames is not a torn write: the
 * log must not be cut short there, silently dropping later commits.  The
 * failed unlock changes neither file. */
static void
assert_unlock_finds_wal_damage (const char *path,
                                const char *wal,
                                guint32     pgno,
                                guint       frame_index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *main_before = NULL;
  g_autofree char *wal_before = NULL;
  gsize main_len = 0, wal_len = 0;

  main_before = pw_test_read_file (path, &main_len);
  wal_before = pw_test_read_file (wal, &wal_len);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_wal_page_named (error, pgno, frame_index);
  g_assert_true (pw_store_get_locked (store));
  g_clear_object (&store);
  pw_test_assert_file_equals (path, main_before, main_len);
  pw_test_assert_file_equals (wal, wal_before, wal_len);
}

static void
assert_open_store_finds (PwStore    *store,
                         const char *sql,
                         guint32     pgno,
                         guint       frame_index)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_store_exec (store, sql, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_wal_page_named (error, pgno, frame_index);
}

/* Damages the log's newest copy of one of the rows' pages.  The WAL holds
 * no lock of SQLite's, so editing it under the open store is safe (the
 * main file is left alone while the store is open). */
static guint
damage_row_frame (PwStore    *store,
                  const char *wal,
                  guint32    *pgno)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) frames = NULL;
  gint64 notes_root = 0;
  guint victim;

  pw_test_query_int64 (store, "SELECT rootpage FROM sqlite_master WHERE name = 'notes'",
                       &notes_root, &error);
  g_assert_no_error (error);
  frames = pw_test_wal_frames (wal);
  victim = pick_wal_victim (frames, notes_root);
  *pgno = g_array_index (frames, PwTestWalFrame, victim).pgno;
  g_test_message ("%u frames; damaging frame %u (page %u)", frames->len, victim + 1, *pgno);
  pw_test_flip_byte (wal, frame_data_offset (victim));
  return victim;
}

/* With the cache shrunk, reading every row must read the damaged frame, and
 * so must a checkpoint. */
static void
assert_open_store_finds_damage (PwStore *store,
                                guint32  pgno,
                                guint    victim)
{
  g_autoptr(GError) error = NULL;

  pw_store_exec (store, "PRAGMA cache_size=1", &error);
  g_assert_no_error (error);
  assert_open_store_finds (store, READ_ALL, pgno, victim);
  assert_open_store_finds (store, "PRAGMA wal_checkpoint", pgno, victim);
  g_assert_false (pw_store_verify (store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  assert_page_named (error, pgno);
}

static void
test_wal_frame_open_store (void)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *wal_tampered = NULL;
  gsize wal_len = 0;
  guint victim;
  guint32 pgno;
  PwTestDir td;

  pw_test_dir_init (&td);
  wal = g_strconcat (td.path, "-wal", NULL);
  store = pw_test_create_store (td.path, NULL);
  fill_wal (store);
  victim = damage_row_frame (store, wal, &pgno);
  wal_tampered = pw_test_read_file (wal, &wal_len);
  assert_open_store_finds_damage (store, pgno, victim);

  /* Locking cannot checkpoint past the damage: the log, with every commit
   * after the damaged frame, must stay as it was. */
  pw_store_lock (store);
  g_clear_object (&store);
  pw_test_assert_file_equals (wal, wal_tampered, wal_len);
  assert_unlock_finds_wal_damage (td.path, wal, pgno, victim);

  pw_test_flip_byte (wal, frame_data_offset (victim));
  assert_store_whole (td.path, 315);
  pw_test_dir_clear (&td);
}

/* The child commits in several transactions and is killed without closing,
 * leaving them in the log only. */
static void
commit_and_die (const char *path)
{
  g_autoptr(PwStore) store = pw_test_reopen (path, PW_TEST_PASSPHRASE);
  g_autoptr(GError) error = NULL;

  pw_store_exec (store, "PRAGMA wal_autocheckpoint=0", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    pw_test_create_rows (store, 40, MARKER);
  raise (SIGKILL);
  _exit (1);
}

static void
kill_writer (const char *path)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    commit_and_die (path);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

/* Any frame followed by a commit: recovery reads every frame. */
static guint
pick_frame_before_commit (GArray *frames)
{
  guint last_commit = 0;

  for (guint i = 0; i < frames->len; i++)
    if (g_array_index (frames, PwTestWalFrame, i).commit_size != 0)
      last_commit = i;
  g_assert_cmpuint (last_commit, >=, 2);
  return last_commit / 2;
}

static void
test_wal_frame_after_kill (void)
{
  g_autoptr(GArray) frames = NULL;
  g_autofree char *wal = NULL;
  guint victim;
  guint32 pgno;
  PwTestDir td;

  pw_test_dir_init (&td);
  wal = g_strconcat (td.path, "-wal", NULL);
  make_store (td.path, NULL);
  kill_writer (td.path);

  frames = pw_test_wal_frames (wal);
  victim = pick_frame_before_commit (frames);
  pgno = g_array_index (frames, PwTestWalFrame, victim).pgno;
  g_test_message ("%u frames left by the killed writer; damaging frame %u (page %u)",
                  frames->len, victim + 1, pgno);
  pw_test_flip_byte (wal, frame_data_offset (victim));
  assert_unlock_finds_wal_damage (td.path, wal, pgno, victim);

  pw_test_flip_byte (wal, frame_data_offset (victim));
  assert_store_whole (td.path, N_ROWS + 6 * 40);
  pw_test_dir_clear (&td);
}

/* Envelope ------------------------------------------------------------------------ */

/* One damaged copy: the other still opens the store, and verify says which
 * copy is damaged. */
static void
check_one_copy_damaged (guint copy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *needle = g_strdup_printf ("Copy %c of the store envelope is damaged",
                                             copy == 0 ? 'A' : 'B');
  goffset spot = copy * PW_TEST_ENVELOPE_COPY + PW_TEST_SLOT_AT (0) + 30;
  gsize len = 0;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  pw_test_flip_byte (td.path, spot);
  tampered = pw_test_read_file (td.path, &len);

  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  g_assert_cmpint (pw_test_count_rows (store, "notes"), ==, N_ROWS);
  pw_store_exec (store, READ_ALL, &error);
  g_assert_no_error (error);
  g_assert_false (pw_store_verify (store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  pw_test_assert_message_contains (error, needle);
  g_clear_object (&store);

  /* Repairing the damaged copy would be fine; touching anything else not. */
  pw_test_assert_file_equals_outside (td.path, tampered, len, copy * PW_TEST_ENVELOPE_COPY,
                                      PW_TEST_ENVELOPE_COPY);
  pw_test_dir_clear (&td);
}

static void
test_envelope_copy_a (void)
{
  check_one_copy_damaged (0);
}

static void
test_envelope_copy_b (void)
{
  check_one_copy_damaged (1);
}

static void
test_envelope_both_copies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tampered = NULL;
  PwStoreInfo info;
  PwStore *store;
  gsize len = 0;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, NULL);
  pw_test_flip_byte (td.path, PW_TEST_SLOT_AT (0) + 30);
  pw_test_flip_byte (td.path, PW_TEST_ENVELOPE_COPY + PW_TEST_SLOT_AT (1) + 30);
  tampered = pw_test_read_file (td.path, &len);

  store = pw_store_open (td.path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  pw_test_assert_message_contains (error, "envelope");
  g_clear_error (&error);
  g_assert_false (pw_store_read_info (td.path, &info, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_dir_clear (&td);
}

/* Key slots ------------------------------------------------------------------------ */

static void
set_slot_field (const char *path,
                guint       slot,
                goffset     field,
                guint64     value)
{
  for (guint copy = 0; copy < 2; copy++)
    pw_test_envelope_set_u64 (path, copy, PW_TEST_SLOT_AT (slot) + field, value);
  pw_test_envelope_reseal (path);
}

/* The passphrase slot's cost was edited to another plausible value and the
 * checksums made to match, so only the key can tell. */
static void
check_slot_cost_edit (goffset field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *tampered = NULL;
  guint64 value;
  gsize len = 0;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, &recovery);
  value = pw_test_envelope_get_u64 (td.path, 0, PW_TEST_SLOT_AT (0) + field);
  set_slot_field (td.path, 0, field, field == PW_TEST_SLOT_OPSLIMIT ? value + 1 : value * 2);
  tampered = pw_test_read_file (td.path, &len);

  store = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  /* The edited cost derives a different slot key, and the cost is also bound
   * into the slot's AEAD: the unwrap fails exactly as for a wrong passphrase.
   * Telling the two apart needs the data key, which this slot no longer
   * yields, so WRONG_KEY is the only honest answer here. */
  g_assert_false (pw_store_unlock (store, PW_TEST_PASSPHRASE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  /* The recovery slot yields the data key, whose MAC exposes the edit. */
  g_assert_false (pw_store_unlock_with_recovery (store, recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  pw_test_assert_message_contains (error, "tampered");
  g_assert_true (pw_store_get_locked (store));
  g_clear_object (&store);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_dir_clear (&td);
}

static void
test_slot_opslimit (void)
{
  check_slot_cost_edit (PW_TEST_SLOT_OPSLIMIT);
}

static void
test_slot_memlimit (void)
{
  check_slot_cost_edit (PW_TEST_SLOT_MEMLIMIT);
}

/* Slot 0 holds the passphrase, slot 1 the recovery key. */
static gboolean
unlock_slot (PwStore     *store,
             guint        slot,
             const char  *recovery_key,
             GError     **error)
{
  if (slot == 0)
    return pw_store_unlock (store, PW_TEST_PASSPHRASE, error);
  return pw_store_unlock_with_recovery (store, recovery_key, error);
}

/* A cost no real slot has is refused before any derivation: neither tried
 * (allocating a terabyte, running for days) nor reported as lack of memory. */
static void
check_absurd_cost (guint    slot,
                   goffset  field,
                   guint64  value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *tampered = NULL;
  gint64 start;
  gsize len = 0;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (td.path, &recovery);
  set_slot_field (td.path, slot, field, value);
  tampered = pw_test_read_file (td.path, &len);

  store = pw_store_open (td.path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_false (unlock_slot (store, slot, recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  pw_test_assert_message_contains (error, "tampered");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_true (pw_store_get_locked (store));
  g_clear_error (&error);

  /* The other slot opens, and its MAC check exposes the edit. */
  g_assert_false (unlock_slot (store, 1 - slot, recovery, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  pw_test_assert_message_contains (error, "tampered");
  g_clear_object (&store);

  pw_test_assert_file_equals (td.path, tampered, len);
  pw_test_dir_clear (&td);
}

static void
test_slot_absurd_cost (void)
{
  check_absurd_cost (0, PW_TEST_SLOT_MEMLIMIT, G_GUINT64_CONSTANT (1) << 40);
  check_absurd_cost (0, PW_TEST_SLOT_MEMLIMIT, G_MAXUINT64);
  check_absurd_cost (0, PW_TEST_SLOT_OPSLIMIT, G_GUINT64_CONSTANT (1) << 40);
  check_absurd_cost (1, PW_TEST_SLOT_MEMLIMIT, G_GUINT64_CONSTANT (1) << 40);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tamper/page-one", test_page_one);
  g_test_add_func ("/tamper/middle-page", test_middle_page);
  g_test_add_func ("/tamper/later-errors-not-blamed-on-damage",
                   test_later_errors_not_blamed_on_damage);
  g_test_add_func ("/tamper/swapped-pages", test_swapped_pages);
  g_test_add_func ("/tamper/page-from-other-store", test_page_from_other_store);
  g_test_add_func ("/tamper/wal-frame-open-store", test_wal_frame_open_store);
  g_test_add_func ("/tamper/wal-frame-after-kill", test_wal_frame_after_kill);
  g_test_add_func ("/tamper/envelope-copy-a", test_envelope_copy_a);
  g_test_add_func ("/tamper/envelope-copy-b", test_envelope_copy_b);
  g_test_add_func ("/tamper/envelope-both-copies", test_envelope_both_copies);
  g_test_add_func ("/tamper/slot-opslimit", test_slot_opslimit);
  g_test_add_func ("/tamper/slot-memlimit", test_slot_memlimit);
  g_test_add_func ("/tamper/slot-absurd-cost", test_slot_absurd_cost);

  return g_test_run ();
}
