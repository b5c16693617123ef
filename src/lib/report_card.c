/*
 * report_card.c - school report cards: one page per school, for its
 * director, with the school's results against its targets and against the
 * office's median school.  Each school gets its own PDF, and each network
 * one PDF with the cards of all its schools.
 *
 * A card is made from the school's own results, the medians it is
 * compared with and the template, so a change at one school makes only its
 * own card (and its network's file) again unless the medians move.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/report.h"
#include "tidtam/template.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "report_int.h"
#include "tidtam/banned.h"

struct school {
	char code[64], name[256], network[64], network_name[256];
	char last_sent[11];        /* its newest accepted submission */
	double *value;             /* [indicator]: latest result, NAN: none */
	int *round;                /* [indicator]: the round of that result */
	int *achieved;             /* [indicator]: 1/0, -1 none */
	char hash[TT_SHA256_HEX];
	/*
	 * What card_table() chose for the school's table on its own card (the
	 * optional columns left out, the type size), with the section and the
	 * room it was chosen for: its network's file, which sets the same card
	 * on a page laid out alike, takes it instead of measuring it again.
	 */
	const struct template_section *fit_sec; /* NULL: not chosen yet */
	float fit_room, fit_size;
	unsigned fit_hidden;
	int fit_digits;
};

struct cards {
	struct report r;
	struct school *schools;
	size_t nr, alloc;
	double (*median)[4];       /* [indicator][round / 3 - 1], NAN: none */
	char header[1024];         /* the draft mark or approval line of every page */
};

static double median_of(double *v, size_t n)
{
	return n ? tt_median(v, n) : NAN;
}

static int cmp_school_code(const void *a, const void *b)
{
	return strcmp((*(struct school *const *)a)->code, (*(struct school *const *)b)->code);
}

/* The office's schools (?1 the office, ?2 the fiscal year) */
#define CARD_SCHOOLS_SQL OFFICE_TREE \
	"SELECT u.code, u.name, COALESCE(n.code, ''), COALESCE(n.name, '')," \
	" (SELECT MAX(s.submitted_on) FROM submission s WHERE s.unit_code = u.code" \
	"  AND s.fiscal_year = ?2 AND s.status = 'accepted')" \
	" FROM unit u JOIN tree t ON t.code = u.code" \
	" LEFT JOIN unit n ON n.code = u.parent AND n.kind = 'network'" \
	" WHERE u.kind = 'school' ORDER BY n.code, u.code"
/*
 * and their results, the rounds named so that each unit's results are
 * found by their key (without, every result of the year was read again for
 * every unit of the office)
 */
#define CARD_RESULTS_SQL OFFICE_TREE \
	"SELECT r.indicator, r.round, r.unit_code, r.to_date, r.achieved" \
	" FROM result r JOIN tree t ON t.code = r.unit_code" \
	" JOIN unit u ON u.code = r.unit_code AND u.kind = 'school'" \
	" WHERE r.fiscal_year = ?2 AND r.round IN (3, 6, 9, 12)" \
	" AND r.to_date IS NOT NULL ORDER BY r.indicator, r.round"

const char *const report_card_sql[] = { CARD_SCHOOLS_SQL, CARD_RESULTS_SQL, NULL };

