/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-client.c
 *
 * The signed Expertam API client: one SoupSession, a POST per call, and a reply that is trusted
 * only after its status, size, JSON shape and signature have all been checked.
 */

#include "config.h"

#include <inttypes.h>

#include "eo-client.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "eo-error.h"
#include "eo-json.h"

#define READ_CHUNK_SIZE (64 * 1024)

struct _EoClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *login;
  char        *secret;
  char        *base_url;
  char        *host;
  guint        timeout;
  gboolean     direct;   /* the service is on this computer: no proxy resolver */
};

G_DEFINE_FINAL_TYPE (EoClient, eo_client, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  /* cancelled by the caller's cancellable or by the deadline: libsoup's own timeout is per read,
   * so a server that trickles a byte at a time would never trip it */
  GCancellable *cancellable;
  GSource      *caller_cancelled;
  GSource      *deadline;
  gboolean      timed_out;
} CallData;

static void
call_data_free (CallData *data)
{
  if (data->caller_cancelled != NULL)
    g_source_destroy (data->caller_cancelled);
  g_clear_pointer (&data->caller_cancelled, g_source_unref);
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
eo_client_finalize (GObject *object)
{
  EoClient *self = (EoClient *) object;

  g_clear_object (&self->session);
  clear_secret (&self->secret);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);

  G_OBJECT_CLASS (eo_client_parent_class)->finalize (object);
}

static void
eo_client_class_init (EoClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_client_finalize;
}

static void
eo_client_init (EoClient *self)
{
  self->timeout = EO_CLIENT_DEFAULT_TIMEOUT;
  /* no accept-certificate handler anywhere: a certificate that does not verify fails the call */
  /* libsoup's default of 2 connections per host would halve a batch sent 4 at a time */
  self->session = soup_session_new_with_options ("user-agent", "ExpertamOrders/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "max-conns", EO_CLIENT_MAX_CONNECTIONS,
                                                 "max-conns-per-host", EO_CLIENT_MAX_CONNECTIONS,
                                                 NULL);
}

EoClient *
eo_client_new (void)
{
  return g_object_new (EO_TYPE_CLIENT, NULL);
}

gboolean
eo_client_login_is_valid (const char *login)
{
  gsize length;

  if (login == NULL)
    return FALSE;

  length = strlen (login);
  if (length < 1 || length > 63 || login[0] == '-' || login[length - 1] == '-')
    return FALSE;

  for (const char *p = login; *p != '\0'; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return FALSE;

  return TRUE;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* only literal addresses: a name that merely starts with "127." is not loopback */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Parses and checks a base URL; fills the normalised URL and its host */
static gboolean
check_base_url (const char  *url,
                char       **out_url,
                char       **out_host,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = eo_sanitize_text (url, 200);
  g_autofree char *path = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The service address “%s” is not a valid web address. Check it in Preferences."),
                   shown);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The service address “%s” has no host name. Check it in Preferences."),
                   shown);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host)))
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The service address “%s” must start with https://, so that the orders and the API key travel encrypted. Plain http:// is only allowed to this computer."),
                   shown);
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The service address “%s” must not contain a user name, a “?” query or a “#” part. Check it in Preferences."),
                   shown);
      return FALSE;
    }

  if (g_str_has_suffix (g_uri_get_path (uri), "/"))
    path = g_strdup (g_uri_get_path (uri));
  else
    path = g_strconcat (g_uri_get_path (uri), "/", NULL);

  *out_url = g_uri_join (G_URI_FLAGS_ENCODED, g_ascii_strcasecmp (scheme, "https") == 0 ? "https" : "http",
                         NULL, host, g_uri_get_port (uri), path, NULL, NULL);
  *out_host = g_strdup (host);

  return TRUE;
}

char *
eo_client_build_base_url (const char  *url_template,
                          const char  *login,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  char *base_url = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url_template == NULL)
    url_template = EO_URL_TEMPLATE_EXPERTAM;

  if (!eo_client_login_is_valid (login))
    {
      g_autofree char *shown = eo_sanitize_text (login, 70);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid login. A login is the first part of the shop’s address: lower-case Latin letters, digits and hyphens, up to 63 characters."),
                   shown);
      return NULL;
    }

  parts = g_strsplit (url_template, "{login}", -1);
  url = g_strjoinv (login, parts);

  if (!check_base_url (url, &base_url, &host, error))
    return NULL;

  return base_url;
}

