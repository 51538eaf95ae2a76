/* pw-summary.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwSummary: the case summary a SENCO takes to a TALC or Intervention
 * Circle meeting, drawn with cairo and pango.
 *
 * pw_summary_new() reads the child's records once, in one read
 * transaction, and turns them into a list of blocks: section headings,
 * label and value rows, table rows and the chart of the level over time.
 * The blocks hold plain text of their own; nothing of the store is kept.
 *
 * pw_summary_paginate() lays the blocks out for a page size and a
 * PangoContext (a PDF file's, or a GtkPrintContext's) and cuts them into
 * pieces that fit between the header band and the footer.  A block is cut
 * only between lines of text, never through one; a heading stays with the
 * first line of what follows it, and a table's column titles are repeated
 * on the next page.  pw_summary_draw_page() then draws one page, and
 * pw_summary_write_pdf() does all of it into an A4 PDF file that appears
 * whole or not at all.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "pw-chronology-entry.h"
#include "pw-entities.h"
#include "pw-output-file.h"
#include "pw-summary.h"

#define FONT_FAMILY     "Cantarell, DejaVu Sans, sans-serif"
#define MARGIN          48.0
#define BAND_TOP        30.0
#define BAND_HEIGHT     50.0
#define CONTENT_TOP     (BAND_TOP + BAND_HEIGHT + 20.0)
#define FOOTER_RULE     48.0   /* above the bottom edge */
#define CONTENT_BOTTOM  62.0   /* above the bottom edge */
#define CELL_PAD        4.0    /* left and right of a table cell's text */
#define CHART_HEIGHT    128.0
#define CHART_MIN_DAYS  28
#define RECENT_ENTRIES  20
#define MAX_CELLS       6
#define EPSILON         0.01
#define MIN_PIECE       24.0   /* about two lines: a block is cut no closer to its ends,
                                  and one of eight lines or fewer is never cut */

typedef struct
{
  double r, g, b;
} Colour;

static const Colour ink = { 0.13, 0.15, 0.18 };
static const Colour muted = { 0.38, 0.42, 0.47 };
static const Colour accent = { 0.11, 0.27, 0.45 };
static const Colour alert = { 0.71, 0.13, 0.10 };
static const Colour band = { 0.93, 0.95, 0.97 };
static const Colour shade = { 0.90, 0.92, 0.95 };
static const Colour rule = { 0.80, 0.83, 0.87 };
static const Colour white = { 1, 1, 1 };
static const Colour level_colours[] = {
  { 0.45, 0.48, 0.52 },
  { 0.20, 0.52, 0.33 },
  { 0.72, 0.50, 0.03 },
  { 0.84, 0.38, 0.09 },
  { 0.71, 0.15, 0.15 },
};

static const char *const level_names[] = {
  N_("No level recorded"),
  N_("Universal"),
  N_("Additional"),
  N_("Intensive"),
  N_("Specialist"),
};

typedef enum
{
  STYLE_BODY,
  STYLE_LABEL,
  STYLE_CELL,
  STYLE_STRONG,
  STYLE_HEAD,
  STYLE_MUTED,
  STYLE_ALERT,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_SMALL,
  STYLE_NAME,
  STYLE_BADGE,
  N_STYLES
} Style;

static const struct
{
  double size;
  PangoWeight weight;
  const Colour *colour;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 10, PANGO_WEIGHT_NORMAL, &ink },
  [STYLE_LABEL] = { 8.5, PANGO_WEIGHT_BOLD, &muted },
  [STYLE_CELL] = { 9, PANGO_WEIGHT_NORMAL, &ink },
  [STYLE_STRONG] = { 9, PANGO_WEIGHT_BOLD, &ink },
  [STYLE_HEAD] = { 8, PANGO_WEIGHT_BOLD, &muted },
  [STYLE_MUTED] = { 9, PANGO_WEIGHT_NORMAL, &muted },
  [STYLE_ALERT] = { 9, PANGO_WEIGHT_BOLD, &alert },
  [STYLE_HEADING] = { 13, PANGO_WEIGHT_BOLD, &accent },
  [STYLE_SUBHEADING] = { 10.5, PANGO_WEIGHT_BOLD, &ink },
  [STYLE_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL, &muted },
  [STYLE_NAME] = { 15, PANGO_WEIGHT_BOLD, &ink },
  [STYLE_BADGE] = { 9, PANGO_WEIGHT_BOLD, &white },
};

/* One line of a laid-out cell, relative to the top of its block. */
typedef struct
{
  PangoLayoutLine *line;
  double top;
  double bottom;
  double baseline;
  double x;
} LinePos;

typedef struct
{
  char *text;
  Style style;
  double x;              /* fractions of the text column's width */
  double width;
  PangoLayout *layout;
  GArray *lines;         /* LinePos */
} Cell;

typedef enum
{
  BLOCK_ROW,
  BLOCK_CHART,
} BlockKind;

enum {
  KEEP_WITH_NEXT = 1 << 0,  /* never the last thing on a page */
  SHADED = 1 << 1,          /* a table's column titles */
  RULED = 1 << 2,           /* a thin line below */
  UNDERLINED = 1 << 3,      /* a section heading's line below */
};

typedef struct
{
  BlockKind kind;
  guint flags;
  double space_before;   /* dropped at the top of a page */
  double pad;            /* above and below the text */
  int head;              /* the table's column titles, or -1 */
  guint n_cells;
  Cell cells[MAX_CELLS];
  double height;
  GArray *breaks;        /* where the block may be cut, ascending; the last is its height */
} Block;

/* The part of a block from @from to @to, drawn at @y on @page. */
typedef struct
{
  guint page;
  guint block;
  double from;
  double to;
  double y;
} Piece;

typedef struct
{
  guint32 day;           /* julian */
  int level;
} ChartPoint;

typedef struct
{
  const char *title;
  double width;          /* a fraction of the text column */
} Column;

struct _PwSummary
{
  GObject parent_instance;

  char *title;
  char *name;
  char *identity_line;
  char *printed_on;
  int level;
  GArray *blocks;        /* Block */
  GArray *chart;         /* ChartPoint */
  guint32 chart_end;

  /* While the blocks are made: the table being filled. */
  const Column *columns;
  guint n_columns;
  int table_head;

  /* Set by pw_summary_paginate(). */
  PangoContext *context;
  PangoFontDescription *fonts[N_STYLES];
  double page_width;
  double page_height;
  GArray *pieces;        /* Piece, by page */
  guint n_pages;

  PangoFontMap *font_map;  /* for pw_summary_write_pdf() */
};

G_DEFINE_FINAL_TYPE (PwSummary, pw_summary, G_TYPE_OBJECT)

/* Everything read from the store, for the length of pw_summary_new(). */
typedef struct
{
  PwCaseload *caseload;
  gint64 child_id;
  PwRecord *child;
  PwRecord *setting;
  PwRecord *lead;
  PwRecord *key_worker;
  GListModel *consents;
  GListModel *levels;
  GListModel *needs;
  GListModel *cycles;
  GListModel *outcomes;
  GListModel *provisions;
  GListModel *ratings;
  GListModel *involvements;
  GListModel *meetings;
  GListModel *attendees;
  GListModel *actions;
  GListModel *attendance;
  GListModel *exclusions;
  GListModel *chronology;
} Sources;

/* Text from records --------------------------------------------------------------- */

