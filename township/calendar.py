"""The working-day calendar (工作日历): which days are worked, and periods.

Three sources, in order of precedence (SPEC 3.1):

1. official schedules imported into the data directory (``Schedule``);
2. the chinese-calendar package (official holidays and 调休 make-up days);
3. provisional: weekends and the 13 statutory holiday days of
   全国年节及纪念日放假办法 (2024), computed for any year 1901-2099.

Periods are counted by the rules of 民法典 第二百零一条至第二百零三条
(SPEC 3.2): the day of the event is not counted; N working days end on the
N-th working day after it; N calendar days end on E + N, moved to the next
working day if that is a rest day.

Arithmetic is cheap: the calendar keeps a sorted list of the ordinals of
the working days of the years it has seen, so ``add`` and ``between`` are a
binary search each, not a walk day by day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from township import lunar
from township.errors import BadInput
from township.i18n import Text

Unit = Literal["workday", "day"]
UNITS: tuple[Unit, ...] = ("workday", "day")
SourceKind = Literal["imported", "package", "provisional"]
Reason = Literal["weekday", "weekend", "holiday", "makeup"]

FIRST_YEAR = lunar.FIRST_YEAR
LAST_YEAR = lunar.LAST_YEAR

NEW_YEAR = Text("元旦", "New Year's Day")
SPRING_FESTIVAL = Text("春节", "Spring Festival")
QINGMING = Text("清明节", "Qingming Festival")
LABOUR_DAY = Text("劳动节", "Labour Day")
DRAGON_BOAT = Text("端午节", "Dragon Boat Festival")
MID_AUTUMN = Text("中秋节", "Mid-Autumn Festival")
NATIONAL_DAY = Text("国庆节", "National Day")
PUBLIC_HOLIDAY = Text("法定节假日", "public holiday")

REASON_LABELS: dict[str, Text] = {
    "weekday": Text("工作日", "weekday"),
    "weekend": Text("周末", "weekend"),
    "makeup": Text("调休上班", "make-up working day"),
    "holiday": PUBLIC_HOLIDAY,
}

# chinese-calendar names its holidays in English; map them to ours.
_PACKAGE_NAMES = {
    "New Year's Day": NEW_YEAR,
    "Spring Festival": SPRING_FESTIVAL,
    "Tomb-sweeping Day": QINGMING,
    "Labour Day": LABOUR_DAY,
    "Dragon Boat Festival": DRAGON_BOAT,
    "Mid-autumn Festival": MID_AUTUMN,
    "National Day": NATIONAL_DAY,
    "Anti-Fascist 70th Day": Text("抗战胜利70周年纪念日", "Victory Day, 70th anniversary"),
}


@dataclass(frozen=True)
class Schedule:
    """An official schedule for one year, imported by the office (SPEC 3.3).

    ``holidays`` are days off (weekdays included); ``workdays`` are weekend
    days that are worked.
    """

    year: int
    source: str
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


@dataclass(frozen=True)
class DayInfo:
    """What one date is: worked or not, why, and from which source."""

    date: dt.date
    workday: bool
    reason: Reason
    holiday: Text | None
    provisional: bool

    @property
    def label(self) -> Text:
        """The reason as text: the holiday's name, or weekday/weekend/make-up day."""
        if self.reason == "holiday" and self.holiday is not None:
            return self.holiday
        return REASON_LABELS[self.reason]


@dataclass(frozen=True)
class Due:
    """The end of a period, and whether a provisional year was used for it."""

    date: dt.date
    provisional: bool


@dataclass
class _Year:
    source: SourceKind
    source_text: str
    holidays: dict[dt.date, Text]
    makeups: frozenset[dt.date]
    workday_ordinals: list[int] = field(default_factory=list)


