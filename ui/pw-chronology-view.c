/* pw-chronology-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Chronology of one child: everything recorded about them, by the date
 * it happened (a late entry slots in at its event date), under a heading
 * for each month.
 *
 * Each entry shows its date, an icon for its kind (named in words for a
 * screen reader) and the core's one-line summary.  A child can have
 * hundreds of entries, so they are rows of a GtkListView, which makes
 * widgets only for the rows around those on screen; the month headings are
 * items of the same list.  A PwChildWatch reads the entries in a worker
 * thread.  The newest entries come first; the order can be turned round to
 * read the chronology as a story.
 */

#define G_LOG_DOMAIN "pw-chronology-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pw-child-format.h"
#include "pw-chronology-entry.h"
#include "pw-chronology-view.h"

struct _PwChronologyView
{
  PwChildView      parent_instance;

  GListModel      *entries;   /* PwChronologyEntry, oldest first, as the core gives them */
  GListStore      *rows;      /* month headings (GtkStringObject) and entries */
  guint            n_months;
  gint64           shown_child;

  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkLabel        *count_label;
  GtkToggleButton *newest_button;
  GtkListView     *list_view;
};

G_DEFINE_FINAL_TYPE (PwChronologyView, pw_chronology_view, PW_TYPE_CHILD_VIEW)

typedef struct
{
  const char *kind;
  const char *icon_name;
  const char *name;
} KindInfo;

/* The kinds of pw_chronology_entry_new(). */
static const KindInfo kinds[] = {
  { "level-change", "go-up-symbolic", N_("Level change") },
  { "cycle-opened", "media-playback-start-symbolic", N_("Cycle started") },
  { "review", "emblem-ok-symbolic", N_("Review") },
  { "session", "x-office-calendar-symbolic", N_("Session") },
  { "contribution", "chat-message-new-symbolic", N_("Contribution") },
  { "meeting", "system-users-symbolic", N_("Meeting") },
  { "action-done", "object-select-symbolic", N_("Action done") },
  { "consent", "channel-secure-symbolic", N_("Consent") },
  { "consent-withdrawn", "channel-insecure-symbolic", N_("Consent withdrawn") },
  { "involvement", "contact-new-symbolic", N_("Agency involved") },
  { "exclusion", "dialog-warning-symbolic", N_("Exclusion") },
  { "note", "text-x-generic-symbolic", N_("Note") },
  { "amendment", "document-edit-symbolic", N_("Correction") },
};

static const KindInfo unknown_kind = { NULL, "text-x-generic-symbolic", N_("Entry") };

static const KindInfo *
kind_info (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return &kinds[i];
  return &unknown_kind;
}

/* "March 2026" for 2026-03-14. */
static char *
dup_month_title (const char *iso_date)
{
  g_autoptr(GDateTime) time = NULL;
  int year = 0, month = 0;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d", &year, &month) != 2 ||
      month < 1 || month > 12)
    return g_strdup (_("Date not recorded"));
  time = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  if (time == NULL)
    return g_strdup (_("Date not recorded"));
  /* TRANSLATORS: a month heading in the chronology, as g_date_time_format() writes it */
  return g_date_time_format (time, C_("month heading", "%B %Y"));
}

/* Rows of the list --------------------------------------------------------------- */

/* A step down points down. */
static const char *
icon_name (const KindInfo    *info,
           PwChronologyEntry *entry)
{
  PwRecord *record = pw_chronology_entry_get_record (entry);

  if (PW_IS_LEVEL_CHANGE (record) &&
      pw_record_get_int (record, "to-level") < pw_record_get_int (record, "from-level"))
    return "go-down-symbolic";
  return info->icon_name;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  /* Rows are at least as tall as a sidebar row; their parts line up at the
   * top, so that a summary that wraps starts level with its date. */
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_width_chars (GTK_LABEL (date), 11);
  gtk_widget_set_valign (date, GTK_ALIGN_START);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "numeric");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (summary), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (summary, TRUE);
  gtk_widget_set_valign (summary, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), summary);
  g_object_set_data (G_OBJECT (box), "heading", heading);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "date", date);
  g_object_set_data (G_OBJECT (box), "summary", summary);
  gtk_list_item_set_child (item, box);
}

static void
show_parts (GtkWidget *box,
            gboolean   is_heading)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "heading"), is_heading);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "icon"), !is_heading);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "date"), !is_heading);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "summary"), !is_heading);
  gtk_widget_set_margin_top (box, is_heading ? 18 : 6);
  gtk_widget_set_margin_bottom (box, 6);
}

static void
bind_heading (GtkListItem     *item,
              GtkStringObject *month)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  const char *title = gtk_string_object_get_string (month);

  show_parts (box, TRUE);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "heading"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
bind_entry (GtkListItem       *item,
            PwChronologyEntry *entry)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  const KindInfo *info = kind_info (pw_chronology_entry_get_kind (entry));
  const char *summary = pw_chronology_entry_get_summary (entry);
  g_autofree char *date = pw_format_date (pw_chronology_entry_get_event_date (entry), FALSE);
  g_autofree char *spoken = NULL;
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");

  show_parts (box, FALSE);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name (info, entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(info->name), -1);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "date"), date != NULL ? date : "");
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "summary"), summary);
  /* TRANSLATORS: a chronology entry read aloud: "3 Mar 2026, Meeting: TALC meeting" */
  spoken = g_strdup_printf (_("%s, %s: %s"), date != NULL ? date : "", _(info->name), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GObject *row = gtk_list_item_get_item (item);
  gboolean is_heading = GTK_IS_STRING_OBJECT (row);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  if (is_heading)
    bind_heading (item, GTK_STRING_OBJECT (row));
  else
    bind_entry (item, PW_CHRONOLOGY_ENTRY (row));
}

