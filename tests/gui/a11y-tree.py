#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives Expertam Orders through the accessibility tree (AT-SPI), as a screen reader or an
automated tester would, and dumps what the tree shows.

Usage (a private X display and D-Bus session; GTK_A11Y must not be "none"):

  xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
      /usr/bin/python3 tests/gui/a11y-tree.py BUILDDIR/src/gui/expertam-orders [--dump DIR]

It starts the app on the demo shop, finds the search entry by its name, looks up order 1001,
checks the order's customer, postcode and items are readable, opens Mark as Sent, types a
tracking number, reads the validation message, and opens Preferences. Every wait polls the
tree with a deadline. Needs python3-pyatspi (Debian's; a pyenv python does not see it).
Keys are sent with xdotool (XTest).

The gui-a11y-tree meson test runs it. GTK 4.8 puts an AdwWindow dialog on the bus as a
"filler" (not a "dialog"), with the MODAL state: it is found by its name.
"""
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

DEADLINE = 20.0
failures = []
dump_dir = None


def log(*args):
    print(*args, flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def walk(acc):
    if acc is None:
        return
    yield acc
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child)


def poll(fn, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while True:
        try:
            value = fn()
        except Exception:
            value = None
        if value:
            return value
        if time.monotonic() > end:
            return None
        time.sleep(0.1)


def find(root, pred, timeout=DEADLINE):
    def once():
        for acc in walk(root):
            try:
                if pred(acc):
                    return acc
            except Exception:
                pass
        return None
    return poll(once, timeout)


def named(role, name):
    return lambda a: a.getRole() == role and a.name == name


def names(root):
    out = []
    for acc in walk(root):
        try:
            out.append(acc.name or '')
            out.append(acc.description or '')
        except Exception:
            pass
    return out


def dump(root, title):
    lines = []

    def rec(acc, depth):
        try:
            states = acc.getState()
            flags = [s for s, st in (('focusable', pyatspi.STATE_FOCUSABLE),
                                     ('focused', pyatspi.STATE_FOCUSED),
                                     ('editable', pyatspi.STATE_EDITABLE),
                                     ('sensitive', pyatspi.STATE_SENSITIVE))
                     if states.contains(st)]
            rels = []
            for r in acc.getRelationSet():
                targets = [r.getTarget(i).name for i in range(r.getNTargets())]
                rels.append('%s=%r' % (r.getRelationType().value_nick, targets))
            lines.append('%s[%s] %r desc=%r %s %s' % ('  ' * depth, acc.getRoleName(), acc.name,
                                                     acc.description, ','.join(flags),
                                                     ' '.join(rels)))
            for i in range(acc.childCount):
                rec(acc.getChildAtIndex(i), depth + 1)
        except Exception as e:
            lines.append('  ' * depth + 'error: %s' % e)

    rec(root, 0)
    if dump_dir:
        path = os.path.join(dump_dir, title + '.txt')
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        log('# dumped %s' % path)
    return lines


def press(keysym, modifiers=()):
    """Presses a key through XTest (xdotool): AT-SPI's own keyboard synthesis did not reach
    the GTK 4.8 window under Xvfb."""
    subprocess.run(['xdotool', 'key', '+'.join(list(modifiers) + [keysym])], check=True)


def main():
    global dump_dir
    args = sys.argv[1:]
    if not args:
        log(__doc__)
        return 2
    app_path = args[0]
    if '--dump' in args:
        dump_dir = args[args.index('--dump') + 1]
        os.makedirs(dump_dir, exist_ok=True)

    env = dict(os.environ)
    env.pop('GTK_A11Y', None)
    env.setdefault('GSETTINGS_BACKEND', 'memory')
    env['GDK_BACKEND'] = 'x11'
    home = tempfile.mkdtemp(prefix='eo-a11y-')
    env['XDG_DATA_HOME'] = os.path.join(home, 'data')
    env['XDG_CONFIG_HOME'] = os.path.join(home, 'config')
    env['XDG_CACHE_HOME'] = os.path.join(home, 'cache')
    proc = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        run()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    # order 1001 was opened: saved in the demo shop's own file, never in a shop's
    files = os.path.join(home, 'data', 'expertam-orders')
    check(os.path.exists(os.path.join(files, 'demo-shop.db')),
          'the demo shop keeps its orders in a file of its own')
    check(not os.path.exists(os.path.join(files, 'orders.db')),
          'the demo shop wrote nothing to the shop\'s file')
    log('# %d failed' % len(failures))
    return 1 if failures else 0


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == 'expertam-orders':
            return a
    return None


def run():
    app = poll(find_app)
    if not check(app is not None, 'the app is on the accessibility bus'):
        return
    window = find(app, named(pyatspi.ROLE_FRAME, 'Expertam Orders'))
    check(window is not None, 'the main window is named "Expertam Orders"')
    dump(app, '1-start')

    entry = find(app, named(pyatspi.ROLE_ENTRY, 'Order number'))
    if not check(entry is not None, 'the search entry is found by its name "Order number"'):
        return
    check(entry.queryEditableText().setTextContents('1001'), 'the search entry takes text')
    # Ctrl+F puts the focus in the search field; Enter looks the order up
    press('f', ['Control_L'])
    check(poll(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED)),
          'Ctrl+F focuses the search entry')
    press('Return')

    customer = find(app, lambda a: a.getRole() == pyatspi.ROLE_LABEL
                    and a.name == 'Иванова Мария Сергеевна')
    check(customer is not None, "the customer's name is readable")
    all_names = names(app)
    check(any('620014' in n for n in all_names), 'the postcode is readable')
    for title in ('Курс «Основы фотографии»', 'Набор для вышивания «Сирень»'):
        check(title in all_names, 'the item "%s" is readable' % title)
    check(find(app, named(pyatspi.ROLE_LIST, 'Items'), 1) is not None,
          'the items list is named "Items"')
    check('6,280.00\xa0₽' in all_names or any('6' in n and '₽' in n for n in all_names),
          'the sums are readable')
    check(find(app, lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name == 'Paid'
               and a.description == 'Payment status', 1) is not None,
          'the status badge is readable, with its meaning')
    dump(app, '2-order')

    ship = find(app, named(pyatspi.ROLE_PUSH_BUTTON, 'Mark as Sent…'))
    if not check(ship is not None, 'the "Mark as Sent…" button is found by its name'):
        return
    ship.queryAction().doAction(0)
    dialog = find(app, lambda a: a.name == 'Mark as Sent' and a.getRole() in (
        pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW, pyatspi.ROLE_FILLER))
    if not check(dialog is not None, 'the Mark as Sent dialog opens'):
        return
    tracking = find(dialog, lambda a: a.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)
                    and a.name == 'Russian Post tracking number')
    if check(tracking is not None, 'the tracking number field is found by its name'):
        tracking.queryEditableText().setTextContents('123')

        def message():
            for r in tracking.getRelationSet():
                if r.getRelationType() == pyatspi.RELATION_DESCRIBED_BY and r.getNTargets():
                    return r.getTarget(0).name
            return None
        text = poll(message, 5)
        check(bool(text), 'the validation message is tied to the field: %r' % text)
    check(find(dialog, named(pyatspi.ROLE_PUSH_BUTTON, 'Mark as Sent'), 1) is not None,
          'the dialog\'s "Mark as Sent" button is found by its name')
    dump(dialog, '3-ship-dialog')
    press('Escape')
    poll(lambda: find(app, lambda a: a.name == 'Mark as Sent' and a.getRole() in (
        pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_FILLER), 0.2) is None, 5)

    # Scan mode: a scanner's keys, and each result said as an alert
    scan = find(app, lambda a: a.name == 'Scan Mode' and a.getRole() in (
        pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON))
    if not check(scan is not None, 'the "Scan Mode" button is found by its name'):
        return
    scan.queryAction().doAction(0)
    check(find(app, lambda a: a.getRole() == pyatspi.ROLE_LABEL
               and a.name == 'Scan an order’s packing slip') is not None,
          'scan mode says what to scan')
    subprocess.run(['xdotool', 'type', '--delay', '1', '3001\n'], check=True)
    alerts = (pyatspi.ROLE_ALERT, pyatspi.ROLE_NOTIFICATION)
    picked = find(app, lambda a: a.getRole() in alerts and 'Order 3001' in (a.name or ''))
    check(picked is not None, 'the order read is announced as an alert: %r'
          % (picked.name if picked else None))
    subprocess.run(['xdotool', 'type', '--delay', '1', '80102000000014\n'], check=True)
    sent = find(app, lambda a: a.getRole() in alerts and 'marked as sent' in (a.name or ''))
    check(sent is not None, 'the parcel marked sent is announced: %r'
          % (sent.name if sent else None))
    subprocess.run(['xdotool', 'type', '--delay', '1', '80102000000015\n'], check=True)
    refused = find(app, lambda a: a.getRole() in alerts and 'Wrong Check Digit' in (a.name or ''))
    check(refused is not None, 'a wrong check digit is announced: %r'
          % (refused.name if refused else None))
    check(find(app, named(pyatspi.ROLE_PUSH_BUTTON, 'Undo Last Pair'), 1) is not None,
          'the "Undo Last Pair" button is found by its name')
    check(find(app, lambda a: a.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX)
               and a.name == 'Orders Scanned', 1) is not None,
          'the list of pairs is named "Orders Scanned"')
    dump(app, '4-scan-mode')


if __name__ == '__main__':
    sys.exit(main())
