/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-item-row.c: one line of an order in the order view's item list */
#include "config.h"

#include "eo-order-item-row.h"

#include <glib/gi18n.h>

#include "eo-order.h"
#include "eo-partner.h"

struct _EoOrderItemRow
{
  GtkWidget    parent_instance;

  EoOrderItem *item;
};

G_DEFINE_FINAL_TYPE (EoOrderItemRow, eo_order_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (gpointer    unused,
        const char *text)
{
  return text != NULL && text[0] != '\0';
}

static char *
format_title (gpointer    unused,
              const char *title,
              const char *id)
{
  if (title != NULL && title[0] != '\0')
    return g_strdup (title);

  if (id != NULL && id[0] != '\0')
    return g_strdup_printf (_("Product %s"), id);

  return g_strdup (_("Untitled product"));
}

static char *
format_money (gpointer unused,
              gint64   kopecks)
{
  return eo_money_format (kopecks);
}

static char *
format_list_price (gpointer unused,
                   gint64   kopecks)
{
  g_autofree char *money = eo_money_format (kopecks);

  /* TRANSLATORS: the product's list price, shown when the customer paid another amount */
  return g_strdup_printf (_("List price %s"), money);
}

static gboolean
prices_differ (gpointer unused,
               gint64   sum,
               gint64   price)
{
  return price != EO_MONEY_NONE && sum != price;
}

static gboolean
has_partners (gpointer    unused,
              GListModel *partners)
{
  return partners != NULL && g_list_model_get_n_items (partners) > 0;
}

static char *
format_partners (gpointer    unused,
                 GListModel *partners)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_items = partners != NULL ? g_list_model_get_n_items (partners) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoPartner) partner = g_list_model_get_item (partners, i);
      g_autofree char *fee = eo_money_format (eo_partner_get_fee (partner));
      const char *name = eo_partner_get_name (partner);

      if (name[0] == '\0')
        name = eo_partner_get_partner_id (partner);

      if (text->len > 0)
        g_string_append_c (text, '\n');

      if (fee[0] != '\0')
        /* TRANSLATORS: a partner credited for a product: level, name, fee */
        g_string_append_printf (text, _("Partner, level %d: %s, fee %s"),
                                eo_partner_get_level (partner), name, fee);
      else
        /* TRANSLATORS: a partner credited for a product: level, name */
        g_string_append_printf (text, _("Partner, level %d: %s"),
                                eo_partner_get_level (partner), name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
copy_pin_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EoOrderItemRow *self = EO_ORDER_ITEM_ROW (widget);

  if (self->item == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          eo_order_item_get_pincode (self->item));
  gtk_widget_activate_action (widget, "win.show-toast", "s", _("PIN copied"));
}

static void
eo_order_item_row_dispose (GObject *object)
{
  EoOrderItemRow *self = EO_ORDER_ITEM_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_ORDER_ITEM_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (eo_order_item_row_parent_class)->dispose (object);
}

static void
eo_order_item_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EoOrderItemRow *self = EO_ORDER_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_item_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EoOrderItemRow *self = EO_ORDER_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      eo_order_item_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_item_row_class_init (EoOrderItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_order_item_row_dispose;
  object_class->get_property = eo_order_item_row_get_property;
  object_class->set_property = eo_order_item_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         EO_TYPE_ORDER_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EO_TYPE_ORDER_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-order-item-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, format_title);
  gtk_widget_class_bind_template_callback (widget_class, format_money);
  gtk_widget_class_bind_template_callback (widget_class, format_list_price);
  gtk_widget_class_bind_template_callback (widget_class, prices_differ);
  gtk_widget_class_bind_template_callback (widget_class, has_partners);
  gtk_widget_class_bind_template_callback (widget_class, format_partners);

  gtk_widget_class_install_action (widget_class, "item.copy-pin", NULL, copy_pin_action);
}

static void
eo_order_item_row_init (EoOrderItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EoOrderItem *
eo_order_item_row_get_item (EoOrderItemRow *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM_ROW (self), NULL);

  return self->item;
}

void
eo_order_item_row_set_item (EoOrderItemRow *self,
                            EoOrderItem    *item)
{
  g_return_if_fail (EO_IS_ORDER_ITEM_ROW (self));
  g_return_if_fail (item == NULL || EO_IS_ORDER_ITEM (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
