/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-dialog.c: mark a whole file of parcels sent, through the outbox */
#include "config.h"

#include "eo-batch-dialog.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eo-batch-file.h"
#include "eo-batch-plan.h"
#include "eo-error.h"

typedef enum
{
  ITEM_INVALID,        /* the file's row cannot be sent: row->reason */
  ITEM_READY,
  ITEM_QUEUED,         /* in the outbox, not answered yet */
  ITEM_SENT,
  ITEM_RETRY,          /* failed, waits for a retry (no connection...) */
  ITEM_FAILED,         /* refused by the shop */
} ItemResult;

typedef struct
{
  EoBatchRow   *row;
  gint64        change_id;
  ItemResult    result;
  char         *message;
  gboolean      already_sent;   /* this shop had it before this dialog sent anything */
  AdwActionRow *widget;
} Item;

struct _EoBatchDialog
{
  AdwWindow             parent_instance;

  EoOutbox             *outbox;
  GSettings            *settings;
  GCancellable         *cancellable;
  GPtrArray            *items;          /* Item, in file order */
  GHashTable           *by_change;      /* gint64 change id -> Item (owned by items) */
  GtkFileChooserNative *chooser;

  GtkStack             *stack;
  GtkLabel             *summary_label;
  GtkProgressBar       *progress_bar;
  GtkListBox           *rows_list;
  GtkWidget            *send_button;
  GtkWidget            *cancel_button;

  guint                 sending : 1;
};

G_DEFINE_FINAL_TYPE (EoBatchDialog, eo_batch_dialog, ADW_TYPE_WINDOW)

static void
item_free (Item *item)
{
  g_clear_pointer (&item->row, eo_batch_row_free);
  g_free (item->message);
  g_free (item);
}

static guint
eo_batch_dialog_count (EoBatchDialog *self,
                       ItemResult     result)
{
  guint n = 0;

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    if (((Item *) g_ptr_array_index (self->items, i))->result == result)
      n++;

  return n;
}

static void
eo_batch_dialog_update_item (EoBatchDialog *self,
                             Item          *item)
{
  g_autofree char *subtitle = NULL;

  switch (item->result)
    {
    case ITEM_INVALID:
      subtitle = g_strdup_printf (_("Not sendable: %s"), item->row->reason);
      break;
    case ITEM_READY:
      subtitle = item->row->reason != NULL
        ? g_strdup_printf (_("Ready; note: %s"), item->row->reason)
        : g_strdup (_("Ready"));
      break;
    case ITEM_QUEUED:
      subtitle = g_strdup (_("Queued"));
      break;
    case ITEM_SENT:
      subtitle = g_strdup (item->already_sent ? _("Already sent before") : _("Sent"));
      break;
    case ITEM_RETRY:
      subtitle = g_strdup_printf (_("Waiting for a retry: %s"), item->message);
      break;
    case ITEM_FAILED:
      subtitle = g_strdup_printf (_("Refused: %s"), item->message);
      break;
    default:
      g_assert_not_reached ();
    }

  adw_action_row_set_subtitle (item->widget, subtitle);

  gtk_widget_remove_css_class (GTK_WIDGET (item->widget), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (item->widget), "success");
  if (item->result == ITEM_INVALID || item->result == ITEM_FAILED || item->result == ITEM_RETRY)
    gtk_widget_add_css_class (GTK_WIDGET (item->widget), "error");
  else if (item->result == ITEM_SENT)
    gtk_widget_add_css_class (GTK_WIDGET (item->widget), "success");
}

