/* pw-child-list.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwChildList: the children of a caseload as a lazy GListModel.
 *
 * A caseload list of 10,000 children must scroll without loading 10,000
 * records.  Each refresh reads the matching ids once, in order; get_item()
 * loads the page of PAGE_SIZE children holding a position by their ids, and
 * the MAX_PAGES most recently used pages stay cached.  The filters and the
 * sort are fixed SQL fragments with named parameters: what a person types
 * reaches SQLite only as a bound FTS5 query of quoted prefix tokens, made
 * by pw_caseload_match_query().  Typing filters by the children's names and
 * UPNs only, which stays within a frame however short the word;
 * pw_caseload_search() also looks through notes and contributions.
 *
 * The list refreshes itself after every committed write ("changed" on the
 * caseload) and when the store locks or unlocks; a locked store, or any
 * SQL failure, reads as an empty list.
 *
 * Each refresh reads the ids of the matching children in order, which
 * gives the count and where each child is.  After a write to one child,
 * only the rows from where the list first differs to where it agrees again
 * (and that child's own) are announced as replaced; GTK looks for its
 * selected item and the rows on screen, by pointer, among those new items.
 * So that it finds them, a child still held by someone (the selection, a
 * row) is handed out again as the same object as long as its row is
 * unchanged.
 *
 * A new search, filter or sort announces the whole list as replaced.  A
 * list view over it directly would read every new item looking for the
 * old ones; the caseload page shows the list through PwChildSlots.
 */

#include "config.h"

#include <sqlite3.h>

#include "pw-child-list.h"
#include "pw-record-private.h"
#include "pw-store-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 8
#define MIN_LIVE_LIMIT (4 * PAGE_SIZE * MAX_PAGES)

/* The name keys match the child_name index, so a sort by name is a walk
 * along it.  Formats take the direction three times. */
#define NAME_ORDER \
  "legal_family_name COLLATE NOCASE%s, legal_given_name COLLATE NOCASE%s, id%s"
#define YEAR_GROUP_RANK \
  "CASE year_group WHEN 'N1' THEN -2 WHEN 'N2' THEN -1 WHEN 'R' THEN 0 " \
  "ELSE CAST(year_group AS INTEGER) END"

struct _PwChildList
{
  GObject parent_instance;

  PwCaseload *caseload;
  PwStore *store;

  char *search_text;
  char *match;            /* FTS5 query built from search_text, NULL for none */
  int level;
  PwReviewFilter review_filter;
  gint64 lead_practitioner_id;
  gint64 setting_id;
  PwChildSort sort;
  guint archived : 1;
  guint descending : 1;

  /* Fixed by each refresh, so that every page agrees with the count. */
  char *today;
  char *order_sql;
  char *ids_sql;
  GArray *order;          /* the ids of the children listed, in the list's order */
  guint n_items;

  GQueue pages;           /* of Page, most recently used first */
  GHashTable *live;       /* child id → GWeakRef to a child handed out */
  guint live_limit;
};

typedef struct
{
  guint index;
  GPtrArray *children;
} Page;

static void pw_child_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwChildList, pw_child_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pw_child_list_list_model_init))

G_DEFINE_ENUM_TYPE (PwReviewFilter, pw_review_filter,
                    G_DEFINE_ENUM_VALUE (PW_REVIEW_ANY, "any"),
                    G_DEFINE_ENUM_VALUE (PW_REVIEW_OVERDUE, "overdue"),
                    G_DEFINE_ENUM_VALUE (PW_REVIEW_DUE_SOON, "due-soon"))

G_DEFINE_ENUM_TYPE (PwChildSort, pw_child_sort,
                    G_DEFINE_ENUM_VALUE (PW_CHILD_SORT_NAME, "name"),
                    G_DEFINE_ENUM_VALUE (PW_CHILD_SORT_LEVEL, "level"),
                    G_DEFINE_ENUM_VALUE (PW_CHILD_SORT_NEXT_REVIEW, "next-review"),
                    G_DEFINE_ENUM_VALUE (PW_CHILD_SORT_YEAR_GROUP, "year-group"))

