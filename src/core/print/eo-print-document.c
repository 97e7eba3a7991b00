/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-document.c: the pages of a print run, their checks, the PDF and the list's CSV */

#include "config.h"

#include "eo-print-private.h"

#include <cairo-pdf.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "eo-error.h"

static const struct
{
  const char *key;
  double width, height;  /* mm */
  const char *name;      /* for messages */
} form_info[EO_PRINT_N_FORMS] = {
  { "slip", 210, 297, "packing slip" },
  { "slip-label", 100, 150, "packing slip (label)" },
  { "7p", 198, 141, "ф.7-п" },
  { "112ep", 210, 297, "ф.112ЭП" },
  { "list", 210, 297, "ф.103" },
  { "envelope-dl", 220, 110, "DL" },
  { "envelope-c5", 229, 162, "C5" },
  { "envelope-c4", 324, 229, "C4" },
  { "116", 297, 210, "ф.116" },
  { "107", 297, 210, "ф.107" },
};

/* What each form needs from the sender */
static const EoPrintSenderField needs_name[] = { EO_PRINT_SENDER_NAME };
static const EoPrintSenderField needs_postal[] = {
  EO_PRINT_SENDER_NAME, EO_PRINT_SENDER_ADDRESS, EO_PRINT_SENDER_CITY, EO_PRINT_SENDER_POSTCODE,
};
static const EoPrintSenderField needs_transfer[] = {
  EO_PRINT_SENDER_NAME, EO_PRINT_SENDER_ADDRESS, EO_PRINT_SENDER_CITY, EO_PRINT_SENDER_POSTCODE,
  EO_PRINT_SENDER_INN, EO_PRINT_SENDER_BANK, EO_PRINT_SENDER_BIK, EO_PRINT_SENDER_CORR_ACCOUNT,
  EO_PRINT_SENDER_ACCOUNT,
};

typedef struct
{
  EoPrintForm form;
  guint       parcel;  /* or the list's first row */
  guint       rows;    /* the list's rows on this page */
  guint       list_page, list_pages;
} Page;

struct _EoPrintDocument
{
  EoPrintSender  *sender;
  GPtrArray      *parcels;
  EoPrintOptions  options;
  GArray         *pages;  /* Page */
};

const char *
eo_print_form_key (EoPrintForm form)
{
  g_return_val_if_fail (form < EO_PRINT_N_FORMS, "");

  return form_info[form].key;
}

GArray *
eo_print_forms_parse (const char  *list,
                      GError     **error)
{
  g_autoptr(GArray) forms = g_array_new (FALSE, FALSE, sizeof (EoPrintForm));
  g_auto(GStrv) names = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      gboolean found = FALSE;

      if (name[0] == '\0')
        continue;
      for (int f = 0; f < EO_PRINT_N_FORMS; f++)
        if (g_ascii_strcasecmp (name, form_info[f].key) == 0)
          {
            EoPrintForm form = (EoPrintForm) f;

            g_array_append_val (forms, form);
            found = TRUE;
            break;
          }
      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (int f = 0; f < EO_PRINT_N_FORMS; f++)
            g_string_append_printf (known, "%s%s", f > 0 ? ", " : "", form_info[f].key);
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("There is no form “%s”. The forms are: %s."), name, known->str);
          return NULL;
        }
    }
  if (forms->len == 0)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_INVALID_INPUT, _("No form to print was named."));
      return NULL;
    }
  return g_steal_pointer (&forms);
}

EoPrintParcel *
eo_print_parcel_new (EoOrder    *order,
                     gint64      cod,
                     gint64      declared_value,
                     const char *tracking)
{
  EoPrintParcel *parcel = g_new0 (EoPrintParcel, 1);

  parcel->order = g_object_ref (order);
  parcel->cod = MAX (cod, 0);
  parcel->declared_value = MAX (declared_value, 0);
  parcel->tracking = tracking != NULL && tracking[0] != '\0' ? g_strdup (tracking) : NULL;
  return parcel;
}

