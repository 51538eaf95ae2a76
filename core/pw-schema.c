/* pw-schema.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The records schema and its migrations.
 *
 * PRAGMA user_version says which migrations a store has had.  Migrations
 * only go forward, each in its own transaction, and are never edited once
 * released: a change to the schema is a new migration at the end of the
 * list, with a test that starts from the version before it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-record.h"
#include "pw-schema.h"
#include "pw-store.h"

/* Version 1: every record of DOMAIN.md, the search index, the audit log
 * and the chronology view. */
static const char migration_1[] =
  "CREATE TABLE worker (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  role TEXT,\n"
  "  agency TEXT CHECK (agency IS NULL OR agency IN ('education-setting', 'early-years', 'post-16', 'educational-psychology', 'advisory-teaching', 'school-nursing', 'speech-language-therapy', 'camhs', 'gp-health', 'social-care', 'early-help', 'police', 'youth-justice', 'housing', 'third-sector', 'alternative-provision', 'hospital-education', 'other')),\n"
  "  email TEXT,\n"
  "  phone TEXT\n"
  ");\n"
  "CREATE TABLE setting (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  urn INTEGER CHECK (urn IS NULL OR urn BETWEEN 100000 AND 999999),\n"
  "  phase TEXT\n"
  ");\n"
  "CREATE TABLE child (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  legal_given_name TEXT NOT NULL,\n"
  "  legal_family_name TEXT NOT NULL,\n"
  "  preferred_name TEXT,\n"
  "  date_of_birth TEXT NOT NULL CHECK (date_of_birth IS NULL OR date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  sex TEXT NOT NULL CHECK (sex IS NULL OR sex IN ('M', 'F', 'U')),\n"
  "  upn TEXT,\n"
  "  upn_temporary INTEGER NOT NULL DEFAULT 0 CHECK (upn_temporary IN (0, 1)),\n"
  "  nhs_number TEXT,\n"
  "  setting_id INTEGER REFERENCES setting(id),\n"
  "  year_group TEXT CHECK (year_group IS NULL OR year_group IN ('N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14')),\n"
  "  ethnicity TEXT CHECK (ethnicity IS NULL OR ethnicity IN ('WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT')),\n"
  "  first_language TEXT,\n"
  "  eal INTEGER NOT NULL DEFAULT 0 CHECK (eal IN (0, 1)),\n"
  "  sen_provision TEXT NOT NULL CHECK (sen_provision IS NULL OR sen_provision IN ('N', 'K', 'E')),\n"
  "  looked_after INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),\n"
  "  child_protection INTEGER NOT NULL DEFAULT 0 CHECK (child_protection IN (0, 1)),\n"
  "  pupil_premium INTEGER NOT NULL DEFAULT 0 CHECK (pupil_premium IN (0, 1)),\n"
  "  trusted_adult TEXT,\n"
  "  key_worker_id INTEGER REFERENCES worker(id),\n"
  "  lead_practitioner_id INTEGER REFERENCES worker(id),\n"
  "  current_level INTEGER NOT NULL DEFAULT 0 CHECK (current_level BETWEEN 0 AND 4),\n"
  "  next_review TEXT CHECK (next_review IS NULL OR next_review GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  archived_on TEXT CHECK (archived_on IS NULL OR archived_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
  ");\n"
  "CREATE TABLE family_member (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  name TEXT NOT NULL,\n"
  "  relationship TEXT NOT NULL CHECK (relationship IS NULL OR relationship IN ('mother', 'father', 'step-parent', 'grandparent', 'foster-carer', 'carer', 'sibling', 'aunt-uncle', 'social-worker', 'other')),\n"
  "  parental_responsibility INTEGER NOT NULL DEFAULT 0 CHECK (parental_responsibility IN (0, 1)),\n"
  "  phone TEXT,\n"
  "  email TEXT,\n"
  "  address TEXT\n"
  ");\n"
  "CREATE TABLE consent (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  given_on TEXT NOT NULL CHECK (given_on IS NULL OR given_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  given_by TEXT,\n"
  "  scope TEXT NOT NULL,\n"
  "  agencies TEXT NOT NULL,\n"
  "  withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  without_consent_reason TEXT\n"
  ");\n"
  "CREATE TABLE level_change (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  date TEXT NOT NULL CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  from_level INTEGER CHECK (from_level IS NULL OR from_level BETWEEN 0 AND 4),\n"
  "  to_level INTEGER NOT NULL CHECK (to_level IS NULL OR to_level BETWEEN 1 AND 4),\n"
  "  reason TEXT NOT NULL,\n"
  "  route TEXT NOT NULL CHECK (route IS NULL OR route IN ('marf', 'talc', 'ehc-request', 'health-referral', 'step-down', 'initial', 'other')),\n"
  "  decided_by TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE need (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  type TEXT NOT NULL CHECK (type IS NULL OR type IN ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA', 'DS')),\n"
  "  rank INTEGER NOT NULL CHECK (rank IS NULL OR rank BETWEEN 1 AND 2),\n"
  "  area TEXT CHECK (area IS NULL OR area IN ('CI', 'CL', 'SEMH', 'SP'))\n"
  ");\n"
  "CREATE TABLE cycle (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  number INTEGER CHECK (number IS NULL OR number BETWEEN 1 AND 10000),\n"
  "  state TEXT CHECK (state IS NULL OR state IN ('assess', 'plan', 'do', 'review', 'closed')),\n"
  "  opened_on TEXT NOT NULL CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  needs_summary TEXT,\n"
  "  strengths TEXT,\n"
  "  barriers TEXT,\n"
  "  evidence TEXT,\n"
  "  child_views TEXT,\n"
  "  parent_views TEXT,\n"
  "  agency_advice TEXT,\n"
  "  parents_notified_on TEXT CHECK (parents_notified_on IS NULL OR parents_notified_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  parents_agree INTEGER NOT NULL DEFAULT 0 CHECK (parents_agree IN (0, 1)),\n"
  "  expected_impact TEXT,\n"
  "  review_date TEXT CHECK (review_date IS NULL OR review_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  review_held_on TEXT CHECK (review_held_on IS NULL OR review_held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  review_child_views TEXT,\n"
  "  review_parent_views TEXT,\n"
  "  review_changes TEXT,\n"
  "  decision TEXT CHECK (decision IS NULL OR decision IN ('new-cycle', 'step-up', 'step-down', 'close', 'refer-forum')),\n"
  "  next_steps TEXT,\n"
  "  closed_on TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
  ");\n"
  "CREATE TABLE outcome (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  cycle_id INTEGER NOT NULL REFERENCES cycle(id),\n"
  "  description TEXT NOT NULL,\n"
  "  success_criteria TEXT NOT NULL,\n"
  "  target_date TEXT CHECK (target_date IS NULL OR target_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
  ");\n"
  "CREATE TABLE provision (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  cycle_id INTEGER NOT NULL REFERENCES cycle(id),\n"
  "  outcome_id INTEGER REFERENCES outcome(id),\n"
  "  intervention TEXT NOT NULL,\n"
  "  frequency TEXT NOT NULL,\n"
  "  delivered_by TEXT NOT NULL,\n"
  "  start_date TEXT NOT NULL CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  end_date TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  cost_pence INTEGER CHECK (cost_pence IS NULL OR cost_pence BETWEEN 0 AND 100000000)\n"
  ");\n"
  "CREATE TABLE session (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  provision_id INTEGER NOT NULL REFERENCES provision(id),\n"
  "  date TEXT NOT NULL CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  delivered_by TEXT NOT NULL,\n"
  "  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),\n"
  "  engagement TEXT CHECK (engagement IS NULL OR engagement IN ('1', '2', '3', '4', '5')),\n"
  "  notes TEXT\n"
  ");\n"
  "CREATE TABLE rating (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  outcome_id INTEGER NOT NULL REFERENCES outcome(id),\n"
  "  progress TEXT NOT NULL CHECK (progress IS NULL OR progress IN ('not-met', 'partly-met', 'met', 'exceeded')),\n"
  "  evidence TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE involvement (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  agency TEXT NOT NULL CHECK (agency IS NULL OR agency IN ('education-setting', 'early-years', 'post-16', 'educational-psychology', 'advisory-teaching', 'school-nursing', 'speech-language-therapy', 'camhs', 'gp-health', 'social-care', 'early-help', 'police', 'youth-justice', 'housing', 'third-sector', 'alternative-provision', 'hospital-education', 'other')),\n"
  "  person TEXT,\n"
  "  role TEXT,\n"
  "  from_date TEXT NOT NULL CHECK (from_date IS NULL OR from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  to_date TEXT CHECK (to_date IS NULL OR to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
  ");\n"
  "CREATE TABLE contribution (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  cycle_id INTEGER REFERENCES cycle(id),\n"
  "  agency TEXT NOT NULL CHECK (agency IS NULL OR agency IN ('education-setting', 'early-years', 'post-16', 'educational-psychology', 'advisory-teaching', 'school-nursing', 'speech-language-therapy', 'camhs', 'gp-health', 'social-care', 'early-help', 'police', 'youth-justice', 'housing', 'third-sector', 'alternative-provision', 'hospital-education', 'other')),\n"
  "  person TEXT NOT NULL,\n"
  "  role TEXT,\n"
  "  event_date TEXT NOT NULL CHECK (event_date IS NULL OR event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  stage TEXT CHECK (stage IS NULL OR stage IN ('assess', 'plan', 'do', 'review')),\n"
  "  text TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE meeting (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  type TEXT NOT NULL CHECK (type IS NULL OR type IN ('taf', 'talc', 'intervention-circle', 'review')),\n"
  "  date TEXT NOT NULL CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  question TEXT,\n"
  "  lead_agency TEXT CHECK (lead_agency IS NULL OR lead_agency IN ('education-setting', 'early-years', 'post-16', 'educational-psychology', 'advisory-teaching', 'school-nursing', 'speech-language-therapy', 'camhs', 'gp-health', 'social-care', 'early-help', 'police', 'youth-justice', 'housing', 'third-sector', 'alternative-provision', 'hospital-education', 'other')),\n"
  "  notes TEXT\n"
  ");\n"
  "CREATE TABLE attendee (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting(id),\n"
  "  name TEXT NOT NULL,\n"
  "  agency TEXT CHECK (agency IS NULL OR agency IN ('education-setting', 'early-years', 'post-16', 'educational-psychology', 'advisory-teaching', 'school-nursing', 'speech-language-therapy', 'camhs', 'gp-health', 'social-care', 'early-help', 'police', 'youth-justice', 'housing', 'third-sector', 'alternative-provision', 'hospital-education', 'other')),\n"
  "  role TEXT\n"
  ");\n"
  "CREATE TABLE meeting_action (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting(id),\n"
  "  description TEXT NOT NULL,\n"
  "  owner TEXT NOT NULL,\n"
  "  due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  done_on TEXT CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')\n"
  ");\n"
  "CREATE TABLE attendance (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  academic_year TEXT NOT NULL,\n"
  "  term TEXT NOT NULL CHECK (term IS NULL OR term IN ('autumn', 'spring', 'summer')),\n"
  "  possible_sessions INTEGER NOT NULL CHECK (possible_sessions IS NULL OR possible_sessions BETWEEN 1 AND 400),\n"
  "  authorised_absence INTEGER NOT NULL CHECK (authorised_absence IS NULL OR authorised_absence BETWEEN 0 AND 400),\n"
  "  unauthorised_absence INTEGER NOT NULL CHECK (unauthorised_absence IS NULL OR unauthorised_absence BETWEEN 0 AND 400)\n"
  ");\n"
  "CREATE TABLE exclusion (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  category TEXT NOT NULL CHECK (category IS NULL OR category IN ('PERM', 'FIXD', 'LNCH')),\n"
  "  start_date TEXT NOT NULL CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  sessions INTEGER CHECK (sessions IS NULL OR sessions BETWEEN 1 AND 400),\n"
  "  reason TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE note (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  event_date TEXT NOT NULL CHECK (event_date IS NULL OR event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  text TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE amendment (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  created_at TEXT NOT NULL,\n"
  "  created_by TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  child_id INTEGER NOT NULL REFERENCES child(id),\n"
  "  record_table TEXT NOT NULL,\n"
  "  record_uuid TEXT NOT NULL,\n"
  "  field TEXT NOT NULL,\n"
  "  old_text TEXT,\n"
  "  new_text TEXT,\n"
  "  reason TEXT NOT NULL\n"
  ");\n"
  "\n"
  "CREATE UNIQUE INDEX child_upn ON child(upn) WHERE upn IS NOT NULL;\n"
  "CREATE INDEX child_name ON child(legal_family_name COLLATE NOCASE, legal_given_name COLLATE NOCASE);\n"
  "CREATE INDEX child_level ON child(current_level);\n"
  "CREATE INDEX child_next_review ON child(next_review);\n"
  "CREATE INDEX child_lead ON child(lead_practitioner_id);\n"
  "CREATE INDEX child_key_worker ON child(key_worker_id);\n"
  "CREATE INDEX child_setting ON child(setting_id);\n"
  "CREATE UNIQUE INDEX need_rank ON need(child_id, rank);\n"
  "CREATE UNIQUE INDEX cycle_number ON cycle(child_id, number);\n"
  "CREATE UNIQUE INDEX cycle_one_open ON cycle(child_id) WHERE state <> 'closed';\n"
  "CREATE INDEX outcome_cycle ON outcome(cycle_id);\n"
  "CREATE INDEX provision_cycle ON provision(cycle_id);\n"
  "CREATE INDEX session_provision ON session(provision_id);\n"
  "CREATE UNIQUE INDEX rating_outcome ON rating(outcome_id);\n"
  "CREATE INDEX attendee_meeting ON attendee(meeting_id);\n"
  "CREATE INDEX meeting_action_meeting ON meeting_action(meeting_id);\n"
  "CREATE UNIQUE INDEX attendance_term ON attendance(child_id, academic_year, term);\n"
  "CREATE INDEX family_member_child ON family_member(child_id);\n"
  "CREATE INDEX consent_child ON consent(child_id);\n"
  "CREATE INDEX level_change_child ON level_change(child_id);\n"
  "CREATE INDEX need_child ON need(child_id);\n"
  "CREATE INDEX cycle_child ON cycle(child_id);\n"
  "CREATE INDEX outcome_child ON outcome(child_id);\n"
  "CREATE INDEX provision_child ON provision(child_id);\n"
  "CREATE INDEX session_child ON session(child_id);\n"
  "CREATE INDEX rating_child ON rating(child_id);\n"
  "CREATE INDEX involvement_child ON involvement(child_id);\n"
  "CREATE INDEX contribution_child ON contribution(child_id);\n"
  "CREATE INDEX meeting_child ON meeting(child_id);\n"
  "CREATE INDEX attendee_child ON attendee(child_id);\n"
  "CREATE INDEX meeting_action_child ON meeting_action(child_id);\n"
  "CREATE INDEX attendance_child ON attendance(child_id);\n"
  "CREATE INDEX exclusion_child ON exclusion(child_id);\n"
  "CREATE INDEX note_child ON note(child_id);\n"
  "CREATE INDEX amendment_child ON amendment(child_id);\n"
  "\n"
  "CREATE VIRTUAL TABLE search USING fts5(text, child_id UNINDEXED,\n"
  "                                       tokenize = 'unicode61 remove_diacritics 2');\n"
  "\n"
  "CREATE TABLE audit (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at TEXT NOT NULL,\n"
  "  actor TEXT NOT NULL,\n"
  "  operation TEXT NOT NULL,\n"
  "  record_table TEXT NOT NULL,\n"
  "  record_uuid TEXT NOT NULL,\n"
  "  hash BLOB NOT NULL\n"
  ");\n"
  "\n"
  "CREATE VIEW chronology (child_id, event_date, kind, record_table, record_id, created_at) AS\n"
  "  SELECT child_id, date, 'level-change', 'level_change', id, created_at FROM level_change\n"
  "  UNION ALL SELECT child_id, opened_on, 'cycle-opened', 'cycle', id, created_at FROM cycle\n"
  "  UNION ALL SELECT child_id, review_held_on, 'review', 'cycle', id, updated_at FROM cycle\n"
  "    WHERE review_held_on IS NOT NULL\n"
  "  UNION ALL SELECT child_id, date, 'session', 'session', id, created_at FROM session\n"
  "  UNION ALL SELECT child_id, event_date, 'contribution', 'contribution', id, created_at\n"
  "    FROM contribution\n"
  "  UNION ALL SELECT child_id, date, 'meeting', 'meeting', id, created_at FROM meeting\n"
  "  UNION ALL SELECT child_id, done_on, 'action-done', 'meeting_action', id, updated_at\n"
  "    FROM meeting_action WHERE done_on IS NOT NULL\n"
  "  UNION ALL SELECT child_id, given_on, 'consent', 'consent', id, created_at FROM consent\n"
  "  UNION ALL SELECT child_id, withdrawn_on, 'consent-withdrawn', 'consent', id, updated_at\n"
  "    FROM consent WHERE withdrawn_on IS NOT NULL\n"
  "  UNION ALL SELECT child_id, from_date, 'involvement', 'involvement', id, created_at\n"
  "    FROM involvement\n"
  "  UNION ALL SELECT child_id, start_date, 'exclusion', 'exclusion', id, created_at FROM exclusion\n"
  "  UNION ALL SELECT child_id, event_date, 'note', 'note', id, created_at FROM note\n"
  "  UNION ALL SELECT child_id, substr(created_at, 1, 10), 'amendment', 'amendment', id, created_at\n"
  "    FROM amendment;\n";

