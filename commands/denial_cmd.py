"""``township denial``: denial filings (否定报备制, SPEC 4.5)."""

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
    record_id_argument,
    responsible_cell,
    run_step,
    show_record,
    step_done,
)
from commands.render import Column
from township.denial import STATUS_LABELS
from township.i18n import Text

Record = dict[str, Any]


@click.group(cls=TownshipGroup)
def denial() -> None:
    """Denial filings (否定报备制): filed and notified within 10 working days.

    \b
    Example:
      township denial file --applicant 孙七 --matter "临时救助申请" \\
          --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"
      township denial list --overdue
    """


denial.lazy["form"] = ("commands.forms_cmd:denial_form", "Print the 否定报备登记表.")

LIST_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("filed", Text("登记日", "filed")),
    Column("applicant", Text("申请人", "applicant")),
    Column("matter", Text("申报事项", "matter")),
    Column("reason", Text("否定理由", "reason")),
    Column("responsible", Text("责任人/部门", "responsible")),
    *CURRENT_DEADLINE_COLUMNS,
]


def _row(app: AppContext, record: Record) -> dict[str, Any]:
    from township.denial import STATUS_LABELS

    events = record.get("events") or []
    return {
        "id": record["id"],
        "status": STATUS_LABELS.get(record["status"], record["status"]),
        "filed": events[0]["on"] if events else None,
        "applicant": record.get("applicant"),
        "matter": record.get("matter"),
        "reason": record.get("reason"),
        "responsible": responsible_cell(record),
        **current_deadline(app, record),
    }


def _fields(record: Record) -> list[tuple[str, Text, Any]]:
    from township.denial import STATUS_LABELS

    opinion = record.get("opinion")
    returned = record.get("materials_returned")
    yes_no = Text("是", "yes") if record.get("beyond_authority") else Text("否", "no")
    return [
        ("status", Text("状态", "status"), STATUS_LABELS.get(record["status"], record["status"])),
        ("applicant", Text("申请人", "applicant"), record.get("applicant")),
        ("matter", Text("申报事项", "matter"), record.get("matter")),
        ("reason", Text("否定理由", "reason"), record.get("reason")),
        ("basis", Text("否定依据", "legal basis"), record.get("basis")),
        ("handler", Text("经办人", "handler"), record.get("handler")),
        ("responsible", Text("责任人/部门", "responsible"), responsible_cell(record)),
        ("beyond_authority", Text("超越经办人权限", "beyond the clerk's authority"), yes_no),
        ("leader", Text("请示领导", "leader"), record.get("leader")),
        (
            "opinion",
            Text("领导处理意见", "leader's opinion"),
            f"{opinion['on']} {opinion['text']}" if opinion else None,
        ),
        ("notified", Text("书面告知日期", "notified in writing"), record.get("notified")),
        (
            "materials_returned",
            Text("材料退还", "materials returned"),
            f"{returned['on']} {returned['signed_by']}" if returned else None,
        ),
    ]


@denial.command("file", creates=True)
@click.option("--applicant", required=True, metavar="NAME", help="Who applied (报办人).")
@click.option("--matter", required=True, help="The application that is denied.")
@click.option("--reason", required=True, help="Why it is denied.")
@click.option("--basis", required=True, help="The law, regulation or rule it rests on.")
@click.option(
    "--beyond-authority",
    is_flag=True,
    help="Beyond the clerk's authority: the leader's opinion is due within 3 days.",
)
@click.option("--leader", metavar="NAME", help="The leader asked (with --beyond-authority).")
@click.option("--dept", help="The clerk's department.")
@on_option
@format_option
@pass_app
def file_(
    app: AppContext,
    applicant: str,
    matter: str,
    reason: str,
    basis: str,
    beyond_authority: bool,
    leader: str | None,
    dept: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register a denial; file it and tell the applicant within 10 working days.

    With --beyond-authority the leader named by --leader owes an opinion
    within 3 days (日) before the filing can be completed. Prints the new id.

    \b
    Example:
      township denial file --applicant 孙七 --matter "临时救助申请" \\
          --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"
      township denial file --applicant 周八 --matter "宅基地审批" --reason "不符合规划" \\
          --basis "《土地管理法》第六十二条" --beyond-authority --leader 副镇长吴某
    """
    from township.denial import file_denial

    record = run_step(
        app,
        "denial file",
        file_denial,
        applicant=applicant,
        matter=matter,
        reason=reason,
        basis=basis,
        beyond_authority=beyond_authority,
        leader=leader,
        on=on,
        config=app.config,
        dept=dept,
    )
    created(app, record, fmt)


@denial.command("opinion")
@record_id_argument
@click.option("--text", required=True, help="The leader's opinion.")
@on_option
@format_option
@pass_app
def opinion(app: AppContext, record_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Record the leader's opinion on a denial beyond the clerk's authority.

    \b
    Example:
      township denial opinion DEN-2026-0002 --text "同意不予批准" --on 2026-03-04
    """
    from township.denial import record_opinion

    record = run_step(app, "denial opinion", record_opinion, record_id, text=text, on=on)
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 已登记领导处理意见。",
        f"{record['id']}: the leader's opinion is recorded.",
    )


@denial.command("complete")
@record_id_argument
@on_option
@format_option
@pass_app
def complete(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Record that the denial was filed upward and the applicant told in writing.

    \b
    Example:
      township denial complete DEN-2026-0001 --on 2026-03-10
    """
    from township.denial import complete_denial

    record = run_step(app, "denial complete", complete_denial, record_id, on=on)
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 已报备并书面告知申请人。",
        f"{record['id']} filed and the applicant told in writing.",
    )


@denial.command("return-materials")
@record_id_argument
@click.option("--signed-by", required=True, metavar="NAME", help="Who signed for the materials.")
@on_option
@format_option
@pass_app
def return_materials(
    app: AppContext, record_id: str, signed_by: str, on: dt.date | None, fmt: str
) -> None:
    """Record that the denied materials were returned and signed for.

    \b
    Example:
      township denial return-materials DEN-2026-0001 --signed-by 孙七
    """
    from township.denial import return_materials as give_back

    record = run_step(
        app, "denial return-materials", give_back, record_id, signed_by=signed_by, on=on
    )
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 的材料已退还，{signed_by} 签收。",
        f"{record['id']}: materials returned, signed for by {signed_by}.",
    )


@denial.command("list")
@list_options(statuses=STATUS_LABELS)
@format_option
@pass_app
def list_(app: AppContext, filters: ListFilters, fmt: str) -> None:
    """List denial filings with the deadline that matters now.

    Statuses: awaiting-opinion, filed, completed.

    \b
    Example:
      township denial list --status awaiting-opinion
      township denial list --overdue --format csv
    """
    from township.kinds import KINDS

    records = app.store.iter_records(KINDS["denial"])
    list_records(app, records, LIST_COLUMNS, partial(_row, app), fmt, filters)


@denial.command("show")
@record_id_argument
@format_option
@pass_app
def show(app: AppContext, record_id: str, fmt: str) -> None:
    """Show a denial filing, its steps and its deadlines.

    \b
    Example:
      township denial show DEN-2026-0001 --format json
    """
    from township.denial import ACTION_LABELS

    record = app.store.get(record_id, "denial")
    show_record(app, record, _fields(record), fmt, ACTION_LABELS)
