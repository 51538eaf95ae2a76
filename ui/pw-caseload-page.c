/* pw-caseload-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The caseload of the unlocked store: a leaflet with the list of children
 * on the left and the selected child on the right.
 *
 * Given an unlocked store the page opens a PwCaseload on it (which brings
 * the schema up to date) and lists its children through a lazy PwChildList,
 * so that only the rows on screen are read.  The search entry, the filter
 * chips and the sort menu set the list's properties; the list queries the
 * store again and the view follows.  The levels are one exclusive group
 * that may be all off, like the two review filters; GtkToggleButton groups
 * cannot be all off, so the page keeps them exclusive itself.
 *
 * When the store locks, or another store is set, the page lets go of the
 * caseload and every child it showed, and clears the search, which may
 * hold a name.
 */

#define G_LOG_DOMAIN "pw-caseload-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-add-child-dialog.h"
#include "pw-caseload-page.h"
#include "pw-child-format.h"
#include "pw-child-list.h"
#include "pw-child-page.h"
#include "pw-export-dialog.h"
#include "pw-summary-print.h"
#include "pw-window.h"
#include "pw-child-row.h"
#include "pw-child-slots.h"

#define N_LEVELS 4

struct _PwCaseloadPage
{
  AdwBin              parent_instance;

  PwStore            *store;
  PwCaseload         *caseload;
  PwChildList        *list;
  GtkToggleButton    *level_group[N_LEVELS];
  gboolean            syncing_chips;
  PwChildSlots       *slots;        /* the list's rows, over the list */
  gboolean            list_changing;
  PwAddChildDialog   *add_dialog;
  gint64              my_worker_id; /* the worker named like the actor, or 0 */

  GtkStack           *main_stack;
  AdwStatusPage      *empty_page;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *level_1_chip;
  GtkToggleButton    *level_2_chip;
  GtkToggleButton    *level_3_chip;
  GtkToggleButton    *level_4_chip;
  GtkToggleButton    *overdue_chip;
  GtkToggleButton    *due_soon_chip;
  GtkToggleButton    *mine_chip;
  GtkToggleButton    *archived_chip;
  GtkLabel           *count_label;
  GtkDropDown        *sort_dropdown;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *no_matches_page;
  AdwWindowTitle     *child_title;
  GtkStack           *child_stack;
  PwChildPage        *child_page;
};

G_DEFINE_FINAL_TYPE (PwCaseloadPage, pw_caseload_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASELOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reading the controls --------------------------------------------------------- */

static int
selected_level (PwCaseloadPage *self)
{
  for (int i = 0; i < N_LEVELS; i++)
    if (gtk_toggle_button_get_active (self->level_group[i]))
      return i + 1;
  return 0;
}

static PwReviewFilter
selected_review_filter (PwCaseloadPage *self)
{
  if (gtk_toggle_button_get_active (self->overdue_chip))
    return PW_REVIEW_OVERDUE;
  if (gtk_toggle_button_get_active (self->due_soon_chip))
    return PW_REVIEW_DUE_SOON;
  return PW_REVIEW_ANY;
}

static gboolean
filters_active (PwCaseloadPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return *text != '\0' || selected_level (self) != 0 ||
         selected_review_filter (self) != PW_REVIEW_ANY ||
         gtk_toggle_button_get_active (self->mine_chip) ||
         gtk_toggle_button_get_active (self->archived_chip);
}

/* The lead practitioner or key worker that "Mine" looks for. */
static gint64
selected_worker (PwCaseloadPage *self)
{
  return gtk_toggle_button_get_active (self->mine_chip) ? self->my_worker_id : 0;
}

/* Showing the list ------------------------------------------------------------- */

/* Only asked when the unfiltered list is empty, to tell a new store from
 * one whose children are all archived. */
static gboolean
has_archived_children (PwCaseloadPage *self)
{
  g_autoptr(GError) error = NULL;
  PwCaseloadStats stats;

  if (!pw_caseload_get_stats (self->caseload, &stats, &error))
    {
      g_warning ("Could not count the archived children: %s", error->message);
      return FALSE;
    }
  return stats.archived > 0;
}

static void
pw_caseload_page_update_count (PwCaseloadPage *self,
                               guint           n_items)
{
  g_autofree char *text = NULL;

  if (gtk_toggle_button_get_active (self->archived_chip))
    /* TRANSLATORS: %'u is a number with thousands separators, such as "2,345" */
    text = g_strdup_printf (g_dngettext (NULL, "%'u archived child", "%'u archived children",
                                         n_items), n_items);
  else
    /* TRANSLATORS: %'u is a number with thousands separators, such as "2,345" */
    text = g_strdup_printf (g_dngettext (NULL, "%'u child", "%'u children", n_items), n_items);

  gtk_label_set_label (self->count_label, text);
}

static void
pw_caseload_page_update_view (PwCaseloadPage *self)
{
  guint n_items = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gboolean no_children = self->list == NULL ||
                         (n_items == 0 && !filters_active (self) && !has_archived_children (self));

  gtk_stack_set_visible_child_name (self->main_stack, no_children ? "empty" : "caseload");
  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "no-matches");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.search", !no_children);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.add-child", self->caseload != NULL);
  pw_caseload_page_update_count (self, n_items);
}

