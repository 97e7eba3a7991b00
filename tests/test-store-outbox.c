/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-outbox.c: the outbox: sending order, dedup, shops, checks, backoff, refusals, log */

#include "config.h"

#include "store-test-util.h"

static void
test_outbox_ordering (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  gint64 a, b, c, a2;
  gint64 when = 0;

  a = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  b = enqueue (fixture->store, 2, "sent", 1700000000, "62001411000016", 110, NULL);
  c = enqueue (fixture->store, 3, "cancel", 0, NULL, 120, NULL);
  /* A second change of order 1 waits for the first */
  a2 = enqueue (fixture->store, 1, "sent", 1700000000, "RA123456785RU", 130, NULL);

  g_assert_true (eo_store_outbox_next_attempt (fixture->store, &when, &error));
  g_assert_cmpint (when, ==, 100);

  /* Nothing is due before it was queued */
  ids = claim_ids (fixture->store, 99, 10);
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  /* Oldest first, up to the limit */
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b);

    ids = claim_ids (fixture->store, 1000, 2);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }
  {
    g_autofree char *expected = NULL;

    /* a and b are in flight: c is next; a2 waits behind a */
    ids = claim_ids (fixture->store, 1000, 10);
    expected = g_strdup_printf ("%" G_GINT64_FORMAT, c);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }

  g_assert_true (eo_store_outbox_mark_done (fixture->store, a, 1001, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, a2);

    ids = claim_ids (fixture->store, 1001, 10);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }

  /* Released (cancelled): due again */
  eo_store_outbox_release (fixture->store, b);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, b);

    ids = claim_ids (fixture->store, 1001, 10);
    g_assert_cmpstr (ids, ==, expected);
  }
}

static void
test_outbox_ordering_exact (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 ids[4];

  /* Queued in one order, due in another after failures */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = enqueue (fixture->store, 10 + i, "cancel", 0, NULL, 100 + i, NULL);

  due = eo_store_outbox_claim_due (fixture->store, 200, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (((EoOutboxChange *) due->pdata[i])->id, ==, ids[i]);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* ids[0] fails twice (due at 300 + 10), ids[1] once (due at 300 + 5) */
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[0], TRUE, "timeout", 295, &error));
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[0], TRUE, "timeout", 300, &error));
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[1], TRUE, "timeout", 300, &error));
  g_assert_no_error (error);
  eo_store_outbox_release (fixture->store, ids[2]);
  eo_store_outbox_release (fixture->store, ids[3]);

  due = eo_store_outbox_claim_due (fixture->store, 400, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[0])->id, ==, ids[2]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[1])->id, ==, ids[3]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[2])->id, ==, ids[1]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[3])->id, ==, ids[0]);
}