def check_supported(day: dt.date) -> None:
    """Raise ``BadInput`` for a date outside the years the calendar knows."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadInput(
            Text(
                "日期 {date} 超出工作日历支持的范围（{first}-{last} 年）。",
                "The date {date} is outside the years the calendar covers ({first}-{last}).",
            ),
            date=day.isoformat(),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )


@cache
def statutory_days(year: int) -> dict[dt.date, Text]:
    """The 13 statutory holiday days of ``year`` (全国年节及纪念日放假办法, 2024).

    元旦 1, 春节 4 (除夕 and 正月初一 to 初三), 清明 1, 劳动节 2, 端午 1,
    中秋 1, 国庆 3. When two fall on one date (中秋 on 10-03 in 2028) the
    date is listed once, under both names.
    """
    check_supported(dt.date(year, 1, 1))
    fest = lunar.festivals(year)
    spring = fest["spring_festival"]
    days: list[tuple[dt.date, Text]] = [(dt.date(year, 1, 1), NEW_YEAR)]
    days += [(spring + dt.timedelta(days=k), SPRING_FESTIVAL) for k in (-1, 0, 1, 2)]
    days += [(fest["qingming"], QINGMING)]
    days += [(dt.date(year, 5, 1), LABOUR_DAY), (dt.date(year, 5, 2), LABOUR_DAY)]
    days += [(fest["dragon_boat"], DRAGON_BOAT), (fest["mid_autumn"], MID_AUTUMN)]
    days += [(dt.date(year, 10, d), NATIONAL_DAY) for d in (1, 2, 3)]
    named: dict[dt.date, Text] = {}
    for day, name in days:
        if day.year != year:
            # 除夕 of a Spring Festival on 1 January would be in the year before;
            # it never happens in 1901-2099, but a wrong table must not pass silently.
            raise AssertionError(f"statutory day {day} outside {year}")
        if day in named:
            name = Text(f"{named[day].zh}、{name.zh}", f"{named[day].en} / {name.en}")
        named[day] = name
    return named


@cache
def _package_data() -> tuple[dict[int, dict[dt.date, str]], dict[int, set[dt.date]]]:
    """chinese-calendar's official data, grouped by year (imported once)."""
    import chinese_calendar

    holidays: dict[int, dict[dt.date, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        holidays.setdefault(day.year, {})[day] = name
    makeups: dict[int, set[dt.date]] = {}
    for day in chinese_calendar.workdays:
        if day.weekday() >= 5:
            makeups.setdefault(day.year, set()).add(day)
    return holidays, makeups


def package_years() -> range:
    """The years for which the installed chinese-calendar has official data."""
    holidays, _ = _package_data()
    return range(min(holidays), max(holidays) + 1)


def _name_imported(schedule: Schedule) -> dict[dt.date, Text]:
    """Name each imported holiday by the statutory day in its block of rest days."""
    statutory = statutory_days(schedule.year)
    rest = set(schedule.holidays)
    day = dt.date(schedule.year, 1, 1)
    while day.year == schedule.year:
        if day.weekday() >= 5 and day not in schedule.workdays:
            rest.add(day)
        day += dt.timedelta(days=1)
    names: dict[dt.date, Text] = {}
    for start in sorted(schedule.holidays):
        if start in names:
            continue
        block = [start]
        d = start - dt.timedelta(days=1)
        while d in rest:
            block.insert(0, d)
            d -= dt.timedelta(days=1)
        d = start + dt.timedelta(days=1)
        while d in rest:
            block.append(d)
            d += dt.timedelta(days=1)
        found = [statutory[b] for b in block if b in statutory]
        name = found[0] if found else PUBLIC_HOLIDAY
        for b in block:
            if b in schedule.holidays:
                names[b] = name
    return names


class WorkCalendar:
    """Working days and periods, from imported schedules, the package, or rules.

    Build one per command with the schedules imported into the data
    directory; it computes each year the first time a date in it is asked.
    """

    def __init__(self, schedules: Mapping[int, Schedule] | None = None) -> None:
        self._schedules = dict(schedules or {})
        self._years: dict[int, _Year] = {}
        self._ordinals: list[int] = []
        self._lo = 0
        self._hi = -1

    # -- sources ---------------------------------------------------------

    @property
    def schedules(self) -> dict[int, Schedule]:
        """The imported schedules, by year."""
        return dict(self._schedules)

    def source(self, year: int) -> tuple[SourceKind, str]:
        """Where ``year`` comes from, and the source text for imported years."""
        y = self._year(year)
        return y.source, y.source_text

    def is_provisional_year(self, year: int) -> bool:
        """True when ``year`` is computed from the statutory rules only."""
        return self._year(year).source == "provisional"

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        check_supported(dt.date(year, 1, 1))
        if year in self._schedules:
            sched = self._schedules[year]
            built = _Year("imported", sched.source, _name_imported(sched), sched.workdays)
        else:
            holidays, makeups = _package_data()
            if year in holidays:
                names = {
                    d: _PACKAGE_NAMES.get(n, PUBLIC_HOLIDAY) for d, n in holidays[year].items()
                }
                built = _Year(
                    "package", "chinese-calendar", names, frozenset(makeups.get(year, ()))
                )
            else:
                built = _Year("provisional", "", statutory_days(year), frozenset())
        day = dt.date(year, 1, 1)
        while day.year == year:
            if self._classify(built, day)[0]:
                built.workday_ordinals.append(day.toordinal())
            day += dt.timedelta(days=1)
        self._years[year] = built
        return built

    @staticmethod
    def _classify(y: _Year, day: dt.date) -> tuple[bool, Reason]:
        if day in y.holidays:
            return False, "holiday"
        if day.weekday() >= 5:
            return (True, "makeup") if day in y.makeups else (False, "weekend")
        return True, "weekday"

    def _cover(self, first: int, last: int) -> None:
        """Make the ordinal index span the years ``first``..``last``."""
        if self._lo <= first and last <= self._hi:
            return
        lo = first if self._hi < self._lo else min(first, self._lo)
        hi = last if self._hi < self._lo else max(last, self._hi)
        ordinals: list[int] = []
        for year in range(lo, hi + 1):
            ordinals.extend(self._year(year).workday_ordinals)
        self._ordinals, self._lo, self._hi = ordinals, lo, hi

    def _provisional_between(self, first: dt.date, last: dt.date) -> bool:
        return any(self.is_provisional_year(y) for y in range(first.year, last.year + 1))

    # -- days ------------------------------------------------------------

    def day(self, day: dt.date) -> DayInfo:
        """Describe ``day``: worked or not, the reason, and whether provisional."""
        y = self._year(day.year)
        workday, reason = self._classify(y, day)
        return DayInfo(day, workday, reason, y.holidays.get(day), y.source == "provisional")

    def is_workday(self, day: dt.date) -> bool:
        """True when ``day`` is a working day."""
        return self.day(day).workday

    def days(self, first: dt.date, last: dt.date) -> Iterable[DayInfo]:
        """Every day from ``first`` to ``last`` inclusive."""
        day = first
        while day <= last:
            yield self.day(day)
            day += dt.timedelta(days=1)

    # -- periods ---------------------------------------------------------

    def add(self, start: dt.date, n: int, unit: Unit = "workday") -> Due:
        """The end of a period of ``n`` units after the event on ``start``.

        ``workday``: the n-th working day after ``start``. ``day``:
        ``start + n``, moved to the next working day if that is a rest day.
        ``n == 0`` is the event day itself (moved likewise for ``day``).
        """
        if n < 0:
            raise BadInput(
                Text("期限天数不能为负数：{n}。", "A period cannot be negative: {n}."), n=n
            )
        if unit not in UNITS:
            raise BadInput(
                Text("未知的期限单位「{unit}」。", "Unknown period unit '{unit}'."), unit=unit
            )
        check_supported(start)
        if unit == "workday":
            if n == 0:
                return Due(start, self.is_provisional_year(start.year))
            self._cover(start.year, start.year)
            index = bisect_right(self._ordinals, start.toordinal()) + n - 1
            while index >= len(self._ordinals):
                self._extend_forward()
                index = bisect_right(self._ordinals, start.toordinal()) + n - 1
            due = dt.date.fromordinal(self._ordinals[index])
        else:
            target = start + dt.timedelta(days=n)
            check_supported(target)
            due = self.next_workday(target)
        first = start + dt.timedelta(days=1) if n else start
        return Due(due, self._provisional_between(min(first, due), due))

    def extend(self, due: dt.date, m: int, unit: Unit = "workday") -> Due:
        """An extension of ``m`` units runs from the current due date (SPEC 3.2)."""
        return self.add(due, m, unit)

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, otherwise the next one."""
        check_supported(day)
        self._cover(day.year, day.year)
        index = bisect_left(self._ordinals, day.toordinal())
        while index >= len(self._ordinals):
            self._extend_forward()
            index = bisect_left(self._ordinals, day.toordinal())
        return dt.date.fromordinal(self._ordinals[index])

    def _extend_forward(self) -> None:
        if self._hi >= LAST_YEAR:
            raise BadInput(
                Text(
                    "期限超出工作日历支持的范围（至 {last} 年）。",
                    "The period runs past the last year the calendar covers ({last}).",
                ),
                last=LAST_YEAR,
            )
        self._cover(self._lo, self._hi + 1)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (the count the other way).
        """
        if end < start:
            return -self.between(end, start)
        check_supported(start)
        check_supported(end)
        self._cover(start.year, end.year)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(
            self._ordinals, start.toordinal()
        )

    def between_is_provisional(self, start: dt.date, end: dt.date) -> bool:
        """True when counting from ``start`` to ``end`` uses a provisional year."""
        first, last = sorted((start, end))
        if first == last:
            return self.is_provisional_year(first.year)
        return self._provisional_between(first + dt.timedelta(days=1), last)
