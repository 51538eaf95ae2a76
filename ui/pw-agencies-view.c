/* pw-agencies-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Agencies: who works with one child, and what each agency contributed.
 *
 * The agencies involved come first: the agency, the person and their role,
 * and since when (or from when to when) the agency was involved; those
 * still involved before those that have stopped.  Then the contributions,
 * newest first, each with its agency, person, date, the stage of the APDR
 * cycle it informs, and its text in full, a page at a time.
 *
 * "Add an agency…" and "Add a contribution…" open forms.  A PwChildWatch
 * reads the child's records in a worker thread, and again when the
 * caseload says they changed.
 */

#define G_LOG_DOMAIN "pw-agencies-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-agencies-view.h"
#include "pw-child-format.h"
#include "pw-contribution-dialog.h"
#include "pw-record-dialog.h"

#define PAGE_SIZE 25

struct _PwAgenciesView
{
  PwChildView          parent_instance;

  GListStore          *involvements;   /* current first, then those that ended */
  GListStore          *contributions;  /* newest first */
  GtkSliceListModel   *shown;
  GHashTable          *cycle_numbers;  /* cycle id -> number */
  gint64               shown_child;
  char                *today;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *involvements_group;
  AdwPreferencesGroup *contributions_group;
  GtkListBox          *involvement_list;
  GtkListBox          *contribution_list;
  GtkButton           *more_button;
};

G_DEFINE_FINAL_TYPE (PwAgenciesView, pw_agencies_view, PW_TYPE_CHILD_VIEW)

static const char * const watched_tables[] = { "involvement", "contribution", "cycle", NULL };

static const char * const involvement_fields[] = {
  "agency", "person", "role", "from-date", "to-date", NULL
};

/* Words ------------------------------------------------------------------------ */

/* The words for a code, empty if none is recorded. */
static const char *
code_label (PwRecord    *record,
            PwCodeTable  table,
            const char  *field)
{
  const char *label = pw_code_label (record, table, field);

  return label != NULL ? label : "";
}

/* "Jane Doe, Speech and language therapist" */
static char *
dup_person_role (PwRecord *record)
{
  const char *person = pw_nonempty (pw_record_get_text (record, "person"));
  const char *role = pw_nonempty (pw_record_get_text (record, "role"));

  if (person != NULL && role != NULL)
    /* TRANSLATORS: a person and their role: "Jane Doe, Family support worker" */
    return g_strdup_printf (_("%s, %s"), person, role);
  if (person != NULL || role != NULL)
    return g_strdup (person != NULL ? person : role);
  return g_strdup (_("No one named"));
}

static gboolean
involvement_ended (PwRecord   *involvement,
                   const char *today)
{
  const char *to = pw_record_get_text (involvement, "to-date");

  return to != NULL && strcmp (to, today) < 0;
}

static char *
dup_involvement_dates (PwAgenciesView *self,
                       PwRecord       *involvement)
{
  g_autofree char *from = pw_format_date (pw_record_get_text (involvement, "from-date"), FALSE);
  g_autofree char *to = pw_format_date (pw_record_get_text (involvement, "to-date"), FALSE);

  if (from == NULL)
    from = g_strdup ("");
  if (to == NULL)
    /* TRANSLATORS: when an agency started working with the child: "Since 3 Mar 2025" */
    return g_strdup_printf (_("Since %s"), from);
  if (involvement_ended (involvement, self->today))
    /* TRANSLATORS: an agency's involvement that has ended: "3 Mar 2025 to 5 Jun 2025, ended" */
    return g_strdup_printf (_("%s to %s, ended"), from, to);
  /* TRANSLATORS: an agency's involvement with a planned end: "3 Mar 2025 to 5 Jun 2027" */
  return g_strdup_printf (_("%s to %s"), from, to);
}

