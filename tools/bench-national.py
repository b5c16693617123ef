#!/usr/bin/env python3
"""The national benchmark's bookkeeping, for tools/bench.sh.

  bench-national.py snap DIR OUT         what lies under DIR: path, inode, mtime, size
  bench-national.py made OLD NEW ROOT    of the files of snapshot NEW not in OLD as they
                                         were (new, or another inode or mtime), prints
                                         "pdfs pages reports reports_pdfs report_pages
                                         offices": PDFs and their pages, files under
                                         ROOT/reports/ and the PDFs among them with their
                                         pages, and the offices (ROOT/reports/<FY>/<office>)
                                         they lie in, comma separated ("-" if none)
  bench-national.py edit FILE            changes the first <value> of a school's XML
                                         form to another allowed value, in place
  bench-national.py report RESULTS OUT   the table of the measures, and the issue's
                                         targets PASS or MISS, on stdout and into OUT

Pages are counted from each PDF's page objects (/Type /Page; libharu writes
no object streams), which is what pdfinfo says, at a fraction of its cost.
RESULTS is what bench.sh appended, one measure a line, tab separated:
  time N STEP STAGE WALL USER SYS PEAK_KB     a command measured by GNU time
  count N STEP KEY VALUE                     a count (values, pdfs, pages...)
"""
import os, re, sys

PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def snap(root, out):
    with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
        for d, _, files in os.walk(root):
            for name in files:
                p = os.path.join(d, name)
                st = os.lstat(p)
                f.write("%s\t%d\t%d\t%d\n" % (os.path.relpath(p, root), st.st_ino, st.st_mtime_ns, st.st_size))


def load(path):
    out = {}
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            p, ino, mtime, size = line.rstrip("\n").split("\t")
            out[p] = (ino, mtime, size)
    return out


def pages(path):
    try:
        with open(path, "rb") as f:
            return len(PAGE.findall(f.read()))
    except OSError:
        return 0


def made(old, new, root):
    a, b = load(old), load(new)
    pdfs = npages = reports = rpdfs = rpages = 0
    offices = set()
    for p, v in b.items():
        if a.get(p) == v:
            continue
        is_pdf = p.endswith(".pdf")
        n = pages(os.path.join(root, p)) if is_pdf else 0
        if is_pdf:
            pdfs += 1
            npages += n
        parts = p.split(os.sep)
        if parts[0] == "reports":
            reports += 1
            if is_pdf:
                rpdfs += 1
                rpages += n
            if len(parts) > 3:
                offices.add(parts[2])
    print(pdfs, npages, reports, rpdfs, rpages, ",".join(sorted(offices)) or "-")


def edit(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<value indicator="([^"]+)">([^<]*)</value>', text)
    if not m:
        sys.exit("bench-national: no value in %s" % path)
    v = m.group(2)
    if v in ("yes", "no"):
        w = "no" if v == "yes" else "yes"
    else:
        n = int(v)
        w = str(n - 1 if n >= 5 else n + 1)
    text = text[:m.start(2)] + w + text[m.end(2):]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("%s %s: %s -> %s" % (os.path.basename(path), m.group(1), v, w))


