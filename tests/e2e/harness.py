"""Start the real Heard (heardctl, heard-fcgi, nginx) in a scratch folder
and talk HTTP to it, as a browser would.  Nothing is mocked.

Each Heard() gets its own database, key file, socket, nginx and port.
Requests can come from different loopback addresses (127.0.0.N) so that
nginx's per-address rate limits apply to one test at a time.
"""
import html.parser
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = r.getheaders()
        self.body = r.read().decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]


class Client:
    """A browser-like client: keeps cookies, follows nothing by itself."""

    def __init__(self, heard, source="127.0.0.1"):
        self.heard = heard
        self.source = source
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, raw_body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.heard.port, timeout=30,
                                          source_address=(self.source, 0))
        h = {"Host": "127.0.0.1"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = raw_body
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if headers:
            h.update(headers)
        conn.request(method, path, body=data, headers=h)
        r = Response(conn.getresponse())
        conn.close()
        for c in r.headers_all("Set-Cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)

    def post_multipart(self, path, fields, files, **kw):
        """POST multipart/form-data as a browser does: fields is
        {name: value}, files is {name: (filename, bytes, type)}."""
        boundary = "----HeardTestBoundary" + os.urandom(8).hex()
        out = []
        for k, v in fields.items():
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"'
                       f'\r\n\r\n'.encode() + v.encode() + b"\r\n")
        for k, (fn, data, typ) in files.items():
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                       f'filename="{fn}"\r\nContent-Type: {typ}\r\n\r\n'.encode()
                       + data + b"\r\n")
        out.append(f"--{boundary}--\r\n".encode())
        headers = dict(kw.pop("headers", None) or {})
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, raw_body=b"".join(out), headers=headers, **kw)


class FormParser(html.parser.HTMLParser):
    """Collects a page's form fields: hidden values, text boxes, choices."""

    def __init__(self):
        super().__init__()
        self.hidden = {}
        self.text = []          # (name, value, is_textarea)
        self.choices = {}       # name -> (type, [values], [checked])
        self.buttons = []       # action values
        self._ta = None
        self.values = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input":
            t = a.get("type", "text")
            if t == "hidden":
                self.hidden[a["name"]] = a.get("value", "")
            elif t in ("radio", "checkbox"):
                typ, vals, checked = self.choices.setdefault(a["name"], (t, [], []))
                vals.append(a["value"])
                if "checked" in a:
                    checked.append(a["value"])
            elif t == "text":
                self.text.append((a["name"], a.get("value", ""), False))
        elif tag == "textarea":
            self._ta = a["name"]
            self.values[self._ta] = ""
        elif tag == "button" and a.get("name") == "action":
            self.buttons.append(a["value"])

    def handle_data(self, data):
        if self._ta:
            self.values[self._ta] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._ta:
            v = self.values[self._ta]
            self.text.append((self._ta, v[1:] if v.startswith("\n") else v, True))
            self._ta = None


def parse_form(body):
    p = FormParser()
    p.feed(body)
    return p


