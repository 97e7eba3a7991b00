#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The `expertam` command against the demo shop: tests/test-cli.sh PATH-TO-EXPERTAM
# Prints TAP-style lines and, last, "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

cli=${1:?usage: test-cli.sh PATH-TO-EXPERTAM}
# A warning from expertam is a failure (set here, not for the keyring daemon started before)
export G_DEBUG=gc-friendly,fatal-warnings
# Loopback only: no proxy lookup (libproxy throws C++ exceptions that a sanitizer build of this C
# program cannot handle)
export GIO_USE_PROXY_RESOLVER=dummy
tmp=$(mktemp -d)
server_pid=
# The order history and the outbox live here
export XDG_DATA_HOME="$tmp/data"

cleanup ()
{
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  exec 3<&- 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0

pass ()
{
  passed=$((passed + 1))
  echo "ok $((passed + failed)) - $1"
}

fail ()
{
  failed=$((failed + 1))
  echo "not ok $((passed + failed)) - $1"
  for f in out err; do
    [ -s "$tmp/$f" ] && sed "s/^/#   $f: /" "$tmp/$f" | head -n 20
  done
  return 0
}

# run [ENV=VALUE...] -- ARGS...: runs the command; sets $status, keeps out/err in $tmp.
# Standard input comes from $stdin_file (default /dev/null).
run ()
{
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  set +e
  env "${envs[@]}" "$cli" "$@" <"${stdin_file:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
  cat "$tmp/out" "$tmp/err" >>"$tmp/everything"
}

# expect DESCRIPTION STATUS [ENV=VALUE...] -- ARGS...: the exit status, and for a failure
# exactly one stderr line starting with "expertam: "
expect ()
{
  local description=$1 want=$2
  shift 2
  run "$@"
  if [ "$status" != "$want" ]; then
    fail "$description (exit status $status, expected $want)"
  elif [ "$want" != 0 ] && { [ "$(wc -l <"$tmp/err")" != 1 ] || ! grep -q '^expertam: ' "$tmp/err"; }; then
    fail "$description (expected one stderr line starting with 'expertam: ')"
  else
    pass "$description"
  fi
}

# expect_in FILE TEXT DESCRIPTION: the last command's out or err contains TEXT
expect_in ()
{
  if grep -qF -- "$2" "$tmp/$1"; then
    pass "$3"
  else
    fail "$3 ('$2' not in std$1)"
  fi
}

expect_not_in ()
{
  if grep -qF -- "$2" "$tmp/$1"; then
    fail "$3 ('$2' in std$1)"
  else
    pass "$3"
  fi
}

# A JSON check on the last stdout, in python3: the expression must be true of `d`
expect_json ()
{
  if python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); sys.exit(0 if eval(sys.argv[2]) else 1)' \
       "$tmp/out" "$1" 2>>"$tmp/err"; then
    pass "$2"
  else
    fail "$2 (JSON check: $1)"
  fi
}

# The demo shop: its three lines come through a FIFO, read with a timeout (no sleeping)
mkfifo "$tmp/server-fifo"
"$cli" demo-server --orders 40 >"$tmp/server-fifo" 2>"$tmp/server-err" &
server_pid=$!
exec 3<"$tmp/server-fifo"
url_line= login_line= key_line=
read -r -t 10 url_line <&3 || true
read -r -t 10 login_line <&3 || true
read -r -t 10 key_line <&3 || true

