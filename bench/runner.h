/*
 * runner.h - what the conformance runners (bench/limbo.c, bench/pkits.c)
 * share: the objects of one verification case, reading certificates into
 * a chain, and naming verdict flags. Public API only (certshow.h).
 */
#ifndef CERTSHOW_BENCH_RUNNER_H
#define CERTSHOW_BENCH_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "certshow.h"

/* One case's context and the objects its verification takes. */
struct runner_case {
	struct certshow_ctx *ctx;
	struct certshow_trust *trust;
	struct certshow_chain *anchors; /* read here, then added to trust */
	struct certshow_chain *inter;   /* candidate intermediates */
	struct certshow_chain *leaf;
	struct certshow_crls *crls; /* empty until the case adds CRLs */
};

/* Creates every object of rc. Returns 0, or -1: rc->ctx is NULL when
 * the context itself could not be made, else its error says why. Call
 * runner_case_free() either way. */
int runner_case_new(struct runner_case *rc);
void runner_case_free(struct runner_case *rc);

/* Appends every certificate of reader r to chain and frees r. Returns 0
 * or -1 (the context's error says why). */
int runner_add_certs(struct certshow_ctx *ctx, struct certshow_chain *chain,
    struct certshow_reader *r);

/* The names of the verdict flags, comma-separated, into buf. */
void runner_flag_names(uint32_t flags, char *buf, size_t size);

#endif
