/* bench-workload.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Workload W of the store benchmark, on any engine that hands out an
 * sqlite3 connection.
 *
 * Until the records schema lands, a bench schema of the same shape stands in
 * for it: children, level changes, cycles with outcomes, ratings, provisions
 * and sessions, agency contributions and notes, each with a UUID and audit
 * columns, foreign keys indexed, and a full-text index over names, UPN,
 * notes and contribution text kept current by triggers.  The full-text index
 * is FTS4: SQLCipher 3.4.1 as Debian builds it has no FTS5, and every engine
 * must run the same statements.
 *
 * The data come from a GRand with a fixed seed, so every engine stores the
 * same bytes; a checksum over every value the loads and searches return
 * shows that every engine did the same work.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-workload.h"

#define META_COLUMNS "uuid, created_at, created_by, updated_at, "
#define META_VALUES  "?, ?, ?, ?, "
#define N_META       4

const int bench_cache_kib[BENCH_N_CACHES] = { 65536, 2000 };

G_DEFINE_QUARK (bench-error-quark, bench_error)

/* Schema --------------------------------------------------------------------- */

#define AUDIT \
  "id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, " \
  "created_by TEXT NOT NULL, updated_at TEXT NOT NULL, "

static const char schema_sql[] =
  "CREATE TABLE children (" AUDIT
  "  given_name TEXT NOT NULL, family_name TEXT NOT NULL, preferred_name TEXT,"
  "  date_of_birth TEXT NOT NULL, upn TEXT NOT NULL UNIQUE,"
  "  gender TEXT NOT NULL CHECK (gender IN ('F', 'M', 'X')), year_group TEXT NOT NULL,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4), setting_urn TEXT NOT NULL,"
  "  lead_worker TEXT, archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)));"
  "CREATE INDEX children_by_name ON children (family_name, given_name);"
  "CREATE INDEX children_by_level ON children (level, archived);"
  "CREATE INDEX children_by_lead ON children (lead_worker);"
  "CREATE TABLE level_changes (" AUDIT
  "  child_id INTEGER NOT NULL REFERENCES children (id), changed_on TEXT NOT NULL,"
  "  from_level INTEGER CHECK (from_level BETWEEN 1 AND 4),"
  "  to_level INTEGER NOT NULL CHECK (to_level BETWEEN 1 AND 4),"
  "  reason TEXT NOT NULL, route TEXT NOT NULL, decided_by TEXT NOT NULL);"
  "CREATE INDEX level_changes_by_child ON level_changes (child_id, changed_on);"
  "CREATE TABLE cycles (" AUDIT
  "  child_id INTEGER NOT NULL REFERENCES children (id), number INTEGER NOT NULL,"
  "  stage TEXT NOT NULL CHECK (stage IN ('assess', 'plan', 'do', 'review', 'closed')),"
  "  opened_on TEXT NOT NULL, review_due TEXT NOT NULL, closed_on TEXT,"
  "  assess TEXT, plan TEXT, do_notes TEXT, review TEXT, decision TEXT,"
  "  UNIQUE (child_id, number));"
  "CREATE TABLE outcomes (" AUDIT
  "  cycle_id INTEGER NOT NULL REFERENCES cycles (id), position INTEGER NOT NULL,"
  "  need_area TEXT NOT NULL, need_type TEXT NOT NULL, description TEXT NOT NULL,"
  "  success_criteria TEXT NOT NULL);"
  "CREATE INDEX outcomes_by_cycle ON outcomes (cycle_id, position);"
  "CREATE TABLE ratings (" AUDIT
  "  outcome_id INTEGER NOT NULL UNIQUE REFERENCES outcomes (id), rated_on TEXT NOT NULL,"
  "  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), comment TEXT);"
  "CREATE TABLE provisions (" AUDIT
  "  cycle_id INTEGER NOT NULL REFERENCES cycles (id), kind TEXT NOT NULL,"
  "  description TEXT NOT NULL, frequency TEXT NOT NULL, staff TEXT NOT NULL,"
  "  starts_on TEXT NOT NULL, ends_on TEXT);"
  "CREATE INDEX provisions_by_cycle ON provisions (cycle_id);"
  "CREATE TABLE sessions (" AUDIT
  "  provision_id INTEGER NOT NULL REFERENCES provisions (id), held_on TEXT NOT NULL,"
  "  minutes INTEGER NOT NULL, attended INTEGER NOT NULL, note TEXT);"
  "CREATE INDEX sessions_by_provision ON sessions (provision_id, held_on);"
  "CREATE TABLE contributions (" AUDIT
  "  child_id INTEGER NOT NULL REFERENCES children (id),"
  "  cycle_id INTEGER REFERENCES cycles (id), agency TEXT NOT NULL, author TEXT NOT NULL,"
  "  contributed_on TEXT NOT NULL, body TEXT NOT NULL);"
  "CREATE INDEX contributions_by_child ON contributions (child_id, contributed_on);"
  "CREATE INDEX contributions_by_cycle ON contributions (cycle_id);"
  "CREATE TABLE notes (" AUDIT
  "  child_id INTEGER NOT NULL REFERENCES children (id), written_on TEXT NOT NULL,"
  "  author TEXT NOT NULL, body TEXT NOT NULL);"
  "CREATE INDEX notes_by_child ON notes (child_id, written_on);"
  "CREATE VIRTUAL TABLE search USING fts4 (body, child_id, kind,"
  "  notindexed=child_id, notindexed=kind, tokenize=unicode61);"
  "CREATE TRIGGER children_search AFTER INSERT ON children BEGIN"
  "  INSERT INTO search (body, child_id, kind) VALUES (new.given_name || ' ' ||"
  "  new.family_name || ' ' || coalesce (new.preferred_name, '') || ' ' || new.upn,"
  "  new.id, 'child'); END;"
  "CREATE TRIGGER contributions_search AFTER INSERT ON contributions BEGIN"
  "  INSERT INTO search (body, child_id, kind) VALUES (new.body, new.child_id,"
  "  'contribution'); END;"
  "CREATE TRIGGER notes_search AFTER INSERT ON notes BEGIN"
  "  INSERT INTO search (body, child_id, kind) VALUES (new.body, new.child_id, 'note'); END;";

