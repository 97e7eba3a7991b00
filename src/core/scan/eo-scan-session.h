/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-session.h: the scan station: codes read by a barcode scanner, paired into "sent" changes */

#pragma once

#include <gio/gio.h>

#include "eo-client.h"
#include "eo-outbox.h"
#include "eo-store.h"

G_BEGIN_DECLS

/*
 * A scanner types a code and Enter. The station works through pairs: an order's number (the
 * packing slip's barcode), then its parcel's tracking number; or the tracking number first,
 * then the order. A good pair queues a "sent" change (now, Moscow time, as the status dialog
 * does) through the outbox; everything else is refused with a specific message and sends
 * nothing.
 *
 * What a code is, from its shape alone (after eo_tracking_normalize()):
 *   14 digits, or two letters + 9 digits + two letters (S10)  a tracking number
 *   1 to 12 digits (no leading zero)                           an order number
 *   anything else                                              not a code the station reads
 */

typedef enum
{
  EO_SCAN_OUTCOME_ORDER_PICKED,     /* good: an order to ship; now waiting for its tracking number */
  EO_SCAN_OUTCOME_QUEUED,           /* good: the pair's "sent" change is in the outbox */
  EO_SCAN_OUTCOME_SAME_PAIR,        /* good, nothing new: this pair was already queued or sent */
  EO_SCAN_OUTCOME_NEED_ORDER,       /* a good tracking number, not recorded anywhere, read with no
                                     * order picked: held; the next order read completes the pair */
  EO_SCAN_OUTCOME_TRACKING_KNOWN,   /* a tracking number already recorded (sent or queued) for
                                     * bill_id, read with no order picked: nothing sent */
  EO_SCAN_OUTCOME_TRACKING_TAKEN,   /* refused: the tracking number belongs to another order */
  EO_SCAN_OUTCOME_BAD_CHECK_DIGIT,  /* refused: a tracking number whose check digit is wrong */
  EO_SCAN_OUTCOME_UNREADABLE,       /* refused: neither an order number nor a tracking number */
  EO_SCAN_OUTCOME_UNKNOWN_ORDER,    /* refused: no such order in this shop */
  EO_SCAN_OUTCOME_NOT_TO_SHIP,      /* refused: already sent (or sending), returned, cancelled,
                                     * not paid, no postal address, or set aside; reason says */
  EO_SCAN_OUTCOME_REPEATED,         /* refused: the same code as one read less than a minute ago
                                     * (a scanner's double read); the state is unchanged */
  EO_SCAN_OUTCOME_FAILED,           /* the store or the network failed: error says; retry the code */
} EoScanOutcome;

/* Why an order is not to ship (EO_SCAN_OUTCOME_NOT_TO_SHIP) */
typedef enum
{
  EO_SCAN_REASON_NONE,
  EO_SCAN_REASON_SENT,              /* this shop's log has it sent (tracking: its number) */
  EO_SCAN_REASON_SENDING,           /* a "sent" change for it waits in the outbox */
  EO_SCAN_REASON_RETURNED,
  EO_SCAN_REASON_CANCELLED,
  EO_SCAN_REASON_NOT_PAID,
  EO_SCAN_REASON_NO_ADDRESS,
  EO_SCAN_REASON_SET_ASIDE,
} EoScanReason;

#define EO_TYPE_SCAN_RESULT (eo_scan_result_get_type ())

/* What one code did; every string is set (maybe ""), message always */
typedef struct
{
  EoScanOutcome  outcome;
  EoScanReason   reason;
  char          *code;         /* the code as read, normalized */
  gint64         bill_id;      /* the order concerned; 0 when none */
  char          *tracking;     /* the tracking number concerned, or "" */
  char          *full_name;    /* the order's customer, city and number of items, when known */
  char          *city;
  gint64         item_count;
  gint64         change_id;    /* QUEUED / SAME_PAIR: the outbox change; else 0 */
  char          *message;      /* translated, one or two sentences naming the value read */
  GError        *error;        /* FAILED only */
} EoScanResult;

GType         eo_scan_result_get_type (void) G_GNUC_CONST;
EoScanResult *eo_scan_result_copy     (const EoScanResult *result);
void          eo_scan_result_free     (EoScanResult       *result);
/* Good: ORDER_PICKED, QUEUED, SAME_PAIR, NEED_ORDER, TRACKING_KNOWN; the rest are refusals */
gboolean      eo_scan_result_is_good  (const EoScanResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoScanResult, eo_scan_result_free)

typedef enum
{
  EO_SCAN_STATE_WAITING_ORDER,      /* nothing picked: read an order (or a tracking number) */
  EO_SCAN_STATE_WAITING_TRACKING,   /* an order picked ("bill-id"): read its tracking number */
  EO_SCAN_STATE_HOLDING_TRACKING,   /* a tracking number held ("tracking"): read its order */
} EoScanState;

