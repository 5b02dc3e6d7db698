/*
 * certshow.h - X.509 certificate decoding and chain verification.
 *
 * This is the only public header of libcertshow. It exposes no GnuTLS or
 * libtasn1 type. All objects are opaque; every fallible call takes the
 * context first and its out-pointer second, returns 0 on success or a
 * negative CERTSHOW_E_* code, and leaves a detailed message that
 * certshow_ctx_error() returns.
 *
 * Ownership: an object handed out through a `**out` parameter belongs to
 * the caller, who releases it with the matching *_free() (every *_free()
 * accepts NULL). Pointers returned directly by accessors are borrowed: they
 * stay valid until their parent object is freed. Strings returned by
 * accessors are NUL-terminated for convenience, but certificate strings may
 * contain NUL bytes: use the accessors that return a length where one is
 * offered.
 *
 * Threads: a context is used by one thread at a time; separate contexts are
 * independent. Certificates, chains, trust stores and results are immutable
 * once built and may be shared read-only between threads.
 *
 * Verbs: *_new() and *_load_*() create an object into *out; *_add_*()
 * append to an object the caller already holds. A yes/no answer is a
 * documented 0/1 of an accessor that cannot fail, or an out parameter;
 * it is never mixed with an error code.
 *
 * What this library does NOT do:
 *  - no network unless asked: only certshow_fetch() and
 *    certshow_fetch_fd() touch a socket. Verification never fetches
 *    CRLs, OCSP responses or missing issuers (caIssuers URLs are
 *    reported, not followed);
 *  - no printing: output goes only to a FILE * the caller hands to a
 *    writer (or to certshow_asn1_write() / certshow_lint_write()); no
 *    exit() or abort() on any input;
 *  - no global state: nothing mutable outside the objects, no
 *    environment variables, no locale, no signal handlers, no
 *    gnutls_global_set_*(); the verification time is a per-call option;
 *  - no implicit trust: never a certificate because the peer sent it,
 *    never the system store unless certshow_trust_add_system() is called;
 *  - out of scope: issuing or signing certificates, private keys, client
 *    certificates (none is ever sent), TLS beyond capturing the server's
 *    chain, OCSP requests, Certificate Transparency log checks (embedded
 *    SCTs are decoded, not verified).
 */
#ifndef CERTSHOW_H
#define CERTSHOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CERTSHOW_BUILDING) && defined(__GNUC__)
#define CERTSHOW_API __attribute__((visibility("default")))
#else
#define CERTSHOW_API
#endif

/* The library's version ("MAJOR.MINOR.PATCH", from the build's AC_INIT),
 * as linked at run time. Static storage; never NULL. */
CERTSHOW_API const char *certshow_version(void);

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/* Error codes returned by fallible calls. A failed verification is NOT an
 * error: certshow_verify() returns 0 and the result carries the verdict. */
enum certshow_error {
	CERTSHOW_OK = 0,
	CERTSHOW_E_NOMEM = -1,       /* out of memory */
	CERTSHOW_E_INVAL = -2,       /* invalid argument (caller's bug) */
	CERTSHOW_E_IO = -3,          /* reading or writing failed */
	CERTSHOW_E_PARSE = -4,       /* malformed input */
	CERTSHOW_E_TLS = -5,         /* TLS protocol failure */
	CERTSHOW_E_TIMEOUT = -6,     /* connect or handshake timed out */
	CERTSHOW_E_TRUST = -7,       /* unusable trust store */
	CERTSHOW_E_UNSUPPORTED = -8, /* valid but unsupported input */
	CERTSHOW_E_LIMIT = -9,       /* a resource limit was exceeded */
	CERTSHOW_E_DNS = -10,        /* name resolution failed */
	CERTSHOW_E_CONNECT = -11,    /* connection refused or unreachable */
	CERTSHOW_E_ALERT = -12,      /* the peer sent a fatal TLS alert */
	CERTSHOW_E_STARTTLS = -13,   /* the STARTTLS preamble failed */
	CERTSHOW_E_NOTFOUND = -14    /* no such item */
};

/* Static description of an error code; never NULL. */
CERTSHOW_API const char *certshow_strerror(int code);
/* Stable lowercase name of an error code, the enum's suffix: "ok" (0),
 * "nomem", "inval", "io", "parse", "tls", "timeout", "trust",
 * "unsupported", "limit", "dns", "connect", "alert", "starttls",
 * "notfound"; "unknown" for any other value. Static storage, never NULL.
 * These are the "code" of an error in JSON output and never change. */
CERTSHOW_API const char *certshow_error_name(int code);
/* Free a buffer the library handed to the caller (certshow_input_read());
 * NULL is ignored. */
CERTSHOW_API void certshow_free(void *p);

/* ------------------------------------------------------------------ */
/* Context                                                              */
/* ------------------------------------------------------------------ */

struct certshow_ctx;

/* Create a context (owned by the caller); NULL when out of memory. */
CERTSHOW_API struct certshow_ctx *certshow_ctx_new(void);
CERTSHOW_API void certshow_ctx_free(struct certshow_ctx *ctx);

/* Detailed message of the last failure on this context ("" when none).
 * Owned by the context; valid until the next call on it. */
CERTSHOW_API const char *certshow_ctx_error(const struct certshow_ctx *ctx);
/* The CERTSHOW_E_* code of the message certshow_ctx_error() returns: the
 * last failure on the context (0 when none was recorded;
 * CERTSHOW_E_INVAL for a NULL context). For a caller that reports an
 * error after the call that returned it, as certshow_error_name()
 * names it. */
CERTSHOW_API int certshow_ctx_error_code(const struct certshow_ctx *ctx);

/* Resource limits against hostile input. */
enum certshow_limit {
	CERTSHOW_LIMIT_INPUT_SIZE,    /* bytes per input (default 64 MiB) */
	CERTSHOW_LIMIT_CERT_SIZE,     /* bytes per certificate (1 MiB) */
	CERTSHOW_LIMIT_CERTS,         /* certificates per input (100000) */
	CERTSHOW_LIMIT_CHAIN_DEPTH,   /* certificates in a path (32) */
	CERTSHOW_LIMIT_PATH_WORK,     /* signature checks per verify (1024) */
	CERTSHOW_LIMIT_NAMES          /* names per certificate (100000) */
};
CERTSHOW_API int certshow_ctx_set_limit(struct certshow_ctx *ctx,
    enum certshow_limit which, size_t value);
CERTSHOW_API size_t certshow_ctx_get_limit(const struct certshow_ctx *ctx,
    enum certshow_limit which);

/* ------------------------------------------------------------------ */
/* Certificates                                                         */
/* ------------------------------------------------------------------ */

struct certshow_cert;
struct certshow_name;

/* Decode one DER certificate (strict DER). The bytes are copied. */
CERTSHOW_API int certshow_cert_from_der(struct certshow_ctx *ctx,
    struct certshow_cert **out, const uint8_t *der, size_t len);
CERTSHOW_API void certshow_cert_free(struct certshow_cert *cert);

/* Parts of the certificate as raw bytes, owned by the certificate: the
 * DER of the whole certificate, the serial INTEGER's content octets (two's
 * complement), the DER of the SubjectPublicKeyInfo, and the subject and
 * authority key identifiers (keyIdentifier octets). NULL with *len 0 when
 * the part is absent (key identifiers) or `which` is unknown. */
enum certshow_raw {
	CERTSHOW_RAW_DER = 0,
	CERTSHOW_RAW_SERIAL,
	CERTSHOW_RAW_SPKI,
	CERTSHOW_RAW_SUBJECT_KEY_ID,
	CERTSHOW_RAW_AUTHORITY_KEY_ID
};
CERTSHOW_API const uint8_t *certshow_cert_raw(const struct certshow_cert *c,
    enum certshow_raw which, size_t *len);
/* Where the certificate came from: the input's name ("-" for stdin); its
 * 0-based position in that input into *index (may be NULL). */
CERTSHOW_API const char *certshow_cert_source(const struct certshow_cert *c,
    size_t *index);

/* X.509 version as printed (1, 2 or 3). */
CERTSHOW_API int certshow_cert_version(const struct certshow_cert *c);
/* Serial number as uppercase hex, as Python's ssl module prints it (the
 * raw octets: certshow_cert_raw(c, CERTSHOW_RAW_SERIAL, &len)). */
CERTSHOW_API const char *certshow_cert_serial_hex(const struct certshow_cert *c);

/* Signature algorithm: its name ("sha256WithRSAEncryption",
 * "ecdsa-with-SHA256", "ED25519"; the OID when unknown) and its dotted
 * OID. Any out pointer may be NULL. */
CERTSHOW_API void certshow_cert_sig_alg(const struct certshow_cert *c,
    const char **name, const char **oid);

/* Public key: algorithm ("RSA", "EC", "Ed25519", "Ed448", "DSA", or the
 * OID), size in bits (0 when unknown), curve name ("P-256", ... or NULL).
 * Any out pointer may be NULL. The SubjectPublicKeyInfo's DER is
 * certshow_cert_raw(c, CERTSHOW_RAW_SPKI, &len). */
CERTSHOW_API void certshow_cert_key(const struct certshow_cert *c,
    const char **alg, unsigned *bits, const char **curve);

/* Fingerprints: uppercase hex with colons ("AB:CD:...") of the DER's
 * SHA-256 or SHA-1, or the SPKI SHA-256 pin in base64 (as pin-sha256,
 * RFC 7469). Each is computed on first use (thread-safe: a certificate
 * shared between threads computes it once) and then owned by the
 * certificate. NULL for an unknown selector or when hashing failed. */
enum certshow_fingerprint {
	CERTSHOW_FP_SHA256 = 0,
	CERTSHOW_FP_SHA1 = 1,
	CERTSHOW_FP_SPKI_PIN_SHA256 = 2
};
CERTSHOW_API const char *certshow_cert_fingerprint(
    const struct certshow_cert *c, enum certshow_fingerprint which);
/* Subject or issuer name; owned by the certificate. */
enum certshow_dn {
	CERTSHOW_DN_SUBJECT = 0,
	CERTSHOW_DN_ISSUER
};
CERTSHOW_API const struct certshow_name *certshow_cert_name(
    const struct certshow_cert *c, enum certshow_dn which);

/* RFC 4514 string of a name (most significant RDN last, as RFC 4514
 * requires), with special characters escaped. */
CERTSHOW_API const char *certshow_name_string(const struct certshow_name *n);
/* Number of RDNs, in certificate order (most significant first). */
CERTSHOW_API size_t certshow_name_rdn_count(const struct certshow_name *n);
/* Number of attributes in RDN `rdn` (more than one for multi-valued). */
CERTSHOW_API size_t certshow_name_attr_count(const struct certshow_name *n,
    size_t rdn);
