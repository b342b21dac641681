"""Words people read (issue 15 item 1): the Flesch-Kincaid grade of every
public page of every audience's form, as a person gets it through nginx
(the first page with the form's intro, every page, a page with an error,
check your answers, saved, thank you; the header and footer included),
and the home and code pages, printed as a table.  The child's form, and
the home and code pages a child with a letter meets first, must read at
grade 2 at most (reading age 7), the young person's and care leaver's
forms at grade 6.

What is measured is the visible text: not the <head>, attributes, hidden
inputs, text only for screen readers (visually-hidden) or the skip link.
Headings, labels, legends, buttons, links, list items and paragraphs are
each a sentence of their own (a child reads a button as a thing by
itself), and text is also split into sentences on . ! and ?.

Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words
- 15.59.  Syllables are counted by a heuristic (syllables(), below):
vowel groups, less a silent final e; a word in capitals (an acronym such
as IRO) is read letter by letter; a number is one syllable a digit."""
import html.parser
import re

from harness import Client, parse_form
from test_links import open_link

AUDIENCES = ["child", "young_person", "care_leaver", "parent", "carer", "health",
             "education", "professional", "feedback_young_person", "feedback_attendee",
             "feedback_leaver_attended", "feedback_leaver_absent", "feedback_leaver_parent"]
LIMITS = {"child": 2.0, "young_person": 6.0, "care_leaver": 6.0}
# Elements that end a sentence: each is read as a thing by itself.
BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "label", "legend", "button", "a",
          "div", "th", "td", "caption", "summary", "header", "footer", "main", "span"}
VOID = {"img", "input", "br", "meta", "link", "hr"}


def syllables(word):
    """The syllables of one word, by a heuristic: a number is a syllable a
    digit; a word in capitals of two or more letters (an acronym) is one a
    letter; otherwise the groups of vowels (a e i o u y), less one for a
    silent final "e" (not "le" after a consonant, as in "table") and for
    "es" or "ed" at the end where they are not sounded ("likes" and
    "liked", not "wishes", "pages" or "wanted"); at least one."""
    if word.isdigit():
        return len(word)
    w = re.sub(r"[^A-Za-z]", "", word)
    if not w:
        return 0
    if len(w) >= 2 and w.isupper():
        return len(w)
    w = w.lower()
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not (w.endswith("le") and w[-3] not in "aeiouy"):
        w = w[:-1]
    elif w.endswith("es") and w[-3] not in "sxz" and not w.endswith(("ches", "shes",
                                                                      "ges", "ces")):
        w = w[:-2]
    elif w.endswith("ed") and w[-3] not in "td":
        w = w[:-2]
    return max(1, len(re.findall(r"[aeiouy]+", w)))


