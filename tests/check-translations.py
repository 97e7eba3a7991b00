#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The translations are complete and po/POTFILES.in lists every file with strings.

    tests/check-translations.py SOURCE_ROOT

TAP checks:
  - po/LINGUAS names languages that each have a po/LANG.po, which msgfmt --check accepts;
  - every file under src/ and data/ with translatable strings is in po/POTFILES.in, and every
    file POTFILES.in lists exists;
  - the catalogue extracted afresh from the files in POTFILES.in (xgettext, with the keywords of
    meson's 'glib' preset) has every message in each po/LANG.po, translated and not fuzzy;
  - no translatable string is cut short by a macro such as G_GINT64_FORMAT, which xgettext cannot
    expand, so that the message looked up at run time is never the one in the catalogue.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

# As meson's i18n.gettext(preset: 'glib') passes them to xgettext
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# What marks a file as having strings to translate, by the end of its name
C_MARKERS = re.compile(r'\b(?:N?C?_|g_dngettext|g_dcgettext|g_dpgettext2|ngettext|gettext)\s*\(\s*"')
MARKERS = [
    (('.c', '.h'), C_MARKERS),
    (('.ui',), re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')),
    (('.desktop.in', '.desktop.in.in'),
     re.compile(r'^(?:_?Name|_?GenericName|_?Comment|_?Keywords)\s*=', re.M)),
    (('.metainfo.xml.in', '.appdata.xml.in', '.metainfo.xml.in.in'),
     re.compile(r'<_?(?:name|summary|description|p|li|caption)\b')),
    (('.gschema.xml', '.gschema.xml.in'), re.compile(r'<(?:summary|description)\b')),
]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = False

    def check(self, ok, name, problems=()):
        self.n += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.n, name))
        for p in problems:
            print('#   ' + p)
        if not ok:
            self.failed = True

    def skip(self, name, why):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, name, why))


def unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError('not a quoted string: %r' % s)
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r'}.get(m.group(1), m.group(1)),
                  s[1:-1])


def read_po(path):
    """Returns the entries of a PO file: dicts with ctxt, id, plural, strs, fuzzy, obsolete."""
    entries = []
    cur = None
    field = None

    def flush():
        nonlocal cur
        if cur is not None and cur['id'] is not None:
            entries.append(cur)
        cur = None

    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                flush()
                continue
            if cur is None:
                cur = {'ctxt': None, 'id': None, 'plural': None, 'strs': {}, 'fuzzy': False,
                       'obsolete': False, 'line': lineno}
            if line.startswith('#~'):
                cur['obsolete'] = True
                line = line[2:].strip()
                if not line:
                    continue
            if line.startswith('#,'):
                cur['fuzzy'] = cur['fuzzy'] or 'fuzzy' in [x.strip() for x in line[2:].split(',')]
                continue
            if line.startswith('#:'):
                cur['refs'] = cur.get('refs', []) + line[2:].split()
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
            if m:
                kw, idx, val = m.groups()
                if kw == 'msgstr':
                    field = ('strs', int(idx or 0))
                    cur['strs'][field[1]] = unquote(val)
                else:
                    field = {'msgctxt': 'ctxt', 'msgid': 'id', 'msgid_plural': 'plural'}[kw]
                    cur[field] = unquote(val)
            elif line.startswith('"') and field is not None:
                if isinstance(field, tuple):
                    cur['strs'][field[1]] += unquote(line)
                else:
                    cur[field] += unquote(line)
            else:
                raise ValueError('%s:%d: cannot read %r' % (path, lineno, line))
    flush()
    return entries


def source_files(root):
    """Every file under src/ and data/, as git tracks them, or as they are on disk."""
    if shutil.which('git') and os.path.exists(os.path.join(root, '.git')):
        out = subprocess.run(['git', '-C', root, 'ls-files', '-z', '--', 'src', 'data'],
                             capture_output=True, check=False)
        if out.returncode == 0:
            return sorted(p for p in out.stdout.decode().split('\0') if p)
    files = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for name in filenames:
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(files)


def has_strings(root, path):
    for endings, marker in MARKERS:
        if path.endswith(endings):
            try:
                with open(os.path.join(root, path), encoding='utf-8') as f:
                    return marker.search(f.read()) is not None
            except (UnicodeDecodeError, FileNotFoundError):
                return False
    return False


