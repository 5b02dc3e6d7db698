/*
 * scan_format.c - one scanned target as one line of JSON
 * (certshow_scan_write_jsonl(); doc/json-schema.md, "scan").
 *
 * The line is rendered into memory and handed to the stream in one
 * write, so concurrent output cannot interleave inside it. Its "result"
 * member is the RESULT object of the JSON writer (format_result.c),
 * joined onto one line: that writer puts newlines and indentation only
 * between tokens, never inside a string (every control character in a
 * string is escaped), so dropping each newline with the blanks after it
 * leaves the same JSON value.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#endif

#include "format.h"

#include <stdlib.h>
#include <string.h>

static void
str(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
	} else {
		certshow__json_string(fp, s, strlen(s));
	}
}

static void
flags(FILE *fp, uint32_t f)
{
	uint32_t bit;
	bool first = true;

	fputc('[', fp);
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((f & bit) != 0) {
			fprintf(fp, "%s\"%s\"", first ? "" : ",",
			    certshow_verdict_name(bit, NULL));
			first = false;
		}
	}
	fputc(']', fp);
}

/* "problems": every problem of the path, element order. */
static void
problems(FILE *fp, const struct certshow_result *res)
{
	size_t i, j, n = res != NULL ? certshow_result_path_len(res) : 0;
	const char *msg;
	uint32_t flag;
	bool first = true;

	fputs(",\"problems\":[", fp);
	for (i = 0; i < n; i++) {
		for (j = 0; j < certshow_result_problem_count(res, i); j++) {
			if (certshow_result_problem(res, i, j, &flag, &msg) !=
			    0) {
				continue;
			}
			fprintf(fp,
			    "%s{\"flag\":\"%s\",\"message\":", first ? "" : ",",
			    certshow_verdict_name(flag, NULL));
			str(fp, msg != NULL ? msg : "");
			fputc('}', fp);
			first = false;
		}
	}
	fputc(']', fp);
}

/* The members every line has, up to the timings. */
static void
head(FILE *fp, const struct certshow_scan_result *r)
{
	const struct certshow_scan_target *t = r->target;
	char na[32];

	fputs("{\"format_version\":1,\"target\":", fp);
	str(fp, t->target);
	fputs(",\"source\":", fp);
	str(fp, t->source);
	fprintf(fp, ",\"line\":%lu,\"status\":\"%s\",\"reason\":", t->line,
	    certshow_scan_status_name(r->status));
	str(fp, r->reason);
	fputs(",\"error\":", fp);
	str(fp, r->status == CERTSHOW_SCAN_ERROR ? r->reason : NULL);
	fputs(",\"message\":", fp);
	str(fp, r->message);
	fputs(",\"address\":", fp);
	str(fp, r->address);
	if (r->port != 0) {
		fprintf(fp, ",\"port\":%u", r->port);
	} else {
		fputs(",\"port\":null", fp);
	}
	fprintf(fp, ",\"verified\":%s,\"flags\":",
	    r->status == CERTSHOW_SCAN_OK || r->status == CERTSHOW_SCAN_WARNING
		? "true"
		: "false");
	flags(fp, r->flags);
	problems(fp, r->result);
	if (r->has_expiry) {
		certshow__fmt_time(na, sizeof(na), r->not_after, 1);
		fprintf(fp, ",\"not_after\":\"%s\",\"days_left\":%ld", na,
		    r->days_left);
	} else {
		fputs(",\"not_after\":null,\"days_left\":null", fp);
	}
	fprintf(fp, ",\"ms\":{\"fetch\":%.1f,\"verify\":%.1f,\"total\":%.1f}",
	    r->ms_fetch, r->ms_verify, r->ms_total);
}

