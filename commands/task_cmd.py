"""``township task``: assigned matters and requests (限时办结制 2, 督办制度 (七))."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import confirm, created, on_option, record_id_argument, take_step
from township.i18n import Text


@click.group(cls=TownshipGroup)
def task() -> None:
    """Assigned matters and requests (限时办结制 2): 15 working days from receipt.

    A decision of a higher office is carried out (execute), or its work plan
    reported (plan), and a request (请示) is answered, within 15 working days
    of the day the document was received (收件日). With --progress, progress
    is reported monthly or weekly while the task is open (督办制度 (七)).

    \b
    Example:
      township task receive --title "落实秋冬季森林防火部署" --from 县人民政府办公室 \\
          --type execute --doc-no "县府办〔2026〕12号" --dept 党政办 --progress monthly
      township task list --overdue
    """


@task.command("receive", creates=True)
@click.option("--title", required=True, help="What the document asks for.")
@click.option("--from", "issuer", required=True, metavar="ISSUER", help="The issuing office.")
@click.option(
    "--type",
    "type_",
    required=True,
    metavar="execute|plan|request",
    help="execute (落实上级决定), plan (制定工作方案) or request (请示).",
)
@click.option("--doc-no", help="The document number (文号).")
@click.option("--dept", help="The department responsible.")
@click.option("--person", help="The person responsible [default: the acting clerk].")
@click.option(
    "--progress",
    metavar="monthly|weekly",
    help="Report progress monthly (一月一报) or weekly (一周一报) while open.",
)
@on_option
@format_option
@pass_app
def receive(
    app: AppContext,
    title: str,
    issuer: str,
    type_: str,
    doc_no: str | None,
    dept: str | None,
    person: str | None,
    progress: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register a document received (收件日 = --on); prints the new id.

    The 15 working days count from the day after the receipt.

    \b
    Example:
      township task receive --title "关于村道硬化资金的请示" --from 东村村委会 \\
          --type request --on 2025-09-26             # answer due 2025-10-23
    """
    from township.kinds.task import receive_task

    record = take_step(
        app,
        "task receive",
        receive_task,
        title=title,
        issuer=issuer,
        type_=type_,
        doc_no=doc_no,
        dept=dept,
        person=person,
        progress=progress,
        on=on,
    )
    created(app, record, fmt)


@task.command("complete")
@record_id_argument
@click.option("--result", required=True, help="What was done.")
@on_option
@format_option
@pass_app
def complete(app: AppContext, record_id: str, result: str, on: dt.date | None, fmt: str) -> None:
    """Complete (办结) a task: a decision carried out, or a plan task after its plan.

    \b
    Example:
      township task complete TSK-2026-0001 --result "已完成排查并上报"
    """
    from township.kinds.task import complete_task

    record = take_step(app, "task complete", complete_task, record_id, result=result, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已办结", f"{record['id']} completed"))


@task.command("report")
@record_id_argument
@click.option("--plan", required=True, help="The work plan reported to the issuing office.")
@on_option
@format_option
@pass_app
def report(app: AppContext, record_id: str, plan: str, on: dt.date | None, fmt: str) -> None:
    """Record the work plan reported to the issuing office (a plan task).

    \b
    Example:
      township task report TSK-2026-0002 --plan "人居环境整治实施方案（已报县政府办）"
    """
    from township.kinds.task import report_plan

    record = take_step(app, "task report", report_plan, record_id, plan=plan, on=on)
    confirm(
        app, record, fmt, Text(f"{record['id']} 已报送工作方案", f"{record['id']} plan reported")
    )


@task.command("reply")
@record_id_argument
@click.option("--text", required=True, help="The answer to the request.")
@on_option
@format_option
@pass_app
def reply(app: AppContext, record_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Answer a request (答复请示); closes it.

    \b
    Example:
      township task reply TSK-2026-0003 --text "同意，按程序办理"
    """
    from township.kinds.task import reply_request

    record = take_step(app, "task reply", reply_request, record_id, text=text, on=on)
    confirm(app, record, fmt, Text(f"{record['id']} 已答复", f"{record['id']} answered"))


@task.command("progress")
@record_id_argument
@click.option("--text", required=True, help="The progress reported.")
@on_option
@format_option
@pass_app
def progress(app: AppContext, record_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Report progress on an open task; the next report falls due one period later.

    \b
    Example:
      township task progress TSK-2026-0001 --text "已完成 3 个村的排查"
    """
    from township.kinds.task import report_progress

    record = take_step(app, "task progress", report_progress, record_id, text=text, on=on)
    confirm(
        app, record, fmt, Text(f"{record['id']} 已报告进度", f"{record['id']} progress reported")
    )


@task.command("assign")
@record_id_argument
@click.option("--dept", required=True, help="The department now responsible.")
@click.option("--person", help="The person now responsible.")
@on_option
@format_option
@pass_app
def assign(
    app: AppContext, record_id: str, dept: str, person: str | None, on: dt.date | None, fmt: str
) -> None:
    """Move the responsibility for an open task to another department (and person).

    \b
    Example:
      township task assign TSK-2026-0001 --dept 农业服务中心 --person 刘某
    """
    from township.kinds.task import assign_task

    record = take_step(app, "task assign", assign_task, record_id, dept=dept, person=person, on=on)
    who = " ".join(v for v in (dept, person) if v)
    confirm(
        app, record, fmt, Text(f"{record['id']} 已移交 {who}", f"{record['id']} assigned to {who}")
    )


add_list_show(task, "task")
