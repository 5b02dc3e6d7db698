/*
 * scan.h - 'certshow scan': targets, per-target results and their
 * outputs (tools/cmd_scan.c runs the pool, tools/scan_out.c writes).
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

/* A target's stable status (the "status" member of a jsonl line). */
enum scan_status {
	SCAN_OK = 0,  /* verified, not expiring within --warn-days */
	SCAN_WARNING, /* verified, but expiring soon or the handshake
			 * failed after the certificates */
	SCAN_FAILED,  /* verification failed (verdict flags) */
	SCAN_ERROR,   /* no chain: malformed line, DNS, connect, TLS */
	SCAN_N_STATUS
};

/* What every target shares. */
struct scan_conf {
	enum certshow_starttls starttls; /* default of every target */
	unsigned timeout_ms;
	unsigned deadline_ms;
	int has_at;
	int64_t at;
	enum certshow_profile profile;
	int insecure;
	long warn_days;
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
	char *addr_key; /* host|port: the per-address limit's key */
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

struct scan_problem {
	uint32_t flag;
	char *message;
};

struct scan_result {
	const struct scan_item *item;
	enum scan_status status;
	char address[64]; /* peer address, "" when none */
	unsigned port;
	const char *error; /* symbolic error code, or NULL */
	char *message;     /* error or handshake note */
	uint32_t flags;
	struct scan_problem *problems;
	size_t n_problems;
	int has_expiry;
	int64_t not_after; /* the leaf's */
	long days_left;
	double ms_fetch, ms_verify, ms_total;
};

/* Fetch and verify one target into *r (always filled). */
void scan_run_target(struct certshow_ctx *ctx,
    const struct certshow_trust *trust, const struct scan_conf *c,
    const struct scan_item *it, struct scan_result *r);
void scan_result_clear(struct scan_result *r);

/* A short record of each result, for the summary and the report. */
struct scan_rec {
	char *target;
	enum scan_status status;
	char reason[64]; /* first verdict flag or error code */
	int has_expiry;
	int64_t not_after;
	long days_left;
};

struct scan_report {
	struct scan_rec *recs;
	size_t n, cap;
	size_t count[SCAN_N_STATUS];
};

int scan_report_add(struct scan_report *rep, const struct scan_result *r);
void scan_report_free(struct scan_report *rep);
/* Read one file of jsonl lines (scan's own output) into the report;
 * 0 or -1 (reported). */
int scan_report_merge(struct scan_report *rep, const char *path);

/* Per result (jsonl, csv); a header first for csv. */
void scan_emit_header(FILE *fp, enum scan_format fmt);
void scan_emit(FILE *fp, enum scan_format fmt, const struct scan_result *r);
/* The summary table (text) or the self-contained HTML report. */
void scan_report_text(FILE *fp, const struct scan_report *rep, int interrupted);
void scan_report_html(FILE *fp, const struct scan_report *rep, int64_t now);

const char *scan_status_name(enum scan_status s);

#endif
