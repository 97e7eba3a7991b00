/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outbox.c: EoOutbox's send loop and timer against the demo shop, on a test clock */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-outbox.h"

#define OTHER_SHOP "other-shop"
#define START      1800000000

/* The outbox's clock: time moves only when the test says so, and an armed timer fires then */
typedef struct
{
  gint64       now;
  guint        last_handle;
  guint        handle;         /* the armed timer; 0 when none */
  gint64       due;
  GSourceFunc  func;
  gpointer     func_data;
  guint        n_wakeups;
} TestClock;

static gint64
test_clock_now (gpointer user_data)
{
  TestClock *clock = user_data;

  return clock->now;
}

static guint
test_clock_arm (guint       delay,
                GSourceFunc func,
                gpointer    func_data,
                gpointer    user_data)
{
  TestClock *clock = user_data;

  /* The outbox keeps one timer: it disarms the old one before it arms another */
  g_assert_cmpuint (clock->handle, ==, 0);
  g_assert_cmpuint (delay, >, 0);

  clock->handle = ++clock->last_handle;
  clock->due = clock->now + delay;
  clock->func = func;
  clock->func_data = func_data;

  return clock->handle;
}

static void
test_clock_disarm (guint    handle,
                   gpointer user_data)
{
  TestClock *clock = user_data;

  g_assert_cmpuint (handle, ==, clock->handle);
  clock->handle = 0;
}

static const EoOutboxClock test_clock_funcs = { test_clock_now, test_clock_arm, test_clock_disarm };

typedef struct
{
  char         *dir;
  EoStore      *store;
  EoDemoServer *server;
  EoClient     *client;
  EoOutbox     *outbox;
  TestClock     clock;
  guint         n_changed;
  guint         n_sent;
  gint64        last_sent;     /* the id of the change sent last */
} Fixture;

static void
on_changed (EoOutbox *outbox,
            Fixture  *f)
{
  f->n_changed++;
}

static void
on_change_sent (EoOutbox       *outbox,
                EoOutboxChange *change,
                int             state,
                const GError   *error,
                Fixture        *f)
{
  f->n_sent++;
  f->last_sent = change->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "orders.db", NULL);
  f->store = eo_store_open (path, &error);
  g_assert_no_error (error);

  f->server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (f->server, &error));
  g_assert_no_error (error);

  f->client = eo_client_new ();
  g_assert_true (eo_client_set_account (f->client, eo_demo_server_get_url (f->server),
                                        eo_demo_server_get_login (f->server),
                                        eo_demo_server_get_secret (f->server), &error));
  g_assert_no_error (error);

  f->clock.now = START;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->outbox != NULL)
    eo_outbox_stop (f->outbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->outbox);
  g_clear_object (&f->client);
  eo_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->store);

  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (f->dir, name, NULL);

        g_remove (child);
      }
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The outbox on the test clock, counting its signals */
static void
fixture_start_outbox (Fixture *f)
{
  f->outbox = eo_outbox_new (f->store, f->client);
  eo_outbox_set_clock (f->outbox, &test_clock_funcs, &f->clock);
  g_signal_connect (f->outbox, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->outbox, "change-sent", G_CALLBACK (on_change_sent), f);
}

