/* check_trust.c - trust stores (lib/trust.c). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verify.h"
#include "testutil.h"

START_TEST(test_file)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains/ca-root.pem"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 1);
	/* the same anchor again is not counted twice */
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains/ca-root.pem"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 1);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains/trust-both-roots.pem"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 2);
	/* DER and TRUSTED CERTIFICATE inputs */
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("certs/ca.der"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 3);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("load/trusted.pem"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 4);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_FAILED), 0);
	ck_assert_int_eq(certshow_trust_failed(t, 0, NULL, NULL),
	    CERTSHOW_E_NOTFOUND);
	/* a path that cannot be read is an error */
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains/no-such-file.pem"), 0), CERTSHOW_E_IO);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx),
	    "no-such-file.pem"));
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 4);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* A file the caller names is read by the library's one reader, with
 * strict base64: a file without certificates or with a broken block is
 * refused, and the message names the file and the line. */
START_TEST(test_failed_files)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	char want[600];

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("bad/no-pem.pem"), 0), CERTSHOW_E_PARSE);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx),
	    "no-pem.pem: no certificate found"));
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("bad/bad-base64.pem"), 0), CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "%s: certificate #0: bad base64 at line "
	    "3: unexpected character '!'", test_data_path("bad/bad-base64.pem"));
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_FAILED), 0);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* One character too many in the base64 of an anchor: the lenient reader
 * trust.c used to have decoded it; the one reader refuses it (the
 * incomplete final group is at line 19). Its twin loads. */
START_TEST(test_base64_extra_char)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	char want[600];

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("bad/anchor-base64-extra.pem"), 0), CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "%s: certificate #0: bad base64 at line "
	    "19: incomplete final group",
	    test_data_path("bad/anchor-base64-extra.pem"));
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains/ca-root.pem"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 1);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_FAILED), 0);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

static void
copy_file(const char *from, const char *to)
{
	size_t len;
	uint8_t *data = test_read_file(from, &len);
	FILE *fp = fopen(to, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	fclose(fp);
	free(data);
}

/* A directory: *.pem, *.crt, *.cer and hashed names are read, other
 * files ignored, bad files recorded. */
START_TEST(test_directory)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	char dir[] = "/tmp/check_trust.XXXXXX", p[512];
	static const char *const names[] = {
		"root.pem", "rootb.crt", "ca.cer", "0123abcd.0", "notes.txt",
		"bad.pem", "fedcba98.r0", "sub.der",
	};
	const char *path, *reason;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/root.pem", dir);
	copy_file(test_data_path("chains/ca-root.pem"), p);
	snprintf(p, sizeof(p), "%s/rootb.crt", dir);
	copy_file(test_data_path("chains/ca-root-b.pem"), p);
	snprintf(p, sizeof(p), "%s/ca.cer", dir);
	copy_file(test_data_path("certs/ca.der"), p);
	snprintf(p, sizeof(p), "%s/0123abcd.0", dir);
	copy_file(test_data_path("chains/ca-int.pem"), p);
	snprintf(p, sizeof(p), "%s/notes.txt", dir);
	copy_file(test_data_path("chains/ca-sub.pem"), p);
	snprintf(p, sizeof(p), "%s/bad.pem", dir);
	copy_file(test_data_path("bad/no-pem.pem"), p);
	snprintf(p, sizeof(p), "%s/fedcba98.r0", dir);
	copy_file(test_data_path("chains/ca-sub.pem"), p);
	snprintf(p, sizeof(p), "%s/sub.der", dir);
	copy_file(test_data_path("chains/ca-sub.pem"), p);

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t, dir, 0), 0);
	/* root, root-b, certs/ca, int; not the .txt, CRL-hash or .der */
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 4);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_FAILED), 1);
	ck_assert_int_eq(certshow_trust_failed(t, 0, &path, &reason), 0);
	ck_assert_ptr_nonnull(strstr(path, "/bad.pem"));
	certshow_trust_free(t);

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	certshow_ctx_free(ctx);
}
END_TEST

/* The distinct certificates of the *.pem files of data/chains, counted
 * through the chain loader, are the anchors of the directory. */