/* One attribute: its dotted OID, its name as Python's ssl module names it
 * ("commonName"; the dotted OID when unnamed), and its value as UTF-8
 * with length (may contain NUL). Returns CERTSHOW_E_NOTFOUND when out of
 * range. */
CERTSHOW_API int certshow_name_attr(const struct certshow_name *n, size_t rdn,
    size_t i, const char **oid, const char **type_name, const char **value,
    size_t *value_len);

/* Validity in seconds since the epoch (may be negative or past 2038).
 * Either out pointer may be NULL. */
CERTSHOW_API void certshow_cert_validity(const struct certshow_cert *c,
    int64_t *not_before, int64_t *not_after);

/* The expiry rule of --warn-days (the EXPIRES_SOON warning of
 * certshow_verify() and lint's expires-soon finding): returns 1 when `c`
 * is valid at `now` and fewer than `warn_days` whole days are left before
 * its notAfter, else 0 (always 0 when warn_days is 0; an expired
 * certificate is not "expiring"). *days_left (may be NULL) gets the whole
 * days from now to notAfter, rounded down (0 on the last day, negative
 * once expired). When it returns 1 and msg is not NULL, msg gets "expires
 * YYYY-MM-DD HH:MM:SS UTC, in N days (warning period W days)", cut to
 * msg_size. */
CERTSHOW_API int
certshow_cert_expiry(const struct certshow_cert *c, int64_t now,
    unsigned warn_days, int64_t *days_left, char *msg, size_t msg_size);

/* General names (SAN, name constraints). */
enum certshow_gn_type {
	CERTSHOW_GN_OTHER = 0,   /* otherName: oid = type-id, value = DER */
	CERTSHOW_GN_EMAIL = 1,   /* rfc822Name */
	CERTSHOW_GN_DNS = 2,     /* dNSName */
	CERTSHOW_GN_X400 = 3,    /* x400Address: value = DER */
	CERTSHOW_GN_DIRNAME = 4, /* directoryName: value = RFC 4514 string */
	CERTSHOW_GN_EDIPARTY = 5,/* ediPartyName: value = DER */
	CERTSHOW_GN_URI = 6,     /* uniformResourceIdentifier */
	CERTSHOW_GN_IP = 7,      /* iPAddress: value = 4 or 16 raw bytes (8 or
				  * 32 in name constraints: address+mask) */
	CERTSHOW_GN_RID = 8      /* registeredID: oid */
};

/* The lists a certificate holds, each in certificate order. One
 * counting call serves them all; the items are read with the getter each
 * comment names. */
enum certshow_list {
	CERTSHOW_LIST_SAN = 0,       /* subject alternative names:
				      * certshow_cert_general_name() */
	CERTSHOW_LIST_NC_PERMITTED,  /* name constraints' permitted and */
	CERTSHOW_LIST_NC_EXCLUDED,   /* excluded subtrees: the same */
	CERTSHOW_LIST_OCSP,          /* Authority Information Access OCSP */
	CERTSHOW_LIST_CA_ISSUERS,    /* and caIssuers URIs, */
	CERTSHOW_LIST_CRL_DP,        /* CRL distribution point URIs, */
	CERTSHOW_LIST_EKU,           /* extended key usage OIDs and */
	CERTSHOW_LIST_POLICY,        /* certificate policy OIDs:
				      * certshow_cert_string() */
	CERTSHOW_LIST_SCT,           /* embedded SCTs: certshow_cert_sct() */
	CERTSHOW_LIST_EXT            /* every extension: certshow_cert_ext() */
};
/* Number of items in a list (0 when absent or `which` is unknown). */
CERTSHOW_API size_t certshow_cert_count(const struct certshow_cert *c,
    enum certshow_list which);
/* Item i of a string list (OCSP, CA_ISSUERS, CRL_DP, EKU, POLICY), owned
 * by the certificate; NULL when out of range or not a string list. */
CERTSHOW_API const char *certshow_cert_string(const struct certshow_cert *c,
    enum certshow_list which, size_t i);
/* Item i of a general-name list (SAN, NC_PERMITTED, NC_EXCLUDED). `oid`
 * is set for OTHER and RID (else NULL); `value`/`len` are the raw value
 * (see enum certshow_gn_type). Any out pointer may be NULL. Returns 0, or
 * CERTSHOW_E_NOTFOUND when out of range or not a general-name list. */
CERTSHOW_API int certshow_cert_general_name(const struct certshow_cert *c,
    enum certshow_list which, size_t i, enum certshow_gn_type *type,
    const char **oid, const uint8_t **value, size_t *len);

/* Key usage bits (RFC 5280 4.2.1.3), bit 0 = digitalSignature. Returns 0
 * when the certificate has no keyUsage extension. */
#define CERTSHOW_KU_DIGITAL_SIGNATURE 0x001
#define CERTSHOW_KU_NON_REPUDIATION 0x002
#define CERTSHOW_KU_KEY_ENCIPHERMENT 0x004
#define CERTSHOW_KU_DATA_ENCIPHERMENT 0x008
#define CERTSHOW_KU_KEY_AGREEMENT 0x010
#define CERTSHOW_KU_KEY_CERT_SIGN 0x020
#define CERTSHOW_KU_CRL_SIGN 0x040
#define CERTSHOW_KU_ENCIPHER_ONLY 0x080
#define CERTSHOW_KU_DECIPHER_ONLY 0x100
CERTSHOW_API int certshow_cert_key_usage(const struct certshow_cert *c,
    unsigned *bits);

/* Basic constraints: returns 1 when present (then *ca and *pathlen are
 * set; pathlen -1 when absent), 0 when absent. */
CERTSHOW_API int certshow_cert_basic_constraints(const struct certshow_cert *c,
    int *ca, int *pathlen);

/* Embedded signed certificate timestamp i (RFC 6962): log_id 32 bytes,
 * timestamp in milliseconds since the epoch. Returns 0 or
 * CERTSHOW_E_NOTFOUND. */
CERTSHOW_API int certshow_cert_sct(const struct certshow_cert *c, size_t i,
    const uint8_t **log_id, uint64_t *timestamp_ms);

/* TLS feature extension (RFC 7633): 1 when status_request (must-staple)
 * is listed. */
CERTSHOW_API int certshow_cert_must_staple(const struct certshow_cert *c);

/* Extension i in certificate order: dotted OID, name (NULL when
 * unknown), criticality and raw extnValue octets. Any out pointer may be
 * NULL. Returns 0 or CERTSHOW_E_NOTFOUND. */
CERTSHOW_API int certshow_cert_ext(const struct certshow_cert *c, size_t i,
    const char **oid, const char **name, int *critical,
    const uint8_t **value, size_t *len);

/* ------------------------------------------------------------------ */
/* Loading: chains and streaming readers                                */
/* ------------------------------------------------------------------ */

struct certshow_chain;
struct certshow_reader;

/* A reader yields the certificates of one input one at a time, so a large
 * bundle is never held whole. Accepted input: PEM (CERTIFICATE, TRUSTED
 * CERTIFICATE, X509 CERTIFICATE, PKCS7; text around blocks and CRLF line
 * ends are fine), DER certificate, DER PKCS#7 (.p7b). `path` "-" is stdin. */
CERTSHOW_API int certshow_reader_open_file(struct certshow_ctx *ctx,
    struct certshow_reader **out, const char *path);
/* Read from memory; `name` is used in messages and as the source name. The
 * bytes are not copied and must outlive the reader. */
CERTSHOW_API int certshow_reader_open_mem(struct certshow_ctx *ctx,
    struct certshow_reader **out, const uint8_t *data, size_t len,
    const char *name);
/* Next certificate: returns 0 and sets *out to the next certificate
 * (owned by the caller), or to NULL at the end of input; or returns a
 * negative code with *out NULL (the message names the input, the
 * certificate's index and, where known, the line or byte offset). After an
 * error confined to one certificate (bad base64, decoding error, size
 * limit) the next call goes on with the following certificate; after any
 * other error (I/O, input size or count limit, malformed DER input) the
 * next call reports the end (0, *out NULL). A failed certificate still uses up its index. An
 * input that yields no certificate and no other error (empty, blank, only
 * other PEM blocks, neither PEM nor DER) is reported as CERTSHOW_E_PARSE.
 * The context's CERTSHOW_LIMIT_INPUT_SIZE, _CERT_SIZE and _CERTS apply
 * (CERTSHOW_E_LIMIT). A directory, or a file that cannot be opened, is
 * CERTSHOW_E_IO (from certshow_reader_open_file()). */
CERTSHOW_API int certshow_reader_next(struct certshow_ctx *ctx,
    struct certshow_reader *r, struct certshow_cert **out);
CERTSHOW_API void certshow_reader_free(struct certshow_reader *r);

/* Read a whole input into memory (`path` "-" is stdin), at most the
 * context's CERTSHOW_LIMIT_INPUT_SIZE bytes, failing with the messages of
 * certshow_reader_open_file(): "PATH: cannot open: REASON" (CERTSHOW_E_IO),
 * "PATH: cannot read: Is a directory" (CERTSHOW_E_IO), "PATH: input larger
 * than the input size limit (N bytes)" (CERTSHOW_E_LIMIT). An empty input
 * is not an error (*len 0). On success *out is the caller's, freed with
 * certshow_free(). */
CERTSHOW_API int certshow_input_read(struct certshow_ctx *ctx, const char *path,
    uint8_t **out, size_t *len);

/* Load every certificate of an input into a chain, in order. An input with
 * no certificate is an error (CERTSHOW_E_PARSE). */
CERTSHOW_API int certshow_chain_load_file(struct certshow_ctx *ctx,
    struct certshow_chain **out, const char *path);
CERTSHOW_API int certshow_chain_load_mem(struct certshow_ctx *ctx,
    struct certshow_chain **out, const uint8_t *data, size_t len,
    const char *name);
/* An empty chain, to fill with certshow_chain_add(). */
CERTSHOW_API int certshow_chain_new(struct certshow_ctx *ctx,
    struct certshow_chain **out);
/* Append a certificate; the chain takes ownership of `cert` on success. */
CERTSHOW_API int certshow_chain_add(struct certshow_ctx *ctx,
    struct certshow_chain *chain, struct certshow_cert *cert);
CERTSHOW_API size_t certshow_chain_count(const struct certshow_chain *chain);
/* Borrowed; NULL when out of range. */
CERTSHOW_API const struct certshow_cert *certshow_chain_get(
    const struct certshow_chain *chain, size_t i);
CERTSHOW_API void certshow_chain_free(struct certshow_chain *chain);

/* ------------------------------------------------------------------ */
/* Trust stores                                                         */
/* ------------------------------------------------------------------ */

struct certshow_trust;

CERTSHOW_API int certshow_trust_new(struct certshow_ctx *ctx,
    struct certshow_trust **out);
/* Flags of certshow_trust_add_path(). */
#define CERTSHOW_TRUST_ROOT_PROGRAM 0x1u /* the anchors are a curated root
					 * program's (see below) */
