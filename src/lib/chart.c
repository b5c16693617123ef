/*
 * chart.c - bars and lines as PDF vector paths: the value axis fitted to
 * what is drawn (round ticks, the top at the first at or above the largest
 * value), targets as marks, capped values labelled, a legend of what is
 * drawn, and the chart's height fitted to the page it falls on.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/chart.h"
#include "tidtam/layout.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* Series colours: distinct hues whose grey levels are also far apart. */
static const float series_rgb[][3] = {
	{ 0.12f, 0.27f, 0.55f },  /* dark blue */
	{ 0.96f, 0.70f, 0.30f },  /* light orange, hatched */
	{ 0.55f, 0.12f, 0.12f },  /* dark red */
	{ 0.70f, 0.85f, 0.65f },  /* pale green, hatched */
	{ 0.40f, 0.40f, 0.40f },
	{ 0.85f, 0.85f, 0.85f },
};
#define NR_STYLES (sizeof(series_rgb) / sizeof(series_rgb[0]))

void chart_ticks(double max, int most, double *step, double *top)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag;
	size_t i;

	if (!(max > 0))
		max = 1;
	if (most < 1)
		most = 1;
	raw = max / most;
	mag = pow(10, floor(log10(raw)));
	*step = 10 * mag;
	for (i = 0; i < sizeof(nice) / sizeof(nice[0]); i++)
		if (nice[i] * mag >= raw * (1 - 1e-9)) {
			*step = nice[i] * mag;
			break;
		}
	*top = ceil(max / *step - 1e-9) * *step;
	if (*top < *step)
		*top = *step;
}

static int decimals_of_step(double step)
{
	int d = 0;

	while (d < 4 && fabs(step * pow(10, d) - floor(step * pow(10, d) + 0.5)) > 1e-6)
		d++;
	return d;
}

/* Diagonal hatching over the rectangle, in white, for the odd series. */
static void hatch(HPDF_Page p, float x, float y, float w, float h)
{
	float d;

	if (w < 1 || h < 1)
		return;
	HPDF_Page_GSave(p);
	HPDF_Page_Rectangle(p, x, y, w, h);
	HPDF_Page_Clip(p);
	HPDF_Page_EndPath(p);
	HPDF_Page_SetGrayStroke(p, 0.25f);
	HPDF_Page_SetLineWidth(p, 0.5f);
	for (d = -h; d < w; d += 4) {
		HPDF_Page_MoveTo(p, x + d, y);
		HPDF_Page_LineTo(p, x + d + h, y + h);
	}
	HPDF_Page_Stroke(p);
	HPDF_Page_GRestore(p);
}

static void bar(HPDF_Page p, size_t s, float x, float y, float w, float h)
{
	const float *c = series_rgb[s % NR_STYLES];

	if (h <= 0)
		return;
	HPDF_Page_SetRGBFill(p, c[0], c[1], c[2]);
	HPDF_Page_SetGrayStroke(p, 0.1f);
	HPDF_Page_SetLineWidth(p, 0.5f);
	HPDF_Page_Rectangle(p, x, y, w, h);
	HPDF_Page_FillStroke(p);
	if (s % 2)
		hatch(p, x, y, w, h);
}

/* A line's marker: circle, square, triangle, diamond, then again. */
static void marker(HPDF_Page p, size_t s, float x, float y, float r)
{
	const float *c = series_rgb[s % NR_STYLES];

	HPDF_Page_SetRGBFill(p, c[0], c[1], c[2]);
	HPDF_Page_SetGrayStroke(p, 0.1f);
	HPDF_Page_SetDash(p, NULL, 0, 0);
	switch (s % 4) {
	case 0:
		HPDF_Page_Circle(p, x, y, r);
		break;
	case 1:
		HPDF_Page_Rectangle(p, x - r, y - r, 2 * r, 2 * r);
		break;
	case 2:
		HPDF_Page_MoveTo(p, x - r * 1.1f, y - r);
		HPDF_Page_LineTo(p, x + r * 1.1f, y - r);
		HPDF_Page_LineTo(p, x, y + r * 1.1f);
		HPDF_Page_ClosePath(p);
		break;
	default:
		HPDF_Page_MoveTo(p, x, y - r * 1.3f);
		HPDF_Page_LineTo(p, x + r * 1.3f, y);
		HPDF_Page_LineTo(p, x, y + r * 1.3f);
		HPDF_Page_LineTo(p, x - r * 1.3f, y);
		HPDF_Page_ClosePath(p);
		break;
	}
	HPDF_Page_FillStroke(p);
}

