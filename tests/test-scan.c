/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scan.c: EoScanSession against the demo shop: order then tracking and tracking then order,
 * every refusal (check digit, unknown, not to ship for each reason, a double read, a number of
 * another order), the same pair again, offline, a burst fed at once, undo, a refusal by the
 * service; the demo shop records exactly the right changes */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eo-demo-server.h"
#include "eo-scan-session.h"
#include "eo-tracking.h"

typedef struct
{
  char          *dir;
  EoStore       *store;
  EoDemoServer  *server;
  EoClient      *client;
  EoOutbox      *outbox;
  EoScanSession *session;
  GPtrArray     *results;   /* EoScanResult, in the order they came */
} Fixture;

static void
on_result (EoScanSession *session,
           EoScanResult  *result,
           Fixture       *f)
{
  g_ptr_array_add (f->results, eo_scan_result_copy (result));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-scan-XXXXXX", &error);
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
  eo_store_set_account (f->store, eo_demo_server_get_login (f->server));

  /* data: no outbox (what is queued stays pending) */
  if (data == NULL)
    f->outbox = eo_outbox_new (f->store, f->client);
  f->session = eo_scan_session_new (f->store, f->client, f->outbox);
  f->results = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_scan_result_free);
  g_signal_connect (f->session, "result", G_CALLBACK (on_result), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->session);
  if (f->outbox != NULL)
    eo_outbox_stop (f->outbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->outbox);
  g_clear_object (&f->client);
  eo_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->results);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A valid domestic tracking number made from n */
static char *
tracking_for (guint n)
{
  g_autofree char *first13 = g_strdup_printf ("8010200%06u", n % 1000000);

  return g_strdup_printf ("%s%d", first13, eo_tracking_domestic_check_digit (first13));
}

/* The same with its check digit wrong */
static char *
bad_tracking_for (guint n)
{
  g_autofree char *first13 = g_strdup_printf ("8010200%06u", n % 1000000);

  return g_strdup_printf ("%s%d", first13, (eo_tracking_domestic_check_digit (first13) + 1) % 10);
}

/* Runs until every code fed has its result and the outbox answered every pair */
static void
settle (Fixture *f)
{
  while (eo_scan_session_get_busy (f->session) ||
         (f->outbox != NULL && eo_outbox_get_sending (f->outbox)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Feeds one code at `now` (0: the real time) and returns its result */
static const EoScanResult *
scan_at (Fixture    *f,
         const char *code,
         gint64      now)
{
  guint before = f->results->len;

  eo_scan_session_feed (f->session, code, now);
  settle (f);
  g_assert_cmpuint (f->results->len, ==, before + 1);

  return f->results->pdata[before];
}

static const EoScanResult *
scan (Fixture    *f,
      const char *code)
{
  return scan_at (f, code, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The changes the demo shop applied, as "bill:status:rpo ..." in the order of the numbers (the
 * outbox sends a few at once, so they may arrive in another order) */
static char *
demo_sent (Fixture *f)
{
  g_autoptr(JsonNode) changes = eo_demo_server_dup_changes (f->server);
  JsonArray *array = json_node_get_array (changes);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);

      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%s",
                                               json_object_get_int_member (change, "bill_id"),
                                               json_object_get_string_member (change, "status"),
                                               json_object_get_string_member (change, "rpo")));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv (" ", (char **) lines->pdata);
}

#define assert_demo_sent(f, expected) \
  G_STMT_START { \
    g_autofree char *_sent = demo_sent (f); \
    g_assert_cmpstr (_sent, ==, (expected)); \
  } G_STMT_END

/* The listed demo orders: number i is paid when i % 3 != 2, has a postal address when
 * i % 5 != 4 */
#define LISTED(i) (EO_DEMO_LISTED_FIRST_ID + (i))

static char *
listed (guint i)
{
  return g_strdup_printf ("%d", EO_DEMO_LISTED_FIRST_ID + i);
}

static void
test_order_then_tracking (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *order = listed (0);
  g_autofree char *rpo = tracking_for (1);
  g_autofree char *expected = g_strdup_printf ("%d:sent:%s", LISTED (0), rpo);
  const EoScanResult *r;

  r = scan (f, order);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_ORDER_PICKED);
  g_assert_true (eo_scan_result_is_good (r));
  g_assert_cmpint (r->bill_id, ==, LISTED (0));
  g_assert_cmpstr (r->full_name, !=, "");
  g_assert_cmpstr (r->city, !=, "");
  g_assert_cmpint (r->item_count, >, 0);
  g_assert_nonnull (strstr (r->message, order));
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_WAITING_TRACKING);
  g_assert_cmpint (eo_scan_session_get_bill_id (f->session), ==, LISTED (0));

  /* a scanner may type the number with spaces: it is read as one */
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);
  g_assert_cmpstr (r->tracking, ==, rpo);
  g_assert_cmpint (r->change_id, >, 0);
  g_assert_nonnull (strstr (r->message, rpo));
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_WAITING_ORDER);

  assert_demo_sent (f, expected);
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 1);
  g_assert_cmpuint (eo_scan_session_get_n_waiting (f->session), ==, 0);
  g_assert_cmpuint (eo_scan_session_get_n_refused (f->session), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (eo_scan_session_get_pairs (f->session)), ==, 1);
  {
    g_autoptr(EoScanPair) pair = g_list_model_get_item (eo_scan_session_get_pairs (f->session), 0);

    g_assert_cmpint (eo_scan_pair_get_bill_id (pair), ==, LISTED (0));
    g_assert_cmpstr (eo_scan_pair_get_tracking (pair), ==, rpo);
    g_assert_cmpint (eo_scan_pair_get_state (pair), ==, EO_SCAN_PAIR_SENT);
  }
}

