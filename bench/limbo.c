/*
 * limbo.c - run x509-limbo conformance cases through certshow_verify().
 *
 * usage: limbo [-v] [--min-pass PERCENT] [--max-false-accepts N]
 *              [--profile webpki|rfc5280] FILE
 *
 * Every case runs under one profile (webpki by default): the runner
 * never picks a profile from a case's id.
 *
 * FILE is a limbo-format JSON document ({"version": 1, "testcases":
 * [...]}). Each case's trusted_certs become the trust store, its
 * untrusted_intermediates the candidate intermediates, peer_certificate
 * the leaf; validation_time (fractions of a second truncated, i.e.
 * floored), expected_peer_name(s), validation_kind/extended_key_usage and
 * max_chain_depth become verification options, its crls a CRL set. A
 * case passes when the verdict (flags == 0 or not) equals
 * expected_result.
 *
 * The program prints the pass rate per namespace (the id up to the first
 * "::"), overall and for the path-building cases, then every false accept
 * (a FAILURE case accepted) and every other failure. A false accept on a
 * case whose features mark a documented policy choice (see
 * doc/verification.md) is listed separately and not counted, and so is
 * an accept whose result carries a note (flag 0: a rule for the issuer
 * that the relying party reports but does not reject for, see
 * doc/verification.md "Relying-party rules"), with that note.
 *
 * Exit status: 0, or 1 when --min-pass or --max-false-accepts is not met,
 * 2 on usage errors, 3 when FILE cannot be read.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "certshow.h"
#include "cli.h"
#include "runner.h"

/* Features that mark a case as a policy choice documented in
 * doc/verification.md, where our answer differs on purpose. */
static const char *const policy_features[] = {
	"pedantic-public-suffix-wildcard",
	"rfc5280-incompatible-with-webpki",
	"pedantic-rfc5280",
	/* An absent EKU is any purpose under a configured anchor. */
	"pedantic-webpki-eku",
};

#define MAX_NS 32

struct ns_stat {
	char name[64];
	unsigned pass, total, unsupported;
};

struct stats {
	struct ns_stat ns[MAX_NS];
	size_t n_ns;
	unsigned pass, total, unsupported, false_accepts, policy_accepts;
	unsigned note_accepts;
	unsigned pb_pass, pb_total;
};

static struct ns_stat *
ns_get(struct stats *st, const char *id)
{
	const char *sep = strstr(id, "::");
	size_t len = sep != NULL ? (size_t)(sep - id) : strlen(id), i;

	if (len >= sizeof(st->ns[0].name)) {
		len = sizeof(st->ns[0].name) - 1;
	}
	for (i = 0; i < st->n_ns; i++) {
		if (strlen(st->ns[i].name) == len &&
		    strncmp(st->ns[i].name, id, len) == 0) {
			return &st->ns[i];
		}
	}
	if (st->n_ns == MAX_NS) {
		return &st->ns[MAX_NS - 1];
	}
	memcpy(st->ns[st->n_ns].name, id, len);
	st->ns[st->n_ns].name[len] = '\0';
	return &st->ns[st->n_ns++];
}

/* Append every certificate of a PEM string to chain. */
static int
add_pem(struct certshow_ctx *ctx, struct certshow_chain *chain,
    const char *pem, const char *name)
{
	struct certshow_reader *r;

	if (certshow_reader_open_mem(ctx, &r, (const uint8_t *)pem,
	    strlen(pem), name) < 0) {
		return -1;
	}
	return runner_add_certs(ctx, chain, r);
}

static int
pem_array(struct certshow_ctx *ctx, struct certshow_chain *chain,
    json_t *arr, const char *name)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) ||
		    add_pem(ctx, chain, json_string_value(v), name) < 0) {
			return -1;
		}
	}
	return 0;
}

static bool
has_feature(json_t *tc, const char *f)
{
	json_t *arr = json_object_get(tc, "features"), *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		if (json_is_string(v) && strcmp(json_string_value(v), f) == 0) {
			return true;
		}
	}
	return false;
}

