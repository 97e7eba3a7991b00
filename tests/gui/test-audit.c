/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit.c: the app's part of the secrets audit. The whole application runs on the demo shop
 * with its key in the keyring: the key is saved in Preferences, the account is loaded from the
 * settings and the keyring, an order is opened and shipped (a bad number, then a good one),
 * Check Connection runs with a wrong key and the right one, and the key is forgotten. Meanwhile
 * the key must be in no process's command line and not in this one's environment.
 *
 * tests/gui/test-audit.sh runs this under with-keyring and xvfb-run with G_MESSAGES_DEBUG=all and
 * the keyfile settings backend, then searches everything it printed and every file under HOME
 * and the XDG dirs. The key is the demo shop's random one, new every run; it is handed to the
 * script through the file named by EO_AUDIT_KEY_FILE (outside HOME), never printed. */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "eo-account.h"
#include "eo-application.h"
#include "eo-demo-server.h"
#include "eo-preferences-window.h"
#include "eo-secrets.h"
#include "eo-status-dialog.h"
#include "eo-store.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 15000

static EoDemoServer *server;
static const char *key;

/* Waiting */

/* The window's store is open and is the file at the path waited for */
typedef struct
{
  EoWindow   *window;
  const char *path;
} StoreWait;

static gboolean
window_store_is (gpointer user_data)
{
  StoreWait *wait = user_data;
  EoStore *store = eo_window_get_store (wait->window);

  return store != NULL && g_strcmp0 (eo_store_get_path (store), wait->path) == 0;
}

typedef struct
{
  GObject    *object;
  const char *property;
  gboolean    value;
} BoolWait;

static gboolean
bool_property_is (gpointer user_data)
{
  BoolWait *wait = user_data;
  gboolean value;

  g_object_get (wait->object, wait->property, &value, NULL);

  return value == wait->value;
}

static gboolean
app_on_account (gpointer user_data)
{
  BoolWait ready = { user_data, "ready", TRUE };

  return bool_property_is (&ready) && !eo_application_get_demo (EO_APPLICATION (user_data));
}

static gboolean
app_on_demo (gpointer user_data)
{
  BoolWait ready = { user_data, "ready", TRUE };

  return bool_property_is (&ready) && eo_application_get_demo (EO_APPLICATION (user_data));
}

typedef struct
{
  EoWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is (gpointer user_data)
{
  PageWait *wait = user_data;

  return g_strcmp0 (eo_window_get_page (wait->window), wait->page) == 0;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer user_data)
{
  TextWait *wait = user_data;

  return gui_test_shows_text (wait->widget, wait->text);
}

static void
assert_text_shown (GtkWidget  *widget,
                   const char *text)
{
  TextWait wait = { widget, text };

  if (!gui_test_wait_for (text_shown, &wait, WAIT_MS))
    {
      g_autofree char *shown = gui_test_collect_text (widget);

      g_error ("“%s” is not shown; the widget shows:\n%s", text, shown);
    }
}

static gboolean
is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

static gboolean
editable_empty (gpointer user_data)
{
  return gtk_editable_get_text (GTK_EDITABLE (user_data))[0] == '\0';
}

static gboolean
widget_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

static gboolean
widget_visible (gpointer user_data)
{
  return gtk_widget_get_visible (GTK_WIDGET (user_data));
}

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

/* Whether the keyring holds the key, without the key leaving this function */
static gboolean
keyring_holds_key (void)
{
  LookupWait wait = { 0 };
  gboolean holds;

  eo_secrets_lookup_async ("127.0.0.1", eo_demo_server_get_login (server), NULL,
                           lookup_cb, &wait);
  g_assert_true (gui_test_wait_for (lookup_done, &wait, WAIT_MS));
  g_assert_no_error (wait.error);
  holds = g_strcmp0 (wait.secret, key) == 0;
  if (wait.secret != NULL)
    memset (wait.secret, 0, strlen (wait.secret));
  g_free (wait.secret);

  return holds;
}

/* The search for the key in this process's reach */

/* Where the key starts in data, or -1 */
static gssize
find_key (const char *data,
          gsize       length)
{
  gsize key_length = strlen (key);

  for (gsize i = 0; i + key_length <= length; i++)
    if (memcmp (data + i, key, key_length) == 0)
      return i;

  return -1;
}

/* Every process's command line, and this one's environment: where the key is (never the key) */
static char *
key_in_processes (guint *n_processes)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  g_autofree char *environ_data = NULL;
  gsize length;
  gssize offset;
  const char *name;

  g_assert_nonnull (dir);
  *n_processes = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;

      if (!g_ascii_isdigit (name[0]))
        continue;

      path = g_build_filename ("/proc", name, "cmdline", NULL);
      /* Processes come and go, and kernel threads have no command line */
      if (!g_file_get_contents (path, &cmdline, &length, NULL))
        continue;

      *n_processes += 1;
      offset = find_key (cmdline, length);
      if (offset >= 0)
        g_string_append_printf (found, " %s at offset %" G_GSSIZE_FORMAT ";", path, offset);
    }

  /* The search reads what it should: this test's own command line names it */
  {
    g_autofree char *own = NULL;

    g_assert_true (g_file_get_contents ("/proc/self/cmdline", &own, &length, NULL));
    g_assert_nonnull (g_strstr_len (own, length, "test-audit"));
  }

  g_assert_true (g_file_get_contents ("/proc/self/environ", &environ_data, &length, NULL));
  offset = find_key (environ_data, length);
  if (offset >= 0)
    g_string_append_printf (found, " /proc/self/environ at offset %" G_GSSIZE_FORMAT ";", offset);

  return found->len > 0 ? g_strdup (found->str) : NULL;
}

