/*
 * names.c - distinguished names (RFC 5280 4.1.2.4), their RFC 4514 string
 * form, general names (RFC 5280 4.2.1.6) and the OID helpers the decoder
 * shares.
 *
 * Attribute values are converted to UTF-8 the way Python's ssl module
 * (OpenSSL's ASN1_STRING_to_UTF8) presents them: BMPString and
 * UniversalString are decoded, T61String is taken as Latin-1, every other
 * string type is copied byte for byte. Values keep their length: NUL bytes
 * and invalid UTF-8 survive in the model and are escaped only in the RFC
 * 4514 string.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * Attribute types with the name Python's ssl module gives them (OpenSSL's
 * long names, from OBJ_obj2txt()) and the RFC 4514 section 3 short name
 * where one exists. The most frequent types come first.
 */
static const struct certshow__oid attr_tab[] = {
	{ "\x55\x04\x03", 3, "2.5.4.3", "commonName", "CN", 0 },
	{ "\x55\x04\x06", 3, "2.5.4.6", "countryName", "C", 0 },
	{ "\x55\x04\x0A", 3, "2.5.4.10", "organizationName", "O", 0 },
	{ "\x55\x04\x0B", 3, "2.5.4.11", "organizationalUnitName", "OU", 0 },
	{ "\x55\x04\x07", 3, "2.5.4.7", "localityName", "L", 0 },
	{ "\x55\x04\x08", 3, "2.5.4.8", "stateOrProvinceName", "ST", 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x01", 9, "1.2.840.113549.1.9.1",
	    "emailAddress", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x19", 10, "0.9.2342.19200300.100.1.25",
	    "domainComponent", "DC", 0 },
	{ "\x55\x04\x05", 3, "2.5.4.5", "serialNumber", NULL, 0 },
	{ "\x55\x04\x0F", 3, "2.5.4.15", "businessCategory", NULL, 0 },
	{ "\x2B\x06\x01\x04\x01\x82\x37\x3C\x02\x01\x03", 11, "1.3.6.1.4.1.311.60.2.1.3",
	    "jurisdictionCountryName", NULL, 0 },
	{ "\x2B\x06\x01\x04\x01\x82\x37\x3C\x02\x01\x02", 11, "1.3.6.1.4.1.311.60.2.1.2",
	    "jurisdictionStateOrProvinceName", NULL, 0 },
	{ "\x2B\x06\x01\x04\x01\x82\x37\x3C\x02\x01\x01", 11, "1.3.6.1.4.1.311.60.2.1.1",
	    "jurisdictionLocalityName", NULL, 0 },
	{ "\x55\x04\x09", 3, "2.5.4.9", "streetAddress", "STREET", 0 },
	{ "\x55\x04\x11", 3, "2.5.4.17", "postalCode", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x01", 10, "0.9.2342.19200300.100.1.1",
	    "userId", "UID", 0 },
	{ "\x55\x04\x61", 3, "2.5.4.97", "organizationIdentifier", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x02", 9, "1.2.840.113549.1.9.2",
	    "unstructuredName", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x03", 9, "1.2.840.113549.1.9.3",
	    "contentType", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x04", 9, "1.2.840.113549.1.9.4",
	    "messageDigest", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x05", 9, "1.2.840.113549.1.9.5",
	    "signingTime", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x06", 9, "1.2.840.113549.1.9.6",
	    "countersignature", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x07", 9, "1.2.840.113549.1.9.7",
	    "challengePassword", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x08", 9, "1.2.840.113549.1.9.8",
	    "unstructuredAddress", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x09", 9, "1.2.840.113549.1.9.9",
	    "extendedCertificateAttributes", NULL, 0 },
	{ "\x55\x04\x2A", 3, "2.5.4.42", "givenName", NULL, 0 },
	{ "\x55\x04\x04", 3, "2.5.4.4", "surname", NULL, 0 },
	{ "\x55\x04\x2B", 3, "2.5.4.43", "initials", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2C", 10, "0.9.2342.19200300.100.1.44",
	    "uniqueIdentifier", NULL, 0 },
	{ "\x55\x04\x0C", 3, "2.5.4.12", "title", NULL, 0 },
	{ "\x55\x04\x0D", 3, "2.5.4.13", "description", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x14", 9, "1.2.840.113549.1.9.20",
	    "friendlyName", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x15", 9, "1.2.840.113549.1.9.21",
	    "localKeyID", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x0F", 9, "1.2.840.113549.1.9.15",
	    "S/MIME Capabilities", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x0E", 9, "1.2.840.113549.1.9.14",
	    "Extension Request", NULL, 0 },
	{ "\x55\x04\x29", 3, "2.5.4.41", "name", NULL, 0 },
	{ "\x55\x04\x2E", 3, "2.5.4.46", "dnQualifier", NULL, 0 },
	{ "\x55\x04\x48", 3, "2.5.4.72", "role", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x02", 10, "0.9.2342.19200300.100.1.2",
	    "textEncodedORAddress", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x03", 10, "0.9.2342.19200300.100.1.3",
	    "rfc822Mailbox", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x04", 10, "0.9.2342.19200300.100.1.4",
	    "info", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x05", 10, "0.9.2342.19200300.100.1.5",
	    "favouriteDrink", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x06", 10, "0.9.2342.19200300.100.1.6",
	    "roomNumber", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x07", 10, "0.9.2342.19200300.100.1.7",
	    "photo", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x08", 10, "0.9.2342.19200300.100.1.8",
	    "userClass", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x09", 10, "0.9.2342.19200300.100.1.9",
	    "host", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0A", 10, "0.9.2342.19200300.100.1.10",
	    "manager", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0B", 10, "0.9.2342.19200300.100.1.11",
	    "documentIdentifier", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0C", 10, "0.9.2342.19200300.100.1.12",
	    "documentTitle", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0D", 10, "0.9.2342.19200300.100.1.13",
	    "documentVersion", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0E", 10, "0.9.2342.19200300.100.1.14",
	    "documentAuthor", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x0F", 10, "0.9.2342.19200300.100.1.15",
	    "documentLocation", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x14", 10, "0.9.2342.19200300.100.1.20",
	    "homeTelephoneNumber", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x15", 10, "0.9.2342.19200300.100.1.21",
	    "secretary", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x16", 10, "0.9.2342.19200300.100.1.22",
	    "otherMailbox", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x17", 10, "0.9.2342.19200300.100.1.23",
	    "lastModifiedTime", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x18", 10, "0.9.2342.19200300.100.1.24",
	    "lastModifiedBy", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1A", 10, "0.9.2342.19200300.100.1.26",
	    "aRecord", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1B", 10, "0.9.2342.19200300.100.1.27",
	    "pilotAttributeType27", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1C", 10, "0.9.2342.19200300.100.1.28",
	    "mXRecord", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1D", 10, "0.9.2342.19200300.100.1.29",
	    "nSRecord", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1E", 10, "0.9.2342.19200300.100.1.30",
	    "sOARecord", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x1F", 10, "0.9.2342.19200300.100.1.31",
	    "cNAMERecord", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x25", 10, "0.9.2342.19200300.100.1.37",
	    "associatedDomain", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x26", 10, "0.9.2342.19200300.100.1.38",
	    "associatedName", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x27", 10, "0.9.2342.19200300.100.1.39",
	    "homePostalAddress", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x28", 10, "0.9.2342.19200300.100.1.40",
	    "personalTitle", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x29", 10, "0.9.2342.19200300.100.1.41",
	    "mobileTelephoneNumber", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2A", 10, "0.9.2342.19200300.100.1.42",
	    "pagerTelephoneNumber", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2B", 10, "0.9.2342.19200300.100.1.43",
	    "friendlyCountryName", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2D", 10, "0.9.2342.19200300.100.1.45",
	    "organizationalStatus", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2E", 10, "0.9.2342.19200300.100.1.46",
	    "janetMailbox", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x2F", 10, "0.9.2342.19200300.100.1.47",
	    "mailPreferenceOption", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x30", 10, "0.9.2342.19200300.100.1.48",
	    "buildingName", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x31", 10, "0.9.2342.19200300.100.1.49",
	    "dSAQuality", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x32", 10, "0.9.2342.19200300.100.1.50",
	    "singleLevelQuality", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x33", 10, "0.9.2342.19200300.100.1.51",
	    "subtreeMinimumQuality", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x34", 10, "0.9.2342.19200300.100.1.52",
	    "subtreeMaximumQuality", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x35", 10, "0.9.2342.19200300.100.1.53",
	    "personalSignature", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x36", 10, "0.9.2342.19200300.100.1.54",
	    "dITRedirect", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x37", 10, "0.9.2342.19200300.100.1.55",
	    "audio", NULL, 0 },
	{ "\x09\x92\x26\x89\x93\xF2\x2C\x64\x01\x38", 10, "0.9.2342.19200300.100.1.56",
	    "documentPublisher", NULL, 0 },
	{ "\x55\x04\x2D", 3, "2.5.4.45", "x500UniqueIdentifier", NULL, 0 },
	{ "\x55\x04\x2C", 3, "2.5.4.44", "generationQualifier", NULL, 0 },
	{ "\x55\x04\x41", 3, "2.5.4.65", "pseudonym", NULL, 0 },
	{ "\x55\x04\x0E", 3, "2.5.4.14", "searchGuide", NULL, 0 },
	{ "\x55\x04\x10", 3, "2.5.4.16", "postalAddress", NULL, 0 },
	{ "\x55\x04\x12", 3, "2.5.4.18", "postOfficeBox", NULL, 0 },
	{ "\x55\x04\x13", 3, "2.5.4.19",
	    "physicalDeliveryOfficeName", NULL, 0 },
	{ "\x55\x04\x14", 3, "2.5.4.20", "telephoneNumber", NULL, 0 },
	{ "\x55\x04\x15", 3, "2.5.4.21", "telexNumber", NULL, 0 },
	{ "\x55\x04\x16", 3, "2.5.4.22", "teletexTerminalIdentifier", NULL, 0 },
	{ "\x55\x04\x17", 3, "2.5.4.23", "facsimileTelephoneNumber", NULL, 0 },
	{ "\x55\x04\x18", 3, "2.5.4.24", "x121Address", NULL, 0 },
	{ "\x55\x04\x19", 3, "2.5.4.25", "internationaliSDNNumber", NULL, 0 },
	{ "\x55\x04\x1A", 3, "2.5.4.26", "registeredAddress", NULL, 0 },
	{ "\x55\x04\x1B", 3, "2.5.4.27", "destinationIndicator", NULL, 0 },
	{ "\x55\x04\x1C", 3, "2.5.4.28", "preferredDeliveryMethod", NULL, 0 },
	{ "\x55\x04\x1D", 3, "2.5.4.29", "presentationAddress", NULL, 0 },
	{ "\x55\x04\x1E", 3, "2.5.4.30",
	    "supportedApplicationContext", NULL, 0 },
	{ "\x55\x04\x1F", 3, "2.5.4.31", "member", NULL, 0 },
	{ "\x55\x04\x20", 3, "2.5.4.32", "owner", NULL, 0 },
	{ "\x55\x04\x21", 3, "2.5.4.33", "roleOccupant", NULL, 0 },
	{ "\x55\x04\x22", 3, "2.5.4.34", "seeAlso", NULL, 0 },
	{ "\x55\x04\x23", 3, "2.5.4.35", "userPassword", NULL, 0 },
	{ "\x55\x04\x24", 3, "2.5.4.36", "userCertificate", NULL, 0 },
	{ "\x55\x04\x25", 3, "2.5.4.37", "cACertificate", NULL, 0 },
	{ "\x55\x04\x26", 3, "2.5.4.38", "authorityRevocationList", NULL, 0 },
	{ "\x55\x04\x27", 3, "2.5.4.39", "certificateRevocationList", NULL, 0 },
	{ "\x55\x04\x28", 3, "2.5.4.40", "crossCertificatePair", NULL, 0 },
	{ "\x55\x04\x2F", 3, "2.5.4.47", "enhancedSearchGuide", NULL, 0 },
	{ "\x55\x04\x30", 3, "2.5.4.48", "protocolInformation", NULL, 0 },
	{ "\x55\x04\x31", 3, "2.5.4.49", "distinguishedName", NULL, 0 },
	{ "\x55\x04\x32", 3, "2.5.4.50", "uniqueMember", NULL, 0 },
	{ "\x55\x04\x33", 3, "2.5.4.51", "houseIdentifier", NULL, 0 },
	{ "\x55\x04\x34", 3, "2.5.4.52", "supportedAlgorithms", NULL, 0 },
	{ "\x55\x04\x35", 3, "2.5.4.53", "deltaRevocationList", NULL, 0 },
	{ "\x55\x04\x36", 3, "2.5.4.54", "dmdName", NULL, 0 },
	{ "\x55\x04\x62", 3, "2.5.4.98", "countryCode3c", NULL, 0 },
	{ "\x55\x04\x63", 3, "2.5.4.99", "countryCode3n", NULL, 0 },
	{ "\x55\x04\x64", 3, "2.5.4.100", "dnsName", NULL, 0 },
};

