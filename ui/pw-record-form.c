/* pw-record-form.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwRecordForm: the form through which a record is added or edited.
 *
 * Given a record and the names of the fields to show, the form builds a row
 * per field from the field's type (an entry for text and dates, a spin
 * button for numbers, a switch for yes/no, a combo of labels for codes,
 * check buttons for lists of codes, a combo of records for references) and
 * a framed text view for paragraphs.  The core alone decides what is valid:
 * a little after the user stops typing, or when the focus leaves a changed
 * row, the form parses the row into the record (pw_record_parse_field) and
 * checks it (pw_record_check_field), and shows the core's message under
 * the row, in the error style and as the row's accessible description.
 *
 * A message goes in a row of its own under the field, so that it reads as
 * part of the list.  That row is insensitive: a list box moves the focus
 * only between sensitive rows, and the keyboard should not stop on a
 * message.  Required fields say so in words, not only in colour.
 */

#define G_LOG_DOMAIN "pw-record-form"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-record-form.h"

#define PENDING_MSEC 300

typedef struct
{
  PwRecordForm  *form;
  const PwField *field;
  GtkWidget     *row;          /* the list row, or the block of a paragraph field */
  GtkWidget     *input;        /* what takes the focus and holds the value */
  GtkWidget     *error_row;    /* the list row around error_label; NULL for paragraphs */
  GtkLabel      *error_label;
  GPtrArray     *checks;       /* CODES: a check button per code, in table order */
  GListStore    *ref_parts;    /* REF: the "Not recorded" item, then the caller's records */
  char          *hint;         /* the description while there is no error */
  guint          pending_id;
  gboolean       empty;        /* INT: the spin button shows no number */
} FormField;

struct _PwRecordForm
{
  AdwBin     parent_instance;

  PwRecord  *record;
  GPtrArray *fields;
  GtkBox    *box;
  GtkLabel  *form_error;
  gboolean   loading;
};

G_DEFINE_FINAL_TYPE (PwRecordForm, pw_record_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
form_field_free (FormField *f)
{
  g_clear_handle_id (&f->pending_id, g_source_remove);
  g_clear_pointer (&f->checks, g_ptr_array_unref);
  g_clear_object (&f->ref_parts);
  g_free (f->hint);
  g_free (f);
}

/* Helpers ---------------------------------------------------------------------- */

static const char *
field_label (FormField *f)
{
  return _(f->field->label);
}

static gboolean
is_required (FormField *f)
{
  return (f->field->flags & PW_FIELD_REQUIRED) != 0;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
set_description (GtkWidget  *widget,
                 const char *description)
{
  if (widget == NULL)
    return;
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The row, the widget in it that takes the focus, and for an entry the text
 * inside it, which is what a screen reader is on while the user types. */
static void
describe_field (FormField  *f,
                const char *description)
{
  set_description (f->row, description);
  if (f->input != f->row)
    set_description (f->input, description);
  if (ADW_IS_ENTRY_ROW (f->input))
    set_description (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (f->input))),
                     description);
}

/* "Required", and how to write a date: shown beside the field and read
 * with it. */
static char *
build_hint (const PwField *field)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_null_terminated (2, NULL, TRUE);

  if ((field->flags & PW_FIELD_REQUIRED) != 0)
    g_ptr_array_add (parts, (gpointer) _("Required"));
  /* TRANSLATORS: how to write a date in a form; the core reads only this order */
  if (field->type == PW_FIELD_DATE)
    g_ptr_array_add (parts, (gpointer) _("YYYY-MM-DD"));
  if (parts->len == 0)
    return NULL;
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
new_hint_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  return label;
}

/* Showing messages ------------------------------------------------------------- */

static void
field_show_error (FormField  *f,
                  const char *message)
{
  gboolean failed = message != NULL;

  gtk_label_set_text (f->error_label, failed ? message : "");
  gtk_widget_set_visible (f->error_row != NULL ? f->error_row : GTK_WIDGET (f->error_label),
                          failed);
  set_css_class (f->row, "error", failed);
  describe_field (f, failed ? message : f->hint);
}

static void
field_focus (FormField *f)
{
  if (!gtk_widget_grab_focus (f->input))
    gtk_widget_child_focus (f->row, GTK_DIR_TAB_FORWARD);
}

