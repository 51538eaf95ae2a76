/* test-record-form.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The record form: a row of the right kind for every kind of field, the
 * core's own message under a row that breaks a rule (in the error style and
 * read out with the row) and gone once the value is fixed, apply() refusing
 * a record with a required field missing and taking the focus there, and
 * the code and reference rows storing codes and ids while showing labels
 * and names.
 */

#define G_LOG_DOMAIN "test-record-form"

#include "config.h"

#include <string.h>

#include "pw-caseload.h"
#include "pw-identifiers.h"
#include "pw-record-form.h"
#include "pw-ui-test-util.h"

#define TODAY "2026-11-23"

static const char * const child_fields[] = {
  "legal-given-name", "legal-family-name", "date-of-birth", "sex", "upn", "year-group",
  "setting-id", "eal", NULL
};

typedef struct
{
  GtkWindow    *window;
  PwRecord     *record;
  PwRecordForm *form;
} Fixture;

static void
open_form (Fixture            *f,
           GType               type,
           const char * const *fields)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  pw_set_today (TODAY);
  f->record = pw_record_new (type);
  f->form = PW_RECORD_FORM (pw_record_form_new (f->record, fields));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->form));
  gtk_window_set_child (f->window, scrolled);
  gtk_window_present (f->window);
  pw_ui_test_wait_mapped (GTK_WIDGET (f->form));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  open_form (f, PW_TYPE_CHILD, child_fields);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_ui_test_destroy_window (f->window);
  g_assert_finalize_object (f->record);
  pw_set_today (NULL);
}

/* Reading the form ------------------------------------------------------------- */

static GtkWidget *
row (Fixture    *f,
     const char *field)
{
  GtkWidget *widget = pw_record_form_get_row (f->form, field);

  g_assert_nonnull (widget);
  return widget;
}

/* The message row under a field's row, or for a paragraph its last label. */
static GtkLabel *
error_label (Fixture    *f,
             const char *field)
{
  GtkWidget *widget = row (f, field);
  GtkWidget *next = GTK_IS_LIST_BOX_ROW (widget) ? gtk_widget_get_next_sibling (widget)
                                                 : gtk_widget_get_last_child (widget);

  if (GTK_IS_LIST_BOX_ROW (next))
    next = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next));
  g_assert_true (GTK_IS_LABEL (next));
  g_assert_true (gtk_widget_has_css_class (next, "error"));
  return GTK_LABEL (next);
}

static gboolean
shows_error (Fixture    *f,
             const char *field)
{
  return gtk_widget_get_mapped (GTK_WIDGET (error_label (f, field)));
}

/* What the core says about @text in @field of a record of @type. */
static char *
core_message (GType       type,
              const char *field,
              const char *text)
{
  g_autoptr(PwRecord) scratch = pw_record_new (type);
  g_autoptr(GError) error = NULL;

  if (pw_record_parse_field (scratch, field, text, &error))
    pw_record_check_field (scratch, field, &error);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
assert_error_shown (Fixture    *f,
                    const char *field,
                    const char *message)
{
  GtkWidget *widget = row (f, field);

  g_assert_true (shows_error (f, field));
  g_assert_cmpstr (gtk_label_get_text (error_label (f, field)), ==, message);
  g_assert_true (gtk_widget_has_css_class (widget, "error"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);
}

static void
assert_no_error_shown (Fixture    *f,
                       const char *field)
{
  g_assert_false (shows_error (f, field));
  g_assert_false (gtk_widget_has_css_class (row (f, field), "error"));
}

static void
type_text (Fixture    *f,
           const char *field,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, field)), text);
}

static GtkWidget *
find_suffix_of_type (GtkWidget *row_widget,
                     GType      type)
{
  GtkWidget *found = pw_ui_test_find_type (row_widget, type);

  g_assert_nonnull (found);
  return found;
}

static guint
count_of_type (GtkWidget *root,
               GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += G_TYPE_CHECK_INSTANCE_TYPE (child, type) + count_of_type (child, type);
  return n;
}

static const char *
combo_item_text (AdwComboRow *combo,
                 guint        position)
{
  g_autoptr(GObject) item = g_list_model_get_item (adw_combo_row_get_model (combo), position);
  GtkExpression *expression = adw_combo_row_get_expression (combo);
  GValue value = G_VALUE_INIT;
  static char *text;

  g_clear_pointer (&text, g_free);
  if (GTK_IS_STRING_OBJECT (item))
    return (text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item))));
  g_assert_nonnull (expression);
  g_assert_true (gtk_expression_evaluate (expression, item, &value));
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

/* Tests ------------------------------------------------------------------------ */

