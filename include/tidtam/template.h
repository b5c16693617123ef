/*
 * template.h - what goes into a report, and in which order, from XML.
 *
 * A report template (templates/reports/annual.xml, progress.xml, card.xml;
 * schema templates/schema/report.xsd) lists the report's sections in the
 * order they are printed.  Each section element names its kind (cover,
 * foreword text, contents, executive summary, policy areas, networks,
 * budget, completeness, data quality, sources, a school's results), its
 * Thai title, its page orientation and what it shows: which columns its
 * table has, whether it draws its chart.  Text blocks hold placeholders,
 * {office.name}, {fy}, {round} ..., filled in when the report is made; an
 * unknown placeholder is an error when the template loads, naming its line.
 *
 * A loaded template owns every string in it until template_free().
 */
#ifndef TIDTAM_TEMPLATE_H
#define TIDTAM_TEMPLATE_H

#include <stddef.h>

struct tt_error;

/*
 * The largest template taken: 1 MiB and 20,000 elements and attributes
 * (xmlutil.h counts them; the shipped ones are 5 kB and 200), checked before
 * it is read and parsed; its logo at most 4 MiB and 4096 x 4096 pixels,
 * checked before libharu decodes it.  Over a limit: TT_EPARSE, issue
 * E-TOOLARGE.
 */
#define TEMPLATE_MAX_BYTES (1u << 20)
#define TEMPLATE_MAX_NODES 20000u
#define TEMPLATE_MAX_LOGO_BYTES (4u << 20)
#define TEMPLATE_MAX_LOGO_PIXELS 4096u

enum template_kind {
	TEMPLATE_ANNUAL, TEMPLATE_PROGRESS, TEMPLATE_CARD,
	TEMPLATE_NATIONAL,        /* a national summary of a round (national.xml) */
	TEMPLATE_OFFICE_SUMMARY,  /* an office beside the nation (office-summary.xml) */
};

enum section_type {
	SECTION_COVER,
	SECTION_TEXT,          /* paragraphs, and the director's signature */
	SECTION_CONTENTS,      /* table of contents, with page numbers */
	SECTION_SUMMARY,       /* achieved / not achieved per policy area */
	SECTION_AREAS,         /* a part per policy area: table, chart, narratives */
	SECTION_NETWORKS,      /* results per school network, top and bottom schools */
	SECTION_BUDGET,        /* projects: budget, disbursement per quarter */
	SECTION_COMPLETENESS,  /* reporting completeness and timeliness per round */
	SECTION_QUALITY,       /* appendix: open warnings, rejected files */
	SECTION_SOURCES,       /* appendix: files, units, dates */
	SECTION_SCHOOL,        /* a school's results against targets and the median */
	SECTION_DIMENSIONS,    /* a section per dimension of the framework not
				  placed by a policy-areas of its own, titled
				  by the framework */
	SECTION_SYNTHESIS,     /* achievements, problems and suggestions of the
				  whole report, most frequent first */
	/* the parts an office profile fills (profile.h, report_profile.c) */
	SECTION_PROFILE_BASICS,    /* ข้อมูลพื้นฐาน: general, duties, structure, staff,
				      schools, students, teachers, learning results */
	SECTION_PROFILE_DIRECTION, /* ทิศทางการพัฒนา: vision … focus, budget received */
	SECTION_PROFILE_SYNTHESIS, /* problems, recommendations, next year's directions */
	SECTION_PROFILE_APPENDIX,  /* the committee's order and the makers */
	SECTION_PRACTICES,     /* best practices, awards, outstanding work, with photos */
	SECTION_PHOTOS,        /* appendix: the practices' photos not shown with them */
	/* national reports (report_national.c): only in kinds national and
	   office-summary, which take the office sections above too */
	SECTION_NATIONAL_RESULTS, /* per area and indicator: the nation against its
				     target, offices achieved, those furthest below */
	SECTION_OFFICE_AREAS,     /* offices x policy areas: achieved of those with a result */
	SECTION_OFFICE_EXPORTS,   /* which offices' exports came, on time, late, not */
	SECTION_OFFICE_STANDING,  /* an office's results beside the nation's, its rank */
};

/* Columns of an indicator table. */
enum template_column {
	COLUMN_CODE, COLUMN_NAME, COLUMN_UNIT, COLUMN_TARGET,
	COLUMN_3M, COLUMN_6M, COLUMN_9M, COLUMN_12M,
	COLUMN_PERCENT,        /* % of target */
	COLUMN_STATUS,         /* achieved or not: mark and word */
	COLUMN_RESULT,         /* the latest result (school cards) */
	COLUMN_MEDIAN,         /* the office's median school (school cards) */
	NR_COLUMNS
};

struct template_section {
	enum section_type type;
	char *title;              /* may hold placeholders; NULL for a cover */
	int landscape;
	int chart;                /* draw the section's chart */
	int narratives;           /* policy areas: print the narratives sent */
	char *dimension;          /* policy areas: the framework's dimension shown
				     (NULL: the OBEC policy) */
	enum template_column *columns;
	size_t nr_columns;
	char **paragraphs;        /* text: each may hold placeholders */
	size_t nr_paragraphs;
	int signature;            /* text: end with the director's signature */
	char **indicators;        /* networks: the indicators ranked, as the
				     template names them; none: the framework's
				     headline indicators */
	size_t nr_indicators;
	int top;                  /* networks: how many top and bottom schools;
				     national-results: offices furthest below */
	long line;                /* in the template file */
	/* school results: the type's least size, and the columns that may be
	   left out (in the order they go) before the table goes on to a second
	   page, rather than be set smaller */
	float min_font_size;      /* points; 12 unless the template says */
	enum template_column *optional;
	size_t nr_optional;
};

struct report_template {
	enum template_kind kind;
	char *name;               /* file name, for messages */
	char *title;              /* the report's title, may hold placeholders */
	char *logo;               /* path of the cover's PNG, or NULL */
	char *director_name, *director_position;
	int thai_digits;          /* print digits as ๐-๙ */
	float font_size;          /* body text, points */
	int percent_decimals;     /* of a percentage (attribute percent-decimals,
				     0-3, default 2) */
	/* the page of an office report, as a Thai official document */
	float margin_left, margin_right, margin_top_bottom; /* points (from cm) */
	int justify;              /* body paragraphs justified the Thai way */
	int centre_headings;      /* main headings (คำนำ, สารบัญ, parts) centred */
	int page_number_top;      /* a bare number at the top, not "หน้า N / M" */
	char *document_number;    /* the cover's ที่ ..., may hold placeholders;
				     NULL: none */
	int lists;                /* lists of tables and figures after contents */
	struct template_section *sections;
	size_t nr_sections;
	char sha256[65];          /* of the template file and its logo */
};

/*
 * Load the template at path, checking it against schema_path (if not
 * NULL) and its placeholders.  A relative logo is taken from the template's
 * folder (or, for a year's template in reports/<FY>/, from the folder
 * above when it is not there).  NULL with err set (TT_EPARSE with the line, or TT_EIO).
 */
struct report_template *template_load(const char *path, const char *schema_path,
				      struct tt_error *err);

void template_free(struct report_template *t);

/* The names placeholders may use, NULL-terminated ("office.name", ...). */
extern const char *const template_placeholders[];

/* Column names as written in templates ("code", "12m", ...). */
const char *template_column_name(enum template_column c);

#endif
