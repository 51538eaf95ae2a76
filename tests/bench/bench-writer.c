/* bench-writer.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The records of workload W, written with plain SQL into the records schema
 * (core/pw-schema-sql.c), the same statements on every engine.
 *
 * Each record is written as PwCaseload writes it: the row with its UUID and
 * audit columns, its full-text row where the core indexes one (rowid
 * (kind + 1) << 40 | id, as search_rowid() in core/pw-caseload.c), an audit
 * entry and the new head of the audit chain in store_meta.  The hash of an
 * entry is a placeholder of the right size: the chain itself is core's
 * business, the pages it fills are the benchmark's.  Derived columns (a
 * child's current level and next review, a level change's previous level,
 * a cycle's number and stage) are written with the row, so that the core
 * API reads the store as if it had written it.
 *
 * The values come from a GRand with a fixed seed, so every engine stores
 * the same bytes, and they keep to the schema's CHECK constraints and to
 * the rules the core enforces: dates in order, one open cycle, UPNs and NHS
 * numbers with their check characters.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bench-writer.h"

#define N_META      4
#define N_WORKERS   12
#define N_SETTINGS  40
#define HASH_BYTES  32

enum
{
  INSERT_WORKER,
  INSERT_SETTING,
  INSERT_CHILD,
  INSERT_LEVEL_CHANGE,
  INSERT_CYCLE,
  INSERT_OUTCOME,
  INSERT_RATING,
  INSERT_PROVISION,
  INSERT_SESSION,
  INSERT_CONTRIBUTION,
  INSERT_NOTE,
  INSERT_AUDIT,
  INSERT_AUDIT_HEAD,
  INSERT_SEARCH,
  N_STATEMENTS
};

#define N_RECORD_INSERTS INSERT_AUDIT

/* The columns of each table after uuid, created_at, created_by, updated_at. */
static const char *const record_columns[N_RECORD_INSERTS][2] = {
  { "worker", "name, role, agency, email, phone" },
  { "setting", "name, urn, phase" },
  { "child", "legal_given_name, legal_family_name, preferred_name, date_of_birth, sex, upn, "
             "upn_temporary, nhs_number, setting_id, year_group, ethnicity, first_language, "
             "eal, sen_provision, looked_after, child_protection, pupil_premium, "
             "trusted_adult, key_worker_id, lead_practitioner_id, current_level, next_review" },
  { "level_change", "child_id, date, from_level, to_level, reason, route, decided_by" },
  { "cycle", "child_id, number, state, opened_on, needs_summary, strengths, barriers, "
             "child_views, parent_views, parents_notified_on, parents_agree, expected_impact, "
             "review_date, review_held_on, review_child_views, review_changes, decision, "
             "next_steps, closed_on" },
  { "outcome", "child_id, cycle_id, description, success_criteria, target_date" },
  { "rating", "child_id, outcome_id, progress, evidence" },
  { "provision", "child_id, cycle_id, outcome_id, intervention, frequency, delivered_by, "
                 "start_date, end_date, cost_pence" },
  { "session", "child_id, provision_id, date, delivered_by, attended, engagement, notes" },
  { "contribution", "child_id, cycle_id, agency, person, role, event_date, stage, text" },
  { "note", "child_id, event_date, text" },
};

static const char *const other_sql[] = {
  "INSERT INTO audit (id, at, actor, operation, record_table, record_uuid, hash) "
  "VALUES (?, ?, ?, 'insert', ?, ?, ?)",
  "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('audit-head', ?)",
  "INSERT INTO search (rowid, text, child_id) VALUES (?, ?, ?)",
};

G_STATIC_ASSERT (N_RECORD_INSERTS + G_N_ELEMENTS (other_sql) == N_STATEMENTS);

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

static const char *const workers[N_WORKERS] = {
  "Sarah Collins", "Mark Ellis", "Priya Shah", "Helen Marsh", "David Okoro", "Lucy Barnes",
  "Tom Fielding", "Anna Kowalczyk", "Rachel Dunn", "Imran Hussain", "Claire Whitfield",
  "Gareth Pryce",
};

static const char *const roles[] = {
  "SENCo", "Class teacher", "Teaching assistant", "Family support worker",
  "Educational psychologist", "Speech and language therapist", "School nurse",
  "Early help coordinator", "Designated safeguarding lead", "Inclusion lead",
};

