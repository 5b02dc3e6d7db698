#!/usr/bin/env python3
"""A small HTTP server for the online tests (OCSP, CRL, AIA).

    httpd.py --root DIR --port-file FILE --log FILE [--bind 127.0.0.1]

Binds the address it is given (never a wildcard) on an ephemeral port,
writes the port to --port-file once it listens, and serves DIR:

- GET /a/b answers the file DIR/a/b; when there is none, the longest
  existing file that is a prefix of the path (so an OCSP GET request,
  URL + "/" + base64 of the request, answers the file at URL).
- POST /a/b reads the body, stores it as DIR/.requests/N.bin (N counts
  from 1) and answers the file as GET does.
- DIR/.rules (JSON, optional, read at every request) changes the answer
  for a path and the paths below it (the longest match wins): {"/p": {"delay": SECONDS, "status": CODE,
  "redirect": "/other", "size": BYTES, "cache_control": "max-age=60",
  "content_type": "..."}}. "size" answers that many bytes of zeros.
- Each request appends "METHOD PATH BODYLENGTH" to --log (flushed), so a
  test counts requests by reading it.

Stop it with SIGTERM (the test keeps its process id).
"""

import argparse
import http.server
import json
import os
import signal
import socketserver
import sys
import threading
import time

TYPES = {
    ".der": "application/pkix-cert",
    ".crt": "application/pkix-cert",
    ".cer": "application/pkix-cert",
    ".crl": "application/pkix-crl",
    ".p7c": "application/pkcs7-mime",
    ".ocsp": "application/ocsp-response",
    ".pem": "application/x-pem-file",
}


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = False


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    def record(self, method, body):
        srv = self.server
        with srv.lock:
            srv.count += 1
            n = srv.count
            with open(srv.log, "a") as f:
                f.write("%s %s %d\n" % (method, self.path, len(body)))
                f.flush()
            if method == "POST":
                d = os.path.join(srv.root, ".requests")
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "%d.bin" % n), "wb") as f:
                    f.write(body)

    def rules(self):
        try:
            with open(os.path.join(self.server.root, ".rules")) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def rule(self):
        """The rule of the path, or of its longest parent that has one
        (so a rule for an OCSP URL also covers GET URL/base64)."""
        rules = self.rules()
        path = self.path.split("?", 1)[0]
        while path:
            if path in rules:
                return rules[path]
            path = path.rsplit("/", 1)[0]
        return {}

    def find(self, path):
        root = os.path.realpath(self.server.root)
        path = path.split("?", 1)[0]
        parts = [p for p in path.split("/") if p not in ("", ".", "..")]
        while parts:
            cand = os.path.realpath(os.path.join(root, *parts))
            if cand.startswith(root + os.sep) and os.path.isfile(cand):
                return cand
            parts.pop()
        return None

    def answer(self, status, body, ctype="application/octet-stream",
               extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def serve(self, method, body):
        self.record(method, body)
        rule = self.rule()
        if "delay" in rule:
            time.sleep(float(rule["delay"]))
        if "redirect" in rule:
            self.answer(302, b"", extra={"Location": rule["redirect"]})
            return
        if "size" in rule:
            self.answer(int(rule.get("status", 200)),
                        b"\0" * int(rule["size"]))
            return
        f = self.find(self.path)
        if f is None:
            self.answer(404, b"not found\n", "text/plain")
            return
        with open(f, "rb") as fp:
            data = fp.read()
        ctype = rule.get("content_type",
                         TYPES.get(os.path.splitext(f)[1],
                                   "application/octet-stream"))
        extra = {}
        if "cache_control" in rule:
            extra["Cache-Control"] = rule["cache_control"]
        self.answer(int(rule.get("status", 200)), data, ctype, extra)

    def do_GET(self):
        self.serve("GET", b"")

    def do_HEAD(self):
        self.serve("HEAD", b"")

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.serve("POST", self.rfile.read(n) if n > 0 else b"")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    if a.bind in ("", "0.0.0.0", "::"):
        sys.exit("httpd.py: refusing to bind a wildcard address")
    if ":" in a.bind:
        Server.address_family = __import__("socket").AF_INET6
    srv = Server((a.bind, 0), Handler)
    srv.root = a.root
    srv.log = a.log
    srv.lock = threading.Lock()
    srv.count = 0
    open(a.log, "a").close()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever()
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()
