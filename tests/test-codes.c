/* test-codes.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pw-codes.h"
#include "pw-identifiers.h"

/* Worked by hand: chars 2-13 are 9 1 6 2 0 0 1 2 4 0 0 1 (Gloucestershire,
 * establishment 2001, year 24, serial 001).  9*2 + 1*3 + 6*4 + 2*5 + 1*8 +
 * 2*9 + 4*10 + 1*13 = 134; 134 mod 23 = 19, and the 20th letter of
 * ABCDEFGHJKLMNPQRTUVWXYZ is W.  The temporary UPN ending in A (value 0)
 * sums to 121, 121 mod 23 = 6: G.  Ending in Z (value 22): 121 + 286 = 407,
 * 407 mod 23 = 16: T.
 */
#define HAND_UPN           "W916200124001"
#define HAND_TEMP_UPN      "G91620012400A"
#define HAND_TEMP_UPN_Z    "T91620012400Z"

typedef struct
{
  char **header;
  GPtrArray *rows;   /* of GStrv */
} Tsv;

static void
assert_upn_invalid (const char *upn,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  gboolean temporary = TRUE;

  g_assert_false (pw_upn_validate (upn, &temporary, &error));
  g_assert_error (error, PW_IDENTIFIER_ERROR, PW_IDENTIFIER_ERROR_INVALID);
  g_assert_false (temporary);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("UPN error “%s” lacks “%s”", error->message, needle);
  if (upn[0] != '\0')
    g_assert_null (strstr (error->message, upn));
}

