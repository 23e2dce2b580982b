"""What every record has, and how its deadlines are read .

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

from township.book.rules import RULES, Rule, period
from township.calendar import Due, WorkCalendar
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

if TYPE_CHECKING:
    from township.book.registry import KindSpec
    from township.book.registry import Step as StepDecl
    from township.storage.store import Transaction

# Events are dated from this day on ; the calendar covers it.
EARLIEST = dt.date(2000, 1, 1)

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
    """``value`` stripped; ``BadInput`` naming the option when it is empty.

    Blank text, or text of nothing but invisible characters (zero-width
    spaces, U+3000), counts as empty .
    """
    from township.text import is_blank, visible

    if value is None or is_blank(value):
        raise BadInput(
            Text("{what}不能为空；请填写后重试。", "{what} must not be empty; fill it in."),
            what=what,
        )
    return visible(value)


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
            "{id} is {status}: the step {step} is not allowed now. Next allowed step: {next}.",
        ),
        id=record["id"],
        status=status,
        step=step,
        next=nxt,
    )


@dataclass(frozen=True)
class Env:
    """What a step needs besides the transaction: the calendar and the rules in force.

    ``rules`` are the ``township.toml`` ``[rules]`` overrides; ``config`` the
    whole configuration, for a kind that reads more of it (services, [dibao]).
    """

    calendar: WorkCalendar
    rules: Mapping[str, int] = field(default_factory=dict)
    config: Any = None

    def period(self, rule_id: str) -> int:
        """The period of ``rule_id`` in force (``township.book.rules.period``)."""
        return period(rule_id, self.rules)


class Machine:
    """The one step machine: every kind's steps, creation included .

    ``begin`` loads a record for a step and refuses the step when it is out
    of order (naming the next allowed steps) or dated after today, before
    2000 or before the record's previous step. ``finish`` records the step's
    event and status, meets the clocks the rule book says the step meets and
    starts the ones it starts, then computes every deadline of the record
    before anything is staged: a period that ends past the calendar's last
    year is refused while nothing has been written. ``create`` does the same
    for the step that creates a record.
    """

    def __init__(self, declaration: KindSpec) -> None:
        self.spec = declaration

    # -- order ----------------------------------------------------------

    def check(self, record: Record, step: str) -> StepDecl:
        """The step ``step`` if the record may take it now, else ``StepOutOfOrder``."""
        wanted = self.spec.step(step)
        if self.spec.refuse is not None:
            self.spec.refuse(record, step)
        allowed = self.spec.allowed(record)
        if wanted in allowed:
            return wanted
        status = self.spec.statuses.get(record["status"], Text(record["status"], record["status"]))
        if wanted.once and any(e.get("action") == step for e in record.get("events", [])):
            raise StepOutOfOrder(
                Text(
                    "{id} 已经{step}过一次，只能办理一次；可以进行的下一步：{next}。",
                    "{id} was already through '{step}', which is allowed once. Next allowed "
                    "step: {next}.",
                ),
                id=record["id"],
                step=wanted.label,
                next=self._names(allowed),
            )
        raise out_of_order(record, self._hint(wanted), status, [self._hint(s) for s in allowed])

    def _hint(self, step: StepDecl) -> Text:
        return step.hint or Text(
            f"{step.label.zh}（{self.spec.name} {step.name}）",
            f"{step.label.en} ({self.spec.name} {step.name})",
        )

    def _names(self, steps: Sequence[StepDecl]) -> object:
        return [self._hint(s) for s in steps] or Text("无（已结束）", "none (it is closed)")

    def next_steps(self, record: Record) -> list[Text]:
        """The commands the record may take next, for confirmations."""
        return [self._hint(s) for s in self.spec.allowed(record)]

    # -- steps ----------------------------------------------------------

    def begin(
        self, tx: Transaction, record_id: str, step: str, on: dt.date, today: dt.date
    ) -> Record:
        """Load the record for ``step`` dated ``on``: refused out of order or out of date."""
        record = tx.get(record_id, self.spec.name)
        self.check(record, step)
        check_step_date(record, on, today)
        return record

    def create(
        self,
        tx: Transaction,
        step: str,
        build: Callable[[str], Record],
        *,
        on: dt.date,
        today: dt.date,
        actor: str,
        env: Env,
        year: int | None = None,
        periods: Mapping[str, int] | None = None,
        fixed: Mapping[str, dt.date] | None = None,
        triggers: Mapping[str, dt.date] | None = None,
        **details: Any,
    ) -> Record:
        """Create a record with ``build(id)`` by the creating ``step`` (its first event).

        Everything is checked (the date, every deadline the step starts)
        on a trial record before an id is allocated. ``triggers`` starts a
        rule from a date other than the step's (a leader who received the
        request earlier).
        """
        check_step_date(None, on, today)
        decl = self.spec.step(step)

        def finished(record_id: str) -> Record:
            record = build(record_id)
            record.setdefault("events", [])
            record.setdefault("clocks", [])
            if isinstance(decl.to, str):
                record["status"] = decl.to
            add_event(record, on=on, actor=actor, now=tx.now, action=step, **details)
            self._clocks(record, step, on, env, periods, fixed, triggers)
            self.validate(record, env.calendar)
            return record

        finished(f"{self.spec.name}-trial")  # raises before anything is staged
        return tx.create(self.spec.name, year or today.year, finished)

    def finish(
        self,
        tx: Transaction,
        record: Record,
        step: str,
        on: dt.date,
        actor: str,
        env: Env,
        *,
        periods: Mapping[str, int] | None = None,
        fixed: Mapping[str, dt.date] | None = None,
        triggers: Mapping[str, dt.date] | None = None,
        **details: Any,
    ) -> Record:
        """Record ``step``: its event and status, the clocks it meets and starts; stage it.

        ``triggers`` starts a rule from a date other than the step's.
        """
        decl = self.spec.step(step)
        add_event(record, on=on, actor=actor, now=tx.now, action=step, **details)
        if isinstance(decl.to, str):
            record["status"] = decl.to
        self._clocks(record, step, on, env, periods, fixed, triggers)
        self.validate(record, env.calendar)
        tx.update(record)
        self._notify_links(tx, record, env)
        return record

    def _notify_links(self, tx: Transaction, record: Record, env: Env) -> None:
        """Let the kinds linked to ``record`` see the step (a supervision notice closes
        when the matter it supervises is done, 督办制度 (四))."""
        from township.book.registry import KINDS, spec

        for kind in KINDS.values():
            if kind.backlink and kind.name != self.spec.name and record.get(kind.backlink):
                hook = spec(kind.name).on_linked_step
                if hook is not None:
                    hook(tx, record, env)

    def note_step(
        self,
        tx: Transaction,
        record_id: str,
        step: str,
        *,
        field: str,
        text: str | None,
        what: Text,
        on: dt.date,
        today: dt.date,
        actor: str,
        env: Env,
    ) -> Record:
        """A step that records one required text (a result, a reason) in ``field``.

        The order and date are checked first, then the text (``require_text``,
        naming ``what``); it is stored and kept as the event's note.
        """
        record = self.begin(tx, record_id, step, on, today)
        value = require_text(text, what)
        record[field] = value
        return self.finish(tx, record, step, on, actor, env, note=value)

    # -- declared steps ---------------------------------------------------

    def take(
        self,
        tx: Transaction,
        step: str,
        record_id: str | None,
        values: Mapping[str, Any],
        *,
        on: dt.date,
        today: dt.date,
        actor: str,
        env: Env,
    ) -> Record:
        """Take the declared ``step`` with its ``values`` (one per declared input).

        A step with logic of its own runs its function (``Step.run``) with
        the values as keywords, its declared inputs checked first
        (``run_inputs``). A plain step is taken here: the order and
        the date are checked, then every input (``check_inputs``); each
        value is stored in the field its input writes, the input marked
        ``note`` becomes the event's note, and the clocks are met and
        started as the rule book says.
        """
        decl = self.spec.step(step)
        if decl.run is not None:
            args = () if decl.creates else (record_id,)
            given = run_inputs(decl, values)
            return decl.run(tx, *args, on=on, today=today, actor=actor, env=env, **given)
        return self.plain(tx, step, record_id, values, on=on, today=today, actor=actor, env=env)

    def plain(
        self,
        tx: Transaction,
        step: str,
        record_id: str | None,
        values: Mapping[str, Any],
        *,
        on: dt.date,
        today: dt.date,
        actor: str,
        env: Env,
        computed: Mapping[str, Any] | None = None,
    ) -> Record:
        """Take ``step`` as a plain step: check its inputs, store them, meet and start
        its clocks. A step's own function calls this after its own checks, with
        the fields it ``computed`` (stored as they are)."""
        decl = self.spec.step(step)
        if decl.creates:
            checked = check_inputs(decl, values)
            fields: dict[str, Any] = dict(computed or {})
            for inp in decl.inputs:
                if inp.field:
                    put(fields, inp.field, checked.get(inp.name))
            responsible = fields.pop("responsible", {})
            if decl.stamp:
                fields[decl.stamp] = on.isoformat()

            def build(new_id: str) -> Record:
                return new_record(
                    self.spec.name,
                    new_id,
                    actor=actor,
                    now=tx.now,
                    status=_status(decl, checked) or "",
                    person=responsible.get("person") or actor,
                    dept=responsible.get("dept"),
                    **fields,
                )

            return self.create(
                tx, step, build, on=on, today=today, actor=actor, env=env, note=_note(decl, checked)
            )
        assert record_id is not None
        record = self.begin(tx, record_id, step, on, today)
        checked = check_inputs(decl, values)
        for inp in decl.inputs:
            if inp.field and inp.name in checked:
                put(record, inp.field, checked[inp.name])
        record.update(computed or {})
        if decl.stamp:
            record[decl.stamp] = on.isoformat()
        if not isinstance(decl.to, str) and decl.to is not None:
            record["status"] = _status(decl, checked)
        return self.finish(tx, record, step, on, actor, env, note=_note(decl, checked))

    def _clocks(
        self,
        record: Record,
        step: str,
        on: dt.date,
        env: Env,
        periods: Mapping[str, int] | None,
        fixed: Mapping[str, dt.date] | None,
        triggers: Mapping[str, dt.date] | None = None,
    ) -> None:
        for c in open_clocks(record):
            if step in RULES[c["rule"]].meets:
                c["met_on"] = on.isoformat()
        for rule in RULES.values():
            if rule.kind != self.spec.name or not rule.started_by(step):
                continue
            when = self.spec.start_when.get(rule.id)
            if when is not None and not when(record):
                continue
            start = (triggers or {}).get(rule.id, on)
            if fixed and rule.id in fixed:
                start_clock(record, rule.id, start, 0, due=fixed[rule.id])
            elif periods and rule.id in periods:
                start_clock(record, rule.id, start, int(periods[rule.id]))
            elif rule.n is not None:
                start_clock(record, rule.id, start, env.period(rule.id))
            elif rule.unit == "quarter-end":
                start_clock(record, rule.id, start, 0)

    @staticmethod
    def validate(record: Record, calendar: WorkCalendar) -> None:
        """Compute every deadline of the record; ``BadInput`` if one cannot be counted."""
        for c in record.get("clocks", []):
            due_of(c, calendar)


def check_inputs(step: StepDecl, values: Mapping[str, Any]) -> dict[str, Any]:
    """The step's inputs checked: required ones present, text visible, numbers in bounds.

    Returns the values to store (text stripped of what surrounds it; an
    optional value that was not given is left out). ``BadInput`` names the
    input by its label.
    """
    from township.text import visible

    checked: dict[str, Any] = {}
    for inp in step.inputs:
        value = values.get(inp.name, inp.default)
        if inp.type == "text":
            if inp.required or value is not None:
                value = require_text(value, inp.label) if inp.required else visible(value) or None
        elif inp.type == "texts":
            value = [require_text(v, inp.label) for v in value or ()]
            if inp.required and not value:
                value = [require_text(None, inp.label)]
        elif inp.type in ("int", "amount") and value is not None:
            value = check_number(value, inp)
        elif inp.type == "date" and isinstance(value, dt.date):
            check_date(value, inp.label)
            value = value.isoformat()
        elif inp.type in ("choice", "choices") and value is not None and value != ():
            for key in value if inp.type == "choices" else (value,):
                check_choice(key, inp)
            if inp.type == "choices":
                value = list(value)
        elif (inp.type == "choices" and inp.required and not value) or (
            inp.required and value is None
        ):
            require_text(None, inp.label)
        if value is not None and value != [] and value is not False:
            checked[inp.name] = value
    return checked


def run_inputs(step: StepDecl, values: Mapping[str, Any]) -> dict[str, Any]:
    """The keywords of a step's function: its declared inputs checked as ``check_inputs``
    checks them (blank or invisible text refused when required, left out when
    optional), in the types the function takes (a date stays a date, repeated
    text a list); an input not given is its default (``()`` when repeated,
    ``False`` for a flag). Values the step does not declare pass as given.
    """
    checked = check_inputs(step, values)
    given = dict(values)
    for inp in step.inputs:
        if inp.name in checked:
            if inp.type != "date":
                given[inp.name] = checked[inp.name]
        elif inp.type == "flag":
            given[inp.name] = False
        elif inp.type in ("texts", "choices"):
            given[inp.name] = ()
        else:
            given[inp.name] = inp.default
    return given


def check_number(value: Any, inp: Any) -> Any:
    """``value`` within the input's bounds, else ``BadInput`` naming the input."""
    low = inp.low if inp.low is not None else 0
    if (inp.high is not None and value > inp.high) or value < low:
        raise BadInput(
            Text(
                "{what}应在 {low} 至 {high} 之间（收到 {value}）。",
                "{what} must be between {low} and {high} (got {value}).",
            ),
            what=inp.label,
            low=low,
            high=inp.high if inp.high is not None else "∞",
            value=value,
        )
    return value


