"""``township dispute``: disputes and leader packages (矛盾纠纷排查调处, 领导包案)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import confirm, created, on_option, record_id_argument, take_step
from township.i18n import Text

DAYS_HELP = "The mediation period in days (日); the regulations state none, so it is required."


@click.group(cls=TownshipGroup)
def dispute() -> None:
    """Disputes (矛盾纠纷排查调处) and leader packages (领导包案).

    Every dispute found is registered; it is routed to an office or
    packaged to a leader with a mediation period in days, or referred to
    the county; once resolved or referred, the parties are told within the
    notice period (party-notice), then it is archived. The parties' names
    and contact are masked everywhere unless --reveal is given; each reveal
    is audited.

    \b
    Example:
      township dispute register --summary "宅基地界址纠纷" --parties "张某甲、李某乙" \\
          --village 东风村 --category 1 --source sweep
      township dispute list --overdue
    """


@dispute.command("register", creates=True)
@click.option("--summary", required=True, help="What the dispute is about.")
@click.option("--parties", required=True, metavar="NAMES", help="The parties (masked in output).")
@click.option("--contact", help="Phone or address of the parties (masked in output).")
@click.option("--village", metavar="V", help="The village or community.")
@click.option(
    "--category",
    metavar="1..4",
    help="排查内容: 1 稳定因素, 2 治安问题, 3 群体性事件苗头, 4 外来（返乡）务工人员.",
)
@click.option(
    "--source",
    metavar="[sweep|visit|letter|report]",
    help="How it came to light: a sweep, a visit, a letter or a report.",
)
@on_option
@format_option
@pass_app
def register(
    app: AppContext,
    summary: str,
    parties: str,
    contact: str | None,
    village: str | None,
    category: str | None,
    source: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register (建档) a dispute; every dispute found is kept on file.

    No deadline yet: the mediation period is set when it is routed or
    packaged. Prints the new id.

    \b
    Example:
      township dispute register --summary "宅基地界址纠纷" --parties "张某甲、李某乙" \\
          --contact 13800001234 --village 东风村 --category 1 --source sweep
    """
    from township.kinds.dispute import register_dispute

    record = take_step(
        app,
        "dispute register",
        register_dispute,
        summary=summary,
        parties=parties,
        contact=contact,
        village=village,
        category=category,
        source=source,
        on=on,
    )
    created(app, record, fmt)


@dispute.command("route")
@record_id_argument
@click.option("--dept", required=True, metavar="D", help="The office that mediates it.")
@click.option("--person", metavar="P", help="Who follows it (专职副主任).")
@click.option("--days", type=int, required=True, metavar="N", help=DAYS_HELP)
@on_option
@format_option
@pass_app
def route(
    app: AppContext,
    record_id: str,
    dept: str,
    person: str | None,
    days: int,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Route (分流) a dispute to an office, with its mediation period in days.

    The period counts calendar days (日) from the routing day; one ending on
    a rest day runs to the next working day. A dispute is routed once.

    \b
    Example:
      township dispute route DSP-2026-0001 --dept 司法所 --person 专职副主任郭某 --days 30
    """
    from township.kinds.dispute import route_dispute

    record = take_step(
        app, "dispute route", route_dispute, record_id, dept=dept, person=person, days=days, on=on
    )
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已分流至 {dept}", f"{record['id']} routed to {dept}"),
    )


@dispute.command("package")
@record_id_argument
@click.option("--leader", required=True, metavar="P", help="The leader who takes the package.")
@click.option("--approved-by", metavar="P", help="The head (一把手) who approved it; required.")
@click.option("--days", type=int, required=True, metavar="N", help=DAYS_HELP)
@on_option
@format_option
@pass_app
def package(
    app: AppContext,
    record_id: str,
    leader: str,
    approved_by: str | None,
    days: int,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Package (领导包案) a dispute to a leader, approved by the head (一把手).

    The leader becomes the responsible person. The mediation period counts
    calendar days (日) from the day it was packaged.

    \b
    Example:
      township dispute package DSP-2026-0001 --leader "副镇长 高某" \\
          --approved-by "党委书记 林某" --days 30
    """
    from township.kinds.dispute import package_dispute

    record = take_step(
        app,
        "dispute package",
        package_dispute,
        record_id,
        leader=leader,
        approved_by=approved_by,
        days=days,
        on=on,
    )
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已由 {leader} 包案", f"{record['id']} packaged to {leader}"),
    )


