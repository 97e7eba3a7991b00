/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-show.c: `expertam show BILL_ID`: an order, readable or as the service sent it (JSON) */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eo-order-item.h"
#include "eo-partner.h"
#include "eo-money.h"
#include "expertam-private.h"

static gboolean
print_order (EoOrder *order)
{
  GListModel *items = eo_order_get_items (order);
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;
  const char *pay_status = eo_order_get_pay_status (order);
  const char *paid_text = eo_order_get_is_paid (order) ? _("paid") : _("unpaid");
  const char *address_parts[] = {
    eo_order_get_postalcode (order),
    eo_order_get_region (order),
    eo_order_get_city (order),
    eo_order_get_address (order),
    eo_order_get_country (order),
  };
  const struct { const char *label; const char *value; } utm[] = {
    { "source", eo_order_get_utm_source (order) },
    { "medium", eo_order_get_utm_medium (order) },
    { "campaign", eo_order_get_utm_campaign (order) },
    { "content", eo_order_get_utm_content (order) },
    { "term", eo_order_get_utm_term (order) },
  };
  g_autoptr(GString) utm_text = g_string_new (NULL);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, eo_order_get_id (order));
  gboolean has_address = FALSE;

  expertam_print_line (_("Order %s"), number);

  /* The service's own word, unless it only repeats "paid" */
  if (pay_status[0] != '\0' &&
      !(eo_order_get_is_paid (order) && g_ascii_strcasecmp (pay_status, "paid") == 0))
    {
      g_autofree char *shown = expertam_clean (pay_status);
      g_autofree char *status = g_strdup_printf ("%s (%s)", paid_text, shown);

      expertam_print_field (_("Status"), status);
    }
  else
    expertam_print_field (_("Status"), paid_text);

  expertam_print_date_field (_("Created"), eo_order_get_created (order));
  expertam_print_field (_("Customer"), eo_order_get_full_name (order));
  expertam_print_field (_("E-mail"), eo_order_get_email (order));
  expertam_print_field (_("Phone"), eo_order_get_phone (order));

  /* As on a Russian envelope, one part a line */
  for (gsize i = 0; i < G_N_ELEMENTS (address_parts); i++)
    {
      g_autofree char *shown = NULL;

      if (address_parts[i][0] == '\0')
        continue;

      if (!has_address)
        expertam_print_line ("%s:", _("Delivery address"));
      has_address = TRUE;

      shown = expertam_clean (address_parts[i]);
      expertam_print_line ("  %s", shown);
    }

  if (n_items > 0)
    expertam_print_line ("%s:", _("Items"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      g_autofree char *title = expertam_clean (eo_order_item_get_title (item));
      GListModel *partners = eo_order_item_get_partners (item);
      guint n_partners = partners != NULL ? g_list_model_get_n_items (partners) : 0;
      gint64 sum = eo_order_item_get_sum (item);
      gint64 price = eo_order_item_get_price (item);

      expertam_print_line ("  %u. %s", i + 1, title[0] != '\0' ? title : _("(no title)"));

      if (sum != EO_MONEY_NONE && price != EO_MONEY_NONE && sum != price)
        {
          g_autofree char *sum_text = eo_money_format (sum);
          g_autofree char *price_text = eo_money_format (price);

          /* Translators: what the customer paid for an item, then its list price */
          expertam_print_line (_("     %s (list price %s)"), sum_text, price_text);
        }
      else if (sum != EO_MONEY_NONE || price != EO_MONEY_NONE)
        {
          g_autofree char *money = eo_money_format (sum != EO_MONEY_NONE ? sum : price);

          expertam_print_line ("     %s", money);
        }

      if (eo_order_item_get_pincode (item)[0] != '\0')
        {
          g_autofree char *pin = expertam_clean (eo_order_item_get_pincode (item));

          expertam_print_line ("     %s: %s", _("PIN"), pin);
        }

      for (guint j = 0; j < n_partners; j++)
        {
          g_autoptr(EoPartner) partner = g_list_model_get_item (partners, j);
          g_autofree char *name = expertam_clean (eo_partner_get_name (partner));
          g_autofree char *fee = eo_money_format (eo_partner_get_fee (partner));

          if (name[0] == '\0')
            {
              g_free (name);
              name = expertam_clean (eo_partner_get_partner_id (partner));
            }

          if (fee[0] != '\0')
            /* Translators: a partner credited for an item: level, name, fee */
            expertam_print_line (_("     Partner, level %d: %s, fee %s"),
                                 eo_partner_get_level (partner), name, fee);
          else
            expertam_print_line (_("     Partner, level %d: %s"), eo_partner_get_level (partner),
                                 name);
        }
    }

  expertam_print_money_field (_("Price"), eo_order_get_price (order));
  expertam_print_money_field (_("Left to pay"), eo_order_get_bill_sum_topay (order));
  expertam_print_date_field (_("Paid"), eo_order_get_paid (order));
  expertam_print_field (_("Payment method"), eo_order_get_payway (order));
  expertam_print_field (_("Payment link"), eo_order_get_link (order));
  expertam_print_field (_("Coupon"), eo_order_get_kupon (order));
  expertam_print_field (_("Tag"), eo_order_get_tag (order));

  for (gsize i = 0; i < G_N_ELEMENTS (utm); i++)
    {
      if (utm[i].value[0] == '\0')
        continue;

      if (utm_text->len > 0)
        g_string_append (utm_text, ", ");
      g_string_append_printf (utm_text, "%s=%s", utm[i].label, utm[i].value);
    }
  expertam_print_field ("UTM", utm_text->str);

  expertam_print_field (_("Comment"), eo_order_get_comment (order));
  return TRUE;
}

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
    printed = print_order (order);
  fflush (stdout);

  expertam_wait_for_result (&store_result);
  if (order != NULL)
    save_to_history (store_result, order, eo_client_get_login (client));

  return printed;
}
