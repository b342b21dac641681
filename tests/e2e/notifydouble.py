"""Start and stop the GOV.UK Notify double (tests/notify_double.py) for a
test, script how it misbehaves and read what it was sent.

    with NotifyDouble() as nd:
        nd.write_key(path)                  # a key file Heard can read
        ... point Heard at nd.url ...
        nd.script(fail={"count": 3, "status": 429})
        nd.script(reject={"bad@example.org": "Not a real address"})
        nd.script(delivery={"sam@example.org": "permanent-failure"})
        nd.sent()                           # every request, in order
        nd.messages()                       # the ones it answered 201
"""
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOUBLE = os.path.join(ROOT, "tests", "notify_double.py")
# The double needs Debian's python3-jwt, which another python3 on PATH
# (a pyenv, a venv) may not see.
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


class NotifyDouble:
    def __init__(self, service_id=None, secret=None, clock_offset=0, record=None):
        self.service_id = service_id or str(uuid.uuid4())
        self.secret = secret or str(uuid.uuid4())
        self.clock_offset = clock_offset
        self.record = record
        self.proc = None
        self.port = None

    def start(self):
        args = [PYTHON, DOUBLE, "--port", "0", "--service-id", self.service_id,
                "--secret", self.secret, "--clock-offset", str(self.clock_offset)]
        if self.record:
            args += ["--record", self.record]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("port "):
            self.proc.kill()
            raise AssertionError(f"the Notify double did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def key(self, name="heard-test"):
        """The API key, in Notify's format keyname-SERVICE_ID-SECRET."""
        return f"{name}-{self.service_id}-{self.secret}"

    def write_key(self, path, name="heard-test"):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(self.key(name) + "\n")
        return path

    def _call(self, method, path, obj=None):
        data = None if obj is None else json.dumps(obj).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def script(self, **kw):
        """reset=True, fail={"count": N, "status": 429|500}, reject={TO: MESSAGE},
        delivery={TO: STATUS}, delay=SECONDS: see Double.script."""
        return self._call("POST", "/_double/script", kw)

    def reset(self):
        return self.script(reset=True)

    def sent(self):
        """Every API request so far: method, path, authorization, body (text),
        status and answer."""
        return self._call("GET", "/_double/sent")

    def messages(self):
        """The messages it took (answered 201), each body parsed, with its id."""
        return [dict(json.loads(r["body"]), _id=r["answer"]["id"], _path=r["path"])
                for r in self.sent() if r["status"] == 201]

    def claims(self, authorization):
        """The JWT's claims if its HS256 signature is good under our secret
        (checked here with the standard library, apart from the double's
        python3-jwt), else None."""
        token = authorization.split(" ", 1)[1]
        head, body, sig = token.split(".")
        want = hmac.new(self.secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
        pad = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))  # noqa: E731
        if not hmac.compare_digest(pad(sig), want):
            return None
        if json.loads(pad(head)) != {"alg": "HS256", "typ": "JWT"}:
            return None
        return json.loads(pad(body))
