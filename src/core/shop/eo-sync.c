/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-sync.c: fetching a shop's paid orders into the store, a few windows of days at once, each
 * retried when its failure may pass and reported when it does not */

#include "config.h"

#include "eo-sync.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "eo-error.h"

#define MOSCOW_OFFSET (3 * 3600)

/* Windows ------------------------------------------------------------------------------------ */

GArray *
eo_sync_split_windows (const GDate *first,
                       const GDate *last,
                       guint        max_days)
{
  GArray *windows = g_array_new (FALSE, FALSE, sizeof (EoSyncWindow));
  GDate begin;

  g_return_val_if_fail (first != NULL && g_date_valid (first), windows);
  g_return_val_if_fail (last != NULL && g_date_valid (last), windows);
  g_return_val_if_fail (max_days >= 1, windows);

  begin = *first;
  while (g_date_compare (&begin, last) <= 0)
    {
      EoSyncWindow window = { begin, begin };
      GDate month_end = begin;

      /* at most max_days, and ending before the same day of the next month */
      g_date_add_days (&window.last, max_days - 1);
      g_date_add_months (&month_end, 1);
      g_date_subtract_days (&month_end, 1);
      if (g_date_compare (&month_end, &window.last) < 0)
        window.last = month_end;
      if (g_date_compare (last, &window.last) < 0)
        window.last = *last;

      g_array_append_val (windows, window);
      begin = window.last;
      g_date_add_days (&begin, 1);
    }

  return windows;
}

char *
eo_sync_format_day (const GDate *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

gboolean
eo_sync_parse_day (const char *text,
                   GDate      *out_day)
{
  guint year, month, day;
  char end;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
eo_sync_moscow_day (GDateTime *moment,
                    GDate     *out_day)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (MOSCOW_OFFSET);
  g_autoptr(GDateTime) moscow = g_date_time_to_timezone (moment, zone);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, (GDateDay) g_date_time_get_day_of_month (moscow),
                  (GDateMonth) g_date_time_get_month (moscow),
                  (GDateYear) g_date_time_get_year (moscow));
}

/* Noon of the day in Moscow: what the client formats back to the same dd.mm.yyyy */
static GDateTime *
moscow_noon (const GDate *day)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (MOSCOW_OFFSET);

  return g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), 12, 0, 0);
}

static char *
describe_window (const EoSyncWindow *window)
{
  char first[16], last[16];

  g_date_strftime (first, sizeof first, "%d.%m.%Y", &window->first);
  g_date_strftime (last, sizeof last, "%d.%m.%Y", &window->last);
  if (g_date_compare (&window->first, &window->last) == 0)
    return g_strdup (first);
  return g_strdup_printf ("%s–%s", first, last);
}

/* The sync --------------------------------------------------------------------------------- */

typedef enum
{
  WINDOW_WAITING,
  WINDOW_ASKING,
  WINDOW_RETRY_WAIT,
  WINDOW_SAVING,
  WINDOW_SAVED,
  WINDOW_FAILED,
} WindowState;

typedef struct _Run Run;

typedef struct
{
  Run          *run;
  EoSyncWindow  days;
  WindowState   state;
  guint         attempts;
  GError       *error;
  GSource      *retry;
} Window;

struct _Run
{
  EoSync       *self;
  GTask        *task;
  Window       *windows;
  guint         n_windows;
  guint         next;          /* the first window not yet asked for */
  guint         busy;          /* windows asking, waiting to retry or saving */
  guint         saved_prefix;  /* windows 0..saved_prefix-1 are all saved */
  gulong        cancelled_id;
  GSource      *cancelled_idle;
  gboolean      cancelled;
  GError       *store_error;
};

struct _EoSync
{
  GObject    parent_instance;

  EoClient  *client;
  EoStore   *store;
  guint      concurrency;
  guint      retry_delay_ms;
  guint      windows_done;
  guint      windows_total;
  guint      orders_saved;
  Run       *run;
};

