/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-sender.c: sending the outbox for ship, status, ship-batch and outbox --retry: every
 * change due goes out with this command's client, and what became of its own is recorded */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "expertam-private.h"

static void
outcome_free (ExpertamOutcome *outcome)
{
  g_clear_error (&outcome->error);
  g_free (outcome);
}

void
expertam_sender_clear (ExpertamSender *sender)
{
  g_clear_object (&sender->client);
  g_clear_object (&sender->store);
  g_clear_pointer (&sender->watched, g_hash_table_unref);
}

/* The client, then the store: no change is queued for an account that is not there */
gboolean
expertam_sender_open (ExpertamSender  *sender,
                      GError         **error)
{
  g_autoptr(EoShop) shop = NULL;
  EoStore *store;

  sender->watched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) outcome_free);
  if ((shop = expertam_open_shop (error)) == NULL)
    return FALSE;

  /* The shop's store: changes are recorded for this shop, and only this shop's are sent */
  if ((store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  sender->client = g_object_ref (eo_shop_get_client (shop));
  sender->store = g_object_ref (store);
  return TRUE;
}

void
expertam_sender_watch (ExpertamSender *sender,
                       gint64          id)
{
  g_hash_table_insert (sender->watched, g_memdup2 (&id, sizeof id),
                       g_new0 (ExpertamOutcome, 1));
}

ExpertamOutcome *
expertam_sender_lookup (ExpertamSender *sender,
                        gint64          id)
{
  return g_hash_table_lookup (sender->watched, &id);
}

/* The outbox's sending, with this command's client (eo-outbox-client) */
static void
send_change (EoOutboxChange      *change,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             user_data)
{
  ExpertamSender *sender = user_data;

  eo_outbox_client_send (change, cancellable, callback, callback_data, sender->client);
}

static gboolean
send_change_finish (GAsyncResult  *result,
                    GError       **error,
                    gpointer       user_data)
{
  ExpertamSender *sender = user_data;

  return eo_outbox_client_send_finish (result, error, sender->client);
}

static void
print_result_line (EoOutboxChange *change,
                   EoOutboxState   state,
                   const GError   *error)
{
  g_autofree char *message = error != NULL ? expertam_clean (error->message) : NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, change->bill_id);

  if (state == EO_OUTBOX_STATE_DONE)
    {
      g_autofree char *described = expertam_describe_change (change);

      expertam_print_line ("%s", described);
    }
  else if (state == EO_OUTBOX_STATE_PENDING)
    /* Translators: an order number, then why its change is still waiting to be sent */
    expertam_print_line (_("%s queued: %s"), number, message);
  else if (eo_error_is_refusal (error))
    /* Translators: an order number, then the service's reason */
    expertam_print_line (_("%s refused: %s"), number, message);
  else
    expertam_print_line (_("%s failed: %s"), number, message);

  /* a script or a person watching a long batch sees each line as it comes */
  fflush (stdout);
}

static void
send_progress_cb (EoOutboxChange *change,
                  EoOutboxState   state,
                  const GError   *error,
                  gpointer        user_data)
{
  ExpertamSender *sender = user_data;
  ExpertamOutcome *outcome = expertam_sender_lookup (sender, change->id);

  if (outcome != NULL)
    {
      outcome->attempted = TRUE;
      outcome->state = state;
      g_clear_error (&outcome->error);
      outcome->error = error != NULL ? g_error_copy (error) : NULL;

      if (state == EO_OUTBOX_STATE_DONE)
        sender->sent++;
      else if (state == EO_OUTBOX_STATE_PENDING)
        sender->queued++;
      else if (eo_error_is_refusal (error))
        sender->refused++;
      else
        sender->failed++;
    }

  /* Earlier changes from the outbox always get their line: the person should know */
  if (outcome == NULL || sender->print_all)
    print_result_line (change, state, error);
}

/* Mentions the earlier changes that go out with this command's own */
static void
mention_earlier_changes (ExpertamSender *sender,
                         gint64  now)
{
  g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (sender->store, NULL);
  guint n_due = 0;

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (pending, i);

      if (change->next_attempt <= now && expertam_sender_lookup (sender, change->id) == NULL)
        n_due++;
    }

  if (n_due > 0)
    {
      expertam_print_line (ngettext ("Sending %u earlier change waiting in the outbox too.",
                                     "Sending %u earlier changes waiting in the outbox too.",
                                     n_due),
                           n_due);
      fflush (stdout);
    }
}

/* Sends every change due now, jobs at a time; records what became of the watched ones */
gboolean
expertam_send_due (ExpertamSender  *sender,
                   guint            jobs,
                   GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 now = expertam_now_seconds ();

  mention_earlier_changes (sender, now);

  eo_outbox_sender_send_due_async (sender->store, now, jobs, send_change, send_change_finish,
                                  send_progress_cb, sender, NULL, expertam_store_result_cb,
                                  &result);
  expertam_wait_for_result (&result);

  return eo_outbox_sender_send_due_finish (sender->store, result, NULL, NULL, NULL, error);
}

/* Results of a run that sends many changes: a summary line, and the error for the exit status */
gboolean
expertam_finish_sending (ExpertamSender  *sender,
                         guint            already_sent,
                         GError         **error)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint waiting = 0;
  GHashTableIter iter;
  gpointer key, value;

  /* Changes that waited behind an earlier one of the same order, still in its backoff */
  g_hash_table_iter_init (&iter, sender->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ExpertamOutcome *outcome = value;

      if (!outcome->attempted)
        {
          g_autoptr(EoOutboxChange) change = eo_store_outbox_get (sender->store,
                                                                  *(gint64 *) key, NULL);

          if (change != NULL)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, change->bill_id);

              expertam_print_line (_("%s queued: an earlier change of this order is waiting "
                                     "to be sent again"), number);
            }
          waiting++;
        }
    }

  /* Translators: the summary of a batch; the numbers are counts of orders */
  g_string_append_printf (summary, _("%u sent, %u refused, %u queued"),
                          sender->sent, sender->refused, sender->queued + waiting);
  if (sender->failed > 0)
    g_string_append_printf (summary, _(", %u failed"), sender->failed);
  if (already_sent > 0)
    g_string_append_printf (summary, _(", %u already sent before"), already_sent);
  expertam_print_line ("%s", summary->str);

  if (sender->refused > 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_REFUSED,
                   ngettext ("%u change was refused by the service (reasons above): fix it, then "
                             "“expertam outbox --retry”, or drop it with “expertam outbox "
                             "--discard ID”.",
                             "%u changes were refused by the service (reasons above): fix them, "
                             "then “expertam outbox --retry”, or drop them with “expertam outbox "
                             "--discard ID”.", sender->refused),
                   sender->refused);
      return FALSE;
    }

  if (sender->queued + waiting + sender->failed > 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_FAILED,
                   ngettext ("%u change is still in the outbox: run “expertam outbox --retry” "
                             "to send it again.",
                             "%u changes are still in the outbox: run “expertam outbox --retry” "
                             "to send them again.", sender->queued + waiting + sender->failed),
                   sender->queued + waiting + sender->failed);
      return FALSE;
    }

  return TRUE;
}

