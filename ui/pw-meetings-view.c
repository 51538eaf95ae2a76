/* pw-meetings-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Meetings: the TAF, TALC and Intervention Circle meetings held about one
 * child, newest first, and the actions agreed at each.
 *
 * Each meeting is a group of its own: its type and date, the lead agency,
 * the question put to it and its notes, who came, and its actions with
 * their owner and due date.  An action that is past its due date and not
 * done says "Overdue" in the error colour; a done one says when.  "Add a
 * meeting…", and on each meeting "Add an action…" and "Add an attendee…",
 * open forms; "Mark done" records an action as done today.  A refusal of
 * the core shows at the top of the view.
 *
 * The records come from three queries (meetings, attendees, actions),
 * however many meetings there are, read in a worker thread by a
 * PwChildWatch; the view builds a page of meetings at a time.
 */

#define G_LOG_DOMAIN "pw-meetings-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-child-format.h"
#include "pw-meetings-view.h"
#include "pw-record-dialog.h"

#define PAGE_SIZE 10

struct _PwMeetingsView
{
  PwChildView          parent_instance;

  GPtrArray           *meetings;      /* PwMeeting, newest first */
  GHashTable          *attendees;     /* meeting id -> GPtrArray of PwAttendee */
  GHashTable          *actions;       /* meeting id -> GPtrArray of PwMeetingAction */
  GHashTable          *action_rows;   /* action id -> its row, while shown */
  GPtrArray           *groups;        /* the groups added to the page */
  GtkWidget           *more_group;    /* the last of them, with "Show older meetings" */
  gint64               shown_child;
  guint                n_shown;
  gint64               focus_action;  /* the action to focus once shown again */
  char                *today;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *meetings_group;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (PwMeetingsView, pw_meetings_view, PW_TYPE_CHILD_VIEW)

static const char * const watched_tables[] = { "meeting", "attendee", "meeting_action", NULL };

static const char * const meeting_fields[] = {
  "type", "date", "question", "lead-agency", "notes", NULL
};

static const char * const action_fields[] = { "description", "owner", "due-date", NULL };

static const char * const attendee_fields[] = { "name", "agency", "role", NULL };

typedef enum
{
  ACTION_OPEN,
  ACTION_OVERDUE,
  ACTION_DONE,
} ActionState;

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

static ActionState
action_state (PwMeetingsView *self,
              PwRecord       *action)
{
  const char *due = pw_record_get_text (action, "due-date");

  if (pw_record_is_set (action, "done-on"))
    return ACTION_DONE;
  if (due != NULL && strcmp (due, self->today) < 0)
    return ACTION_OVERDUE;
  return ACTION_OPEN;
}

/* "Owner: Jo Bloggs · Due 1 Dec 2026" */
static char *
dup_action_details (PwRecord *action)
{
  const char *owner = pw_record_get_text (action, "owner");
  g_autofree char *due = pw_format_date (pw_record_get_text (action, "due-date"), FALSE);

  if (due == NULL)
    /* TRANSLATORS: who does an agreed action: "Owner: Jo Bloggs" */
    return g_strdup_printf (_("Owner: %s"), owner);
  /* TRANSLATORS: who does an agreed action and by when: "Owner: Jo Bloggs · Due 1 Dec 2026" */
  return g_strdup_printf (_("Owner: %s · Due %s"), owner, due);
}

/* "Overdue", "Done on 3 Dec 2026", or nothing for an action not yet due. */
static char *
dup_action_status (PwMeetingsView *self,
                   PwRecord       *action)
{
  g_autofree char *done = pw_format_date (pw_record_get_text (action, "done-on"), FALSE);

  switch (action_state (self, action))
    {
    case ACTION_DONE:
      /* TRANSLATORS: when an agreed action was done: "Done on 3 Dec 2026" */
      return g_strdup_printf (_("Done on %s"), done != NULL ? done : "");
    case ACTION_OVERDUE:
      return g_strdup (_("Overdue"));
    case ACTION_OPEN:
    default:
      return NULL;
    }
}

/* "Team Around the Family, 3 Mar 2026" */
static char *
dup_meeting_name (PwRecord *meeting)
{
  g_autofree char *date = pw_format_date (pw_record_get_text (meeting, "date"), FALSE);

  /* TRANSLATORS: a meeting's type and date: "TALC, 3 Mar 2026" */
  return g_strdup_printf (_("%s, %s"), code_label (meeting, PW_CODES_MEETING_TYPE, "type"),
                          date != NULL ? date : "");
}

/* Rows ------------------------------------------------------------------------- */

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_action_button (const char *label,
                   const char *action_name,
                   gint64      id,
                   const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible_label, -1);
  return button;
}