enum
{
  INSERT_CHILD,
  INSERT_LEVEL_CHANGE,
  INSERT_CYCLE,
  INSERT_OUTCOME,
  INSERT_RATING,
  INSERT_PROVISION,
  INSERT_SESSION,
  INSERT_CONTRIBUTION,
  INSERT_NOTE,
  N_INSERTS
};

static const char *const insert_sql[N_INSERTS] = {
  "INSERT INTO children (" META_COLUMNS "given_name, family_name, preferred_name, "
  "date_of_birth, upn, gender, year_group, level, setting_urn, lead_worker) "
  "VALUES (" META_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  "INSERT INTO level_changes (" META_COLUMNS "child_id, changed_on, from_level, to_level, "
  "reason, route, decided_by) VALUES (" META_VALUES "?, ?, ?, ?, ?, ?, ?)",
  "INSERT INTO cycles (" META_COLUMNS "child_id, number, stage, opened_on, review_due, "
  "closed_on, assess, plan, do_notes, review, decision) "
  "VALUES (" META_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  "INSERT INTO outcomes (" META_COLUMNS "cycle_id, position, need_area, need_type, "
  "description, success_criteria) VALUES (" META_VALUES "?, ?, ?, ?, ?, ?)",
  "INSERT INTO ratings (" META_COLUMNS "outcome_id, rated_on, score, comment) "
  "VALUES (" META_VALUES "?, ?, ?, ?)",
  "INSERT INTO provisions (" META_COLUMNS "cycle_id, kind, description, frequency, staff, "
  "starts_on, ends_on) VALUES (" META_VALUES "?, ?, ?, ?, ?, ?, ?)",
  "INSERT INTO sessions (" META_COLUMNS "provision_id, held_on, minutes, attended, note) "
  "VALUES (" META_VALUES "?, ?, ?, ?, ?)",
  "INSERT INTO contributions (" META_COLUMNS "child_id, cycle_id, agency, author, "
  "contributed_on, body) VALUES (" META_VALUES "?, ?, ?, ?, ?, ?)",
  "INSERT INTO notes (" META_COLUMNS "child_id, written_on, author, body) "
  "VALUES (" META_VALUES "?, ?, ?, ?)",
};

/* Everything the child page shows. */
enum
{
  LOAD_CHILD,
  LOAD_LEVEL_CHANGES,
  LOAD_CYCLES,
  LOAD_OUTCOMES,
  LOAD_PROVISIONS,
  LOAD_SESSIONS,
  LOAD_CONTRIBUTIONS,
  LOAD_NOTES,
  N_LOADS
};

static const char *const load_sql[N_LOADS] = {
  "SELECT * FROM children WHERE id = ?1",
  "SELECT * FROM level_changes WHERE child_id = ?1 ORDER BY changed_on",
  "SELECT * FROM cycles WHERE child_id = ?1 ORDER BY number",
  "SELECT o.*, r.rated_on, r.score, r.comment FROM outcomes o "
  "LEFT JOIN ratings r ON r.outcome_id = o.id WHERE o.cycle_id = ?1 ORDER BY o.position",
  "SELECT * FROM provisions WHERE cycle_id = ?1",
  "SELECT s.* FROM sessions s JOIN provisions p ON p.id = s.provision_id "
  "WHERE p.cycle_id = ?1 ORDER BY s.held_on",
  "SELECT * FROM contributions WHERE child_id = ?1 ORDER BY contributed_on DESC",
  "SELECT * FROM notes WHERE child_id = ?1 ORDER BY written_on DESC",
};

static const char search_sql[] =
  "SELECT search.kind, c.id, c.given_name, c.family_name, c.upn, snippet (search) "
  "FROM search JOIN children c ON c.id = search.child_id WHERE search MATCH ?1 LIMIT 100";

/* Data ----------------------------------------------------------------------- */

static const char *const given_names[] = {
  "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Muhammad",
  "Freya", "Leo", "Lily", "Harry", "Florence", "Oscar", "Willow", "Archie", "Rosie", "Jack",
  "Sophia", "Henry", "Evie", "Charlie", "Grace", "Freddie", "Ella", "Theo", "Poppy", "Alfie",
  "Aisha", "Finley", "Zara", "Jacob", "Hannah", "Thomas", "Chloe", "Alexander", "Maya",
  "Riley", "Erin", "Reuben", "Niamh", "Kacper", "Amara", "Dylan", "Seren", "Rhys", "Ffion",
  "Olivia", "Joshua", "Eleanor", "Samuel", "Imogen", "Kai", "Layla", "Toby", "Phoebe",
};

