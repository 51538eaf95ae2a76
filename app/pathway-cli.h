/* pathway-cli.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 64,
  EXIT_INVALID = 65,
  EXIT_NOT_A_STORE = 69,
  EXIT_SOFTWARE = 70,
  EXIT_IO = 74,
  EXIT_BUSY = 75,
  EXIT_CORRUPT = 76,
  EXIT_WRONG_KEY = 77,
};

/* The groups of options a command takes. */
enum {
  WITH_PASSPHRASE = 1 << 0,
  WITH_RECOVERY_KEY = 1 << 1,
  WITH_NEW_PASSPHRASE = 1 << 2,
  WITH_KDF = 1 << 3,
  WITH_DEMO = 1 << 4,
  WITH_LIMIT = 1 << 5,
  WITH_CHILD = 1 << 6,
  WITH_OUT = 1 << 7,          /* --out FILE */
  WITH_SCOPE = 1 << 8,        /* --scope, --include-archived */
  WITH_SEAL = 1 << 9,         /* --seal-to PUBLIC_KEY */
  WITH_SECRET_KEY = 1 << 10,  /* --key SECRET_KEY */
  WITH_SIGNER = 1 << 11,      /* --signer PUBLIC_KEY */
  WITH_DRY_RUN = 1 << 12,     /* --dry-run */
  WITH_CHILD_UPN = 1 << 13,   /* --child UPN */
};

#define WITH_UNLOCK (WITH_PASSPHRASE | WITH_RECOVERY_KEY)

#define PW_CLI_N_REF_OPTIONS   3
#define PW_CLI_N_LEVEL_OPTIONS 5

typedef struct
{
  char *passphrase_file;
  char *new_passphrase_file;
  char *recovery_key_file;
  double kdf_seconds;
  int children;
  gint64 seed;
  int limit;
  guint n_fields;
  char **field_values;      /* by PwChild field: the text of --FIELD */
  gboolean *field_flags;    /* by PwChild field: a BOOL field's --FIELD */
  char *ref_values[PW_CLI_N_REF_OPTIONS];
  char *level_values[PW_CLI_N_LEVEL_OPTIONS];
  char *out;
  char *scope;
  gboolean include_archived;
  char *seal_to;
  char *key_file;
  char *signer;
  gboolean dry_run;
  char *child_upn;
  GArray *entries;
  GPtrArray *strings;       /* descriptions the entries point to */
} Options;

typedef int (*CommandFunc) (Options  *options,
                            char    **args);

typedef struct
{
  const char *name;
  CommandFunc func;
  const char *parameters;
  guint n_args;
  gboolean more_args;       /* takes n_args or more */
  guint with;
  const char *summary;
} Command;

int          pw_cli_command_export (Options       *options,
                                    char         **args);
int          pw_cli_command_import (Options       *options,
                                    char         **args);

int          pw_cli_exit_code_for  (const GError  *error);
int          pw_cli_fail           (GError        *error);
int          pw_cli_usage_error    (const char    *message);
PwCaseload  *pw_cli_open_caseload  (const char    *path,
                                    Options       *options,
                                    GError       **error);

/* pathway-cli-seal.c */
int          pw_cli_seal_exit_code   (int            code);
int          pw_cli_command_keygen   (Options       *options,
                                      char         **args);
int          pw_cli_command_open     (Options       *options,
                                      char         **args);
int          pw_cli_command_signer   (Options       *options,
                                      char         **args);

/* pathway-cli-summary.c */
int          pw_cli_command_summary  (Options       *options,
                                      char         **args);

G_END_DECLS
