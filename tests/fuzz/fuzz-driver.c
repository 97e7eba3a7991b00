/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.c: runs a fuzz target over files given on the command line, for builds without
 * libFuzzer (gcc): the seed corpus then works as a regression test. */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_autofree char *contents = NULL;
          gsize length = 0;
          g_autoptr(GError) error = NULL;

          if (!g_file_get_contents (argv[i], &contents, &length, &error))
            g_error ("%s", error->message);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          count++;
          continue;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length = 0;
          g_autoptr(GError) error = NULL;

          if (!g_file_get_contents (path, &contents, &length, &error))
            g_error ("%s", error->message);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          count++;
        }
    }

  g_print ("%u inputs ran clean\n", count);
  return count > 0 ? 0 : 1;
}
