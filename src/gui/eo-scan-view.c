/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-view.c: the window's scan mode: a barcode scanner's codes, wherever the focus is */

#include "config.h"

#include "eo-scan-view.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-a11y.h"

/* What a code can be: a scanner's line longer than this is cut (and is no code) */
#define MAX_TYPED 64

struct _EoScanView
{
  AdwBin              parent_instance;

  EoScanSession      *session;
  GtkEventController *keys;        /* on the root while mapped */
  GtkWidget          *keys_root;
  GString            *typed;       /* the line being typed */

  GtkLabel           *prompt_label;
  GtkLabel           *hint_label;
  GtkWidget          *result_box;
  GtkImage           *result_icon;
  GtkLabel           *result_title;
  GtkLabel           *result_message;
  GtkLabel           *typed_label;
  GtkLabel           *counts_label;
  GtkButton          *undo_button;
  GtkButton          *leave_button;
  GtkListBox         *pairs_list;
};

G_DEFINE_FINAL_TYPE (EoScanView, eo_scan_view, ADW_TYPE_BIN)

enum {
  SIGNAL_LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What is shown ----------------------------------------------------------------------------- */

static void
update_prompt (EoScanView *self)
{
  g_autofree char *text = NULL;

  if (self->session == NULL)
    {
      gtk_label_set_label (self->prompt_label, "");
      return;
    }

  if (eo_scan_session_get_busy (self->session))
    text = g_strdup (_("Looking the order up…"));
  else
    switch (eo_scan_session_get_state (self->session))
      {
      case EO_SCAN_STATE_WAITING_TRACKING:
        text = g_strdup_printf (_("Scan the tracking number of order %" PRId64),
                                eo_scan_session_get_bill_id (self->session));
        break;
      case EO_SCAN_STATE_HOLDING_TRACKING:
        text = g_strdup_printf (_("Scan the packing slip of the parcel %s"),
                                eo_scan_session_get_tracking (self->session));
        break;
      case EO_SCAN_STATE_WAITING_ORDER:
      default:
        text = g_strdup (_("Scan an order’s packing slip"));
        break;
      }

  gtk_label_set_label (self->prompt_label, text);
}

static void
update_counts (EoScanView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(EoScanPair) last = NULL;

  if (self->session == NULL)
    return;

  text = eo_scan_session_format_counts (self->session);
  gtk_label_set_label (self->counts_label, text);

  last = g_list_model_get_item (eo_scan_session_get_pairs (self->session), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button),
                            last != NULL &&
                            eo_scan_pair_get_state (last) != EO_SCAN_PAIR_UNDONE &&
                            eo_scan_pair_get_state (last) != EO_SCAN_PAIR_REFUSED);
}

static void
update_typed (EoScanView *self)
{
  gtk_label_set_label (self->typed_label, self->typed->str);
  gtk_widget_set_visible (GTK_WIDGET (self->typed_label), self->typed->len > 0);
}

