/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-status.c: `expertam status BILL_ID paid|return|cancel`: an order paid, returned... */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-error.h"
#include "expertam-private.h"

gboolean
expertam_builtin_status (char   **args,
                         GError **error)
{
  gboolean help = FALSE;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When it happened: 2024-03-01, 2024-03-01T12:00:00[+03:00] or unix seconds "
         "(default: now; sent only with paid)"), N_("DATE") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID paid|return|cancel"),
                                 _("Mark an order paid (cash, bank transfer), returned or "
                                   "cancelled."),
                                 _("To mark an order sent, use “expertam ship”: it needs the "
                                   "tracking number."));
  g_autoptr(GDateTime) date = NULL;
  EoOrderStatus order_status = EO_ORDER_STATUS_PAID;
  g_autofree char *number = NULL;
  gint64 bill_id = 0;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 3)
    return expertam_fail_arguments (error,
                                    _("Give an order number and one of paid, return, cancel"));

  if (!expertam_parse_bill_id (args[1], &bill_id, error))
    return FALSE;

  if (g_str_equal (args[2], "sent"))
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("To mark an order sent, use “expertam ship %s --rpo NUMBER”."), args[1]);
      return FALSE;
    }

  if (!eo_order_status_from_string (args[2], &order_status))
    {
      g_autofree char *shown = expertam_clean (args[2]);
      g_autofree char *what = NULL;

      what = g_strdup_printf (_("“%s” is not a status: use paid, return or cancel"), shown);

      return expertam_fail_arguments (error, what);
    }

  /* The service wants a date with paid; with return and cancel only when one is given */
  if ((order_status == EO_ORDER_STATUS_PAID || date_text != NULL) &&
      (date = expertam_parse_date_or_now (date_text, error)) == NULL)
    return FALSE;

  if (!expertam_queue_and_send (bill_id, order_status, &date, date_text != NULL, NULL, error))
    return FALSE;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  if (order_status == EO_ORDER_STATUS_PAID)
    {
      g_autofree char *date_shown = expertam_format_date (date);

      expertam_print_line (_("Order %s marked as paid (date %s)"), number, date_shown);
    }
  else if (order_status == EO_ORDER_STATUS_RETURN)
    expertam_print_line (_("Order %s marked as returned"), number);
  else
    expertam_print_line (_("Order %s marked as cancelled"), number);

  return TRUE;
}
