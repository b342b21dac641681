"""notify.c against the GOV.UK Notify double, through build/notify-probe:
what goes on the wire (JWT, headers, the exact body), what comes back
(id, status), and how each failure is classified (retry or never)."""
import json
import os
import re
import subprocess
import time
import uuid

from notifydouble import NotifyDouble

TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
UUID_RE = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$")


def probe(h, *args):
    """Run notify-probe; its "name value" lines as a dict."""
    p = subprocess.run([os.path.join(h.bindir, "notify-probe"), *args], env=h.env,
                       capture_output=True, text=True, timeout=60)
    for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        assert bad not in p.stderr, p.stderr
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
    out = dict((line + " ").split(" ", 1) for line in p.stdout.splitlines())
    out = {k: v[:-1] for k, v in out.items()}
    out["stderr"] = p.stderr
    return out


def test_notify_send_and_status(h):
    with NotifyDouble() as nd:
        key = nd.write_key(os.path.join(h.dir, "notify.key"))
        before = int(time.time())
        r = probe(h, nd.url, key, "email", "sam.o'neil@example.org", TEMPLATE, "--ref", "c-42",
                  'name=Sam "Sammy"', "form=Your review\nbefore it happens", "child=Zoë 🌟",
                  "link=https://heard.example/c/abc</script>")
        assert r["http"] == "201" and r["outcome"] == "ok", r
        assert UUID_RE.match(r["id"]), r
        sent = nd.sent()
        assert len(sent) == 1
        s = sent[0]
        assert s["method"] == "POST" and s["path"] == "/v2/notifications/email"
        assert s["answer"]["id"] == r["id"]
        assert s["content_type"] == "application/json"
        assert s["user_agent"].startswith("heard-notify/")
        # The JWT: HS256 over our secret, iss the service, iat now.
        assert s["authorization"].startswith("Bearer ")
        claims = nd.claims(s["authorization"])
        assert claims is not None, "bad JWT signature"
        assert claims["iss"] == nd.service_id
        assert before - 1 <= claims["iat"] <= int(time.time()) + 1
        # The exact body notify.c built, and what it means.
        assert s["body"] == r["body"]
        assert json.loads(s["body"]) == {
            "email_address": "sam.o'neil@example.org", "template_id": TEMPLATE,
            "personalisation": {"name": 'Sam "Sammy"', "form": "Your review\nbefore it happens",
                                "child": "Zoë 🌟", "link": "https://heard.example/c/abc</script>"},
            "reference": "c-42"}

        # Status: delivered by default, else what the script says.
        st = probe(h, nd.url, key, "status", r["id"])
        assert (st["http"], st["outcome"], st["status"]) == ("200", "ok", "delivered"), st
        nd.script(delivery={"sam.o'neil@example.org": "permanent-failure"})
        st = probe(h, nd.url, key, "status", r["id"])
        assert st["status"] == "permanent-failure", st
        nd.script(delivery={"sam.o'neil@example.org": "temporary-failure"})
        assert probe(h, nd.url, key, "status", r["id"])["status"] == "temporary-failure"
        st = probe(h, nd.url, key, "status", str(uuid.uuid4()))
        assert (st["http"], st["outcome"], st["kind"], st["message"]) == \
            ("404", "fail", "NoResultFound", "No result found"), st
        assert nd.sent()[-1]["method"] == "GET"

        # A text message and a letter.
        r = probe(h, nd.url, key, "sms", "07700 900123", TEMPLATE, "name=Sam")
        assert (r["http"], r["outcome"]) == ("201", "ok"), r
        assert json.loads(nd.sent()[-1]["body"])["phone_number"] == "07700 900123"
        r = probe(h, nd.url, key, "letter", "The Carer|1 High Street|Leeds|LS1 1AA", TEMPLATE,
                  "--ref", "c-43", "name=Pat")
        assert (r["http"], r["outcome"]) == ("201", "ok"), r
        body = json.loads(nd.sent()[-1]["body"])
        assert nd.sent()[-1]["path"] == "/v2/notifications/letter"
        assert body["personalisation"] == {"address_line_1": "The Carer", "address_line_2": "1 High Street",
                                           "address_line_3": "Leeds", "address_line_4": "LS1 1AA",
                                           "name": "Pat"}
        assert probe(h, nd.url, key, "status", r["id"])["status"] == "received"
        assert len(nd.messages()) == 3
        # Nothing of the message or the token on the probe's stderr.
        assert "eyJ" not in r["stderr"] and "LS1" not in r["stderr"]


