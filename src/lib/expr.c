/*
 * expr.c - parsing and evaluating validation rules: a recursive-descent
 * parser over a small tokenizer, and a three-valued evaluator.
 *
 * Rules are parsed once, when the framework is loaded, and evaluated for
 * every unit and round: evaluation allocates nothing unless asked to
 * explain itself.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidtam/expr.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

enum node_kind {
	N_NUM, N_REF, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV,
	N_LT, N_LE, N_GT, N_GE, N_EQ, N_NE,
	N_AND, N_OR, N_NOT, N_WHEN
};

struct expr {
	enum node_kind kind;
	struct expr *l, *r;
	double num;                /* N_NUM */
	char *code;                /* N_REF: indicator code */
	enum expr_part part;       /* N_REF */
	char *text;                /* N_NUM, N_REF: as written, for explanations */
	int depth;                 /* of the tree under it, itself included */
};

/* ---- tokens ------------------------------------------------------------ */

enum tok { T_END, T_NUM, T_IDENT, T_LPAREN, T_RPAREN, T_OP, T_BAD };

struct parser {
	const char *text;
	const char *p;             /* next byte */
	enum tok tok;
	const char *start;         /* of the current token */
	size_t len;
	enum node_kind op;         /* T_OP: which */
	double num;                /* T_NUM */
	struct expr_error *err;
	int failed;
	int nesting;               /* open '(', '-' and 'not' being parsed */
};

static int column_of(const struct parser *ps, const char *at)
{
	const char *s;
	int col = 1;

	for (s = ps->text; s < at; s++)
		col += ((unsigned char)*s & 0xC0) != 0x80;
	return col;
}

static void error_at(struct parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Keep the first error: where it is and what is wrong. */
static void error_at(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return;
	ps->failed = 1;
	if (ps->err) {
		ps->err->column = column_of(ps, at);
		struct strbuf sb;

		/* built whole, cut (if it must be) between two UTF-8 characters */
		strbuf_init(&sb);
		va_start(ap, fmt);
		strbuf_vaddf(&sb, fmt, ap);
		va_end(ap);
		tt_strlcpy(ps->err->message, sb.buf, sizeof(ps->err->message));
		strbuf_release(&sb);
	}
}

static int ident_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-' || c >= 0x80;
}

/* Thai digit ๐-๙ at s (E0 B9 90..99): its value, or -1. */
static int thai_digit(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return u[0] == 0xE0 && u[1] == 0xB9 && u[2] >= 0x90 && u[2] <= 0x99 ? u[2] - 0x90 : -1;
}

static void read_number(struct parser *ps)
{
	struct strbuf sb;
	char *end;

	strbuf_init(&sb);
	for (;;) {
		int d = thai_digit(ps->p);

		if (d >= 0) {
			strbuf_addch(&sb, '0' + d);
			ps->p += 3;
		} else if ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.') {
			strbuf_addch(&sb, *ps->p++);
		} else {
			break;
		}
	}
	ps->num = strtod(sb.buf, &end);
	if (*end || !sb.len)
		error_at(ps, ps->start, "'%s' is not a number", sb.buf);
	ps->tok = T_NUM;
	strbuf_release(&sb);
}

static const struct { const char *text; enum node_kind op; } ops[] = {
	{ "<=", N_LE }, { ">=", N_GE }, { "==", N_EQ }, { "!=", N_NE }, { "<>", N_NE },
	{ "&&", N_AND }, { "||", N_OR },
	{ "\xE2\x89\xA4", N_LE }, { "\xE2\x89\xA5", N_GE }, { "\xE2\x89\xA0", N_NE },
	{ "\xC3\x97", N_MUL }, { "\xC3\xB7", N_DIV },
	{ "<", N_LT }, { ">", N_GT }, { "=", N_EQ }, { "!", N_NOT },
	{ "+", N_ADD }, { "-", N_SUB }, { "*", N_MUL }, { "/", N_DIV },
};

