"""What every record has, and how its deadlines are read (SPEC 4).

A record is a JSON object stored as is::

    {"id": "CASE-2026-0003", "kind": "case", "status": "open",
     "created": "...", "updated": "...", "actor": "王芳",
     "responsible": {"person": "赵某", "dept": "纪委办"},
     "events": [{"on": "2026-01-29", "at": "...", "actor": "王芳",
                 "action": "open", ...}],
     "clocks": [{"rule": "investigation", "trigger": "2026-01-29", "n": 10,
                 "extensions": [], "met_on": null}],
     ...fields of the kind...}

A clock keeps only its trigger date, its period and its extensions; the due
date is computed when read (``deadlines``), so importing an official
calendar moves every provisional due date at once. Records are never
deleted; corrections are ``amend`` events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from township.calendar import Due, WorkCalendar
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.rules import RULES, Rule

if TYPE_CHECKING:
    from township.store import Transaction

Record = dict[str, Any]
State = Literal["open", "overdue", "met", "late", "expired"]

STATE_LABELS: dict[str, Text] = {
    "open": Text("未到期", "open"),
    "overdue": Text("逾期", "overdue"),
    "met": Text("按时完成", "met"),
    "late": Text("逾期完成", "late"),
    "expired": Text("已届满", "expired"),
}


def new_record(
    kind: str,
    record_id: str,
    *,
    actor: str,
    now: str,
    status: str,
    person: str | None = None,
    dept: str | None = None,
    **fields: Any,
) -> Record:
    """A new record with the common fields and no events or clocks yet."""
    return {
        "id": record_id,
        "kind": kind,
        "status": status,
        "created": now,
        "updated": now,
        "actor": actor,
        "responsible": {"person": person, "dept": dept},
        **fields,
        "events": [],
        "clocks": [],
    }


def require_text(value: str | None, what: Text) -> str:
    """``value`` stripped; ``BadInput`` naming the option when it is empty."""
    if value is None or not value.strip():
        raise BadInput(
            Text("{what}不能为空；请填写后重试。", "{what} must not be empty; fill it in."),
            what=what,
        )
    return value.strip()


def out_of_order(
    record: Record,
    step: Text,
    status: Text,
    allowed: Sequence[Text],
) -> StepOutOfOrder:
    """The error for a step the record's status does not allow, naming the next steps."""
    nxt: object = list(allowed) if allowed else Text("无（已结束）", "none (it is closed)")
    return StepOutOfOrder(
        Text(
            "{id} 当前状态为「{status}」，不能{step}；可以进行的下一步：{next}。",
            "{id} is {status}; it cannot {step} now. Next allowed step: {next}.",
        ),
        id=record["id"],
        status=status,
        step=step,
        next=nxt,
    )


def require_step(
    record: Record,
    step: str,
    allowed: Sequence[str],
    step_labels: Mapping[str, Text],
    status_labels: Mapping[str, Text],
) -> None:
    """Refuse ``step`` unless it is ``allowed`` now (``out_of_order``, naming the allowed ones)."""
    if step not in allowed:
        raise out_of_order(
            record,
            step_labels[step],
            status_labels[record["status"]],
            [step_labels[s] for s in allowed],
        )


@dataclass(frozen=True)
class Steps:
    """A kind's steps as data, and the plumbing every step shares.

    ``next`` maps a status to the steps it allows (a status not listed
    allows none); ``allowed`` replaces it when what is allowed depends on
    more than the status. ``refuse`` is the kind's own refusal, with its own
    message, checked before the table (``refuse(record, step)`` raises or
    returns). A step refused by the table raises ``out_of_order`` naming
    the allowed steps by ``step_labels``; the status is named by
    ``status_labels``.
    """

    kind: str
    step_labels: Mapping[str, Text]
    status_labels: Mapping[str, Text]
    next: Mapping[str, Sequence[str]] = field(default_factory=dict)
    allowed: Callable[[Record], Sequence[str]] | None = None
    refuse: Callable[[Record, str], object] | None = None

    def allowed_now(self, record: Record) -> list[str]:
        """The steps the record may take now."""
        if self.allowed is not None:
            return list(self.allowed(record))
        return list(self.next.get(record["status"], []))

    def check(self, record: Record, step: str) -> None:
        """Refuse ``step`` (``refuse``, then ``require_step``) unless it is allowed now."""
        if self.refuse is not None:
            self.refuse(record, step)
        require_step(record, step, self.allowed_now(record), self.step_labels, self.status_labels)

    def begin(
        self, tx: Transaction, record_id: str, step: str, on: dt.date, today: dt.date
    ) -> Record:
        """Load the record for ``step`` dated ``on``: refused out of order or out of date."""
        record = tx.get(record_id, self.kind)
        self.check(record, step)
        check_step_date(record, on, today)
        return record

    def finish(
        self,
        tx: Transaction,
        record: Record,
        action: str,
        on: dt.date,
        actor: str,
        *,
        status: str | None = None,
        meets: Sequence[str] = (),
        **details: Any,
    ) -> Record:
        """Record the step: its event, the new ``status``, the clocks it ``meets``; stage it."""
        add_event(record, on=on, actor=actor, now=tx.now, action=action, **details)
        if status is not None:
            record["status"] = status
        for rule_id in meets:
            meet_clock(record, rule_id, on)
        tx.update(record)
        return record