static int load_schools(struct cards *c)
{
	struct report *r = &c->r;
	const struct framework *fw = r->fw;
	const struct indicator *last_ind = NULL;
	struct school **by_code = NULL;
	sqlite3_stmt *st = NULL, *res = NULL;
	double *vals = NULL;
	size_t nv = 0, alloc = 0, i;
	int rc, k, last_m = 0;

	if ((rc = report_query(r, 0, &st, CARD_SCHOOLS_SQL)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct school *s;

		if (!tt_is_safe_code(db_column_text(st, 0)))
			continue;
		xgrow(&c->schools, &c->alloc, c->nr + 1, sizeof(*c->schools));
		s = &c->schools[c->nr++];
		memset(s, 0, sizeof(*s));
		tt_strlcpy(s->code, db_column_text(st, 0), sizeof(s->code));
		tt_strlcpy(s->name, db_column_text(st, 1), sizeof(s->name));
		tt_strlcpy(s->network, db_column_text(st, 2), sizeof(s->network));
		tt_strlcpy(s->network_name, db_column_text(st, 3), sizeof(s->network_name));
		tt_strlcpy(s->last_sent, db_column_text(st, 4), sizeof(s->last_sent));
		s->value = xcalloc(fw->nr_indicators + 1, sizeof(*s->value));
		s->round = xcalloc(fw->nr_indicators + 1, sizeof(*s->round));
		s->achieved = xcalloc(fw->nr_indicators + 1, sizeof(*s->achieved));
		for (i = 0; i < fw->nr_indicators; i++) {
			s->value[i] = NAN;
			s->achieved[i] = -1;
		}
	}
	sqlite3_finalize(st);

	/*
	 * each school's latest result per indicator, and the medians per
	 * round: one pass over the schools' results, in indicator and round
	 * order, finding each school by its code
	 */
	c->median = xcalloc(fw->nr_indicators + 1, sizeof(*c->median));
	for (i = 0; i < fw->nr_indicators; i++)
		for (k = 0; k < 4; k++)
			c->median[i][k] = NAN;
	by_code = xcalloc(c->nr + 1, sizeof(*by_code));
	for (i = 0; i < c->nr; i++)
		by_code[i] = &c->schools[i];
	qsort(by_code, c->nr, sizeof(*by_code), cmp_school_code);
	if ((rc = report_query(r, 0, &res, CARD_RESULTS_SQL)))
		goto out;
	for (;;) {
		int more = sqlite3_step(res) == SQLITE_ROW;
		const struct indicator *ind = more ? framework_indicator(fw, db_column_text(res, 0))
					    : NULL;
		int m = more ? sqlite3_column_int(res, 1) : 0;
		struct school key, *keyp = &key, **found;

		/* a run of one indicator and round ends: its median */
		if (nv && (!more || ind != last_ind || m != last_m)) {
			c->median[last_ind - fw->indicators][last_m / 3 - 1] = median_of(vals, nv);
			nv = 0;
		}
		if (!more)
			break;
		if (!ind || ind->type == VALUE_TEXT || m < 3 || m > 12 || m % 3)
			continue;
		last_ind = ind;
		last_m = m;
		xgrow(&vals, &alloc, nv + 1, sizeof(*vals));
		vals[nv++] = sqlite3_column_double(res, 3);
		tt_strlcpy(key.code, db_column_text(res, 2), sizeof(key.code));
		found = bsearch(&keyp, by_code, c->nr, sizeof(*by_code), cmp_school_code);
		if (found) {
			size_t j = (size_t)(ind - fw->indicators);

			(*found)->value[j] = sqlite3_column_double(res, 3);
			(*found)->round[j] = m;
			(*found)->achieved[j] = sqlite3_column_type(res, 4) == SQLITE_NULL ? -1
						: sqlite3_column_int(res, 4);
		}
	}
out:
	sqlite3_finalize(res);
	free(by_code);
	free(vals);
	return rc;
}

/* What a school's card is made from. */
static void school_hash(struct cards *c, struct school *s)
{
	const struct framework *fw = c->r.fw;
	struct tt_sha256 ctx;
	size_t i;
	char buf[64];

	inputs_begin(&ctx, "card");
	inputs_add(&ctx, c->r.tpl->sha256);
	inputs_add_int(&ctx, c->r.tpl->thai_digits);
	inputs_add(&ctx, c->r.framework_hash);
	inputs_add(&ctx, c->r.office_name);
	inputs_add(&ctx, c->header);
	inputs_add(&ctx, s->code);
	inputs_add(&ctx, s->name);
	inputs_add(&ctx, s->network_name);
	inputs_add(&ctx, s->last_sent);
	for (i = 0; i < fw->nr_indicators; i++) {
		int k = s->round[i] ? s->round[i] / 3 - 1 : -1;

		snprintf(buf, sizeof(buf), "%.17g/%d/%d/%.17g", s->value[i], s->round[i],
			 s->achieved[i], k >= 0 ? c->median[i][k] : NAN);
		inputs_add(&ctx, buf);
	}
	inputs_end(&ctx, s->hash);
}

/*
 * The table's columns from the template, but those hidden (bits of enum
 * template_column): a card shows the latest result only.
 */
static size_t card_columns(struct layout *l, const struct template_section *sec,
			   unsigned hidden, struct layout_column *cols, enum template_column *which)
{
	static const struct layout_column proto[NR_COLUMNS] = {
		[COLUMN_CODE] = { "รหัส", 48, ALIGN_LEFT, LAYOUT_CODES },
		[COLUMN_NAME] = { "ตัวชี้วัด", 0, ALIGN_LEFT, 0 },
		/* wide enough for each header's words at 12 to 14 points */
		[COLUMN_UNIT] = { "หน่วยนับ", 54, ALIGN_CENTER, 0 },
		[COLUMN_TARGET] = { "เป้าหมาย", 64, ALIGN_RIGHT, 0 },
		[COLUMN_PERCENT] = { "% เป้าหมาย", 64, ALIGN_RIGHT, 0 },
		[COLUMN_STATUS] = { "เทียบมัธยฐาน", 110, ALIGN_LEFT, LAYOUT_MARKS },
		[COLUMN_RESULT] = { "ผลโรงเรียน", 70, ALIGN_RIGHT, 0 },
		[COLUMN_MEDIAN] = { "มัธยฐานเขต", 70, ALIGN_RIGHT, 0 },
	};
	unsigned rounds = 1u << COLUMN_3M | 1u << COLUMN_6M | 1u << COLUMN_9M | 1u << COLUMN_12M;

	return report_columns(l, sec, proto, rounds | hidden, cols, which);
}

/*
 * A yes/no answer as a school gives it: มี/ไม่มี for an indicator about
 * having something ("สถานศึกษามีแผน..."), else ใช่/ไม่ใช่.  v is 1 (yes),
 * 0 (no), or between for a median of both (half the schools said yes).
 */
static void yes_no(struct strbuf *sb, const struct indicator *ind, double v)
{
	const char *yes = strstr(ind->name, "มี") ? "มี" : "ใช่";

	if (v > 0.5 + 1e-9)
		strbuf_addstr(sb, yes);
	else if (v < 0.5 - 1e-9)
		strbuf_addf(sb, "ไม่%s", yes);
	else
		strbuf_addf(sb, "%sครึ่งหนึ่ง", yes);
}

static void card_cells(struct cards *c, const struct school *s, const enum template_column *which,
		       size_t n, struct cells *cells)
{
	const struct framework *fw = c->r.fw;
	size_t i, k;

	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		int has = !isnan(s->value[i]);
		double med = has ? c->median[i][s->round[i] / 3 - 1] : NAN;

		if (ind->type == VALUE_TEXT || ind->submitter != SUBMITTER_SCHOOL)
			continue;
		for (k = 0; k < n; k++) {
			struct strbuf sb;

			strbuf_init(&sb);
			switch (which[k]) {
			case COLUMN_CODE:
				strbuf_addstr(&sb, ind->code);
				break;
			case COLUMN_NAME:
				strbuf_addstr(&sb, ind->name);
				break;
			case COLUMN_UNIT:
				/* one school answers yes or no, it does not count schools */
				if (ind->type == VALUE_YESNO) {
					yes_no(&sb, ind, 1);
					strbuf_addch(&sb, '/');
					yes_no(&sb, ind, 0);
				} else {
					strbuf_addstr(&sb, ind->unit);
				}
				break;
			case COLUMN_TARGET:
				/* a school's target is the office's only where it is a rate */
				if (ind->has_target && (ind->type == VALUE_PERCENT ||
							ind->type == VALUE_LEVEL))
					thai_format_number(&sb, ind->target,
							   report_target_decimals(ind), 0);
				else
					strbuf_addch(&sb, '-');
				break;
			case COLUMN_RESULT:
				if (has && ind->type == VALUE_YESNO)
					yes_no(&sb, ind, s->value[i]);
				else if (has)
					thai_format_number(&sb, s->value[i],
							   report_value_decimals(ind, s->value[i]), 0);
				else
					strbuf_addch(&sb, '-');
				break;
			case COLUMN_MEDIAN:
				if (!isnan(med) && ind->type == VALUE_YESNO)
					yes_no(&sb, ind, med);
				else if (!isnan(med)) /* with the result's precision */
					thai_format_number(&sb, med, report_value_decimals(ind, med), 0);
				else
					strbuf_addch(&sb, '-');
				break;
			case COLUMN_PERCENT: {
				/* as the annual report says it, lower-is-better included */
				double percent;

				if (has && ind->has_target && ind->target > 0 &&
				    (ind->type == VALUE_PERCENT || ind->type == VALUE_LEVEL) &&
				    aggregate_achieved(ind, s->value[i], &percent) >= 0)
					thai_format_number(&sb, percent, 2, 0);
				else
					strbuf_addch(&sb, '-');
				break;
			}
			case COLUMN_STATUS:
				/* against the median: the school's standing among its peers */
				if (!has || isnan(med))
					strbuf_addf(&sb, "%cยังไม่มีผล", '0' + MARK_PENDING);
				else if ((ind->direction == DIRECTION_HIGHER) ? s->value[i] >= med
									     : s->value[i] <= med)
					strbuf_addf(&sb, "%cเท่าหรือดีกว่า", '0' + MARK_MET);
				else
					strbuf_addf(&sb, "%cด้อยกว่า", '0' + MARK_NOT_MET);
				break;
			default:
				break;
			}
			cell_add(cells, strbuf_detach(&sb));
		}
	}
}

