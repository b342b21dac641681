"""The Sending page and contacts on the review page (issue 14): sending
not set up says so and shows what would go, never a contact, link or
code; each setting changed by its own admin-only route, a mistake
explained next to its field with what was typed kept, and audited;
issuing with a contact from the review page queues what heardctl send
then sends (the link opens the form), shows no link or code; a bad
contact refused with its rule and nothing issued; a consultation's
messages (delivered, Notify's own 400 message) and contact shown to
admins only; a changed contact gets what never reached the old one."""
import html
import os
import re
import signal
import sqlite3
import subprocess
import time
import uuid

from harness import Client
from notifydouble import NotifyDouble
from test_admin import sign_in, staff, csrf_of

EMAIL = "sam.jones@example.org"
ROUTES = ["/admin/sending/templates", "/admin/sending/service", "/admin/sending/plan",
          "/admin/sending/reminders", "/admin/sending/wording", "/admin/review/contact?id=1"]


def today():
    return time.strftime("%Y-%m-%d", time.gmtime())


def workdays(h, day, n):
    return h.ctl("workdays", day, str(n)).stdout.strip()


def admin(h, name="ada"):
    staff(h, name, "admin")
    c, r = sign_in(h, name)
    assert r.status == 303
    return c


def page(c, path="/admin/sending"):
    r = c.get(path)
    assert r.status == 200, (r.status, r.body[:300])
    return r


def db(h, sql, *args):
    return sqlite3.connect(h.db).execute(sql, args).fetchall()


def audited(h, action):
    return db(h, "SELECT count(*) FROM audit WHERE action = ?", action)[0][0]


def restart_with_key(h, nd):
    """Restart heard-fcgi (nginx stays) with a Notify key configured."""
    h.env["HEARD_NOTIFY_KEY"] = nd.write_key(os.path.join(h.dir, "notify.key"), "heard-live")
    h.env["HEARD_NOTIFY_URL"] = nd.url
    h.env["HEARD_NOTIFY_RATE"] = "6000"
    h.fcgi.send_signal(signal.SIGTERM)
    h.fcgi.wait(15)
    h.fcgi = subprocess.Popen([os.path.join(h.bindir, "heard-fcgi")], env=h.env,
                              stdout=subprocess.DEVNULL, stderr=open(h.fcgi_log, "ab"))
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            if Client(h).get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError("heard-fcgi did not come back: " + h.log())


def templates(h):
    for kind in ("invite", "reminder"):
        for ch in ("email", "sms", "letter"):
            h.ctl("notify", "template", kind, ch, str(uuid.uuid4()))


def issue_on_page(c, rid, aud, contact, to=""):
    r = page(c, f"/admin/review?id={rid}")
    body = {"csrf": csrf_of(r.body), "aud": aud, "channel": "online", "to": to,
            "contact": contact}
    return c.post(f"/admin/review/issue?id={rid}", body)


def consultations(h, rid):
    return db(h, "SELECT id FROM consultation WHERE review_id = ? ORDER BY id", rid)


def no_secret(body):
    """No link and no paper code on a page."""
    assert "/c/" not in body
    assert not re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", body), body


def test_sending_not_set_up_shows_what_would_go(h):
    c = admin(h)
    review = workdays(h, today(), 12)
    rid = h.review("REF-SEND-1", review)
    out = h.ctl("issue", "--review", str(rid), "--audience", "parent", "--email", EMAIL).stdout
    assert "consultation" in out
    h.ctl("issue", "--review", str(rid), "--audience", "carer", "--phone", "07700 900123")
    r = page(c)
    assert "Sending is not set up" in r.body and "HEARD_NOTIFY_KEY" in r.body
    assert "What would go in the next 10 working days" in r.body
    assert "REF-SEND-1" in r.body and "Invitation" in r.body and "Reminder 1" in r.body
    assert "Email" in r.body and "Text message" in r.body
    assert "Consultation form for parents" in r.body
    # Never a contact, link or code.
    assert EMAIL not in r.body and "900123" not in r.body
    no_secret(r.body)
    # The menu offers it to admins.
    assert '<a href="/admin/sending">Sending</a>' in r.body


