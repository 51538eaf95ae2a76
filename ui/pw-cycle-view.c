/* pw-cycle-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwCycleView: the "Current cycle" of a child, a guided editor of the open
 * Assess-Plan-Do-Review cycle.
 *
 * With no cycle open, a status page offers to start one, today, with its
 * review date the default interval of the preferences ahead (a review date
 * may be set from the start; it is required once the plan is agreed).  With
 * a cycle open, a stepper shows the four stages, and under it the work of
 * the current stage: a PwRecordForm over the cycle's fields of that stage,
 * then the outcomes and the provision while assessing and planning, the
 * session log of each provision while the plan is delivered, and a rating
 * for every outcome at the review.  Outcomes, provision, sessions and
 * ratings are added and changed in a PwCycleItemDialog.
 *
 * At the bottom, what is still missing to move on is listed in the core's
 * own words (pw_caseload_cycle_blockers), over the cycle as written in the
 * form, saved or not; the button that moves on stays insensitive until
 * nothing is missing.  Moving on saves the form first, since the core moves
 * the stored cycle; closing asks first, since a closed cycle is corrected
 * only by amendments.  A form the core refuses shows the message at the
 * row it is about.
 *
 * The view reloads after every commit that may touch the child ("changed"
 * on the caseload), or when it is shown again if it was not on screen.  It rebuilds the form only when the stage or the cycle
 * changed, or when the stored cycle changed and nothing is being edited,
 * so a save does not lose the user's place.  Edits not yet saved are saved
 * when another child is shown, if the core accepts them.
 */

#define G_LOG_DOMAIN "pw-cycle-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pw-child-format.h"
#include "pw-cycle-item-dialog.h"
#include "pw-cycle-stepper.h"
#include "pw-cycle-view.h"
#include "pw-window.h"

/* The names of widgets that are rebuilt, so the focus can find its way
 * back to the same button or row after a reload. */
#define NAME_PREFIX "cycle-"

struct _PwCycleView
{
  AdwBin          parent_instance;

  PwCaseload     *caseload;
  PwChild        *child;
  PwCycle        *cycle;         /* the open cycle, as the form edits it */
  char           *shown_state;   /* the stage the form and lists were built for */
  PwRecordForm   *form;
  GListModel     *outcomes;
  GListModel     *provisions;
  GSettings      *settings;
  gboolean        dirty;         /* the form changed the cycle since it was saved */
  gboolean        loading;       /* the cycle changes, but not by the user */
  gboolean        stale;         /* a change came while the view was not shown */

  GtkStack       *stack;
  AdwStatusPage  *start_page;
  GtkScrolledWindow *scroller;
  GtkLabel       *cycle_title;
  GtkLabel       *cycle_dates;
  PwCycleStepper *stepper;
  GtkBox         *content_box;
  GtkLabel       *guide_label;
  GtkBox         *form_box;
  GtkBox         *lists_box;
  GtkLabel       *move_heading;
  GtkListBox     *blockers_list;
  GtkLabel       *move_error;
  GtkButton      *move_button;
};

G_DEFINE_FINAL_TYPE (PwCycleView, pw_cycle_view, ADW_TYPE_BIN)

typedef struct
{
  const char        *title;
  const char * const *fields;
} Section;

typedef struct
{
  const char *state;
  const char *move_label;
  const char *move_heading;
  const char *guide;
  Section     sections[2];
} Stage;

static const char * const assess_needs[] = {
  "opened-on", "needs-summary", "strengths", "barriers", "evidence", NULL
};
static const char * const assess_views[] = {
  "child-views", "parent-views", "agency-advice", NULL
};
static const char * const plan_parents[] = {
  "parents-notified-on", "parents-agree", NULL
};
static const char * const plan_impact[] = {
  "expected-impact", "review-date", NULL
};
static const char * const do_review[] = {
  "review-date", NULL
};
static const char * const review_meeting[] = {
  "review-held-on", "review-child-views", "review-parent-views", "review-changes", NULL
};
static const char * const review_decision[] = {
  "decision", "next-steps", NULL
};

static const Stage stages[] = {
  {
    "assess", N_("_Move to Plan"), N_("To move on to Plan"),
    N_("Record the child’s needs, their strengths and the barriers to learning, the evidence "
       "used, and the views of the child, the parents and other agencies."),
    { { N_("Assessment"), assess_needs }, { N_("Views"), assess_views } },
  },
  {
    "plan", N_("_Move to Do"), N_("To move on to Do"),
    N_("Agree the plan with the parents: the outcomes sought, the provision for each, the "
       "expected impact and the review date."),
    { { N_("Parents"), plan_parents }, { N_("Impact and review"), plan_impact } },
  },
  {
    "do", N_("_Move to Review"), N_("To move on to Review"),
    N_("The class teacher stays responsible day to day. Log each session of the provision: "
       "who delivered it, whether the child attended and how they engaged."),
    { { N_("Review"), do_review }, { NULL, NULL } },
  },
  {
    "review", N_("_Close the cycle"), N_("To close the cycle"),
    N_("Hold the review with the parents and the child: rate every outcome of the plan, "
       "record their views, what changes, and the decision."),
    { { N_("The review"), review_meeting }, { N_("Decision"), review_decision } },
  },
};

static void pw_cycle_view_reload (PwCycleView *self);

/* Helpers ---------------------------------------------------------------------- */

static const Stage *
find_stage (const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (stages[i].state, state) == 0)
      return &stages[i];
  return NULL;
}

static const char *
cycle_state (PwCycleView *self)
{
  return self->cycle != NULL ? pw_record_get_text (PW_RECORD (self->cycle), "state") : NULL;
}

static gboolean
in_state (PwCycleView *self,
          const char  *state)
{
  return g_strcmp0 (self->shown_state, state) == 0;
}