static const char *
text_of (PwRecord *record, const char *field)
{
  const char *text = record != NULL ? pw_record_get_text (record, field) : NULL;

  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* The label of a code field, or the code itself if the table lacks it. */
static const char *
label_of (PwRecord *record, PwCodeTable table, const char *field)
{
  const char *code = text_of (record, field);
  const char *label = code != NULL ? pw_codes_label (table, code) : NULL;

  return label != NULL ? label : code;
}

static const char *
field_label (PwRecord *record, const char *field)
{
  const PwField *f = pw_record_class_find_field (PW_RECORD_GET_CLASS (record), field);

  return _(f->label);
}

static gboolean
parse_date (const char *iso, GDate *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* "4 December 2026"; NULL for no date. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!parse_date (iso, &date))
    return g_strdup (iso);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* Translators: a date, as in "4 December 2026"; see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static char *
date_of (PwRecord *record, const char *field)
{
  return format_date (text_of (record, field));
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static char *
full_name (PwRecord *child)
{
  return g_strdup_printf ("%s %s", pw_record_get_text (child, "legal-given-name"),
                          pw_record_get_text (child, "legal-family-name"));
}

/* "Jo Lead, Family worker (Early help)". */
static char *
describe_worker (PwRecord *worker)
{
  g_autoptr(GString) text = NULL;
  const char *role = text_of (worker, "role");
  const char *agency = label_of (worker, PW_CODES_AGENCY, "agency");

  if (worker == NULL)
    return NULL;
  text = g_string_new (pw_record_get_text (worker, "name"));
  if (role != NULL)
    g_string_append_printf (text, ", %s", role);
  if (agency != NULL)
    g_string_append_printf (text, " (%s)", agency);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
age_on (const char *date_of_birth, const char *today)
{
  GDate born, now;
  int age;

  if (!parse_date (date_of_birth, &born) || !parse_date (today, &now))
    return -1;
  age = g_date_get_year (&now) - g_date_get_year (&born);
  if (g_date_get_month (&now) < g_date_get_month (&born) ||
      (g_date_get_month (&now) == g_date_get_month (&born) &&
       g_date_get_day (&now) < g_date_get_day (&born)))
    age--;
  return age;
}

static char *
agency_labels (const char *codes)
{
  g_auto(GStrv) list = g_strsplit (codes != NULL ? codes : "", ",", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *code = g_strstrip (list[i]);
      const char *label = pw_codes_label (PW_CODES_AGENCY, code);

      if (code[0] == '\0')
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", label ? label : code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The records of @list whose @field is @id, in the list's order. */
static GPtrArray *
records_with (GListModel *list, const char *field, gint64 id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *record = g_list_model_get_item (list, i);

      if (pw_record_get_int (record, field) == id)
        g_ptr_array_add (found, record);
      else
        g_object_unref (record);
    }
  return found;
}

static GPtrArray *
all_records (GListModel *list)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (list, i));
  return all;
}

/* Reading the store ----------------------------------------------------------------- */

static gboolean
load_ref (Sources *s, const char *field, GType type, PwRecord **out, GError **error)
{
  gint64 id = pw_record_get_int (s->child, field);

  if (id == 0)
    return TRUE;
  *out = pw_caseload_load (s->caseload, type, id, error);
  return *out != NULL;
}

static gboolean
load_sources (gpointer user_data, GError **error)
{
  Sources *s = user_data;
  GListModel **lists[] = {
    &s->consents, &s->levels, &s->needs, &s->cycles, &s->outcomes, &s->provisions,
    &s->ratings, &s->involvements, &s->meetings, &s->attendees, &s->actions,
    &s->attendance, &s->exclusions,
  };
  GType types[] = {
    PW_TYPE_CONSENT, PW_TYPE_LEVEL_CHANGE, PW_TYPE_NEED, PW_TYPE_CYCLE, PW_TYPE_OUTCOME,
    PW_TYPE_PROVISION, PW_TYPE_RATING, PW_TYPE_INVOLVEMENT, PW_TYPE_MEETING,
    PW_TYPE_ATTENDEE, PW_TYPE_MEETING_ACTION, PW_TYPE_ATTENDANCE, PW_TYPE_EXCLUSION,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (lists) == G_N_ELEMENTS (types));

  s->child = (PwRecord *) pw_caseload_load (s->caseload, PW_TYPE_CHILD, s->child_id, error);
  if (s->child == NULL ||
      !load_ref (s, "setting-id", PW_TYPE_SETTING, &s->setting, error) ||
      !load_ref (s, "lead-practitioner-id", PW_TYPE_WORKER, &s->lead, error) ||
      !load_ref (s, "key-worker-id", PW_TYPE_WORKER, &s->key_worker, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      *lists[i] = pw_caseload_list (s->caseload, types[i], "child-id", s->child_id, error);
      if (*lists[i] == NULL)
        return FALSE;
    }
  s->chronology = pw_caseload_chronology (s->caseload, s->child_id, error);
  return s->chronology != NULL;
}

static void
sources_clear (Sources *s)
{
  g_clear_object (&s->child);
  g_clear_object (&s->setting);
  g_clear_object (&s->lead);
  g_clear_object (&s->key_worker);
  g_clear_object (&s->consents);
  g_clear_object (&s->levels);
  g_clear_object (&s->needs);
  g_clear_object (&s->cycles);
  g_clear_object (&s->outcomes);
  g_clear_object (&s->provisions);
  g_clear_object (&s->ratings);
  g_clear_object (&s->involvements);
  g_clear_object (&s->meetings);
  g_clear_object (&s->attendees);
  g_clear_object (&s->actions);
  g_clear_object (&s->attendance);
  g_clear_object (&s->exclusions);
  g_clear_object (&s->chronology);
}

/* Blocks ----------------------------------------------------------------------------- */

static Block *
block_at (PwSummary *self, guint index)
{
  return &g_array_index (self->blocks, Block, index);
}

static Block *
add_block (PwSummary *self, BlockKind kind, guint flags, double space_before, double pad)
{
  Block block = { kind, flags, space_before, pad, -1 };

  g_array_append_val (self->blocks, block);
  return block_at (self, self->blocks->len - 1);
}

static void
add_cell (Block *block, const char *text, Style style, double x, double width)
{
  Cell *cell = &block->cells[block->n_cells++];

  g_assert (block->n_cells <= MAX_CELLS);
  cell->text = g_strdup (text != NULL ? text : "");
  cell->style = style;
  cell->x = x;
  cell->width = width;
}

static void
end_table (PwSummary *self)
{
  self->columns = NULL;
  self->n_columns = 0;
  self->table_head = -1;
}

static void
add_heading (PwSummary *self, const char *title)
{
  Block *block = add_block (self, BLOCK_ROW, KEEP_WITH_NEXT | UNDERLINED, 20, 0);

  end_table (self);
  add_cell (block, title, STYLE_HEADING, 0, 1);
}

static void
add_subheading (PwSummary *self, const char *text)
{
  Block *block = add_block (self, BLOCK_ROW, KEEP_WITH_NEXT, 12, 1);

  end_table (self);
  add_cell (block, text, STYLE_SUBHEADING, 0, 1);
}

static void
add_note (PwSummary *self, const char *text)
{
  Block *block = add_block (self, BLOCK_ROW, 0, 2, 2);

  end_table (self);
  add_cell (block, text, STYLE_MUTED, 0, 1);
}

/* A label and its value; "Not recorded" for no value. */
static Block *
add_field (PwSummary *self, const char *label, const char *value)
{
  Block *block = add_block (self, BLOCK_ROW, 0, 0, 2.5);

  end_table (self);
  add_cell (block, label, STYLE_LABEL, 0, 0.2);
  if (value != NULL && value[0] != '\0')
    add_cell (block, value, STYLE_BODY, 0.2, 0.8);
  else
    add_cell (block, _("Not recorded"), STYLE_MUTED, 0.2, 0.8);
  return block;
}

/* A field of @record that is left out when empty, such as the child's views. */
static void
add_prose (PwSummary *self, PwRecord *record, const char *field)
{
  const char *text = text_of (record, field);

  if (text != NULL)
    add_field (self, field_label (record, field), text);
}

/* Two labels and values side by side, as on a form. */
static void
add_pair (PwSummary *self, const char *label1, const char *value1,
          const char *label2, const char *value2)
{
  Block *block = add_block (self, BLOCK_ROW, RULED, 0, 3);
  const char *values[] = { value1, value2 };
  const char *labels[] = { label1, label2 };

  for (guint i = 0; i < 2; i++)
    {
      gboolean empty = values[i] == NULL || values[i][0] == '\0';

      if (labels[i] == NULL)
        continue;
      add_cell (block, labels[i], STYLE_LABEL, i * 0.51, 0.2);
      add_cell (block, empty ? _("Not recorded") : values[i], empty ? STYLE_MUTED : STYLE_BODY,
                i * 0.51 + 0.2, 0.29);
    }
}

static void
begin_table (PwSummary *self, const Column *columns, guint n_columns)
{
  Block *block;
  double x = 0;

  end_table (self);
  g_assert (n_columns <= MAX_CELLS);
  block = add_block (self, BLOCK_ROW, KEEP_WITH_NEXT | SHADED, 6, 3);
  for (guint i = 0; i < n_columns; i++)
    {
      add_cell (block, _(columns[i].title), STYLE_HEAD, x, columns[i].width);
      x += columns[i].width;
    }
  self->columns = columns;
  self->n_columns = n_columns;
  self->table_head = self->blocks->len - 1;
}

/* A row of the table begun last, one text a column. */
static Block *
add_row (PwSummary *self, const char *const *texts)
{
  Block *block = add_block (self, BLOCK_ROW, RULED, 0, 3);
  double x = 0;

  g_assert (self->columns != NULL);
  block->head = self->table_head;
  for (guint i = 0; i < self->n_columns; i++)
    {
      add_cell (block, texts[i], STYLE_CELL, x, self->columns[i].width);
      x += self->columns[i].width;
    }
  return block;
}

static void
block_clear (Block *block)
{
  for (guint i = 0; i < block->n_cells; i++)
    {
      g_free (block->cells[i].text);
      g_clear_object (&block->cells[i].layout);
      g_clear_pointer (&block->cells[i].lines, g_array_unref);
    }
  g_clear_pointer (&block->breaks, g_array_unref);
}

/* Identity -------------------------------------------------------------------------- */

static char *
describe_birth (PwRecord *child)
{
  g_autofree char *born = date_of (child, "date-of-birth");
  g_autofree char *today = pw_today ();
  int age = age_on (text_of (child, "date-of-birth"), today);

  if (age < 0)
    return g_steal_pointer (&born);
  /* Translators: a date of birth and the age it gives today */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (age %d)", "%s (age %d)", age),
                          born, age);
}

static char *
describe_upn (PwRecord *child)
{
  const char *upn = text_of (child, "upn");

  if (upn == NULL || !pw_record_get_int (child, "upn-temporary"))
    return g_strdup (upn);
  return g_strdup_printf (_("%s (temporary)"), upn);
}

static char *
describe_eal (PwRecord *child)
{
  const char *language = text_of (child, "first-language");

  if (!pw_record_get_int (child, "eal"))
    return g_strdup (_("No"));
  if (language == NULL)
    return g_strdup (_("Yes"));
  return g_strdup_printf (_("Yes; first language %s"), language);
}

static void
build_identity (PwSummary *self, Sources *s)
{
  PwRecord *c = s->child;
  g_autofree char *born = describe_birth (c);
  g_autofree char *upn = describe_upn (c);
  g_autofree char *eal = describe_eal (c);
  g_autofree char *lead = describe_worker (s->lead);
  g_autofree char *key_worker = describe_worker (s->key_worker);

  add_heading (self, _("Identity"));
  add_pair (self, _("Name"), self->name, field_label (c, "preferred-name"),
            text_of (c, "preferred-name"));
  add_pair (self, field_label (c, "date-of-birth"), born, field_label (c, "sex"),
            label_of (c, PW_CODES_SEX, "sex"));
  add_pair (self, field_label (c, "upn"), upn, field_label (c, "year-group"),
            label_of (c, PW_CODES_YEAR_GROUP, "year-group"));
  add_pair (self, field_label (c, "setting-id"), text_of (s->setting, "name"),
            field_label (c, "sen-provision"),
            label_of (c, PW_CODES_SEN_PROVISION, "sen-provision"));
  add_pair (self, field_label (c, "looked-after"), yes_no (pw_record_get_int (c, "looked-after")),
            field_label (c, "child-protection"),
            yes_no (pw_record_get_int (c, "child-protection")));
  add_pair (self, field_label (c, "pupil-premium"),
            yes_no (pw_record_get_int (c, "pupil-premium")), field_label (c, "eal"), eal);
  add_pair (self, field_label (c, "lead-practitioner-id"), lead,
            field_label (c, "key-worker-id"), key_worker);
  add_pair (self, field_label (c, "trusted-adult"), text_of (c, "trusted-adult"), NULL, NULL);
}

/* Level of intervention ------------------------------------------------------------- */

static char *
describe_level (int level)
{
  level = CLAMP (level, 0, 4);
  if (level == 0)
    return g_strdup (_(level_names[0]));
  return g_strdup_printf (_("Level %d · %s"), level, _(level_names[level]));
}

static char *
describe_change (PwRecord *change)
{
  int from = pw_record_get_int (change, "from-level");
  int to = pw_record_get_int (change, "to-level");

  if (from == 0)
    return g_strdup_printf (_("Level %d (first recorded)"), to);
  return g_strdup_printf (_("Level %d to Level %d"), from, to);
}

static void
add_chart_point (PwSummary *self, PwRecord *change)
{
  ChartPoint point = { 0, pw_record_get_int (change, "to-level") };
  GDate date;

  if (!parse_date (text_of (change, "date"), &date))
    return;
  point.day = g_date_get_julian (&date);
  g_array_append_val (self->chart, point);
}

static const Column level_columns[] = {
  { N_("Date"), 0.17 },
  { N_("Change"), 0.17 },
  { N_("Route"), 0.2 },
  { N_("Reason"), 0.28 },
  { N_("Decided by"), 0.18 },
};

static void
add_level_row (PwSummary *self, PwRecord *change)
{
  g_autofree char *date = date_of (change, "date");
  g_autofree char *what = describe_change (change);
  const char *row[] = {
    date, what, label_of (change, PW_CODES_LEVEL_ROUTE, "route"), text_of (change, "reason"),
    text_of (change, "decided-by"),
  };

  add_row (self, row);
}

static void
build_level (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) changes = all_records (s->levels);
  g_autofree char *current = describe_level (self->level);
  g_autofree char *today = pw_today ();
  GDate now;

  add_heading (self, _("Level of intervention"));
  if (changes->len == 0)
    {
      add_note (self, _("No level of intervention has been recorded."));
      return;
    }
  add_field (self, _("Current level"), current);
  for (guint i = 0; i < changes->len; i++)
    add_chart_point (self, changes->pdata[i]);
  if (parse_date (today, &now))
    self->chart_end = g_date_get_julian (&now);
  /* A history of a few days draws no line worth reading. */
  if (self->chart->len > 0 &&
      self->chart_end >= g_array_index (self->chart, ChartPoint, 0).day + CHART_MIN_DAYS)
    add_block (self, BLOCK_CHART, 0, 8, 0);
  begin_table (self, level_columns, G_N_ELEMENTS (level_columns));
  for (guint i = 0; i < changes->len; i++)
    add_level_row (self, changes->pdata[i]);
}

/* Consent ------------------------------------------------------------------------------ */

static const Column consent_columns[] = {
  { N_("Given on"), 0.17 },
  { N_("Given by"), 0.15 },
  { N_("What may be shared"), 0.26 },
  { N_("Agencies covered"), 0.24 },
  { N_("Status"), 0.18 },
};

static gboolean
consent_is_current (PwRecord *consent)
{
  return text_of (consent, "withdrawn-on") == NULL;
}

static void
add_consent_row (PwSummary *self, PwRecord *consent)
{
  g_autofree char *given_on = date_of (consent, "given-on");
  g_autofree char *agencies = agency_labels (text_of (consent, "agencies"));
  g_autofree char *withdrawn_on = date_of (consent, "withdrawn-on");
  g_autofree char *status = NULL;
  g_autofree char *scope = NULL;
  const char *reason = text_of (consent, "without-consent-reason");
  const char *given_by = text_of (consent, "given-by");
  Block *block;

  if (withdrawn_on != NULL)
    status = g_strdup_printf (_("Withdrawn on %s"), withdrawn_on);
  else
    status = g_strdup (_("Current"));
  if (reason != NULL)
    scope = g_strdup_printf (_("%s\nShared without consent because: %s"),
                             text_of (consent, "scope"), reason);
  else
    scope = g_strdup (text_of (consent, "scope"));
  block = add_row (self, (const char *[]) {
                     given_on, given_by != NULL ? given_by : _("Not asked"), scope, agencies,
                     status });
  block->cells[4].style = withdrawn_on != NULL ? STYLE_ALERT : STYLE_STRONG;
}

/* The agencies that current consents cover, once each. */
static char *
current_agencies (GPtrArray *consents)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < consents->len; i++)
    {
      const char *agencies = text_of (consents->pdata[i], "agencies");
      g_auto(GStrv) list = NULL;

      if (!consent_is_current (consents->pdata[i]) || agencies == NULL)
        continue;
      list = g_strsplit (agencies, ",", -1);
      for (guint j = 0; list[j] != NULL; j++)
        {
          g_autofree char *quoted = g_strconcat (",", list[j], ",", NULL);
          g_autofree char *all = g_strconcat (",", codes->str, ",", NULL);

          if (list[j][0] != '\0' && strstr (all, quoted) == NULL)
            g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "", list[j]);
        }
    }
  return codes->len > 0 ? agency_labels (codes->str) : NULL;
}