def test_settings_each_saved_refused_and_kept_and_audited(h):
    c = admin(h)
    r = page(c)
    csrf = csrf_of(r.body)
    good = str(uuid.uuid4())
    # A bad template id: refused next to its field, everything kept.
    r = c.post("/admin/sending/templates", {"csrf": csrf, "invite_email": good,
                                            "invite_sms": "not-a-uuid", "invite_letter": "",
                                            "reminder_email": "", "reminder_sms": "",
                                            "reminder_letter": ""})
    assert r.status == 200 and "There is a problem" in r.body
    assert 'href="#invite_sms"' in r.body and 'id="invite_sms-error"' in r.body
    assert 'value="not-a-uuid"' in r.body and f'value="{good}"' in r.body
    assert db(h, "SELECT count(*) FROM setting WHERE key LIKE 'template.%'")[0][0] == 0
    r = c.post("/admin/sending/templates", {"csrf": csrf, "invite_email": good,
                                            "invite_sms": "", "invite_letter": "",
                                            "reminder_email": good.upper(), "reminder_sms": "",
                                            "reminder_letter": ""})
    assert r.status == 200 and "template ids are saved" in r.body
    assert db(h, "SELECT value FROM setting WHERE key = 'template.invite.email'") == [(good,)]
    assert f'value="{good}"' in page(c).body
    assert audited(h, "sending-templates") == 1
    # The service: its name, and a return address that needs a postcode.
    r = c.post("/admin/sending/service", {"csrf": csrf, "council": "Northshire Council",
                                          "return_address": "IRO Service\nCounty Hall\nNorthtown"})
    assert r.status == 200 and 'id="return_address-error"' in r.body
    assert "postcode" in r.body and 'value="Northshire Council"' in r.body
    assert "IRO Service\nCounty Hall\nNorthtown</textarea>" in r.body
    r = c.post("/admin/sending/service", {"csrf": csrf, "council": "Northshire Council",
                                          "return_address": "IRO Service\r\nCounty Hall\r\nNorthtown\r\nnt1 1aa\r\n"})
    assert "are saved" in r.body, r.body[:500]
    assert db(h, "SELECT value FROM setting WHERE key = 'return_address'") == [
        ("IRO Service|County Hall|Northtown|NT1 1AA",)]
    assert h.ctl("setting").stdout.count("Northshire Council") == 1
    assert 'value="Northshire Council"' in page(c).body and audited(h, "sending-service") == 1
    # The timetable, in working days before the review as people count.
    r = c.post("/admin/sending/plan", {"csrf": csrf, "aud": "parent", "invite": "20",
                                       "reminders": "5, 12"})
    assert r.status == 200 and 'id="reminders-parent-error"' in r.body
    assert 'value="5, 12"' in r.body and 'value="20"' in r.body
    assert db(h, "SELECT workdays FROM plan WHERE audience = 'parent' ORDER BY step") == [
        (-15,), (-10,), (-5,)]
    r = c.post("/admin/sending/plan", {"csrf": csrf, "aud": "parent", "invite": "20",
                                       "reminders": "12, 8, 3"})
    assert "timetable is saved" in r.body
    assert db(h, "SELECT workdays FROM plan WHERE audience = 'parent' ORDER BY step") == [
        (-20,), (-12,), (-8,), (-3,)]
    assert 'value="12, 8, 3"' in page(c).body and audited(h, "sending-plan") == 1
    r = c.post("/admin/sending/plan", {"csrf": csrf, "aud": "feedback_attendee",
                                       "invite": "2", "reminders": ""})
    assert "timetable is saved" in r.body
    assert db(h, "SELECT kind, workdays FROM plan WHERE audience = 'feedback_attendee'") == [
        ("invite", 2)]
    # Reminders by letter off (an unticked box), the others on.
    r = c.post("/admin/sending/reminders", {"csrf": csrf, "email": "yes", "sms": "yes"})
    assert r.status == 200 and "are saved" in r.body
    assert dict(db(h, "SELECT key, value FROM setting WHERE key LIKE 'reminders.%'")) == {
        "reminders.email": "on", "reminders.sms": "on", "reminders.letter": "off"}
    assert re.search(r'id="rem-letter" name="letter" type="checkbox" value="yes">', page(c).body)
    assert audited(h, "sending-reminders") == 1
    # A wording: empty is refused, kept; then saved and shown.
    r = c.post("/admin/sending/wording", {"csrf": csrf, "step": "1", "a": "",
                                          "b": "Five minutes, and the IRO reads it"})
    assert 'id="a-1-error"' in r.body and 'value="Five minutes, and the IRO reads it"' in r.body
    r = c.post("/admin/sending/wording", {"csrf": csrf, "step": "1", "a": "Still time to say",
                                          "b": "Five minutes, and the IRO reads it"})
    assert "wordings are saved" in r.body
    assert db(h, "SELECT value FROM setting WHERE key = 'wording.1.A'") == [("Still time to say",)]
    assert 'value="Still time to say"' in page(c).body and audited(h, "sending-wording") == 1


