/* pw-caseload.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-entities.h"
#include "pw-store.h"

G_BEGIN_DECLS

/**
 * PwCaseloadStats:
 * @children: active (not archived) children
 * @by_level: active children at each level; [0] is "no level recorded"
 * @archived: archived children
 * @open_cycles: APDR cycles not yet closed, of active children
 * @overdue_reviews: open cycles whose review date has passed
 * @due_soon: open cycles whose review falls in the next 14 days
 * @persistent_absence: active children whose latest term's absence is 10% or more
 * @severe_absence: of those, 50% or more
 *
 * Counts for the dashboard and `pathway-cli stats`.
 */
typedef struct
{
  guint children;
  guint by_level[5];
  guint archived;
  guint open_cycles;
  guint overdue_reviews;
  guint due_soon;
  guint persistent_absence;
  guint severe_absence;
} PwCaseloadStats;

/**
 * PwReviewCounts:
 * @overdue: active children whose next review date has passed
 * @this_week: whose next review falls from today to Sunday
 * @later: whose next review falls after this week
 * @unscheduled: with no review date
 *
 * The active children by when their next review falls, for the dashboard.
 */
typedef struct
{
  guint overdue;
  guint this_week;
  guint later;
  guint unscheduled;
} PwReviewCounts;

/**
 * PwLevelMovement:
 * @year: the year of the month
 * @month: the month, 1 to 12
 * @up: changes to a higher level
 * @down: changes to a lower level
 * @first: first levels, from no level
 *
 * The level changes that took effect in one calendar month.
 */
typedef struct
{
  guint year;
  guint month;
  guint up;
  guint down;
  guint first;
} PwLevelMovement;

#define PW_MOVEMENT_MONTHS 12

/**
 * PwCaseloadFunc:
 *
 * Work run by pw_caseload_transaction(); return %FALSE with @error set to
 * undo all of it.
 */
typedef gboolean (*PwCaseloadFunc) (gpointer   user_data,
                                    GError   **error);

#define PW_DUE_SOON_DAYS 14

/* A row of the search index: a kind of record's fixed number above bit 40,
 * the record's id below.  The numbers are stored; they never change. */
#define PW_SEARCH_KIND_CHILD        3
#define PW_SEARCH_KIND_CONTRIBUTION 14
#define PW_SEARCH_KIND_NOTE         20
#define PW_SEARCH_ROWID(kind, id)   (((gint64) (kind) << 40) | (id))

#define PW_TYPE_CASELOAD (pw_caseload_get_type ())
G_DECLARE_FINAL_TYPE (PwCaseload, pw_caseload, PW, CASELOAD, GObject)

PwCaseload  *pw_caseload_new                (PwStore         *store,
                                             GError         **error);
PwStore     *pw_caseload_get_store          (PwCaseload      *self);
const char  *pw_caseload_get_actor          (PwCaseload      *self);
void         pw_caseload_set_actor          (PwCaseload      *self,
                                             const char      *actor);

gboolean     pw_caseload_transaction        (PwCaseload      *self,
                                             PwCaseloadFunc   func,
                                             gpointer         user_data,
                                             GError         **error);
gboolean     pw_caseload_save               (PwCaseload      *self,
                                             PwRecord        *record,
                                             GError         **error);
PwRecord    *pw_caseload_load               (PwCaseload      *self,
                                             GType            type,
                                             gint64           id,
                                             GError         **error);
PwRecord    *pw_caseload_load_by_uuid       (PwCaseload      *self,
                                             GType            type,
                                             const char      *uuid,
                                             GError         **error);
gboolean     pw_caseload_reload             (PwCaseload      *self,
                                             PwRecord        *record,
                                             GError         **error);
GListModel  *pw_caseload_list               (PwCaseload      *self,
                                             GType            type,
                                             const char      *field,
                                             gint64           id,
                                             GError         **error);
GListModel  *pw_caseload_list_by_name       (PwCaseload      *self,
                                             GType            type,
                                             GError         **error);
PwChild     *pw_caseload_find_child_by_upn  (PwCaseload      *self,
                                             const char      *upn,
                                             GError         **error);
gint64       pw_caseload_ensure_worker      (PwCaseload      *self,
                                             const char      *name,
                                             GError         **error);
gint64       pw_caseload_ensure_setting     (PwCaseload      *self,
                                             const char      *name,
                                             GError         **error);

PwCycle     *pw_caseload_open_cycle         (PwCaseload      *self,
                                             gint64           child_id,
                                             const char      *opened_on,
                                             GError         **error);
PwCycle     *pw_caseload_get_open_cycle     (PwCaseload      *self,
                                             gint64           child_id,
                                             GError         **error);
char       **pw_caseload_cycle_blockers     (PwCaseload      *self,
                                             PwCycle         *cycle,
                                             GError         **error);
gboolean     pw_caseload_advance_cycle      (PwCaseload      *self,
                                             PwCycle         *cycle,
                                             GError         **error);
gboolean     pw_caseload_amend              (PwCaseload      *self,
                                             PwRecord        *record,
                                             const char      *field,
                                             const char      *new_text,
                                             const char      *reason,
                                             GError         **error);

gboolean     pw_caseload_set_archived       (PwCaseload      *self,
                                             PwChild         *child,
                                             gboolean         archived,
                                             GError         **error);
gboolean     pw_caseload_erase_child        (PwCaseload      *self,
                                             PwChild         *child,
                                             GError         **error);

GListModel  *pw_caseload_search             (PwCaseload      *self,
                                             const char      *text,
                                             guint            limit,
                                             GError         **error);
GListModel  *pw_caseload_chronology         (PwCaseload      *self,
                                             gint64           child_id,
                                             GError         **error);
gboolean     pw_caseload_get_stats          (PwCaseload      *self,
                                             PwCaseloadStats *stats,
                                             GError         **error);
gboolean     pw_caseload_get_review_counts  (PwCaseload      *self,
                                             const char      *today_iso,
                                             PwReviewCounts  *counts,
                                             GError         **error);
gboolean     pw_caseload_get_level_movements (PwCaseload     *self,
                                             const char      *today_iso,
                                             PwLevelMovement  months[PW_MOVEMENT_MONTHS],
                                             GError         **error);
char        *pw_caseload_match_query        (const char      *text);
gboolean     pw_caseload_verify_audit       (PwCaseload      *self,
                                             guint64         *n_entries,
                                             GError         **error);
gboolean     pw_caseload_get_signing_key    (PwCaseload      *self,
                                             guint8          *sk,
                                             guint8          *pk,
                                             GError         **error);

G_END_DECLS
