/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-set-aside.c: `expertam set-aside BILL_ID [--undo]`: off the to-ship list, or back */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "expertam-private.h"

gboolean
expertam_builtin_set_aside (char   **args,
                            GError **error)
{
  gboolean help = FALSE;
  gboolean undo = FALSE;
  const GOptionEntry entries[] = {
    { "undo", 'u', 0, G_OPTION_ARG_NONE, &undo,
      N_("Put the order back on the to-ship list"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID"),
                                 _("Set a paid order aside (sent some other way, or not a "
                                   "parcel): it leaves the to-ship list, on this computer."),
                                 NULL);
  g_autoptr(EoShop) shop = NULL;
  EoStore *store;
  gint64 bill_id = 0;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one order number"));

  if (!expertam_parse_bill_id (args[1], &bill_id, error) ||
      (shop = expertam_open_shop (error)) == NULL ||
      (store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  if (undo)
    {
      if (!eo_store_undo_set_aside (store, bill_id, error))
        return FALSE;
      expertam_print_line (_("Order %" PRId64 " is back on the to-ship list."), bill_id);
    }
  else
    {
      if (!eo_store_set_aside (store, bill_id, expertam_now_seconds (), error))
        return FALSE;
      expertam_print_line (_("Order %" PRId64 " is set aside: it is not listed to ship "
                             "(undo with --undo)."), bill_id);
    }

  return TRUE;
}