gboolean
eo_client_set_account (EoClient    *self,
                       const char  *url_template,
                       const char  *login,
                       const char  *secret,
                       GError     **error)
{
  g_autofree char *base_url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *checked_url = NULL;

  g_return_val_if_fail (EO_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (secret == NULL || *secret == '\0')
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                           _("The API key is empty. Copy it from the shop’s API settings."));
      return FALSE;
    }

  base_url = eo_client_build_base_url (url_template, login, error);
  if (base_url == NULL)
    return FALSE;
  if (!check_base_url (base_url, &checked_url, &host, error))
    return FALSE;

  clear_secret (&self->secret);
  g_free (self->login);
  g_free (self->base_url);
  g_free (self->host);
  self->login = g_strdup (login);
  self->secret = g_strdup (secret);
  self->base_url = g_steal_pointer (&base_url);
  self->host = g_steal_pointer (&host);

  /* A service on this computer (the demo shop) is reached directly: a proxy cannot reach this
   * computer's loopback, and looking one up loads libproxy and the desktop's proxy settings, a
   * few milliseconds of every command. Any other host keeps the system's proxy settings. */
  if (host_is_loopback (self->host) != self->direct)
    {
      self->direct = !self->direct;
      soup_session_set_proxy_resolver (self->session,
                                       self->direct ? NULL : g_proxy_resolver_get_default ());
    }

  return TRUE;
}

gboolean
eo_client_has_account (EoClient *self)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), FALSE);

  return self->secret != NULL;
}

const char *
eo_client_get_login (EoClient *self)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);

  return self->login;
}

const char *
eo_client_get_base_url (EoClient *self)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
eo_client_get_host (EoClient *self)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);

  return self->host;
}

void
eo_client_set_timeout (EoClient *self,
                       guint     seconds)
{
  g_return_if_fail (EO_IS_CLIENT (self));

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

guint
eo_client_get_timeout (EoClient *self)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), 0);

  return self->timeout;
}

/* A method name goes into the URL path: letters, digits and '_' only */
static gboolean
method_is_valid (const char *method)
{
  if (method == NULL || *method == '\0' || strlen (method) > 100)
    return FALSE;

  for (const char *p = method; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static GError *
transport_error_new (const GError *error)
{
  if (error->domain == EO_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (EO_ERROR, EO_ERROR_CANCELLED, _("The request was cancelled."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (EO_ERROR, EO_ERROR_TIMEOUT,
                                _("The service did not answer in time. Check the Internet connection and try again."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (EO_ERROR, EO_ERROR_TLS,
                        _("The secure connection to the service could not be trusted (%s). Check the service address and the computer’s date and time; nothing was sent."),
                        error->message);

  return g_error_new (EO_ERROR, EO_ERROR_NETWORK,
                      _("Could not reach the service (%s). Check the Internet connection and the service address, then try again."),
                      error->message);
}

static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  CallData *data = g_task_get_task_data (task);

  if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_TIMEOUT,
                               _("The service did not answer in time. Check the Internet connection and try again."));
      return;
    }

  g_task_return_error (task, transport_error_new (error));
}

static gboolean
deadline_cb (gpointer user_data)
{
  CallData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

/* Dispatched from the main context, never from inside the caller's g_cancellable_cancel() */
static gboolean
caller_cancelled_cb (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* The service's numbers may arrive as strings; error_code is a whole number either way */
static gboolean
reply_get_code (JsonObject *root,
                gint64     *out_code)
{
  JsonNode *node = json_object_get_member (root, "error_code");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      gdouble value = json_node_get_double (node);

      if (value != (gdouble) (gint64) value)
        return FALSE;
      *out_code = (gint64) value;
      return TRUE;
    }

  return eo_json_get_int (root, "error_code", out_code);
}

JsonObject *
eo_client_parse_reply (const guint8  *data,
                       gsize          length,
                       const char    *secret,
                       GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *hash;
  gint64 code;

  if (length == 0 ||
      !eo_json_depth_is_within ((const char *) data, length, EO_JSON_MAX_DEPTH) ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) length, NULL))
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_NOT_JSON,
                           _("The service’s answer is not in the expected format. The service address may be wrong, or the service has a problem; try again later."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_NOT_JSON,
                           _("The service’s answer is not in the expected format. The service address may be wrong, or the service has a problem; try again later."));
      return NULL;
    }
  object = json_node_get_object (root);

  hash = json_object_get_member (object, "hash");
  if (hash == NULL || !JSON_NODE_HOLDS_VALUE (hash) ||
      json_node_get_value_type (hash) != G_TYPE_STRING)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_BAD_SIGNATURE,
                           _("The service’s answer is not signed, so it cannot be trusted. Check the service address; if it is right, the answer was tampered with on the way."));
      return NULL;
    }

  text = eo_json_dup_string (object, "error_text");
  if (!reply_get_code (object, &code) || text == NULL)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_BAD_REPLY,
                           _("The service’s answer lacks its error code or text. The service address may be wrong; check it in Preferences."));
      return NULL;
    }

  /* nothing else in the reply is looked at before its signature is checked */
  if (!eo_signature_check_reply (code, text, json_node_get_string (hash), secret))
    {
      /* A wrong key makes the service refuse with code 4, signed with the right key, which we
       * cannot check. A refusal carries no data, so say what it most likely means. */
      if (code == 4)
        {
          g_set_error_literal (error, EO_ERROR, EO_ERROR_WRONG_KEY,
                               _("The service did not accept the API key. Check the API key and the login in Preferences."));
          return NULL;
        }

      g_set_error_literal (error, EO_ERROR, EO_ERROR_BAD_SIGNATURE,
                           _("The reply’s signature does not match: the API key is wrong or the answer was tampered with. Check the API key in Preferences."));
      return NULL;
    }

  if (code != 0)
    {
      g_propagate_error (error, eo_error_new_from_api (code, text));
      return NULL;
    }

  return json_object_ref (object);
}

