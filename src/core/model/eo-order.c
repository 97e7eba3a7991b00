/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order.c
 *
 * An order as getOrderDetails returns it, money in kopecks and dates in Moscow time.
 * Every field is optional and may arrive in any JSON type: see eo-json.c.
 */

#include "config.h"

#include "eo-order.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "eo-date.h"
#include "eo-error.h"
#include "eo-money.h"
#include "eo-json.h"
#include "eo-order-item.h"

struct _EoOrder
{
  GObject     parent_instance;

  gint64      id;
  char       *first_name;
  char       *last_name;
  char       *middle_name;
  char       *full_name;
  char       *email;
  char       *phone;
  char       *country;
  char       *region;
  char       *city;
  char       *address;
  char       *postalcode;
  GDateTime  *created;
  GDateTime  *paid;
  char       *pay_status;
  gboolean    is_paid;
  char       *order_type;
  char       *payway;
  char       *comment;
  char       *domain;
  char       *link;
  char       *tag;
  char       *kupon;
  GStrv       good_ids;
  gint64      good_count;
  gint64      price;
  gint64      bill_sum_topay;
  gboolean    prepayment_enabled;
  gint64      prepayment_minsum;
  char       *utm_source;
  char       *utm_medium;
  char       *utm_campaign;
  char       *utm_content;
  char       *utm_term;
  GListStore *items;
  char       *raw_json;
};

G_DEFINE_FINAL_TYPE (EoOrder, eo_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_MIDDLE_NAME,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_COUNTRY,
  PROP_REGION,
  PROP_CITY,
  PROP_ADDRESS,
  PROP_POSTALCODE,
  PROP_CREATED,
  PROP_PAID,
  PROP_PAY_STATUS,
  PROP_IS_PAID,
  PROP_ORDER_TYPE,
  PROP_PAYWAY,
  PROP_COMMENT,
  PROP_DOMAIN,
  PROP_LINK,
  PROP_TAG,
  PROP_KUPON,
  PROP_GOOD_IDS,
  PROP_GOOD_COUNT,
  PROP_PRICE,
  PROP_BILL_SUM_TOPAY,
  PROP_PREPAYMENT_ENABLED,
  PROP_PREPAYMENT_MINSUM,
  PROP_UTM_SOURCE,
  PROP_UTM_MEDIUM,
  PROP_UTM_CAMPAIGN,
  PROP_UTM_CONTENT,
  PROP_UTM_TERM,
  PROP_ITEMS,
  PROP_RAW_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The plain text fields: which JSON member fills which property's string */
typedef struct
{
  guint       prop_id;
  const char *member;
  gboolean    in_utm;
  goffset     offset;
} TextField;

static const TextField text_fields[] = {
  { PROP_FIRST_NAME,   "first_name",  FALSE, G_STRUCT_OFFSET (EoOrder, first_name) },
  { PROP_LAST_NAME,    "last_name",   FALSE, G_STRUCT_OFFSET (EoOrder, last_name) },
  { PROP_MIDDLE_NAME,  "middle_name", FALSE, G_STRUCT_OFFSET (EoOrder, middle_name) },
  { PROP_EMAIL,        "email",       FALSE, G_STRUCT_OFFSET (EoOrder, email) },
  { PROP_PHONE,        "phone",       FALSE, G_STRUCT_OFFSET (EoOrder, phone) },
  { PROP_COUNTRY,      "country",     FALSE, G_STRUCT_OFFSET (EoOrder, country) },
  { PROP_REGION,       "region",      FALSE, G_STRUCT_OFFSET (EoOrder, region) },
  { PROP_CITY,         "city",        FALSE, G_STRUCT_OFFSET (EoOrder, city) },
  { PROP_ADDRESS,      "address",     FALSE, G_STRUCT_OFFSET (EoOrder, address) },
  { PROP_POSTALCODE,   "postalcode",  FALSE, G_STRUCT_OFFSET (EoOrder, postalcode) },
  { PROP_PAY_STATUS,   "pay_status",  FALSE, G_STRUCT_OFFSET (EoOrder, pay_status) },
  { PROP_ORDER_TYPE,   "type",        FALSE, G_STRUCT_OFFSET (EoOrder, order_type) },
  { PROP_PAYWAY,       "payway",      FALSE, G_STRUCT_OFFSET (EoOrder, payway) },
  { PROP_COMMENT,      "comment",     FALSE, G_STRUCT_OFFSET (EoOrder, comment) },
  { PROP_DOMAIN,       "domain",      FALSE, G_STRUCT_OFFSET (EoOrder, domain) },
  { PROP_TAG,          "tag",         FALSE, G_STRUCT_OFFSET (EoOrder, tag) },
  { PROP_KUPON,        "kupon",       FALSE, G_STRUCT_OFFSET (EoOrder, kupon) },
  { PROP_UTM_SOURCE,   "source",      TRUE,  G_STRUCT_OFFSET (EoOrder, utm_source) },
  { PROP_UTM_MEDIUM,   "medium",      TRUE,  G_STRUCT_OFFSET (EoOrder, utm_medium) },
  { PROP_UTM_CAMPAIGN, "campaign",    TRUE,  G_STRUCT_OFFSET (EoOrder, utm_campaign) },
  { PROP_UTM_CONTENT,  "content",     TRUE,  G_STRUCT_OFFSET (EoOrder, utm_content) },
  { PROP_UTM_TERM,     "term",        TRUE,  G_STRUCT_OFFSET (EoOrder, utm_term) },
};

#define TEXT_FIELD(self, field) G_STRUCT_MEMBER (char *, (self), (field)->offset)

static const TextField *
find_text_field (guint prop_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (text_fields[i].prop_id == prop_id)
      return &text_fields[i];

  return NULL;
}

static void
eo_order_finalize (GObject *object)
{
  EoOrder *self = (EoOrder *) object;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_clear_pointer (&TEXT_FIELD (self, &text_fields[i]), g_free);

  g_clear_pointer (&self->full_name, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->paid, g_date_time_unref);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->good_ids, g_strfreev);
  g_clear_object (&self->items);
  g_clear_pointer (&self->raw_json, g_free);

  G_OBJECT_CLASS (eo_order_parent_class)->finalize (object);
}

