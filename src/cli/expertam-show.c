/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-show.c: `expertam show BILL_ID`: an order, readable or as the service sent it (JSON) */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "expertam-private.h"

static gboolean
print_json (EoOrder  *order,
            GError  **error)
{
  g_autoptr(JsonNode) node = json_from_string (eo_order_get_raw_json (order), error);
  g_autofree char *text = NULL;

  if (node == NULL)
    return FALSE;

  text = expertam_node_to_pretty_json (node);
  expertam_print_line ("%s", text);
  return TRUE;
}

/* Every order fetched is kept, for `expertam search` and the window's history, as this shop's;
 * when it cannot be, a warning says why, and the command still succeeds */
static void
save_to_history (GAsyncResult *store_result,
                 EoOrder      *order,
                 const char   *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = eo_store_open_finish (store_result, &error);

  if (store != NULL)
    eo_store_set_account (store, login);
  if (store == NULL || !eo_store_save_order (store, order, expertam_now_seconds (), &error))
    expertam_print_error_line (error->message);
}

gboolean
expertam_builtin_show (char   **args,
                       GError **error)
{
  gboolean help = FALSE;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print the order as the service sent it, as JSON"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID"),
                                 _("Show an order: customer, delivery address, items, payment, "
                                   "partners and utm."),
                                 NULL);
  g_autoptr(EoClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) store_result = NULL;
  g_autofree char *store_path = NULL;
  g_autoptr(EoOrder) order = NULL;
  gint64 bill_id = 0;
  gboolean printed;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one order number"));

  if (!expertam_parse_bill_id (args[1], &bill_id, error) ||
      (client = expertam_open_client (error)) == NULL)
    return FALSE;

  /* The order history opens on another thread while the request is on its way */
  eo_client_get_order_async (client, bill_id, NULL, expertam_store_result_cb, &result);
  store_path = eo_store_get_default_path ();
  eo_store_open_async (store_path, NULL, expertam_store_result_cb, &store_result);

  expertam_wait_for_result (&result);
  order = eo_client_get_order_finish (client, result, error);

  /* The reply first: the person reads it while it is written to the history */
  if (order == NULL)
    printed = FALSE;
  else if (as_json)
    printed = print_json (order, error);
  else
    {
      expertam_print_order (order);
      printed = TRUE;
    }
  fflush (stdout);

  expertam_wait_for_result (&store_result);
  if (order != NULL)
    save_to_history (store_result, order, eo_client_get_login (client));

  return printed;
}
