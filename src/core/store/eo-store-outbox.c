/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-outbox.c: the store's outbox: queueing changes, listing them, the person's retry and
 * discard (claiming due changes and recording their outcomes: eo-store-outbox-claim.c) */

#include "config.h"

#include <inttypes.h>

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>

static EoOutboxChange *
read_change (sqlite3_stmt *stmt)
{
  EoOutboxChange *change = g_rc_box_new0 (EoOutboxChange);

  change->id = sqlite3_column_int64 (stmt, 0);
  change->bill_id = sqlite3_column_int64 (stmt, 1);
  change->status = g_strdup (eo_store_column_text (stmt, 2));
  change->date = eo_store_column_date (stmt, 3);
  change->rpo = g_strdup (eo_store_column_text (stmt, 4));
  change->state = sqlite3_column_int (stmt, 5);
  change->attempts = sqlite3_column_int (stmt, 6);
  change->created_at = sqlite3_column_int64 (stmt, 7);
  change->next_attempt = sqlite3_column_int64 (stmt, 8);
  change->last_error = g_strdup (eo_store_column_text (stmt, 9));
  change->account = g_strdup (eo_store_column_text (stmt, 10));

  return change;
}

GPtrArray *
eo_store_collect_changes (EoStore       *self,
                          sqlite3_stmt  *stmt,
                          GError       **error)
{
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, read_change (stmt));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

EoOutboxChange *
eo_store_get_change_locked (EoStore  *self,
                            gint64    id,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  EoOutboxChange *change = NULL;
  int rc;

  stmt = eo_store_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    change = read_change (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND,
                 _("There is no change %" PRId64 " in the outbox."), id);
  else
    eo_store_db_error (self, error);
  sqlite3_reset (stmt);

  return change;
}

gboolean
eo_store_update_state (EoStore     *self,
                       gint64       id,
                       int          state,
                       guint        attempts,
                       gint64       next_attempt,
                       const char  *last_error,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = eo_store_stmt (self,
                        "UPDATE outbox SET state = ?, attempts = ?, next_attempt = ?,"
                        " last_error = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int (stmt, 2, attempts);
  sqlite3_bind_int64 (stmt, 3, next_attempt);
  eo_store_bind_text (stmt, 4, last_error);
  sqlite3_bind_int64 (stmt, 5, id);

  return eo_store_step_done (self, stmt, error);
}

static gboolean
check_change (const EoOutboxChange  *change,
              GError               **error)
{
  static const char * const statuses[] = { "sent", "paid", "return", "cancel" };
  gboolean known = FALSE;

  if (change->bill_id <= 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("The order number must be a positive number."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    known |= g_strcmp0 (change->status, statuses[i]) == 0;

  if (!known)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Unknown order status “%s”: use sent, paid, return or cancel."),
                   change->status);
      return FALSE;
    }

  if (change->date == NULL &&
      (g_str_equal (change->status, "sent") || g_str_equal (change->status, "paid")))
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Marking an order %s needs a date."), change->status);
      return FALSE;
    }

  if (g_str_equal (change->status, "sent") && (change->rpo == NULL || *change->rpo == '\0'))
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Marking an order sent needs a tracking number."));
      return FALSE;
    }

  return TRUE;
}

static gint64
enqueue_locked (EoStore        *self,
                EoOutboxChange *change,
                gint64          now,
                gboolean       *out_existing,
                GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  EoOutboxState state = EO_OUTBOX_STATE_PENDING;
  int rc;

  if (out_existing != NULL)
    *out_existing = FALSE;

  if (!check_change (change, error))
    return 0;

  /* For the store's shop, unless the change names one */
  if (change->account == NULL || change->account[0] == '\0')
    {
      g_free (change->account);
      change->account = g_strdup (self->account != NULL ? self->account : "");
    }

  /* The same change pending (or failed, to be tried again) */
  stmt = eo_store_stmt (self,
                        "SELECT id, state FROM outbox"
                        " WHERE bill_id = ? AND status = ? AND date IS ? AND rpo = ?"
                        "  AND account = ? AND state IN (0, 2)"
                        " ORDER BY state, id LIMIT 1",
                        error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, change->bill_id);
  eo_store_bind_text (stmt, 2, change->status);
  eo_store_bind_date (stmt, 3, change->date);
  eo_store_bind_text (stmt, 4, change->rpo);
  eo_store_bind_text (stmt, 5, change->account);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      state = sqlite3_column_int (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  if (id != 0 && state == EO_OUTBOX_STATE_PENDING)
    {
      if (out_existing != NULL)
        *out_existing = TRUE;
      change->id = id;
      return id;
    }

  if (id != 0)
    {
      stmt = eo_store_stmt (self,
                            "UPDATE outbox SET state = 0, attempts = 0, next_attempt = ?,"
                            " last_error = '' WHERE id = ?",
                            error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!eo_store_step_done (self, stmt, error))
        return 0;
    }
  else
    {
      stmt = eo_store_stmt (self,
                            "INSERT INTO outbox (bill_id, status, date, rpo, state, attempts,"
                            "                    created_at, next_attempt, last_error, account)"
                            " VALUES (?, ?, ?, ?, 0, 0, ?, ?, '', ?)",
                            error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, change->bill_id);
      eo_store_bind_text (stmt, 2, change->status);
      eo_store_bind_date (stmt, 3, change->date);
      eo_store_bind_text (stmt, 4, change->rpo);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, now);
      eo_store_bind_text (stmt, 7, change->account);
      if (!eo_store_step_done (self, stmt, error))
        return 0;
      id = sqlite3_last_insert_rowid (self->db);
      change->created_at = now;
    }

  change->id = id;
  change->state = EO_OUTBOX_STATE_PENDING;
  change->attempts = 0;
  change->next_attempt = now;
  g_free (change->last_error);
  change->last_error = g_strdup ("");

  if (!eo_store_log_change (self, change, EO_LOG_QUEUED, "", now, error))
    return 0;

  return id;
}