static void
assert_upn_valid (const char *upn,
                  gboolean    expect_temporary)
{
  g_autoptr(GError) error = NULL;
  gboolean temporary = !expect_temporary;

  g_assert_true (pw_upn_validate (upn, &temporary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (temporary, ==, expect_temporary);
}

static void
test_upn_hand_computed (void)
{
  g_assert_cmpint (pw_upn_check_letter (HAND_UPN + 1), ==, 'W');
  g_assert_cmpint (pw_upn_check_letter (HAND_TEMP_UPN + 1), ==, 'G');
  g_assert_cmpint (pw_upn_check_letter (HAND_TEMP_UPN_Z + 1), ==, 'T');
  assert_upn_valid (HAND_UPN, FALSE);
  assert_upn_valid (HAND_TEMP_UPN, TRUE);
  assert_upn_valid (HAND_TEMP_UPN_Z, TRUE);
  g_assert_true (pw_upn_validate (HAND_UPN, NULL, NULL));
}

static void
test_upn_lower_case (void)
{
  assert_upn_valid ("w916200124001", FALSE);
  assert_upn_valid ("g91620012400a", TRUE);
  assert_upn_valid ("G91620012400a", TRUE);
  g_assert_cmpint (pw_upn_check_letter ("91620012400a"), ==, 'G');
}

static void
make_upn (char        upn[14],
          const char *la,
          guint       serial,
          char        last)
{
  g_snprintf (upn, 14, "?%s%09u", la, serial);
  if (last != '\0')
    upn[12] = last;
  upn[0] = pw_upn_check_letter (upn + 1);
  g_assert_cmpint (upn[0], !=, '\0');
}

/* Every single-digit change is caught: 23 is prime and each weight and
 * difference is below it. */
static void
assert_digit_changes_caught (const char *upn)
{
  char copy[14];

  for (guint pos = 1; pos < 13; pos++)
    {
      if (!g_ascii_isdigit (upn[pos]))
        continue;
      for (char d = '0'; d <= '9'; d++)
        {
          if (d == upn[pos])
            continue;
          memcpy (copy, upn, sizeof copy);
          copy[pos] = d;
          g_assert_false (pw_upn_validate (copy, NULL, NULL));
        }
    }
}

static void
test_upn_generated (void)
{
  const char *las[] = { "201", "213", "301", "336", "420", "800", "916", "938" };
  const char *temp_letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  char upn[14];

  for (guint i = 0; i < G_N_ELEMENTS (las); i++)
    {
      guint serial = g_test_rand_int_range (0, 1000000000);

      make_upn (upn, las[i], serial, '\0');
      assert_upn_valid (upn, FALSE);
      assert_digit_changes_caught (upn);
      make_upn (upn, las[i], serial, temp_letters[i * 3]);
      assert_upn_valid (upn, TRUE);
    }
}

static void
test_upn_invalid (void)
{
  char upn[14];

  assert_upn_invalid ("", "13 characters");
  assert_upn_invalid ("W91620012400", "13 characters");
  assert_upn_invalid ("W9162001240011", "13 characters");
  assert_upn_invalid (" W916200124001", "13 characters");
  assert_upn_invalid ("X916200124001", "check letter should be W");
  assert_upn_invalid ("W916200124002", "check letter");
  assert_upn_invalid ("W9162A0124001", "characters 2-12 must be digits");
  assert_upn_invalid ("W91620012 001", "characters 2-12 must be digits");
  assert_upn_invalid ("W91620012400-", "must end in a digit or a letter");
  assert_upn_invalid ("1916200124001", "check letter");

  /* The check letter of a temporary UPN with I, O or S cannot be computed. */
  assert_upn_invalid ("A91620012400I", "cannot be I, O or S");
  assert_upn_invalid ("A91620012400O", "cannot be I, O or S");
  assert_upn_invalid ("A91620012400s", "cannot be I, O or S");
  g_assert_cmpint (pw_upn_check_letter ("91620012400I"), ==, '\0');
  g_assert_cmpint (pw_upn_check_letter ("9162001240"), ==, '\0');
  g_assert_cmpint (pw_upn_check_letter ("9162X0124001"), ==, '\0');

  /* Right check letter, but no English authority has these numbers. */
  make_upn (upn, "000", 20012400, '\0');
  assert_upn_invalid (upn, "local authority number 000 is not");
  make_upn (upn, "999", 20012400, '\0');
  assert_upn_invalid (upn, "local authority number 999 is not");
  make_upn (upn, "660", 20012400, '\0');
  assert_upn_invalid (upn, "local authority number 660 is not");
}

static void
assert_nhs_invalid (const char *nhs,
                    const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_nhs_number_validate (nhs, &error));
  g_assert_error (error, PW_IDENTIFIER_ERROR, PW_IDENTIFIER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_nhs_number (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *grouped = pw_nhs_number_normalize ("943 476 5919");
  g_autofree char *plain = pw_nhs_number_normalize ("9434765919");

  g_assert_cmpstr (grouped, ==, "9434765919");
  g_assert_cmpstr (plain, ==, "9434765919");
  g_assert_true (pw_nhs_number_validate ("943 476 5919", &error));
  g_assert_no_error (error);
  g_assert_true (pw_nhs_number_validate ("9434765919", NULL));
  g_assert_true (pw_nhs_number_validate ("401 023 2137", NULL));

  assert_nhs_invalid ("943 476 5918", "NHS number check digit is wrong");
  assert_nhs_invalid ("4010232138", "NHS number check digit is wrong");
  /* 1*10 + 1*2 = 12 and 12 mod 11 = 1, so the check digit would be 10. */
  assert_nhs_invalid ("1000000010", "NHS number is not valid (check digit would be 10)");
  assert_nhs_invalid ("943476591", "NHS number must be 10 digits");
  assert_nhs_invalid ("94347659190", "NHS number must be 10 digits");
  assert_nhs_invalid ("9434 76 5919", "NHS number must be 10 digits");
  assert_nhs_invalid ("943-476-5919", "NHS number must be 10 digits");
  assert_nhs_invalid ("943  476 5919", "NHS number must be 10 digits");
  assert_nhs_invalid (" 9434765919", "NHS number must be 10 digits");
  assert_nhs_invalid ("943476591X", "NHS number must be 10 digits");
  assert_nhs_invalid ("", "NHS number must be 10 digits");
  g_assert_null (pw_nhs_number_normalize ("943 4765919"));
  g_assert_null (pw_nhs_number_normalize ("943 476 591"));
}

static void
assert_date (const char *text,
             guint       year,
             guint       month,
             guint       day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (pw_date_parse (text, &date));
  g_assert_true (g_date_valid (&date));
  g_assert_cmpuint (g_date_get_year (&date), ==, year);
  g_assert_cmpuint (g_date_get_month (&date), ==, month);
  g_assert_cmpuint (g_date_get_day (&date), ==, day);
}

static void
test_date_parse (void)
{
  const char *bad[] = {
    "2023-02-29", "2025-02-30", "2024-2-1", "2024-02-01x", "2024-02-01 ", " 2024-02-01",
    "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31", "1899-12-31", "2200-01-01",
    "2024/02/01", "20240201", "", "2024-0a-01", "+024-02-01", "2024-02-1 ",
  };
  GDate date;

  assert_date ("2024-02-29", 2024, 2, 29);
  assert_date ("1900-01-01", 1900, 1, 1);
  assert_date ("2199-12-31", 2199, 12, 31);
  g_assert_true (pw_date_parse ("2000-02-29", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_date_clear (&date, 1);
      if (pw_date_parse (bad[i], &date))
        g_error ("date “%s” was accepted", bad[i]);
      g_assert_false (g_date_valid (&date));
    }
}

static void
test_tables_well_formed (void)
{
  for (guint t = 0; t < PW_N_CODE_TABLES; t++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      const char *name = pw_codes_table_name (t);
      const PwCode *codes;
      guint n = 0;

      g_assert_nonnull (name);
      codes = pw_codes_get (t, &n);
      g_assert_nonnull (codes);
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (codes[i].code != NULL && codes[i].code[0] != '\0');
          g_assert_true (codes[i].label != NULL && codes[i].label[0] != '\0');
          if (!g_hash_table_add (seen, (gpointer) codes[i].code))
            g_error ("table %s lists %s twice", name, codes[i].code);
          g_assert_true (pw_codes_lookup (t, codes[i].code) == &codes[i]);
        }
    }
}

static void
test_table_names (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (pw_codes_table_name (PW_CODES_SEX), ==, "sex");
  g_assert_cmpstr (pw_codes_table_name (PW_CODES_ETHNICITY), ==, "ethnicity");
  g_assert_cmpstr (pw_codes_table_name (PW_CODES_SEN_PROVISION), ==, "sen-provision");
  for (guint t = 0; t < PW_N_CODE_TABLES; t++)
    g_assert_true (g_hash_table_add (seen, (gpointer) pw_codes_table_name (t)));
}

static void
test_lookup (void)
{
  guint n = 0;

  g_assert_cmpstr (pw_codes_label (PW_CODES_EXCLUSION, "FIXD"), ==, "Suspension");
  g_assert_cmpstr (pw_codes_label (PW_CODES_YEAR_GROUP, "R"), ==, "Reception");
  g_assert_cmpstr (pw_codes_label (PW_CODES_AGENCY, "camhs"), ==, "CAMHS / mental health");
  g_assert_cmpstr (pw_codes_label (PW_CODES_ENGAGEMENT, "3"), ==, "Some engagement");
  g_assert_null (pw_codes_lookup (PW_CODES_EXCLUSION, "SUSP"));
  g_assert_null (pw_codes_lookup (PW_CODES_SEN_PROVISION, "S"));
  g_assert_null (pw_codes_lookup (PW_CODES_SEX, "m"));
  g_assert_null (pw_codes_lookup (PW_CODES_SEX, ""));
  g_assert_null (pw_codes_label (PW_CODES_TERM, "winter"));

  pw_codes_get (PW_CODES_ETHNICITY, &n);
  g_assert_cmpuint (n, ==, 20);
  pw_codes_get (PW_CODES_SEN_NEED, &n);
  g_assert_cmpuint (n, ==, 14);
  pw_codes_get (PW_CODES_YEAR_GROUP, &n);
  g_assert_cmpuint (n, ==, 17);
  pw_codes_get (PW_CODES_AGENCY, &n);
  g_assert_cmpuint (n, ==, 18);
}

static void
test_need_area (void)
{
  const PwCode *needs;
  guint n = 0;

  g_assert_cmpstr (pw_codes_need_area ("SLCN"), ==, "CI");
  g_assert_cmpstr (pw_codes_need_area ("ASD"), ==, "CI");
  g_assert_cmpstr (pw_codes_need_area ("DS"), ==, "CL");
  g_assert_cmpstr (pw_codes_need_area ("PMLD"), ==, "CL");
  g_assert_cmpstr (pw_codes_need_area ("SEMH"), ==, "SEMH");
  g_assert_cmpstr (pw_codes_need_area ("MSI"), ==, "SP");
  g_assert_null (pw_codes_need_area ("OTH"));
  g_assert_null (pw_codes_need_area ("NSA"));
  g_assert_null (pw_codes_need_area ("BESD"));

  needs = pw_codes_get (PW_CODES_SEN_NEED, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *area = pw_codes_need_area (needs[i].code);

      if (area != NULL)
        g_assert_nonnull (pw_codes_lookup (PW_CODES_NEED_AREA, area));
      else
        g_assert_true (g_str_equal (needs[i].code, "OTH") || g_str_equal (needs[i].code, "NSA"));
    }
}

static void
tsv_clear (Tsv *tsv)
{
  g_clear_pointer (&tsv->header, g_strfreev);
  g_clear_pointer (&tsv->rows, g_ptr_array_unref);
}

static void
tsv_load (Tsv        *tsv,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "resources", "codes", name, NULL);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  tsv->header = NULL;
  tsv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (tsv->header == NULL)
        tsv->header = g_strsplit (lines[i], "\t", -1);
      else
        g_ptr_array_add (tsv->rows, g_strsplit (lines[i], "\t", -1));
    }
  g_assert_nonnull (tsv->header);
  g_assert_cmpstr (tsv->header[0], ==, "code");
}

static guint
tsv_column (const Tsv  *tsv,
            const char *column)
{
  for (guint i = 0; tsv->header[i] != NULL; i++)
    {
      if (g_str_equal (tsv->header[i], column))
        return i;
    }
  g_error ("no column %s", column);
}

static const char *
tsv_field (const Tsv  *tsv,
           const char *code,
           guint       column)
{
  for (guint i = 0; i < tsv->rows->len; i++)
    {
      char **row = g_ptr_array_index (tsv->rows, i);

      if (g_str_equal (row[0], code))
        {
          g_assert_cmpuint (g_strv_length (row), >, column);
          return row[column];
        }
    }
  return NULL;
}

/* Every code of @table is in the TSV (with the same description if
 * @same_label); with @all_rows every row of the TSV is in @table, otherwise
 * only rows whose @filter_column is "Y". */
static void
assert_table_matches_tsv (PwCodeTable  table,
                          const char  *name,
                          gboolean     same_label,
                          const char  *filter_column)
{
  Tsv tsv;
  const PwCode *codes;
  guint n = 0, description, filter = 0;

  tsv_load (&tsv, name);
  description = tsv_column (&tsv, "description");
  if (filter_column != NULL)
    filter = tsv_column (&tsv, filter_column);

  codes = pw_codes_get (table, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *label = tsv_field (&tsv, codes[i].code, description);

      if (label == NULL)
        g_error ("%s: code %s is not in %s", pw_codes_table_name (table), codes[i].code, name);
      if (same_label)
        g_assert_cmpstr (codes[i].label, ==, label);
      if (filter_column != NULL)
        g_assert_cmpstr (tsv_field (&tsv, codes[i].code, filter), ==, "Y");
    }

  for (guint i = 0; i < tsv.rows->len; i++)
    {
      char **row = g_ptr_array_index (tsv.rows, i);

      if (filter_column != NULL && !g_str_equal (row[filter], "Y"))
        continue;
      if (pw_codes_lookup (table, row[0]) == NULL)
        g_error ("%s: %s row %s is missing", pw_codes_table_name (table), name, row[0]);
    }
  tsv_clear (&tsv);
}

static void
test_tables_match_tsv (void)
{
  assert_table_matches_tsv (PW_CODES_SEX, "sex.tsv", TRUE, NULL);
  assert_table_matches_tsv (PW_CODES_ETHNICITY, "ethnicity_main.tsv", TRUE, NULL);
  assert_table_matches_tsv (PW_CODES_SEN_NEED, "sen_type_of_need.tsv", FALSE, NULL);
  assert_table_matches_tsv (PW_CODES_SEN_PROVISION, "sen_provision.tsv", TRUE, "current");
}

/* Only verified exclusion codes: SUSP is in the TSV but left out. */
static void
test_exclusion_matches_tsv (void)
{
  Tsv tsv;
  const PwCode *codes;
  guint n = 0, confidence;

  tsv_load (&tsv, "exclusion_category.tsv");
  confidence = tsv_column (&tsv, "confidence");
  codes = pw_codes_get (PW_CODES_EXCLUSION, &n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (tsv_field (&tsv, codes[i].code, confidence), ==, "verified");
  tsv_clear (&tsv);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pathway/codes/upn/hand-computed", test_upn_hand_computed);
  g_test_add_func ("/pathway/codes/upn/lower-case", test_upn_lower_case);
  g_test_add_func ("/pathway/codes/upn/generated", test_upn_generated);
  g_test_add_func ("/pathway/codes/upn/invalid", test_upn_invalid);
  g_test_add_func ("/pathway/codes/nhs-number", test_nhs_number);
  g_test_add_func ("/pathway/codes/date-parse", test_date_parse);
  g_test_add_func ("/pathway/codes/tables/well-formed", test_tables_well_formed);
  g_test_add_func ("/pathway/codes/tables/names", test_table_names);
  g_test_add_func ("/pathway/codes/tables/lookup", test_lookup);
  g_test_add_func ("/pathway/codes/tables/need-area", test_need_area);
  g_test_add_func ("/pathway/codes/tables/match-tsv", test_tables_match_tsv);
  g_test_add_func ("/pathway/codes/tables/exclusion-tsv", test_exclusion_matches_tsv);

  return g_test_run ();
}
