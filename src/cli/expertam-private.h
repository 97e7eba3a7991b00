/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-private.h: what the `expertam` command's files share: the builtins, errors, helpers */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eo-client.h"
#include "eo-outbox-client.h"
#include "eo-print-document.h"
#include "eo-shop.h"
#include "eo-store.h"

G_BEGIN_DECLS

/* Exit statuses, as DESIGN.md gives them: 3 is network, TLS, timeout or reply failure */
enum
{
  EXIT_DONE = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_FAILED = 3,
};

#define MAX_BILL_ID_DIGITS 18
#define MAX_KEY_LENGTH     1024
#define MAX_SHOWN_CHARS    2000
#define LABEL_WIDTH        16

/*
 * The command's own errors, for what the core does not say itself. main() prints the message
 * of a builtin's error as the one line on stderr, and exits with the status its code names
 * (a core error's status comes from expertam_status_for_error()).
 */
#define EXPERTAM_ERROR (expertam_error_quark ())

typedef enum
{
  EXPERTAM_ERROR_NOTHING_FOUND = EXIT_DONE,  /* said on stderr, but not a failure */
  EXPERTAM_ERROR_REFUSED = EXIT_REFUSED,
  EXPERTAM_ERROR_USAGE = EXIT_USAGE,
  EXPERTAM_ERROR_FAILED = EXIT_FAILED,
} ExpertamError;

GQuark          expertam_error_quark          (void);
int             expertam_status_for_error     (const GError *error);

/* A subcommand: args[0] is "expertam CMD", then its arguments. FALSE with error on failure. */
typedef gboolean (*ExpertamBuiltin) (char    **args,
                                     GError  **error);

gboolean        expertam_builtin_show         (char **args, GError **error);
gboolean        expertam_builtin_ship         (char **args, GError **error);
gboolean        expertam_builtin_status       (char **args, GError **error);
gboolean        expertam_builtin_ship_batch   (char **args, GError **error);
gboolean        expertam_builtin_outbox       (char **args, GError **error);
gboolean        expertam_builtin_search       (char **args, GError **error);
gboolean        expertam_builtin_login        (char **args, GError **error);
gboolean        expertam_builtin_api          (char **args, GError **error);
gboolean        expertam_builtin_demo_server  (char **args, GError **error);
gboolean        expertam_builtin_sync         (char **args, GError **error);
gboolean        expertam_builtin_to_ship      (char **args, GError **error);
gboolean        expertam_builtin_set_aside    (char **args, GError **error);
gboolean        expertam_builtin_scan         (char **args, GError **error);
gboolean        expertam_builtin_customer     (char **args, GError **error);
gboolean        expertam_builtin_print        (char **args, GError **error);
gboolean        expertam_builtin_sender_details (char **args, GError **error);

/* The app's settings, or an error saying they are not installed; the sender's details from
 * them (expertam-sender-details.c) */
GSettings      *expertam_open_settings        (GError **error);
EoPrintSender  *expertam_load_sender          (GError **error);

/* Options (expertam-main.c) */

#define HELP_ENTRY(flag) \
  { "help", 'h', 0, G_OPTION_ARG_NONE, (flag), N_("Show this help"), NULL }

GOptionContext *expertam_option_context_new   (const char          *parameters,
                                               const char          *summary,
                                               const char          *description);
/* Parses *args in place (and drops the "--" that lets an argument start with a dash) */
gboolean        expertam_parse_options        (GOptionContext      *context,
                                               const GOptionEntry  *entries,
                                               char              ***args,
                                               GError             **error);
/* The command's --help on stdout; TRUE */
gboolean        expertam_print_help           (GOptionContext      *context);
/* "WHAT (see “expertam CMD --help”)", a usage error; FALSE */
gboolean        expertam_fail_arguments       (GError             **error,
                                               const char          *what);

/* Output (expertam-output.c) */

void            expertam_print_out            (const char *text);
void            expertam_print_line           (const char *format,
                                               ...) G_GNUC_PRINTF (1, 2);
