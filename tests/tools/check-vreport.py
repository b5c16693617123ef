#!/usr/bin/env python3
"""Check the JSON validation reports of an output folder against the
database and the other outputs, by routes of its own:

    check-vreport.py OUTPUT_DIR [SCHEMA]

- every receipt the file table records (file.receipt, a .txt) has its .json
  beside it, and every receipt .json under receipts/ belongs to one;
- each receipt's JSON parses; its file, status and submissions are the file
  and submission tables'; its errors are the issue table's rows of the file
  (code, row, column, severity), each with a Thai and an English message
  (of a copy, status moved: those of the file it copies);
  the receipt's text lists the same codes; `valid` and `stats` agree;
- each validation-<FY>-<m>m.json: its errors are the rows of the CSV beside
  it, its completeness rows the completeness table's for the office's units
  in that round;
- with SCHEMA, every JSON is valid against that JSON Schema when python3 has
  jsonschema, and its required members are checked by hand either way.

Prints "not ok: ..." for each difference and a last line with what was
checked; exits 1 when anything differs.
"""
import collections, csv, glob, json, os, re, sqlite3, sys

out = sys.argv[1]
schema = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else None
db = sqlite3.connect("file:%s?mode=ro" % os.path.join(out, "tidtam.db"), uri=True)
bad = []
counts = collections.Counter()


def fail(msg):
    bad.append(msg)


validator = None
if schema is not None:
    try:
        import jsonschema
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
    except ImportError:
        pass

ERROR_KEYS = ["type", "severity", "rowNumber", "column", "sheet", "fieldName", "fieldNumber",
              "cellReference", "cell", "message", "message_th", "unit", "fiscalYear", "round",
              "indicator"]


def shape(doc, where):
    """The members every report must have, checked by hand."""
    if validator is not None:
        for e in validator.iter_errors(doc):
            fail("%s: against the schema: %s at %s" % (where, e.message, list(e.path)))
            break
        counts["schema"] += 1
    for k in ("profile", "kind", "valid", "stats", "errors", "tasks"):
        if k not in doc:
            fail("%s: no member %r" % (where, k))
            return False
    for t in doc["tasks"]:
        for k in ("path", "valid", "stats", "errors"):
            if k not in t:
                fail("%s: a task without %r" % (where, k))
                return False
        for e in t["errors"]:
            missing = [k for k in ERROR_KEYS if k not in e]
            if missing:
                fail("%s: an error without %s" % (where, missing))
                return False
            if not e["message"] or not e["message_th"]:
                fail("%s: %s without its English or Thai message" % (where, e["type"]))
    all_errors = [e for t in doc["tasks"] for e in t["errors"]]
    n_err = sum(e["severity"] == "error" for e in all_errors)
    if doc["stats"].get("errors") != n_err or \
       doc["stats"].get("warnings") != len(all_errors) - n_err or doc["valid"] != (n_err == 0):
        fail("%s: valid/stats %r %r do not count its errors" % (where, doc["valid"], doc["stats"]))
    return True


def load(path, where, what):
    """The report at path, parsed (strict UTF-8) and of the right shape, else None."""
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        fail("%s: does not parse: %s" % (where, e))
        return None
    counts[what] += 1
    return doc if shape(doc, where) else None


def key(code, row, col, severity):
    return (code, row if row not in (None, "") else None, col or "", severity)