static gint64
child_id (PwCycleView *self)
{
  return self->child != NULL ? pw_record_get_id (PW_RECORD (self->child)) : 0;
}

static gboolean
is_archived (PwCycleView *self)
{
  return self->child != NULL && pw_record_is_set (PW_RECORD (self->child), "archived-on");
}

static GtkWindow *
parent_window (PwCycleView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (PwCycleView *self,
           const char  *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (PW_IS_WINDOW (root))
    pw_window_add_toast (PW_WINDOW (root), adw_toast_new (text));
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
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
    }
}

/* @weeks weeks after @iso_date, as YYYY-MM-DD. */
static char *
add_weeks (const char *iso_date,
           guint       weeks)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) later = NULL;
  int year, month, mday;

  if (sscanf (iso_date, "%d-%d-%d", &year, &month, &mday) != 3)
    return NULL;
  day = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  later = day != NULL ? g_date_time_add_weeks (day, weeks) : NULL;
  return later != NULL ? g_date_time_format (later, "%Y-%m-%d") : NULL;
}

static GListModel *
list_records (PwCycleView *self,
              GType        type,
              const char  *field,
              gint64       id)
{
  g_autoptr(GError) error = NULL;
  GListModel *records = pw_caseload_list (self->caseload, type, field, id, &error);

  if (records != NULL)
    return records;
  g_warning ("Could not read the records of the cycle: %s", error->message);
  return G_LIST_MODEL (g_list_store_new (type));
}

static PwRecord *
load_record (PwCycleView *self,
             GType        type,
             gint64       id)
{
  g_autoptr(GError) error = NULL;
  PwRecord *record = pw_caseload_load (self->caseload, type, id, &error);

  if (record == NULL)
    g_warning ("Could not read a record of the cycle: %s", error->message);
  return record;
}

/* The number of an outcome in its plan, from 1; 0 if it is not one of them. */
static guint
outcome_number (PwCycleView *self,
                gint64       outcome_id)
{
  for (guint i = 0; self->outcomes != NULL && i < g_list_model_get_n_items (self->outcomes); i++)
    {
      g_autoptr(PwRecord) outcome = g_list_model_get_item (self->outcomes, i);

      if (pw_record_get_id (outcome) == outcome_id)
        return i + 1;
    }
  return 0;
}

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Keeping the focus across a rebuild ------------------------------------------- */

static char *
dup_focus_name (PwCycleView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->lists_box)))
    return NULL;
  for (; focus != GTK_WIDGET (self->lists_box); focus = gtk_widget_get_parent (focus))
    if (g_str_has_prefix (gtk_widget_get_name (focus), NAME_PREFIX))
      return g_strdup (gtk_widget_get_name (focus));
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named_prefix (GtkWidget  *root,
                   const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_has_prefix (gtk_widget_get_name (child), prefix))
        return child;
      if ((found = find_named_prefix (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

static void
restore_focus (PwCycleView *self,
               const char  *name)
{
  GtkWidget *widget = name != NULL ? find_named (GTK_WIDGET (self->lists_box), name) : NULL;

  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

/* Rows and groups ------------------------------------------------------------- */

/* A group's title and description are markup, and may be what a user wrote. */
static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title_markup = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *description_markup = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title_markup);
  if (description != NULL)
    {
      description_markup = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description_markup);
    }
  return group;
}

/* @label without its mnemonic underline. */
static char *
remove_underline (const char *label)
{
  GString *plain = g_string_new (NULL);

  for (const char *c = label; *c != '\0'; c++)
    if (*c != '_')
      g_string_append_c (plain, *c);
  return g_string_free (plain, FALSE);
}

/* A flat button beside a group's title, such as "Add an outcome"; its
 * accessible name says what it is for when the label alone does not. */
static void
add_header_button (GtkWidget  *group,
                   const char *label,
                   const char *accessible_name,
                   const char *action,
                   GVariant   *target,
                   const char *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *plain = remove_underline (label);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name != NULL ? accessible_name : plain, -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
}

static void
add_empty_row (GtkWidget  *group,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* A row that opens its record: activating it runs @action on @id. */
static GtkWidget *
add_item_row (GtkWidget  *group,
              const char *title,
              const char *subtitle,
              const char *action,
              gint64      id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf (NAME_PREFIX "%s-%" G_GINT64_FORMAT, action, id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", id);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* Outcomes and provision -------------------------------------------------------- */

/* Outcomes are numbered in their plan, so provision can name them. */
static char *
number_outcome (PwRecord *outcome,
                guint     number)
{
  /* TRANSLATORS: the number of an outcome in its plan, then its words */
  return g_strdup_printf (_("%u. %s"), number, pw_record_get_text (outcome, "description"));
}

static char *
describe_outcome (PwRecord *outcome)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *target = pw_format_date (pw_record_get_text (outcome, "target-date"), TRUE);

  /* TRANSLATORS: how an outcome's success will be known */
  g_ptr_array_add (parts, g_strdup_printf (_("Success criteria: %s"),
                                           pw_record_get_text (outcome, "success-criteria")));
  if (target != NULL)
    /* TRANSLATORS: %s is a date such as "1 March 2027" */
    g_ptr_array_add (parts, g_strdup_printf (_("by %s"), target));
  return join_parts (parts);
}

static GtkWidget *
new_outcomes_group (PwCycleView *self,
                    gboolean     can_add)
{
  GtkWidget *group = new_group (_("Outcomes"), _("Each specific and measurable, with "
                                                 "success criteria and a target date"));
  guint n = g_list_model_get_n_items (self->outcomes);

  if (can_add)
    add_header_button (group, _("Add an _outcome"), NULL, "cycle.add-outcome", NULL,
                       NAME_PREFIX "add-outcome");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) outcome = g_list_model_get_item (self->outcomes, i);
      g_autofree char *title = number_outcome (outcome, i + 1);
      g_autofree char *subtitle = describe_outcome (outcome);

      add_item_row (group, title, subtitle, "cycle.edit-outcome", pw_record_get_id (outcome));
    }
  if (n == 0)
    add_empty_row (group, _("No outcomes yet"));
  return group;
}

static char *
describe_provision (PwCycleView *self,
                    PwRecord    *provision)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = pw_format_date (pw_record_get_text (provision, "start-date"), TRUE);
  g_autofree char *end = pw_format_date (pw_record_get_text (provision, "end-date"), TRUE);
  guint number = outcome_number (self, pw_record_get_int (provision, "outcome-id"));

  g_ptr_array_add (parts, g_strdup (pw_record_get_text (provision, "frequency")));
  g_ptr_array_add (parts, g_strdup (pw_record_get_text (provision, "delivered-by")));
  /* TRANSLATORS: the dates a provision runs, such as "from 1 May 2026 to 3 July 2026" */
  g_ptr_array_add (parts, end != NULL ? g_strdup_printf (_("from %s to %s"), start, end)
                                      /* TRANSLATORS: %s is the date a provision starts */
                                      : g_strdup_printf (_("from %s"), start));
  if (number > 0)
    /* TRANSLATORS: %u is the number of an outcome of the plan */
    g_ptr_array_add (parts, g_strdup_printf (_("for outcome %u"), number));
  return join_parts (parts);
}

