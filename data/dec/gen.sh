#!/bin/sh
# gen.sh - rebuild the certificate decoder's fixtures (data/dec/*.pem).
#
# Run by hand from anywhere: sh data/dec/gen.sh. Needs python3 with the
# "cryptography" package (keys and signatures). `make check` never runs
# it.
#
# The certificates are assembled field by field with a small DER encoder,
# so each fixture carries exactly the encoding under test (v1, negative
# serial, BMPString names, every GeneralName type, ...), and then signed
# for real. Validity windows sit far from today (2000-2099) except where
# the dates are the point (pre-1970, post-2050). Keys are regenerated on
# every run: tests assert fingerprints only through *.fp (SHA-256 and
# SHA-1 of the DER, base64 SHA-256 of the SPKI), which this script writes
# from the bytes it assembled.
set -eu
cd "$(dirname "$0")"
mkdir -p keys
python3 - <<'PY'
import datetime, os
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

def L(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b

def tlv(tag, body):
    return bytes([tag]) + L(len(body)) + body

def seq(*xs): return tlv(0x30, b"".join(xs))
def set_(*xs): return tlv(0x31, b"".join(xs))
def ctx(n, body, cons=True): return tlv((0xA0 if cons else 0x80) | n, body)
def octet(b): return tlv(0x04, b)
def boolean(v): return tlv(0x01, b"\xff" if v else b"\x00")
def null(): return b"\x05\x00"
def bits(b, unused=0): return tlv(0x03, bytes([unused]) + b)
def utf8(s): return tlv(0x0C, s.encode() if isinstance(s, str) else s)
def printable(s): return tlv(0x13, s.encode())
def ia5(s): return tlv(0x16, s.encode() if isinstance(s, str) else s)
def t61(b): return tlv(0x14, b)
def bmp(s): return tlv(0x1E, s.encode("utf-16-be"))
def univ(s): return tlv(0x1C, s.encode("utf-32-be"))

def oid(s):
    a = [int(x) for x in s.split(".")]
    out = b""
    for v in [a[0] * 40 + a[1]] + a[2:]:
        bs = [v & 0x7F]
        v >>= 7
        while v:
            bs.append(0x80 | (v & 0x7F))
            v >>= 7
        out += bytes(reversed(bs))
    return tlv(0x06, out)

def integer(v):
    n = 1
    while True:
        try:
            return tlv(0x02, v.to_bytes(n, "big", signed=True))
        except OverflowError:
            n += 1

def int_raw(b): return tlv(0x02, b)

def time(dt):
    if 1950 <= dt.year < 2050:
        return tlv(0x17, dt.strftime("%y%m%d%H%M%SZ").encode())
    return tlv(0x18, dt.strftime("%Y%m%d%H%M%SZ").encode())

D = datetime.datetime
NB, NA = D(2000, 1, 1), D(2099, 12, 31, 23, 59, 59)

def atv(o, v): return seq(oid(o), v)
def name(*rdns): return seq(*[set_(*r) for r in rdns])
def ext(o, val, crit=None):
    return seq(oid(o), *([boolean(crit)] if crit is not None else []),
               octet(val))

CN, C, O, OU, L_, ST = "2.5.4.3", "2.5.4.6", "2.5.4.10", "2.5.4.11", \
    "2.5.4.7", "2.5.4.8"

SIG = {
    "sha256rsa": seq(oid("1.2.840.113549.1.1.11"), null()),
    "sha1rsa": seq(oid("1.2.840.113549.1.1.5"), null()),
    "ecdsa384": seq(oid("1.2.840.10045.4.3.3")),
    "ed25519": seq(oid("1.3.101.112")),
    "pss": seq(oid("1.2.840.113549.1.1.10"), seq(
        ctx(0, seq(oid("2.16.840.1.101.3.4.2.1"), null())),
        ctx(1, seq(oid("1.2.840.113549.1.1.8"),
                   seq(oid("2.16.840.1.101.3.4.2.1"), null()))),
        ctx(2, integer(32)))),
}

def sign(key, alg, tbs):
    if alg == "sha256rsa":
        return key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    if alg == "sha1rsa":
        return key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    if alg == "pss":
        return key.sign(tbs, padding.PSS(padding.MGF1(hashes.SHA256()), 32),
                        hashes.SHA256())
    if alg == "ecdsa384":
        return key.sign(tbs, ec.ECDSA(hashes.SHA384()))
    return key.sign(tbs)

def spki(key):
    return key.public_key().public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo)

