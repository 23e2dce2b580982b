"""``township complaint``: efficiency complaints (效能投诉制, SPEC 4.3).

Also home of the helpers that the petition and denial commands share:
printing a step's result, and listing or showing records whose personal
data is masked unless ``--reveal`` is given (each reveal audited).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app, say
from commands.context import AppContext
from commands.params import format_option
from commands.records_view import (
    deadline_rows,
    list_options,
    list_records,
    on_option,
    record_json,
    show_record,
)
from commands.render import Column, View
from township.i18n import Text

Record = dict[str, Any]
ANONYMOUS = Text("（匿名）", "(anonymous)")

# -- shared by complaint, petition and denial ----------------------------

CURRENT_DEADLINE_COLUMNS = [
    Column("rule_label", Text("期限", "deadline")),
    Column("due", Text("到期日", "due")),
    Column("state_label", Text("期限状态", "deadline state")),
]


def responsible_cell(record: Record) -> str:
    """``dept person`` of the record's responsible unit and person."""
    resp = record.get("responsible") or {}
    return " ".join(v for v in (resp.get("dept"), resp.get("person")) if v)


def current_deadline(app: AppContext, record: Record) -> dict[str, Any]:
    """Display cells of the deadline that matters now.

    The soonest-due of the open deadlines; once all are met, the last-due
    one (a petition's conclusion, a denial's filing).
    """
    from township.records import deadlines

    found = deadlines(record, app.calendar, app.today)
    if not found:
        return {}
    pending = [d for d in found if d.met_on is None]
    chosen = min(pending, key=lambda d: d.due) if pending else max(found, key=lambda d: d.due)
    return deadline_rows([chosen], app)[0]


def masked(record: Record, reveal: bool) -> Record:
    """``record`` with its protected name and contact masked, unless revealed."""
    from township.privacy import mask_record

    return record if reveal else mask_record(record)


def emit_record(app: AppContext, record: Record, fmt: str) -> None:
    """Print ``record`` as ``show --format json`` does, personal data masked."""
    from township.records import deadlines

    found = deadlines(record, app.calendar, app.today)
    emit(app, View(data=record_json(masked(record, False), found)), fmt)


def created(app: AppContext, record: Record, fmt: str) -> None:
    """Print a new record's id, or with ``--format json`` the record as ``show`` does."""
    if fmt == "json":
        emit_record(app, record, fmt)
    else:
        click.echo(record["id"])


def step_done(app: AppContext, record: Record, fmt: str, zh: str, en: str) -> None:
    """Confirm a step in one line, or print the (masked) record with ``--format json``."""
    if fmt == "json":
        emit_record(app, record, fmt)
    else:
        say(app, zh, en)


