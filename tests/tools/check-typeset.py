#!/usr/bin/env python3
"""check-typeset.py - the typesetting of report PDFs, read back with pdftotext.

  check-typeset.py breaks THAI_C PDF...
      no line of a paragraph or cell ends in a number whose next line starts
      with a unit or counting word or a month, and no word of the keep list
      (read from thai_keep_words in THAI_C) is split across two lines.  The
      next line of a line is the one a line pitch below it, overlapping it.
  check-typeset.py lists PDF
      an annual report: a contents (สารบัญ), a list of tables (สารบัญตาราง)
      and of figures (สารบัญภาพ) whose entries are the captions found on
      the pages (ตารางที่ N / ภาพที่ N, each number once), each with the
      page it is on.  A list goes on over the pages after its title's
      while the first line of the next page is its next entry.
  check-typeset.py page PDF LEFT_PT RIGHT_PT
      portrait pages: no word left of LEFT_PT (-2) or past the page's width
      less RIGHT_PT, the leftmost of them all at LEFT_PT (+-2); every page but the cover has its
      number alone at the top centre, in the report's digits, and no page
      "หน้า N / M"; the cover has no number; a draft's cover says ร่าง once
      and has no other mark; paragraphs justified on the page of คำนำ.
Prints what is wrong; exits 1 if anything is.
"""
import html
import re
import subprocess
import sys

UNITS = ['เครือข่าย', 'เดือน', 'โรง', 'คน', 'ตัว', 'หน่วยงาน', 'ครั้ง', 'บาท', 'หน่วย',
         'ราย', 'โครงการ', 'แห่ง', 'ไฟล์', 'วัน', 'ชุด']
MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม',
          'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']
NUM_END = re.compile(r'[0-9๐-๙][0-9๐-๙,.]*%?$')
THAI_DIGITS = str.maketrans('๐๑๒๓๔๕๖๗๘๙', '0123456789')


def attr(s, k):
    return float(re.search(k + r'="([-0-9.]+)"', s).group(1))


def pages_of(pdf):
    """Each page as (width, height, [lines]); a line (x0, y0, x1, y1, text, words)."""
    x = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], capture_output=True,
                       text=True, check=True).stdout
    out = []
    for head, page in re.findall(r'<page([^>]*)>(.*?)</page>', x, re.S):
        lines = []
        for lh, body in re.findall(r'<line([^>]*)>(.*?)</line>', page, re.S):
            words = [(attr(wh, 'xMin'), attr(wh, 'yMin'), attr(wh, 'xMax'), attr(wh, 'yMax'),
                      html.unescape(w))
                     for wh, w in re.findall(r'<word([^>]*)>(.*?)</word>', body, re.S)]
            lines.append((attr(lh, 'xMin'), attr(lh, 'yMin'), attr(lh, 'xMax'), attr(lh, 'yMax'),
                          ' '.join(w[4] for w in words), words))
        out.append((attr(head, 'width'), attr(head, 'height'), lines))
    return out


def wrapped_pairs(lines):
    """(a, b): b is the line a wrapped onto, one line pitch below it."""
    for a in lines:
        h = a[3] - a[1]
        for b in lines:
            r = (b[1] - a[1]) / h if h > 0 else 0
            if 0.75 < r < 0.92 and b[0] < a[2] and a[0] < b[2]:
                yield a, b


def is_unit_start(text):
    for u in UNITS + MONTHS:
        if text.startswith(u) and (len(u) >= 4 or len(text) == len(u) or
                                   not '\u0e01' <= text[len(u)] <= '\u0e4e'):
            return True
    return False


def check_breaks(thai_c, pdfs):
    src = open(thai_c, encoding='utf-8').read()
    table = re.search(r'const char \*const thai_keep_words\[\] = \{(.*?)NULL', src, re.S)
    keep = re.findall(r'"([^"]+)"', table.group(1))
    bad = 0
    for pdf in pdfs:
        for no, (_, _, lines) in enumerate(pages_of(pdf), 1):
            for a, b in wrapped_pairs(lines):
                ta, tb = a[4], b[4]
                if '. . .' in ta:
                    continue  # a contents line ends in its page number
                if NUM_END.search(ta) and is_unit_start(tb):
                    print('%s p%d: a number parted from its word: %r | %r'
                          % (pdf, no, ta[-30:], tb[:30]))
                    bad += 1
                for w in keep:
                    if any(ta.endswith(w[:i]) and tb.startswith(w[i:]) for i in range(1, len(w))):
                        print('%s p%d: %s split: %r | %r' % (pdf, no, w, ta[-30:], tb[:30]))
                        bad += 1
    return bad


