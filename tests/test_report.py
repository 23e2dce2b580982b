"""The daily overdue report, library level (township.views.report).

Every expected row is derived by hand from the rule and the official 2026
calendar (chinese-calendar 1.11): the Spring Festival break 2026-02-15 to
02-23 is off, Saturdays 02-14 and 02-28 are make-up working days. The
working days around it, for reference:

    Jan 29 Thu, 30 Fri | Feb 2-6 Mon-Fri | Feb 9-13 Mon-Fri | Feb 14 Sat (make-up)
    Feb 15-23 off | Feb 24 Tue, 25, 26, 27 Fri | Feb 28 Sat (make-up)
    Mar 1 Sun off | Mar 2 Mon, 3, 4, 5, 6 Fri
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import CLERK, d

from township.calendar import Schedule, WorkCalendar
from township.i18n import Text
from township.steps.machine import add_event, extend_clock, meet_clock, new_record, start_clock
from township.storage.store import Store, Transaction
from township.views.report import (
    calendar_warning_year,
    group_items,
    overdue_items,
    records_of,
    summarize,
)

# -- fixture helpers (also used by the other report, stats and export tests) --


@dataclass(frozen=True)
class Clock:
    """A deadline to start on a fixture record."""

    rule: str
    trigger: str
    n: int
    met_on: str | None = None
    extensions: tuple[int, ...] = ()


@dataclass
class Spec:
    """A fixture record: kind, year of its id, who is responsible, its clocks."""

    kind: str
    person: str | None = None
    dept: str | None = None
    clocks: tuple[Clock, ...] = ()
    year: int = 2026
    status: str = "open"
    fields: dict[str, Any] = field(default_factory=dict)


def make(tx: Transaction, spec: Spec) -> str:
    """Create ``spec`` through the real store; return its id."""

    def build(rid: str) -> dict[str, Any]:
        record = new_record(
            spec.kind,
            rid,
            actor=CLERK,
            now=tx.now,
            status=spec.status,
            person=spec.person,
            dept=spec.dept,
            **spec.fields,
        )
        first = spec.clocks[0].trigger if spec.clocks else f"{spec.year}-01-02"
        add_event(record, on=d(first), actor=CLERK, now=tx.now, action="log")
        for c in spec.clocks:
            start_clock(record, c.rule, d(c.trigger), c.n)
            for m in c.extensions:
                extend_clock(record, c.rule, m)
            if c.met_on:
                meet_clock(record, c.rule, d(c.met_on))
        return record

    return tx.create(spec.kind, spec.year, build)["id"]


def seed(store: Store, specs: Iterable[Spec]) -> list[str]:
    """Create every spec in one transaction; return their ids in order."""
    with store.transaction(CLERK, "test") as tx:
        return [make(tx, s) for s in specs]


# The holiday data set, as of Monday 2026-03-02 (the report's default day in tests).
HOLIDAY_SET = [
    # CASE-2026-0001: investigation, 10 working days from Thu 01-29:
    # 01-30, 02-02..06, 02-09..12 -> due Thu 02-12. Working days after it up to
    # 03-02: 02-13, 02-14 (make-up), 02-24..27, 02-28 (make-up), 03-02 = 8
    # -> 严重逾期 8 (8 > 5).
    Spec(
        "case",
        "赵某",
        "调查组",
        (Clock("investigation", "2026-01-29", 10),),
        fields={"subject": "李某", "matter": 4},
    ),
    # CASE-2026-0002: delivery met in time; the appeal window belongs to the
    # subject (15 working days from Wed 02-04: 02-05, 06, 09..14, 24..28, 03-02,
    # 03-03 -> due 03-03) and is never listed.
    Spec(
        "case",
        "钱六",
        "纪委办",
        (
            Clock("delivery", "2026-01-20", 10, met_on="2026-01-22"),
            Clock("appeal-window", "2026-02-04", 15),
        ),
    ),
    # INQ-2026-0001: web reply, 5 working days from Tue 02-24: 02-25, 26, 27,
    # 28 (make-up), 03-02 -> due 03-02 -> 今日到期.
    Spec(
        "inquiry",
        "王五",
        "民政办",
        (Clock("web-reply", "2026-02-24", 5),),
        fields={"matter": "咨询低保申请条件"},
    ),
    # INQ-2026-0002: web reply from Wed 02-25: 02-26, 27, 28, 03-02, 03-03
    # -> due 03-03; one working day after 03-02 -> 1 个工作日内到期.
    Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-02-25", 5),)),
    # INQ-2026-0003: web reply from Mon 02-09 (due 02-14, the make-up Saturday),
    # met on 02-10 -> not listed.
    Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-02-09", 5, "2026-02-10"),)),
    # INQ-2026-0004: web reply from Mon 01-05: 01-06, 07, 08, 09, 12 -> due 01-12;
    # met 01-14 (late) -> not listed.
    Spec("inquiry", "王五", "民政办", (Clock("web-reply", "2026-01-05", 5, "2026-01-14"),)),
    # CMP-2026-0001: complaint handling, 15 working days from Thu 02-05: 02-06,
    # 09..13, 14 (make-up), 24..28, 03-02, 03-03, 03-04 -> due 03-04; two working
    # days after 03-02 -> 2 个工作日内到期.
    Spec(
        "complaint",
        "孙七",
        "纪委办",
        (Clock("complaint-handling", "2026-02-05", 15),),
        fields={
            "complainant": "张三丰",
            "contact": "13812345678",
            "against": "民政办",
            "summary": "拖延不办",
        },
    ),
    # PET-2026-0001: acceptance notice, 15 calendar days from Mon 02-02 -> 02-17,
    # a holiday -> the next working day, Tue 02-24. Working days after it up to
    # 03-02: 02-25, 26, 27, 28, 03-02 = 5 -> 逾期 5, not serious (not more than 5).
    Spec(
        "petition",
        "周八",
        "信访办",
        (Clock("petition-acceptance", "2026-02-02", 15),),
        fields={"petitioner": "刘大海", "contact": "13900001111", "matter": "宅基地纠纷"},
    ),
    # DEN-2026-0001: filing, 10 working days from Fri 02-13: 02-14 (make-up),
    # 02-24..28, 03-02..05 -> due 03-05; three working days after 03-02, so not
    # listed within the default 2.
    Spec("denial", "吴九", "司法所", (Clock("denial-filing", "2026-02-13", 10),)),
]
HOLIDAY_IDS = [
    "CASE-2026-0001",
    "CASE-2026-0002",
    "INQ-2026-0001",
    "INQ-2026-0002",
    "INQ-2026-0003",
    "INQ-2026-0004",
    "CMP-2026-0001",
    "PET-2026-0001",
    "DEN-2026-0001",
]


def seed_holiday_set(store: Store) -> None:
    """Store the holiday data set (the ids are those of ``HOLIDAY_IDS``)."""
    assert seed(store, HOLIDAY_SET) == HOLIDAY_IDS


def official_2027() -> Schedule:
    """A stand-in for an imported official 2027 schedule: the statutory days only."""
    days = ["01-01", "02-05", "02-06", "02-07", "02-08", "04-05", "05-01", "05-02"]
    days += ["06-09", "09-15", "10-01", "10-02", "10-03"]
    return Schedule(
        2027, "测试：2027年放假安排", frozenset(d(f"2027-{x}") for x in days), frozenset()
    )


# -- tests ---------------------------------------------------------------------


def _rows(items: list) -> list[tuple[str, str, str, str, int]]:
    return [(i.record_id, i.rule.id, i.due.isoformat(), i.state, i.workdays_late) for i in items]


@pytest.fixture
def holiday_store(store: Store) -> Store:
    seed_holiday_set(store)
    return store


def report(store: Store, as_of: str, **kwargs: Any) -> list:
    return overdue_items(records_of(store), WorkCalendar(), d(as_of), **kwargs)


def test_report_across_the_spring_festival(holiday_store: Store) -> None:
    items = report(holiday_store, "2026-03-02")
    # Most overdue first (8, then 5), then due today, then by due date.
    assert _rows(items) == [
        ("CASE-2026-0001", "investigation", "2026-02-12", "overdue", 8),
        ("PET-2026-0001", "petition-acceptance", "2026-02-24", "overdue", 5),
        ("INQ-2026-0001", "web-reply", "2026-03-02", "due-today", 0),
        ("INQ-2026-0002", "web-reply", "2026-03-03", "due-soon", 0),
        ("CMP-2026-0001", "complaint-handling", "2026-03-04", "due-soon", 0),
    ]
    assert [i.serious for i in items] == [True, False, False, False, False]
    assert [i.workdays_left for i in items[3:]] == [1, 2]
    assert [i.state_label.zh for i in items] == [
        "严重逾期 8 个工作日",
        "逾期 5 个工作日",
        "今日到期",
        "1 个工作日内到期",
        "2 个工作日内到期",
    ]
    assert items[0].responsible == "调查组 赵某"
    assert items[0].trigger == d("2026-01-29")
    assert not any(i.provisional for i in items)


def test_due_within_widens_the_window(holiday_store: Store) -> None:
    # DEN-2026-0001 is due 03-05, three working days after 03-02.
    items = report(holiday_store, "2026-03-02", due_within=3)
    assert _rows(items)[-1] == ("DEN-2026-0001", "denial-filing", "2026-03-05", "due-soon", 0)
    # due_within=0: only overdue and due today.
    items = report(holiday_store, "2026-03-02", due_within=0)
    assert [i.record_id for i in items] == ["CASE-2026-0001", "PET-2026-0001", "INQ-2026-0001"]


def test_serious_threshold_is_configurable(holiday_store: Store) -> None:
    # The petition is 5 working days late: serious only when the threshold is below 5.
    items = report(holiday_store, "2026-03-02", serious_after=4)
    assert [i.serious for i in items[:2]] == [True, True]
    assert items[1].state_label.zh == "严重逾期 5 个工作日"


def test_summary_counts_each_state(holiday_store: Store) -> None:
    summary = summarize(report(holiday_store, "2026-03-02"))
    assert summary.text.zh == "合计：逾期 2 项（严重逾期 1 项），今日到期 1 项，临期 2 项"
    assert summary.text.en == "Total: 2 overdue (1 serious), 1 due today, 2 due soon"


def test_report_for_a_past_day_reads_clocks_as_they_stood(holiday_store: Store) -> None:
    # As of Mon 02-09, within 5 working days: the investigation (due 02-12:
    # 02-10, 11, 12 = 3) and INQ-2026-0003 (started 02-09, met only on 02-10, so
    # still open that day; due 02-14: 02-10..13, 14 = 5). Clocks started after
    # 02-09 (INQ-2026-0001, -0002, the denial) are not there yet; the petition
    # (due 02-24: 02-10..14, 24 = 6) is too far.
    items = report(holiday_store, "2026-02-09", due_within=5)
    assert _rows(items) == [
        ("CASE-2026-0001", "investigation", "2026-02-12", "due-soon", 0),
        ("INQ-2026-0003", "web-reply", "2026-02-14", "due-soon", 0),
    ]
    assert [i.workdays_left for i in items] == [3, 5]


def test_overdue_on_a_rest_day_by_zero_working_days(store: Store) -> None:
    # Web reply from Sat 02-14 (a make-up working day): 02-24, 25, 26, 27, 28
    # -> due Sat 02-28. On Sun 03-01 it is overdue, but no working day has passed.
    seed(store, [Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-02-14", 5),))])
    [item] = report(store, "2026-03-01")
    assert (item.due, item.state, item.workdays_late, item.serious) == (
        d("2026-02-28"),
        "overdue",
        0,
        False,
    )
    assert item.state_label.zh == "逾期（不足 1 个工作日）"


def test_extensions_move_the_due_date(store: Store) -> None:
    # Complaint from Thu 02-05, 15 working days -> 03-04 (see HOLIDAY_SET), extended
    # by 2: 03-05, 03-06 -> due Fri 03-06, two working days after 03-04.
    seed(
        store,
        [
            Spec(
                "complaint",
                "孙七",
                "纪委办",
                (Clock("complaint-handling", "2026-02-05", 15, extensions=(2,)),),
            )
        ],
    )
    [item] = report(store, "2026-03-04")
    assert (item.due, item.state, item.workdays_left) == (d("2026-03-06"), "due-soon", 2)


def test_provisional_due_dates_are_marked(store: Store) -> None:
    # Web reply from Mon 2026-12-28: 12-29, 30, 31, then 2027 (provisional):
    # 01-01 New Year, 01-02/03 weekend, 01-04, 01-05 -> due 2027-01-05, two
    # working days after Thu 2026-12-31.
    seed(store, [Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-12-28", 5),))])
    [item] = report(store, "2026-12-31")
    assert (item.due, item.state, item.workdays_left, item.provisional) == (
        d("2027-01-05"),
        "due-soon",
        2,
        True,
    )
    # With an official 2027 schedule the same date is no longer provisional.
    official = WorkCalendar({2027: official_2027()})
    [item] = overdue_items(records_of(store), official, d("2026-12-31"))
    assert (item.due, item.provisional) == (d("2027-01-05"), False)


def test_kinds_filter_reads_only_those_kinds(holiday_store: Store) -> None:
    items = overdue_items(records_of(holiday_store, ["inquiry"]), WorkCalendar(), d("2026-03-02"))
    assert [i.record_id for i in items] == ["INQ-2026-0001", "INQ-2026-0002"]


def test_group_items_orders_groups_by_their_most_urgent_item(holiday_store: Store) -> None:
    items = report(holiday_store, "2026-03-02")
    by_dept = [(k, [i.record_id for i in v]) for k, v in group_items(items, "dept")]
    assert by_dept == [
        ("调查组", ["CASE-2026-0001"]),
        ("信访办", ["PET-2026-0001"]),
        ("民政办", ["INQ-2026-0001", "INQ-2026-0002"]),
        ("纪委办", ["CMP-2026-0001"]),
    ]
    by_person = [k for k, _ in group_items(items, "person")]
    assert by_person == ["赵某", "周八", "王五", "李四", "孙七"]


def test_other_party_windows_are_never_listed(store: Store) -> None:
    # The appeal window from 02-04 ends 03-03 (see HOLIDAY_SET): not listed on
    # 03-02 (1 working day before), nor on 03-10 when it has long passed.
    seed(store, [Spec("case", "钱六", "纪委办", (Clock("appeal-window", "2026-02-04", 15),))])
    assert report(store, "2026-03-02") == []
    assert report(store, "2026-03-10") == []


class _NoCalendar(WorkCalendar):
    """A calendar that fails if the report asks it anything."""

    def add(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("calendar used for a met clock")

    def between(self, *args: Any, **kwargs: Any) -> int:
        raise AssertionError("calendar used for a met clock")


def test_met_clocks_cost_no_calendar_work(store: Store) -> None:
    seed(
        store,
        [Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-02-09", 5, "2026-02-10"),))]
        * 3,
    )
    assert overdue_items(records_of(store), _NoCalendar(), d("2026-03-02")) == []


def test_november_warning_while_next_year_is_provisional() -> None:
    calendar = WorkCalendar()
    assert calendar_warning_year(calendar, d("2026-10-31")) is None
    assert calendar_warning_year(calendar, d("2026-11-01")) == 2027
    assert calendar_warning_year(calendar, d("2026-12-31")) == 2027
    # 2026 is in chinese-calendar 1.11, so November 2025 needs no warning.
    assert calendar_warning_year(calendar, d("2025-11-15")) is None
    assert calendar_warning_year(WorkCalendar({2027: official_2027()}), d("2026-11-01")) is None


def test_json_shape(holiday_store: Store) -> None:
    item = report(holiday_store, "2026-03-02")[0]
    # The case's matter is its subject and 问责情形 ④ (its catalogue label).
    assert item.as_json() == {
        "id": "CASE-2026-0001",
        "kind": "case",
        "matter": Text("李某 ④办事拖拉、推诿扯皮", "李某 ④ procrastination, passing the buck"),
        "rule": "investigation",
        "rule_label": Text("提交调查报告", "investigation report"),
        "trigger": "2026-01-29",
        "due": "2026-02-12",
        "state": "overdue",
        "workdays_late": 8,
        "serious": True,
        "responsible": {"person": "赵某", "dept": "调查组"},
        "provisional": False,
        "clause": item.rule.clause,
    }
    assert "行政问责制 8" in item.rule.clause.zh


def test_report_is_fast_enough_for_large_offices() -> None:
    # 20,000 open clocks in memory: the report does two binary searches per
    # clock; this guards against a per-day loop creeping in (which would take
    # minutes), with a generous bound for a busy 2-core machine.
    import time

    records = []
    start = dt.date(2025, 1, 1)
    for k in range(20_000):
        r = new_record("inquiry", f"INQ-2025-{k + 1:04d}", actor="x", now="", status="open")
        start_clock(r, "web-reply", start + dt.timedelta(days=k % 600), 5)
        records.append(r)
    began = time.perf_counter()
    items = overdue_items(records, WorkCalendar(), d("2026-11-30"))
    assert time.perf_counter() - began < 10
    assert len(items) == 20_000  # every one is overdue by then
