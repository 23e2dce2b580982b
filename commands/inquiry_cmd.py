"""``township inquiry``: the first-contact log (首问负责制), one-time notices
(一次性告知制) and service deadlines (服务承诺制, 限时办结制); SPEC 4.1.

Each command parses its options, calls ``township.inquiry`` inside one
transaction and renders the result; the rules live in the library.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.forms_cmd import emit_form, form_format_option
from commands.params import CatalogueChoice, format_option
from commands.records_view import (
    ListFilters,
    emit_record,
    list_options,
    list_records,
    on_option,
    read_record,
    reveal_option,
    run_step,
    show_record,
)
from commands.records_view import record_id_argument as ID
from commands.render import Column, View
from township import inquiry as inq
from township.complaint import CATEGORIES
from township.i18n import Text
from township.records import Record, deadlines

REVEAL = reveal_option(
    help="Show the name and contact of a complaint or report unmasked (audited)."
)
MATERIAL = click.option(
    "--material",
    "materials",
    multiple=True,
    metavar="TEXT",
    help="A material received (repeatable); 'name:N' gives its number of pages.",
)
PAGES = click.option(
    "--pages",
    type=click.IntRange(1),
    help="Total pages received [default: the sum of the materials' pages].",
)
SUMMARY_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("due", Text("到期日", "due")),
]
LIST_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("on", Text("登记日期", "logged")),
    Column("name", Text("姓名", "name")),
    Column("channel", Text("渠道", "channel")),
    Column("type", Text("类型", "type")),
    Column("matter", Text("事项", "matter")),
    Column("receiver", Text("首问责任人", "receiver")),
    Column("dept", Text("责任部门", "dept")),
    Column("status", Text("状态", "status")),
    Column("due", Text("到期日", "due")),
]


@click.group(cls=TownshipGroup)
def inquiry() -> None:
    """First-contact log (首问负责制), one-time notices (一次性告知) and service deadlines.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保咨询
      township inquiry list --status open
    """


def _due(app: AppContext, record: Record) -> str | Text:
    """The earliest deadline not yet met, with a mark when it is overdue."""
    pending = [d for d in deadlines(record, app.calendar, app.today) if d.met_on is None]
    if not pending:
        return ""
    d = min(pending, key=lambda x: x.due)
    due = d.due.isoformat() + (" *" if d.provisional else "")
    if d.state == "overdue":
        return Text(f"{due} 逾期", f"{due} overdue")
    return due


def _finish(app: AppContext, record: Record, fmt: str, message: Text | str) -> None:
    """Print a step's result: a sentence, or with --format json the record as show does."""
    if fmt == "json":
        emit_record(app, record, fmt)
        return
    row = {"id": record["id"], "status": inq.STATUSES[record["status"]], "due": _due(app, record)}
    text = message if fmt in ("table", "plain", "github") else None
    emit(app, View([row], SUMMARY_COLUMNS, text=text), fmt)


