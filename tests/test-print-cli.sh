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

# A field of digits only is refused with the reason, and nothing is kept
run -- sender --inn 12345 --postcode 170100
if [ "$status" = 2 ] && grep -q "INN.*10 digits.*5 digits" "$tmp/err"; then
  run -- sender
  if grep -q '^inn: *$' "$tmp/out"; then
    pass "expertam sender refuses an INN of 5 digits and keeps nothing"
  else
    fail "expertam sender refuses an INN of 5 digits and keeps nothing (it was kept)"
  fi
else
  fail "expertam sender refuses an INN of 5 digits and keeps nothing (exit $status)"
fi
run -- sender --bik "04 2809 679"
if [ "$status" = 0 ] && grep -q '^bik: *042809679$' "$tmp/out"; then
  pass "expertam sender keeps a BIK typed with spaces as its digits"
else
  fail "expertam sender keeps a BIK typed with spaces as its digits (exit $status)"
fi
run -- sender --bik ""

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

# --to-ship prints exactly the to-ship list's orders: one set aside, 3005 (paid, no address) and
# 3003 (not paid) are not in it
run "${account[@]}" -- set-aside 3019
run "${account[@]}" -- to-ship
to_ship=$(cut -f1 "$tmp/out")
run "${account[@]}" -- print --to-ship --forms slip -o "$tmp/to-ship.pdf"
to_ship_run=$(sed -n 's/^Recorded as print run \([0-9]*\)\.$/\1/p' "$tmp/out")
to_ship_pages=$(pdfinfo "$tmp/to-ship.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
text="$(pdftotext "$tmp/to-ship.pdf" - 2>/dev/null | tr -s ' \n' '  ') "
missing=
for n in $to_ship; do [[ "$text" == *"Заказ № $n "* ]] || missing="$missing $n"; done
stray=
for n in 3019 3005 3003; do [[ "$text" != *"Заказ № $n "* ]] || stray="$stray $n"; done
if [ "$status" = 0 ] && [ "$(echo "$to_ship" | wc -w)" -ge 2 ] && [ -z "$missing" ] &&
   [ -z "$stray" ] && [ "$to_ship_pages" = "$(echo "$to_ship" | wc -w)" ] && [ -n "$to_ship_run" ]; then
  pass "print --to-ship prints a slip for each to-ship order, none for the others, and records the run"
else
  fail "print --to-ship prints a slip for each to-ship order (exit $status, missing:$missing, stray:$stray)"
fi

# --since and --offline as for to-ship: the same orders, the shop not asked (its address here is
# closed)
since=$(date -d '7 days ago' +%Y-%m-%d)
closed=(EXPERTAM_API_URL=http://127.0.0.1:9/api/ EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key")
run "${closed[@]}" -- to-ship --offline --since "$since"
recent=$(cut -f1 "$tmp/out")
run "${closed[@]}" -- print --to-ship --offline --since "$since" --forms slip -o "$tmp/recent.pdf"
recent_pages=$(pdfinfo "$tmp/recent.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
recent_text="$(pdftotext "$tmp/recent.pdf" - 2>/dev/null | tr -s ' \n' '  ') "
missing=
for n in $recent; do [[ "$recent_text" == *"Заказ № $n "* ]] || missing="$missing $n"; done
n_recent=$(echo "$recent" | wc -w)
if [ "$status" = 0 ] && [ "$n_recent" -ge 1 ] && [ "$n_recent" -lt "$(echo "$to_ship" | wc -w)" ] &&
   [ "$recent_pages" = "$n_recent" ] && [ -z "$missing" ]; then
  pass "print --to-ship --offline --since prints the orders to-ship lists for that day on ($n_recent)"
else
  fail "print --to-ship --offline --since prints the orders to-ship lists (exit $status, $recent_pages pages for $n_recent)"
fi

# --history lists the runs newest first: the to-ship run, then the two-order one with its forms
run "${account[@]}" -- print --history
first_ids=$(echo $to_ship)
if [ "$status" = 0 ] && sed -n 2p "$tmp/out" | grep -qP "^$to_ship_run\t[0-9-]+ [0-9:]+\tslip\t-\t$first_ids\$" &&
   grep -qP "\tslip,7p,list\t-\t1001 1002\$" "$tmp/out" &&
   [ "$(wc -l <"$tmp/out")" = 6 ]; then
  pass "print --history lists the six runs, newest first, with their forms and orders"
else
  fail "print --history lists the six runs, newest first, with their forms and orders (exit $status)"
fi
run "${account[@]}" -- print --history --limit 2
if [ "$status" = 0 ] && [ "$(wc -l <"$tmp/out")" = 2 ]; then
  pass "print --history --limit 2 lists two runs"
else
  fail "print --history --limit 2 lists two runs (exit $status)"
fi

# --again prints the run as recorded, from the saved orders: the shop is not asked, and the run
# is not recorded twice
run "${closed[@]}" -- print --again "$to_ship_run" -o "$tmp/again.pdf"
again_pages=$(pdfinfo "$tmp/again.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
again_text="$(pdftotext "$tmp/again.pdf" - 2>/dev/null | tr -s ' \n' '  ') "
if [ "$status" = 0 ] && [ -n "$again_pages" ] && [ "$again_pages" = "$to_ship_pages" ] &&
   [ "$again_text" = "$text" ] && ! grep -q "Recorded" "$tmp/out"; then
  pass "print --again reprints the to-ship run from the saved orders ($again_pages pages, same text)"
else
  fail "print --again reprints the to-ship run from the saved orders (exit $status, $again_pages pages)"
fi
run "${account[@]}" -- print --history
if [ "$(wc -l <"$tmp/out")" = 6 ]; then
  pass "a run printed again is not recorded again"
else
  fail "a run printed again is not recorded again ($(wc -l <"$tmp/out") runs)"
fi
# The COD and declared value as recorded, not as they would be now
run "${account[@]}" -- print 1002 --forms 7p --cod 100 --value 200 -o "$tmp/sums.pdf"
sums_run=$(sed -n 's/^Recorded as print run \([0-9]*\)\.$/\1/p' "$tmp/out")
run "${account[@]}" -- print --again "$sums_run" -o "$tmp/sums-again.pdf"
if [ "$status" = 0 ] &&
   pdftotext "$tmp/sums-again.pdf" - 2>/dev/null | tr -s ' \n' '  ' | grep -q "100 (сто) руб. 00 коп."; then
  pass "print --again prints the COD recorded"
else
  fail "print --again prints the COD recorded (exit $status)"
fi

expect "print --again of an unknown run exits 2" 2 "${account[@]}" -- print --again 999 -o "$tmp/bad.pdf"
expect_in err "no print run 999" "  and says so"
expect "print --again with --forms exits 2" 2 "${account[@]}" -- print --again "$to_ship_run" --forms 7p -o "$tmp/bad.pdf"
expect "print --to-ship with order numbers exits 2" 2 "${account[@]}" -- print --to-ship 1001 -o "$tmp/bad.pdf"
expect "print --since without --to-ship exits 2" 2 "${account[@]}" -- print 1001 --since 2024-01-01 -o "$tmp/bad.pdf"
expect "print --history with -o exits 2" 2 "${account[@]}" -- print --history -o "$tmp/bad.pdf"

echo "1..$((passed + failed))"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
