/* test-secrets.c: the API key in the Secret Service
 *
 * Runs under shared/tools/with-keyring: a private D-Bus session with its own gnome-keyring.
 */

#include "config.h"

#include <locale.h>

#include "eo-secrets.h"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
store (const char *host,
       const char *login,
       const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean ok;

  eo_secrets_store_async (host, login, secret, NULL, got_result_cb, &slot);
  result = wait_for (&slot);
  ok = eo_secrets_store_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static char *
lookup (const char *host,
        const char *login)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *secret;

  eo_secrets_lookup_async (host, login, NULL, got_result_cb, &slot);
  result = wait_for (&slot);
  secret = eo_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (const char *host,
       const char *login)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean ok;

  eo_secrets_clear_async (host, login, NULL, got_result_cb, &slot);
  result = wait_for (&slot);
  ok = eo_secrets_clear_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
assert_stored (const char *host,
               const char *login,
               const char *expected)
{
  g_autofree char *secret = lookup (host, login);

  g_assert_cmpstr (secret, ==, expected);
}

static void
test_round_trip (void)
{
  const char *host = "shop.expertam.ru";

  assert_stored (host, "shop", NULL);

  store (host, "shop", "0123456789abcdef0123456789abcdef01234567");
  assert_stored (host, "shop", "0123456789abcdef0123456789abcdef01234567");

  clear (host, "shop");
  assert_stored (host, "shop", NULL);

  /* Clearing what is not there is not an error */
  clear (host, "shop");
}

static void
test_replace (void)
{
  const char *host = "replace.expertam.ru";

  store (host, "replace", "old key");
  store (host, "replace", "new key, with Кириллица and spaces");
  assert_stored (host, "replace", "new key, with Кириллица and spaces");

  clear (host, "replace");
  assert_stored (host, "replace", NULL);
}

static void
test_logins_apart (void)
{
  const char *host = "logins.example.net";

  store (host, "alpha", "key of alpha");
  store (host, "beta", "key of beta");
  assert_stored (host, "alpha", "key of alpha");
  assert_stored (host, "beta", "key of beta");
  assert_stored (host, "gamma", NULL);

  clear (host, "alpha");
  assert_stored (host, "alpha", NULL);
  assert_stored (host, "beta", "key of beta");

  clear (host, "beta");
  assert_stored (host, "beta", NULL);
}

static void
test_hosts_apart (void)
{
  store ("same.expertam.ru", "same", "expertam key");
  store ("same.justclick.ru", "same", "justclick key");
  assert_stored ("same.expertam.ru", "same", "expertam key");
  assert_stored ("same.justclick.ru", "same", "justclick key");
  assert_stored ("same.example.org", "same", NULL);

  clear ("same.justclick.ru", "same");
  assert_stored ("same.justclick.ru", "same", NULL);
  assert_stored ("same.expertam.ru", "same", "expertam key");

  clear ("same.expertam.ru", "same");
  assert_stored ("same.expertam.ru", "same", NULL);
}

static void
test_label (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GAsyncResult *slot = NULL;
  GList *items;

  store ("label.expertam.ru", "label", "a key");

  secret_password_search (eo_secrets_get_schema (), SECRET_SEARCH_ALL, NULL,
                          got_result_cb, &slot,
                          "host", "label.expertam.ru",
                          "login", "label",
                          NULL);
  result = wait_for (&slot);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "Expertam Orders API key for label at label.expertam.ru");
  g_list_free_full (items, g_object_unref);

  clear ("label.expertam.ru", "label");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *secret;

  g_cancellable_cancel (cancellable);
  eo_secrets_lookup_async ("cancel.expertam.ru", "cancel", cancellable, got_result_cb, &slot);
  result = wait_for (&slot);
  secret = eo_secrets_lookup_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (secret);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/round-trip", test_round_trip);
  g_test_add_func ("/secrets/replace", test_replace);
  g_test_add_func ("/secrets/logins-apart", test_logins_apart);
  g_test_add_func ("/secrets/hosts-apart", test_hosts_apart);
  g_test_add_func ("/secrets/label", test_label);
  g_test_add_func ("/secrets/cancelled", test_cancelled);

  return g_test_run ();
}
