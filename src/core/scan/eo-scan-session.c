/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-session.c: the scan station: codes read one at a time, judged, paired, queued */

#include "config.h"

#include "eo-scan-session.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "eo-error.h"
#include "eo-scan-private.h"
#include "eo-tracking.h"

/* A scanner's double read: the same code again within this many seconds */
#define REPEAT_SECONDS 60
/* The most of a code a message shows */
#define CODE_SHOWN_MAX 40

/* EoScanResult ------------------------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (EoScanResult, eo_scan_result, eo_scan_result_copy, eo_scan_result_free)

static EoScanResult *
result_new (EoScanOutcome  outcome,
            const char    *code)
{
  EoScanResult *result = g_new0 (EoScanResult, 1);

  result->outcome = outcome;
  result->code = g_strdup (code);
  result->tracking = g_strdup ("");
  result->full_name = g_strdup ("");
  result->city = g_strdup ("");

  return result;
}

EoScanResult *
eo_scan_result_copy (const EoScanResult *result)
{
  EoScanResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->code = g_strdup (result->code);
  copy->tracking = g_strdup (result->tracking);
  copy->full_name = g_strdup (result->full_name);
  copy->city = g_strdup (result->city);
  copy->message = g_strdup (result->message);
  copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;

  return copy;
}

void
eo_scan_result_free (EoScanResult *result)
{
  if (result == NULL)
    return;

  g_free (result->code);
  g_free (result->tracking);
  g_free (result->full_name);
  g_free (result->city);
  g_free (result->message);
  g_clear_error (&result->error);
  g_free (result);
}

gboolean
eo_scan_result_is_good (const EoScanResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  switch (result->outcome)
    {
    case EO_SCAN_OUTCOME_ORDER_PICKED:
    case EO_SCAN_OUTCOME_QUEUED:
    case EO_SCAN_OUTCOME_SAME_PAIR:
    case EO_SCAN_OUTCOME_NEED_ORDER:
    case EO_SCAN_OUTCOME_TRACKING_KNOWN:
      return TRUE;
    case EO_SCAN_OUTCOME_TRACKING_TAKEN:
    case EO_SCAN_OUTCOME_BAD_CHECK_DIGIT:
    case EO_SCAN_OUTCOME_UNREADABLE:
    case EO_SCAN_OUTCOME_UNKNOWN_ORDER:
    case EO_SCAN_OUTCOME_NOT_TO_SHIP:
    case EO_SCAN_OUTCOME_REPEATED:
    case EO_SCAN_OUTCOME_FAILED:
    default:
      return FALSE;
    }
}

/* The session ------------------------------------------------------------------------------- */

typedef struct
{
  char   *code;
  gint64  now;
} Feed;

static void
feed_free (Feed *feed)
{
  g_free (feed->code);
  g_free (feed);
}

/* The order a code is about, as the store (or the service) knows it */
typedef struct
{
  gint64      bill_id;
  EoShipInfo  info;
} Judged;

struct _EoScanSession
{
  GObject        parent_instance;

  EoStore       *store;
  EoClient      *client;
  EoOutbox      *outbox;
  gulong         change_sent_id;
  GCancellable  *cancellable;

  GQueue         feeds;        /* Feed, waiting their turn */
  Feed          *current;      /* the code being judged while its order is fetched */
  gboolean       busy;

  EoScanState    state;
  gint64         bill_id;      /* WAITING_TRACKING: the order picked */
  char          *full_name;    /* ... its customer, city and items */
  char          *city;
  gint64         item_count;
  char          *tracking;     /* HOLDING_TRACKING: the number held; else "" */

  /* the order just refused as already sent, for the code right after it */
  gint64         settled_bill;

  char          *last_code;    /* the last code judged (not one that failed), and when */
  gint64         last_at;

  guint          n_refused;    /* by the station */
  GListStore    *pairs;        /* EoScanPair, newest first */
};

G_DEFINE_FINAL_TYPE (EoScanSession, eo_scan_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_BILL_ID,
  PROP_TRACKING,
  PROP_BUSY,
  PROP_N_SENT,
  PROP_N_WAITING,
  PROP_N_REFUSED,
  PROP_PAIRS,
  PROP_ANSWERED,
  N_PROPS
};

enum {
  RESULT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void process (EoScanSession *self);

static gint64
real_now (gint64 now)
{
  return now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
shown (const char *code)
{
  return eo_sanitize_text (code, CODE_SHOWN_MAX);
}

/* Counts ------------------------------------------------------------------------------------ */

static guint
count_pairs (EoScanSession   *self,
             EoScanPairState  state)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pairs));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoScanPair) pair = g_list_model_get_item (G_LIST_MODEL (self->pairs), i);

      if (eo_scan_pair_get_state (pair) == state)
        count++;
    }

  return count;
}

