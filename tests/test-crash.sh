#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Never lose a change: `expertam ship-batch` of 200 orders is killed with SIGKILL midway; a second
# run sends the rest, and the demo shop ends with every order sent with its own tracking number.
# tests/test-crash.sh PATH-TO-EXPERTAM
set -euo pipefail

cli=${1:?usage: test-crash.sh PATH-TO-EXPERTAM}
export G_DEBUG=gc-friendly,fatal-warnings
# Loopback only: no proxy lookup (libproxy throws C++ exceptions that a sanitizer build of this C
# program cannot handle)
export GIO_USE_PROXY_RESOLVER=dummy
tmp=$(mktemp -d)
export XDG_DATA_HOME="$tmp/data"
server_pid=
batch_pid=
n=200

cleanup ()
{
  for pid in $batch_pid $server_pid; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  exec 3<&- 4<&- 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
check ()
{
  if [ "$1" = 0 ]; then
    passed=$((passed + 1)); echo "ok $((passed + failed)) - $2"
  else
    failed=$((failed + 1)); echo "not ok $((passed + failed)) - $2"
  fi
}

# The demo shop with orders 2001..2200, answering after 30 ms
mkfifo "$tmp/server-fifo"
"$cli" demo-server --orders "$n" --latency 30 >"$tmp/server-fifo" 2>"$tmp/server-err" &
server_pid=$!
exec 3<"$tmp/server-fifo"
read -r -t 10 url_line <&3 || true
read -r -t 10 _ <&3 || true
read -r -t 10 key_line <&3 || true
export EXPERTAM_LOGIN=demo EXPERTAM_API_URL="${url_line#url: }" EXPERTAM_API_KEY="${key_line#key: }"

# order;tracking number, the number's check digit computed here
awk -v n="$n" 'BEGIN {
  print "bill_id;rpo"
  for (i = 0; i < n; i++) {
    b = 2001 + i; s = sprintf("620014%07d", b); t = 0
    for (k = 1; k <= 13; k++) { d = substr(s, k, 1) + 0; t += (k % 2 == 1) ? 3 * d : d }
    printf "%d;%s%d\n", b, s, (10 - t % 10) % 10
  }
}' >"$tmp/batch.csv"

# The first run writes its result lines into a FIFO; after 50 of them it is killed
mkfifo "$tmp/batch-fifo"
"$cli" ship-batch "$tmp/batch.csv" --jobs 4 >"$tmp/batch-fifo" 2>"$tmp/first-err" &
batch_pid=$!
exec 4<"$tmp/batch-fifo"
lines=0
while [ "$lines" -lt 50 ] && read -r -t 20 line <&4; do
  case $line in *" sent "*) lines=$((lines + 1)) ;; esac
done
kill -KILL "$batch_pid"
set +e
wait "$batch_pid"
first_status=$?
set -e
batch_pid=
exec 4<&-
check "$([ "$lines" -ge 50 ] && echo 0 || echo 1)" "the first run printed 50 result lines before it was killed ($lines)"
check "$([ "$first_status" = 137 ] && echo 0 || echo 1)" "the first run was killed midway (status $first_status)"

set +e
"$cli" outbox >"$tmp/outbox-mid"
set -e
check "$(grep -q ' pending ' "$tmp/outbox-mid" && echo 0 || echo 1)" "changes are left pending after the kill"

# The second run completes the rest
set +e
"$cli" ship-batch "$tmp/batch.csv" --jobs 4 >"$tmp/second-out" 2>"$tmp/second-err"
second_status=$?
set -e
check "$([ "$second_status" = 0 ] && echo 0 || echo 1)" "the second run completes (status $second_status)"
sed -n '$p' "$tmp/second-out" | sed 's/^/# /'
already=$(grep -c '(already sent before)' "$tmp/second-out" || true)
check "$([ "$already" -ge 25 ] && echo 0 || echo 1)" "the second run skips the rows sent before the kill ($already)"
check "$([ "$(grep -c ' sent 620014' "$tmp/second-out")" = "$n" ] && echo 0 || echo 1)" \
  "the second run has a line for every row"

# The demo shop: every order sent, with its own number
: >"$tmp/orders.json"
for ((b = 2001; b < 2001 + n; b++)); do
  "$cli" api getOrderDetails "bill_id=$b" >>"$tmp/orders.json"
done
set +e
python3 - "$tmp/orders.json" "$tmp/batch.csv" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
decoder, pos, got = json.JSONDecoder(), 0, {}
while pos < len(text):
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos == len(text):
        break
    reply, pos = decoder.raw_decode(text, pos)
    order = reply["result"]
    got[int(order["id"])] = (order.get("delivery_status"), order.get("rpo"))
want = {}
for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]:
    bill, rpo = line.split(";")
    want[int(bill)] = ("sent", rpo)
bad = [b for b in want if got.get(b) != want[b]]
print("# %d of %d orders sent with the right number" % (len(want) - len(bad), len(want)))
sys.exit(1 if bad else 0)
PY
shop_status=$?
set -e
check "$shop_status" "the demo shop holds every order marked sent with the right number"

set +e
"$cli" outbox >"$tmp/outbox-end"
set -e
check "$(grep -q 'empty' "$tmp/outbox-end" && echo 0 || echo 1)" "the outbox is empty"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