static GtkWidget *
new_provisions_group (PwCycleView *self)
{
  GtkWidget *group = new_group (_("Provision"), _("What is put in place for the outcomes: "
                                                  "how often, and who delivers it"));
  guint n = g_list_model_get_n_items (self->provisions);

  add_header_button (group, _("Add _provision"), NULL, "cycle.add-provision", NULL,
                     NAME_PREFIX "add-provision");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) provision = g_list_model_get_item (self->provisions, i);
      g_autofree char *subtitle = describe_provision (self, provision);

      add_item_row (group, pw_record_get_text (provision, "intervention"), subtitle,
                    "cycle.edit-provision", pw_record_get_id (provision));
    }
  if (n == 0)
    add_empty_row (group, _("No provision yet"));
  return group;
}

/* Sessions ------------------------------------------------------------------------ */

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  PwRecord *first = *(PwRecord **) a;
  PwRecord *second = *(PwRecord **) b;
  int diff = g_strcmp0 (pw_record_get_text (second, "date"), pw_record_get_text (first, "date"));

  return diff != 0 ? diff : (pw_record_get_id (second) > pw_record_get_id (first)) -
                            (pw_record_get_id (second) < pw_record_get_id (first));
}

/* The sessions of @provision, the latest first. */
static GPtrArray *
load_sessions (PwCycleView *self,
               PwRecord    *provision)
{
  g_autoptr(GListModel) sessions = list_records (self, PW_TYPE_SESSION, "provision-id",
                                                 pw_record_get_id (provision));
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (sessions, i));
  g_ptr_array_sort (sorted, compare_sessions);
  return sorted;
}

static void
add_session_row (GtkWidget *group,
                 PwRecord  *session)
{
  g_autoptr(GPtrArray) title = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) detail = g_ptr_array_new_with_free_func (g_free);
  const char *engagement = pw_record_get_text (session, "engagement");
  const char *notes = pw_record_get_text (session, "notes");
  g_autofree char *title_text = NULL;
  g_autofree char *detail_text = NULL;

  g_ptr_array_add (title, pw_format_date (pw_record_get_text (session, "date"), TRUE));
  g_ptr_array_add (title, g_strdup (pw_record_get_int (session, "attended") != 0
                                    ? _("Attended") : _("Did not attend")));
  g_ptr_array_add (detail, g_strdup (pw_record_get_text (session, "delivered-by")));
  if (engagement != NULL)
    g_ptr_array_add (detail, g_strdup (_(pw_codes_label (PW_CODES_ENGAGEMENT, engagement))));
  if (notes != NULL)
    g_ptr_array_add (detail, g_strdup (notes));
  title_text = join_parts (title);
  detail_text = join_parts (detail);
  add_item_row (group, title_text, detail_text, "cycle.edit-session",
                pw_record_get_id (session));
}

static GtkWidget *
new_sessions_group (PwCycleView *self,
                    PwRecord    *provision)
{
  g_autofree char *subtitle = describe_provision (self, provision);
  GtkWidget *group = new_group (pw_record_get_text (provision, "intervention"), subtitle);
  gint64 id = pw_record_get_id (provision);
  g_autofree char *name = g_strdup_printf (NAME_PREFIX "log-session-%" G_GINT64_FORMAT, id);
  g_autoptr(GPtrArray) sessions = load_sessions (self, provision);
  /* TRANSLATORS: %s is an intervention, such as "Reading catch-up" */
  g_autofree char *accessible_name = g_strdup_printf (_("Log a session of %s"),
                                                      pw_record_get_text (provision,
                                                                          "intervention"));

  add_header_button (group, _("_Log a session"), accessible_name, "cycle.log-session",
                     g_variant_new_int64 (id), name);
  for (guint i = 0; i < sessions->len; i++)
    add_session_row (group, g_ptr_array_index (sessions, i));
  if (sessions->len == 0)
    add_empty_row (group, _("No sessions logged yet"));
  return group;
}

/* Ratings ---------------------------------------------------------------------- */

/* The rating of @outcome, or %NULL if it has none yet. */
static PwRecord *
find_rating (PwCycleView *self,
             PwRecord    *outcome)
{
  g_autoptr(GListModel) ratings = list_records (self, PW_TYPE_RATING, "outcome-id",
                                                pw_record_get_id (outcome));

  return g_list_model_get_item (ratings, 0);
}