static void
test_tracking_then_order (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *order = listed (1);
  g_autofree char *rpo = tracking_for (2);
  g_autofree char *spaced = g_strdup_printf ("%.7s %s", rpo, rpo + 7);
  g_autofree char *expected = g_strdup_printf ("%d:sent:%s", LISTED (1), rpo);
  const EoScanResult *r;

  r = scan (f, spaced);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NEED_ORDER);
  g_assert_cmpstr (r->code, ==, rpo);
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_HOLDING_TRACKING);
  g_assert_cmpstr (eo_scan_session_get_tracking (f->session), ==, rpo);

  r = scan (f, order);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);
  g_assert_cmpint (r->bill_id, ==, LISTED (1));
  assert_demo_sent (f, expected);
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_WAITING_ORDER);

  /* the number again, nothing picked, more than a minute later: it is known, nothing sent */
  r = scan_at (f, rpo, g_get_real_time () / G_USEC_PER_SEC + 120);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_TRACKING_KNOWN);
  g_assert_cmpint (r->bill_id, ==, LISTED (1));
  assert_demo_sent (f, expected);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *order = listed (0);
  g_autofree char *not_paid = listed (2);
  g_autofree char *no_address = listed (4);
  g_autofree char *aside = listed (6);
  g_autofree char *bad = bad_tracking_for (3);
  g_autofree char *rpo = tracking_for (3);
  g_autofree char *expected = g_strdup_printf ("%d:sent:%s", LISTED (0), rpo);
  g_autoptr(GError) error = NULL;
  const EoScanResult *r;

  r = scan (f, order);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_ORDER_PICKED);

  /* a misread tracking number: refused, the order stays picked */
  r = scan (f, bad);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_BAD_CHECK_DIGIT);
  g_assert_false (eo_scan_result_is_good (r));
  g_assert_nonnull (strstr (r->message, bad));
  g_assert_cmpint (eo_scan_session_get_bill_id (f->session), ==, LISTED (0));

  /* not a code at all */
  r = scan (f, "hello");
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_UNREADABLE);
  g_assert_nonnull (strstr (r->message, "HELLO"));
  r = scan (f, "0123");
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_UNREADABLE);
  g_assert_cmpint (eo_scan_session_get_bill_id (f->session), ==, LISTED (0));

  /* the good number completes the pair */
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);

  /* an order that does not exist */
  r = scan (f, "999999");
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_UNKNOWN_ORDER);
  g_assert_nonnull (strstr (r->message, "999999"));

  /* not to ship, for each reason */
  r = scan (f, not_paid);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NOT_TO_SHIP);
  g_assert_cmpint (r->reason, ==, EO_SCAN_REASON_NOT_PAID);
  r = scan (f, no_address);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NOT_TO_SHIP);
  g_assert_cmpint (r->reason, ==, EO_SCAN_REASON_NO_ADDRESS);

  r = scan (f, aside);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_ORDER_PICKED);
  g_assert_true (eo_store_set_aside (f->store, LISTED (6), 1, &error));
  g_assert_no_error (error);
  r = scan (f, aside);     /* the same code again: a double read first */
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_REPEATED);
  r = scan_at (f, aside, g_get_real_time () / G_USEC_PER_SEC + 61);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NOT_TO_SHIP);
  g_assert_cmpint (r->reason, ==, EO_SCAN_REASON_SET_ASIDE);
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_WAITING_ORDER);

  /* already sent */
  r = scan (f, order);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NOT_TO_SHIP);
  g_assert_cmpint (r->reason, ==, EO_SCAN_REASON_SENT);
  g_assert_cmpstr (r->tracking, ==, rpo);
  g_assert_nonnull (strstr (r->message, rpo));

  assert_demo_sent (f, expected);
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 1);
  /* bad digit, two unreadable, unknown, not paid, no address, repeated, set aside, sent */
  g_assert_cmpuint (eo_scan_session_get_n_refused (f->session), ==, 9);
}

