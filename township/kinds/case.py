"""Accountability investigations — 行政问责制 , prefix CASE.

A case runs through the steps of the regulations (权力查究问责制度·行政问责制 5-11)::

    open -> [statement, extend, obstruct, aggravate, recuse, appoint] -> report
         -> decide -> deliver -> appeal -> review -> close
                              \\-> close (once the appeal window has passed)
    inform: after the decision, until the case is closed (问责情况应及时告知)

``SPEC`` declares the kind: its statuses, its steps with their inputs (the
commands are derived from them, ``commands.steps``), its fields. The
deadlines are the rule book's (``investigation``, ``delivery``,
``appeal-window``, ``review``): the step machine (``MACHINE``,
``township.steps.machine.Machine``) starts and meets them; no number is
restated here. ``statement``, ``obstruct`` and ``deliver`` only record what
they are given and have no function of their own; every other step carries
a check or computes a field, in the function its declaration names
(``run``), which takes an open ``Transaction`` and the ``Env`` and refuses
(raising before anything is staged) or records the step.

Opening a case records what the preliminary check found (``verified``, 经初步
核实) and who decided to open it (``opened_by``, 镇主要负责人决定启动), as
行政问责制 5 requires; ``inform`` records each unit or person told of the
outcome (``informed``, 行政问责制 9).

Fields other code reads (the complaints and statistics helpers): ``subject``,
``unit``, ``matter``, ``source``, ``summary``, ``verified``, ``opened_by``,
``investigators`` (current team), ``complaint`` (CMP id or ``None``),
``severity``, ``decision`` (``{"on", "methods"}``, plus ``revoked`` or
``changed_on`` after review), ``informed`` (``[{"on", "to"}]``) and
``responsible`` (the lead investigator, ``调查组``).

Aggravation (从重问责, 权力查究问责制度·行政问责制 4) is computed when read, never stored:
ground ① from the other cases in the store (``aggravation_grounds``), ② from
``obstruct`` events, ③ and ④ from ``aggravate`` events. A statement never
aggravates (权力查究问责制度·行政问责制 7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
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
from township.book.registry import KINDS, Field, Input, KindSpec, Step, parse_id
from township.book.rules import RULES, describe_period
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import (
    Env,
    Machine,
    Record,
    clock,
    due_of,
    extend_clock,
    new_record,
    require_text,
)

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
# Once decided and until closed, the outcome may be told (行政问责制 9).
_DECIDED = ("decided", "delivered", "appealed", "reviewed")

OUTCOMES: dict[str, Text] = {
    "upheld": Text("维持", "upheld"),
    "changed": Text("变更", "changed"),
    "revoked": Text("撤销", "revoked"),
}
SEVERITIES: dict[str, Text] = {k: b.label for k, b in BANDS.items()}

EXECUTION_CONTINUES = Text(
    "申诉期间不停止执行：问责决定继续执行（权力查究问责制度·行政问责制 10）。",
    "The decision keeps being executed while the appeal is pending (申诉期间不停止执行, "
    "权力查究问责制度·行政问责制 10).",
)
# Where the help sends the clerk for the periods (never a number of its own).
RULES_HINT = Text("现行期限见 township rules --kind case", "township rules --kind case")


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
    investigators: Sequence[str],
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    verified: str | None = None,
    opened_by: str | None = None,
    complaint: str | None = None,
) -> Record:
    """Open a case and start ``investigation``.

    行政问责制 5: 经初步核实，反应情况存在旳，由镇主要责任人决定开启问责程序，并构成
    调查组进行调查 (the copy's 反应/责任人/开启/构成 for 反映/负责人/启动/组成).
    ``verified`` is what the preliminary check found and ``opened_by`` who
    decided to open the case: both required, except on a case opened by
    escalating a complaint (``complaint``, the complaint it came from), which
    records them when the escalation gives them. The first investigator
    leads the team and is the responsible person. Returns the new record.
    """
    subject = require_text(subject, Text("被调查人（--subject）", "The subject (--subject)"))
    unit = require_text(unit, Text("所在单位（--unit）", "The unit (--unit)"))
    summary = require_text(summary, Text("问题摘要（--summary）", "The summary (--summary)"))
    if complaint is None or verified is not None:
        verified = require_text(
            verified, Text("初步核实情况（--verified）", "The preliminary check (--verified)")
        )
    if complaint is None or opened_by is not None:
        opened_by = require_text(
            opened_by, Text("决定启动人（--opened-by）", "Who decided to open it (--opened-by)")
        )
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
    given = {"verified": verified, "opened_by": opened_by, "complaint": complaint_id}

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
            opened=on.isoformat(),
            **{k: v for k, v in given.items() if v is not None},
        )

    return MACHINE.create(
        tx,
        "open",
        build,
        on=on,
        today=today,
        actor=actor,
        env=env,
        opened_by=opened_by,
        investigators=list(team),
        complaint=complaint_id,
    )


def open_step(
    tx: Transaction,
    *,
    investigator: Sequence[str] = (),
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """``case open``: ``open_case`` with the team as the command gives it (``--investigator``)."""
    return open_case(
        tx, investigators=list(investigator), on=on, today=today, actor=actor, env=env, **values
    )


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
    recommend: Sequence[int],
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
    method: Sequence[int] = (),
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
    chosen = _methods(method, record["id"])
    grounds = aggravation_grounds(record, stored_cases(tx))
    check_methods(record, chosen, grounds)
    record["decision"] = {"on": on.isoformat(), "methods": chosen}
    return MACHINE.finish(
        tx, record, "decide", on, actor, env, methods=chosen, aggravation_grounds=grounds
    )


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
    method: Sequence[int] | None = None,
) -> Record:
    """Record the review decision (复议、复核决定); meets ``review``.

    ``revoked`` marks the decision revoked; ``changed`` replaces its methods
    (``method``, checked against the band like a decision) and sets ``changed_on``.
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
    given = list(method or [])
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


def inform(
    tx: Transaction,
    case_id: str,
    *,
    to: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record that the unit or person who asked for the case was told of it.

    行政问责制 9: 问责情况应及时告知作出问责指示、提出问责提议旳有关单位或个人
    (提议 being the copy's 建议). Allowed once decided, as often as there are
    units or persons to tell; the text sets no period, so no clock runs.
    """
    record = MACHINE.begin(tx, case_id, "inform", on, today)
    to = require_text(to, Text("告知对象（--to）", "Who was told (--to)"))
    record["informed"] = [*record.get("informed", []), {"on": on.isoformat(), "to": to}]
    return MACHINE.finish(tx, record, "inform", on, actor, env, to=to, note=to)


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
        by = event.get("opened_by")
        return Text(
            (f"{by} 决定启动；" if by else "")
            + "调查组："
            + "、".join(team)
            + (f"；来自投诉 {link}" if link else ""),
            (f"opened by {by}; " if by else "")
            + "team: "
            + ", ".join(team)
            + (f"; from complaint {link}" if link else ""),
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
    if action == "inform":
        return Text(f"已告知 {event['to']}", f"told {event['to']}")
    # A statement's text (its note; ``text`` on records made before steps were declared).
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


def _informed(record: Record) -> str | None:
    told = record.get("informed") or []
    return "；".join(f"{t['on']} {t['to']}" for t in told) or None


# -- the declaration -------------------------------------------------------------

_TEAM = Text("调查组成员", "a member of the investigation team")
_METHOD_HELP = Text(
    "问责方式；可重复（可单独或合并使用）",
    "method (问责方式); repeatable (methods may be used alone or together)",
)

STEPS: tuple[Step, ...] = (
    Step(
        "open",
        Text("启动问责程序", "open"),
        (),
        "investigating",
        run=open_step,
        inputs=(
            Input("subject", required=True, metavar="NAME"),
            Input(
                "unit",
                required=True,
                help=Text("被调查人所在单位，例如 民政办", "the subject's unit, e.g. 民政办"),
            ),
            Input(
                "matter",
                type="choice",
                catalogue=MATTERS.entries,
                required=True,
                help=Text("问责情形（行政问责制 1）", "问责情形 (行政问责制 1)"),
            ),
            Input(
                "source",
                type="choice",
                catalogue=SOURCES.entries,
                required=True,
                help=Text("启动来源（行政问责制 5）", "启动来源 (行政问责制 5)"),
            ),
            Input("summary", required=True),
            Input(
                "verified",
                required=True,
                help=Text(
                    "经初步核实的情况：反映的情况是否存在",
                    "what the preliminary check found (经初步核实)",
                ),
            ),
            Input(
                "opened_by",
                required=True,
                metavar="NAME",
                help=Text(
                    "决定启动问责程序的镇主要负责人",
                    "the township's principal leader who decided to open the case",
                ),
            ),
            Input(
                "investigator",
                _TEAM,
                type="texts",
                required=True,
                metavar="NAME",
                help=Text(
                    "调查组成员；可重复，第一个为组长",
                    "a member of the investigation team (调查组); repeatable, the first leads it",
                ),
            ),
        ),
        help=Text(
            "启动问责程序；输出新编号和调查报告的到期日。\n\n"
            "组成调查组；须写明初步核实的情况（--verified）和决定启动的镇主要负责人（--opened-by）"
            "（行政问责制 5）；第一个 --investigator 为调查组组长。" + RULES_HINT.zh + "。",
            "Open a case (启动问责程序); prints the new id and the report's due date."
            "\n\nThe case's team is formed. Give what the preliminary check found (--verified) and "
            "who decided to open it (--opened-by, 行政问责制 5); the first --investigator "
            "leads the team. The periods in force: " + RULES_HINT.en + ".",
        ),
        example="township case open --subject 李某 --unit 民政办 --matter 4 --source 5 \\\n"
        '    --summary "低保申请拖延两个月" --verified "经初步核实，反映情况存在" \\\n'
        "    --opened-by 镇长何某 --investigator 赵某 --investigator 钱某",
    ),
    Step(
        "statement",
        Text("陈述和申辩", "statement"),
        ("investigating",),
        None,
        inputs=(
            Input(
                "text",
                Text("被调查人的陈述和申辩", "the subject's statement and defence"),
                required=True,
                writes="",
                note=True,
            ),
        ),
        help=Text(
            "记录被调查人的陈述和申辩。\n\n不得因被调查人申辩而从重问责（行政问责制 7）。",
            "Record the subject's statement (陈述和申辩).\n\nA statement never aggravates "
            "the case (行政问责制 7).",
        ),
        example='township case statement CASE-2026-0001 --text "材料不全，已多次告知"',
        says=Text(
            "已记录 {id} 被调查人的陈述和申辩", "Recorded the statement of the subject of {id}"
        ),
    ),
    Step(
        "extend",
        Text("延长调查期限", "extend the investigation"),
        ("investigating",),
        None,
        run=extend_investigation,
        inputs=(
            Input("approved_by", Text("批准人", "who approved it"), required=True, metavar="NAME"),
            Input("reason", Text("延长理由（情况复杂）", "why the case is complex"), required=True),
        ),
        help=Text(
            "延长调查期限，只能一次。\n\n情况复杂的，经批准可延长（行政问责制 8）：自当前到期日起"
            "按规则手册的延长期限延长，须在期限届满前批准；第二次延长不予接受。"
            + RULES_HINT.zh
            + "。",
            "Extend the investigation once (延长调查期限).\n\nBy the rule book's extension, "
            "from the current due date, approved while it runs (情况复杂的，经批准可延长, "
            "行政问责制 8); a second extension is refused. The numbers in force: "
            + RULES_HINT.en
            + ".",
        ),
        example='township case extend CASE-2026-0001 --approved-by 张书记 --reason "涉及多个部门"',
        says=Text("{id} 的调查期限已延长", "{id}: the investigation is extended"),
    ),
    Step(
        "obstruct",
        Text("干扰调查", "obstruction"),
        _UNTIL_CLOSED,
        None,
        inputs=(
            Input(
                "note",
                Text("干扰、阻碍、不配合调查的情况", "what happened (interference, obstruction)"),
                required=True,
                writes="",
                note=True,
            ),
        ),
        help=Text(
            "记录干扰、阻碍调查的情况（从重 ②）。\n\n案件转为从重问责；调查组可提请暂停被调查人"
            "执行职务（行政问责制 6）。",
            "Record obstruction of the investigation (从重 ②).\n\nThe case becomes "
            "aggravated (从重问责); the team may ask that the subject be suspended "
            "(暂停其执行职务, 行政问责制 6).",
        ),
        example='township case obstruct CASE-2026-0001 --note "拒不提供台账"',
        says=Text(
            "已记录 {id} 的干扰调查情况，本案从重问责（②）",
            "Recorded the obstruction in {id}, the case is aggravated (②)",
        ),
    ),
    Step(
        "aggravate",
        Text("从重情形", "aggravating circumstance"),
        _UNTIL_CLOSED,
        None,
        run=record_aggravation,
        inputs=(
            Input(
                "ground",
                Text("从重情形", "the aggravating circumstance"),
                type="choice",
                catalogue=AGGRAVATING_GROUNDS,
                required=True,
            ),
            Input("note", Text("具体情况", "what happened"), required=True),
        ),
        help=Text(
            "记录从重情形 ③ 或 ④。\n\n③ 打击、报复、陷害检举人、控告人、证人；④ 拉拢、收买问责"
            "调查人员。①（一年内已有问责决定）和 ②（case obstruct）由系统自动认定。",
            "Record aggravating ground ③ or ④ (从重情形).\n\n③ retaliation against "
            "complainants or witnesses; ④ bribing the investigators. ① (a decided case "
            "within a year) and ② (case obstruct) are found automatically.",
        ),
        example='township case aggravate CASE-2026-0001 --ground 3 --note "威胁举报人"',
        says=Text(
            "已记录 {id} 的从重情形：{ground}", "Recorded in {id} the aggravating ground: {ground}"
        ),
    ),
    Step(
        "recuse",
        Text("回避", "recusal"),
        ("investigating",),
        None,
        run=recuse,
        inputs=(
            Input(
                "investigator",
                Text("回避的调查人员", "the investigator who steps aside"),
                required=True,
                metavar="NAME",
            ),
            Input("reason", Text("利害关系", "the conflict of interest"), required=True),
            Input(
                "replacement",
                Text("接替的人员", "who takes their place on the team"),
                metavar="NAME",
            ),
        ),
        help=Text(
            "记录调查人员回避（行政问责制 13）。\n\n--replacement 写明接替其在调查组位置的人员（如有）。",
            "Record an investigator's recusal (回避, 行政问责制 13).\n\n--replacement names "
            "who takes the place on the team, if anyone.",
        ),
        example='township case recuse CASE-2026-0001 --investigator 钱某 --reason "系被调查人亲属" \\\n'
        "    --replacement 孙某",
        says=Text(
            "{investigator} 已回避 {id}，调查组：{investigators}",
            "{investigator} is recused from {id}, team: {investigators}",
        ),
    ),
    Step(
        "appoint",
        Text("增补调查人员", "appoint an investigator"),
        ("investigating",),
        None,
        run=appoint,
        inputs=(
            Input(
                "investigator",
                Text("加入调查组的人员", "who joins the investigation team"),
                required=True,
                metavar="NAME",
            ),
            Input(
                "reason",
                Text("增补原因（例如回避后调查组无人）", "why (e.g. recusals left the team empty)"),
            ),
        ),
        help=Text(
            "增补调查组成员（增补调查人员）。", "Add an investigator to the team (增补调查人员)."
        ),
        example="township case appoint CASE-2026-0001 --investigator 孙某",
        says=Text(
            "{investigator} 已加入 {id} 调查组，调查组：{investigators}",
            "{investigator} joined the team of {id}, team: {investigators}",
        ),
    ),
    Step(
        "report",
        Text("提交调查报告", "investigation report"),
        ("investigating",),
        "reported",
        run=submit_report,
        inputs=(
            Input("facts", Text("查明的详细事实", "the facts found"), required=True),
            Input("conclusion", Text("基本结论", "the conclusion"), required=True),
            Input(
                "recommend",
                Text("问责建议", "recommended method"),
                type="choices",
                catalogue=METHODS.entries,
                required=True,
                help=Text(
                    "问责建议（问责方式）；可重复（可单独或合并使用）",
                    "recommended method (问责建议); repeatable (methods may be used alone or "
                    "together)",
                ),
            ),
            Input(
                "severity",
                type="choice",
                catalogue=SEVERITIES,
                required=True,
                help=Text(
                    "情节：情节轻微（方式 1-3）、情节严重（4-7）或情节特别严重（8-10）",
                    "情节轻微 (methods 1-3), 情节严重 (4-7) or 情节特别严重 (8-10)",
                ),
            ),
            Input(
                "no_statement_reason",
                Text("未能听取陈述和申辩的原因", "why no statement of the subject could be heard"),
                help=Text(
                    "未能听取被调查人陈述和申辩的原因（没有陈述记录时必填）",
                    "why no statement of the subject could be heard (required if none is recorded)",
                ),
            ),
        ),
        help=Text(
            "提交书面调查报告（行政问责制 8）。\n\n在记录被调查人的陈述和申辩之前（或用 "
            "--no-statement-reason 说明无法听取的原因之前），以及调查组无人时，不予提交；"
            "问责建议须与认定的情节相符。",
            "Submit the written investigation report (调查报告, 行政问责制 8).\n\nRefused "
            "until a statement is recorded or --no-statement-reason says why none could be "
            "heard, and while no investigator is left; the recommendation keeps to the "
            "severity's methods.",
        ),
        example='township case report CASE-2026-0001 --facts "多次拖延办理" --conclusion "属实" \\\n'
        "    --recommend 5 --severity serious",
        says=Text(
            "已提交 {id} 的调查报告，下一步：作出问责决定（case decide）",
            "Filed the report of {id}, next: the decision (case decide)",
        ),
    ),
    Step(
        "decide",
        Text("作出问责决定", "decision"),
        ("reported",),
        "decided",
        run=decide,
        inputs=(
            Input(
                "method",
                Text("问责方式", "method"),
                type="choices",
                catalogue=METHODS.entries,
                required=True,
                help=_METHOD_HELP,
            ),
        ),
        help=Text(
            "记录镇党委的问责决定。\n\n送达期限自决定之日起算（行政问责制 9；"
            + RULES_HINT.zh
            + "）。\n\n问责方式须与调查报告认定的情节相符（情节轻微 1-3，情节严重 4-7，"
            "情节特别严重 8-10）；从重问责的案件还可适用高一档的方式。",
            "Record the Party committee's decision (问责决定).\n\nThe delivery deadline "
            "runs from it (行政问责制 9; the period in force: "
            + RULES_HINT.en
            + ").\n\nThe methods must fit the reported severity (minor 1-3, serious 4-7, "
            "grave 8-10); an aggravated case (从重) may also take the next band up.",
        ),
        example="township case decide CASE-2026-0002 --method 5 --method 4",
        says=Text("{id} 已作出问责决定：{method}", "Decision on {id}: {method}"),
    ),
    Step(
        "deliver",
        Text("送达", "delivery"),
        ("decided",),
        "delivered",
        help=Text(
            "记录问责决定已送达。\n\n被问责人的申诉期自此起算（行政问责制 10；"
            + RULES_HINT.zh
            + "）。",
            "Record delivery of the decision (送达).\n\nThe subject's appeal window starts "
            "(行政问责制 10; the period in force: " + RULES_HINT.en + ").",
        ),
        example="township case deliver CASE-2026-0003",
        says=Text("{id} 的问责决定已送达", "The decision of {id} is delivered"),
    ),
    Step(
        "appeal",
        Text("申诉", "appeal"),
        ("delivered",),
        "appealed",
        run=appeal,
        inputs=(Input("grounds", Text("申诉理由", "the subject's grounds"), required=True),),
        help=Text(
            "记录被问责人的申诉。\n\n申诉期届满后不再受理；申诉期间不停止执行；复议复核期限自收到"
            "申诉之日起算（行政问责制 10、11；" + RULES_HINT.zh + "）。",
            "Record the subject's appeal (申诉).\n\nRefused after the appeal window "
            "(counted from delivery). The decision keeps being executed meanwhile "
            "(申诉期间不停止执行); the review deadline starts (行政问责制 10, 11; the "
            "periods in force: " + RULES_HINT.en + ").",
        ),
        example='township case appeal CASE-2026-0004 --grounds "事实认定有误"',
        says=Text(
            "已受理 {id} 的申诉（申诉期间不停止执行，问责决定继续执行）",
            "Appeal on {id} received (the decision keeps being executed meanwhile)",
        ),
    ),
    Step(
        "review",
        Text("复议复核决定", "review"),
        ("appealed",),
        "reviewed",
        run=review,
        inputs=(
            Input(
                "outcome",
                Text("复议复核结果", "the outcome"),
                type="choice",
                catalogue=OUTCOMES,
                required=True,
                help=Text(
                    "维持、变更（用 --method 给出新的问责方式）或撤销",
                    "upheld, changed (give the new --method) or revoked",
                ),
            ),
            Input(
                "method",
                Text("新的问责方式", "the new method"),
                type="choices",
                catalogue=METHODS.entries,
                help=Text(
                    "变更时新的问责方式；可重复（可单独或合并使用）",
                    "the new method when the outcome is changed; repeatable",
                ),
            ),
        ),
        help=Text(
            "记录复议、复核决定（行政问责制 11）。",
            "Record the review decision (复议、复核决定, 行政问责制 11).",
        ),
        example="township case review CASE-2026-0005 --outcome changed --method 4",
        says=Text("{id} 复议复核决定：{outcome}", "Review of {id}: {outcome}"),
    ),
    Step(
        "close",
        Text("结案", "close"),
        ("delivered", "reviewed"),
        "closed",
        run=close_case,
        inputs=(Input("note", Text("结案说明", "a closing remark")),),
        help=Text(
            "结案。\n\n复议复核之后，或申诉期满未申诉的，可以结案。",
            "Close the case (结案).\n\nAllowed after the review, or once the appeal window "
            "has passed without appeal.",
        ),
        example="township case close CASE-2026-0006",
        says=Text("{id} 已结案", "{id} is closed"),
    ),
    Step(
        "inform",
        Text("告知问责情况", "inform of the outcome"),
        _DECIDED,
        None,
        run=inform,
        inputs=(
            Input(
                "to",
                Text("告知对象", "who was told"),
                required=True,
                help=Text(
                    "作出问责指示、提出问责建议的单位或个人",
                    "the unit or person who ordered or proposed the case",
                ),
            ),
        ),
        help=Text(
            "记录问责情况的告知。\n\n已将问责情况告知作出问责指示、提出问责建议的有关单位或个人"
            "（行政问责制 9）。作出问责决定后、结案前均可登记，每个告知对象登记一次；现行文本未规定期限，"
            "不计期限。",
            "Record that the outcome was told (问责情况应及时告知).\n\nTo the unit or person "
            "who ordered or proposed the case (行政问责制 9). Allowed once decided and until closed, "
            "once per unit or person told; the text sets no period, so no deadline runs.",
        ),
        example="township case inform CASE-2026-0003 --to 县纪委",
        says=Text("已将 {id} 的问责情况告知 {to}", "{id}: the outcome was told to {to}"),
    ),
)


SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=STEPS,
    fields=(
        Field("subject", Text("被调查人", "subject"), amendable=True, list=True, type="text"),
        Field("unit", Text("所在单位", "unit"), amendable=True, list=True, type="text"),
        Field(
            "matter",
            Text("问责情形", "matter"),
            amendable=True,
            list=True,
            check=MATTERS.check,
            show=lambda r: MATTERS.label(r["matter"]) if r.get("matter") else None,
            type="int",
        ),
        Field(
            "source",
            Text("启动来源", "source"),
            amendable=True,
            check=SOURCES.check,
            show=lambda r: SOURCES.label(r["source"]) if r.get("source") else None,
            type="int",
        ),
        Field("summary", Text("问题摘要", "summary"), amendable=True, type="text"),
        Field("verified", Text("初步核实情况", "preliminary check"), amendable=True, type="text"),
        Field("opened_by", Text("决定启动人", "opened by"), amendable=True, type="text"),
        Field("opened", Text("启动日期", "opened"), list=True, type="date"),
        Field(
            "investigators",
            Text("调查组", "team"),
            show=lambda r: "、".join(r.get("investigators") or []) or "—",
            type="texts",
        ),
        Field("complaint", Text("关联投诉", "complaint"), type="text"),
        Field("facts", Text("调查事实", "facts"), show=_report("facts")),
        Field("conclusion", Text("基本结论", "conclusion"), show=_report("conclusion")),
        Field("recommend", Text("问责建议", "recommended"), show=_report("recommend")),
        Field(
            "severity",
            Text("情节", "severity"),
            show=lambda r: severity_label(r.get("severity")),
            type="text",
        ),
        Field("decision", Text("问责决定", "decision"), show=_decision, type="object"),
        Field(
            "review",
            Text("复议复核", "review"),
            show=lambda r: OUTCOMES[r["review"]["outcome"]] if r.get("review") else None,
            type="object",
        ),
        Field("informed", Text("问责情况告知", "outcome told to"), show=_informed, type="list"),
        Field("aggravated", Text("从重问责", "aggravated"), list=True, show=_aggravated),
        Field(
            "execution",
            Text("执行", "execution"),
            show=lambda r: EXECUTION_CONTINUES if r.get("status") == "appealed" else None,
        ),
    ),
    final=("closed",),
    handler_fields=HANDLER_FIELDS,
    matter=("subject", "matter"),
)
MACHINE = Machine(SPEC)


# -- the demo (township init --demo) ---------------------------------------------

DEMO_SHARE = 0.08
DEMO_DEPTS = [
    "民政办",
    "劳动保障站",
    "党政办",
    "综治办",
    "财政所",
    "自然资源所",
    "农业服务中心",
    "村镇建设办",
]
DEMO_TEAM = ["纪委 林某", "党政办 何某", "组织委员 罗某", "纪委 郭某"]
DEMO_OPENED_BY = "镇长 何某"


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional case opened on ``on``, taken through its steps up to today.

    A subject of a random office, a team of two, minor or serious; closed
    some days after its appeal window when that has passed. The random draws
    are those of the demo before the steps were declared, so a demo of a
    given size holds the same cases.
    """
    rng, tx, env = maker.rng, maker.tx, maker.env
    subject = f"{rng.choice(DEMO_DEPTS)}工作人员 {maker.person()}"
    team = rng.sample(DEMO_TEAM, 2)
    values: dict[str, Any] = {
        "subject": subject,
        "unit": rng.choice(DEMO_DEPTS),
        "matter": rng.choice([4, 7, 10]),
        "source": rng.choice([2, 5, 6]),
        "summary": "群众反映办事拖拉、推诿扯皮，经初步核实情况存在",
        "verified": "经初步核实，群众反映的办事拖拉情况存在",
        "opened_by": DEMO_OPENED_BY,
        "investigator": team,
    }
    record = MACHINE.take(tx, "open", None, values, on=on, today=on, actor="党政办 何某", env=env)
    maker.count(KIND, on)
    if not finish:
        return
    rid, lead = record["id"], team[0]

    def take(step: str, day: dt.date, actor: str = lead, **given: Any) -> None:
        MACHINE.take(tx, step, rid, given, on=day, today=day, actor=actor, env=env)

    heard = maker.later(on, 1, 4)
    if not maker.done(heard):
        return
    take("statement", heard, text="被调查人作出陈述和申辩")
    reported = maker.later(heard, 3, 11)
    if not maker.done(reported):
        return
    severity = rng.choice(["minor", "minor", "serious"])
    methods = [1] if severity == "minor" else [5]
    take(
        "report",
        reported,
        facts="经调查，被调查人办理群众事项超出承诺时限",
        conclusion="问责情形成立",
        recommend=methods,
        severity=severity,
    )
    decided = maker.later(reported, 1, 5)
    if not maker.done(decided):
        return
    take("decide", decided, "镇党委", method=methods)
    delivered = maker.later(decided, 1, 12)
    if not maker.done(delivered):
        return
    take("deliver", delivered)
    window_end = maker.calendar.add(delivered, env.period("appeal-window")).date
    closed = window_end + dt.timedelta(days=rng.randint(1, 10))
    if maker.done(closed):
        take("close", closed)


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
    given: dict[str, dict[str, Any]] = {
        "statement": {"text": "被调查人作出陈述和申辩"},
        "report": {
            "facts": "经调查，被调查人办理群众事项超出承诺时限",
            "conclusion": "问责情形成立",
            "recommend": [5],
            "severity": "serious",
        },
        "decide": {"method": [5]},
        "deliver": {},
        "appeal": {"grounds": "认为问责方式过重"},
        "review": {"outcome": "upheld"},
    }
    for subject, unit, summary, agos in stories:
        days = dict(zip(steps, (maker.working_days_before(n) for n in agos), strict=False))
        env, tx = maker.env, maker.tx
        opened = days["open"]
        values = {
            "subject": subject,
            "unit": unit,
            "matter": 4,
            "source": 5,
            "summary": summary,
            "verified": "经初步核实，反映情况存在",
            "opened_by": DEMO_OPENED_BY,
            "investigator": ["赵某", "钱某"],
        }
        at: dict[str, Any] = {"actor": "党政办 何某", "env": env}
        record = MACHINE.take(tx, "open", None, values, on=opened, today=opened, **at)
        maker.count(KIND, opened)
        for step, on in list(days.items())[1:]:
            actor = "镇党委" if step in ("decide", "review") else "赵某"
            MACHINE.take(tx, step, record["id"], given[step], on=on, today=on, actor=actor, env=env)
