/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print-test-util.c: the sample sender and orders the printing tests draw */

#include "config.h"

#include "print-test-util.h"

EoPrintSender *
print_test_sender (void)
{
  EoPrintSender *sender = eo_print_sender_new ();

  eo_print_sender_set (sender, EO_PRINT_SENDER_NAME, "ИП Соколова Анна Викторовна");
  eo_print_sender_set (sender, EO_PRINT_SENDER_ADDRESS, "ул. Ленина, д. 5, оф. 12");
  eo_print_sender_set (sender, EO_PRINT_SENDER_CITY, "Тверь");
  eo_print_sender_set (sender, EO_PRINT_SENDER_REGION, "Тверская область");
  eo_print_sender_set (sender, EO_PRINT_SENDER_POSTCODE, "170100");
  eo_print_sender_set (sender, EO_PRINT_SENDER_PHONE, "+7 4822 55-44-33");
  eo_print_sender_set (sender, EO_PRINT_SENDER_INN, "690123456789");
  eo_print_sender_set (sender, EO_PRINT_SENDER_BANK, "ПАО Сбербанк, Тверское отделение № 8607");
  eo_print_sender_set (sender, EO_PRINT_SENDER_BIK, "042809679");
  eo_print_sender_set (sender, EO_PRINT_SENDER_CORR_ACCOUNT, "30101810700000000679");
  eo_print_sender_set (sender, EO_PRINT_SENDER_ACCOUNT, "40802810163000001234");
  return sender;
}

EoOrder *
print_test_order (gint64      id,
                  const char *last_name,
                  const char *first_name,
                  const char *postcode,
                  const char *address,
                  const char *comment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  EoOrder *order;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id_text);
#define MEMBER(name, value) \
  json_builder_set_member_name (builder, name); json_builder_add_string_value (builder, value)
  MEMBER ("last_name", last_name);
  MEMBER ("first_name", first_name);
  MEMBER ("middle_name", "");
  MEMBER ("phone", "+7 912 345-67-89");
  MEMBER ("email", "buyer@example.ru");
  MEMBER ("region", "");
  MEMBER ("city", "");
  MEMBER ("address", address);
  MEMBER ("postalcode", postcode);
  MEMBER ("created", "2026-12-01 10:24:05");
  MEMBER ("comment", comment);
  MEMBER ("price", "1990.00");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  MEMBER ("id", "17");
  MEMBER ("title", "Курс «Основы фотографии»");
  MEMBER ("sum", "1290.00");
  MEMBER ("price", "1290.00");
  MEMBER ("pincode", "PH-7Q4K-2M9X");
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  MEMBER ("id", "42");
  MEMBER ("title", "Набор для вышивания «Сирень»");
  MEMBER ("sum", "700.00");
  MEMBER ("price", "700.00");
  MEMBER ("pincode", "");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
#undef MEMBER
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  order = eo_order_new_from_json (node, "shop.example.ru", &error);
  g_assert_no_error (error);
  return order;
}

GPtrArray *
print_test_parcels (void)
{
  GPtrArray *parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  g_autoptr(EoOrder) a = print_test_order (1001, "Иванова", "Мария", "620014",
                                           "Екатеринбург, ул. Малышева, д. 51, кв. 12",
                                           "Позвоните за час до доставки, пожалуйста.");
  g_autoptr(EoOrder) b = print_test_order (1002, "Константинопольская-Преображенская",
                                           "Александра-Кристина Вячеславовна",
                                           "443099",
                                           "Самарская область, Волжский район, посёлок городского типа "
                                           "Краснознаменский, улица Героев Краснодонской молодогвардии, "
                                           "дом 117, корпус 3, строение 2, подъезд 4, квартира 1138",
                                           "");
  g_autoptr(EoOrder) c = print_test_order (1003, "Петров", "Илья", "101000",
                                           "Москва, Чистопрудный бульвар, д. 2", "");

  g_ptr_array_add (parcels, eo_print_parcel_new (a, 199000, 199000, "80102700123457"));
  g_ptr_array_add (parcels, eo_print_parcel_new (b, 2105, 500000, "LS018350611RU"));
  g_ptr_array_add (parcels, eo_print_parcel_new (c, 0, 0, NULL));
  return parcels;
}
