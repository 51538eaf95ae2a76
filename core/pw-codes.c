/* pw-codes.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Compiled-in code tables.
 *
 * Records store codes, never labels, so that exports carry the DfE codes and
 * a label can be reworded or translated without touching data.  The DfE tables
 * (sex, ethnicity, SEN provision, SEN type of need, exclusion category) follow
 * the TSV files in resources/codes/, which name their sources; test-codes
 * checks that the two agree.  The other tables are Pathway's own vocabulary.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-codes.h"

typedef struct
{
  const char   *name;
  const PwCode *codes;
  guint         n_codes;
} CodeTableInfo;

typedef struct
{
  const char *need;
  const char *area;
} NeedAreaMap;

static const PwCode sex_codes[] = {
  { "M", N_("Male") },
  { "F", N_("Female") },
  { "U", N_("Unknown (e.g. question not asked; unborn children)") },
};

static const PwCode ethnicity_codes[] = {
  { "WBRI", N_("White British") },
  { "WIRI", N_("White Irish") },
  { "WIRT", N_("Traveller of Irish heritage") },
  { "WOTH", N_("Any other White background") },
  { "WROM", N_("Gypsy/Roma") },
  { "MWBC", N_("White and Black Caribbean") },
  { "MWBA", N_("White and Black African") },
  { "MWAS", N_("White and Asian") },
  { "MOTH", N_("Any other mixed background") },
  { "AIND", N_("Indian") },
  { "APKN", N_("Pakistani") },
  { "ABAN", N_("Bangladeshi") },
  { "AOTH", N_("Any other Asian background") },
  { "BCRB", N_("Caribbean") },
  { "BAFR", N_("African") },
  { "BOTH", N_("Any other black background") },
  { "CHNE", N_("Chinese") },
  { "OOTH", N_("Any other ethnic group") },
  { "REFU", N_("Refused") },
  { "NOBT", N_("Information not yet obtained") },
};

/* Only the codes accepted for new data: S, A and P are legacy. */
static const PwCode sen_provision_codes[] = {
  { "N", N_("No special educational need") },
  { "K", N_("SEN support") },
  { "E", N_("Education, health and care plan") },
};

static const PwCode sen_need_codes[] = {
  { "SPLD", N_("Specific learning difficulty") },
  { "MLD", N_("Moderate learning difficulty") },
  { "SLD", N_("Severe learning difficulty") },
  { "PMLD", N_("Profound and multiple learning difficulty") },
  { "SEMH", N_("Social, emotional and mental health") },
  { "SLCN", N_("Speech, language and communication needs") },
  { "HI", N_("Hearing impairment") },
  { "VI", N_("Vision impairment") },
  { "MSI", N_("Multi-sensory impairment") },
  { "PD", N_("Physical disability") },
  { "ASD", N_("Autistic spectrum disorder") },
  { "OTH", N_("Other difficulty/disability") },
  { "NSA", N_("SEN support but no specialist assessment of type of need") },
  { "DS", N_("Down syndrome") },
};

/* SUSP is left out: it appears only in a third-party transcription. */
static const PwCode exclusion_codes[] = {
  { "PERM", N_("Permanent exclusion") },
  { "FIXD", N_("Suspension") },
  { "LNCH", N_("Lunchtime exclusion/suspension") },
};

/* The four broad areas of need of the SEND Code of Practice. */
static const PwCode need_area_codes[] = {
  { "CI", N_("Communication and interaction") },
  { "CL", N_("Cognition and learning") },
  { "SEMH", N_("Social, emotional and mental health") },
  { "SP", N_("Sensory and/or physical") },
};

static const PwCode year_group_codes[] = {
  { "N1", N_("Nursery 1") },
  { "N2", N_("Nursery 2") },
  { "R", N_("Reception") },
  { "1", N_("Year 1") },
  { "2", N_("Year 2") },
  { "3", N_("Year 3") },
  { "4", N_("Year 4") },
  { "5", N_("Year 5") },
  { "6", N_("Year 6") },
  { "7", N_("Year 7") },
  { "8", N_("Year 8") },
  { "9", N_("Year 9") },
  { "10", N_("Year 10") },
  { "11", N_("Year 11") },
  { "12", N_("Year 12") },
  { "13", N_("Year 13") },
  { "14", N_("Year 14") },
};