static void
notify_counts (EoScanSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFUSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
}

/* State ------------------------------------------------------------------------------------- */

static void
set_state (EoScanSession *self,
           EoScanState    state,
           gint64         bill_id,
           const char    *tracking)
{
  g_autofree char *old_tracking = g_strdup (self->tracking);
  gint64 old_bill_id = self->bill_id;
  EoScanState old_state = self->state;

  self->state = state;
  self->bill_id = state == EO_SCAN_STATE_WAITING_TRACKING ? bill_id : 0;
  g_free (self->tracking);
  self->tracking = g_strdup (state == EO_SCAN_STATE_HOLDING_TRACKING && tracking != NULL
                             ? tracking : "");
  if (state != EO_SCAN_STATE_WAITING_TRACKING)
    {
      g_clear_pointer (&self->full_name, g_free);
      g_clear_pointer (&self->city, g_free);
      self->item_count = 0;
    }

  if (old_state != self->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (old_bill_id != self->bill_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILL_ID]);
  if (g_strcmp0 (old_tracking, self->tracking) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACKING]);
}

static void
pick (EoScanSession *self,
      Judged        *judged)
{
  set_state (self, EO_SCAN_STATE_WAITING_TRACKING, judged->bill_id, NULL);
  g_free (self->full_name);
  self->full_name = g_strdup (judged->info.full_name);
  g_free (self->city);
  self->city = g_strdup (judged->info.city);
  self->item_count = judged->info.item_count;
}

static void
set_busy (EoScanSession *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Messages ---------------------------------------------------------------------------------- */

static void
set_order (EoScanResult *result,
           Judged       *judged)
{
  result->bill_id = judged->bill_id;
  g_free (result->full_name);
  result->full_name = g_strdup (judged->info.full_name != NULL ? judged->info.full_name : "");
  g_free (result->city);
  result->city = g_strdup (judged->info.city != NULL ? judged->info.city : "");
  result->item_count = judged->info.item_count;
}

static EoScanReason
reason_of (EoShipState state)
{
  switch (state)
    {
    case EO_SHIP_STATE_SENT:
      return EO_SCAN_REASON_SENT;
    case EO_SHIP_STATE_SENDING:
      return EO_SCAN_REASON_SENDING;
    case EO_SHIP_STATE_RETURNED:
      return EO_SCAN_REASON_RETURNED;
    case EO_SHIP_STATE_CANCELLED:
      return EO_SCAN_REASON_CANCELLED;
    case EO_SHIP_STATE_NOT_PAID:
      return EO_SCAN_REASON_NOT_PAID;
    case EO_SHIP_STATE_NO_ADDRESS:
      return EO_SCAN_REASON_NO_ADDRESS;
    case EO_SHIP_STATE_SET_ASIDE:
      return EO_SCAN_REASON_SET_ASIDE;
    case EO_SHIP_STATE_TO_SHIP:
    default:
      return EO_SCAN_REASON_NONE;
    }
}

static char *
not_to_ship_message (gint64             bill_id,
                     const EoShipInfo  *info)
{
  switch (info->state)
    {
    case EO_SHIP_STATE_SENT:
      return g_strdup_printf (_("Order %" PRId64 " was already sent, with tracking number "
                                "%s. Nothing was sent."), bill_id, info->tracking);
    case EO_SHIP_STATE_SENDING:
      return g_strdup_printf (_("Order %" PRId64 " is already being marked as sent, with "
                                "tracking number %s. Nothing new was sent."),
                              bill_id, info->tracking);
    case EO_SHIP_STATE_RETURNED:
      return g_strdup_printf (_("Order %" PRId64 " was returned: it is not to ship. "
                                "Nothing was sent."), bill_id);
    case EO_SHIP_STATE_CANCELLED:
      return g_strdup_printf (_("Order %" PRId64 " was cancelled: it is not to ship. "
                                "Nothing was sent."), bill_id);
    case EO_SHIP_STATE_NOT_PAID:
      return g_strdup_printf (_("Order %" PRId64 " is not paid: it is not to ship. "
                                "Nothing was sent."), bill_id);
    case EO_SHIP_STATE_NO_ADDRESS:
      return g_strdup_printf (_("Order %" PRId64 " has no postal address: it is not a "
                                "parcel. Nothing was sent."), bill_id);
    case EO_SHIP_STATE_SET_ASIDE:
      return g_strdup_printf (_("Order %" PRId64 " was set aside: it is not to ship. "
                                "Nothing was sent."), bill_id);
    case EO_SHIP_STATE_TO_SHIP:
    default:
      return g_strdup ("");
    }
}

static char *
picked_message (const EoScanResult *result)
{
  g_autofree char *items = NULL;
  g_autoptr(GString) who = g_string_new (NULL);

  if (*result->full_name != '\0')
    g_string_append (who, result->full_name);
  if (*result->city != '\0')
    g_string_append_printf (who, who->len > 0 ? ", %s" : "%s", result->city);
  if (result->item_count > 0)
    {
      items = g_strdup_printf (ngettext ("%" PRId64 " item",
                                            "%" PRId64 " items",
                                            (gulong) result->item_count),
                               result->item_count);
      g_string_append_printf (who, who->len > 0 ? ", %s" : "%s", items);
    }

  if (who->len == 0)
    return g_strdup_printf (_("Order %" PRId64 ". Now scan its tracking number."),
                            result->bill_id);
  return g_strdup_printf (_("Order %" PRId64 ": %s. Now scan its tracking number."),
                          result->bill_id, who->str);
}

/* Queuing a pair ---------------------------------------------------------------------------- */

/* The pair read is one already queued or sent: nothing new */
static void
set_same_pair (EoScanResult *result,
               gint64        bill_id,
               const char   *rpo)
{
  result->outcome = EO_SCAN_OUTCOME_SAME_PAIR;
  result->bill_id = bill_id;
  g_free (result->tracking);
  result->tracking = g_strdup (rpo);
  g_free (result->message);
  result->message = g_strdup_printf (_("Order %" PRId64 " already has tracking number %s: "
                                       "nothing new was sent."), bill_id, rpo);
}

static EoScanPair *
find_pair (EoScanSession *self,
           gint64         change_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pairs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoScanPair) pair = g_list_model_get_item (G_LIST_MODEL (self->pairs), i);

      if (eo_scan_pair_get_change_id (pair) == change_id)
        return pair;
    }

  return NULL;
}

