/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-signature.c: the PHP-compatible query and the md5 signatures, against vectors PHP made */

#include "config.h"

#include <string.h>

#include "eo-signature.h"

static JsonNode *
load_vectors (void)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* PHP's own hashes, kept as test data (see the file's "about") */
  path = g_test_build_filename (G_TEST_DIST, "fixtures", "signature-vectors.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_request_vectors (void)
{
  g_autoptr(JsonNode) root = load_vectors ();
  JsonObject *vectors = json_node_get_object (root);
  const char *login = json_object_get_string_member (vectors, "login");
  const char *secret = json_object_get_string_member (vectors, "secret");
  JsonArray *requests = json_object_get_array_member (vectors, "requests");
  guint n = json_array_get_length (requests);

  g_assert_cmpuint (n, >=, 11);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonArray *pairs = json_object_get_array_member (request, "params");
      g_autoptr(EoParams) params = eo_params_new ();
      g_autofree char *query = NULL;
      g_autofree char *hash = NULL;

      for (guint j = 0; j < json_array_get_length (pairs); j++)
        {
          JsonArray *pair = json_array_get_array_element (pairs, j);

          eo_params_add_node (params,
                              json_array_get_string_element (pair, 0),
                              json_array_get_element (pair, 1));
        }

      query = eo_params_build_query (params);
      g_assert_cmpstr (query, ==, json_object_get_string_member (request, "query"));

      hash = eo_signature_request_hash (query, login, secret);
      g_assert_cmpstr (hash, ==, json_object_get_string_member (request, "hash"));
    }
}

static void
test_response_vectors (void)
{
  g_autoptr(JsonNode) root = load_vectors ();
  JsonObject *vectors = json_node_get_object (root);
  const char *secret = json_object_get_string_member (vectors, "secret");
  JsonArray *responses = json_object_get_array_member (vectors, "responses");
  guint n = json_array_get_length (responses);

  g_assert_cmpuint (n, >=, 5);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *response = json_array_get_object_element (responses, i);
      gint64 code = json_object_get_int_member (response, "error_code");
      const char *text = json_object_get_string_member (response, "error_text");
      const char *hash = json_object_get_string_member (response, "hash");
      g_autofree char *computed = eo_signature_reply_hash (code, text, secret);
      g_autofree char *upper = g_ascii_strup (hash, -1);

      g_assert_cmpstr (computed, ==, hash);
      g_assert_true (eo_signature_check_reply (code, text, hash, secret));
      /* PHP's md5 is lower-case, but an upper-case copy is the same hash */
      g_assert_true (eo_signature_check_reply (code, text, upper, secret));
    }
}

static void
test_reply_tampering (void)
{
  /* the vectors' key: 40 times "X", as in the vendor's example */
  g_autofree char *secret = g_strnfill (40, 'X');
  g_autofree char *other = g_strnfill (40, 'X');
  const char *good = "ffe12101a35998cbb60b510662de528e";  /* 0::ok */

  g_assert_true (eo_signature_check_reply (0, "ok", good, secret));
  /* tampered code */
  g_assert_false (eo_signature_check_reply (4, "ok", good, secret));
  /* tampered text */
  g_assert_false (eo_signature_check_reply (0, "OK", good, secret));
  g_assert_false (eo_signature_check_reply (0, "ok ", good, secret));
  /* another key */
  other[0] = 'Y';
  g_assert_false (eo_signature_check_reply (0, "ok", good, other));
  /* missing, empty, truncated, extended hash */
  g_assert_false (eo_signature_check_reply (0, "ok", NULL, secret));
  g_assert_false (eo_signature_check_reply (0, "ok", "", secret));
  g_assert_false (eo_signature_check_reply (0, "ok", "ffe12101a35998cbb60b510662de528", secret));
  g_assert_false (eo_signature_check_reply (0, "ok", "ffe12101a35998cbb60b510662de528e0", secret));
  g_assert_false (eo_signature_check_reply (0, NULL, good, secret));
}

