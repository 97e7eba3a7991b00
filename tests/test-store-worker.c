/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-worker.c: the _async calls run one at a time, in order, on the store's own thread */

#include "config.h"

#include "store-test-util.h"

#include <string.h>

#define N_ROUNDS 200
#define BILL_ID  1001

/* What the callbacks saw, in the order they came */
typedef struct
{
  GArray    *arrivals;   /* guint: the submission number of each callback */
  GPtrArray *jsons;      /* char *: what each read saw, by round */
  GArray    *ids;        /* gint64: each enqueue's id, by round */
  guint      pending;
} Run;

typedef struct
{
  Run   *run;
  guint  number;         /* submission number */
  guint  round;
} Call;

static Call *
call_new (Run   *run,
          guint  number,
          guint  round)
{
  Call *call = g_new0 (Call, 1);

  call->run = run;
  call->number = number;
  call->round = round;
  run->pending++;

  return call;
}

static void
arrived (Call *call)
{
  g_array_append_val (call->run->arrivals, call->number);
  call->run->pending--;
  g_free (call);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eo_store_save_order_finish (EO_STORE (object), result, &error));
  g_assert_no_error (error);
  arrived (user_data);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  char *json = eo_store_get_order_json_finish (EO_STORE (object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_ptr_array_index (call->run->jsons, call->round) = json;
  arrived (call);
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = eo_store_outbox_enqueue_finish (EO_STORE (object), result, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_array_index (call->run->ids, gint64, call->round) = id;
  arrived (call);
}

/*
 * Each round: save version r of one order, read it back, queue a change. The read must see
 * exactly the version saved just before it (not an older one, nor a later one), the changes'
 * ids must grow round by round, and the callbacks must come in the order the calls were made.
 */
static void
test_worker_fifo (Fixture       *fixture,
                  gconstpointer  data)
{
  Run run = { 0 };
  guint number = 0;

  run.arrivals = g_array_new (FALSE, FALSE, sizeof (guint));
  run.jsons = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (run.jsons, N_ROUNDS);
  run.ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (run.ids, N_ROUNDS);

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"%d\",\"first_name\":\"v%u\"}",
                                               BILL_ID, r);
      g_autoptr(EoOrder) order = order_from_json (json);
      g_autoptr(EoOutboxChange) change = eo_outbox_change_new (2000 + r, "cancel", NULL, NULL);

      eo_store_save_order_async (fixture->store, order, 100 + r, NULL, saved_cb,
                                 call_new (&run, number++, r));
      eo_store_get_order_json_async (fixture->store, BILL_ID, NULL, read_cb,
                                     call_new (&run, number++, r));
      eo_store_outbox_enqueue_async (fixture->store, change, 100 + r, NULL, enqueued_cb,
                                     call_new (&run, number++, r));
    }

  while (run.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (run.arrivals->len, ==, number);
  for (guint i = 0; i < run.arrivals->len; i++)
    g_assert_cmpuint (g_array_index (run.arrivals, guint, i), ==, i);

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autofree char *version = g_strdup_printf ("\"first_name\":\"v%u\"", r);

      g_assert_nonnull (strstr (g_ptr_array_index (run.jsons, r), version));
      if (r > 0)
        g_assert_cmpint (g_array_index (run.ids, gint64, r), >,
                         g_array_index (run.ids, gint64, r - 1));
    }

  g_array_unref (run.arrivals);
  g_ptr_array_unref (run.jsons);
  g_array_unref (run.ids);
}

/* Calls still queued when the caller drops its reference all finish (the task holds the
 * store), and the last reference closes the store and ends its thread */
