#!/usr/bin/env python3
"""Write a corpus of realistic TLS server certificates for the decode
benchmark (stdlib only; signatures through the system libcrypto).

  corpus.py OUTDIR COUNT KEYDIR

Two roots (RSA 2048, ECDSA P-384) each issue one intermediate (RSA 2048,
ECDSA P-256); COUNT leaves alternate between the intermediates and reuse a
handful of subject keys from KEYDIR (data/keys).  Each leaf looks like a
public WebPKI certificate: 1 to 40 dNSNames, keyUsage, extKeyUsage,
basicConstraints, SKID/AKID, AIA (OCSP + caIssuers), CRL distribution
point, certificate policies (DV or OV) and, for most, an SCT list.

Output in OUTDIR: leaves.pem (all leaves), cas.pem (intermediates then
roots), small.pem (the first leaf alone).  Leaves are deterministic except
for ECDSA signatures.
"""

import base64
import ctypes
import ctypes.util
import datetime
import hashlib
import os
import struct
import subprocess
import sys


# --- DER -----------------------------------------------------------------

def enc_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + enc_len(len(body)) + body


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_(*items):
    return tlv(0x31, b"".join(items))


def ctx(n, body, constructed=True):
    return tlv((0xA0 if constructed else 0x80) | n, body)


def integer(v):
    if isinstance(v, int):
        b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    else:
        b = v
        if b[0] & 0x80:
            b = b"\x00" + b
    return tlv(0x02, b)


def oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    out = bytearray([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, bytes(out))


def boolean(v):
    return tlv(0x01, b"\xff" if v else b"\x00")


def octets(b):
    return tlv(0x04, b)


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def utctime(y, mo, d, h=0, mi=0, s=0):
    if 1950 <= y < 2050:
        return tlv(0x17, b"%02d%02d%02d%02d%02d%02dZ"
                   % (y % 100, mo, d, h, mi, s))
    return tlv(0x18, b"%04d%02d%02d%02d%02d%02dZ" % (y, mo, d, h, mi, s))


def read_tlv(buf, off):
    first = buf[off + 1]
    if first < 0x80:
        return buf[off], 2, first
    n = first & 0x7F
    return buf[off], 2 + n, int.from_bytes(buf[off + 2:off + 2 + n], "big")


def children(body):
    out = []
    off = 0
    while off < len(body):
        _, hl, ln = read_tlv(body, off)
        out.append(body[off:off + hl + ln])
        off += hl + ln
    return out


def content(t):
    _, hl, ln = read_tlv(t, 0)
    return t[hl:hl + ln]


def pem(der):
    b64 = base64.b64encode(der).decode()
    return ("-----BEGIN CERTIFICATE-----\n"
            + "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
            + "\n-----END CERTIFICATE-----\n")


# --- names and extensions --------------------------------------------------

OID_CN, OID_C, OID_ST, OID_L, OID_O = ("2.5.4.3", "2.5.4.6", "2.5.4.8",
                                       "2.5.4.7", "2.5.4.10")
SIG_RSA_SHA256 = seq(oid("1.2.840.113549.1.1.11"), tlv(0x05, b""))
SIG_ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"))
SIG_ECDSA_SHA384 = seq(oid("1.2.840.10045.4.3.3"))


def name(*rdns):
    out = []
    for o, v in rdns:
        tag = 0x13 if o == OID_C else 0x0C
        out.append(set_(seq(oid(o), tlv(tag, v.encode()))))
    return seq(*out)


def ext(o, value, critical=False):
    return seq(oid(o), *( [boolean(True)] if critical else []), octets(value))


def key_id(spki):
    """RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits."""
    bitstring = children(content(spki))[1]
    return hashlib.sha1(content(bitstring)[1:]).digest()


def sct_list(seed, when_ms, n):
    scts = b""
    for k in range(n):
        s = seed + bytes([k])
        log_id = hashlib.sha256(b"log" + bytes([k])).digest()
        r = hashlib.sha256(s + b"r").digest()
        sv = hashlib.sha256(s + b"s").digest()
        sig = seq(integer(r), integer(sv))
        body = (b"\x00" + log_id + struct.pack(">QH", when_ms + k, 0)
                + b"\x04\x03" + struct.pack(">H", len(sig)) + sig)
        scts += struct.pack(">H", len(body)) + body
    return octets(struct.pack(">H", len(scts)) + scts)


# --- signing -----------------------------------------------------------------

class Signer:
    """EVP_DigestSign through ctypes; falls back to `openssl dgst`."""

    def __init__(self, keyfile, digest):
        self.keyfile = keyfile
        self.digest = digest
        self.lib = None
        self.pkey = None
        path = ctypes.util.find_library("crypto")
        if path is None:
            return
        try:
            lib = ctypes.CDLL(path)
            lib.BIO_new_mem_buf.restype = ctypes.c_void_p
            lib.BIO_new_mem_buf.argtypes = [ctypes.c_char_p, ctypes.c_int]
            lib.PEM_read_bio_PrivateKey.restype = ctypes.c_void_p
            lib.PEM_read_bio_PrivateKey.argtypes = [ctypes.c_void_p] * 4
            lib.BIO_free.argtypes = [ctypes.c_void_p]
            lib.EVP_get_digestbyname.restype = ctypes.c_void_p
            lib.EVP_get_digestbyname.argtypes = [ctypes.c_char_p]
            lib.EVP_MD_CTX_new.restype = ctypes.c_void_p
            lib.EVP_MD_CTX_free.argtypes = [ctypes.c_void_p]
            lib.EVP_DigestSignInit.argtypes = [ctypes.c_void_p] * 5
            lib.EVP_DigestSign.argtypes = [
                ctypes.c_void_p, ctypes.c_char_p,
                ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p,
                ctypes.c_size_t]
            data = open(keyfile, "rb").read()
            bio = lib.BIO_new_mem_buf(data, len(data))
            pkey = lib.PEM_read_bio_PrivateKey(bio, None, None, None)
            lib.BIO_free(bio)
            md = lib.EVP_get_digestbyname(digest.encode())
            if pkey and md:
                self.lib, self.pkey, self.md = lib, pkey, md
        except (OSError, AttributeError):
            self.lib = None

    def sign(self, tbs):
        if self.lib is None:
            p = subprocess.run(["openssl", "dgst", "-" + self.digest,
                                "-sign", self.keyfile, "-binary"],
                               input=tbs, capture_output=True, check=True)
            return p.stdout
        lib = self.lib
        mctx = lib.EVP_MD_CTX_new()
        try:
            if lib.EVP_DigestSignInit(mctx, None, self.md, None,
                                      self.pkey) != 1:
                raise RuntimeError("EVP_DigestSignInit failed")
            n = ctypes.c_size_t(0)
            if lib.EVP_DigestSign(mctx, None, ctypes.byref(n), tbs,
                                  len(tbs)) != 1:
                raise RuntimeError("EVP_DigestSign (size) failed")
            buf = ctypes.create_string_buffer(n.value)
            if lib.EVP_DigestSign(mctx, buf, ctypes.byref(n), tbs,
                                  len(tbs)) != 1:
                raise RuntimeError("EVP_DigestSign failed")
            return buf.raw[:n.value]
        finally:
            lib.EVP_MD_CTX_free(mctx)


def spki_of(keyfile):
    p = subprocess.run(["openssl", "pkey", "-in", keyfile, "-pubout",
                        "-outform", "DER"], capture_output=True, check=True)
    return p.stdout


class CA:
    def __init__(self, subject, keyfile, sigalg, digest):
        self.subject = subject
        self.spki = spki_of(keyfile)
        self.kid = key_id(self.spki)
        self.sigalg = sigalg
        self.signer = Signer(keyfile, digest)
        self.der = None

    def issue(self, tbs_fields):
        tbs = seq(*tbs_fields)
        return seq(tbs, self.sigalg, bits(self.signer.sign(tbs)))


def ca_cert(ca, issuer, serial, pathlen):
    bc = seq(boolean(True), integer(pathlen)) if pathlen is not None \
        else seq(boolean(True))
    exts = [ext("2.5.29.19", bc, True),
            ext("2.5.29.15", bits(b"\x06", 1), True),  # keyCertSign, cRLSign
            ext("2.5.29.14", octets(ca.kid))]
    if issuer is not ca:
        exts.append(ext("2.5.29.35", seq(ctx(0, issuer.kid, False))))
    return issuer.issue([ctx(0, integer(2)), integer(serial), issuer.sigalg,
                         issuer.subject,
                         seq(utctime(2020, 1, 1), utctime(2040, 1, 1)),
                         ca.subject, ca.spki, ctx(3, seq(*exts))])


def leaf_cert(i, ca, spki, is_rsa):
    h = hashlib.sha256(b"leaf %d" % i).digest()
    serial = bytes([h[0] & 0x7F | 0x01]) + h[1:16]
    site = "site%05d.example" % i
    nsan = 1 + h[16] % 40
    names = [("www." + site) if k == 0 else
             site if k == 1 else
             ("*." + site) if k == 2 else
             "host%02d.%s" % (k, site) for k in range(nsan)]
    ov = h[17] % 10 < 3
    if ov:
        subject = name((OID_C, "US"), (OID_ST, "California"),
                       (OID_L, "San Francisco"),
                       (OID_O, "Example Org %d" % i), (OID_CN, names[0]))
    else:
        subject = name((OID_CN, names[0]))
    # Issued during 2024; DV for 90 days, OV for 397.
    t0 = datetime.datetime(2024, 1, 1) + datetime.timedelta(
        days=(i * 7919) % 366, hours=h[18] % 24)
    t1 = t0 + datetime.timedelta(days=397 if ov else 90)
    nb = utctime(t0.year, t0.month, t0.day, t0.hour)
    na = utctime(t1.year, t1.month, t1.day, t1.hour)
    ku = b"\xa0" if is_rsa else b"\x80"   # digitalSignature(+keyEncipherment)
    pol = [seq(oid("2.23.140.1.2.2" if ov else "2.23.140.1.2.1"))]
    if ov:
        pol.append(seq(oid("1.3.6.1.4.1.55555.1.1"),
                       seq(seq(oid("1.3.6.1.5.5.7.2.1"),
                               tlv(0x16, b"https://cps.example.com/")))))
    aia = seq(seq(oid("1.3.6.1.5.5.7.48.1"),
                  ctx(6, b"http://ocsp.example.com/", False)),
              seq(oid("1.3.6.1.5.5.7.48.2"),
                  ctx(6, b"http://ca.example.com/int%d.der" % (i % 2 + 1),
                      False)))
    crldp = seq(seq(ctx(0, ctx(0, ctx(6, b"http://crl.example.com/int%d.crl"
                                      % (i % 2 + 1), False)))))
    san = seq(*[ctx(2, n.encode(), False) for n in names])
    exts = [ext("2.5.29.15", bits(ku, 5), True),
            ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.1"),
                                 oid("1.3.6.1.5.5.7.3.2"))),
            ext("2.5.29.19", seq(), True),
            ext("2.5.29.14", octets(key_id(spki))),
            ext("2.5.29.35", seq(ctx(0, ca.kid, False))),
            ext("1.3.6.1.5.5.7.1.1", aia),
            ext("2.5.29.17", san),
            ext("2.5.29.32", seq(*pol)),
            ext("2.5.29.31", crldp)]
    if h[19] % 10 < 8:
        exts.append(ext("1.3.6.1.4.1.11129.2.4.2",
                        sct_list(h[:8], 1704067200000 + i * 1000,
                                 2 + h[20] % 2)))
    return ca.issue([ctx(0, integer(2)), integer(serial), ca.sigalg,
                     ca.subject, seq(nb, na), subject, spki,
                     ctx(3, seq(*exts))])


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    outdir, count, keydir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    k = lambda n: os.path.join(keydir, n + ".key")
    org = (OID_O, "certshow bench")
    r1 = CA(name(org, (OID_CN, "certshow Bench Root R1")), k("root"),
            SIG_RSA_SHA256, "sha256")
    r2 = CA(name(org, (OID_CN, "certshow Bench Root E1")), k("ecdsa-p384"),
            SIG_ECDSA_SHA384, "sha384")
    i1 = CA(name(org, (OID_CN, "certshow Bench RSA CA 1")), k("int"),
            SIG_RSA_SHA256, "sha256")
    i2 = CA(name(org, (OID_CN, "certshow Bench ECC CA 2")), k("certs-leaf"),
            SIG_ECDSA_SHA256, "sha256")
    cas = [ca_cert(i1, r1, 0x11, 0), ca_cert(i2, r2, 0x12, 0),
           ca_cert(r1, r1, 0x01, None), ca_cert(r2, r2, 0x02, None)]
    # Subject keys: four RSA (one 4096) and two ECDSA, reused.
    pool = [("leaf", True), ("ecdsa-p256", False), ("rsa2048", True),
            ("certs-ca", True), ("ecdsa-p384", False), ("rsa4096", True)]
    spkis = [(spki_of(k(n)), rsa) for n, rsa in pool]

    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "cas.pem"), "w") as f:
        f.write("".join(pem(c) for c in cas))
    with open(os.path.join(outdir, "leaves.pem"), "w") as f:
        for i in range(count):
            spki, rsa = spkis[i % len(spkis)]
            der = leaf_cert(i, i1 if i % 2 == 0 else i2, spki, rsa)
            f.write(pem(der))
            if i == 0:
                with open(os.path.join(outdir, "small.pem"), "w") as s:
                    s.write(pem(der))


if __name__ == "__main__":
    main()