static const char *const family_names[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
  "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
  "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
  "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
  "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Kowalski", "Nowak", "Ahmed",
  "Khan", "Begum", "Okafor", "Mensah", "Nguyen", "Fernandes", "Novak",
};

static const char *const workers[] = {
  "Sarah Collins", "Mark Ellis", "Priya Shah", "Helen Marsh", "David Okoro", "Lucy Barnes",
  "Tom Fielding", "Anna Kowalczyk", "Rachel Dunn", "Imran Hussain", "Claire Whitfield",
  "Gareth Pryce",
};

static const char *const agencies[] = {
  "Educational Psychology", "Speech and Language Therapy", "CAMHS",
  "Advisory Teaching Service", "School Nursing", "Early Help", "Social Care",
  "Occupational Therapy", "Physiotherapy", "Sensory Support", "Family Support",
  "Community Paediatrics",
};

static const char *const need_types[][2] = {
  { "Communication and interaction", "SLCN" },
  { "Communication and interaction", "ASD" },
  { "Cognition and learning", "SPLD" },
  { "Cognition and learning", "MLD" },
  { "Social, emotional and mental health", "SEMH" },
  { "Sensory and/or physical", "HI" },
  { "Sensory and/or physical", "VI" },
  { "Sensory and/or physical", "PD" },
};

static const char *const provision_kinds[] = {
  "Small group phonics", "1:1 reading", "Speech and language programme",
  "Social skills group", "Emotional literacy support", "Sensory circuit",
  "Precision teaching", "Maths intervention", "Fine motor group", "Lunchtime club",
};

static const char *const routes[] = {
  "TALC", "Intervention Circle", "Setting review", "Early Help assessment",
};

static const char *const decisions[] = {
  "Continue at this level", "Step up", "Step down", "Close to universal support",
};

static const char *const genders[] = { "F", "M", "X" };

static const char *const year_groups[] = {
  "N", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
};

static const char *const words[] = {
  "the", "child", "was", "is", "has", "and", "with", "in", "during", "after", "before", "at",
  "to", "a", "of", "for", "their", "they", "staff", "teacher", "class", "group", "session",
  "week", "term", "morning", "afternoon", "lunchtime", "playground", "reading", "writing",
  "phonics", "spelling", "maths", "number", "handwriting", "vocabulary", "attention",
  "listening", "speech and language", "social skills", "sensory breaks", "anxiety",
  "worries", "confidence", "independence", "friendships", "routines", "transitions",
  "behaviour", "regulation", "emotions", "attendance", "progress", "targets", "strategies",
  "visual timetable", "now and next board", "movement breaks", "fidget tools",
  "quiet space", "key adult", "parents", "mum", "dad", "carer", "family", "home", "school",
  "reported", "noticed", "observed", "agreed", "discussed", "reviewed", "improved",
  "struggled", "managed", "enjoyed", "avoided", "refused", "joined", "settled", "completed",
  "needs", "support", "prompting", "modelling", "praise", "reward chart", "small steps",
  "well", "slowly", "quickly", "often", "sometimes", "rarely", "calm", "upset", "tired",
  "engaged", "focused", "distracted", "dyslexia", "screening", "assessment", "referral",
  "educational psychologist", "occupational therapist", "paediatrician", "early help",
  "plan", "review", "outcome", "next steps", "continue", "increase", "reduce", "monitor",
  "letters", "sounds", "blending", "segmenting", "comprehension", "fluency", "sentences",
  "questions", "instructions", "peers", "adults", "turn taking", "expressive language",
  "receptive language", "stammer", "hearing", "vision", "glasses", "hearing aids", "sleep",
  "toileting", "self care", "lining up", "assembly", "PE", "trips", "homework",
};

static const char *const topics[] = {
  "phonic*", "\"speech and language\"", "sensory NEAR/3 breaks", "anxiety OR worries",
  "dyslexi*", "attendance", "\"social skills\"", "reading confidence",
};

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* An affine map modulo 10^11 with a multiplier prime to it: no two children
 * share a UPN, and the searches can name any child's. */
static char *
make_upn (guint index, guint32 seed)
{
  guint64 digits = ((guint64) index * 48271 + seed) % G_GUINT64_CONSTANT (100000000000);

  return g_strdup_printf ("%c%011" G_GUINT64_FORMAT "%c", 'A' + index % 26, digits,
                          'A' + (index / 26) % 26);
}

/* Writer --------------------------------------------------------------------- */

typedef struct
{
  sqlite3 *db;
  GRand *rand;
  GString *text;
  sqlite3_stmt *stmts[N_INSERTS];
  char stamp[24];
  const char *author;
  guint32 seed;
} Writer;

static gboolean
set_sqlite_error (sqlite3 *db, int rc, GError **error)
{
  g_set_error (error, BENCH_ERROR, rc, "%s (extended code %d)", sqlite3_errmsg (db),
               sqlite3_extended_errcode (db));
  return FALSE;
}

static gboolean
prepare_all (sqlite3            *db,
             const char *const  *sql,
             guint               n,
             sqlite3_stmt      **stmts,
             GError            **error)
{
  for (guint i = 0; i < n; i++)
    {
      int rc = sqlite3_prepare_v2 (db, sql[i], -1, &stmts[i], NULL);

      if (rc != SQLITE_OK)
        return set_sqlite_error (db, rc, error);
    }
  return TRUE;
}