/* "Jane Doe, Family support worker · Informs Plan · Cycle 3" */
static char *
dup_contribution_details (PwAgenciesView *self,
                          PwRecord       *contribution)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_null_terminated (3, g_free, TRUE);
  const char *stage = pw_record_get_text (contribution, "stage");
  gpointer number = g_hash_table_lookup (self->cycle_numbers,
                                         GINT_TO_POINTER (pw_record_get_int (contribution,
                                                                             "cycle-id")));

  g_ptr_array_add (parts, dup_person_role (contribution));
  if (stage != NULL)
    /* TRANSLATORS: the APDR stage a contribution informs: "Informs Plan" */
    g_ptr_array_add (parts, g_strdup_printf (_("Informs %s"),
                                             code_label (contribution, PW_CODES_STAGE, "stage")));
  if (number != NULL)
    /* TRANSLATORS: the APDR cycle a contribution belongs to: "Cycle 3" */
    g_ptr_array_add (parts, g_strdup_printf (_("Cycle %d"), GPOINTER_TO_INT (number)));
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Rows ------------------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_involvement_row (gpointer item,
                        gpointer user_data)
{
  PwAgenciesView *self = user_data;
  PwRecord *involvement = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *who = dup_person_role (involvement);
  g_autofree char *dates = dup_involvement_dates (self, involvement);
  GtkWidget *dates_label = new_label (dates, "dim-label");
  g_autofree char *description = g_strdup_printf ("%s. %s", who, dates);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 code_label (involvement, PW_CODES_AGENCY, "agency"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), who);
  gtk_label_set_xalign (GTK_LABEL (dates_label), 1);
  gtk_label_set_justify (GTK_LABEL (dates_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (dates_label), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_valign (dates_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dates_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  return row;
}

static GtkWidget *
new_contribution_header (const char *agency,
                         const char *date)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_label (agency, "heading");
  GtkWidget *when = new_label (date, "dim-label");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_wrap (GTK_LABEL (when), FALSE);
  gtk_widget_set_valign (when, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), when);
  return header;
}

static GtkWidget *
create_contribution_row (gpointer item,
                         gpointer user_data)
{
  PwAgenciesView *self = user_data;
  PwRecord *contribution = item;
  const char *agency = code_label (contribution, PW_CODES_AGENCY, "agency");
  const char *text = pw_record_get_text (contribution, "text");
  g_autofree char *date = pw_format_date (pw_record_get_text (contribution, "event-date"), FALSE);
  g_autofree char *details = dup_contribution_details (self, contribution);
  g_autofree char *name = g_strdup_printf ("%s, %s", agency, date != NULL ? date : "");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), new_contribution_header (agency, date != NULL ? date : ""));
  gtk_box_append (GTK_BOX (box), new_label (details, "dim-label"));
  gtk_box_append (GTK_BOX (box), new_label (text != NULL ? text : "", NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details, -1);
  return row;
}

/* Reading, in a worker thread ---------------------------------------------------- */

typedef struct
{
  GPtrArray  *involvements;    /* current first, then those that ended */
  GPtrArray  *contributions;   /* newest first */
  GHashTable *cycle_numbers;   /* cycle id -> number */
} AgenciesData;

static void
agencies_data_free (gpointer data)
{
  AgenciesData *agencies = data;

  g_clear_pointer (&agencies->involvements, g_ptr_array_unref);
  g_clear_pointer (&agencies->contributions, g_ptr_array_unref);
  g_clear_pointer (&agencies->cycle_numbers, g_hash_table_unref);
  g_free (agencies);
}

static int
compare_involvements (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const char *today = user_data;
  PwRecord *x = *(PwRecord **) a;
  PwRecord *y = *(PwRecord **) b;
  gboolean x_ended = involvement_ended (x, today);
  gboolean y_ended = involvement_ended (y, today);

  if (x_ended != y_ended)
    return x_ended - y_ended;
  return -g_strcmp0 (pw_record_get_text (x, "from-date"), pw_record_get_text (y, "from-date"));
}

static int
compare_contributions (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  PwRecord *x = *(PwRecord **) a;
  PwRecord *y = *(PwRecord **) b;
  int by_date = g_strcmp0 (pw_record_get_text (y, "event-date"),
                           pw_record_get_text (x, "event-date"));

  if (by_date != 0)
    return by_date;
  return pw_record_get_id (y) > pw_record_get_id (x) ? 1 : -1;
}

static GPtrArray *
sorted_items (GListModel       *model,
              GCompareDataFunc  compare,
              gpointer          user_data)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort_with_data (items, compare, user_data);
  return items;
}

