"""What every record kind's commands share: running a step, printing its
result, showing and listing records .

``show`` prints a record's fields, its events (steps with dates and
actors) and each deadline with its state, as one output; ``list`` prints
one row per record with the common filters. JSON carries the
record with ``events`` and ``deadlines`` (keys ``rule, trigger, due, met_on,
state, provisional``).

Protected personal data (complainants, petitioners; ``township.views.privacy``)
is masked in everything printed here unless ``--reveal`` is given, and
every reveal is audited before anything is shown.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from commands.common import emit, emit_sections, warn_skipped
from commands.context import AppContext
from commands.params import DATE, SharedOption
from commands.render import Column, View
from township.i18n import Text
from township.steps.machine import HANDLER_FIELDS, STATE_LABELS, Deadline, deadlines, select

Record = dict[str, Any]
ToJson = Callable[[Record], Record]
T = TypeVar("T")

DEADLINE_COLUMNS = [
    Column("rule_label", Text("期限", "deadline")),
    Column("trigger", Text("起算日", "trigger")),
    Column("due", Text("到期日", "due")),
    Column("met_on", Text("完成日", "met on")),
    Column("state_label", Text("状态", "state")),
    Column("clause", Text("依据", "source")),
]
EVENT_COLUMNS = [
    Column("on", Text("日期", "date")),
    Column("action", Text("步骤", "step")),
    Column("actor", Text("经办人", "actor")),
    Column("detail", Text("内容", "detail")),
]
FIELD_COLUMNS = [Column("field", Text("项目", "field")), Column("value", Text("内容", "value"))]
# The deadline that matters now, as list columns (``current_deadline``).
CURRENT_DEADLINE_COLUMNS = [
    Column("rule_label", Text("期限", "deadline")),
    Column("due", Text("到期日", "due")),
    Column("state_label", Text("期限状态", "deadline state")),
]
PROVISIONAL_FOOTNOTE = Text(
    "* 暂定：按尚未公布官方放假安排的年份推算，导入官方日历后自动更正。",
    "* provisional: computed for a year whose official schedule is not yet imported; "
    "corrected automatically on import.",
)

# -- options ---------------------------------------------------------------------

record_id_argument = click.argument("record_id", metavar="ID")


REVEAL_HELP = "Show the protected name and contact unmasked; every reveal is audited."


def reveal_option(
    func: Callable[..., Any] | None = None, *, help: str = REVEAL_HELP
) -> Callable[..., Any]:
    """``--reveal``: show protected names and contacts unmasked (audited).

    Use as ``@reveal_option`` or, with a kind's own wording, ``@reveal_option(help=...)``.
    """
    option = click.option("--reveal", cls=SharedOption, help_id="reveal", is_flag=True, help=help)
    return option if func is None else option(func)


@dataclass(frozen=True)
class ListFilters:
    """The common ``list`` filters, as ``list_options`` parses them."""

    status: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    handler: str | None = None
    overdue: bool = False
    limit: int | None = None


def list_options(
    func: Callable[..., Any] | None = None, *, statuses: Mapping[str, Text] | None = None
) -> Callable[..., Any]:
    """The common ``list`` filters, passed to the callback as ``filters``.

    ``@list_options(statuses=KIND_STATUSES)`` makes ``--status`` a catalogue
    (key or label; anything else refused, the values listed in ``--help``).
    """
    if func is None:
        return functools.partial(list_options, statuses=statuses)
    from commands.params import CatalogueChoice

    status_type = CatalogueChoice(statuses) if statuses else None
    shared = functools.partial(click.option, cls=SharedOption)
    options = [
        shared(
            "--status", help_id="status", type=status_type, help="Only records with this status."
        ),
        shared(
            "--since",
            help_id="since",
            type=DATE,
            help="Only records whose first step is on or after this date.",
        ),
        shared(
            "--until",
            help_id="until",
            type=DATE,
            help="Only records whose first step is on or before this date.",
        ),
        shared(
            "--handler",
            help_id="handler",
            help="Only records of this responsible person or department.",
        ),
        shared(
            "--overdue",
            help_id="overdue",
            is_flag=True,
            help="Only records with an overdue deadline.",
        ),
        shared(
            "--limit",
            help_id="limit",
            type=click.IntRange(min=1),
            metavar="N",
            help="At most N records (the newest first when limited).",
        ),
    ]

    @functools.wraps(func)
    def callback(*args: Any, **kwargs: Any) -> Any:
        names = ("status", "since", "until", "handler", "overdue", "limit")
        filters = ListFilters(**{name: kwargs.pop(name) for name in names})
        return func(*args, filters=filters, **kwargs)

    for option in reversed(options):
        callback = option(callback)
    return callback


# -- cells -------------------------------------------------------------------------


def record_json(record: Record, found: list[Deadline]) -> Record:
    """The JSON shape of ``show``: the record, its events and its deadlines."""
    data = {k: v for k, v in record.items() if k != "clocks"}
    data["deadlines"] = [d.as_json() for d in found]
    return data


def deadline_rows(found: Iterable[Deadline], app: AppContext) -> list[dict[str, Any]]:
    """Display rows for deadlines (a * marks provisional due dates).

    The clause is shown as the rules in force read it (``clause_in_force``):
    a number changed in ``township.toml`` ``[rules]`` follows the quote.
    """
    from township.book.rules import clause_in_force

    rows = []
    for d in found:
        state = STATE_LABELS[d.state]
        if d.state in ("overdue", "late") and d.workdays_late:
            state = Text(
                f"{state.zh} {d.workdays_late} 个工作日",
                f"{state.en} by {d.workdays_late} working days",
            )
        rows.append(
            {
                "rule_label": d.rule.label,
                "trigger": d.trigger.isoformat(),
                "due": d.due.isoformat() + (" *" if d.provisional else ""),
                "met_on": d.met_on.isoformat() if d.met_on else "",
                "state_label": state,
                "clause": clause_in_force(d.rule, app.config.rules),
            }
        )
    return rows


def responsible_cell(record: Record) -> str:
    """``dept person`` of the record's responsible unit and person."""
    resp = record.get("responsible") or {}
    return " ".join(v for v in (resp.get("dept"), resp.get("person")) if v)


