/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-error.h: the one error domain of the core library */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EO_ERROR (eo_error_quark ())

/**
 * EoError:
 * Every failure the core reports, local or from the service.
 * Codes from EO_ERROR_SERVICE_BUG on are refusals by the service
 * (a genuine, signed reply with a non-zero error_code).
 */
typedef enum
{
  EO_ERROR_FAILED,           /* anything else local */
  EO_ERROR_INVALID_INPUT,    /* bad login, URL, order number, date, tracking number... */
  EO_ERROR_NO_ACCOUNT,       /* no account configured */
  EO_ERROR_NETWORK,          /* could not connect, connection dropped */
  EO_ERROR_TLS,              /* certificate or TLS handshake problem */
  EO_ERROR_TIMEOUT,          /* the service did not answer in time */
  EO_ERROR_HTTP_STATUS,      /* HTTP status other than 200 */
  EO_ERROR_NOT_JSON,         /* the reply is not a JSON object */
  EO_ERROR_TOO_LARGE,        /* the reply exceeded the size cap */
  EO_ERROR_BAD_SIGNATURE,    /* reply hash missing or wrong */
  EO_ERROR_BAD_REPLY,        /* a genuine reply whose content makes no sense (missing fields, wrong order) */
  EO_ERROR_CANCELLED,        /* the caller cancelled */

  /* The service refused (error_code != 0 in a genuine reply) */
  EO_ERROR_SERVICE_BUG,      /* 1, 2, 201, 203, 303: a request the app should never have made */
  EO_ERROR_WRONG_DATA,       /* 3: wrong posted data (also: no such order) */
  EO_ERROR_WRONG_KEY,        /* 4: incorrect hash */
  EO_ERROR_WRONG_LOGIN,      /* 5: invalid user name */
  EO_ERROR_IP_DENIED,        /* 6: permission denied for this IP */
  EO_ERROR_ACCOUNT_DISABLED, /* 7: account disabled */
  EO_ERROR_RATE_LIMITED,     /* 8: request limit exhausted */
  EO_ERROR_NO_SUCH_ORDER,    /* 200, 302, 400 */
  EO_ERROR_API_OTHER,        /* any other non-zero code */
} EoError;

GQuark   eo_error_quark          (void);

/* TRUE for EO_ERROR_CANCELLED and G_IO_ERROR_CANCELLED */
gboolean eo_error_is_cancelled   (const GError *error);

/* TRUE when the service itself refused the request (a genuine reply, error_code != 0) */
gboolean eo_error_is_refusal     (const GError *error);

/* TRUE when the same request may succeed later (network, timeout, HTTP 5xx, code 8...) */
gboolean eo_error_is_retryable   (const GError *error);

/* The EoError code for a service error_code (> 0) */
EoError  eo_error_from_api_code  (gint64 api_code);

/* A GError for a refusal: a translated explanation plus the service's own code and text */
GError  *eo_error_new_from_api   (gint64      api_code,
                                  const char *error_text);

/* Replace control characters and cut to max_chars: for text from the network shown to a person */
char    *eo_sanitize_text        (const char *text,
                                  gsize       max_chars);

G_END_DECLS
