/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-dialog.c: printing the postal forms and packing slips of one order or many */
#include "config.h"

#include "eo-print-dialog.h"
#include "eo-a11y.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-account.h"
#include "eo-error.h"
#include "eo-money.h"
#include "eo-preferences-window.h"

/* The forms as the dialog offers them, and the order they are printed in */
static const EoPrintForm shown_forms[] = {
  EO_PRINT_FORM_SLIP,
  EO_PRINT_FORM_SLIP_LABEL,
  EO_PRINT_FORM_7P,
  EO_PRINT_FORM_112EP,
  EO_PRINT_FORM_116,
  EO_PRINT_FORM_107,
  EO_PRINT_FORM_ENVELOPE_DL,
  EO_PRINT_FORM_ENVELOPE_C5,
  EO_PRINT_FORM_ENVELOPE_C4,
  EO_PRINT_FORM_LIST,
};

typedef struct
{
  EoPrintDialog  *self;       /* borrowed */
  EoOrder        *order;
  AdwExpanderRow *row;
  /* The sums as typed; their entry rows are made when the order's row is first unfolded (a
   * big selection is many orders, each folded) */
  char           *cod_text;
  char           *value_text;
  AdwEntryRow    *cod_row;
  AdwEntryRow    *value_row;
} Parcel;

struct _EoPrintDialog
{
  AdwWindow             parent_instance;

  GSettings            *settings;
  EoStore              *store;         /* where each run is recorded; NULL: not recorded */
  GCancellable         *cancellable;   /* the export under way; cancelled on close */
  GPtrArray            *parcels;       /* Parcel, in the order given */
  GtkCheckButton       *form_checks[EO_PRINT_N_FORMS];
  GtkFileChooserNative *chooser;
  GtkPrintOperation    *operation;     /* while Print… runs */
  EoPrintDocument      *printing;      /* what it draws */
  char                 *message;
  char                 *status;
  guint                 n_pages;

  GtkWidget            *message_box;
  GtkLabel             *message_label;
  GtkWidget            *sender_button;
  GtkWidget            *print_button;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  AdwExpanderRow       *forms_row;
  GtkSwitch            *blank_switch;
  AdwPreferencesGroup  *parcels_group;

  guint                 busy : 1;
  guint                 sender_missing : 1;
  guint                 disposed : 1;
};

G_DEFINE_FINAL_TYPE (EoPrintDialog, eo_print_dialog, ADW_TYPE_WINDOW)

/* The printer chosen last, offered again while the app runs */
static GtkPrintSettings *last_print_settings;

static void
parcel_free (Parcel *parcel)
{
  g_clear_object (&parcel->order);
  g_free (parcel->cod_text);
  g_free (parcel->value_text);
  g_free (parcel);
}