def current_deadline(app: AppContext, record: Record) -> dict[str, Any]:
    """Cells (``CURRENT_DEADLINE_COLUMNS``) of the deadline that matters now.

    The soonest-due of the open deadlines; once all are met, the last-due
    one (a petition's conclusion, a denial's filing).
    """
    found = deadlines(record, app.calendar, app.today)
    if not found:
        return {}
    pending = [d for d in found if d.met_on is None]
    chosen = min(pending, key=lambda d: d.due) if pending else max(found, key=lambda d: d.due)
    return deadline_rows([chosen], app)[0]


# -- steps -----------------------------------------------------------------------


def env_of(app: AppContext) -> Any:
    """The ``township.steps.machine.Env`` of the command: calendar and the rules in force."""
    from township.steps.machine import Env

    return Env(app.calendar, dict(app.config.rules), app.config)


def take_step(
    app: AppContext,
    command: str,
    step: Callable[..., T],
    *args: Any,
    on: dt.date | None = None,
    **kwargs: Any,
) -> T:
    """Run the library ``step`` in one transaction named ``command``; return its result.

    The step is given the date it happened (``on``, default today), today,
    the acting clerk and the ``env`` (``env_of``), besides ``args`` and
    ``kwargs``. The calendar and the configuration are read before the
    transaction opens, so a damaged ``calendar.json`` or ``township.toml``
    stops the command before anything is locked or written.
    """
    env = env_of(app)
    with app.store.transaction(app.user, command) as tx:
        return step(
            tx, *args, on=on or app.today, today=app.today, actor=app.user, env=env, **kwargs
        )


def confirm(
    app: AppContext,
    record: Record,
    fmt: str,
    what: Text,
    *,
    deadlines_of: Record | None = None,
    to_json: ToJson | None = None,
) -> None:
    """Confirm a step in one sentence: what was recorded and what is due next.

    The sentence names the deadline the step met late (by how many working
    days), or else the next open deadline with its due date, of the record
    (or of ``deadlines_of``: the case a complaint opened); with ``--format
    json`` the (masked) record is printed as ``show`` does.
    """
    from township.i18n import render

    def sentence() -> str:
        return render(
            Text("{what}；{tail}。", "{what}; {tail}."),
            app.lang,
            {"what": what, "tail": next_deadline(app, deadlines_of or record)},
        )

    emit_step(app, record, fmt, sentence, to_json=to_json)


def next_deadline(app: AppContext, record: Record) -> Text:
    """What a confirmation says is due: the deadline the last step met late, or the next one."""
    found = deadlines(record, app.calendar, app.today)
    events = record.get("events") or []
    on = events[-1]["on"] if events else None
    late = [d for d in found if d.state == "late" and d.met_on and d.met_on.isoformat() == on]
    pending = [d for d in found if d.met_on is None]
    tail: Text
    if late:
        d = late[0]
        tail = Text(
            f"「{d.rule.label.zh}」逾期 {d.workdays_late} 个工作日完成（到期日 {d.due}）",
            f"'{d.rule.label.en}' met {d.workdays_late} working "
            f"day{'s' if d.workdays_late != 1 else ''} late (due {d.due})",
        )
    elif pending:
        d = min(pending, key=lambda x: x.due)
        star = " *" if d.provisional else ""
        tail = Text(
            f"下一个期限：{d.rule.label.zh}，{d.due}{star} 到期",
            f"next deadline: {d.rule.label.en}, due {d.due}{star}",
        )
    else:
        tail = Text("没有未完成的期限", "no open deadline")
    return tail


