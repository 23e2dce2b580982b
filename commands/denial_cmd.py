"""``township denial``: denial filings (否定报备制)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import DATE, CatalogueChoice, format_option
from commands.records_view import (
    confirm,
    created,
    on_option,
    record_id_argument,
    take_step,
)
from township.i18n import Text
from township.kinds.denial import TYPES as DENIAL_TYPES


@click.group(cls=TownshipGroup)
def denial() -> None:
    """Denial filings (否定报备制): filed and the applicant told in writing in time.

    The periods are the rule book's (township rules --kind denial shows the
    numbers in force). The applicant's name and contact are masked unless
    --reveal is given; each reveal is audited.

    \b
    Example:
      township denial file --applicant 孙七 --matter "临时救助申请" \\
          --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"
      township denial list --overdue
    """


denial.lazy["form"] = ("commands.forms_cmd:denial_form", "Print the 否定报备登记表.")


@denial.command("file", creates=True)
@click.option("--applicant", required=True, metavar="NAME", help="Who applied (报办人).")
@click.option("--contact", help="The applicant's phone or address (masked in output).")
@click.option(
    "--type",
    "type_",
    type=CatalogueChoice(DENIAL_TYPES),
    default="denial",
    show_default=True,
    help="A refusal of the application, or a penalty on the applicant (否定（处罚）).",
)
@click.option("--matter", required=True, help="The application that is denied.")
@click.option("--reason", required=True, help="Why it is denied.")
@click.option("--basis", required=True, help="The law, regulation or rule it rests on.")
@click.option(
    "--beyond-authority",
    is_flag=True,
    help="Beyond the clerk's authority: the leader's opinion falls due too.",
)
@click.option("--leader", metavar="NAME", help="The leader asked (with --beyond-authority).")
@click.option(
    "--leader-received",
    type=DATE,
    default=None,
    metavar="DATE",
    help="The day the leader received the request [default: the filing date].",
)
@click.option("--dept", help="The clerk's department.")
@on_option
@format_option
@pass_app
def file_(app: AppContext, fmt: str, **options: object) -> None:
    """Register a denial; it must be filed and the applicant told in writing in time.

    With --beyond-authority the leader named by --leader owes an opinion,
    counted from the day the leader received the request, before the filing
    can be completed (township rules --kind denial shows the periods in
    force). Prints the new id.

    \b
    Example:
      township denial file --applicant 孙七 --matter "临时救助申请" \\
          --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"
      township denial file --applicant 周八 --matter "宅基地审批" --reason "不符合规划" \\
          --basis "《土地管理法》第六十二条" --beyond-authority --leader 副镇长吴某
    """
    from township.kinds.denial import file_denial

    record = take_step(app, "denial file", file_denial, **options)  # type: ignore[arg-type]
    created(app, record, fmt)


@denial.command("opinion")
@record_id_argument
@click.option("--text", required=True, help="The leader's opinion.")
@on_option
@format_option
@pass_app
def opinion(app: AppContext, record_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Record the leader's opinion on a denial beyond the clerk's authority.

    \b
    Example:
      township denial opinion DEN-2026-0001 --text "同意不予批准"
    """
    from township.kinds.denial import record_opinion

    record = take_step(app, "denial opinion", record_opinion, record_id, text=text, on=on)
    rid = record["id"]
    confirm(
        app,
        record,
        fmt,
        Text(f"{rid} 已登记领导处理意见", f"{rid}: the leader's opinion is recorded"),
    )


@denial.command("complete")
@record_id_argument
@on_option
@format_option
@pass_app
def complete(app: AppContext, record_id: str, on: dt.date | None, fmt: str) -> None:
    """Record that the denial was filed upward and the applicant told in writing.

    \b
    Example:
      township denial complete DEN-2026-0002
    """
    from township.kinds.denial import complete_denial

    record = take_step(app, "denial complete", complete_denial, record_id, on=on)
    rid = record["id"]
    confirm(
        app,
        record,
        fmt,
        Text(f"{rid} 已报备并书面告知申请人", f"{rid} filed and the applicant told in writing"),
    )


@denial.command("return-materials")
@record_id_argument
@click.option("--signed-by", required=True, metavar="NAME", help="Who signed for the materials.")
@on_option
@format_option
@pass_app
def return_materials(
    app: AppContext, record_id: str, signed_by: str, on: dt.date | None, fmt: str
) -> None:
    """Record that the denied materials were returned and signed for.

    \b
    Example:
      township denial return-materials DEN-2026-0001 --signed-by 周某庚
    """
    from township.kinds.denial import return_materials as give_back

    record = take_step(
        app, "denial return-materials", give_back, record_id, signed_by=signed_by, on=on
    )
    rid = record["id"]
    confirm(
        app,
        record,
        fmt,
        Text(
            f"{rid} 的材料已退还，{signed_by} 签收",
            f"{rid}: materials returned, signed for by {signed_by}",
        ),
    )


add_list_show(denial, "denial", personal=True)
