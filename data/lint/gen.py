#!/usr/bin/env python3
"""Lint fixtures: one certificate per lint finding, plus clean twins.

Run through gen.sh (which makes the keys with openssl). Each certificate is
built from a small DER encoder so that any encoding can be crafted
(non-minimal lengths, indefinite lengths, unsorted SETs, bad times), then
signed with `openssl dgst -sign` using the test CA key. RSA PKCS#1 v1.5
signatures are deterministic, so the output is the same on every run.

Every fixture is the clean leaf (leaf-clean.pem) or the clean CA
(ca-clean.pem) with exactly one change; expected.txt lists the finding ids
each file must produce at the check time 2024-06-01T00:00:00Z with
--warn-days 30.
"""

import base64
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")


# ---------------------------------------------------------------- DER --

def enc_len(n, form="short"):
    if form == "indef":
        return b"\x80"
    if n < 0x80 and form == "short":
        return bytes([n])
    body = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    return bytes([0x80 | len(body)]) + body


class T:
    """A TLV: tag byte, contents (bytes or list of T), length form."""

    def __init__(self, tag, content, form="short"):
        self.tag = tag
        self.content = content
        self.form = form

    def der(self):
        if isinstance(self.content, list):
            body = b"".join(c.der() for c in self.content)
        else:
            body = self.content
        if self.form == "indef":
            return bytes([self.tag]) + b"\x80" + body + b"\x00\x00"
        return bytes([self.tag]) + enc_len(len(body), self.form) + body


class Raw:
    def __init__(self, b):
        self.b = b

    def der(self):
        return self.b


def seq(*items, form="short"):
    return T(0x30, list(items), form)


def set_(*items):
    return T(0x31, list(items))


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    first = arcs[0] * 40 + arcs[1]
    for a in [first] + arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(chunk))
    return T(0x06, bytes(out))


