/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store.h: the local SQLite database: order history (+ full-text search), outbox, change log */
#pragma once

#include <gio/gio.h>

#include "eo-log-entry.h"
#include "eo-order.h"
#include "eo-outbox-change.h"
#include "eo-print-run.h"
#include "eo-stored-order.h"
#include "eo-to-ship-order.h"

G_BEGIN_DECLS

/* The schema this build writes; older databases are migrated on open, newer ones refused */
#define EO_STORE_SCHEMA_VERSION 6

#define EO_STORE_ERROR (eo_store_error_quark ())

typedef enum
{
  EO_STORE_ERROR_FAILED,       /* SQLite failed: the message has its text */
  EO_STORE_ERROR_OPEN,         /* the file or its folder cannot be opened or created */
  EO_STORE_ERROR_TOO_NEW,      /* the database was written by a newer version of the app */
  EO_STORE_ERROR_INVALID,      /* bad argument: unknown status, missing date or tracking number */
  EO_STORE_ERROR_NOT_FOUND,    /* no such outbox change, print run... */
} EoStoreError;

GQuark       eo_store_error_quark           (void);

/* ------------------------------------------------------------------------------------------- */
/* The outbox                                                                                  */

/* The searchable columns of an order, when there is no EoOrder at hand (strings may be NULL) */
typedef struct
{
  gint64      bill_id;
  const char *first_name;
  const char *last_name;
  const char *middle_name;
  const char *email;
  const char *phone;
  const char *city;
  const char *address;
  const char *pay_status;
} EoStoreOrderFields;

/* ------------------------------------------------------------------------------------------- */
/* The store                                                                                   */

#define EO_TYPE_STORE (eo_store_get_type ())

G_DECLARE_FINAL_TYPE (EoStore, eo_store, EO, STORE, GObject)

/*
 * Every call takes the store's lock, so the synchronous calls are safe from any thread; the
 * _async ones run one at a time, in the order they were made, on the store's own worker thread
 * (started by the first of them), and their callbacks come in that order in the main context
 * of the thread that made the call. Each call holds the store until its callback; the last
 * reference closes the database and ends the thread. Times are unix seconds passed in by the
 * caller (now), so that tests need no clock.
 */

/* $XDG_DATA_HOME/expertam-orders/orders.db */
char        *eo_store_get_default_path      (void);
/* The shop (login) changes are queued for and sent to; NULL (the default): any */
void         eo_store_set_account           (EoStore              *self,
                                             const char           *account);
const char  *eo_store_get_account           (EoStore              *self);
/* The embedded demo shop's own file, so that its orders and changes never mix with a shop's */
char        *eo_store_get_demo_path         (void);

/* Opens (creating the file and its folder when needed) and migrates the schema */
EoStore     *eo_store_open                  (const char           *path,
                                             GError              **error);