def check_choice(key: Any, inp: Any) -> Any:
    """``key`` if it is a key of the input's catalogue, else ``BadInput`` listing them."""
    catalogue = inp.catalogue or {}
    if key not in catalogue:
        raise BadInput(
            Text(
                "{what}「{value}」无效；可选：{valid}。",
                "Invalid {what} '{value}'; valid: {valid}.",
            ),
            what=inp.label,
            value=key,
            valid=Text(
                "、".join(f"{k} {v.zh}" for k, v in catalogue.items()),
                ", ".join(f"{k} ({v.en})" for k, v in catalogue.items()),
            ),
        )
    return key


def check_date(day: dt.date, what: Text) -> None:
    """Refuse a date before 2000-01-01, which no record of the office can carry."""
    if day < EARLIEST:
        raise BadInput(
            Text(
                "{what} {on} 早于 {earliest}；请核对日期。",
                "{what} {on} is before {earliest}; check the date.",
            ),
            what=what,
            on=day.isoformat(),
            earliest=EARLIEST.isoformat(),
        )


def put(record: dict[str, Any], path: str, value: Any) -> None:
    """Store ``value`` at the dotted ``path`` of ``record`` (``responsible.dept``)."""
    *parents, leaf = path.split(".")
    for key in parents:
        record = record.setdefault(key, {})
    record[leaf] = value


