/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-log.c: the log of the status changes made from this computer */

#include "config.h"

#include "eo-store-private.h"

gboolean
eo_store_log_change (EoStore              *self,
                     const EoOutboxChange *change,
                     EoLogResult           result,
                     const char           *message,
                     gint64                now,
                     GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = eo_store_stmt (self,
                        "INSERT INTO log (at, change_id, bill_id, status, date, rpo, result,"
                        "                 message)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, change->id);
  sqlite3_bind_int64 (stmt, 3, change->bill_id);
  eo_store_bind_text (stmt, 4, change->status);
  eo_store_bind_date (stmt, 5, change->date);
  eo_store_bind_text (stmt, 6, change->rpo);
  sqlite3_bind_int (stmt, 7, result);
  eo_store_bind_text (stmt, 8, message);

  return eo_store_step_done (self, stmt, error);
}

GPtrArray *
eo_store_list_log (EoStore  *self,
                   gint64    bill_id,
                   guint     limit,
                   GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self,
                        "SELECT at, change_id, bill_id, status, date, rpo, result, message FROM log"
                        " WHERE ?1 = 0 OR bill_id = ?1 ORDER BY id DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, bill_id);
  sqlite3_bind_int64 (stmt, 2, limit);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_log_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EoLogEntry *entry = g_new0 (EoLogEntry, 1);

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->change_id = sqlite3_column_int64 (stmt, 1);
      entry->bill_id = sqlite3_column_int64 (stmt, 2);
      entry->status = g_strdup (eo_store_column_text (stmt, 3));
      entry->date = eo_store_column_date (stmt, 4);
      entry->rpo = g_strdup (eo_store_column_text (stmt, 5));
      entry->result = sqlite3_column_int (stmt, 6);
      entry->message = g_strdup (eo_store_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
