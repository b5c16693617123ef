/*
 * units.c - reading and checking a list of organisation units.
 *
 * The rows of one unit file are kept whole (an office of 30,000 schools is
 * a few megabytes), because a parent may be listed after its schools and a
 * cycle can only be seen once every row is in.  Rows are then judged in
 * passes: first what a row says alone (its code, kind, name, a code given
 * twice or registered by another file), then its parent, repeatedly, so
 * that a school under a refused network is itself refused with a message
 * naming the cause; rows still undecided after that sit on or under a
 * cycle, or, through units other lists registered, on a cycle found by
 * walking each row's ancestors up the list and the register.  A code ->
 * row hash keeps each pass linear.  A list is bounded (UNIT_LIST_MAX_ROWS,
 * UNIT_LIST_MAX_BYTES): rows past the bounds are counted, not kept.
 *
 * Each refusal's Thai and English sentences are written side by side in
 * the functions below, under the one issue code E-UNITLIST.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/record.h"
#include "tidtam/units.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define COLUMN_KIND "ประเภท/kind"
#define COLUMN_PARENT "สังกัด/parent"
#define COLUMN_NAME "ชื่อ/name"

enum state { UNDECIDED, ACCEPTED, REFUSED };

struct unit_row {
	char *code, *name, *kind_text, *parent;
	char *size, *district;    /* "" when not given */
	long students, teachers;  /* -1 when not given or not a whole number */
	char *by_level;           /* "อนุบาล=12;ประถมศึกษา=140", or NULL */
	char *column;             /* of the code, as the reader names it */
	long row;
	int kind;                 /* enum unit_kind, -1 unknown */
	enum state state;
	int taken;                /* refused: another file registered the code */
};

struct pending {
	long row;
	size_t seq;               /* order found, to sort stably */
	char *column, *found, *th, *en;
};

struct unit_list {
	char *file;
	struct unit_row *rows;
	size_t nr, alloc;
	size_t seen, bytes;       /* rows added (kept or not), text kept */
	size_t *slots;            /* hash: row index + 1, 0 empty */
	size_t nr_slots;
	struct pending *problems;
	size_t nr_problems, alloc_problems;
	const char *example[3];   /* a well-formed code of each kind: find_examples() */
};

static const struct {
	const char *name;
	int kind;
} kind_names[] = {
	{ "office", UNIT_OFFICE }, { "สพท.", UNIT_OFFICE }, { "สพป.", UNIT_OFFICE },
	{ "สพม.", UNIT_OFFICE }, { "สำนักงานเขตพื้นที่การศึกษา", UNIT_OFFICE },
	{ "สพฐ.", UNIT_OFFICE }, { "obec", UNIT_OFFICE }, /* the nation: offices under it */
	{ "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", UNIT_OFFICE },
	{ "network", UNIT_NETWORK }, { "เครือข่าย", UNIT_NETWORK },
	{ "school", UNIT_SCHOOL }, { "โรงเรียน", UNIT_SCHOOL }, { "สถานศึกษา", UNIT_SCHOOL },
};

const char *unit_kind_name(int kind)
{
	static const char *const names[] = { "office", "network", "school" };

	return kind >= 0 && kind < 3 ? names[kind] : NULL;
}

/* The kind in words for sentences: "school" / "โรงเรียน". */
static const char *kind_en(int kind)
{
	return kind == UNIT_OFFICE ? "office" : kind == UNIT_NETWORK ? "network" : "school";
}

static const char *kind_th(int kind)
{
	return kind == UNIT_OFFICE ? "สำนักงานเขตพื้นที่" : kind == UNIT_NETWORK ? "เครือข่าย"
										 : "โรงเรียน";
}

int unit_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(s, kind_names[i].name))
			return kind_names[i].kind;
	return -1;
}

struct unit_list *unit_list_new(const char *file)
{
	struct unit_list *ul = xcalloc(1, sizeof(*ul));

	ul->file = xstrdup(file ? file : "");
	return ul;
}

static void clear_problems(struct unit_list *ul)
{
	size_t i;

	for (i = 0; i < ul->nr_problems; i++) {
		free(ul->problems[i].column);
		free(ul->problems[i].found);
		free(ul->problems[i].th);
		free(ul->problems[i].en);
	}
	ul->nr_problems = 0;
}

void unit_list_free(struct unit_list *ul)
{
	size_t i;

	if (!ul)
		return;
	for (i = 0; i < ul->nr; i++) {
		free(ul->rows[i].code);
		free(ul->rows[i].name);
		free(ul->rows[i].kind_text);
		free(ul->rows[i].parent);
		free(ul->rows[i].column);
		free(ul->rows[i].size);
		free(ul->rows[i].district);
		free(ul->rows[i].by_level);
	}
	clear_problems(ul);
	free(ul->problems);
	free(ul->rows);
	free(ul->slots);
	free(ul->file);
	free(ul);
}

static char *field(const struct record *rec, enum record_field f)
{
	return tt_trim(xstrdup(rec->field[f] ? rec->field[f] : ""));
}

/*
 * What the list says of a school beside its place (unit_figures): the row
 * replaced, or removed when this list says nothing of it.
 */
static int store_figures(sqlite3 *db, sqlite3_stmt *del, sqlite3_stmt *st,
			 const struct unit_row *r, long long file_id, struct tt_error *err)
{
	sqlite3_reset(del);
	db_bind_text(del, 1, r->code);
	if (sqlite3_step(del) != SQLITE_DONE)
		return db_fail(db, "could not store a unit", err);
	sqlite3_reset(st);
	db_bind_text(st, 1, r->code);
	db_bind_text(st, 2, r->size);
	db_bind_text(st, 3, r->district);
	sqlite3_bind_int64(st, 4, r->students);
	db_bind_text(st, 5, r->by_level);
	sqlite3_bind_int64(st, 6, r->teachers);
	sqlite3_bind_int64(st, 7, file_id);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not store a unit", err);
}

