/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-account.c: where the account comes from
 *
 * The environment path, the service templates, and the settings path up to the point where
 * it would ask the keyring (test-secrets covers the keyring). The settings tests compile a
 * copy of the schema's keys into a private directory and run in a subprocess, so that the
 * other tests see no schema at all, as an uninstalled CLI does.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "eo-account.h"
#include "eo-client.h"
#include "eo-error.h"

#define SECRET_40 "0123456789abcdef0123456789abcdef01234567"

static char *schema_dir;

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static EoAccount *
load (GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  eo_account_load_async (cancellable, got_result_cb, &slot);
  while (slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&slot);

  return eo_account_load_finish (result, error);
}

static void
assert_message_has (const GError *error,
                    const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” is not in the message “%s”", part, error->message);
}

static void
clear_env (void)
{
  g_unsetenv ("EXPERTAM_LOGIN");
  g_unsetenv ("EXPERTAM_API_KEY");
  g_unsetenv ("EXPERTAM_API_URL");
}

static void
test_template_for_service (void)
{
  g_assert_cmpstr (eo_account_template_for_service ("expertam", NULL), ==,
                   "https://{login}.expertam.ru/api/");
  g_assert_cmpstr (eo_account_template_for_service ("justclick", NULL), ==,
                   "https://{login}.justclick.ru/api/");
  g_assert_cmpstr (eo_account_template_for_service ("JustClick", NULL), ==,
                   EO_URL_TEMPLATE_JUSTCLICK);

  /* No service chosen yet: the default */
  g_assert_cmpstr (eo_account_template_for_service (NULL, NULL), ==, EO_URL_TEMPLATE_EXPERTAM);
  g_assert_cmpstr (eo_account_template_for_service ("", NULL), ==, EO_URL_TEMPLATE_EXPERTAM);

  /* The custom address only counts for "custom" */
  g_assert_cmpstr (eo_account_template_for_service ("expertam", "https://x.example/api/"), ==,
                   EO_URL_TEMPLATE_EXPERTAM);
  g_assert_cmpstr (eo_account_template_for_service ("justclick", "https://x.example/api/"), ==,
                   EO_URL_TEMPLATE_JUSTCLICK);
  g_assert_cmpstr (eo_account_template_for_service ("custom", "https://{login}.example/api/"), ==,
                   "https://{login}.example/api/");
  g_assert_cmpstr (eo_account_template_for_service ("custom", "http://127.0.0.1:8080/api/"), ==,
                   "http://127.0.0.1:8080/api/");

  /* "custom" without an address, and services this version does not know */
  g_assert_null (eo_account_template_for_service ("custom", NULL));
  g_assert_null (eo_account_template_for_service ("custom", ""));
  g_assert_null (eo_account_template_for_service ("custom", "  \t"));
  g_assert_null (eo_account_template_for_service ("getcourse", NULL));
  g_assert_null (eo_account_template_for_service ("getcourse", "https://x.example/api/"));
}

static void
test_env (void)
{
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);

  account = load (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->url_template, ==, "https://{login}.expertam.ru/api/");
  g_assert_cmpstr (account->login, ==, "myshop");
  g_assert_cmpstr (account->secret, ==, SECRET_40);
  g_assert_true (account->from_env);

  clear_env ();
}

static void
test_env_url (void)
{
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(EoAccount) other = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "demo", TRUE);
  g_setenv ("EXPERTAM_API_KEY", "key with spaces ", TRUE);
  g_setenv ("EXPERTAM_API_URL", "http://127.0.0.1:40123/api/", TRUE);

  account = load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->url_template, ==, "http://127.0.0.1:40123/api/");
  g_assert_cmpstr (account->login, ==, "demo");
  /* The key is taken exactly as given */
  g_assert_cmpstr (account->secret, ==, "key with spaces ");
  g_assert_true (account->from_env);

  /* An empty EXPERTAM_API_URL means the default */
  g_setenv ("EXPERTAM_API_URL", "", TRUE);
  g_setenv ("EXPERTAM_LOGIN", " other-shop\n", TRUE);
  other = load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->url_template, ==, EO_URL_TEMPLATE_EXPERTAM);
  g_assert_cmpstr (other->login, ==, "other-shop");

  clear_env ();
}

