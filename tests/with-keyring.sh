#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# with-keyring.sh COMMAND...: runs COMMAND in a private D-Bus session with its own gnome-keyring
# (Secret Service), unlocked with a throwaway password, and a throwaway HOME and XDG dirs, so a
# test never reads or writes the keyring or settings of the person running it.
# Needs dbus-run-session (Debian: dbus) and gnome-keyring-daemon (gnome-keyring).
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
  shift
  sandbox=$(mktemp -d "${TMPDIR:-/tmp}/expertam-keyring-XXXXXX")
  trap 'rm -rf "$sandbox"' EXIT
  export HOME="$sandbox/home" XDG_RUNTIME_DIR="$sandbox/run"
  export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
  mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # --login makes the "login" collection and unlocks it with the password on stdin, no prompt;
  # --start then brings the Secret Service up on this session's bus.
  printf '%s' "expertam-test-$$" | gnome-keyring-daemon --daemonize --login >/dev/null 2>&1
  eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL 2>/dev/null || true
  rc=0
  "$@" || rc=$?
  exit $rc
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring.sh: $tool is missing (build-aux/install-deps --tests installs it)" >&2
    exit 127
  fi
done
# dbus-daemon warns that it cannot raise its fd limit when not root: noise, not a failure
exec dbus-run-session -- "$0" --inside "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