static void
finalize_all (sqlite3_stmt **stmts,
              guint          n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
}

static char *
make_uuid (GRand *rand)
{
  guint32 a = g_rand_int (rand), b = g_rand_int (rand), c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xfff,
                          0x8000 | (c >> 18), c & 0xffff, d);
}

static char *
make_date (GRand *rand,
           int    first_year,
           int    n_years)
{
  int year = first_year + g_rand_int_range (rand, 0, n_years);
  int month = g_rand_int_range (rand, 1, 13);
  int day = g_rand_int_range (rand, 1, 29);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static void
append_sentence (Writer *w)
{
  guint n_words = g_rand_int_range (w->rand, 6, 15);
  gsize start = w->text->len;

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (w->text, ' ');
      g_string_append (w->text, PICK (w->rand, words));
    }
  w->text->str[start] = g_ascii_toupper (w->text->str[start]);
  g_string_append (w->text, ". ");
}

/* Prose of about @min_len to @max_len characters. */
static char *
make_text (Writer *w,
           guint   min_len,
           guint   max_len)
{
  guint target = g_rand_int_range (w->rand, min_len, max_len + 1);

  g_string_truncate (w->text, 0);
  while (w->text->len < target)
    append_sentence (w);
  g_string_truncate (w->text, MIN (w->text->len, max_len));
  return g_strndup (w->text->str, w->text->len);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_meta (Writer       *w,
           sqlite3_stmt *stmt)
{
  g_autofree char *uuid = make_uuid (w->rand);

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, w->stamp);
  bind_text (stmt, 3, w->author);
  bind_text (stmt, 4, w->stamp);
}

/* Binds the audit columns, then one value per letter of @types: 'i' an
 * int, 'j' an int with 0 for NULL, 'I' a gint64, 't' a string or NULL.
 * Callers draw random values before the call: the order in which
 * arguments are evaluated is unspecified, and every engine must store the
 * same data. */
static gboolean
insert_row (Writer      *w,
            guint        which,
            gint64      *id,
            GError     **error,
            const char  *types,
            ...)
{
  sqlite3_stmt *stmt = w->stmts[which];
  va_list args;
  int rc;

  g_assert (sqlite3_bind_parameter_count (stmt) == N_META + (int) strlen (types));
  bind_meta (w, stmt);
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      int value;

      if (types[i] == 'i')
        sqlite3_bind_int (stmt, N_META + 1 + i, va_arg (args, int));
      else if (types[i] == 'j' && (value = va_arg (args, int)) != 0)
        sqlite3_bind_int (stmt, N_META + 1 + i, value);
      else if (types[i] == 'j')
        sqlite3_bind_null (stmt, N_META + 1 + i);
      else if (types[i] == 'I')
        sqlite3_bind_int64 (stmt, N_META + 1 + i, va_arg (args, gint64));
      else
        bind_text (stmt, N_META + 1 + i, va_arg (args, const char *));
    }
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (w->db, rc, error);
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (w->db);
  return TRUE;
}

static gboolean
insert_child (Writer  *w,
              guint    index,
              gint64  *child_id,
              GError **error)
{
  g_autofree char *dob = make_date (w->rand, 2008, 12);
  g_autofree char *upn = make_upn (index, w->seed);
  g_autofree char *urn = g_strdup_printf ("1%05d", g_rand_int_range (w->rand, 0, 100000));
  const char *given = PICK (w->rand, given_names);
  const char *family = PICK (w->rand, family_names);
  const char *preferred = g_rand_int_range (w->rand, 0, 5) == 0 ? PICK (w->rand, given_names)
                                                                 : NULL;
  const char *gender = PICK (w->rand, genders);
  const char *year_group = PICK (w->rand, year_groups);
  int level = g_rand_int_range (w->rand, 2, 5);

  return insert_row (w, INSERT_CHILD, child_id, error, "tttttttitt", given, family,
                     preferred, dob, upn, gender, year_group, level, urn, w->author);
}

