/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-row.h: an order of the "To Ship" list, with its check box for the selection */
#pragma once

#include <adwaita.h>

#include "eo-to-ship-order.h"

G_BEGIN_DECLS

#define EO_TYPE_TO_SHIP_ROW (eo_to_ship_row_get_type ())

G_DECLARE_FINAL_TYPE (EoToShipRow, eo_to_ship_row, EO, TO_SHIP_ROW, GtkListBoxRow)

/* "checked" (gboolean): the check box; a sending order cannot be checked */
GtkWidget     *eo_to_ship_row_new         (EoToShipOrder *order);
EoToShipOrder *eo_to_ship_row_get_order   (EoToShipRow   *self);
gboolean       eo_to_ship_row_get_checked (EoToShipRow   *self);
void           eo_to_ship_row_set_checked (EoToShipRow   *self,
                                           gboolean       checked);

/* "1001 · Иванова Мария", or "Order 1001" without a name; "Moscow, 101000" */
char          *eo_to_ship_row_format_title (EoToShipOrder *order);
char          *eo_to_ship_row_format_place (EoToShipOrder *order);

G_END_DECLS