static void
eo_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EoOrder *self = EO_ORDER (object);
  const TextField *field;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_PAID:
      g_value_set_boxed (value, self->paid);
      break;

    case PROP_IS_PAID:
      g_value_set_boolean (value, self->is_paid);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_GOOD_IDS:
      g_value_set_boxed (value, self->good_ids);
      break;

    case PROP_GOOD_COUNT:
      g_value_set_int64 (value, self->good_count);
      break;

    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;

    case PROP_BILL_SUM_TOPAY:
      g_value_set_int64 (value, self->bill_sum_topay);
      break;

    case PROP_PREPAYMENT_ENABLED:
      g_value_set_boolean (value, self->prepayment_enabled);
      break;

    case PROP_PREPAYMENT_MINSUM:
      g_value_set_int64 (value, self->prepayment_minsum);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    case PROP_RAW_JSON:
      g_value_set_string (value, self->raw_json);
      break;

    default:
      field = find_text_field (prop_id);
      if (field != NULL)
        g_value_set_string (value, TEXT_FIELD (self, field));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL,
                              "",
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
money_param (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL,
                             G_MININT64, G_MAXINT64, EO_MONEY_NONE,
                             (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
eo_order_class_init (EoOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_order_finalize;
  object_class->get_property = eo_order_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIRST_NAME] = text_param ("first-name");
  properties[PROP_LAST_NAME] = text_param ("last-name");
  properties[PROP_MIDDLE_NAME] = text_param ("middle-name");
  properties[PROP_FULL_NAME] = text_param ("full-name");
  properties[PROP_EMAIL] = text_param ("email");
  properties[PROP_PHONE] = text_param ("phone");
  properties[PROP_COUNTRY] = text_param ("country");
  properties[PROP_REGION] = text_param ("region");
  properties[PROP_CITY] = text_param ("city");
  properties[PROP_ADDRESS] = text_param ("address");
  properties[PROP_POSTALCODE] = text_param ("postalcode");
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAID] =
    g_param_spec_boxed ("paid", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAY_STATUS] = text_param ("pay-status");
  properties[PROP_IS_PAID] =
    g_param_spec_boolean ("is-paid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORDER_TYPE] = text_param ("order-type");
  properties[PROP_PAYWAY] = text_param ("payway");
  properties[PROP_COMMENT] = text_param ("comment");
  properties[PROP_DOMAIN] = text_param ("domain");
  properties[PROP_LINK] = text_param ("link");
  properties[PROP_TAG] = text_param ("tag");
  properties[PROP_KUPON] = text_param ("kupon");
  properties[PROP_GOOD_IDS] =
    g_param_spec_boxed ("good-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_GOOD_COUNT] =
    g_param_spec_int64 ("good-count", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRICE] = money_param ("price");
  properties[PROP_BILL_SUM_TOPAY] = money_param ("bill-sum-topay");
  properties[PROP_PREPAYMENT_ENABLED] =
    g_param_spec_boolean ("prepayment-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PREPAYMENT_MINSUM] = money_param ("prepayment-minsum");
  properties[PROP_UTM_SOURCE] = text_param ("utm-source");
  properties[PROP_UTM_MEDIUM] = text_param ("utm-medium");
  properties[PROP_UTM_CAMPAIGN] = text_param ("utm-campaign");
  properties[PROP_UTM_CONTENT] = text_param ("utm-content");
  properties[PROP_UTM_TERM] = text_param ("utm-term");
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RAW_JSON] = text_param ("raw-json");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_order_init (EoOrder *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    TEXT_FIELD (self, &text_fields[i]) = g_strdup ("");

  self->full_name = g_strdup ("");
  self->link = g_strdup ("");
  self->good_ids = g_new0 (char *, 1);
  self->price = EO_MONEY_NONE;
  self->bill_sum_topay = EO_MONEY_NONE;
  self->prepayment_minsum = EO_MONEY_NONE;
  self->items = g_list_store_new (EO_TYPE_ORDER_ITEM);
  self->raw_json = g_strdup ("");
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

/* Russian order: surname, first name, patronymic */
static char *
build_full_name (EoOrder *self)
{
  const char *parts[] = { self->last_name, self->first_name, self->middle_name };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = NULL;

      if (!has_text (parts[i]))
        continue;
      part = g_strstrip (g_strdup (parts[i]));
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, part);
    }

  return g_string_free (out, FALSE);
}

static gboolean
pay_status_means_paid (const char *pay_status)
{
  static const char * const paid_values[] = { "paid", "1", "оплачен", NULL };
  g_autofree char *folded = NULL;

  folded = g_utf8_strdown (pay_status, -1);
  g_strstrip (folded);

  return g_strv_contains (paid_values, folded);
}

/* Whether text has a byte that never belongs in a URL or a host name we build a URL from */
static gboolean
has_unsafe_url_bytes (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p <= ' ' || *p == 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
      return TRUE;

  return FALSE;
}

static const char *
skip_http_scheme (const char *text)
{
  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    return text + 8;
  if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    return text + 7;

  return NULL;
}

/* "shop.ru", "https://shop.ru/", "shop.ru:8443" -> the host to put after https://, or NULL */
static char *
normalize_host (const char *domain)
{
  g_autofree char *host = NULL;
  const char *rest;
  gsize len;

  if (domain == NULL)
    return NULL;

  host = g_strstrip (g_strdup (domain));
  rest = skip_http_scheme (host);
  if (rest != NULL)
    memmove (host, rest, strlen (rest) + 1);

  len = strlen (host);
  while (len > 0 && host[len - 1] == '/')
    host[--len] = '\0';

  /* A user part or a path would let the service's text point the link elsewhere */
  if (len == 0 || has_unsafe_url_bytes (host) || strpbrk (host, "/@?#") != NULL)
    return NULL;

  return g_steal_pointer (&host);
}

static char *
build_link (const char *link,
            const char *domain,
            const char *fallback_host)
{
  g_autofree char *host = NULL;
  const char *rest;

  if (has_unsafe_url_bytes (link))
    return g_strdup ("");

  rest = skip_http_scheme (link);
  if (rest != NULL)
    return g_strdup (*rest != '\0' ? link : "");

  if (link[0] != '/')
    return g_strdup ("");

  host = normalize_host (domain);
  if (host == NULL)
    host = normalize_host (fallback_host);
  if (host == NULL)
    return g_strdup ("");

  return g_strconcat ("https://", host, link, NULL);
}

static GStrv
read_good_ids (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonArray) array = NULL;

  array = eo_json_dup_array (object, "good_ids");
  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = eo_json_node_dup_string (json_array_get_element (array, i));

          if (id != NULL && has_text (id))
            g_strv_builder_add (builder, g_strstrip (id));
        }
    }
  else
    {
      /* A single id, or a list the service joined with commas */
      g_autofree char *text = eo_json_dup_string (object, "good_ids");
      g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (has_text (parts[i]))
          g_strv_builder_add (builder, g_strstrip (parts[i]));
    }

  return g_strv_builder_end (builder);
}

