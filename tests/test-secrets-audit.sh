#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test-secrets-audit.sh PATH-TO-EXPERTAM: the API key appears nowhere but the keyring.
# Runs inside tests/with-keyring.sh (a private HOME, XDG dirs and keyring). Every path of the
# CLI, failures included, runs with G_MESSAGES_DEBUG=all; then the key is searched for in every
# stdout and stderr, in every file under HOME and the XDG dirs (the SQLite database and the
# GSettings key file included), and in the command lines of expertam processes while they run.
# Not searched: XDG_DATA_HOME/keyrings, gnome-keyring's own (encrypted) store, where the key belongs.
# Also: a login that is not a DNS label, plain http:// off loopback and a redirect to another host
# are refused with a clear message.
set -euo pipefail

cli=${1:?usage: test-secrets-audit.sh PATH-TO-EXPERTAM}
export G_MESSAGES_DEBUG=all
# everything here is on loopback: no proxy lookup (libproxy crashes under AddressSanitizer)
export GIO_USE_PROXY_RESOLVER=dummy
: "${HOME:?}" "${XDG_DATA_HOME:=$HOME/.local/share}" "${XDG_CONFIG_HOME:=$HOME/.config}" \
  "${XDG_CACHE_HOME:=$HOME/.cache}"
export XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
# settings in a key file under XDG_CONFIG_HOME, so that they are searched too
export GSETTINGS_BACKEND=keyfile
tmp=$(mktemp -d)
pids=()

