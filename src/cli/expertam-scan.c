/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-scan.c: `expertam scan`: the scan station on standard input, a code a line */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-outbox.h"
#include "eo-scan-session.h"
#include "expertam-private.h"

/* A code is short: a longer line is not one (and is not kept whole) */
#define LINE_MAX_BYTES 256

typedef struct
{
  EoScanSession *session;
  EoScanResult  *result;    /* the code's, while it is judged */
  guint          n_failed;  /* codes that could not be judged (store, network) */
} Station;

static void
on_result (EoScanSession *session,
           EoScanResult  *result,
           Station       *station)
{
  g_clear_pointer (&station->result, eo_scan_result_free);
  station->result = eo_scan_result_copy (result);
}

/* Reads one line of at most LINE_MAX_BYTES (the rest of a longer one is dropped, and it is
 * given as read so far, which is no code); FALSE at the end of the input */
static gboolean
read_code (char    *buffer,
           gsize    size)
{
  gsize len;

  if (fgets (buffer, (int) size, stdin) == NULL)
    return FALSE;

  len = strlen (buffer);
  if (len > 0 && buffer[len - 1] != '\n' && !feof (stdin))
    {
      int c;

      while ((c = getchar ()) != EOF && c != '\n')
        ;
    }
  buffer[strcspn (buffer, "\r\n")] = '\0';

  return TRUE;
}

/* The line for a code, once the outbox answered its pair */
static void
print_result (Station            *station,
              const EoScanResult *result)
{
  g_autofree char *message = expertam_clean (result->message);

  if (result->outcome == EO_SCAN_OUTCOME_QUEUED)
    {
      GListModel *pairs = eo_scan_session_get_pairs (station->session);
      g_autoptr(EoScanPair) pair = g_list_model_get_item (pairs, 0);
      g_autofree char *why = pair != NULL ? expertam_clean (eo_scan_pair_get_message (pair))
                                          : g_strdup ("");

      switch (pair != NULL ? eo_scan_pair_get_state (pair) : EO_SCAN_PAIR_WAITING)
        {
        case EO_SCAN_PAIR_SENT:
          expertam_print_line ("%s", message);
          return;
        case EO_SCAN_PAIR_REFUSED:
          /* Translators: %s is the refusal of the service */
          expertam_print_line (_("Refused by the service: %s"), why);
          return;
        case EO_SCAN_PAIR_WAITING:
        case EO_SCAN_PAIR_UNDONE:
        default:
          /* Translators: the first %s says the order was marked sent, the second why it waits */
          expertam_print_line (_("%s Waiting for the connection (%s): it is sent later, or with "
                                 "“expertam outbox --retry”."), message, why);
          return;
        }
    }

  if (eo_scan_result_is_good (result))
    expertam_print_line ("%s", message);
  else
    /* Translators: %s says why a code was refused */
    expertam_print_line (_("Refused: %s"), message);
}

gboolean
expertam_builtin_scan (char   **args,
                       GError **error)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("Read codes from a barcode scanner (or standard input), one a "
                                   "line: an order’s number, then its parcel’s tracking number (or "
                                   "the other way round) marks the order sent."),
                                 _("Each code gets a line saying what it did; the last line counts "
                                   "the orders sent, those waiting for the connection and the "
                                   "codes refused. A wrong check digit, an order not to ship or "
                                   "the same code read twice within a minute sends nothing.\n"
                                   "Exit status: 0 when everything was sent, 1 when a code was "
                                   "refused, 3 when something waits for the connection."));
  g_autoptr(EoShop) shop = NULL;
  g_autoptr(EoOutbox) outbox = NULL;
  g_autoptr(EoScanSession) session = NULL;
  Station station = { 0 };
  char line[LINE_MAX_BYTES + 2];
  g_autofree char *counts = NULL;
  guint n_waiting, n_refused;
  EoStore *store;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 1)
    return expertam_fail_arguments (error, _("scan takes no arguments: the codes come on "
                                             "standard input"));

  if ((shop = expertam_open_shop (error)) == NULL ||
      (store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  outbox = eo_outbox_new (store, eo_shop_get_client (shop));
  session = eo_scan_session_new (store, eo_shop_get_client (shop), outbox);
  station.session = session;
  g_signal_connect (session, "result", G_CALLBACK (on_result), &station);

  while (read_code (line, sizeof line))
    {
      g_clear_pointer (&station.result, eo_scan_result_free);
      eo_scan_session_feed (session, line, 0);

      /* judged, and its pair's first answer from the service */
      while (eo_scan_session_get_busy (session) ||
             (!eo_scan_session_get_answered (session) && eo_outbox_get_sending (outbox)))
        g_main_context_iteration (NULL, TRUE);

      if (station.result == NULL)
        continue;      /* an empty line */
      if (station.result->outcome == EO_SCAN_OUTCOME_FAILED)
        station.n_failed++;
      print_result (&station, station.result);
      fflush (stdout);
    }

  /* the answers recorded in the store, not just heard */
  while (eo_outbox_get_sending (outbox))
    g_main_context_iteration (NULL, TRUE);
  eo_outbox_stop (outbox);
  g_clear_pointer (&station.result, eo_scan_result_free);

  n_waiting = eo_scan_session_get_n_waiting (session);
  n_refused = eo_scan_session_get_n_refused (session);
  counts = eo_scan_session_format_counts (session);
  expertam_print_line ("%s", counts);

  if (n_waiting > 0 || station.n_failed > 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_FAILED,
                   _("Not everything reached the shop: run “expertam outbox --retry” when the "
                     "connection is back, and scan again the codes that could not be looked "
                     "up."));
      return FALSE;
    }
  if (n_refused > 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_REFUSED,
                   ngettext ("%u code was refused: nothing was sent for it.",
                             "%u codes were refused: nothing was sent for them.", n_refused),
                   n_refused);
      return FALSE;
    }

  return TRUE;
}
