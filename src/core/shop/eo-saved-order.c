/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-saved-order.c: an order from the history, read back as an EoOrder */
#include "config.h"

#include "eo-saved-order.h"

#include <json-glib/json-glib.h>

static void
eo_saved_order_json_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  EoOrder *order;

  json = eo_store_get_order_json_finish (EO_STORE (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (json == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  order = eo_order_new_from_json (json_parser_get_root (parser), g_task_get_task_data (task),
                                  &error);
  if (order == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, order, g_object_unref);
}

void
eo_saved_order_load_async (EoStore             *store,
                           gint64               bill_id,
                           const char          *fallback_host,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EO_IS_STORE (store));
  g_return_if_fail (bill_id > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_saved_order_load_async);
  g_task_set_task_data (task, g_strdup (fallback_host), g_free);
  eo_store_get_order_json_async (store, bill_id, cancellable, eo_saved_order_json_cb, task);
}

EoOrder *
eo_saved_order_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
