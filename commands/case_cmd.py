"""``township case``: accountability investigations (行政问责制, SPEC 4.2).

Each step opens one transaction, calls the step in ``township.case`` and
prints a one-line confirmation (or, with ``--format json``, the record as
``show`` prints it). The steps, their order and their deadlines live in the
library; this module only parses and renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.params import CatalogueChoice, format_option
from commands.records_view import (
    ListFilters,
    created,
    list_options,
    list_records,
    on_option,
    responsible_cell,
    run_step,
    show_record,
    step_done,
)
from commands.render import Column, View
from township.case import OUTCOMES, STATUSES
from township.catalogs import AGGRAVATING_GROUNDS, BANDS, MATTERS, METHODS, SOURCES
from township.i18n import Text

CASE_ID = click.argument("case_id", metavar="ID")
PROVISIONAL_MARK = Text("（暂定）", " (provisional)")
LIST_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("subject", Text("被调查人", "subject")),
    Column("unit", Text("单位", "unit")),
    Column("matter", Text("问责情形", "matter")),
    Column("opened", Text("启动日期", "opened")),
    Column("lead", Text("调查组负责人", "lead investigator")),
    Column("aggravated", Text("从重", "aggravated")),
]


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


def _cases(app: AppContext) -> list[dict[str, Any]]:
    from township.kinds import KINDS

    return list(app.store.iter_records(KINDS["case"]))


def _with_aggravation(record: dict[str, Any], cases: list[dict[str, Any]]) -> dict[str, Any]:
    from township.case import aggravation_grounds

    grounds = aggravation_grounds(record, cases)
    return {**record, "aggravated": bool(grounds), "aggravation_grounds": grounds}


def _due(app: AppContext, record: dict[str, Any], rule: str) -> tuple[str, str]:
    """The due date of ``rule`` on the record, as (zh, en) text."""
    from township.records import clock, due_of

    c = clock(record, rule)
    if c is None:
        return "", ""
    due = due_of(c, app.calendar)
    text = due.date.isoformat()
    if due.provisional:
        return text + PROVISIONAL_MARK.zh, text + PROVISIONAL_MARK.en
    return text, text


def _step(
    app: AppContext,
    name: str,
    fmt: str,
    action: Callable[..., dict[str, Any]],
    message: Callable[[dict[str, Any]], tuple[str, str]],
    **kwargs: Any,
) -> None:
    """Run one step in a transaction, then confirm it (or print the record as JSON)."""
    record = run_step(app, f"case {name}", action, **kwargs)
    step_done(app, record, fmt, *message(record), to_json=partial(_json, app))


def _json(app: AppContext, record: dict[str, Any]) -> dict[str, Any]:
    """The record as ``show --format json`` prints it: with its aggravation."""
    return _with_aggravation(record, _cases(app))


def _labels(values: list[int], catalogue: str, lang: str) -> str:
    from township.catalogs import CATALOGUES

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
    """Open a case (启动问责程序); prints the new id.

    The first --investigator leads the team (调查组).

    The report is due within 10 working days (行政问责制 8).

    \b
    Example:
      township case open --subject 李某 --unit 民政办 --matter 4 --source 5 \\
        --summary "低保申请拖延两个月" --investigator 赵某 --investigator 钱某 --on 2025-09-26
    """
    from township.case import open_case

    record = run_step(
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
        config=app.config,
    )
    created(app, record, fmt, to_json=partial(_json, app))


# -- steps of the investigation --------------------------------------------------


@case.command("statement")
@CASE_ID
@click.option("--text", required=True, help="The subject's statement and defence (陈述和申辩).")
@on_option
@format_option
@pass_app
def statement(app: AppContext, case_id: str, text: str, on: dt.date | None, fmt: str) -> None:
    """Record the subject's statement (陈述和申辩).

    A statement never aggravates the case (行政问责制 7).

    \b
    Example:
      township case statement CASE-2025-0001 --text "材料不全，已多次告知" --on 2025-09-30
    """
    from township.case import record_statement

    _step(
        app,
        "statement",
        fmt,
        record_statement,
        lambda r: (
            f"已记录 {r['id']} 被调查人的陈述和申辩。",
            f"Recorded the statement of the subject of {r['id']}.",
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

    By 10 working days from the current due date, approved while it runs.

    情况复杂的，经批准可延长10个工作日 (行政问责制 8); a second extension is refused.

    \b
    Example:
      township case extend CASE-2025-0001 --approved-by 张书记 --reason "涉及多个部门" --on 2025-10-15
    """
    from township.case import extend_investigation

    def message(r: dict[str, Any]) -> tuple[str, str]:
        zh, en = _due(app, r, "investigation")
        return (
            f"{r['id']} 调查期限延长 10 个工作日，调查报告应于 {zh} 前提交。",
            f"The investigation of {r['id']} is extended by 10 working days; the report is "
            f"due on {en}.",
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
        calendar=app.calendar,
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

    The team may ask that the subject be suspended (暂停其执行职务, 行政问责制 6).

    \b
    Example:
      township case obstruct CASE-2025-0001 --note "拒不提供台账" --on 2025-10-09
    """
    from township.case import record_obstruction

    _step(
        app,
        "obstruct",
        fmt,
        record_obstruction,
        lambda r: (
            f"已记录 {r['id']} 的干扰调查情况；本案从重问责（②）。",
            f"Recorded the obstruction in {r['id']}; the case is aggravated (②).",
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
      township case aggravate CASE-2025-0001 --ground 3 --note "威胁举报人" --on 2025-10-10
    """
    from township.case import record_aggravation
    from township.catalogs import ground_label

    def message(r: dict[str, Any]) -> tuple[str, str]:
        label = ground_label(ground)
        return (
            f"已记录 {r['id']} 的从重情形 {label.zh}。",
            f"Recorded aggravating ground {label.en} in {r['id']}.",
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
      township case recuse CASE-2025-0001 --investigator 钱某 --reason "系被调查人亲属" \\
        --replacement 孙某 --on 2025-09-29
    """
    from township.case import recuse

    def message(r: dict[str, Any]) -> tuple[str, str]:
        team = r["investigators"]
        return (
            f"{investigator} 已回避 {r['id']}；调查组：{'、'.join(team) or '（无人）'}。",
            f"{investigator} is recused from {r['id']}; team: {', '.join(team) or '(none)'}.",
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
      township case appoint CASE-2025-0001 --investigator 孙某 --on 2025-09-29
    """
    from township.case import appoint

    _step(
        app,
        "appoint",
        fmt,
        appoint,
        lambda r: (
            f"{investigator} 已加入 {r['id']} 调查组；调查组：{'、'.join(r['investigators'])}。",
            f"{investigator} joined the team of {r['id']}; team: {', '.join(r['investigators'])}.",
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
      township case report CASE-2025-0001 --facts "..." --conclusion "属实" \\
        --recommend 5 --severity serious --on 2025-10-16
    """
    from township.case import submit_report
    from township.records import evaluate

    def message(r: dict[str, Any]) -> tuple[str, str]:
        from township.records import clock

        state = evaluate(clock(r, "investigation"), app.calendar, app.today)  # type: ignore[arg-type]
        if state.state == "late":
            zh = f"逾期 {state.workdays_late} 个工作日"
            en = f"late by {state.workdays_late} working days"
        else:
            zh, en = "按期", "on time"
        return (
            f"已提交 {r['id']} 的调查报告（{zh}）；下一步：作出问责决定（case decide）。",
            f"Filed the report of {r['id']} ({en}); next: the decision (case decide).",
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

    Delivery is due within 10 working days (行政问责制 9).

    The methods must fit the reported severity (minor 1-3, serious 4-7,
    grave 8-10); an aggravated case (从重) may also take the next band up.

    \b
    Example:
      township case decide CASE-2025-0001 --method 5 --method 4 --on 2025-10-20
    """
    from township.case import decide

    def message(r: dict[str, Any]) -> tuple[str, str]:
        zh, en = _pair(r["decision"]["methods"], "method")
        due_zh, due_en = _due(app, r, "delivery")
        return (
            f"{r['id']} 已作出问责决定：{zh}；应于 {due_zh} 前送达。",
            f"Decision on {r['id']}: {en}; deliver it by {due_en}.",
        )

    _step(
        app,
        "decide",
        fmt,
        decide,
        message,
        case_id=case_id,
        methods=list(method),
        on=on,
        config=app.config,
    )


@case.command("deliver")
@CASE_ID
@on_option
@format_option
@pass_app
def deliver_(app: AppContext, case_id: str, on: dt.date | None, fmt: str) -> None:
    """Record delivery of the decision (送达).

    The subject's appeal window of 15 working days starts (行政问责制 10).

    \b
    Example:
      township case deliver CASE-2025-0001 --on 2025-10-22
    """
    from township.case import deliver

    def message(r: dict[str, Any]) -> tuple[str, str]:
        zh, en = _due(app, r, "appeal-window")
        return (
            f"{r['id']} 的问责决定已送达；被问责人可在 {zh} 前申诉。",
            f"The decision of {r['id']} is delivered; the subject may appeal until {en}.",
        )

    _step(
        app,
        "deliver",
        fmt,
        deliver,
        message,
        case_id=case_id,
        on=on,
        config=app.config,
    )


@case.command("appeal")
@CASE_ID
@click.option("--grounds", required=True, help="The subject's grounds (申诉理由).")
@on_option
@format_option
@pass_app
def appeal_(app: AppContext, case_id: str, grounds: str, on: dt.date | None, fmt: str) -> None:
    """Record the subject's appeal (申诉).

    Refused after the window of 15 working days from delivery.

    The decision keeps being executed meanwhile (申诉期间不停止执行); the
    review is due within 30 working days.

    \b
    Example:
      township case appeal CASE-2025-0001 --grounds "事实认定有误" --on 2025-10-30
    """
    from township.case import EXECUTION_CONTINUES, appeal

    def message(r: dict[str, Any]) -> tuple[str, str]:
        zh, en = _due(app, r, "review")
        return (
            f"已受理 {r['id']} 的申诉；复议复核决定应于 {zh} 前作出。{EXECUTION_CONTINUES.zh}",
            f"Appeal on {r['id']} received; the review is due by {en}. {EXECUTION_CONTINUES.en}",
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
        calendar=app.calendar,
        config=app.config,
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
      township case review CASE-2025-0001 --outcome changed --method 4 --on 2025-11-20
    """
    from township.case import OUTCOMES, review

    def message(r: dict[str, Any]) -> tuple[str, str]:
        label = OUTCOMES[outcome]
        if outcome == "changed":
            zh, en = _pair(r["decision"]["methods"], "method")
            return (
                f"{r['id']} 复议复核决定：变更为 {zh}。",
                f"Review of {r['id']}: changed to {en}.",
            )
        return (
            f"{r['id']} 复议复核决定：{label.zh}原问责决定。",
            f"Review of {r['id']}: decision {label.en}.",
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
      township case close CASE-2025-0001 --on 2025-11-20
    """
    from township.case import close_case

    _step(
        app,
        "close",
        fmt,
        close_case,
        lambda r: (f"{r['id']} 已结案。", f"{r['id']} is closed."),
        case_id=case_id,
        note=note,
        on=on,
        calendar=app.calendar,
    )


# -- reading -----------------------------------------------------------------------


def _event_detail(event: dict[str, Any]) -> Text:
    """What an event says, in both languages, for the steps table."""
    from township.case import OUTCOMES
    from township.catalogs import circled, ground_label

    action = event["action"]
    if action == "open":
        team = event.get("investigators") or []
        link = event.get("complaint")
        return Text(
            "调查组：" + "、".join(team) + (f"；来自投诉 {link}" if link else ""),
            "team: " + ", ".join(team) + (f"; from complaint {link}" if link else ""),
        )
    if action == "extend":
        return Text(
            f"延长 {event['n']} 个工作日，批准人 {event['approved_by']}：{event['reason']}",
            f"+{event['n']} working days, approved by {event['approved_by']}: {event['reason']}",
        )
    if action == "aggravate":
        label = ground_label(int(event["ground"]))
        return Text(f"{label.zh}：{event['note']}", f"{label.en}: {event['note']}")
    if action == "obstruct":
        return Text(f"②{event['note']}", f"② {event['note']}")
    if action == "recuse":
        new = event.get("replacement")
        return Text(
            f"{event['investigator']} 回避（{event['reason']}）"
            + (f"，由 {new} 接替" if new else ""),
            f"{event['investigator']} recused ({event['reason']})"
            + (f", replaced by {new}" if new else ""),
        )
    if action == "appoint":
        return Text(f"增补 {event['investigator']}", f"added {event['investigator']}")
    if action == "report":
        zh, en = _pair(event.get("recommend") or [], "method")
        missing = event.get("no_statement_reason")
        return Text(
            f"建议：{zh}" + (f"；未听取陈述：{missing}" if missing else ""),
            f"recommends: {en}" + (f"; no statement: {missing}" if missing else ""),
        )
    if action == "decide":
        zh, en = _pair(event.get("methods") or [], "method")
        grounds = event.get("aggravation_grounds") or []
        marks = "".join(circled(g) for g in grounds)
        return Text(
            zh + (f"（从重 {marks}）" if grounds else ""),
            en + (f" (aggravated {marks})" if grounds else ""),
        )
    if action == "appeal":
        return Text(
            f"{event['grounds']}（申诉期间不停止执行）",
            f"{event['grounds']} (decision still executed)",
        )
    if action == "review":
        outcome = OUTCOMES[event["outcome"]]
        if event.get("methods"):
            zh, en = _pair(event["methods"], "method")
            return Text(f"{outcome.zh}为 {zh}", f"{outcome.en} to {en}")
        return Text(outcome.zh, outcome.en)
    text = event.get("note") or event.get("text") or ""
    return Text(text, text)


def _fields(record: dict[str, Any], grounds: list[int]) -> list[tuple[str, Text, Any]]:
    from township.case import EXECUTION_CONTINUES, OUTCOMES, STATUSES, severity_label
    from township.catalogs import MATTERS, SOURCES, ground_label

    fields: list[tuple[str, Text, Any]] = [
        ("status", Text("状态", "status"), STATUSES.get(record["status"], record["status"])),
        ("subject", Text("被调查人", "subject"), record["subject"]),
        ("unit", Text("所在单位", "unit"), record["unit"]),
        ("matter", Text("问责情形", "matter"), MATTERS.label(record["matter"])),
        ("source", Text("启动来源", "source"), SOURCES.label(record["source"])),
        ("summary", Text("问题摘要", "summary"), record["summary"]),
        ("investigators", Text("调查组", "team"), record.get("investigators") or "—"),
        ("responsible", Text("责任人/部门", "responsible"), responsible_cell(record)),
    ]
    if record.get("complaint"):
        fields.append(("complaint", Text("关联投诉", "complaint"), record["complaint"]))
    report = record.get("report")
    if report:
        fields.append(("facts", Text("调查事实", "facts"), report["facts"]))
        fields.append(("conclusion", Text("基本结论", "conclusion"), report["conclusion"]))
        zh, en = _pair(report["recommend"], "method")
        fields.append(("recommend", Text("问责建议", "recommended"), Text(zh, en)))
    if record.get("severity"):
        fields.append(("severity", Text("情节", "severity"), severity_label(record["severity"])))
    decision = record.get("decision")
    if decision:
        zh, en = _pair(decision["methods"], "method")
        if decision.get("revoked"):
            zh, en = f"{zh}（已撤销）", f"{en} (revoked)"
        elif decision.get("changed_on"):
            zh, en = (
                f"{zh}（{decision['changed_on']} 变更）",
                f"{en} (changed {decision['changed_on']})",
            )
        fields.append(
            (
                "decision",
                Text("问责决定", "decision"),
                Text(f"{decision['on']} {zh}", f"{decision['on']} {en}"),
            )
        )
    if record.get("review"):
        fields.append(("review", Text("复议复核", "review"), OUTCOMES[record["review"]["outcome"]]))
    if grounds:
        labels = [ground_label(g) for g in grounds]
        value: Any = Text(
            "是：" + "；".join(x.zh for x in labels), "yes: " + "; ".join(x.en for x in labels)
        )
    else:
        value = Text("否", "no")
    fields.append(("aggravated", Text("从重问责", "aggravated"), value))
    if record["status"] == "appealed":
        fields.append(("execution", Text("执行", "execution"), EXECUTION_CONTINUES))
    return fields


@case.command("show")
@CASE_ID
@format_option
@pass_app
def show(app: AppContext, case_id: str, fmt: str) -> None:
    """Show a case, its steps and its deadlines.

    Every step with its date and actor, each deadline's state, aggravation.

    JSON carries the record with events, deadlines, aggravated and
    aggravation_grounds (computed when read).

    \b
    Example:
      township case show CASE-2025-0001
      township case show CASE-2025-0001 --format json
    """
    from township.case import STEPS

    full = _json(app, app.store.get(case_id, "case"))
    labels = {name: step.label for name, step in STEPS.items()}
    fields = _fields(full, full["aggravation_grounds"])
    show_record(app, full, fields, fmt, labels, event_detail=_event_detail)


@case.command("list")
@list_options(statuses=STATUSES)
@format_option
@pass_app
def list_(app: AppContext, filters: ListFilters, fmt: str) -> None:
    """List cases, with the common filters.

    --status takes investigating, reported, decided, delivered, appealed,
    reviewed or closed; --handler matches the responsible person or team,
    any investigator, the subject or the subject's unit; --since/--until
    compare the opening date.

    \b
    Example:
      township case list --status investigating --overdue
      township case list --handler 民政办 --format json
    """
    from township.case import HANDLER_FIELDS, STATUSES, aggravation_grounds
    from township.catalogs import MATTERS

    every = _cases(app)
    # Ground 1 depends on the subject's other cases, filtered out or not;
    # worked out once for each case listed.
    grounds: dict[str, list[int]] = {}

    def grounds_of(r: dict[str, Any]) -> list[int]:
        if r["id"] not in grounds:
            grounds[r["id"]] = aggravation_grounds(r, every)
        return grounds[r["id"]]

    def row(r: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": r["id"],
            "status": STATUSES.get(r["status"], r["status"]),
            "subject": r["subject"],
            "unit": r["unit"],
            "matter": MATTERS.label(r["matter"]),
            "opened": r.get("opened"),
            "lead": (r.get("responsible") or {}).get("person"),
            "aggravated": bool(grounds_of(r)),
        }

    def to_json(r: dict[str, Any]) -> dict[str, Any]:
        return {**r, "aggravated": bool(grounds_of(r)), "aggravation_grounds": grounds_of(r)}

    list_records(
        app,
        every,
        LIST_COLUMNS,
        row,
        fmt,
        filters,
        handler_fields=HANDLER_FIELDS,
        to_json=to_json,
    )


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
    from township.catalogs import (
        AGGRAVATING_GROUNDS,
        AGGRAVATION_CLAUSE,
        BANDS,
        BANDS_CLAUSE,
        CATALOGUES,
        circled,
    )

    rows: list[dict[str, Any]] = []
    data: dict[str, Any] = {}
    for cat in CATALOGUES.values():
        if name in (None, cat.name):
            data[cat.name] = [{"number": n, "zh": t.zh, "en": t.en} for n, t in cat.entries.items()]
            rows += [
                {"catalogue": cat.title, "number": circled(n), "label": t, "clause": cat.clause}
                for n, t in cat.entries.items()
            ]
    if name in (None, "severity"):
        data["severity"] = [
            {"id": b.id, "zh": b.label.zh, "en": b.label.en, "methods": list(b.methods)}
            for b in BANDS.values()
        ]
        rows += [
            {
                "catalogue": Text("情节", "severity"),
                "number": b.id,
                "label": Text(
                    f"{b.label.zh}：问责方式 {b.range_text}",
                    f"{b.label.en}: methods {b.range_text}",
                ),
                "clause": BANDS_CLAUSE,
            }
            for b in BANDS.values()
        ]
    if name in (None, "aggravation"):
        data["aggravation"] = [
            {"number": n, "zh": t.zh, "en": t.en} for n, t in AGGRAVATING_GROUNDS.items()
        ]
        rows += [
            {
                "catalogue": Text("从重情形", "aggravating ground"),
                "number": circled(n),
                "label": t,
                "clause": AGGRAVATION_CLAUSE,
            }
            for n, t in AGGRAVATING_GROUNDS.items()
        ]
    columns = [
        Column("catalogue", Text("目录", "catalogue")),
        Column("number", Text("编号", "no.")),
        Column("label", Text("内容", "entry")),
        Column("clause", Text("依据", "source")),
    ]
    emit(app, View(rows, columns, data=data), fmt)
