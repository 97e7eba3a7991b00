/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-date-time-row.c: a row to pick a date (calendar) and a time (hours, minutes) */
#include "config.h"

#include "eo-date-time-row.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>

struct _EoDateTimeRow
{
  AdwActionRow    parent_instance;

  GDateTime      *date_time;

  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;

  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (EoDateTimeRow, eo_date_time_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The row shows minutes, so it holds minutes: what it shows is what is sent */
static GDateTime *
truncate_to_minute (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return g_date_time_new_local (g_date_time_get_year (local),
                                g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local),
                                g_date_time_get_hour (local),
                                g_date_time_get_minute (local),
                                0);
}

/* Show the widgets' values from self->date_time, without reacting to their own signals */
static void
eo_date_time_row_sync_widgets (EoDateTimeRow *self)
{
  g_autofree char *label = NULL;

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, self->date_time);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (self->date_time));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (self->date_time));
  self->updating = FALSE;

  /* TRANSLATORS: the day of posting or payment on a button, see the strftime manual */
  label = g_date_time_format (self->date_time, _("%-d %b %Y"));
  gtk_menu_button_set_label (self->date_button, label);
}

static void
eo_date_time_row_update_from_widgets (EoDateTimeRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) date_time = NULL;

  if (self->updating)
    return;

  day = gtk_calendar_get_date (self->calendar);
  date_time = g_date_time_new_local (g_date_time_get_year (day),
                                     g_date_time_get_month (day),
                                     g_date_time_get_day_of_month (day),
                                     gtk_spin_button_get_value_as_int (self->hour_spin),
                                     gtk_spin_button_get_value_as_int (self->minute_spin),
                                     0);
  if (date_time != NULL)
    eo_date_time_row_set_date_time (self, date_time);
}

static void
calendar_day_selected_cb (EoDateTimeRow *self,
                          GtkCalendar   *calendar)
{
  eo_date_time_row_update_from_widgets (self);
  gtk_menu_button_popdown (self->date_button);
}

static void
time_changed_cb (EoDateTimeRow *self,
                 GtkSpinButton *spin)
{
  eo_date_time_row_update_from_widgets (self);
}

/* Two digits, as on a clock */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  eo_date_time_row_set_date_time (EO_DATE_TIME_ROW (widget), now);
}

static void
eo_date_time_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EO_TYPE_DATE_TIME_ROW);

  G_OBJECT_CLASS (eo_date_time_row_parent_class)->dispose (object);
}

static void
eo_date_time_row_finalize (GObject *object)
{
  EoDateTimeRow *self = EO_DATE_TIME_ROW (object);

  g_clear_pointer (&self->date_time, g_date_time_unref);

  G_OBJECT_CLASS (eo_date_time_row_parent_class)->finalize (object);
}

static void
eo_date_time_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EoDateTimeRow *self = EO_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      g_value_set_boxed (value, self->date_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_date_time_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EoDateTimeRow *self = EO_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      eo_date_time_row_set_date_time (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_date_time_row_class_init (EoDateTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_date_time_row_dispose;
  object_class->finalize = eo_date_time_row_finalize;
  object_class->get_property = eo_date_time_row_get_property;
  object_class->set_property = eo_date_time_row_set_property;

  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-date-time-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EoDateTimeRow, date_button);
  gtk_widget_class_bind_template_child (widget_class, EoDateTimeRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, EoDateTimeRow, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, EoDateTimeRow, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_install_action (widget_class, "date-time.now", NULL, now_action);
}

static void
eo_date_time_row_init (EoDateTimeRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->date_time = truncate_to_minute (now);
  eo_date_time_row_sync_widgets (self);
}

GDateTime *
eo_date_time_row_get_date_time (EoDateTimeRow *self)
{
  g_return_val_if_fail (EO_IS_DATE_TIME_ROW (self), NULL);

  return self->date_time;
}

void
eo_date_time_row_set_date_time (EoDateTimeRow *self,
                                GDateTime     *date_time)
{
  g_autoptr(GDateTime) minutes = NULL;

  g_return_if_fail (EO_IS_DATE_TIME_ROW (self));
  g_return_if_fail (date_time != NULL);

  minutes = truncate_to_minute (date_time);

  if (g_date_time_equal (minutes, self->date_time))
    return;

  g_date_time_unref (self->date_time);
  self->date_time = g_steal_pointer (&minutes);
  eo_date_time_row_sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TIME]);
}
