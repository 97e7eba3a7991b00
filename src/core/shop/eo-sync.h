/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-sync.h: fetching a shop's paid orders into the store, in windows of days (no GTK) */
#pragma once

#include <gio/gio.h>

#include "eo-client.h"
#include "eo-store.h"

G_BEGIN_DECLS

/* The service gives at most a month a call: a window is at most this many days, and never
 * reaches the same day of the next month (so February's windows are shorter) */
#define EO_SYNC_MAX_DAYS         31
/* Windows asked for at once, over the client's kept-alive connections */
#define EO_SYNC_CONCURRENCY      4
/* Attempts of a window whose failure may pass (network, timeout, HTTP 5xx, rate limit) */
#define EO_SYNC_ATTEMPTS         3
/* The first retry waits this long, the next twice as long */
#define EO_SYNC_RETRY_DELAY_MS   1000
/* Without a last synced day, a sync starts this many days before today */
#define EO_SYNC_DEFAULT_DAYS     30

/* A window: its first and last day (inclusive), as the service counts days (Moscow time) */
typedef struct
{
  GDate first;
  GDate last;
} EoSyncWindow;

/*
 * Splits first..last (inclusive) into windows of at most max_days days (and at most one
 * calendar month), back to back: the next begins the day after the last ended, the last ends
 * on last. A GArray of EoSyncWindow; empty when last is before first.
 */
GArray      *eo_sync_split_windows       (const GDate  *first,
                                          const GDate  *last,
                                          guint         max_days);

/* "YYYY-MM-DD" of a day, and back (FALSE when text is not one) */
char        *eo_sync_format_day          (const GDate  *day);
gboolean     eo_sync_parse_day           (const char   *text,
                                          GDate        *out_day);
/* The day of a moment in Moscow time (UTC+3 all year) */
void         eo_sync_moscow_day          (GDateTime    *moment,
                                          GDate        *out_day);

#define EO_TYPE_SYNC (eo_sync_get_type ())

G_DECLARE_FINAL_TYPE (EoSync, eo_sync, EO, SYNC, GObject)

/*
 * Properties (read-only, notified in the main context of the run):
 *   "windows-done"   guint     windows finished (fetched and saved, or failed for good)
 *   "windows-total"  guint     windows of the run under way (or the last one)
 *   "orders-saved"   guint     orders saved by the run
 *   "running"        gboolean
 * A run fetches the paid orders created from its first day to today, saves each window's
 * orders in one transaction, and records the last day up to which every window is saved
 * (eo_store_set_sync_state). A window that fails is tried again (EO_SYNC_ATTEMPTS, with
 * backoff) when its failure may pass; then the run goes on, and finishes with an error naming
 * the days it could not get. Cancelling stops it: nothing new is asked, what was saved stays.
 */
EoSync      *eo_sync_new                 (EoClient            *client,
                                          EoStore             *store);
/* For tests and benchmarks: windows at once (1 to EO_CLIENT_MAX_CONNECTIONS), the first retry's
 * delay */
void         eo_sync_set_concurrency     (EoSync              *self,
                                          guint                concurrency);
void         eo_sync_set_retry_delay     (EoSync              *self,
                                          guint                milliseconds);
guint        eo_sync_get_windows_done    (EoSync              *self);
guint        eo_sync_get_windows_total   (EoSync              *self);
guint        eo_sync_get_orders_saved    (EoSync              *self);
gboolean     eo_sync_get_running         (EoSync              *self);

/* The first day a run with since NULL starts from: the last synced day minus one (orders are
 * paid after they are made), or EO_SYNC_DEFAULT_DAYS before today */
gboolean     eo_sync_get_incremental_start (EoSync            *self,
                                          GDate               *out_day,
                                          GError             **error);

/* since: the first day's moment (its Moscow day counts), or NULL for the incremental start */
void         eo_sync_run_async           (EoSync              *self,
                                          GDateTime           *since,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     eo_sync_run_finish          (EoSync              *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
