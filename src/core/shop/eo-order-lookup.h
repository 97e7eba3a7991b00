/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-lookup.h: one order looked up: the saved copy, then the shop's answer, then saved */
#pragma once

#include <gio/gio.h>

#include "eo-client.h"
#include "eo-store.h"

G_BEGIN_DECLS

typedef enum
{
  EO_ORDER_LOOKUP_IDLE,        /* nothing asked yet, or cancelled */
  EO_ORDER_LOOKUP_LOADING,     /* asked; nothing to show yet */
  EO_ORDER_LOOKUP_REFRESHING,  /* "order" is the saved copy (or the one shown before); the shop
                                * is being asked */
  EO_ORDER_LOOKUP_DONE,        /* "order" is the shop's answer */
  EO_ORDER_LOOKUP_FAILED,      /* "error" says why; "order" is still the saved copy, if any */
} EoOrderLookupState;

typedef enum
{
  EO_ORDER_LOOKUP_FLAGS_NONE        = 0,
  EO_ORDER_LOOKUP_SAVED_FIRST       = 1 << 0,  /* show the saved copy while the shop answers */
  EO_ORDER_LOOKUP_KEEP_ORDER        = 1 << 1,  /* a refresh: keep the order shown meanwhile */
  EO_ORDER_LOOKUP_SAVED_ONLY        = 1 << 2,  /* the saved copy only, the shop not asked yet
                                                * (no account yet): run again to ask it */
} EoOrderLookupFlags;

#define EO_TYPE_ORDER_LOOKUP_STATE (eo_order_lookup_state_get_type ())
GType eo_order_lookup_state_get_type (void) G_GNUC_CONST;

#define EO_TYPE_ORDER_LOOKUP (eo_order_lookup_get_type ())

G_DECLARE_FINAL_TYPE (EoOrderLookup, eo_order_lookup, EO, ORDER_LOOKUP, GObject)

/*
 * The window and `expertam show` look orders up through this. Properties (read-only):
 *   "bill-id"  gint64               the order asked for; 0 before
 *   "order"    EoOrder              what to show, or NULL
 *   "state"    EoOrderLookupState
 *   "error"    GError (boxed)       why the last lookup failed, or NULL
 *   "saving"   gboolean             the shop's answer is being written to the history
 * Signals: "saved" (GError or NULL): the shop's answer was written to the history (the recent
 * orders changed), or could not be, and why. The store may be NULL, or set later (the answer
 * is then kept once it is set, as the command line does while the store opens; setting it to
 * NULL, as the window does when the shop changes, forgets an answer not kept yet).
 * A new lookup cancels the one under way.
 */
EoOrderLookup      *eo_order_lookup_new        (EoClient           *client,
                                                EoStore            *store);
void                eo_order_lookup_set_client (EoOrderLookup      *self,
                                                EoClient           *client);
void                eo_order_lookup_set_store  (EoOrderLookup      *self,
                                                EoStore            *store);
void                eo_order_lookup_run        (EoOrderLookup      *self,
                                                gint64              bill_id,
                                                EoOrderLookupFlags  flags);
void                eo_order_lookup_cancel     (EoOrderLookup      *self);

gint64              eo_order_lookup_get_bill_id (EoOrderLookup     *self);
EoOrder            *eo_order_lookup_get_order   (EoOrderLookup     *self);
EoOrderLookupState  eo_order_lookup_get_state   (EoOrderLookup     *self);
const GError       *eo_order_lookup_get_error   (EoOrderLookup     *self);
gboolean            eo_order_lookup_get_saving  (EoOrderLookup     *self);

G_END_DECLS
