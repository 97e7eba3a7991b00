#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One rule for the dates people type: tests/test-dates.sh PATH-TO-EXPERTAM
# The same date written for `ship --date`, for `status --date`, for `ship-batch --date` and in a
# batch file's row must post the same moment (a date alone is noon, local time, so no time zone
# moves it to another day). The service is unreachable here, so every change stays in the outbox,
# where `expertam outbox` shows the date it will post. TAP output.
set -euo pipefail

cli=${1:?usage: test-dates.sh PATH-TO-EXPERTAM}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" HOME="$tmp"
export EXPERTAM_API_URL=http://127.0.0.1:1/api/ EXPERTAM_LOGIN=dates EXPERTAM_API_KEY=not-a-real-key
export GIO_USE_PROXY_RESOLVER=dummy TZ=Europe/Moscow

n=0
failed=0
check ()
{
  n=$((n + 1))
  if [ "$2" = "$3" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1: got '$2', expected '$3'"
    failed=$((failed + 1))
  fi
}

# The date the outbox shows for an order's pending change
posted ()
{
  "$cli" outbox | awk -v bill="$1" '$3 == bill { print $6 " " $7 }'
}

"$cli" ship 2001 --rpo 62001411000016 --date 2024-03-01 >/dev/null 2>&1 || true
"$cli" ship 2002 --rpo 62001411000016 --date 01.03.2024 >/dev/null 2>&1 || true
"$cli" status 2003 paid --date 2024-03-01 >/dev/null 2>&1 || true
printf '2004;RA123456785RU;2024-03-01\n' >"$tmp/dated.csv"
"$cli" ship-batch "$tmp/dated.csv" >/dev/null 2>&1 || true
printf '2005;RA123456785RU\n' >"$tmp/undated.csv"
"$cli" ship-batch "$tmp/undated.csv" --date 2024-03-01 >/dev/null 2>&1 || true
"$cli" ship 2006 --rpo 62001411000016 --date "2024-03-01 08:15" >/dev/null 2>&1 || true

check "ship --date 2024-03-01 posts noon" "$(posted 2001)" "2024-03-01 12:00:00"
check "ship --date 01.03.2024 is the same day, noon" "$(posted 2002)" "2024-03-01 12:00:00"
check "status paid --date 2024-03-01 posts noon" "$(posted 2003)" "2024-03-01 12:00:00"
check "a batch row dated 2024-03-01 posts noon" "$(posted 2004)" "2024-03-01 12:00:00"
check "ship-batch --date 2024-03-01 posts noon" "$(posted 2005)" "2024-03-01 12:00:00"
check "a date with a time keeps the time" "$(posted 2006)" "2024-03-01 08:15:00"

echo "1..$n"
[ $failed -eq 0 ]
