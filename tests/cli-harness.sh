# SPDX-License-Identifier: GPL-3.0-or-later
# cli-harness.sh: what the command-line test scripts share, sourced after they set $cli (the
# expertam program): a temporary HOME for the data, settings and cache; TAP lines (pass, fail);
# run and expect; and the demo shop on 127.0.0.1 (start_demo_server sets $url, $key and
# $account). The scripts print "N passed, M failed" last and exit non-zero on any failure.

tmp=$(mktemp -d)
server_pid=
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

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
pass () { passed=$((passed + 1)); echo "ok $((passed + failed)) - $1"; }
fail ()
{
  failed=$((failed + 1))
  echo "not ok $((passed + failed)) - $1"
  for f in out err; do
    [ -s "$tmp/$f" ] && sed "s/^/#   $f: /" "$tmp/$f" | head -n 20
  done
  return 0
}

# run [ENV=VALUE...] -- ARGS...: sets $status, keeps out and err in $tmp
run ()
{
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  set +e
  env "${envs[@]}" "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
}

# expect DESCRIPTION STATUS [ENV=VALUE...] -- ARGS...: the exit status, and for a failure exactly
# one stderr line starting with "expertam: "
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

# expect_in out|err TEXT DESCRIPTION: the last run's stdout or stderr holds TEXT
expect_in ()
{
  if grep -qF -- "$2" "$tmp/$1"; then pass "$3"; else fail "$3 ('$2' not in std$1)"; fi
}

# The demo shop prints its url, login and key, then serves until it is stopped (ARGS: more
# options of demo-server)
start_demo_server ()
{
  local url_line= login_line= key_line=

  mkfifo "$tmp/server-fifo"
  "$cli" demo-server "$@" >"$tmp/server-fifo" 2>"$tmp/server-err" &
  server_pid=$!
  exec 3<"$tmp/server-fifo"
  read -r -t 10 url_line <&3 || true
  read -r -t 10 login_line <&3 || true
  read -r -t 10 key_line <&3 || true
  if ! [[ "$url_line" =~ ^url:\ (http://127\.0\.0\.1:[0-9]+/api/)$ ]] ||
     ! [[ "$key_line" =~ ^key:\ (.+)$ ]]; then
    echo "Bail out! the demo server did not start"
    cat "$tmp/server-err" >&2
    exit 1
  fi
  url=${url_line#url: }
  key=${key_line#key: }
  account=(EXPERTAM_API_URL="$url" EXPERTAM_LOGIN=demo EXPERTAM_API_KEY="$key")
}
