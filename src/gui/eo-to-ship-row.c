/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-row.c: an order of the "To Ship" list, with its check box for the selection */
#include "config.h"

#include "eo-to-ship-row.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-money.h"

struct _EoToShipRow
{
  GtkListBoxRow  parent_instance;

  EoToShipOrder *order;

  GtkCheckButton *check;
  GtkLabel       *title_label;
  GtkLabel       *place_label;
  GtkLabel       *sending_label;
  GtkLabel       *sum_label;
  GtkLabel       *details_label;
};

G_DEFINE_FINAL_TYPE (EoToShipRow, eo_to_ship_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ORDER,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
eo_to_ship_row_format_title (EoToShipOrder *order)
{
  const char *name = eo_to_ship_order_get_full_name (order);

  if (name[0] != '\0')
    return g_strdup_printf (_("%" PRId64 " · %s"), eo_to_ship_order_get_bill_id (order), name);

  return g_strdup_printf (_("Order %" PRId64), eo_to_ship_order_get_bill_id (order));
}

char *
eo_to_ship_row_format_place (EoToShipOrder *order)
{
  const char *city = eo_to_ship_order_get_city (order);
  const char *postcode = eo_to_ship_order_get_postalcode (order);

  if (city[0] != '\0' && postcode[0] != '\0')
    /* Translators: a city and its postcode */
    return g_strdup_printf (_("%s, %s"), city, postcode);
  if (city[0] != '\0' || postcode[0] != '\0')
    return g_strdup (city[0] != '\0' ? city : postcode);

  return g_strdup (eo_to_ship_order_get_address (order));
}

/* "paid 2 Dec" (or "made" when the shop gave no payment date) */
static char *
format_date (EoToShipOrder *order)
{
  gint64 paid_at = eo_to_ship_order_get_paid_at (order);
  gint64 at = paid_at != 0 ? paid_at : eo_to_ship_order_get_created_at (order);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  if (at == 0)
    return NULL;

  utc = g_date_time_new_from_unix_utc (at);
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, _("%-d %b %Y"));

  return paid_at != 0 ? g_strdup_printf (_("paid %s"), day) : g_strdup_printf (_("made %s"), day);
}

static void
eo_to_ship_row_constructed (GObject *object)
{
  EoToShipRow *self = EO_TO_SHIP_ROW (object);
  g_autofree char *title = NULL;
  g_autofree char *place = NULL;
  g_autofree char *date = NULL;
  g_autofree char *items = NULL;
  g_autofree char *details = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *check_label = NULL;
  gint64 n_items;
  gboolean sending;

  G_OBJECT_CLASS (eo_to_ship_row_parent_class)->constructed (object);

  g_return_if_fail (self->order != NULL);

  title = eo_to_ship_row_format_title (self->order);
  place = eo_to_ship_row_format_place (self->order);
  date = format_date (self->order);
  n_items = eo_to_ship_order_get_item_count (self->order);
  items = g_strdup_printf (ngettext ("%" PRId64 " item", "%" PRId64 " items", n_items), n_items);
  details = date != NULL ? g_strdup_printf ("%s · %s", items, date) : g_strdup (items);
  sum = eo_to_ship_order_get_total (self->order) != EO_MONEY_NONE
          ? eo_money_format (eo_to_ship_order_get_total (self->order))
          : g_strdup ("");
  sending = eo_to_ship_order_get_sending (self->order);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->place_label, place);
  gtk_label_set_label (self->sum_label, sum);
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->sending_label), sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), !sending);

  /* A screen reader reads the number and the customer first, then the rest */
  label = g_strdup_printf (_("Order %" PRId64 ", %s"), eo_to_ship_order_get_bill_id (self->order),
                           eo_to_ship_order_get_full_name (self->order));
  description = g_strdup_printf ("%s%s%s · %s · %s", sending ? _("Sending") : "",
                                 sending ? " · " : "", place, details, sum);
  check_label = g_strdup_printf (_("Select order %" PRId64),
                                 eo_to_ship_order_get_bill_id (self->order));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check), check_label);
}

static void
check_toggled_cb (EoToShipRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

static void
eo_to_ship_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EO_TYPE_TO_SHIP_ROW);

  G_OBJECT_CLASS (eo_to_ship_row_parent_class)->dispose (object);
}

static void
eo_to_ship_row_finalize (GObject *object)
{
  EoToShipRow *self = EO_TO_SHIP_ROW (object);

  g_clear_object (&self->order);

  G_OBJECT_CLASS (eo_to_ship_row_parent_class)->finalize (object);
}

static void
eo_to_ship_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EoToShipRow *self = EO_TO_SHIP_ROW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, eo_to_ship_row_get_checked (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_to_ship_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EoToShipRow *self = EO_TO_SHIP_ROW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      self->order = g_value_dup_object (value);
      break;

    case PROP_CHECKED:
      eo_to_ship_row_set_checked (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_to_ship_row_class_init (EoToShipRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eo_to_ship_row_constructed;
  object_class->dispose = eo_to_ship_row_dispose;
  object_class->finalize = eo_to_ship_row_finalize;
  object_class->get_property = eo_to_ship_row_get_property;
  object_class->set_property = eo_to_ship_row_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_TO_SHIP_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-to-ship-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, check);
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, sending_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, sum_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipRow, details_label);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
}

static void
eo_to_ship_row_init (EoToShipRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eo_to_ship_row_new (EoToShipOrder *order)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (order), NULL);

  return g_object_new (EO_TYPE_TO_SHIP_ROW, "order", order, NULL);
}

EoToShipOrder *
eo_to_ship_row_get_order (EoToShipRow *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ROW (self), NULL);

  return self->order;
}

gboolean
eo_to_ship_row_get_checked (EoToShipRow *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
eo_to_ship_row_set_checked (EoToShipRow *self,
                            gboolean     checked)
{
  g_return_if_fail (EO_IS_TO_SHIP_ROW (self));

  /* A sending order is on its way already */
  if (checked && self->order != NULL && eo_to_ship_order_get_sending (self->order))
    return;

  gtk_check_button_set_active (self->check, checked);
}
