/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-item-row.h: one line of an order in the order view's item list */
#pragma once

#include <gtk/gtk.h>

#include "eo-order-item.h"

G_BEGIN_DECLS

#define EO_TYPE_ORDER_ITEM_ROW (eo_order_item_row_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderItemRow, eo_order_item_row, EO, ORDER_ITEM_ROW, GtkWidget)

EoOrderItem *eo_order_item_row_get_item (EoOrderItemRow *self);
void         eo_order_item_row_set_item (EoOrderItemRow *self,
                                         EoOrderItem    *item);

G_END_DECLS
