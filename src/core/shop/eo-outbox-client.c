/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-client.c: the outbox sends its changes with the Expertam client */
#include "config.h"

#include "eo-outbox-client.h"

#include <glib/gi18n-lib.h>

#include "eo-error.h"

void
eo_outbox_client_send (EoOutboxChange      *change,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             callback_data,
                       gpointer             user_data)
{
  EoClient *client = user_data;
  EoOrderStatus status = EO_ORDER_STATUS_SENT;

  g_return_if_fail (change != NULL);
  g_return_if_fail (EO_IS_CLIENT (client));

  /* The store checks the status when it is queued: anything else is a damaged database */
  if (!eo_order_status_from_string (change->status, &status))
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);

      g_task_set_source_tag (task, eo_outbox_client_send);
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("The outbox holds an unknown status: discard the change."));
      return;
    }

  eo_client_update_status_async (client, change->bill_id, status, change->date,
                                 change->rpo[0] != '\0' ? change->rpo : NULL,
                                 cancellable, callback, callback_data);
}

gboolean
eo_outbox_client_send_finish (GAsyncResult  *result,
                              GError       **error,
                              gpointer       user_data)
{
  EoClient *client = user_data;

  if (g_task_is_valid (result, NULL) &&
      g_task_get_source_tag (G_TASK (result)) == eo_outbox_client_send)
    return g_task_propagate_boolean (G_TASK (result), error);

  return eo_client_update_status_finish (client, result, error);
}