START_TEST(test_directory_count)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	struct certshow_chain *ch;
	DIR *d;
	struct dirent *de;
	char **seen = NULL;
	size_t *seen_len = NULL, n_seen = 0, i, k, len;
	const uint8_t *der;
	char p[1024];

	d = opendir(test_data_path("chains"));
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".pem") != 0) {
			continue;
		}
		snprintf(p, sizeof(p), "%s/%s", test_data_path("chains"),
		    de->d_name);
		ck_assert_int_eq(certshow_chain_load_file(ctx, &ch, p), 0);
		for (i = 0; i < certshow_chain_count(ch); i++) {
			der = certshow_cert_raw(certshow_chain_get(ch, i),
			    CERTSHOW_RAW_DER, &len);
			for (k = 0; k < n_seen; k++) {
				if (seen_len[k] == len &&
				    memcmp(seen[k], der, len) == 0) {
					break;
				}
			}
			if (k == n_seen) {
				seen = realloc(seen, (n_seen + 1) * sizeof(*seen));
				seen_len = realloc(seen_len,
				    (n_seen + 1) * sizeof(*seen_len));
				seen[n_seen] = malloc(len);
				memcpy(seen[n_seen], der, len);
				seen_len[n_seen++] = len;
			}
		}
		certshow_chain_free(ch);
	}
	closedir(d);
	ck_assert_uint_gt(n_seen, 30);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains"), 0), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS),
	    n_seen);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_FAILED), 0);
	/* Each one is found again by its DER. */
	for (k = 0; k < n_seen; k++) {
		ck_assert_uint_ne(certshow__trust_find_der(t,
		    (const uint8_t *)seen[k], seen_len[k]), (size_t)-1);
		free(seen[k]);
	}
	free(seen);
	free(seen_len);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* Names equal under RFC 5280 7.1 (case, white space, string type)
 * normalize to the same bytes; different ones do not. */
START_TEST(test_name_norm)
{
	/* SEQ { SET { SEQ { OID 2.5.4.3, <string> } } } */
	static const uint8_t a[] = { 0x30, 0x16, 0x31, 0x14, 0x30, 0x12, 0x06,
		0x03, 0x55, 0x04, 0x03, 0x13, 0x0B, 'E', 'x', 'a', 'm', 'p', 'l',
		'e', ' ', ' ', 'C', 'A' };
	static const uint8_t b[] = { 0x30, 0x16, 0x31, 0x14, 0x30, 0x12, 0x06,
		0x03, 0x55, 0x04, 0x03, 0x0C, 0x0B, ' ', 'e', 'x', 'a', 'm', 'p',
		'l', 'e', ' ', 'c', 'a' };
	static const uint8_t c[] = { 0x30, 0x16, 0x31, 0x14, 0x30, 0x12, 0x06,
		0x03, 0x55, 0x04, 0x03, 0x0C, 0x0B, 'e', 'x', 'a', 'm', 'p', 'l',
		'e', ' ', 'c', 'b', ' ' };
	static const uint8_t bad[] = { 0x30, 0x05, 0x31, 0x03, 0x30, 0x01,
		0x06 };
	uint8_t *na, *nb, *nc;
	size_t la, lb, lc;

	na = certshow__name_norm(a, sizeof(a), &la);
	nb = certshow__name_norm(b, sizeof(b), &lb);
	nc = certshow__name_norm(c, sizeof(c), &lc);
	ck_assert_ptr_nonnull(na);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_nonnull(nc);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(na, nb, la), 0);
	ck_assert(la != lc || memcmp(na, nc, la) != 0);
	ck_assert_uint_eq(certshow__hash(na, la), certshow__hash(nb, lb));
	free(na);
	free(nb);
	free(nc);
	ck_assert_ptr_null(certshow__name_norm(bad, sizeof(bad), &la));
	ck_assert_uint_eq(la, sizeof(bad));
}
END_TEST