void
eo_print_parcel_free (EoPrintParcel *parcel)
{
  if (parcel == NULL)
    return;
  g_object_unref (parcel->order);
  g_free (parcel->tracking);
  g_free (parcel);
}

gboolean
eo_print_form_missing_field (EoPrintForm          form,
                             const EoPrintSender *sender,
                             EoPrintSenderField  *out_field)
{
  const EoPrintSenderField *needs;
  gsize n_needs;

  g_return_val_if_fail (form < EO_PRINT_N_FORMS, FALSE);

  switch (form)
    {
    case EO_PRINT_FORM_SLIP:
    case EO_PRINT_FORM_SLIP_LABEL:
      needs = needs_name;
      n_needs = G_N_ELEMENTS (needs_name);
      break;
    case EO_PRINT_FORM_112EP:
      needs = needs_transfer;
      n_needs = G_N_ELEMENTS (needs_transfer);
      break;
    case EO_PRINT_FORM_7P:
    case EO_PRINT_FORM_LIST:
    case EO_PRINT_FORM_ENVELOPE_DL:
    case EO_PRINT_FORM_ENVELOPE_C5:
    case EO_PRINT_FORM_ENVELOPE_C4:
    case EO_PRINT_FORM_116:
    case EO_PRINT_FORM_107:
    case EO_PRINT_N_FORMS:
    default:
      needs = needs_postal;
      n_needs = G_N_ELEMENTS (needs_postal);
      break;
    }

  for (gsize i = 0; i < n_needs; i++)
    if (eo_print_sender_get (sender, needs[i])[0] == '\0')
      {
        if (out_field != NULL)
          *out_field = needs[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
check_sender (const EoPrintSender *sender,
              EoPrintForm          form,
              GError             **error)
{
  EoPrintSenderField missing;

  if (eo_print_form_missing_field (form, sender, &missing))
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The form “%s” needs the sender’s %s, which is not set (expertam sender --%s)."),
                   form_info[form].key, eo_print_sender_field_label (missing),
                   eo_print_sender_field_key (missing));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_parcel (const EoPrintParcel *parcel,
              GError             **error)
{
  if (parcel->cod > 0 && parcel->declared_value < parcel->cod)
    {
      g_autofree char *value = eo_print_money (parcel->declared_value);
      g_autofree char *cod = eo_print_money (parcel->cod);

      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, eo_order_get_id (parcel->order));

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("Order %s: the declared value (%s) is less than the cash-on-delivery sum (%s). "
                     "The post office does not accept such a parcel: raise the declared value to at "
                     "least the COD sum."),
                   id, value, cod);
      return FALSE;
    }
  return TRUE;
}

EoPrintDocument *
eo_print_document_new (const EoPrintSender   *sender,
                       GPtrArray             *parcels,
                       const EoPrintForm     *forms,
                       guint                  n_forms,
                       const EoPrintOptions  *options,
                       GError               **error)
{
  g_autoptr(EoPrintDocument) doc = NULL;

  g_return_val_if_fail (sender != NULL, NULL);
  g_return_val_if_fail (parcels != NULL, NULL);

  for (guint f = 0; f < n_forms; f++)
    {
      g_return_val_if_fail (forms[f] < EO_PRINT_N_FORMS, NULL);
      if (!check_sender (sender, forms[f], error))
        return NULL;
    }
  for (guint i = 0; i < parcels->len; i++)
    if (!check_parcel (g_ptr_array_index (parcels, i), error))
      return NULL;

  doc = g_new0 (EoPrintDocument, 1);
  doc->sender = eo_print_sender_copy (sender);
  doc->parcels = g_ptr_array_ref (parcels);
  if (options != NULL)
    doc->options = *options;
  doc->options.date = options != NULL && options->date != NULL ? g_date_time_ref (options->date)
                                                               : g_date_time_new_now_local ();
  if (doc->options.list_number == 0)
    doc->options.list_number = 1;
  doc->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  for (guint f = 0; f < n_forms; f++)
    {
      if (forms[f] == EO_PRINT_FORM_LIST)
        {
          guint n_pages = MAX (1, (parcels->len + EO_PRINT_LIST_ROWS_PER_PAGE - 1) / EO_PRINT_LIST_ROWS_PER_PAGE);

          for (guint p = 0; p < n_pages; p++)
            {
              Page page = { EO_PRINT_FORM_LIST, p * EO_PRINT_LIST_ROWS_PER_PAGE, 0, p, n_pages };

              page.rows = MIN (EO_PRINT_LIST_ROWS_PER_PAGE, parcels->len - page.parcel);
              g_array_append_val (doc->pages, page);
            }
          continue;
        }
      for (guint i = 0; i < parcels->len; i++)
        {
          const EoPrintParcel *parcel = g_ptr_array_index (parcels, i);
          Page page = { forms[f], i, 0, 0, 0 };

          /* The transfer form is the COD's: none for a parcel without one */
          if (forms[f] == EO_PRINT_FORM_112EP && parcel->cod <= 0)
            continue;
          /* The inventory is for parcels with a declared value */
          if (forms[f] == EO_PRINT_FORM_107 && parcel->declared_value <= 0)
            continue;
          g_array_append_val (doc->pages, page);
        }
    }

  if (doc->pages->len == 0)
    {
      g_set_error_literal (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                           _("Nothing to print: ф.112ЭП is only for parcels with cash on delivery, "
                             "ф.107 only for parcels with a declared value."));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

void
eo_print_document_free (EoPrintDocument *doc)
{
  if (doc == NULL)
    return;
  eo_print_sender_free (doc->sender);
  g_ptr_array_unref (doc->parcels);
  g_date_time_unref (doc->options.date);
  g_array_unref (doc->pages);
  g_free (doc);
}

guint
eo_print_document_get_n_pages (EoPrintDocument *doc)
{
  return doc->pages->len;
}

void
eo_print_document_get_page_size (EoPrintDocument *doc,
                                 guint            page,
                                 double          *width_mm,
                                 double          *height_mm)
{
  const Page *p;

  g_return_if_fail (page < doc->pages->len);

  p = &g_array_index (doc->pages, Page, page);
  *width_mm = form_info[p->form].width;
  *height_mm = form_info[p->form].height;
}

void
eo_print_document_draw_page (EoPrintDocument *doc,
                             guint            page,
                             cairo_t         *cr)
{
  const Page *p;
  EoPrintContext ctx = { 0 };
  const EoPrintParcel *parcel = NULL;

  g_return_if_fail (page < doc->pages->len);

  p = &g_array_index (doc->pages, Page, page);
  if (p->form != EO_PRINT_FORM_LIST)
    parcel = g_ptr_array_index (doc->parcels, p->parcel);

  cairo_save (cr);
  cairo_scale (cr, EO_MM_TO_PT, EO_MM_TO_PT);
  cairo_translate (cr, doc->options.offset_x[p->form], doc->options.offset_y[p->form]);
  ctx.cr = cr;
  ctx.sender = doc->sender;
  ctx.date = doc->options.date;
  ctx.list_number = doc->options.list_number;
  /* Slips and the list have no pre-printed blank */
  ctx.blank = doc->options.blank && p->form != EO_PRINT_FORM_SLIP &&
              p->form != EO_PRINT_FORM_SLIP_LABEL && p->form != EO_PRINT_FORM_LIST;

  switch (p->form)
    {
    case EO_PRINT_FORM_SLIP:
    case EO_PRINT_FORM_SLIP_LABEL:
      eo_print_draw_slip (&ctx, parcel, p->form == EO_PRINT_FORM_SLIP_LABEL);
      break;
    case EO_PRINT_FORM_7P:
      eo_print_draw_7p (&ctx, parcel);
      break;
    case EO_PRINT_FORM_112EP:
      eo_print_draw_112ep (&ctx, parcel);
      break;
    case EO_PRINT_FORM_LIST:
      eo_print_draw_list (&ctx, doc->parcels, p->parcel, p->rows,
                          p->list_page + 1 == p->list_pages, p->list_page, p->list_pages);
      break;
    case EO_PRINT_FORM_ENVELOPE_DL:
    case EO_PRINT_FORM_ENVELOPE_C5:
    case EO_PRINT_FORM_ENVELOPE_C4:
      eo_print_draw_envelope (&ctx, parcel, form_info[p->form].width, form_info[p->form].height);
      break;
    case EO_PRINT_FORM_116:
      eo_print_draw_116 (&ctx, parcel);
      break;
    case EO_PRINT_FORM_107:
      eo_print_draw_107 (&ctx, parcel);
      break;
    case EO_PRINT_N_FORMS:
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

gboolean
eo_print_document_write_pdf (EoPrintDocument  *doc,
                             const char       *filename,
                             GError          **error)
{
  return eo_print_document_write_pdf_full (doc, filename, NULL, NULL, NULL, error);
}

gboolean
eo_print_document_write_pdf_full (EoPrintDocument     *doc,
                                  const char          *filename,
                                  GCancellable        *cancellable,
                                  EoPrintProgressFunc  progress,
                                  gpointer             user_data,
                                  GError             **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean cancelled = FALSE;
  double w, h;

  eo_print_document_get_page_size (doc, 0, &w, &h);
  surface = cairo_pdf_surface_create (filename, w * EO_MM_TO_PT, h * EO_MM_TO_PT);
  cr = cairo_create (surface);
  for (guint i = 0; i < doc->pages->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      eo_print_document_get_page_size (doc, i, &w, &h);
      cairo_pdf_surface_set_size (surface, w * EO_MM_TO_PT, h * EO_MM_TO_PT);
      eo_print_document_draw_page (doc, i, cr);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (i + 1, doc->pages->len, user_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled)
    {
      g_unlink (filename);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The PDF was not written: stopped."));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_FAILED, _("Could not write “%s”: %s"),
                   filename, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
csv_money (gint64 kopecks)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", kopecks / 100, (int) (kopecks % 100));
}

char *
eo_print_list_csv (const EoPrintSender *sender,
                   GPtrArray           *parcels)
{
  GString *out = g_string_new (NULL);
  gint64 total_value = 0, total_cod = 0;
  g_autofree char *tv = NULL;
  g_autofree char *tc = NULL;
  g_autofree char *count = NULL;

  /* The columns of the printed list; fixed Russian headings, as on the form */
  g_string_append (out, "№,Заказ,Адресат,Телефон,Индекс,Адрес,ШПИ,Объявленная ценность,Наложенный платёж\r\n");
  for (guint i = 0; i < parcels->len; i++)
    {
      const EoPrintParcel *parcel = g_ptr_array_index (parcels, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, eo_order_get_id (parcel->order));
      g_autofree char *address = eo_print_order_address (parcel->order);
      g_autofree char *value = csv_money (parcel->declared_value);
      g_autofree char *cod = csv_money (parcel->cod);

      csv_field (out, n, FALSE);
      csv_field (out, id, FALSE);
      csv_field (out, eo_order_get_full_name (parcel->order), FALSE);
      csv_field (out, eo_order_get_phone (parcel->order), FALSE);
      csv_field (out, eo_order_get_postalcode (parcel->order), FALSE);
      csv_field (out, address, FALSE);
      csv_field (out, parcel->tracking != NULL ? parcel->tracking : "", FALSE);
      csv_field (out, value, FALSE);
      csv_field (out, cod, TRUE);
      total_value += parcel->declared_value;
      total_cod += parcel->cod;
    }
  tv = csv_money (total_value);
  tc = csv_money (total_cod);
  count = g_strdup_printf ("%u", parcels->len);
  csv_field (out, "Итого", FALSE);
  csv_field (out, count, FALSE);
  csv_field (out, eo_print_sender_get (sender, EO_PRINT_SENDER_NAME), FALSE);
  for (int i = 0; i < 4; i++)
    csv_field (out, "", FALSE);
  csv_field (out, tv, FALSE);
  csv_field (out, tc, TRUE);
  return g_string_free (out, FALSE);
}
