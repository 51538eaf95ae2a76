/* pw-cycle-item-dialog.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog in which a record of an APDR cycle is added or changed: an
 * outcome, a provision, a session of a provision, or the rating of an
 * outcome at the review.
 *
 * The kind of record decides the title, the fields of the PwRecordForm and
 * the words of the button.  A provision also says which outcome it serves,
 * chosen by the outcome's words rather than by a number.  Saving checks the
 * form and saves through the caseload, which applies the rules of the
 * cycle's stage; a refusal shows at the row it is about, or above the form,
 * and nothing is saved.  Once saved, ::saved hands the record on and the
 * dialog closes (see PwFormDialog).
 */

#define G_LOG_DOMAIN "pw-cycle-item-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-cycle-item-dialog.h"

/* The words of an outcome shown in the list of a provision's outcome. */
#define OUTCOME_CHARS 60

struct _PwCycleItemDialog
{
  PwFormDialog  parent_instance;

  PwRecord     *record;
  char         *context;
  GArray       *outcome_ids;    /* for a provision: the outcome of each item after the first */

  GtkWidget    *context_box;
  GtkLabel     *context_label;
  GtkLabel     *detail_label;
  GtkBox       *form_box;
  GtkButton    *save_button;
  GtkWidget    *outcome_list;
  AdwComboRow  *outcome_row;
};

G_DEFINE_FINAL_TYPE (PwCycleItemDialog, pw_cycle_item_dialog, PW_TYPE_FORM_DIALOG)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const outcome_fields[] = {
  "description", "success-criteria", "target-date", NULL
};

static const char * const provision_fields[] = {
  "intervention", "frequency", "delivered-by", "start-date", "end-date", NULL
};

static const char * const session_fields[] = {
  "date", "delivered-by", "attended", "engagement", "notes", NULL
};

static const char * const rating_fields[] = {
  "progress", "evidence", NULL
};

typedef struct
{
  const char        *add_title;
  const char        *edit_title;
  const char        *add_label;
  const char        *add_tooltip;
  const char * const *fields;
} ItemKind;

static const ItemKind *
kind_of (PwRecord *record)
{
  static const ItemKind outcome = {
    N_("Add an outcome"), N_("Edit the outcome"), N_("_Add"), N_("Add the outcome to the plan"),
    outcome_fields,
  };
  static const ItemKind provision = {
    N_("Add provision"), N_("Edit the provision"), N_("_Add"), N_("Add the provision to the plan"),
    provision_fields,
  };
  static const ItemKind session = {
    N_("Log a session"), N_("Edit the session"), N_("_Log"), N_("Add the session to the log"),
    session_fields,
  };
  static const ItemKind rating = {
    N_("Rate the outcome"), N_("Change the rating"), N_("_Rate"),
    N_("Record the progress made towards the outcome"), rating_fields,
  };

  if (PW_IS_OUTCOME (record))
    return &outcome;
  if (PW_IS_PROVISION (record))
    return &provision;
  if (PW_IS_SESSION (record))
    return &session;
  if (PW_IS_RATING (record))
    return &rating;
  return NULL;
}

/* The outcome a provision serves ------------------------------------------------ */

static char *
outcome_choice_label (PwRecord *outcome,
                      guint     number)
{
  const char *text = pw_record_get_text (outcome, "description");
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;

  if (text == NULL)
    text = "";
  line = g_strndup (text, strcspn (text, "\n"));
  if (g_utf8_strlen (line, -1) > OUTCOME_CHARS)
    {
      g_autofree char *start = g_utf8_substring (line, 0, OUTCOME_CHARS - 1);

      shown = g_strconcat (g_strchomp (start), "…", NULL);
    }
  /* TRANSLATORS: the number of an outcome in its plan, then its words */
  return g_strdup_printf (_("%u. %s"), number, shown != NULL ? shown : line);
}

static GListModel *
load_outcomes (PwCycleItemDialog *self)
{
  g_autoptr(GError) error = NULL;
  PwCaseload *caseload = pw_form_dialog_get_caseload (PW_FORM_DIALOG (self));
  GListModel *outcomes = pw_caseload_list (caseload, PW_TYPE_OUTCOME, "cycle-id",
                                           pw_record_get_int (self->record, "cycle-id"), &error);

  if (outcomes != NULL)
    return outcomes;
  g_warning ("Could not list the outcomes of the cycle: %s", error->message);
  return G_LIST_MODEL (g_list_store_new (PW_TYPE_OUTCOME));
}

static void
pw_cycle_item_dialog_build_outcome_row (PwCycleItemDialog *self)
{
  g_autoptr(GListModel) outcomes = load_outcomes (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 linked = pw_record_get_int (self->record, "outcome-id");
  guint selected = 0;

  self->outcome_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (labels, _("Not linked"));
  for (guint i = 0; i < g_list_model_get_n_items (outcomes); i++)
    {
      g_autoptr(PwRecord) outcome = g_list_model_get_item (outcomes, i);
      g_autofree char *label = outcome_choice_label (outcome, i + 1);
      gint64 id = pw_record_get_id (outcome);

      gtk_string_list_append (labels, label);
      g_array_append_val (self->outcome_ids, id);
      if (id == linked)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->outcome_row, selected);
  gtk_widget_set_visible (self->outcome_list, TRUE);
}

static void
pw_cycle_item_dialog_read_outcome (PwCycleItemDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  if (selected == 0 || selected > self->outcome_ids->len)
    pw_record_set_int (self->record, "outcome-id", 0);
  else
    pw_record_set_int (self->record, "outcome-id",
                       g_array_index (self->outcome_ids, gint64, selected - 1));
}

/* PwFormDialog ----------------------------------------------------------------- */

static gboolean
pw_cycle_item_dialog_check (PwFormDialog *dialog)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (dialog);

  if (self->outcome_ids != NULL)
    pw_cycle_item_dialog_read_outcome (self);
  return PW_FORM_DIALOG_CLASS (pw_cycle_item_dialog_parent_class)->check (dialog);
}

