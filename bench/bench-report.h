/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.h: what the startup benchmark's programs print, one "key value" a line */
#pragma once

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

/* Peak resident set size so far, in kB (VmHWM) */
static inline long
bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmHWM:");

  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* CLOCK_MONOTONIC in microseconds, the clock the driver started us by */
static inline void
bench_report (const char *what)
{
  printf ("%s-us %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
  printf ("%s-rss-kb %ld\n", what, bench_peak_rss_kb ());
  fflush (stdout);
}

typedef void (*BenchFrameFunc) (GtkWidget *widget);

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GtkWidget     *widget)
{
  BenchFrameFunc func = g_object_get_data (G_OBJECT (widget), "bench-frame-func");

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, widget);
  func (widget);
}

/* Call func once, after the next frame of widget's window has been painted */
static inline void
bench_after_next_frame (GtkWidget      *widget,
                        BenchFrameFunc  func)
{
  g_object_set_data (G_OBJECT (widget), "bench-frame-func", func);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), widget);
  gtk_widget_queue_draw (widget);
}
