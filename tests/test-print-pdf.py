#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the sample print run back as a person would: the pages and their sizes (pdfinfo), the
text of each form (pdftotext), the barcodes decoded from a 300 dpi render (pdftoppm, zbarimg),
a very long address inside its box (pdftotext -bbox), and the list's CSV.

Usage: test-print-pdf.py PRINT-SAMPLE   (TAP on stdout)
"""

import html
import os
import re
import subprocess
import sys
import tempfile

MM = 72 / 25.4
results = []


def check(ok, what, detail=""):
    results.append((bool(ok), what, detail))


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_sizes(pdf):
    out = run("pdfinfo", "-f", "1", "-l", "999", pdf)
    sizes = []
    for m in re.finditer(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M):
        sizes.append((round(float(m.group(1)) / MM), round(float(m.group(2)) / MM)))
    return sizes


def page_text(pdf, page):
    return run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-")


def flat(text):
    return " ".join(text.split())


def words(pdf, page):
    """(word, xmin, ymin, xmax, ymax) in mm for one page"""
    out = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
    found = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        found.append((html.unescape(m.group(5)),) + tuple(float(m.group(i)) / MM for i in range(1, 5)))
    return found


def barcodes(pdf, page, tmp):
    base = os.path.join(tmp, f"p{page}")
    run("pdftoppm", "-r", "300", "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf, base)
    proc = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Scode128.enable", "-Si25.enable",
                           base + ".png"], capture_output=True, text=True)
    return sorted(line for line in proc.stdout.splitlines() if line)


# The sample run: forms slip, slip-label, 7p, 112ep, list, envelope-dl, -c5, -c4 for 3 orders
# (1001 COD 1990.00, 1002 the long address with COD 21.05, 1003 prepaid); 112ЭП for 2 of them
EXPECTED_SIZES = [(210, 297)] * 3 + [(100, 150)] * 3 + [(198, 141)] * 3 + [(210, 297)] * 2 + \
    [(210, 297)] + [(220, 110)] * 3 + [(229, 162)] * 3 + [(324, 229)] * 3 + \
    [(297, 210)] * 3 + [(297, 210)] * 2
SLIP, LABEL, P7, EP112, LIST, DL, F116, F107 = 1, 4, 7, 10, 12, 13, 22, 25


def check_whole(pdf, tmp, mode):
    sizes = page_sizes(pdf)
    check(sizes == EXPECTED_SIZES, f"{mode}: {len(EXPECTED_SIZES)} pages of their own sizes", f"got {sizes}")

    # Packing slips: the shop, the order in figures and as a barcode, the items and the comment
    t = flat(page_text(pdf, SLIP))
    for s in ["ИП Соколова Анна Викторовна", "Заказ № 1001", "Иванова Мария", "620014",
              "Курс «Основы фотографии»", "PH-7Q4K-2M9X", "1 990,00 руб.", "Позвоните за час до доставки"]:
        check(s in t, f"{mode}: slip shows “{s}”", t[:300])
    for page, number in [(SLIP, "1001"), (SLIP + 1, "1002"), (LABEL, "1001"), (LABEL + 2, "1003")]:
        codes = barcodes(pdf, page, tmp)
        check(codes == [number], f"{mode}: page {page}'s Code 128 reads {number}", f"decoded {codes}")

    # ф.7-п: sender and recipient, postcodes digit by digit, sums in figures and words
    t = flat(page_text(pdf, P7))
    for s in ["Иванова Мария", "ИП Соколова Анна Викторовна", "Малышева",
              "1990 (одна тысяча девятьсот девяносто) руб. 00 коп."]:
        check(s in t, f"{mode}: 7-п shows “{s}”", t[:400])
    digits = "".join(w for w, *_ in words(pdf, P7) if len(w) == 1 and w.isdigit())
    check("620014" in digits and "170100" in digits, f"{mode}: 7-п has both postcodes in cells", digits)
    t = flat(page_text(pdf, P7 + 1))
    check("21 (двадцать один) руб. 05 коп." in t, f"{mode}: 7-п COD 21.05 in words", t[:400])
    codes = barcodes(pdf, P7, tmp)
    check(codes == ["80102700123457"], f"{mode}: 7-п's Interleaved 2 of 5 reads the 14 digits", f"{codes}")
    codes = barcodes(pdf, P7 + 1, tmp)
    check(codes == ["LS018350611RU"], f"{mode}: 7-п's Code 128 reads the S10 number", f"{codes}")

    # The long name and address stay inside their boxes (recipient: the name on its line at
    # 105..185 x 75.5..80.5 mm, growing to two lines upwards from 70.5; the address 100..182 x
    # 91..106 mm) and nothing is lost
    ws = words(pdf, P7 + 1)
    boxes = {"Константинопольская-Преображенская": (104.5, 70, 185.5, 81),
             "Вячеславовна": (104.5, 70, 185.5, 81),
             "Краснознаменский,": (99.5, 90.5, 182.5, 106.5),
             "молодогвардии,": (99.5, 90.5, 182.5, 106.5),
             "1138": (99.5, 90.5, 182.5, 106.5)}
    for lw, (bx0, by0, bx1, by1) in boxes.items():
        hits = [w for w in ws if w[0] == lw]
        check(len(hits) == 1, f"{mode}: the long name or address's “{lw}” is printed", f"{hits}")
        for w, x0, y0, x1, y1 in hits:
            inside = bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1
            check(inside, f"{mode}: “{lw}” stays in its box", f"at {x0:.1f},{y0:.1f}-{x1:.1f},{y1:.1f} mm")
            check(y1 - y0 >= 2.0, f"{mode}: “{lw}” is still readable (over 2 mm tall)", f"{y1 - y0:.2f} mm")
    check(all(w[3] <= 198 and w[4] <= 141 for w in ws), f"{mode}: nothing past the 7-п's edge")

    # ф.112ЭП: the sum in words, the payee's details, the payer
    t = flat(page_text(pdf, EP112))
    check("Одна тысяча девятьсот девяносто рублей 00 копеек" in t, f"{mode}: 112ЭП sum in words", t[:500])
    t2 = flat(page_text(pdf, EP112 + 1))
    check("Двадцать один рубль 05 копеек" in t2, f"{mode}: 112ЭП 21.05 in words", t2[:500])
    cells = "".join(w for w, *_ in words(pdf, EP112) if len(w) == 1 and w.isdigit())
    for number in ["690123456789", "30101810700000000679", "40802810163000001234", "042809679", "170100",
                   "620014"]:
        check(number in cells, f"{mode}: 112ЭП has {number} in its cells", cells)
    check("ПАО Сбербанк" in t and "Иванова Мария" in t, f"{mode}: 112ЭП bank and payer", t[:500])

    # The list: one page, every parcel, tracking numbers as text and barcodes, totals
    t = flat(page_text(pdf, LIST))
    for s in ["Список № 3 внутренних почтовых отправлений от 02.12.2026", "Всего отправлений: 3",
              "80102700123457", "LS018350611RU", "Петров Илья", "6 990,00 руб.", "2 011,05 руб.",
              "ОТПРАВИТЕЛЬ", "ПРИНЯЛ"]:
        check(s in t, f"{mode}: list shows “{s}”", t[:600])
    codes = barcodes(pdf, LIST, tmp)
    check(codes == ["80102700123457", "LS018350611RU"], f"{mode}: list's barcodes read both numbers", f"{codes}")

    # ф.116: the sums in words, the addresses; ф.107 (only 1001 and 1002 have a declared value):
    # each item and the total, twice
    t = flat(page_text(pdf, F116))
    for s in ["Иванова Мария", "Малышева", "ИП Соколова Анна Викторовна",
              "1990 (одна тысяча девятьсот девяносто) руб. 00 коп."]:
        check(s in t, f"{mode}: 116 shows “{s}”", t[:400])
    t = flat(page_text(pdf, F107))
    for s in ["Курс «Основы фотографии»", "Набор для вышивания «Сирень»", "1 290,00 руб.", "700,00 руб.",
              "1 990,00 руб."]:
        check(t.count(s) == 2, f"{mode}: 107 shows “{s}” on both copies", t[:400])
    t = flat(page_text(pdf, F107 + 1))
    check("Константинопольская-Преображенская" in t, f"{mode}: the second 107 is 1002's", t[:300])

    # Envelope: from and to, the recipient's postcode
    t = flat(page_text(pdf, DL))
    check("Иванова Мария" in t and "ИП Соколова" in t and "620014"[0] in t, f"{mode}: DL envelope", t[:300])


def main():
    sample = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        run(sample, tmp)
        check_whole(os.path.join(tmp, "whole.pdf"), tmp, "whole form")
        blank = os.path.join(tmp, "blank.pdf")
        check_whole(blank, tmp, "onto a blank")
        # The blank mode drops the forms' own words, keeps the data
        t = flat(page_text(blank, P7))
        check("Откуда" not in t and "Иванова Мария" in t, "onto a blank: 7-п has data, no captions", t[:300])
        t = flat(page_text(os.path.join(tmp, "whole.pdf"), P7))
        check("Откуда" in t, "whole form: 7-п has its captions", t[:300])
        # The 7-п's calibration offset moves its data, and only the 7-п's
        for page, dx, dy in [(P7, 4, -2.5), (EP112, 0, 0)]:
            before = {w[0]: w[1:] for w in words(blank, page)}
            after = {w[0]: w[1:] for w in words(os.path.join(tmp, "offset.pdf"), page)}
            name = "Мария"
            moved = [round(a - b, 1) for a, b in zip(after[name], before[name])]
            check(moved == [dx, dy, dx, dy], f"page {page} moved by ({dx}, {dy}) mm", f"{moved}")
        with open(os.path.join(tmp, "list.csv"), encoding="utf-8") as f:
            csv = f.read()
        check(csv.startswith("№,Заказ,Адресат") and "LS018350611RU" in csv, "the list's CSV", csv[:200])

    print(f"1..{len(results)}")
    for i, (ok, what, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
        if not ok:
            print(f"# {detail}")
    return 0 if all(ok for ok, *_ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