static void
test_env_bad_login (void)
{
  const char *logins[] = { "My Shop", "Shop", "-shop", "shop-", "shop.evil.example",
                           "shop/../x", "магазин",
                           "a123456789012345678901234567890123456789012345678901234567890123" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(EoAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      clear_env ();
      g_setenv ("EXPERTAM_LOGIN", logins[i], TRUE);
      g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);

      account = load (NULL, &error);
      g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
      g_assert_null (account);
      assert_message_has (error, "EXPERTAM_LOGIN");
    }

  clear_env ();
}

static void
test_no_account (void)
{
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  account = load (NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (account);
  assert_message_has (error, "Preferences");
  assert_message_has (error, "expertam login LOGIN");
  assert_message_has (error, "EXPERTAM_LOGIN and EXPERTAM_API_KEY");
  /* The key is never in a message, so there is nothing to check there; the login is absent */
}

static void
test_no_account_half_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  EoAccount *account;

  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  account = load (NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (account);
  assert_message_has (error, "EXPERTAM_API_KEY is not");

  clear_env ();
  g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);
  account = load (NULL, &error2);
  g_assert_error (error2, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (account);
  assert_message_has (error2, "EXPERTAM_LOGIN is not");
  g_assert_null (strstr (error2->message, SECRET_40));

  /* An empty key is no key */
  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  g_setenv ("EXPERTAM_API_KEY", "", TRUE);
  account = load (NULL, &error3);
  g_assert_error (error3, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (account);

  clear_env ();
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  EoAccount *account;

  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);
  g_cancellable_cancel (cancellable);

  account = load (cancellable, &error);
  g_assert_true (eo_error_is_cancelled (error));
  g_assert_null (account);

  clear_env ();
}

static void
test_copy_free (void)
{
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(EoAccount) copy = NULL;
  g_autoptr(GError) error = NULL;
  EoAccount *boxed;

  clear_env ();
  g_setenv ("EXPERTAM_LOGIN", "myshop", TRUE);
  g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);
  account = load (NULL, &error);
  g_assert_no_error (error);
  clear_env ();

  copy = eo_account_copy (account);
  g_assert_true (copy != account);
  g_assert_true (copy->secret != account->secret);
  g_assert_cmpstr (copy->url_template, ==, account->url_template);
  g_assert_cmpstr (copy->login, ==, account->login);
  g_assert_cmpstr (copy->secret, ==, account->secret);
  g_assert_cmpint (copy->from_env, ==, account->from_env);

  g_assert_true (G_TYPE_IS_BOXED (EO_TYPE_ACCOUNT));
  boxed = g_boxed_copy (EO_TYPE_ACCOUNT, account);
  g_assert_cmpstr (boxed->secret, ==, SECRET_40);
  g_boxed_free (EO_TYPE_ACCOUNT, boxed);

  eo_account_free (NULL);
}

/* The settings path: only in a subprocess that sees the compiled test schema */

static const char schema_xml[] =
  "<schemalist>\n"
  "  <schema id=\"" EO_SETTINGS_SCHEMA_ID "\" path=\"/io/github/expertam_orders/ExpertamOrders/\">\n"
  "    <key name=\"service\" type=\"s\"><default>'expertam'</default></key>\n"
  "    <key name=\"login\" type=\"s\"><default>''</default></key>\n"
  "    <key name=\"custom-url\" type=\"s\"><default>''</default></key>\n"
  "  </schema>\n"
  "</schemalist>\n";

static gboolean
compile_schema (void)
{
  g_autofree char *xml_path = NULL;
  g_autofree char *program = g_find_program_in_path ("glib-compile-schemas");
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "--strict", NULL, NULL };
  int status = 0;

  if (program == NULL)
    return FALSE;

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

  return TRUE;
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

