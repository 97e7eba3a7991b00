/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outbox-sender.c: sending the outbox's due changes a few at a time, against a fake service */

#include "config.h"

#include "store-test-util.h"

#include "eo-outbox-sender.h"

typedef struct
{
  guint      running;
  guint      max_running;
  GPtrArray *sent;        /* EoOutboxChange, in the order they were started */
  guint      progress_calls;
  guint      progress_failed;
} FakeService;

static gboolean
fake_reply_cb (gpointer data)
{
  GTask *task = data;
  FakeService *service = g_task_get_task_data (task);
  EoOutboxChange *change = g_object_get_data (G_OBJECT (task), "change");

  service->running--;

  if (change->bill_id == 2)
    g_task_return_new_error (task, EO_ERROR, EO_ERROR_NETWORK, "Connection refused");
  else if (change->bill_id == 3)
    g_task_return_error (task, eo_error_new_from_api (302, "no such order"));
  else if (change->bill_id == 4)
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static void
fake_send (EoOutboxChange      *change,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             callback_data,
           gpointer             user_data)
{
  FakeService *service = user_data;
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);

  g_task_set_task_data (task, service, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "change", eo_outbox_change_ref (change),
                          (GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_add (service->sent, eo_outbox_change_ref (change));
  service->running++;
  service->max_running = MAX (service->max_running, service->running);
  g_idle_add_full (G_PRIORITY_DEFAULT, fake_reply_cb, g_object_ref (task), g_object_unref);
}

static gboolean
fake_finish (GAsyncResult  *result,
             GError       **error,
             gpointer       user_data)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_progress (EoOutboxChange *change,
               EoOutboxState   state,
               const GError   *error,
               gpointer        user_data)
{
  FakeService *service = user_data;

  service->progress_calls++;
  if (state == EO_OUTBOX_STATE_FAILED)
    {
      service->progress_failed++;
      g_assert_nonnull (error);
      g_assert_true (eo_error_is_refusal (error));
    }
}

static void
test_outbox_send_due (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  FakeService service = { 0 };
  GAsyncResult *result = NULL;
  guint done = 0, refused = 0, retry = 0;
  gint64 first_of_1, second_of_1;
  gint64 first_pos = -1, second_pos = -1;

  service.sent = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);

  first_of_1 = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);   /* network: retried */
  enqueue (fixture->store, 3, "paid", 1700000000, NULL, 100, NULL);   /* refused */
  for (gint64 bill = 10; bill < 20; bill++)
    enqueue (fixture->store, bill, "cancel", 0, NULL, 100, NULL);
  second_of_1 = enqueue (fixture->store, 1, "sent", 1700000000, RPO_FOR_SEND, 100, NULL);

  eo_outbox_sender_send_due_async (fixture->store, 200, 3, fake_send, fake_finish, fake_progress,
                                   &service, NULL, store_result_cb, &result);
  g_assert_true (eo_outbox_sender_send_due_finish (fixture->store, wait_for (&result), &done,
                                                   &refused, &retry, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Every change once, never more than 3 at a time; order 1's two changes in order */
  g_assert_cmpuint (service.sent->len, ==, 14);
  g_assert_cmpuint (service.max_running, ==, 3);
  for (guint i = 0; i < service.sent->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (service.sent, i);

      if (change->id == first_of_1)
        first_pos = i;
      if (change->id == second_of_1)
        second_pos = i;
    }
  g_assert_cmpint (first_pos, >=, 0);
  g_assert_cmpint (second_pos, >, first_pos);

  g_assert_cmpuint (done, ==, 12);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpuint (retry, ==, 1);
  g_assert_cmpuint (service.progress_calls, ==, 14);
  g_assert_cmpuint (service.progress_failed, ==, 1);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->bill_id, ==, 2);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->next_attempt, ==, 205);
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->bill_id, ==, 3);

  /* Nothing due: it finishes at once */
  g_ptr_array_set_size (service.sent, 0);
  eo_outbox_sender_send_due_async (fixture->store, 200, 0, fake_send, fake_finish, NULL,
                                   &service, NULL, store_result_cb, &result);
  g_assert_true (eo_outbox_sender_send_due_finish (fixture->store, wait_for (&result), &done,
                                                   NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (service.sent->len, ==, 0);
  g_clear_object (&result);

  g_ptr_array_unref (service.sent);
}

static void
test_outbox_send_cancelled (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FakeService service = { 0 };
  GAsyncResult *result = NULL;

  service.sent = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);

  /* Order 4's reply honours the cancellable: cancelled before it comes, it stays pending */
  enqueue (fixture->store, 4, "cancel", 0, NULL, 100, NULL);
  eo_outbox_sender_send_due_async (fixture->store, 200, 4, fake_send, fake_finish, fake_progress,
                                   &service, cancellable, store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (eo_outbox_sender_send_due_finish (fixture->store, wait_for (&result), NULL,
                                                    NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_clear_error (&error);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpuint (((EoOutboxChange *) pending->pdata[0])->attempts, ==, 0);
  g_assert_cmpuint (service.progress_calls, ==, 0);

  g_ptr_array_unref (service.sent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/outbox-sender/send-due", test_outbox_send_due);
  ADD ("/outbox-sender/send-cancelled", test_outbox_send_cancelled);

  return g_test_run ();
}