static void
test_worker_unref_while_queued (Fixture       *fixture,
                                gconstpointer  data)
{
  Run run = { 0 };
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  run.arrivals = g_array_new (FALSE, FALSE, sizeof (guint));
  run.ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (run.ids, 20);

  for (guint r = 0; r < 20; r++)
    {
      g_autoptr(EoOutboxChange) change = eo_outbox_change_new (3000 + r, "cancel", NULL, NULL);

      eo_store_outbox_enqueue_async (fixture->store, change, 100, NULL, enqueued_cb,
                                     call_new (&run, r, r));
    }
  g_clear_object (&fixture->store);

  while (run.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  /* The last callback's task may still hold the store: let it go */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (run.arrivals->len, ==, 20);
  reopen (fixture);
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 20);

  g_array_unref (run.arrivals);
  g_array_unref (run.ids);
}

/* A change queued with _async keeps the shop it names, as with the synchronous call */
static void
test_worker_enqueue_account (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (1, "cancel", NULL, NULL);
  g_autoptr(EoOutboxChange) stored = NULL;
  g_autoptr(EoOutboxChange) untagged = eo_outbox_change_new (2, "cancel", NULL, NULL);
  g_autoptr(EoOutboxChange) stored_untagged = NULL;
  GAsyncResult *result = NULL;
  gint64 id;

  g_free (change->account);
  change->account = g_strdup ("shop-a");
  eo_store_set_account (fixture->store, "shop-b");

  eo_store_outbox_enqueue_async (fixture->store, change, 100, NULL, store_result_cb, &result);
  id = eo_store_outbox_enqueue_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  stored = get_change (fixture->store, id);
  g_assert_cmpstr (stored->account, ==, "shop-a");

  /* A change naming no shop is for the store's shop at the time of the call */
  eo_store_outbox_enqueue_async (fixture->store, untagged, 100, NULL, store_result_cb, &result);
  eo_store_set_account (fixture->store, "shop-c");
  id = eo_store_outbox_enqueue_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  stored_untagged = get_change (fixture->store, id);
  g_assert_cmpstr (stored_untagged->account, ==, "shop-b");
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GDateTime) date = date_at (1700000000);
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (1001, "sent", date, "62001411000016");
  g_autoptr(GError) network = g_error_new_literal (EO_ERROR, EO_ERROR_TIMEOUT, "Timed out");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *json = NULL;
  GAsyncResult *result = NULL;
  EoOutboxState state;
  gint64 id;

  eo_store_open_async (fixture->path, NULL, store_result_cb, &result);
  store = eo_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  fill_search_orders (store);

  eo_store_search_async (store, "Москва", 10, NULL, store_result_cb, &result);
  found = eo_store_search_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&result);

  eo_store_recent_orders_async (store, 3, NULL, store_result_cb, &result);
  recent = eo_store_recent_orders_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 3);
  g_clear_object (&result);

  eo_store_get_order_json_async (store, 1002, NULL, store_result_cb, &result);
  json = eo_store_get_order_json_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_clear_object (&result);

  /* A search cancelled (replaced by a newer one) reports that */
  g_cancellable_cancel (cancellable);
  eo_store_search_async (store, "Москва", 10, cancellable, store_result_cb, &result);
  g_assert_null (eo_store_search_finish (store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  eo_store_outbox_enqueue_async (store, change, 100, NULL, store_result_cb, &result);
  id = eo_store_outbox_enqueue_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&result);

  g_free (claim_ids (store, 100, 1));
  eo_store_outbox_complete_async (store, id, network, 100, NULL, store_result_cb, &result);
  g_assert_true (eo_store_outbox_complete_finish (store, wait_for (&result), &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  g_clear_object (&result);

  eo_store_open_async ("/proc/no-such-dir/orders.db", NULL, store_result_cb, &result);
  g_assert_null (eo_store_open_finish (wait_for (&result), &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_OPEN);
  g_clear_object (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/async", test_async);
  ADD ("/store/worker/fifo", test_worker_fifo);
  ADD ("/store/worker/unref-while-queued", test_worker_unref_while_queued);
  ADD ("/store/worker/enqueue-account", test_worker_enqueue_account);

  return g_test_run ();
}
