/*
 * framework.h - the monitoring framework of one fiscal year.
 *
 * A framework declares the policy areas (นโยบาย), their strategies (กลยุทธ์)
 * and indicators (ตัวชี้วัด), the work groups responsible for them, and the
 * reporting rounds with their deadlines.  It is written as XML
 * (templates/schema/framework.xsd), checked against the schema and then for
 * what a schema cannot say (an aggregation that fits the value type, groups
 * that exist).  A loaded framework is immutable; every string in it is owned
 * by the struct framework and lives until framework_free().
 */
#ifndef TIDTAM_FRAMEWORK_H
#define TIDTAM_FRAMEWORK_H

#include <stddef.h>

#include "tidtam/period.h"

struct tt_error;

/*
 * The largest framework taken, checked before it is parsed (framework_parse(),
 * framework_check()) and, from a file, before it is read (framework_load(),
 * ingest): 2 MiB and 100,000 elements and attributes (xmlutil.h counts them).
 * A national framework of 1,000 indicators with their rules is some 500 kB
 * and 16,000 of them (the demo's 26 indicators are 12 kB and 419).  Over a limit:
 * TT_EPARSE, issue E-TOOLARGE.
 */
#define FRAMEWORK_MAX_BYTES (2u << 20)
#define FRAMEWORK_MAX_NODES 100000u

enum value_type {
	VALUE_NUMBER,  /* a count or amount */
	VALUE_PERCENT, /* numerator / denominator, shown as a percentage */
	VALUE_LEVEL,   /* success level 1-5 (ระดับความสำเร็จ) */
	VALUE_YESNO,   /* yes (มี/ใช่) or no (ไม่มี/ไม่ใช่) */
	VALUE_TEXT     /* narrative, not aggregated */
};

enum aggregation {
	AGG_SUM,       /* sum of the schools' values */
	AGG_MEAN,      /* mean of the schools' values (percent: of their percentages) */
	AGG_RATIO,     /* sum of numerators / sum of denominators (percent only) */
	AGG_MIN,
	AGG_MAX,
	AGG_COUNT_YES, /* how many said yes (yes/no only) */
	AGG_NONE       /* text */
};

enum direction { DIRECTION_HIGHER, DIRECTION_LOWER };
enum submitter { SUBMITTER_SCHOOL, SUBMITTER_OFFICE };

struct group {
	char *code;
	char *name;
};

/*
 * A dimension of results other than the OBEC policy (มาตรฐานสำนักงานเขตพื้นที่
 * การศึกษา, คำรับรองการปฏิบัติราชการ, ITA ...): a set of policy areas the
 * annual report prints as a part of its own.
 */
struct dimension {
	char *code;
	char *name;               /* มาตรฐานสำนักงานเขตพื้นที่การศึกษา */
	char *title;              /* the part's title: as written, or
				     "ผลการดำเนินงานตาม" and the name */
};

/* policy_area.dimension of the areas of the OBEC policy (no dimension attribute) */
#define DIMENSION_POLICY ((size_t)-1)

struct policy_area {
	char *code;
	char *name;
	size_t dimension;         /* index into framework.dimensions, or
				     DIMENSION_POLICY */
};

struct strategy {
	char *code;
	char *name;
	size_t policy_area; /* index into framework.areas */
};

struct indicator {
	char *code;
	char *name;
	char *unit;               /* ร้อยละ, ระดับ, คน, โรง, บาท ... */
	char *short_name;         /* a short name for chart labels (attribute
				     short, "อุบัติเหตุ"), or NULL */
	enum value_type type;
	enum aggregation aggregation;
	int cumulative;           /* values reported are running totals since 1 Oct */
	int has_target;
	double target;
	char *target_text;        /* the target as the framework writes it ("0.8",
				     "12.5", "20"), NULL when it has none */
	enum direction direction;
	size_t group;             /* index into framework.groups */
	enum submitter submitter;
	unsigned rounds;          /* bit (months/3 - 1) set for each round reported */
	int required;
	int headline;             /* 0, or its place among the indicators the
				     reports pick (attribute headline: a number,
				     or "true" for after the numbered ones) */
	size_t strategy;          /* index into framework.strategies */
	size_t policy_area;       /* index into framework.areas */
	/* per-indicator rules (attributes min, max, integer, values, jump, outlier-k) */
	int has_min, has_max;
	double min, max;          /* allowed range of the value */
	int integer;              /* the value must be a whole number */
	char **allowed;           /* the only values allowed, as written; NULL: any */
	size_t nr_allowed;
	double jump;              /* warn when the value changes by more than this
				     factor from the previous round (0: never) */
	double outlier_k;         /* warn outside median ± k·MAD of the peers (0: never;
				     default 3) */
};

