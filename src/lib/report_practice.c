/*
 * report_practice.c - the office report's part on best practices, awards
 * and outstanding work (ผลงานดีเด่น รางวัล และแนวปฏิบัติที่ดี), with their
 * photographs, and the appendix of activity photographs (ภาคผนวก ภาพกิจกรรม).
 *
 * Everything comes from the database (practice, practice_photo, image:
 * schema version 9): the photographs are drawn from the bytes ingest kept,
 * never from input/.  Each practice prints its title, its unit and people,
 * its paragraphs and its first PHOTOS_SHOWN photos, numbered "ภาพที่ N"
 * with their captions in the report's one sequence of figures (with the
 * charts, listed in สารบัญภาพ); the others go to the appendix.  A photo is scaled to
 * the text column and to at most PHOTO_SHARE of the page's text height;
 * two go side by side when each keeps at least half that height; a photo
 * that does not fit in what is left of the page moves to the next page
 * with its caption, so nothing crosses a margin.
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/practice.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* Photos printed with a practice (and in SQL); the rest go to the appendix. */
#define PHOTOS_SHOWN 4
#define PHOTOS_SHOWN_SQL "4"
/* The most of the page's text height one photo takes. */
#define PHOTO_SHARE 0.4f
/* Between two photos side by side, and below a row of photos. */
#define PHOTO_GAP 12.0f

/*
 * The practices of the office and the units below it (?1) for the year
 * (?2), each the newest stored version of its form, the office's first.
 */
#define PRACTICES_CTE \
	OFFICE_TREE ", cur AS (SELECT p.*, f.path, COALESCE(u.name, p.unit_code) AS unit_name," \
	" u.kind = 'office' AS is_office FROM tree t CROSS JOIN practice p" \
	" ON p.unit_code = t.code JOIN file f ON f.id = p.file_id" \
	" LEFT JOIN unit u ON u.code = p.unit_code" \
	" WHERE p.fiscal_year = ?2 AND f.id = (SELECT MAX(g.id) FROM file g" \
	"  WHERE g.path = f.path AND g.status = 'stored')) "
#define PRACTICE_ORDER " ORDER BY is_office DESC, unit_code, path"

/*
 * Their photos whose newest file is an image that went in, numbered within
 * each practice (shown): those up to PHOTOS_SHOWN are printed with it.
 */
#define PHOTOS_CTE \
	PRACTICES_CTE ", pic AS (SELECT cur.file_id AS practice, cur.is_office, cur.unit_code," \
	" cur.path, cur.title, ph.seq, ph.caption, i.format, i.width, i.height, i.bytes, c.sha256," \
	" ROW_NUMBER() OVER (PARTITION BY cur.file_id ORDER BY ph.seq) AS shown" \
	" FROM cur JOIN practice_photo ph ON ph.file_id = cur.file_id" \
	" JOIN file f ON f.id = (SELECT MAX(g.id) FROM file g WHERE g.path = ph.path)" \
	" JOIN file c ON c.id = COALESCE(f.same_as, f.id) JOIN image i ON i.file_id = c.id) "

/* How many practices, and photos not printed with them. */
#define PRACTICES_COUNT PRACTICES_CTE "SELECT COUNT(*) FROM cur"
#define PHOTOS_EXTRA PHOTOS_CTE "SELECT COUNT(*) FROM pic WHERE shown > " PHOTOS_SHOWN_SQL
/* The practices and their photos, as printed. */
#define PRACTICES_LIST \
	PRACTICES_CTE "SELECT file_id, title, by_whom, unit_name, kind, text, is_office" \
	" FROM cur" PRACTICE_ORDER
#define PHOTOS_LIST \
	PHOTOS_CTE "SELECT practice, is_office, unit_code, path, title, seq, caption," \
	" format, width, height, bytes, sha256, shown FROM pic" \
	" ORDER BY is_office DESC, unit_code, path, seq"

long report_practices_count(struct report *r)
{
	return report_count(r, r->months, PRACTICES_COUNT);
}

long report_photos_extra(struct report *r)
{
	return report_count(r, r->months, PHOTOS_EXTRA);
}

/* A photo to place, its bytes copied from the statement. */
struct photo {
	int jpeg;
	float aspect;             /* width / height */
	void *bytes;
	size_t len;
	char *caption;            /* its caption, without its label */
};

/* The photo at st's row (PHOTOS_CTE's pic columns). */
static void photo_read(sqlite3_stmt *st, struct photo *p)
{
	p->jpeg = !strcmp(db_column_text(st, 7), "jpeg");
	p->aspect = (float)sqlite3_column_int(st, 8) / (float)sqlite3_column_int(st, 9);
	p->len = (size_t)sqlite3_column_bytes(st, 10);
	p->bytes = xmalloc(p->len + 1);
	if (p->len)
		memcpy(p->bytes, sqlite3_column_blob(st, 10), p->len);
	p->caption = xstrdup(db_column_text(st, 6));
}

