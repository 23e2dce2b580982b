"""Showing and listing records: shared by every record kind's commands.

``show`` prints a record's fields, its events (steps with dates and
actors) and each deadline with its state; ``list`` prints one row per
record with the common filters of SPEC 4. JSON carries the record with
``events`` and ``deadlines`` (keys ``rule, trigger, due, met_on, state,
provisional``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from commands.common import emit
from commands.context import AppContext
from commands.params import DATE
from commands.render import Column, View
from township.i18n import Text
from township.records import STATE_LABELS, Deadline, deadlines, is_overdue, matches

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
PROVISIONAL_FOOTNOTE = Text(
    "* 暂定：按尚未公布官方放假安排的年份推算，导入官方日历后自动更正。",
    "* provisional: computed for a year whose official schedule is not yet imported; "
    "corrected automatically on import.",
)


def record_json(record: dict[str, Any], found: list[Deadline]) -> dict[str, Any]:
    """The JSON shape of ``show``: the record, its events and its deadlines."""
    data = {k: v for k, v in record.items() if k != "clocks"}
    data["deadlines"] = [d.as_json() for d in found]
    return data


def deadline_rows(found: Iterable[Deadline], app: AppContext) -> list[dict[str, Any]]:
    """Display rows for deadlines (a * marks provisional due dates)."""
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
                "clause": d.rule.clause,
            }
        )
    return rows


def show_record(
    app: AppContext,
    record: dict[str, Any],
    fields: Sequence[tuple[str, Text, Any]],
    fmt: str,
    action_labels: dict[str, Text] | None = None,
) -> None:
    """Print one record: ``fields`` (key, label, display value), events, deadlines."""
    from commands.render import render

    found = deadlines(record, app.calendar, app.today)
    if fmt == "json":
        emit(app, View(data=record_json(record, found)), fmt)
        return
    labels = action_labels or {}
    head = [{"field": label, "value": value} for _key, label, value in fields]
    events = [
        {
            "on": e["on"],
            "action": labels.get(e["action"], e["action"]),
            "actor": e.get("actor", ""),
            "detail": e.get("note") or e.get("text") or "",
        }
        for e in record.get("events", [])
    ]
    field_cols = [Column("field", Text("项目", "field")), Column("value", Text("内容", "value"))]
    parts = [
        render(View(head, field_cols, title=record["id"]), fmt, app.lang),
        render(View(events, EVENT_COLUMNS, title=Text("办理经过", "Steps")), fmt, app.lang),
    ]
    if found:
        notes: list[Text | str] = (
            [PROVISIONAL_FOOTNOTE] if any(d.provisional for d in found) else []
        )
        parts.append(
            render(
                View(
                    deadline_rows(found, app),
                    DEADLINE_COLUMNS,
                    title=Text("期限", "Deadlines"),
                    notes=notes,
                ),
                fmt,
                app.lang,
            )
        )
    separator = "\n" if fmt in ("table", "plain", "github") else ""
    click.echo(separator.join(parts), nl=False)


def list_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The common ``list`` filters of SPEC 4."""
    options = [
        click.option("--status", help="Only records with this status."),
        click.option(
            "--since", type=DATE, help="Only records whose first step is on or after this date."
        ),
        click.option(
            "--until", type=DATE, help="Only records whose first step is on or before this date."
        ),
        click.option("--handler", help="Only records of this responsible person or department."),
        click.option("--overdue", is_flag=True, help="Only records with an overdue deadline."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def list_records(
    app: AppContext,
    records: Iterable[dict[str, Any]],
    columns: Sequence[Column],
    row: Callable[[dict[str, Any]], dict[str, Any]],
    fmt: str,
    *,
    status: str | None,
    since: dt.date | None,
    until: dt.date | None,
    handler: str | None,
    overdue: bool,
    to_json: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Filter and print records: one row each, JSON with their deadlines.

    ``to_json`` may mask personal data in the JSON records (``row`` does it
    for the display rows).
    """
    chosen = [
        r
        for r in records
        if matches(r, status=status, since=since, until=until, person=handler)
        and (not overdue or is_overdue(r, app.calendar, app.today))
    ]
    chosen.sort(key=lambda r: r["id"])
    data = []
    for r in chosen:
        found = deadlines(r, app.calendar, app.today)
        data.append(record_json(to_json(r) if to_json else r, found))
    empty = Text("没有符合条件的记录。", "No matching records.")
    emit(app, View([row(r) for r in chosen], columns, data=data, empty=empty), fmt)


def on_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--on DATE``: the date a step happened (default: today), for paper backfill."""
    return click.option(
        "--on", "on", type=DATE, default=None, help="The date it happened [default: today]."
    )(func)
