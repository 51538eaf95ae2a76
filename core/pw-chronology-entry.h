/* pw-chronology-entry.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pw-record.h"

G_BEGIN_DECLS

#define PW_TYPE_CHRONOLOGY_ENTRY (pw_chronology_entry_get_type ())
G_DECLARE_FINAL_TYPE (PwChronologyEntry, pw_chronology_entry, PW, CHRONOLOGY_ENTRY, GObject)

PwChronologyEntry *pw_chronology_entry_new            (const char        *event_date,
                                                       const char        *kind,
                                                       PwRecord          *record);
const char        *pw_chronology_entry_get_event_date (PwChronologyEntry *self);
const char        *pw_chronology_entry_get_kind       (PwChronologyEntry *self);
const char        *pw_chronology_entry_get_summary    (PwChronologyEntry *self);
PwRecord          *pw_chronology_entry_get_record     (PwChronologyEntry *self);

G_END_DECLS
