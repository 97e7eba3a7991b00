/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c: EoClient against slow and hostile servers: a raw HTTP server on 127.0.0.1 that
 * never answers, trickles, sends a gigabyte, nests JSON 100,000 deep, or sends broken text */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "eo-client.h"
#include "eo-error.h"

#define SECRET "hostile-secret-0123456789abcdefghijklmno"
/* Nothing here may take longer: a hung test fails instead of hanging */
#define WAIT_LIMIT_SECONDS 60

typedef enum
{
  MODE_BODY,          /* answer 200 with body */
  MODE_NEVER,         /* read the request, never answer */
  MODE_TRICKLE,       /* headers, then one byte of body every 50 ms */
  MODE_HUGE_CHUNKED,  /* 1 GiB in 64 KiB chunks, made as they are written */
  MODE_HUGE_LENGTH,   /* Content-Length: 1 GiB, then the same bytes */
} Mode;

#define HUGE_SIZE  ((guint64) 1024 * 1024 * 1024)
#define CHUNK_SIZE (64 * 1024)

typedef struct _Server Server;

typedef struct
{
  Server            *server;
  GSocketConnection *connection;
  GByteArray        *request;
  /* cancelled when the test ends: pending reads and writes then never touch the freed Conn */
  GCancellable      *cancellable;
  guint64            sent;
  guint              trickle_id;
  gboolean           closed;
} Conn;

struct _Server
{
  GSocketService *service;
  char           *url;
  Mode            mode;
  GBytes         *body;
  GBytes         *chunk;
  GPtrArray      *conns;
  guint           requests;
  guint64         max_sent;
};

static void
conn_free (Conn *conn)
{
  g_clear_handle_id (&conn->trickle_id, g_source_remove);
  g_cancellable_cancel (conn->cancellable);
  g_object_unref (conn->cancellable);
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_object_unref (conn->connection);
  g_byte_array_unref (conn->request);
  g_free (conn);
}

static GOutputStream *
conn_output (Conn *conn)
{
  return g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
}

static void
conn_write (Conn       *conn,
            const char *text)
{
  /* headers and single bytes only: small enough for the socket buffer */
  if (!g_output_stream_write_all (conn_output (conn), text, strlen (text), NULL, NULL, NULL))
    conn->closed = TRUE;
}

static gboolean
trickle_cb (gpointer user_data)
{
  Conn *conn = user_data;

  conn_write (conn, " ");
  conn->sent++;
  conn->server->max_sent = MAX (conn->server->max_sent, conn->sent);
  if (conn->closed)
    {
      conn->trickle_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void write_huge_next (Conn *conn);

static void
write_huge_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Conn *conn = user_data;
  gsize written = 0;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &written, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* the client hung up: what we got this far is what it read, at most */
      conn->closed = TRUE;
      return;
    }
  conn->sent += written;
  conn->server->max_sent = MAX (conn->server->max_sent, conn->sent);
  write_huge_next (conn);
}

static void
write_huge_next (Conn *conn)
{
  Server *server = conn->server;

  if (conn->sent >= HUGE_SIZE)
    {
      if (server->mode == MODE_HUGE_CHUNKED)
        conn_write (conn, "0\r\n\r\n");
      return;
    }

  g_output_stream_write_all_async (conn_output (conn), g_bytes_get_data (server->chunk, NULL),
                                   g_bytes_get_size (server->chunk), G_PRIORITY_DEFAULT,
                                   conn->cancellable, write_huge_cb, conn);
}

