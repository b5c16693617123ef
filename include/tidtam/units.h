/*
 * units.h - the list of organisation units: reading it and checking it.
 *
 * A unit list (input/units/ CSV files: code,name,kind,parent, or รหัสหน่วยงาน,
 * ชื่อหน่วยงาน, ประเภท, สังกัด) declares the office, its networks and its
 * schools, each under its parent.  Its rows arrive one at a time from the
 * sheet reader (unit_list_add()); the list is then judged as a whole
 * (unit_list_check(), because a parent may come after its children and a
 * cycle is only seen whole): each row is decided once, after its parent,
 * so judging takes time linear in the list however deep its tree or
 * however its rows are ordered.  A row is refused when:
 *
 *   - its code is malformed for its kind: a school's is 6 or 10 digits
 *     (OBEC codes, e.g. 1031010001 or 310001); an office's or a network's
 *     is its own, of letters, digits, '-' and '_' (e.g. 3101, SPM35,
 *     3101-N01), at most 32;
 *   - its kind is not office, network or school (in English or Thai);
 *   - it has no name;
 *   - its code is on an earlier row of the list, or registered by another
 *     file (a newer version of the same file may declare it again);
 *   - its parent is missing, is neither in the list nor registered, is of
 *     the wrong kind (a school's parent is an office or a network, a
 *     network's an office, an office's, if it is in the list, an office),
 *     or was itself refused;
 *   - it is its own ancestor (a cycle), within the list or through units
 *     registered before it (a list making an office the parent of an
 *     office of another list that is itself under it): every row on the
 *     cycle is refused, the message naming the units of the cycle in order
 *     (a cycle of more than 10 by its first 10 and its length), with the
 *     file and row of those of other lists, and what hangs under them is
 *     refused with them.
 *
 * So no unit is ever left out of the tree without a message saying why, and
 * the tree stored never holds a cycle: unit_list_store() looks for one once
 * more after storing (in the caller's transaction) and refuses the list
 * whole if it finds one, so that the register keeps its previous state.
 *
 * A list may hold at most UNIT_LIST_MAX_ROWS rows and UNIT_LIST_MAX_BYTES
 * of text: rows past either are not kept (so a list's memory is bounded
 * whatever the file), and the list is refused whole (TT_EPARSE, issue
 * E-TOOLARGE) when it is judged.  A national list is some 35,000 units
 * (30,000 schools, 245 offices, their networks) and 3 MB.
 * Every refusal has the code E-UNITLIST, the row and column, the value
 * found, and a Thai and an English sentence.
 */
#ifndef TIDTAM_UNITS_H
#define TIDTAM_UNITS_H

#include <sqlite3.h>
#include <stddef.h>

struct record;
struct tt_error;

enum unit_kind { UNIT_OFFICE, UNIT_NETWORK, UNIT_SCHOOL };

/* "office", "network", "school" for kind, or NULL for any other value. */
const char *unit_kind_name(int kind);

/* The kind written as s (office, สพป., เครือข่าย, โรงเรียน ...), or -1. */
int unit_kind_parse(const char *s);

#define UNIT_LIST_MAX_ROWS 100000u
#define UNIT_LIST_MAX_BYTES (32u << 20)

/* A unit known before this list, as unit_lookup_fn finds it. */
struct unit_known {
	int kind;                 /* enum unit_kind */
	const char *file;         /* the file that declared it (borrowed) */
	long row;
	const char *parent;       /* its parent's code, "" when none (borrowed) */
};

/*
 * Find code among the units registered before the list: 1 (out filled,
 * its strings valid until the next call), 0 if there is none, or a
 * negative TT_E* code (err of the caller filled) to stop.
 */
typedef int (*unit_lookup_fn)(const char *code, struct unit_known *out, void *ctx);

/* One refused row.  Strings are borrowed for the call. */
struct unit_problem {
	const char *file;
	long row;
	const char *column;       /* as the reader names it, or "ประเภท/kind" ... */
	const char *found;        /* the value at fault, or NULL */
	const char *th, *en;
};

/* Return 0 to go on, or a negative TT_E* code to stop. */
typedef int (*unit_problem_fn)(const struct unit_problem *p, void *ctx);

struct unit_list;

/* An empty list of the file called file (copied).  Free with unit_list_free(). */
struct unit_list *unit_list_new(const char *file);
void unit_list_free(struct unit_list *ul);

/*
 * Add a RECORD_UNIT record (its fields trimmed); strings are copied.  Past
 * UNIT_LIST_MAX_ROWS rows or UNIT_LIST_MAX_BYTES the row is only counted.
 */
void unit_list_add(struct unit_list *ul, const struct record *rec);

/* Rows added so far (those past the limits counted too). */
size_t unit_list_size(const struct unit_list *ul);

/*
 * Judge every row (lookup may be NULL: nothing registered before), call
 * fn (may be NULL) for each problem in row order, and count the rows
 * accepted and refused (either may be NULL).  Returns 0, TT_EPARSE (err
 * filled, issue E-TOOLARGE, nothing judged) for a list past its limits, or
 * the first negative code fn or lookup returned.  May be called again: each
 * call judges afresh.
 */
int unit_list_check(struct unit_list *ul, unit_lookup_fn lookup, void *lookup_ctx,
		    unit_problem_fn fn, void *fn_ctx, size_t *accepted, size_t *refused,
		    struct tt_error *err);

/*
 * After unit_list_check(): 1 and out filled (borrowed from ul) if the list
 * accepted a unit with this code, else 0.  A unit_lookup_fn over lists
 * checked before may be built on it.
 */
int unit_list_known(const struct unit_list *ul, const char *code, struct unit_known *out);

/*
 * The units a database has registered, looked up as a unit_lookup_fn
 * (unit_registry_lookup() with the registry as its ctx).  Units of the file
 * set with unit_registry_set_file() are left out, so that a new version of
 * a list may declare its codes again: a file matches when its path under
 * input/ is the path given or ends it ("input/units/a.csv" is
 * "units/a.csv").  A failed lookup fills the err given at opening.
 */
struct unit_registry;

/* A registry over db, or NULL (err filled).  Free with unit_registry_free(). */
struct unit_registry *unit_registry_open(sqlite3 *db, struct tt_error *err);
void unit_registry_set_file(struct unit_registry *ur, const char *file);
int unit_registry_lookup(const char *code, struct unit_known *out, void *ctx);
void unit_registry_free(struct unit_registry *ur);

/*
 * Check the list against the units in the database (registered by other
 * files), then, in the caller's transaction, store its accepted rows in
 * table unit under file_id and each refusal as an E-UNITLIST issue of the
 * file.  Returns 0, TT_EDB, or TT_EPARSE (err filled; the caller rolls its
 * transaction back) for a list past its limits (issue E-TOOLARGE) or one
 * whose units, once stored, would be their own ancestors (issue
 * E-UNITLIST, the cycle named).
 */
int unit_list_store(struct unit_list *ul, sqlite3 *db, long long file_id,
		    size_t *accepted, size_t *refused, struct tt_error *err);

#endif
