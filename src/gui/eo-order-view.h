/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-view.h: everything about one order, bound to an EoOrder */
#pragma once

#include <gtk/gtk.h>

#include "eo-customer-orders.h"
#include "eo-order.h"

G_BEGIN_DECLS

#define EO_TYPE_ORDER_VIEW (eo_order_view_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderView, eo_order_view, EO, ORDER_VIEW, GtkWidget)

GtkWidget *eo_order_view_new       (void);
EoOrder   *eo_order_view_get_order (EoOrderView *self);
void       eo_order_view_set_order (EoOrderView *self,
                                    EoOrder     *order);

/* The other orders of the order's customer, looked up through customer_orders (the window's,
 * kept across orders), listed below the order; none without it. Signal "open-order" (gint64):
 * one of them was activated. */
EoCustomerOrders *eo_order_view_get_customer_orders (EoOrderView      *self);
void       eo_order_view_set_customer_orders (EoOrderView      *self,
                                              EoCustomerOrders *customer_orders);
/* Look them up again (the shop changed, or one of them did) */
void       eo_order_view_reload_customer_orders (EoOrderView *self);
/* TRUE while they are being looked up (tests) */
gboolean   eo_order_view_get_customer_orders_loading (EoOrderView *self);

/* Helpers shared with the dialogs that show the order for a last look */
char      *eo_format_date_time     (GDateTime   *date_time);
/* The payment status as the service names it, translated */
char      *eo_format_pay_status    (const char  *pay_status,
                                    gboolean     is_paid);
char      *eo_format_address       (const char  *postalcode,
                                    const char  *region,
                                    const char  *city,
                                    const char  *address,
                                    const char  *country);

G_END_DECLS