/* Where the caller took `path` from, recorded for the store's
 * description only (certshow_trust_source()); the library itself never
 * reads the environment. */
#define CERTSHOW_TRUST_FROM_SSL_CERT_FILE 0x2u /* $SSL_CERT_FILE */
#define CERTSHOW_TRUST_FROM_SSL_CERT_DIR 0x4u  /* $SSL_CERT_DIR */
/* Add anchors from a PEM/DER file or from every *.pem, *.crt, *.cer and
 * hashed (*.0) file of a directory. Files that fail to parse are recorded
 * (see certshow_trust_failed()) and do not stop the load; a path that
 * cannot be read at all is an error. `flags` is 0 or
 * CERTSHOW_TRUST_ROOT_PROGRAM (others: CERTSHOW_E_INVAL). Anchors are
 * always trusted as a name and a key whose constraints (validity,
 * basicConstraints, key usage, extended key usage, name constraints,
 * unknown critical extensions, key strength) are enforced. The webpki
 * profile also holds anchors the caller configures to the CA/B root
 * certificate profile (critical basicConstraints, a
 * subjectKeyIdentifier, an authorityKeyIdentifier that is only that key
 * identifier, no extKeyUsage); with CERTSHOW_TRUST_ROOT_PROGRAM the
 * anchors are members of a root program that accepted them as they are,
 * and their encoding is not judged. Only the caller says which anchors are
 * a root program's (the flag, or certshow_trust_add_system()): the same
 * file gives the same anchors whatever path names it. */
CERTSHOW_API int certshow_trust_add_path(struct certshow_ctx *ctx,
    struct certshow_trust *t, const char *path, unsigned flags);
/* Add the system's default anchors (root-program anchors). */
CERTSHOW_API int certshow_trust_add_system(struct certshow_ctx *ctx,
    struct certshow_trust *t);
/* Add every certificate of a chain as an anchor (copied). */
CERTSHOW_API int certshow_trust_add_chain(struct certshow_ctx *ctx,
    struct certshow_trust *t, const struct certshow_chain *chain);
/* Number of anchors, or of files that failed to load. */
enum certshow_trust_count {
	CERTSHOW_TRUST_ANCHORS = 0,
	CERTSHOW_TRUST_FAILED
};
CERTSHOW_API size_t certshow_trust_count(const struct certshow_trust *t,
    enum certshow_trust_count which);
/* File i that failed to load (i below CERTSHOW_TRUST_FAILED's count), with
 * the reason; owned by the store. Returns 0 or CERTSHOW_E_NOTFOUND. */
CERTSHOW_API int certshow_trust_failed(const struct certshow_trust *t,
    size_t i, const char **path, const char **reason);
/* What a store was built from, one source per successful add call, in
 * the order of the calls: for a report of what a verification trusted
 * ("system bundle /etc/ssl/certs/ca-certificates.crt, 146 anchors"). */
enum certshow_trust_source_kind {
	CERTSHOW_TRUST_SOURCE_FILE = 0, /* certshow_trust_add_path(), a file */
	CERTSHOW_TRUST_SOURCE_DIR,      /* certshow_trust_add_path(), a
					 * directory */
	CERTSHOW_TRUST_SOURCE_SYSTEM,   /* certshow_trust_add_system() */
	CERTSHOW_TRUST_SOURCE_CHAIN     /* certshow_trust_add_chain() */
};
struct certshow_trust_source {
	/* In: CERTSHOW_TRUST_SOURCE_VERSION. */
	unsigned version;
	enum certshow_trust_source_kind kind;
	/* The file or directory as given; SYSTEM: the bundle file read, NULL
	 * when the anchors came from GnuTLS's configured system trust;
	 * CHAIN: NULL. */
	const char *path;
	/* "SSL_CERT_FILE" or "SSL_CERT_DIR" when the caller said the path
	 * came from there (CERTSHOW_TRUST_FROM_*), else NULL. */
	const char *env;
	/* Anchors it added (duplicates not counted). */
	size_t anchors;
};
#define CERTSHOW_TRUST_SOURCE_VERSION 1
/* Number of sources of `t` (0 for NULL). */
CERTSHOW_API size_t certshow_trust_source_count(const struct certshow_trust *t);
/* Fill *out with source i; strings are owned by the store. Returns 0,
 * CERTSHOW_E_NOTFOUND (i out of range) or CERTSHOW_E_INVAL (NULL
 * argument, unknown version). */
CERTSHOW_API int certshow_trust_source(const struct certshow_trust *t, size_t i,
    struct certshow_trust_source *out);
CERTSHOW_API void certshow_trust_free(struct certshow_trust *t);

/* ------------------------------------------------------------------ */
/* Verification                                                         */
/* ------------------------------------------------------------------ */

enum certshow_purpose {
	CERTSHOW_PURPOSE_SERVER = 0, /* id-kp-serverAuth */
	CERTSHOW_PURPOSE_CLIENT,     /* id-kp-clientAuth */
	CERTSHOW_PURPOSE_ANY,        /* no EKU requirement */
	CERTSHOW_PURPOSE_OID         /* purpose_oid */
};

enum certshow_profile {
	CERTSHOW_PROFILE_WEBPKI = 0, /* CA/Browser Forum rules (default) */
	CERTSHOW_PROFILE_RFC5280     /* RFC 5280 only */
};

enum certshow_peer_kind {
	CERTSHOW_PEER_NONE = 0, /* no peer name check */
	CERTSHOW_PEER_DNS,
	CERTSHOW_PEER_IP,
	CERTSHOW_PEER_EMAIL
};

/* Certificate revocation lists (RFC 5280 section 5), for revocation
 * checking during verification. A set is filled by the add calls and
 * then only read: it may be shared by threads and calls. */
struct certshow_crls;

CERTSHOW_API int certshow_crls_new(struct certshow_ctx *ctx,
    struct certshow_crls **out);
/* Add every CRL of a file: PEM ("X509 CRL" blocks, several allowed) or
 * DER. PEM follows the rules of certificate input: a malformed block
 * (bad base64, no END line) refuses the whole input (CERTSHOW_E_PARSE,
 * "FILE: CRL N (BEGIN X509 CRL at line L): bad base64 at line L2: ...").
 * A CRL that does not parse is an error (CERTSHOW_E_PARSE) and
 * nothing of that input is kept after it; CRLs the verification cannot
 * use (unknown critical extension, no cRLNumber) load and are reported
 * when they concern a path. Delta CRLs (deltaCRLIndicator) are applied
 * on top of their base CRL of the same set. */
CERTSHOW_API int certshow_crls_add_file(struct certshow_ctx *ctx,
    struct certshow_crls *crls, const char *path);
/* The same from memory; `name` (may be NULL) names it in messages. */
CERTSHOW_API int certshow_crls_add_mem(struct certshow_ctx *ctx,
    struct certshow_crls *crls, const uint8_t *data, size_t len,
    const char *name);
CERTSHOW_API size_t certshow_crls_count(const struct certshow_crls *crls);
CERTSHOW_API void certshow_crls_free(struct certshow_crls *crls);

/* Which certificates of a path revocation checking covers. */
enum certshow_crl_check {
	CERTSHOW_CRL_CHECK_ALL = 0,  /* every certificate below the anchor */
	CERTSHOW_CRL_CHECK_LEAF      /* the end-entity certificate only */
};

/* Network use certshow_verify() may make (verify opts `online`). */
#define CERTSHOW_ONLINE_OCSP 0x01      /* live OCSP (RFC 6960) for every
				        * certificate of the path that has
				        * an OCSP URL */
#define CERTSHOW_ONLINE_OCSP_LEAF 0x02 /* live OCSP for the leaf only */
#define CERTSHOW_ONLINE_OCSP_NONCE 0x04/* send a nonce, require it back */
#define CERTSHOW_ONLINE_CRL 0x08       /* download CRLs from the
				        * cRLDistributionPoints URLs */
#define CERTSHOW_ONLINE_AIA 0x10       /* fetch a missing issuer from the
				        * caIssuers URL */

/* What an unanswered revocation question does to the verdict. */
enum certshow_revocation_mode {
	CERTSHOW_REVOCATION_DEFAULT = 0, /* SOFT when online revocation
					  * checking is on, else HARD */
	CERTSHOW_REVOCATION_SOFT,  /* no usable source: a warning */
	CERTSHOW_REVOCATION_HARD   /* no usable source: REVOCATION_UNKNOWN */
};

struct certshow_verify_opts {
	unsigned version;              /* CERTSHOW_VERIFY_OPTS_VERSION */
	enum certshow_peer_kind peer_kind;
	const char *peer_name;         /* DNS name, IP literal or email */
	enum certshow_purpose purpose;
	const char *purpose_oid;       /* with CERTSHOW_PURPOSE_OID */
	int has_time;                  /* 0: now */
	int64_t time;                  /* verification time, epoch seconds */
	unsigned max_depth;            /* most certificates in a path, leaf
				        * and anchor included, self-issued
				        * intermediates not counted; 0: the
				        * context's CHAIN_DEPTH limit */
	enum certshow_profile profile;
	unsigned flags;                /* CERTSHOW_VF_* */
	/* Version 2. */
	const struct certshow_crls *crls; /* NULL: no revocation checking.
				        * Otherwise revocation is checked
				        * as RFC 5280 6.3 says, for the
				        * certificates crl_check selects:
				        * each needs CRLs here that decide
				        * its status (REVOKED), else the
				        * path fails with
				        * REVOCATION_UNKNOWN. */
	/* Version 3: certificate policy inputs (RFC 5280 6.1.1 (c), (e),
	 * (f), (g)). The rfc5280 profile always processes policies; the
	 * webpki profile only when one of these is set. */
	const char *const *policies;   /* user-initial-policy-set:
				        * n_policies dotted OIDs, not
				        * copied; 0: {anyPolicy} */
	size_t n_policies;
	int explicit_policy;           /* initial-explicit-policy */
	int inhibit_policy_mapping;    /* initial-policy-mapping-inhibit */
	int inhibit_any_policy;        /* initial-any-policy-inhibit */
	/* Version 3 too: which certificates need a deciding CRL. */
	enum certshow_crl_check crl_check;
	/* Version 4: the stapled OCSP response and online checking. */
	const uint8_t *ocsp_staple;    /* OCSP response stapled for chain[0]
				        * (DER, not copied); NULL: none */
	size_t ocsp_staple_len;
	unsigned online;               /* CERTSHOW_ONLINE_*: what the library
				        * may fetch over HTTP; 0: nothing,
				        * certshow_verify() never touches
				        * the network */
	enum certshow_revocation_mode revocation;
	unsigned http_timeout_ms;      /* total per HTTP fetch; 0: 10000 */
	unsigned aia_max_depth;        /* most issuers fetched in a row by
				        * CERTSHOW_ONLINE_AIA; 0: 4 */
	const char *cache_dir;         /* on-disk cache of fetched OCSP
				        * responses, CRLs and certificates;
				        * NULL: memory only */
	/* Version 5: expiry warnings. A certificate of the path, valid at
	 * the verification time, that expires within warn_days gets an
	 * EXPIRES_SOON warning (certshow_result_warnings()); 0: none. */
	unsigned warn_days;
};
/* Versions 1 (without `crls`), 2 (without the policy inputs and
 * `crl_check`: every certificate is checked), 3 (without the version 4
 * fields) and 4 (without `warn_days`) are still accepted. */