static void
eo_batch_dialog_update (EoBatchDialog *self)
{
  guint n_rows = self->items != NULL ? self->items->len : 0;
  guint n_invalid = eo_batch_dialog_count (self, ITEM_INVALID);
  guint n_ready = eo_batch_dialog_count (self, ITEM_READY);
  guint n_queued = eo_batch_dialog_count (self, ITEM_QUEUED);
  guint n_sent = eo_batch_dialog_count (self, ITEM_SENT);
  guint n_failed = eo_batch_dialog_count (self, ITEM_FAILED) + eo_batch_dialog_count (self, ITEM_RETRY);
  guint n_to_send = n_rows - n_invalid;
  g_autofree char *rows_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *progress = NULL;

  rows_text = g_strdup_printf (ngettext ("%u row", "%u rows", n_rows), n_rows);
  if (n_invalid > 0)
    summary = g_strdup_printf (ngettext ("%s: %u cannot be sent", "%s: %u cannot be sent",
                                         n_invalid), rows_text, n_invalid);
  else
    summary = g_strdup_printf (_("%s, all ready"), rows_text);
  gtk_label_set_label (self->summary_label, summary);

  progress = g_strdup_printf (ngettext ("%u of %u sent", "%u of %u sent", n_to_send),
                              n_sent, n_to_send);
  gtk_progress_bar_set_text (self->progress_bar, progress);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_to_send > 0 ? (double) (n_sent + n_failed) / n_to_send : 0.0);

  gtk_widget_set_visible (self->send_button, !self->sending);
  gtk_widget_set_visible (self->cancel_button, self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.send",
                                 !self->sending && n_ready + n_queued > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.cancel", self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.open", !self->sending && n_queued == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.retry-failed",
                                 !self->sending && n_failed > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.export-failed",
                                 n_failed + n_invalid > 0);
}

static void
eo_batch_dialog_set_rows (EoBatchDialog *self,
                          GPtrArray     *rows)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->by_change);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);

  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);
      Item *item = g_new0 (Item, 1);
      g_autofree char *title = NULL;

      item->row = eo_batch_row_copy (row);
      item->result = row->state == EO_BATCH_ROW_INVALID ? ITEM_INVALID : ITEM_READY;
      /* Another carrier's number in a file: the file is the confirmation */
      title = g_strdup_printf (_("Line %u: order %s, %s"), row->line,
                               row->bill_text != NULL && row->bill_text[0] != '\0'
                                 ? row->bill_text : "—",
                               row->rpo[0] != '\0' ? row->rpo : "—");
      item->widget = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->widget), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->widget), title);
      gtk_list_box_append (self->rows_list, GTK_WIDGET (item->widget));
      g_ptr_array_add (self->items, item);
      eo_batch_dialog_update_item (self, item);
    }

  gtk_stack_set_visible_child_name (self->stack, "rows");
  eo_batch_dialog_update (self);
}

static void
eo_batch_dialog_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(EoBatchDialog) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = eo_batch_file_load_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (rows == NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The File Could Not Be Read"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  eo_batch_dialog_set_rows (self, rows);
}

void
eo_batch_dialog_load_file (EoBatchDialog *self,
                           GFile         *file)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (EO_IS_BATCH_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  eo_batch_file_load_async (file, now, self->cancellable,
                            eo_batch_dialog_loaded_cb, g_object_ref (self));
}

