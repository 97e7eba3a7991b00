/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-plan.h: what a batch file's rows become in the outbox, for the window and the CLI alike */
#pragma once

#include "eo-batch-file.h"
#include "eo-store.h"

G_BEGIN_DECLS

typedef enum
{
  EO_BATCH_PLAN_SKIP,          /* not sendable, or another carrier's number not confirmed */
  EO_BATCH_PLAN_QUEUE,         /* a new change for the outbox (change->id is 0) */
  EO_BATCH_PLAN_RETRY,         /* the same change already waits or failed: change is that one
                                * (its id set); retry it rather than queue it twice */
  EO_BATCH_PLAN_ALREADY_SENT,  /* this shop already confirmed it: nothing to send */
} EoBatchPlanAction;

typedef struct
{
  const EoBatchRow  *row;      /* borrowed from the rows planned */
  EoBatchPlanAction  action;
  EoOutboxChange    *change;   /* owned; NULL for EO_BATCH_PLAN_SKIP */
} EoBatchPlanItem;

/*
 * Plans the rows of a batch file (eo_batch_file_parse) against the store's shop (its account):
 * one item per row, in order. A row's own date wins; a row without one gets default_date.
 * The same order, status and tracking number already confirmed in this shop's log is
 * EO_BATCH_PLAN_ALREADY_SENT: with a date of its own (the row's, or default_date when
 * default_date_given) only when the dates agree too, else whatever date it was sent with;
 * a second run of the same file (after a crash, a dropped network, a doubt) sends only the
 * rest. Without a date of its own, the same change still waiting or refused is
 * EO_BATCH_PLAN_RETRY. Warning rows (another carrier's number) are queued only when
 * with_warnings. Returns EoBatchPlanItem (free with g_ptr_array_unref), or NULL when the
 * store cannot be read.
 */
GPtrArray   *eo_batch_plan_make         (EoStore     *store,
                                         GPtrArray   *rows,
                                         gboolean     with_warnings,
                                         GDateTime   *default_date,
                                         gboolean     default_date_given,
                                         GError     **error);

/* The same change (order, status, tracking number) for the store's shop still waiting or
 * refused, whatever its date, in *out_change (or NULL): what the person means when they give
 * the same change again without a date. FALSE only when the store cannot be read. */
gboolean     eo_batch_plan_find_waiting (EoStore          *store,
                                         gint64            bill_id,
                                         const char       *status,
                                         const char       *rpo,
                                         EoOutboxChange  **out_change,
                                         GError          **error);

/* How many items have this action */
guint        eo_batch_plan_count        (GPtrArray          *plan,
                                         EoBatchPlanAction   action);

G_END_DECLS