static void
test_rows_by_kind (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *toggle;

  g_assert_true (ADW_IS_ENTRY_ROW (row (f, "legal-given-name")));
  g_assert_true (ADW_IS_ENTRY_ROW (row (f, "date-of-birth")));
  g_assert_true (ADW_IS_ENTRY_ROW (row (f, "upn")));
  g_assert_true (ADW_IS_COMBO_ROW (row (f, "sex")));
  g_assert_true (ADW_IS_COMBO_ROW (row (f, "setting-id")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (f, "sex"))), ==,
                   "Sex");

  /* A yes/no field is a switch that the whole row turns. */
  g_assert_true (ADW_IS_ACTION_ROW (row (f, "eal")));
  toggle = find_suffix_of_type (row (f, "eal"), GTK_TYPE_SWITCH);
  g_assert_true (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row (f, "eal"))) ==
                 toggle);
  gtk_widget_activate (row (f, "eal"));
  PW_UI_TEST_WAIT_FOR (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_cmpint (pw_record_get_int (f->record, "eal"), ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "English as an additional language");

  /* Required fields say so in words, and a date says how to write it. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row (f, "legal-given-name")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Required");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row (f, "date-of-birth")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Required · YYYY-MM-DD");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, "sex"))), ==,
                   "Required");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row (f, "upn")),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_number_and_lists (void)
{
  static const char * const setting_fields[] = { "name", "urn", NULL };
  static const char * const consent_fields[] = { "given-on", "scope", "agencies", NULL };
  Fixture fixture = { 0 }, *f = &fixture;
  GtkSpinButton *spin;
  GtkAdjustment *adjustment;
  GtkWidget *view;
  GtkWidget *check;
  guint n_agencies;

  /* A number is a spin button over the field's range, empty while unset. */
  open_form (f, PW_TYPE_SETTING, setting_fields);
  g_assert_true (ADW_IS_ACTION_ROW (row (f, "urn")));
  spin = GTK_SPIN_BUTTON (find_suffix_of_type (row (f, "urn"), GTK_TYPE_SPIN_BUTTON));
  adjustment = gtk_spin_button_get_adjustment (spin);
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 100000);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 999999);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpint (pw_record_get_int (f->record, "urn"), ==, 100001);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "100001");
  gtk_editable_set_text (GTK_EDITABLE (spin), "12ab");
  PW_UI_TEST_WAIT_FOR (shows_error (f, "urn"));
  assert_error_shown (f, "urn", "URN must be a whole number");
  pw_ui_test_destroy_window (f->window);
  g_assert_finalize_object (f->record);

  /* Paragraphs are a labelled text view; a list of codes is a check each. */
  open_form (f, PW_TYPE_CONSENT, consent_fields);
  view = pw_ui_test_find_type (row (f, "scope"), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_WORD_CHAR);
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (view)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "What may be shared");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "School reports to the speech and language therapist.", -1);
  g_assert_true (ADW_IS_EXPANDER_ROW (row (f, "agencies")));
  pw_codes_get (PW_CODES_AGENCY, &n_agencies);
  g_assert_cmpuint (count_of_type (row (f, "agencies"), GTK_TYPE_CHECK_BUTTON), ==, n_agencies);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "agencies"))), ==,
                   "Required");
  check = pw_ui_test_find_type (row (f, "agencies"), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpstr (pw_record_get_text (f->record, "agencies"),
                   ==, pw_codes_get (PW_CODES_AGENCY, NULL)[0].code);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "agencies"))), ==,
                   "Education setting");

  /* The typed paragraph reaches the record a moment after the last key. */
  PW_UI_TEST_WAIT_FOR (pw_record_is_set (f->record, "scope"));
  g_assert_cmpstr (pw_record_get_text (f->record, "scope"), ==,
                   "School reports to the speech and language therapist.");
  pw_ui_test_destroy_window (f->window);
  g_assert_finalize_object (f->record);
  pw_set_today (NULL);
}

static void
test_invalid_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *not_a_date = core_message (PW_TYPE_CHILD, "date-of-birth", "2015-02-30");
  g_autofree char *future = core_message (PW_TYPE_CHILD, "date-of-birth", "2027-01-01");

  g_assert_cmpstr (not_a_date, ==, "Date of birth must be a real date written YYYY-MM-DD");

  type_text (f, "date-of-birth", "2015-02-30");
  PW_UI_TEST_WAIT_FOR (shows_error (f, "date-of-birth"));
  assert_error_shown (f, "date-of-birth", not_a_date);

  type_text (f, "date-of-birth", "2027-01-01");
  PW_UI_TEST_WAIT_FOR (g_strcmp0 (gtk_label_get_text (error_label (f, "date-of-birth")),
                                  future) == 0);
  assert_error_shown (f, "date-of-birth", future);

  /* Fixing it takes the message away and puts the hint back. */
  type_text (f, "date-of-birth", "2015-03-01");
  PW_UI_TEST_WAIT_FOR (!shows_error (f, "date-of-birth"));
  assert_no_error_shown (f, "date-of-birth");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row (f, "date-of-birth")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Required · YYYY-MM-DD");
  g_assert_cmpstr (pw_record_get_text (f->record, "date-of-birth"), ==, "2015-03-01");
}

