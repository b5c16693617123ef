#!/bin/sh
# Frameworks past their limits are refused before they are read or parsed
# (2026-12-03: a 64 MB framework took 822 MB and 93 s, and was taken): a
# 64 MB one from its size, a 1.9 MB one of 12,000 indicators from its
# 130,000 elements and attributes (the limit is 100,000); both E-TOOLARGE,
# and `tidtam check` says so too.  A framework of 7,000 indicators (1 MB,
# seven times a national one) is taken.  Every other file goes in as it
# does without them.  On the demo and on office2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
python3 "$HOSTILE" framework big.xml 64 && python3 "$HOSTILE" framework dense.xml 1 &&
	python3 - <<'PY' || exit 3
# dense: the same indicators again and again under new codes, up to 1.9 MB
src = open("dense.xml", encoding="utf-8").read()
head, body = src.split('      <indicator', 1)
lines = ['      <indicator' + l for l in body.split('      <indicator')]
tail = lines[-1].split("\n", 1)[1]
lines[-1] = lines[-1].split("\n", 1)[0] + "\n"
out, n, size = [], 0, 0
while size < 1900000:
    out.append(lines[n % len(lines)].replace('code="X', 'code="D%d' % (n // len(lines))))
    size += len(out[-1].encode())
    n += 1
open("dense.xml", "w", encoding="utf-8").write(head + "".join(out) + tail)
PY
check "the dense framework is under 2 MiB" [ "$(stat -c %s dense.xml)" -lt 2097152 ]
python3 "$HOSTILE" framework national.xml 1 || exit 3
check "the national-size framework has 7,000 indicators" [ "$(grep -c '<indicator ' national.xml)" -ge 7000 ]
for office in demo office2; do
	d=$WORK/$office
	hostile_ingest $office "$d" big.xml=framework/big.xml dense.xml=framework/dense.xml \
		national.xml=framework/2569.xml
	check "$office: stderr: the big framework is too large from its size" grep -q \
		"rejected 'framework/big.xml'.*XML file too large: [0-9]* bytes, more than its limit of 2097152 (2 MiB)" \
		"$d/err.txt"
	check "$office: stderr: the dense framework has too many elements" grep -q \
		"rejected 'framework/dense.xml'.*framework too large: more than its limit of 100000 elements" \
		"$d/err.txt"
	for f in big dense; do
		check "$office: $f recorded as E-TOOLARGE" \
			[ "$(issue_of "$d" "framework/$f.xml" | cut -d' ' -f1)" = E-TOOLARGE ]
		check "$office: $f said too large in Thai" \
			said_th "$d" "framework/$f.xml" "สาเหตุ: ไฟล์ใหญ่เกินขนาดที่ระบบรับได้"
	done
	check "$office: the national-size framework is the one framework of 2569 stored" [ "$(sqlite3 \
		"$d/output/tidtam.db" "SELECT group_concat(f.path || ' ' || f.status) FROM framework w
		JOIN file f ON f.id = w.file_id WHERE w.fiscal_year = 2569")" = "framework/2569.xml stored" ]
	# memory: measured 3 times the ingest without it (the national-size framework's tree and checks); 1,400 MB before (120 times)
	as_without $office "$d" 5 framework/big.xml framework/dense.xml framework/2569.xml
done
tidtam check big.xml dense.xml >check.txt 2>&1
check "tidtam check exits 1 on the frameworks too large" [ $? -eq 1 ]
check "tidtam check says the big one is too large" grep -q "XML file too large" check.txt
check "tidtam check says the dense one has too many elements" \
	grep -q "framework too large: more than its limit of 100000 elements" check.txt
done_testing
