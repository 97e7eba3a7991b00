/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-sender.c: sends the outbox's due changes, a few at a time, and records each outcome
 *
 * Replies are recorded in the background, in batches, so that a job slot is refilled as soon
 * as its reply arrives: the run claims a window of due changes ahead (marked in flight, so
 * that no one else sends them and per-order ordering holds) and starts the next send from it.
 * The outcomes gathered so far go to the store's worker in one transaction
 * (eo_store_outbox_complete_many), followed there by a claim that tops the window up; the
 * worker runs the two in that order, and only one such pair is under way at a time. The run
 * reports completion only once every outcome has been committed.
 */

#include "config.h"

#include "eo-outbox-sender.h"

#include <glib/gi18n-lib.h>

#include "eo-error.h"

typedef struct
{
  gint64                  now;
  guint                   max_jobs;
  guint                   window_size; /* changes claimed ahead, running ones included */
  EoOutboxSendFunc        send;
  EoOutboxSendFinishFunc  finish;
  EoOutboxProgressFunc    progress;
  gpointer                user_data;
  GQueue                  window;      /* claimed, not started yet: EoOutboxChange */
  GPtrArray              *outcomes;    /* replies not handed to the store yet: EoOutboxOutcome */
  guint                   storing;     /* calls on the store's worker not back yet */
  guint                   want;        /* changes the claim under way asked for */
  gboolean                recording;   /* outcomes under way include some to record */
  gboolean                drained;     /* the last claim found fewer than it asked for */
  guint                   running;
  guint                   done;
  guint                   failed;
  guint                   retry;
  GError                 *error;       /* the first store failure */
} SendRun;

typedef struct
{
  GTask          *task;
  EoOutboxChange *change;
} SendJob;

static void send_pump (GTask *task);

static GPtrArray *
outcomes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_outcome_free);
}

/* Not sent (cancelled, or never started): only given back */
static void
outcome_add_release (SendRun        *run,
                     EoOutboxChange *change)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "Not sent");

  g_ptr_array_add (run->outcomes, eo_outbox_outcome_new (change->id, cancelled));
}

static void
send_job_free (SendJob *job)
{
  g_object_unref (job->task);
  eo_outbox_change_unref (job->change);
  g_free (job);
}

static void
send_run_free (SendRun *run)
{
  g_queue_clear_full (&run->window, (GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_unref (run->outcomes);
  g_clear_error (&run->error);
  g_free (run);
}

static void
send_run_store_failed (SendRun *run,
                       GError  *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
}

static void
complete_many_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->storing--;

  /* Recorded outcomes may have let later changes of their orders become due (the claim, when
   * there is one, comes next and says) */
  if (!eo_store_outbox_complete_many_finish (EO_STORE (object), result, &error))
    send_run_store_failed (run, error);
  else if (run->recording)
    run->drained = FALSE;

  if (run->storing == 0)
    send_pump (task);
}

static void
claim_due_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) claimed = NULL;
  GError *error = NULL;

  run->storing--;

  claimed = eo_store_outbox_claim_due_finish (EO_STORE (object), result, &error);
  if (claimed == NULL)
    send_run_store_failed (run, error);
  else
    {
      for (guint i = 0; i < claimed->len; i++)
        g_queue_push_tail (&run->window, eo_outbox_change_ref (claimed->pdata[i]));
      run->drained = claimed->len < run->want;
    }

  if (run->storing == 0)
    send_pump (task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendJob *job = user_data;
  GTask *task = job->task;
  SendRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_DONE;

  if (!run->finish (result, &error, run->user_data))
    {
      if (error == NULL)
        error = g_error_new_literal (EO_ERROR, EO_ERROR_FAILED, _("Sending failed."));

      if (eo_error_is_cancelled (error))
        state = EO_OUTBOX_STATE_PENDING;
      else if (eo_error_is_retryable (error))
        {
          state = EO_OUTBOX_STATE_PENDING;
          run->retry++;
        }
      else
        {
          state = EO_OUTBOX_STATE_FAILED;
          run->failed++;
        }
    }
  else
    run->done++;

  if (error != NULL && eo_error_is_cancelled (error))
    outcome_add_release (run, job->change);
  else
    {
      if (run->progress != NULL)
        run->progress (job->change, state, error, run->user_data);
      g_ptr_array_add (run->outcomes, eo_outbox_outcome_new (job->change->id, error));
    }

  run->running--;
  send_pump (task);
  send_job_free (job);
}

