/*
 * pkits.c - run the NIST PKITS paths through certshow_verify().
 *
 * usage: pkits [-v] [--gate NEEDS[,NEEDS...]] PKITS_DATA CASES_TSV
 *
 * PKITS_DATA is the PKITS_data directory of the certificates and CRLs
 * (certs/, crls/), CASES_TSV the table of expected results (one row per
 * path; columns named by its header line: id, section, expected, needs,
 * initial_policy_set, explicit_policy, policy_mapping_inhibit,
 * any_policy_inhibit, anchor, path_cas, ee, extra_certs, crls). Each row
 * is verified at 2011-04-15T00:00:00Z with the rfc5280 profile, purpose
 * "any", no peer name, the row's anchor as the only trust anchor, its
 * path CAs and extra certificates as candidate intermediates, its CRLs
 * for revocation checking and its four policy inputs (the
 * user-initial-policy-set and the three initial flags). A row passes when
 * the verdict (flags == 0 or not) equals `expected`; a row the library
 * cannot even load is an error, which is never a pass.
 *
 * The program prints pass/total per section and per `needs` class, then
 * every false accept (an invalid path accepted), every false reject and
 * every error.
 *
 * Exit status: 0; 1 when a row whose `needs` is listed in --gate is
 * falsely accepted or errs; 2 on usage errors; 3 when CASES_TSV cannot be
 * read or lacks a column.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certshow.h"
#include "runner.h"

/* 2011-04-15T00:00:00Z: every PKITS certificate that is not out of date
 * on purpose is valid then. */
#define PKITS_TIME 1302825600

#define MAX_SECT 32
#define MAX_COLS 32
#define MAX_FILES 16

enum col {
	C_ID, C_SECTION, C_EXPECTED, C_NEEDS, C_POLICY_SET, C_EXPLICIT,
	C_MAP_INHIBIT, C_ANY_INHIBIT, C_ANCHOR, C_PATH_CAS, C_EE, C_EXTRA,
	C_CRLS, C_N
};

static const char *const col_names[C_N] = {
	"id", "section", "expected", "needs", "initial_policy_set",
	"explicit_policy", "policy_mapping_inhibit", "any_policy_inhibit",
	"anchor", "path_cas", "ee", "extra_certs", "crls"
};

struct tally {
	char name[32];
	unsigned pass, total;
};

struct stats {
	struct tally sect[MAX_SECT];
	size_t n_sect;
	struct tally needs[8];
	size_t n_needs;
	unsigned pass, total, false_accepts, false_rejects, errors;
	unsigned gated_failures;
};

static struct tally *
tally_get(struct tally *v, size_t *n, size_t max, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (strcmp(v[i].name, name) == 0) {
			return &v[i];
		}
	}
	if (*n == max) {
		return &v[max - 1];
	}
	snprintf(v[*n].name, sizeof(v[*n].name), "%s", name);
	return &v[(*n)++];
}

/* Split a line at tabs in place; returns the number of fields. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		if (n == max) {
			return n;
		}
		f[n++] = p;
		p = strchr(p, '\t');
		if (p == NULL) {
			return n;
		}
		*p++ = '\0';
	}
}

/* Split a space- or comma-separated list in place. */
static size_t
split_list(char *s, char **out, size_t max)
{
	size_t n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(s, " ,", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, " ,", &save)) {
		out[n++] = tok;
	}
	return n;
}

static int
load_into(struct certshow_ctx *ctx, struct certshow_chain *chain,
    const char *dir, const char *rel)
{
	struct certshow_reader *r;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (certshow_reader_open_file(ctx, &r, path) < 0) {
		return -1;
	}
	return runner_add_certs(ctx, chain, r);
}

static int
load_list(struct certshow_ctx *ctx, struct certshow_chain *chain,
    const char *dir, char *list)
{
	char *files[MAX_FILES];
	size_t i, n = split_list(list, files, MAX_FILES);

	for (i = 0; i < n; i++) {
		if (load_into(ctx, chain, dir, files[i]) < 0) {
			return -1;
		}
	}
	return 0;
}

