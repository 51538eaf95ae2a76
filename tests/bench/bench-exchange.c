/* bench-exchange.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exchange benchmark (DESIGN.md, section 6): the whole caseload
 * exported to a validated case file, plain and sealed; one child's case
 * file and PDF summary; the caseload file imported into an empty store,
 * as a dry run and for real.  Demo stores of two sizes are measured side by
 * side, to show how time and memory grow with the caseload.
 *
 *   bench-exchange [--quick] [--only N] [--keep DIR] [--seed S] [--samples K]
 *
 * Each measurement runs in a process forked for it alone: the process
 * opens and unlocks the store (at the minimum key-derivation cost, and
 * untimed), runs the one operation, and sends its timings and its peak
 * resident memory (ru_maxrss) back through a pipe, so that no run's peak
 * hides the next one's.  A process that only opens and unlocks the store
 * gives the baseline each operation's growth is measured from.
 *
 * Targets are reported, never enforced: the exit status says only whether
 * every operation worked and gave what it should (every child exported,
 * every child imported).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-process.h"
#include "bench-workload.h"
#include "pw-caseload.h"
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-record.h"
#include "pw-seal.h"
#include "pw-summary.h"
#include "pw-test-util.h"

#define MAX_SIZES        2
#define DEFAULT_SIZES    { 1000, 10000 }
#define QUICK_SIZES      { 200, 2000 }
#define DEFAULT_SAMPLES  50
#define MAX_SAMPLES      500
#define TODAY            "2026-11-16"   /* the demo data depend on "today" */
#define ACTOR            "Pathway benchmark"
#define EXPORT_SECONDS   5.0
#define SUMMARY_SECONDS  0.1
#define IMPORT_SECONDS   30.0
#define PEAK_MIB         160.0
#define PEAK_RATIO       1.10

typedef enum
{
  OP_FILL,
  OP_OPEN,
  OP_EXPORT,
  OP_EXPORT_SEALED,
  OP_CHILD_XML,
  OP_CHILD_PDF,
  OP_CREATE,
  OP_IMPORT_DRY,
  OP_IMPORT,
  N_OPS
} Op;

/* What a measuring process sends back.  It is smaller than PIPE_BUF, so
 * one write() carries it whole. */
typedef struct
{
  gboolean ok;
  double wall;         /* seconds of the timed call, or the median of samples */
  double cpu;
  double wall_p95;     /* samples only */
  double cpu_p95;
  double wall_first;
  double wall_max;
  gint64 bytes;        /* what the operation wrote; the mean of samples */
  gint64 open_peak_kib;  /* ru_maxrss before the operation */
  gint64 start_kib;    /* resident when the operation starts, or -1 if unknown */
  gint64 peak_kib;     /* ru_maxrss after it: since the start, if start_kib is known */
  guint n;             /* children written, added, or in the store */
  guint n_archived;
  char message[1024];
} Measure;

typedef struct
{
  guint n_children;
  char *store;         /* the demo store */
  char *export_path;   /* the plain caseload file */
  char *sealed_path;
  char *sample_path;   /* one child's file, XML or PDF */
  char *import_store;  /* an empty store to import into */
} Size;

typedef struct
{
  guint n_sizes;
  Size sizes[MAX_SIZES];
  gboolean have[N_OPS][MAX_SIZES];
  Measure results[N_OPS][MAX_SIZES];
  GPtrArray *notes;
  gboolean ok;
} Run;

typedef gboolean (*OpFunc) (const Size *size, Measure *m, GError **error);

typedef struct
{
  double wall;
  double cpu;
} Stopwatch;

static const char *const op_names[N_OPS] = {
  "demo fill", "open (baseline)", "caseload export", "sealed caseload export",
  "one child to XML", "one child to PDF", "empty store (baseline)", "import, dry run",
  "import",
};

static guint seed = BENCH_DEFAULT_SEED;
static gboolean quick;
static guint only;
static char *keep_dir;
static guint n_samples = DEFAULT_SAMPLES;