def emit_record(
    app: AppContext, record: Record, fmt: str = "json", *, to_json: ToJson | None = None
) -> None:
    """Print ``record`` as ``show --format json`` does, personal data masked.

    ``to_json`` adds what a kind computes when read (a case's aggravation).
    """
    from township.views.privacy import masked

    found = deadlines(record, app.calendar, app.today)
    # A record read or written by the store is of the kind of its file
    # (``township.storage.records.admit`` sets ``kind``): masking follows it.
    shown = masked(to_json(record) if to_json else record, kind=record.get("kind"))
    emit(app, View(data=record_json(shown, found)), fmt)


def _as_record(
    app: AppContext, record: Record, fmt: str, line: Callable[[], str], to_json: ToJson | None
) -> None:
    emit_record(app, record, fmt, to_json=to_json)


def _as_line(
    app: AppContext, record: Record, fmt: str, line: Callable[[], str], to_json: ToJson | None
) -> None:
    click.echo(line())


# What a step prints in each format: the record for data formats, else one line.
_STEP_OUTPUT = {"json": _as_record}


def emit_step(
    app: AppContext,
    record: Record,
    fmt: str,
    line: Callable[[], str],
    *,
    to_json: ToJson | None = None,
) -> None:
    """Print a step's result: the (masked) record with ``--format json``, else ``line()``."""
    _STEP_OUTPUT.get(fmt, _as_line)(app, record, fmt, line, to_json)


def created(
    app: AppContext,
    record: Record,
    fmt: str,
    *,
    to_json: ToJson | None = None,
) -> None:
    """Print a new record's id, or with ``--format json`` the record as ``show`` does.

    A second line names every deadline the new record starts, each with its
    due date, soonest first (the id stays alone on the first line, for scripts):
    a task's completion as well as its first progress report.
    """
    from township.i18n import render

    def lines() -> str:
        if not record.get("clocks"):
            return str(record["id"])
        started = sorted(
            (d for d in deadlines(record, app.calendar, app.today) if d.met_on is None),
            key=lambda d: d.due,
        )
        if len(started) > 1:
            zh = "；".join(
                f"{d.rule.label.zh}，{d.due}{' *' if d.provisional else ''} 到期" for d in started
            )
            en = "; ".join(
                f"{d.rule.label.en}, due {d.due}{' *' if d.provisional else ''}" for d in started
            )
            return f"{record['id']}\n" + render(
                Text("期限：{zh}。", "Deadlines: {en}."), app.lang, {"zh": zh, "en": en}
            )
        tail = render(Text("{tail}。", "{tail}."), app.lang, {"tail": next_deadline(app, record)})
        return f"{record['id']}\n{tail[0].upper()}{tail[1:]}"

    emit_step(app, record, fmt, lines, to_json=to_json)


# -- reading, revealing ------------------------------------------------------------


def _audit_reveal(
    app: AppContext, records: Sequence[Record], view: str, command: str, kind: str | None
) -> None:
    from township.views.privacy import audit_reveals, revealed_fields

    if any(revealed_fields(r, kind) for r in records):
        with app.store.transaction(app.user, command) as tx:
            audit_reveals(tx, records, kind, view=view)


def read_record(
    app: AppContext,
    kind: str,
    record_id: str,
    *,
    reveal: bool = False,
    view: str = "show",
    command: str | None = None,
) -> Record:
    """The record as it is printed: masked, or with ``reveal`` unmasked and audited.

    The reveal is audited in the transaction that reads the record (named
    ``command``, default ``KIND VIEW --reveal``), so an unknown id writes
    nothing.
    """
    from township.views.privacy import audit_reveals, masked

    if not reveal:
        return masked(app.store.get(record_id, kind), kind=kind)
    with app.store.transaction(app.user, command or f"{kind} {view} --reveal") as tx:
        record = tx.get(record_id, kind)
        audit_reveals(tx, [record], kind, view=view)
    return record


def _event_text(event: dict[str, Any]) -> Any:
    return event.get("note") or event.get("text") or ""