/* Queues "sent" for the order with rpo: QUEUED, SAME_PAIR or FAILED */
static void
queue_pair (EoScanSession *self,
            EoScanResult  *result,
            Judged        *judged,
            const char    *rpo,
            gint64         now)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (now);
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (judged->bill_id, "sent", date, rpo);
  g_autoptr(GError) error = NULL;
  g_autoptr(EoScanPair) pair = NULL;
  gboolean existing = FALSE;
  gint64 id;

  set_order (result, judged);
  g_free (result->tracking);
  result->tracking = g_strdup (rpo);

  id = eo_store_outbox_enqueue (self->store, change, now, &existing, &error);
  if (id == 0)
    {
      result->outcome = EO_SCAN_OUTCOME_FAILED;
      g_free (result->message);
      result->message = g_strdup_printf (_("Order %" PRId64 " could not be marked as "
                                           "sent: %s"), judged->bill_id, error->message);
      result->error = g_steal_pointer (&error);
      return;
    }

  result->change_id = id;
  set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);

  if (existing)
    {
      set_same_pair (result, judged->bill_id, rpo);
      return;
    }

  result->outcome = EO_SCAN_OUTCOME_QUEUED;
  g_free (result->message);
  result->message = g_strdup_printf (_("Order %" PRId64 " marked as sent, tracking "
                                       "number %s."), judged->bill_id, rpo);

  pair = eo_scan_pair_new (judged->bill_id, rpo, judged->info.full_name, judged->info.city, now,
                           id);
  g_list_store_insert (self->pairs, 0, pair);
  notify_counts (self);

  if (self->outbox != NULL)
    eo_outbox_send_now (self->outbox);
}

static void
on_change_sent (EoOutbox       *outbox,
                EoOutboxChange *change,
                int             state,
                const GError   *error,
                gpointer        user_data)
{
  EoScanSession *self = user_data;
  EoScanPair *pair = find_pair (self, change->id);

  if (pair == NULL)
    return;

  eo_scan_pair_set_answered (pair);
  switch (state)
    {
    case EO_OUTBOX_STATE_DONE:
      eo_scan_pair_set_state (pair, EO_SCAN_PAIR_SENT, NULL);
      break;
    case EO_OUTBOX_STATE_FAILED:
      eo_scan_pair_set_state (pair, EO_SCAN_PAIR_REFUSED, error != NULL ? error->message : "");
      break;
    case EO_OUTBOX_STATE_DISCARDED:
      eo_scan_pair_set_state (pair, EO_SCAN_PAIR_UNDONE, NULL);
      break;
    case EO_OUTBOX_STATE_PENDING:
    default:
      /* waiting for the connection: the outbox tries again */
      eo_scan_pair_set_state (pair, EO_SCAN_PAIR_WAITING, error != NULL ? error->message : "");
      break;
    }
  notify_counts (self);
}

