"""Recurring duties — 定期工作 (kind ``duty``).

Some work recurs on a schedule rather than following a record: 综治维稳办公室
每十五天进行一次矛盾纠纷排查 (矛盾纠纷排查制度 (三)), 一季度一总结一报告 (四),
每七天召开一次办公例会 (情况通报制度 (四)), 每月一督查、每季一通报、年底总考核
(实施方案 (二)2) … The nine duties are entries of the rule book
(``township.book.rules``, kind ``duty``, with ``every`` and ``office``).

When a duty falls due:

- "every N days": N days (日) after the last time it was done (the first
  time, N days after ``start``); a due date on a rest day rolls to the next
  working day.
- "month", "quarter", "year": on the last day of each calendar period,
  rolled likewise. Each period needs one completion, dated inside the
  period or after it: one dated up to the rolled due date meets it on
  time; one dated later meets it late (a duty done late counts for its
  period, not for the period it was done in). Completions fill the periods
  in order, the oldest unmet period first; a completion dated before a
  period began never counts for it; a second completion in a period that
  is already met is kept in the history but fills nothing. A record that
  names its period (a circular's ``period`` such as ``2026Q1``, an
  assessment's ``year``) fills that period first.

Storage: each ``township duty done`` is one record of the kind ``duty``
(``DUTY-2026-0001``, filed under the year of the day it was done, in
``duties/<year>.json``), written through the store's transaction like every
record: under the lock, atomically, with its audit line. The state of a
duty is computed when read, from those records and from the records of the
kinds named in the rule's ``meets`` (``circular issue``, ``assessment
record``) when those kinds are registered.

``township.toml`` ``[duties]``::

    [duties]
    start = 2026-01-01            # default: the day the data directory was created
    [duties.office-meeting]
    enabled = false               # never listed, never reported
    [duties.inspection]
    every = "month"               # "N days", "month", "quarter" or "year"
    office = "党政办"

``township init`` writes ``start`` as the day it created the directory. A
directory without it starts on its first recorded completion; with none,
nothing is owed yet (the start is the day the duties are read on). A
month, quarter or year already under way on the start day is not owed:
the first one owed is the first that begins on or after it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from township.book.machine import Env, Machine, Record, new_record
from township.book.registry import KINDS, Field, KindSpec, Step
from township.book.rules import RULES, Rule
from township.calendar import WorkCalendar
from township.errors import BadInput, ConfigError
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Store, Transaction
    from township.views.report import ReportItem
    from township.views.stats import Period, Tally

KIND = "duty"
PeriodUnit = Literal["days", "month", "quarter", "year"]
DutyState = Literal["open", "overdue", "met", "late"]
MAX_EVERY_DAYS = 365

STATE_LABELS: dict[str, Text] = {
    "open": Text("未到期", "open"),
    "overdue": Text("逾期", "overdue"),
    "met": Text("按时完成", "met"),
    "late": Text("逾期完成", "late"),
}


# -- the declaration ------------------------------------------------------------


def _duty_label(record: Record) -> Any:
    rule = RULES.get(record.get("duty", ""))
    return rule.label if rule is not None else record.get("duty")


SPEC = KindSpec(
    KIND,
    statuses={"done": Text("已完成", "done")},
    steps=(Step("done", Text("完成", "done"), (), "done"),),
    fields=(
        Field("duty", Text("定期工作", "duty"), list=True, show=_duty_label),
        Field("done", Text("完成日期", "done on"), list=True),
        Field("note", Text("备注", "note"), amendable=True, optional=True, list=True),
    ),
    summary=("duty", "note"),
)
MACHINE = Machine(SPEC)


# -- the schedule ----------------------------------------------------------------


@dataclass(frozen=True)
class Every:
    """How often a duty recurs: every ``n`` days, or once per month, quarter or year."""

    unit: PeriodUnit
    n: int = 0

    def __str__(self) -> str:
        return f"{self.n} days" if self.unit == "days" else self.unit

    @property
    def label(self) -> Text:
        """每 15 日 / 每月 / 每季度 / 每年."""
        if self.unit == "days":
            return Text(f"每 {self.n} 日", f"every {self.n} days")
        zh = {"month": "每月", "quarter": "每季度", "year": "每年"}[self.unit]
        return Text(zh, f"each {self.unit}")


_EVERY_DAYS = re.compile(r"^\s*(\d+)\s*(?:days?|日|天)\s*$")


def parse_every(text: str) -> Every | None:
    """``"15 days"``, ``"month"``, ``"quarter"``, ``"year"`` as an ``Every``; None if not one."""
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    if value in ("month", "quarter", "year"):
        return Every(value)  # type: ignore[arg-type]
    match = _EVERY_DAYS.match(value)
    if match and 1 <= int(match.group(1)) <= MAX_EVERY_DAYS:
        return Every("days", int(match.group(1)))
    return None


@dataclass(frozen=True)
class Duty:
    """One duty as configured: its rule, how often, which office, switched on or off."""

    id: str
    rule: Rule
    every: Every
    office: str
    enabled: bool = True

    @property
    def label(self) -> Text:
        """The duty's label from the rule book."""
        return self.rule.label


