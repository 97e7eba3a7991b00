/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-sender.h: sends the outbox's due changes, a few at a time, and records each outcome */
#pragma once

#include <gio/gio.h>

#include "eo-store.h"

G_BEGIN_DECLS

#define EO_OUTBOX_DEFAULT_JOBS 4

/* The caller's way to send one change (the sender knows no client): start it, then finish it.
 * For the Expertam client: eo_outbox_client_send and _finish (eo-outbox-client.h). */
typedef void     (*EoOutboxSendFunc)       (EoOutboxChange      *change,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             callback_data,
                                            gpointer             user_data);
typedef gboolean (*EoOutboxSendFinishFunc) (GAsyncResult        *result,
                                            GError             **error,
                                            gpointer             user_data);

/* Told about every change sent: its new state, and the error when it failed (NULL when done) */
typedef void     (*EoOutboxProgressFunc)   (EoOutboxChange      *change,
                                            EoOutboxState        state,
                                            const GError        *error,
                                            gpointer             user_data);

/*
 * Sends every change of store due at now (those of the store's shop: eo_store_set_account),
 * at most max_jobs at a time (0: EO_OUTBOX_DEFAULT_JOBS), and records each outcome (as
 * eo_store_outbox_complete). Changes that fail and are retried later are not sent again in this
 * run. Cancelling stops starting new ones and cancels those under way, which stay pending.
 * user_data is passed to send, finish and progress, and must live until the callback, whose
 * source object is store.
 */
void         eo_outbox_sender_send_due_async  (EoStore                *store,
                                               gint64                  now,
                                               guint                   max_jobs,
                                               EoOutboxSendFunc        send,
                                               EoOutboxSendFinishFunc  finish,
                                               EoOutboxProgressFunc    progress,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                callback_data);
/* out_done, out_failed (refused, not retried), out_retry (will be retried later) */
gboolean     eo_outbox_sender_send_due_finish (EoStore                *store,
                                               GAsyncResult           *result,
                                               guint                  *out_done,
                                               guint                  *out_failed,
                                               guint                  *out_retry,
                                               GError                **error);

G_END_DECLS
