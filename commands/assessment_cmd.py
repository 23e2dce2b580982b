"""``township assessment``: the year-end assessment (年底总考核)."""

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
def assessment() -> None:
    """The year-end assessment (年底总考核): each unit's result of the year.

    A failing year costs the unit the year's honours (取消当年评先评优资格); two
    failing years in a row cost the post (调整工作岗位); township stats shows both.

    \b
    Example:
      township assessment record --year 2025 --unit 财政所 --result fail
      township assessment list
    """


@assessment.command("record", creates=True)
@click.option("--year", required=True, type=int, help="The year assessed.")
@click.option("--unit", required=True, help="The unit assessed.")
@click.option(
    "--result", required=True, type=click.Choice(["pass", "fail"]), help="pass 合格, fail 不合格."
)
@click.option("--note", help="A note (the score, the reason).")
@on_option
@format_option
@pass_app
def record_cmd(
    app: AppContext,
    year: int,
    unit: str,
    result: str,
    note: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record a unit's assessment result of a year. Prints the new id.

    Recording a unit's year again (after a review) replaces the result that
    counts; the earlier record stays as it was.

    \b
    Example:
      township assessment record --year 2025 --unit 财政所 --result fail --note "考核得分 58"
    """
    from township.kinds.assessment import record_assessment

    record = take_step(
        app,
        "assessment record",
        record_assessment,
        year=year,
        unit=unit,
        result=result,
        note=note,
        on=on,
    )
    zh = "合格" if result == "pass" else "不合格"
    line = Text(
        f"{record['id']}：{record['unit']} {record['year']} 年度考核{zh}。",
        f"{record['id']}: {record['unit']}, {record['year']} assessment: {result}.",
    )
    emit_step(app, record, fmt, lambda: line.get(app.lang))


add_list_show(assessment, "assessment")
