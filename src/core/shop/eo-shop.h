/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-shop.h: the shop the app works on: its account, its client, its store (or the demo shop's) */
#pragma once

#include <gio/gio.h>

#include "eo-account.h"
#include "eo-client.h"
#include "eo-demo-server.h"
#include "eo-store.h"

G_BEGIN_DECLS

#define EO_TYPE_SHOP (eo_shop_get_type ())

G_DECLARE_FINAL_TYPE (EoShop, eo_shop, EO, SHOP, GObject)

/*
 * One object hands the services to the window and the command line (as GcalContext does):
 *   "client"  EoClient   one for the life of the shop; its account changes with the shop's
 *   "store"   EoStore    the shop's saved orders and outbox, or NULL while it opens (or
 *                        could not); the demo shop has a file of its own, so an order or a
 *                        change of one never shows in, or goes out to, the other
 *   "demo"    gboolean   the demo shop on this computer is in use
 *   "ready"   gboolean   the client has an account: orders can be asked for
 * Signal "problem" (const char *message): something the person should be told, translated.
 * The store is set to NULL *before* the client turns to another shop, so whoever sends that
 * shop's changes stops first.
 */
EoShop        *eo_shop_new              (void);
EoClient      *eo_shop_get_client       (EoShop               *self);
EoStore       *eo_shop_get_store        (EoShop               *self);
gboolean       eo_shop_get_demo         (EoShop               *self);
gboolean       eo_shop_get_ready        (EoShop               *self);
/* The demo shop's server while it is in use (tests drive its faults), else NULL */
EoDemoServer  *eo_shop_get_demo_server  (EoShop               *self);

/* The window: the account (environment, or settings + keyring), else the demo shop; or the
 * demo shop at once with force_demo. Everything happens in the background; a lookup under way
 * is superseded. */
void           eo_shop_load             (EoShop               *self,
                                         gboolean              force_demo);

/* The command line: this account, with no demo shop behind it, and its store only when a
 * command needs one (opened once, synchronously). */
gboolean       eo_shop_set_account      (EoShop               *self,
                                         const EoAccount      *account,
                                         GError              **error);
EoStore       *eo_shop_open_store       (EoShop               *self,
                                         GError              **error);

/* Stops the demo shop's server and what is under way (the app's shutdown) */
void           eo_shop_shutdown         (EoShop               *self);

G_END_DECLS
