/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare.c: a bare libadwaita window of the app's size, for comparison: first frame, then quit */
#include <adwaita.h>

#include "bench-report.h"

static void
first_frame (GtkWidget *window)
{
  bench_report ("frame");
  bench_report ("order");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
realize_cb (GtkWidget *window)
{
  bench_after_next_frame (window, first_frame);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Bare");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "system-search-symbolic");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 720);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.expertam_orders.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
