/*
 * fetch.h - the session captured by certshow_fetch(), shared by fetch.c
 * and its writer (fetch_format.c). Not installed.
 */
#ifndef CERTSHOW_FETCH_H
#define CERTSHOW_FETCH_H

#include "internal.h"

#include <netinet/in.h>

struct certshow__client_ca {
	char *str;
	uint8_t *der;
	size_t len;
};

struct certshow_session {
	struct certshow_chain *chain;
	char *host;              /* as given by the caller, or NULL */
	const char *version;
	const char *cipher;
	const char *group;
	char *alpn;
	char *sni;
	char peer_addr[INET6_ADDRSTRLEN + 8];
	unsigned peer_port;

	bool cert_requested;
	bool ca_nomem;
	size_t n_ca;
	struct certshow__client_ca *ca;

	uint8_t *ocsp_der;
	size_t ocsp_len;
	enum certshow_ocsp_status ocsp_status;
	int64_t produced_at, this_update, next_update, revoked_at;
	enum certshow_ocsp_sig ocsp_sig;
	bool ocsp_sig_via_path;  /* checked with a verified path's issuer
				  * (certshow_session_ocsp_check_path()) */
	char ocsp_reason[192];

	/* How the handshake ended after the certificates were captured:
	 * 0 completed, else a CERTSHOW_E_* code and its message. */
	int hs_error;
	char *hs_message;
};

#endif
