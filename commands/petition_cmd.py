"""``township petition``: petitions (信访, SPEC 4.4)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.params import format_option
from commands.records_view import (
    CURRENT_DEADLINE_COLUMNS,
    ListFilters,
    created,
    current_deadline,
    list_options,
    list_records,
    on_option,
    read_record,
    record_id_argument,
    responsible_cell,
    reveal_option,
    run_step,
    show_record,
    step_done,
)
from commands.render import Column
from township.i18n import Text
from township.petition import STATUS_LABELS

Record = dict[str, Any]


@click.group(cls=TownshipGroup)
def petition() -> None:
    """Petitions (信访): acceptance told within 15 days, conclusion within 60.

    The petitioner's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township petition receive --petitioner 王五 --contact 13912345678 --matter "宅基地纠纷"
      township petition list --overdue
    """


LIST_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("received", Text("收件日", "received")),
    Column("petitioner", Text("信访人", "petitioner")),
    Column("contact", Text("联系方式", "contact")),
    Column("matter", Text("信访事项", "matter")),
    Column("responsible", Text("责任人/部门", "responsible")),
    *CURRENT_DEADLINE_COLUMNS,
]


def _row(app: AppContext, record: Record) -> dict[str, Any]:
    from township.petition import STATUS_LABELS

    return {
        "id": record["id"],
        "status": STATUS_LABELS.get(record["status"], record["status"]),
        "received": record.get("received"),
        "petitioner": record.get("petitioner"),
        "contact": record.get("contact"),
        "matter": record.get("matter"),
        "responsible": responsible_cell(record),
        **current_deadline(app, record),
    }


def _fields(record: Record) -> list[tuple[str, Text, Any]]:
    from township.petition import STATUS_LABELS

    ext = record.get("extension")
    extension = (
        Text(
            f"{ext['days']} 日，{ext['approved_by']} 于 {ext['on']} 批准；理由：{ext['reason']}",
            f"{ext['days']} days, approved by {ext['approved_by']} on {ext['on']}; "
            f"reason: {ext['reason']}",
        )
        if ext
        else None
    )
    return [
        ("status", Text("状态", "status"), STATUS_LABELS.get(record["status"], record["status"])),
        ("received", Text("收件日期", "received"), record.get("received")),
        ("petitioner", Text("信访人", "petitioner"), record.get("petitioner")),
        ("contact", Text("联系方式", "contact"), record.get("contact")),
        ("matter", Text("信访事项", "matter"), record.get("matter")),
        ("responsible", Text("承办部门/人", "responsible"), responsible_cell(record)),
        ("accepted", Text("受理日期", "accepted"), record.get("accepted")),
        ("decline_reason", Text("不予受理理由", "reason declined"), record.get("decline_reason")),
        ("extension", Text("延期", "extension"), extension),
        ("result", Text("办理结果", "result"), record.get("result")),
    ]


@petition.command("receive", creates=True)
@click.option("--petitioner", required=True, metavar="NAME", help="The petitioner's name.")
@click.option("--matter", required=True, help="What the petition is about.")
@click.option("--contact", help="Phone or address (masked in output).")
@click.option("--dept", help="The department handling it.")
@click.option("--person", help="The person in charge [default: the acting clerk].")
@on_option
@format_option
@pass_app
def receive(
    app: AppContext,
    petitioner: str,
    matter: str,
    contact: str | None,
    dept: str | None,
    person: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Receive a petition; whether it is accepted must be told within 15 days.

    15 calendar days (日); a period ending on a rest day runs to the next
    working day. Prints the new id.

    \b
    Example:
      township petition receive --petitioner 王五 --contact 13912345678 \\
          --matter "宅基地纠纷" --on 2025-09-16      # acceptance due 2025-10-09
    """
    from township.petition import receive_petition

    record = run_step(
        app,
        "petition receive",
        receive_petition,
        petitioner=petitioner,
        matter=matter,
        contact=contact,
        on=on,
        config=app.config,
        dept=dept,
        person=person,
    )
    created(app, record, fmt)


