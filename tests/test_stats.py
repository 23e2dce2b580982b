"""``township stats``: deadlines per group and the two assessment flags .

The deadlines are those of the holiday data set of ``tests/test_report.py``
(each due date derived there by hand). Counted by due date, as of the end
of the period or today if earlier.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from conftest import d
from test_report import Clock, Spec, seed, seed_holiday_set

from township.calendar import WorkCalendar
from township.storage.store import Store
from township.views.openness import criticised_staff
from township.views.report import records_of
from township.views.stats import compute_stats, decision_of, period_of, repeat_subjects


@pytest.fixture
def seeded(store: Store) -> Store:
    seed_holiday_set(store)
    return store


def _by_group(result: Any) -> dict[Any, tuple[int, int, int, int]]:
    return {k: (t.met, t.late, t.open, t.overdue) for k, t in result.groups}


def test_quarter_as_of_today(seeded: Store) -> None:
    # Q1 2026 read on 03-02 (before the quarter ends). Due dates (test_report.py):
    #   调查组 CASE-0001 investigation due 02-12, open        -> overdue
    #   纪委办 CASE-0002 delivery due 02-03 (10 wd from 01-20: 01-21..23, 26..30,
    #          02-02, 02-03), met 01-22                      -> met
    #          CASE-0002 appeal window: the subject's        -> not counted
    #          CMP-0001 due 03-04                            -> open
    #   民政办 INQ-0001 due 03-02 (today: not yet overdue)    -> open
    #          INQ-0002 due 03-03                            -> open
    #          INQ-0003 due 02-14, met 02-10                 -> met
    #          INQ-0004 due 01-12, met 01-14                 -> late
    #   信访办 PET-0001 due 02-24, open                      -> overdue
    #   司法所 DEN-0001 due 03-05                            -> open
    result = compute_stats(records_of(seeded), WorkCalendar(), period_of(2026, 1), d("2026-03-02"))
    assert result.as_of == d("2026-03-02")
    assert _by_group(result) == {
        "调查组": (0, 0, 0, 1),
        "纪委办": (1, 0, 1, 0),
        "民政办": (1, 1, 2, 0),
        "信访办": (0, 0, 0, 1),
        "司法所": (0, 0, 1, 0),
    }
    total = result.total
    assert (total.met, total.late, total.open, total.overdue, total.total) == (2, 1, 4, 2, 9)
    # On-time rate: met / (met + late + overdue) = 2 / 5.
    assert total.on_time_rate == pytest.approx(0.4)
    rates = {k: t.on_time_rate for k, t in result.groups}
    assert rates["民政办"] == pytest.approx(0.5)
    assert rates["司法所"] is None  # nothing decided yet


def test_quarter_read_as_of_its_last_day(seeded: Store) -> None:
    # Read on 06-30, Q1 is read as of 03-31: everything still open and due by
    # then (all due dates are before 03-31) is overdue.
    result = compute_stats(records_of(seeded), WorkCalendar(), period_of(2026, 1), d("2026-06-30"))
    assert result.as_of == d("2026-03-31")
    assert _by_group(result) == {
        "调查组": (0, 0, 0, 1),
        "纪委办": (1, 0, 0, 1),
        "民政办": (1, 1, 0, 2),
        "信访办": (0, 0, 0, 1),
        "司法所": (0, 0, 0, 1),
    }
    # Nothing of the data set falls due in Q2.
    q2 = compute_stats(records_of(seeded), WorkCalendar(), period_of(2026, 2), d("2026-06-30"))
    assert q2.groups == [] and q2.total.total == 0


def test_a_step_after_the_period_does_not_change_it(store: Store) -> None:
    # Complaint from Thu 02-05, due 03-04 (test_report.py), met only on 04-02:
    # in Q1, read as of 03-31, it is overdue, not late; over the whole year it is late.
    seed(
        store,
        [
            Spec(
                "complaint",
                "孙七",
                "纪委办",
                (Clock("complaint-handling", "2026-02-05", 15, "2026-04-02"),),
            )
        ],
    )
    q1 = compute_stats(records_of(store), WorkCalendar(), period_of(2026, 1), d("2026-06-30"))
    assert _by_group(q1) == {"纪委办": (0, 0, 0, 1)}
    year = compute_stats(records_of(store), WorkCalendar(), period_of(2026), d("2026-06-30"))
    assert _by_group(year) == {"纪委办": (0, 1, 0, 0)}


def test_by_person_and_by_kind(seeded: Store) -> None:
    cal, today = WorkCalendar(), d("2026-03-02")
    by_person = compute_stats(records_of(seeded), cal, period_of(2026), today, "person")
    assert _by_group(by_person)["李四"] == (1, 0, 1, 0)  # INQ-0003 met, INQ-0002 open
    assert _by_group(by_person)["王五"] == (0, 1, 1, 0)  # INQ-0004 late, INQ-0001 open
    by_kind = compute_stats(records_of(seeded), cal, period_of(2026), today, "kind")
    assert [k for k, _ in by_kind.groups] == ["inquiry", "case", "complaint", "petition", "denial"]
    assert _by_group(by_kind)["case"] == (1, 0, 0, 1)


# -- the flags ---------------------------------------------------------------


def _case(subject: str, unit: str, on: str | None, methods: list[int], **extra: Any) -> Spec:
    decision = {"on": on, "methods": methods, **extra} if on else None
    return Spec(
        "case",
        "调查组长",
        "纪委办",
        year=int(on[:4]) if on else 2026,
        fields={"subject": subject, "unit": unit, "decision": decision},
    )


FLAG_CASES = [
    # 交通办: two 通报批评 (⑤) decisions against its staff in 2026 -> criticised_staff
    # (not 一票否决, which comes from circulars: tests/test_openness.py). Subject 王五 twice within 41 days -> 从重.
    _case("王五", "交通办", "2026-01-10", [5]),  # CASE-2026-0001
    _case("王五", "交通办", "2026-02-20", [1, 5]),  # CASE-2026-0002
    # 农业办: one 通报批评, the other decision revoked -> one decision.
    _case("钱七", "农业办", "2026-01-15", [5]),  # CASE-2026-0003
    _case("孙八", "农业办", "2026-02-15", [5], revoked=True),  # CASE-2026-0004
    # 城建办: one 通报批评 in 2025, one in 2026 -> one in each year.
    _case("周九", "城建办", "2025-12-20", [5]),  # CASE-2025-0001
    _case("吴十", "城建办", "2026-01-05", [5]),  # CASE-2026-0005
    # 水务站: two decisions, only one with 通报批评 -> one decision.
    _case("郑一", "水务站", "2026-01-20", [3]),  # CASE-2026-0006
    _case("冯二", "水务站", "2026-02-02", [5]),  # CASE-2026-0007
    # 张三: 2025-06-01 and 2026-03-01 are 273 days apart -> 从重.
    _case("张三", "司法所", "2025-06-01", [1]),  # CASE-2025-0002
    _case("张三", "司法所", "2026-03-01", [2]),  # CASE-2026-0008
    # 李四: 2025-01-10 and 2026-02-01 are 387 days apart -> no flag.
    _case("李四", "财政所", "2025-01-10", [1]),  # CASE-2025-0003
    _case("李四", "财政所", "2026-02-01", [1]),  # CASE-2026-0009
    # 赵六: the second decision was revoked -> no flag.
    _case("赵六", "财政所", "2026-01-12", [1]),  # CASE-2026-0010
    _case("赵六", "财政所", "2026-02-12", [1], revoked=True),  # CASE-2026-0011
    # 陈二: a case not decided yet does not count.
    _case("陈二", "财政所", None, []),  # CASE-2026-0012
    _case("陈二", "财政所", "2026-02-03", [1]),  # CASE-2026-0013
]


@pytest.fixture
def flagged(store: Store) -> Store:
    ids = seed(store, FLAG_CASES)
    assert ids[4] == "CASE-2025-0001" and ids[-1] == "CASE-2026-0013"
    return store


def test_veto_and_repeat_flags(flagged: Store) -> None:
    cases = list(records_of(flagged, ["case"]))
    staff = criticised_staff(cases, 2026, d("2026-03-02"), decision_of)
    assert [(f.unit, f.cases) for f in staff] == [
        ("交通办", ("CASE-2026-0001", "CASE-2026-0002")),
        ("农业办", ("CASE-2026-0003",)),  # CASE-2026-0004 revoked
        ("城建办", ("CASE-2026-0005",)),  # CASE-2025-0001 is of 2025
        ("水务站", ("CASE-2026-0007",)),  # CASE-2026-0006 was ③, not ⑤
    ]
    repeat = repeat_subjects(cases, 2026, d("2026-03-02"))
    assert [(f.person, [rid for rid, _ in f.cases]) for f in repeat] == [
        ("张三", ["CASE-2025-0002", "CASE-2026-0008"]),
        ("王五", ["CASE-2026-0001", "CASE-2026-0002"]),
    ]
    # As of 02-28, 张三's second decision (03-01) has not been made yet.
    repeat = repeat_subjects(cases, 2026, d("2026-02-28"))
    assert [f.person for f in repeat] == ["王五"]
    # In 2025 nobody had two decisions within a year of each other by year end
    # (张三's 2025-06-01 is alone in 2025; 周九 and 李四 have one each).
    assert repeat_subjects(cases, 2025, d("2025-12-31")) == []
    staff = criticised_staff(cases, 2025, d("2025-12-31"), decision_of)
    assert [(f.unit, f.cases) for f in staff] == [("城建办", ("CASE-2025-0001",))]


def test_stats_cli_table(run, flagged) -> None:
    result = run("stats", "--year", "2026")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "某某镇人民政府 期限执行情况统计 2026 年（截至 2026-03-02）"
    # ⑤ decisions are their own line; without circulars nobody is vetoed.
    assert (
        "工作人员受通报批评（问责方式⑤）：交通办（2 次：CASE-2026-0001、CASE-2026-0002）" in lines
    )
    assert "一票否决：无" in lines
    assert (
        "从重：张三（1 年内问责决定 2 次：CASE-2025-0002（2025-06-01）、CASE-2026-0008（2026-03-01））"
        in lines
    )
    assert any(line.startswith("从重：王五") for line in lines)


def test_stats_cli_counts(run, seeded) -> None:
    result = run("stats", "--year", "2026", "--quarter", "1", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["部门", "按时完成", "逾期完成", "未到期", "逾期未办", "合计", "按时率"]
    body = {r[0]: r[1:] for r in rows[1:]}
    # Derived in test_quarter_as_of_today.
    assert body["民政办"] == ["1", "1", "2", "0", "4", "50.0%"]
    assert body["司法所"] == ["0", "0", "1", "0", "1", "—"]
    assert body["合计"] == ["2", "1", "4", "2", "9", "40.0%"]
    table = run("stats", "--year", "2026", "--quarter", "1").output
    assert "一票否决：无" in table and "从重：无" in table


def test_stats_cli_json(run, seeded, store) -> None:
    seed(store, FLAG_CASES[:2])  # CASE-2026-0003 and -0004 (the holiday set has 0001, 0002)
    result = run("stats", "--year", "2026", "--by", "kind", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["year"], data["quarter"], data["start"], data["end"], data["as_of"]) == (
        2026,
        None,
        "2026-01-01",
        "2026-12-31",
        "2026-03-02",
    )
    groups = {g["group"]: g for g in data["groups"]}
    assert groups["inquiry"] == {
        "group": "inquiry",
        "met": 1,
        "late": 1,
        "open": 2,
        "overdue": 0,
        "total": 4,
        "on_time_rate": 0.5,
    }
    assert data["total"]["total"] == 9
    assert data["veto_units"] == []
    assert data["criticised_staff"] == [
        {"unit": "交通办", "decisions": 2, "cases": ["CASE-2026-0003", "CASE-2026-0004"]}
    ]
    assert (data["honours_withdrawn"], data["post_adjustment"]) == ([], [])
    assert data["aggravated_persons"] == [
        {
            "person": "王五",
            "cases": [
                {"id": "CASE-2026-0003", "decided": "2026-01-10"},
                {"id": "CASE-2026-0004", "decided": "2026-02-20"},
            ],
        }
    ]


def test_stats_cli_english_and_bad_quarter(run, seeded) -> None:
    result = run("stats", "--year", "2026", "--quarter", "1", "--by", "kind", lang="en")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "某某镇人民政府 deadline statistics 2026 Q1 (as of 2026-03-02)"
    )
    assert "One-vote veto (一票否决): none" in result.output
    assert run("stats", "--year", "2026", "--quarter", "5").exit_code == 2


def test_stats_year_defaults_to_this_year(run, seeded) -> None:
    result = run("stats", today="2026-03-02")
    assert result.output.splitlines()[0].startswith("某某镇人民政府 期限执行情况统计 2026 年")