# ------------------------------------------------------------------ report
def report(results, out):
    T, C, ns = {}, {}, []
    with open(results, encoding="utf-8") as f:
        for line in f:
            w = line.rstrip("\n").split("\t")
            n = int(w[1])
            if n not in ns:
                ns.append(n)
            if w[0] == "time":
                T[n, w[2], w[3]] = (float(w[4]), float(w[5]) + float(w[6]), int(w[7]))
            elif w[0] == "count":
                C[n, w[2], w[3]] = w[4] if len(w) > 4 else ""
    ns.sort()
    lines = []
    say = lines.append

    def cnt(n, step, key, default=0):
        v = C.get((n, step, key))
        try:
            return int(v) if v is not None else default
        except ValueError:
            return v

    def total(n, step):
        rows = [v for (m, s, st), v in T.items() if m == n and s == step]
        if not rows:
            return None
        return (sum(r[0] for r in rows), sum(r[1] for r in rows), max(r[2] for r in rows))

    def ratio(a, b):
        return a / b if a is not None and b else None

    def fmt(x, spec="%.2f"):
        return "-" if x is None else spec % x

    say("national benchmark: offices of ~120 schools, 30 indicators, 4 rounds; "
        "seconds, CPU = user + sys")
    say("%7s %7s %8s  %-7s %-9s %8s %8s %8s %8s %6s %7s %7s" % (
        "offices", "schools", "values", "step", "stage", "wall s", "CPU s", "CPU/off", "peak MB",
        "PDFs", "pages", "remade"))
    order = [("import", ["sqlite3"]), ("full", ["ingest", "validate", "aggregate", "render", "run"]),
             ("bare", ["libharu"]), ("nightly", ["run"]),
             ("change", ["ingest", "validate", "aggregate", "render", "run"])]
    for n in ns:
        first = True
        for step, stages in order:
            present = [st for st in stages if (n, step, st) in T]
            rows = [(st, T[n, step, st]) for st in present]
            if step in ("full", "change") and len(present) > 1:
                rows.append(("total", total(n, step)))
            for k, (st, (wall, cpu, kb)) in enumerate(rows):
                last = k == len(rows) - 1
                pdfs = pages = remade = ""
                if step == "bare":
                    pages = cnt(n, step, "pages")
                    pdfs = 1
                elif last and step in ("full", "nightly", "change"):
                    pdfs, pages, remade = cnt(n, step, "pdfs"), cnt(n, step, "pages"), cnt(n, step, "reports")
                elif step == "full" and st == "render":
                    pdfs, pages = cnt(n, step, "report_pdfs"), cnt(n, step, "report_pages")
                elif step == "full" and st == "validate":
                    pdfs, pages = cnt(n, step, "receipt_pdfs"), cnt(n, step, "receipt_pages")
                lead = ("%7d %7s %8s" % (n, cnt(n, "full", "schools", ""), cnt(n, "full", "values", ""))) if first \
                    else " " * 24
                first = False
                per = "" if step in ("import", "bare") else "%.3f" % (cpu / n)
                say("%s  %-7s %-9s %8.2f %8.2f %8s %8.1f %6s %7s %7s" % (
                    lead, step if k == 0 else "", st, wall, cpu, per, kb / 1024, pdfs, pages, remade))
        if cnt(n, "change", "edited", None):
            say(" " * 26 + "changed: %s; reports remade in offices %s" % (
                cnt(n, "change", "edited"), cnt(n, "change", "offices")))

    # ratios
    def per_value(n, step, stage):
        t, v = T.get((n, step, stage)), cnt(n, "full", "values")
        return t[1] / v if t and v else None

    def imp(n):
        t, rows = T.get((n, "import", "sqlite3")), cnt(n, "import", "rows")
        return t[1] / rows if t and rows else None

    def render_page(n):
        t, p = T.get((n, "full", "render")), cnt(n, "full", "report_pages")
        return t[1] / p if t and p else None

    def bare_page(n):
        t, p = T.get((n, "bare", "libharu")), cnt(n, "bare", "pages")
        return t[1] / p if t and p else None

    def per_office(n):
        t = total(n, "full")
        return t[1] / n if t else None

    base_n = ns[0] if ns else None
    R = {
        "ingest / import": (lambda n: ratio(per_value(n, "full", "ingest"), imp(n)), 1.5),
        "validate / import, per value": (lambda n: ratio(per_value(n, "full", "validate"), imp(n)), 1.5),
        "aggregate / import, per value": (lambda n: ratio(per_value(n, "full", "aggregate"), imp(n)), 1.5),
        "render / bare libharu, per page": (lambda n: ratio(render_page(n), bare_page(n)), 2.0),
        "CPU per office / at N=%s" % base_n: (lambda n: ratio(per_office(n), per_office(base_n)), None),
    }
    say("")
    say("%-34s" % "ratio" + "".join("%9s" % ("N=%d" % n) for n in ns) + "   target")
    for name, (fn, target) in R.items():
        say("%-34s" % name + "".join("%9s" % fmt(fn(n)) for n in ns) +
            ("   <= %.1f" % target if target else "   1.00 +- 0.20"))
    def stage_office(step, stage):
        def fn(n):
            t, t1 = T.get((n, step, stage)), T.get((base_n, step, stage))
            return ratio(t[1] / n, t1[1] / base_n) if t and t1 else None
        return fn
    for step, stage in (("full", "ingest"), ("full", "validate"), ("full", "aggregate"), ("full", "render"),
                        ("nightly", "run")):
        say("%-34s" % ("  %s %s, per office" % (step, stage)) +
            "".join("%9s" % fmt(stage_office(step, stage)(n)) for n in ns))
    say("%-34s" % "import, ms per 1000 values" + "".join("%9s" % fmt(imp(n) and imp(n) * 1e6) for n in ns))
    say("%-34s" % "render, ms per page" + "".join("%9s" % fmt(render_page(n) and render_page(n) * 1e3) for n in ns))
    say("%-34s" % "bare libharu, ms per page" + "".join("%9s" % fmt(bare_page(n) and bare_page(n) * 1e3) for n in ns))

    # targets, at the largest N measured; never a failure of the bench
    if not ns:
        return lines
    top = ns[-1]
    say("")
    say("targets of issue 16 (at N=%d, the largest measured; figures only, never a failure)" % top)

    def verdict(ok):
        return "-" if ok is None else ("PASS" if ok else "MISS")

    def line(what, figure, ok):
        say("  %-58s %-22s %s" % (what, figure, verdict(ok)))

    ft = total(top, "full")
    line("first run from empty, wall <= 300 s", fmt(ft and ft[0], "%.1f s"), ft and ft[0] <= 300)
    nt = T.get((top, "nightly", "run"))
    line("nightly with nothing new, wall <= 2 s", fmt(nt and nt[0], "%.2f s"), nt and nt[0] <= 2)
    ch = [(st, T[top, "change", st]) for st in ("ingest", "validate", "aggregate") if (top, "change", st) in T]
    if ch:
        w = sum(v[0] for _, v in ch)
        line("one value changed: all but render, wall <= 2 s", "%.2f s" % w, w <= 2)
    offices = C.get((top, "change", "offices"))
    if offices is not None:
        edited = C.get((top, "change", "office"), "")
        line("one value changed: reports remade only in its office (%s)" % edited,
             "%s remade, in %s" % (cnt(top, "change", "reports"), offices), offices in (edited, "-"))
    for name, (fn, target) in R.items():
        v = fn(top)
        if target:
            line("%s <= %.1f" % (name, target), fmt(v), None if v is None else v <= target)
    spread = [per_office(n) / per_office(base_n) for n in ns if per_office(n) and per_office(base_n)]
    if len(ns) > 1 and spread:
        worst = max(spread, key=lambda x: abs(x - 1))
        line("CPU per office flat within 20 %% (N=%d..%d)" % (base_n, top), "worst %.2f" % worst,
             abs(worst - 1) <= 0.2)
    peak = max((v[2] for (n, s, st), v in T.items() if s not in ("import", "bare")), default=0) / 1024
    line("peak RSS <= 64 MB, any N (tidtam's commands)", "%.1f MB" % peak, peak <= 64)
    return lines


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "snap" and len(sys.argv) == 4:
        snap(sys.argv[2], sys.argv[3])
    elif cmd == "made" and len(sys.argv) == 5:
        made(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "edit" and len(sys.argv) == 3:
        edit(sys.argv[2])
    elif cmd == "report" and len(sys.argv) == 4:
        text = "\n".join(report(sys.argv[2], sys.argv[3])) + "\n"
        sys.stdout.write(text)
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.exit(__doc__)