@dataclass(frozen=True)
class DutyBook:
    """The duties of one data directory: ``[duties]`` applied to the rule book."""

    duties: dict[str, Duty]
    start: dt.date | None = None

    def enabled(self) -> list[Duty]:
        """The duties switched on, in rule-book order."""
        return [d for d in self.duties.values() if d.enabled]


def duty_rules() -> list[Rule]:
    """The rule book's duties, in book order."""
    return [r for r in RULES.values() if r.kind == KIND and r.every]


def _config_error(path: Path, key: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(
        Text(
            "配置文件 {path} 有误（{key}）：应为 {expected}，实际是 {value}。请改正后重试。",
            "The configuration file {path} is malformed ({key}): expected {expected}, got "
            "{value}. Fix it and try again.",
        ),
        path=str(path),
        key=key,
        expected=expected,
        value=repr(value),
    )


def _unknown_key(path: Path, key: str, known: Iterable[str]) -> ConfigError:
    return ConfigError(
        Text(
            "配置文件 {path} 有未知的设置项 {key}；可用的有：{known}。",
            "The configuration file {path} has an unknown setting {key}; known: {known}.",
        ),
        path=str(path),
        key=key,
        known=", ".join(known),
    )


def parse_duties(raw: Mapping[str, Any], path: Path) -> DutyBook:
    """``[duties]`` of a parsed ``township.toml`` applied to the rule book.

    A value of the wrong type, an ``every`` that is not "N days" (1-365),
    "month", "quarter" or "year", or an unknown duty or setting is a
    ``ConfigError`` (exit 3) naming the key.
    """
    table = raw.get("duties", {})
    if not isinstance(table, dict):
        raise _config_error(path, "duties", table, "table")
    rules = {r.id: r for r in duty_rules()}
    start: dt.date | None = None
    if "start" in table:
        value = table["start"]
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
            raise _config_error(path, "duties.start", value, "a date YYYY-MM-DD")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(unicodedata.normalize("NFKC", value).strip())
            except ValueError:
                raise _config_error(path, "duties.start", value, "a date YYYY-MM-DD") from None
        start = value
    duties: dict[str, Duty] = {}
    for rule in rules.values():
        every = parse_every(rule.every or "")
        assert every is not None, rule.id
        duties[rule.id] = Duty(rule.id, rule, every, rule.office or "党政办")
    for key, settings in table.items():
        if key == "start":
            continue
        if key not in rules:
            raise _unknown_key(path, f"duties.{key}", ["start", *rules])
        if not isinstance(settings, dict):
            raise _config_error(path, f"duties.{key}", settings, "table")
        duty = duties[key]
        for name, value in settings.items():
            where = f"duties.{key}.{name}"
            if name == "enabled":
                if not isinstance(value, bool):
                    raise _config_error(path, where, value, "true or false")
                duty = Duty(duty.id, duty.rule, duty.every, duty.office, value)
            elif name == "every":
                every = parse_every(value)
                if every is None:
                    raise _config_error(
                        path, where, value, '"N days" (1-365), "month", "quarter" or "year"'
                    )
                duty = Duty(duty.id, duty.rule, every, duty.office, duty.enabled)
            elif name == "office":
                if not isinstance(value, str) or not value.strip():
                    raise _config_error(path, where, value, "the name of an office")
                duty = Duty(duty.id, duty.rule, duty.every, value.strip(), duty.enabled)
            else:
                raise _unknown_key(path, where, ["enabled", "every", "office"])
        duties[key] = duty
    return DutyBook(duties, start)


def load_duties(data_dir: Path) -> DutyBook:
    """``[duties]`` of ``data_dir``'s ``township.toml`` (the whole file checked first)."""
    from township import config

    config.load(data_dir)  # a syntax error names its line; the other tables are checked
    path = data_dir / config.CONFIG_NAME
    found = config.read_toml(path)  # a byte-order mark and full-width input as load reads them
    return parse_duties(found[1] if found is not None else {}, path)


def duty_named(book: DutyBook, name: str) -> Duty:
    """The duty ``name``; ``BadInput`` (exit 2) listing the duties for anything else."""
    found = book.duties.get(name.strip())
    if found is None:
        raise BadInput(
            Text(
                "没有名为「{name}」的定期工作；可选：{known}。",
                "There is no duty '{name}'; known duties: {known}.",
            ),
            name=name,
            known=", ".join(f"{d.id}（{d.label.zh}）" for d in book.duties.values()),
        )
    return found


# -- completions -----------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    """One completion of a duty: a ``duty done`` record, or a record that meets it."""

    on: dt.date
    id: str
    actor: str
    source: str
    note: str | None = None
    period: str | None = None

    def as_json(self) -> dict[str, Any]:
        """``{id, on, actor, source, note, period}``."""
        return {
            "id": self.id,
            "on": self.on.isoformat(),
            "actor": self.actor,
            "source": self.source,
            "note": self.note,
            "period": self.period,
        }


def _meeting_kinds(rule: Rule) -> list[str]:
    """Kinds other than ``duty`` whose creating step meets the duty (``circular issue``)."""
    found = []
    for step in rule.meets:
        words = step.split()
        if len(words) == 2 and words[0] != KIND and words[0] in KINDS:
            found.append(words[0])
    return found


def _first_on(record: Record) -> dt.date | None:
    events = record.get("events") or []
    try:
        return dt.date.fromisoformat(str(record.get("issued_on") or events[0]["on"]))
    except (ValueError, IndexError, KeyError, TypeError):
        return None


def _named_period(record: Record) -> str | None:
    period = record.get("period")
    if isinstance(period, str) and period.strip():
        return period.strip().upper()
    year = record.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return str(year)
    return None


def completions(store: Store, book: DutyBook) -> dict[str, list[Done]]:
    """Every completion of every duty, oldest first."""
    found: dict[str, list[Done]] = {d: [] for d in book.duties}
    if KIND in KINDS:
        for record in store.iter_records(KINDS[KIND]):
            duty = record.get("duty")
            if duty in found:
                found[duty].append(
                    Done(
                        dt.date.fromisoformat(record["done"]),
                        record["id"],
                        record.get("actor", ""),
                        KIND,
                        record.get("note"),
                    )
                )
    for duty in book.duties.values():
        for kind in _meeting_kinds(duty.rule):
            for record in store.iter_records(KINDS[kind]):
                on = _first_on(record)
                if on is not None:
                    found[duty.id].append(
                        Done(
                            on,
                            record.get("id", ""),
                            record.get("actor", ""),
                            kind,
                            None,
                            _named_period(record),
                        )
                    )
    for items in found.values():
        items.sort(key=lambda d: (d.on, d.id))
    return found


def default_start(found: Mapping[str, list[Done]], as_of: dt.date) -> dt.date:
    """The start when ``[duties] start`` is not set: the first completion recorded, else ``as_of``.

    ``township init`` writes ``start`` (the day it created the directory), so
    this applies only to a directory made otherwise; with nothing done yet,
    nothing is owed yet.
    """
    days = [d.on for items in found.values() for d in items]
    return min(days) if days else as_of


# -- obligations -----------------------------------------------------------------


@dataclass(frozen=True)
class Obligation:
    """One time a duty falls due: from ``trigger`` (a period's first day, or the
    last completion) to ``due``; met on ``met_on`` if it was."""

    trigger: dt.date
    due: dt.date
    provisional: bool
    met_on: dt.date | None
    period: str | None = None

    def state(self, as_of: dt.date) -> DutyState:
        """``met`` / ``late`` once done, else ``open`` or ``overdue`` on ``as_of``."""
        if self.met_on is not None:
            return "met" if self.met_on <= self.due else "late"
        return "overdue" if as_of > self.due else "open"

    def as_json(self, as_of: dt.date) -> dict[str, Any]:
        """``{period, trigger, due, met_on, state, provisional}``."""
        return {
            "period": self.period,
            "trigger": self.trigger.isoformat(),
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "state": self.state(as_of),
            "provisional": self.provisional,
        }


def period_of_day(day: dt.date, unit: PeriodUnit) -> tuple[dt.date, dt.date, str]:
    """The calendar month, quarter or year holding ``day``: first day, last day, key."""
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), f"{day.year}"
    if unit == "quarter":
        q = (day.month - 1) // 3 + 1
        first = dt.date(day.year, 3 * q - 2, 1)
        key = f"{day.year}Q{q}"
        months = 3
    else:
        first = dt.date(day.year, day.month, 1)
        key = f"{day.year}-{day.month:02d}"
        months = 1
    index = first.year * 12 + first.month - 1 + months
    following = dt.date(index // 12, index % 12 + 1, 1)
    return first, following - dt.timedelta(days=1), key


def obligations(
    duty: Duty,
    done: list[Done],
    calendar: WorkCalendar,
    start: dt.date,
    as_of: dt.date,
    until: dt.date | None = None,
) -> tuple[list[Obligation], Obligation]:
    """The duty's obligations from ``start`` (through ``until`` for periods), read on ``as_of``.

    Returns every obligation in order and the current one (the first not met;
    once all are met, the next). Completions after ``as_of`` are not seen.
    """
    seen = [d for d in done if d.on <= as_of]
    if duty.every.unit == "days":
        return _every_days(duty.every.n, seen, calendar, start)
    return _every_period(duty.every.unit, seen, calendar, start, max(as_of, until or as_of))


def _every_days(
    n: int, done: list[Done], calendar: WorkCalendar, start: dt.date
) -> tuple[list[Obligation], Obligation]:
    anchor = start
    found = []
    # A completion on the start day itself fills nothing: the clock runs from that day.
    for on in sorted({d.on for d in done if d.on > start}):
        due = calendar.add(anchor, n, "day")
        found.append(Obligation(anchor, due.date, due.provisional, on))
        anchor = on
    due = calendar.add(anchor, n, "day")
    current = Obligation(anchor, due.date, due.provisional, None)
    return [*found, current], current


def _every_period(
    unit: PeriodUnit,
    done: list[Done],
    calendar: WorkCalendar,
    start: dt.date,
    horizon: dt.date,
) -> tuple[list[Obligation], Obligation]:
    periods = []
    first, last, key = period_of_day(start, unit)
    if first < start:  # a period already under way on the start day is not owed
        first, last, key = period_of_day(last + dt.timedelta(days=1), unit)
    while True:
        periods.append((first, last, key))
        if last >= horizon:
            break
        first, last, key = period_of_day(last + dt.timedelta(days=1), unit)
    keys = {k for _f, _l, k in periods}
    pattern = {"year": r"^\d{4}$", "quarter": r"^\d{4}Q[1-4]$", "month": r"^\d{4}-\d{2}$"}[unit]
    met: dict[str, dt.date] = {}
    used: set[int] = set()
    # A record that names its period fills that period (if it is tracked at all).
    for i, d in enumerate(done):
        if d.period and re.match(pattern, d.period):
            used.add(i)
            if d.period in keys and d.period not in met:
                met[d.period] = d.on
    # The others fill the oldest unmet period they are not dated before.
    for first, _last, key in periods:
        if key in met:
            continue
        for i, d in enumerate(done):
            if i not in used and d.on >= first:
                used.add(i)
                met[key] = d.on
                break
    found = []
    for first, last, key in periods:
        due = calendar.add(last, 0, "day")
        found.append(Obligation(first, due.date, due.provisional, met.get(key), key))
    pending = [o for o in found if o.met_on is None]
    if pending:
        return found, pending[0]
    first, last, key = period_of_day(periods[-1][1] + dt.timedelta(days=1), unit)
    due = calendar.add(last, 0, "day")
    current = Obligation(first, due.date, due.provisional, None, key)
    return [*found, current], current


# -- what the commands read ---------------------------------------------------------


@dataclass(frozen=True)
class DutyStatus:
    """A duty as ``duty list`` shows it on a day."""

    duty: Duty
    last_done: dt.date | None
    current: Obligation
    as_of: dt.date
    history: list[Obligation] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)

    @property
    def state(self) -> DutyState:
        """``open`` or ``overdue`` (a duty is always due again)."""
        return self.current.state(self.as_of)

    def as_json(self) -> dict[str, Any]:
        """``{duty, label, every, last_done, due, state, provisional, responsible}``."""
        return {
            "duty": self.duty.id,
            "label": {"zh": self.duty.label.zh, "en": self.duty.label.en},
            "every": str(self.duty.every),
            "last_done": self.last_done.isoformat() if self.last_done else None,
            "due": self.current.due.isoformat(),
            "state": self.state,
            "provisional": self.current.provisional,
            "responsible": self.duty.office,
            "period": self.current.period,
            "trigger": self.current.trigger.isoformat(),
        }


