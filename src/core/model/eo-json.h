/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-json.h: tolerant getters for the service's loosely typed JSON */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The longest text field the models keep, in characters */
#define EO_JSON_MAX_TEXT 4096

/* The deepest nesting of arrays and objects a reply may have: an order is 5 deep */
#define EO_JSON_MAX_DEPTH 64

/* FALSE when arrays and objects in the text nest deeper than max_depth. json-glib's parser
 * recurses once per level, so 100,000 '[' would overflow the stack: check before parsing. */
gboolean    eo_json_depth_is_within (const char *data,
                                     gsize       length,
                                     guint       max_depth);

/* A value node as a string, by the rules of eo_json_dup_string(); NULL for anything else */
char       *eo_json_node_dup_string (JsonNode *node);

/* The member as a string: strings as they are, integers in decimal, reals as PHP prints them,
 * booleans "1"/"", null/absent/array/object -> NULL. Newly allocated. */
char       *eo_json_dup_string   (JsonObject  *object,
                                  const char  *member);

/* The member as text for a model: eo_json_dup_string(), "" instead of NULL, cut to max_chars
 * characters. Never NULL. */
char       *eo_json_dup_text     (JsonObject  *object,
                                  const char  *member,
                                  gsize        max_chars);

/* The member as an integer: numbers, or strings of decimal digits. FALSE when absent or not one. */
gboolean    eo_json_get_int      (JsonObject  *object,
                                  const char  *member,
                                  gint64      *out_value);

/* The member as a boolean: true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no". */
gboolean    eo_json_get_boolean  (JsonObject  *object,
                                  const char  *member,
                                  gboolean     fallback);

/* The member when it is an object; NULL otherwise (an empty array [] also gives NULL) */
JsonObject *eo_json_get_object   (JsonObject  *object,
                                  const char  *member);

/* The member when it is an array; an object's values, in order, as an array; NULL otherwise.
 * Returns a new reference. */
JsonArray  *eo_json_dup_array    (JsonObject  *object,
                                  const char  *member);

/* The member as money in kopecks: integers, reals (read by their decimal digits) and strings
 * as eo_money_parse() takes them; EO_MONEY_NONE when absent, empty or not money. */
gint64      eo_json_get_money    (JsonObject  *object,
                                  const char  *member);

/* Every getter takes a NULL object as one with no members. */

G_END_DECLS