/* The list view keeps its place on the child that was at the top, wherever
 * a new search or order puts it; a new list should start at its top. */
static void
pw_caseload_page_scroll_to_top (PwCaseloadPage *self)
{
  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
pw_caseload_page_show_child (PwCaseloadPage *self,
                             PwChild        *child)
{
  g_autofree char *name = NULL;

  /* The selection moves with the child after a search: nothing to read again. */
  if (child != NULL && child == pw_child_page_get_child (self->child_page))
    return;
  name = child != NULL ? pw_child_dup_display_name (child) : NULL;
  pw_child_page_set_child (self->child_page, child);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.print-summary", child != NULL);
  adw_window_title_set_title (self->child_title, name != NULL ? name : "");
  gtk_stack_set_visible_child_name (self->child_stack, child != NULL ? "child" : "none");
}

static PwChild *
pw_caseload_page_selected_child (PwCaseloadPage *self)
{
  PwChildSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot != NULL ? pw_child_slot_get_child (slot) : NULL;
}

/* Once the list has changed, the selected row may hold another child (see
 * PwChildSlots): the child shown stays selected wherever they are now, as
 * they are now, and the page empties if the list no longer has them. */
static void
pw_caseload_page_reconcile (PwCaseloadPage *self)
{
  PwChild *child = pw_caseload_page_selected_child (self);
  PwChild *shown = pw_child_page_get_child (self->child_page);
  guint position;

  if (child == shown)
    return;
  if (shown == NULL ||
      (child != NULL && pw_record_get_id (PW_RECORD (child)) == pw_record_get_id (PW_RECORD (shown))))
    {
      pw_caseload_page_show_child (self, child);
      return;
    }
  if (pw_child_list_find (self->list, pw_record_get_id (PW_RECORD (shown)), &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      return;
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  pw_caseload_page_show_child (self, NULL);
}

/* Puts every control back as it is for a newly opened store.  The list is
 * not there yet, so the handlers have nothing to set. */
static void
pw_caseload_page_reset_controls (PwCaseloadPage *self)
{
  g_assert (self->list == NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  for (int i = 0; i < N_LEVELS; i++)
    gtk_toggle_button_set_active (self->level_group[i], FALSE);
  gtk_toggle_button_set_active (self->overdue_chip, FALSE);
  gtk_toggle_button_set_active (self->due_soon_chip, FALSE);
  gtk_toggle_button_set_active (self->mine_chip, FALSE);
  gtk_toggle_button_set_active (self->archived_chip, FALSE);
  gtk_drop_down_set_selected (self->sort_dropdown, PW_CHILD_SORT_NAME);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* "Mine" ------------------------------------------------------------------------ */

/* The worker whose name is the actor's: who "Mine" means. */
static gint64
find_my_worker (PwCaseloadPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) workers = NULL;
  const char *actor;
  guint n;

  if (self->caseload == NULL)
    return 0;
  actor = pw_caseload_get_actor (self->caseload);
  workers = pw_caseload_list_by_name (self->caseload, PW_TYPE_WORKER, &error);
  if (workers == NULL)
    {
      g_warning ("Could not read the workers: %s", error->message);
      return 0;
    }
  n = g_list_model_get_n_items (workers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) worker = g_list_model_get_item (workers, i);

      if (g_strcmp0 (pw_record_get_text (worker, "name"), actor) == 0)
        return pw_record_get_id (worker);
    }
  return 0;
}

/* The chip can only be used when the store has a worker with your name;
 * its tooltip says why not. */
static void
pw_caseload_page_update_mine (PwCaseloadPage *self)
{
  gint64 worker_id = find_my_worker (self);
  g_autofree char *why = NULL;

  self->my_worker_id = worker_id;
  if (worker_id == 0)
    {
      gtk_toggle_button_set_active (self->mine_chip, FALSE);
      why = self->caseload != NULL
        /* TRANSLATORS: %s is the name of the person using Pathway */
        ? g_strdup_printf (_("No worker in this store is named %s, so no children can be shown as yours"),
                           pw_caseload_get_actor (self->caseload))
        : NULL;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->mine_chip), worker_id != 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_chip),
                               why != NULL ? why
                                           : _("Show only children whose lead practitioner or key worker is you"));
  if (self->list != NULL)
    pw_child_list_set_lead_practitioner_id (self->list, selected_worker (self));
}

static void
on_caseload_changed_cb (PwCaseloadPage *self,
                        const char     *table,
                        gint64          child_id,
                        PwCaseload     *caseload)
{
  if (table == NULL || g_strcmp0 (table, "worker") == 0)
    pw_caseload_page_update_mine (self);
}

static void
on_caseload_actor_cb (PwCaseloadPage *self,
                      GParamSpec     *pspec,
                      PwCaseload     *caseload)
{
  pw_caseload_page_update_mine (self);
}

/* Opening and closing the caseload --------------------------------------------- */

static void
pw_caseload_page_close_add_dialog (PwCaseloadPage *self)
{
  if (self->add_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->add_dialog));
  g_clear_weak_pointer (&self->add_dialog);
}