static GtkWidget *
new_status_label (PwMeetingsView *self,
                  PwRecord       *action,
                  const char     *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  switch (action_state (self, action))
    {
    case ACTION_OVERDUE:
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "heading");
      break;
    case ACTION_DONE:
      gtk_widget_add_css_class (label, "success");
      break;
    case ACTION_OPEN:
    default:
      gtk_widget_add_css_class (label, "dim-label");
      break;
    }
  return label;
}

static GtkWidget *
new_meeting_action_row (PwMeetingsView *self,
                        PwRecord       *action)
{
  const char *description = pw_record_get_text (action, "description");
  g_autofree char *details = dup_action_details (action);
  g_autofree char *status = dup_action_status (self, action);
  g_autofree char *spoken = NULL;
  g_autofree char *button_name = NULL;
  GtkWidget *row = new_row (description, details);

  spoken = status != NULL ? g_strdup_printf ("%s. %s", details, status) : g_strdup (details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  spoken, -1);
  if (status != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_status_label (self, action, status));
  if (action_state (self, action) != ACTION_DONE)
    {
      GtkWidget *button;

      /* TRANSLATORS: the name a screen reader gives the button: "Mark done: Send the referral" */
      button_name = g_strdup_printf (_("Mark done: %s"), description);
      button = new_action_button (_("Mark _done"), "meetings.mark-done",
                                  pw_record_get_id (action), button_name);
      gtk_widget_set_tooltip_text (button, _("Record that the action was done today"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  g_hash_table_insert (self->action_rows, GINT_TO_POINTER (pw_record_get_id (action)), row);
  return row;
}

static char *
dup_attendee_names (GPtrArray *attendees)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (attendees->len, NULL, TRUE);

  for (guint i = 0; i < attendees->len; i++)
    g_ptr_array_add (names, (gpointer) pw_record_get_text (g_ptr_array_index (attendees, i),
                                                           "name"));
  return g_strjoinv (", ", (char **) names->pdata);
}

static GtkWidget *
new_attendee_row (PwRecord *attendee)
{
  const char *agency = pw_record_get_text (attendee, "agency");
  const char *role = pw_nonempty (pw_record_get_text (attendee, "role"));
  g_autofree char *details = NULL;

  if (agency != NULL && role != NULL)
    /* TRANSLATORS: an attendee's agency and role: "Social care · Social worker" */
    details = g_strdup_printf (_("%s · %s"), code_label (attendee, PW_CODES_AGENCY, "agency"),
                               role);
  else
    details = g_strdup (agency != NULL ? code_label (attendee, PW_CODES_AGENCY, "agency") : role);
  return new_row (pw_record_get_text (attendee, "name"), details);
}

static GtkWidget *
new_attendees_row (PwRecord  *meeting,
                   GPtrArray *attendees)
{
  GtkWidget *row = adw_expander_row_new ();
  guint n = attendees != NULL ? attendees->len : 0;
  g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%u attendee", "%u attendees", n),
                                            n);
  g_autofree char *names = n > 0 ? dup_attendee_names (attendees) : g_strdup (_("None recorded"));
  g_autofree char *meeting_name = dup_meeting_name (meeting);
  g_autofree char *button_name = g_strdup_printf (_("Add an attendee to %s"), meeting_name);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), names);
  for (guint i = 0; i < n; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_attendee_row (g_ptr_array_index (attendees, i)));
  button = new_action_button (_("Add an a_ttendee…"), "meetings.add-attendee",
                              pw_record_get_id (meeting), button_name);
  gtk_widget_add_css_class (button, "flat");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  return row;
}

static void
add_text_row (AdwPreferencesGroup *group,
              PwRecord            *meeting,
              const char          *title,
              const char          *field)
{
  const char *text = pw_nonempty (pw_record_get_text (meeting, field));

  if (text != NULL)
    adw_preferences_group_add (group, new_row (title, text));
}

