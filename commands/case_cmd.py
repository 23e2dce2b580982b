"""``township case``: accountability investigations (行政问责制).

Every step's command is derived from its declaration in
``township.kinds.case`` (``commands.steps``): options, help, the call to the
step machine and the confirmation. What is written here is what a step is
not: the catalogues (``case catalog``), the decision notice (a document), and
the case as it is read, with its aggravation computed from every case in the
store (``_enrich``), for ``list``, ``show`` and a step's ``--format json``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.render import Column, View
from commands.steps import add_steps
from township.i18n import Text


@click.group(cls=TownshipGroup)
def case() -> None:
    """Accountability investigations (行政问责制), from opening to final review.

    Steps in order: open, statement, report, decide, deliver, appeal, review,
    close; extend, obstruct, aggravate, recuse and appoint along the way;
    inform once decided. The periods are the rule book's (township rules
    --kind case shows the numbers in force).

    \b
    Example:
      township case open --subject 李某 --unit 民政办 --matter 4 --source 5 \\
        --summary "低保申请拖延" --verified "经初步核实，反映情况存在" \\
        --opened-by 镇长何某 --investigator 赵某 --investigator 钱某
      township case list --status investigating
    """


case.lazy["decision-notice"] = ("commands.forms_cmd:decision_notice", "Print the 问责决定书.")
case.lazy["report-form"] = ("commands.papers_cmd:report_form", "Print the 书面调查报告.")


def _enrich(app: AppContext) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The case as it is read: with its aggravation, from every case in the store."""
    from township.book.registry import KINDS
    from township.kinds.case import with_aggravation

    # By subject: a case's repeat cases are cases of its subject (one pass, not one per row).
    by_subject: dict[Any, list[dict[str, Any]]] = {}
    for case_record in app.store.iter_records(KINDS["case"]):
        by_subject.setdefault(case_record.get("subject"), []).append(case_record)
    return lambda record: with_aggravation(record, by_subject.get(record.get("subject"), []))


@case.command("catalog")
@click.argument(
    "name",
    required=False,
    type=click.Choice(["matter", "method", "source", "severity", "aggravation"]),
)
@format_option
@pass_app
def catalog(app: AppContext, name: str | None, fmt: str) -> None:
    """Print the catalogues (问责情形, 方式, 来源, 情节, 从重).

    \b
    Example:
      township case catalog
      township case catalog method --format json
    """
    from township.book.catalogs import catalogue_view

    rows, data = catalogue_view(name)
    columns = [
        Column("catalogue", Text("目录", "catalogue")),
        Column("number", Text("编号", "no.")),
        Column("label", Text("内容", "entry")),
        Column("clause", Text("依据", "source")),
    ]
    emit(app, View(rows, columns, data=data), fmt)


def _event_detail(event: dict[str, Any]) -> Text:
    from township.kinds.case import describe_event

    return describe_event(event)


add_steps(case, "case", enrich=_enrich)
add_list_show(case, "case", enrich=_enrich, event_detail=_event_detail)
