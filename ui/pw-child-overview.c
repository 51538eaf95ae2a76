/* pw-child-overview.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview of one child in the child pane: the name people use as the
 * title, the legal name under it when that differs, the level, then the
 * identity fields and the support the child has: lead practitioner, the
 * current consent to share information, the agencies involved now and the
 * latest term's attendance.  The level is changed from here, in a
 * PwLevelDialog, and the child archived or restored, with a toast that can
 * undo the archiving.  The overview reads the child again after every
 * commit that touched them ("changed" on the caseload), so a change shows
 * as soon as it is saved.
 */

#define G_LOG_DOMAIN "pw-child-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-child-overview.h"
#include "pw-level-badge.h"
#include "pw-level-dialog.h"
#include "pw-window.h"

struct _PwChildOverview
{
  AdwBin                parent_instance;

  PwCaseload           *caseload;
  PwChild              *child;

  AdwPreferencesPage   *page;
  GtkLabel             *name_label;
  GtkLabel             *legal_name_label;
  PwLevelBadge         *level_badge;
  AdwActionRow         *dob_row;
  GtkLabel             *dob_value;
  AdwActionRow         *upn_row;
  GtkLabel             *upn_value;
  AdwActionRow         *year_row;
  GtkLabel             *year_value;
  AdwActionRow         *sen_row;
  GtkLabel             *sen_value;
  AdwActionRow         *level_row;
  GtkLabel             *level_value;
  AdwActionRow         *review_row;
  GtkLabel             *review_value;
  AdwActionRow         *adult_row;
  GtkLabel             *adult_value;
  AdwActionRow         *lead_row;
  GtkLabel             *lead_value;
  AdwActionRow         *consent_row;
  GtkLabel             *consent_value;
  AdwActionRow         *covered_row;
  GtkLabel             *covered_value;
  AdwPreferencesGroup  *agencies_group;
  GPtrArray            *agency_rows;
  AdwActionRow         *term_row;
  GtkLabel             *term_value;
  AdwActionRow         *absence_row;
  GtkLabel             *absence_value;
  GtkButton            *archive_button;
};

G_DEFINE_FINAL_TYPE (PwChildOverview, pw_child_overview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows @text as the value of @row, or says that nothing is recorded.  The
 * value is also the row's description, so that a screen reader reads it
 * with the field's name. */
static void
set_value (AdwActionRow *row,
           GtkLabel     *value,
           const char   *text)
{
  const char *shown = text != NULL && *text != '\0' ? text : _("Not recorded");

  gtk_label_set_label (value, shown);
  gtk_widget_remove_css_class (GTK_WIDGET (value), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (value), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (value), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown, -1);
}

/* A code that is not recorded has no label. */
static const char *
code_label (PwCodeTable  table,
            const char  *code)
{
  return code != NULL ? pw_codes_label (table, code) : NULL;
}

static void
show_names (PwChildOverview *self)
{
  PwRecord *record = PW_RECORD (self->child);
  g_autofree char *name = pw_child_dup_display_name (self->child);
  g_autofree char *legal = pw_child_dup_legal_name (self->child);
  const char *preferred = pw_record_get_text (record, "preferred-name");
  gboolean show_legal = preferred != NULL && *preferred != '\0' && g_strcmp0 (name, legal) != 0;
  g_autofree char *legal_text = NULL;

  gtk_label_set_label (self->name_label, name);
  /* TRANSLATORS: %s is a child's legal first and last names */
  legal_text = show_legal ? g_strdup_printf (_("Legal name: %s"), legal) : NULL;
  gtk_label_set_label (self->legal_name_label, legal_text != NULL ? legal_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->legal_name_label), show_legal);
}

