/*
 * specimen.h - a type specimen: the hard cases of Thai typesetting set
 * through the same text module as the reports, to be looked at (and
 * compared with HarfBuzz's hb-view) whenever the fonts or the module change.
 *
 * With a text file, it typesets that file instead, one paragraph a line,
 * and can log the lines it broke (for tests of copy-back and breaking).
 */
#ifndef TIDTAM_SPECIMEN_H
#define TIDTAM_SPECIMEN_H

struct framework;
struct tt_error;

struct specimen_options {
	const struct framework *fw;  /* its policy and indicator names, or NULL */
	const char *text_path;       /* typeset this file's lines instead */
	const char *lines_path;      /* write the typeset lines here, or NULL */
	float column;                /* text column width in points; 0: the page's */
	int justify;                 /* justify the text file's paragraphs */
	int thai_digits;
};

/* Write the specimen PDF to path.  0, or an error code with err. */
int specimen_render(const char *path, const struct specimen_options *opt,
		    struct tt_error *err);

#endif