/* The app */

static EoPreferencesWindow *
open_preferences (EoApplication *app)
{
  EoPreferencesWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = EO_PREFERENCES_WINDOW (gui_test_find_toplevel (EO_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);

  return preferences;
}

/* Closing Preferences makes the app load the account again */
static void
close_preferences (EoPreferencesWindow *preferences)
{
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  gtk_window_close (GTK_WINDOW (preferences));
  g_assert_true (gui_test_wait_for (is_null, &preferences, WAIT_MS));
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
check_connection (EoPreferencesWindow *preferences,
                  const char          *expected)
{
  SubtitleWait wait;

  wait.row = ADW_ACTION_ROW (gui_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                                                   "Check Connection"));
  wait.text = expected;
  g_assert_nonnull (wait.row);

  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.check", NULL);
  if (!gui_test_wait_for (subtitle_contains, &wait, WAIT_MS))
    g_error ("Check Connection says “%s”, not “%s”",
             adw_action_row_get_subtitle (wait.row), expected);
}

static void
search (EoWindow   *window,
        const char *text,
        const char *page)
{
  GtkWidget *entry = gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  PageWait wait = { window, page };

  g_assert_nonnull (entry);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  if (!gui_test_wait_for (page_is, &wait, WAIT_MS))
    g_error ("searching for %s shows the %s page, not %s", text, eo_window_get_page (window), page);
}

static void
ship_order (EoWindow *window)
{
  EoStatusDialog *dialog;
  GtkWidget *entry;
  GtkWidget *send_button;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  entry = gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  send_button = gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Mark as _Sent");
  g_assert_nonnull (entry);
  g_assert_nonnull (send_button);

  /* A wrong check digit is refused */
  gtk_editable_set_text (GTK_EDITABLE (entry), "62001411000017");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "status.send", NULL);
  gui_test_drain ();
  g_assert_false (gtk_widget_get_sensitive (send_button));
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (entry), "62001411000016");
  g_assert_true (gtk_widget_get_sensitive (send_button));
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_true (gui_test_wait_for (is_null, &dialog, WAIT_MS));
  assert_text_shown (GTK_WIDGET (window), "Order 1001 marked as sent");
}

static void
assert_key_in_no_process (void)
{
  g_autofree char *found = NULL;
  guint n_processes;

  found = key_in_processes (&n_processes);
  g_test_message ("%u command lines searched", n_processes);
  /* at least this test, Xvfb, the bus and the keyring daemon */
  g_assert_cmpuint (n_processes, >=, 4);
  if (found != NULL)
    g_error ("The API key is in a command line or the environment:%s", found);
}