#define CERTSHOW_VERIFY_OPTS_VERSION 5
#define CERTSHOW_VERIFY_OPTS_INIT \
	{ \
		CERTSHOW_VERIFY_OPTS_VERSION, CERTSHOW_PEER_NONE, NULL, \
		    CERTSHOW_PURPOSE_SERVER, NULL, 0, 0, 0, \
		    CERTSHOW_PROFILE_WEBPKI, 0, NULL, NULL, 0, 0, 0, 0, \
		    CERTSHOW_CRL_CHECK_ALL, NULL, 0, 0, \
		    CERTSHOW_REVOCATION_DEFAULT, 0, 0, NULL, 0 \
	}

/* Verdict flags: one per distinct reason. 0 means verified. */
#define CERTSHOW_V_UNTRUSTED (1u << 0)        /* no path to an anchor */
#define CERTSHOW_V_EXPIRED (1u << 1)
#define CERTSHOW_V_NOT_YET_VALID (1u << 2)
#define CERTSHOW_V_HOSTNAME_MISMATCH (1u << 3)/* peer name not matched */
#define CERTSHOW_V_NOT_CA (1u << 4)           /* issuer lacks CA:TRUE */
#define CERTSHOW_V_KEY_USAGE (1u << 5)
#define CERTSHOW_V_EXT_KEY_USAGE (1u << 6)
#define CERTSHOW_V_BAD_SIGNATURE (1u << 7)
#define CERTSHOW_V_INSECURE_ALGORITHM (1u << 8)/* MD5, SHA-1 */
#define CERTSHOW_V_WEAK_KEY (1u << 9)         /* e.g. RSA < 2048 */
#define CERTSHOW_V_PATH_LEN (1u << 10)        /* pathLenConstraint */
#define CERTSHOW_V_NAME_CONSTRAINTS (1u << 11)
#define CERTSHOW_V_UNKNOWN_CRITICAL (1u << 12)
#define CERTSHOW_V_MISSING_ISSUER (1u << 13)  /* issuer not available */
#define CERTSHOW_V_DEPTH (1u << 14)           /* max depth exceeded */
#define CERTSHOW_V_MALFORMED (1u << 15)       /* policy-invalid encoding */
#define CERTSHOW_V_POLICY (1u << 16)
#define CERTSHOW_V_REVOKED (1u << 17)
#define CERTSHOW_V_WORK_LIMIT (1u << 18)      /* path search gave up */
#define CERTSHOW_V_SELF_SIGNED (1u << 19)     /* untrusted self-signed */
#define CERTSHOW_V_CA_LEAF (1u << 20)         /* end entity is a CA (webpki) */
#define CERTSHOW_V_REVOCATION_UNKNOWN (1u << 21) /* no usable source
					       * decides a revocation status
					       * (CRL, OCSP, staple) */
#define CERTSHOW_V_POLICY_LIMIT (1u << 22)   /* the policy tree exceeded
					       * its size bound */
#define CERTSHOW_V_MUST_STAPLE (1u << 23)   /* the leaf requires a stapled
					       * OCSP response (RFC 7633
					       * status_request) and the
					       * handshake had none */
/* A warning only: valid, but expires within the opts' warn_days. */
#define CERTSHOW_V_EXPIRES_SOON (1u << 24)

/* Verify opts `flags`. */
#define CERTSHOW_VF_FROM_TLS 0x01  /* the chain came from a TLS handshake
				    * (with `ocsp_staple` its staple, if
				    * any): must-staple applies */

/* Symbolic name ("EXPIRED") of one verdict flag, and its description into
 * *desc (may be NULL); static strings. 0 is "NOTE" (see
 * certshow_result_problem()); an unknown flag "UNKNOWN". */
CERTSHOW_API const char *certshow_verdict_name(uint32_t flag,
    const char **desc);

struct certshow_result;

/* Build and check a path from chain[0] (the leaf) to an anchor of `trust`,
 * using the rest of `chain` and every certificate of `untrusted` (may be
 * NULL) as candidate intermediates, in any order. Returns 0 with *out set
 * whether or not the chain verified; negative only on errors. */
CERTSHOW_API int certshow_verify(struct certshow_ctx *ctx,
    struct certshow_result **out, const struct certshow_chain *chain,
    const struct certshow_chain *untrusted, const struct certshow_trust *trust,
    const struct certshow_verify_opts *opts);

/* Union of the verdict flags; 0 when verified. */
CERTSHOW_API uint32_t certshow_result_flags(const struct certshow_result *r);
/* The chosen path (leaf first, anchor last), or the one that came closest. */
CERTSHOW_API size_t certshow_result_path_len(const struct certshow_result *r);
/* Where a path element came from (certshow_result_path_cert()). */
enum certshow_path_origin {
	CERTSHOW_PATH_CHAIN = 0,  /* the chain given to certshow_verify() */
	CERTSHOW_PATH_ANCHOR,     /* the trust store */
	CERTSHOW_PATH_FETCHED     /* a caIssuers URL (CERTSHOW_ONLINE_AIA);
				   * certshow_cert_source() of the
				   * certificate is the URL */
};
/* Path element i (NULL when out of range); *origin (may be NULL) says
 * where it came from (CERTSHOW_PATH_CHAIN when out of range). */
CERTSHOW_API const struct certshow_cert *certshow_result_path_cert(
    const struct certshow_result *r, size_t i,
    enum certshow_path_origin *origin);
/* 1 when an element of the path was fetched from a caIssuers URL: the
 * path verified only thanks to a fetched intermediate, and the chain
 * given lacks it; else 0. */
CERTSHOW_API int certshow_result_fetched(const struct certshow_result *r);
/* Problems found on path element i: stable flag and human message. A
 * problem that concerns the whole path (e.g. the peer name) is reported on
 * element 0. A problem with flag 0 is a note: a rule for the issuing CA
 * that a relying party does not enforce (certshow_verdict_name(0) is
 * "NOTE"); it is not part of certshow_result_flags(). A revocation
 * problem left open under CERTSHOW_REVOCATION_SOFT is a warning: its
 * flag is in certshow_result_warnings(), not in the flags. */
CERTSHOW_API size_t certshow_result_problem_count(
    const struct certshow_result *r, size_t i);
CERTSHOW_API int certshow_result_problem(const struct certshow_result *r,
    size_t i, size_t j, uint32_t *flag, const char **message);
/* When the path ends at an issuer that was not available: its name
 * (else NULL), and into *url (may be NULL) the caIssuers URL of the last
 * certificate (NULL when none). */
CERTSHOW_API const char *certshow_result_missing_issuer(
    const struct certshow_result *r, const char **url);

/* Revocation status of one path element (certshow_result_revocation()).
 * The revocation stage of certshow_verify() asks, in this order, the
 * stapled OCSP response (the leaf only), live OCSP (opts `online`) and
 * CRLs (opts `crls`, plus downloaded ones); the first source that
 * decides the status answers. */
enum certshow_rev_status {
	CERTSHOW_REV_NOT_CHECKED = 0, /* not asked, or the anchor */
	CERTSHOW_REV_GOOD,
	CERTSHOW_REV_REVOKED,
	CERTSHOW_REV_UNKNOWN,         /* the source does not know it, or
				       * no CRL covers every reason */
	CERTSHOW_REV_ERROR            /* no usable source: unreachable,
				       * malformed, badly signed, stale, ...
				       * (message says which) */
};
enum certshow_rev_source {
	CERTSHOW_REV_SOURCE_NONE = 0,
	CERTSHOW_REV_SOURCE_STAPLE,   /* OCSP response stapled in TLS */
	CERTSHOW_REV_SOURCE_OCSP,     /* live OCSP request */
	CERTSHOW_REV_SOURCE_CRL
};
struct certshow_revocation {
	unsigned version;             /* in: CERTSHOW_REVOCATION_VERSION */
	enum certshow_rev_status status;
	enum certshow_rev_source source;
	const char *url;              /* OCSP responder URL or CRL (URL or
				       * file name); NULL when none */
	int reason;                   /* REVOKED: CRLReason (RFC 5280
				       * 5.3.1), -1 when not given */
	int64_t revoked_at;           /* REVOKED: revocation time, else -1 */
	int64_t this_update;          /* of the deciding answer, -1 */
	int64_t next_update;          /* -1 when absent */
	int64_t produced_at;          /* OCSP only, else -1 */
	const char *message;          /* one line for humans, never NULL */
};
#define CERTSHOW_REVOCATION_VERSION 1
/* Fill *out with the revocation facts of path element i. Strings are
 * owned by the result. Returns 0, or CERTSHOW_E_INVAL (NULL argument,
 * i out of range, unknown version). */
CERTSHOW_API int certshow_result_revocation(const struct certshow_result *r,
    size_t i, struct certshow_revocation *out);
/* Static names: "not_checked", "good", "revoked", "unknown", "error";
 * "none", "staple", "ocsp", "crl". */
CERTSHOW_API const char *certshow_rev_status_name(enum certshow_rev_status s);
CERTSHOW_API const char *certshow_rev_source_name(enum certshow_rev_source s);
/* Union of the flags of problems that are warnings, not failures (a
 * revocation question left open under CERTSHOW_REVOCATION_SOFT); they
 * are not part of certshow_result_flags(). 0 when none. */
CERTSHOW_API uint32_t certshow_result_warnings(const struct certshow_result *r);

/* Certificate policies of the reported path (RFC 5280 6.1, policy
 * processing): the authority-constrained policy set (what the CAs of the
 * path allow, in the anchor's policy domain; anyPolicy when they allow
 * any) and the user-constrained policy set (its intersection with the
 * caller's policies). */
enum certshow_policy_set {
	CERTSHOW_POLICY_SET_AUTHORITY = 0,
	CERTSHOW_POLICY_SET_USER
};
/* Number of policies in a set (0 when not checked or empty); *checked
 * (may be NULL) is set to 1 when policy processing ran on the reported
 * path (a complete path, under the rfc5280 profile or with a policy input
 * set), else 0. Then the i-th as a dotted OID owned by the result (NULL
 * when out of range). */
CERTSHOW_API size_t certshow_result_policy_count(
    const struct certshow_result *r, enum certshow_policy_set set,
    int *checked);
CERTSHOW_API const char *certshow_result_policy(
    const struct certshow_result *r, enum certshow_policy_set set, size_t i);