def test_notify_auth_refused(h):
    with NotifyDouble() as nd:
        good = nd.write_key(os.path.join(h.dir, "good.key"))
        wrong = os.path.join(h.dir, "wrong.key")
        NotifyDouble(service_id=nd.service_id).write_key(wrong)       # another secret
        r = probe(h, nd.url, wrong, "email", "sam@example.org", TEMPLATE)
        assert (r["http"], r["outcome"], r["kind"]) == ("403", "fail", "AuthError"), r
        assert r["message"] == "Invalid token: signature, api token not found"
        assert "HTTP 403 AuthError (will not retry)" in r["stderr"]
        assert "sam@example.org" not in r["stderr"] and "eyJ" not in r["stderr"]
        other = os.path.join(h.dir, "other.key")
        NotifyDouble(secret=nd.secret).write_key(other)               # another service
        r = probe(h, nd.url, other, "sms", "07700900123", TEMPLATE)
        assert (r["http"], r["outcome"], r["message"]) == \
            ("403", "fail", "Invalid token: service not found"), r
        # Notify allows 30 seconds of clock difference, no more.
        r = probe(h, "--skew", "-20", nd.url, good, "email", "sam@example.org", TEMPLATE)
        assert r["http"] == "201", r
        r = probe(h, "--skew", "-45", nd.url, good, "email", "sam@example.org", TEMPLATE)
        assert (r["http"], r["outcome"]) == ("403", "fail"), r
        assert r["message"] == "Error: Your system clock must be accurate to within 30 seconds"
        st = probe(h, nd.url, wrong, "status", str(uuid.uuid4()))
        assert (st["http"], st["outcome"]) == ("403", "fail"), st
        # A world-readable key file is refused before anything is sent.
        os.chmod(good, 0o644)
        p = subprocess.run([os.path.join(h.bindir, "notify-probe"), nd.url, good, "status",
                            str(uuid.uuid4())], env=h.env, capture_output=True, text=True)
        assert p.returncode == 2 and "can be read by others" in p.stderr, p.stderr
        assert nd.secret not in p.stderr
        assert len(nd.messages()) == 1


def test_notify_retry_or_fail(h):
    with NotifyDouble() as nd:
        key = nd.write_key(os.path.join(h.dir, "notify.key"))
        nd.script(fail={"count": 2, "status": 429})
        for _ in range(2):
            r = probe(h, nd.url, key, "email", "sam@example.org", TEMPLATE)
            assert (r["http"], r["outcome"], r["kind"]) == ("429", "retry", "RateLimitError"), r
            assert "3000 requests per 60 seconds" in r["message"]
            assert "HTTP 429 RateLimitError (will retry)" in r["stderr"]
        nd.script(fail={"count": 1, "status": 500})
        r = probe(h, nd.url, key, "sms", "07700900123", TEMPLATE)
        assert (r["http"], r["outcome"], r["message"]) == ("500", "retry", "Internal server error"), r
        r = probe(h, nd.url, key, "email", "sam@example.org", TEMPLATE)
        assert (r["http"], r["outcome"]) == ("201", "ok"), r

        # 400s are never retried, and keep Notify's words for the admin.
        r = probe(h, nd.url, key, "email", "not-an-email", TEMPLATE)
        assert (r["http"], r["outcome"], r["kind"]) == ("400", "fail", "ValidationError"), r
        assert r["message"] == "email_address Not a valid email address"
        r = probe(h, nd.url, key, "sms", "01632 960001", TEMPLATE)
        assert r["message"] == "phone_number Not a UK mobile number", r
        r = probe(h, nd.url, key, "letter", "The Carer|Leeds", TEMPLATE)
        assert (r["http"], r["outcome"], r["message"]) == \
            ("400", "fail", "Address must be at least 3 lines"), r
        r = probe(h, nd.url, key, "letter", "The Carer|1 High Street|Leeds|Yorkshire", TEMPLATE)
        assert r["message"] == "Must be a real UK postcode", r
        nd.script(reject={"gone@example.org": "Can't send to this recipient using a team-only API key"})
        r = probe(h, nd.url, key, "email", "gone@example.org", TEMPLATE)
        assert (r["http"], r["outcome"], r["kind"]) == ("400", "fail", "BadRequestError"), r
        assert r["message"] == "Can't send to this recipient using a team-only API key"
        assert "gone@example.org" not in r["stderr"]
        assert len(nd.messages()) == 1
        url = nd.url

    # The double stopped: connection refused, so try again later.
    r = probe(h, url, key, "email", "sam@example.org", TEMPLATE)
    assert (r["http"], r["outcome"]) == ("0", "retry"), r
    assert r["message"].startswith("no answer from GOV.UK Notify"), r
    st = probe(h, url, key, "status", str(uuid.uuid4()))
    assert (st["http"], st["outcome"]) == ("0", "retry"), st
