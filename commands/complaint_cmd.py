"""``township complaint``: efficiency complaints (效能投诉制, SPEC 4.3)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.params import CatalogueChoice, format_option
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
from township.catalogs import MATTERS
from township.complaint import CATEGORIES, FINDINGS, STATUS_LABELS
from township.i18n import Text

Record = dict[str, Any]
ANONYMOUS = Text("（匿名）", "(anonymous)")


# -- complaint -----------------------------------------------------------


@click.group(cls=TownshipGroup)
def complaint() -> None:
    """Efficiency complaints (效能投诉制): register, assign, resolve, escalate.

    The complainant's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township complaint register --complainant 张三 --contact 13812345678 \\
          --against 民政办 --category 1 --summary "低保申请拖延不办"
      township complaint list --status registered
    """


def _person_cell(record: Record) -> Any:
    if record.get("anonymous") and not record.get("complainant"):
        return ANONYMOUS
    return record.get("complainant")


LIST_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("received", Text("登记日", "received")),
    Column("complainant", Text("投诉人", "complainant")),
    Column("contact", Text("联系方式", "contact")),
    Column("against", Text("被投诉对象", "against")),
    Column("category", Text("类别", "category")),
    Column("responsible", Text("责任人/部门", "responsible")),
    *CURRENT_DEADLINE_COLUMNS,
]


def _row(app: AppContext, record: Record) -> dict[str, Any]:
    from township.complaint import STATUS_LABELS, category_label

    return {
        "id": record["id"],
        "status": STATUS_LABELS.get(record["status"], record["status"]),
        "received": record.get("received"),
        "complainant": _person_cell(record),
        "contact": record.get("contact"),
        "against": record.get("against"),
        "category": category_label(int(record["category"]), short=True),
        "responsible": responsible_cell(record),
        **current_deadline(app, record),
    }


def _fields(record: Record) -> list[tuple[str, Text, Any]]:
    from township.complaint import FINDINGS, STATUS_LABELS, category_label

    finding = record.get("finding")
    return [
        ("status", Text("状态", "status"), STATUS_LABELS.get(record["status"], record["status"])),
        ("received", Text("登记日期", "received"), record.get("received")),
        ("complainant", Text("投诉人", "complainant"), _person_cell(record)),
        ("contact", Text("联系方式", "contact"), record.get("contact")),
        ("against", Text("被投诉对象", "against"), record.get("against")),
        ("category", Text("投诉类别", "category"), category_label(int(record["category"]))),
        ("summary", Text("投诉内容", "summary"), record.get("summary")),
        ("inquiry", Text("首问登记", "inquiry"), record.get("inquiry")),
        ("responsible", Text("承办部门/人", "responsible"), responsible_cell(record)),
        ("finding", Text("调查结论", "finding"), FINDINGS.get(finding) if finding else None),
        ("action", Text("处理措施", "action taken"), record.get("action")),
        ("case", Text("问责案件", "case"), record.get("case")),
    ]


@complaint.command("register", creates=True, ask={"complainant": "--anonymous"})
@click.option(
    "--complainant", metavar="NAME", help="The complainant's name (not with --anonymous)."
)
@click.option("--contact", help="Phone or address for the reply (masked in output).")
@click.option("--anonymous", is_flag=True, help="An anonymous complaint: no name recorded.")
@click.option("--against", required=True, metavar="PERSON|UNIT", help="Who is complained about.")
@click.option(
    "--category", required=True, type=CatalogueChoice(CATEGORIES), help="Its category (受理范围)."
)
@click.option("--summary", required=True, help="What the complaint says.")
@click.option("--from-inquiry", "inquiry", metavar="INQ-ID", help="The inquiry it came from.")
@on_option
@format_option
@pass_app
def register(
    app: AppContext,
    complainant: str | None,
    contact: str | None,
    anonymous: bool,
    against: str,
    category: int,
    summary: str,
    inquiry: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register a complaint; it must be resolved within 15 working days.

    Categories: 1 拖延不办或执行不力, 2 违反限时办结, 3 违反首问负责制,
    4 违反一次性告知制, 5 擅离岗位、未落实同岗替代, 6 服务态度差、刁难群众,
    7 其他违反效能制度的行为. Prints the new id.

    \b
    Example:
      township complaint register --complainant 张三 --contact 13812345678 \\
          --against 民政办 --category 2 --summary "低保申请超期未办" --on 2025-09-26
      township complaint register --anonymous --against 李四 --category 6 \\
          --summary "态度粗暴" --from-inquiry INQ-2026-0007
    """
    from township.complaint import register_complaint

    record = run_step(
        app,
        "complaint register",
        register_complaint,
        complainant=complainant,
        contact=contact,
        anonymous=anonymous,
        against=against,
        category=category,
        summary=summary,
        on=on,
        config=app.config,
        inquiry=inquiry,
    )
    created(app, record, fmt)


