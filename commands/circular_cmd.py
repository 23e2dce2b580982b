"""``township circular``: quarterly circulars (每季一通报)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import emit_step, on_option, take_step
from township.i18n import Text


@click.group(cls=TownshipGroup)
def circular() -> None:
    """Quarterly circulars (每季一通报): the units praised and criticised.

    A unit criticised in two or more circulars of a year is flagged 一票否决
    by township stats.

    \b
    Example:
      township circular issue --period 2026Q1 --criticize 财政所 --praise 民政办
      township circular list
    """


@circular.command("issue", creates=True)
@click.option("--period", required=True, metavar="YYYYQN", help="The quarter covered, e.g. 2026Q1.")
@click.option(
    "--criticize",
    multiple=True,
    metavar="UNIT",
    help="A unit criticised (通报批评); repeat it, or separate units by commas.",
)
@click.option(
    "--praise",
    multiple=True,
    metavar="UNIT",
    help="A unit praised (通报表扬); repeat it, or separate units by commas.",
)
@click.option("--note", help="A note (the circular's number, its subject).")
@on_option
@format_option
@pass_app
def issue(
    app: AppContext,
    period: str,
    criticize: tuple[str, ...],
    praise: tuple[str, ...],
    note: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the circular of a quarter, issued on --on (default today). Prints the new id.

    \b
    Example:
      township circular issue --period 2025Q4 --criticize 财政所 --criticize 综治办 \\
          --praise 民政办 --on 2026-01-09
    """
    from township.kinds.circular import issue_circular

    record = take_step(
        app,
        "circular issue",
        issue_circular,
        period=period,
        criticize=criticize,
        praise=praise,
        note=note,
        on=on,
    )
    criticized = "、".join(record["criticized"]) or "无"
    criticized_en = ", ".join(record["criticized"]) or "none"
    line = Text(
        f"{record['id']}：{record['period']} 通报已于 {record['issued']} 印发，通报批评：{criticized}。",
        f"{record['id']}: the circular of {record['period']} issued on {record['issued']}; "
        f"criticised: {criticized_en}.",
    )
    emit_step(app, record, fmt, lambda: line.get(app.lang))


add_list_show(circular, "circular")
