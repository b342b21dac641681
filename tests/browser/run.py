"""Browser tests: start the real Heard (nginx, heard-fcgi, SQLite), issue
one consultation per audience and some staff, then let headless Chromium
(driven by playwright-core, checked by axe-core) fill in every form with
the keyboard (forms.mjs).  Afterwards, check that what the browser typed
arrived, decrypted, exactly, and that the QR code on a printed letter
reads back (zbarimg) as the link the page showed, and that link opens the
form.  Prints "browser: N passed, N failed"."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from harness import ROOT, Client, Heard  # noqa: E402

AUDIENCES = ["child", "young_person", "care_leaver", "parent", "carer", "health",
             "education", "professional", "feedback_young_person", "feedback_attendee",
             "feedback_leaver_attended", "feedback_leaver_absent", "feedback_leaver_parent"]
PASSWORD = "correct horse battery"


def letter_qr(h, link):
    """The first letter's QR code, photographed by forms.mjs, read back by
    zbarimg: it must be exactly the link the page showed once, and that
    link must open the form (303 to /form).  Returns (ok, why)."""
    shot = os.path.join(ROOT, "tests/out/letter-qr.png")
    if not link or not os.path.exists(shot):
        return False, "no link or no screenshot of the letter's QR code"
    z = subprocess.run(["zbarimg", "--raw", "-q", shot], capture_output=True, text=True,
                       timeout=60)
    decoded = z.stdout.strip()
    if z.returncode != 0 or decoded != link:
        return False, f"zbarimg exited {z.returncode} and read {decoded!r}"
    r = Client(h, source="127.0.0.7").get(link[link.index("/c/"):])
    if r.status != 303 or r.header("Location") != "/form":
        return False, f"the link answered {r.status} to {r.header('Location')}"
    return True, ""


LANGS = ["ar", "ps", "prs", "ckb", "ti", "vi", "sq", "am", "cy"]


def langs(h):
    """The child's form in each language, tapped at 320 px (langs.mjs);
    what each sent must be stored exactly.  Needs the staff user "boss"
    (a manager) and "admin1" (an admin).  Returns (passed, failed)."""
    rid = h.review(child="LANGS-1", iro="iro1")
    links = {}
    for code in LANGS:
        cid, link, _ = h.issue(rid, "child", "--to", "Sam")
        links[code] = {"consultation": cid, "link": link}
    wide = {code: {"link": h.issue(rid, "child")[1]} for code in ("ar", "ti")}
    spec = os.path.join(h.dir, "langs.json")
    out = os.path.join(h.dir, "langs-out.json")
    with open(spec, "w") as f:
        json.dump({"baseUrl": f"http://127.0.0.1:{h.port}", "langLinks": links, "wide": wide,
                   "review": rid, "password": PASSWORD, "out": out}, f)
    p = subprocess.run(["node", os.path.join(ROOT, "tests/browser/langs.mjs"), spec],
                       cwd=ROOT, timeout=900)
    passed = failed = 0
    results = {}
    if os.path.exists(out):
        with open(out) as f:
            results = json.load(f).get("cases", {})
    for case, r in sorted(results.items()):
        ok, why = r["ok"], r.get("why", "")
        if ok and r.get("typed") is not None:
            got = h.answers(r["consultation"])
            for k, v in r["typed"].items():
                if got.get(k) != v:
                    ok, why = False, f"{k}: sent {v!r}, stored {got.get(k)!r}"
                    break
        print(f"{'ok  ' if ok else 'FAIL'} {case}{'' if ok else ': ' + why}", flush=True)
        passed += ok
        failed += not ok
    if len(results) < len(LANGS) + 6 or (p.returncode != 0 and failed == 0):
        print(f"FAIL langs.mjs: {len(results)} cases, exit {p.returncode}")
        failed += 1
    return passed, failed


def replica_warning(h):
    """The state `heardctl send` stores when the replica stops
    (tests/e2e/test_drill.py makes it for real), then the admin home page
    in Chromium (replica.mjs).  Returns (ok, why)."""
    import sqlite3
    import time
    con = sqlite3.connect(h.db)
    con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [
        ("replica_state", "behind"), ("replica_since", str(int(time.time()) - 120)),
        ("replica_why", "the replica has not received what was written 6 seconds ago "
                        "(Litestream has WAL 0:41232, the replica 0:37112)")])
    con.commit()
    spec = os.path.join(h.dir, "replica.json")
    out = os.path.join(h.dir, "replica-out.json")
    with open(spec, "w") as f:
        json.dump({"baseUrl": f"http://127.0.0.1:{h.port}", "password": PASSWORD, "out": out}, f)
    subprocess.run(["node", os.path.join(ROOT, "tests/browser/replica.mjs"), spec], cwd=ROOT,
                   timeout=300)
    con.execute("DELETE FROM meta WHERE key LIKE 'replica_%'")
    con.commit()
    con.close()
    if not os.path.exists(out):
        return False, "replica.mjs wrote nothing"
    with open(out) as f:
        r = json.load(f)
    return r["ok"], r.get("why", "")


def asking(h):
    """Who is asking and what happens next in Arabic, with the IRO's
    passport: the child's first page and thank-you page in Chromium
    (asking.mjs).  Returns (ok, why)."""
    h.ctl("user", "add", "sam", "--role", "iro", stdin=PASSWORD + "\n")
    h.ctl("user", "passport", "sam", "--first-name", "Sam", "--face", "2")
    rid = h.review(child="ASK-AR", iro="sam")
    shots = [{"name": name, "link": h.issue(rid, "child", "--lang", "ar")[1], "send": send}
             for name, send in (("asking-ar-first", False), ("asking-ar-thanks", True))]
    spec = os.path.join(h.dir, "asking.json")
    out = os.path.join(h.dir, "asking-out.json")
    with open(spec, "w") as f:
        json.dump({"baseUrl": f"http://127.0.0.1:{h.port}", "shots": shots, "out": out}, f)
    subprocess.run(["node", os.path.join(ROOT, "tests/browser/asking.mjs"), spec], cwd=ROOT,
                   timeout=300)
    if not os.path.exists(out):
        return False, "asking.mjs wrote nothing"
    with open(out) as f:
        r = json.load(f)
    return r["ok"], r.get("why", "")


def main():
    bindir = sys.argv[1] if len(sys.argv) > 1 else "build"
    h = Heard(bindir).start()
    passed = failed = 0
    try:
        for name, role in (("admin1", "admin"), ("iro1", "iro"), ("boss", "manager")):
            h.ctl("user", "add", name, "--role", role, stdin=PASSWORD + "\n")
        rid = h.review(child="BROWSER-1", iro="iro1")
        # Safeguarding flags: where their emails go (Staff and Sending pages).
        h.ctl("user", "email", "iro1", "iro1@example.org")
        h.ctl("setting", "duty_address", "duty@example.org")
        # An IRO whose user name is markup: every report must escape it.
        h.ctl("user", "add", "<script>", "--role", "iro", stdin=PASSWORD + "\n")
        h.issue(h.review(child="BROWSER-3", iro="<script>"), "parent")
        # An IRO who left (issue 16 item 4): disabled, a review to reallocate.
        h.ctl("user", "add", "leaver", "--role", "iro", stdin=PASSWORD + "\n")
        h.review(child="LEAVE-1", iro="leaver")
        h.ctl("user", "disable", "leaver")
        # A child whose first review was held and whose second is overdue.
        h.ctl("child", "add", "TIME-1", "--looked-after-since", "2025-11-03", "--iro", "iro1")
        first = h.review(child="TIME-1", date="2025-11-28")
        h.ctl("review", "held", "--review", str(first))
        # Reviews held this year with codes and formats, for the report
        # page's participation section (one IRO's name is markup).
        for child, dob, day, code, fmt, iro in (
                ("ANN-1", "2012-01-01", "2026-05-04", "PN1", "in_person", "iro1"),
                ("ANN-2", "2014-03-01", "2026-06-01", "PN6", "online", "iro1"),
                ("ANN-3", "2010-01-01", "2026-07-01", "PN7", "mixed", "<script>"),
                ("ANN-4", "2024-01-01", "2026-07-02", "PN0", "in_person", "<script>")):
            held_id = int(h.ctl("review", "add", "--child", child, "--date", day, "--type",
                                "cic", "--iro", iro, "--dob", dob).stdout)
            h.ctl("review", "held", "--review", str(held_id), "--on", day)
            h.ctl("review", "participation", "--review", str(held_id), "--code", code)
            h.ctl("review", "format", "--review", str(held_id), "--format", fmt)
        h.ctl("setting", "in_person_target", "85")
        links = {}
        for aud in AUDIENCES:
            cid, link, code = h.issue(rid, aud, "--to", "Sam")
            links[aud] = {"consultation": cid, "link": link, "code": code}
        # Forms with contacts for the chase list (no Notify key: queued).
        chase = h.review(child="CHASE-1", iro="iro1")
        for aud, contact in (("parent", ["--email", "mum@example.org", "--to", "Mum"]),
                             ("carer", ["--phone", "07700 900123"]),
                             ("health", ["--address", "Surgery|1 High Street|Northtown|NT1 1AA"])):
            h.ctl("issue", "--review", str(chase), "--audience", aud, *contact)
        # A review whose forms Heard sends itself (contacts), for the
        # Sending page's list and the review page's contact column.
        sent = h.review(child="BROWSER-2", iro="iro1")
        h.ctl("issue", "--review", str(sent), "--audience", "parent", "--to", "Mum",
              "--email", "sam.jones@example.org")
        h.ctl("issue", "--review", str(sent), "--audience", "health", "--address",
              "School Nurse|Northtown Health Centre|1 High Street|Northtown|NT1 1AA")
        extra = h.issue(rid, "child", "--channel", "post")
        typein = h.issue(rid, "health", "--channel", "post")
        journey = h.issue(rid, "child")
        readaloud = h.issue(h.review(child="READ-1", iro="iro1"), "child")
        cards = h.issue(rid, "child")
        cards_nojs = h.issue(rid, "child")
        # The IRO passport's pages (issue 15 item 3): a review of a named
        # child whose IRO sets a passport in the browser.
        h.ctl("setting", "council", "Northshire Council")
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 40 * 86400))
        named = int(h.ctl("review", "add", "--child", "BROWSER-1", "--date", day,
                          "--type", "cic", "--iro", "iro1", "--first-name", "Zaria").stdout)
        passport = {"child": h.issue(named, "child")[1], "health": h.issue(named, "health")[1],
                    "photo": os.path.join(ROOT, "tests/e2e/photo-gps.jpg")}
        flag_child = [h.issue(rid, "child")[1], h.issue(rid, "child")[1]]
        spec = os.path.join(h.dir, "spec.json")
        out = os.path.join(h.dir, "typed.json")
        with open(spec, "w") as f:
            json.dump({"baseUrl": f"http://127.0.0.1:{h.port}", "links": links,
                       "codeCase": {"code": extra[2], "consultation": extra[0]},
                       "journey": {"link": journey[1], "consultation": journey[0]},
                       "readaloud": {"link": readaloud[1]},
                       "cards": {"link": cards[1], "consultation": cards[0]},
                       "cardsNoJs": {"link": cards_nojs[1], "consultation": cards_nojs[0]},
                       "passport": passport,
                       "flagChild": flag_child,
                       "review": rid, "sendReview": sent, "typein": typein[0], "password": PASSWORD,
                       "out": out}, f)
        p = subprocess.run(["node", os.path.join(ROOT, "tests/browser/forms.mjs"), spec],
                           cwd=ROOT, timeout=1500)
        results = {}
        if os.path.exists(out):
            with open(out) as f:
                results = json.load(f)
        for case, r in sorted(results.get("cases", {}).items()):
            ok = r["ok"]
            why = r.get("why", "")
            typed = r.get("typed")
            if ok and typed is not None:
                cid = (links[case]["consultation"] if case in links
                       else r.get("consultation") or results["codeCaseConsultation"])
                got = h.answers(cid)
                for k, v in typed.items():
                    if got.get(k) != v:
                        ok, why = False, f"{k}: sent {v!r}, stored {got.get(k)!r}"
                        break
            print(f"{'ok  ' if ok else 'FAIL'} {case}{'' if ok else ': ' + why}", flush=True)
            passed += ok
            failed += not ok
        ok, why = letter_qr(h, results.get("letterLink"))
        print(f"{'ok  ' if ok else 'FAIL'} letter QR code decodes to its link{'' if ok else ': ' + why}",
              flush=True)
        passed += ok
        failed += not ok
        ok, why = replica_warning(h)
        print(f"{'ok  ' if ok else 'FAIL'} replica warning on the admin home page{'' if ok else ': ' + why}",
              flush=True)
        passed += ok
        failed += not ok
        ok, why = asking(h)
        print(f"{'ok  ' if ok else 'FAIL'} who is asking, in Arabic, with a passport{'' if ok else ': ' + why}",
              flush=True)
        passed += ok
        failed += not ok
        if p.returncode != 0 and failed == 0:
            print(f"FAIL forms.mjs exited {p.returncode}")
            failed += 1
        if not results.get("cases"):
            failed += 1
        lp, lf = langs(h)
        passed += lp
        failed += lf
    finally:
        try:
            h.stop()
        except AssertionError as e:
            print(f"FAIL heard stopped badly: {e}")
            failed += 1
    print(f"browser: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