@dataclass(frozen=True)
class DutyView:
    """Everything the duty commands read: the configured duties, completions, start."""

    book: DutyBook
    done: dict[str, list[Done]]
    start: dt.date

    def status(
        self, duty: Duty, calendar: WorkCalendar, as_of: dt.date, until: dt.date | None = None
    ) -> DutyStatus:
        """The duty on ``as_of``: its last completion, its current obligation, its history."""
        done = [d for d in self.done.get(duty.id, []) if d.on <= as_of]
        history, current = obligations(duty, done, calendar, self.start, as_of, until)
        return DutyStatus(
            duty, done[-1].on if done else None, current, as_of, history, self.done[duty.id]
        )


def read_duties(store: Store, as_of: dt.date) -> DutyView:
    """The duties of ``store``'s data directory, their completions and their start."""
    book = load_duties(store.data_dir)
    done = completions(store, book)
    start = book.start or default_start(done, as_of)
    return DutyView(book, done, start)


def duty_list(store: Store, calendar: WorkCalendar, as_of: dt.date) -> list[DutyStatus]:
    """``township duty list``: every duty switched on, on ``as_of``."""
    view = read_duties(store, as_of)
    return [view.status(d, calendar, as_of) for d in view.book.enabled()]


def duty_status(
    store: Store, calendar: WorkCalendar, as_of: dt.date, duty_id: str
) -> DutyStatus | None:
    """The duty ``duty_id`` on ``as_of`` as ``duty list`` shows it; None if it is not listed."""
    return next((s for s in duty_list(store, calendar, as_of) if s.duty.id == duty_id), None)


