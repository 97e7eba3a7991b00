/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/scan.c: how fast the scan station judges codes, over a store of 100,000 saved orders
 * whose log has 96,000 parcels sent (each with its own tracking number, so every tracking number
 * read is looked for among them): 2,000 orders to ship, each scanned as a pair (its order
 * number, then a new tracking number), queued to the outbox (not sent: this measures the
 * station, not the network). Prints codes per second and the time per code (median, 99th
 * percentile, worst). A scanner types a 14-digit code and Enter in 15 keys: codes/s x 15 is
 * the keys a second the station keeps up with.
 * Use a release build: BUILDDIR/bench/bench-scan
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "eo-scan-session.h"
#include "eo-store.h"
#include "eo-tracking.h"

#define ORDERS 100000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = eo_store_open (path, &error);
  const guint batch = 10000;
  sqlite3 *db;
  char *message = NULL;

  g_assert_no_error (error);
  eo_store_set_account (store, "bench");

  for (guint start = 0; start < ORDERS; start += batch)
    {
      g_autofree EoStoreOrderFields *fields = g_new0 (EoStoreOrderFields, batch);
      g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < batch; i++)
        {
          guint n = start + i;
          gboolean paid = n % 10 != 9;

          g_ptr_array_add (jsons, g_strdup_printf (
            "{\"id\": %u, \"last_name\": \"Иванова\", \"first_name\": \"Анна\", \"city\": \"Тверь\","
            " \"address\": \"ул. Советская, д. %u\", \"postalcode\": \"170100\","
            " \"pay_status\": \"%s\", \"paid\": \"%s\", \"created\": \"2024-03-01 10:00:00\","
            " \"price\": \"1290.00\", \"good_count\": 1}",
            n + 1, n % 200, paid ? "paid" : "waiting", paid ? "2024-03-01 10:10:00" : ""));
          fields[i] = (EoStoreOrderFields) {
            .bill_id = n + 1, .first_name = "Анна", .last_name = "Иванова", .city = "Тверь",
            .address = "ул. Советская", .pay_status = paid ? "paid" : "waiting",
          };
        }
      if (!eo_store_save_orders_fields (store, fields, (const char * const *) jsons->pdata,
                                        batch, 100, &error))
        g_error ("%s", error->message);
    }
  g_clear_object (&store);

  /* 96% sent from here, each with a number of its own; 1% waiting; 1% set aside */
  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "BEGIN;"
                    "INSERT INTO outbox (id, bill_id, status, date, rpo, state, created_at,"
                    "                    next_attempt, account)"
                    "  SELECT bill_id, bill_id, 'sent', 1700000000, printf ('7%013d', bill_id),"
                    "         CASE WHEN bill_id % 100 = 1 THEN 0 ELSE 1 END, 100, 100, 'bench'"
                    "  FROM orders WHERE bill_id % 100 NOT IN (2, 3, 4);"
                    "INSERT INTO log (at, change_id, bill_id, status, date, rpo, result)"
                    "  SELECT 100, id, bill_id, status, date, rpo, 1 FROM outbox WHERE state = 1;"
                    "INSERT INTO set_aside (account, bill_id, at)"
                    "  SELECT 'bench', bill_id, 100 FROM orders WHERE bill_id % 100 = 2;"
                    "COMMIT; ANALYZE;",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("Filling the log failed: %s", message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

typedef struct
{
  guint  n_results;
  guint  n_good;
} Count;

static void
on_result (EoScanSession *session,
           EoScanResult  *result,
           Count         *count)
{
  count->n_results++;
  if (eo_scan_result_is_good (result))
    count->n_good++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-scan-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "orders.db", NULL);
  g_autoptr(EoStore) store = NULL;
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(EoScanSession) session = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) order_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tracking_times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 started, filled, total;
  Count count = { 0 };
  guint n_codes = 0;

  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  fill_store (path);
  filled = g_get_monotonic_time ();
  printf ("Scan station: %d saved orders, 96%% of them sent (filled in %.1f s)\n", ORDERS,
          (filled - started) / 1e6);

  store = eo_store_open (path, &error);
  g_assert_no_error (error);
  eo_store_set_account (store, "bench");
  /* no outbox: the pairs are queued, not sent */
  session = eo_scan_session_new (store, client, NULL);
  g_signal_connect (session, "result", G_CALLBACK (on_result), &count);

  total = g_get_monotonic_time ();
  for (guint bill = 1; bill <= ORDERS; bill++)
    {
      g_autofree char *order = NULL;
      g_autofree char *first13 = NULL;
      g_autofree char *rpo = NULL;
      gint64 t0, t1, t2;
      double ms;

      if (bill % 100 != 3 && bill % 100 != 4)
        continue;
      order = g_strdup_printf ("%u", bill);
      first13 = g_strdup_printf ("80%011u", bill);
      rpo = g_strdup_printf ("%s%d", first13, eo_tracking_domestic_check_digit (first13));

      t0 = g_get_monotonic_time ();
      eo_scan_session_feed (session, order, 0);
      t1 = g_get_monotonic_time ();
      eo_scan_session_feed (session, rpo, 0);
      t2 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1e3;
      g_array_append_val (times, ms);
      g_array_append_val (order_times, ms);
      ms = (t2 - t1) / 1e3;
      g_array_append_val (times, ms);
      g_array_append_val (tracking_times, ms);
      n_codes += 2;
    }
  total = g_get_monotonic_time () - total;

  if (count.n_results != n_codes || count.n_good != n_codes)
    g_error ("%u codes fed, %u results, %u good", n_codes, count.n_results, count.n_good);

  g_array_sort (times, compare_doubles);
  printf ("%u codes (%u pairs) judged and queued in %.2f s: %.0f codes/s (%.0f keys/s of "
          "15-key codes)\n", n_codes, n_codes / 2, total / 1e6, n_codes / (total / 1e6),
          15 * n_codes / (total / 1e6));
  printf ("per code: median %.2f ms, 99th percentile %.2f ms, worst %.2f ms\n",
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len * 99 / 100),
          g_array_index (times, double, times->len - 1));
  g_array_sort (order_times, compare_doubles);
  g_array_sort (tracking_times, compare_doubles);
  printf ("median: an order number %.2f ms (read from the store), a tracking number %.2f ms "
          "(looked for in the log, then the change committed to disk)\n",
          g_array_index (order_times, double, order_times->len / 2),
          g_array_index (tracking_times, double, tracking_times->len / 2));

  /* the lookup of a tracking number alone, among the log's 96,000 */
  {
    gint64 t0 = g_get_monotonic_time ();
    const guint n = 200;

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *rpo = g_strdup_printf ("7%013u", 5 + i * 100);

        if (eo_store_find_tracking (store, rpo, NULL, &error) == 0)
          g_error ("%s not found: %s", rpo, error != NULL ? error->message : "");
      }
    printf ("a tracking number found in the log: %.2f ms each\n",
            (g_get_monotonic_time () - t0) / 1e3 / n);
  }

  g_clear_object (&session);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_remove (child);
      }
  }
  g_rmdir (dir);

  return 0;
}
