/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-item.h: one line of an order */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EO_TYPE_ORDER_ITEM (eo_order_item_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderItem, eo_order_item, EO, ORDER_ITEM, GObject)

/*
 * Properties (read-only):
 *   "id" "title" "pincode"  char* ("" when absent)
 *   "sum"                   gint64 kopecks actually paid (EO_MONEY_NONE when absent)
 *   "price"                 gint64 kopecks list price (EO_MONEY_NONE when absent)
 *   "partners"              GListModel* of EoPartner
 */

/* Tolerant: anything that is not an object gives an item with empty fields */
EoOrderItem *eo_order_item_new_from_json (JsonNode    *node);

const char  *eo_order_item_get_id        (EoOrderItem *self);
const char  *eo_order_item_get_title     (EoOrderItem *self);
const char  *eo_order_item_get_pincode   (EoOrderItem *self);
gint64       eo_order_item_get_sum       (EoOrderItem *self);
gint64       eo_order_item_get_price     (EoOrderItem *self);
GListModel  *eo_order_item_get_partners  (EoOrderItem *self);

G_END_DECLS
