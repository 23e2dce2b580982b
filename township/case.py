"""Accountability investigations — 行政问责制 (SPEC 4.2), prefix CASE.

A case runs through the steps of the regulations (行政问责制 5-11)::

    open -> [statement, extend, obstruct, aggravate, recuse, appoint] -> report
         -> decide -> deliver -> appeal -> review -> close
                              \\-> close (once the appeal window has passed)

``STEPS`` is the state machine as data: which statuses allow each step and
which status it leads to. Every step is a function taking an open
``Transaction``: it reads the case with ``tx.get``, refuses (raising before
anything is staged) or builds the new state and ``tx.update``s it.

Fields other code reads (the complaints and statistics helpers): ``subject``,
``unit``, ``matter``, ``source``, ``summary``, ``investigators`` (current
team), ``complaint`` (CMP id or ``None``), ``severity``, ``decision``
(``{"on", "methods"}``, plus ``revoked`` or ``changed_on`` after review) and
``responsible`` (the lead investigator, ``调查组``).

Aggravation (从重问责, 行政问责制 4) is computed when read, never stored:
ground ① from the other cases in the store (``aggravation_grounds``), ② from
``obstruct`` events, ③ and ④ from ``aggravate`` events. A statement never
aggravates (行政问责制 7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.catalogs import (
    AGGRAVATING_GROUNDS,
    BANDS,
    MATTERS,
    METHODS,
    SOURCES,
    allowed_methods,
    band,
)
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.kinds import KINDS, KindSpec, parse_id
from township.kinds import Field as KField
from township.kinds import Step as KStep
from township.records import (
    Record,
    Steps,
    add_event,
    check_step_date,
    clock,
    due_of,
    extend_clock,
    meet_clock,
    new_record,
    require_text,
    start_clock,
)
from township.rules import period

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.store import Transaction

KIND = "case"
INVESTIGATION_TEAM = "调查组"
# 行政问责制 8: 情况复杂的，经批准，可延长10个工作日 (once).
EXTENSION_WORKDAYS = 10
# 行政问责制 4 ①: 1年内出现2次以上被问责.
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
    "申诉期间不停止执行：问责决定继续执行（行政问责制 10）。",
    "The decision keeps being executed while the appeal is pending (申诉期间不停止执行, "
    "行政问责制 10).",
)


@dataclass(frozen=True)
class Step:
    """One step of a case: the statuses that allow it and the status it leads to.

    ``leads_to`` is ``None`` for a step that records something without moving
    the case on (a statement, an obstruction, a recusal).
    """

    name: str
    label: Text
    allowed_from: tuple[str, ...]
    leads_to: str | None
    clause: Text

    @property
    def hint(self) -> Text:
        """``送达（case deliver）``: how the step is named in messages."""
        return Text(f"{self.label.zh}（case {self.name}）", f"{self.label.en} (case {self.name})")


STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step(
            "open",
            Text("启动问责程序", "open"),
            (),
            "investigating",
            Text("行政问责制 5：镇主要负责人决定启动问责程序，组成调查组", "行政问责制 5"),
        ),
        Step(
            "statement",
            Text("陈述和申辩", "statement"),
            ("investigating",),
            None,
            Text("行政问责制 7：听取被调查人的陈述和申辩", "行政问责制 7"),
        ),
        Step(
            "extend",
            Text("延长调查期限", "extend the investigation"),
            ("investigating",),
            None,
            Text("行政问责制 8：情况复杂的，经批准可延长10个工作日", "行政问责制 8"),
        ),
        Step(
            "obstruct",
            Text("干扰调查", "obstruction"),
            _UNTIL_CLOSED,
            None,
            Text("行政问责制 6、4②", "行政问责制 6, 4②"),
        ),
        Step(
            "aggravate",
            Text("从重情形", "aggravating circumstance"),
            _UNTIL_CLOSED,
            None,
            Text("行政问责制 4③④", "行政问责制 4③④"),
        ),
        Step(
            "recuse",
            Text("回避", "recusal"),
            ("investigating",),
            None,
            Text("行政问责制 13：与被调查人有利害关系的，应当回避", "行政问责制 13"),
        ),
        Step(
            "appoint",
            Text("增补调查人员", "appoint an investigator"),
            ("investigating",),
            None,
            Text("行政问责制 5：组成调查组", "行政问责制 5"),
        ),
        Step(
            "report",
            Text("提交调查报告", "investigation report"),
            ("investigating",),
            "reported",
            Text("行政问责制 8：书面调查报告", "行政问责制 8"),
        ),
        Step(
            "decide",
            Text("作出问责决定", "decision"),
            ("reported",),
            "decided",
            Text("行政问责制 9：镇党委作出行政问责决定", "行政问责制 9"),
        ),
        Step(
            "deliver",
            Text("送达", "delivery"),
            ("decided",),
            "delivered",
            Text("行政问责制 9：10个工作日内送达", "行政问责制 9"),
        ),
        Step(
            "appeal",
            Text("申诉", "appeal"),
            ("delivered",),
            "appealed",
            Text("行政问责制 10：收到决定之日起15个工作日内申诉", "行政问责制 10"),
        ),
        Step(
            "review",
            Text("复议复核决定", "review"),
            ("appealed",),
            "reviewed",
            Text("行政问责制 11：30个工作日内作出决定", "行政问责制 11"),
        ),
        Step(
            "close",
            Text("结案", "close"),
            ("delivered", "reviewed"),
            "closed",
            Text(
                "复核决定作出后，或申诉期届满未申诉",
                "after review, or once the appeal window passed",
            ),
        ),
    )
}


# -- the state machine ------------------------------------------------------


def allowed_steps(status: str) -> list[Step]:
    """The steps a case in ``status`` may take next, in the order of the procedure."""
    return [s for s in STEPS.values() if status in s.allowed_from]


def check_step(record: Record, step: str) -> Step:
    """Return the step ``step`` if the case's status allows it, else ``StepOutOfOrder``.

    The message names the steps allowed next.
    """
    wanted = STEPS[step]
    status = record["status"]
    if status in wanted.allowed_from:
        return wanted
    allowed = allowed_steps(status)
    if not allowed:
        raise StepOutOfOrder(
            Text(
                "{id} 已结案，不能再办理「{step}」；如需更正，请联系纪委办。",
                "{id} is closed; {step} is no longer possible. Ask the discipline office "
                "to correct it.",
            ),
            id=record["id"],
            step=wanted.label,
        )
    following = [s.hint for s in allowed if s.leads_to is not None]
    also = [s.hint for s in allowed if s.leads_to is None]
    more = Text("；此外可以办理：{also}", "; also possible: {also}") if also else Text("", "")
    raise StepOutOfOrder(
        Text(
            "{id} 当前状态为「{status}」，不能办理「{step}」；下一步：{next}" + more.zh + "。",
            "{id} is {status}: {step} is not possible now. Next step: {next}" + more.en + ".",
        ),
        id=record["id"],
        status=STATUSES.get(status, Text(status, status)),
        step=wanted.label,
        next=following,
        also=also,
    )


# ``STEPS`` in the shared form. ``check_step`` refuses with the case's own
# messages (closed; next step and also possible), so the table never has to.
_STEPS = Steps(
    KIND,
    {name: s.hint for name, s in STEPS.items()},
    STATUSES,
    next={status: [s.name for s in allowed_steps(status)] for status in STATUSES},
    refuse=check_step,
)


def _begin(tx: Transaction, case_id: str, step: str, on: dt.date, today: dt.date) -> Record:
    return _STEPS.begin(tx, case_id, step, on, today)


def _finish(
    tx: Transaction, record: Record, step: str, on: dt.date, actor: str, **details: Any
) -> Record:
    return _STEPS.finish(tx, record, step, on, actor, status=STEPS[step].leads_to, **details)


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
                "{name} 是被调查人，不能担任{case}调查人员（行政问责制 13 回避）；请另选调查人员。",
                "{name} is the subject and cannot investigate{case_en} (recusal, "
                "行政问责制 13); choose another investigator.",
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
    """Refuse methods outside the band of the report's severity (行政问责制 3).

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
                "{id} 调查报告认定{band}，从重问责时可采用的问责方式为 {allowed}；{outside} 超出范围（行政问责制 3、4）。",
                "{id} was reported as {band}; aggravated, it allows methods {allowed}; "
                "{outside} is outside that range (行政问责制 3, 4).",
            ),
            id=record["id"],
            band=current.label,
            allowed=f"{allowed[0]}-{allowed[-1]}",
            outside=[str(m) for m in outside],
        )
    raise BadInput(
        Text(
            "{id} 调查报告认定{band}，只能采用问责方式 {allowed}；{outside} 超出范围（行政问责制 3）。"
            "如有从重情形，请先登记（case obstruct / case aggravate）。",
            "{id} was reported as {band}, which allows methods {allowed} only; {outside} is "
            "outside that range (行政问责制 3). Record an aggravating circumstance first "
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
    config: Config,
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
    check_step_date(None, on, today)
    complaint_id = str(parse_id(complaint, "complaint")) if complaint else None
    n = period("investigation", config.rules)

    def build(record_id: str) -> Record:
        record = new_record(
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
        add_event(
            record,
            on=on,
            actor=actor,
            now=tx.now,
            action="open",
            investigators=list(team),
            complaint=complaint_id,
        )
        start_clock(record, "investigation", on, n)
        return record

    return tx.create(KIND, today.year, build)


def record_statement(
    tx: Transaction, case_id: str, *, text: str, on: dt.date, today: dt.date, actor: str
) -> Record:
    """Record the subject's statement and defence (陈述和申辩); it never aggravates."""
    record = _begin(tx, case_id, "statement", on, today)
    text = require_text(text, Text("陈述内容（--text）", "The statement (--text)"))
    return _finish(tx, record, "statement", on, actor, text=text)


def extend_investigation(
    tx: Transaction,
    case_id: str,
    *,
    approved_by: str,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    calendar: WorkCalendar,
) -> Record:
    """Extend ``investigation`` once by 10 working days from its current due date.

    Refused a second time, and after the due date has passed (an extension
    is approved while the period runs).
    """
    record = _begin(tx, case_id, "extend", on, today)
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
                "{id} 的调查期限已于 {on} 经 {who} 批准延长过一次；只能延长一次（行政问责制 8）。"
                "下一步请提交调查报告（case report）。",
                "The investigation of {id} was already extended once ({on}, approved by "
                "{who}); it can be extended only once (行政问责制 8). Next: submit the "
                "report (case report).",
            ),
            id=record["id"],
            on=first.get("on", "?"),
            who=first.get("approved_by", "?"),
        )
    due = due_of(current, calendar).date
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
    extend_clock(
        record,
        "investigation",
        EXTENSION_WORKDAYS,
        on=on.isoformat(),
        approved_by=approved_by,
        reason=reason,
    )
    return _finish(
        tx,
        record,
        "extend",
        on,
        actor,
        n=EXTENSION_WORKDAYS,
        approved_by=approved_by,
        reason=reason,
    )


def record_obstruction(
    tx: Transaction, case_id: str, *, note: str, on: dt.date, today: dt.date, actor: str
) -> Record:
    """Record interference with the investigation: aggravating ground ② (从重问责)."""
    record = _begin(tx, case_id, "obstruct", on, today)
    note = require_text(note, Text("情况说明（--note）", "The note (--note)"))
    return _finish(tx, record, "obstruct", on, actor, note=note)


def record_aggravation(
    tx: Transaction,
    case_id: str,
    *,
    ground: int,
    note: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Record aggravating ground ③ (retaliation) or ④ (bribing the investigators)."""
    record = _begin(tx, case_id, "aggravate", on, today)
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
    return _finish(tx, record, "aggravate", on, actor, ground=ground, note=note)


def recuse(
    tx: Transaction,
    case_id: str,
    *,
    investigator: str,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    replacement: str | None = None,
) -> Record:
    """Record an investigator's recusal (回避) and, optionally, the replacement."""
    record = _begin(tx, case_id, "recuse", on, today)
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
    return _finish(
        tx,
        record,
        "recuse",
        on,
        actor,
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
    reason: str | None = None,
) -> Record:
    """Add an investigator to the team (e.g. after recusals left it empty)."""
    record = _begin(tx, case_id, "appoint", on, today)
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
    return _finish(
        tx, record, "appoint", on, actor, investigator=name, reason=(reason or "").strip() or None
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
    no_statement_reason: str | None = None,
) -> Record:
    """Record the written report (书面调查报告); meets ``investigation``.

    Refused while no statement is recorded (unless ``no_statement_reason``
    says why none could be heard) and while no investigator is left.
    """
    record = _begin(tx, case_id, "report", on, today)
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
                "{id} 尚未记录被调查人的陈述和申辩（行政问责制 7）；请先登记（case statement），"
                "或用 --no-statement-reason 说明无法听取的原因。",
                "No statement of the subject of {id} is recorded (行政问责制 7); record one "
                "first (case statement), or explain with --no-statement-reason why none "
                "could be heard.",
            ),
            id=record["id"],
        )
    record["severity"] = severity
    record["report"] = {
        "on": on.isoformat(),
        "facts": facts,
        "conclusion": conclusion,
        "recommend": recommended,
        "no_statement_reason": reason,
    }
    meet_clock(record, "investigation", on)
    return _finish(
        tx,
        record,
        "report",
        on,
        actor,
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
    config: Config,
) -> Record:
    """Record the Party committee's decision (问责决定) and start ``delivery``.

    The methods must lie in the band of the reported severity, or the next
    band up when the case is aggravated (read from the store now).
    """
    record = _begin(tx, case_id, "decide", on, today)
    chosen = _methods(methods, record["id"])
    grounds = aggravation_grounds(record, stored_cases(tx))
    check_methods(record, chosen, grounds)
    record["decision"] = {"on": on.isoformat(), "methods": chosen}
    start_clock(record, "delivery", on, period("delivery", config.rules))
    return _finish(tx, record, "decide", on, actor, methods=chosen, aggravation_grounds=grounds)


