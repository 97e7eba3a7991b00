/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-view.c: everything about one order, bound to an EoOrder */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "eo-order-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-order-item.h"
#include "eo-order-item-row.h"

/* The other orders of the customer shown at most; the rest are counted in a last row */
#define CUSTOMER_ORDERS_MAX 20

typedef enum
{
  CUSTOMER_ORDERS_HIDDEN,   /* no e-mail, no cache, or nothing to ask */
  CUSTOMER_ORDERS_LOADING,
  CUSTOMER_ORDERS_FAILED,
  CUSTOMER_ORDERS_SHOWN,    /* the list, or "No other orders" */
} CustomerOrdersState;

struct _EoOrderView
{
  GtkWidget            parent_instance;

  EoOrder             *order;

  /* The other orders of the order's customer */
  EoCustomerOrders    *customer_orders;
  GCancellable        *customer_cancellable;  /* the lookup under way; cancelled by the next */
  AdwPreferencesGroup *customer_orders_group;
  GPtrArray           *customer_rows;         /* the rows in the group */
  CustomerOrdersState  customer_state;
  gint64               customer_for_id;       /* the order they were looked up for */
  char                *customer_for_email;
};

G_DEFINE_FINAL_TYPE (EoOrderView, eo_order_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORDER,
  PROP_CUSTOMER_ORDERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_ORDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
eo_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date_time);

  /* TRANSLATORS: a date and time, see the strftime manual for the codes */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

/* A Russian envelope: postcode, region, city, street address, country, one a line */
char *
eo_format_address (const char *postalcode,
                   const char *region,
                   const char *city,
                   const char *address,
                   const char *country)
{
  const char *parts[] = { postalcode, region, city, address, country };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i] != NULL ? parts[i] : ""));

      if (part[0] == '\0')
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, part);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_set (gpointer    unused,
        const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
has_date (gpointer   unused,
          GDateTime *date_time)
{
  return date_time != NULL;
}

static gboolean
has_money (gpointer unused,
           gint64   kopecks)
{
  return kopecks != EO_MONEY_NONE;
}

static char *
format_money (gpointer unused,
              gint64   kopecks)
{
  return eo_money_format (kopecks);
}

static char *
format_date (gpointer   unused,
             GDateTime *date_time)
{
  return eo_format_date_time (date_time);
}

static char *
format_title (gpointer unused,
              gint64   id)
{
  return g_strdup_printf (_("Order %" PRId64), id);
}

static char *
format_created (gpointer   unused,
                GDateTime *created)
{
  g_autofree char *date = eo_format_date_time (created);

  return g_strdup_printf (_("Placed on %s"), date);
}

char *
eo_format_pay_status (const char *pay_status,
                      gboolean    is_paid)
{
  static const struct {
    const char *service;
    const char *label;
  } known[] = {
    { "paid", N_("Paid") },
    { "waiting", N_("Awaiting payment") },
    { "cancel", N_("Cancelled") },
    { "cancelled", N_("Cancelled") },
    { "sent", N_("Sent") },
    { "return", N_("Returned") },
    { "returned", N_("Returned") },
  };

  if (pay_status != NULL && pay_status[0] != '\0')
    {
      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (g_ascii_strcasecmp (pay_status, known[i].service) == 0)
          return g_strdup (_(known[i].label));

      return g_strdup (pay_status);
    }

  return g_strdup (is_paid ? _("Paid") : _("Not paid"));
}

static char *
format_pay_status (gpointer    unused,
                   const char *pay_status,
                   gboolean    is_paid)
{
  return eo_format_pay_status (pay_status, is_paid);
}

static GStrv
pay_status_classes (gpointer unused,
                    gboolean is_paid)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "status-badge");
  g_strv_builder_add (builder, is_paid ? "paid" : "unpaid");

  return g_strv_builder_end (builder);
}

static char *
format_address (gpointer    unused,
                const char *postalcode,
                const char *region,
                const char *city,
                const char *address,
                const char *country)
{
  return eo_format_address (postalcode, region, city, address, country);
}

static char *
format_prepayment (gpointer unused,
                   gint64   minsum)
{
  g_autofree char *money = NULL;

  if (minsum == EO_MONEY_NONE || minsum <= 0)
    return g_strdup (_("Allowed"));

  money = eo_money_format (minsum);

  return g_strdup_printf (_("Allowed, at least %s"), money);
}

