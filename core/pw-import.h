/* pw-import.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-caseload.h"
#include "pw-case-validator.h"

G_BEGIN_DECLS

typedef enum
{
  PW_IMPORT_ADD,      /* new to this store */
  PW_IMPORT_MERGE,    /* already here (same UPN or the same record): what is new is added */
  PW_IMPORT_REFUSE,   /* breaks a rule; nothing of the child is imported */
} PwImportAction;

typedef struct
{
  PwImportAction action;
  char *name;
  char *upn;            /* or NULL */
  guint n_added;        /* records added */
  guint n_unchanged;    /* records already here, the same */
  GPtrArray *notes;     /* why refused, or what differs and was kept as it is here */
} PwImportChild;

typedef struct
{
  GPtrArray *children;  /* of PwImportChild, in the file's order */
  guint n_added;
  guint n_merged;
  guint n_refused;
  gboolean applied;     /* FALSE after a dry run or a refusal */
  char *signed_by;      /* a sealed file's signer and key fingerprint, or NULL */
} PwImportReport;

/* Opens the case file, once for checking and once for reading it in. */
typedef GInputStream *(*PwImportOpenFunc) (gpointer   user_data,
                                           GError   **error);

PwImportReport  *pw_import_run          (PwCaseload        *caseload,
                                         PwImportOpenFunc   open_func,
                                         gpointer           user_data,
                                         gboolean           dry_run,
                                         GError           **error);
PwImportReport  *pw_import_file         (PwCaseload        *caseload,
                                         const char        *path,
                                         gboolean           dry_run,
                                         GError           **error);
PwImportReport  *pw_import_sealed_file  (PwCaseload        *caseload,
                                         const char        *path,
                                         const guint8      *secret_key,
                                         const guint8      *signer_key,
                                         gboolean           dry_run,
                                         GError           **error);
void             pw_import_report_free  (PwImportReport    *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwImportReport, pw_import_report_free)

G_END_DECLS