static const char *const agencies[] = {
  "education-setting", "early-years", "educational-psychology", "advisory-teaching",
  "school-nursing", "speech-language-therapy", "camhs", "gp-health", "social-care",
  "early-help", "third-sector", "other",
};

static const char *const places[] = {
  "Oakfield", "Riverside", "St Mary's", "Hillcrest", "Meadowbank", "Ashgrove", "Millbrook",
  "Westfield", "Northgate", "Fairview",
};

static const char *const setting_kinds[][2] = {
  { "Primary School", "primary" }, { "Academy", "secondary" }, { "Nursery", "nursery" },
  { "High School", "secondary" },
};

static const char *const sexes[] = { "F", "M", "U" };

static const char *const year_groups[] = {
  "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
};

static const char *const ethnicities[] = {
  "WBRI", "WBRI", "WBRI", "WIRI", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "AIND", "APKN",
  "ABAN", "BCRB", "BAFR", "CHNE", "OOTH", "REFU", "NOBT",
};

static const char *const languages[] = {
  "English", "English", "English", "English", "English", "English", "Polish", "Urdu",
  "Punjabi", "Romanian", "Arabic", "Somali", "Welsh",
};

static const char *const level_routes[] = {
  "marf", "talc", "ehc-request", "health-referral", "step-down", "other",
};

static const char *const decisions[] = { "new-cycle", "step-up", "step-down" };

static const char *const progress[] = { "not-met", "partly-met", "met", "exceeded" };

static const char *const stages[] = { "assess", "plan", "do", "review" };

static const char *const engagements[] = { "1", "2", "3", "4", "5" };

static const char *const interventions[] = {
  "Small group phonics", "1:1 reading", "Speech and language programme",
  "Social skills group", "Emotional literacy support", "Sensory circuit",
  "Precision teaching", "Maths intervention", "Fine motor group", "Lunchtime club",
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

/* Full-text queries in the syntax FTS4 and FTS5 share, as SQLCipher has
 * only FTS4: prefixes, phrases, implicit AND, OR. */
static const char *const topics[] = {
  "phonic*", "\"speech and language\"", "sensory breaks", "anxiety OR worries",
  "dyslexi*", "attendance", "\"social skills\"", "reading confidence",
};

/* The UPN check-letter alphabet (core/pw-identifiers.c). */
static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* Writer --------------------------------------------------------------------- */

struct _BenchWriter
{
  sqlite3 *db;
  GRand *rand;
  GString *text;
  sqlite3_stmt *stmts[N_STATEMENTS];
  char uuid[37];
  char stamp[24];
  const char *author;
  gint64 audit_id;
  guint32 seed;
};

/* What a child's rows must agree on, drawn before any is written. */
typedef struct
{
  int levels[2];
  char reviews[3][11];
} ChildPlan;

/* A permanent UPN: check letter, an English LA number (800-896), then nine
 * digits from an affine map modulo 10^9 with a multiplier prime to it, so
 * that no two children share one and the searches can name any child's. */
static char *
make_upn (guint   index,
          guint32 seed)
{
  guint64 serial = ((guint64) index * 48271 + seed) % 1000000000;
  g_autofree char *tail = g_strdup_printf ("%03u%09" G_GUINT64_FORMAT, 800 + index % 97,
                                           serial);
  guint sum = 0;

  for (guint i = 0; i < 12; i++)
    sum += (guint) (tail[i] - '0') * (i + 2);
  return g_strdup_printf ("%c%s", upn_letters[sum % 23], tail);
}

/* Ten digits whose last is the modulus-11 check digit; NULL when that
 * digit would be 10, as no such number is issued. */
static char *
make_nhs_number (GRand *rand)
{
  char digits[11];
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      digits[i] = '0' + g_rand_int_range (rand, i == 0 ? 4 : 0, 10);
      sum += (guint) (digits[i] - '0') * (10 - i);
    }
  if ((11 - sum % 11) % 11 == 10)
    return NULL;
  digits[9] = '0' + (11 - sum % 11) % 11;
  digits[10] = '\0';
  return g_strdup (digits);
}

static char *
make_uuid (GRand *rand)
{
  guint32 a = g_rand_int (rand), b = g_rand_int (rand), c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xfff,
                          0x8000 | (c >> 18), c & 0xffff, d);
}

