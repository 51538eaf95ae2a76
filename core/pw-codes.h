/* pw-codes.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;
  const char *label;
} PwCode;

typedef enum
{
  PW_CODES_SEX,
  PW_CODES_ETHNICITY,
  PW_CODES_SEN_PROVISION,
  PW_CODES_SEN_NEED,
  PW_CODES_EXCLUSION,
  PW_CODES_NEED_AREA,
  PW_CODES_YEAR_GROUP,
  PW_CODES_AGENCY,
  PW_CODES_LEVEL_ROUTE,
  PW_CODES_MEETING_TYPE,
  PW_CODES_STAGE,
  PW_CODES_CYCLE_STATE,
  PW_CODES_RATING,
  PW_CODES_DECISION,
  PW_CODES_RELATIONSHIP,
  PW_CODES_ENGAGEMENT,
  PW_CODES_TERM,
  PW_N_CODE_TABLES
} PwCodeTable;

const PwCode *pw_codes_get        (PwCodeTable  table,
                                   guint       *n_codes);
const char   *pw_codes_table_name (PwCodeTable  table);
const PwCode *pw_codes_lookup     (PwCodeTable  table,
                                   const char  *code);
const char   *pw_codes_label      (PwCodeTable  table,
                                   const char  *code);
const char   *pw_codes_need_area  (const char  *sen_need_code);

G_END_DECLS