/* The subject lookup without decoding. */
START_TEST(test_subject_der)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *ch = NULL;
	const struct certshow_cert *c;
	const uint8_t *der, *subj;
	size_t len, subj_len, cert_len;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &ch,
	    test_data_path("chains/chain-deep.pem")), 0);
	c = certshow_chain_get(ch, 1);
	der = certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
	ck_assert_int_eq(certshow__cert_subject_der(der, len, &subj, &subj_len,
	    &cert_len), 0);
	ck_assert_uint_eq(cert_len, len);
	ck_assert_uint_eq(subj_len, c->subject.der_len);
	ck_assert_int_eq(memcmp(subj, c->subject.der, subj_len), 0);
	ck_assert_int_eq(certshow__cert_subject_der(der, 10, &subj, &subj_len,
	    &cert_len), -1);
	certshow_chain_free(ch);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_chain_and_system)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	struct certshow_chain *ch = NULL;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &ch,
	    test_data_path("chains/chain-deep.pem")), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_chain(ctx, t, ch), 0);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 3);
	ck_assert_int_eq(certshow_trust_add_chain(ctx, t, NULL),
	    CERTSHOW_E_INVAL);
	certshow_trust_free(t);
	certshow_chain_free(ch);
	/* The system store, when this machine has one: only that loading
	 * succeeds with anchors is checked. */
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	if (certshow_trust_add_system(ctx, t) == 0) {
		ck_assert_uint_gt(certshow_trust_count(t,
		    CERTSHOW_TRUST_ANCHORS), 0);
	}
	certshow_trust_free(t);
	certshow_trust_free(NULL);
	certshow_ctx_free(ctx);
}
END_TEST

/* What a store was built from (certshow_trust_source()): one source per
 * successful add call, in order, with the anchors it added; the
 * environment flags are recorded, never acted on. */
static struct certshow_trust_source
source_of(const struct certshow_trust *t, size_t i)
{
	struct certshow_trust_source s = { CERTSHOW_TRUST_SOURCE_VERSION, 0,
		NULL, NULL, 0 };

	ck_assert_int_eq(certshow_trust_source(t, i, &s), 0);
	return s;
}

START_TEST(test_sources)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	struct certshow_chain *ch = NULL;
	struct certshow_trust_source s;
	char dir[] = "/tmp/check_trust.XXXXXX", p[512];
	const char *root = test_data_path("chains/ca-root.pem");
	char rootpath[512];

	snprintf(rootpath, sizeof(rootpath), "%s", root);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_uint_eq(certshow_trust_source_count(t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t, rootpath,
			     CERTSHOW_TRUST_FROM_SSL_CERT_FILE),
	    0);
	/* The same root again (first of two): only the new one counts. */
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
			     test_data_path("chains/trust-both-roots.pem"), 0),
	    0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
			     test_data_path("chains/no-such.pem"), 0),
	    CERTSHOW_E_IO);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t, rootpath, 0x8),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/a.pem", dir);
	copy_file(test_data_path("chains/ca-root-samename.pem"), p);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t, dir,
			     CERTSHOW_TRUST_FROM_SSL_CERT_DIR),
	    0);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &ch,
			     test_data_path("chains/chain-deep.pem")),
	    0);
	ck_assert_int_eq(certshow_trust_add_chain(ctx, t, ch), 0);
	ck_assert_uint_eq(certshow_trust_source_count(t), 4);

	s = source_of(t, 0);
	ck_assert_int_eq(s.kind, CERTSHOW_TRUST_SOURCE_FILE);
	ck_assert_str_eq(s.path, rootpath);
	ck_assert_str_eq(s.env, "SSL_CERT_FILE");
	ck_assert_uint_eq(s.anchors, 1);
	s = source_of(t, 1);
	ck_assert_int_eq(s.kind, CERTSHOW_TRUST_SOURCE_FILE);
	ck_assert_ptr_null(s.env);
	ck_assert_uint_eq(s.anchors, 1);
	s = source_of(t, 2);
	ck_assert_int_eq(s.kind, CERTSHOW_TRUST_SOURCE_DIR);
	ck_assert_str_eq(s.path, dir);
	ck_assert_str_eq(s.env, "SSL_CERT_DIR");
	ck_assert_uint_eq(s.anchors, 1);
	s = source_of(t, 3);
	ck_assert_int_eq(s.kind, CERTSHOW_TRUST_SOURCE_CHAIN);
	ck_assert_ptr_null(s.path);
	ck_assert_uint_eq(s.anchors, 3);
	ck_assert_uint_eq(certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS), 6);

	ck_assert_int_eq(certshow_trust_source(t, 4, &s), CERTSHOW_E_NOTFOUND);
	s.version = 0;
	ck_assert_int_eq(certshow_trust_source(t, 0, &s), CERTSHOW_E_INVAL);
	ck_assert_uint_eq(certshow_trust_source_count(NULL), 0);
	unlink(p);
	rmdir(dir);
	certshow_chain_free(ch);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* certshow__read_file(), the reader of CA files and CRL files: exact
 * bytes, and the same messages as certshow_reader_open_file(). */
