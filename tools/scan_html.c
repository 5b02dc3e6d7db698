/*
 * scan_html.c - 'certshow scan -f html': one self-contained page (no
 * external script, style, font or image), a sortable table of targets
 * (inline JavaScript) and an expiry timeline as inline SVG:
 * certificates per week until expiry, failures in red.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "scan.h"

/* Weeks shown on the timeline; later expiries go to the last bar. */
#define WEEKS 53

static void
html_str(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '&':
			fputs("&amp;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

/* Bar b: week b-1 from now (bar 0: already expired; the last bar: that
 * week or later). */
static void
timeline(FILE *fp, const struct scan_report *rep, int64_t now)
{
	size_t ok[WEEKS + 1], bad[WEEKS + 1], max = 1, i;
	const unsigned bw = 14, h = 160, left = 30;
	int64_t week;

	memset(ok, 0, sizeof(ok));
	memset(bad, 0, sizeof(bad));
	for (i = 0; i < rep->n && rep->keep_recs; i++) {
		const struct scan_rec *r = &rep->recs[i];

		if (!r->has_expiry) {
			continue;
		}
		week = r->not_after < now
		    ? 0
		    : (r->not_after - now) / (7 * 86400) + 1;
		if (week > WEEKS) {
			week = WEEKS;
		}
		if (r->status == SCAN_FAILED || r->status == SCAN_ERROR) {
			bad[week]++;
		} else {
			ok[week]++;
		}
	}
	for (i = 0; i <= WEEKS; i++) {
		if (ok[i] + bad[i] > max) {
			max = ok[i] + bad[i];
		}
	}
	fprintf(fp,
	    "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%u\" height=\"%u\" role=\"img\" aria-label=\"expiry "
	    "timeline\">\n",
	    left + (WEEKS + 1) * bw + 10, h + 40);
	fprintf(fp, "<text x=\"0\" y=\"12\" font-size=\"11\">%zu</text>\n",
	    max);
	for (i = 0; i <= WEEKS; i++) {
		unsigned x = left + (unsigned)i * bw;
		unsigned hb = (unsigned)(bad[i] * h / max);
		unsigned ho = (unsigned)(ok[i] * h / max);

		if (ok[i] > 0) {
			fprintf(fp,
			    "<rect class=\"ok\" x=\"%u\" y=\"%u\" "
			    "width=\"%u\" height=\"%u\"><title>%s: %zu ok"
			    "</title></rect>\n",
			    x, h + 10 - ho - hb, bw - 2, ho,
			    i == 0 ? "expired" : "week", ok[i]);
		}
		if (bad[i] > 0) {
			fprintf(fp,
			    "<rect class=\"bad\" x=\"%u\" y=\"%u\" "
			    "width=\"%u\" height=\"%u\"><title>%s: %zu "
			    "failed</title></rect>\n",
			    x, h + 10 - hb, bw - 2, hb,
			    i == 0 ? "expired" : "week", bad[i]);
		}
	}
	fprintf(fp,
	    "<line x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\" "
	    "stroke=\"#444\"/>\n",
	    left, h + 10, left + (WEEKS + 1) * bw, h + 10);
	fprintf(fp,
	    "<text x=\"%u\" y=\"%u\" font-size=\"11\">expired"
	    "</text><text x=\"%u\" y=\"%u\" font-size=\"11\">+26 weeks"
	    "</text><text x=\"%u\" y=\"%u\" font-size=\"11\">later</text>\n",
	    left, h + 28, left + 27 * bw, h + 28, left + WEEKS * bw - 10,
	    h + 28);
	fputs("</svg>\n", fp);
}

/* --compare-trust: the record's status with each store, one cell each. */
static void
store_cells(FILE *fp, const struct scan_report *rep, const struct scan_rec *r)
{
	const char *st;
	size_t i;

	for (i = 0; i < rep->n_stores; i++) {
		st = scan_status_name((enum scan_status)r->store_status[i]);
		fprintf(fp, "<td class=\"%s\">%s</td>", st, st);
	}
}

/* --lint: the record's lint errors and warnings ("" when its chain
 * was not linted), coloured as a status. */
static void
lint_cell(FILE *fp, const struct scan_report *rep, const struct scan_rec *r)
{
	if (!rep->lint.on) {
		return;
	}
	if (!r->has_lint) {
		fputs("<td></td>", fp);
		return;
	}
	fprintf(fp, "<td class=\"%s\">%zu error%s, %zu warning%s</td>",
	    r->lint_errors > 0         ? "failed"
		: r->lint_warnings > 0 ? "warning"
				       : "ok",
	    r->lint_errors, r->lint_errors == 1 ? "" : "s", r->lint_warnings,
	    r->lint_warnings == 1 ? "" : "s");
}

static const char sort_js[] =
    "<script>\n"
    "document.querySelectorAll('th').forEach(function (th, col) {\n"
    "  th.addEventListener('click', function () {\n"
    "    var tb = document.querySelector('#targets tbody');\n"
    "    var rows = Array.prototype.slice.call(tb.rows);\n"
    "    var dir = th.dataset.dir === 'asc' ? -1 : 1;\n"
    "    th.dataset.dir = dir === 1 ? 'asc' : 'desc';\n"
    "    var num = th.dataset.type === 'num';\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = a.cells[col].textContent, y = b.cells[col].textContent;\n"
    "      if (num) {\n"
    "        x = x === '' ? Infinity : Number(x);\n"
    "        y = y === '' ? Infinity : Number(y);\n"
    "        return (x < y ? -1 : x > y ? 1 : 0) * dir;\n"
    "      }\n"
    "      return x.localeCompare(y) * dir;\n"
    "    });\n"
    "    rows.forEach(function (r) { tb.appendChild(r); });\n"
    "  });\n"
    "});\n"
    "</script>\n";

void
scan_report_html(FILE *fp, const struct scan_report *rep, int64_t now)
{
	char na[40];
	size_t i;

	fputs(
	    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "\n<title>certshow scan report</title>\n<style>\n"
	    "body{font-family:sans-serif;margin:1em}"
	    "table{border-collapse:collapse}"
	    "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}"
	    "th{cursor:pointer;background:#eee}"
	    ".ok{fill:#2a7;color:#175}.warning{color:#a60}"
	    ".failed,.error{color:#c00}.bad{fill:#c00}\n"
	    "</style></head><body>\n<h1>certshow scan report</h1>\n",
	    fp);
	fprintf(fp,
	    "<p id=\"counts\">%zu targets: %zu ok, %zu warning, "
	    "%zu failed, %zu error</p>\n<h2>Expiry timeline (certificates "
	    "per week)</h2>\n",
	    rep->n, rep->count[SCAN_OK], rep->count[SCAN_WARNING],
	    rep->count[SCAN_FAILED], rep->count[SCAN_ERROR]);
	timeline(fp, rep, now);
	fputs("<h2>Targets</h2>\n<table id=\"targets\"><thead><tr>"
	      "<th>target</th><th>status</th><th>reason</th>"
	      "<th data-type=\"num\">days left</th><th>not after</th>",
	    fp);
	for (i = 0; i < rep->n_stores; i++) {
		fputs("<th class=\"store\">", fp);
		html_str(fp, rep->stores[i]);
		fputs("</th>", fp);
	}
	if (rep->lint.on) {
		fputs("<th>lint</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < rep->n && rep->keep_recs; i++) {
		const struct scan_rec *r = &rep->recs[i];

		fputs("<tr><td>", fp);
		html_str(fp, r->target);
		fprintf(fp, "</td><td class=\"%s\">%s</td><td>",
		    scan_status_name(r->status), scan_status_name(r->status));
		html_str(fp, r->reason);
		fputs("</td><td>", fp);
		if (r->has_expiry) {
			time_t t = (time_t)r->not_after;
			struct tm tm;

			na[0] = '\0';
			if (gmtime_r(&t, &tm) != NULL) {
				strftime(na, sizeof(na), "%Y-%m-%d", &tm);
			}
			fprintf(fp, "%ld</td><td>%s", r->days_left, na);
		} else {
			fputs("</td><td>", fp);
		}
		fputs("</td>", fp);
		store_cells(fp, rep, r);
		lint_cell(fp, rep, r);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
	fputs(sort_js, fp);
	fputs("</body></html>\n", fp);
	fflush(fp);
}
