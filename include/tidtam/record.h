/*
 * record.h - what every reader hands to ingest: one record at a time.
 *
 * The readers (sheet.h for CSV sheets, xmlform.h for XML forms) turn a file
 * into records and call a record_fn for each, so that ingest stores values
 * the same way whatever format they came in.  A record's strings are
 * borrowed: they are valid only during the call.
 */
#ifndef TIDTAM_RECORD_H
#define TIDTAM_RECORD_H

enum record_kind {
	RECORD_VALUE,     /* one indicator value of one unit and round */
	RECORD_NARRATIVE, /* a narrative text of one unit and round */
	RECORD_UNIT,      /* an organisation unit (units sheet) */
	RECORD_PROJECT    /* a project of the office's action plan */
};

enum record_field {
	FIELD_UNIT,        /* unit code (school, network or office) */
	FIELD_FISCAL_YEAR, /* as written: "2567" */
	FIELD_ROUND,       /* as written: "6", "รอบ 6 เดือน", "Q2" */
	FIELD_INDICATOR,   /* indicator code or exact Thai name (validation resolves it) */
	FIELD_VALUE,       /* value as written, or narrative text */
	FIELD_NUMERATOR,
	FIELD_DENOMINATOR,
	FIELD_NOTE,
	FIELD_SUBMITTED,   /* date the unit sent the data */
	FIELD_NAME,        /* unit or project name */
	FIELD_KIND,        /* unit kind: office / network / school */
	FIELD_PARENT,      /* parent unit code */
	FIELD_PROJECT,     /* project code */
	FIELD_POLICY_AREA, /* policy area code of a project */
	FIELD_GROUP,       /* responsible group code */
	FIELD_BUDGET,      /* budget allocated */
	FIELD_Q1,          /* amount disbursed in fiscal quarter 1..4 */
	FIELD_Q2,
	FIELD_Q3,
	FIELD_Q4,
	FIELD_NARRATIVE,   /* which narrative: result / problem / suggestion */
	/* what a unit list may say of a school (read only from unit lists) */
	FIELD_SIZE,        /* school size as written: เล็ก, กลาง, ใหญ่, ใหญ่พิเศษ */
	FIELD_DISTRICT,    /* district (อำเภอ) */
	FIELD_STUDENTS,    /* students in all */
	FIELD_STUDENTS_PRE,     /* students by level: pre-primary (อนุบาล) */
	FIELD_STUDENTS_PRIMARY, /* primary (ประถมศึกษา) */
	FIELD_STUDENTS_LOWER,   /* lower secondary (มัธยมศึกษาตอนต้น) */
	FIELD_STUDENTS_UPPER,   /* upper secondary (มัธยมศึกษาตอนปลาย) */
	FIELD_TEACHERS,    /* teachers */
	NR_FIELDS
};

struct record {
	enum record_kind kind;
	const char *field[NR_FIELDS]; /* NULL when the source has no such field */
	long row;                     /* sheet row (1-based) or XML line */
	const char *column;           /* where the value sits: "E (SAFE01)", "<value>" */
	const char *indicator_column; /* where a long sheet names the indicator, or NULL */
	const char *key_column[3];    /* where the unit, fiscal year and round are
					 written ("A (รหัสโรงเรียน)"), or NULL */
	int from_results;             /* a row of a results export (sheet.h):
					 its unit may be one the database
					 does not know, to be passed over */
};

/*
 * Called once per record.  Return 0 to go on, or a negative TT_E* code (with
 * the reader's err filled by the callee) to stop reading.
 */
typedef int (*record_fn)(const struct record *rec, void *ctx);

#endif
