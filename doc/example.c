/*
 * example.c - verify a chain file against a CA file for a host name at a
 * fixed time (epoch seconds), print the verdict, and show the leaf as JSON. This is the
 * EXAMPLE of libcertshow(3); `make check` builds and runs it.
 *
 *   cc example.c $(pkg-config --cflags --libs certshow) -o example
 *   ./example chain.pem ca.pem www.example.com 1704067200
 */
#include <stdio.h>
#include <stdlib.h>

#include <certshow.h>

int
main(int argc, char **argv)
{
	struct certshow_verify_opts opts = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_ctx *ctx = NULL;
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;
	struct certshow_writer *w = NULL;
	size_t i, j;
	char *end;
	int status = 3;

	if (argc != 5) {
		fprintf(stderr, "usage: %s CHAIN CAFILE HOST TIME\n", argv[0]);
		return 2;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		return 3;
	}
	if (certshow_chain_load_file(ctx, &chain, argv[1]) != 0 ||
	    certshow_trust_new(ctx, &trust) != 0 ||
	    certshow_trust_add_path(ctx, trust, argv[2], 0) != 0) {
		fprintf(stderr, "example: %s\n", certshow_ctx_error(ctx));
		goto out;
	}
	opts.time = strtoll(argv[4], &end, 10);
	if (end == argv[4] || *end != '\0') {
		fprintf(stderr, "example: TIME is epoch seconds\n");
		goto out;
	}
	opts.has_time = 1;
	opts.peer_kind = CERTSHOW_PEER_DNS;
	opts.peer_name = argv[3];
	/* A chain that fails validation is a result, not an error. */
	if (certshow_verify(ctx, &res, chain, NULL, trust, &opts) != 0) {
		fprintf(stderr, "example: %s\n", certshow_ctx_error(ctx));
		goto out;
	}
	if (certshow_result_flags(res) == 0) {
		printf("verified, path of %zu certificates\n",
		    certshow_result_path_len(res));
		status = 0;
	} else {
		for (i = 0; i < certshow_result_path_len(res); i++) {
			for (j = 0; j < certshow_result_problem_count(res, i);
			    j++) {
				uint32_t flag;
				const char *msg;

				certshow_result_problem(res, i, j, &flag, &msg);
				printf("%s: %s\n", certshow_verdict_name(flag,
				    NULL),
				    msg);
			}
		}
		status = 1;
	}
	wo.now = opts.time;
	if (certshow_writer_new(ctx, &w, stdout, CERTSHOW_FORMAT_JSON,
	    &wo) != 0 ||
	    certshow_writer_add_cert(ctx, w, certshow_chain_get(chain, 0)) != 0 ||
	    certshow_writer_finish(ctx, w) != 0) {
		fprintf(stderr, "example: %s\n", certshow_ctx_error(ctx));
		status = 3;
	}
out:
	certshow_writer_free(w);
	certshow_result_free(res);
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
	return status;
}
