"""The daily overdue report (逾期与临期事项).

Every open deadline of every record kind that is overdue, due on the day of
the report, or due within N working days, most overdue first; each names
the record's own matter (``township.views.matter``: what the kind declares
the record is about, personal data masked) beside the deadline's label. The report is
built from the clocks alone (``township.steps.machine``), so it works for every
kind without knowing its fields; the recurring duties come in the same way,
as records whose clocks are their periods (``derived_records``).

Cost: each record is looked at once; a clock already met (or a window of
the other party) is skipped before any calendar work; the due date and the
working-day counts are binary searches in the calendar, never a walk day
by day.

Decisions where the spec is silent:

- A window that belongs to the other party (the appeal window,
  ``party="other"``) is never listed: the office owes nothing when it ends.
- A report for a past day (``as_of`` before today) reads the clocks as
  they stood that day: a clock started after ``as_of`` is not listed, and a
  clock met after ``as_of`` still counts as open.
- On a rest day a deadline due on the working day before is overdue by 0
  working days: it is listed as overdue (the due date has passed), but not
  as serious.

One damaged or odd record (a date before the calendar's first year, a
period that ends past its last, a field of the wrong type) never stops the
report: given a ``skipped`` list, ``overdue_items`` leaves that record out
and appends a ``Skipped`` naming it, which the command prints as a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from township.book.registry import KINDS, Kind
from township.book.rules import RULES, Rule
from township.calendar import WorkCalendar
from township.errors import RECORD_ERRORS, Skipped
from township.i18n import Text
from township.steps.machine import Record, evaluate
from township.views.matter import matter_of

if TYPE_CHECKING:
    from township.config import Config
    from township.storage.store import Store

ReportState = Literal["overdue", "due-today", "due-soon"]
GroupBy = Literal["dept", "person"]

# The month from which the report warns that next year is still provisional.
WARN_FROM_MONTH = 11

UNASSIGNED = Text("未指定", "unassigned")


@dataclass(frozen=True)
class ReportItem:
    """One open deadline on the report."""

    record_id: str
    kind: str
    rule: Rule
    # What the record is about (``township.views.matter``), masked.
    matter: Text
    person: str | None
    dept: str | None
    trigger: dt.date
    due: dt.date
    state: ReportState
    workdays_late: int
    workdays_left: int
    serious: bool
    provisional: bool

    @property
    def kind_label(self) -> Text:
        """The record kind's label (首问, 问责, ...)."""
        kind = KINDS.get(self.kind)
        return kind.label if kind else Text(self.kind, self.kind)

    @property
    def responsible(self) -> str:
        """Department and person, as one cell ("调查组 赵某")."""
        return " ".join(p for p in (self.dept, self.person) if p)

    @property
    def state_label(self) -> Text:
        """逾期 N 个工作日 / 严重逾期 N 个工作日 / 今日到期 / N 个工作日内到期 (overdue N workdays, …)."""
        if self.state == "due-today":
            return Text("今日到期", "due today")
        if self.state == "due-soon":
            n = self.workdays_left
            return Text(
                f"{n} 个工作日内到期",
                f"due within {n} workday{'s' if n != 1 else ''}",
            )
        # The English is as short as the Chinese is: the state is never cut, and
        # the report's table must fit 120 columns (commands.report_cmd).
        if self.workdays_late == 0:
            return Text("逾期（不足 1 个工作日）", "overdue (under 1 workday)")
        n = self.workdays_late
        zh = f"逾期 {n} 个工作日"
        en = f"overdue {n} workday{'s' if n != 1 else ''}"
        if self.serious:
            return Text("严重" + zh, "seriously " + en)
        return Text(zh, en)

    def sort_key(self) -> tuple[int, dt.date, str, str]:
        """Most overdue first, then by due date, id and rule."""
        return (-self.workdays_late, self.due, self.record_id, self.rule.id)

    def clause(self, overrides: Mapping[str, int] | None = None) -> Text:
        """The rule's source clause, with the number in force when ``overrides`` change it."""
        from township.book.rules import clause_in_force

        return clause_in_force(self.rule, overrides)

    def as_json(self, overrides: Mapping[str, int] | None = None) -> dict[str, Any]:
        """The JSON shape of the daily report (docs/cli.md); ``matter``, ``rule_label``
        and ``clause`` are ``Text``, resolved to the language when printed.
        ``overrides``: ``township.toml`` ``[rules]``, for the clause in force."""
        return {
            "id": self.record_id,
            "kind": self.kind,
            "matter": self.matter,
            "rule": self.rule.id,
            "rule_label": self.rule.label,
            "trigger": self.trigger.isoformat(),
            "due": self.due.isoformat(),
            "state": self.state,
            "workdays_late": self.workdays_late,
            "serious": self.serious,
            "responsible": {"person": self.person, "dept": self.dept},
            "provisional": self.provisional,
            "clause": self.clause(overrides),
        }


