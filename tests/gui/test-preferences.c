/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences.c: the account in Preferences: the key goes to the keyring, Check Connection
 * tells a wrong key from the other failures. Runs under with-keyring and xvfb-run. */
#include "config.h"

#include <adwaita.h>

#include "eo-account.h"
#include "eo-demo-server.h"
#include "eo-preferences-window.h"
#include "eo-secrets.h"
#include "gui-test-util.h"

#define WAIT_MS 15000

static EoDemoServer *server;

typedef struct
{
  gboolean  done;
  char     *secret;
  GError   *error;
} LookupWait;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LookupWait *wait = user_data;

  wait->secret = eo_secrets_lookup_finish (result, &wait->error);
  wait->done = TRUE;
}

static gboolean
lookup_done (gpointer user_data)
{
  return ((LookupWait *) user_data)->done;
}

static char *
stored_key (void)
{
  LookupWait wait = { 0 };

  eo_secrets_lookup_async ("127.0.0.1", eo_demo_server_get_login (server), NULL,
                           lookup_cb, &wait);
  g_assert_true (gui_test_wait_for (lookup_done, &wait, WAIT_MS));
  g_assert_no_error (wait.error);

  return wait.secret;
}

typedef struct
{
  gboolean   done;
  EoAccount *account;
  GError    *error;
} AccountWait;

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AccountWait *wait = user_data;

  wait->account = eo_account_load_finish (result, &wait->error);
  wait->done = TRUE;
}

static gboolean
account_done (gpointer user_data)
{
  return ((AccountWait *) user_data)->done;
}

static gboolean
widget_visible (gpointer user_data)
{
  return gtk_widget_get_visible (GTK_WIDGET (user_data));
}

static gboolean
widget_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

static gboolean
editable_empty (gpointer user_data)
{
  return gtk_editable_get_text (GTK_EDITABLE (user_data))[0] == '\0';
}

typedef struct
{
  AdwActionRow *row;
  const char   *text;
} SubtitleWait;

static gboolean
subtitle_contains (gpointer user_data)
{
  SubtitleWait *wait = user_data;
  const char *subtitle = adw_action_row_get_subtitle (wait->row);

  return subtitle != NULL && strstr (subtitle, wait->text) != NULL;
}

static void
check_connection (EoPreferencesWindow *window,
                  const char          *expected)
{
  SubtitleWait wait;

  wait.row = ADW_ACTION_ROW (gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW,
                                                   "Check Connection"));
  wait.text = expected;
  g_assert_nonnull (wait.row);

  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.check", NULL);
  if (!gui_test_wait_for (subtitle_contains, &wait, WAIT_MS))
    g_error ("Check Connection says “%s”, not “%s”",
             adw_action_row_get_subtitle (wait.row), expected);
}

static EoPreferencesWindow *
new_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);
  EoPreferencesWindow *window;

  g_settings_set_string (settings, "service", "custom");
  g_settings_set_string (settings, "custom-url", eo_demo_server_get_url (server));
  g_settings_set_string (settings, "login", eo_demo_server_get_login (server));

  window = eo_preferences_window_new ();
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
test_key_goes_to_keyring (void)
{
  EoPreferencesWindow *window = new_preferences ();
  GtkWidget *key_row = gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_autofree char *stored = NULL;
  AccountWait account_wait = { 0 };
  GtkWidget *forget_button;

  g_assert_nonnull (key_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (key_row), eo_demo_server_get_secret (server));
  g_signal_emit_by_name (key_row, "apply");

  /* Stored, and never read back into the field */
  g_assert_true (gui_test_wait_for (editable_empty, key_row, WAIT_MS));
  stored = stored_key ();
  g_assert_cmpstr (stored, ==, eo_demo_server_get_secret (server));

  /* The app finds the account where Preferences put it */
  eo_account_load_async (NULL, account_cb, &account_wait);
  g_assert_true (gui_test_wait_for (account_done, &account_wait, WAIT_MS));
  g_assert_no_error (account_wait.error);
  g_assert_cmpstr (account_wait.account->login, ==, eo_demo_server_get_login (server));
  g_assert_cmpstr (account_wait.account->secret, ==, eo_demo_server_get_secret (server));
  eo_account_free (account_wait.account);

  /* With the stored key, the connection works */
  check_connection (window, "It works");

  /* Forget removes it from the keyring */
  forget_button = gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Forget");
  g_assert_nonnull (forget_button);
  g_assert_true (gui_test_wait_for (widget_visible, forget_button, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.forget-key", NULL);
  g_assert_true (gui_test_wait_for (widget_hidden, forget_button, WAIT_MS));
  g_clear_pointer (&stored, g_free);
  stored = stored_key ();
  g_assert_null (stored);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

static void
test_check_connection (void)
{
  EoPreferencesWindow *window = new_preferences ();
  GtkWidget *key_row = gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);

  /* A key typed and not saved is the one tried */
  gtk_editable_set_text (GTK_EDITABLE (key_row), "not-the-right-key");
  check_connection (window, "Wrong API key");

  gtk_editable_set_text (GTK_EDITABLE (key_row), eo_demo_server_get_secret (server));
  check_connection (window, "It works");

  eo_demo_server_set_forced_error (server, 6);
  check_connection (window, "IP address is not allowed");
  eo_demo_server_set_forced_error (server, 7);
  check_connection (window, "account is disabled");
  eo_demo_server_set_forced_error (server, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

static void
test_login_validated (void)
{
  EoPreferencesWindow *window = new_preferences ();
  GtkWidget *login_row = gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Login");

  g_assert_nonnull (login_row);
  gtk_editable_set_text (GTK_EDITABLE (login_row), "my shop!");
  g_assert_true (gtk_widget_has_css_class (login_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (login_row), "my-shop");
  g_assert_false (gtk_widget_has_css_class (login_row, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  gui_test_init (&argc, &argv);

  server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (server, &error));
  g_assert_no_error (error);

  g_test_add_func ("/preferences/key-goes-to-keyring", test_key_goes_to_keyring);
  g_test_add_func ("/preferences/check-connection", test_check_connection);
  g_test_add_func ("/preferences/login-validated", test_login_validated);

  result = g_test_run ();

  eo_demo_server_stop (server);
  g_clear_object (&server);

  return result;
}
