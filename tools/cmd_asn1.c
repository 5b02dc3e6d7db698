/*
 * cmd_asn1.c - 'certshow asn1': the raw DER tree of each certificate.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_NO_NAMES = 256,
	OPT_NO_OPEN,
	OPT_HEADERS,
	OPT_MAX_DEPTH,
	OPT_MAX_LINES,
	OPT_RAW
};

static const struct option asn1_options[] = {
	{ "no-names", no_argument, NULL, OPT_NO_NAMES },
	{ "no-open", no_argument, NULL, OPT_NO_OPEN },
	{ "headers-only", no_argument, NULL, OPT_HEADERS },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-lines", required_argument, NULL, OPT_MAX_LINES },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

void
usage_asn1(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow asn1 [OPTIONS] FILE...\n"
	    "\n"
	    "Show the DER tree of each certificate of each FILE (\"-\" is standard\n"
	    "input), one line per TLV:\n"
	    "\n"
	    "  OFFSET:d=DEPTH hl=HEADER l=LENGTH cons|prim: TAG (field): value\n"
	    "\n"
	    "Field names come from the PKIX module where the structure matches\n"
	    "(tbsCertificate.validity.notBefore); DER inside OCTET and BIT\n"
	    "STRINGs is opened where it parses. Input the decoder rejects is\n"
	    "shown as raw PEM blocks or DER: encodings that are not DER are\n"
	    "marked '!! not DER', and the walk of a broken structure ends with\n"
	    "'** stopped: REASON' at the offset where it stopped.\n"
	    "\n"
	    "Options:\n"
	    "      --no-names      no PKIX field names\n"
	    "      --no-open       do not open nested DER\n"
	    "      --headers-only  no decoded values\n"
	    "      --raw           show the input's bytes as they are, even when\n"
	    "                      it decodes (PKCS#7 is then shown whole)\n"
	    "      --max-depth N   nesting limit (default 64)\n"
	    "      --max-lines N   output limit per file (default 100000)\n"
	    "  -h, --help          show this help\n"
	    "\n"
	    "Exit status: 0 every input is well-formed DER, 1 an input is not\n"
	    "DER or is malformed (its view is still shown), 2 usage error, 3 an\n"
	    "input could not be read or a limit cut the view short.\n");
}

static int
view_status(struct certshow_ctx *ctx, const char *path, int rv)
{
	if (rv == 0) {
		return EXIT_OK;
	}
	fflush(stdout);
	cli_error("%s: %s", path, certshow_ctx_error(ctx));
	return rv == CERTSHOW_E_PARSE ? EXIT_VERIFY_FAILED : EXIT_OPERATIONAL;
}

static int
asn1_file(struct certshow_ctx *ctx, const char *path,
    const struct certshow_asn1_opts *o, int raw)
{
	struct certshow_chain *chain = NULL;
	const uint8_t *der;
	uint8_t *buf;
	size_t len, dlen, i;
	int rv, status = EXIT_OK, s;

	if (certshow_input_read(ctx, path, &buf, &len) != 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return EXIT_OPERATIONAL;
	}
	/* Certificates the reader decodes are shown one by one (this also
	 * unpacks PKCS#7); anything else is shown as raw PEM or DER. */
	if (!raw && certshow_chain_load_mem(ctx, &chain, buf, len,
	    path) == 0) {
		for (i = 0; i < certshow_chain_count(chain); i++) {
			der = certshow_cert_raw(certshow_chain_get(chain, i),
			    CERTSHOW_RAW_DER,
			    &dlen);
			printf("# %s: certificate #%zu, %zu bytes\n", path, i,
			    dlen);
			rv = certshow_asn1_write(ctx, stdout, der, dlen, o);
			s = view_status(ctx, path, rv);
			if (s > status) {
				status = s;
			}
		}
		certshow_chain_free(chain);
		certshow_free(buf);
		return status;
	}
	if (len == 0) {
		/* Nothing to show, raw or not: an input error, in the
		 * reader's words ("empty input") as every command says it. */
		if (raw) {
			(void)certshow_chain_load_mem(ctx, &chain, buf, len,
			    path);
		}
		cli_error("%s", certshow_ctx_error(ctx));
		certshow_free(buf);
		return EXIT_OPERATIONAL;
	}
	if (!raw) {
		fflush(stdout);
		fprintf(stderr, "%s: %s; showing the raw input\n",
		    cli_progname, certshow_ctx_error(ctx));
	}
	printf("# %s: %zu bytes\n", path, len);
	rv = certshow_asn1_write(ctx, stdout, buf, len, o);
	certshow_free(buf);
	return view_status(ctx, path, rv);
}

static int
parse_count(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    *out == 0 || *out > max) {
		return -1;
	}
	return 0;
}

int
cmd_asn1(int argc, char **argv)
{
	struct certshow_asn1_opts o = CERTSHOW_ASN1_OPTS_INIT;
	struct certshow_ctx *ctx;
	unsigned long v;
	char err[CLI_MSG_MAX];
	int c, i, status = EXIT_OK, s, raw = 0;

	opterr = 0;
	optind = 1;
	while ((c = cli_getopt(argc, argv, ":h", asn1_options, err,
	    sizeof(err))) != -1) {
		switch (c) {
		case OPT_NO_NAMES:
			o.flags |= CERTSHOW_ASN1_NO_NAMES;
			break;
		case OPT_NO_OPEN:
			o.flags |= CERTSHOW_ASN1_NO_OPEN;
			break;
		case OPT_HEADERS:
			o.flags |= CERTSHOW_ASN1_NO_VALUES;
			break;
		case OPT_RAW:
			raw = 1;
			break;
		case OPT_MAX_DEPTH:
			if (parse_count(optarg, 1000, &v) != 0) {
				cli_error("asn1: invalid --max-depth '%s' "
				    "(expected 1 to 1000)", optarg);
				cli_usage_hint("asn1");
				return EXIT_USAGE;
			}
			o.max_depth = (unsigned)v;
			break;
		case OPT_MAX_LINES:
			if (parse_count(optarg, 100000000UL, &v) != 0) {
				cli_error("asn1: invalid --max-lines '%s'",
				    optarg);
				cli_usage_hint("asn1");
				return EXIT_USAGE;
			}
			o.max_lines = (size_t)v;
			break;
		case 'h':
			usage_asn1(stdout);
			return EXIT_OK;
		default:
			cli_error("asn1: %s", err);
			cli_usage_hint("asn1");
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("asn1: no input file (use '-' for standard input)");
		cli_usage_hint("asn1");
		return EXIT_USAGE;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		return EXIT_OPERATIONAL;
	}
	for (i = optind; i < argc; i++) {
		s = asn1_file(ctx, argv[i], &o, raw);
		if (s > status) {
			status = s;
		}
	}
	certshow_ctx_free(ctx);
	return status;
}