const char *
eo_print_dialog_form_title (EoPrintForm form)
{
  switch (form)
    {
    case EO_PRINT_FORM_SLIP:
      return _("Packing Slip");
    case EO_PRINT_FORM_SLIP_LABEL:
      return _("Packing Slip on a Label");
    case EO_PRINT_FORM_7P:
      return _("Address Label (ф.7-п)");
    case EO_PRINT_FORM_112EP:
      return _("Cash-on-Delivery Transfer (ф.112ЭП)");
    case EO_PRINT_FORM_116:
      return _("Accompanying Address (ф.116)");
    case EO_PRINT_FORM_107:
      return _("Inventory (ф.107)");
    case EO_PRINT_FORM_ENVELOPE_DL:
      return _("DL Envelope");
    case EO_PRINT_FORM_ENVELOPE_C5:
      return _("C5 Envelope");
    case EO_PRINT_FORM_ENVELOPE_C4:
      return _("C4 Envelope");
    case EO_PRINT_FORM_LIST:
      return _("List for the Post Office (ф.103)");
    case EO_PRINT_N_FORMS:
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
form_subtitle (EoPrintForm form)
{
  switch (form)
    {
    case EO_PRINT_FORM_SLIP:
      return _("A4, one per order");
    case EO_PRINT_FORM_SLIP_LABEL:
      return _("100 × 150 mm, one per order");
    case EO_PRINT_FORM_7P:
      return _("198 × 141 mm");
    case EO_PRINT_FORM_112EP:
      return _("A4, only for the orders with cash on delivery");
    case EO_PRINT_FORM_116:
      return _("A4 landscape");
    case EO_PRINT_FORM_107:
      return _("A4 landscape, two copies; only for the orders with a declared value");
    case EO_PRINT_FORM_ENVELOPE_DL:
      return _("220 × 110 mm");
    case EO_PRINT_FORM_ENVELOPE_C5:
      return _("229 × 162 mm");
    case EO_PRINT_FORM_ENVELOPE_C4:
      return _("324 × 229 mm");
    case EO_PRINT_FORM_LIST:
      return _("A4, one list for all the orders");
    case EO_PRINT_N_FORMS:
    default:
      g_return_val_if_reached ("");
    }
}

/* Empty is none; FALSE when it is not money */
static gboolean
parse_sum (const char *text,
           gint64     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (trimmed[0] == '\0')
    {
      *out = 0;
      return TRUE;
    }
  return eo_money_parse (trimmed, out) && *out >= 0;
}

static void
set_row_problem (AdwEntryRow *entry_row,
                 const char  *problem)
{
  GtkWidget *row = GTK_WIDGET (entry_row);

  if (row == NULL)
    return;
  if (problem != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The order's row says what is wrong with its sums, or what they are */
static void
update_parcel_row (Parcel *parcel)
{
  g_autofree char *cod_problem = NULL;
  g_autofree char *value_problem = NULL;
  g_autofree char *subtitle = NULL;
  gint64 cod = 0, value = 0;
  gboolean cod_ok = parse_sum (parcel->cod_text, &cod);
  gboolean value_ok = parse_sum (parcel->value_text, &value);

  if (!cod_ok)
    cod_problem = g_strdup_printf (_("“%s” is not a sum of money: type it as 1990 or 1990,50."),
                                   parcel->cod_text);
  if (!value_ok)
    value_problem = g_strdup_printf (_("“%s” is not a sum of money: type it as 1990 or 1990,50."),
                                     parcel->value_text);
  else if (cod_ok && cod > 0 && value < cod)
    {
      g_autofree char *cod_text = eo_money_format (cod);

      value_problem = g_strdup_printf (_("The declared value must be at least the cash on "
                                         "delivery, %s."), cod_text);
    }

  set_row_problem (parcel->cod_row, cod_problem);
  set_row_problem (parcel->value_row, value_problem);

  if (cod_problem != NULL || value_problem != NULL)
    {
      subtitle = g_strdup (cod_problem != NULL ? cod_problem : value_problem);
      /* Unfolded, the sum's own row is red; the whole row only while folded */
      if (adw_expander_row_get_expanded (parcel->row))
        gtk_widget_remove_css_class (GTK_WIDGET (parcel->row), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (parcel->row), "error");
    }
  else
    {
      g_autofree char *cod_text = eo_money_format (cod);
      g_autofree char *value_text = eo_money_format (value);

      if (cod > 0)
        subtitle = g_strdup_printf (_("Cash on delivery %s, declared value %s"), cod_text,
                                    value_text);
      else
        subtitle = g_strdup_printf (_("No cash on delivery, declared value %s"), value_text);
      gtk_widget_remove_css_class (GTK_WIDGET (parcel->row), "error");
    }
  adw_expander_row_set_subtitle (parcel->row, subtitle);
}

static EoPrintSender *
eo_print_dialog_load_sender (EoPrintDialog *self)
{
  g_autoptr(GVariant) dict = g_settings_get_value (self->settings, "sender");

  return eo_print_sender_new_from_variant (dict);
}

static void
eo_print_dialog_load_offsets (EoPrintDialog  *self,
                              EoPrintOptions *options)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "print-offsets");
  GVariantIter iter;
  const char *key;
  double x, y;

  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s(dd)}", &key, &x, &y))
    for (int f = 0; f < EO_PRINT_N_FORMS; f++)
      if (g_strcmp0 (key, eo_print_form_key (f)) == 0)
        {
          options->offset_x[f] = x;
          options->offset_y[f] = y;
        }
}

/* The document the dialog's choice makes, or NULL with the reason (translated, for the person
 * at the dialog). Cheap: nothing is drawn. */
static EoPrintDocument *
eo_print_dialog_make_document (EoPrintDialog  *self,
                               GError        **error)
{
  g_autoptr(EoPrintSender) sender = eo_print_dialog_load_sender (self);
  g_autoptr(GArray) forms = g_array_new (FALSE, FALSE, sizeof (EoPrintForm));
  g_autoptr(GPtrArray) parcels = NULL;
  EoPrintOptions options = { 0 };

  self->sender_missing = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    if (gtk_check_button_get_active (self->form_checks[shown_forms[i]]))
      g_array_append_val (forms, shown_forms[i]);
  if (forms->len == 0)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                           _("Choose at least one form to print."));
      return NULL;
    }

  for (guint i = 0; i < forms->len; i++)
    {
      EoPrintForm form = g_array_index (forms, EoPrintForm, i);
      EoPrintSenderField missing;

      if (eo_print_form_missing_field (form, sender, &missing))
        {
          self->sender_missing = TRUE;
          /* Translators: a form's name, then a sender's field, such as "postcode" */
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("“%s” needs the sender’s %s, which is not set. Set it in Preferences, "
                         "on the Sender page."),
                       eo_print_dialog_form_title (form), eo_print_sender_field_label (missing));
          return NULL;
        }
    }

  parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  for (guint i = 0; i < self->parcels->len; i++)
    {
      Parcel *parcel = g_ptr_array_index (self->parcels, i);
      gint64 cod, value;

      if (!parse_sum (parcel->cod_text, &cod) || !parse_sum (parcel->value_text, &value))
        {
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("Order %" PRId64 ": a sum is not a sum of money. Type it as 1990 or "
                         "1990,50."), eo_order_get_id (parcel->order));
          return NULL;
        }
      /* As the core says it, with the sums as the dialog shows them */
      if (cod > 0 && value < cod)
        {
          g_autofree char *id = g_strdup_printf ("%" PRId64, eo_order_get_id (parcel->order));
          g_autofree char *value_text = eo_money_format (value);
          g_autofree char *cod_text = eo_money_format (cod);

          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("Order %s: the declared value (%s) is less than the cash-on-delivery sum "
                         "(%s). The post office does not accept such a parcel: raise the declared "
                         "value to at least the COD sum."),
                       id, value_text, cod_text);
          return NULL;
        }
      g_ptr_array_add (parcels, eo_print_parcel_new (parcel->order, cod, value, NULL));
    }

  options.blank = gtk_switch_get_active (self->blank_switch);
  eo_print_dialog_load_offsets (self, &options);

  /* The rest, the cash on delivery's rule included, is the core's to say */
  return eo_print_document_new (sender, parcels, (const EoPrintForm *) forms->data, forms->len,
                                &options, error);
}

