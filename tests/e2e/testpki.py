"""Building blocks of the test PKIs the online tests generate per run
(tests/e2e/ocsp-pki.py, tests/e2e/online-pki.py): names, P-256 keys,
certificates with the extensions those tests vary, CRLs and OCSP
responses. Validity is always 2000-2099; the callers fix the other dates,
so every test verifies at a fixed time."""

import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

NB = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
NA = datetime.datetime(2099, 12, 31, tzinfo=datetime.timezone.utc)
DER = serialization.Encoding.DER


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def key():
    return ec.generate_private_key(ec.SECP256R1())


def key_pem(k):
    return k.private_bytes(serialization.Encoding.PEM,
                           serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption())


def _uri(u):
    return x509.UniformResourceIdentifier(u)


def _aia(ocsp_url, ca_issuers):
    ads = [x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                  _uri(u)) for u in ca_issuers or []]
    if ocsp_url:
        ads.insert(0, x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP, _uri(ocsp_url)))
    return x509.AuthorityInformationAccess(ads)


def cert(subject, skey, issuer, ikey, serial, ca, ocsp_url=None,
         crl_url=None, aia=None, eku=None, dns=None, must_staple=False):
    """SUBJECT (key SKEY) issued by ISSUER (key IKEY): basicConstraints,
    SKI, AKI and keyUsage always; OCSP and caIssuers URLs (AIA), a CRL
    distribution point, EKU, one dNSName and must-staple when given."""
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
             ikey.public_key()), critical=False)
         .add_extension(x509.KeyUsage(
             digital_signature=True, content_commitment=False,
             key_encipherment=False, data_encipherment=False,
             key_agreement=False, key_cert_sign=ca, crl_sign=ca,
             encipher_only=False, decipher_only=False), critical=True))
    if ocsp_url or aia:
        b = b.add_extension(_aia(ocsp_url, aia), critical=False)
    if crl_url is not None:
        b = b.add_extension(x509.CRLDistributionPoints([
            x509.DistributionPoint(full_name=[_uri(crl_url)],
                                   relative_name=None, reasons=None,
                                   crl_issuer=None)]), critical=False)
    if eku is not None:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    if dns is not None:
        b = b.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName(dns)]), critical=False)
    if must_staple:
        b = b.add_extension(x509.TLSFeature(
            [x509.TLSFeatureType.status_request]), critical=False)
    return b.sign(ikey, hashes.SHA256())


def pem(*certs):
    return b"".join(c.public_bytes(serialization.Encoding.PEM)
                    for c in certs)


def write(path, data):
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def crl(issuer, ikey, revoked, this, nxt, revoked_at, number=1):
    """A CRL by ISSUER (an x509.Name) listing the serials REVOKED."""
    b = (x509.CertificateRevocationListBuilder()
         .issuer_name(issuer)
         .last_update(this)
         .next_update(nxt)
         .add_extension(x509.CRLNumber(number), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
             ikey.public_key()), critical=False))
    for s in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(s)
            .revocation_date(revoked_at).build())
    return b.sign(ikey, hashes.SHA256())


def ocsp_response(c, issuer, signer_cert, signer_key, this, nxt,
                  status=None, revoked_at=None, certs=None, nonce=None):
    """A DER OCSP response for C (issued by ISSUER) signed by SIGNER;
    revoked responses carry REVOKED_AT and keyCompromise."""
    status = status or ocsp.OCSPCertStatus.GOOD
    revoked = status == ocsp.OCSPCertStatus.REVOKED
    b = ocsp.OCSPResponseBuilder().add_response(
        cert=c, issuer=issuer, algorithm=hashes.SHA1(), cert_status=status,
        this_update=this, next_update=nxt,
        revocation_time=revoked_at if revoked else None,
        revocation_reason=x509.ReasonFlags.key_compromise
        if revoked else None)
    b = b.responder_id(ocsp.OCSPResponderEncoding.HASH, signer_cert)
    if certs:
        b = b.certificates(certs)
    if nonce is not None:
        b = b.add_extension(x509.OCSPNonce(nonce), critical=False)
    return b.sign(signer_key, hashes.SHA256()).public_bytes(DER)