static void
show_identity (PwChildOverview *self,
               const char      *today)
{
  PwRecord *record = PW_RECORD (self->child);
  const char *dob = pw_record_get_text (record, "date-of-birth");
  g_autofree char *date = pw_format_date (dob, TRUE);
  g_autofree char *age = pw_format_age (dob, today);
  g_autofree char *dob_text = NULL;
  gboolean temporary = pw_record_get_int (record, "upn-temporary") != 0;

  /* TRANSLATORS: a date of birth, then the age, as in "3 March 2015 (age 11)" */
  dob_text = date != NULL && age != NULL ? g_strdup_printf (_("%s (%s)"), date, age)
                                         : g_strdup (date);
  set_value (self->dob_row, self->dob_value, dob_text);
  set_value (self->upn_row, self->upn_value, pw_record_get_text (record, "upn"));
  adw_action_row_set_subtitle (self->upn_row, temporary ? _("Temporary") : "");
  set_value (self->year_row, self->year_value,
             code_label (PW_CODES_YEAR_GROUP, pw_record_get_text (record, "year-group")));
  set_value (self->sen_row, self->sen_value,
             code_label (PW_CODES_SEN_PROVISION, pw_record_get_text (record, "sen-provision")));
}

static void
show_review (PwChildOverview *self,
             const char      *today)
{
  const char *next_review = pw_record_get_text (PW_RECORD (self->child), "next-review");
  PwReviewState state = pw_review_state (next_review, today);
  g_autofree char *date = pw_format_date (next_review, TRUE);
  g_autofree char *text = NULL;

  /* TRANSLATORS: %s is a date such as "1 December 2026" */
  if (date != NULL && state == PW_REVIEW_STATE_OVERDUE)
    text = g_strdup_printf (_("%s · overdue"), date);
  /* TRANSLATORS: %s is a date such as "1 December 2026" */
  else if (date != NULL && state == PW_REVIEW_STATE_DUE_SOON)
    text = g_strdup_printf (_("%s · due soon"), date);
  else
    text = g_steal_pointer (&date);

  set_value (self->review_row, self->review_value, text != NULL ? text : _("No review date"));
  /* A dimmed warning would be a weaker one. */
  if (state == PW_REVIEW_STATE_OVERDUE || state == PW_REVIEW_STATE_DUE_SOON)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->review_value), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->review_value),
                                state == PW_REVIEW_STATE_OVERDUE ? "error" : "warning");
    }
}

static void
show_support (PwChildOverview *self,
              const char      *today)
{
  PwRecord *record = PW_RECORD (self->child);
  int level = (int) CLAMP (pw_record_get_int (record, "current-level"), 0, 4);
  g_autofree char *level_text = pw_format_level (level);
  g_autofree char *level_full = NULL;
  const char *adult = pw_record_get_text (record, "trusted-adult");

  pw_level_badge_set_level (self->level_badge, level);
  /* TRANSLATORS: a level and its name, as in "Level 3 · Intensive" */
  level_full = level > 0 ? g_strdup_printf (_("%s · %s"), level_text, pw_level_name (level))
                         : g_strdup (_("No level recorded"));
  set_value (self->level_row, self->level_value, level_full);
  show_review (self, today);
  set_value (self->adult_row, self->adult_value,
             adult != NULL && *adult != '\0' ? adult : _("None named"));
}

/* The name of the worker @field of the child points to. */
static char *
dup_worker_name (PwChildOverview *self,
                 const char      *field)
{
  gint64 id = pw_record_get_int (PW_RECORD (self->child), field);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) worker = NULL;

  if (id <= 0 || self->caseload == NULL)
    return NULL;
  worker = pw_caseload_load (self->caseload, PW_TYPE_WORKER, id, &error);
  if (worker == NULL)
    {
      g_warning ("Could not read a worker: %s", error->message);
      return NULL;
    }
  return g_strdup (pw_record_get_text (worker, "name"));
}

static void
show_lead_practitioner (PwChildOverview *self)
{
  g_autofree char *name = dup_worker_name (self, "lead-practitioner-id");

  set_value (self->lead_row, self->lead_value, name != NULL ? name : _("None named"));
}

/* The records of @type of the child shown, oldest first. */
static GListModel *
list_records (PwChildOverview *self,
              GType            type)
{
  g_autoptr(GError) error = NULL;
  GListModel *records;

  if (self->caseload == NULL)
    return NULL;
  records = pw_caseload_list (self->caseload, type, "child-id",
                              pw_record_get_id (PW_RECORD (self->child)), &error);
  if (records == NULL)
    g_warning ("Could not read the child's records: %s", error->message);
  return records;
}

