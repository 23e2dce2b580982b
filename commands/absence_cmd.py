"""``township absence``: absences and stand-ins (同岗替代制)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import CALENDAR_DATE, DATE, format_option
from commands.records_view import (
    confirm,
    created,
    on_option,
    record_id_argument,
    take_step,
)
from commands.render import Column, View
from township.i18n import Text

if TYPE_CHECKING:
    from township.kinds.absence import Away


@click.group(cls=TownshipGroup)
def absence() -> None:
    """Absences and stand-ins (同岗替代制): who is away, who stands in, who is back.

    An absence is logged with the colleague the leader named to stand in and
    the leader who approved it; without either it is refused. The person is
    due back at the post by the last day (--to), overdue from the next day.

    \b
    Example:
      township absence log --person 王某 --dept 民政办 --from 2026-03-02 --to 2026-03-04 \\
          --reason trip --substitute 李某 --approved-by "副镇长 高某"
      township absence today
    """


@absence.command("log", creates=True, ask={"substitute": None, "approved_by": None})
@click.option("--person", required=True, metavar="NAME", help="Who leaves the post.")
@click.option("--dept", required=True, help="The person's office (站所).")
@click.option("--from", "start", required=True, type=DATE, help="The first day away.")
@click.option("--to", "end", required=True, type=DATE, help="The last day away: back by then.")
@click.option(
    "--reason",
    required=True,
    type=click.Choice(["trip", "meeting", "training", "leave"]),
    help="出差, 开会, 培训 or 请假.",
)
@click.option("--substitute", metavar="NAME", help="The colleague who stands in (required).")
@click.option(
    "--approved-by",
    metavar="NAME",
    help="The leader who approved it and named the stand-in (required).",
)
@on_option
@format_option
@pass_app
def log(
    app: AppContext,
    person: str,
    dept: str,
    start: dt.date,
    end: dt.date,
    reason: str,
    substitute: str | None,
    approved_by: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Log an absence with its stand-in and approver; back by --to. Prints the new id.

    Refused without --substitute or --approved-by (an absence without them is
    recorded with `absence unreported`), or with --to before --from.

    \b
    Example:
      township absence log --person 王某 --dept 民政办 --from 2026-03-02 --to 2026-03-04 \\
          --reason trip --substitute 李某 --approved-by "副镇长 高某" --on 2026-02-27
    """
    from township.kinds.absence import log as log_step

    record = take_step(
        app,
        "absence log",
        log_step,
        person=person,
        dept=dept,
        start=start,
        end=end,
        reason=reason,
        substitute=substitute,
        approved_by=approved_by,
        on=on,
    )
    created(app, record, fmt)


@absence.command("return")
@record_id_argument
@on_option
@format_option
@pass_app
def return_(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Record the person back at the post (refused before the absence began).

    \b
    Example:
      township absence return ABS-2026-0001
    """
    from township.kinds.absence import return_to_post

    record = take_step(app, "absence return", return_to_post, record_id, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已返岗", f"{record['id']} back at the post"))


@absence.command("unreported", creates=True)
@click.option("--person", required=True, metavar="NAME", help="Who left the post.")
@click.option("--dept", required=True, help="The person's office (站所).")
@click.option("--note", required=True, help="What was found.")
@click.option(
    "--sanction",
    type=click.Choice(["criticism", "warning", "discipline"]),
    help="批评教育, 效能告诫 or 纪律处分.",
)
@on_option
@format_option
@pass_app
def unreported(
    app: AppContext,
    person: str,
    dept: str,
    note: str,
    sanction: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record an absence without telling the office, asking the leader or a stand-in.

    \b
    Example:
      township absence unreported --person 赵某 --dept 财政所 \\
          --note "上班时间离岗，未安排替岗" --sanction warning
    """
    from township.kinds.absence import unreported as unreported_step

    record = take_step(
        app,
        "absence unreported",
        unreported_step,
        person=person,
        dept=dept,
        note=note,
        sanction=sanction,
        on=on,
    )
    created(app, record, fmt)


@absence.command("today")
@click.option("--as-of", "as_of", type=CALENDAR_DATE, help="The day [default: today].")
@format_option
@pass_app
def today(app: AppContext, as_of: dt.date | None, fmt: str) -> None:
    """Who is away today and who stands in (also at the end of the daily report).

    JSON: a list of {id, person, dept, reason, from, to, substitute,
    approved_by, state}, state one of away, overdue (past the last day and
    not back), unreported.

    \b
    Example:
      township absence today
      township absence today --as-of 2026-03-03 --format json
    """
    from township.kinds.absence import away_on

    day = as_of or app.today
    found = away_on(app.store, day)
    emit(app, away_view(found, day), fmt)


def away_view(found: list[Away], day: dt.date) -> View:
    """The ``absence today`` table (``township.kinds.absence.Away`` rows)."""
    from township.kinds.absence import REASONS

    columns = [
        Column("id", Text("编号", "id")),
        Column("person", Text("离岗人员", "person")),
        Column("dept", Text("站所", "office")),
        Column("reason", Text("事由", "reason")),
        Column("days", Text("离岗期间", "days away")),
        Column("substitute", Text("替岗人", "stand-in")),
        Column("approved_by", Text("批准领导", "approved by")),
        Column("state", Text("状态", "state")),
    ]
    rows = [
        {
            "id": a.record_id,
            "person": a.person,
            "dept": a.dept,
            "reason": REASONS.get(a.reason or "", ""),
            "days": f"{a.start} — {a.end}",
            "substitute": a.substitute or Text("无", "none"),
            "approved_by": a.approved_by or "",
            "state": a.state_label,
        }
        for a in found
    ]
    return View(
        rows,
        columns,
        data=[a.as_json() for a in found],
        title=Text(f"{day} 离岗人员与替岗安排", f"Away on {day} and who stands in"),
        empty=Text(f"{day} 无人离岗。", f"Nobody is away on {day}."),
    )


add_list_show(absence, "absence")
