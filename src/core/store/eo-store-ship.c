/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-ship.c: the to-ship list (the rule, as one query), orders set aside, the sync state,
 * and saving a fetched list of orders at once */

#include "config.h"

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "eo-json.h"
#include "eo-order-item.h"
#include "eo-tracking.h"

/* Facts ------------------------------------------------------------------------------------- */

void
eo_store_order_facts_clear (EoStoreOrderFacts *facts)
{
  g_clear_pointer (&facts->postalcode, g_free);
  g_clear_pointer (&facts->good_ids, g_free);
}

static void
add_good_id (GString    *ids,
             const char *id)
{
  g_autofree char *needle = NULL;

  if (id == NULL || *id == '\0' || strchr (id, ',') != NULL)
    return;
  needle = g_strdup_printf (",%s,", id);
  if (strstr (ids->str, needle) == NULL)
    g_string_append_printf (ids, "%s,", id);
}

void
eo_store_order_facts_from_order (EoOrder           *order,
                                 EoStoreOrderFacts *facts)
{
  const char * const *good_ids = eo_order_get_good_ids (order);
  GListModel *items = eo_order_get_items (order);
  GString *ids = g_string_new (",");
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;

  facts->postalcode = g_strstrip (g_strdup (eo_order_get_postalcode (order)));
  facts->is_paid = eo_order_get_is_paid (order);
  facts->paid_at = eo_order_get_paid (order) != NULL ?
                   g_date_time_to_unix (eo_order_get_paid (order)) : 0;
  facts->created_at = eo_order_get_created (order) != NULL ?
                      g_date_time_to_unix (eo_order_get_created (order)) : 0;
  facts->item_count = eo_order_get_good_count (order) > 0 ? eo_order_get_good_count (order)
                                                           : (gint64) n_items;
  facts->total = eo_order_get_price (order);

  for (guint i = 0; good_ids != NULL && good_ids[i] != NULL; i++)
    add_good_id (ids, good_ids[i]);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      const char *id = eo_order_item_get_id (item);

      if (!g_str_equal (id, "0"))
        add_good_id (ids, id);
    }

  facts->good_ids = g_string_free (ids, FALSE);
}

void
eo_store_order_facts_from_json (const char        *raw_json,
                                EoStoreOrderFacts *facts)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EoOrder) order = NULL;
  JsonNode *root;

  memset (facts, 0, sizeof *facts);
  facts->total = EO_MONEY_NONE;

  if (raw_json != NULL && eo_json_depth_is_within (raw_json, strlen (raw_json), EO_JSON_MAX_DEPTH))
    {
      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, raw_json, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        order = eo_order_new_from_json (root, NULL, NULL);
    }

  if (order != NULL)
    {
      eo_store_order_facts_from_order (order, facts);
    }
  else
    {
      facts->postalcode = g_strdup ("");
      facts->good_ids = g_strdup ("");
    }
}

void
eo_store_bind_time (sqlite3_stmt *stmt,
                    int           index,
                    gint64        unix_seconds)
{
  if (unix_seconds != 0)
    sqlite3_bind_int64 (stmt, index, unix_seconds);
  else
    sqlite3_bind_null (stmt, index);
}

/* eo_order_fact (raw_json, name): one fact, for the migration that adds their columns */
static void
sql_order_fact (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[1]);
  g_auto(EoStoreOrderFacts) facts = { 0 };

  eo_store_order_facts_from_json ((const char *) sqlite3_value_text (argv[0]), &facts);

  if (g_strcmp0 (name, "postalcode") == 0)
    sqlite3_result_text (context, facts.postalcode, -1, SQLITE_TRANSIENT);
  else if (g_strcmp0 (name, "good_ids") == 0)
    sqlite3_result_text (context, facts.good_ids, -1, SQLITE_TRANSIENT);
  else if (g_strcmp0 (name, "is_paid") == 0)
    sqlite3_result_int (context, facts.is_paid);
  else if (g_strcmp0 (name, "item_count") == 0)
    sqlite3_result_int64 (context, facts.item_count);
  else if (g_strcmp0 (name, "paid_at") == 0 && facts.paid_at != 0)
    sqlite3_result_int64 (context, facts.paid_at);
  else if (g_strcmp0 (name, "created_at") == 0 && facts.created_at != 0)
    sqlite3_result_int64 (context, facts.created_at);
  else if (g_strcmp0 (name, "total") == 0 && facts.total != EO_MONEY_NONE)
    sqlite3_result_int64 (context, facts.total);
  else
    sqlite3_result_null (context);
}

