/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-page-private.h: the "To Ship" page's parts, shared by eo-to-ship-page*.c */
#pragma once

#include "eo-store.h"
#include "eo-sync.h"
#include "eo-to-ship-page.h"

G_BEGIN_DECLS

/* Rows made at most: a day's parcels are far fewer; the filter finds the rest */
#define EO_TO_SHIP_PAGE_MAX_ROWS 400

struct _EoToShipPage
{
  AdwBin          parent_instance;

  EoClient       *client;
  EoOutbox       *outbox;
  EoStore        *store;             /* the outbox's */
  GCancellable   *load_cancellable;  /* the load under way; cancelled by the next one */
  EoSync         *sync;              /* with the client and the store, else NULL */
  GCancellable   *sync_cancellable;  /* the sync under way */
  GListModel     *orders;            /* EoToShipOrder shown */
  GListModel     *all;               /* the unfiltered list, for the product choices */
  GListStore     *shown;             /* the first EO_TO_SHIP_PAGE_MAX_ROWS of orders */
  GtkSliceListModel *rows;           /* the first of those, bound to the list */
  guint           grow_source;       /* makes more rows while idle */
  guint           products_source;   /* reads the product choices while idle */
  GHashTable     *checked;           /* bill id (gint64 *) -> EoToShipOrder, kept over reloads */
  GPtrArray      *product_ids;       /* char*, the dropdown's items after "All Products" */
  GHashTable     *product_titles;    /* product id -> title, of the orders read so far */
  GHashTable     *scanned;           /* bill ids (gint64 *) whose products were read */
  guint           count;
  guint           loads;             /* loads under way */

  GtkProgressBar *progress_bar;
  GtkSearchEntry *filter_entry;
  GtkDropDown    *product_dropdown;
  GtkLabel       *sync_label;
  GtkLabel       *more_label;
  GtkStack       *list_stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
  GtkActionBar   *action_bar;
  GtkLabel       *selected_label;

  guint           syncing : 1;
  guint           updating_products : 1;
  guint           loading_print : 1;     /* Print… reads the selected orders */
};

/* eo-to-ship-page.c */
void     _eo_to_ship_page_toast              (EoToShipPage   *self,
                                              AdwToast       *toast);
void     _eo_to_ship_page_show_toast         (EoToShipPage   *self,
                                              const char     *message);
void     _eo_to_ship_page_update_sync_label  (EoToShipPage   *self);
void     _eo_to_ship_page_update_actions     (EoToShipPage   *self);

/* eo-to-ship-page-actions.c: the sync, Set Aside, Mark as Sent…, Print…, Select All */
void     _eo_to_ship_page_update_sync        (EoToShipPage   *self);
void     _eo_to_ship_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
