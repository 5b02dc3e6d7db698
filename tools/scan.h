/*
 * scan.h - 'certshow scan': targets, per-target results and their
 * outputs (the library's certshow_scanner runs the pool and the
 * per-target work; tools/cmd_scan.c feeds it, tools/scan_out.c writes).
 */
#ifndef CERTSHOW_SCAN_H
#define CERTSHOW_SCAN_H

#include <stdint.h>
#include <stdio.h>

#include "certshow.h"

enum scan_format {
	SCAN_FMT_JSONL = 0,
	SCAN_FMT_CSV,
	SCAN_FMT_HTML,
	SCAN_FMT_TEXT
};

/* A target's stable status (the "status" member of a jsonl line): the
 * library's (certshow_scan_status), with the count for tables. */
enum scan_status {
	SCAN_OK = CERTSHOW_SCAN_OK,
	SCAN_WARNING = CERTSHOW_SCAN_WARNING,
	SCAN_FAILED = CERTSHOW_SCAN_FAILED,
	SCAN_ERROR = CERTSHOW_SCAN_ERROR,
	SCAN_N_STATUS
};

/* One target line, parsed. */
struct scan_item {
	char *target;       /* as given (trimmed) */
	const char *source; /* file name, or NULL for an operand */
	unsigned long lineno;
	char *err; /* malformed: why (the item is a result) */
	/* Parsed (malloc'd, NULL when malformed): small per item, so a
	 * list of many targets stays small. */
	char *host;
	char *port; /* "" when absent */
	char *sni;  /* NULL when absent */
	enum certshow_starttls starttls;
	int has_starttls;
};

struct scan_list {
	struct scan_item *items;
	size_t n, cap;
};

/* Parse a line into the list: comments and blank lines are skipped, a
 * malformed line becomes an item with err set. 0 or -1 (no memory). */
int scan_list_add(struct scan_list *l, const char *line, const char *source,
    unsigned long lineno);
/* Keep only the items of shard i of n (FNV-1a 64 of the normalised
 * target modulo n). */
void scan_list_shard(struct scan_list *l, unsigned i, unsigned n);
void scan_list_free(struct scan_list *l);
/* The normalised target string hashed by --shard: whitespace runs
 * collapsed to one space, ASCII lower case; and its FNV-1a 64 hash. */
uint64_t scan_target_hash(const char *target);

/* At most this many --compare-trust stores. */
#define SCAN_MAX_STORES 16

/* A short record of each result, for the summary and the report. */
struct scan_rec {
	char *target;
	enum scan_status status;
	/* Per --compare-trust store (the report's n_stores), its status
	 * (an enum scan_status). */
	unsigned char store_status[SCAN_MAX_STORES];
	char reason[64]; /* first verdict flag or error code */
	int has_expiry;
	int64_t not_after;
	long days_left;
	/* --lint (scan_lint.c): the chain was linted, and its findings'
	 * counts. */
	int has_lint;
	size_t lint_errors, lint_warnings;
};

/* A finding id and how many findings had it. */
struct scan_lint_id {
	char *id;
	size_t n;
};

/* --lint's summary (scan_lint.c). */
struct scan_lint_sum {
	int on;        /* --lint, or merged lines with a "lint" member */
	size_t linted; /* targets whose chain was linted */
	size_t with_errors, with_warnings;
	struct scan_lint_id *ids;
	size_t n_ids, cap_ids;
};

struct scan_report {
	struct scan_rec *recs;
	size_t n, cap;
	size_t count[SCAN_N_STATUS];
	/* --compare-trust: the stores' names (not owned) and, per store,
	 * the count of each status (malloc'd by scan_report_add()). */
	const char *const *stores;
	size_t n_stores;
	size_t (*store_count)[SCAN_N_STATUS];
	/* --merge: the store names of the "trust" members read (malloc'd;
	 * `stores` points here). */
	char *merged_stores[SCAN_MAX_STORES];
	struct scan_lint_sum lint;
};

int
scan_report_add(struct scan_report *rep, const struct certshow_scan_result *r);
void scan_report_free(struct scan_report *rep);
/* Read one file of jsonl lines (scan's own output) into the report,
 * with the per-store statuses of their "trust" members (every line must
 * name the same stores in the same order); 0 or -1 (reported). */
int scan_report_merge(struct scan_report *rep, const char *path);

/* Per result (jsonl, csv); a header first for csv (one column per
 * comparison store, then lint_errors and lint_warnings with `lint`). 0,
 * or -1 when writing failed (reported). */
void scan_emit_header(FILE *fp, enum scan_format fmt, const char *const *stores,
    size_t n_stores, int lint);
int scan_emit(struct certshow_ctx *ctx, FILE *fp, enum scan_format fmt,
    const struct certshow_scan_result *r, int lint);

/* --lint (scan_lint.c). The lint counts of the report's last record
 * and the tally, from a result or from a jsonl line's "lint" member
 * (--merge); 0, or -1 (no memory, or a malformed member). */
int
scan_lint_add(struct scan_report *rep, const struct certshow_scan_result *r);
int scan_lint_merge(struct scan_report *rep, const char *line);
/* The summary's "Lint:" block (nothing unless rep->lint.on). */
void scan_lint_text(FILE *fp, const struct scan_report *rep);
/* The exit status the findings imply: EXIT_VERIFY_FAILED for lint
 * errors, EXIT_WARNING for warnings only, else EXIT_OK. */
int scan_lint_status(const struct scan_report *rep);
void scan_lint_free(struct scan_lint_sum *sum);
/* The summary table (text) or the self-contained HTML report. */
void scan_report_text(FILE *fp, const struct scan_report *rep, int interrupted);
void scan_report_html(FILE *fp, const struct scan_report *rep, int64_t now);

const char *scan_status_name(enum scan_status s);

#endif
