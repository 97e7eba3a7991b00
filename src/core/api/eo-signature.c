/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-signature.c
 *
 * The service signs with md5 over what PHP's http_build_query() makes of the parameters,
 * so this file reproduces that function byte for byte (tests/fixtures/signature-vectors.json
 * holds hashes PHP itself computed).
 */

#include "config.h"

#include "eo-signature.h"

#include <string.h>

typedef struct
{
  char     *key;
  JsonNode *value;
} EoParam;

struct _EoParams
{
  grefcount  ref_count;
  GArray    *items;  /* of EoParam */
};

G_DEFINE_BOXED_TYPE (EoParams, eo_params, eo_params_ref, eo_params_unref)

static void
eo_param_clear (gpointer data)
{
  EoParam *param = data;

  g_clear_pointer (&param->key, g_free);
  g_clear_pointer (&param->value, json_node_unref);
}

EoParams *
eo_params_new (void)
{
  EoParams *self = g_new0 (EoParams, 1);

  g_ref_count_init (&self->ref_count);
  self->items = g_array_new (FALSE, FALSE, sizeof (EoParam));
  g_array_set_clear_func (self->items, eo_param_clear);

  return self;
}

EoParams *
eo_params_ref (EoParams *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
eo_params_unref (EoParams *self)
{
  g_return_if_fail (self != NULL);

  if (g_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->items);
      g_free (self);
    }
}

static void
eo_params_take (EoParams   *self,
                const char *key,
                JsonNode   *value)
{
  EoParam param = { g_strdup (key), value };

  g_array_append_val (self->items, param);
}

void
eo_params_add_string (EoParams   *self,
                      const char *key,
                      const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  /* PHP leaves a null parameter out entirely */
  if (value == NULL)
    return;

  eo_params_take (self, key, json_node_init_string (json_node_alloc (), value));
}

void
eo_params_add_boolean (EoParams   *self,
                       const char *key,
                       gboolean    value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  eo_params_take (self, key, json_node_init_boolean (json_node_alloc (), !!value));
}

void
eo_params_add_int (EoParams   *self,
                   const char *key,
                   gint64      value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  eo_params_take (self, key, json_node_init_int (json_node_alloc (), value));
}

void
eo_params_add_node (EoParams   *self,
                    const char *key,
                    JsonNode   *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return;

  eo_params_take (self, key, json_node_copy (value));
}

guint
eo_params_get_length (EoParams *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const char *
eo_params_get_key (EoParams *self,
                   guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, EoParam, index).key;
}

JsonNode *
eo_params_get_value (EoParams *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, EoParam, index).value;
}

const char *
eo_params_lookup_string (EoParams   *self,
                         const char *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      EoParam *param = &g_array_index (self->items, EoParam, i);

      if (g_strcmp0 (param->key, key) != 0)
        continue;

      if (JSON_NODE_HOLDS_VALUE (param->value) &&
          json_node_get_value_type (param->value) == G_TYPE_STRING)
        return json_node_get_string (param->value);

      return NULL;
    }

  return NULL;
}

void
eo_php_urlencode_append (GString    *out,
                         const char *data,
                         gssize      len)
{
  static const char hex[] = "0123456789ABCDEF";
  gsize n;

  g_assert (out != NULL);

  n = len < 0 ? strlen (data) : (gsize) len;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) data[i];

      if (g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.')
        g_string_append_c (out, (char) c);
      else if (c == ' ')
        g_string_append_c (out, '+');
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xF]);
        }
    }
}

/* PHP prints floats with serialize_precision -1: the shortest text that reads back the same */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    {
      for (int precision = 1; precision <= 17; precision++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
      eo_php_urlencode_append (out, buf, -1);
    }
}

static void
append_scalar (GString  *out,
               JsonNode *value)
{
  GType type = json_node_get_value_type (value);

  if (type == G_TYPE_BOOLEAN)
    g_string_append_c (out, json_node_get_boolean (value) ? '1' : '0');
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (value));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (value));
  else if (type == G_TYPE_STRING)
    eo_php_urlencode_append (out, json_node_get_string (value), -1);
}

static void build_pair (GString    *out,
                        const char *encoded_key,
                        JsonNode   *value);