static const char *const migrations[] = {
  migration_1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PW_SCHEMA_VERSION);

static gboolean
sql_failed (sqlite3 *db, GError **error)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQL,
               _("The store could not be upgraded: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
apply_migration (sqlite3 *db, guint version, GError **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_failed (db, error);
  if (sqlite3_exec (db, migrations[version - 1], NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, bump, NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_failed (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_failed (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_schema_migrate:
 * @db: an open connection, outside any transaction
 * @target: the version to reach, normally %PW_SCHEMA_VERSION
 *
 * Brings the records schema up to @target.  A store written by a newer
 * Pathway is refused untouched.
 */
gboolean
pw_schema_migrate (sqlite3  *db,
                   guint     target,
                   GError  **error)
{
  int version = read_user_version (db);

  g_return_val_if_fail (target <= PW_SCHEMA_VERSION, FALSE);

  if (version < 0)
    return sql_failed (db, error);
  if ((guint) version > PW_SCHEMA_VERSION)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION,
                   _("The store was written by a newer version of Pathway "
                     "(records version %d); update Pathway to open it"), version);
      return FALSE;
    }
  for (guint v = version + 1; v <= target; v++)
    if (!apply_migration (db, v, error))
      return FALSE;
  return TRUE;
}

/**
 * pw_schema_get_version:
 *
 * Returns: the records version of @db, -1 if it cannot be read
 */
int
pw_schema_get_version (sqlite3 *db)
{
  return read_user_version (db);
}
