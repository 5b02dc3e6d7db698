#!/usr/bin/env python3
"""Test PKI and OCSP answers for the revocation tests, under a loopback
base URL.

    ocsp-pki.py BASE_URL OUTDIR [DOWN_URL]

BASE_URL is the test's HTTP server (http://127.0.0.1:PORT); OUTDIR gets
the files the client reads (root.pem, int.pem, leaf-*.pem) and OUTDIR/www
the tree the server serves. Certificates are valid 2000-2099; every OCSP
answer has thisUpdate 2049-12-31 and nextUpdate 2050-01-07 (unless
stale), so the tests verify at 2050-01-01. Keys are P-256 and new on
each run: only verdicts are compared.

root -> int (OCSP BASE/ocsp/int: good, signed by root) -> leaves, each
with its own responder URL BASE/ocsp/NAME serving one answer (each
leaf-NAME.pem with its key leaf-NAME.key and chain-NAME.pem, leaf and
int, for a TLS server):
  good        good, signed by int
  revoked     revoked 2020-01-01 (keyCompromise)
  unknown     status unknown
  down        its responder is DOWN_URL/ocsp/down (a loopback port where
              nothing listens; BASE_URL when not given: a 404)
  malformed   not an OCSP response
  wrongkey    good, signed by an unrelated key
  deleg       good, signed by a delegated responder (issued by int, EKU
              OCSPSigning), included in the response
  delegnoeku  the same without id-kp-OCSPSigning
  stale       good, nextUpdate 2049-12-08
  nonce       good, with a nonce the client never sent
  noocsp      no OCSP URL at all
Must-staple (RFC 7633): leaf-staple.pem (key leaf-staple.key) for
localhost, its chain staple-chain.pem, and staple-good.der.
CRL download: root2 -> int2 (CRL BASE/crl/root2.crl, which revokes
int2) -> leaf-crlrev (CRL BASE/crl/int2.crl, empty); its twin root3 ->
int3 (CRL BASE/crl/root3.crl, empty) -> leaf-crlok (CRL BASE/crl/int3.crl,
empty).
"""

import datetime
import os
import sys

from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from testpki import DER, cert, crl, key, key_pem, ocsp_response, pem, write

THIS = datetime.datetime(2049, 12, 31, tzinfo=datetime.timezone.utc)
NEXT = datetime.datetime(2050, 1, 7, tzinfo=datetime.timezone.utc)
STALE_THIS = datetime.datetime(2049, 12, 1, tzinfo=datetime.timezone.utc)
STALE_NEXT = datetime.datetime(2049, 12, 8, tzinfo=datetime.timezone.utc)
REVOKED_AT = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)

LEAVES = ["good", "revoked", "unknown", "down", "malformed", "wrongkey",
          "deleg", "delegnoeku", "stale", "nonce", "noocsp"]


def response(c, issuer, signer_cert, signer_key, status=None,
             this=THIS, nxt=NEXT, certs=None, nonce=None):
    return ocsp_response(c, issuer, signer_cert, signer_key, this, nxt,
                         status=status, revoked_at=REVOKED_AT, certs=certs,
                         nonce=nonce)


def crl_der(issuer, ikey, revoked_serials):
    return crl(issuer.subject, ikey, revoked_serials, THIS, NEXT,
               REVOKED_AT).public_bytes(DER)


