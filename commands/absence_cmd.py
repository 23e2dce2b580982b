"""``township absence``: absences and stand-ins (同岗替代制).

The commands of its steps (log, return, unreported) are derived from the
kind's declaration (``township.kinds.absence.SPEC``, ``commands.steps``);
``absence today`` is a view, written here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import CALENDAR_DATE, format_option
from commands.render import Column, View
from commands.steps import add_steps
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


add_steps(absence, "absence")
add_list_show(absence, "absence")
