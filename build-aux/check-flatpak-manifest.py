#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest for what Flathub requires and what this app may ask the sandbox for.

Usage: check-flatpak-manifest.py [--self-test] MANIFEST.json

With --self-test, it also checks that broken copies of MANIFEST are rejected.
"""

import copy

import json
import sys

APP_ID = "io.github.expertam_orders.ExpertamOrders"
COMMAND = "expertam-orders"
# Exactly these: the network, X11/Wayland and the GPU. The API key goes through the secret portal,
# so the sandbox never talks to the Secret Service directly, and the app reads no files of the user's.
FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
}
# GNOME runtimes are maintained for about a year; older branches are end-of-life on Flathub.
OLDEST_MAINTAINED_RUNTIME = 50


def check(manifest):
    errors = []

    def expect(condition, message):
        if not condition:
            errors.append(message)

    app_id = manifest.get("id", manifest.get("app-id"))
    expect(app_id == APP_ID, f"id (or app-id) is {app_id!r}, not {APP_ID!r}")
    expect(manifest.get("runtime") == "org.gnome.Platform",
           f"runtime is {manifest.get('runtime')!r}, not 'org.gnome.Platform'")
    expect(manifest.get("sdk") == "org.gnome.Sdk", f"sdk is {manifest.get('sdk')!r}, not 'org.gnome.Sdk'")

    version = manifest.get("runtime-version")
    expect(isinstance(version, str) and version.isdigit(),
           f"runtime-version must be a GNOME release number as a string, like \"50\", not {version!r}")
    if isinstance(version, str) and version.isdigit():
        expect(int(version) >= OLDEST_MAINTAINED_RUNTIME,
               f"runtime-version {version} is end-of-life; use {OLDEST_MAINTAINED_RUNTIME} or newer")

    expect(manifest.get("command") == COMMAND, f"command is {manifest.get('command')!r}, not {COMMAND!r}")

    finish_args = manifest.get("finish-args")
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        errors.append("finish-args must be a list of strings")
    else:
        for arg in finish_args:
            if arg == "--talk-name=org.freedesktop.secrets":
                errors.append("finish-args talks to org.freedesktop.secrets: the key goes through the secret portal")
            elif arg.startswith("--filesystem=") and arg.split("=", 1)[1].split(":")[0] in ("home", "host", "~"):
                errors.append(f"finish-args opens the user's files ({arg}): the app needs none of them")
            elif arg not in FINISH_ARGS:
                errors.append(f"finish-args has {arg!r}, which is not one of {sorted(FINISH_ARGS)}")
        for arg in sorted(FINISH_ARGS - set(finish_args)):
            errors.append(f"finish-args lacks {arg!r}")
        if len(finish_args) != len(set(finish_args)):
            errors.append("finish-args lists an argument twice")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        errors.append("modules must be a non-empty list")
        return errors
    # The app itself is the last module: the ones before it are dependencies.
    app = modules[-1]
    if not isinstance(app, dict):
        errors.append("the app module must be an object, not a reference to another file")
        return errors
    expect(app.get("buildsystem") == "meson",
           f"the app module {app.get('name')!r} is built with {app.get('buildsystem')!r}, not meson")
    sources = app.get("sources")
    if not isinstance(sources, list) or not sources:
        errors.append("the app module has no sources")
    else:
        for source in sources:
            kind = source.get("type") if isinstance(source, dict) else None
            expect(kind in ("dir", "git"), f"the app module's source is of type {kind!r}, not dir or git")
            if kind == "dir":
                expect(isinstance(source.get("path"), str), "a dir source needs a path")
            if kind == "git":
                expect(isinstance(source.get("url"), str), "a git source needs a url")
                expect(any(k in source for k in ("tag", "commit", "branch")),
                       "a git source needs a tag, commit or branch")
    return errors


def mutations(manifest):
    """Broken copies of a good manifest, each of which check() must reject."""

    def changed(edit):
        m = copy.deepcopy(manifest)
        edit(m)
        return m

    yield "secrets bus name", changed(lambda m: m["finish-args"].append("--talk-name=org.freedesktop.secrets"))
    yield "home directory", changed(lambda m: m["finish-args"].append("--filesystem=home"))
    yield "host filesystem", changed(lambda m: m["finish-args"].append("--filesystem=host:ro"))
    yield "an extra permission", changed(lambda m: m["finish-args"].append("--socket=pulseaudio"))
    yield "a missing permission", changed(lambda m: m["finish-args"].remove("--share=network"))
    yield "another runtime", changed(lambda m: m.update(runtime="org.freedesktop.Platform"))
    yield "an old runtime", changed(lambda m: m.update({"runtime-version": "47"}))
    yield "another command", changed(lambda m: m.update(command="expertam"))
    yield "no id", changed(lambda m: [m.pop(k, None) for k in ("id", "app-id")])
    yield "not meson", changed(lambda m: m["modules"][-1].update(buildsystem="cmake"))
    yield "an archive source", changed(lambda m: m["modules"][-1]["sources"][0].update(type="archive"))


def main():
    args = sys.argv[1:]
    self_test = "--self-test" in args
    args = [a for a in args if a != "--self-test"]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = args[0]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: not valid JSON: {e}", file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print(f"{path}: the manifest must be a JSON object", file=sys.stderr)
        return 1
    errors = check(manifest)
    for e in errors:
        print(f"{path}: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"{path}: OK")
    if self_test:
        for what, broken in mutations(manifest):
            if not check(broken):
                print(f"{path}: a manifest with {what} was not rejected", file=sys.stderr)
                errors.append(what)
            else:
                print(f"rejected as it should be: {what}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
