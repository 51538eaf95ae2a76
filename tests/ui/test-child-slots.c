/* test-child-slots.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The caseload list's rows over a real store: a new search keeps the rows
 * that are still needed and tells them their new children, so that typing
 * in the search does not make the list view build its rows again. */

#include "config.h"

#include "pw-caseload.h"
#include "pw-child-list.h"
#include "pw-child-slots.h"
#include "pw-record.h"
#include "pw-ui-test-util.h"

#define N_CHILDREN 300

typedef struct
{
  PwStore *store;
  PwCaseload *caseload;
  PwChildList *list;
  PwChildSlots *slots;
  GPtrArray *held;          /* the slots a list view would hold: all of them */
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
} Fixture;

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added,
                     Fixture *f)
{
  f->n_emissions++;
  f->position = position;
  f->removed = removed;
  f->added = added;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = pw_ui_test_demo_store (N_CHILDREN);
  f->caseload = pw_caseload_new (f->store, &error);
  g_assert_no_error (error);
  f->list = pw_child_list_new (f->caseload);
  f->slots = pw_child_slots_new (G_LIST_MODEL (f->list));
  f->held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->slots)); i++)
    g_ptr_array_add (f->held, g_list_model_get_item (G_LIST_MODEL (f->slots), i));
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (on_items_changed_cb), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->held);
  g_assert_finalize_object (f->slots);
  g_assert_finalize_object (f->list);
  g_clear_object (&f->caseload);
  g_clear_object (&f->store);
}

static PwChild *
child_at (Fixture *f, guint position)
{
  g_autoptr(PwChild) child = g_list_model_get_item (G_LIST_MODEL (f->list), position);

  return child;  /* the list keeps its page of children */
}

/* Every slot a list view holds shows the child at its place in the list. */
static void
assert_slots_follow_list (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwChildSlot) slot = g_list_model_get_item (G_LIST_MODEL (f->slots), i);

      g_assert_true (pw_child_slot_get_child (slot) == child_at (f, i));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->slots), n));
}

static void
test_follows_list (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (f->held->len, ==, N_CHILDREN);
  assert_slots_follow_list (f);
  g_assert_true (pw_child_slots_get_children (f->slots) == G_LIST_MODEL (f->list));
}

/* A search that leaves fewer children keeps the first slots, as the same
 * objects with new children, and announces only the end as removed. */
static void
test_search_keeps_slots (Fixture *f, gconstpointer data)
{
  g_autoptr(PwChild) first = g_object_ref (pw_child_slot_get_child (g_ptr_array_index (f->held, 0)));
  const char *surname = pw_record_get_text (PW_RECORD (child_at (f, N_CHILDREN - 1)),
                                            "legal-family-name");
  g_autofree char *search = g_strdup (surname);
  guint n;

  pw_child_list_set_search_text (f->list, search);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_CHILDREN);
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_cmpuint (f->position, ==, n);
  g_assert_cmpuint (f->removed, ==, N_CHILDREN - n);
  g_assert_cmpuint (f->added, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwChildSlot) slot = g_list_model_get_item (G_LIST_MODEL (f->slots), i);

      g_assert_true (slot == g_ptr_array_index (f->held, i));
    }
  assert_slots_follow_list (f);
  g_assert_false (pw_child_slot_get_child (g_ptr_array_index (f->held, 0)) == first);

  /* The slots past the end hold no child any more. */
  for (guint i = n; i < N_CHILDREN; i++)
    g_assert_null (pw_child_slot_get_child (g_ptr_array_index (f->held, i)));

  /* Clearing the search adds slots at the end again. */
  f->n_emissions = 0;
  pw_child_list_set_search_text (f->list, "");
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_cmpuint (f->position, ==, n);
  g_assert_cmpuint (f->removed, ==, 0);
  g_assert_cmpuint (f->added, ==, N_CHILDREN - n);
  assert_slots_follow_list (f);
  g_assert_true (pw_child_slot_get_child (g_ptr_array_index (f->held, 0)) == first);
}

static void
count_notify (guint *n_notifies)
{
  (*n_notifies)++;
}

/* A saved change to one child tells only that child's slot, with the
 * child as they are now. */
static void
test_write_tells_one_slot (Fixture *f, gconstpointer data)
{
  guint middle = N_CHILDREN / 2;
  PwChildSlot *slot = g_ptr_array_index (f->held, middle);
  gint64 id = pw_record_get_id (PW_RECORD (pw_child_slot_get_child (slot)));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRecord) child = pw_caseload_load (f->caseload, PW_TYPE_CHILD, id, &error);
  guint n_notifies = 0;

  for (guint i = 0; i < f->held->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (f->held, i), "notify::child",
                              G_CALLBACK (count_notify), &n_notifies);
  g_assert_no_error (error);
  pw_record_set_text (child, "trusted-adult", "Ms Example, teaching assistant");
  g_assert_true (pw_caseload_save (f->caseload, child, &error));
  g_assert_no_error (error);
  pw_ui_test_drain ();

  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_cmpuint (f->n_emissions, ==, 0);
  g_assert_cmpstr (pw_record_get_text (PW_RECORD (pw_child_slot_get_child (slot)), "trusted-adult"),
                   ==, "Ms Example, teaching assistant");
  assert_slots_follow_list (f);
  for (guint i = 0; i < f->held->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (f->held, i), &n_notifies);
}

/* A slot nobody holds goes; asked for again, the place has a slot again. */
static void
test_slots_let_go (Fixture *f, gconstpointer data)
{
  PwChildSlot *slot = g_ptr_array_index (f->held, 7);
  PwChild *child = pw_child_slot_get_child (slot);
  g_autoptr(PwChildSlot) again = NULL;

  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  g_ptr_array_remove_index (f->held, 7);
  g_assert_null (slot);
  again = g_list_model_get_item (G_LIST_MODEL (f->slots), 7);
  g_assert_true (pw_child_slot_get_child (again) == child);
}

int
main (int argc, char *argv[])
{
  pw_ui_test_init (&argc, &argv);
  pw_set_today ("2026-11-16");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pw/child-slots/follows-list", test_follows_list);
  ADD ("/pw/child-slots/search-keeps-slots", test_search_keeps_slots);
  ADD ("/pw/child-slots/write-tells-one-slot", test_write_tells_one_slot);
  ADD ("/pw/child-slots/slots-let-go", test_slots_let_go);
#undef ADD

  return pw_ui_test_run ();
}