/* "tls": what was negotiated, null without a session. */
static void
tls(FILE *fp, const struct certshow_scan_result *r)
{
	struct certshow_session_info info = CERTSHOW_SESSION_INFO_INIT;

	fputs(",\"tls\":", fp);
	if (r->session == NULL ||
	    certshow_session_info(r->session, &info) != 0) {
		fputs("null", fp);
		return;
	}
	fputs("{\"version\":", fp);
	str(fp, info.tls_version);
	fputs(",\"cipher\":", fp);
	str(fp, info.cipher);
	fputs(",\"alpn\":", fp);
	str(fp, info.alpn);
	fputs(",\"sni\":", fp);
	str(fp, info.sni);
	fputc('}', fp);
}

/* "trust": {NAME: {"status", "flags"}} of the comparison stores. */
static void
trust(FILE *fp, const struct certshow_scan_result *r)
{
	size_t i;

	if (r->n_compare == 0) {
		return;
	}
	fputs(",\"trust\":{", fp);
	for (i = 0; i < r->n_compare; i++) {
		if (i > 0) {
			fputc(',', fp);
		}
		str(fp, r->compare[i].name);
		fprintf(fp, ":{\"status\":\"%s\",\"flags\":",
		    certshow_scan_status_name(r->compare[i].status));
		flags(fp,
		    r->compare[i].result != NULL
			? certshow_result_flags(r->compare[i].result)
			: 0);
		fputc('}', fp);
	}
	fputc('}', fp);
}

/* A result of version 2 or later with findings (the lint option). */
static const struct certshow_lint *
result_lint(const struct certshow_scan_result *r)
{
	return r->version >= 2 ? r->lint : NULL;
}

/* "lint": the counts, then the members of the findings object of
 * certshow_lint_write()'s JSON (lint.c renders them). */
static void
lint(FILE *fp, const struct certshow_scan_result *r)
{
	if (result_lint(r) == NULL) {
		return;
	}
	fprintf(fp,
	    ",\"lint\":{\"errors\":%zu,\"warnings\":%zu,\"notices\":%zu,",
	    r->lint_errors, r->lint_warnings, r->lint_notices);
	certshow__lint_json_members(fp, r->lint, 0);
	fputc('}', fp);
}

/* The findings as certshow_writer_set_lint() renders them for a RESULT
 * ('certshow HOST --lint -f json'); *out NULL without findings; 0 or -1
 * (no memory). */
static int
lint_snapshot(const struct certshow_scan_result *r, char **out)
{
	size_t len = 0;
	FILE *mf;

	*out = NULL;
	if (result_lint(r) == NULL || r->result == NULL) {
		return 0;
	}
	mf = open_memstream(out, &len);
	if (mf == NULL) {
		return -1;
	}
	certshow__lint_json(mf, r->lint, 0);
	if (ferror(mf) | fclose(mf)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* buf onto one line: each newline and the blanks after it dropped. */
static size_t
join_lines(char *buf, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			while (i + 1 < len && buf[i + 1] == ' ') {
				i++;
			}
			continue;
		}
		buf[n++] = buf[i];
	}
	return n;
}

int
certshow_scan_write_jsonl(struct certshow_ctx *ctx, FILE *fp,
    const struct certshow_scan_result *r)
{
	char *buf = NULL, *lint_json;
	size_t len = 0;
	FILE *mf;
	int rv = 0;

	if (fp == NULL || r == NULL || r->target == NULL || r->version < 1 ||
	    r->version > CERTSHOW_SCAN_RESULT_VERSION) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_scan_write_jsonl: invalid argument");
	}
	if (lint_snapshot(r, &lint_json) != 0) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	mf = open_memstream(&buf, &len);
	if (mf == NULL) {
		free(lint_json);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	head(mf, r);
	tls(mf, r);
	trust(mf, r);
	lint(mf, r);
	fputs(",\"result\":", mf);
	if (r->result != NULL) {
		certshow__json_result(mf, r->result, lint_json, 0);
	} else {
		fputs("null", mf);
	}
	fputs("}\n", mf);
	free(lint_json);
	if (ferror(mf) | fclose(mf)) {
		free(buf);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	len = join_lines(buf, len);
	buf[len++] = '\n';
	if (fwrite(buf, 1, len, fp) != len || fflush(fp) != 0) {
		rv = certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing a scan result");
	}
	free(buf);
	return rv;
}