static void next(struct parser *ps)
{
	size_t i;

	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
	ps->start = ps->p;
	if (!*ps->p) {
		ps->tok = T_END;
		return;
	}
	if ((*ps->p >= '0' && *ps->p <= '9') || thai_digit(ps->p) >= 0 ||
	    (*ps->p == '.' && ps->p[1] >= '0' && ps->p[1] <= '9')) {
		read_number(ps);
		ps->len = (size_t)(ps->p - ps->start);
		return;
	}
	if (*ps->p == '(' || *ps->p == ')') {
		ps->tok = *ps->p++ == '(' ? T_LPAREN : T_RPAREN;
		ps->len = 1;
		return;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].text);

		if (!strncmp(ps->p, ops[i].text, n)) {
			ps->tok = T_OP;
			ps->op = ops[i].op;
			ps->p += n;
			ps->len = n;
			return;
		}
	}
	if (ident_char((unsigned char)*ps->p) && *ps->p != '.' && *ps->p != '-') {
		while (ident_char((unsigned char)*ps->p) &&
		       /* × and ÷ end a name: they are operators */
		       strncmp(ps->p, "\xC3\x97", 2) && strncmp(ps->p, "\xC3\xB7", 2) &&
		       strncmp(ps->p, "\xE2\x89", 2))
			ps->p++;
		/* a trailing '-' or '.' belongs to what follows */
		while (ps->p > ps->start + 1 && (ps->p[-1] == '-' || ps->p[-1] == '.'))
			ps->p--;
		ps->tok = T_IDENT;
		ps->len = (size_t)(ps->p - ps->start);
		return;
	}
	ps->tok = T_BAD;
	ps->len = 1;
	error_at(ps, ps->p, "unexpected character '%.*s'",
		 (int)(((unsigned char)*ps->p & 0xE0) == 0xC0 ? 2
		       : ((unsigned char)*ps->p & 0xF0) == 0xE0 ? 3
		       : ((unsigned char)*ps->p & 0xF8) == 0xF0 ? 4 : 1), ps->p);
}

static int is_word(const struct parser *ps, const char *word)
{
	return ps->tok == T_IDENT && ps->len == strlen(word) &&
	       !strncasecmp(ps->start, word, ps->len);
}

/* ---- the parser -------------------------------------------------------- */

/*
 * A node over l and r.  Evaluating, explaining and freeing a rule recurse
 * down its tree, so a tree deeper than EXPR_MAX_DEPTH (a long chain of
 * '+') fails the parse rather than the stack.
 */
static struct expr *node(struct parser *ps, enum node_kind kind, struct expr *l,
			 struct expr *r)
{
	struct expr *e = xcalloc(1, sizeof(*e));
	int dl = l ? l->depth : 0, dr = r ? r->depth : 0;

	e->kind = kind;
	e->l = l;
	e->r = r;
	e->depth = 1 + (dl > dr ? dl : dr);
	if (e->depth > EXPR_MAX_DEPTH)
		error_at(ps, ps->start, "the rule is too long: more than %d operations deep",
			 EXPR_MAX_DEPTH);
	return e;
}

/* One more '(', '-' or 'not' open: 0, or -1 past EXPR_MAX_DEPTH (so that
 * the parser's recursion never fails the stack). */
static int nest(struct parser *ps)
{
	if (++ps->nesting <= EXPR_MAX_DEPTH)
		return 0;
	error_at(ps, ps->start, "the rule nests more than %d brackets or signs deep",
		 EXPR_MAX_DEPTH);
	return -1;
}

static struct expr *parse_rule(struct parser *ps);

static struct expr *parse_atom(struct parser *ps)
{
	struct expr *e;

