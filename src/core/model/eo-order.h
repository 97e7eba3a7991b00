/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order.h: an order as getOrderDetails returns it */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eo-date.h"
#include "eo-money.h"

G_BEGIN_DECLS


#define EO_TYPE_ORDER (eo_order_get_type ())

G_DECLARE_FINAL_TYPE (EoOrder, eo_order, EO, ORDER, GObject)

/*
 * Properties (all read-only, set from the JSON):
 *   "id"                 gint64     order number (0 when absent)
 *   "first-name" "last-name" "middle-name"            char*
 *   "full-name"          char*      "Last First Middle", the parts that exist
 *   "email" "phone"      char*
 *   "country" "region" "city" "address" "postalcode"  char*
 *   "created" "paid"     GDateTime* (NULL when absent/empty)
 *   "pay-status"         char*      as the service sent it
 *   "is-paid"            gboolean   pay_status says paid, or "paid" has a date
 *   "order-type" "payway" "comment" "domain" "tag" "kupon"   char*
 *   "link"               char*      payment link, made absolute
 *   "good-ids"           GStrv
 *   "good-count"         gint64
 *   "price" "bill-sum-topay" "prepayment-minsum"     gint64 kopecks (EO_MONEY_NONE when absent)
 *   "prepayment-enabled" gboolean
 *   "utm-source" "utm-medium" "utm-campaign" "utm-content" "utm-term"  char*
 *   "items"              GListModel* of EoOrderItem
 *   "raw-json"           char*      the result object as received, re-serialised
 * String properties are never NULL: absent fields are "".
 */

/* fallback_host: the account's host, used to make a relative payment link absolute
 * when the order has no domain (may be NULL). Fails only when result is not an object. */
EoOrder     *eo_order_new_from_json         (JsonNode    *result,
                                             const char  *fallback_host,
                                             GError     **error);

gint64       eo_order_get_id                (EoOrder *self);
const char  *eo_order_get_first_name        (EoOrder *self);
const char  *eo_order_get_last_name         (EoOrder *self);
const char  *eo_order_get_middle_name       (EoOrder *self);
const char  *eo_order_get_full_name         (EoOrder *self);
const char  *eo_order_get_email             (EoOrder *self);
const char  *eo_order_get_phone             (EoOrder *self);
const char  *eo_order_get_country           (EoOrder *self);
const char  *eo_order_get_region            (EoOrder *self);
const char  *eo_order_get_city              (EoOrder *self);
const char  *eo_order_get_address           (EoOrder *self);
const char  *eo_order_get_postalcode        (EoOrder *self);
GDateTime   *eo_order_get_created           (EoOrder *self);
GDateTime   *eo_order_get_paid              (EoOrder *self);
const char  *eo_order_get_pay_status        (EoOrder *self);
gboolean     eo_order_get_is_paid           (EoOrder *self);
const char  *eo_order_get_order_type        (EoOrder *self);
const char  *eo_order_get_payway            (EoOrder *self);
const char  *eo_order_get_comment           (EoOrder *self);
const char  *eo_order_get_domain            (EoOrder *self);
const char  *eo_order_get_link              (EoOrder *self);
const char  *eo_order_get_tag               (EoOrder *self);
const char  *eo_order_get_kupon             (EoOrder *self);
const char * const *eo_order_get_good_ids   (EoOrder *self);
gint64       eo_order_get_good_count        (EoOrder *self);
gint64       eo_order_get_price             (EoOrder *self);
gint64       eo_order_get_bill_sum_topay    (EoOrder *self);
gboolean     eo_order_get_prepayment_enabled (EoOrder *self);
gint64       eo_order_get_prepayment_minsum (EoOrder *self);
const char  *eo_order_get_utm_source        (EoOrder *self);
const char  *eo_order_get_utm_medium        (EoOrder *self);
const char  *eo_order_get_utm_campaign      (EoOrder *self);
const char  *eo_order_get_utm_content       (EoOrder *self);
const char  *eo_order_get_utm_term          (EoOrder *self);
GListModel  *eo_order_get_items             (EoOrder *self);
const char  *eo_order_get_raw_json          (EoOrder *self);

G_END_DECLS
