/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window-lookup.c: the main window looks orders up: in the shop, in the history, recent */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-window-private.h"

#include "eo-error.h"
#include "eo-recent-row.h"

static GtkWidget *
create_saved_row (gpointer item,
                  gpointer user_data)
{
  return eo_recent_row_new (item);
}

void
_eo_window_saved_row_activated (EoWindow      *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  EoStoredOrder *order = eo_recent_row_get_order (EO_RECENT_ROW (row));

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  _eo_window_lookup (self, eo_stored_order_get_bill_id (order), FALSE);
}

static void
eo_window_recent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GError) error = NULL;

  recent = eo_store_recent_orders_finish (EO_STORE (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (recent == NULL)
    {
      g_warning ("The recent orders could not be read: %s", error->message);
      return;
    }

  _eo_window_ensure_pages (self);
  gtk_list_box_bind_model (self->recent_list, recent, create_saved_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    g_list_model_get_n_items (recent) > 0 ? "list" : "empty");
}

void
_eo_window_reload_recent (EoWindow *self)
{
  if (self->store != NULL)
    eo_store_recent_orders_async (self->store, 100, self->cancellable,
                                  eo_window_recent_cb, g_object_ref (self));
}

static void
eo_window_search_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  found = eo_store_search_finish (EO_STORE (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  g_clear_object (&self->lookup_cancellable);

  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The saved orders could not be searched: %s"),
                                                  error->message);
      eo_window_show_toast (self, message);
      return;
    }

  n = g_list_model_get_n_items (found);
  if (n == 0)
    text = g_strdup_printf (_("No saved order matches “%s”"),
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    text = g_strdup_printf (ngettext ("%u saved order matches “%s”",
                                      "%u saved orders match “%s”", n),
                            n, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  _eo_window_ensure_pages (self);
  gtk_label_set_label (self->results_label, text);
  gtk_list_box_bind_model (self->results_list, found, create_saved_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), n > 0);
  _eo_window_set_page (self, "results");
}

/* Searches the history, offline: names, phone, e-mail, city, tracking number */
static void
eo_window_search_history (EoWindow   *self,
                          const char *text)
{
  if (self->store == NULL)
    {
      eo_window_show_toast (self, _("The saved orders are not open yet; try again in a moment"));
      return;
    }

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  eo_store_search_async (self->store, text, 200, self->lookup_cancellable,
                         eo_window_search_cb, g_object_ref (self));
}

/* What the error page says: a short title; the description is the error's own message */
static const char *
eo_window_error_title (const GError *error)
{
  if (error->domain == EO_ERROR)
    {
      switch ((EoError) error->code)
        {
        case EO_ERROR_NO_SUCH_ORDER:
        case EO_ERROR_WRONG_DATA:
          return _("No Such Order");
        case EO_ERROR_NETWORK:
        case EO_ERROR_TIMEOUT:
          return _("No Connection");
        case EO_ERROR_TLS:
          return _("Untrusted Connection");
        case EO_ERROR_WRONG_KEY:
        case EO_ERROR_BAD_SIGNATURE:
          return _("Wrong API Key");
        case EO_ERROR_WRONG_LOGIN:
          return _("Wrong Login");
        case EO_ERROR_IP_DENIED:
          return _("Access Denied");
        case EO_ERROR_ACCOUNT_DISABLED:
          return _("Account Disabled");
        case EO_ERROR_RATE_LIMITED:
          return _("Too Many Requests");
        default:
          break;
        }
    }

  return _("The Order Could Not Be Loaded");
}

/* The lookup's answer: the saved copy, then the shop's (see EoOrderLookup) */
static void
eo_window_lookup_order_cb (EoWindow      *self,
                           GParamSpec    *pspec,
                           EoOrderLookup *lookup)
{
  EoOrder *order = eo_order_lookup_get_order (lookup);

  /* While loading, the old order has gone; the loading page is up meanwhile */
  _eo_window_set_order (self, order);
  if (order != NULL)
    _eo_window_set_page (self, "order");
}

static void
eo_window_lookup_state_cb (EoWindow      *self,
                           GParamSpec    *pspec,
                           EoOrderLookup *lookup)
{
  const GError *error = eo_order_lookup_get_error (lookup);
  g_autofree char *description = NULL;

  if (eo_order_lookup_get_state (lookup) != EO_ORDER_LOOKUP_FAILED)
    return;

  if (eo_order_lookup_get_order (lookup) != NULL)
    {
      g_autofree char *message = NULL;

      /* The order on screen (or its saved copy) stays; only its refresh failed */
      message = g_strdup_printf (_("Order %" PRId64 " could not be refreshed: %s"),
                                 self->bill_id, error->message);
      eo_window_show_toast (self, message);
      return;
    }

  description = g_strdup_printf (_("Order %" PRId64 ": %s"), self->bill_id, error->message);
  _eo_window_ensure_pages (self);
  adw_status_page_set_title (self->error_page, eo_window_error_title (error));
  adw_status_page_set_description (self->error_page, description);
  _eo_window_set_order (self, NULL);
  _eo_window_set_page (self, "error");
}

static void
eo_window_lookup_saved_cb (EoWindow      *self,
                           const GError  *error,
                           EoOrderLookup *lookup)
{
  if (error != NULL)
    {
      g_warning ("The order could not be saved: %s", error->message);
      return;
    }

  _eo_window_reload_recent (self);
}

/* A scanner set to end its codes with a line feed instead of Enter: the same as Enter */
static gboolean
search_key_pressed_cb (EoWindow              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Linefeed)
    return FALSE;

  _eo_window_search_activate (self, self->search_entry);
  return TRUE;
}