	if (ps->failed)
		return NULL;
	if (ps->tok == T_NUM) {
		e = node(ps, N_NUM, NULL, NULL);
		e->num = ps->num;
		e->text = xmalloc(ps->len + 1);
		memcpy(e->text, ps->start, ps->len);
		e->text[ps->len] = '\0';
		next(ps);
		return e;
	}
	if (ps->tok == T_LPAREN) {
		const char *open = ps->start;

		if (nest(ps))
			return NULL;
		next(ps);
		e = parse_rule(ps);
		if (!ps->failed && ps->tok != T_RPAREN)
			error_at(ps, ps->start, "expected ')' to close the '(' at column %d",
				 column_of(ps, open));
		next(ps);
		ps->nesting--;
		return e;
	}
	if (ps->tok == T_IDENT) {
		static const struct { const char *word; double v; } consts[] = {
			{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
			{ "ใช่", 1 }, { "ไม่ใช่", 0 },
		};
		static const struct { const char *suffix; enum expr_part part; } parts[] = {
			{ ".num", EXPR_NUMERATOR }, { ".den", EXPR_DENOMINATOR },
			{ ".value", EXPR_VALUE },
		};
		size_t i;

		if (is_word(ps, "and") || is_word(ps, "or") || is_word(ps, "not") ||
		    is_word(ps, "when")) {
			error_at(ps, ps->start, "expected a value before '%.*s'", (int)ps->len,
				 ps->start);
			return NULL;
		}
		for (i = 0; i < sizeof(consts) / sizeof(consts[0]); i++)
			if (is_word(ps, consts[i].word)) {
				e = node(ps, N_NUM, NULL, NULL);
				e->num = consts[i].v;
				e->text = xstrdup(consts[i].word);
				next(ps);
				return e;
			}
		e = node(ps, N_REF, NULL, NULL);
		e->text = xmalloc(ps->len + 1);
		memcpy(e->text, ps->start, ps->len);
		e->text[ps->len] = '\0';
		e->code = xstrdup(e->text);
		e->part = EXPR_VALUE;
		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			size_t n = strlen(parts[i].suffix), m = strlen(e->code);

			if (m > n && !strcasecmp(e->code + m - n, parts[i].suffix)) {
				e->code[m - n] = '\0';
				e->part = parts[i].part;
			}
		}
		next(ps);
		return e;
	}
	if (ps->tok == T_END)
		error_at(ps, ps->start, "the rule ends where a value is expected");
	else
		error_at(ps, ps->start, "expected a number, a code or '(' here");
	return NULL;
}

static struct expr *parse_unary(struct parser *ps)
{
	struct expr *e;

	if (ps->tok == T_OP && ps->op == N_SUB) {
		if (nest(ps))
			return NULL;
		next(ps);
		e = node(ps, N_NEG, parse_unary(ps), NULL);
		ps->nesting--;
		return e;
	}
	return parse_atom(ps);
}

static struct expr *parse_product(struct parser *ps)
{
	struct expr *e = parse_unary(ps);

	while (!ps->failed && ps->tok == T_OP && (ps->op == N_MUL || ps->op == N_DIV)) {
		enum node_kind k = ps->op;

		next(ps);
		e = node(ps, k, e, parse_unary(ps));
	}
	return e;
}

static struct expr *parse_sum(struct parser *ps)
{
	struct expr *e = parse_product(ps);

	while (!ps->failed && ps->tok == T_OP && (ps->op == N_ADD || ps->op == N_SUB)) {
		enum node_kind k = ps->op;

		next(ps);
		e = node(ps, k, e, parse_product(ps));
	}
	return e;
}

static int comparison(enum node_kind k)
{
	return k >= N_LT && k <= N_NE;
}

static struct expr *parse_cmp(struct parser *ps)
{
	struct expr *e = parse_sum(ps);

	if (!ps->failed && ps->tok == T_OP && comparison(ps->op)) {
		enum node_kind k = ps->op;

		next(ps);
		e = node(ps, k, e, parse_sum(ps));
		if (!ps->failed && ps->tok == T_OP && comparison(ps->op))
			error_at(ps, ps->start, "comparisons do not chain: use 'and'");
	}
	return e;
}

static struct expr *parse_not(struct parser *ps)
{
	struct expr *e;

	if ((ps->tok == T_OP && ps->op == N_NOT) || is_word(ps, "not")) {
		if (nest(ps))
			return NULL;
		next(ps);
		e = node(ps, N_NOT, parse_not(ps), NULL);
		ps->nesting--;
		return e;
	}
	return parse_cmp(ps);
}

static struct expr *parse_and(struct parser *ps)
{
	struct expr *e = parse_not(ps);

	while (!ps->failed && ((ps->tok == T_OP && ps->op == N_AND) || is_word(ps, "and"))) {
		next(ps);
		e = node(ps, N_AND, e, parse_not(ps));
	}
	return e;
}

static struct expr *parse_or(struct parser *ps)
{
	struct expr *e = parse_and(ps);