static void
show_form_error (PwRecordForm *self,
                 const char   *message)
{
  gtk_label_set_text (self->form_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), message != NULL);
}

/* Whether @message is about the field called @label: it starts with the
 * label, as the core's messages do ("UPN must be 13 characters"), or, for
 * a few messages about another record, ends with it ("Another child
 * already has this UPN"). */
static gboolean
message_starts_with (const char *message,
                     const char *label)
{
  gsize len = strlen (label);

  return g_str_has_prefix (message, label) && (message[len] == '\0' || message[len] == ' ');
}

static gboolean
message_ends_with (const char *message,
                   const char *label)
{
  gsize len = strlen (label);
  gsize message_len = strlen (message);

  return g_str_has_suffix (message, label) &&
         (message_len == len || message[message_len - len - 1] == ' ');
}

static FormField *
find_field_named_by (PwRecordForm *self,
                     const char   *message,
                     gboolean    (*names) (const char *, const char *))
{
  FormField *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = g_ptr_array_index (self->fields, i);
      gsize len = strlen (field_label (f));

      if (len > best_len && names (message, field_label (f)))
        best = f, best_len = len;
    }
  return best;
}

static FormField *
find_field (PwRecordForm *self,
            const char   *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = g_ptr_array_index (self->fields, i);

      if (strcmp (f->field->name, name) == 0)
        return f;
    }
  return NULL;
}

/* Reading a row into the record ------------------------------------------------ */

static char *
dup_prose_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_code_text (FormField *f)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->input));
  guint n_codes;
  const PwCode *codes = pw_codes_get (f->field->codes, &n_codes);

  /* The first item is "Not recorded". */
  if (selected == 0 || selected > n_codes)
    return g_strdup ("");
  return g_strdup (codes[selected - 1].code);
}

static char *
dup_codes_text (FormField *f)
{
  const PwCode *codes = pw_codes_get (f->field->codes, NULL);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_null_terminated (f->checks->len, NULL, TRUE);

  for (guint i = 0; i < f->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (f->checks, i)))
      g_ptr_array_add (chosen, (gpointer) codes[i].code);
  return g_strjoinv (",", (char **) chosen->pdata);
}

static char *
dup_ref_text (FormField *f)
{
  gpointer item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (f->input));

  if (!PW_IS_RECORD (item))
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT, pw_record_get_id (item));
}

/* The value of the row as pw_record_parse_field() reads it; "" for none. */
static char *
dup_input_text (FormField *f)
{
  switch (f->field->type)
    {
    case PW_FIELD_PROSE:
      return dup_prose_text (GTK_TEXT_VIEW (f->input));
    case PW_FIELD_INT:
      return g_strdup (f->empty ? "" : gtk_editable_get_text (GTK_EDITABLE (f->input)));
    case PW_FIELD_BOOL:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (f->input)) ? "yes" : "no");
    case PW_FIELD_CODE:
      return dup_code_text (f);
    case PW_FIELD_CODES:
      return dup_codes_text (f);
    case PW_FIELD_REF:
      return dup_ref_text (f);
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->input)));
    }
}

/* Parses the row into the record and checks it, showing the outcome. */
static gboolean
field_commit (FormField  *f,
              GError    **error)
{
  PwRecord *record = f->form->record;
  g_autofree char *text = dup_input_text (f);
  g_autoptr(GError) local = NULL;
  gboolean ok = TRUE;

  g_clear_handle_id (&f->pending_id, g_source_remove);
  /* Text is trimmed by the core; numbers, flags and references are not text. */
  if (*text == '\0')
    pw_record_unset (record, f->field->name);
  else
    ok = pw_record_parse_field (record, f->field->name, text, &local);
  ok = ok && pw_record_check_field (record, f->field->name, &local);

  field_show_error (f, ok ? NULL : local->message);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_pending_cb (gpointer data)
{
  FormField *f = data;

  f->pending_id = 0;
  field_commit (f, NULL);
}

/* Typing: check a little after the last key. */
static void
on_field_edited_cb (FormField *f)
{
  if (f->form->loading)
    return;

  g_clear_handle_id (&f->pending_id, g_source_remove);
  f->pending_id = g_timeout_add_once (PENDING_MSEC, on_pending_cb, f);
}

/* Choosing: check at once. */
static void
on_field_chosen_cb (FormField *f)
{
  if (!f->form->loading)
    field_commit (f, NULL);
}

/* Leaving a row that was typed in: check now rather than later. */
static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   FormField               *f)
{
  if (f->pending_id != 0 && !f->form->loading)
    field_commit (f, NULL);
}

