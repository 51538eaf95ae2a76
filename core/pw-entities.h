/* pw-entities.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-record.h"

G_BEGIN_DECLS

/* The kinds of case record.  Each is a PwRecord whose fields are listed in
 * pw-entities.c; see DOMAIN.md for what they mean. */

#define PW_TYPE_WORKER (pw_worker_get_type ())
G_DECLARE_FINAL_TYPE (PwWorker, pw_worker, PW, WORKER, PwRecord)

#define PW_TYPE_SETTING (pw_setting_get_type ())
G_DECLARE_FINAL_TYPE (PwSetting, pw_setting, PW, SETTING, PwRecord)

#define PW_TYPE_CHILD (pw_child_get_type ())
G_DECLARE_FINAL_TYPE (PwChild, pw_child, PW, CHILD, PwRecord)

#define PW_TYPE_FAMILY_MEMBER (pw_family_member_get_type ())
G_DECLARE_FINAL_TYPE (PwFamilyMember, pw_family_member, PW, FAMILY_MEMBER, PwRecord)

#define PW_TYPE_CONSENT (pw_consent_get_type ())
G_DECLARE_FINAL_TYPE (PwConsent, pw_consent, PW, CONSENT, PwRecord)

#define PW_TYPE_LEVEL_CHANGE (pw_level_change_get_type ())
G_DECLARE_FINAL_TYPE (PwLevelChange, pw_level_change, PW, LEVEL_CHANGE, PwRecord)

#define PW_TYPE_NEED (pw_need_get_type ())
G_DECLARE_FINAL_TYPE (PwNeed, pw_need, PW, NEED, PwRecord)

#define PW_TYPE_CYCLE (pw_cycle_get_type ())
G_DECLARE_FINAL_TYPE (PwCycle, pw_cycle, PW, CYCLE, PwRecord)

#define PW_TYPE_OUTCOME (pw_outcome_get_type ())
G_DECLARE_FINAL_TYPE (PwOutcome, pw_outcome, PW, OUTCOME, PwRecord)

#define PW_TYPE_PROVISION (pw_provision_get_type ())
G_DECLARE_FINAL_TYPE (PwProvision, pw_provision, PW, PROVISION, PwRecord)

#define PW_TYPE_SESSION (pw_session_get_type ())
G_DECLARE_FINAL_TYPE (PwSession, pw_session, PW, SESSION, PwRecord)

#define PW_TYPE_RATING (pw_rating_get_type ())
G_DECLARE_FINAL_TYPE (PwRating, pw_rating, PW, RATING, PwRecord)

#define PW_TYPE_INVOLVEMENT (pw_involvement_get_type ())
G_DECLARE_FINAL_TYPE (PwInvolvement, pw_involvement, PW, INVOLVEMENT, PwRecord)

#define PW_TYPE_CONTRIBUTION (pw_contribution_get_type ())
G_DECLARE_FINAL_TYPE (PwContribution, pw_contribution, PW, CONTRIBUTION, PwRecord)

#define PW_TYPE_MEETING (pw_meeting_get_type ())
G_DECLARE_FINAL_TYPE (PwMeeting, pw_meeting, PW, MEETING, PwRecord)

#define PW_TYPE_ATTENDEE (pw_attendee_get_type ())
G_DECLARE_FINAL_TYPE (PwAttendee, pw_attendee, PW, ATTENDEE, PwRecord)

#define PW_TYPE_MEETING_ACTION (pw_meeting_action_get_type ())
G_DECLARE_FINAL_TYPE (PwMeetingAction, pw_meeting_action, PW, MEETING_ACTION, PwRecord)

#define PW_TYPE_ATTENDANCE (pw_attendance_get_type ())
G_DECLARE_FINAL_TYPE (PwAttendance, pw_attendance, PW, ATTENDANCE, PwRecord)

#define PW_TYPE_EXCLUSION (pw_exclusion_get_type ())
G_DECLARE_FINAL_TYPE (PwExclusion, pw_exclusion, PW, EXCLUSION, PwRecord)

#define PW_TYPE_NOTE (pw_note_get_type ())
G_DECLARE_FINAL_TYPE (PwNote, pw_note, PW, NOTE, PwRecord)

#define PW_TYPE_AMENDMENT (pw_amendment_get_type ())
G_DECLARE_FINAL_TYPE (PwAmendment, pw_amendment, PW, AMENDMENT, PwRecord)

#define PW_PERSISTENT_ABSENCE_PERCENT 10
#define PW_SEVERE_ABSENCE_PERCENT     50

double       pw_attendance_get_absence_rate      (PwAttendance *self);
gboolean     pw_attendance_is_persistent_absence (PwAttendance *self);
gboolean     pw_attendance_is_severe_absence     (PwAttendance *self);

GType        pw_entity_type_for_table     (const char *table);
const GType *pw_entity_types              (guint      *n_types);
gboolean     pw_entity_belongs_to_child   (GType       type);

G_END_DECLS
