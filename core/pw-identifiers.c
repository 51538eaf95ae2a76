/* pw-identifiers.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Checks for the identifiers a record carries: the DfE Unique Pupil Number,
 * the NHS number and calendar dates.
 *
 * Error messages name the rule that failed and never echo the identifier, so
 * that they can be logged or shown without leaking a child's number.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-identifiers.h"

#define UPN_LENGTH 13
#define NHS_LENGTH 10

/* The UPN check-letter alphabet: A-Z without I, O and S. */
static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

typedef struct
{
  guint first;
  guint last;
} LaRange;

/* English local-authority numbers, as the DfE's blocks of LA codes: 2xx
 * inner London (201 is the City), 3xx outer London and the metropolitan
 * districts, 420 the Isles of Scilly, 8xx and 9xx shire counties and
 * unitaries (916 is Gloucestershire; 940-943 the authorities created in
 * Northamptonshire and Cumbria since 2021).  The blocks are deliberately
 * permissive: they include numbers that no authority uses, so they catch a
 * mistyped or non-English LA number, not every invalid one.  They are not the
 * census list of valid LA codes, which is not in reference/.
 */
static const LaRange english_la_ranges[] = {
  { 201, 213 },
  { 301, 320 },
  { 330, 336 },
  { 340, 344 },
  { 350, 359 },
  { 370, 373 },
  { 380, 384 },
  { 390, 394 },
  { 420, 420 },
  { 800, 896 },
  { 908, 938 },
  { 940, 943 },
};

G_DEFINE_QUARK (pw-identifier-error-quark, pw_identifier_error)

static int
upn_letter_index (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (upn_letters, g_ascii_toupper (c));
  return p != NULL ? (int) (p - upn_letters) : -1;
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_english_la (guint la)
{
  for (guint i = 0; i < G_N_ELEMENTS (english_la_ranges); i++)
    {
      if (la >= english_la_ranges[i].first && la <= english_la_ranges[i].last)
        return TRUE;
    }
  return FALSE;
}

static guint
parse_digits (const char *s,
              gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint) (s[i] - '0');
  return value;
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, PW_IDENTIFIER_ERROR, PW_IDENTIFIER_ERROR_INVALID, message);
  return FALSE;
}

/**
 * pw_upn_check_letter:
 * @upn_chars_2_to_13: the twelve characters of a UPN after its check letter
 *
 * Computes a UPN check letter: each character is multiplied by its position
 * in the UPN (2 to 13), digits by their value and a temporary UPN's final
 * letter by its index in the check-letter alphabet; the sum modulo 23 indexes
 * that alphabet.  A final letter may be lower case.
 *
 * Returns: the check letter, or '\0' if @upn_chars_2_to_13 is not eleven
 *   digits followed by a digit or a letter other than I, O and S.
 */
char
pw_upn_check_letter (const char *upn_chars_2_to_13)
{
  const char *s = upn_chars_2_to_13;
  guint sum = 0;
  int last;

  g_return_val_if_fail (s != NULL, '\0');

  if (strlen (s) != UPN_LENGTH - 1 || !all_digits (s, UPN_LENGTH - 2))
    return '\0';
  last = g_ascii_isdigit (s[UPN_LENGTH - 2]) ? s[UPN_LENGTH - 2] - '0'
                                             : upn_letter_index (s[UPN_LENGTH - 2]);
  if (last < 0)
    return '\0';

  for (guint i = 0; i < UPN_LENGTH - 2; i++)
    sum += (guint) (s[i] - '0') * (i + 2);
  sum += (guint) last * UPN_LENGTH;
  return upn_letters[sum % 23];
}

static gboolean
upn_check_structure (const char  *upn,
                     GError     **error)
{
  char last = upn[UPN_LENGTH - 1];

  if (!all_digits (upn + 1, UPN_LENGTH - 2))
    return set_invalid (error, _("UPN characters 2-12 must be digits"));
  if (g_ascii_isdigit (last))
    return TRUE;
  if (!g_ascii_isupper (last))
    return set_invalid (error, _("UPN must end in a digit or a letter (temporary UPN)"));
  if (upn_letter_index (last) < 0)
    return set_invalid (error, _("UPN temporary letter cannot be I, O or S"));
  return TRUE;
}

/**
 * pw_upn_validate:
 * @upn: a Unique Pupil Number, in upper or lower case
 * @temporary: (out) (optional): set to %TRUE if @upn is a temporary UPN
 * @error: return location for a #GError
 *
 * Checks the length, the digits, the local-authority number and the check
 * letter of @upn.  Letters are compared in upper case; callers store the
 * upper-case form.
 *
 * Returns: %TRUE if @upn is a valid UPN.
 */