static void
eo_print_dialog_set_message (EoPrintDialog *self,
                             const char    *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
  gtk_widget_set_visible (self->sender_button, message != NULL && self->sender_missing);
}

static void
eo_print_dialog_set_status (EoPrintDialog *self,
                            const char    *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

/* The forms row, folded, still says what is chosen and how many pages it makes */
static void
eo_print_dialog_update_forms_summary (EoPrintDialog *self)
{
  g_autoptr(GString) chosen = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    if (gtk_check_button_get_active (self->form_checks[shown_forms[i]]))
      g_string_append_printf (chosen, "%s%s", chosen->len > 0 ? ", " : "",
                              eo_print_dialog_form_title (shown_forms[i]));

  if (chosen->len == 0)
    subtitle = g_strdup (_("None chosen"));
  else if (self->n_pages > 0)
    /* Translators: the forms chosen, then the number of pages they make */
    subtitle = g_strdup_printf (ngettext ("%s: %u page", "%s: %u pages", self->n_pages),
                                chosen->str, self->n_pages);
  else
    subtitle = g_strdup (chosen->str);
  adw_expander_row_set_subtitle (self->forms_row, subtitle);
}

static void
eo_print_dialog_update (EoPrintDialog *self)
{
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->disposed || self->parcels == NULL)
    return;

  doc = eo_print_dialog_make_document (self, &error);
  self->n_pages = doc != NULL ? eo_print_document_get_n_pages (doc) : 0;
  eo_print_dialog_set_message (self, error != NULL ? error->message : NULL);
  eo_print_dialog_update_forms_summary (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.print", doc != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.export", doc != NULL && !self->busy);
}