# ---- receipts ---------------------------------------------------------------
held = set()
text_code = re.compile(r"^    - (?:ข้อผิดพลาด|คำเตือน|error|warning) ([EW]-[A-Z0-9-]+)", re.M)
# a copy of a file (status moved) says what was found in the file it copies
for fid, path, status, receipt in db.execute(
        "SELECT COALESCE(same_as, id), path, status, receipt FROM file"
        " WHERE receipt IS NOT NULL ORDER BY id"):
    jpath = os.path.join(out, receipt[:-4] + ".json")  # under the output folder
    held.add(os.path.normpath(jpath))
    where = os.path.relpath(jpath, out) if not os.path.isabs(out) else jpath
    if not os.path.exists(jpath):
        fail("%s: no JSON beside the receipt" % where)
        continue
    doc = load(jpath, where, "receipts")
    if doc is None:
        continue
    if doc["kind"] != "receipt" or len(doc["tasks"]) != 1:
        fail("%s: not a receipt of one task" % where)
        continue
    task = doc["tasks"][0]
    if task["path"] != path or task.get("status") != status:
        fail("%s: file %r %r, the table has %r %r" % (where, task["path"], task.get("status"), path, status))
    got = sorted(key(e["type"], e["rowNumber"], e["column"], e["severity"]) for e in task["errors"])
    want = sorted(key(*r) for r in db.execute(
        "SELECT code, row, col, severity FROM issue WHERE file_id = ?", (fid,)))
    if got != want:
        fail("%s: errors %r, the issue table has %r" % (where, got[:5], want[:5]))
    counts["errors"] += len(got)
    text = open(os.path.join(out, receipt), encoding="utf-8").read()
    if sorted(text_code.findall(text)) != sorted(e["type"] for e in task["errors"]):
        fail("%s: the text lists %r, the JSON %r" % (where, sorted(text_code.findall(text)),
                                                    sorted(e["type"] for e in task["errors"])))
    subs = sorted((s["unit"], s["status"], s["values"] >= 0) for s in task.get("submissions", []))
    want = sorted((u, st, True) for u, st in db.execute(
        "SELECT unit_code, status FROM submission WHERE file_id = ?", (fid,)))
    if subs != want:
        fail("%s: submissions %r, the table has %r" % (where, subs[:5], want[:5]))
for j in glob.glob(os.path.join(out, "receipts", "**", "*.json"), recursive=True):
    if os.path.normpath(j) not in held:
        fail("%s: a receipt no file holds" % j)

# ---- validation reports ---------------------------------------------------------
for j in sorted(glob.glob(os.path.join(out, "reports", "*", "*", "validation-*.json"))):
    m = re.search(r"validation-(\d+)-(\d+)m\.json$", j)
    fy, rnd = int(m.group(1)), int(m.group(2))
    office = os.path.basename(os.path.dirname(j))
    doc = load(j, j, "validation")
    if doc is None:
        continue
    if (doc.get("fiscalYear"), doc.get("round"), doc.get("office")) != (fy, rnd, office):
        fail("%s: says %r %r %r" % (j, doc.get("fiscalYear"), doc.get("round"), doc.get("office")))
    rows = list(csv.reader(open(j[:-5] + ".csv", encoding="utf-8-sig")))[1:]
    want = sorted((r[0], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows)
    got = sorted((e["unit"], t["path"], str(e["rowNumber"] or ""), e["column"] or "", e["type"],
                  e["severity"], e["message_th"], e["message"], e["cell"] or "")
                 for t in doc["tasks"] for e in t["errors"])
    if got != want:
        fail("%s: %d errors, the CSV has %d rows (first apart: %r)" % (
            j, len(got), len(want), sorted(set(got) ^ set(want))[:2]))
    counts["validation errors"] += len(got)
    want = sorted(db.execute(
        "WITH RECURSIVE tree(code) AS (SELECT ?1 UNION ALL"
        " SELECT u.code FROM unit u JOIN tree t ON u.parent = t.code)"
        " SELECT unit_code, expected, received, on_time, late, missing, accepted,"
        " values_expected, values_present FROM completeness"
        " WHERE fiscal_year = ?2 AND round = ?3 AND unit_code IN (SELECT code FROM tree)",
        (office, fy, rnd)))
    got = sorted((c["unit"], c["expected"], c["received"], c["onTime"], c["late"], c["missing"],
                  c["accepted"], c["valuesExpected"], c["valuesPresent"])
                 for c in doc.get("completeness", []))
    if not want or got != want:
        fail("%s: completeness %r, the table has %r" % (j, got[:3], want[:3]))

for b in bad:
    print("not ok: " + b)
print("checked %d receipts (%d errors), %d validation reports (%d errors), %d against the schema%s"
      % (counts["receipts"], counts["errors"], counts["validation"], counts["validation errors"],
         counts["schema"], "" if validator or schema is None else " (no jsonschema: by hand)"))
sys.exit(1 if bad else 0)
