/*
 * layout.h - pages, Thai paragraphs and tables on top of libharu.
 *
 * Every string a report prints goes through here: UTF-8 in, then digits
 * (Arabic or Thai, per document), glyph choice (thai_shape(): lowered and
 * shifted marks, tailless ญ ฐ), widths measured from the font, lines broken
 * at libthai's word boundaries and at spaces, and drawn with the embedded
 * Laksaman faces (the metric twin of TH Sarabun New).
 *
 * What is drawn can always be copied back as the text that was typeset:
 * each font carries a ToUnicode map that takes the private-use glyph forms
 * back to the Thai characters they show (libharu's own map is not a valid
 * ToUnicode CMap), and a line whose words are spread apart (justified) or
 * that holds characters the font lacks is marked with its ActualText.
 *
 * A layout keeps a cursor (y, in points from the top of the page) and
 * starts a new page when content would run past the bottom margin; tables
 * repeat their header row there, and headings keep with what follows.
 */
#ifndef TIDTAM_LAYOUT_H
#define TIDTAM_LAYOUT_H

#include <stdio.h>

#include <hpdf.h>

struct thai_breaker;
struct tt_error;

/*
 * Line height in ems.  Laksaman's ink reaches 1.254 em above the baseline
 * (a tone stacked on an upper vowel) and 0.369 em below (SARA UU): lines
 * closer than 1.62 em let a stack touch the vowel under the line above.
 */
#define LAYOUT_LINE_HEIGHT 1.65f

enum layout_face { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC, NR_FACES };

enum layout_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

struct layout_style {
	int face;                    /* enum layout_face */
	float size;                  /* points */
	enum layout_align align;
	float indent;                /* of the first line, points */
	float line_height;           /* as a multiple of size; 0: LAYOUT_LINE_HEIGHT */
	float space_before, space_after;
	float keep;                  /* points of what follows that must fit on
					the same page (headings) */
	int whole_words;             /* lines break at spaces, after a '/' and
					inside Thai words, never inside a code,
					file name or number ("K-ACT",
					"1040210008-r12-fix.csv") */
};

struct layout {
	HPDF_Doc pdf;
	int shared;                  /* pdf is the process's shared document */
	HPDF_Font font[NR_FACES];    /* loaded when first used */
	int faces_loaded;            /* of them, so far */
	unsigned char *measured[NR_FACES]; /* a bit per BMP code point: the glyph
					measured in this document (NULL: none) */
	unsigned long doc;           /* this document's number in the process, from 1 */
	char font_dir[512];
	HPDF_Page page;              /* current page, NULL before the first */
	HPDF_Page *pages;            /* every page so far, pages[page_no - 1] */
	size_t alloc_pages;
	float width, height;         /* of the current page, points */
	float margin;                /* top and bottom, and the sides unless set */
	float margin_left, margin_right; /* 0: margin (a report's binding side:
					the left, wider) */
	float col_x, col_w;          /* paragraphs' column; col_w 0: the text area */
	float y;                     /* cursor: points from the top edge */
	int page_no;
	int thai_digits;             /* print digits as ๐-๙ */
	char footer[768];            /* left part of every page's footer; a
					newline starts its second line */
	int english_footer;          /* "Page N of M" instead of "หน้า N / M" */
	int no_footer_from;          /* pages before this one (from 1) have no
					footer, only the header line (a cover);
					0: every page has one */
	char header[1024];           /* the line at the top of every page: a draft
					mark or an approval, "" for none; a
					newline starts a second line */
	int page_number_top;         /* the page's number alone at the top
					centre, no footer; the header then
					goes at the top right when it is short
					(a draft mark), else at the page's foot */
	int no_cover_header;         /* no header on the pages before
					no_footer_from (a cover that says
					ร่าง itself) */
	struct layout_part {         /* documents bound in one file */
		int first;           /* its first page, from 1 */
		char *footer;        /* its footer's text, as footer above */
	} *parts;                    /* in page order; pages before the first
					part (none: every page) have footer */
	size_t nr_parts, alloc_parts;
	int nr_tables, nr_figures;   /* captions numbered so far */
	char *table_caption;         /* the next table's caption, drawn
					with it (layout_caption_table()) */
	struct layout_caption *captions; /* every caption, in order */
	size_t nr_captions, alloc_captions;
	FILE *line_log;              /* if set, each paragraph line as typeset */
	struct thai_breaker *breaker;
	HPDF_STATUS failure;         /* first libharu error, 0 if none */
};

/* A numbered caption: "ตารางที่ N ..." or "ภาพที่ N ...", and its page. */
struct layout_caption {
	int figure;                  /* 0: a table */
	int number;
	char *text;                  /* without "ตารางที่ N" */
	int page;
};

struct layout_column {
	const char *title;
	float width;                 /* points */
	enum layout_align align;
	unsigned flags;              /* enum layout_column_flag */
};

