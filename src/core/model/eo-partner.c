/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-partner.c
 *
 * A partner (affiliate) credited for an order item, from one element of an item's "partners".
 */

#include "config.h"

#include "eo-partner.h"

#include "eo-json.h"
#include "eo-order.h"

struct _EoPartner
{
  GObject  parent_instance;

  int      level;
  char    *partner_id;
  char    *name;
  gint64   fee;
};

G_DEFINE_FINAL_TYPE (EoPartner, eo_partner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_PARTNER_ID,
  PROP_NAME,
  PROP_FEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eo_partner_finalize (GObject *object)
{
  EoPartner *self = (EoPartner *) object;

  g_clear_pointer (&self->partner_id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (eo_partner_parent_class)->finalize (object);
}

static void
eo_partner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EoPartner *self = EO_PARTNER (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    case PROP_PARTNER_ID:
      g_value_set_string (value, self->partner_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_FEE:
      g_value_set_int64 (value, self->fee);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_partner_class_init (EoPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_partner_finalize;
  object_class->get_property = eo_partner_get_property;

  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PARTNER_ID] =
    g_param_spec_string ("partner-id", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FEE] =
    g_param_spec_int64 ("fee", NULL, NULL,
                        G_MININT64, G_MAXINT64, EO_MONEY_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_partner_init (EoPartner *self)
{
  self->partner_id = g_strdup ("");
  self->name = g_strdup ("");
  self->fee = EO_MONEY_NONE;
}

EoPartner *
eo_partner_new_from_json (JsonNode *node)
{
  g_autoptr(EoPartner) self = g_object_new (EO_TYPE_PARTNER, NULL);
  JsonObject *object;
  gint64 level;

  /* Anything but an object is a partner the service did not describe: keep it empty */
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return g_steal_pointer (&self);

  object = json_node_get_object (node);

  if (eo_json_get_int (object, "partner_lvl", &level))
    self->level = (int) CLAMP (level, G_MININT, G_MAXINT);

  g_free (self->partner_id);
  self->partner_id = eo_json_dup_text (object, "partner_id", EO_JSON_MAX_TEXT);
  g_free (self->name);
  self->name = eo_json_dup_text (object, "partner_name", EO_JSON_MAX_TEXT);
  self->fee = eo_json_get_money (object, "partner_fee");

  return g_steal_pointer (&self);
}

gint
eo_partner_get_level (EoPartner *self)
{
  g_return_val_if_fail (EO_IS_PARTNER (self), 0);

  return self->level;
}

const char *
eo_partner_get_partner_id (EoPartner *self)
{
  g_return_val_if_fail (EO_IS_PARTNER (self), NULL);

  return self->partner_id;
}

const char *
eo_partner_get_name (EoPartner *self)
{
  g_return_val_if_fail (EO_IS_PARTNER (self), NULL);

  return self->name;
}

gint64
eo_partner_get_fee (EoPartner *self)
{
  g_return_val_if_fail (EO_IS_PARTNER (self), EO_MONEY_NONE);

  return self->fee;
}
