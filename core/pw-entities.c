/* pw-entities.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The field tables of every kind of case record, and the rules between the
 * fields of one record.  Rules that need other records (a closed cycle, the
 * child's current level) are PwCaseload's. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-entities.h"
#include "pw-record-private.h"

#define TEXT(n, l, f)         { n, l, PW_FIELD_TEXT, f, 0, PW_TEXT_MAX, 0, NULL }
#define PROSE(n, l, f)        { n, l, PW_FIELD_PROSE, f, 0, PW_PROSE_MAX, 0, NULL }
#define DATE(n, l, f)         { n, l, PW_FIELD_DATE, f, 0, 10, 0, NULL }
#define INT(n, l, f, lo, hi)  { n, l, PW_FIELD_INT, f, lo, hi, 0, NULL }
#define BOOL(n, l)            { n, l, PW_FIELD_BOOL, 0, 0, 1, 0, NULL }
#define CODE(n, l, f, t)      { n, l, PW_FIELD_CODE, f, 0, 40, t, NULL }
#define CODES(n, l, f, t)     { n, l, PW_FIELD_CODES, f, 0, 1000, t, NULL }
#define REF(n, l, f, t)       { n, l, PW_FIELD_REF, f, 0, 0, 0, t }
#define CHILD_REF             REF ("child-id", N_("Child"), REQ | PARENT, "child")

#define REQ  PW_FIELD_REQUIRED
#define PAST PW_FIELD_PAST
#define DER  PW_FIELD_DERIVED
#define FIND PW_FIELD_SEARCHABLE
#define COMP (PW_FIELD_DERIVED | PW_FIELD_COMPUTED)
#define PARENT PW_FIELD_PARENT

/* Defines a final PwRecord subclass from its field table. */
#define PW_DEFINE_ENTITY(TypeName, type_name, table, label, fields, validate_func) \
  struct _##TypeName { PwRecord parent_instance; };                              \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, PW_TYPE_RECORD)                      \
  static void                                                                    \
  type_name##_class_init (TypeName##Class *klass)                                \
  {                                                                              \
    PwRecordClass *record_class = PW_RECORD_CLASS (klass);                       \
    pw_record_class_set_fields (record_class, table, label,                      \
                                fields, G_N_ELEMENTS (fields));                  \
    record_class->validate = validate_func;                                      \
  }                                                                              \
  static void                                                                    \
  type_name##_init (TypeName *self)                                              \
  {                                                                              \
  }

/* Field tables ---------------------------------------------------------------- */

static const PwField worker_fields[] = {
  TEXT ("name", N_("Name"), REQ),
  TEXT ("role", N_("Role"), 0),
  CODE ("agency", N_("Agency"), 0, PW_CODES_AGENCY),
  TEXT ("email", N_("Email"), 0),
  TEXT ("phone", N_("Phone"), 0),
};

static const PwField setting_fields[] = {
  TEXT ("name", N_("Setting name"), REQ),
  INT ("urn", N_("URN"), 0, 100000, 999999),
  TEXT ("phase", N_("Phase"), 0),
};