/* What a verification checked, for a report that says it: the peer
 * name and its kind, the purpose, the profile, the verification time,
 * the revocation sources the options asked for and the trust store's
 * description. Copied when certshow_verify() ran, so it does not
 * depend on the options or the store staying alive. */
/* Revocation sources (struct certshow_checked `revocation`): a stapled
 * OCSP response was given (opts ocsp_staple); live OCSP for every
 * certificate; live OCSP for the leaf only; CRLs given (opts crls); CRLs
 * downloaded from the cRLDistributionPoints. */
#define CERTSHOW_CHECKED_STAPLE 0x01
#define CERTSHOW_CHECKED_OCSP 0x02
#define CERTSHOW_CHECKED_OCSP_LEAF 0x04
#define CERTSHOW_CHECKED_CRL_FILES 0x08
#define CERTSHOW_CHECKED_CRL_DOWNLOAD 0x10
struct certshow_checked {
	/* In: CERTSHOW_CHECKED_VERSION. */
	unsigned version;
	enum certshow_peer_kind peer_kind;
	/* NULL with CERTSHOW_PEER_NONE. */
	const char *peer_name;
	enum certshow_purpose purpose;
	/* The extKeyUsage OID required; NULL for CERTSHOW_PURPOSE_ANY. */
	const char *purpose_oid;
	enum certshow_profile profile;
	/* The verification time, and 1 when the options gave it (0: the
	 * clock's). */
	int64_t time;
	int time_given;
	/* CERTSHOW_CHECKED_*; 0: revocation not checked. */
	unsigned revocation;
	/* CRLs given (opts crls). */
	size_t crls;
	/* Anchors of the store, and its sources
	 * (certshow_result_trust_source()). */
	size_t trust_anchors;
	size_t trust_sources;
};
#define CERTSHOW_CHECKED_VERSION 1
/* Fill *out; strings are owned by the result. Returns 0 or
 * CERTSHOW_E_INVAL (NULL argument, unknown version). */
CERTSHOW_API int certshow_result_checked(const struct certshow_result *r,
    struct certshow_checked *out);
/* Source i of the trust store the result was verified against, as
 * certshow_trust_source() described it then (strings owned by the
 * result). Returns 0, CERTSHOW_E_NOTFOUND or CERTSHOW_E_INVAL. */
CERTSHOW_API int certshow_result_trust_source(const struct certshow_result *r,
    size_t i, struct certshow_trust_source *out);
CERTSHOW_API void certshow_result_free(struct certshow_result *r);

/* Verification cache. Each context remembers the outcome of the
 * signature checks certshow_verify() made (keyed by the SHA-256 of the
 * issuer's SubjectPublicKeyInfo and of the signed certificate, so a hit
 * answers only for that exact pair) and the issuer public keys it
 * imported, so verifying many chains under the same intermediates checks
 * each intermediate's signature once. The cache never changes a verdict:
 * the work limit counts cached checks too. It is created on the first
 * certshow_verify() call with room for 4096 results (about 300 KiB) and
 * 64 keys, least recently used replaced first, and freed with the
 * context. Being per context it needs no lock; trust stores stay
 * immutable and shareable between threads.
 * certshow_ctx_set_verify_cache() empties the cache and sets its size in
 * signature results; 0 disables it (every check is computed, and issuer
 * keys are imported per call). Returns 0, CERTSHOW_E_INVAL (more than
 * 2^27 entries) or CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_ctx_set_verify_cache(struct certshow_ctx *ctx,
    size_t entries);

/* Shared verification cache. Each context keeps its own cache of
 * signature results (certshow_ctx_set_verify_cache()), so an application
 * that verifies on several threads, one context each, checks every
 * intermediate's signature once per thread. A certshow_verify_cache holds
 * signature results for several contexts at once: created with room for
 * `entries` results (1 to 2^27; 4096 is about 300 KiB), attached to each
 * context with certshow_ctx_set_shared_verify_cache() (not copied, not
 * freed by the context; NULL detaches it), and asked, under its lock,
 * when the context's own cache misses; every result a context computes
 * is added to it. A result is keyed by the SHA-256 of the issuer's
 * SubjectPublicKeyInfo and of the whole child certificate, so it never
 * answers for another certificate or key. certshow_verify_cache_new()
 * returns 0, CERTSHOW_E_INVAL or CERTSHOW_E_NOMEM;
 * certshow_verify_cache_free() accepts NULL and must come after every
 * context using the cache was freed or detached.
 * certshow_ctx_set_shared_verify_cache() returns 0 or CERTSHOW_E_INVAL
 * (no context). The scanner (certshow_scanner_run()) shares one among
 * its workers. */
struct certshow_verify_cache;

CERTSHOW_API int certshow_verify_cache_new(struct certshow_ctx *ctx,
    struct certshow_verify_cache **out, size_t entries);
CERTSHOW_API void certshow_verify_cache_free(struct certshow_verify_cache *c);
CERTSHOW_API int certshow_ctx_set_shared_verify_cache(struct certshow_ctx *ctx,
    struct certshow_verify_cache *c);

/* HTTP cache. What certshow_verify() fetches when the options allow it
 * (OCSP responses until their nextUpdate, CRLs until their nextUpdate,
 * certificates by URL for the Cache-Control max-age of the answer, 1 day
 * when it has none) is kept in memory, and on disk under the options'
 * cache_dir when set. Each context creates its own memory cache on first
 * use; an application that verifies from several contexts (threads)
 * creates one cache and attaches it to each, so a URL is fetched once
 * per process. A cache is thread-safe (it takes a lock) and holds at
 * most 1024 answers and 64 MiB, least recently used dropped first.
 * certshow_http_cache_new() returns 0, CERTSHOW_E_NOMEM or
 * CERTSHOW_E_INVAL; certshow_http_cache_free() accepts NULL and must come
 * after every context using the cache was freed or detached.
 * certshow_ctx_set_http_cache() attaches `c` (not copied, not freed by
 * the context; NULL: the context goes back to a cache of its own) and
 * frees the context's own cache if it had one. Returns 0 or
 * CERTSHOW_E_INVAL (no context). */
struct certshow_http_cache;

CERTSHOW_API int certshow_http_cache_new(struct certshow_ctx *ctx,
    struct certshow_http_cache **out);
CERTSHOW_API void certshow_http_cache_free(struct certshow_http_cache *c);
CERTSHOW_API int certshow_ctx_set_http_cache(struct certshow_ctx *ctx,
    struct certshow_http_cache *c);

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

enum certshow_format {
	CERTSHOW_FORMAT_TEXT = 0,
	CERTSHOW_FORMAT_JSON,
	CERTSHOW_FORMAT_PYTHON, /* Python ssl getpeercert() dicts, pprint style */
	CERTSHOW_FORMAT_PEM
};

struct certshow_write_opts {
	unsigned version;   /* CERTSHOW_WRITE_OPTS_VERSION */
	int64_t now;        /* for relative expiry in text ("expires in") */
	unsigned flags;     /* CERTSHOW_WF_* */
};
#define CERTSHOW_WRITE_OPTS_VERSION 1
#define CERTSHOW_WRITE_OPTS_INIT { CERTSHOW_WRITE_OPTS_VERSION, 0, 0 }
#define CERTSHOW_WF_NO_COLOR 0x1
/* JSON: the document is one of verification results even before (or
 * without) any result: certshow_writer_finish() with nothing added writes
 * {"format_version": 1, "results": []}, and certshow_writer_add_error()
 * adds its error as a RESULT. */
#define CERTSHOW_WF_RESULTS 0x2
/* JSON: each certificate object gets "days_left", whole days from `now`
 * to its notAfter (certshow_cert_expiry()). */
#define CERTSHOW_WF_DAYS_LEFT 0x4
/* TEXT only: results (certshow_writer_add_result()) and connections
 * (certshow_writer_add_session()) as a short report: the connection in
 * one line, one line per certificate of the path (name, issuer, key,
 * expiry relative to the verification time), the problems, a "Checked:"
 * block (certshow_result_checked()) and the verdict as the last line,
 * coloured unless CERTSHOW_WF_NO_COLOR. Without it: the full view, every
 * certificate of a connection decoded. */
#define CERTSHOW_WF_SUMMARY 0x8

struct certshow_writer;

/* A writer streams certificates to `fp` in one format; for JSON it emits
 * one document per writer. The writer does not own `fp`. */
CERTSHOW_API int certshow_writer_new(struct certshow_ctx *ctx,
    struct certshow_writer **out, FILE *fp, enum certshow_format fmt,
    const struct certshow_write_opts *opts);
CERTSHOW_API int certshow_writer_add_cert(struct certshow_ctx *ctx,
    struct certshow_writer *w, const struct certshow_cert *cert);
/* Add a verification result (chain as given plus its verdict). */
CERTSHOW_API int certshow_writer_add_result(struct certshow_ctx *ctx,
    struct certshow_writer *w, const struct certshow_chain *chain,
    const struct certshow_result *res);
/* An input that could not be used (unreadable, no certificate, a host
 * that cannot be reached): JSON gets the object {"source": source (NULL:
 * null), "error": {"code": certshow_error_name(code), "message":
 * message (NULL: certshow_strerror(code))}}, as a RESULT of a results
 * document (CERTSHOW_WF_RESULTS), else in a last top-level member
 * "errors": [...] that certshow_writer_finish() writes after the list
 * (before "lint"), so that the run stays one document listing every
 * input. Other formats ignore it (the caller reports the error to the
 * user). Returns 0, CERTSHOW_E_INVAL (NULL or finished writer, or a
 * document of certificates already open with CERTSHOW_WF_RESULTS set),
 * CERTSHOW_E_NOMEM or CERTSHOW_E_IO. */
CERTSHOW_API int
certshow_writer_add_error(struct certshow_ctx *ctx, struct certshow_writer *w,
    const char *source, int code, const char *message);
/* Close the document (JSON's closing bracket); flushes `fp`. */
CERTSHOW_API int certshow_writer_finish(struct certshow_ctx *ctx,
    struct certshow_writer *w);
CERTSHOW_API void certshow_writer_free(struct certshow_writer *w);

/* ------------------------------------------------------------------ */
/* Fetching: a live server's chain over TLS                              */
/* ------------------------------------------------------------------ */

/* What certshow_fetch() does and does not do: it resolves the host,
 * connects (IPv4 and IPv6, each address in turn, with a timeout), runs an
 * optional STARTTLS preamble, and performs a TLS 1.2/1.3 client handshake
 * with GnuTLS that NEVER verifies the peer's certificates: a bad chain is
 * captured as presented, never a handshake failure. Verify it afterwards
 * with certshow_verify(). After the handshake the session is shut down
 * for writing (close_notify) without waiting for the peer's. No client
 * certificate is ever sent. */

