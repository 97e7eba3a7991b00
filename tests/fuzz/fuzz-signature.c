/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-signature.c: the query encoder on arbitrary ordered key/value bytes.
 * The input is split at NUL bytes into key, value, key, value...; encoding them as PHP does and
 * decoding the form again must give back exactly the same pairs. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "eo-signature.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(EoParams) decoded = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *query = NULL;
  g_autofree char *hash = NULL;
  size_t start = 0;

  for (size_t i = 0; i <= size; i++)
    {
      if (i == size || data[i] == '\0')
        {
          g_ptr_array_add (parts, g_strndup ((const char *) data + start, i - start));
          start = i + 1;
        }
    }

  for (guint i = 0; i + 1 < parts->len; i += 2)
    eo_params_add_string (params, parts->pdata[i], parts->pdata[i + 1]);

  query = eo_params_build_query (params);
  hash = eo_signature_request_hash (query, "login", "secret");
  g_assert (strlen (hash) == 32);

  decoded = eo_params_new_from_form (query, strlen (query));
  g_assert (decoded != NULL);
  g_assert (eo_params_get_length (decoded) == eo_params_get_length (params));

  for (guint i = 0; i < eo_params_get_length (params); i++)
    {
      g_assert (strcmp (eo_params_get_key (decoded, i), eo_params_get_key (params, i)) == 0);
      g_assert (strcmp (json_node_get_string (eo_params_get_value (decoded, i)),
                        json_node_get_string (eo_params_get_value (params, i))) == 0);
    }

  /* arbitrary bytes as a form body: never crash; what decodes re-encodes */
  {
    g_autoptr(EoParams) form = eo_params_new_from_form ((const char *) data, size);

    if (form != NULL)
      {
        g_autofree char *again = eo_params_build_query (form);

        g_assert (again != NULL);
      }
  }

  return 0;
}