static const PwCode agency_codes[] = {
  { "education-setting", N_("Education setting") },
  { "early-years", N_("Early years") },
  { "post-16", N_("Post-16") },
  { "educational-psychology", N_("Educational psychology") },
  { "advisory-teaching", N_("Advisory teaching") },
  { "school-nursing", N_("School nursing") },
  { "speech-language-therapy", N_("Speech and language therapy") },
  { "camhs", N_("CAMHS / mental health") },
  { "gp-health", N_("GP / health") },
  { "social-care", N_("Social care") },
  { "early-help", N_("Early help") },
  { "police", N_("Police") },
  { "youth-justice", N_("Youth justice") },
  { "housing", N_("Housing") },
  { "third-sector", N_("Third sector") },
  { "alternative-provision", N_("Alternative provision") },
  { "hospital-education", N_("Hospital education") },
  { "other", N_("Other") },
};

static const PwCode level_route_codes[] = {
  { "marf", N_("MARF referral to social care") },
  { "talc", N_("TALC referral") },
  { "ehc-request", N_("EHC needs assessment request") },
  { "health-referral", N_("Referral to a health professional") },
  { "step-down", N_("Step down at review") },
  { "initial", N_("First recorded level") },
  { "other", N_("Other") },
};

static const PwCode meeting_type_codes[] = {
  { "taf", N_("Team Around the Family") },
  { "talc", N_("TALC") },
  { "intervention-circle", N_("Intervention Circle") },
  { "review", N_("Review meeting") },
};

static const PwCode stage_codes[] = {
  { "assess", N_("Assess") },
  { "plan", N_("Plan") },
  { "do", N_("Do") },
  { "review", N_("Review") },
};

static const PwCode cycle_state_codes[] = {
  { "assess", N_("Assess") },
  { "plan", N_("Plan") },
  { "do", N_("Do") },
  { "review", N_("Review") },
  { "closed", N_("Closed") },
};

static const PwCode rating_codes[] = {
  { "not-met", N_("Not met") },
  { "partly-met", N_("Partly met") },
  { "met", N_("Met") },
  { "exceeded", N_("Exceeded") },
};

static const PwCode decision_codes[] = {
  { "new-cycle", N_("Continue with a new cycle") },
  { "step-up", N_("Step up") },
  { "step-down", N_("Step down") },
  { "close", N_("Close: needs met") },
  { "refer-forum", N_("Refer to a forum") },
};

static const PwCode relationship_codes[] = {
  { "mother", N_("Mother") },
  { "father", N_("Father") },
  { "step-parent", N_("Step-parent") },
  { "grandparent", N_("Grandparent") },
  { "foster-carer", N_("Foster carer") },
  { "carer", N_("Carer") },
  { "sibling", N_("Sibling") },
  { "aunt-uncle", N_("Aunt or uncle") },
  { "social-worker", N_("Social worker") },
  { "other", N_("Other") },
};

static const PwCode engagement_codes[] = {
  { "1", N_("Not engaged") },
  { "2", N_("Reluctant") },
  { "3", N_("Some engagement") },
  { "4", N_("Engaged") },
  { "5", N_("Fully engaged") },
};

static const PwCode term_codes[] = {
  { "autumn", N_("Autumn") },
  { "spring", N_("Spring") },
  { "summer", N_("Summer") },
};

#define TABLE(id, name, array) [id] = { name, array, G_N_ELEMENTS (array) }