/* A count a unit list gives (students, teachers): a whole number from 0, or -1. */
static long count_of(const struct record *rec, enum record_field f)
{
	char *s = field(rec, f);
	double v;
	long n = -1;

	if (*s && !tt_parse_number_text(tt_ascii_digits(s), &v, 0) && v >= 0 && v <= 1e7 &&
	    v == (double)(long)v)
		n = (long)v;
	free(s);
	return n;
}

/*
 * What a unit list may say of a school beside its place in the tree: its
 * size and district as written, its teachers, its students in all (the
 * column, else the sum of the columns by level) and by level.
 */
static void add_school_figures(struct unit_row *r, const struct record *rec)
{
	static const struct { enum record_field f; const char *name; } levels[] = {
		{ FIELD_STUDENTS_PRE, "อนุบาล" }, { FIELD_STUDENTS_PRIMARY, "ประถมศึกษา" },
		{ FIELD_STUDENTS_LOWER, "มัธยมศึกษาตอนต้น" },
		{ FIELD_STUDENTS_UPPER, "มัธยมศึกษาตอนปลาย" },
	};
	struct strbuf sb;
	long sum = 0;
	size_t i;
	int any = 0;

	r->size = field(rec, FIELD_SIZE);
	r->district = field(rec, FIELD_DISTRICT);
	r->students = count_of(rec, FIELD_STUDENTS);
	r->teachers = count_of(rec, FIELD_TEACHERS);
	strbuf_init(&sb);
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		long n = count_of(rec, levels[i].f);

		if (n < 0)
			continue;
		strbuf_addf(&sb, "%s%s=%ld", sb.len ? ";" : "", levels[i].name, n);
		sum += n;
		any = 1;
	}
	if (any && r->students < 0)
		r->students = sum;
	r->by_level = any ? strbuf_detach(&sb) : NULL;
	strbuf_release(&sb);
}

void unit_list_add(struct unit_list *ul, const struct record *rec)
{
	struct unit_row *r;
	size_t bytes = 0;
	int f;

	ul->seen++;
	for (f = 0; f < NR_FIELDS; f++)
		bytes += rec->field[f] ? strlen(rec->field[f]) : 0;
	/* past the limits a row is only counted: the list is refused when judged */
	if (ul->seen > ul->nr + 1 || ul->nr >= UNIT_LIST_MAX_ROWS ||
	    ul->bytes + bytes > UNIT_LIST_MAX_BYTES)
		return;
	ul->bytes += bytes;
	xgrow(&ul->rows, &ul->alloc, ul->nr + 1, sizeof(*ul->rows));
	r = &ul->rows[ul->nr++];
	memset(r, 0, sizeof(*r));
	r->code = tt_ascii_digits(field(rec, FIELD_UNIT));
	r->name = field(rec, FIELD_NAME);
	r->kind_text = field(rec, FIELD_KIND);
	r->parent = tt_ascii_digits(field(rec, FIELD_PARENT));
	r->column = xstrdup(rec->column ? rec->column : "");
	r->row = rec->row;
	r->kind = unit_kind_parse(r->kind_text);
	add_school_figures(r, rec);
}

size_t unit_list_size(const struct unit_list *ul)
{
	return ul->seen;
}

/* Index the first row of each code. */
static void build_index(struct unit_list *ul)
{
	size_t i;

	free(ul->slots);
	ul->nr_slots = 16;
	while (ul->nr_slots < ul->nr * 2)
		ul->nr_slots *= 2;
	ul->slots = xcalloc(ul->nr_slots, sizeof(*ul->slots));
	for (i = 0; i < ul->nr; i++) {
		size_t h = tt_hash_string(ul->rows[i].code) & (ul->nr_slots - 1);

		if (!*ul->rows[i].code)
			continue;
		while (ul->slots[h] && strcmp(ul->rows[ul->slots[h] - 1].code, ul->rows[i].code))
			h = (h + 1) & (ul->nr_slots - 1);
		if (!ul->slots[h])
			ul->slots[h] = i + 1;
	}
}

/* The first row with code, or -1. */
static long find(const struct unit_list *ul, const char *code)
{
	size_t h;

	if (!ul->slots || !*code)
		return -1;
	h = tt_hash_string(code) & (ul->nr_slots - 1);
	while (ul->slots[h]) {
		if (!strcmp(ul->rows[ul->slots[h] - 1].code, code))
			return (long)ul->slots[h] - 1;
		h = (h + 1) & (ul->nr_slots - 1);
	}
	return -1;
}

int unit_list_known(const struct unit_list *ul, const char *code, struct unit_known *out)
{
	long i = find(ul, code);

	if (i < 0 || ul->rows[i].state != ACCEPTED)
		return 0;
	out->kind = ul->rows[i].kind;
	out->file = ul->file;
	out->row = ul->rows[i].row;
	out->parent = ul->rows[i].parent;
	return 1;
}