START_TEST(test_read_whole_file)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_crls *crls = NULL;
	char path[4096], dir[4096], missing[4096], want[8192];
	uint8_t *buf = NULL, *ref;
	size_t len = 0, ref_len;

	snprintf(path, sizeof(path), "%s",
	    test_data_path("chains-crl/both.crl.pem"));
	snprintf(dir, sizeof(dir), "%s", test_data_path("chains-crl"));
	snprintf(missing, sizeof(missing), "%s",
	    test_data_path("chains-crl/no-such.crl"));
	ref = test_read_file(path, &ref_len);
	ck_assert_uint_gt(ref_len, 0);
	ck_assert_int_eq(certshow__read_file(ctx, path, ref_len, &buf, &len),
	    0);
	ck_assert_uint_eq(len, ref_len);
	ck_assert_int_eq(memcmp(buf, ref, len), 0);
	free(buf);
	ck_assert_int_eq(certshow__read_file(ctx, path, ref_len - 1, &buf,
	    &len), CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(buf);
	ck_assert_uint_eq(len, 0);
	snprintf(want, sizeof(want), "%s: input larger than the input size "
	    "limit (%zu bytes)", path, ref_len - 1);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(certshow__read_file(ctx, missing, 100, &buf, &len),
	    CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot open: No such file or "
	    "directory", missing);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(certshow__read_file(ctx, dir, 100, &buf, &len),
	    CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot read: Is a directory", dir);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	/* CRL files go through it, with the context's input size limit. */
	ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
	ck_assert_int_eq(certshow_crls_add_file(ctx, crls, missing),
	    CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot open: No such file or "
	    "directory", missing);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(certshow_ctx_set_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE, 100), 0);
	ck_assert_int_eq(certshow_crls_add_file(ctx, crls, path),
	    CERTSHOW_E_LIMIT);
	snprintf(want, sizeof(want), "%s: input larger than the input size "
	    "limit (100 bytes)", path);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	certshow_crls_free(crls);
	free(ref);
	certshow_ctx_free(ctx);
}
END_TEST

/* Only the caller says which anchors are a root program's: the flag
 * marks them, no flag never does, whatever file the path names (the
 * system bundle named by path is a configured anchor file like any copy
 * of it). */
START_TEST(test_root_program_is_the_callers_word)
{
	static const char *const bundles[] = {
		"/etc/ssl/certs/ca-certificates.crt",
		"/etc/pki/tls/certs/ca-bundle.crt",
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = NULL;
	size_t i, k;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains-rp/root.pem"), 0), 0);
	ck_assert_uint_eq(t->n, 1);
	ck_assert(!t->a[0].program);
	certshow_trust_free(t);
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("chains-rp/root.pem"), CERTSHOW_TRUST_ROOT_PROGRAM),
	    0);
	ck_assert_uint_eq(t->n, 1);
	ck_assert(t->a[0].program);
	certshow_trust_free(t);
	for (k = 0; k < sizeof(bundles) / sizeof(bundles[0]); k++) {
		if (access(bundles[k], R_OK) != 0) {
			continue;
		}
		ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
		ck_assert_int_eq(certshow_trust_add_path(ctx, t, bundles[k], 0),
		    0);
		for (i = 0; i < t->n; i++) {
			ck_assert_msg(!t->a[i].program, "%s: anchor %zu is "
			    "a root program's without the flag", bundles[k], i);
		}
		certshow_trust_free(t);
	}
	certshow_ctx_free(ctx);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("trust");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_file);
	tcase_add_test(tc, test_failed_files);
	tcase_add_test(tc, test_base64_extra_char);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_directory_count);
	tcase_add_test(tc, test_name_norm);
	tcase_add_test(tc, test_subject_der);
	tcase_add_test(tc, test_chain_and_system);
	tcase_add_test(tc, test_sources);
	tcase_add_test(tc, test_read_whole_file);
	tcase_add_test(tc, test_root_program_is_the_callers_word);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
