/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-account.c
 *
 * Where the account comes from: EXPERTAM_* variables for scripts and tests, or else the
 * settings (service, login) with the API key from the keyring.
 */

#include "config.h"

#include "eo-account.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "eo-client.h"
#include "eo-error.h"
#include "eo-secrets.h"

G_DEFINE_BOXED_TYPE (EoAccount, eo_account, eo_account_copy, eo_account_free)

static EoAccount *
account_new (const char *url_template,
             const char *login,
             const char *secret,
             gboolean    from_env)
{
  EoAccount *self = g_new0 (EoAccount, 1);

  self->url_template = g_strdup (url_template);
  self->login = g_strdup (login);
  self->secret = g_strdup (secret);
  self->from_env = from_env;

  return self;
}

EoAccount *
eo_account_copy (const EoAccount *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return account_new (self->url_template, self->login, self->secret, self->from_env);
}

void
eo_account_free (EoAccount *self)
{
  if (self == NULL)
    return;

  if (self->secret != NULL)
    secret_password_wipe (self->secret);
  g_free (self->secret);
  g_free (self->url_template);
  g_free (self->login);
  g_free (self);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

const char *
eo_account_template_for_service (const char *service,
                                 const char *custom_url)
{
  /* An unset service is the settings' default */
  if (service == NULL || *service == '\0' || g_ascii_strcasecmp (service, "expertam") == 0)
    return EO_URL_TEMPLATE_EXPERTAM;

  if (g_ascii_strcasecmp (service, "justclick") == 0)
    return EO_URL_TEMPLATE_JUSTCLICK;

  if (g_ascii_strcasecmp (service, "custom") == 0 && !is_blank (custom_url))
    return custom_url;

  /* "custom" without an address, or a service this version does not know */
  return NULL;
}

/* The same rule as eo_client_login_is_valid(): the login becomes a DNS label of the host,
 * and the keyring is searched by it */
static gboolean
login_is_valid (const char *login)
{
  gsize len;
  gsize i;

  if (login == NULL)
    return FALSE;

  len = strlen (login);
  if (len < 1 || len > 63 || login[0] == '-' || login[len - 1] == '-')
    return FALSE;

  for (i = 0; i < len; i++)
    if (!(g_ascii_islower (login[i]) || g_ascii_isdigit (login[i]) || login[i] == '-'))
      return FALSE;

  return TRUE;
}

static GError *
invalid_login_error (const char *login,
                     const char *where)
{
  g_autofree char *shown = eo_sanitize_text (login, 80);

  return g_error_new (EO_ERROR, EO_ERROR_INVALID_INPUT,
                      /* Translators: the first %s is the login, the second where it was
                       * found: "EXPERTAM_LOGIN" or "Preferences" */
                      _("The login “%s” (from %s) is not valid: a login has only lower-case "
                        "Latin letters, digits and dashes, as in the shop’s address "
                        "LOGIN.expertam.ru."),
                      shown, where);
}

static GError *
no_account_error (const char *why)
{
  const char *how = _("Set up the account in Expertam Orders’ Preferences, or run "
                      "“expertam login LOGIN”, or set EXPERTAM_LOGIN and EXPERTAM_API_KEY.");

  /* Translators: the reason there is no account, then how to set one up */
  return g_error_new (EO_ERROR, EO_ERROR_NO_ACCOUNT, _("%s %s"), why, how);
}

/* The host the key is filed under in the keyring: that of the base URL the template gives */
static char *
host_for_template (const char  *url_template,
                   const char  *login,
                   GError     **error)
{
  g_autoptr(GString) url = g_string_new (url_template);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *host;

  g_string_replace (url, "{login}", login, 0);
  g_strstrip (url->str);
  url->len = strlen (url->str);

  uri = g_uri_parse (url->str, G_URI_FLAGS_NONE, &local_error);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_autofree char *shown = eo_sanitize_text (url_template, 200);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The service address “%s” is not a valid web address. "
                     "Correct it in Preferences."),
                   shown);
      return NULL;
    }

  return g_strdup (host);
}

