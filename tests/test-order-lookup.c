/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-order-lookup.c: EoOrderLookup against the demo shop: saved copy, the shop's answer, saved */

#include "config.h"

#include <glib/gstdio.h>

#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-order-lookup.h"

typedef struct
{
  EoDemoServer  *server;
  EoClient      *client;
  EoStore       *store;
  EoOrderLookup *lookup;
  char          *dir;
  GString       *states;   /* the states the lookup went through, as letters */
  guint          n_saved;
} Fixture;

static void
state_changed_cb (EoOrderLookup *lookup,
                  GParamSpec    *pspec,
                  Fixture       *f)
{
  static const char letters[] = "ilrdf";

  g_string_append_c (f->states, letters[eo_order_lookup_get_state (lookup)]);
}

static void
saved_cb (EoOrderLookup *lookup,
          const GError  *error,
          Fixture       *f)
{
  g_assert_no_error (error);
  f->n_saved++;
}

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
  eo_client_set_timeout (f->client, 2);
  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "orders.db", NULL);
  f->store = eo_store_open (path, &error);
  g_assert_no_error (error);
  eo_store_set_account (f->store, eo_demo_server_get_login (f->server));

  f->lookup = eo_order_lookup_new (f->client, f->store);
  f->states = g_string_new (NULL);
  g_signal_connect (f->lookup, "notify::state", G_CALLBACK (state_changed_cb), f);
  g_signal_connect (f->lookup, "saved", G_CALLBACK (saved_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->lookup);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  eo_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_string_free (f->states, TRUE);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Runs the main loop until the lookup has settled and its history write is done */
static void
wait_settled (Fixture *f)
{
  EoOrderLookupState state;

  do
    {
      g_main_context_iteration (NULL, TRUE);
      state = eo_order_lookup_get_state (f->lookup);
    }
  while (state == EO_ORDER_LOOKUP_LOADING || state == EO_ORDER_LOOKUP_REFRESHING ||
         eo_order_lookup_get_saving (f->lookup));
}

/* No saved copy: loading, then the shop's answer, which is then saved */
static void
test_fetch_and_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_SAVED_FIRST);
  g_assert_cmpint (eo_order_lookup_get_state (f->lookup), ==, EO_ORDER_LOOKUP_LOADING);
  g_assert_null (eo_order_lookup_get_order (f->lookup));
  wait_settled (f);

  g_assert_cmpstr (f->states->str, ==, "ld");
  g_assert_nonnull (eo_order_lookup_get_order (f->lookup));
  g_assert_cmpint (eo_order_get_id (eo_order_lookup_get_order (f->lookup)), ==, 1001);
  g_assert_null (eo_order_lookup_get_error (f->lookup));
  g_assert_cmpuint (f->n_saved, ==, 1);

  json = eo_store_get_order_json (f->store, 1001, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
}

/* Saved before, the shop unreachable now: the saved copy is shown, the failure said, the copy
 * stays */
static void
test_saved_copy_when_offline (Fixture       *f,
                              gconstpointer  data)
{
  EoOrder *shown;

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_SAVED_FIRST);
  wait_settled (f);
  g_string_truncate (f->states, 0);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_SAVED_FIRST);
  wait_settled (f);

  g_assert_cmpstr (f->states->str, ==, "lrf");
  shown = eo_order_lookup_get_order (f->lookup);
  g_assert_nonnull (shown);
  g_assert_cmpint (eo_order_get_id (shown), ==, 1001);
  g_assert_nonnull (eo_order_lookup_get_error (f->lookup));
  g_assert_cmpuint (f->n_saved, ==, 1);
}

/* Without SAVED_FIRST (the command line) the saved copy is never shown */
static void
test_shop_only (Fixture       *f,
                gconstpointer  data)
{
  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_FLAGS_NONE);
  wait_settled (f);
  g_string_truncate (f->states, 0);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_FLAGS_NONE);
  wait_settled (f);

  g_assert_cmpstr (f->states->str, ==, "lf");
  g_assert_null (eo_order_lookup_get_order (f->lookup));
  g_assert_nonnull (eo_order_lookup_get_error (f->lookup));
}

