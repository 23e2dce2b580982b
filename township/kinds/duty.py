"""Recurring duties — 定期工作 (kind ``duty``).

Some work recurs on a schedule rather than following a record: 综治维稳办公室
每十五天进行一次矛盾纠纷排查 (矛盾纠纷排查制度 (三)), 一季度一总结一报告 (四),
每七天召开一次办公例会 (情况通报制度 (四)), 对每月和季度来访情况进行归类 (接访制度
(七)), 每月一督查、每季一通报、年底总考核 (实施方案 (二)2), 优待金在每年年末或第二年
年初兑现 (民政工作有关制度 三(三)) … Each duty is an entry of the rule book
(``township.book.rules``, kind ``duty``) with its recurrence (``every``);
``township.toml`` ``[duties]`` (read by ``township.config``) may switch one
off, change its period or its office, and set ``start``.

Each ``township duty done`` is one record (``DUTY-2026-0001``, under the
year of the day it was done). This module keeps what only duties have:
which period a completion meets, turned into clocks. Each time a duty falls
due is a clock like any other (trigger, period, ``met_on``), read by
``township.steps.machine.evaluate``; the daily report and the statistics
see the duties through the declared hook ``KindSpec.derived`` (one record per
duty, whose clocks are its periods).

What a completion meets:

- "every N days": each completion meets the clock running from the one
  before (the first from ``start``) and starts the next one.
- "month", "quarter", "year": the period its date falls in (a meeting held
  in June is June's); a date between a period's end and its rolled due
  date meets that period if it is still unmet. ``duty done --period``
  names an earlier period (a late report); a record of another kind that
  meets a yearly duty names its year the same way (an assessment's
  ``year``). A circular meets the quarter it is issued in, whatever quarter
  it reports on. A completion for a period already met is kept in the
  history and meets nothing more; a date between two periods (优待金 from
  February to November) meets the period before it, late, if it is unmet.
- The period in which ``start`` falls is owed in full (a directory created
  in March owes that year's assessment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.registry import KINDS, Field, Input, KindSpec, Step
from township.book.rules import RULES, Recurrence, Rule, duty_rules, recurrence_of
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Deadline, Env, Machine, Record, due_of, evaluate, new_record

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.storage.store import Store, Transaction

KIND = "duty"
DEFAULT_OFFICE = "党政办"


# -- the duties as configured ---------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    """One duty as configured: its rule, how it recurs, which office, switched on or off."""

    id: str
    rule: Rule
    every: Recurrence
    office: str
    enabled: bool = True

    @property
    def label(self) -> Text:
        """The duty's label from the rule book."""
        return self.rule.label


def _config(store: Store, config: Config | None) -> Config:
    if config is not None:
        return config
    from township.config import load

    return load(store.data_dir)


def duties_of(config: Config) -> dict[str, Duty]:
    """Every duty of the rule book with ``[duties]`` applied, in book order."""
    found = {}
    for rule in duty_rules():
        setting = config.duties.of(rule.id)
        found[rule.id] = Duty(
            rule.id,
            rule,
            recurrence_of(rule, setting.every),
            setting.office or rule.office or DEFAULT_OFFICE,
            setting.enabled,
        )
    return found


def duty_named(duties: Mapping[str, Duty], name: str) -> Duty:
    """The duty called ``name`` (its id, or its Chinese label); ``BadInput`` listing them."""
    wanted = (name or "").strip()
    for item in duties.values():
        if wanted.lower() == item.id or wanted == item.label.zh:
            return item
    raise BadInput(
        Text(
            "没有名为「{name}」的定期工作；可选：{known}。",
            "There is no duty '{name}'; known duties: {known_en}.",
        ),
        name=name,
        known="、".join(f"{d.id}（{d.label.zh}）" for d in duties.values()),
        known_en=", ".join(d.id for d in duties.values()),
    )


# -- completions ------------------------------------------------------------------------


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


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _other_steps(rule: Rule) -> list[tuple[str, str]]:
    """The steps of other kinds that meet the duty (``circular issue``): (kind, step)."""
    found = []
    for step in rule.meets:
        words = step.split()
        if len(words) == 2 and words[0] != KIND and words[0] in KINDS:
            found.append((words[0], words[1]))
    return found