static void
add_action_rows (PwMeetingsView      *self,
                 AdwPreferencesGroup *group,
                 GPtrArray           *actions)
{
  GtkWidget *none;

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    adw_preferences_group_add (group, new_meeting_action_row (self,
                                                              g_ptr_array_index (actions, i)));
  if (actions != NULL && actions->len > 0)
    return;
  none = new_row (_("No actions agreed"), NULL);
  gtk_widget_add_css_class (none, "dim-label");
  adw_preferences_group_add (group, none);
}

static char *
dup_meeting_description (PwRecord *meeting)
{
  g_autofree char *date = pw_format_date (pw_record_get_text (meeting, "date"), TRUE);
  const char *lead = code_label (meeting, PW_CODES_AGENCY, "lead-agency");

  if (*lead == '\0')
    return g_steal_pointer (&date);
  /* TRANSLATORS: a meeting's date and the agency leading: "3 March 2026 · Lead: Social care" */
  return g_strdup_printf (_("%s · Lead: %s"), date != NULL ? date : "", lead);
}

static GtkWidget *
new_meeting_group (PwMeetingsView *self,
                   PwRecord       *meeting)
{
  gpointer id = GINT_TO_POINTER (pw_record_get_id (meeting));
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *description = dup_meeting_description (meeting);
  g_autofree char *name = dup_meeting_name (meeting);
  g_autofree char *button_name = g_strdup_printf (_("Add an action to %s"), name);

  adw_preferences_group_set_title (group, code_label (meeting, PW_CODES_MEETING_TYPE, "type"));
  adw_preferences_group_set_description (group, description);
  adw_preferences_group_set_header_suffix (group,
                                           new_action_button (_("Add an a_ction…"),
                                                              "meetings.add-action",
                                                              pw_record_get_id (meeting),
                                                              button_name));
  gtk_widget_add_css_class (adw_preferences_group_get_header_suffix (group), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (group), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  add_text_row (group, meeting, _("Question for the meeting"), "question");
  add_text_row (group, meeting, _("Notes"), "notes");
  adw_preferences_group_add (group, new_attendees_row (meeting,
                                                       g_hash_table_lookup (self->attendees, id)));
  add_action_rows (self, group, g_hash_table_lookup (self->actions, id));
  return GTK_WIDGET (group);
}

/* Showing ---------------------------------------------------------------------- */

static void
remove_groups (PwMeetingsView *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->action_rows);
  self->more_group = NULL;
}

static void
on_more_clicked_cb (PwMeetingsView *self);

static void
add_group (PwMeetingsView *self,
           GtkWidget      *group)
{
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static GtkWidget *
new_more_group (PwMeetingsView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _older meetings"));

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_more_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  return group;
}

/* Adds the meetings from @from up to the page's end, then the button that
 * shows more if there are more.  Returns the first group added. */
static GtkWidget *
add_meetings (PwMeetingsView *self,
              guint           from)
{
  guint n = MIN (self->n_shown, self->meetings->len);
  GtkWidget *first = NULL;

  if (self->more_group != NULL)
    {
      g_ptr_array_remove (self->groups, self->more_group);
      adw_preferences_page_remove (self->page, ADW_PREFERENCES_GROUP (self->more_group));
      self->more_group = NULL;
    }
  for (guint i = from; i < n; i++)
    {
      GtkWidget *group = new_meeting_group (self, g_ptr_array_index (self->meetings, i));

      add_group (self, group);
      first = first != NULL ? first : group;
    }
  if (n < self->meetings->len)
    add_group (self, self->more_group = new_more_group (self));
  return first;
}

static void
show_meetings (PwMeetingsView *self)
{
  remove_groups (self);
  add_meetings (self, 0);
}

static void
count_actions (PwMeetingsView *self,
               guint          *n_open,
               guint          *n_overdue)
{
  GHashTableIter iter;
  GPtrArray *actions;

  *n_open = *n_overdue = 0;
  g_hash_table_iter_init (&iter, self->actions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &actions))
    for (guint i = 0; i < actions->len; i++)
      {
        ActionState state = action_state (self, g_ptr_array_index (actions, i));

        *n_open += state != ACTION_DONE;
        *n_overdue += state == ACTION_OVERDUE;
      }
}