@dataclass(frozen=True)
class Summary:
    """How many items are in each state."""

    overdue: int
    serious: int
    due_today: int
    due_soon: int

    @property
    def total(self) -> int:
        """Every item on the report."""
        return self.overdue + self.due_today + self.due_soon

    @property
    def text(self) -> Text:
        """The summary line: 合计：逾期 1 项（严重逾期 1 项），今日到期 0 项，临期 1 项."""
        return Text(
            f"合计：逾期 {self.overdue} 项（严重逾期 {self.serious} 项），"
            f"今日到期 {self.due_today} 项，临期 {self.due_soon} 项",
            f"Total: {self.overdue} overdue ({self.serious} serious), "
            f"{self.due_today} due today, {self.due_soon} due soon",
        )


def records_of(store: Store, kinds: Iterable[str] | None = None) -> Iterator[Record]:
    """Every record of ``kinds`` (all kinds if None), each year file read once."""
    chosen: list[Kind] = [KINDS[k] for k in kinds] if kinds else list(KINDS.values())
    for kind in chosen:
        yield from store.iter_records(kind)


def derived_records(
    store: Store,
    calendar: WorkCalendar,
    as_of: dt.date,
    kinds: Iterable[str] | None = None,
    config: Config | None = None,
) -> list[Record]:
    """The records the kinds with recurring rules derive rather than store, on ``as_of``.

    A kind whose rules recur (the rule book's ``every``: the recurring
    duties) declares ``KindSpec.derived``; its records carry their periods
    as clocks, so the report and the statistics read them like any other.
    Only those kinds' declarations are imported.
    """
    from township.book.registry import spec

    chosen = set(kinds) if kinds else None
    found: list[Record] = []
    for name in dict.fromkeys(r.kind for r in RULES.values() if r.every is not None):
        if name not in KINDS or (chosen is not None and name not in chosen):
            continue
        hook = spec(name).derived
        if hook is not None:
            found.extend(hook(store, calendar, as_of, config))
    return found


def _open_on(clock: dict[str, Any], as_of_iso: str) -> bool:
    """True when the clock had started and was not yet met on ``as_of`` (no calendar work)."""
    if clock["trigger"] > as_of_iso:
        return False
    met = clock.get("met_on")
    return not met or met > as_of_iso


def report_item(
    record: Record,
    clock: dict[str, Any],
    calendar: WorkCalendar,
    as_of: dt.date,
    *,
    due_within: int,
    serious_after: int,
) -> ReportItem | None:
    """The report line for one open clock, or None if it is not due soon enough.

    ``clock`` is assumed open on ``as_of`` (see ``overdue_items``).
    """
    rule = RULES[clock["rule"]]
    if rule.party == "other":
        return None
    found = evaluate(clock, calendar, as_of)
    late, left = found.workdays_late, 0
    state: ReportState
    if found.state == "overdue":
        state = "overdue"
    elif found.due == as_of:
        state = "due-today"
    else:
        left = calendar.between(as_of, found.due)
        if left > due_within:
            return None
        state = "due-soon"
    provisional = found.provisional or (
        found.due != as_of and calendar.between_is_provisional(as_of, found.due)
    )
    responsible = record.get("responsible") or {}
    return ReportItem(
        record_id=record["id"],
        kind=record.get("kind", ""),
        rule=rule,
        matter=matter_of(record),
        person=responsible.get("person"),
        dept=responsible.get("dept"),
        trigger=dt.date.fromisoformat(clock["trigger"]),
        due=found.due,
        state=state,
        workdays_late=late,
        workdays_left=left,
        serious=late > serious_after,
        provisional=provisional,
    )