/* The first problem of a result, for the failure listing. */
static void
first_problem(const struct certshow_result *res, char *buf, size_t size)
{
	const char *msg;
	uint32_t flag;
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < certshow_result_path_len(res); i++) {
		if (certshow_result_problem_count(res, i) > 0 &&
		    certshow_result_problem(res, i, 0, &flag, &msg) == 0) {
			snprintf(buf, size, "%s", msg);
			return;
		}
	}
}

/* Verify one row. Returns 1 accepted, 0 rejected, -1 error (why says
 * which). */
static int
run_row(const char *dir, char **f, uint32_t *flags, char *why,
    size_t why_size)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct runner_case rc;
	struct certshow_ctx *ctx;
	struct certshow_result *res = NULL;
	char *files[MAX_FILES], *pols[MAX_FILES], path[4096];
	size_t i, n;
	int rv = -1;

	*flags = 0;
	why[0] = '\0';
	rv = runner_case_new(&rc);
	ctx = rc.ctx;
	if (ctx == NULL) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	if (rv < 0) {
		goto out;
	}
	rv = -1;
	if (load_list(ctx, rc.anchors, dir, f[C_ANCHOR]) < 0 ||
	    certshow_trust_add_chain(ctx, rc.trust, rc.anchors) < 0 ||
	    load_list(ctx, rc.inter, dir, f[C_PATH_CAS]) < 0 ||
	    load_list(ctx, rc.inter, dir, f[C_EXTRA]) < 0 ||
	    load_list(ctx, rc.leaf, dir, f[C_EE]) < 0) {
		goto out;
	}
	n = split_list(f[C_CRLS], files, MAX_FILES);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (certshow_crls_add_file(ctx, rc.crls, path) < 0) {
			goto out;
		}
	}
	o.has_time = 1;
	o.time = PKITS_TIME;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.crls = n > 0 ? rc.crls : NULL;
	/* RFC 5280 6.1.1 (c), (e), (f), (g). */
	o.n_policies = split_list(f[C_POLICY_SET], pols, MAX_FILES);
	o.policies = (const char *const *)pols;
	o.explicit_policy = strcmp(f[C_EXPLICIT], "1") == 0;
	o.inhibit_policy_mapping = strcmp(f[C_MAP_INHIBIT], "1") == 0;
	o.inhibit_any_policy = strcmp(f[C_ANY_INHIBIT], "1") == 0;
	if (certshow_verify(ctx, &res, rc.leaf, rc.inter, rc.trust, &o) < 0) {
		goto out;
	}
	*flags = certshow_result_flags(res);
	first_problem(res, why, why_size);
	rv = *flags == 0;
out:
	if (rv < 0) {
		snprintf(why, why_size, "error: %s", certshow_ctx_error(ctx));
	}
	certshow_result_free(res);
	runner_case_free(&rc);
	return rv;
}