/* Judging ----------------------------------------------------------------------------------- */

/* Emits the result of a code, and frees it */
static void
finish (EoScanSession *self,
        EoScanResult  *result,
        gint64         now)
{
  if (result->message == NULL)
    result->message = g_strdup ("");

  if (result->outcome != EO_SCAN_OUTCOME_FAILED)
    {
      g_free (self->last_code);
      self->last_code = g_strdup (result->code);
      self->last_at = now;
    }

  /* the chance of a same pair lasts one code */
  if (!(result->outcome == EO_SCAN_OUTCOME_NOT_TO_SHIP &&
        (result->reason == EO_SCAN_REASON_SENT || result->reason == EO_SCAN_REASON_SENDING)))
    {
      self->settled_bill = 0;
    }

  if (!eo_scan_result_is_good (result))
    {
      self->n_refused++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFUSED]);
    }

  g_signal_emit (self, signals[RESULT], 0, result);
  eo_scan_result_free (result);
}

/* A tracking number of a valid shape */
static void
judge_tracking (EoScanSession *self,
                EoScanResult  *result,
                const char    *rpo,
                gint64         now)
{
  g_autoptr(GError) error = NULL;
  gboolean pending = FALSE;
  gint64 known;

  g_free (result->tracking);
  result->tracking = g_strdup (rpo);

  known = eo_store_find_tracking (self->store, rpo, &pending, &error);
  if (error != NULL)
    {
      result->outcome = EO_SCAN_OUTCOME_FAILED;
      result->message = g_strdup_printf (_("Tracking number %s could not be looked up: %s"),
                                         rpo, error->message);
      result->error = g_steal_pointer (&error);
      return;
    }

  /* the order picked, or the one just refused as sent, with its own number: the same pair */
  if (known != 0 &&
      (known == self->settled_bill ||
       (self->state == EO_SCAN_STATE_WAITING_TRACKING && known == self->bill_id)))
    {
      set_same_pair (result, known, rpo);
      set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
      return;
    }

  if (self->state == EO_SCAN_STATE_WAITING_TRACKING)
    {
      Judged judged = { self->bill_id, { 0 } };

      if (known != 0)
        {
          result->outcome = EO_SCAN_OUTCOME_TRACKING_TAKEN;
          result->bill_id = known;
          result->message =
            g_strdup_printf (_("Tracking number %s is already recorded for order %" PRId64
                               ", not order %" PRId64 ". Nothing was sent; scan this "
                               "parcel's own number."), rpo, known, self->bill_id);
          return;
        }

      /* the order may have changed since it was picked (another window, the outbox) */
      if (!eo_store_get_ship_info (self->store, self->bill_id, &judged.info, &error) &&
          error != NULL)
        {
          result->outcome = EO_SCAN_OUTCOME_FAILED;
          result->message = g_strdup_printf (_("Order %" PRId64 " could not be read: %s"),
                                             self->bill_id, error->message);
          result->error = g_steal_pointer (&error);
          return;
        }
      if (judged.info.state != EO_SHIP_STATE_TO_SHIP)
        {
          set_order (result, &judged);
          result->outcome = EO_SCAN_OUTCOME_NOT_TO_SHIP;
          result->reason = reason_of (judged.info.state);
          result->message = not_to_ship_message (self->bill_id, &judged.info);
          set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
          eo_ship_info_clear (&judged.info);
          return;
        }

      queue_pair (self, result, &judged, rpo, now);
      eo_ship_info_clear (&judged.info);
      return;
    }

  if (known != 0)
    {
      result->outcome = EO_SCAN_OUTCOME_TRACKING_KNOWN;
      result->bill_id = known;
      result->message = pending
        ? g_strdup_printf (_("Tracking number %s is already being sent for order %"
                             PRId64 "."), rpo, known)
        : g_strdup_printf (_("Tracking number %s is already recorded for order %"
                             PRId64 "."), rpo, known);
      return;
    }

  result->outcome = EO_SCAN_OUTCOME_NEED_ORDER;
  result->message = g_strdup_printf (_("Tracking number %s read. Now scan the packing slip of its "
                                       "order."), rpo);
  set_state (self, EO_SCAN_STATE_HOLDING_TRACKING, 0, rpo);
}

