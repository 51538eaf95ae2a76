/* pw-demo.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Synthetic case records, for demonstrations, training and load tests.
 *
 * Everything is invented.  Names are drawn at random from lists of common
 * given and family names; the settings are made-up names; NHS numbers are
 * in the 999 range, which is never issued; phone numbers are in Ofcom's
 * range for drama.  The same seed, on the same "today" (see
 * pw_set_today()), gives the same records.
 *
 * Each child's story is planned first, as dates: when the child became
 * known, the APDR cycles (closed ones, then perhaps one still open) and the
 * level changes, which fall on the reviews that decided them.  Then it is
 * written through pw_caseload_save() and pw_caseload_advance_cycle(), so
 * every rule a person meets holds for the demo data too.  A batch of
 * children shares one transaction, which is what makes thousands quick.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-identifiers.h"

#define BATCH_SIZE   100
#define MAX_CYCLES   5
#define MAX_LEVELS   4
#define N_TERMS      3
#define RECEPTION    2   /* year-group index of Reception; 0 is N1 */
#define LA_NUMBER    916 /* Gloucestershire */

typedef enum
{
  STAGE_ASSESS,
  STAGE_PLAN,
  STAGE_DO,
  STAGE_REVIEW,
  STAGE_CLOSED,
} DemoStage;

typedef struct
{
  const char *const *girls;
  guint n_girls;
  const char *const *boys;
  guint n_boys;
  const char *const *families;
  guint n_families;
  const char *const *languages;
  guint n_languages;
} DemoNames;

typedef struct
{
  const char *name;
  const char *phase;
  guint estab;       /* the establishment number in its pupils' UPNs */
  guint first_year;  /* year-group indexes it teaches */
  guint last_year;
} DemoSettingInfo;

typedef struct
{
  const char *role;
  const char *agency;
} DemoRole;

typedef struct
{
  const char *need;
  const char *barrier;
  const char *outcomes[3];
  const char *criteria[3];
  const char *interventions[3];
} DemoArea;

typedef struct
{
  char academic_year[8];
  const char *term;
  guint start_year;
  gint64 possible;
} DemoTerm;

typedef struct
{
  guint32 opened;
  guint32 review;    /* the agreed review date; 0 when not set yet */
  guint32 held;      /* when the review was held; 0 when not yet */
  DemoStage stage;   /* where the cycle is now */
  const char *decision;
} DemoCycle;

typedef struct
{
  guint32 day;
  guint to;
  const char *route;
} DemoLevel;

typedef struct
{
  PwCaseload *caseload;
  GRand *rand;
  guint32 today;
  guint school_year;  /* the year the current school year began */
  DemoTerm terms[N_TERMS];
  gint64 settings[12];
  guint n_workers;
  gint64 *worker_ids;
  char **worker_names;
  GHashTable *upn_serials;
  guint n_children;
  guint done;
} PwDemo;

typedef struct
{
  gint64 id;
  guint32 born;
  guint32 earliest;   /* the first day services could have known the child */
  guint32 since;      /* the day they did */
  guint year;         /* year-group index */
  guint level;
  guint area;         /* index into areas[] of the main need */
  const DemoNames *names;
  const char *sex;
  const char *sen;
  const char *given;
  const char *family;
  char *parent;
  gint64 lead;
  guint lead_index;
  gboolean needs_lead;
  guint n_cycles;
  DemoCycle cycles[MAX_CYCLES];
  guint n_levels;
  DemoLevel levels[MAX_LEVELS];
} DemoChild;

#define LIST(array) array, G_N_ELEMENTS (array)
#define PICK(d, array) ((array)[g_rand_int_range ((d)->rand, 0, G_N_ELEMENTS (array))])

/* Word lists -------------------------------------------------------------------- */

static const char *const british_girls[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
  "Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
  "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Matilda", "Ruby", "Alice",
  "Chloe", "Jessica", "Holly", "Megan", "Lucy", "Hannah", "Erin", "Imogen", "Maisie", "Layla",
  "Zara",
};

static const char *const british_boys[] = {
  "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry",
  "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo",
  "Lucas", "Isaac", "Tommy", "Edward", "Joshua", "James", "William", "Max", "Ethan", "Samuel",
  "Riley", "Dylan", "Logan", "Mason", "Reuben", "Toby", "Harrison", "Callum", "Kai", "Elijah",
};

static const char *const british_families[] = {
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
  "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
  "Jackson", "Clarke", "Harris", "Lewis", "Hughes", "Edwards", "Turner", "Hill", "Moore",
  "Cooper", "Ward", "Morris", "King", "Watson", "Baker", "Harrison", "Morgan", "Parker",
  "Bennett", "Price", "Griffiths", "Cook", "Bailey", "Carter", "Phillips", "Shaw", "Mitchell",
  "Lloyd", "Webb", "Fisher", "Pearce", "Powell", "Gardner", "Hayward", "Drinkwater", "Hooper",
  "Fletcher", "Savage", "Bishop", "Tucker", "Brooks", "Cole",
};

static const char *const irish_families[] = {
  "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "Doyle", "McCarthy", "Walsh", "Quinn", "Nolan",
};

static const char *const south_asian_girls[] = {
  "Aisha", "Maryam", "Zainab", "Amira", "Anaya", "Priya", "Riya", "Fatima", "Inaaya", "Sana",
};

static const char *const south_asian_boys[] = {
  "Muhammad", "Ibrahim", "Yusuf", "Ayaan", "Zayan", "Arjun", "Rohan", "Aarav", "Hamza", "Ali",
};

static const char *const south_asian_families[] = {
  "Khan", "Ahmed", "Hussain", "Ali", "Patel", "Sharma", "Rahman", "Uddin", "Akhtar", "Iqbal",
  "Shah", "Mistry", "Chowdhury", "Malik",
};

static const char *const south_asian_languages[] = { "Urdu", "Punjabi", "Bengali", "Gujarati" };

static const char *const african_girls[] = {
  "Amara", "Nia", "Zuri", "Adaeze", "Abena", "Imani", "Kemi", "Chioma",
};

static const char *const african_boys[] = {
  "Kofi", "Tobi", "Emeka", "Kwame", "Malachi", "Jayden", "Tyrese", "Femi",
};

static const char *const african_families[] = {
  "Okafor", "Mensah", "Adeyemi", "Osei", "Owusu", "Boateng", "Nwosu", "Asante", "Eze", "Bello",
};

static const char *const african_languages[] = { "Yoruba", "Twi", "Igbo", "Somali" };

static const char *const european_girls[] = {
  "Zofia", "Julia", "Maja", "Lena", "Alicja", "Ioana", "Elena", "Hanna",
};

static const char *const european_boys[] = {
  "Jakub", "Antoni", "Filip", "Szymon", "Andrei", "Matei", "Luka", "Mateusz",
};

static const char *const european_families[] = {
  "Nowak", "Kowalski", "Wisniewski", "Wojcik", "Popescu", "Ionescu", "Horvath", "Kovac",
  "Petrov", "Silva", "Santos",
};

static const char *const european_languages[] = {
  "Polish", "Romanian", "Bulgarian", "Lithuanian", "Portuguese",
};

static const char *const chinese_girls[] = { "Mei", "Lin", "Xinyi", "Yuxi" };
static const char *const chinese_boys[] = { "Wei", "Hao", "Jun", "Zihan" };
static const char *const chinese_families[] = { "Chen", "Wang", "Li", "Zhang", "Wong", "Liu" };
static const char *const chinese_languages[] = { "Mandarin", "Cantonese" };

enum
{
  NAMES_BRITISH,
  NAMES_IRISH,
  NAMES_SOUTH_ASIAN,
  NAMES_AFRICAN,
  NAMES_EUROPEAN,
  NAMES_CHINESE,
};

static const DemoNames name_groups[] = {
  { LIST (british_girls), LIST (british_boys), LIST (british_families), NULL, 0 },
  { LIST (british_girls), LIST (british_boys), LIST (irish_families), NULL, 0 },
  { LIST (south_asian_girls), LIST (south_asian_boys), LIST (south_asian_families),
    LIST (south_asian_languages) },
  { LIST (african_girls), LIST (african_boys), LIST (african_families), LIST (african_languages) },
  { LIST (european_girls), LIST (european_boys), LIST (european_families),
    LIST (european_languages) },
  { LIST (chinese_girls), LIST (chinese_boys), LIST (chinese_families), LIST (chinese_languages) },
};

