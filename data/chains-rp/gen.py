#!/usr/bin/env python3
"""Relying-party fixtures: each certificate has one defect that is (or is
not) a reason for a relying party to reject, and a valid twin.

Run by hand from any directory (`python3 data/chains-rp/gen.py`); make check
never runs it. Needs pyca/cryptography. Keys are EC P-256, kept in keys/ and
reused when present. Every certificate is valid from 2000-01-01 to
2099-12-31. Chain files (chain-*.pem) hold the leaf and its intermediate;
root.pem is the trust anchor of all of them. README.md lists each file.
"""

import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
START = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2099, 12, 31, 23, 59, 59,
                        tzinfo=datetime.timezone.utc)
POISON = x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3")
serial = [0x5250]


def key(name):
    path = os.path.join(KEYS, name + ".key")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    os.makedirs(KEYS, exist_ok=True)
    k = ec.generate_private_key(ec.SECP256R1())
    with open(path, "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))
    return k


def name(*rdns):
    return x509.Name([x509.RelativeDistinguishedName([a]) for a in rdns])


def org(v):
    return x509.NameAttribute(NameOID.ORGANIZATION_NAME, v)


def cn(v):
    return x509.NameAttribute(NameOID.COMMON_NAME, v)


def issue(subject, k, issuer_name, issuer_key, exts):
    serial[0] += 1
    b = (x509.CertificateBuilder()
         .subject_name(subject).issuer_name(issuer_name)
         .public_key(k.public_key()).serial_number(serial[0])
         .not_valid_before(START).not_valid_after(END))
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(
        k.public_key()), critical=False)
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
        issuer_key.public_key()), critical=False)
    for e, crit in exts:
        b = b.add_extension(e, critical=crit)
    return b.sign(issuer_key, hashes.SHA256())


def ca_exts(bc_critical=True, nc=None):
    e = [(x509.BasicConstraints(ca=True, path_length=None), bc_critical),
         (x509.KeyUsage(False, False, False, False, False, True, True,
                        False, False), True)]
    if nc is not None:
        e.append((nc, True))
    return e


def leaf_exts(sans, eku=(ExtendedKeyUsageOID.SERVER_AUTH,), poison=False):
    e = [(x509.KeyUsage(True, False, False, False, False, False, False,
                        False, False), True),
         (x509.SubjectAlternativeName(sans), False)]
    if eku is not None:
        e.append((x509.ExtendedKeyUsage(list(eku)), False))
    if poison:
        # RFC 6962 3.1: critical, value ASN.1 NULL.
        e.append((x509.UnrecognizedExtension(POISON, b"\x05\x00"), True))
    return e


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


def write(fname, *certs):
    with open(os.path.join(HERE, fname), "wb") as f:
        for c in certs:
            f.write(pem(c))


def main():
    rk, ik, lk = key("root"), key("int"), key("leaf")
    rname = name(org("certshow tests"), cn("certshow RP Test Root"))
    root = issue(rname, rk, rname, rk, ca_exts())
    write("root.pem", root)

    def inter(fname, cname, **kw):
        n = name(org("certshow tests"), cn(cname))
        c = issue(n, ik, rname, rk, ca_exts(**kw))
        write(fname, c)
        return n, c

    iname, icert = inter("int.pem", "certshow RP Test CA")
    www = [x509.DNSName("www.example.com")]
    host = name(org("certshow tests"), cn("www.example.com"))

    def leaf(fname, subject, exts, under=(iname, icert)):
        c = issue(subject, lk, under[0], ik, exts)
        write("leaf-" + fname, c)
        write("chain-" + fname, c, under[1])

    leaf("ok.pem", host, leaf_exts(www))
    leaf("poison.pem", host, leaf_exts(www, poison=True))
    leaf("no-eku.pem", host, leaf_exts(www, eku=None))
    leaf("eku-client.pem", host,
         leaf_exts(www, eku=(ExtendedKeyUsageOID.CLIENT_AUTH,)))
    leaf("cn-not-in-san.pem", name(org("certshow tests"),
                                   cn("other.example.com")),
         leaf_exts(www))
    # For the TLS tests: localhost and 127.0.0.1, without EKU / with
    # clientAuth only.
    lh = [x509.DNSName("localhost"),
          x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    lhname = name(org("certshow tests"), cn("localhost"))
    leaf("localhost-no-eku.pem", lhname, leaf_exts(lh, eku=None))
    leaf("localhost-eku-client.pem", lhname,
         leaf_exts(lh, eku=(ExtendedKeyUsageOID.CLIENT_AUTH,)))

    bc = inter("int-bc-noncrit.pem", "certshow RP BC-noncritical CA",
               bc_critical=False)
    leaf("bc-noncrit.pem", host, leaf_exts(www), under=bc)

    ncip = inter("int-nc-ip.pem", "certshow RP DNS+IP-constrained CA",
                 nc=x509.NameConstraints(
                     permitted_subtrees=[
                         x509.DNSName("example.com"),
                         x509.IPAddress(ipaddress.ip_network(
                             "192.0.2.0/24"))],
                     excluded_subtrees=None))
    ipcn = name(org("certshow tests"), cn("192.0.2.10"))
    leaf("ip-cn.pem", ipcn, leaf_exts(
        [x509.IPAddress(ipaddress.ip_address("192.0.2.10"))]), under=ncip)
    leaf("ip-cn-outside.pem", ipcn, leaf_exts(
        [x509.IPAddress(ipaddress.ip_address("198.51.100.10"))]),
        under=ncip)

    ncdn = inter("int-nc-dn.pem", "certshow RP dirName-excluding CA",
                 nc=x509.NameConstraints(
                     permitted_subtrees=None,
                     excluded_subtrees=[x509.DirectoryName(
                         name(org("Evil Corp")))]))
    leaf("dn-tab.pem", name(org("Evil\tCorp"), cn("www.example.com")),
         leaf_exts(www), under=ncdn)
    leaf("dn-space.pem", name(org("Evil Corp"), cn("www.example.com")),
         leaf_exts(www), under=ncdn)
    leaf("dn-good.pem", name(org("Good\tCorp"), cn("www.example.com")),
         leaf_exts(www), under=ncdn)


if __name__ == "__main__":
    main()
