/*
 * scan_out.c - 'certshow scan' outputs: one JSON Lines object or CSV row
 * per target, the summary table, the HTML report, and reading jsonl back
 * (--merge).
 *
 * The jsonl object carries the verdict in the vocabulary of the
 * library's JSON result (doc/json-schema.md: verdict flag names and
 * problem messages); it is written here, one line per target, because
 * the library's writer emits whole documents.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "scan.h"

static const char *const status_names[SCAN_N_STATUS] = { "ok", "warning",
	"failed", "error" };

const char *
scan_status_name(enum scan_status s)
{
	return (unsigned)s < SCAN_N_STATUS ? status_names[s] : "error";
}

/* A JSON string: every control character, quote and backslash escaped,
 * bytes >= 0x80 passed through (the inputs are UTF-8 or ASCII). */
static void
json_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			fprintf(fp, "\\%c", *p);
		} else if (*p == '\n') {
			fputs("\\n", fp);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(fp, "\\u%04x", *p);
		} else {
			fputc(*p, fp);
		}
	}
	fputc('"', fp);
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

/* The record's reason: the first verdict flag, the error code, or why
 * a verified target is a warning. */
static void
result_reason(const struct scan_result *r, char *buf, size_t size)
{
	uint32_t bit;

	buf[0] = '\0';
	if (r->status == SCAN_ERROR) {
		snprintf(buf, size, "%s", r->error);
	} else if (r->status == SCAN_FAILED) {
		for (bit = 1; bit != 0; bit <<= 1) {
			if ((r->flags & bit) != 0) {
				snprintf(buf, size, "%s",
				    certshow_verdict_name(bit, NULL));
				break;
			}
		}
	} else if (r->status == SCAN_WARNING) {
		snprintf(buf, size, "%s",
		    r->message != NULL ? "HANDSHAKE_FAILED" : "EXPIRES_SOON");
	}
}

static void
emit_jsonl(FILE *fp, const struct scan_result *r)
{
	const struct scan_item *it = r->item;
	char reason[64], na[40];
	uint32_t bit;
	size_t i;
	int first = 1;

	result_reason(r, reason, sizeof(reason));
	fputs("{\"format_version\":1,\"target\":", fp);
	json_str(fp, it->target);
	fputs(",\"source\":", fp);
	json_str(fp, it->source);
	fprintf(fp, ",\"line\":%lu,\"status\":\"%s\",\"reason\":", it->lineno,
	    scan_status_name(r->status));
	json_str(fp, reason[0] != '\0' ? reason : NULL);
	fputs(",\"error\":", fp);
	json_str(fp, r->error);
	fputs(",\"message\":", fp);
	json_str(fp, r->message);
	fputs(",\"address\":", fp);
	json_str(fp, r->address[0] != '\0' ? r->address : NULL);
	if (r->port != 0) {
		fprintf(fp, ",\"port\":%u", r->port);
	} else {
		fputs(",\"port\":null", fp);
	}
	fprintf(fp, ",\"verified\":%s,\"flags\":[",
	    r->status == SCAN_OK || r->status == SCAN_WARNING ? "true"
							      : "false");
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((r->flags & bit) != 0) {
			fprintf(fp, "%s\"%s\"", first ? "" : ",",
			    certshow_verdict_name(bit, NULL));
			first = 0;
		}
	}
	fputs("],\"problems\":[", fp);
	for (i = 0; i < r->n_problems; i++) {
		fprintf(fp, "%s{\"flag\":\"%s\",\"message\":", i > 0 ? "," : "",
		    certshow_verdict_name(r->problems[i].flag, NULL));
		json_str(fp, r->problems[i].message);
		fputc('}', fp);
	}
	fputs("],\"not_after\":", fp);
	if (r->has_expiry) {
		fmt_time(na, sizeof(na), r->not_after);
		fprintf(fp, "\"%s\",\"days_left\":%ld", na, r->days_left);
	} else {
		fputs("null,\"days_left\":null", fp);
	}
	fprintf(fp,
	    ",\"ms\":{\"fetch\":%.1f,\"verify\":%.1f,"
	    "\"total\":%.1f}}\n",
	    r->ms_fetch, r->ms_verify, r->ms_total);
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
emit_csv(FILE *fp, const struct scan_result *r)
{
	char reason[64], flags[512], na[40];
	uint32_t bit;
	size_t n = 0;

	result_reason(r, reason, sizeof(reason));
	flags[0] = '\0';
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((r->flags & bit) != 0 && n < sizeof(flags)) {
			n += (size_t)snprintf(flags + n, sizeof(flags) - n,
			    "%s%s", n > 0 ? " " : "",
			    certshow_verdict_name(bit, NULL));
		}
	}
	csv_str(fp, r->item->target);
	fputc(',', fp);
	csv_str(fp, r->item->source);
	fprintf(fp, ",%lu,", r->item->lineno);
	csv_str(fp, r->address);
	if (r->port != 0) {
		fprintf(fp, ",%u,", r->port);
	} else {
		fputs(",,", fp);
	}
	fprintf(fp, "%s,", scan_status_name(r->status));
	csv_str(fp, reason);
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
	fputc('\n', fp);
}