static void line_dash(HPDF_Page p, size_t s)
{
	static const HPDF_UINT16 dash[][2] = { { 0, 0 }, { 6, 3 }, { 2, 2 }, { 8, 2 } };

	if (s % 4 == 0)
		HPDF_Page_SetDash(p, NULL, 0, 0);
	else
		HPDF_Page_SetDash(p, dash[s % 4], 2, 0);
}

/* The key of a series (what its bars or lines look like) at x, y (PDF). */
static void swatch(const struct chart *c, HPDF_Page p, size_t s, float x, float y, float size)
{
	if (c->kind == CHART_LINES) {
		const float *rgb = series_rgb[s % NR_STYLES];

		HPDF_Page_SetRGBStroke(p, rgb[0], rgb[1], rgb[2]);
		HPDF_Page_SetLineWidth(p, 1.5f);
		line_dash(p, s);
		HPDF_Page_MoveTo(p, x, y);
		HPDF_Page_LineTo(p, x + size * 1.6f, y);
		HPDF_Page_Stroke(p);
		HPDF_Page_SetLineWidth(p, 0.6f);
		marker(p, s, x + size * 0.8f, y, size * 0.22f);
	} else {
		bar(p, s, x, y - size * 0.3f, size * 1.6f, size * 0.6f);
	}
}

/* Text in black, whatever the last bar was filled with. */
static void label(struct layout *l, float x, float y, float size, const char *text)
{
	HPDF_Page_SetGrayFill(l->page, 0);
	layout_text_at(l, x, y, FACE_REGULAR, size, text);
}

static double category_total(const struct chart *c, size_t k)
{
	double t = 0;
	size_t s;

	for (s = 0; s < c->nr_series; s++)
		if (!isnan(c->series[s].values[k]))
			t += c->series[s].values[k];
	return t;
}

/* v as drawn: at most the cap. */
static double drawn(const struct chart *c, double v)
{
	return c->cap > 0 && v > c->cap ? c->cap : v;
}

/* 1 if series s draws something: a bar above 0, or a point of a line. */
static int series_drawn(const struct chart *c, size_t s)
{
	size_t k;

	for (k = 0; k < c->nr_labels; k++) {
		double v = c->series[s].values[k];

		if (!isnan(v) && (c->kind == CHART_LINES || v > 0))
			return 1;
	}
	return 0;
}

static int marks_drawn(const struct chart *c)
{
	size_t k;

	for (k = 0; c->marks && k < c->nr_labels; k++)
		if (!isnan(c->marks[k]))
			return 1;
	return 0;
}

/* The largest value drawn (capped), marks and the reference line included. */
static double largest(const struct chart *c)
{
	double max = 0;
	size_t k, s;

	for (k = 0; k < c->nr_labels; k++) {
		if (c->kind == CHART_STACKED) {
			if (category_total(c, k) > max)
				max = category_total(c, k);
		} else {
			for (s = 0; s < c->nr_series; s++)
				if (!isnan(c->series[s].values[k]) &&
				    drawn(c, c->series[s].values[k]) > max)
					max = drawn(c, c->series[s].values[k]);
		}
		if (c->marks && !isnan(c->marks[k]) && drawn(c, c->marks[k]) > max)
			max = drawn(c, c->marks[k]);
	}
	if (!isnan(c->reference) && c->reference > max)
		max = c->reference;
	return max;
}

/*
 * The chart's height where it falls: as asked if it fits under the
 * cursor; the room left if that is 85 % of it or more (the chart
 * stays on its table's page); else on a new page, at least 60 % of the
 * text height, so that no page holds one squat chart.
 */
static float fit_height(struct layout *l, float want)
{
	float page = l->height - 2 * l->margin, room;

	if (!l->page) {
		layout_need(l, want);
		page = l->height - 2 * l->margin;
		return want > page * 0.6f ? want : page * 0.6f;
	}
	room = l->height - l->margin - l->y;
	if (room >= want)
		return want;
	if (room >= want * 0.85f)
		return room;
	layout_new_page(l, l->width > l->height);
	return want > page * 0.6f ? want : page * 0.6f;
}

