/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-demo-server.c
 *
 * A demo shop speaking the Expertam API on a loopback port: the app shows it when no account is
 * set, and the tests switch its faults on. Requests are checked as the service's PHP does
 * (http_build_query of the decoded form, md5 with the login and key); replies are genuinely signed.
 */

#include "config.h"

#include "eo-demo-server.h"
#include "eo-demo-server-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "eo-signature.h"

G_DEFINE_FINAL_TYPE (EoDemoServer, eo_demo_server, G_TYPE_OBJECT)

typedef struct
{
  EoDemoServer      *self;
  SoupServerMessage *msg;
  GSource           *timeout;
  gulong             finished_id;
  gulong             disconnected_id;
} Pending;

static void
set_response_bytes (SoupServerMessage *msg,
                    guint              status,
                    const char        *content_type,
                    GBytes            *bytes)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         content_type, NULL);
  soup_message_body_append_bytes (body, bytes);
  soup_message_body_complete (body);
}

static void
set_response_text (SoupServerMessage *msg,
                   guint              status,
                   const char        *content_type,
                   const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
pending_free (Pending *pending)
{
  if (pending->timeout != NULL)
    {
      g_source_destroy (pending->timeout);
      g_source_unref (pending->timeout);
    }
  g_clear_signal_handler (&pending->finished_id, pending->msg);
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_object_unref (pending->msg);
  g_free (pending);
}

/* The client went away while its answer was held back */
static void
pending_gone_cb (SoupServerMessage *msg,
                 Pending           *pending)
{
  g_ptr_array_remove (pending->self->pending, pending);
}

static gboolean
pending_timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (pending->msg);

  g_clear_pointer (&pending->timeout, g_source_unref);
  g_ptr_array_remove (pending->self->pending, pending);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

/* Holds the message back: for latency_ms, or (0) until the server stops */
static void
hold_message (EoDemoServer      *self,
              SoupServerMessage *msg,
              guint              latency_ms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (pending_gone_cb), pending);
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (pending_gone_cb), pending);
  if (latency_ms > 0)
    {
      pending->timeout = g_timeout_source_new (latency_ms);
      g_source_set_callback (pending->timeout, pending_timeout_cb, pending, NULL);
      g_source_set_static_name (pending->timeout, "[eo-demo-server] latency");
      g_source_attach (pending->timeout, self->context);
    }

  g_ptr_array_add (self->pending, pending);
  soup_server_message_pause (msg);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  EoDemoServer *self = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) result = NULL;
  GSocket *socket;
  const char *method;
  EoDemoFault fault;
  guint latency_ms;
  gint forced_error;
  gint64 code;

  g_mutex_lock (&self->mutex);
  self->request_count++;
  /* a socket lives as long as its connection: the first request on it counts a connection */
  socket = soup_server_message_get_socket (msg);
  if (socket != NULL && g_object_get_data (G_OBJECT (socket), "eo-demo-seen") == NULL)
    {
      g_object_set_data (G_OBJECT (socket), "eo-demo-seen", GINT_TO_POINTER (TRUE));
      self->connection_count++;
    }
  fault = self->fault;
  if (self->counted_calls > 0)
    {
      fault = self->counted_fault;
      self->counted_calls--;
    }
  latency_ms = self->latency_ms;
  forced_error = self->forced_error;
  g_mutex_unlock (&self->mutex);

  if (!g_str_has_prefix (path, "/api/") || path[5] == '\0' || strchr (path + 5, '/') != NULL)
    {
      set_response_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not found\n");
      return;
    }
  method = path + 5;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      set_response_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Use POST\n");
      return;
    }

  switch (fault)
    {
    case EO_DEMO_FAULT_NEVER_REPLY:
      hold_message (self, msg, 0);
      return;

    case EO_DEMO_FAULT_HTTP_500:
      set_response_text (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html; charset=utf-8",
                         "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>"
                         "<body><h1>Internal Server Error</h1><p>nginx</p></body></html>\n");
      break;

    case EO_DEMO_FAULT_HTML:
      set_response_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                         "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">"
                         "<title>Вход в личный кабинет</title></head>"
                         "<body><form method=\"post\"><input name=\"login\"></form></body></html>\n");
      break;

    case EO_DEMO_FAULT_OVERSIZED:
      g_mutex_lock (&self->mutex);
      if (self->oversized == NULL)
        self->oversized = eo_demo_make_oversized (self);
      reply = g_bytes_ref (self->oversized);
      g_mutex_unlock (&self->mutex);
      /* chunked, so that the client must enforce its cap while reading */
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      set_response_bytes (msg, SOUP_STATUS_OK, "application/json", reply);
      break;

    case EO_DEMO_FAULT_NONE:
    case EO_DEMO_FAULT_TRUNCATED:
    case EO_DEMO_FAULT_MISSING_HASH:
    case EO_DEMO_FAULT_WRONG_HASH:
    default:
      body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      /* the call is run: these faults spoil the answer, not the work */
      g_mutex_lock (&self->mutex);
      if (forced_error != 0)
        code = forced_error;
      else
        code = eo_demo_handle_api_call (self, method, body, &result);
      g_mutex_unlock (&self->mutex);

      reply = eo_demo_envelope_new (code, eo_demo_api_error_text (code),
                            fault == EO_DEMO_FAULT_WRONG_HASH ? self->other_secret : self->secret,
                            fault != EO_DEMO_FAULT_MISSING_HASH,
                            code == 0 ? result : NULL);
      if (fault == EO_DEMO_FAULT_TRUNCATED)
        {
          GBytes *half = g_bytes_new_from_bytes (reply, 0, g_bytes_get_size (reply) / 2);

          g_bytes_unref (reply);
          reply = half;
        }
      set_response_bytes (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", reply);
      break;
    }

  if (latency_ms > 0)
    hold_message (self, msg, latency_ms);
}