static const char *const mothers[] = {
  "Sarah", "Emma", "Laura", "Gemma", "Rebecca", "Kirsty", "Hayley", "Natalie", "Stacey",
  "Claire", "Jodie", "Amy", "Leanne", "Nicola", "Katie", "Danielle",
};

static const char *const fathers[] = {
  "Daniel", "Mark", "Lee", "Craig", "Paul", "Matthew", "Steven", "Ryan", "Adam", "Jamie",
  "Chris", "Darren", "Wayne", "Gareth", "Ben", "Luke",
};

/* Weights in the order of the DfE ethnicity table (WBRI first, NOBT last). */
static const guint ethnicity_weights[] = {
  760, 5, 3, 50, 6, 15, 6, 12, 15, 15, 8, 6, 10, 6, 20, 5, 5, 12, 10, 11,
};

static const DemoSettingInfo setting_infos[] = {
  { "Bluebell Lane Nursery", "Early years", 1012, 0, 1 },
  { "Severn Reach Primary School", "Primary", 2041, 1, 8 },
  { "Forest Glade Primary School", "Primary", 2087, 1, 8 },
  { "Cotswold Beacon Primary School", "Primary", 2133, 2, 8 },
  { "Stroudwater Mill Primary School", "Primary", 2176, 2, 8 },
  { "Abbey Meadows Primary School", "Primary", 2219, 1, 8 },
  { "Chelt Vale Primary School", "Primary", 2254, 2, 8 },
  { "Gloucester Docklands Academy", "Secondary", 4032, 9, 15 },
  { "Forest Ridge Academy", "Secondary", 4075, 9, 13 },
  { "Cotswold Hills High School", "Secondary", 4118, 9, 15 },
  { "Five Valleys Sixth Form College", "Post-16", 4160, 14, 16 },
  { "Wychwood Brook School", "Special", 7021, 2, 16 },
};

/* Workers take these roles in turn, so worker i has role i % N_ROLES. */
static const DemoRole roles[] = {
  { "Family support worker", "early-help" },
  { "SENCO", "education-setting" },
  { "Social worker", "social-care" },
  { "School nurse", "school-nursing" },
  { "Educational psychologist", "educational-psychology" },
  { "Speech and language therapist", "speech-language-therapy" },
  { "Mental health practitioner", "camhs" },
  { "Advisory teacher", "advisory-teaching" },
};
#define N_ROLES G_N_ELEMENTS (roles)

/* By broad area of need: communication and interaction, cognition and
 * learning, social, emotional and mental health, sensory and physical. */
static const char *const area_codes[] = { "CI", "CL", "SEMH", "SP" };

static const DemoArea areas[] = {
  {
    "Finds spoken instructions hard to follow and rarely joins in with other children",
    "Busy, noisy classroom; changes to routine without warning",
    { "Follow a two-step spoken instruction in class",
      "Ask an adult for help using a phrase or a symbol card",
      "Take turns in a small-group game" },
    { "Follows 4 out of 5 two-step instructions, observed over two weeks",
      "Asks for help unprompted at least once a day for a fortnight",
      "Takes turns in three group sessions in a row without adult help" },
    { "Small-group language programme", "Visual timetable and now-next board",
      "Social communication group" },
  },
  {
    "Reading and spelling are well behind peers; slow to recall number facts",
    "Written tasks without scaffolding; copying from the board",
    { "Read and spell 30 high-frequency words",
      "Recall number bonds to 10 quickly",
      "Write five sentences with capital letters and full stops" },
    { "Reads 30 of 30 words and spells 25 in a dictation",
      "Answers 20 bonds in two minutes on three occasions",
      "Three pieces of independent writing meet the criteria" },
    { "Precision teaching of key words", "Daily phonics catch-up",
      "Small-group maths with concrete resources" },
  },
  {
    "Anxious about coming to school; angry outbursts at unstructured times",
    "Lunchtimes and transitions between lessons; friendship difficulties",
    { "Name three feelings and a calming strategy for each",
      "Stay in class for whole lessons on four days out of five",
      "Come into school calmly each morning" },
    { "Names feelings and strategies with a trusted adult in two sessions",
      "Classroom log shows whole lessons on 80% of days over four weeks",
      "Arrives and settles within ten minutes on 9 of 10 days" },
    { "Emotional literacy sessions with a trained assistant", "Nurture group",
      "Calm space and a lunchtime club" },
  },
  {
    "Hearing loss affects access to whole-class teaching; tires quickly",
    "Background noise; printed material in small type; stairs",
    { "Use the radio aid in every lesson",
      "Use enlarged materials and the laptop independently",
      "Move safely around the site at lesson changes" },
    { "Radio aid log complete for two weeks",
      "Completes three tasks with enlarged materials with no adult prompt",
      "Moves between lessons on time and safely for a fortnight" },
    { "Sensory support advisory visits", "Touch-typing programme",
      "Physiotherapy exercise programme" },
  },
};

static const char *const strengths[] = {
  "Kind and helpful; loves drawing and building",
  "Good sense of humour; enjoys football and being outdoors",
  "Curious and chatty with adults; strong memory for facts",
  "Works hard when interested; good at computing",
  "Caring towards younger children; enjoys music",
};

static const char *const child_views[] = {
  "I like it when someone explains things again. I don't like it when it's loud.",
  "I want to have more friends at playtime.",
  "Reading is hard but I like the stories.",
  "I get cross when I don't know what is happening next.",
  "I like my TA. I want to do more art.",
};

static const char *const parent_views[] = {
  "We see the same worries at home and want to work together on them.",
  "Mornings are very hard; we would like more help getting into school.",
  "We are pleased with the support and want it to continue.",
  "We feel things have got worse since the start of term.",
};

static const char *const frequencies[] = {
  "3 x 20 minutes a week", "Daily, 10 minutes", "Weekly, 30 minutes", "Twice a week, 45 minutes",
};

static const char *const deliverers[] = {
  "Teaching assistant", "Class teacher", "SENCO", "Learning mentor",
  "Speech and language therapist",
};

static const char *const rating_codes[] = { "not-met", "partly-met", "met", "exceeded" };
static const guint rating_weights[] = { 15, 40, 35, 10 };

static const char *const rating_evidence[] = {
  "Observation in class and the intervention log",
  "Work samples compared with the start of the cycle",
  "Assessment at review and the teacher's notes",
  "Parent and child views, and the attendance record",
};

static const char *const engagement_codes[] = { "1", "2", "3", "4", "5" };
static const guint engagement_weights[] = { 5, 10, 30, 35, 20 };

static const char *const session_notes[] = {
  "Settled quickly and finished the task",
  "Tired today; shorter session",
  "Good progress; ready for the next step",
  "Needed several prompts to start",
};

static const char *const note_texts[] = {
  "Telephone call with parent about attendance this week",
  "Parent reports better sleep and calmer mornings",
  "Observed in class: needed support to start tasks but finished them",
  "Discussed transition arrangements with the receiving setting",
  "Child said they enjoyed the lunchtime club",
  "Letter sent home with the dates of the next review",
};

static const char *const contribution_texts[] = {
  "Assessment completed; recommendations attached to this plan",
  "Seen at home with parent; family would value help with routines",
  "Health check unremarkable; no change to medication",
  "Advice given on strategies for the classroom",
  "Attended the review and agreed to continue the programme",
};

static const char *const level_reasons[] = {
  [0] = "Needs met by the setting with some extra help",
  [1] = "Emerging needs; school and health working together",
  [2] = "Complex needs across home and school; multi-agency plan agreed",
  [3] = "Enduring needs requiring a statutory response",
};

static const char *const exclusion_reasons[] = {
  "Physical assault against a pupil",
  "Persistent disruptive behaviour",
  "Verbal abuse against an adult",
  "Damage to school property",
};

static const char *const action_texts[] = {
  "Refer to the school nursing service",
  "Share the plan with the new class teacher",
  "Arrange a home visit",
  "Request advice from the educational psychology service",
  "Set up a morning meet-and-greet",
};