def check_lists(pdf):
    bad = 0
    found = {}      # ('ตารางที่', N) -> (first word of the caption, page)
    listed = {}
    titles = {'ตารางที่': 'สารบัญตาราง', 'ภาพที่': 'สารบัญภาพ'}
    seen = set()
    going_on = None     # the list the last page held, and its last number
    for no, (_, _, lines) in enumerate(pages_of(pdf), 1):
        texts = [ln[4] for ln in lines]
        for t in ['สารบัญ'] + list(titles.values()):
            if t in texts:
                seen.add(t)
        kind_of_list = next((k for k, t in titles.items() if t in texts), None)
        body = sorted((ln for ln in lines if ln[1] > 50), key=lambda ln: (ln[1], ln[0]))
        if kind_of_list is None and going_on and body and \
                body[0][4].translate(THAI_DIGITS).startswith('%s %d ' % (going_on[0], going_on[1] + 1)) \
                and not any(t in texts for t in ['สารบัญ'] + list(titles.values())):
            kind_of_list = going_on[0]  # the list's next page
        entry = None
        right_edge = max([ln[2] for ln in lines] or [0])
        for ln in sorted(lines, key=lambda ln: (ln[1], ln[0])):
            text = ln[4].translate(THAI_DIGITS)
            m = re.match(r'(ตารางที่|ภาพที่) (\d+) (\S+)', text)
            if kind_of_list is None:
                if m:
                    key = (m.group(1), int(m.group(2)))
                    if key in found:
                        print('%s: %s %d on page %d and again on page %d'
                              % (pdf, key[0], key[1], found[key][1], no))
                        bad += 1
                    found[key] = (m.group(3), no)
                continue
            if m and m.group(1) == kind_of_list:
                entry = (m.group(1), int(m.group(2)), m.group(3))
            if entry:
                pg = re.search(r'(\d+)$', text)
                # the entry's last line: its page number at the right edge
                if pg and ln[5] and abs(ln[5][-1][2] - right_edge) < 1:
                    listed[entry[:2]] = (entry[2], int(pg.group(1)))
                    entry = None
        going_on = None
        if kind_of_list is not None:
            nums = [n for k, n in listed if k == kind_of_list]
            going_on = (kind_of_list, max(nums)) if nums else None
    for t in ['สารบัญ'] + list(titles.values()):
        if t not in seen:
            print('%s: no %s page' % (pdf, t))
            bad += 1
    if not found:
        print('%s: no caption in the body' % pdf)
        bad += 1
    for key, (first, no) in sorted(found.items()):
        got = listed.get(key)
        if not got:
            print('%s: %s %d (page %d) is not in its list' % (pdf, key[0], key[1], no))
            bad += 1
        # a caption's line or an entry's may end where its text wraps
        elif not (got[0].startswith(first) or first.startswith(got[0])) or got[1] != no:
            print('%s: %s %d listed as %r page %s, found as %r on page %d'
                  % (pdf, key[0], key[1], got[0], got[1], first, no))
            bad += 1
    for key in listed:
        if key not in found:
            print('%s: %s %d listed but not found' % (pdf, key[0], key[1]))
            bad += 1
    for kind in titles:
        nums = sorted(n for k, n in found if k == kind)
        if nums != list(range(1, len(nums) + 1)):
            print('%s: %s numbered %s' % (pdf, kind, nums))
            bad += 1
    return bad


def check_page(pdf, left, right):
    bad = 0
    pages = pages_of(pdf)
    thai = None
    justified = None
    leftmost = None
    for no, (w, h, lines) in enumerate(pages, 1):
        top = [ln for ln in lines if ln[3] < 60]
        body = [ln for ln in lines if ln[1] > 50 and ln[3] < h - 50]
        number = [ln for ln in top if re.fullmatch(r'[0-9๐-๙]+', ln[4])]
        if any(re.search(r'หน้า\s*[0-9๐-๙]+\s*/\s*[0-9๐-๙]+', ln[4]) for ln in lines):
            print('%s p%d: a "หน้า N / M" footer' % (pdf, no))
            bad += 1
        if no == 1:
            if number:
                print('%s p1: the cover has a page number' % pdf)
                bad += 1
            draft = [ln for ln in lines if ln[4] == 'ร่าง']
            if draft and len(draft) != 1:
                print('%s p1: ร่าง %d times on the cover' % (pdf, len(draft)))
                bad += 1
            continue
        if len(number) != 1:
            print('%s p%d: no bare page number at the top: %r' % (pdf, no, [t[4] for t in top]))
            bad += 1
        else:
            ln = number[0]
            if thai is None:
                thai = ln[4][0] in '๐๑๒๓๔๕๖๗๘๙'
            if int(ln[4].translate(THAI_DIGITS)) != no or \
                    (ln[4][0] in '๐๑๒๓๔๕๖๗๘๙') != thai:
                print('%s p%d: page number %r' % (pdf, no, ln[4]))
                bad += 1
            mid = (ln[0] + ln[2]) / 2
            if abs(mid - (left + (w - left - right) / 2)) > 2:
                print('%s p%d: page number not centred over the text (%.1f)' % (pdf, no, mid))
                bad += 1
        if w > h or not body:
            continue
        x0 = min(ln[0] for ln in body)
        x1 = max(ln[2] for ln in body)
        leftmost = x0 if leftmost is None else min(leftmost, x0)
        if x0 < left - 2 or x1 > w - right + 1:
            print('%s p%d: text from %.1f to %.1f, outside %.1f to %.1f'
                  % (pdf, no, x0, x1, left, w - right))
            bad += 1
        if any(ln[4] == 'คำนำ' for ln in body):
            # lines of the foreword that reach the right margin: justified
            justified = sum(1 for ln in body if abs(ln[2] - (w - right)) < 1.0)
    if leftmost is None or abs(leftmost - left) > 2:
        print('%s: the text starts at %s, not at the left margin %.1f' % (pdf, leftmost, left))
        bad += 1
    if justified is not None and justified < 3:
        print('%s: %d lines of the foreword reach the right margin' % (pdf, justified))
        bad += 1
    return bad


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'breaks':
        bad = check_breaks(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == 'lists':
        bad = check_lists(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == 'page':
        bad = check_page(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
