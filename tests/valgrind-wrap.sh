#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind-wrap.sh VALGRIND-OPTIONS... -- COMMAND...: the exe_wrapper of `meson test --setup=valgrind`.
# Runs COMMAND under valgrind; for a test run through tests/with-keyring.sh, valgrind goes
# inside the keyring session, around the test program, not around the session's shell scripts.
set -euo pipefail

options=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  options+=("$1")
  shift
done
shift

if [ "$(basename "$1")" = with-keyring.sh ]; then
  keyring=$1
  shift
  exec "$keyring" valgrind "${options[@]}" "$@"
fi
exec valgrind "${options[@]}" "$@"
