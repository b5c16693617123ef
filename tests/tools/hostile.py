#!/usr/bin/env python3
"""Hostile input files for the size-limit tests (t0140-t0149), made on the spot.

Usage: hostile.py KIND PATH [SIZE]

  form PATH MB         an XML submission form of about MB megabytes (many <value>s)
  framework PATH MB    a framework of about MB megabytes (many indicators)
  template PATH MB     a report template of about MB megabytes (many paragraphs)
  units PATH ROWS      a unit list: an office, a network per 100 schools, ROWS schools
  workbook PATH ROWS   a good workbook: a long sheet of ROWS values (shared strings)
  zipbomb PATH GB      a workbook whose sheet inflates to GB gigabytes (declared so)
  liar PATH MB         a workbook whose sheet says it inflates to 1 kB and gives MB megabytes
  sst PATH MB          a workbook of MB megabytes whose shared strings are millions of tiny ones
  cells PATH MILLIONS  a workbook of MILLIONS million small cells, each row under the ratio
  merges PATH COUNT    a workbook with COUNT merged ranges
  crc PATH [SOURCE]    a good workbook (SOURCE's copy) whose sheets' CRC-32s are wrong
  truncated PATH [SOURCE]  a good workbook (SOURCE's copy) cut short (its end of
                       central directory gone)

Everything is written as it is made, so no file is held whole in memory; the
output is the same on every run.
"""
import os
import random
import struct
import sys
import zlib
import zipfile

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SCHOOL = "1031010001"


def package(z, shared=False):
    """The parts of a one-sheet workbook other than the sheet (and shared strings)."""
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
               'package/2006/content-types"/>')
    z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
               f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    rels = (f'<Relationship Id="s1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>')
    if shared:
        rels += f'<Relationship Id="ss" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
               '<sheet name="ข้อมูล" sheetId="1" r:id="s1"/></sheets></workbook>')


HEAD = ("unit", "indicator", "fiscal_year", "round", "value")


def cell_row(r, values):
    cols = "ABCDEFGH"
    cells = "".join(f'<c r="{cols[i]}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                    if isinstance(v, str) else f'<c r="{cols[i]}{r}"><v>{v}</v></c>'
                    for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def good_sheet(rows):
    """A long sheet: the header and rows of the demo's first school, round 6."""
    out = [f'<worksheet xmlns="{MAIN}"><sheetData>', cell_row(1, HEAD)]
    for r in range(2, rows + 2):
        out.append(cell_row(r, (SCHOOL, "SAFE01", 2567, 6, r % 5 + 1)))
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook(path, rows):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z)
        z.writestr("xl/worksheets/sheet1.xml", good_sheet(rows))


