"""Every rule of the rule book against a day-by-day reference (hypothesis).

For each rule with a number of its own (units ``workday``, ``day`` and
``month``), a clock started on a random date of the official years
2004-2026 must fall due where a naive walk over ``chinese_calendar`` says:
the N-th working day after the event; the event + N days moved forward to a
working day; or, for months (民法典 第二百零二条), the same day number N months on
(that month's last day when it has none), moved likewise. The reference
shares no code with ``township``.
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from township.book.rules import RULES
from township.calendar import WorkCalendar
from township.steps.machine import deadlines, start_clock

CAL = WorkCalendar()
ONE = dt.timedelta(days=1)
NUMBERED = sorted(r.id for r in RULES.values() if r.n is not None and r.every is None)


def _forward(day: dt.date) -> dt.date:
    while not chinese_calendar.is_workday(day):
        day += ONE
    return day


def reference_due(start: dt.date, n: int, unit: str) -> dt.date:
    if unit == "workday":
        day, counted = start, 0
        while counted < n:
            day += ONE
            counted += chinese_calendar.is_workday(day)
        return day
    if unit == "day":
        return _forward(start + dt.timedelta(days=n))
    assert unit == "month"
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return _forward(dt.date(year, month, min(start.day, stdcal.monthrange(year, month)[1])))


def test_every_numbered_rule_is_checked() -> None:
    assert {RULES[r].unit for r in NUMBERED} == {"workday", "day", "month"}
    assert len(NUMBERED) >= 15


@pytest.mark.parametrize("rule_id", NUMBERED)
@settings(max_examples=40, deadline=None)
@given(start=st.dates(dt.date(2004, 1, 1), dt.date(2025, 10, 31)))
def test_rule_due_date_matches_the_reference(rule_id: str, start: dt.date) -> None:
    rule = RULES[rule_id]
    record: dict = {"id": "X", "clocks": []}
    start_clock(record, rule_id, start, rule.n)
    [found] = deadlines(record, CAL, start)
    assert found.due == reference_due(start, rule.n, rule.unit)
    assert found.provisional is False