static char *
settings_get_string (GSettings       *settings,
                     GSettingsSchema *schema,
                     const char      *key)
{
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  char *value;

  /* Read defensively: the schema comes from the installed data, maybe another version */
  if (!g_settings_schema_has_key (schema, key))
    return g_strdup ("");

  schema_key = g_settings_schema_get_key (schema, key);
  if (!g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key),
                             G_VARIANT_TYPE_STRING))
    return g_strdup ("");

  value = g_settings_get_string (settings, key);

  return g_strstrip (value);
}

typedef struct
{
  char *url_template;
  char *login;
  char *host;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->url_template);
  g_free (data->login);
  g_free (data->host);
  g_free (data);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (task);
  char *secret;

  secret = eo_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (eo_error_is_cancelled (error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, EO_ERROR, EO_ERROR_FAILED,
                                 /* Translators: %s is the keyring's own error message */
                                 _("Could not read the API key from the keyring: %s"),
                                 error->message);
      return;
    }

  if (secret == NULL || *secret == '\0')
    {
      g_autofree char *why = NULL;

      g_free (secret);
      /* Translators: the first %s is the login, the second the service's host */
      why = g_strdup_printf (_("No API key is stored in the keyring for “%s” at %s."),
                             data->login, data->host);
      g_task_return_error (task, no_account_error (why));
      return;
    }

  g_task_return_pointer (task,
                         account_new (data->url_template, data->login, secret, FALSE),
                         (GDestroyNotify) eo_account_free);
  secret_password_wipe (secret);
  g_free (secret);
}

static void
load_from_settings (GTask        *task,
                    const char   *env_hint,
                    GCancellable *cancellable)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *service = NULL;
  g_autofree char *login = NULL;
  g_autofree char *custom_url = NULL;
  g_autoptr(GError) error = NULL;
  const char *url_template;
  LoadData *data;

  /* An uninstalled CLI has no schema: g_settings_new() would abort, so look first */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, EO_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_task_return_error (task, no_account_error (env_hint != NULL ? env_hint :
                                                   _("No Expertam account is set up.")));
      return;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  service = settings_get_string (settings, schema, "service");
  login = settings_get_string (settings, schema, "login");
  custom_url = settings_get_string (settings, schema, "custom-url");

  if (*login == '\0')
    {
      g_task_return_error (task, no_account_error (env_hint != NULL ? env_hint :
                                                   _("No Expertam account is set up.")));
      return;
    }

  url_template = eo_account_template_for_service (service, custom_url);
  if (url_template == NULL)
    {
      g_task_return_error (task, no_account_error (_("The service’s address is not set.")));
      return;
    }

  if (!login_is_valid (login))
    {
      g_task_return_error (task, invalid_login_error (login, _("Preferences")));
      return;
    }

  data = g_new0 (LoadData, 1);
  data->host = host_for_template (url_template, login, &error);
  data->url_template = g_strdup (url_template);
  data->login = g_steal_pointer (&login);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  if (data->host == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  eo_secrets_lookup_async (data->host, data->login, cancellable,
                           lookup_cb, g_object_ref (task));
}

void
eo_account_load_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *env_login;
  const char *env_key;
  const char *env_url;
  const char *env_hint = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_account_load_async);

  env_login = g_getenv ("EXPERTAM_LOGIN");
  env_key = g_getenv ("EXPERTAM_API_KEY");
  env_url = g_getenv ("EXPERTAM_API_URL");

  if (!is_blank (env_login) && env_key != NULL && *env_key != '\0')
    {
      g_autofree char *login = g_strstrip (g_strdup (env_login));
      const char *url_template = is_blank (env_url) ? EO_URL_TEMPLATE_EXPERTAM : env_url;

      if (!login_is_valid (login))
        {
          g_task_return_error (task, invalid_login_error (login, "EXPERTAM_LOGIN"));
          return;
        }

      g_task_return_pointer (task, account_new (url_template, login, env_key, TRUE),
                             (GDestroyNotify) eo_account_free);
      return;
    }

  /* Half of the variables set is most likely a mistake in a script: say so if the settings
   * have no account either */
  if (!is_blank (env_login))
    env_hint = _("EXPERTAM_LOGIN is set, but EXPERTAM_API_KEY is not.");
  else if (env_key != NULL && *env_key != '\0')
    env_hint = _("EXPERTAM_API_KEY is set, but EXPERTAM_LOGIN is not.");

  load_from_settings (task, env_hint, cancellable);
}

EoAccount *
eo_account_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_account_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
