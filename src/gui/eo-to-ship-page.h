/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-page.h: the window's "To Ship" page: paid orders with a postal address, not yet sent */
#pragma once

#include <adwaita.h>

#include "eo-client.h"
#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_TO_SHIP_PAGE (eo_to_ship_page_get_type ())

G_DECLARE_FINAL_TYPE (EoToShipPage, eo_to_ship_page, EO, TO_SHIP_PAGE, AdwBin)

/*
 * Lists eo_store_to_ship() of the outbox's store, oldest paid first, filtered by text and
 * product; works offline from the store. Properties (read-only): "count" (guint, the orders to
 * ship, not counting those sending), "syncing" (gboolean). "open-order" (gint64) when a row is
 * activated; "synced" when a sync ended (the history may have new orders). Actions:
 * to-ship.mark-sent, to-ship.set-aside (undoable from its toast), to-ship.print (the saved
 * orders in the print dialog), to-ship.select-all. Toasts go to the AdwToastOverlay the page is in.
 */
GtkWidget  *eo_to_ship_page_new        (void);
void        eo_to_ship_page_set_client (EoToShipPage *self,
                                        EoClient     *client);
/* The store is the outbox's; NULL: nothing is listed */
void        eo_to_ship_page_set_outbox (EoToShipPage *self,
                                        EoOutbox     *outbox);
/* Reads the list again from the store */
void        eo_to_ship_page_reload     (EoToShipPage *self);
/* Fetches the shop's paid orders into the store (when a client is set), then reloads */
void        eo_to_ship_page_refresh    (EoToShipPage *self);
guint       eo_to_ship_page_get_count  (EoToShipPage *self);
gboolean    eo_to_ship_page_get_syncing (EoToShipPage *self);
/* The EoToShipOrder listed now (filtered); NULL before the first load */
GListModel *eo_to_ship_page_get_orders (EoToShipPage *self);
/* TRUE once a load finished and nothing newer is under way */
gboolean    eo_to_ship_page_get_loaded (EoToShipPage *self);
/* The orders selected */
guint       eo_to_ship_page_get_n_selected (EoToShipPage *self);
/* Checks or unchecks the row of an order listed now; FALSE when it is not listed */
gboolean    eo_to_ship_page_set_checked (EoToShipPage *self,
                                         gint64        bill_id,
                                         gboolean      checked);

G_END_DECLS
