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

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

NB = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
NA = datetime.datetime(2099, 12, 31, tzinfo=datetime.timezone.utc)
CRL_THIS = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
CRL_NEXT = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def key():
    return ec.generate_private_key(ec.SECP256R1())


def cert(subject, skey, issuer, ikey, serial, ca, aia=None, cdp=None,
         dns=None, ocsp_url=None):
    b = (x509.CertificateBuilder()
         .subject_name(name(subject))
         .issuer_name(name(issuer))
         .public_key(skey.public_key())
         .serial_number(serial)
         .not_valid_before(NB)
         .not_valid_after(NA)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None),
                        critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(
             skey.public_key()), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
             ikey.public_key()), critical=False))
    if ca:
        b = b.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        b = b.add_extension(x509.ExtendedKeyUsage(
            [x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        b = b.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName(dns or "online.test")]), critical=False)
    if aia or ocsp_url:
        ads = [x509.AccessDescription(
            AuthorityInformationAccessOID.CA_ISSUERS,
            x509.UniformResourceIdentifier(u)) for u in aia or []]
        if ocsp_url:
            ads.insert(0, x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP,
                x509.UniformResourceIdentifier(ocsp_url)))
        b = b.add_extension(x509.AuthorityInformationAccess(ads),
                            critical=False)
    if cdp:
        b = b.add_extension(x509.CRLDistributionPoints([
            x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(cdp)],
                relative_name=None, reasons=None, crl_issuer=None)]),
            critical=False)
    return b.sign(ikey, hashes.SHA256())


def crl(issuer, ikey, revoked, number):
    b = (x509.CertificateRevocationListBuilder()
         .issuer_name(name(issuer))
         .last_update(CRL_THIS)
         .next_update(CRL_NEXT)
         .add_extension(x509.CRLNumber(number), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
             ikey.public_key()), critical=False))
    for s in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(s)
            .revocation_date(CRL_THIS).build())
    return b.sign(ikey, hashes.SHA256())


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    www = os.path.join(out, "www")
    for d in ("ca", "loop", "slow", "huge", "redir", "crl"):
        os.makedirs(os.path.join(www, d), exist_ok=True)

    def put(rel, data):
        with open(os.path.join(www, rel), "wb") as f:
            f.write(data)

    def pem(fn, *certs):
        with open(os.path.join(out, fn), "wb") as f:
            for c in certs:
                f.write(c.public_bytes(serialization.Encoding.PEM))

    der = serialization.Encoding.DER
    rk, ik, i2k, uk, ak, bk = key(), key(), key(), key(), key(), key()
    root = cert("Online Root", rk, "Online Root", rk, 1, True)
    inter = cert("Online Int", ik, "Online Root", rk, 2, True,
                 cdp=base + "/crl/root.crl")
    inter2 = cert("Online Int 2", i2k, "Online Int", ik, 3, True,
                  aia=[base + "/ca/int.der"])
    other = cert("Unrelated CA", uk, "Unrelated CA", uk, 4, True)
    loop_a = cert("Loop A", ak, "Loop B", bk, 5, True,
                  aia=[base + "/loop/b.der"])
    loop_b = cert("Loop B", bk, "Loop A", ak, 6, True,
                  aia=[base + "/loop/a.der"])
    pem("root.pem", root)
    put("ca/int.der", inter.public_bytes(der))
    for d in ("slow", "huge", "redir"):
        put(d + "/int.der", inter.public_bytes(der))
    put("ca/int.p7c", pkcs7.serialize_certificates([inter], der))
    put("ca/int2.der", inter2.public_bytes(der))
    put("ca/other.der", other.public_bytes(der))
    put("loop/a.der", loop_a.public_bytes(der))
    put("loop/b.der", loop_b.public_bytes(der))
    put("crl/int.crl", crl("Online Int", ik, [0x66], 1).public_bytes(der))
    put("crl/root.crl", crl("Online Root", rk, [], 1).public_bytes(
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
        pem(fn + ".pem", cert("online.test", key(), iss, k, serial, False,
                              aia=aia, cdp=cdp))
    bk_ = key()
    bench = cert("online.test", bk_, "Online Int", ik, 0x70, False,
                 aia=[base + "/ca/int.der"], ocsp_url=base + "/ocsp")
    pem("leaf-bench.pem", bench)
    with open(os.path.join(out, "leaf-bench.key"), "wb") as f:
        f.write(bk_.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    resp = (ocsp.OCSPResponseBuilder()
            .add_response(cert=bench, issuer=inter, algorithm=hashes.SHA1(),
                          cert_status=ocsp.OCSPCertStatus.GOOD,
                          this_update=CRL_THIS, next_update=NA,
                          revocation_time=None, revocation_reason=None)
            .responder_id(ocsp.OCSPResponderEncoding.HASH, inter)
            .sign(ik, hashes.SHA256()))
    put("ocsp", resp.public_bytes(der))
    # The served intermediate as a local file: the valid twin offline.
    pem("int.pem", inter)
    pem("int2.pem", inter2)


if __name__ == "__main__":
    main()
