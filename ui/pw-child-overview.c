/* pw-child-overview.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview of one child in the child pane: the name people use as the
 * title, the legal name under it when that differs, the level, then the
 * identity fields and the support the child has.  The level is changed from
 * here, in a PwLevelDialog; the overview reads the child again after every
 * commit that touched them ("changed" on the caseload), so the new level
 * shows as soon as it is saved.
 */

#define G_LOG_DOMAIN "pw-child-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-child-format.h"
#include "pw-child-overview.h"
#include "pw-level-badge.h"
#include "pw-level-dialog.h"

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
pw_child_overview_show (PwChildOverview *self)
{
  g_autofree char *today = pw_today ();

  show_names (self);
  show_identity (self, today);
  show_support (self, today);
  scroll_to_top (self);
}

static void
pw_child_overview_clear (PwChildOverview *self)
{
  GtkLabel *values[] = {
    self->name_label, self->legal_name_label, self->dob_value, self->upn_value,
    self->year_value, self->sen_value, self->level_value, self->review_value,
    self->adult_value,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    gtk_label_set_label (values[i], "");
  pw_level_badge_set_level (self->level_badge, 0);
}

/* Changing the level ------------------------------------------------------------ */

static void
pw_child_overview_update_actions (PwChildOverview *self)
{
  gboolean can_change = self->caseload != NULL && self->child != NULL &&
                        !pw_record_is_set (PW_RECORD (self->child), "archived-on");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.change-level", can_change);
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

  gtk_widget_class_install_action (widget_class, "overview.change-level", NULL,
                                   change_level_action);
}

static void
pw_child_overview_init (PwChildOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
    pw_child_overview_show (self);
  else
    pw_child_overview_clear (self);
  pw_child_overview_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