def completions(store: Store, duties: Iterable[Duty]) -> dict[str, list[Done]]:
    """Every completion of every duty, oldest first (a date that cannot be read is left out)."""
    chosen = list(duties)
    found: dict[str, list[Done]] = {d.id: [] for d in chosen}
    for record in store.iter_records(KINDS[KIND]):
        on = _date(record.get("done"))
        if record.get("duty") in found and on is not None:
            found[record["duty"]].append(
                Done(
                    on,
                    str(record.get("id", "")),
                    str(record.get("actor", "")),
                    KIND,
                    record.get("note"),
                    record.get("period"),
                )
            )
    for duty in chosen:
        for kind, step in _other_steps(duty.rule):
            for record in store.iter_records(KINDS[kind]):
                year = record.get("year")
                named = str(year) if isinstance(year, int) and not isinstance(year, bool) else None
                if named is not None and duty.every.named(named) is None:
                    # A circular's year is no quarter: the date it was issued says which
                    # quarter it meets, and the record names no period of the duty.
                    named = None
                for event in record.get("events") or ():
                    on = _date(event.get("on")) if isinstance(event, dict) else None
                    if on is not None and event.get("action") == step:
                        found[duty.id].append(
                            Done(
                                on,
                                str(record.get("id", "")),
                                str(event.get("actor", "")),
                                kind,
                                None,
                                named,
                            )
                        )
    for items in found.values():
        items.sort(key=lambda d: (d.on, d.id))
    return found


def first_done(found: Mapping[str, list[Done]]) -> dt.date | None:
    """The day of the first completion of any duty, if any."""
    days = [d.on for items in found.values() for d in items]
    return min(days) if days else None


# -- the clocks of a duty -----------------------------------------------------------------


def duty_clocks(
    duty: Duty, done: Iterable[Done], calendar: WorkCalendar, start: dt.date, as_of: dt.date
) -> list[dict[str, Any]]:
    """The duty's clocks from ``start`` as they stood on ``as_of``, oldest first.

    "Every N days": one clock from ``start`` and one from each completion
    after it, each met by the next completion. A calendar duty: one clock
    per period from the one ``start`` falls in through the one ``as_of``
    falls in, and the period after them once all are met. Completions after
    ``as_of`` are not seen.
    """
    seen = [d for d in done if d.on <= as_of]
    every = duty.every
    if every.unit == "days":
        clocks = []
        anchor = start
        for d in seen:
            if d.on > anchor:  # a completion on or before the start meets nothing
                clocks.append(_met(every.clock(duty.id, anchor), d))
                anchor = d.on
        return [*clocks, every.clock(duty.id, anchor)]
    first = every.first_owed(start)
    assert first is not None
    periods = [first]
    while (nxt := every.following(periods[-1])).first <= as_of:
        periods.append(nxt)
    clocks_by_key = {p.key: every.clock(duty.id, p.first, p) for p in periods}
    for d in seen:
        key = _period_met(every, d, clocks_by_key, calendar)
        if key is not None:
            _met(clocks_by_key[key], d)
    clocks = list(clocks_by_key.values())
    if all(c["met_on"] for c in clocks):
        nxt = every.following(periods[-1])
        clocks.append(every.clock(duty.id, nxt.first, nxt))
    return clocks


def _met(clock: dict[str, Any], done: Done) -> dict[str, Any]:
    clock["met_on"] = done.on.isoformat()
    clock["met_by"] = done.id
    return clock


def _period_met(
    every: Recurrence, done: Done, clocks: Mapping[str, dict[str, Any]], calendar: WorkCalendar
) -> str | None:
    """The key of the unmet period ``done`` meets, if any (see the module's docstring)."""

    def unmet(key: str | None) -> str | None:
        return key if key in clocks and not clocks[key]["met_on"] else None

    if done.period:
        named = every.named(done.period)
        if named is not None and named.first <= done.on:
            return unmet(named.key)
    before = every.period_before(done.on)
    at = every.period_at(done.on)
    # Between a period's end and its rolled due date (or between two periods): that period.
    if (
        before is not None
        and unmet(before.key)
        and (at is None or done.on <= due_of(clocks[before.key], calendar).date)
    ):
        return before.key
    return unmet(at.key) if at is not None else None


def duties_start(config: Config, found: Mapping[str, list[Done]]) -> dt.date | None:
    """``[duties] start``; without it the first completion recorded; with none, None.

    ``township init`` writes ``start``; a directory made otherwise owes
    nothing until a duty is first recorded.
    """
    return config.duties.start or first_done(found)


def duty_records(
    store: Store, calendar: WorkCalendar, as_of: dt.date, config: Config | None = None
) -> list[Record]:
    """Each duty switched on as a record whose clocks are its periods (``KindSpec.derived``).

    The record's id is the duty's, its department the duty's office: the
    daily report lists its overdue and due-soon periods, the statistics
    count them. A directory whose duties never started gives none.
    """
    config = _config(store, config)
    duties = [d for d in duties_of(config).values() if d.enabled]
    found = completions(store, duties)
    start = duties_start(config, found)
    if start is None:
        return []
    return [
        {
            "id": d.id,
            "kind": KIND,
            "status": "open",
            "duty": d.id,
            "matter": d.label.zh,
            "responsible": {"person": None, "dept": d.office},
            "clocks": duty_clocks(d, found[d.id], calendar, start, as_of),
        }
        for d in duties
    ]


