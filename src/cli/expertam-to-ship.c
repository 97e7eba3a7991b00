/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-to-ship.c: `expertam to-ship`: the paid orders waiting for a parcel, synced first */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-money.h"
#include "eo-to-ship-order.h"
#include "expertam-private.h"

static char *
format_day (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = unix_seconds != 0 ? g_date_time_new_from_unix_local (unix_seconds)
                                                : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("-");
}

static void
print_row (EoToShipOrder *order)
{
  g_autofree char *paid = format_day (eo_to_ship_order_get_paid_at (order) != 0
                                        ? eo_to_ship_order_get_paid_at (order)
                                        : eo_to_ship_order_get_created_at (order));
  g_autofree char *name = expertam_clean (eo_to_ship_order_get_full_name (order));
  g_autofree char *city = expertam_clean (eo_to_ship_order_get_city (order));
  g_autofree char *postcode = expertam_clean (eo_to_ship_order_get_postalcode (order));
  g_autofree char *sum = eo_money_format (eo_to_ship_order_get_total (order));
  g_autofree char *place = g_strjoin (*city != '\0' && *postcode != '\0' ? " " : "",
                                      city, postcode, NULL);

  expertam_print_line ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s",
                       eo_to_ship_order_get_bill_id (order), paid,
                       *name != '\0' ? name : "-", *place != '\0' ? place : "-",
                       eo_to_ship_order_get_item_count (order), *sum != '\0' ? sum : "-",
                       eo_to_ship_order_get_sending (order) ? _("sending") : _("to ship"));
}

/* The orders as the service gave them (the saved copies), in the list's order; those being
 * sent are left out */
static gboolean
print_json (EoStore     *store,
            GListModel  *list,
            GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (list, i);
      g_autofree char *json = NULL;
      JsonNode *node;

      if (eo_to_ship_order_get_sending (order))
        continue;
      json = eo_store_get_order_json (store, eo_to_ship_order_get_bill_id (order), error);
      if (json == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      node = json_from_string (json, error);
      if (node == NULL)
        return FALSE;
      json_array_add_element (array, node);
    }

  root = json_node_init_array (json_node_alloc (), array);
  text = expertam_node_to_pretty_json (root);
  expertam_print_line ("%s", text);
  return TRUE;
}

GListModel *
expertam_load_to_ship (EoShop      *shop,
                       EoStore     *store,
                       GDateTime   *since,
                       gboolean     offline,
                       GError     **error)
{
  EoToShipFilter filter = { 0 };

  if (!offline && !expertam_run_sync (shop, store, since, TRUE, error))
    return NULL;

  if (since != NULL)
    {
      g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
      g_autoptr(GDateTime) in_moscow = g_date_time_to_timezone (since, moscow);
      g_autoptr(GDateTime) midnight =
        g_date_time_new (moscow, g_date_time_get_year (in_moscow),
                         g_date_time_get_month (in_moscow),
                         g_date_time_get_day_of_month (in_moscow), 0, 0, 0);

      filter.since = g_date_time_to_unix (midnight);
    }

  return eo_store_to_ship (store, &filter, error);
}

gboolean
expertam_builtin_to_ship (char   **args,
                          GError **error)
{
  gboolean help = FALSE;
  gboolean offline = FALSE;
  gboolean as_json = FALSE;
  g_autofree char *since_text = NULL;
  const GOptionEntry entries[] = {
    { "since", 's', 0, G_OPTION_ARG_STRING, &since_text,
      N_("Sync from this day (default: the day before the last sync, or 30 days ago) and list "
         "only the orders made since"), N_("DATE") },
    { "offline", 'o', 0, G_OPTION_ARG_NONE, &offline,
      N_("Do not sync: list what was synced before"), NULL },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print a JSON array of the orders as the service gave them"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("List the paid orders with a postal address that are not yet "
                                   "marked sent, oldest paid first; syncs first."),
                                 _("A line an order: number, paid, customer, city and postcode, "
                                   "items, sum, and “sending” while its sent mark waits in the "
                                   "outbox. An order marked sent, returned or cancelled from this "
                                   "computer, or set aside (expertam set-aside), is not listed."));
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(EoShop) shop = NULL;
  g_autoptr(GListModel) list = NULL;
  EoStore *store;
  guint n;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 1)
    return expertam_fail_arguments (error, _("to-ship takes no arguments"));

  if (!expertam_parse_since (since_text, &since, error) ||
      (shop = expertam_open_shop (error)) == NULL ||
      (store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  if ((list = expertam_load_to_ship (shop, store, since, offline, error)) == NULL)
    return FALSE;

  if (as_json)
    return print_json (store, list, error);

  n = g_list_model_get_n_items (list);
  if (n == 0)
    {
      /* Said on stderr, but nothing failed: the exit status is 0 */
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_NOTHING_FOUND, _("Nothing to ship."));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (list, i);

      print_row (order);
    }

  return TRUE;
}