static void
update_page (PwMeetingsView *self)
{
  if (self->meetings->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "meetings");
  else if (pw_child_view_get_loading (PW_CHILD_VIEW (self)))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_summary (PwMeetingsView *self)
{
  guint n = self->meetings->len;
  guint n_open, n_overdue;
  g_autofree char *meetings = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *summary = NULL;

  count_actions (self, &n_open, &n_overdue);
  meetings = g_strdup_printf (g_dngettext (NULL, "%u meeting, newest first",
                                           "%u meetings, newest first", n), n);
  if (n_overdue > 0)
    actions = g_strdup_printf (g_dngettext (NULL, "%u action open, %u overdue",
                                            "%u actions open, %u overdue", n_open),
                               n_open, n_overdue);
  else
    actions = g_strdup_printf (g_dngettext (NULL, "%u action open", "%u actions open", n_open),
                               n_open);
  /* TRANSLATORS: the number of meetings, then of actions not yet done */
  summary = g_strdup_printf (_("%s · %s"), meetings, actions);
  adw_preferences_group_set_description (self->meetings_group, summary);
  update_page (self);
}

static void
show_error (PwMeetingsView *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* After "Mark done", the keyboard stays on the action. */
static void
restore_focus (PwMeetingsView *self)
{
  GtkWidget *row = g_hash_table_lookup (self->action_rows, GINT_TO_POINTER (self->focus_action));

  self->focus_action = 0;
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

/* Reading, in a worker thread ---------------------------------------------------- */

typedef struct
{
  GPtrArray  *meetings;    /* newest first */
  GHashTable *attendees;   /* meeting id -> GPtrArray of PwAttendee */
  GHashTable *actions;     /* meeting id -> GPtrArray of PwMeetingAction */
} MeetingsData;

static void
meetings_data_free (gpointer data)
{
  MeetingsData *meetings = data;

  g_clear_pointer (&meetings->meetings, g_ptr_array_unref);
  g_clear_pointer (&meetings->attendees, g_hash_table_unref);
  g_clear_pointer (&meetings->actions, g_hash_table_unref);
  g_free (meetings);
}

static GHashTable *
new_groups (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static GHashTable *
group_by_meeting (GListModel *records)
{
  GHashTable *groups = new_groups ();
  guint n = g_list_model_get_n_items (records);

  for (guint i = 0; i < n; i++)
    {
      PwRecord *record = g_list_model_get_item (records, i);
      gpointer meeting_id = GINT_TO_POINTER (pw_record_get_int (record, "meeting-id"));
      GPtrArray *list = g_hash_table_lookup (groups, meeting_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, meeting_id, list);
        }
      g_ptr_array_add (list, record);
    }
  return groups;
}

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  PwRecord *x = *(PwRecord **) a;
  PwRecord *y = *(PwRecord **) b;
  int by_date = g_strcmp0 (pw_record_get_text (y, "date"), pw_record_get_text (x, "date"));

  if (by_date != 0)
    return by_date;
  return pw_record_get_id (y) > pw_record_get_id (x) ? 1 : -1;
}

static GPtrArray *
newest_first (GListModel *meetings)
{
  guint n = g_list_model_get_n_items (meetings);
  GPtrArray *sorted = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (meetings, i));
  g_ptr_array_sort (sorted, compare_meetings);
  return sorted;
}

static gpointer
load_meetings (PwCaseload  *caseload,
               gint64       child_id,
               GError     **error)
{
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) attendees = NULL;
  g_autoptr(GListModel) actions = NULL;
  MeetingsData *data;

  if ((meetings = pw_caseload_list (caseload, PW_TYPE_MEETING, "child-id", child_id,
                                    error)) == NULL ||
      (attendees = pw_caseload_list (caseload, PW_TYPE_ATTENDEE, "child-id", child_id,
                                     error)) == NULL ||
      (actions = pw_caseload_list (caseload, PW_TYPE_MEETING_ACTION, "child-id", child_id,
                                   error)) == NULL)
    return NULL;
  data = g_new0 (MeetingsData, 1);
  data->meetings = newest_first (meetings);
  data->attendees = group_by_meeting (attendees);
  data->actions = group_by_meeting (actions);
  return data;
}

