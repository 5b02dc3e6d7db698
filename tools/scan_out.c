/*
 * scan_out.c - 'certshow scan' outputs: one JSON Lines object or CSV row
 * per target, the summary table, the HTML report, and reading jsonl back
 * (--merge).
 *
 * Each jsonl line is the library's (certshow_scan_write_jsonl(): the
 * one JSON writer); CSV and the summary are written here.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "scan.h"

const char *
scan_status_name(enum scan_status s)
{
	return certshow_scan_status_name((enum certshow_scan_status)s);
}

static void
fmt_time(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		snprintf(buf, size, "@%lld", (long long)t);
	}
}

/* The record's reason: the error's name, the first verdict flag, or
 * why a verified target is a warning ("" when ok). */
static const char *
result_reason(const struct certshow_scan_result *r)
{
	return r->reason != NULL ? r->reason : "";
}

/* RFC 4180: every text field quoted, quotes doubled. */
static void
csv_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"') {
			fputc('"', fp);
		}
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
	}
	fputc('"', fp);
}

static void
emit_csv(FILE *fp, const struct certshow_scan_result *r, int lint)
{
	const struct certshow_scan_target *t = r->target;
	char flags[512], na[40];
	uint32_t bit;
	size_t i, n = 0;

	flags[0] = '\0';
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((r->flags & bit) != 0 && n < sizeof(flags)) {
			n += (size_t)snprintf(flags + n, sizeof(flags) - n,
			    "%s%s", n > 0 ? " " : "",
			    certshow_verdict_name(bit, NULL));
		}
	}
	csv_str(fp, t->target);
	fputc(',', fp);
	csv_str(fp, t->source);
	fprintf(fp, ",%lu,", t->line);
	csv_str(fp, r->address);
	if (r->port != 0) {
		fprintf(fp, ",%u,", r->port);
	} else {
		fputs(",,", fp);
	}
	fprintf(fp, "%s,", scan_status_name((enum scan_status)r->status));
	csv_str(fp, result_reason(r));
	fputc(',', fp);
	csv_str(fp, flags);
	if (r->has_expiry) {
		fmt_time(na, sizeof(na), r->not_after);
		fprintf(fp, ",%s,%ld,", na, r->days_left);
	} else {
		fputs(",,,", fp);
	}
	fprintf(fp, "%.1f,", r->ms_total);
	csv_str(fp, r->message);
	for (i = 0; i < r->n_compare; i++) {
		fprintf(fp, ",%s",
		    certshow_scan_status_name(r->compare[i].status));
	}
	if (lint && r->lint != NULL) {
		fprintf(fp, ",%zu,%zu", r->lint_errors, r->lint_warnings);
	} else if (lint) {
		fputs(",,", fp); /* not linted: no chain */
	}
	fputc('\n', fp);
}

void
scan_emit_header(FILE *fp, enum scan_format fmt, const char *const *stores,
    size_t n_stores, int lint)
{
	size_t i;

	if (fmt == SCAN_FMT_CSV) {
		fputs("target,source,line,address,port,status,reason,flags,"
		      "not_after,days_left,ms_total,message",
		    fp);
		for (i = 0; i < n_stores; i++) {
			fputc(',', fp);
			csv_str(fp, stores[i]);
		}
		if (lint) {
			fputs(",lint_errors,lint_warnings", fp);
		}
		fputc('\n', fp);
		fflush(fp);
	}
}