void
scan_emit_header(FILE *fp, enum scan_format fmt)
{
	if (fmt == SCAN_FMT_CSV) {
		fputs("target,source,line,address,port,status,reason,flags,"
		      "not_after,days_left,ms_total,message\n",
		    fp);
		fflush(fp);
	}
}

void
scan_emit(FILE *fp, enum scan_format fmt, const struct scan_result *r)
{
	if (fmt == SCAN_FMT_JSONL) {
		emit_jsonl(fp, r);
	} else if (fmt == SCAN_FMT_CSV) {
		emit_csv(fp, r);
	} else {
		return;
	}
	/* As soon as it completes: a consumer of the stream (or a scan
	 * cut short) sees every finished target. */
	fflush(fp);
}

/* ------------------------------------------------------------------ */
/* Records                                                            */

static int
rec_push(struct scan_report *rep, const char *target, enum scan_status st,
    const char *reason, int has_expiry, int64_t not_after, long days)
{
	struct scan_rec *rec;
	size_t len = strlen(target) + 1;

	if (rep->n == rep->cap) {
		size_t cap = rep->cap != 0 ? rep->cap * 2 : 64;
		struct scan_rec *v = realloc(rep->recs, cap * sizeof(*v));

		if (v == NULL) {
			return -1;
		}
		rep->recs = v;
		rep->cap = cap;
	}
	rec = &rep->recs[rep->n];
	rec->target = malloc(len);
	if (rec->target == NULL) {
		return -1;
	}
	memcpy(rec->target, target, len);
	rec->status = st;
	snprintf(rec->reason, sizeof(rec->reason), "%s", reason);
	rec->has_expiry = has_expiry;
	rec->not_after = not_after;
	rec->days_left = days;
	rep->count[st]++;
	rep->n++;
	return 0;
}

int
scan_report_add(struct scan_report *rep, const struct scan_result *r)
{
	char reason[64];

	result_reason(r, reason, sizeof(reason));
	return rec_push(rep, r->item->target, r->status, reason, r->has_expiry,
	    r->not_after, r->days_left);
}

void
scan_report_free(struct scan_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		free(rep->recs[i].target);
	}
	free(rep->recs);
	memset(rep, 0, sizeof(*rep));
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
	return *p == '"' ? 1 : -1;
}

