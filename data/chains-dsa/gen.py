#!/usr/bin/env python3
"""gen.py - DSA parameter inheritance (RFC 5280 6.1.4 (f), RFC 3279 2.3.2).

Run by hand from any directory (`python3 data/chains-dsa/gen.py`); make
check never runs it. Needs pyca/cryptography. Keys are reused from keys/
when present. Validity 2000-01-01 to 2099-12-31; leaves are end-entity
certificates without EKU (verify them with purpose "any").

  root.pem            DSA 2048 root with its parameters (p, q, g)
  root-ec.pem         EC P-256 root of the same name
  inherit.pem         leaf + CA whose DSA key omits the parameters (they
                      come from root.pem); the valid twin
  inherit-badsig.pem  the same with the leaf's signature altered
  inherit-ec.pem      leaf + the parameter-less CA re-signed by root-ec:
                      no DSA key above supplies the parameters
  ca.crl.pem          CRL of the parameter-less CA (signed with its key),
                      revoking nothing; the valid twin of
  ca-revoked.crl.pem  the same revoking the leaf (serial 5)

pyca/cryptography cannot write a key without its parameters, so the CA
is made with them, its SubjectPublicKeyInfo rewritten without them and
its to-be-signed bytes signed again.
"""

import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2099, 12, 31, 23, 59, 59,
                        tzinfo=datetime.timezone.utc)


def save(path, k):
    with open(path, "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))


def load(name):
    path = os.path.join(HERE, "keys", name + ".key")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    return None


def keys():
    os.makedirs(os.path.join(HERE, "keys"), exist_ok=True)
    root = load("root")
    if root is None:
        root = dsa.generate_private_key(2048)
        save(os.path.join(HERE, "keys", "root.key"), root)
    ca = load("ca")
    if ca is None:
        ca = root.parameters().generate_private_key()
        save(os.path.join(HERE, "keys", "ca.key"), ca)
    root_ec = load("root-ec")
    if root_ec is None:
        root_ec = ec.generate_private_key(ec.SECP256R1())
        save(os.path.join(HERE, "keys", "root-ec.key"), root_ec)
    leaf = load("leaf")
    if leaf is None:
        leaf = ec.generate_private_key(ec.SECP256R1())
        save(os.path.join(HERE, "keys", "leaf.key"), leaf)
    return root, ca, root_ec, leaf


# --- minimal DER ------------------------------------------------------

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def read_tlv(buf, off):
    first = buf[off + 1]
    if first < 0x80:
        return 2, first
    n = first & 0x7F
    return 2 + n, int.from_bytes(buf[off + 2:off + 2 + n], "big")


def children(body):
    out, off = [], 0
    while off < len(body):
        hl, ln = read_tlv(body, off)
        out.append(body[off:off + hl + ln])
        off += hl + ln
    return out


def content(t):
    hl, ln = read_tlv(t, 0)
    return t[hl:hl + ln]


def name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certshow tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def build(subj, pub, issuer_name, ikey, serial, ca):
    b = (x509.CertificateBuilder().subject_name(subj)
         .issuer_name(issuer_name).public_key(pub).serial_number(serial)
         .not_valid_before(START).not_valid_after(END))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=None),
                        critical=True)
    b = b.add_extension(x509.KeyUsage(
        digital_signature=not ca, content_commitment=False,
        key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False), critical=True)
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(pub),
                        critical=False)
    b = b.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ikey.public_key()), critical=False)
    return b.sign(ikey, hashes.SHA256())


def strip_params(cert, ikey):
    """The certificate with its SPKI's DSA parameters removed, signed
    again (ECDSA or DSA with SHA-256) by ikey."""
    outer = children(content(cert.public_bytes(serialization.Encoding.DER)))
    tbs_items = children(content(outer[0]))
    for i, item in enumerate(tbs_items):
        if item[0] != 0x30:
            continue
        parts = children(content(item))
        if len(parts) == 2 and parts[1][0] == 0x03:
            alg = children(content(parts[0]))
            if alg[0] == tlv(0x06, bytes.fromhex("2a8648ce380401")):
                tbs_items[i] = tlv(0x30, tlv(0x30, alg[0]) + parts[1])
    tbs = tlv(0x30, b"".join(tbs_items))
    if isinstance(ikey, ec.EllipticCurvePrivateKey):
        sig = ikey.sign(tbs, ec.ECDSA(hashes.SHA256()))
    else:
        sig = ikey.sign(tbs, hashes.SHA256())
    return tlv(0x30, tbs + outer[1] + tlv(0x03, b"\x00" + sig))


def pem(der):
    import base64
    b = base64.encodebytes(der).decode().replace("\n", "")
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) +
            "\n-----END CERTIFICATE-----\n").encode()


def write(fname, ders):
    with open(os.path.join(HERE, fname), "wb") as f:
        for d in ders:
            f.write(pem(d))


def crl(ca_k, revoked, number):
    b = (x509.CertificateRevocationListBuilder()
         .issuer_name(name("DSA Inherit CA"))
         .last_update(START)
         .next_update(END)
         .add_extension(x509.CRLNumber(number), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
             ca_k.public_key()), critical=False))
    for serial in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial)
            .revocation_date(START).build())
    return b.sign(ca_k, hashes.SHA256()).public_bytes(
        serialization.Encoding.PEM)


def main():
    root_k, ca_k, root_ec_k, leaf_k = keys()
    der = serialization.Encoding.DER
    root = build(name("DSA Root"), root_k.public_key(), name("DSA Root"),
                 root_k, 1, True)
    root_ec = build(name("DSA Root"), root_ec_k.public_key(),
                    name("DSA Root"), root_ec_k, 2, True)
    ca = build(name("DSA Inherit CA"), ca_k.public_key(), name("DSA Root"),
               root_k, 3, True)
    ca_ec = build(name("DSA Inherit CA"), ca_k.public_key(),
                  name("DSA Root"), root_ec_k, 4, True)
    leaf = build(name("DSA Leaf"), leaf_k.public_key(),
                 name("DSA Inherit CA"), ca_k, 5, False)
    ca_np = strip_params(ca, root_k)
    ca_ec_np = strip_params(ca_ec, root_ec_k)
    leaf_der = leaf.public_bytes(der)
    # The last octet of the signature BIT STRING (an INTEGER's last
    # octet), flipped: same lengths, a signature that does not verify.
    bad = leaf_der[:-1] + bytes([leaf_der[-1] ^ 0x01])
    write("root.pem", [root.public_bytes(der)])
    write("root-ec.pem", [root_ec.public_bytes(der)])
    write("inherit.pem", [leaf_der, ca_np])
    write("inherit-badsig.pem", [bad, ca_np])
    write("inherit-ec.pem", [leaf_der, ca_ec_np])
    for fname, revoked, number in (("ca.crl.pem", [], 1),
                                   ("ca-revoked.crl.pem", [5], 2)):
        with open(os.path.join(HERE, fname), "wb") as f:
            f.write(crl(ca_k, revoked, number))


main()