gint64
eo_store_outbox_enqueue (EoStore         *self,
                         EoOutboxChange  *change,
                         gint64           now,
                         gboolean        *out_existing,
                         GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (EO_IS_STORE (self), 0);
  g_return_val_if_fail (change != NULL, 0);

  locker = g_mutex_locker_new (&self->lock);

  if (!eo_store_begin (self, error))
    return 0;

  id = enqueue_locked (self, change, now, out_existing, error);
  if (id == 0)
    {
      eo_store_rollback (self);
      return 0;
    }

  if (!eo_store_commit (self, error))
    return 0;

  return id;
}

gboolean
eo_store_outbox_enqueue_many (EoStore    *self,
                              GPtrArray  *changes,
                              gint64      now,
                              GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!eo_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      if (enqueue_locked (self, g_ptr_array_index (changes, i), now, NULL, error) == 0)
        {
          eo_store_rollback (self);
          for (guint j = 0; j < changes->len; j++)
            ((EoOutboxChange *) g_ptr_array_index (changes, j))->id = 0;
          return FALSE;
        }
    }

  return eo_store_commit (self, error);
}

EoOutboxChange *
eo_store_outbox_get (EoStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return eo_store_get_change_locked (self, id, error);
}

GPtrArray *
eo_store_outbox_list_pending (EoStore  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 0 ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  return eo_store_collect_changes (self, stmt, error);
}

GPtrArray *
eo_store_outbox_list_failed (EoStore  *self,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 2 ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  return eo_store_collect_changes (self, stmt, error);
}

gboolean
eo_store_outbox_retry (EoStore  *self,
                       gint64    id,
                       gint64    now,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(EoOutboxChange) change = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!eo_store_begin (self, error))
    return FALSE;

  change = eo_store_get_change_locked (self, id, error);
  if (change == NULL)
    {
      eo_store_rollback (self);
      return FALSE;
    }

  if (change->state != EO_OUTBOX_STATE_PENDING && change->state != EO_OUTBOX_STATE_FAILED)
    {
      eo_store_rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("This change is no longer waiting to be sent."));
      return FALSE;
    }

  if (change->state == EO_OUTBOX_STATE_FAILED)
    {
      /* Queued again through enqueue, which keeps it unique: when the same change is pending
       * already, this copy is dropped */
      gint64 queued = enqueue_locked (self, change, now, NULL, error);

      if (queued == 0 ||
          (queued != id &&
           !eo_store_update_state (self, id, EO_OUTBOX_STATE_DISCARDED, change->attempts,
                                   change->next_attempt, change->last_error, error)))
        {
          eo_store_rollback (self);
          return FALSE;
        }
    }
  else if (!eo_store_update_state (self, id, EO_OUTBOX_STATE_PENDING, 0, now, change->last_error,
                                   error))
    {
      eo_store_rollback (self);
      return FALSE;
    }

  return eo_store_commit (self, error);
}

gboolean
eo_store_outbox_discard (EoStore  *self,
                         gint64    id,
                         gint64    now,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(EoOutboxChange) change = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  /* on its way to the service: the answer decides, not the person */
  if (g_hash_table_contains (self->in_flight, &id))
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("This change is being sent right now; wait for the service's answer."));
      return FALSE;
    }

  if (!eo_store_begin (self, error))
    return FALSE;

  change = eo_store_get_change_locked (self, id, error);
  if (change == NULL)
    {
      eo_store_rollback (self);
      return FALSE;
    }

  if (change->state == EO_OUTBOX_STATE_DONE)
    {
      eo_store_rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("The service has already made this change; it cannot be dropped."));
      return FALSE;
    }

  if (change->state != EO_OUTBOX_STATE_DISCARDED &&
      (!eo_store_update_state (self, id, EO_OUTBOX_STATE_DISCARDED, change->attempts,
                               change->next_attempt, change->last_error, error) ||
       !eo_store_log_change (self, change, EO_LOG_DISCARDED, "", now, error)))
    {
      eo_store_rollback (self);
      return FALSE;
    }

  return eo_store_commit (self, error);
}

/* ------------------------------------------------------------------------------------------- */
/* Async                                                                                       */

static void
enqueue_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  gint64 id = eo_store_outbox_enqueue (source_object, call->change, call->now, NULL, &error);

  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

void
eo_store_outbox_enqueue_async (EoStore             *self,
                               EoOutboxChange      *change,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (change != NULL);

  /* Not cancellable: once asked for, the change is written. A copy, with its shop: the one it
   * names, or else the store's now, as the synchronous call would record */
  call->change = eo_outbox_change_copy (change);
  if (call->change->account == NULL || call->change->account[0] == '\0')
    {
      g_mutex_lock (&self->lock);
      g_free (call->change->account);
      call->change->account = g_strdup (self->account != NULL ? self->account : "");
      g_mutex_unlock (&self->lock);
    }
  call->now = now;
  task = eo_store_task_new (self, eo_store_outbox_enqueue_async, call, NULL, callback, user_data);
  g_task_set_check_cancellable (task, FALSE);
  eo_store_task_run (task, enqueue_thread);
}

gint64
eo_store_outbox_enqueue_finish (EoStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_outbox_enqueue_async), 0);

  return g_task_propagate_int (G_TASK (result), error);
}