static int
merge_line(struct scan_report *rep, const char *line)
{
	char target[2048], status[16], reason[64], na[64], days[32];
	int64_t not_after = 0;
	int has_expiry = 0;
	int st;

	if (json_member(line, "target", target, sizeof(target)) != 1 ||
	    json_member(line, "status", status, sizeof(status)) != 1 ||
	    json_member(line, "reason", reason, sizeof(reason)) < 0) {
		return -1;
	}
	for (st = 0; st < SCAN_N_STATUS; st++) {
		if (strcmp(status, status_names[st]) == 0) {
			break;
		}
	}
	if (st == SCAN_N_STATUS) {
		return -1;
	}
	if (json_member(line, "not_after", na, sizeof(na)) == 1 &&
	    json_member(line, "days_left", days, sizeof(days)) == 2 &&
	    cli_time_parse(na, &not_after) == 0) {
		has_expiry = 1;
	}
	return rec_push(rep, target, (enum scan_status)st, reason, has_expiry,
	    not_after, has_expiry ? strtol(days, NULL, 10) : 0);
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
			cli_error("%s:%lu: not a 'certshow scan' jsonl line",
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
cmp_expiry(const void *a, const void *b)
{
	const struct scan_rec *x = *(const struct scan_rec *const *)a;
	const struct scan_rec *y = *(const struct scan_rec *const *)b;

	if (x->not_after != y->not_after) {
		return x->not_after < y->not_after ? -1 : 1;
	}
	return strcmp(x->target, y->target);
}

static int
cmp_reason(const void *a, const void *b)
{
	const struct scan_rec *x = *(const struct scan_rec *const *)a;
	const struct scan_rec *y = *(const struct scan_rec *const *)b;

	return strcmp(x->reason, y->reason);
}

/* Pointers to the records that pass `keep`, sorted by `cmp`; *n set. */
static const struct scan_rec **
select_recs(const struct scan_report *rep, int want_expiry, size_t *n,
    int (*cmp)(const void *, const void *))
{
	const struct scan_rec **v;
	size_t i;

	*n = 0;
	v = malloc((rep->n > 0 ? rep->n : 1) * sizeof(*v));
	if (v == NULL) {
		return NULL;
	}
	for (i = 0; i < rep->n; i++) {
		if (want_expiry ? rep->recs[i].has_expiry
				: (rep->recs[i].status == SCAN_FAILED ||
				      rep->recs[i].status == SCAN_ERROR)) {
			v[(*n)++] = &rep->recs[i];
		}
	}
	qsort(v, *n, sizeof(*v), cmp);
	return v;
}

#define SOONEST 10

void
scan_report_text(FILE *fp, const struct scan_report *rep, int interrupted)
{
	const struct scan_rec **v;
	char na[40];
	size_t i, j, n;

	fprintf(fp,
	    "%s%zu targets: %zu ok, %zu warning, %zu failed, "
	    "%zu error\n",
	    interrupted ? "Interrupted after " : "", rep->n,
	    rep->count[SCAN_OK], rep->count[SCAN_WARNING],
	    rep->count[SCAN_FAILED], rep->count[SCAN_ERROR]);
	v = select_recs(rep, 0, &n, cmp_reason);
	if (v != NULL && n > 0) {
		fputs("\nFailures by reason:\n", fp);
		for (i = 0; i < n; i = j) {
			for (j = i;
			     j < n && strcmp(v[j]->reason, v[i]->reason) == 0;
			     j++) {
				continue;
			}
			fprintf(fp, "  %-24s %6zu\n", v[i]->reason, j - i);
		}
	}
	free(v);
	v = select_recs(rep, 1, &n, cmp_expiry);
	if (v != NULL && n > 0) {
		fputs("\nExpiring soonest:\n  DAYS  NOT AFTER             "
		      "STATUS   TARGET\n",
		    fp);
		for (i = 0; i < n && i < SOONEST; i++) {
			fmt_time(na, sizeof(na), v[i]->not_after);
			fprintf(fp, "  %5ld %-21s %-8s %s\n", v[i]->days_left,
			    na, status_names[v[i]->status], v[i]->target);
		}
	}
	free(v);
	fflush(fp);
}
