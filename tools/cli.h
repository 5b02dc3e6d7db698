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

/* Print "certshow: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a --format argument; -1 if unknown. */
int cli_parse_format(const char *s);

#endif
