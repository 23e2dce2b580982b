"""``township case``: accountability investigations (行政问责制).

Each step opens one transaction, calls the step in ``township.kinds.case`` and
prints a one-line confirmation (or, with ``--format json``, the record as
``show`` prints it). The steps, their order and their deadlines live in the
library; this module only parses and renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import CatalogueChoice, format_option
from commands.records_view import confirm, created, on_option, take_step
from commands.render import Column, View
from township.book.catalogs import AGGRAVATING_GROUNDS, BANDS, MATTERS, METHODS, SOURCES
from township.i18n import Text
from township.kinds.case import OUTCOMES

CASE_ID = click.argument("case_id", metavar="ID")


@click.group(cls=TownshipGroup)
def case() -> None:
    """Accountability investigations (行政问责制), from opening to final review.

    Steps in order: open, statement, report, decide, deliver, appeal, review,
    close; extend, obstruct, aggravate, recuse and appoint along the way.

    \b
    Example:
      township case open --subject 李某 --unit 民政办 --matter 4 --source 5 \\
        --summary "低保申请拖延" --investigator 赵某 --investigator 钱某
      township case list --status investigating
    """


case.lazy["decision-notice"] = ("commands.forms_cmd:decision_notice", "Print the 问责决定书.")

# -- helpers -------------------------------------------------------------------


def _enrich(app: AppContext) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The case as it is read: with its aggravation, from every case in the store."""
    from township.book.registry import KINDS
    from township.kinds.case import with_aggravation

    # By subject: a case's repeat cases are cases of its subject (one pass, not one per row).
    by_subject: dict[Any, list[dict[str, Any]]] = {}
    for case_record in app.store.iter_records(KINDS["case"]):
        by_subject.setdefault(case_record.get("subject"), []).append(case_record)
    return lambda record: with_aggravation(record, by_subject.get(record.get("subject"), []))


def _step(
    app: AppContext,
    name: str,
    fmt: str,
    action: Callable[..., dict[str, Any]],
    what: Callable[[dict[str, Any]], Text],
    **kwargs: Any,
) -> None:
    """Run one step in a transaction, then confirm it (or print the record as JSON)."""
    record = take_step(app, f"case {name}", action, **kwargs)
    confirm(app, record, fmt, what(record), to_json=_enrich(app))


def _labels(values: list[int], catalogue: str, lang: str) -> str:
    from township.book.catalogs import CATALOGUES

    sep = ", " if lang == "en" else "、"
    return sep.join(CATALOGUES[catalogue].label(v).get(lang) for v in values)


def _pair(values: list[int], catalogue: str) -> tuple[str, str]:
    return _labels(values, catalogue, "zh"), _labels(values, catalogue, "en")


def _method_option(name: str, help_text: str, required: bool) -> Callable[..., Any]:
    return click.option(
        name,
        type=CatalogueChoice(METHODS.entries),
        multiple=True,
        required=required,
        help=help_text + " Repeatable (methods may be used alone or together).",
    )


# -- open ----------------------------------------------------------------------


@case.command("open", creates=True)
@click.option("--subject", required=True, help="The person held accountable (被调查人).")
@click.option("--unit", required=True, help="The subject's unit (所在单位), e.g. 民政办.")
@click.option(
    "--matter",
    type=CatalogueChoice(MATTERS.entries),
    required=True,
    help="问责情形 (行政问责制 1).",
)
@click.option(
    "--source",
    type=CatalogueChoice(SOURCES.entries),
    required=True,
    help="启动来源 (行政问责制 5).",
)
@click.option("--summary", required=True, help="What was reported (问题摘要).")
@click.option(
    "--investigator",
    "investigators",
    multiple=True,
    required=True,
    help="A member of the investigation team (调查组); repeatable, the first leads it.",
)
@on_option
@format_option
@pass_app
def open_(
    app: AppContext,
    subject: str,
    unit: str,
    matter: int,
    source: int,
    summary: str,
    investigators: tuple[str, ...],
    on: dt.date | None,
    fmt: str,
) -> None:
    """Open a case (启动问责程序); prints the new id and the report's due date.

    The first --investigator leads the team (调查组).

    Starts the investigation deadline (township rules --kind case shows the
    periods in force).

    \b
    Example:
      township case open --subject 李某 --unit 民政办 --matter 4 --source 5 \\
        --summary "低保申请拖延两个月" --investigator 赵某 --investigator 钱某 --on 2026-02-26
    """
    from township.kinds.case import open_case

    record = take_step(
        app,
        "case open",
        open_case,
        subject=subject,
        unit=unit,
        matter=matter,
        source=source,
        summary=summary,
        investigators=list(investigators),
        on=on,
    )
    created(app, record, fmt, to_json=_enrich(app))


