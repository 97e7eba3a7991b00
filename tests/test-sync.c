/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: EoSync: the windows of days (1, 31, 32, 95 days, month ends, Moscow midnight),
 * a sync against the demo shop (every paid order with an address once), incremental, a failing
 * window retried and then reported, cancel */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-json.h"
#include "eo-date.h"
#include "eo-sync.h"

/* Windows ------------------------------------------------------------------------------------ */

static GDate
day_of (guint year,
        guint month,
        guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

/* The windows as "YYYY-MM-DD..YYYY-MM-DD YYYY-MM-DD..YYYY-MM-DD" */
static char *
windows_text (GDate first,
              GDate last)
{
  g_autoptr(GArray) windows = eo_sync_split_windows (&first, &last, EO_SYNC_MAX_DAYS);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < windows->len; i++)
    {
      EoSyncWindow *w = &g_array_index (windows, EoSyncWindow, i);
      g_autofree char *a = eo_sync_format_day (&w->first);
      g_autofree char *b = eo_sync_format_day (&w->last);

      g_string_append_printf (text, "%s%s..%s", text->len > 0 ? " " : "", a, b);
    }

  return g_string_free (text, FALSE);
}

#define assert_windows(first, last, expected) \
  G_STMT_START { \
    g_autofree char *_text = windows_text ((first), (last)); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

static void
test_windows_lengths (void)
{
  /* 1 day */
  assert_windows (day_of (2024, 3, 5), day_of (2024, 3, 5), "2024-03-05..2024-03-05");
  /* 31 days: one window */
  assert_windows (day_of (2024, 1, 1), day_of (2024, 1, 31), "2024-01-01..2024-01-31");
  /* 32 days: two, back to back */
  assert_windows (day_of (2024, 1, 1), day_of (2024, 2, 1),
                  "2024-01-01..2024-01-31 2024-02-01..2024-02-01");
  /* 95 days: February's window stops at its month */
  assert_windows (day_of (2024, 1, 1), day_of (2024, 4, 4),
                  "2024-01-01..2024-01-31 2024-02-01..2024-02-29 2024-03-01..2024-03-31 "
                  "2024-04-01..2024-04-04");
  /* 31 days from mid-month: one window, across the month end */
  assert_windows (day_of (2024, 3, 15), day_of (2024, 4, 14), "2024-03-15..2024-04-14");
  /* none when the last day is before the first */
  assert_windows (day_of (2024, 3, 15), day_of (2024, 3, 14), "");
}

static void
test_windows_edges (void)
{
  /* a month's last day: the window stops before the same day of the next month (clamped) */
  assert_windows (day_of (2024, 1, 31), day_of (2024, 3, 10),
                  "2024-01-31..2024-02-28 2024-02-29..2024-03-10");
  assert_windows (day_of (2023, 1, 31), day_of (2023, 3, 1),
                  "2023-01-31..2023-02-27 2023-02-28..2023-03-01");
  /* across the new year */
  assert_windows (day_of (2023, 12, 20), day_of (2024, 1, 25),
                  "2023-12-20..2024-01-19 2024-01-20..2024-01-25");
}

/* Over two years of first days and lengths up to 100 days: back to back, none lost or doubled,
 * each at most 31 days and within what the service gives in one call */
static void
test_windows_cover_exactly (void)
{
  for (guint start = 0; start < 730; start += 3)
    for (guint length = 1; length <= 100; length += 7)
      {
        GDate first = day_of (2023, 1, 1), last;
        g_autoptr(GArray) windows = NULL;
        GDate expected;

        g_date_add_days (&first, start);
        last = first;
        g_date_add_days (&last, length - 1);
        windows = eo_sync_split_windows (&first, &last, EO_SYNC_MAX_DAYS);
        expected = first;

        g_assert_cmpuint (windows->len, >=, 1);
        for (guint i = 0; i < windows->len; i++)
          {
            EoSyncWindow *w = &g_array_index (windows, EoSyncWindow, i);
            GDate limit = w->last;

            g_assert_cmpint (g_date_compare (&w->first, &expected), ==, 0);
            g_assert_cmpint (g_date_days_between (&w->first, &w->last), <, EO_SYNC_MAX_DAYS);
            g_assert_cmpint (g_date_days_between (&w->first, &w->last), >=, 0);
            /* the service's cut keeps the month that ends on the last day */
            g_date_subtract_months (&limit, 1);
            g_date_add_days (&limit, 1);
            g_assert_cmpint (g_date_compare (&limit, &w->first), <=, 0);
            expected = w->last;
            g_date_add_days (&expected, 1);
          }
        g_date_subtract_days (&expected, 1);
        g_assert_cmpint (g_date_compare (&expected, &last), ==, 0);
      }
}

/* Moscow is UTC+3 all year: midnight there is 21:00 UTC, on a European DST day too */
static void
test_moscow_day (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) before = g_date_time_new (utc, 2024, 3, 31, 20, 59, 59);
  g_autoptr(GDateTime) after = g_date_time_new (utc, 2024, 3, 31, 21, 0, 0);
  g_autoptr(GDateTime) summer = g_date_time_new (utc, 2024, 7, 15, 21, 0, 0);
  GDate day;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  eo_sync_moscow_day (before, &day);
  a = eo_sync_format_day (&day);
  eo_sync_moscow_day (after, &day);
  b = eo_sync_format_day (&day);
  eo_sync_moscow_day (summer, &day);
  c = eo_sync_format_day (&day);
  g_assert_cmpstr (a, ==, "2024-03-31");
  g_assert_cmpstr (b, ==, "2024-04-01");
  g_assert_cmpstr (c, ==, "2024-07-16");

  g_assert_true (eo_sync_parse_day ("2024-02-29", &day));
  g_assert_false (eo_sync_parse_day ("2023-02-29", &day));
  g_assert_false (eo_sync_parse_day ("2024-02-01x", &day));
}

