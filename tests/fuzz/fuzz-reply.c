/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-reply.c: arbitrary bytes as the service's reply. First as they are (almost never genuine);
 * then, when they are a JSON object, signed for real, so the fuzzer also reaches what comes after
 * the signature check: the refusal mapping and the order built from "result". */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "eo-client.h"
#include "eo-error.h"
#include "eo-json.h"

#define SECRET "fuzz-secret-fuzz-secret-fuzz-secret-fuzz"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_reply (const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = eo_client_parse_reply ((const guint8 *) data, length, SECRET, &error);

  g_assert ((reply == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert (error->domain == EO_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      /* the key never leaks into a message, unless the reply itself carried it */
      g_assert (strstr (error->message, SECRET) == NULL ||
                g_strstr_len (data, (gssize) length, SECRET) != NULL);
      return;
    }

  if (json_object_has_member (reply, "result"))
    {
      g_autoptr(EoOrder) order = eo_order_new_from_json (json_object_get_member (reply, "result"),
                                                         "shop.expertam.ru", NULL);

      if (order != NULL)
        {
          g_assert (eo_order_get_full_name (order) != NULL);
          g_assert (g_list_model_get_n_items (eo_order_get_items (order)) < G_MAXUINT);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  gint64 code = 0;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *signed_reply = NULL;

  check_reply ((const char *) data, size);

  /* json-glib recurses per level: the client refuses deep nesting before parsing, and so do we */
  if (size == 0 || !eo_json_depth_is_within ((const char *) data, size, EO_JSON_MAX_DEPTH) ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  object = json_node_get_object (root);
  eo_json_get_int (object, "error_code", &code);
  text = eo_json_dup_string (object, "error_text");
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;

  hash = eo_signature_reply_hash (code, text, SECRET);
  json_object_set_string_member (object, "hash", hash);
  signed_reply = json_to_string (root, FALSE);
  check_reply (signed_reply, strlen (signed_reply));

  return 0;
}