/* A short horizontal line: a target mark, or its key in the legend. */
static void mark_line(HPDF_Page p, float x, float y, float w)
{
	HPDF_Page_SetDash(p, NULL, 0, 0);
	HPDF_Page_SetGrayStroke(p, 0);
	HPDF_Page_SetLineWidth(p, 2.5f);
	HPDF_Page_MoveTo(p, x, y);
	HPDF_Page_LineTo(p, x + w, y);
	HPDF_Page_Stroke(p);
}

/* The legend: one row of keys, right-aligned at the top, of what is drawn. */
static void legend(struct layout *l, const struct chart *c, float x0, float width,
		   float top, float size)
{
	HPDF_Page p = l->page;
	float lx = x0 + width, key = size * 1.6f + 4;
	size_t s;

	if (marks_drawn(c) && c->marks_name) {
		lx -= layout_text_width(l, FACE_REGULAR, size, c->marks_name);
		label(l, lx, top + size * 1.1f, size, c->marks_name);
		lx -= key;
		mark_line(p, lx, l->height - top - size * 0.75f, size * 1.6f);
		lx -= 12;
	}
	for (s = c->nr_series; s-- > 0;) {
		if (!series_drawn(c, s))
			continue;
		lx -= layout_text_width(l, FACE_REGULAR, size, c->series[s].name);
		label(l, lx, top + size * 1.1f, size, c->series[s].name);
		lx -= key;
		swatch(c, p, s, lx, l->height - top - size * 0.75f, size);
		lx -= 12;
	}
}

/*
 * A category's label under the axis, centred in its slot, at most three
 * lines (a longer one loses what follows); returns its height.
 */
#define LABEL_LINES 3
#define LABEL_GAP 8.0f   /* points between two categories' labels */
static float category_label(struct layout *l, const char *text, float x, float top,
			    float w, float size, int draw)
{
	char **lines = NULL;
	size_t all = layout_wrap(l, FACE_REGULAR, size, w, 0, text, &lines), i;
	size_t n = all < LABEL_LINES ? all : LABEL_LINES;
	float lh = size * LAYOUT_LINE_HEIGHT;

	for (i = 0; draw && i < n; i++) {
		float tw = layout_text_width(l, FACE_REGULAR, size, lines[i]);

		label(l, x + (w - tw) / 2, top + lh * (float)i + size, size, lines[i]);
	}
	layout_free_lines(lines, all);
	return lh * (float)n;
}

/* The category labels' height: the tallest. */
static float labels_height(struct layout *l, const struct chart *c, float slot, float size)
{
	float h = 0;
	size_t k;

	for (k = 0; k < c->nr_labels; k++) {
		float b = category_label(l, c->labels[k], 0, 0, slot - LABEL_GAP, size, 0);

		if (b > h)
			h = b;
	}
	return h + 4;
}