/* Against the demo shop --------------------------------------------------------------------- */

typedef struct
{
  EoDemoServer *server;
  EoClient     *client;
  EoStore      *store;
  EoSync       *sync;
  char         *dir;
  GCancellable *cancellable;
  guint         cancel_after;  /* windows done; 0: never */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (f->server, &error));
  f->client = eo_client_new ();
  g_assert_true (eo_client_set_account (f->client, eo_demo_server_get_url (f->server),
                                        eo_demo_server_get_login (f->server),
                                        eo_demo_server_get_secret (f->server), &error));
  eo_client_set_timeout (f->client, 10);
  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "orders.db", NULL);
  f->store = eo_store_open (path, &error);
  g_assert_no_error (error);
  eo_store_set_account (f->store, "demo");
  f->sync = eo_sync_new (f->client, f->store);
  eo_sync_set_retry_delay (f->sync, 1);
  f->cancellable = g_cancellable_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "orders.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  eo_demo_server_stop (f->server);
  g_clear_object (&f->sync);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_clear_object (&f->cancellable);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
run_sync (Fixture    *f,
          gint        days_back,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = days_back >= 0 ? g_date_time_add_days (now, -days_back) : NULL;

  eo_sync_run_async (f->sync, since, f->cancellable, result_cb, &result);
  g_assert_true (eo_sync_get_running (f->sync) || g_cancellable_is_cancelled (f->cancellable));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (eo_sync_get_running (f->sync));
  return eo_sync_run_finish (f->sync, result, error);
}

/* The demo shop's orders with these properties, created on or after the Moscow day of
 * days_back days ago, as "a,b,c" sorted by number */