static char *
describe_rating (PwRecord *rating)
{
  const char *progress;

  if (rating == NULL)
    return g_strdup (_("Not rated yet"));
  progress = _(pw_codes_label (PW_CODES_RATING, pw_record_get_text (rating, "progress")));
  /* TRANSLATORS: a rating of an outcome, then the evidence of progress */
  return g_strdup_printf (_("%s · %s"), progress, pw_record_get_text (rating, "evidence"));
}

static void
add_warning_icon (GtkWidget *row)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
}

static GtkWidget *
new_ratings_group (PwCycleView *self)
{
  GtkWidget *group = new_group (_("Outcome ratings"), _("Every outcome of the plan is "
                                                        "reviewed, with the evidence"));
  guint n = g_list_model_get_n_items (self->outcomes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) outcome = g_list_model_get_item (self->outcomes, i);
      g_autoptr(PwRecord) rating = find_rating (self, outcome);
      g_autofree char *title = number_outcome (outcome, i + 1);
      g_autofree char *subtitle = describe_rating (rating);
      GtkWidget *row = add_item_row (group, title, subtitle, "cycle.rate-outcome",
                                     pw_record_get_id (outcome));

      if (rating == NULL)
        add_warning_icon (row);
    }
  if (n == 0)
    add_empty_row (group, _("The plan has no outcomes"));
  return group;
}

/* Showing the cycle ------------------------------------------------------------ */

static void
pw_cycle_view_show_header (PwCycleView *self)
{
  PwRecord *cycle = PW_RECORD (self->cycle);
  g_autofree char *title = g_strdup_printf (_("Cycle %d"), (int) pw_record_get_int (cycle,
                                                                                     "number"));
  g_autofree char *opened = pw_format_date (pw_record_get_text (cycle, "opened-on"), TRUE);
  g_autofree char *review = pw_format_date (pw_record_get_text (cycle, "review-date"), TRUE);
  g_autofree char *today = pw_today ();
  PwReviewState state = pw_review_state (pw_record_get_text (cycle, "review-date"), today);
  g_autofree char *dates = NULL;

  if (review != NULL && state == PW_REVIEW_STATE_OVERDUE)
    /* TRANSLATORS: the dates a cycle started and was to be reviewed */
    dates = g_strdup_printf (_("Started %s · review overdue since %s"),
                             opened != NULL ? opened : "?", review);
  else if (review != NULL)
    /* TRANSLATORS: the dates a cycle started and is reviewed */
    dates = g_strdup_printf (_("Started %s · review on %s"), opened != NULL ? opened : "?",
                             review);
  else
    /* TRANSLATORS: %s is the date a cycle started */
    dates = g_strdup_printf (_("Started %s · no review date yet"), opened != NULL ? opened : "?");
  gtk_label_set_label (self->cycle_title, title);
  gtk_label_set_label (self->cycle_dates, dates);
  /* A dimmed warning would be a weaker one. */
  set_css_class (GTK_WIDGET (self->cycle_dates), "dim-label", state != PW_REVIEW_STATE_OVERDUE);
  set_css_class (GTK_WIDGET (self->cycle_dates), "error", state == PW_REVIEW_STATE_OVERDUE);
}

static void
add_blocker_row (PwCycleView *self,
                 const char  *text,
                 gboolean     missing)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (missing ? "dialog-warning-symbolic"
                                                          : "object-select-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (icon, missing ? "warning" : "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->blockers_list, row);
}

static void
pw_cycle_view_show_blockers (PwCycleView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = pw_caseload_cycle_blockers (self->caseload, self->cycle, &error);
  gboolean ready = missing != NULL && missing[0] == NULL;

  if (missing == NULL)
    g_warning ("Could not tell what the cycle is missing: %s", error->message);
  clear_box (GTK_WIDGET (self->blockers_list));
  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    add_blocker_row (self, missing[i], TRUE);
  if (ready)
    add_blocker_row (self, _("Nothing is missing"), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cycle.move", ready && !is_archived (self));
}

static void
pw_cycle_view_show_lists (PwCycleView *self)
{
  g_autofree char *focus = dup_focus_name (self);
  gint64 cycle_id = pw_record_get_id (PW_RECORD (self->cycle));

  g_clear_object (&self->outcomes);
  g_clear_object (&self->provisions);
  self->outcomes = list_records (self, PW_TYPE_OUTCOME, "cycle-id", cycle_id);
  self->provisions = list_records (self, PW_TYPE_PROVISION, "cycle-id", cycle_id);

  clear_box (GTK_WIDGET (self->lists_box));
  if (in_state (self, "assess") || in_state (self, "plan"))
    {
      gtk_box_append (self->lists_box, new_outcomes_group (self, TRUE));
      gtk_box_append (self->lists_box, new_provisions_group (self));
    }
  else if (in_state (self, "do"))
    {
      gtk_box_append (self->lists_box, new_outcomes_group (self, FALSE));
      for (guint i = 0; i < g_list_model_get_n_items (self->provisions); i++)
        {
          g_autoptr(PwRecord) provision = g_list_model_get_item (self->provisions, i);

          gtk_box_append (self->lists_box, new_sessions_group (self, provision));
        }
    }
  else if (in_state (self, "review"))
    gtk_box_append (self->lists_box, new_ratings_group (self));
  restore_focus (self, focus);
}

static void
pw_cycle_view_build_form (PwCycleView *self)
{
  const Stage *stage = find_stage (self->shown_state);

  if (self->form != NULL)
    gtk_box_remove (self->form_box, GTK_WIDGET (self->form));
  self->form = NULL;
  if (stage == NULL)
    return;
  self->form = PW_RECORD_FORM (pw_record_form_new (PW_RECORD (self->cycle), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (stage->sections); i++)
    if (stage->sections[i].fields != NULL)
      pw_record_form_add_section (self->form, _(stage->sections[i].title),
                                  stage->sections[i].fields);
  gtk_box_prepend (self->form_box, GTK_WIDGET (self->form));
}

static void
pw_cycle_view_build_stage (PwCycleView *self)
{
  const Stage *stage;

  g_free (self->shown_state);
  self->shown_state = g_strdup (cycle_state (self));
  stage = find_stage (self->shown_state);
  pw_cycle_stepper_set_stage (self->stepper, self->shown_state);
  gtk_label_set_label (self->guide_label, stage != NULL ? _(stage->guide) : "");
  gtk_label_set_label (self->move_heading, stage != NULL ? _(stage->move_heading) : "");
  gtk_button_set_label (self->move_button, stage != NULL ? _(stage->move_label) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->move_error), FALSE);
  /* A review starts from the outcomes of the plan, each rated in turn. */
  if (in_state (self, "review"))
    gtk_box_reorder_child_after (self->content_box, GTK_WIDGET (self->lists_box),
                                 GTK_WIDGET (self->guide_label));
  else
    gtk_box_reorder_child_after (self->content_box, GTK_WIDGET (self->lists_box),
                                 GTK_WIDGET (self->form_box));
  pw_cycle_view_build_form (self);
}

/* The start page ---------------------------------------------------------------- */

/* The last closed cycle of the child, or %NULL. */
static PwRecord *
find_last_cycle (PwCycleView *self)
{
  g_autoptr(GListModel) cycles = list_records (self, PW_TYPE_CYCLE, "child-id", child_id (self));
  PwRecord *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(PwRecord) cycle = g_list_model_get_item (cycles, i);

      if (last == NULL || pw_record_get_int (cycle, "number") > pw_record_get_int (last, "number"))
        g_set_object (&last, cycle);
    }
  return last;
}

