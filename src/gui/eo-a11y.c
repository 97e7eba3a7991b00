/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-a11y.c: small fixes to what the accessibility tree shows
 *
 * GTK 4.8 names a button with a mnemonic label twice over: its accessible label property holds
 * the raw label ("Mark as _Sent…") and its child label is added through labelled-by, so a
 * screen reader says "Mark as _Sent… Mark as Sent…" and a tester looking the button up by
 * "Mark as Sent…" does not find it. Dropping the raw label leaves the child's text alone. */
#include "eo-a11y.h"

static void
fix_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget)
      && gtk_button_get_use_underline (GTK_BUTTON (widget))
      && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * eo_a11y_fix_mnemonic_buttons:
 * @root: a widget
 *
 * Gives @root and every button under it that has a mnemonic label the plain text of that
 * label as its accessible name. Call it again when a button's label changes.
 */
void
eo_a11y_fix_mnemonic_buttons (GtkWidget *root)
{
  fix_button (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    eo_a11y_fix_mnemonic_buttons (child);
}
