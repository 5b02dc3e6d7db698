/*
 * scan_lint.c - 'certshow scan --lint': the lint counts of each record,
 * the summary's "Lint:" block (targets with lint errors and warnings,
 * the finding ids by count) and the exit status the findings imply.
 *
 * The findings themselves are the library's (the scanner's lint option:
 * certshow_lint_add_verified(), as 'certshow HOST --lint'); --merge reads
 * them back from the "lint" member of each jsonl line.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scan.h"

/* At most this many finding ids in the summary. */
#define LINT_TOP 10

/* One more finding with `id` (of len bytes); 0 or -1 (no memory). */
static int
tally_id(struct scan_lint_sum *sum, const char *id, size_t len)
{
	struct scan_lint_id *v;
	size_t i;

	for (i = 0; i < sum->n_ids; i++) {
		if (strlen(sum->ids[i].id) == len &&
		    memcmp(sum->ids[i].id, id, len) == 0) {
			sum->ids[i].n++;
			return 0;
		}
	}
	if (sum->n_ids == sum->cap_ids) {
		size_t cap = sum->cap_ids != 0 ? sum->cap_ids * 2 : 16;

		v = realloc(sum->ids, cap * sizeof(*v));
		if (v == NULL) {
			return -1;
		}
		sum->ids = v;
		sum->cap_ids = cap;
	}
	v = &sum->ids[sum->n_ids];
	v->id = malloc(len + 1);
	if (v->id == NULL) {
		return -1;
	}
	memcpy(v->id, id, len);
	v->id[len] = '\0';
	v->n = 1;
	sum->n_ids++;
	return 0;
}

/* The record's counts, and the targets' tally. */
static void
tally_target(struct scan_report *rep, struct scan_rec *rec, int linted,
    size_t errors, size_t warnings)
{
	rec->has_lint = linted;
	rec->lint_errors = errors;
	rec->lint_warnings = warnings;
	if (!linted) {
		return;
	}
	rep->lint.linted++;
	rep->lint.with_errors += errors > 0;
	rep->lint.with_warnings += warnings > 0;
}

int
scan_lint_add(struct scan_report *rep, struct scan_rec *rec,
    const struct certshow_scan_result *r)
{
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;
	size_t i, n;

	tally_target(rep, rec, r->lint != NULL, r->lint_errors, r->lint_warnings);
	n = r->lint != NULL
	    ? certshow_lint_count(r->lint, CERTSHOW_LINT_FINDINGS)
	    : 0;
	for (i = 0; i < n; i++) {
		if (certshow_lint_finding(r->lint, i, &f) == 0 &&
		    tally_id(&rep->lint, f.id, strlen(f.id)) != 0) {
			return -1;
		}
	}
	return 0;
}

/* The ids of the findings between p and end: each finding object
 * starts with {"id": "ID" (lint.c's rendering; a '"' inside a string is
 * escaped, so the pattern only matches a real member). 0 or -1. */
static int
merge_ids(struct scan_lint_sum *sum, const char *p, const char *end)
{
	static const char key[] = "{\"id\": \"";
	const char *q;

	while ((p = strstr(p, key)) != NULL && p < end) {
		p += strlen(key);
		q = strchr(p, '"');
		if (q == NULL || q > end ||
		    tally_id(sum, p, (size_t)(q - p)) != 0) {
			return -1;
		}
		p = q + 1;
	}
	return 0;
}

int
scan_lint_merge(struct scan_report *rep, struct scan_rec *rec,
    const char *line)
{
	static const char key[] = ",\"lint\":{\"errors\":";
	const char *p = strstr(line, key), *end;
	size_t errors, warnings, notices;

	if (p == NULL) {
		tally_target(rep, rec, 0, 0, 0);
		return 0;
	}
	/* The line's own member comes before "result", whose "lint" is
	 * written with a blank after the ':' and is not read. */
	end = strstr(p, ",\"result\":");
	if (end == NULL ||
	    sscanf(p + strlen(key), "%zu,\"warnings\":%zu,\"notices\":%zu",
		&errors, &warnings, &notices) != 3) {
		return -1;
	}
	rep->lint.on = 1;
	tally_target(rep, rec, 1, errors, warnings);
	return merge_ids(&rep->lint, p, end);
}

/* Most findings first, then by id. */
static int
cmp_id(const void *a, const void *b)
{
	const struct scan_lint_id *x = a, *y = b;

	if (x->n != y->n) {
		return x->n > y->n ? -1 : 1;
	}
	return strcmp(x->id, y->id);
}

void
scan_lint_text(FILE *fp, const struct scan_report *rep)
{
	const struct scan_lint_sum *sum = &rep->lint;
	char head[64];
	size_t i;

	if (!sum->on) {
		return;
	}
	fprintf(fp,
	    "\nLint: %zu target%s linted, %zu with errors, %zu with "
	    "warnings\n",
	    sum->linted, sum->linted == 1 ? "" : "s", sum->with_errors,
	    sum->with_warnings);
	if (sum->n_ids == 0) {
		return;
	}
	qsort(sum->ids, sum->n_ids, sizeof(*sum->ids), cmp_id);
	snprintf(head, sizeof(head), "FINDING");
	if (sum->n_ids > LINT_TOP) {
		snprintf(head, sizeof(head), "FINDING (top %d of %zu)",
		    LINT_TOP, sum->n_ids);
	}
	fprintf(fp, "  %-30s COUNT\n", head);
	for (i = 0; i < sum->n_ids && i < LINT_TOP; i++) {
		fprintf(fp, "  %-30s %5zu\n", sum->ids[i].id, sum->ids[i].n);
	}
}

int
scan_lint_status(const struct scan_report *rep)
{
	if (rep->lint.with_errors > 0) {
		return EXIT_VERIFY_FAILED;
	}
	return rep->lint.with_warnings > 0 ? EXIT_WARNING : EXIT_OK;
}

void
scan_lint_free(struct scan_lint_sum *sum)
{
	size_t i;

	for (i = 0; i < sum->n_ids; i++) {
		free(sum->ids[i].id);
	}
	free(sum->ids);
	memset(sum, 0, sizeof(*sum));
}
