/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-order.h: a row of the "to ship" list: a paid order with a postal address, not yet sent */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EO_TYPE_TO_SHIP_ORDER (eo_to_ship_order_get_type ())

G_DECLARE_FINAL_TYPE (EoToShipOrder, eo_to_ship_order, EO, TO_SHIP_ORDER, GObject)

/*
 * Properties (all read-only; strings are never NULL):
 *   "bill-id"      gint64
 *   "full-name" "email" "city" "postalcode" "address"   char*
 *   "item-count"   gint64   the number of products
 *   "total"        gint64   kopecks (EO_MONEY_NONE when the order has no price)
 *   "paid-at"      gint64   unix seconds of the payment, 0 when the service gave no date
 *   "created-at"   gint64   unix seconds the order was made, 0 when unknown
 *   "sending"      gboolean a "sent" change for it waits in the outbox: shown as sending
 */
gint64       eo_to_ship_order_get_bill_id    (EoToShipOrder *self);
const char  *eo_to_ship_order_get_full_name  (EoToShipOrder *self);
const char  *eo_to_ship_order_get_email      (EoToShipOrder *self);
const char  *eo_to_ship_order_get_city       (EoToShipOrder *self);
const char  *eo_to_ship_order_get_postalcode (EoToShipOrder *self);
const char  *eo_to_ship_order_get_address    (EoToShipOrder *self);
gint64       eo_to_ship_order_get_item_count (EoToShipOrder *self);
gint64       eo_to_ship_order_get_total      (EoToShipOrder *self);
gint64       eo_to_ship_order_get_paid_at    (EoToShipOrder *self);
gint64       eo_to_ship_order_get_created_at (EoToShipOrder *self);
gboolean     eo_to_ship_order_get_sending    (EoToShipOrder *self);

/* For the store: strings may be NULL (they become "") */
EoToShipOrder *eo_to_ship_order_new          (gint64      bill_id,
                                              const char *full_name,
                                              const char *email,
                                              const char *city,
                                              const char *postalcode,
                                              const char *address,
                                              gint64      item_count,
                                              gint64      total,
                                              gint64      paid_at,
                                              gint64      created_at,
                                              gboolean    sending);

G_END_DECLS