enum rule_severity { RULE_ERROR, RULE_WARNING };

/*
 * A cross-value rule: test (expr.h) must hold for the values of one unit
 * and round.  Its messages may name values as {CODE}, {CODE.num} ...,
 * filled in when the rule fails.
 */
struct rule {
	char *code;               /* stable, e.g. R-QUAL01-RATIO */
	enum rule_severity severity;
	char *test;               /* as written */
	struct expr *expr;        /* parsed, checked against the indicators */
	char *message_th, *message_en; /* en may be NULL */
	long line;                /* in the framework XML */
};

struct round {
	int months;               /* 3, 6, 9, 12 */
	struct tt_date deadline;
};

struct framework {
	int fiscal_year;          /* BE */
	char *title;
	char *sheet;              /* workbook sheet to read, or NULL for all */
	struct round rounds[4];
	size_t nr_rounds;
	struct group *groups;
	size_t nr_groups;
	struct dimension *dimensions; /* in document order */
	size_t nr_dimensions;
	struct policy_area *areas;
	size_t nr_areas;
	struct strategy *strategies;
	size_t nr_strategies;
	struct indicator *indicators; /* in document order */
	size_t nr_indicators;
	/* the indicators sorted by code (then document order), once parsed: framework_indicator() */
	const struct indicator **by_code;
	struct rule *rules;
	size_t nr_rules;
};

/*
 * Parse a framework from len bytes of xml.  name is used in messages.  If
 * schema_path is not NULL the document is first validated against it.
 * Returns a framework the caller frees with framework_free(), or NULL with
 * err set (row = line in the XML).  A rule that does not parse, is not a
 * condition or names an unknown indicator is an error here, at load time,
 * naming its line and the column in its test.
 */
struct framework *framework_parse(const char *xml, size_t len, const char *name,
				  const char *schema_path, struct tt_error *err);

/*
 * Every problem of the framework in len bytes of xml, each added to out
 * with its line as a Thai and an English sentence (xmlutil.h): XML that is
 * not well-formed, what the schema at schema_path finds (if not NULL), and
 * what a schema cannot say.  Errors: an aggregation that does not fit the
 * value type, a missing target, a target on a text indicator, a level
 * target outside 1-5, min above max, an undeclared group, a round declared
 * twice, an indicator reported at a round the framework lacks (by its
 * rounds, or by the default 3 6 9 12 when it gives none), a deadline
 * before the fiscal year begins, not after the deadline of the round
 * before it, or before its round's last month; a rule that does not parse,
 * compares nothing, has no Thai message or names indicators the framework
 * lacks; a policy area naming a dimension not declared in <dimensions>, a
 * dimension or a policy area declared twice.  Warnings (item.warning set):
 * a dimension no policy area belongs to, a deadline in its round's last
 * month or more than six months after the round ends, a headline number
 * given twice, direction="lower" on a text indicator, a percentage target
 * between 0 and 1 when higher is better.  Returns 0 when there is no error
 * (warnings may have been added), TT_EPARSE when errors were added, TT_EIO
 * (err set) when the schema cannot be loaded.  framework_parse() with a
 * schema fails with the first error; warnings do not stop it.
 */
struct xml_problems;
int framework_check(const char *xml, size_t len, const char *name, const char *schema_path,
		    struct xml_problems *out, struct tt_error *err);

/* framework_parse() on the file at path, refused unread over FRAMEWORK_MAX_BYTES. */
struct framework *framework_load(const char *path, const char *schema_path,
				 struct tt_error *err);

void framework_free(struct framework *fw);

/*
 * The indicator with this code (the first, in document order), or NULL:
 * by binary search over fw->by_code.  Borrowed from fw.
 */
const struct indicator *framework_indicator(const struct framework *fw,
					    const char *code);

/* The indicator whose Thai name is exactly name, or NULL. */
const struct indicator *framework_indicator_by_name(const struct framework *fw,
						    const char *name);

/* The index of the dimension with this code, or DIMENSION_POLICY. */
size_t framework_dimension(const struct framework *fw, const char *code);

/* The round of `months`, or NULL if the framework has no such round. */
const struct round *framework_round(const struct framework *fw, int months);

/* 1 if ind is reported at the round of `months`. */
int indicator_due(const struct indicator *ind, int months);

/* Names as written in the XML: "percent", "count-yes", ... */
const char *value_type_name(enum value_type t);
const char *aggregation_name(enum aggregation a);

#endif