static void
watch_focus_leave (FormField *f,
                   GtkWidget *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), f);
  gtk_widget_add_controller (widget, controller);
}

/* An INT field may be empty: the spin button then shows no number. */
static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  FormField     *f)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  f->empty = *text == '\0';
  if (!f->empty)
    return FALSE;
  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin,
                   FormField     *f)
{
  gboolean loading = f->form->loading;

  if (!f->empty)
    return FALSE;
  /* Not the user's typing: nothing to check. */
  f->form->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  f->form->loading = loading;
  return TRUE;
}

/* The arrows give an empty spin button a number. */
static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          FormField     *f)
{
  g_autofree char *text = NULL;

  if (f->empty && !f->form->loading)
    {
      f->empty = FALSE;
      text = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
    }
  on_field_chosen_cb (f);
}

static void
on_check_toggled_cb (FormField *f)
{
  g_autofree char *text = dup_codes_text (f);
  g_auto(GStrv) codes = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_null_terminated (4, NULL, TRUE);

  for (guint i = 0; codes[i] != NULL && *codes[i] != '\0'; i++)
    g_ptr_array_add (labels, (gpointer) pw_codes_label (f->field->codes, codes[i]));
  if (labels->len > 0)
    {
      g_autofree char *summary = g_strjoinv (", ", (char **) labels->pdata);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (f->row), summary);
    }
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (f->row),
                                   is_required (f) ? _("Required") : _("None chosen"));
  on_field_chosen_cb (f);
}

static char *
dup_item_name (GObject *item)
{
  PwRecordClass *klass;

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  if (!PW_IS_RECORD (item))
    return g_strdup ("");
  klass = PW_RECORD_GET_CLASS (item);
  if (pw_record_class_find_field (klass, "name") != NULL)
    return g_strdup (pw_record_get_text (PW_RECORD (item), "name"));
  return g_strdup (pw_record_get_uuid (PW_RECORD (item)));
}

/* Building rows ---------------------------------------------------------------- */

/* Enter on a focused row opens or turns it, as Space does; otherwise the
 * window would send the form from the middle of it.  Enter in a text field
 * still sends it.  An expander row takes the focus on its header row. */
static void
take_enter (GtkWidget *row)
{
  gtk_widget_set_receives_default (row, TRUE);
  if (!ADW_IS_EXPANDER_ROW (row))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_first_child (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      {
        gtk_widget_set_receives_default (child, TRUE);
        return;
      }
}

static FormField *
form_field_new (PwRecordForm  *self,
                const PwField *field)
{
  FormField *f = g_new0 (FormField, 1);

  f->form = self;
  f->field = field;
  f->hint = build_hint (field);
  g_ptr_array_add (self->fields, f);
  return f;
}

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
add_error_row (FormField  *f,
               GtkListBox *list)
{
  GtkWidget *label = new_error_label ();
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_sensitive (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_add_css_class (row, "field-error");
  gtk_list_box_append (list, row);
  f->error_row = row;
  f->error_label = GTK_LABEL (label);
}

static void
set_row_title (GtkWidget *row,
               FormField *f)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (f));
}

static void
build_entry_row (FormField *f)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *value = pw_record_format_field (f->form->record, f->field->name);

  set_row_title (row, f);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  if ((f->field->flags & PW_FIELD_UPN) != 0)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_UPPERCASE_CHARS |
                                                        GTK_INPUT_HINT_NO_SPELLCHECK);
  if ((f->field->flags & PW_FIELD_NHS) != 0 || f->field->type == PW_FIELD_DATE)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
  if (f->hint != NULL)
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), new_hint_label (f->hint));
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_edited_cb), f);
  f->row = f->input = row;
}

static void
build_action_row (FormField *f)
{
  GtkWidget *row = adw_action_row_new ();

  set_row_title (row, f);
  if (f->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->hint);
  f->row = row;
}

