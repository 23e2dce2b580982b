"""``township duty``: recurring duties (定期工作)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipGroup
from commands.common import emit, emit_sections, pass_app
from commands.context import AppContext
from commands.params import CALENDAR_DATE, format_option
from commands.records_view import PROVISIONAL_FOOTNOTE, on_option
from commands.render import Column, View
from township.i18n import Text

if TYPE_CHECKING:
    from township.book.machine import Record
    from township.kinds.duty import DutyStatus, DutyView, Obligation

LIST_COLUMNS = [
    Column("duty", Text("编号", "duty")),
    Column("label", Text("定期工作", "what")),
    Column("every", Text("周期", "every")),
    Column("last_done", Text("上次完成", "last done")),
    Column("due", Text("下次到期", "next due")),
    Column("state", Text("状态", "state")),
    Column("responsible", Text("责任部门", "responsible")),
]
HISTORY_COLUMNS = [
    Column("period", Text("期间", "period")),
    Column("trigger", Text("起算日", "from")),
    Column("due", Text("到期日", "due")),
    Column("met_on", Text("完成日", "done on")),
    Column("state", Text("状态", "state")),
]
DONE_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("on", Text("日期", "date")),
    Column("actor", Text("经办人", "actor")),
    Column("source", Text("来源", "source")),
    Column("note", Text("备注", "note")),
]


@click.group(cls=TownshipGroup)
def duty() -> None:
    """Recurring duties (定期工作): sweeps, meetings, summaries, circulars.

    Each duty falls due again after it is done ("every N days") or once per
    month, quarter or year; overdue and due-soon duties are in the daily
    report. township.toml [duties] may switch one off, change its period
    or its office, and set the start date.

    \b
    Example:
      township duty list
      township duty done office-meeting --on 2026-03-02 --note "第 9 次办公例会"
      township duty show office-meeting
    """


def _state_label(
    status: DutyStatus | None, ob: Obligation, as_of: dt.date, app: AppContext
) -> Text:
    from township.kinds.duty import STATE_LABELS

    state = ob.state(as_of)
    label = STATE_LABELS[state]
    if state == "overdue":
        n = app.calendar.between(ob.due, as_of)
        return Text(f"逾期 {n} 个工作日", f"overdue by {n} working days")
    if state == "late":
        n = app.calendar.between(ob.due, ob.met_on) if ob.met_on else 0
        return Text(f"逾期 {n} 个工作日完成", f"done {n} working days late")
    return label


def _due_cell(ob: Obligation) -> str:
    return ob.due.isoformat() + (" *" if ob.provisional else "")


@duty.command("list")
@click.option(
    "--as-of", "as_of", type=CALENDAR_DATE, help="The day to read the duties on [default: today]."
)
@format_option
@pass_app
def list_duties(app: AppContext, as_of: dt.date | None, fmt: str) -> None:
    """List each duty: its period, when it was last done, when it is due next.

    A duty switched off in township.toml is not listed.

    \b
    Example:
      township duty list
      township duty list --as-of 2026-03-31 --format json
    """
    from township.kinds.duty import duty_list

    day = as_of or app.today
    found = duty_list(app.store, app.calendar, day)
    emit(app, _list_view(app, found, day), fmt)


def _list_view(app: AppContext, found: list[DutyStatus], day: dt.date) -> View:
    """``duty list``: one row per duty on ``day``; JSON: each duty's status."""
    rows = [
        {
            "duty": s.duty.id,
            "label": s.duty.label,
            "every": s.duty.every.label,
            "last_done": s.last_done.isoformat() if s.last_done else "—",
            "due": _due_cell(s.current),
            "state": _state_label(s, s.current, day, app),
            "responsible": s.duty.office,
        }
        for s in found
    ]
    notes: list[Text | str] = (
        [PROVISIONAL_FOOTNOTE] if any(s.current.provisional for s in found) else []
    )
    title = Text(f"定期工作 {day.isoformat()}", f"Recurring duties {day.isoformat()}")
    return View(
        rows,
        LIST_COLUMNS,
        data=[s.as_json() for s in found],
        title=title,
        notes=notes,
        empty=Text("没有启用的定期工作。", "No duty is switched on."),
    )


