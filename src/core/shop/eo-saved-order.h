/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-saved-order.h: an order from the history, read back as an EoOrder */
#pragma once

#include "eo-store.h"

G_BEGIN_DECLS

/* The saved order, or NULL without an error when it was never saved.
 * fallback_host as for eo_order_new_from_json. */
void      eo_saved_order_load_async  (EoStore             *store,
                                      gint64               bill_id,
                                      const char          *fallback_host,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
EoOrder  *eo_saved_order_load_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