static char *
describe_last_cycle (PwRecord *cycle)
{
  g_autofree char *closed = pw_format_date (pw_record_get_text (cycle, "closed-on"), TRUE);
  const char *decision = pw_record_get_text (cycle, "decision");
  int number = (int) pw_record_get_int (cycle, "number");

  if (decision != NULL)
    /* TRANSLATORS: the number of a cycle, the date it closed, and its decision */
    return g_strdup_printf (_("Cycle %d was closed on %s. Decision: %s."), number,
                            closed != NULL ? closed : "?",
                            _(pw_codes_label (PW_CODES_DECISION, decision)));
  /* TRANSLATORS: the number of a cycle and the date it closed */
  return g_strdup_printf (_("Cycle %d was closed on %s."), number, closed != NULL ? closed : "?");
}

static void
pw_cycle_view_set_start_message (PwCycleView *self,
                                 const char  *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_status_page_set_description (self->start_page, markup);
}

static void
pw_cycle_view_show_start (PwCycleView *self)
{
  g_autoptr(PwRecord) last = find_last_cycle (self);
  g_autofree char *text = NULL;

  if (is_archived (self))
    text = g_strdup (_("The child’s record is archived, so no cycle can be started."));
  else if (last != NULL)
    text = describe_last_cycle (last);
  else
    text = g_strdup (_("An Assess-Plan-Do-Review cycle records the child’s needs, the plan "
                       "agreed with the parents, what was delivered, and its review."));
  pw_cycle_view_set_start_message (self, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cycle.start", !is_archived (self));
  gtk_stack_set_visible_child_name (self->stack, "start");
}

/* Loading ------------------------------------------------------------------------ */

static void
on_cycle_notify_cb (PwCycleView *self,
                    GParamSpec  *pspec,
                    PwCycle     *cycle)
{
  if (self->loading || self->caseload == NULL)
    return;

  self->dirty = TRUE;
  pw_cycle_view_show_header (self);
  pw_cycle_view_show_blockers (self);
}

static void
pw_cycle_view_adopt (PwCycleView *self,
                     PwCycle     *cycle)
{
  if (self->cycle != NULL)
    g_signal_handlers_disconnect_by_data (self->cycle, self);
  g_set_object (&self->cycle, cycle);
  if (cycle != NULL)
    g_signal_connect_object (cycle, "notify", G_CALLBACK (on_cycle_notify_cb), self,
                             G_CONNECT_SWAPPED);
  self->dirty = FALSE;
}

/* Lets go of every record shown, so nothing of the child stays on screen. */
static void
pw_cycle_view_clear (PwCycleView *self)
{
  pw_cycle_view_adopt (self, NULL);
  g_clear_pointer (&self->shown_state, g_free);
  if (self->form != NULL)
    gtk_box_remove (self->form_box, GTK_WIDGET (self->form));
  self->form = NULL;
  clear_box (GTK_WIDGET (self->lists_box));
  clear_box (GTK_WIDGET (self->blockers_list));
  g_clear_object (&self->outcomes);
  g_clear_object (&self->provisions);
  pw_cycle_view_set_start_message (self, "");
  gtk_label_set_label (self->cycle_title, "");
  gtk_label_set_label (self->cycle_dates, "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gboolean
is_other_cycle (PwCycleView *self,
                PwCycle     *stored)
{
  return self->cycle == NULL ||
         pw_record_get_id (PW_RECORD (self->cycle)) != pw_record_get_id (PW_RECORD (stored)) ||
         g_strcmp0 (self->shown_state, pw_record_get_text (PW_RECORD (stored), "state")) != 0;
}

static gboolean
is_changed_elsewhere (PwCycleView *self,
                      PwCycle     *stored)
{
  return !self->dirty && g_strcmp0 (pw_record_get_updated_at (PW_RECORD (self->cycle)),
                                    pw_record_get_updated_at (PW_RECORD (stored))) != 0;
}

static void
pw_cycle_view_show_cycle (PwCycleView *self,
                          PwCycle     *stored)
{
  gboolean archived = is_archived (self);

  if (is_other_cycle (self, stored))
    {
      pw_cycle_view_adopt (self, stored);
      pw_cycle_view_build_stage (self);
    }
  else if (is_changed_elsewhere (self, stored))
    {
      pw_cycle_view_adopt (self, stored);
      pw_cycle_view_build_form (self);
    }
  pw_cycle_view_show_header (self);
  pw_cycle_view_show_lists (self);
  pw_cycle_view_show_blockers (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_box), !archived);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lists_box), !archived);
  gtk_stack_set_visible_child_name (self->stack, "cycle");
}

