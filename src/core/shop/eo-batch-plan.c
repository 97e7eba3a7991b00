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

/* This shop's changes still waiting or refused */
static GPtrArray *
eo_batch_plan_list_waiting (EoStore  *store,
                            GError  **error)
{
  const char *account = eo_store_get_account (store);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) failed = NULL;

  if ((waiting = eo_store_outbox_list_pending (store, error)) == NULL ||
      (failed = eo_store_outbox_list_failed (store, error)) == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (waiting, g_steal_pointer (&failed));

  for (guint i = waiting->len; i > 0; i--)
    if (!eo_outbox_change_is_for (g_ptr_array_index (waiting, i - 1), account))
      g_ptr_array_remove_index (waiting, i - 1);

  return g_steal_pointer (&waiting);
}

/* The same change (order, status, tracking number), whatever its date, among these */
static EoOutboxChange *
eo_batch_plan_find_in (GPtrArray  *waiting,
                       gint64      bill_id,
                       const char *status,
                       const char *rpo)
{
  for (guint i = 0; i < waiting->len; i++)
    {
      EoOutboxChange *other = g_ptr_array_index (waiting, i);

      if (other->bill_id == bill_id && g_str_equal (other->status, status) &&
          g_str_equal (other->rpo, rpo != NULL ? rpo : ""))
        return eo_outbox_change_ref (other);
    }

  return NULL;
}

gboolean
eo_batch_plan_find_waiting (EoStore         *store,
                            gint64           bill_id,
                            const char      *status,
                            const char      *rpo,
                            EoOutboxChange **out_change,
                            GError         **error)
{
  g_autoptr(GPtrArray) waiting = NULL;

  g_return_val_if_fail (EO_IS_STORE (store), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (out_change != NULL, FALSE);

  *out_change = NULL;
  if ((waiting = eo_batch_plan_list_waiting (store, error)) == NULL)
    return FALSE;

  *out_change = eo_batch_plan_find_in (waiting, bill_id, status, rpo);
  return TRUE;
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
  g_autoptr(GPtrArray) waiting = NULL;

  g_return_val_if_fail (EO_IS_STORE (store), NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (default_date != NULL, NULL);

  if ((waiting = eo_batch_plan_list_waiting (store, error)) == NULL)
    return NULL;

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
      else if (!own_date &&
               (existing = eo_batch_plan_find_in (waiting, row->bill_id, "sent",
                                                  item->change->rpo)) != NULL)
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
