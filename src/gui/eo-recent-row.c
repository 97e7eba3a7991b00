/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-recent-row.c: a saved order in the recent-orders sidebar and the search results */
#include "config.h"

#include "eo-recent-row.h"

#include <inttypes.h>

#include <glib/gi18n.h>

struct _EoRecentRow
{
  AdwActionRow   parent_instance;

  EoStoredOrder *order;
};

G_DEFINE_FINAL_TYPE (EoRecentRow, eo_recent_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "1001 · Иванова Мария", or "Order 1001" when the shop sent no name */
static char *
format_title (EoStoredOrder *order)
{
  const char *name = eo_stored_order_get_full_name (order);

  if (name[0] != '\0')
    return g_strdup_printf (_("%" PRId64 " · %s"), eo_stored_order_get_bill_id (order), name);

  return g_strdup_printf (_("Order %" PRId64), eo_stored_order_get_bill_id (order));
}

/* City · phone · e-mail · tracking number, those it has */
static char *
format_subtitle (EoStoredOrder *order)
{
  GString *subtitle = g_string_new (NULL);
  const char *details[] = {
    eo_stored_order_get_city (order),
    eo_stored_order_get_phone (order),
    eo_stored_order_get_email (order),
    eo_stored_order_get_tracking (order),
  };

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    if (details[i][0] != '\0')
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", details[i]);

  return g_string_free (subtitle, FALSE);
}

/* The row shows one order for its life: set once, when it is made (a GtkExpression binding on
 * the row itself would outlive AdwActionRow's labels when the row is destroyed, in GTK 4.8) */
static void
eo_recent_row_constructed (GObject *object)
{
  EoRecentRow *self = EO_RECENT_ROW (object);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (eo_recent_row_parent_class)->constructed (object);

  g_return_if_fail (self->order != NULL);

  title = format_title (self->order);
  subtitle = format_subtitle (self->order);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
eo_recent_row_finalize (GObject *object)
{
  EoRecentRow *self = EO_RECENT_ROW (object);

  g_clear_object (&self->order);

  G_OBJECT_CLASS (eo_recent_row_parent_class)->finalize (object);
}

static void
eo_recent_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EoRecentRow *self = EO_RECENT_ROW (object);

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
eo_recent_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EoRecentRow *self = EO_RECENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      /* Construct-only: the list makes a row for each order */
      self->order = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_recent_row_class_init (EoRecentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eo_recent_row_constructed;
  object_class->finalize = eo_recent_row_finalize;
  object_class->get_property = eo_recent_row_get_property;
  object_class->set_property = eo_recent_row_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_STORED_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-recent-row.ui");
}

static void
eo_recent_row_init (EoRecentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eo_recent_row_new (EoStoredOrder *order)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (order), NULL);

  return g_object_new (EO_TYPE_RECENT_ROW, "order", order, NULL);
}

EoStoredOrder *
eo_recent_row_get_order (EoRecentRow *self)
{
  g_return_val_if_fail (EO_IS_RECENT_ROW (self), NULL);

  return self->order;
}