def reveal_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--reveal``: show protected names and contacts unmasked (audited)."""
    return click.option(
        "--reveal",
        is_flag=True,
        help="Show the protected name and contact unmasked; every reveal is audited.",
    )(func)


def list_protected(
    app: AppContext,
    kind: str,
    columns: Sequence[Column],
    row: Callable[[Record], dict[str, Any]],
    fmt: str,
    *,
    reveal: bool,
    status: str | None,
    since: dt.date | None,
    until: dt.date | None,
    handler: str | None,
    overdue: bool,
) -> None:
    """List records of ``kind``, masked unless ``reveal`` (one audit note per record shown)."""
    from township.complaint import audit_reveals
    from township.kinds import KINDS
    from township.records import is_overdue, matches

    chosen = [
        r
        for r in app.store.iter_records(KINDS[kind])
        if matches(r, status=status, since=since, until=until, person=handler)
        and (not overdue or is_overdue(r, app.calendar, app.today))
    ]
    if reveal and chosen:
        with app.store.transaction(app.user, f"{kind} list --reveal") as tx:
            audit_reveals(tx, chosen)
    list_records(
        app,
        chosen,
        columns,
        lambda r: row(masked(r, reveal)),
        fmt,
        status=None,
        since=None,
        until=None,
        handler=None,
        overdue=False,
        to_json=lambda r: masked(r, reveal),
    )


def show_protected(
    app: AppContext,
    kind: str,
    record_id: str,
    fields: Callable[[Record], list[tuple[str, Text, Any]]],
    fmt: str,
    action_labels: dict[str, Text],
    *,
    reveal: bool,
) -> None:
    """Show one record of ``kind``, masked unless ``reveal`` (then audited)."""
    if reveal:
        from township.complaint import audit_reveals

        with app.store.transaction(app.user, f"{kind} show --reveal") as tx:
            record = tx.get(record_id, kind)
            audit_reveals(tx, [record])
    else:
        record = app.store.get(record_id, kind)
    shown = masked(record, reveal)
    show_record(app, shown, fields(shown), fmt, action_labels)


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


def _row(record: Record) -> dict[str, Any]:
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


@complaint.command("register")
@click.option(
    "--complainant", metavar="NAME", help="The complainant's name (not with --anonymous)."
)
@click.option("--contact", help="Phone or address for the reply (masked in output).")
@click.option("--anonymous", is_flag=True, help="An anonymous complaint: no name recorded.")
@click.option("--against", required=True, metavar="PERSON|UNIT", help="Who is complained about.")
@click.option("--category", required=True, type=int, metavar="1..7", help="受理范围 ①-⑦.")
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

    with app.store.transaction(app.user, "complaint register") as tx:
        record = register_complaint(
            tx,
            complainant=complainant,
            contact=contact,
            anonymous=anonymous,
            against=against,
            category=category,
            summary=summary,
            on=on or app.today,
            today=app.today,
            actor=app.user,
            config=app.config,
            inquiry=inquiry,
        )
    created(app, record, fmt)


@complaint.command("assign")
@click.argument("record_id", metavar="ID")
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

    with app.store.transaction(app.user, "complaint assign") as tx:
        record = assign_complaint(
            tx,
            record_id,
            dept=dept,
            person=person,
            on=on or app.today,
            today=app.today,
            actor=app.user,
        )
    who = responsible_cell(record)
    step_done(
        app, record, fmt, f"{record['id']} 已交办：{who}。", f"{record['id']} assigned to {who}."
    )


@complaint.command("resolve")
@click.argument("record_id", metavar="ID")
@click.option(
    "--finding",
    required=True,
    type=click.Choice(["substantiated", "unsubstantiated"]),
    help="属实 (substantiated) or 不属实 (unsubstantiated).",
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

    with app.store.transaction(app.user, "complaint resolve") as tx:
        record = resolve_complaint(
            tx,
            record_id,
            finding=finding,
            action=action,
            on=on or app.today,
            today=app.today,
            actor=app.user,
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
@click.argument("record_id", metavar="ID")
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
    type=int,
    metavar="1..10",
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

    with app.store.transaction(app.user, "complaint escalate") as tx:
        record, case = escalate_complaint(
            tx,
            record_id,
            investigators=list(investigators),
            subject=subject,
            unit=unit,
            matter=matter,
            summary=summary,
            on=on or app.today,
            today=app.today,
            actor=app.user,
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
@list_options
@reveal_option
@format_option
@pass_app
def list_(
    app: AppContext,
    status: str | None,
    since: dt.date | None,
    until: dt.date | None,
    handler: str | None,
    overdue: bool,
    reveal: bool,
    fmt: str,
) -> None:
    """List complaints, complainants masked (张** / 138****5678) unless --reveal.

    Statuses: registered, assigned, resolved, escalated.

    \b
    Example:
      township complaint list --status assigned --handler 民政办
      township complaint list --overdue --format csv
    """
    list_protected(
        app,
        "complaint",
        LIST_COLUMNS,
        lambda r: {**_row(r), **current_deadline(app, r)},
        fmt,
        reveal=reveal,
        status=status,
        since=since,
        until=until,
        handler=handler,
        overdue=overdue,
    )


@complaint.command("show")
@click.argument("record_id", metavar="ID")
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

    show_protected(app, "complaint", record_id, _fields, fmt, ACTION_LABELS, reveal=reveal)
