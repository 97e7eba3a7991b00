/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-private.h: what the store's files share: the object, its worker, the SQL helpers */
#pragma once

#include <sqlite3.h>

#include "eo-store.h"

G_BEGIN_DECLS

struct _EoStore
{
  GObject      parent_instance;

  GMutex       lock;
  sqlite3     *db;
  char        *path;
  int          opened_version;
  GHashTable  *statements;  /* const char *sql (static) -> sqlite3_stmt */
  GHashTable  *in_flight;   /* gint64 *id -> gint64 *bill_id */
  char        *account;     /* the shop changes are queued for and sent to; NULL: any */

  GAsyncQueue *jobs;        /* the worker's: EoStoreJob, in the order the _async calls came */
  GThread     *worker;      /* started by the first _async call */
};

/* The store's shop, its orders and changes: those from before shops were recorded belong to
 * every shop; with no shop set, everything matches. Parameter 7 of every statement using it,
 * bound by eo_store_bind_account() */
#define ACCOUNT_MATCHES "(?7 IS NULL OR account = ?7 OR account = '')"
#define ACCOUNT_PARAM   7

#define OUTBOX_COLUMNS \
  "id, bill_id, status, date, rpo, state, attempts, created_at, next_attempt, last_error, account"

/* Whether the log of the shop `account` (an expression) has a successful sent, return or cancel
 * for the order `bill_id` (an expression): what orders.settled holds */
#define SETTLED_SQL(bill_id, account) \
  "EXISTS (SELECT 1 FROM log AS l JOIN outbox AS x ON x.id = l.change_id" \
  "  WHERE l.bill_id = " bill_id " AND l.result = 1 AND l.status IN ('sent', 'return', 'cancel')" \
  "  AND (x.account = " account " OR x.account = '' OR " account " = ''))"

#define ORDER_COLUMNS \
  "bill_id, full_name, email, phone, city, address, pay_status, tracking, local_status, fetched_at"

/* The worker (eo-store.c) ---------------------------------------------------------------- */

/* The arguments of one _async call */
typedef struct
{
  gint64          id;
  gint64          now;
  guint           limit;
  char           *text;
  EoOutboxChange *change;
  EoOrder        *order;
  GError         *result;
  GPtrArray      *outcomes;
  GPtrArray      *orders;     /* EoOrder */
  char           *good_id;
  gint64          since;
} EoStoreCall;