enum layout_column_flag {
	LAYOUT_MARKS = 1 << 0,       /* cells start with a mark: '0' + enum
					layout_mark, then the text */
	LAYOUT_VERBATIM = 1 << 1,    /* cells keep their digits as written (file
					names, paths, codes), Thai digits or not */
	LAYOUT_WHOLE_WORDS = 1 << 2, /* no code of a cell is broken (a run of
					Latin letters, digits and signs: codes,
					file names): the column widens as for
					figures; a path breaks after a '/',
					Thai text between its words */
	LAYOUT_CODES = LAYOUT_VERBATIM | LAYOUT_WHOLE_WORDS,
};

/*
 * Start a document with the Laksaman fonts in font_dir (NULL: the folder
 * named by $TIDTAM_FONT_DIR, else the first of Debian's location of
 * fonts-tlwg-laksaman-ttf, /usr/local/share/fonts/truetype/tlwg and
 * /usr/local/share/fonts that holds them).  0, or TT_EIO with err saying
 * where it looked and which package to install.
 */
int layout_open(struct layout *l, const char *font_dir, struct tt_error *err);

/* Free everything; l may be half-opened. */
void layout_close(struct layout *l);

/*
 * Let go of the document and faces the process's documents share, when no
 * layout is open: a worker forked from a process that made documents
 * starts from nothing, as a process of its own would, so that what it
 * makes does not depend on what its parent made before.
 */
void layout_forget_shared(void);

/*
 * Document title, author and creation date (reproducible: from the data).
 * Title and author are written as UTF-16 text strings, so readers show Thai.
 */
void layout_set_info(struct layout *l, const char *title, const char *author,
		     int year, int month, int day);

/*
 * Start a new A4 page, portrait or landscape; the cursor goes to the top.
 * Footers (the footer text and "หน้า N / M") are drawn when the document
 * is saved, when the number of pages is known.
 */
void layout_new_page(struct layout *l, int landscape);

/* Make page n (from 1) the current page again, to draw on it (a contents
 * page filled in at the end); the cursor goes to its top. */
void layout_goto_page(struct layout *l, int n);

/*
 * Start a part on a new page: the pages from it to the next part's first
 * (or the end) are numbered as a document of their own ("หน้า 1 / 2"),
 * with footer_text as their footer's text (a newline starts its second
 * line), so that several short documents can be bound in one file, each
 * printed and counted as if alone.
 */
void layout_new_part(struct layout *l, const char *footer_text);

/*
 * A bookmark (PDF outline entry) titled `title` pointing at the cursor on
 * the current page, under parent (NULL: at the top level).  Returns it, to
 * be the parent of others; NULL if libharu could not make it.
 */
HPDF_Outline layout_bookmark(struct layout *l, HPDF_Outline parent, const char *title);

/*
 * Draw the PNG at path in the box (x, top, w, h), keeping its proportions
 * and centred in the box.  0, or TT_EIO with err.
 */
int layout_image(struct layout *l, const char *path, float x, float top, float w,
		 float h, struct tt_error *err);

/*
 * Draw the image in the len bytes at data (a PNG, or a JPEG when jpeg is
 * 1; judged whole by image.h beforehand) in the box (x, top, w, h) of the
 * current page, keeping its proportions and centred in the box; the bytes
 * are copied into the document.  Returns 0, or TT_EINVAL with err when
 * libharu cannot read them (the document is still usable).
 */
int layout_image_memory(struct layout *l, const void *data, size_t len, int jpeg, float x,
			float top, float w, float h, struct tt_error *err);

/* Fill and stroke colours for the drawing that follows (0-1 each). */
void layout_rgb_fill(struct layout *l, float r, float g, float b);
void layout_rgb_stroke(struct layout *l, float r, float g, float b);

/*
 * A status mark: a shape that reads in black and white as well as in
 * colour, drawn size points wide with its left end at x and its middle on
 * the line at y (from the top).
 */
enum layout_mark {
	MARK_NONE,
	MARK_MET,       /* a filled green circle */
	MARK_NOT_MET,   /* a red square with a white cross */
	MARK_PENDING,   /* a hollow grey circle: no result yet */
};
void layout_mark(struct layout *l, enum layout_mark mark, float x, float y, float size);

/* x of the text area's left edge: the left margin. */
float layout_left(const struct layout *l);

/* Width of the column paragraphs are set in (the text area unless set). */
float layout_text_area(const struct layout *l);

/* Set paragraphs in a column x points from the left margin, w wide (0: all). */
void layout_set_column(struct layout *l, float x, float w);

/* Width in points of text set in a face at size. */
float layout_text_width(struct layout *l, int face, float size, const char *text);

/* Draw one line of text with its baseline at y (from the top). */
void layout_text_at(struct layout *l, float x, float y, int face, float size,
		    const char *text);

/*
 * Split text into lines no wider than width (the first line `indent`
 * narrower); a line breaks at a newline, else at the last word boundary
 * that fits, and inside a word only when that word alone is wider than the
 * line.  Returns the number of lines; *lines (the text of each, spaces at
 * the break dropped) is the caller's to free with layout_free_lines().
 */