/* Refuse row r with a problem in column (NULL: the code's column). */
static void refuse(struct unit_list *ul, struct unit_row *r, const char *column,
		   const char *found, struct strbuf *th, struct strbuf *en)
{
	struct pending *p;

	xgrow(&ul->problems, &ul->alloc_problems, ul->nr_problems + 1, sizeof(*ul->problems));
	p = &ul->problems[ul->nr_problems];
	p->row = r->row;
	p->seq = ul->nr_problems++;
	p->column = xstrdup(column ? column : r->column);
	p->found = xstrdup(found);
	p->th = strbuf_detach(th);
	p->en = strbuf_detach(en);
	r->state = REFUSED;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int code_fits(int kind, const char *code)
{
	size_t n = strlen(code);

	switch (kind) {
	case UNIT_SCHOOL:
		return all_digits(code) && (n == 6 || n == 10);
	case UNIT_OFFICE: /* an office's code is its own: 1031, 3101, SPM35 */
	case UNIT_NETWORK:
		return n <= 32 && isalnum((unsigned char)code[0]) && tt_is_safe_code(code);
	default:
		return tt_is_safe_code(code);
	}
}

/* A well-formed code of each kind from the list itself, for examples, or NULL. */
static void find_examples(struct unit_list *ul)
{
	size_t i;
	int kind;

	for (kind = 0; kind < 3; kind++)
		ul->example[kind] = NULL;
	for (i = 0; i < ul->nr; i++) {
		kind = ul->rows[i].kind;
		if (kind >= 0 && kind < 3 && !ul->example[kind] &&
		    code_fits(kind, ul->rows[i].code))
			ul->example[kind] = ul->rows[i].code;
	}
}

static void bad_code(struct unit_list *ul, struct unit_row *r)
{
	const char *ex = r->kind >= 0 && r->kind < 3 ? ul->example[r->kind] : NULL;
	struct strbuf th, en;

	strbuf_init(&th);
	strbuf_init(&en);
	switch (r->kind) {
	case UNIT_SCHOOL:
		if (ex && strlen(ex) == 6) {
			strbuf_addf(&en, "school code '%s' is not an OBEC school code: 6 digits"
				    " (such as %s) or 10, digits only", r->code, ex);
			strbuf_addf(&th, "รหัสโรงเรียน '%s' ไม่ถูกต้อง รหัสโรงเรียนของ สพฐ."
				    " เป็นตัวเลข 6 หลัก (เช่น %s) หรือ 10 หลักเท่านั้น", r->code, ex);
		} else {
			strbuf_addf(&en, "school code '%s' is not an OBEC school code: 10 digits"
				    "%s%s%s or 6, digits only", r->code, ex ? " (such as " : "",
				    ex ? ex : "", ex ? ")" : "");
			strbuf_addf(&th, "รหัสโรงเรียน '%s' ไม่ถูกต้อง รหัสโรงเรียนของ สพฐ."
				    " เป็นตัวเลข 10 หลัก%s%s%s หรือ 6 หลักเท่านั้น", r->code,
				    ex ? " (เช่น " : "", ex ? ex : "", ex ? ")" : "");
		}
		break;
	default:
		strbuf_addf(&en, "%s code '%s' may hold only letters A-Z, digits, '-' and '_',"
			    " at most 32%s%s%s", r->kind == UNIT_NETWORK ? "network"
			    : r->kind == UNIT_OFFICE ? "office" : "unit",
			    r->code, ex ? " (such as " : "", ex ? ex : "", ex ? ")" : "");
		strbuf_addf(&th, "รหัส%s '%s' ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _ ไม่เกิน 32 ตัว%s%s%s",
			    r->kind == UNIT_NETWORK ? "เครือข่าย"
			    : r->kind == UNIT_OFFICE ? "สำนักงานเขตพื้นที่" : "หน่วยงาน", r->code,
			    ex ? " (เช่น " : "", ex ? ex : "", ex ? ")" : "");
		break;
	}
	refuse(ul, r, NULL, r->code, &th, &en);
}

/* What a row says alone: code, kind, name, and a code given twice. */
static int judge_alone(struct unit_list *ul, size_t i, unit_lookup_fn lookup, void *lctx)
{
	struct unit_row *r = &ul->rows[i];
	struct strbuf th, en;
	long first;
	int rc;

	strbuf_init(&th);
	strbuf_init(&en);
	if (!*r->code) {
		strbuf_addstr(&en, "the row has no unit code");
		strbuf_addstr(&th, "แถวนี้ไม่มีรหัสหน่วยงาน");
		refuse(ul, r, NULL, NULL, &th, &en);
		return 0;
	}
	if (r->kind < 0) {
		strbuf_addf(&en, "unit '%s': kind '%s' is not office, network or school", r->code,
			    r->kind_text);
		strbuf_addf(&th, "หน่วยงาน '%s': ประเภท '%s' ไม่ถูกต้อง ต้องเป็น สพท. (office)"
			    " เครือข่าย (network) หรือ โรงเรียน (school)", r->code, r->kind_text);
		refuse(ul, r, COLUMN_KIND, r->kind_text, &th, &en);
	}
	if (!code_fits(r->kind, r->code))
		bad_code(ul, r);
	if (!*r->name) {
		strbuf_addf(&en, "unit '%s' has no name", r->code);
		strbuf_addf(&th, "หน่วยงาน '%s' ไม่มีชื่อ", r->code);
		refuse(ul, r, COLUMN_NAME, NULL, &th, &en);
	}
	first = find(ul, r->code);
	if (first >= 0 && (size_t)first != i) {
		strbuf_addf(&en, "code '%s' is already on row %ld of this file: each unit is"
			    " listed once", r->code, ul->rows[first].row);
		strbuf_addf(&th, "รหัส '%s' ซ้ำกับแถวที่ %ld ของไฟล์นี้ หน่วยงานแต่ละหน่วยมีได้เพียงแถวเดียว",
			    r->code, ul->rows[first].row);
		refuse(ul, r, NULL, r->code, &th, &en);
	} else if (lookup) {
		struct unit_known k;

		if ((rc = lookup(r->code, &k, lctx)) < 0)
			return rc;
		if (rc) {
			strbuf_addf(&en, "code '%s' is already registered by %s (row %ld): a unit"
				    " belongs to one list only, so remove it from one of the two files",
				    r->code, k.file, k.row);
			strbuf_addf(&th, "รหัส '%s' ลงทะเบียนไว้แล้วในไฟล์ %s (แถวที่ %ld)"
				    " หน่วยงานหนึ่งอยู่ได้ในทะเบียนเดียว กรุณาลบออกจากไฟล์ใดไฟล์หนึ่ง",
				    r->code, k.file, k.row);
			refuse(ul, r, NULL, r->code, &th, &en);
			r->taken = 1;
		}
	}
	strbuf_release(&th);
	strbuf_release(&en);
	return 0;
}

/* 1 if a unit of kind may sit under a unit of parent_kind. */
static int may_be_under(int kind, int parent_kind)
{
	if (kind == UNIT_SCHOOL)
		return parent_kind == UNIT_OFFICE || parent_kind == UNIT_NETWORK;
	return parent_kind == UNIT_OFFICE;
}

static void wrong_kind(struct unit_list *ul, struct unit_row *r, int parent_kind)
{
	struct strbuf th, en;

	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_addf(&en, "%s '%s' cannot be under %s '%s': a school's parent is an office or"
		    " a network, a network's an office", kind_en(r->kind), r->code,
		    kind_en(parent_kind), r->parent);
	strbuf_addf(&th, "%s '%s' สังกัด%s '%s' ไม่ได้ (โรงเรียนสังกัดสำนักงานเขตพื้นที่หรือเครือข่าย"
		    " เครือข่ายสังกัดสำนักงานเขตพื้นที่)", kind_th(r->kind), r->code,
		    kind_th(parent_kind), r->parent);
	refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
}

/* Judge row i by its parent: 1 decided, 0 wait for the parent, or < 0. */
static int judge_parent(struct unit_list *ul, size_t i, unit_lookup_fn lookup, void *lctx)
{
	struct unit_row *r = &ul->rows[i];
	struct strbuf th, en;
	struct unit_known k;
	long p;
	int rc = 1;

	strbuf_init(&th);
	strbuf_init(&en);
	if (!*r->parent) {
		if (r->kind == UNIT_OFFICE) {
			r->state = ACCEPTED;
			goto out;
		}
		strbuf_addf(&en, "%s '%s' has no parent: a school belongs to an office or a"
			    " network, a network to an office", kind_en(r->kind), r->code);
		strbuf_addf(&th, "%s '%s' ไม่ได้ระบุสังกัด (โรงเรียนต้องสังกัดสำนักงานเขตพื้นที่หรือเครือข่าย"
			    " เครือข่ายต้องสังกัดสำนักงานเขตพื้นที่)", kind_th(r->kind), r->code);
		refuse(ul, r, COLUMN_PARENT, NULL, &th, &en);
		goto out;
	}
	if (!strcmp(r->parent, r->code)) {
		strbuf_addf(&en, "%s '%s' is its own parent", kind_en(r->kind), r->code);
		strbuf_addf(&th, "%s '%s' ระบุสังกัดเป็นตัวเอง", kind_th(r->kind), r->code);
		refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
		goto out;
	}
	p = find(ul, r->parent);
	if (p >= 0 && !ul->rows[p].taken) {
		const struct unit_row *pr = &ul->rows[p];

		if (pr->state == UNDECIDED) {
			rc = 0;
		} else if (pr->state == REFUSED) {
			strbuf_addf(&en, "parent '%s' (row %ld) was refused, so %s '%s' is refused"
				    " too and left out of every total: correct that row first",
				    r->parent, pr->row, kind_en(r->kind), r->code);
			strbuf_addf(&th, "หน่วยงานต้นสังกัด '%s' (แถวที่ %ld) ไม่ได้รับ %s '%s'"
				    " จึงไม่ได้รับด้วยและไม่ถูกนับรวมในรายงานใด กรุณาแก้ไขแถวนั้นก่อน",
				    r->parent, pr->row, kind_th(r->kind), r->code);
			refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
		} else if (!may_be_under(r->kind, pr->kind)) {
			wrong_kind(ul, r, pr->kind);
		} else {
			r->state = ACCEPTED;
		}
		goto out;
	}
	rc = lookup ? lookup(r->parent, &k, lctx) : 0;
	if (rc < 0)
		goto out;
	if (rc) {
		if (!may_be_under(r->kind, k.kind))
			wrong_kind(ul, r, k.kind);
		else
			r->state = ACCEPTED;
	} else if (r->kind == UNIT_OFFICE) {
		/* an office's parent (OBEC) is above every list */
		r->state = ACCEPTED;
	} else {
		strbuf_addf(&en, "parent '%s' of %s '%s' is neither in this list nor registered"
			    " before, so the %s is left out of every total: correct the parent's code,"
			    " or list the parent, and send the list again",
			    r->parent, kind_en(r->kind), r->code, kind_en(r->kind));
		strbuf_addf(&th, "ไม่พบหน่วยงานต้นสังกัด '%s' ของ%s '%s' ทั้งในไฟล์นี้และในทะเบียนที่มีอยู่"
			    " %sนี้จึงไม่ถูกนับรวมในรายงานใด กรุณาแก้รหัสต้นสังกัดหรือเพิ่มหน่วยงานต้นสังกัด"
			    "ในทะเบียน แล้วส่งไฟล์นี้ใหม่",
			    r->parent, kind_th(r->kind), r->code, kind_th(r->kind));
		refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
	}
	rc = 1;
out:
	strbuf_release(&th);
	strbuf_release(&en);
	return rc;
}

/* A cycle is named by at most this many of its units, then their count. */
#define CYCLE_SHOWN 10

/*
 * The rows in the list, each after its parent (tree.up: the row of its
 * parent in the list, or -1 when the parent is elsewhere or the row itself);
 * children of a row listed from tree.first, along tree.next.  Judging in
 * this order decides each parent before its children, in one pass however
 * deep the tree or the order of its rows.
 */
struct tree {
	long *up, *first, *next;
	size_t *queue;
};

static void tree_build(const struct unit_list *ul, struct tree *t)
{
	size_t i;

	t->up = xmalloc((ul->nr + 1) * sizeof(*t->up));
	t->first = xmalloc((ul->nr + 1) * sizeof(*t->first));
	t->next = xmalloc((ul->nr + 1) * sizeof(*t->next));
	t->queue = xmalloc((ul->nr + 1) * sizeof(*t->queue));
	for (i = 0; i < ul->nr; i++)
		t->first[i] = -1;
	for (i = 0; i < ul->nr; i++) {
		long p = find(ul, ul->rows[i].parent);

		if (p < 0 || (size_t)p == i || ul->rows[p].taken)
			p = -1;
		t->up[i] = p;
		t->next[i] = p >= 0 ? t->first[p] : -1;
		if (p >= 0)
			t->first[p] = (long)i;
	}
}

static void tree_release(struct tree *t)
{
	free(t->up);
	free(t->first);
	free(t->next);
	free(t->queue);
}

/*
 * Judge every undecided row whose parent is decided, then the rows under
 * them as each is decided: what stays undecided is on a cycle of the list's
 * rows, or under one.  0 or a negative code.
 */
static int judge_down(struct unit_list *ul, const struct tree *t, unit_lookup_fn lookup,
		      void *lctx)
{
	size_t i, k, n = 0;
	long c;
	int rc;

	for (i = 0; i < ul->nr; i++)
		if (ul->rows[i].state == UNDECIDED &&
		    (t->up[i] < 0 || ul->rows[t->up[i]].state != UNDECIDED))
			t->queue[n++] = i;
	for (k = 0; k < n; k++) {
		i = t->queue[k];
		if ((rc = judge_parent(ul, i, lookup, lctx)) < 0)
			return rc;
		for (c = t->first[i]; c >= 0; c = t->next[c])
			if (ul->rows[c].state == UNDECIDED)
				t->queue[n++] = (size_t)c;
	}
	return 0;
}

/* Refuse row i, on a cycle of len rows of the list, naming the cycle. */
static void judge_cycle(struct unit_list *ul, const struct tree *t, size_t i, size_t len)
{
	struct unit_row *r = &ul->rows[i];
	struct strbuf path, th, en;
	long p = (long)i;
	size_t k;

	strbuf_init(&path);
	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_addstr(&path, r->code);
	for (k = 1; k <= len && (len <= CYCLE_SHOWN || k < CYCLE_SHOWN); k++) {
		p = t->up[p];
		strbuf_addf(&path, " -> %s", ul->rows[p].code);
	}
	if (len > CYCLE_SHOWN)
		strbuf_addf(&path, " -> … -> %s", r->code);
	strbuf_addf(&en, "%s '%s' is its own ancestor: %s", kind_en(r->kind), r->code, path.buf);
	strbuf_addf(&th, "%s '%s' เป็นต้นสังกัดของตัวเอง (สังกัดวนกลับ: %s)", kind_th(r->kind),
		    r->code, path.buf);
	if (len > CYCLE_SHOWN) {
		strbuf_addf(&en, " (%zu units)", len);
		strbuf_addf(&th, " (วนกลับ %zu หน่วยงาน)", len);
	}
	refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
	strbuf_release(&path);
}

/*
 * Refuse every row on a cycle of undecided rows (each such row's parent is
 * an undecided row: judge_down() has run), each cycle found once by one
 * walk up from each row not yet seen.  The number of rows refused.
 */
static size_t judge_cycles(struct unit_list *ul, const struct tree *t)
{
	unsigned char *seen = xcalloc(ul->nr + 1, 1); /* 1: on this walk, 2: done */
	size_t i, k, n, found = 0;
	long j;

	for (i = 0; i < ul->nr; i++) {
		if (ul->rows[i].state != UNDECIDED || seen[i])
			continue;
		n = 0;
		for (j = (long)i; j >= 0 && ul->rows[j].state == UNDECIDED && !seen[j];
		     j = t->up[j]) {
			seen[j] = 1;
			t->queue[n++] = (size_t)j;
		}
		if (j >= 0 && seen[j] == 1) {
			/* the walk met itself: the cycle is from j on */
			size_t from = 0;

			while (t->queue[from] != (size_t)j)
				from++;
			for (k = from; k < n; k++, found++)
				judge_cycle(ul, t, t->queue[k], n - from);
		}
		for (k = 0; k < n; k++)
			seen[t->queue[k]] = 2;
	}
	free(seen);
	return found;
}

/* A set of codes: registered units found to lead to no cycle. */
struct code_set {
	char **slots;
	size_t nr, cap;
};

static int set_has(const struct code_set *cs, const char *code)
{
	size_t h;

	if (!cs->cap)
		return 0;
	for (h = tt_hash_string(code) & (cs->cap - 1); cs->slots[h]; h = (h + 1) & (cs->cap - 1))
		if (!strcmp(cs->slots[h], code))
			return 1;
	return 0;
}

static void set_add(struct code_set *cs, const char *code)
{
	size_t h, i;

	if (set_has(cs, code))
		return;
	if ((cs->nr + 1) * 2 > cs->cap) {
		struct code_set bigger = { NULL, 0, cs->cap ? cs->cap * 2 : 64 };

		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (i = 0; i < cs->cap; i++) {
			if (!cs->slots[i])
				continue;
			for (h = tt_hash_string(cs->slots[i]) & (bigger.cap - 1); bigger.slots[h];
			     h = (h + 1) & (bigger.cap - 1))
				;
			bigger.slots[h] = cs->slots[i];
		}
		free(cs->slots);
		cs->slots = bigger.slots;
		cs->cap = bigger.cap;
	}
	for (h = tt_hash_string(code) & (cs->cap - 1); cs->slots[h]; h = (h + 1) & (cs->cap - 1))
		;
	cs->slots[h] = xstrdup(code);
	cs->nr++;
}

static void set_release(struct code_set *cs)
{
	size_t i;

	for (i = 0; i < cs->cap; i++)
		free(cs->slots[i]);
	free(cs->slots);
}

/* One unit on the way up from a row: a row of the list, or a registered unit. */
struct step {
	long row;                 /* index in the list, or -1 */
	char *code, *file;        /* a registered unit's (row < 0) */
	long file_row;
};

/*
 * The cycle walk[from..n) as "A -> B (units/b.csv row 2) -> A", from walk[at];
 * a long one by its first CYCLE_SHOWN units.
 */
static void cycle_path(const struct unit_list *ul, const struct step *walk, size_t from,
		       size_t n, size_t at, int th, struct strbuf *sb)
{
	size_t k;

	for (k = 0; k <= n - from; k++) {
		const struct step *w;

		if (k == CYCLE_SHOWN && k < n - from) {
			strbuf_addstr(sb, " -> …");
			k = n - from;
		}
		w = &walk[from + (at - from + k) % (n - from)];
		if (k)
			strbuf_addstr(sb, " -> ");
		if (w->row >= 0) {
			strbuf_addstr(sb, ul->rows[w->row].code);
		} else {
			strbuf_addf(sb, th ? "%s (%s แถวที่ %ld)" : "%s (%s row %ld)", w->code, w->file,
				    w->file_row);
		}
	}
}

static void refuse_cycle(struct unit_list *ul, const struct step *walk, size_t from, size_t n,
			 size_t at)
{
	struct unit_row *r = &ul->rows[walk[at].row];
	struct strbuf path_en, path_th, th, en;

	strbuf_init(&path_en);
	strbuf_init(&path_th);
	strbuf_init(&th);
	strbuf_init(&en);
	cycle_path(ul, walk, from, n, at, 0, &path_en);
	cycle_path(ul, walk, from, n, at, 1, &path_th);
	if (n - from > CYCLE_SHOWN) {
		strbuf_addf(&path_en, " (%zu units)", n - from);
		strbuf_addf(&path_th, " (วนกลับ %zu หน่วยงาน)", n - from);
	}
	strbuf_addf(&en, "%s '%s' would be its own ancestor through units registered by other"
		    " lists: %s; a unit cannot be under itself, so it is left out of every total:"
		    " correct the parent here or in the other list", kind_en(r->kind), r->code,
		    path_en.buf);
	strbuf_addf(&th, "%s '%s' จะเป็นต้นสังกัดของตัวเองผ่านหน่วยงานที่ลงทะเบียนไว้ในไฟล์อื่น"
		    " (สังกัดวนกลับ: %s) หน่วยงานสังกัดตัวเองไม่ได้ จึงไม่ถูกนับรวมในรายงานใด"
		    " กรุณาแก้ต้นสังกัดในไฟล์นี้หรือในไฟล์อื่นนั้น", kind_th(r->kind), r->code,
		    path_th.buf);
	refuse(ul, r, COLUMN_PARENT, r->parent, &th, &en);
	strbuf_release(&path_en);
	strbuf_release(&path_th);
}

/*
 * Cycles through units registered before the list: an office of this list
 * under an office of another list that is itself under this one.  Each
 * accepted row's ancestors are followed, through the list's rows and the
 * registered units (lookup), to one without a parent, one unknown, or a row
 * of this walk met again: a cycle, whose rows are refused, naming it.  Rows
 * and registered units found to lead to no cycle are remembered, so that a
 * registered office is asked about once, not once per school under it; a
 * walk among registered units alone stops after 64 (a cycle there is no
 * doing of this list).  Returns the rows refused, or a negative code.
 */
static long registry_cycles(struct unit_list *ul, unit_lookup_fn lookup, void *lctx)
{
	unsigned char *mark = xcalloc(ul->nr + 1, 1); /* 1: no cycle above, 2: on this walk */
	struct code_set safe = { NULL, 0, 0 };
	struct step *walk = NULL;
	size_t nr_walk = 0, alloc_walk = 0, i, k;
	struct strbuf cur;
	long found = 0;
	int rc = 0;

	strbuf_init(&cur);
	for (i = 0; rc >= 0 && i < ul->nr; i++) {
		size_t hops = 0;
		long cycle_at = -1;

		if (ul->rows[i].state != ACCEPTED || mark[i])
			continue;
		nr_walk = 0;
		xgrow(&walk, &alloc_walk, nr_walk + 1, sizeof(*walk));
		walk[nr_walk++] = (struct step){ (long)i, NULL, NULL, 0 };
		mark[i] = 2;
		strbuf_reset(&cur);
		strbuf_addstr(&cur, ul->rows[i].parent);
		while (cur.len) {
			long j = find(ul, cur.buf);
			struct unit_known kn;

			if (j >= 0 && ul->rows[j].state == ACCEPTED && !ul->rows[j].taken) {
				if (mark[j] == 2)
					for (k = 0; k < nr_walk; k++)
						if (walk[k].row == j)
							cycle_at = (long)k;
				if (mark[j])
					break;
				xgrow(&walk, &alloc_walk, nr_walk + 1, sizeof(*walk));
				walk[nr_walk++] = (struct step){ j, NULL, NULL, 0 };
				mark[j] = 2;
				strbuf_reset(&cur);
				strbuf_addstr(&cur, ul->rows[j].parent);
				continue;
			}
			/* a row refused here is not stored: the chain ends with it */
			if ((j >= 0 && !ul->rows[j].taken) || set_has(&safe, cur.buf) || ++hops > 64)
				break;
			memset(&kn, 0, sizeof(kn));
			if ((rc = lookup(cur.buf, &kn, lctx)) <= 0)
				break;
			xgrow(&walk, &alloc_walk, nr_walk + 1, sizeof(*walk));
			walk[nr_walk++] = (struct step){ -1, xstrdup(cur.buf), xstrdup(kn.file),
							 kn.row };
			strbuf_reset(&cur);
			strbuf_addstr(&cur, kn.parent ? kn.parent : "");
		}
		if (cycle_at >= 0)
			for (k = (size_t)cycle_at; k < nr_walk; k++)
				if (walk[k].row >= 0) {
					refuse_cycle(ul, walk, (size_t)cycle_at, nr_walk, k);
					found++;
				}
		for (k = 0; k < nr_walk; k++) {
			if (walk[k].row >= 0)
				mark[walk[k].row] = 1;
			else if (cycle_at < 0)
				set_add(&safe, walk[k].code);
			free(walk[k].code);
			free(walk[k].file);
		}
	}
	strbuf_release(&cur);
	set_release(&safe);
	free(walk);
	free(mark);
	return rc < 0 ? rc : found;
}

static int problem_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int unit_list_check(struct unit_list *ul, unit_lookup_fn lookup, void *lookup_ctx,
		    unit_problem_fn fn, void *fn_ctx, size_t *accepted, size_t *refused,
		    struct tt_error *err)
{
	struct tree tree;
	size_t i, ok = 0;
	long through;
	int rc = 0;

	clear_problems(ul);
	if (ul->seen != ul->nr) {
		tt_error_set(err, TT_EPARSE, "unit list too large: %zu rows, and a list may hold at"
			     " most %u rows and %u MiB of text", ul->seen, UNIT_LIST_MAX_ROWS,
			     UNIT_LIST_MAX_BYTES >> 20);
		tt_error_at(err, ul->file, 0, NULL);
		return tt_error_issue(err, "E-TOOLARGE");
	}
	for (i = 0; i < ul->nr; i++)
		ul->rows[i].state = UNDECIDED;
	build_index(ul);
	find_examples(ul);
	for (i = 0; !rc && i < ul->nr; i++)
		rc = judge_alone(ul, i, lookup, lookup_ctx);
	tree_build(ul, &tree);
	do {
		/* down from what is decided; then what waits on a cycle, and under it */
		while (rc >= 0 && !(rc = judge_down(ul, &tree, lookup, lookup_ctx)) &&
		       judge_cycles(ul, &tree))
			;
		through = rc >= 0 && lookup ? registry_cycles(ul, lookup, lookup_ctx) : 0;
		if (through < 0)
			rc = (int)through;
		/* what was taken under a row now refused is judged again */
		for (i = 0; through > 0 && i < ul->nr; i++)
			if (ul->rows[i].state == ACCEPTED)
				ul->rows[i].state = UNDECIDED;
	} while (through > 0);
	tree_release(&tree);
	if (rc > 0)
		rc = 0;
	if (ul->nr_problems)
		qsort(ul->problems, ul->nr_problems, sizeof(*ul->problems), problem_cmp);
	for (i = 0; !rc && fn && i < ul->nr_problems; i++) {
		const struct pending *p = &ul->problems[i];
		struct unit_problem up = { ul->file, p->row, p->column, p->found, p->th, p->en };

		rc = fn(&up, fn_ctx);
	}
	for (i = 0; i < ul->nr; i++)
		ok += ul->rows[i].state == ACCEPTED;
	if (accepted)
		*accepted = ok;
	if (refused)
		*refused = ul->nr - ok;
	return rc;
}

/* The units registered in the database, for checking a list against. */
struct unit_registry {
	sqlite3 *db;
	sqlite3_stmt *lookup;
	const char *file;         /* whose units are left out, or NULL */
	struct strbuf found_file, found_parent;
	struct tt_error *err;
};

struct unit_registry *unit_registry_open(sqlite3 *db, struct tt_error *err)
{
	struct unit_registry *ur = xcalloc(1, sizeof(*ur));

	ur->db = db;
	ur->err = err;
	strbuf_init(&ur->found_file);
	strbuf_init(&ur->found_parent);
	if (db_prepare(db, &ur->lookup,
		       "SELECT u.kind, f.path, u.row, u.parent FROM unit u"
		       " JOIN file f ON f.id = u.file_id"
		       " WHERE u.code = ?1 AND NOT (?2 IS NOT NULL"
		       " AND substr(?2, -length(f.path)) = f.path"
		       " AND (length(?2) = length(f.path) OR substr(?2, -length(f.path) - 1, 1) = '/'))",
		       err)) {
		unit_registry_free(ur);
		return NULL;
	}
	return ur;
}

void unit_registry_set_file(struct unit_registry *ur, const char *file)
{
	ur->file = file;
}

int unit_registry_lookup(const char *code, struct unit_known *out, void *ctx)
{
	struct unit_registry *ur = ctx;
	int r;

	sqlite3_reset(ur->lookup);
	db_bind_text(ur->lookup, 1, code);
	db_bind_text(ur->lookup, 2, ur->file);
	r = sqlite3_step(ur->lookup);
	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW)
		return db_fail(ur->db, "could not look up a unit", ur->err);
	out->kind = unit_kind_parse(db_column_text(ur->lookup, 0));
	strbuf_reset(&ur->found_file);
	strbuf_addstr(&ur->found_file, db_column_text(ur->lookup, 1));
	out->file = ur->found_file.buf;
	out->row = sqlite3_column_int(ur->lookup, 2);
	strbuf_reset(&ur->found_parent);
	strbuf_addstr(&ur->found_parent, db_column_text(ur->lookup, 3));
	out->parent = ur->found_parent.buf;
	return 1;
}