def _status(step: StepDecl, checked: Mapping[str, Any]) -> str | None:
    """The status a step leads to: its ``to``, or what its ``by`` input chose."""
    if step.to is None or isinstance(step.to, str):
        return step.to
    return step.to[checked[step.by or ""]]


def _note(step: StepDecl, checked: Mapping[str, Any]) -> Any:
    for inp in step.inputs:
        if inp.note and inp.name in checked:
            return checked[inp.name]
    return None


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
    """Refuse a step dated after today, before 2000, or before the record's previous step."""
    if on < EARLIEST:
        raise BadInput(
            Text(
                "日期 {on} 早于 {earliest}；请核对日期。",
                "The date {on} is before {earliest}; check the date.",
            ),
            on=on.isoformat(),
            earliest=EARLIEST.isoformat(),
        )
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


def start_clock(
    record: Record, rule_id: str, trigger: dt.date, n: int, *, due: dt.date | None = None
) -> dict[str, Any]:
    """Start the deadline ``rule_id`` from ``trigger`` with a period of ``n``.

    A rule of unit ``fixed`` takes its ``due`` date from the step instead.
    """
    if rule_id not in RULES:
        raise KeyError(rule_id)
    clock: dict[str, Any] = {
        "rule": rule_id,
        "trigger": trigger.isoformat(),
        "n": n,
        "extensions": [],
        "met_on": None,
    }
    if due is not None:
        clock["due"] = due.isoformat()
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
        """The JSON shape of rule, trigger, due, met_on, state, provisional."""
        return {
            "rule": self.rule.id,
            "trigger": self.trigger.isoformat(),
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "state": self.state,
            "provisional": self.provisional,
            "workdays_late": self.workdays_late,
        }


