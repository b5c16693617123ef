/*
 * chart.c - bars and lines as PDF vector paths.
 */
#include <math.h>
#include <stdio.h>
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

void chart_draw(struct layout *l, const struct chart *c)
{
	float size = c->size > 0 ? c->size : 12;
	float lh = size * LAYOUT_LINE_HEIGHT;
	float x0 = layout_left(l) + l->col_x, width, top, axis_w = 0, legend_h, label_h;
	float plot_x, plot_w, plot_top, plot_bottom, slot;
	double max = 0, step, axis_top;
	HPDF_Page p;
	size_t k, s, i;
	int ticks, decimals;
	struct strbuf sb;

	layout_need(l, c->height);
	p = l->page;
	width = layout_text_area(l);
	top = l->y;
	for (k = 0; k < c->nr_labels; k++) {
		if (c->kind == CHART_STACKED) {
			if (category_total(c, k) > max)
				max = category_total(c, k);
			continue;
		}
		for (s = 0; s < c->nr_series; s++)
			if (!isnan(c->series[s].values[k]) && c->series[s].values[k] > max)
				max = c->series[s].values[k];
	}
	if (!isnan(c->reference) && c->reference > max)
		max = c->reference;
	chart_ticks(max * 1.05, 5, &step, &axis_top);
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

	/* the legend: one row of keys at the top, right-aligned */
	legend_h = lh;
	{
		float lx = x0 + width, key = size * 1.6f + 4;

		for (s = c->nr_series; s-- > 0;) {
			float w = layout_text_width(l, FACE_REGULAR, size, c->series[s].name);

			lx -= w;
			label(l, lx, top + size * 1.1f, size, c->series[s].name);
			lx -= key;
			swatch(c, p, s, lx, l->height - top - size * 0.75f, size);
			lx -= 12;
		}
	}
	if (c->axis_title) {
		label(l, x0, top + legend_h + size * 1.1f, size, c->axis_title);
		legend_h += lh;
	}

	/* category labels take up to two lines under the axis */
	label_h = 2 * lh;
	plot_x = x0 + axis_w;
	plot_w = width - axis_w - (c->reference_name ? layout_text_width(l, FACE_REGULAR,
									 size, c->reference_name) + 4 : 0);
	plot_top = top + legend_h + size * 0.5f;
	plot_bottom = top + c->height - label_h;
	slot = c->nr_labels ? plot_w / (float)c->nr_labels : plot_w;

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
		struct layout_style st;

		if (c->kind == CHART_BARS && c->nr_series) {
			float group = slot * 0.7f, bw = group / (float)c->nr_series;

			for (s = 0; s < c->nr_series; s++) {
				double v = c->series[s].values[k];

				if (!isnan(v))
					bar(p, s, sx + slot * 0.15f + bw * (float)s, Y_OF(0),
					    bw, Y_OF(v) - Y_OF(0));
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
		memset(&st, 0, sizeof(st));
		st.size = size;
		st.align = ALIGN_CENTER;
		st.line_height = LAYOUT_LINE_HEIGHT;
		HPDF_Page_SetGrayFill(p, 0);
		layout_block(l, sx + 1, plot_bottom + 2, slot - 2, &st, c->labels[k], 1);
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
	l->y = top + c->height;
}
