/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-outbox-claim.c: the outbox's sending side: claiming the due changes, recording what
 * became of each (done, retried, failed) or giving it back */

#include "config.h"

#include "eo-store-private.h"

#include "eo-error.h"

static gboolean
bill_in_flight (EoStore *self,
                gint64   bill_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (*(gint64 *) value == bill_id)
        return TRUE;
    }

  return FALSE;
}

/*
 * The due changes, oldest due first, that nothing in flight holds back. Each change in flight
 * hides at most one row of the query (the oldest pending change of its order), so a LIMIT of
 * max_changes plus the number in flight finds max_changes when there are that many.
 */
static GPtrArray *
claim_due_locked (EoStore  *self,
                  gint64    now,
                  guint     max_changes,
                  GError  **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  sqlite3_stmt *stmt;

  claimed = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  if (max_changes == 0)
    return g_steal_pointer (&claimed);

  stmt = eo_store_stmt (self,
                        "SELECT " OUTBOX_COLUMNS " FROM outbox AS o"
                        " WHERE state = 0 AND next_attempt <= ?1"
                        "  AND " ACCOUNT_MATCHES
                        "  AND NOT EXISTS (SELECT 1 FROM outbox AS p"
                        "                  WHERE p.bill_id = o.bill_id AND p.account = o.account"
                        "                   AND p.state = 0 AND p.id < o.id)"
                        " ORDER BY next_attempt, id LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  /* Only the changes for the shop this store sends to (and those from before shops were
   * recorded): another shop's wait, listed, until its account is set up again */
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, (gint64) max_changes + g_hash_table_size (self->in_flight));
  eo_store_bind_account (self, stmt);
  due = eo_store_collect_changes (self, stmt, error);
  if (due == NULL)
    return NULL;

  for (guint i = 0; i < due->len && claimed->len < max_changes; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (due, i);

      if (g_hash_table_contains (self->in_flight, &change->id) ||
          bill_in_flight (self, change->bill_id))
        continue;

      g_hash_table_insert (self->in_flight,
                           g_memdup2 (&change->id, sizeof change->id),
                           g_memdup2 (&change->bill_id, sizeof change->bill_id));
      g_ptr_array_add (claimed, eo_outbox_change_ref (change));
    }

  return g_steal_pointer (&claimed);
}

GPtrArray *
eo_store_outbox_claim_due (EoStore  *self,
                           gint64    now,
                           guint     max_changes,
                           GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return claim_due_locked (self, now, max_changes, error);
}

void
eo_store_outbox_release (EoStore *self,
                         gint64   id)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EO_IS_STORE (self));

  locker = g_mutex_locker_new (&self->lock);
  g_hash_table_remove (self->in_flight, &id);
}

gboolean
eo_store_outbox_next_attempt (EoStore  *self,
                              gint64   *out_when,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self, "SELECT min (next_attempt) FROM outbox WHERE state = 0", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      found = TRUE;
      if (out_when != NULL)
        *out_when = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);

  return found;
}