static void
build_spin_row (FormField *f)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (f->field->min, f->field->max, 1);
  PwRecord *record = f->form->record;

  build_action_row (f);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field_label (f), -1);
  f->empty = !pw_record_is_set (record, f->field->name);
  if (!f->empty)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                               (double) pw_record_get_int (record, f->field->name));
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input_cb), f);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), f);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), f);
  g_signal_connect_swapped (spin, "changed", G_CALLBACK (on_field_edited_cb), f);
  adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f->row), spin);
  f->input = spin;
  if (f->empty)
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
}

static void
build_switch_row (FormField *f)
{
  GtkWidget *toggle = gtk_switch_new ();

  build_action_row (f);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field_label (f), -1);
  gtk_switch_set_active (GTK_SWITCH (toggle),
                         pw_record_get_int (f->form->record, f->field->name) != 0);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_field_chosen_cb), f);
  adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f->row), toggle);
  f->input = toggle;
}

static void
build_combo_row (FormField *f)
{
  GtkWidget *row = adw_combo_row_new ();

  set_row_title (row, f);
  if (f->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->hint);
  f->row = f->input = row;
}

/* Every code list starts with "Not recorded", required or not, so that a
 * new record never takes the first code by default without anyone choosing
 * it. */
static void
build_code_row (FormField *f)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *value = pw_record_get_text (f->form->record, f->field->name);
  guint n_codes;
  const PwCode *codes = pw_codes_get (f->field->codes, &n_codes);
  guint selected = 0;

  build_combo_row (f);
  gtk_string_list_append (labels, _("Not recorded"));
  for (guint i = 0; i < n_codes; i++)
    {
      gtk_string_list_append (labels, _(codes[i].label));
      if (g_strcmp0 (value, codes[i].code) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), selected);
  g_signal_connect_swapped (f->row, "notify::selected", G_CALLBACK (on_field_chosen_cb), f);
}

static void
build_ref_row (FormField *f)
{
  g_autoptr(GListStore) none = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GtkStringObject) not_recorded = gtk_string_object_new (_("Not recorded"));
  g_autoptr(GListStore) records = g_list_store_new (PW_TYPE_RECORD);
  g_autoptr(GtkFlattenListModel) items = NULL;
  GtkExpression *name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                     G_CALLBACK (dup_item_name), NULL, NULL);

  build_combo_row (f);
  g_list_store_append (none, not_recorded);
  f->ref_parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (f->ref_parts, none);
  g_list_store_append (f->ref_parts, records);
  items = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (f->ref_parts)));
  adw_combo_row_set_expression (ADW_COMBO_ROW (f->row), name);
  adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (items));
  gtk_expression_unref (name);
  g_signal_connect_swapped (f->row, "notify::selected", G_CALLBACK (on_field_chosen_cb), f);
}

static GtkWidget *
new_check_row (FormField    *f,
               const PwCode *code,
               gboolean      active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(code->label));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(code->label), -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled_cb), f);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  take_enter (row);
  g_ptr_array_add (f->checks, check);
  return row;
}

static void
build_codes_row (FormField *f)
{
  GtkWidget *row = adw_expander_row_new ();
  const char *value = pw_record_get_text (f->form->record, f->field->name);
  g_auto(GStrv) chosen = g_strsplit (value != NULL ? value : "", ",", -1);
  guint n_codes;
  const PwCode *codes = pw_codes_get (f->field->codes, &n_codes);

  set_row_title (row, f);
  f->row = f->input = row;
  f->checks = g_ptr_array_new ();
  for (guint i = 0; i < n_codes; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_check_row (f, &codes[i],
                                             g_strv_contains ((const char * const *) chosen,
                                                              codes[i].code)));
  on_check_toggled_cb (f);
}

static GtkWidget *
new_prose_header (FormField *f)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (field_label (f));

  /* In line with the titles and messages of the rows around it. */
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), f->input);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  if (f->hint != NULL)
    gtk_box_append (GTK_BOX (header), new_hint_label (f->hint));
  return header;
}