static GHashTable *
index_cycles (GListModel *cycles)
{
  GHashTable *numbers = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (cycles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) cycle = g_list_model_get_item (cycles, i);

      g_hash_table_insert (numbers, GINT_TO_POINTER (pw_record_get_id (cycle)),
                           GINT_TO_POINTER ((int) pw_record_get_int (cycle, "number")));
    }
  return numbers;
}

static gpointer
load_agencies (PwCaseload  *caseload,
               gint64       child_id,
               GError     **error)
{
  g_autoptr(GListModel) involvements = NULL;
  g_autoptr(GListModel) contributions = NULL;
  g_autoptr(GListModel) cycles = NULL;
  g_autofree char *today = pw_today ();
  AgenciesData *agencies;

  if ((involvements = pw_caseload_list (caseload, PW_TYPE_INVOLVEMENT, "child-id", child_id,
                                        error)) == NULL ||
      (contributions = pw_caseload_list (caseload, PW_TYPE_CONTRIBUTION, "child-id", child_id,
                                         error)) == NULL ||
      (cycles = pw_caseload_list (caseload, PW_TYPE_CYCLE, "child-id", child_id, error)) == NULL)
    return NULL;
  agencies = g_new0 (AgenciesData, 1);
  agencies->involvements = sorted_items (involvements, compare_involvements, today);
  agencies->contributions = sorted_items (contributions, compare_contributions, NULL);
  agencies->cycle_numbers = index_cycles (cycles);
  return agencies;
}

/* Showing ------------------------------------------------------------------------- */

static void
update_page (PwAgenciesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contributions)) +
            g_list_model_get_n_items (G_LIST_MODEL (self->involvements));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "records");
  else if (pw_child_view_get_loading (PW_CHILD_VIEW (self)))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_headings (PwAgenciesView *self)
{
  guint n_contributions = g_list_model_get_n_items (G_LIST_MODEL (self->contributions));
  g_autofree char *description = NULL;

  description = g_strdup_printf (g_dngettext (NULL, "%u contribution, newest first",
                                              "%u contributions, newest first",
                                              n_contributions), n_contributions);
  adw_preferences_group_set_description (self->contributions_group,
                                         n_contributions > 0 ? description : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          n_contributions > gtk_slice_list_model_get_size (self->shown));
  update_page (self);
}

static void
replace_all (GListStore *store,
             GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items != NULL ? items->pdata : NULL, items != NULL ? items->len : 0);
}

static void
set_message (PwAgenciesView *self,
             const GError   *error)
{
  adw_status_page_set_title (self->empty_page, error != NULL ? _("Could not read the agencies")
                                                             : _("No agencies recorded"));
  adw_status_page_set_description (self->empty_page,
                                   error != NULL ? error->message
                                                 : _("The agencies working with the child, and "
                                                     "what each contributes, will show here"));
}

static void
show_agencies (GtkWidget    *widget,
               gpointer      data,
               const GError *error)
{
  PwAgenciesView *self = PW_AGENCIES_VIEW (widget);
  AgenciesData *agencies = data;
  gint64 child_id = pw_child_view_get_child_id (PW_CHILD_VIEW (widget));
  gboolean has_child = child_id != 0;

  g_free (self->today);
  self->today = pw_today ();
  if (agencies == NULL || self->shown_child != child_id)
    gtk_slice_list_model_set_size (self->shown, PAGE_SIZE);
  self->shown_child = agencies != NULL ? child_id : 0;
  g_clear_pointer (&self->cycle_numbers, g_hash_table_unref);
  self->cycle_numbers = agencies != NULL ? g_steal_pointer (&agencies->cycle_numbers)
                                         : g_hash_table_new (NULL, NULL);
  set_message (self, error);
  replace_all (self->involvements, agencies != NULL ? agencies->involvements : NULL);
  replace_all (self->contributions, agencies != NULL ? agencies->contributions : NULL);
  update_headings (self);
  gtk_widget_action_set_enabled (widget, "agencies.add-involvement", has_child);
  gtk_widget_action_set_enabled (widget, "agencies.add-contribution", has_child);
  if (agencies != NULL)
    agencies_data_free (agencies);
}