class Visible(html.parser.HTMLParser):
    """The page's visible text as a list of sentences."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []         # (tag, hidden) of open elements
        self.parts = [""]

    def hidden(self):
        return any(hid for _, hid in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        hid = (tag in ("head", "script", "style", "textarea", "title") or "hidden" in a
               or "visually-hidden" in cls or "skip-link" in cls)
        if tag in BLOCKS:
            self.parts.append("")
        if tag not in VOID:
            self.stack.append((tag, hid))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in BLOCKS:
            self.parts.append("")

    def handle_data(self, data):
        if not self.hidden():
            self.parts[-1] += data

    def sentences(self):
        out = []
        for p in self.parts:
            for s in re.split(r"[.!?]+(?:\s|$)", p):
                if re.search(r"[A-Za-z0-9]", s):
                    out.append(" ".join(s.split()))
        return out


def grade(body):
    """(Flesch-Kincaid grade, words, sentences, the text) of a page."""
    v = Visible()
    v.feed(body)
    sents = v.sentences()
    words = [w for s in sents for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019]*", s)]
    syl = sum(syllables(w) for w in words)
    if not words:
        return 0.0, 0, 0, ""
    g = 0.39 * len(words) / len(sents) + 11.8 * syl / len(words) - 15.59
    return g, len(words), len(sents), " | ".join(sents)


def choose_all(page):
    """Answers that show every question: the first choice of each (yes
    shows the questions that hang on a yes), no words."""
    body = dict(page.hidden)
    for name, (typ, vals, _) in page.choices.items():
        body[name] = [vals[0]]
    return body


def pages_of(h, rid, aud, source):
    """Every public page a person of this audience meets, in order, as
    [(name, body)].  Each audience comes from its own address, as people
    do, below nginx's rate of requests from one address."""
    cid, link, _ = h.issue(rid, aud)
    c = Client(h, source=source)
    open_link(c, link)
    r = c.get("/form")
    out = []
    erred = False
    for n in range(1, 30):
        assert r.status == 200, (aud, n, r.status)
        out.append((f"page {n}", r.body))
        page = parse_form(r.body)
        boxes = [name for name, _, _ in page.text]
        if boxes and not erred:
            # A mistake shown: a too-long answer in the first text box.
            erred = True
            if True:
                e = c.post("/form", dict(page.hidden, action="next", **{boxes[0]: "x" * 6000}))
                if e.status == 200 and "There is a problem" in e.body:
                    out.append(("error", e.body))
        nxt = c.post("/form", dict(choose_all(page), action="next"))
        if nxt.status == 200:
            # A required question that the first choice does not answer
            # (a date or words): fill every box with a date or words.
            body = dict(choose_all(page), action="next")
            for name, _, _ in page.text:
                body[name] = {"day": "7", "month": "3", "year": "2025"}.get(
                    name.rsplit("-", 1)[-1], "Fine")
            nxt = c.post("/form", body)
        assert nxt.status == 303, (aud, n, nxt.status, nxt.body[:400])
        r = c.get(nxt.header("Location"))
        if nxt.header("Location") == "/form?check=1":
            break
    out.append(("check", r.body))
    saved = c.post("/form", dict(parse_form(r.body).hidden, action="save"))
    out.append(("saved", saved.body))
    sent = c.post("/form", dict(parse_form(r.body).hidden, action="send"))
    assert sent.status == 303, (aud, sent.status)
    out.append(("thanks", c.get("/form").body))
    return out


def test_reading_grade_of_every_public_page(h):
    rid = h.review()
    rows, over = [], []
    # The pages before any form, which a child with a letter meets too:
    # held to the child's limit.
    c = Client(h, source="127.0.2.1")
    shared = [("home", c.get("/").body), ("code", c.get("/code").body)]
    code = parse_form(shared[1][1])
    shared.append(("code error", c.post("/code", dict(code.hidden, code="ABCD")).body))
    for name, body in shared:
        g, w, s, text = grade(body)
        rows.append(("(any)", name, g, w, s, 2.0, g > 2.0))
        if g > 2.0:
            over.append(f"{name}: grade {g:.1f} > 2.0: {text}")
    for i, aud in enumerate(AUDIENCES):
        for name, body in pages_of(h, rid, aud, f"127.0.1.{i + 1}"):
            g, w, s, text = grade(body)
            limit = LIMITS.get(aud)
            bad = limit is not None and g > limit
            rows.append((aud, name, g, w, s, limit, bad))
            if bad:
                over.append(f"{aud} {name}: grade {g:.1f} > {limit}: {text}")
    print(f"{'audience':<26}{'page':<9}{'grade':>6}{'words':>7}{'sent.':>6}  limit")
    for aud, name, g, w, s, limit, bad in rows:
        print(f"{aud:<26}{name:<9}{g:>6.1f}{w:>7}{s:>6}  "
              f"{'' if limit is None else limit}{'  OVER' if bad else ''}")
    assert not over, "\n" + "\n".join(over)


def test_syllable_heuristic(h):
    for word, n in (("cat", 1), ("table", 2), ("make", 1), ("happy", 2), ("liked", 1),
                    ("wanted", 2), ("wishes", 2), ("IRO", 3), ("meeting", 2),
                    ("advocate", 3), ("Independent", 4), ("5000", 4), ("school", 1),
                    ("worries", 2), ("friends", 1), ("don't", 1)):
        assert syllables(word) == n, (word, syllables(word), n)
    g, w, s, _ = grade("<html><head><title>Long words everywhere</title></head><body>"
                       "<h1>Hi</h1><p>The cat sat. The dog ran!</p>"
                       "<span class=\"visually-hidden\">Unseen independent words</span>"
                       "<button>Go</button></body></html>")
    assert (w, s) == (8, 4), (w, s)
