#!/usr/bin/env python3
"""gen.py - certificate policy chains (RFC 5280 6.1 policy processing).

Run by hand from any directory (`python3 data/chains-policy/gen.py`);
make check never runs it. Needs pyca/cryptography. Keys are EC P-256 and
reused from keys/ when present. Every certificate is valid from
2000-01-01 to 2099-12-31, CAs carry critical basicConstraints and
keyUsage, SKI and AKI; leaves are server certificates for
www.example.com. Policies are 1.3.6.1.4.1.55555.2.N (written PN below);
"any" is anyPolicy.

root.pem is the trust anchor of every chain. Each NAME.pem holds the
leaf first, then its intermediates; see data/README.md for what each
one tests and its valid twin.
"""

import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2099, 12, 31, 23, 59, 59,
                        tzinfo=datetime.timezone.utc)
ANY = "2.5.29.32.0"


def P(n):
    return "1.3.6.1.4.1.55555.2.%d" % n


def key(name):
    path = os.path.join(HERE, "keys", name + ".key")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    k = ec.generate_private_key(ec.SECP256R1())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))
    return k


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der_oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = bytes([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.insert(0, 0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(enc)
    return b"\x06" + der_len(len(body)) + body


def der_seq(*items):
    body = b"".join(items)
    return b"\x30" + der_len(len(body)) + body


def policy_mappings(pairs):
    """PolicyMappings DER (pyca/cryptography has no builder for it)."""
    return der_seq(*[der_seq(der_oid(a), der_oid(b)) for a, b in pairs])


def name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certshow tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


class Issued:
    def __init__(self, cert, k):
        self.cert = cert
        self.key = k


def issue(cn, k, issuer, serial, ca, policies=None, mappings=None,
          require=None, inhibit_map=None, inhibit_any=None):
    """A certificate for key k under issuer (None: self-signed)."""
    subj = name(cn)
    iname = issuer.cert.subject if issuer else subj
    ikey = issuer.key if issuer else k
    b = (x509.CertificateBuilder().subject_name(subj).issuer_name(iname)
         .public_key(k.public_key()).serial_number(serial)
         .not_valid_before(START).not_valid_after(END))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=None),
                        critical=True)
    b = b.add_extension(x509.KeyUsage(
        digital_signature=not ca, content_commitment=False,
        key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False), critical=True)
    b = b.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(k.public_key()),
        critical=False)
    b = b.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ikey.public_key()), critical=False)
    if not ca:
        b = b.add_extension(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        b = b.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("www.example.com")]), critical=False)
    if policies is not None:
        b = b.add_extension(x509.CertificatePolicies([
            x509.PolicyInformation(x509.ObjectIdentifier(p), None)
            for p in policies]), critical=False)
    if mappings is not None:
        b = b.add_extension(x509.UnrecognizedExtension(
            x509.ObjectIdentifier("2.5.29.33"), policy_mappings(mappings)),
            critical=True)
    if require is not None or inhibit_map is not None:
        b = b.add_extension(x509.PolicyConstraints(
            require_explicit_policy=require,
            inhibit_policy_mapping=inhibit_map), critical=True)
    if inhibit_any is not None:
        b = b.add_extension(x509.InhibitAnyPolicy(inhibit_any),
                            critical=True)
    return Issued(b.sign(ikey, hashes.SHA256()), k)


def write(fname, certs):
    with open(os.path.join(HERE, fname), "wb") as f:
        for c in certs:
            f.write(c.cert.public_bytes(serialization.Encoding.PEM))


SERIAL = [100]


def chain(fname, cas, leaf_policies):
    """cas: list of dicts of issue() keywords, root side first."""
    issuer = root
    made = []
    for i, kw in enumerate(cas):
        SERIAL[0] += 1
        issuer = issue("Policy CA %d" % (i + 1), key("ca%d" % (i + 1)),
                       issuer, SERIAL[0], True, **kw)
        made.append(issuer)
    SERIAL[0] += 1
    leaf = issue("www.example.com", key("leaf"), issuer, SERIAL[0], False,
                 policies=leaf_policies)
    write(fname, [leaf] + list(reversed(made)))


root = issue("Policy Root", key("root"), None, 1, True)
write("root.pem", [root])

# Plain policy chain: CA {P1}, leaf {P1}.
chain("same.pem", [dict(policies=[P(1)])], [P(1)])
# Leaf {P2} under a CA {P1}: no common policy.
chain("mismatch.pem", [dict(policies=[P(1)])], [P(2)])
# The same with requireExplicitPolicy 0 in the CA; twin explicit-ok.pem.
chain("explicit.pem", [dict(policies=[P(1)], require=0)], [P(2)])
chain("explicit-ok.pem", [dict(policies=[P(1)], require=0)], [P(1)])
# Mapping P1 -> P2 in the CA, leaf {P2}.
chain("map.pem", [dict(policies=[P(1)], mappings=[(P(1), P(2))])], [P(2)])
# Mapping anyPolicy -> P2 (6.1.4 (a)); twin map.pem.
chain("map-any.pem", [dict(policies=[P(1)], mappings=[(ANY, P(2))])],
      [P(2)])
# Two CAs: the first requires an explicit policy, the second maps P1 ->
# P2; twin of map-inhibit.pem, whose first CA also inhibits mapping.
chain("map2.pem", [dict(policies=[P(1)], require=0),
                   dict(policies=[P(1)], mappings=[(P(1), P(2))])], [P(2)])
chain("map-inhibit.pem", [dict(policies=[P(1)], require=0, inhibit_map=0),
                          dict(policies=[P(1)], mappings=[(P(1), P(2))])],
      [P(2)])
# anyPolicy in both CAs, the first requiring an explicit policy; in
# any-inhibit.pem the first also sets inhibitAnyPolicy 0.
chain("any.pem", [dict(policies=[ANY], require=0), dict(policies=[ANY])],
      [P(1)])
chain("any-inhibit.pem", [dict(policies=[ANY], require=0, inhibit_any=0),
                          dict(policies=[ANY])], [P(1)])
# anyPolicy in the middle: CA1 {P1, P2}, CA2 {any}, leaf {P1}.
chain("any-middle.pem", [dict(policies=[P(1), P(2)]),
                         dict(policies=[ANY])], [P(1)])


def fan(k):
    pols = [P(i) for i in range(1, k + 1)]
    return dict(policies=pols, mappings=[(a, b) for a in pols for b in pols])


# Every policy of k mapped to every one, three CAs deep: the tree grows
# as k^depth. k = 10 exceeds the bound, k = 3 (the twin) stays small.
chain("tree-big.pem", [fan(10), fan(10), fan(10)], [P(1)])
chain("tree-small.pem", [fan(3), fan(3), fan(3)], [P(1)])