static const char *const forum_questions[] = {
  "How can partners help the family get the child into school each day?",
  "Which service is best placed to lead support for the family?",
  "Does the evidence support a request for an EHC needs assessment?",
};

/* Randomness ---------------------------------------------------------------------- */

static guint
range (PwDemo *d, guint lo, guint hi)
{
  return (guint) g_rand_int_range (d->rand, lo, hi + 1);
}

static gboolean
chance (PwDemo *d, guint percent)
{
  return (guint) g_rand_int_range (d->rand, 0, 100) < percent;
}

static guint
weighted (PwDemo *d, const guint *weights, guint n)
{
  guint total = 0;
  guint roll;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  roll = range (d, 0, total - 1);
  for (guint i = 0; i < n; i++)
    {
      if (roll < weights[i])
        return i;
      roll -= weights[i];
    }
  return n - 1;
}

/* A day between @first and @last, inclusive; @first if the span is empty. */
static guint32
day_between (PwDemo *d, guint32 first, guint32 last)
{
  return last > first ? first + range (d, 0, last - first) : first;
}

/* Dates --------------------------------------------------------------------------- */

static guint32
julian_for (guint year, guint month, guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
set_date (PwRecord *record, const char *field, guint32 day)
{
  char text[16];
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  pw_record_set_text (record, field, text);
}

/* @text is a date this file wrote, or pw_today(). */
static guint32
julian_of (const char *text)
{
  GDate date;
  gboolean valid = pw_date_parse (text, &date);

  g_assert (valid);
  return g_date_get_julian (&date);
}

/* The year in which the school year holding @day began (1 September). */
static guint
school_year_of (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_date_get_year (&date) - (g_date_get_month (&date) < G_DATE_SEPTEMBER);
}

static guint32
years_before (guint32 day, guint years)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_subtract_years (&date, years);
  return g_date_get_julian (&date);
}

/* The last three terms that have ended, oldest first. */
static void
plan_terms (PwDemo *d)
{
  static const char *const names[] = { "autumn", "spring", "summer" };
  static const guint end_month[] = { 12, 3, 7 };
  static const guint end_day[] = { 19, 28, 21 };
  static const gint64 possible[] = { 142, 118, 128 };
  guint found = 0;

  for (int year = d->school_year; found < N_TERMS; year--)
    for (int t = 2; t >= 0 && found < N_TERMS; t--)
      {
        guint end_year = t == 0 ? year : year + 1;
        DemoTerm *term = &d->terms[N_TERMS - 1 - found];

        if (julian_for (end_year, end_month[t], end_day[t]) >= d->today)
          continue;
        g_snprintf (term->academic_year, sizeof term->academic_year, "%d/%02d", year,
                    (year + 1) % 100);
        term->term = names[t];
        term->start_year = year;
        term->possible = possible[t];
        found++;
      }
}

/* Writing helpers ------------------------------------------------------------------ */

static PwRecord *
child_record (DemoChild *c, GType type)
{
  PwRecord *record = pw_record_new (type);

  pw_record_set_int (record, "child-id", c->id);
  return record;
}

static gboolean
save (PwDemo *d, PwRecord *record, GError **error)
{
  if (pw_caseload_save (d->caseload, record, error))
    return TRUE;
  g_prefix_error (error, "%s: ", pw_record_get_table (record));
  return FALSE;
}

static gboolean
save_and_free (PwDemo *d, PwRecord *record, GError **error)
{
  g_autoptr(PwRecord) owned = record;

  return save (d, owned, error);
}

static const char *
worker_name (PwDemo *d, guint index)
{
  return d->worker_names[index];
}

/* A worker of role @role (an index into roles[]). */
static guint
pick_worker (PwDemo *d, guint role)
{
  return range (d, 0, d->n_workers / N_ROLES - 1) * N_ROLES + role;
}

/* Settings and workers ------------------------------------------------------------- */

static gboolean
describe (PwDemo *d, GType type, gint64 id, const char *field, const char *value,
          const char *field2, const char *value2, GError **error)
{
  g_autoptr(PwRecord) record = pw_caseload_load (d->caseload, type, id, error);

  if (record == NULL)
    return FALSE;
  if (pw_record_is_set (record, field))
    return TRUE;
  pw_record_set_text (record, field, value);
  if (field2 != NULL)
    pw_record_set_text (record, field2, value2);
  return save (d, record, error);
}

