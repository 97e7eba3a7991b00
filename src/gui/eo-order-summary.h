/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-summary.h: the order a dialog acts on, for a last look: number, customer, address */
#pragma once

#include <adwaita.h>

#include "eo-order.h"

G_BEGIN_DECLS

#define EO_TYPE_ORDER_SUMMARY (eo_order_summary_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderSummary, eo_order_summary, EO, ORDER_SUMMARY, AdwPreferencesGroup)

/* Property "order" (EoOrder, read-write) */
EoOrder  *eo_order_summary_get_order (EoOrderSummary *self);
void      eo_order_summary_set_order (EoOrderSummary *self,
                                      EoOrder        *order);

G_END_DECLS
