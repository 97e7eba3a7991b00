#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The read path of `expertam show` against the demo shop: tests/test-cli-read.sh PATH-TO-EXPERTAM
# A service on this computer is reached directly whatever proxy the environment names; the order
# is printed, and kept for `expertam search`, even though the history is written after it.
# Prints TAP lines and, last, "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

cli=${1:?usage: test-cli-read.sh PATH-TO-EXPERTAM}
export G_DEBUG=gc-friendly,fatal-warnings
# The environment's proxy variables are left to the program (no GIO_USE_PROXY_RESOLVER here):
# that is what is tested
unset EXPERTAM_LOGIN EXPERTAM_API_KEY EXPERTAM_API_URL
. "$(dirname "$0")/cli-harness.sh"

start_demo_server

# A closed port on this computer: a request sent to this "proxy" fails at once
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
proxy="http://127.0.0.1:$closed"

run "${account[@]}" http_proxy="$proxy" HTTP_PROXY="$proxy" https_proxy="$proxy" \
  all_proxy="$proxy" no_proxy= NO_PROXY= -- show 1001
if [ "$status" = 0 ] && grep -q '^Order 1001$' "$tmp/out" && [ ! -s "$tmp/err" ]; then
  pass "show reaches the demo shop on loopback directly, whatever proxy the environment names"
else
  fail "show reaches the demo shop on loopback directly (exit $status)"
fi

run "${account[@]}" -- show 1003
run "${account[@]}" -- search 1003
if [ "$status" = 0 ] && grep -q '^1003	' "$tmp/out"; then
  pass "the order shown is kept for search"
else
  fail "the order shown is kept for search (exit $status)"
fi

run "${account[@]}" -- show 1002 --json
if [ "$status" = 0 ] && python3 -c 'import json, sys; assert str(json.load(sys.stdin)["id"]) == "1002"' <"$tmp/out"; then
  pass "show --json prints the order as the service sent it"
else
  fail "show --json prints the order as the service sent it (exit $status)"
fi

run "${account[@]}" -- search 1002
if [ "$status" = 0 ] && grep -q '^1002	' "$tmp/out"; then
  pass "the order shown as JSON is kept for search"
else
  fail "the order shown as JSON is kept for search (exit $status)"
fi

# No store can be opened (the data folder is a file): the order is still shown, with a warning
touch "$tmp/not-a-folder"
run "${account[@]}" XDG_DATA_HOME="$tmp/not-a-folder" -- show 1001
if [ "$status" = 0 ] && grep -q '^Order 1001$' "$tmp/out" && [ "$(wc -l <"$tmp/err")" = 1 ] &&
   grep -q '^expertam: ' "$tmp/err"; then
  pass "without a store the order is still shown, and one warning line says why"
else
  fail "without a store the order is still shown, with one warning line (exit $status)"
fi

# A failed request: the one error line and status 1 for the service's refusal, nothing on stdout
run "${account[@]}" -- show 999999
if [ "$status" = 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ]; then
  pass "an order the service does not have: one error line, exit status 1"
else
  fail "an order the service does not have: one error line, exit status 1 (exit $status)"
fi

echo "1..$((passed + failed))"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