@dispute.command("extend")
@record_id_argument
@click.option("--approved-by", metavar="P", help="The head (一把手) who agreed; required.")
@click.option("--days", type=int, required=True, metavar="N", help="Days added to the due date.")
@click.option("--reason", required=True, help="Why it cannot be mediated in time.")
@on_option
@format_option
@pass_app
def extend(
    app: AppContext,
    record_id: str,
    approved_by: str | None,
    days: int,
    reason: str,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Extend the mediation period with the head's approval (经一把手同意).

    The extension runs from the current due date, in calendar days, and
    must be approved before that date.

    \b
    Example:
      township dispute extend DSP-2026-0002 --approved-by "党委书记 林某" --days 15 \\
          --reason "涉及多个部门，需县级协调"
    """
    from township.kinds.dispute import extend_dispute

    record = take_step(
        app,
        "dispute extend",
        extend_dispute,
        record_id,
        approved_by=approved_by,
        days=days,
        reason=reason,
        on=on,
    )
    n = record["extensions"][-1]["days"]
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已延期 {n} 日", f"{record['id']} extended by {n} days"),
    )


@dispute.command("refer-up")
@record_id_argument
@click.option("--to", "to", required=True, metavar="UNIT", help="Where it goes (县综治办、信访局).")
@on_option
@format_option
@pass_app
def refer_up(app: AppContext, record_id: str, to: str, on: dt.date | None, fmt: str) -> None:
    """Refer a dispute up to the county; the parties must then be told.

    It leaves the township's mediation clock; the parties are told within
    the notice period (party-notice).

    \b
    Example:
      township dispute refer-up DSP-2026-0001 --to 县综治办
    """
    from township.kinds.dispute import refer_up as refer

    record = take_step(app, "dispute refer-up", refer, record_id, to=to, on=on)
    confirm(
        app, record, fmt, Text(f"{record['id']} 已上报 {to}", f"{record['id']} referred to {to}")
    )


@dispute.command("resolve")
@record_id_argument
@click.option("--result", required=True, help="How it was resolved (调处结果).")
@on_option
@format_option
@pass_app
def resolve(app: AppContext, record_id: str, result: str, on: dt.date | None, fmt: str) -> None:
    """Resolve (化解办结) a routed or packaged dispute; the parties must then be told.

    \b
    Example:
      township dispute resolve DSP-2026-0002 --result "经调解双方达成协议"
    """
    from township.kinds.dispute import resolve_dispute

    record = take_step(app, "dispute resolve", resolve_dispute, record_id, result=result, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已化解", f"{record['id']} resolved"))


@dispute.command("notify")
@record_id_argument
@click.option("--note", help="How the parties were told.")
@on_option
@format_option
@pass_app
def notify(app: AppContext, record_id: str, note: str | None, on: dt.date | None, fmt: str) -> None:
    """Record that the parties were told of the result or the referral (告知当事人).

    \b
    Example:
      township dispute notify DSP-2026-0003 --note "电话告知并送达书面材料"
    """
    from township.kinds.dispute import notify_parties

    record = take_step(app, "dispute notify", notify_parties, record_id, note=note, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已告知当事人", f"{record['id']}: parties told"))


@dispute.command("archive")
@record_id_argument
@on_option
@format_option
@pass_app
def archive(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Archive (归档、销案) a dispute once the parties were told.

    \b
    Example:
      township dispute archive DSP-2026-0004
    """
    from township.kinds.dispute import archive_dispute

    record = take_step(app, "dispute archive", archive_dispute, record_id, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已归档", f"{record['id']} archived"))


add_list_show(dispute, "dispute", personal=True)