# -- steps of the investigation --------------------------------------------------


@case.command("statement")
@CASE_ID
@click.option("--text", required=True, help="The subject's statement and defence (陈述和申辩).")
@on_option
@format_option
@pass_app
def statement(app: AppContext, case_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Record the subject's statement (陈述和申辩).

    A statement never aggravates the case (权力查究问责制度·行政问责制 7).

    \b
    Example:
      township case statement CASE-2026-0001 --text "材料不全，已多次告知"
    """
    from township.kinds.case import record_statement

    _step(
        app,
        "statement",
        fmt,
        record_statement,
        lambda r: Text(
            f"已记录 {r['id']} 被调查人的陈述和申辩",
            f"Recorded the statement of the subject of {r['id']}",
        ),
        case_id=case_id,
        text=text,
        on=on,
    )


@case.command("extend")
@CASE_ID
@click.option("--approved-by", required=True, help="Who approved the extension (批准人).")
@click.option("--reason", required=True, help="Why the case is complex (延长理由).")
@on_option
@format_option
@pass_app
def extend(
    app: AppContext, case_id: str, approved_by: str, reason: str, on: dt.date | None, fmt: str
) -> None:
    """Extend the investigation once (延长调查期限).

    By the rule book's extension of investigation, from the current due date,
    approved while it runs (情况复杂的，经批准可延长, 权力查究问责制度·行政问责制 8; township
    rules --kind case shows the number in force); a second extension is refused.

    \b
    Example:
      township case extend CASE-2026-0001 --approved-by 张书记 --reason "涉及多个部门"
    """
    from township.kinds.case import extend_investigation

    def message(r: dict[str, Any]) -> Text:
        n = r["events"][-1]["n"]
        return Text(
            f"{r['id']} 调查期限延长 {n} 个工作日",
            f"{r['id']}: investigation extended by {n} working days",
        )

    _step(
        app,
        "extend",
        fmt,
        extend_investigation,
        message,
        case_id=case_id,
        approved_by=approved_by,
        reason=reason,
        on=on,
    )


@case.command("obstruct")
@CASE_ID
@click.option("--note", required=True, help="What happened (干扰、阻碍、不配合调查).")
@on_option
@format_option
@pass_app
def obstruct(app: AppContext, case_id: str, note: str, on: dt.date | None, fmt: str) -> None:
    """Record obstruction of the investigation (从重 ②).

    The case becomes aggravated (从重问责).

    The team may ask that the subject be suspended (暂停其执行职务, 权力查究问责制度·行政问责制 6).

    \b
    Example:
      township case obstruct CASE-2026-0001 --note "拒不提供台账"
    """
    from township.kinds.case import record_obstruction

    _step(
        app,
        "obstruct",
        fmt,
        record_obstruction,
        lambda r: Text(
            f"已记录 {r['id']} 的干扰调查情况，本案从重问责（②）",
            f"Recorded the obstruction in {r['id']}, the case is aggravated (②)",
        ),
        case_id=case_id,
        note=note,
        on=on,
    )


@case.command("aggravate")
@CASE_ID
@click.option(
    "--ground",
    type=CatalogueChoice(AGGRAVATING_GROUNDS),
    required=True,
    help="The aggravating circumstance that came to light (从重情形).",
)
@click.option("--note", required=True, help="What happened.")
@on_option
@format_option
@pass_app
def aggravate(
    app: AppContext, case_id: str, ground: int, note: str, on: dt.date | None, fmt: str
) -> None:
    """Record aggravating ground ③ or ④ (从重情形).

    ③ retaliation against complainants or witnesses; ④ bribing the investigators.

    ① (a decided case within a year) and ② (case obstruct) are found automatically.

    \b
    Example:
      township case aggravate CASE-2026-0001 --ground 3 --note "威胁举报人"
    """
    from township.book.catalogs import ground_label
    from township.kinds.case import record_aggravation

    def message(r: dict[str, Any]) -> Text:
        label = ground_label(ground)
        return Text(
            f"已记录 {r['id']} 的从重情形 {label.zh}",
            f"Recorded aggravating ground {label.en} in {r['id']}",
        )

    _step(
        app,
        "aggravate",
        fmt,
        record_aggravation,
        message,
        case_id=case_id,
        ground=ground,
        note=note,
        on=on,
    )


@case.command("recuse")
@CASE_ID
@click.option("--investigator", required=True, help="The investigator who steps aside (回避).")
@click.option("--reason", required=True, help="The conflict of interest (利害关系).")
@click.option("--replacement", help="Who takes their place on the team.")
@on_option
@format_option
@pass_app
def recuse_(
    app: AppContext,
    case_id: str,
    investigator: str,
    reason: str,
    replacement: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record an investigator's recusal (回避).

    --replacement names who takes the place on the team, if anyone.

    \b
    Example:
      township case recuse CASE-2026-0001 --investigator 钱某 --reason "系被调查人亲属" \\
        --replacement 孙某
    """
    from township.kinds.case import recuse

    def message(r: dict[str, Any]) -> Text:
        team = r["investigators"]
        return Text(
            f"{investigator} 已回避 {r['id']}，调查组：{'、'.join(team) or '（无人）'}",
            f"{investigator} is recused from {r['id']}, team: {', '.join(team) or '(none)'}",
        )

    _step(
        app,
        "recuse",
        fmt,
        recuse,
        message,
        case_id=case_id,
        investigator=investigator,
        reason=reason,
        replacement=replacement,
        on=on,
    )


@case.command("appoint")
@CASE_ID
@click.option("--investigator", required=True, help="Who joins the investigation team.")
@click.option("--reason", help="Why (e.g. the team was left empty by recusals).")
@on_option
@format_option
@pass_app
def appoint_(
    app: AppContext,
    case_id: str,
    investigator: str,
    reason: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Add an investigator to the team (增补调查人员).

    \b
    Example:
      township case appoint CASE-2026-0001 --investigator 孙某
    """
    from township.kinds.case import appoint

    _step(
        app,
        "appoint",
        fmt,
        appoint,
        lambda r: Text(
            f"{investigator} 已加入 {r['id']} 调查组，调查组：{'、'.join(r['investigators'])}",
            f"{investigator} joined the team of {r['id']}, team: {', '.join(r['investigators'])}",
        ),
        case_id=case_id,
        investigator=investigator,
        reason=reason,
        on=on,
    )


@case.command("report")
@CASE_ID
@click.option("--facts", required=True, help="The facts found (详细事实).")
@click.option("--conclusion", required=True, help="The conclusion (基本结论).")
@_method_option("--recommend", "Recommended method (问责建议), 1-10.", required=True)
@click.option(
    "--severity",
    required=True,
    type=CatalogueChoice({k: b.label for k, b in BANDS.items()}),
    help="情节轻微 (methods 1-3), 情节严重 (4-7) or 情节特别严重 (8-10).",
)
@click.option(
    "--no-statement-reason",
    help="Why no statement of the subject could be heard (required if none is recorded).",
)
@on_option
@format_option
@pass_app
def report(
    app: AppContext,
    case_id: str,
    facts: str,
    conclusion: str,
    recommend: tuple[int, ...],
    severity: str,
    no_statement_reason: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Submit the written investigation report (调查报告).

    Refused until a statement is recorded or --no-statement-reason says why
    none could be heard, and while no investigator is left.

    \b
    Example:
      township case report CASE-2026-0001 --facts "..." --conclusion "属实" \\
        --recommend 5 --severity serious
    """
    from township.kinds.case import submit_report

    def message(r: dict[str, Any]) -> Text:
        return Text(
            f"已提交 {r['id']} 的调查报告，下一步：作出问责决定（case decide）",
            f"Filed the report of {r['id']}, next: the decision (case decide)",
        )

    _step(
        app,
        "report",
        fmt,
        submit_report,
        message,
        case_id=case_id,
        facts=facts,
        conclusion=conclusion,
        recommend=list(recommend),
        severity=severity,
        no_statement_reason=no_statement_reason,
        on=on,
    )


# -- decision and after ------------------------------------------------------------


@case.command("decide")
@CASE_ID
@_method_option("--method", "Method (问责方式), 1-10.", required=True)
@on_option
@format_option
@pass_app
def decide_(
    app: AppContext, case_id: str, method: tuple[int, ...], on: dt.date | None, fmt: str
) -> None:
    """Record the Party committee's decision (问责决定).

    Starts the delivery deadline (权力查究问责制度·行政问责制 9; township rules --kind case
    shows the period in force).

    The methods must fit the reported severity (minor 1-3, serious 4-7,
    grave 8-10); an aggravated case (从重) may also take the next band up.

    \b
    Example:
      township case decide CASE-2026-0002 --method 5 --method 4
    """
    from township.kinds.case import decide

    def message(r: dict[str, Any]) -> Text:
        zh, en = _pair(r["decision"]["methods"], "method")
        return Text(f"{r['id']} 已作出问责决定：{zh}", f"Decision on {r['id']}: {en}")

    _step(
        app,
        "decide",
        fmt,
        decide,
        message,
        case_id=case_id,
        methods=list(method),
        on=on,
    )


@case.command("deliver")
@CASE_ID
@on_option
@format_option
@pass_app
def deliver_(app: AppContext, case_id: str, on: dt.date | None, fmt: str) -> None:
    """Record delivery of the decision (送达).

    The subject's appeal window starts (权力查究问责制度·行政问责制 10; township rules --kind
    case shows the period in force).

    \b
    Example:
      township case deliver CASE-2026-0003
    """
    from township.kinds.case import deliver

    def message(r: dict[str, Any]) -> Text:
        return Text(f"{r['id']} 的问责决定已送达", f"The decision of {r['id']} is delivered")

    _step(
        app,
        "deliver",
        fmt,
        deliver,
        message,
        case_id=case_id,
        on=on,
    )


@case.command("appeal")
@CASE_ID
@click.option("--grounds", required=True, help="The subject's grounds (申诉理由).")
@on_option
@format_option
@pass_app
def appeal_(app: AppContext, case_id: str, grounds: str, on: dt.date | None, fmt: str) -> None:
    """Record the subject's appeal (申诉).

    Refused after the appeal window (counted from delivery). The decision
    keeps being executed meanwhile (申诉期间不停止执行); the review deadline
    starts (township rules --kind case shows the periods in force).

    \b
    Example:
      township case appeal CASE-2026-0004 --grounds "事实认定有误"
    """
    from township.kinds.case import appeal

    def message(r: dict[str, Any]) -> Text:
        return Text(
            f"已受理 {r['id']} 的申诉（申诉期间不停止执行，问责决定继续执行）",
            f"Appeal on {r['id']} received (the decision keeps being executed meanwhile)",
        )

    _step(
        app,
        "appeal",
        fmt,
        appeal,
        message,
        case_id=case_id,
        grounds=grounds,
        on=on,
    )


@case.command("review")
@CASE_ID
@click.option(
    "--outcome",
    required=True,
    type=CatalogueChoice(OUTCOMES),
    help="维持, 变更 (give the new --method) or 撤销.",
)
@_method_option("--method", "The new method when the outcome is changed.", required=False)
@on_option
@format_option
@pass_app
def review_(
    app: AppContext,
    case_id: str,
    outcome: str,
    method: tuple[int, ...],
    on: dt.date | None,
    fmt: str,
) -> None:
    """Record the review decision (复议、复核决定).

    \b
    Example:
      township case review CASE-2026-0005 --outcome changed --method 4
    """
    from township.kinds.case import OUTCOMES, review

    def message(r: dict[str, Any]) -> Text:
        label = OUTCOMES[outcome]
        if outcome == "changed":
            zh, en = _pair(r["decision"]["methods"], "method")
            return Text(
                f"{r['id']} 复议复核决定：变更为 {zh}", f"Review of {r['id']}: changed to {en}"
            )
        return Text(
            f"{r['id']} 复议复核决定：{label.zh}原问责决定",
            f"Review of {r['id']}: decision {label.en}",
        )

    _step(
        app,
        "review",
        fmt,
        review,
        message,
        case_id=case_id,
        outcome=outcome,
        methods=list(method),
        on=on,
    )


@case.command("close")
@CASE_ID
@click.option("--note", help="A closing remark.")
@on_option
@format_option
@pass_app
def close_(app: AppContext, case_id: str, note: str | None, on: dt.date | None, fmt: str) -> None:
    """Close the case (结案).

    Allowed after the review, or once the appeal window has passed without appeal.

    \b
    Example:
      township case close CASE-2026-0006
    """
    from township.kinds.case import close_case

    _step(
        app,
        "close",
        fmt,
        close_case,
        lambda r: Text(f"{r['id']} 已结案", f"{r['id']} is closed"),
        case_id=case_id,
        note=note,
        on=on,
    )


# -- reading -----------------------------------------------------------------------


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


add_list_show(case, "case", enrich=_enrich, event_detail=_event_detail)
