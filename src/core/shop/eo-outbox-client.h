/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-client.h: the outbox sends its changes with the Expertam client */
#pragma once

#include "eo-client.h"
#include "eo-outbox-sender.h"

G_BEGIN_DECLS

/*
 * An EoOutboxSendFunc and EoOutboxSendFinishFunc pair for eo_outbox_sender_send_due_async:
 * user_data is the EoClient (it must live until the run's callback).
 */
void      eo_outbox_client_send        (EoOutboxChange      *change,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             callback_data,
                                        gpointer             user_data);
gboolean  eo_outbox_client_send_finish (GAsyncResult        *result,
                                        GError             **error,
                                        gpointer             user_data);

G_END_DECLS