static void
build_consent (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) consents = all_records (s->consents);
  g_autofree char *covered = current_agencies (consents);
  Block *block;

  add_heading (self, _("Consent"));
  if (consents->len == 0)
    {
      add_note (self, _("No consent to share information has been recorded."));
      return;
    }
  block = add_field (self, _("Agencies covered now"),
                     covered != NULL ? covered : _("None: every consent has been withdrawn"));
  if (covered == NULL)
    block->cells[1].style = STYLE_ALERT;
  begin_table (self, consent_columns, G_N_ELEMENTS (consent_columns));
  for (guint i = 0; i < consents->len; i++)
    add_consent_row (self, consents->pdata[i]);
}

/* Needs and agencies ----------------------------------------------------------------------- */

static void
build_needs (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) needs = all_records (s->needs);
  guint shown = 0;

  add_heading (self, _("Needs"));
  for (gint64 rank = 1; rank <= 2; rank++)
    for (guint i = 0; i < needs->len; i++)
      {
        PwRecord *need = needs->pdata[i];
        const char *area = label_of (need, PW_CODES_NEED_AREA, "area");
        const char *type = label_of (need, PW_CODES_SEN_NEED, "type");
        g_autofree char *value = NULL;

        if (pw_record_get_int (need, "rank") != rank)
          continue;
        value = area != NULL ? g_strdup_printf (_("%s (%s)"), type, area) : g_strdup (type);
        add_field (self, rank == 1 ? _("Primary need") : _("Secondary need"), value);
        shown++;
      }
  if (shown == 0)
    add_note (self, _("No type of need has been recorded."));
}