static bool
is_policy_case(json_t *tc)
{
	size_t i;

	for (i = 0; i < sizeof(policy_features) / sizeof(policy_features[0]);
	    i++) {
		if (has_feature(tc, policy_features[i])) {
			return true;
		}
	}
	return false;
}

static int
peer_kind(const char *k)
{
	if (strcmp(k, "DNS") == 0) {
		return CERTSHOW_PEER_DNS;
	}
	if (strcmp(k, "IP") == 0) {
		return CERTSHOW_PEER_IP;
	}
	if (strcmp(k, "RFC822") == 0) {
		return CERTSHOW_PEER_EMAIL;
	}
	return -1;
}

/* Verify once with one peer name. Returns 1 accepted, 0 rejected, -1
 * error; *flags_out gets the verdict flags. */
static int
verify_one(struct certshow_ctx *ctx, struct certshow_chain *leaf,
    struct certshow_chain *inter, struct certshow_trust *trust,
    struct certshow_verify_opts *o, json_t *peer, uint32_t *flags_out,
    char *note, size_t note_size)
{
	struct certshow_result *res;
	const char *msg;
	uint32_t flag;
	size_t i, j;
	int kind;

	o->peer_kind = CERTSHOW_PEER_NONE;
	o->peer_name = NULL;
	if (json_is_object(peer)) {
		kind = peer_kind(json_string_value(json_object_get(peer,
		    "kind")) ? json_string_value(json_object_get(peer,
		    "kind")) : "");
		if (kind < 0) {
			return -1;
		}
		o->peer_kind = (enum certshow_peer_kind)kind;
		o->peer_name = json_string_value(json_object_get(peer, "value"));
		if (o->peer_name == NULL) {
			return -1;
		}
	}
	if (certshow_verify(ctx, &res, leaf, inter, trust, o) < 0) {
		return -1;
	}
	*flags_out |= certshow_result_flags(res);
	/* The first note: an issuance rule the path does not meet, which
	 * the verifier reports but does not reject for. */
	for (i = 0; i < certshow_result_path_len(res); i++) {
		for (j = 0; j < certshow_result_problem_count(res, i); j++) {
			if (note[0] == '\0' && certshow_result_problem(res, i,
			    j, &flag, &msg) == 0 && flag == 0) {
				snprintf(note, note_size, "%s", msg);
			}
		}
	}
	certshow_result_free(res);
	return *flags_out == 0;
}

