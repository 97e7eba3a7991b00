/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-secrets.c: the API key in the Secret Service
 *
 * Runs under tests/with-keyring.sh: a private D-Bus session with its own gnome-keyring.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "eo-account.h"
#include "eo-client.h"
#include "eo-error.h"
#include "eo-secrets.h"

static char *schema_dir;

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

/* The account's settings path to its end: the key comes from the keyring, filed under the
 * host of the service's base URL. The schema's keys are compiled for the test in main(). */

static EoAccount *
load_account (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  eo_account_load_async (NULL, got_result_cb, &slot);
  result = wait_for (&slot);

  return eo_account_load_finish (result, error);
}

static void
set_account_settings (const char *service,
                      const char *login,
                      const char *custom_url)
{
  g_autoptr(GSettings) settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);

  g_settings_set_string (settings, "service", service);
  g_settings_set_string (settings, "login", login);
  g_settings_set_string (settings, "custom-url", custom_url);
}

static void
test_account_from_keyring (void)
{
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(EoAccount) custom = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) absent_error = NULL;
  EoAccount *absent;

  if (schema_dir == NULL)
    {
      g_test_skip ("glib-compile-schemas is not installed");
      return;
    }

  g_unsetenv ("EXPERTAM_LOGIN");
  g_unsetenv ("EXPERTAM_API_KEY");
  g_unsetenv ("EXPERTAM_API_URL");

  /* A key for the same login at the other service must not be picked up */
  store ("keyshop.expertam.ru", "keyshop", "expertam key");
  set_account_settings ("justclick", "keyshop", "");
  absent = load_account (&absent_error);
  g_assert_error (absent_error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (absent);
  if (strstr (absent_error->message, "keyshop.justclick.ru") == NULL)
    g_error ("the host is not in “%s”", absent_error->message);

  store ("keyshop.justclick.ru", "keyshop", "justclick key");
  account = load_account (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->url_template, ==, EO_URL_TEMPLATE_JUSTCLICK);
  g_assert_cmpstr (account->login, ==, "keyshop");
  g_assert_cmpstr (account->secret, ==, "justclick key");
  g_assert_false (account->from_env);

  /* A custom address: the host is the URL's, with the port left out */
  store ("127.0.0.1", "keyshop", "demo key");
  set_account_settings ("custom", "keyshop", "http://127.0.0.1:40123/api/");
  custom = load_account (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (custom->url_template, ==, "http://127.0.0.1:40123/api/");
  g_assert_cmpstr (custom->secret, ==, "demo key");

  clear ("keyshop.expertam.ru", "keyshop");
  clear ("keyshop.justclick.ru", "keyshop");
  clear ("127.0.0.1", "keyshop");
}

static const char schema_xml[] =
  "<schemalist>\n"
  "  <schema id=\"" EO_SETTINGS_SCHEMA_ID "\" path=\"/io/github/expertam_orders/ExpertamOrders/\">\n"
  "    <key name=\"service\" type=\"s\"><default>'expertam'</default></key>\n"
  "    <key name=\"login\" type=\"s\"><default>''</default></key>\n"
  "    <key name=\"custom-url\" type=\"s\"><default>''</default></key>\n"
  "  </schema>\n"
  "</schemalist>\n";

static void
compile_schema (void)
{
  g_autofree char *xml_path = NULL;
  g_autofree char *program = g_find_program_in_path ("glib-compile-schemas");
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "--strict", NULL, NULL };
  int status = 0;

  if (program == NULL)
    return;

  schema_dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);

  xml_path = g_build_filename (schema_dir, EO_SETTINGS_SCHEMA_ID ".gschema.xml", NULL);
  g_file_set_contents (xml_path, schema_xml, -1, &error);
  g_assert_no_error (error);

  argv[0] = program;
  argv[2] = schema_dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

static void
remove_schema_dir (void)
{
  g_autofree char *xml_path = NULL;
  g_autofree char *compiled = NULL;

  if (schema_dir == NULL)
    return;

  xml_path = g_build_filename (schema_dir, EO_SETTINGS_SCHEMA_ID ".gschema.xml", NULL);
  compiled = g_build_filename (schema_dir, "gschemas.compiled", NULL);
  g_unlink (xml_path);
  g_unlink (compiled);
  g_rmdir (schema_dir);
  g_clear_pointer (&schema_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  compile_schema ();

  g_test_add_func ("/secrets/round-trip", test_round_trip);
  g_test_add_func ("/secrets/replace", test_replace);
  g_test_add_func ("/secrets/logins-apart", test_logins_apart);
  g_test_add_func ("/secrets/hosts-apart", test_hosts_apart);
  g_test_add_func ("/secrets/label", test_label);
  g_test_add_func ("/secrets/cancelled", test_cancelled);
  g_test_add_func ("/secrets/account-from-keyring", test_account_from_keyring);

  ret = g_test_run ();
  remove_schema_dir ();

  return ret;
}