static const Column agency_columns[] = {
  { N_("Agency"), 0.25 },
  { N_("Person"), 0.2 },
  { N_("Role"), 0.23 },
  { N_("Involved"), 0.32 },
};

static char *
describe_period (PwRecord *record, const char *from_field, const char *to_field)
{
  g_autofree char *from = date_of (record, from_field);
  g_autofree char *to = date_of (record, to_field);

  if (to == NULL)
    return g_strdup_printf (_("Since %s"), from);
  /* Translators: a period of time, broken after "to" so that each date stays whole */
  return g_strdup_printf (_("%s to\n%s"), from, to);
}

static void
build_agencies (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) involvements = all_records (s->involvements);

  add_heading (self, _("Agencies involved"));
  if (involvements->len == 0)
    {
      add_note (self, _("No other agency is recorded as involved."));
      return;
    }
  begin_table (self, agency_columns, G_N_ELEMENTS (agency_columns));
  for (guint i = 0; i < involvements->len; i++)
    {
      PwRecord *involvement = involvements->pdata[i];
      g_autofree char *period = describe_period (involvement, "from-date", "to-date");

      add_row (self, (const char *[]) {
                 label_of (involvement, PW_CODES_AGENCY, "agency"),
                 text_of (involvement, "person"), text_of (involvement, "role"), period });
    }
}

/* The current plan ---------------------------------------------------------------------- */

static const Column outcome_columns[] = {
  { N_("No."), 0.06 },
  { N_("Outcome"), 0.4 },
  { N_("Success criteria"), 0.36 },
  { N_("Target date"), 0.18 },
};

static const Column provision_columns[] = {
  { N_("Intervention"), 0.26 },
  { N_("How often"), 0.2 },
  { N_("Delivered by"), 0.2 },
  { N_("Outcome"), 0.1 },
  { N_("When"), 0.24 },
};

static gboolean
cycle_is_closed (PwRecord *cycle)
{
  return g_strcmp0 (text_of (cycle, "state"), "closed") == 0;
}

/* The open cycle, or else the last one. */
static PwRecord *
current_cycle (GPtrArray *cycles)
{
  for (guint i = 0; i < cycles->len; i++)
    if (!cycle_is_closed (cycles->pdata[i]))
      return cycles->pdata[i];
  return cycles->len > 0 ? cycles->pdata[cycles->len - 1] : NULL;
}

/* 1 for the cycle's first outcome, 0 for none of them. */
static guint
outcome_number (GPtrArray *outcomes, gint64 outcome_id)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (pw_record_get_id (outcomes->pdata[i]) == outcome_id)
      return i + 1;
  return 0;
}

static void
add_review_date (PwSummary *self, PwRecord *cycle)
{
  g_autofree char *review = date_of (cycle, "review-date");
  g_autofree char *today = pw_today ();
  g_autofree char *overdue = NULL;
  Block *block;

  if (review == NULL || cycle_is_closed (cycle) ||
      g_strcmp0 (text_of (cycle, "review-date"), today) >= 0)
    {
      add_field (self, field_label (cycle, "review-date"), review);
      return;
    }
  overdue = g_strdup_printf (_("%s (overdue)"), review);
  block = add_field (self, field_label (cycle, "review-date"), overdue);
  block->cells[1].style = STYLE_ALERT;
}

static void
add_cycle_facts (PwSummary *self, PwRecord *cycle)
{
  g_autofree char *opened = date_of (cycle, "opened-on");
  g_autofree char *closed = date_of (cycle, "closed-on");
  g_autofree char *what = g_strdup_printf (_("Cycle %d, started %s"),
                                           (int) pw_record_get_int (cycle, "number"), opened);
  g_autofree char *stage = closed != NULL
    ? g_strdup_printf (_("Closed on %s"), closed)
    : g_strdup (label_of (cycle, PW_CODES_CYCLE_STATE, "state"));
  g_autofree char *notified = date_of (cycle, "parents-notified-on");

  add_field (self, _("Cycle"), what);
  add_field (self, field_label (cycle, "state"), stage);
  add_review_date (self, cycle);
  if (notified != NULL)
    {
      g_autofree char *told = g_strdup_printf (pw_record_get_int (cycle, "parents-agree")
                                               ? _("%s; they agree with the plan")
                                               : _("%s; they have not agreed to the plan"),
                                               notified);
      add_field (self, field_label (cycle, "parents-notified-on"), told);
    }
}

static void
add_outcomes (PwSummary *self, GPtrArray *outcomes)
{
  add_subheading (self, _("Outcomes"));
  if (outcomes->len == 0)
    {
      add_note (self, _("No outcome has been written yet."));
      return;
    }
  begin_table (self, outcome_columns, G_N_ELEMENTS (outcome_columns));
  for (guint i = 0; i < outcomes->len; i++)
    {
      PwRecord *outcome = outcomes->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *target = date_of (outcome, "target-date");

      add_row (self, (const char *[]) {
                 number, text_of (outcome, "description"),
                 text_of (outcome, "success-criteria"), target });
    }
}

static void
add_provisions (PwSummary *self, GPtrArray *provisions, GPtrArray *outcomes)
{
  add_subheading (self, _("Provision"));
  if (provisions->len == 0)
    {
      add_note (self, _("No provision has been planned yet."));
      return;
    }
  begin_table (self, provision_columns, G_N_ELEMENTS (provision_columns));
  for (guint i = 0; i < provisions->len; i++)
    {
      PwRecord *provision = provisions->pdata[i];
      guint outcome = outcome_number (outcomes, pw_record_get_int (provision, "outcome-id"));
      g_autofree char *number = outcome > 0 ? g_strdup_printf ("%u", outcome) : NULL;
      g_autofree char *when = describe_period (provision, "start-date", "end-date");

      add_row (self, (const char *[]) {
                 text_of (provision, "intervention"), text_of (provision, "frequency"),
                 text_of (provision, "delivered-by"), number, when });
    }
}

static void
build_current_plan (PwSummary *self, Sources *s, GPtrArray *cycles)
{
  static const char *const prose[] = {
    "needs-summary", "strengths", "barriers", "evidence", "child-views", "parent-views",
    "agency-advice", "expected-impact",
  };
  PwRecord *cycle = current_cycle (cycles);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) provisions = NULL;

  add_heading (self, _("Current plan"));
  if (cycle == NULL)
    {
      add_note (self, _("No Assess, Plan, Do, Review cycle has been started."));
      return;
    }
  add_cycle_facts (self, cycle);
  for (guint i = 0; i < G_N_ELEMENTS (prose); i++)
    add_prose (self, cycle, prose[i]);
  outcomes = records_with (s->outcomes, "cycle-id", pw_record_get_id (cycle));
  provisions = records_with (s->provisions, "cycle-id", pw_record_get_id (cycle));
  add_outcomes (self, outcomes);
  add_provisions (self, provisions, outcomes);
}

/* Review history ------------------------------------------------------------------------- */

static const Column rating_columns[] = {
  { N_("Outcome"), 0.42 },
  { N_("Progress"), 0.14 },
  { N_("Evidence"), 0.44 },
};

static PwRecord *
rating_for (GListModel *ratings, PwRecord *outcome)
{
  g_autoptr(GPtrArray) found = records_with (ratings, "outcome-id", pw_record_get_id (outcome));

  return found->len > 0 ? g_object_ref (found->pdata[found->len - 1]) : NULL;
}