static const GOptionEntry options[] = {
  { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "200 and 2,000 children", NULL },
  { "only", 0, 0, G_OPTION_ARG_INT, &only, "One store size only", "N" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir,
    "Keep the demo stores in DIR and reuse them in later runs", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the demo data", "SEED" },
  { "samples", 0, 0, G_OPTION_ARG_INT, &n_samples,
    "Children to time one by one (50)", "K" },
  { NULL }
};

/* Clocks ---------------------------------------------------------------------- */

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static Stopwatch
stopwatch_start (void)
{
  return (Stopwatch) { g_get_monotonic_time () / (double) G_USEC_PER_SEC, cpu_now () };
}

static Stopwatch
stopwatch_read (Stopwatch start)
{
  return (Stopwatch) { g_get_monotonic_time () / (double) G_USEC_PER_SEC - start.wall,
                       cpu_now () - start.cpu };
}

static void
stopwatch_stop (Stopwatch  start,
                Measure   *m)
{
  Stopwatch elapsed = stopwatch_read (start);

  m->wall = elapsed.wall;
  m->cpu = elapsed.cpu;
}

static gint64
peak_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Sets the peak resident memory back to what the process holds now (Linux
 * 4.0 and later), so that the peak read after the operation is the
 * operation's own; returns that in KiB, or -1 when it cannot. */
static gint64
reset_peak (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  gboolean ok = fd >= 0 && write (fd, "5", 1) == 1;

  if (fd >= 0)
    close (fd);
  return ok ? peak_kib () : -1;
}

/* Just before the clock starts. */
static void
begin_operation (Measure *m)
{
  m->open_peak_kib = peak_kib ();
  m->start_kib = reset_peak ();
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile @p of @values, which it sorts. */
static double
percentile (double *values,
            guint   n,
            double  p)
{
  guint rank = (guint) (p * n + 0.999999);

  qsort (values, n, sizeof *values, compare_doubles);
  return values[CLAMP (rank, 1, n) - 1];
}

/* Stores ---------------------------------------------------------------------- */

static PwCaseload *
caseload_for (PwStore  *store,
              GError  **error)
{
  PwCaseload *caseload;

  if (store == NULL)
    return NULL;
  caseload = pw_caseload_new (store, error);
  if (caseload != NULL)
    pw_caseload_set_actor (caseload, ACTOR);
  return caseload;
}

static PwCaseload *
open_caseload (const char  *path,
               GError     **error)
{
  g_autoptr(PwStore) store = pw_store_open (path, error);

  if (store != NULL && !pw_store_unlock (store, PW_TEST_PASSPHRASE, error))
    return NULL;
  return caseload_for (store, error);
}

/* A new store at the cheapest key-derivation cost the test build accepts,
 * so that Argon2id stays out of the timings and out of the peak memory. */
static PwCaseload *
create_caseload (const char  *path,
                 GError     **error)
{
  g_autofree char *recovery = NULL;
  g_autoptr(PwStore) store = pw_store_create (path, PW_TEST_PASSPHRASE, pw_test_cost (),
                                              &recovery, error);

  return caseload_for (store, error);
}

/* Operations: each runs in a process of its own ------------------------------- */

static gboolean
op_fill (const Size  *size,
         Measure     *m,
         GError     **error)
{
  g_autoptr(PwCaseload) caseload = create_caseload (size->store, error);
  Stopwatch start;

  if (caseload == NULL)
    return FALSE;
  pw_caseload_set_actor (caseload, "Pathway demo");
  start = stopwatch_start ();
  if (!pw_demo_fill (caseload, size->n_children, seed, error))
    return FALSE;
  stopwatch_stop (start, m);
  m->peak_kib = peak_kib ();
  m->n = size->n_children;
  return TRUE;
}

static gboolean
op_open (const Size  *size,
         Measure     *m,
         GError     **error)
{
  g_autoptr(PwCaseload) caseload = open_caseload (size->store, error);
  PwCaseloadStats stats;

  if (caseload == NULL)
    return FALSE;
  m->peak_kib = peak_kib ();
  if (!pw_caseload_get_stats (caseload, &stats, error))
    return FALSE;
  m->n = stats.children;
  m->n_archived = stats.archived;
  m->bytes = bench_files_size (size->store);
  return TRUE;
}

/* The store's signing key is made the first time it is asked for; make it
 * before the clock starts, so that every run times the same work. */
static gboolean
prepare_seal (PwCaseload  *caseload,
              guint8      *recipient_pk,
              GError     **error)
{
  guint8 recipient_sk[crypto_box_SECRETKEYBYTES];
  guint8 signing_sk[PW_SEAL_SIGNING_KEY_BYTES], signing_pk[PW_SEAL_SIGNER_KEY_BYTES];
  gboolean ok;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "libsodium could not be initialised");
      return FALSE;
    }
  crypto_box_keypair (recipient_pk, recipient_sk);
  ok = pw_caseload_get_signing_key (caseload, signing_sk, signing_pk, error);
  sodium_memzero (recipient_sk, sizeof recipient_sk);
  sodium_memzero (signing_sk, sizeof signing_sk);
  return ok;
}

static gboolean
export_caseload (const Size  *size,
                 gboolean     sealed,
                 Measure     *m,
                 GError     **error)
{
  g_autoptr(PwCaseload) caseload = open_caseload (size->store, error);
  g_autoptr(PwExportScope) scope = pw_export_scope_new_all (FALSE);
  const char *path = sealed ? size->sealed_path : size->export_path;
  guint8 recipient_pk[crypto_box_PUBLICKEYBYTES];
  Stopwatch start;

  if (caseload == NULL || (sealed && !prepare_seal (caseload, recipient_pk, error)))
    return FALSE;
  begin_operation (m);
  start = stopwatch_start ();
  if (!pw_export_to_file (caseload, scope, path, sealed ? recipient_pk : NULL, &m->n, error))
    return FALSE;
  stopwatch_stop (start, m);
  m->peak_kib = peak_kib ();
  m->bytes = file_size (path);
  return TRUE;
}

