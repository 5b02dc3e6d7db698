/* testutil.h - helpers shared by the Check suites. */
#ifndef CERTSHOW_TESTUTIL_H
#define CERTSHOW_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

/* Path of a file under TEST_DATA_DIR (static buffer, one at a time). */
const char *test_data_path(const char *rel);
/* Read a whole file (malloc'd, caller frees); aborts the test on error. */
uint8_t *test_read_file(const char *path, size_t *len);
/* Run one suite; returns the process exit status. */
int test_run_suite(Suite *s);

/* One field of a certificate, for asserts (the library returns some of
 * these through out parameters). */
struct certshow_cert;
size_t test_source_index(const struct certshow_cert *c);
const char *test_sig_oid(const struct certshow_cert *c);
const char *test_sig_name(const struct certshow_cert *c);
const char *test_key_alg(const struct certshow_cert *c);
unsigned test_key_bits(const struct certshow_cert *c);
const char *test_key_curve(const struct certshow_cert *c);
int64_t test_not_before(const struct certshow_cert *c);
int64_t test_not_after(const struct certshow_cert *c);

/* Finding i of a lint list (certshow_lint_finding() must succeed), and
 * certshow_lint_add_der() of a decoded certificate's DER and source. */
struct certshow_lint;
struct certshow_lint_finding test_finding(const struct certshow_lint *l,
    size_t i);
struct certshow_ctx;
struct certshow_lint_opts;
int test_lint_cert(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_cert *c, const struct certshow_lint_opts *o);

/* Out-parameter fields of a verification result and of a verdict. */
struct certshow_result;
/* certshow_result_path_cert()'s *origin for element i, and whether it is
 * CERTSHOW_PATH_ANCHOR. */
int test_path_origin(const struct certshow_result *r, size_t i);
int test_is_anchor(const struct certshow_result *r, size_t i);
const char *test_missing_url(const struct certshow_result *r);
int test_policy_checked(const struct certshow_result *r);
const char *test_verdict_desc(uint32_t flag);

#endif
