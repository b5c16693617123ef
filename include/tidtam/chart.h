/*
 * chart.h - charts drawn as vectors on a layout's page.
 *
 * Bars (grouped or stacked) and lines over a row of categories, with a
 * value axis whose ticks fall on round numbers, a legend, and labels set
 * through the layout (Thai shaping, the document's digits).  Each series
 * is told apart by more than its colour: bars by grey level and hatching,
 * lines by marker shape and dash, so a chart still reads when printed in
 * black and white.
 */
#ifndef TIDTAM_CHART_H
#define TIDTAM_CHART_H

#include <stddef.h>

struct layout;

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
	float height;              /* points, legend and labels included */
	float size;                /* of the labels, points */
};

/*
 * The nice ticks for values from 0 to max: the step (1, 2, 2.5 or 5 times
 * a power of ten) giving at most `most` intervals, and the axis top (a
 * multiple of the step at or above max).
 */
void chart_ticks(double max, int most, double *step, double *top);

/*
 * Draw c across the text area at the cursor (starting a new page if it
 * does not fit under it) and move the cursor below it.
 */
void chart_draw(struct layout *l, const struct chart *c);

#endif