/* Application protocols spoken before the TLS handshake (as with
 * "openssl s_client -starttls"). Default ports, used when certshow_fetch()
 * is given none: 443 (NONE), 25, 143, 110, 21, 5222, 389, 5432, 3306. */
enum certshow_starttls {
	CERTSHOW_STARTTLS_NONE = 0, /* TLS from the first byte */
	CERTSHOW_STARTTLS_SMTP,     /* RFC 3207: EHLO, STARTTLS */
	CERTSHOW_STARTTLS_IMAP,     /* RFC 3501 6.2.1: a STARTTLS */
	CERTSHOW_STARTTLS_POP3,     /* RFC 2595 4: STLS */
	CERTSHOW_STARTTLS_FTP,      /* RFC 4217 4: AUTH TLS */
	CERTSHOW_STARTTLS_XMPP,     /* RFC 6120 5.4: <starttls/> (client) */
	CERTSHOW_STARTTLS_LDAP,     /* RFC 4511 4.14: extended operation */
	CERTSHOW_STARTTLS_POSTGRES, /* SSLRequest message */
	CERTSHOW_STARTTLS_MYSQL     /* SSL request in the handshake response */
};

/* TLS protocol versions, with their wire values. */
#define CERTSHOW_TLS1_0 0x0301
#define CERTSHOW_TLS1_1 0x0302
#define CERTSHOW_TLS1_2 0x0303
#define CERTSHOW_TLS1_3 0x0304

struct certshow_fetch_opts {
	unsigned version;            /* CERTSHOW_FETCH_OPTS_VERSION */
	const char *sni;             /* server name to send; NULL: the host
				      * unless it is an IP literal */
	int no_sni;                  /* 1: send no server_name at all */
	int family;                  /* 0 any, 4 IPv4 only, 6 IPv6 only */
	unsigned connect_timeout_ms; /* per address; 0: 10000 */
	unsigned handshake_timeout_ms; /* STARTTLS + handshake; 0: 10000 */
	enum certshow_starttls starttls;
	const char *starttls_domain; /* XMPP "to" / SMTP EHLO name; NULL:
				      * the SNI name or host */
	const char *alpn;            /* comma-separated ALPN protocols
				      * ("h2,http/1.1"); NULL: none */
	unsigned min_tls;            /* CERTSHOW_TLS1_*; 0: TLS 1.2 */
	unsigned max_tls;            /* CERTSHOW_TLS1_*; 0: TLS 1.3 */
};
#define CERTSHOW_FETCH_OPTS_VERSION 1
#define CERTSHOW_FETCH_OPTS_INIT                                        \
	{ CERTSHOW_FETCH_OPTS_VERSION, NULL, 0, 0, 0, 0,                \
	  CERTSHOW_STARTTLS_NONE, NULL, NULL, 0, 0 }

struct certshow_session;

/* Resolve `host` (name or IP literal), connect to `port` (number or
 * service name; NULL or "": the default of opts->starttls) trying every
 * address in turn, and fetch the chain. `opts` may be NULL (defaults).
 * On success *out holds the session (free with certshow_session_free()),
 * also when the handshake failed after the server's certificates were
 * received (see certshow_session_info()'s handshake_error).
 * Errors, each message naming the address and port: CERTSHOW_E_DNS,
 * CERTSHOW_E_CONNECT (refused, unreachable), CERTSHOW_E_TIMEOUT (the
 * message says "connect" or "handshake"), CERTSHOW_E_STARTTLS (with the
 * server's reply), CERTSHOW_E_ALERT (names the alert), CERTSHOW_E_TLS,
 * CERTSHOW_E_LIMIT, CERTSHOW_E_NOMEM, CERTSHOW_E_INVAL. */
CERTSHOW_API int certshow_fetch(struct certshow_ctx *ctx,
    struct certshow_session **out, const char *host, const char *port,
    const struct certshow_fetch_opts *opts);
/* Same on a socket that is already connected (any stream socket, e.g.
 * one end of socketpair()). `host` names the server for SNI (under the
 * same rules) and for messages; it may be NULL. The socket is not closed
 * and stays owned by the caller; it is left in blocking mode. */
CERTSHOW_API int certshow_fetch_fd(struct certshow_ctx *ctx,
    struct certshow_session **out, int fd, const char *host,
    const struct certshow_fetch_opts *opts);
CERTSHOW_API void certshow_session_free(struct certshow_session *s);

/* The certificates exactly as the server sent them: order and duplicates
 * kept (source "tls:HOST:PORT", index = position). Borrowed. */
CERTSHOW_API const struct certshow_chain *certshow_session_chain(
    const struct certshow_session *s);
/* What was negotiated and how the handshake ended, filled into a struct
 * the caller provides with `version` set (CERTSHOW_SESSION_INFO_INIT);
 * strings are static or owned by the session.
 *
 * handshake_error: certshow_fetch() succeeds once the server's
 * certificates have been received, even when the handshake fails after
 * them: a TLS 1.2 server that requires a client certificate aborts after
 * sending its own (RFC 5246 7.4.6), a misconfigured one may fail its key
 * exchange signature. It is 0 when the handshake completed, or the
 * CERTSHOW_E_* code of the failure that followed the certificates
 * (CERTSHOW_E_ALERT, CERTSHOW_E_TLS, CERTSHOW_E_TIMEOUT, ...), with its
 * message in handshake_message (NULL when it completed). In TLS 1.3 a
 * server judges the client's (empty) Certificate only after the
 * client's handshake has completed; its certificate_required alert comes
 * later and, since the session is closed without waiting for the peer,
 * is not seen: the handshake counts as completed and
 * client_cert_requested is 1. */
struct certshow_session_info {
	unsigned version;            /* CERTSHOW_SESSION_INFO_VERSION */
	const char *tls_version;     /* "TLS1.3" */
	const char *cipher;          /* "TLS_AES_256_GCM_SHA384" */
	const char *group;           /* "SECP256R1", "X25519"; NULL when
				      * none (e.g. RSA key transport) */
	const char *alpn;            /* negotiated protocol or NULL */
	const char *sni;             /* server name sent, or NULL */
	const char *peer_addr;       /* numeric address used ("192.0.2.1",
				      * "2001:db8::1"; "local" for a non-IP
				      * socket) */
	unsigned peer_port;          /* 0 when none */
	int client_cert_requested;   /* 1: a CertificateRequest was sent */
	size_t client_ca_count;      /* CAs it named: certshow_session_
				      * client_ca() */
	int handshake_error;         /* 0 or CERTSHOW_E_* (see above) */
	const char *handshake_message;
};
#define CERTSHOW_SESSION_INFO_VERSION 1
#define CERTSHOW_SESSION_INFO_INIT { CERTSHOW_SESSION_INFO_VERSION, NULL, \
	NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL }
/* Returns 0, or CERTSHOW_E_INVAL (NULL argument, unknown version). */
CERTSHOW_API int certshow_session_info(const struct certshow_session *s,
    struct certshow_session_info *info);

/* Certificate authorities the server named in a CertificateRequest
 * (RFC 8446 4.2.4, RFC 5246 7.4.4), i below info.client_ca_count: each
 * as an RFC 4514 string (returned) and as DER; borrowed. NULL when out of
 * range. */
CERTSHOW_API const char *certshow_session_client_ca(
    const struct certshow_session *s, size_t i, const uint8_t **der,
    size_t *len);

/* The OCSP response the server stapled (RFC 6066 8, RFC 8446 4.4.2.1),
 * DER, owned by the session; NULL (and *len 0) when none. The session
 * does not judge it: pass it to certshow_verify() (opts `ocsp_staple`,
 * with CERTSHOW_VF_FROM_TLS) and read the verdict and
 * certshow_result_revocation(). `len` may be NULL. */
CERTSHOW_API const uint8_t *certshow_session_ocsp_der(
    const struct certshow_session *s, size_t *len);

/* Problems of a chain as a server presented it. TLS wants the server's
 * certificate first and each following certificate to certify the one
 * before it (RFC 5246 7.4.2; RFC 8446 4.4.2 tolerates other orders but
 * asks for this one); the root may be omitted and should be. */
enum certshow_sent_problem {
	CERTSHOW_SENT_WRONG_ORDER = 0x01,   /* #i certifies one but #i-1 */
	CERTSHOW_SENT_DUPLICATE = 0x02,     /* the same certificate twice */
	CERTSHOW_SENT_ROOT_INCLUDED = 0x04, /* a self-signed CA was sent */
	CERTSHOW_SENT_UNNEEDED = 0x08,      /* not on the verified path */
	CERTSHOW_SENT_MISSING_INTERMEDIATE = 0x10, /* issuer neither sent
						    * nor trusted */
	CERTSHOW_SENT_LOCAL_ANCHOR = 0x20   /* verified only thanks to a
					     * non-root trust store
					     * certificate the server should
					     * have sent */
};
/* Union of CERTSHOW_SENT_* for `sent` (leaf first, as received). With a
 * verification result (may be NULL) it also reports unneeded
 * certificates, missing intermediates and local anchors. */
CERTSHOW_API unsigned certshow_sent_chain_check(
    const struct certshow_chain *sent, const struct certshow_result *res);
/* Static symbolic name ("WRONG_ORDER") of one CERTSHOW_SENT_* flag. */
CERTSHOW_API const char *certshow_sent_problem_name(unsigned flag);

/* Write one connection: its facts (address, SNI, protocol, cipher suite,
 * group, ALPN, stapled OCSP, client CA names, handshake outcome), the
 * chain as sent with its problems, the verification result `res` (may be
 * NULL) and the certificates decoded. The writer only prints: what the
 * stapled OCSP response said is the revocation stage's finding in `res`
 * (certshow_result_revocation() of element 0). TEXT: a
 * report for humans; JSON: one document {"format_version": 1,
 * "connection": {...}, "certificates": [CERT], "results": [RESULT]}
 * (the writer must be empty;
 * nothing may be added after it but certshow_writer_finish()); PEM and
 * PYTHON: the presented certificates, as certshow_writer_add_cert()
 * writes them. */
CERTSHOW_API int certshow_writer_add_session(struct certshow_ctx *ctx,
    struct certshow_writer *w, const struct certshow_session *s,
    const struct certshow_result *res);

/* ------------------------------------------------------------------ */
/* ASN.1 view and lint                                                  */
/* ------------------------------------------------------------------ */

/* Raw ASN.1 view: one line per TLV with its offset, header length, length,
 * class and tag, constructed/primitive, and the decoded value of
 * primitives; field names from the library's PKIX module where a
 * certificate's structure matches; DER nested inside OCTET STRINGs and
 * BIT STRINGs is opened where it parses. Input that is not strict DER
 * (non-minimal or indefinite lengths, ...) is shown with a note, and
 * malformed input is shown as far as it parses, followed by a line that
 * says where and why the walk stopped. */