G_DEFINE_FINAL_TYPE (EoSync, eo_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOWS_DONE,
  PROP_WINDOWS_TOTAL,
  PROP_ORDERS_SAVED,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void launch_window (Run *run, Window *window);

static void
run_free (Run *run)
{
  for (guint i = 0; i < run->n_windows; i++)
    {
      g_clear_error (&run->windows[i].error);
      if (run->windows[i].retry != NULL)
        {
          g_source_destroy (run->windows[i].retry);
          g_source_unref (run->windows[i].retry);
        }
    }
  g_free (run->windows);
  if (run->cancelled_idle != NULL)
    {
      g_source_destroy (run->cancelled_idle);
      g_source_unref (run->cancelled_idle);
    }
  g_clear_error (&run->store_error);
  g_free (run);
}

static void
set_windows_done (EoSync *self,
                  guint   done)
{
  if (self->windows_done == done)
    return;
  self->windows_done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOWS_DONE]);
}

/* Ends the run once nothing of it is under way */
static void
maybe_finish (Run *run)
{
  EoSync *self = run->self;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) failed_days = NULL;
  const GError *first_error = NULL;
  guint n_failed = 0;

  if (run->busy > 0 || (!run->cancelled && run->next < run->n_windows))
    return;

  task = g_steal_pointer (&run->task);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;

  failed_days = g_string_new (NULL);
  for (guint i = 0; i < run->n_windows; i++)
    {
      Window *window = &run->windows[i];
      g_autofree char *days = NULL;

      if (window->state != WINDOW_FAILED)
        continue;
      days = describe_window (&window->days);
      g_string_append_printf (failed_days, "%s%s", failed_days->len > 0 ? ", " : "", days);
      if (first_error == NULL)
        first_error = window->error;
      n_failed++;
    }

  self->run = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (run->cancelled)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled."));
    }
  else if (run->store_error != NULL)
    {
      g_task_return_new_error (task, run->store_error->domain, run->store_error->code,
                               _("The orders could not be saved: %s"), run->store_error->message);
    }
  else if (n_failed > 0)
    {
      g_assert (first_error != NULL);
      g_task_return_new_error (task, first_error->domain, first_error->code,
                               _("The orders of %s could not be fetched: %s Sync again to fetch them."),
                               failed_days->str, first_error->message);
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }

  run_free (run);
}

/* Asks for the next windows while there is room */
static void
fill (Run *run)
{
  while (!run->cancelled && run->busy < run->self->concurrency && run->next < run->n_windows)
    {
      Window *window = &run->windows[run->next++];

      run->busy++;
      launch_window (run, window);
    }
  maybe_finish (run);
}

static void
window_finished (Window *window)
{
  Run *run = window->run;

  run->busy--;
  set_windows_done (run->self, run->self->windows_done + 1);
  fill (run);
}

/* The last day up to which every window is saved, into the store */
static void
record_saved_prefix (Run *run)
{
  guint prefix = run->saved_prefix;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;

  while (prefix < run->n_windows && run->windows[prefix].state == WINDOW_SAVED)
    prefix++;
  if (prefix == run->saved_prefix)
    return;

  run->saved_prefix = prefix;
  day = eo_sync_format_day (&run->windows[prefix - 1].days.last);
  if (!eo_store_set_sync_state (run->self->store, day, g_get_real_time () / G_USEC_PER_SEC,
                                &error) &&
      run->store_error == NULL)
    run->store_error = g_steal_pointer (&error);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Window *window = user_data;
  Run *run = window->run;
  g_autoptr(GError) error = NULL;

  if (!eo_store_save_orders_finish (EO_STORE (source), result, &error))
    {
      window->state = WINDOW_FAILED;
      if (run->store_error == NULL)
        run->store_error = g_steal_pointer (&error);
    }
  else
    {
      window->state = WINDOW_SAVED;
      record_saved_prefix (run);
    }

  window_finished (window);
}

