"""Properties of period arithmetic (hypothesis), and a naive reference.

The reference implementations below walk day by day using only
``chinese_calendar.is_workday`` (2004-2026) or, for provisional years, the
statutory rule rebuilt from lunardate and chinese-calendar's solar terms;
they share no code with ``township.calendar``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from township.calendar import WorkCalendar

CAL = WorkCalendar()  # pure and cached per year: shared by every example
ONE = dt.timedelta(days=1)

any_date = st.dates(dt.date(1901, 1, 1), dt.date(2099, 1, 31))
package_date = st.dates(dt.date(2004, 1, 1), dt.date(2026, 8, 31))
# 200 working days from any date up to 2099-01-31 stay inside 2099.
period = st.integers(min_value=0, max_value=200)
short_period = st.integers(min_value=0, max_value=60)
SETTINGS = settings(max_examples=300, deadline=None)


def ref_add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th official working day after ``start`` (n >= 1), day by day."""
    day, counted = start, 0
    while counted < n:
        day += ONE
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def ref_add_days(start: dt.date, n: int) -> dt.date:
    """start + n, then forward to the first official working day."""
    day = start + dt.timedelta(days=n)
    while not chinese_calendar.is_workday(day):
        day += ONE
    return day


def ref_between(start: dt.date, end: dt.date) -> int:
    """Official working days after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += ONE
        count += chinese_calendar.is_workday(day)
    return count


@SETTINGS
@given(start=any_date, n=period)
def test_between_inverts_add(start: dt.date, n: int) -> None:
    due = CAL.add(start, n).date
    assert CAL.between(start, due) == n


@SETTINGS
@given(start=any_date, n=st.integers(min_value=1, max_value=200))
def test_add_lands_on_a_working_day(start: dt.date, n: int) -> None:
    due = CAL.add(start, n).date
    assert due > start
    assert CAL.is_workday(due)
    # and it is the first working day after the (n-1)-th
    assert CAL.between(start, due - ONE) == n - 1


@SETTINGS
@given(start=any_date, n=period, m=period)
def test_add_is_monotonic(start: dt.date, n: int, m: int) -> None:
    a, b = CAL.add(start, n).date, CAL.add(start, m).date
    if n < m:
        assert a < b
    elif n == m:
        assert a == b


@SETTINGS
@given(start=any_date, n=period)
def test_add_composes(start: dt.date, n: int) -> None:
    # n working days then one more is n + 1 working days (for n >= 1, where
    # the intermediate date is itself a working day).
    if n >= 1:
        assert CAL.add(CAL.add(start, n).date, 1).date == CAL.add(start, n + 1).date


@SETTINGS
@given(start=any_date, n=period)
def test_day_unit_is_first_working_day_on_or_after(start: dt.date, n: int) -> None:
    due = CAL.add(start, n, "day").date
    target = start + dt.timedelta(days=n)
    assert due >= target
    assert CAL.is_workday(due)
    assert all(not CAL.is_workday(target + k * ONE) for k in range((due - target).days))


@SETTINGS
@given(start=any_date, end=any_date)
def test_between_is_antisymmetric(start: dt.date, end: dt.date) -> None:
    assert CAL.between(start, end) == -CAL.between(end, start)


@SETTINGS
@given(start=package_date, n=short_period)
def test_workday_add_matches_reference(start: dt.date, n: int) -> None:
    due = CAL.add(start, n)
    assert due.date == (ref_add_workdays(start, n) if n else start)
    assert due.provisional is False


@SETTINGS
@given(start=package_date, n=short_period)
def test_day_add_matches_reference(start: dt.date, n: int) -> None:
    assert CAL.add(start, n, "day").date == ref_add_days(start, n)


@SETTINGS
@given(start=package_date, days=st.integers(min_value=0, max_value=90))
def test_between_matches_reference(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    assert CAL.between(start, end) == ref_between(start, end)


@SETTINGS
@given(day=st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31)))
def test_is_workday_matches_package(day: dt.date) -> None:
    assert CAL.is_workday(day) is chinese_calendar.is_workday(day)


# -- provisional years against an independent statutory reference -------------


@cache
def ref_statutory(year: int) -> frozenset[dt.date]:
    """The 13 statutory days, from lunardate and chinese-calendar's solar terms."""
    lunardate = pytest.importorskip("lunardate")

    def solar(month: int, day: int) -> dt.date:
        return dt.date(*lunardate.LunarDate(year, month, day).to_solar_date().timetuple()[:3])

    spring = solar(1, 1)
    terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30))
    qingming = next(day for day, name in terms if name == "清明")
    days = {dt.date(year, 1, 1), qingming, dt.date(year, 5, 1), dt.date(year, 5, 2)}
    days |= {spring + k * ONE for k in (-1, 0, 1, 2)}
    days |= {solar(5, 5), solar(8, 15)}
    days |= {dt.date(year, 10, k) for k in (1, 2, 3)}
    return frozenset(days)


provisional_date = st.one_of(
    st.dates(dt.date(1901, 1, 1), dt.date(2003, 12, 31)),
    st.dates(dt.date(2027, 1, 1), dt.date(2099, 12, 31)),
)


@SETTINGS
@given(day=provisional_date)
def test_provisional_years_match_statutory_reference(day: dt.date) -> None:
    expected = day.weekday() < 5 and day not in ref_statutory(day.year)
    info = CAL.day(day)
    assert info.workday is expected
    assert info.provisional is True
    assert info.reason in (("weekday",) if expected else ("weekend", "holiday"))