static void
test_outbox_dedup (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) many = NULL;
  gboolean existing = TRUE;
  gint64 a, again, other_rpo, other_date, done_again;

  a = enqueue (fixture->store, 7, "sent", 1700000000, "62001411000016", 100, &existing);
  g_assert_false (existing);

  /* The same change, typed differently: the same row */
  again = enqueue (fixture->store, 7, "sent", 1700000000, " 6200 1411-000016 ", 200, &existing);
  g_assert_true (existing);
  g_assert_cmpint (again, ==, a);

  other_rpo = enqueue (fixture->store, 7, "sent", 1700000000, "RA123456785RU", 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (other_rpo, !=, a);

  other_date = enqueue (fixture->store, 7, "sent", 1700000001, "62001411000016", 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (other_date, !=, a);

  /* Once done, the same change may be made again (a new row) */
  g_assert_true (eo_store_outbox_mark_done (fixture->store, a, 300, &error));
  g_assert_no_error (error);
  done_again = enqueue (fixture->store, 7, "sent", 1700000000, "62001411000016", 400, &existing);
  g_assert_false (existing);
  g_assert_cmpint (done_again, !=, a);

  /* Many at once: duplicates inside the list and of pending rows collapse */
  many = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_add (many, eo_outbox_change_new (8, "cancel", NULL, NULL));
  g_ptr_array_add (many, eo_outbox_change_new (8, "cancel", NULL, NULL));
  g_ptr_array_add (many, eo_outbox_change_new (7, "sent", NULL, "RA123456785RU"));
  g_assert_false (eo_store_outbox_enqueue_many (fixture->store, many, 500, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* All or none: nothing of it was queued */
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  g_clear_pointer (&pending, g_ptr_array_unref);

  g_ptr_array_remove_index (many, 2);
  g_assert_true (eo_store_outbox_enqueue_many (fixture->store, many, 500, &error));
  g_assert_no_error (error);
  g_assert_cmpint (((EoOutboxChange *) many->pdata[0])->id, ==,
                   ((EoOutboxChange *) many->pdata[1])->id);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 4);
  /* Oldest first */
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->id, ==, other_rpo);
}

/* A change is for the shop it was made for: another shop's account never sends it */
static void
test_outbox_accounts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(EoOutboxChange) a = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gboolean existing = TRUE;
  gint64 for_a, for_b, same_for_b, legacy;

  /* From before shops were recorded: any shop may send it */
  g_assert_null (eo_store_get_account (fixture->store));
  legacy = enqueue (fixture->store, 3, "cancel", 0, NULL, 100, NULL);

  eo_store_set_account (fixture->store, "shop-a");
  g_assert_cmpstr (eo_store_get_account (fixture->store), ==, "shop-a");
  for_a = enqueue (fixture->store, 1, "sent", 1700000000, "62001411000016", 100, NULL);
  a = get_change (fixture->store, for_a);
  g_assert_cmpstr (a->account, ==, "shop-a");
  g_assert_true (eo_outbox_change_is_for (a, "shop-a"));
  g_assert_false (eo_outbox_change_is_for (a, "shop-b"));
  g_assert_false (eo_outbox_change_is_for (a, NULL));

  eo_store_set_account (fixture->store, "shop-b");
  for_b = enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);
  /* the same change for another shop is a change of its own, not a duplicate */
  same_for_b = enqueue (fixture->store, 1, "sent", 1700000000, "62001411000016", 100, &existing);
  g_assert_false (existing);
  g_assert_cmpint (same_for_b, !=, for_a);

  /* shop-b sends its own and the unrecorded one, never shop-a's */
  ids = claim_ids_released (fixture->store, 1000, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              legacy, for_b, same_for_b);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);

  /* shop-a's is listed, waiting for its shop */
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 4);
  g_assert_cmpstr (((EoOutboxChange *) pending->pdata[0])->account, ==, "");
  g_assert_true (eo_outbox_change_is_for (pending->pdata[0], "shop-b"));
  g_assert_cmpstr (((EoOutboxChange *) pending->pdata[1])->account, ==, "shop-a");

  /* back on shop-a: its change goes out (the order's own sequence is per shop) */
  eo_store_set_account (fixture->store, "shop-a");
  ids = claim_ids_released (fixture->store, 1000, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, legacy, for_a);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);

  /* no shop set: all of them */
  eo_store_set_account (fixture->store, NULL);
  ids = claim_ids_released (fixture->store, 1000, 10);
  {
    g_auto(GStrv) each = g_strsplit (ids, ",", -1);

    /* order 1 has a change for each shop: one waits while the other is in flight */
    g_assert_cmpuint (g_strv_length (each), ==, 3);
  }
}

static void
test_outbox_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  struct {
    gint64      bill_id;
    const char *status;
    gint64      date;
    const char *rpo;
  } bad[] = {
    { 0, "paid", 1700000000, NULL },
    { 1, "shipped", 1700000000, NULL },
    { 1, "sent", 1700000000, NULL },
    { 1, "sent", 1700000000, "  " },
    { 1, "sent", 0, "62001411000016" },
    { 1, "paid", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = bad[i].date != 0 ? date_at (bad[i].date) : NULL;
      g_autoptr(EoOutboxChange) change = eo_outbox_change_new (bad[i].bill_id, bad[i].status,
                                                               date, bad[i].rpo);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (eo_store_outbox_enqueue (fixture->store, change, 100, NULL, &error), ==, 0);
      g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
    }

  /* return and cancel need neither */
  enqueue (fixture->store, 1, "return", 0, NULL, 100, NULL);
  enqueue (fixture->store, 1, "cancel", 0, NULL, 100, NULL);
}

