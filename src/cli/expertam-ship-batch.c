/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-ship-batch.c: `expertam ship-batch FILE`: many orders marked sent from a CSV or TSV */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-batch-file.h"
#include "eo-batch-plan.h"
#include "eo-error.h"
#include "expertam-private.h"

gboolean
expertam_builtin_ship_batch (char   **args,
                             GError **error)
{
  gboolean help = FALSE;
  gboolean any_number = FALSE;
  gboolean skip_invalid = FALSE;
  g_autofree char *date_text = NULL;
  int jobs = EO_OUTBOX_DEFAULT_JOBS;
  const GOptionEntry entries[] = {
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("How many orders are sent at a time (1 to 16, default 4)"), N_("N") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When the parcels without a date in the file were posted (default: now)"), N_("DATE") },
    { "any-number", 0, 0, G_OPTION_ARG_NONE, &any_number,
      N_("Also send the numbers that are not Russian Post numbers (another carrier’s)"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Send the valid rows even when others are not valid"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("FILE"),
                                 _("Mark many orders sent, from a CSV or TSV file of order "
                                   "number, tracking number and optional date; prints a result "
                                   "line per row."),
                                 _("Every row is checked first (tracking number check digits, "
                                   "duplicates, dates); when a row is not valid nothing is sent. "
                                   "The changes go through the outbox: what cannot be sent now "
                                   "is kept and sent again by “expertam outbox --retry”. Rows "
                                   "already sent are skipped."));
  g_auto(ExpertamSender) sender = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now_date = g_date_time_new_now_local ();
  g_autoptr(GDateTime) default_date = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  guint n_bad = 0, n_skipped = 0, already_sent = 0;
  gint64 now;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 2)
    return expertam_fail_arguments (error, _("Give one file"));

  if (!expertam_parse_jobs (jobs, error) ||
      (default_date = expertam_parse_date_or_now (date_text, error)) == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg (args[1]);
  rows = eo_batch_file_load (file, now_date, NULL, &local_error);
  if (rows == NULL)
    {
      g_autofree char *shown = expertam_clean (args[1]);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("Cannot read the batch file “%s”: %s"), shown, local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);
      g_autofree char *bill = expertam_clean (row->bill_text != NULL ? row->bill_text : "");
      g_autofree char *reason = expertam_clean (row->reason != NULL ? row->reason : "");

      if (row->state == EO_BATCH_ROW_INVALID)
        /* Translators: a line number of the file, the order number as written, the reason */
        expertam_print_line (_("line %u: %s: %s"), row->line, bill, reason);
      else if (row->state == EO_BATCH_ROW_WARNING && !any_number)
        expertam_print_line (_("line %u: %s: %s (add --any-number to send it as written)"),
                             row->line, bill, reason);
      else
        continue;

      n_bad++;
    }

  if (n_bad > 0 && !skip_invalid)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   ngettext ("%u of %u rows is not valid (see above); nothing was sent: fix it, "
                             "or add --skip-invalid to send the others.",
                             "%u of %u rows are not valid (see above); nothing was sent: fix "
                             "them, or add --skip-invalid to send the others.", n_bad),
                   n_bad, rows->len);
      return FALSE;
    }
  n_skipped = n_bad;

  if (!expertam_sender_open (&sender, error))
    return FALSE;
  sender.print_all = TRUE;

  /* The same plan as the window's batch dialog: a second run of the same file (after a
   * crash, a dropped network) sends only the rest */
  plan = eo_batch_plan_make (sender.store, rows, any_number, default_date, date_text != NULL,
                             error);
  if (plan == NULL)
    return FALSE;

  now = expertam_now_seconds ();
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  for (guint i = 0; i < plan->len; i++)
    {
      EoBatchPlanItem *item = g_ptr_array_index (plan, i);

      switch (item->action)
        {
        case EO_BATCH_PLAN_ALREADY_SENT:
          {
            g_autofree char *described = expertam_describe_change (item->change);

            /* Translators: "1001 sent 62001411000016", then this */
            expertam_print_line (_("%s (already sent before)"), described);
            already_sent++;
          }
          break;
        case EO_BATCH_PLAN_RETRY:
          if (!eo_store_outbox_retry (sender.store, item->change->id, now, error))
            return FALSE;
          expertam_sender_watch (&sender, item->change->id);
          break;
        case EO_BATCH_PLAN_QUEUE:
          g_ptr_array_add (changes, eo_outbox_change_ref (item->change));
          break;
        case EO_BATCH_PLAN_SKIP:
        default:
          break;
        }
    }

  if (!eo_store_outbox_enqueue_many (sender.store, changes, now, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    expertam_sender_watch (&sender, ((EoOutboxChange *) g_ptr_array_index (changes, i))->id);

  if (!expertam_send_due (&sender, (guint) jobs, error))
    return FALSE;

  if (n_skipped > 0)
    expertam_print_line (ngettext ("%u row was not valid and was skipped.",
                                   "%u rows were not valid and were skipped.", n_skipped),
                         n_skipped);

  return expertam_finish_sending (&sender, already_sent, error);
}