def last_step_date(record: Record) -> dt.date | None:
    """The date of the record's latest step.

    Corrections (``amend`` events) are not steps: a record corrected today
    may still have an earlier step entered from paper afterwards.
    """
    dates = [
        dt.date.fromisoformat(e["on"]) for e in record.get("events", []) if e["action"] != "amend"
    ]
    return max(dates) if dates else None


def check_step_date(record: Record | None, on: dt.date, today: dt.date) -> None:
    """Refuse a step dated after today or before the record's previous step."""
    if on > today:
        raise BadInput(
            Text(
                "日期 {on} 晚于今天（{today}）；不能登记未来发生的事项。",
                "The date {on} is after today ({today}); a step cannot be recorded in the future.",
            ),
            on=on.isoformat(),
            today=today.isoformat(),
        )
    last = last_step_date(record) if record else None
    if last is not None and on < last:
        raise StepOutOfOrder(
            Text(
                "日期 {on} 早于 {id} 的上一步骤（{last}）；请核对日期。",
                "The date {on} is before the previous step of {id} ({last}); check the date.",
            ),
            on=on.isoformat(),
            id=record["id"] if record else "",
            last=last.isoformat(),
        )


def add_event(
    record: Record, *, on: dt.date, actor: str, now: str, action: str, **details: Any
) -> dict[str, Any]:
    """Append an event (what happened, on which date, by whom) and touch ``updated``."""
    event = {"on": on.isoformat(), "at": now, "actor": actor, "action": action}
    event.update({k: v for k, v in details.items() if v is not None})
    record.setdefault("events", []).append(event)
    record["updated"] = now
    return event


def start_clock(record: Record, rule_id: str, trigger: dt.date, n: int) -> dict[str, Any]:
    """Start the deadline ``rule_id`` from ``trigger`` with a period of ``n``."""
    if rule_id not in RULES:
        raise KeyError(rule_id)
    clock = {
        "rule": rule_id,
        "trigger": trigger.isoformat(),
        "n": n,
        "extensions": [],
        "met_on": None,
    }
    record.setdefault("clocks", []).append(clock)
    return clock


def clock(record: Record, rule_id: str) -> dict[str, Any] | None:
    """The latest clock of ``rule_id`` on the record, if any."""
    found = [c for c in record.get("clocks", []) if c["rule"] == rule_id]
    return found[-1] if found else None


def meet_clock(record: Record, rule_id: str, on: dt.date) -> None:
    """Mark the open clock ``rule_id`` as met on ``on`` (no-op if none is open)."""
    c = clock(record, rule_id)
    if c is not None and c["met_on"] is None:
        c["met_on"] = on.isoformat()


def extend_clock(record: Record, rule_id: str, n: int, **details: Any) -> None:
    """Extend the clock ``rule_id`` by ``n`` units from its current due date."""
    c = clock(record, rule_id)
    if c is None:
        raise KeyError(rule_id)
    c["extensions"].append({"n": n, **details})


@dataclass(frozen=True)
class Deadline:
    """A clock read against the calendar on a given day."""

    rule: Rule
    trigger: dt.date
    due: dt.date
    met_on: dt.date | None
    state: State
    provisional: bool
    workdays_late: int

    def as_json(self) -> dict[str, Any]:
        """The JSON shape of SPEC 4: rule, trigger, due, met_on, state, provisional."""
        return {
            "rule": self.rule.id,
            "trigger": self.trigger.isoformat(),
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "state": self.state,
            "provisional": self.provisional,
            "workdays_late": self.workdays_late,
        }


