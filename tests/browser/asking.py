"""Screenshots of who is asking and what happens next in the form's
language: starts Heard, gives the IRO a passport, opens a child's form
in Arabic (its first page) and another for asking.mjs to send (its
thank-you page); asking.mjs photographs both at 320 px under axe-core:
tests/out/asking-ar-first-320.png, tests/out/asking-ar-thanks-320.png.
Not part of run.py's suite (quick to run alone).  Usage:
python3 tests/browser/asking.py [BINDIR]"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from harness import ROOT, Heard  # noqa: E402
from test_admin import staff  # noqa: E402
from test_passport import review_on  # noqa: E402


def main():
    h = Heard(sys.argv[1] if len(sys.argv) > 1 else "build").start()
    try:
        staff(h, "sam", "iro")
        h.ctl("setting", "council", "Northshire Council")
        h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "2")
        rid, _ = review_on(h)
        shots = []
        for name, send in (("asking-ar-first", False), ("asking-ar-thanks", True)):
            _, link, _ = h.issue(rid, "child", "--lang", "ar")
            shots.append({"name": name, "link": link, "send": send})
        spec = os.path.join(h.dir, "asking.json")
        with open(spec, "w") as f:
            json.dump({"baseUrl": f"http://127.0.0.1:{h.port}", "shots": shots}, f)
        rc = subprocess.run(["node", os.path.join(ROOT, "tests/browser/asking.mjs"), spec],
                            cwd=ROOT, timeout=300).returncode
    finally:
        h.stop()
    sys.exit(rc)


if __name__ == "__main__":
    main()