/* Shows a result, big, and has screen readers say it: the alert is shown anew each time */
static void
show_result (EoScanView *self,
             gboolean    good,
             const char *title,
             const char *message)
{
  g_autofree char *spoken = g_strdup_printf ("%s. %s", title, message);

  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_image_set_from_icon_name (self->result_icon,
                                good ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_label_set_label (self->result_title, title);
  gtk_label_set_label (self->result_message, message);
  if (good)
    {
      gtk_widget_add_css_class (self->result_box, "good");
      gtk_widget_remove_css_class (self->result_box, "bad");
    }
  else
    {
      gtk_widget_add_css_class (self->result_box, "bad");
      gtk_widget_remove_css_class (self->result_box, "good");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  gtk_widget_set_visible (self->result_box, TRUE);

  /* the desktop's own cue for a refusal (a sound, or a flash, as the person set it) */
  if (!good)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static char *
result_title (const EoScanResult *result)
{
  switch (result->outcome)
    {
    case EO_SCAN_OUTCOME_ORDER_PICKED:
      return g_strdup_printf (_("Order %" PRId64), result->bill_id);
    case EO_SCAN_OUTCOME_QUEUED:
      return g_strdup_printf (_("Sent: %s"), result->tracking);
    case EO_SCAN_OUTCOME_SAME_PAIR:
      return g_strdup (_("Already Done"));
    case EO_SCAN_OUTCOME_NEED_ORDER:
      return g_strdup_printf (_("Tracking Number %s"), result->tracking);
    case EO_SCAN_OUTCOME_TRACKING_KNOWN:
      return g_strdup (_("Already Recorded"));
    case EO_SCAN_OUTCOME_TRACKING_TAKEN:
      return g_strdup (_("Another Order’s Number"));
    case EO_SCAN_OUTCOME_BAD_CHECK_DIGIT:
      return g_strdup (_("Wrong Check Digit"));
    case EO_SCAN_OUTCOME_UNREADABLE:
      return g_strdup (_("Not a Code"));
    case EO_SCAN_OUTCOME_UNKNOWN_ORDER:
      return g_strdup (_("No Such Order"));
    case EO_SCAN_OUTCOME_NOT_TO_SHIP:
      return g_strdup (_("Not to Ship"));
    case EO_SCAN_OUTCOME_REPEATED:
      return g_strdup (_("Read Twice"));
    case EO_SCAN_OUTCOME_FAILED:
    default:
      return g_strdup (_("Could Not Check"));
    }
}

static void
session_result_cb (EoScanView         *self,
                   const EoScanResult *result,
                   EoScanSession      *session)
{
  g_autofree char *title = result_title (result);

  show_result (self, eo_scan_result_is_good (result), title, result->message);
}

/* The pairs ---------------------------------------------------------------------------------- */

static void
update_pair_row (AdwActionRow *row,
                 GParamSpec   *pspec,
                 EoScanPair   *pair)
{
  const char *message = eo_scan_pair_get_message (pair);
  g_autofree char *subtitle = NULL;
  const char *state;

  switch (eo_scan_pair_get_state (pair))
    {
    case EO_SCAN_PAIR_SENT:
      state = _("Sent");
      break;
    case EO_SCAN_PAIR_REFUSED:
      state = _("Refused by the service");
      break;
    case EO_SCAN_PAIR_UNDONE:
      state = _("Taken back");
      break;
    case EO_SCAN_PAIR_WAITING:
    default:
      state = *message != '\0' ? _("Waiting for the connection") : _("Sending…");
      break;
    }

  if (*message != '\0' && eo_scan_pair_get_state (pair) == EO_SCAN_PAIR_REFUSED)
    subtitle = g_strdup_printf ("%s · %s: %s", eo_scan_pair_get_tracking (pair), state, message);
  else
    subtitle = g_strdup_printf ("%s · %s", eo_scan_pair_get_tracking (pair), state);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_pair_row (gpointer item,
                 gpointer user_data)
{
  EoScanPair *pair = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (*eo_scan_pair_get_full_name (pair) != '\0')
    title = g_strdup_printf (_("Order %" PRId64 " · %s"), eo_scan_pair_get_bill_id (pair),
                             eo_scan_pair_get_full_name (pair));
  else
    title = g_strdup_printf (_("Order %" PRId64), eo_scan_pair_get_bill_id (pair));
  /* names come from the shop: shown as text, never as markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  update_pair_row (ADW_ACTION_ROW (row), NULL, pair);
  g_signal_connect_object (pair, "notify::state", G_CALLBACK (update_pair_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pair, "notify::message", G_CALLBACK (update_pair_row), row,
                           G_CONNECT_SWAPPED);

  return row;
}

static void
pairs_changed_cb (EoScanView *self)
{
  GListModel *pairs = eo_scan_session_get_pairs (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->pairs_list), g_list_model_get_n_items (pairs) > 0);
  update_counts (self);
}

/* Keys -------------------------------------------------------------------------------------- */

static void
submit_typed (EoScanView *self)
{
  g_autofree char *code = g_strdup (self->typed->str);

  g_string_truncate (self->typed, 0);
  update_typed (self);
  if (self->session != NULL)
    eo_scan_session_feed (self->session, code, 0);
}

static gboolean
key_pressed_cb (EoScanView            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gunichar c;

  /* shortcuts go on (Ctrl+Shift+S leaves, Ctrl+Q quits...) */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Linefeed:
      /* Enter with nothing typed is the focused button's */
      if (self->typed->len == 0)
        return FALSE;
      submit_typed (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->typed->len > 0)
        {
          g_string_truncate (self->typed, 0);
          update_typed (self);
        }
      else
        {
          g_signal_emit (self, signals[SIGNAL_LEAVE], 0);
        }
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->typed->len == 0)
        return FALSE;
      {
        const char *last = g_utf8_find_prev_char (self->typed->str,
                                                  self->typed->str + self->typed->len);

        g_string_truncate (self->typed, last != NULL ? (gsize) (last - self->typed->str) : 0);
      }
      update_typed (self);
      return TRUE;

    case GDK_KEY_space:
      /* a space inside a code (some scanners group digits); else the focused button's */
      if (self->typed->len == 0)
        return FALSE;
      break;

    default:
      break;
    }

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c))
    return FALSE;

  if (g_utf8_strlen (self->typed->str, -1) < MAX_TYPED)
    g_string_append_unichar (self->typed, c);
  update_typed (self);

  return TRUE;
}

static void
eo_scan_view_map (GtkWidget *widget)
{
  EoScanView *self = EO_SCAN_VIEW (widget);

  GTK_WIDGET_CLASS (eo_scan_view_parent_class)->map (widget);

  /* every key of the window, before the widget with the focus sees it */
  self->keys_root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (self->keys_root != NULL)
    gtk_widget_add_controller (self->keys_root, g_object_ref (self->keys));
  g_string_truncate (self->typed, 0);
  update_typed (self);
}

static void
eo_scan_view_unmap (GtkWidget *widget)
{
  EoScanView *self = EO_SCAN_VIEW (widget);

  if (self->keys_root != NULL)
    {
      gtk_widget_remove_controller (self->keys_root, self->keys);
      self->keys_root = NULL;
    }

  GTK_WIDGET_CLASS (eo_scan_view_parent_class)->unmap (widget);
}

/* Buttons ----------------------------------------------------------------------------------- */

static void
undo_clicked_cb (EoScanView *self,
                 GtkButton  *button)
{
  g_autofree char *message = NULL;
  gboolean undone;

  if (self->session == NULL)
    return;

  undone = eo_scan_session_undo_last (self->session, &message, NULL);
  show_result (self, undone, undone ? _("Taken Back") : _("Cannot Take Back"), message);
  update_counts (self);
}

static void
leave_clicked_cb (EoScanView *self,
                  GtkButton  *button)
{
  g_signal_emit (self, signals[SIGNAL_LEAVE], 0);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
eo_scan_view_dispose (GObject *object)
{
  EoScanView *self = EO_SCAN_VIEW (object);

  eo_scan_view_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_SCAN_VIEW);

  G_OBJECT_CLASS (eo_scan_view_parent_class)->dispose (object);
}

static void
eo_scan_view_finalize (GObject *object)
{
  EoScanView *self = EO_SCAN_VIEW (object);

  g_clear_object (&self->keys);
  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (eo_scan_view_parent_class)->finalize (object);
}

static void
eo_scan_view_class_init (EoScanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_scan_view_dispose;
  object_class->finalize = eo_scan_view_finalize;
  widget_class->map = eo_scan_view_map;
  widget_class->unmap = eo_scan_view_unmap;

  signals[SIGNAL_LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/"
                                               "eo-scan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EoScanView, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, result_box);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, result_icon);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, result_title);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, result_message);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, typed_label);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, counts_label);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, undo_button);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, leave_button);
  gtk_widget_class_bind_template_child (widget_class, EoScanView, pairs_list);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_clicked_cb);
}

static void
eo_scan_view_init (EoScanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  /* the focus rests on the view itself in scan mode: no entry looks as if it took the codes,
   * and an Enter with nothing typed presses no button */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->typed = g_string_new (NULL);
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (self->keys, "scan-keys");
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
eo_scan_view_new (void)
{
  return g_object_new (EO_TYPE_SCAN_VIEW, NULL);
}

void
eo_scan_view_set_session (EoScanView    *self,
                          EoScanSession *session)
{
  g_return_if_fail (EO_IS_SCAN_VIEW (self));
  g_return_if_fail (session == NULL || EO_IS_SCAN_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (eo_scan_session_get_pairs (self->session), self);
      gtk_list_box_bind_model (self->pairs_list, NULL, NULL, NULL, NULL);
    }

  g_set_object (&self->session, session);
  gtk_widget_set_visible (self->result_box, FALSE);

  if (session != NULL)
    {
      GListModel *pairs = eo_scan_session_get_pairs (session);

      g_signal_connect_object (session, "result", G_CALLBACK (session_result_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (update_prompt), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::busy", G_CALLBACK (update_prompt), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::n-sent", G_CALLBACK (update_counts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::n-waiting", G_CALLBACK (update_counts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::n-refused", G_CALLBACK (update_counts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pairs, "items-changed", G_CALLBACK (pairs_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->pairs_list, pairs, create_pair_row, NULL, NULL);
      pairs_changed_cb (self);
    }

  update_prompt (self);
  update_counts (self);
}

EoScanSession *
eo_scan_view_get_session (EoScanView *self)
{
  g_return_val_if_fail (EO_IS_SCAN_VIEW (self), NULL);

  return self->session;
}