/* Run one case: 1 accepted, 0 rejected, -2 unsupported. */
static int
run_case(json_t *tc, enum certshow_profile profile, uint32_t *flags,
    char *why, size_t why_size, char *note, size_t note_size)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct runner_case rc;
	struct certshow_ctx *ctx;
	struct certshow_trust *trust;
	struct certshow_chain *leaf, *inter;
	json_t *v, *names, *eku, *peer;
	const char *s;
	size_t i;
	int rv = 0;

	*flags = 0;
	why[0] = '\0';
	note[0] = '\0';
	o.profile = profile;
	rv = runner_case_new(&rc);
	ctx = rc.ctx;
	trust = rc.trust;
	leaf = rc.leaf;
	inter = rc.inter;
	if (ctx == NULL) {
		return 0;
	}
	if (rv < 0) {
		goto err;
	}
	rv = 0;
	v = json_object_get(tc, "crls");
	if (json_array_size(v) > 0) {
		json_array_foreach(v, i, peer) {
			s = json_string_value(peer);
			if (s == NULL ||
			    certshow_crls_add_mem(ctx, rc.crls,
				(const uint8_t *)s, strlen(s), "crl") < 0) {
				goto err;
			}
		}
		o.crls = rc.crls;
	}
	if (pem_array(ctx, rc.anchors, json_object_get(tc, "trusted_certs"),
		"trusted") < 0 ||
	    certshow_trust_add_chain(ctx, trust, rc.anchors) < 0) {
		goto err;
	}
	if (pem_array(ctx, inter, json_object_get(tc,
	    "untrusted_intermediates"), "intermediates") < 0) {
		goto err;
	}
	s = json_string_value(json_object_get(tc, "peer_certificate"));
	if (s == NULL || add_pem(ctx, leaf, s, "peer") < 0 ||
	    certshow_chain_count(leaf) != 1) {
		goto err;
	}
	s = json_string_value(json_object_get(tc, "validation_time"));
	if (s != NULL) {
		if (cli_time_parse(s, &o.time) < 0) {
			snprintf(why, why_size, "bad validation_time");
			goto err;
		}
		o.has_time = 1;
	}
	s = json_string_value(json_object_get(tc, "validation_kind"));
	o.purpose = (s != NULL && strcmp(s, "CLIENT") == 0) ?
	    CERTSHOW_PURPOSE_CLIENT : CERTSHOW_PURPOSE_SERVER;
	eku = json_object_get(tc, "extended_key_usage");
	json_array_foreach(eku, i, v) {
		s = json_string_value(v);
		if (s == NULL) {
			continue;
		}
		if (strcmp(s, "serverAuth") == 0) {
			o.purpose = CERTSHOW_PURPOSE_SERVER;
		} else if (strcmp(s, "clientAuth") == 0) {
			o.purpose = CERTSHOW_PURPOSE_CLIENT;
		}
	}
	v = json_object_get(tc, "max_chain_depth");
	if (json_is_integer(v)) {
		/* limbo counts intermediates; the API counts the leaf and
		 * the anchor too. */
		o.max_depth = (unsigned)json_integer_value(v) + 2;
	}
	names = json_object_get(tc, "expected_peer_names");
	peer = json_object_get(tc, "expected_peer_name");
	if (json_array_size(names) > 0) {
		rv = 1;
		json_array_foreach(names, i, v) {
			int r = verify_one(ctx, leaf, inter, trust, &o, v, flags,
			    note, note_size);

			if (r < 0) {
				goto err;
			}
			if (r == 0) {
				rv = 0;
			}
		}
	} else {
		rv = verify_one(ctx, leaf, inter, trust, &o, peer, flags,
		    note, note_size);
		if (rv < 0) {
			goto err;
		}
	}
	goto out;
err:
	/* Input the library refuses to load is a rejection. */
	if (why[0] == '\0') {
		snprintf(why, why_size, "error: %s", certshow_ctx_error(ctx));
	}
	rv = 0;
out:
	runner_case_free(&rc);
	return rv;
}

