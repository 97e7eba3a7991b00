/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-client.h: the signed Expertam API client, one SoupSession for the application */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eo-order.h"
#include "eo-order-status.h"
#include "eo-signature.h"

G_BEGIN_DECLS

#define EO_URL_TEMPLATE_EXPERTAM  "https://{login}.expertam.ru/api/"
#define EO_URL_TEMPLATE_JUSTCLICK "https://{login}.justclick.ru/api/"

#define EO_CLIENT_MAX_REPLY_SIZE  (8 * 1024 * 1024)
#define EO_CLIENT_DEFAULT_TIMEOUT 30
/* Connections kept open to the service at once: a batch sends at most this many requests */
#define EO_CLIENT_MAX_CONNECTIONS 16

#define EO_TYPE_CLIENT (eo_client_get_type ())

G_DECLARE_FINAL_TYPE (EoClient, eo_client, EO, CLIENT, GObject)

EoClient   *eo_client_new                 (void);

/* TRUE for a login that is a DNS label: [a-z0-9-], 1-63, not starting or ending with '-' */
gboolean    eo_client_login_is_valid      (const char *login);

/* Build the base URL from a template ("{login}" is replaced), refusing bad logins,
 * non-http(s) URLs, and plain http:// to anything but a loopback address. */
char       *eo_client_build_base_url      (const char  *url_template,
                                           const char  *login,
                                           GError     **error);

/* Set the account. url_template NULL means EO_URL_TEMPLATE_EXPERTAM. */
gboolean    eo_client_set_account         (EoClient    *self,
                                           const char  *url_template,
                                           const char  *login,
                                           const char  *secret,
                                           GError     **error);
gboolean    eo_client_has_account         (EoClient    *self);
const char *eo_client_get_login           (EoClient    *self);
const char *eo_client_get_base_url        (EoClient    *self);
/* The host of the base URL, e.g. "shop.expertam.ru" */
const char *eo_client_get_host            (EoClient    *self);

/* Seconds; 0 means no timeout */
void        eo_client_set_timeout         (EoClient    *self,
                                           guint        seconds);
guint       eo_client_get_timeout         (EoClient    *self);

/* Any method: signs params, POSTs, checks status, size, JSON, and the reply hash.
 * Returns the verified reply object (error_code 0) with "result" in it; a refusal is an error. */
void        eo_client_call_async          (EoClient            *self,
                                           const char          *method,
                                           EoParams            *params,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JsonObject *eo_client_call_finish         (EoClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Checks a reply body: a JSON object with error_code, error_text and a hash that matches secret
 * (checked before anything else is read); error_code 0 gives the object, else a refusal error.
 * A refusal with code 4 whose hash does not match means the key is wrong: EO_ERROR_WRONG_KEY. */
JsonObject *eo_client_parse_reply         (const guint8 *data,
                                           gsize         length,
                                           const char   *secret,
                                           GError      **error);

/* getOrderDetails(bill_id, good_info=1); fails with EO_ERROR_BAD_REPLY when the reply is
 * for another order */
void        eo_client_get_order_async     (EoClient            *self,
                                           gint64               bill_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
EoOrder    *eo_client_get_order_finish    (EoClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* UpdateOrderStatus(bill_id, status, date, rpo): date is required for sent and paid,
 * rpo for sent (already validated by the caller) */
void        eo_client_update_status_async (EoClient            *self,
                                           gint64               bill_id,
                                           EoOrderStatus        status,
                                           GDateTime           *date,
                                           const char          *rpo,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    eo_client_update_status_finish (EoClient           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/*
 * getOrdersWithGoods(begin_date, end_date, paid, goods): the orders created from begin's day to
 * end's day (Moscow time, as the service counts days; at most one month: the caller splits
 * longer ranges), only paid ones with paid_only, only those with one of goods (product ids;
 * NULL or empty: any). Gives a GPtrArray of EoOrder in the service's order. An item that is not
 * an order (not an object, no number) is skipped, counted in out_skipped, with its reason in
 * the debug log; a reply whose "result" is not a list is an error.
 */
void        eo_client_list_orders_async   (EoClient            *self,
                                           GDateTime           *begin,
                                           GDateTime           *end,
                                           gboolean             paid_only,
                                           const char * const  *goods,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *eo_client_list_orders_finish  (EoClient            *self,
                                           GAsyncResult        *result,
                                           guint               *out_skipped,
                                           GError             **error);

/* GetBills(email, pay_status): a customer's orders (pay_status "paid", "waiting", "cancel", or
 * NULL for all), a GPtrArray of EoOrder by number; bad items skipped as above */
void        eo_client_get_bills_async     (EoClient            *self,
                                           const char          *email,
                                           const char          *pay_status,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *eo_client_get_bills_finish    (EoClient            *self,
                                           GAsyncResult        *result,
                                           guint               *out_skipped,
                                           GError             **error);

/* A day as the listing methods take it: "dd.mm.yyyy" of date in Moscow time (UTC+3) */
char       *eo_client_format_day          (GDateTime           *date);

G_END_DECLS