static void
on_list_n_items_cb (PwCaseloadPage *self,
                    GParamSpec     *pspec,
                    PwChildList    *list)
{
  pw_caseload_page_update_view (self);
}

/* While the slots follow the list, the selection may let go of the row
 * under it or hold another child: the page looks once they are done. */
static void
on_list_items_changing_cb (PwCaseloadPage *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *list)
{
  self->list_changing = TRUE;
}

static void
on_list_items_changed_cb (PwCaseloadPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *list)
{
  self->list_changing = FALSE;
  pw_caseload_page_reconcile (self);
}

static void
pw_caseload_page_close_caseload (PwCaseloadPage *self)
{
  gboolean had_caseload = self->caseload != NULL;

  /* A half-filled form holds a child's details too. */
  pw_caseload_page_close_add_dialog (self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->slots);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  g_clear_object (&self->caseload);
  pw_child_page_set_caseload (self->child_page, NULL);
  pw_caseload_page_update_mine (self);

  pw_caseload_page_reset_controls (self);
  pw_caseload_page_show_child (self, NULL);
  pw_caseload_page_update_view (self);
  if (had_caseload)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASELOAD]);
}

static void
pw_caseload_page_open_caseload (PwCaseloadPage *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->caseload == NULL);

  self->caseload = pw_caseload_new (self->store, &error);
  if (self->caseload == NULL)
    {
      g_warning ("Could not open the caseload: %s", error->message);
      return;
    }

  pw_child_page_set_caseload (self->child_page, self->caseload);
  pw_caseload_page_reset_controls (self);
  self->list = pw_child_list_new (self->caseload);
  g_signal_connect_object (self->list, "notify::n-items",
                           G_CALLBACK (on_list_n_items_cb), self, G_CONNECT_SWAPPED);
  /* Around the slots' own handler: see pw_caseload_page_reconcile(). */
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changing_cb), self, G_CONNECT_SWAPPED);
  self->slots = pw_child_slots_new (G_LIST_MODEL (self->list));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slots));
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->caseload, "changed",
                           G_CALLBACK (on_caseload_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->caseload, "notify::actor",
                           G_CALLBACK (on_caseload_actor_cb), self, G_CONNECT_SWAPPED);
  pw_caseload_page_update_mine (self);

  pw_caseload_page_update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASELOAD]);
}

