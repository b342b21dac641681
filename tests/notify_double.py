#!/usr/bin/python3
"""A GOV.UK Notify double for tests: the v2 API's send and status
endpoints on 127.0.0.1, checking the JWT and the bodies as Notify does
and answering with Notify's JSON.  Needs Debian's python3-jwt.

  notify_double.py --port 0 --service-id UUID --secret UUID
                   [--record FILE.jsonl] [--clock-offset SECONDS]

Prints "port N" once listening.  Every request is recorded (to the JSONL
file and GET /_double/sent).  POST /_double/script takes a JSON object
to make it misbehave (see Double.script below); GET /_double/sent and
POST /_double/script need no JWT.
"""
import argparse
import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
EMAIL_RE = re.compile(r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$")
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?|BFPO) ?[0-9][A-Z]{2}$|^GIR ?0AA$")
CANNED = {429: ("RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"),
          500: ("Exception", "Internal server error"),
          503: ("Exception", "Service unavailable")}
FINAL = {"email": "delivered", "sms": "delivered", "letter": "received"}


def phone_error(number):
    """Notify's message for a number that is not a UK mobile, or None."""
    n = re.sub(r"[\s()\-.]", "", number)
    if not re.fullmatch(r"\+?[0-9]+", n):
        return "phone_number Must not contain letters or symbols"
    n = n.lstrip("+")
    for prefix in ("0044", "44"):
        if n.startswith(prefix):
            n = "0" + n[len(prefix):]
            break
    if not n.startswith("07"):
        return "phone_number Not a UK mobile number"
    if len(n) < 11:
        return "phone_number Not enough digits"
    if len(n) > 11:
        return "phone_number Too many digits"
    return None


def body_errors(kind, b):
    """Notify's validation errors for a request body, as (kind, message)."""
    if not isinstance(b, dict):
        return [("BadRequestError", "Invalid JSON supplied in POST data")]
    errs = []
    field = {"email": "email_address", "sms": "phone_number"}.get(kind)
    if field and field not in b:
        errs.append(("ValidationError", f"{field} is a required property"))
    elif field == "email_address" and not (isinstance(b[field], str) and EMAIL_RE.match(b[field])):
        errs.append(("ValidationError", "email_address Not a valid email address"))
    elif field == "phone_number":
        e = phone_error(b[field]) if isinstance(b[field], str) else "phone_number Not a UK mobile number"
        if e:
            errs.append(("ValidationError", e))
    if "template_id" not in b:
        errs.append(("ValidationError", "template_id is a required property"))
    elif not (isinstance(b["template_id"], str) and UUID_RE.match(b["template_id"])):
        errs.append(("ValidationError", "template_id is not a valid UUID"))
    pers = b.get("personalisation", {})
    if not isinstance(pers, dict):
        errs.append(("ValidationError", f"personalisation {json.dumps(pers)} is not of type object"))
        pers = {}
    if "reference" in b and not isinstance(b["reference"], str):
        errs.append(("ValidationError", f"reference {json.dumps(b['reference'])} is not of type string"))
    if kind == "letter":
        if "personalisation" not in b:
            errs.append(("ValidationError", "personalisation is a required property"))
        elif "address_line_1" not in pers:
            errs.append(("ValidationError", "personalisation address_line_1 is a required property"))
        else:
            lines = [str(pers.get(f"address_line_{i}", "")).strip() for i in range(1, 8)]
            lines = [x for x in lines if x]
            if len(lines) < 3:
                errs.append(("ValidationError", "Address must be at least 3 lines"))
            elif not POSTCODE_RE.match(lines[-1].upper()):
                errs.append(("ValidationError", "Must be a real UK postcode"))
    return errs


def recipient(kind, b):
    """Who a message is for: the email address, the number, or a letter's first line."""
    if not isinstance(b, dict):
        return None
    if kind == "letter":
        p = b.get("personalisation")
        return p.get("address_line_1") if isinstance(p, dict) else None
    return b.get({"email": "email_address", "sms": "phone_number"}[kind])


