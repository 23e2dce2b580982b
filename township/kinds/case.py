"""Accountability investigations — 行政问责制 , prefix CASE.

A case runs through the steps of the regulations (权力查究问责制度·行政问责制 5-11)::

    open -> [statement, extend, obstruct, aggravate, recuse, appoint] -> report
         -> decide -> deliver -> appeal -> review -> close
                              \\-> close (once the appeal window has passed)

``SPEC`` declares the kind: its statuses, its steps (which statuses allow
each and which status it leads to), its fields. The deadlines are the rule
book's (``investigation``, ``delivery``, ``appeal-window``, ``review``):
the step machine (``MACHINE``, ``township.book.machine.Machine``) starts and
meets them; no number is restated here. Every step is a function taking an
open ``Transaction`` and the ``Env``: it refuses (raising before anything
is staged) or records the step.

Fields other code reads (the complaints and statistics helpers): ``subject``,
``unit``, ``matter``, ``source``, ``summary``, ``investigators`` (current
team), ``complaint`` (CMP id or ``None``), ``severity``, ``decision``
(``{"on", "methods"}``, plus ``revoked`` or ``changed_on`` after review) and
``responsible`` (the lead investigator, ``调查组``).

Aggravation (从重问责, 权力查究问责制度·行政问责制 4) is computed when read, never stored:
ground ① from the other cases in the store (``aggravation_grounds``), ② from
``obstruct`` events, ③ and ④ from ``aggravate`` events. A statement never
aggravates (权力查究问责制度·行政问责制 7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from township.book.catalogs import (
    AGGRAVATING_GROUNDS,
    BANDS,
    MATTERS,
    METHODS,
    SOURCES,
    allowed_methods,
    band,
    ground_label,
)
from township.book.machine import (
    Env,
    Machine,
    Record,
    clock,
    due_of,
    extend_clock,
    new_record,
    require_text,
)
from township.book.registry import KINDS, Field, KindSpec, Step, parse_id
from township.book.rules import RULES, describe_period
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.storage.store import Transaction

KIND = "case"
INVESTIGATION_TEAM = "调查组"
# 权力查究问责制度·行政问责制 4 ①: 1年内出现2次以上被问责.
REPEAT_WINDOW_DAYS = 365
# ``case list --handler``: the responsible person or team, the clerk who
# opened it, the subject and the subject's unit, and any investigator.
HANDLER_FIELDS = (
    "responsible.person",
    "responsible.dept",
    "actor",
    "subject",
    "unit",
    "investigators",
)

STATUSES: dict[str, Text] = {
    "investigating": Text("调查中", "under investigation"),
    "reported": Text("已提交调查报告", "reported"),
    "decided": Text("已作出问责决定", "decided"),
    "delivered": Text("已送达", "delivered"),
    "appealed": Text("申诉中", "under appeal"),
    "reviewed": Text("已复议复核", "reviewed"),
    "closed": Text("已结案", "closed"),
}
# Before the case is closed, aggravating circumstances may still come to light.
_UNTIL_CLOSED = ("investigating", "reported", "decided", "delivered", "appealed")

OUTCOMES: dict[str, Text] = {
    "upheld": Text("维持", "upheld"),
    "changed": Text("变更", "changed"),
    "revoked": Text("撤销", "revoked"),
}

EXECUTION_CONTINUES = Text(
    "申诉期间不停止执行：问责决定继续执行（权力查究问责制度·行政问责制 10）。",
    "The decision keeps being executed while the appeal is pending (申诉期间不停止执行, "
    "权力查究问责制度·行政问责制 10).",
)


def _step(name: str, zh: str, en: str, after: tuple[str, ...], to: str | None) -> Step:
    return Step(name, Text(zh, en), after, to, Text(f"{zh}（case {name}）", f"{en} (case {name})"))


STEPS: tuple[Step, ...] = (
    _step("open", "启动问责程序", "open", (), "investigating"),
    _step("statement", "陈述和申辩", "statement", ("investigating",), None),
    _step("extend", "延长调查期限", "extend the investigation", ("investigating",), None),
    _step("obstruct", "干扰调查", "obstruction", _UNTIL_CLOSED, None),
    _step("aggravate", "从重情形", "aggravating circumstance", _UNTIL_CLOSED, None),
    _step("recuse", "回避", "recusal", ("investigating",), None),
    _step("appoint", "增补调查人员", "appoint an investigator", ("investigating",), None),
    _step("report", "提交调查报告", "investigation report", ("investigating",), "reported"),
    _step("decide", "作出问责决定", "decision", ("reported",), "decided"),
    _step("deliver", "送达", "delivery", ("decided",), "delivered"),
    _step("appeal", "申诉", "appeal", ("delivered",), "appealed"),
    _step("review", "复议复核决定", "review", ("appealed",), "reviewed"),
    _step("close", "结案", "close", ("delivered", "reviewed"), "closed"),
)


# -- input checks ------------------------------------------------------------


def _team(investigators: Iterable[str]) -> list[str]:
    team: list[str] = []
    for name in investigators:
        name = (name or "").strip()
        if name and name not in team:
            team.append(name)
    return team


def _not_subject(name: str, subject: str, case_id: str | None) -> None:
    if name == subject:
        raise BadInput(
            Text(
                "{name} 是被调查人，不能担任{case}调查人员（权力查究问责制度·行政问责制 13 回避）；请另选调查人员。",
                "{name} is the subject and cannot investigate{case_en} (recusal, "
                "权力查究问责制度·行政问责制 13); choose another investigator.",
            ),
            name=name,
            case=f" {case_id} 的" if case_id else "本案",
            case_en=f" {case_id}" if case_id else " this case",
        )


def _lead(record: Record) -> None:
    team = record.get("investigators") or []
    record["responsible"] = {"person": team[0] if team else None, "dept": INVESTIGATION_TEAM}


# -- aggravation (从重问责) ----------------------------------------------------


def opened_on(record: Record) -> dt.date:
    """The date the case was opened."""
    if record.get("opened"):
        return dt.date.fromisoformat(record["opened"])
    return dt.date.fromisoformat(record["events"][0]["on"])


def is_decided(record: Record) -> bool:
    """True when the case has a decision that was not revoked on review."""
    decision = record.get("decision") or {}
    return bool(decision.get("on")) and not decision.get("revoked")


def repeat_cases(record: Record, cases: Iterable[Record]) -> list[str]:
    """Other cases of the same subject decided in the 365 days before this one opened.

    Ground ① (1年内出现2次以上被问责): a decision dated D counts when
    ``opened - 365 days <= D <= opened``. Revoked decisions do not count.
    """
    opened = opened_on(record)
    earliest = opened - dt.timedelta(days=REPEAT_WINDOW_DAYS)
    found = []
    for other in cases:
        if other.get("id") == record.get("id") or other.get("subject") != record.get("subject"):
            continue
        if is_decided(other):
            decided = dt.date.fromisoformat(other["decision"]["on"])
            if earliest <= decided <= opened:
                found.append(other["id"])
    return sorted(found)


def aggravation_grounds(record: Record, cases: Iterable[Record]) -> list[int]:
    """The grounds for 从重问责 (1-4) that apply to the case, computed now.

    ``cases`` are the cases in the store (this one may be among them).
    """
    grounds: set[int] = set()
    if repeat_cases(record, cases):
        grounds.add(1)
    for event in record.get("events", []):
        if event["action"] == "obstruct":
            grounds.add(2)
        elif event["action"] == "aggravate":
            grounds.add(int(event["ground"]))
    return sorted(grounds)


def stored_cases(tx: Transaction) -> list[Record]:
    """Every case in the store (read under the transaction's lock)."""
    return list(tx.store.iter_records(KINDS[KIND]))


def check_methods(record: Record, methods: list[int], grounds: list[int]) -> None:
    """Refuse methods outside the band of the report's severity (权力查究问责制度·行政问责制 3).

    An aggravated case may also receive the methods of the next band up.
    """
    severity = record.get("severity") or "minor"
    allowed = allowed_methods(severity, bool(grounds))
    outside = [m for m in methods if m not in allowed]
    if not outside:
        return
    current = band(severity)
    if grounds:
        raise BadInput(
            Text(
                "{id} 调查报告认定{band}，从重问责时可采用的问责方式为 {allowed}；{outside} 超出范围（权力查究问责制度·行政问责制 3、4）。",
                "{id} was reported as {band}; aggravated, it allows methods {allowed}; "
                "{outside} is outside that range (权力查究问责制度·行政问责制 3, 4).",
            ),
            id=record["id"],
            band=current.label,
            allowed=f"{allowed[0]}-{allowed[-1]}",
            outside=[str(m) for m in outside],
        )
    raise BadInput(
        Text(
            "{id} 调查报告认定{band}，只能采用问责方式 {allowed}；{outside} 超出范围（权力查究问责制度·行政问责制 3）。"
            "如有从重情形，请先登记（case obstruct / case aggravate）。",
            "{id} was reported as {band}, which allows methods {allowed} only; {outside} is "
            "outside that range (权力查究问责制度·行政问责制 3). Record an aggravating circumstance first "
            "(case obstruct / case aggravate) if there is one.",
        ),
        id=record["id"],
        band=current.label,
        allowed=current.range_text,
        outside=[str(m) for m in outside],
    )


def _methods(values: Iterable[int], record_id: str) -> list[int]:
    methods = METHODS.check_all(values)
    if not methods:
        raise BadInput(
            Text(
                "{id}：请至少给出一种问责方式（--method 1-10，可多次使用）。",
                "{id}: give at least one method (--method 1-10, repeatable).",
            ),
            id=record_id,
        )
    return methods


# -- the steps ---------------------------------------------------------------


def open_case(
    tx: Transaction,
    *,
    subject: str,
    unit: str,
    matter: int,
    source: int,
    summary: str,
    investigators: list[str],
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    complaint: str | None = None,
) -> dict:
    """Open a case (镇主要负责人决定启动问责程序，组成调查组) and start ``investigation``.

    The first investigator leads the team and is the responsible person.
    Returns the new record; ``complaint`` links the complaint it came from.
    """
    subject = require_text(subject, Text("被调查人（--subject）", "The subject (--subject)"))
    unit = require_text(unit, Text("所在单位（--unit）", "The unit (--unit)"))
    summary = require_text(summary, Text("问题摘要（--summary）", "The summary (--summary)"))
    MATTERS.check(matter)
    SOURCES.check(source)
    team = _team(investigators)
    if not team:
        raise BadInput(
            Text(
                "请至少指定一名调查人员（--investigator，可多次使用）。",
                "Name at least one investigator (--investigator, repeatable).",
            )
        )
    if subject in team:
        _not_subject(subject, subject, None)
    complaint_id = str(parse_id(complaint, "complaint")) if complaint else None

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="investigating",
            person=team[0],
            dept=INVESTIGATION_TEAM,
            subject=subject,
            unit=unit,
            matter=matter,
            source=source,
            summary=summary,
            investigators=team,
            complaint=complaint_id,
            opened=on.isoformat(),
            severity=None,
            report=None,
            decision=None,
            appeal=None,
            review=None,
        )

    return MACHINE.create(
        tx,
        "open",
        build,
        on=on,
        today=today,
        actor=actor,
        env=env,
        investigators=list(team),
        complaint=complaint_id,
    )


