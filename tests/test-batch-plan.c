/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-batch-plan.c: a batch file's rows against the shop's log and outbox (EoBatchPlan) */

#include "config.h"

#include <glib/gstdio.h>

#include "eo-batch-plan.h"

/* Valid Russian Post numbers (the last digit is the check digit) */
#define RPO_A "62001411000016"

typedef struct
{
  char    *dir;
  char    *path;
  EoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->store = eo_store_open (fixture->path, &error);
  g_assert_no_error (error);
  eo_store_set_account (fixture->store, "shop-a");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffix, NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GPtrArray *
parse (const char *csv)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2024, 3, 2, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = eo_batch_file_parse (csv, strlen (csv), now, &error);

  g_assert_no_error (error);
  return rows;
}

static EoBatchPlanAction
action_at (GPtrArray *plan,
           guint      i)
{
  return ((EoBatchPlanItem *) g_ptr_array_index (plan, i))->action;
}

/* Queues the plan's new changes and has the service confirm them */
static void
send_all (EoStore   *store,
          GPtrArray *plan)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < plan->len; i++)
    {
      EoBatchPlanItem *item = g_ptr_array_index (plan, i);

      if (item->action == EO_BATCH_PLAN_QUEUE)
        g_ptr_array_add (changes, item->change);
    }
  g_assert_true (eo_store_outbox_enqueue_many (store, changes, 1000, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpint (change->id, >, 0);
      g_assert_true (eo_store_outbox_mark_done (store, change->id, 1001, &error));
      g_assert_no_error (error);
    }
}

/* The second run of a file sends nothing the shop already confirmed */
static void
test_second_run_skips_sent (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A "\n1002;RA123456785RU\n1003;12345\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  first = eo_batch_plan_make (fixture->store, rows, TRUE, now, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpint (action_at (first, 0), ==, EO_BATCH_PLAN_QUEUE);
  g_assert_cmpint (action_at (first, 1), ==, EO_BATCH_PLAN_QUEUE);
  g_assert_cmpint (action_at (first, 2), ==, EO_BATCH_PLAN_SKIP);
  send_all (fixture->store, first);

  /* Later, with another "now": the rows have no date, so any date it was sent with counts */
  {
    g_autoptr(GDateTime) later = g_date_time_add_hours (now, 5);

    second = eo_batch_plan_make (fixture->store, rows, TRUE, later, FALSE, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (action_at (second, 0), ==, EO_BATCH_PLAN_ALREADY_SENT);
  g_assert_cmpint (action_at (second, 1), ==, EO_BATCH_PLAN_ALREADY_SENT);
  g_assert_cmpint (action_at (second, 2), ==, EO_BATCH_PLAN_SKIP);
  g_assert_cmpuint (eo_batch_plan_count (second, EO_BATCH_PLAN_QUEUE), ==, 0);
}

/* A date given for the whole file: sent before with another date is a new change */
static void
test_own_date_must_match (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A "\n");
  g_autoptr(GDateTime) march = g_date_time_new_local (2024, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) april = g_date_time_new_local (2024, 4, 1, 12, 0, 0);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GError) error = NULL;

  first = eo_batch_plan_make (fixture->store, rows, FALSE, march, TRUE, &error);
  g_assert_no_error (error);
  send_all (fixture->store, first);

  same = eo_batch_plan_make (fixture->store, rows, FALSE, march, TRUE, &error);
  g_assert_cmpint (action_at (same, 0), ==, EO_BATCH_PLAN_ALREADY_SENT);
  other = eo_batch_plan_make (fixture->store, rows, FALSE, april, TRUE, &error);
  g_assert_cmpint (action_at (other, 0), ==, EO_BATCH_PLAN_QUEUE);
}

/* Still waiting in this shop's outbox: retried, not queued twice; another shop's is not it */
static void
test_waiting_is_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A "\n1002;RA123456785RU\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(EoOutboxChange) mine = eo_outbox_change_new (1001, "sent", now, RPO_A);
  g_autoptr(EoOutboxChange) theirs = eo_outbox_change_new (1002, "sent", now, "RA123456785RU");
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) error = NULL;
  EoBatchPlanItem *item;

  g_assert_cmpint (eo_store_outbox_enqueue (fixture->store, mine, 1000, NULL, &error), >, 0);
  eo_store_set_account (fixture->store, "shop-b");
  g_assert_cmpint (eo_store_outbox_enqueue (fixture->store, theirs, 1000, NULL, &error), >, 0);
  eo_store_set_account (fixture->store, "shop-a");

  plan = eo_batch_plan_make (fixture->store, rows, TRUE, now, FALSE, &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (plan, 0);
  g_assert_cmpint (item->action, ==, EO_BATCH_PLAN_RETRY);
  g_assert_cmpint (item->change->id, ==, mine->id);
  g_assert_cmpint (action_at (plan, 1), ==, EO_BATCH_PLAN_QUEUE);
}

/* Another carrier's number goes only when the person confirms it */
static void
test_warnings_need_consent (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = parse ("1001;1Z999AA10123456784\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) without = NULL;
  g_autoptr(GPtrArray) with = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (((EoBatchRow *) g_ptr_array_index (rows, 0))->state, ==, EO_BATCH_ROW_WARNING);
  without = eo_batch_plan_make (fixture->store, rows, FALSE, now, FALSE, &error);
  g_assert_cmpint (action_at (without, 0), ==, EO_BATCH_PLAN_SKIP);
  with = eo_batch_plan_make (fixture->store, rows, TRUE, now, FALSE, &error);
  g_assert_cmpint (action_at (with, 0), ==, EO_BATCH_PLAN_QUEUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/batch-plan/second-run-skips-sent", Fixture, NULL,
              fixture_set_up, test_second_run_skips_sent, fixture_tear_down);
  g_test_add ("/batch-plan/own-date-must-match", Fixture, NULL,
              fixture_set_up, test_own_date_must_match, fixture_tear_down);
  g_test_add ("/batch-plan/waiting-is-retried", Fixture, NULL,
              fixture_set_up, test_waiting_is_retried, fixture_tear_down);
  g_test_add ("/batch-plan/warnings-need-consent", Fixture, NULL,
              fixture_set_up, test_warnings_need_consent, fixture_tear_down);

  return g_test_run ();
}