/* "agency-a,agency-b" as "Agency A, Agency B". */
static char *
format_agencies (const char *codes)
{
  g_auto(GStrv) parts = g_strsplit (codes != NULL ? codes : "", ",", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      {
        const char *label = pw_codes_label (PW_CODES_AGENCY, parts[i]);

        g_ptr_array_add (labels, (gpointer) (label != NULL ? label : parts[i]));
      }
  g_ptr_array_add (labels, NULL);
  /* TRANSLATORS: the separator between agencies in a list */
  return g_strjoinv (_(", "), (char **) labels->pdata);
}

/* The consent given last, withdrawn or not. */
static PwRecord *
current_consent (GListModel *consents)
{
  PwRecord *current = NULL;
  guint n = consents != NULL ? g_list_model_get_n_items (consents) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) consent = g_list_model_get_item (consents, i);

      if (current == NULL || g_strcmp0 (pw_record_get_text (consent, "given-on"),
                                        pw_record_get_text (current, "given-on")) >= 0)
        g_set_object (&current, consent);
    }
  return current;
}

static void
show_consent (PwChildOverview *self)
{
  g_autoptr(GListModel) consents = list_records (self, PW_TYPE_CONSENT);
  g_autoptr(PwRecord) consent = current_consent (consents);
  g_autofree char *given = NULL;
  g_autofree char *withdrawn = NULL;
  g_autofree char *text = NULL;
  g_autofree char *agencies = NULL;
  const char *by;

  gtk_widget_set_visible (GTK_WIDGET (self->covered_row), consent != NULL);
  if (consent == NULL)
    {
      set_value (self->consent_row, self->consent_value,
                 _("No consent to share information has been recorded"));
      return;
    }

  given = pw_format_date (pw_record_get_text (consent, "given-on"), TRUE);
  withdrawn = pw_format_date (pw_record_get_text (consent, "withdrawn-on"), TRUE);
  by = pw_record_get_text (consent, "given-by");
  if (withdrawn != NULL)
    /* TRANSLATORS: %s is a date such as "1 December 2026" */
    text = g_strdup_printf (_("Withdrawn on %s"), withdrawn);
  else if (by != NULL && *by != '\0')
    /* TRANSLATORS: a date, then who gave consent, as in "1 December 2026 by Jo Smith (mother)" */
    text = g_strdup_printf (_("Given on %s by %s"), given, by);
  else
    /* TRANSLATORS: %s is a date such as "1 December 2026" */
    text = g_strdup_printf (_("Given on %s"), given);
  set_value (self->consent_row, self->consent_value, text);
  if (withdrawn != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->consent_value), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->consent_value), "warning");
    }
  agencies = format_agencies (pw_record_get_text (consent, "agencies"));
  set_value (self->covered_row, self->covered_value, agencies);
}

static void
clear_agency_rows (PwChildOverview *self)
{
  for (guint i = 0; i < self->agency_rows->len; i++)
    adw_preferences_group_remove (self->agencies_group, self->agency_rows->pdata[i]);
  g_ptr_array_set_size (self->agency_rows, 0);
}

static void
add_agency_row (PwChildOverview *self,
                const char      *title,
                const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->agencies_group, row);
  g_ptr_array_add (self->agency_rows, row);
}

/* An involvement is current from its start until the day it ends. */
static gboolean
is_current (PwRecord   *involvement,
            const char *today)
{
  const char *from = pw_record_get_text (involvement, "from-date");
  const char *to = pw_record_get_text (involvement, "to-date");

  return g_strcmp0 (from, today) <= 0 && (to == NULL || *to == '\0' || g_strcmp0 (to, today) >= 0);
}

static void
show_agencies (PwChildOverview *self,
               const char      *today)
{
  g_autoptr(GListModel) involvements = list_records (self, PW_TYPE_INVOLVEMENT);
  guint n = involvements != NULL ? g_list_model_get_n_items (involvements) : 0;

  clear_agency_rows (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) involvement = g_list_model_get_item (involvements, i);
      const char *agency = pw_record_get_text (involvement, "agency");
      const char *label = code_label (PW_CODES_AGENCY, agency);

      if (is_current (involvement, today))
        add_agency_row (self, label != NULL ? label : agency,
                        pw_record_get_text (involvement, "person"));
    }
  if (self->agency_rows->len == 0)
    add_agency_row (self, _("No agencies involved now"), NULL);
}

