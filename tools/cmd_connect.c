/* cmd_connect.c - 'certshow connect' (placeholder). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

void
usage_connect(FILE *fp)
{
	fprintf(fp, "usage: certshow connect ...\n");
}

int
cmd_connect(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'connect' is not implemented yet");
	return EXIT_OPERATIONAL;
}