static void
add_rating_row (PwSummary *self, Sources *s, PwRecord *outcome)
{
  g_autoptr(PwRecord) rating = rating_for (s->ratings, outcome);
  const char *progress = label_of (rating, PW_CODES_RATING, "progress");
  Block *block;

  block = add_row (self, (const char *[]) {
                     text_of (outcome, "description"),
                     progress != NULL ? progress : _("Not rated"),
                     text_of (rating, "evidence") });
  block->cells[1].style = progress != NULL ? STYLE_STRONG : STYLE_ALERT;
}

static void
add_review (PwSummary *self, Sources *s, PwRecord *cycle)
{
  static const char *const prose[] = {
    "next-steps", "review-changes", "review-child-views", "review-parent-views",
  };
  g_autofree char *opened = date_of (cycle, "opened-on");
  g_autofree char *closed = date_of (cycle, "closed-on");
  g_autofree char *title = g_strdup_printf (_("Cycle %d: %s to %s"),
                                            (int) pw_record_get_int (cycle, "number"),
                                            opened, closed != NULL ? closed : "");
  g_autofree char *held = date_of (cycle, "review-held-on");
  g_autoptr(GPtrArray) outcomes = records_with (s->outcomes, "cycle-id",
                                                pw_record_get_id (cycle));

  add_subheading (self, title);
  add_field (self, field_label (cycle, "review-held-on"), held);
  add_field (self, field_label (cycle, "decision"),
             label_of (cycle, PW_CODES_DECISION, "decision"));
  for (guint i = 0; i < G_N_ELEMENTS (prose); i++)
    add_prose (self, cycle, prose[i]);
  if (outcomes->len == 0)
    return;
  begin_table (self, rating_columns, G_N_ELEMENTS (rating_columns));
  for (guint i = 0; i < outcomes->len; i++)
    add_rating_row (self, s, outcomes->pdata[i]);
}

static void
build_history (PwSummary *self, Sources *s, GPtrArray *cycles)
{
  guint shown = 0;

  add_heading (self, _("Review history"));
  for (guint i = cycles->len; i-- > 0;)
    {
      if (!cycle_is_closed (cycles->pdata[i]))
        continue;
      add_review (self, s, cycles->pdata[i]);
      shown++;
    }
  if (shown == 0)
    add_note (self, _("No cycle has been reviewed yet."));
}

/* Meetings and actions ---------------------------------------------------------------------- */

static const Column action_columns[] = {
  { N_("Action"), 0.45 },
  { N_("Owner"), 0.19 },
  { N_("Due"), 0.18 },
  { N_("Done"), 0.18 },
};

static char *
describe_attendees (Sources *s, PwRecord *meeting)
{
  g_autoptr(GPtrArray) attendees = records_with (s->attendees, "meeting-id",
                                                 pw_record_get_id (meeting));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < attendees->len; i++)
    {
      PwRecord *attendee = attendees->pdata[i];
      const char *agency = label_of (attendee, PW_CODES_AGENCY, "agency");

      g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", text_of (attendee, "name"));
      if (agency != NULL)
        g_string_append_printf (text, " (%s)", agency);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
add_action_row (PwSummary *self, PwRecord *action)
{
  g_autofree char *due = date_of (action, "due-date");
  g_autofree char *done_on = date_of (action, "done-on");
  g_autofree char *today = pw_today ();
  const char *due_iso = text_of (action, "due-date");
  gboolean overdue = done_on == NULL && due_iso != NULL && strcmp (due_iso, today) < 0;
  const char *done = done_on != NULL ? done_on : overdue ? _("Overdue") : _("Not yet");
  Block *block;

  block = add_row (self, (const char *[]) {
                     text_of (action, "description"), text_of (action, "owner"), due, done });
  block->cells[3].style = overdue ? STYLE_ALERT : done_on == NULL ? STYLE_MUTED : STYLE_CELL;
}

static void
add_meeting (PwSummary *self, Sources *s, PwRecord *meeting)
{
  g_autofree char *date = date_of (meeting, "date");
  g_autofree char *title = g_strdup_printf (_("%s, %s"),
                                            label_of (meeting, PW_CODES_MEETING_TYPE, "type"),
                                            date);
  g_autofree char *attendees = describe_attendees (s, meeting);
  g_autoptr(GPtrArray) actions = records_with (s->actions, "meeting-id",
                                               pw_record_get_id (meeting));

  add_subheading (self, title);
  add_prose (self, meeting, "question");
  if (text_of (meeting, "lead-agency") != NULL)
    add_field (self, field_label (meeting, "lead-agency"),
               label_of (meeting, PW_CODES_AGENCY, "lead-agency"));
  if (attendees != NULL)
    add_field (self, _("Attendees"), attendees);
  add_prose (self, meeting, "notes");
  if (actions->len == 0)
    return;
  begin_table (self, action_columns, G_N_ELEMENTS (action_columns));
  for (guint i = 0; i < actions->len; i++)
    add_action_row (self, actions->pdata[i]);
}

static int
compare_meetings (gconstpointer a, gconstpointer b)
{
  PwRecord *x = *(PwRecord **) a;
  PwRecord *y = *(PwRecord **) b;

  return -g_strcmp0 (text_of (x, "date"), text_of (y, "date"));
}

static void
build_meetings (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) meetings = all_records (s->meetings);

  add_heading (self, _("Meetings and actions"));
  if (meetings->len == 0)
    {
      add_note (self, _("No meeting has been recorded."));
      return;
    }
  g_ptr_array_sort (meetings, compare_meetings);
  for (guint i = 0; i < meetings->len; i++)
    add_meeting (self, s, meetings->pdata[i]);
}

/* Attendance and exclusions -------------------------------------------------------------- */

static const Column attendance_columns[] = {
  { N_("Academic year"), 0.16 },
  { N_("Term"), 0.13 },
  { N_("Possible sessions"), 0.17 },
  { N_("Sessions missed"), 0.17 },
  { N_("Absence"), 0.12 },
  { N_("Flag"), 0.25 },
};

static const Column exclusion_columns[] = {
  { N_("Start"), 0.17 },
  { N_("Category"), 0.24 },
  { N_("Sessions"), 0.11 },
  { N_("Reason"), 0.48 },
};

static int
term_order (PwRecord *attendance)
{
  const char *term = text_of (attendance, "term");

  return g_strcmp0 (term, "autumn") == 0 ? 0 : g_strcmp0 (term, "spring") == 0 ? 1 : 2;
}

static int
compare_terms (gconstpointer a, gconstpointer b)
{
  PwRecord *x = *(PwRecord **) a;
  PwRecord *y = *(PwRecord **) b;
  int by_year = g_strcmp0 (text_of (x, "academic-year"), text_of (y, "academic-year"));

  return by_year != 0 ? by_year : term_order (x) - term_order (y);
}

static void
add_attendance_row (PwSummary *self, PwRecord *attendance)
{
  PwAttendance *a = PW_ATTENDANCE (attendance);
  g_autofree char *possible = pw_record_format_field (attendance, "possible-sessions");
  g_autofree char *missed = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             pw_record_get_int (attendance, "authorised-absence") +
                                             pw_record_get_int (attendance, "unauthorised-absence"));
  g_autofree char *rate = g_strdup_printf (_("%.1f%%"), pw_attendance_get_absence_rate (a));
  const char *flag = pw_attendance_is_severe_absence (a) ? _("Severe absence")
                     : pw_attendance_is_persistent_absence (a) ? _("Persistent absence") : NULL;
  Block *block;

  block = add_row (self, (const char *[]) {
                     text_of (attendance, "academic-year"),
                     label_of (attendance, PW_CODES_TERM, "term"), possible, missed, rate, flag });
  block->cells[5].style = STYLE_ALERT;
}

static void
add_exclusions (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) exclusions = all_records (s->exclusions);

  if (exclusions->len == 0)
    return;
  add_subheading (self, _("Suspensions and exclusions"));
  begin_table (self, exclusion_columns, G_N_ELEMENTS (exclusion_columns));
  for (guint i = 0; i < exclusions->len; i++)
    {
      PwRecord *exclusion = exclusions->pdata[i];
      g_autofree char *start = date_of (exclusion, "start-date");
      g_autofree char *sessions = pw_record_is_set (exclusion, "sessions")
        ? pw_record_format_field (exclusion, "sessions") : NULL;

      add_row (self, (const char *[]) {
                 start, label_of (exclusion, PW_CODES_EXCLUSION, "category"), sessions,
                 text_of (exclusion, "reason") });
    }
}

static void
build_attendance (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) terms = all_records (s->attendance);

  add_heading (self, _("Attendance"));
  if (terms->len == 0)
    add_note (self, _("No attendance has been recorded."));
  else
    {
      g_ptr_array_sort (terms, compare_terms);
      begin_table (self, attendance_columns, G_N_ELEMENTS (attendance_columns));
      for (guint i = 0; i < terms->len; i++)
        add_attendance_row (self, terms->pdata[i]);
    }
  add_exclusions (self, s);
}