/* Runs the main loop until the run under way (and what it started) is over */
static void
settle (Fixture *f)
{
  while (eo_outbox_get_sending (f->outbox))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets seconds of the outbox's time pass: each time the timer is due, it fires and its run is
 * let finish. Returns how many times the timer fired. */
static guint
advance (Fixture *f,
         gint64   seconds)
{
  gint64 end = f->clock.now + seconds;
  guint n = 0;

  settle (f);
  while (f->clock.handle != 0 && f->clock.due <= end)
    {
      f->clock.now = f->clock.due;
      f->clock.handle = 0;
      f->clock.n_wakeups++;
      n++;
      g_assert_false (f->clock.func (f->clock.func_data));
      settle (f);

      /* Far more than any backoff allows in the stretches these tests let pass */
      if (n > 10000)
        break;
    }
  f->clock.now = end;

  return n;
}

/* A change queued straight into the store, for the shop account (NULL: no shop) */
static gint64
enqueue_for (Fixture    *f,
             const char *account,
             gint64      bill_id,
             const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (bill_id, status, date, NULL);
  gint64 id;

  eo_store_set_account (f->store, account);
  id = eo_store_outbox_enqueue (f->store, change, f->clock.now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static EoOutboxChange *
get_change (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  EoOutboxChange *change = eo_store_outbox_get (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (change);

  return change;
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* eo_outbox_submit_async, run to its answer */
static EoOutboxState
submit (Fixture  *f,
        gint64    bill_id,
        gint64   *out_id,
        GError  **out_failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (bill_id, "paid", date, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_DISCARDED;

  eo_outbox_submit_async (f->outbox, change, NULL, submit_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (eo_outbox_submit_finish (f->outbox, result, &state, out_failure, &error));
  g_assert_no_error (error);
  settle (f);

  /* Sent at once: the change sent last is this one */
  g_assert_cmpint (f->last_sent, >, 0);
  *out_id = f->last_sent;

  return state;
}

/* Another shop's due change: this shop's outbox neither sends it nor wakes up for it */
static void
test_other_shop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EoOutboxChange) change = NULL;
  gint64 id = enqueue_for (f, OTHER_SHOP, 1005, "paid");
  guint changed;

  fixture_start_outbox (f);
  eo_outbox_send_now (f->outbox);
  settle (f);
  changed = f->n_changed;

  /* Ten minutes: the change is listed, never sent, and nothing wakes the outbox */
  g_assert_cmpuint (advance (f, 600), ==, 0);
  g_assert_cmpuint (f->clock.handle, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, changed);
  g_assert_cmpuint (f->n_sent, ==, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 0);
  g_assert_cmpuint (eo_outbox_get_n_pending (f->outbox), ==, 1);

  change = get_change (f, id);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpint (change->attempts, ==, 0);
  g_assert_cmpstr (change->account, ==, OTHER_SHOP);
}

/* The outbox wakes up for this shop's change among another shop's: when its backoff ends */
static void
test_other_shop_and_own (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) failure = NULL;
  gint64 id;

  enqueue_for (f, OTHER_SHOP, 1005, "paid");
  fixture_start_outbox (f);
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  g_assert_cmpint (submit (f, 1003, &id, &failure), ==, EO_OUTBOX_STATE_PENDING);
  g_assert_nonnull (failure);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);

  change = get_change (f, id);
  g_assert_cmpint (change->attempts, ==, 1);
  g_assert_cmpuint (f->clock.handle, !=, 0);
  g_assert_cmpint (f->clock.due, ==, change->next_attempt);
  g_assert_cmpint (change->next_attempt, ==, START + EO_OUTBOX_BACKOFF_FIRST);

  /* Nothing before the backoff ends, however due the other shop's change is */
  g_assert_cmpuint (advance (f, EO_OUTBOX_BACKOFF_FIRST - 1), ==, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
  g_assert_cmpuint (advance (f, 1), ==, 1);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 2);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (f, id);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_DONE);

  g_assert_cmpuint (advance (f, 600), ==, 0);
  g_assert_cmpuint (f->clock.handle, ==, 0);
}

/* A later change of an order waits for the first one: the outbox wakes up when the first one
 * is due, not every second until then */
static void
test_behind_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EoOutboxChange) first = NULL;
  g_autoptr(EoOutboxChange) second = NULL;
  g_autoptr(GError) failure = NULL;
  gint64 first_id;
  gint64 second_id;

  fixture_start_outbox (f);
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  g_assert_cmpint (submit (f, 1003, &first_id, &failure), ==, EO_OUTBOX_STATE_PENDING);
  g_clear_error (&failure);

  /* Due now, but behind the first change of its order */
  second_id = enqueue_for (f, eo_demo_server_get_login (f->server), 1003, "cancel");
  g_assert_cmpint (second_id, !=, first_id);
  eo_outbox_send_now (f->outbox);
  settle (f);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);

  first = get_change (f, first_id);
  g_assert_cmpuint (f->clock.handle, !=, 0);
  g_assert_cmpint (f->clock.due, ==, first->next_attempt);
  g_assert_cmpuint (advance (f, EO_OUTBOX_BACKOFF_FIRST - 1), ==, 0);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
  g_assert_cmpuint (advance (f, 1), >=, 1);
  g_clear_pointer (&first, eo_outbox_change_unref);
  first = get_change (f, first_id);
  second = get_change (f, second_id);
  g_assert_cmpint (first->state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_cmpint (second->state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 3);
  g_assert_cmpuint (f->clock.handle, ==, 0);
}