static char *
format_item_count (gpointer    unused,
                   GListModel *items)
{
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product", "%u products", n_items),
                          n_items);
}

/* A list view in a scroller only measures the rows it has made, so the scroller asks for the room
 * the first few rows take: a title line, the list price, the PIN and a line a partner */
static int
items_min_height (gpointer    unused,
                  GListModel *items)
{
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;
  int height = 0;

  for (guint i = 0; i < MIN (n_items, 6); i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      gint64 price = eo_order_item_get_price (item);

      height += 42;
      if (price != EO_MONEY_NONE && price != eo_order_item_get_sum (item))
        height += 18;
      if (eo_order_item_get_pincode (item)[0] != '\0')
        height += 36;
      height += 18 * (int) MIN (g_list_model_get_n_items (eo_order_item_get_partners (item)), 4);
    }

  return MIN (height, 560);
}

static gboolean
customer_visible (gpointer  unused,
                  EoOrder  *order)
{
  return order != NULL &&
         (eo_order_get_full_name (order)[0] != '\0' ||
          eo_order_get_email (order)[0] != '\0' ||
          eo_order_get_phone (order)[0] != '\0');
}

static gboolean
address_visible (gpointer  unused,
                 EoOrder  *order)
{
  g_autofree char *address = NULL;

  if (order == NULL)
    return FALSE;

  address = eo_format_address (eo_order_get_postalcode (order),
                               eo_order_get_region (order),
                               eo_order_get_city (order),
                               eo_order_get_address (order),
                               eo_order_get_country (order));

  return address[0] != '\0';
}

static gboolean
items_visible (gpointer  unused,
               EoOrder  *order)
{
  return order != NULL && g_list_model_get_n_items (eo_order_get_items (order)) > 0;
}

static gboolean
marketing_visible (gpointer  unused,
                   EoOrder  *order)
{
  const char *fields[9];

  if (order == NULL)
    return FALSE;

  fields[0] = eo_order_get_utm_source (order);
  fields[1] = eo_order_get_utm_medium (order);
  fields[2] = eo_order_get_utm_campaign (order);
  fields[3] = eo_order_get_utm_content (order);
  fields[4] = eo_order_get_utm_term (order);
  fields[5] = eo_order_get_tag (order);
  fields[6] = eo_order_get_kupon (order);
  fields[7] = eo_order_get_domain (order);
  fields[8] = eo_order_get_order_type (order);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i][0] != '\0')
      return TRUE;

  return FALSE;
}

static gboolean
comment_visible (gpointer  unused,
                 EoOrder  *order)
{
  return order != NULL && eo_order_get_comment (order)[0] != '\0';
}

static void
eo_order_view_copy (EoOrderView *self,
                    const char  *text,
                    const char  *message)
{
  if (text == NULL || text[0] == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
copy_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);

  if (self->order != NULL)
    eo_order_view_copy (self, eo_order_get_email (self->order), _("E-mail copied"));
}

static void
copy_phone_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);

  if (self->order != NULL)
    eo_order_view_copy (self, eo_order_get_phone (self->order), _("Phone number copied"));
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);
  g_autofree char *address = NULL;

  if (self->order == NULL)
    return;

  address = eo_format_address (eo_order_get_postalcode (self->order),
                               eo_order_get_region (self->order),
                               eo_order_get_city (self->order),
                               eo_order_get_address (self->order),
                               eo_order_get_country (self->order));
  eo_order_view_copy (self, address, _("Address copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);

  if (self->order != NULL)
    eo_order_view_copy (self, eo_order_get_link (self->order), _("Payment link copied"));
}

static void
eo_order_view_show_uri (EoOrderView *self,
                        const char  *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);
  const char *link;

  if (self->order == NULL)
    return;

  link = eo_order_get_link (self->order);

  /* Only web links from the service are opened, never other schemes */
  if (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://"))
    eo_order_view_show_uri (self, link);
}

static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EoOrderView *self = EO_ORDER_VIEW (widget);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  if (self->order == NULL || eo_order_get_email (self->order)[0] == '\0')
    return;

  escaped = g_uri_escape_string (eo_order_get_email (self->order), "@", FALSE);
  uri = g_strconcat ("mailto:", escaped, NULL);
  eo_order_view_show_uri (self, uri);
}

