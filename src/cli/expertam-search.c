/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-search.c: `expertam search TEXT…`: the orders saved on this computer, found offline */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-stored-order.h"
#include "expertam-private.h"

gboolean
expertam_builtin_search (char   **args,
                         GError **error)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("TEXT…"),
                                 _("Find saved orders by number, name, phone, e-mail, city, "
                                   "address or tracking number, offline; prints number, name, "
                                   "city and status."),
                                 _("Every order shown (by expertam or the app) is saved on this "
                                   "computer. A phone matches in any format: 89123456789, "
                                   "+7 912 345-67-89."));
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) < 2)
    return expertam_fail_arguments (error, _("Give the text to search for"));

  text = g_strjoinv (" ", args + 1);
  if ((store = expertam_open_store (error)) == NULL ||
      (found = eo_store_search (store, text, 100, error)) == NULL)
    return FALSE;

  n = g_list_model_get_n_items (found);
  if (n == 0)
    {
      g_autofree char *shown = expertam_clean (text);

      /* Said on stderr, but nothing failed: the exit status is 0 */
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_NOTHING_FOUND,
                   _("No saved order matches “%s”: orders are saved when they are "
                     "shown."), shown);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoStoredOrder) order = g_list_model_get_item (found, i);
      g_autofree char *name = expertam_clean (eo_stored_order_get_full_name (order));
      g_autofree char *city = expertam_clean (eo_stored_order_get_city (order));
      g_autoptr(GString) state = g_string_new (NULL);
      g_autofree char *shown_state = NULL;
      const char *pay_status = eo_stored_order_get_pay_status (order);
      const char *local = eo_stored_order_get_local_status (order);
      const char *tracking = eo_stored_order_get_tracking (order);

      g_string_append (state, expertam_status_word (pay_status));
      if (local[0] != '\0' && !g_str_equal (local, pay_status))
        g_string_append_printf (state, "%s%s", state->len > 0 ? ", " : "",
                                expertam_status_word (local));
      if (tracking[0] != '\0')
        g_string_append_printf (state, "%s%s", state->len > 0 ? " " : "", tracking);

      shown_state = expertam_clean (state->str);
      expertam_print_line ("%" G_GINT64_FORMAT "\t%s\t%s\t%s",
                           eo_stored_order_get_bill_id (order),
                           name[0] != '\0' ? name : "-", city[0] != '\0' ? city : "-",
                           shown_state[0] != '\0' ? shown_state : "-");
    }

  return TRUE;
}