#define N_ATTR (sizeof(attr_tab) / sizeof(attr_tab[0]))

/* ------------------------------------------------------------------ */
/* OID helpers                                                          */
/* ------------------------------------------------------------------ */

const struct certshow__oid *
certshow__oid_lookup(const struct certshow__oid *tab, size_t n,
    const uint8_t *p, size_t len)
{
	size_t i;

	if (len == 0) {
		return NULL;
	}
	/* The last octet tells most OIDs of a table apart: test it before
	 * paying for a memcmp() call. */
	for (i = 0; i < n; i++) {
		if (tab[i].len == len &&
		    (uint8_t)tab[i].der[len - 1] == p[len - 1] &&
		    memcmp(tab[i].der, p, len - 1) == 0) {
			return &tab[i];
		}
	}
	return NULL;
}

/* Decimal digits of v at dst; returns the count. */
static size_t
put_u64(char *dst, uint64_t v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++) {
		dst[i] = tmp[n - 1 - i];
	}
	return n;
}

const char *
certshow__oid_dup(struct certshow__arena *a, const uint8_t *p, size_t len)
{
	char *buf, *q;
	uint64_t v = 0;
	bool first = true;
	size_t i;

	if (certshow__der_oid_check(p, len) != 0) {
		return NULL;
	}
	/* Every content octet carries 7 bits, at most 3 decimal digits'
	 * worth, plus one separator per sub-identifier. */
	buf = certshow__arena_alloc(a, len * 4 + 4);
	if (buf == NULL) {
		return NULL;
	}
	q = buf;
	for (i = 0; i < len; i++) {
		if (v > (UINT64_MAX >> 7)) {
			/* Arcs beyond 64 bits: valid X.690, but nothing we
			 * could name; refuse rather than print wrongly. */
			return NULL;
		}
		v = (v << 7) | (p[i] & 0x7Fu);
		if (p[i] & 0x80) {
			continue;
		}
		if (first) {
			/* X.690 8.19.4: the first octets encode 40*X+Y. */
			unsigned arc1 = v < 40 ? 0 : v < 80 ? 1 : 2;

			*q++ = (char)('0' + arc1);
			*q++ = '.';
			q += put_u64(q, v - 40u * arc1);
			first = false;
		} else {
			*q++ = '.';
			q += put_u64(q, v);
		}
		v = 0;
	}
	*q = '\0';
	return buf;
}