/* An order, its facts at hand (judged->info.state; found FALSE: no such order) */
static void
judge_order_known (EoScanSession *self,
                   EoScanResult  *result,
                   Judged        *judged,
                   gboolean       found,
                   gint64         now)
{
  if (!found)
    {
      result->outcome = EO_SCAN_OUTCOME_UNKNOWN_ORDER;
      result->bill_id = judged->bill_id;
      result->message = g_strdup_printf (_("There is no order %" PRId64 " in this shop. "
                                           "Nothing was sent."), judged->bill_id);
      set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
      return;
    }

  set_order (result, judged);

  if (judged->info.state == EO_SHIP_STATE_TO_SHIP)
    {
      if (self->state == EO_SCAN_STATE_HOLDING_TRACKING)
        {
          g_autofree char *rpo = g_strdup (self->tracking);

          queue_pair (self, result, judged, rpo, now);
          return;
        }

      result->outcome = EO_SCAN_OUTCOME_ORDER_PICKED;
      result->message = picked_message (result);
      pick (self, judged);
      return;
    }

  if ((judged->info.state == EO_SHIP_STATE_SENT || judged->info.state == EO_SHIP_STATE_SENDING) &&
      self->state == EO_SCAN_STATE_HOLDING_TRACKING &&
      g_strcmp0 (judged->info.tracking, self->tracking) == 0)
    {
      set_same_pair (result, judged->bill_id, judged->info.tracking);
      result->change_id = judged->info.change_id;
      set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
      return;
    }

  result->outcome = EO_SCAN_OUTCOME_NOT_TO_SHIP;
  result->reason = reason_of (judged->info.state);
  g_free (result->tracking);
  result->tracking = g_strdup (judged->info.tracking != NULL ? judged->info.tracking : "");
  result->change_id = judged->info.change_id;
  result->message = not_to_ship_message (judged->bill_id, &judged->info);
  set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);

  if (judged->info.state == EO_SHIP_STATE_SENT || judged->info.state == EO_SHIP_STATE_SENDING)
    {
      self->settled_bill = judged->bill_id;
    }
}

typedef struct
{
  EoScanSession *self;
  EoScanResult  *result;
  Judged         judged;
  gboolean       found;      /* the store had it (judged.info holds its facts) */
  gint64         now;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->self);
  eo_scan_result_free (fetch->result);
  eo_ship_info_clear (&fetch->judged.info);
  g_free (fetch);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  EoScanSession *self = fetch->self;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  EoScanResult *result;

  order = eo_client_get_order_finish (EO_CLIENT (source), res, &error);

  if (eo_error_is_cancelled (error))
    {
      /* the session is being disposed */
      fetch_free (fetch);
      return;
    }

  result = g_steal_pointer (&fetch->result);

  if (order != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      eo_ship_info_clear (&fetch->judged.info);
      if (!eo_store_save_order (self->store, order, fetch->now, &save_error) ||
          !(fetch->found = eo_store_get_ship_info (self->store, fetch->judged.bill_id,
                                                   &fetch->judged.info, &save_error)))
        {
          result->outcome = EO_SCAN_OUTCOME_FAILED;
          result->bill_id = fetch->judged.bill_id;
          result->message = g_strdup_printf (_("Order %" PRId64 " could not be saved: %s"),
                                             fetch->judged.bill_id,
                                             save_error != NULL ? save_error->message : "");
          result->error = g_steal_pointer (&save_error);
        }
      else
        {
          judge_order_known (self, result, &fetch->judged, TRUE, fetch->now);
        }
    }
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_NO_SUCH_ORDER) ||
           g_error_matches (error, EO_ERROR, EO_ERROR_WRONG_DATA))
    {
      judge_order_known (self, result, &fetch->judged, FALSE, fetch->now);
    }
  else if (fetch->found)
    {
      /* the service cannot say more now: what the store knows stands */
      judge_order_known (self, result, &fetch->judged, TRUE, fetch->now);
    }
  else
    {
      result->outcome = EO_SCAN_OUTCOME_FAILED;
      result->bill_id = fetch->judged.bill_id;
      result->message = g_strdup_printf (_("Order %" PRId64 " could not be looked up: %s "
                                           "Scan it again when the connection is back."),
                                         fetch->judged.bill_id, error->message);
      result->error = g_steal_pointer (&error);
    }

  finish (self, result, fetch->now);
  fetch_free (fetch);

  set_busy (self, FALSE);
  process (self);
}

