/*
 * practice.h - a best practice, an award or an outstanding work: the XML
 * form an analyst writes (templates/schema/practice.xsd, root <practice> in
 * the namespace urn:tidtam:practice:1) with the photographs it names.
 */
#ifndef TIDTAM_PRACTICE_H
#define TIDTAM_PRACTICE_H

#include <stddef.h>

struct tt_error;

/* The most bytes of a practice form read, and the most nodes it may hold. */
#define PRACTICE_MAX_BYTES (256u << 10)
#define PRACTICE_MAX_NODES 2000u

/* A photograph named by a practice: a file beside the form. */
struct practice_photo {
	char *file;               /* its name, as written (no folder) */
	char *caption;            /* white space collapsed; may be "" */
	long line;                /* of its <photo> element in the form */
};

struct practice {
	char *unit;               /* the office's or school's code, trimmed */
	int fiscal_year;          /* BE */
	char *kind;               /* best-practice | award | outstanding */
	char *title, *by;         /* white space collapsed */
	char **paragraphs;        /* each one paragraph, white space collapsed */
	size_t nr_paragraphs;
	struct practice_photo *photos;
	size_t nr_photos;
};

/*
 * Read the len bytes at data as a practice form (name: in messages),
 * checked against the XSD at schema_path.  Returns 0 with *out a new
 * practice (free with practice_free()), or TT_EPARSE with err set (issue
 * E-PRACTICE; E-TOOLARGE over PRACTICE_MAX_BYTES or _NODES), or TT_EIO
 * when the schema cannot be read.
 */
int practice_read_memory(const char *data, size_t len, const char *name,
			 const char *schema_path, struct practice **out, struct tt_error *err);

/* Free p and all it holds; p may be NULL. */
void practice_free(struct practice *p);

/* The Thai name of a kind: แนวปฏิบัติที่ดี, รางวัล, ผลงานดีเด่น ("" if unknown). */
const char *practice_kind_th(const char *kind);

/*
 * The path of a photo named file, beside the form at form_path (both
 * relative to the input folder): a new string the caller frees.
 */
char *practice_photo_path(const char *form_path, const char *file);

#endif
