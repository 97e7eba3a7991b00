#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/gui/test-audit.sh PATH-TO-TEST-AUDIT WITH-XVFB: the app's part of the secrets audit.
# Runs inside tests/with-keyring.sh (a private HOME, XDG dirs and keyring). test-audit drives
# the whole app through every path with the demo shop's key (see test-audit.c) under
# G_MESSAGES_DEBUG=all, with settings in a key file under XDG_CONFIG_HOME; it checks the command
# lines itself while it runs. Then the key is searched for in its stdout and stderr (the debug
# log), and in every file under HOME and the XDG dirs, the settings and any database included.
# Not searched: XDG_DATA_HOME/keyrings, gnome-keyring's own (encrypted) store, where the key belongs.
# A finding names the file and the byte offset, never the key.
set -euo pipefail

test_audit=${1:?usage: test-audit.sh PATH-TO-TEST-AUDIT WITH-XVFB}
with_xvfb=${2:?usage: test-audit.sh PATH-TO-TEST-AUDIT WITH-XVFB}
: "${HOME:?}" "${XDG_DATA_HOME:=$HOME/.local/share}" "${XDG_CONFIG_HOME:=$HOME/.config}" \
  "${XDG_CACHE_HOME:=$HOME/.cache}"
export XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
export G_MESSAGES_DEBUG=all
export GSETTINGS_BACKEND=keyfile
# everything here is on loopback: no proxy lookup (libproxy crashes under AddressSanitizer)
export GIO_USE_PROXY_RESOLVER=dummy
unset EXPERTAM_LOGIN EXPERTAM_API_KEY EXPERTAM_API_URL

# Outside HOME, so not among the places searched; the key file lives only until it is read
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export EO_AUDIT_KEY_FILE=$tmp/key

passed=0
failed=0
pass () { passed=$((passed + 1)); echo "ok $((passed + failed)) - $1"; }
fail () { failed=$((failed + 1)); echo "not ok $((passed + failed)) - $1"; }

set +e
"$with_xvfb" "$test_audit" --tap >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
set -e
key=$(cat "$EO_AUDIT_KEY_FILE" 2>/dev/null || true)
rm -f "$EO_AUDIT_KEY_FILE"

if [ "$status" = 0 ]; then
  pass "the app went through every path, the key in no command line while it ran"
else
  fail "the app went through every path (test-audit exit $status)"
fi
if [ ${#key} -lt 20 ]; then
  fail "test-audit handed over the demo shop's key"
  grep -v 'DEBUG' "$tmp/out" "$tmp/err" | sed "s|^$tmp/|#   std|" | tail -n 20
  echo "1..$((passed + failed))"
  exit 1
fi
if [ "$status" != 0 ]; then
  # The output is shown only after it was searched: it must not carry the key to the test log
  if ! grep -a -q -F -- "$key" "$tmp/out" "$tmp/err"; then
    grep -v 'DEBUG' "$tmp/out" "$tmp/err" | sed "s|^$tmp/|#   std|" | tail -n 20
  fi
fi

# "FILE at offset N" for every place the key starts in the files given, or nothing
where_key ()
{
  grep -a -H -b -o -F -D skip -- "$key" "$@" 2>/dev/null | cut -d: -f1,2 | sed 's/:\([0-9]*\)$/ at offset \1/' || true
}

debug_lines=$(cat "$tmp/out" "$tmp/err" | grep -ac 'DEBUG' || true)
found=$(where_key "$tmp/out" "$tmp/err")
if [ -z "$found" ] && [ "$debug_lines" -gt 0 ]; then
  pass "the key is in no output and not in the debug log ($debug_lines debug lines)"
elif [ -z "$found" ]; then
  fail "the debug log was written (no DEBUG lines under G_MESSAGES_DEBUG=all)"
else
  fail "the key is in no output and not in the debug log"
  printf '%s\n' "$found" | sed "s|^$tmp/|#   found in test-audit's std|"
fi

roots=()
for d in "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "${XDG_RUNTIME_DIR:-}" \
         "${XDG_STATE_HOME:-$HOME/.local/state}"; do
  [ -n "$d" ] && [ -d "$d" ] && roots+=("$d")
done
files=$(find "${roots[@]}" -path "$XDG_DATA_HOME/keyrings" -prune -o -type f -print 2>/dev/null | sort -u)
n_files=$(printf '%s\n' "$files" | grep -c . || true)
found=$(printf '%s\n' "$files" | grep . | while IFS= read -r f; do where_key "$f"; done)
if [ -z "$found" ]; then
  pass "the key is in no file under HOME and the XDG dirs, keyrings excluded ($n_files files)"
else
  fail "the key is in no file under HOME and the XDG dirs"
  printf '%s\n' "$found" | sed 's/^/#   found in /'
fi

settings_file=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
if [ -f "$settings_file" ] && grep -q 'custom-url' "$settings_file"; then
  pass "the settings were among the files searched"
else
  fail "the settings were among the files searched (no $settings_file with custom-url)"
fi
databases=$(find "$XDG_DATA_HOME" "$XDG_CACHE_HOME" -path "$XDG_DATA_HOME/keyrings" -prune -o \
              -type f \( -name '*.db' -o -name '*.sqlite*' -o -name '*.db-*' \) -print 2>/dev/null | wc -l)
if [ "$databases" -gt 0 ]; then
  pass "the app's database was among the files searched ($databases files)"
else
  echo "ok $((passed + failed + 1)) - # SKIP the app keeps no database yet"
  passed=$((passed + 1))
fi
if find "$XDG_DATA_HOME/keyrings" -type f 2>/dev/null | grep -q .; then
  pass "the keyring's own store exists (the one place the key may be)"
else
  fail "the keyring's own store exists under XDG_DATA_HOME/keyrings"
fi

echo "1..$((passed + failed))"
echo "# $passed passed, $failed failed"
[ "$failed" = 0 ]
