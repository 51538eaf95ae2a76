/* pw-child-view.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwChildView: the base of the child page's views that show some kinds of
 * record of one child (history, agencies, meetings, chronology).
 *
 * It holds the caseload and the child, as the :caseload and :record
 * properties (a bin's :child is its widget), and reads the child's records
 * through a PwChildWatch with the load and show functions the subclass
 * gives in its class.  :loading says that the records are on their way.
 */

#define G_LOG_DOMAIN "pw-child-view"

#include "config.h"

#include "pw-child-view.h"

typedef struct
{
  PwChildWatch *watch;
} PwChildViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PwChildView, pw_child_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASELOAD,
  PROP_RECORD,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PwChildWatch *
get_watch (PwChildView *self)
{
  PwChildViewPrivate *priv = pw_child_view_get_instance_private (self);

  return priv->watch;
}

static void
on_watch_loading_cb (PwChildView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* GObject ---------------------------------------------------------------------- */

/* The watch is made here, not in init: the base's init sees only the
 * base's class, not the subclass's functions. */
static void
pw_child_view_constructed (GObject *object)
{
  PwChildView *self = PW_CHILD_VIEW (object);
  PwChildViewClass *klass = PW_CHILD_VIEW_GET_CLASS (self);
  PwChildViewPrivate *priv = pw_child_view_get_instance_private (self);

  G_OBJECT_CLASS (pw_child_view_parent_class)->constructed (object);

  priv->watch = pw_child_watch_new (GTK_WIDGET (self), klass->tables, klass->load, klass->show,
                                    klass->free_data);
  g_signal_connect_object (priv->watch, "notify::loading", G_CALLBACK (on_watch_loading_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
pw_child_view_dispose (GObject *object)
{
  PwChildViewPrivate *priv = pw_child_view_get_instance_private (PW_CHILD_VIEW (object));

  g_clear_object (&priv->watch);

  G_OBJECT_CLASS (pw_child_view_parent_class)->dispose (object);
}

static void
pw_child_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwChildView *self = PW_CHILD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, pw_child_view_get_caseload (self));
      break;
    case PROP_RECORD:
      g_value_set_object (value, pw_child_view_get_child (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, pw_child_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwChildView *self = PW_CHILD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      pw_child_view_set_caseload (self, g_value_get_object (value));
      break;
    case PROP_RECORD:
      pw_child_view_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_view_class_init (PwChildViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pw_child_view_constructed;
  object_class->dispose = pw_child_view_dispose;
  object_class->get_property = pw_child_view_get_property;
  object_class->set_property = pw_child_view_set_property;

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PwChildView:loading:
   *
   * Whether the child's records are being read, or will be once the view
   * is shown: the view does not show them yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_child_view_init (PwChildView *self)
{
}

/* Public API ------------------------------------------------------------------- */

/**
 * pw_child_view_get_caseload:
 *
 * Returns: (transfer none) (nullable): the caseload the child belongs to
 */
PwCaseload *
pw_child_view_get_caseload (PwChildView *self)
{
  g_return_val_if_fail (PW_IS_CHILD_VIEW (self), NULL);

  return pw_child_watch_get_caseload (get_watch (self));
}

/**
 * pw_child_view_set_caseload:
 * @caseload: (nullable): the open caseload, or %NULL once it is closed
 *
 * Without a caseload there is no child either.
 */
void
pw_child_view_set_caseload (PwChildView *self,
                            PwCaseload  *caseload)
{
  PwChildWatch *watch;
  gboolean had_child;

  g_return_if_fail (PW_IS_CHILD_VIEW (self));

  watch = get_watch (self);
  had_child = pw_child_watch_get_child (watch) != NULL;
  if (!pw_child_watch_set_caseload (watch, caseload))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASELOAD]);
  if (had_child && pw_child_watch_get_child (watch) == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * pw_child_view_get_child:
 *
 * Returns: (transfer none) (nullable): the child shown
 */
PwChild *
pw_child_view_get_child (PwChildView *self)
{
  g_return_val_if_fail (PW_IS_CHILD_VIEW (self), NULL);

  return pw_child_watch_get_child (get_watch (self));
}

/**
 * pw_child_view_get_child_id:
 *
 * Returns: the id of the child shown, or 0 if there is none
 */
gint64
pw_child_view_get_child_id (PwChildView *self)
{
  g_return_val_if_fail (PW_IS_CHILD_VIEW (self), 0);

  return pw_child_watch_get_child_id (get_watch (self));
}

/**
 * pw_child_view_set_child:
 * @child: (nullable): the child to show, from the view's caseload
 */
void
pw_child_view_set_child (PwChildView *self,
                         PwChild     *child)
{
  g_return_if_fail (PW_IS_CHILD_VIEW (self));

  if (pw_child_watch_set_child (get_watch (self), child))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * pw_child_view_get_loading:
 *
 * Returns: whether the child's records are on their way
 */
gboolean
pw_child_view_get_loading (PwChildView *self)
{
  PwChildWatch *watch;

  g_return_val_if_fail (PW_IS_CHILD_VIEW (self), FALSE);

  /* Nothing is read before the view is constructed. */
  watch = get_watch (self);
  return watch != NULL && pw_child_watch_get_loading (watch);
}
