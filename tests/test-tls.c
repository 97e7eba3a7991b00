/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "eo-demo-server.h"
#include "eo-error.h"

/* A self-signed certificate for 127.0.0.1, made now with openssl: no system trusts it. With
 * out_pem, its PEM file is kept there (the caller removes it and its directory) */
static GTlsCertificate *
make_certificate_full (char **out_pem)
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

  g_unlink (key);
  if (out_pem != NULL)
    *out_pem = g_steal_pointer (&cert);
  else
    {
      g_unlink (cert);
      g_rmdir (dir);
    }

  return certificate;
}

static GTlsCertificate *
make_certificate (void)
{
  return make_certificate_full (NULL);
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

static EoOrder *
get_order (const char  *url,
           const char  *login,
           const char  *secret,
           GError     **error)
{
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (eo_client_set_account (client, url, login, secret, error));
  eo_client_set_timeout (client, 20);
  eo_client_get_order_async (client, 1001, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return eo_client_get_order_finish (client, result, error);
}

/* The demo shop over HTTPS (what bench/batch measures): refused while nothing trusts its
 * certificate; answers once this process trusts it, with the checks still on. Runs last: it
 * changes the process's default trust list. */
static void
test_tls_demo_shop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GTlsCertificate) certificate = make_certificate_full (&pem);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(EoDemoServer) server = eo_demo_server_new ();
  g_autoptr(EoOrder) refused = NULL;
  g_autoptr(EoOrder) order = NULL;
  g_autofree char *dir = g_path_get_dirname (pem);
  const char *url;

  eo_demo_server_set_certificate (server, certificate);
  g_assert_true (eo_demo_server_start (server, &error));
  g_assert_no_error (error);
  url = eo_demo_server_get_url (server);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  refused = get_order (url, eo_demo_server_get_login (server), eo_demo_server_get_secret (server),
                       &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_TLS);
  g_assert_null (refused);
  g_clear_error (&error);

  database = g_tls_file_database_new (pem, &error);
  g_assert_no_error (error);
  g_tls_backend_set_default_database (g_tls_backend_get_default (), database);

  order = get_order (url, eo_demo_server_get_login (server), eo_demo_server_get_secret (server),
                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (eo_order_get_id (order), ==, 1001);

  eo_demo_server_stop (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (pem);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/tls/demo-shop", test_tls_demo_shop);

  return g_test_run ();
}