enum {
  PROP_0,
  PROP_CASELOAD,
  PROP_SEARCH_TEXT,
  PROP_LEVEL,
  PROP_REVIEW_FILTER,
  PROP_LEAD_PRACTITIONER_ID,
  PROP_SETTING_ID,
  PROP_ARCHIVED,
  PROP_SORT,
  PROP_DESCENDING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static PwRecordClass *child_class;
static char *page_sql;    /* a page of children by their ids, ?1 to ?PAGE_SIZE */

/* SQL ---------------------------------------------------------------------------- */

static void
append_filters (PwChildList *self,
                GString     *sql)
{
  g_string_append (sql, self->archived ? "WHERE archived_on IS NOT NULL"
                                       : "WHERE archived_on IS NULL");
  if (self->level > 0)
    g_string_append (sql, " AND current_level = :level");
  if (self->review_filter == PW_REVIEW_OVERDUE)
    g_string_append (sql, " AND next_review < :today");
  else if (self->review_filter == PW_REVIEW_DUE_SOON)
    g_string_append (sql, " AND next_review BETWEEN :today AND "
                          "date(:today, '+" G_STRINGIFY (PW_DUE_SOON_DAYS) " days')");
  if (self->lead_practitioner_id > 0)
    g_string_append (sql, " AND (lead_practitioner_id = :worker OR key_worker_id = :worker)");
  if (self->setting_id > 0)
    g_string_append (sql, " AND setting_id = :setting");
  if (self->match != NULL)
    g_string_append (sql, " AND id IN (SELECT child_id FROM search WHERE search MATCH :match"
                          " AND rowid BETWEEN :names_first AND :names_last)");
}

/* "descending" turns the first key round; ties always go by name, then id. */
static void
append_order (PwChildList *self,
              GString     *sql)
{
  const char *dir = self->descending ? " DESC" : "";

  g_string_append (sql, " ORDER BY ");
  switch (self->sort)
    {
    case PW_CHILD_SORT_LEVEL:
      g_string_append_printf (sql, "current_level%s, ", self->descending ? "" : " DESC");
      break;
    case PW_CHILD_SORT_NEXT_REVIEW:
      g_string_append_printf (sql, "next_review IS NULL, next_review%s, ", dir);
      break;
    case PW_CHILD_SORT_YEAR_GROUP:
      g_string_append_printf (sql, "year_group IS NULL, " YEAR_GROUP_RANK "%s, ", dir);
      break;
    case PW_CHILD_SORT_NAME:
    default:
      g_string_append_printf (sql, NAME_ORDER, dir, dir, dir);
      return;
    }
  g_string_append_printf (sql, NAME_ORDER, "", "", "");
}

static void
build_sql (PwChildList *self)
{
  g_autoptr(GString) where = g_string_new (NULL);

  append_filters (self, where);
  g_free (self->ids_sql);
  self->ids_sql = g_strdup_printf ("SELECT id FROM child %s ORDER BY id", where->str);
  append_order (self, where);
  g_free (self->order_sql);
  self->order_sql = g_strdup_printf ("SELECT id FROM child %s", where->str);
}

static char *
build_page_sql (void)
{
  g_autoptr(GString) where = g_string_new ("WHERE id IN (?1");

  for (guint i = 2; i <= PAGE_SIZE; i++)
    g_string_append_printf (where, ", ?%u", i);
  g_string_append_c (where, ')');
  return _pw_record_select_sql (child_class, where->str);
}

static int
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  return index > 0 ? sqlite3_bind_int64 (stmt, index, value) : SQLITE_OK;
}

/* @value must outlive the statement. */
static int
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  return index > 0 ? sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC) : SQLITE_OK;
}

/* The message is SQLite's generic one: errmsg could quote the search text. */
static void
note_sql_failure (int rc)
{
  g_debug ("The child list reads as empty: %s", sqlite3_errstr (rc));
}

static sqlite3_stmt *
prepare (PwChildList *self,
         sqlite3     *db,
         const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = bind_int64 (stmt, ":level", self->level) |
         bind_int64 (stmt, ":worker", self->lead_practitioner_id) |
         bind_int64 (stmt, ":setting", self->setting_id) |
         bind_text (stmt, ":today", self->today) |
         bind_text (stmt, ":match", self->match) |
         bind_int64 (stmt, ":names_first", PW_SEARCH_ROWID (PW_SEARCH_KIND_CHILD, 0)) |
         bind_int64 (stmt, ":names_last", PW_SEARCH_ROWID (PW_SEARCH_KIND_CHILD + 1, 0) - 1);
  if (rc == SQLITE_OK)
    return stmt;
  note_sql_failure (rc);
  sqlite3_finalize (stmt);
  return NULL;
}

