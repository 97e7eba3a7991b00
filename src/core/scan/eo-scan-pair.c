/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-pair.c: one order and tracking number paired at the scan station, and what became of it */

#include "config.h"

#include "eo-scan-private.h"

struct _EoScanPair
{
  GObject          parent_instance;

  gint64           bill_id;
  char            *tracking;
  char            *full_name;
  char            *city;
  gint64           scanned_at;
  gint64           change_id;
  EoScanPairState  state;
  char            *message;
  gboolean         answered;
};

G_DEFINE_FINAL_TYPE (EoScanPair, eo_scan_pair, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BILL_ID,
  PROP_TRACKING,
  PROP_FULL_NAME,
  PROP_CITY,
  PROP_SCANNED_AT,
  PROP_CHANGE_ID,
  PROP_STATE,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eo_scan_pair_finalize (GObject *object)
{
  EoScanPair *self = EO_SCAN_PAIR (object);

  g_free (self->tracking);
  g_free (self->full_name);
  g_free (self->city);
  g_free (self->message);

  G_OBJECT_CLASS (eo_scan_pair_parent_class)->finalize (object);
}

static void
eo_scan_pair_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EoScanPair *self = EO_SCAN_PAIR (object);

  switch (prop_id)
    {
    case PROP_BILL_ID:
      g_value_set_int64 (value, self->bill_id);
      break;
    case PROP_TRACKING:
      g_value_set_string (value, self->tracking);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_SCANNED_AT:
      g_value_set_int64 (value, self->scanned_at);
      break;
    case PROP_CHANGE_ID:
      g_value_set_int64 (value, self->change_id);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_scan_pair_class_init (EoScanPairClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eo_scan_pair_finalize;
  object_class->get_property = eo_scan_pair_get_property;

  properties[PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TRACKING] = g_param_spec_string ("tracking", NULL, NULL, "", flags);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, "", flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, "", flags);
  properties[PROP_SCANNED_AT] =
    g_param_spec_int64 ("scanned-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHANGE_ID] =
    g_param_spec_int64 ("change-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, EO_SCAN_PAIR_WAITING, EO_SCAN_PAIR_UNDONE,
                      EO_SCAN_PAIR_WAITING, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_scan_pair_init (EoScanPair *self)
{
}

EoScanPair *
eo_scan_pair_new (gint64      bill_id,
                  const char *tracking,
                  const char *full_name,
                  const char *city,
                  gint64      scanned_at,
                  gint64      change_id)
{
  EoScanPair *self = g_object_new (EO_TYPE_SCAN_PAIR, NULL);

  self->bill_id = bill_id;
  self->tracking = g_strdup (tracking != NULL ? tracking : "");
  self->full_name = g_strdup (full_name != NULL ? full_name : "");
  self->city = g_strdup (city != NULL ? city : "");
  self->scanned_at = scanned_at;
  self->change_id = change_id;
  self->message = g_strdup ("");

  return self;
}

void
eo_scan_pair_set_state (EoScanPair      *self,
                        EoScanPairState  state,
                        const char      *message)
{
  g_return_if_fail (EO_IS_SCAN_PAIR (self));

  if (message == NULL)
    message = "";

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

gboolean
eo_scan_pair_get_answered (EoScanPair *self)
{
  return self->answered || self->state != EO_SCAN_PAIR_WAITING;
}

void
eo_scan_pair_set_answered (EoScanPair *self)
{
  self->answered = TRUE;
}

gint64
eo_scan_pair_get_bill_id (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), 0);
  return self->bill_id;
}

const char *
eo_scan_pair_get_tracking (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), NULL);
  return self->tracking;
}

const char *
eo_scan_pair_get_full_name (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), NULL);
  return self->full_name;
}

const char *
eo_scan_pair_get_city (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), NULL);
  return self->city;
}

gint64
eo_scan_pair_get_scanned_at (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), 0);
  return self->scanned_at;
}

gint64
eo_scan_pair_get_change_id (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), 0);
  return self->change_id;
}

EoScanPairState
eo_scan_pair_get_state (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), EO_SCAN_PAIR_WAITING);
  return self->state;
}

const char *
eo_scan_pair_get_message (EoScanPair *self)
{
  g_return_val_if_fail (EO_IS_SCAN_PAIR (self), NULL);
  return self->message;
}
