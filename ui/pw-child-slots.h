/* pw-child-slots.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-entities.h"

G_BEGIN_DECLS

#define PW_TYPE_CHILD_SLOT (pw_child_slot_get_type ())
G_DECLARE_FINAL_TYPE (PwChildSlot, pw_child_slot, PW, CHILD_SLOT, GObject)

PwChild      *pw_child_slot_get_child    (PwChildSlot  *self);

#define PW_TYPE_CHILD_SLOTS (pw_child_slots_get_type ())
G_DECLARE_FINAL_TYPE (PwChildSlots, pw_child_slots, PW, CHILD_SLOTS, GObject)

PwChildSlots *pw_child_slots_new          (GListModel   *children);
GListModel   *pw_child_slots_get_children (PwChildSlots *self);

G_END_DECLS