/* Enters the store and returns its connection; NULL, not entered, if locked. */
static sqlite3 *
enter_store (PwChildList *self)
{
  if (self->store == NULL)
    return NULL;
  _pw_store_enter (self->store);
  if (!pw_store_get_locked (self->store))
    return _pw_store_get_db (self->store);
  _pw_store_leave (self->store);
  return NULL;
}

/* The ids of the matching children in the list's order; empty if the
 * store is locked or the query fails. */
static GArray *
read_order (PwChildList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = enter_store (self);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  if (db == NULL)
    return ids;
  stmt = prepare (self, db, self->order_sql);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (stmt != NULL && rc != SQLITE_DONE)
    {
      note_sql_failure (rc);
      g_array_set_size (ids, 0);
    }
  sqlite3_finalize (stmt);
  _pw_store_leave (self->store);
  return ids;
}

/**
 * pw_child_list_dup_ids:
 *
 * The ids of every child the list holds, in the order they were added to
 * the store; for exporting the children a SENCO has filtered to.
 *
 * Returns: (transfer full) (element-type gint64): the ids, empty if the
 *   store is locked
 */
GArray *
pw_child_list_dup_ids (PwChildList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_CHILD_LIST (self), ids);

  if ((db = enter_store (self)) == NULL)
    return ids;
  stmt = prepare (self, db, self->ids_sql);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  _pw_store_leave (self->store);
  return ids;
}

/**
 * pw_child_list_find:
 * @child_id: a child's id
 * @position: (out) (optional): where the child is
 *
 * Finds where a child is in the list as it is now, whatever its order.
 *
 * Returns: %TRUE if the list holds the child
 */
gboolean
pw_child_list_find (PwChildList *self,
                    gint64       child_id,
                    guint       *position)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), FALSE);

  for (guint i = 0; i < self->n_items; i++)
    {
      if (g_array_index (self->order, gint64, i) != child_id)
        continue;
      if (position != NULL)
        *position = i;
      return TRUE;
    }
  return FALSE;
}

/* Children handed out ------------------------------------------------------------ */

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
weak_ref_is_empty (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  g_autoptr(GObject) object = g_weak_ref_get (value);

  return object == NULL;
}

static void
remember_child (PwChildList *self,
                PwRecord    *child)
{
  gint64 *id = g_new (gint64, 1);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  *id = pw_record_get_id (child);
  g_weak_ref_init (ref, child);
  g_hash_table_replace (self->live, id, ref);
  if (g_hash_table_size (self->live) <= self->live_limit)
    return;
  g_hash_table_foreach_remove (self->live, weak_ref_is_empty, NULL);
  self->live_limit = MAX (MIN_LIVE_LIMIT, 2 * g_hash_table_size (self->live));
}

static gboolean
same_value (PwRecord      *a,
            PwRecord      *b,
            const PwField *field)
{
  if (pw_record_is_set (a, field->name) != pw_record_is_set (b, field->name))
    return FALSE;
  if (field->type == PW_FIELD_INT || field->type == PW_FIELD_BOOL || field->type == PW_FIELD_REF)
    return pw_record_get_int (a, field->name) == pw_record_get_int (b, field->name);
  return g_strcmp0 (pw_record_get_text (a, field->name),
                    pw_record_get_text (b, field->name)) == 0;
}

/* Derived fields change without touching updated_at, so compare them all;
 * a child with unsaved edits is not the stored one either. */
static gboolean
same_record (PwRecord *a,
             PwRecord *b)
{
  if (g_strcmp0 (pw_record_get_updated_at (a), pw_record_get_updated_at (b)) != 0)
    return FALSE;
  for (guint i = 0; i < child_class->n_fields; i++)
    if (!same_value (a, b, &child_class->fields[i]))
      return FALSE;
  return TRUE;
}