	while (!ps->failed && ((ps->tok == T_OP && ps->op == N_OR) || is_word(ps, "or"))) {
		next(ps);
		e = node(ps, N_OR, e, parse_and(ps));
	}
	return e;
}

static struct expr *parse_rule(struct parser *ps)
{
	struct expr *e = parse_or(ps);

	if (!ps->failed && is_word(ps, "when")) {
		next(ps);
		e = node(ps, N_WHEN, e, parse_or(ps));
	}
	return e;
}

struct expr *expr_parse(const char *text, struct expr_error *err)
{
	struct parser ps;
	struct expr *e;

	memset(&ps, 0, sizeof(ps));
	ps.text = ps.p = text ? text : "";
	ps.err = err;
	if (err) {
		err->column = 0;
		err->message[0] = '\0';
	}
	next(&ps);
	if (ps.tok == T_END) {
		error_at(&ps, ps.start, "the rule is empty");
		return NULL;
	}
	e = parse_rule(&ps);
	if (!ps.failed && ps.tok != T_END)
		error_at(&ps, ps.start, "unexpected '%.*s' after a complete rule", (int)ps.len,
			 ps.start);
	if (ps.failed) {
		expr_free(e);
		return NULL;
	}
	return e;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	expr_free(e->l);
	expr_free(e->r);
	free(e->code);
	free(e->text);
	free(e);
}

int expr_is_condition(const struct expr *e)
{
	return e && (comparison(e->kind) || e->kind == N_AND || e->kind == N_OR ||
		     e->kind == N_NOT || e->kind == N_WHEN);
}

void expr_each_code(const struct expr *e, void (*fn)(const char *code, void *ctx),
		    void *ctx)
{
	if (!e)
		return;
	if (e->kind == N_REF)
		fn(e->code, ctx);
	expr_each_code(e->l, fn, ctx);
	expr_each_code(e->r, fn, ctx);
}

/* ---- evaluation -------------------------------------------------------- */

struct eval {
	expr_lookup_fn lookup;
	void *ctx;
	struct strbuf *explain;
};

static enum expr_truth truth(const struct expr *e, struct eval *ev);

/* 0 and *out, or 1 when unknown (a value missing, a division by zero). */
static int number(const struct expr *e, struct eval *ev, double *out)
{
	double a, b;
	int ua, ub;

	switch (e->kind) {
	case N_NUM:
		*out = e->num;
		return 0;
	case N_REF:
		return ev->lookup(e->code, e->part, out, ev->ctx) ? 1 : 0;
	case N_NEG:
		if (number(e->l, ev, &a))
			return 1;
		*out = -a;
		return 0;
	case N_ADD: case N_SUB: case N_MUL: case N_DIV:
		ua = number(e->l, ev, &a);
		ub = number(e->r, ev, &b);
		if (ua || ub || (e->kind == N_DIV && b == 0))
			return 1;
		*out = e->kind == N_ADD ? a + b : e->kind == N_SUB ? a - b
		     : e->kind == N_MUL ? a * b : a / b;
		return 0;
	default:
		switch (truth(e, ev)) {
		case EXPR_TRUE: *out = 1; return 0;
		case EXPR_FALSE: *out = 0; return 0;
		default: return 1;
		}
	}
}