# -- what the duty commands read -----------------------------------------------------------


@dataclass(frozen=True)
class DutyStatus:
    """A duty on a day: each period (its clock and how it reads), its completions."""

    duty: Duty
    as_of: dt.date
    start: dt.date
    periods: list[tuple[dict[str, Any], Deadline]]
    done: list[Done]

    @property
    def current(self) -> tuple[dict[str, Any], Deadline]:
        """The oldest period not met on ``as_of`` (once all are, the next one)."""
        return next(
            (p for p in self.periods if p[1].state in ("open", "overdue")), self.periods[-1]
        )

    @property
    def last_done(self) -> dt.date | None:
        """The last completion up to ``as_of``."""
        days = [d.on for d in self.done if d.on <= self.as_of]
        return max(days) if days else None

    def as_json(self) -> dict[str, Any]:
        """``{duty, label, every, last_done, due, state, provisional, responsible, ...}``."""
        clock, found = self.current
        return {
            "duty": self.duty.id,
            "label": {"zh": self.duty.label.zh, "en": self.duty.label.en},
            "every": str(self.duty.every),
            "last_done": self.last_done.isoformat() if self.last_done else None,
            "due": found.due.isoformat(),
            "state": found.state,
            "provisional": found.provisional,
            "responsible": self.duty.office,
            "period": clock.get("period"),
            "trigger": found.trigger.isoformat(),
        }

    def detail(self) -> dict[str, Any]:
        """``duty show`` as JSON: the duty's fields, its ``periods`` and its completions."""
        return {
            **self.as_json(),
            "enabled": self.duty.enabled,
            "start": self.start.isoformat(),
            "clause": self.duty.rule.clause.zh,
            "periods": [
                {
                    "period": clock.get("period"),
                    "trigger": found.trigger.isoformat(),
                    "due": found.due.isoformat(),
                    "met_on": found.met_on.isoformat() if found.met_on else None,
                    "state": found.state,
                    "provisional": found.provisional,
                    "met_by": clock.get("met_by") if found.met_on else None,
                }
                for clock, found in self.periods
            ],
            "done": [d.as_json() for d in self.done if d.on <= self.as_of],
        }


def duty_statuses(
    store: Store,
    calendar: WorkCalendar,
    as_of: dt.date,
    config: Config | None = None,
    *,
    every_duty: bool = False,
) -> list[DutyStatus]:
    """The duties switched on (with ``every_duty``, all of them) on ``as_of``.

    A directory whose duties never started reads as if they started on ``as_of``.
    """
    config = _config(store, config)
    duties = [d for d in duties_of(config).values() if every_duty or d.enabled]
    found = completions(store, duties)
    start = duties_start(config, found) or as_of
    statuses = []
    for d in duties:
        clocks = duty_clocks(d, found[d.id], calendar, start, as_of)
        periods = [(c, evaluate(c, calendar, as_of)) for c in clocks]
        statuses.append(DutyStatus(d, as_of, start, periods, found[d.id]))
    return statuses


def duty_status(
    store: Store, calendar: WorkCalendar, as_of: dt.date, name: str, config: Config | None = None
) -> DutyStatus:
    """The duty ``name`` (id or Chinese label) on ``as_of``, switched on or not."""
    config = _config(store, config)
    wanted = duty_named(duties_of(config), name)
    statuses = duty_statuses(store, calendar, as_of, config, every_duty=True)
    return next(s for s in statuses if s.duty.id == wanted.id)


# -- the step ------------------------------------------------------------------------------


