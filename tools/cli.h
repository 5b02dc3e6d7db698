/*
 * cli.h - shared declarations of the certshow command-line tool.
 * The tool sees only the public header; it has no certificate logic.
 */
#ifndef CERTSHOW_CLI_H
#define CERTSHOW_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "certshow.h"

/* Exit codes, shared by every subcommand (see certshow.1). */
#define EXIT_OK 0
#define EXIT_VERIFY_FAILED 1
#define EXIT_USAGE 2
#define EXIT_OPERATIONAL 3
#define EXIT_WARNING 4

/* The longest message line the tool prints; longer ones lose their
 * middle (cli_vformat), never their end. */
#define CLI_MSG_MAX 1024

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
int cmd_scan(int argc, char **argv);
void usage_scan(FILE *fp);

/* cmd_lint.c: helpers shared by 'lint' and the --lint option. */
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
 * trust anchor that came from the trust store (certshow_lint_add_verified()
 * into a new list). *out is the new list; returns 0, or -1 with the
 * context's error set. */
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
/* A port: decimal digits, 1 to 65535. 0 (*out set when not NULL) or
 * -1. */
int cli_port_parse(const char *s, unsigned *out);
/* Parse RFC 3339 ("2024-03-01T12:00:00Z", offsets allowed), a bare date
 * ("2027-01-01", midnight UTC) or "@SECONDS" into epoch seconds. Returns
 * 0 or -1. */
int cli_time_parse(const char *s, int64_t *out);
/* STARTTLS protocol by name, in any case ("smtp", "imap", "pop3", "ftp",
 * "xmpp", "ldap", "postgres" or "postgresql", "mysql"; "none"). 0 or
 * -1. */
int cli_starttls_from_name(const char *name, enum certshow_starttls *out);
/* The valid STARTTLS names, for messages ("smtp, imap, ... or none"). */
const char *cli_starttls_names(void);
/* --profile NAME: "webpki" or "rfc5280". 0 or -1. */
int cli_profile_from_name(const char *name, enum certshow_profile *out);
/* --purpose ARG: "server", "client", "any" or a dotted EKU OID (*oid
 * points into arg; NULL for a name). 0 or -1. */
int cli_purpose_parse(const char *arg, enum certshow_purpose *out,
    const char **oid);
/* --warn-days N: decimal 0 to 36500 (0: no expiry warning). 0 or -1. */
int cli_warn_days_parse(const char *s, unsigned *out);
/* --alpn LIST: comma-separated non-empty protocol names. 0 or -1 (the
 * message in err). */
int cli_alpn_check(const char *arg, char *err, size_t err_size);
/* --tls1.2 or --tls1.3: *cur (0 or the CERTSHOW_TLS1_* given before)
 * becomes `want`; -1 (the message in err) when the other one was
 * given. */
int cli_tls_only(unsigned *cur, unsigned want, char *err, size_t err_size);

/*
 * The option loop of every command: getopt_long() (call with opterr = 0
 * and a `shortopts` starting with ':'), except that
 * - an --insecure-* option is taken only when spelled out in full (no
 *   prefix completion);
 * - every error is returned as '?' with its message in `err` (no
 *   "certshow: " prefix): an unknown option, an unknown spelling of
 *   openssl or gnutls-cli ("unknown option '-CAfile'; did you mean
 *   --cafile?"), a missing or an unexpected argument.
 */
int cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts, char *err, size_t err_size);
/* The certshow spelling of an openssl or gnutls-cli option `arg`
 * ("-CAfile" -> "--cafile"), when the command with these options has
 * it, or an operand's description; else NULL. */
const char *cli_option_hint(const char *arg, const char *shortopts,
    const struct option *longopts);
/* Edit distance (insertions, deletions, substitutions and adjacent
 * transpositions) of two short words. */
size_t cli_edit_distance(const char *a, const char *b);
/* The name of `names` that `word` is a likely misspelling of, or NULL
 * (also when `word` looks like a host name). */
const char *cli_command_suggest(const char *word, const char *const *names,
    size_t n);
/* vsnprintf() into dst, except that a message too long for it loses its
 * middle (" [...] ") rather than its end, where the reason is. */