static gboolean
retry_cb (gpointer user_data)
{
  Window *window = user_data;

  g_clear_pointer (&window->retry, g_source_unref);
  launch_window (window->run, window);

  return G_SOURCE_REMOVE;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Window *window = user_data;
  Run *run = window->run;
  EoSync *self = run->self;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = 0;

  orders = eo_client_list_orders_finish (EO_CLIENT (source), result, &skipped, &error);

  if (orders == NULL && (run->cancelled || eo_error_is_cancelled (error)))
    {
      /* not asked again, not a failure */
      run->cancelled = TRUE;
      window->state = WINDOW_WAITING;
      run->busy--;
      maybe_finish (run);
      return;
    }

  if (orders == NULL)
    {
      g_debug ("Window %u failed (attempt %u): %s", (guint) (window - run->windows),
               window->attempts, error->message);
      if (eo_error_is_retryable (error) && window->attempts < EO_SYNC_ATTEMPTS && !run->cancelled)
        {
          guint delay = self->retry_delay_ms << (window->attempts - 1);

          window->state = WINDOW_RETRY_WAIT;
          window->retry = g_timeout_source_new (delay);
          g_source_set_callback (window->retry, retry_cb, window, NULL);
          g_source_set_static_name (window->retry, "[eo-sync] retry");
          g_source_attach (window->retry, g_task_get_context (run->task));
          return;
        }

      window->state = WINDOW_FAILED;
      g_clear_error (&window->error);
      window->error = g_steal_pointer (&error);
      window_finished (window);
      return;
    }

  if (skipped > 0)
    g_debug ("%u listed items were not orders and were skipped", skipped);

  window->state = WINDOW_SAVING;
  self->orders_saved += orders->len;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDERS_SAVED]);
  /* a fetched window is saved even when the run is cancelled meanwhile */
  eo_store_save_orders_async (self->store, orders, g_get_real_time () / G_USEC_PER_SEC, NULL,
                              save_cb, window);
}

static void
launch_window (Run    *run,
               Window *window)
{
  g_autoptr(GDateTime) begin = moscow_noon (&window->days.first);
  g_autoptr(GDateTime) end = moscow_noon (&window->days.last);

  window->state = WINDOW_ASKING;
  window->attempts++;
  eo_client_list_orders_async (run->self->client, begin, end, TRUE, NULL,
                               g_task_get_cancellable (run->task), list_cb, window);
}

/* Cancelled: windows waiting for a retry are dropped; those asking end with the cancellable */
static gboolean
cancelled_idle_cb (gpointer user_data)
{
  Run *run = user_data;

  g_clear_pointer (&run->cancelled_idle, g_source_unref);
  for (guint i = 0; i < run->n_windows; i++)
    {
      Window *window = &run->windows[i];

      if (window->state == WINDOW_RETRY_WAIT && window->retry != NULL)
        {
          g_source_destroy (window->retry);
          g_clear_pointer (&window->retry, g_source_unref);
          window->state = WINDOW_WAITING;
          run->busy--;
        }
    }
  maybe_finish (run);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              Run          *run)
{
  run->cancelled = TRUE;
  /* this may be another thread: do the work from the run's own context (the source goes with
   * the run, should it end first) */
  if (run->cancelled_idle != NULL)
    return;
  run->cancelled_idle = g_idle_source_new ();
  g_source_set_callback (run->cancelled_idle, cancelled_idle_cb, run, NULL);
  g_source_set_static_name (run->cancelled_idle, "[eo-sync] cancelled");
  g_source_attach (run->cancelled_idle, g_task_get_context (run->task));
}

/* GObject ---------------------------------------------------------------------------------- */

static void
eo_sync_dispose (GObject *object)
{
  EoSync *self = (EoSync *) object;

  /* a run holds the sync through its task, so none is under way here */
  g_assert (self->run == NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eo_sync_parent_class)->dispose (object);
}