gboolean
pw_upn_validate (const char  *upn,
                 gboolean    *temporary,
                 GError     **error)
{
  g_autofree char *upper = NULL;
  guint la;
  char expected;

  g_return_val_if_fail (upn != NULL, FALSE);

  if (temporary != NULL)
    *temporary = FALSE;
  if (strlen (upn) != UPN_LENGTH)
    return set_invalid (error, _("UPN must be 13 characters"));

  upper = g_ascii_strup (upn, -1);
  if (!upn_check_structure (upper, error))
    return FALSE;

  la = parse_digits (upper + 1, 3);
  if (!is_english_la (la))
    {
      g_set_error (error, PW_IDENTIFIER_ERROR, PW_IDENTIFIER_ERROR_INVALID,
                   _("UPN local authority number %03u is not an English local authority"), la);
      return FALSE;
    }

  expected = pw_upn_check_letter (upper + 1);
  g_assert (expected != '\0');
  if (upper[0] != expected)
    {
      g_set_error (error, PW_IDENTIFIER_ERROR, PW_IDENTIFIER_ERROR_INVALID,
                   _("UPN check letter should be %c"), expected);
      return FALSE;
    }

  if (temporary != NULL)
    *temporary = !g_ascii_isdigit (upper[UPN_LENGTH - 1]);
  return TRUE;
}

/**
 * pw_nhs_number_normalize:
 * @nhs: an NHS number as typed
 *
 * Accepts ten digits, either run together ("9434765919") or grouped 3-3-4
 * with single spaces ("943 476 5919").  The check digit is not tested.
 *
 * Returns: (transfer full) (nullable): the ten digits, or %NULL if @nhs is in
 *   neither form.
 */
char *
pw_nhs_number_normalize (const char *nhs)
{
  gsize len;

  g_return_val_if_fail (nhs != NULL, NULL);

  len = strlen (nhs);
  if (len == NHS_LENGTH && all_digits (nhs, NHS_LENGTH))
    return g_strdup (nhs);
  if (len == NHS_LENGTH + 2 && nhs[3] == ' ' && nhs[7] == ' '
      && all_digits (nhs, 3) && all_digits (nhs + 4, 3) && all_digits (nhs + 8, 4))
    return g_strdup_printf ("%.3s%.3s%s", nhs, nhs + 4, nhs + 8);
  return NULL;
}

/* Modulus 11: weights 10 down to 2 over the first nine digits. */
static guint
nhs_check_digit (const char *digits)
{
  guint sum = 0;

  for (guint i = 0; i < NHS_LENGTH - 1; i++)
    sum += (guint) (digits[i] - '0') * (NHS_LENGTH - i);
  return (11 - sum % 11) % 11;
}

/**
 * pw_nhs_number_validate:
 * @nhs: an NHS number, as ten digits or grouped 3-3-4
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @nhs is well formed and its check digit is right.
 */
gboolean
pw_nhs_number_validate (const char  *nhs,
                        GError     **error)
{
  g_autofree char *digits = NULL;
  guint check;

  g_return_val_if_fail (nhs != NULL, FALSE);

  digits = pw_nhs_number_normalize (nhs);
  if (digits == NULL)
    return set_invalid (error, _("NHS number must be 10 digits"));

  check = nhs_check_digit (digits);
  if (check == 10)
    return set_invalid (error, _("NHS number is not valid (check digit would be 10)"));
  if (check != (guint) (digits[NHS_LENGTH - 1] - '0'))
    return set_invalid (error, _("NHS number check digit is wrong"));
  return TRUE;
}

/**
 * pw_date_parse:
 * @text: a date as YYYY-MM-DD
 * @date: (out caller-allocates) (optional): where to store the date
 *
 * Parses exactly ten characters, zero-padded, naming a real calendar day in
 * the years 1900 to 2199.  @date is left untouched on failure.
 *
 * Returns: %TRUE if @text is such a date.
 */
gboolean
pw_date_parse (const char *text,
               GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !all_digits (text, 4) || !all_digits (text + 5, 2) || !all_digits (text + 8, 2))
    return FALSE;

  year = parse_digits (text, 4);
  month = parse_digits (text + 5, 2);
  day = parse_digits (text + 8, 2);
  if (year < 1900 || year > 2199 || month < 1 || month > 12
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