static const PwField child_fields[] = {
  TEXT ("legal-given-name", N_("Legal first name"), REQ | FIND),
  TEXT ("legal-family-name", N_("Legal last name"), REQ | FIND),
  TEXT ("preferred-name", N_("Preferred name"), FIND),
  DATE ("date-of-birth", N_("Date of birth"), REQ | PAST),
  CODE ("sex", N_("Sex"), REQ, PW_CODES_SEX),
  { "upn", N_("UPN"), PW_FIELD_TEXT, PW_FIELD_UPN | FIND, 0, 13, 0, NULL },
  { "upn-temporary", N_("Temporary UPN"), PW_FIELD_BOOL, COMP, 0, 1, 0, NULL },
  { "nhs-number", N_("NHS number"), PW_FIELD_TEXT, PW_FIELD_NHS, 0, 12, 0, NULL },
  REF ("setting-id", N_("Setting"), 0, "setting"),
  CODE ("year-group", N_("Year group"), 0, PW_CODES_YEAR_GROUP),
  CODE ("ethnicity", N_("Ethnicity"), 0, PW_CODES_ETHNICITY),
  TEXT ("first-language", N_("First language"), 0),
  BOOL ("eal", N_("English as an additional language")),
  CODE ("sen-provision", N_("SEN provision"), REQ, PW_CODES_SEN_PROVISION),
  BOOL ("looked-after", N_("Looked after")),
  BOOL ("child-protection", N_("Child protection plan")),
  BOOL ("pupil-premium", N_("Pupil premium")),
  TEXT ("trusted-adult", N_("Trusted adult"), 0),
  REF ("key-worker-id", N_("Key worker"), 0, "worker"),
  REF ("lead-practitioner-id", N_("Lead practitioner"), 0, "worker"),
  INT ("current-level", N_("Level of intervention"), DER, 0, 4),
  DATE ("next-review", N_("Next review"), DER),
  DATE ("archived-on", N_("Archived on"), DER),
};

static const PwField family_member_fields[] = {
  CHILD_REF,
  TEXT ("name", N_("Name"), REQ),
  CODE ("relationship", N_("Relationship"), REQ, PW_CODES_RELATIONSHIP),
  BOOL ("parental-responsibility", N_("Parental responsibility")),
  TEXT ("phone", N_("Phone"), 0),
  TEXT ("email", N_("Email"), 0),
  PROSE ("address", N_("Address"), 0),
};

static const PwField consent_fields[] = {
  CHILD_REF,
  DATE ("given-on", N_("Date"), REQ | PAST),
  TEXT ("given-by", N_("Given by"), 0),
  PROSE ("scope", N_("What may be shared"), REQ),
  CODES ("agencies", N_("Agencies covered"), REQ, PW_CODES_AGENCY),
  DATE ("withdrawn-on", N_("Withdrawn on"), PAST),
  PROSE ("without-consent-reason", N_("Reason for sharing without consent"), 0),
};

static const PwField level_change_fields[] = {
  CHILD_REF,
  DATE ("date", N_("Date of the change"), REQ | PAST),
  INT ("from-level", N_("Previous level"), COMP, 0, 4),
  INT ("to-level", N_("New level"), REQ, 1, 4),
  PROSE ("reason", N_("Reason"), REQ),
  CODE ("route", N_("Route"), REQ, PW_CODES_LEVEL_ROUTE),
  TEXT ("decided-by", N_("Decided by"), REQ),
};

static const PwField need_fields[] = {
  CHILD_REF,
  CODE ("type", N_("Type of need"), REQ, PW_CODES_SEN_NEED),
  INT ("rank", N_("Rank"), REQ, 1, 2),
  CODE ("area", N_("Broad area of need"), COMP, PW_CODES_NEED_AREA),
};

static const PwField cycle_fields[] = {
  CHILD_REF,
  INT ("number", N_("Cycle number"), DER, 1, 10000),
  CODE ("state", N_("Stage"), DER, PW_CODES_CYCLE_STATE),
  DATE ("opened-on", N_("Start date"), REQ | PAST),
  PROSE ("needs-summary", N_("Needs"), 0),
  PROSE ("strengths", N_("Strengths"), 0),
  PROSE ("barriers", N_("Barriers to learning"), 0),
  PROSE ("evidence", N_("Evidence used"), 0),
  PROSE ("child-views", N_("The child’s views"), 0),
  PROSE ("parent-views", N_("The parents’ views"), 0),
  PROSE ("agency-advice", N_("Advice from other agencies"), 0),
  DATE ("parents-notified-on", N_("Parents told of the plan on"), PAST),
  BOOL ("parents-agree", N_("Parents agree with the plan")),
  PROSE ("expected-impact", N_("Expected impact"), 0),
  DATE ("review-date", N_("Review date"), 0),
  DATE ("review-held-on", N_("Review held on"), PAST),
  PROSE ("review-child-views", N_("The child’s views at review"), 0),
  PROSE ("review-parent-views", N_("The parents’ views at review"), 0),
  PROSE ("review-changes", N_("What changes"), 0),
  CODE ("decision", N_("Decision"), 0, PW_CODES_DECISION),
  PROSE ("next-steps", N_("Next steps"), 0),
  DATE ("closed-on", N_("Closed on"), DER),
};

