/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the entry point of expertam-orders */
#include "config.h"

#include <glib/gi18n.h>

#include "eo-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EoApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = eo_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
