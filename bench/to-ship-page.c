/* SPDX-License-Identifier: GPL-3.0-or-later */
/* to-ship-page.c: the window's "To Ship" page over a big store: from the page given its store to
 * the list painted, and again on a reload (the F5 path without the network) */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-report.h"
#include "eo-outbox.h"
#include "eo-store.h"
#include "eo-to-ship-page-private.h"

#define RUNS 5

static guint n_orders = 100000;
static GtkWidget *page;
static GtkWidget *window;
static EoOutbox *outbox;
static gint64 started;
static double runs[RUNS + 1];   /* the list painted with its first rows */
static double fulls[RUNS + 1];  /* every row made and painted */
static guint run;
static GListModel *before;      /* the list shown before the run (not to be dereferenced) */

/* n_orders saved orders: 90% paid with an address; 96% of all sent and confirmed from here,
 * 1% waiting in the outbox, 1% set aside (as bench/ship.c fills its store) */
static void
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = eo_store_open (path, &error);
  static const char * const names[] = { "Иванова", "Петров", "Смирнова", "Кузнецов", "Крылова" };
  const guint batch = 10000;
  sqlite3 *db;
  char *message = NULL;

  g_assert_no_error (error);
  eo_store_set_account (store, "bench");

  for (guint start = 0; start < n_orders; start += batch)
    {
      guint count = MIN (batch, n_orders - start);
      g_autofree EoStoreOrderFields *fields = g_new0 (EoStoreOrderFields, count);
      g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < count; i++)
        {
          guint n = start + i;
          gint64 created = 1700000000 + (gint64) n * 300;
          gboolean paid = n % 10 != 9;
          g_autoptr(GDateTime) created_at = g_date_time_new_from_unix_utc (created);
          g_autoptr(GDateTime) paid_at = g_date_time_add_minutes (created_at, 10);
          g_autofree char *created_text = g_date_time_format (created_at, "%Y-%m-%d %H:%M:%S");
          g_autofree char *paid_text = g_date_time_format (paid_at, "%Y-%m-%d %H:%M:%S");

          g_ptr_array_add (jsons, g_strdup_printf (
            "{\"id\": %u, \"last_name\": \"%s\", \"first_name\": \"Анна\", \"city\": \"Тверь\","
            " \"address\": \"ул. Советская, д. %u\", \"postalcode\": \"170100\","
            " \"pay_status\": \"%s\", \"paid\": \"%s\", \"created\": \"%s\", \"price\": \"1290.00\","
            " \"good_count\": 1, \"items\": [{\"id\": \"%u\", \"title\": \"Набор %u\", \"sum\": \"1290.00\"}]}",
            n + 1, names[n % G_N_ELEMENTS (names)], n % 200, paid ? "paid" : "waiting",
            paid ? paid_text : "", created_text, 40 + n % 7, 40 + n % 7));
          fields[i] = (EoStoreOrderFields) {
            .bill_id = n + 1, .first_name = "Анна", .last_name = names[n % G_N_ELEMENTS (names)],
            .city = "Тверь", .address = "ул. Советская", .pay_status = paid ? "paid" : "waiting",
          };
        }
      if (!eo_store_save_orders_fields (store, fields, (const char * const *) jsons->pdata,
                                        count, 100, &error))
        g_error ("%s", error->message);
    }
  g_clear_object (&store);

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "BEGIN;"
                    "INSERT INTO outbox (id, bill_id, status, date, rpo, state, created_at,"
                    "                    next_attempt, account)"
                    "  SELECT bill_id, bill_id, 'sent', 1700000000, '62001411000016',"
                    "         CASE WHEN bill_id % 100 = 1 THEN 0 ELSE 1 END, 100, 100, 'bench'"
                    "  FROM orders WHERE bill_id % 100 NOT IN (2, 3, 4);"
                    "INSERT INTO log (at, change_id, bill_id, status, date, rpo, result)"
                    "  SELECT 100, id, bill_id, status, date, rpo, 1 FROM outbox WHERE state = 1;"
                    "INSERT INTO set_aside (account, bill_id, at)"
                    "  SELECT 'bench', bill_id, 100 FROM orders WHERE bill_id % 100 = 2;"
                    "COMMIT; ANALYZE;",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("Filling the outbox failed: %s", message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void start_run (void);
static gboolean check_loaded (gpointer user_data);

static double shown_ms;

static void
report (void);

static void
shown_painted (GtkWidget *widget)
{
  shown_ms = (g_get_monotonic_time () - started) / 1000.0;
  report ();
}

/* The window's path: the page built and loaded while hidden (after the first frame), then
 * shown (Ctrl+1) */
static void
hidden_painted (GtkWidget *widget)
{
  started = g_get_monotonic_time ();
  gtk_widget_set_visible (page, TRUE);
  bench_after_next_frame (window, shown_painted);
}

static void
all_painted (GtkWidget *widget)
{
  fulls[run++] = (g_get_monotonic_time () - started) / 1000.0;

  if (run <= RUNS)
    {
      start_run ();
      return;
    }

  gtk_widget_set_visible (page, FALSE);
  bench_after_next_frame (window, hidden_painted);
}

static void
report (void)
{
  qsort (runs + 1, RUNS, sizeof (double), compare_doubles);
  qsort (fulls + 1, RUNS, sizeof (double), compare_doubles);
  printf ("To Ship page over %u saved orders: %u listed (%u rows made at most)\n", n_orders,
          g_list_model_get_n_items (eo_to_ship_page_get_orders (EO_TO_SHIP_PAGE (page))),
          EO_TO_SHIP_PAGE_MAX_ROWS);
  printf ("  store given -> list painted: %.1f ms (every row: %.1f ms)\n", runs[0], fulls[0]);
  printf ("  reload -> list painted: median %.1f ms of %d (every row: median %.1f ms); goal < 50 ms\n",
          runs[1 + RUNS / 2], RUNS, fulls[1 + RUNS / 2]);
  printf ("  loaded while hidden, then shown -> painted: %.1f ms (the window's path: Ctrl+1)\n",
          shown_ms);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
first_painted (GtkWidget *widget)
{
  runs[run] = (g_get_monotonic_time () - started) / 1000.0;
  g_idle_add_full (G_PRIORITY_LOW, check_loaded, NULL, NULL);
}

static gboolean
check_loaded (gpointer user_data)
{
  if (!eo_to_ship_page_get_loaded (EO_TO_SHIP_PAGE (page)))
    return G_SOURCE_CONTINUE;

  bench_after_next_frame (window, all_painted);
  return G_SOURCE_REMOVE;
}

static gboolean
check_listed (gpointer user_data)
{
  if (eo_to_ship_page_get_orders (EO_TO_SHIP_PAGE (page)) == before)
    return G_SOURCE_CONTINUE;

  bench_after_next_frame (window, first_painted);
  return G_SOURCE_REMOVE;
}

static void
start_run (void)
{
  before = eo_to_ship_page_get_orders (EO_TO_SHIP_PAGE (page));
  started = g_get_monotonic_time ();
  if (run == 0)
    eo_to_ship_page_set_outbox (EO_TO_SHIP_PAGE (page), outbox);
  else
    eo_to_ship_page_reload (EO_TO_SHIP_PAGE (page));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_listed, NULL, NULL);
}

static void
first_frame (GtkWidget *widget)
{
  start_run ();
}

static void
realize_cb (GtkWidget *widget)
{
  bench_after_next_frame (widget, first_frame);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-to-ship-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(EoClient) client = NULL;
  GtkWidget *overlay;

  g_assert_no_error (error);
  if (argc > 1)
    n_orders = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  path = g_build_filename (dir, "to-ship.db", NULL);
  fill_store (path);

  gtk_init ();
  adw_init ();

  store = eo_store_open (path, &error);
  g_assert_no_error (error);
  eo_store_set_account (store, "bench");
  client = eo_client_new ();
  outbox = eo_outbox_new (store, client);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  overlay = adw_toast_overlay_new ();
  page = eo_to_ship_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  eo_outbox_stop (outbox);
  g_clear_object (&outbox);
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