/* The other orders of the customer ---------------------------------------------------------- */

static void
customer_orders_clear_rows (EoOrderView *self)
{
  for (guint i = 0; i < self->customer_rows->len; i++)
    adw_preferences_group_remove (self->customer_orders_group, self->customer_rows->pdata[i]);
  g_ptr_array_set_size (self->customer_rows, 0);
}

static void
customer_orders_add_row (EoOrderView *self,
                         GtkWidget   *row)
{
  g_ptr_array_add (self->customer_rows, row);
  adw_preferences_group_add (self->customer_orders_group, row);
}

static void
customer_orders_set_state (EoOrderView         *self,
                           CustomerOrdersState  state)
{
  self->customer_state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->customer_orders_group),
                          state != CUSTOMER_ORDERS_HIDDEN);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->customer_orders_group),
                               GTK_ACCESSIBLE_STATE_BUSY, state == CUSTOMER_ORDERS_LOADING, -1);
}

/* A row with a title only, not activatable: the loading, empty and "more" rows */
static GtkWidget *
customer_orders_message_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return row;
}

static void
customer_orders_show_loading (EoOrderView *self)
{
  const char *title = _("Looking for the customer’s other orders…");
  GtkWidget *row = customer_orders_message_row (title);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_widget_add_css_class (row, "dim-label");

  customer_orders_clear_rows (self);
  customer_orders_add_row (self, row);
  customer_orders_set_state (self, CUSTOMER_ORDERS_LOADING);
}

static void customer_orders_start (EoOrderView *self,
                                   gboolean     force);

static void
customer_orders_retry_cb (GtkButton   *button,
                          EoOrderView *self)
{
  customer_orders_start (self, TRUE);
}

static void
customer_orders_show_error (EoOrderView  *self,
                            const GError *error)
{
  const char *title = _("The other orders could not be loaded");
  g_autofree char *label = g_strdup_printf ("%s: %s", title, error->message);
  GtkWidget *row = customer_orders_message_row (title);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Retry"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Look for the customer’s other orders again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Retry Loading the Other Orders"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (customer_orders_retry_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  customer_orders_clear_rows (self);
  customer_orders_add_row (self, row);
  customer_orders_set_state (self, CUSTOMER_ORDERS_FAILED);
}

static void
customer_order_row_activated_cb (AdwActionRow *row,
                                 EoOrderView  *self)
{
  EoOrder *order = g_object_get_data (G_OBJECT (row), "eo-order");

  g_signal_emit (self, signals[OPEN_ORDER], 0, eo_order_get_id (order));
}

/* As eo_format_date_time, but the day not padded: the date starts a line */
static char *
format_row_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date_time);

  /* TRANSLATORS: a date and time, see the strftime manual for the codes */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static GtkWidget *