#define CERTSHOW_ASN1_OPTS_VERSION 1
#define CERTSHOW_ASN1_OPTS_INIT { CERTSHOW_ASN1_OPTS_VERSION, 0, 0, 0 }
#define CERTSHOW_ASN1_NO_NAMES 0x1   /* no PKIX field names */
#define CERTSHOW_ASN1_NO_OPEN 0x2    /* do not open nested DER */
#define CERTSHOW_ASN1_NO_VALUES 0x4  /* headers only */
struct certshow_asn1_opts {
	unsigned version;   /* CERTSHOW_ASN1_OPTS_VERSION */
	unsigned max_depth; /* nesting limit; 0: 64 */
	size_t max_lines;   /* output limit in lines; 0: 100000 */
	unsigned flags;     /* CERTSHOW_ASN1_* */
};

/* Write the view of `data` to `fp`. `data` is DER (one or more top-level
 * TLVs) or PEM (every "-----BEGIN" block is decoded and shown in turn).
 * Returns 0 when everything was well-formed DER, CERTSHOW_E_PARSE when the
 * walk stopped early or found encodings that are not DER (the view is
 * still written, the message names the first problem and its offset),
 * CERTSHOW_E_LIMIT when a depth or line limit cut it short, CERTSHOW_E_IO
 * when writing failed. */
CERTSHOW_API int certshow_asn1_write(struct certshow_ctx *ctx, FILE *fp,
    const uint8_t *data, size_t len, const struct certshow_asn1_opts *opts);

/* Lint: checks of one certificate against RFC 5280, X.690 DER rules and
 * the CA/Browser Forum Baseline Requirements. Each finding has a stable
 * identifier ("sig-sha1"), a severity, the index of the certificate it
 * concerns, a message and a citation ("RFC 5280 4.1.2.2", "CABF BR
 * 6.1.5"). See doc/lint.md for the list. */
enum certshow_lint_severity {
	CERTSHOW_LINT_NOTICE = 1,  /* worth knowing, not a violation */
	CERTSHOW_LINT_WARNING = 2, /* SHOULD-level or policy violation */
	CERTSHOW_LINT_ERROR = 3    /* MUST-level violation */
};

struct certshow_lint_opts {
	unsigned version;   /* CERTSHOW_LINT_OPTS_VERSION */
	int has_now;        /* 0: no time-dependent checks */
	int64_t now;        /* epoch seconds, for expiry checks */
	unsigned warn_days; /* warn when expiring within this many days */
	unsigned flags;     /* CERTSHOW_LINT_F_* */
};
#define CERTSHOW_LINT_OPTS_VERSION 1
#define CERTSHOW_LINT_OPTS_INIT { CERTSHOW_LINT_OPTS_VERSION, 0, 0, 30, 0 }
/* Apply only RFC 5280 and DER checks (no CA/Browser Forum rules). */
#define CERTSHOW_LINT_F_RFC5280_ONLY 0x1

struct certshow_lint;

/* An empty findings list, to fill with certshow_lint_add_*(). */
CERTSHOW_API int certshow_lint_new(struct certshow_ctx *ctx,
    struct certshow_lint **out);
/* Lint one certificate's DER and append its findings; its index is the
 * number of certificates added before it. The DER need not pass the
 * strict decoder: encoding errors become findings (a decoded
 * certificate's DER is certshow_cert_raw(c, CERTSHOW_RAW_DER, &len)).
 * `source` names the input (copied; may be NULL). Returns 0 whatever the
 * findings. */
CERTSHOW_API int certshow_lint_add_der(struct certshow_ctx *ctx,
    struct certshow_lint *l, const uint8_t *der, size_t len,
    const char *source, const struct certshow_lint_opts *opts);
/* Lint every certificate of `data`: PEM blocks labelled CERTIFICATE,
 * X509 CERTIFICATE or TRUSTED CERTIFICATE whose contents are a SEQUENCE,
 * or concatenated DER items except those whose shape says they are
 * something else (a CRL, a certificate request, a private key), each item
 * linted as by certshow_lint_add_der(). Returns 0 (certshow_lint_count(l,
 * CERTSHOW_LINT_CERTS) tells how many items were linted so far), or
 * CERTSHOW_E_PARSE when `data` holds no such item, with the reader's
 * message ("no certificate found (...)", "empty input"). */
CERTSHOW_API int certshow_lint_add_input(struct certshow_ctx *ctx,
    struct certshow_lint *l, const uint8_t *data, size_t len,
    const char *source, const struct certshow_lint_opts *opts);
/* Lint what a verification looked at: every certificate of `chain` (the
 * presented chain, named by certshow_cert_source()), then each
 * certificate of `res`'s path that is neither in `chain` (same DER) nor
 * its trust anchor: intermediates taken from the untrusted pool or
 * fetched, named by their source, else "path #N" (N: the place on the
 * path, 0 the leaf). The anchor is configuration, not presented: its
 * self-signature is never checked (RFC 5280 6.1.1 (d)), so it is not
 * linted. `res` may be NULL (the chain alone), e.g. when nothing was
 * verified. Findings are appended to `l` as certshow_lint_add_der()
 * appends them. This is what 'certshow HOST --lint' and the scanner's
 * `lint` option lint. Returns 0 whatever the findings,
 * CERTSHOW_E_INVAL (NULL argument, unknown options version) or
 * CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_lint_add_verified(struct certshow_ctx *ctx,
    struct certshow_lint *l, const struct certshow_chain *chain,
    const struct certshow_result *res, const struct certshow_lint_opts *opts);
/* Number of findings, or of certificates linted. */
enum certshow_lint_count {
	CERTSHOW_LINT_FINDINGS = 0,
	CERTSHOW_LINT_CERTS
};
CERTSHOW_API size_t certshow_lint_count(const struct certshow_lint *l,
    enum certshow_lint_count which);
/* One finding, in order (by certificate, then by position in the
 * certificate), filled into a struct the caller provides with `version`
 * set (CERTSHOW_LINT_FINDING_INIT); strings are owned by the list. */
struct certshow_lint_finding {
	unsigned version;        /* CERTSHOW_LINT_FINDING_VERSION */
	const char *id;          /* stable identifier ("sig-sha1") */
	enum certshow_lint_severity severity;
	size_t cert_index;       /* which certificate linted */
	const char *message;
	const char *citation;    /* "RFC 5280 4.1.2.2", "CABF BR 6.1.5" */
};
#define CERTSHOW_LINT_FINDING_VERSION 1
#define CERTSHOW_LINT_FINDING_INIT \
	{ CERTSHOW_LINT_FINDING_VERSION, NULL, CERTSHOW_LINT_NOTICE, 0, NULL, \
	  NULL }
/* Returns 0, CERTSHOW_E_NOTFOUND when i is out of range, or
 * CERTSHOW_E_INVAL (NULL argument, unknown version). */
CERTSHOW_API int certshow_lint_finding(const struct certshow_lint *l,
    size_t i, struct certshow_lint_finding *out);
/* "error", "warning" or "notice". */
CERTSHOW_API const char *certshow_lint_severity_name(
    enum certshow_lint_severity s);
/* Write the findings as text or JSON (CERTSHOW_FORMAT_TEXT / _JSON; other
 * formats are CERTSHOW_E_UNSUPPORTED). JSON: {"format_version": 1,
 * "certificates": [{"index", "source"}...], "findings":
 * [{"id", "severity", "certificate", "message", "citation"}...]}, and
 * "errors" (certshow_lint_add_error()) when an input was not linted. */
CERTSHOW_API int certshow_lint_write(struct certshow_ctx *ctx, FILE *fp,
    enum certshow_format fmt, const struct certshow_lint *l);
/* An input that could not be linted (unreadable, or holding no
 * certificate): JSON gets a last member "errors": [{"source", "error":
 * {"code": certshow_error_name(code), "message"}}, ...] (as
 * certshow_writer_add_error() writes them), text a note in the summary
 * line, which is left out when no certificate was linted at all. source
 * and message are copied (message NULL: certshow_strerror(code)). Returns
 * 0, CERTSHOW_E_INVAL or CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_lint_add_error(struct certshow_ctx *ctx,
    struct certshow_lint *l, const char *source, int code, const char *message);
CERTSHOW_API void certshow_lint_free(struct certshow_lint *l);
/* Put findings into a JSON writer's document, so that it stays one
 * document: the next RESULT written (certshow_writer_add_result(), or the
 * one of certshow_writer_add_session()) gets a last member
 * "lint": {"certificates": [...], "findings": [...]} (the objects of
 * certshow_lint_write()'s JSON) and consumes the copy; in a document of
 * certificates, certshow_writer_finish() adds the same object as a
 * top-level "lint" member after "certificates". The findings are copied
 * (rendered) at the call: `l` stays the caller's and may be freed or
 * changed right after it. A later call replaces the copy; NULL clears it.
 * Other formats ignore it (print findings with certshow_lint_write()).
 * Returns 0, CERTSHOW_E_INVAL (NULL or finished writer) or
 * CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_writer_set_lint(struct certshow_ctx *ctx,
    struct certshow_writer *w, const struct certshow_lint *l);

/* ------------------------------------------------------------------ */
/* Scanning: many endpoints at once                                     */
/* ------------------------------------------------------------------ */

/* Verify the chain of a fetched session as 'certshow HOST' does: the
 * same certshow_verify() as offline chains, on certshow_session_chain(s),
 * with the session's stapled OCSP response (opts `ocsp_staple`) and
 * CERTSHOW_VF_FROM_TLS added to a copy of `opts` (may be NULL: defaults;
 * else version CERTSHOW_VERIFY_OPTS_VERSION, or CERTSHOW_E_INVAL), so
 * must-staple applies. Returns what certshow_verify() returns. */
CERTSHOW_API int certshow_session_verify(struct certshow_ctx *ctx,
    struct certshow_result **out, const struct certshow_session *s,
    const struct certshow_chain *untrusted, const struct certshow_trust *trust,
    const struct certshow_verify_opts *opts);

/* A scanner fetches and verifies many targets concurrently: a fixed pool
 * of worker threads, each with its own context, sharing one trust store
 * (immutable), one HTTP cache (online revocation: a URL is fetched once
 * per scan) and the caller's options. Each target is fetched with
 * certshow_fetch() and verified with certshow_session_verify(), exactly
 * as 'certshow HOST' does, and its result is handed to the caller's
 * callback, from one thread at a time. */
struct certshow_scanner;

