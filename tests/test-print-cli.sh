#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `expertam sender` and `expertam print` against the demo shop:
#   tests/test-print-cli.sh PATH-TO-EXPERTAM   (GSETTINGS_SCHEMA_DIR: the build's data folder)
# The sender's details kept between runs (keyfile settings in a temporary home), the PDF's pages
# and text read back, and the bad input that exits 2: a declared value below the COD sum, an
# unknown form, a sender field a form needs. TAP, then "N passed, M failed".
set -euo pipefail

cli=${1:?usage: test-print-cli.sh PATH-TO-EXPERTAM}
if [ ! -f "${GSETTINGS_SCHEMA_DIR:-}/gschemas.compiled" ]; then
  echo "Bail out! GSETTINGS_SCHEMA_DIR must name the build's data folder (the compiled schema)"
  exit 1
fi
export G_DEBUG=gc-friendly,fatal-warnings GIO_USE_PROXY_RESOLVER=dummy
unset EXPERTAM_LOGIN EXPERTAM_API_KEY EXPERTAM_API_URL
export GSETTINGS_BACKEND=keyfile

. "$(dirname "$0")/cli-harness.sh"

start_demo_server

# The sender's details: set in one run, printed by the next
run -- sender --name "ИП Соколова Анна" --address "ул. Ленина, д. 5" --city Тверь --postcode 170100
run -- sender
if [ "$status" = 0 ] && grep -q '^name: *ИП Соколова Анна$' "$tmp/out" &&
   grep -q '^postcode: *170100$' "$tmp/out" && grep -q '^inn: *$' "$tmp/out"; then
  pass "expertam sender keeps the details between runs and prints them"
else
  fail "expertam sender keeps the details between runs and prints them (exit $status)"
fi

# 1002 is left to pay 3770: that is its COD, and its sum the declared value
run "${account[@]}" -- print 1001 1002 --forms slip,7p,list --track 80102700123457 \
  --track LS018350611RU -o "$tmp/out.pdf" --csv "$tmp/list.csv"
pages=$(pdfinfo "$tmp/out.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
text=$(pdftotext "$tmp/out.pdf" - 2>/dev/null | tr -s ' \n' '  ')
if [ "$status" = 0 ] && [ "$pages" = 5 ] && [[ "$text" == *"Заказ № 1001"* ]] &&
   [[ "$text" == *"Петров Алексей"* ]] && [[ "$text" == *"117279"* ]] &&
   [[ "$text" == *"3770 (три тысячи семьсот семьдесят) руб. 00 коп."* ]] &&
   [[ "$text" == *"ИП Соколова Анна"* ]] && grep -q ',LS018350611RU,3770.00,3770.00' "$tmp/list.csv"; then
  pass "print writes slips, 7-п and the list for two fetched orders (5 pages), COD = left to pay"
else
  fail "print writes slips, 7-п and the list for two fetched orders (exit $status, $pages pages)"
fi

# The calibration: an offset given once is saved and moves the 7-п's data in the next runs
xmin_of ()
{
  pdftotext -bbox "$1" - 2>/dev/null | sed -n 's/.*<word xMin="\([0-9.]*\)".*>Алексей<\/word>.*/\1/p' | head -n 1
}
run "${account[@]}" -- print 1002 --forms 7p -o "$tmp/a.pdf"
before=$(xmin_of "$tmp/a.pdf")
run "${account[@]}" -- print 1002 --forms 7p --offset 7p=10,0 -o "$tmp/b.pdf"
run "${account[@]}" -- print 1002 --forms 7p -o "$tmp/c.pdf"
after=$(xmin_of "$tmp/c.pdf")
moved=$(python3 -c "print(round(($after - $before) * 25.4 / 72, 1))" 2>/dev/null || echo "?")
if [ "$status" = 0 ] && [ "$moved" = "10.0" ]; then
  pass "an --offset is saved: the next 7-п's data is 10 mm to the right"
else
  fail "an --offset is saved: the next 7-п's data is 10 mm to the right (moved $moved mm)"
fi

# Bad input: exit 2, one line naming what is wrong, no PDF
check_usage ()
{
  local what=$1 pattern=$2
  shift 2
  rm -f "$tmp/bad.pdf"
  run "${account[@]}" -- print "$@" -o "$tmp/bad.pdf"
  if [ "$status" = 2 ] && grep -q "$pattern" "$tmp/err" && [ ! -e "$tmp/bad.pdf" ] &&
     [ "$(wc -l <"$tmp/err")" = 1 ]; then
    pass "$what: exit 2 and the reason"
  else
    fail "$what: exit 2 and the reason (exit $status)"
  fi
}
check_usage "a declared value below the COD sum" "declared value (100,00 руб.) is less than the cash-on-delivery sum (3 770,00 руб.)" 1002 --value 100
check_usage "an unknown form" "no form “7a”" 1001 --forms slip,7a
check_usage "ф.112ЭП without the sender's INN" "needs the sender’s INN.*--inn" 1002 --forms 112ep
check_usage "an offset that is not one" "not an offset" 1001 --offset 7p=4
check_usage "a tracking number for one of two orders" "one --track for each order" 1001 1002 --track LS018350611RU

echo "1..$((passed + failed))"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