static void
build_prose_block (FormField *f)
{
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  const char *value = pw_record_get_text (f->form->record, f->field->name);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  f->row = block;
  f->input = view;
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field_label (f), -1);
  gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_field_edited_cb), f);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "prose-frame");
  f->error_label = GTK_LABEL (new_error_label ());
  gtk_widget_set_margin_start (GTK_WIDGET (f->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (f->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (f->error_label), FALSE);
  gtk_box_append (GTK_BOX (block), new_prose_header (f));
  gtk_box_append (GTK_BOX (block), frame);
  gtk_box_append (GTK_BOX (block), GTK_WIDGET (f->error_label));
  watch_focus_leave (f, view);
}

static void
build_row (FormField *f)
{
  switch (f->field->type)
    {
    case PW_FIELD_INT:
      build_spin_row (f);
      break;
    case PW_FIELD_BOOL:
      build_switch_row (f);
      break;
    case PW_FIELD_CODE:
      build_code_row (f);
      break;
    case PW_FIELD_CODES:
      build_codes_row (f);
      break;
    case PW_FIELD_REF:
      build_ref_row (f);
      break;
    default:
      build_entry_row (f);
      break;
    }
  watch_focus_leave (f, f->row);
  describe_field (f, f->hint);
  if (!ADW_IS_ENTRY_ROW (f->row))
    take_enter (f->row);
}

static const PwField *
lookup_field (PwRecordForm *self,
              const char   *name)
{
  const PwField *field = pw_record_class_find_field (PW_RECORD_GET_CLASS (self->record), name);

  if (field == NULL || (field->flags & PW_FIELD_DERIVED) != 0)
    g_critical ("%s has no field “%s” that a form can set", G_OBJECT_TYPE_NAME (self->record),
                name);
  else if (find_field (self, name) != NULL)
    g_critical ("The form already shows “%s”", name);
  else
    return field;
  return NULL;
}

/* Paragraphs stand on their own between lists of rows. */
static void
add_field (PwRecordForm  *self,
           GtkBox        *section,
           GtkWidget    **list,
           const PwField *field)
{
  FormField *f = form_field_new (self, field);

  if (field->type == PW_FIELD_PROSE)
    {
      build_prose_block (f);
      gtk_box_append (section, f->row);
      describe_field (f, f->hint);
      *list = NULL;
      return;
    }
  if (*list == NULL)
    {
      *list = new_list ();
      gtk_box_append (section, *list);
    }
  build_row (f);
  gtk_list_box_append (GTK_LIST_BOX (*list), f->row);
  add_error_row (f, GTK_LIST_BOX (*list));
}

static GtkWidget *
new_section (const char *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label;

  if (title == NULL)
    return section;
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (section), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (section), label);
  return section;
}

static void
select_ref (FormField *f)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (f->input));
  gint64 id = pw_record_get_int (f->form->record, f->field->name);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (id != 0 && PW_IS_RECORD (item) && pw_record_get_id (PW_RECORD (item)) == id)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (f->input), i);
          return;
        }
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (f->input), 0);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_record_form_dispose (GObject *object)
{
  PwRecordForm *self = PW_RECORD_FORM (object);

  /* The widgets go first; the fields their handlers point to, after. */
  self->loading = TRUE;
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (pw_record_form_parent_class)->dispose (object);
}

static void
pw_record_form_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwRecordForm *self = PW_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_record_form_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwRecordForm *self = PW_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_record_form_class_init (PwRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_record_form_dispose;
  object_class->get_property = pw_record_form_get_property;
  object_class->set_property = pw_record_form_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_record_form_init (PwRecordForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) form_field_free);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  self->form_error = GTK_LABEL (new_error_label ());
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  gtk_box_append (self->box, GTK_WIDGET (self->form_error));
  gtk_widget_add_css_class (GTK_WIDGET (self), "record-form");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_record_form_new:
 * @record: the record to edit; the form writes into it as the user types
 * @fields: (nullable) (array zero-terminated=1): the names of the fields
 *   to show, in order
 *
 * Returns: (transfer floating): a new form
 */
GtkWidget *
pw_record_form_new (PwRecord           *record,
                    const char * const *fields)
{
  PwRecordForm *self;

  g_return_val_if_fail (PW_IS_RECORD (record), NULL);

  self = g_object_new (PW_TYPE_RECORD_FORM, "record", record, NULL);
  if (fields != NULL)
    pw_record_form_add_section (self, NULL, fields);
  return GTK_WIDGET (self);
}