def deliver(
    tx: Transaction, case_id: str, *, on: dt.date, today: dt.date, actor: str, config: Config
) -> Record:
    """Record delivery of the decision (送达); meets ``delivery``, starts ``appeal-window``."""
    record = _begin(tx, case_id, "deliver", on, today)
    meet_clock(record, "delivery", on)
    start_clock(record, "appeal-window", on, period("appeal-window", config.rules))
    return _finish(tx, record, "deliver", on, actor)


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
    calendar: WorkCalendar,
    config: Config,
) -> Record:
    """Record the subject's appeal (申诉); refused after the window; starts ``review``.

    The decision keeps being executed meanwhile (申诉期间不停止执行).
    """
    record = _begin(tx, case_id, "appeal", on, today)
    grounds = require_text(grounds, Text("申诉理由（--grounds）", "The grounds (--grounds)"))
    last = appeal_deadline(record, calendar)
    if last is not None and on > last:
        raise BadInput(
            Text(
                "{id} 的申诉期（送达之日起15个工作日）已于 {last} 届满，{on} 提出的申诉不予受理；"
                "问责决定继续执行。申诉期届满后可结案（case close）。",
                "The appeal window of {id} (15 working days from delivery) ended on {last}; "
                "an appeal on {on} is out of time and the decision stands. The case can be "
                "closed (case close).",
            ),
            id=record["id"],
            last=last.isoformat(),
            on=on.isoformat(),
        )
    meet_clock(record, "appeal-window", on)
    record["appeal"] = {"on": on.isoformat(), "grounds": grounds}
    start_clock(record, "review", on, period("review", config.rules))
    return _finish(tx, record, "appeal", on, actor, grounds=grounds)