static void
on_store_notify_locked_cb (PwCaseloadPage *self,
                           GParamSpec     *pspec,
                           PwStore        *store)
{
  if (pw_store_get_locked (store))
    pw_caseload_page_close_caseload (self);
  else if (self->caseload == NULL)
    pw_caseload_page_open_caseload (self);
}

/* Callbacks -------------------------------------------------------------------- */

static void
on_search_changed_cb (PwCaseloadPage *self,
                      GtkSearchEntry *entry)
{
  if (self->list == NULL)
    return;

  pw_child_list_set_search_text (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  pw_caseload_page_update_view (self);
  pw_caseload_page_scroll_to_top (self);
}

static void
on_stop_search_cb (PwCaseloadPage *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Enter in the search moves on to the results. */
static void
on_search_activate_cb (PwCaseloadPage *self,
                       GtkSearchEntry *entry)
{
  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* If @chip is one of @group, turns the others off. */
static void
pw_caseload_page_turn_off_others (PwCaseloadPage   *self,
                                  GtkToggleButton **group,
                                  guint             n_chips,
                                  GtkToggleButton  *chip)
{
  gboolean member = FALSE;

  for (guint i = 0; i < n_chips; i++)
    member |= group[i] == chip;
  if (!member)
    return;

  self->syncing_chips = TRUE;
  for (guint i = 0; i < n_chips; i++)
    if (group[i] != chip)
      gtk_toggle_button_set_active (group[i], FALSE);
  self->syncing_chips = FALSE;
}

static void
pw_caseload_page_make_exclusive (PwCaseloadPage  *self,
                                 GtkToggleButton *chip)
{
  GtkToggleButton *reviews[] = { self->overdue_chip, self->due_soon_chip };

  pw_caseload_page_turn_off_others (self, self->level_group, N_LEVELS, chip);
  pw_caseload_page_turn_off_others (self, reviews, G_N_ELEMENTS (reviews), chip);
}

static void
on_chip_toggled_cb (GtkToggleButton *chip,
                    PwCaseloadPage  *self)
{
  if (self->syncing_chips)
    return;

  if (gtk_toggle_button_get_active (chip))
    pw_caseload_page_make_exclusive (self, chip);
  if (self->list == NULL)
    return;

  pw_child_list_set_level (self->list, selected_level (self));
  pw_child_list_set_review_filter (self->list, selected_review_filter (self));
  pw_child_list_set_lead_practitioner_id (self->list, selected_worker (self));
  pw_child_list_set_archived (self->list, gtk_toggle_button_get_active (self->archived_chip));
  pw_caseload_page_update_view (self);
  pw_caseload_page_scroll_to_top (self);
}

static void
on_sort_selected_cb (PwCaseloadPage *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->list == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  pw_child_list_set_sort (self->list, (PwChildSort) selected);
  pw_caseload_page_scroll_to_top (self);
}

static void
on_selected_item_cb (PwCaseloadPage     *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  if (!self->list_changing)
    pw_caseload_page_show_child (self, pw_caseload_page_selected_child (self));
}

static void
on_list_view_activate_cb (PwCaseloadPage *self,
                          guint           position,
                          GtkListView    *list_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "child");
}

/* Folded, a tap on a row opens the child; unfolded, a click only selects,
 * and the child shows beside the list anyway. */
static void
on_leaflet_folded_cb (PwCaseloadPage *self,
                      GParamSpec     *pspec,
                      AdwLeaflet     *leaflet)
{
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (leaflet));
}

static void
on_factory_setup_cb (GtkListItemFactory *factory,
                     GtkListItem        *item,
                     PwCaseloadPage     *self)
{
  gtk_list_item_set_child (item, pw_child_row_new ());
}

/* A row stays with its slot when the list changes, and shows its new child. */
static void
on_slot_child_cb (PwChildRow  *row,
                  GParamSpec  *pspec,
                  PwChildSlot *slot)
{
  pw_child_row_set_record (row, pw_child_slot_get_child (slot));
}

static void
on_factory_bind_cb (GtkListItemFactory *factory,
                    GtkListItem        *item,
                    PwCaseloadPage     *self)
{
  PwChildRow *row = PW_CHILD_ROW (gtk_list_item_get_child (item));
  PwChildSlot *slot = gtk_list_item_get_item (item);

  pw_child_row_set_record (row, pw_child_slot_get_child (slot));
  g_signal_connect_object (slot, "notify::child", G_CALLBACK (on_slot_child_cb), row,
                           G_CONNECT_SWAPPED);
}

static void
on_factory_unbind_cb (GtkListItemFactory *factory,
                      GtkListItem        *item,
                      PwCaseloadPage     *self)
{
  PwChildRow *row = PW_CHILD_ROW (gtk_list_item_get_child (item));

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_slot_child_cb, row);
  pw_child_row_set_record (row, NULL);
}

