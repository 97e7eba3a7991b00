#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The to-ship commands against the demo shop: tests/test-ship.sh PATH-TO-EXPERTAM
# sync, to-ship, set-aside and customer: exit statuses; every paid order with a postal address in
# range listed exactly once, oldest paid first; shipping one removes it; one whose sent mark waits
# in the outbox shows as sending; set aside and undone. The account comes from the environment.
# Prints TAP-style lines and, last, "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

cli=${1:?usage: test-ship.sh PATH-TO-EXPERTAM}
export G_DEBUG=gc-friendly,fatal-warnings
export GIO_USE_PROXY_RESOLVER=dummy
. "$(dirname "$0")/cli-harness.sh"

# A check in python3 on the last stdout as JSON (d) and on $tmp/expected (e, a list of ids)
expect_json ()
{
  if python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
e = [int(x) for x in open(sys.argv[2]).read().split()]
sys.exit(0 if eval(sys.argv[3]) else 1)' "$tmp/out" "$tmp/expected" "$1" 2>>"$tmp/err"; then
    pass "$2"
  else
    fail "$2 (JSON check: $1)"
  fi
}

# The ids of a to-ship --json on stdout
json_ids ()
{
  python3 -c 'import json, sys; print(" ".join(str(o["id"]) for o in json.load(open(sys.argv[1]))))' "$tmp/out"
}

start_demo_server
pass "the demo shop runs"
export EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$url"

# Help and usage
run -- --help
for c in sync to-ship set-aside customer; do
  expect_in out "  $c " "--help lists $c"
done
for c in sync to-ship set-aside customer; do
  expect "$c --help" 0 -- "$c" --help
  expect_in out "Usage:" "$c --help prints its usage"
done
expect "sync takes no arguments" 2 -- sync 1001
expect "sync --since must be a date" 2 -- sync --since yesterday-ish
expect "to-ship --since must be a date" 2 -- to-ship --since 2024-13-45
expect "set-aside needs an order number" 2 -- set-aside
expect "set-aside refuses a non-number" 2 -- set-aside 12ab
expect "customer needs an e-mail" 2 -- customer
expect "customer refuses a non-address" 2 -- customer nobody

# What the shop has: its paid orders with a postal address made in the last 60 days (Moscow
# days), fetched 20 days at a time through `expertam api`
since=$(TZ=Europe/Moscow date -d '60 days ago' +%Y-%m-%d)
: >"$tmp/expected"
for start in 60 40 20; do
  begin=$(TZ=Europe/Moscow date -d "$start days ago" +%d.%m.%Y)
  end=$(TZ=Europe/Moscow date -d "$((start - 19)) days ago" +%d.%m.%Y)
  [ "$start" = 20 ] && end=$(TZ=Europe/Moscow date +%d.%m.%Y)
  run -- api getOrdersWithGoods begin_date="$begin" end_date="$end" paid=1
  python3 -c '
import json, sys
for o in json.load(open(sys.argv[1]))["result"]:
    if o.get("pay_status") == "paid" and (o.get("postalcode") or o.get("address")):
        print(o["id"])' "$tmp/out" >>"$tmp/expected"
done
if [ "$(wc -l <"$tmp/expected")" -gt 5 ]; then
  pass "the shop has paid orders with an address in the last 60 days"
else
  fail "the shop has paid orders with an address in the last 60 days"
fi

# sync
expect "sync --since 60 days ago" 0 -- sync --since "$since"
expect_in out "Synced" "sync prints a result line"
if [ -s "$tmp/err" ]; then fail "no progress on stderr when it is not a terminal"; else pass "no progress on stderr when it is not a terminal"; fi

# to-ship
expect "to-ship --offline --json" 0 -- to-ship --offline --json --since "$since"
expect_json 'sorted(o["id"] for o in d) == sorted(e)' "every paid order with an address in range is listed"
expect_json 'len(d) == len(set(o["id"] for o in d))' "each of them exactly once"
expect_json 'all(o["pay_status"] == "paid" and (o["postalcode"] or o["address"]) for o in d)' "only paid orders with an address"
expect_json '[o["paid"] for o in d] == sorted(o["paid"] for o in d)' "oldest paid first"
first=$(json_ids | awk '{print $1}')
second=$(json_ids | awk '{print $2}')
third=$(json_ids | awk '{print $3}')

expect "to-ship syncs first, then lists" 0 -- to-ship --since "$since"
expect_in out "$first	" "to-ship prints a line an order"
if [ "$(wc -l <"$tmp/out")" = "$(wc -l <"$tmp/expected")" ]; then
  pass "to-ship prints as many lines as orders"
else
  fail "to-ship prints as many lines as orders"
fi

# Shipping one removes it
expect "ship the oldest" 0 -- ship "$first" --rpo 62001411000016
expect "to-ship after shipping" 0 -- to-ship --offline --json --since "$since"
expect_json "$first not in [o['id'] for o in d] and len(d) == len(e) - 1" "a shipped order is no longer listed"

# One whose sent mark cannot reach the service waits in the outbox: "sending"
expect "ship with the service unreachable" 3 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- ship "$second" --rpo 62001411000016
expect "to-ship --offline" 0 -- to-ship --offline --since "$since"
if grep -q "^$second	.*	sending\$" "$tmp/out"; then pass "a pending sent order shows as sending"; else fail "a pending sent order shows as sending"; fi
expect "to-ship --offline --json" 0 -- to-ship --offline --json --since "$since"
expect_json "$second not in [o['id'] for o in d]" "a sending order is not in the JSON to-ship list"

# Set aside and undo
expect "set-aside" 0 -- set-aside "$third"
expect "to-ship after set-aside" 0 -- to-ship --offline --json --since "$since"
expect_json "$third not in [o['id'] for o in d]" "a set-aside order is not listed"
expect "set-aside --undo" 0 -- set-aside "$third" --undo
expect "to-ship after undo" 0 -- to-ship --offline --json --since "$since"
expect_json "$third in [o['id'] for o in d]" "an undone order is listed again"
email=$(python3 -c 'import json, sys; print([o for o in json.load(open(sys.argv[1])) if o["id"] == int(sys.argv[2])][0]["email"])' "$tmp/out" "$third")
expect "set-aside --undo twice" 2 -- set-aside "$third" --undo

# customer
expect "customer EMAIL" 0 -- customer "$email"
expect_in out "$third	" "customer lists the customer's orders"
expect "customer EMAIL --json" 0 -- customer "$email" --json
expect_json "len(d) > 0 and all(o['email'] == '$email' for o in d)" "customer --json gives only that customer's orders"
expect "customer with no orders" 0 -- customer nobody@example.org
expect_in err "nobody@example.org" "customer says there are none"

# The service unreachable: sync fails (3), to-ship --offline still lists
expect "sync with the service unreachable" 3 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- sync
expect "to-ship with the service unreachable" 3 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- to-ship
expect "to-ship --offline with the service unreachable" 0 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- to-ship --offline
expect_in out "$third	" "the list works offline"

# A wrong key is a refusal (1)
expect "sync with a wrong key" 1 EXPERTAM_API_KEY=not-the-key -- sync

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