/* Showing ------------------------------------------------------------------------ */

static gboolean
same_month (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && strncmp (a, b, 7) == 0;
}

/* The entries in the chosen order, each month after its heading. */
static GPtrArray *
build_rows (PwChronologyView *self)
{
  gboolean newest_first = gtk_toggle_button_get_active (self->newest_button);
  guint n = self->entries != NULL ? g_list_model_get_n_items (self->entries) : 0;
  GPtrArray *rows = g_ptr_array_new_full (n + n / 4, g_object_unref);
  const char *month = NULL;

  self->n_months = 0;
  for (guint i = 0; i < n; i++)
    {
      PwChronologyEntry *entry = g_list_model_get_item (self->entries,
                                                        newest_first ? n - 1 - i : i);
      const char *date = pw_chronology_entry_get_event_date (entry);

      if (month == NULL || !same_month (month, date))
        {
          g_autofree char *title = dup_month_title (date);

          g_ptr_array_add (rows, gtk_string_object_new (title));
          self->n_months++;
        }
      month = date;
      g_ptr_array_add (rows, entry);
    }
  return rows;
}

static void
update_count (PwChronologyView *self,
              guint             n)
{
  g_autofree char *text = NULL;
  g_autoptr(PwChronologyEntry) first = n > 0 ? g_list_model_get_item (self->entries, 0) : NULL;
  g_autofree char *since = first != NULL
                           ? pw_format_date (pw_chronology_entry_get_event_date (first), FALSE)
                           : NULL;

  if (since != NULL)
    /* TRANSLATORS: "243 entries since 3 Mar 2019" */
    text = g_strdup_printf (g_dngettext (NULL, "%u entry since %s", "%u entries since %s", n), n,
                            since);
  else
    text = g_strdup_printf (g_dngettext (NULL, "%u entry", "%u entries", n), n);
  gtk_label_set_label (self->count_label, text);
}

static void
update_page (PwChronologyView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "entries");
  else if (pw_child_view_get_loading (PW_CHILD_VIEW (self)))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_rows (PwChronologyView *self,
           gboolean          from_top)
{
  g_autoptr(GPtrArray) rows = build_rows (self);
  guint n = self->entries != NULL ? g_list_model_get_n_items (self->entries) : 0;

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  update_count (self, n);
  update_page (self);
  if (from_top && rows->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
set_message (PwChronologyView *self,
             const GError     *error)
{
  adw_status_page_set_title (self->empty_page, error != NULL ? _("Could not read the chronology")
                                                             : _("Nothing recorded yet"));
  adw_status_page_set_description (self->empty_page,
                                   error != NULL ? error->message
                                                 : _("Everything recorded about the child will "
                                                     "show here by the date it happened"));
}

/* Runs in a worker thread. */
static gpointer
load_chronology (PwCaseload  *caseload,
                 gint64       child_id,
                 GError     **error)
{
  return pw_caseload_chronology (caseload, child_id, error);
}

/* The same child again keeps its place in the list; another starts at the top. */
static void
show_chronology (GtkWidget    *widget,
                 gpointer      data,
                 const GError *error)
{
  PwChronologyView *self = PW_CHRONOLOGY_VIEW (widget);
  gint64 child_id = pw_child_view_get_child_id (PW_CHILD_VIEW (self));
  gboolean other = data == NULL || child_id != self->shown_child;

  g_clear_object (&self->entries);
  self->entries = data;
  self->shown_child = data != NULL ? child_id : 0;
  set_message (self, error);
  show_rows (self, other);
}

static void
on_order_toggled_cb (PwChronologyView *self)
{
  show_rows (self, TRUE);
}

/* GObject ------------------------------------------------------------------------ */

static void
pw_chronology_view_dispose (GObject *object)
{
  PwChronologyView *self = PW_CHRONOLOGY_VIEW (object);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CHRONOLOGY_VIEW);
  g_clear_object (&self->rows);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (pw_chronology_view_parent_class)->dispose (object);
}

static void
pw_chronology_view_class_init (PwChronologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PwChildViewClass *view_class = PW_CHILD_VIEW_CLASS (klass);

  object_class->dispose = pw_chronology_view_dispose;

  view_class->tables = NULL;
  view_class->load = load_chronology;
  view_class->show = show_chronology;
  view_class->free_data = g_object_unref;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-chronology-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "chronology_stack", FALSE,
                                             G_STRUCT_OFFSET (PwChronologyView, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "chronology_empty_page", FALSE,
                                             G_STRUCT_OFFSET (PwChronologyView, empty_page));
  gtk_widget_class_bind_template_child_full (widget_class, "chronology_count_label", FALSE,
                                             G_STRUCT_OFFSET (PwChronologyView, count_label));
  gtk_widget_class_bind_template_child (widget_class, PwChronologyView, newest_button);
  gtk_widget_class_bind_template_child_full (widget_class, "chronology_list", FALSE,
                                             G_STRUCT_OFFSET (PwChronologyView, list_view));
}

static void
pw_chronology_view_init (PwChronologyView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (G_TYPE_OBJECT);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (
                             gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)))));
  g_signal_connect_swapped (self->newest_button, "toggled", G_CALLBACK (on_order_toggled_cb),
                            self);
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_page), NULL);
  set_message (self, NULL);
  show_rows (self, FALSE);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_chronology_view_new (void)
{
  return g_object_new (PW_TYPE_CHRONOLOGY_VIEW, NULL);
}
