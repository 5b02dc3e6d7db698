#!/usr/bin/env python3
"""gen-rfc5280.py - CRL fixtures for RFC 5280 6.3 beyond gen.sh: delta CRLs,
issuingDistributionPoint scope, an indirect CRL and a CRL signed by another
key of the intermediate. Run by hand from this directory after gen.sh
(`python3 gen-rfc5280.py`); make check never runs it. Needs pyca/cryptography.
Uses root.pem, int.pem and their keys from gen.sh; new keys (EC P-256) are
written to keys/ and reused when present. Every CRL: thisUpdate 2000-01-01,
nextUpdate 2099-12-31, revocations dated 2020-01-01.

Certificates (valid 2000-01-01 .. 2099-12-31, issued by root.pem unless
said otherwise):
  int-crlkey.pem     same subject as int.pem, another key, keyUsage cRLSign
                     only, serial 0x1003
  crl-issuer.pem     "CRL Test Indirect Issuer", keyUsage cRLSign, 0x1004
  leaf-indirect.pem  under int.pem, serial 0x2010, cRLDistributionPoints
                     with cRLIssuer = crl-issuer.pem's subject
  chain-indirect.pem leaf-indirect + int + crl-issuer
  chain-crlkey.pem   leaf-revoked + int + int-crlkey (the CRL signer given)

CRLs (of int unless said otherwise):
  int-base-hold.crl.pem    complete, cRLNumber 10, 0x2001 certificateHold
  int-base-empty.crl.pem   complete, cRLNumber 10, nothing revoked
  int-delta-remove.crl.pem delta (base 10, number 11): 0x2001 removeFromCRL
  int-delta-revoke.crl.pem delta (base 10, number 11): 0x2001 keyCompromise
  int-delta-newbase.crl.pem delta (base 12, number 13): 0x2001
                           keyCompromise (its base is newer than number 10)
  int-onlyca.crl.pem       IDP onlyContainsCACerts, nothing revoked
  root-onlyca.crl.pem      of root, IDP onlyContainsCACerts, nothing revoked
  int-somereasons.crl.pem  IDP onlySomeReasons keyCompromise, cACompromise
  int-otherreasons.crl.pem IDP onlySomeReasons: every other reason
  int-crlkey.crl.pem       signed by int-crlkey's key: 0x2002 keyCompromise
  root-revokes-crlkey.crl.pem of root: 0x1003 (int-crlkey) keyCompromise
  indirect.crl.pem         of crl-issuer, IDP indirectCRL: 0x2010 with
                           certificateIssuer = int's subject, keyCompromise
  indirect-other.crl.pem   the same with certificateIssuer = root's subject
"""
import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

START = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2099, 12, 31, 23, 59, 59,
                        tzinfo=datetime.timezone.utc)
REVOKED = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
DP_URI = "http://crl.example.com/indirect.crl"


def key(name):
    path = "keys/%s.key" % name
    if not os.path.exists(path):
        k = ec.generate_private_key(ec.SECP256R1())
        with open(path, "wb") as f:
            f.write(k.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), None)


def cert(name):
    with open(name, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def write(path, obj):
    with open(path, "wb") as f:
        f.write(obj.public_bytes(serialization.Encoding.PEM))


def name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certshow tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def ku(crl_sign, cert_sign=False, digital=False):
    return x509.KeyUsage(digital, False, False, False, False, cert_sign,
                         crl_sign, False, False)


def issue(subject, k, issuer, ikey, serial, exts):
    b = (x509.CertificateBuilder().subject_name(subject)
         .issuer_name(issuer.subject).public_key(k.public_key())
         .serial_number(serial).not_valid_before(START)
         .not_valid_after(END))
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(
        k.public_key()), False)
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
        ikey.public_key()), False)
    for e, crit in exts:
        b = b.add_extension(e, crit)
    return b.sign(ikey, hashes.SHA256())


def crl(issuer_name, ikey, number, revoked, idp=None, delta_base=None):
    b = (x509.CertificateRevocationListBuilder().issuer_name(issuer_name)
         .last_update(START).next_update(END))
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
        ikey.public_key()), False)
    b = b.add_extension(x509.CRLNumber(number), False)
    if delta_base is not None:
        b = b.add_extension(x509.DeltaCRLIndicator(delta_base), True)
    if idp is not None:
        b = b.add_extension(idp, True)
    for serial, reason, cissuer in revoked:
        r = (x509.RevokedCertificateBuilder().serial_number(serial)
             .revocation_date(REVOKED))
        if cissuer is not None:
            r = r.add_extension(x509.CertificateIssuer(
                [x509.DirectoryName(cissuer)]), True)
        if reason is not None:
            r = r.add_extension(x509.CRLReason(reason), False)
        b = b.add_revoked_certificate(r.build())
    return b.sign(ikey, hashes.SHA256())