/* Actions ---------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
show_print_error (PwCaseloadPage *self, const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The case summary could not be printed"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_summary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (widget);
  PwRecord *child = PW_RECORD (pw_caseload_page_selected_child (self));
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (self->caseload == NULL || child == NULL)
    return;
  operation = pw_summary_print_operation_new (self->caseload, pw_record_get_id (child), &error);
  if (operation != NULL)
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
    }
  if (error != NULL)
    show_print_error (self, error);
}

static void
on_exported_cb (PwCaseloadPage *self,
                const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (PW_IS_WINDOW (root))
    pw_window_add_toast (PW_WINDOW (root), adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GArray) shown = NULL;
  PwExportDialog *dialog;

  if (self->caseload == NULL || self->list == NULL)
    return;
  shown = pw_child_list_dup_ids (self->list);
  dialog = pw_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->caseload,
                                 pw_caseload_page_selected_child (self),
                                 shown);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding a child --------------------------------------------------------------- */

static void
pw_caseload_page_clear_filters (PwCaseloadPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  for (int i = 0; i < N_LEVELS; i++)
    gtk_toggle_button_set_active (self->level_group[i], FALSE);
  gtk_toggle_button_set_active (self->overdue_chip, FALSE);
  gtk_toggle_button_set_active (self->due_soon_chip, FALSE);
  gtk_toggle_button_set_active (self->mine_chip, FALSE);
  gtk_toggle_button_set_active (self->archived_chip, FALSE);
  pw_caseload_page_update_view (self);
}

static void
on_child_added_cb (PwCaseloadPage   *self,
                   PwChild          *child,
                   PwAddChildDialog *dialog)
{
  /* The keyboard goes on from the child just added, at their row. */
  if (pw_caseload_page_select_child (self, pw_record_get_id (PW_RECORD (child))) &&
      !adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->caseload == NULL)
    return;
  if (self->add_dialog == NULL)
    {
      g_set_weak_pointer (&self->add_dialog,
                          pw_add_child_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->caseload));
      g_signal_connect_object (self->add_dialog, "saved", G_CALLBACK (on_child_added_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->add_dialog));
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_caseload_page_dispose (GObject *object)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (object);

  pw_caseload_page_close_add_dialog (self);
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CASELOAD_PAGE);
  g_clear_object (&self->slots);
  g_clear_object (&self->list);
  g_clear_object (&self->caseload);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_caseload_page_parent_class)->dispose (object);
}