def record_statement(
    tx: Transaction,
    case_id: str,
    *,
    text: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the subject's statement and defence (陈述和申辩); it never aggravates."""
    record = MACHINE.begin(tx, case_id, "statement", on, today)
    text = require_text(text, Text("陈述内容（--text）", "The statement (--text)"))
    return MACHINE.finish(tx, record, "statement", on, actor, env, text=text)


def extend_investigation(
    tx: Transaction,
    case_id: str,
    *,
    approved_by: str,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Extend ``investigation`` once, by the rule book's extension, from its current due date.

    Refused a second time, and after the due date has passed (an extension
    is approved while the period runs).
    """
    record = MACHINE.begin(tx, case_id, "extend", on, today)
    approved_by = require_text(
        approved_by, Text("批准人（--approved-by）", "The approver (--approved-by)")
    )
    reason = require_text(reason, Text("延长理由（--reason）", "The reason (--reason)"))
    current = clock(record, "investigation")
    assert current is not None  # every open case has one
    if current["extensions"]:
        first = current["extensions"][0]
        raise StepOutOfOrder(
            Text(
                "{id} 的调查期限已于 {on} 经 {who} 批准延长过一次；只能延长一次（权力查究问责制度·行政问责制 8）。"
                "下一步请提交调查报告（case report）。",
                "The investigation of {id} was already extended once ({on}, approved by "
                "{who}); it can be extended only once (权力查究问责制度·行政问责制 8). Next: submit the "
                "report (case report).",
            ),
            id=record["id"],
            on=first.get("on", "?"),
            who=first.get("approved_by", "?"),
        )
    due = due_of(current, env.calendar).date
    if on > due:
        raise BadInput(
            Text(
                "{id} 的调查期限已于 {due} 届满，{on} 不能再批准延长；请尽快提交调查报告（case report）。",
                "The investigation of {id} was due on {due}; an extension cannot be approved "
                "on {on}, after it. Submit the report (case report) as soon as possible.",
            ),
            id=record["id"],
            due=due.isoformat(),
            on=on.isoformat(),
        )
    n = RULES["investigation"].extension.default_n or 0
    extend_clock(
        record,
        "investigation",
        n,
        on=on.isoformat(),
        approved_by=approved_by,
        reason=reason,
    )
    return MACHINE.finish(
        tx,
        record,
        "extend",
        on,
        actor,
        env,
        n=n,
        approved_by=approved_by,
        reason=reason,
    )


def record_obstruction(
    tx: Transaction,
    case_id: str,
    *,
    note: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record interference with the investigation: aggravating ground ② (从重问责)."""
    record = MACHINE.begin(tx, case_id, "obstruct", on, today)
    note = require_text(note, Text("情况说明（--note）", "The note (--note)"))
    return MACHINE.finish(tx, record, "obstruct", on, actor, env, note=note)


def record_aggravation(
    tx: Transaction,
    case_id: str,
    *,
    ground: int,
    note: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record aggravating ground ③ (retaliation) or ④ (bribing the investigators)."""
    record = MACHINE.begin(tx, case_id, "aggravate", on, today)
    if ground in (1, 2):
        raise BadInput(
            Text(
                "从重情形 {ground} 由系统认定：① 依据一年内已作出的问责决定自动判断，② 请用 "
                "case obstruct 登记；case aggravate 只登记 ③ 或 ④。",
                "Aggravating ground {ground} is not recorded by hand: ① follows from decided "
                "cases within a year, ② is recorded with case obstruct; case aggravate takes "
                "③ or ④ only.",
            ),
            ground=ground,
        )
    if ground not in AGGRAVATING_GROUNDS:
        raise BadInput(
            Text(
                "从重情形「{ground}」无效；case aggravate 可选 3（打击报复）或 4（拉拢收买调查人员）。",
                "Aggravating ground '{ground}' is not valid; case aggravate takes 3 "
                "(retaliation) or 4 (bribing the investigators).",
            ),
            ground=ground,
        )
    note = require_text(note, Text("情况说明（--note）", "The note (--note)"))
    return MACHINE.finish(tx, record, "aggravate", on, actor, env, ground=ground, note=note)


def recuse(
    tx: Transaction,
    case_id: str,
    *,
    investigator: str,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    replacement: str | None = None,
) -> Record:
    """Record an investigator's recusal (回避) and, optionally, the replacement."""
    record = MACHINE.begin(tx, case_id, "recuse", on, today)
    investigator = require_text(investigator, Text("回避人员（--investigator）", "--investigator"))
    reason = require_text(reason, Text("回避理由（--reason）", "The reason (--reason)"))
    team = list(record.get("investigators") or [])
    if investigator not in team:
        raise BadInput(
            Text(
                "{name} 不是 {id} 的调查人员；现有调查人员：{team}。",
                "{name} is not an investigator of {id}; the team is: {team}.",
            ),
            name=investigator,
            id=record["id"],
            team=team or ["—"],
        )
    team.remove(investigator)
    new = (replacement or "").strip() or None
    if new is not None:
        _not_subject(new, record["subject"], record["id"])
        if new in team or new == investigator:
            raise BadInput(
                Text(
                    "{name} 已在 {id} 的调查组中或正是回避人员；请另选替换人员。",
                    "{name} is already on the team of {id} or is the one recused; choose "
                    "another replacement.",
                ),
                name=new,
                id=record["id"],
            )
        team.append(new)
    record["investigators"] = team
    _lead(record)
    return MACHINE.finish(
        tx,
        record,
        "recuse",
        on,
        actor,
        env,
        investigator=investigator,
        reason=reason,
        replacement=new,
    )


def appoint(
    tx: Transaction,
    case_id: str,
    *,
    investigator: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    reason: str | None = None,
) -> Record:
    """Add an investigator to the team (e.g. after recusals left it empty)."""
    record = MACHINE.begin(tx, case_id, "appoint", on, today)
    name = require_text(investigator, Text("调查人员（--investigator）", "--investigator"))
    _not_subject(name, record["subject"], record["id"])
    team = list(record.get("investigators") or [])
    if name in team:
        raise BadInput(
            Text("{name} 已在 {id} 的调查组中。", "{name} is already on the team of {id}."),
            name=name,
            id=record["id"],
        )
    team.append(name)
    record["investigators"] = team
    _lead(record)
    return MACHINE.finish(
        tx,
        record,
        "appoint",
        on,
        actor,
        env,
        investigator=name,
        reason=(reason or "").strip() or None,
    )


def has_statement(record: Record) -> bool:
    """True when a statement of the subject is recorded."""
    return any(e["action"] == "statement" for e in record.get("events", []))


def submit_report(
    tx: Transaction,
    case_id: str,
    *,
    facts: str,
    conclusion: str,
    recommend: list[int],
    severity: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    no_statement_reason: str | None = None,
) -> Record:
    """Record the written report (书面调查报告); meets ``investigation``.

    Refused while no statement is recorded (unless ``no_statement_reason``
    says why none could be heard) and while no investigator is left.
    """
    record = MACHINE.begin(tx, case_id, "report", on, today)
    facts = require_text(facts, Text("事实（--facts）", "The facts (--facts)"))
    conclusion = require_text(
        conclusion, Text("结论（--conclusion）", "The conclusion (--conclusion)")
    )
    band(severity)
    recommended = METHODS.check_all(recommend)
    if not recommended:
        raise BadInput(
            Text(
                "{id}：调查报告应提出问责建议（--recommend 1-10，可多次使用）。",
                "{id}: the report must recommend a method (--recommend 1-10, repeatable).",
            ),
            id=record["id"],
        )
    if not record.get("investigators"):
        raise StepOutOfOrder(
            Text(
                "{id} 的调查人员均已回避，调查组无人；请先增补调查人员（case appoint）再提交报告。",
                "Every investigator of {id} has been recused; appoint one first "
                "(case appoint), then submit the report.",
            ),
            id=record["id"],
        )
    reason = (no_statement_reason or "").strip() or None
    if not has_statement(record) and reason is None:
        raise StepOutOfOrder(
            Text(
                "{id} 尚未记录被调查人的陈述和申辩（权力查究问责制度·行政问责制 7）；请先登记（case statement），"
                "或用 --no-statement-reason 说明无法听取的原因。",
                "No statement of the subject of {id} is recorded (权力查究问责制度·行政问责制 7); record one "
                "first (case statement), or explain with --no-statement-reason why none "
                "could be heard.",
            ),
            id=record["id"],
        )
    # The recommendation keeps to the band like the decision (权力查究问责制度·行政问责制 3).
    check_methods(
        {**record, "severity": severity}, recommended, aggravation_grounds(record, stored_cases(tx))
    )
    record["severity"] = severity
    record["report"] = {
        "on": on.isoformat(),
        "facts": facts,
        "conclusion": conclusion,
        "recommend": recommended,
        "no_statement_reason": reason,
    }
    return MACHINE.finish(
        tx,
        record,
        "report",
        on,
        actor,
        env,
        severity=severity,
        recommend=recommended,
        no_statement_reason=reason,
    )


def decide(
    tx: Transaction,
    case_id: str,
    *,
    methods: list[int],
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the Party committee's decision (问责决定) and start ``delivery``.

    The methods must lie in the band of the reported severity, or the next
    band up when the case is aggravated (read from the store now).
    """
    record = MACHINE.begin(tx, case_id, "decide", on, today)
    chosen = _methods(methods, record["id"])
    grounds = aggravation_grounds(record, stored_cases(tx))
    check_methods(record, chosen, grounds)
    record["decision"] = {"on": on.isoformat(), "methods": chosen}
    return MACHINE.finish(
        tx, record, "decide", on, actor, env, methods=chosen, aggravation_grounds=grounds
    )


def deliver(
    tx: Transaction, case_id: str, *, on: dt.date, today: dt.date, actor: str, env: Env
) -> Record:
    """Record delivery of the decision (送达); meets ``delivery``, starts ``appeal-window``."""
    record = MACHINE.begin(tx, case_id, "deliver", on, today)
    return MACHINE.finish(tx, record, "deliver", on, actor, env)


def appeal_deadline(record: Record, calendar: WorkCalendar) -> dt.date | None:
    """The last day the subject may appeal, once the decision is delivered."""
    window = clock(record, "appeal-window")
    return due_of(window, calendar).date if window else None


def appeal(
    tx: Transaction,
    case_id: str,
    *,
    grounds: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the subject's appeal (申诉); refused after the window; starts ``review``.

    The decision keeps being executed meanwhile (申诉期间不停止执行).
    """
    record = MACHINE.begin(tx, case_id, "appeal", on, today)
    grounds = require_text(grounds, Text("申诉理由（--grounds）", "The grounds (--grounds)"))
    last = appeal_deadline(record, env.calendar)
    window = clock(record, "appeal-window")
    if last is not None and window is not None and on > last:
        raise BadInput(
            Text(
                "{id} 的申诉期（送达之日起{period}，{clause}）已于 {last} 届满，{on} 提出的申诉"
                "不予受理；问责决定继续执行。申诉期届满后可结案（case close）。",
                "The appeal window of {id} ({period} from delivery, {clause}) ended on "
                "{last}; an appeal on {on} is out of time and the decision stands. The case "
                "can be closed (case close).",
            ),
            id=record["id"],
            period=describe_period(RULES["appeal-window"], int(window["n"])),
            clause=Text("权力查究问责制度·行政问责制 10", "权力查究问责制度·行政问责制 10"),
            last=last.isoformat(),
            on=on.isoformat(),
        )
    record["appeal"] = {"on": on.isoformat(), "grounds": grounds}
    return MACHINE.finish(tx, record, "appeal", on, actor, env, grounds=grounds)


def review(
    tx: Transaction,
    case_id: str,
    *,
    outcome: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    methods: list[int] | None = None,
) -> Record:
    """Record the review decision (复议、复核决定); meets ``review``.

    ``revoked`` marks the decision revoked; ``changed`` replaces its methods
    (checked against the band like a decision) and sets ``changed_on``.
    """
    record = MACHINE.begin(tx, case_id, "review", on, today)
    if outcome not in OUTCOMES:
        raise BadInput(
            Text(
                "复核结果「{outcome}」无效；可选 upheld（维持）、changed（变更）、revoked（撤销）。",
                "Review outcome '{outcome}' is not valid; choose upheld, changed or revoked.",
            ),
            outcome=outcome,
        )
    given = list(methods or [])
    decision = dict(record["decision"])
    new_methods: list[int] | None = None
    if outcome == "changed":
        new_methods = _methods(given, record["id"])
        check_methods(record, new_methods, aggravation_grounds(record, stored_cases(tx)))
        decision["methods"] = new_methods
        decision["changed_on"] = on.isoformat()
    elif given:
        raise BadInput(
            Text(
                "复核结果为「{outcome}」时不能指定 --method；变更问责方式请用 --outcome changed。",
                "--method goes with --outcome changed only, not with {outcome}.",
            ),
            outcome=OUTCOMES[outcome],
        )
    elif outcome == "revoked":
        decision["revoked"] = True
        decision["revoked_on"] = on.isoformat()
    previous = list(record["decision"]["methods"])
    record["decision"] = decision
    record["review"] = {"on": on.isoformat(), "outcome": outcome, "methods": new_methods}
    return MACHINE.finish(
        tx,
        record,
        "review",
        on,
        actor,
        env,
        outcome=outcome,
        methods=new_methods,
        previous_methods=previous if new_methods else None,
    )


def close_case(
    tx: Transaction,
    case_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    note: str | None = None,
) -> Record:
    """Close the case: after review, or once the appeal window has passed without appeal."""
    record = MACHINE.begin(tx, case_id, "close", on, today)
    if record["status"] == "delivered":
        last = appeal_deadline(record, env.calendar)
        if last is not None and on <= last:
            raise StepOutOfOrder(
                Text(
                    "{id} 的申诉期至 {last} 届满，届满后方可结案；期内如被问责人申诉，请登记 case appeal。",
                    "The appeal window of {id} runs until {last}; the case can be closed only "
                    "after that. If the subject appeals meanwhile, record it with case appeal.",
                ),
                id=record["id"],
                last=last.isoformat(),
            )
    return MACHINE.finish(tx, record, "close", on, actor, env, note=(note or "").strip() or None)


def severity_label(severity: str | None) -> Text | None:
    """``情节严重（4-7）`` for a stored severity."""
    if not severity or severity not in BANDS:
        return None
    b = BANDS[severity]
    return Text(f"{b.label.zh}（{b.range_text}）", f"{b.label.en} ({b.range_text})")


# -- reading ---------------------------------------------------------------------


def _method_pair(values: Iterable[int]) -> tuple[str, str]:
    text = _methods_text(values)
    return text.zh, text.en


def describe_event(event: dict[str, Any]) -> Text:
    """What an event says, in both languages, for the steps table."""
    from township.book.catalogs import circled

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
        zh, en = _method_pair(event.get("recommend") or [])
        missing = event.get("no_statement_reason")
        return Text(
            f"建议：{zh}" + (f"；未听取陈述：{missing}" if missing else ""),
            f"recommends: {en}" + (f"; no statement: {missing}" if missing else ""),
        )
    if action == "decide":
        zh, en = _method_pair(event.get("methods") or [])
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
            zh, en = _method_pair(event["methods"])
            return Text(f"{outcome.zh}为 {zh}", f"{outcome.en} to {en}")
        return Text(outcome.zh, outcome.en)
    text = event.get("note") or event.get("text") or ""
    return Text(text, text)


# -- the declaration  -----------------------------------------------


def _methods_text(values: Iterable[int]) -> Text:
    labels = [METHODS.label(v) for v in values]
    return Text("、".join(x.zh for x in labels), ", ".join(x.en for x in labels))


def _report(key: str) -> Any:
    def show(record: Record) -> Any:
        report = record.get("report") or {}
        if key == "recommend":
            return _methods_text(report["recommend"]) if report.get("recommend") else None
        return report.get(key)

    return show


def _decision(record: Record) -> Text | None:
    decision = record.get("decision")
    if not decision:
        return None
    text = _methods_text(decision["methods"])
    zh, en = text.zh, text.en
    if decision.get("revoked"):
        zh, en = f"{zh}（已撤销）", f"{en} (revoked)"
    elif decision.get("changed_on"):
        zh, en = (
            f"{zh}（{decision['changed_on']} 变更）",
            f"{en} (changed {decision['changed_on']})",
        )
    return Text(f"{decision['on']} {zh}", f"{decision['on']} {en}")


def _aggravated(record: Record) -> Text | None:
    """从重问责 as ``show`` prints it, once ``with_aggravation`` has computed it."""
    if "aggravation_grounds" not in record:
        return None
    grounds = record["aggravation_grounds"]
    if not grounds:
        return Text("否", "no")
    labels = [ground_label(g) for g in grounds]
    return Text("是：" + "；".join(x.zh for x in labels), "yes: " + "; ".join(x.en for x in labels))


def with_aggravation(record: Record, cases: Iterable[Record]) -> Record:
    """The record as it is read: with ``aggravated`` and ``aggravation_grounds``."""
    grounds = aggravation_grounds(record, cases)
    return {**record, "aggravated": bool(grounds), "aggravation_grounds": grounds}


SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=STEPS,
    fields=(
        Field("subject", Text("被调查人", "subject"), amendable=True, list=True),
        Field("unit", Text("所在单位", "unit"), amendable=True, list=True),
        Field(
            "matter",
            Text("问责情形", "matter"),
            amendable=True,
            list=True,
            check=MATTERS.check,
            show=lambda r: MATTERS.label(r["matter"]) if r.get("matter") else None,
        ),
        Field(
            "source",
            Text("启动来源", "source"),
            amendable=True,
            check=SOURCES.check,
            show=lambda r: SOURCES.label(r["source"]) if r.get("source") else None,
        ),
        Field("summary", Text("问题摘要", "summary"), amendable=True),
        Field("opened", Text("启动日期", "opened"), list=True),
        Field(
            "investigators",
            Text("调查组", "team"),
            show=lambda r: "、".join(r.get("investigators") or []) or "—",
        ),
        Field("complaint", Text("关联投诉", "complaint")),
        Field("facts", Text("调查事实", "facts"), show=_report("facts")),
        Field("conclusion", Text("基本结论", "conclusion"), show=_report("conclusion")),
        Field("recommend", Text("问责建议", "recommended"), show=_report("recommend")),
        Field(
            "severity", Text("情节", "severity"), show=lambda r: severity_label(r.get("severity"))
        ),
        Field("decision", Text("问责决定", "decision"), show=_decision),
        Field(
            "review",
            Text("复议复核", "review"),
            show=lambda r: OUTCOMES[r["review"]["outcome"]] if r.get("review") else None,
        ),
        Field("aggravated", Text("从重问责", "aggravated"), list=True, show=_aggravated),
        Field(
            "execution",
            Text("执行", "execution"),
            show=lambda r: EXECUTION_CONTINUES if r.get("status") == "appealed" else None,
        ),
    ),
    final=("closed",),
    handler_fields=HANDLER_FIELDS,
)
MACHINE = Machine(SPEC)
# Kept for the commands and the docs: the events' labels.
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


# -- the demo ------------------------------------------------------------------


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids).

    One case at each step, so every step's example has a case it fits:
    CASE-YYYY-0001 under investigation, the subject's statement heard;
    -0002 reported (serious, 4-7); -0003 decided; -0004 delivered, within its
    appeal window; -0005 appealed; -0006 reviewed (upheld), ready to close.
    Each has its own subject, so none aggravates another (ground ①). Dates are
    working days before ``maker.today``; nothing is random.
    """
    steps = ("open", "statement", "report", "decide", "deliver", "appeal", "review")
    stories = [
        ("李某", "民政办", "低保申请拖延", (4, 3)),
        ("陈某戊", "民证办", "低保审批拖延", (6, 5, 3)),  # the unit mistyped: see amend
        ("杨某己", "村镇建设办", "建房审批超期未办", (8, 7, 5, 2)),
        ("黄某庚", "劳动保障站", "就业登记推诿", (9, 8, 6, 4, 2)),
        ("徐某辛", "自然资源所", "宅基地审批拖延", (10, 9, 7, 5, 3, 1)),
        ("马某壬", "农业服务中心", "补贴申报材料反复退回", (11, 10, 8, 6, 4, 3, 1)),
    ]
    for subject, unit, summary, agos in stories:
        days = dict(zip(steps, (maker.working_days_before(n) for n in agos), strict=False))
        lead, env, tx = "赵某", maker.env, maker.tx
        opened = days["open"]
        record = open_case(
            tx,
            subject=subject,
            unit=unit,
            matter=4,
            source=5,
            summary=summary,
            investigators=[lead, "钱某"],
            on=opened,
            today=opened,
            actor="党政办 何某",
            env=env,
        )
        maker.count(KIND, opened)
        rid = record["id"]
        for step, on in list(days.items())[1:]:
            at: dict[str, Any] = {"on": on, "today": on, "actor": lead, "env": env}
            if step == "statement":
                record_statement(tx, rid, text="被调查人作出陈述和申辩", **at)
            elif step == "report":
                submit_report(
                    tx,
                    rid,
                    facts="经调查，被调查人办理群众事项超出承诺时限",
                    conclusion="问责情形成立",
                    recommend=[5],
                    severity="serious",
                    **at,
                )
            elif step == "decide":
                decide(tx, rid, methods=[5], **{**at, "actor": "镇党委"})
            elif step == "deliver":
                deliver(tx, rid, **at)
            elif step == "appeal":
                appeal(tx, rid, grounds="认为问责方式过重", **at)
            else:
                review(tx, rid, outcome="upheld", **{**at, "actor": "镇党委"})