static gpointer
child_from_row (PwChildList  *self,
                sqlite3_stmt *stmt)
{
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);
  g_autoptr(PwRecord) live = NULL;
  GWeakRef *ref;

  _pw_record_load_row (child, stmt);
  ref = g_hash_table_lookup (self->live, &(gint64) { pw_record_get_id (child) });
  live = ref != NULL ? g_weak_ref_get (ref) : NULL;
  if (live != NULL && same_record (live, child))
    return g_steal_pointer (&live);
  remember_child (self, child);
  return g_steal_pointer (&child);
}

/* Pages -------------------------------------------------------------------------- */

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->children);
  g_free (page);
}

static Page *
find_page (PwChildList *self,
           guint        index)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->index != index)
        continue;
      g_queue_unlink (&self->pages, link);
      g_queue_push_head_link (&self->pages, link);
      return page;
    }
  return NULL;
}

/* Where each row goes: the page's ids are in the list's order. */
static guint
place_of (const gint64 *ids,
          guint         n_ids,
          gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return i;
  return n_ids;
}

/* Reads the children of a page by the ids the last refresh listed, which
 * is quicker than asking for the page of the filtered, sorted list. */
/* The children read, in the page's order, up to the first one missing: a
 * child gone since the refresh ends the page, and a refresh is on its way. */
static GPtrArray *
take_in_order (PwRecord **placed,
               guint      n_ids)
{
  GPtrArray *children = g_ptr_array_new_full (n_ids, g_object_unref);
  guint i = 0;

  for (; i < n_ids && placed[i] != NULL; i++)
    g_ptr_array_add (children, placed[i]);
  for (; i < n_ids; i++)
    g_clear_object (&placed[i]);
  return children;
}

static GPtrArray *
read_page (PwChildList *self,
           guint        index)
{
  const gint64 *ids = &g_array_index (self->order, gint64, index * PAGE_SIZE);
  guint n_ids = MIN (PAGE_SIZE, self->n_items - index * PAGE_SIZE);
  PwRecord *placed[PAGE_SIZE] = { NULL };
  GPtrArray *children;
  sqlite3 *db = enter_store (self);
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  if (db == NULL)
    return NULL;
  stmt = prepare (self, db, page_sql);
  for (guint i = 0; stmt != NULL && i < n_ids; i++)
    sqlite3_bind_int64 (stmt, i + 1, ids[i]);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwRecord *child = child_from_row (self, stmt);
      guint place = place_of (ids, n_ids, pw_record_get_id (child));

      if (place < n_ids && placed[place] == NULL)
        placed[place] = child;
      else
        g_object_unref (child);
    }
  if (stmt != NULL && rc != SQLITE_DONE)
    note_sql_failure (rc);
  sqlite3_finalize (stmt);
  _pw_store_leave (self->store);
  children = take_in_order (placed, n_ids);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&children, g_ptr_array_unref);
  return children;
}

