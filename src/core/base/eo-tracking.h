/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-tracking.h: Russian Post tracking numbers (14-digit domestic and UPU S10) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EO_TRACKING_ERROR (eo_tracking_error_quark ())

typedef enum
{
  EO_TRACKING_ERROR_EMPTY,        /* nothing typed */
  EO_TRACKING_ERROR_LENGTH,       /* digits (or S10 shape) but the wrong count */
  EO_TRACKING_ERROR_CHARACTERS,   /* characters that belong in no Russian Post number */
  EO_TRACKING_ERROR_CHECK_DIGIT,  /* the check digit does not match: the message says the expected one */
} EoTrackingError;

typedef enum
{
  EO_TRACKING_KIND_UNKNOWN,       /* not a Russian Post number (maybe another carrier's) */
  EO_TRACKING_KIND_DOMESTIC,      /* 14 digits */
  EO_TRACKING_KIND_S10,           /* AA123456785RU */
} EoTrackingKind;

GQuark          eo_tracking_error_quark          (void);

/* Trim, drop spaces, tabs and dashes, upper-case ASCII letters; always returns a string */
char           *eo_tracking_normalize            (const char *input);

/* The check digit for 13 digits (domestic) or 8 digits (S10); -1 when the input is not that */
int             eo_tracking_domestic_check_digit (const char *first13);
int             eo_tracking_s10_check_digit      (const char *digits8);

/* Validate: returns the kind when it is a valid Russian Post number; on failure sets error
 * (translated, says what is wrong) and still returns the best-guess kind.
 * out_normalized (optional) always receives the normalized form. */
EoTrackingKind  eo_tracking_validate             (const char  *input,
                                                  char       **out_normalized,
                                                  GError     **error);

G_END_DECLS
