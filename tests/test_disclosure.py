"""township disclosure (依申请公开): 3 days (日), the requester masked.

``disclosure-request`` is 3 calendar days: request day + 3, a rest day rolling
to the next working day. 2026 Spring Festival: 02-15..02-23 off, Sat 02-14 and
Sat 02-28 make-up working days; National Day 10-01..10-07 off, Sat 10-10
make-up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLERK, Invoke, d, take

from township.calendar import WorkCalendar
from township.errors import BadInput
from township.steps.machine import Env
from township.storage.store import Store


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


# -- the library: the declared steps taken as their commands take them ------------

ENV = Env(WorkCalendar())


def _files(data_dir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and p.name != ".lock"}


def test_declared_steps_record_their_inputs(store: Store) -> None:
    at = {"today": d("2026-03-02"), "env": ENV}
    with store.transaction(CLERK, "disclosure request") as tx:
        record = take(
            tx, "disclosure", "request", requester=" 张三丰 ", matter="惠农补贴发放明细",
            dept="党政办", on=d("2026-02-25"), **at,
        )  # fmt: skip
    rid = record["id"]
    assert (record["requester"], record["requested"], record["status"]) == (
        "张三丰",
        "2026-02-25",
        "requested",
    )
    assert record["responsible"] == {"person": CLERK, "dept": "党政办"}
    # Wed 02-25 + 3 days = Sat 02-28, a make-up working day: due that day.
    assert record["clocks"][0]["rule"] == "disclosure-request"
    with store.transaction(CLERK, "disclosure publish") as tx:
        record = take(tx, "disclosure", "publish", rid, channel="web", on=d("2026-02-27"), **at)
    assert (record["status"], record["channel"], record["published"]) == (
        "published",
        "web",
        "2026-02-27",
    )
    assert record["clocks"][0]["met_on"] == "2026-02-27"


@pytest.mark.parametrize(
    ("step", "values", "needle"),
    [
        ("publish", {"channel": "radio"}, "公开方式「radio」无效"),
        ("publish", {}, "公开方式不能为空"),
        ("decline", {"reason": "\u200b"}, "不予公开理由不能为空"),
        ("decline", {"reason": "x", "on": "1999-12-31"}, "早于 2000-01-01"),
    ],
)
def test_declared_inputs_are_checked_before_anything_is_written(
    store: Store, data_dir: Path, step: str, values: dict, needle: str
) -> None:
    at = {"today": d("2026-03-02"), "env": ENV}
    with store.transaction(CLERK, "disclosure request") as tx:
        rid = take(
            tx, "disclosure", "request", requester="张某", matter="x", on=d("2026-02-25"), **at
        )["id"]
    before = _files(data_dir)
    on = d(values.pop("on", "2026-02-27"))
    with store.transaction(CLERK, f"disclosure {step}") as tx, pytest.raises(BadInput) as caught:
        take(tx, "disclosure", step, rid, on=on, **values, **at)
    assert needle in caught.value.message_in("zh")
    assert _files(data_dir) == before


def test_request_refuses_invisible_text(store: Store, data_dir: Path) -> None:
    for values, needle in [
        ({"requester": "\u3000", "matter": "x"}, "申请人不能为空"),
        ({"requester": "张某", "matter": "\u200b\u200d"}, "申请公开事项不能为空"),
    ]:
        with store.transaction(CLERK, "disclosure request") as tx, pytest.raises(BadInput) as e:
            take(tx, "disclosure", "request", on=d("2026-02-25"), today=d("2026-03-02"), env=ENV,
                 **values)  # fmt: skip
        assert needle in e.value.message_in("zh")
    assert not (data_dir / "disclosures").exists()


def test_publish_help_lists_the_channels_with_their_labels(run: Invoke) -> None:
    zh = "".join(run("disclosure", "publish", "--help").stdout.split())
    assert "board公开栏" in zh and "document书面答复" in zh
    en = " ".join(run("disclosure", "publish", "--help", lang="en").stdout.split())
    assert "web (website)" in en and "document (written reply)" in en