def duty_detail(view: DutyView, status: DutyStatus) -> dict[str, Any]:
    """``township duty show`` as JSON: the status, settings, each period and each completion."""
    return {
        **status.as_json(),
        "enabled": status.duty.enabled,
        "start": view.start.isoformat(),
        "clause": status.duty.rule.clause.zh,
        "periods": [ob.as_json(status.as_of) for ob in status.history],
        "done": [d.as_json() for d in status.done],
    }


def record_done(
    tx: Transaction,
    duty_id: str,
    *,
    note: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """``township duty done``: one completion of ``duty_id`` on ``on``, audited.

    Refused (exit 2): an unknown duty (listing the duties), a duty switched
    off in ``township.toml``, a date after today or before 2000, and a
    second completion of the same duty on the same day.
    """
    book = load_duties(tx.store.data_dir)
    duty = duty_named(book, duty_id)
    if not duty.enabled:
        raise BadInput(
            Text(
                "定期工作 {duty}（{label}）已在 township.toml 中停用（[duties.{duty}] enabled = "
                "false）；启用后才能登记。",
                "The duty {duty} ({label}) is switched off in township.toml ([duties.{duty}] "
                "enabled = false); switch it on to record it.",
            ),
            duty=duty.id,
            label=duty.label,
        )
    for record in tx.store.iter_records(KINDS[KIND], [on.year]):
        if record.get("duty") == duty.id and record.get("done") == on.isoformat():
            raise BadInput(
                Text(
                    "{duty}（{label}）在 {on} 已登记完成（{id}）；同一天不重复登记。",
                    "{duty} ({label}) was already recorded as done on {on} ({id}).",
                ),
                duty=duty.id,
                label=duty.label,
                on=on.isoformat(),
                id=record["id"],
            )
    text = note.strip() if note and note.strip() else None

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="done",
            person=actor,
            dept=duty.office,
            duty=duty.id,
            done=on.isoformat(),
            note=text,
        )

    return MACHINE.create(
        tx, "done", build, on=on, today=today, actor=actor, env=env, year=on.year, note=text
    )