/* GObject ---------------------------------------------------------------------- */

/* The first line of the context as a heading, the rest under it. */
static void
pw_cycle_item_dialog_show_context (PwCycleItemDialog *self)
{
  g_auto(GStrv) lines = g_strsplit (self->context != NULL ? self->context : "", "\n", 2);

  gtk_label_set_label (self->context_label, lines[0] != NULL ? lines[0] : "");
  gtk_label_set_label (self->detail_label, lines[0] != NULL && lines[1] != NULL ? lines[1] : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label),
                          lines[0] != NULL && lines[1] != NULL);
  gtk_widget_set_visible (self->context_box, self->context != NULL);
}

static void
pw_cycle_item_dialog_build (PwCycleItemDialog *self)
{
  const ItemKind *kind = kind_of (self->record);
  gboolean is_new = pw_record_get_id (self->record) == 0;
  PwRecordForm *form;

  g_return_if_fail (kind != NULL);

  gtk_window_set_title (GTK_WINDOW (self), _(is_new ? kind->add_title : kind->edit_title));
  gtk_button_set_label (self->save_button, is_new ? _(kind->add_label) : _("_Save"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               is_new ? _(kind->add_tooltip) : _("Save the changes"));
  pw_cycle_item_dialog_show_context (self);

  form = PW_RECORD_FORM (pw_record_form_new (self->record, kind->fields));
  gtk_box_insert_child_after (self->form_box, GTK_WIDGET (form), self->context_box);
  pw_form_dialog_set_form (PW_FORM_DIALOG (self), form);
  if (PW_IS_PROVISION (self->record))
    pw_cycle_item_dialog_build_outcome_row (self);
  pw_record_form_focus_first (form);
}

static void
pw_cycle_item_dialog_constructed (GObject *object)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (object);

  G_OBJECT_CLASS (pw_cycle_item_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->record != NULL);

  pw_cycle_item_dialog_build (self);
}

static void
pw_cycle_item_dialog_dispose (GObject *object)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CYCLE_ITEM_DIALOG);
  g_clear_object (&self->record);
  g_clear_pointer (&self->outcome_ids, g_array_unref);

  G_OBJECT_CLASS (pw_cycle_item_dialog_parent_class)->dispose (object);
}

static void
pw_cycle_item_dialog_finalize (GObject *object)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (object);

  g_free (self->context);

  G_OBJECT_CLASS (pw_cycle_item_dialog_parent_class)->finalize (object);
}

static void
pw_cycle_item_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_CONTEXT:
      g_value_set_string (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_cycle_item_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PwCycleItemDialog *self = PW_CYCLE_ITEM_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_cycle_item_dialog_class_init (PwCycleItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwFormDialogClass *dialog_class = PW_FORM_DIALOG_CLASS (klass);

  object_class->constructed = pw_cycle_item_dialog_constructed;
  object_class->dispose = pw_cycle_item_dialog_dispose;
  object_class->finalize = pw_cycle_item_dialog_finalize;
  object_class->get_property = pw_cycle_item_dialog_get_property;
  object_class->set_property = pw_cycle_item_dialog_set_property;

  dialog_class->check = pw_cycle_item_dialog_check;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTEXT] =
    g_param_spec_string ("context", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-cycle-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, context_box);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, context_label);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, PwCycleItemDialog, outcome_row);
}

static void
pw_cycle_item_dialog_init (PwCycleItemDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_cycle_item_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @caseload: the caseload to save in
 * @record: a new or stored outcome, provision, session or rating, with the
 *   child and what it belongs to set; the dialog edits it in place
 * @context: (nullable): what the record is about, shown above the form,
 *   such as the outcome being rated: a first line, and more under it
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
PwCycleItemDialog *
pw_cycle_item_dialog_new (GtkWindow  *parent,
                          PwCaseload *caseload,
                          PwRecord   *record,
                          const char *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);
  g_return_val_if_fail (kind_of (record) != NULL, NULL);

  return g_object_new (PW_TYPE_CYCLE_ITEM_DIALOG,
                       "transient-for", parent,
                       "caseload", caseload,
                       "record", record,
                       "context", context,
                       NULL);
}

/**
 * pw_cycle_item_dialog_get_outcome_row:
 *
 * Returns: (transfer none): the row choosing the outcome a provision
 *   serves; hidden for other records
 */
AdwComboRow *
pw_cycle_item_dialog_get_outcome_row (PwCycleItemDialog *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_ITEM_DIALOG (self), NULL);

  return self->outcome_row;
}