#define EO_TYPE_SCAN_PAIR (eo_scan_pair_get_type ())
G_DECLARE_FINAL_TYPE (EoScanPair, eo_scan_pair, EO, SCAN_PAIR, GObject)

typedef enum
{
  EO_SCAN_PAIR_WAITING,             /* queued; not confirmed by the service yet */
  EO_SCAN_PAIR_SENT,                /* the service confirmed it */
  EO_SCAN_PAIR_REFUSED,             /* the service refused it (the outbox says why) */
  EO_SCAN_PAIR_UNDONE,              /* taken back before it was sent */
} EoScanPairState;

/*
 * One pair of this session, a row of its list. Properties (read-only, notify on change):
 *   "bill-id" gint64, "tracking" char*, "full-name" char*, "city" char*, "scanned-at" gint64,
 *   "change-id" gint64, "state" EoScanPairState (as int), "message" char* (the refusal, or "")
 */
gint64           eo_scan_pair_get_bill_id    (EoScanPair *self);
const char      *eo_scan_pair_get_tracking   (EoScanPair *self);
const char      *eo_scan_pair_get_full_name  (EoScanPair *self);
const char      *eo_scan_pair_get_city       (EoScanPair *self);
gint64           eo_scan_pair_get_scanned_at (EoScanPair *self);
gint64           eo_scan_pair_get_change_id  (EoScanPair *self);
EoScanPairState  eo_scan_pair_get_state      (EoScanPair *self);
const char      *eo_scan_pair_get_message    (EoScanPair *self);

#define EO_TYPE_SCAN_SESSION (eo_scan_session_get_type ())
G_DECLARE_FINAL_TYPE (EoScanSession, eo_scan_session, EO, SCAN_SESSION, GObject)

/*
 * One station session over a shop's store, client and outbox (the window's, or one the command
 * line makes). Codes are taken in the order fed, one at a time: a code fed while another is
 * being judged (an order fetched from the service) waits its turn, so a burst is never lost,
 * reordered or split. An order not in the store is fetched (getOrderDetails) and saved first.
 *
 * Properties (read-only, notify on change):
 *   "state"      EoScanState (as int)
 *   "bill-id"    gint64   the order picked, or 0
 *   "tracking"   char*    the tracking number held, or ""
 *   "busy"       gboolean a code is being judged
 *   "n-sent"     guint    pairs the service confirmed
 *   "n-waiting"  guint    pairs queued, not confirmed yet (waiting for the connection)
 *   "n-refused"  guint    codes refused by the station plus pairs refused by the service
 *   "pairs"      GListModel of EoScanPair, newest first
 *   "answered"   gboolean every pair queued has had the outbox's first answer (sent, refused,
 *                        or waiting for the connection): what the command line waits for
 * Signal "result" (EoScanResult *): once per code fed, in the order fed (an empty code, a bare
 * Enter, is no code and is ignored).
 *
 * `now` is unix seconds (tests pass their own); 0 means the real time.
 */
EoScanSession *eo_scan_session_new       (EoStore        *store,
                                          EoClient       *client,
                                          EoOutbox       *outbox);
void           eo_scan_session_feed      (EoScanSession  *self,
                                          const char     *code,
                                          gint64          now);
/* Forget the order picked or the tracking number held (Escape) */
void           eo_scan_session_reset     (EoScanSession  *self);
EoScanState    eo_scan_session_get_state (EoScanSession  *self);
gint64         eo_scan_session_get_bill_id (EoScanSession *self);
const char    *eo_scan_session_get_tracking (EoScanSession *self);
gboolean       eo_scan_session_get_busy  (EoScanSession  *self);
guint          eo_scan_session_get_n_sent    (EoScanSession *self);
guint          eo_scan_session_get_n_waiting (EoScanSession *self);
guint          eo_scan_session_get_n_refused (EoScanSession *self);
GListModel    *eo_scan_session_get_pairs (EoScanSession  *self);
gboolean       eo_scan_session_get_answered  (EoScanSession *self);
/* "14 sent, 1 waiting for the connection, 2 refused", translated */
char          *eo_scan_session_format_counts (EoScanSession *self);
/*
 * Undo the last pair: a change not sent yet is discarded from the outbox (nothing goes out;
 * the pair becomes UNDONE, the order is to ship again); one the service already confirmed
 * cannot be taken back here: FALSE, and out_message says how to correct it (open the order
 * and mark it sent again with the right number). out_message is always set, translated.
 */
gboolean       eo_scan_session_undo_last (EoScanSession  *self,
                                          char          **out_message,
                                          GError        **error);

G_END_DECLS