static gboolean
insert_level_changes (Writer  *w,
                      gint64   child_id,
                      GError **error)
{
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *date = make_date (w->rand, 2021 + 2 * i, 2);
      g_autofree char *reason = make_text (w, 100, 300);
      int to_level = i == 0 ? 1 : g_rand_int_range (w->rand, 2, 5);
      const char *route = PICK (w->rand, routes);
      const char *decided_by = PICK (w->rand, workers);

      if (!insert_row (w, INSERT_LEVEL_CHANGE, NULL, error, "Itjittt", child_id, date, i,
                       to_level, reason, route, decided_by))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_cycle (Writer  *w,
              gint64   child_id,
              int      number,
              gint64  *cycle_id,
              GError **error)
{
  gboolean closed = number < 3;
  g_autofree char *opened = make_date (w->rand, 2022 + number, 1);
  g_autofree char *due = make_date (w->rand, 2023 + number, 1);
  g_autofree char *closed_on = closed ? make_date (w->rand, 2023 + number, 1) : NULL;
  g_autofree char *assess = make_text (w, 100, 400);
  g_autofree char *plan = make_text (w, 100, 400);
  g_autofree char *do_notes = make_text (w, 100, 400);
  g_autofree char *review = closed ? make_text (w, 100, 400) : NULL;

  return insert_row (w, INSERT_CYCLE, cycle_id, error, "Iittttttttt", child_id, number,
                     closed ? "closed" : "do", opened, due, closed_on, assess, plan, do_notes,
                     review, closed ? PICK (w->rand, decisions) : NULL);
}

static gboolean
insert_outcome (Writer  *w,
                gint64   cycle_id,
                int      position,
                GError **error)
{
  const char *const *need = need_types[g_rand_int_range (w->rand, 0, G_N_ELEMENTS (need_types))];
  g_autofree char *description = make_text (w, 60, 200);
  g_autofree char *criteria = make_text (w, 60, 160);
  g_autofree char *rated_on = make_date (w->rand, 2023, 3);
  g_autofree char *comment = make_text (w, 50, 200);
  gint64 outcome_id;

  return insert_row (w, INSERT_OUTCOME, &outcome_id, error, "Iitttt", cycle_id, position,
                     need[0], need[1], description, criteria) &&
         insert_row (w, INSERT_RATING, NULL, error, "Itit", outcome_id, rated_on,
                     g_rand_int_range (w->rand, 1, 6), comment);
}

static gboolean
insert_cycles (Writer  *w,
               gint64   child_id,
               gint64  *cycle_ids,
               GError **error)
{
  for (int i = 0; i < 3; i++)
    {
      if (!insert_cycle (w, child_id, i + 1, &cycle_ids[i], error))
        return FALSE;
      for (int j = 0; j < 4; j++)
        if (!insert_outcome (w, cycle_ids[i], j + 1, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
insert_provision (Writer  *w,
                  gint64   cycle_id,
                  gint64  *provision_id,
                  GError **error)
{
  g_autofree char *description = make_text (w, 60, 200);
  g_autofree char *starts = make_date (w->rand, 2024, 1);
  int times = g_rand_int_range (w->rand, 1, 6);
  int minutes = 10 * g_rand_int_range (w->rand, 1, 7);
  g_autofree char *frequency = g_strdup_printf ("%d x %d minutes weekly", times, minutes);
  const char *kind = PICK (w->rand, provision_kinds);
  const char *staff = PICK (w->rand, workers);

  return insert_row (w, INSERT_PROVISION, provision_id, error, "Itttttt", cycle_id, kind,
                     description, frequency, staff, starts, (const char *) NULL);
}

/* Provision and sessions belong to the last two cycles. */
static gboolean
insert_provisions (Writer        *w,
                   const gint64  *cycle_ids,
                   GError       **error)
{
  gint64 provision_ids[2];

  for (int i = 0; i < 2; i++)
    if (!insert_provision (w, cycle_ids[i + 1], &provision_ids[i], error))
      return FALSE;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *held_on = make_date (w->rand, 2024, 1);
      g_autofree char *note = make_text (w, 50, 200);
      int minutes = 10 * g_rand_int_range (w->rand, 1, 7);
      int attended = g_rand_int_range (w->rand, 0, 8) > 0;

      if (!insert_row (w, INSERT_SESSION, NULL, error, "Itiit", provision_ids[i % 2], held_on,
                       minutes, attended, note))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_writing (Writer        *w,
                gint64         child_id,
                const gint64  *cycle_ids,
                GError       **error)
{
  g_autofree char *written_on = make_date (w->rand, 2022, 3);
  g_autofree char *note = make_text (w, 100, 400);

  for (int i = 0; i < 6; i++)
    {
      g_autofree char *date = make_date (w->rand, 2022, 3);
      g_autofree char *body = make_text (w, 100, 400);
      const char *agency = PICK (w->rand, agencies);
      const char *author = PICK (w->rand, workers);

      if (!insert_row (w, INSERT_CONTRIBUTION, NULL, error, "IItttt", child_id,
                       cycle_ids[i % 3], agency, author, date, body))
        return FALSE;
    }
  return insert_row (w, INSERT_NOTE, NULL, error, "Ittt", child_id, written_on, w->author,
                     note);
}

static gboolean
write_child (Writer  *w,
             guint    index,
             GError **error)
{
  gint64 child_id;
  gint64 cycle_ids[3];

  w->author = PICK (w->rand, workers);
  g_snprintf (w->stamp, sizeof w->stamp, "2025-%02d-%02dT%02d:%02d:%02dZ",
              1 + index % 12, 1 + index % 28, index % 24, index % 60, (index / 60) % 60);
  return insert_child (w, index, &child_id, error) &&
         insert_level_changes (w, child_id, error) &&
         insert_cycles (w, child_id, cycle_ids, error) &&
         insert_provisions (w, cycle_ids, error) &&
         insert_writing (w, child_id, cycle_ids, error);
}

static gboolean
writer_init (Writer   *w,
             sqlite3  *db,
             guint32   seed,
             GError  **error)
{
  memset (w, 0, sizeof *w);
  w->db = db;
  w->seed = seed;
  w->rand = g_rand_new_with_seed (seed);
  w->text = g_string_sized_new (512);
  return prepare_all (db, insert_sql, N_INSERTS, w->stmts, error);
}

static void
writer_clear (Writer *w)
{
  finalize_all (w->stmts, N_INSERTS);
  g_clear_pointer (&w->rand, g_rand_free);
  if (w->text != NULL)
    g_string_free (g_steal_pointer (&w->text), TRUE);
}

/* Reader --------------------------------------------------------------------- */

typedef struct
{
  sqlite3 *db;
  sqlite3_stmt *stmts[N_LOADS];
  sqlite3_stmt *search;
  GArray *ids;
  guint64 checksum;
} Reader;

/* Touches every value, as a page showing the row would. */
static void
add_row (Reader       *r,
         sqlite3_stmt *stmt)
{
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          r->checksum += (guint64) sqlite3_column_int64 (stmt, i);
          break;
        case SQLITE_TEXT:
          sqlite3_column_text (stmt, i);
          r->checksum += (guint64) sqlite3_column_bytes (stmt, i) * (i + 1);
          break;
        default:
          break;
        }
    }
}

/* Runs @stmt to its end; with @ids, collects the first column of each row. */
static gboolean
run_query (Reader        *r,
           sqlite3_stmt  *stmt,
           GArray        *ids,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      add_row (r, stmt);
      if (ids != NULL)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || set_sqlite_error (r->db, rc, error);
}

static gboolean
load_by_id (Reader  *r,
            guint    which,
            gint64   id,
            GArray  *ids,
            GError **error)
{
  sqlite3_bind_int64 (r->stmts[which], 1, id);
  return run_query (r, r->stmts[which], ids, error);
}

static gboolean
load_child_page (Reader  *r,
                 gint64   child_id,
                 GError **error)
{
  g_array_set_size (r->ids, 0);
  if (!load_by_id (r, LOAD_CHILD, child_id, NULL, error) ||
      !load_by_id (r, LOAD_LEVEL_CHANGES, child_id, NULL, error) ||
      !load_by_id (r, LOAD_CYCLES, child_id, r->ids, error))
    return FALSE;
  for (guint i = 0; i < r->ids->len; i++)
    {
      gint64 cycle_id = g_array_index (r->ids, gint64, i);

      if (!load_by_id (r, LOAD_OUTCOMES, cycle_id, NULL, error) ||
          !load_by_id (r, LOAD_PROVISIONS, cycle_id, NULL, error) ||
          !load_by_id (r, LOAD_SESSIONS, cycle_id, NULL, error))
        return FALSE;
    }
  return load_by_id (r, LOAD_CONTRIBUTIONS, child_id, NULL, error) &&
         load_by_id (r, LOAD_NOTES, child_id, NULL, error);
}

static gboolean
reader_init (Reader   *r,
             sqlite3  *db,
             GError  **error)
{
  static const char *const search[] = { search_sql };

  memset (r, 0, sizeof *r);
  r->db = db;
  r->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return prepare_all (db, load_sql, N_LOADS, r->stmts, error) &&
         prepare_all (db, search, 1, &r->search, error);
}

static void
reader_clear (Reader *r)
{
  finalize_all (r->stmts, N_LOADS);
  g_clear_pointer (&r->search, sqlite3_finalize);
  g_clear_pointer (&r->ids, g_array_unref);
}

/* Names, UPNs, topics and name prefixes, as a person would type them. */
static char **
make_searches (guint   n_children,
               guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 2);
  char **searches = g_new0 (char *, BENCH_N_SEARCHES + 1);

  for (guint i = 0; i < BENCH_N_SEARCHES; i++)
    {
      switch (i % 5)
        {
        case 0:
          searches[i] = g_strdup (PICK (rand, family_names));
          break;
        case 1:
          searches[i] = g_strdup_printf ("%s %s", PICK (rand, given_names),
                                         PICK (rand, family_names));
          break;
        case 2:
          searches[i] = make_upn (g_rand_int_range (rand, 0, n_children), seed);
          break;
        case 3:
          searches[i] = g_strdup (PICK (rand, topics));
          break;
        default:
          searches[i] = g_strdup_printf ("%.3s*", PICK (rand, family_names));
          break;
        }
    }
  return searches;
}

/* Phases --------------------------------------------------------------------- */

typedef struct
{
  gint64 start;
  double cpu_start;
  guint64 reads;
  guint64 writes;
} Mark;

/* Process time is less disturbed than wall time by whatever else the
 * machine runs, though it leaves out waiting for the disk. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
get_io (BenchEngine *engine,
        guint64     *reads,
        guint64     *writes)
{
  *reads = *writes = 0;
  if (engine->get_io != NULL)
    engine->get_io (engine, reads, writes);
}

static void
mark_begin (BenchEngine *engine,
            Mark        *mark)
{
  get_io (engine, &mark->reads, &mark->writes);
  mark->cpu_start = cpu_seconds ();
  mark->start = g_get_monotonic_time ();
}

static void
mark_end (BenchEngine *engine,
          const Mark  *mark,
          BenchPhase   phase,
          BenchResult *result)
{
  guint64 reads, writes;

  result->seconds[phase] = (g_get_monotonic_time () - mark->start) / (double) G_USEC_PER_SEC;
  result->cpu_seconds[phase] = cpu_seconds () - mark->cpu_start;
  get_io (engine, &reads, &writes);
  result->reads[phase] = reads - mark->reads;
  result->writes[phase] = writes - mark->writes;
}

/* Writes children @per_transaction at a time. */
static gboolean
write_children (Writer    *w,
                guint      n_children,
                guint      per_transaction,
                GError   **error)
{
  for (guint i = 0; i < n_children; i++)
    {
      gboolean first = i % per_transaction == 0;
      gboolean last = (i + 1) % per_transaction == 0 || i + 1 == n_children;

      if (first && !bench_exec (w->db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!write_child (w, i, error))
        return FALSE;
      if (last && !bench_exec (w->db, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_insert (BenchEngine  *engine,
            sqlite3      *db,
            guint         n_children,
            guint32       seed,
            BenchResult  *result,
            GError      **error)
{
  Writer w;
  Mark mark;
  gboolean ok;

  ok = writer_init (&w, db, seed, error);
  mark_begin (engine, &mark);
  ok = ok && write_children (&w, n_children, 1, error);
  mark_end (engine, &mark, BENCH_PHASE_INSERT, result);
  writer_clear (&w);
  if (!ok)
    g_prefix_error (error, "insert: ");
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

static gboolean
run_loads (Reader   *r,
           guint     n_children,
           guint32   seed,
           GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 1);

  for (guint i = 0; i < 2 * n_children; i++)
    if (!load_child_page (r, g_rand_int_range (rand, 1, n_children + 1), error))
      return FALSE;
  return TRUE;
}

static gboolean
run_searches (Reader      *r,
              char *const *searches,
              GError     **error)
{
  for (guint i = 0; searches[i] != NULL; i++)
    {
      sqlite3_bind_text (r->search, 1, searches[i], -1, SQLITE_STATIC);
      if (!run_query (r, r->search, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_reads (BenchEngine  *engine,
           sqlite3      *db,
           guint         n_children,
           guint32       seed,
           BenchResult  *result,
           GError      **error)
{
  g_auto(GStrv) searches = make_searches (n_children, seed);
  Reader r;
  Mark mark;
  gboolean ok;

  ok = reader_init (&r, db, error);
  mark_begin (engine, &mark);
  ok = ok && run_loads (&r, n_children, seed, error);
  mark_end (engine, &mark, BENCH_PHASE_LOAD, result);
  mark_begin (engine, &mark);
  ok = ok && run_searches (&r, searches, error);
  mark_end (engine, &mark, BENCH_PHASE_SEARCH, result);
  result->checksum = r.checksum;
  reader_clear (&r);
  if (!ok)
    g_prefix_error (error, "load or search: ");
  return ok;
}

static gboolean
count_children (sqlite3  *db,
                gint64   *count,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM children", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK || set_sqlite_error (db, rc, error);
}

/* The checkpoint is what closing would do anyway; doing it first lets an
 * engine count the pages it writes before its connection goes away. */
static gboolean
run_reopen (BenchEngine  *engine,
            sqlite3     **db,
            BenchResult  *result,
            GError      **error)
{
  Mark mark;
  gboolean ok;

  mark_begin (engine, &mark);
  ok = bench_exec (*db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  engine->close (engine, g_steal_pointer (db));
  if (ok)
    *db = engine->open (engine, FALSE, error);
  ok = ok && *db != NULL && count_children (*db, &result->n_children, error);
  mark_end (engine, &mark, BENCH_PHASE_REOPEN, result);
  if (!ok)
    g_prefix_error (error, "reopen: ");
  return ok;
}

/* Public --------------------------------------------------------------------- */

const char *
bench_engine_name (BenchEngineId id)
{
  static const char *const names[BENCH_N_ENGINES] = { "plain", "pathway", "sqlcipher" };

  g_return_val_if_fail (id < BENCH_N_ENGINES, NULL);

  return names[id];
}

const char *
bench_phase_name (BenchPhase phase)
{
  static const char *const names[BENCH_N_PHASES] = { "insert", "load", "search", "reopen" };

  g_return_val_if_fail (phase < BENCH_N_PHASES, NULL);

  return names[phase];
}

int
bench_cache_index (int cache_kib)
{
  for (int i = 0; i < BENCH_N_CACHES; i++)
    if (bench_cache_kib[i] == cache_kib)
      return i;
  return -1;
}

gboolean
bench_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || set_sqlite_error (db, rc, error);
}

gboolean
bench_set_cache (sqlite3  *db,
                 int       cache_kib,
                 GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size=-%d", cache_kib);

  return bench_exec (db, sql, error);
}

static gboolean
enter_wal_mode (sqlite3  *db,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is_wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      is_wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return set_sqlite_error (db, rc, error);
  if (!is_wal)
    g_set_error_literal (error, BENCH_ERROR, 0, "The database refused WAL mode");
  return is_wal;
}

/**
 * bench_apply_pragmas:
 *
 * The encrypted store's connection rules, in the store's order, for the
 * engines that do not set them themselves.
 */
gboolean
bench_apply_pragmas (sqlite3   *db,
                     int        cache_kib,
                     gboolean   is_new,
                     GError   **error)
{
  static const char rules[] =
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA mmap_size=0;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA cell_size_check=ON;";

  return bench_exec (db, "PRAGMA locking_mode=EXCLUSIVE", error) &&
         (!is_new || bench_exec (db, "PRAGMA page_size=4096", error)) &&
         enter_wal_mode (db, error) &&
         bench_exec (db, rules, error) &&
         bench_set_cache (db, cache_kib, error);
}

/**
 * bench_fill:
 *
 * Creates the bench schema and writes @n_children children, a hundred to a
 * transaction: the quick way to a full store for timing other things.
 */
gboolean
bench_fill (sqlite3  *db,
            guint     n_children,
            guint32   seed,
            GError  **error)
{
  Writer w;
  gboolean ok;

  if (!bench_exec (db, schema_sql, error))
    return FALSE;
  ok = writer_init (&w, db, seed, error) &&
       write_children (&w, n_children, 100, error);
  writer_clear (&w);
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/**
 * bench_workload_run:
 * @engine: the engine, its path and cache size
 * @result: (out): seconds, page I/O and checksum of each phase
 *
 * Runs workload W on a new database at @engine's path.  Creating the
 * database and its schema is not timed.  The files stay for the caller to
 * measure and remove.
 */
gboolean
bench_workload_run (BenchEngine  *engine,
                    guint         n_children,
                    guint32       seed,
                    BenchResult  *result,
                    GError      **error)
{
  sqlite3 *db;
  gboolean ok;

  memset (result, 0, sizeof *result);
  bench_remove_files (engine->path);
  db = engine->open (engine, TRUE, error);
  if (db == NULL)
    return FALSE;
  ok = bench_exec (db, schema_sql, error) &&
       run_insert (engine, db, n_children, seed, result, error) &&
       run_reads (engine, db, n_children, seed, result, error) &&
       run_reopen (engine, &db, result, error);
  if (db != NULL)
    engine->close (engine, db);
  result->file_bytes = bench_files_size (engine->path);
  if (ok && result->n_children != n_children)
    {
      g_set_error (error, BENCH_ERROR, 0, "Counted %" G_GINT64_FORMAT " children after "
                   "reopening, not %u", result->n_children, n_children);
      return FALSE;
    }
  return ok;
}

double
bench_result_total (const BenchResult *result)
{
  double total = 0;

  for (guint p = 0; p < BENCH_N_PHASES; p++)
    total += result->seconds[p];
  return total;
}

double
bench_result_cpu_total (const BenchResult *result)
{
  double total = 0;

  for (guint p = 0; p < BENCH_N_PHASES; p++)
    total += result->cpu_seconds[p];
  return total;
}

/**
 * bench_result_to_line:
 *
 * Returns: (transfer full): @result as one tab-separated line, which
 *   bench_result_from_line() reads back
 */
char *
bench_result_to_line (BenchEngineId      id,
                      int                cache_kib,
                      const BenchResult *result)
{
  GString *line = g_string_new ("bench-result");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (line, "\t%s\t%d", bench_engine_name (id), cache_kib);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%s",
                            g_ascii_formatd (number, sizeof number, "%.6f", result->seconds[p]));
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%s", g_ascii_formatd (number, sizeof number, "%.6f",
                                                           result->cpu_seconds[p]));
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    g_string_append_printf (line, "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                            result->reads[p], result->writes[p]);
  g_string_append_printf (line, "\t%" G_GUINT64_FORMAT "\t%" G_GINT64_FORMAT
                          "\t%" G_GINT64_FORMAT, result->checksum, result->n_children,
                          result->file_bytes);
  return g_string_free (line, FALSE);
}

#define N_LINE_FIELDS (3 + 4 * BENCH_N_PHASES + 3)

gboolean
bench_result_from_line (const char    *line,
                        BenchEngineId *id,
                        int           *cache_kib,
                        BenchResult   *result)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint f = 3;

  if (g_strv_length (fields) != N_LINE_FIELDS || g_strcmp0 (fields[0], "bench-result") != 0)
    return FALSE;
  for (*id = 0; *id < BENCH_N_ENGINES; (*id)++)
    if (g_strcmp0 (fields[1], bench_engine_name (*id)) == 0)
      break;
  *cache_kib = (int) g_ascii_strtoll (fields[2], NULL, 10);
  memset (result, 0, sizeof *result);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    result->seconds[p] = g_ascii_strtod (fields[f++], NULL);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    result->cpu_seconds[p] = g_ascii_strtod (fields[f++], NULL);
  for (guint p = 0; p < BENCH_N_PHASES; p++)
    {
      result->reads[p] = g_ascii_strtoull (fields[f++], NULL, 10);
      result->writes[p] = g_ascii_strtoull (fields[f++], NULL, 10);
    }
  result->checksum = g_ascii_strtoull (fields[f++], NULL, 10);
  result->n_children = g_ascii_strtoll (fields[f++], NULL, 10);
  result->file_bytes = g_ascii_strtoll (fields[f], NULL, 10);
  return *id < BENCH_N_ENGINES && bench_cache_index (*cache_kib) >= 0;
}

static const char *const file_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* The main file and its log, as they lie on disk. */
gint64
bench_files_size (const char *path)
{
  gint64 total = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strconcat (path, file_suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0)
        total += st.st_size;
    }
  return total;
}

void
bench_remove_files (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, file_suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Removes @path and the files in it; the benchmark makes no subfolders. */
void
bench_remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
print_utf8 (const char *text)
{
  fputs (text, stdout);
  fflush (stdout);
}

static void
printerr_utf8 (const char *text)
{
  fputs (text, stderr);
}

/**
 * bench_init_output:
 *
 * The tables are UTF-8 whatever the locale: g_print() would turn × and µ
 * into question marks in the C locale.
 */
void
bench_init_output (void)
{
  g_set_print_handler (print_utf8);
  g_set_printerr_handler (printerr_utf8);
}