def overdue_items(
    records: Iterable[Record],
    calendar: WorkCalendar,
    as_of: dt.date,
    *,
    due_within: int = 2,
    serious_after: int = 5,
    skipped: list[Skipped] | None = None,
) -> list[ReportItem]:
    """Every open deadline overdue, due on ``as_of`` or within ``due_within`` working days.

    Sorted most overdue first, then by due date. A deadline is due soon when
    ``as_of < due`` and ``calendar.between(as_of, due) <= due_within``;
    overdue by more than ``serious_after`` working days is serious.

    With ``skipped``, a record whose clocks cannot be read is left out (none
    of its items listed) and named there; without it, its error is raised.
    """
    as_of_iso = as_of.isoformat()
    items = []
    for record in records:
        try:
            found = _record_items(record, calendar, as_of, as_of_iso, due_within, serious_after)
        except RECORD_ERRORS as exc:
            if skipped is None:
                raise
            skipped.append(Skipped(record, exc))
            continue
        items.extend(found)
    items.sort(key=ReportItem.sort_key)
    return items


def _record_items(
    record: Record,
    calendar: WorkCalendar,
    as_of: dt.date,
    as_of_iso: str,
    due_within: int,
    serious_after: int,
) -> list[ReportItem]:
    found = []
    for clock in record.get("clocks") or ():
        if not _open_on(clock, as_of_iso):
            continue
        item = report_item(
            record, clock, calendar, as_of, due_within=due_within, serious_after=serious_after
        )
        if item is not None:
            found.append(item)
    return found


def summarize(items: Iterable[ReportItem]) -> Summary:
    """Count the items in each state."""
    overdue = serious = today = soon = 0
    for item in items:
        if item.state == "overdue":
            overdue += 1
            serious += item.serious
        elif item.state == "due-today":
            today += 1
        else:
            soon += 1
    return Summary(overdue, serious, today, soon)


def group_items(items: list[ReportItem], by: GroupBy) -> list[tuple[str | None, list[ReportItem]]]:
    """Split sorted items per responsible department or person.

    Groups come in the order of their most urgent item, so the unit with the
    worst delay is first; items keep their order inside a group. Items with
    no department (person) form one group whose key is None.
    """
    groups: dict[str | None, list[ReportItem]] = {}
    for item in items:
        key = item.dept if by == "dept" else item.person
        groups.setdefault(key or None, []).append(item)
    return list(groups.items())


def calendar_warning_year(calendar: WorkCalendar, as_of: dt.date) -> int | None:
    """Next year, if the report should warn that its calendar is still provisional.

    From 1 November on, while next year has neither an imported official
    schedule nor package data .
    """
    if as_of.month < WARN_FROM_MONTH:
        return None
    nxt = as_of.year + 1
    return nxt if calendar.is_provisional_year(nxt) else None


def calendar_warning(year: int) -> Text:
    """The warning that ends the report when ``year`` is still provisional."""
    return Text(
        f"提示：{year} 年的官方放假安排尚未导入，涉及 {year} 年的到期日均为暂定。"
        f"国务院办公厅公布放假安排后，请运行 township calendar import FILE 导入。",
        f"Note: the official holiday schedule for {year} has not been imported; due dates "
        f"in {year} are provisional. Import it with township calendar import FILE once "
        f"the State Council publishes it.",
    )


def report_title(name: str, as_of: dt.date, group: str | Text | None = None) -> Text:
    """The title line: ``<name> 逾期与临期事项 <as-of>`` (and the group, if any)."""
    zh = f"{name} 逾期与临期事项 {as_of.isoformat()}"
    en = f"{name} overdue and due-soon deadlines {as_of.isoformat()}"
    if group is not None:
        g_zh = group.zh if isinstance(group, Text) else group
        g_en = group.en if isinstance(group, Text) else group
        zh, en = f"{zh}（{g_zh}）", f"{en} ({g_en})"
    return Text(zh, en)