static Page *
load_page (PwChildList *self,
           guint        index)
{
  GPtrArray *children = read_page (self, index);
  Page *page;

  if (children == NULL)
    return NULL;
  page = g_new0 (Page, 1);
  page->index = index;
  page->children = children;
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

/* Lists the matching children again with the current filters and today's
 * date; returns the old order. */
static GArray *
recount (PwChildList *self)
{
  GArray *old_order = g_steal_pointer (&self->order);

  g_queue_clear_full (&self->pages, page_free);
  g_free (self->today);
  self->today = pw_today ();
  build_sql (self);
  self->order = read_order (self);
  self->n_items = self->order->len;
  return old_order;
}

/* Callbacks ---------------------------------------------------------------------- */

static gint64
id_at (GArray *order,
       guint   position)
{
  return g_array_index (order, gint64, position);
}

/* Narrows @head and @tail, the runs kept at each end, to leave out @child_id. */
static void
leave_out (GArray *order,
           gint64  child_id,
           guint  *head,
           guint  *tail)
{
  for (guint i = 0; i < order->len; i++)
    if (id_at (order, i) == child_id)
      {
        *head = MIN (*head, i);
        *tail = MIN (*tail, order->len - 1 - i);
      }
}

static guint
common_head (GArray *old_order,
             GArray *new_order)
{
  guint head = 0;

  while (head < MIN (old_order->len, new_order->len) &&
         id_at (old_order, head) == id_at (new_order, head))
    head++;
  return head;
}

static guint
common_tail (GArray *old_order,
             GArray *new_order,
             guint   head)
{
  guint old_n = old_order->len;
  guint new_n = new_order->len;
  guint tail = 0;

  while (tail < MIN (old_n, new_n) - head &&
         id_at (old_order, old_n - 1 - tail) == id_at (new_order, new_n - 1 - tail))
    tail++;
  return tail;
}

/* After a write to one child, the children before and after those that
 * moved or changed are announced as kept, so that GTK looks for its rows
 * only among the few that did. */
static void
refresh_after_write (PwChildList *self,
                     gint64       child_id)
{
  g_autoptr(GArray) old_order = recount (self);
  guint old_n = old_order->len;
  guint new_n = self->n_items;
  guint head = common_head (old_order, self->order);
  guint tail = G_MAXUINT;

  leave_out (old_order, child_id, &head, &tail);
  leave_out (self->order, child_id, &head, &tail);
  tail = MIN (tail, common_tail (old_order, self->order, head));
  if (head + tail < MAX (old_n, new_n))
    g_list_model_items_changed (G_LIST_MODEL (self), head,
                                old_n - head - tail, new_n - head - tail);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* A commit that touched several children, or none named, may have changed
 * any row. */
static void
on_caseload_changed_cb (PwChildList *self,
                        const char  *table,
                        gint64       child_id,
                        PwCaseload  *caseload)
{
  if (child_id > 0)
    refresh_after_write (self, child_id);
  else
    pw_child_list_refresh (self);
}

static void
on_store_notify_locked_cb (PwChildList *self,
                           GParamSpec  *pspec,
                           PwStore     *store)
{
  pw_child_list_refresh (self);
}

/* GListModel --------------------------------------------------------------------- */

static GType
pw_child_list_get_item_type (GListModel *model)
{
  return PW_TYPE_CHILD;
}

static guint
pw_child_list_get_n_items (GListModel *model)
{
  return PW_CHILD_LIST (model)->n_items;
}

static gpointer
pw_child_list_get_item (GListModel *model,
                        guint       position)
{
  PwChildList *self = PW_CHILD_LIST (model);
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = find_page (self, index);
  if (page == NULL)
    page = load_page (self, index);
  /* A short page means rows went between the count and now; a refresh is on its way. */
  if (page == NULL || position % PAGE_SIZE >= page->children->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->children, position % PAGE_SIZE));
}

static void
pw_child_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pw_child_list_get_item_type;
  iface->get_n_items = pw_child_list_get_n_items;
  iface->get_item = pw_child_list_get_item;
}

/* GObject ------------------------------------------------------------------------ */

