/*
 * cmd_verify.c - 'certshow verify': verify certificate chains from files
 * against trust anchors and print the verdicts.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_CAFILE = 256,
	OPT_CAPATH,
	OPT_UNTRUSTED,
	OPT_HOST,
	OPT_IP,
	OPT_EMAIL,
	OPT_AT,
	OPT_PURPOSE,
	OPT_MAX_DEPTH,
	OPT_PROFILE
};

static const struct option verify_options[] = {
	{ "cafile", required_argument, NULL, OPT_CAFILE },
	{ "capath", required_argument, NULL, OPT_CAPATH },
	{ "untrusted", required_argument, NULL, OPT_UNTRUSTED },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "ip", required_argument, NULL, OPT_IP },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "at", required_argument, NULL, OPT_AT },
	{ "purpose", required_argument, NULL, OPT_PURPOSE },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

void
usage_verify(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow verify [OPTIONS] FILE...\n"
	    "\n"
	    "Verify each FILE: its first certificate is the leaf, the others\n"
	    "are candidate intermediates in any order. A path is built to a\n"
	    "trust anchor (trying alternatives: cross-signed and duplicate\n"
	    "intermediates, several roots of one name) and checked against\n"
	    "RFC 5280 and, by default, the CA/Browser Forum rules.\n"
	    "\n"
	    "Options:\n"
	    "      --cafile PATH     trust anchors from a PEM/DER file (repeatable)\n"
	    "      --capath DIR      trust anchors from *.pem, *.crt, *.cer and\n"
	    "                        hashed *.0 files of DIR (repeatable)\n"
	    "                        (default without either: the system store)\n"
	    "      --untrusted FILE  more candidate intermediates (repeatable)\n"
	    "      --host NAME       check the leaf against a DNS name\n"
	    "      --ip ADDR         ... against an IPv4 or IPv6 address\n"
	    "      --email ADDR      ... against an email address\n"
	    "      --at TIME         verification time: RFC 3339 or @SECONDS\n"
	    "                        (default: now)\n"
	    "      --purpose P       server (default), client, any or an EKU OID\n"
	    "      --max-depth N     most certificates in a path, leaf and anchor\n"
	    "                        included, self-issued intermediates not\n"
	    "                        counted (default 32)\n"
	    "      --profile P       webpki (default, CA/B Forum rules) or rfc5280\n"
	    "  -f, --format FMT      text (default) or json\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 every FILE verified, 1 at least one did not (the\n"
	    "reasons are printed), 2 usage error, 3 an input or trust store\n"
	    "could not be read.\n");
}

static void
usage_hint(void)
{
	fprintf(stderr, "Try '%s help verify' for more information.\n",
	    cli_progname);
}

struct list {
	const char **v;
	size_t n;
};

static int
list_add(struct list *l, const char *s)
{
	const char **nv = realloc(l->v, (l->n + 1) * sizeof(*nv));

	if (nv == NULL) {
		return -1;
	}
	l->v = nv;
	l->v[l->n++] = s;
	return 0;
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: verify: ", cli_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_hint();
	return EXIT_USAGE;
}

/* Load the trust store; EXIT_OK or EXIT_OPERATIONAL (reported). */
static int
load_trust(struct certshow_ctx *ctx, struct certshow_trust **out,
    const struct list *cafiles, const struct list *capaths)
{
	struct certshow_trust *t;
	const char *path, *reason;
	size_t i;

	if (certshow_trust_new(ctx, &t) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < cafiles->n; i++) {
		if (certshow_trust_add_path(ctx, t, cafiles->v[i]) < 0) {
			cli_error("--cafile: %s", certshow_ctx_error(ctx));
			certshow_trust_free(t);
			return EXIT_OPERATIONAL;
		}
	}
	for (i = 0; i < capaths->n; i++) {
		if (certshow_trust_add_path(ctx, t, capaths->v[i]) < 0) {
			cli_error("--capath: %s", certshow_ctx_error(ctx));
			certshow_trust_free(t);
			return EXIT_OPERATIONAL;
		}
	}
	if (cafiles->n == 0 && capaths->n == 0 &&
	    certshow_trust_add_system(ctx, t) < 0) {
		cli_error("system trust store: %s", certshow_ctx_error(ctx));
		certshow_trust_free(t);
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < certshow_trust_failed_count(t); i++) {
		if (certshow_trust_failed(t, i, &path, &reason) == 0) {
			cli_error("warning: trust anchor file %s: %s", path,
			    reason);
		}
	}
	if (certshow_trust_count(t) == 0) {
		cli_error("no trust anchors loaded");
		certshow_trust_free(t);
		return EXIT_OPERATIONAL;
	}
	*out = t;
	return EXIT_OK;
}