static int close_enough(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static enum expr_truth truth(const struct expr *e, struct eval *ev)
{
	enum expr_truth a, b;
	double x, y;

	switch (e->kind) {
	case N_LT: case N_LE: case N_GT: case N_GE: case N_EQ: case N_NE: {
		int ux = number(e->l, ev, &x), uy = number(e->r, ev, &y);
		int eq;

		if (ux || uy)
			return EXPR_UNKNOWN;
		eq = close_enough(x, y);
		switch (e->kind) {
		case N_LT: return x < y && !eq ? EXPR_TRUE : EXPR_FALSE;
		case N_LE: return x < y || eq ? EXPR_TRUE : EXPR_FALSE;
		case N_GT: return x > y && !eq ? EXPR_TRUE : EXPR_FALSE;
		case N_GE: return x > y || eq ? EXPR_TRUE : EXPR_FALSE;
		case N_EQ: return eq ? EXPR_TRUE : EXPR_FALSE;
		default: return eq ? EXPR_FALSE : EXPR_TRUE;
		}
	}
	case N_AND:
		a = truth(e->l, ev);
		b = truth(e->r, ev);
		if (a == EXPR_FALSE || b == EXPR_FALSE)
			return EXPR_FALSE;
		return a == EXPR_UNKNOWN || b == EXPR_UNKNOWN ? EXPR_UNKNOWN : EXPR_TRUE;
	case N_OR:
		a = truth(e->l, ev);
		b = truth(e->r, ev);
		if (a == EXPR_TRUE || b == EXPR_TRUE)
			return EXPR_TRUE;
		return a == EXPR_UNKNOWN || b == EXPR_UNKNOWN ? EXPR_UNKNOWN : EXPR_FALSE;
	case N_NOT:
		a = truth(e->l, ev);
		return a == EXPR_UNKNOWN ? EXPR_UNKNOWN : a == EXPR_TRUE ? EXPR_FALSE : EXPR_TRUE;
	case N_WHEN:
		b = truth(e->r, ev);
		if (b == EXPR_FALSE)
			return EXPR_TRUE; /* the rule does not apply */
		if (b == EXPR_UNKNOWN)
			return EXPR_UNKNOWN;
		return truth(e->l, ev);
	default:
		if (number(e, ev, &x))
			return EXPR_UNKNOWN;
		return x != 0 ? EXPR_TRUE : EXPR_FALSE;
	}
}

static int precedence(enum node_kind k)
{
	switch (k) {
	case N_WHEN: return 1;
	case N_OR: return 2;
	case N_AND: return 3;
	case N_NOT: return 4;
	case N_LT: case N_LE: case N_GT: case N_GE: case N_EQ: case N_NE: return 5;
	case N_ADD: case N_SUB: return 6;
	case N_MUL: case N_DIV: return 7;
	case N_NEG: return 8;
	default: return 9;
	}
}

static void format_value(struct strbuf *sb, double v)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.10g", v);
	strbuf_addstr(sb, buf);
}

/* The rule written out again with every reference's value beside it. */
static void explain(const struct expr *e, struct eval *ev, struct strbuf *sb, int outer)
{
	static const char *const names[] = {
		[N_ADD] = " + ", [N_SUB] = " - ", [N_MUL] = " × ", [N_DIV] = " ÷ ",
		[N_LT] = " < ", [N_LE] = " <= ", [N_GT] = " > ", [N_GE] = " >= ",
		[N_EQ] = " = ", [N_NE] = " != ", [N_AND] = " and ", [N_OR] = " or ",
		[N_WHEN] = " when ",
	};
	int p = precedence(e->kind), paren = p < outer;
	double v;

	if (paren)
		strbuf_addch(sb, '(');
	switch (e->kind) {
	case N_NUM:
		strbuf_addstr(sb, e->text);
		break;
	case N_REF:
		strbuf_addstr(sb, e->text);
		if (ev->lookup(e->code, e->part, &v, ev->ctx)) {
			strbuf_addstr(sb, " [ไม่มีค่า]");
		} else {
			strbuf_addstr(sb, " [");
			format_value(sb, v);
			strbuf_addch(sb, ']');
		}
		break;
	case N_NEG:
		strbuf_addch(sb, '-');
		explain(e->l, ev, sb, p);
		break;
	case N_NOT:
		strbuf_addstr(sb, "not ");
		explain(e->l, ev, sb, p);
		break;
	default:
		explain(e->l, ev, sb, p);
		strbuf_addstr(sb, names[e->kind]);
		/* left-associative: a right operand of the same level needs () */
		explain(e->r, ev, sb, p + 1);
		break;
	}
	if (paren)
		strbuf_addch(sb, ')');
}

enum expr_truth expr_check(const struct expr *e, expr_lookup_fn lookup, void *ctx,
			   struct strbuf *explanation)
{
	struct eval ev = { lookup, ctx, explanation };

	if (explanation)
		explain(e, &ev, explanation, 0);
	return truth(e, &ev);
}

int expr_value(const struct expr *e, expr_lookup_fn lookup, void *ctx, double *out)
{
	struct eval ev = { lookup, ctx, NULL };

	return number(e, &ev, out);
}