void chart_draw(struct layout *l, const struct chart *c)
{
	float size = c->size > CHART_MIN_SIZE ? c->size : CHART_MIN_SIZE;
	float lh = size * LAYOUT_LINE_HEIGHT;
	float x0, width, top, height, axis_w = 0, legend_h, label_h, over_h = 0;
	float plot_x, plot_w, plot_top, plot_bottom, slot;
	double step, axis_top;
	HPDF_Page p;
	size_t k, s, i;
	int ticks, decimals;
	struct strbuf sb;

	height = fit_height(l, c->height);
	p = l->page;
	x0 = layout_left(l) + l->col_x;
	width = layout_text_area(l);
	top = l->y;
	chart_ticks(largest(c), 5, &step, &axis_top);
	ticks = (int)floor(axis_top / step + 0.5);
	decimals = decimals_of_step(step);
	strbuf_init(&sb);
	for (i = 0; i <= (size_t)ticks; i++) {
		float w;

		strbuf_reset(&sb);
		thai_format_number(&sb, step * (double)i, decimals, 0);
		w = layout_text_width(l, FACE_REGULAR, size, sb.buf);
		if (w > axis_w)
			axis_w = w;
	}
	axis_w += 6;

	legend(l, c, x0, width, top, size);
	legend_h = lh;
	if (c->axis_title) {
		label(l, x0, top + legend_h + size * 1.1f, size, c->axis_title);
		legend_h += lh;
	}
	/* room above the top tick for the labels of capped values */
	if (c->cap > 0)
		over_h = lh;

	plot_x = x0 + axis_w;
	plot_w = width - axis_w - (c->reference_name ? layout_text_width(l, FACE_REGULAR,
									 size, c->reference_name) + 4 : 0);
	slot = c->nr_labels ? plot_w / (float)c->nr_labels : plot_w;
	label_h = labels_height(l, c, slot, size);
	plot_top = top + legend_h + size * 0.5f + over_h;
	plot_bottom = top + height - label_h;

	/* grid and value axis */
	HPDF_Page_GSave(p);
	for (i = 0; i <= (size_t)ticks; i++) {
		float y = plot_bottom - (plot_bottom - plot_top) * (float)i / (float)ticks;
		float w;

		HPDF_Page_SetGrayStroke(p, i ? 0.8f : 0.0f);
		HPDF_Page_SetLineWidth(p, i ? 0.4f : 0.8f);
		HPDF_Page_MoveTo(p, plot_x, l->height - y);
		HPDF_Page_LineTo(p, plot_x + plot_w, l->height - y);
		HPDF_Page_Stroke(p);
		strbuf_reset(&sb);
		thai_format_number(&sb, step * (double)i, decimals, 0);
		w = layout_text_width(l, FACE_REGULAR, size, sb.buf);
		label(l, plot_x - 4 - w, y + size * 0.3f, size, sb.buf);
	}
	HPDF_Page_SetGrayStroke(p, 0);
	HPDF_Page_SetLineWidth(p, 0.8f);
	HPDF_Page_MoveTo(p, plot_x, l->height - plot_top);
	HPDF_Page_LineTo(p, plot_x, l->height - plot_bottom);
	HPDF_Page_Stroke(p);

#define Y_OF(v) (l->height - plot_bottom + (float)((v) / axis_top) * (plot_bottom - plot_top))
	for (k = 0; k < c->nr_labels; k++) {
		float sx = plot_x + slot * (float)k;

		if (c->kind == CHART_BARS && c->nr_series) {
			float group = slot * 0.7f, bw = group / (float)c->nr_series;

			for (s = 0; s < c->nr_series; s++) {
				double v = c->series[s].values[k];
				float bx = sx + slot * 0.15f + bw * (float)s;

				if (isnan(v))
					continue;
				bar(p, s, bx, Y_OF(0), bw, Y_OF(drawn(c, v)) - Y_OF(0));
				if (drawn(c, v) < v) {
					float w;

					strbuf_reset(&sb);
					thai_format_number(&sb, v, 0, 0);
					w = layout_text_width(l, FACE_REGULAR, size, sb.buf);
					label(l, bx + bw / 2 - w / 2,
					      l->height - Y_OF(c->cap) - size * 0.3f, size, sb.buf);
				}
			}
		} else if (c->kind == CHART_STACKED) {
			double base = 0;

			for (s = 0; s < c->nr_series; s++) {
				double v = c->series[s].values[k];

				if (isnan(v) || v <= 0)
					continue;
				bar(p, s, sx + slot * 0.25f, Y_OF(base), slot * 0.5f,
				    Y_OF(base + v) - Y_OF(base));
				base += v;
			}
		}
		if (c->marks && !isnan(c->marks[k]))
			mark_line(p, sx + slot * 0.08f, Y_OF(drawn(c, c->marks[k])), slot * 0.84f);
		category_label(l, c->labels[k], sx + LABEL_GAP / 2, plot_bottom + 2, slot - LABEL_GAP,
			       size, 1);
	}
	if (c->kind == CHART_LINES) {
		for (s = 0; s < c->nr_series; s++) {
			const float *rgb = series_rgb[s % NR_STYLES];
			int pen = 0, path = 0;

			HPDF_Page_SetRGBStroke(p, rgb[0], rgb[1], rgb[2]);
			HPDF_Page_SetLineWidth(p, 1.5f);
			line_dash(p, s);
			for (k = 0; k < c->nr_labels; k++) {
				double v = c->series[s].values[k];
				float x = plot_x + slot * ((float)k + 0.5f);

				if (isnan(v)) {
					pen = 0;
					continue;
				}
				if (pen)
					HPDF_Page_LineTo(p, x, Y_OF(v));
				else
					HPDF_Page_MoveTo(p, x, Y_OF(v));
				pen = path = 1;
			}
			/* a series with no point at all (an area with nothing
			   reported yet) draws nothing: libharu refuses an empty stroke */
			if (path)
				HPDF_Page_Stroke(p);
			HPDF_Page_SetLineWidth(p, 0.6f);
			for (k = 0; k < c->nr_labels; k++)
				if (!isnan(c->series[s].values[k]))
					marker(p, s, plot_x + slot * ((float)k + 0.5f),
					       Y_OF(c->series[s].values[k]), size * 0.22f);
		}
		HPDF_Page_SetDash(p, NULL, 0, 0);
	}
	if (!isnan(c->reference)) {
		static const HPDF_UINT16 dash[] = { 4, 3 };
		float y = Y_OF(c->reference);

		HPDF_Page_SetGrayStroke(p, 0);
		HPDF_Page_SetLineWidth(p, 1);
		HPDF_Page_SetDash(p, dash, 2, 0);
		HPDF_Page_MoveTo(p, plot_x, y);
		HPDF_Page_LineTo(p, plot_x + plot_w, y);
		HPDF_Page_Stroke(p);
		HPDF_Page_SetDash(p, NULL, 0, 0);
		if (c->reference_name)
			label(l, plot_x + plot_w + 4, l->height - y + size * 0.3f, size,
			      c->reference_name);
	}
#undef Y_OF
	HPDF_Page_GRestore(p);
	HPDF_Page_SetGrayFill(p, 0);
	HPDF_Page_SetGrayStroke(p, 0);
	strbuf_release(&sb);
	l->y = top + height;
}

