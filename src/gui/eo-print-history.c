/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-history.c: the shop's recent print runs, each to be printed again */
#include "config.h"

#include "eo-print-history.h"
#include "eo-a11y.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-print-dialog.h"
#include "eo-print-run.h"
#include "eo-saved-order.h"

/* The runs listed, as many as a day's work goes back */
#define HISTORY_LIMIT 50
/* A run's subtitle names this many orders, then says how many more */
#define SUBTITLE_ORDERS 10

struct _EoPrintHistory
{
  AdwWindow            parent_instance;

  EoStore             *store;
  GCancellable        *cancellable;   /* a run's orders being read; cancelled on close */
  GPtrArray           *runs;          /* EoPrintRun, newest first */
  GPtrArray           *rows;          /* their AdwActionRow, in the group */
  GHashTable          *buttons;       /* run id (gint64 *) → its "Print Again…" (borrowed) */
  char                *message;

  GtkStack            *stack;
  AdwStatusPage       *failed_page;
  GtkLabel            *message_label;
  AdwPreferencesGroup *runs_group;
  GtkSpinner          *spinner;

  guint                loading : 1;
  guint                disposed : 1;
};

G_DEFINE_FINAL_TYPE (EoPrintHistory, eo_print_history, ADW_TYPE_WINDOW)

static void
eo_print_history_set_message (EoPrintHistory *self,
                              const char     *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
eo_print_history_set_loading (EoPrintHistory *self,
                              gboolean        loading)
{
  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.print-again", !loading);
}

/* "3 Dec 2026, 14:05", in the local time */
static char *
format_when (gint64 created_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (created_at);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, _("%-d %b %Y, %H:%M")) : g_strdup ("—");
}

/* "Packing Slip, Address Label (ф.7-п) · 3001, 3002, 3004": the forms as the print dialog names
 * them (a key it does not know as it is), on blanks or not, and the orders */
static char *
describe_run (const EoPrintRun *run)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) keys = g_strsplit (run->forms != NULL ? run->forms : "", ",", -1);
  /* "and 1 more" would be no shorter than the number itself */
  guint shown = run->orders->len > SUBTITLE_ORDERS + 1 ? SUBTITLE_ORDERS : run->orders->len;

  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autoptr(GArray) forms = NULL;

      g_strstrip (keys[k]);
      if (keys[k][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      forms = eo_print_forms_parse (keys[k], NULL);
      if (forms != NULL && forms->len == 1)
        g_string_append (text, eo_print_dialog_form_title (g_array_index (forms, EoPrintForm, 0)));
      else
        g_string_append (text, keys[k]);
    }
  if (run->blank)
    {
      g_string_append (text, " · ");
      g_string_append (text, _("onto blank forms"));
    }

  g_string_append (text, " · ");
  for (guint i = 0; i < shown; i++)
    g_string_append_printf (text, "%s%" PRId64, i > 0 ? ", " : "",
                            eo_print_run_get_order (run, i)->bill_id);
  if (run->orders->len > shown)
    {
      guint more = run->orders->len - shown;

      g_string_append (text, " ");
      /* Translators: after the first order numbers of a run, how many more it has */
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
new_run_row (EoPrintHistory   *self,
             const EoPrintRun *run)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *number = NULL;
  GtkWidget *button = gtk_button_new ();
  g_autofree char *when = format_when (run->created_at);
  g_autofree char *subtitle = describe_run (run);
  g_autofree char *number_text = NULL;
  g_autofree char *button_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  /* Translators: a print run's number, as "Recorded as print run 12" said it */
  number_text = g_strdup_printf (_("Run %" PRId64), run->id);
  number = gtk_label_new (number_text);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);

  /* A plain label, no mnemonic: every row has one; its name says which run it prints */
  gtk_button_set_child (GTK_BUTTON (button), gtk_label_new (_("Print Again…")));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: a print run's number, then its date and time */
  button_name = g_strdup_printf (_("Print run %" PRId64 " of %s again"), run->id, when);
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.print-again");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", run->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_hash_table_insert (self->buttons, g_memdup2 (&run->id, sizeof run->id), button);

  return row;
}