@petition.command("accept")
@record_id_argument
@on_option
@format_option
@pass_app
def accept(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Accept (受理) a petition; it must be concluded within 60 days.

    \b
    Example:
      township petition accept PET-2026-0001 --on 2026-03-02
    """
    from township.petition import accept_petition

    record = run_step(app, "petition accept", accept_petition, record_id, on=on, config=app.config)
    step_done(app, record, fmt, f"{record['id']} 已受理。", f"{record['id']} accepted.")


@petition.command("decline")
@record_id_argument
@click.option("--reason", required=True, help="Why it is not accepted (told in writing).")
@on_option
@format_option
@pass_app
def decline(app: AppContext, record_id: str, reason: str, on: dt.date | None, fmt: str) -> None:
    """Decline (不予受理) a petition, with the reason told in writing.

    \b
    Example:
      township petition decline PET-2026-0001 --reason "已进入诉讼程序"
    """
    from township.petition import decline_petition

    record = run_step(app, "petition decline", decline_petition, record_id, reason=reason, on=on)
    step_done(app, record, fmt, f"{record['id']} 不予受理。", f"{record['id']} declined.")


@petition.command("extend")
@record_id_argument
@click.option("--approved-by", required=True, metavar="NAME", help="Who approved (经镇长同意).")
@click.option("--reason", required=True, help="The reason told to the petitioner.")
@click.option(
    "--days",
    type=int,
    default=30,
    show_default=True,
    metavar="1..30",
    help="Days added to the current due date.",
)
@on_option
@format_option
@pass_app
def extend(
    app: AppContext,
    record_id: str,
    approved_by: str,
    reason: str,
    days: int,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Extend an accepted petition once, by at most 30 days, before its period ends.

    \b
    Example:
      township petition extend PET-2026-0001 --approved-by 镇长刘某 \\
          --reason "涉及多个部门，需联合调查" --days 20
    """
    from township.petition import extend_petition

    record = run_step(
        app,
        "petition extend",
        extend_petition,
        record_id,
        approved_by=approved_by,
        reason=reason,
        days=days,
        on=on,
        calendar=app.calendar,
    )
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 已延期 {days} 日。",
        f"{record['id']} extended by {days} days.",
    )


@petition.command("conclude")
@record_id_argument
@click.option("--result", required=True, help="The result told to the petitioner.")
@on_option
@format_option
@pass_app
def conclude(app: AppContext, record_id: str, result: str, on: dt.date | None, fmt: str) -> None:
    """Conclude (办结) an accepted petition with its result.

    \b
    Example:
      township petition conclude PET-2026-0001 --result "已调解，双方签订协议"
    """
    from township.petition import conclude_petition

    record = run_step(app, "petition conclude", conclude_petition, record_id, result=result, on=on)
    step_done(app, record, fmt, f"{record['id']} 已办结。", f"{record['id']} concluded.")


@petition.command("list")
@list_options(statuses=STATUS_LABELS)
@reveal_option
@format_option
@pass_app
def list_(app: AppContext, filters: ListFilters, reveal: bool, fmt: str) -> None:
    """List petitions, petitioners masked (王** / 139****5678) unless --reveal.

    Statuses: received, accepted, declined, concluded.

    \b
    Example:
      township petition list --status accepted
      township petition list --format json
    """
    from township.kinds import KINDS

    records = app.store.iter_records(KINDS["petition"])
    list_records(app, records, LIST_COLUMNS, partial(_row, app), fmt, filters, reveal=reveal)


@petition.command("show")
@record_id_argument
@reveal_option
@format_option
@pass_app
def show(app: AppContext, record_id: str, reveal: bool, fmt: str) -> None:
    """Show a petition, its steps and deadlines (petitioner masked unless --reveal).

    \b
    Example:
      township petition show PET-2026-0001
      township petition show PET-2026-0001 --reveal
    """
    from township.petition import ACTION_LABELS

    record = read_record(app, "petition", record_id, reveal=reveal)
    show_record(app, record, _fields(record), fmt, ACTION_LABELS)