static double
pct(unsigned a, unsigned b)
{
	return b == 0 ? 0.0 : 100.0 * a / b;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: limbo [-v] [--min-pass PERCENT] "
	    "[--max-false-accepts N] [--profile webpki|rfc5280] FILE\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "min-pass", required_argument, NULL, 'p' },
		{ "max-false-accepts", required_argument, NULL, 'f' },
		{ "profile", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct stats st;
	json_error_t jerr;
	json_t *doc, *cases, *tc;
	double min_pass = -1;
	long max_fa = -1;
	int c, verbose = 0, status = 0;
	enum certshow_profile profile = CERTSHOW_PROFILE_WEBPKI;
	size_t i;
	clock_t t0;
	char *fails = NULL, *fas = NULL, *pols = NULL, *notes = NULL;
	size_t fails_len = 0, fas_len = 0, pols_len = 0, notes_len = 0;
	FILE *fails_fp, *fas_fp, *pols_fp, *notes_fp;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verbose = 1;
			break;
		case 'p':
			min_pass = atof(optarg);
			break;
		case 'f':
			max_fa = atol(optarg);
			break;
		case 'P':
			if (strcmp(optarg, "rfc5280") == 0) {
				profile = CERTSHOW_PROFILE_RFC5280;
			} else if (strcmp(optarg, "webpki") != 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	doc = json_load_file(argv[optind], 0, &jerr);
	if (doc == NULL) {
		fprintf(stderr, "limbo: %s: %s (line %d)\n", argv[optind],
		    jerr.text, jerr.line);
		return 3;
	}
	cases = json_object_get(doc, "testcases");
	if (!json_is_array(cases)) {
		fprintf(stderr, "limbo: %s: no testcases array\n", argv[optind]);
		json_decref(doc);
		return 3;
	}
	memset(&st, 0, sizeof(st));
	fails_fp = open_memstream(&fails, &fails_len);
	fas_fp = open_memstream(&fas, &fas_len);
	pols_fp = open_memstream(&pols, &pols_len);
	notes_fp = open_memstream(&notes, &notes_len);
	if (fails_fp == NULL || fas_fp == NULL || pols_fp == NULL ||
	    notes_fp == NULL) {
		return 3;
	}
	t0 = clock();
	json_array_foreach(cases, i, tc) {
		const char *id = json_string_value(json_object_get(tc, "id"));
		const char *exp = json_string_value(json_object_get(tc,
		    "expected_result"));
		struct ns_stat *ns;
		uint32_t flags;
		char why[600], fl[300], note[600];
		bool want, pass, pb;
		int got;

		if (id == NULL || exp == NULL) {
			continue;
		}
		ns = ns_get(&st, id);
		want = strcmp(exp, "SUCCESS") == 0;
		got = run_case(tc, profile, &flags, why, sizeof(why), note,
		    sizeof(note));
		if (got == -2) {
			ns->unsupported++;
			st.unsupported++;
			if (verbose) {
				printf("SKIP %s (%s)\n", id, why);
			}
			continue;
		}
		pass = (got == 1) == want;
		/* The BetterTLS path-building suite. */
		pb = strstr(id, "pathbuilding") != NULL;
		ns->total++;
		st.total++;
		if (pb) {
			st.pb_total++;
		}
		runner_flag_names(flags, fl, sizeof(fl));
		if (pass) {
			ns->pass++;
			st.pass++;
			if (pb) {
				st.pb_pass++;
			}
		} else if (got == 1) {
			if (is_policy_case(tc)) {
				st.policy_accepts++;
				fprintf(pols_fp, "  %s\n", id);
			} else if (note[0] != '\0') {
				/* Relying-party rules only: the defect is
				 * an issuance rule, reported as a note. */
				st.note_accepts++;
				fprintf(notes_fp, "  %s: %s\n", id, note);
			} else {
				st.false_accepts++;
				fprintf(fas_fp, "  %s\n", id);
			}
		} else {
			fprintf(fails_fp, "  %s: rejected with %s%s%s\n", id,
			    fl[0] ? fl : "-", why[0] ? "; " : "", why);
		}
		if (verbose) {
			printf("%s %s %s %s\n", pass ? "PASS" : "FAIL", id, exp,
			    fl[0] ? fl : "-");
		}
	}
	fclose(fails_fp);
	fclose(fas_fp);
	fclose(pols_fp);
	fclose(notes_fp);
	printf("namespace            pass/total    rate  unsupported\n");
	for (i = 0; i < st.n_ns; i++) {
		printf("%-20s %4u/%-5u  %6.1f%%  %u\n", st.ns[i].name,
		    st.ns[i].pass, st.ns[i].total, pct(st.ns[i].pass,
		    st.ns[i].total), st.ns[i].unsupported);
	}
	printf("%-20s %4u/%-5u  %6.1f%%  %u\n", "overall", st.pass, st.total,
	    pct(st.pass, st.total), st.unsupported);
	printf("%-20s %4u/%-5u  %6.1f%%\n", "path-building", st.pb_pass,
	    st.pb_total, pct(st.pb_pass, st.pb_total));
	printf("overall counting unsupported as failures: %u/%u (%.1f%%)\n",
	    st.pass, st.total + st.unsupported, pct(st.pass,
	    st.total + st.unsupported));
	printf("false accepts: %u\n%s", st.false_accepts, fas);
	printf("accepted by documented policy: %u\n%s", st.policy_accepts,
	    pols);
	printf("accepted with an issuance-rule note: %u\n%s", st.note_accepts,
	    notes);
	printf("other failures: %u\n%s", st.total - st.pass -
	    st.false_accepts - st.policy_accepts - st.note_accepts, fails);
	printf("time: %.2f s CPU\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
	if (min_pass >= 0 && pct(st.pass, st.total) < min_pass) {
		status = 1;
	}
	if (max_fa >= 0 && (long)st.false_accepts > max_fa) {
		status = 1;
	}
	free(fails);
	free(fas);
	free(pols);
	free(notes);
	json_decref(doc);
	return status;
}