def test_iro_and_manager_cannot_reach_sending(h):
    staff(h, "ivy", "iro")
    staff(h, "max", "manager")
    for name in ("ivy", "max"):
        c, r = sign_in(h, name)
        home = c.get("/admin/reviews")
        assert home.status == 200 and "/admin/sending" not in home.body
        assert c.get("/admin/sending").status in (403, 404)
        for path in ROUTES:
            r = c.post(path, {"csrf": csrf_of(home.body), "aud": "parent", "invite": "1",
                              "reminders": "", "council": "X", "step": "1", "a": "x",
                              "b": "y", "c": "1", "contact": EMAIL})
            assert r.status in (403, 404), (name, path, r.status)
    assert db(h, "SELECT count(*) FROM setting WHERE key = 'council'")[0][0] == 0
    assert db(h, "SELECT count(*) FROM plan WHERE audience = 'parent' AND workdays = 1")[0][0] == 0


def test_issue_with_a_contact_is_sent_by_heard_and_shows_no_link(h):
    with NotifyDouble() as nd:
        restart_with_key(h, nd)
        templates(h)
        c = admin(h)
        r = page(c)
        assert "Set up" in r.body and "heard-live" in r.body and nd.service_id in r.body
        assert nd.secret not in r.body and "not set up" not in r.body
        review = workdays(h, today(), 12)
        rid = h.review("REF-SEND-2", review)
        r = issue_on_page(c, rid, "parent", EMAIL + "\r\n", to="Mum")
        assert r.status == 200 and "Heard will send the Consultation form for parents" in r.body
        assert "by email" in r.body and "not shown" in r.body
        no_secret(r.body)
        (cid,), = consultations(h, rid)
        assert [s for (s,) in db(h, "SELECT state FROM outbox WHERE consultation_id = ?", cid)] == [
            "queued"] * 3
        assert audited(h, "issue") >= 1
        # The admin sees the contact and the message waiting.
        r = page(c, f"/admin/review?id={rid}")
        assert EMAIL in r.body and "waiting" in r.body
        no_secret(r.body)
        # heardctl send sends the invitation, whose link opens the form.
        out = h.ctl("send", "--today", today()).stdout
        assert "sent 1 invitation" in out, out
        (m,) = nd.messages()
        assert m["email_address"] == EMAIL and m["personalisation"]["name"] == "Mum"
        link = m["personalisation"]["link"]
        p = Client(h)
        r = p.get(link[len(h.env["HEARD_BASE_URL"]):])
        assert r.status == 303 and r.header("Location") == "/form"
        assert "Your views as a parent" in p.get("/form").body
        # Delivery is read and shown against the consultation.
        h.ctl("send", "--today", today())
        r = page(c, f"/admin/review?id={rid}")
        assert "delivered" in r.body, r.body
        no_secret(r.body)


