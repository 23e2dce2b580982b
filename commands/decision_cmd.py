"""``township decision``: decision publicity (决策公开制度).

Every step's command is derived from the kind's declaration
(``township.kinds.decision.SPEC``, ``commands.steps``); their confirmation
says where the comment period stands (``_confirm``), since that period is
the public's window, which no step meets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from commands import TownshipGroup
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.steps import add_steps
from township.i18n import Text


@click.group(cls=TownshipGroup)
def decision() -> None:
    """Decision publicity (决策公开制度): public for comment before the Party committee.

    A major decision (发展规划、建设项目招标、重大行政处罚) is published for
    comment (decision-comment-period, the public's window: shown, never
    overdue; township rules --kind decision shows the period in force); it
    may go to the Party committee only after every working day of the
    period has passed and the opinions were summarised.

    \b
    Example:
      township decision propose --title "镇区控制性详细规划修编" --type plan --dept 村镇建设办
      township decision list
    """


def _confirm(app: AppContext, record: dict[str, Any], fmt: str, what: Text) -> None:
    """One sentence: the step, and where the comment period stands on the step's date.

    The comment period is the public's window, never met by a step; the
    sentence names its last day and the first day the decision may go to
    the Party committee (or that the period has ended).
    """
    from commands.records_view import emit_step

    emit_step(app, record, fmt, lambda: _sentence(app, record, what).get(app.lang))


def _sentence(app: AppContext, record: dict[str, Any], what: Text) -> Text:
    from commands.records_view import env_of
    from township.kinds.decision import period_end

    found = period_end(record, env_of(app))
    if found is None:
        return Text(f"{what.zh}。", f"{what.en}.")
    n, last, provisional = found
    star = " *" if provisional else ""
    first = last + dt.timedelta(days=1)
    on = dt.date.fromisoformat(record["events"][-1]["on"])
    if on <= last:
        return Text(
            f"{what.zh}；公示期（{n} 个工作日）至 {last}{star} 届满，最早 {first} 可提交党委讨论。",
            f"{what.en}; the comment period ({n} working days) ends on {last}{star}; it may go "
            f"to the Party committee from {first}.",
        )
    return Text(
        f"{what.zh}；公示期已于 {last}{star} 届满。",
        f"{what.en}; the comment period ended on {last}{star}.",
    )


add_steps(decision, "decision", say=_confirm)
add_list_show(decision, "decision")
