/* pw-caseload-page.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The caseload of the unlocked store.  The store holds no children yet, so
 * the page says so; it keeps the store it shows, for the list to read.
 */

#define G_LOG_DOMAIN "pw-caseload-page"

#include "config.h"

#include "pw-caseload-page.h"

struct _PwCaseloadPage
{
  AdwBin   parent_instance;

  PwStore *store;
};

G_DEFINE_FINAL_TYPE (PwCaseloadPage, pw_caseload_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_caseload_page_dispose (GObject *object)
{
  PwCaseloadPage *self = PW_CASELOAD_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CASELOAD_PAGE);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pathwayapp/Pathway/pw-caseload-page.ui");
}

static void
pw_caseload_page_init (PwCaseloadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

void
pw_caseload_page_set_store (PwCaseloadPage *self,
                            PwStore        *store)
{
  g_return_if_fail (PW_IS_CASELOAD_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