static void
eo_print_dialog_set_busy (EoPrintDialog *self,
                          gboolean       busy,
                          guint          n_pages)
{
  self->busy = !!busy;
  gtk_widget_set_visible (self->progress_box, busy);
  if (busy)
    {
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), 0, n_pages);

      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, text);
      eo_print_dialog_set_status (self, NULL);
    }
  eo_print_dialog_update (self);
}

static void
eo_print_dialog_show_progress (EoPrintDialog *self,
                               guint          done,
                               guint          n_pages)
{
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), done, n_pages);

  gtk_progress_bar_set_fraction (self->progress_bar, n_pages > 0 ? (double) done / n_pages : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

/* The choice is offered again the next time */
static void
eo_print_dialog_remember (EoPrintDialog *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    if (gtk_check_button_get_active (self->form_checks[shown_forms[i]]))
      g_ptr_array_add (keys, (gpointer) eo_print_form_key (shown_forms[i]));
  g_ptr_array_add (keys, NULL);
  g_settings_set_strv (self->settings, "print-forms", (const char * const *) keys->pdata);
  g_settings_set_boolean (self->settings, "print-blank", gtk_switch_get_active (self->blank_switch));
}

/* Export PDF… ----------------------------------------------------------------------------- */

typedef struct
{
  EoPrintDocument *doc;
  char            *path;
  GObject         *dialog;  /* the task's source: alive while the task is */
} ExportJob;

typedef struct
{
  EoPrintDialog *self;
  guint          done;
  guint          n_pages;
} ExportProgress;

static void
export_job_free (ExportJob *job)
{
  eo_print_document_free (job->doc);
  g_free (job->path);
  g_free (job);
}

static void
export_progress_free (ExportProgress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
export_progress_idle (gpointer user_data)
{
  ExportProgress *progress = user_data;

  if (!progress->self->disposed && progress->self->busy)
    eo_print_dialog_show_progress (progress->self, progress->done, progress->n_pages);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: the page is shown drawn in the main one */
static void
export_progress_cb (guint    done,
                    guint    n_pages,
                    gpointer user_data)
{
  ExportJob *job = user_data;
  ExportProgress *progress = g_new0 (ExportProgress, 1);

  progress->self = g_object_ref (EO_PRINT_DIALOG (job->dialog));
  progress->done = done;
  progress->n_pages = n_pages;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, export_progress_idle, progress,
                              (GDestroyNotify) export_progress_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (eo_print_document_write_pdf_full (job->doc, job->path, cancellable, export_progress_cb,
                                        job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* What was just printed or exported, recorded in the shop's history of print runs (so it can
 * be printed again: `expertam print --again`); the status says under which number */
static void
eo_print_dialog_record_run (EoPrintDialog *self,
                            const char    *status)
{
  g_autoptr(GString) forms = g_string_new (NULL);
  g_autoptr(EoPrintRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recorded = NULL;
  gint64 id;

  if (self->store == NULL)
    {
      eo_print_dialog_set_status (self, status);
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    if (gtk_check_button_get_active (self->form_checks[shown_forms[i]]))
      g_string_append_printf (forms, "%s%s", forms->len > 0 ? "," : "",
                              eo_print_form_key (shown_forms[i]));

  run = eo_print_run_new (forms->str);
  run->blank = gtk_switch_get_active (self->blank_switch);
  for (guint i = 0; i < self->parcels->len; i++)
    {
      Parcel *parcel = g_ptr_array_index (self->parcels, i);
      gint64 cod = 0, value = 0;

      parse_sum (parcel->cod_text, &cod);
      parse_sum (parcel->value_text, &value);
      eo_print_run_add_order (run, eo_order_get_id (parcel->order), cod, value, NULL);
    }

  id = eo_store_record_print_run (self->store, run, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (id == 0)
    /* Translators: what was printed, then why it could not be kept in the history */
    recorded = g_strdup_printf (_("%s It was not recorded in the print history: %s"), status,
                                error->message);
  else
    /* Translators: what was printed, then the number of the print run */
    recorded = g_strdup_printf (_("%s Recorded as print run %" PRId64 "."), status, id);
  eo_print_dialog_set_status (self, recorded);
}

static void
eo_print_dialog_exported_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  EoPrintDialog *self = EO_PRINT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint n_pages = eo_print_document_get_n_pages (job->doc);

  if (!g_task_propagate_boolean (G_TASK (result), &error) && eo_error_is_cancelled (error))
    return;
  if (self->disposed)
    return;

  eo_print_dialog_set_busy (self, FALSE, 0);
  if (error != NULL)
    {
      eo_print_dialog_set_message (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_path_get_basename (job->path);
    g_autofree char *status = g_strdup_printf (ngettext ("%u page exported to “%s”.",
                                                         "%u pages exported to “%s”.", n_pages),
                                               n_pages, name);

    eo_print_dialog_record_run (self, status);
  }
}

void
eo_print_dialog_export_pdf (EoPrintDialog *self,
                            GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  EoPrintDocument *doc;
  ExportJob *job;

  g_return_if_fail (EO_IS_PRINT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      eo_print_dialog_set_message (self, _("The PDF can only be saved to a folder on this "
                                           "computer."));
      return;
    }

  doc = eo_print_dialog_make_document (self, &error);
  if (doc == NULL)
    {
      eo_print_dialog_set_message (self, error->message);
      return;
    }
  eo_print_dialog_remember (self);

  job = g_new0 (ExportJob, 1);
  job->doc = doc;
  job->path = g_steal_pointer (&path);
  job->dialog = G_OBJECT (self);

  eo_print_dialog_set_busy (self, TRUE, eo_print_document_get_n_pages (doc));

  /* The core's document is drawn by one thread at a time: this one is the worker's alone */
  task = g_task_new (self, self->cancellable, eo_print_dialog_exported_cb, NULL);
  g_task_set_source_tag (task, eo_print_dialog_export_pdf);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
eo_print_dialog_export_response_cb (EoPrintDialog        *self,
                                    int                   response,
                                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      eo_print_dialog_export_pdf (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EoPrintDialog *self = EO_PRINT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->busy)
    return;

  if (self->parcels->len == 1)
    /* Translators: the PDF's file name; the number is the order's */
    name = g_strdup_printf (_("order-%" PRId64 ".pdf"),
                            eo_order_get_id (((Parcel *) g_ptr_array_index (self->parcels, 0))->order));
  else
    name = g_strdup (_("parcels.pdf"));

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Forms as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (eo_print_dialog_export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Print… ---------------------------------------------------------------------------------- */

/* The paper of a page: A4 by name, the others by their size; landscape when wider than tall */
static void
apply_page_size (GtkPageSetup *setup,
                 double        width_mm,
                 double        height_mm)
{
  double short_mm = MIN (width_mm, height_mm);
  double long_mm = MAX (width_mm, height_mm);
  GtkPaperSize *paper;

  if (ABS (short_mm - 210) < 0.5 && ABS (long_mm - 297) < 0.5)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else
    {
      g_autofree char *name = g_strdup_printf ("custom_%.0fx%.0fmm", short_mm, long_mm);
      g_autofree char *display = g_strdup_printf (_("%.0f × %.0f mm"), short_mm, long_mm);

      paper = gtk_paper_size_new_custom (name, display, short_mm, long_mm, GTK_UNIT_MM);
    }
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width_mm > height_mm ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                              : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_MM);
  gtk_paper_size_free (paper);
}

static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       EoPrintDialog     *self)
{
  double w, h;

  if (self->printing == NULL || page_nr < 0 ||
      (guint) page_nr >= eo_print_document_get_n_pages (self->printing))
    return;
  eo_print_document_get_page_size (self->printing, page_nr, &w, &h);
  apply_page_size (setup, w, h);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              EoPrintDialog     *self)
{
  guint n_pages;

  if (self->printing == NULL)
    return;
  n_pages = eo_print_document_get_n_pages (self->printing);
  if (page_nr < 0 || (guint) page_nr >= n_pages)
    return;

  /* The print context is in points from the paper's corner (full page, GTK_UNIT_POINTS), as
   * the core draws; GTK turns it for a landscape page */
  eo_print_document_draw_page (self->printing, page_nr,
                               gtk_print_context_get_cairo_context (context));
  if (!self->disposed)
    eo_print_dialog_show_progress (self, page_nr + 1, n_pages);
}

static void
eo_print_dialog_print_finished (EoPrintDialog           *self,
                                GtkPrintOperationResult  result,
                                const GError            *error)
{
  guint n_pages;
  gboolean exported;

  if (self->operation == NULL)
    return;

  n_pages = eo_print_document_get_n_pages (self->printing);
  exported = g_object_get_data (G_OBJECT (self->operation), "eo-export") != NULL;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (self->operation));

  g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);
  g_clear_pointer (&self->printing, eo_print_document_free);

  if (self->disposed)
    return;

  eo_print_dialog_set_busy (self, FALSE, 0);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The forms were not printed: %s"),
                                                  error != NULL ? error->message : "");

      eo_print_dialog_set_message (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *status = NULL;

      if (exported)
        status = g_strdup_printf (ngettext ("%u page written.", "%u pages written.", n_pages),
                                  n_pages);
      else
        status = g_strdup_printf (ngettext ("%u page sent to the printer.",
                                            "%u pages sent to the printer.", n_pages), n_pages);
      eo_print_dialog_record_run (self, status);
    }
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               EoPrintDialog           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  eo_print_dialog_print_finished (self, result, error);
}

void
eo_print_dialog_print (EoPrintDialog *self,
                       const char    *export_filename)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  EoPrintDocument *doc;
  double w, h;

  g_return_if_fail (EO_IS_PRINT_DIALOG (self));

  if (self->busy)
    return;

  doc = eo_print_dialog_make_document (self, &error);
  if (doc == NULL)
    {
      eo_print_dialog_set_message (self, error->message);
      return;
    }
  eo_print_dialog_remember (self);

  eo_print_document_get_page_size (doc, 0, &w, &h);
  apply_page_size (setup, w, h);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_print_operation_set_n_pages (operation, eo_print_document_get_n_pages (doc));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The pages are drawn one by one from the main loop: the window stays responsive */
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_print_settings);
  if (export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_filename);
      g_object_set_data (G_OBJECT (operation), "eo-export", GINT_TO_POINTER (TRUE));
    }
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);

  self->operation = g_object_ref (operation);
  self->printing = doc;
  eo_print_dialog_set_busy (self, TRUE, eo_print_document_get_n_pages (doc));

  g_clear_error (&error);
  result = gtk_print_operation_run (operation,
                                    export_filename != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  /* Done at once (an error, a cancel, a run that was not async): "done" may not come */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    eo_print_dialog_print_finished (self, result, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  eo_print_dialog_print (EO_PRINT_DIALOG (widget), NULL);
}

static void
sender_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EoPrintDialog *self = EO_PRINT_DIALOG (widget);
  EoPreferencesWindow *preferences = eo_preferences_window_new ();
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (preferences), gtk_window_get_application (parent));
  eo_preferences_window_show_sender (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The dialog ------------------------------------------------------------------------------ */

static void
eo_print_dialog_dispose (GObject *object)
{
  EoPrintDialog *self = EO_PRINT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->operation != NULL)
    {
      gtk_print_operation_cancel (self->operation);
      eo_print_dialog_print_finished (self, GTK_PRINT_OPERATION_RESULT_CANCEL, NULL);
    }
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_PRINT_DIALOG);

  G_OBJECT_CLASS (eo_print_dialog_parent_class)->dispose (object);
}

static void
eo_print_dialog_finalize (GObject *object)
{
  EoPrintDialog *self = EO_PRINT_DIALOG (object);

  g_clear_pointer (&self->parcels, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->message);
  g_free (self->status);

  G_OBJECT_CLASS (eo_print_dialog_parent_class)->finalize (object);
}

static void
eo_print_dialog_class_init (EoPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_print_dialog_dispose;
  object_class->finalize = eo_print_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, sender_button);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, forms_row);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, blank_switch);
  gtk_widget_class_bind_template_child (widget_class, EoPrintDialog, parcels_group);

  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "print.sender", NULL, sender_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "print.print",
                                       NULL);
}

