/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-customer.c: `expertam customer EMAIL`: a customer's orders (GetBills) */

#include "config.h"

#include <glib/gi18n.h>

#include "expertam-private.h"

static void
print_row (EoOrder *order)
{
  GDateTime *created = eo_order_get_created (order);
  g_autofree char *day = created != NULL ? expertam_format_date (created) : g_strdup ("-");
  g_autofree char *status = expertam_clean (expertam_status_word (eo_order_get_pay_status (order)));
  g_autofree char *sum = eo_money_format (eo_order_get_price (order));

  expertam_print_line ("%" G_GINT64_FORMAT "\t%s\t%s\t%s", eo_order_get_id (order), day,
                       *status != '\0' ? status : "-", *sum != '\0' ? sum : "-");
}

gboolean
expertam_builtin_customer (char   **args,
                           GError **error)
{
  gboolean help = FALSE;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print a JSON array of the orders as the service gave them"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("EMAIL"),
                                 _("List a customer’s orders by their e-mail address: number, "
                                   "date, payment status and sum."),
                                 NULL);
  g_autoptr(EoClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one e-mail address"));

  if ((client = expertam_open_client (error)) == NULL)
    return FALSE;

  eo_client_get_bills_async (client, args[1], NULL, NULL, expertam_store_result_cb, &result);
  expertam_wait_for_result (&result);
  if ((orders = eo_client_get_bills_finish (client, result, NULL, error)) == NULL)
    return FALSE;

  if (as_json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < orders->len; i++)
        {
          JsonNode *node = json_from_string (eo_order_get_raw_json (orders->pdata[i]), error);

          if (node == NULL)
            return FALSE;
          json_array_add_element (array, node);
        }
      root = json_node_init_array (json_node_alloc (), array);
      text = expertam_node_to_pretty_json (root);
      expertam_print_line ("%s", text);
      return TRUE;
    }

  if (orders->len == 0)
    {
      g_autofree char *shown = expertam_clean (args[1]);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_NOTHING_FOUND,
                   _("The shop has no order from %s."), shown);
      return FALSE;
    }

  for (guint i = 0; i < orders->len; i++)
    print_row (orders->pdata[i]);

  return TRUE;
}