static int is_offset(const size_t *at, size_t n, size_t off)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (at[i] == off)
			return 1;
	return 0;
}

char *chart_short_label(struct thai_breaker *tb, const char *name, size_t max)
{
	static const char *const generic[] = {
		"โครงการ", "ระดับความสำเร็จของ", "ร้อยละของ", "จำนวน",
	};
	static const char *const trailing[] = {
		"และ", "เพื่อ", "ของ", "ใน", "ที่", "การ", "ความ", "ด้วย", "ตาม", "สถาน", "ระดับ",
	};
	size_t *at = NULL, n, i, cps = 0, cut = 0, len;
	const char *s = name, *q;

	for (i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
		len = strlen(generic[i]);
		if (!strncmp(s, generic[i], len) && s[len] && s[len] != ' ') {
			s += len;
			break;
		}
	}
	len = strlen(s);
	for (q = s; *q; q++)
		cps += ((unsigned char)*q & 0xC0) != 0x80;
	if (cps <= max)
		return xstrdup(s);
	n = thai_break_offsets(tb, s, &at);
	/* the last boundary within max code points */
	for (i = 0; i < n; i++) {
		size_t c = 0;

		for (q = s; q < s + at[i]; q++)
			c += ((unsigned char)*q & 0xC0) != 0x80;
		if (c > max)
			break;
		cut = at[i];
	}
	if (!cut) {
		/* no boundary that soon: max characters, a mark kept with its letter */
		size_t c = 0;
		unsigned cp = 0;

		while (cut < len) {
			size_t k = thai_utf8_decode(s + cut, &cp);

			if (c >= max && !thai_is_mark(cp))
				break;
			c += !thai_is_mark(cp);
			cut += k;
		}
	}
	while (cut && s[cut - 1] == ' ')
		cut--;
	/* a label does not end on a word that leads into what was cut (a word
	   of its own, not the end of a longer one) */
	for (i = 0; i < sizeof(trailing) / sizeof(trailing[0]); i++) {
		size_t t = strlen(trailing[i]);

		if (cut > t && !memcmp(s + cut - t, trailing[i], t) &&
		    (s[cut - t - 1] == ' ' || is_offset(at, n, cut - t))) {
			cut -= t;
			i = (size_t)-1;
			while (cut && s[cut - 1] == ' ')
				cut--;
		}
	}
	free(at);
	{
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_add(&sb, s, cut);
		return strbuf_detach(&sb);
	}
}