static void
eo_print_dialog_init (EoPrintDialog *self)
{
  g_auto(GStrv) chosen = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) parcel_free);

  chosen = g_settings_get_strv (self->settings, "print-forms");
  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    {
      EoPrintForm form = shown_forms[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *title = eo_print_dialog_form_title (form);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), form_subtitle (form));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) chosen,
                                                    eo_print_form_key (form)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (eo_print_dialog_update), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->forms_row, row);
      self->form_checks[form] = GTK_CHECK_BUTTON (check);
    }

  /* Folded: the choice is usually the last one, and the orders' sums come next */
  adw_expander_row_set_expanded (self->forms_row, chosen == NULL || chosen[0] == NULL);
  gtk_switch_set_active (self->blank_switch, g_settings_get_boolean (self->settings, "print-blank"));
  g_signal_connect_object (self->blank_switch, "notify::active",
                           G_CALLBACK (eo_print_dialog_update), self, G_CONNECT_SWAPPED);
  /* The sender set in Preferences (or by `expertam sender`) meanwhile counts at once */
  g_signal_connect_object (self->settings, "changed::sender", G_CALLBACK (eo_print_dialog_update),
                           self, G_CONNECT_SWAPPED);
}

static void
sum_changed_cb (AdwEntryRow *row,
                Parcel      *parcel)
{
  char **text = row == parcel->cod_row ? &parcel->cod_text : &parcel->value_text;

  g_free (*text);
  *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  update_parcel_row (parcel);
  eo_print_dialog_update (parcel->self);
}