gboolean
eo_store_register_fact_function (EoStore  *self,
                                 GError  **error)
{
  if (sqlite3_create_function (self->db, "eo_order_fact", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_order_fact, NULL, NULL) != SQLITE_OK)
    return eo_store_db_error (self, error);

  return TRUE;
}

/* Saving a list ----------------------------------------------------------------------------- */

gboolean
eo_store_save_orders (EoStore    *self,
                      GPtrArray  *orders,
                      gint64      now,
                      GError    **error)
{
  g_autofree EoStoreOrderFields *fields = NULL;
  g_autofree const char **raw_jsons = NULL;
  g_autofree EoStoreOrderFacts *facts = NULL;
  gboolean ok;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (orders != NULL, FALSE);

  fields = g_new0 (EoStoreOrderFields, orders->len + 1);
  facts = g_new0 (EoStoreOrderFacts, orders->len + 1);
  raw_jsons = g_new0 (const char *, orders->len + 1);
  for (guint i = 0; i < orders->len; i++)
    {
      EoOrder *order = orders->pdata[i];

      fields[i] = (EoStoreOrderFields) {
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
      raw_jsons[i] = eo_order_get_raw_json (order);
      eo_store_order_facts_from_order (order, &facts[i]);
    }

  ok = eo_store_save_orders_facts (self, fields, raw_jsons, facts, orders->len, now, error);
  for (guint i = 0; i < orders->len; i++)
    eo_store_order_facts_clear (&facts[i]);

  return ok;
}

static void
save_orders_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;

  if (!eo_store_save_orders (source_object, call->orders, call->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_store_save_orders_async (EoStore             *self,
                            GPtrArray           *orders,
                            gint64               now,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call;

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (orders != NULL);

  call = g_new0 (EoStoreCall, 1);
  /* EoOrder is immutable once built, so the worker may read them */
  call->orders = g_ptr_array_ref (orders);
  call->now = now;
  task = eo_store_task_new (self, eo_store_save_orders_async, call, cancellable, callback,
                            user_data);
  eo_store_task_run (task, save_orders_thread);
}

gboolean
eo_store_save_orders_finish (EoStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_save_orders_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* To ship ----------------------------------------------------------------------------------- */

/* The shop's own rows of a table with an account column (those from before shops were recorded
 * belong to every shop) */
#define SHOP_ROW(alias) "(?7 IS NULL OR " alias ".account = ?7 OR " alias ".account = '')"

GListModel *
eo_store_to_ship (EoStore              *self,
                  const EoToShipFilter *filter,
                  GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GListStore) list = g_list_store_new (EO_TYPE_TO_SHIP_ORDER);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  if (filter != NULL && filter->text != NULL)
    fts = eo_store_build_fts_query (filter->text);

  /* the rule: paid, a postal address, no successful sent / return / cancel in this shop's log,
   * not set aside here; a pending "sent" in this shop's outbox makes it "sending". settled (the
   * same of the order's own shop, kept by a trigger) leaves the few open orders to look at. */
  g_string_append (sql,
    "SELECT o.bill_id, o.full_name, o.email, o.city, o.postalcode, o.address, o.item_count,"
    "  o.total, o.paid_at, o.created_at,"
    "  EXISTS (SELECT 1 FROM outbox AS x WHERE x.bill_id = o.bill_id AND x.status = 'sent'"
    "          AND x.state = 0 AND " SHOP_ROW ("x") ")"
    " FROM orders AS o"
    " WHERE o.is_paid = 1 AND o.settled = 0 AND (o.postalcode <> '' OR trim (o.address) <> '')"
    "  AND " SHOP_ROW ("o")
    "  AND NOT EXISTS (SELECT 1 FROM log AS l JOIN outbox AS x ON x.id = l.change_id"
    "                  WHERE l.bill_id = o.bill_id AND l.result = 1"
    "                  AND l.status IN ('sent', 'return', 'cancel') AND " SHOP_ROW ("x") ")"
    "  AND NOT EXISTS (SELECT 1 FROM set_aside AS s WHERE s.bill_id = o.bill_id"
    "                  AND s.account IN (ifnull (?7, ''), ''))");
  if (filter != NULL && filter->text != NULL)
    g_string_append (sql, " AND o.bill_id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1)");
  if (filter != NULL && filter->good_id != NULL && *filter->good_id != '\0')
    g_string_append (sql, " AND instr (o.good_ids, ',' || ?2 || ',') > 0");
  if (filter != NULL && filter->since != 0)
    g_string_append (sql, " AND o.created_at >= ?3");
  g_string_append (sql, " ORDER BY ifnull (o.paid_at, o.created_at), o.bill_id");

  /* a text with no word in it matches nothing */
  if (filter != NULL && filter->text != NULL && fts == NULL)
    return G_LIST_MODEL (g_steal_pointer (&list));

  locker = g_mutex_locker_new (&self->lock);

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      eo_store_db_error (self, error);
      return NULL;
    }

  if (fts != NULL)
    eo_store_bind_text (stmt, 1, fts);
  if (filter != NULL && filter->good_id != NULL && *filter->good_id != '\0')
    eo_store_bind_text (stmt, 2, filter->good_id);
  if (filter != NULL && filter->since != 0)
    sqlite3_bind_int64 (stmt, 3, filter->since);
  eo_store_bind_account (self, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EoToShipOrder) row =
        eo_to_ship_order_new (sqlite3_column_int64 (stmt, 0),
                              eo_store_column_text (stmt, 1),
                              eo_store_column_text (stmt, 2),
                              eo_store_column_text (stmt, 3),
                              eo_store_column_text (stmt, 4),
                              eo_store_column_text (stmt, 5),
                              sqlite3_column_int64 (stmt, 6),
                              sqlite3_column_type (stmt, 7) == SQLITE_NULL
                                ? EO_MONEY_NONE : sqlite3_column_int64 (stmt, 7),
                              sqlite3_column_int64 (stmt, 8),
                              sqlite3_column_int64 (stmt, 9),
                              sqlite3_column_int (stmt, 10) != 0);

      g_list_store_append (list, row);
    }

  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static void
to_ship_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  EoToShipFilter filter = { call->text, call->good_id, call->since };
  GError *error = NULL;
  GListModel *orders = eo_store_to_ship (source_object, &filter, &error);

  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, g_object_unref);
}

