/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-stored-order.h: a saved order as the history lists it (a row, not the whole order) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EO_TYPE_STORED_ORDER (eo_stored_order_get_type ())

G_DECLARE_FINAL_TYPE (EoStoredOrder, eo_stored_order, EO, STORED_ORDER, GObject)

/*
 * Properties (all read-only; strings are never NULL):
 *   "bill-id"       gint64
 *   "full-name"     char*   "Last First Middle"
 *   "email" "phone" "city" "address"   char*
 *   "pay-status"    char*   as the service sent it
 *   "tracking"      char*   the tracking number last sent from this computer, or ""
 *   "local-status"  char*   the last status set from this computer ("sent", "paid"...), or ""
 *   "fetched-at"    gint64  unix seconds when it was last fetched
 */
gint64       eo_stored_order_get_bill_id      (EoStoredOrder *self);
const char  *eo_stored_order_get_full_name    (EoStoredOrder *self);
const char  *eo_stored_order_get_email        (EoStoredOrder *self);
const char  *eo_stored_order_get_phone        (EoStoredOrder *self);
const char  *eo_stored_order_get_city         (EoStoredOrder *self);
const char  *eo_stored_order_get_address      (EoStoredOrder *self);
const char  *eo_stored_order_get_pay_status   (EoStoredOrder *self);
const char  *eo_stored_order_get_tracking     (EoStoredOrder *self);
const char  *eo_stored_order_get_local_status (EoStoredOrder *self);
gint64       eo_stored_order_get_fetched_at   (EoStoredOrder *self);

/* For the store: strings may be NULL (they become "") */
EoStoredOrder *eo_stored_order_new            (gint64      bill_id,
                                               const char *full_name,
                                               const char *email,
                                               const char *phone,
                                               const char *city,
                                               const char *address,
                                               const char *pay_status,
                                               const char *tracking,
                                               const char *local_status,
                                               gint64      fetched_at);

G_END_DECLS