static const PwField outcome_fields[] = {
  CHILD_REF,
  REF ("cycle-id", N_("Cycle"), REQ | PARENT, "cycle"),
  PROSE ("description", N_("Outcome"), REQ),
  PROSE ("success-criteria", N_("Success criteria"), REQ),
  DATE ("target-date", N_("Target date"), 0),
};

static const PwField provision_fields[] = {
  CHILD_REF,
  REF ("cycle-id", N_("Cycle"), REQ | PARENT, "cycle"),
  REF ("outcome-id", N_("Outcome"), 0, "outcome"),
  TEXT ("intervention", N_("Intervention"), REQ),
  TEXT ("frequency", N_("How often"), REQ),
  TEXT ("delivered-by", N_("Delivered by"), REQ),
  DATE ("start-date", N_("Start date"), REQ),
  DATE ("end-date", N_("End date"), 0),
  INT ("cost-pence", N_("Cost"), 0, 0, 100000000),
};

static const PwField session_fields[] = {
  CHILD_REF,
  REF ("provision-id", N_("Provision"), REQ | PARENT, "provision"),
  DATE ("date", N_("Session date"), REQ | PAST),
  TEXT ("delivered-by", N_("Delivered by"), REQ),
  BOOL ("attended", N_("Attended")),
  CODE ("engagement", N_("Engagement"), 0, PW_CODES_ENGAGEMENT),
  PROSE ("notes", N_("Notes"), 0),
};

static const PwField rating_fields[] = {
  CHILD_REF,
  REF ("outcome-id", N_("Outcome"), REQ | PARENT, "outcome"),
  CODE ("progress", N_("Progress"), REQ, PW_CODES_RATING),
  PROSE ("evidence", N_("Evidence of progress"), REQ),
};

static const PwField involvement_fields[] = {
  CHILD_REF,
  CODE ("agency", N_("Agency"), REQ, PW_CODES_AGENCY),
  TEXT ("person", N_("Person"), 0),
  TEXT ("role", N_("Role"), 0),
  DATE ("from-date", N_("Involved from"), REQ),
  DATE ("to-date", N_("Involved until"), 0),
};

static const PwField contribution_fields[] = {
  CHILD_REF,
  REF ("cycle-id", N_("Cycle"), 0, "cycle"),
  CODE ("agency", N_("Agency"), REQ, PW_CODES_AGENCY),
  TEXT ("person", N_("Person"), REQ),
  TEXT ("role", N_("Role"), 0),
  DATE ("event-date", N_("Date"), REQ | PAST),
  CODE ("stage", N_("Stage it informs"), 0, PW_CODES_STAGE),
  PROSE ("text", N_("Contribution"), REQ | FIND),
};

static const PwField meeting_fields[] = {
  CHILD_REF,
  CODE ("type", N_("Meeting type"), REQ, PW_CODES_MEETING_TYPE),
  DATE ("date", N_("Meeting date"), REQ),
  PROSE ("question", N_("Question for the meeting"), 0),
  CODE ("lead-agency", N_("Lead agency"), 0, PW_CODES_AGENCY),
  PROSE ("notes", N_("Notes"), 0),
};

static const PwField attendee_fields[] = {
  CHILD_REF,
  REF ("meeting-id", N_("Meeting"), REQ | PARENT, "meeting"),
  TEXT ("name", N_("Name"), REQ),
  CODE ("agency", N_("Agency"), 0, PW_CODES_AGENCY),
  TEXT ("role", N_("Role"), 0),
};

