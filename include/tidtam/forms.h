/*
 * forms.h - the blank forms schools fill in, made from the framework.
 *
 * `tidtam forms --fy 2567` writes under <output>/forms/<FY>/:
 *
 *   long-<FY>.csv    one row per indicator: code, Thai name and unit given,
 *                    the school fills in its code, the round and the value
 *   wide-<FY>.csv    one row per school (code and name given), one column
 *                    per school indicator by its exact Thai name, a
 *                    percentage as "(ตัวตั้ง)" and "(ตัวหาร)" columns
 *   forms-<FY>.xlsx  the wide form as a workbook: Thai headers, the header
 *                    row and school columns frozen, drop-down lists for
 *                    rounds, levels (1-5) and yes/no, number validation,
 *                    a prompt naming each indicator, and an instructions
 *                    sheet (คำแนะนำ)
 *   xml/<unit>.xml   an XML form skeleton for each school and office
 *   profile-<office>-<FY>.xml  the office profile (profile.h) to fill,
 *                    every part a commented example in Thai; valid as it is
 *
 * Text files are UTF-8 with a byte-order mark, so that Excel opens Thai
 * right.  Each form, filled in, goes back through ingest unchanged: its
 * headers are the aliases and names the readers know.
 */
#ifndef TIDTAM_FORMS_H
#define TIDTAM_FORMS_H

#include <sqlite3.h>

#include "tidtam/framework.h"

struct tt_error;

struct forms_unit {
	const char *code;
	const char *name;
	int is_school;            /* else the office */
};

enum forms_part { FORMS_VALUE, FORMS_NUMERATOR, FORMS_DENOMINATOR };

/*
 * What goes in a cell of a form: NULL (blank, as in the template) or the
 * text a submitter would type.  Lets a test fill the workbook the way a
 * school would; the program passes no filler.
 */
struct forms_fill {
	const char *(*value)(const struct forms_unit *unit, const struct indicator *ind,
			     enum forms_part part, void *ctx);
	const char *round;        /* the round to write in the rows given a
				     value, or NULL */
	void *ctx;
};

/* The wide form as a workbook at path; fill may be NULL.  0 or TT_EIO. */
int forms_write_xlsx(const struct framework *fw, const struct forms_unit *units,
		     size_t nr_units, const char *path, const struct forms_fill *fill,
		     struct tt_error *err);

struct forms_stats {
	int files;                /* forms written */
	int schools;
};

/*
 * Write every form of fiscal year fy under output_dir/forms/<fy>/, for the
 * units stored in db.  0, TT_ENOTFOUND if there is no framework for fy,
 * TT_EIO or TT_EDB.
 */
int forms_write_all(sqlite3 *db, int fy, const char *output_dir,
		    struct forms_stats *stats, struct tt_error *err);

#endif