/* The memory backend keeps the values after the GSettings object is gone */
static void
set_settings (const char *service,
              const char *login,
              const char *custom_url)
{
  g_autoptr(GSettings) settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);

  g_settings_set_string (settings, "service", service);
  g_settings_set_string (settings, "login", login);
  g_settings_set_string (settings, "custom-url", custom_url);
}

static void
settings_body (void)
{
  clear_env ();

  /* Schema there, login empty */
  {
    g_autoptr(GError) error = NULL;
    EoAccount *account;

    set_settings ("expertam", "", "");
    account = load (NULL, &error);
    g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
    g_assert_null (account);
    assert_message_has (error, "expertam login LOGIN");
  }

  /* Blank login: the same */
  {
    g_autoptr(GError) error = NULL;
    EoAccount *account;

    set_settings ("justclick", "  ", "");
    account = load (NULL, &error);
    g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
    g_assert_null (account);
  }

  /* Custom service without an address */
  {
    g_autoptr(GError) error = NULL;
    EoAccount *account;

    set_settings ("custom", "myshop", "");
    account = load (NULL, &error);
    g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
    g_assert_null (account);
    assert_message_has (error, "address is not set");
  }

  /* A login that cannot be a host name */
  {
    g_autoptr(GError) error = NULL;
    EoAccount *account;

    set_settings ("expertam", "My.Shop", "");
    account = load (NULL, &error);
    g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
    g_assert_null (account);
    assert_message_has (error, "My.Shop");
  }

  /* A custom address that is no URL */
  {
    g_autoptr(GError) error = NULL;
    EoAccount *account;

    set_settings ("custom", "myshop", "shop at example dot com");
    account = load (NULL, &error);
    g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
    g_assert_null (account);
    assert_message_has (error, "not a valid web address");
  }

  /* The environment wins over the settings */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EoAccount) account = NULL;

    set_settings ("justclick", "fromsettings", "");
    g_setenv ("EXPERTAM_LOGIN", "fromenv", TRUE);
    g_setenv ("EXPERTAM_API_KEY", SECRET_40, TRUE);
    account = load (NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (account->login, ==, "fromenv");
    g_assert_cmpstr (account->url_template, ==, EO_URL_TEMPLATE_EXPERTAM);
    g_assert_true (account->from_env);
    clear_env ();
  }
}

static void
test_settings_path (void)
{
  if (g_test_subprocess ())
    {
      settings_body ();
      return;
    }

  if (!compile_schema ())
    {
      g_test_skip ("glib-compile-schemas is not installed");
      return;
    }

  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  remove_schema_dir ();

  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty_data_dir = NULL;
  int ret;

  setlocale (LC_ALL, "");

  /* No schema is visible, not even an installed app's, except to the settings subprocess,
   * which inherits these and a GSETTINGS_SCHEMA_DIR of its own */
  if (g_getenv ("EO_TEST_ACCOUNT_SUBPROCESS") == NULL)
    {
      empty_data_dir = g_dir_make_tmp (NULL, NULL);
      g_assert_nonnull (empty_data_dir);
      g_setenv ("XDG_DATA_DIRS", empty_data_dir, TRUE);
      g_setenv ("XDG_DATA_HOME", empty_data_dir, TRUE);
      g_unsetenv ("GSETTINGS_SCHEMA_DIR");
      g_setenv ("EO_TEST_ACCOUNT_SUBPROCESS", "1", TRUE);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/template-for-service", test_template_for_service);
  g_test_add_func ("/account/env", test_env);
  g_test_add_func ("/account/env-url", test_env_url);
  g_test_add_func ("/account/env-bad-login", test_env_bad_login);
  g_test_add_func ("/account/no-account", test_no_account);
  g_test_add_func ("/account/no-account-half-env", test_no_account_half_env);
  g_test_add_func ("/account/cancelled", test_cancelled);
  g_test_add_func ("/account/copy-free", test_copy_free);
  g_test_add_func ("/account/settings", test_settings_path);

  ret = g_test_run ();

  if (empty_data_dir != NULL)
    g_rmdir (empty_data_dir);

  return ret;
}