/* A day of @year in months @first_month to @last_month. */
static void
make_date (GRand *rand,
           int    year,
           int    first_month,
           int    last_month,
           char   date[11])
{
  int month = g_rand_int_range (rand, first_month, last_month + 1);
  int day = g_rand_int_range (rand, 1, 29);

  g_snprintf (date, 11, "%04d-%02d-%02d", year, month, day);
}

static void
append_sentence (BenchWriter *w)
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
make_text (BenchWriter *w,
           guint        min_len,
           guint        max_len)
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

static gboolean
step_once (BenchWriter   *w,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bench_sqlite_error (w->db, rc, error);
}

/* A placeholder for the keyed hash of the entry: 32 bytes, different in
 * each entry, as the real ones are. */
static void
fill_hash (gint64  id,
           guint8 *hash)
{
  guint64 x = (guint64) id * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (guint i = 0; i < HASH_BYTES; i++)
    {
      x ^= x >> 29;
      x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
      hash[i] = (guint8) (x >> 32);
    }
}

static gboolean
write_audit_head (BenchWriter   *w,
                  const guint8  *hash,
                  GError       **error)
{
  sqlite3_stmt *stmt = w->stmts[INSERT_AUDIT_HEAD];
  GString *value = g_string_new (NULL);

  g_string_printf (value, "%" G_GINT64_FORMAT ":", w->audit_id);
  for (guint i = 0; i < HASH_BYTES; i++)
    g_string_append_printf (value, "%02x", hash[i]);
  sqlite3_bind_text (stmt, 1, value->str, value->len, SQLITE_TRANSIENT);
  g_string_free (value, TRUE);
  return step_once (w, stmt, error);
}

/* The audit entry and chain head of the record just written. */
static gboolean
write_audit (BenchWriter  *w,
             const char   *table,
             GError      **error)
{
  sqlite3_stmt *stmt = w->stmts[INSERT_AUDIT];
  guint8 hash[HASH_BYTES];

  fill_hash (++w->audit_id, hash);
  sqlite3_bind_int64 (stmt, 1, w->audit_id);
  bind_text (stmt, 2, w->stamp);
  bind_text (stmt, 3, w->author);
  bind_text (stmt, 4, table);
  bind_text (stmt, 5, w->uuid);
  sqlite3_bind_blob (stmt, 6, hash, HASH_BYTES, SQLITE_TRANSIENT);
  return step_once (w, stmt, error) && write_audit_head (w, hash, error);
}

static gboolean
write_search (BenchWriter  *w,
              int           kind,
              gint64        id,
              const char   *text,
              gint64        child_id,
              GError      **error)
{
  sqlite3_stmt *stmt = w->stmts[INSERT_SEARCH];

  sqlite3_bind_int64 (stmt, 1, BENCH_SEARCH_ROWID (kind, id));
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, child_id);
  return step_once (w, stmt, error);
}

static void
bind_meta (BenchWriter  *w,
           sqlite3_stmt *stmt)
{
  g_autofree char *uuid = make_uuid (w->rand);

  g_strlcpy (w->uuid, uuid, sizeof w->uuid);
  bind_text (stmt, 1, w->uuid);
  bind_text (stmt, 2, w->stamp);
  bind_text (stmt, 3, w->author);
  bind_text (stmt, 4, w->stamp);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           column,
            char          type,
            va_list      *args)
{
  if (type == 'i')
    sqlite3_bind_int (stmt, column, va_arg (*args, int));
  else if (type == 'I')
    sqlite3_bind_int64 (stmt, column, va_arg (*args, gint64));
  else
    bind_text (stmt, column, va_arg (*args, const char *));
}

/* Writes a record, then its audit entry.  Binds the audit columns, then
 * one value per letter of @types: 'i' an int, 'I' a gint64, 't' a string
 * or NULL.  Callers draw random values before the call: the order in
 * which arguments are evaluated is unspecified, and every engine must
 * store the same data. */