/* Starts sends from the window, hands outcomes to the store, tops the window up, and returns
 * the result once nothing is under way */
static void
send_pump (GTask *task)
{
  SendRun *run = g_task_get_task_data (task);
  EoStore *store = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean stopping = run->error != NULL || g_cancellable_is_cancelled (cancellable);
  guint in_hand;
  guint want = 0;

  if (stopping)
    {
      EoOutboxChange *change;

      while ((change = g_queue_pop_head (&run->window)) != NULL)
        {
          outcome_add_release (run, change);
          eo_outbox_change_unref (change);
        }
    }

  while (run->running < run->max_jobs && !g_queue_is_empty (&run->window))
    {
      SendJob *job = g_new0 (SendJob, 1);

      job->task = g_object_ref (task);
      job->change = g_queue_pop_head (&run->window);
      run->running++;
      run->send (job->change, cancellable, send_cb, job, run->user_data);
    }

  if (run->storing > 0)
    return;

  in_hand = run->running + g_queue_get_length (&run->window);
  if (!stopping && !run->drained && in_hand < run->window_size)
    want = run->window_size - in_hand;

  /* Not cancellable: outcomes are recorded, claimed changes handed back */
  if (run->outcomes->len > 0)
    {
      g_autoptr(GPtrArray) outcomes = g_steal_pointer (&run->outcomes);

      run->outcomes = outcomes_new ();
      run->recording = FALSE;
      for (guint i = 0; i < outcomes->len; i++)
        {
          EoOutboxOutcome *outcome = g_ptr_array_index (outcomes, i);

          run->recording |= outcome->error == NULL || !eo_error_is_cancelled (outcome->error);
        }
      run->storing++;
      eo_store_outbox_complete_many_async (store, outcomes, run->now, NULL, complete_many_cb,
                                           g_object_ref (task));
    }

  if (want > 0)
    {
      run->want = want;
      run->storing++;
      eo_store_outbox_claim_due_async (store, run->now, want, NULL, claim_due_cb,
                                       g_object_ref (task));
    }

  if (run->storing > 0 || run->running > 0)
    return;

  g_assert (g_queue_is_empty (&run->window));

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

void
eo_outbox_sender_send_due_async (EoStore                *store,
                                 gint64                  now,
                                 guint                   max_jobs,
                                 EoOutboxSendFunc        send,
                                 EoOutboxSendFinishFunc  finish,
                                 EoOutboxProgressFunc    progress,
                                 gpointer                user_data,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                callback_data)
{
  g_autoptr(GTask) task = NULL;
  SendRun *run;

  g_return_if_fail (EO_IS_STORE (store));
  g_return_if_fail (send != NULL);
  g_return_if_fail (finish != NULL);

  run = g_new0 (SendRun, 1);
  run->now = now;
  run->max_jobs = max_jobs > 0 ? max_jobs : EO_OUTBOX_DEFAULT_JOBS;
  /* Enough in hand that a slot never waits for the store */
  run->window_size = 2 * run->max_jobs;
  run->send = send;
  run->finish = finish;
  run->progress = progress;
  run->user_data = user_data;
  g_queue_init (&run->window);
  run->outcomes = outcomes_new ();

  task = g_task_new (store, cancellable, callback, callback_data);
  g_task_set_source_tag (task, eo_outbox_sender_send_due_async);
  g_task_set_task_data (task, run, (GDestroyNotify) send_run_free);
  send_pump (task);
}

gboolean
eo_outbox_sender_send_due_finish (EoStore       *store,
                                  GAsyncResult  *result,
                                  guint         *out_done,
                                  guint         *out_failed,
                                  guint         *out_retry,
                                  GError       **error)
{
  SendRun *run;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        eo_outbox_sender_send_due_async, FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (out_done != NULL)
    *out_done = run->done;
  if (out_failed != NULL)
    *out_failed = run->failed;
  if (out_retry != NULL)
    *out_retry = run->retry;

  return g_task_propagate_boolean (G_TASK (result), error);
}