/* One target. Strings are copied by certshow_scanner_add(). */
struct certshow_scan_target {
	unsigned version; /* CERTSHOW_SCAN_TARGET_VERSION */
	/* As the caller got it ("host:443 sni=x"), for the result; NULL:
	 * the host. */
	const char *target;
	/* Where it came from (a file name) or NULL, and its line there (0:
	 * none). */
	const char *source;
	unsigned long line;
	/* Name or IP literal; port number or service (NULL or "": the
	 * STARTTLS protocol's default). */
	const char *host;
	const char *port;
	/* Name to send and verify; NULL: the host (no SNI for an IP
	 * literal). */
	const char *sni;
	/* has_starttls 1: `starttls` overrides the fetch options'. */
	int has_starttls;
	enum certshow_starttls starttls;
	/* Non-NULL: the caller could not parse the target, and why; it is
	 * reported (status ERROR, error CERTSHOW_E_PARSE, reason
	 * "MALFORMED", this message) without any connection. */
	const char *invalid;
};
#define CERTSHOW_SCAN_TARGET_VERSION 1
#define CERTSHOW_SCAN_TARGET_INIT \
	{ \
		CERTSHOW_SCAN_TARGET_VERSION, NULL, NULL, 0, NULL, NULL, NULL, \
		    0, CERTSHOW_STARTTLS_NONE, NULL \
	}

/* A further trust store each target's chain is verified against
 * (comparison of stores: one fetch, one certshow_session_verify() per
 * store). Neither string nor store is copied: both must outlive the
 * scanner. */
struct certshow_scan_store {
	const char *name;
	const struct certshow_trust *trust;
};

struct certshow_scan_opts {
	unsigned version; /* CERTSHOW_SCAN_OPTS_VERSION */
	/* Targets in flight (threads); 0: 32. At most per_address of them
	 * to one host and port; 0: 4. At most `rate` new connections per
	 * second; 0: no limit. */
	unsigned jobs;
	unsigned per_address;
	double rate;
	/* Bound on one target's connect, STARTTLS and handshake together:
	 * each step gets at most half of it; 0: the fetch options'
	 * timeouts alone. */
	unsigned deadline_ms;
	/* Every target's options (not copied; NULL: defaults). Per target,
	 * sni, starttls and starttls_domain are the target's and the
	 * timeouts are bounded by the deadline; peer_kind and peer_name
	 * are the target's (sni, else host). */
	const struct certshow_fetch_opts *fetch;
	const struct certshow_verify_opts *verify;
	/* More candidate intermediates, or NULL. */
	const struct certshow_chain *untrusted;
	/* 1: fetch only (no result; every reachable target is OK). */
	int no_verify;
	/* Shared by the workers (not freed); NULL: the scanner makes one
	 * for its lifetime. */
	struct certshow_http_cache *http_cache;
	/* n_compare more stores (not copied), or NULL. */
	const struct certshow_scan_store *compare;
	size_t n_compare;
	/* Version 2: lint. 1: each target whose chain arrived is linted
	 * after its verification, as 'certshow HOST --lint' lints:
	 * certshow_lint_add_verified() (the sent chain and the path's
	 * intermediates taken from elsewhere, never the anchor), at the
	 * verification time, expiry warnings within the verify options'
	 * warn_days (the lint default, 30, without verify options), with
	 * lint_flags (CERTSHOW_LINT_F_*). The findings are in the result
	 * (`lint`); they never change a target's status: the verdict is
	 * the relying party's, lint findings are the issuer's. */
	int lint;
	unsigned lint_flags;
};
/* Version 1 (without `lint` and `lint_flags`: no lint) is still
 * accepted. */
#define CERTSHOW_SCAN_OPTS_VERSION 2
#define CERTSHOW_SCAN_OPTS_INIT \
	{ \
		CERTSHOW_SCAN_OPTS_VERSION, 0, 0, 0.0, 0, NULL, NULL, NULL, 0, \
		    NULL, NULL, 0, 0, 0 \
	}

/* A target's stable status. */
enum certshow_scan_status {
	/* Verified, no warning. */
	CERTSHOW_SCAN_OK = 0,
	/* Verified with warnings (EXPIRES_SOON within the verify options'
	 * warn_days, an open revocation question under soft revocation),
	 * or the handshake failed after the certificates. */
	CERTSHOW_SCAN_WARNING,
	/* Verification failed (flags). */
	CERTSHOW_SCAN_FAILED,
	/* No chain: invalid target, DNS, connect, STARTTLS, TLS, timeout. */
	CERTSHOW_SCAN_ERROR
};
/* "ok", "warning", "failed", "error"; static. */
CERTSHOW_API const char *certshow_scan_status_name(enum certshow_scan_status s);

/* The verdict of one comparison store for one target. */
struct certshow_scan_compare {
	const char *name; /* the store's */
	/* NULL when no chain was verified (status ERROR, no_verify). */
	const struct certshow_result *result;
	/* FAILED (flags), WARNING (warnings), OK, or ERROR (no result). */
	enum certshow_scan_status status;
};

/* What one target gave; borrowed: valid during the callback only. */
struct certshow_scan_result {
	unsigned version; /* CERTSHOW_SCAN_RESULT_VERSION */
	const struct certshow_scan_target *target; /* the scanner's copy */
	enum certshow_scan_status status;
	/* ERROR: the CERTSHOW_E_* code; WARNING after a failed handshake:
	 * its code; else 0. `message`: the error message or the handshake
	 * note, or NULL. */
	int error;
	const char *message;
	/* Static, NULL when OK: "MALFORMED", the error's name ("TIMEOUT",
	 * "CONNECT"), the first verdict flag's name, or the warning's
	 * ("EXPIRES_SOON", "HANDSHAKE_FAILED"). */
	const char *reason;
	/* Numeric peer address (or NULL) and port (0 when none). */
	const char *address;
	unsigned port;
	/* NULL when no chain; `result` also NULL with no_verify. */
	const struct certshow_session *session;
	const struct certshow_result *result;
	uint32_t flags;    /* certshow_result_flags() */
	uint32_t warnings; /* certshow_result_warnings() */
	/* has_expiry 1: a leaf was received; its notAfter and the days
	 * left at the verification time, rounded down. */
	int has_expiry;
	int64_t not_after;
	long days_left;
	double ms_fetch, ms_verify, ms_total;
	/* Per comparison store, in the options' order (n_compare of
	 * them). */
	size_t n_compare;
	const struct certshow_scan_compare *compare;
	/* Version 2: with the `lint` option, the findings about the chain
	 * (valid during the callback only, like the result), NULL when
	 * lint is off or no chain arrived; and how many findings of each
	 * severity it holds (0 without findings). They never change
	 * `status`. */
	const struct certshow_lint *lint;
	size_t lint_errors, lint_warnings, lint_notices;
};
/* Results are made by the scanner, at the current version: a caller
 * reads the members of the version it was built with. */
#define CERTSHOW_SCAN_RESULT_VERSION 2

/* Called once per target, from one thread at a time (the scanner holds
 * a lock), in completion order. Non-zero stops the scan as
 * certshow_scanner_stop() does. */
typedef int (
    *certshow_scan_cb)(const struct certshow_scan_result *r, void *payload);

/* A new scanner on `trust` (may be NULL only with no_verify; not copied,
 * must outlive the scanner) and `opts` (copied; the objects it points to
 * are not). Returns 0, CERTSHOW_E_INVAL (unknown opts version, no
 * callback, no trust, a comparison store without name or trust) or
 * CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_scanner_new(struct certshow_ctx *ctx,
    struct certshow_scanner **out, const struct certshow_trust *trust,
    const struct certshow_scan_opts *opts, certshow_scan_cb cb, void *payload);
/* Queue a target (copied); not while certshow_scanner_run() runs.
 * Returns 0, CERTSHOW_E_INVAL (no host and not invalid, unknown version)
 * or CERTSHOW_E_NOMEM. */
CERTSHOW_API int certshow_scanner_add(struct certshow_ctx *ctx,
    struct certshow_scanner *s, const struct certshow_scan_target *t);
/* Where further targets come from, for a list too long to queue: once
 * the queued targets are taken, a worker that is free calls `feed` (one
 * thread at a time, never at the same time as another feed call) to
 * fill *t (set to CERTSHOW_SCAN_TARGET_INIT first; its strings need to
 * stay valid only until `feed` returns, the scanner copies them); `feed`
 * returns 1 when it filled *t, 0 when there are no more targets (it is
 * not called again), or a negative value to stop the scan as
 * certshow_scanner_stop() does. The scanner then holds only the targets
 * in flight: its memory does not grow with the number of targets. Set
 * before certshow_scanner_run(); NULL removes it. Returns 0 or
 * CERTSHOW_E_INVAL (no scanner). */
typedef int (
    *certshow_scan_feed_cb)(struct certshow_scan_target *t, void *payload);
CERTSHOW_API int certshow_scanner_set_feed(struct certshow_ctx *ctx,
    struct certshow_scanner *s, certshow_scan_feed_cb feed, void *payload);
/* Scan every queued target not scanned yet, then those of the feed;
 * returns when all are done
 * or, after a stop, when the targets in flight have ended (each within
 * its deadline; targets not started are not reported). Returns 0 (also
 * when stopped), CERTSHOW_E_NOMEM, CERTSHOW_E_LIMIT (no thread could
 * be started) or CERTSHOW_E_INVAL (the feed gave a target without host
 * that is not `invalid`, or of an unknown version: the scan stops). */
CERTSHOW_API int
certshow_scanner_run(struct certshow_ctx *ctx, struct certshow_scanner *s);
/* Stop the scan: no target starts after it, and the connect, STARTTLS
 * and handshake waits of the targets in flight end within 50 ms (they are
 * reported as CERTSHOW_E_TIMEOUT, message "scan stopped: ..."). Only
 * sets a flag: async-signal-safe (a SIGINT handler may call it) and
 * callable from any thread. */
CERTSHOW_API void certshow_scanner_stop(struct certshow_scanner *s);
/* 1 when certshow_scanner_stop() was called (or a callback stopped the
 * scan), else 0. */
CERTSHOW_API int certshow_scanner_stopped(const struct certshow_scanner *s);
CERTSHOW_API void certshow_scanner_free(struct certshow_scanner *s);

/* One result as one line of JSON (JSON Lines, doc/json-schema.md,
 * "scan"): the target, status and reason, timings, the verdict's flags
 * and problems, days left, the negotiated TLS, the comparison stores'
 * status and flags ("trust", only with stores) and the full "result":
 * the RESULT object of 'certshow HOST -f json' (null when none), all on
 * one line ending in a newline. A result with lint findings (the `lint`
 * option) also gets a "lint" member before "result", {"errors",
 * "warnings", "notices", "certificates", "findings"} (the counts, then
 * the objects of certshow_lint_write()'s JSON), and its "result" ends
 * with the same "lint" member as 'certshow HOST --lint -f json' (see
 * certshow_writer_set_lint()); without findings the line is as before.
 * Results of version 1 and 2 are accepted. Returns 0, CERTSHOW_E_INVAL,
 * CERTSHOW_E_NOMEM or CERTSHOW_E_IO. */
CERTSHOW_API int certshow_scan_write_jsonl(struct certshow_ctx *ctx, FILE *fp,
    const struct certshow_scan_result *r);

#ifdef __cplusplus
}
#endif
#endif /* CERTSHOW_H */
