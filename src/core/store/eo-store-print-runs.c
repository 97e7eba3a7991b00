/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-print-runs.c: the print runs of each shop, to list them and print one again */

#include "config.h"

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#define RUN_COLUMNS "id, created_at, forms, blank, list_number"

static gboolean
check_run (const EoPrintRun  *run,
           GError           **error)
{
  if (run->forms == NULL || run->forms[strspn (run->forms, " ,")] == '\0')
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("A print run needs the forms it printed."));
      return FALSE;
    }

  if (run->orders == NULL || run->orders->len == 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("A print run needs at least one order."));
      return FALSE;
    }

  if (run->list_number < 1)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("The list’s number starts at 1"));
      return FALSE;
    }

  for (guint i = 0; i < run->orders->len; i++)
    {
      const EoPrintRunOrder *order = eo_print_run_get_order (run, i);

      if (order->bill_id <= 0)
        {
          g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                       _("An order number is a positive whole number."));
          return FALSE;
        }
      if (order->cod < 0 || order->declared_value < 0)
        {
          g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                       _("The sums printed for order %" PRId64 " cannot be negative."),
                       order->bill_id);
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
record_locked (EoStore           *self,
               const EoPrintRun  *run,
               gint64             now,
               GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = eo_store_stmt (self,
                        "INSERT INTO print_runs (account, created_at, forms, blank, list_number)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);
  if (stmt == NULL)
    return 0;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, now);
  eo_store_bind_text (stmt, 3, run->forms);
  sqlite3_bind_int (stmt, 4, run->blank ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, run->list_number);
  if (!eo_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  stmt = eo_store_stmt (self,
                        "INSERT INTO print_run_orders (run_id, position, bill_id, cod,"
                        "                              declared_value, tracking)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        error);
  if (stmt == NULL)
    return 0;

  for (guint i = 0; i < run->orders->len; i++)
    {
      const EoPrintRunOrder *order = eo_print_run_get_order (run, i);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, order->bill_id);
      sqlite3_bind_int64 (stmt, 4, order->cod);
      sqlite3_bind_int64 (stmt, 5, order->declared_value);
      eo_store_bind_text (stmt, 6, order->tracking);
      if (!eo_store_step_done (self, stmt, error))
        return 0;
    }

  return id;
}

gint64
eo_store_record_print_run (EoStore           *self,
                           const EoPrintRun  *run,
                           gint64             now,
                           GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (EO_IS_STORE (self), 0);
  g_return_val_if_fail (run != NULL, 0);

  if (!check_run (run, error))
    return 0;

  locker = g_mutex_locker_new (&self->lock);

  if (!eo_store_begin (self, error))
    return 0;

  id = record_locked (self, run, now, error);
  if (id == 0)
    {
      eo_store_rollback (self);
      return 0;
    }

  return eo_store_commit (self, error) ? id : 0;
}

/* The orders of run, from the file */
static gboolean
load_orders_locked (EoStore     *self,
                    EoPrintRun  *run,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = eo_store_stmt (self,
                        "SELECT bill_id, cod, declared_value, tracking FROM print_run_orders"
                        " WHERE run_id = ?1 ORDER BY position",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    eo_print_run_add_order (run, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int64 (stmt, 2), eo_store_column_text (stmt, 3));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return eo_store_db_error (self, error);

  return TRUE;
}

/* Runs a statement selecting RUN_COLUMNS into an array of EoPrintRun, orders not loaded yet */
static GPtrArray *
collect_runs (EoStore       *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_run_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EoPrintRun *run = eo_print_run_new (eo_store_column_text (stmt, 2));

      run->id = sqlite3_column_int64 (stmt, 0);
      run->created_at = sqlite3_column_int64 (stmt, 1);
      run->blank = sqlite3_column_int (stmt, 3) != 0;
      run->list_number = (guint) CLAMP (sqlite3_column_int64 (stmt, 4), 1, G_MAXUINT);
      g_ptr_array_add (runs, run);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < runs->len; i++)
    {
      if (!load_orders_locked (self, g_ptr_array_index (runs, i), error))
        return NULL;
    }

  return g_steal_pointer (&runs);
}

GPtrArray *
eo_store_list_print_runs (EoStore  *self,
                          guint     limit,
                          GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self,
                        "SELECT " RUN_COLUMNS " FROM print_runs WHERE account = ?1"
                        " ORDER BY id DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, limit);

  return collect_runs (self, stmt, error);
}

EoPrintRun *
eo_store_get_print_run (EoStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self,
                        "SELECT " RUN_COLUMNS " FROM print_runs WHERE account = ?1 AND id = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, id);

  if ((runs = collect_runs (self, stmt, error)) == NULL)
    return NULL;

  if (runs->len == 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND,
                   _("There is no print run %" PRId64 "."), id);
      return NULL;
    }

  return g_ptr_array_steal_index (runs, 0);
}