static void
test_equal (void)
{
  g_assert_true (eo_signature_equal ("abc", "abc"));
  g_assert_true (eo_signature_equal ("", ""));
  g_assert_false (eo_signature_equal ("abc", "abd"));
  g_assert_false (eo_signature_equal ("abc", "ab"));
  g_assert_false (eo_signature_equal ("ab", "abc"));
  g_assert_false (eo_signature_equal ("abc", ""));
  g_assert_false (eo_signature_equal ("", "abc"));
  g_assert_false (eo_signature_equal (NULL, "abc"));
  /* a prefix that repeats must not pass through the wrap-around */
  g_assert_false (eo_signature_equal ("abab", "ab"));
}

static void
test_scalars (void)
{
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
  g_autoptr(JsonNode) real = json_node_init_double (json_node_alloc (), 1.5);
  g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *query = NULL;

  /* json_node_init_array() would keep a reference of its own, and the array would leak */
  json_node_take_array (empty, json_array_new ());
  eo_params_add_int (params, "bill_id", 1001);
  eo_params_add_boolean (params, "good_info", TRUE);
  eo_params_add_string (params, "skipped", NULL);
  eo_params_add_node (params, "skipped_too", null_node);
  eo_params_add_node (params, "sum", real);
  eo_params_add_node (params, "none", empty);
  eo_params_add_string (params, "ключ", "Ёж ~");

  query = eo_params_build_query (params);
  g_assert_cmpstr (query, ==,
                   "bill_id=1001&good_info=1&sum=1.5&%D0%BA%D0%BB%D1%8E%D1%87=%D0%81%D0%B6+%7E");
  g_assert_cmpuint (eo_params_get_length (params), ==, 5);
  g_assert_cmpstr (eo_params_lookup_string (params, "ключ"), ==, "Ёж ~");
  g_assert_null (eo_params_lookup_string (params, "bill_id"));
  g_assert_null (eo_params_lookup_string (params, "missing"));
}

static void
test_form_round_trip (void)
{
  const char *query = "a=hello+world&b=%7E%2A.-_%21%27%28%29&c=x%26y%3Dz%2B%25%2F%3F%23&e=&"
                      "goods%5B0%5D%5Bgood_name%5D=p1&%D0%BA=%D0%81";
  g_autoptr(EoParams) params = eo_params_new_from_form (query, strlen (query));
  g_autofree char *rebuilt = NULL;

  g_assert_nonnull (params);
  g_assert_cmpuint (eo_params_get_length (params), ==, 6);
  g_assert_cmpstr (eo_params_get_key (params, 0), ==, "a");
  g_assert_cmpstr (eo_params_lookup_string (params, "a"), ==, "hello world");
  g_assert_cmpstr (eo_params_lookup_string (params, "c"), ==, "x&y=z+%/?#");
  g_assert_cmpstr (eo_params_lookup_string (params, "e"), ==, "");
  g_assert_cmpstr (eo_params_lookup_string (params, "goods[0][good_name]"), ==, "p1");
  g_assert_cmpstr (eo_params_lookup_string (params, "к"), ==, "Ё");

  /* the server side rebuilds the same Q from the decoded form */
  rebuilt = eo_params_build_query (params);
  g_assert_cmpstr (rebuilt, ==, query);
}

static void
test_form_invalid (void)
{
  const char *bad[] = { "a=%", "a=%4", "a=%G1", "a=%00", "%zz=1" };
  g_autoptr(EoParams) lax = NULL;
  g_autoptr(EoParams) empty = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(EoParams) params = eo_params_new_from_form (bad[i], strlen (bad[i]));

      g_assert_null (params);
    }

  lax = eo_params_new_from_form ("flag&&x=1", 9);
  g_assert_nonnull (lax);
  g_assert_cmpuint (eo_params_get_length (lax), ==, 2);
  g_assert_cmpstr (eo_params_lookup_string (lax, "flag"), ==, "");
  g_assert_cmpstr (eo_params_lookup_string (lax, "x"), ==, "1");

  empty = eo_params_new_from_form ("", 0);
  g_assert_nonnull (empty);
  g_assert_cmpuint (eo_params_get_length (empty), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signature/request-vectors", test_request_vectors);
  g_test_add_func ("/signature/response-vectors", test_response_vectors);
  g_test_add_func ("/signature/reply-tampering", test_reply_tampering);
  g_test_add_func ("/signature/equal", test_equal);
  g_test_add_func ("/signature/scalars", test_scalars);
  g_test_add_func ("/signature/form-round-trip", test_form_round_trip);
  g_test_add_func ("/signature/form-invalid", test_form_invalid);

  return g_test_run ();
}