/* The height the card's text sections take at the foot of the page. */
static float notes_height(struct cards *c, float width, float size)
{
	struct report *r = &c->r;
	const struct report_template *t = r->tpl;
	struct layout_style st;
	struct strbuf sb;
	float h = 0;
	size_t i, k;

	memset(&st, 0, sizeof(st));
	st.size = size;
	strbuf_init(&sb);
	for (i = 0; i < t->nr_sections; i++)
		for (k = 0; t->sections[i].type == SECTION_TEXT && k < t->sections[i].nr_paragraphs;
		     k++) {
			strbuf_reset(&sb);
			report_expand(r, t->sections[i].paragraphs[k], &sb);
			h += layout_block(&r->l, 0, 0, width, &st, sb.buf, 0) + 2;
		}
	strbuf_release(&sb);
	return h;
}

/*
 * The school's results table, fitted as the template says: at font-size -
 * 2 points, smaller by half points down to min-font-size while it would
 * not fit above the notes; then without the optional columns, one after
 * another, at each size again; and when even that does not fit, without
 * them at min-font-size, going on to a second page with its header
 * repeated (layout_table()).  The type is never smaller than min-font-size.
 */
static void card_table(struct cards *c, struct school *s,
		       const struct template_section *sec, float notes)
{
	struct layout *l = &c->r.l;
	float top = c->r.tpl->font_size - 2, least = sec->min_font_size;
	float room = l->height - l->margin - l->y - notes - 6, size = least;
	struct layout_column cols[NR_COLUMNS];
	enum template_column which[NR_COLUMNS];
	struct cells cells = { 0 };
	unsigned hidden = 0;
	size_t k = 0, n;
	int fits = 0;

	if (top < least)
		top = least;
	if (s->fit_sec == sec && s->fit_room == room && s->fit_digits == l->thai_digits) {
		/*
		 * chosen for the school's own card: this document measures the
		 * glyphs the choice measured there, the columns left out included
		 */
		if (s->fit_hidden) {
			n = card_columns(l, sec, 0, cols, which);
			card_cells(c, s, which, n, &cells);
			layout_table_glyphs(l, cols, n, cells.items, cells.nr / n);
			cells_release(&cells);
		}
		n = card_columns(l, sec, s->fit_hidden, cols, which);
		card_cells(c, s, which, n, &cells);
		layout_table(l, cols, n, cells.items, cells.nr / n, s->fit_size);
		cells_release(&cells);
		return;
	}
	for (;;) {
		n = card_columns(l, sec, hidden, cols, which);
		card_cells(c, s, which, n, &cells);
		/*
		 * the glyphs measuring every column would take into the document,
		 * whichever sizes are measured; a size at which the table is
		 * surely taller than the room is not measured
		 */
		if (!hidden)
			layout_table_glyphs(l, cols, n, cells.items, cells.nr / n);
		for (size = top; !fits && size >= least - 0.01f; size -= 0.5f)
			fits = !layout_table_taller(n, cells.nr / n, size, room) &&
			       layout_table_height(l, cols, n, cells.items, cells.nr / n, size) <= room;
		if (fits || k == sec->nr_optional) {
			/* the loop stepped past the size that fit; or split, at the least */
			size = fits ? size + 0.5f : least;
			layout_table(l, cols, n, cells.items, cells.nr / n, size);
			cells_release(&cells);
			s->fit_sec = sec;
			s->fit_room = room;
			s->fit_size = size;
			s->fit_hidden = hidden;
			s->fit_digits = l->thai_digits;
			return;
		}
		cells_release(&cells);
		hidden |= 1u << sec->optional[k++];
	}
}