static const CodeTableInfo code_tables[PW_N_CODE_TABLES] = {
  TABLE (PW_CODES_SEX, "sex", sex_codes),
  TABLE (PW_CODES_ETHNICITY, "ethnicity", ethnicity_codes),
  TABLE (PW_CODES_SEN_PROVISION, "sen-provision", sen_provision_codes),
  TABLE (PW_CODES_SEN_NEED, "sen-need", sen_need_codes),
  TABLE (PW_CODES_EXCLUSION, "exclusion", exclusion_codes),
  TABLE (PW_CODES_NEED_AREA, "need-area", need_area_codes),
  TABLE (PW_CODES_YEAR_GROUP, "year-group", year_group_codes),
  TABLE (PW_CODES_AGENCY, "agency", agency_codes),
  TABLE (PW_CODES_LEVEL_ROUTE, "level-route", level_route_codes),
  TABLE (PW_CODES_MEETING_TYPE, "meeting-type", meeting_type_codes),
  TABLE (PW_CODES_STAGE, "stage", stage_codes),
  TABLE (PW_CODES_CYCLE_STATE, "cycle-state", cycle_state_codes),
  TABLE (PW_CODES_RATING, "rating", rating_codes),
  TABLE (PW_CODES_DECISION, "decision", decision_codes),
  TABLE (PW_CODES_RELATIONSHIP, "relationship", relationship_codes),
  TABLE (PW_CODES_ENGAGEMENT, "engagement", engagement_codes),
  TABLE (PW_CODES_TERM, "term", term_codes),
};

#undef TABLE

/* OTH and NSA belong to no single area, so they are not listed. */
static const NeedAreaMap need_areas[] = {
  { "SLCN", "CI" },
  { "ASD", "CI" },
  { "SPLD", "CL" },
  { "MLD", "CL" },
  { "SLD", "CL" },
  { "PMLD", "CL" },
  { "DS", "CL" },
  { "SEMH", "SEMH" },
  { "HI", "SP" },
  { "VI", "SP" },
  { "MSI", "SP" },
  { "PD", "SP" },
};

/**
 * pw_codes_get:
 * @table: a code table
 * @n_codes: (out) (optional): where to store the number of codes
 *
 * Returns: (transfer none) (array length=n_codes): the codes of @table, in
 *   display order.  Labels are untranslated; pass them through gettext, or use
 *   pw_codes_label().
 */
const PwCode *
pw_codes_get (PwCodeTable  table,
              guint       *n_codes)
{
  g_return_val_if_fail (table < PW_N_CODE_TABLES, NULL);

  if (n_codes != NULL)
    *n_codes = code_tables[table].n_codes;
  return code_tables[table].codes;
}

/**
 * pw_codes_table_name:
 * @table: a code table
 *
 * Returns: (transfer none): the kebab-case name of @table, such as "sex" or
 *   "sen-provision", for error messages and the command line.
 */
const char *
pw_codes_table_name (PwCodeTable table)
{
  g_return_val_if_fail (table < PW_N_CODE_TABLES, NULL);

  return code_tables[table].name;
}

/**
 * pw_codes_lookup:
 * @table: a code table
 * @code: a code, matched exactly (case-sensitive)
 *
 * Returns: (transfer none) (nullable): the entry for @code, or %NULL if
 *   @code is not in @table.
 */
const PwCode *
pw_codes_lookup (PwCodeTable  table,
                 const char  *code)
{
  const CodeTableInfo *info;

  g_return_val_if_fail (table < PW_N_CODE_TABLES, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  info = &code_tables[table];
  for (guint i = 0; i < info->n_codes; i++)
    {
      if (strcmp (info->codes[i].code, code) == 0)
        return &info->codes[i];
    }
  return NULL;
}

/**
 * pw_codes_label:
 * @table: a code table
 * @code: a code
 *
 * Returns: (transfer none) (nullable): the translated label of @code, or
 *   %NULL if @code is not in @table.
 */
const char *
pw_codes_label (PwCodeTable  table,
                const char  *code)
{
  const PwCode *entry = pw_codes_lookup (table, code);

  return entry != NULL ? _(entry->label) : NULL;
}

/**
 * pw_codes_need_area:
 * @sen_need_code: a DfE SEN type of need code, such as "ASD"
 *
 * Returns: (transfer none) (nullable): the code of the broad area of need
 *   (a %PW_CODES_NEED_AREA code) for @sen_need_code, or %NULL if the code is
 *   unknown or, like OTH and NSA, belongs to no single area.
 */
const char *
pw_codes_need_area (const char *sen_need_code)
{
  g_return_val_if_fail (sen_need_code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (need_areas); i++)
    {
      if (strcmp (need_areas[i].need, sen_need_code) == 0)
        return need_areas[i].area;
    }
  return NULL;
}