# -- the daily report and the statistics ------------------------------------------------


def duty_report_items(
    store: Store,
    calendar: WorkCalendar,
    as_of: dt.date,
    *,
    due_within: int,
    serious_after: int,
    today: dt.date | None = None,
) -> list[ReportItem]:
    """The duties overdue, due on ``as_of`` or within ``due_within`` working days.

    Report items of kind ``duty`` with the duty's id as the record id and
    its office as the responsible department .
    """
    from township.views.report import ReportItem

    items = []
    for status in duty_list(store, calendar, as_of):
        due = status.current.due
        late = left = 0
        if due < as_of:
            state = "overdue"
            late = calendar.between(due, as_of)
        elif due == as_of:
            state = "due-today"
        else:
            left = calendar.between(as_of, due)
            if left > due_within:
                continue
            state = "due-soon"
        provisional = status.current.provisional or (
            due != as_of and calendar.between_is_provisional(as_of, due)
        )
        items.append(
            ReportItem(
                record_id=status.duty.id,
                kind=KIND,
                rule=status.duty.rule,
                person=None,
                dept=status.duty.office,
                trigger=status.current.trigger,
                due=due,
                state=state,  # type: ignore[arg-type]
                workdays_late=late,
                workdays_left=left,
                serious=late > serious_after,
                provisional=provisional,
            )
        )
    return items