def test_a_bad_contact_is_refused_with_its_rule_and_nothing_issued(h):
    c = admin(h)
    rid = h.review("REF-SEND-3", workdays(h, today(), 12))
    for typed, rule in (("1 High Street\r\nNorthtown\r\nNowhere", "postcode"),
                        ("1 High Street\r\nNT1 1AA", "at least 3 lines"),
                        ("01632 960000", "mobile"),
                        ("sam@", "email")):
        r = issue_on_page(c, rid, "parent", typed, to="Mum")
        assert r.status == 200 and "There is a problem" in r.body, typed
        assert 'id="contact-error"' in r.body and rule in r.body.lower() + r.body, (typed, r.body[:800])
        kept = html.escape(typed, quote=True)
        assert kept + "</textarea>" in r.body, typed
        assert 'value="Mum"' in r.body
        assert re.search(r'value="parent" checked', r.body)
    # Two forms with one contact: refused too.
    r = page(c, f"/admin/review?id={rid}")
    r = c.post(f"/admin/review/issue?id={rid}", [("csrf", csrf_of(r.body)), ("aud", "parent"),
                                                  ("aud", "carer"), ("channel", "online"),
                                                  ("contact", EMAIL)])
    assert "tick one form" in r.body
    assert consultations(h, rid) == []
    assert db(h, "SELECT count(*) FROM outbox")[0][0] == 0
    # Without a contact, today's behaviour: the link and code shown once.
    r = issue_on_page(c, rid, "parent", "")
    assert r.status == 200 and "Links and codes" in r.body and "/c/" in r.body


def test_messages_and_contacts_on_the_review_page(h):
    staff(h, "ivy", "iro")
    staff(h, "max", "manager")
    with NotifyDouble() as nd:
        restart_with_key(h, nd)
        templates(h)
        c = admin(h)
        rid = h.review("REF-SEND-4", workdays(h, today(), 12), iro="ivy")
        issue_on_page(c, rid, "parent", "bounce@example.org")
        issue_on_page(c, rid, "carer", "carer@example.org")
        bad, good = [i for (i,) in consultations(h, rid)]
        nd.script(reject={"bounce@example.org": "Can’t send to this recipient using a team-only API key"})
        h.ctl("send", "--today", today(), check=False)
        h.ctl("send", "--today", today(), check=False)
        r = page(c, f"/admin/review?id={rid}")
        assert "team-only API key" in html.unescape(r.body) and "not sent" in r.body
        assert "delivered" in r.body and "carer@example.org" in r.body
        # IROs and managers never see contacts or the messages' details.
        for name in ("ivy", "max"):
            s, _ = sign_in(h, name)
            r = s.get(f"/admin/review?id={rid}")
            assert r.status == 200 and "REF-SEND-4" in r.body
            assert "example.org" not in r.body and "team-only" not in r.body
            assert "Change contact" not in r.body
        # A bad new contact is refused next to that consultation's field.
        r = page(c, f"/admin/review?id={rid}")
        csrf = csrf_of(r.body)
        r = c.post(f"/admin/review/contact?id={rid}", {"csrf": csrf, "c": str(bad),
                                                        "contact": "bounce@"})
        assert r.status == 200 and f'id="contact-{bad}-error"' in r.body
        assert f'href="#contact-{bad}"' in r.body and "bounce@</textarea>" in r.body
        # A good one: what never reached the old contact goes to the new.
        r = c.post(f"/admin/review/contact?id={rid}", {"csrf": csrf, "c": str(bad),
                                                        "contact": "fixed@example.org"})
        assert "contact is changed" in r.body and "fixed@example.org" in r.body
        assert audited(h, "contact") == 1
        states = [s for (s,) in db(h, "SELECT state FROM outbox WHERE consultation_id = ? "
                                      "ORDER BY step", bad)]
        assert states == ["queued", "queued", "queued"], states
        out = h.ctl("send", "--today", today()).stdout
        assert "sent 1 invitation" in out, out
        assert nd.messages()[-1]["email_address"] == "fixed@example.org"
        # The delivered one is not sent again.
        assert sum(1 for m in nd.messages() if m["email_address"] == "carer@example.org") == 1
