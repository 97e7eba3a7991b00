/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shop.c: EoShop: the account, else the demo shop; a store of each one's own */

#include "config.h"

#include <glib/gstdio.h>

#include "eo-error.h"
#include "eo-shop.h"

typedef struct
{
  GPtrArray *events;   /* "store:LOGIN:PATH-BASENAME" or "store:LOGIN:none", in order */
} Recorder;

static void
store_changed_cb (EoShop     *shop,
                  GParamSpec *pspec,
                  Recorder   *recorder)
{
  EoStore *store = eo_shop_get_store (shop);
  const char *login = eo_client_get_login (eo_shop_get_client (shop));
  g_autofree char *base = store != NULL ? g_path_get_basename (eo_store_get_path (store)) : NULL;

  g_ptr_array_add (recorder->events,
                   g_strdup_printf ("%s:%s", login != NULL ? login : "",
                                    base != NULL ? base : "none"));
  if (store != NULL)
    g_assert_cmpstr (eo_store_get_account (store), ==, login);
}

static void
wait_for_store (EoShop *shop)
{
  while (eo_shop_get_store (shop) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_events (Recorder   *recorder,
               const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (recorder->events, NULL);
  joined = g_strjoinv (" ", (char **) recorder->events->pdata);
  g_ptr_array_remove_index (recorder->events, recorder->events->len - 1);
  g_assert_cmpstr (joined, ==, expected);
}

/* The demo shop, then a real account (from the environment), then the demo shop again: each
 * has its own file, and the old store is let go before the client turns to the new shop */
static void
test_demo_then_account (void)
{
  g_autoptr(EoShop) shop = eo_shop_new ();
  g_autoptr(EoDemoServer) server = eo_demo_server_new ();
  g_autoptr(GError) error = NULL;
  Recorder recorder = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (shop, "notify::store", G_CALLBACK (store_changed_cb), &recorder);

  eo_shop_load (shop, TRUE);
  g_assert_true (eo_shop_get_ready (shop));
  g_assert_true (eo_shop_get_demo (shop));
  g_assert_nonnull (eo_shop_get_demo_server (shop));
  wait_for_store (shop);
  assert_events (&recorder, "demo:demo-shop.db");

  /* A shop of its own: a second demo server stands in for the service */
  g_assert_true (eo_demo_server_start (server, &error));
  g_setenv ("EXPERTAM_API_URL", eo_demo_server_get_url (server), TRUE);
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  g_setenv ("EXPERTAM_API_KEY", eo_demo_server_get_secret (server), TRUE);
  eo_shop_load (shop, FALSE);
  while (eo_shop_get_demo (shop))
    g_main_context_iteration (NULL, TRUE);
  wait_for_store (shop);
  g_assert_true (eo_shop_get_ready (shop));
  g_assert_null (eo_shop_get_demo_server (shop));
  g_assert_cmpstr (eo_client_get_login (eo_shop_get_client (shop)), ==, "myshop");
  assert_events (&recorder, "demo:demo-shop.db demo:none myshop:orders.db");

  eo_shop_load (shop, TRUE);
  wait_for_store (shop);
  assert_events (&recorder, "demo:demo-shop.db demo:none myshop:orders.db myshop:none "
                            "demo:demo-shop.db");

  g_unsetenv ("EXPERTAM_API_URL");
  g_unsetenv ("EXPERTAM_LOGIN");
  g_unsetenv ("EXPERTAM_API_KEY");
  eo_demo_server_stop (server);
  g_signal_handlers_disconnect_by_data (shop, &recorder);
  g_ptr_array_unref (recorder.events);
}

/* No account anywhere: the demo shop, and no problem to tell */
static void
problem_cb (EoShop     *shop,
            const char *message,
            guint      *n_problems)
{
  (*n_problems)++;
}

static void
test_no_account_is_demo (void)
{
  g_autoptr(EoShop) shop = eo_shop_new ();
  guint n_problems = 0;

  g_signal_connect (shop, "problem", G_CALLBACK (problem_cb), &n_problems);
  eo_shop_load (shop, FALSE);
  while (!eo_shop_get_ready (shop))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (eo_shop_get_demo (shop));
  wait_for_store (shop);
  g_assert_cmpuint (n_problems, ==, 0);
}

/* The command line's way: an account, the store only when asked, opened once */
static void
test_command_line (void)
{
  g_autoptr(EoShop) shop = eo_shop_new ();
  g_autoptr(GError) error = NULL;
  EoAccount account = { (char *) "https://{login}.example.com/api/", (char *) "cli-shop",
                        (char *) "secret", TRUE };
  EoAccount bad = { (char *) "https://{login}.example.com/api/", (char *) "Not A Login",
                    (char *) "secret", TRUE };
  EoStore *store;

  g_assert_false (eo_shop_set_account (shop, &bad, &error));
  g_assert_nonnull (error);
  g_assert_false (eo_shop_get_ready (shop));
  g_clear_error (&error);

  g_assert_true (eo_shop_set_account (shop, &account, &error));
  g_assert_no_error (error);
  g_assert_true (eo_shop_get_ready (shop));
  g_assert_false (eo_shop_get_demo (shop));
  g_assert_null (eo_shop_get_store (shop));

  store = eo_shop_open_store (shop, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (eo_store_get_account (store), ==, "cli-shop");
  g_assert_true (eo_shop_open_store (shop, &error) == store);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp (NULL, NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* The stores' default paths go to a folder of this test's own (set before GLib reads them;
   * G_TEST_OPTION_ISOLATE_DIRS would do it too, but GLib 2.74 leaks its strings) */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("EXPERTAM_API_URL");
  g_unsetenv ("EXPERTAM_LOGIN");
  g_unsetenv ("EXPERTAM_API_KEY");

  g_test_add_func ("/shop/demo-then-account", test_demo_then_account);
  g_test_add_func ("/shop/no-account-is-demo", test_no_account_is_demo);
  g_test_add_func ("/shop/command-line", test_command_line);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