void            eo_store_call_free            (EoStoreCall         *call);
/* A task whose source object is the store and whose data is call (taken) */
GTask          *eo_store_task_new             (EoStore             *self,
                                               gpointer             source_tag,
                                               EoStoreCall         *call,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        eo_store_task_check           (EoStore             *self,
                                               GAsyncResult        *result,
                                               gpointer             source_tag);
/* Queues func (task) on the store's worker thread, after every call queued before; func returns
 * the task's result, which reaches the callback in the task's main context. Takes a reference
 * on task. */
void            eo_store_task_run             (GTask               *task,
                                               GTaskThreadFunc      func);

/* SQLite helpers (eo-store.c; the caller holds the lock) ----------------------------------- */

gboolean        eo_store_db_error             (EoStore             *self,
                                               GError             **error);
gboolean        eo_store_exec                 (EoStore             *self,
                                               const char          *sql,
                                               GError             **error);
/* A prepared statement for a static SQL string, kept for the life of the store */
sqlite3_stmt   *eo_store_stmt                 (EoStore             *self,
                                               const char          *sql,
                                               GError             **error);
/* Steps a statement that returns no rows, then resets it */
gboolean        eo_store_step_done            (EoStore             *self,
                                               sqlite3_stmt        *stmt,
                                               GError             **error);
const char     *eo_store_column_text          (sqlite3_stmt        *stmt,
                                               int                  column);
void            eo_store_bind_text            (sqlite3_stmt        *stmt,
                                               int                  index,
                                               const char          *text);
/* The store's shop for ACCOUNT_MATCHES, or NULL (any shop) when none is set */
void            eo_store_bind_account         (EoStore             *self,
                                               sqlite3_stmt        *stmt);
/* The key of the rows that are the store's shop's alone (set aside, sync state, print runs):
 * its account, or "" when none is set */
const char     *eo_store_shop_key             (EoStore             *self);
void            eo_store_bind_date            (sqlite3_stmt        *stmt,
                                               int                  index,
                                               GDateTime           *date);
GDateTime      *eo_store_column_date          (sqlite3_stmt        *stmt,
                                               int                  column);
gboolean        eo_store_begin                (EoStore             *self,
                                               GError             **error);
gboolean        eo_store_commit               (EoStore             *self,
                                               GError             **error);
void            eo_store_rollback             (EoStore             *self);

/* Schema (eo-store-schema.c) --------------------------------------------------------------- */

/* The SQL functions the schema uses, then the migrations up to EO_STORE_SCHEMA_VERSION */
gboolean        eo_store_schema_migrate       (EoStore             *self,
                                               GError             **error);
/* The phone number's digits, a leading 7 or 8 of an 11-digit number dropped */
char           *eo_store_phone_digits         (const char          *phone);
/* ё and Ё as е and Е, as the index holds them */
char           *eo_store_fold_text            (const char          *text);

/* History (eo-store-history.c) ------------------------------------------------------------- */

/* Runs a statement selecting ORDER_COLUMNS into a list of EoStoredOrder */
GListModel     *eo_store_collect_orders       (EoStore             *self,
                                               sqlite3_stmt        *stmt,
                                               GError             **error);
GListModel     *eo_store_recent_orders_locked (EoStore             *self,
                                               guint                limit,
                                               GError             **error);

/* Outbox (eo-store-outbox.c) --------------------------------------------------------------- */

/* Runs a statement selecting OUTBOX_COLUMNS into an array of EoOutboxChange */
GPtrArray      *eo_store_collect_changes      (EoStore             *self,
                                               sqlite3_stmt        *stmt,
                                               GError             **error);
/* One change by id; NULL with EO_STORE_ERROR_NOT_FOUND when there is none */
EoOutboxChange *eo_store_get_change_locked    (EoStore             *self,
                                               gint64               id,
                                               GError             **error);
gboolean        eo_store_update_state         (EoStore             *self,
                                               gint64               id,
                                               int                  state,
                                               guint                attempts,
                                               gint64               next_attempt,
                                               const char          *last_error,
                                               GError             **error);

/* The to-ship list (eo-store-ship.c) ------------------------------------------------------ */

/* What the to-ship rule reads from an order, kept in columns of its own */
typedef struct
{
  char     *postalcode;
  gboolean  is_paid;      /* EoOrder's rule: pay_status says paid, or "paid" has a date */
  gint64    paid_at;      /* unix seconds, 0 when none */
  gint64    created_at;   /* unix seconds, 0 when none */
  gint64    item_count;   /* good_count, else the number of items */
  gint64    total;        /* price in kopecks, EO_MONEY_NONE when none */
  char     *good_ids;     /* ",17,42,": the product ids (good_ids and the items'), for a filter */
} EoStoreOrderFacts;

/* raw_json that is not an order gives no facts (all zero, strings "") */
void            eo_store_order_facts_from_json (const char        *raw_json,
                                               EoStoreOrderFacts *out_facts);
void            eo_store_order_facts_from_order (EoOrder           *order,
                                               EoStoreOrderFacts   *out_facts);
void            eo_store_order_facts_clear    (EoStoreOrderFacts   *facts);
/* eo_store_save_orders_fields() with the facts already read (NULL: read from the JSON) */
gboolean        eo_store_save_orders_facts    (EoStore             *self,
                                               const EoStoreOrderFields *fields,
                                               const char * const  *raw_jsons,
                                               const EoStoreOrderFacts *facts,
                                               gsize                n_orders,
                                               gint64               now,
                                               GError             **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EoStoreOrderFacts, eo_store_order_facts_clear)
/* A unix time, NULL for 0 */
void            eo_store_bind_time            (sqlite3_stmt        *stmt,
                                               int                  index,
                                               gint64               unix_seconds);
/* The SQL function eo_order_fact (raw_json, name) the schema's migration 4 fills the columns with */
gboolean        eo_store_register_fact_function (EoStore           *self,
                                               GError             **error);

/* Search (eo-store-search.c) --------------------------------------------------------------- */

/* An FTS5 query where every word of the text is a quoted prefix; NULL when there is no word */
char           *eo_store_build_fts_query      (const char          *text);

/* Log (eo-store-log.c) --------------------------------------------------------------------- */

gboolean        eo_store_log_change           (EoStore             *self,
                                               const EoOutboxChange *change,
                                               EoLogResult          result,
                                               const char          *message,
                                               gint64               now,
                                               GError             **error);

G_END_DECLS
