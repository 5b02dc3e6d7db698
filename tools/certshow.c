/*
 * certshow.c - main(): subcommand dispatch, help and version.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char *cli_progname = "certshow";

static const struct subcommand commands[] = {
	{ "asn1", "show the raw DER tree of certificates", cmd_asn1,
	    usage_asn1 },
	{ "connect", "fetch a server's chain over TLS, verify and show it",
	    cmd_connect, usage_connect },
	{ "dump", "decode certificates from files", cmd_dump, usage_dump },
	{ "lint", "check certificates against RFC 5280 and the CA/B BRs",
	    cmd_lint, usage_lint },
	{ "scan", "fetch and verify many TLS endpoints concurrently", cmd_scan,
	    usage_scan },
	{ "verify", "verify certificate chains against trust anchors",
	    cmd_verify, usage_verify },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* The last message of cli_error(), for the JSON document of a run that
 * failed before its inputs (the tool is single-threaded where it reports
 * errors; verify's workers only record theirs). */
static char last_error[CLI_MSG_MAX];

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vformat(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", cli_progname, last_error);
}

const char *
cli_last_error(void)
{
	return last_error;
}

int
cli_trust_default(struct certshow_ctx *ctx, struct certshow_trust *t)
{
	const char *file = getenv("SSL_CERT_FILE");
	const char *dir = getenv("SSL_CERT_DIR");
	int rv = 0;

	/* OpenSSL's variables name the user's own anchors: they are
	 * configured anchors, whatever file they name. */
	if (file != NULL && file[0] != '\0') {
		rv = certshow_trust_add_path(ctx, t, file,
		    CERTSHOW_TRUST_FROM_SSL_CERT_FILE);
	}
	if (rv == 0 && dir != NULL && dir[0] != '\0') {
		rv = certshow_trust_add_path(ctx, t, dir,
		    CERTSHOW_TRUST_FROM_SSL_CERT_DIR);
	}
	if ((file == NULL || file[0] == '\0') &&
	    (dir == NULL || dir[0] == '\0')) {
		rv = certshow_trust_add_system(ctx, t);
	}
	return rv;
}

int
cli_trust_load(struct certshow_ctx *ctx, const char *const *cafiles,
    size_t n_cafiles, const char *capath, struct certshow_trust **out)
{
	struct certshow_trust *t = NULL;
	const char *path, *reason;
	size_t i;
	int rv;

	rv = certshow_trust_new(ctx, &t);
	for (i = 0; rv == 0 && i < n_cafiles; i++) {
		rv = certshow_trust_add_path(ctx, t, cafiles[i], 0);
	}
	if (rv == 0 && capath != NULL) {
		rv = certshow_trust_add_path(ctx, t, capath, 0);
	}
	if (rv == 0 && n_cafiles == 0 && capath == NULL) {
		rv = cli_trust_default(ctx, t);
	}
	if (rv != 0) {
		cli_error("trust store: %s", certshow_ctx_error(ctx));
		certshow_trust_free(t);
		return rv;
	}
	for (i = 0; i < certshow_trust_count(t, CERTSHOW_TRUST_FAILED); i++) {
		if (certshow_trust_failed(t, i, &path, &reason) == 0) {
			cli_error("warning: trust store: %s: %s", path, reason);
		}
	}
	if (certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS) == 0) {
		cli_error("trust store: no usable trust anchor");
		certshow_trust_free(t);
		return CERTSHOW_E_TRUST;
	}
	*out = t;
	return 0;
}

void
cli_usage_hint(const char *cmd)
{
	fprintf(stderr, "Try '%s help %s' for more information.\n",
	    cli_progname, cmd);
}

unsigned
cli_write_flags(int brief)
{
	unsigned flags = brief ? CERTSHOW_WF_SUMMARY : 0;

	/* As 'certshow dump': NO_COLOR set, whatever its value. */
	if (!isatty(STDOUT_FILENO) || getenv("NO_COLOR") != NULL) {
		flags |= CERTSHOW_WF_NO_COLOR;
	}
	return flags;
}

int
cli_parse_format(const char *s)
{
	if (strcmp(s, "text") == 0) {
		return CERTSHOW_FORMAT_TEXT;
	}
	if (strcmp(s, "json") == 0) {
		return CERTSHOW_FORMAT_JSON;
	}
	if (strcmp(s, "python") == 0 || strcmp(s, "pydict") == 0) {
		return CERTSHOW_FORMAT_PYTHON;
	}
	if (strcmp(s, "pem") == 0) {
		return CERTSHOW_FORMAT_PEM;
	}
	return -1;
}

static void
usage_main(FILE *fp)
{
	size_t i;

	fprintf(fp,
	    "usage: certshow [--version] [--help] COMMAND [ARGS]\n"
	    "       certshow [OPTIONS] HOST[:PORT] [OPTIONS]\n"
	    "                (same as 'certshow connect'; see 'certshow help connect')\n"
	    "       certshow [OPTIONS] FILE [OPTIONS]\n"
	    "                (an existing file, or a name ending in .pem, .crt, .cer,\n"
	    "                .der, .p7b or .p7c: same as 'certshow verify FILE')\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < N_COMMANDS; i++) {
		fprintf(fp, "  %-9s %s\n", commands[i].name,
		    commands[i].summary);
	}
	fprintf(fp,
	    "  help      show help for a command\n"
	    "\n"
	    "Exit status: 0 success, 1 verification failed, 2 usage error,\n"
	    "3 input, network or other operational error, 4 warning threshold\n"
	    "crossed. See certshow(1).\n");
}

