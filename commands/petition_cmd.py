"""``township petition``: petitions (信访, SPEC 4.4)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import (
    confirm,
    created,
    on_option,
    record_id_argument,
    take_step,
)
from township.i18n import Text


@click.group(cls=TownshipGroup)
def petition() -> None:
    """Petitions (信访): acceptance told in writing, then concluded, in time.

    The periods are the rule book's (township rules --kind petition shows
    the numbers in force).

    The petitioner's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township petition receive --petitioner 王五 --contact 13912345678 --matter "宅基地纠纷"
      township petition list --overdue
    """


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
    """Receive a petition; whether it is accepted must be told in writing in time.

    Calendar days (日); a period ending on a rest day runs to the next
    working day (township rules --kind petition shows the number in force).
    Prints the new id.

    \b
    Example:
      township petition receive --petitioner 王五 --contact 13912345678 \\
          --matter "宅基地纠纷" --on 2025-09-16      # acceptance due 2025-10-09
    """
    from township.kinds.petition import receive_petition

    record = take_step(
        app,
        "petition receive",
        receive_petition,
        petitioner=petitioner,
        matter=matter,
        contact=contact,
        on=on,
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
    """Accept (受理) a petition; it must be concluded within petition-conclusion.

    \b
    Example:
      township petition accept PET-2026-0001
    """
    from township.kinds.petition import accept_petition

    record = take_step(app, "petition accept", accept_petition, record_id, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已受理", f"{record['id']} accepted"))


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
    from township.kinds.petition import decline_petition

    record = take_step(app, "petition decline", decline_petition, record_id, reason=reason, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 不予受理", f"{record['id']} declined"))


@petition.command("extend")
@record_id_argument
@click.option("--approved-by", required=True, metavar="NAME", help="Who approved (经镇长同意).")
@click.option("--reason", required=True, help="The reason told to the petitioner.")
@click.option(
    "--days",
    type=int,
    default=None,
    metavar="N",
    help="Days added to the current due date [default: the rule book's ceiling].",
)
@on_option
@format_option
@pass_app
def extend(
    app: AppContext,
    record_id: str,
    approved_by: str,
    reason: str,
    days: int | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Extend an accepted petition once, up to the rule book's ceiling, before it ends.

    \b
    Example:
      township petition extend PET-2026-0002 --approved-by 镇长刘某 \\
          --reason "涉及多个部门，需联合调查" --days 20
    """
    from township.kinds.petition import extend_petition

    record = take_step(
        app,
        "petition extend",
        extend_petition,
        record_id,
        approved_by=approved_by,
        reason=reason,
        days=days,
        on=on,
    )
    n = record["extension"]["days"]
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已延期 {n} 日", f"{record['id']} extended by {n} days"),
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
      township petition conclude PET-2026-0002 --result "已调解，双方签订协议"
    """
    from township.kinds.petition import conclude_petition

    record = take_step(app, "petition conclude", conclude_petition, record_id, result=result, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已办结", f"{record['id']} concluded"))


add_list_show(petition, "petition", personal=True)