void unit_registry_free(struct unit_registry *ur)
{
	if (!ur)
		return;
	sqlite3_finalize(ur->lookup);
	strbuf_release(&ur->found_file);
	strbuf_release(&ur->found_parent);
	free(ur);
}

/* Storing a checked list in the database. */
struct store {
	sqlite3 *db;
	sqlite3_stmt *issue;
	long long file_id;
	struct tt_error *err;
};

static int db_issue(const struct unit_problem *p, void *ctx)
{
	struct store *s = ctx;
	sqlite3_stmt *st = s->issue;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, s->file_id);
	if (p->row > 0)
		sqlite3_bind_int64(st, 2, p->row);
	else
		sqlite3_bind_null(st, 2);
	db_bind_text(st, 3, p->column && *p->column ? p->column : NULL);
	db_bind_text(st, 4, p->found);
	db_bind_text(st, 5, p->th);
	db_bind_text(st, 6, p->en);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(s->db, "could not record an issue", s->err);
	return 0;
}

/*
 * The least code of this list's units (state ACCEPTED) on a cycle of all's
 * rows, or NULL: one walk up from each row not yet seen, as judge_cycles().
 */
static const char *cycle_of_mine(const struct unit_list *all, const struct tree *t)
{
	unsigned char *seen = xcalloc(all->nr + 1, 1); /* 1: on this walk, 2: done */
	const char *least = NULL;
	size_t i, k, n;
	long j;

	for (i = 0; !least && i < all->nr; i++) {
		if (seen[i])
			continue;
		n = 0;
		for (j = (long)i; j >= 0 && !seen[j]; j = t->up[j]) {
			seen[j] = 1;
			t->queue[n++] = (size_t)j;
		}
		for (k = n; j >= 0 && seen[j] == 1 && k-- > 0;) {
			const struct unit_row *u = &all->rows[t->queue[k]];

			if (u->state == ACCEPTED && (!least || strcmp(u->code, least) < 0))
				least = u->code;
			if (t->queue[k] == (size_t)j)
				break;
		}
		for (k = 0; k < n; k++)
			seen[t->queue[k]] = 2;
	}
	free(seen);
	return least;
}