static void
test_invalid_upn (Fixture       *f,
                  gconstpointer  data)
{
  char letter = pw_upn_check_letter ("916200115001");
  g_autofree char *valid = g_strdup_printf ("%c916200115001", letter);
  g_autofree char *wrong = g_strdup_printf ("%c916200115001", letter == 'A' ? 'B' : 'A');
  g_autofree char *expected = core_message (PW_TYPE_CHILD, "upn", wrong);
  g_autofree char *too_short = core_message (PW_TYPE_CHILD, "upn", "A91620011");
  GtkWidget *text;

  g_assert_true (g_str_has_prefix (expected, "UPN check letter"));

  type_text (f, "upn", wrong);
  PW_UI_TEST_WAIT_FOR (shows_error (f, "upn"));
  assert_error_shown (f, "upn", expected);

  /* While typing, the text is what a screen reader is on. */
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row (f, "upn"))));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  type_text (f, "upn", valid);
  PW_UI_TEST_WAIT_FOR (!shows_error (f, "upn"));
  assert_no_error_shown (f, "upn");
  g_assert_cmpstr (pw_record_get_text (f->record, "upn"), ==, valid);

  /* Leaving the row checks it at once. */
  gtk_widget_grab_focus (row (f, "upn"));
  type_text (f, "upn", "A91620011");
  gtk_widget_grab_focus (row (f, "legal-given-name"));
  assert_error_shown (f, "upn", too_short);
}

/* Whether the form shows @message in a label of its own, outside every row. */
static gboolean
shows_form_message (Fixture    *f,
                    const char *message)
{
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (
                                                        GTK_WIDGET (f->form)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
        g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), message) == 0)
      return TRUE;
  return FALSE;
}

static void
test_apply_requires (Fixture       *f,
                     gconstpointer  data)
{
  AdwComboRow *sex = ADW_COMBO_ROW (row (f, "sex"));
  g_autoptr(GError) error = NULL;

  type_text (f, "legal-given-name", "Ada");
  type_text (f, "date-of-birth", "2015-03-01");
  adw_combo_row_set_selected (sex, 2);
  gtk_widget_grab_focus (row (f, "upn"));

  /* The missing last name is refused and focused; the rest is kept. */
  g_assert_false (pw_record_form_apply (f->form, &error));
  g_assert_error (error, PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Legal last name is required");
  assert_error_shown (f, "legal-family-name", "Legal last name is required");
  g_assert_true (pw_ui_test_has_focus (row (f, "legal-family-name")));
  g_assert_cmpstr (pw_record_get_text (f->record, "legal-given-name"), ==, "Ada");
  g_assert_cmpstr (pw_record_get_text (f->record, "sex"), ==, "F");

  /* The record's own SEN provision is not on this form: named at the top. */
  g_clear_error (&error);
  type_text (f, "legal-family-name", "Lovelace");
  g_assert_false (pw_record_form_apply (f->form, &error));
  g_assert_cmpstr (error->message, ==, "SEN provision is required");
  assert_no_error_shown (f, "legal-family-name");
  g_assert_true (shows_form_message (f, "SEN provision is required"));

  g_clear_error (&error);
  pw_record_set_text (f->record, "sen-provision", "K");
  g_assert_true (pw_record_form_apply (f->form, &error));
  g_assert_no_error (error);
}

static void
test_show_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) duplicate = g_error_new_literal (PW_RECORD_ERROR, PW_RECORD_ERROR_CONFLICT,
                                                     "Another child already has this UPN");
  g_autoptr(GError) level = g_error_new_literal (PW_RECORD_ERROR, PW_RECORD_ERROR_INVALID,
                                                 "Date of birth cannot be after the first "
                                                 "event in the child’s record (2015-01-01)");
  g_autoptr(GError) locked = g_error_new_literal (PW_RECORD_ERROR, PW_RECORD_ERROR_STATE,
                                                  "The store is locked; unlock it first");

  pw_record_form_show_error (f->form, duplicate);
  assert_error_shown (f, "upn", "Another child already has this UPN");
  g_assert_true (pw_ui_test_has_focus (row (f, "upn")));

  /* Most messages start with the label of their field. */
  pw_record_form_show_error (f->form, level);
  assert_error_shown (f, "date-of-birth", level->message);
  g_assert_true (pw_ui_test_has_focus (row (f, "date-of-birth")));

  pw_record_form_show_error (f->form, locked);
  g_assert_true (shows_form_message (f, locked->message));
}

