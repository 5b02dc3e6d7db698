#!/usr/bin/env python3
"""Test PKI for the online tests, with URLs under a loopback base URL.

    online-pki.py BASE_URL OUTDIR

BASE_URL is the test's HTTP server (http://127.0.0.1:PORT); OUTDIR gets
the files the client reads (root.pem, leaf-*.pem) and OUTDIR/www the
tree the server serves. Validity 2000-2099 and fixed serials: verify at a
fixed time. Keys are P-256 (fast); each run makes new keys, so outputs
are never compared byte for byte, only verdicts.

Leaves (each alone in its file, its issuer absent):
  leaf-der     issued by "Online Int"; caIssuers BASE/ca/int.der (DER)
  leaf-p7      the same; caIssuers BASE/ca/int.p7c (PKCS#7 certs-only)
  leaf-deep    issued by "Online Int 2" (caIssuers BASE/ca/int2.der),
               itself issued by "Online Int" (caIssuers BASE/ca/int.der)
  leaf-loop    issued by "Loop A"; a.der is "Loop A" issued by "Loop B",
               b.der "Loop B" issued by "Loop A": never an anchor
  leaf-unrel   issued by "Online Int"; caIssuers serves "Unrelated CA"
  leaf-slow    caIssuers BASE/slow/int.der (the test delays it)
  leaf-huge    caIssuers BASE/huge/int.der (the test makes it large)
  leaf-redir   caIssuers BASE/redir/int.der (the test loops it)
  leaf-404     caIssuers BASE/ca/none.der (not served)
  leaf-ldap    caIssuers ldap://127.0.0.1/cn=x only (never fetched)
  leaf-bench   issued by "Online Int" (caIssuers BASE/ca/int.der), OCSP
               URL BASE/ocsp; its key in leaf-bench.key and a "good"
               OCSP response for it, signed by "Online Int", served at
               BASE/ocsp (bench/online-bench.sh)
  leaf-crl     the valid twin of leaf-der with a CRL distribution point
               BASE/crl/int.crl; crl/int.crl revokes serial 0x66
               (leaf-revoked), crl/root.crl revokes nothing
"""

import datetime
import os
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import ExtendedKeyUsageOID

from testpki import (DER, NA, cert, crl, key, key_pem, name, ocsp_response,
                     pem, write)

CRL_THIS = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
CRL_NEXT = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)


def leaf(skey, issuer, ikey, serial, **kw):
    """An online.test server certificate."""
    return cert("online.test", skey, issuer, ikey, serial, False,
                eku=[ExtendedKeyUsageOID.SERVER_AUTH], dns="online.test",
                **kw)


def crl_of(issuer, ikey, revoked):
    return crl(name(issuer), ikey, revoked, CRL_THIS, CRL_NEXT, CRL_THIS)


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    www = os.path.join(out, "www")

    def put(rel, data):
        write(os.path.join(www, rel), data)

    def save(fn, *certs):
        write(os.path.join(out, fn), pem(*certs))

    der = DER
    rk, ik, i2k, uk, ak, bk = key(), key(), key(), key(), key(), key()
    root = cert("Online Root", rk, "Online Root", rk, 1, True)
    inter = cert("Online Int", ik, "Online Root", rk, 2, True,
                 crl_url=base + "/crl/root.crl")
    inter2 = cert("Online Int 2", i2k, "Online Int", ik, 3, True,
                  aia=[base + "/ca/int.der"])
    other = cert("Unrelated CA", uk, "Unrelated CA", uk, 4, True)
    loop_a = cert("Loop A", ak, "Loop B", bk, 5, True,
                  aia=[base + "/loop/b.der"])
    loop_b = cert("Loop B", bk, "Loop A", ak, 6, True,
                  aia=[base + "/loop/a.der"])
    save("root.pem", root)
    put("ca/int.der", inter.public_bytes(der))
    for d in ("slow", "huge", "redir"):
        put(d + "/int.der", inter.public_bytes(der))
    put("ca/int.p7c", pkcs7.serialize_certificates([inter], der))
    put("ca/int2.der", inter2.public_bytes(der))
    put("ca/other.der", other.public_bytes(der))
    put("loop/a.der", loop_a.public_bytes(der))
    put("loop/b.der", loop_b.public_bytes(der))
    put("crl/int.crl", crl_of("Online Int", ik, [0x66]).public_bytes(der))
    put("crl/root.crl", crl_of("Online Root", rk, []).public_bytes(
        serialization.Encoding.PEM))

    leaves = [
        ("leaf-der", ik, "Online Int", [base + "/ca/int.der"], None, 0x61),
        ("leaf-p7", ik, "Online Int", [base + "/ca/int.p7c"], None, 0x62),
        ("leaf-deep", i2k, "Online Int 2", [base + "/ca/int2.der"], None,
         0x63),
        ("leaf-loop", ak, "Loop A", [base + "/loop/a.der"], None, 0x64),
        ("leaf-unrel", ik, "Online Int", [base + "/ca/other.der"], None,
         0x65),
        ("leaf-revoked", ik, "Online Int", [base + "/ca/int.der"],
         base + "/crl/int.crl", 0x66),
        ("leaf-crl", ik, "Online Int", [base + "/ca/int.der"],
         base + "/crl/int.crl", 0x67),
        ("leaf-slow", ik, "Online Int", [base + "/slow/int.der"], None,
         0x68),
        ("leaf-huge", ik, "Online Int", [base + "/huge/int.der"], None,
         0x69),
        ("leaf-redir", ik, "Online Int", [base + "/redir/int.der"], None,
         0x6a),
        ("leaf-404", ik, "Online Int", [base + "/ca/none.der"], None, 0x6b),
        ("leaf-ldap", ik, "Online Int", ["ldap://127.0.0.1/cn=x"], None,
         0x6c),
    ]
    for fn, k, iss, aia, cdp, serial in leaves:
        save(fn + ".pem", leaf(key(), iss, k, serial, aia=aia, crl_url=cdp))
    bk_ = key()
    bench = leaf(bk_, "Online Int", ik, 0x70, aia=[base + "/ca/int.der"],
                 ocsp_url=base + "/ocsp")
    save("leaf-bench.pem", bench)
    write(os.path.join(out, "leaf-bench.key"), key_pem(bk_))
    put("ocsp", ocsp_response(bench, inter, inter, ik, CRL_THIS, NA))
    # The served intermediate as a local file: the valid twin offline.
    save("int.pem", inter)
    save("int2.pem", inter2)


if __name__ == "__main__":
    main()