/* Actions ---------------------------------------------------------------------- */

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_contribution_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PwChildView *view = PW_CHILD_VIEW (widget);
  PwContributionDialog *dialog;

  dialog = pw_contribution_dialog_new (parent_window (widget), pw_child_view_get_caseload (view),
                                       pw_child_view_get_child (view));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_involvement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PwAgenciesView *self = PW_AGENCIES_VIEW (widget);
  PwCaseload *caseload = pw_child_view_get_caseload (PW_CHILD_VIEW (self));
  PwChild *child = pw_child_view_get_child (PW_CHILD_VIEW (self));
  g_autoptr(PwRecord) involvement = pw_record_new (PW_TYPE_INVOLVEMENT);
  g_autofree char *name = pw_child_dup_display_name (child);
  PwRecordDialog *dialog;

  pw_record_set_int (involvement, "child-id", pw_record_get_id (PW_RECORD (child)));
  pw_record_set_text (involvement, "from-date", self->today);
  dialog = pw_record_dialog_new (parent_window (widget), caseload, involvement,
                                 _("Add an agency"), _("_Add"), involvement_fields);
  pw_record_dialog_set_subtitle (dialog, name);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_more_clicked_cb (PwAgenciesView *self)
{
  guint from = gtk_slice_list_model_get_size (self->shown);
  GtkListBoxRow *first;

  gtk_slice_list_model_set_size (self->shown, from + PAGE_SIZE);
  update_headings (self);
  /* The keyboard goes on to the first contribution added. */
  if ((first = gtk_list_box_get_row_at_index (self->contribution_list, from)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_agencies_view_dispose (GObject *object)
{
  PwAgenciesView *self = PW_AGENCIES_VIEW (object);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_AGENCIES_VIEW);
  g_clear_object (&self->shown);
  g_clear_object (&self->involvements);
  g_clear_object (&self->contributions);
  g_clear_pointer (&self->cycle_numbers, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (pw_agencies_view_parent_class)->dispose (object);
}

static void
pw_agencies_view_class_init (PwAgenciesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwChildViewClass *view_class = PW_CHILD_VIEW_CLASS (klass);

  object_class->dispose = pw_agencies_view_dispose;

  view_class->tables = watched_tables;
  view_class->load = load_agencies;
  view_class->show = show_agencies;
  view_class->free_data = agencies_data_free;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-agencies-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "agencies_stack", FALSE,
                                             G_STRUCT_OFFSET (PwAgenciesView, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "agencies_empty_page", FALSE,
                                             G_STRUCT_OFFSET (PwAgenciesView, empty_page));
  gtk_widget_class_bind_template_child (widget_class, PwAgenciesView, involvements_group);
  gtk_widget_class_bind_template_child (widget_class, PwAgenciesView, contributions_group);
  gtk_widget_class_bind_template_child (widget_class, PwAgenciesView, involvement_list);
  gtk_widget_class_bind_template_child (widget_class, PwAgenciesView, contribution_list);
  gtk_widget_class_bind_template_child_full (widget_class, "agencies_more_button", FALSE,
                                             G_STRUCT_OFFSET (PwAgenciesView, more_button));
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);

  gtk_widget_class_install_action (widget_class, "agencies.add-contribution", NULL,
                                   add_contribution_action);
  gtk_widget_class_install_action (widget_class, "agencies.add-involvement", NULL,
                                   add_involvement_action);
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = new_label (text, "dim-label");

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
pw_agencies_view_init (PwAgenciesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->involvements = g_list_store_new (PW_TYPE_INVOLVEMENT);
  self->contributions = g_list_store_new (PW_TYPE_CONTRIBUTION);
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->contributions)), 0,
                                          PAGE_SIZE);
  self->cycle_numbers = g_hash_table_new (NULL, NULL);
  gtk_list_box_bind_model (self->involvement_list, G_LIST_MODEL (self->involvements),
                           create_involvement_row, self, NULL);
  gtk_list_box_bind_model (self->contribution_list, G_LIST_MODEL (self->shown),
                           create_contribution_row, self, NULL);
  gtk_list_box_set_placeholder (self->involvement_list,
                                new_placeholder (_("No agency is recorded as involved")));
  gtk_list_box_set_placeholder (self->contribution_list,
                                new_placeholder (_("No contributions yet")));
  self->today = pw_today ();
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_page), NULL);
  set_message (self, NULL);
  update_headings (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agencies.add-involvement", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agencies.add-contribution", FALSE);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_agencies_view_new (void)
{
  return g_object_new (PW_TYPE_AGENCIES_VIEW, NULL);
}