static void
pw_cycle_view_reload (PwCycleView *self)
{
  g_autoptr(PwCycle) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->caseload == NULL || self->child == NULL)
    {
      pw_cycle_view_clear (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* Moving from child to child reads only the view in front. */
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;
  stored = pw_caseload_get_open_cycle (self->caseload, child_id (self), &error);
  if (error != NULL)
    {
      g_warning ("Could not read the child’s open cycle: %s", error->message);
      return;
    }
  if (stored == NULL)
    {
      pw_cycle_view_clear (self);
      pw_cycle_view_show_start (self);
      return;
    }
  pw_cycle_view_show_cycle (self, stored);
}

static void
pw_cycle_view_scroll_to_top (PwCycleView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* Edits not saved yet are kept if the core takes them as they are; the
 * user is moving on and cannot be shown why not. */
static void
pw_cycle_view_keep_edits (PwCycleView *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->dirty || self->cycle == NULL || self->caseload == NULL ||
      pw_store_get_locked (pw_caseload_get_store (self->caseload)))
    return;
  self->loading = TRUE;
  if (!pw_record_validate (PW_RECORD (self->cycle), &error) ||
      !pw_caseload_save (self->caseload, PW_RECORD (self->cycle), &error))
    g_debug ("Unsaved changes to a cycle were not kept (%s)",
             g_quark_to_string (error->domain));
  self->loading = FALSE;
  self->dirty = FALSE;
}

/* Saving and moving on ------------------------------------------------------------ */

static gboolean
pw_cycle_view_save_cycle (PwCycleView  *self,
                          GError      **error)
{
  gboolean ok;

  self->loading = TRUE;
  ok = pw_caseload_save (self->caseload, PW_RECORD (self->cycle), error);
  self->loading = FALSE;
  if (ok)
    self->dirty = FALSE;
  return ok;
}

/* Reads the form into the cycle and saves it if it changed; a refusal
 * shows at its row. */
static gboolean
pw_cycle_view_save_form (PwCycleView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->form == NULL)
    return TRUE;
  if (!pw_record_form_apply (self->form, NULL))
    return FALSE;
  if (!self->dirty)
    return TRUE;
  if (pw_cycle_view_save_cycle (self, &error))
    return TRUE;
  pw_record_form_show_error (self->form, error);
  return FALSE;
}

static char *
describe_move (int         number,
               const char *state)
{
  if (g_strcmp0 (state, "closed") == 0)
    /* TRANSLATORS: %d is the number of a cycle */
    return g_strdup_printf (_("Cycle %d closed"), number);
  /* TRANSLATORS: a cycle's number and the stage it moved to, as in "Cycle 2 moved to Plan" */
  return g_strdup_printf (_("Cycle %d moved to %s"), number,
                          _(pw_codes_label (PW_CODES_CYCLE_STATE, state)));
}

/* The keyboard starts where the stage's work does: a review at the first
 * outcome to rate, shown above its form; another stage at its form; with
 * the cycle closed, at starting the next one. */
static void
pw_cycle_view_focus_stage (PwCycleView *self)
{
  GtkWidget *first_rating = NULL;

  if (in_state (self, "review"))
    first_rating = find_named_prefix (GTK_WIDGET (self->lists_box),
                                      NAME_PREFIX "cycle.rate-outcome-");
  if (first_rating != NULL)
    gtk_widget_grab_focus (first_rating);
  else if (self->form != NULL)
    pw_record_form_focus_first (self->form);
  else
    gtk_widget_grab_focus (GTK_WIDGET (adw_status_page_get_child (self->start_page)));
}

/* The caseload announces the move as it commits, and the view reloads
 * then: the cycle moved is held here, since a closed one is let go. */
static void
pw_cycle_view_advance (PwCycleView *self)
{
  g_autoptr(PwCycle) cycle = g_object_ref (self->cycle);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gboolean ok;

  self->loading = TRUE;
  ok = pw_caseload_advance_cycle (self->caseload, cycle, &error);
  self->loading = FALSE;
  if (!ok)
    {
      gtk_label_set_label (self->move_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->move_error), TRUE);
      return;
    }
  done = describe_move ((int) pw_record_get_int (PW_RECORD (cycle), "number"),
                        pw_record_get_text (PW_RECORD (cycle), "state"));
  self->dirty = FALSE;
  pw_cycle_view_reload (self);
  pw_cycle_view_scroll_to_top (self);
  pw_cycle_view_focus_stage (self);
  add_toast (self, done);
}

static void
on_close_response_cb (PwCycleView      *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "close") == 0 && self->cycle != NULL && in_state (self, "review"))
    pw_cycle_view_advance (self);
}