void         eo_store_open_async            (const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
EoStore     *eo_store_open_finish           (GAsyncResult         *result,
                                             GError              **error);

const char  *eo_store_get_path              (EoStore              *self);

/* The schema version of the file as it was before this open (0: new file) */
int          eo_store_get_opened_version    (EoStore              *self);

/* History ----------------------------------------------------------------------------------- */

/* Saves (or refreshes) a fetched order: its raw JSON plus the searchable columns */
gboolean     eo_store_save_order            (EoStore              *self,
                                             EoOrder              *order,
                                             gint64                now,
                                             GError              **error);
void         eo_store_save_order_async      (EoStore              *self,
                                             EoOrder              *order,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     eo_store_save_order_finish     (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* The same from the columns, when there is no EoOrder at hand */
gboolean     eo_store_save_order_fields     (EoStore              *self,
                                             const EoStoreOrderFields *fields,
                                             const char           *raw_json,
                                             gint64                now,
                                             GError              **error);
/* Saves many orders in one transaction: all or none (fields[i] goes with raw_jsons[i]) */
gboolean     eo_store_save_orders_fields    (EoStore              *self,
                                             const EoStoreOrderFields *fields,
                                             const char * const   *raw_jsons,
                                             gsize                 n_orders,
                                             gint64                now,
                                             GError              **error);

/* The raw JSON of a saved order; NULL without an error when it was never saved */
char        *eo_store_get_order_json        (EoStore              *self,
                                             gint64                bill_id,
                                             GError              **error);
void         eo_store_get_order_json_async  (EoStore              *self,
                                             gint64                bill_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char        *eo_store_get_order_json_finish (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Saved orders, most recently fetched first: a GListModel of EoStoredOrder */
GListModel  *eo_store_recent_orders         (EoStore              *self,
                                             guint                 limit,
                                             GError              **error);
void         eo_store_recent_orders_async   (EoStore              *self,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel  *eo_store_recent_orders_finish  (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/*
 * Searches the saved orders (offline): every word is a prefix of a word of the number, a name,
 * the e-mail, phone, city, address or tracking number; a text of 5 or more digits also matches
 * the phone in any format (+7 (912) 345-67-89, 89123456789, 9123456789). Newest orders first.
 * An empty text gives the recent orders.
 */
GListModel  *eo_store_search                (EoStore              *self,
                                             const char           *text,
                                             guint                 limit,
                                             GError              **error);
void         eo_store_search_async          (EoStore              *self,
                                             const char           *text,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel  *eo_store_search_finish         (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Saves many fetched orders (EoOrder) in one transaction: all or none */
gboolean     eo_store_save_orders           (EoStore              *self,
                                             GPtrArray            *orders,
                                             gint64                now,
                                             GError              **error);
/* Keeps a reference on orders: do not change it until the callback */
void         eo_store_save_orders_async     (EoStore              *self,
                                             GPtrArray            *orders,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     eo_store_save_orders_finish    (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* To ship ----------------------------------------------------------------------------------- */

/*
 * The to-ship rule, the one place it is written: a saved order of this shop is to ship when it
 * is paid, has a postal address (a postcode or a street address), this shop's log has no
 * successful "sent", "return" or "cancel" for it, and it was not set aside here. One with a
 * "sent" change still pending in this shop's outbox is listed as sending (EoToShipOrder's
 * "sending"), not as to ship. Oldest paid first (the creation time when no payment date).
 * Filters, each optional: text (words of the number, name, e-mail, phone, city, address, as
 * eo_store_search() matches them), good_id (a product id), since (made at or after; 0: any).
 */
typedef struct
{
  const char *text;
  const char *good_id;
  gint64      since;
} EoToShipFilter;

/* A GListModel of EoToShipOrder; filter may be NULL */
GListModel  *eo_store_to_ship               (EoStore              *self,
                                             const EoToShipFilter *filter,
                                             GError              **error);
void         eo_store_to_ship_async         (EoStore              *self,
                                             const EoToShipFilter *filter,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel  *eo_store_to_ship_finish        (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* The person sets an order aside for this shop ("sent elsewhere, not a parcel"): it leaves the
 * list until undone. Setting it aside again keeps the first time. */
gboolean     eo_store_set_aside             (EoStore              *self,
                                             gint64                bill_id,
                                             gint64                now,
                                             GError              **error);
/* Undoes it; EO_STORE_ERROR_NOT_FOUND when it was not set aside */
gboolean     eo_store_undo_set_aside        (EoStore              *self,
                                             gint64                bill_id,
                                             GError              **error);
/* Whether it is set aside for this shop, and since when (out_at may be NULL) */
gboolean     eo_store_is_set_aside          (EoStore              *self,
                                             gint64                bill_id,
                                             gint64               *out_at,
                                             GError              **error);

/* Where one order stands against the to-ship rule, for the scan station (the first that holds) */
typedef enum
{
  EO_SHIP_STATE_TO_SHIP,       /* paid, a postal address, nothing done here yet */
  EO_SHIP_STATE_SENT,          /* this shop's log has it sent (tracking: the number) */
  EO_SHIP_STATE_RETURNED,      /* ... returned */
  EO_SHIP_STATE_CANCELLED,     /* ... cancelled */
  EO_SHIP_STATE_SENDING,       /* a "sent" change for it is pending in this shop's outbox */
  EO_SHIP_STATE_SET_ASIDE,     /* the person set it aside here */
  EO_SHIP_STATE_NOT_PAID,
  EO_SHIP_STATE_NO_ADDRESS,
} EoShipState;

typedef struct
{
  EoShipState  state;
  char        *tracking;       /* SENT: the number logged; SENDING: the pending change's; else "" */
  gint64       change_id;      /* SENDING: the pending change; else 0 */
  char        *full_name;      /* as saved; "" when none */
  char        *city;
  gint64       item_count;
} EoShipInfo;

void         eo_ship_info_clear             (EoShipInfo           *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EoShipInfo, eo_ship_info_clear)

/* The same rule as eo_store_to_ship(), for one saved order: FALSE without an error when the
 * order was never saved (out_info is then cleared) */
gboolean     eo_store_get_ship_info         (EoStore              *self,
                                             gint64                bill_id,
                                             EoShipInfo           *out_info,
                                             GError              **error);

/* The order this shop recorded a tracking number for: a successful "sent" in the log, or a
 * "sent" change pending in the outbox (out_pending TRUE, may be NULL). 0 without an error when
 * none has it. rpo is compared normalized. */
gint64       eo_store_find_tracking         (EoStore              *self,
                                             const char           *rpo,
                                             gboolean             *out_pending,
                                             GError              **error);

/* This shop's sync: the last day (YYYY-MM-DD, Moscow time) every order up to which was fetched,
 * and when. FALSE without an error when the shop was never synced. */
gboolean     eo_store_get_sync_state        (EoStore              *self,
                                             char                **out_last_day,
                                             gint64               *out_synced_at,
                                             GError              **error);
gboolean     eo_store_set_sync_state        (EoStore              *self,
                                             const char           *last_day,
                                             gint64                now,
                                             GError              **error);

/* Print runs -------------------------------------------------------------------------------- */

/*
 * What was printed, per shop (a run recorded for one shop is not listed for another): the forms,
 * and each order with the sums and tracking number printed for it, so that it can be printed
 * again as it was. Records run (its id and created_at are ignored) at now and returns its id,
 * 0 on error. Checks: the forms named, at least one order, positive order numbers, sums not
 * negative, a list number from 1.
 */
gint64       eo_store_record_print_run      (EoStore              *self,
                                             const EoPrintRun     *run,
                                             gint64                now,
                                             GError              **error);
/* This shop's runs, with their orders, newest first: EoPrintRun */
GPtrArray   *eo_store_list_print_runs       (EoStore              *self,
                                             guint                 limit,
                                             GError              **error);
/* One of this shop's runs with its orders; NULL with EO_STORE_ERROR_NOT_FOUND when none */
EoPrintRun  *eo_store_get_print_run         (EoStore              *self,
                                             gint64                id,
                                             GError              **error);

/* Outbox ------------------------------------------------------------------------------------ */

/*
 * Queues a change (committed to disk before this returns) and returns its id, 0 on error.
 * The same change (bill_id, status, date, rpo) already pending is not queued again: its id is
 * returned and out_existing set; the same change that had failed is put back to pending.
 * Checks: a known status, a date for sent and paid, a tracking number for sent.
 */
gint64       eo_store_outbox_enqueue        (EoStore              *self,
                                             EoOutboxChange       *change,
                                             gint64                now,
                                             gboolean             *out_existing,
                                             GError              **error);
void         eo_store_outbox_enqueue_async  (EoStore              *self,
                                             EoOutboxChange       *change,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gint64       eo_store_outbox_enqueue_finish (EoStore              *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Queues many changes (EoOutboxChange) in one transaction: all or none. Sets each change's id. */
gboolean     eo_store_outbox_enqueue_many   (EoStore              *self,
                                             GPtrArray            *changes,
                                             gint64                now,
                                             GError              **error);

/* One change by id (any state); NULL with EO_STORE_ERROR_NOT_FOUND when there is none */
EoOutboxChange *eo_store_outbox_get         (EoStore              *self,
                                             gint64                id,
                                             GError              **error);

/* Changes waiting (pending) or waiting for the person (failed), oldest first: EoOutboxChange */
GPtrArray   *eo_store_outbox_list_pending   (EoStore              *self,
                                             GError              **error);
GPtrArray   *eo_store_outbox_list_failed    (EoStore              *self,
                                             GError              **error);

/*
 * Takes up to max_changes pending changes that are due at now, oldest due first, and marks
 * them in flight (in this process) until they are marked done, failed or released. Only the
 * oldest pending change of an order is ever due, and never while another change of the same
 * order is in flight, so changes of one order reach the service in the order they were made.
 */
GPtrArray   *eo_store_outbox_claim_due      (EoStore              *self,
                                             gint64                now,
                                             guint                 max_changes,
                                             GError              **error);
/* Cancelled before it runs, nothing is claimed; once it has run, the claimed changes are returned
 * even when cancelled meanwhile (the caller sends them or gives them back) */
void         eo_store_outbox_claim_due_async (EoStore             *self,
                                             gint64                now,
                                             guint                 max_changes,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GPtrArray   *eo_store_outbox_claim_due_finish (EoStore            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Gives a claimed change back untouched (the attempt was cancelled) */
void         eo_store_outbox_release        (EoStore              *self,
                                             gint64                id);

/* The earliest next_attempt of the pending changes; FALSE when nothing is pending */
gboolean     eo_store_outbox_next_attempt   (EoStore              *self,
                                             gint64               *out_when,
                                             GError              **error);

/* The service confirmed the change; for sent, the order's tracking number is recorded */
gboolean     eo_store_outbox_mark_done      (EoStore              *self,
                                             gint64                id,
                                             gint64                now,
                                             GError              **error);

/* The attempt failed. retryable: back to pending after the backoff (5 s doubling, at most
 * 30 min); otherwise it is failed and not retried until the person says so. */
gboolean     eo_store_outbox_mark_failed    (EoStore              *self,
                                             gint64                id,
                                             gboolean              retryable,
                                             const char           *message,
                                             gint64                now,
                                             GError              **error);

/*
 * Records the outcome of sending a claimed change: NULL result means done; a cancelled result
 * releases it; an error for which eo_error_is_retryable() holds is retried; anything else
 * (a refusal by the service, a bad signature...) fails with the error's message.
 * Returns the change's new state in out_state.
 */
gboolean     eo_store_outbox_complete       (EoStore              *self,
                                             gint64                id,
                                             const GError         *result,
                                             gint64                now,
                                             EoOutboxState        *out_state,
                                             GError              **error);
void         eo_store_outbox_complete_async (EoStore              *self,
                                             gint64                id,
                                             const GError         *result,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     eo_store_outbox_complete_finish (EoStore             *self,
                                             GAsyncResult         *result,
                                             EoOutboxState        *out_state,
                                             GError              **error);

/* What became of one claimed change, for eo_store_outbox_complete_many */
typedef struct
{
  gint64  id;
  GError *error;               /* as the result of eo_store_outbox_complete: NULL, done */
} EoOutboxOutcome;

/* error is copied */
EoOutboxOutcome *eo_outbox_outcome_new      (gint64                id,
                                             const GError         *error);
void         eo_outbox_outcome_free         (EoOutboxOutcome      *outcome);

/*
 * Records many outcomes (EoOutboxOutcome) as eo_store_outbox_complete does, in one transaction,
 * and gives every change back once it is committed. That commit alone is not forced to the disk
 * (a power cut may undo it, and then the changes are sent again: a status update is idempotent);
 * the changes themselves were when they were queued. The async call is not cancellable and
 * keeps a reference on outcomes: do not change it until the callback.
 */
gboolean     eo_store_outbox_complete_many  (EoStore              *self,
                                             GPtrArray            *outcomes,
                                             gint64                now,
                                             GError              **error);
void         eo_store_outbox_complete_many_async (EoStore         *self,
                                             GPtrArray            *outcomes,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     eo_store_outbox_complete_many_finish (EoStore        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* The person asks to send it again now: a pending or failed change becomes due at now */
gboolean     eo_store_outbox_retry          (EoStore              *self,
                                             gint64                id,
                                             gint64                now,
                                             GError              **error);

/* The person drops a pending or failed change */
gboolean     eo_store_outbox_discard        (EoStore              *self,
                                             gint64                id,
                                             gint64                now,
                                             GError              **error);

/* Log --------------------------------------------------------------------------------------- */

/* The log of status changes made from this computer, newest first; bill_id 0: all orders */
GPtrArray   *eo_store_list_log              (EoStore              *self,
                                             gint64                bill_id,
                                             guint                 limit,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoOutboxOutcome, eo_outbox_outcome_free)

G_END_DECLS
