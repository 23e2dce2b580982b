"""``township inquiry``: the first-contact log (首问负责制), one-time notices
(一次性告知制) and service deadlines (服务承诺制, 限时办结制).

Each command parses its options, calls ``township.kinds.inquiry`` inside one
transaction and renders the result; the rules live in the library.
"""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.forms_cmd import emit_form, form_format_option
from commands.kind_cmd import ListOption, add_list_show
from commands.params import CatalogueChoice, format_option
from commands.records_view import confirm, created, on_option, read_record, reveal_option, take_step
from commands.records_view import record_id_argument as ID
from township.book.machine import Record
from township.i18n import Text
from township.kinds import inquiry as inq
from township.kinds.complaint import CATEGORIES

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


@click.group(cls=TownshipGroup)
def inquiry() -> None:
    """First-contact log (首问负责制), one-time notices (一次性告知) and service deadlines.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保咨询
      township inquiry list --status open
    """


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
    help="How they came: phone 来电, visit 来访, web 网上 (starts web-reply), letter 来信.",
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

    A web inquiry must be answered within web-reply; an application for a
    catalogue service must be completed within its committed working days
    from the day its materials are complete (township rules --kind inquiry
    shows the periods in force). Prints the new id.

    \b
    Example:
      township inquiry log --name 张三 --matter 低保政策咨询 --channel phone
      township inquiry log --name 李四 --matter 申请低保 --type apply \\
          --service 临时救助申请 --material 身份证复印件:2 --dept 民政办
      township inquiry log --name 王五 --matter 窗口推诿 --type complaint --against 赵某
    """
    record = take_step(
        app,
        "inquiry log",
        inq.log_inquiry,
        name=name,
        matter=matter,
        on=on,
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
    created(app, record, fmt)


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
      township inquiry close INQ-2026-0001 --result 已答复政策
    """
    record = take_step(app, "inquiry close", inq.close_inquiry, record_id, result=result, on=on)
    rid, day = record["id"], record["closed_on"]
    confirm(app, record, fmt, Text(f"{rid} 已办结（{day}）", f"{rid} closed on {day}"))


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

    The receiver (首问责任人) stays responsible until it is closed. A web
    question's reply runs again from the referral (the office it is referred
    to answers it).

    \b
    Example:
      township inquiry refer INQ-2026-0001 --to-dept 民政办 --to-person 李娟
    """
    record = take_step(
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
    rid, receiver = record["id"], record["receiver"]
    confirm(
        app,
        record,
        fmt,
        Text(
            f"{rid} 已转交 {who}，首问责任人仍为 {receiver}",
            f"{rid} referred to {who}, {receiver} stays responsible",
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
    record = take_step(
        app, "inquiry redirect", inq.redirect_inquiry, record_id, to_unit=to_unit, note=note, on=on
    )
    rid = record["id"]
    confirm(
        app,
        record,
        fmt,
        Text(
            f"{rid} 已告知当事人向 {to_unit} 办理，本次登记办结",
            f"{rid}: the person was sent to {to_unit}, the inquiry is closed",
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
      township inquiry notify INQ-2026-0004 --item 户口簿复印件 --item 收入证明
      township inquiry notify INQ-2026-0003 --item 银行卡复印件 --reason 补交材料仍不齐全
    """
    record = take_step(
        app, "inquiry notify", inq.notify_inquiry, record_id, items=items, reason=reason, on=on
    )
    notice, rid = record["notices"][-1], record["id"]
    count, new = len(notice["items"]), len(notice["new"])
    extra_zh = f"，其中新增 {new} 项" if notice["reason"] else ""
    extra_en = f", {new} of them new" if notice["reason"] else ""
    what = Text(
        f"{rid} 已一次性告知 {count} 项{extra_zh}（打印告知书：township inquiry notice {rid}）",
        f"{rid}: one-time notice of {count} item(s){extra_en} (print it with "
        f"township inquiry notice {rid})",
    )
    confirm(app, record, fmt, what)


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
      township inquiry supplied INQ-2026-0003 --material 户口簿复印件:4 --material 收入证明:1
    """
    record = take_step(
        app,
        "inquiry supplied",
        inq.record_supplied,
        record_id,
        materials=materials,
        pages=pages,
        on=on,
    )
    rid, day = record["id"], record["materials_complete_on"]
    confirm(
        app, record, fmt, Text(f"{rid} 材料已于 {day} 补齐", f"{rid}: materials complete on {day}")
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
    """Extend the committed period of an application (机关效能建设制度·限时办结制 4).

    \b
    Example:
      township inquiry extend INQ-2026-0004 --approved-by 刘镇长 \\
          --reason 需入户核查家庭收入 --days 5
    """
    record = take_step(
        app,
        "inquiry extend",
        inq.extend_inquiry,
        record_id,
        approved_by=approved_by,
        reason=reason,
        days=days,
        on=on,
    )
    rid = record["id"]
    what = Text(
        f"{rid} 经 {approved_by} 批准延长 {days} 个工作日",
        f"{rid} extended by {days} working days (approved by {approved_by})",
    )
    confirm(app, record, fmt, what)


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
    from township.views.forms import inquiry_notice

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
    from township.views.forms import inquiry_receipt

    record = _read(app, record_id, reveal, "receipt")
    emit_form(app, inquiry_receipt(record, app.config, app.calendar, app.today), fmt)


add_list_show(
    inquiry,
    inq.KIND,
    personal=True,
    reveal_help="Show the name and contact of a complaint or report unmasked (audited).",
    options=(
        ListOption(
            "channel",
            click.option(
                "--channel", type=CatalogueChoice(inq.CHANNELS), help="Only this channel."
            ),
            lambda r, v: r.get("channel") == v,
        ),
        ListOption(
            "type_",
            click.option(
                "--type", "type_", type=CatalogueChoice(inq.TYPES), help="Only this type."
            ),
            lambda r, v: r.get("type") == v,
        ),
    ),
)
