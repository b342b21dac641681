"""Issue 16 item 5: failed sign-ins slow the guesser (per account and
address, growing delays) and never lock out the right person: the right
password from an address that has not been failing goes through."""
import sqlite3
import time

from test_admin import sign_in, staff


def age(h, seconds):
    """Move every failed attempt `seconds` into the past."""
    db = sqlite3.connect(h.db)
    db.execute("UPDATE attempt SET at = at - ?", (seconds,))
    db.commit()


def test_guesser_slowed_right_person_let_through(h):
    staff(h, "bob", "iro")
    bad = "127.0.0.71"
    # A few typos are free; then each try waits (429 meanwhile).
    for _ in range(3):
        _, r = sign_in(h, "bob", source=bad, password="wrong password")
        assert r.status == 401
    _, r = sign_in(h, "bob", source=bad, password="wrong password")
    assert r.status == 429 and "a little longer than the last" in r.body
    # The guesser's address waits even with the right password...
    assert sign_in(h, "bob", source=bad)[1].status == 429
    # ...but bob, from an address that has not been failing, signs in.
    assert sign_in(h, "bob", source="127.0.0.72")[1].status == 303
    # The wait grows: 1 s after the third failure, 2 s after the
    # fourth (failures written here: nginx's own sign-in zone would
    # answer 429 itself after a few more requests from one address).
    other = "127.0.0.75"
    db = sqlite3.connect(h.db)
    now = int(time.time())
    db.executemany("INSERT INTO attempt (kind, who, at) VALUES ('signin-pair', ?, ?)",
                   [(f"{other}\nbob", now - 1)] * 4)
    db.commit()
    _, r = sign_in(h, "bob", source=other, password="wrong password")
    assert r.status == 429 and "a little longer than the last" in r.body     # 1 s is not enough
    age(h, 2)
    assert sign_in(h, "bob", source=other, password="wrong password")[1].status == 401
    # Guesses spread over many addresses never lock bob out.
    for i in range(12):
        _, r = sign_in(h, "bob", source=f"127.0.1.{i % 4 + 1}", password="wrong password")
        assert r.status == 401, (i, r.status)
    assert sign_in(h, "bob", source="127.0.0.73")[1].status == 303