void
eo_store_to_ship_async (EoStore              *self,
                        const EoToShipFilter *filter,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call;

  g_return_if_fail (EO_IS_STORE (self));

  call = g_new0 (EoStoreCall, 1);
  if (filter != NULL)
    {
      call->text = g_strdup (filter->text);
      call->good_id = g_strdup (filter->good_id);
      call->since = filter->since;
    }
  task = eo_store_task_new (self, eo_store_to_ship_async, call, cancellable, callback,
                            user_data);
  eo_store_task_run (task, to_ship_thread);
}

GListModel *
eo_store_to_ship_finish (EoStore       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_to_ship_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Set aside --------------------------------------------------------------------------------- */

gboolean
eo_store_set_aside (EoStore  *self,
                    gint64    bill_id,
                    gint64    now,
                    GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  if (bill_id <= 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("An order number is a positive whole number."));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  stmt = eo_store_stmt (self,
                        "INSERT INTO set_aside (account, bill_id, at) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, bill_id);
  sqlite3_bind_int64 (stmt, 3, now);
  return eo_store_step_done (self, stmt, error);
}

gboolean
eo_store_undo_set_aside (EoStore  *self,
                         gint64    bill_id,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = eo_store_stmt (self, "DELETE FROM set_aside WHERE account = ?1 AND bill_id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, bill_id);
  if (!eo_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND,
                   _("Order %" PRId64 " was not set aside."), bill_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
eo_store_is_set_aside (EoStore  *self,
                       gint64    bill_id,
                       gint64   *out_at,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = eo_store_stmt (self, "SELECT at FROM set_aside WHERE account = ?1 AND bill_id = ?2",
                        error);
  if (stmt == NULL)
    return FALSE;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, bill_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      if (out_at != NULL)
        *out_at = sqlite3_column_int64 (stmt, 0);
    }
  else if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
    }
  sqlite3_reset (stmt);

  return found;
}

/* Sync state -------------------------------------------------------------------------------- */

gboolean
eo_store_get_sync_state (EoStore  *self,
                         char    **out_last_day,
                         gint64   *out_synced_at,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = eo_store_stmt (self, "SELECT last_day, synced_at FROM sync_state WHERE account = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      if (out_last_day != NULL)
        *out_last_day = g_strdup (eo_store_column_text (stmt, 0));
      if (out_synced_at != NULL)
        *out_synced_at = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
eo_store_set_sync_state (EoStore     *self,
                         const char  *last_day,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (last_day != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = eo_store_stmt (self,
                        "INSERT INTO sync_state (account, last_day, synced_at) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT (account) DO UPDATE SET last_day = excluded.last_day,"
                        "  synced_at = excluded.synced_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  eo_store_bind_text (stmt, 2, last_day);
  sqlite3_bind_int64 (stmt, 3, now);
  return eo_store_step_done (self, stmt, error);
}

/* One order against the rule ---------------------------------------------------------------- */

void
eo_ship_info_clear (EoShipInfo *info)
{
  g_clear_pointer (&info->tracking, g_free);
  g_clear_pointer (&info->full_name, g_free);
  g_clear_pointer (&info->city, g_free);
  memset (info, 0, sizeof *info);
}

static EoShipState
settled_state (const char *status)
{
  if (g_strcmp0 (status, "return") == 0)
    return EO_SHIP_STATE_RETURNED;
  if (g_strcmp0 (status, "cancel") == 0)
    return EO_SHIP_STATE_CANCELLED;
  return EO_SHIP_STATE_SENT;
}

gboolean
eo_store_get_ship_info (EoStore     *self,
                        gint64       bill_id,
                        EoShipInfo  *out_info,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean is_paid, has_address;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_info != NULL, FALSE);

  memset (out_info, 0, sizeof *out_info);
  locker = g_mutex_locker_new (&self->lock);

  stmt = eo_store_stmt (self,
                        "SELECT full_name, city, item_count, is_paid,"
                        "  (postalcode <> '' OR trim (address) <> '')"
                        " FROM orders WHERE bill_id = ?1 AND " ACCOUNT_MATCHES,
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  eo_store_bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        eo_store_db_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  out_info->full_name = g_strdup (eo_store_column_text (stmt, 0));
  out_info->city = g_strdup (eo_store_column_text (stmt, 1));
  out_info->item_count = sqlite3_column_int64 (stmt, 2);
  is_paid = sqlite3_column_int (stmt, 3) != 0;
  has_address = sqlite3_column_int (stmt, 4) != 0;
  sqlite3_reset (stmt);

  /* the newest successful sent, return or cancel of this shop */
  stmt = eo_store_stmt (self,
                        "SELECT l.status, l.rpo FROM log AS l JOIN outbox AS x ON x.id = l.change_id"
                        " WHERE l.bill_id = ?1 AND l.result = 1"
                        "  AND l.status IN ('sent', 'return', 'cancel') AND " SHOP_ROW ("x")
                        " ORDER BY l.id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  eo_store_bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out_info->state = settled_state (eo_store_column_text (stmt, 0));
      out_info->tracking = g_strdup (eo_store_column_text (stmt, 1));
      sqlite3_reset (stmt);
      if (out_info->state != EO_SHIP_STATE_SENT)
        g_clear_pointer (&out_info->tracking, g_free);
      goto done;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      goto failed;
    }

  stmt = eo_store_stmt (self,
                        "SELECT id, rpo FROM outbox AS x WHERE bill_id = ?1 AND status = 'sent'"
                        "  AND state = 0 AND " SHOP_ROW ("x") " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  eo_store_bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out_info->state = EO_SHIP_STATE_SENDING;
      out_info->change_id = sqlite3_column_int64 (stmt, 0);
      out_info->tracking = g_strdup (eo_store_column_text (stmt, 1));
      sqlite3_reset (stmt);
      goto done;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      goto failed;
    }

  stmt = eo_store_stmt (self, "SELECT 1 FROM set_aside WHERE account = ?1 AND bill_id = ?2",
                        error);
  if (stmt == NULL)
    goto failed;
  eo_store_bind_text (stmt, 1, eo_store_shop_key (self));
  sqlite3_bind_int64 (stmt, 2, bill_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
      goto failed;
    }

  if (rc == SQLITE_ROW)
    out_info->state = EO_SHIP_STATE_SET_ASIDE;
  else if (!is_paid)
    out_info->state = EO_SHIP_STATE_NOT_PAID;
  else if (!has_address)
    out_info->state = EO_SHIP_STATE_NO_ADDRESS;
  else
    out_info->state = EO_SHIP_STATE_TO_SHIP;

done:
  if (out_info->tracking == NULL)
    out_info->tracking = g_strdup ("");
  return TRUE;

failed:
  eo_ship_info_clear (out_info);
  return FALSE;
}

gint64
eo_store_find_tracking (EoStore     *self,
                        const char  *rpo,
                        gboolean    *out_pending,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  gint64 bill_id = 0;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), 0);
  g_return_val_if_fail (rpo != NULL, 0);

  if (out_pending != NULL)
    *out_pending = FALSE;
  normalized = eo_tracking_normalize (rpo);
  if (*normalized == '\0')
    return 0;

  locker = g_mutex_locker_new (&self->lock);

  /* a sent change confirmed (its log row), else one pending: the newest */
  stmt = eo_store_stmt (self,
                        "SELECT bill_id, pending FROM ("
                        "  SELECT l.bill_id, 0 AS pending, l.id AS n, 1 AS k"
                        "   FROM log AS l JOIN outbox AS x ON x.id = l.change_id"
                        "   WHERE l.rpo = ?1 AND l.status = 'sent' AND l.result = 1"
                        "   AND " SHOP_ROW ("x")
                        "  UNION ALL"
                        "  SELECT x.bill_id, 1, x.id, 0 FROM outbox AS x"
                        "   WHERE x.rpo = ?1 AND x.status = 'sent' AND x.state = 0"
                        "   AND " SHOP_ROW ("x")
                        " ) ORDER BY k DESC, n DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return 0;
  eo_store_bind_text (stmt, 1, normalized);
  eo_store_bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      bill_id = sqlite3_column_int64 (stmt, 0);
      if (out_pending != NULL)
        *out_pending = sqlite3_column_int (stmt, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      eo_store_db_error (self, error);
    }
  sqlite3_reset (stmt);

  return bill_id;
}