class Heard:
    def __init__(self, bindir="build", workers=2, disk_mb=None):
        self.bindir = os.path.join(ROOT, bindir)
        self.dir = tempfile.mkdtemp(prefix="heard-e2e-")
        data = self.dir
        self.disk = None
        if disk_mb:
            # A small disk of its own, to be filled on purpose.
            self.disk = data = os.path.join(self.dir, "disk")
            os.makedirs(data)
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={disk_mb}m", "tmpfs", data],
                           check=True)
        self.run = os.path.join(self.dir, "run")
        os.makedirs(self.run)
        self.port = free_port()
        self.env = dict(os.environ,
                        HEARD_DB=os.path.join(data, "heard.db"),
                        HEARD_KEY=os.path.join(self.dir, "heard.key"),
                        HEARD_SOCKET=os.path.join(self.run, "heard.sock"),
                        HEARD_BASE_URL=f"http://127.0.0.1:{self.port}",
                        HEARD_TEMPLATES=os.environ.get("HEARD_TEST_TEMPLATES", os.path.join(ROOT, "templates")),
                        HEARD_STATIC=os.path.join(ROOT, "static"),
                        HEARD_AUDIO=os.path.join(ROOT, "build", "audio"),
                        HEARD_WORKERS=str(workers),
                        ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99",
                        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
        self.fcgi = self.nginx = None
        self.fcgi_log = os.path.join(self.dir, "fcgi.log")
        self.ctl("init")

    @property
    def db(self):
        return self.env["HEARD_DB"]

    def ctl(self, *args, stdin=None, check=True):
        p = subprocess.run([os.path.join(self.bindir, "heardctl"), *args],
                           env=self.env, input=stdin, capture_output=True, text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError(f"heardctl {' '.join(args)} failed: {p.stderr}")
        return p

    def start(self):
        subprocess.run(["sh", os.path.join(ROOT, "tools/nginx-conf.sh"), self.run,
                        str(self.port), self.env["HEARD_SOCKET"]], check=True)
        self.fcgi = subprocess.Popen([os.path.join(self.bindir, "heard-fcgi")], env=self.env,
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(self.fcgi_log, "ab"))
        self.nginx = subprocess.Popen(["nginx", "-p", self.run, "-e",
                                       os.path.join(self.run, "nginx-error.log"),
                                       "-c", os.path.join(self.run, "nginx.conf")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if Client(self).get("/healthz").status == 200:
                    return self
            except OSError:
                pass
            if self.fcgi.poll() is not None:
                raise AssertionError("heard-fcgi exited: " + self.log())
            time.sleep(0.05)
        raise AssertionError("Heard did not answer /healthz: " + self.log())

    def log(self):
        try:
            with open(self.fcgi_log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def access_log(self):
        try:
            with open(os.path.join(self.run, "nginx-access.log"), encoding="utf-8") as f:
                return f.read()
        except OSError:
            return ""

    def children(self):
        """{pid: name} of heard-fcgi's children (heard-worker, heard-scribe)."""
        out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(self.fcgi.pid)],
                             capture_output=True, text=True).stdout
        return {int(p): n for p, n in (line.split() for line in out.splitlines())}

    def worker_pids(self):
        return [p for p, n in self.children().items() if n == "heard-worker"]

    def scribe_pid(self):
        return next((p for p, n in self.children().items() if n == "heard-scribe"), None)

    def stop(self):
        """Stop both servers; fail if heard-fcgi did not stop cleanly or a
        sanitizer reported anything."""
        problems = []
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        if self.fcgi and self.fcgi.poll() is None:
            self.fcgi.send_signal(signal.SIGTERM)
            try:
                rc = self.fcgi.wait(15)
                if rc != 0:
                    problems.append(f"heard-fcgi exited {rc}")
            except subprocess.TimeoutExpired:
                self.fcgi.kill()
                problems.append("heard-fcgi did not stop on SIGTERM")
        log = self.log()
        for bad in ("AddressSanitizer", "runtime error:", "LeakSanitizer"):
            if bad in log:
                problems.append("sanitizer report in heard-fcgi log:\n" + log[-4000:])
        if self.disk:
            # Lazily: a file still open on it must not keep it mounted.
            subprocess.run(["umount", "-l", self.disk], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        if problems:
            raise AssertionError("; ".join(problems))

    # Domain helpers -----------------------------------------------------

    def review(self, child="REF-1", date=None, typ="cic", iro=None):
        date = date or time.strftime("%Y-%m-%d", time.gmtime(time.time() + 21 * 86400))
        args = ["review", "add", "--child", child, "--date", date, "--type", typ]
        if iro:
            args += ["--iro", iro]
        return int(self.ctl(*args).stdout.strip())

    def issue(self, review, audience, *extra):
        out = self.ctl("issue", "--review", str(review), "--audience", audience, *extra).stdout
        m = re.search(r"consultation (\d+)\nlink (\S+)\ncode (\S+)", out)
        assert m, out
        link = m.group(2)
        return int(m.group(1)), link[link.index("/c/"):], m.group(3)

    def answers(self, cid):
        out = self.ctl("answers", "--consultation", str(cid)).stdout
        res = {}
        for line in out.splitlines():
            k, _, v = line.partition("\t")
            v = v.replace("\\n", "\n").replace("\\\\", "\\")
            res.setdefault(k, []).append(v)
        return res