static gboolean
mark_done_locked (EoStore  *self,
                  gint64    id,
                  gint64    now,
                  GError  **error)
{
  g_autoptr(EoOutboxChange) change = eo_store_get_change_locked (self, id, error);
  sqlite3_stmt *stmt;

  if (change == NULL)
    return FALSE;

  /* The service did it, whatever the person decided meanwhile */
  if (change->state != EO_OUTBOX_STATE_DONE)
    {
      if (!eo_store_update_state (self, id, EO_OUTBOX_STATE_DONE, change->attempts,
                                  change->next_attempt, "", error))
        return FALSE;

      stmt = eo_store_stmt (self,
                            "UPDATE orders SET local_status = ?2,"
                            " tracking = CASE WHEN ?2 = 'sent' THEN ?3 ELSE tracking END"
                            " WHERE bill_id = ?1",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->bill_id);
      eo_store_bind_text (stmt, 2, change->status);
      eo_store_bind_text (stmt, 3, change->rpo);
      if (!eo_store_step_done (self, stmt, error))
        return FALSE;

      if (!eo_store_log_change (self, change, EO_LOG_DONE, "", now, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
eo_store_outbox_mark_done (EoStore  *self,
                           gint64    id,
                           gint64    now,
                           GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (!eo_store_begin (self, error))
    return FALSE;

  if (!mark_done_locked (self, id, now, error))
    {
      eo_store_rollback (self);
      return FALSE;
    }

  return eo_store_commit (self, error);
}

static gboolean
mark_failed_locked (EoStore        *self,
                    gint64          id,
                    gboolean        retryable,
                    const char     *message,
                    gint64          now,
                    EoOutboxState  *out_state,
                    GError        **error)
{
  g_autoptr(EoOutboxChange) change = eo_store_get_change_locked (self, id, error);
  EoOutboxState state;
  guint attempts;

  if (change == NULL)
    return FALSE;

  state = change->state;
  attempts = change->attempts + 1;

  /* A change confirmed or dropped meanwhile stays so; the attempt is only logged */
  if (change->state == EO_OUTBOX_STATE_PENDING)
    {
      gint64 next_attempt = change->next_attempt;

      if (retryable)
        next_attempt = now + eo_outbox_backoff_delay (attempts);
      else
        state = EO_OUTBOX_STATE_FAILED;

      if (!eo_store_update_state (self, id, state, attempts, next_attempt, message, error))
        return FALSE;
    }

  if (!eo_store_log_change (self, change, retryable ? EO_LOG_RETRY : EO_LOG_FAILED, message, now,
                            error))
    return FALSE;

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

gboolean
eo_store_outbox_mark_failed (EoStore     *self,
                             gint64       id,
                             gboolean     retryable,
                             const char  *message,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (!eo_store_begin (self, error))
    return FALSE;

  if (!mark_failed_locked (self, id, retryable, message != NULL ? message : "", now, NULL, error))
    {
      eo_store_rollback (self);
      return FALSE;
    }

  return eo_store_commit (self, error);
}

gboolean
eo_store_outbox_complete (EoStore        *self,
                          gint64          id,
                          const GError   *result,
                          gint64          now,
                          EoOutboxState  *out_state,
                          GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_DONE;
  gboolean ok;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (result != NULL && eo_error_is_cancelled (result))
    {
      g_autoptr(EoOutboxChange) change = eo_store_get_change_locked (self, id, error);

      if (change == NULL)
        return FALSE;
      if (out_state != NULL)
        *out_state = change->state;
      return TRUE;
    }

  if (!eo_store_begin (self, error))
    return FALSE;

  if (result == NULL)
    ok = mark_done_locked (self, id, now, error);
  else
    ok = mark_failed_locked (self, id, eo_error_is_retryable (result), result->message, now,
                             &state, error);

  if (!ok)
    {
      eo_store_rollback (self);
      return FALSE;
    }

  if (!eo_store_commit (self, error))
    return FALSE;

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

EoOutboxOutcome *
eo_outbox_outcome_new (gint64        id,
                       const GError *error)
{
  EoOutboxOutcome *outcome = g_new0 (EoOutboxOutcome, 1);

  outcome->id = id;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;

  return outcome;
}

void
eo_outbox_outcome_free (EoOutboxOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_error (&outcome->error);
  g_free (outcome);
}

/*
 * This commit alone runs with synchronous=NORMAL: in WAL mode a power cut may lose it (the
 * file stays sound), and then the change is pending again and sent once more, which is
 * harmless since a status update is idempotent. The change itself was committed with
 * synchronous=FULL when it was queued, before it was ever sent.
 */
static gboolean
complete_many_locked (EoStore    *self,
                      GPtrArray  *outcomes,
                      gint64      now,
                      GError    **error)
{
  gboolean ok = TRUE;
  guint n_recorded = 0;

  for (guint i = 0; i < outcomes->len; i++)
    {
      EoOutboxOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (outcome->error == NULL || !eo_error_is_cancelled (outcome->error))
        n_recorded++;
    }

  if (n_recorded > 0)
    {
      ok = eo_store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
           eo_store_begin (self, error);

      for (guint i = 0; ok && i < outcomes->len; i++)
        {
          EoOutboxOutcome *outcome = g_ptr_array_index (outcomes, i);
          const GError *result = outcome->error;

          if (result == NULL)
            ok = mark_done_locked (self, outcome->id, now, error);
          else if (!eo_error_is_cancelled (result))
            ok = mark_failed_locked (self, outcome->id, eo_error_is_retryable (result),
                                     result->message, now, NULL, error);
        }

      if (ok)
        ok = eo_store_commit (self, error);
      else
        eo_store_rollback (self);

      /* Every other commit must reach the disk */
      if (!eo_store_exec (self, "PRAGMA synchronous = FULL", ok ? error : NULL))
        ok = FALSE;
    }

  /* Given back only now, so that no claim sees a change in flight as pending */
  for (guint i = 0; i < outcomes->len; i++)
    {
      EoOutboxOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_hash_table_remove (self->in_flight, &outcome->id);
    }

  return ok;
}

gboolean
eo_store_outbox_complete_many (EoStore    *self,
                               GPtrArray  *outcomes,
                               gint64      now,
                               GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (outcomes != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  return complete_many_locked (self, outcomes, now, error);
}

/* ------------------------------------------------------------------------------------------- */
/* Async                                                                                       */

static void
complete_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  EoOutboxState state;

  if (!eo_store_outbox_complete (source_object, call->id, call->result, call->now, &state, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, state);
}

void
eo_store_outbox_complete_async (EoStore             *self,
                                gint64               id,
                                const GError        *result,
                                gint64               now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->id = id;
  call->now = now;
  call->result = result != NULL ? g_error_copy (result) : NULL;
  task = eo_store_task_new (self, eo_store_outbox_complete_async, call, NULL, callback, user_data);
  g_task_set_check_cancellable (task, FALSE);
  eo_store_task_run (task, complete_thread);
}

gboolean
eo_store_outbox_complete_finish (EoStore        *self,
                                 GAsyncResult   *result,
                                 EoOutboxState  *out_state,
                                 GError        **error)
{
  GError *local_error = NULL;
  gssize state;

  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_outbox_complete_async), FALSE);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

static void
claim_due_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  GPtrArray *claimed;

  /* Once claimed, the changes are the caller's to send or give back: no cancelling then */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  claimed = eo_store_outbox_claim_due (source_object, call->now, call->limit, &error);
  if (claimed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, claimed, (GDestroyNotify) g_ptr_array_unref);
}

void
eo_store_outbox_claim_due_async (EoStore             *self,
                                 gint64               now,
                                 guint                max_changes,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->now = now;
  call->limit = max_changes;
  task = eo_store_task_new (self, eo_store_outbox_claim_due_async, call, cancellable, callback,
                            user_data);
  g_task_set_check_cancellable (task, FALSE);
  eo_store_task_run (task, claim_due_thread);
}

GPtrArray *
eo_store_outbox_claim_due_finish (EoStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_outbox_claim_due_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
complete_many_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;

  if (!eo_store_outbox_complete_many (source_object, call->outcomes, call->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_store_outbox_complete_many_async (EoStore             *self,
                                     GPtrArray           *outcomes,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (outcomes != NULL);

  /* Not cancellable: the outcomes are recorded and their changes given back */
  call->outcomes = g_ptr_array_ref (outcomes);
  call->now = now;
  task = eo_store_task_new (self, eo_store_outbox_complete_many_async, call, NULL, callback,
                            user_data);
  g_task_set_check_cancellable (task, FALSE);
  eo_store_task_run (task, complete_many_thread);
}

gboolean
eo_store_outbox_complete_many_finish (EoStore       *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_outbox_complete_many_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
