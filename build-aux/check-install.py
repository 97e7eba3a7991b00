#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary DESTDIR and checks that everything lands where it belongs.

Usage: check-install.py BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID GETTEXT_PACKAGE
(the directories as meson's options give them: BINDIR, DATADIR and LOCALEDIR relative to PREFIX or absolute)
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


def meson_command():
    # Tests get MESONINTROSPECT ("python3 /usr/bin/meson introspect"): use the same meson that built us.
    words = shlex.split(os.environ.get("MESONINTROSPECT", ""))
    if len(words) >= 2 and words[-1] == "introspect":
        return words[:-1]
    return ["meson"]


def linguas(source_root):
    langs = []
    with open(os.path.join(source_root, "po", "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            langs.extend(line.split("#", 1)[0].split())
    return langs


def main():
    if len(sys.argv) != 9:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    build_root, source_root, prefix, bindir, datadir, localedir, app_id, gettext_package = sys.argv[1:]
    meson = meson_command()

    def under_prefix(d):
        return d if os.path.isabs(d) else os.path.join(prefix, d)

    bindir, datadir, localedir = map(under_prefix, (bindir, datadir, localedir))

    targets = json.loads(subprocess.run(meson + ["introspect", "--targets", build_root],
                                        check=True, capture_output=True, text=True).stdout)
    target_names = {t["name"] for t in targets}

    expected = [
        os.path.join(datadir, "applications", app_id + ".desktop"),
        os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"),
        os.path.join(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
    ]
    # The command line and the window: each must be installed whenever this build has it.
    for program in ("expertam", "expertam-orders"):
        if program in target_names:
            expected.append(os.path.join(bindir, program))
    if os.path.exists(os.path.join(source_root, "data", app_id + ".gschema.xml")):
        expected.append(os.path.join(datadir, "glib-2.0", "schemas", app_id + ".gschema.xml"))
    for lang in linguas(source_root):
        expected.append(os.path.join(localedir, lang, "LC_MESSAGES", gettext_package + ".mo"))

    destdir = tempfile.mkdtemp(prefix="expertam-install-")
    try:
        result = subprocess.run(meson + ["install", "-C", build_root, "--destdir", destdir,
                                         "--no-rebuild", "--quiet"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            # --no-rebuild: meson test builds only what the selected tests use, so build it all first.
            print(f"meson install failed with status {result.returncode} (was everything built? ninja -C {build_root})",
                  file=sys.stderr)
            return 1

        # Everything meson says it installs, plus the files the desktop and Flathub look for.
        installed = json.loads(subprocess.run(meson + ["introspect", "--installed", build_root],
                                              check=True, capture_output=True, text=True).stdout)
        missing = []
        for path in sorted(set(expected) | set(installed.values())):
            full = destdir + path
            if not os.path.exists(full):
                missing.append(path)
            else:
                print(f"ok {path}")
        for path in missing:
            print(f"missing: {path}", file=sys.stderr)
        for program in ("expertam", "expertam-orders"):
            full = destdir + os.path.join(bindir, program)
            if os.path.exists(full) and not os.access(full, os.X_OK):
                print(f"not executable: {os.path.join(bindir, program)}", file=sys.stderr)
                missing.append(program)
        return 1 if missing else 0
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
