/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-status.h: the statuses an order can be given (UpdateOrderStatus) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sent needs a date and a tracking number, paid a date; return and cancel nothing more */
typedef enum
{
  EO_ORDER_STATUS_SENT,
  EO_ORDER_STATUS_PAID,
  EO_ORDER_STATUS_RETURN,
  EO_ORDER_STATUS_CANCEL,
} EoOrderStatus;

/* "sent", "paid", "return", "cancel" as the API names them; NULL for anything else */
const char *eo_order_status_to_string     (EoOrderStatus  status);
gboolean    eo_order_status_from_string   (const char    *text,
                                           EoOrderStatus *out_status);

G_END_DECLS