@inquiry.command("log", creates=True, ask={"name": "--anonymous", "channel": None, "type_": None})
@click.option("--name", help="The person's name (姓名); not needed with --anonymous.")
@click.option("--matter", required=True, help="What they asked or applied for (咨询或办理事项).")
@click.option("--unit", help="The person's unit or village (单位).")
@click.option("--contact", help="Phone or address (联系方式).")
@click.option(
    "--channel",
    type=CatalogueChoice(inq.CHANNELS),
    default="visit",
    show_default=True,
    help="How they came (a web inquiry is answered within 5 working days).",
)
@click.option(
    "--type",
    "type_",
    type=CatalogueChoice(inq.TYPES),
    default="consult",
    show_default=True,
    help="What they came for (a complaint or report also registers a complaint).",
)
@click.option("--receiver", help="The 首问责任人 [default: the acting clerk].")
@click.option("--dept", help="The receiver's office (责任部门).")
@click.option("--result", help="Handled on the spot (当场办理): the result; closes the inquiry.")
@click.option("--service", help="With --type apply: the catalogue service (township.toml).")
@MATERIAL
@PAGES
@click.option("--against", metavar="P|U", help="Complaint/report: the person or unit concerned.")
@click.option(
    "--category",
    type=CatalogueChoice(CATEGORIES),
    help="Complaint/report: its category (效能投诉) [default: 7].",
)
@click.option("--anonymous", is_flag=True, help="Complaint/report from an anonymous person.")
@on_option
@format_option
@pass_app
def log(
    app: AppContext,
    name: str | None,
    matter: str,
    unit: str | None,
    contact: str | None,
    channel: str,
    type_: str,
    receiver: str | None,
    dept: str | None,
    result: str | None,
    service: str | None,
    materials: tuple[str, ...],
    pages: int | None,
    against: str | None,
    category: int | None,
    anonymous: bool,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Log a first contact in the 首问登记本 and print the new id.

    A web inquiry must be answered within 5 working days; an application for
    a catalogue service must be completed within the committed working days
    from the day its materials are complete.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保政策咨询 --channel phone
      township inquiry log --name 李四 --matter 申请低保 --type apply \\
          --service 临时救助申请 --material 身份证复印件:2 --dept 民政办
      township inquiry log --name 王五 --matter 窗口推诿 --type complaint --against 赵某
    """
    record = run_step(
        app,
        "inquiry log",
        inq.log_inquiry,
        name=name,
        matter=matter,
        on=on,
        config=app.config,
        unit=unit,
        contact=contact,
        channel=channel,
        type_=type_,
        receiver=receiver,
        dept=dept,
        result=result,
        service=service,
        materials=materials,
        pages=pages,
        against=against,
        category=category,
        anonymous=anonymous,
    )
    _finish(app, record, fmt, record["id"])


@inquiry.command("close")
@ID
@click.option("--result", required=True, help="How it was handled (办理结果).")
@on_option
@format_option
@pass_app
def close(app: AppContext, record_id: str, result: str, on: dt.date | None, fmt: str) -> None:
    """Close an inquiry with its result; this meets its deadlines.

    \b
    Example:
      township inquiry close INQ-2026-0001 --result 已答复政策 --on 2026-03-04
    """
    record = run_step(app, "inquiry close", inq.close_inquiry, record_id, result=result, on=on)
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 已办结（{record['closed_on']}）。",
            f"{record['id']} closed on {record['closed_on']}.",
        ),
    )


@inquiry.command("refer")
@ID
@click.option("--to-dept", required=True, help="The office it is referred to (引荐/转交).")
@click.option("--to-person", help="The clerk who handles it there.")
@click.option("--note", help="What was handed over.")
@on_option
@format_option
@pass_app
def refer(
    app: AppContext,
    record_id: str,
    to_dept: str,
    to_person: str | None,
    note: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Refer an inquiry to another office of the township (引荐/转交).

    The receiver (首问责任人) stays responsible until it is closed.

    \b
    Example:
      township inquiry refer INQ-2026-0001 --to-dept 民政办 --to-person 李娟
    """
    record = run_step(
        app,
        "inquiry refer",
        inq.refer_inquiry,
        record_id,
        to_dept=to_dept,
        to_person=to_person,
        note=note,
        on=on,
    )
    who = to_dept + (f" {to_person}" if to_person else "")
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 已转交 {who}；首问责任人仍为 {record['receiver']}。",
            f"{record['id']} referred to {who}; {record['receiver']} stays responsible.",
        ),
    )


@inquiry.command("redirect")
@ID
@click.option("--to-unit", required=True, help="The outside unit the person was sent to.")
@click.option("--note", help="What the person was told.")
@on_option
@format_option
@pass_app
def redirect(
    app: AppContext,
    record_id: str,
    to_unit: str,
    note: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Not our remit: record the outside unit it went to, and close.

    \b
    Example:
      township inquiry redirect INQ-2026-0002 --to-unit 县不动产登记中心
    """
    record = run_step(
        app, "inquiry redirect", inq.redirect_inquiry, record_id, to_unit=to_unit, note=note, on=on
    )
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 已告知当事人向 {to_unit} 办理，本次登记办结。",
            f"{record['id']}: the person was sent to {to_unit}; the inquiry is closed.",
        ),
    )


@inquiry.command("notify")
@ID
@click.option(
    "--item",
    "items",
    multiple=True,
    required=True,
    metavar="TEXT",
    help="A missing material or step (repeatable): the complete list, given once.",
)
@click.option(
    "--reason",
    help="For a second notice: the supplied materials were still incomplete, or the "
    "circumstances changed.",
)
@on_option
@format_option
@pass_app
def notify(
    app: AppContext,
    record_id: str,
    items: tuple[str, ...],
    reason: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the one-time notice (一次性告知) of everything still missing.

    A second notice needs --reason; the record keeps which items are new.

    \b
    Example:
      township inquiry notify INQ-2026-0003 --item 户口簿复印件 --item 收入证明
      township inquiry notify INQ-2026-0003 --item 银行卡复印件 --reason 补交材料仍不齐全
    """
    record = run_step(
        app, "inquiry notify", inq.notify_inquiry, record_id, items=items, reason=reason, on=on
    )
    notice = record["notices"][-1]
    count, new = len(notice["items"]), len(notice["new"])
    extra_zh = f"，其中新增 {new} 项" if notice["reason"] else ""
    extra_en = f", {new} of them new" if notice["reason"] else ""
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 已一次性告知 {count} 项{extra_zh}；"
            f"打印告知书：township inquiry notice {record['id']}",
            f"{record['id']}: one-time notice of {count} item(s){extra_en}; print it with "
            f"township inquiry notice {record['id']}",
        ),
    )


