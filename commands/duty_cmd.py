"""``township duty``: recurring duties (定期工作)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipGroup
from commands.common import emit, emit_sections, pass_app
from commands.context import AppContext
from commands.params import CALENDAR_DATE, format_option, on_option
from commands.records_view import PROVISIONAL_FOOTNOTE
from commands.render import Column, View
from township.i18n import Text

if TYPE_CHECKING:
    from township.kinds.duty import DutyStatus
    from township.steps.machine import Deadline, Record

LIST_COLUMNS = [
    Column("duty", Text("编号", "duty")),
    Column("label", Text("定期工作", "what")),
    Column("every", Text("周期", "every")),
    Column("period", Text("期间", "period")),
    Column("last_done", Text("上次完成", "last done")),
    Column("due", Text("到期日", "due")),
    Column("state", Text("状态", "state")),
    Column("responsible", Text("责任部门", "responsible")),
]
HISTORY_COLUMNS = [
    Column("period", Text("期间", "period")),
    Column("trigger", Text("起算日", "from")),
    Column("due", Text("到期日", "due")),
    Column("met_on", Text("完成日", "done on")),
    Column("met_by", Text("完成记录", "done by")),
    Column("state", Text("状态", "state")),
]
DONE_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("on", Text("日期", "date")),
    Column("period", Text("所属期间", "period")),
    Column("actor", Text("经办人", "actor")),
    Column("source", Text("来源", "source")),
    Column("note", Text("备注", "note")),
]
FIELD_COLUMNS = [Column("field", Text("项目", "field")), Column("value", Text("内容", "value"))]


@click.group(cls=TownshipGroup)
def duty() -> None:
    """Recurring duties (定期工作): sweeps, meetings, summaries, circulars.

    Each duty falls due again after it is done ("every N days") or once per
    month, quarter or year; overdue and due-soon duties are in the daily
    report. A duty is named by its id or its Chinese label. township.toml
    [duties] may switch one off, change its period or its office, and set
    the start date. township rules --kind duty lists them.

    \b
    Example:
      township duty list
      township duty done office-meeting --on 2026-03-02 --note "第 9 次办公例会"
      township duty show office-meeting
    """


def _state_label(found: Deadline) -> Text:
    """未到期 / 逾期 N 个工作日 / 按时完成 / 逾期 N 个工作日完成."""
    from township.steps.machine import STATE_LABELS

    n = found.workdays_late
    if found.state == "overdue":
        return Text(f"逾期 {n} 个工作日", f"overdue by {n} working days")
    if found.state == "late":
        return Text(f"逾期 {n} 个工作日完成", f"done {n} working days late")
    return STATE_LABELS[found.state]


def _due_cell(found: Deadline) -> str:
    return found.due.isoformat() + (" *" if found.provisional else "")


def _period_cell(clock: dict[str, Any]) -> str:
    return clock.get("period") or "—"


@duty.command("list")
@click.option(
    "--as-of", "as_of", type=CALENDAR_DATE, help="The day to read the duties on [default: today]."
)
@format_option
@pass_app
def list_duties(app: AppContext, as_of: dt.date | None, fmt: str) -> None:
    """List each duty: its oldest period not yet done, when it was last done, its state.

    A duty switched off in township.toml is not listed.

    \b
    Example:
      township duty list
      township duty list --as-of 2026-03-31 --format json
    """
    from township.kinds.duty import duty_statuses

    day = as_of or app.today
    found = duty_statuses(app.store, app.calendar, day, app.config)
    emit(app, _list_view(found, day), fmt)


def _list_view(found: list[DutyStatus], day: dt.date) -> View:
    """``duty list``: one row per duty on ``day``; JSON: each duty's status."""
    rows = []
    for s in found:
        clock, current = s.current
        rows.append(
            {
                "duty": s.duty.id,
                "label": s.duty.label,
                "every": s.duty.every.label,
                "period": _period_cell(clock),
                "last_done": s.last_done.isoformat() if s.last_done else "—",
                "due": _due_cell(current),
                "state": _state_label(current),
                "responsible": s.duty.office,
            }
        )
    notes: list[Text | str] = (
        [PROVISIONAL_FOOTNOTE] if any(s.current[1].provisional for s in found) else []
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
@click.option(
    "--period",
    metavar="PERIOD",
    help="The earlier period it meets (2026Q1, 2026-03, 2026) [default: the one --on falls in].",
)
@click.option("--note", help="What was done (minutes filed, report number ...).")
@on_option
@format_option
@pass_app
def done(
    app: AppContext,
    duty_id: str,
    period: str | None,
    note: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record that a duty was done (audited); prints the period it met and the next due.

    DUTY is the duty's id or its Chinese label. It meets the period its date
    falls in; --period names an earlier one (a late report).

    \b
    Example:
      township duty done office-meeting --on 2026-03-02 --note "第 9 次办公例会"
      township duty done 办公例会
      township duty done dispute-report --period 2026Q1 --note "一季度排查总结（补报）"
    """
    from commands.records_view import emit_step, take_step
    from township.kinds.duty import MACHINE

    values = {"duty": duty_id, "period": period, "note": note}
    record = take_step(app, "duty done", MACHINE.take, "done", None, values, on=on)
    emit_step(app, record, fmt, lambda: _done_line(app, record))


def _done_line(app: AppContext, record: Record) -> str:
    """``duty done``'s sentence: the completion, the period it met, the next due."""
    from township.kinds.duty import duty_status

    status = duty_status(app.store, app.calendar, app.today, record["duty"], app.config)
    label = status.duty.label
    met = next((c for c, _f in status.periods if c.get("met_by") == record["id"]), None)
    if met is None:
        what = Text("不计入新的期间（该期间已完成）", "it meets no further period (already met)")
    elif met.get("period"):
        what = Text(f"计入 {met['period']}", f"it meets {met['period']}")
    else:
        what = Text(f"计入 {met['trigger']} 起的一期", f"it meets the one from {met['trigger']}")
    clock, current = status.current
    nxt = _due_cell(current) + (f"（{clock['period']}）" if clock.get("period") else "")
    nxt_en = _due_cell(current) + (f" ({clock['period']})" if clock.get("period") else "")
    return Text(
        f"{record['id']}：已登记{label.zh}完成（{record['done']}），{what.zh}；"
        f"待完成的最早一期到期：{nxt}。",
        f"{record['id']}: {label.en} recorded as done ({record['done']}); {what.en}; "
        f"the oldest period still owed is due {nxt_en}.",
    ).get(app.lang)


@duty.command("show")
@click.argument("duty_id", metavar="DUTY")
@click.option(
    "--as-of", "as_of", type=CALENDAR_DATE, help="The day to read the duty on [default: today]."
)
@format_option
@pass_app
def show(app: AppContext, duty_id: str, as_of: dt.date | None, fmt: str) -> None:
    """Show a duty: its settings, each period and its state, and its completions.

    DUTY is the duty's id or its Chinese label.

    \b
    Example:
      township duty show office-meeting
      township duty show circular --as-of 2026-03-31 --format json
    """
    from township.kinds.duty import duty_status

    day = as_of or app.today
    status = duty_status(app.store, app.calendar, day, duty_id, app.config)
    emit_sections(app, _show_views(status), fmt, title=status.duty.id, data=status.detail())


def _show_head(status: DutyStatus) -> list[dict[str, Any]]:
    """The duty's settings and its current state, one field a row."""
    item = status.duty
    clock, current = status.current
    return [
        {
            "field": Text("定期工作", "duty"),
            "value": Text(f"{item.id}（{item.label.zh}）", f"{item.id} ({item.label.en})"),
        },
        {"field": Text("周期", "every"), "value": item.every.label},
        {"field": Text("责任部门", "responsible"), "value": item.office},
        {"field": Text("起始日", "start"), "value": status.start.isoformat()},
        {"field": Text("启用", "enabled"), "value": item.enabled},
        {"field": Text("查看日", "as of"), "value": status.as_of.isoformat()},
        {"field": Text("待完成的最早一期", "oldest period owed"), "value": _period_cell(clock)},
        {"field": Text("到期日", "due"), "value": _due_cell(current)},
        {"field": Text("状态", "state"), "value": _state_label(current)},
        {"field": Text("依据", "source"), "value": item.rule.clause},
    ]


def _show_views(status: DutyStatus) -> list[View]:
    """``duty show``'s sections: the settings, each period, each completion."""
    history = [
        {
            "period": _period_cell(clock),
            "trigger": found.trigger.isoformat(),
            "due": _due_cell(found),
            "met_on": found.met_on.isoformat() if found.met_on else "",
            "met_by": clock.get("met_by", "") if found.met_on else "",
            "state": _state_label(found),
        }
        for clock, found in status.periods
    ]
    done_rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "on": d.on.isoformat(),
            "period": d.period or "",
            "actor": d.actor,
            "source": d.source,
            "note": d.note or "",
        }
        for d in status.done
        if d.on <= status.as_of
    ]
    notes: list[Text | str] = (
        [PROVISIONAL_FOOTNOTE] if any(f.provisional for _c, f in status.periods) else []
    )
    return [
        View(_show_head(status), FIELD_COLUMNS),
        View(history, HISTORY_COLUMNS, title=Text("各期情况", "Each period"), notes=notes),
        View(
            done_rows,
            DONE_COLUMNS,
            title=Text("完成记录", "Done"),
            empty=Text("尚无完成记录。", "Not done yet."),
        ),
    ]
