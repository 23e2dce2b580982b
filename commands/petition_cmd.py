"""``township petition``: petitions (信访)."""

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
    on_option,
    record_id_argument,
    take_step,
)
from commands.steps import add_steps
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


petition.lazy["notice"] = ("commands.papers_cmd:petition_notice", "Print a 告知书.")
add_steps(petition, "petition")
add_list_show(petition, "petition", personal=True)
