"""Reports a committee can trust (issue 13): each month beside the same
month of the year before, withdrawals and revoked links, late returns,
targets by financial year, a year to date beside the same span, the
web "New link" with a long base URL, the base URL setting, and the
SSDA903 Reviews export."""
import csv
import io
import json
import os
import re
import signal
import sqlite3

from harness import Client
from test_admin import csrf_of, sign_in, staff, write

# Two financial years: 2024/25 and 2025/26.
TWO_YEARS = """child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on
P1,2024-05-20,cic,iro1,parent,post,2024-05-02,2024-05-10
P1,2024-05-20,cic,iro1,carer,post,2024-05-03,
P2,2024-07-10,cic,iro1,parent,post,2024-06-20,2024-06-25
N1,2025-05-20,cic,iro1,parent,post,2025-05-02,2025-05-10
N1,2025-05-20,cic,iro1,carer,post,2025-05-03,2025-05-04
N1,2025-05-20,cic,iro1,feedback_attendee,post,2025-05-21,2025-06-01
"""


def report(h, *args):
    p = h.ctl("report", *args, "--format", "json")
    return json.loads(p.stdout)


def test_month_beside_same_month_of_year_before(h):
    """Item 1: by month, each month is compared with the same month of
    the period before (it read 0 of 0 for every month)."""
    h.ctl("import", write(h, TWO_YEARS))
    rep = report(h, "--from", "2025-04-01", "--to", "2026-03-31", "--by", "month")
    months = {g["group"]: g for g in rep["groups"]}
    may = months["2025-05"]
    assert (may["sent"], may["returned"]) == (3, 3)
    assert may["previous"] == {"sent": 2, "returned": 1}, may
    # June last year had a return; this June had nothing sent: its own row.
    assert months["2025-06"]["previous"] == {"sent": 1, "returned": 1}
    assert months["2025-06"]["sent"] == 0
    assert rep["all"]["previous"] == {"sent": 3, "returned": 2}
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31&by=month").body
    row = re.search(r'<th scope="row">2025-05</th>.*?</tr>', body).group(0)
    assert "1 of 2 (50%)" in row, row
