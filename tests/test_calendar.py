"""The working-day calendar, on hand-derived dates .

Every expected date below is derived by hand in the comment next to it, from
the State Council's published schedules (for 2004-2026) or from the
statutory rules and well-known festival dates (for provisional 2027); none
is taken from the code under test.

Weekdays used in the derivations: 2025-09-26 is a Friday; 2026-01-01 is a
Thursday; 2027-01-01 is a Friday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from conftest import d

from township.calendar import FIRST_YEAR, LAST_YEAR, WorkCalendar, statutory_days
from township.errors import BadInput


def workdays(first: str, last: str, cal: WorkCalendar) -> list[str]:
    return [i.date.isoformat() for i in cal.days(d(first), d(last)) if i.workday]


# -- 2025 National Day / Mid-Autumn (国务院办公厅 2024-11-12 notice) ---------
# 10-01 (Wed) to 10-08 (Wed) off; Sun 09-28 and Sat 10-11 are worked.


def test_spec_example_national_day_2025(calendar: WorkCalendar) -> None:
    # E = 2025-09-26 (Fri), N = 10. Counting from the day after E:
    # 09-27 Sat rest; 09-28 Sun make-up = 1; 09-29 Mon = 2; 09-30 Tue = 3;
    # 10-01..10-08 rest; 10-09 Thu = 4; 10-10 Fri = 5; 10-11 Sat make-up = 6;
    # 10-12 Sun rest; 10-13 Mon = 7; 10-14 = 8; 10-15 = 9; 10-16 Thu = 10.
    due = calendar.add(d("2025-09-26"), 10)
    assert due.date == d("2025-10-16")
    assert due.provisional is False


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "2025-09-28"),  # the make-up Sunday is the first working day after Fri 09-26
        (2, "2025-09-29"),  # Mon
        (3, "2025-09-30"),  # Tue, the last day before the break
        (4, "2025-10-09"),  # 10-01..10-08 skipped
        (6, "2025-10-11"),  # 10-09 = 4, 10-10 = 5, Sat 10-11 make-up = 6
        (7, "2025-10-13"),  # Sun 10-12 rest, Mon 10-13 = 7
    ],
)
def test_national_day_2025_steps(calendar: WorkCalendar, n: int, expected: str) -> None:
    assert calendar.add(d("2025-09-26"), n).date == d(expected)


def test_national_day_2025_workdays(calendar: WorkCalendar) -> None:
    # 09-26 Fri .. 10-12 Sun: worked are Fri 09-26, Sun 09-28 (make-up), Mon-Tue
    # 09-29/30, Thu-Fri 10-09/10 and Sat 10-11 (make-up); all else rests.
    assert workdays("2025-09-26", "2025-10-12", calendar) == [
        "2025-09-26",
        "2025-09-28",
        "2025-09-29",
        "2025-09-30",
        "2025-10-09",
        "2025-10-10",
        "2025-10-11",
    ]


def test_calendar_days_ending_on_a_holiday_move_to_next_workday(
    calendar: WorkCalendar,
) -> None:
    # 2025-09-16 + 15 days = 2025-10-01 (National Day, rest); 10-02..10-08
    # rest too, so the period ends on Thu 2025-10-09.
    assert calendar.add(d("2025-09-16"), 15, "day").date == d("2025-10-09")
    # 2025-09-16 + 12 days = Sun 2025-09-28, a make-up working day: stays.
    assert calendar.add(d("2025-09-16"), 12, "day").date == d("2025-09-28")
    # 2025-09-16 + 11 days = Sat 2025-09-27 (rest) -> Sun 09-28 (make-up).
    assert calendar.add(d("2025-09-16"), 11, "day").date == d("2025-09-28")
    # 2025-09-16 + 9 days = Thu 2025-09-25, a plain working day.
    assert calendar.add(d("2025-09-16"), 9, "day").date == d("2025-09-25")


def test_zero_period(calendar: WorkCalendar) -> None:
    # 0 working days: the event day itself. 0 calendar days on a rest day:
    # moved to the next working day (2025-10-01 -> 10-09).
    assert calendar.add(d("2025-10-01"), 0).date == d("2025-10-01")
    assert calendar.add(d("2025-10-01"), 0, "day").date == d("2025-10-09")


# -- 2026 Spring Festival (02-15 Sun .. 02-23 Mon off; Sat 02-14, Sat 02-28 worked)


def test_spring_festival_2026(calendar: WorkCalendar) -> None:
    # E = Thu 2026-02-12, N = 5: Fri 02-13 = 1; Sat 02-14 make-up = 2;
    # 02-15..02-23 rest; Tue 02-24 = 3; Wed 02-25 = 4; Thu 02-26 = 5.
    assert calendar.add(d("2026-02-12"), 5).date == d("2026-02-26")
    # E = Fri 2026-02-13, N = 10: 02-14 = 1; 02-24..02-27 (Tue-Fri) = 2..5;
    # Sat 02-28 make-up = 6; Sun 03-01 rest; Mon 03-02 .. Thu 03-05 = 7..10.
    assert calendar.add(d("2026-02-13"), 10).date == d("2026-03-05")
    # E = Fri 2026-02-13, N = 1: the make-up Saturday 02-14.
    assert calendar.add(d("2026-02-13"), 1).date == d("2026-02-14")
    # E = Sat 2026-02-14 (itself worked), N = 1: next worked day Tue 02-24.
    assert calendar.add(d("2026-02-14"), 1).date == d("2026-02-24")


def test_spring_festival_2026_workdays(calendar: WorkCalendar) -> None:
    # 02-13 Fri worked, 02-14 Sat make-up, 02-15..02-23 off, 02-24..02-27
    # (Tue-Fri) worked, 02-28 Sat make-up, 03-01 Sun rest.
    assert workdays("2026-02-13", "2026-03-01", calendar) == [
        "2026-02-13",
        "2026-02-14",
        "2026-02-24",
        "2026-02-25",
        "2026-02-26",
        "2026-02-27",
        "2026-02-28",
    ]


# -- crossing into provisional 2027 --------------------------------------------


def test_period_into_provisional_2027(calendar: WorkCalendar) -> None:
    # E = Sun 2026-12-20, N = 10: Mon 12-21 .. Fri 12-25 = 1..5; weekend;
    # Mon 12-28 .. Thu 12-31 = 6..9; Fri 2027-01-01 元旦 (statutory, rest);
    # Sat/Sun 01-02/03 rest; Mon 2027-01-04 = 10. 2027 is provisional.
    due = calendar.add(d("2026-12-20"), 10)
    assert due.date == d("2027-01-04")
    assert due.provisional is True


def test_period_inside_2026_is_not_provisional(calendar: WorkCalendar) -> None:
    # E = Sun 2026-12-20, N = 9 ends Thu 2026-12-31: no 2027 day is used.
    due = calendar.add(d("2026-12-20"), 9)
    assert due.date == d("2026-12-31")
    assert due.provisional is False


def test_provisional_spring_festival_2027(calendar: WorkCalendar) -> None:
    # Provisional 2027: 春节 = 除夕 Fri 02-05 and 初一..初三 Sat 02-06 .. Mon 02-08.
    # E = Thu 2027-02-04, N = 5: 02-05 rest, 02-06/07 rest, 02-08 rest;
    # Tue 02-09 = 1, 02-10 = 2, 02-11 = 3, Fri 02-12 = 4, weekend, Mon 02-15 = 5.
    due = calendar.add(d("2027-02-04"), 5)
    assert due == type(due)(d("2027-02-15"), True)


# -- between -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # The counting example read backwards.
        ("2025-09-26", "2025-10-16", 10),
        # Tue 09-30 -> Thu 10-09: only 10-09 is worked after 09-30.
        ("2025-09-30", "2025-10-09", 1),
        # Inside the break: nothing worked after 10-01 up to 10-08.
        ("2025-10-01", "2025-10-08", 0),
        # Same day: nothing after it.
        ("2025-10-16", "2025-10-16", 0),
        # Fri 09-26 -> Sun 09-28: Sat rest, Sun make-up worked = 1.
        ("2025-09-26", "2025-09-28", 1),
        # Backwards: the count the other way, negated.
        ("2025-10-16", "2025-09-26", -10),
        # Spring Festival 2026: after Fri 02-13 up to Tue 02-24: 02-14 and 02-24.
        ("2026-02-13", "2026-02-24", 2),
        # Into 2027: after 2026-12-20 up to 2027-01-04, as in the add example.
        ("2026-12-20", "2027-01-04", 10),
    ],
)
def test_between(calendar: WorkCalendar, start: str, end: str, expected: int) -> None:
    assert calendar.between(d(start), d(end)) == expected


def test_between_provisional_flag(calendar: WorkCalendar) -> None:
    assert calendar.between_is_provisional(d("2026-12-20"), d("2027-01-04")) is True
    # Ending on 2026-12-31 uses no 2027 day.
    assert calendar.between_is_provisional(d("2026-12-20"), d("2026-12-31")) is False
    assert calendar.between_is_provisional(d("2027-03-01"), d("2027-03-01")) is True


def test_provisional_2027_working_days_count(calendar: WorkCalendar) -> None:
    # 2027 has 365 days starting on a Friday: 52 full weeks + Fri 12-31, so
    # 52 * 5 + 1 = 261 weekdays. Statutory days on weekdays: 01-01 Fri,
    # 02-05 Fri, 02-08 Mon, 04-05 Mon, 06-09 Wed, 09-15 Wed, 10-01 Fri = 7
    # (02-06/07, 05-01/02 and 10-02/03 fall on weekends). 261 - 7 = 254.
    assert calendar.between(d("2026-12-31"), d("2027-12-31")) == 254


# -- is-workday reasons ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "workday", "reason", "zh", "en"),
    [
        ("2025-09-29", True, "weekday", "工作日", "weekday"),  # Mon, ordinary
        ("2025-09-27", False, "weekend", "周末", "weekend"),  # Sat, not a make-up day
        ("2025-09-28", True, "makeup", "调休上班", "make-up working day"),  # Sun make-up
        ("2025-10-01", False, "holiday", "国庆节", "National Day"),
        ("2025-01-01", False, "holiday", "元旦", "New Year's Day"),
        ("2026-02-17", False, "holiday", "春节", "Spring Festival"),  # 正月初一 2026
        ("2026-02-14", True, "makeup", "调休上班", "make-up working day"),  # Sat make-up
        ("2026-04-05", False, "holiday", "清明节", "Qingming Festival"),  # Sun, 清明
    ],
)
def test_day_reasons(
    calendar: WorkCalendar, day: str, workday: bool, reason: str, zh: str, en: str
) -> None:
    info = calendar.day(d(day))
    assert (info.workday, info.reason, info.provisional) == (workday, reason, False)
    assert info.label.zh == zh
    assert info.label.en == en


def test_provisional_day_reasons(calendar: WorkCalendar) -> None:
    info = calendar.day(d("2027-10-01"))
    assert (info.workday, info.reason, info.label.zh, info.provisional) == (
        False,
        "holiday",
        "国庆节",
        True,
    )
    # Fri 2027-10-08 would likely be a rest day in the official schedule, but
    # provisionally it is just a weekday.
    info = calendar.day(d("2027-10-08"))
    assert (info.workday, info.reason, info.provisional) == (True, "weekday", True)


# -- the 13 statutory days of provisional 2027 ------------------------------

# 2027 festival dates (Hong Kong Observatory / Purple Mountain Observatory
# tables): 正月初一 Sat 02-06, so 除夕 Fri 02-05 and 初一..初三 02-06..02-08;
# 清明 04-05; 五月初五 06-09; 八月十五 09-15.
STATUTORY_2027 = {
    "2027-01-01": "元旦",
    "2027-02-05": "春节",
    "2027-02-06": "春节",
    "2027-02-07": "春节",
    "2027-02-08": "春节",
    "2027-04-05": "清明节",
    "2027-05-01": "劳动节",
    "2027-05-02": "劳动节",
    "2027-06-09": "端午节",
    "2027-09-15": "中秋节",
    "2027-10-01": "国庆节",
    "2027-10-02": "国庆节",
    "2027-10-03": "国庆节",
}


def test_statutory_days_2027() -> None:
    days = statutory_days(2027)
    assert {k.isoformat(): v.zh for k, v in days.items()} == STATUTORY_2027


def test_provisional_2027_every_day(calendar: WorkCalendar) -> None:
    # Provisional rule: rest on Sat/Sun and on the 13 statutory days; no
    # make-up days. Checked for all 365 days.
    day = d("2027-01-01")
    while day.year == 2027:
        info = calendar.day(day)
        expected = day.weekday() < 5 and day.isoformat() not in STATUTORY_2027
        assert info.workday is expected, day
        assert info.provisional is True
        if day.isoformat() in STATUTORY_2027:
            assert info.reason == "holiday"
            assert info.label.zh == STATUTORY_2027[day.isoformat()]
        day += dt.timedelta(days=1)


def test_statutory_days_2028_mid_autumn_on_national_day() -> None:
    # 2028: 八月十五 falls on 10-03 (a 国庆 day), so the year has 12 distinct
    # dates, 10-03 carrying both names.
    days = statutory_days(2028)
    assert len(days) == 12
    names = days[d("2028-10-03")]
    assert "国庆节" in names.zh and "中秋节" in names.zh
    assert "National Day" in names.en and "Mid-Autumn" in names.en


@pytest.mark.parametrize("year", [2027, 2030, 2050, 2099, 1901, 1950])
def test_every_supported_year_has_13_statutory_holidays_or_a_shared_day(year: int) -> None:
    days = statutory_days(year)
    assert 12 <= len(days) <= 13
    assert all(day.year == year for day in days)


# -- nothing crashes outside chinese-calendar's years ------------------------


@pytest.mark.parametrize("day", ["2027-06-15", "2030-02-01", "2099-06-30", "1901-01-01"])
def test_years_outside_the_package(calendar: WorkCalendar, day: str) -> None:
    start = d(day)
    assert calendar.day(start).provisional is True
    due = calendar.add(start, 30)
    assert due.provisional is True
    assert calendar.between(start, due.date) == 30
    assert calendar.add(start, 30, "day").date >= start + dt.timedelta(days=30)
    assert calendar.source(start.year) == ("provisional", "")


def test_last_days_of_2099(calendar: WorkCalendar) -> None:
    # 2099-12-31 is a Thursday, a working day: 0 days from it is itself.
    assert calendar.add(d("2099-12-31"), 0, "day").date == d("2099-12-31")
    with pytest.raises(BadInput):
        calendar.add(d("2099-12-30"), 5)  # runs past 2099
    with pytest.raises(BadInput):
        calendar.add(d("2099-12-30"), 5, "day")


@pytest.mark.parametrize("day", ["1900-12-31", "2100-01-01", "0001-01-01", "9999-12-31"])
def test_dates_outside_1901_2099_are_bad_input(calendar: WorkCalendar, day: str) -> None:
    with pytest.raises(BadInput) as err:
        calendar.day(d(day))
    assert f"{FIRST_YEAR}-{LAST_YEAR}" in err.value.message_in("en")
    with pytest.raises(BadInput):
        calendar.add(d(day), 1)
    with pytest.raises(BadInput):
        calendar.between(d("2025-01-01"), d(day))


def test_negative_period_and_unknown_unit(calendar: WorkCalendar) -> None:
    with pytest.raises(BadInput):
        calendar.add(d("2025-01-01"), -1)
    with pytest.raises(BadInput):
        calendar.add(d("2025-01-01"), 1, "week")  # type: ignore[arg-type]


def test_extension_runs_from_the_due_date(calendar: WorkCalendar) -> None:
    # Due 2025-10-16 (Thu) extended by 10 working days: 10-17 Fri = 1,
    # 10-20..10-24 = 2..6, 10-27..10-30 = 7..10 -> Thu 2025-10-30.
    assert calendar.extend(d("2025-10-16"), 10).date == d("2025-10-30")


def test_package_years(calendar: WorkCalendar) -> None:
    from township.calendar import package_years

    assert package_years() == range(2004, 2027)
    assert calendar.source(2026) == ("package", "chinese-calendar")
    assert calendar.is_provisional_year(2027) is True


# -- fast paths and add_many (issue 7): the same answers, the same errors ------


def refused(message: str, call: Callable[[], object]) -> None:
    """``call`` raises BadInput whose English text contains ``message``."""
    with pytest.raises(BadInput) as err:
        call()
    assert message in err.value.message_in("en")


def test_fast_path_builds_no_more_years_than_before(calendar: WorkCalendar) -> None:
    # Years are still built lazily, as the binary search built them: the
    # start's year, then each year a period runs into.
    calendar.add(d("2025-09-26"), 10)
    assert set(calendar._years) == {2025}
    calendar.add(d("2025-09-26"), 10)  # answered from the tables
    calendar.between(d("2025-01-02"), d("2025-12-30"))
    assert set(calendar._years) == {2025}
    assert calendar.add(d("2026-12-20"), 10) == calendar.add(d("2026-12-20"), 10)
    assert set(calendar._years) == {2025, 2026, 2027}
    # n = 0 working days looks at the start's year only, and covers nothing.
    calendar.add(d("2030-05-05"), 0)
    assert set(calendar._years) == {2025, 2026, 2027, 2030}


def test_repeated_calls_give_equal_answers(calendar: WorkCalendar) -> None:
    # The first call takes the general path, the second the tables.
    for start, n, unit in [
        ("2025-09-26", 10, "workday"),
        ("2026-12-20", 10, "workday"),
        ("2026-12-31", 1, "workday"),
        ("2025-09-16", 15, "day"),
        ("2026-12-31", 1, "day"),
        ("2027-01-01", 0, "day"),
        ("2027-01-01", 0, "workday"),
        ("2026-12-31", 0, "workday"),
    ]:
        first = calendar.add(d(start), n, unit)  # type: ignore[arg-type]
        assert calendar.add(d(start), n, unit) == first  # type: ignore[arg-type]
    assert calendar.add(d("2026-12-31"), 1) == calendar.add(d("2026-12-31"), 1, "day")
    assert calendar.add(d("2026-12-31"), 1).provisional is True
    assert calendar.add(d("2026-12-31"), 0).provisional is False
    assert calendar.add(d("2027-01-01"), 0, "day").date == d("2027-01-04")


def test_errors_are_unchanged_once_the_years_are_built(calendar: WorkCalendar) -> None:
    calendar.between(d("2025-01-01"), d("2099-12-31"))  # every table built
    refused("negative", lambda: calendar.add(d("2025-01-01"), -1))
    refused("negative", lambda: calendar.add(d("2025-01-01"), -1, "day"))
    refused("Unknown period unit", lambda: calendar.add(d("2025-01-01"), 1, "week"))  # type: ignore
    refused("runs past", lambda: calendar.add(d("2099-12-30"), 5))
    refused("outside the years", lambda: calendar.add(d("2099-12-30"), 5, "day"))
    refused("outside the years", lambda: calendar.next_workday(d("2100-01-01")))
    refused("outside the years", lambda: calendar.between(d("2025-01-01"), d("2100-01-01")))


def test_datetimes_are_refused_as_before(calendar: WorkCalendar) -> None:
    # A datetime is not a date here: as before, comparing it with the due
    # date fails, however warm the calendar.
    calendar.add(d("2025-09-26"), 10)
    at = dt.datetime(2025, 9, 26, 9, 30)
    for _ in range(2):
        with pytest.raises(TypeError):
            calendar.add(at, 10)
        with pytest.raises(TypeError):
            calendar.add_many([d("2025-09-26"), at], 10)
        with pytest.raises(TypeError):
            calendar.between(at, d("2025-10-16"))


def test_add_many(calendar: WorkCalendar) -> None:
    starts = [d("2025-09-26"), d("2026-02-13"), d("2026-12-20"), d("2025-09-26")]
    # The reference example, the Spring Festival 2026 and the period into 2027.
    assert calendar.add_many(starts, [10, 10, 10, 0]) == [
        type(calendar.add(d("2025-01-01"), 1))(d(a), p)
        for a, p in [
            ("2025-10-16", False),
            ("2026-03-05", False),
            ("2027-01-04", True),
            ("2025-09-26", False),
        ]
    ]
    assert calendar.add_many(starts, 15, "day") == [calendar.add(s, 15, "day") for s in starts]
    assert calendar.add_many([], 5) == []
    assert calendar.add_many(iter(starts), (n for n in [1, 2, 3, 4])) == [
        calendar.add(s, n) for s, n in zip(starts, [1, 2, 3, 4], strict=True)
    ]
    with pytest.raises(ValueError):
        calendar.add_many(starts, [1, 2])


def test_add_many_raises_what_add_raises(calendar: WorkCalendar) -> None:
    cases = [
        ([d("2025-01-01"), d("2100-01-01")], [1, 1], "workday", "outside the years"),
        ([d("2025-01-01"), d("2025-01-02")], [1, -1], "workday", "negative"),
        ([d("2025-01-01")], [1], "week", "Unknown period unit"),
        ([d("2025-01-01"), d("2099-12-30")], [1, 5], "workday", "runs past"),
        ([d("2025-01-01"), d("2099-12-30")], [1, 5], "day", "outside the years"),
    ]
    for starts, ns, unit, message in cases:
        refused(message, lambda s=starts, n=ns, u=unit: calendar.add_many(s, n, u))