customer_order_row_new (EoOrderView *self,
                        EoOrder     *order)
{
  gint64 price = eo_order_get_price (order);
  g_autofree char *title = g_strdup_printf (_("Order %" PRId64), eo_order_get_id (order));
  g_autofree char *date = format_row_date (eo_order_get_created (order));
  g_autofree char *status = eo_format_pay_status (eo_order_get_pay_status (order),
                                                  eo_order_get_is_paid (order));
  g_autofree char *sum = price != EO_MONEY_NONE ? eo_money_format (price) : g_strdup ("");
  g_autoptr(GString) label = g_string_new (title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status_label = gtk_label_new (status);
  GtkWidget *sum_label = gtk_label_new (sum);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open this order"));

  gtk_widget_set_valign (status_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status_label, "status-badge");
  gtk_widget_add_css_class (status_label, eo_order_get_is_paid (order) ? "paid" : "unpaid");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_label);

  gtk_widget_set_valign (sum_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (sum_label, sum[0] != '\0');
  gtk_widget_add_css_class (sum_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sum_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  /* "Order 3005, 12 Mar 2026, 10:00, Paid, 4 990,00 ₽" for a screen reader */
  for (guint i = 0; i < 3; i++)
    {
      const char *part = i == 0 ? date : i == 1 ? status : sum;

      if (part[0] != '\0')
        g_string_append_printf (label, ", %s", part);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Open this order"), -1);

  g_object_set_data_full (G_OBJECT (row), "eo-order", g_object_ref (order), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (customer_order_row_activated_cb), self,
                           0);

  return row;
}

static void
customer_orders_show (EoOrderView *self,
                      GPtrArray   *orders)
{
  guint n_shown = 0;
  guint n_other = 0;

  customer_orders_clear_rows (self);

  for (guint i = 0; i < orders->len; i++)
    {
      EoOrder *order = orders->pdata[i];

      if (eo_order_get_id (order) == self->customer_for_id)
        continue;

      n_other++;
      if (n_shown < CUSTOMER_ORDERS_MAX)
        {
          customer_orders_add_row (self, customer_order_row_new (self, order));
          n_shown++;
        }
    }

  if (n_other == 0)
    customer_orders_add_row (self, customer_orders_message_row (_("No other orders")));
  else if (n_other > n_shown)
    {
      g_autofree char *more = NULL;

      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u older order",
                                           "And %u older orders", n_other - n_shown),
                              n_other - n_shown);
      customer_orders_add_row (self, customer_orders_message_row (more));
    }

  customer_orders_set_state (self, CUSTOMER_ORDERS_SHOWN);
}

static void
customer_orders_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EoOrderView) self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  orders = eo_customer_orders_lookup_finish (EO_CUSTOMER_ORDERS (object), result, &error);

  /* Another order shown since, or the view went */
  if (cancellable != self->customer_cancellable || g_cancellable_is_cancelled (cancellable))
    return;

  g_clear_object (&self->customer_cancellable);

  /* The shop changed under it (its answers were dropped), or it has no account yet: nothing to
   * show for this order */
  if (eo_error_is_cancelled (error) || g_error_matches (error, EO_ERROR, EO_ERROR_NO_ACCOUNT))
    {
      customer_orders_clear_rows (self);
      customer_orders_set_state (self, CUSTOMER_ORDERS_HIDDEN);
      return;
    }

  if (orders == NULL)
    customer_orders_show_error (self, error);
  else
    customer_orders_show (self, orders);
}

/* Looks the customer's other orders up for the order shown; force: even when they are shown
 * for it already */
static void
customer_orders_start (EoOrderView *self,
                       gboolean     force)
{
  const char *email = self->order != NULL ? eo_order_get_email (self->order) : "";
  gint64 id = self->order != NULL ? eo_order_get_id (self->order) : 0;

  /* Disposed */
  if (self->customer_rows == NULL)
    return;

  /* The same order again (a refresh): what is shown stays */
  if (!force && self->customer_state != CUSTOMER_ORDERS_HIDDEN &&
      self->customer_state != CUSTOMER_ORDERS_FAILED && id == self->customer_for_id &&
      g_strcmp0 (email, self->customer_for_email) == 0)
    return;

  g_cancellable_cancel (self->customer_cancellable);
  g_clear_object (&self->customer_cancellable);
  self->customer_for_id = id;
  g_free (self->customer_for_email);
  self->customer_for_email = g_strdup (email);

  if (self->customer_orders == NULL || self->order == NULL || strchr (email, '@') == NULL)
    {
      customer_orders_clear_rows (self);
      customer_orders_set_state (self, CUSTOMER_ORDERS_HIDDEN);
      return;
    }

  /* A kept answer comes at once: no spinner flashing meanwhile */
  if (!eo_customer_orders_is_cached (self->customer_orders, email))
    customer_orders_show_loading (self);

  self->customer_cancellable = g_cancellable_new ();
  eo_customer_orders_lookup_async (self->customer_orders, email, self->customer_cancellable,
                                   customer_orders_cb, g_object_ref (self));
}

static void
eo_order_view_dispose (GObject *object)
{
  EoOrderView *self = EO_ORDER_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->customer_cancellable);
  g_clear_object (&self->customer_cancellable);
  g_clear_pointer (&self->customer_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_ORDER_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->order);
  g_clear_object (&self->customer_orders);
  g_clear_pointer (&self->customer_for_email, g_free);

  G_OBJECT_CLASS (eo_order_view_parent_class)->dispose (object);
}

