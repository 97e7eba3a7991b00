/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-show.c: `expertam show BILL_ID`: an order, readable or as the service sent it (JSON) */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eo-order-lookup.h"
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

/* A store that cannot keep the order: a warning says why, and the command still succeeds */
static void
saved_cb (EoOrderLookup *lookup,
          const GError  *error,
          gpointer       user_data)
{
  if (error != NULL)
    expertam_print_error_line (error->message);
}

static void
wait_while (EoOrderLookup *lookup,
            gboolean       saving)
{
  for (;;)
    {
      EoOrderLookupState state = eo_order_lookup_get_state (lookup);

      if (saving ? !eo_order_lookup_get_saving (lookup)
                 : state != EO_ORDER_LOOKUP_LOADING && state != EO_ORDER_LOOKUP_REFRESHING)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
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
  g_autoptr(EoOrderLookup) lookup = NULL;
  g_autoptr(GAsyncResult) store_result = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *store_path = NULL;
  EoOrder *order;
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

  /* The same lookup as the window's, from the shop only (never a saved copy): the order
   * history opens on another thread while the request is on its way */
  lookup = eo_order_lookup_new (client, NULL);
  g_signal_connect (lookup, "saved", G_CALLBACK (saved_cb), NULL);
  eo_order_lookup_run (lookup, bill_id, EO_ORDER_LOOKUP_FLAGS_NONE);
  store_path = eo_store_get_default_path ();
  eo_store_open_async (store_path, NULL, expertam_store_result_cb, &store_result);

  wait_while (lookup, FALSE);
  order = eo_order_lookup_get_order (lookup);

  /* The reply first: the person reads it while it is written to the history */
  if (order == NULL)
    {
      g_propagate_error (error, g_error_copy (eo_order_lookup_get_error (lookup)));
      printed = FALSE;
    }
  else if (as_json)
    printed = print_json (order, error);
  else
    {
      expertam_print_order (order);
      printed = TRUE;
    }
  fflush (stdout);

  /* Every order fetched is kept, for `expertam search` and the window's history, as this
   * shop's; when it cannot be, a warning says why */
  expertam_wait_for_result (&store_result);
  store = eo_store_open_finish (store_result, &store_error);
  if (store == NULL && order != NULL)
    expertam_print_error_line (store_error->message);
  else if (store != NULL)
    {
      eo_store_set_account (store, eo_client_get_login (client));
      eo_order_lookup_set_store (lookup, store);
      wait_while (lookup, TRUE);
    }

  return printed;
}
