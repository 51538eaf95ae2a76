/* pw-child-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One child's record, in views a SENCO moves between: the overview, the
 * current APDR cycle, the history of past cycles, the agencies and their
 * contributions, meetings and actions, and the chronology.  Each view is a
 * widget of its own; this page hands them the caseload and the child. */

#include "config.h"

#include <glib/gi18n.h>

#include "pw-agencies-view.h"
#include "pw-child-overview.h"
#include "pw-child-page.h"
#include "pw-chronology-view.h"
#include "pw-cycle-view.h"
#include "pw-history-view.h"
#include "pw-meetings-view.h"

struct _PwChildPage
{
  AdwBin parent_instance;

  PwCaseload *caseload;
  PwChild *child;

  AdwViewStack *view_stack;
  PwChildOverview *overview;
  PwCycleView *cycle_view;
  PwChildView *history_view;
  PwChildView *agencies_view;
  PwChildView *meetings_view;
  PwChildView *chronology_view;
};

G_DEFINE_FINAL_TYPE (PwChildPage, pw_child_page, ADW_TYPE_BIN)

static void
pw_child_page_dispose (GObject *object)
{
  PwChildPage *self = PW_CHILD_PAGE (object);

  g_clear_object (&self->caseload);
  g_clear_object (&self->child);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CHILD_PAGE);
  G_OBJECT_CLASS (pw_child_page_parent_class)->dispose (object);
}

static void
pw_child_page_class_init (PwChildPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_child_page_dispose;

  g_type_ensure (PW_TYPE_CHILD_OVERVIEW);
  g_type_ensure (PW_TYPE_CYCLE_VIEW);
  g_type_ensure (PW_TYPE_HISTORY_VIEW);
  g_type_ensure (PW_TYPE_AGENCIES_VIEW);
  g_type_ensure (PW_TYPE_MEETINGS_VIEW);
  g_type_ensure (PW_TYPE_CHRONOLOGY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-child-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, overview);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, cycle_view);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, history_view);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, agencies_view);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, meetings_view);
  gtk_widget_class_bind_template_child (widget_class, PwChildPage, chronology_view);
}

static void
pw_child_page_init (PwChildPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pw_child_page_new (void)
{
  return g_object_new (PW_TYPE_CHILD_PAGE, NULL);
}

/**
 * pw_child_page_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload the child belongs to
 */
PwCaseload *
pw_child_page_get_caseload (PwChildPage *self)
{
  g_return_val_if_fail (PW_IS_CHILD_PAGE (self), NULL);

  return self->caseload;
}

/**
 * pw_child_page_set_caseload:
 * @caseload: (nullable): the open caseload, or %NULL once it is closed
 */
void
pw_child_page_set_caseload (PwChildPage *self,
                            PwCaseload  *caseload)
{
  g_return_if_fail (PW_IS_CHILD_PAGE (self));

  if (!g_set_object (&self->caseload, caseload))
    return;
  pw_child_overview_set_caseload (self->overview, caseload);
  pw_cycle_view_set_caseload (self->cycle_view, caseload);
  pw_child_view_set_caseload (self->history_view, caseload);
  pw_child_view_set_caseload (self->agencies_view, caseload);
  pw_child_view_set_caseload (self->meetings_view, caseload);
  pw_child_view_set_caseload (self->chronology_view, caseload);
  if (caseload == NULL)
    pw_child_page_set_child (self, NULL);
}

/**
 * pw_child_page_get_child:
 *
 * Returns: (transfer none) (nullable): the child shown
 */
PwChild *
pw_child_page_get_child (PwChildPage *self)
{
  g_return_val_if_fail (PW_IS_CHILD_PAGE (self), NULL);

  return self->child;
}

/**
 * pw_child_page_set_child:
 * @child: (nullable): the child to show, from the page's caseload
 *
 * Shows @child in every view; another child starts at the overview.
 */
void
pw_child_page_set_child (PwChildPage *self,
                         PwChild     *child)
{
  gint64 shown = self->child != NULL ? pw_record_get_id (PW_RECORD (self->child)) : 0;
  gboolean other = child == NULL || pw_record_get_id (PW_RECORD (child)) != shown;

  g_return_if_fail (PW_IS_CHILD_PAGE (self));

  g_set_object (&self->child, child);
  pw_child_overview_set_record (self->overview, child);
  pw_cycle_view_set_child (self->cycle_view, child);
  pw_child_view_set_child (self->history_view, child);
  pw_child_view_set_child (self->agencies_view, child);
  pw_child_view_set_child (self->meetings_view, child);
  pw_child_view_set_child (self->chronology_view, child);
  if (other)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}
