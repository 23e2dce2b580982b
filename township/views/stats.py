"""Statistics for assessments (效能考核: 每月一督查，每季一通报，年底总考核).

Per department, person or kind: how many deadlines fell due in the period
and were met on time, met late, are still open, or are open and overdue,
and the on-time rate. And the flags the regulations attach
consequences to:

- 一票否决, 取消当年评先评优资格, 调整工作岗位 and the 通报批评 (⑤) decisions
  against a unit's staff: from circulars, assessments and cases
  (``township.views.openness``);
- 从重: a person who is the subject of two or more decided cases within a
  year (1年内出现2次以上).

Decisions where the spec is silent:

- A deadline belongs to the period its due date falls in; the windows of
  the other party (the appeal window) are not counted.
- The period is read as of its last day, or as of today while it is still
  running, so a quarterly report gives the same numbers when it is re-run
  later (a step dated after that day does not change it).
- On-time rate = met on time / (met on time + met late + overdue); deadlines
  not yet due are left out; no such deadline gives no rate (None).
- The flags look at the year of the period, from 1 January to the day the
  statistics are read as of (the whole year for ``--year`` alone); how
  circulars and assessments are read: ``township.views.openness``. 从重
  needs two decisions at most 365 days apart, the later one in that span
  (the earlier one may be in the year before). Revoked decisions
  (``"revoked": true``) do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from township.book.registry import KINDS
from township.book.rules import RULES
from township.calendar import WorkCalendar, check_supported
from township.errors import RECORD_ERRORS, BadInput, Skipped
from township.i18n import Text
from township.steps.machine import Record, evaluate
from township.views.openness import OpennessFlags, flag_kinds, openness_flags

if TYPE_CHECKING:
    from township.config import Config
    from township.storage.store import Store

Outcome = Literal["met", "late", "open", "overdue"]
StatsBy = Literal["dept", "person", "kind"]

REPEAT_THRESHOLD = 2
REPEAT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Period:
    """A year or one quarter of it."""

    year: int
    quarter: int | None
    start: dt.date
    end: dt.date

    @property
    def label(self) -> Text:
        """2026 年 / 2026 年第 1 季度."""
        if self.quarter is None:
            return Text(f"{self.year} 年", f"{self.year}")
        return Text(f"{self.year} 年第 {self.quarter} 季度", f"{self.year} Q{self.quarter}")


def period_of(year: int, quarter: int | None = None) -> Period:
    """The period ``year`` or its ``quarter`` (1-4); ``OutOfRange`` outside the calendar."""
    check_supported(dt.date(min(max(year, dt.MINYEAR), dt.MAXYEAR), 1, 1))
    if quarter is None:
        return Period(year, None, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not 1 <= quarter <= 4:
        raise BadInput(
            Text("季度应为 1 到 4，而不是 {q}。", "The quarter must be 1 to 4, not {q}."),
            q=quarter,
        )
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (
        dt.date(year, 12, 31)
        if quarter == 4
        else dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
    )
    return Period(year, quarter, start, end)


@dataclass
class Tally:
    """Deadlines of one group, by outcome."""

    met: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        """Every deadline counted."""
        return self.met + self.late + self.open + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Met on time / (met + late + overdue); None when that is zero."""
        decided = self.met + self.late + self.overdue
        return self.met / decided if decided else None

    def add(self, outcome: Outcome) -> None:
        """Count one deadline."""
        setattr(self, outcome, getattr(self, outcome) + 1)

    def as_json(self) -> dict[str, Any]:
        """Counts, total and rate (rounded to 4 places)."""
        rate = self.on_time_rate
        return {
            "met": self.met,
            "late": self.late,
            "open": self.open,
            "overdue": self.overdue,
            "total": self.total,
            "on_time_rate": round(rate, 4) if rate is not None else None,
        }


@dataclass(frozen=True)
class RepeatFlag:
    """从重: a person with two or more decided cases within a year."""

    person: str
    cases: tuple[tuple[str, dt.date], ...]

    def as_json(self) -> dict[str, Any]:
        """``{"person", "cases": [{"id", "decided"}]}``."""
        return {
            "person": self.person,
            "cases": [{"id": rid, "decided": on.isoformat()} for rid, on in self.cases],
        }


@dataclass
class Stats:
    """The statistics of one period."""

    period: Period
    as_of: dt.date
    by: StatsBy
    groups: list[tuple[str | None, Tally]] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)
    flags: OpennessFlags = field(default_factory=OpennessFlags)
    repeat: list[RepeatFlag] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The JSON shape of ``township stats``."""
        return {
            "year": self.period.year,
            "quarter": self.period.quarter,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "by": self.by,
            "groups": [{"group": key, **t.as_json()} for key, t in self.groups],
            "total": self.total.as_json(),
            **self.flags.as_json(),
            "aggravated_persons": [f.as_json() for f in self.repeat],
        }


def outcome(
    clock: dict[str, Any], calendar: WorkCalendar, period: Period, as_of: dt.date
) -> Outcome | None:
    """The outcome on ``as_of`` of a clock due in ``period``; None if not counted."""
    if RULES[clock["rule"]].party == "other":
        return None
    as_of_iso = as_of.isoformat()
    # Cheap tests first: a clock started after the period (or after as_of)
    # cannot be due in it.
    if clock["trigger"] > as_of_iso or clock["trigger"] > period.end.isoformat():
        return None
    found = evaluate(clock, calendar, as_of)
    if not period.start <= found.due <= period.end:
        return None
    return found.state  # type: ignore[return-value]  # met, late, open or overdue


def _group_key(record: Record, by: StatsBy) -> str | None:
    if by == "kind":
        key = record.get("kind")
    else:
        responsible = record.get("responsible") or {}
        key = responsible.get(by) or None
    if key is not None and not isinstance(key, str):
        raise TypeError(f"{by} is not text")
    return key


def decision_of(case: Record, as_of: dt.date) -> tuple[dt.date, list[int]] | None:
    """The case's decision date and methods, if decided by ``as_of`` and not revoked."""
    decision = case.get("decision")
    if not isinstance(decision, dict) or not decision.get("on") or decision.get("revoked"):
        return None
    on = dt.date.fromisoformat(decision["on"])
    if on > as_of:
        return None
    return on, [int(m) for m in decision.get("methods") or ()]