/*
 * After storing: does a unit of file_id now stand above itself?  The whole
 * register's codes and parents are read once and walked up (linear in the
 * units, however deep the tree); the check of the rows (unit_list_check())
 * refuses every cycle it can see, and this one refuses the list whole for
 * any it could not (through a unit an older version of the same list left
 * registered).  0, TT_EPARSE or TT_EDB.
 */
static int stored_cycle(sqlite3 *db, long long file_id, const char *file, struct tt_error *err)
{
	struct unit_list *all = unit_list_new(file);
	struct tree t;
	sqlite3_stmt *st;
	const char *code;
	int rc, r;

	if ((rc = db_prepare(db, &st, "SELECT code, COALESCE(parent, ''), file_id = ?1 FROM unit",
			     err))) {
		unit_list_free(all);
		return rc;
	}
	sqlite3_bind_int64(st, 1, file_id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_row *u;

		xgrow(&all->rows, &all->alloc, all->nr + 1, sizeof(*all->rows));
		u = &all->rows[all->nr++];
		memset(u, 0, sizeof(*u));
		u->code = xstrdup(db_column_text(st, 0));
		u->parent = xstrdup(db_column_text(st, 1));
		u->state = sqlite3_column_int(st, 2) ? ACCEPTED : UNDECIDED;
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, "could not look for a cycle of units", err);
	sqlite3_finalize(st);
	if (!rc) {
		build_index(all);
		tree_build(all, &t);
		if ((code = cycle_of_mine(all, &t))) {
			tt_error_set(err, TT_EPARSE, "unit list refused whole: unit '%s' would be its"
				     " own ancestor through units registered before it, so nothing of"
				     " the list is taken and the register stays as it was", code);
			tt_error_at(err, file, 0, NULL);
			rc = tt_error_issue(err, "E-UNITLIST");
		}
		tree_release(&t);
	}
	unit_list_free(all);
	return rc;
}

