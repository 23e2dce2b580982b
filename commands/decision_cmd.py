"""``township decision``: decision publicity (决策公开制度)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import created, on_option, record_id_argument, take_step
from township.i18n import Text


@click.group(cls=TownshipGroup)
def decision() -> None:
    """Decision publicity (决策公开制度): public 5 working days before the Party committee.

    A major decision (发展规划、建设项目招标、重大行政处罚) is published for
    comment (decision-comment-period, the public's window: shown, never
    overdue); it may go to the Party committee only after every working day
    of the period has passed and the opinions were summarised.

    \b
    Example:
      township decision propose --title "镇区控制性详细规划修编" --type plan --dept 村镇建设办
      township decision list
    """


@decision.command("propose", creates=True)
@click.option("--title", required=True, help="What is to be decided.")
@click.option(
    "--type",
    "kind",
    required=True,
    type=click.Choice(["plan", "tender", "penalty", "other"]),
    help="plan 发展规划, tender 建设项目招标, penalty 重大行政处罚, other.",
)
@click.option("--dept", required=True, help="The department responsible.")
@on_option
@format_option
@pass_app
def propose(
    app: AppContext, title: str, kind: str, dept: str, on: dt.date | None, fmt: str
) -> None:
    """Register a major decision to be published before it is decided. Prints the new id.

    \b
    Example:
      township decision propose --title "农贸市场搬迁方案" --type other --dept 党政办
    """
    from township.kinds.decision import propose_decision

    record = take_step(
        app, "decision propose", propose_decision, title=title, type=kind, dept=dept, on=on
    )
    created(app, record, fmt)


@decision.command("publish")
@record_id_argument
@click.option(
    "--channel",
    required=True,
    type=click.Choice(["bulletin", "broadcast", "board", "web"]),
    help="Where it was published.",
)
@on_option
@format_option
@pass_app
def publish(app: AppContext, record_id: str, channel: str, on: dt.date | None, fmt: str) -> None:
    """Publish the decision for comment; starts the comment period (5 working days).

    \b
    Example:
      township decision publish DEC-2026-0001 --channel board
    """
    from township.kinds.decision import publish_decision

    record = take_step(app, "decision publish", publish_decision, record_id, channel=channel, on=on)
    _confirm(app, record, fmt, Text(f"{record['id']} 已公示", f"{record['id']} published"))


@decision.command("opinions")
@record_id_argument
@click.option("--summary", required=True, help="The opinions received, summarised (or none).")
@on_option
@format_option
@pass_app
def opinions(app: AppContext, record_id: str, summary: str, on: dt.date | None, fmt: str) -> None:
    """Record the summary of the opinions received; a later summary replaces it.

    \b
    Example:
      township decision opinions DEC-2026-0002 --summary "公示期间未收到意见"
    """
    from township.kinds.decision import summarise_opinions

    record = take_step(
        app, "decision opinions", summarise_opinions, record_id, summary=summary, on=on
    )
    _confirm(
        app, record, fmt, Text(f"{record['id']} 已汇总意见", f"{record['id']}: opinions summarised")
    )


@decision.command("submit")
@record_id_argument
@on_option
@format_option
@pass_app
def submit(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Submit to the Party committee (提交党委讨论): refused before the period has passed.

    Refused (exit 2) unless the decision was published, the working days of
    its comment period have all passed (the submit date is after the
    period's last day) and the opinions were summarised; the refusal names
    what is missing and the first day allowed.

    \b
    Example:
      township decision submit DEC-2026-0002 --on 2026-03-02
    """
    from township.kinds.decision import submit_decision

    record = take_step(app, "decision submit", submit_decision, record_id, on=on)
    _confirm(app, record, fmt, Text(f"{record['id']} 已提交党委讨论", f"{record['id']} submitted"))


@decision.command("decide")
@record_id_argument
@click.option("--result", required=True, help="The Party committee's decision.")
@on_option
@format_option
@pass_app
def decide(app: AppContext, record_id: str, result: str, on: dt.date | None, fmt: str) -> None:
    """Record the Party committee's decision (党委决定).

    \b
    Example:
      township decision decide DEC-2026-0003 --result "党委会议研究同意"
    """
    from township.kinds.decision import decide_decision

    record = take_step(app, "decision decide", decide_decision, record_id, result=result, on=on)
    _confirm(app, record, fmt, Text(f"{record['id']} 已决定", f"{record['id']} decided"))


def _confirm(app: AppContext, record: dict, fmt: str, what: Text) -> None:
    """One sentence: the step, and where the comment period stands on the step's date.

    The comment period is the public's window, never met by a step; the
    sentence names its last day and the first day the decision may go to
    the Party committee (or that the period has ended).
    """
    from commands.records_view import emit_step

    emit_step(app, record, fmt, lambda: _sentence(app, record, what).get(app.lang))


def _sentence(app: AppContext, record: dict, what: Text) -> Text:
    from township.book.machine import Env
    from township.kinds.decision import period_end

    found = period_end(record, Env(app.calendar, dict(app.config.rules), app.config))
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


add_list_show(decision, "decision")
