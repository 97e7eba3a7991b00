/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-client-listing.c: the listing methods on EoClient: getOrdersWithGoods, GetBills */

#include "config.h"

#include "eo-client.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eo-error.h"
#include "eo-json.h"

/* The service's days are Moscow time, UTC+3 all year */
#define MOSCOW_OFFSET (3 * 3600)

typedef struct
{
  guint skipped;
} ListResult;

char *
eo_client_format_day (GDateTime *date)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (MOSCOW_OFFSET);
  g_autoptr(GDateTime) moscow = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  moscow = g_date_time_to_timezone (date, zone);
  return g_date_time_format (moscow, "%d.%m.%Y");
}

/* One item of a list: an order, or NULL (and the reason in the debug log). key, when the list
 * is keyed by order number, stands in for a missing "id". */
static EoOrder *
order_from_item (EoClient   *self,
                 JsonNode   *item,
                 const char *key)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOrder) order = NULL;
  guint64 key_id = 0;

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    {
      g_debug ("A listed item that is not an object was skipped");
      return NULL;
    }

  if (key != NULL && !json_object_has_member (json_node_get_object (item), "id") &&
      g_ascii_string_to_unsigned (key, 10, 1, G_MAXINT64, &key_id, NULL))
    {
      JsonObject *from = json_node_get_object (item);
      g_autoptr(JsonObject) to = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (from);

      /* the members, with the number from the key */
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
      json_object_set_int_member (to, "id", (gint64) key_id);
      copy = json_node_init_object (json_node_alloc (), to);
      item = copy;
    }

  order = eo_order_new_from_json (item, eo_client_get_host (self), &error);
  if (order == NULL)
    {
      g_debug ("A listed order was skipped: %s", error->message);
      return NULL;
    }
  if (eo_order_get_id (order) <= 0)
    {
      g_debug ("A listed order without a number was skipped");
      return NULL;
    }

  return g_steal_pointer (&order);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = eo_order_get_id (*(EoOrder **) a);
  gint64 y = eo_order_get_id (*(EoOrder **) b);

  return x < y ? -1 : x > y;
}

/* The reply's "result" as orders: an array, or an object of them (keyed by number, or a PHP
 * array that lost its sequence); absent, null, [] or {}: none */
static GPtrArray *
orders_from_reply (EoClient    *self,
                   JsonObject  *reply,
                   gboolean     keyed,
                   guint       *out_skipped,
                   GError     **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *result = json_object_get_member (reply, "result");

  *out_skipped = 0;

  if (result == NULL || JSON_NODE_HOLDS_NULL (result))
    return g_steal_pointer (&orders);

  if (JSON_NODE_HOLDS_ARRAY (result))
    {
      JsonArray *array = json_node_get_array (result);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          EoOrder *order = order_from_item (self, json_array_get_element (array, i), NULL);

          if (order != NULL)
            g_ptr_array_add (orders, order);
          else
            (*out_skipped)++;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (result))
    {
      JsonObject *object = json_node_get_object (result);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          EoOrder *order = order_from_item (self, json_object_get_member (object, l->data),
                                            keyed ? l->data : NULL);

          if (order != NULL)
            g_ptr_array_add (orders, order);
          else
            (*out_skipped)++;
        }
    }
  else
    {
      g_set_error (error, EO_ERROR, EO_ERROR_BAD_REPLY,
                   _("The service’s answer has no list of orders in it. Try again later."));
      return NULL;
    }

  if (keyed)
    g_ptr_array_sort (orders, compare_ids);

  return g_steal_pointer (&orders);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EoClient *self = EO_CLIENT (source);
  ListResult *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  GPtrArray *orders;
  GError *error = NULL;

  reply = eo_client_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  orders = orders_from_reply (self, reply,
                              g_task_get_source_tag (task) == eo_client_get_bills_async,
                              &data->skipped, &error);
  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, (GDestroyNotify) g_ptr_array_unref);
}

void
eo_client_list_orders_async (EoClient            *self,
                             GDateTime           *begin,
                             GDateTime           *end,
                             gboolean             paid_only,
                             const char * const  *goods,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EoParams) params = NULL;
  g_autofree char *begin_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_if_fail (EO_IS_CLIENT (self));
  g_return_if_fail (begin != NULL && end != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_client_list_orders_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_new0 (ListResult, 1), g_free);

  begin_text = eo_client_format_day (begin);
  end_text = eo_client_format_day (end);
  if (g_date_time_compare (begin, end) > 0)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("The first day (%s) is after the last (%s)."),
                               begin_text, end_text);
      return;
    }

  params = eo_params_new ();
  eo_params_add_string (params, "begin_date", begin_text);
  eo_params_add_string (params, "end_date", end_text);
  if (paid_only)
    eo_params_add_boolean (params, "paid", TRUE);
  if (goods != NULL && goods[0] != NULL)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; goods[i] != NULL; i++)
        json_array_add_string_element (array, goods[i]);
      node = json_node_init_array (json_node_alloc (), array);
      eo_params_add_node (params, "goods", node);
    }

  eo_client_call_async (self, "getOrdersWithGoods", params, cancellable,
                        list_cb, g_steal_pointer (&task));
}

static GPtrArray *
list_finish (EoClient      *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             guint         *out_skipped,
             GError       **error)
{
  ListResult *data;
  GPtrArray *orders;

  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  data = g_task_get_task_data (G_TASK (result));
  orders = g_task_propagate_pointer (G_TASK (result), error);
  if (out_skipped != NULL)
    *out_skipped = orders != NULL ? data->skipped : 0;

  return orders;
}

GPtrArray *
eo_client_list_orders_finish (EoClient      *self,
                              GAsyncResult  *result,
                              guint         *out_skipped,
                              GError       **error)
{
  return list_finish (self, result, eo_client_list_orders_async, out_skipped, error);
}

void
eo_client_get_bills_async (EoClient            *self,
                           const char          *email,
                           const char          *pay_status,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EoParams) params = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (EO_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_client_get_bills_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_new0 (ListResult, 1), g_free);

  trimmed = g_strstrip (g_strdup (email != NULL ? email : ""));
  if (*trimmed == '\0' || strchr (trimmed, '@') == NULL)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("Give the customer’s e-mail address, like name@example.ru."));
      return;
    }
  if (pay_status != NULL && !g_str_equal (pay_status, "paid") &&
      !g_str_equal (pay_status, "waiting") && !g_str_equal (pay_status, "cancel"))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("A payment status is paid, waiting or cancel."));
      return;
    }

  params = eo_params_new ();
  eo_params_add_string (params, "email", trimmed);
  if (pay_status != NULL)
    eo_params_add_string (params, "pay_status", pay_status);

  eo_client_call_async (self, "GetBills", params, cancellable, list_cb, g_steal_pointer (&task));
}

GPtrArray *
eo_client_get_bills_finish (EoClient      *self,
                            GAsyncResult  *result,
                            guint         *out_skipped,
                            GError       **error)
{
  return list_finish (self, result, eo_client_get_bills_async, out_skipped, error);
}
