/*
 * cli.h - shared declarations of the certshow command-line tool.
 * The tool sees only the public header; it has no certificate logic.
 */
#ifndef CERTSHOW_CLI_H
#define CERTSHOW_CLI_H

#include "certshow.h"

/* Exit codes, shared by every subcommand (see certshow.1). */
#define EXIT_OK 0
#define EXIT_VERIFY_FAILED 1
#define EXIT_USAGE 2
#define EXIT_OPERATIONAL 3
#define EXIT_WARNING 4

struct subcommand {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
	void (*usage)(FILE *fp);
};

extern const char *cli_progname;

int cmd_dump(int argc, char **argv);
void usage_dump(FILE *fp);
int cmd_verify(int argc, char **argv);
void usage_verify(FILE *fp);
int cmd_connect(int argc, char **argv);
void usage_connect(FILE *fp);
/* Index in argv of the first operand when argv[1..] starts with connect
 * options ("--host NAME HOST"), skipping their arguments; argc when
 * there is none. For the dispatch of 'certshow [OPTIONS] HOST'. */
int connect_first_operand(int argc, char **argv);
int cmd_asn1(int argc, char **argv);
void usage_asn1(FILE *fp);
int cmd_lint(int argc, char **argv);
void usage_lint(FILE *fp);

/* cmd_lint.c: helpers shared by 'asn1', 'lint' and the --lint option. */
/* Read a whole input ("-" is stdin) up to the context's input size limit;
 * *out is malloc'd. Prints the error and returns -1 on failure. */
int cli_read_input(struct certshow_ctx *ctx, const char *path,
    uint8_t **out, size_t *len);
/* Lint every certificate of `chain`, write the findings to `fp` in `fmt`
 * (text or json) and return the exit status lint implies: EXIT_OK,
 * EXIT_WARNING (warnings only), EXIT_VERIFY_FAILED (errors) or
 * EXIT_OPERATIONAL. For a --lint option of dump, verify or connect. */
int cli_lint_chain(struct certshow_ctx *ctx,
    const struct certshow_chain *chain, FILE *fp, enum certshow_format fmt,
    const struct certshow_lint_opts *o);
/* Lint one decoded certificate (its DER, named by its source). */
int cli_lint_cert(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_cert *cert, const struct certshow_lint_opts *o);
/* Exit status for a findings list (as above). */
int cli_lint_status(const struct certshow_lint *l);
/* The worse of two exit statuses of one run: EXIT_OPERATIONAL over
 * EXIT_VERIFY_FAILED (a failed verification or lint errors) over
 * EXIT_WARNING (lint warnings only) over EXIT_OK (see certshow.1). */
int cli_status_merge(int a, int b);
/* Lint what a verification looked at: every certificate of `chain` in
 * its order, then the certificates of the path of `res` (may be NULL)
 * that `chain` does not hold (intermediates found elsewhere), but not a
 * trust anchor that came from the trust store. *out is a new list;
 * returns 0, or -1 with the context's error set. */
int cli_lint_verified(struct certshow_ctx *ctx, struct certshow_lint **out,
    const struct certshow_chain *chain, const struct certshow_result *res,
    const struct certshow_lint_opts *o);

/* cli_parse.c: operands and option arguments. */
struct cli_hostport {
	char host[1024];
	char port[64];
};
/* Split "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6 literal
 * ("::1", taken as a host without port) into host and port. A leading
 * "scheme://" and anything from the first '/', '?' or '#' after the
 * authority are ignored; port is "" when absent. Returns 0, or -1 with a
 * message in `err` (malformed, or a part too long). */
int cli_parse_hostport(const char *in, struct cli_hostport *out, char *err,
    size_t err_size);
/* Parse RFC 3339 ("2024-03-01T12:00:00Z", offsets allowed) or
 * "@SECONDS" into epoch seconds. Returns 0 or -1. */
int cli_time_parse(const char *s, int64_t *out);
/* STARTTLS protocol by name ("smtp", "imap", "pop3", "ftp", "xmpp",
 * "ldap", "postgres" or "postgresql", "mysql"; "none"). 0 or -1. */
int cli_starttls_from_name(const char *name, enum certshow_starttls *out);

/* Print "certshow: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "Try 'certshow help CMD' for more information." to stderr, after
 * a usage error of the subcommand `cmd`. */
void cli_usage_hint(const char *cmd);
/* The trust store when no --cafile/--capath is given: SSL_CERT_FILE and
 * SSL_CERT_DIR when set (the user's anchors), else the system store.
 * Returns 0 or the library's error code (message in ctx). */
int cli_trust_default(struct certshow_ctx *ctx, struct certshow_trust *t);
/* Parse a --format argument; -1 if unknown. */
int cli_parse_format(const char *s);

#endif
