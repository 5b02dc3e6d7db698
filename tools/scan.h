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

/* Parse a target line into *it: 1 (a target; it->err set when
 * malformed, and the item is then a result), 0 (a comment or a blank
 * line; nothing to free) or -1 (no memory). `source` is not copied. */
int scan_item_parse(struct scan_item *it, const char *line, const char *source,
    unsigned long lineno);
void scan_item_free(struct scan_item *it);

/* The targets of the operands, then of the -i files ("-": standard
 * input), read and parsed one at a time and kept when in shard i of n
 * (n 0: every target; FNV-1a 64 of the normalised target modulo n):
 * memory does not grow with the list. */
/* A target line longer than this is malformed (and not kept). */
#define SCAN_LINE_MAX 8192

struct scan_reader {
	char *const *operands;
	size_t n_operands, next_op;
	const char *const *paths;
	int *fds;
	size_t n_files, next_file;
	unsigned long lineno; /* in the current file */
	unsigned shard_i, shard_n;
	/* The current file's bytes not yet returned: buf[off..len); eof
	 * once it gave 0 bytes. */
	char *buf;
	size_t off, len, cap;
	int eof;
	/* The line being read is longer than SCAN_LINE_MAX: its start,
	 * for the malformed item it becomes. */
	int too_long;
	char long_start[48];
	struct scan_item cur; /* the item last returned */
	/* When set and true, reading ends (as at the end of the lists):
	 * checked at least every 100 ms while a pipe or terminal is
	 * waited on. */
	int (*stopped)(void *arg);
	void *stop_arg;
};

/* Open every file (0, or -1 reported: one that cannot be opened). */
int scan_reader_open(struct scan_reader *r, char *const *operands,
    size_t n_operands, const char *const *paths, size_t n_paths,
    unsigned shard_i, unsigned shard_n);
/* The next target (*out valid until the next call): 1, 0 at the end,
 * -1 (reported). */
int scan_reader_next(struct scan_reader *r, const struct scan_item **out);
/* Count the targets ahead and rewind: 0, or -1 when an input can be
 * read only once (standard input, a pipe) or a read failed. */
int scan_reader_count(struct scan_reader *r, size_t *n);
void scan_reader_close(struct scan_reader *r);
/* The normalised target string hashed by --shard: whitespace runs
 * collapsed to one space, ASCII lower case; and its FNV-1a 64 hash. */
uint64_t scan_target_hash(const char *target);

/* At most this many --compare-trust stores. */
#define SCAN_MAX_STORES 16

/* A short record of a result: the HTML report keeps one per target, the
 * summary only the few expiring soonest. */
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

/* The summary's failures by reason: distinct reasons are few (error
 * codes, verdict flags); past this many the rest count as "other". */
#define SCAN_MAX_REASONS 64
/* The summary's "Expiring soonest" rows. */
#define SCAN_SOONEST 10

struct scan_reason {
	char reason[64];
	size_t n;
};

/* What the summary and the report need: counts and bounded tables, so
 * a scan's memory does not grow with its targets; and with keep_recs
 * (the HTML report, whose table lists every target) every record. */
struct scan_report {
	int keep_recs;
	struct scan_rec *recs; /* keep_recs: n of them */
	size_t n, cap;         /* n: the results */
	size_t count[SCAN_N_STATUS];
	struct scan_reason reasons[SCAN_MAX_REASONS];
	size_t n_reasons;
	/* By notAfter, then target; targets malloc'd. */
	struct scan_rec soonest[SCAN_SOONEST];
	size_t n_soonest;
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

/* --lint (scan_lint.c). The lint counts of a record (before it is
 * added) and the tally, from a result or from a jsonl line's "lint"
 * member (--merge); 0, or -1 (no memory, or a malformed member). */
int scan_lint_add(struct scan_report *rep, struct scan_rec *rec,
    const struct certshow_scan_result *r);
int scan_lint_merge(struct scan_report *rep, struct scan_rec *rec,
    const char *line);
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
