/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-tracking.c: the tracking-number checker on arbitrary bytes (any encoding, any length) */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "eo-tracking.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autofree char *normalized = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  EoTrackingKind kind;

  kind = eo_tracking_validate (input, &normalized, &error);
  g_assert (normalized != NULL);
  g_assert (error == NULL || error->message != NULL);

  /* a number that passes is exactly one of the two shapes, and normalising is idempotent */
  if (error == NULL)
    {
      gsize len = strlen (normalized);

      g_assert (kind == EO_TRACKING_KIND_DOMESTIC || kind == EO_TRACKING_KIND_S10);
      g_assert ((kind == EO_TRACKING_KIND_DOMESTIC && len == 14) ||
                (kind == EO_TRACKING_KIND_S10 && len == 13));
    }

  again = eo_tracking_normalize (normalized);
  g_assert (strcmp (again, normalized) == 0);

  return 0;
}
