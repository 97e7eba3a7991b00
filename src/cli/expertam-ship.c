/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-ship.c: `expertam ship BILL_ID --rpo NUMBER`: an order marked sent, with its parcel */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-tracking.h"
#include "expertam-private.h"

gboolean
expertam_builtin_ship (char   **args,
                       GError **error)
{
  gboolean help = FALSE;
  gboolean any_number = FALSE;
  g_autofree char *rpo = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "rpo", 'r', 0, G_OPTION_ARG_STRING, &rpo,
      N_("The parcel’s Russian Post tracking number (РПО)"), N_("NUMBER") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When it was posted: 2024-03-01, 2024-03-01T12:00:00[+03:00] or unix seconds "
         "(default: now)"), N_("DATE") },
    { "any-number", 0, 0, G_OPTION_ARG_NONE, &any_number,
      N_("Send a number that is not a valid Russian Post number (another carrier’s) as typed"),
      NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID --rpo NUMBER"),
                                 _("Mark an order sent, with the parcel’s tracking number and the "
                                   "date it was posted."),
                                 _("The tracking number’s check digit is verified first: a typo "
                                   "is refused before anything is sent."));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date_shown = NULL;
  gint64 bill_id = 0;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one order number"));

  if (rpo == NULL)
    return expertam_fail_arguments (error, _("Give the tracking number with --rpo NUMBER"));

  if (!expertam_parse_bill_id (args[1], &bill_id, error) ||
      (date = expertam_parse_date_or_now (date_text, error)) == NULL)
    return FALSE;

  eo_tracking_validate (rpo, &normalized, &local_error);
  if (local_error != NULL)
    {
      if (normalized[0] == '\0')
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!any_number)
        {
          g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                       /* Translators: %s says what is wrong with the tracking number */
                       _("%s To send it as typed anyway (another carrier’s number), "
                         "add --any-number."), local_error->message);
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  if (!expertam_queue_and_send (bill_id, EO_ORDER_STATUS_SENT, &date, date_text != NULL,
                                normalized, error))
    return FALSE;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  date_shown = expertam_format_date (date);
  expertam_print_line (_("Order %s marked as sent (tracking number %s, date %s)"),
                       number, normalized, date_shown);
  return TRUE;
}