def repeat_subjects(cases: Iterable[Record], year: int, as_of: dt.date) -> list[RepeatFlag]:
    """Subjects with two decisions at most 365 days apart, the later one in ``year`` by ``as_of``."""
    start = dt.date(year, 1, 1)
    by_person: dict[str, list[tuple[dt.date, str]]] = {}
    for case in cases:
        decided = decision_of(case, as_of)
        if decided is not None and case.get("subject"):
            by_person.setdefault(case["subject"], []).append((decided[0], case["id"]))
    flags = []
    window = dt.timedelta(days=REPEAT_WINDOW_DAYS)
    for person, decisions in sorted(by_person.items()):
        decisions.sort()
        involved: set[tuple[dt.date, str]] = set()
        for i, (later, later_id) in enumerate(decisions):
            if later < start:
                continue
            earlier = [(on, rid) for on, rid in decisions[:i] if later - on <= window]
            if len(earlier) + 1 >= REPEAT_THRESHOLD:
                involved.update(earlier)
                involved.add((later, later_id))
        if involved:
            flags.append(RepeatFlag(person, tuple((rid, on) for on, rid in sorted(involved))))
    return flags


def compute_stats(
    records: Iterable[Record],
    calendar: WorkCalendar,
    period: Period,
    today: dt.date,
    by: StatsBy = "dept",
    skipped: list[Skipped] | None = None,
) -> Stats:
    """Tally every deadline due in ``period`` per group, and find the flags.

    Read as of the period's last day, or ``today`` if that is earlier.
    ``records`` may hold every kind; circulars, assessments and cases feed the
    flags. With ``skipped``, a record that cannot be read (a date outside the
    calendar, a malformed field) is left out of every count and named there;
    without it, its error is raised.
    """
    as_of = min(period.end, today)
    tallies: dict[str | None, Tally] = {}
    total = Tally()
    cases: list[Record] = []
    flagged: list[Record] = []
    feeds = flag_kinds()
    for record in records:
        try:
            outcomes = [
                found
                for clock in record.get("clocks") or ()
                if (found := outcome(clock, calendar, period, as_of)) is not None
            ]
            key = _group_key(record, by)
            if record.get("kind") == "case" and record.get("decision"):
                decision_of(record, as_of)  # a malformed decision: skipped here, not below
                str(record["id"])
                if record.get("unit") is not None and not isinstance(record["unit"], str):
                    raise TypeError("unit is not text")
                if record.get("subject") is not None and not isinstance(record["subject"], str):
                    raise TypeError("subject is not text")
                cases.append(record)
            if record.get("kind") in feeds:
                flagged.append(record)
        except RECORD_ERRORS as exc:
            if skipped is None:
                raise
            skipped.append(Skipped(record, exc))
            continue
        for found in outcomes:
            tallies.setdefault(key, Tally()).add(found)
            total.add(found)
    order = {name: i for i, name in enumerate(KINDS)} if by == "kind" else {}
    groups = sorted(
        tallies.items(), key=lambda kv: (kv[0] is None, order.get(kv[0] or "", 0), kv[0] or "")
    )
    return Stats(
        period=period,
        as_of=as_of,
        by=by,
        groups=groups,
        total=total,
        flags=openness_flags(flagged, period.year, as_of, decision_of),
        repeat=repeat_subjects(cases, period.year, as_of),
    )


def derived_tallies(
    store: Store,
    calendar: WorkCalendar,
    period: Period,
    today: dt.date,
    config: Config | None = None,
) -> list[tuple[str, Tally]]:
    """The recurring duties per office: each time one fell due in ``period``.

    The records the kinds derive from their recurring rules
    (``township.views.report.derived_records``), read like every deadline
    (``outcome``) as of the period's last day, or ``today`` if that is
    earlier: met on time, met late, not yet due, overdue. Kept apart from
    the records' tallies.
    """
    from township.views.report import derived_records

    as_of = min(period.end, today)
    tallies: dict[str, Tally] = {}
    for record in derived_records(store, calendar, as_of, config=config):
        office = (record.get("responsible") or {}).get("dept") or ""
        for clock in record.get("clocks") or ():
            found = outcome(clock, calendar, period, as_of)
            if found is not None:
                tallies.setdefault(office, Tally()).add(found)
    return sorted(tallies.items())
