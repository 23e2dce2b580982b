"""Properties of period arithmetic (hypothesis), and a naive reference.

The reference implementations below walk day by day using only
``chinese_calendar.is_workday`` (2004-2026) or, for provisional years, the
statutory rule rebuilt from lunardate and chinese-calendar's solar terms;
they share no code with ``township.calendar``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from township.calendar import Schedule, WorkCalendar
from township.errors import BadInput

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


# -- the fast paths against the general one, add_many against add ------------
#
# WorkCalendar answers from dense tables over the years it covers (the fast
# path) and falls back to a binary search that covers years as needed (the
# general path: _add_general, _between_general, _next_workday_general). The
# properties below hold the fast path, the tables and add_many to the general
# path and to add, across year boundaries and into provisional years.


def official_2027() -> Schedule:
    """An imported 2027 (statutory days only): 2027 official, 2028 provisional."""
    return Schedule(2027, "测试", frozenset(ref_statutory(2027)), frozenset())


def calendar_for(which: str | None) -> WorkCalendar:
    return WorkCalendar({2027: official_2027()} if which else None)


# Shared, like CAL (building years is what is slow); "2027" has 2027 imported.
CALS = {None: CAL, "2027": calendar_for("2027")}
schedules = st.sampled_from([None, "2027"])
unit = st.sampled_from(["workday", "day"])
# Windows around the changes of source: provisional 2003 / package 2004,
# package 2026 / provisional (or imported) 2027 / provisional 2028, and the
# two ends. Each is a few years at most, so a fresh calendar builds quickly.
WINDOWS = [
    (dt.date(2003, 10, 1), dt.date(2004, 3, 31)),
    (dt.date(2026, 10, 1), dt.date(2028, 3, 31)),
    (dt.date(1901, 1, 1), dt.date(1901, 3, 31)),
    (dt.date(2098, 10, 1), dt.date(2099, 12, 31)),
]
boundary_date = st.one_of(*(st.dates(first, last) for first, last in WINDOWS))
some_date = st.one_of(any_date, boundary_date)


def window_lists(elements: Callable[[st.SearchStrategy[dt.date]], st.SearchStrategy]):
    """Lists of ``elements(dates)``, the dates of each list from one window."""
    return st.sampled_from(WINDOWS).flatmap(lambda w: st.lists(elements(st.dates(*w)), max_size=40))


def years_provisional(cal: WorkCalendar, first: dt.date, last: dt.date) -> bool:
    """Whether a year from ``first`` to ``last`` is provisional, year by year."""
    return any(cal.is_provisional_year(y) for y in range(first.year, last.year + 1))


def outcome(call: Callable[[], object]) -> object:
    """What ``call`` returns, or the message of the BadInput it raises."""
    try:
        return call()
    except BadInput as err:
        return ("BadInput", err.message_in("en"))


@SETTINGS
@given(start=boundary_date, n=period, unit=unit, which=schedules)
def test_fast_add_matches_general_path(start: dt.date, n: int, unit: str, which) -> None:
    fast, general = calendar_for(which), calendar_for(which)
    fast.between(start, start)  # covers the year of start
    expected = outcome(lambda: general._add_general(start, n, unit))
    if isinstance(expected, tuple):  # runs past 2099
        assert outcome(lambda: fast.add(start, n, unit)) == expected
        return
    fast.add(start, n, unit)  # covers the due date's years: the call below is fast
    assert fast._days > 0  # the tables are built
    got = fast.add(start, n, unit)
    assert got == expected
    assert type(got.provisional) is bool
    first = start + ONE if n else start
    assert got.provisional is years_provisional(general, min(first, got.date), got.date)


@SETTINGS
@given(start=some_date, n=period, unit=unit, which=schedules)
def test_fast_add_matches_general_path_anywhere(start: dt.date, n: int, unit: str, which) -> None:
    cal = CALS[which]
    fast = outcome(lambda: (cal.add(start, n, unit), cal.add(start, n, unit))[1])
    assert fast == outcome(lambda: cal._add_general(start, n, unit))


@SETTINGS
@given(a=some_date, b=some_date, which=schedules)
def test_fast_between_matches_general_path(a: dt.date, b: dt.date, which) -> None:
    cal = CALS[which]
    cal.between(a, b)  # covers both years
    assert cal._days > 0
    assert cal.between(a, b) == cal._between_general(a, b)
    first, last = sorted((a, b))
    if first == last:
        expected = cal.is_provisional_year(first.year)
    else:
        expected = years_provisional(cal, first + ONE, last)
    assert cal.between_is_provisional(a, b) is expected
    assert cal.between_is_provisional(b, a) is expected


@SETTINGS
@given(day=some_date, which=schedules)
def test_fast_next_workday_matches_general_path(day: dt.date, which) -> None:
    cal = CALS[which]
    fast = outcome(lambda: (cal.next_workday(day), cal.next_workday(day))[1])
    assert fast == outcome(lambda: cal._next_workday_general(day))


@pytest.mark.parametrize("which", [None, "2027"])
@pytest.mark.parametrize(
    ("first", "last"), [(2002, 2005), (2025, 2029), (1901, 1903), (2010, 2012), (2097, 2099)]
)
def test_dense_tables_match_their_definition(which, first: int, last: int) -> None:
    # Every day of the covered years, across year boundaries and the changes
    # of source (provisional 2002-2003 / package 2004-2026 / imported or
    # provisional 2027 / provisional 2028-).
    cal = calendar_for(which)
    cal.between(dt.date(first, 6, 1), dt.date(last, 6, 1))
    assert (cal._lo, cal._hi) == (first, last)
    ords, base = cal._ordinals, cal._base
    assert base == dt.date(first, 1, 1).toordinal()
    assert cal._days == dt.date(last, 12, 31).toordinal() - base + 1
    assert len(cal._next) == len(cal._prov) == len(cal._pfirst) == cal._days + 1
    assert cal._wd[1:] == ords
    assert len(cal._dues) == 2 * len(ords) + 2
    provisional = [y for y in range(first, last + 1) if cal.is_provisional_year(y)]
    for k in range(cal._days):
        day = dt.date.fromordinal(base + k)
        assert cal._next[k] == bisect_left(ords, base + k)
        ahead = [y for y in provisional if y >= day.year]
        if ahead:
            jan1 = dt.date(ahead[0], 1, 1).toordinal()
            assert cal._prov[k] == jan1
            assert cal._pfirst[k] == bisect_left(ords, jan1) + 1
        else:
            assert cal._prov[k] > dt.date.max.toordinal()
            assert cal._pfirst[k] > len(ords)
    assert cal._next[cal._days] == len(ords)
    assert cal._official is (not provisional)


@SETTINGS
@given(items=window_lists(lambda d: st.tuples(d, period)), unit=unit, which=schedules)
def test_add_many_matches_add(items: list[tuple[dt.date, int]], unit: str, which) -> None:
    starts = [s for s, _ in items]
    ns = [n for _, n in items]
    many = outcome(lambda: calendar_for(which).add_many(starts, ns, unit))
    one = calendar_for(which)
    assert many == outcome(lambda: [one.add(s, n, unit) for s, n in items])
    if not isinstance(many, tuple):
        assert all(type(due.provisional) is bool for due in many)
        # once more, on a calendar that covers the years already
        assert outcome(lambda: one.add_many(starts, ns, unit)) == many


@SETTINGS
@given(items=st.lists(st.tuples(some_date, period), max_size=40), unit=unit, which=schedules)
def test_add_many_matches_add_anywhere(items, unit: str, which) -> None:
    cal = CALS[which]
    starts, ns = [s for s, _ in items], [n for _, n in items]
    expected = outcome(lambda: [cal.add(s, n, unit) for s, n in items])
    assert outcome(lambda: cal.add_many(starts, ns, unit)) == expected


@SETTINGS
@given(starts=st.lists(some_date, max_size=40), n=period, unit=unit)
def test_add_many_with_one_period(starts: list[dt.date], n: int, unit: str) -> None:
    expected = outcome(lambda: [CAL.add(s, n, unit) for s in starts])
    assert outcome(lambda: CAL.add_many(starts, n, unit)) == expected


@SETTINGS
@given(
    items=st.sampled_from([(2004, 2005), (2015, 2016), (2025, 2026)]).flatmap(
        lambda y: st.lists(
            st.tuples(st.dates(dt.date(y[0], 1, 1), dt.date(y[1], 6, 30)), short_period),
            min_size=1,
            max_size=40,
        )
    ),
    unit=unit,
)
def test_add_many_in_official_years_matches_reference(items, unit: str) -> None:
    # Only package years covered: add_many's loop without provisional flags.
    cal = WorkCalendar()
    due = cal.add_many([s for s, _ in items], [n for _, n in items], unit)
    for (start, n), got in zip(items, due, strict=True):
        if unit == "day":
            assert got.date == ref_add_days(start, n)
        else:
            assert got.date == (ref_add_workdays(start, n) if n else start)
        assert got.provisional is False