static const PwField meeting_action_fields[] = {
  CHILD_REF,
  REF ("meeting-id", N_("Meeting"), REQ | PARENT, "meeting"),
  PROSE ("description", N_("Action"), REQ),
  TEXT ("owner", N_("Owner"), REQ),
  DATE ("due-date", N_("Due date"), 0),
  DATE ("done-on", N_("Done on"), PAST),
};

static const PwField attendance_fields[] = {
  CHILD_REF,
  TEXT ("academic-year", N_("Academic year"), REQ),
  CODE ("term", N_("Term"), REQ, PW_CODES_TERM),
  INT ("possible-sessions", N_("Possible sessions"), REQ, 1, 400),
  INT ("authorised-absence", N_("Authorised absence"), REQ, 0, 400),
  INT ("unauthorised-absence", N_("Unauthorised absence"), REQ, 0, 400),
};

static const PwField exclusion_fields[] = {
  CHILD_REF,
  CODE ("category", N_("Category"), REQ, PW_CODES_EXCLUSION),
  DATE ("start-date", N_("Start date"), REQ | PAST),
  INT ("sessions", N_("Length in sessions"), 0, 1, 400),
  PROSE ("reason", N_("Reason"), REQ),
};

static const PwField note_fields[] = {
  CHILD_REF,
  DATE ("event-date", N_("Date"), REQ | PAST),
  PROSE ("text", N_("Note"), REQ | FIND),
};

static const PwField amendment_fields[] = {
  CHILD_REF,
  TEXT ("record-table", N_("Record kind"), REQ | DER),
  TEXT ("record-uuid", N_("Record"), REQ | DER),
  TEXT ("field", N_("Field"), REQ | DER),
  PROSE ("old-text", N_("Old text"), DER),
  PROSE ("new-text", N_("New text"), DER),
  PROSE ("reason", N_("Reason for the correction"), REQ),
};

/* Rules between fields --------------------------------------------------------- */

static gboolean
not_before (PwRecord    *self,
            const char  *later,
            const char  *earlier,
            GError     **error)
{
  const char *a = pw_record_get_text (self, later);
  const char *b = pw_record_get_text (self, earlier);
  g_autofree char *other = NULL;

  if (a == NULL || b == NULL || strcmp (a, b) >= 0)
    return TRUE;
  other = g_utf8_strdown (_(_pw_record_field (self, earlier)->label), -1);
  return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, _pw_record_field (self, later),
                          _("cannot be before the %s"), other);
}