def with_duties(
    items: list[ReportItem],
    store: Store,
    calendar: WorkCalendar,
    as_of: dt.date,
    *,
    kinds: Iterable[str] | None,
    due_within: int,
    serious_after: int,
    today: dt.date | None = None,
) -> list[ReportItem]:
    """``items`` and the duties' report items (unless ``kinds`` leaves duties out), sorted."""
    from township.views.report import ReportItem

    chosen = list(kinds or ())
    if chosen and KIND not in chosen:
        return items
    extra = duty_report_items(
        store, calendar, as_of, due_within=due_within, serious_after=serious_after, today=today
    )
    return sorted([*items, *extra], key=ReportItem.sort_key)


def duty_tallies(
    store: Store, calendar: WorkCalendar, period: Period, today: dt.date
) -> list[tuple[str, Tally]]:
    """Duties done on time per office: each time a duty fell due in ``period``.

    Read as of the period's last day, or ``today`` if that is earlier, like
    the deadlines of ``township stats``: met on time, met late, not yet due,
    overdue.
    """
    from township.views.stats import Tally

    as_of = min(period.end, today)
    view = read_duties(store, as_of)
    tallies: dict[str, Tally] = {}
    for duty in view.book.enabled():
        status = view.status(duty, calendar, as_of, until=period.end)
        for ob in status.history:
            if period.start <= ob.due <= period.end and ob.trigger <= as_of:
                tallies.setdefault(duty.office, Tally()).add(ob.state(as_of))
    return sorted(tallies.items())


# -- demo data ---------------------------------------------------------------------

DEMO_SHARE = 0.05
# The duties a demo records, most frequent first.
_DEMO_DUTIES = (
    "office-meeting",
    "dispute-sweep",
    "inspection",
    "visit-summary",
    "dispute-report",
    "situation-meeting",
    "disclosure-regular",
)


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """A few fictional duty completions (``township init --demo``).

    Each call records one duty done on ``on``: the one this demo recorded
    least recently (never recorded first), so that the completions spread
    over the duties; a duty switched off in the directory is skipped.
    """
    last: dict[str, dt.date] = maker.__dict__.setdefault("duty_last_done", {})
    chosen = min(_DEMO_DUTIES, key=lambda d: (last.get(d, dt.date.min), _DEMO_DUTIES.index(d)))
    if last.get(chosen) == on:
        return
    last[chosen] = on
    try:
        record_done(
            maker.tx,
            chosen,
            note="演示：会议纪要已归档" if chosen.endswith("meeting") else None,
            on=on,
            today=on,
            actor=maker.clerk(),
            env=maker.env,
        )
    except BadInput:
        return  # switched off in this directory's township.toml
    maker.count(KIND, on)
