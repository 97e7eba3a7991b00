/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-util.h: waiting on the main context and reading what widgets show */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*GuiTestCondition) (gpointer user_data);

/* gtk_test_init + adw_init; warnings stay fatal, but for GTK's focus-out complaint on a
 * display without a window manager */
void       gui_test_init            (int             *argc,
                                     char          ***argv);

/* Iterate the default main context until condition holds; FALSE after timeout_ms */
gboolean   gui_test_wait_for        (GuiTestCondition condition,
                                     gpointer         user_data,
                                     guint            timeout_ms);
/* Run whatever is ready now, without waiting */
void       gui_test_drain           (void);
/* The text of every mapped label under widget, one a line */
char      *gui_test_collect_text    (GtkWidget       *widget);
gboolean   gui_test_shows_text      (GtkWidget       *widget,
                                     const char      *text);
/* The first descendant (or widget itself) of that type, optionally with that title/label */
GtkWidget *gui_test_find_widget     (GtkWidget       *widget,
                                     GType            type,
                                     const char      *title);
/* The first toplevel window of that type */
GtkWidget *gui_test_find_toplevel   (GType            type);
/* Wait until the order view under widget (if any) has its customer's other orders, so that
 * their request does not land in a test's count of requests; FALSE after timeout_ms */
gboolean   gui_test_wait_customer_orders (GtkWidget   *widget,
                                          guint        timeout_ms);

G_END_DECLS