static void
set_message (PwMeetingsView *self,
             const GError   *error)
{
  adw_status_page_set_title (self->empty_page, error != NULL ? _("Could not read the meetings")
                                                             : _("No meetings yet"));
  adw_status_page_set_description (self->empty_page,
                                   error != NULL ? error->message
                                                 : _("Team Around the Family, TALC and "
                                                     "Intervention Circle meetings, and the "
                                                     "actions agreed, will show here"));
}

static void
show_records (GtkWidget    *widget,
              gpointer      data,
              const GError *error)
{
  PwMeetingsView *self = PW_MEETINGS_VIEW (widget);
  MeetingsData *meetings = data;
  gint64 child_id = pw_child_view_get_child_id (PW_CHILD_VIEW (self));

  g_free (self->today);
  self->today = pw_today ();
  /* Another child starts with the newest page of meetings. */
  if (meetings == NULL || self->shown_child != child_id)
    self->n_shown = PAGE_SIZE;
  self->shown_child = meetings != NULL ? child_id : 0;
  remove_groups (self);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->attendees, g_hash_table_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  self->meetings = meetings != NULL ? g_steal_pointer (&meetings->meetings)
                                    : g_ptr_array_new_with_free_func (g_object_unref);
  self->attendees = meetings != NULL ? g_steal_pointer (&meetings->attendees) : new_groups ();
  self->actions = meetings != NULL ? g_steal_pointer (&meetings->actions) : new_groups ();
  set_message (self, error);
  show_meetings (self);
  update_summary (self);
  restore_focus (self);
  gtk_widget_action_set_enabled (widget, "meetings.add-meeting",
                                 pw_child_view_get_child (PW_CHILD_VIEW (self)) != NULL);
  if (meetings != NULL)
    meetings_data_free (meetings);
}

/* Actions ---------------------------------------------------------------------- */

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static PwRecord *
find_meeting (PwMeetingsView *self,
              gint64          id)
{
  for (guint i = 0; i < self->meetings->len; i++)
    if (pw_record_get_id (g_ptr_array_index (self->meetings, i)) == id)
      return g_ptr_array_index (self->meetings, i);
  return NULL;
}

static PwRecord *
find_action (PwMeetingsView *self,
             gint64          id)
{
  GHashTableIter iter;
  GPtrArray *actions;

  g_hash_table_iter_init (&iter, self->actions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &actions))
    for (guint i = 0; i < actions->len; i++)
      if (pw_record_get_id (g_ptr_array_index (actions, i)) == id)
        return g_ptr_array_index (actions, i);
  return NULL;
}

/* A new record of the child, and a dialog to fill it in. */
static void
open_dialog (PwMeetingsView     *self,
             GType               type,
             PwRecord           *meeting,
             const char         *title,
             const char * const *fields)
{
  PwChild *child = pw_child_view_get_child (PW_CHILD_VIEW (self));
  g_autoptr(PwRecord) record = pw_record_new (type);
  g_autofree char *subtitle = meeting != NULL ? dup_meeting_name (meeting)
                                              : pw_child_dup_display_name (child);
  PwRecordDialog *dialog;

  pw_record_set_int (record, "child-id", pw_record_get_id (PW_RECORD (child)));
  if (meeting != NULL)
    pw_record_set_int (record, "meeting-id", pw_record_get_id (meeting));
  if (type == PW_TYPE_MEETING)
    pw_record_set_text (record, "date", self->today);
  dialog = pw_record_dialog_new (parent_window (GTK_WIDGET (self)),
                                 pw_child_view_get_caseload (PW_CHILD_VIEW (self)), record, title,
                                 _("_Add"), fields);
  pw_record_dialog_set_subtitle (dialog, subtitle);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_dialog (PW_MEETINGS_VIEW (widget), PW_TYPE_MEETING, NULL, _("Add a meeting"),
               meeting_fields);
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwMeetingsView *self = PW_MEETINGS_VIEW (widget);
  PwRecord *meeting = find_meeting (self, g_variant_get_int64 (parameter));

  if (meeting != NULL)
    open_dialog (self, PW_TYPE_MEETING_ACTION, meeting, _("Add an action"), action_fields);
}