static void
read_items (EoOrder    *self,
            JsonObject *object)
{
  g_autoptr(JsonArray) items = eo_json_dup_array (object, "items");
  g_autoptr(GPtrArray) list = NULL;
  guint n;

  if (items == NULL)
    return;

  n = json_array_get_length (items);
  list = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, eo_order_item_new_from_json (json_array_get_element (items, i)));

  g_list_store_splice (self->items, 0, 0, list->pdata, list->len);
}

static void
cap_good_ids (GStrv ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_utf8_strlen (ids[i], -1) > EO_JSON_MAX_TEXT)
      *g_utf8_offset_to_pointer (ids[i], EO_JSON_MAX_TEXT) = '\0';
}

EoOrder *
eo_order_new_from_json (JsonNode    *result,
                        const char  *fallback_host,
                        GError     **error)
{
  g_autoptr(EoOrder) self = NULL;
  g_autofree char *created = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *link = NULL;
  JsonObject *object;
  JsonObject *utm;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (result == NULL || JSON_NODE_TYPE (result) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_BAD_REPLY,
                           _("The service sent the order in a form Expertam Orders cannot read. "
                             "Try again later; if it keeps happening, contact the service’s support."));
      return NULL;
    }

  object = json_node_get_object (result);
  utm = eo_json_get_object (object, "utm");
  self = g_object_new (EO_TYPE_ORDER, NULL);

  if (!eo_json_get_int (object, "id", &self->id))
    self->id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];

      g_free (TEXT_FIELD (self, field));
      TEXT_FIELD (self, field) = eo_json_dup_text (field->in_utm ? utm : object, field->member,
                                                   EO_JSON_MAX_TEXT);
    }

  g_free (self->full_name);
  self->full_name = build_full_name (self);

  created = eo_json_dup_string (object, "created");
  self->created = eo_date_parse (created);
  paid = eo_json_dup_string (object, "paid");
  self->paid = eo_date_parse (paid);
  self->is_paid = pay_status_means_paid (self->pay_status) || self->paid != NULL;

  link = eo_json_dup_text (object, "link", EO_JSON_MAX_TEXT);
  g_free (self->link);
  self->link = build_link (g_strstrip (link), self->domain, fallback_host);

  g_strfreev (self->good_ids);
  self->good_ids = read_good_ids (object);
  cap_good_ids (self->good_ids);
  if (!eo_json_get_int (object, "good_count", &self->good_count))
    self->good_count = 0;

  self->price = eo_json_get_money (object, "price");
  self->bill_sum_topay = eo_json_get_money (object, "bill_sum_topay");
  self->prepayment_enabled = eo_json_get_boolean (object, "prepayment_enabled", FALSE);
  self->prepayment_minsum = eo_json_get_money (object, "prepayment_minsum");

  read_items (self, object);

  g_free (self->raw_json);
  self->raw_json = json_to_string (result, FALSE);
  if (!g_utf8_validate (self->raw_json, -1, NULL))
    {
      char *valid = g_utf8_make_valid (self->raw_json, -1);

      g_free (self->raw_json);
      self->raw_json = valid;
    }

  return g_steal_pointer (&self);
}

