/* pw-child-format.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-codes.h"
#include "pw-entities.h"

G_BEGIN_DECLS

/**
 * PwReviewState:
 * @PW_REVIEW_STATE_NONE: no review date
 * @PW_REVIEW_STATE_LATER: the review is more than %PW_DUE_SOON_DAYS days away
 * @PW_REVIEW_STATE_DUE_SOON: the review is today or within %PW_DUE_SOON_DAYS days
 * @PW_REVIEW_STATE_OVERDUE: the review date has passed
 *
 * How urgent a child's next review is, as the caseload list shows it.
 */
typedef enum
{
  PW_REVIEW_STATE_NONE,
  PW_REVIEW_STATE_LATER,
  PW_REVIEW_STATE_DUE_SOON,
  PW_REVIEW_STATE_OVERDUE,
} PwReviewState;

char          *pw_child_dup_display_name (PwChild     *child);
char          *pw_child_dup_legal_name   (PwChild     *child);

char          *pw_format_date            (const char  *iso_date,
                                          gboolean     long_month);
char          *pw_format_age             (const char  *date_of_birth,
                                          const char  *today);
PwReviewState  pw_review_state           (const char  *next_review,
                                          const char  *today);
char          *pw_format_review          (const char  *next_review,
                                          PwReviewState state);

char          *pw_format_level           (int          level);
const char    *pw_level_name             (int          level);

const char    *pw_nonempty               (const char  *text);
const char    *pw_code_label             (PwRecord    *record,
                                          PwCodeTable  table,
                                          const char  *field);

G_END_DECLS
