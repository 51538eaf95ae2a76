/* pw-identifiers.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_IDENTIFIER_ERROR (pw_identifier_error_quark ())

typedef enum
{
  PW_IDENTIFIER_ERROR_INVALID,
} PwIdentifierError;

GQuark    pw_identifier_error_quark (void);

gboolean  pw_upn_validate           (const char  *upn,
                                     gboolean    *temporary,
                                     GError     **error);
char      pw_upn_check_letter       (const char  *upn_chars_2_to_13);

gboolean  pw_nhs_number_validate    (const char  *nhs,
                                     GError     **error);
char     *pw_nhs_number_normalize   (const char  *nhs);

gboolean  pw_date_parse             (const char  *text,
                                     GDate       *date);

G_END_DECLS