static const struct subcommand *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			return &commands[i];
		}
	}
	return NULL;
}

/*
 * Whether the operand of 'certshow OPERAND' is a file rather than a host:
 * an existing file, or a name with a certificate file's extension (no
 * host name ends in .pem). Such an operand is never looked up in DNS.
 */
static int
operand_is_file(const char *s)
{
	static const char *const ext[] = {
		".pem", ".crt", ".cer", ".der", ".p7b", ".p7c"
	};
	struct stat st;
	size_t i, n = strlen(s);

	/* A directory of that name does not make a host name a file. */
	if (stat(s, &st) == 0 && !S_ISDIR(st.st_mode)) {
		return 1;
	}
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		if (n > 4 && strcasecmp(s + n - 4, ext[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

/*
 * 'certshow FILE [OPTIONS]': what 'certshow verify FILE' does, options
 * included, so that an input error (exit 3) is worded by the library as
 * in every command and is a result in JSON. A name that does not exist
 * gets a note on why it was not taken as a host.
 */
static int
run_file(int argc, char **argv, const char *file)
{
	struct stat st;
	int missing, rv;

	missing = stat(file, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
	rv = cmd_verify(argc, argv);
	if (missing && rv == EXIT_OPERATIONAL) {
		cli_error(
		    "note: no such file; a name ending in .pem, .crt, "
		    ".cer, .der, .p7b or .p7c is taken as a file, never as "
		    "a host");
	}
	return rv;
}

/* The command `word` is a likely misspelling of, or NULL. */
static const char *
suggest_command(const char *word)
{
	const char *names[N_COMMANDS + 1];
	size_t i;

	for (i = 0; i < N_COMMANDS; i++) {
		names[i] = commands[i].name;
	}
	names[N_COMMANDS] = "help";
	return cli_command_suggest(word, names, N_COMMANDS + 1);
}

/* 'certshow WORD' where WORD is no command, no file and no option: a host,
 * unless it is an edit or two away from a command's name; -1 then
 * (reported). */
static int
misspelled_command(const char *word)
{
	const char *pick = suggest_command(word);

	if (pick == NULL) {
		return 0;
	}
	cli_error("unknown command '%s'; did you mean '%s'? (for a host of "
	    "that name: '%s connect %s')", word, pick, cli_progname, word);
	return -1;
}

/*
 * 'certshow [OPTIONS] HOST [OPTIONS]': options before the host are
 * connect options, as in 'certshow --host www.example.com 192.0.2.1:8443'
 * or 'certshow -4 example.org'. Only --help and --version (first) belong
 * to certshow itself; an unknown option is reported by the connect
 * parser as a usage error. Options placed before a command name
 * ('certshow -f json dump FILE') are refused with a hint rather than
 * taken as a connection to a host named "dump": the subcommands have
 * options of their own.
 */
static int
dispatch_options_first(int argc, char **argv)
{
	int i = connect_first_operand(argc, argv);

	if (i < argc && strcmp(argv[i - 1], "--") != 0 &&
	    (find_command(argv[i]) != NULL || strcmp(argv[i], "help") == 0)) {
		cli_error("'%s' is a command: put options after it ('%s %s "
		    "...'), or use '%s connect [OPTIONS] %s' for a host of "
		    "that name", argv[i], cli_progname, argv[i], cli_progname,
		    argv[i]);
		return EXIT_USAGE;
	}
	if (i < argc && strcmp(argv[i - 1], "--") != 0 &&
	    operand_is_file(argv[i])) {
		return run_file(argc, argv, argv[i]);
	}
	return cmd_connect(argc, argv);
}

int
main(int argc, char **argv)
{
	const struct subcommand *cmd;

	if (argc < 2) {
		usage_main(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage_main(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("certshow %s (libcertshow %s)\n", PACKAGE_VERSION,
		    certshow_version());
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage_main(stdout);
			return EXIT_OK;
		}
		cmd = find_command(argv[2]);
		if (cmd == NULL) {
			if (suggest_command(argv[2]) != NULL) {
				cli_error("no such command: '%s'; did you mean "
				    "'%s'?", argv[2], suggest_command(argv[2]));
				return EXIT_USAGE;
			}
			cli_error("no such command: '%s'", argv[2]);
			usage_main(stderr);
			return EXIT_USAGE;
		}
		cmd->usage(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (cmd != NULL) {
		return cmd->run(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "-") == 0) {
		/* Standard input is a file, never a host. */
		cli_error("'-' is not a host; 'certshow dump -' reads "
		    "certificates from standard input");
		return EXIT_USAGE;
	}
	if (argv[1][0] == '-') {
		return dispatch_options_first(argc, argv);
	}
	if (operand_is_file(argv[1])) {
		return run_file(argc, argv, argv[1]);
	}
	if (misspelled_command(argv[1]) != 0) {
		return EXIT_USAGE;
	}
	/* A first argument that is not a command is a host. */
	return cmd_connect(argc, argv);
}
