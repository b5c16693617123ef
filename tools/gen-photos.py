#!/usr/bin/env python3
"""Synthetic photographs for the demo and test inputs of tidtam.

Pure python3 (no imaging library): a scene is drawn into an RGB canvas
(gradients, rectangles, discs, triangles) and written as PNG (zlib) or as a
baseline JPEG by the small encoder below (8x8 DCT, the quantisation tables of
the JPEG standard's annex K scaled by quality, Huffman tables written into
the file).  Deterministic: the same arguments give the same bytes.

Used by tools/gen-demo.py and tools/gen-office2.py (photo()), or alone:
    tools/gen-photos.py SCENE WIDTH HEIGHT OUT.{png,jpg} [SEED]
Scenes: classroom, garden, ceremony, sports, library, market.
"""
import math, os, random, struct, sys, zlib


class Canvas:
    def __init__(self, w, h, colour=(255, 255, 255)):
        self.w, self.h = w, h
        self.px = bytearray(bytes(colour) * (w * h))

    def vgradient(self, y0, y1, top, bottom):
        """Rows y0..y1 shading from top to bottom."""
        y0, y1 = max(0, y0), min(self.h, y1)
        n = max(1, y1 - y0 - 1)
        for y in range(y0, y1):
            t = (y - y0) / n
            c = bytes(int(a + (b - a) * t) for a, b in zip(top, bottom))
            self.px[y * self.w * 3:(y + 1) * self.w * 3] = c * self.w

    def span(self, y, x0, x1, colour):
        if y < 0 or y >= self.h:
            return
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        if x1 > x0:
            o = (y * self.w + x0) * 3
            self.px[o:o + (x1 - x0) * 3] = bytes(colour) * (x1 - x0)

    def rect(self, x0, y0, x1, y1, colour):
        for y in range(max(0, int(y0)), min(self.h, int(y1))):
            self.span(y, x0, x1, colour)

    def disc(self, cx, cy, r, colour):
        for y in range(max(0, int(cy - r)), min(self.h, int(cy + r) + 1)):
            d = r * r - (y - cy) ** 2
            if d >= 0:
                s = math.sqrt(d)
                self.span(y, cx - s, cx + s, colour)

    def triangle(self, cx, top, base_y, half, colour):
        """An upright triangle: apex (cx, top), base at base_y, half its width."""
        for y in range(max(0, int(top)), min(self.h, int(base_y))):
            s = half * (y - top) / max(1, base_y - top)
            self.span(y, cx - s, cx + s, colour)


