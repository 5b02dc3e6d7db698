/* cmd_verify.c - 'certshow verify' (placeholder). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

void
usage_verify(FILE *fp)
{
	fprintf(fp, "usage: certshow verify ...\n");
}

int
cmd_verify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'verify' is not implemented yet");
	return EXIT_OPERATIONAL;
}