static void
add_attendee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwMeetingsView *self = PW_MEETINGS_VIEW (widget);
  PwRecord *meeting = find_meeting (self, g_variant_get_int64 (parameter));

  if (meeting != NULL)
    open_dialog (self, PW_TYPE_ATTENDEE, meeting, _("Add an attendee"), attendee_fields);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwMeetingsView *self = PW_MEETINGS_VIEW (widget);
  PwCaseload *caseload = pw_child_view_get_caseload (PW_CHILD_VIEW (self));
  PwRecord *action = find_action (self, g_variant_get_int64 (parameter));
  g_autoptr(PwRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (action == NULL)
    return;
  /* The shown record stays as it was if the core refuses. */
  copy = pw_caseload_load (caseload, PW_TYPE_MEETING_ACTION, pw_record_get_id (action), &error);
  if (copy != NULL)
    {
      pw_record_set_text (copy, "done-on", self->today);
      pw_caseload_save (caseload, copy, &error);
    }
  show_error (self, error != NULL ? error->message : NULL);
  if (error == NULL)
    self->focus_action = pw_record_get_id (action);
}

/* Callbacks -------------------------------------------------------------------- */

/* A failed "Mark done" is about the child it was for. */
static void
on_record_notify_cb (PwMeetingsView *self)
{
  show_error (self, NULL);
}

/* The keyboard goes on to the first meeting added. */
static void
on_more_clicked_cb (PwMeetingsView *self)
{
  guint from = self->n_shown;
  GtkWidget *first;

  self->n_shown += PAGE_SIZE;
  first = add_meetings (self, from);
  if (first != NULL)
    gtk_widget_child_focus (first, GTK_DIR_TAB_FORWARD);
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_meetings_view_dispose (GObject *object)
{
  PwMeetingsView *self = PW_MEETINGS_VIEW (object);

  if (self->groups != NULL)
    remove_groups (self);
  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_MEETINGS_VIEW);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->attendees, g_hash_table_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  g_clear_pointer (&self->action_rows, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (pw_meetings_view_parent_class)->dispose (object);
}

static void
pw_meetings_view_class_init (PwMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwChildViewClass *view_class = PW_CHILD_VIEW_CLASS (klass);

  object_class->dispose = pw_meetings_view_dispose;

  view_class->tables = watched_tables;
  view_class->load = load_meetings;
  view_class->show = show_records;
  view_class->free_data = meetings_data_free;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-meetings-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "meetings_stack", FALSE,
                                             G_STRUCT_OFFSET (PwMeetingsView, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "meetings_empty_page", FALSE,
                                             G_STRUCT_OFFSET (PwMeetingsView, empty_page));
  gtk_widget_class_bind_template_child_full (widget_class, "meetings_page", FALSE,
                                             G_STRUCT_OFFSET (PwMeetingsView, page));
  gtk_widget_class_bind_template_child (widget_class, PwMeetingsView, meetings_group);
  gtk_widget_class_bind_template_child_full (widget_class, "meetings_error_label", FALSE,
                                             G_STRUCT_OFFSET (PwMeetingsView, error_label));

  gtk_widget_class_install_action (widget_class, "meetings.add-meeting", NULL,
                                   add_meeting_action);
  gtk_widget_class_install_action (widget_class, "meetings.add-action", "x", add_action_action);
  gtk_widget_class_install_action (widget_class, "meetings.add-attendee", "x",
                                   add_attendee_action);
  gtk_widget_class_install_action (widget_class, "meetings.mark-done", "x", mark_done_action);
}

static void
pw_meetings_view_init (PwMeetingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->meetings = g_ptr_array_new_with_free_func (g_object_unref);
  self->attendees = new_groups ();
  self->actions = new_groups ();
  self->action_rows = g_hash_table_new (NULL, NULL);
  self->groups = g_ptr_array_new ();
  self->n_shown = PAGE_SIZE;
  self->today = pw_today ();
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_page), NULL);
  g_signal_connect (self, "notify::record", G_CALLBACK (on_record_notify_cb), NULL);
  set_message (self, NULL);
  update_summary (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.add-meeting", FALSE);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_meetings_view_new (void)
{
  return g_object_new (PW_TYPE_MEETINGS_VIEW, NULL);
}
