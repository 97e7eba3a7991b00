/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-login.c: `expertam login LOGIN`: the API key, from standard input into the keyring */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "eo-account.h"
#include "eo-error.h"
#include "eo-secrets.h"
#include "expertam-private.h"

/* One line from standard input, without echo when it is a terminal */
static char *
read_key (const char  *login,
          GError     **error)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GDataInputStream) input = g_data_input_stream_new (base);
  struct termios saved;
  gboolean echo_off = FALSE;
  g_autofree char *line = NULL;
  gsize length = 0;

  if (isatty (STDIN_FILENO))
    {
      struct termios quiet;

      fprintf (stderr, _("API key for %s: "), login);
      fflush (stderr);

      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  line = g_data_input_stream_read_line_utf8 (input, &length, NULL, error);

  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }

  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                     _("No API key on standard input: give it as one line, e.g. "
                       "“expertam login %s < key-file”."), login);
      return NULL;
    }

  g_strstrip (line);
  length = strlen (line);

  if (length == 0 || length > MAX_KEY_LENGTH)
    {
      explicit_bzero (line, length);
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The API key on standard input is empty or too long: give it as one line."));
      return NULL;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_iscntrl (line[i]))
        {
          explicit_bzero (line, length);
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("The API key on standard input has control characters in it."));
          return NULL;
        }
    }

  return g_steal_pointer (&line);
}

static void
secret_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

typedef char SecretText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretText, secret_free)

static gboolean
save_settings (const char *service,
               const char *login,
               const char *url)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, EO_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_delay (settings);
  g_settings_set_string (settings, "service", service);
  g_settings_set_string (settings, "login", login);
  if (url != NULL)
    g_settings_set_string (settings, "custom-url", url);
  g_settings_apply (settings);
  g_settings_sync ();

  return TRUE;
}

gboolean
expertam_builtin_login (char   **args,
                        GError **error)
{
  gboolean help = FALSE;
  g_autofree char *service = NULL;
  g_autofree char *url = NULL;
  const GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service,
      N_("expertam (default), justclick, or custom with --url"), N_("SERVICE") },
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url,
      N_("The API’s base URL for a custom service; {login} in it is replaced by the login"),
      N_("TEMPLATE") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("LOGIN"),
                                 _("Store the account’s API key in the keyring. The key is read "
                                   "from standard input, one line; it is never taken from the "
                                   "command line."),
                                 _("The key is in the shop’s account: the “API” link at the "
                                   "bottom, or Shop › Settings › API, “Secret key for the "
                                   "signature”."));
  g_autoptr(EoClient) client = NULL;
  g_autoptr(SecretText) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *url_template;
  const char *login;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one login"));

  login = args[1];
  if (!eo_client_login_is_valid (login))
    {
      g_autofree char *shown = expertam_clean (login);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("“%s” is not a valid login: it is the first part of the shop’s "
                     "address, like “myshop” in myshop.expertam.ru (a-z, 0-9, -)."),
                   shown);
      return FALSE;
    }

  if (service == NULL)
    service = g_strdup (url != NULL ? "custom" : "expertam");

  if (!g_str_equal (service, "expertam") && !g_str_equal (service, "justclick") &&
      !g_str_equal (service, "custom"))
    return expertam_fail_arguments (error,
                                    _("The service is one of expertam, justclick, custom"));

  if (g_str_equal (service, "custom") != (url != NULL))
    return expertam_fail_arguments (error, _("A custom service needs --url TEMPLATE, and --url "
                                             "needs --service custom"));

  url_template = eo_account_template_for_service (service, url);
  if (url_template == NULL)
    return expertam_fail_arguments (error, _("Give the API’s base URL with --url TEMPLATE"));

  key = read_key (login, error);
  if (key == NULL)
    return FALSE;

  /* Checks the URL and gives the host the keyring entry is filed under */
  client = eo_client_new ();
  if (!eo_client_set_account (client, url_template, login, key, error))
    return FALSE;

  eo_secrets_store_async (eo_client_get_host (client), login, key, NULL,
                          expertam_store_result_cb, &result);
  expertam_wait_for_result (&result);
  if (!eo_secrets_store_finish (result, error))
    return FALSE;

  if (save_settings (service, login, url))
    {
      expertam_print_line (_("Stored the API key for “%s” at %s in the keyring; this is now the "
                             "account expertam and the app use."),
                           login, eo_client_get_host (client));
    }
  else
    {
      g_autofree char *quoted_url = g_shell_quote (url_template);
      g_autofree char *quoted_host = g_shell_quote (eo_client_get_host (client));

      expertam_print_line (_("Stored the API key for “%s” at %s in the keyring."),
                           login, eo_client_get_host (client));
      expertam_print_line (_("The app’s settings are not installed here, so expertam cannot find "
                             "this account by itself. Give it the account in the environment:"));
      expertam_print_line ("  export EXPERTAM_LOGIN=%s EXPERTAM_API_URL=%s "
                           "EXPERTAM_API_KEY=\"$(secret-tool lookup host %s login %s)\"",
                           login, quoted_url, quoted_host, login);
    }

  return TRUE;
}