static void
answer (Conn *conn)
{
  Server *server = conn->server;
  g_autofree char *headers = NULL;
  gsize length;

  server->requests++;
  switch (server->mode)
    {
    case MODE_NEVER:
      return;

    case MODE_BODY:
      length = g_bytes_get_size (server->body);
      /* one request a connection: the client must not wait here for a second answer */
      headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\n"
                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);
      conn_write (conn, headers);
      if (!g_output_stream_write_all (conn_output (conn), g_bytes_get_data (server->body, NULL),
                                      length, NULL, NULL, NULL))
        conn->closed = TRUE;
      return;

    case MODE_TRICKLE:
      conn_write (conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Content-Length: 100000\r\n\r\n{");
      conn->trickle_id = g_timeout_add (50, trickle_cb, conn);
      return;

    case MODE_HUGE_CHUNKED:
      conn_write (conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
      write_huge_next (conn);
      return;

    case MODE_HUGE_LENGTH:
      headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: %" G_GUINT64_FORMAT "\r\n\r\n", HUGE_SIZE);
      conn_write (conn, headers);
      write_huge_next (conn);
      return;

    default:
      g_assert_not_reached ();
    }
}

/* TRUE once the request's headers and its Content-Length of body have arrived */
static gboolean
request_complete (GByteArray *request)
{
  const char *data = (const char *) request->data;
  const char *end = g_strstr_len (data, request->len, "\r\n\r\n");
  g_autofree char *head = NULL;
  const char *length_header;
  guint64 length = 0;

  if (end == NULL)
    return FALSE;
  head = g_ascii_strdown (data, end - data);
  length_header = strstr (head, "\r\ncontent-length:");
  if (length_header != NULL)
    length = g_ascii_strtoull (length_header + strlen ("\r\ncontent-length:"), NULL, 10);

  return request->len >= (gsize) (end + 4 - data) + length;
}

static void
read_request_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      conn->closed = TRUE;
      return;
    }
  g_byte_array_append (conn->request, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (request_complete (conn->request))
    answer (conn);
  else
    g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 4096, G_PRIORITY_DEFAULT,
                                     conn->cancellable, read_request_cb, conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Server *server = user_data;
  Conn *conn = g_new0 (Conn, 1);

  conn->server = server;
  conn->connection = g_object_ref (connection);
  conn->request = g_byte_array_new ();
  conn->cancellable = g_cancellable_new ();
  g_ptr_array_add (server->conns, conn);
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)), 4096,
                                   G_PRIORITY_DEFAULT, conn->cancellable, read_request_cb, conn);
  return TRUE;
}

static Server *
server_new (Mode mode)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chunk = NULL;
  g_autofree char *spaces = g_strnfill (CHUNK_SIZE, ' ');

  server->mode = mode;
  server->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);
  server->body = g_bytes_new_static ("{}", 2);
  /* JSON whitespace, so that only the size can stop the client */
  if (mode == MODE_HUGE_CHUNKED)
    chunk = g_strdup_printf ("%x\r\n%s\r\n", CHUNK_SIZE, spaces);
  else
    chunk = g_steal_pointer (&spaces);
  server->chunk = g_bytes_new_take (chunk, strlen (chunk));
  chunk = NULL;

  server->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  server->url = g_strdup_printf ("http://127.0.0.1:%u/api/",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));

  return server;
}

static void
server_set_body (Server     *server,
                 const char *body,
                 gsize       length)
{
  g_bytes_unref (server->body);
  server->body = g_bytes_new (body, length);
}