static void
pw_child_list_constructed (GObject *object)
{
  PwChildList *self = PW_CHILD_LIST (object);

  G_OBJECT_CLASS (pw_child_list_parent_class)->constructed (object);

  if (self->caseload != NULL)
    {
      self->store = g_object_ref (pw_caseload_get_store (self->caseload));
      g_signal_connect_object (self->caseload, "changed",
                               G_CALLBACK (on_caseload_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::locked",
                               G_CALLBACK (on_store_notify_locked_cb), self, G_CONNECT_SWAPPED);
    }
  g_array_unref (recount (self));
}

static void
pw_child_list_dispose (GObject *object)
{
  PwChildList *self = PW_CHILD_LIST (object);

  if (self->caseload != NULL)
    g_signal_handlers_disconnect_by_data (self->caseload, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_queue_clear_full (&self->pages, page_free);
  g_clear_object (&self->store);
  g_clear_object (&self->caseload);

  G_OBJECT_CLASS (pw_child_list_parent_class)->dispose (object);
}

static void
pw_child_list_finalize (GObject *object)
{
  PwChildList *self = PW_CHILD_LIST (object);

  g_hash_table_unref (self->live);
  g_free (self->search_text);
  g_free (self->match);
  g_free (self->today);
  g_free (self->order_sql);
  g_free (self->ids_sql);
  g_array_unref (self->order);

  G_OBJECT_CLASS (pw_child_list_parent_class)->finalize (object);
}

static void
pw_child_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwChildList *self = PW_CHILD_LIST (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      g_value_set_object (value, self->caseload);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_REVIEW_FILTER:
      g_value_set_enum (value, self->review_filter);
      break;
    case PROP_LEAD_PRACTITIONER_ID:
      g_value_set_int64 (value, self->lead_practitioner_id);
      break;
    case PROP_SETTING_ID:
      g_value_set_int64 (value, self->setting_id);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwChildList *self = PW_CHILD_LIST (object);

  switch (prop_id)
    {
    case PROP_CASELOAD:
      self->caseload = g_value_dup_object (value);
      break;
    case PROP_SEARCH_TEXT:
      pw_child_list_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_LEVEL:
      pw_child_list_set_level (self, g_value_get_int (value));
      break;
    case PROP_REVIEW_FILTER:
      pw_child_list_set_review_filter (self, g_value_get_enum (value));
      break;
    case PROP_LEAD_PRACTITIONER_ID:
      pw_child_list_set_lead_practitioner_id (self, g_value_get_int64 (value));
      break;
    case PROP_SETTING_ID:
      pw_child_list_set_setting_id (self, g_value_get_int64 (value));
      break;
    case PROP_ARCHIVED:
      pw_child_list_set_archived (self, g_value_get_boolean (value));
      break;
    case PROP_SORT:
      pw_child_list_set_sort (self, g_value_get_enum (value));
      break;
    case PROP_DESCENDING:
      pw_child_list_set_descending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_child_list_class_init (PwChildListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = pw_child_list_constructed;
  object_class->dispose = pw_child_list_dispose;
  object_class->finalize = pw_child_list_finalize;
  object_class->get_property = pw_child_list_get_property;
  object_class->set_property = pw_child_list_set_property;

  /* Types are never unloaded: the class stays for the life of the program. */
  child_class = g_type_class_ref (PW_TYPE_CHILD);
  page_sql = build_page_sql ();

  properties[PROP_CASELOAD] =
    g_param_spec_object ("caseload", NULL, NULL, PW_TYPE_CASELOAD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, 4, 0, flags);
  properties[PROP_REVIEW_FILTER] =
    g_param_spec_enum ("review-filter", NULL, NULL, PW_TYPE_REVIEW_FILTER, PW_REVIEW_ANY, flags);
  properties[PROP_LEAD_PRACTITIONER_ID] =
    g_param_spec_int64 ("lead-practitioner-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SETTING_ID] =
    g_param_spec_int64 ("setting-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, PW_TYPE_CHILD_SORT, PW_CHILD_SORT_NAME, flags);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_child_list_init (PwChildList *self)
{
  g_queue_init (&self->pages);
  self->order = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, weak_ref_free);
  self->live_limit = MIN_LIVE_LIMIT;
}

/* Public API --------------------------------------------------------------------- */

/**
 * pw_child_list_new:
 * @caseload: (transfer none): the caseload to list
 *
 * Creates a list of the active children of @caseload, sorted by name.
 *
 * Returns: (transfer full): a #GListModel of #PwChild
 */
PwChildList *
pw_child_list_new (PwCaseload *caseload)
{
  g_return_val_if_fail (PW_IS_CASELOAD (caseload), NULL);

  return g_object_new (PW_TYPE_CHILD_LIST, "caseload", caseload, NULL);
}

/**
 * pw_child_list_get_caseload:
 *
 * Returns: (transfer none): the caseload listed
 */
PwCaseload *
pw_child_list_get_caseload (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), NULL);

  return self->caseload;
}

/**
 * pw_child_list_refresh:
 *
 * Lists the matching children again and forgets every loaded page, then
 * announces the whole list as replaced.  The list calls this itself when
 * the store locks or unlocks and after a write to several children; after
 * a write to one child it announces only the rows that changed.
 */
void
pw_child_list_refresh (PwChildList *self)
{
  g_autoptr(GArray) old_order = NULL;

  g_return_if_fail (PW_IS_CHILD_LIST (self));

  old_order = recount (self);
  if (old_order->len > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_order->len, self->n_items);
  if (old_order->len != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const char *
pw_child_list_get_search_text (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), NULL);

  return self->search_text;
}

/**
 * pw_child_list_set_search_text:
 * @search_text: (nullable): words that must each begin a word of the
 *   child's names, UPN or records; %NULL or no words for every child
 *
 * Matching ignores case and accents.  Punctuation only separates words, so
 * typing a space or a comma does not query the store again.
 */
void
pw_child_list_set_search_text (PwChildList *self,
                               const char  *search_text)
{
  g_autofree char *match = NULL;

  g_return_if_fail (PW_IS_CHILD_LIST (self));

  if (g_strcmp0 (self->search_text, search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (search_text);
  /* The same words as pw_caseload_search(): each a quoted prefix, so FTS5
   * syntax typed by a person is only ever text. */
  match = search_text != NULL ? pw_caseload_match_query (search_text) : NULL;
  if (g_strcmp0 (self->match, match) != 0)
    {
      g_free (self->match);
      self->match = g_steal_pointer (&match);
      pw_child_list_refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

int
pw_child_list_get_level (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), 0);

  return self->level;
}

/**
 * pw_child_list_set_level:
 * @level: a level of intervention from 1 to 4, or 0 for any
 */
void
pw_child_list_set_level (PwChildList *self,
                         int          level)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));
  g_return_if_fail (level >= 0 && level <= 4);

  if (self->level == level)
    return;
  self->level = level;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

PwReviewFilter
pw_child_list_get_review_filter (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), PW_REVIEW_ANY);

  return self->review_filter;
}

/**
 * pw_child_list_set_review_filter:
 *
 * Keeps only children whose next review is overdue, or due within
 * %PW_DUE_SOON_DAYS days, as of pw_today() at the last refresh.
 */
void
pw_child_list_set_review_filter (PwChildList    *self,
                                 PwReviewFilter  review_filter)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));
  g_return_if_fail (review_filter <= PW_REVIEW_DUE_SOON);

  if (self->review_filter == review_filter)
    return;
  self->review_filter = review_filter;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_FILTER]);
}