def read_potfiles(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..'))
    podir = os.path.join(root, 'po')
    tap = Tap()

    # LINGUAS and the catalogues themselves
    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    problems = [] if languages else ['po/LINGUAS names no language']
    for lang in languages:
        po = os.path.join(podir, lang + '.po')
        if not os.path.exists(po):
            problems.append('po/%s.po does not exist' % lang)
            continue
        run = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems += ['po/%s.po: %s' % (lang, l) for l in run.stderr.splitlines()]
        elif re.search(r'fuzzy|untranslated', run.stderr):
            problems.append('po/%s.po: %s' % (lang, run.stderr.strip()))
        else:
            print('# po/%s.po: %s' % (lang, run.stderr.strip()))
    tap.check(not problems, 'each language in po/LINGUAS has a complete po file msgfmt --check accepts',
              problems)
    languages = [l for l in languages if os.path.exists(os.path.join(podir, l + '.po'))]

    # POTFILES.in against the files with strings
    listed = read_potfiles(root)
    missing = ['po/POTFILES.in lists %s, which does not exist' % p
               for p in listed if not os.path.isfile(os.path.join(root, p))]
    tap.check(not missing, 'every file po/POTFILES.in lists exists', missing)
    unlisted = ['%s has translatable strings but is not in po/POTFILES.in' % p
                for p in source_files(root) if has_strings(root, p) and p not in listed]
    tap.check(not unlisted, 'every file under src/ and data/ with translatable strings is in po/POTFILES.in',
              unlisted)

    # The catalogue as the sources make it now
    if not shutil.which('xgettext'):
        tap.skip('every message in the sources is translated', 'no xgettext')
        print('1..%d' % tap.n)
        return 1 if tap.failed else 0
    existing = [p for p in listed if os.path.isfile(os.path.join(root, p))]
    with tempfile.TemporaryDirectory() as tmp:
        filelist = os.path.join(tmp, 'POTFILES')
        with open(filelist, 'w', encoding='utf-8') as f:
            f.write(''.join(p + '\n' for p in existing))
        pot = os.path.join(tmp, 'fresh.pot')
        run = subprocess.run(['xgettext', '--package-name=expertam-orders', '-D', root,
                              '--files-from=' + filelist, '-o', pot] + XGETTEXT_ARGS,
                             capture_output=True, text=True)
        extracted = run.returncode == 0 and os.path.exists(pot)
        tap.check(extracted, 'xgettext extracts the messages of the files in po/POTFILES.in',
                  [] if extracted else run.stderr.splitlines())
        if run.returncode != 0 or not os.path.exists(pot):
            print('1..%d' % tap.n)
            return 1
        fresh = [e for e in read_po(pot) if e['id'] and not e['obsolete']]

    print('# %d messages in the sources' % len(fresh))
    for lang in languages:
        entries = {(e['ctxt'], e['id']): e for e in read_po(os.path.join(podir, lang + '.po'))
                   if not e['obsolete']}
        problems = []
        for e in fresh:
            t = entries.get((e['ctxt'], e['id']))
            name = repr(e['id'][:70]) + (' (context %r)' % e['ctxt'] if e['ctxt'] else '')
            if t is None:
                problems.append('not in po/%s.po: %s' % (lang, name))
            elif t['fuzzy']:
                problems.append('fuzzy in po/%s.po: %s' % (lang, name))
            elif not t['strs'] or not all(t['strs'].values()):
                problems.append('untranslated in po/%s.po: %s' % (lang, name))
            elif (e['plural'] is None) != (t['plural'] is None):
                problems.append('plural forms out of date in po/%s.po: %s' % (lang, name))
        tap.check(not problems, 'every message in the sources is translated in po/%s.po' % lang,
                  problems + (['update it with: ninja -C BUILDDIR expertam-orders-update-po']
                              if problems else []))

    # "Order %" G_GINT64_FORMAT: xgettext stops at the macro, so the catalogue holds "Order %"
    # and the whole string, looked up at run time, is never translated
    cut = ['%s: %r' % (' '.join(e.get('refs', [])), e['id']) for e in fresh
           if re.search(r'(?<!%)(?:%%)*%[-+ #0-9.]*$', e['id'])]
    tap.check(not cut,
              'no translatable string is cut short by a macro (use PRId64, which xgettext knows)',
              cut)

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