static void
test_same_pair_and_taken (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *a = listed (0);
  g_autofree char *b = listed (1);
  g_autofree char *rpo = tracking_for (4);
  g_autofree char *expected = g_strdup_printf ("%d:sent:%s", LISTED (0), rpo);
  const EoScanResult *r;

  scan (f, a);
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);

  /* the same pair again: the order is refused as sent, its number then says it is the same */
  r = scan (f, a);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_NOT_TO_SHIP);
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_SAME_PAIR);
  g_assert_true (eo_scan_result_is_good (r));

  /* the number of A for B: taken, B stays picked */
  r = scan (f, b);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_ORDER_PICKED);
  r = scan_at (f, rpo, g_get_real_time () / G_USEC_PER_SEC + 120);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_TRACKING_TAKEN);
  g_assert_cmpint (r->bill_id, ==, LISTED (0));
  g_assert_cmpint (eo_scan_session_get_bill_id (f->session), ==, LISTED (1));

  assert_demo_sent (f, expected);
  g_assert_cmpuint (g_list_model_get_n_items (eo_scan_session_get_pairs (f->session)), ==, 1);
}

/* The shop unreachable: an order already in the store is paired and waits for the connection;
 * one never seen cannot be judged */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = listed (0);
  g_autofree char *b = listed (1);
  g_autofree char *rpo = tracking_for (5);
  const EoScanResult *r;

  r = scan (f, a);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_ORDER_PICKED);
  eo_demo_server_stop (f->server);

  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);
  g_assert_cmpuint (eo_scan_session_get_n_waiting (f->session), ==, 1);
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 0);

  r = scan (f, b);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_FAILED);
  g_assert_nonnull (r->error);
  g_assert_nonnull (strstr (r->message, b));

  /* a failure is not a double read: the same code again is judged again */
  r = scan (f, b);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_FAILED);
  g_assert_cmpuint (eo_scan_session_get_n_waiting (f->session), ==, 1);
}

