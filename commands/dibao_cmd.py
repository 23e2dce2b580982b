"""``township dibao``: minimum living allowance applications (最低生活保障)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app, warn
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import DATE, format_option
from commands.records_view import confirm, created, on_option, record_id_argument, take_step
from township.i18n import Text


@click.group(cls=TownshipGroup)
def dibao() -> None:
    """Minimum living allowance (低保): township review in 10 days, county decision in 15.

    The township's 10 days (日, calendar days) run from the day it receives
    the application report signed by the village committee; the county's 15
    days from the day the review goes to the county: that clock is shown,
    never counted against the township. The applicant's name and contact
    are masked everywhere unless --reveal is given; each reveal is audited.

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
    """Register an application; the township's review is due within 10 days.

    --on is the day the township received the application report signed by
    the village committee. 10 calendar days (日); a period ending on a rest
    day runs to the next working day. Prints the new id; an income not
    below the line is flagged on stderr and on the record, not refused.

    \b
    Example:
      township dibao apply --applicant 张某甲 --contact 13800001234 --village 东村 \\
          --household 3 --income 980 --on 2026-02-13     # review due 2026-02-24
    """
    from township.kinds.dibao import apply as apply_step

    record = take_step(
        app,
        "dibao apply",
        apply_step,
        applicant=applicant,
        village=village,
        household=household,
        income=income,
        contact=contact,
        on=on,
    )
    created(app, record, fmt)
    if record["above_line"]:
        from township.kinds.dibao import yuan

        warn(
            app,
            f"注意：{record['id']} 家庭人均收入 {yuan(record['income'])} 元不低于低保标准 "
            f"{yuan(record['line'])} 元，已标记，请在审核时核查。",
            f"Note: the per-capita income of {record['id']}, {yuan(record['income'])} yuan, "
            f"is not below the line of {yuan(record['line'])} yuan; flagged for the review.",
        )


@dibao.command("review")
@record_id_argument
@click.option(
    "--opinion",
    required=True,
    type=click.Choice(["approve", "reject"]),
    help="The township's opinion sent to the county.",
)
@click.option("--note", required=True, help="What the check found (核查情况).")
@on_option
@format_option
@pass_app
def review(
    app: AppContext, record_id: str, opinion: str, note: str, on: dt.date | None, fmt: str
) -> None:
    """Sign the township's opinion and send it to the county (meets the 10 days).

    --on is the day it goes to the county; the county's 15 days start then.

    \b
    Example:
      township dibao review MLS-2026-0001 --opinion approve --note 入户核查属实
    """
    from township.kinds.dibao import review as review_step

    record = take_step(
        app, "dibao review", review_step, record_id, opinion=opinion, note=note, on=on
    )
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已报县民政局审批", f"{record['id']} sent to the county"),
    )


@dibao.command("decide")
@record_id_argument
@click.option(
    "--result",
    required=True,
    type=click.Choice(["approved", "rejected"]),
    help="The county's decision.",
)
@click.option("--certificate", metavar="NO", help="The 保障金领取证 number (approved).")
@click.option("--reason", help="Why it was rejected (required for a rejection).")
@on_option
@format_option
@pass_app
def decide(
    app: AppContext,
    record_id: str,
    result: str,
    certificate: str | None,
    reason: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the county's decision; a rejection needs its reason.

    \b
    Example:
      township dibao decide MLS-2026-0002 --result approved --certificate 2026-017
      township dibao decide MLS-2026-0002 --result rejected --reason 家庭人均收入高于标准
    """
    from township.kinds.dibao import RESULTS
    from township.kinds.dibao import decide as decide_step

    record = take_step(
        app,
        "dibao decide",
        decide_step,
        record_id,
        result=result,
        certificate=certificate,
        reason=reason,
        on=on,
    )
    label = RESULTS[result]
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 县民政局{label.zh}", f"{record['id']} {label.en} by the county"),
    )


@dibao.command("notify")
@record_id_argument
@on_option
@format_option
@pass_app
def notify(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Record that a rejection and its reason were told to the applicant in writing.

    \b
    Example:
      township dibao notify MLS-2026-0003
    """
    from township.kinds.dibao import notify as notify_step

    record = take_step(app, "dibao notify", notify_step, record_id, on=on)
    confirm(
        app,
        record,
        fmt,
        Text(f"{record['id']} 已书面告知申请人", f"{record['id']} told in writing"),
    )


@dibao.command("publish")
@record_id_argument
@on_option
@format_option
@pass_app
def publish(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Record the public notice of an approved household (以户为单位予以公告).

    \b
    Example:
      township dibao publish MLS-2026-0004
    """
    from township.kinds.dibao import publish as publish_step

    record = take_step(app, "dibao publish", publish_step, record_id, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已公告", f"{record['id']} published"))


@dibao.command("cancel")
@record_id_argument
@click.option("--reason", required=True, help="Why (动态管理: the income changed).")
@on_option
@format_option
@pass_app
def cancel(app: AppContext, record_id: str, reason: str, on: dt.date | None, fmt: str) -> None:
    """Cancel an approved household's allowance (动态管理).

    \b
    Example:
      township dibao cancel MLS-2026-0004 --reason 家庭成员就业，人均收入超过标准
    """
    from township.kinds.dibao import cancel as cancel_step

    record = take_step(app, "dibao cancel", cancel_step, record_id, reason=reason, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已取消低保", f"{record['id']} cancelled"))


add_list_show(dibao, "dibao", personal=True)