static void
eo_order_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EoOrderView *self = EO_ORDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_CUSTOMER_ORDERS:
      g_value_set_object (value, self->customer_orders);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EoOrderView *self = EO_ORDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      eo_order_view_set_order (self, g_value_get_object (value));
      break;

    case PROP_CUSTOMER_ORDERS:
      eo_order_view_set_customer_orders (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_view_class_init (EoOrderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_order_view_dispose;
  object_class->get_property = eo_order_view_get_property;
  object_class->set_property = eo_order_view_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ORDERS] =
    g_param_spec_object ("customer-orders", NULL, NULL,
                         EO_TYPE_CUSTOMER_ORDERS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An order of the list of the customer's other orders was activated */
  signals[OPEN_ORDER] =
    g_signal_new ("open-order",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (EO_TYPE_ORDER);
  g_type_ensure (EO_TYPE_ORDER_ITEM_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-order-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EoOrderView, customer_orders_group);
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, has_date);
  gtk_widget_class_bind_template_callback (widget_class, has_money);
  gtk_widget_class_bind_template_callback (widget_class, format_money);
  gtk_widget_class_bind_template_callback (widget_class, format_date);
  gtk_widget_class_bind_template_callback (widget_class, format_title);
  gtk_widget_class_bind_template_callback (widget_class, format_created);
  gtk_widget_class_bind_template_callback (widget_class, format_pay_status);
  gtk_widget_class_bind_template_callback (widget_class, pay_status_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_address);
  gtk_widget_class_bind_template_callback (widget_class, format_prepayment);
  gtk_widget_class_bind_template_callback (widget_class, format_item_count);
  gtk_widget_class_bind_template_callback (widget_class, items_min_height);
  gtk_widget_class_bind_template_callback (widget_class, customer_visible);
  gtk_widget_class_bind_template_callback (widget_class, address_visible);
  gtk_widget_class_bind_template_callback (widget_class, items_visible);
  gtk_widget_class_bind_template_callback (widget_class, marketing_visible);
  gtk_widget_class_bind_template_callback (widget_class, comment_visible);

  gtk_widget_class_install_action (widget_class, "order.copy-email", NULL, copy_email_action);
  gtk_widget_class_install_action (widget_class, "order.copy-phone", NULL, copy_phone_action);
  gtk_widget_class_install_action (widget_class, "order.copy-address", NULL, copy_address_action);
  gtk_widget_class_install_action (widget_class, "order.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "order.open-link", NULL, open_link_action);
  gtk_widget_class_install_action (widget_class, "order.write-email", NULL, write_email_action);
}

static void
eo_order_view_init (EoOrderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->customer_rows = g_ptr_array_new ();
}

GtkWidget *
eo_order_view_new (void)
{
  return g_object_new (EO_TYPE_ORDER_VIEW, NULL);
}

EoOrder *
eo_order_view_get_order (EoOrderView *self)
{
  g_return_val_if_fail (EO_IS_ORDER_VIEW (self), NULL);

  return self->order;
}

void
eo_order_view_set_order (EoOrderView *self,
                         EoOrder     *order)
{
  g_return_if_fail (EO_IS_ORDER_VIEW (self));
  g_return_if_fail (order == NULL || EO_IS_ORDER (order));

  if (g_set_object (&self->order, order))
    {
      customer_orders_start (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
    }
}

EoCustomerOrders *
eo_order_view_get_customer_orders (EoOrderView *self)
{
  g_return_val_if_fail (EO_IS_ORDER_VIEW (self), NULL);

  return self->customer_orders;
}

void
eo_order_view_set_customer_orders (EoOrderView      *self,
                                   EoCustomerOrders *customer_orders)
{
  g_return_if_fail (EO_IS_ORDER_VIEW (self));
  g_return_if_fail (customer_orders == NULL || EO_IS_CUSTOMER_ORDERS (customer_orders));

  if (g_set_object (&self->customer_orders, customer_orders))
    {
      customer_orders_start (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ORDERS]);
    }
}

void
eo_order_view_reload_customer_orders (EoOrderView *self)
{
  g_return_if_fail (EO_IS_ORDER_VIEW (self));

  customer_orders_start (self, TRUE);
}

gboolean
eo_order_view_get_customer_orders_loading (EoOrderView *self)
{
  g_return_val_if_fail (EO_IS_ORDER_VIEW (self), FALSE);

  return self->customer_state == CUSTOMER_ORDERS_LOADING || self->customer_cancellable != NULL;
}