/* A due change of this shop is sent and marked done, and nothing is left to wake up for */
static void
test_send (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(JsonNode) changes = NULL;
  JsonObject *sent;
  gint64 id;

  fixture_start_outbox (f);
  g_assert_cmpint (submit (f, 1005, &id, &failure), ==, EO_OUTBOX_STATE_DONE);
  g_assert_no_error (failure);
  g_assert_cmpuint (f->n_sent, ==, 1);
  g_assert_cmpuint (eo_outbox_get_n_pending (f->outbox), ==, 0);

  changes = eo_demo_server_dup_changes (f->server);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 1);
  sent = json_array_get_object_element (json_node_get_array (changes), 0);
  g_assert_cmpint (json_object_get_int_member (sent, "bill_id"), ==, 1005);
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "paid");

  change = get_change (f, id);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_cmpint (change->bill_id, ==, 1005);
  g_assert_cmpstr (change->account, ==, eo_demo_server_get_login (f->server));
  g_assert_cmpuint (f->clock.handle, ==, 0);
  g_assert_cmpuint (advance (f, 600), ==, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
}

/* A change that fails with a passing error backs off: 5 s, then 10 s, then it goes through */
static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) failure = NULL;
  gint64 id;

  fixture_start_outbox (f);
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  g_assert_cmpint (submit (f, 1005, &id, &failure), ==, EO_OUTBOX_STATE_PENDING);
  g_assert_error (failure, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_assert_cmpint (id, >, 0);

  change = get_change (f, id);
  g_assert_cmpint (change->attempts, ==, 1);
  g_assert_cmpint (change->next_attempt, ==, START + EO_OUTBOX_BACKOFF_FIRST);
  g_assert_cmpint (f->clock.due, ==, START + EO_OUTBOX_BACKOFF_FIRST);

  g_assert_cmpuint (advance (f, EO_OUTBOX_BACKOFF_FIRST - 1), ==, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
  g_assert_cmpuint (advance (f, 1), ==, 1);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 2);

  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (f, id);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpint (change->attempts, ==, 2);
  g_assert_cmpint (change->next_attempt, ==, f->clock.now + 2 * EO_OUTBOX_BACKOFF_FIRST);
  g_assert_cmpint (f->clock.due, ==, change->next_attempt);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
  g_assert_cmpuint (advance (f, 2 * EO_OUTBOX_BACKOFF_FIRST), ==, 1);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 3);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (f, id);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_cmpuint (f->clock.handle, ==, 0);
  g_assert_cmpuint (f->n_sent, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* everything here is on loopback: the desktop's proxy settings (libproxy) do not apply */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outbox/send", Fixture, NULL, fixture_set_up, test_send, fixture_tear_down);
  g_test_add ("/outbox/backoff", Fixture, NULL, fixture_set_up, test_backoff, fixture_tear_down);
  g_test_add ("/outbox/other-shop", Fixture, NULL, fixture_set_up, test_other_shop,
              fixture_tear_down);
  g_test_add ("/outbox/other-shop-and-own", Fixture, NULL, fixture_set_up,
              test_other_shop_and_own, fixture_tear_down);
  g_test_add ("/outbox/behind-order", Fixture, NULL, fixture_set_up, test_behind_order,
              fixture_tear_down);

  return g_test_run ();
}
