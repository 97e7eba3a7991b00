/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/batch.c: a day's batch of parcels through the outbox, against the demo shop
 *
 * The demo shop runs in its own thread and answers every request after LATENCY_MS. Marks
 * N_ORDERS orders sent (a) through a temporary store's outbox with one client (reused
 * connections) at 4 jobs, then 8 and 16, and (b) as the vendor's sample script does: one request
 * per order, one after the other, each on a new connection (the sample's curl handle per call).
 * Does it RUNS times and prints each run's wall times, then the medians: wall time, the floor
 * N x latency / jobs, the ratio to it, the sequential time and the speed-up. Targets: (a) at 4
 * jobs within 1.25x its floor; at least 4x faster than (b), which cannot beat
 * 4 x (b's time per request) / latency, what (a) would reach at the floor.
 *
 * Both are measured twice: over HTTPS, as the service is only reached (a second demo shop with a
 * certificate for 127.0.0.1 made now with openssl, trusted by this process alone, so that the
 * client's checks stay on), and over plain http on loopback, where a new connection costs next
 * to nothing.
 *
 * Usage: bench-batch [N_ORDERS [LATENCY_MS [RUNS]]]   (500, 50, 3)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "eo-client.h"
#include "eo-demo-server.h"
#include "eo-outbox-sender.h"
#include "eo-store.h"
#include "eo-tracking.h"

typedef struct
{
  GMutex           mutex;
  GCond            cond;
  GTlsCertificate *certificate;
  EoDemoServer    *server;
  GMainLoop    *loop;
  guint         n_orders;
  guint         latency_ms;
  gboolean      ready;
} ServerThread;

static gpointer
server_thread (gpointer data)
{
  ServerThread *st = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  st->server = eo_demo_server_new ();
  eo_demo_server_add_synthetic_orders (st->server, st->n_orders);
  eo_demo_server_set_latency (st->server, st->latency_ms);
  eo_demo_server_set_certificate (st->server, st->certificate);
  if (!eo_demo_server_start (st->server, &error))
    g_error ("The demo shop did not start: %s", error->message);
  st->loop = g_main_loop_new (context, FALSE);

  g_mutex_lock (&st->mutex);
  st->ready = TRUE;
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->mutex);

  g_main_loop_run (st->loop);
  eo_demo_server_stop (st->server);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/* A self-signed certificate for 127.0.0.1, made now in dir; the process's TLS backend is told to
 * trust it (and nothing else), so the clients verify it as they would the service's. The trust
 * list is read from the file when first needed: it stays until remove_certificate(). */
static GTlsCertificate *
make_trusted_certificate (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  GTlsCertificate *certificate;
  int status = 0;

  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key, "-out", cert, NULL
    };

    if (!g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("openssl could not make a certificate: %s", error->message);
  }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  if (certificate == NULL)
    g_error ("%s", error->message);
  database = g_tls_file_database_new (cert, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
  g_unlink (key);

  return certificate;
}

static void
remove_certificate (const char *dir)
{
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);

  g_unlink (cert);
  g_rmdir (dir);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static char *
tracking_number (gint64 bill_id)
{
  g_autofree char *first = g_strdup_printf ("620014%07" G_GINT64_FORMAT, bill_id % 10000000);

  return g_strdup_printf ("%s%d", first, eo_tracking_domestic_check_digit (first));
}

static EoClient *
client_new (EoDemoServer *server)
{
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(GError) error = NULL;

  if (!eo_client_set_account (client, eo_demo_server_get_url (server),
                              eo_demo_server_get_login (server),
                              eo_demo_server_get_secret (server), &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&client);
}

static void
send_change (EoOutboxChange      *change,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             user_data)
{
  eo_client_update_status_async (user_data, change->bill_id, EO_ORDER_STATUS_SENT, change->date,
                                 change->rpo, cancellable, callback, callback_data);
}

static gboolean
send_change_finish (GAsyncResult  *result,
                    GError       **error,
                    gpointer       user_data)
{
  return eo_client_update_status_finish (user_data, result, error);
}

/* (a): a fresh store, N changes queued in one transaction, sent at `jobs` */
static double
run_outbox (EoDemoServer *server,
            guint         n_orders,
            guint         jobs,
            guint        *out_connections)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *path = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(EoClient) client = client_new (server);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autoptr(GAsyncResult) result = NULL;
  guint connections_before = eo_demo_server_get_connection_count (server);
  guint done = 0, failed = 0, retry = 0;
  gint64 start, now = g_get_real_time () / G_USEC_PER_SEC;
  double seconds;

  g_assert_no_error (error);
  path = g_build_filename (dir, "orders.db", NULL);
  store = eo_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_orders; i++)
    {
      g_autofree char *rpo = tracking_number (EO_DEMO_SYNTHETIC_FIRST_ID + i);

      g_ptr_array_add (changes, eo_outbox_change_new (EO_DEMO_SYNTHETIC_FIRST_ID + i, "sent",
                                                      date, rpo));
    }
  if (!eo_store_outbox_enqueue_many (store, changes, now, &error))
    g_error ("%s", error->message);

  eo_outbox_sender_send_due_async (store, now, jobs, send_change, send_change_finish, NULL,
                                   client, NULL, store_result_cb, &result);
  wait_for (&result);
  if (!eo_outbox_sender_send_due_finish (store, result, &done, &failed, &retry, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (done != n_orders)
    g_error ("Only %u of %u sent (%u refused, %u to retry)", done, n_orders, failed, retry);

  *out_connections = eo_demo_server_get_connection_count (server) - connections_before;

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  return seconds;
}

/* (b): one request per order, one after the other, each with its own client and connection */
static double
run_sequential (EoDemoServer *server,
                guint         n_orders,
                guint        *out_connections)
{
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  guint connections_before = eo_demo_server_get_connection_count (server);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n_orders; i++)
    {
      g_autoptr(EoClient) client = client_new (server);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *rpo = tracking_number (EO_DEMO_SYNTHETIC_FIRST_ID + i);

      eo_client_update_status_async (client, EO_DEMO_SYNTHETIC_FIRST_ID + i, EO_ORDER_STATUS_SENT,
                                     date, rpo, NULL, store_result_cb, &result);
      wait_for (&result);
      if (!eo_client_update_status_finish (client, result, &error))
        g_error ("%s", error->message);
    }

  *out_connections = eo_demo_server_get_connection_count (server) - connections_before;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#define MAX_RUNS 15

static const guint job_counts[] = { 4, 8, 16 };

typedef struct
{
  const char   *name;
  ServerThread  st;
  GThread      *thread;
  double        outbox_s[G_N_ELEMENTS (job_counts)][MAX_RUNS];
  double        sequential_s[MAX_RUNS];
} Scheme;

static void
scheme_start (Scheme          *scheme,
              const char      *name,
              GTlsCertificate *certificate,
              guint            n_orders,
              guint            latency_ms)
{
  scheme->name = name;
  scheme->st.certificate = certificate;
  scheme->st.n_orders = n_orders;
  scheme->st.latency_ms = latency_ms;
  g_mutex_init (&scheme->st.mutex);
  g_cond_init (&scheme->st.cond);
  scheme->thread = g_thread_new ("demo-shop", server_thread, &scheme->st);
  g_mutex_lock (&scheme->st.mutex);
  while (!scheme->st.ready)
    g_cond_wait (&scheme->st.cond, &scheme->st.mutex);
  g_mutex_unlock (&scheme->st.mutex);
}

static void
scheme_stop (Scheme *scheme)
{
  g_main_loop_quit (scheme->st.loop);
  g_thread_join (g_steal_pointer (&scheme->thread));
  g_clear_object (&scheme->st.server);
  g_main_loop_unref (scheme->st.loop);
  g_mutex_clear (&scheme->st.mutex);
  g_cond_clear (&scheme->st.cond);
}

static void
scheme_run (Scheme *scheme,
            guint   run)
{
  ServerThread *st = &scheme->st;
  guint connections = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (job_counts); i++)
    {
      double floor_s = st->n_orders * st->latency_ms / 1000.0 / job_counts[i];

      scheme->outbox_s[i][run] = run_outbox (st->server, st->n_orders, job_counts[i], &connections);
      g_print ("  %-5s outbox, %2u jobs, one client:  %7.2f s   floor %6.2f s   %.2fx the floor"
               "   %u connections\n", scheme->name, job_counts[i], scheme->outbox_s[i][run],
               floor_s, scheme->outbox_s[i][run] / floor_s, connections);
    }

  scheme->sequential_s[run] = run_sequential (st->server, st->n_orders, &connections);
  g_print ("  %-5s sequential, a new connection per request: %7.2f s   %u connections\n",
           scheme->name, scheme->sequential_s[run], connections);
}

static void
scheme_report (Scheme *scheme,
               guint   runs)
{
  ServerThread *st = &scheme->st;
  double at_four, floor_four, sequential, per_request_ms;

  g_print ("%s, median of %u runs\n", scheme->name, runs);
  for (gsize i = 0; i < G_N_ELEMENTS (job_counts); i++)
    {
      double floor_s = st->n_orders * st->latency_ms / 1000.0 / job_counts[i];
      double seconds = median (scheme->outbox_s[i], runs);

      g_print ("  outbox, %2u jobs: wall %7.2f s   floor %6.2f s   %.2fx the floor%s\n",
               job_counts[i], seconds, floor_s, seconds / floor_s,
               job_counts[i] == 4 ? "   (target: 1.25x)" : "");
    }

  at_four = median (scheme->outbox_s[0], runs);
  floor_four = st->n_orders * st->latency_ms / 1000.0 / 4;
  sequential = median (scheme->sequential_s, runs);
  per_request_ms = sequential * 1000.0 / st->n_orders;
  g_print ("  sequential, a new connection per request: %7.2f s   %.1f ms a request"
           " (%u ms of it the shop's latency)\n", sequential, per_request_ms, st->latency_ms);
  g_print ("  speed-up at 4 jobs: %.2fx the sequential loop   (target: 4x; at the floor it would"
           " be %.2fx, at 1.25x the floor %.2fx)\n",
           sequential / at_four, sequential / floor_four, sequential / (1.25 * floor_four));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_dir = NULL;
  Scheme https = { 0 }, http = { 0 };
  guint n_orders, latency_ms, runs;

  n_orders = argc > 1 ? (guint) atoi (argv[1]) : 500;
  latency_ms = argc > 2 ? (guint) atoi (argv[2]) : 50;
  runs = argc > 3 ? (guint) atoi (argv[3]) : 3;
  if (n_orders == 0 || n_orders > 100000)
    g_error ("Give 1 to 100000 orders");
  if (latency_ms == 0)
    g_error ("Give a latency of 1 ms or more");
  if (runs == 0 || runs > MAX_RUNS)
    g_error ("Give 1 to %d runs", MAX_RUNS);
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    g_error ("No TLS backend: install glib-networking");

  cert_dir = g_dir_make_tmp ("bench-batch-XXXXXX", &error);
  if (cert_dir == NULL)
    g_error ("%s", error->message);
  certificate = make_trusted_certificate (cert_dir);
  scheme_start (&https, "https", certificate, n_orders, latency_ms);
  scheme_start (&http, "http", NULL, n_orders, latency_ms);

  g_print ("%u orders, %u ms latency per request, %u runs, over HTTPS (as the service) and plain"
           " http\n", n_orders, latency_ms, runs);

  for (guint run = 0; run < runs; run++)
    {
      g_print ("run %u\n", run + 1);
      scheme_run (&https, run);
      scheme_run (&http, run);
    }

  scheme_report (&https, runs);
  scheme_report (&http, runs);
  g_print ("note: the service is reached over HTTPS only, and the vendor's PHP sample opens a new"
           " curl handle,\ni.e. a new TCP connection and TLS handshake, per request. Over a real"
           " network each handshake\nalso costs round trips, which loopback does not show: the"
           " speed-up there is larger still.\n");

  scheme_stop (&https);
  scheme_stop (&http);
  remove_certificate (cert_dir);

  return 0;
}