/* The runs, read again (the print dialog records a new one each time it prints) */
static void
eo_print_history_reload (EoPrintHistory *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  if (self->disposed)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->runs_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->buttons);
  g_clear_pointer (&self->runs, g_ptr_array_unref);

  runs = eo_store_list_print_runs (self->store, HISTORY_LIMIT, &error);
  if (runs == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("The shop’s store did not give its print runs: %s"), error->message);

      adw_status_page_set_description (self->failed_page, description);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  self->runs = g_steal_pointer (&runs);
  for (guint i = 0; i < self->runs->len; i++)
    {
      GtkWidget *row = new_run_row (self, g_ptr_array_index (self->runs, i));

      adw_preferences_group_add (self->runs_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->runs->len > 0 ? "runs" : "empty");
}

/* The newest run's Print Again… has the focus, as the run most often printed again */
static void
eo_print_history_focus_newest (EoPrintHistory *self)
{
  GtkWidget *newest;

  if (self->disposed || self->runs == NULL || self->runs->len == 0)
    return;
  newest = g_hash_table_lookup (self->buttons,
                                &((EoPrintRun *) g_ptr_array_index (self->runs, 0))->id);
  if (newest != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), newest);
}

static void
print_dialog_destroyed_cb (EoPrintHistory *self)
{
  eo_print_history_reload (self);
  eo_print_history_focus_newest (self);
}

/* Print Again… ------------------------------------------------------------------------------ */

/* The run's orders are read from the store one after another, then opened in the print dialog */
typedef struct
{
  EoPrintHistory *self;
  EoPrintRun     *run;
  GPtrArray      *orders;  /* EoOrder read so far, in the run's order */
} AgainLoad;

static void
again_load_free (AgainLoad *load)
{
  g_object_unref (load->self);
  eo_print_run_free (load->run);
  g_ptr_array_unref (load->orders);
  g_free (load);
}

static void again_load_next (AgainLoad *load);

static void
again_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AgainLoad *load = user_data;
  EoPrintHistory *self = load->self;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wanted = eo_print_run_get_order (load->run, load->orders->len)->bill_id;

  order = eo_saved_order_load_finish (result, &error);
  if (self->disposed || (error != NULL && eo_error_is_cancelled (error)))
    {
      again_load_free (load);
      return;
    }
  if (order == NULL)
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        /* Translators: the run's number, the order's, then why it could not be read */
        message = g_strdup_printf (_("Run %" PRId64 " cannot be printed again: order %" PRId64
                                     " could not be read: %s"),
                                   load->run->id, wanted, error->message);
      else
        message = g_strdup_printf (_("Run %" PRId64 " cannot be printed again: order %" PRId64
                                     " is not saved here. Open the order (search for its "
                                     "number) to save it, then try again."),
                                   load->run->id, wanted);
      eo_print_history_set_message (self, message);
      eo_print_history_set_loading (self, FALSE);
      again_load_free (load);
      return;
    }

  g_ptr_array_add (load->orders, g_steal_pointer (&order));
  again_load_next (load);
}