/*
 * One school's page: a heading, the results table and the template's
 * notes, on one page when the table fits (card_table()), else on two; the
 * notes are set like the table's body, never under the bottom margin
 * (over the footer).
 */
static void card_page(struct cards *c, struct school *s)
{
	struct report *r = &c->r;
	struct layout *l = &r->l;
	const struct report_template *t = r->tpl;
	float body = t->font_size, note = body - 4;
	struct strbuf sb;
	size_t i, k;
	int latest = 0;

	r->school_code = s->code;
	r->school_name = s->name;
	r->network_name = s->network_name;
	for (k = 0; k < r->fw->nr_indicators; k++)
		if (s->round[k] > latest)
			latest = s->round[k];
	strbuf_init(&sb);
	for (i = 0; i < t->nr_sections && t->sections[i].type != SECTION_SCHOOL; i++)
		;
	layout_new_page(l, i < t->nr_sections && t->sections[i].landscape);
	report_expand(r, t->title, &sb);
	layout_paragraph(l, FACE_BOLD, body, ALIGN_CENTER, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s (รหัส %s)", s->name, s->code);
	layout_paragraph(l, FACE_BOLD, body - 2, ALIGN_CENTER, sb.buf);
	strbuf_reset(&sb);
	if (s->network_name[0])
		strbuf_addf(&sb, "%s  ", s->network_name);
	if (latest) {
		strbuf_addstr(&sb, "ผลการดำเนินงานล่าสุด ");
		period_format_round(&sb, latest);
	} else {
		strbuf_addstr(&sb, "ยังไม่มีผลการดำเนินงาน");
	}
	layout_paragraph(l, FACE_REGULAR, body - 2, ALIGN_CENTER, sb.buf);
	layout_space(l, 4);
	for (i = 0; i < t->nr_sections; i++) {
		const struct template_section *sec = &t->sections[i];

		if (sec->type == SECTION_SCHOOL) {
			if (note < sec->min_font_size)
				note = sec->min_font_size;
			card_table(c, s, sec, notes_height(c, layout_text_area(l), note));
		} else if (sec->type == SECTION_TEXT) {
			struct layout_style st;

			memset(&st, 0, sizeof(st));
			st.size = note;
			st.space_before = 2;
			for (k = 0; k < sec->nr_paragraphs; k++) {
				strbuf_reset(&sb);
				report_expand(r, sec->paragraphs[k], &sb);
				layout_para(l, &st, sb.buf);
			}
		}
	}
	strbuf_release(&sb);
}

/*
 * The schools [*lo, *hi) of batch of nr_batches: of the G runs of schools
 * of one network (the schools are in network order), run g is batch
 * g * nr_batches / G, so that with nr_batches <= G each batch has one run
 * or more, and with nr_batches = G one each.  All of them for one batch.
 */
static void batch_range(const struct cards *c, int batch, int nr_batches, size_t *lo, size_t *hi)
{
	size_t i, g = 0, runs = 0, b = (size_t)batch, n = (size_t)nr_batches;

	*lo = 0;
	*hi = c->nr;
	if (nr_batches <= 1)
		return;
	for (i = 0; i < c->nr; i++)
		runs += !i || strcmp(c->schools[i].network, c->schools[i - 1].network);
	*lo = *hi = 0;
	for (i = 0; i < c->nr; i++) {
		if (i && strcmp(c->schools[i].network, c->schools[i - 1].network))
			g++;
		if (g * n / runs < b)
			*lo = *hi = i + 1;
		else if (g * n / runs == b)
			*hi = i + 1;
	}
}

static int open_doc(struct cards *c, const char *title)
{
	struct report *r = &c->r;
	int thai_digits = r->tpl->thai_digits, rc;

	if ((rc = layout_open(&r->l, NULL, r->err)))
		return rc;
	r->l.thai_digits = thai_digits;
	tt_strlcpy(r->l.header, c->header, sizeof(r->l.header));
	layout_set_info(&r->l, title, r->office_name, r->as_of.year, r->as_of.month,
			r->as_of.day);
	xsnprintf(r->l.footer, sizeof(r->l.footer), "%s\n%s", title, r->office_name);
	return 0;
}

int report_cards(const struct report *office, const struct report_template *tpl,
		 const char *dir, struct report_stats *stats)
{
	struct tt_error *err = office->err;
	const struct framework *fw = office->fw;
	sqlite3 *db = office->db;
	struct cards c;
	struct strbuf cards_dir, path, title;
	size_t i, j, lo, hi;
	int rc;

	memset(&c, 0, sizeof(c));
	c.r.db = db;
	c.r.fw = fw;
	c.r.tpl = tpl;
	c.r.office_code = office->office_code;
	c.r.err = err;
	c.r.out = office->out;
	c.r.progress = office->progress;
	c.r.months = 12;
	c.r.as_of = office->as_of;
	c.r.root_len = office->root_len;
	tt_strlcpy(c.r.office_name, office->office_name, sizeof(c.r.office_name));
	tt_strlcpy(c.r.framework_hash, office->framework_hash, sizeof(c.r.framework_hash));
	strbuf_init(&cards_dir);
	strbuf_init(&path);
	strbuf_init(&title);
	strbuf_addf(&cards_dir, "%s/cards", dir);
	if ((rc = tt_mkdirs(cards_dir.buf, err)) || (rc = report_round_header(&c.r, 12)))
		goto out;
	tt_strlcpy(c.header, c.r.l.header, sizeof(c.header));
	if ((rc = load_schools(&c)) || (rc = report_mark_prepare(&c.r, err)))
		goto out;
	strbuf_addstr(&title, "รายงานผลการดำเนินงานรายโรงเรียน ");
	period_format_fiscal_year(&title, fw->fiscal_year);
	batch_range(&c, office->batch, office->nr_batches, &lo, &hi);
	for (i = lo; i < hi; i++)
		school_hash(&c, &c.schools[i]);
	for (i = lo; !rc && i < hi; i++) {
		struct school *s = &c.schools[i];

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.pdf", cards_dir.buf, s->code);
		if (report_is_current(&c.r, path.buf, s->hash)) {
			stats->skipped++;
			report_progress(&c.r, stats);
			continue;
		}

		if (!(rc = open_doc(&c, title.buf))) {
			card_page(&c, s);
			rc = report_save(&c.r, path.buf);
		}
		layout_close(&c.r.l);
		if (!rc && !(rc = report_mark_current(&c.r, path.buf, s->hash, err)))
			stats->cards++;
		report_progress(&c.r, stats);
	}
	/* a network's file: its schools' cards, one after another */
	for (i = lo; !rc && i < hi; i = j) {
		char hash[TT_SHA256_HEX];
		struct tt_sha256 ctx;

		inputs_begin(&ctx, "network cards");
		for (j = i; j < hi && !strcmp(c.schools[j].network, c.schools[i].network); j++)
			inputs_add(&ctx, c.schools[j].hash);
		inputs_end(&ctx, hash);
		if (!c.schools[i].network[0] || !tt_is_safe_code(c.schools[i].network))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/network-%s.pdf", cards_dir.buf, c.schools[i].network);
		if (report_is_current(&c.r, path.buf, hash)) {
			stats->skipped++;
			report_progress(&c.r, stats);
			continue;
		}
		if (!(rc = open_doc(&c, title.buf))) {
			size_t k;

			for (k = i; k < j; k++)
				card_page(&c, &c.schools[k]);
			rc = report_save(&c.r, path.buf);
		}
		layout_close(&c.r.l);
		if (!rc && !(rc = report_mark_current(&c.r, path.buf, hash, err)))
			stats->cards++;
		report_progress(&c.r, stats);
	}
out:
	sqlite3_finalize(c.r.mark);
	for (i = 0; i < c.nr; i++) {
		free(c.schools[i].value);
		free(c.schools[i].round);
		free(c.schools[i].achieved);
	}
	free(c.schools);
	free(c.median);
	strbuf_release(&cards_dir);
	strbuf_release(&path);
	strbuf_release(&title);
	return rc;
}