@complaint.command("assign")
@record_id_argument
@click.option("--dept", required=True, help="The department that handles it.")
@click.option("--person", help="The person in charge.")
@on_option
@format_option
@pass_app
def assign(
    app: AppContext, record_id: str, dept: str, person: str | None, on: dt.date | None, fmt: str
) -> None:
    """Assign (交办) a complaint to a department and person, who become responsible.

    \b
    Example:
      township complaint assign CMP-2026-0001 --dept 民政办 --person 赵六
    """
    from township.complaint import assign_complaint

    record = run_step(
        app, "complaint assign", assign_complaint, record_id, dept=dept, person=person, on=on
    )
    who = responsible_cell(record)
    step_done(
        app, record, fmt, f"{record['id']} 已交办：{who}。", f"{record['id']} assigned to {who}."
    )


@complaint.command("resolve")
@record_id_argument
@click.option(
    "--finding",
    required=True,
    type=CatalogueChoice(FINDINGS),
    help="Whether the complaint is substantiated (属实) or not (不属实).",
)
@click.option("--action", required=True, help="What was done about it.")
@on_option
@format_option
@pass_app
def resolve(
    app: AppContext, record_id: str, finding: str, action: str, on: dt.date | None, fmt: str
) -> None:
    """Resolve (办结) a complaint with a finding and the action taken.

    \b
    Example:
      township complaint resolve CMP-2026-0001 --finding substantiated \\
          --action "责令当日办结，并向投诉人致歉"
    """
    from township.complaint import FINDINGS, resolve_complaint

    record = run_step(
        app,
        "complaint resolve",
        resolve_complaint,
        record_id,
        finding=finding,
        action=action,
        on=on,
    )
    label = FINDINGS[finding]
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 已办结（{label.zh}）。",
        f"{record['id']} resolved ({label.en}).",
    )


@complaint.command("escalate")
@record_id_argument
@click.option(
    "--investigator",
    "investigators",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A member of the investigation team (repeat for each).",
)
@click.option("--subject", help="Who is held to account [default: the complaint's --against].")
@click.option("--unit", help="The subject's unit [default: the complaint's --against].")
@click.option(
    "--matter",
    type=CatalogueChoice(MATTERS.entries),
    help="问责情形 [default: from the category: 1-4 -> 4, 5 -> 5, 6 -> 7; 7 needs --matter].",
)
@click.option("--summary", help="The case summary [default: the complaint's summary].")
@on_option
@format_option
@pass_app
def escalate(
    app: AppContext,
    record_id: str,
    investigators: tuple[str, ...],
    subject: str | None,
    unit: str | None,
    matter: int | None,
    summary: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Escalate a complaint to an accountability case (行政问责, source ⑤).

    The case and the complaint are linked both ways; the complaint's
    handling deadline counts as met on the escalation date.

    \b
    Example:
      township complaint escalate CMP-2026-0001 --investigator 赵某 --investigator 钱某 \\
          --subject 李四 --unit 民政办
    """
    from township.complaint import escalate_complaint

    record, case = run_step(
        app,
        "complaint escalate",
        escalate_complaint,
        record_id,
        investigators=list(investigators),
        subject=subject,
        unit=unit,
        matter=matter,
        summary=summary,
        on=on,
        config=app.config,
    )
    step_done(
        app,
        record,
        fmt,
        f"{record['id']} 已转问责调查，立案 {case['id']}。",
        f"{record['id']} escalated; opened case {case['id']}.",
    )


@complaint.command("list")
@list_options(statuses=STATUS_LABELS)
@reveal_option
@format_option
@pass_app
def list_(app: AppContext, filters: ListFilters, reveal: bool, fmt: str) -> None:
    """List complaints, complainants masked (张** / 138****5678) unless --reveal.

    Statuses: registered, assigned, resolved, escalated.

    \b
    Example:
      township complaint list --status assigned --handler 民政办
      township complaint list --overdue --format csv
    """
    from township.kinds import KINDS

    records = app.store.iter_records(KINDS["complaint"])
    list_records(app, records, LIST_COLUMNS, partial(_row, app), fmt, filters, reveal=reveal)


@complaint.command("show")
@record_id_argument
@reveal_option
@format_option
@pass_app
def show(app: AppContext, record_id: str, reveal: bool, fmt: str) -> None:
    """Show a complaint, its steps and its deadline (complainant masked unless --reveal).

    \b
    Example:
      township complaint show CMP-2026-0001
      township complaint show CMP-2026-0001 --reveal --format json
    """
    from township.complaint import ACTION_LABELS

    record = read_record(app, "complaint", record_id, reveal=reveal)
    fields = _fields(record)
    if record.get("category") == 5:  # ⑤ 擅离岗位: the absences around its date (同岗替代制)
        from township.absence import around_field

        record, row = around_field(app.store, record)
        fields.append(row)
    show_record(app, record, fields, fmt, ACTION_LABELS)