static AdwEntryRow *
new_sum_row (Parcel     *parcel,
             const char *title,
             const char *label,
             const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_expander_row_add_row (parcel->row, row);

  return ADW_ENTRY_ROW (row);
}

static void
parcel_ensure_rows (Parcel *parcel)
{
  gint64 id = eo_order_get_id (parcel->order);
  g_autofree char *cod_label = NULL;
  g_autofree char *value_label = NULL;

  if (parcel->cod_row != NULL)
    return;

  cod_label = g_strdup_printf (_("Cash on delivery of order %" PRId64), id);
  value_label = g_strdup_printf (_("Declared value of order %" PRId64), id);
  parcel->cod_row = new_sum_row (parcel, _("Cash on Delivery"), cod_label, parcel->cod_text);
  parcel->value_row = new_sum_row (parcel, _("Declared Value"), value_label, parcel->value_text);
  g_signal_connect (parcel->cod_row, "changed", G_CALLBACK (sum_changed_cb), parcel);
  g_signal_connect (parcel->value_row, "changed", G_CALLBACK (sum_changed_cb), parcel);
  update_parcel_row (parcel);
}

static void
parcel_expanded_cb (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    Parcel         *parcel)
{
  if (parcel->self->disposed)
    return;
  if (adw_expander_row_get_expanded (row))
    parcel_ensure_rows (parcel);
  update_parcel_row (parcel);
}

