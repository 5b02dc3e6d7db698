#!/usr/bin/env python3
"""DER surgery for the test fixtures (used by gen-certs.sh, stdlib only).

Certificates and OCSP responses that certtool and openssl refuse to make
(NUL bytes or invalid UTF-8 in names, BMPString, negative serials, a v3
certificate without extensions, fixed OCSP times) are made by patching a
generated object and signing the patched to-be-signed bytes again with
`openssl dgst -sign`.

  derutil.py resign IN OUT --key KEY [--digest sha256] [--sub OLD NEW]...
             [--drop-extensions] [--count N] [--der]
  derutil.py ocsp-resign IN OUT --key KEY [--digest sha256] [--sub OLD NEW]...
             [--times PRODUCED,THIS,NEXT [--keep-time REVOKED]]
  derutil.py sct-list
  derutil.py pem2der IN OUT

OLD and NEW are Python bytes escapes ('www\\x00evil') of the same length,
so no enclosing length changes; each OLD must occur exactly N times in the
to-be-signed bytes, N being the last --count before it (default 1).
"""

import base64
import codecs
import hashlib
import re
import struct
import subprocess
import sys


def read_tlv(buf, off):
    """Return (tag, header length, content length) of the TLV at off."""
    tag = buf[off]
    if tag & 0x1F == 0x1F:
        raise ValueError("multi-byte tags are not supported")
    first = buf[off + 1]
    if first < 0x80:
        return tag, 2, first
    n = first & 0x7F
    if n == 0 or n > 4:
        raise ValueError("unsupported length form at %d" % off)
    length = int.from_bytes(buf[off + 2:off + 2 + n], "big")
    return tag, 2 + n, length


def children(buf):
    """Split the content of a constructed value into raw child TLVs."""
    out = []
    off = 0
    while off < len(buf):
        _, hl, ln = read_tlv(buf, off)
        out.append(buf[off:off + hl + ln])
        off += hl + ln
    return out


def content(tlv):
    _, hl, ln = read_tlv(tlv, 0)
    if hl + ln != len(tlv):
        raise ValueError("trailing data after TLV")
    return tlv[hl:]


def enc_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + enc_len(len(body)) + body


def load(path):
    data = open(path, "rb").read()
    m = re.search(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----",
                  data, re.S)
    if m:
        return base64.b64decode(b"".join(m.group(2).split()))
    return data


def pem(der, label="CERTIFICATE"):
    b64 = base64.b64encode(der).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return ("-----BEGIN %s-----\n%s\n-----END %s-----\n"
            % (label, "\n".join(lines), label)).encode()


def sign(tbs, key, digest):
    p = subprocess.run(["openssl", "dgst", "-" + digest, "-sign", key,
                        "-binary"], input=tbs, capture_output=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode())
        raise SystemExit("openssl dgst -sign failed")
    return p.stdout


def substitute(tbs, subs):
    for old, new, count in subs:
        if len(old) != len(new):
            raise SystemExit("substitution %r -> %r changes the length"
                             % (old, new))
        n = tbs.count(old)
        if n != count:
            raise SystemExit("%r occurs %d times, expected %d"
                             % (old, n, count))
        tbs = tbs.replace(old, new)
    return tbs


def parse_opts(argv):
    opts = {"subs": [], "digest": "sha256", "count": 1, "key": None,
            "drop_ext": False, "der": False, "times": None,
            "keep_time": None}
    pos = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--sub":
            old = codecs.escape_decode(argv[i + 1])[0]
            new = codecs.escape_decode(argv[i + 2])[0]
            opts["subs"].append((old, new, opts["count"]))
            i += 3
            continue
        if a in ("--key", "--digest", "--count", "--times", "--keep-time"):
            k = a[2:].replace("-", "_")
            opts[k] = int(argv[i + 1]) if a == "--count" else argv[i + 1]
            i += 2
            continue
        if a == "--drop-extensions":
            opts["drop_ext"] = True
        elif a == "--der":
            opts["der"] = True
        else:
            pos.append(a)
        i += 1
    if len(pos) != 2 or opts["key"] is None:
        raise SystemExit(__doc__)
    return pos, opts


