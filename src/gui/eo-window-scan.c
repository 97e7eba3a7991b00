/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window-scan.c: the window's scan mode (Ctrl+Shift+S): the scan station's page */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-scan-view.h"
#include "eo-window-private.h"

static void
scan_view_leave_cb (EoWindow   *self,
                    EoScanView *view)
{
  _eo_window_set_scan_mode (self, FALSE);
}

/* Another page shown (Ctrl+1, a search...) ends scan mode */
static void
stack_page_changed_cb (EoWindow   *self,
                       GParamSpec *pspec,
                       GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (self->scan_mode && g_strcmp0 (name, "scan") != 0)
    _eo_window_set_scan_mode (self, FALSE);
}

static void
ensure_scan_view (EoWindow *self)
{
  GtkStackPage *page;

  if (self->scan_view != NULL)
    return;

  self->scan_view = EO_SCAN_VIEW (eo_scan_view_new ());
  g_signal_connect_object (self->scan_view, "leave", G_CALLBACK (scan_view_leave_cb), self,
                           G_CONNECT_SWAPPED);
  page = gtk_stack_add_named (self->stack, GTK_WIDGET (self->scan_view), "scan");
  gtk_stack_page_set_title (page, _("Scan Mode"));
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (stack_page_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_eo_window_set_scan_mode (EoWindow *self,
                          gboolean  scan_mode)
{
  scan_mode = !!scan_mode;
  if (self->scan_mode == (guint) scan_mode)
    return;

  if (scan_mode)
    {
      if (self->store == NULL || self->outbox == NULL)
        {
          eo_window_show_toast (self, _("The order history is still opening: try scan mode "
                                        "again in a moment."));
          g_object_notify (G_OBJECT (self), "scan-mode");
          return;
        }

      _eo_window_ensure_pages (self);
      ensure_scan_view (self);
      if (self->scan_session == NULL)
        self->scan_session = eo_scan_session_new (self->store, self->client, self->outbox);
      eo_scan_view_set_session (self->scan_view, self->scan_session);

      g_free (self->scan_return_page);
      self->scan_return_page = g_strdup (gtk_stack_get_visible_child_name (self->stack));
      self->scan_mode = TRUE;
      _eo_window_set_page (self, "scan");
      gtk_widget_grab_focus (GTK_WIDGET (self->scan_view));
    }
  else
    {
      g_autofree char *back = g_steal_pointer (&self->scan_return_page);

      self->scan_mode = FALSE;
      if (self->scan_session != NULL)
        eo_scan_session_reset (self->scan_session);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "scan") == 0)
        _eo_window_set_page (self, back != NULL && g_strcmp0 (back, "scan") != 0 ? back
                                                                                 : "welcome");
    }

  g_object_notify (G_OBJECT (self), "scan-mode");
}

/* The shop's store changed: the session was of the one before */
void
_eo_window_scan_store_changed (EoWindow *self)
{
  _eo_window_set_scan_mode (self, FALSE);
  if (self->scan_view != NULL)
    eo_scan_view_set_session (self->scan_view, NULL);
  g_clear_object (&self->scan_session);
}