/**
 * pw_record_form_get_record:
 *
 * Returns: (transfer none): the record the form edits
 */
PwRecord *
pw_record_form_get_record (PwRecordForm *self)
{
  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  return self->record;
}

/**
 * pw_record_form_add_section:
 * @title: (nullable): a heading for the fields
 * @fields: (array zero-terminated=1): the names of the fields to show
 *
 * Adds the rows of more fields, under their own heading.
 */
void
pw_record_form_add_section (PwRecordForm       *self,
                            const char         *title,
                            const char * const *fields)
{
  GtkWidget *section;
  GtkWidget *list = NULL;

  g_return_if_fail (PW_IS_RECORD_FORM (self));
  g_return_if_fail (fields != NULL);

  section = new_section (title);
  self->loading = TRUE;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const PwField *field = lookup_field (self, fields[i]);

      if (field != NULL)
        add_field (self, GTK_BOX (section), &list, field);
    }
  self->loading = FALSE;
  gtk_box_append (self->box, section);
}

/**
 * pw_record_form_set_ref_model:
 * @field: a REF field the form shows
 * @model: a #GListModel of #PwRecord to choose from
 *
 * Lists @model, by name, in the row of @field, after "Not recorded".
 */
void
pw_record_form_set_ref_model (PwRecordForm *self,
                              const char   *field,
                              GListModel   *model)
{
  FormField *f;

  g_return_if_fail (PW_IS_RECORD_FORM (self));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  f = find_field (self, field);
  g_return_if_fail (f != NULL && f->field->type == PW_FIELD_REF);

  self->loading = TRUE;
  g_list_store_splice (f->ref_parts, 1, 1, (gpointer *) &model, 1);
  select_ref (f);
  self->loading = FALSE;
}

/**
 * pw_record_form_get_row:
 *
 * Returns: (transfer none) (nullable): the row of @field: an #AdwPreferencesRow,
 *   or for a paragraph field a box holding its label and text view
 */
GtkWidget *
pw_record_form_get_row (PwRecordForm *self,
                        const char   *field)
{
  FormField *f;

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  f = find_field (self, field);
  return f != NULL ? f->row : NULL;
}

/**
 * pw_record_form_focus_first:
 *
 * Puts the focus in the first field.
 *
 * Returns: whether there was a field to focus
 */
gboolean
pw_record_form_focus_first (PwRecordForm *self)
{
  g_return_val_if_fail (PW_IS_RECORD_FORM (self), FALSE);

  if (self->fields->len == 0)
    return FALSE;
  field_focus (g_ptr_array_index (self->fields, 0));
  return TRUE;
}

/**
 * pw_record_form_apply:
 *
 * Reads every row into the record and checks each, then the record as a
 * whole (pw_record_validate()).  Every row that breaks a rule shows why;
 * the focus goes to the first.
 *
 * Returns: whether the record is ready to save
 */
gboolean
pw_record_form_apply (PwRecordForm  *self,
                      GError       **error)
{
  FormField *first = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), FALSE);

  show_form_error (self, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = g_ptr_array_index (self->fields, i);

      if (!field_commit (f, first == NULL ? &first_error : NULL) && first == NULL)
        first = f;
    }
  if (first != NULL)
    {
      field_focus (first);
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  if (pw_record_validate (self->record, &local))
    return TRUE;
  pw_record_form_show_error (self, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/**
 * pw_record_form_show_error:
 * @error: why the record was refused, such as an error of pw_caseload_save()
 *
 * Shows @error under the row of the field it names, and focuses that row;
 * an error about no field on the form shows at the top of the form.
 */
void
pw_record_form_show_error (PwRecordForm *self,
                           const GError *error)
{
  FormField *f;

  g_return_if_fail (PW_IS_RECORD_FORM (self));
  g_return_if_fail (error != NULL);

  f = find_field_named_by (self, error->message, message_starts_with);
  if (f == NULL)
    f = find_field_named_by (self, error->message, message_ends_with);
  if (f == NULL)
    {
      show_form_error (self, error->message);
      return;
    }
  show_form_error (self, NULL);
  field_show_error (f, error->message);
  field_focus (f);
}
