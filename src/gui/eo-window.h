/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window.h: the main window: order search, the order, toasts */
#pragma once

#include <adwaita.h>

#include "eo-application.h"
#include "eo-client.h"
#include "eo-order.h"
#include "eo-outbox.h"
#include "eo-store.h"

G_BEGIN_DECLS

#define EO_TYPE_WINDOW (eo_window_get_type ())

G_DECLARE_FINAL_TYPE (EoWindow, eo_window, EO, WINDOW, AdwApplicationWindow)

/* application may be NULL (tests) */
EoWindow   *eo_window_new        (EoApplication *application,
                                  EoClient      *client);
EoClient   *eo_window_get_client (EoWindow      *self);
EoOrder    *eo_window_get_order  (EoWindow      *self);
gboolean    eo_window_get_demo   (EoWindow      *self);
void        eo_window_set_demo   (EoWindow      *self,
                                  gboolean       demo);
gboolean    eo_window_get_ready  (EoWindow      *self);
void        eo_window_set_ready  (EoWindow      *self,
                                  gboolean       ready);
/* Look an order up; when the client is not ready yet, as soon as it is */
void        eo_window_open_order (EoWindow      *self,
                                  gint64         bill_id);
void        eo_window_show_toast (EoWindow      *self,
                                  const char    *message);
/* The history and the outbox; NULL until the store is open */
EoStore    *eo_window_get_store  (EoWindow      *self);
void        eo_window_set_store  (EoWindow      *self,
                                  EoStore       *store);
EoOutbox   *eo_window_get_outbox (EoWindow      *self);
/* "welcome", "to-ship", "loading", "error", "results" or "order" */
const char *eo_window_get_page   (EoWindow      *self);

G_END_DECLS
