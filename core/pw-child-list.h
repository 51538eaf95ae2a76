/* pw-child-list.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

/**
 * PwReviewFilter:
 * @PW_REVIEW_ANY: every child
 * @PW_REVIEW_OVERDUE: children whose next review is before today
 * @PW_REVIEW_DUE_SOON: children whose next review is today or in the next
 *   %PW_DUE_SOON_DAYS days
 *
 * Which children a #PwChildList keeps, by the date of their next review.
 */
typedef enum
{
  PW_REVIEW_ANY,
  PW_REVIEW_OVERDUE,
  PW_REVIEW_DUE_SOON,
} PwReviewFilter;

/**
 * PwChildSort:
 * @PW_CHILD_SORT_NAME: by legal family name, then given name
 * @PW_CHILD_SORT_LEVEL: highest level of intervention first, then by name
 * @PW_CHILD_SORT_NEXT_REVIEW: soonest review first, children without one last
 * @PW_CHILD_SORT_YEAR_GROUP: in school order (N1, N2, R, 1…14), no year group last
 *
 * The order of a #PwChildList.  #PwChildList:descending reverses the first key only.
 */
typedef enum
{
  PW_CHILD_SORT_NAME,
  PW_CHILD_SORT_LEVEL,
  PW_CHILD_SORT_NEXT_REVIEW,
  PW_CHILD_SORT_YEAR_GROUP,
} PwChildSort;

#define PW_TYPE_REVIEW_FILTER (pw_review_filter_get_type ())
#define PW_TYPE_CHILD_SORT (pw_child_sort_get_type ())

GType pw_review_filter_get_type (void) G_GNUC_CONST;
GType pw_child_sort_get_type    (void) G_GNUC_CONST;

#define PW_TYPE_CHILD_LIST (pw_child_list_get_type ())
G_DECLARE_FINAL_TYPE (PwChildList, pw_child_list, PW, CHILD_LIST, GObject)

PwChildList     *pw_child_list_new                       (PwCaseload      *caseload);

PwCaseload      *pw_child_list_get_caseload              (PwChildList     *self);

const char      *pw_child_list_get_search_text           (PwChildList     *self);
void             pw_child_list_set_search_text           (PwChildList     *self,
                                                          const char      *search_text);
int              pw_child_list_get_level                 (PwChildList     *self);
void             pw_child_list_set_level                 (PwChildList     *self,
                                                          int              level);
PwReviewFilter   pw_child_list_get_review_filter         (PwChildList     *self);
void             pw_child_list_set_review_filter         (PwChildList     *self,
                                                          PwReviewFilter   review_filter);
gint64           pw_child_list_get_lead_practitioner_id  (PwChildList     *self);
void             pw_child_list_set_lead_practitioner_id  (PwChildList     *self,
                                                          gint64           worker_id);
gint64           pw_child_list_get_setting_id            (PwChildList     *self);
void             pw_child_list_set_setting_id            (PwChildList     *self,
                                                          gint64           setting_id);
gboolean         pw_child_list_get_archived              (PwChildList     *self);
void             pw_child_list_set_archived              (PwChildList     *self,
                                                          gboolean         archived);
PwChildSort      pw_child_list_get_sort                  (PwChildList     *self);
void             pw_child_list_set_sort                  (PwChildList     *self,
                                                          PwChildSort      sort);
gboolean         pw_child_list_get_descending            (PwChildList     *self);
void             pw_child_list_set_descending            (PwChildList     *self,
                                                          gboolean         descending);

void             pw_child_list_refresh                   (PwChildList     *self);
GArray          *pw_child_list_dup_ids                   (PwChildList     *self);
gboolean         pw_child_list_find                      (PwChildList     *self,
                                                          gint64           child_id,
                                                          guint           *position);

G_END_DECLS
