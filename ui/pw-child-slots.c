/* pw-child-slots.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwChildSlots: the rows of the caseload list, one slot per position.
 *
 * GTK 4.8's list view makes a new row widget for every new item it is
 * given, and keeps up to 200 of them; it cannot give a row another item.
 * Over a list of children, a keystroke in the search would make and lay
 * out 200 rows.  PwChildSlots lists one slot per position of a list of
 * children instead: when the children change, the slots that are still
 * there stay the same objects, so their rows stay, and are told which
 * child they hold now ("notify::child"); only a change of length is
 * announced as items added or removed at the end.
 *
 * The slot under the selection may so come to hold another child: whoever
 * shows the selected child looks again once the list has changed.
 */

#define G_LOG_DOMAIN "pw-child-slots"

#include "config.h"

#include "pw-child-slots.h"

struct _PwChildSlot
{
  GObject parent_instance;

  PwChildSlots *owner;     /* not owned; NULL once the slot has left the list */
  guint position;
  PwChild *child;
};

struct _PwChildSlots
{
  GObject parent_instance;

  GListModel *children;
  guint n_items;
  GHashTable *live;        /* position → the PwChildSlot handed out, not owned */
};

G_DEFINE_FINAL_TYPE (PwChildSlot, pw_child_slot, G_TYPE_OBJECT)

static void pw_child_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwChildSlots, pw_child_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pw_child_slots_list_model_init))

enum {
  SLOT_PROP_0,
  SLOT_PROP_CHILD,
  N_SLOT_PROPS
};

static GParamSpec *slot_properties[N_SLOT_PROPS];

/* Slots -------------------------------------------------------------------------- */

static void
pw_child_slot_set_child (PwChildSlot *self,
                         PwChild     *child)
{
  if (g_set_object (&self->child, child))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_CHILD]);
}

static void
pw_child_slot_finalize (GObject *object)
{
  PwChildSlot *self = PW_CHILD_SLOT (object);

  if (self->owner != NULL)
    g_hash_table_remove (self->owner->live, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->child);

  G_OBJECT_CLASS (pw_child_slot_parent_class)->finalize (object);
}

static void
pw_child_slot_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwChildSlot *self = PW_CHILD_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_slot_class_init (PwChildSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_child_slot_finalize;
  object_class->get_property = pw_child_slot_get_property;

  slot_properties[SLOT_PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, PW_TYPE_CHILD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_SLOT_PROPS, slot_properties);
}

static void
pw_child_slot_init (PwChildSlot *self)
{
}

/**
 * pw_child_slot_get_child:
 *
 * Returns: (transfer none) (nullable): the child at the slot's position,
 *   %NULL once the slot has left the list
 */
PwChild *
pw_child_slot_get_child (PwChildSlot *self)
{
  g_return_val_if_fail (PW_IS_CHILD_SLOT (self), NULL);

  return self->child;
}

/* The list of slots ---------------------------------------------------------------- */

static PwChild *
dup_child_at (PwChildSlots *self,
              guint         position)
{
  return position < self->n_items ? g_list_model_get_item (self->children, position) : NULL;
}

static GPtrArray *
take_slots_from (PwChildSlots *self,
                 guint         first)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PwChildSlot *slot = value;

      if (slot->position < first)
        continue;
      g_ptr_array_add (slots, g_object_ref (slot));
      slot->owner = NULL;
      g_hash_table_iter_remove (&iter);
    }
  return slots;
}

static void
update_slots (PwChildSlots *self,
              guint         first,
              guint         end)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  /* Gathered first: a row told of its new child could let go of a slot. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((PwChildSlot *) value)->position >= first && ((PwChildSlot *) value)->position < end)
      g_ptr_array_add (slots, g_object_ref (value));
  for (guint i = 0; i < slots->len; i++)
    {
      PwChildSlot *slot = g_ptr_array_index (slots, i);
      g_autoptr(PwChild) child = dup_child_at (self, slot->position);

      pw_child_slot_set_child (slot, child);
    }
}

/* The slots past the new end leave with their rows; the others are told
 * of their new children once the length is announced. */
static void
on_children_changed_cb (PwChildSlots *self,
                        guint         position,
                        guint         removed,
                        guint         added,
                        GListModel   *children)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (children);
  guint kept = MIN (old_n, new_n);
  guint end = removed == added ? position + added : kept;
  g_autoptr(GPtrArray) gone = NULL;

  self->n_items = new_n;
  gone = take_slots_from (self, new_n);
  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, new_n - kept);
  update_slots (self, position, MIN (end, kept));
  for (guint i = 0; i < gone->len; i++)
    pw_child_slot_set_child (g_ptr_array_index (gone, i), NULL);
}

static GType
pw_child_slots_get_item_type (GListModel *model)
{
  return PW_TYPE_CHILD_SLOT;
}

static guint
pw_child_slots_get_n_items (GListModel *model)
{
  return PW_CHILD_SLOTS (model)->n_items;
}

static gpointer
pw_child_slots_get_item (GListModel *model,
                         guint       position)
{
  PwChildSlots *self = PW_CHILD_SLOTS (model);
  PwChildSlot *slot;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (PW_TYPE_CHILD_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  slot->child = dup_child_at (self, position);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
pw_child_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pw_child_slots_get_item_type;
  iface->get_n_items = pw_child_slots_get_n_items;
  iface->get_item = pw_child_slots_get_item;
}

static void
pw_child_slots_dispose (GObject *object)
{
  PwChildSlots *self = PW_CHILD_SLOTS (object);

  if (self->live != NULL)
    g_ptr_array_unref (take_slots_from (self, 0));
  self->n_items = 0;
  if (self->children != NULL)
    g_signal_handlers_disconnect_by_data (self->children, self);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (pw_child_slots_parent_class)->dispose (object);
}

static void
pw_child_slots_finalize (GObject *object)
{
  PwChildSlots *self = PW_CHILD_SLOTS (object);

  g_hash_table_unref (self->live);

  G_OBJECT_CLASS (pw_child_slots_parent_class)->finalize (object);
}

static void
pw_child_slots_class_init (PwChildSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_child_slots_dispose;
  object_class->finalize = pw_child_slots_finalize;
}

static void
pw_child_slots_init (PwChildSlots *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

/**
 * pw_child_slots_new:
 * @children: (transfer none): a list of #PwChild
 *
 * Returns: (transfer full): a #GListModel of #PwChildSlot, one for each
 *   position of @children
 */
PwChildSlots *
pw_child_slots_new (GListModel *children)
{
  PwChildSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (children), NULL);

  self = g_object_new (PW_TYPE_CHILD_SLOTS, NULL);
  self->children = g_object_ref (children);
  self->n_items = g_list_model_get_n_items (children);
  g_signal_connect_object (children, "items-changed",
                           G_CALLBACK (on_children_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * pw_child_slots_get_children:
 *
 * Returns: (transfer none): the list of children the slots show
 */
GListModel *
pw_child_slots_get_children (PwChildSlots *self)
{
  g_return_val_if_fail (PW_IS_CHILD_SLOTS (self), NULL);

  return self->children;
}
