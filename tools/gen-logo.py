#!/usr/bin/env python3
"""Write templates/reports/logo.png: a neutral placeholder emblem for the
cover (a ring around an open book), to be replaced by the office's own logo."""
import math, struct, sys, zlib

N = 240
def pixel(x, y):
    cx = cy = (N - 1) / 2
    d = math.hypot(x - cx, y - cy)
    if 104 <= d <= 116:
        return (30, 60, 110, 255)           # outer ring
    if 96 <= d < 100:
        return (30, 60, 110, 255)           # inner ring
    # an open book: two pages meeting at the spine
    bx, by = x - cx, y - cy
    if -62 <= bx <= 62 and -30 <= by <= 38:
        sag = 10 * (1 - (abs(bx) / 62) ** 2)
        top = -30 + sag
        if by >= top and by <= 38 - (abs(bx) / 62) * 6:
            if abs(bx) <= 2:
                return (30, 60, 110, 255)   # spine
            if by <= top + 3 or abs(bx) >= 60:
                return (30, 60, 110, 255)
            if int(by - top) % 12 == 6 and 10 <= abs(bx) <= 52:
                return (120, 140, 170, 255)  # lines of text
            return (250, 250, 245, 255)
    if d < 96:
        return (235, 238, 244, 255)
    return (255, 255, 255, 0)

rows = b"".join(b"\0" + b"".join(struct.pack("BBBB", *pixel(x, y)) for x in range(N))
                for y in range(N))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "templates/reports/logo.png", "wb").write(png)