static void
test_outbox_backoff (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) network = g_error_new_literal (EO_ERROR, EO_ERROR_NETWORK, "No route to host");
  EoOutboxState state = EO_OUTBOX_STATE_DONE;
  gint64 now = 1000;
  gint64 id;
  gint64 expected_delay = 5;

  g_assert_cmpint (eo_outbox_backoff_delay (1), ==, 5);
  g_assert_cmpint (eo_outbox_backoff_delay (2), ==, 10);
  g_assert_cmpint (eo_outbox_backoff_delay (3), ==, 20);
  g_assert_cmpint (eo_outbox_backoff_delay (9), ==, 1280);
  g_assert_cmpint (eo_outbox_backoff_delay (10), ==, EO_OUTBOX_BACKOFF_MAX);
  g_assert_cmpint (eo_outbox_backoff_delay (1000), ==, EO_OUTBOX_BACKOFF_MAX);

  id = enqueue (fixture->store, 42, "paid", 1700000000, NULL, now, NULL);

  for (guint attempt = 1; attempt <= 12; attempt++)
    {
      g_autofree char *ids = claim_ids (fixture->store, now, 10);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_assert_cmpstr (ids, ==, expected);

      /* Network failures are retried, later each time */
      g_assert_true (eo_store_outbox_complete (fixture->store, id, network, now, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);

      g_clear_pointer (&change, eo_outbox_change_unref);
      change = get_change (fixture->store, id);
      g_assert_cmpuint (change->attempts, ==, attempt);
      g_assert_cmpint (change->next_attempt, ==, now + expected_delay);
      g_assert_cmpstr (change->last_error, ==, "No route to host");

      /* Not a second early */
      g_clear_pointer (&ids, g_free);
      ids = claim_ids (fixture->store, now + expected_delay - 1, 10);
      g_assert_cmpstr (ids, ==, "");

      now += expected_delay;
      expected_delay = MIN (expected_delay * 2, EO_OUTBOX_BACKOFF_MAX);
    }

  /* A person's retry makes it due now and starts the backoff over */
  g_assert_true (eo_store_outbox_retry (fixture->store, id, now - 100, &error));
  g_assert_no_error (error);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (fixture->store, id);
  g_assert_cmpuint (change->attempts, ==, 0);
  g_assert_cmpint (change->next_attempt, ==, now - 100);

  /* Then it works */
  {
    g_autofree char *ids = claim_ids (fixture->store, now, 10);

    g_assert_cmpstr (ids, !=, "");
  }
  g_assert_true (eo_store_outbox_complete (fixture->store, id, NULL, now, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_false (eo_store_outbox_next_attempt (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_outbox_refusal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refusal = eo_error_new_from_api (3, "wrong posted data");
  g_autoptr(GError) bad_signature = g_error_new_literal (EO_ERROR, EO_ERROR_BAD_SIGNATURE,
                                                         "The reply's signature is wrong");
  g_autoptr(GError) rate_limit = eo_error_new_from_api (8, "limit");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  EoOutboxState state;
  gint64 refused, tampered, limited, requeued;
  gboolean existing;

  refused = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  tampered = enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);
  limited = enqueue (fixture->store, 3, "paid", 1700000000, NULL, 100, NULL);
  g_free (claim_ids (fixture->store, 100, 10));

  g_assert_true (eo_store_outbox_complete (fixture->store, refused, refusal, 101, &state, &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_FAILED);
  g_assert_true (eo_store_outbox_complete (fixture->store, tampered, bad_signature, 101, &state,
                                           &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_FAILED);
  /* Code 8 (rate limit) is worth retrying */
  g_assert_true (eo_store_outbox_complete (fixture->store, limited, rate_limit, 101, &state, &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_no_error (error);

  /* Refused changes are never due again, however late it gets */
  {
    g_autofree char *ids = claim_ids (fixture->store, G_MAXINT32, 10);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, limited);

    g_assert_cmpstr (ids, ==, expected);
  }

  /* Cancelled: nothing changes, it is just free to be claimed again */
  g_assert_true (eo_store_outbox_complete (fixture->store, limited, cancelled, 102, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  change = get_change (fixture->store, limited);
  g_assert_cmpuint (change->attempts, ==, 1);

  /* The person sees them, with the service's reason */
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 2);
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->id, ==, refused);
  g_assert_nonnull (strstr (((EoOutboxChange *) failed->pdata[0])->last_error, "wrong posted data"));
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->state, ==, EO_OUTBOX_STATE_FAILED);

  /* Queueing the same change again puts the failed one back (one row, not two) */
  requeued = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (requeued, ==, refused);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (fixture->store, refused);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpstr (change->last_error, ==, "");

  /* The person drops the other one */
  g_assert_true (eo_store_outbox_discard (fixture->store, tampered, 300, &error));
  g_assert_no_error (error);
  g_clear_pointer (&failed, g_ptr_array_unref);
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_cmpuint (failed->len, ==, 0);

  /* A done change cannot be dropped; an unknown one is not found */
  g_assert_true (eo_store_outbox_mark_done (fixture->store, refused, 400, &error));
  g_assert_false (eo_store_outbox_discard (fixture->store, refused, 400, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (eo_store_outbox_mark_done (fixture->store, 9999, 400, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The log tells the story of order 1, newest first */
  log = eo_store_list_log (fixture->store, 1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 4);
  g_assert_cmpint (((EoLogEntry *) log->pdata[0])->result, ==, EO_LOG_DONE);
  g_assert_cmpint (((EoLogEntry *) log->pdata[0])->at, ==, 400);
  g_assert_cmpint (((EoLogEntry *) log->pdata[1])->result, ==, EO_LOG_QUEUED);
  g_assert_cmpint (((EoLogEntry *) log->pdata[2])->result, ==, EO_LOG_FAILED);
  g_assert_nonnull (strstr (((EoLogEntry *) log->pdata[2])->message, "wrong posted data"));
  g_assert_cmpint (((EoLogEntry *) log->pdata[3])->result, ==, EO_LOG_QUEUED);
  g_assert_cmpstr (((EoLogEntry *) log->pdata[3])->status, ==, "paid");
  g_assert_cmpint (g_date_time_to_unix (((EoLogEntry *) log->pdata[3])->date), ==, 1700000000);
  g_clear_pointer (&log, g_ptr_array_unref);

  log = eo_store_list_log (fixture->store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 9);
}

static void
test_outbox_retry_duplicate (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  gint64 first, second;

  /* A change refused, queued again by hand: the refused copy is not revived beside it */
  first = enqueue (fixture->store, 5, "cancel", 0, NULL, 100, NULL);
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, first, FALSE, "no", 101, &error));
  g_assert_no_error (error);
  raw_exec (fixture->path, "INSERT INTO outbox (bill_id, status, rpo, state, created_at, next_attempt)"
                           " VALUES (5, 'cancel', '', 0, 102, 102)");
  second = raw_int (fixture->path, "SELECT max(id) FROM outbox");

  g_assert_true (eo_store_outbox_retry (fixture->store, first, 200, &error));
  g_assert_no_error (error);
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->id, ==, second);
  change = get_change (fixture->store, first);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_DISCARDED);
}

static void
test_outbox_durable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  EoOutboxChange *change;
  gint64 id;

  id = enqueue (fixture->store, 77, "sent", 1700000000, "62001411000016", 100, NULL);
  g_free (claim_ids (fixture->store, 100, 10));

  /* The app dies with the change in flight */
  reopen (fixture);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  change = pending->pdata[0];
  g_assert_cmpint (change->id, ==, id);
  g_assert_cmpint (change->bill_id, ==, 77);
  g_assert_cmpstr (change->status, ==, "sent");
  g_assert_cmpstr (change->rpo, ==, "62001411000016");
  g_assert_cmpint (g_date_time_to_unix (change->date), ==, 1700000000);
  g_assert_cmpint (change->created_at, ==, 100);

  /* And it is due again at once */
  claimed = eo_store_outbox_claim_due (fixture->store, 100, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
}

/* The sender's primitives: claim (async), then record a batch of outcomes in one go */
static void
test_outbox_complete_many (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) network = g_error_new_literal (EO_ERROR, EO_ERROR_NETWORK, "refused");
  g_autoptr(GError) refusal = eo_error_new_from_api (302, "no such order");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(EoOutboxChange) done = NULL;
  g_autoptr(EoOutboxChange) retried = NULL;
  g_autoptr(EoOutboxChange) failed = NULL;
  g_autoptr(EoOutboxChange) released = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *result = NULL;
  gint64 id[4];

  for (guint i = 0; i < G_N_ELEMENTS (id); i++)
    id[i] = enqueue (fixture->store, 10 + i, "cancel", 0, NULL, 100, NULL);

  /* Cancelled before it runs: nothing is claimed */
  g_cancellable_cancel (cancellable);
  eo_store_outbox_claim_due_async (fixture->store, 100, 10, cancellable, store_result_cb,
                                   &result);
  g_assert_null (eo_store_outbox_claim_due_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  eo_store_outbox_claim_due_async (fixture->store, 100, 10, NULL, store_result_cb, &result);
  claimed = eo_store_outbox_claim_due_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 4);
  g_clear_object (&result);

  /* In flight: not claimed twice */
  ids = claim_ids (fixture->store, 100, 10);
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_outcome_free);
  g_ptr_array_add (outcomes, eo_outbox_outcome_new (id[0], NULL));
  g_ptr_array_add (outcomes, eo_outbox_outcome_new (id[1], network));
  g_ptr_array_add (outcomes, eo_outbox_outcome_new (id[2], refusal));
  g_ptr_array_add (outcomes, eo_outbox_outcome_new (id[3], cancelled));
  eo_store_outbox_complete_many_async (fixture->store, outcomes, 200, NULL, store_result_cb,
                                       &result);
  g_assert_true (eo_store_outbox_complete_many_finish (fixture->store, wait_for (&result),
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  done = get_change (fixture->store, id[0]);
  g_assert_cmpint (done->state, ==, EO_OUTBOX_STATE_DONE);
  retried = get_change (fixture->store, id[1]);
  g_assert_cmpint (retried->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (retried->attempts, ==, 1);
  g_assert_cmpint (retried->next_attempt, ==, 200 + EO_OUTBOX_BACKOFF_FIRST);
  failed = get_change (fixture->store, id[2]);
  g_assert_cmpint (failed->state, ==, EO_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (failed->last_error, ==, refusal->message);
  released = get_change (fixture->store, id[3]);
  g_assert_cmpint (released->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (released->attempts, ==, 0);

  /* Every one given back: the released one is due at once, the retried one after its backoff */
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, id[3]);
  ids = claim_ids_released (fixture->store, 200, 10);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);

  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, id[3], id[1]);
  ids = claim_ids_released (fixture->store, 200 + EO_OUTBOX_BACKOFF_FIRST, 10);
  g_assert_cmpstr (ids, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/outbox/ordering", test_outbox_ordering);
  ADD ("/store/outbox/ordering-after-backoff", test_outbox_ordering_exact);
  ADD ("/store/outbox/dedup", test_outbox_dedup);
  ADD ("/store/outbox/accounts", test_outbox_accounts);
  ADD ("/store/outbox/invalid", test_outbox_invalid);
  ADD ("/store/outbox/backoff", test_outbox_backoff);
  ADD ("/store/outbox/refusal", test_outbox_refusal);
  ADD ("/store/outbox/retry-duplicate", test_outbox_retry_duplicate);
  ADD ("/store/outbox/durable", test_outbox_durable);
  ADD ("/store/outbox/complete-many", test_outbox_complete_many);

  return g_test_run ();
}