static void
eo_batch_dialog_open_response_cb (EoBatchDialog        *self,
                                  int                   response,
                                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      eo_batch_dialog_load_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tables (CSV, TSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open the List of Parcels"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (eo_batch_dialog_open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
eo_batch_dialog_change_sent_cb (EoBatchDialog  *self,
                                EoOutboxChange *change,
                                int             state,
                                const GError   *error,
                                EoOutbox       *outbox)
{
  Item *item = g_hash_table_lookup (self->by_change, &change->id);

  if (item == NULL)
    return;

  g_clear_pointer (&item->message, g_free);
  item->message = g_strdup (error != NULL ? error->message : "");

  switch ((EoOutboxState) state)
    {
    case EO_OUTBOX_STATE_DONE:
      item->result = ITEM_SENT;
      break;
    case EO_OUTBOX_STATE_FAILED:
      item->result = ITEM_FAILED;
      break;
    case EO_OUTBOX_STATE_PENDING:
    case EO_OUTBOX_STATE_DISCARDED:
    default:
      item->result = ITEM_RETRY;
      break;
    }

  eo_batch_dialog_update_item (self, item);
  eo_batch_dialog_update (self);
}

static void
eo_batch_dialog_outbox_sending_cb (EoBatchDialog *self,
                                   GParamSpec    *pspec,
                                   EoOutbox      *outbox)
{
  if (eo_outbox_get_sending (outbox) || !self->sending)
    return;

  self->sending = FALSE;
  eo_batch_dialog_update (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (widget);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) queued = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (self->sending || self->items == NULL)
    return;

  /* After Stop the rows not sent are still in the outbox: Send sends them on */
  if (eo_batch_dialog_count (self, ITEM_READY) == 0)
    {
      if (eo_batch_dialog_count (self, ITEM_QUEUED) > 0)
        {
          self->sending = TRUE;
          eo_outbox_send_now (self->outbox);
          eo_batch_dialog_update (self);
        }
      return;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->result == ITEM_READY)
        {
          g_ptr_array_add (ready, item);
          g_ptr_array_add (rows, item->row);
        }
    }

  /* The same plan as `expertam ship-batch`: what this shop already has is not sent again, what
   * already waits in the outbox is retried rather than queued twice */
  plan = eo_batch_plan_make (eo_outbox_get_store (self->outbox), rows, TRUE, now, FALSE, &error);
  if (plan == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  for (guint i = 0; i < plan->len; i++)
    {
      EoBatchPlanItem *step = g_ptr_array_index (plan, i);
      Item *item = g_ptr_array_index (ready, i);

      switch (step->action)
        {
        case EO_BATCH_PLAN_QUEUE:
          g_ptr_array_add (changes, eo_outbox_change_ref (step->change));
          g_ptr_array_add (queued, item);
          break;
        case EO_BATCH_PLAN_RETRY:
          if (!eo_outbox_retry (self->outbox, step->change->id, &error))
            {
              gtk_label_set_label (self->summary_label, error->message);
              eo_batch_dialog_update (self);
              return;
            }
          self->sending = TRUE;
          item->change_id = step->change->id;
          item->result = ITEM_QUEUED;
          g_hash_table_insert (self->by_change, &item->change_id, item);
          eo_batch_dialog_update_item (self, item);
          break;
        case EO_BATCH_PLAN_ALREADY_SENT:
          item->result = ITEM_SENT;
          item->already_sent = TRUE;
          eo_batch_dialog_update_item (self, item);
          break;
        case EO_BATCH_PLAN_SKIP:
        default:
          g_assert_not_reached ();
        }
    }

  if (changes->len > 0)
    {
      eo_outbox_set_jobs (self->outbox, g_settings_get_uint (self->settings, "batch-jobs"));
      self->sending = TRUE;

      /* Committed to the outbox before anything is sent */
      if (!eo_outbox_submit_many (self->outbox, changes, &error))
        {
          self->sending = FALSE;
          gtk_label_set_label (self->summary_label, error->message);
          eo_batch_dialog_update (self);
          return;
        }
    }

  for (guint i = 0; i < queued->len; i++)
    {
      Item *item = g_ptr_array_index (queued, i);
      EoOutboxChange *change = g_ptr_array_index (changes, i);

      item->change_id = change->id;
      item->result = ITEM_QUEUED;
      g_hash_table_insert (self->by_change, &item->change_id, item);
      eo_batch_dialog_update_item (self, item);
    }

  eo_batch_dialog_update (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (widget);

  /* What was sent stays sent; the rest stays in the outbox for later */
  eo_outbox_stop (self->outbox);
}

static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (widget);

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      g_autoptr(GError) error = NULL;

      if (item->result != ITEM_FAILED && item->result != ITEM_RETRY)
        continue;

      if (!eo_outbox_retry (self->outbox, item->change_id, &error))
        {
          g_clear_pointer (&item->message, g_free);
          item->message = g_strdup (error->message);
          continue;
        }

      self->sending = TRUE;
      item->result = ITEM_QUEUED;
      eo_batch_dialog_update_item (self, item);
    }

  eo_batch_dialog_update (self);
}

/* A CSV field, quoted when it needs to be */
static void
append_field (GString    *csv,
              const char *text)
{
  if (strpbrk (text, ";\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
eo_batch_dialog_exported_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(EoBatchDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!eo_error_is_cancelled (error))
        gtk_label_set_label (self->summary_label, error->message);
      return;
    }
}

void
eo_batch_dialog_export_failed (EoBatchDialog *self,
                               GFile         *file)
{
  g_autoptr(GString) csv = g_string_new ("bill_id;rpo;date;reason\r\n");
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (EO_IS_BATCH_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      g_autofree char *date = NULL;

      if (item->result != ITEM_INVALID && item->result != ITEM_FAILED &&
          item->result != ITEM_RETRY)
        continue;

      if (item->row->date != NULL)
        date = g_date_time_format_iso8601 (item->row->date);

      append_field (csv, item->row->bill_text != NULL ? item->row->bill_text : "");
      g_string_append_c (csv, ';');
      append_field (csv, item->row->rpo);
      g_string_append_c (csv, ';');
      append_field (csv, date != NULL ? date : "");
      g_string_append_c (csv, ';');
      append_field (csv, item->result == ITEM_INVALID ? item->row->reason : item->message);
      g_string_append (csv, "\r\n");
    }

  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, eo_batch_dialog_exported_cb,
                                       g_object_ref (self));
}

static void
eo_batch_dialog_export_response_cb (EoBatchDialog        *self,
                                    int                   response,
                                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      eo_batch_dialog_export_failed (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
export_failed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Failed Rows"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("failed-rows.csv"));
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (eo_batch_dialog_export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
eo_batch_dialog_dispose (GObject *object)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_BATCH_DIALOG);

  G_OBJECT_CLASS (eo_batch_dialog_parent_class)->dispose (object);
}

static void
eo_batch_dialog_finalize (GObject *object)
{
  EoBatchDialog *self = EO_BATCH_DIALOG (object);

  g_clear_pointer (&self->by_change, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (eo_batch_dialog_parent_class)->finalize (object);
}

static void
eo_batch_dialog_class_init (EoBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_batch_dialog_dispose;
  object_class->finalize = eo_batch_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, rows_list);
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, EoBatchDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "batch.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "batch.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "batch.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "batch.retry-failed", NULL, retry_failed_action);
  gtk_widget_class_install_action (widget_class, "batch.export-failed", NULL, export_failed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "batch.open", NULL);
}

static void
eo_batch_dialog_init (EoBatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->by_change = g_hash_table_new (g_int64_hash, g_int64_equal);
  eo_batch_dialog_update (self);
}

EoBatchDialog *
eo_batch_dialog_new (EoOutbox *outbox)
{
  EoBatchDialog *self;

  g_return_val_if_fail (EO_IS_OUTBOX (outbox), NULL);

  self = g_object_new (EO_TYPE_BATCH_DIALOG, NULL);
  self->outbox = g_object_ref (outbox);
  g_signal_connect_object (outbox, "change-sent",
                           G_CALLBACK (eo_batch_dialog_change_sent_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "notify::sending",
                           G_CALLBACK (eo_batch_dialog_outbox_sending_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

guint
eo_batch_dialog_get_n_rows (EoBatchDialog *self)
{
  g_return_val_if_fail (EO_IS_BATCH_DIALOG (self), 0);

  return self->items != NULL ? self->items->len : 0;
}

guint
eo_batch_dialog_get_n_sent (EoBatchDialog *self)
{
  g_return_val_if_fail (EO_IS_BATCH_DIALOG (self), 0);

  return eo_batch_dialog_count (self, ITEM_SENT);
}

guint
eo_batch_dialog_get_n_failed (EoBatchDialog *self)
{
  g_return_val_if_fail (EO_IS_BATCH_DIALOG (self), 0);

  return eo_batch_dialog_count (self, ITEM_FAILED) + eo_batch_dialog_count (self, ITEM_RETRY) +
         eo_batch_dialog_count (self, ITEM_INVALID);
}

gboolean
eo_batch_dialog_get_sending (EoBatchDialog *self)
{
  g_return_val_if_fail (EO_IS_BATCH_DIALOG (self), FALSE);

  return self->sending;
}