@duty.command("done")
@click.argument("duty_id", metavar="DUTY")
@click.option("--note", help="What was done (minutes filed, report number ...).")
@on_option
@format_option
@pass_app
def done(app: AppContext, duty_id: str, note: str | None, on: dt.date | None, fmt: str) -> None:
    """Record that a duty was done (audited); prints when it is due next.

    \b
    Example:
      township duty done office-meeting --on 2026-03-02 --note "第 9 次办公例会"
      township duty done dispute-sweep
    """
    from commands.records_view import emit_step, take_step
    from township.kinds.duty import record_done

    record = take_step(app, "duty done", record_done, duty_id, note=note, on=on)
    emit_step(app, record, fmt, lambda: _done_line(app, record))


def _done_line(app: AppContext, record: Record) -> str:
    """``duty done``'s sentence: the completion and, for a listed duty, when it is due next."""
    from township.kinds.duty import duty_status

    status = duty_status(app.store, app.calendar, app.today, record["duty"])
    label = status.duty.label if status else Text(record["duty"], record["duty"])
    if status is None:
        return Text(
            f"{record['id']}：已登记{label.zh}完成（{record['done']}）。",
            f"{record['id']}: {label.en} recorded as done ({record['done']}).",
        ).get(app.lang)
    due = _due_cell(status.current)
    return Text(
        f"{record['id']}：已登记{label.zh}完成（{record['done']}）；下次到期：{due}。",
        f"{record['id']}: {label.en} recorded as done ({record['done']}); next due {due}.",
    ).get(app.lang)


@duty.command("show")
@click.argument("duty_id", metavar="DUTY")
@format_option
@pass_app
def show(app: AppContext, duty_id: str, fmt: str) -> None:
    """Show a duty: its settings, each time it fell due, and its history.

    \b
    Example:
      township duty show office-meeting
      township duty show circular --format json
    """
    from township.kinds.duty import duty_detail, duty_named, read_duties

    view = read_duties(app.store, app.today)
    item = duty_named(view.book, duty_id)
    status = view.status(item, app.calendar, app.today)
    data = duty_detail(view, status)
    emit_sections(app, _show_views(app, view, status), fmt, title=item.id, data=data)


FIELD_COLUMNS = [Column("field", Text("项目", "field")), Column("value", Text("内容", "value"))]


def _show_head(app: AppContext, view: DutyView, status: DutyStatus) -> list[dict[str, Any]]:
    """The duty's settings and its current state, one field a row."""
    item = status.duty
    return [
        {
            "field": Text("定期工作", "duty"),
            "value": Text(f"{item.id}（{item.label.zh}）", f"{item.id} ({item.label.en})"),
        },
        {"field": Text("周期", "every"), "value": item.every.label},
        {"field": Text("责任部门", "responsible"), "value": item.office},
        {"field": Text("起始日", "start"), "value": view.start.isoformat()},
        {"field": Text("启用", "enabled"), "value": item.enabled},
        {"field": Text("下次到期", "next due"), "value": _due_cell(status.current)},
        {
            "field": Text("状态", "state"),
            "value": _state_label(status, status.current, app.today, app),
        },
        {"field": Text("依据", "source"), "value": item.rule.clause},
    ]


def _show_views(app: AppContext, view: DutyView, status: DutyStatus) -> list[View]:
    """``duty show``'s sections: the settings, each time it fell due, each completion."""
    history = [
        {
            "period": ob.period or "",
            "trigger": ob.trigger.isoformat(),
            "due": _due_cell(ob),
            "met_on": ob.met_on.isoformat() if ob.met_on else "",
            "state": _state_label(status, ob, app.today, app),
        }
        for ob in status.history
    ]
    done_rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "on": d.on.isoformat(),
            "actor": d.actor,
            "source": d.source,
            "note": d.note or "",
        }
        for d in status.done
    ]
    notes: list[Text | str] = (
        [PROVISIONAL_FOOTNOTE] if any(ob.provisional for ob in status.history) else []
    )
    return [
        View(_show_head(app, view, status), FIELD_COLUMNS),
        View(
            history, HISTORY_COLUMNS, title=Text("到期情况", "Each time it fell due"), notes=notes
        ),
        View(
            done_rows,
            DONE_COLUMNS,
            title=Text("完成记录", "Done"),
            empty=Text("尚无完成记录。", "Not done yet."),
        ),
    ]
