/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox.h: the window's side of the outbox: sends due changes, retries on a timer */
#pragma once

#include <gio/gio.h>

#include "eo-client.h"
#include "eo-store.h"

G_BEGIN_DECLS

#define EO_TYPE_OUTBOX (eo_outbox_get_type ())

G_DECLARE_FINAL_TYPE (EoOutbox, eo_outbox, EO, OUTBOX, GObject)

/*
 * Sends the store's due changes with the client, at most "jobs" at a time, and sends again when
 * the earliest backoff ends. "n-pending" counts the pending and failed changes; "changed" is
 * emitted whenever that list may have changed; "change-sent" (EoOutboxChange, EoOutboxState,
 * GError or NULL) for every change sent.
 */
EoOutbox      *eo_outbox_new          (EoStore             *store,
                                       EoClient            *client);
EoStore       *eo_outbox_get_store    (EoOutbox            *self);
guint          eo_outbox_get_n_pending (EoOutbox           *self);
void           eo_outbox_set_jobs     (EoOutbox            *self,
                                       guint                jobs);
/* TRUE while a run is under way */
gboolean       eo_outbox_get_sending  (EoOutbox            *self);
/* Pending then failed changes (EoOutboxChange) */
GPtrArray     *eo_outbox_list         (EoOutbox            *self);
/* Sends what is due now (again after the run under way, if any) */
void           eo_outbox_send_now     (EoOutbox            *self);
/* Stops sending: what is under way stays pending */
void           eo_outbox_stop         (EoOutbox            *self);

/*
 * Queues a change, then sends it. Finishes with its state after the first attempt: DONE,
 * FAILED (error: the refusal), or PENDING (error: why it waits, or none when it waits behind
 * an earlier change of the order). Fails only when it could not be queued.
 */
void           eo_outbox_submit_async  (EoOutbox           *self,
                                        EoOutboxChange     *change,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean       eo_outbox_submit_finish (EoOutbox           *self,
                                        GAsyncResult       *result,
                                        EoOutboxState      *out_state,
                                        GError            **out_failure,
                                        GError            **error);

/* Queues many changes in one transaction, then sends; the ids are set on the changes */
gboolean       eo_outbox_submit_many   (EoOutbox           *self,
                                        GPtrArray          *changes,
                                        GError            **error);

/*
 * EoOutboxClock:
 * The outbox's time: now() in seconds since the epoch, and arm() to call func once after delay
 * seconds, returning a handle (never 0) for disarm(). The default is the real time and
 * g_timeout_add_seconds(); a test gives its own to run minutes of retries without waiting.
 */
typedef struct
{
  gint64 (*now)    (gpointer     user_data);
  guint  (*arm)    (guint        delay,
                    GSourceFunc  func,
                    gpointer     func_data,
                    gpointer     user_data);
  void   (*disarm) (guint        handle,
                    gpointer     user_data);
} EoOutboxClock;

/* clock NULL: the real one. user_data must outlive the outbox (or the next call). */
void           eo_outbox_set_clock     (EoOutbox            *self,
                                        const EoOutboxClock *clock,
                                        gpointer             user_data);

/* The person's Retry Now and Discard */
gboolean       eo_outbox_retry         (EoOutbox           *self,
                                        gint64              id,
                                        GError            **error);
gboolean       eo_outbox_discard       (EoOutbox           *self,
                                        gint64              id,
                                        GError            **error);

G_END_DECLS