if [[ "$url_line" =~ ^url:\ (http://127\.0\.0\.1:[0-9]+/api/)$ ]] &&
   [ "$login_line" = "login: demo" ] && [[ "$key_line" =~ ^key:\ (.+)$ ]]; then
  url=${url_line#url: }
  key=${key_line#key: }
  pass "demo-server prints its url, login and key"
else
  fail "demo-server prints its url, login and key (got: '$url_line' '$login_line' '${key_line:+key line}')"
  cat "$tmp/server-err" >&2
  echo "$passed passed, $failed failed"
  exit 1
fi

export EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$url"

# Help and usage
expect "--help lists the commands" 0 -- --help
for c in show ship status ship-batch outbox search login api demo-server; do
  expect_in out "  $c " "--help lists $c"
done
for c in show ship status ship-batch outbox search login api demo-server; do
  expect "$c --help" 0 -- "$c" --help
  expect_in out "Usage:" "$c --help prints its usage"
done
expect "no command is bad usage" 2 --
expect_in err "expertam --help" "no command points at --help"
expect "an unknown command is bad usage" 2 -- frobnicate 1001
expect "an unknown option is bad usage" 2 -- show 1001 --frobnicate

# show
expect "show 1001" 0 -- show 1001
expect_in out "Иванова Мария Сергеевна" "show prints the customer's full name"
expect_in out "620014" "show prints the postcode"
expect_in out "Курс «Основы фотографии»" "show prints an item's title"
expect_in out "Order 1001" "show prints the order number"
expect_in out "(list price " "show prints an item's sum against its list price"
expect_in out "Анна Белова" "show prints an item's partners"
expect_in out "https://shop.example.ru/bill/1001/" "show prints the payment link, made absolute"
expect_not_in out "Coupon" "show leaves out empty fields"
expect "show 1001 under LANG=C" 0 LANG=C LC_ALL=C -- show 1001
expect_in out "Иванова Мария Сергеевна" "show prints UTF-8 whatever the locale"

expect "show 1001 --json" 0 -- show 1001 --json
expect_json 'str(d["id"]) == "1001"' "show --json prints the order object with its id"
expect_in out "Иванова" "show --json keeps Cyrillic unescaped"

expect "show abc is bad input" 2 -- show abc
expect_in err "abc" "the error names the bad order number"
expect "show -1 is bad input" 2 -- show -- -1
expect "a 19-digit order number is bad input" 2 -- show 1234567890123456789
expect "show with no order number is bad usage" 2 -- show
expect "show of an unknown order is refused" 1 -- show 999999

# ship
expect "ship 1002" 0 -- ship 1002 --rpo 62001411000016 --date 2024-03-01T12:00:00+03:00
expect_in out "Order 1002 marked as sent" "ship says the order is marked as sent"
expect_in out "62001411000016" "ship prints the tracking number"

expect "getOrderDetails through api" 0 -- api getOrderDetails bill_id=1002 good_info=1
expect_json 'd["error_code"] in (0, "0") and str(d["result"]["id"]) == "1002"' \
  "api prints the verified reply with the order"
expect_json 'd["result"].get("rpo") == "62001411000016"' "the demo shop has the order's tracking number"

expect "ship normalises a number typed with spaces" 0 -- ship 1002 --rpo "6200 1411 0000 16" --date 1709283600
expect_in out "62001411000016" "the normalised number is what is sent"
expect "ship with a plain date" 0 -- ship 1002 --rpo RA123456785RU --date 2024-03-01
expect "ship with a date and time as people type it" 0 -- ship 1002 --rpo 62001411000016 --date "2024-03-01 12:00"

expect "a wrong check digit is refused" 2 -- ship 1002 --rpo 62001411000017
expect_in err "6" "the refusal gives the expected check digit"
expect_in err "--any-number" "the refusal says how to send it anyway"
expect "--any-number sends it anyway" 0 -- ship 1002 --rpo 62001411000017 --any-number
expect_in out "62001411000017" "--any-number sends the number as typed"
expect "ship without --rpo is bad usage" 2 -- ship 1002
expect "ship with an empty number is refused even with --any-number" 2 -- ship 1002 --rpo " " --any-number
for d in yesterday 2024-13-01 2024-02-30 2024-03-01T12 12abc ""; do
  expect "ship --date '$d' is bad input" 2 -- ship 1002 --rpo 62001411000016 --date "$d"
done
expect_in err "not a date" "a bad date is named as such"

# status
expect "status 1003 paid" 0 -- status 1003 paid
expect_in out "Order 1003 marked as paid" "status says the order is marked as paid"
expect "status 1003 paid --date" 0 -- status 1003 paid --date 2024-03-02T10:00:00
expect "status 1005 paid with a date" 0 -- status 1005 paid --date 2024-03-02
expect "show 1005 after it was paid" 0 -- show 1005
if grep -qE '^Status: +paid$' "$tmp/out"; then pass "the order now shows as paid"; else fail "the order now shows as paid"; fi
expect "status 1010 cancel" 0 -- status 1010 cancel
expect_in out "Order 1010 marked as cancelled" "status says the order is cancelled"
expect "show 1010 after it was cancelled" 0 -- show 1010 --json
expect_json 'd["pay_status"] == "cancel"' "the order now shows as cancelled"
expect "status 1004 return with a date" 0 -- status 1004 return --date 2024-03-05
expect_in out "Order 1004 marked as returned" "status says the order is returned"
expect "status 1003 bogus is bad usage" 2 -- status 1003 bogus
expect "status sent points to ship" 2 -- status 1003 sent
expect_in err "expertam ship" "status sent says to use ship"
expect "status of an unknown order is refused" 1 -- status 999999 cancel

# search: the orders shown are saved
expect "show 1002 saves it" 0 -- show 1002
expect "search by surname" 0 -- search Иванова
expect_in out "1001	Иванова Мария Сергеевна	Екатеринбург	" "search prints number, name, city and status"
expect "search by a phone in another format" 0 -- search 89162001403
expect_in out "1002	Петров" "a phone typed as 8916... finds +7 (916) ..."
expect "search by city" 0 -- search Екатеринбург
expect_in out "1001	" "search by city finds the order"
expect "search is offline" 0 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- search Петров
expect_in out "1002	Петров" "search works with the service unreachable"
expect "search needs no account" 0 -u EXPERTAM_LOGIN -u EXPERTAM_API_KEY -u EXPERTAM_API_URL -- search Иванова
expect_in out "1001	" "search works with no account"
expect "search with no match" 0 -- search Заболоцкий
expect_not_in out "	" "no match prints no order"
expect_in err "No saved order" "no match says so"
expect "search without text is bad usage" 2 -- search

# The outbox: a change that cannot be sent is kept, listed, and sent again
down=(EXPERTAM_API_URL=http://127.0.0.1:1/api/)
expect "outbox starts empty" 0 -- outbox
expect_in out "empty" "the empty outbox says so"
expect "ship with the service unreachable is a network failure" 3 "${down[@]}" -- ship 1006 --rpo 62001411000016 --date 2024-03-04
expect_in err "outbox --retry" "the failure says the change is queued and how to send it"
expect "the same ship again while still unreachable" 3 "${down[@]}" -- ship 1006 --rpo 62001411000016 --date 2024-03-04
expect "outbox lists the queued change" 0 -- outbox
expect_in out "1006" "outbox shows the order"
expect_in out "pending" "outbox shows it pending"
expect_in out "62001411000016" "outbox shows the tracking number"
expect_in out "Could not" "outbox shows the last error"
if [ "$(grep -c ' 1006 ' "$tmp/out")" = 1 ]; then pass "the same change is queued once"; else fail "the same change is queued once"; fi
expect "outbox --retry sends it" 0 -- outbox --retry
expect_in out "1006 sent 62001411000016" "outbox --retry prints the result line"
expect_in out "1 sent, 0 refused, 0 queued" "outbox --retry prints the summary"
expect "the demo shop has the change" 0 -- api getOrderDetails bill_id=1006
expect_json 'd["result"].get("rpo") == "62001411000016" and d["result"].get("delivery_status") == "sent"' \
  "the demo shop recorded the tracking number sent by --retry"
expect "outbox is empty after the retry" 0 -- outbox
expect_in out "empty" "nothing is left in the outbox"

# A change interrupted by a crash goes out with the next command: `status` against a demo shop
# that holds every answer for a minute is killed once the change is in the outbox
mkfifo "$tmp/slow-fifo"
"$cli" demo-server --latency 60000 >"$tmp/slow-fifo" 2>/dev/null &
slow_pid=$!
exec 4<"$tmp/slow-fifo"
read -r -t 10 slow_url <&4 || true
read -r -t 10 _ <&4 || true
read -r -t 10 slow_key <&4 || true
env EXPERTAM_API_URL="${slow_url#url: }" EXPERTAM_API_KEY="${slow_key#key: }" \
  "$cli" status 1007 cancel >/dev/null 2>&1 &
status_pid=$!
for _ in $(seq 500); do
  "$cli" outbox | grep -q ' 1007 ' && break
done
kill -KILL "$status_pid"
wait "$status_pid" 2>/dev/null || true
kill -TERM "$slow_pid"
wait "$slow_pid" 2>/dev/null || true
exec 4<&-
expect "outbox after the crash" 0 -- outbox
expect_in out "1007" "the interrupted change is in the outbox"
expect "the next ship sends the earlier change too" 0 -- ship 1008 --rpo 62001411000016 --date 2024-03-04
expect_in out "earlier change" "the earlier change is mentioned"
expect_in out "1007 cancel" "the earlier change's result line is printed"
expect "show 1007 after the earlier change was sent" 0 -- show 1007 --json
expect_json 'd["pay_status"] == "cancel"' "the earlier change reached the demo shop"

# A refusal is not retried
expect "ship of an unknown order is refused" 1 -- ship 999999 --rpo 62001411000016
expect "after a refusal, the outbox is empty" 0 -- outbox
expect_in out "empty" "a refused change is not kept for retry"
expect "outbox --discard of an unknown change" 2 -- outbox --discard 999
expect "outbox --discard needs a number" 2 -- outbox --discard x
expect "ship with the service unreachable, to discard" 3 "${down[@]}" -- ship 1009 --rpo 62001411000016 --date 2024-03-04
id=$("$cli" outbox | awk '$3 == 1009 { print $1 }')
expect "outbox --discard ID" 0 -- outbox --discard "$id"
expect "after --discard, the outbox is empty" 0 -- outbox
expect_in out "empty" "the discarded change is gone"

# A change is for the shop it was made for: another shop's account does not send it
expect "ship with the service unreachable, for this shop" 3 "${down[@]}" -- ship 1009 --rpo 62001411000016 --date 2024-03-04
expect "outbox names the shop" 0 -- outbox
if awk '$3 == 1009' "$tmp/out" | grep -q ' demo '; then pass "the change is listed with its shop"; else fail "the change is listed with its shop"; fi
expect "outbox --retry with another shop's account" 0 EXPERTAM_LOGIN=othershop -- outbox --retry
expect_not_in out "1009" "another shop's account does not send the change"
expect_in out "1 change is for another shop" "it says the change is for another shop"
expect "the change still waits" 0 -- outbox
if awk '$3 == 1009' "$tmp/out" | grep -q .; then pass "the change is still in the outbox"; else fail "the change is still in the outbox"; fi
expect "outbox --retry with its own account" 0 -- outbox --retry
expect_in out "1009 sent 62001411000016" "its own account sends it"
expect "after that, the outbox is empty" 0 -- outbox
expect_in out "empty" "nothing is left"

# ship-batch: 20 synthetic orders (the demo server was started with --orders 40: 2001..2040)
# make_batch N FIRST: a header and N rows of order;tracking number with a valid check digit
make_batch ()
{
  awk -v n="$1" -v first="$2" 'BEGIN {
    print "bill_id;rpo"
    for (i = 0; i < n; i++) {
      b = first + i; s = sprintf("620014%07d", b); t = 0
      for (k = 1; k <= 13; k++) { d = substr(s, k, 1) + 0; t += (k % 2 == 1) ? 3 * d : d }
      printf "%d;%s%d\n", b, s, (10 - t % 10) % 10
    }
  }'
}
make_batch 20 2001 >"$tmp/batch.csv"
{ cat "$tmp/batch.csv"; echo "2021;62001400020217"; } >"$tmp/batch-bad.csv"
expect "ship-batch with a bad row is bad input" 2 -- ship-batch "$tmp/batch-bad.csv"
expect_in out "line 22" "the bad row is named by its line"
expect_in err "nothing was sent" "nothing is sent when a row is bad"
expect "api after a refused batch" 0 -- api getOrderDetails bill_id=2001
expect_json 'd["result"].get("rpo") in (None, "")' "the first order of the bad batch was not sent"
expect "ship-batch of 20 orders" 0 -- ship-batch "$tmp/batch.csv" --jobs 4 --date 2024-03-05
if [ "$(grep -c ' sent 620014' "$tmp/out")" = 20 ]; then pass "ship-batch prints a line per row"; else fail "ship-batch prints a line per row"; fi
expect_in out "20 sent, 0 refused, 0 queued" "ship-batch prints the summary"
expect "api after the batch" 0 -- api getOrderDetails bill_id=2020
expect_json 'd["result"].get("rpo") == "62001400020209"' "the last order of the batch has its tracking number"
expect "ship-batch again skips the rows already sent" 0 -- ship-batch "$tmp/batch.csv" --date 2024-03-05
expect_in out "0 sent, 0 refused, 0 queued, 20 already sent before" "a second run sends nothing twice"
expect "ship-batch --skip-invalid sends the good rows" 0 -- ship-batch "$tmp/batch-bad.csv" --skip-invalid --date 2024-03-05
expect_in out "1 row was not valid and was skipped" "--skip-invalid says what it skipped"
make_batch 2 2030 >"$tmp/batch-down.csv"
expect "ship-batch with the service unreachable" 3 "${down[@]}" -- ship-batch "$tmp/batch-down.csv"
expect_in out "0 sent, 0 refused, 2 queued" "the unreachable batch is queued"
expect "ship-batch once the service is back sends the queued rows" 0 -- ship-batch "$tmp/batch-down.csv"
expect_in out "2 sent, 0 refused, 0 queued" "the queued rows are sent, once"
expect "the outbox is empty after the batch" 0 -- outbox
expect_in out "empty" "nothing of the batch is left in the outbox"
printf 'bill_id;rpo\n999999;62001411000016\n' >"$tmp/batch-unknown.csv"
expect "ship-batch with an unknown order is refused" 1 -- ship-batch "$tmp/batch-unknown.csv"
expect_in out "999999 refused:" "the refused row has its reason"
expect "ship-batch --jobs 0 is bad usage" 2 -- ship-batch "$tmp/batch.csv" --jobs 0
expect "ship-batch of a missing file is bad input" 2 -- ship-batch "$tmp/no-such-file.csv"

# Failures of the account and the network
# The service refuses a wrong key with code 4 ("incorrect hash"): a refusal
expect "a wrong key is refused by the service" 1 EXPERTAM_API_KEY=wrong -- show 1001
expect_in err "API key" "the wrong-key message points at the API key"
expect "an unreachable service is a network failure" 3 EXPERTAM_API_URL=http://127.0.0.1:1/api/ -- show 1001
expect "no account is bad usage with the way to set one up" 2 -u EXPERTAM_LOGIN -u EXPERTAM_API_KEY -u EXPERTAM_API_URL -- show 1001
expect_in err "expertam login" "the no-account message says how to set one up"

# api
expect "api with a bad method name" 2 -- api "get/../Order"
expect "api with a parameter lacking =" 2 -- api getOrderDetails bill_id
expect "api refuses a hash parameter" 2 -- api getOrderDetails bill_id=1001 hash=x
expect "api without a method" 2 -- api

# login: the key only from standard input
printf '%s\n' "$key" >"$tmp/key"
stdin_file=$tmp/key expect "login stores the key from standard input" 0 -- login demo --service custom --url "$url"
expect_in out "demo" "login names the login it stored"
expect_in out "secret-tool lookup" "without the app's settings, login says how to use the stored key"
stdin_file=$tmp/key expect "login refuses a bad login" 2 -- login "Bad_Login!"
expect "login refuses an empty standard input" 2 -- login demo
stdin_file=$tmp/key expect "login refuses --url without custom" 2 -- login demo --service expertam --url "$url"
stdin_file=$tmp/key expect "login refuses an unknown service" 2 -- login demo --service other
stdin_file=$tmp/key expect "login refuses a blank custom URL" 2 -- login demo --url " "
stdin_file=$tmp/key expect "login refuses a plain-http URL off loopback" 2 -- login demo --url "http://example.com/api/"

# The app's settings path: a private copy of the schema's keys, settings kept in a key file
mkdir -p "$tmp/schemas" "$tmp/config"
cat >"$tmp/schemas/io.github.expertam_orders.ExpertamOrders.gschema.xml" <<'XML'
<schemalist>
  <schema id="io.github.expertam_orders.ExpertamOrders" path="/io/github/expertam_orders/ExpertamOrders/">
    <key name="service" type="s"><default>'expertam'</default></key>
    <key name="login" type="s"><default>''</default></key>
    <key name="custom-url" type="s"><default>''</default></key>
  </schema>
</schemalist>
XML
glib-compile-schemas --strict "$tmp/schemas"
settings_env=(-u EXPERTAM_LOGIN -u EXPERTAM_API_KEY -u EXPERTAM_API_URL
              GSETTINGS_SCHEMA_DIR="$tmp/schemas" GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config")
expect "with the settings but no account, show is bad usage" 2 "${settings_env[@]}" -- show 1001
stdin_file=$tmp/key expect "login with the settings" 0 "${settings_env[@]}" -- login demo --url "$url"
expect_in out "now the account" "login says the account is set"
expect "show with the stored account, no EXPERTAM_* variables" 0 "${settings_env[@]}" -- show 1001
expect_in out "Иванова Мария Сергеевна" "the stored account reaches the demo shop"

# The key never shows, except on demo-server's own key line
if grep -qF -- "$key" "$tmp/everything"; then
  fail "the key appears in no command's output"
else
  pass "the key appears in no command's output"
fi

kill -TERM "$server_pid"
set +e
wait "$server_pid"
server_status=$?
set -e
server_pid=
if [ "$server_status" = 0 ]; then
  pass "demo-server exits 0 on SIGTERM"
else
  fail "demo-server exits 0 on SIGTERM (status $server_status)"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
