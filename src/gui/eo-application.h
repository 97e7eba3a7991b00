/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-application.h: the application: the shop (EoShop) handed to its windows, and its actions */
#pragma once

#include <adwaita.h>

#include "eo-shop.h"

G_BEGIN_DECLS

#define EO_TYPE_APPLICATION (eo_application_get_type ())

G_DECLARE_FINAL_TYPE (EoApplication, eo_application, EO, APPLICATION, AdwApplication)

EoApplication *eo_application_new            (void);
EoShop        *eo_application_get_shop       (EoApplication *self);
EoClient      *eo_application_get_client     (EoApplication *self);
/* TRUE while the app runs on the demo shop */
gboolean       eo_application_get_demo       (EoApplication *self);
/* Load the account again (after the preferences changed) */
void           eo_application_reload_account (EoApplication *self);

G_END_DECLS