void
eo_print_dialog_set_store (EoPrintDialog *self,
                           EoStore       *store)
{
  g_return_if_fail (EO_IS_PRINT_DIALOG (self));
  g_return_if_fail (store == NULL || EO_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
eo_print_dialog_apply_run (EoPrintDialog    *self,
                           const EoPrintRun *run)
{
  g_autoptr(GArray) forms = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EO_IS_PRINT_DIALOG (self));
  g_return_if_fail (run != NULL);

  /* The keys are the store's, written by this dialog or `expertam print`: an unknown one is
   * from a later version; the others still count */
  forms = g_array_new (FALSE, FALSE, sizeof (EoPrintForm));
  if (run->forms != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (run->forms, ",", -1);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autoptr(GArray) one = eo_print_forms_parse (keys[k], &error);

          if (one != NULL)
            g_array_append_vals (forms, one->data, one->len);
          else
            g_debug ("Print run %" PRId64 ": %s", run->id, error->message);
          g_clear_error (&error);
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (shown_forms); i++)
    {
      gboolean wanted = FALSE;

      for (guint f = 0; f < forms->len; f++)
        wanted |= g_array_index (forms, EoPrintForm, f) == shown_forms[i];
      gtk_check_button_set_active (self->form_checks[shown_forms[i]], wanted);
    }
  gtk_switch_set_active (self->blank_switch, run->blank);

  for (guint i = 0; i < self->parcels->len; i++)
    {
      Parcel *parcel = g_ptr_array_index (self->parcels, i);

      for (guint o = 0; o < run->orders->len; o++)
        {
          const EoPrintRunOrder *printed = eo_print_run_get_order (run, o);

          if (printed->bill_id != eo_order_get_id (parcel->order))
            continue;

          g_free (parcel->cod_text);
          parcel->cod_text = eo_money_format (MAX (printed->cod, 0));
          g_free (parcel->value_text);
          parcel->value_text = eo_money_format (MAX (printed->declared_value, 0));
          /* Their rows, when made, say the same ("changed" keeps the texts as they are) */
          if (parcel->cod_row != NULL)
            {
              g_autofree char *cod_text = g_strdup (parcel->cod_text);
              g_autofree char *value_text = g_strdup (parcel->value_text);

              gtk_editable_set_text (GTK_EDITABLE (parcel->cod_row), cod_text);
              gtk_editable_set_text (GTK_EDITABLE (parcel->value_row), value_text);
            }
          update_parcel_row (parcel);
          break;
        }
    }

  eo_print_dialog_update (self);
  if (gtk_widget_is_sensitive (self->print_button))
    gtk_window_set_focus (GTK_WINDOW (self), self->print_button);
}

EoPrintDialog *
eo_print_dialog_new (GtkWindow *parent,
                     GPtrArray *orders)
{
  EoPrintDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (orders != NULL && orders->len > 0, NULL);

  if (orders->len == 1)
    title = g_strdup_printf (_("Print Order %" PRId64),
                             eo_order_get_id (g_ptr_array_index (orders, 0)));
  else
    title = g_strdup_printf (ngettext ("Print %u Order", "Print %u Orders", orders->len),
                             orders->len);

  self = g_object_new (EO_TYPE_PRINT_DIALOG, "transient-for", parent, "title", title, NULL);

  for (guint i = 0; i < orders->len; i++)
    {
      EoOrder *order = g_ptr_array_index (orders, i);
      Parcel *parcel = g_new0 (Parcel, 1);
      g_autofree char *row_title = g_strdup_printf ("%" PRId64 " · %s", eo_order_get_id (order),
                                                    eo_order_get_full_name (order));

      parcel->self = self;
      parcel->order = g_object_ref (order);
      /* COD: what is left to pay; declared value: the order's sum (as `expertam print`) */
      parcel->cod_text = eo_money_format (MAX (eo_order_get_bill_sum_topay (order), 0));
      parcel->value_text = eo_money_format (MAX (eo_order_get_price (order), 0));
      parcel->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (parcel->row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (parcel->row), FALSE);
      g_signal_connect (parcel->row, "notify::expanded", G_CALLBACK (parcel_expanded_cb), parcel);
      adw_preferences_group_add (self->parcels_group, GTK_WIDGET (parcel->row));
      g_ptr_array_add (self->parcels, parcel);
      update_parcel_row (parcel);
      if (orders->len == 1)
        adw_expander_row_set_expanded (parcel->row, TRUE);
    }

  eo_print_dialog_update (self);
  /* Enter prints what was chosen last */
  if (gtk_widget_is_sensitive (self->print_button))
    gtk_window_set_focus (GTK_WINDOW (self), self->print_button);

  return self;
}

gboolean
eo_print_dialog_get_busy (EoPrintDialog *self)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), FALSE);

  return self->busy;
}