static gboolean
add_settings (PwDemo *d, GError **error)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (setting_infos) == G_N_ELEMENTS (d->settings));

  for (guint i = 0; i < G_N_ELEMENTS (setting_infos); i++)
    {
      d->settings[i] = pw_caseload_ensure_setting (d->caseload, setting_infos[i].name, error);
      if (d->settings[i] == 0 ||
          !describe (d, PW_TYPE_SETTING, d->settings[i], "phase", setting_infos[i].phase,
                     NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_workers (PwDemo *d, GError **error)
{
  for (guint i = 0; i < d->n_workers; i++)
    {
      const DemoRole *role = &roles[i % N_ROLES];
      const char *given = chance (d, 70) ? PICK (d, mothers) : PICK (d, fathers);

      d->worker_names[i] = g_strdup_printf ("%s %s", given, PICK (d, british_families));
      d->worker_ids[i] = pw_caseload_ensure_worker (d->caseload, d->worker_names[i], error);
      if (d->worker_ids[i] == 0 ||
          !describe (d, PW_TYPE_WORKER, d->worker_ids[i], "role", role->role, "agency",
                     role->agency, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_directory (gpointer user_data, GError **error)
{
  PwDemo *d = user_data;

  return add_settings (d, error) && add_workers (d, error);
}

/* Planning a child: age, level, cycles ---------------------------------------------- */

static guint
pick_year (PwDemo *d)
{
  /* N1, N2, R, Years 1-14: mostly of school age, few past Year 11. */
  static const guint weights[] = {
    1, 3, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3, 2, 1,
  };

  return weighted (d, weights, G_N_ELEMENTS (weights));
}

/* Born in the school year that puts the child in year group c->year, and
 * at least three years old today. */
static void
plan_age (PwDemo *d, DemoChild *c)
{
  guint32 three = years_before (d->today, 3);

  c->year = pick_year (d);
  for (;; c->year++)
    {
      guint age = c->year + 2;  /* on the 31 August before this school year */
      guint32 first = julian_for (d->school_year - age - 1, 9, 1);
      guint32 last = MIN (julian_for (d->school_year - age, 8, 31), three);

      if (first <= last)
        {
          c->born = day_between (d, first, last);
          break;
        }
    }
  c->earliest = c->born + 2 * 365 + 180;
}

static const char *
pick_sen (PwDemo *d, guint level)
{
  static const guint weights[4][3] = {
    { 62, 36, 2 }, { 30, 65, 5 }, { 20, 65, 15 }, { 10, 40, 50 },
  };
  static const char *const codes[] = { "N", "K", "E" };

  return codes[weighted (d, weights[level - 1], 3)];
}

static gboolean
has_cycles (DemoChild *c)
{
  return c->level >= 2 || g_strcmp0 (c->sen, "N") != 0;
}

static void
plan_open_dates (PwDemo *d, DemoCycle *cycle)
{
  static const guint weights[] = { 10, 25, 65 };  /* overdue, due soon, later */

  switch (cycle->stage)
    {
    case STAGE_ASSESS:
      cycle->opened = d->today - range (d, 0, 28);
      break;
    case STAGE_PLAN:
      cycle->opened = d->today - range (d, 10, 45);
      cycle->review = chance (d, 60) ? cycle->opened + range (d, 70, 110) : 0;
      break;
    case STAGE_DO:
      switch (weighted (d, weights, 3))
        {
        case 0: cycle->review = d->today - range (d, 1, 40); break;
        case 1: cycle->review = d->today + range (d, 0, PW_DUE_SOON_DAYS); break;
        default: cycle->review = d->today + range (d, PW_DUE_SOON_DAYS + 1, 90); break;
        }
      cycle->opened = cycle->review - range (d, 70, 120);
      cycle->opened = MIN (cycle->opened, d->today - 21);
      break;
    default:
      cycle->review = d->today - range (d, 0, 14);
      cycle->opened = cycle->review - range (d, 70, 110);
      cycle->held = chance (d, 50) ? cycle->review : 0;
      break;
    }
}

static void
plan_open_cycle (PwDemo *d, DemoChild *c, DemoCycle *cycle)
{
  static const guint weights[] = { 15, 15, 50, 20 };

  *cycle = (DemoCycle) { 0, 0, 0, weighted (d, weights, 4), NULL };
  plan_open_dates (d, cycle);
  cycle->opened = MAX (cycle->opened, c->earliest);
  if (cycle->review != 0)
    cycle->review = MAX (cycle->review, cycle->opened);
  if (cycle->held != 0)
    cycle->held = MAX (cycle->held, cycle->opened);
  if (cycle->held != 0)
    cycle->decision = "new-cycle";
}

static const char *
pick_decision (PwDemo *d, DemoChild *c, gboolean last)
{
  if (last && chance (d, 60))
    return "close";
  if (c->level >= 3 && chance (d, 15))
    return "refer-forum";
  return "new-cycle";
}

/* Closed cycles ending before @end, planned backwards and stored oldest first. */
static guint
plan_closed_cycles (PwDemo *d, DemoChild *c, guint32 end, guint wanted, DemoCycle *out)
{
  DemoCycle backwards[MAX_CYCLES];
  guint n = 0;

  while (n < wanted && end <= d->today)
    {
      guint32 review = end - range (d, 0, 10);
      guint32 opened = review - range (d, 70, 130);

      if (opened < c->earliest)
        break;
      backwards[n++] = (DemoCycle) { opened, review, end, STAGE_CLOSED, "new-cycle" };
      end = opened - range (d, 1, 30);
    }
  for (guint i = 0; i < n; i++)
    out[i] = backwards[n - 1 - i];
  return n;
}

static void
plan_cycles (PwDemo *d, DemoChild *c)
{
  static const guint open_percent[] = { 35, 80, 90, 95 };
  static const guint min_closed[] = { 0, 0, 1, 2 };
  static const guint max_closed[] = { 1, 2, 3, 4 };
  gboolean open = chance (d, open_percent[c->level - 1]);
  DemoCycle current = { 0 };
  guint32 end;

  if (open)
    plan_open_cycle (d, c, &current);
  end = open ? current.opened - range (d, 1, 21) : d->today - range (d, 7, 150);
  c->n_cycles = plan_closed_cycles (d, c, end,
                                    range (d, min_closed[c->level - 1],
                                           max_closed[c->level - 1]), c->cycles);
  for (guint i = 0; i < c->n_cycles; i++)
    c->cycles[i].decision = pick_decision (d, c, !open && i + 1 == c->n_cycles);
  if (open)
    c->cycles[c->n_cycles++] = current;
}

/* Level paths: each step is a level and the route that brought the child
 * there (i initial, t TALC, m MARF, e EHC request, h health referral,
 * o other, d step down). */
typedef struct
{
  guint weight;
  const char *steps;
} DemoPath;

static const DemoPath level_paths[4][4] = {
  { { 85, "1i" }, { 10, "2i1d" }, { 5, "1i2h1d" }, { 0, "1i" } },
  { { 70, "2i" }, { 20, "1i2h" }, { 10, "3i2d" }, { 0, "2i" } },
  { { 45, "2i3t" }, { 30, "3i" }, { 20, "1i2o3t" }, { 5, "4i3d" } },
  { { 35, "2i3t4e" }, { 15, "2i3t4m" }, { 30, "3i4e" }, { 20, "4i" } },
};

static const char *
route_code (char letter)
{
  switch (letter)
    {
    case 't': return "talc";
    case 'm': return "marf";
    case 'e': return "ehc-request";
    case 'h': return "health-referral";
    case 'o': return "other";
    case 'd': return "step-down";
    default: return "initial";
    }
}

static const char *
pick_path (PwDemo *d, guint level)
{
  guint weights[4];

  for (guint i = 0; i < 4; i++)
    weights[i] = level_paths[level - 1][i].weight;
  return level_paths[level - 1][weighted (d, weights, 4)].steps;
}

/* The first change is the day the child became known; later ones fall on
 * the last reviews, which decided them, or spread over the time since. */
static void
plan_levels (PwDemo *d, DemoChild *c)
{
  const char *steps = pick_path (d, c->level);
  guint n = strlen (steps) / 2;
  guint n_closed = 0;
  guint32 span = d->today - c->since;

  while (n_closed < c->n_cycles && c->cycles[n_closed].stage == STAGE_CLOSED)
    n_closed++;
  c->n_levels = n;
  for (guint i = 0; i < n; i++)
    {
      DemoLevel *level = &c->levels[i];

      level->to = steps[2 * i] - '0';
      level->route = route_code (steps[2 * i + 1]);
      c->needs_lead = c->needs_lead || level->to >= 3;
      if (i == 0)
        level->day = c->since;
      else if (n_closed + 1 >= n)
        {
          DemoCycle *cycle = &c->cycles[n_closed - n + i];

          level->day = cycle->held;
          cycle->decision = level->to > c->levels[i - 1].to ? "step-up" : "step-down";
        }
      else
        level->day = MAX (c->levels[i - 1].day, c->since + span * i / n);
    }
}

static void
plan_since (PwDemo *d, DemoChild *c)
{
  guint32 first = c->n_cycles > 0 ? c->cycles[0].opened : d->today - range (d, 30, 1500);

  first -= range (d, 0, 60);
  c->since = MAX (c->earliest, first);
  c->since = MIN (c->since, d->today);
  if (c->n_cycles > 0)
    c->since = MIN (c->since, c->cycles[0].opened);
}

static void
plan_child (PwDemo *d, DemoChild *c)
{
  static const guint level_weights[] = { 55, 25, 14, 6 };

  c->level = weighted (d, level_weights, 4) + 1;
  plan_age (d, c);
  c->sen = pick_sen (d, c->level);
  c->area = range (d, 0, 3);
  if (has_cycles (c))
    plan_cycles (d, c);
  plan_since (d, c);
  plan_levels (d, c);
  c->needs_lead = c->needs_lead || (c->level == 2 && chance (d, 70));
}

/* Identifiers ------------------------------------------------------------------------ */

static gboolean
upn_taken (PwDemo *d, const char *upn)
{
  g_autoptr(PwChild) other = pw_caseload_find_child_by_upn (d->caseload, upn, NULL);

  return other != NULL;
}

/* A UPN for a child who joined setting @estab in @year: permanent (a serial
 * number) or temporary (ending in a letter).  NULL when the serials run out. */
static char *
make_upn (PwDemo *d, guint estab, guint year, gboolean temporary)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
  g_autofree char *key = g_strdup_printf ("%c%03u%04u%02u", temporary ? 'T' : 'P', LA_NUMBER,
                                          estab, year % 100);
  guint next = GPOINTER_TO_UINT (g_hash_table_lookup (d->upn_serials, key));

  for (; next < (temporary ? 100 * 23 : 999); next++)
    {
      g_autofree char *body = NULL;
      char *upn;

      if (temporary)
        body = g_strdup_printf ("%s%02u%c", key + 1, next / 23, letters[next % 23]);
      else
        body = g_strdup_printf ("%s%03u", key + 1, next + 1);
      upn = g_strdup_printf ("%c%s", pw_upn_check_letter (body), body);
      if (!upn_taken (d, upn))
        {
          g_hash_table_insert (d->upn_serials, g_steal_pointer (&key),
                               GUINT_TO_POINTER (next + 1));
          return upn;
        }
      g_free (upn);
    }
  return NULL;
}

/* In the 999 range, which the NHS never issues to a person. */
static char *
make_nhs_number (PwDemo *d)
{
  for (;;)
    {
      char digits[11];
      guint sum = 0;
      guint check;

      g_snprintf (digits, sizeof digits, "999%06u", range (d, 0, 999999));
      for (guint i = 0; i < 9; i++)
        sum += (guint) (digits[i] - '0') * (10 - i);
      check = (11 - sum % 11) % 11;
      if (check == 10)
        continue;
      digits[9] = '0' + check;
      digits[10] = '\0';
      return g_strdup (digits);
    }
}

/* The child -------------------------------------------------------------------------- */

static const DemoNames *
names_for (const char *ethnicity)
{
  static const struct { const char *code; guint group; } map[] = {
    { "WIRI", NAMES_IRISH }, { "WIRT", NAMES_IRISH }, { "WOTH", NAMES_EUROPEAN },
    { "WROM", NAMES_EUROPEAN }, { "AIND", NAMES_SOUTH_ASIAN }, { "APKN", NAMES_SOUTH_ASIAN },
    { "ABAN", NAMES_SOUTH_ASIAN }, { "AOTH", NAMES_SOUTH_ASIAN }, { "BAFR", NAMES_AFRICAN },
    { "BOTH", NAMES_AFRICAN }, { "CHNE", NAMES_CHINESE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (map[i].code, ethnicity) == 0)
      return &name_groups[map[i].group];
  return &name_groups[NAMES_BRITISH];
}

static const char *
pick_given (PwDemo *d, const DemoNames *names, const char *sex)
{
  gboolean girl = g_strcmp0 (sex, "F") == 0 || (g_strcmp0 (sex, "U") == 0 && chance (d, 50));

  if (girl)
    return names->girls[range (d, 0, names->n_girls - 1)];
  return names->boys[range (d, 0, names->n_boys - 1)];
}

static void
set_identity (PwDemo *d, DemoChild *c, PwRecord *child)
{
  static const guint sex_weights[] = { 55, 44, 1 };
  static const char *const sexes[] = { "M", "F", "U" };
  guint n_codes;
  const PwCode *ethnicities = pw_codes_get (PW_CODES_ETHNICITY, &n_codes);
  const char *ethnicity;

  g_assert (n_codes == G_N_ELEMENTS (ethnicity_weights));
  ethnicity = ethnicities[weighted (d, ethnicity_weights, n_codes)].code;
  c->names = names_for (ethnicity);
  c->sex = sexes[weighted (d, sex_weights, 3)];
  c->given = pick_given (d, c->names, c->sex);
  c->family = c->names->families[range (d, 0, c->names->n_families - 1)];
  pw_record_set_text (child, "legal-given-name", c->given);
  pw_record_set_text (child, "legal-family-name", c->family);
  if (chance (d, 8))
    pw_record_set_text (child, "preferred-name", pick_given (d, c->names, c->sex));
  set_date (child, "date-of-birth", c->born);
  pw_record_set_text (child, "sex", c->sex);
  pw_record_set_text (child, "ethnicity", ethnicity);
  pw_record_set_text (child, "sen-provision", c->sen);
  if (c->names->n_languages > 0 && chance (d, 60))
    {
      pw_record_set_text (child, "first-language",
                          c->names->languages[range (d, 0, c->names->n_languages - 1)]);
      pw_record_set_int (child, "eal", TRUE);
    }
}

static guint
pick_setting (PwDemo *d, DemoChild *c)
{
  guint candidates[G_N_ELEMENTS (setting_infos)];
  guint n = 0;
  gboolean special = g_strcmp0 (c->sen, "E") == 0 && chance (d, 40);

  for (guint i = 0; i < G_N_ELEMENTS (setting_infos); i++)
    {
      const DemoSettingInfo *info = &setting_infos[i];
      gboolean is_special = g_strcmp0 (info->phase, "Special") == 0;

      if (c->year >= info->first_year && c->year <= info->last_year && is_special == special)
        candidates[n++] = i;
    }
  if (n == 0)
    return G_N_ELEMENTS (setting_infos) - 1;
  return candidates[range (d, 0, n - 1)];
}

static void
set_upn (PwDemo *d, DemoChild *c, PwRecord *child, guint setting)
{
  guint roll = range (d, 0, 99);
  guint joined = c->year >= RECEPTION ? d->school_year - (c->year - RECEPTION)
                                      : d->school_year;
  g_autofree char *upn = NULL;

  if (c->year < RECEPTION && roll >= 50)
    return;
  if (roll < 80)
    upn = make_upn (d, setting_infos[setting].estab, joined, FALSE);
  else if (roll < 84)
    upn = make_upn (d, setting_infos[setting].estab, joined, TRUE);
  pw_record_set_text (child, "upn", upn);
}

static void
set_school (PwDemo *d, DemoChild *c, PwRecord *child)
{
  const PwCode *years = pw_codes_get (PW_CODES_YEAR_GROUP, NULL);
  guint setting = pick_setting (d, c);

  pw_record_set_text (child, "year-group", years[c->year].code);
  pw_record_set_int (child, "setting-id", d->settings[setting]);
  set_upn (d, c, child, setting);
  if (chance (d, 40))
    {
      g_autofree char *nhs = make_nhs_number (d);

      pw_record_set_text (child, "nhs-number", nhs);
    }
  pw_record_set_int (child, "pupil-premium", chance (d, 25));
}

static void
set_circumstances (PwDemo *d, DemoChild *c, PwRecord *child)
{
  static const char *const titles[] = { "Mrs", "Ms", "Mr", "Miss" };
  static const char *const adults[] = {
    "teaching assistant", "class teacher", "learning mentor", "pastoral lead", "SENCO",
  };
  g_autofree char *trusted = NULL;

  pw_record_set_int (child, "looked-after", chance (d, c->level == 4 ? 15 : 2));
  pw_record_set_int (child, "child-protection", chance (d, c->level == 4 ? 20 : 1));
  if (chance (d, 55))
    {
      trusted = g_strdup_printf ("%s %s (%s)", PICK (d, titles), PICK (d, british_families),
                                 PICK (d, adults));
      pw_record_set_text (child, "trusted-adult", trusted);
    }
  if (c->needs_lead)
    {
      c->lead_index = pick_worker (d, c->level == 4 && chance (d, 60) ? 2 : range (d, 0, 1));
      c->lead = d->worker_ids[c->lead_index];
      pw_record_set_int (child, "lead-practitioner-id", c->lead);
    }
  if (chance (d, 40))
    pw_record_set_int (child, "key-worker-id", d->worker_ids[pick_worker (d, 1)]);
}

static gboolean
add_child (PwDemo *d, DemoChild *c, GError **error)
{
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);

  set_identity (d, c, child);
  set_school (d, c, child);
  set_circumstances (d, c, child);
  if (!save (d, child, error))
    return FALSE;
  c->id = pw_record_get_id (child);
  return TRUE;
}

/* Level history, needs, family, consent ---------------------------------------------- */

static gboolean
add_levels (PwDemo *d, DemoChild *c, GError **error)
{
  for (guint i = 0; i < c->n_levels; i++)
    {
      PwRecord *change = child_record (c, PW_TYPE_LEVEL_CHANGE);
      const DemoLevel *level = &c->levels[i];

      set_date (change, "date", level->day);
      pw_record_set_int (change, "to-level", level->to);
      pw_record_set_text (change, "reason", level_reasons[level->to - 1]);
      pw_record_set_text (change, "route", level->route);
      pw_record_set_text (change, "decided-by",
                          g_strcmp0 (level->route, "talc") == 0 ? "TALC panel"
                          : c->lead != 0 ? worker_name (d, c->lead_index) : "SENCO");
      if (!save_and_free (d, change, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
pick_need (PwDemo *d, DemoChild *c, const char *other)
{
  static const char *const codes[] = {
    "SLCN", "SEMH", "ASD", "MLD", "SPLD", "OTH", "PD", "HI", "VI", "MSI", "SLD", "PMLD", "DS",
    "NSA",
  };
  static const guint weights[] = { 24, 20, 16, 12, 10, 4, 3, 2, 1, 1, 2, 1, 1, 3 };
  guint n = G_N_ELEMENTS (codes) - (other != NULL || g_strcmp0 (c->sen, "K") != 0);

  for (;;)
    {
      const char *code = codes[weighted (d, weights, n)];

      if (g_strcmp0 (code, other) != 0)
        return code;
    }
}

static gboolean
add_need (PwDemo *d, DemoChild *c, const char *type, guint rank, GError **error)
{
  PwRecord *need = child_record (c, PW_TYPE_NEED);

  pw_record_set_text (need, "type", type);
  pw_record_set_int (need, "rank", rank);
  return save_and_free (d, need, error);
}

static gboolean
add_needs (PwDemo *d, DemoChild *c, GError **error)
{
  const char *first;
  const char *area;

  if (g_strcmp0 (c->sen, "N") == 0)
    return TRUE;
  first = pick_need (d, c, NULL);
  area = pw_codes_need_area (first);
  for (guint i = 0; area != NULL && i < G_N_ELEMENTS (area_codes); i++)
    if (strcmp (area_codes[i], area) == 0)
      c->area = i;
  if (!add_need (d, c, first, 1, error))
    return FALSE;
  return !chance (d, 35) || add_need (d, c, pick_need (d, c, first), 2, error);
}

static gboolean
add_family_member (PwDemo *d, DemoChild *c, const char *name, const char *relationship,
                   gboolean responsible, GError **error)
{
  PwRecord *member = child_record (c, PW_TYPE_FAMILY_MEMBER);
  g_autofree char *phone = g_strdup_printf ("07700 900%03u", range (d, 0, 999));

  pw_record_set_text (member, "name", name);
  pw_record_set_text (member, "relationship", relationship);
  pw_record_set_int (member, "parental-responsibility", responsible);
  pw_record_set_text (member, "phone", phone);
  return save_and_free (d, member, error);
}

static char *
adult_name (PwDemo *d, DemoChild *c, gboolean woman, const char *family)
{
  const char *given;

  if (c->names == &name_groups[NAMES_BRITISH] || c->names == &name_groups[NAMES_IRISH])
    given = woman ? PICK (d, mothers) : PICK (d, fathers);
  else
    given = woman ? c->names->girls[range (d, 0, c->names->n_girls - 1)]
                  : c->names->boys[range (d, 0, c->names->n_boys - 1)];
  return g_strdup_printf ("%s %s", given, family);
}

static gboolean
add_family (PwDemo *d, DemoChild *c, GError **error)
{
  g_autofree char *father = NULL;
  g_autofree char *grandparent = NULL;

  c->parent = adult_name (d, c, TRUE, chance (d, 75) ? c->family
                          : c->names->families[range (d, 0, c->names->n_families - 1)]);
  if (!add_family_member (d, c, c->parent, "mother", TRUE, error))
    return FALSE;
  if (chance (d, 60))
    {
      father = adult_name (d, c, FALSE, c->family);
      if (!add_family_member (d, c, father, "father", TRUE, error))
        return FALSE;
    }
  if (!chance (d, 15))
    return TRUE;
  grandparent = adult_name (d, c, chance (d, 60), c->family);
  return add_family_member (d, c, grandparent, "grandparent", FALSE, error);
}

static gboolean
add_consent (PwDemo *d, DemoChild *c, GError **error)
{
  static const char *const agencies[] = {
    "education-setting,early-help", "education-setting,school-nursing,early-help",
    "education-setting,educational-psychology,speech-language-therapy",
    "education-setting,social-care,camhs,early-help",
  };
  PwRecord *consent;

  if (c->level < 2 && c->n_cycles == 0)
    return TRUE;
  consent = child_record (c, PW_TYPE_CONSENT);
  set_date (consent, "given-on", c->since);
  pw_record_set_text (consent, "scope", "The plan, assessments and reviews, with the agencies "
                      "named, for as long as the plan is open");
  pw_record_set_text (consent, "agencies", agencies[MIN (c->level - 1 + chance (d, 50), 3u)]);
  if (c->level >= 4 && chance (d, 10))
    pw_record_set_text (consent, "without-consent-reason", "Asking would put the child at "
                        "greater risk; agreed with the social care team manager");
  else
    pw_record_set_text (consent, "given-by", c->parent);
  if (chance (d, 3))
    set_date (consent, "withdrawn-on", day_between (d, c->since, d->today));
  return save_and_free (d, consent, error);
}

/* Cycles -------------------------------------------------------------------------------- */

static guint32
plan_agreed_on (PwDemo *d, const DemoCycle *plan)
{
  guint32 day = plan->opened + range (d, 7, 21);

  return MIN (day, d->today);
}

static PwRecord *
new_cycle (PwDemo *d, DemoChild *c, const DemoCycle *plan)
{
  PwRecord *cycle = child_record (c, PW_TYPE_CYCLE);
  const DemoArea *area = &areas[c->area];

  set_date (cycle, "opened-on", plan->opened);
  if (plan->stage > STAGE_ASSESS || chance (d, 50))
    pw_record_set_text (cycle, "needs-summary", area->need);
  pw_record_set_text (cycle, "strengths", PICK (d, strengths));
  pw_record_set_text (cycle, "barriers", area->barrier);
  pw_record_set_text (cycle, "evidence", "Teacher assessment, progress data, observation and "
                      "attendance");
  pw_record_set_text (cycle, "child-views", PICK (d, child_views));
  pw_record_set_text (cycle, "parent-views", PICK (d, parent_views));
  if (plan->stage > STAGE_ASSESS)
    {
      set_date (cycle, "parents-notified-on", plan_agreed_on (d, plan));
      pw_record_set_int (cycle, "parents-agree", chance (d, 90));
      pw_record_set_text (cycle, "expected-impact", "Closer to age-related expectations "
                          "and more confident in class");
    }
  if (plan->review != 0)
    set_date (cycle, "review-date", plan->review);
  return cycle;
}

static gboolean
advance (PwDemo *d, PwRecord *cycle, GError **error)
{
  return pw_caseload_advance_cycle (d->caseload, PW_CYCLE (cycle), error);
}

static gboolean
add_outcome (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan, guint i,
             GPtrArray *outcomes, GError **error)
{
  PwRecord *outcome = child_record (c, PW_TYPE_OUTCOME);
  const DemoArea *area = &areas[(c->area + i / 3) % G_N_ELEMENTS (areas)];

  g_ptr_array_add (outcomes, outcome);
  pw_record_set_int (outcome, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (outcome, "description", area->outcomes[i % 3]);
  pw_record_set_text (outcome, "success-criteria", area->criteria[i % 3]);
  set_date (outcome, "target-date", plan->review != 0 ? plan->review : plan->opened + 90);
  return save (d, outcome, error);
}

static gboolean
add_provision (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan,
               PwRecord *outcome, GPtrArray *provisions, GError **error)
{
  PwRecord *provision = child_record (c, PW_TYPE_PROVISION);
  const DemoArea *area = &areas[c->area];
  guint32 start = plan->opened + range (d, 3, 14);
  guint32 end;

  start = MIN (start, d->today);
  end = plan->review != 0 ? plan->review : start + 84;

  g_ptr_array_add (provisions, provision);
  pw_record_set_int (provision, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_int (provision, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (provision, "intervention", PICK (d, area->interventions));
  pw_record_set_text (provision, "frequency", PICK (d, frequencies));
  pw_record_set_text (provision, "delivered-by", PICK (d, deliverers));
  set_date (provision, "start-date", start);
  set_date (provision, "end-date", MAX (start, end));
  pw_record_set_int (provision, "cost-pence", range (d, 4, 60) * 2500);
  return save (d, provision, error);
}

static gboolean
add_plan (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan,
          GPtrArray *outcomes, GPtrArray *provisions, GError **error)
{
  guint n_outcomes = range (d, 2, 4);
  guint n_provisions = range (d, 1, 2);

  for (guint i = 0; i < n_outcomes; i++)
    if (!add_outcome (d, c, cycle, plan, i, outcomes, error))
      return FALSE;
  for (guint i = 0; i < n_provisions; i++)
    if (!add_provision (d, c, cycle, plan, g_ptr_array_index (outcomes, i), provisions, error))
      return FALSE;
  return TRUE;
}

static guint32
delivered_until (PwDemo *d, const DemoCycle *plan)
{
  if (plan->held != 0)
    return MIN (plan->held, d->today);
  if (plan->stage == STAGE_REVIEW && plan->review != 0)
    return MIN (plan->review, d->today);
  return d->today;
}

static gboolean
add_session (PwDemo *d, DemoChild *c, PwRecord *provision, guint32 day, GError **error)
{
  PwRecord *session = child_record (c, PW_TYPE_SESSION);
  gboolean attended = chance (d, 88);

  pw_record_set_int (session, "provision-id", pw_record_get_id (provision));
  set_date (session, "date", day);
  pw_record_set_text (session, "delivered-by", pw_record_get_text (provision, "delivered-by"));
  pw_record_set_int (session, "attended", attended);
  if (attended)
    {
      pw_record_set_text (session, "engagement",
                          engagement_codes[weighted (d, engagement_weights, 5)]);
      if (chance (d, 30))
        pw_record_set_text (session, "notes", PICK (d, session_notes));
    }
  return save_and_free (d, session, error);
}

/* A few sessions of each provision, spread from its start to the review. */
static gboolean
add_sessions (PwDemo *d, DemoChild *c, const DemoCycle *plan, GPtrArray *provisions,
              GError **error)
{
  guint32 until = delivered_until (d, plan);

  for (guint p = 0; p < provisions->len; p++)
    {
      PwRecord *provision = g_ptr_array_index (provisions, p);
      guint32 start = julian_of (pw_record_get_text (provision, "start-date"));
      guint n = range (d, 2, 5);

      for (guint i = 0; start <= until && i < n; i++)
        if (!add_session (d, c, provision, start + (until - start) * (i + 1) / (n + 1), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
add_rating (PwDemo *d, DemoChild *c, PwRecord *outcome, GError **error)
{
  PwRecord *rating = child_record (c, PW_TYPE_RATING);

  pw_record_set_int (rating, "outcome-id", pw_record_get_id (outcome));
  pw_record_set_text (rating, "progress", rating_codes[weighted (d, rating_weights, 4)]);
  pw_record_set_text (rating, "evidence", PICK (d, rating_evidence));
  return save_and_free (d, rating, error);
}

/* Every outcome is rated before a cycle closes; an open review may be
 * part-way through. */
static gboolean
add_review (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan,
            GPtrArray *outcomes, GError **error)
{
  gboolean all = plan->stage == STAGE_CLOSED || plan->held != 0;

  for (guint i = 0; i < outcomes->len; i++)
    if ((all || chance (d, 50)) && !add_rating (d, c, g_ptr_array_index (outcomes, i), error))
      return FALSE;
  if (plan->held == 0)
    return TRUE;
  set_date (cycle, "review-held-on", plan->held);
  pw_record_set_text (cycle, "review-child-views", PICK (d, child_views));
  pw_record_set_text (cycle, "review-parent-views", PICK (d, parent_views));
  pw_record_set_text (cycle, "review-changes", "Keep what worked; reduce adult support where "
                      "the outcome was met");
  pw_record_set_text (cycle, "decision", plan->decision);
  pw_record_set_text (cycle, "next-steps", g_strcmp0 (plan->decision, "close") == 0
                      ? "Needs now met by universal provision; plan closed"
                      : "Agree new outcomes with the family at the next meeting");
  return save (d, cycle, error);
}

static gboolean
add_contribution (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan,
                  GError **error)
{
  static const char *const stages[] = { "assess", "plan", "do", "review" };
  PwRecord *contribution = child_record (c, PW_TYPE_CONTRIBUTION);
  guint stage = range (d, 0, MIN (plan->stage, STAGE_REVIEW));
  guint worker = range (d, 0, d->n_workers - 1);
  guint32 until = plan->held != 0 ? plan->held : d->today;

  pw_record_set_int (contribution, "cycle-id", pw_record_get_id (cycle));
  pw_record_set_text (contribution, "agency", roles[worker % N_ROLES].agency);
  pw_record_set_text (contribution, "person", worker_name (d, worker));
  pw_record_set_text (contribution, "role", roles[worker % N_ROLES].role);
  set_date (contribution, "event-date", day_between (d, plan->opened, MIN (until, d->today)));
  pw_record_set_text (contribution, "stage", stages[stage]);
  pw_record_set_text (contribution, "text", PICK (d, contribution_texts));
  return save_and_free (d, contribution, error);
}

/* Walks one cycle through its stages as far as the plan says. */
static gboolean
run_cycle (PwDemo *d, DemoChild *c, PwRecord *cycle, const DemoCycle *plan, GError **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) provisions = g_ptr_array_new_with_free_func (g_object_unref);

  if (plan->stage == STAGE_ASSESS)
    return TRUE;
  if (!add_plan (d, c, cycle, plan, outcomes, provisions, error) || !advance (d, cycle, error))
    return FALSE;
  if (plan->stage == STAGE_PLAN)
    return TRUE;
  if (!advance (d, cycle, error) || !add_sessions (d, c, plan, provisions, error))
    return FALSE;
  if (plan->stage == STAGE_DO)
    return TRUE;
  if (!advance (d, cycle, error) || !add_review (d, c, cycle, plan, outcomes, error))
    return FALSE;
  return plan->stage == STAGE_REVIEW || advance (d, cycle, error);
}

static gboolean
add_cycles (PwDemo *d, DemoChild *c, GError **error)
{
  for (guint i = 0; i < c->n_cycles; i++)
    {
      const DemoCycle *plan = &c->cycles[i];
      g_autoptr(PwRecord) cycle = new_cycle (d, c, plan);

      if (!save (d, cycle, error) ||
          (chance (d, 40) && !add_contribution (d, c, cycle, plan, error)) ||
          !run_cycle (d, c, cycle, plan, error))
        return FALSE;
    }
  return TRUE;
}

/* Agencies and meetings ------------------------------------------------------------- */

static gboolean
add_involvements (PwDemo *d, DemoChild *c, GError **error)
{
  guint n = c->level >= 2 ? range (d, 1, c->level) : 0;

  for (guint i = 0; i < n; i++)
    {
      PwRecord *involvement = child_record (c, PW_TYPE_INVOLVEMENT);
      guint worker = pick_worker (d, range (d, 2, N_ROLES - 1));
      guint32 from = day_between (d, c->since, d->today);

      pw_record_set_text (involvement, "agency", roles[worker % N_ROLES].agency);
      pw_record_set_text (involvement, "person", worker_name (d, worker));
      pw_record_set_text (involvement, "role", roles[worker % N_ROLES].role);
      set_date (involvement, "from-date", from);
      if (chance (d, 30))
        set_date (involvement, "to-date", day_between (d, from, d->today));
      if (!save_and_free (d, involvement, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_attendee (PwDemo *d, DemoChild *c, gint64 meeting, const char *name, const char *agency,
              const char *role, GError **error)
{
  PwRecord *attendee = child_record (c, PW_TYPE_ATTENDEE);

  pw_record_set_int (attendee, "meeting-id", meeting);
  pw_record_set_text (attendee, "name", name);
  pw_record_set_text (attendee, "agency", agency);
  pw_record_set_text (attendee, "role", role);
  return save_and_free (d, attendee, error);
}

static gboolean
add_attendees (PwDemo *d, DemoChild *c, gint64 meeting, GError **error)
{
  guint senco = pick_worker (d, 1);
  guint other = pick_worker (d, range (d, 3, N_ROLES - 1));

  if (!add_attendee (d, c, meeting, c->parent, NULL, "Parent", error) ||
      !add_attendee (d, c, meeting, worker_name (d, senco), roles[1].agency, roles[1].role,
                     error) ||
      (chance (d, 60) && !add_attendee (d, c, meeting, worker_name (d, other),
                                        roles[other % N_ROLES].agency,
                                        roles[other % N_ROLES].role, error)))
    return FALSE;
  if (c->lead == 0 || c->lead_index == senco)
    return TRUE;
  return add_attendee (d, c, meeting, worker_name (d, c->lead_index),
                       roles[c->lead_index % N_ROLES].agency, "Lead practitioner", error);
}

static gboolean
add_actions (PwDemo *d, DemoChild *c, gint64 meeting, guint32 day, GError **error)
{
  guint n = range (d, 1, 3);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *action = child_record (c, PW_TYPE_MEETING_ACTION);
      guint32 due = day + range (d, 14, 42);

      pw_record_set_int (action, "meeting-id", meeting);
      pw_record_set_text (action, "description", PICK (d, action_texts));
      pw_record_set_text (action, "owner", c->lead != 0 && chance (d, 60)
                          ? worker_name (d, c->lead_index) : c->parent);
      set_date (action, "due-date", due);
      if (due <= d->today && chance (d, 75))
        set_date (action, "done-on", day_between (d, day, due));
      if (!save_and_free (d, action, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_meeting (PwDemo *d, DemoChild *c, const char *type, guint32 day, GError **error)
{
  g_autoptr(PwRecord) meeting = child_record (c, PW_TYPE_MEETING);

  pw_record_set_text (meeting, "type", type);
  set_date (meeting, "date", day);
  if (g_strcmp0 (type, "taf") != 0)
    pw_record_set_text (meeting, "question", PICK (d, forum_questions));
  pw_record_set_text (meeting, "lead-agency", c->lead != 0
                      ? roles[c->lead_index % N_ROLES].agency : "education-setting");
  pw_record_set_text (meeting, "notes", "Family and professionals agreed the actions below");
  return save (d, meeting, error) &&
         add_attendees (d, c, pw_record_get_id (meeting), error) &&
         add_actions (d, c, pw_record_get_id (meeting), day, error);
}

/* A TAF for most children at Level 2 and above; a TALC at Level 3 and an
 * Intervention Circle at Level 4 after it. */
static gboolean
add_meetings (PwDemo *d, DemoChild *c, GError **error)
{
  const char *types[3];
  guint n = 0;
  guint32 span = d->today - c->since;

  if (c->level >= 3 || (c->level == 2 && chance (d, 60)))
    types[n++] = "taf";
  if ((c->level == 3 && chance (d, 70)) || (c->level == 4 && chance (d, 30)))
    types[n++] = "talc";
  if (c->level == 4)
    types[n++] = "intervention-circle";
  for (guint i = 0; i < n; i++)
    if (!add_meeting (d, c, types[i], c->since + span * (i + 1) / (n + 1), error))
      return FALSE;
  return TRUE;
}

/* Attendance, exclusions, notes ----------------------------------------------------- */

/* Absence as a per mille of possible sessions: most children under 10%,
 * about one in seven persistently absent, a few severely. */
static guint
pick_absence_band (PwDemo *d, DemoChild *c)
{
  static const guint weights[2][3] = { { 87, 12, 1 }, { 60, 33, 7 } };

  return weighted (d, weights[c->level >= 3], 3);
}

static gboolean
add_term (PwDemo *d, DemoChild *c, const DemoTerm *term, guint band, GError **error)
{
  static const guint low[] = { 0, 100, 500 };
  static const guint high[] = { 95, 450, 850 };
  PwRecord *attendance = child_record (c, PW_TYPE_ATTENDANCE);
  gint64 possible = term->possible - range (d, 0, 6);
  gint64 absent = (possible * range (d, low[band], high[band]) + 999) / 1000;
  gint64 unauthorised = absent * range (d, 10, 60) / 100;

  if (band == 0)
    absent = MIN (absent, possible / 10 - (possible % 10 == 0));
  unauthorised = MIN (unauthorised, absent);
  pw_record_set_text (attendance, "academic-year", term->academic_year);
  pw_record_set_text (attendance, "term", term->term);
  pw_record_set_int (attendance, "possible-sessions", possible);
  pw_record_set_int (attendance, "authorised-absence", absent - unauthorised);
  pw_record_set_int (attendance, "unauthorised-absence", unauthorised);
  return save_and_free (d, attendance, error);
}

static gboolean
add_attendance (PwDemo *d, DemoChild *c, GError **error)
{
  guint band = pick_absence_band (d, c);

  for (guint i = 0; i < N_TERMS; i++)
    {
      const DemoTerm *term = &d->terms[i];
      guint years_ago = d->school_year - term->start_year;

      if (c->year >= RECEPTION + years_ago && !add_term (d, c, term, band, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_exclusion (PwDemo *d, DemoChild *c, GError **error)
{
  static const guint percent[] = { 2, 4, 10, 15 };
  PwRecord *exclusion;
  gboolean permanent;

  if (c->year < RECEPTION + 1 || !chance (d, percent[c->level - 1]))
    return TRUE;
  permanent = c->level >= 3 && chance (d, 5);
  exclusion = child_record (c, PW_TYPE_EXCLUSION);
  pw_record_set_text (exclusion, "category", permanent ? "PERM"
                      : chance (d, 15) ? "LNCH" : "FIXD");
  set_date (exclusion, "start-date", day_between (d, MAX (c->since, d->today - 300),
                                                  d->today));
  if (!permanent)
    pw_record_set_int (exclusion, "sessions", range (d, 1, 10));
  pw_record_set_text (exclusion, "reason", PICK (d, exclusion_reasons));
  return save_and_free (d, exclusion, error);
}

static gboolean
add_notes (PwDemo *d, DemoChild *c, GError **error)
{
  guint n = range (d, 0, c->level >= 2 ? 3 : 1);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *note = child_record (c, PW_TYPE_NOTE);

      set_date (note, "event-date", day_between (d, c->since, d->today));
      pw_record_set_text (note, "text", PICK (d, note_texts));
      if (!save_and_free (d, note, error))
        return FALSE;
    }
  return TRUE;
}

/* Batches --------------------------------------------------------------------------- */

static gboolean
fill_child (PwDemo *d, GError **error)
{
  DemoChild c = { 0 };
  gboolean ok;

  plan_child (d, &c);
  ok = add_child (d, &c, error) &&
       add_levels (d, &c, error) &&
       add_needs (d, &c, error) &&
       add_family (d, &c, error) &&
       add_consent (d, &c, error) &&
       add_cycles (d, &c, error) &&
       add_involvements (d, &c, error) &&
       add_meetings (d, &c, error) &&
       add_attendance (d, &c, error) &&
       add_exclusion (d, &c, error) &&
       add_notes (d, &c, error);
  g_free (c.parent);
  return ok;
}

static gboolean
fill_batch (gpointer user_data, GError **error)
{
  PwDemo *d = user_data;
  guint end = MIN (d->done + BATCH_SIZE, d->n_children);

  for (; d->done < end; d->done++)
    if (!fill_child (d, error))
      {
        g_prefix_error (error, _("Demo child %u could not be written: "), d->done + 1);
        return FALSE;
      }
  return TRUE;
}

static void
demo_init (PwDemo *d, PwCaseload *caseload, guint n_children, guint32 seed)
{
  g_autofree char *today = pw_today ();
  guint n_groups = CLAMP (n_children / 25 / N_ROLES, 2, 50);

  d->caseload = caseload;
  d->rand = g_rand_new_with_seed (seed);
  d->today = julian_of (today);
  d->school_year = school_year_of (d->today);
  plan_terms (d);
  d->n_workers = n_groups * N_ROLES;
  d->worker_ids = g_new0 (gint64, d->n_workers);
  d->worker_names = g_new0 (char *, d->n_workers + 1);
  d->upn_serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->n_children = n_children;
}

static void
demo_clear (PwDemo *d)
{
  g_rand_free (d->rand);
  g_free (d->worker_ids);
  g_strfreev (d->worker_names);
  g_hash_table_unref (d->upn_serials);
}

/* Public API ------------------------------------------------------------------------ */

/**
 * pw_demo_fill:
 * @caseload: the caseload of an unlocked store
 * @n_children: how many children to add, at most %PW_DEMO_MAX_CHILDREN
 * @seed: the same seed gives the same children
 *
 * Adds invented children with their whole case history: levels and how
 * they changed, needs, family, consent, APDR cycles at every stage (with
 * outcomes, provision, sessions and reviews), agencies, meetings,
 * attendance, exclusions and notes.  Dates run up to pw_today(), so pin it
 * with pw_set_today() for the same records on another day.
 *
 * Children are written a hundred at a time, each hundred all together or
 * not at all; on error the batches before the failing one stay.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
pw_demo_fill (PwCaseload  *caseload,
              guint        n_children,
              guint32      seed,
              GError     **error)
{
  PwDemo d = { 0 };
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (caseload), FALSE);
  g_return_val_if_fail (n_children <= PW_DEMO_MAX_CHILDREN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  demo_init (&d, caseload, n_children, seed);
  ok = pw_caseload_transaction (caseload, add_directory, &d, error);
  while (ok && d.done < d.n_children)
    ok = pw_caseload_transaction (caseload, fill_batch, &d, error);
  demo_clear (&d);
  return ok;
}
