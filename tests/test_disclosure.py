"""township disclosure (依申请公开): 3 days (日), the requester masked.

``disclosure-request`` is 3 calendar days: request day + 3, a rest day rolling
to the next working day. 2026 Spring Festival: 02-15..02-23 off, Sat 02-14 and
Sat 02-28 make-up working days; National Day 10-01..10-07 off, Sat 10-10
make-up.
"""

from __future__ import annotations

import json

import pytest
from conftest import Invoke


def _request(run: Invoke, on: str, today: str = "2026-03-02") -> str:
    result = run(
        "disclosure",
        "request",
        "--requester",
        "张三丰",
        "--contact",
        "13812345678",
        "--matter",
        "惠农补贴发放明细",
        "--dept",
        "党政办",
        "--on",
        on,
        today=today,
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("requested", "due"),
    [
        # Wed 02-11 + 3 = Sat 02-14, a make-up working day: due that day.
        ("2026-02-11", "2026-02-14"),
        # Fri 02-13 + 3 = Mon 02-16, in the festival: rolls to Tue 02-24.
        ("2026-02-13", "2026-02-24"),
        # Wed 02-25 + 3 = Sat 02-28, make-up: due that day.
        ("2026-02-25", "2026-02-28"),
        # Thu 02-26 + 3 = Sun 03-01: rolls to Mon 03-02.
        ("2026-02-26", "2026-03-02"),
        # Tue 09-29 + 3 = Fri 10-02, National Day: rolls to Thu 10-08.
        ("2026-09-29", "2026-10-08"),
        # Wed 10-07 + 3 = Sat 10-10, make-up: due that day.
        ("2026-10-07", "2026-10-10"),
    ],
)
def test_due_dates(run: Invoke, requested: str, due: str) -> None:
    rid = _request(run, requested, today=requested)
    shown = json.loads(run("disclosure", "show", rid, "--format", "json", today=requested).stdout)
    (deadline,) = shown["deadlines"]
    assert (deadline["rule"], deadline["trigger"], deadline["due"]) == (
        "disclosure-request",
        requested,
        due,
    )


def test_publish_and_decline_meet_it(run: Invoke) -> None:
    a = _request(run, "2026-02-13")  # due 02-24 (above)
    b = _request(run, "2026-02-25")  # due 02-28 (above)
    ok = run("disclosure", "publish", a, "--channel", "board", "--on", "2026-02-24")
    assert ok.exit_code == 0
    assert ok.stdout == f"{a} 已公开；没有未完成的期限。\n"
    # Declined Mon 03-02, after Sat 02-28: late by 1 working day (03-02).
    late = run("disclosure", "decline", b, "--reason", "涉及国家秘密", "--on", "2026-03-02")
    assert late.exit_code == 0
    assert "逾期 1 个工作日完成（到期日 2026-02-28）" in late.stdout
    listed = {r["id"]: r for r in json.loads(run("disclosure", "list", "--format", "json").stdout)}
    assert listed[a]["status"] == "published" and listed[a]["channel"] == "board"
    assert listed[b]["status"] == "declined" and listed[b]["decline_reason"] == "涉及国家秘密"
    assert [x["state"] for x in listed[b]["deadlines"]] == ["late"]
    table = run("disclosure", "list", "--status", "declined").stdout
    assert "不予公开" in table and a not in table
    # Closed: no second answer.
    again = run("disclosure", "publish", a, "--channel", "web")
    assert again.exit_code == 2 and "已公开" in again.stderr
    assert run("disclosure", "publish", a, "--channel", "radio").exit_code == 2


def test_overdue_request_in_the_report(run: Invoke) -> None:
    rid = _request(run, "2026-02-13")  # due 02-24
    # As of Mon 03-02: 02-25, 02-26, 02-27, Sat 02-28 (make-up), 03-02 -> 5 working days late.
    report = json.loads(run("overdue", "--format", "json", "--kind", "disclosure").stdout)
    assert [(i["id"], i["rule"], i["workdays_late"]) for i in report] == [
        (rid, "disclosure-request", 5)
    ]


def test_requester_masked_in_every_format_unless_revealed(run: Invoke) -> None:
    rid = _request(run, "2026-02-25")
    for args in (
        ("list",),
        ("show", rid),
        ("list", "--format", "json"),
        ("show", rid, "--format", "csv"),
    ):
        out = run("disclosure", *args).stdout
        assert "张三丰" not in out and "13812345678" not in out, args
        assert "张**" in out or ("list" in args and "--format" not in args), args
    out = run("disclosure", "show", rid, "--format", "json").stdout
    assert json.loads(out)["requester"] == "张**" and "138****5678" in out
    revealed = run("disclosure", "show", rid, "--reveal")
    assert "张三丰" in revealed.stdout
    entries = json.loads(run("audit", "log", rid, "--format", "json").stdout)
    reveals = [e for e in entries if e.get("action") == "reveal"]
    assert [(e["command"], e["fields"]) for e in reveals] == [
        ("disclosure show --reveal", ["requester", "contact"])
    ]
    exported = run("export", "disclosure", "--format", "json").stdout
    assert "张三丰" not in exported and "张**" in exported


def test_empty_fields_refused(run: Invoke) -> None:
    bad = run("disclosure", "request", "--requester", "", "--matter", "x")
    assert bad.exit_code == 2 and "申请人" in bad.stderr
    rid = _request(run, "2026-02-25")
    bad = run("disclosure", "decline", rid, "--reason", "  ")
    assert bad.exit_code == 2
