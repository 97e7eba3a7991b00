/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window-private.h: the main window's parts, shared by eo-window*.c */
#pragma once

#include "eo-window.h"
#include "eo-customer-orders.h"
#include "eo-order-lookup.h"
#include "eo-order-view.h"
#include "eo-scan-session.h"
#include "eo-scan-view.h"
#include "eo-to-ship-page.h"

G_BEGIN_DECLS

struct _EoWindow
{
  AdwApplicationWindow  parent_instance;

  EoClient             *client;
  EoOrder              *order;
  GSettings            *settings;
  EoStore              *store;           /* NULL until it is open */
  EoOutbox             *outbox;
  EoOrderLookup        *lookup;           /* the order on screen: saved copy, then the shop's */
  EoCustomerOrders     *customer_orders;  /* the customers' other orders, kept across orders;
                                           * cleared when the shop changes */

  /* Cancelled on close; lookup_cancellable (a history search) also by the next lookup */
  GCancellable         *cancellable;
  GCancellable         *lookup_cancellable;

  gint64                bill_id;          /* the order looked up last, 0 for none */
  gint64                pending_bill_id;  /* asked for before the client was ready */

  guint                 pages_idle_id;    /* builds the pages after the first frame */

  GtkSearchEntry       *search_entry;
  AdwHeaderBar         *header_bar;
  AdwStatusPage        *welcome_page;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  /* Built after the first frame: the order view when the first order is shown, the others by
   * _eo_window_ensure_pages() */
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkLabel             *results_label;
  GtkListBox           *results_list;
  EoOrderView          *order_view;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkStack             *sidebar_stack;
  GtkListBox           *recent_list;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkMenuButton        *outbox_button;
  GtkLabel             *outbox_count_label;
  GtkLabel             *outbox_title_label;
  GtkListBox           *outbox_list;
  GListStore           *outbox_changes;   /* EoOutboxItem, bound to outbox_list */
  GtkListBox           *places_list;
  GtkListBoxRow        *to_ship_row;
  GtkLabel             *to_ship_count_label;
  GtkSpinner           *sync_spinner;     /* bound to the To Ship page's "syncing" */
  EoToShipPage         *to_ship_page;     /* NULL until _eo_window_ensure_to_ship_page() */
  guint                 first_sync_source;
  EoScanView           *scan_view;        /* NULL until scan mode is first entered */
  EoScanSession        *scan_session;     /* this shop's, while the window lives */
  char                 *scan_return_page; /* the page scan mode was entered from */

  guint                 demo : 1;
  guint                 ready : 1;
  guint                 changing_status : 1;
  guint                 first_sync_done : 1;  /* the sync on start was asked for */
  guint                 scan_mode : 1;
};

/* eo-window.c */
void     _eo_window_ensure_pages        (EoWindow           *self);
void     _eo_window_ensure_to_ship_page (EoWindow           *self);
void     _eo_window_set_page            (EoWindow           *self,
                                         const char         *page);
void     _eo_window_set_order           (EoWindow           *self,
                                         EoOrder            *order);
void     _eo_window_update_outbox       (EoWindow           *self);
void     _eo_window_show_to_ship        (EoWindow           *self);

/* eo-window-scan.c: scan mode ("scan-mode"), a page of the stack */
void     _eo_window_set_scan_mode       (EoWindow           *self,
                                         gboolean            scan_mode);
void     _eo_window_scan_store_changed  (EoWindow           *self);

/* eo-window-actions.c: the win.* actions and their shortcuts */
void     _eo_window_class_actions_init  (EoWindowClass      *klass);
void     _eo_window_actions_update      (EoWindow           *self);

/* eo-window-lookup.c: looking orders up, in the shop and in the history */
void     _eo_window_lookup              (EoWindow           *self,
                                         gint64              bill_id,
                                         gboolean            keep_view);
void     _eo_window_lookup_init         (EoWindow           *self);
void     _eo_window_reload_recent       (EoWindow           *self);
/* The template's callbacks */
void     _eo_window_saved_row_activated (EoWindow           *self,
                                         GtkListBoxRow      *row,
                                         GtkListBox         *list);
void     _eo_window_search_activate     (EoWindow           *self,
                                         GtkSearchEntry     *entry);
void     _eo_window_search_changed      (EoWindow           *self,
                                         GtkSearchEntry     *entry);
void     _eo_window_search_stop         (EoWindow           *self,
                                         GtkSearchEntry     *entry);

G_END_DECLS
