"""The festival table of township/calendar/lunar.py, checked against independent data.

The independent check is chinese-calendar's official holiday data for
2004-2026 (the State Council's notices): each year's Spring Festival day,
and from 2008 (when Qingming, Dragon Boat and Mid-Autumn became public
holidays) the Dragon Boat and Mid-Autumn days, must be official rest days
named accordingly; Qingming must be the 清明 solar term of
chinese_calendar.get_solar_terms.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from township.calendar import lunar

OFFICIAL_YEARS = range(2004, 2027)
# Qingming, Dragon Boat and Mid-Autumn are public holidays since 2008
# (国务院令第513号, 2007-12-14).
NEW_FESTIVALS_SINCE = 2008


def _official_name(day: dt.date) -> str | None:
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    assert on_holiday, f"{day} is not an official rest day"
    return name


def _block_names(day: dt.date) -> set[str | None]:
    """Names chinese-calendar gives the run of rest days around ``day``."""
    names = set()
    for step in (-1, 1):
        d = day
        while d.year == day.year and not chinese_calendar.is_workday(d):
            names.add(chinese_calendar.get_holiday_detail(d)[1])
            d += dt.timedelta(days=step)
    return names


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_spring_festival_is_the_official_holiday(year: int) -> None:
    day = lunar.festivals(year)["spring_festival"]
    assert _official_name(day) == "Spring Festival"


@pytest.mark.parametrize("year", range(NEW_FESTIVALS_SINCE, 2027))
def test_dragon_boat_is_the_official_holiday(year: int) -> None:
    day = lunar.festivals(year)["dragon_boat"]
    name = _official_name(day)
    if name is None:
        # chinese-calendar leaves some weekend days inside a holiday unnamed
        # (2012-06-23, a Saturday between two named Dragon Boat days).
        assert day.weekday() >= 5
        assert "Dragon Boat Festival" in _block_names(day)
    else:
        assert name == "Dragon Boat Festival"


@pytest.mark.parametrize("year", range(NEW_FESTIVALS_SINCE, 2027))
def test_mid_autumn_is_the_official_holiday(year: int) -> None:
    day = lunar.festivals(year)["mid_autumn"]
    name = _official_name(day)
    if name == "National Day":
        # Mid-Autumn inside the National Day week (2020-10-01): the combined
        # holiday is named National Day.
        assert day.month == 10 and day.day <= 8
    else:
        assert name == "Mid-autumn Festival"


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_festival_days_are_not_worked(year: int) -> None:
    fest = lunar.festivals(year)
    assert not chinese_calendar.is_workday(fest["spring_festival"])
    if year >= NEW_FESTIVALS_SINCE:
        for key in ("qingming", "dragon_boat", "mid_autumn"):
            assert not chinese_calendar.is_workday(fest[key]), key


@pytest.mark.parametrize("year", range(lunar.FIRST_YEAR, lunar.LAST_YEAR + 1))
def test_qingming_is_the_solar_term(year: int) -> None:
    terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30))
    qingming = [day for day, name in terms if name == "清明"]
    assert lunar.festivals(year)["qingming"] == qingming[0]


@pytest.mark.parametrize("year", range(2008, 2027))
def test_qingming_is_the_official_holiday(year: int) -> None:
    assert _official_name(lunar.festivals(year)["qingming"]) in ("Tomb-sweeping Day", None)
    assert "Tomb-sweeping Day" in _block_names(lunar.festivals(year)["qingming"])


def test_table_is_plausible_every_year() -> None:
    """Shape checks that hold for any correct lunisolar table."""
    for year in range(lunar.FIRST_YEAR, lunar.LAST_YEAR + 1):
        fest = lunar.festivals(year)
        spring, dragon, autumn = fest["spring_festival"], fest["dragon_boat"], fest["mid_autumn"]
        # 正月初一 is the second new moon after the winter solstice: 01-21..02-20.
        assert dt.date(year, 1, 21) <= spring <= dt.date(year, 2, 20), year
        assert dt.date(year, 4, 4) <= fest["qingming"] <= dt.date(year, 4, 6), year
        # 五月初五 is 4 lunar months (29-30 days each, maybe a leap month more)
        # and 4 days after 初一: 4 * 29 + 4 .. 5 * 30 + 4 days.
        assert 120 <= (dragon - spring).days <= 154, year
        # 八月十五 is 3 (or 4 with a leap month) lunar months and 10 days
        # after 五月初五.
        assert 3 * 29 + 10 <= (autumn - dragon).days <= 4 * 30 + 10, year


def test_matches_lunardate_library_every_year() -> None:
    """Consistency with the lunar library the table was generated from."""
    lunardate = pytest.importorskip("lunardate")
    for year in range(lunar.FIRST_YEAR, lunar.LAST_YEAR + 1):
        fest = lunar.festivals(year)
        for key, (month, day) in {
            "spring_festival": (1, 1),
            "dragon_boat": (5, 5),
            "mid_autumn": (8, 15),
        }.items():
            solar = lunardate.LunarDate(year, month, day)
            expected = dt.date(*solar.to_solar_date().timetuple()[:3])
            assert fest[key] == expected, (year, key)


def test_outside_the_table() -> None:
    with pytest.raises(KeyError):
        lunar.festivals(1900)
    with pytest.raises(KeyError):
        lunar.festivals(2100)