def cert(out, issuer_key, alg, serial, issuer, subject, key, exts=None,
         version=3, nb=NB, na=NA, inner_alg=None):
    parts = []
    if version != 1 or exts == "explicit-v1":
        parts.append(ctx(0, integer(version - 1)))
    parts += [serial if isinstance(serial, bytes) else integer(serial),
              inner_alg or SIG[alg], issuer, seq(time(nb), time(na)),
              subject, spki(key)]
    if exts and exts != "explicit-v1":
        parts.append(ctx(3, seq(*exts)))
    tbs = seq(*parts)
    der = seq(tbs, SIG[alg], bits(sign(issuer_key, alg, tbs)))
    import base64, hashlib
    with open(out + ".fp", "w") as f:
        hx = lambda d: ":".join("%02X" % b for b in d)
        f.write(hx(hashlib.sha256(der).digest()) + "\n")
        f.write(hx(hashlib.sha1(der).digest()) + "\n")
        f.write(base64.b64encode(hashlib.sha256(spki(key)).digest()).decode()
                + "\n")
    b64 = base64.b64encode(der).decode()
    with open(out + ".pem", "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\n")
        for i in range(0, len(b64), 64):
            f.write(b64[i:i + 64] + "\n")
        f.write("-----END CERTIFICATE-----\n")