/* An order number: what the store says, else (or when the store may be behind) the service */
static gboolean
judge_order (EoScanSession *self,
             EoScanResult  *result,
             gint64         bill_id,
             gint64         now)
{
  g_autoptr(GError) error = NULL;
  Judged judged = { bill_id, { 0 } };
  gboolean found;
  Fetch *fetch;

  found = eo_store_get_ship_info (self->store, bill_id, &judged.info, &error);
  if (error != NULL)
    {
      result->outcome = EO_SCAN_OUTCOME_FAILED;
      result->bill_id = bill_id;
      result->message = g_strdup_printf (_("Order %" PRId64 " could not be read: %s"),
                                         bill_id, error->message);
      result->error = g_steal_pointer (&error);
      return TRUE;
    }

  /* the store decides, unless it has not seen the order, or saw it before it was paid or had
   * an address: then the service is asked */
  if (found && judged.info.state != EO_SHIP_STATE_NOT_PAID &&
      judged.info.state != EO_SHIP_STATE_NO_ADDRESS)
    {
      judge_order_known (self, result, &judged, TRUE, now);
      eo_ship_info_clear (&judged.info);
      return TRUE;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->result = result;
  fetch->judged = judged;
  fetch->found = found;
  fetch->now = now;
  eo_client_get_order_async (self->client, bill_id, self->cancellable, fetched_cb, fetch);

  return FALSE;
}

static gboolean
is_order_number (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > 12 || code[0] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;

  return TRUE;
}

static gboolean
is_tracking_shape (const char *code)
{
  gsize len = strlen (code);

  if (len == 14)
    {
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (code[i]))
          return FALSE;
      return TRUE;
    }

  if (len == 13)
    {
      for (gsize i = 0; i < len; i++)
        {
          gboolean letter = i < 2 || i >= 11;

          if (letter ? !g_ascii_isupper (code[i]) : !g_ascii_isdigit (code[i]))
            return FALSE;
        }
      return TRUE;
    }

  return FALSE;
}

/* Judges one code: TRUE when its result is out, FALSE when it waits for the service */
static gboolean
judge (EoScanSession *self,
       Feed          *feed)
{
  EoScanResult *result = result_new (EO_SCAN_OUTCOME_UNREADABLE, feed->code);
  g_autofree char *code_shown = shown (feed->code);

  if (self->last_code != NULL && g_str_equal (self->last_code, feed->code) &&
      feed->now >= self->last_at && feed->now - self->last_at < REPEAT_SECONDS)
    {
      result->outcome = EO_SCAN_OUTCOME_REPEATED;
      result->message = g_strdup_printf (_("%s was read again within a minute: the second read "
                                           "was ignored."), code_shown);
      finish (self, result, feed->now);
      return TRUE;
    }

  if (is_tracking_shape (feed->code))
    {
      g_autoptr(GError) error = NULL;

      eo_tracking_validate (feed->code, NULL, &error);
      if (error != NULL)
        {
          result->outcome = EO_SCAN_OUTCOME_BAD_CHECK_DIGIT;
          g_free (result->tracking);
          result->tracking = g_strdup (feed->code);
          result->message = g_strdup_printf (_("Tracking number %s was misread or mistyped. %s "
                                               "Nothing was sent."), code_shown, error->message);
        }
      else
        {
          judge_tracking (self, result, feed->code, feed->now);
        }
      finish (self, result, feed->now);
      return TRUE;
    }

  if (is_order_number (feed->code))
    {
      gint64 bill_id = g_ascii_strtoll (feed->code, NULL, 10);

      if (!judge_order (self, result, bill_id, feed->now))
        return FALSE;
      finish (self, result, feed->now);
      return TRUE;
    }

  result->message = g_strdup_printf (_("“%s” is neither an order number nor a tracking number. "
                                       "Nothing was sent."), code_shown);
  finish (self, result, feed->now);
  return TRUE;
}

static void
process (EoScanSession *self)
{
  Feed *feed;

  while (!self->busy && (feed = g_queue_pop_head (&self->feeds)) != NULL)
    {
      gboolean done;

      set_busy (self, TRUE);
      g_clear_pointer (&self->current, feed_free);
      self->current = feed;
      done = judge (self, feed);
      if (!done)
        return;
      g_clear_pointer (&self->current, feed_free);
      set_busy (self, FALSE);
    }
}

/* GObject ----------------------------------------------------------------------------------- */