static bool
in_list(const char *list, const char *word)
{
	size_t wl = strlen(word);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, word, wl) == 0 && (p[wl] == ',' ||
		    p[wl] == '\0')) {
			return true;
		}
		p = strchr(p, ',');
		if (p != NULL) {
			p++;
		}
	}
	return false;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: pkits [-v] [--gate NEEDS[,NEEDS...]] PKITS_DATA "
	    "CASES_TSV\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "gate", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct stats st;
	const char *gate = "", *dir;
	char line[8192], *hdr[MAX_COLS], hline[8192];
	char *fas = NULL, *frs = NULL, *errs = NULL;
	size_t fas_len = 0, frs_len = 0, errs_len = 0, nh, nf, i, k;
	FILE *fp, *fas_fp, *frs_fp, *errs_fp;
	int c, verbose = 0, col[C_N];
	clock_t t0;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verbose = 1;
			break;
		case 'g':
			gate = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 2) {
		usage(stderr);
		return 2;
	}
	dir = argv[optind];
	fp = fopen(argv[optind + 1], "r");
	if (fp == NULL || fgets(hline, sizeof(hline), fp) == NULL) {
		fprintf(stderr, "pkits: cannot read %s\n", argv[optind + 1]);
		return 3;
	}
	hline[strcspn(hline, "\r\n")] = '\0';
	nh = split_tabs(hline, hdr, MAX_COLS);
	for (k = 0; k < C_N; k++) {
		col[k] = -1;
		for (i = 0; i < nh; i++) {
			if (strcmp(hdr[i], col_names[k]) == 0) {
				col[k] = (int)i;
			}
		}
		if (col[k] < 0) {
			fprintf(stderr, "pkits: %s: no column '%s'\n",
			    argv[optind + 1], col_names[k]);
			return 3;
		}
	}
	memset(&st, 0, sizeof(st));
	fas_fp = open_memstream(&fas, &fas_len);
	frs_fp = open_memstream(&frs, &frs_len);
	errs_fp = open_memstream(&errs, &errs_len);
	if (fas_fp == NULL || frs_fp == NULL || errs_fp == NULL) {
		return 3;
	}
	t0 = clock();
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *row[MAX_COLS], *v[C_N], why[600], fl[300];
		struct tally *ts, *tn;
		uint32_t flags;
		bool want, gated;
		int got;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0') {
			continue;
		}
		nf = split_tabs(line, row, MAX_COLS);
		if (nf != nh) {
			fprintf(stderr, "pkits: row with %zu fields, header has "
			    "%zu\n", nf, nh);
			return 3;
		}
		for (k = 0; k < C_N; k++) {
			v[k] = row[col[k]];
		}
		want = strcmp(v[C_EXPECTED], "valid") == 0;
		gated = in_list(gate, v[C_NEEDS]);
		got = run_row(dir, v, &flags, why, sizeof(why));
		ts = tally_get(st.sect, &st.n_sect, MAX_SECT, v[C_SECTION]);
		tn = tally_get(st.needs, &st.n_needs, 8, v[C_NEEDS]);
		ts->total++;
		tn->total++;
		st.total++;
		runner_flag_names(flags, fl, sizeof(fl));
		if (got >= 0 && (got == 1) == want) {
			ts->pass++;
			tn->pass++;
			st.pass++;
		} else if (got < 0) {
			st.errors++;
			st.gated_failures += gated;
			fprintf(errs_fp, "  %s [%s] %s\n", v[C_ID], v[C_NEEDS],
			    why);
		} else if (got == 1) {
			st.false_accepts++;
			st.gated_failures += gated;
			fprintf(fas_fp, "  %s [%s]\n", v[C_ID], v[C_NEEDS]);
		} else {
			st.false_rejects++;
			fprintf(frs_fp, "  %s [%s] %s: %s\n", v[C_ID],
			    v[C_NEEDS], fl, why);
		}
		if (verbose) {
			printf("%s %s %s %s\n", got >= 0 && (got == 1) == want ?
			    "PASS" : "FAIL", v[C_ID], v[C_EXPECTED],
			    fl[0] ? fl : "-");
		}
	}
	fclose(fp);
	fclose(fas_fp);
	fclose(frs_fp);
	fclose(errs_fp);
	printf("section   pass/total\n");
	for (i = 0; i < st.n_sect; i++) {
		printf("%-8s  %3u/%-3u\n", st.sect[i].name, st.sect[i].pass,
		    st.sect[i].total);
	}
	printf("needs     pass/total\n");
	for (i = 0; i < st.n_needs; i++) {
		printf("%-8s  %3u/%-3u\n", st.needs[i].name, st.needs[i].pass,
		    st.needs[i].total);
	}
	printf("overall   %3u/%-3u\n", st.pass, st.total);
	printf("false accepts: %u\n%s", st.false_accepts, fas);
	printf("false rejects: %u\n%s", st.false_rejects, frs);
	printf("errors: %u\n%s", st.errors, errs);
	printf("time: %.2f s CPU\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(fas);
	free(frs);
	free(errs);
	if (st.gated_failures > 0) {
		printf("FAIL: %u false accepts or errors in rows needing %s\n",
		    st.gated_failures, gate);
		return 1;
	}
	return 0;
}
