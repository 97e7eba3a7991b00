/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-util.c: waiting on the main context and reading what widgets show */
#include "gui-test-util.h"

#include "eo-order-view.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

/* Warnings and criticals stay fatal, except GTK's complaint that focus moved between windows
 * without a focus-out event, which Xvfb (no window manager) causes */
static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  GLogWriterOutput output;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      strstr (message, "did not receive a focus-out event") != NULL)
    return G_LOG_WRITER_HANDLED;

  output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

void
gui_test_init (int    *argc,
               char ***argv)
{
  g_log_set_writer_func (test_log_writer, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* The writer decides what is fatal */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
gui_test_wait_for (GuiTestCondition condition,
                   gpointer         user_data,
                   guint            timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* A short periodic wake-up, so a blocking iteration never outlives the deadline */
  guint wake_id = g_timeout_add (20, wake_cb, NULL);
  gboolean result = FALSE;

  while (!(result = condition (user_data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);

  return result;
}

void
gui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

char *
gui_test_collect_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);

  return g_string_free (out, FALSE);
}

gboolean
gui_test_shows_text (GtkWidget  *widget,
                     const char *text)
{
  g_autofree char *shown = gui_test_collect_text (widget);

  return strstr (shown, text) != NULL;
}

static const char *
widget_title (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));

  return NULL;
}

GtkWidget *
gui_test_find_widget (GtkWidget  *widget,
                      GType       type,
                      const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (title == NULL || g_strcmp0 (widget_title (widget), title) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_items = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
customer_orders_settled (gpointer user_data)
{
  return !eo_order_view_get_customer_orders_loading (user_data);
}

gboolean
gui_test_wait_customer_orders (GtkWidget *widget,
                               guint      timeout_ms)
{
  GtkWidget *view = gui_test_find_widget (widget, EO_TYPE_ORDER_VIEW, NULL);

  if (view == NULL)
    return TRUE;

  return gui_test_wait_for (customer_orders_settled, view, timeout_ms);
}
