#!/bin/sh
# gen.sh - regenerate the fixtures of the fetch tests (data/tls-extra/).
# Run by hand; the outputs are committed and `make check` never runs it.
# Needs python3 with the `cryptography` package (it builds the OCSP
# responses too, which certtool cannot sign).
#
# Every certificate is valid from 2000-01-01 to 2099-12-31 unless its
# name says otherwise (expired: 2000-2001, notyet: 2090-2099), so tests
# pin the verification time (--at 2050-01-01T00:00:00Z) and never depend
# on the clock. See README for what each file is.
set -eu
cd "$(dirname "$0")"
exec python3 - <<'PY'
import datetime as dt
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

UTC = dt.timezone.utc
T0 = dt.datetime(2000, 1, 1, tzinfo=UTC)
T1 = dt.datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
serial = [0x1000]


def next_serial():
    serial[0] += 1
    return serial[0]


def name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certshow tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def rsa_key(bits=2048):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def write_key(key, path):
    with open(path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def write(path, *certs):
    with open(path, "wb") as f:
        for c in certs:
            f.write(pem(c))


def make(subject_cn, key, issuer_cert, issuer_key, ca=False, pathlen=None,
         sans=None, nb=T0, na=T1, hash_alg=None, aia=False):
    subject = name(subject_cn)
    issuer = issuer_cert.subject if issuer_cert is not None else subject
    b = (x509.CertificateBuilder()
         .subject_name(subject).issuer_name(issuer)
         .public_key(key.public_key())
         .serial_number(next_serial())
         .not_valid_before(nb).not_valid_after(na))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=pathlen),
                        critical=True)
    if ca:
        b = b.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False,
            key_encipherment=isinstance(key, rsa.RSAPrivateKey),
            data_encipherment=False, key_agreement=False,
            key_cert_sign=False, crl_sign=False, encipher_only=False,
            decipher_only=False), critical=True)
        b = b.add_extension(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    if sans:
        b = b.add_extension(x509.SubjectAlternativeName(sans),
                            critical=False)
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(
        key.public_key()), critical=False)
    ikey = issuer_key if issuer_key is not None else key
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
        ikey.public_key()), critical=False)
    if aia:
        b = b.add_extension(x509.AuthorityInformationAccess([
            x509.AccessDescription(
                x509.oid.AuthorityInformationAccessOID.OCSP,
                x509.UniformResourceIdentifier(
                    "http://ocsp.example.test/")),
            x509.AccessDescription(
                x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                x509.UniformResourceIdentifier(
                    "http://ca.example.test/int-a.der"))]), critical=False)
    return b.sign(ikey, hash_alg or hashes.SHA256())


def dns(*names):
    return [x509.DNSName(n) for n in names]


WWW = dns("www.example.test", "example.test")

root_a_key = rsa_key()
root_a = make("certshow Test Root A", root_a_key, None, None, ca=True)
root_b_key = ec_key()
root_b = make("certshow Test Root B", root_b_key, None, None, ca=True)
int_a_key = ec_key()
int_a = make("certshow Test Intermediate A", int_a_key, root_a, root_a_key,
             ca=True, pathlen=0)


def resign_sha1(cert, rsa_issuer_key):
    """Re-sign an RSA/SHA-256 certificate with SHA-1 (the library refuses
    to sign with SHA-1): swap the algorithm OID (same length) in the TBS
    and the outer AlgorithmIdentifier, sign the new TBS, and splice the
    signature (same length for the same key)."""
    sha256rsa = bytes.fromhex("06092a864886f70d01010b")
    sha1rsa = bytes.fromhex("06092a864886f70d010105")
    der = cert.public_bytes(serialization.Encoding.DER)
    tbs = cert.tbs_certificate_bytes.replace(sha256rsa, sha1rsa)
    old_sig = cert.signature
    sig = rsa_issuer_key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    assert len(sig) == len(old_sig)
    out = der.replace(cert.tbs_certificate_bytes, tbs)
    out = out.replace(sha256rsa, sha1rsa).replace(old_sig, sig)
    return x509.load_der_x509_certificate(out)


# Same name and key as int-a, signed with SHA-1 by root A.
int_a_sha1 = resign_sha1(make("certshow Test Intermediate A", int_a_key,
                              root_a, root_a_key, ca=True, pathlen=0),
                         root_a_key)