def crl_pki(base, out, www, n, revoke_int):
    rk, ik, lk = key(), key(), key()
    root = cert("CRL Root %d" % n, rk, "CRL Root %d" % n, rk, 0x300 + n,
                True)
    inter = cert("CRL Int %d" % n, ik, "CRL Root %d" % n, rk, 0x310 + n,
                 True, crl_url="%s/crl/root%d.crl" % (base, n))
    leaf = cert("crl%d.example.test" % n, lk, "CRL Int %d" % n, ik,
                0x320 + n, False, crl_url="%s/crl/int%d.crl" % (base, n),
                dns="crl%d.example.test" % n)
    write(os.path.join(out, "root%d.pem" % n), pem(root))
    write(os.path.join(out, "int%d.pem" % n), pem(inter))
    write(os.path.join(out, "leaf-crl%s.pem" %
                       ("rev" if revoke_int else "ok")), pem(leaf))
    write(os.path.join(www, "crl", "root%d.crl" % n),
          crl_der(root, rk, [inter.serial_number] if revoke_int else []))
    write(os.path.join(www, "crl", "int%d.crl" % n), crl_der(inter, ik, []))


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    down = sys.argv[3].rstrip("/") if len(sys.argv) > 3 else base
    www = os.path.join(out, "www")
    rk, ik = key(), key()
    root = cert("OCSP Root", rk, "OCSP Root", rk, 0x100, True)
    inter = cert("OCSP Int", ik, "OCSP Root", rk, 0x101, True,
                 ocsp_url=base + "/ocsp/int")
    write(os.path.join(out, "root.pem"), pem(root))
    write(os.path.join(out, "int.pem"), pem(inter))
    write(os.path.join(www, "ocsp", "int"), response(inter, root, root, rk))

    dk, nk, wk = key(), key(), key()
    deleg = cert("OCSP Responder", dk, "OCSP Int", ik, 0x200, False,
                 eku=[ExtendedKeyUsageOID.OCSP_SIGNING])
    noeku = cert("OCSP Responder without EKU", nk, "OCSP Int", ik, 0x201,
                 False, eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    other = cert("Unrelated Signer", wk, "Unrelated Signer", wk, 0x202,
                 True)
    for i, n in enumerate(LEAVES):
        lk = key()
        url = None if n == "noocsp" else "%s/ocsp/%s" % (
            down if n == "down" else base, n)
        leaf = cert("%s.example.test" % n, lk, "OCSP Int", ik, 0x110 + i,
                    False, ocsp_url=url, dns="%s.example.test" % n)
        write(os.path.join(out, "leaf-%s.pem" % n), pem(leaf))
        # For TLS test servers (cli-scan-opts.sh): the key and the chain.
        write(os.path.join(out, "leaf-%s.key" % n), key_pem(lk))
        write(os.path.join(out, "chain-%s.pem" % n), pem(leaf) + pem(inter))
        st = None
        kw = {}
        signer, skey = inter, ik
        if n == "revoked":
            st = ocsp.OCSPCertStatus.REVOKED
        elif n == "unknown":
            st = ocsp.OCSPCertStatus.UNKNOWN
        elif n == "wrongkey":
            signer, skey = other, wk
        elif n == "deleg":
            signer, skey, kw = deleg, dk, {"certs": [deleg]}
        elif n == "delegnoeku":
            signer, skey, kw = noeku, nk, {"certs": [noeku]}
        elif n == "stale":
            kw = {"this": STALE_THIS, "nxt": STALE_NEXT}
        elif n == "nonce":
            kw = {"nonce": b"\x01" * 32}
        if n == "malformed":
            body = b"this is not an OCSP response\n"
        elif n in ("down", "noocsp"):
            continue
        else:
            body = response(leaf, inter, signer, skey, st, **kw)
        write(os.path.join(www, "ocsp", n), body)

    # Must-staple leaf for the TLS test server (localhost).
    sk = key()
    staple = cert("localhost", sk, "OCSP Int", ik, 0x150, False,
                  ocsp_url=base + "/ocsp/staple", dns="localhost",
                  must_staple=True)
    write(os.path.join(out, "leaf-staple.pem"), pem(staple))
    write(os.path.join(out, "staple-chain.pem"), pem(staple) + pem(inter))
    write(os.path.join(out, "leaf-staple.key"), key_pem(sk))
    write(os.path.join(out, "staple-good.der"),
          response(staple, inter, inter, ik))

    crl_pki(base, out, www, 2, True)
    crl_pki(base, out, www, 3, False)


if __name__ == "__main__":
    main()
