/* cmd_dump.c - 'certshow dump' (placeholder). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

void
usage_dump(FILE *fp)
{
	fprintf(fp, "usage: certshow dump ...\n");
}

int
cmd_dump(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'dump' is not implemented yet");
	return EXIT_OPERATIONAL;
}
