/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-status.c: the statuses an order can be given, and their names in the API */

#include "config.h"

#include "eo-order-status.h"

const char *
eo_order_status_to_string (EoOrderStatus status)
{
  switch (status)
    {
    case EO_ORDER_STATUS_SENT:
      return "sent";
    case EO_ORDER_STATUS_PAID:
      return "paid";
    case EO_ORDER_STATUS_RETURN:
      return "return";
    case EO_ORDER_STATUS_CANCEL:
      return "cancel";
    default:
      return NULL;
    }
}

gboolean
eo_order_status_from_string (const char    *text,
                             EoOrderStatus *out_status)
{
  static const EoOrderStatus all[] = {
    EO_ORDER_STATUS_SENT, EO_ORDER_STATUS_PAID, EO_ORDER_STATUS_RETURN, EO_ORDER_STATUS_CANCEL,
  };

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (text, eo_order_status_to_string (all[i])))
      {
        if (out_status != NULL)
          *out_status = all[i];
        return TRUE;
      }

  return FALSE;
}
