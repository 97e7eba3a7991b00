/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-demo-server-private.h: the demo shop's state, shared by its HTTP side (eo-demo-server.c)
 * and its API side (eo-demo-shop.c) */
#pragma once

#include <libsoup/soup.h>

#include "eo-demo-server.h"
#include "eo-signature.h"

G_BEGIN_DECLS

#define DEMO_LOGIN          "demo"
#define DEMO_SECRET_LENGTH  40
#define DEMO_ORDERS_PATH    "/io/github/expertam_orders/ExpertamOrders/core/eo-demo-orders.json"
/* Larger than the client's cap (8 MiB) */
#define OVERSIZED_PADDING   (9 * 1024 * 1024)
/* The service's dates are Moscow time, UTC+3 all year */
#define MOSCOW_OFFSET       (3 * 3600)

struct _EoDemoServer
{
  GObject       parent_instance;

  GMutex        mutex;          /* guards everything below the server's own state */
  SoupServer   *server;
  GMainContext *context;
  GTlsCertificate *certificate; /* HTTPS when set (benchmarks); plain http otherwise */
  char         *url;
  char         *secret;
  char         *other_secret;   /* signs the WRONG_HASH fault */
  GHashTable   *orders;         /* gint64* bill_id -> JsonNode (object) */
  JsonArray    *changes;
  GPtrArray    *pending;        /* of Pending: paused messages */
  GBytes       *oversized;      /* made on first use */
  EoDemoFault   fault;
  EoDemoFault   counted_fault;  /* for the next counted_calls requests only */
  guint         counted_calls;
  gint64        samples_now;    /* unix seconds the listed samples were made relative to */
  gint          forced_error;
  guint         latency_ms;
  guint         request_count;
  guint         connection_count;
};

/* eo-demo-shop.c: the API the demo shop answers */
const char *eo_demo_api_error_text     (gint64         code);
char       *eo_demo_make_secret        (void);
void        eo_demo_load_sample_orders (EoDemoServer  *self);
GBytes     *eo_demo_envelope_new       (gint64         code,
                                        const char    *text,
                                        const char    *secret,
                                        gboolean       with_hash,
                                        JsonNode      *result);
GBytes     *eo_demo_make_oversized     (EoDemoServer  *self);
gboolean    eo_demo_member_get_int     (JsonObject    *object,
                                        const char    *member,
                                        gint64        *out_value);
/* json_node_copy() shares objects and arrays; the stored orders must not be shared */
JsonNode   *eo_demo_node_deep_copy     (JsonNode      *node);
/* Adds (a copy of) the order, keyed by its id; called with the mutex held */
void        eo_demo_store_order        (EoDemoServer  *self,
                                        JsonNode      *order);
/* "YYYY-MM-DD HH:MM:SS" in Moscow time */
char       *eo_demo_format_moscow_time (gint64         unix_seconds);

/* eo-demo-listing.c: the listing methods and the orders made for them; with the mutex held */
void        eo_demo_add_listed_samples (EoDemoServer  *self,
                                        gint64         now);
gint64      eo_demo_handle_list_orders (EoDemoServer  *self,
                                        EoParams      *params,
                                        JsonNode     **out_result);
gint64      eo_demo_handle_get_bills   (EoDemoServer  *self,
                                        EoParams      *params,
                                        JsonNode     **out_result);

/* Called with the mutex held; the API error code, and the result to send */
gint64      eo_demo_handle_api_call    (EoDemoServer  *self,
                                        const char    *method,
                                        GBytes        *body,
                                        JsonNode     **out_result);

G_END_DECLS