void cli_vformat(char *dst, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void cli_format(char *dst, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Print "certshow: <message>" to stderr, elided to CLI_MSG_MAX. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message cli_error() printed last (without "certshow: "); "" when
 * none. */
const char *cli_last_error(void);
/* Print "Try 'certshow help CMD' for more information." to stderr, after
 * a usage error of the subcommand `cmd`. */
void cli_usage_hint(const char *cmd);
/* The trust store when no --cafile/--capath is given: SSL_CERT_FILE and
 * SSL_CERT_DIR when set (the user's anchors), else the system store.
 * Returns 0 or the library's error code (message in ctx). */
int cli_trust_default(struct certshow_ctx *ctx, struct certshow_trust *t);
/* The trust store of --cafile (each of `cafiles`) and --capath, or the
 * default one when neither is given, as 'connect' and 'scan' load it:
 * unreadable entries are warnings, no usable anchor at all is an error.
 * *out is new; 0 or the library's error code (reported). */
int cli_trust_load(struct certshow_ctx *ctx, const char *const *cafiles,
    size_t n_cafiles, const char *capath, struct certshow_trust **out);
/* The writer flags of text output on standard output: colours only on
 * a terminal and never with NO_COLOR set (https://no-color.org); with
 * `brief`, the short report (CERTSHOW_WF_SUMMARY) rather than the full
 * view. */
unsigned cli_write_flags(int brief);
/* Parse a --format argument; -1 if unknown. */
int cli_parse_format(const char *s);

/* cli_online.c: online verification options shared by 'verify' and
 * 'certshow HOST'. Each command lists CLI_ONLINE_OPTIONS in its
 * getopt_long() table and hands the codes to cli_online_parse(). */
enum {
	CLI_OPT_ONLINE = 0x1000,
	CLI_OPT_FETCH_MISSING,
	CLI_OPT_HTTP_TIMEOUT,
	CLI_OPT_CACHE_DIR,
	CLI_OPT_OCSP,
	CLI_OPT_OCSP_LEAF,
	CLI_OPT_OCSP_NONCE,
	CLI_OPT_CRL_DOWNLOAD,
	CLI_OPT_REVOCATION
};
#define CLI_ONLINE_OPTIONS                                                  \
	{ "online", no_argument, NULL, CLI_OPT_ONLINE },                     \
	{ "fetch-missing", no_argument, NULL, CLI_OPT_FETCH_MISSING },       \
	{ "http-timeout", required_argument, NULL, CLI_OPT_HTTP_TIMEOUT },   \
	{ "cache-dir", required_argument, NULL, CLI_OPT_CACHE_DIR },         \
	{ "ocsp", optional_argument, NULL, CLI_OPT_OCSP },                   \
	{ "ocsp-leaf", no_argument, NULL, CLI_OPT_OCSP_LEAF },               \
	{ "ocsp-nonce", no_argument, NULL, CLI_OPT_OCSP_NONCE },             \
	{ "crl-download", no_argument, NULL, CLI_OPT_CRL_DOWNLOAD },         \
	{ "revocation", required_argument, NULL, CLI_OPT_REVOCATION }
struct cli_online {
	unsigned online;          /* CERTSHOW_ONLINE_* */
	enum certshow_revocation_mode revocation; /* --revocation */
	unsigned http_timeout_ms; /* 0: the library's default (10 s) */
	const char *cache_dir;    /* NULL: memory only */
};
/* Print the help lines of the options above, descriptions starting at
 * column `col` (the command's own help layout). */
void cli_online_usage(FILE *fp, int col);
void cli_online_init(struct cli_online *o);
/* Option `c` with argument `arg`: 0 taken, 1 not an online option, -1
 * invalid (the message in err). */
int cli_online_parse(struct cli_online *o, int c, const char *arg,
    char *err, size_t err_size);
/* Into the verify options (online bits are added). */
void cli_online_apply(const struct cli_online *o,
    struct certshow_verify_opts *vo);
/* --untrusted FILEs into a new chain *out (NULL when n is 0) and --crl
 * FILEs into a new set *out (NULL when n is 0); 0, or -1 reported (the
 * caller frees what *out holds). */
int cli_load_untrusted(struct certshow_ctx *ctx, struct certshow_chain **out,
    const char *const *paths, size_t n);
int cli_load_crls(struct certshow_ctx *ctx, struct certshow_crls **out,
    const char *const *paths, size_t n);

/* --untrusted FILE and --crl FILE (repeatable) of 'certshow HOST' and
 * 'scan': each lists CLI_VERIFY_FILE_OPTIONS in its getopt_long() table
 * and hands the codes to cli_verify_files_parse(). */
enum {
	CLI_OPT_UNTRUSTED = 0x1100,
	CLI_OPT_CRL
};
#define CLI_VERIFY_FILE_OPTIONS \
	{ "untrusted", required_argument, NULL, CLI_OPT_UNTRUSTED }, \
	{ \
		"crl", required_argument, NULL, CLI_OPT_CRL \
	}
#define CLI_VERIFY_FILES_MAX 64
struct cli_verify_files {
	const char *untrusted[CLI_VERIFY_FILES_MAX];
	size_t n_untrusted;
	const char *crls[CLI_VERIFY_FILES_MAX];
	size_t n_crls;
};
/* Option `c` with argument `arg`: 0 taken, 1 not one of them, -1 too
 * many (reported). */
int cli_verify_files_parse(struct cli_verify_files *f, int c, const char *arg);

#endif
