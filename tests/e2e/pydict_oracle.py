#!/usr/bin/env python3
"""Compare `certshow dump --format python` with CPython's ssl module.

For every input file, every certificate that certshow prints must give
exactly the text pprint.pprint() prints for
ssl._ssl._test_decode_cert() of that certificate (so also an equal dict
under ast.literal_eval). Where the ssl module itself raises (for instance
on invalid UTF-8 in a name), the output must still be a Python literal.
`certshow dump --format json` of every file must parse with the json
module and list the same number of certificates.

usage: pydict_oracle.py CERTSHOW [--synthetic DATA_DIR] FILE...

With --synthetic, certificates with hostile names and unusual extensions
are built in a temporary directory (DER by hand, using the public key of
DATA_DIR/certs/ecdsa-p256.der) and checked too.
Exit status: 0 all equal, 1 a mismatch (printed with a diff).
"""
import ast
import base64
import difflib
import json
import os
import pprint
import ssl
import subprocess
import sys
import tempfile


def run(certshow, fmt, path):
    p = subprocess.run([certshow, "dump", "--format", fmt, path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def split_pem(text):
    out, cur = [], None
    for line in text.splitlines():
        if line == "-----BEGIN CERTIFICATE-----":
            cur = []
        elif line == "-----END CERTIFICATE-----":
            out.append(base64.b64decode("".join(cur)))
            cur = None
        elif cur is not None:
            if len(line) > 64:
                raise ValueError("PEM line longer than 64 columns")
            cur.append(line)
    return out


def python_dict(der, tmpdir):
    path = os.path.join(tmpdir, "cert.pem")
    with open(path, "w") as f:
        f.write(ssl.DER_cert_to_PEM_cert(der))
    return ssl._ssl._test_decode_cert(path)


def check_file(certshow, path, tmpdir, stats):
    ok = True
    rc, pem_out, err = run(certshow, "pem", path)
    ders = split_pem(pem_out.decode("ascii"))
    rc2, py_out, err2 = run(certshow, "python", path)
    text = py_out.decode("utf-8")
    blocks = [b + "\n" for b in text.split("\n\n")] if text else []
    if blocks:
        blocks[-1] = blocks[-1][:-1]
    if len(blocks) != len(ders) or rc != rc2:
        print("FAIL %s: %d PEM certificates (exit %d) but %d dicts "
              "(exit %d)" % (path, len(ders), rc, len(blocks), rc2))
        return False
    for i, (der, got) in enumerate(zip(ders, blocks)):
        stats["certs"] += 1
        where = "%s #%d" % (path, i)
        try:
            got_dict = ast.literal_eval(got)
        except Exception as e:
            print("FAIL %s: output is not a Python literal: %s" % (where, e))
            ok = False
            continue
        try:
            want_dict = python_dict(der, tmpdir)
        except Exception as e:
            stats["python_raises"] += 1
            print("note %s: the ssl module raises (%s: %s); output is a "
                  "literal" % (where, type(e).__name__, e))
            continue
        want = pprint.pformat(want_dict) + "\n"
        if got != want or got_dict != want_dict:
            ok = False
            print("FAIL %s: differs from ssl._ssl._test_decode_cert" % where)
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True),
                "python", "certshow"))
        else:
            stats["equal"] += 1
    rc3, js, err3 = run(certshow, "json", path)
    try:
        doc = json.loads(js.decode("utf-8"))
        if doc.get("format_version") != 1:
            raise ValueError("format_version is not 1")
        if len(doc["certificates"]) != len(ders):
            raise ValueError("%d certificates in JSON, %d in PEM"
                             % (len(doc["certificates"]), len(ders)))
        stats["json"] += 1
    except Exception as e:
        print("FAIL %s: JSON: %s" % (path, e))
        ok = False
    return ok