size_t layout_wrap(struct layout *l, int face, float size, float width, float indent,
		   const char *text, char ***lines);
void layout_free_lines(char **lines, size_t n);

/* A paragraph at the cursor in the text area; new pages as needed. */
void layout_para(struct layout *l, const struct layout_style *st, const char *text);

/* The same, with a face, size and alignment and nothing else. */
void layout_paragraph(struct layout *l, int face, float size, enum layout_align align,
		      const char *text);

/*
 * A bold heading that starts a new page unless it and `keep` points of
 * what follows fit on this one (no heading alone at a page's foot).
 */
void layout_heading(struct layout *l, float size, const char *text, float keep);

/* The same, centred (a main heading: คำนำ, สารบัญ, a part's title). */
void layout_heading_centred(struct layout *l, float size, const char *text, float keep);

/*
 * Captions, numbered in one sequence each through the document.  The next
 * layout_table() draws "ตารางที่ N text" (bold label, centred) above its
 * header, on the page the table starts on; layout_caption_figure() draws
 * "ภาพที่ N text" at the cursor, under a figure just drawn.  Both are
 * listed in l->captions with their page, for the lists of tables and
 * figures; text is copied.
 */
void layout_caption_table(struct layout *l, const char *text);
void layout_caption_figure(struct layout *l, const char *text);

/*
 * Number and list a figure on the current page, in the same sequence,
 * without drawing its caption: for a figure that draws its own (a photo,
 * its caption under it).  Returns "ภาพที่ N  text" ("ภาพที่ N" if text is
 * empty), which the caller frees.
 */
char *layout_note_figure(struct layout *l, const char *text);

/*
 * Insert `count` portrait pages after page `after` (from 1; the document's
 * pages after it move down): the pages of a list made once the rest is
 * laid out.  Captions' page numbers move with their pages; the caller
 * moves any it keeps.  The cursor goes to the first page inserted.
 */
void layout_insert_pages(struct layout *l, int after, int count);

/*
 * A block of text at (x, top) in a box `width` wide, not following the
 * cursor and never breaking the page; returns its height.  Draws only when
 * draw is set (measure first, then draw).
 */
float layout_block(struct layout *l, float x, float top, float width,
		   const struct layout_style *st, const char *text, int draw);

/* Move the cursor down; start a new page (same orientation) if past the end. */
void layout_space(struct layout *l, float points);

/* Start a new page if fewer than `points` are left above the bottom margin. */
void layout_need(struct layout *l, float points);

/*
 * A table: header row, then nr_rows rows of cells (row-major, ncols each),
 * each cell wrapped inside its column, 3 points or more from its rules;
 * rows grow to fit; the header is repeated on each new page.  The columns'
 * widths are balanced from the content: the given widths' sum is the
 * table's width; a column of figures is made as wide as its widest figure
 * and its header on at most two lines, and the columns of text share the
 * rest by their natural widths.  No figure (a run of digits with its
 * separators and signs) is ever broken: if the figures do not fit, the
 * type gets smaller.  A table starts on a new page unless its caption,
 * header and first three rows (all, if fewer) fit on this one.
 */
void layout_table(struct layout *l, const struct layout_column *cols, size_t ncols,
		  char *const *cells, size_t nr_rows, float size);

/* The height a table would take if it fit on one page, header included. */
float layout_table_height(struct layout *l, const struct layout_column *cols, size_t ncols,
			  char *const *cells, size_t nr_rows, float size);

/*
 * Take into l's document the glyphs a table of these cells would measure
 * (its titles in bold, its cells as layout_table() sets them), without
 * laying anything out: a caller that measured such a table in another
 * document and takes the result of that gives this document the same font
 * subsets as measuring it here would.
 */
void layout_table_glyphs(struct layout *l, const struct layout_column *cols, size_t ncols,
			 char *const *cells, size_t nr_rows);

/*
 * 1 when a table of ncols columns and nr_rows rows set at `size` is surely
 * taller than `room` whatever its cells (layout_table_height() would say
 * more than room): each row, the header's too, takes at least a line of
 * the smallest type the table's fitting may come down to, and its
 * padding.  0 when it may not be: then only layout_table_height() can say.
 * It measures nothing, so a caller that skips measuring a table by it and
 * would have measured its cells calls layout_table_glyphs() for them.
 */
int layout_table_taller(size_t ncols, size_t nr_rows, float size, float room);

/*
 * Draw the footers, then write the PDF to path (atomically).  0, or TT_EIO
 * with err.
 */
int layout_save(struct layout *l, const char *path, struct tt_error *err);

/*
 * Draw the footers and give the PDF's bytes (*buf, the caller's to free,
 * *len), for a caller that writes them itself (a tt_batch).  0, or TT_EIO
 * with err.
 */
int layout_pdf_bytes(struct layout *l, char **buf, size_t *len, struct tt_error *err);

#endif
