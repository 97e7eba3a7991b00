/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-api.c: `expertam api METHOD [KEY=VALUE…]`: any API method, signed; the reply as JSON */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eo-signature.h"
#include "expertam-private.h"

static gboolean
is_method_name (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 64)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}

gboolean
expertam_builtin_api (char   **args,
                      GError **error)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("METHOD [KEY=VALUE…]"),
                                 _("Call any API method, signed, and print the verified reply as "
                                   "JSON."),
                                 _("The parameters are sent in the order given; the signature is "
                                   "added. Example: expertam api getOrderDetails bill_id=1001 "
                                   "good_info=1"));
  g_autoptr(EoClient) client = NULL;
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) < 2)
    return expertam_fail_arguments (error, _("Give the API method’s name"));

  if (!is_method_name (args[1]))
    {
      g_autofree char *shown = expertam_clean (args[1]);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("“%s” is not an API method name (letters, digits and _ only)."), shown);
      return FALSE;
    }

  for (guint i = 2; args[i] != NULL; i++)
    {
      const char *equals = strchr (args[i], '=');
      g_autofree char *key = NULL;

      if (equals == NULL || equals == args[i])
        {
          g_autofree char *shown = expertam_clean (args[i]);

          g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                       _("“%s” is not a parameter: write KEY=VALUE."), shown);
          return FALSE;
        }

      key = g_strndup (args[i], equals - args[i]);
      if (g_str_equal (key, "hash"))
        {
          g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                       _("The hash parameter is added by expertam itself: leave it out."));
          return FALSE;
        }

      eo_params_add_string (params, key, equals + 1);
    }

  client = expertam_open_client (error);
  if (client == NULL)
    return FALSE;

  eo_client_call_async (client, args[1], params, NULL, expertam_store_result_cb, &result);
  expertam_wait_for_result (&result);
  reply = eo_client_call_finish (client, result, error);
  if (reply == NULL)
    return FALSE;

  node = json_node_init_object (json_node_alloc (), reply);
  text = expertam_node_to_pretty_json (node);
  expertam_print_line ("%s", text);

  return TRUE;
}
