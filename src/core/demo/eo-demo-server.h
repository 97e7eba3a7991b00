/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-demo-server.h: a demo shop speaking the Expertam API on a loopback port */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  EO_DEMO_FAULT_NONE,
  EO_DEMO_FAULT_HTTP_500,      /* HTTP 500 with an HTML body */
  EO_DEMO_FAULT_HTML,          /* HTTP 200 with an HTML page instead of JSON */
  EO_DEMO_FAULT_TRUNCATED,     /* the JSON reply cut in half */
  EO_DEMO_FAULT_MISSING_HASH,  /* no "hash" member */
  EO_DEMO_FAULT_WRONG_HASH,    /* a hash made with another key */
  EO_DEMO_FAULT_OVERSIZED,     /* a body larger than the client's cap */
  EO_DEMO_FAULT_NEVER_REPLY,   /* the request is accepted and never answered */
} EoDemoFault;

#define EO_TYPE_DEMO_SERVER (eo_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (EoDemoServer, eo_demo_server, EO, DEMO_SERVER, GObject)

/* A server with the sample orders, login "demo" and a random key; not yet listening */
EoDemoServer *eo_demo_server_new             (void);

/* Listen on 127.0.0.1 on an ephemeral port, in the thread-default main context */
gboolean      eo_demo_server_start           (EoDemoServer  *self,
                                              GError       **error);
void          eo_demo_server_stop            (EoDemoServer  *self);

/* Answer over HTTPS with this certificate (set before start; benchmarks only) */
void          eo_demo_server_set_certificate (EoDemoServer    *self,
                                              GTlsCertificate *certificate);

/* "http://127.0.0.1:PORT/api/" (https with a certificate): use as the client's URL template */
const char   *eo_demo_server_get_url         (EoDemoServer  *self);
const char   *eo_demo_server_get_login       (EoDemoServer  *self);
const char   *eo_demo_server_get_secret      (EoDemoServer  *self);

void          eo_demo_server_set_fault       (EoDemoServer  *self,
                                              EoDemoFault    fault);
/* Answer every request with this general error code (1-8, 0 to stop), genuinely signed */
void          eo_demo_server_set_forced_error (EoDemoServer *self,
                                              gint           api_code);
void          eo_demo_server_set_latency     (EoDemoServer  *self,
                                              guint          milliseconds);

/* The stored order as the service would return it (a copy), or NULL */
JsonNode     *eo_demo_server_dup_order       (EoDemoServer  *self,
                                              gint64         bill_id);
/* Replace or add an order (a copy is kept); tests use this for odd fixtures */
void          eo_demo_server_put_order       (EoDemoServer  *self,
                                              JsonNode      *order);

/* Adds (or resets) n synthetic unpaid orders, numbered from EO_DEMO_SYNTHETIC_FIRST_ID up,
 * for batch tests and benchmarks */
#define EO_DEMO_SYNTHETIC_FIRST_ID 2001
void          eo_demo_server_add_synthetic_orders (EoDemoServer *self,
                                                   guint         n);

/* The ~60 orders made for the listing methods (getOrdersWithGoods, GetBills) at start: created
 * over the last 90 days before the server was made (paid and waiting, with and without a postal
 * address, a few customers with several orders), numbered from EO_DEMO_LISTED_FIRST_ID */
#define EO_DEMO_LISTED_FIRST_ID 3001
#define EO_DEMO_LISTED_COUNT    60

/* Adds (or resets) n synthetic paid orders with a postal address, created evenly over the last
 * `days` days, numbered from EO_DEMO_BULK_FIRST_ID up, for sync tests and benchmarks */
#define EO_DEMO_BULK_FIRST_ID 100001
void          eo_demo_server_add_listed_orders (EoDemoServer *self,
                                                guint         n,
                                                guint         days);

/* Every order the shop has, ordered by number: a JSON array (a copy) */
JsonNode     *eo_demo_server_dup_orders      (EoDemoServer  *self);

/* The fault for the next n_calls requests only, then none again (the set fault stays) */
void          eo_demo_server_set_fault_calls (EoDemoServer  *self,
                                              EoDemoFault    fault,
                                              guint          n_calls);

/* Every status change applied, in arrival order: a JSON array of
 * {"bill_id": n, "status": "...", "date": n|null, "rpo": "..."|null} */
JsonNode     *eo_demo_server_dup_changes     (EoDemoServer  *self);
/* How many requests arrived (any method, any outcome) */
guint         eo_demo_server_get_request_count (EoDemoServer *self);
/* How many connections the requests came on (keep-alive makes it fewer than the requests) */
guint         eo_demo_server_get_connection_count (EoDemoServer *self);

G_END_DECLS
