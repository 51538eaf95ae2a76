/* pw-ui-test-util.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pw-caseload-page.h"
#include "pw-codes.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_UI_TEST_PASSPHRASE "correct horse battery staple"

typedef struct
{
  gint64 deadline;
  guint  wake_id;
} PwUiTestWait;

/* Whether @widget is the one looked for, @data saying what that is. */
typedef gboolean (*PwUiTestMatchFunc) (GtkWidget     *widget,
                                       gconstpointer  data);

/* What pw_ui_test_find_by() compares with the text it is given:
 * BY_NAME, gtk_widget_get_name() exactly; BY_NAME_PREFIX, its start;
 * BY_LABEL_TEXT, a mapped label's text as shown, without markup or underlines;
 * BY_LABEL_WRITTEN, a mapped label's label as written, markup and underlines
 * included; BY_BUTTON_LABEL, a button's label with its underline, as a user
 * finds it. */
typedef enum
{
  PW_UI_TEST_BY_NAME,
  PW_UI_TEST_BY_NAME_PREFIX,
  PW_UI_TEST_BY_LABEL_TEXT,
  PW_UI_TEST_BY_LABEL_WRITTEN,
  PW_UI_TEST_BY_BUTTON_LABEL,
} PwUiTestFindBy;

/* The first widget under @root whose name, label or button label is the text
 * given, compared as #PwUiTestFindBy says. */
#define pw_ui_test_find_named(root, name) \
  pw_ui_test_find_by ((root), PW_UI_TEST_BY_NAME, (name))
#define pw_ui_test_find_named_prefix(root, prefix) \
  pw_ui_test_find_by ((root), PW_UI_TEST_BY_NAME_PREFIX, (prefix))
#define pw_ui_test_find_label(root, text) \
  pw_ui_test_find_by ((root), PW_UI_TEST_BY_LABEL_TEXT, (text))
#define pw_ui_test_find_label_written(root, label) \
  pw_ui_test_find_by ((root), PW_UI_TEST_BY_LABEL_WRITTEN, (label))
#define pw_ui_test_find_button(root, label) \
  pw_ui_test_find_by ((root), PW_UI_TEST_BY_BUTTON_LABEL, (label))

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
PwChild          *pw_ui_test_add_child      (PwCaseload   *caseload,
                                             const char   *given_name,
                                             const char   *family_prefix,
                                             const char   *sex);
PwCaseloadPage   *pw_ui_test_present_caseload_page (GtkWindow **window,
                                                    int         width,
                                                    PwStore    *store);
void              pw_ui_test_press          (GtkWindow    *window,
                                             const char   *key);
void              pw_ui_test_type           (GtkWindow    *window,
                                             const char   *text);
gboolean          pw_ui_test_in_popover     (GtkWindow    *window);
void              pw_ui_test_choose         (GtkWindow    *window,
                                             guint         n_down);
guint             pw_ui_test_code_position  (PwCodeTable   table,
                                             const char   *code);
GtkWidget        *pw_ui_test_find_first     (GtkWidget         *root,
                                             PwUiTestMatchFunc  matches,
                                             gconstpointer      data);
GtkWidget        *pw_ui_test_find           (GtkWidget    *root,
                                             const char   *buildable_id);
GtkWidget        *pw_ui_test_find_type      (GtkWidget    *root,
                                             GType         type);
GtkWidget        *pw_ui_test_find_by        (GtkWidget      *root,
                                             PwUiTestFindBy  by,
                                             const char     *text);
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