static gboolean
insert_row (BenchWriter  *w,
            guint         which,
            gint64       *id,
            GError      **error,
            const char   *types,
            ...)
{
  sqlite3_stmt *stmt = w->stmts[which];
  va_list args;

  g_assert (sqlite3_bind_parameter_count (stmt) == N_META + (int) strlen (types));
  bind_meta (w, stmt);
  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    bind_value (stmt, N_META + 1 + i, types[i], &args);
  va_end (args);
  if (!step_once (w, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (w->db);
  return write_audit (w, record_columns[which][0], error);
}

/* Staff and settings --------------------------------------------------------- */

static gboolean
insert_worker (BenchWriter  *w,
               guint         i,
               GError      **error)
{
  g_autofree char *login = g_strdelimit (g_ascii_strdown (workers[i], -1), " ", '.');
  g_autofree char *email = g_strconcat (login, "@example.org", NULL);
  g_autofree char *phone = g_strdup_printf ("01632 960%03d", g_rand_int_range (w->rand, 0, 1000));
  const char *role = PICK (w->rand, roles);
  const char *agency = PICK (w->rand, agencies);

  return insert_row (w, INSERT_WORKER, NULL, error, "ttttt", workers[i], role, agency, email,
                     phone);
}

static gboolean
insert_setting (BenchWriter  *w,
                guint         i,
                GError      **error)
{
  const char *const *kind = setting_kinds[i % G_N_ELEMENTS (setting_kinds)];
  g_autofree char *name = g_strdup_printf ("%s %s", places[i / G_N_ELEMENTS (setting_kinds) %
                                                           G_N_ELEMENTS (places)], kind[0]);
  int urn = g_rand_int_range (w->rand, 100000, 1000000);

  return insert_row (w, INSERT_SETTING, NULL, error, "tit", name, urn, kind[1]);
}

/* Children ------------------------------------------------------------------- */

typedef struct
{
  const char *given;
  const char *family;
  const char *preferred;
  const char *sex;
  const char *year_group;
  const char *ethnicity;
  const char *language;
  const char *sen_provision;
  const char *trusted_adult;
  char date_of_birth[11];
  char *upn;
  char *nhs_number;
  gint64 setting_id;
  gint64 key_worker_id;
  gint64 lead_practitioner_id;
  int looked_after;
  int child_protection;
  int pupil_premium;
} ChildRow;

static void
draw_child (BenchWriter *w,
            guint        index,
            ChildRow    *row)
{
  int sen = g_rand_int_range (w->rand, 0, 10);

  row->given = PICK (w->rand, given_names);
  row->family = PICK (w->rand, family_names);
  row->preferred = g_rand_int_range (w->rand, 0, 5) == 0 ? PICK (w->rand, given_names) : NULL;
  row->sex = PICK (w->rand, sexes);
  row->year_group = PICK (w->rand, year_groups);
  row->ethnicity = PICK (w->rand, ethnicities);
  row->language = PICK (w->rand, languages);
  row->sen_provision = sen == 0 ? "N" : sen == 1 ? "E" : "K";
  row->trusted_adult = g_rand_int_range (w->rand, 0, 2) == 0 ? PICK (w->rand, workers) : NULL;
  make_date (w->rand, g_rand_int_range (w->rand, 2008, 2021), 1, 12, row->date_of_birth);
  row->upn = make_upn (index, w->seed);
  row->nhs_number = g_rand_int_range (w->rand, 0, 10) < 7 ? make_nhs_number (w->rand) : NULL;
  row->setting_id = g_rand_int_range (w->rand, 1, N_SETTINGS + 1);
  row->key_worker_id = g_rand_int_range (w->rand, 1, N_WORKERS + 1);
  row->lead_practitioner_id = g_rand_int_range (w->rand, 1, N_WORKERS + 1);
  row->looked_after = g_rand_int_range (w->rand, 0, 30) == 0;
  row->child_protection = g_rand_int_range (w->rand, 0, 25) == 0;
  row->pupil_premium = g_rand_int_range (w->rand, 0, 4) == 0;
}

/* What the core indexes a child by: names and UPN, in field order. */
static char *
child_search_text (const ChildRow *row)
{
  if (row->preferred != NULL)
    return g_strjoin (" ", row->given, row->family, row->preferred, row->upn, NULL);
  return g_strjoin (" ", row->given, row->family, row->upn, NULL);
}

static gboolean
insert_child (BenchWriter      *w,
              guint             index,
              const ChildPlan  *plan,
              gint64           *child_id,
              GError          **error)
{
  ChildRow row;
  g_autofree char *text = NULL;
  gboolean ok;

  draw_child (w, index, &row);
  text = child_search_text (&row);
  ok = insert_row (w, INSERT_CHILD, child_id, error, "ttttttitItttitiiitIIit", row.given,
                   row.family, row.preferred, row.date_of_birth, row.sex, row.upn, 0,
                   row.nhs_number, row.setting_id, row.year_group, row.ethnicity, row.language,
                   g_strcmp0 (row.language, "English") != 0, row.sen_provision,
                   row.looked_after, row.child_protection, row.pupil_premium,
                   row.trusted_adult, row.key_worker_id, row.lead_practitioner_id,
                   plan->levels[1], plan->reviews[2]) &&
       write_search (w, BENCH_KIND_CHILD, *child_id, text, *child_id, error);
  g_free (row.upn);
  g_free (row.nhs_number);
  return ok;
}

/* Levels, then the review dates of the two closed cycles and the open one:
 * a third or so of open reviews fall before the end of 2026, overdue. */
static void
plan_child (BenchWriter *w,
            ChildPlan   *plan)
{
  int k;

  plan->levels[0] = g_rand_int_range (w->rand, 1, 3);
  plan->levels[1] = g_rand_int_range (w->rand, 1, 4);
  if (plan->levels[1] >= plan->levels[0])
    plan->levels[1]++;
  for (int n = 0; n < 2; n++)
    make_date (w->rand, 2024 + n, 9, 12, plan->reviews[n]);
  k = g_rand_int_range (w->rand, 0, 12);
  if (k < 6)
    make_date (w->rand, 2026, 7 + k, 7 + k, plan->reviews[2]);
  else
    make_date (w->rand, 2027, k - 5, k - 5, plan->reviews[2]);
}

static gboolean
insert_level_changes (BenchWriter      *w,
                      gint64            child_id,
                      const ChildPlan  *plan,
                      GError          **error)
{
  for (int i = 0; i < 2; i++)
    {
      char date[11];
      g_autofree char *reason = NULL;
      const char *route = i == 0 ? "initial" : PICK (w->rand, level_routes);
      const char *decided_by = PICK (w->rand, workers);

      make_date (w->rand, 2023 + i, 1, 12, date);
      reason = make_text (w, 100, 300);
      if (!insert_row (w, INSERT_LEVEL_CHANGE, NULL, error, "Itiittt", child_id, date,
                       i == 0 ? 0 : plan->levels[0], plan->levels[i], reason, route,
                       decided_by))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *texts[9];
} CycleTexts;

/* Assessment and plan for every cycle, the review for closed ones. */
static void
draw_cycle_texts (BenchWriter *w,
                  gboolean     closed,
                  CycleTexts  *t)
{
  memset (t, 0, sizeof *t);
  for (guint i = 0; i < 3; i++)
    t->texts[i] = make_text (w, 80, 250);
  for (guint i = 3; i < (closed ? 9u : 6u); i++)
    t->texts[i] = make_text (w, 60, 200);
}

static gboolean
insert_cycle (BenchWriter      *w,
              gint64            child_id,
              const ChildPlan  *plan,
              int               n,
              gint64           *cycle_id,
              GError          **error)
{
  gboolean closed = n < 2;
  const char *review = plan->reviews[n];
  const char *decision = closed ? PICK (w->rand, decisions) : NULL;
  char opened[11];
  CycleTexts t;
  gboolean ok;

  make_date (w->rand, 2024 + n, 1, 6, opened);
  draw_cycle_texts (w, closed, &t);
  ok = insert_row (w, INSERT_CYCLE, cycle_id, error, "Ii" "tttttttt" "i" "tttttttt", child_id,
                   n + 1, closed ? "closed" : "review", opened, t.texts[0], t.texts[1],
                   t.texts[2], t.texts[3], t.texts[4], opened, 1, t.texts[5], review,
                   closed ? review : NULL, t.texts[6], t.texts[7], decision, t.texts[8],
                   closed ? review : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (t.texts); i++)
    g_free (t.texts[i]);
  return ok;
}

/* Four outcomes, each rated. */
static gboolean
insert_outcomes (BenchWriter  *w,
                 gint64        child_id,
                 gint64        cycle_id,
                 const char   *target_date,
                 gint64       *first_outcome_id,
                 GError      **error)
{
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *description = make_text (w, 60, 200);
      g_autofree char *criteria = make_text (w, 60, 160);
      g_autofree char *evidence = make_text (w, 50, 200);
      const char *rated = PICK (w->rand, progress);
      gint64 outcome_id;

      if (!insert_row (w, INSERT_OUTCOME, &outcome_id, error, "IIttt", child_id, cycle_id,
                       description, criteria, target_date) ||
          !insert_row (w, INSERT_RATING, NULL, error, "IItt", child_id, outcome_id, rated,
                       evidence))
        return FALSE;
      if (i == 0)
        *first_outcome_id = outcome_id;
    }
  return TRUE;
}

static gboolean
insert_cycles (BenchWriter      *w,
               gint64            child_id,
               const ChildPlan  *plan,
               gint64           *cycle_ids,
               gint64           *outcome_ids,
               GError          **error)
{
  for (int n = 0; n < 3; n++)
    if (!insert_cycle (w, child_id, plan, n, &cycle_ids[n], error) ||
        !insert_outcomes (w, child_id, cycle_ids[n], plan->reviews[n], &outcome_ids[n], error))
      return FALSE;
  return TRUE;
}

/* Provision @i belongs to cycle @i + 1 (2025 or 2026) and starts on 1 July. */
static gboolean
insert_provision (BenchWriter      *w,
                  gint64            child_id,
                  const ChildPlan  *plan,
                  int               i,
                  const gint64     *cycle_ids,
                  const gint64     *outcome_ids,
                  gint64           *provision_id,
                  GError          **error)
{
  g_autofree char *start = g_strdup_printf ("%d-07-01", 2025 + i);
  int times = g_rand_int_range (w->rand, 1, 6);
  int minutes = 10 * g_rand_int_range (w->rand, 1, 7);
  g_autofree char *frequency = g_strdup_printf ("%d x %d minutes weekly", times, minutes);
  const char *intervention = PICK (w->rand, interventions);
  const char *staff = PICK (w->rand, workers);
  int cost = 100 * g_rand_int_range (w->rand, 50, 3000);

  return insert_row (w, INSERT_PROVISION, provision_id, error, "IIIttttti", child_id,
                     cycle_ids[i + 1], outcome_ids[i + 1], intervention, frequency, staff,
                     start, i == 0 ? plan->reviews[1] : NULL, cost);
}

static gboolean
insert_provisions (BenchWriter      *w,
                   gint64            child_id,
                   const ChildPlan  *plan,
                   const gint64     *cycle_ids,
                   const gint64     *outcome_ids,
                   GError          **error)
{
  gint64 provision_ids[2];

  for (int i = 0; i < 2; i++)
    if (!insert_provision (w, child_id, plan, i, cycle_ids, outcome_ids, &provision_ids[i],
                           error))
      return FALSE;
  for (int i = 0; i < 3; i++)
    {
      char date[11];
      g_autofree char *notes = NULL;
      const char *staff = PICK (w->rand, workers);
      const char *engagement = PICK (w->rand, engagements);
      int attended = g_rand_int_range (w->rand, 0, 8) > 0;

      make_date (w->rand, 2025 + i % 2, 7, 8, date);
      notes = make_text (w, 50, 200);
      if (!insert_row (w, INSERT_SESSION, NULL, error, "IIttitt", child_id,
                       provision_ids[i % 2], date, staff, attended, engagement, notes))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_contribution (BenchWriter   *w,
                     gint64         child_id,
                     int            i,
                     const gint64  *cycle_ids,
                     GError       **error)
{
  char date[11];
  g_autofree char *text = NULL;
  const char *agency = PICK (w->rand, agencies);
  const char *person = PICK (w->rand, workers);
  const char *role = PICK (w->rand, roles);
  const char *stage = PICK (w->rand, stages);
  gint64 id;

  make_date (w->rand, 2024 + i % 3, 1, 10, date);
  text = make_text (w, 100, 400);
  return insert_row (w, INSERT_CONTRIBUTION, &id, error, "IItttttt", child_id,
                     cycle_ids[i % 3], agency, person, role, date, stage, text) &&
         write_search (w, BENCH_KIND_CONTRIBUTION, id, text, child_id, error);
}

static gboolean
insert_writing (BenchWriter   *w,
                gint64         child_id,
                const gint64  *cycle_ids,
                GError       **error)
{
  char date[11];
  g_autofree char *text = NULL;
  gint64 id;

  for (int i = 0; i < 6; i++)
    if (!insert_contribution (w, child_id, i, cycle_ids, error))
      return FALSE;
  make_date (w->rand, g_rand_int_range (w->rand, 2024, 2027), 1, 10, date);
  text = make_text (w, 100, 400);
  return insert_row (w, INSERT_NOTE, &id, error, "Itt", child_id, date, text) &&
         write_search (w, BENCH_KIND_NOTE, id, text, child_id, error);
}

/* Public --------------------------------------------------------------------- */

static gboolean
prepare_statements (BenchWriter  *w,
                    GError      **error)
{
  char *sql[N_STATEMENTS];
  gboolean ok;

  for (guint i = 0; i < N_RECORD_INSERTS; i++)
    {
      g_autoptr(GString) values = g_string_new ("?, ?, ?, ?");

      for (const char *c = record_columns[i][1]; *c != '\0'; c++)
        if (*c == ',' || c == record_columns[i][1])
          g_string_append (values, ", ?");
      sql[i] = g_strdup_printf ("INSERT INTO %s (uuid, created_at, created_by, updated_at, %s) "
                                "VALUES (%s)", record_columns[i][0], record_columns[i][1],
                                values->str);
    }
  for (guint i = N_RECORD_INSERTS; i < N_STATEMENTS; i++)
    sql[i] = g_strdup (other_sql[i - N_RECORD_INSERTS]);
  ok = bench_prepare_all (w->db, (const char *const *) sql, N_STATEMENTS, w->stmts, error);
  for (guint i = 0; i < N_STATEMENTS; i++)
    g_free (sql[i]);
  return ok;
}

/**
 * bench_writer_new:
 * @db: a connection to a database with the records schema
 *
 * Returns: (transfer full): a writer of records drawn from @seed, or %NULL
 */
BenchWriter *
bench_writer_new (sqlite3  *db,
                  guint32   seed,
                  GError  **error)
{
  g_autoptr(BenchWriter) w = g_new0 (BenchWriter, 1);

  w->db = db;
  w->seed = seed;
  w->rand = g_rand_new_with_seed (seed);
  w->text = g_string_sized_new (512);
  w->author = workers[0];
  g_strlcpy (w->stamp, "2025-01-01T00:00:00Z", sizeof w->stamp);
  if (!prepare_statements (w, error) ||
      !bench_query_int (db, "SELECT coalesce(max(id), 0) FROM audit", &w->audit_id, error))
    return NULL;
  return g_steal_pointer (&w);
}

void
bench_writer_free (BenchWriter *w)
{
  if (w == NULL)
    return;
  bench_finalize_all (w->stmts, N_STATEMENTS);
  g_clear_pointer (&w->rand, g_rand_free);
  g_string_free (w->text, TRUE);
  g_free (w);
}

/**
 * bench_writer_add_staff:
 *
 * Writes the workers and settings children refer to, in no transaction of
 * its own.
 */
gboolean
bench_writer_add_staff (BenchWriter  *w,
                        GError      **error)
{
  for (guint i = 0; i < N_WORKERS; i++)
    if (!insert_worker (w, i, error))
      return FALSE;
  for (guint i = 0; i < N_SETTINGS; i++)
    if (!insert_setting (w, i, error))
      return FALSE;
  return TRUE;
}

/**
 * bench_writer_write_child:
 * @index: the child's number from 0, which makes its UPN
 *
 * Writes one child and their records, in no transaction of its own: the
 * child, 2 level changes, 3 cycles of 4 outcomes with a rating each, 2
 * provisions, 3 sessions, 6 contributions and a note.
 */
gboolean
bench_writer_write_child (BenchWriter  *w,
                          guint         index,
                          GError      **error)
{
  ChildPlan plan;
  gint64 child_id = 0;
  gint64 cycle_ids[3], outcome_ids[3];

  w->author = PICK (w->rand, workers);
  g_snprintf (w->stamp, sizeof w->stamp, "2025-%02u-%02uT%02u:%02u:%02uZ",
              1 + index % 12, 1 + index % 28, index % 24, index % 60, (index / 60) % 60);
  plan_child (w, &plan);
  return insert_child (w, index, &plan, &child_id, error) &&
         insert_level_changes (w, child_id, &plan, error) &&
         insert_cycles (w, child_id, &plan, cycle_ids, outcome_ids, error) &&
         insert_provisions (w, child_id, &plan, cycle_ids, outcome_ids, error) &&
         insert_writing (w, child_id, cycle_ids, error);
}

/**
 * bench_make_searches:
 *
 * Returns: (transfer full): %BENCH_N_SEARCHES full-text queries: names,
 *   UPNs, topics and name prefixes, as a person would type them
 */
char **
bench_make_searches (guint   n_children,
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