/* "expertam: MESSAGE" on stderr, one line */
void            expertam_print_error_line     (const char *message);
/* Text from the network, made safe for a terminal */
char           *expertam_clean                (const char *text);
void            expertam_print_labelled       (const char *label,
                                               const char *value);
void            expertam_print_field          (const char *label,
                                               const char *value);
void            expertam_print_money_field    (const char *label,
                                               gint64      kopecks);
char           *expertam_format_date          (GDateTime  *date);
void            expertam_print_date_field     (const char *label,
                                               GDateTime  *date);
char           *expertam_node_to_pretty_json  (JsonNode   *node);
void            expertam_print_order          (EoOrder    *order);
const char     *expertam_status_word          (const char *status);
const char     *expertam_state_name           (EoOutboxState state);
char           *expertam_pad                  (const char *text,
                                               guint       width);
char           *expertam_describe_change      (EoOutboxChange *change);

/* The account, the store and the arguments (expertam-common.c) */

void            expertam_store_result_cb      (GObject       *source,
                                               GAsyncResult  *result,
                                               gpointer       user_data);
void            expertam_wait_for_result      (GAsyncResult **result);
EoShop         *expertam_open_shop            (GError       **error);
EoClient       *expertam_open_client          (GError       **error);
EoStore        *expertam_open_store           (GError       **error);
gint64          expertam_now_seconds          (void);
gboolean        expertam_parse_bill_id        (const char    *text,
                                               gint64        *out_bill_id,
                                               GError       **error);
GDateTime      *expertam_parse_date_or_now    (const char    *text,
                                               GError       **error);
gboolean        expertam_parse_jobs           (int            jobs,
                                               GError       **error);

/* Syncing (expertam-sync.c) */

/* --since's date (eo_date_parse_human), or NULL when not given */
gboolean        expertam_parse_since          (const char    *text,
                                               GDateTime    **out_since,
                                               GError       **error);
/* Syncs the shop's paid orders into store from since's day (NULL: incremental); progress on
 * stderr when it is a terminal; a result line on stdout unless quiet */
gboolean        expertam_run_sync             (EoShop        *shop,
                                               EoStore       *store,
                                               GDateTime     *since,
                                               gboolean       quiet,
                                               GError       **error);

/* The to-ship list (expertam-to-ship.c) */

/* The to-ship list of store (a GListModel of EoToShipOrder), synced first unless offline (as
 * expertam_run_sync, quiet), only the orders made since since's day (Moscow time) when given */
GListModel     *expertam_load_to_ship         (EoShop        *shop,
                                               EoStore       *store,
                                               GDateTime     *since,
                                               gboolean       offline,
                                               GError       **error);

/* Sending the outbox (expertam-sender.c; one change for ship and status: expertam-queue.c) */

/* What became of one change this command queued */
typedef struct
{
  gboolean       attempted;
  EoOutboxState  state;
  GError        *error;
} ExpertamOutcome;

typedef struct
{
  EoClient   *client;
  EoStore    *store;
  GHashTable *watched;     /* gint64 change id -> ExpertamOutcome: this command's own changes */
  gboolean    print_all;   /* a result line for the watched changes too (batch, outbox --retry) */
  guint       sent;
  guint       refused;
  guint       failed;      /* failed for good without a refusal (bad signature...) */
  guint       queued;
} ExpertamSender;

void            expertam_sender_clear         (ExpertamSender  *sender);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExpertamSender, expertam_sender_clear)

gboolean        expertam_sender_open          (ExpertamSender  *sender,
                                               GError         **error);
void            expertam_sender_watch         (ExpertamSender  *sender,
                                               gint64           id);
ExpertamOutcome *expertam_sender_lookup       (ExpertamSender  *sender,
                                               gint64           id);
gboolean        expertam_send_due             (ExpertamSender  *sender,
                                               guint            jobs,
                                               GError         **error);
gboolean        expertam_finish_sending       (ExpertamSender  *sender,
                                               guint            already_sent,
                                               GError         **error);
gboolean        expertam_queue_and_send       (gint64           bill_id,
                                               EoOrderStatus    order_status,
                                               GDateTime      **date,
                                               gboolean         date_given,
                                               const char      *rpo,
                                               GError         **error);

G_END_DECLS