static guint
term_index (const char *term)
{
  guint n_codes;
  const PwCode *codes = pw_codes_get (PW_CODES_TERM, &n_codes);

  for (guint i = 0; i < n_codes; i++)
    if (g_strcmp0 (codes[i].code, term) == 0)
      return i;
  return 0;
}

static int
compare_terms (PwRecord *a,
               PwRecord *b)
{
  int by_year = g_strcmp0 (pw_record_get_text (a, "academic-year"),
                           pw_record_get_text (b, "academic-year"));

  if (by_year != 0)
    return by_year;
  return (int) term_index (pw_record_get_text (a, "term")) -
         (int) term_index (pw_record_get_text (b, "term"));
}

static PwRecord *
latest_term (GListModel *records)
{
  PwRecord *latest = NULL;
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) record = g_list_model_get_item (records, i);

      if (latest == NULL || compare_terms (record, latest) >= 0)
        g_set_object (&latest, record);
    }
  return latest;
}

static void
show_attendance (PwChildOverview *self)
{
  g_autoptr(GListModel) records = list_records (self, PW_TYPE_ATTENDANCE);
  g_autoptr(PwRecord) latest = latest_term (records);
  PwAttendance *attendance = PW_ATTENDANCE (latest);
  g_autofree char *term = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *absence = NULL;
  gboolean persistent;

  gtk_widget_set_visible (GTK_WIDGET (self->absence_row), latest != NULL);
  if (latest == NULL)
    {
      set_value (self->term_row, self->term_value, _("No attendance recorded"));
      return;
    }

  /* TRANSLATORS: an academic year and a term, as in "2025/26 · Autumn term" */
  term = g_strdup_printf (_("%s · %s term"), pw_record_get_text (latest, "academic-year"),
                          code_label (PW_CODES_TERM, pw_record_get_text (latest, "term")));
  set_value (self->term_row, self->term_value, term);

  /* TRANSLATORS: a percentage, as in "12.5%" */
  rate = g_strdup_printf (_("%.1f%%"), pw_attendance_get_absence_rate (attendance));
  persistent = pw_attendance_is_persistent_absence (attendance);
  if (pw_attendance_is_severe_absence (attendance))
    /* TRANSLATORS: %s is a percentage such as "52.0%" */
    absence = g_strdup_printf (_("%s · severe absence"), rate);
  else if (persistent)
    /* TRANSLATORS: %s is a percentage such as "12.5%" */
    absence = g_strdup_printf (_("%s · persistent absence"), rate);
  else
    absence = g_strdup (rate);
  set_value (self->absence_row, self->absence_value, absence);
  if (persistent)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->absence_value), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->absence_value), "warning");
    }
}

/* libadwaita 1.2 has no adw_preferences_page_scroll_to_top(); the page
 * scrolls in its first child. */
static void
scroll_to_top (PwChildOverview *self)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (self->page));
  GtkAdjustment *adjustment;

  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
pw_child_overview_show (PwChildOverview *self,
                        gboolean         to_top)
{
  g_autofree char *today = pw_today ();

  show_names (self);
  show_identity (self, today);
  show_support (self, today);
  show_lead_practitioner (self);
  show_consent (self);
  show_agencies (self, today);
  show_attendance (self);
  if (to_top)
    scroll_to_top (self);
}

static void
pw_child_overview_clear (PwChildOverview *self)
{
  GtkLabel *values[] = {
    self->name_label, self->legal_name_label, self->dob_value, self->upn_value,
    self->year_value, self->sen_value, self->level_value, self->review_value,
    self->adult_value, self->lead_value, self->consent_value, self->covered_value,
    self->term_value, self->absence_value,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    gtk_label_set_label (values[i], "");
  pw_level_badge_set_level (self->level_badge, 0);
  clear_agency_rows (self);
}

/* Changing the level ------------------------------------------------------------ */

static void
pw_child_overview_update_actions (PwChildOverview *self)
{
  gboolean can_change = self->caseload != NULL && self->child != NULL &&
                        !pw_record_is_set (PW_RECORD (self->child), "archived-on");

  gboolean archived = self->child != NULL &&
                      pw_record_is_set (PW_RECORD (self->child), "archived-on");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.change-level", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.archive",
                                 self->caseload != NULL && self->child != NULL);
  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Return the child to the current caseload, where their record can be changed again")
                                        : _("Move the child to the archived children; an archived child’s record cannot be changed"));
}