int
cmd_verify(int argc, char **argv)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct list cafiles = { NULL, 0 }, capaths = { NULL, 0 },
	    untrusted = { NULL, 0 };
	struct certshow_ctx *ctx = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_chain *extra = NULL, *chain, *more;
	struct certshow_writer *w = NULL;
	struct certshow_result *res;
	int c, fmt = CERTSHOW_FORMAT_TEXT, status = EXIT_OK, peers = 0;
	unsigned long v;
	char *end;
	size_t i, k;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:h", verify_options,
	    NULL)) != -1) {
		switch (c) {
		case OPT_CAFILE:
			if (list_add(&cafiles, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_CAPATH:
			if (list_add(&capaths, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_UNTRUSTED:
			if (list_add(&untrusted, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_HOST:
		case OPT_IP:
		case OPT_EMAIL:
			peers++;
			vo.peer_name = optarg;
			vo.peer_kind = c == OPT_HOST ? CERTSHOW_PEER_DNS :
			    c == OPT_IP ? CERTSHOW_PEER_IP : CERTSHOW_PEER_EMAIL;
			break;
		case OPT_AT:
			if (certshow_time_parse(optarg, &vo.time) < 0) {
				status = usage_error("invalid --at time '%s' "
				    "(expected RFC 3339 or @SECONDS)", optarg);
				goto out;
			}
			vo.has_time = 1;
			break;
		case OPT_PURPOSE:
			if (strcmp(optarg, "server") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_SERVER;
			} else if (strcmp(optarg, "client") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_CLIENT;
			} else if (strcmp(optarg, "any") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_ANY;
			} else if (optarg[0] >= '0' && optarg[0] <= '2' &&
			    strspn(optarg, "0123456789.") == strlen(optarg) &&
			    strchr(optarg, '.') != NULL) {
				vo.purpose = CERTSHOW_PURPOSE_OID;
				vo.purpose_oid = optarg;
			} else {
				status = usage_error("unknown --purpose '%s' "
				    "(server, client, any or a dotted OID)",
				    optarg);
				goto out;
			}
			break;
		case OPT_MAX_DEPTH:
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' ||
			    errno != 0 || v < 1 || v > 256) {
				status = usage_error("invalid --max-depth '%s' "
				    "(1 to 256)", optarg);
				goto out;
			}
			vo.max_depth = (unsigned)v;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "webpki") == 0) {
				vo.profile = CERTSHOW_PROFILE_WEBPKI;
			} else if (strcmp(optarg, "rfc5280") == 0) {
				vo.profile = CERTSHOW_PROFILE_RFC5280;
			} else {
				status = usage_error("unknown --profile '%s' "
				    "(webpki or rfc5280)", optarg);
				goto out;
			}
			break;
		case 'f':
			fmt = cli_parse_format(optarg);
			if (fmt != CERTSHOW_FORMAT_TEXT &&
			    fmt != CERTSHOW_FORMAT_JSON) {
				status = usage_error("unknown format '%s' "
				    "(text or json)", optarg);
				goto out;
			}
			break;
		case 'h':
			usage_verify(stdout);
			goto out;
		case ':':
			status = usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
			goto out;
		default:
			status = usage_error("unknown option '%s'",
			    argv[optind - 1]);
			goto out;
		}
	}
	if (peers > 1) {
		status = usage_error("give at most one of --host, --ip "
		    "and --email");
		goto out;
	}
	if (optind >= argc) {
		status = usage_error("no FILE to verify");
		goto out;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		status = EXIT_OPERATIONAL;
		goto out;
	}
	status = load_trust(ctx, &trust, &cafiles, &capaths);
	if (status != EXIT_OK) {
		goto out;
	}
	if (untrusted.n > 0) {
		if (certshow_chain_new(ctx, &extra) < 0) {
			cli_error("%s", certshow_ctx_error(ctx));
			status = EXIT_OPERATIONAL;
			goto out;
		}
		for (i = 0; i < untrusted.n; i++) {
			if (certshow_chain_load_file(ctx, &more,
			    untrusted.v[i]) < 0) {
				cli_error("--untrusted: %s",
				    certshow_ctx_error(ctx));
				status = EXIT_OPERATIONAL;
				goto out;
			}
			/* Move the certificates: decode copies are cheap
			 * but unnecessary. */
			for (k = 0; k < certshow_chain_count(more); k++) {
				const struct certshow_cert *cc =
				    certshow_chain_get(more, k);
				struct certshow_cert *copy;
				size_t len;
				const uint8_t *der = certshow_cert_der(cc, &len);

				if (certshow_cert_from_der(ctx, &copy, der,
				    len) < 0 || certshow_chain_add(ctx, extra,
				    copy) < 0) {
					cli_error("%s", certshow_ctx_error(ctx));
					certshow_chain_free(more);
					status = EXIT_OPERATIONAL;
					goto out;
				}
			}
			certshow_chain_free(more);
		}
	}
	if (certshow_writer_new(ctx, &w, stdout, (enum certshow_format)fmt,
	    &wo) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
		goto out;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (certshow_chain_load_file(ctx, &chain, argv[i]) < 0) {
			fflush(stdout);
			cli_error("%s", certshow_ctx_error(ctx));
			status = EXIT_OPERATIONAL;
			continue;
		}
		if (certshow_verify(ctx, &res, chain, extra, trust, &vo) < 0) {
			fflush(stdout);
			cli_error("%s: %s", argv[i], certshow_ctx_error(ctx));
			certshow_chain_free(chain);
			status = EXIT_OPERATIONAL;
			continue;
		}
		if (certshow_result_flags(res) != 0 && status == EXIT_OK) {
			status = EXIT_VERIFY_FAILED;
		}
		if (certshow_writer_add_result(ctx, w, chain, res) < 0) {
			cli_error("writing output: %s", certshow_ctx_error(ctx));
			certshow_result_free(res);
			certshow_chain_free(chain);
			status = EXIT_OPERATIONAL;
			break;
		}
		certshow_result_free(res);
		certshow_chain_free(chain);
	}
	if (certshow_writer_finish(ctx, w) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
	}
out:
	certshow_writer_free(w);
	certshow_chain_free(extra);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
	free(cafiles.v);
	free(capaths.v);
	free(untrusted.v);
	return status;
}