const char *
eo_print_dialog_get_message (EoPrintDialog *self)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);

  return self->message;
}

const char *
eo_print_dialog_get_status (EoPrintDialog *self)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);

  return self->status;
}

guint
eo_print_dialog_get_n_pages (EoPrintDialog *self)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), 0);

  return self->n_pages;
}

GtkWidget *
eo_print_dialog_get_form_check (EoPrintDialog *self,
                                EoPrintForm    form)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);
  g_return_val_if_fail (form < EO_PRINT_N_FORMS, NULL);

  return GTK_WIDGET (self->form_checks[form]);
}

GtkWidget *
eo_print_dialog_get_blank_switch (EoPrintDialog *self)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);

  return GTK_WIDGET (self->blank_switch);
}

GtkWidget *
eo_print_dialog_get_cod_row (EoPrintDialog *self,
                             guint          nth)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);
  g_return_val_if_fail (nth < self->parcels->len, NULL);

  parcel_ensure_rows (g_ptr_array_index (self->parcels, nth));
  return GTK_WIDGET (((Parcel *) g_ptr_array_index (self->parcels, nth))->cod_row);
}

GtkWidget *
eo_print_dialog_get_value_row (EoPrintDialog *self,
                               guint          nth)
{
  g_return_val_if_fail (EO_IS_PRINT_DIALOG (self), NULL);
  g_return_val_if_fail (nth < self->parcels->len, NULL);

  parcel_ensure_rows (g_ptr_array_index (self->parcels, nth));
  return GTK_WIDGET (((Parcel *) g_ptr_array_index (self->parcels, nth))->value_row);
}
