/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-change.c: one status change waiting in the outbox, and the backoff of its retries */

#include "config.h"

#include "eo-outbox-change.h"

#include "eo-tracking.h"

G_DEFINE_BOXED_TYPE (EoOutboxChange, eo_outbox_change, eo_outbox_change_ref, eo_outbox_change_unref)

EoOutboxChange *
eo_outbox_change_new (gint64      bill_id,
                      const char *status,
                      GDateTime  *date,
                      const char *rpo)
{
  EoOutboxChange *change = g_rc_box_new0 (EoOutboxChange);

  change->bill_id = bill_id;
  change->status = g_strdup (status != NULL ? status : "");
  change->date = date != NULL ? g_date_time_ref (date) : NULL;
  change->rpo = eo_tracking_normalize (rpo != NULL ? rpo : "");
  change->last_error = g_strdup ("");
  change->account = g_strdup ("");

  return change;
}

EoOutboxChange *
eo_outbox_change_copy (const EoOutboxChange *change)
{
  EoOutboxChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = g_rc_box_new0 (EoOutboxChange);
  *copy = *change;
  copy->status = g_strdup (change->status);
  copy->date = change->date != NULL ? g_date_time_ref (change->date) : NULL;
  copy->rpo = g_strdup (change->rpo);
  copy->last_error = g_strdup (change->last_error);
  copy->account = g_strdup (change->account);

  return copy;
}

EoOutboxChange *
eo_outbox_change_ref (EoOutboxChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  return g_rc_box_acquire (change);
}

static void
outbox_change_clear (EoOutboxChange *change)
{
  g_free (change->status);
  g_clear_pointer (&change->date, g_date_time_unref);
  g_free (change->rpo);
  g_free (change->last_error);
  g_free (change->account);
}

void
eo_outbox_change_unref (EoOutboxChange *change)
{
  g_return_if_fail (change != NULL);

  g_rc_box_release_full (change, (GDestroyNotify) outbox_change_clear);
}

/* Whether the shop logged in as login may send change: its own, or one from before shops were
 * recorded */
gboolean
eo_outbox_change_is_for (const EoOutboxChange *change,
                         const char           *login)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return change->account[0] == '\0' || g_strcmp0 (change->account, login) == 0;
}

gint64
eo_outbox_backoff_delay (guint attempts)
{
  gint64 delay = EO_OUTBOX_BACKOFF_FIRST;

  for (guint i = 1; i < attempts && delay < EO_OUTBOX_BACKOFF_MAX; i++)
    delay *= 2;

  return MIN (delay, EO_OUTBOX_BACKOFF_MAX);
}