def scene(name, w, h, seed=1):
    r = random.Random(seed)
    c = Canvas(w, h)
    horizon = int(h * r.uniform(.45, .6))
    u = min(w, h) / 100.0
    if name in ("garden", "sports", "market"):
        c.vgradient(0, horizon, (120, 180, 235), (200, 225, 245))
        c.vgradient(horizon, h, (90, 160, 70), (40, 110, 40))
        c.disc(w * r.uniform(.7, .9), h * .15, 6 * u, (250, 220, 90))
        for _ in range(r.randint(4, 9)):
            x = r.uniform(0, w)
            c.rect(x - u, horizon - 12 * u, x + u, horizon + 2 * u, (110, 80, 50))
            c.triangle(x, horizon - 30 * u, horizon - 8 * u, 9 * u,
                       (30 + r.randint(0, 40), 120 + r.randint(0, 50), 40))
        if name == "sports":
            c.rect(w * .1, horizon + 10 * u, w * .9, horizon + 12 * u, (250, 250, 250))
            c.disc(w * .5, h * .8, 4 * u, (240, 240, 240))
        if name == "market":
            for k in range(5):
                x = w * (.1 + k * .17)
                c.rect(x, horizon - 5 * u, x + w * .14, horizon + 15 * u, (200, 60 + 30 * k, 50))
                c.rect(x, horizon - 9 * u, x + w * .14, horizon - 5 * u, (250, 240, 220))
    else:
        wall = {"classroom": ((235, 225, 200), (215, 200, 170)),
                "ceremony": ((150, 40, 50), (110, 25, 35)),
                "library": ((220, 230, 240), (190, 205, 220))}.get(name, ((230, 230, 230), (200, 200, 200)))
        c.vgradient(0, horizon, *wall)
        c.vgradient(horizon, h, (170, 130, 90), (120, 85, 55))
        if name == "classroom":
            c.rect(w * .2, h * .1, w * .8, h * .4, (40, 80, 60))
            c.rect(w * .2 - u, h * .4, w * .8 + u, h * .4 + u, (160, 120, 80))
        elif name == "ceremony":
            c.rect(0, horizon - 4 * u, w, horizon, (230, 190, 60))
            for k in range(3):
                x = w * (.25 + .25 * k)
                c.rect(x - u * .4, h * .08, x + u * .4, horizon - 4 * u, (200, 200, 200))
                c.rect(x, h * .08, x + 12 * u, h * .08 + 7 * u, [(200, 30, 40), (250, 250, 250), (30, 40, 140)][k])
        elif name == "library":
            for k in range(6):
                x = w * (.05 + k * .155)
                c.rect(x, h * .1, x + w * .14, horizon, (120, 80, 50))
                for s in range(4):
                    y = h * .12 + s * (horizon - h * .12) / 4
                    for b in range(8):
                        bx = x + 2 * u + b * w * .015
                        c.rect(bx, y, bx + w * .012, y + (horizon - h * .12) / 4 - 2 * u,
                               (r.randint(40, 220), r.randint(40, 200), r.randint(40, 200)))
        # people: heads and bodies in a row or two
        rows = 2 if h > w * .8 else 1
        for row in range(rows):
            y = horizon + (row + 1) * (h - horizon) / (rows + 1)
            for k in range(r.randint(4, 8)):
                x = w * (k + .5 + r.uniform(-.2, .2)) / 8
                shirt = r.choice([(250, 250, 250), (60, 90, 160), (200, 160, 40), (120, 60, 130)])
                c.rect(x - 4 * u, y - 4 * u, x + 4 * u, y + 10 * u, shirt)
                c.disc(x, y - 8 * u, 4 * u, (150, 105, 70))
                c.disc(x, y - 10 * u, 4 * u, (30, 25, 25))
    return c


# ---- PNG -------------------------------------------------------------------

def png(c):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = bytearray()
    stride = c.w * 3
    for y in range(c.h):
        raw.append(0)
        raw += c.px[y * stride:(y + 1) * stride]
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", c.w, c.h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# ---- baseline JPEG ------------------------------------------------------------

ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
          41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23,
          30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
Q_LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57,
          69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64,
          81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
Q_CHROMA = [17, 18, 24, 47] + [99] * 4 + [18, 21, 26, 66] + [99] * 4 + [24, 26, 56] + [99] * 5 + \
           [47, 66] + [99] * 6 + [99] * 32
# Huffman code lengths of annex K (K.3); the symbols of the AC table are
# every (run, size) pair, in an order of our own, written into the file.
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
DC_VALS = list(range(12))
AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d]
AC_VALS = [0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51,
           0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1,
           0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18,
           0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a]
AC_VALS += sorted(set((run << 4) | size for run in range(16) for size in range(1, 11)) - set(AC_VALS))
assert len(AC_VALS) == 162 == sum(AC_BITS) and len(set(AC_VALS)) == 162


def huffman_codes(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


DC_CODES, AC_CODES = huffman_codes(DC_BITS, DC_VALS), huffman_codes(AC_BITS, AC_VALS)
COS = [[(math.sqrt(.5) if u == 0 else 1.0) * math.cos((2 * x + 1) * u * math.pi / 16) / 2
        for x in range(8)] for u in range(8)]


class Bits:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, value, length):
        self.acc = (self.acc << length) | (value & ((1 << length) - 1))
        self.n += length
        while self.n >= 8:
            b = (self.acc >> (self.n - 8)) & 0xff
            self.out.append(b)
            if b == 0xff:
                self.out.append(0)
            self.n -= 8
        self.acc &= (1 << self.n) - 1

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def magnitude(v):
    size = abs(v).bit_length()
    return size, (v if v >= 0 else v + (1 << size) - 1)


