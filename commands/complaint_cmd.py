"""``township complaint``: efficiency complaints (效能投诉制)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import CatalogueChoice, format_option
from commands.records_view import (
    confirm,
    created,
    on_option,
    record_id_argument,
    responsible_cell,
    take_step,
)
from township.book.catalogs import MATTERS
from township.i18n import Text
from township.kinds.complaint import CATEGORIES, FINDINGS

Record = dict[str, Any]


@click.group(cls=TownshipGroup)
def complaint() -> None:
    """Efficiency complaints (效能投诉制): register, assign, resolve, escalate.

    The complainant's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township complaint register --complainant 张三 --contact 13812345678 \\
          --against 民政办 --category 1 --summary "低保申请拖延不办"
      township complaint list --status registered
    """


@complaint.command("register", creates=True, ask={"complainant": "--anonymous"})
@click.option(
    "--complainant", metavar="NAME", help="The complainant's name (not with --anonymous)."
)
@click.option("--contact", help="Phone or address for the reply (masked in output).")
@click.option("--anonymous", is_flag=True, help="An anonymous complaint: no name recorded.")
@click.option("--against", required=True, metavar="PERSON|UNIT", help="Who is complained about.")
@click.option(
    "--category", required=True, type=CatalogueChoice(CATEGORIES), help="Its category (受理范围)."
)
@click.option("--summary", required=True, help="What the complaint says.")
@click.option("--from-inquiry", "inquiry", metavar="INQ-ID", help="The inquiry it came from.")
@on_option
@format_option
@pass_app
def register(
    app: AppContext,
    complainant: str | None,
    contact: str | None,
    anonymous: bool,
    against: str,
    category: int,
    summary: str,
    inquiry: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register a complaint; it must be resolved within complaint-handling.

    The period is a local default (township rules --kind complaint shows the
    number in force). Categories: 1 拖延不办或执行不力, 2 违反限时办结,
    3 违反首问负责制, 4 违反一次性告知制, 5 擅离岗位、未落实同岗替代,
    6 服务态度差、刁难群众, 7 其他违反效能制度的行为 (only 1 and 2 survive in
    the regulation's text; 3-7 are the office's reading). Prints the new id.

    \b
    Example:
      township complaint register --complainant 张三 --contact 13812345678 \\
          --against 民政办 --category 2 --summary "低保申请超期未办" --on 2025-09-26
      township complaint register --anonymous --against 李四 --category 6 \\
          --summary "态度粗暴" --from-inquiry INQ-2026-0001
    """
    from township.kinds.complaint import register_complaint

    record = take_step(
        app,
        "complaint register",
        register_complaint,
        complainant=complainant,
        contact=contact,
        anonymous=anonymous,
        against=against,
        category=category,
        summary=summary,
        on=on,
        inquiry=inquiry,
    )
    created(app, record, fmt)


@complaint.command("assign")
@record_id_argument
@click.option("--dept", required=True, help="The department that handles it.")
@click.option("--person", help="The person in charge.")
@on_option
@format_option
@pass_app
def assign(
    app: AppContext, record_id: str, dept: str, person: str | None, on: dt.date | None, fmt: str
) -> None:
    """Assign (交办) a complaint to a department and person, who become responsible.

    \b
    Example:
      township complaint assign CMP-2026-0001 --dept 民政办 --person 赵六
    """
    from township.kinds.complaint import assign_complaint

    record = take_step(
        app, "complaint assign", assign_complaint, record_id, dept=dept, person=person, on=on
    )
    who = responsible_cell(record)
    rid = record["id"]
    confirm(app, record, fmt, Text(f"{rid} 已交办：{who}", f"{rid} assigned to {who}"))


@complaint.command("resolve")
@record_id_argument
@click.option(
    "--finding",
    required=True,
    type=CatalogueChoice(FINDINGS),
    help="Whether the complaint is substantiated (属实) or not (不属实).",
)
@click.option("--action", required=True, help="What was done about it.")
@on_option
@format_option
@pass_app
def resolve(
    app: AppContext, record_id: str, finding: str, action: str, on: dt.date | None, fmt: str
) -> None:
    """Resolve (办结) a complaint with a finding and the action taken.

    \b
    Example:
      township complaint resolve CMP-2026-0001 --finding substantiated \\
          --action "责令当日办结，并向投诉人致歉"
    """
    from township.kinds.complaint import FINDINGS, resolve_complaint

    record = take_step(
        app,
        "complaint resolve",
        resolve_complaint,
        record_id,
        finding=finding,
        action=action,
        on=on,
    )
    label = FINDINGS[finding]
    rid = record["id"]
    confirm(app, record, fmt, Text(f"{rid} 已办结（{label.zh}）", f"{rid} resolved ({label.en})"))


@complaint.command("escalate")
@record_id_argument
@click.option(
    "--investigator",
    "investigators",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A member of the investigation team (repeat for each).",
)
@click.option("--subject", help="Who is held to account [default: the complaint's --against].")
@click.option(
    "--unit",
    help="The subject's unit [default: the complaint's --against when that is a unit; "
    "required when the complaint is against a person].",
)
@click.option(
    "--matter",
    type=CatalogueChoice(MATTERS.entries),
    help="问责情形 [default: from the category: 1-4 -> 4, 5 -> 5, 6 -> 7; 7 needs --matter].",
)
@click.option("--summary", help="The case summary [default: the complaint's summary].")
@on_option
@format_option
@pass_app
def escalate(
    app: AppContext,
    record_id: str,
    investigators: tuple[str, ...],
    subject: str | None,
    unit: str | None,
    matter: int | None,
    summary: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Escalate a complaint to an accountability case (行政问责, source ⑤).

    The case and the complaint are linked both ways; the complaint's
    handling deadline counts as met on the escalation date.

    \b
    Example:
      township complaint escalate CMP-2026-0001 --investigator 赵某 --investigator 钱某 \\
          --subject 李四 --unit 民政办
    """
    from township.kinds.complaint import escalate_complaint

    record, case = take_step(
        app,
        "complaint escalate",
        escalate_complaint,
        record_id,
        investigators=list(investigators),
        subject=subject,
        unit=unit,
        matter=matter,
        summary=summary,
        on=on,
    )
    # The complaint is done; the sentence names the case's first deadline.
    rid, cid = record["id"], case["id"]
    what = Text(f"{rid} 已转问责调查，立案 {cid}", f"{rid} escalated; opened case {cid}")
    confirm(app, record, fmt, what, deadlines_of=case)


def _with_absences(app: AppContext) -> Callable[[Record], Record]:
    """A category ⑤ complaint (擅离岗位) read with the absences around its date."""
    from township.kinds.absence import around_field

    def read(record: Record) -> Record:
        if record.get("category") != 5:
            return record
        found, (_key, _label, text) = around_field(app.store, record)
        return {**found, "absences_around": text}

    return read


add_list_show(complaint, "complaint", personal=True, enrich=_with_absences)