def deflated(name, level=9):
    info = zipfile.ZipInfo(name, (2024, 4, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = level
    return info


def repeated(head, unit, count, tail, block=None):
    """(deflate stream pieces, CRC-32, size) of head + unit * count + tail, made fast:
    a block of units deflated once after a full flush deflates the same every time.
    With block given, unit is its text and count the number of blocks."""
    per = max(1, (1 << 20) // len(unit)) if block is None else 1
    block = (unit * per).encode() if block is None else block.encode()
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head.encode()) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    rest = (unit * (count % per) + tail).encode()
    last = c.compress(rest) + c.flush()
    crc = zlib.crc32(head.encode())
    for _ in range(count // per):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(rest, crc)
    size = len(head.encode()) + len(block) * (count // per) + len(rest)
    return [first] + [again] * (count // per) + [last], crc, size


def stream_part(z, name, head, unit, count, tail, declared=None, block=None):
    """A deflated part of head, unit repeated count times and tail, written straight
    into the zip (declared: the uncompressed size its headers give instead; block:
    count blocks of that text instead of units)."""
    pieces, crc, size = repeated(head, unit, count, tail, block)
    csize = sum(len(p) for p in pieces)
    info = deflated(name)
    info.CRC, info.file_size, info.compress_size = crc, declared or size, csize
    z.fp.seek(z.start_dir)
    info.header_offset = z.fp.tell()
    info.flag_bits = 0
    info.extract_version = info.create_version = 45
    z.fp.write(info.FileHeader(zip64=True))
    for p in pieces:
        z.fp.write(p)
    z.start_dir = z.fp.tell()
    z.filelist.append(info)
    z.NameToInfo[name] = info
    z._didModify = True


def zipbomb(path, gigabytes):
    """The sheet's declared and real size: gigabytes of one cell repeated."""
    unit = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    count = (gigabytes << 30) // len(unit)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z)
        stream_part(z, "xl/worksheets/sheet1.xml",
                    f'<worksheet xmlns="{MAIN}"><sheetData>' + cell_row(1, HEAD),
                    unit, count, "</sheetData></worksheet>")


def liar(path, megabytes):
    """Headers that say 1 kB; the deflated data gives megabytes."""
    unit = "<row/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z)
        stream_part(z, "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}"><sheetData>',
                    unit, (megabytes << 20) // len(unit), "</sheetData></worksheet>",
                    declared=1024)


def sst(path, megabytes):
    """About megabytes compressed of shared strings, most of one letter and one in
    fifty of three (so that the part inflates about 120 times, under the ratio
    limit): some 60,000 strings per megabyte inflated."""
    rng = random.Random(2567)
    units, size = [], 0
    while size < 1 << 20:
        u = ("<si><t>a</t></si>" if rng.random() < 0.98 else
             "<si><t>%s</t></si>" % "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3)))
        units.append(u)
        size += len(u)
    block = "".join(units)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z, shared=True)
        stream_part(z, "xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">', block, megabytes * 118,
                    "</sst>", block=block)
        z.writestr("xl/worksheets/sheet1.xml", good_sheet(3))


def cells(path, millions):
    """A long sheet's header, then rows of 10 small numbers (compressing far less
    than 200:1): millions of cells."""
    rng = random.Random(2567)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z)
        with z.open(deflated("xl/worksheets/sheet1.xml", 6), "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{MAIN}"><sheetData>{cell_row(1, HEAD)}'.encode())
            rows = millions * 100000
            for start in range(0, rows, 1000):
                f.write("".join("<row>" + "".join(f"<c><v>{rng.randint(0, 999)}</v></c>"
                                                  for _ in range(10)) + "</row>"
                                for _ in range(start, min(rows, start + 1000))).encode())
            f.write(b"</sheetData></worksheet>")


def merges(path, count):
    """A good sheet followed by count one-row merged ranges."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(z)
        sheet = good_sheet(3).replace("</worksheet>", "")
        stream_part(z, "xl/worksheets/sheet1.xml", sheet + f'<mergeCells count="{count}">',
                    '<mergeCell ref="A1:H10000"/>', count, "</mergeCells></worksheet>")


def crc(path, source=None):
    """A workbook (source, or a good one made here) whose sheets' CRC-32s are wrong."""
    if source:
        data = bytearray(open(source, "rb").read())
    else:
        workbook(path, 200)
        data = bytearray(open(path, "rb").read())
    # the CRC-32 in the local header (offset 14) and the central directory (16)
    for sig, crc_at, name_at, len_at in ((b"PK\x03\x04", 14, 30, 26), (b"PK\x01\x02", 16, 46, 28)):
        at = data.find(sig)
        while at >= 0:
            n = struct.unpack_from("<H", data, at + len_at)[0]
            name = bytes(data[at + name_at:at + name_at + n])
            if name.startswith(b"xl/worksheets/sheet") and name.endswith(b".xml"):
                old = struct.unpack_from("<I", data, at + crc_at)[0]
                struct.pack_into("<I", data, at + crc_at, old ^ 0x5A5A5A5A)
            at = data.find(sig, at + 4)
    open(path, "wb").write(data)


def truncated(path, source=None):
    """A workbook (source, or a good one made here) cut to two thirds."""
    if not source:
        workbook(path, 2000)
    data = open(source or path, "rb").read()
    open(path, "wb").write(data[:len(data) * 2 // 3])


def form(path, megabytes):
    unit = '  <value indicator="SAFE01">4</value>\n'
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<submission xmlns="urn:tidtam:submission:1"'
                f' unit="{SCHOOL}" fiscal-year="2567" round="6" submitted="2024-04-03">\n')
        block = unit * 10000
        for _ in range((megabytes << 20) // len(block) + 1):
            f.write(block)
        f.write("</submission>\n")


def framework(path, megabytes):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<framework xmlns="urn:tidtam:framework:1"'
                ' fiscal-year="2569">\n  <title>กรอบใหญ่ผิดปกติ</title>\n  <rounds>\n'
                '    <round months="6" deadline="2026-04-15"/>\n'
                '    <round months="12" deadline="2026-10-15"/>\n  </rounds>\n'
                '  <groups>\n    <group code="G" name="กลุ่ม"/>\n  </groups>\n'
                '  <policy-area code="P" name="ด้าน">\n    <strategy code="S" name="กลยุทธ์">\n')
        n, size = 0, 0
        while size < megabytes << 20:
            lines = "".join(f'      <indicator code="X{n + k:07d}" name="ตัวชี้วัด {n + k}" unit="คน"'
                            ' type="number" aggregation="sum" target="1" group="G" rounds="6 12"/>\n'
                            for k in range(1000))
            f.write(lines)
            n += 1000
            size += len(lines.encode())
        f.write("    </strategy>\n  </policy-area>\n</framework>\n")


def template(path, megabytes):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<report xmlns="urn:tidtam:report:1"'
                ' kind="annual">\n  <title>รายงาน</title>\n  <text title="คำนำ">\n')
        para = "    <p>ข้อความยาวเกินกำหนด ข้อความยาวเกินกำหนด</p>\n" * 1000
        for _ in range((megabytes << 20) // len(para.encode()) + 1):
            f.write(para)
        f.write("  </text>\n</report>\n")


def units(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("code,name,kind,parent\n9999,สำนักงานทดสอบ,office,\n")
        for n in range((rows + 99) // 100):
            f.write(f"9999-N{n:05d},เครือข่าย {n},network,9999\n")
        for k in range(0, rows, 10000):
            f.write("".join(f"{2000000000 + j},โรงเรียน {j},school,9999-N{j // 100:05d}\n"
                            for j in range(k, min(rows, k + 10000))))


def main():
    kind, path = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 0
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    makers = {"form": form, "framework": framework, "template": template, "units": units,
              "workbook": workbook, "zipbomb": zipbomb, "liar": liar, "sst": sst,
              "cells": cells, "merges": merges}
    if kind in makers:
        makers[kind](path, size)
    elif kind == "crc":
        crc(path, sys.argv[3] if len(sys.argv) > 3 else None)
    elif kind == "truncated":
        truncated(path, sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(f"hostile.py: unknown kind '{kind}'")


if __name__ == "__main__":
    main()
