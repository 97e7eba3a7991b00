/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-outbox.c: `expertam outbox`: the changes waiting to be sent: listed, sent, dropped */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-error.h"
#include "expertam-private.h"

static void
print_outbox_change (EoOutboxChange *change,
                     gint64          now)
{
  g_autofree char *date = change->date != NULL ? expertam_format_date (change->date)
                                               : g_strdup ("-");
  g_autofree char *next = NULL;
  g_autofree char *message = expertam_clean (change->last_error);

  if (change->state != EO_OUTBOX_STATE_PENDING)
    next = g_strdup ("-");
  else if (change->next_attempt <= now)
    next = g_strdup (_("now"));
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (change->next_attempt);

      next = expertam_format_date (when);
    }

  g_autofree char *shown_status = expertam_clean (expertam_status_word (change->status));
  g_autofree char *state_col = expertam_pad (expertam_state_name (change->state), 8);
  g_autofree char *status_col = expertam_pad (shown_status, 9);
  g_autofree char *date_col = expertam_pad (date, 19);
  g_autofree char *next_col = expertam_pad (next, 19);
  g_autofree char *shop = expertam_clean (change->account);
  g_autofree char *shop_col = expertam_pad (shop[0] != '\0' ? shop : "-", 12);

  expertam_print_line ("%-5" G_GINT64_FORMAT " %s %-8" G_GINT64_FORMAT
                       " %s %-15s %s %-8u %s %s %s",
                       change->id, state_col, change->bill_id, status_col,
                       change->rpo[0] != '\0' ? change->rpo : "-", date_col, change->attempts,
                       next_col, shop_col, message[0] != '\0' ? message : "-");
}

static gboolean
list_outbox (GError **error)
{
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  gint64 now = expertam_now_seconds ();

  if ((store = expertam_open_store (error)) == NULL ||
      (pending = eo_store_outbox_list_pending (store, error)) == NULL ||
      (failed = eo_store_outbox_list_failed (store, error)) == NULL)
    return FALSE;

  if (pending->len == 0 && failed->len == 0)
    {
      expertam_print_line (_("The outbox is empty: every change was sent."));
      return TRUE;
    }

  /* Translators: the column heads of the outbox list; keep them one word each */
  {
    const char *heads[] = { _("ID"), _("STATE"), _("ORDER"), _("STATUS"), _("TRACKING"),
                            _("DATE"), _("ATTEMPTS"), _("NEXT"), _("SHOP") };
    const guint widths[] = { 5, 8, 8, 9, 15, 19, 8, 19, 12 };
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
      {
        g_autofree char *cell = expertam_pad (heads[i], widths[i]);

        g_string_append_printf (line, "%s ", cell);
      }
    g_string_append (line, _("LAST-ERROR"));
    expertam_print_line ("%s", line->str);
  }
  for (guint i = 0; i < pending->len; i++)
    print_outbox_change (g_ptr_array_index (pending, i), now);
  for (guint i = 0; i < failed->len; i++)
    print_outbox_change (g_ptr_array_index (failed, i), now);

  return TRUE;
}

static gboolean
retry_outbox (guint    jobs,
              GError **error)
{
  g_auto(ExpertamSender) sender = { 0 };
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  gint64 now = expertam_now_seconds ();
  guint other_shops = 0;

  if (!expertam_sender_open (&sender, error) ||
      (pending = eo_store_outbox_list_pending (sender.store, error)) == NULL ||
      (failed = eo_store_outbox_list_failed (sender.store, error)) == NULL)
    return FALSE;
  sender.print_all = TRUE;

  if (pending->len == 0 && failed->len == 0)
    {
      expertam_print_line (_("The outbox is empty: nothing to send."));
      return TRUE;
    }

  /* The person asks: now, whatever the backoff; another shop's changes stay for that shop */
  for (guint p = 0; p < 2; p++)
    {
      GPtrArray *list = p == 0 ? pending : failed;

      for (guint i = 0; i < list->len; i++)
        {
          EoOutboxChange *change = g_ptr_array_index (list, i);

          if (!eo_outbox_change_is_for (change, eo_client_get_login (sender.client)))
            {
              other_shops++;
              continue;
            }

          if (!eo_store_outbox_retry (sender.store, change->id, now, error))
            return FALSE;
          expertam_sender_watch (&sender, change->id);
        }
    }

  if (other_shops > 0)
    expertam_print_line (ngettext ("%u change is for another shop: it stays in the outbox and "
                                   "is sent with that shop’s account.",
                                   "%u changes are for other shops: they stay in the outbox and "
                                   "are sent with those shops’ accounts.", other_shops),
                         other_shops);

  if (!expertam_send_due (&sender, jobs, error))
    return FALSE;

  return expertam_finish_sending (&sender, 0, error);
}

static gboolean
discard_change (const char  *id_text,
                GError     **error)
{
  g_autoptr(EoStore) store = NULL;
  gint64 id = 0;

  if (!expertam_parse_bill_id (id_text, &id, NULL))
    {
      g_autofree char *shown = expertam_clean (id_text);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("“%s” is not a change’s ID: see the first column of "
                     "“expertam outbox”."), shown);
      return FALSE;
    }

  if ((store = expertam_open_store (error)) == NULL ||
      !eo_store_outbox_discard (store, id, expertam_now_seconds (), error))
    return FALSE;

  expertam_print_line (_("Change %s discarded: it will not be sent."), id_text);
  return TRUE;
}

gboolean
expertam_builtin_outbox (char   **args,
                         GError **error)
{
  gboolean help = FALSE;
  gboolean retry = FALSE;
  g_autofree char *discard = NULL;
  int jobs = EO_OUTBOX_DEFAULT_JOBS;
  const GOptionEntry entries[] = {
    { "retry", 'r', 0, G_OPTION_ARG_NONE, &retry,
      N_("Send every waiting and failed change now"), NULL },
    { "discard", 0, 0, G_OPTION_ARG_STRING, &discard,
      N_("Drop one change, by the ID in the list: it will not be sent"), N_("ID") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("How many changes are sent at a time with --retry (1 to 16, default 4)"), N_("N") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("List the status changes waiting to be sent or refused, send "
                                   "them again, or drop one."),
                                 _("Every change is written to the outbox before it is sent, and "
                                   "leaves it only when the service confirms it: what a dropped "
                                   "network or a crash interrupted is sent again by the next "
                                   "ship, status, ship-batch or outbox --retry."));

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 1)
    return expertam_fail_arguments (error, _("outbox takes no arguments"));

  if (retry && discard != NULL)
    return expertam_fail_arguments (error, _("Give --retry or --discard, not both"));

  if (!expertam_parse_jobs (jobs, error))
    return FALSE;

  if (discard != NULL)
    return discard_change (discard, error);

  if (retry)
    return retry_outbox ((guint) jobs, error);

  return list_outbox (error);
}