static gboolean
consent_validate (PwRecord *self, GError **error)
{
  if (!pw_record_is_set (self, "given-by") && !pw_record_is_set (self, "without-consent-reason"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, _pw_record_field (self, "given-by"),
                            _("is required unless the reason for sharing without consent is "
                              "recorded"));
  return not_before (self, "withdrawn-on", "given-on", error);
}

static gboolean
cycle_validate (PwRecord *self, GError **error)
{
  return not_before (self, "parents-notified-on", "opened-on", error) &&
         not_before (self, "review-date", "opened-on", error) &&
         not_before (self, "review-held-on", "opened-on", error) &&
         not_before (self, "closed-on", "opened-on", error);
}

static gboolean
provision_validate (PwRecord *self, GError **error)
{
  return not_before (self, "end-date", "start-date", error);
}

static gboolean
involvement_validate (PwRecord *self, GError **error)
{
  return not_before (self, "to-date", "from-date", error);
}

static gboolean
academic_year_ok (const char *text)
{
  g_autofree char *start = g_strndup (text, 4);
  guint64 first, second;

  return strlen (text) == 7 && text[4] == '/' &&
         g_ascii_string_to_unsigned (start, 10, 1990, 2199, &first, NULL) &&
         g_ascii_string_to_unsigned (text + 5, 10, 0, 99, &second, NULL) &&
         (first + 1) % 100 == second;
}

static gboolean
attendance_validate (PwRecord *self, GError **error)
{
  gint64 absent = pw_record_get_int (self, "authorised-absence") +
                  pw_record_get_int (self, "unauthorised-absence");

  if (!academic_year_ok (pw_record_get_text (self, "academic-year")))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID,
                            _pw_record_field (self, "academic-year"),
                            _("must be written like 2025/26"));
  if (absent > pw_record_get_int (self, "possible-sessions"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID,
                            _pw_record_field (self, "unauthorised-absence"),
                            _("and authorised absence together cannot exceed the possible "
                              "sessions"));
  return TRUE;
}

static gboolean
exclusion_validate (PwRecord *self, GError **error)
{
  gboolean permanent = g_strcmp0 (pw_record_get_text (self, "category"), "PERM") == 0;

  if (permanent && pw_record_is_set (self, "sessions"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, _pw_record_field (self, "sessions"),
                            _("must be empty for a permanent exclusion"));
  if (!permanent && !pw_record_is_set (self, "sessions"))
    return _pw_record_fail (error, PW_RECORD_ERROR_INVALID, _pw_record_field (self, "sessions"),
                            _("is required for a suspension"));
  return TRUE;
}

/* Types -------------------------------------------------------------------------- */

PW_DEFINE_ENTITY (PwWorker, pw_worker, "worker", N_("worker"), worker_fields, NULL)
PW_DEFINE_ENTITY (PwSetting, pw_setting, "setting", N_("setting"), setting_fields, NULL)
PW_DEFINE_ENTITY (PwChild, pw_child, "child", N_("child"), child_fields, NULL)
PW_DEFINE_ENTITY (PwFamilyMember, pw_family_member, "family_member", N_("family member"),
                  family_member_fields, NULL)
PW_DEFINE_ENTITY (PwConsent, pw_consent, "consent", N_("consent"), consent_fields,
                  consent_validate)
PW_DEFINE_ENTITY (PwLevelChange, pw_level_change, "level_change", N_("level change"),
                  level_change_fields, NULL)
PW_DEFINE_ENTITY (PwNeed, pw_need, "need", N_("need"), need_fields, NULL)
PW_DEFINE_ENTITY (PwCycle, pw_cycle, "cycle", N_("cycle"), cycle_fields, cycle_validate)
PW_DEFINE_ENTITY (PwOutcome, pw_outcome, "outcome", N_("outcome"), outcome_fields, NULL)
PW_DEFINE_ENTITY (PwProvision, pw_provision, "provision", N_("provision"), provision_fields,
                  provision_validate)
PW_DEFINE_ENTITY (PwSession, pw_session, "session", N_("session"), session_fields, NULL)
PW_DEFINE_ENTITY (PwRating, pw_rating, "rating", N_("rating"), rating_fields, NULL)
PW_DEFINE_ENTITY (PwInvolvement, pw_involvement, "involvement", N_("agency involvement"),
                  involvement_fields, involvement_validate)
PW_DEFINE_ENTITY (PwContribution, pw_contribution, "contribution", N_("contribution"),
                  contribution_fields, NULL)
PW_DEFINE_ENTITY (PwMeeting, pw_meeting, "meeting", N_("meeting"), meeting_fields, NULL)
PW_DEFINE_ENTITY (PwAttendee, pw_attendee, "attendee", N_("attendee"), attendee_fields, NULL)
PW_DEFINE_ENTITY (PwMeetingAction, pw_meeting_action, "meeting_action", N_("action"),
                  meeting_action_fields, NULL)
PW_DEFINE_ENTITY (PwAttendance, pw_attendance, "attendance", N_("attendance record"),
                  attendance_fields, attendance_validate)
PW_DEFINE_ENTITY (PwExclusion, pw_exclusion, "exclusion", N_("exclusion"), exclusion_fields,
                  exclusion_validate)
PW_DEFINE_ENTITY (PwNote, pw_note, "note", N_("note"), note_fields, NULL)
PW_DEFINE_ENTITY (PwAmendment, pw_amendment, "amendment", N_("amendment"), amendment_fields,
                  NULL)

/* Registry ----------------------------------------------------------------------- */

/**
 * pw_entity_types:
 *
 * Returns: (array length=n_types): every kind of record, parents before
 *   the records that refer to them
 */
const GType *
pw_entity_types (guint *n_types)
{
  static GType types[21];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GType all[] = {
        PW_TYPE_WORKER, PW_TYPE_SETTING, PW_TYPE_CHILD, PW_TYPE_FAMILY_MEMBER,
        PW_TYPE_CONSENT, PW_TYPE_LEVEL_CHANGE, PW_TYPE_NEED, PW_TYPE_CYCLE,
        PW_TYPE_OUTCOME, PW_TYPE_PROVISION, PW_TYPE_SESSION, PW_TYPE_RATING,
        PW_TYPE_INVOLVEMENT, PW_TYPE_CONTRIBUTION, PW_TYPE_MEETING, PW_TYPE_ATTENDEE,
        PW_TYPE_MEETING_ACTION, PW_TYPE_ATTENDANCE, PW_TYPE_EXCLUSION, PW_TYPE_NOTE,
        PW_TYPE_AMENDMENT,
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (types));

      for (guint i = 0; i < G_N_ELEMENTS (all); i++)
        types[i] = (g_type_class_ref (all[i]), all[i]);
      g_once_init_leave (&initialized, 1);
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/**
 * pw_entity_type_for_table:
 *
 * Returns: the record type kept in @table, or %G_TYPE_INVALID
 */
GType
pw_entity_type_for_table (const char *table)
{
  guint n;
  const GType *types = pw_entity_types (&n);

  for (guint i = 0; i < n; i++)
    {
      PwRecordClass *klass = g_type_class_peek (types[i]);

      if (g_strcmp0 (klass->table, table) == 0)
        return types[i];
    }
  return G_TYPE_INVALID;
}

/**
 * pw_entity_belongs_to_child:
 *
 * Returns: whether records of @type hang off one child (and go with them)
 */
gboolean
pw_entity_belongs_to_child (GType type)
{
  PwRecordClass *klass = g_type_class_peek (type);

  return klass != NULL && klass->n_fields > 0 &&
         strcmp (klass->fields[0].name, "child-id") == 0;
}

/* Attendance ---------------------------------------------------------------------- */

/**
 * pw_attendance_get_absence_rate:
 *
 * Returns: authorised plus unauthorised absence as a percentage of the
 *   possible sessions
 */
double
pw_attendance_get_absence_rate (PwAttendance *self)
{
  PwRecord *record = PW_RECORD (self);
  gint64 possible = pw_record_get_int (record, "possible-sessions");

  g_return_val_if_fail (PW_IS_ATTENDANCE (self), 0);

  if (possible <= 0)
    return 0;
  return 100.0 * (pw_record_get_int (record, "authorised-absence") +
                  pw_record_get_int (record, "unauthorised-absence")) / possible;
}

/**
 * pw_attendance_is_persistent_absence:
 *
 * Returns: whether absence is 10% or more (DfE, from 2015/16)
 */
gboolean
pw_attendance_is_persistent_absence (PwAttendance *self)
{
  return pw_attendance_get_absence_rate (self) >= PW_PERSISTENT_ABSENCE_PERCENT;
}

/**
 * pw_attendance_is_severe_absence:
 *
 * Returns: whether absence is 50% or more
 */
gboolean
pw_attendance_is_severe_absence (PwAttendance *self)
{
  return pw_attendance_get_absence_rate (self) >= PW_SEVERE_ABSENCE_PERCENT;
}
