"""The working-day calendar (工作日历): which days are worked, and periods.

Three sources, in order of precedence :

1. official schedules imported into the data directory (``Schedule``);
2. the chinese-calendar package (official holidays and 调休 make-up days);
3. provisional: weekends and the 13 statutory holiday days of
   全国年节及纪念日放假办法 (2024), computed for any year 1901-2099.

Periods are counted by the rules of 民法典 第二百零一条至第二百零三条
: the day of the event is not counted; N working days end on the
N-th working day after it; N calendar days end on E + N, moved to the next
working day if that is a rest day.

Arithmetic is cheap: the calendar keeps a sorted list of the ordinals of
the working days of the years it covers and, beside it, a dense table that
gives for every day of those years the position of the next working day in
that list, so ``add`` and ``between`` are a few list lookups, not a walk day
by day nor even a binary search. ``add_many`` does the same for many periods
in one loop.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from township.calendar import lunar
from township.errors import BadInput, OutOfRange
from township.i18n import Text

Unit = Literal["workday", "day"]
UNITS: tuple[Unit, ...] = ("workday", "day")
SourceKind = Literal["imported", "package", "provisional"]
Reason = Literal["weekday", "weekend", "holiday", "makeup"]

FIRST_YEAR = lunar.FIRST_YEAR
LAST_YEAR = lunar.LAST_YEAR
_FIRST_ORDINAL = dt.date(FIRST_YEAR, 1, 1).toordinal()
_LAST_ORDINAL = dt.date(LAST_YEAR, 12, 31).toordinal()
_NO_PROVISIONAL = dt.date.max.toordinal() + 1  # after every date: no provisional year ahead
_date = dt.date
_fromordinal = dt.date.fromordinal
_toordinal = dt.date.toordinal

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
    """An official schedule for one year, imported by the office .

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
    # For each day of the year, how many of its working days come before it.
    workdays_before: list[int] = field(default_factory=list)