def idp(only_user=False, only_ca=False, reasons=None, indirect=False,
        full_name=None):
    return x509.IssuingDistributionPoint(
        full_name=full_name, relative_name=None,
        only_contains_user_certs=only_user, only_contains_ca_certs=only_ca,
        only_some_reasons=reasons, indirect_crl=indirect,
        only_contains_attribute_certs=False)


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    root, rkey = cert("root.pem"), key("root")
    inter, ikey = cert("int.pem"), key("int")
    RF = x509.ReasonFlags

    # Another key of the intermediate, for CRLs only.
    ckey = key("int-crlkey")
    crlkey = issue(inter.subject, ckey, root, rkey, 0x1003, [
        (x509.BasicConstraints(False, None), True), (ku(True), True)])
    write("int-crlkey.pem", crlkey)
    # An indirect CRL issuer and a leaf that names it.
    xkey = key("crl-issuer")
    xiss = issue(name("CRL Test Indirect Issuer"), xkey, root, rkey, 0x1004,
                 [(x509.BasicConstraints(False, None), True),
                  (ku(True), True)])
    write("crl-issuer.pem", xiss)
    lkey = key("leaf-indirect")
    dp = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(DP_URI)],
        relative_name=None, reasons=None,
        crl_issuer=[x509.DirectoryName(xiss.subject)])
    leaf = issue(name("www.example.com"), lkey, inter, ikey, 0x2010, [
        (x509.BasicConstraints(False, None), True),
        (ku(False, digital=True), True),
        (x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
         False),
        (x509.SubjectAlternativeName([x509.DNSName("www.example.com")]),
         False),
        (x509.CRLDistributionPoints([dp]), False)])
    write("leaf-indirect.pem", leaf)
    with open("chain-indirect.pem", "wb") as f:
        for c in (leaf, inter, xiss):
            f.write(c.public_bytes(serialization.Encoding.PEM))
    with open("chain-crlkey.pem", "wb") as f:
        for p in ("leaf-revoked.pem",):
            with open(p, "rb") as g:
                f.write(g.read())
        for c in (inter, crlkey):
            f.write(c.public_bytes(serialization.Encoding.PEM))

    write("int-base-hold.crl.pem", crl(inter.subject, ikey, 10,
          [(0x2001, RF.certificate_hold, None)]))
    write("int-base-empty.crl.pem", crl(inter.subject, ikey, 10, []))
    write("int-delta-remove.crl.pem", crl(inter.subject, ikey, 11,
          [(0x2001, RF.remove_from_crl, None)], delta_base=10))
    write("int-delta-revoke.crl.pem", crl(inter.subject, ikey, 11,
          [(0x2001, RF.key_compromise, None)], delta_base=10))
    write("int-delta-newbase.crl.pem", crl(inter.subject, ikey, 13,
          [(0x2001, RF.key_compromise, None)], delta_base=12))
    write("int-onlyca.crl.pem", crl(inter.subject, ikey, 20, [],
          idp=idp(only_ca=True)))
    write("root-onlyca.crl.pem", crl(root.subject, rkey, 20, [],
          idp=idp(only_ca=True)))
    some = frozenset([RF.key_compromise, RF.ca_compromise])
    other = frozenset([RF.affiliation_changed, RF.superseded,
                       RF.cessation_of_operation, RF.certificate_hold,
                       RF.privilege_withdrawn, RF.aa_compromise])
    write("int-somereasons.crl.pem", crl(inter.subject, ikey, 21, [],
          idp=idp(reasons=some)))
    write("int-otherreasons.crl.pem", crl(inter.subject, ikey, 22, [],
          idp=idp(reasons=other)))
    write("int-crlkey.crl.pem", crl(inter.subject, ckey, 30,
          [(0x2002, RF.key_compromise, None)]))
    write("root-revokes-crlkey.crl.pem", crl(root.subject, rkey, 31,
          [(0x1003, RF.key_compromise, None)]))
    ind = idp(indirect=True,
              full_name=[x509.UniformResourceIdentifier(DP_URI)])
    write("indirect.crl.pem", crl(xiss.subject, xkey, 40,
          [(0x2010, RF.key_compromise, inter.subject)], idp=ind))
    write("indirect-other.crl.pem", crl(xiss.subject, xkey, 41,
          [(0x2010, RF.key_compromise, root.subject)], idp=ind))


if __name__ == "__main__":
    main()
