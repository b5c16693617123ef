/*
 * chart.h - charts drawn as vectors on a layout's page.
 *
 * Bars (grouped or stacked) and lines over a row of categories, with a
 * value axis whose ticks fall on round numbers, a legend, and labels set
 * through the layout (Thai shaping, the document's digits), never smaller
 * than CHART_MIN_SIZE.  The axis ends at the first round tick at or above
 * the largest value drawn; a value over the chart's cap is drawn at the
 * cap and labelled with what it is.  A target is a mark (a short line
 * across its category's bars, or one dashed reference line), not a bar of
 * its own; the legend lists only what is drawn.  Each series
 * is told apart by more than its colour: bars by grey level and hatching,
 * lines by marker shape and dash, so a chart still reads when printed in
 * black and white.
 */
#ifndef TIDTAM_CHART_H
#define TIDTAM_CHART_H

#include <stddef.h>

struct layout;
struct thai_breaker;

#define CHART_MIN_SIZE 12.0f       /* points: the smallest chart text */

enum chart_kind {
	CHART_BARS,     /* a bar per series in each category, side by side */
	CHART_STACKED,  /* the series stacked into one bar per category */
	CHART_LINES,    /* a line per series through the categories */
};

struct chart_series {
	const char *name;          /* in the legend */
	const double *values;      /* one per category; NAN: no value */
};

struct chart {
	enum chart_kind kind;
	const char *const *labels; /* one per category, under the axis */
	size_t nr_labels;
	const struct chart_series *series;
	size_t nr_series;
	const char *axis_title;    /* above the value axis, or NULL */
	double reference;          /* a dashed line across at this value; NAN: none */
	const char *reference_name;/* its label at the right end, or NULL */
	const double *marks;       /* one per category: a target drawn as a line
				      across its bars (NAN: none); or NULL */
	const char *marks_name;    /* the marks in the legend */
	double cap;                /* > 0: values above it drawn at it, labelled
				      with their value; 0: none */
	float height;              /* points, legend and labels included; more
				      when the chart starts a page, less (not
				      under 85 %) to stay on its table's */
	float size;                /* of the labels, points (CHART_MIN_SIZE at least) */
};

/*
 * The nice ticks for values from 0 to max: the step (1, 2, 2.5 or 5 times
 * a power of ten) giving at most `most` intervals, and the axis top (a
 * multiple of the step at or above max).
 */
void chart_ticks(double max, int most, double *step, double *top);

/*
 * A category label from a long Thai name: the name without a first word
 * every such name has ("โครงการ", "ระดับความสำเร็จของ", "ร้อยละของ",
 * "จำนวน"), cut at the last word boundary (tb's) within max code points.
 * A new string, the caller's to free.
 */
char *chart_short_label(struct thai_breaker *tb, const char *name, size_t max);

/*
 * Draw c across the text area at the cursor (starting a new page if it
 * does not fit under it) and move the cursor below it.
 */
void chart_draw(struct layout *l, const struct chart *c);

#endif
