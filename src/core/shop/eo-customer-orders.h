/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-customer-orders.h: a customer's orders by e-mail (GetBills), kept a few minutes */
#pragma once

#include <gio/gio.h>

#include "eo-client.h"

G_BEGIN_DECLS

/* How long an answer is kept: 5 minutes */
#define EO_CUSTOMER_ORDERS_DEFAULT_TTL (5 * 60 * G_USEC_PER_SEC)

/* The clock the answers age by, in microseconds (g_get_monotonic_time unless a test sets one) */
typedef gint64 (*EoCustomerOrdersClock) (gpointer user_data);

#define EO_TYPE_CUSTOMER_ORDERS (eo_customer_orders_get_type ())

G_DECLARE_FINAL_TYPE (EoCustomerOrders, eo_customer_orders, EO, CUSTOMER_ORDERS, GObject)

/*
 * The order view asks for the other orders of the order's customer through this. The shop's
 * answer is kept in memory per e-mail address (compared without case and surrounding spaces)
 * for the TTL; a lookup of an address being asked for already waits for that same request.
 * A failure is reported to every caller waiting on it and not kept: the next lookup asks again.
 * A caller that cancels gets EO_ERROR_CANCELLED at once; the request goes on for the others,
 * and is cancelled when nobody waits for it any more.
 * The answers belong to the client's account: when its shop changes (another base URL) they are
 * forgotten, and eo_customer_orders_clear() forgets them at once (and fails the lookups under
 * way with EO_ERROR_CANCELLED).
 */
EoCustomerOrders *eo_customer_orders_new           (EoClient               *client);
EoClient         *eo_customer_orders_get_client    (EoCustomerOrders       *self);

/* ttl in microseconds; 0 keeps nothing */
void              eo_customer_orders_set_ttl       (EoCustomerOrders       *self,
                                                    GTimeSpan               ttl);
/* clock NULL: g_get_monotonic_time */
void              eo_customer_orders_set_clock     (EoCustomerOrders       *self,
                                                    EoCustomerOrdersClock   clock,
                                                    gpointer                user_data);

/* The customer's orders, every one of them (the caller leaves out the order it shows), newest
 * first (by creation, then by number); a GPtrArray of EoOrder, the caller's own */
void              eo_customer_orders_lookup_async  (EoCustomerOrders       *self,
                                                    const char             *email,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
GPtrArray        *eo_customer_orders_lookup_finish (EoCustomerOrders       *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);

/* TRUE when an answer for email is kept and still fresh (a lookup would make no request) */
gboolean          eo_customer_orders_is_cached     (EoCustomerOrders       *self,
                                                    const char             *email);
/* Forget the answer for one address (an order of it changed) */
void              eo_customer_orders_invalidate    (EoCustomerOrders       *self,
                                                    const char             *email);
/* Forget every answer that lists that order (its status changed); TRUE if there was one */
gboolean          eo_customer_orders_invalidate_order (EoCustomerOrders    *self,
                                                       gint64               bill_id);
/* Forget every answer and fail the lookups under way (the shop changed) */
void              eo_customer_orders_clear         (EoCustomerOrders       *self);

G_END_DECLS