def show_record(
    app: AppContext,
    record: Record,
    fields: Sequence[tuple[str, Text, Any]],
    fmt: str,
    action_labels: dict[str, Text] | None = None,
    *,
    event_detail: Callable[[dict[str, Any]], Any] | None = None,
) -> None:
    """Print one record as one output: its fields, its steps, its deadlines.

    ``fields`` are (key, label, display value); ``action_labels`` name the
    steps, ``event_detail`` says what a step recorded (default: its note or
    text). JSON is the record with its deadlines; CSV the fields table.
    """
    from township.errors import RECORD_ERRORS, Skipped

    try:
        found = deadlines(record, app.calendar, app.today)
        warnings: list[Any] = []
    except RECORD_ERRORS as exc:  # a damaged record is still shown, without deadlines
        found = []
        warnings = warn_skipped(app, [Skipped(record, exc)])
    labels = {"amend": Text("更正", "amended"), **(action_labels or {})}
    detail = event_detail or _event_text
    head = [{"field": label, "value": value} for _key, label, value in fields]
    events = [
        {
            "on": e["on"],
            "action": labels.get(e["action"], e["action"]),
            "actor": e.get("actor", ""),
            "detail": detail(e),
        }
        for e in record.get("events", [])
    ]
    sections = [
        View(head, FIELD_COLUMNS),
        View(events, EVENT_COLUMNS, title=Text("办理经过", "Steps")),
    ]
    if found:
        notes: list[Text | str] = (
            [PROVISIONAL_FOOTNOTE] if any(d.provisional for d in found) else []
        )
        sections.append(
            View(
                deadline_rows(found, app),
                DEADLINE_COLUMNS,
                title=Text("期限", "Deadlines"),
                notes=notes,
            )
        )
    emit_sections(
        app, sections, fmt, title=record["id"], data=record_json(record, found), notes=warnings
    )


def list_records(
    app: AppContext,
    records: Iterable[Record],
    columns: Sequence[Column],
    row: Callable[[Record], dict[str, Any]],
    fmt: str,
    filters: ListFilters,
    *,
    handler_fields: Sequence[str] = HANDLER_FIELDS,
    to_json: ToJson | None = None,
    reveal: bool = False,
    reveal_command: str | None = None,
    kind: str | None = None,
) -> None:
    """Filter and print records: one row each, JSON with their deadlines.

    ``handler_fields`` are the paths ``--handler`` matches (a kind with more
    people to a record passes its own, ``township.steps.machine.HANDLER_FIELDS``
    by default). ``row`` and ``to_json`` get the record as printed: masked,
    unless ``reveal`` (then each record shown is audited first, in a
    transaction named ``reveal_command``, default ``KIND list --reveal``).
    ``kind``: the kind of the files the records were read from, which
    masking follows (``township.views.privacy``).
    """
    from township.errors import RECORD_ERRORS, Skipped
    from township.views.privacy import masked

    # One damaged or odd record never stops a list: it is left out and named.
    skipped: list[Skipped] = []
    found_of: dict[int, list[Deadline]] = {}
    # Each record is masked and made a row once (trying it is what finds a
    # damaged one); the rows of the records chosen are printed as made.
    made: dict[int, tuple[Record, dict[str, Any]]] = {}

    def readable(records: Iterable[Record]) -> Iterable[Record]:
        for r in records:
            try:
                if not isinstance(r.get("id"), str):
                    raise TypeError("the record has no id")
                found_of[id(r)] = deadlines(r, app.calendar, app.today)
                shown = masked(r, reveal, kind)
                made[id(r)] = (shown, row(shown))
            except RECORD_ERRORS as exc:
                skipped.append(Skipped(r, exc))
                continue
            yield r

    chosen = select(
        readable(records),
        app.calendar,
        app.today,
        status=filters.status,
        since=filters.since,
        until=filters.until,
        person=filters.handler,
        overdue=filters.overdue,
        handler_fields=handler_fields,
    )
    if filters.limit is not None and len(chosen) > filters.limit:
        chosen = chosen[-filters.limit :]
    if reveal and chosen:
        command = reveal_command or f"{kind or chosen[0]['kind']} list --reveal"
        _audit_reveal(app, chosen, "list", command, kind)
    shown = [made[id(r)][0] for r in chosen]
    rows = [made[id(r)][1] for r in chosen]
    # JSON only: a table needs no record as JSON (with its deadlines) per row.
    data = (
        [
            record_json(to_json(s) if to_json else s, found_of[id(r)])
            for r, s in zip(chosen, shown, strict=True)
        ]
        if fmt == "json"
        else None
    )
    empty = Text("没有符合条件的记录。", "No matching records.")
    notes = warn_skipped(app, skipped)
    emit(app, View(rows, columns, data=data, empty=empty, notes=notes), fmt)