@inquiry.command("supplied")
@ID
@MATERIAL
@PAGES
@on_option
@format_option
@pass_app
def supplied(
    app: AppContext,
    record_id: str,
    materials: tuple[str, ...],
    pages: int | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the day the missing materials were handed in.

    The committed period of an application starts that day.

    \b
    Example:
      township inquiry supplied INQ-2026-0003 --on 2026-03-05 --material 户口簿复印件:4
    """
    record = run_step(
        app,
        "inquiry supplied",
        inq.record_supplied,
        record_id,
        materials=materials,
        pages=pages,
        on=on,
    )
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 材料已于 {record['materials_complete_on']} 补齐。",
            f"{record['id']}: materials complete on {record['materials_complete_on']}.",
        ),
    )


@inquiry.command("extend")
@ID
@click.option("--approved-by", required=True, help="The leader who approved the extension.")
@click.option("--reason", required=True, help="The reason told to the applicant.")
@click.option("--days", required=True, type=click.IntRange(1), help="Working days added.")
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
    """Extend the committed period of an application (限时办结制 4).

    \b
    Example:
      township inquiry extend INQ-2026-0003 --approved-by 刘镇长 \\
          --reason 需入户核查家庭收入 --days 5
    """
    record = run_step(
        app,
        "inquiry extend",
        inq.extend_inquiry,
        record_id,
        approved_by=approved_by,
        reason=reason,
        days=days,
        on=on,
    )
    due = inq.commitment_due(record, app.calendar, app.today)
    due_text = due.due.isoformat() if due else ""
    _finish(
        app,
        record,
        fmt,
        Text(
            f"{record['id']} 经 {approved_by} 批准延长 {days} 个工作日，{due_text} 前办结。",
            f"{record['id']} extended by {days} working days (approved by {approved_by}); "
            f"due {due_text}.",
        ),
    )


def _read(app: AppContext, record_id: str, reveal: bool, view: str) -> Record:
    """The record, unmasked and audited with --reveal, masked otherwise."""
    return read_record(
        app, inq.KIND, record_id, reveal=reveal, view=view, command=f"inquiry {view}"
    )


@inquiry.command("notice")
@ID
@click.option(
    "--number", type=click.IntRange(1), help="Which notice (1 = the first) [default: the latest]."
)
@REVEAL
@form_format_option
@pass_app
def notice(app: AppContext, record_id: str, number: int | None, reveal: bool, fmt: str) -> None:
    """Print the written one-time notice (一次性告知书), in two copies.

    \b
    Example:
      township inquiry notice INQ-2026-0003 > 告知书.txt
      township inquiry notice INQ-2026-0003 --format html > 告知书.html
    """
    from township.forms import inquiry_notice

    record = _read(app, record_id, reveal, "notice")
    emit_form(app, inquiry_notice(record, app.config, number), fmt)


@inquiry.command("receipt")
@ID
@REVEAL
@form_format_option
@pass_app
def receipt(app: AppContext, record_id: str, reveal: bool, fmt: str) -> None:
    """Print the 收件回执: materials received, pages, due date and handler.

    \b
    Example:
      township inquiry receipt INQ-2026-0003
      township inquiry receipt INQ-2026-0003 --format html > 回执.html
    """
    from township.forms import inquiry_receipt

    record = _read(app, record_id, reveal, "receipt")
    emit_form(app, inquiry_receipt(record, app.config, app.calendar, app.today), fmt)


def _fields(record: Record) -> list[tuple[str, Text, Any]]:
    """The rows of ``show``: key, label, display value."""
    resp = record.get("responsible") or {}
    referrals = "；".join(
        f"{r['on']} {r['dept']}" + (f" {r['person']}" if r.get("person") else "")
        for r in record.get("referrals", [])
    )
    notices = []
    for n in record.get("notices", []):
        line = f"{n['on']} #{n['number']} " + "、".join(n["items"])
        if n.get("reason"):
            new = "、".join(n["new"]) or "-"
            line += f"（{n['reason']}；+ {new}）"
        notices.append(line)
    received = []
    for b in record.get("received", []):
        names = "、".join(i["name"] for i in b["items"])
        received.append(f"{b['on']} {names}" + (f" ({b['pages']} p.)" if b.get("pages") else ""))
    extensions = "；".join(
        f"{e['on']} +{e['days']}（{e['approved_by']}）：{e['reason']}"
        for e in record.get("extensions", [])
    )
    service = record.get("service")
    if service:
        service = Text(
            f"{service}（承诺 {record['service_days']} 个工作日）",
            f"{service} ({record['service_days']} working days)",
        )
    fields: list[tuple[str, Text, Any]] = [
        ("status", Text("状态", "status"), inq.STATUSES[record["status"]]),
        ("on", Text("登记日期", "logged on"), inq.log_date(record).isoformat()),
        ("name", Text("姓名", "name"), inq.display_name(record)),
        ("unit", Text("单位", "unit"), record.get("unit")),
        ("contact", Text("联系方式", "contact"), record.get("contact")),
        ("channel", Text("渠道", "channel"), inq.CHANNELS[record["channel"]]),
        ("type", Text("类型", "type"), inq.TYPES[record["type"]]),
        ("matter", Text("事项", "matter"), record["matter"]),
        ("receiver", Text("首问责任人", "receiver"), record.get("receiver")),
        ("dept", Text("责任部门", "responsible dept"), resp.get("dept")),
        ("service", Text("服务事项", "service"), service),
        ("received", Text("收件材料", "materials received"), "；".join(received)),
        ("notices", Text("一次性告知", "one-time notices"), "；".join(notices)),
        ("materials", Text("材料齐全日期", "materials complete"), record["materials_complete_on"]),
        ("extensions", Text("延期", "extensions"), extensions),
        ("referrals", Text("引荐转交", "referred to"), referrals),
        ("redirected", Text("告知外单位", "sent to"), record.get("redirected_to")),
        ("complaint", Text("关联投诉", "complaint"), record.get("complaint")),
        ("result", Text("办理结果", "result"), record.get("result")),
    ]
    always = {"status", "on", "name", "channel", "type", "matter", "receiver"}
    return [f for f in fields if f[0] in always or f[2]]


@inquiry.command("show")
@ID
@REVEAL
@format_option
@pass_app
def show(app: AppContext, record_id: str, reveal: bool, fmt: str) -> None:
    """Show an inquiry: its fields, steps and deadlines with their state.

    The name and contact of a complaint or report are masked unless --reveal
    is given; every reveal is written to the audit log.

    \b
    Example:
      township inquiry show INQ-2026-0001
      township inquiry show INQ-2026-0004 --reveal --format json
    """
    record = _read(app, record_id, reveal, "show")
    show_record(app, record, _fields(record), fmt, inq.ACTIONS)


@inquiry.command("list")
@list_options(statuses=inq.STATUSES)
@click.option("--channel", type=CatalogueChoice(inq.CHANNELS), help="Only this channel.")
@click.option("--type", "type_", type=CatalogueChoice(inq.TYPES), help="Only this type.")
@REVEAL
@format_option
@pass_app
def list_(
    app: AppContext,
    filters: ListFilters,
    channel: str | None,
    type_: str | None,
    reveal: bool,
    fmt: str,
) -> None:
    """List inquiries, with filters; complaints and reports are masked.

    --handler matches the receiver, the responsible office, or an office or
    person it was referred to.

    \b
    Example:
      township inquiry list --status open --channel web
      township inquiry list --overdue --format json
    """
    from township.kinds import KINDS

    kind = KINDS[inq.KIND]
    # A record's file is the year it was entered, never before its log date.
    since = filters.since
    years = [y for y in app.store.years(kind) if since is None or y >= since.year]
    records = inq.of_channel_and_type(
        app.store.iter_records(kind, years), channel=channel, type_=type_
    )

    def row(r: Record) -> dict[str, Any]:
        resp = r.get("responsible") or {}
        return {
            "id": r["id"],
            "on": inq.log_date(r).isoformat(),
            "name": inq.display_name(r),
            "channel": inq.CHANNELS[r["channel"]],
            "type": inq.TYPES[r["type"]],
            "matter": r["matter"],
            "receiver": r.get("receiver"),
            "dept": resp.get("dept"),
            "status": inq.STATUSES[r["status"]],
            "due": _due(app, r),
        }

    list_records(
        app,
        records,
        LIST_COLUMNS,
        row,
        fmt,
        filters,
        handler_fields=inq.HANDLER_FIELDS,
        reveal=reveal,
        reveal_command="inquiry list",
    )