def review(
    tx: Transaction,
    case_id: str,
    *,
    outcome: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    methods: list[int] | None = None,
) -> Record:
    """Record the review decision (复议、复核决定); meets ``review``.

    ``revoked`` marks the decision revoked; ``changed`` replaces its methods
    (checked against the band like a decision) and sets ``changed_on``.
    """
    record = _begin(tx, case_id, "review", on, today)
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
    meet_clock(record, "review", on)
    return _finish(
        tx,
        record,
        "review",
        on,
        actor,
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
    calendar: WorkCalendar,
    note: str | None = None,
) -> Record:
    """Close the case: after review, or once the appeal window has passed without appeal."""
    record = _begin(tx, case_id, "close", on, today)
    if record["status"] == "delivered":
        last = appeal_deadline(record, calendar)
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
    return _finish(tx, record, "close", on, actor, note=(note or "").strip() or None)


def severity_label(severity: str | None) -> Text | None:
    """``情节严重（4-7）`` for a stored severity."""
    if not severity or severity not in BANDS:
        return None
    b = BANDS[severity]
    return Text(f"{b.label.zh}（{b.range_text}）", f"{b.label.en} ({b.range_text})")


# -- the declaration (SPEC 4.0) -----------------------------------------------

SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=tuple(KStep(s.name, s.label, s.allowed_from, s.leads_to, s.hint) for s in STEPS.values()),
    fields=(
        KField("subject", Text("被调查人", "subject"), amendable=True, list=True),
        KField("unit", Text("所在单位", "unit"), amendable=True, list=True),
        KField(
            "matter",
            Text("问责情形", "matter"),
            amendable=True,
            check=MATTERS.check,
            show=lambda r: MATTERS.label(r["matter"]) if r.get("matter") else None,
        ),
        KField(
            "source",
            Text("启动来源", "source"),
            amendable=True,
            check=SOURCES.check,
            show=lambda r: SOURCES.label(r["source"]) if r.get("source") else None,
        ),
        KField("summary", Text("问题摘要", "summary"), amendable=True),
        KField("investigators", Text("调查组", "investigators")),
        KField("complaint", Text("来自投诉", "from complaint")),
    ),
    final=("closed",),
    handler_fields=HANDLER_FIELDS,
)