/* Archiving ---------------------------------------------------------------------- */

static void
on_undo_archive_cb (AdwToast *toast,
                    gpointer  user_data)
{
  PwCaseload *caseload = g_object_get_data (G_OBJECT (toast), "pw-caseload");
  PwChild *child = g_object_get_data (G_OBJECT (toast), "pw-child");
  g_autoptr(GError) error = NULL;

  if (caseload == NULL || child == NULL)
    return;
  if (!pw_caseload_set_archived (caseload, child, FALSE, &error))
    g_warning ("Could not restore the child: %s", error->message);
}

/**
 * pw_child_overview_archive:
 * @archived: %TRUE to archive the child shown, %FALSE to restore them
 *
 * Archives or restores the child shown.
 *
 * Returns: (transfer full) (nullable): a toast that says so; after
 *   archiving, its "Undo" button restores the child.  %NULL with @error set
 *   if the change could not be saved.
 */
AdwToast *
pw_child_overview_archive (PwChildOverview  *self,
                           gboolean          archived,
                           GError          **error)
{
  g_autoptr(PwChild) child = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_val_if_fail (PW_IS_CHILD_OVERVIEW (self), NULL);
  g_return_val_if_fail (self->caseload != NULL && self->child != NULL, NULL);

  /* The toast outlives the overview's hold on the child. */
  child = g_object_ref (self->child);
  name = pw_child_dup_display_name (child);
  if (!pw_caseload_set_archived (self->caseload, child, archived, error))
    return NULL;

  /* TRANSLATORS: %s is a child's name */
  title = g_strdup_printf (archived ? _("%s archived") : _("%s restored"), name);
  toast = adw_toast_new (title);
  if (archived)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "pw-caseload", g_object_ref (self->caseload),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (toast), "pw-child", g_object_ref (child), g_object_unref);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_archive_cb), NULL);
    }
  return toast;
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwChildOverview *self = PW_CHILD_OVERVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  gboolean archived;
  AdwToast *toast;

  if (self->caseload == NULL || self->child == NULL)
    return;
  archived = pw_record_is_set (PW_RECORD (self->child), "archived-on");
  toast = pw_child_overview_archive (self, !archived, &error);
  if (toast == NULL)
    {
      g_warning ("Could not archive or restore the child: %s", error->message);
      toast = adw_toast_new (archived ? _("The child could not be restored")
                                      : _("The child could not be archived"));
    }
  pw_child_overview_update_actions (self);
  if (PW_IS_WINDOW (root))
    pw_window_add_toast (PW_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
change_level_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwChildOverview *self = PW_CHILD_OVERVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PwLevelDialog *dialog;

  if (self->caseload == NULL || self->child == NULL)
    return;
  dialog = pw_level_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->caseload,
                                self->child);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The child as stored now, if that differs from the child shown. */
static PwChild *
reload_child (PwChildOverview *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) stored = pw_caseload_load (self->caseload, PW_TYPE_CHILD,
                                                 pw_record_get_id (PW_RECORD (self->child)),
                                                 &error);

  if (stored == NULL)
    {
      if (!g_error_matches (error, PW_RECORD_ERROR, PW_RECORD_ERROR_NOT_FOUND))
        g_warning ("Could not read the child again: %s", error->message);
      return NULL;
    }
  if (g_strcmp0 (pw_record_get_updated_at (stored),
                 pw_record_get_updated_at (PW_RECORD (self->child))) == 0)
    return NULL;
  return PW_CHILD (g_steal_pointer (&stored));
}

