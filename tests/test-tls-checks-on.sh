#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test-tls-checks-on.sh SOURCE_ROOT: a guard that nothing in the program can switch
# certificate checks off. The reply hash does not cover the order data, so TLS verification is
# what protects it (DESIGN.md): no accept-certificate handler, no validation flags, no replaced or
# emptied TLS database, no TLS environment variables, no setting or option that could do it.
set -euo pipefail

top=${1:?usage: test-tls-checks-on.sh SOURCE_ROOT}
cd "$top"

# what turns checks off in GIO/libsoup, GnuTLS, OpenSSL or curl, and settings that would name it
patterns=(
  'accept[-_]certificate'
  'ssl[-_]strict'
  'ssl[-_]use[-_]system[-_]ca'
  'tls[-_]validation[-_]flags'
  'validation_flags'
  'G_TLS_CERTIFICATE_[A-Z_]+'
  'tls[-_]database'
  'tls[-_]interaction'
  'set_tls_database'
  'GNUTLS_[A-Z_]+'
  'SSL_[A-Z_]+'
  'GIO_USE_TLS'
  'G_TLS_GNUTLS'
  'GIO_EXTRA_MODULES'
  'CURLOPT_SSL'
  'verify[-_]?(peer|host|ssl|tls|cert)'
  'no[-_]?verify'
  'insecure'
  'skip[-_](tls|ssl|cert)'
  'ignore[-_](tls|ssl|cert)'
)
regex=$(IFS='|'; echo "${patterns[*]}")

# the program and what ships with it (settings schemas, desktop files, the flatpak manifest)
paths=()
for p in src data build-aux/flatpak; do
  [ -e "$p" ] && paths+=("$p")
done

# A comment that says there is no such handler is fine; anything else is a finding.
found=$(grep -rnEi --binary-files=without-match -e "$regex" "${paths[@]}" |
        grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//|# )' || true)

if [ -n "$found" ]; then
  echo "not ok 1 - something in the program can weaken certificate checks:"
  echo "$found" | sed 's/^/#   /'
  exit 1
fi
echo "ok 1 - no setting, variable or flag turns certificate checks off (${#patterns[@]} patterns in ${paths[*]})"

# the guard must see what it guards against: a planted line is found
planted=$(mktemp)
trap 'rm -f "$planted"' EXIT
printf 'g_signal_connect (msg, "accept-certificate", G_CALLBACK (yes_cb), NULL);\n' >"$planted"
if grep -qEi -e "$regex" "$planted"; then
  echo "ok 2 - the guard finds a planted accept-certificate handler"
else
  echo "not ok 2 - the guard misses a planted accept-certificate handler"
  exit 1
fi
echo "1..2"
