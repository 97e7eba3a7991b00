/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-history.c: the saved orders: saving fetched ones, reading them back, the recent ones */

#include "config.h"

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>

static char *
join_name (const EoStoreOrderFields *fields)
{
  const char *parts[] = { fields->last_name, fields->first_name, fields->middle_name };
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i] != NULL ? parts[i] : ""));

      if (*part == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }

  return g_string_free (name, FALSE);
}

static gboolean
save_order_locked (EoStore                  *self,
                   const EoStoreOrderFields *fields,
                   const char               *raw_json,
                   const EoStoreOrderFacts  *given_facts,
                   gint64                    now,
                   GError                  **error)
{
  static const char sql[] =
    "INSERT INTO orders (bill_id, full_name, email, phone, city, fetched_at, raw_json,"
    "                    first_name, last_name, middle_name, address, pay_status, phone_digits,"
    "                    tracking, local_status, account,"
    "                    postalcode, is_paid, paid_at, created_at, item_count, total, good_ids,"
    "                    settled)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    "  ifnull ((SELECT rpo FROM outbox WHERE bill_id = ?1 AND status = 'sent' AND state = 1"
    "           ORDER BY id DESC LIMIT 1), ''),"
    "  ifnull ((SELECT status FROM outbox WHERE bill_id = ?1 AND state = 1"
    "           ORDER BY id DESC LIMIT 1), ''), ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
    "  " SETTLED_SQL ("?1", "?14") ")"
    " ON CONFLICT (bill_id) DO UPDATE SET"
    "  full_name = excluded.full_name, email = excluded.email, phone = excluded.phone,"
    "  city = excluded.city, fetched_at = excluded.fetched_at, raw_json = excluded.raw_json,"
    "  first_name = excluded.first_name, last_name = excluded.last_name,"
    "  middle_name = excluded.middle_name, address = excluded.address,"
    "  pay_status = excluded.pay_status, phone_digits = excluded.phone_digits,"
    "  account = excluded.account, postalcode = excluded.postalcode,"
    "  is_paid = excluded.is_paid, paid_at = excluded.paid_at, created_at = excluded.created_at,"
    "  item_count = excluded.item_count, total = excluded.total, good_ids = excluded.good_ids,"
    "  settled = excluded.settled";
  g_auto(EoStoreOrderFacts) read_facts = { 0 };
  const EoStoreOrderFacts *facts = given_facts;
  g_autofree char *full_name = join_name (fields);
  g_autofree char *digits = eo_store_phone_digits (fields->phone);
  sqlite3_stmt *stmt;

  if (fields->bill_id <= 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("An order without a number cannot be saved."));
      return FALSE;
    }

  stmt = eo_store_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, fields->bill_id);
  eo_store_bind_text (stmt, 2, full_name);
  eo_store_bind_text (stmt, 3, fields->email);
  eo_store_bind_text (stmt, 4, fields->phone);
  eo_store_bind_text (stmt, 5, fields->city);
  sqlite3_bind_int64 (stmt, 6, now);
  eo_store_bind_text (stmt, 7, raw_json != NULL ? raw_json : "{}");
  eo_store_bind_text (stmt, 8, fields->first_name);
  eo_store_bind_text (stmt, 9, fields->last_name);
  eo_store_bind_text (stmt, 10, fields->middle_name);
  eo_store_bind_text (stmt, 11, fields->address);
  eo_store_bind_text (stmt, 12, fields->pay_status);
  eo_store_bind_text (stmt, 13, digits);
  eo_store_bind_text (stmt, 14, self->account != NULL ? self->account : "");

  /* what the to-ship list needs, read from the order as the service gave it */
  if (facts == NULL)
    {
      eo_store_order_facts_from_json (raw_json, &read_facts);
      facts = &read_facts;
    }
  eo_store_bind_text (stmt, 15, facts->postalcode);
  sqlite3_bind_int (stmt, 16, facts->is_paid);
  eo_store_bind_time (stmt, 17, facts->paid_at);
  eo_store_bind_time (stmt, 18, facts->created_at);
  sqlite3_bind_int64 (stmt, 19, facts->item_count);
  if (facts->total != EO_MONEY_NONE)
    sqlite3_bind_int64 (stmt, 20, facts->total);
  else
    sqlite3_bind_null (stmt, 20);
  eo_store_bind_text (stmt, 21, facts->good_ids);

  return eo_store_step_done (self, stmt, error);
}

gboolean
eo_store_save_order_fields (EoStore                  *self,
                            const EoStoreOrderFields *fields,
                            const char               *raw_json,
                            gint64                    now,
                            GError                  **error)
{
  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return eo_store_save_orders_fields (self, fields, &raw_json, 1, now, error);
}

gboolean
eo_store_save_orders_fields (EoStore                  *self,
                             const EoStoreOrderFields *fields,
                             const char * const       *raw_jsons,
                             gsize                     n_orders,
                             gint64                    now,
                             GError                  **error)
{
  return eo_store_save_orders_facts (self, fields, raw_jsons, NULL, n_orders, now, error);
}