def add_months(start: dt.date, n: int) -> dt.date:
    """The day of month ``n`` after ``start`` with ``start``'s day number, or that
    month's last day when it has no such day (民法典 第二百零二条)."""
    index = start.year * 12 + start.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last))


def quarter_end(day: dt.date) -> dt.date:
    """The last day of the calendar quarter ``day`` falls in."""
    last_month = (day.month - 1) // 3 * 3 + 3
    if last_month == 12:
        return dt.date(day.year, 12, 31)
    return dt.date(day.year, last_month + 1, 1) - dt.timedelta(days=1)


def add_period(calendar: WorkCalendar, start: dt.date, n: int, unit: str) -> Due:
    """The end of a period of ``n`` ``unit`` after ``start`` , rolled off rest days."""
    if unit == "month":
        if not 0 <= n <= 1200:
            raise BadInput(
                Text("期限月数超出范围：{n}。", "A period of {n} months is out of range."), n=n
            )
        return calendar.add(add_months(start, n), 0, "day")
    if unit == "quarter-end":
        # The last day of the quarter ``start`` falls in (a local reading of
        # "每季度"), rolled off a rest day like a period of days.
        return calendar.add(quarter_end(start), 0, "day")
    if unit == "fixed":
        return calendar.add(start, 0, "day")
    if unit == "month-end":
        # The last day of the n-th month counted from start's own: the end of the
        # month (1), quarter (3) or year (12) that begins on start.
        if not 1 <= n <= 1200:
            raise BadInput(
                Text("期限月数超出范围：{n}。", "A period of {n} months is out of range."), n=n
            )
        end = add_months(start.replace(day=1), n) - dt.timedelta(days=1)
        return calendar.add(end, 0, "day")
    return calendar.add(start, n, unit)  # type: ignore[arg-type]


