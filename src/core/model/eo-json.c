/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-json.c
 *
 * Tolerant getters for the service's JSON. The service is PHP: json_encode() sends numbers
 * as strings and strings as numbers, null or "" for a missing value, [] for an empty object,
 * and an array with gaps as an object keyed "0", "1"... Nothing here trusts a node's type.
 */

#include "config.h"

#include "eo-json.h"

#include <math.h>
#include <string.h>

#include "eo-money.h"

gboolean
eo_json_depth_is_within (const char *data,
                         gsize       length,
                         guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      /* unbalanced closers are the parser's to refuse */
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* PHP's (string) of a float: 14 significant digits, "%G" shape, and an exponent written
 * "1.0E+25" (never "1E+25" nor "E+025") */
static char *
format_php_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *e;
  GString *out;
  const char *exp_digits;

  if (!isfinite (value))
    return NULL;

  g_ascii_formatd (buf, sizeof buf, "%.14G", value);

  e = strchr (buf, 'E');
  if (e == NULL)
    return g_strdup (buf);

  out = g_string_new_len (buf, e - buf);
  if (memchr (buf, '.', e - buf) == NULL)
    g_string_append (out, ".0");
  g_string_append_c (out, 'E');
  exp_digits = e + 1;
  if (*exp_digits == '+' || *exp_digits == '-')
    g_string_append_c (out, *exp_digits++);
  else
    g_string_append_c (out, '+');
  while (exp_digits[0] == '0' && exp_digits[1] != '\0')
    exp_digits++;
  g_string_append (out, exp_digits);

  return g_string_free (out, FALSE);
}

char *
eo_json_node_dup_string (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      /* json-glib 1.6 lets a broken \u escape ("\u043" then a UTF-8 byte) or a lone surrogate
       * through as invalid UTF-8; nothing past this point has to think about that */
      if (text == NULL || g_utf8_validate (text, -1, NULL))
        return g_strdup (text);
      return g_utf8_make_valid (text, -1);
    }
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return format_php_double (json_node_get_double (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "1" : "");

  return NULL;
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  /* A NULL object (a sub-object that was absent or arrived as []) reads as all-absent */
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

char *
eo_json_dup_string (JsonObject *object,
                    const char *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  return eo_json_node_dup_string (get_member (object, member));
}

char *
eo_json_dup_text (JsonObject *object,
                  const char *member,
                  gsize       max_chars)
{
  g_autofree char *text = NULL;
  const char *end;

  g_return_val_if_fail (member != NULL, NULL);

  text = eo_json_dup_string (object, member);
  if (text == NULL)
    return g_strdup ("");

  /* json-glib has already validated the UTF-8; cut at a character boundary */
  end = text;
  for (gsize n = 0; n < max_chars && *end != '\0'; n++)
    end = g_utf8_next_char (end);

  if (*end == '\0')
    return g_steal_pointer (&text);

  return g_strndup (text, end - text);
}

static gboolean
parse_int_text (const char *text,
                gint64     *out_value)
{
  g_autofree char *copy = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '+')
    memmove (copy, copy + 1, strlen (copy));

  if (!g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_value = value;
  return TRUE;
}

gboolean
eo_json_get_int (JsonObject *object,
                 const char *member,
                 gint64     *out_value)
{
  JsonNode *node;
  GType type;
  gint64 value = 0;

  g_return_val_if_fail (member != NULL, FALSE);

  node = get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      value = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 2^63 is exact as a double; anything with a fraction is not an integer */
      if (!isfinite (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return FALSE;
      value = (gint64) d;
      if ((double) value != d)
        return FALSE;
    }
  else if (type == G_TYPE_STRING)
    {
      if (!parse_int_text (json_node_get_string (node), &value))
        return FALSE;
    }
  else
    {
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

gboolean
eo_json_get_boolean (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node;
  GType type;

  g_return_val_if_fail (member != NULL, fallback);

  node = get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node) != 0.0;
  if (type == G_TYPE_STRING)
    {
      static const char * const yes[] = { "1", "true", "yes", "on", "y", NULL };
      static const char * const no[] = { "0", "false", "no", "off", "n", NULL };
      g_autofree char *copy = g_strstrip (g_strdup (json_node_get_string (node)));

      for (guint i = 0; yes[i] != NULL; i++)
        if (g_ascii_strcasecmp (copy, yes[i]) == 0)
          return TRUE;
      for (guint i = 0; no[i] != NULL; i++)
        if (g_ascii_strcasecmp (copy, no[i]) == 0)
          return FALSE;
    }

  return fallback;
}

JsonObject *
eo_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);

  node = get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
eo_json_dup_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node;
  JsonObject *as_object;
  JsonArray *array;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (member != NULL, NULL);

  node = get_member (object, member);
  if (node == NULL)
    return NULL;

  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    return json_array_ref (json_node_get_array (node));

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;

  /* json_encode() makes an object of a PHP array whose keys are not 0..n-1: its values,
   * in the order they were sent, are the list */
  as_object = json_node_get_object (node);
  array = json_array_sized_new (json_object_get_size (as_object));
  members = json_object_get_members (as_object);
  for (const GList *l = members; l != NULL; l = l->next)
    json_array_add_element (array, json_object_dup_member (as_object, l->data));

  return array;
}

gint64
eo_json_get_money (JsonObject *object,
                   const char *member)
{
  JsonNode *node;
  GType type;
  gint64 kopecks;

  g_return_val_if_fail (member != NULL, EO_MONEY_NONE);

  node = get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return EO_MONEY_NONE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 rubles = json_node_get_int (node);

      if (rubles > G_MAXINT64 / 100 || rubles < -(G_MAXINT64 / 100))
        return EO_MONEY_NONE;
      return rubles * 100;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      g_autofree char *text = format_php_double (value);

      /* The decimal text is what PHP meant; read it exactly, digit by digit */
      if (text != NULL && eo_money_parse (text, &kopecks))
        return kopecks;

      /* Only tiny amounts come out in exponent form within the range of money */
      if (isfinite (value) && value > -1e13 && value < 1e13)
        return (gint64) (value * 100.0 + (value < 0 ? -0.5 : 0.5));

      return EO_MONEY_NONE;
    }

  if (type == G_TYPE_STRING && eo_money_parse (json_node_get_string (node), &kopecks))
    return kopecks;

  return EO_MONEY_NONE;
}