static void
on_caseload_changed_cb (PwChildOverview *self,
                        const char      *table,
                        gint64           child_id,
                        PwCaseload      *caseload)
{
  g_autoptr(PwChild) stored = NULL;

  if (self->child == NULL ||
      (child_id != 0 && child_id != pw_record_get_id (PW_RECORD (self->child))))
    return;
  stored = reload_child (self);
  if (stored != NULL)
    pw_child_overview_set_record (self, stored);
  else
    /* Consent, agencies or attendance, or the child archived in place. */
    pw_child_overview_show (self, FALSE);
  pw_child_overview_update_actions (self);
}

static void
pw_child_overview_dispose (GObject *object)
{
  PwChildOverview *self = PW_CHILD_OVERVIEW (object);

  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);

  /* The page is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CHILD_OVERVIEW);
  g_clear_object (&self->child);
  g_clear_object (&self->caseload);
  g_clear_pointer (&self->agency_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_child_overview_parent_class)->dispose (object);
}

static void
pw_child_overview_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwChildOverview *self = PW_CHILD_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_overview_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwChildOverview *self = PW_CHILD_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      pw_child_overview_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_overview_class_init (PwChildOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_child_overview_dispose;
  object_class->get_property = pw_child_overview_get_property;
  object_class->set_property = pw_child_overview_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_LEVEL_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-child-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, page);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, legal_name_label);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, level_badge);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, dob_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, dob_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, upn_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, upn_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, year_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, year_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, sen_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, sen_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, level_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, level_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, review_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, review_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, adult_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, adult_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, lead_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, lead_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, consent_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, consent_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, covered_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, covered_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, agencies_group);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, term_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, term_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, absence_row);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, absence_value);
  gtk_widget_class_bind_template_child (widget_class, PwChildOverview, archive_button);

  gtk_widget_class_install_action (widget_class, "overview.change-level", NULL,
                                   change_level_action);
  gtk_widget_class_install_action (widget_class, "overview.archive", NULL, archive_action);
}

static void
pw_child_overview_init (PwChildOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->agency_rows = g_ptr_array_new ();
  pw_child_overview_update_actions (self);
}

GtkWidget *
pw_child_overview_new (void)
{
  return g_object_new (PW_TYPE_CHILD_OVERVIEW, NULL);
}

/**
 * pw_child_overview_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload the child belongs to
 */
PwCaseload *
pw_child_overview_get_caseload (PwChildOverview *self)
{
  g_return_val_if_fail (PW_IS_CHILD_OVERVIEW (self), NULL);

  return self->caseload;
}

/**
 * pw_child_overview_set_caseload:
 * @caseload: (nullable): the open caseload, or %NULL once it is closed
 *
 * The level is changed in @caseload, and the child is read again from it
 * after each change.
 */
void
pw_child_overview_set_caseload (PwChildOverview *self,
                                PwCaseload      *caseload)
{
  g_return_if_fail (PW_IS_CHILD_OVERVIEW (self));
  g_return_if_fail (caseload == NULL || PW_IS_CASELOAD (caseload));

  if (self->caseload == caseload)
    return;
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_set_object (&self->caseload, caseload);
  if (caseload != NULL)
    g_signal_connect_object (caseload, "changed", G_CALLBACK (on_caseload_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->child != NULL)
    pw_child_overview_show (self, FALSE);
  pw_child_overview_update_actions (self);
}

/**
 * pw_child_overview_get_record:
 *
 * Returns: (transfer none) (nullable): the child shown
 */
PwChild *
pw_child_overview_get_record (PwChildOverview *self)
{
  g_return_val_if_fail (PW_IS_CHILD_OVERVIEW (self), NULL);

  return self->child;
}

/**
 * pw_child_overview_set_record:
 * @child: (nullable): the child to show
 */
void
pw_child_overview_set_record (PwChildOverview *self,
                              PwChild         *child)
{
  g_return_if_fail (PW_IS_CHILD_OVERVIEW (self));
  g_return_if_fail (child == NULL || PW_IS_CHILD (child));

  if (!g_set_object (&self->child, child))
    return;

  if (child != NULL)
    pw_child_overview_show (self, TRUE);
  else
    pw_child_overview_clear (self);
  pw_child_overview_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