static void
again_load_next (AgainLoad *load)
{
  EoPrintHistory *self = load->self;
  EoPrintDialog *dialog;

  if (load->orders->len < load->run->orders->len)
    {
      eo_saved_order_load_async (self->store,
                                 eo_print_run_get_order (load->run, load->orders->len)->bill_id,
                                 NULL, self->cancellable, again_loaded_cb, load);
      return;
    }

  eo_print_history_set_loading (self, FALSE);
  dialog = eo_print_dialog_new (GTK_WINDOW (self), load->orders);
  eo_print_dialog_set_store (dialog, self->store);
  eo_print_dialog_apply_run (dialog, load->run);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (print_dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  again_load_free (load);
}

void
eo_print_history_print_again (EoPrintHistory *self,
                              gint64          run_id)
{
  const EoPrintRun *run = NULL;
  AgainLoad *load;

  g_return_if_fail (EO_IS_PRINT_HISTORY (self));

  if (self->loading || self->runs == NULL)
    return;

  for (guint i = 0; run == NULL && i < self->runs->len; i++)
    if (((EoPrintRun *) g_ptr_array_index (self->runs, i))->id == run_id)
      run = g_ptr_array_index (self->runs, i);
  g_return_if_fail (run != NULL);

  eo_print_history_set_message (self, NULL);
  if (run->orders->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Run %" PRId64 " has no orders to print."),
                                                  run->id);

      eo_print_history_set_message (self, message);
      return;
    }

  load = g_new0 (AgainLoad, 1);
  load->self = g_object_ref (self);
  load->run = eo_print_run_copy (run);
  load->orders = g_ptr_array_new_with_free_func (g_object_unref);
  eo_print_history_set_loading (self, TRUE);
  again_load_next (load);
}

static void
print_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  eo_print_history_print_again (EO_PRINT_HISTORY (widget), g_variant_get_int64 (parameter));
}

/* The dialog -------------------------------------------------------------------------------- */

static void
eo_print_history_dispose (GObject *object)
{
  EoPrintHistory *self = EO_PRINT_HISTORY (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  if (self->buttons != NULL)
    g_hash_table_remove_all (self->buttons);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_PRINT_HISTORY);

  G_OBJECT_CLASS (eo_print_history_parent_class)->dispose (object);
}

static void
eo_print_history_finalize (GObject *object)
{
  EoPrintHistory *self = EO_PRINT_HISTORY (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_free (self->message);

  G_OBJECT_CLASS (eo_print_history_parent_class)->finalize (object);
}

static void
eo_print_history_class_init (EoPrintHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_print_history_dispose;
  object_class->finalize = eo_print_history_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-print-history.ui");
  gtk_widget_class_bind_template_child (widget_class, EoPrintHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, EoPrintHistory, failed_page);
  gtk_widget_class_bind_template_child (widget_class, EoPrintHistory, message_label);
  gtk_widget_class_bind_template_child (widget_class, EoPrintHistory, runs_group);
  gtk_widget_class_bind_template_child (widget_class, EoPrintHistory, spinner);

  gtk_widget_class_install_action (widget_class, "history.print-again", "x", print_again_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eo_print_history_init (EoPrintHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->buttons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

EoPrintHistory *
eo_print_history_new (GtkWindow *parent,
                      EoStore   *store)
{
  EoPrintHistory *self;

  g_return_val_if_fail (EO_IS_STORE (store), NULL);

  self = g_object_new (EO_TYPE_PRINT_HISTORY, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  eo_print_history_reload (self);
  eo_print_history_focus_newest (self);

  return self;
}

guint
eo_print_history_get_n_runs (EoPrintHistory *self)
{
  g_return_val_if_fail (EO_IS_PRINT_HISTORY (self), 0);

  return self->runs != NULL ? self->runs->len : 0;
}

gboolean
eo_print_history_get_loading (EoPrintHistory *self)
{
  g_return_val_if_fail (EO_IS_PRINT_HISTORY (self), FALSE);

  return self->loading;
}

const char *
eo_print_history_get_message (EoPrintHistory *self)
{
  g_return_val_if_fail (EO_IS_PRINT_HISTORY (self), NULL);

  return self->message;
}

GtkWidget *
eo_print_history_get_again_button (EoPrintHistory *self,
                                   gint64          run_id)
{
  g_return_val_if_fail (EO_IS_PRINT_HISTORY (self), NULL);

  return g_hash_table_lookup (self->buttons, &run_id);
}
