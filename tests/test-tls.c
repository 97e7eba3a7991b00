/* test-tls.c: the client refuses a server whose certificate does not verify.
 *
 * A test of its own because of the sanitizer build: LeakSanitizer's tracer crashes (signal 11)
 * reading the thread-local storage of glib-networking's GnuTLS threads (clang 14, glibc 2.36), and
 * without TLS scanning it reports GLib's per-thread caches, whose static allocators have no symbols
 * to suppress by. tests/meson.build runs this one binary with detect_leaks=0: AddressSanitizer and
 * UBSan still check every access of the TLS path, and valgrind checks its leaks. */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "eo-client.h"
#include "eo-error.h"

/* A self-signed certificate for 127.0.0.1, made now with openssl: no system trusts it */
static GTlsCertificate *
make_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *output = NULL;
  GTlsCertificate *certificate;
  int status = 0;

  g_assert_no_error (error);
  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key, "-out", cert, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &output, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);

  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);

  return certificate;
}

#define SECRET "tls-secret-0123456789abcdefghijklmnopqrst"

static guint requests;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_tls_untrusted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = make_certificate ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  /* without a TLS backend the client could not talk to the real service at all: a failure */
  g_assert_true (g_tls_backend_supports_tls (g_tls_backend_get_default ()));

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/api/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = eo_client_new ();
  g_assert_true (eo_client_set_account (client, url, "shop", SECRET, &error));
  g_assert_no_error (error);
  eo_client_set_timeout (client, 20);

  eo_params_add_int (params, "bill_id", 1001);
  eo_client_call_async (client, "getOrderDetails", params, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = eo_client_call_finish (client, result, &error);

  g_test_message ("%s", error != NULL ? error->message : "(a reply)");
  g_assert_error (error, EO_ERROR, EO_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "could not be trusted"));
  g_assert_null (reply);
  /* refused in the handshake: the request never reached the handler */
  g_assert_cmpuint (requests, ==, 0);

  soup_server_disconnect (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/untrusted", test_tls_untrusted);

  return g_test_run ();
}