/* Codes fed faster than they are judged (orders fetched meanwhile) keep their order */
static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  guint n_pairs = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *order = listed (i);
      g_autofree char *rpo = tracking_for (100 + i);

      if (i % 3 == 2 || i % 5 == 4)
        continue;
      eo_scan_session_feed (f->session, order, 0);
      eo_scan_session_feed (f->session, rpo, 0);
      g_string_append_printf (expected, "%s%d:sent:%s", expected->len > 0 ? " " : "",
                              LISTED (i), rpo);
      n_pairs++;
    }
  settle (f);

  g_assert_cmpuint (f->results->len, ==, 2 * n_pairs);
  for (guint i = 0; i < f->results->len; i++)
    {
      const EoScanResult *r = f->results->pdata[i];

      g_assert_cmpint (r->outcome, ==, i % 2 == 0 ? EO_SCAN_OUTCOME_ORDER_PICKED
                                                  : EO_SCAN_OUTCOME_QUEUED);
    }
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, n_pairs);
  assert_demo_sent (f, expected->str);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = listed (0);
  g_autofree char *rpo = tracking_for (6);
  g_autofree char *right = tracking_for (7);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(EoScanPair) pair = NULL;
  const EoScanResult *r;

  g_assert_false (eo_scan_session_undo_last (f->session, &message, &error));
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);

  scan (f, a);
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);

  /* not sent yet (no outbox here): taken back, nothing goes out, the order is picked again */
  g_assert_true (eo_scan_session_undo_last (f->session, &message, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, a));
  pair = g_list_model_get_item (eo_scan_session_get_pairs (f->session), 0);
  g_assert_cmpint (eo_scan_pair_get_state (pair), ==, EO_SCAN_PAIR_UNDONE);
  pending = eo_store_outbox_list_pending (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpint (eo_scan_session_get_state (f->session), ==, EO_SCAN_STATE_WAITING_TRACKING);
  g_assert_cmpint (eo_scan_session_get_bill_id (f->session), ==, LISTED (0));
  g_assert_cmpuint (eo_scan_session_get_n_waiting (f->session), ==, 0);

  /* the right number now */
  r = scan (f, right);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);
  g_assert_cmpuint (eo_scan_session_get_n_waiting (f->session), ==, 1);
  assert_demo_sent (f, "");
}

/* One the service confirmed cannot be undone here: the message says how to correct it */
static void
test_undo_sent (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = listed (0);
  g_autofree char *rpo = tracking_for (8);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  scan (f, a);
  scan (f, rpo);
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 1);

  g_assert_false (eo_scan_session_undo_last (f->session, &message, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, rpo));
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 1);
}

/* The service refuses the change: the pair is refused and counted */
static void
test_service_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = listed (0);
  g_autofree char *rpo = tracking_for (9);
  g_autoptr(EoScanPair) pair = NULL;
  const EoScanResult *r;

  scan (f, a);
  eo_demo_server_set_forced_error (f->server, 3);
  r = scan (f, rpo);
  g_assert_cmpint (r->outcome, ==, EO_SCAN_OUTCOME_QUEUED);
  pair = g_list_model_get_item (eo_scan_session_get_pairs (f->session), 0);
  g_assert_cmpint (eo_scan_pair_get_state (pair), ==, EO_SCAN_PAIR_REFUSED);
  g_assert_cmpstr (eo_scan_pair_get_message (pair), !=, "");
  g_assert_cmpuint (eo_scan_session_get_n_refused (f->session), ==, 1);
  g_assert_cmpuint (eo_scan_session_get_n_sent (f->session), ==, 0);
  assert_demo_sent (f, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Moscow", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/scan/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("order-then-tracking", test_order_then_tracking, NULL);
  ADD ("tracking-then-order", test_tracking_then_order, NULL);
  ADD ("refusals", test_refusals, NULL);
  ADD ("same-pair-and-taken", test_same_pair_and_taken, NULL);
  ADD ("offline", test_offline, NULL);
  ADD ("burst", test_burst, NULL);
  ADD ("undo", test_undo, "no outbox");
  ADD ("undo-sent", test_undo_sent, NULL);
  ADD ("service-refuses", test_service_refuses, NULL);
#undef ADD

  return g_test_run ();
}