class Double:
    def __init__(self, service, secret, record, offset):
        self.service, self.secret, self.offset = service, secret, offset
        self.record = open(record, "a", encoding="utf-8") if record else None
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.sent, self.notes, self.queue = [], {}, []
        self.reject, self.delivery, self.delay = {}, {}, 0.0

    def script(self, s):
        """{"reset": true} forgets everything; {"fail": {"count": N, "status":
        429|500|...}} answers the next N API requests so; {"reject": {RECIPIENT:
        MESSAGE}} answers 400 BadRequestError for that recipient, always;
        {"delivery": {RECIPIENT: STATUS}} is what a status lookup says;
        {"delay": SECONDS} waits before every API answer."""
        if s.get("reset"):
            self.reset()
        f = s.get("fail")
        if f:
            self.queue += [int(f.get("status", 500))] * int(f.get("count", 1))
        self.reject.update(s.get("reject", {}))
        self.delivery.update(s.get("delivery", {}))
        self.delay = float(s.get("delay", self.delay))

    def auth(self, header):
        """None if the JWT is good, else (HTTP status, message) as Notify says."""
        if not header:
            return 401, "Unauthorized: authentication token must be provided"
        if not header.startswith("Bearer "):
            return 401, "Unauthorized: authentication bearer scheme must be used"
        token = header[7:]
        try:
            iss = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            return 403, "Invalid token: signature, api token is not valid"
        if iss is None:
            return 403, "Invalid token: iss field not provided"
        if iss != self.service:
            return 403, "Invalid token: service not found"
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"],
                                options={"require": ["iss", "iat"], "verify_iat": False})
        except jwt.PyJWTError:
            return 403, "Invalid token: signature, api token not found"
        if not isinstance(claims["iat"], int) or abs(time.time() + self.offset - claims["iat"]) > 30:
            return 403, "Error: Your system clock must be accurate to within 30 seconds"
        return None

    def handle(self, method, path, headers, raw):
        """(status, answer) for one API request."""
        bad = self.auth(headers.get("Authorization"))
        if bad:
            return bad[0], error(bad[0], "AuthError", bad[1])
        if self.queue:
            st = self.queue.pop(0)
            return st, error(st, *CANNED.get(st, ("Exception", f"HTTP {st}")))
        m = re.fullmatch(r"/v2/notifications/(email|sms|letter)", path)
        if method == "POST" and m:
            return self.create(m.group(1), raw)
        m = re.fullmatch(r"/v2/notifications/([^/]+)", path)
        if method == "GET" and m:
            if not UUID_RE.match(m.group(1)):
                return 400, error(400, "ValidationError", "notification_id is not a valid UUID")
            n = self.notes.get(m.group(1))
            if n is None:
                return 404, error(404, "NoResultFound", "No result found")
            ans = {k: v for k, v in n.items() if k != "_to"}
            ans[{"email": "email_address", "sms": "phone_number", "letter": "line_1"}[n["type"]]] = n["_to"]
            return 200, dict(ans, status=self.delivery.get(n["_to"], FINAL[n["type"]]))
        return 404, {"result": "error", "message": "The requested URL was not found on the server."}

    def create(self, kind, raw):
        try:
            b = json.loads(raw.decode("utf-8"))
        except ValueError:
            b = None
        errs = body_errors(kind, b)
        if errs:
            return 400, {"status_code": 400, "errors": [{"error": k, "message": m} for k, m in errs]}
        to = recipient(kind, b)
        if to in self.reject:
            return 400, error(400, "BadRequestError", self.reject[to])
        nid, base = str(uuid.uuid4()), "https://api.notifications.service.gov.uk"
        tpl = {"id": b["template_id"], "version": 1, "uri": f"{base}/v2/template/{b['template_id']}"}
        text = "\n".join(f"{k}: {v}" for k, v in b.get("personalisation", {}).items())
        content = {"body": text, "subject": "Heard"} if kind != "sms" else {"body": text, "from_number": "GOVUK"}
        self.notes[nid] = {"id": nid, "reference": b.get("reference"), "type": kind, "_to": to,
                           "template": tpl, "body": text, "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())}
        return 201, {"id": nid, "reference": b.get("reference"), "content": content,
                     "uri": f"{base}/v2/notifications/{nid}", "template": tpl, "scheduled_for": None}


def error(status, kind, message):
    return {"status_code": status, "errors": [{"error": kind, "message": message}]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def serve(self, method):
        d = self.server.double
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_double/sent" and method == "GET":
            with d.lock:
                return self.answer(200, d.sent)
        if self.path == "/_double/script" and method == "POST":
            with d.lock:
                d.script(json.loads(raw or b"{}"))
            return self.answer(200, {"ok": True})
        time.sleep(d.delay)
        with d.lock:
            status, obj = d.handle(method, self.path, self.headers, raw)
            rec = {"time": time.time(), "method": method, "path": self.path,
                   "authorization": self.headers.get("Authorization"),
                   "content_type": self.headers.get("Content-Type"),
                   "user_agent": self.headers.get("User-Agent"),
                   "body": raw.decode("utf-8", "replace"), "status": status, "answer": obj}
            d.sent.append(rec)
            if d.record:
                d.record.write(json.dumps(rec) + "\n")
                d.record.flush()
        self.answer(status, obj)

    def do_GET(self):
        self.serve("GET")

    def do_POST(self):
        self.serve("POST")


def main():
    ap = argparse.ArgumentParser(description="A GOV.UK Notify double for tests")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--service-id", required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--record", help="append every request here, one JSON object a line")
    ap.add_argument("--clock-offset", type=float, default=0, help="seconds added to the double's clock")
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.double = Double(a.service_id, a.secret, a.record, a.clock_offset)
    print(f"port {srv.server_address[1]}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