# ---------------------------------------------------------------------
# Synthetic certificates: names and extensions that certificate tools
# refuse to make, built directly in DER. The signature is not valid;
# neither `certshow dump` nor _test_decode_cert checks it.
# ---------------------------------------------------------------------

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray()
    for i, a in enumerate([arcs[0] * 40 + arcs[1]] + arcs[2:]):
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.append(0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(reversed(enc))
    return tlv(0x06, bytes(body))


def utf8(s):
    return tlv(0x0C, s.encode("utf-8") if isinstance(s, str) else s)


def name(*rdns):
    """rdns: lists of (oid, value TLV)."""
    return seq(*[tlv(0x31, b"".join(sorted(seq(oid(o), v) for o, v in rdn)))
                 for rdn in rdns])


def cn(value_tlv):
    return name([("2.5.4.10", utf8("certshow tests"))],
                [("2.5.4.3", value_tlv)])


def ext(dotted, value, critical=False):
    return seq(oid(dotted), tlv(0x01, b"\xff") if critical else b"",
               tlv(0x04, value))


def san(*gns):
    return ext("2.5.29.17", seq(*gns))


def serial_int(content):
    return tlv(0x02, content)


def utctime(s):
    return tlv(0x17, s.encode())


def certificate(spki, subject=None, serial=b"\x10\x01", exts=(),
                issuer=None):
    sigalg = seq(oid("1.2.840.10045.4.3.2"))
    subject = subject if subject is not None else cn(utf8("synthetic"))
    issuer = issuer if issuer is not None else name(
        [("2.5.4.3", utf8("certshow synthetic CA"))])
    tbs = [tlv(0xA0, tlv(0x02, b"\x02")), serial_int(serial), sigalg,
           issuer, seq(utctime("000101000000Z"), utctime("491231235959Z")),
           subject, spki]
    if exts:
        tbs.append(tlv(0xA3, seq(*exts)))
    return seq(seq(*tbs), sigalg, tlv(0x03, b"\x00" + seq(
        tlv(0x02, b"\x01"), tlv(0x02, b"\x01"))))


def first_spki(der):
    """The SubjectPublicKeyInfo TLV of a certificate (7th TBS field)."""
    def children(buf):
        out, off = [], 0
        while off < len(buf):
            hl = 2
            n = buf[off + 1]
            ln = n
            if n & 0x80:
                hl = 2 + (n & 0x7F)
                ln = int.from_bytes(buf[off + 2:off + hl], "big")
            out.append((buf[off:off + hl + ln], buf[off + hl:off + hl + ln]))
            off += hl + ln
        return out
    cert = children(der)[0][1]
    tbs = children(cert)[0][1]
    return children(tbs)[6][0]


def synthetic(spki):
    long_words = " ".join("word%d" % i for i in range(40))
    odd = "\x00\t\n\r\x1b[2J\x7f'\"\\ é\u0085\u00a0\u200b\u2028\U0001F600" \
          "\ue000\U0010FFFF\u00ad"
    dns = lambda b: tlv(0x82, b)
    other = lambda o, v: tlv(0xA0, oid(o) + tlv(0xA0, v))
    out = {
        "escapes": certificate(spki, cn(utf8(odd)), exts=[
            san(dns(b"a'b.example"), dns(b'a"b.example'),
                dns(b"a'\"b\\.example"), dns(b"\x00\x01\x1f\x7f"),
                dns("d\u00e9j\u00e0.example".encode()),
                tlv(0x81, b"\xe2\x80\xae@example"),
                tlv(0x86, "http://x/\x0b\x0c\x1c\x1d\x1e\x85".encode()))]),
        "long-words": certificate(spki, cn(utf8(long_words)), exts=[
            san(tlv(0x86, ("http://example.com/" + long_words).encode()),
                dns(("x" * 100).encode()),
                tlv(0x86, ("line one\nline two " + long_words +
                           "\r\nthree\u2028four").encode()))]),
        "string-types": certificate(spki, name(
            [("2.5.4.3", tlv(0x1E, "Gr\u00fc\u00dfe \u20ac".encode(
                "utf-16-be")))],
            [("2.5.4.10", tlv(0x1C, "Uni \U0001F600".encode("utf-32-be")))],
            [("2.5.4.11", tlv(0x14, b"T61 \xe9\xff"))],
            [("2.5.4.7", tlv(0x13, b"Printable \xe9"))],
            [("2.5.4.8", tlv(0x16, b"IA5"))],
            [("2.5.4.5", tlv(0x12, b"0123 45"))],
            [("2.5.4.45", tlv(0x03, b"\x00\x01\x02\x03\x04\x05\x06"))],
            [("2.5.4.45", tlv(0x03, b"\x00"))],
            [("2.5.4.45", tlv(0x03, b"\x00'\"\\\x00\xff"))],
            [("2.5.4.97", utf8("VATDE-123")),
             ("1.3.6.1.4.1.311.60.2.1.3", tlv(0x13, b"DE")),
             ("1.2.3.4.5", utf8("unknown"))])),
        "gn-types": certificate(spki, exts=[san(
            tlv(0x87, bytes([192, 0, 2, 1])),
            tlv(0x87, bytes(10) + b"\xff\xff" + bytes([1, 2, 3, 4])),
            tlv(0x87, bytes(16)),
            tlv(0x87, b"\x01\x02\x03\x04\x05"),
            tlv(0xA3, seq()),
            tlv(0xA5, tlv(0xA1, utf8("party"))),
            tlv(0xA5, tlv(0xA0, tlv(0x13, b"assigner")) + tlv(0xA1, tlv(0x1E, "p".encode("utf-16-be")))),
            tlv(0x88, oid("2.5.29.17")[2:]),
            tlv(0x88, oid("1.2.3.4.5.6")[2:]),
            other("1.2.3.4", utf8("unknown type")),
            other("1.3.6.1.4.1.311.20.2.3", utf8("upn@example.com")),
            other("1.3.6.1.4.1.311.20.2.3", tlv(0x16, b"ia5@example.com")),
            other("1.3.6.1.4.1.311.20.2.3", utf8(b"nul\x00after")),
            other("1.3.6.1.4.1.311.20.2.3", utf8(b"nl\nafter")),
            other("1.3.6.1.5.5.7.8.7", tlv(0x16, b"_http.example.com")),
            other("1.3.6.1.5.5.7.8.7", utf8("_utf8.example.com")),
            other("1.3.6.1.5.5.7.8.5", utf8("xmpp@example.com")),
            other("1.3.6.1.5.5.7.8.8", utf8("realm.example")),
            tlv(0xA4, cn(utf8("dir \u00e9"))))]),
        "visible-string": certificate(spki, cn(tlv(0x1A, b"Visible"))),
        "bmp-surrogate": certificate(spki, cn(tlv(0x1E, b"\xd8\x3d\xde\x00"))),
        "san-bad-utf8": certificate(spki, exts=[san(dns(b"bad\xff.example"))]),
        "san-empty": certificate(spki, exts=[san()]),
        "san-dup": certificate(spki, exts=[san(dns(b"one.example")),
                                           san(dns(b"two.example"))]),
        "aia-crldp": certificate(spki, exts=[
            ext("1.3.6.1.5.5.7.1.1", seq(
                seq(oid("1.3.6.1.5.5.7.48.1"), tlv(0x86, b"http://ocsp/1")),
                seq(oid("1.3.6.1.5.5.7.48.1"), dns(b"ocsp.example")),
                seq(oid("1.3.6.1.5.5.7.48.2"), tlv(0x86, b"http://ca/a")),
                seq(oid("1.3.6.1.5.5.7.48.3"), tlv(0x86, b"http://ts/")),
                seq(oid("1.3.6.1.5.5.7.48.1"), tlv(0x86, b"http://ocsp/2")))),
            ext("2.5.29.31", seq(
                seq(tlv(0xA0, tlv(0xA0, dns(b"crl.example") +
                                  tlv(0x86, b"http://crl/1")))),
                seq(tlv(0x81, b"\x07\x80")),
                seq(tlv(0xA0, tlv(0xA1, seq(oid("2.5.4.3"),
                                            utf8("relative"))))),
                seq(tlv(0xA0, tlv(0xA0, tlv(0x86, b"http://crl/2"))),
                    tlv(0xA2, tlv(0xA4, cn(utf8("crl issuer")))))))]),
        "aia-ca-only": certificate(spki, exts=[
            ext("1.3.6.1.5.5.7.1.1", seq(
                seq(oid("1.3.6.1.5.5.7.48.2"), tlv(0x86, b"http://ca/b"))))]),
        "serial-zero": certificate(spki, serial=b"\x00"),
        "serial-minus-one": certificate(spki, serial=b"\xff"),
        "serial-minus-256": certificate(spki, serial=b"\xff\x00"),
        "serial-minus-129": certificate(spki, serial=b"\xff\x7f"),
        "serial-long": certificate(spki, serial=b"\x7f" + bytes(range(1, 45))),
        "multi-rdn": certificate(spki, name(
            [("2.5.4.3", utf8("multi")), ("2.5.4.10", utf8("valued")),
             ("0.9.2342.19200300.100.1.25", tlv(0x16, b"dc"))],
            [("1.2.840.113549.1.9.1", tlv(0x16, b"e@example.com"))])),
        "empty-subject": certificate(spki, seq(), exts=[
            san(dns(b"only-san.example"))], issuer=seq()),
    }
    return out


def check_synthetic(certshow, tmpdir, stats, data_dir):
    spki_src = os.path.join(data_dir, "certs", "ecdsa-p256.der")
    with open(spki_src, "rb") as f:
        spki = first_spki(f.read())
    ok = True
    for label, der in synthetic(spki).items():
        path = os.path.join(tmpdir, "synthetic-%s.pem" % label)
        with open(path, "w") as f:
            f.write(ssl.DER_cert_to_PEM_cert(der))
        rc, out, err = run(certshow, "pem", path)
        if rc != 0 or not out:
            stats["not_loaded"] += 1
            print("note synthetic %s: certshow does not load it: %s"
                  % (label, err.strip()))
            continue
        if not check_file(certshow, path, tmpdir, stats):
            ok = False
    return ok


def main():
    certshow = sys.argv[1]
    args = sys.argv[2:]
    data_dir = None
    if args[:1] == ["--synthetic"]:
        data_dir = args[1]
        args = args[2:]
    stats = {"certs": 0, "equal": 0, "python_raises": 0, "json": 0,
             "not_loaded": 0}
    ok = True
    with tempfile.TemporaryDirectory() as tmpdir:
        if data_dir is not None and ssl.OPENSSL_VERSION_INFO[0] < 3:
            # The synthetic cases pin OpenSSL 3 renderings (othername
            # types, IPv6 without a trailing newline).
            print("note: %s is not OpenSSL 3; synthetic certificates "
                  "skipped" % ssl.OPENSSL_VERSION)
        elif data_dir is not None:
            ok = check_synthetic(certshow, tmpdir, stats, data_dir)
        for path in args:
            if not check_file(certshow, path, tmpdir, stats):
                ok = False
    print("%d certificates: %d equal to Python, %d where Python raises; "
          "%d JSON documents parsed; %d synthetic not loaded"
          % (stats["certs"], stats["equal"], stats["python_raises"],
             stats["json"], stats["not_loaded"]))
    return 0 if ok else 1


sys.exit(main())