static void
test_code_rows (Fixture       *f,
                gconstpointer  data)
{
  AdwComboRow *sex = ADW_COMBO_ROW (row (f, "sex"));
  AdwComboRow *year = ADW_COMBO_ROW (row (f, "year-group"));
  guint n_codes;
  const PwCode *codes = pw_codes_get (PW_CODES_SEX, &n_codes);

  /* Nothing is chosen for anyone: the list starts with "Not recorded". */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (sex)), ==, n_codes + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (sex), ==, 0);
  g_assert_cmpstr (combo_item_text (sex, 0), ==, "Not recorded");
  for (guint i = 0; i < n_codes; i++)
    {
      adw_combo_row_set_selected (sex, i + 1);
      g_assert_cmpstr (combo_item_text (sex, i + 1), ==, codes[i].label);
      g_assert_cmpstr (pw_record_get_text (f->record, "sex"), ==, codes[i].code);
      assert_no_error_shown (f, "sex");
    }

  /* Back to "Not recorded": a required code says so at once. */
  adw_combo_row_set_selected (sex, 0);
  g_assert_false (pw_record_is_set (f->record, "sex"));
  assert_error_shown (f, "sex", "Sex is required");

  /* An optional one does not mind. */
  adw_combo_row_set_selected (year, 3);
  g_assert_cmpstr (combo_item_text (year, 3), ==, "Reception");
  g_assert_cmpstr (pw_record_get_text (f->record, "year-group"), ==, "R");
  adw_combo_row_set_selected (year, 0);
  g_assert_false (pw_record_is_set (f->record, "year-group"));
  assert_no_error_shown (f, "year-group");
}

static void
test_code_row_shows_value (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);
  g_autoptr(GtkWidget) form = NULL;

  pw_record_set_text (child, "year-group", "7");
  pw_record_set_text (child, "legal-given-name", "Grace");
  form = g_object_ref_sink (pw_record_form_new (child, child_fields));
  f->form = PW_RECORD_FORM (form);
  f->record = child;

  g_assert_cmpstr (combo_item_text (ADW_COMBO_ROW (row (f, "year-group")),
                                    adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "year-group")))),
                   ==, "Year 7");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "legal-given-name"))), ==,
                   "Grace");
}

static void
test_ref_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = pw_ui_test_new_path ("refs.pathway");
  g_autoptr(PwStore) store = pw_ui_test_create_store (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCaseload) caseload = pw_caseload_new (store, &error);
  g_autoptr(GListStore) settings = g_list_store_new (PW_TYPE_SETTING);
  AdwComboRow *combo = ADW_COMBO_ROW (row (f, "setting-id"));
  const char *names[] = { "Brook Primary", "Hill Academy" };
  gint64 ids[G_N_ELEMENTS (names)];

  g_assert_no_error (error);
  pw_caseload_set_actor (caseload, "Test");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PwRecord) setting = NULL;

      ids[i] = pw_caseload_ensure_setting (caseload, names[i], &error);
      setting = pw_caseload_load (caseload, PW_TYPE_SETTING, ids[i], &error);
      g_assert_no_error (error);
      g_list_store_append (settings, setting);
    }

  pw_record_set_int (f->record, "setting-id", ids[1]);
  pw_record_form_set_ref_model (f->form, "setting-id", G_LIST_MODEL (settings));

  /* The row shows names, starts at the record's own, and stores ids. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, 3);
  g_assert_cmpstr (combo_item_text (combo, 0), ==, "Not recorded");
  g_assert_cmpstr (combo_item_text (combo, 1), ==, "Brook Primary");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 2);
  adw_combo_row_set_selected (combo, 1);
  g_assert_cmpint (pw_record_get_int (f->record, "setting-id"), ==, ids[0]);
  adw_combo_row_set_selected (combo, 0);
  g_assert_false (pw_record_is_set (f->record, "setting-id"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  pw_ui_test_init (&argc, &argv);

  ADD ("/pw/record-form/rows-by-kind", test_rows_by_kind);
  g_test_add_func ("/pw/record-form/number-and-lists", test_number_and_lists);
  ADD ("/pw/record-form/invalid-date", test_invalid_date);
  ADD ("/pw/record-form/invalid-upn", test_invalid_upn);
  ADD ("/pw/record-form/apply-requires", test_apply_requires);
  ADD ("/pw/record-form/show-error", test_show_error);
  ADD ("/pw/record-form/code-rows", test_code_rows);
  g_test_add_func ("/pw/record-form/code-row-shows-value", test_code_row_shows_value);
  ADD ("/pw/record-form/ref-rows", test_ref_rows);

  return pw_ui_test_run ();
}
