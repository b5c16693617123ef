/*
 * layout.h - pages, wrapped Thai text and tables on top of libharu.
 *
 * All text is UTF-8, drawn with the embedded Laksaman faces (the metric
 * twin of TH Sarabun New) through libharu's UTF-8 encoder, so that the PDF
 * carries a ToUnicode map and pdftotext gives the Thai back.  Lines break at
 * libthai's word boundaries and at spaces.  A layout keeps a cursor (y, in
 * points from the top of the page) and starts a new page when content would
 * run past the bottom margin; tables repeat their header row there.
 */
#ifndef TIDTAM_LAYOUT_H
#define TIDTAM_LAYOUT_H

#include <hpdf.h>

struct thai_breaker;
struct tt_error;

enum layout_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

struct layout {
	HPDF_Doc pdf;
	HPDF_Font regular, bold;
	HPDF_Page page;              /* current page, NULL before the first */
	float width, height;         /* of the current page, points */
	float margin;                /* all four sides */
	float y;                     /* cursor: points from the top edge */
	int page_no;
	char footer[768];            /* left part of every page's footer */
	struct thai_breaker *breaker;
	HPDF_STATUS failure;         /* first libharu error, 0 if none */
};

struct layout_column {
	const char *title;
	float width;                 /* points */
	enum layout_align align;
};

/*
 * Start a document with the fonts in font_dir (NULL: the Debian location
 * of fonts-tlwg-laksaman-ttf, or $TIDTAM_FONT_DIR).  0 or TT_EIO with err.
 */
int layout_open(struct layout *l, const char *font_dir, struct tt_error *err);

/* Free everything; l may be half-opened. */
void layout_close(struct layout *l);

/* Document title, author and creation date (reproducible: from the data). */
void layout_set_info(struct layout *l, const char *title, const char *author,
		     int year, int month, int day);

/* Start a new A4 page, portrait or landscape; the cursor goes to the top. */
void layout_new_page(struct layout *l, int landscape);

/* Width in points of text set in the regular or bold face at size. */
float layout_text_width(struct layout *l, int bold, float size, const char *text);

/* Draw one line of text with its baseline at y (from the top). */
void layout_text_at(struct layout *l, float x, float y, int bold, float size,
		    const char *text);

/*
 * Split text into lines no wider than width.  Returns the number of lines;
 * *lines (an array of strings) is the caller's to free with
 * layout_free_lines().
 */
size_t layout_wrap(struct layout *l, int bold, float size, float width,
		   const char *text, char ***lines);
void layout_free_lines(char **lines, size_t n);

/*
 * A paragraph at the cursor, wrapped to the text width, aligned as asked;
 * new pages as needed.  The cursor moves below it.
 */
void layout_paragraph(struct layout *l, int bold, float size, enum layout_align align,
		      const char *text);

/* Move the cursor down; start a new page (same orientation) if past the end. */
void layout_space(struct layout *l, float points);

/* Start a new page if fewer than `points` are left above the bottom margin. */
void layout_need(struct layout *l, float points);

/*
 * A table: header row, then nr_rows rows of cells (row-major, ncols each),
 * each cell wrapped inside its column; rows grow to fit; the header is
 * repeated on each new page.
 */
void layout_table(struct layout *l, const struct layout_column *cols, size_t ncols,
		  char *const *cells, size_t nr_rows, float size);

/* Write the PDF to path (atomically).  0, or TT_EIO with err. */
int layout_save(struct layout *l, const char *path, struct tt_error *err);

#endif
