#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/with-xvfb.sh CMD [ARG...]: runs CMD on a private virtual X display (1280x900, 24 bits)
# and exits with its status.
#
# Instead of `xvfb-run -a`, which picks the display by looking for a free lock file and then
# starts the server (two runs at the same moment can pick the same number, and one of them then
# finds no display), the server picks the display itself (-displayfd): it takes the lock
# atomically and writes the number back only once it accepts connections. -noreset: without it
# the server resets whenever its last client leaves (the accessibility bus launcher, say, which
# connects and leaves at once), and a client that connects during the reset finds no display.
# The server is stopped and waited for before this script returns, so no server outlives its test.
set -u

Xvfb=${XVFB:-Xvfb}
if [ $# -lt 1 ]; then
  echo "usage: with-xvfb.sh CMD [ARG...]" >&2
  exit 2
fi

tmp=$(mktemp -d)
xpid=
cleanup ()
{
  if [ -n "$xpid" ]; then
    kill "$xpid" 2>/dev/null
    wait "$xpid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkfifo "$tmp/display"
# No -auth: with no authority file the server takes local connections only, and -nolisten tcp
# leaves it the Unix socket alone
"$Xvfb" -displayfd 3 -screen 0 1280x900x24 -nolisten tcp -noreset 3>"$tmp/display" \
  </dev/null >"$tmp/xvfb.log" 2>&1 &
xpid=$!

# Blocks until the server writes its number (ready) or closes the pipe (failed to start)
display=
read -r -t 60 display <"$tmp/display" || true
if [ -z "$display" ]; then
  echo "with-xvfb.sh: the virtual X server did not start:" >&2
  sed 's/^/  /' "$tmp/xvfb.log" >&2
  exit 1
fi

export DISPLAY=":$display"
unset XAUTHORITY
"$@"