leaf_key = ec_key()
write_key(root_a_key, "root-a.key")
write_key(int_a_key, "int-a.key")
write_key(leaf_key, "leaf.key")
write("root-a.pem", root_a)
write("root-b.pem", root_b)
write("ca-a.pem", root_a)
write("ca-b.pem", root_b)
write("ca-two.pem", root_a, root_b)
write("int-a.pem", int_a)


def leaf(cn="www.example.test", sans=WWW, **kw):
    return make(cn, kw.pop("key", leaf_key), kw.pop("issuer", int_a),
                kw.pop("issuer_key", int_a_key), sans=sans, aia=True, **kw)


valid = leaf()
write("leaf.pem", valid)
write("chain-valid.pem", valid, int_a)
write("chain-leaf-only.pem", valid)
write("chain-root-included.pem", valid, int_a, root_a)
write("chain-extra-unrelated.pem", valid, int_a, root_b)
write("chain-duplicate.pem", valid, int_a, int_a)
write("chain-sha1-int.pem", valid, int_a_sha1)
write("chain-expired.pem",
      leaf(na=dt.datetime(2001, 1, 1, tzinfo=UTC)), int_a)
write("chain-notyet.pem",
      leaf(nb=dt.datetime(2090, 1, 1, tzinfo=UTC)), int_a)
write("chain-wildcard.pem",
      leaf("*.wild.example.test", dns("*.wild.example.test")), int_a)
write("chain-ip.pem",
      leaf("127.0.0.1", [x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                         x509.IPAddress(ipaddress.ip_address("::1"))]),
      int_a)
write("chain-selfsigned.pem",
      make("www.example.test", leaf_key, None, None, sans=WWW))
k1024 = rsa_key(1024)
write_key(k1024, "leaf-rsa1024.key")
write("chain-rsa1024.pem", leaf(key=k1024), int_a)
many = dns("www.example.test") + [x509.DNSName("h%05d.example.test" % i)
                                  for i in range(9999)]
write("chain-manysans.pem", leaf(sans=many), int_a)

# Reversed: leaf <- int-b2 <- int-b1 <- root A, sent leaf, int-b1, int-b2.
ib1_key, ib2_key = ec_key(), ec_key()
ib1 = make("certshow Test Intermediate B1", ib1_key, root_a, root_a_key,
           ca=True)
ib2 = make("certshow Test Intermediate B2", ib2_key, ib1, ib1_key, ca=True)
leaf_b = leaf(issuer=ib2, issuer_key=ib2_key)
write("chain-reversed.pem", leaf_b, ib1, ib2)
write("chain-ordered-b.pem", leaf_b, ib2, ib1)

# 30 certificates: the leaf and 29 intermediates below root A.
deep, ikey, icert = [], root_a_key, root_a
for i in range(1, 30):
    k = ec_key()
    c = make("certshow Test Deep %02d" % i, k, icert, ikey, ca=True)
    deep.append(c)
    ikey, icert = k, c
write("chain-30.pem", leaf(issuer=icert, issuer_key=ikey), *reversed(deep))

# Stapled OCSP responses for leaf.pem, signed by int-a directly.
for status, fname in ((ocsp.OCSPCertStatus.GOOD, "ocsp-good.der"),
                      (ocsp.OCSPCertStatus.REVOKED, "ocsp-revoked.der")):
    b = ocsp.OCSPResponseBuilder().add_response(
        cert=valid, issuer=int_a, algorithm=hashes.SHA1(),
        cert_status=status, this_update=T0,
        next_update=T1,
        revocation_time=(dt.datetime(2010, 1, 1, tzinfo=UTC)
                         if status == ocsp.OCSPCertStatus.REVOKED else None),
        revocation_reason=(x509.ReasonFlags.key_compromise
                           if status == ocsp.OCSPCertStatus.REVOKED
                           else None))
    b = b.responder_id(ocsp.OCSPResponderEncoding.HASH, int_a)
    with open(fname, "wb") as f:
        f.write(b.sign(int_a_key, hashes.SHA256()).public_bytes(
            serialization.Encoding.DER))
# A good response signed by root B: the signature must not verify.
b = ocsp.OCSPResponseBuilder().add_response(
    cert=valid, issuer=int_a, algorithm=hashes.SHA1(),
    cert_status=ocsp.OCSPCertStatus.GOOD, this_update=T0, next_update=T1,
    revocation_time=None, revocation_reason=None)
b = b.responder_id(ocsp.OCSPResponderEncoding.HASH, root_b)
with open("ocsp-badsig.der", "wb") as f:
    f.write(b.sign(root_b_key, hashes.SHA256()).public_bytes(
        serialization.Encoding.DER))
print("gen.sh: done")
PY
