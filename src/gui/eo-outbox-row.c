/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-row.c: a change waiting in the outbox popover, with Retry Now and Discard */
#include "config.h"

#include "eo-outbox-row.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-a11y.h"
#include "eo-client.h"

/* The item ---------------------------------------------------------------------------------- */

struct _EoOutboxItem
{
  GObject         parent_instance;

  EoOutboxChange *change;
  gboolean        this_shop;
};

G_DEFINE_FINAL_TYPE (EoOutboxItem, eo_outbox_item, G_TYPE_OBJECT)

static void
eo_outbox_item_finalize (GObject *object)
{
  EoOutboxItem *self = EO_OUTBOX_ITEM (object);

  g_clear_pointer (&self->change, eo_outbox_change_unref);

  G_OBJECT_CLASS (eo_outbox_item_parent_class)->finalize (object);
}

static void
eo_outbox_item_class_init (EoOutboxItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eo_outbox_item_finalize;
}

static void
eo_outbox_item_init (EoOutboxItem *self)
{
}

EoOutboxItem *
eo_outbox_item_new (EoOutboxChange *change,
                    gboolean        this_shop)
{
  EoOutboxItem *self;

  g_return_val_if_fail (change != NULL, NULL);

  self = g_object_new (EO_TYPE_OUTBOX_ITEM, NULL);
  self->change = eo_outbox_change_ref (change);
  self->this_shop = !!this_shop;

  return self;
}

EoOutboxChange *
eo_outbox_item_get_change (EoOutboxItem *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX_ITEM (self), NULL);

  return self->change;
}

gboolean
eo_outbox_item_get_this_shop (EoOutboxItem *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX_ITEM (self), FALSE);

  return self->this_shop;
}

/* The row ----------------------------------------------------------------------------------- */

struct _EoOutboxRow
{
  AdwActionRow  parent_instance;

  EoOutboxItem *item;

  GtkButton    *retry_button;
  GtkButton    *discard_button;
};

G_DEFINE_FINAL_TYPE (EoOutboxRow, eo_outbox_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_label (EoOutboxChange *change)
{
  EoOrderStatus status;

  if (!eo_order_status_from_string (change->status, &status))
    return change->status;

  switch (status)
    {
    case EO_ORDER_STATUS_SENT:
      return _("sent");
    case EO_ORDER_STATUS_PAID:
      return _("paid");
    case EO_ORDER_STATUS_RETURN:
      return _("returned");
    case EO_ORDER_STATUS_CANCEL:
      return _("cancelled");
    default:
      return change->status;
    }
}

/* "Order 1001: sent, 62001411000016" */
static char *
format_title (EoOutboxChange *change)
{
  if (change->rpo[0] != '\0')
    return g_strdup_printf (_("Order %" PRId64 ": %s, %s"), change->bill_id,
                            status_label (change), change->rpo);

  return g_strdup_printf (_("Order %" PRId64 ": %s"), change->bill_id, status_label (change));
}

/* Why it waits */
static char *
format_subtitle (EoOutboxItem *item)
{
  EoOutboxChange *change = item->change;

  if (!item->this_shop)
    return g_strdup_printf (_("For the shop “%s”: sent when its account is set up again"),
                            change->account);

  if (change->state == EO_OUTBOX_STATE_FAILED)
    return g_strdup_printf (_("Refused: %s"), change->last_error);

  if (change->last_error[0] != '\0')
    return g_strdup_printf (ngettext ("Waiting, %u attempt failed: %s",
                                      "Waiting, %u attempts failed: %s", change->attempts),
                            change->attempts, change->last_error);

  return g_strdup (_("Waiting to be sent"));
}

/* The popover's list is made anew whenever the outbox changes: a row shows one change for its
 * life, so it is filled in once, when it is made */
static void
eo_outbox_row_constructed (GObject *object)
{
  EoOutboxRow *self = EO_OUTBOX_ROW (object);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gint64 id;

  G_OBJECT_CLASS (eo_outbox_row_parent_class)->constructed (object);

  g_return_if_fail (self->item != NULL);

  title = format_title (self->item->change);
  subtitle = format_subtitle (self->item);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  id = self->item->change->id;
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry_button), "x", id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->discard_button), "x", id);
}

static void
eo_outbox_row_dispose (GObject *object)
{
  EoOutboxRow *self = EO_OUTBOX_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_OUTBOX_ROW);

  G_OBJECT_CLASS (eo_outbox_row_parent_class)->dispose (object);
}

static void
eo_outbox_row_finalize (GObject *object)
{
  EoOutboxRow *self = EO_OUTBOX_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (eo_outbox_row_parent_class)->finalize (object);
}

static void
eo_outbox_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EoOutboxRow *self = EO_OUTBOX_ROW (object);

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
eo_outbox_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EoOutboxRow *self = EO_OUTBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_outbox_row_class_init (EoOutboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eo_outbox_row_constructed;
  object_class->dispose = eo_outbox_row_dispose;
  object_class->finalize = eo_outbox_row_finalize;
  object_class->get_property = eo_outbox_row_get_property;
  object_class->set_property = eo_outbox_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         EO_TYPE_OUTBOX_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-outbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EoOutboxRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EoOutboxRow, discard_button);
}

static void
eo_outbox_row_init (EoOutboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

GtkWidget *
eo_outbox_row_new (EoOutboxItem *item)
{
  g_return_val_if_fail (EO_IS_OUTBOX_ITEM (item), NULL);

  return g_object_new (EO_TYPE_OUTBOX_ROW, "item", item, NULL);
}

EoOutboxItem *
eo_outbox_row_get_item (EoOutboxRow *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX_ROW (self), NULL);

  return self->item;
}
