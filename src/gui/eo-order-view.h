/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-view.h: everything about one order, bound to an EoOrder */
#pragma once

#include <gtk/gtk.h>

#include "eo-order.h"

G_BEGIN_DECLS

#define EO_TYPE_ORDER_VIEW (eo_order_view_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderView, eo_order_view, EO, ORDER_VIEW, GtkWidget)

GtkWidget *eo_order_view_new       (void);
EoOrder   *eo_order_view_get_order (EoOrderView *self);
void       eo_order_view_set_order (EoOrderView *self,
                                    EoOrder     *order);

/* Helpers shared with the dialogs that show the order for a last look */
char      *eo_format_date_time     (GDateTime   *date_time);
char      *eo_format_address       (const char  *postalcode,
                                    const char  *region,
                                    const char  *city,
                                    const char  *address,
                                    const char  *country);

G_END_DECLS
