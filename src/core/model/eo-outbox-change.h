/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-change.h: one status change waiting in the outbox, and the backoff of its retries */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Backoff of a retried change: EO_OUTBOX_BACKOFF_FIRST seconds, doubling, at most _MAX */
#define EO_OUTBOX_BACKOFF_FIRST 5
#define EO_OUTBOX_BACKOFF_MAX   (30 * 60)

typedef enum
{
  EO_OUTBOX_STATE_PENDING,     /* waiting to be sent (now or after a backoff) */
  EO_OUTBOX_STATE_DONE,        /* the service confirmed it (genuine error_code 0) */
  EO_OUTBOX_STATE_FAILED,      /* refused by the service or failed for good: the person decides */
  EO_OUTBOX_STATE_DISCARDED,   /* the person dropped it */
} EoOutboxState;

#define EO_TYPE_OUTBOX_CHANGE (eo_outbox_change_get_type ())

/**
 * EoOutboxChange:
 * One status change (UpdateOrderStatus) as the outbox holds it. Reference counted;
 * the fields are read-only for everyone but the store.
 */
typedef struct
{
  gint64         id;           /* the outbox row; 0 before it is queued */
  gint64         bill_id;
  char          *status;       /* "sent", "paid", "return" or "cancel" */
  GDateTime     *date;         /* required for sent and paid; NULL when none */
  char          *rpo;          /* tracking number, normalised; "" when none */
  EoOutboxState  state;
  guint          attempts;     /* failed attempts so far */
  gint64         created_at;   /* unix seconds */
  gint64         next_attempt; /* unix seconds: not sent again before this */
  char          *last_error;   /* the last failure, for the person; "" when none */
  char          *account;      /* the shop (login) it is for; "" when not recorded */
} EoOutboxChange;

GType            eo_outbox_change_get_type  (void) G_GNUC_CONST;

/* A change to queue. status is checked when it is queued; date is referenced; rpo copied. */
EoOutboxChange  *eo_outbox_change_new       (gint64          bill_id,
                                             const char     *status,
                                             GDateTime      *date,
                                             const char     *rpo);
/* A new change with the same fields (its own strings), state and id included */
EoOutboxChange  *eo_outbox_change_copy      (const EoOutboxChange *change);
EoOutboxChange  *eo_outbox_change_ref       (EoOutboxChange *change);
void             eo_outbox_change_unref     (EoOutboxChange *change);
/* Whether the shop logged in as login sends it: its own, or one from before shops were recorded */
gboolean         eo_outbox_change_is_for    (const EoOutboxChange *change,
                                             const char           *login);

/* The delay before attempt number attempts + 1, after `attempts` failures (>= 1) */
gint64           eo_outbox_backoff_delay    (guint           attempts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoOutboxChange, eo_outbox_change_unref)

G_END_DECLS