/* A closed cycle is corrected only by amendments: ask first. */
static void
pw_cycle_view_confirm_close (PwCycleView *self)
{
  int number = (int) pw_record_get_int (PW_RECORD (self->cycle), "number");
  /* TRANSLATORS: %d is the number of a cycle */
  g_autofree char *heading = g_strdup_printf (_("Close cycle %d?"), number);
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading,
                                              _("A closed cycle can no longer be changed. "
                                                "Corrections are recorded as amendments, "
                                                "each with its reason."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose the cycle"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Starting a cycle -------------------------------------------------------------- */

typedef struct
{
  PwCaseload *caseload;
  gint64      child_id;
  const char *opened_on;
  const char *review_date;
} StartCycle;

static gboolean
start_cycle_cb (gpointer   data,
                GError   **error)
{
  StartCycle *start = data;
  g_autoptr(PwCycle) cycle = pw_caseload_open_cycle (start->caseload, start->child_id,
                                                     start->opened_on, error);

  if (cycle == NULL)
    return FALSE;
  if (start->review_date == NULL)
    return TRUE;
  pw_record_set_text (PW_RECORD (cycle), "review-date", start->review_date);
  return pw_caseload_save (start->caseload, PW_RECORD (cycle), error);
}

/* Actions ----------------------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autofree char *today = pw_today ();
  g_autofree char *review = add_weeks (today, g_settings_get_uint (self->settings,
                                                                    "default-review-weeks"));
  StartCycle start = { self->caseload, child_id (self), today, review };
  g_autoptr(GError) error = NULL;

  if (self->caseload == NULL || self->child == NULL)
    return;
  if (!pw_caseload_transaction (self->caseload, start_cycle_cb, &start, &error))
    {
      pw_cycle_view_set_start_message (self, error->message);
      return;
    }
  pw_cycle_view_reload (self);
  pw_cycle_view_scroll_to_top (self);
  if (self->form != NULL)
    pw_record_form_focus_first (self->form);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);

  if (self->cycle == NULL || !pw_cycle_view_save_form (self))
    return;
  pw_cycle_view_show_header (self);
  pw_cycle_view_show_blockers (self);
  add_toast (self, _("Saved"));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);

  if (self->cycle == NULL || !pw_cycle_view_save_form (self))
    return;
  if (in_state (self, "review"))
    pw_cycle_view_confirm_close (self);
  else
    pw_cycle_view_advance (self);
}

static void
open_item_dialog (PwCycleView *self,
                  PwRecord    *record,
                  const char  *context)
{
  PwCycleItemDialog *dialog = pw_cycle_item_dialog_new (parent_window (self), self->caseload,
                                                        record, context);

  gtk_window_present (GTK_WINDOW (dialog));
}

static PwRecord *
new_item (PwCycleView *self,
          GType        type,
          const char  *parent_field,
          gint64       parent_id)
{
  PwRecord *record = pw_record_new (type);

  pw_record_set_int (record, "child-id", child_id (self));
  pw_record_set_int (record, parent_field, parent_id);
  return record;
}

static void
add_outcome_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autoptr(PwRecord) outcome = NULL;

  if (self->cycle == NULL)
    return;
  outcome = new_item (self, PW_TYPE_OUTCOME, "cycle-id",
                      pw_record_get_id (PW_RECORD (self->cycle)));
  open_item_dialog (self, outcome, NULL);
}

static void
add_provision_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autoptr(PwRecord) provision = NULL;
  g_autofree char *today = pw_today ();

  if (self->cycle == NULL)
    return;
  provision = new_item (self, PW_TYPE_PROVISION, "cycle-id",
                        pw_record_get_id (PW_RECORD (self->cycle)));
  pw_record_set_text (provision, "start-date", today);
  open_item_dialog (self, provision, NULL);
}

static void
edit_item (PwCycleView *self,
           GType        type,
           GVariant    *parameter)
{
  g_autoptr(PwRecord) record = NULL;

  if (self->cycle == NULL)
    return;
  record = load_record (self, type, g_variant_get_int64 (parameter));
  if (record != NULL)
    open_item_dialog (self, record, NULL);
}

static void
edit_outcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  edit_item (PW_CYCLE_VIEW (widget), PW_TYPE_OUTCOME, parameter);
}

static void
edit_provision_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  edit_item (PW_CYCLE_VIEW (widget), PW_TYPE_PROVISION, parameter);
}

static char *
provision_context (PwRecord *provision)
{
  /* TRANSLATORS: %s is an intervention, such as "Reading catch-up" */
  return g_strdup_printf (_("Provision: %s"), pw_record_get_text (provision, "intervention"));
}

static void
log_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autoptr(PwRecord) provision = NULL;
  g_autoptr(PwRecord) session = NULL;
  g_autofree char *today = pw_today ();
  g_autofree char *context = NULL;

  if (self->cycle == NULL)
    return;
  provision = load_record (self, PW_TYPE_PROVISION, g_variant_get_int64 (parameter));
  if (provision == NULL)
    return;
  session = new_item (self, PW_TYPE_SESSION, "provision-id", pw_record_get_id (provision));
  pw_record_set_text (session, "date", today);
  pw_record_set_text (session, "delivered-by", pw_record_get_text (provision, "delivered-by"));
  pw_record_set_int (session, "attended", TRUE);
  context = provision_context (provision);
  open_item_dialog (self, session, context);
}

static void
edit_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autoptr(PwRecord) session = NULL;
  g_autoptr(PwRecord) provision = NULL;
  g_autofree char *context = NULL;

  if (self->cycle == NULL)
    return;
  session = load_record (self, PW_TYPE_SESSION, g_variant_get_int64 (parameter));
  if (session != NULL)
    provision = load_record (self, PW_TYPE_PROVISION, pw_record_get_int (session,
                                                                          "provision-id"));
  if (provision == NULL)
    return;
  context = provision_context (provision);
  open_item_dialog (self, session, context);
}

static void
rate_outcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);
  g_autoptr(PwRecord) outcome = NULL;
  g_autoptr(PwRecord) rating = NULL;
  g_autofree char *context = NULL;

  if (self->cycle == NULL)
    return;
  outcome = load_record (self, PW_TYPE_OUTCOME, g_variant_get_int64 (parameter));
  if (outcome == NULL)
    return;
  rating = find_rating (self, outcome);
  if (rating == NULL)
    rating = new_item (self, PW_TYPE_RATING, "outcome-id", pw_record_get_id (outcome));
  /* TRANSLATORS: an outcome, then how its success will be known */
  context = g_strdup_printf (_("%s\nSuccess criteria: %s"),
                             pw_record_get_text (outcome, "description"),
                             pw_record_get_text (outcome, "success-criteria"));
  open_item_dialog (self, rating, context);
}

