/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-app.c: the app on the demo shop: its first frame, then order 1001 shown, then quit */
#include "config.h"

#include <adwaita.h>

#include "bench-report.h"
#include "eo-application.h"
#include "eo-window.h"

static void
order_frame (GtkWidget *window)
{
  bench_report ("order");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
order_notify_cb (GtkWidget *window)
{
  /* The window shows the order page as it sets the order; the next frame has it on screen */
  if (eo_window_get_order (EO_WINDOW (window)) != NULL)
    {
      g_signal_handlers_disconnect_by_func (window, order_notify_cb, NULL);
      bench_after_next_frame (window, order_frame);
    }
}

static void
first_frame (GtkWidget *window)
{
  bench_report ("frame");
  g_signal_connect (window, "notify::order", G_CALLBACK (order_notify_cb), NULL);
  eo_window_open_order (EO_WINDOW (window), 1001);
}

static void
realize_cb (GtkWidget *window)
{
  bench_after_next_frame (window, first_frame);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (EO_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EoApplication) app = eo_application_new ();
  char *args[] = { argv[0], (char *) "--demo", NULL };

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 2, args);
}