static void
eo_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EoSync *self = EO_SYNC (object);

  switch (prop_id)
    {
    case PROP_WINDOWS_DONE:
      g_value_set_uint (value, self->windows_done);
      break;
    case PROP_WINDOWS_TOTAL:
      g_value_set_uint (value, self->windows_total);
      break;
    case PROP_ORDERS_SAVED:
      g_value_set_uint (value, self->orders_saved);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->run != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_sync_class_init (EoSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = eo_sync_dispose;
  object_class->get_property = eo_sync_get_property;

  properties[PROP_WINDOWS_DONE] =
    g_param_spec_uint ("windows-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_WINDOWS_TOTAL] =
    g_param_spec_uint ("windows-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ORDERS_SAVED] =
    g_param_spec_uint ("orders-saved", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_sync_init (EoSync *self)
{
  self->concurrency = EO_SYNC_CONCURRENCY;
  self->retry_delay_ms = EO_SYNC_RETRY_DELAY_MS;
}

EoSync *
eo_sync_new (EoClient *client,
             EoStore  *store)
{
  EoSync *self;

  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EO_IS_STORE (store), NULL);

  self = g_object_new (EO_TYPE_SYNC, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);

  return self;
}

void
eo_sync_set_concurrency (EoSync *self,
                         guint   concurrency)
{
  g_return_if_fail (EO_IS_SYNC (self));
  g_return_if_fail (concurrency >= 1 && concurrency <= EO_CLIENT_MAX_CONNECTIONS);

  self->concurrency = concurrency;
}

void
eo_sync_set_retry_delay (EoSync *self,
                         guint   milliseconds)
{
  g_return_if_fail (EO_IS_SYNC (self));

  self->retry_delay_ms = milliseconds;
}

guint
eo_sync_get_windows_done (EoSync *self)
{
  g_return_val_if_fail (EO_IS_SYNC (self), 0);

  return self->windows_done;
}

guint
eo_sync_get_windows_total (EoSync *self)
{
  g_return_val_if_fail (EO_IS_SYNC (self), 0);

  return self->windows_total;
}

guint
eo_sync_get_orders_saved (EoSync *self)
{
  g_return_val_if_fail (EO_IS_SYNC (self), 0);

  return self->orders_saved;
}

gboolean
eo_sync_get_running (EoSync *self)
{
  g_return_val_if_fail (EO_IS_SYNC (self), FALSE);

  return self->run != NULL;
}

gboolean
eo_sync_get_incremental_start (EoSync  *self,
                               GDate   *out_day,
                               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *last_day = NULL;

  g_return_val_if_fail (EO_IS_SYNC (self), FALSE);

  if (eo_store_get_sync_state (self->store, &last_day, NULL, &local_error) &&
      eo_sync_parse_day (last_day, out_day))
    {
      g_date_subtract_days (out_day, 1);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  eo_sync_moscow_day (now, out_day);
  g_date_subtract_days (out_day, EO_SYNC_DEFAULT_DAYS);
  return TRUE;
}

void
eo_sync_run_async (EoSync              *self,
                   GDateTime           *since,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) windows = NULL;
  g_autoptr(GError) error = NULL;
  GDate first, today;
  Run *run;

  g_return_if_fail (EO_IS_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_sync_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->run != NULL)
    {
      g_task_return_new_error (task, EO_ERROR, EO_ERROR_FAILED, _("A sync is already under way."));
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  eo_sync_moscow_day (now, &today);
  if (since != NULL)
    eo_sync_moscow_day (since, &first);
  else if (!eo_sync_get_incremental_start (self, &first, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_date_compare (&first, &today) > 0)
    first = today;

  windows = eo_sync_split_windows (&first, &today, EO_SYNC_MAX_DAYS);

  run = g_new0 (Run, 1);
  run->self = self;
  run->task = g_object_ref (task);
  run->n_windows = windows->len;
  run->windows = g_new0 (Window, windows->len);
  for (guint i = 0; i < windows->len; i++)
    {
      run->windows[i].run = run;
      run->windows[i].days = g_array_index (windows, EoSyncWindow, i);
    }
  self->run = run;

  self->windows_done = 0;
  self->windows_total = windows->len;
  self->orders_saved = 0;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOWS_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOWS_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDERS_SAVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));

  /* a first sync records the day before its first as its start, so that the next one starts
   * there again even when none of this one's windows could be fetched */
  if (!eo_store_get_sync_state (self->store, NULL, NULL, &error) && error == NULL)
    {
      GDate before = first;
      g_autofree char *day = NULL;

      g_date_subtract_days (&before, 1);
      day = eo_sync_format_day (&before);
      eo_store_set_sync_state (self->store, day, g_get_real_time () / G_USEC_PER_SEC, &error);
    }
  if (error != NULL)
    run->store_error = g_steal_pointer (&error);

  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), run, NULL);

  fill (run);
}

gboolean
eo_sync_run_finish (EoSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (EO_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_sync_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