gint64
pw_child_list_get_lead_practitioner_id (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), 0);

  return self->lead_practitioner_id;
}

/**
 * pw_child_list_set_lead_practitioner_id:
 * @worker_id: a worker, or 0 for any
 *
 * Keeps only the children that @worker_id leads or is key worker for:
 * the "my children" view.
 */
void
pw_child_list_set_lead_practitioner_id (PwChildList *self,
                                        gint64       worker_id)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));
  g_return_if_fail (worker_id >= 0);

  if (self->lead_practitioner_id == worker_id)
    return;
  self->lead_practitioner_id = worker_id;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_PRACTITIONER_ID]);
}

gint64
pw_child_list_get_setting_id (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), 0);

  return self->setting_id;
}

/**
 * pw_child_list_set_setting_id:
 * @setting_id: a setting, or 0 for any
 */
void
pw_child_list_set_setting_id (PwChildList *self,
                              gint64       setting_id)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));
  g_return_if_fail (setting_id >= 0);

  if (self->setting_id == setting_id)
    return;
  self->setting_id = setting_id;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTING_ID]);
}

gboolean
pw_child_list_get_archived (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), FALSE);

  return self->archived;
}

/**
 * pw_child_list_set_archived:
 * @archived: %TRUE to list only archived children, %FALSE for only active ones
 */
void
pw_child_list_set_archived (PwChildList *self,
                            gboolean     archived)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));

  archived = !!archived;
  if (self->archived == (guint) archived)
    return;
  self->archived = archived;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

PwChildSort
pw_child_list_get_sort (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), PW_CHILD_SORT_NAME);

  return self->sort;
}

void
pw_child_list_set_sort (PwChildList *self,
                        PwChildSort  sort)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));
  g_return_if_fail (sort <= PW_CHILD_SORT_YEAR_GROUP);

  if (self->sort == sort)
    return;
  self->sort = sort;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

gboolean
pw_child_list_get_descending (PwChildList *self)
{
  g_return_val_if_fail (PW_IS_CHILD_LIST (self), FALSE);

  return self->descending;
}

/**
 * pw_child_list_set_descending:
 *
 * Reverses the first sort key: Z to A, lowest level first, latest review
 * first, oldest year group first.  Children without a review date or year
 * group stay at the end, and ties stay in name order.
 */
void
pw_child_list_set_descending (PwChildList *self,
                              gboolean     descending)
{
  g_return_if_fail (PW_IS_CHILD_LIST (self));

  descending = !!descending;
  if (self->descending == (guint) descending)
    return;
  self->descending = descending;
  pw_child_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}