def integer(v, pad=False):
    if isinstance(v, bytes):
        return T(0x02, v)
    n = max(1, (v.bit_length() + 8) // 8)
    b = v.to_bytes(n, "big", signed=True)
    return T(0x02, (b"\x00" if pad else b"") + b)


def null():
    return T(0x05, b"")


def boolean(v, raw=None):
    return T(0x01, bytes([raw if raw is not None else (0xFF if v else 0)]))


def octets(b):
    return T(0x04, b)


def bits(b, unused=0):
    return T(0x03, bytes([unused]) + b)


def utf8(s):
    return T(0x0C, s.encode())


def printable(s):
    return T(0x13, s.encode())


def ia5(s):
    return T(0x16, s.encode())


def bmp(s):
    return T(0x1E, s.encode("utf-16-be"))


def utctime(s):
    return T(0x17, s.encode())


def gentime(s):
    return T(0x18, s.encode())


def ctx(n, content, constructed=True):
    return T((0xA0 if constructed else 0x80) | n, content)


# ------------------------------------------------------------ helpers --

OID = {
    "C": "2.5.4.6", "O": "2.5.4.10", "OU": "2.5.4.11", "CN": "2.5.4.3",
    "sha256rsa": "1.2.840.113549.1.1.11", "sha384rsa": "1.2.840.113549.1.1.12",
    "sha1rsa": "1.2.840.113549.1.1.5", "md5rsa": "1.2.840.113549.1.1.4",
    "ski": "2.5.29.14", "ku": "2.5.29.15", "san": "2.5.29.17",
    "bc": "2.5.29.19", "cp": "2.5.29.32", "pm": "2.5.29.33",
    "aki": "2.5.29.35", "pc": "2.5.29.36", "eku": "2.5.29.37",
    "iap": "2.5.29.54", "qc": "1.3.6.1.5.5.7.1.3",
}

DIGEST = {"sha256rsa": "sha256", "sha384rsa": "sha384", "sha1rsa": "sha1",
          "md5rsa": "md5"}


def name(*rdns):
    """rdns: lists of (type, T) pairs; one list per RDN."""
    return seq(*[set_(*[seq(oid(OID.get(t, t)), v) for t, v in rdn])
                 for rdn in rdns])


def alg(key, params=True):
    return seq(oid(OID[key]), null()) if params else seq(oid(OID[key]))


def ext(key, value, critical=None, crit_raw=None):
    items = [oid(OID.get(key, key))]
    if critical is not None:
        items.append(boolean(critical, crit_raw))
    items.append(octets(value.der() if not isinstance(value, bytes)
                        else value))
    return seq(*items)


def ku_bits(*names):
    order = ["digitalSignature", "nonRepudiation", "keyEncipherment",
             "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
             "encipherOnly", "decipherOnly"]
    v = 0
    for n in names:
        v |= 1 << order.index(n)
    if v == 0:
        return bits(b"")
    nbits = max(i + 1 for i in range(9) if v >> i & 1)
    nbytes = (nbits + 7) // 8
    b = bytearray(nbytes)
    for i in range(9):
        if v >> i & 1:
            b[i // 8] |= 0x80 >> (i % 8)
    return bits(bytes(b), nbytes * 8 - nbits)


def parse_tlv(buf, off):
    tag = buf[off]
    n = buf[off + 1]
    if n < 0x80:
        return tag, off + 2, n
    k = n & 0x7F
    return tag, off + 2 + k, int.from_bytes(buf[off + 2:off + 2 + k], "big")


def spki_of(keyfile, explicit=False):
    if explicit:
        cmd = ["openssl", "ec", "-in", keyfile, "-param_enc", "explicit",
               "-pubout", "-outform", "DER"]
    else:
        cmd = ["openssl", "pkey", "-in", keyfile, "-pubout", "-outform",
               "DER"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout


def key_id(spki):
    """RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits."""
    _, off, _ = parse_tlv(spki, 0)          # SubjectPublicKeyInfo
    _, aoff, alen = parse_tlv(spki, off)     # algorithm
    _, boff, blen = parse_tlv(spki, aoff + alen)
    return hashlib.sha1(spki[boff + 1:boff + blen]).digest()


def sign(tbs, digest):
    r = subprocess.run(["openssl", "dgst", "-" + digest, "-sign",
                        os.path.join(KEYS, "ca.key")], input=tbs,
                       check=True, capture_output=True)
    return r.stdout


# ----------------------------------------------------------- profiles --

CA_SPKI = spki_of(os.path.join(KEYS, "ca.key"))
CA_KID = key_id(CA_SPKI)
CA_NAME = name([("C", printable("US"))], [("O", utf8("certshow lint"))],
               [("CN", utf8("certshow lint CA"))])


def leaf_spec():
    spki = spki_of(os.path.join(KEYS, "leaf.key"))
    return {
        "version": integer(2),
        "serial": integer(0x4C1E5A0D3B2F6E7A19C8D4B3A2F1E0D9),
        "sigalg": "sha256rsa",
        "outer_sigalg": None,
        "issuer": CA_NAME,
        "not_before": utctime("240101000000Z"),
        "not_after": utctime("241231235959Z"),
        "subject": name([("C", printable("US"))], [("O", utf8("Example"))],
                        [("CN", utf8("www.example.com"))]),
        "spki": Raw(spki),
        "ext": [
            ext("aki", seq(ctx(0, CA_KID, False))),
            ext("ski", octets(key_id(spki))),
            ext("ku", ku_bits("digitalSignature", "keyEncipherment"), True),
            ext("eku", seq(oid("1.3.6.1.5.5.7.3.1"))),
            ext("bc", seq(), True),
            ext("san", seq(ctx(2, b"www.example.com", False),
                           ctx(2, b"example.com", False))),
            ext("cp", seq(seq(oid("2.23.140.1.2.1")))),
        ],
        "outer_form": "short",
        "tbs_form": "short",
        "trailing": b"",
        "truncate": 0,
        "extra_uid": None,
    }


def ca_spec():
    s = leaf_spec()
    s.update({
        "serial": integer(0x1D6F3C2B4A5E9087F1E2D3C4B5A69788),
        "not_before": utctime("200101000000Z"),
        "not_after": utctime("391231235959Z"),
        "subject": CA_NAME,
        "spki": Raw(CA_SPKI),
        "ext": [
            ext("bc", seq(boolean(True)), True),
            ext("ku", ku_bits("keyCertSign", "cRLSign"), True),
            ext("ski", octets(CA_KID)),
        ],
    })
    return s


def ec_leaf(keyname, explicit=False, ku=("digitalSignature",)):
    s = leaf_spec()
    spki = spki_of(os.path.join(KEYS, keyname), explicit)
    s["spki"] = Raw(spki)
    s["ext"][1] = ext("ski", octets(key_id(spki)))
    s["ext"][2] = ext("ku", ku_bits(*ku), True)
    return s


def build(s):
    tbs_items = []
    if s["version"] is not None:
        tbs_items.append(ctx(0, [s["version"]]))
    tbs_items += [s["serial"], alg(s["sigalg"], s.get("params", True)),
                  s["issuer"], seq(s["not_before"], s["not_after"]),
                  s["subject"], s["spki"]]
    if s["extra_uid"] is not None:
        tbs_items.append(s["extra_uid"])
    if s["ext"]:
        tbs_items.append(ctx(3, [seq(*s["ext"])]))
    tbs = seq(*tbs_items, form=s["tbs_form"]).der()
    outer = s["outer_sigalg"] or s["sigalg"]
    sig = sign(tbs, DIGEST[outer])
    cert = seq(Raw(tbs), alg(outer), bits(sig), form=s["outer_form"]).der()
    cert += s["trailing"]
    if s["truncate"]:
        cert = cert[:-s["truncate"]]
    return cert


def pem(der):
    b = base64.b64encode(der).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) +
            "\n-----END CERTIFICATE-----\n")


# ----------------------------------------------------------- fixtures --

def fixtures():
    f = []

    def add(fname, expect, spec, note):
        f.append((fname, expect, spec, note))

    add("leaf-clean", [], leaf_spec(), "clean TLS subscriber certificate")
    add("ca-clean", [], ca_spec(), "clean self-signed CA certificate")

    # Encoding
    s = leaf_spec(); s["truncate"] = 10
    add("der-malformed", ["der-malformed"], s, "last 10 bytes cut off")
    s = leaf_spec(); s["trailing"] = b"\x00\x00\x00\x00"
    add("der-trailing-data", ["der-trailing-data"], s,
        "4 zero bytes after the certificate")
    s = leaf_spec()
    s["serial"] = T(0x02, s["serial"].content, "long")
    add("der-length-nonminimal", ["der-length-nonminimal"], s,
        "serialNumber length in long form (81 10)")
    s = leaf_spec(); s["tbs_form"] = "indef"
    add("der-length-indefinite", ["der-length-indefinite"], s,
        "tbsCertificate with an indefinite length")
    s = leaf_spec(); s["serial"] = integer(s["serial"].content, False)
    s["serial"] = T(0x02, b"\x00" + s["serial"].content)
    add("der-integer-nonminimal", ["der-integer-nonminimal"], s,
        "serialNumber with a redundant leading 00")
    s = leaf_spec()
    s["ext"][2] = ext("ku", ku_bits("digitalSignature", "keyEncipherment"),
                      True, 0x01)
    add("der-encoding", ["der-encoding"], s,
        "keyUsage critical TRUE encoded as 01")
    s = leaf_spec()
    s["ext"][3] = ext("eku", seq(oid("1.3.6.1.5.5.7.3.1")), False)
    add("der-default-encoded", ["der-default-encoded"], s,
        "extKeyUsage with critical FALSE encoded")
    s = leaf_spec()
    s["ext"][2] = ext("ku", bits(b"\xa0", 0), True)
    add("der-named-bits-nonminimal", ["der-named-bits-nonminimal"], s,
        "keyUsage digitalSignature, keyEncipherment as 03 02 00 a0 (DER: "
        "03 02 05 a0)")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))],
                        [("OU", utf8("Web")), ("O", utf8("Example"))],
                        [("CN", utf8("www.example.com"))])
    add("name-multivalued-rdn", ["name-multivalued-rdn"], s,
        "subject RDN with OU=Web and O=Example (in DER SET OF order: "
        "the shorter encoding first)")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))],
                        [("O", utf8("Example")), ("OU", utf8("Web"))],
                        [("CN", utf8("www.example.com"))])
    add("der-set-unsorted", ["der-set-unsorted", "name-multivalued-rdn"], s,
        "subject RDN with O=Example before OU=Web (not in SET OF order)")

    # Times
    s = leaf_spec(); s["not_before"] = utctime("2401010000Z")
    add("time-format", ["time-format"], s, "notBefore UTCTime without seconds")
    s = leaf_spec(); s["not_after"] = gentime("20241231235959Z")
    add("time-generalized-before-2050", ["time-generalized-before-2050"], s,
        "notAfter 2024 as GeneralizedTime")

    # Names
    s = leaf_spec()
    s["subject"] = name([("C", utf8("US"))], [("O", utf8("Example"))],
                        [("CN", utf8("www.example.com"))])
    add("name-string-type", ["name-string-type"], s,
        "countryName as UTF8String")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))], [("O", bmp("Example"))],
                        [("CN", utf8("www.example.com"))])
    add("name-string-deprecated", ["name-string-deprecated"], s,
        "organizationName as BMPString")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))],
                        [("O", T(0x0C, b"Exa\xc3mple"))],
                        [("CN", utf8("www.example.com"))])
    add("name-utf8-invalid", ["name-utf8-invalid"], s,
        "organizationName UTF8String holds a truncated UTF-8 sequence")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))],
                        [("O", printable("Example & Co"))],
                        [("CN", utf8("www.example.com"))])
    add("name-printable-charset", ["name-printable-charset"], s,
        "PrintableString organizationName with '&'")

    # Version and serial
    s = leaf_spec(); s["version"] = integer(3)
    add("version-invalid", ["version-invalid"], s, "version field 3 (v4)")
    s = leaf_spec(); s["version"] = None
    add("version-mismatch", ["version-mismatch"], s,
        "v1 (version absent) with extensions")
    s = leaf_spec(); s["extra_uid"] = T(0x82, b"\x00\x01")
    add("unique-id-present", ["unique-id-present"], s,
        "subjectUniqueID in a v3 certificate")
    s = leaf_spec(); s["issuer"] = seq()
    add("issuer-empty", ["issuer-empty"], s, "issuer an empty name")
    s = leaf_spec(); s["serial"] = integer(0x4C << 160 | 0x1234)
    add("serial-too-long", ["serial-too-long"], s, "21-octet serial")
    s = leaf_spec(); s["serial"] = T(0x02, bytes([0xCC]) + bytes(range(1, 16)))
    add("serial-negative", ["serial-negative"], s, "negative serial")
    s = leaf_spec(); s["serial"] = integer(0)
    add("serial-zero", ["serial-zero"], s, "serial 0")
    s = leaf_spec(); s["serial"] = integer(0x1A2B3C4D)
    add("serial-low-entropy", ["serial-low-entropy"], s, "4-octet serial")

    # Signature
    s = leaf_spec(); s["sigalg"] = "md5rsa"
    add("sig-md5", ["sig-md5"], s, "md5WithRSAEncryption")
    s = leaf_spec(); s["sigalg"] = "sha1rsa"
    add("sig-sha1", ["sig-sha1"], s, "sha1WithRSAEncryption")
    s = leaf_spec(); s["outer_sigalg"] = "sha384rsa"
    add("sig-alg-mismatch", ["sig-alg-mismatch"], s,
        "tbs sha256WithRSA, outer sha384WithRSA")

    # Keys
    s = leaf_spec(); s["spki"] = Raw(spki_of(os.path.join(KEYS, "rsa1024.key")))
    s["ext"][1] = ext("ski", octets(key_id(s["spki"].b)))
    add("rsa-key-too-small", ["rsa-key-too-small"], s, "RSA 1024")
    s = leaf_spec(); s["spki"] = Raw(spki_of(os.path.join(KEYS, "rsa-e3.key")))
    s["ext"][1] = ext("ski", octets(key_id(s["spki"].b)))
    add("rsa-exponent", ["rsa-exponent"], s, "RSA 2048, e = 3")
    s = leaf_spec()
    spki = spki_of(os.path.join(KEYS, "leaf.key"))
    # Drop the NULL parameters: 30 0d (30 09 oid) 05 00 -> 30 0b (30 09 oid)
    _, off, _ = parse_tlv(spki, 0)
    _, aoff, alen = parse_tlv(spki, off)
    algid = seq(Raw(spki[aoff:aoff + alen - 2])).der()
    rest = spki[aoff + alen:]
    s["spki"] = Raw(seq(Raw(algid), Raw(rest)).der())
    add("rsa-params-not-null", ["rsa-params-not-null"], s,
        "rsaEncryption without NULL parameters")
    s = leaf_spec()
    spki = bytearray(spki_of(os.path.join(KEYS, "leaf.key")))
    # The modulus ends just before the exponent 02 03 01 00 01.
    assert spki[-5:] == b"\x02\x03\x01\x00\x01" and spki[-6] & 1
    spki[-6] &= 0xFE
    s["spki"] = Raw(bytes(spki))
    s["ext"][1] = ext("ski", octets(key_id(bytes(spki))))
    add("rsa-modulus-even", ["rsa-modulus-even"], s,
        "leaf key's modulus with its lowest bit cleared")
    add("ec-curve-unnamed", ["ec-curve-unnamed"],
        ec_leaf("ec-p256.key", explicit=True),
        "P-256 key with explicit parameters")
    add("ec-curve-weak", ["ec-curve-weak"], ec_leaf("ec-p224.key"),
        "secp224r1 key")
    add("ec-curve-not-allowed", ["ec-curve-not-allowed"],
        ec_leaf("ec-k256.key"), "secp256k1 key")
    add("ec-clean", [], ec_leaf("ec-p256.key"),
        "clean P-256 subscriber certificate (twin of the EC fixtures)")

    # Validity
    s = leaf_spec(); s["not_before"] = utctime("241231235959Z")
    s["not_after"] = utctime("240101000000Z")
    add("validity-negative", ["validity-negative"], s,
        "notAfter before notBefore")
    s = leaf_spec(); s["not_after"] = utctime("251231235959Z")
    add("validity-too-long", ["validity-too-long"], s,
        "731 days from 2024-01-01 (limit 398)")
    s = leaf_spec(); s["not_before"] = utctime("220101000000Z")
    s["not_after"] = utctime("221231235959Z")
    add("expired", ["expired"], s, "valid in 2022 only")
    s = leaf_spec(); s["not_before"] = utctime("250101000000Z")
    s["not_after"] = utctime("251231235959Z")
    add("not-yet-valid", ["not-yet-valid"], s, "valid from 2025")
    s = leaf_spec(); s["not_after"] = utctime("240615000000Z")
    add("expires-soon", ["expires-soon"], s, "expires 2024-06-15")

    # Names in SANs
    s = leaf_spec(); del s["ext"][5]
    add("san-missing", ["san-missing"], s, "no subjectAltName")
    s = leaf_spec()
    s["subject"] = name([("C", printable("US"))], [("O", utf8("Example"))],
                        [("CN", utf8("other.example.com"))])
    add("cn-not-in-san", ["cn-not-in-san"], s, "CN other.example.com")
    s = leaf_spec()
    s["ext"][5] = ext("san", seq(ctx(2, b"www.example.com", False),
                                 ctx(2, b"f*.example.com", False)))
    add("wildcard-invalid", ["wildcard-invalid"], s,
        "dNSName f*.example.com")
    s = leaf_spec()
    s["ext"][5] = ext("san", seq(ctx(2, b"www.example.com", False),
                                 ctx(2, b"bad_name.example.com", False)))
    add("dns-name-invalid", ["dns-name-invalid"], s,
        "dNSName with an underscore")

    s = leaf_spec(); s["ext"][5] = ext("san", seq())
    s["subject"] = name([("C", printable("US"))], [("O", utf8("Example"))])
    add("san-no-entries", ["san-no-entries"], s,
        "subjectAltName an empty SEQUENCE (subject without CN)")
    s = leaf_spec()
    s["ext"][5] = ext("san", seq(ctx(2, b"www.example.com", False),
                                 ctx(2, b"", False)))
    add("san-empty-name", ["san-empty-name"], s, "an empty dNSName")
    s = leaf_spec()
    s["ext"][5] = ext("san", seq(ctx(2, b"www.example.com", False),
                                 ctx(7, b"\xc0\x00\x02\x01\x00", False)))
    add("san-ip-length", ["san-ip-length"], s, "a 5-octet iPAddress")

    # Extensions
    s = leaf_spec(); s["ext"][0] = ext("aki", seq(ctx(0, CA_KID, False)), True)
    add("aki-critical", ["aki-critical"], s,
        "authorityKeyIdentifier critical")
    s = leaf_spec()
    s["ext"][1] = ext("ski", octets(key_id(spki_of(os.path.join(
        KEYS, "leaf.key")))), True)
    add("ski-critical", ["ski-critical"], s, "subjectKeyIdentifier critical")
    s = leaf_spec()
    s["ext"][2] = ext("ku", ku_bits("digitalSignature", "keyEncipherment"))
    add("ku-not-critical", ["ku-not-critical"], s, "keyUsage not critical")
    s = leaf_spec(); s["ext"].append(s["ext"][1])
    add("ext-duplicate", ["ext-duplicate"], s, "subjectKeyIdentifier twice")
    s = leaf_spec()
    s["ext"].append(ext("1.3.6.1.4.1.55555.1", null(), True))
    add("ext-unknown-critical", ["ext-unknown-critical"], s,
        "critical private extension 1.3.6.1.4.1.55555.1")
    s = leaf_spec(); s["ext"][2] = ext("ku", integer(5), True)
    add("ext-malformed", ["ext-malformed"], s,
        "keyUsage value is an INTEGER")

    # Roles
    s = ca_spec(); s["ext"][1] = ext("ku", ku_bits("cRLSign"), True)
    add("ca-no-keycertsign", ["ca-no-keycertsign"], s,
        "CA keyUsage cRLSign only")
    s = ca_spec(); del s["ext"][2]
    add("ca-no-ski", ["ca-no-ski"], s, "CA without subjectKeyIdentifier")
    s = ca_spec(); s["ext"][0] = ext("bc", seq(boolean(True)))
    add("ca-bc-not-critical", ["ca-bc-not-critical"], s,
        "CA basicConstraints not critical")
    s = leaf_spec()
    s["ext"][2] = ext("ku", ku_bits("digitalSignature", "keyEncipherment",
                                    "keyCertSign"), True)
    add("keycertsign-not-ca", ["keycertsign-not-ca"], s,
        "leaf keyUsage with keyCertSign")
    s = leaf_spec(); s["ext"][4] = ext("bc", seq(integer(0)), True)
    add("pathlen-not-ca", ["pathlen-not-ca"], s,
        "leaf basicConstraints pathLenConstraint 0")
    s = leaf_spec(); s["ext"][4] = ext("bc", seq(boolean(True)), True)
    s["ext"][2] = ext("ku", ku_bits("digitalSignature", "keyEncipherment",
                                    "keyCertSign"), True)
    add("leaf-ca-true", ["leaf-ca-true"], s,
        "host-name certificate with cA TRUE")
    s = leaf_spec(); del s["ext"][0]
    add("aki-missing", ["aki-missing"], s, "no authorityKeyIdentifier")
    s = leaf_spec(); s["subject"] = seq()
    add("empty-subject-san-not-critical", ["empty-subject-san-not-critical"],
        s, "empty subject, subjectAltName not critical")
    s = leaf_spec(); s["subject"] = seq()
    s["ext"][5] = ext("san", seq(ctx(2, b"www.example.com", False),
                                 ctx(2, b"example.com", False)), True)
    add("empty-subject-clean", [], s,
        "empty subject with a critical subjectAltName (twin)")

    # Key usage
    s = leaf_spec(); s["ext"][2] = ext("ku", ku_bits(), True)
    add("ku-empty", ["ku-empty"], s, "keyUsage with no bit set")
    add("ku-encipher-decipher-only", ["ku-encipher-decipher-only"],
        ec_leaf("ec-p256.key", ku=("digitalSignature", "encipherOnly")),
        "EC leaf with encipherOnly and no keyAgreement")
    s = ec_leaf("ec-p256.key", ku=("digitalSignature", "keyEncipherment"))
    s["ext"][3] = ext("eku", seq(oid("1.3.6.1.5.5.7.3.2")))
    add("ku-key-mismatch", ["ku-key-mismatch"], s,
        "EC client certificate with keyEncipherment")
    s = leaf_spec()
    s["ext"][2] = ext("ku", ku_bits("digitalSignature", "keyEncipherment",
                                    "dataEncipherment"), True)
    add("ku-tls-leaf-bits", ["ku-tls-leaf-bits"], s,
        "TLS leaf keyUsage with dataEncipherment")

    # Policy extensions (decoded through the PKIX module)
    s = ca_spec()
    s["ext"] += [
        ext("iap", integer(0), True),
        ext("pc", seq(ctx(0, b"\x00", False)), True),
        ext("pm", seq(seq(oid("2.23.140.1.2.1"), oid("1.3.6.1.4.1.55555.2"))),
            True),
    ]
    add("ca-policy-clean", [], s,
        "CA with critical inhibitAnyPolicy, policyConstraints and "
        "policyMappings (twin)")
    s = ca_spec(); s["ext"].append(ext("iap", integer(0)))
    add("inhibitanypolicy-not-critical", ["inhibitanypolicy-not-critical"],
        s, "inhibitAnyPolicy not critical")
    s = ca_spec(); s["ext"].append(ext("iap", integer(-1), True))
    add("inhibitanypolicy-negative", ["inhibitanypolicy-negative"], s,
        "inhibitAnyPolicy is -1")
    s = ca_spec()
    s["ext"].append(ext("pc", seq(ctx(0, b"\x00", False))))
    add("policyconstraints-not-critical", ["policyconstraints-not-critical"],
        s, "policyConstraints not critical")
    s = ca_spec(); s["ext"].append(ext("pc", seq(), True))
    add("policyconstraints-empty", ["policyconstraints-empty"], s,
        "policyConstraints is an empty SEQUENCE")
    s = ca_spec()
    s["ext"].append(ext("pm", seq(seq(oid("2.5.29.32.0"),
                                      oid("2.23.140.1.2.1"))), True))
    add("policymappings-anypolicy", ["policymappings-anypolicy"], s,
        "policyMappings maps anyPolicy")
    s = leaf_spec()
    s["ext"][-1] = ext("cp", seq(
        seq(oid("2.23.140.1.2.1")),
        seq(oid("1.3.6.1.4.1.55555.1.3"), seq(
            seq(oid("1.3.6.1.5.5.7.2.1"), ia5("https://cps.example.com/cps")),
            seq(oid("1.3.6.1.5.5.7.2.2"), seq(
                seq(utf8("Example CA"), seq(integer(1), integer(2))),
                bmp("Gr\u00fc\u00dfe \u20ac")))))))
    add("policy-qualifiers-clean", [], s,
        "leaf whose private policy has a CPS URI and a user notice with "
        "notice reference and BMPString text (twin)")
    s = leaf_spec()
    s["ext"].append(ext("qc", seq(seq(oid("0.4.0.1862.1.1")),
                                  seq(oid("0.4.0.1862.1.6"),
                                      seq(oid("0.4.0.1862.1.6.3"))))))
    add("qc-clean", [], s,
        "leaf with qcStatements QcCompliance and QcType web (twin)")
    return f


