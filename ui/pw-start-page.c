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
  AdwBin     parent_instance;

  GtkWidget *create_button;
};

G_DEFINE_FINAL_TYPE (PwStartPage, pw_start_page, ADW_TYPE_BIN)

static void
pw_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_START_PAGE);

  G_OBJECT_CLASS (pw_start_page_parent_class)->dispose (object);
}

/* The keyboard starts on creating a store, what a first start is for. */
static gboolean
pw_start_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (PW_START_PAGE (widget)->create_button);
}

static void
pw_start_page_class_init (PwStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_start_page_dispose;
  widget_class->grab_focus = pw_start_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwStartPage, create_button);
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
