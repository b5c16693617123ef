/*
 * profile.h - an office's profile for one fiscal year.
 *
 * The profile is the form an analyst fills for the office once a year
 * (templates/schema/profile.xsd, root <profile xmlns="urn:tidtam:profile:1"
 * office="…" fiscal-year="…">): general information (address, area,
 * districts served, duties), work groups and staff, the action plan's
 * vision, mission, goals, strategies and focus points, learning results
 * (O-NET, NT, RT), the budget received by plan, output or project and
 * expense type, the office's own synthesis (problems, recommendations,
 * directions for next year) and the report's appendix (the order
 * appointing the working committee, the makers of the report).  Ingest
 * stores the XML as read (table profile: file, office, fiscal year); the
 * newest stored profile of an office and year is the one reports print.
 * A loaded profile owns every string in it until profile_free().
 */
#ifndef TIDTAM_PROFILE_H
#define TIDTAM_PROFILE_H

#include <stddef.h>
#include <sqlite3.h>

struct tt_error;
struct xml_problems;

/*
 * The largest profile taken, checked before it is parsed: 1 MiB and
 * 50,000 elements and attributes (a full profile of some 300 entries is
 * 40 kB).  Over a limit: TT_EPARSE, issue E-TOOLARGE.
 */
#define PROFILE_MAX_BYTES (1u << 20)
#define PROFILE_MAX_NODES 50000u

/* A list of paragraphs or items, in document order. */
struct profile_list {
	char **items;
	size_t nr;
};

struct profile_group {     /* a work group (กลุ่ม) of the office */
	char *name, *head;     /* head may be NULL */
	long staff;
};

struct profile_count {     /* office staff of one position type */
	char *type;
	long count;
};

struct profile_result {    /* a learning result */
	char *test;            /* O-NET, NT, RT */
	char *level, *subject;
	double office, national;
	int has_national;
};

struct profile_expense {   /* one expense type of an output of a plan */
	char *plan, *output;   /* as written */
	char *type;            /* งบบุคลากร … งบรายจ่ายอื่น */
	double allocated, spent;
};

struct profile_person {
	char *name, *position, *role; /* role may be NULL */
};

struct office_profile {
	char *office;
	int fiscal_year;
	long long file_id;     /* the file it was read from (0: not stored) */
	char *address;         /* NULL when not given */
	int has_area;
	double area;           /* km² */
	struct profile_list districts, duties;
	struct profile_group *groups;
	size_t nr_groups;
	struct profile_count *staff;
	size_t nr_staff;
	char *vision;
	struct profile_list mission, goals, strategies, focus;
	struct profile_result *results;
	size_t nr_results;
	struct profile_expense *expenses; /* by plan, then output, in document order */
	size_t nr_expenses;
	struct profile_list problems, recommendations, next_year;
	char *order_number, *order_date, *order_title; /* NULL without a committee */
	struct profile_person *committee;
	size_t nr_committee;
	struct profile_person *makers;
	size_t nr_makers;
};

/*
 * Every problem of the profile in len bytes of xml, each added to out with
 * its line as a Thai and an English sentence (xmlutil.h): XML that is not
 * well-formed or too large, and what the schema at schema_path finds
 * (NULL: no schema check).  Returns 0 when there is none, TT_EPARSE when
 * problems were added, TT_EIO (err set) when the schema cannot be loaded.
 */
int profile_check(const char *xml, size_t len, const char *name, const char *schema_path,
		  struct xml_problems *out, struct tt_error *err);

/*
 * Parse a profile from len bytes of xml, checked against schema_path if
 * not NULL.  Returns 0 and fills *p (which the caller releases with
 * profile_release()), or TT_EPARSE with err naming the first problem and
 * its line (issue E-TOOLARGE for a document over the limits), or TT_EIO
 * when the schema cannot be loaded.  On error *p holds nothing.
 */
int profile_parse(const char *xml, size_t len, const char *name, const char *schema_path,
		  struct office_profile *p, struct tt_error *err);

/* Free what *p holds and zero it. */
void profile_release(struct office_profile *p);

/*
 * Store the profile p read from the file file_id, whose bytes are xml:
 * a row of table profile.  0, or TT_EDB with err.
 */
int profile_store(sqlite3 *db, long long file_id, const struct office_profile *p,
		  const char *xml, size_t len, struct tt_error *err);

/*
 * The newest stored profile of office and fiscal year fy into *p.
 * Returns 1 when there is one, 0 when there is none (*p zeroed), TT_EDB
 * with err on a database error, TT_EPARSE if the stored XML no longer
 * parses (a database edited by hand).  The stored XML was checked when it
 * went in; it is parsed again without the schema.
 */
int profile_load(sqlite3 *db, const char *office, int fy, struct office_profile *p,
		 struct tt_error *err);

/* The expense types in the order a budget table lists them (5). */
extern const char *const profile_expense_types[];
#define PROFILE_NR_EXPENSE_TYPES 5

#endif
