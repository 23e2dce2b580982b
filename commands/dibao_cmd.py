"""``township dibao``: minimum living allowance applications (最低生活保障).

The commands of the steps are derived from the kind's declaration
(``township.kinds.dibao.SPEC``, ``commands.steps``), except ``apply``: it
also warns on stderr when the income is not below the line.
"""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app, warn
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import DATE, format_option
from commands.records_view import created, take_step
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def dibao() -> None:
    """Minimum living allowance (低保): the township's review, then the county's decision.

    The township's review period runs from the day it receives the
    application report signed by the village committee; the county's from
    the day the review goes to the county: that clock is shown, never
    counted against the township (township rules --kind dibao shows the
    periods in force). The applicant's name and contact are masked
    everywhere unless --reveal is given; each reveal is audited.

    \b
    Example:
      township dibao apply --applicant 张某甲 --village 东村 --household 3 --income 980
      township dibao list --status applied
    """


@dibao.command("apply", creates=True)
@click.option("--applicant", required=True, metavar="NAME", help="The applicant's name.")
@click.option("--village", required=True, help="The village (community) committee that reported.")
@click.option("--household", required=True, type=int, metavar="K", help="Members of the household.")
@click.option(
    "--income",
    required=True,
    type=float,
    metavar="YUAN",
    help="Per-capita income in yuan, compared with [dibao] line (not below it: flagged).",
)
@click.option("--contact", help="Phone or address (masked in output).")
@click.option(
    "--on",
    "on",
    type=DATE,
    default=None,
    help="The day the township received the village committee's signed report [default: today].",
)
@format_option
@pass_app
def apply(
    app: AppContext,
    applicant: str,
    village: str,
    household: int,
    income: float,
    contact: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register an application; the township's review period starts.

    --on is the day the township received the application report signed by
    the village committee; the period counts calendar days (日) from it
    (township rules --kind dibao shows the number in force). Prints the new
    id; an income not below the line is flagged on stderr and on the record,
    not refused.

    \b
    Example:
      township dibao apply --applicant 张某甲 --contact 13800001234 --village 东村 \\
          --household 3 --income 980 --on 2026-02-13
    """
    from township.kinds.dibao import MACHINE, yuan

    values = {"applicant": applicant, "village": village, "household": household}
    values |= {"income": income, "contact": contact}
    record = take_step(app, "dibao apply", MACHINE.take, "apply", None, values, on=on)
    created(app, record, fmt)
    if record["above_line"]:
        warn(
            app,
            f"注意：{record['id']} 家庭人均收入 {yuan(record['income'])} 元不低于低保标准 "
            f"{yuan(record['line'])} 元，已标记，请在审核时核查。",
            f"Note: the per-capita income of {record['id']}, {yuan(record['income'])} yuan, "
            f"is not below the line of {yuan(record['line'])} yuan; flagged for the review.",
        )


add_steps(dibao, "dibao")
add_list_show(dibao, "dibao", personal=True)