static void
server_free (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_ptr_array_unref (server->conns);
  g_object_unref (server->service);
  g_bytes_unref (server->body);
  g_bytes_unref (server->chunk);
  g_free (server->url);
  g_free (server);
  /* let the closed connections' sources run down */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static EoClient *
client_for (Server *server,
            guint   timeout)
{
  EoClient *client = eo_client_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (eo_client_set_account (client, server->url, "shop", SECRET, &error));
  g_assert_no_error (error);
  eo_client_set_timeout (client, timeout);
  return client;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
too_long_cb (gpointer user_data)
{
  g_error ("No answer within %d s", WAIT_LIMIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);

  return *result;
}

static JsonObject *
call_sync (EoClient  *client,
           GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EoParams) params = eo_params_new ();

  eo_params_add_int (params, "bill_id", 1001);
  eo_params_add_boolean (params, "good_info", TRUE);
  eo_client_call_async (client, "getOrderDetails", params, NULL, store_result_cb, &result);
  return eo_client_call_finish (client, wait_for (&result), error);
}

static EoOrder *
get_order_sync (EoClient  *client,
                gint64     bill_id,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_client_get_order_async (client, bill_id, NULL, store_result_cb, &result);
  return eo_client_get_order_finish (client, wait_for (&result), error);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_never_answers (void)
{
  g_autoptr(Server) server = server_new (MODE_NEVER);
  g_autoptr(EoClient) client = client_for (server, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  gint64 start = g_get_monotonic_time ();

  reply = call_sync (client, &error);
  g_test_message ("timed out after %.2f s", seconds_since (start));
  g_assert_error (error, EO_ERROR, EO_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
  g_assert_null (reply);
  /* under valgrind the deadline may pass before the request is even read */
  g_assert_cmpuint (server->requests, <=, 1);
  g_assert_cmpfloat (seconds_since (start), >=, 1.9);
  g_assert_cmpfloat (seconds_since (start), <, 30);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_never_answers_cancel (void)
{
  g_autoptr(Server) server = server_new (MODE_NEVER);
  g_autoptr(EoClient) client = client_for (server, EO_CLIENT_DEFAULT_TIMEOUT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(EoParams) params = eo_params_new ();
  gint64 cancelled_at;
  guint limit;

  eo_params_add_int (params, "bill_id", 1001);
  eo_client_call_async (client, "getOrderDetails", params, cancellable, store_result_cb, &result);
  /* cancel once the server holds the whole request */
  limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);
  while (server->requests == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
  g_idle_add (cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();

  reply = eo_client_call_finish (client, wait_for (&result), &error);
  g_test_message ("cancel took %.1f ms", seconds_since (cancelled_at) * 1000);
  g_assert_error (error, EO_ERROR, EO_ERROR_CANCELLED);
  g_assert_null (reply);
  /* typically well under 100 ms; generous for loaded and instrumented builds */
  g_assert_cmpfloat (seconds_since (cancelled_at), <, 2);
}

static void
test_trickle (void)
{
  g_autoptr(Server) server = server_new (MODE_TRICKLE);
  g_autoptr(EoClient) client = client_for (server, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  gint64 start = g_get_monotonic_time ();

  /* a byte every 50 ms never lets an idle timeout fire; the client's deadline is for the whole
   * call */
  reply = call_sync (client, &error);
  g_test_message ("gave up after %.2f s and %" G_GUINT64_FORMAT " bytes", seconds_since (start),
                  server->max_sent);
  g_assert_error (error, EO_ERROR, EO_ERROR_TIMEOUT);
  g_assert_null (reply);
  g_assert_cmpfloat (seconds_since (start), >=, 2.9);
  g_assert_cmpfloat (seconds_since (start), <, 30);
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
check_huge (Mode mode)
{
  g_autoptr(Server) server = server_new (mode);
  g_autoptr(EoClient) client = client_for (server, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  glong rss_before = max_rss_kib ();
  gint64 start = g_get_monotonic_time ();

  reply = call_sync (client, &error);
  g_test_message ("stopped after %.2f s; the server wrote %" G_GUINT64_FORMAT " bytes; peak RSS "
                  "%ld KiB before, %ld KiB after", seconds_since (start), server->max_sent,
                  rss_before, max_rss_kib ());
  g_assert_error (error, EO_ERROR, EO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 8 MiB"));
  g_assert_null (reply);
  /* the rest of the gigabyte is never read: a few socket buffers beyond the cap at most */
  g_assert_cmpuint (server->max_sent, <, 64 * 1024 * 1024);
  /* 8 MiB of body and its copies; generous for sanitizers and valgrind */
  g_assert_cmpint (max_rss_kib () - rss_before, <, 128 * 1024);
}

static void
test_huge_chunked (void)
{
  check_huge (MODE_HUGE_CHUNKED);
}

static void
test_huge_length (void)
{
  check_huge (MODE_HUGE_LENGTH);
}

static char *
signed_reply (const char *result_json)
{
  g_autofree char *hash = eo_signature_reply_hash (0, "ok", SECRET);

  return g_strdup_printf ("{\"error_code\":0,\"error_text\":\"ok\",\"hash\":\"%s\",\"result\":%s}",
                          hash, result_json);
}

static void
test_deep_nesting (void)
{
  g_autoptr(Server) server = server_new (MODE_BODY);
  g_autoptr(EoClient) client = client_for (server, 20);
  const gsize depth = 100000;
  g_autofree char *brackets = g_strnfill (depth, '[');
  g_autofree char *objects = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *nested_order = NULL;
  GString *many = g_string_new (NULL);

  for (gsize i = 0; i < depth; i++)
    g_string_append (many, "{\"a\":");
  objects = g_string_free (many, FALSE);
  inside = signed_reply (brackets);
  nested_order = signed_reply ("{\"id\":1001,\"utm\":" "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[}");

  const char *bodies[] = { brackets, objects, inside };
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) reply = NULL;

      server_set_body (server, bodies[i], strlen (bodies[i]));
      reply = call_sync (client, &error);
      g_assert_null (reply);
      g_assert_error (error, EO_ERROR, EO_ERROR_NOT_JSON);
    }

  /* brackets inside strings are text, not nesting */
  {
    g_autofree char *in_text = g_strnfill (1000, '[');
    g_autofree char *result = g_strdup_printf ("{\"id\":1001,\"comment\":\"\\\"%s{\"}", in_text);
    g_autofree char *body = signed_reply (result);
    g_autoptr(GError) error = NULL;
    g_autoptr(EoOrder) order = NULL;

    server_set_body (server, body, strlen (body));
    order = get_order_sync (client, 1001, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (eo_order_get_comment (order), "[[{"));
  }

  /* an unbalanced but shallow reply is plain bad JSON */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EoOrder) order = NULL;

    server_set_body (server, nested_order, strlen (nested_order));
    order = get_order_sync (client, 1001, &error);
    g_assert_null (order);
    g_assert_error (error, EO_ERROR, EO_ERROR_NOT_JSON);
  }
}

static void
test_other_order (void)
{
  g_autoptr(Server) server = server_new (MODE_BODY);
  g_autoptr(EoClient) client = client_for (server, 20);
  const char *others[] = {
    "{\"id\":1002,\"last_name\":\"Петров\"}",
    "{\"id\":\"1002\"}",
    "{\"id\":\"-1001\"}",
    "{\"id\":\"1001.5\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *body = signed_reply (others[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = NULL;

      server_set_body (server, body, strlen (body));
      order = get_order_sync (client, 1001, &error);
      g_test_message ("%s: %s", others[i], error != NULL ? error->message : "(an order)");
      g_assert_null (order);
      g_assert_nonnull (error);
      g_assert_true (error->domain == EO_ERROR);
      g_assert_true (error->code == EO_ERROR_BAD_REPLY || error->code == EO_ERROR_INVALID_INPUT);
    }
}

static void
test_broken_text (void)
{
  g_autoptr(Server) server = server_new (MODE_BODY);
  g_autoptr(EoClient) client = client_for (server, 20);
  g_autofree char *bad_utf8 = signed_reply ("{\"id\":1001,\"last_name\":\"\xD0\xCF\xFF\xFE\","
                                            "\"city\":\"\xC0\xAF\"}");
  /* printf stops at a NUL: the reply is built with one inside from two halves */
  g_autofree char *before_nul = signed_reply ("{\"id\":1001,\"last_name\":\"Ива");
  g_autofree char *nul_in_string = g_strconcat (before_nul, "_нов\"}}", NULL);
  g_autofree char *nul_after = signed_reply ("{\"id\":1001}");
  g_autofree char *hash = eo_signature_reply_hash (0, "ok", SECRET);
  /* the signed envelope first, then a NUL and more JSON that must not be taken for the reply */
  g_autofree char *nul_then_more = g_strdup_printf ("{\"error_code\":0,\"error_text\":\"ok\","
                                                    "\"hash\":\"%s\"}", hash);
  struct {
    const char *body;
    gsize       length;
  } cases[] = {
    { bad_utf8, strlen (bad_utf8) },
    { nul_in_string, strlen (nul_in_string) },
    { nul_after, strlen (nul_after) + 1 },
    { nul_then_more, strlen (nul_then_more) + 1 },
  };

  nul_in_string[strlen (before_nul)] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = NULL;

      server_set_body (server, cases[i].body, cases[i].length);
      order = get_order_sync (client, 1001, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(an order)");
      /* json-glib refuses both: nothing of such a reply, signed or not, is shown */
      g_assert_error (error, EO_ERROR, EO_ERROR_NOT_JSON);
      g_assert_null (order);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/never-answers", test_never_answers);
  g_test_add_func ("/hostile/never-answers-cancel", test_never_answers_cancel);
  g_test_add_func ("/hostile/trickle", test_trickle);
  g_test_add_func ("/hostile/huge-chunked", test_huge_chunked);
  g_test_add_func ("/hostile/huge-length", test_huge_length);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/other-order", test_other_order);
  g_test_add_func ("/hostile/broken-text", test_broken_text);

  return g_test_run ();
}