static gboolean
op_export (const Size  *size,
           Measure     *m,
           GError     **error)
{
  return export_caseload (size, FALSE, m, error);
}

static gboolean
op_export_sealed (const Size  *size,
                  Measure     *m,
                  GError     **error)
{
  return export_caseload (size, TRUE, m, error);
}

/* @n children not archived, spread evenly over the store. */
static GArray *
pick_children (PwCaseload  *caseload,
               guint        n,
               GError     **error)
{
  PwStore *store = pw_caseload_get_store (caseload);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 count = 0;

  if (!pw_test_query_int64 (store, "SELECT count(*) FROM child WHERE archived_on IS NULL",
                            &count, error))
    return NULL;
  for (guint i = 0; i < MIN (n, count); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM child WHERE archived_on IS NULL "
                                              "ORDER BY id LIMIT 1 OFFSET %" G_GINT64_FORMAT,
                                              i * count / MIN (n, count));
      gint64 id;

      if (!pw_test_query_int64 (store, sql, &id, error))
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static gboolean
export_child (PwCaseload  *caseload,
              gint64       id,
              const char  *path,
              GError     **error)
{
  g_autoptr(PwExportScope) scope = pw_export_scope_new_children (&id, 1);
  guint n = 0;

  if (!pw_export_to_file (caseload, scope, path, NULL, &n, error))
    return FALSE;
  if (n != 1)
    {
      g_set_error (error, BENCH_ERROR, 0, "Child %" G_GINT64_FORMAT ": %u children exported",
                   id, n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_summary (PwCaseload  *caseload,
               gint64       id,
               const char  *path,
               GError     **error)
{
  g_autoptr(PwSummary) summary = pw_summary_new (caseload, id, error);

  return summary != NULL && pw_summary_write_pdf (summary, path, error);
}

static void
summarize_samples (double   *walls,
                   double   *cpus,
                   guint     n,
                   Measure  *m)
{
  m->wall_first = walls[0];
  m->wall = percentile (walls, n, 0.5);
  m->wall_p95 = percentile (walls, n, 0.95);
  m->wall_max = walls[n - 1];
  m->cpu = percentile (cpus, n, 0.5);
  m->cpu_p95 = percentile (cpus, n, 0.95);
  m->n = n;
}

static gboolean
time_children (const Size  *size,
               gboolean     pdf,
               Measure     *m,
               GError     **error)
{
  g_autoptr(PwCaseload) caseload = open_caseload (size->store, error);
  g_autoptr(GArray) ids = NULL;
  double walls[MAX_SAMPLES], cpus[MAX_SAMPLES];
  gint64 bytes = 0;

  if (caseload == NULL || (ids = pick_children (caseload, n_samples, error)) == NULL)
    return FALSE;
  begin_operation (m);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      Stopwatch start = stopwatch_start (), elapsed;

      if (!(pdf ? write_summary : export_child) (caseload, id, size->sample_path, error))
        return FALSE;
      elapsed = stopwatch_read (start);
      walls[i] = elapsed.wall;
      cpus[i] = elapsed.cpu;
      bytes += file_size (size->sample_path);
    }
  m->peak_kib = peak_kib ();
  if (ids->len == 0)
    {
      g_set_error_literal (error, BENCH_ERROR, 0, "The store has no child to time");
      return FALSE;
    }
  summarize_samples (walls, cpus, ids->len, m);
  m->bytes = bytes / ids->len;
  return TRUE;
}

static gboolean
op_child_xml (const Size  *size,
              Measure     *m,
              GError     **error)
{
  return time_children (size, FALSE, m, error);
}

static gboolean
op_child_pdf (const Size  *size,
              Measure     *m,
              GError     **error)
{
  return time_children (size, TRUE, m, error);
}

static gboolean
op_create (const Size  *size,
           Measure     *m,
           GError     **error)
{
  g_autoptr(PwCaseload) caseload = create_caseload (size->import_store, error);

  if (caseload == NULL)
    return FALSE;
  m->peak_kib = peak_kib ();
  return TRUE;
}

static gboolean
check_import (PwCaseload      *caseload,
              PwImportReport  *report,
              gboolean         dry_run,
              GError         **error)
{
  PwCaseloadStats stats;

  if (report->n_refused > 0)
    {
      g_set_error (error, BENCH_ERROR, 0, "%u children refused", report->n_refused);
      return FALSE;
    }
  if (report->applied == dry_run || report->n_merged > 0)
    {
      g_set_error (error, BENCH_ERROR, 0, "Import %s, %u children merged",
                   report->applied ? "applied" : "not applied", report->n_merged);
      return FALSE;
    }
  if (!pw_caseload_get_stats (caseload, &stats, error))
    return FALSE;
  if (stats.children != (dry_run ? 0 : report->n_added))
    {
      g_set_error (error, BENCH_ERROR, 0, "%u children added, but the store holds %u",
                   report->n_added, stats.children);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_caseload (const Size  *size,
                 gboolean     dry_run,
                 Measure     *m,
                 GError     **error)
{
  g_autoptr(PwCaseload) caseload = create_caseload (size->import_store, error);
  g_autoptr(PwImportReport) report = NULL;
  Stopwatch start;

  if (caseload == NULL)
    return FALSE;
  begin_operation (m);
  start = stopwatch_start ();
  report = pw_import_file (caseload, size->export_path, dry_run, error);
  if (report == NULL)
    return FALSE;
  stopwatch_stop (start, m);
  m->peak_kib = peak_kib ();
  m->n = report->n_added;
  return check_import (caseload, report, dry_run, error);
}

static gboolean
op_import_dry (const Size  *size,
               Measure     *m,
               GError     **error)
{
  return import_caseload (size, TRUE, m, error);
}

static gboolean
op_import (const Size  *size,
           Measure     *m,
           GError     **error)
{
  return import_caseload (size, FALSE, m, error);
}

static const OpFunc op_funcs[N_OPS] = {
  op_fill, op_open, op_export, op_export_sealed, op_child_xml, op_child_pdf, op_create,
  op_import_dry, op_import,
};

/* Processes ------------------------------------------------------------------- */

/* In the forked process: never returns. */
G_GNUC_NORETURN static void
child_main (Op          op,
            const Size *size,
            int         fd)
{
  GError *error = NULL;
  Measure m = { .start_kib = -1 };

  m.ok = op_funcs[op] (size, &m, &error);
  if (!m.ok)
    g_strlcpy (m.message, error != NULL ? error->message : "failed, with no message",
               sizeof m.message);
  _exit (bench_write_all (fd, &m, sizeof m) ? 0 : 1);
}

/* Forks the process that runs @op; returns its id and the pipe's end it
 * writes its Measure to, or -1. */
static pid_t
start_process (Op           op,
               const Size  *size,
               int         *fd,
               GError     **error)
{
  int fds[2];
  pid_t pid;

  if (pipe (fds) != 0)
    {
      g_set_error (error, BENCH_ERROR, 0, "pipe: %s", g_strerror (errno));
      return -1;
    }
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      child_main (op, size, fds[1]);
    }
  close (fds[1]);
  if (pid < 0)
    {
      close (fds[0]);
      g_set_error (error, BENCH_ERROR, 0, "fork: %s", g_strerror (errno));
      return -1;
    }
  *fd = fds[0];
  return pid;
}

static gboolean
measure (Op          op,
         const Size *size,
         Measure    *m,
         GError    **error)
{
  gboolean exited;
  gsize got;
  pid_t pid;
  int fd;

  memset (m, 0, sizeof *m);
  pid = start_process (op, size, &fd, error);
  if (pid < 0)
    return FALSE;
  g_printerr ("%s, %u children (process %d)…\n", op_names[op], size->n_children, (int) pid);
  got = bench_read_all (fd, m, sizeof *m);
  close (fd);
  exited = bench_wait_child (pid, error);
  if (exited && got != sizeof *m)
    g_set_error_literal (error, BENCH_ERROR, 0, "the measuring process sent nothing back");
  if (!exited || got != sizeof *m)
    return FALSE;
  if (!m->ok)
    g_set_error_literal (error, BENCH_ERROR, 0, m->message);
  return m->ok;
}

/* Runs ------------------------------------------------------------------------ */

static gboolean
uses_import_store (Op op)
{
  return op == OP_CREATE || op == OP_IMPORT_DRY || op == OP_IMPORT;
}

static gboolean
needs_demo_store (Op op)
{
  return op != OP_FILL && op != OP_OPEN && op != OP_CREATE;
}

/* The exports and imports must have written and read every child. */
static gboolean
check_count (Run     *run,
             Op       op,
             guint    s,
             GError **error)
{
  const Measure *m = &run->results[op][s];
  const char *what;
  guint expected;

  switch (op)
    {
    case OP_EXPORT:
    case OP_EXPORT_SEALED:
      expected = run->results[OP_OPEN][s].n;
      what = "exported";
      break;
    case OP_IMPORT_DRY:
    case OP_IMPORT:
      expected = run->results[OP_EXPORT][s].n;
      what = "to add";
      break;
    default:
      return TRUE;
    }
  if (m->n == expected)
    return TRUE;
  g_set_error (error, BENCH_ERROR, 0, "%u children %s of %u", m->n, what, expected);
  return FALSE;
}

static gboolean
check_result (Run     *run,
              Op       op,
              guint    s,
              GError **error)
{
  const Measure *m = &run->results[op][s];
  const Size *size = &run->sizes[s];

  if (op == OP_OPEN && m->n + m->n_archived != size->n_children)
    {
      g_set_error (error, BENCH_ERROR, 0, "%s holds %u children, not %u: remove it, or keep "
                   "the stores in another folder", size->store, m->n + m->n_archived,
                   size->n_children);
      return FALSE;
    }
  return check_count (run, op, s, error);
}

static void
note_failure (Run          *run,
              Op            op,
              const Size   *size,
              const GError *error)
{
  char *note = g_strdup_printf ("**FAILED**: %s, %u children: %s", op_names[op],
                                size->n_children, error->message);

  g_printerr ("%s\n", note);
  g_ptr_array_add (run->notes, note);
  run->ok = FALSE;
}

static void
print_progress (const Measure *m)
{
  g_printerr ("  %.3f s, CPU %.3f s, peak %.1f MiB\n", m->wall, m->cpu,
              MAX (m->open_peak_kib, m->peak_kib) / 1024.0);
}

static void
run_op (Run   *run,
        Op     op,
        guint  s)
{
  g_autoptr(GError) error = NULL;
  const Size *size = &run->sizes[s];
  gboolean ok;

  if (needs_demo_store (op) && !run->have[OP_OPEN][s])
    return;
  if ((op == OP_IMPORT || op == OP_IMPORT_DRY) && !run->have[OP_EXPORT][s])
    return;
  if (uses_import_store (op))
    bench_remove_files (size->import_store);
  ok = measure (op, size, &run->results[op][s], &error) && check_result (run, op, s, &error);
  /* Once closed: a store in the middle of its transaction has it all in its log too. */
  if (ok && op == OP_IMPORT)
    run->results[op][s].bytes = bench_files_size (size->import_store);
  if (uses_import_store (op))
    bench_remove_files (size->import_store);
  if (!ok)
    {
      note_failure (run, op, size, error);
      return;
    }
  run->have[op][s] = TRUE;
  print_progress (&run->results[op][s]);
}

/* A store left by an earlier run with --keep is used as it is; the
 * baseline then checks that it holds the children it should. */
static void
prepare_store (Run   *run,
               guint  s)
{
  const Size *size = &run->sizes[s];

  if (g_file_test (size->store, G_FILE_TEST_EXISTS))
    {
      g_printerr ("Using the demo store %s\n", size->store);
      return;
    }
  run_op (run, OP_FILL, s);
  if (!run->have[OP_FILL][s])
    bench_remove_files (size->store);
  else
    run->results[OP_FILL][s].bytes = bench_files_size (size->store);
}

static void
run_all (Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    prepare_store (run, s);
  for (Op op = OP_OPEN; op < N_OPS; op++)
    for (guint s = 0; s < run->n_sizes; s++)
      run_op (run, op, s);
}

/* DIR/STEM-N.EXTENSION */
static char *
path_in (const char *dir,
         const char *stem,
         guint       n,
         const char *extension)
{
  g_autofree char *file = g_strdup_printf ("%s-%u.%s", stem, n, extension);

  return g_build_filename (dir, file, NULL);
}

static void
size_init (Size       *size,
           guint       n,
           const char *store_dir,
           const char *work)
{
  g_autofree char *store = g_strdup_printf ("demo-%u-seed-%u.pathway", n, seed);

  size->n_children = n;
  size->store = g_build_filename (store_dir, store, NULL);
  size->export_path = path_in (work, "caseload", n, "xml");
  size->sealed_path = path_in (work, "caseload", n, "sealed");
  size->sample_path = path_in (work, "one-child", n, "out");
  size->import_store = path_in (work, "import", n, "pathway");
}

static void
size_clear (Size *size)
{
  g_free (size->store);
  g_free (size->export_path);
  g_free (size->sealed_path);
  g_free (size->sample_path);
  g_free (size->import_store);
}

static void
run_init (Run        *run,
          const char *store_dir,
          const char *work)
{
  const guint defaults[MAX_SIZES] = DEFAULT_SIZES, quicks[MAX_SIZES] = QUICK_SIZES;

  memset (run, 0, sizeof *run);
  run->ok = TRUE;
  run->notes = g_ptr_array_new_with_free_func (g_free);
  run->n_sizes = only != 0 ? 1 : MAX_SIZES;
  for (guint s = 0; s < run->n_sizes; s++)
    size_init (&run->sizes[s], only != 0 ? only : quick ? quicks[s] : defaults[s], store_dir,
               work);
}

static void
run_clear (Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    size_clear (&run->sizes[s]);
  g_clear_pointer (&run->notes, g_ptr_array_unref);
}

/* The table -------------------------------------------------------------------- */

typedef struct
{
  Op op;
  Op baseline;            /* N_OPS: none */
  const char *label;
  double target_seconds;  /* 0: none */
  gboolean peak_target;
} Row;

static const Row rows[] = {
  { OP_FILL, N_OPS, "demo store made: pw_demo_fill (output: the store)", 0, FALSE },
  { OP_OPEN, N_OPS, "baseline: open, unlock, pw_caseload_new (output: the store)", 0, FALSE },
  { OP_EXPORT, OP_OPEN, "caseload to validated XML: pw_export_to_file, plain", EXPORT_SECONDS,
    TRUE },
  { OP_EXPORT_SEALED, OP_OPEN, "caseload sealed to a recipient: pw_export_to_file with a key",
    EXPORT_SECONDS, TRUE },
  { OP_CHILD_XML, OP_OPEN, "one child to XML: pw_export_to_file, scope of one child",
    SUMMARY_SECONDS, FALSE },
  { OP_CHILD_PDF, OP_OPEN, "one child's PDF summary: pw_summary_new + pw_summary_write_pdf",
    SUMMARY_SECONDS, FALSE },
  { OP_CREATE, N_OPS, "baseline: empty store created, pw_caseload_new", 0, FALSE },
  { OP_IMPORT_DRY, OP_CREATE, "caseload file into the empty store, dry run: pw_import_file",
    0, FALSE },
  { OP_IMPORT, OP_CREATE, "caseload file into the empty store: pw_import_file (output: the store)",
    IMPORT_SECONDS,
    FALSE },
};

static gboolean
is_sampled (Op op)
{
  return op == OP_CHILD_XML || op == OP_CHILD_PDF;
}

static double
mib (gint64 bytes)
{
  return bytes / (1024.0 * 1024.0);
}

/* The process's peak, opening included. */
static double
peak_mib (const Measure *m)
{
  return MAX (m->open_peak_kib, m->peak_kib) / 1024.0;
}

/* The operation's peak less what the process held when it started. */
static double
own_growth_mib (const Measure *m)
{
  return (m->peak_kib - m->start_kib) / 1024.0;
}

static char *
format_own_growth (const Measure *m)
{
  if (m->start_kib < 0)
    return g_strdup ("–");
  return g_strdup_printf ("%+.1f", own_growth_mib (m));
}

/* 10,000 */
static char *
format_count (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);
}

static char *
format_seconds (double seconds)
{
  return g_strdup_printf (seconds < 0.1 ? "%.4f" : "%.3f", seconds);
}

static char *
format_bytes (gint64 bytes)
{
  if (bytes <= 0)
    return g_strdup ("–");
  if (bytes < 1024 * 1024)
    return g_strdup_printf ("%.1f KiB", bytes / 1024.0);
  return g_strdup_printf ("%.1f MiB", mib (bytes));
}

static char *
format_growth (const Run *run,
               const Row *row,
               guint      s)
{
  if (row->baseline == N_OPS || !run->have[row->baseline][s])
    return g_strdup ("–");
  return g_strdup_printf ("%+.1f", peak_mib (&run->results[row->op][s]) -
                          peak_mib (&run->results[row->baseline][s]));
}

static char *
format_target (const Row *row)
{
  if (row->target_seconds <= 0)
    return g_strdup ("–");
  if (row->peak_target)
    return g_strdup_printf ("< %g s, peak < %g MiB", row->target_seconds, PEAK_MIB);
  return g_strdup_printf ("< %g s", row->target_seconds);
}

static const char *
verdict (const Row     *row,
         const Measure *m,
         double         seconds)
{
  gboolean over;

  if (row->target_seconds <= 0)
    return "";
  over = seconds >= row->target_seconds || (row->peak_target && peak_mib (m) >= PEAK_MIB);
  return over ? "**over**" : "ok";
}

static void
print_line (const Row     *row,
            const char    *label,
            guint          n,
            double         wall,
            double         cpu,
            const char    *peak,
            const char    *growth,
            const char    *own,
            const char    *output,
            const Measure *m)
{
  g_autofree char *count = format_count (n);
  g_autofree char *wall_text = format_seconds (wall);
  g_autofree char *cpu_text = format_seconds (cpu);
  g_autofree char *target = format_target (row);

  g_print ("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label, count,
           row->op == OP_OPEN || row->op == OP_CREATE ? "–" : wall_text,
           row->op == OP_OPEN || row->op == OP_CREATE ? "–" : cpu_text, peak, growth, own,
           output, target, verdict (row, m, wall));
}

static void
print_row (const Run *run,
           const Row *row,
           guint      s)
{
  const Measure *m = &run->results[row->op][s];
  g_autofree char *peak = g_strdup_printf ("%.1f", peak_mib (m));
  g_autofree char *growth = format_growth (run, row, s);
  g_autofree char *own = format_own_growth (m);
  g_autofree char *output = format_bytes (m->bytes);
  g_autofree char *median = NULL;
  g_autofree char *p95 = NULL;

  if (!run->have[row->op][s])
    return;
  if (!is_sampled (row->op))
    {
      print_line (row, row->label, run->sizes[s].n_children, m->wall, m->cpu, peak, growth, own,
                  output, m);
      return;
    }
  median = g_strdup_printf ("%s: median of %u children", row->label, m->n);
  p95 = g_strdup_printf ("· the same: 95th percentile of %u (slowest %.4f s)", m->n,
                         m->wall_max);
  print_line (row, median, run->sizes[s].n_children, m->wall, m->cpu, peak, growth, own, output,
              m);
  print_line (row, p95, run->sizes[s].n_children, m->wall_p95, m->cpu_p95, "", "", "", "", m);
}

static void
print_table (const Run *run)
{
  g_print ("| operation | N | wall s | CPU s | peak MiB | growth over baseline MiB "
           "| growth during the operation MiB | output | target | verdict |\n"
           "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint s = 0; s < run->n_sizes; s++)
      print_row (run, &rows[r], s);
  g_print ("\n");
}

static char *
cpu_model (void)
{
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name") && strchr (lines[i], ':') != NULL)
      return g_strstrip (g_strdup (strchr (lines[i], ':') + 1));
  return g_strdup ("unknown CPU");
}

static void
print_intro (void)
{
  g_autofree char *cpu = cpu_model ();

  g_print ("## Exchange: caseload export, one child's summary, import\n\n"
           "Demo stores made by pw_demo_fill (seed %u, today pinned to %s); %u CPUs (%s). "
           "Each row is one process forked for it alone: it opens and unlocks the store "
           "(minimum Argon2id cost, not timed), runs the operation once, or once for each of "
           "%u children spread evenly over the store, and reports its own peak resident "
           "memory (ru_maxrss, which counts the program and its libraries). Growth over the "
           "baseline is that peak less the peak of the baseline process for the same store; "
           "growth during the operation is the peak while it ran (the high-water mark is set "
           "back through /proc/self/clear_refs just before it starts) less what the process "
           "held when it started. Wall and CPU "
           "seconds are of the operation alone; a file is written to a temporary name, "
           "synced and renamed. The stores are in the system's file cache. The import reads "
           "the plain caseload file of the same N into a new, empty store.\n\n",
           seed, TODAY, g_get_num_processors (), cpu, n_samples);
}

/* Ratios ----------------------------------------------------------------------- */

static const Measure *
result (const Run *run,
        Op         op,
        guint      s)
{
  return s < run->n_sizes && run->have[op][s] ? &run->results[op][s] : NULL;
}

static void
print_peak_ratio (const Run  *run,
                  Op          op,
                  const char *what,
                  gboolean    with_target)
{
  const Measure *small = result (run, op, 0), *big = result (run, op, 1);
  const Measure *base_small = result (run, op == OP_IMPORT ? OP_CREATE : OP_OPEN, 0);
  const Measure *base_big = result (run, op == OP_IMPORT ? OP_CREATE : OP_OPEN, 1);
  g_autofree char *n_small = format_count (run->sizes[0].n_children);
  g_autofree char *n_big = format_count (run->sizes[1].n_children);
  double ratio;

  if (small == NULL || big == NULL)
    return;
  ratio = peak_mib (big) / peak_mib (small);
  g_print ("- Peak memory of the %s, %s vs %s children: %.1f vs %.1f MiB = %.3f×", what, n_big,
           n_small, peak_mib (big), peak_mib (small), ratio);
  if (with_target)
    g_print (" (target ≤ %.2f×): %s", PEAK_RATIO, ratio <= PEAK_RATIO ? "ok" : "**over**");
  if (base_small != NULL && base_big != NULL)
    g_print ("; over the baseline %+.1f vs %+.1f MiB", peak_mib (big) - peak_mib (base_big),
             peak_mib (small) - peak_mib (base_small));
  if (big->start_kib >= 0 && small->start_kib >= 0)
    g_print ("; during the operation alone %+.1f vs %+.1f MiB", own_growth_mib (big),
             own_growth_mib (small));
  g_print (".\n");
}

static void
print_sealed_ratio (const Run *run,
                    guint      s)
{
  const Measure *plain = result (run, OP_EXPORT, s);
  const Measure *sealed = result (run, OP_EXPORT_SEALED, s);
  g_autofree char *n = format_count (run->sizes[s].n_children);

  if (plain == NULL || sealed == NULL)
    return;
  g_print ("- Sealed vs plain export, %s children: wall %.3f×, CPU %.3f×, file %.4f×, "
           "peak memory %+.1f MiB.\n", n, sealed->wall / plain->wall, sealed->cpu / plain->cpu,
           (double) sealed->bytes / plain->bytes, peak_mib (sealed) - peak_mib (plain));
}

static void
print_scaling (const Run  *run,
               Op          op,
               const char *what)
{
  const Measure *small = result (run, op, 0), *big = result (run, op, 1);
  g_autofree char *n_small = NULL;
  g_autofree char *n_big = NULL;
  double factor;

  if (small == NULL || big == NULL)
    return;
  factor = (double) run->sizes[1].n_children / run->sizes[0].n_children;
  n_small = format_count (run->sizes[0].n_children);
  n_big = format_count (run->sizes[1].n_children);
  g_print ("- %s per child: %.3f ms at %s children, %.3f ms at %s (%.2f× the time for %.0f× "
           "the children; CPU %.2f×); %.1f MiB/s of case file at %s.\n", what,
           small->wall * 1000 / run->sizes[0].n_children, n_small,
           big->wall * 1000 / run->sizes[1].n_children, n_big, big->wall / small->wall, factor,
           big->cpu / small->cpu, mib (run->results[OP_EXPORT][1].bytes) / big->wall, n_big);
}

static void
print_dry_ratio (const Run *run,
                 guint      s)
{
  const Measure *dry = result (run, OP_IMPORT_DRY, s), *real = result (run, OP_IMPORT, s);
  g_autofree char *n = format_count (run->sizes[s].n_children);

  if (dry != NULL && real != NULL)
    g_print ("- Import dry run vs real run, %s children: wall %.3f×, CPU %.3f×.\n", n,
             dry->wall / real->wall, dry->cpu / real->cpu);
}

static void
print_firsts (const Run *run)
{
  for (guint s = 0; s < run->n_sizes; s++)
    {
      const Measure *xml = result (run, OP_CHILD_XML, s), *pdf = result (run, OP_CHILD_PDF, s);
      g_autofree char *xml_bytes = NULL;
      g_autofree char *pdf_bytes = NULL;
      g_autofree char *n = NULL;

      if (xml == NULL || pdf == NULL)
        continue;
      xml_bytes = format_bytes (xml->bytes);
      pdf_bytes = format_bytes (pdf->bytes);
      n = format_count (run->sizes[s].n_children);
      g_print ("- The first of the one-child samples at %s children (cold caches; the PDF's "
               "includes loading fonts): XML %.4f s, PDF %.4f s; mean output %s and %s.\n",
               n, xml->wall_first, pdf->wall_first, xml_bytes,
               pdf_bytes);
    }
}

static void
print_ratios (const Run *run)
{
  g_print ("Ratios and notes (informational: a miss never fails the program):\n\n");
  print_peak_ratio (run, OP_EXPORT, "plain caseload export", TRUE);
  print_peak_ratio (run, OP_EXPORT_SEALED, "sealed caseload export", TRUE);
  print_peak_ratio (run, OP_IMPORT, "import", FALSE);
  for (guint s = 0; s < run->n_sizes; s++)
    print_sealed_ratio (run, s);
  print_scaling (run, OP_EXPORT, "Plain export");
  print_scaling (run, OP_IMPORT, "Import");
  for (guint s = 0; s < run->n_sizes; s++)
    print_dry_ratio (run, s);
  print_firsts (run);
  g_print ("- Not counted in any row: unlocking. A real store's Argon2id (at least libsodium's "
           "INTERACTIVE cost, 64 MiB) would raise every process's peak by about its memory "
           "limit while unlocking, before the operation runs.\n");
  for (guint i = 0; i < run->notes->len; i++)
    g_print ("- %s\n", (const char *) g_ptr_array_index (run->notes, i));
}

/* Main ------------------------------------------------------------------------- */

static gboolean
parse_options (int      *argc,
               char   ***argv,
               GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- exchange benchmark");

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (only > PW_DEMO_MAX_CHILDREN)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--only: at most %d children", PW_DEMO_MAX_CHILDREN);
      return FALSE;
    }
  if (n_samples == 0 || n_samples > MAX_SAMPLES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--samples: between 1 and %d", MAX_SAMPLES);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  g_autofree char *store_dir = NULL;
  Run run;
  gboolean ok;

  bench_init_output ();
  if (!parse_options (&argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  store_dir = bench_make_dirs ("pathway-bench-exchange-XXXXXX", keep_dir, &work, &error);
  if (store_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Set before any process is forked, so that all of them share it. */
  pw_set_today (TODAY);
  run_init (&run, store_dir, work);
  run_all (&run);
  print_intro ();
  print_table (&run);
  print_ratios (&run);
  ok = run.ok;
  run_clear (&run);
  bench_remove_dir (work);
  if (!ok)
    g_printerr ("The benchmark did not complete: see the failures above\n");
  return ok ? 0 : 1;
}
