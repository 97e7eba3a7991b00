/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-view.c: everything about one order, bound to an EoOrder */
#include "config.h"

#include <inttypes.h>

#include "eo-order-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eo-order-item.h"
#include "eo-order-item-row.h"

struct _EoOrderView
{
  GtkWidget  parent_instance;

  EoOrder   *order;
};

G_DEFINE_FINAL_TYPE (EoOrderView, eo_order_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static char *
format_pay_status (gpointer    unused,
                   const char *pay_status,
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

static void
eo_order_view_dispose (GObject *object)
{
  EoOrderView *self = EO_ORDER_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_ORDER_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->order);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EO_TYPE_ORDER);
  g_type_ensure (EO_TYPE_ORDER_ITEM_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-order-view.ui");
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}
