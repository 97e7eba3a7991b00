/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-summary.c: the order a dialog acts on, for a last look: number, customer, address */

#include "config.h"

#include "eo-order-summary.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "eo-order-view.h"

struct _EoOrderSummary
{
  AdwPreferencesGroup  parent_instance;

  EoOrder             *order;

  GtkLabel            *name_label;
  GtkLabel            *address_label;
};

G_DEFINE_FINAL_TYPE (EoOrderSummary, eo_order_summary, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

EoOrder *
eo_order_summary_get_order (EoOrderSummary *self)
{
  g_return_val_if_fail (EO_IS_ORDER_SUMMARY (self), NULL);

  return self->order;
}

void
eo_order_summary_set_order (EoOrderSummary *self,
                            EoOrder        *order)
{
  g_return_if_fail (EO_IS_ORDER_SUMMARY (self));
  g_return_if_fail (order == NULL || EO_IS_ORDER (order));

  g_autofree char *title = NULL;
  g_autofree char *address = NULL;

  if (!g_set_object (&self->order, order))
    return;

  if (order != NULL)
    {
      title = g_strdup_printf (_("Order %" PRId64), eo_order_get_id (order));
      address = eo_format_address (eo_order_get_postalcode (order), eo_order_get_region (order),
                                   eo_order_get_city (order), eo_order_get_address (order),
                                   eo_order_get_country (order));
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title != NULL ? title : "");
  gtk_label_set_label (self->name_label, order != NULL ? eo_order_get_full_name (order) : "");
  gtk_label_set_label (self->address_label, address != NULL ? address : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

static void
eo_order_summary_dispose (GObject *object)
{
  EoOrderSummary *self = EO_ORDER_SUMMARY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_ORDER_SUMMARY);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (eo_order_summary_parent_class)->dispose (object);
}

static void
eo_order_summary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EoOrderSummary *self = EO_ORDER_SUMMARY (object);

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
eo_order_summary_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EoOrderSummary *self = EO_ORDER_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      eo_order_summary_set_order (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_summary_class_init (EoOrderSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_order_summary_dispose;
  object_class->get_property = eo_order_summary_get_property;
  object_class->set_property = eo_order_summary_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EO_TYPE_ORDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-order-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, EoOrderSummary, name_label);
  gtk_widget_class_bind_template_child (widget_class, EoOrderSummary, address_label);
}

static void
eo_order_summary_init (EoOrderSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
