/* pw-case-validator.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_EXCHANGE_ERROR (pw_exchange_error_quark ())

typedef enum
{
  PW_EXCHANGE_ERROR_INVALID,   /* not a valid Pathway case file */
  PW_EXCHANGE_ERROR_REFUSED,   /* valid, but children were refused */
  PW_EXCHANGE_ERROR_SCOPE,     /* the export's scope is wrong */
} PwExchangeError;

/* How deep and how long the parts of a case file may be. */
#define PW_CASE_MAX_DEPTH       12
#define PW_CASE_MAX_TEXT_BYTES  (64 * 1024)

typedef struct _PwCaseValidator PwCaseValidator;

GQuark            pw_exchange_error_quark     (void);
PwCaseValidator  *pw_case_validator_new       (GError           **error);
gboolean          pw_case_validator_feed      (PwCaseValidator   *self,
                                               const char        *data,
                                               gsize              len,
                                               GError           **error);
gboolean          pw_case_validator_finish    (PwCaseValidator   *self,
                                               GError           **error);
void              pw_case_validator_free      (PwCaseValidator   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCaseValidator, pw_case_validator_free)

G_END_DECLS
