/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-signature.h: PHP http_build_query-compatible parameters and the API's md5 signatures */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EO_TYPE_PARAMS (eo_params_get_type ())

/**
 * EoParams:
 * An ordered list of request parameters, as a PHP array passed to http_build_query().
 * Values are strings, booleans, integers, arrays and objects (JsonNode); a null value is left out.
 */
typedef struct _EoParams EoParams;

GType       eo_params_get_type        (void) G_GNUC_CONST;
EoParams   *eo_params_new             (void);
EoParams   *eo_params_ref             (EoParams   *self);
void        eo_params_unref           (EoParams   *self);
void        eo_params_add_string      (EoParams   *self,
                                       const char *key,
                                       const char *value);
void        eo_params_add_boolean     (EoParams   *self,
                                       const char *key,
                                       gboolean    value);
void        eo_params_add_int         (EoParams   *self,
                                       const char *key,
                                       gint64      value);
/* Takes a copy of value; arrays and objects become key[0], key[name]... */
void        eo_params_add_node        (EoParams   *self,
                                       const char *key,
                                       JsonNode   *value);
guint       eo_params_get_length      (EoParams   *self);
const char *eo_params_get_key         (EoParams   *self,
                                       guint       index);
JsonNode   *eo_params_get_value       (EoParams   *self,
                                       guint       index);
/* The value as a string when it is a scalar, else NULL */
const char *eo_params_lookup_string   (EoParams   *self,
                                       const char *key);

/* Exactly what PHP's http_build_query() makes of the parameters, in their order */
char       *eo_params_build_query     (EoParams   *self);

/* Decode an application/x-www-form-urlencoded body into flat key/value pairs, in order.
 * '+' is a space; a pair without '=' has the value "". Returns NULL when the body is not valid
 * (a bad %-escape, or an encoded NUL byte). Keys and values are bytes as sent, not checked as UTF-8. */
EoParams   *eo_params_new_from_form   (const char *body,
                                       gsize       length);

/* Append PHP urlencode() of len bytes of data to out */
void        eo_php_urlencode_append   (GString    *out,
                                       const char *data,
                                       gssize      len);

/* md5(query "::" login "::" secret), lower-case hex */
char       *eo_signature_request_hash (const char *query,
                                       const char *login,
                                       const char *secret);

/* md5(error_code "::" error_text "::" secret), lower-case hex */
char       *eo_signature_reply_hash   (gint64      error_code,
                                       const char *error_text,
                                       const char *secret);

/* Constant-time check of a reply's hash */
gboolean    eo_signature_check_reply  (gint64      error_code,
                                       const char *error_text,
                                       const char *hash,
                                       const char *secret);

/* Constant-time comparison of two strings (time depends only on the lengths) */
gboolean    eo_signature_equal        (const char *a,
                                       const char *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoParams, eo_params_unref)

G_END_DECLS
