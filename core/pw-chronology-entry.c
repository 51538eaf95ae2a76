/* pw-chronology-entry.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One line of a child's chronology: what happened on a date, written from
 * the record it came from. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-chronology-entry.h"

#define SUMMARY_CHARS 120

struct _PwChronologyEntry
{
  GObject parent_instance;

  char *event_date;
  char *kind;
  char *summary;
  PwRecord *record;
};

G_DEFINE_FINAL_TYPE (PwChronologyEntry, pw_chronology_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT_DATE,
  PROP_KIND,
  PROP_SUMMARY,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
label_of (PwRecord *record, PwCodeTable table, const char *field)
{
  const char *code = pw_record_get_text (record, field);
  const char *label = code != NULL ? pw_codes_label (table, code) : NULL;

  return label != NULL ? label : "";
}

/* The first line of a text, shortened. */
static char *
excerpt (PwRecord *record, const char *field)
{
  const char *text = pw_record_get_text (record, field);
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  char *newline = strchr (line, '\n');

  if (newline != NULL)
    *newline = '\0';
  if (g_utf8_strlen (line, -1) <= SUMMARY_CHARS)
    return g_steal_pointer (&line);
  *g_utf8_offset_to_pointer (line, SUMMARY_CHARS - 1) = '\0';
  return g_strconcat (line, "…", NULL);
}

static char *
summarize_cycle (const char *kind, PwRecord *record)
{
  int number = pw_record_get_int (record, "number");

  if (g_str_equal (kind, "review"))
    return g_strdup_printf (_("Cycle %d reviewed: %s"), number,
                            label_of (record, PW_CODES_DECISION, "decision"));
  return g_strdup_printf (_("Cycle %d started"), number);
}

static char *
summarize_consent (const char *kind, PwRecord *record)
{
  if (g_str_equal (kind, "consent-withdrawn"))
    return g_strdup (_("Consent withdrawn"));
  if (pw_record_is_set (record, "without-consent-reason"))
    return g_strdup (_("Information shared without consent"));
  return g_strdup_printf (_("Consent given by %s"), pw_record_get_text (record, "given-by"));
}

static char *
summarize_level_change (PwRecord *record)
{
  gint64 from = pw_record_get_int (record, "from-level");
  gint64 to = pw_record_get_int (record, "to-level");
  const char *route = label_of (record, PW_CODES_LEVEL_ROUTE, "route");

  if (from == 0)
    return g_strdup_printf (_("First at Level %d: %s"), (int) to, route);
  return g_strdup_printf (_("Level %d to Level %d: %s"), (int) from, (int) to, route);
}

static char *
summarize (const char *kind, PwRecord *record)
{
  const char *table = pw_record_get_table (record);

  if (g_str_equal (table, "level_change"))
    return summarize_level_change (record);
  if (g_str_equal (table, "cycle"))
    return summarize_cycle (kind, record);
  if (g_str_equal (table, "consent"))
    return summarize_consent (kind, record);
  if (g_str_equal (table, "session"))
    return g_strdup (pw_record_get_int (record, "attended") ? _("Session delivered")
                                                             : _("Session missed"));
  if (g_str_equal (table, "contribution"))
    return g_strdup_printf (_("Contribution from %s: %s"),
                            label_of (record, PW_CODES_AGENCY, "agency"),
                            pw_record_get_text (record, "person"));
  if (g_str_equal (table, "meeting"))
    return g_strdup_printf (_("%s meeting"), label_of (record, PW_CODES_MEETING_TYPE, "type"));
  if (g_str_equal (table, "meeting_action"))
    return g_strdup_printf (_("Action done by %s"), pw_record_get_text (record, "owner"));
  if (g_str_equal (table, "involvement"))
    return g_strdup_printf (_("%s involved"), label_of (record, PW_CODES_AGENCY, "agency"));
  if (g_str_equal (table, "exclusion"))
    return g_strdup (label_of (record, PW_CODES_EXCLUSION, "category"));
  if (g_str_equal (table, "amendment"))
    {
      g_autofree char *reason = excerpt (record, "reason");

      return g_strdup_printf (_("Correction: %s"), reason);
    }
  return excerpt (record, "text");
}

static void
pw_chronology_entry_finalize (GObject *object)
{
  PwChronologyEntry *self = PW_CHRONOLOGY_ENTRY (object);

  g_free (self->event_date);
  g_free (self->kind);
  g_free (self->summary);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (pw_chronology_entry_parent_class)->finalize (object);
}

static void
pw_chronology_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PwChronologyEntry *self = PW_CHRONOLOGY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_EVENT_DATE:
      g_value_set_string (value, self->event_date);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_chronology_entry_class_init (PwChronologyEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_chronology_entry_finalize;
  object_class->get_property = pw_chronology_entry_get_property;

  properties[PROP_EVENT_DATE] = g_param_spec_string ("event-date", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_RECORD] = g_param_spec_object ("record", NULL, NULL, PW_TYPE_RECORD, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_chronology_entry_init (PwChronologyEntry *self)
{
}

/**
 * pw_chronology_entry_new:
 * @event_date: when it happened
 * @kind: what happened: "level-change", "cycle-opened", "review", "session",
 *   "contribution", "meeting", "action-done", "consent", "consent-withdrawn",
 *   "involvement", "exclusion", "note" or "amendment"
 * @record: the record it came from
 *
 * Returns: (transfer full): a new entry
 */
PwChronologyEntry *
pw_chronology_entry_new (const char *event_date,
                         const char *kind,
                         PwRecord   *record)
{
  PwChronologyEntry *self;

  g_return_val_if_fail (event_date != NULL && kind != NULL, NULL);
  g_return_val_if_fail (PW_IS_RECORD (record), NULL);

  self = g_object_new (PW_TYPE_CHRONOLOGY_ENTRY, NULL);
  self->event_date = g_strdup (event_date);
  self->kind = g_strdup (kind);
  self->record = g_object_ref (record);
  self->summary = summarize (kind, record);
  return self;
}

const char *
pw_chronology_entry_get_event_date (PwChronologyEntry *self)
{
  g_return_val_if_fail (PW_IS_CHRONOLOGY_ENTRY (self), NULL);

  return self->event_date;
}

const char *
pw_chronology_entry_get_kind (PwChronologyEntry *self)
{
  g_return_val_if_fail (PW_IS_CHRONOLOGY_ENTRY (self), NULL);

  return self->kind;
}

const char *
pw_chronology_entry_get_summary (PwChronologyEntry *self)
{
  g_return_val_if_fail (PW_IS_CHRONOLOGY_ENTRY (self), NULL);

  return self->summary;
}

/**
 * pw_chronology_entry_get_record:
 *
 * Returns: (transfer none): the record the entry came from
 */
PwRecord *
pw_chronology_entry_get_record (PwChronologyEntry *self)
{
  g_return_val_if_fail (PW_IS_CHRONOLOGY_ENTRY (self), NULL);

  return self->record;
}
