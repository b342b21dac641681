"""`make bench`, the sender: N people with an email contact (issued with
heardctl import-week), then one `heardctl send` run against the GOV.UK
Notify double on this machine, rate limit lifted.  Prints messages a
second, against Notify's own limit of 3,000 a minute (50 a second).
Usage: sender.py N  (HEARD_DB, HEARD_KEY and the rest in the environment)
"""
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from notifydouble import NotifyDouble  # noqa: E402


def ctl(*args, env):
    return subprocess.run([os.path.join(ROOT, "build", "heardctl"), *args], env=env,
                          capture_output=True, text=True, check=True).stdout


def main():
    n = int(sys.argv[1])
    review = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    with tempfile.TemporaryDirectory() as tmp, NotifyDouble() as nd:
        key = os.path.join(tmp, "notify.key")
        nd.write_key(key)
        env = dict(os.environ, HEARD_NOTIFY_KEY=key, HEARD_NOTIFY_URL=nd.url,
                   HEARD_NOTIFY_RATE="100000")
        for ch in ("email", "sms", "letter"):
            for kind in ("invite", "reminder"):
                ctl("notify", "template", kind, ch, str(uuid.uuid4()), env=env)
        week = os.path.join(tmp, "week.csv")
        with open(week, "w") as f:
            f.write("child_ref,review_date,review_type,iro,parent_contact,parent_name\n")
            for i in range(n):
                f.write(f"SEND{i:06d},{review},cic,,p{i}@example.org,Parent\n")
        ctl("import-week", week, env=env)
        t0 = time.monotonic()
        out = ctl("send", "--today", review, env=env)
        secs = time.monotonic() - t0
        got = len(nd.messages())
        print(f"sender: {got} messages in {secs:.2f} s: {got / secs:.0f}/s "
              f"(ratio {got / secs / 50:.2f} of Notify's 50/s); heardctl said: "
              f"{out.strip().splitlines()[0] if out.strip() else '?'}")


if __name__ == "__main__":
    main()