def jpeg(c, quality=85):
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    qt = [[max(1, min(255, (q * scale + 50) // 100)) for q in table] for table in (Q_LUMA, Q_CHROMA)]
    w, h, px = c.w, c.h, c.px
    # YCbCr planes, padded to whole blocks by repeating the last row and column
    bw, bh = (w + 7) // 8 * 8, (h + 7) // 8 * 8
    planes = [[0.0] * (bw * bh) for _ in range(3)]
    for y in range(bh):
        sy = min(y, h - 1) * w
        for x in range(bw):
            o = (sy + min(x, w - 1)) * 3
            R, G, B = px[o], px[o + 1], px[o + 2]
            i = y * bw + x
            planes[0][i] = .299 * R + .587 * G + .114 * B - 128
            planes[1][i] = -.168736 * R - .331264 * G + .5 * B
            planes[2][i] = .5 * R - .418688 * G - .081312 * B
    bits, pred, memo = Bits(), [0, 0, 0], {}
    for by in range(0, bh, 8):
        for bx in range(0, bw, 8):
            for comp in range(3):
                p = planes[comp]
                block = tuple(int(round(p[(by + y) * bw + bx + x])) for y in range(8) for x in range(8))
                key = (comp > 0, block)
                coef = memo.get(key)
                if coef is None:
                    rows = [[sum(COS[u][x] * block[y * 8 + x] for x in range(8)) for u in range(8)]
                            for y in range(8)]
                    q = qt[comp > 0]
                    coef = [0] * 64
                    for v in range(8):
                        for u in range(8):
                            s = sum(COS[v][y] * rows[y][u] for y in range(8))
                            coef[v * 8 + u] = int(round(s / q[v * 8 + u]))
                    coef = [coef[z] for z in ZIGZAG]
                    memo[key] = coef
                diff = coef[0] - pred[comp]
                pred[comp] = coef[0]
                size, val = magnitude(diff)
                code, length = DC_CODES[size]
                bits.put(code, length)
                if size:
                    bits.put(val, size)
                run = 0
                for k in range(1, 64):
                    if coef[k] == 0:
                        run += 1
                        continue
                    while run > 15:
                        bits.put(*AC_CODES[0xf0])
                        run -= 16
                    size, val = magnitude(coef[k])
                    bits.put(*AC_CODES[(run << 4) | size])
                    bits.put(val, size)
                    run = 0
                if run:
                    bits.put(*AC_CODES[0x00])
    bits.flush()

    def seg(marker, data):
        return struct.pack(">BBH", 0xff, marker, len(data) + 2) + data
    out = bytearray(b"\xff\xd8")
    out += seg(0xe0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    for t in range(2):
        out += seg(0xdb, bytes([t]) + bytes(qt[t][z] for z in ZIGZAG))
    out += seg(0xc0, struct.pack(">BHHB", 8, h, w, 3) + bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]))
    out += seg(0xc4, bytes([0x00]) + bytes(DC_BITS) + bytes(DC_VALS) +
               bytes([0x10]) + bytes(AC_BITS) + bytes(AC_VALS))
    out += seg(0xda, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]))
    out += bits.out + b"\xff\xd9"
    return bytes(out)


def practice_xml(unit, fy, kind, title, by, paras, photos):
    """A practice form (templates/schema/practice.xsd) as text; fy as written."""
    from xml.sax.saxutils import escape, quoteattr
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<practice xmlns="urn:tidtam:practice:1" unit="%s" fiscal-year="%s" kind="%s">' % (unit, fy, kind),
           "  <title>%s</title>" % escape(title), "  <by>%s</by>" % escape(by)]
    out += ["  <p>%s</p>" % escape(p) for p in paras]
    out += ["  <photo file=%s>%s</photo>" % (quoteattr(f), escape(c)) for f, c in photos]
    return "\n".join(out + ["</practice>", ""])


def photo(path, name, w, h, seed=1):
    """Draw scene name at w x h and write it to path (.png or .jpg by its name)."""
    c = scene(name, w, h, seed)
    data = png(c) if path.lower().endswith(".png") else jpeg(c)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    print(photo(sys.argv[4], sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                int(sys.argv[5]) if len(sys.argv) > 5 else 1))