static void photo_release(struct photo *p)
{
	free(p->bytes);
	free(p->caption);
	memset(p, 0, sizeof(*p));
}

static float photo_max_height(const struct layout *l)
{
	return PHOTO_SHARE * (l->height - 2 * l->margin);
}

/*
 * 1 if photos a and b go side by side: at a common height, filling the
 * column between them, each keeps at least half the most a photo takes.
 */
static int side_by_side(const struct layout *l, const struct photo *a, const struct photo *b)
{
	float h = (layout_text_area(l) - PHOTO_GAP) / (a->aspect + b->aspect);

	return h >= photo_max_height(l) / 2;
}

/*
 * Place a row of n photos (1 or 2) at the cursor, scaled to the column
 * and the most height a photo takes, centred, their captions under them,
 * numbered as figures on the page they are drawn on; the row moves to a
 * new page, whole, when what is left is too short.
 */
static void photo_row(struct report *r, const struct photo *p, size_t n, float size)
{
	struct layout *l = &r->l;
	struct layout_style st;
	float W = layout_text_area(l), hmax = photo_max_height(l), left = layout_left(l) + l->col_x;
	float h, w[2], cell[2], x, cap = 0;
	struct strbuf sb;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.size = size;
	st.align = ALIGN_CENTER;
	if (n == 2)
		h = (W - PHOTO_GAP) / (p[0].aspect + p[1].aspect);
	else
		h = W / p[0].aspect;
	if (h > hmax)
		h = hmax;
	for (i = 0; i < n; i++)
		w[i] = h * p[i].aspect;
	/*
	 * Each photo is centred in a cell its caption fills: two share the
	 * column, what is left over split between them; one alone has the
	 * middle 60 % of it, or its own width if wider.
	 */
	if (n == 2) {
		float slack = (W - PHOTO_GAP - w[0] - w[1]) / 2;

		cell[0] = w[0] + slack;
		cell[1] = w[1] + slack;
		x = left;
	} else {
		cell[0] = w[0] > W * 0.6f ? w[0] : W * 0.6f;
		x = left + (W - cell[0]) / 2;
	}
	/* the captions measured with the labels they will have */
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		float ch;

		strbuf_reset(&sb);
		strbuf_addf(&sb, "ภาพที่ %d", l->nr_figures + 1 + (int)i);
		if (*p[i].caption)
			strbuf_addf(&sb, "  %s", p[i].caption);
		ch = layout_block(l, 0, 0, cell[i], &st, sb.buf, 0);
		cap = ch > cap ? ch : cap;
	}
	strbuf_release(&sb);
	layout_need(l, h + 4 + cap + PHOTO_GAP);
	for (i = 0; i < n; i++) {
		struct tt_error ignore;
		char *label = layout_note_figure(l, p[i].caption);

		/* an image libharu will not take leaves its place and caption */
		layout_image_memory(l, p[i].bytes, p[i].len, p[i].jpeg, x + (cell[i] - w[i]) / 2,
				    l->y, w[i], h, &ignore);
		layout_block(l, x, l->y + h + 4, cell[i], &st, label, 1);
		free(label);
		x += cell[i] + PHOTO_GAP;
	}
	l->y += h + 4 + cap + PHOTO_GAP;
}

/*
 * Place the photos of `practice` that st gives from its current row on
 * (PHOTOS_CTE's pic, in order) whose number within the practice is from
 * `from` to `to`, two a row when they fit;
 * st is stepped past the practice's rows (*more: 0 once it has no more).
 */
static void photo_rows(struct report *r, sqlite3_stmt *st, int *more, long long practice,
		       int from, int to, float size)
{
	struct photo p[2];
	int waiting = 0;

	memset(p, 0, sizeof(p));
	for (; *more && sqlite3_column_int64(st, 0) == practice;
	     *more = sqlite3_step(st) == SQLITE_ROW) {
		int shown = sqlite3_column_int(st, 12);

		if (shown < from || shown > to)
			continue;
		photo_read(st, &p[waiting]);
		if (!waiting) {
			waiting = 1;
			continue;
		}
		if (side_by_side(&r->l, &p[0], &p[1])) {
			photo_row(r, p, 2, size);
			photo_release(&p[0]);
			photo_release(&p[1]);
			waiting = 0;
		} else {
			photo_row(r, p, 1, size);
			photo_release(&p[0]);
			p[0] = p[1];
			memset(&p[1], 0, sizeof(p[1]));
		}
	}
	if (waiting) {
		photo_row(r, p, 1, size);
		photo_release(&p[0]);
	}
}