static void
pw_caseload_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CASELOAD:
      g_value_set_object (value, self->caseload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_caseload_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_caseload_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_caseload_page_class_init (PwCaseloadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_caseload_page_dispose;
  object_class->get_property = pw_caseload_page_get_property;
  object_class->set_property = pw_caseload_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_CHILD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-caseload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, level_1_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, level_2_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, level_3_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, level_4_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, overdue_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, due_soon_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, mine_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, archived_chip);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, selection);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, child_title);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, child_stack);
  gtk_widget_class_bind_template_child (widget_class, PwCaseloadPage, child_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);

  gtk_widget_class_install_action (widget_class, "caseload.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "caseload.add-child", NULL, add_child_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "caseload.add-child", NULL);
  gtk_widget_class_install_action (widget_class, "caseload.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "caseload.print-summary", NULL,
                                   print_summary_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "caseload.print-summary", NULL);
  gtk_widget_class_install_action (widget_class, "caseload.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "caseload.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "caseload.search", NULL);
}

static void
pw_caseload_page_init (PwCaseloadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->level_group[0] = self->level_1_chip;
  self->level_group[1] = self->level_2_chip;
  self->level_group[2] = self->level_3_chip;
  self->level_group[3] = self->level_4_chip;
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_pane);
  on_leaflet_folded_cb (self, NULL, self->leaflet);
  pw_caseload_page_update_mine (self);
  pw_caseload_page_update_view (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.print-summary", FALSE);
}

GtkWidget *
pw_caseload_page_new (void)
{
  return g_object_new (PW_TYPE_CASELOAD_PAGE, NULL);
}

/**
 * pw_caseload_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store whose caseload is shown
 */
PwStore *
pw_caseload_page_get_store (PwCaseloadPage *self)
{
  g_return_val_if_fail (PW_IS_CASELOAD_PAGE (self), NULL);

  return self->store;
}

/**
 * pw_caseload_page_set_store:
 * @store: (nullable): an unlocked store, or %NULL
 *
 * Lists the children of @store, for as long as it stays unlocked.
 */
void
pw_caseload_page_set_store (PwCaseloadPage *self,
                            PwStore        *store)
{
  g_return_if_fail (PW_IS_CASELOAD_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  pw_caseload_page_close_caseload (self);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "notify::locked",
                               G_CALLBACK (on_store_notify_locked_cb), self, G_CONNECT_SWAPPED);
      if (!pw_store_get_locked (store))
        pw_caseload_page_open_caseload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pw_caseload_page_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload listed, while the
 *   store is unlocked
 */
PwCaseload *
pw_caseload_page_get_caseload (PwCaseloadPage *self)
{
  g_return_val_if_fail (PW_IS_CASELOAD_PAGE (self), NULL);

  return self->caseload;
}

/**
 * pw_caseload_page_select_child:
 * @child_id: the id of a child of the caseload
 *
 * Selects the child in the list and shows them, clearing the search and the
 * filters if they hide the child.
 *
 * Returns: whether the child is in the caseload's list
 */
gboolean
pw_caseload_page_select_child (PwCaseloadPage *self,
                               gint64          child_id)
{
  guint position;
  gboolean found;

  g_return_val_if_fail (PW_IS_CASELOAD_PAGE (self), FALSE);

  if (self->list == NULL)
    return FALSE;
  found = pw_child_list_find (self->list, child_id, &position);
  if (!found && filters_active (self))
    {
      pw_caseload_page_clear_filters (self);
      found = pw_child_list_find (self->list, child_id, &position);
    }
  if (!found)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "child");
  return TRUE;
}