static char *
demo_ids (Fixture  *f,
          gint      days_back,
          gboolean  paid_with_address)
{
  g_autoptr(JsonNode) all = eo_demo_server_dup_orders (f->server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -days_back);
  JsonArray *orders = json_node_get_array (all);
  GString *ids = g_string_new (NULL);
  GDate first;

  eo_sync_moscow_day (since, &first);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);
      g_autofree char *created_text = eo_json_dup_string (order, "created");
      g_autofree char *status = eo_json_dup_string (order, "pay_status");
      g_autofree char *postcode = eo_json_dup_string (order, "postalcode");
      g_autofree char *address = eo_json_dup_string (order, "address");
      g_autoptr(GDateTime) created = eo_date_parse (created_text);
      gint64 id = 0;
      GDate day;

      if (created == NULL)
        continue;
      eo_sync_moscow_day (created, &day);
      if (g_date_compare (&day, &first) < 0 || g_strcmp0 (status, "paid") != 0)
        continue;
      if (paid_with_address && (postcode == NULL || *postcode == '\0') &&
          (address == NULL || *address == '\0'))
        continue;
      eo_json_get_int (order, "id", &id);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "", id);
    }

  return g_string_free (ids, FALSE);
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The to-ship list's numbers, sorted (an order twice would show twice) */
static char *
to_ship_ids (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = eo_store_to_ship (f->store, NULL, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EoToShipOrder) row = g_list_model_get_item (list, i);
      gint64 id = eo_to_ship_order_get_bill_id (row);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_int64);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

static guint
count_ids (const char *ids)
{
  g_auto(GStrv) parts = g_strsplit (ids, ",", -1);

  return *ids == '\0' ? 0 : g_strv_length (parts);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today;

  eo_sync_moscow_day (now, &today);
  return eo_sync_format_day (&today);
}

/* 90 days: every paid order with an address in range is to ship, once; the last day recorded */
static void
test_sync_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = demo_ids (f, 90, TRUE);
  g_autofree char *got = NULL;
  g_autofree char *paid = demo_ids (f, 90, FALSE);
  g_autofree char *last_day = NULL;
  g_autofree char *today = today_text ();

  g_assert_true (run_sync (f, 90, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eo_sync_get_windows_total (f->sync), >=, 3);
  g_assert_cmpuint (eo_sync_get_windows_done (f->sync), ==, eo_sync_get_windows_total (f->sync));
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==,
                    eo_sync_get_windows_total (f->sync));
  /* every paid order was saved, those without an address too */
  g_assert_cmpuint (eo_sync_get_orders_saved (f->sync), ==, count_ids (paid));

  got = to_ship_ids (f);
  g_assert_cmpstr (got, !=, "");
  g_assert_cmpstr (got, ==, expected);

  g_assert_true (eo_store_get_sync_state (f->store, &last_day, NULL, &error));
  g_assert_cmpstr (last_day, ==, today);
}

/* The next sync starts from the last synced day minus one: one window, and nothing lost */
static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *expected = demo_ids (f, 60, TRUE);
  g_autofree char *got = NULL;
  GDate start, want;
  guint requests;

  g_assert_true (eo_sync_get_incremental_start (f->sync, &start, &error));
  eo_sync_moscow_day (now, &want);
  g_date_subtract_days (&want, EO_SYNC_DEFAULT_DAYS);
  g_assert_cmpint (g_date_compare (&start, &want), ==, 0);

  g_assert_true (run_sync (f, 60, &error));
  requests = eo_demo_server_get_request_count (f->server);

  g_assert_true (eo_sync_get_incremental_start (f->sync, &start, &error));
  eo_sync_moscow_day (yesterday, &want);
  g_assert_cmpint (g_date_compare (&start, &want), ==, 0);

  g_assert_true (run_sync (f, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eo_sync_get_windows_total (f->sync), ==, 1);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);
  got = to_ship_ids (f);
  g_assert_cmpstr (got, ==, expected);
}

