/* pw-ui-test-util.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_UI_TEST_PASSPHRASE "correct horse battery staple"

typedef struct
{
  gint64 deadline;
  guint  wake_id;
} PwUiTestWait;

/* Iterates the main context until @condition holds, failing the test if it
 * does not within ten seconds. */
#define PW_UI_TEST_WAIT_FOR(condition)                           \
  G_STMT_START {                                                  \
    PwUiTestWait wait_ = pw_ui_test_wait_begin (10);              \
    while (!(condition))                                          \
      pw_ui_test_wait_iterate (&wait_, #condition);               \
    pw_ui_test_wait_end (&wait_);                                 \
  } G_STMT_END

void              pw_ui_test_init           (int          *argc,
                                             char       ***argv);
int               pw_ui_test_run            (void);
char             *pw_ui_test_new_path       (const char   *name);
void              pw_ui_test_reset_settings (void);

const PwKdfCost  *pw_ui_test_cost           (void);
PwStore          *pw_ui_test_create_store   (const char   *path,
                                             char        **recovery_key);

PwStore          *pw_ui_test_demo_store     (guint         n_children);
void              pw_ui_test_press          (GtkWindow    *window,
                                             const char   *key);
void              pw_ui_test_type           (GtkWindow    *window,
                                             const char   *text);
GtkWidget        *pw_ui_test_find           (GtkWidget    *root,
                                             const char   *buildable_id);
GtkWidget        *pw_ui_test_find_type      (GtkWidget    *root,
                                             GType         type);
GtkWindow        *pw_ui_test_find_toplevel  (GType         type);
gboolean          pw_ui_test_has_focus      (GtkWidget    *widget);

PwUiTestWait      pw_ui_test_wait_begin     (guint         seconds);
void              pw_ui_test_wait_iterate   (PwUiTestWait *wait,
                                             const char   *condition);
void              pw_ui_test_wait_end       (PwUiTestWait *wait);
void              pw_ui_test_wait_mapped    (GtkWidget    *widget);
void              pw_ui_test_spin           (guint         milliseconds);
void              pw_ui_test_drain          (void);
void              pw_ui_test_destroy_window (GtkWindow    *window);
gboolean          pw_ui_test_has_shortcut   (GtkWidget    *widget,
                                             const char   *trigger,
                                             const char   *action_name);

G_END_DECLS