def check_supported(day: dt.date) -> None:
    """Raise ``OutOfRange`` for a date outside the years the calendar knows."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise OutOfRange(
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
        # The covered years _lo.._hi (none while _hi < _lo), and the sorted
        # ordinals of their working days.
        self._ordinals: list[int] = []
        self._lo = 0
        self._hi = -1
        # The dense tables over the covered years, rebuilt by _index() after
        # _cover() changed the years (_days == 0 until then, which sends every
        # call down the general path). Day k is the ordinal _base + k, for
        # 0 <= k < _days; entry _days stands for the day after the last one.
        # _next[k]: the count of working days before day k, i.e. the position
        #   in _ordinals of the first working day on or after it, and in _wd
        #   (the same ordinals from position 1: _wd[i] is the i-th working
        #   day) of the last working day before it.
        # _prov[k]: the first day of the first provisional year that is not
        #   before day k's year (_NO_PROVISIONAL if none is covered), so a
        #   span of days k..o touches a provisional year iff _prov[k] <= o.
        # _pfirst[k]: the same year's first working day as a position in _wd
        #   (past the end if none), so a span from day k to the working day
        #   _wd[i] touches a provisional year iff _pfirst[k] <= i.
        # _dues: the Due for _wd[i], at 2 * i (not provisional) and 2 * i + 1
        #   (provisional), made when first asked for (_make_due); Due and date
        #   are immutable, so one object serves every call.
        self._stale = False
        self._base = 0
        self._days = 0
        self._next: list[int] = []
        self._prov: list[int] = []
        self._pfirst: list[int] = []
        self._official = True
        self._wd: list[int] = [0]
        self._dues: list[Due | None] = [None, None]

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
        ordinals, before = built.workday_ordinals, built.workdays_before
        while day.year == year:
            before.append(len(ordinals))
            if self._classify(built, day)[0]:
                ordinals.append(day.toordinal())
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
        # The dense tables are rebuilt once the caller is done (_index), not
        # here: a long period may extend the years one at a time.
        self._stale = True
        self._days = 0

    def _index(self) -> None:
        """Rebuild the dense tables if ``_cover`` changed the covered years."""
        if not self._stale:
            return
        years = [self._years[y] for y in range(self._lo, self._hi + 1)]
        nxt: list[int] = []
        count = 0
        for y in years:
            nxt.extend(map(count.__add__, y.workdays_before))
            count += len(y.workday_ordinals)
        nxt.append(count)
        base = dt.date(self._lo, 1, 1).toordinal()
        never = len(self._ordinals) + 1  # a position past the last working day
        segments: list[tuple[int, int, int]] = [(_NO_PROVISIONAL, never, 1)]
        ahead, ahead_first = _NO_PROVISIONAL, never
        for year, y in zip(range(self._hi, self._lo - 1, -1), reversed(years), strict=True):
            if y.source == "provisional":
                ahead = dt.date(year, 1, 1).toordinal()
                ahead_first = nxt[ahead - base] + 1
            segments.append((ahead, ahead_first, len(y.workdays_before)))
        prov: list[int] = []
        pfirst: list[int] = []
        for day_ahead, first_ahead, days in reversed(segments):
            prov.extend([day_ahead] * days)
            pfirst.extend([first_ahead] * days)
        self._next, self._prov, self._pfirst = nxt, prov, pfirst
        self._official = ahead == _NO_PROVISIONAL  # no covered year is provisional
        self._wd = [0, *self._ordinals]
        self._dues = [None] * (2 * count + 2)
        self._base = base
        self._days = len(nxt) - 1
        self._stale = False

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
        # The fast path: start and due date in the covered years, a date and
        # an int (not a subclass: datetime, bool). Everything else (years not
        # built yet, checks that fail) takes _add_general.
        if type(start) is _date and type(n) is int:
            k = start.toordinal() - self._base
            if 0 <= k < self._days:
                if unit == "workday":
                    if n > 0:
                        k += 1
                        i = self._next[k] + n
                        wd = self._wd
                        if i < len(wd):
                            j = i + i + (self._pfirst[k] <= i)
                            return self._dues[j] or self._make_due(j)
                    elif n == 0:
                        return Due(start, self._prov[k] <= start.toordinal())
                elif unit == "day" and n >= 0:
                    t = k + n
                    if t < self._days:
                        i = self._next[t] + 1
                        wd = self._wd
                        if i < len(wd):
                            j = i + i + (self._pfirst[k + (n > 0)] <= i)
                            return self._dues[j] or self._make_due(j)
        due = self._add_general(start, n, unit)
        self._index()
        return due

    def _make_due(self, j: int) -> Due:
        due = self._dues[j] = Due(_fromordinal(self._wd[j >> 1]), j & 1 == 1)
        return due

    def _add_general(self, start: dt.date, n: int, unit: Unit) -> Due:
        """``add`` by the binary search over ``_ordinals``, covering years as needed.

        The reference for the fast path (the tests compare the two).
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
            try:
                target = start + dt.timedelta(days=n)
            except OverflowError:
                target = dt.date.max
            check_supported(target)
            due = self._next_workday_general(target)
        first = start + dt.timedelta(days=1) if n else start
        return Due(due, self._provisional_between(min(first, due), due))

    def add_many(
        self, starts: Sequence[dt.date], n: int | Sequence[int], unit: Unit = "workday"
    ) -> list[Due]:
        """``add`` for many periods at once: ``[add(s, n_i, unit) for s, n_i in ...]``.

        ``n`` is one period for every start, or one per start (as many as
        ``starts``, else ``ValueError``). The result is what the calls of
        ``add`` one by one would give, in order, the same ``Due`` objects
        (shared: they are immutable); an invalid item raises what its
        ``add`` would raise. The years from the earliest start to the latest
        are built first (``add`` builds them one call at a time), then one
        loop answers every item; if a due date lies past those years, an
        ``n`` is 0 working days or an item is invalid, every item goes
        through ``add`` instead.
        """
        starts = list(starts)
        scalar = not isinstance(n, Iterable)
        ns = [n] * len(starts) if scalar else list(n)
        if len(ns) != len(starts):
            raise ValueError(f"add_many: {len(starts)} starts but {len(ns)} periods")
        if (
            starts
            and unit in UNITS
            and set(map(type, starts)) == {_date}
            and (type(n) is int if scalar else set(map(type, ns)) == {int})
        ):
            ords = list(map(_toordinal, starts))
            lo, hi = min(ords), max(ords)
            least = n if scalar else min(ns)
            if least >= 0 and lo >= _FIRST_ORDINAL and hi <= _LAST_ORDINAL:
                self._cover(_fromordinal(lo).year, _fromordinal(hi).year)
                self._index()
                if unit == "day" or least > 0:
                    try:
                        return self._add_many_covered(ords, ns, unit)
                    except IndexError:
                        pass  # a due date past the covered years
        # One by one: a due date past the covered years, a period of 0
        # working days, or an invalid item (add raises for the first one).
        return [self.add(s, m, unit) for s, m in zip(starts, ns, strict=True)]

    def _add_many_covered(self, ords: list[int], ns: list[int], unit: Unit) -> list[Due]:
        """``add_many`` when every start is covered and every n > 0 (``day``: >= 0).

        The scalar fast path of ``add`` as one comprehension; IndexError when
        a due date lies past the covered years (``_next``/``_dues`` run out).
        """
        base, nxt, pfirst, dues, make = (
            self._base,
            self._next,
            self._pfirst,
            self._dues,
            self._make_due,
        )
        if unit == "workday":
            # k: the day after the start; i: the n-th working day from it, in _wd.
            after = base - 1
            if self._official:  # no provisional year: every flag is False
                return [
                    dues[j := 2 * (nxt[o - after] + m)] or make(j)
                    for o, m in zip(ords, ns, strict=True)
                ]
            return [
                dues[j := 2 * (i := nxt[k := o - after] + m) + (pfirst[k] <= i)] or make(j)
                for o, m in zip(ords, ns, strict=True)
            ]
        # k: the start; i: the first working day on or after k + m, in _wd; the
        # provisional span runs from the day after the start (the start if m = 0).
        if self._official:
            return [
                dues[j := 2 * nxt[o - base + m] + 2] or make(j)
                for o, m in zip(ords, ns, strict=True)
            ]
        return [
            dues[j := 2 * (i := nxt[(k := o - base) + m] + 1) + (pfirst[k + (m > 0)] <= i)]
            or make(j)
            for o, m in zip(ords, ns, strict=True)
        ]

    def extend(self, due: dt.date, m: int, unit: Unit = "workday") -> Due:
        """An extension of ``m`` units runs from the current due date."""
        return self.add(due, m, unit)

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, otherwise the next one."""
        k = day.toordinal() - self._base
        if 0 <= k < self._days:
            i = self._next[k]
            if i < len(self._ordinals):
                return _fromordinal(self._ordinals[i])
        found = self._next_workday_general(day)
        self._index()
        return found

    def _next_workday_general(self, day: dt.date) -> dt.date:
        check_supported(day)
        self._cover(day.year, day.year)
        index = bisect_left(self._ordinals, day.toordinal())
        while index >= len(self._ordinals):
            self._extend_forward()
            index = bisect_left(self._ordinals, day.toordinal())
        return dt.date.fromordinal(self._ordinals[index])

    def _extend_forward(self) -> None:
        if self._hi >= LAST_YEAR:
            raise OutOfRange(
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
        base, days = self._base, self._days
        if type(start) is _date and type(end) is _date:
            a = start.toordinal() - base
            b = end.toordinal() - base
        else:
            a = b = -1  # datetime and other subclasses: the general path
        if 0 <= a < days and 0 <= b < days:
            nxt = self._next
            return nxt[b + 1] - nxt[a + 1]
        count = self._between_general(start, end)
        self._index()
        return count

    def _between_general(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self._between_general(end, start)
        check_supported(start)
        check_supported(end)
        self._cover(start.year, end.year)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(
            self._ordinals, start.toordinal()
        )

    def between_is_provisional(self, start: dt.date, end: dt.date) -> bool:
        """True when counting from ``start`` to ``end`` uses a provisional year."""
        base, days = self._base, self._days
        if type(start) is _date and type(end) is _date:
            a = start.toordinal() - base
            b = end.toordinal() - base
        else:
            a = b = -1  # datetime and other subclasses: the general path
        if a > b:
            a, b = b, a
        if a >= 0 and b < days:
            # From the day after the first date, or the date itself if one.
            return self._prov[a + (a != b)] <= b + base
        first, last = sorted((start, end))
        if first == last:
            return self.is_provisional_year(first.year)
        return self._provisional_between(first + dt.timedelta(days=1), last)


# Where imported schedules live: a TinyDB file with one document per year.
CALENDAR_FILE = "calendar.json"
SCHEDULES = "schedules"


def schedule_to_doc(schedule: Schedule) -> dict[str, Any]:
    """A schedule as stored in ``calendar.json``."""
    return {
        "year": schedule.year,
        "source": schedule.source,
        "holidays": sorted(d.isoformat() for d in schedule.holidays),
        "workdays": sorted(d.isoformat() for d in schedule.workdays),
    }


def schedule_from_doc(doc: dict[str, Any]) -> Schedule:
    """The inverse of ``schedule_to_doc``."""
    return Schedule(
        year=int(doc["year"]),
        source=str(doc["source"]),
        holidays=frozenset(dt.date.fromisoformat(d) for d in doc["holidays"]),
        workdays=frozenset(dt.date.fromisoformat(d) for d in doc["workdays"]),
    )