/* A window that fails twice (HTTP 500) is asked again and the sync succeeds */
static void
test_retried (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = demo_ids (f, 40, TRUE);
  g_autofree char *got = NULL;

  eo_sync_set_concurrency (f->sync, 1);
  g_assert_true (run_sync (f, 40, &error));
  /* one window after the other: one connection, kept alive */
  g_assert_cmpuint (eo_demo_server_get_connection_count (f->server), ==, 1);
  eo_demo_server_set_fault_calls (f->server, EO_DEMO_FAULT_HTTP_500, EO_SYNC_ATTEMPTS - 1);
  g_assert_true (run_sync (f, 40, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==,
                    2 * eo_sync_get_windows_total (f->sync) + EO_SYNC_ATTEMPTS - 1);
  got = to_ship_ids (f);
  g_assert_cmpstr (got, ==, expected);
}

/* A window that keeps failing is reported by its days; the others are saved; the last synced
 * day stays before it, so the next sync asks for it again */
static void
test_failure_reported (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -40);
  g_autoptr(GArray) windows = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *expected_day = NULL;
  g_autofree char *got = NULL;
  GDate first, today, before;
  char shown[16];

  eo_sync_moscow_day (since, &first);
  eo_sync_moscow_day (now, &today);
  windows = eo_sync_split_windows (&first, &today, EO_SYNC_MAX_DAYS);
  g_assert_cmpuint (windows->len, >=, 2);

  eo_sync_set_concurrency (f->sync, 1);
  eo_demo_server_set_fault_calls (f->server, EO_DEMO_FAULT_HTTP_500, EO_SYNC_ATTEMPTS);
  g_assert_false (run_sync (f, 40, &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_date_strftime (shown, sizeof shown, "%d.%m.%Y",
                   &g_array_index (windows, EoSyncWindow, 0).first);
  g_assert_nonnull (strstr (error->message, shown));
  g_assert_cmpuint (eo_sync_get_windows_done (f->sync), ==, windows->len);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==,
                    windows->len - 1 + EO_SYNC_ATTEMPTS);

  /* the later windows' orders are there */
  got = to_ship_ids (f);
  g_assert_cmpstr (got, !=, "");

  /* the day before the failed window: the next sync starts at it */
  g_assert_true (eo_store_get_sync_state (f->store, &last_day, NULL, NULL));
  before = first;
  g_date_subtract_days (&before, 1);
  expected_day = eo_sync_format_day (&before);
  g_assert_cmpstr (last_day, ==, expected_day);
  first_text = eo_sync_format_day (&first);
  g_assert_nonnull (first_text);
}

static void
windows_done_cb (EoSync     *sync,
                 GParamSpec *pspec,
                 Fixture    *f)
{
  if (f->cancel_after != 0 && eo_sync_get_windows_done (sync) == f->cancel_after)
    g_cancellable_cancel (f->cancellable);
}

/* Cancelled after the first window: the run ends cancelled, asks for nothing more, and keeps
 * what it saved */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_day = NULL;

  eo_sync_set_concurrency (f->sync, 1);
  eo_demo_server_set_latency (f->server, 20);
  f->cancel_after = 1;
  g_signal_connect (f->sync, "notify::windows-done", G_CALLBACK (windows_done_cb), f);

  g_assert_false (run_sync (f, 90, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (eo_sync_get_windows_done (f->sync), ==, 1);
  g_assert_cmpuint (eo_sync_get_windows_total (f->sync), >=, 3);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), <=, 2);
  g_assert_true (eo_store_get_sync_state (f->store, &last_day, NULL, NULL));
  g_clear_error (&error);

  /* cancelled before it starts: nothing asked */
  g_assert_false (run_sync (f, 90, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
cancel_once_asked_cb (gpointer user_data)
{
  Fixture *f = user_data;

  if (eo_demo_server_get_request_count (f->server) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (f->cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelled while a window waits a minute to be retried: the run ends at once */
static void
test_cancel_during_retry (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;

  eo_sync_set_concurrency (f->sync, 1);
  eo_sync_set_retry_delay (f->sync, 60 * 1000);
  eo_demo_server_set_fault_calls (f->server, EO_DEMO_FAULT_HTTP_500, 1);
  g_timeout_add (10, cancel_once_asked_cb, f);
  timer = g_timer_new ();
  g_assert_false (run_sync (f, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 30.0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/windows-lengths", test_windows_lengths);
  g_test_add_func ("/sync/windows-edges", test_windows_edges);
  g_test_add_func ("/sync/windows-cover-exactly", test_windows_cover_exactly);
  g_test_add_func ("/sync/moscow-day", test_moscow_day);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/all", test_sync_all);
  ADD ("/sync/incremental", test_incremental);
  ADD ("/sync/retried", test_retried);
  ADD ("/sync/failure-reported", test_failure_reported);
  ADD ("/sync/cancel", test_cancel);
  ADD ("/sync/cancel-during-retry", test_cancel_during_retry);
#undef ADD

  return g_test_run ();
}