gboolean
eo_store_save_orders_facts (EoStore                  *self,
                            const EoStoreOrderFields *fields,
                            const char * const       *raw_jsons,
                            const EoStoreOrderFacts  *facts,
                            gsize                     n_orders,
                            gint64                    now,
                            GError                  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_orders == 0, FALSE);
  g_return_val_if_fail (raw_jsons != NULL || n_orders == 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  /* Orders fetched are a copy of the service's: this commit alone runs with synchronous=NORMAL
   * (a power cut may lose it, the file stays sound, and the order is fetched again), so that
   * showing an order does not wait for the disk */
  ok = eo_store_exec (self, "PRAGMA synchronous = NORMAL", error) && eo_store_begin (self, error);

  for (gsize i = 0; ok && i < n_orders; i++)
    ok = save_order_locked (self, &fields[i], raw_jsons[i], facts != NULL ? &facts[i] : NULL,
                            now, error);

  if (ok)
    ok = eo_store_commit (self, error);
  else
    eo_store_rollback (self);

  /* Every other commit must reach the disk */
  if (!eo_store_exec (self, "PRAGMA synchronous = FULL", ok ? error : NULL))
    ok = FALSE;

  return ok;
}

gboolean
eo_store_save_order (EoStore  *self,
                     EoOrder  *order,
                     gint64    now,
                     GError  **error)
{
  g_auto(EoStoreOrderFacts) facts = { 0 };
  EoStoreOrderFields fields;
  const char *raw_json;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (EO_IS_ORDER (order), FALSE);

  fields = (EoStoreOrderFields) {
    .bill_id = eo_order_get_id (order),
    .first_name = eo_order_get_first_name (order),
    .last_name = eo_order_get_last_name (order),
    .middle_name = eo_order_get_middle_name (order),
    .email = eo_order_get_email (order),
    .phone = eo_order_get_phone (order),
    .city = eo_order_get_city (order),
    .address = eo_order_get_address (order),
    .pay_status = eo_order_get_pay_status (order),
  };

  raw_json = eo_order_get_raw_json (order);
  eo_store_order_facts_from_order (order, &facts);
  return eo_store_save_orders_facts (self, &fields, &raw_json, &facts, 1, now, error);
}

char *
eo_store_get_order_json (EoStore  *self,
                         gint64    bill_id,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self,
                        "SELECT raw_json FROM orders WHERE bill_id = ?1 AND " ACCOUNT_MATCHES,
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, bill_id);
  eo_store_bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup (eo_store_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    eo_store_db_error (self, error);
  sqlite3_reset (stmt);

  return json;
}

/* Runs a statement selecting ORDER_COLUMNS into a list of EoStoredOrder */
GListModel *
eo_store_collect_orders (EoStore       *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (EO_TYPE_STORED_ORDER);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EoStoredOrder) row =
        eo_stored_order_new (sqlite3_column_int64 (stmt, 0),
                             eo_store_column_text (stmt, 1),
                             eo_store_column_text (stmt, 2),
                             eo_store_column_text (stmt, 3),
                             eo_store_column_text (stmt, 4),
                             eo_store_column_text (stmt, 5),
                             eo_store_column_text (stmt, 6),
                             eo_store_column_text (stmt, 7),
                             eo_store_column_text (stmt, 8),
                             sqlite3_column_int64 (stmt, 9));

      g_list_store_append (list, row);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

GListModel *
eo_store_recent_orders_locked (EoStore  *self,
                               guint     limit,
                               GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = eo_store_stmt (self,
                        "SELECT " ORDER_COLUMNS " FROM orders"
                        " WHERE " ACCOUNT_MATCHES
                        " ORDER BY fetched_at DESC, bill_id DESC LIMIT ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  eo_store_bind_account (self, stmt);

  return eo_store_collect_orders (self, stmt, error);
}

GListModel *
eo_store_recent_orders (EoStore  *self,
                        guint     limit,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return eo_store_recent_orders_locked (self, limit, error);
}

/* ------------------------------------------------------------------------------------------- */
/* Async                                                                                       */

static void
save_order_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;

  if (!eo_store_save_order (source_object, call->order, call->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_store_save_order_async (EoStore             *self,
                           EoOrder             *order,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (EO_IS_ORDER (order));

  /* EoOrder is immutable once built, so the worker may read it */
  call->order = g_object_ref (order);
  call->now = now;
  task = eo_store_task_new (self, eo_store_save_order_async, call, cancellable, callback,
                            user_data);
  eo_store_task_run (task, save_order_thread);
}

gboolean
eo_store_save_order_finish (EoStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_save_order_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
get_order_json_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  char *json = eo_store_get_order_json (source_object, call->id, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json, g_free);
}

void
eo_store_get_order_json_async (EoStore             *self,
                               gint64               bill_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->id = bill_id;
  task = eo_store_task_new (self, eo_store_get_order_json_async, call, cancellable, callback,
                            user_data);
  eo_store_task_run (task, get_order_json_thread);
}

char *
eo_store_get_order_json_finish (EoStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_get_order_json_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
recent_orders_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  GListModel *orders = eo_store_recent_orders (source_object, call->limit, &error);

  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, g_object_unref);
}

void
eo_store_recent_orders_async (EoStore             *self,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->limit = limit;
  task = eo_store_task_new (self, eo_store_recent_orders_async, call, cancellable, callback,
                            user_data);
  eo_store_task_run (task, recent_orders_thread);
}

GListModel *
eo_store_recent_orders_finish (EoStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_recent_orders_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
