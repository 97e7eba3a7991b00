/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-client-orders.c: the two order methods on EoClient: getOrderDetails, UpdateOrderStatus */

#include "config.h"

#include <inttypes.h>

#include "eo-client.h"

#include <glib/gi18n-lib.h>

#include "eo-error.h"
#include "eo-json.h"

typedef struct
{
  gint64 bill_id;
} GetOrderData;

static void
get_order_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EoClient *self = EO_CLIENT (source);
  GetOrderData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written_id = NULL;
  g_autofree char *shown_id = NULL;
  JsonNode *order_node;
  gint64 id;

  reply = eo_client_call_finish (self, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  order_node = json_object_get_member (reply, "result");
  if (order_node == NULL || !JSON_NODE_HOLDS_OBJECT (order_node))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_BAD_REPLY,
                               _("The service’s answer has no order in it. Try again later."));
      return;
    }

  order = eo_order_new_from_json (order_node, eo_client_get_host (self), &error);
  if (order == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* an "id" that is there but not a whole number ("1001.5") does not say which order this is */
  written_id = eo_json_dup_string (json_node_get_object (order_node), "id");
  id = eo_order_get_id (order);
  if ((id != 0 && id != data->bill_id) || (id == 0 && written_id != NULL && *written_id != '\0'))
    {
      shown_id = eo_sanitize_text (written_id != NULL ? written_id : "?", 30);
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_BAD_REPLY,
                               _("The service answered about another order (%s instead of %" PRId64 "). Try again."),
                               shown_id, data->bill_id);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&order), g_object_unref);
}

void
eo_client_get_order_async (EoClient            *self,
                           gint64               bill_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EoParams) params = NULL;
  GetOrderData *data;

  g_return_if_fail (EO_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_client_get_order_async);
  g_task_set_check_cancellable (task, FALSE);

  if (bill_id <= 0)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("An order number is a positive whole number."));
      return;
    }

  data = g_new0 (GetOrderData, 1);
  data->bill_id = bill_id;
  g_task_set_task_data (task, data, g_free);

  params = eo_params_new ();
  eo_params_add_int (params, "bill_id", bill_id);
  eo_params_add_boolean (params, "good_info", TRUE);

  eo_client_call_async (self, "getOrderDetails", params, cancellable,
                        get_order_cb, g_steal_pointer (&task));
}

EoOrder *
eo_client_get_order_finish (EoClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_client_get_order_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
update_status_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;

  reply = eo_client_call_finish (EO_CLIENT (source), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_client_update_status_async (EoClient            *self,
                               gint64               bill_id,
                               EoOrderStatus        status,
                               GDateTime           *date,
                               const char          *rpo,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EoParams) params = NULL;
  const char *status_text = eo_order_status_to_string (status);

  g_return_if_fail (EO_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_client_update_status_async);
  g_task_set_check_cancellable (task, FALSE);

  if (rpo != NULL && *rpo == '\0')
    rpo = NULL;

  if (bill_id <= 0)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("An order number is a positive whole number."));
      return;
    }
  if (status_text == NULL)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("Unknown order status. Choose sent, paid, returned or cancelled."));
      return;
    }
  if (status == EO_ORDER_STATUS_SENT && (date == NULL || rpo == NULL))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("To mark an order sent, give the tracking number and the date it was posted."));
      return;
    }
  if (status == EO_ORDER_STATUS_PAID && date == NULL)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("To mark an order paid, give the date of the payment."));
      return;
    }

  params = eo_params_new ();
  eo_params_add_int (params, "bill_id", bill_id);
  eo_params_add_string (params, "status", status_text);
  if (date != NULL)
    eo_params_add_int (params, "date", g_date_time_to_unix (date));
  if (rpo != NULL)
    eo_params_add_string (params, "rpo", rpo);

  eo_client_call_async (self, "UpdateOrderStatus", params, cancellable,
                        update_status_cb, g_steal_pointer (&task));
}

gboolean
eo_client_update_status_finish (EoClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_client_update_status_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