int
scan_emit(struct certshow_ctx *ctx, FILE *fp, enum scan_format fmt,
    const struct certshow_scan_result *r, int lint)
{
	if (fmt == SCAN_FMT_JSONL) {
		if (certshow_scan_write_jsonl(ctx, fp, r) != 0) {
			cli_error("output: %s", certshow_ctx_error(ctx));
			return -1;
		}
		return 0;
	}
	if (fmt != SCAN_FMT_CSV) {
		return 0;
	}
	emit_csv(fp, r, lint);
	/* As soon as it completes: a consumer of the stream (or a scan
	 * cut short) sees every finished target. */
	if (fflush(fp) != 0 || ferror(fp)) {
		cli_error("output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Records                                                            */

static int
cmp_expiry(const struct scan_rec *x, const struct scan_rec *y)
{
	if (x->not_after != y->not_after) {
		return x->not_after < y->not_after ? -1 : 1;
	}
	return strcmp(x->target, y->target);
}

/* Keep `rec` among the SCAN_SOONEST soonest expiries (sorted); 0 or -1
 * (no memory). */
static int
soonest_add(struct scan_report *rep, const struct scan_rec *rec)
{
	size_t i = rep->n_soonest;
	char *target;

	if (!rec->has_expiry ||
	    (i == SCAN_SOONEST && cmp_expiry(rec, &rep->soonest[i - 1]) >= 0)) {
		return 0;
	}
	target = strdup(rec->target);
	if (target == NULL) {
		return -1;
	}
	if (i == SCAN_SOONEST) {
		free(rep->soonest[--i].target);
	} else {
		rep->n_soonest++;
	}
	for (; i > 0 && cmp_expiry(rec, &rep->soonest[i - 1]) < 0; i--) {
		rep->soonest[i] = rep->soonest[i - 1];
	}
	rep->soonest[i] = *rec;
	rep->soonest[i].target = target;
	return 0;
}

/* Count a failure or an error under its reason. */
static void
reason_add(struct scan_report *rep, const char *reason)
{
	size_t i;

	for (i = 0; i < rep->n_reasons; i++) {
		if (strcmp(rep->reasons[i].reason, reason) == 0) {
			break;
		}
	}
	if (i == rep->n_reasons) {
		if (i == SCAN_MAX_REASONS) {
			i--; /* the last row counts every further reason */
			snprintf(rep->reasons[i].reason,
			    sizeof(rep->reasons[i].reason), "other");
		} else {
			snprintf(rep->reasons[i].reason,
			    sizeof(rep->reasons[i].reason), "%s", reason);
			rep->n_reasons++;
		}
	}
	rep->reasons[i].n++;
}

/* Append a copy of `rec` to the records (the HTML report's); 0 or -1. */
static int
recs_push(struct scan_report *rep, const struct scan_rec *rec)
{
	size_t n = rep->n;

	if (n == rep->cap) {
		size_t cap = rep->cap != 0 ? rep->cap * 2 : 64;
		struct scan_rec *v = realloc(rep->recs, cap * sizeof(*v));

		if (v == NULL) {
			return -1;
		}
		rep->recs = v;
		rep->cap = cap;
	}
	rep->recs[n] = *rec;
	rep->recs[n].target = strdup(rec->target);
	return rep->recs[n].target != NULL ? 0 : -1;
}

/* Count a result (rec's target is borrowed; copied where kept) and its
 * per-store statuses; 0 or -1 (no memory). */
static int
rec_add(struct scan_report *rep, const struct scan_rec *rec)
{
	size_t i;

	if ((rep->keep_recs && recs_push(rep, rec) != 0) ||
	    soonest_add(rep, rec) != 0) {
		return -1;
	}
	if (rep->n_stores > 0 && rep->store_count == NULL) {
		rep->store_count = calloc(rep->n_stores,
		    sizeof(*rep->store_count));
		if (rep->store_count == NULL) {
			return -1;
		}
	}
	for (i = 0; i < rep->n_stores; i++) {
		rep->store_count[i][rec->store_status[i]]++;
	}
	if (rec->status == SCAN_FAILED || rec->status == SCAN_ERROR) {
		reason_add(rep, rec->reason);
	}
	rep->count[rec->status]++;
	rep->n++;
	return 0;
}

/* A record of target, status and reason, expiry and store statuses v
 * (a borrowed target). */
static void
rec_fill(struct scan_rec *rec, const char *target, enum scan_status st,
    const char *reason, const unsigned char *v)
{
	memset(rec, 0, sizeof(*rec));
	rec->target = (char *)(uintptr_t)target;
	rec->status = st;
	snprintf(rec->reason, sizeof(rec->reason), "%s", reason);
	memcpy(rec->store_status, v, sizeof(rec->store_status));
}

int
scan_report_add(struct scan_report *rep, const struct certshow_scan_result *r)
{
	unsigned char v[SCAN_MAX_STORES];
	struct scan_rec rec;
	size_t i;

	memset(v, SCAN_ERROR, sizeof(v));
	for (i = 0; i < r->n_compare && i < SCAN_MAX_STORES; i++) {
		v[i] = (unsigned char)r->compare[i].status;
	}
	rec_fill(&rec, r->target->target, (enum scan_status)r->status,
	    result_reason(r), v);
	rec.has_expiry = r->has_expiry;
	rec.not_after = r->not_after;
	rec.days_left = r->days_left;
	if (scan_lint_add(rep, &rec, r) != 0) {
		return -1;
	}
	return rec_add(rep, &rec);
}

void
scan_report_free(struct scan_report *rep)
{
	size_t i;

	for (i = 0; rep->keep_recs && i < rep->n; i++) {
		free(rep->recs[i].target);
	}
	for (i = 0; i < rep->n_soonest; i++) {
		free(rep->soonest[i].target);
	}
	free(rep->recs);
	free(rep->store_count);
	for (i = 0; i < SCAN_MAX_STORES; i++) {
		free(rep->merged_stores[i]);
	}
	scan_lint_free(&rep->lint);
	memset(rep, 0, sizeof(*rep));
}

/* The JSON string at *p (escapes decoded, \\u as '?') into buf; 0, *p
 * after its closing quote, or -1. */
static int
json_string(const char **pp, char *buf, size_t size)
{
	const char *p = *pp;
	size_t n = 0;

	if (*p != '"') {
		return -1;
	}
	for (p++; *p != '\0' && *p != '"' && n + 1 < size; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			if (*p == 'n') {
				buf[n++] = '\n';
			} else if (*p == 'u') {
				buf[n++] = '?';
				p += strlen(p) >= 5 ? 4 : strlen(p) - 1;
			} else {
				buf[n++] = *p;
			}
		} else {
			buf[n++] = *p;
		}
	}
	buf[n] = '\0';
	if (*p != '"') {
		return -1;
	}
	*pp = p + 1;
	return 0;
}

/* The value of "key": in one of our jsonl lines: a string (decoded into
 * buf; 1), null (0) or a number (its text in buf; 2); -1 when absent.
 * Our writer puts no blanks around ':' and escapes every '"' inside a
 * string, so "key": can only match a real member name. */
static int
json_member(const char *line, const char *key, char *buf, size_t size)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(line, pat);
	if (p == NULL) {
		return -1;
	}
	p += strlen(pat);
	if (strncmp(p, "null", 4) == 0) {
		buf[0] = '\0';
		return 0;
	}
	if (*p != '"') {
		while ((*p == '-' || (*p >= '0' && *p <= '9') || *p == '.') &&
		    n + 1 < size) {
			buf[n++] = *p++;
		}
		buf[n] = '\0';
		return n > 0 ? 2 : -1;
	}
	return json_string(&p, buf, size) == 0 ? 1 : -1;
}

/* A status by its name; SCAN_N_STATUS when unknown. */
static int
status_from_name(const char *name)
{
	int st;

	for (st = 0; st < SCAN_N_STATUS; st++) {
		if (strcmp(name, scan_status_name((enum scan_status)st)) == 0) {
			break;
		}
	}
	return st;
}

/* Store i of a merged line is `name`: the first line names the stores
 * (copied), every later one must name the same; 0 or -1. */
static int
merge_store(struct scan_report *rep, size_t i, const char *name)
{
	if (i >= SCAN_MAX_STORES) {
		return -1;
	}
	if (rep->n > 0) {
		return i < rep->n_stores && strcmp(rep->stores[i], name) == 0
		    ? 0
		    : -1;
	}
	free(rep->merged_stores[i]);
	rep->merged_stores[i] = strdup(name);
	return rep->merged_stores[i] != NULL ? 0 : -1;
}

/* The "trust" member of a line, {NAME: {"status": S, "flags": [...]},
 * ...} as certshow_scan_write_jsonl() writes it, into v (per store, in
 * the order of the stores); 0 or -1 (malformed, or other stores than
 * the lines before). The result's own "trust" member is written with a
 * blank after the ':' and comes after this one. */
static int
merge_trust(struct scan_report *rep, const char *line, unsigned char *v)
{
	static const char key[] = "\"trust\":{", st_key[] = ":{\"status\":";
	const char *p = strstr(line, key);
	char name[256], status[16];
	size_t i;
	int st;

	if (p == NULL) {
		return rep->n_stores == 0 ? 0 : -1;
	}
	if (rep->n > 0 && rep->n_stores == 0) {
		return -1;
	}
	p += strlen(key);
	for (i = 0; *p != '}'; i++) {
		if ((i > 0 && *p++ != ',') ||
		    json_string(&p, name, sizeof(name)) != 0 ||
		    merge_store(rep, i, name) != 0 ||
		    strncmp(p, st_key, strlen(st_key)) != 0) {
			return -1;
		}
		p += strlen(st_key);
		if (json_string(&p, status, sizeof(status)) != 0 ||
		    (st = status_from_name(status)) == SCAN_N_STATUS) {
			return -1;
		}
		v[i] = (unsigned char)st;
		/* "flags": an array of names, no brace inside. */
		p = strchr(p, '}');
		if (p == NULL) {
			return -1;
		}
		p++;
	}
	if (rep->n == 0) {
		rep->n_stores = i;
		rep->stores = (const char *const *)rep->merged_stores;
	}
	return i == rep->n_stores ? 0 : -1;
}

static int
merge_line(struct scan_report *rep, const char *line)
{
	char target[2048], status[16], reason[64], na[64], days[32];
	unsigned char v[SCAN_MAX_STORES];
	struct scan_rec rec;
	int st;

	if (json_member(line, "target", target, sizeof(target)) != 1 ||
	    json_member(line, "status", status, sizeof(status)) != 1 ||
	    json_member(line, "reason", reason, sizeof(reason)) < 0 ||
	    merge_trust(rep, line, v) != 0) {
		return -1;
	}
	st = status_from_name(status);
	if (st == SCAN_N_STATUS) {
		return -1;
	}
	rec_fill(&rec, target, (enum scan_status)st, reason, v);
	if (json_member(line, "not_after", na, sizeof(na)) == 1 &&
	    json_member(line, "days_left", days, sizeof(days)) == 2 &&
	    cli_time_parse(na, &rec.not_after) == 0) {
		rec.has_expiry = 1;
		rec.days_left = strtol(days, NULL, 10);
	}
	if (scan_lint_merge(rep, &rec, line) != 0) {
		return -1;
	}
	return rec_add(rep, &rec);
}

int
scan_report_merge(struct scan_report *rep, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int rv = 0;

	if (fp == NULL) {
		cli_error("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, fp) >= 0) {
		lineno++;
		if (line[0] == '\n' || line[0] == '\0') {
			continue;
		}
		if (merge_line(rep, line) != 0) {
			cli_error("%s:%lu: not a 'certshow scan' jsonl line "
				  "(or other --compare-trust stores than the "
				  "lines before)",
			    path, lineno);
			rv = -1;
			break;
		}
	}
	free(line);
	if (fp != stdin) {
		fclose(fp);
	}
	return rv;
}

/* ------------------------------------------------------------------ */
/* Summary                                                            */

static int
cmp_reason(const void *a, const void *b)
{
	return strcmp(((const struct scan_reason *)a)->reason,
	    ((const struct scan_reason *)b)->reason);
}

/* --compare-trust: one column per store, one row per status. */
static void
report_stores(FILE *fp, const struct scan_report *rep)
{
	size_t i;
	int st;

	if (rep->n_stores == 0 || rep->store_count == NULL) {
		return;
	}
	fputs("\nTrust stores:\n  STATUS  ", fp);
	for (i = 0; i < rep->n_stores; i++) {
		fprintf(fp, " %10s", rep->stores[i]);
	}
	fputc('\n', fp);
	for (st = 0; st < SCAN_N_STATUS; st++) {
		fprintf(fp, "  %-8s", scan_status_name((enum scan_status)st));
		for (i = 0; i < rep->n_stores; i++) {
			fprintf(fp, " %10zu", rep->store_count[i][st]);
		}
		fputc('\n', fp);
	}
}

void
scan_report_text(FILE *fp, const struct scan_report *rep, int interrupted)
{
	struct scan_reason reasons[SCAN_MAX_REASONS];
	const struct scan_rec *r;
	char na[40];
	size_t i;

	fprintf(fp,
	    "%s%zu targets: %zu ok, %zu warning, %zu failed, "
	    "%zu error\n",
	    interrupted ? "Interrupted after " : "", rep->n,
	    rep->count[SCAN_OK], rep->count[SCAN_WARNING],
	    rep->count[SCAN_FAILED], rep->count[SCAN_ERROR]);
	report_stores(fp, rep);
	if (rep->n_reasons > 0) {
		memcpy(reasons, rep->reasons,
		    rep->n_reasons * sizeof(reasons[0]));
		qsort(reasons, rep->n_reasons, sizeof(reasons[0]), cmp_reason);
		fputs("\nFailures by reason:\n", fp);
		for (i = 0; i < rep->n_reasons; i++) {
			fprintf(fp, "  %-24s %6zu\n", reasons[i].reason,
			    reasons[i].n);
		}
	}
	if (rep->n_soonest > 0) {
		fputs("\nExpiring soonest:\n  DAYS  NOT AFTER             "
		      "STATUS   TARGET\n",
		    fp);
		for (i = 0; i < rep->n_soonest; i++) {
			r = &rep->soonest[i];
			fmt_time(na, sizeof(na), r->not_after);
			fprintf(fp, "  %5ld %-21s %-8s %s\n", r->days_left, na,
			    scan_status_name(r->status), r->target);
		}
	}
	fflush(fp);
}