void
_eo_window_lookup_init (EoWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  self->lookup = eo_order_lookup_new (self->client, self->store);
  g_signal_connect_object (self->lookup, "notify::order",
                           G_CALLBACK (eo_window_lookup_order_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lookup, "notify::state",
                           G_CALLBACK (eo_window_lookup_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lookup, "saved",
                           G_CALLBACK (eo_window_lookup_saved_cb), self, G_CONNECT_SWAPPED);
}

/* keep_view: refresh the order shown without replacing it by the loading page */
void
_eo_window_lookup (EoWindow *self,
                   gint64    bill_id,
                   gboolean  keep_view)
{
  EoOrderLookupFlags flags = EO_ORDER_LOOKUP_SAVED_FIRST;

  g_assert (EO_IS_WINDOW (self));
  g_assert (bill_id > 0);

  /* A search of the history under way is superseded too */
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  self->bill_id = bill_id;
  _eo_window_actions_update (self);

  if (keep_view)
    flags = EO_ORDER_LOOKUP_KEEP_ORDER;
  else
    {
      g_autofree char *text = g_strdup_printf (_("Loading order %" PRId64 "…"), bill_id);

      _eo_window_ensure_pages (self);
      gtk_label_set_label (self->loading_label, text);
      _eo_window_set_page (self, "loading");
    }

  /* Before the account is known the shop cannot be asked: the saved copy meanwhile, and the
   * shop once the window is ready */
  if (!self->ready)
    {
      self->pending_bill_id = bill_id;
      flags = EO_ORDER_LOOKUP_SAVED_ONLY;
    }
  else
    self->pending_bill_id = 0;

  eo_order_lookup_run (self->lookup, bill_id, flags);
}

void
eo_window_open_order (EoWindow *self,
                      gint64    bill_id)
{
  g_return_if_fail (EO_IS_WINDOW (self));
  g_return_if_fail (bill_id > 0);

  _eo_window_lookup (self, bill_id, FALSE);
}

/* Digits only, after dropping spaces and a leading '#'; 0 when it is not an order number */
static gint64
eo_window_parse_bill_id (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || (*p == '#' && digits->len == 0))
        continue;
      if (!g_ascii_isdigit (*p))
        return 0;
      g_string_append_c (digits, *p);
    }

  if (digits->len == 0 || digits->len > 18)
    return 0;

  if (!g_ascii_string_to_unsigned (digits->str, 10, 1, G_MAXINT64, &value, NULL))
    return 0;

  return (gint64) value;
}

void
_eo_window_search_changed (EoWindow       *self,
                           GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] != '\0' && eo_window_parse_bill_id (text) == 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                 _("Press Enter to search the saved orders"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                 _("Type an order number and press Enter"));
}

void
_eo_window_search_activate (EoWindow       *self,
                            GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gint64 bill_id;

  if (text[0] == '\0')
    return;

  bill_id = eo_window_parse_bill_id (text);

  if (bill_id == 0)
    {
      eo_window_search_history (self, text);
      return;
    }

  _eo_window_lookup (self, bill_id, FALSE);
}

void
_eo_window_search_stop (EoWindow       *self,
                        GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}