/* An order the shop does not have: a failure with the service's reason, nothing shown */
static void
test_unknown_order (Fixture       *f,
                    gconstpointer  data)
{
  eo_order_lookup_run (f->lookup, 999999, EO_ORDER_LOOKUP_SAVED_FIRST);
  wait_settled (f);

  g_assert_cmpint (eo_order_lookup_get_state (f->lookup), ==, EO_ORDER_LOOKUP_FAILED);
  g_assert_null (eo_order_lookup_get_order (f->lookup));
  g_assert_nonnull (eo_order_lookup_get_error (f->lookup));
  g_assert_cmpuint (f->n_saved, ==, 0);
}

/* A refresh keeps the order shown meanwhile; a new order cancels the lookup under way */
static void
test_refresh_and_replace (Fixture       *f,
                          gconstpointer  data)
{
  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_FLAGS_NONE);
  wait_settled (f);
  g_string_truncate (f->states, 0);

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_KEEP_ORDER);
  g_assert_nonnull (eo_order_lookup_get_order (f->lookup));
  g_assert_cmpint (eo_order_lookup_get_state (f->lookup), ==, EO_ORDER_LOOKUP_REFRESHING);
  /* Another order before the refresh came back: only the new one arrives */
  eo_order_lookup_run (f->lookup, 1002, EO_ORDER_LOOKUP_KEEP_ORDER);
  g_assert_null (eo_order_lookup_get_order (f->lookup));
  wait_settled (f);

  g_assert_cmpstr (f->states->str, ==, "rld");
  g_assert_cmpint (eo_order_get_id (eo_order_lookup_get_order (f->lookup)), ==, 1002);
  g_assert_cmpint (eo_order_lookup_get_bill_id (f->lookup), ==, 1002);
}

/* The store arrives after the answer (the command line opens it meanwhile): kept then */
static void
test_store_set_later (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  eo_order_lookup_set_store (f->lookup, NULL);
  eo_order_lookup_run (f->lookup, 1002, EO_ORDER_LOOKUP_FLAGS_NONE);
  wait_settled (f);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_false (eo_order_lookup_get_saving (f->lookup));

  eo_order_lookup_set_store (f->lookup, f->store);
  g_assert_true (eo_order_lookup_get_saving (f->lookup));
  wait_settled (f);
  g_assert_cmpuint (f->n_saved, ==, 1);
  json = eo_store_get_order_json (f->store, 1002, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);

  /* Set again: nothing more to keep */
  eo_order_lookup_set_store (f->lookup, f->store);
  g_assert_false (eo_order_lookup_get_saving (f->lookup));
}

/* No account yet (the window before the keyring answered): the saved copy only, then the
 * shop once asked again */
static void
test_saved_only_then_shop (Fixture       *f,
                           gconstpointer  data)
{
  guint requests;

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_FLAGS_NONE);
  wait_settled (f);
  g_string_truncate (f->states, 0);
  requests = eo_demo_server_get_request_count (f->server);

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_SAVED_ONLY);
  while (eo_order_lookup_get_order (f->lookup) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (eo_order_lookup_get_state (f->lookup), ==, EO_ORDER_LOOKUP_REFRESHING);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests);

  eo_order_lookup_run (f->lookup, 1001, EO_ORDER_LOOKUP_KEEP_ORDER);
  wait_settled (f);
  g_assert_cmpstr (f->states->str, ==, "lrd");
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/order-lookup/fetch-and-save", test_fetch_and_save);
  ADD ("/order-lookup/saved-copy-when-offline", test_saved_copy_when_offline);
  ADD ("/order-lookup/shop-only", test_shop_only);
  ADD ("/order-lookup/unknown-order", test_unknown_order);
  ADD ("/order-lookup/refresh-and-replace", test_refresh_and_replace);
  ADD ("/order-lookup/store-set-later", test_store_set_later);
  ADD ("/order-lookup/saved-only-then-shop", test_saved_only_then_shop);
#undef ADD

  return g_test_run ();
}