/* Chronology -------------------------------------------------------------------------------- */

static const Column chronology_columns[] = {
  { N_("Date"), 0.2 },
  { N_("What happened"), 0.8 },
};

static void
build_chronology (PwSummary *self, Sources *s)
{
  guint n = g_list_model_get_n_items (s->chronology);
  guint first = n > RECENT_ENTRIES ? n - RECENT_ENTRIES : 0;

  add_heading (self, _("Recent chronology"));
  if (n == 0)
    {
      add_note (self, _("Nothing has been recorded yet."));
      return;
    }
  if (first > 0)
    {
      g_autofree char *note = g_strdup_printf (_("The last %u of %u entries, oldest first."),
                                               n - first, n);
      add_note (self, note);
    }
  begin_table (self, chronology_columns, G_N_ELEMENTS (chronology_columns));
  for (guint i = first; i < n; i++)
    {
      g_autoptr(PwChronologyEntry) entry = g_list_model_get_item (s->chronology, i);
      g_autofree char *date = format_date (pw_chronology_entry_get_event_date (entry));

      add_row (self, (const char *[]) { date, pw_chronology_entry_get_summary (entry) });
    }
}

/* The whole document ------------------------------------------------------------------------- */

static void
build_band (PwSummary *self, Sources *s)
{
  g_autofree char *born = date_of (s->child, "date-of-birth");
  g_autofree char *today = pw_today ();
  const char *upn = text_of (s->child, "upn");

  self->name = full_name (s->child);
  self->title = g_strdup_printf (_("Case summary: %s"), self->name);
  self->level = CLAMP (pw_record_get_int (s->child, "current-level"), 0, 4);
  self->printed_on = format_date (today);
  if (upn != NULL)
    self->identity_line = g_strdup_printf (_("Born %s · UPN %s"), born, upn);
  else
    self->identity_line = g_strdup_printf (_("Born %s · no UPN recorded"), born);
}

static void
build_document (PwSummary *self, Sources *s)
{
  g_autoptr(GPtrArray) cycles = all_records (s->cycles);
  const char *actor = pw_caseload_get_actor (s->caseload);

  build_band (self, s);
  if (actor != NULL && actor[0] != '\0')
    {
      g_autofree char *prepared = g_strdup_printf (_("Prepared by %s on %s from the Pathway "
                                                     "case record."), actor, self->printed_on);
      add_note (self, prepared);
    }
  build_identity (self, s);
  build_level (self, s);
  build_consent (self, s);
  build_needs (self, s);
  build_agencies (self, s);
  build_current_plan (self, s, cycles);
  build_history (self, s, cycles);
  build_meetings (self, s);
  build_attendance (self, s);
  build_chronology (self, s);
  end_table (self);
}

/* Layout ------------------------------------------------------------------------------------ */

static double
content_width (PwSummary *self)
{
  return self->page_width - 2 * MARGIN;
}

static double
content_bottom (PwSummary *self)
{
  return self->page_height - CONTENT_BOTTOM;
}