static void
build_child (GString    *out,
             const char *encoded_prefix,
             const char *child_key,
             JsonNode   *value)
{
  g_autoptr(GString) key = g_string_new (encoded_prefix);

  g_string_append (key, "%5B");
  eo_php_urlencode_append (key, child_key, -1);
  g_string_append (key, "%5D");

  build_pair (out, key->str, value);
}

static void
build_pair (GString    *out,
            const char *encoded_key,
            JsonNode   *value)
{
  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_NULL:
      break;

    case JSON_NODE_VALUE:
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append (out, encoded_key);
      g_string_append_c (out, '=');
      append_scalar (out, value);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (value);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            char index[16];

            g_snprintf (index, sizeof index, "%u", i);
            build_child (out, encoded_key, index, json_array_get_element (array, i));
          }
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (value);
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        /* json-glib keeps members in insertion order, as PHP arrays do */
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &member, &child))
          build_child (out, encoded_key, member, child);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
eo_params_build_query (EoParams *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      EoParam *param = &g_array_index (self->items, EoParam, i);
      g_autoptr(GString) key = g_string_new (NULL);

      eo_php_urlencode_append (key, param->key, -1);
      build_pair (out, key->str, param->value);
    }

  return g_string_free (out, FALSE);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes len bytes of a form component into a NUL-terminated string; NULL when invalid */
static char *
form_decode (const char *data,
             gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '+')
        g_string_append_c (out, ' ');
      else if (c == '%')
        {
          int hi, lo;

          if (i + 2 >= len)
            return NULL;
          hi = hex_value (data[i + 1]);
          lo = hex_value (data[i + 2]);
          if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return NULL;
          g_string_append_c (out, (char) ((hi << 4) | lo));
          i += 2;
        }
      else if (c == '\0')
        return NULL;
      else
        g_string_append_c (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

EoParams *
eo_params_new_from_form (const char *body,
                         gsize       length)
{
  g_autoptr(EoParams) params = eo_params_new ();
  gsize start = 0;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  while (start < length)
    {
      const char *pair = body + start;
      const char *amp = memchr (pair, '&', length - start);
      gsize pair_len = amp != NULL ? (gsize) (amp - pair) : length - start;
      const char *eq = memchr (pair, '=', pair_len);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (pair_len > 0)
        {
          if (eq != NULL)
            {
              key = form_decode (pair, (gsize) (eq - pair));
              value = form_decode (eq + 1, pair_len - (gsize) (eq - pair) - 1);
            }
          else
            {
              key = form_decode (pair, pair_len);
              value = g_strdup ("");
            }

          if (key == NULL || value == NULL)
            return NULL;

          eo_params_add_string (params, key, value);
        }

      start += pair_len + 1;
    }

  return g_steal_pointer (&params);
}

static char *
md5_hex (const char *data)
{
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, data, -1);
}

char *
eo_signature_request_hash (const char *query,
                           const char *login,
                           const char *secret)
{
  g_autofree char *input = NULL;
  char *hash;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (login != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  input = g_strconcat (query, "::", login, "::", secret, NULL);
  hash = md5_hex (input);
  /* the input holds the key: do not leave it in freed memory */
  memset (input, 0, strlen (input));

  return hash;
}

char *
eo_signature_reply_hash (gint64      error_code,
                         const char *error_text,
                         const char *secret)
{
  g_autofree char *input = NULL;
  char *hash;

  g_return_val_if_fail (error_text != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  input = g_strdup_printf ("%" G_GINT64_FORMAT "::%s::%s", error_code, error_text, secret);
  hash = md5_hex (input);
  memset (input, 0, strlen (input));

  return hash;
}

gboolean
eo_signature_equal (const char *a,
                    const char *b)
{
  gsize len_a, len_b;
  guchar diff;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  diff = len_a != len_b;

  /* always walk all of a, so the time does not depend on where they differ */
  for (gsize i = 0; i < len_a; i++)
    diff |= (guchar) a[i] ^ (guchar) (len_b > 0 ? b[i % len_b] : 0);

  return diff == 0;
}

gboolean
eo_signature_check_reply (gint64      error_code,
                          const char *error_text,
                          const char *hash,
                          const char *secret)
{
  g_autofree char *expected = NULL;
  g_autofree char *lower = NULL;

  if (error_text == NULL || hash == NULL || secret == NULL)
    return FALSE;

  expected = eo_signature_reply_hash (error_code, error_text, secret);
  lower = g_ascii_strdown (hash, -1);

  return eo_signature_equal (expected, lower);
}