/* Runs inside g_application_run(), right after the app made its window */
static void
every_path_cb (EoApplication *app)
{
  g_autofree char *shop_path = eo_store_get_default_path ();
  g_autofree char *demo_path = eo_store_get_demo_path ();
  StoreWait on_shop_file = { NULL, shop_path };
  StoreWait on_demo_file = { NULL, demo_path };
  EoPreferencesWindow *preferences;
  EoWindow *window;
  GtkWidget *key_row;
  GtkWidget *forget_button;
  guint requests;

  window = EO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);

  on_shop_file.window = on_demo_file.window = window;

  /* No key in the keyring: the app falls back to its own demo shop, with a file of its own */
  g_assert_true (gui_test_wait_for (app_on_demo, app, WAIT_MS));
  g_assert_true (gui_test_wait_for (window_store_is, &on_demo_file, WAIT_MS));

  /* The key is typed into Preferences and saved to the keyring */
  preferences = open_preferences (app);
  key_row = gui_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_assert_nonnull (key_row);
  gtk_editable_set_text (GTK_EDITABLE (key_row), key);
  g_signal_emit_by_name (key_row, "apply");
  g_assert_true (gui_test_wait_for (editable_empty, key_row, WAIT_MS));
  g_assert_true (keyring_holds_key ());

  /* Closing Preferences: the app loads the account from the settings and the keyring */
  close_preferences (preferences);
  g_assert_true (gui_test_wait_for (app_on_account, app, WAIT_MS));
  /* the shop's own file: nothing queued on the demo shop can go out to the shop */
  g_assert_true (gui_test_wait_for (window_store_is, &on_shop_file, WAIT_MS));

  /* An order that does not exist, then order 1001 from this shop, shipped */
  requests = eo_demo_server_get_request_count (server);
  search (window, "999999", "error");
  search (window, "1001", "order");
  g_assert_cmpuint (eo_demo_server_get_request_count (server), >, requests);
  ship_order (window);

  assert_key_in_no_process ();

  /* Check Connection: a wrong key typed, the right key typed, then the stored one */
  preferences = open_preferences (app);
  key_row = gui_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (key_row), "not-the-right-key-0123456789");
  check_connection (preferences, "Wrong API key");
  gtk_editable_set_text (GTK_EDITABLE (key_row), key);
  check_connection (preferences, "It works");
  gtk_editable_set_text (GTK_EDITABLE (key_row), "");
  eo_demo_server_set_forced_error (server, 6);
  check_connection (preferences, "IP address is not allowed");
  eo_demo_server_set_forced_error (server, 0);
  check_connection (preferences, "It works");

  assert_key_in_no_process ();

  /* Forget: the keyring no longer has it, and the app goes back to its demo shop */
  forget_button = gui_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Forget");
  g_assert_nonnull (forget_button);
  g_assert_true (gui_test_wait_for (widget_visible, forget_button, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.forget-key", NULL);
  g_assert_true (gui_test_wait_for (widget_hidden, forget_button, WAIT_MS));
  g_assert_false (keyring_holds_key ());
  close_preferences (preferences);
  g_assert_true (gui_test_wait_for (app_on_demo, app, WAIT_MS));
  g_assert_true (gui_test_wait_for (window_store_is, &on_demo_file, WAIT_MS));
  /* the order shipped on the shop is in the shop's history, not in the demo shop's */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EoStore) shop = eo_store_open (shop_path, &error);
    g_autoptr(GPtrArray) shop_log = NULL;
    g_autoptr(GPtrArray) demo_log = NULL;

    g_assert_no_error (error);
    shop_log = eo_store_list_log (shop, 1001, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (shop_log->len, >, 0);
    demo_log = eo_store_list_log (eo_window_get_store (window), 1001, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (demo_log->len, ==, 0);
  }

  /* Quit as a person does: the windows close and g_application_run() returns */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_every_path (void)
{
  g_autoptr(GSettings) settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);
  g_autoptr(EoApplication) app = NULL;

  g_assert_null (g_getenv ("EXPERTAM_API_KEY"));

  /* The account as Preferences would leave it, with no key yet */
  g_settings_set_string (settings, "service", "custom");
  g_settings_set_string (settings, "custom-url", eo_demo_server_get_url (server));
  g_settings_set_string (settings, "login", eo_demo_server_get_login (server));

  app = eo_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (every_path_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  /* the settings reach their file before the script searches it */
  g_settings_sync ();
}

/* The script learns the key from a file outside HOME, which it then deletes */
static void
hand_key_to_script (void)
{
  const char *path = g_getenv ("EO_AUDIT_KEY_FILE");
  int fd;

  if (path == NULL)
    return;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, key, strlen (key)), ==, (gssize) strlen (key));
  g_assert_true (g_close (fd, NULL));
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
  key = eo_demo_server_get_secret (server);
  g_assert_cmpuint (strlen (key), >=, 20);
  hand_key_to_script ();

  g_test_add_func ("/audit/every-path", test_every_path);

  result = g_test_run ();

  eo_demo_server_stop (server);
  g_clear_object (&server);

  return result;
}
