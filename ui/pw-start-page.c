/* pw-start-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The first thing a user sees: create a new store or open an existing one.
 * The buttons only activate the window's `win.create-store` and
 * `win.open-store`, so the page stays free of store logic.
 */

#define G_LOG_DOMAIN "pw-start-page"

#include "config.h"

#include "pw-start-page.h"

struct _PwStartPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PwStartPage, pw_start_page, ADW_TYPE_BIN)

static void
pw_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_START_PAGE);

  G_OBJECT_CLASS (pw_start_page_parent_class)->dispose (object);
}

static void
pw_start_page_class_init (PwStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-start-page.ui");
}

static void
pw_start_page_init (PwStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pw_start_page_new (void)
{
  return g_object_new (PW_TYPE_START_PAGE, NULL);
}
