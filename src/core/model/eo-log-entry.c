/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-log-entry.c: one line of the log of status changes made from this computer */

#include "config.h"

#include "eo-log-entry.h"

G_DEFINE_BOXED_TYPE (EoLogEntry, eo_log_entry, eo_log_entry_copy, eo_log_entry_free)

EoLogEntry *
eo_log_entry_copy (const EoLogEntry *entry)
{
  EoLogEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (EoLogEntry, 1);
  *copy = *entry;
  copy->status = g_strdup (entry->status);
  copy->date = entry->date != NULL ? g_date_time_ref (entry->date) : NULL;
  copy->rpo = g_strdup (entry->rpo);
  copy->message = g_strdup (entry->message);

  return copy;
}

void
eo_log_entry_free (EoLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->status);
  g_clear_pointer (&entry->date, g_date_time_unref);
  g_free (entry->rpo);
  g_free (entry->message);
  g_free (entry);
}
