/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-queue.c: one change for ship and status: committed to the outbox, then sent with
 * whatever else is due */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-batch-plan.h"
#include "eo-error.h"
#include "expertam-private.h"

/*
 * ship and status: the change is committed to the outbox, then sent with whatever else is due.
 * Without a date given, the same change already queued keeps its date (*date is replaced).
 * On success the caller says what was done.
 */
gboolean
expertam_queue_and_send (gint64          bill_id,
                         EoOrderStatus   order_status,
                         GDateTime     **date,
                         gboolean        date_given,
                         const char     *rpo,
                         GError        **error)
{
  g_auto(ExpertamSender) sender = { 0 };
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(EoOutboxChange) queued = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  const char *status = eo_order_status_to_string (order_status);
  g_autofree char *message = NULL;
  gboolean existing = FALSE;
  ExpertamOutcome *outcome;
  gint64 now = expertam_now_seconds ();
  gint64 id;

  if (!expertam_sender_open (&sender, error))
    return FALSE;

  /* Without a date, the same change already waiting is the one the person means */
  if (!date_given &&
      !eo_batch_plan_find_waiting (sender.store, bill_id, status, rpo, &queued, error))
    return FALSE;
  if (queued != NULL)
    {
      g_clear_pointer (date, g_date_time_unref);
      *date = queued->date != NULL ? g_date_time_ref (queued->date) : NULL;
    }

  change = eo_outbox_change_new (bill_id, status, *date, rpo);
  id = eo_store_outbox_enqueue (sender.store, change, now, &existing, error);
  if (id == 0)
    return FALSE;

  /* Asked again: send it now, whatever its backoff */
  if (existing && !eo_store_outbox_retry (sender.store, id, now, error))
    return FALSE;

  expertam_sender_watch (&sender, id);
  if (!expertam_send_due (&sender, EO_OUTBOX_DEFAULT_JOBS, error))
    return FALSE;

  outcome = expertam_sender_lookup (&sender, id);
  if (!outcome->attempted)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_FAILED,
                   _("Order %s has an earlier change waiting to be sent again; this one "
                     "is queued after it: run “expertam outbox --retry”."), number);
      return FALSE;
    }

  if (outcome->state == EO_OUTBOX_STATE_DONE)
    return TRUE;

  message = expertam_clean (outcome->error->message);

  if (outcome->state == EO_OUTBOX_STATE_PENDING)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_FAILED,
                   /* Translators: %s is why the change could not be sent (a network error...) */
                   _("%s The change is queued and will be sent again: run “expertam "
                     "outbox --retry”."), message);
      return FALSE;
    }

  /* The person reads the refusal right here: nothing is left waiting for them */
  if (eo_error_is_refusal (outcome->error))
    {
      eo_store_outbox_discard (sender.store, id, expertam_now_seconds (), NULL);
      g_propagate_error (error, g_steal_pointer (&outcome->error));
      return FALSE;
    }

  g_set_error (error, EXPERTAM_ERROR, expertam_status_for_error (outcome->error),
               _("%s The change is kept in the outbox: run “expertam outbox --retry” once this "
                 "is fixed."), message);
  return FALSE;
}