def record_done(
    tx: Transaction,
    *,
    duty: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    period: str | None = None,
    note: str | None = None,
) -> Record:
    """``township duty done``: one completion of ``duty`` (id or Chinese label) on ``on``.

    ``period`` names the period it meets (``2026Q1``: a late report) instead
    of the one ``on`` falls in. Refused (exit 2): an unknown duty (listing
    them), a duty switched off, a period that is not one of the duty's or
    that had not begun on ``on``, a date after today or before 2000, and a
    second completion of the same duty on the same day for the same period.
    """
    config = _config(tx.store, env.config)
    item = duty_named(duties_of(config), duty)
    if not item.enabled:
        raise BadInput(
            Text(
                "定期工作 {duty}（{label}）已在 township.toml 中停用（[duties.{duty}] enabled = "
                "false）；启用后才能登记。",
                "The duty {duty} ({label}) is switched off in township.toml ([duties.{duty}] "
                "enabled = false); switch it on to record it.",
            ),
            duty=item.id,
            label=item.label,
        )
    key = _period_key(item, period, on) if period is not None else None
    if key is not None:
        _check_owed(item, key, duties_start(config, completions(tx.store, [item])))
    for record in tx.store.iter_records(KINDS[KIND], [on.year]):
        if (
            record.get("duty") == item.id
            and record.get("done") == on.isoformat()
            and record.get("period") == key
        ):
            raise BadInput(
                Text(
                    "{duty}（{label}）在 {on} 已登记完成（{id}）；同一天不重复登记。",
                    "{duty} ({label}) was already recorded as done on {on} ({id}).",
                ),
                duty=item.id,
                label=item.label,
                on=on.isoformat(),
                id=record["id"],
            )
    text = note.strip() if note and note.strip() else None

    def build(record_id: str) -> Record:
        fields: dict[str, Any] = {"duty": item.id, "done": on.isoformat(), "note": text}
        if key is not None:
            fields["period"] = key
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="done",
            person=actor,
            dept=item.office,
            **fields,
        )

    return MACHINE.create(
        tx, "done", build, on=on, today=today, actor=actor, env=env, year=on.year, note=text
    )


def _check_owed(item: Duty, key: str, start: dt.date | None) -> None:
    """Refuse ``--period`` for a period before the first one owed (the one ``start``
    falls in): nothing was owed then, so there is nothing to report late."""
    first = item.every.first_owed(start) if start is not None else None
    named = item.every.named(key)
    if first is not None and named is not None and named.first < first.first:
        raise BadInput(
            Text(
                "期间 {period} 早于定期工作的起始期间 {first}（起始日 {start}），不需补报；"
                "请核对 --period。",
                "The period {period} is before the first one owed, {first} (start {start}); "
                "nothing is owed for it: check --period.",
            ),
            period=key,
            first=first.key,
            start=start.isoformat() if start else "",
        )


def _period_key(item: Duty, period: str, on: dt.date) -> str:
    """The period ``period`` names, checked: one of the duty's, begun by ``on``."""
    if item.every.unit == "days":
        raise BadInput(
            Text(
                "{duty}（{label}）{every}一次，没有期间可指定；请去掉 --period。",
                "{duty} ({label}) recurs {every} and has no named periods; leave out --period.",
            ),
            duty=item.id,
            label=item.label,
            every=item.every.label,
        )
    named = item.every.named(period)
    if named is None:
        examples = {"month": "2026-03", "quarter": "2026Q1", "year": "2026"}
        raise BadInput(
            Text(
                "期间「{period}」不是 {duty}（{label}）的期间；应写作 {example}。",
                "'{period}' is not a period of {duty} ({label}); write it like {example}.",
            ),
            period=period,
            duty=item.id,
            label=item.label,
            example=examples[item.every.unit],
        )
    if named.first > on:
        raise BadInput(
            Text(
                "期间 {period} 自 {first} 开始，{on} 完成的工作不能计入该期间。",
                "The period {period} begins on {first}; work done on {on} cannot meet it.",
            ),
            period=named.key,
            first=named.first.isoformat(),
            on=on.isoformat(),
        )
    return named.key


# -- the declaration -------------------------------------------------------------------------


def _duty_label(record: Record) -> Any:
    rule = RULES.get(record.get("duty", ""))
    return rule.label if rule is not None else record.get("duty")


def _derived(store: Any, calendar: Any, as_of: dt.date, config: Any) -> list[Record]:
    return duty_records(store, calendar, as_of, config)


SPEC = KindSpec(
    KIND,
    statuses={"done": Text("已完成", "done")},
    steps=(
        Step(
            "done",
            Text("完成", "done"),
            (),
            "done",
            inputs=(
                Input("duty", required=True, metavar="DUTY"),
                Input("period", metavar="PERIOD"),
                Input("note", note=True),
            ),
            run=record_done,
            # The duty is an argument (its id or label), which a declaration cannot say.
            command=False,
        ),
    ),
    fields=(
        Field("duty", Text("定期工作", "duty"), list=True, show=_duty_label, type="text"),
        Field("done", Text("完成日期", "done on"), list=True, type="date!"),
        Field("period", Text("所属期间", "period"), list=True, type="text"),
        Field("note", Text("备注", "note"), amendable=True, optional=True, list=True, type="text"),
    ),
    summary=("duty", "note"),
    derived=_derived,
    matter=("duty",),
)
MACHINE = Machine(SPEC)


# -- demo data -----------------------------------------------------------------------------

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
            duty=chosen,
            note="演示：会议纪要已归档" if chosen.endswith("meeting") else None,
            on=on,
            today=on,
            actor=maker.clerk(),
            env=maker.env,
        )
    except BadInput:
        return  # switched off in this directory's township.toml
    maker.count(KIND, on)