def due_of(c: dict[str, Any], calendar: WorkCalendar) -> Due:
    """The due date of a clock: trigger + period, then each extension."""
    rule = RULES[c["rule"]]
    due = calendar.add(dt.date.fromisoformat(c["trigger"]), int(c["n"]), rule.unit)
    provisional = due.provisional
    for ext in c.get("extensions", []):
        due = calendar.extend(due.date, int(ext["n"]), ext.get("unit", rule.unit))
        provisional = provisional or due.provisional
    return Due(due.date, provisional)


def evaluate(c: dict[str, Any], calendar: WorkCalendar, today: dt.date) -> Deadline:
    """Read one clock on ``today``: its due date and state."""
    rule = RULES[c["rule"]]
    due = due_of(c, calendar)
    met_on = dt.date.fromisoformat(c["met_on"]) if c.get("met_on") else None
    late = 0
    state: State
    if met_on is not None:
        state = "met" if met_on <= due.date else "late"
        if state == "late":
            late = calendar.between(due.date, met_on)
    elif today <= due.date:
        state = "open"
    elif rule.party == "other":
        state = "expired"
    else:
        state = "overdue"
        late = calendar.between(due.date, today)
    return Deadline(
        rule, dt.date.fromisoformat(c["trigger"]), due.date, met_on, state, due.provisional, late
    )


def deadlines(record: Record, calendar: WorkCalendar, today: dt.date) -> list[Deadline]:
    """Every deadline of the record, in the order its clocks started."""
    return [evaluate(c, calendar, today) for c in record.get("clocks", [])]


def open_clocks(record: Record) -> list[dict[str, Any]]:
    """The clocks not yet met (cheap: no calendar work)."""
    return [c for c in record.get("clocks", []) if not c.get("met_on")]


# Who ``--handler`` matches (SPEC 4): paths into the record, a list value
# matching by any of its items. A kind with more people to it (an
# inquiry's receiver and referrals, a case's team) passes its own tuple.
HANDLER_FIELDS: tuple[str, ...] = ("responsible.person", "responsible.dept", "actor")


def field_values(record: Record, path: str) -> list[Any]:
    """The values at a dotted ``path`` (``referrals.dept``), lists flattened, None dropped."""
    values: list[Any] = [record]
    for key in path.split("."):
        found: list[Any] = []
        for value in values:
            item = value.get(key) if isinstance(value, dict) else None
            found.extend(item if isinstance(item, list) else [item])
        values = found
    return [v for v in values if v is not None]


def handled_by(record: Record, name: str, fields: Sequence[str] = HANDLER_FIELDS) -> bool:
    """True when ``name`` is one of the people or units at ``fields`` of the record."""
    return any(name in field_values(record, path) for path in fields)


def matches(
    record: Record,
    *,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    person: str | None = None,
    handler_fields: Sequence[str] = HANDLER_FIELDS,
) -> bool:
    """The common ``list`` filters (SPEC 4): status, first-step date range, person or dept.

    ``since``/``until`` compare the date of the record's first event;
    ``person`` matches a value at one of ``handler_fields`` (by default the
    responsible person or department, or the clerk who created the record).
    """
    if status is not None and record.get("status") != status:
        return False
    events = record.get("events") or []
    first = dt.date.fromisoformat(events[0]["on"]) if events else None
    if since is not None and (first is None or first < since):
        return False
    if until is not None and (first is None or first > until):
        return False
    return person is None or handled_by(record, person, handler_fields)


def select(
    records: Iterable[Record],
    calendar: WorkCalendar,
    today: dt.date,
    *,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    person: str | None = None,
    overdue: bool = False,
    handler_fields: Sequence[str] = HANDLER_FIELDS,
) -> list[Record]:
    """The records that pass the common ``list`` filters (``matches``, ``--overdue``), by id."""
    chosen = [
        r
        for r in records
        if matches(
            r, status=status, since=since, until=until, person=person, handler_fields=handler_fields
        )
        and (not overdue or is_overdue(r, calendar, today))
    ]
    return sorted(chosen, key=lambda r: r["id"])


def is_overdue(record: Record, calendar: WorkCalendar, today: dt.date) -> bool:
    """True when any deadline of the record is overdue on ``today``."""
    return any(evaluate(c, calendar, today).state == "overdue" for c in open_clocks(record))
