/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-secrets.h: the API key in the Secret Service, keyed by service host and login */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *eo_secrets_get_schema   (void) G_GNUC_CONST;

void      eo_secrets_store_async    (const char          *host,
                                     const char          *login,
                                     const char          *secret,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  eo_secrets_store_finish   (GAsyncResult        *result,
                                     GError             **error);

/* Returns NULL without an error when no key is stored */
void      eo_secrets_lookup_async   (const char          *host,
                                     const char          *login,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
char     *eo_secrets_lookup_finish  (GAsyncResult        *result,
                                     GError             **error);

void      eo_secrets_clear_async    (const char          *host,
                                     const char          *login,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  eo_secrets_clear_finish   (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