/* Callbacks ------------------------------------------------------------------------ */

static void
on_caseload_changed_cb (PwCycleView *self,
                        const char  *table,
                        gint64       changed_child,
                        PwCaseload  *caseload)
{
  if (changed_child != 0 && changed_child != child_id (self))
    return;
  pw_cycle_view_reload (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
pw_cycle_view_dispose (GObject *object)
{
  PwCycleView *self = PW_CYCLE_VIEW (object);

  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  pw_cycle_view_adopt (self, NULL);
  self->form = NULL;
  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CYCLE_VIEW);
  g_clear_object (&self->outcomes);
  g_clear_object (&self->provisions);
  g_clear_object (&self->caseload);
  g_clear_object (&self->child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_cycle_view_parent_class)->dispose (object);
}

static void
pw_cycle_view_map (GtkWidget *widget)
{
  PwCycleView *self = PW_CYCLE_VIEW (widget);

  GTK_WIDGET_CLASS (pw_cycle_view_parent_class)->map (widget);

  if (self->stale)
    pw_cycle_view_reload (self);
}

static void
pw_cycle_view_finalize (GObject *object)
{
  PwCycleView *self = PW_CYCLE_VIEW (object);

  g_free (self->shown_state);

  G_OBJECT_CLASS (pw_cycle_view_parent_class)->finalize (object);
}

static void
pw_cycle_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cycle.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "cycle.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "cycle.save", NULL);
  gtk_widget_class_install_action (widget_class, "cycle.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "cycle.add-outcome", NULL, add_outcome_action);
  gtk_widget_class_install_action (widget_class, "cycle.edit-outcome", "x", edit_outcome_action);
  gtk_widget_class_install_action (widget_class, "cycle.add-provision", NULL,
                                   add_provision_action);
  gtk_widget_class_install_action (widget_class, "cycle.edit-provision", "x",
                                   edit_provision_action);
  gtk_widget_class_install_action (widget_class, "cycle.log-session", "x", log_session_action);
  gtk_widget_class_install_action (widget_class, "cycle.edit-session", "x", edit_session_action);
  gtk_widget_class_install_action (widget_class, "cycle.rate-outcome", "x", rate_outcome_action);
}

static void
pw_cycle_view_class_init (PwCycleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_cycle_view_dispose;
  object_class->finalize = pw_cycle_view_finalize;
  widget_class->map = pw_cycle_view_map;

  g_type_ensure (PW_TYPE_CYCLE_STEPPER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-cycle-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, stack);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, start_page);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, cycle_title);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, cycle_dates);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, stepper);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, content_box);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, guide_label);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, form_box);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, lists_box);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, move_heading);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, blockers_list);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, move_error);
  gtk_widget_class_bind_template_child (widget_class, PwCycleView, move_button);
  pw_cycle_view_install_actions (widget_class);
}

static void
pw_cycle_view_init (PwCycleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->blockers_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What is missing to move on"),
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Public API ----------------------------------------------------------------------- */

GtkWidget *
pw_cycle_view_new (void)
{
  return g_object_new (PW_TYPE_CYCLE_VIEW, NULL);
}

/**
 * pw_cycle_view_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload the child belongs to
 */
PwCaseload *
pw_cycle_view_get_caseload (PwCycleView *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_VIEW (self), NULL);

  return self->caseload;
}

/**
 * pw_cycle_view_set_caseload:
 * @caseload: (nullable): the open caseload, or %NULL once it is closed
 */
void
pw_cycle_view_set_caseload (PwCycleView *self,
                            PwCaseload  *caseload)
{
  g_return_if_fail (PW_IS_CYCLE_VIEW (self));
  g_return_if_fail (caseload == NULL || PW_IS_CASELOAD (caseload));

  if (self->caseload == caseload)
    return;
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  pw_cycle_view_keep_edits (self);
  g_set_object (&self->caseload, caseload);
  if (caseload != NULL)
    g_signal_connect_object (caseload, "changed", G_CALLBACK (on_caseload_changed_cb), self,
                             G_CONNECT_SWAPPED);
  pw_cycle_view_reload (self);
}

/**
 * pw_cycle_view_get_child:
 *
 * Returns: (transfer none) (nullable): the child whose cycle is shown
 */
PwChild *
pw_cycle_view_get_child (PwCycleView *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_VIEW (self), NULL);

  return self->child;
}

/**
 * pw_cycle_view_set_child:
 * @child: (nullable): the child, from the view's caseload
 *
 * Shows the open cycle of @child.  Another child's cycle starts at the top;
 * the same child, handed again after a change, keeps the user's place.
 */
void
pw_cycle_view_set_child (PwCycleView *self,
                         PwChild     *child)
{
  gboolean other;

  g_return_if_fail (PW_IS_CYCLE_VIEW (self));
  g_return_if_fail (child == NULL || PW_IS_CHILD (child));

  other = child == NULL || self->child == NULL ||
          pw_record_get_id (PW_RECORD (child)) != child_id (self);
  if (other)
    {
      pw_cycle_view_keep_edits (self);
      pw_cycle_view_clear (self);
    }
  g_set_object (&self->child, child);
  pw_cycle_view_reload (self);
  if (other)
    pw_cycle_view_scroll_to_top (self);
}

/**
 * pw_cycle_view_get_cycle:
 *
 * Returns: (transfer none) (nullable): the open cycle shown, as edited
 */
PwCycle *
pw_cycle_view_get_cycle (PwCycleView *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_VIEW (self), NULL);

  return self->cycle;
}

/**
 * pw_cycle_view_get_form:
 *
 * Returns: (transfer none) (nullable): the form of the current stage
 */
PwRecordForm *
pw_cycle_view_get_form (PwCycleView *self)
{
  g_return_val_if_fail (PW_IS_CYCLE_VIEW (self), NULL);

  return self->form;
}