/* A paragraph of the body at size, its first line indented. */
static void practice_para(struct report *r, float size, int face, float indent, const char *text)
{
	struct layout_style st;

	memset(&st, 0, sizeof(st));
	st.face = face;
	st.size = size;
	/* body paragraphs (indented) as the template sets the body */
	st.align = indent > 0 && r->tpl->justify ? ALIGN_JUSTIFY : ALIGN_LEFT;
	st.indent = indent;
	st.space_after = size * 0.3f;
	layout_para(&r->l, &st, text);
}

/* The photos query, stepped to its first row (*more: 0 if none). */
static int photos_open(struct report *r, sqlite3_stmt **st, int *more)
{
	int rc;

	if ((rc = report_query(r, r->months, st, PHOTOS_LIST)))
		return rc;
	*more = sqlite3_step(*st) == SQLITE_ROW;
	return 0;
}

int report_practices(struct report *r, float body)
{
	sqlite3_stmt *st = NULL, *photos = NULL;
	struct strbuf sb;
	int rc, more = 0, k = 0;
	long n = report_practices_count(r);

	strbuf_init(&sb);
	strbuf_addf(&sb, "ส่วนนี้นำเสนอผลงานดีเด่น รางวัล และแนวปฏิบัติที่ดีของ%s และสถานศึกษาในสังกัด"
		    " ในปีงบประมาณ พ.ศ. %d จำนวน %ld เรื่อง พร้อมภาพประกอบ", r->office_name,
		    r->fw->fiscal_year, n);
	practice_para(r, body, FACE_REGULAR, body * 2.5f, sb.buf);
	if ((rc = report_query(r, r->months, &st, PRACTICES_LIST)) ||
	    (rc = photos_open(r, &photos, &more)))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *text = db_column_text(st, 5), *by = db_column_text(st, 2);

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d. %s", ++k, db_column_text(st, 1));
		layout_space(&r->l, body * 0.5f);
		/* under the part's bookmark and contents line: the outline is the contents */
		layout_heading(&r->l, body + 1, sb.buf, 3 * body * LAYOUT_LINE_HEIGHT);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ประเภท %s  หน่วยงาน %s", practice_kind_th(db_column_text(st, 4)),
			    db_column_text(st, 3));
		if (*by && strcmp(by, db_column_text(st, 3)))
			strbuf_addf(&sb, "  ผู้รับผิดชอบ %s", by);
		practice_para(r, body - 1, FACE_REGULAR, 0, sb.buf);
		while (*text) {
			size_t len = strcspn(text, "\n");

			strbuf_reset(&sb);
			strbuf_add(&sb, text, len);
			practice_para(r, body, FACE_REGULAR, body * 2.5f, sb.buf);
			text += len + (text[len] == '\n');
		}
		/* the photos of the practices before this one that were not shown are passed */
		while (more && sqlite3_column_int64(photos, 0) != id)
			more = sqlite3_step(photos) == SQLITE_ROW;
		photo_rows(r, photos, &more, id, 1, PHOTOS_SHOWN, body - 2);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(photos);
	strbuf_release(&sb);
	return rc;
}

int report_activity_photos(struct report *r, float body)
{
	sqlite3_stmt *photos = NULL;
	struct strbuf sb;
	int rc, more = 0;

	strbuf_init(&sb);
	practice_para(r, body, FACE_REGULAR, body * 2.5f,
		      "ภาพกิจกรรมเพิ่มเติมของผลงานดีเด่น รางวัล และแนวปฏิบัติที่ดี"
		      " ที่ไม่ได้นำเสนอไว้ในเนื้อหา");
	if ((rc = photos_open(r, &photos, &more)))
		goto out;
	while (more) {
		long long id = sqlite3_column_int64(photos, 0);

		if (sqlite3_column_int(photos, 12) <= PHOTOS_SHOWN) {
			more = sqlite3_step(photos) == SQLITE_ROW;
			continue;
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ภาพกิจกรรม: %s", db_column_text(photos, 4));
		layout_need(&r->l, body * 3 * LAYOUT_LINE_HEIGHT + photo_max_height(&r->l) / 2);
		practice_para(r, body, FACE_BOLD, 0, sb.buf);
		photo_rows(r, photos, &more, id, PHOTOS_SHOWN + 1, 1 << 30, body - 2);
	}
out:
	sqlite3_finalize(photos);
	strbuf_release(&sb);
	return rc;
}

const char *const report_practice_sql[] = {
	PRACTICES_COUNT, PHOTOS_EXTRA, PHOTOS_LIST, PRACTICES_LIST, NULL
};