def main():
    out = HERE
    listing = []
    readme = []
    for fname, expect, spec, note in fixtures():
        der = build(spec)
        with open(os.path.join(out, fname + ".pem"), "w") as fp:
            fp.write(pem(der))
        listing.append("%s %s" % (fname + ".pem",
                                  ",".join(expect) if expect else "-"))
        readme.append("- `%s.pem`: %s; %s." % (
            fname, note, "no finding" if not expect else
            "finding " + ", ".join("`%s`" % e for e in expect)))
    with open(os.path.join(out, "expected.txt"), "w") as fp:
        fp.write("# file expected-finding-ids (at 2024-06-01T00:00:00Z,"
                 " --warn-days 30)\n")
        fp.write("\n".join(listing) + "\n")
    with open(os.path.join(out, "README.md"), "w") as fp:
        fp.write("# Lint fixtures\n\n"
                 "Made by `gen.sh` (keys in `keys/`, certificates crafted by "
                 "`gen.py`, signed\nby `keys/ca.key`; run by hand, `make "
                 "check` never runs it). Each file is\n`leaf-clean.pem` or "
                 "`ca-clean.pem` with one change; findings are those at\n"
                 "2024-06-01T00:00:00Z with `--warn-days 30` "
                 "(`expected.txt`, checked by\n`tests/unit/check_lint.c` and "
                 "`tests/e2e/cli-lint.sh`).\n\n"
                 "- `gen.sh`, `gen.py`: the generator; no defect.\n"
                 "- `expected.txt`: file -> expected finding ids; no defect."
                 "\n- `keys/*.key`: test keys (CA RSA 2048, leaf RSA 2048, "
                 "RSA 1024, RSA e=3,\n  P-256, P-224, secp256k1); no "
                 "defect.\n")
        fp.write("\n".join(readme) + "\n")


if __name__ == "__main__":
    sys.exit(main())