cleanup ()
{
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
pass () { passed=$((passed + 1)); echo "ok $((passed + failed)) - $1"; }
fail ()
{
  failed=$((failed + 1))
  echo "not ok $((passed + failed)) - $1"
  for f in out err; do
    [ -s "$tmp/$f" ] && grep -v -- "DEBUG" "$tmp/$f" | sed "s/^/#   $f: /" | head -n 10
  done
  return 0
}

# run WANT-STATUS DESCRIPTION [ENV=VALUE...] -- ARGS...: everything it prints goes to $tmp/all
n=0
run ()
{
  local want=$1 description=$2 envs=()
  shift 2
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  n=$((n + 1))
  set +e
  env "${envs[@]}" "$cli" "$@" <"${stdin_file:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
  cp "$tmp/out" "$tmp/run-$n.out"
  cp "$tmp/err" "$tmp/run-$n.err"
  if [ "$status" = "$want" ]; then
    pass "$description (exit $status)"
  else
    fail "$description (exit $status, expected $want)"
  fi
}

expect_err ()
{
  if grep -v 'DEBUG' "$tmp/err" | grep -qiE -- "$1"; then
    pass "$2"
  else
    fail "$2 (stderr lacks /$1/)"
  fi
}

# A tiny loopback server for what the demo shop does not do: hold a request without answering
# (so that the command line of a running expertam can be read), or redirect to another host.
# It writes its URL, then a line per connection it accepts, to a FIFO.
start_helper ()
{
  local mode=$1 fifo=$tmp/helper-$1
  mkfifo "$fifo"
  python3 -u - "$mode" >"$fifo" <<'PY' &
import socket, sys
mode = sys.argv[1]
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print("url: http://127.0.0.1:%d/api/" % s.getsockname()[1])
held = []
while True:
    c, _ = s.accept()
    print("connected")
    if mode == "redirect":
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = c.recv(65536)
            if not chunk:
                break
            data += chunk
        c.sendall(b"HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example.net/api/getOrderDetails\r\n"
                  b"Content-Length: 0\r\nConnection: close\r\n\r\n")
        c.close()
    else:
        held.append(c)
PY
  pids+=($!)
  exec {helper_fd}<"$fifo"
  read -r -t 10 helper_line <&"$helper_fd" || true
  helper_url=${helper_line#url: }
}

# The demo shop, with its random key: the secret this audit looks for
mkfifo "$tmp/server-fifo"
"$cli" demo-server >"$tmp/server-fifo" 2>"$tmp/server-err" &
pids+=($!)
exec 3<"$tmp/server-fifo"
read -r -t 10 url_line <&3 || true
read -r -t 10 login_line <&3 || true
read -r -t 10 key_line <&3 || true
url=${url_line#url: }
key=${key_line#key: }
if [[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+/api/$ ]] && [ ${#key} -ge 20 ]; then
  pass "the demo shop is up, with a random key of ${#key} characters"
else
  fail "the demo shop is up (got '$url_line')"
  echo "1..$((passed + failed))"
  exit 1
fi
other_key=$(head -c 30 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')

env_account=(EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$url")

# Every path, with the key in the environment
run 0 "show" "${env_account[@]}" -- show 1001
run 0 "show --json" "${env_account[@]}" -- show 1001 --json
run 0 "ship with a good tracking number" "${env_account[@]}" -- ship 1001 --rpo 62001411000016 --date 2024-03-01
run 2 "ship with a bad tracking number" "${env_account[@]}" -- ship 1001 --rpo 62001411000017
run 2 "ship with a bad date" "${env_account[@]}" -- ship 1001 --rpo 62001411000016 --date 31.02.2024
run 0 "status paid" "${env_account[@]}" -- status 1002 paid --date 2024-03-01
run 2 "status with a bad date" "${env_account[@]}" -- status 1002 paid --date yesterday
run 0 "api" "${env_account[@]}" -- api getOrderDetails bill_id=1001
run 1 "show an order that does not exist" "${env_account[@]}" -- show 999999
run 1 "a wrong login" EXPERTAM_LOGIN=wrong EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$url" -- show 1001
run 1 "a wrong key" EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$other_key" EXPERTAM_API_URL="$url" -- show 1001
run 3 "an unreachable URL" EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" \
  EXPERTAM_API_URL="http://127.0.0.1:1/api/" -- show 1001

# Refusals, with clear messages
run 2 "a login that is not a DNS label" EXPERTAM_LOGIN="Shop_1!" EXPERTAM_API_KEY="$key" \
  EXPERTAM_API_URL="$url" -- show 1001
expect_err "login .* is not valid" "the bad login is named as such"
run 2 "plain http:// to another host" EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" \
  EXPERTAM_API_URL="http://example.com/api/" -- show 1001
expect_err "must start with https://" "plain http:// is refused, saying why"
start_helper redirect
run 3 "a redirect to another host" EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" \
  EXPERTAM_API_URL="$helper_url" -- show 1001
expect_err "redirect" "the redirect is refused, saying why"
if read -r -t 5 line <&"$helper_fd" && [ "$line" = connected ]; then
  pass "the redirecting server was asked once"
else
  fail "the redirecting server was asked once"
fi

# The keyring and the settings: login from standard input, then show with no EXPERTAM_* at all
mkdir -p "$tmp/schemas"
schema=io.github.expertam_orders.ExpertamOrders
real_schema=$(dirname "$0")/../data/$schema.gschema.xml
if [ -f "$real_schema" ]; then
  cp "$real_schema" "$tmp/schemas/"
else
  cat >"$tmp/schemas/$schema.gschema.xml" <<'XML'
<schemalist>
  <schema id="io.github.expertam_orders.ExpertamOrders" path="/io/github/expertam_orders/ExpertamOrders/">
    <key name="service" type="s"><default>'expertam'</default></key>
    <key name="login" type="s"><default>''</default></key>
    <key name="custom-url" type="s"><default>''</default></key>
  </schema>
</schemalist>
XML
fi
glib-compile-schemas --strict "$tmp/schemas"
settings_env=(-u EXPERTAM_LOGIN -u EXPERTAM_API_KEY -u EXPERTAM_API_URL GSETTINGS_SCHEMA_DIR="$tmp/schemas")
printf '%s\n' "$key" >"$tmp/key"
stdin_file=$tmp/key run 0 "login from standard input" "${settings_env[@]}" -- login demo --url "$url"
run 0 "show through the keyring and the settings" "${settings_env[@]}" -- show 1001
run 0 "ship through the keyring and the settings" "${settings_env[@]}" -- ship 1003 --rpo RA123456785RU
rm -f "$tmp/key"
if [ -n "$(find "$XDG_CONFIG_HOME" -type f 2>/dev/null)" ]; then
  pass "the settings landed in a file under XDG_CONFIG_HOME"
else
  fail "the settings landed in a file under XDG_CONFIG_HOME"
fi

# Command lines while running: show against a server that holds the request
start_helper hold
EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key" EXPERTAM_API_URL="$helper_url" \
  "$cli" show 1001 >"$tmp/hold.out" 2>"$tmp/hold.err" </dev/null &
held_pid=$!
pids+=($held_pid)
if read -r -t 10 line <&"$helper_fd" && [ "$line" = connected ]; then
  found_cmdline=
  for f in /proc/[0-9]*/cmdline; do
    if { tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qF -- "$key"; then
      found_cmdline="$found_cmdline $f"
    fi
  done
  if grep -qF -- "$(basename "$cli")" "/proc/$held_pid/cmdline" && [ -z "$found_cmdline" ]; then
    pass "the key is in no process's command line while expertam runs"
  else
    fail "the key is in no process's command line while expertam runs (found in:$found_cmdline)"
  fi
else
  fail "expertam reached the holding server"
fi
kill -TERM "$held_pid" 2>/dev/null || true
wait "$held_pid" 2>/dev/null || true

# The search: everything printed, and every file under HOME and the XDG dirs but the keyring's
found=$(grep -a -r -l -F -- "$key" "$tmp"/run-*.out "$tmp"/run-*.err "$tmp"/hold.* 2>/dev/null || true)
if [ -z "$found" ]; then
  pass "the key is in no output and no debug log ($n runs)"
else
  fail "the key is in no output and no debug log (found in: $found)"
fi
echo "# $(cat "$tmp"/run-*.err | grep -ac 'DEBUG' || true) debug lines were searched"

roots=()
for d in "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "${XDG_RUNTIME_DIR:-}" "${XDG_STATE_HOME:-$HOME/.local/state}"; do
  [ -n "$d" ] && [ -d "$d" ] && roots+=("$d")
done
found=$(grep -a -r -l -F --exclude-dir=keyrings -- "$key" "${roots[@]}" 2>/dev/null || true)
if [ -z "$found" ]; then
  pass "the key is in no file under HOME and the XDG dirs (keyrings excluded)"
else
  fail "the key is in no file under HOME and the XDG dirs (found in: $found)"
fi
databases=$(find "$XDG_DATA_HOME" -name '*.db*' -type f 2>/dev/null | wc -l)
if [ "$databases" -gt 0 ]; then
  pass "the order database was among the files searched ($databases files)"
else
  echo "ok $((passed + failed + 1)) - # SKIP this expertam keeps no order database yet"
  passed=$((passed + 1))
fi

echo "1..$((passed + failed))"
echo "# $passed passed, $failed failed"
[ "$failed" = 0 ]
