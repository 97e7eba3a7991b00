/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-sync.c: `expertam sync [--since DATE]`: the shop's paid orders into the order history */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "eo-sync.h"
#include "expertam-private.h"

/* "3/5" on stderr, over and over on one line, when a person watches it */
static void
progress_cb (EoSync     *sync,
             GParamSpec *pspec,
             gpointer    user_data)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Syncing: %u of %u periods, %u orders"),
                          eo_sync_get_windows_done (sync), eo_sync_get_windows_total (sync),
                          eo_sync_get_orders_saved (sync));
  fprintf (stderr, "\r%s\033[K", text);
  fflush (stderr);
}

gboolean
expertam_parse_since (const char  *text,
                      GDateTime  **out_since,
                      GError     **error)
{
  *out_since = NULL;
  if (text == NULL)
    return TRUE;

  *out_since = expertam_parse_date_or_now (text, error);
  return *out_since != NULL;
}

gboolean
expertam_run_sync (EoShop     *shop,
                   EoStore    *store,
                   GDateTime  *since,
                   gboolean    quiet,
                   GError    **error)
{
  g_autoptr(EoSync) sync = eo_sync_new (eo_shop_get_client (shop), store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate first, today;
  gboolean watched = isatty (STDERR_FILENO);
  gulong handler = 0;
  gboolean ok;

  if (since != NULL)
    eo_sync_moscow_day (since, &first);
  else if (!eo_sync_get_incremental_start (sync, &first, error))
    return FALSE;
  eo_sync_moscow_day (now, &today);
  if (g_date_compare (&first, &today) > 0)
    first = today;

  if (watched)
    handler = g_signal_connect (sync, "notify::windows-done", G_CALLBACK (progress_cb), NULL);

  eo_sync_run_async (sync, since, NULL, expertam_store_result_cb, &result);
  expertam_wait_for_result (&result);
  ok = eo_sync_run_finish (sync, result, error);

  if (watched)
    {
      g_signal_handler_disconnect (sync, handler);
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }

  if (ok && !quiet)
    {
      char first_shown[16], last_shown[16];

      g_date_strftime (first_shown, sizeof first_shown, "%d.%m.%Y", &first);
      g_date_strftime (last_shown, sizeof last_shown, "%d.%m.%Y", &today);
      expertam_print_line (g_dngettext (GETTEXT_PACKAGE,
                                        "Synced %u paid order made from %s to %s.",
                                        "Synced %u paid orders made from %s to %s.",
                                        eo_sync_get_orders_saved (sync)),
                           eo_sync_get_orders_saved (sync), first_shown, last_shown);
    }

  return ok;
}

gboolean
expertam_builtin_sync (char   **args,
                       GError **error)
{
  gboolean help = FALSE;
  g_autofree char *since_text = NULL;
  const GOptionEntry entries[] = {
    { "since", 's', 0, G_OPTION_ARG_STRING, &since_text,
      N_("Fetch the orders made since this day (default: the day before the last sync, or 30 "
         "days ago)"), N_("DATE") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("Fetch the shop’s paid orders into the order history, for "
                                   "to-ship, search and the window (offline)."),
                                 _("The service gives a month of orders at a time: a longer range "
                                   "is fetched a month at a time, a few at once. Progress goes to "
                                   "stderr when it is a terminal; a result line at the end."));
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(EoShop) shop = NULL;
  EoStore *store;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 1)
    return expertam_fail_arguments (error, _("sync takes no arguments"));

  if (!expertam_parse_since (since_text, &since, error) ||
      (shop = expertam_open_shop (error)) == NULL ||
      (store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  return expertam_run_sync (shop, store, since, FALSE, error);
}
