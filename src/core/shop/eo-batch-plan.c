/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-plan.c: a batch file's rows against the shop's log and outbox */

#include "config.h"

#include "eo-batch-plan.h"

static void
eo_batch_plan_item_free (EoBatchPlanItem *item)
{
  g_clear_pointer (&item->change, eo_outbox_change_unref);
  g_free (item);
}

/* This shop's log has the change confirmed (with any date when any_date) */
static gboolean
eo_batch_plan_was_sent (EoStore         *store,
                        EoOutboxChange  *change,
                        gboolean         any_date,
                        gboolean        *out_sent,
                        GError         **error)
{
  g_autoptr(GPtrArray) log = eo_store_list_log (store, change->bill_id, 100, error);

  if (log == NULL)
    return FALSE;

  *out_sent = FALSE;
  for (guint i = 0; i < log->len && !*out_sent; i++)
    {
      EoLogEntry *entry = g_ptr_array_index (log, i);

      *out_sent = entry->result == EO_LOG_DONE &&
                  g_str_equal (entry->status, change->status) &&
                  g_str_equal (entry->rpo, change->rpo) &&
                  (any_date || (entry->date != NULL && change->date != NULL &&
                                g_date_time_equal (entry->date, change->date)));
    }

  return TRUE;
}

/* The same change (order, status, tracking number) for this shop, whatever its date, waiting
 * or refused */
static EoOutboxChange *
eo_batch_plan_find_queued (GPtrArray      *queued,
                           const char     *account,
                           EoOutboxChange *change)
{
  for (guint i = 0; i < queued->len; i++)
    {
      EoOutboxChange *other = g_ptr_array_index (queued, i);

      if (eo_outbox_change_is_for (other, account) && other->bill_id == change->bill_id && g_str_equal (other->status, change->status) &&
          g_str_equal (other->rpo, change->rpo))
        return eo_outbox_change_ref (other);
    }

  return NULL;
}

GPtrArray *
eo_batch_plan_make (EoStore     *store,
                    GPtrArray   *rows,
                    gboolean     with_warnings,
                    GDateTime   *default_date,
                    gboolean     default_date_given,
                    GError     **error)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GPtrArray) failed = NULL;

  g_return_val_if_fail (EO_IS_STORE (store), NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (default_date != NULL, NULL);

  if ((queued = eo_store_outbox_list_pending (store, error)) == NULL ||
      (failed = eo_store_outbox_list_failed (store, error)) == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (queued, g_steal_pointer (&failed));

  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_batch_plan_item_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const EoBatchRow *row = g_ptr_array_index (rows, i);
      EoBatchPlanItem *item = g_new0 (EoBatchPlanItem, 1);
      gboolean own_date = row->date != NULL || default_date_given;
      gboolean sent = FALSE;
      g_autoptr(EoOutboxChange) existing = NULL;

      item->row = row;
      g_ptr_array_add (plan, item);

      if (row->state == EO_BATCH_ROW_INVALID ||
          (row->state == EO_BATCH_ROW_WARNING && !with_warnings))
        {
          item->action = EO_BATCH_PLAN_SKIP;
          continue;
        }

      item->change = eo_outbox_change_new (row->bill_id, "sent",
                                           row->date != NULL ? row->date : default_date,
                                           row->rpo);

      if (!eo_batch_plan_was_sent (store, item->change, !own_date, &sent, error))
        return NULL;

      if (sent)
        item->action = EO_BATCH_PLAN_ALREADY_SENT;
      else if (!own_date && (existing = eo_batch_plan_find_queued (queued, eo_store_get_account (store),
                                                                  item->change)) != NULL)
        {
          item->action = EO_BATCH_PLAN_RETRY;
          g_clear_pointer (&item->change, eo_outbox_change_unref);
          item->change = g_steal_pointer (&existing);
        }
      else
        item->action = EO_BATCH_PLAN_QUEUE;
    }

  return g_steal_pointer (&plan);
}

guint
eo_batch_plan_count (GPtrArray         *plan,
                     EoBatchPlanAction  action)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->len; i++)
    n += ((EoBatchPlanItem *) g_ptr_array_index (plan, i))->action == action;

  return n;
}
