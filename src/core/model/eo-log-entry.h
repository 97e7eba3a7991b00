/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-log-entry.h: one line of the log of status changes made from this computer */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  EO_LOG_QUEUED,               /* written to the outbox */
  EO_LOG_DONE,                 /* confirmed by the service */
  EO_LOG_RETRY,                /* failed, will be retried */
  EO_LOG_FAILED,               /* refused or failed for good */
  EO_LOG_DISCARDED,            /* dropped by the person */
} EoLogResult;

#define EO_TYPE_LOG_ENTRY (eo_log_entry_get_type ())

typedef struct
{
  gint64       at;             /* unix seconds */
  gint64       change_id;      /* the outbox row */
  gint64       bill_id;
  char        *status;
  GDateTime   *date;           /* NULL when none */
  char        *rpo;            /* "" when none */
  EoLogResult  result;
  char        *message;        /* "" when none */
} EoLogEntry;

GType        eo_log_entry_get_type          (void) G_GNUC_CONST;
EoLogEntry  *eo_log_entry_copy              (const EoLogEntry *entry);
void         eo_log_entry_free              (EoLogEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoLogEntry, eo_log_entry_free)

G_END_DECLS
