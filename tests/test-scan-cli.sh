#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `expertam scan` against the demo shop: tests/test-scan-cli.sh PATH-TO-EXPERTAM
# Codes on standard input, a line each: order then tracking number and the other way round, a
# wrong check digit, an unknown order, orders not to ship (not paid, no postal address, set
# aside, already sent), a double read, the same pair again, a number of another order, what is
# not a code; a line per code, the summary, the exit statuses (0, 1, 2, 3); offline, a pair
# waits in the outbox; the demo shop applies exactly the right changes.
# Prints TAP-style lines and, last, "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

cli=${1:?usage: test-scan-cli.sh PATH-TO-EXPERTAM}
export G_DEBUG=gc-friendly,fatal-warnings
export GIO_USE_PROXY_RESOLVER=dummy
export TZ=Europe/Moscow
. "$(dirname "$0")/cli-harness.sh"

# A valid domestic tracking number from a number (its check digit computed here, as the post
# does: weights 3 and 1 from the left over 13 digits)
tracking ()
{
  local body check sum=0 i d
  body=$(printf '8010200%06d' "$1")
  for ((i = 0; i < 13; i++)); do
    d=${body:i:1}
    if ((i % 2 == 0)); then sum=$((sum + 3 * d)); else sum=$((sum + d)); fi
  done
  check=$(((10 - sum % 10) % 10))
  echo "$body$check"
}

# The same number with its check digit wrong
bad_tracking ()
{
  local good
  good=$(tracking "$1")
  echo "${good:0:13}$(((${good:13:1} + 1) % 10))"
}

# scan DESCRIPTION STATUS CODES...: runs scan with the codes on stdin, a line each
scan ()
{
  local description=$1 want=$2
  shift 2
  printf '%s\n' "$@" >"$tmp/in"
  set +e
  "$cli" scan <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
  if [ "$status" != "$want" ]; then
    fail "$description (exit status $status, expected $want)"
  else
    pass "$description"
  fi
}

# line N TEXT DESCRIPTION: stdout's line N holds TEXT
line ()
{
  if sed -n "${1}p" "$tmp/out" | grep -qF -- "$2"; then pass "$3"; else fail "$3 (line $1: '$2')"; fi
}

# The listed demo orders: 3001 + i is paid when i % 3 != 2, has a postal address when i % 5 != 4
t1=$(tracking 1) t2=$(tracking 2) t3=$(tracking 3) t4=$(tracking 4) t5=$(tracking 5)
bad=$(bad_tracking 6)

start_demo_server --print-changes
pass "the demo shop runs"
export EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$url"

run -- --help
expect_in out "  scan " "--help lists scan"
expect "scan --help" 0 -- scan --help
expect_in out "Usage:" "scan --help prints its usage"
expect "scan takes no arguments" 2 -- scan 3001

# Two good pairs, both ways round
scan "two pairs: exit 0" 0 3001 "$t1" "$t2" 3002
line 1 "Order 3001:" "the order is shown"
line 1 "scan its tracking number" "then the station asks for the tracking number"
line 2 "Order 3001 marked as sent, tracking number $t1" "the pair is marked sent"
line 3 "Tracking number $t2 read" "a tracking number first is held"
line 4 "Order 3002 marked as sent, tracking number $t2" "and paired with the next order"
line 5 "2 sent, 0 waiting for the connection, 0 refused" "the summary counts them"

# Every bad case: nothing sent for any of them
"$cli" set-aside 3007 >/dev/null
scan "the bad cases: exit 1" 1 3004 "$bad" hello 999999 3003 3005 3007 3004 3004 "$t1" 3001 "$t1" 3004 "$t3"
line 1 "Order 3004:" "an order to ship is picked"
line 2 "Refused: Tracking number $bad was misread" "a wrong check digit is refused"
line 3 "Refused: “HELLO” is neither" "a stray code is refused"
line 4 "Refused: There is no order 999999" "an unknown order is refused"
line 5 "Refused: Order 3003 is not paid" "an unpaid order is refused"
line 6 "Refused: Order 3005 has no postal address" "an order without an address is refused"
line 7 "Refused: Order 3007 was set aside" "an order set aside is refused"
line 8 "Order 3004:" "an order is picked again"
line 9 "Refused: 3004 was read again within a minute" "a double read is refused"
line 10 "Refused: Tracking number $t1 is already recorded for order 3001, not order 3004" "another order's number is refused"
line 11 "Refused: Order 3001 was already sent, with tracking number $t1" "an order already sent is refused"
line 12 "Order 3001 already has tracking number $t1: nothing new was sent." "the same pair again is no change"
line 13 "Order 3004:" "an order is picked once more"
line 14 "Order 3004 marked as sent, tracking number $t3" "and marked sent with its own number"
line 15 "1 sent, 0 waiting for the connection, 9 refused" "the summary counts the refusals"
expect_in err "9 codes were refused" "stderr says codes were refused"
[ "$(wc -l <"$tmp/err")" = 1 ] && pass "one stderr line" || fail "one stderr line"

# An overlong line is not a code
long=$(head -c 5000 /dev/zero | tr '\0' 7)
scan "an overlong line is refused" 1 "$long" 3011
line 1 "Refused:" "the overlong line is refused"
line 2 "Order 3011:" "the next line is read as the next code"

# The shop unreachable: an order the store has is paired and waits; one it never saw fails
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=
cat <&3 >"$tmp/changes"
scan "offline: exit 3" 3 3011 "$t4" 3013 "$t5"
line 1 "Order 3011:" "the stored order is picked offline"
line 2 "Waiting for the connection" "its pair waits for the connection"
line 3 "Refused: Order 3013 could not be looked up" "an order never seen cannot be judged offline"
line 4 "Tracking number $t5 read" "a tracking number is still held offline"
line 5 "0 sent, 1 waiting for the connection, 1 refused" "the summary counts the waiting pair"
expect_in err "expertam outbox --retry" "stderr says how to send what waits"
run -- outbox
expect_in out "$t4" "the waiting pair is in the outbox"

# Exactly the right pairs reached the shop
printf 'change: 3001 sent %s\nchange: 3002 sent %s\nchange: 3004 sent %s\n' "$t1" "$t2" "$t3" >"$tmp/expected"
if diff -u "$tmp/expected" <(grep '^change: ' "$tmp/changes" | sort) >"$tmp/diff"; then
  pass "the demo shop applied exactly the three pairs"
else
  fail "the demo shop applied exactly the three pairs"
  sed 's/^/#   /' "$tmp/diff"
fi

echo "1..$((passed + failed))"
echo "# $passed passed, $failed failed"
[ "$failed" = 0 ]