def cmd_resign(argv):
    (src, dst), o = parse_opts(argv)
    tbs, alg, _sig = children(content(load(src)))
    if o["drop_ext"]:
        parts = [c for c in children(content(tbs)) if c[0] != 0xA3]
        tbs = tlv(0x30, b"".join(parts))
    tbs = substitute(tbs, o["subs"])
    # The outer algorithm must match the (possibly patched) inner one.
    fields = children(content(tbs))
    alg = fields[2] if fields[0][0] == 0xA0 else fields[1]
    sig = sign(tbs, o["key"], o["digest"])
    cert = tlv(0x30, tbs + alg + tlv(0x03, b"\x00" + sig))
    open(dst, "wb").write(cert if o["der"] else pem(cert))


def retime(tbs, times, keep):
    """Replace, in order, each GeneralizedTime in tbs except those equal to
    keep (the revocationTime) with the given YYYYMMDDHHMMSSZ values:
    producedAt, thisUpdate, nextUpdate (RFC 6960 4.2.1)."""
    found = [m for m in re.finditer(rb"\x18\x0f(\d{14}Z)", tbs)
             if m.group(1).decode() != keep]
    if len(found) != len(times):
        raise SystemExit("found %d times, expected %d"
                         % (len(found), len(times)))
    out = bytearray(tbs)
    for m, t in zip(found, times):
        if len(t) != 15:
            raise SystemExit("bad time %s" % t)
        out[m.start(1):m.end(1)] = t.encode()
    return bytes(out)


def cmd_ocsp_resign(argv):
    """Patch tbsResponseData of a BasicOCSPResponse and sign it again."""
    (src, dst), o = parse_opts(argv)
    status, rbytes = children(content(load(src)))
    oid, octets = children(content(content(rbytes)))
    basic = children(content(content(octets)))
    tbs = substitute(basic[0], o["subs"])
    if o["times"]:
        tbs = retime(tbs, o["times"].split(","), o["keep_time"])
    sig = sign(tbs, o["key"], o["digest"])
    basic = [tbs, basic[1], tlv(0x03, b"\x00" + sig)] + basic[3:]
    octets = tlv(0x04, tlv(0x30, b"".join(basic)))
    rbytes = tlv(0xA0, tlv(0x30, oid + octets))
    open(dst, "wb").write(tlv(0x30, status + rbytes))


def sct(log_seed, timestamp_ms):
    """One RFC 6962 section 3.2 SignedCertificateTimestamp (v1).

    The log ID is a SHA-256 of a seed and the signature is a syntactically
    valid ECDSA-Sig-Value with made-up r and s: well-formed, not verifiable.
    """
    log_id = hashlib.sha256(log_seed).digest()
    r = hashlib.sha256(log_seed + b"r").digest()
    s = hashlib.sha256(log_seed + b"s").digest()

    def integer(v):
        if v[0] & 0x80:
            v = b"\x00" + v
        return tlv(0x02, v)

    ecdsa = tlv(0x30, integer(r) + integer(s))
    body = (b"\x00" + log_id + struct.pack(">Q", timestamp_ms)
            + struct.pack(">H", 0)              # no CtExtensions
            + b"\x04\x03"                       # sha256, ecdsa
            + struct.pack(">H", len(ecdsa)) + ecdsa)
    return struct.pack(">H", len(body)) + body


def cmd_sct_list(_argv):
    # 2020-01-01T00:00:00Z and 2020-01-02T00:00:00Z in milliseconds.
    scts = sct(b"certshow test log 1", 1577836800000) + \
        sct(b"certshow test log 2", 1577923200000)
    lst = struct.pack(">H", len(scts)) + scts
    print(lst.hex())


def cmd_pem2der(argv):
    open(argv[1], "wb").write(load(argv[0]))


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    cmd = {"resign": cmd_resign, "ocsp-resign": cmd_ocsp_resign,
           "sct-list": cmd_sct_list, "pem2der": cmd_pem2der}.get(sys.argv[1])
    if cmd is None:
        raise SystemExit(__doc__)
    cmd(sys.argv[2:])


if __name__ == "__main__":
    main()
