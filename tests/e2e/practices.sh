# Shared by the practices tests (t0180-t0189): a practice whose photos are
# made hostile on the spot.

# hostile_practice DIR UNIT FY: in DIR, a practice of UNIT for FY naming
# huge.png (a PNG header claiming 100000 x 100000 pixels), cut.jpg (the
# first half of a real JPEG), notes.jpg (a text file), big.jpg (a JPEG's
# start and 9 MiB of zeros), missing.jpg (not there) and good.png (a real
# PNG of the demo).
hostile_practice() {
	mkdir -p "$1" || exit 3
	python3 - "$1" "$TOP" <<'PY' || exit 3
import struct, sys, zlib
d, top = sys.argv[1], sys.argv[2]
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
with open(d + "/huge.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
real = open(top + "/input/practices/2567/safe-school/01-sports.jpg", "rb").read()
with open(d + "/cut.jpg", "wb") as f:
    f.write(real[:len(real) // 2])
with open(d + "/notes.jpg", "w", encoding="utf-8") as f:
    f.write("รูปจะส่งตามมาภายหลัง\n")
with open(d + "/big.jpg", "wb") as f:
    f.write(real[:1000] + b"\0" * (9 << 20))
with open(d + "/good.png", "wb") as f:
    f.write(open(top + "/input/practices/2567/safe-school/02-garden.png", "rb").read())
PY
	cat >"$1/practice.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<practice xmlns="urn:tidtam:practice:1" unit="$2" fiscal-year="$3" kind="outstanding">
  <title>ผลงานทดสอบภาพที่ใช้ไม่ได้</title>
  <by>กลุ่มทดสอบระบบ</by>
  <p>ผลงานนี้อ้างถึงภาพหกภาพ ห้าภาพใช้ไม่ได้หรือไม่ได้ส่ง</p>
  <photo file="huge.png">ภาพที่อ้างขนาดหนึ่งแสนจุด</photo>
  <photo file="cut.jpg">ภาพที่ส่งมาไม่ครบ</photo>
  <photo file="notes.jpg">ข้อความที่ตั้งชื่อเป็นภาพ</photo>
  <photo file="big.jpg">ภาพที่ใหญ่เกินขนาด</photo>
  <photo file="missing.jpg">ภาพที่ไม่ได้ส่ง</photo>
  <photo file="good.png">ภาพเดียวที่ใช้ได้</photo>
</practice>
XML
}

# check_hostile_practice DIR FY OFFICE: after a run, in the run's folder,
# each hostile photo of hostile_practice's DIR (relative to input/) refused
# as E-IMAGE for its own reason, with a receipt; the practice taken with a
# warning for each photo left out; the report as check-practices.py says.
check_hostile_practice() {
	for f in huge.png:"image too large in pixels" cut.jpg:"image file cut short" \
		notes.jpg:"not a PNG or JPEG image" big.jpg:"image file too large"; do
		name=${f%%:*} why=${f#*:}
		check "$name refused as E-IMAGE: $why" [ "$(sqlite3 output/tidtam.db "SELECT
			f.status || ' ' || i.code || ' ' || (i.message_en LIKE '$why%') FROM file f
			JOIN issue i ON i.file_id = f.id WHERE f.path = '$1/$name'")" = "failed E-IMAGE 1" ]
		r=$(find output/receipts -name "$(echo "$1/$name" | tr / _).txt" | head -n 1)
		check "$name: a receipt saying why in Thai" sh -c "[ -n '$r' ] &&
			grep -q 'E-IMAGE' '$r' && grep -q 'ไฟล์ภาพ\|ไม่ใช่ภาพ\|ภาพมีขนาด' '$r'"
	done
	check "the good photo went in" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM image i
		JOIN file f ON f.id = i.file_id WHERE f.path = '$1/good.png'")" = 1 ]
	r=$(find output/receipts -name "$(echo "$1" | tr / _)_practice.xml.txt" | head -n 1)
	check "the practice taken, five photos left out on its receipt" sh -c "[ -n '$r' ] &&
		[ \$(grep -c 'W-PRACTICE' '$r') -eq 5 ] && grep -q 'missing.jpg' '$r' &&
		grep -q 'รับผลงาน' '$r'"
	check "no program crashed" sh -c '! grep -qi "segmentation\|abort\|sanitizer" err.txt'
	check "the report prints it with its one good photo" python3 \
		"$TOP/tests/tools/check-practices.py" input output/tidtam.db \
		"output/reports/$2/$3/annual-$2.pdf" "$2" "$3" huge.png cut.jpg notes.jpg big.jpg
}