def due_of(c: dict[str, Any], calendar: WorkCalendar) -> Due:
    """The due date of a clock: trigger + period (or its fixed date), then each extension.

    The period is counted in the rule's unit, or in the clock's own ``unit``
    when it has one (a recurring duty whose ``[duties] every`` changed it).
    """
    rule = RULES[c["rule"]]
    if c.get("due"):
        # A fixed date: due that day; the clerk chose it, it does not roll.
        day = dt.date.fromisoformat(c["due"])
        due = Due(day, calendar.is_provisional_year(day.year))
    else:
        unit = c.get("unit") or rule.unit
        due = add_period(calendar, dt.date.fromisoformat(c["trigger"]), int(c["n"]), unit)
    provisional = due.provisional
    for ext in c.get("extensions", []):
        unit = ext.get("unit", "day" if rule.unit == "fixed" else rule.unit)
        due = add_period(calendar, due.date, int(ext["n"]), unit)
        provisional = provisional or due.provisional
    return Due(due.date, provisional)


def evaluate(c: dict[str, Any], calendar: WorkCalendar, today: dt.date) -> Deadline:
    """Read one clock on ``today``: its due date and state .

    The one place that says what state a deadline is in on a given day;
    ``show``, the daily report, the statistics and the recurring duties (whose
    periods are clocks, ``township.kinds.duty``) all read it. ``met`` on or
    before the due date, ``late`` after it; unmet, ``open`` up to the due date
    and ``overdue`` from the day after, counted in working days; a clock of
    another party (the appeal window, the county's decision) is ``expired``,
    never overdue. A step dated after ``today`` has not happened yet on it.
    """
    rule = RULES[c["rule"]]
    due = due_of(c, calendar)
    met_on = dt.date.fromisoformat(c["met_on"]) if c.get("met_on") else None
    if met_on is not None and met_on > today:
        met_on = None
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


# Who ``--handler`` matches : paths into the record, a list value
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
    """The common ``list`` filters : status, first-step date range, person or dept.

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