def savekey(k, n):
    with open("keys/" + n + ".pem", "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))
    return k

rsa_ca = savekey(rsa.generate_private_key(65537, 2048), "ca-rsa")
rsa_leaf = savekey(rsa.generate_private_key(65537, 2048), "leaf-rsa")
ec_ca = savekey(ec.generate_private_key(ec.SECP384R1()), "ca-ec")
ec_leaf = savekey(ec.generate_private_key(ec.SECP256R1()), "leaf-ec")
ed = savekey(ed25519.Ed25519PrivateKey.generate(), "ed25519")

SKI_CA = bytes(range(1, 21))
SKI_LEAF = bytes(range(0xA0, 0xB4))
ca_name = name([atv(C, printable("FR"))], [atv(O, utf8("certshow"))],
               [atv(CN, utf8("certshow dec test CA"))])
ku = lambda b, unused: ext("2.5.29.15", bits(b, unused), True)

# Root CA with name constraints (permitted and excluded subtrees).
cert("ca-rsa", rsa_ca, "sha256rsa", 1, ca_name, ca_name, rsa_ca, [
    ext("2.5.29.19", seq(boolean(True), integer(1)), True),
    ku(b"\x06", 1),   # keyCertSign, cRLSign
    ext("2.5.29.14", octet(SKI_CA)),
    # [0] and [1] are IMPLICIT: they replace the SEQUENCE OF tag.
    ext("2.5.29.30", seq(
        ctx(0, seq(ctx(2, b".example.com", False)) +
            seq(ctx(7, bytes([10, 0, 0, 0, 255, 0, 0, 0]), False))),
        ctx(1, seq(ctx(2, b"bad.example.com", False)) +
            seq(ctx(4, name([atv(O, utf8("Evil"))]))) +
            seq(ctx(1, b"example.net", False)))), True),
])

# Leaf with every decoded extension.
sct = lambda lid, ts: (bytes([0]) + bytes([lid]) * 32 + ts.to_bytes(8, "big")
                       + b"\x00\x00" + b"\x04\x03" + b"\x00\x02" + b"\x30\x00")
scts = [sct(0x11, 1577836800000), sct(0x22, 1577836801234)]
body = b"".join(len(s).to_bytes(2, "big") + s for s in scts)
sct_list = octet(len(body).to_bytes(2, "big") + body)
san = seq(
    ctx(2, b"www.example.com", False),
    ctx(2, b"*.example.org", False),
    ctx(7, bytes([192, 0, 2, 1]), False),
    ctx(7, bytes.fromhex("20010db8000000000000000000000001"), False),
    ctx(1, b"admin@example.com", False),
    ctx(6, b"https://example.com/path", False),
    ctx(4, name([atv(C, printable("FR"))], [atv(O, utf8("Dir, Inc."))],
                [atv(CN, utf8("dir name"))])),
    ctx(0, oid("1.3.6.1.5.5.7.8.9") + ctx(0, utf8("user@example.com"))),
    ctx(8, oid("1.2.3.4.5")[2:], False),
)
aia = seq(
    seq(oid("1.3.6.1.5.5.7.48.1"), ctx(6, b"http://ocsp1.example.com", False)),
    seq(oid("1.3.6.1.5.5.7.48.2"), ctx(6, b"http://ca.example.com/ca.der",
                                        False)),
    seq(oid("1.3.6.1.5.5.7.48.1"), ctx(6, b"http://ocsp2.example.com", False)),
    seq(oid("1.3.6.1.5.5.7.48.2"), ctx(6, b"ldap://ca.example.com/ca",
                                        False)),
    seq(oid("1.3.6.1.5.5.7.48.1"), ctx(2, b"not-a-uri.example.com", False)),
)
crldp = seq(
    seq(ctx(0, ctx(0, ctx(6, b"http://crl1.example.com/a.crl", False) +
                   ctx(6, b"ldap://crl1.example.com/a", False)))),
    seq(ctx(0, ctx(0, ctx(6, b"http://crl2.example.com/b.crl", False)))),
)
leaf_name = name(
    [atv(C, printable("FR"))], [atv(ST, utf8("Ile-de-France"))],
    [atv(L_, utf8("Paris"))], [atv(O, utf8("Example, Inc."))],
    [atv(OU, utf8("Ops"))],
    [atv(CN, utf8("www.example.com")),
     atv("0.9.2342.19200300.100.1.1", utf8("uid42"))],
    [atv("1.2.840.113549.1.9.1", ia5("admin@example.com"))],
    [atv("0.9.2342.19200300.100.1.25", ia5("com"))],
)
cert("leaf-rsa", rsa_ca, "sha256rsa",
     int_raw(bytes.fromhex("008f00112233445566778899aabbccddee")),
     ca_name, leaf_name, rsa_leaf, [
    ext("2.5.29.19", seq(), True),
    ku(b"\xa0", 5),   # digitalSignature, keyEncipherment
    ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    ext("2.5.29.14", octet(SKI_LEAF)),
    ext("2.5.29.35", seq(ctx(0, SKI_CA, False))),
    ext("2.5.29.17", san),
    ext("1.3.6.1.5.5.7.1.1", aia),
    ext("2.5.29.31", crldp),
    ext("2.5.29.32", seq(seq(oid("2.23.140.1.2.2")),
                         seq(oid("1.3.6.1.4.1.99999.1.2"),
                             seq(seq(oid("1.3.6.1.5.5.7.2.1"),
                                     ia5("https://example.com/cps")))))),
    ext("1.3.6.1.5.5.7.1.24", seq(integer(5))),
    ext("1.3.6.1.4.1.11129.2.4.2", sct_list),
    ext("1.3.6.1.4.1.99999.7", octet(b"opaque")),
])

# x400Address and ediPartyName (GnuTLS refuses these, so they are kept
# out of leaf-rsa, which both decoders must load).
cert("san-exotic", rsa_ca, "sha256rsa", 14, ca_name,
     name([atv(CN, utf8("exotic SAN"))]), rsa_leaf, [
    ext("2.5.29.17", seq(ctx(3, seq(), True), ctx(5, ctx(1, utf8("party")))))])

# EC chain; names in every string type, escaping cases, EV attributes,
# pre-1970 notBefore (UTCTime) and post-2050 notAfter (GeneralizedTime).
ec_ca_name = name([atv(CN, utf8("certshow dec EC CA"))])
cert("ca-ec", ec_ca, "ecdsa384", 2, ec_ca_name, ec_ca_name, ec_ca, [
    ext("2.5.29.19", seq(boolean(True)), True),
    ku(b"\x06", 1),
])
ec_name = name(
    [atv("1.3.6.1.4.1.311.60.2.1.3", printable("FR"))],
    [atv("1.3.6.1.4.1.311.60.2.1.2", utf8("Bretagne"))],
    [atv("1.3.6.1.4.1.311.60.2.1.1", utf8("Rennes"))],
    [atv("2.5.4.15", utf8("Private Organization"))],
    [atv("2.5.4.5", printable("123 456 789"))],
    [atv("2.5.4.97", utf8("VATFR-12345678901"))],
    [atv(O, bmp("Zo\u00eb \u65e5\u672c"))],
    [atv(OU, t61(b"Caf\xe9"))],
    [atv(L_, univ("M\u00fcnchen"))],
    [atv("2.5.4.9", utf8(" #lead,+\"\\<>;trail "))],
)
cert("leaf-ec", ec_ca, "ecdsa384",
     int_raw(bytes.fromhex("7f0102030405060708090a0b0c0d0e0f10111213")),
     ec_ca_name, ec_name, ec_leaf, [
    ext("2.5.29.17", seq(ctx(2, b"ec.example.com", False))),
], nb=D(1969, 7, 20, 20, 17, 40), na=D(2061, 1, 2, 3, 4, 5))

# NUL, a control character and invalid UTF-8 in a UTF8String, an INTEGER
# attribute value and a BMPString holding a UTF-16 surrogate pair (OpenSSL
# and Python refuse this one).
cert("odd-name", ec_ca, "ecdsa384", 3, ec_ca_name,
     name([atv(CN, utf8(b"nul\x00ctl\x01bad\xff"))],
          [atv("1.2.3.4.5.6", integer(258))],
          [atv(O, bmp("smile \U0001F600"))]), ec_leaf, [])

ed_name = name([atv(CN, utf8("ed25519 self-signed"))])
cert("ed25519", ed, "ed25519", 0x01, ed_name, ed_name, ed, [
    ext("2.5.29.19", seq(boolean(True)), True)])

v1_name = name([atv(CN, utf8("v1 leaf"))])
cert("v1", rsa_ca, "sha256rsa", 1000, ca_name, v1_name, rsa_leaf, None,
     version=1)
cert("pss", rsa_ca, "pss", 7, ca_name, name([atv(CN, utf8("pss"))]),
     rsa_leaf, [ext("2.5.29.19", seq(), True)])
cert("sha1", rsa_ca, "sha1rsa", 8, ca_name, name([atv(CN, utf8("sha1"))]),
     rsa_leaf, [ext("2.5.29.19", seq(), True)])
cert("big-serial", rsa_ca, "sha256rsa",
     int_raw(bytes([0x01]) + bytes(range(2, 41))), ca_name,
     name([atv(CN, utf8("40-octet serial"))]), rsa_leaf, [])

# Policy-level oddities: each loads, each with exactly one problem.
odd = lambda n: name([atv(CN, utf8(n))])
bc = ext("2.5.29.19", seq(), True)
cert("neg-serial", rsa_ca, "sha256rsa", -5, ca_name, odd("negative serial"),
     rsa_leaf, [bc])
cert("zero-serial", rsa_ca, "sha256rsa", 0, ca_name, odd("zero serial"),
     rsa_leaf, [bc])
cert("v1-ext", rsa_ca, "sha256rsa", 9, ca_name, odd("v1 with extensions"),
     rsa_leaf, [bc], version=1)
cert("unknown-critical", rsa_ca, "sha256rsa", 10, ca_name,
     odd("unknown critical"), rsa_leaf,
     [bc, ext("1.3.6.1.4.1.99999.9", octet(b"x"), True)])
cert("bad-ku", rsa_ca, "sha256rsa", 11, ca_name, odd("malformed keyUsage"),
     rsa_leaf, [bc, ext("2.5.29.15", null(), True)])
cert("dup-ext", rsa_ca, "sha256rsa", 12, ca_name, odd("duplicate SKI"),
     rsa_leaf, [bc, ext("2.5.29.14", octet(b"\x01")),
                ext("2.5.29.14", octet(b"\x02"))])
cert("alg-mismatch", rsa_ca, "sha256rsa", 13, ca_name,
     odd("inner algorithm differs"), rsa_leaf, [bc],
     inner_alg=SIG["sha1rsa"])
PY
echo "fixtures written to $(pwd)"