static void read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_next (GTask *task)
{
  CallData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EoClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *reply;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size > 0)
    {
      if (data->body->len + size > EO_CLIENT_MAX_REPLY_SIZE)
        {
          g_task_return_new_error (task, EO_ERROR, EO_ERROR_TOO_LARGE,
                                   _("The service’s answer is larger than %u MiB, so it was not read. The service address may be wrong; check it in Preferences."),
                                   (guint) (EO_CLIENT_MAX_REPLY_SIZE / (1024 * 1024)));
          return;
        }

      g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), (guint) size);
      read_next (g_steal_pointer (&task));
      return;
    }

  /* done; the stream is not needed any more, and the connection can be reused */
  g_clear_object (&data->stream);

  reply = eo_client_parse_reply (data->body->data, data->body->len, self->secret, &error);
  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) json_object_unref);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (data->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_HTTP_STATUS,
                               _("The service sent the request elsewhere (HTTP %u), and Expertam Orders does not follow such redirects. Check the service address and the login in Preferences."),
                               status);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_HTTP_STATUS,
                               _("The service answered with HTTP error %u. Try again later; if it persists, check the service address in Preferences."),
                               status);
      return;
    }

  headers = soup_message_get_response_headers (data->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > EO_CLIENT_MAX_REPLY_SIZE)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_TOO_LARGE,
                               _("The service’s answer is larger than %u MiB, so it was not read. The service address may be wrong; check it in Preferences."),
                               (guint) (EO_CLIENT_MAX_REPLY_SIZE / (1024 * 1024)));
      return;
    }

  read_next (g_steal_pointer (&task));
}

void
eo_client_call_async (EoClient            *self,
                      const char          *method,
                      EoParams            *params,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *query = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *url = NULL;
  CallData *data;

  g_return_if_fail (EO_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_client_call_async);
  /* a cancellation is reported as EO_ERROR_CANCELLED, not G_IO_ERROR_CANCELLED */
  g_task_set_check_cancellable (task, FALSE);

  if (!eo_client_has_account (self))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_NO_ACCOUNT,
                               _("No shop account is set up. Enter the login and the API key in Preferences."));
      return;
    }
  if (!method_is_valid (method))
    {
      g_autofree char *shown = eo_sanitize_text (method != NULL ? method : "", 100);

      g_task_return_new_error (task, EO_ERROR, EO_ERROR_INVALID_INPUT,
                               _("“%s” is not an API method name: use only Latin letters, digits and “_”."),
                               shown);
      return;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_CANCELLED, _("The request was cancelled."));
      return;
    }

  query = params != NULL ? eo_params_build_query (params) : g_strdup ("");
  hash = eo_signature_request_hash (query, self->login, self->secret);
  body = g_string_new (query);
  if (body->len > 0)
    g_string_append_c (body, '&');
  g_string_append (body, "hash=");
  g_string_append (body, hash);
  bytes = g_string_free_to_bytes (g_steal_pointer (&body));

  url = g_strconcat (self->base_url, method, NULL);

  data = g_new0 (CallData, 1);
  data->msg = soup_message_new (SOUP_METHOD_POST, url);
  data->body = g_byte_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  /* base_url was checked and method is [A-Za-z0-9_]: the URL always parses */
  g_assert (data->msg != NULL);

  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup opens a new connection for every POST unless told that sending it twice is harmless:
   * true of reading an order or a list and of setting a status (the same change twice changes
   * nothing) */
  if (g_ascii_strcasecmp (method, "getOrderDetails") == 0 ||
      g_ascii_strcasecmp (method, "getOrdersWithGoods") == 0 ||
      g_ascii_strcasecmp (method, "GetBills") == 0 ||
      g_ascii_strcasecmp (method, "UpdateOrderStatus") == 0)
    soup_message_add_flags (data->msg, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_set_request_body_from_bytes (data->msg, "application/x-www-form-urlencoded", bytes);

  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->caller_cancelled, G_SOURCE_FUNC (caller_cancelled_cb),
                             g_object_ref (data->cancellable), g_object_unref);
      g_source_attach (data->caller_cancelled, g_task_get_context (task));
    }
  /* the timeout covers the whole call, from connecting to the last byte of the reply */
  if (self->timeout > 0)
    {
      data->deadline = g_timeout_source_new (self->timeout * 1000);
      g_source_set_callback (data->deadline, deadline_cb, data, NULL);
      g_source_attach (data->deadline, g_task_get_context (task));
    }

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, g_steal_pointer (&task));
}

JsonObject *
eo_client_call_finish (EoClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (EO_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