static void
eo_scan_session_dispose (GObject *object)
{
  EoScanSession *self = EO_SCAN_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->outbox != NULL)
    g_clear_signal_handler (&self->change_sent_id, self->outbox);
  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eo_scan_session_parent_class)->dispose (object);
}

static void
eo_scan_session_finalize (GObject *object)
{
  EoScanSession *self = EO_SCAN_SESSION (object);

  g_queue_clear_full (&self->feeds, (GDestroyNotify) feed_free);
  g_clear_pointer (&self->current, feed_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pairs);
  g_free (self->full_name);
  g_free (self->city);
  g_free (self->tracking);
  g_free (self->last_code);

  G_OBJECT_CLASS (eo_scan_session_parent_class)->finalize (object);
}

static void
eo_scan_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EoScanSession *self = EO_SCAN_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_BILL_ID:
      g_value_set_int64 (value, self->bill_id);
      break;
    case PROP_TRACKING:
      g_value_set_string (value, self->tracking);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_N_SENT:
      g_value_set_uint (value, eo_scan_session_get_n_sent (self));
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, eo_scan_session_get_n_waiting (self));
      break;
    case PROP_N_REFUSED:
      g_value_set_uint (value, eo_scan_session_get_n_refused (self));
      break;
    case PROP_PAIRS:
      g_value_set_object (value, self->pairs);
      break;
    case PROP_ANSWERED:
      g_value_set_boolean (value, eo_scan_session_get_answered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_scan_session_class_init (EoScanSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = eo_scan_session_dispose;
  object_class->finalize = eo_scan_session_finalize;
  object_class->get_property = eo_scan_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, EO_SCAN_STATE_WAITING_ORDER,
                      EO_SCAN_STATE_HOLDING_TRACKING, EO_SCAN_STATE_WAITING_ORDER, flags);
  properties[PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TRACKING] = g_param_spec_string ("tracking", NULL, NULL, "", flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_N_SENT] = g_param_spec_uint ("n-sent", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REFUSED] =
    g_param_spec_uint ("n-refused", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PAIRS] =
    g_param_spec_object ("pairs", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_ANSWERED] = g_param_spec_boolean ("answered", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESULT] =
    g_signal_new ("result",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  EO_TYPE_SCAN_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
eo_scan_session_init (EoScanSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->pairs = g_list_store_new (EO_TYPE_SCAN_PAIR);
  self->tracking = g_strdup ("");
  g_queue_init (&self->feeds);
}

EoScanSession *
eo_scan_session_new (EoStore  *store,
                     EoClient *client,
                     EoOutbox *outbox)
{
  EoScanSession *self;

  g_return_val_if_fail (EO_IS_STORE (store), NULL);
  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (outbox == NULL || EO_IS_OUTBOX (outbox), NULL);

  self = g_object_new (EO_TYPE_SCAN_SESSION, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  if (outbox != NULL)
    {
      self->outbox = g_object_ref (outbox);
      self->change_sent_id = g_signal_connect (outbox, "change-sent",
                                               G_CALLBACK (on_change_sent), self);
    }

  return self;
}

void
eo_scan_session_feed (EoScanSession *self,
                      const char    *code,
                      gint64         now)
{
  Feed *feed;
  char *normalized;

  g_return_if_fail (EO_IS_SCAN_SESSION (self));
  g_return_if_fail (code != NULL);

  normalized = eo_tracking_normalize (code);
  if (*normalized == '\0')
    {
      g_free (normalized);
      return;
    }

  feed = g_new0 (Feed, 1);
  feed->code = normalized;
  feed->now = real_now (now);
  g_queue_push_tail (&self->feeds, feed);
  process (self);
}

void
eo_scan_session_reset (EoScanSession *self)
{
  g_return_if_fail (EO_IS_SCAN_SESSION (self));

  set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
  self->settled_bill = 0;
  g_clear_pointer (&self->last_code, g_free);
}

EoScanState
eo_scan_session_get_state (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), EO_SCAN_STATE_WAITING_ORDER);
  return self->state;
}

gint64
eo_scan_session_get_bill_id (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), 0);
  return self->bill_id;
}

const char *
eo_scan_session_get_tracking (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), NULL);
  return self->tracking;
}

gboolean
eo_scan_session_get_busy (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), FALSE);
  return self->busy;
}

guint
eo_scan_session_get_n_sent (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), 0);
  return count_pairs (self, EO_SCAN_PAIR_SENT);
}

guint
eo_scan_session_get_n_waiting (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), 0);
  return count_pairs (self, EO_SCAN_PAIR_WAITING);
}