void
certshow__hex(char *dst, const uint8_t *src, size_t n, char sep)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		if (sep != '\0' && i > 0) {
			*dst++ = sep;
		}
		*dst++ = hx[src[i] >> 4];
		*dst++ = hx[src[i] & 15];
	}
	*dst = '\0';
}

const char *
certshow__oid_pyname(const char *oid)
{
	size_t i;

	for (i = 0; i < N_ATTR; i++) {
		if (strcmp(attr_tab[i].dotted, oid) == 0) {
			return attr_tab[i].name;
		}
	}
	return NULL;
}

const char *
certshow__oid_shortname(const char *oid)
{
	size_t i;

	for (i = 0; i < N_ATTR; i++) {
		if (strcmp(attr_tab[i].dotted, oid) == 0) {
			return attr_tab[i].aux;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Attribute values                                                     */
/* ------------------------------------------------------------------ */

static size_t
put_utf8(uint8_t *q, uint32_t cp)
{
	if (cp < 0x80) {
		q[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		q[0] = (uint8_t)(0xC0 | (cp >> 6));
		q[1] = (uint8_t)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		q[0] = (uint8_t)(0xE0 | (cp >> 12));
		q[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		q[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	q[0] = (uint8_t)(0xF0 | (cp >> 18));
	q[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
	q[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
	q[3] = (uint8_t)(0x80 | (cp & 0x3F));
	return 4;
}

#define REPLACEMENT 0xFFFDu

/* The next code point of a UCS-2/UTF-16 (width 2, surrogate pairs
 * joined), UCS-4 (width 4) or Latin-1 (width 1) value at p[*i], with a
 * whole unit available; advances *i. Unpaired surrogates and values past
 * U+10FFFF are returned as they are, for the caller to judge. */
static uint32_t
wide_next(const uint8_t *p, size_t len, size_t *i, unsigned width)
{
	uint32_t cp, lo;

	if (width == 1) {
		return p[(*i)++];
	}
	if (width == 4) {
		cp = (uint32_t)p[*i] << 24 | (uint32_t)p[*i + 1] << 16 |
		    (uint32_t)p[*i + 2] << 8 | p[*i + 3];
		*i += 4;
		return cp;
	}
	cp = (uint32_t)p[*i] << 8 | p[*i + 1];
	*i += 2;
	if (cp >= 0xD800 && cp < 0xDC00 && *i + 2 <= len) {
		lo = (uint32_t)p[*i] << 8 | p[*i + 1];
		if (lo >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			*i += 2;
		}
	}
	return cp;
}

static bool
cp_invalid(uint32_t cp)
{
	return (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF;
}

/* BMPString (UCS-2, big endian; surrogate pairs accepted as UTF-16) and
 * UniversalString (UCS-4) to UTF-8. Unpaired surrogates, code points past
 * U+10FFFF and a trailing partial unit become U+FFFD. */
static int
wide_to_utf8(struct certshow__arena *a, const uint8_t *p, size_t len,
    unsigned width, struct certshow__str *out)
{
	uint8_t *buf, *q;
	size_t i = 0;

	/* 2 octets give at most 3 UTF-8 octets, 4 give at most 4, and a
	 * partial unit gives U+FFFD (3). */
	buf = certshow__arena_alloc(a, len * 2 + 4);
	if (buf == NULL) {
		return -1;
	}
	q = buf;
	while (i + width <= len) {
		uint32_t cp = wide_next(p, len, &i, width);

		q += put_utf8(q, cp_invalid(cp) ? REPLACEMENT : cp);
	}
	if (i < len) {
		q += put_utf8(q, REPLACEMENT);
	}
	*q = '\0';
	out->p = (const char *)buf;
	out->len = (size_t)(q - buf);
	return 0;
}

static int
latin1_to_utf8(struct certshow__arena *a, const uint8_t *p, size_t len,
    struct certshow__str *out)
{
	uint8_t *buf, *q;
	size_t i;

	buf = certshow__arena_alloc(a, len * 2 + 1);
	if (buf == NULL) {
		return -1;
	}
	q = buf;
	for (i = 0; i < len; i++) {
		q += put_utf8(q, p[i]);
	}
	*q = '\0';
	out->p = (const char *)buf;
	out->len = (size_t)(q - buf);
	return 0;
}

/* see internal.h */
int
certshow__display_text(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__str *out)
{
	char *s;

	/* RFC 5280 4.2.1.4: DisplayText ::= CHOICE { ia5String,
	 * visibleString, bmpString, utf8String }. */
	if (t->cls != CERTSHOW__CLASS_UNIVERSAL || t->constructed) {
		return 1;
	}
	switch (t->tag) {
	case CERTSHOW__TAG_BMPSTRING:
		return wide_to_utf8(a, t->val, t->len, 2, out);
	case CERTSHOW__TAG_IA5STRING:
	case CERTSHOW__TAG_VISIBLESTRING:
	case CERTSHOW__TAG_UTF8STRING:
		s = certshow__arena_strndup(a, t->val, t->len);
		if (s == NULL) {
			return -1;
		}
		out->p = s;
		out->len = t->len;
		return 0;
	default:
		return 1;
	}
}

/* One attribute value into ava->value (see the file comment). */
static int
ava_value(struct certshow__arena *a, const struct certshow__tlv *v,
    struct certshow__ava *ava)
{
	size_t tlv_len = v->hdr_len + v->len;
	char *s;

	ava->der = v->hdr;
	ava->der_len = tlv_len;
	/* The class is kept apart: a long-form tag number (31 and up)
	 * would run into class bits packed into the same integer. */
	ava->str_tag = v->tag;
	ava->str_cls = v->cls;
	if (v->cls == CERTSHOW__CLASS_UNIVERSAL && !v->constructed &&
	    certshow__der_is_char_string(v->tag)) {
		if (v->tag == CERTSHOW__TAG_BMPSTRING) {
			return wide_to_utf8(a, v->val, v->len, 2, &ava->value);
		}
		if (v->tag == CERTSHOW__TAG_UNIVERSALSTRING) {
			return wide_to_utf8(a, v->val, v->len, 4, &ava->value);
		}
		if (v->tag == CERTSHOW__TAG_T61STRING) {
			return latin1_to_utf8(a, v->val, v->len, &ava->value);
		}
		s = certshow__arena_strndup(a, v->val, v->len);
		if (s == NULL) {
			return -1;
		}
		ava->value.p = s;
		ava->value.len = v->len;
		return 0;
	}
	/* Not a string: RFC 4514 2.4's "#" hexstring of the whole TLV. */
	s = certshow__arena_alloc(a, 2 * tlv_len + 2);
	if (s == NULL) {
		return -1;
	}
	s[0] = '#';
	certshow__hex(s + 1, v->hdr, tlv_len, '\0');
	ava->value.p = s;
	ava->value.len = 2 * tlv_len + 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* RFC 4514 string                                                      */
/* ------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at p (RFC 3629 section 4: no
 * overlong forms, no surrogates, nothing past U+10FFFF), 0 if invalid. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	uint8_t c = p[0];

	if (c < 0x80) {
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
			return 0;
		}
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) {
			return 0;
		}
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80) {
			return 0;
		}
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) {
			return 0;
		}
		return 4;
	}
	return 0;
}

/* Escaped value at q; returns the octets written (at most 3 * len). */
static size_t
escape_value(char *q, const uint8_t *p, size_t len)
{
	static const char hx[] = "0123456789ABCDEF";
	char *start = q;
	size_t i = 0, k;

	while (i < len) {
		uint8_t c = p[i];

		/* RFC 4514 2.4: escape the specials, a leading space or
		 * '#', a trailing space; NUL, other control characters and
		 * octets that are not UTF-8 become \XX so the string stays
		 * printable and valid UTF-8. */
		if (c == '"' || c == '+' || c == ',' || c == ';' || c == '<' ||
		    c == '>' || c == '\\' || (i == 0 && (c == ' ' || c == '#')) ||
		    (i == len - 1 && c == ' ')) {
			*q++ = '\\';
			*q++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			goto hexpair;
		}
		k = utf8_len(p + i, len - i);
		if (k == 0) {
			goto hexpair;
		}
		memcpy(q, p + i, k);
		q += k;
		i += k;
		continue;
hexpair:
		*q++ = '\\';
		*q++ = hx[c >> 4];
		*q++ = hx[c & 15];
		i++;
	}
	return (size_t)(q - start);
}

/* RFC 4514 3: descr = keystring = leadkeychar *keychar. */
static bool
is_keystring(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
		return false;
	}
	for (i = 1; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) {
			return false;
		}
	}
	return true;
}

/*
 * The attribute type as an RFC 4514 string writes it: the section 3
 * short name ("CN"); else the name OpenSSL and Python's ssl module give
 * the type ("emailAddress", "serialNumber", "jurisdictionCountryName"),
 * a descr that RFC 4514 section 3 allows and other tools read back; else
 * the dotted OID.
 */
static const char *
rfc4514_type(const struct certshow__ava *v)
{
	if (v->short_name != NULL) {
		return v->short_name;
	}
	if (v->type_name != NULL && v->type_name != v->oid &&
	    is_keystring(v->type_name)) {
		return v->type_name;
	}
	return v->oid;
}

static int
build_rfc4514(struct certshow__arena *a, struct certshow_name *n)
{
	size_t need = 1, i, j;
	char *buf, *q;

	for (i = 0; i < n->n; i++) {
		for (j = 0; j < n->rdns[i].n; j++) {
			const struct certshow__ava *v = &n->rdns[i].avas[j];

			need += strlen(rfc4514_type(v)) + 2 +
			    3 * v->value.len;
		}
	}
	buf = certshow__arena_alloc(a, need);
	if (buf == NULL) {
		return -1;
	}
	q = buf;
	/* RFC 4514 2.1: the last RDN of the sequence comes first. */
	for (i = n->n; i-- > 0;) {
		if (i + 1 != n->n) {
			*q++ = ',';
		}
		for (j = 0; j < n->rdns[i].n; j++) {
			const struct certshow__ava *v = &n->rdns[i].avas[j];
			const char *type = rfc4514_type(v);
			size_t tl;

			if (j > 0) {
				*q++ = '+';
			}
			tl = strlen(type);
			memcpy(q, type, tl);
			q += tl;
			*q++ = '=';
			if (v->str_cls != CERTSHOW__CLASS_UNIVERSAL ||
			    !certshow__der_is_char_string(v->str_tag)) {
				/* Already a hexstring (non-string value). */
				memcpy(q, v->value.p, v->value.len);
				q += v->value.len;
			} else {
				q += escape_value(q,
				    (const uint8_t *)v->value.p, v->value.len);
			}
		}
	}
	*q = '\0';
	n->rfc4514 = buf;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Name decoding                                                        */
/* ------------------------------------------------------------------ */

#define F_NAME "Name"
#define F_RDN "RelativeDistinguishedName"
#define F_ATV "AttributeTypeAndValue"
#define F_ATV_TYPE "AttributeTypeAndValue.type"
#define F_ATV_VALUE "AttributeTypeAndValue.value"

/* Pass 1: check the framing of every RDN and attribute, and count them so
 * pass 2 can fill arrays allocated once. */
static int
name_count(const struct certshow__tlv *t, size_t *n_rdn, size_t *n_ava,
    struct certshow__derr *e)
{
	struct certshow__der d, rd;
	struct certshow__tlv rdn, atv;
	const uint8_t *at;
	int rv;

	*n_rdn = 0;
	*n_ava = 0;
	certshow__der_enter_fast(&d, t);
	while (certshow__der_more(&d)) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &rdn, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SET, true);
		if (rv != 0) {
			return certshow__derr_fail(e, F_RDN, at, rv);
		}
		/* RFC 5280 4.1.2.4: RelativeDistinguishedName ::= SET SIZE
		 * (1..MAX) OF AttributeTypeAndValue. */
		if (rdn.len == 0) {
			return certshow__derr_fail(
			    e, F_RDN, at, CERTSHOW__DER_BAD_VALUE);
		}
		certshow__der_enter_fast(&rd, &rdn);
		while (certshow__der_more(&rd)) {
			at = rd.p;
			rv = certshow__der_expect_fast(&rd, &atv,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true);
			if (rv != 0) {
				return certshow__derr_fail(e, F_ATV, at, rv);
			}
			(*n_ava)++;
		}
		(*n_rdn)++;
	}
	return 0;
}

static int
ava_decode(struct certshow__arena *a, const struct certshow__tlv *atv,
    struct certshow__ava *v, struct certshow__derr *e)
{
	const struct certshow__oid *ent;
	struct certshow__der d;
	struct certshow__tlv oid, val;
	const uint8_t *at;
	int rv;

	certshow__der_enter_fast(&d, atv);
	at = d.p;
	rv = certshow__der_expect_fast(&d, &oid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
	if (rv != 0) {
		return certshow__derr_fail(e, F_ATV_TYPE, at, rv);
	}
	ent = certshow__oid_lookup(attr_tab, N_ATTR, oid.val, oid.len);
	if (ent != NULL) {
		v->oid = ent->dotted;
		v->type_name = ent->name;
		v->short_name = ent->aux;
	} else {
		if (certshow__der_oid_check(oid.val, oid.len) != 0) {
			return certshow__derr_fail(
			    e, F_ATV_TYPE, at, CERTSHOW__DER_BAD_VALUE);
		}
		v->oid = certshow__oid_dup(a, oid.val, oid.len);
		if (v->oid == NULL) {
			/* Only an arc past 64 bits fails after the check. */
			return certshow__derr_fail(
			    e, F_ATV_TYPE, at, CERTSHOW__DER_BAD_VALUE);
		}
		v->type_name = v->oid;
	}
	at = d.p;
	rv = certshow__der_next_fast(&d, &val);
	if (rv != 0) {
		return certshow__derr_fail(e, F_ATV_VALUE, at, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, F_ATV, d.p, CERTSHOW__DER_TRAILING);
	}
	if (ava_value(a, &val, v) != 0) {
		return certshow__derr_nomem(e, F_ATV_VALUE, val.hdr);
	}
	return 0;
}

int
certshow__name_decode_at(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow_name *out,
    struct certshow__derr *e)
{
	struct certshow__der d, rd;
	struct certshow__tlv rdn, atv;
	struct certshow__ava *avas;
	size_t n_rdn, n_ava, i = 0, k = 0;
	int rv;

	memset(out, 0, sizeof(*out));
	if (t->cls != CERTSHOW__CLASS_UNIVERSAL ||
	    t->tag != CERTSHOW__TAG_SEQUENCE || !t->constructed) {
		return certshow__derr_fail(
		    e, F_NAME, t->hdr, CERTSHOW__DER_UNEXPECTED);
	}
	rv = name_count(t, &n_rdn, &n_ava, e);
	if (rv != 0) {
		return rv;
	}
	out->der = t->hdr;
	out->der_len = t->hdr_len + t->len;
	out->rdns = certshow__arena_alloc(a, n_rdn * sizeof(*out->rdns));
	avas = certshow__arena_alloc(a, n_ava * sizeof(*avas));
	if (out->rdns == NULL || avas == NULL) {
		return certshow__derr_nomem(e, F_NAME, t->hdr);
	}
	/* Pass 2: the framing is known to be sound. */
	certshow__der_enter_fast(&d, t);
	while (certshow__der_more(&d) && i < n_rdn) {
		if (certshow__der_next_fast(&d, &rdn) != 0) {
			return certshow__derr_fail(
			    e, F_RDN, d.p, CERTSHOW__DER_BAD_VALUE);
		}
		out->rdns[i].avas = &avas[k];
		certshow__der_enter_fast(&rd, &rdn);
		while (certshow__der_more(&rd) && k < n_ava) {
			if (certshow__der_next_fast(&rd, &atv) != 0) {
				return certshow__derr_fail(
				    e, F_ATV, rd.p, CERTSHOW__DER_BAD_VALUE);
			}
			rv = ava_decode(a, &atv, &avas[k], e);
			if (rv != 0) {
				return rv;
			}
			out->rdns[i].n++;
			k++;
		}
		i++;
	}
	out->n = n_rdn;
	if (build_rfc4514(a, out) != 0) {
		return certshow__derr_nomem(e, F_NAME, t->hdr);
	}
	return 0;
}

static const char *
derr_why(const struct certshow__derr *e)
{
	if (e->nomem) {
		return "out of memory";
	}
	return certshow__der_strreason(e->code);
}

int
certshow__name_decode(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow_name *out,
    const char **why)
{
	struct certshow__derr e;
	int rv;

	rv = certshow__name_decode_at(a, t, out, &e);
	if (rv != 0 && why != NULL) {
		*why = derr_why(&e);
	}
	return rv;
}

/* ------------------------------------------------------------------ */
/* General names                                                        */
/* ------------------------------------------------------------------ */

#define F_GN "GeneralName"

static int
gname_other(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__gname *g, struct certshow__derr *e)
{
	struct certshow__der d, vd;
	struct certshow__tlv oid, wrap, val;
	const uint8_t *at;
	int rv;

	/* RFC 5280 4.2.1.6: OtherName ::= SEQUENCE { type-id OBJECT
	 * IDENTIFIER, value [0] EXPLICIT ANY DEFINED BY type-id }. */
	certshow__der_enter_fast(&d, t);
	at = d.p;
	rv = certshow__der_expect_fast(&d, &oid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
	if (rv != 0) {
		return certshow__derr_fail(e, "otherName.type-id", at, rv);
	}
	if (certshow__der_oid_check(oid.val, oid.len) != 0) {
		return certshow__derr_fail(
		    e, "otherName.type-id", at, CERTSHOW__DER_BAD_VALUE);
	}
	g->oid = certshow__oid_dup(a, oid.val, oid.len);
	if (g->oid == NULL) {
		return certshow__derr_fail(
		    e, "otherName.type-id", at, CERTSHOW__DER_BAD_VALUE);
	}
	at = d.p;
	rv = certshow__der_expect_fast(&d, &wrap, CERTSHOW__CLASS_CONTEXT, 0, true);
	if (rv != 0) {
		return certshow__derr_fail(e, "otherName.value", at, rv);
	}
	certshow__der_enter_fast(&vd, &wrap);
	at = vd.p;
	rv = certshow__der_next_fast(&vd, &val);
	if (rv != 0) {
		return certshow__derr_fail(e, "otherName.value", at, rv);
	}
	if (certshow__der_done(&vd) != 0) {
		return certshow__derr_fail(
		    e, "otherName.value", vd.p, CERTSHOW__DER_TRAILING);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "otherName", d.p, CERTSHOW__DER_TRAILING);
	}
	g->value = val.hdr;
	g->len = val.hdr_len + val.len;
	return 0;
}

static int
gname_dirname(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__gname *g, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq;
	struct certshow_name *n;
	const uint8_t *at;
	int rv;

	/* directoryName [4] Name: EXPLICIT because Name is a CHOICE. */
	certshow__der_enter_fast(&d, t);
	at = d.p;
	rv = certshow__der_expect_fast(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return certshow__derr_fail(e, "directoryName", at, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "directoryName", d.p, CERTSHOW__DER_TRAILING);
	}
	n = certshow__arena_alloc(a, sizeof(*n));
	if (n == NULL) {
		return certshow__derr_nomem(e, "directoryName", at);
	}
	rv = certshow__name_decode_at(a, &seq, n, e);
	if (rv != 0) {
		return rv;
	}
	g->dirname = n;
	g->value = (const uint8_t *)n->rfc4514;
	g->len = strlen(n->rfc4514);
	return 0;
}

int
certshow__gname_decode_at(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__gname *g,
    struct certshow__derr *e)
{
	bool want_constructed;
	char *s;

	memset(g, 0, sizeof(*g));
	if (t->cls != CERTSHOW__CLASS_CONTEXT || t->tag > 8) {
		return certshow__derr_fail(
		    e, F_GN, t->hdr, CERTSHOW__DER_UNEXPECTED);
	}
	/* otherName, x400Address, directoryName and ediPartyName are
	 * constructed; the IA5String, OCTET STRING and OID choices are
	 * primitive (IMPLICIT tags keep the underlying form). */
	want_constructed = t->tag == 0 || t->tag == 3 || t->tag == 4 ||
	    t->tag == 5;
	if (t->constructed != want_constructed) {
		return certshow__derr_fail(
		    e, F_GN, t->hdr, CERTSHOW__DER_UNEXPECTED);
	}
	g->type = (enum certshow_gn_type)t->tag;
	switch (t->tag) {
	case CERTSHOW_GN_OTHER:
		return gname_other(a, t, g, e);
	case CERTSHOW_GN_DIRNAME:
		return gname_dirname(a, t, g, e);
	case CERTSHOW_GN_X400:
	case CERTSHOW_GN_EDIPARTY:
		g->value = t->hdr;
		g->len = t->hdr_len + t->len;
		return 0;
	case CERTSHOW_GN_RID:
		g->oid = certshow__oid_dup(a, t->val, t->len);
		if (g->oid == NULL) {
			return certshow__derr_fail(
			    e, "registeredID", t->hdr, CERTSHOW__DER_BAD_VALUE);
		}
		g->value = t->val;
		g->len = t->len;
		return 0;
	case CERTSHOW_GN_IP:
		g->value = t->val;
		g->len = t->len;
		return 0;
	default:
		/* rfc822Name, dNSName, URI: copied so that value[len] is a
		 * NUL (the value itself may hold NULs). */
		s = certshow__arena_strndup(a, t->val, t->len);
		if (s == NULL) {
			return certshow__derr_nomem(e, F_GN, t->hdr);
		}
		g->value = (const uint8_t *)s;
		g->len = t->len;
		return 0;
	}
}

int
certshow__gname_decode(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__gname *g,
    const char **why)
{
	struct certshow__derr e;
	int rv;

	rv = certshow__gname_decode_at(a, t, g, &e);
	if (rv != 0 && why != NULL) {
		*why = derr_why(&e);
	}
	return rv;
}

/* ------------------------------------------------------------------ */
/* Public accessors                                                     */
/* ------------------------------------------------------------------ */

const char *
certshow_name_string(const struct certshow_name *n)
{
	if (n == NULL || n->rfc4514 == NULL) {
		return "";
	}
	return n->rfc4514;
}

size_t
certshow_name_rdn_count(const struct certshow_name *n)
{
	return n == NULL ? 0 : n->n;
}

size_t
certshow_name_attr_count(const struct certshow_name *n, size_t rdn)
{
	if (n == NULL || rdn >= n->n) {
		return 0;
	}
	return n->rdns[rdn].n;
}

int
certshow_name_attr(const struct certshow_name *n, size_t rdn, size_t i,
    const char **oid, const char **type_name, const char **value,
    size_t *value_len)
{
	const struct certshow__ava *v;

	if (n == NULL || rdn >= n->n || i >= n->rdns[rdn].n) {
		return CERTSHOW_E_NOTFOUND;
	}
	v = &n->rdns[rdn].avas[i];
	if (oid != NULL) {
		*oid = v->oid;
	}
	if (type_name != NULL) {
		*type_name = v->type_name;
	}
	if (value != NULL) {
		*value = v->value.p;
	}
	if (value_len != NULL) {
		*value_len = v->value.len;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Name normalization (RFC 5280 7.1, RFC 4518 simplified)                */
/* ------------------------------------------------------------------ */

struct buf {
	uint8_t *p;
	size_t n, cap;
	bool oom;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	uint8_t *np;

	if (b->oom) {
		return;
	}
	if (b->n + n > b->cap) {
		np = b->n + n < b->n ? NULL :
		    certshow__grow(b->p, &b->cap, b->n + n, 1, 64);
		if (np == NULL) {
			b->oom = true;
			return;
		}
		b->p = np;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
buf_byte(struct buf *b, uint8_t c)
{
	buf_add(b, &c, 1);
}

static void
buf_len(struct buf *b, size_t n)
{
	uint8_t l[4] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16),
		(uint8_t)(n >> 8), (uint8_t)n };

	buf_add(b, l, 4);
}

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Case-fold and squeeze one string value. */
static void
norm_string(struct buf *b, const uint8_t *p, size_t len)
{
	size_t i, start, end, mark;
	bool sp = false;

	start = 0;
	end = len;
	while (start < end && is_space(p[start])) {
		start++;
	}
	while (end > start && is_space(p[end - 1])) {
		end--;
	}
	buf_byte(b, 'S');
	mark = b->n;
	buf_len(b, 0);
	for (i = start; i < end; i++) {
		uint8_t c = p[i];

		if (is_space(c)) {
			sp = true;
			continue;
		}
		if (sp) {
			buf_byte(b, ' ');
			sp = false;
		}
		if (c >= 'A' && c <= 'Z') {
			c = (uint8_t)(c - 'A' + 'a');
		}
		buf_byte(b, c);
	}
	if (!b->oom) {
		size_t n = b->n - mark - 4;

		b->p[mark] = (uint8_t)(n >> 24);
		b->p[mark + 1] = (uint8_t)(n >> 16);
		b->p[mark + 2] = (uint8_t)(n >> 8);
		b->p[mark + 3] = (uint8_t)n;
	}
}

/* RFC 5280 7.1: names are compared as Unicode text whatever the string
 * type. BMPString (UTF-16), UniversalString (UCS-4) and T61String (read
 * as Latin-1, as ava_value() does) are converted to UTF-8 and then
 * normalized like the other strings. False (nothing written) for another
 * tag or a value that is not valid text (odd length, unpaired surrogate,
 * past U+10FFFF): the caller then compares the raw TLV. */
static bool
norm_wide(struct buf *b, const struct certshow__tlv *v)
{
	unsigned width = v->tag == CERTSHOW__TAG_BMPSTRING ? 2 :
	    v->tag == CERTSHOW__TAG_UNIVERSALSTRING ? 4 :
	    v->tag == CERTSHOW__TAG_T61STRING ? 1 : 0;
	const uint8_t *p = v->val;
	uint8_t *u, *q;
	size_t i = 0;

	if (width == 0 || v->constructed || v->len % width != 0) {
		return false;
	}
	u = malloc(v->len * 2 + 1);
	if (u == NULL) {
		b->oom = true;
		return true;
	}
	q = u;
	while (i < v->len) {
		uint32_t cp = wide_next(p, v->len, &i, width);

		if (cp_invalid(cp)) {
			free(u);
			return false;
		}
		q += put_utf8(q, cp);
	}
	norm_string(b, u, (size_t)(q - u));
	free(u);
	return true;
}

uint8_t *
certshow__name_norm(const uint8_t *der, size_t len, size_t *out_len)
{
	struct certshow__der d, rd, ad;
	struct certshow__tlv name, rdn, ava, oid, val;
	struct buf b = { NULL, 0, 0, false };

	certshow__der_init(&d, der, len);
	if (certshow__der_expect(&d, &name, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		goto bad;
	}
	certshow__der_enter(&d, &name, der);
	buf_byte(&b, 'N');
	while (certshow__der_more(&d)) {
		if (certshow__der_expect(&d, &rdn, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SET, true) != 0) {
			goto bad;
		}
		buf_byte(&b, 'R');
		certshow__der_enter(&rd, &rdn, der);
		while (certshow__der_more(&rd)) {
			if (certshow__der_expect(&rd, &ava,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				goto bad;
			}
			certshow__der_enter(&ad, &ava, der);
			if (certshow__der_expect(&ad, &oid,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_OID,
			    false) != 0 || certshow__der_next(&ad, &val) != 0) {
				goto bad;
			}
			buf_byte(&b, 'A');
			buf_len(&b, oid.len);
			buf_add(&b, oid.val, oid.len);
			if (val.cls == CERTSHOW__CLASS_UNIVERSAL &&
			    (val.tag == CERTSHOW__TAG_UTF8STRING ||
			    val.tag == CERTSHOW__TAG_PRINTABLESTRING ||
			    val.tag == CERTSHOW__TAG_IA5STRING ||
			    val.tag == CERTSHOW__TAG_VISIBLESTRING)) {
				norm_string(&b, val.val, val.len);
			} else if (val.cls == CERTSHOW__CLASS_UNIVERSAL &&
			    norm_wide(&b, &val)) {
				/* BMPString, UniversalString, T61String:
				 * compared as their Unicode text, so an
				 * encoding cannot step out of a subtree. */
			} else {
				buf_byte(&b, 'T');
				buf_len(&b, val.hdr_len + val.len);
				buf_add(&b, val.hdr, val.hdr_len + val.len);
			}
		}
	}
	if (b.oom) {
		goto bad;
	}
	*out_len = b.n;
	return b.p;
bad:
	free(b.p);
	*out_len = len;
	return NULL;
}

/* The one comparison of distinguished names (RFC 5280 7.1): chaining,
 * trust-store lookups, CRL issuers, directoryName constraints and the
 * served-chain analysis all use it. */
bool
certshow__name_eq(const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen)
{
	uint8_t *na, *nb;
	size_t la, lb;
	bool eq;

	if (alen == blen && memcmp(a, b, alen) == 0) {
		return true;
	}
	na = certshow__name_norm(a, alen, &la);
	nb = certshow__name_norm(b, blen, &lb);
	/* A malformed name equals only its own bytes. */
	eq = na != NULL && nb != NULL && la == lb && memcmp(na, nb, la) == 0;
	free(na);
	free(nb);
	return eq;
}

int
certshow__name_within(const uint8_t *n, size_t nlen, const uint8_t *base,
    size_t blen)
{
	uint8_t *nn, *nb;
	size_t ln, lb;
	int rv;

	nn = certshow__name_norm(n, nlen, &ln);
	nb = certshow__name_norm(base, blen, &lb);
	if (nn == NULL || nb == NULL) {
		rv = -1;
	} else {
		/* The normal form is a token stream ('R' opens an RDN,
		 * values carry their length), so base's RDNs are a prefix
		 * of n's exactly when its bytes are and n's next token, if
		 * any, opens an RDN. */
		rv = lb <= ln && memcmp(nn, nb, lb) == 0 &&
		    (lb == ln || nn[lb] == 'R');
	}
	free(nn);
	free(nb);
	return rv;
}
