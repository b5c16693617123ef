/*
 * expr.h - the small expression language of validation rules.
 *
 * A rule compares values of one unit and round:
 *
 *   READ.num <= ENROL.total
 *   BUDGET.spent <= BUDGET.allocated
 *   SAFE.level >= 3 when SAFE.plan = yes
 *   QUAL01.num <= QUAL01.den and (OPP02 + OPP05) × 2 < 1000
 *
 * Grammar, loosest first:
 *
 *   rule    := or [ "when" or ]          A when B: A is checked only if B holds
 *   or      := and { ("or" | "||") and }
 *   and     := not { ("and" | "&&") not }
 *   not     := ("not" | "!") not | cmp
 *   cmp     := sum [ op sum ]            op: < <= > >= = == != <> ≤ ≥ ≠
 *   sum     := product { ("+" | "-") product }
 *   product := unary { ("*" | "/" | "×" | "÷") unary }
 *   unary   := "-" unary | atom
 *   atom    := number | "yes" | "no" | "ใช่" | "ไม่ใช่" | reference | "(" rule ")"
 *
 * Numbers may use Thai digits.  A reference is an indicator code, optionally
 * with ".num", ".den" or ".value" for a percentage's numerator, denominator
 * or value; any other dotted name (BUDGET.spent) is a code of its own.
 * yes is 1 and no is 0, so "SAFE02 = yes" compares a yes/no indicator.
 *
 * Values may be missing.  Evaluation is three-valued: a comparison with a
 * missing value, or with a division by zero in it, is unknown; "and" is
 * false if either side is, "or" true if either side is, "when" is true when
 * its condition is false.  A rule that comes out unknown was not checked.
 */
#ifndef TIDTAM_EXPR_H
#define TIDTAM_EXPR_H

#include <stddef.h>

struct strbuf;

enum expr_part { EXPR_VALUE, EXPR_NUMERATOR, EXPR_DENOMINATOR };

enum expr_truth { EXPR_FALSE, EXPR_TRUE, EXPR_UNKNOWN };

struct expr;

/* Where and why a rule does not parse. */
struct expr_error {
	int column;            /* 1-based, in characters of the rule's text */
	char message[200];     /* English: "expected ')' after ..." */
};

/* Deepest a rule may nest: brackets, signs and operations in a chain. */
#define EXPR_MAX_DEPTH 200

/*
 * Parse text.  Returns the rule (free with expr_free()) or NULL with err
 * saying where (column) and what is wrong.  A rule nesting deeper than
 * EXPR_MAX_DEPTH is refused, so that no rule can exhaust the stack.
 */
struct expr *expr_parse(const char *text, struct expr_error *err);
void expr_free(struct expr *e);

/* 1 if the rule's top operator is a comparison, and/or/not or when. */
int expr_is_condition(const struct expr *e);

/*
 * Gives the value of code's part: 0 and *out, or 1 when the unit has no
 * such value.
 */
typedef int (*expr_lookup_fn)(const char *code, enum expr_part part, double *out,
			      void *ctx);

/* Call fn for each distinct indicator code the rule refers to. */
void expr_each_code(const struct expr *e, void (*fn)(const char *code, void *ctx),
		    void *ctx);

/*
 * Evaluate the rule as a condition.  When explain is not NULL it gets the
 * rule with the values used, e.g. "READ.num (41) <= ENROL.total (40)".
 */
enum expr_truth expr_check(const struct expr *e, expr_lookup_fn lookup, void *ctx,
			   struct strbuf *explain);

/* Evaluate as a number: 0 and *out, or 1 if it cannot be known. */
int expr_value(const struct expr *e, expr_lookup_fn lookup, void *ctx, double *out);

#endif