guint
eo_scan_session_get_n_refused (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), 0);
  return self->n_refused + count_pairs (self, EO_SCAN_PAIR_REFUSED);
}

GListModel *
eo_scan_session_get_pairs (EoScanSession *self)
{
  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), NULL);
  return G_LIST_MODEL (self->pairs);
}

gboolean
eo_scan_session_get_answered (EoScanSession *self)
{
  guint n;

  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), TRUE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pairs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoScanPair) pair = g_list_model_get_item (G_LIST_MODEL (self->pairs), i);

      if (!eo_scan_pair_get_answered (pair))
        return FALSE;
    }

  return TRUE;
}

char *
eo_scan_session_format_counts (EoScanSession *self)
{
  g_autofree char *sent = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *refused = NULL;
  guint n_sent, n_waiting, n_refused;

  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), NULL);

  n_sent = eo_scan_session_get_n_sent (self);
  n_waiting = eo_scan_session_get_n_waiting (self);
  n_refused = eo_scan_session_get_n_refused (self);
  sent = g_strdup_printf (ngettext ("%u sent", "%u sent", n_sent), n_sent);
  waiting = g_strdup_printf (ngettext ("%u waiting for the connection",
                                       "%u waiting for the connection", n_waiting), n_waiting);
  refused = g_strdup_printf (ngettext ("%u refused", "%u refused", n_refused), n_refused);

  /* Translators: "14 sent, 1 waiting for the connection, 2 refused" */
  return g_strdup_printf (_("%s, %s, %s"), sent, waiting, refused);
}

gboolean
eo_scan_session_undo_last (EoScanSession  *self,
                           char          **out_message,
                           GError        **error)
{
  g_autoptr(EoScanPair) pair = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 bill_id;
  gboolean ok;

  g_return_val_if_fail (EO_IS_SCAN_SESSION (self), FALSE);
  g_return_val_if_fail (out_message != NULL, FALSE);

  pair = g_list_model_get_item (G_LIST_MODEL (self->pairs), 0);
  if (pair == NULL || eo_scan_pair_get_state (pair) == EO_SCAN_PAIR_UNDONE)
    {
      *out_message = g_strdup (_("There is nothing to undo."));
      return FALSE;
    }

  bill_id = eo_scan_pair_get_bill_id (pair);
  if (eo_scan_pair_get_state (pair) == EO_SCAN_PAIR_REFUSED)
    {
      *out_message = g_strdup_printf (_("The service refused marking order %" PRId64
                                        " as sent: nothing was changed, nothing to undo."),
                                      bill_id);
      return FALSE;
    }

  change = eo_store_outbox_get (self->store, eo_scan_pair_get_change_id (pair), &local_error);
  if (change != NULL && change->state == EO_OUTBOX_STATE_PENDING)
    {
      ok = self->outbox != NULL
        ? eo_outbox_discard (self->outbox, change->id, &local_error)
        : eo_store_outbox_discard (self->store, change->id, real_now (0), &local_error);
      if (ok)
        {
          eo_scan_pair_set_state (pair, EO_SCAN_PAIR_UNDONE, NULL);
          notify_counts (self);
          /* picked again, for its right tracking number */
          {
            Judged judged = { bill_id, { 0 } };

            if (eo_store_get_ship_info (self->store, bill_id, &judged.info, NULL) &&
                judged.info.state == EO_SHIP_STATE_TO_SHIP)
              pick (self, &judged);
            else
              set_state (self, EO_SCAN_STATE_WAITING_ORDER, 0, NULL);
            eo_ship_info_clear (&judged.info);
          }
          *out_message = g_strdup_printf (_("Taken back: order %" PRId64 " was not marked "
                                            "as sent. Scan its tracking number again."), bill_id);
          return TRUE;
        }
    }

  if (change != NULL && change->state == EO_OUTBOX_STATE_DONE)
    {
      *out_message = g_strdup_printf (_("Order %" PRId64 " is already marked as sent with "
                                        "tracking number %s, and that cannot be taken back here. "
                                        "To correct it, open the order and mark it as sent again "
                                        "with the right number."),
                                      bill_id, eo_scan_pair_get_tracking (pair));
      return FALSE;
    }

  if (local_error != NULL)
    {
      *out_message = g_strdup_printf (_("Order %" PRId64 " could not be taken back: %s"),
                                      bill_id, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_message = g_strdup_printf (_("Order %" PRId64 " could not be taken back: its change "
                                    "is no longer waiting."), bill_id);
  return FALSE;
}