static void
eo_demo_server_dispose (GObject *object)
{
  EoDemoServer *self = (EoDemoServer *) object;

  eo_demo_server_stop (self);

  G_OBJECT_CLASS (eo_demo_server_parent_class)->dispose (object);
}

static void
eo_demo_server_finalize (GObject *object)
{
  EoDemoServer *self = (EoDemoServer *) object;

  g_clear_pointer (&self->orders, g_hash_table_unref);
  g_clear_pointer (&self->changes, json_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->oversized, g_bytes_unref);
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->other_secret, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->certificate);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (eo_demo_server_parent_class)->finalize (object);
}

static void
eo_demo_server_class_init (EoDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eo_demo_server_dispose;
  object_class->finalize = eo_demo_server_finalize;
}

static void
eo_demo_server_init (EoDemoServer *self)
{
  g_mutex_init (&self->mutex);
  self->secret = eo_demo_make_secret ();
  self->other_secret = eo_demo_make_secret ();
  self->orders = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                        g_free, (GDestroyNotify) json_node_unref);
  self->changes = json_array_new ();
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  eo_demo_load_sample_orders (self);
  self->samples_now = g_get_real_time () / G_USEC_PER_SEC;
  eo_demo_add_listed_samples (self, self->samples_now);
}

EoDemoServer *
eo_demo_server_new (void)
{
  return g_object_new (EO_TYPE_DEMO_SERVER, NULL);
}

gboolean
eo_demo_server_start (EoDemoServer  *self,
                      GError       **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  gint port;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "ExpertamDemo/" PACKAGE_VERSION " ",
                            "tls-certificate", self->certificate,
                            NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);

  if (!soup_server_listen_local (server, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY |
                                 (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->context = g_main_context_ref_thread_default ();
  self->server = g_steal_pointer (&server);
  g_free (self->url);
  self->url = g_strdup_printf ("%s://127.0.0.1:%d/api/",
                               self->certificate != NULL ? "https" : "http", port);

  return TRUE;
}

void
eo_demo_server_stop (EoDemoServer *self)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));

  if (self->server == NULL)
    return;

  /* let every held request go: with its answer, or a 503 for one that was never to be answered */
  while (self->pending->len > 0)
    {
      Pending *pending = g_ptr_array_steal_index (self->pending, self->pending->len - 1);
      SoupServerMessage *msg = g_object_ref (pending->msg);

      if (pending->timeout == NULL)
        set_response_text (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "Stopped\n");
      pending_free (pending);
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/**
 * eo_demo_server_set_certificate:
 * @certificate: (nullable): a certificate for 127.0.0.1, with its private key
 *
 * Makes the shop answer over HTTPS with @certificate, from the next eo_demo_server_start().
 * For benchmarks that compare new connections with reused ones: a client only talks to it if
 * the certificate verifies, so whoever starts it must also make the certificate trusted.
 */
void
eo_demo_server_set_certificate (EoDemoServer    *self,
                                GTlsCertificate *certificate)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));
  g_return_if_fail (self->server == NULL);

  g_set_object (&self->certificate, certificate);
}

const char *
eo_demo_server_get_url (EoDemoServer *self)
{
  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  return self->url;
}

const char *
eo_demo_server_get_login (EoDemoServer *self)
{
  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  return DEMO_LOGIN;
}

const char *
eo_demo_server_get_secret (EoDemoServer *self)
{
  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  return self->secret;
}

void
eo_demo_server_set_fault (EoDemoServer *self,
                          EoDemoFault   fault)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));

  g_mutex_lock (&self->mutex);
  self->fault = fault;
  g_mutex_unlock (&self->mutex);
}

void
eo_demo_server_set_fault_calls (EoDemoServer *self,
                                EoDemoFault   fault,
                                guint         n_calls)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));

  g_mutex_lock (&self->mutex);
  self->counted_fault = fault;
  self->counted_calls = n_calls;
  g_mutex_unlock (&self->mutex);
}

void
eo_demo_server_set_forced_error (EoDemoServer *self,
                                 gint          api_code)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));
  g_return_if_fail (api_code >= 0);

  g_mutex_lock (&self->mutex);
  self->forced_error = api_code;
  g_mutex_unlock (&self->mutex);
}

void
eo_demo_server_set_latency (EoDemoServer *self,
                            guint         milliseconds)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));

  g_mutex_lock (&self->mutex);
  self->latency_ms = milliseconds;
  g_mutex_unlock (&self->mutex);
}

guint
eo_demo_server_get_request_count (EoDemoServer *self)
{
  guint count;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), 0);

  g_mutex_lock (&self->mutex);
  count = self->request_count;
  g_mutex_unlock (&self->mutex);

  return count;
}

guint
eo_demo_server_get_connection_count (EoDemoServer *self)
{
  guint count;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), 0);

  g_mutex_lock (&self->mutex);
  count = self->connection_count;
  g_mutex_unlock (&self->mutex);

  return count;
}