static PangoLayout *
new_layout (PwSummary *self, Style style, const char *text, double width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
make_fonts (PwSummary *self)
{
  for (guint i = 0; i < N_STYLES; i++)
    {
      PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

      pango_font_description_set_size (font, styles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (font, styles[i].weight);
      g_clear_pointer (&self->fonts[i], pango_font_description_free);
      self->fonts[i] = font;
    }
}

static void
lay_out_cell (PwSummary *self, Block *block, Cell *cell)
{
  /* Text in columns keeps off the columns' edges; a heading or a note
   * starts at the margin. */
  double pad_x = block->n_cells > 1 || (block->flags & (SHADED | RULED)) ? CELL_PAD : 0;
  double width = cell->width * content_width (self) - 2 * pad_x;
  PangoLayoutIter *iter;
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
  cell->layout = new_layout (self, cell->style, cell->text, MAX (width, 1));
  cell->lines = g_array_new (FALSE, FALSE, sizeof (LinePos));
  iter = pango_layout_get_iter (cell->layout);
  do
    {
      PangoRectangle logical;
      LinePos pos;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pos.line = pango_layout_iter_get_line_readonly (iter);
      pos.top = block->pad + pango_units_to_double (y0);
      pos.bottom = block->pad + pango_units_to_double (y1);
      pos.baseline = block->pad + pango_units_to_double (pango_layout_iter_get_baseline (iter));
      pos.x = pad_x + pango_units_to_double (logical.x);
      g_array_append_val (cell->lines, pos);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Whether cutting at @y leaves every line of every cell whole. */
static gboolean
can_cut_at (Block *block, double y)
{
  for (guint i = 0; i < block->n_cells; i++)
    for (guint j = 0; j < block->cells[i].lines->len; j++)
      {
        LinePos *pos = &g_array_index (block->cells[i].lines, LinePos, j);

        if (pos->top + EPSILON < y && y < pos->bottom - EPSILON)
          return FALSE;
      }
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
find_breaks (Block *block)
{
  g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  double last = 0;

  g_clear_pointer (&block->breaks, g_array_unref);
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < block->n_cells; i++)
    for (guint j = 0; j < block->cells[i].lines->len; j++)
      g_array_append_val (bottoms, g_array_index (block->cells[i].lines, LinePos, j).bottom);
  g_array_sort (bottoms, compare_doubles);
  for (guint i = 0; block->height > 4 * MIN_PIECE && i < bottoms->len; i++)
    {
      double y = g_array_index (bottoms, double, i);

      if (y > last + EPSILON && y >= MIN_PIECE && y <= block->height - MIN_PIECE &&
          can_cut_at (block, y))
        g_array_append_val (block->breaks, y);
      last = MAX (last, y);
    }
  g_array_append_val (block->breaks, block->height);
}

/* Moves the cells of a row down so that their first lines share a
 * baseline, as a small label beside a larger value should.  Returns the
 * bottom of the lowest cell. */
static double
align_baselines (Block *block)
{
  double first = 0, bottom = 0;

  for (guint i = 0; i < block->n_cells; i++)
    first = MAX (first, g_array_index (block->cells[i].lines, LinePos, 0).baseline);
  for (guint i = 0; i < block->n_cells; i++)
    {
      GArray *lines = block->cells[i].lines;
      double shift = first - g_array_index (lines, LinePos, 0).baseline;

      for (guint j = 0; j < lines->len; j++)
        {
          LinePos *pos = &g_array_index (lines, LinePos, j);

          pos->top += shift;
          pos->bottom += shift;
          pos->baseline += shift;
          bottom = MAX (bottom, pos->bottom);
        }
    }
  return bottom;
}

static void
lay_out_block (PwSummary *self, Block *block)
{
  double bottom;

  if (block->kind == BLOCK_CHART)
    block->height = CHART_HEIGHT;
  for (guint i = 0; i < block->n_cells; i++)
    lay_out_cell (self, block, &block->cells[i]);
  bottom = align_baselines (block);
  if (block->kind == BLOCK_ROW)
    block->height = bottom + block->pad + (block->flags & UNDERLINED ? 6 : 0);
  if (block->kind == BLOCK_CHART)
    {
      g_clear_pointer (&block->breaks, g_array_unref);
      block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (block->breaks, block->height);
      return;
    }
  find_breaks (block);
}

/* Pagination ------------------------------------------------------------------------------- */

typedef struct
{
  PwSummary *self;
  guint page;
  double y;
  gboolean fresh;        /* nothing on the page yet but repeated column titles */
} Cursor;

static void
place (Cursor *c, guint index, double from, double to)
{
  Piece piece = { c->page, index, from, to, c->y };

  g_array_append_val (c->self->pieces, piece);
  c->y += to - from;
  c->fresh = FALSE;
}

static void
start_page (Cursor *c, guint index)
{
  Block *block = block_at (c->self, index);

  c->page++;
  c->y = CONTENT_TOP;
  if (block->head >= 0 && (guint) block->head != index)
    place (c, block->head, 0, block_at (c->self, block->head)->height);
  c->fresh = TRUE;
}

/* How much of the page block @index needs at least: its first line, or
 * all of it and the start of the next block if it must stay with that. */
static double
least_height (PwSummary *self, guint index)
{
  Block *block = block_at (self, index);

  if ((block->flags & KEEP_WITH_NEXT) && index + 1 < self->blocks->len)
    return block->height + block_at (self, index + 1)->space_before +
           least_height (self, index + 1);
  return g_array_index (block->breaks, double, 0);
}

/* The furthest place after @from and up to @limit where the block may be cut. */
static double
last_break (Block *block, double from, double limit)
{
  double found = from;

  for (guint i = 0; i < block->breaks->len; i++)
    {
      double y = g_array_index (block->breaks, double, i);

      if (y > from + EPSILON && y <= limit + EPSILON)
        found = y;
    }
  return found;
}

static void
place_block (Cursor *c, guint index)
{
  Block *block = block_at (c->self, index);
  double bottom = content_bottom (c->self);
  double from = 0;

  while (block->height - from > bottom - c->y + EPSILON)
    {
      double cut = last_break (block, from, from + bottom - c->y);

      if (cut <= from && !c->fresh)
        {
          start_page (c, index);
          continue;
        }
      if (cut <= from)
        cut = from + bottom - c->y;  /* a line taller than a page */
      place (c, index, from, cut);
      start_page (c, index);
      from = cut;
    }
  place (c, index, from, block->height);
}

static void
paginate_blocks (PwSummary *self)
{
  Cursor c = { self, 0, CONTENT_TOP, TRUE };

  g_array_set_size (self->pieces, 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = block_at (self, i);

      if (!c.fresh)
        c.y += block->space_before;
      if (!c.fresh && c.y + least_height (self, i) > content_bottom (self) + EPSILON)
        start_page (&c, i);
      place_block (&c, i);
    }
  self->n_pages = c.page + 1;
}

/* Drawing ------------------------------------------------------------------------------------ */

static void
set_colour (cairo_t *cr, const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

static void
draw_layout (PwSummary *self, cairo_t *cr, PangoLayout *layout, Style style, double x, double y)
{
  set_colour (cr, styles[style].colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_text (PwSummary *self, cairo_t *cr, Style style, const char *text, double x, double y,
           double width, PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = new_layout (self, style, text, width);

  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  draw_layout (self, cr, layout, style, x, y);
}

static void
hline (cairo_t *cr, const Colour *colour, double width, double x0, double x1, double y)
{
  set_colour (cr, colour);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

static void
rounded_rectangle (cairo_t *cr, double x, double y, double width, double height, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* "Level 3 · Intensive" in the level's colour, at the band's right. */
static void
draw_badge (PwSummary *self, cairo_t *cr, double right, double y)
{
  g_autofree char *text = describe_level (self->level);
  g_autoptr(PangoLayout) layout = new_layout (self, STYLE_BADGE, text, -1);
  int width, height;
  double w, h;

  pango_layout_get_size (layout, &width, &height);
  w = pango_units_to_double (width) + 16;
  h = pango_units_to_double (height) + 6;
  set_colour (cr, &level_colours[self->level]);
  rounded_rectangle (cr, right - w, y, w, h, h / 2);
  cairo_fill (cr);
  draw_layout (self, cr, layout, STYLE_BADGE, right - w + 8, y + 3);
}

static void
draw_band (PwSummary *self, cairo_t *cr)
{
  double left = MARGIN, right = self->page_width - MARGIN;
  double width = right - left;
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), self->printed_on);

  set_colour (cr, &band);
  cairo_rectangle (cr, left, BAND_TOP, width, BAND_HEIGHT);
  cairo_fill (cr);
  set_colour (cr, &accent);
  cairo_rectangle (cr, left, BAND_TOP, 4, BAND_HEIGHT);
  cairo_fill (cr);
  draw_text (self, cr, STYLE_HEAD, _("Case summary"), left + 14, BAND_TOP + 6, width * 0.6,
             PANGO_ALIGN_LEFT);
  draw_text (self, cr, STYLE_NAME, self->name, left + 14, BAND_TOP + 16, width * 0.62,
             PANGO_ALIGN_LEFT);
  draw_text (self, cr, STYLE_SMALL, self->identity_line, left + 14, BAND_TOP + 35,
             width * 0.62, PANGO_ALIGN_LEFT);
  draw_badge (self, cr, right - 10, BAND_TOP + 9);
  draw_text (self, cr, STYLE_SMALL, printed, left + width * 0.62, BAND_TOP + 33,
             width * 0.38 - 10, PANGO_ALIGN_RIGHT);
}

static void
draw_footer (PwSummary *self, cairo_t *cr, guint page)
{
  double left = MARGIN, right = self->page_width - MARGIN;
  double y = self->page_height - FOOTER_RULE;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);

  hline (cr, &rule, 0.6, left, right, y);
  draw_text (self, cr, STYLE_SMALL, _("Confidential: contains personal data about a child"),
             left, y + 5, (right - left) * 0.7, PANGO_ALIGN_LEFT);
  draw_text (self, cr, STYLE_SMALL, number, left + (right - left) * 0.7, y + 5,
             (right - left) * 0.3, PANGO_ALIGN_RIGHT);
}

/* The chart of the level over time ----------------------------------------------------------- */

typedef struct
{
  double left, right, top, bottom;
  guint32 first, last;   /* julian days at the left and right */
} Plot;

static double
plot_x (const Plot *p, guint32 day)
{
  return p->left + (p->right - p->left) * (double) (day - p->first) / (p->last - p->first);
}

static double
plot_y (const Plot *p, int level)
{
  return p->bottom - (level - 0.5) * (p->bottom - p->top) / 4;
}

static void
draw_level_rows (PwSummary *self, cairo_t *cr, const Plot *p)
{
  double row = (p->bottom - p->top) / 4;

  for (int level = 1; level <= 4; level++)
    {
      const Colour *c = &level_colours[level];
      g_autofree char *label = g_strdup_printf (_("Level %d"), level);
      double y = plot_y (p, level);

      cairo_set_source_rgba (cr, c->r, c->g, c->b, 0.09);
      cairo_rectangle (cr, p->left, y - row / 2, p->right - p->left, row);
      cairo_fill (cr);
      draw_text (self, cr, STYLE_SMALL, label, p->left - 56, y - 5, 50, PANGO_ALIGN_RIGHT);
    }
  hline (cr, &muted, 0.6, p->left, p->right, p->bottom);
}

/* Months between ticks: few enough for the labels to stand apart. */
static guint
tick_months (const Plot *p)
{
  static const guint steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
  guint months = (p->last - p->first) / 30 + 1;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (months / steps[i] <= 6)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

static void
draw_tick (PwSummary *self, cairo_t *cr, const Plot *p, GDate *date, guint step)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date),
                                                   g_date_get_month (date), 1, 0, 0, 0);
  g_autofree char *label = g_date_time_format (time, step >= 12 ? "%Y" : "%b %Y");
  double x = plot_x (p, g_date_get_julian (date));
  double lx = CLAMP (x - 30, p->left - 20, p->right - 40);

  set_colour (cr, &muted);
  cairo_move_to (cr, x, p->bottom);
  cairo_line_to (cr, x, p->bottom + 3);
  cairo_stroke (cr);
  draw_text (self, cr, STYLE_SMALL, label, lx, p->bottom + 4, 60, PANGO_ALIGN_CENTER);
}

static void
draw_ticks (PwSummary *self, cairo_t *cr, const Plot *p)
{
  guint step = tick_months (p);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, p->first);
  g_date_set_day (&date, 1);
  g_date_add_months (&date, 1);
  while ((g_date_get_month (&date) - 1) % MIN (step, 12) != 0 ||
         (step > 12 && g_date_get_year (&date) % (step / 12) != 0))
    g_date_add_months (&date, 1);
  for (; g_date_get_julian (&date) <= p->last; g_date_add_months (&date, step))
    draw_tick (self, cr, p, &date, step);
}

static void
draw_steps (PwSummary *self, cairo_t *cr, const Plot *p)
{
  GArray *points = self->chart;
  int level = g_array_index (points, ChartPoint, 0).level;

  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_colour (cr, &accent);
  cairo_move_to (cr, plot_x (p, g_array_index (points, ChartPoint, 0).day), plot_y (p, level));
  for (guint i = 1; i < points->len; i++)
    {
      ChartPoint *point = &g_array_index (points, ChartPoint, i);
      double x = plot_x (p, MIN (point->day, p->last));

      cairo_line_to (cr, x, plot_y (p, level));
      cairo_line_to (cr, x, plot_y (p, point->level));
      level = point->level;
    }
  cairo_line_to (cr, p->right, plot_y (p, level));
  cairo_stroke (cr);
  for (guint i = 0; i < points->len; i++)
    {
      ChartPoint *point = &g_array_index (points, ChartPoint, i);

      cairo_arc (cr, plot_x (p, MIN (point->day, p->last)), plot_y (p, point->level), 2.6, 0,
                 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_chart (PwSummary *self, cairo_t *cr, double y)
{
  Plot p;

  p.left = MARGIN + 64;
  p.right = self->page_width - MARGIN - 24;
  p.top = y + 4;
  p.bottom = y + CHART_HEIGHT - 20;
  p.first = g_array_index (self->chart, ChartPoint, 0).day;
  p.last = MAX (self->chart_end, g_array_index (self->chart, ChartPoint,
                                               self->chart->len - 1).day);
  /* A short history still spreads over three months. */
  p.first = MIN (p.first, p.last - 91);
  draw_level_rows (self, cr, &p);
  draw_ticks (self, cr, &p);
  draw_steps (self, cr, &p);
}

/* Pieces of blocks ------------------------------------------------------------------------------ */

static void
draw_cell (PwSummary *self, cairo_t *cr, Cell *cell, const Piece *piece)
{
  double x = MARGIN + cell->x * content_width (self);

  set_colour (cr, styles[cell->style].colour);
  for (guint i = 0; i < cell->lines->len; i++)
    {
      LinePos *pos = &g_array_index (cell->lines, LinePos, i);

      if (pos->top < piece->from - EPSILON || pos->bottom > piece->to + EPSILON)
        continue;
      cairo_move_to (cr, x + pos->x, piece->y - piece->from + pos->baseline);
      pango_cairo_show_layout_line (cr, pos->line);
    }
}

static void
draw_piece (PwSummary *self, cairo_t *cr, const Piece *piece)
{
  Block *block = block_at (self, piece->block);
  double left = MARGIN, right = self->page_width - MARGIN;
  double bottom = piece->y + piece->to - piece->from;
  gboolean ends = piece->to >= block->height - EPSILON;

  if (block->kind == BLOCK_CHART)
    {
      draw_chart (self, cr, piece->y);
      return;
    }
  if (block->flags & SHADED)
    {
      set_colour (cr, &shade);
      cairo_rectangle (cr, left, piece->y, right - left, bottom - piece->y);
      cairo_fill (cr);
    }
  for (guint i = 0; i < block->n_cells; i++)
    draw_cell (self, cr, &block->cells[i], piece);
  if ((block->flags & RULED) && ends)
    hline (cr, &rule, 0.5, left, right, bottom);
  if ((block->flags & UNDERLINED) && ends)
    hline (cr, &accent, 1, left, right, bottom - 3);
}

/* Writing a file ------------------------------------------------------------------------------- */

typedef struct
{
  GOutputStream *out;
  GError *error;
} Sink;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;

  if (sink->error == NULL &&
      g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
fail_write (GError **error, GError *cause)
{
  g_propagate_prefixed_error (error, cause, _("Could not write the case summary: "));
  return FALSE;
}

static PangoContext *
create_pdf_context (PwSummary *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoContext *context;

  if (self->font_map == NULL)
    self->font_map = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (context, 72);
  /* Metrics as designed, not snapped to a screen's pixels. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

static void
set_metadata (PwSummary *self, cairo_surface_t *surface)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pathway");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* Draws every page into @sink; FALSE with @error if cairo could not. */
static gboolean
render_pdf (PwSummary *self, Sink *sink, const char *path, GError **error)
{
  PangoContext *context = create_pdf_context (self);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  ok = pw_summary_paginate (self, PW_SUMMARY_A4_WIDTH, PW_SUMMARY_A4_HEIGHT, context, error);
  g_object_unref (context);
  if (!ok)
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (write_cb, sink, PW_SUMMARY_A4_WIDTH,
                                                 PW_SUMMARY_A4_HEIGHT);
  set_metadata (self, surface);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->n_pages; i++)
    {
      pw_summary_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (sink->error != NULL)
    return fail_write (error, g_steal_pointer (&sink->error));
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the case summary to “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

/* GObject ------------------------------------------------------------------------------------- */

static void
pw_summary_finalize (GObject *object)
{
  PwSummary *self = PW_SUMMARY (object);

  for (guint i = 0; i < self->blocks->len; i++)
    block_clear (block_at (self, i));
  g_array_unref (self->blocks);
  g_array_unref (self->chart);
  g_array_unref (self->pieces);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_free (self->title);
  g_free (self->name);
  g_free (self->identity_line);
  g_free (self->printed_on);

  G_OBJECT_CLASS (pw_summary_parent_class)->finalize (object);
}

static void
pw_summary_class_init (PwSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_summary_finalize;
}

static void
pw_summary_init (PwSummary *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  self->chart = g_array_new (FALSE, FALSE, sizeof (ChartPoint));
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->table_head = -1;
}

/* Public API ------------------------------------------------------------------------------------ */

/**
 * pw_summary_new:
 * @caseload: the caseload
 * @child_id: the child
 * @error: return location for an error
 *
 * Reads everything the case summary of @child_id shows, in one read
 * transaction.  The summary keeps its own copy of the text and holds no
 * reference to @caseload.
 *
 * Returns: (transfer full): the summary, or %NULL if the child could not be read
 */
PwSummary *
pw_summary_new (PwCaseload  *caseload,
                gint64       child_id,
                GError     **error)
{
  g_autoptr(PwSummary) self = NULL;
  Sources s = { caseload, child_id };
  gboolean ok;

  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ok = pw_caseload_transaction (caseload, load_sources, &s, error);
  if (ok)
    {
      self = g_object_new (PW_TYPE_SUMMARY, NULL);
      build_document (self, &s);
    }
  sources_clear (&s);
  return g_steal_pointer (&self);
}

/**
 * pw_summary_get_title:
 *
 * Returns: (transfer none): "Case summary: " and the child's name, for a
 *   print job or a window
 */
const char *
pw_summary_get_title (PwSummary *self)
{
  g_return_val_if_fail (PW_IS_SUMMARY (self), NULL);

  return self->title;
}

/**
 * pw_summary_paginate:
 * @page_width: the width of the paper, in the units of @context (points)
 * @page_height: the height of the paper
 * @context: the context to lay text out with; for printing, the one from
 *   gtk_print_context_create_pango_context() with the operation's unit set
 *   to points and use-full-page on
 * @error: return location for an error
 *
 * Lays the summary out on pages of the given size, replacing any earlier
 * layout.  pw_summary_draw_page() then draws with this layout.
 *
 * Returns: %FALSE if the page is too small to hold the summary
 */
gboolean
pw_summary_paginate (PwSummary     *self,
                     double         page_width,
                     double         page_height,
                     PangoContext  *context,
                     GError       **error)
{
  g_return_val_if_fail (PW_IS_SUMMARY (self), FALSE);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), FALSE);

  if (page_width < 4 * MARGIN + 100 || page_height < CONTENT_TOP + CONTENT_BOTTOM + 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The page is too small for a case summary: %.0f by %.0f points"),
                   page_width, page_height);
      return FALSE;
    }
  g_set_object (&self->context, context);
  self->page_width = page_width;
  self->page_height = page_height;
  make_fonts (self);
  for (guint i = 0; i < self->blocks->len; i++)
    lay_out_block (self, block_at (self, i));
  paginate_blocks (self);
  return TRUE;
}

/**
 * pw_summary_get_n_pages:
 *
 * Returns: the number of pages of the last pw_summary_paginate(), or 0
 */
guint
pw_summary_get_n_pages (PwSummary *self)
{
  g_return_val_if_fail (PW_IS_SUMMARY (self), 0);

  return self->n_pages;
}

/**
 * pw_summary_draw_page:
 * @cr: where to draw, in the units given to pw_summary_paginate(), with
 *   the paper's top left corner at the origin
 * @page: the page, from 0
 *
 * Draws one page: the header band, the part of the summary that falls on
 * it and the footer.
 */
void
pw_summary_draw_page (PwSummary *self,
                      cairo_t   *cr,
                      guint      page)
{
  g_return_if_fail (PW_IS_SUMMARY (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  draw_band (self, cr);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, i);

      if (piece->page == page)
        draw_piece (self, cr, piece);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/**
 * pw_summary_write_pdf:
 * @path: the file to write
 * @error: return location for an error
 *
 * Writes the summary as an A4 PDF file.  The file is written under a
 * temporary name beside @path, synced, and renamed over @path only when
 * whole; on failure nothing is left behind and the error names @path and
 * the cause.
 *
 * Returns: whether the file was written
 */
gboolean
pw_summary_write_pdf (PwSummary   *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(PwOutputFile) file = NULL;
  GError *local = NULL;
  Sink sink = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (PW_IS_SUMMARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = pw_output_file_new (path, 0600, &local);
  if (file == NULL)
    return fail_write (error, local);
  sink.out = pw_output_file_get_stream (file);
  ok = render_pdf (self, &sink, path, error);
  g_clear_error (&sink.error);
  if (ok && !pw_output_file_commit (file, &local))
    return fail_write (error, local);
  return ok;
}