int unit_list_store(struct unit_list *ul, sqlite3 *db, long long file_id,
		    size_t *accepted, size_t *refused, struct tt_error *err)
{
	struct store s = { db, NULL, file_id, err };
	struct unit_registry *registered;
	sqlite3_stmt *add = NULL, *figures = NULL, *no_figures = NULL;
	size_t i;
	int rc;

	if (!(registered = unit_registry_open(db, err)))
		return TT_EDB;
	/* a unit registered by an earlier version of this same file may be declared again */
	unit_registry_set_file(registered, ul->file);
	if ((rc = db_prepare(db, &s.issue,
			     "INSERT INTO issue(file_id, severity, code, row, col, found, message_th,"
			     " message_en) VALUES(?1, 'error', 'E-UNITLIST', ?2, ?3, ?4, ?5, ?6)", err)) ||
	    (rc = db_prepare(db, &add,
			     "INSERT OR REPLACE INTO unit(code, name, kind, parent, file_id, row)"
			     " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", err)) ||
	    /* a list without the figures drops those an earlier list gave */
	    (rc = db_prepare(db, &figures,
			     "INSERT OR REPLACE INTO unit_figures(code, size, district, students,"
			     " students_by_level, teachers, file_id) SELECT ?1, NULLIF(?2, ''),"
			     " NULLIF(?3, ''), NULLIF(?4, -1), ?5, NULLIF(?6, -1), ?7"
			     " WHERE ?2 <> '' OR ?3 <> '' OR ?4 >= 0 OR ?6 >= 0", err)) ||
	    (rc = db_prepare(db, &no_figures, "DELETE FROM unit_figures WHERE code = ?1", err)))
		goto out;
	if ((rc = unit_list_check(ul, unit_registry_lookup, registered, db_issue, &s, accepted,
				  refused, err)))
		goto out;
	for (i = 0; i < ul->nr; i++) {
		const struct unit_row *r = &ul->rows[i];

		if (r->state != ACCEPTED)
			continue;
		sqlite3_reset(add);
		db_bind_text(add, 1, r->code);
		db_bind_text(add, 2, r->name);
		db_bind_text(add, 3, unit_kind_name(r->kind));
		db_bind_text(add, 4, *r->parent ? r->parent : NULL);
		sqlite3_bind_int64(add, 5, file_id);
		sqlite3_bind_int64(add, 6, r->row);
		if (sqlite3_step(add) != SQLITE_DONE ||
		    (rc = store_figures(db, no_figures, figures, r, file_id, err))) {
			rc = rc ? rc : db_fail(db, "could not store a unit", err);
			goto out;
		}
	}
	if (!(rc = db_units_stored(db, file_id, err)))
		rc = stored_cycle(db, file_id, ul->file, err);
out:
	unit_registry_free(registered);
	sqlite3_finalize(s.issue);
	sqlite3_finalize(add);
	sqlite3_finalize(figures);
	sqlite3_finalize(no_figures);
	return rc;
}