/* Getters */

gint64
eo_order_get_id (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), 0);
  return self->id;
}

#define DEFINE_TEXT_GETTER(field)                       \
  const char *                                          \
  eo_order_get_##field (EoOrder *self)                  \
  {                                                     \
    g_return_val_if_fail (EO_IS_ORDER (self), NULL);    \
    return self->field;                                 \
  }

DEFINE_TEXT_GETTER (first_name)
DEFINE_TEXT_GETTER (last_name)
DEFINE_TEXT_GETTER (middle_name)
DEFINE_TEXT_GETTER (full_name)
DEFINE_TEXT_GETTER (email)
DEFINE_TEXT_GETTER (phone)
DEFINE_TEXT_GETTER (country)
DEFINE_TEXT_GETTER (region)
DEFINE_TEXT_GETTER (city)
DEFINE_TEXT_GETTER (address)
DEFINE_TEXT_GETTER (postalcode)
DEFINE_TEXT_GETTER (pay_status)
DEFINE_TEXT_GETTER (order_type)
DEFINE_TEXT_GETTER (payway)
DEFINE_TEXT_GETTER (comment)
DEFINE_TEXT_GETTER (domain)
DEFINE_TEXT_GETTER (link)
DEFINE_TEXT_GETTER (tag)
DEFINE_TEXT_GETTER (kupon)
DEFINE_TEXT_GETTER (utm_source)
DEFINE_TEXT_GETTER (utm_medium)
DEFINE_TEXT_GETTER (utm_campaign)
DEFINE_TEXT_GETTER (utm_content)
DEFINE_TEXT_GETTER (utm_term)
DEFINE_TEXT_GETTER (raw_json)

GDateTime *
eo_order_get_created (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), NULL);
  return self->created;
}

GDateTime *
eo_order_get_paid (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), NULL);
  return self->paid;
}

gboolean
eo_order_get_is_paid (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), FALSE);
  return self->is_paid;
}

const char * const *
eo_order_get_good_ids (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), NULL);
  return (const char * const *) self->good_ids;
}

gint64
eo_order_get_good_count (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), 0);
  return self->good_count;
}

gint64
eo_order_get_price (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), EO_MONEY_NONE);
  return self->price;
}

gint64
eo_order_get_bill_sum_topay (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), EO_MONEY_NONE);
  return self->bill_sum_topay;
}

gboolean
eo_order_get_prepayment_enabled (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), FALSE);
  return self->prepayment_enabled;
}

gint64
eo_order_get_prepayment_minsum (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), EO_MONEY_NONE);
  return self->prepayment_minsum;
}

GListModel *
eo_order_get_items (EoOrder *self)
{
  g_return_val_if_fail (EO_IS_ORDER (self), NULL);
  return G_LIST_MODEL (self->items);
}
