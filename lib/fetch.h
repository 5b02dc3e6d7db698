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

	uint8_t *ocsp_der;       /* the stapled OCSP response, raw: the
				  * revocation stage of certshow_verify()
				  * judges it */
	size_t ocsp_len;

	/* How the handshake ended after the certificates were captured:
	 * 0 completed, else a CERTSHOW_E_* code and its message. */
	int hs_error;
	char *hs_message;
};

#endif
