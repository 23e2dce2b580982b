"""Efficiency complaints — 效能投诉制 (SPEC 4.3, prefix CMP).

A citizen complains about a person or unit of the township, in one of the
seven categories of the 受理范围 (①-⑦). The complaint is registered (at the
counter, or from a first-contact inquiry, 首问负责制 3(4)), assigned to a
department, and resolved with a finding within ``complaint-handling``
(15 working days of receipt by default; ``[rules]`` in township.toml), or
escalated to an accountability case (行政问责制, source ⑤
公民、法人和其他组织的检举、控告), linked both ways.

Steps and the statuses they lead to::

    register  -> registered
    assign    -> assigned     (again to reassign)
    resolve   -> resolved     (meets complaint-handling)
    escalate  -> escalated    (opens a CASE; meets complaint-handling)

``escalate`` is allowed while the complaint is open and after a
substantiated finding, never after an unsubstantiated one.

The complainant's name and contact are confidential (调查组应当严格遵守保密
规定): the commands mask them (``privacy.mask_record``) unless revealed, and
every reveal is audited (``privacy.audit_reveals``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from township import rules
from township.errors import BadInput
from township.i18n import Text
from township.kinds import Field, KindSpec
from township.kinds import Step as KStep
from township.records import (
    Record,
    Steps,
    add_event,
    check_step_date,
    new_record,
    require_text,
    start_clock,
)

if TYPE_CHECKING:
    from township.config import Config
    from township.store import Transaction

KIND = "complaint"
HANDLING = "complaint-handling"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# 效能投诉制 受理范围 (SPEC 4.3), stored as numbers.
CATEGORIES: dict[int, Text] = {
    1: Text("拖延不办或执行不力", "delay or poor execution"),
    2: Text(
        "违反限时办结（手续齐全不即时办理、超出承诺期限、不按时办结又不说明原因）",
        "breach of time-limited completion (not done at once though complete, past the "
        "committed time, late without a reason)",
    ),
    3: Text("违反首问负责制", "breach of first-contact responsibility"),
    4: Text("违反一次性告知制", "breach of one-time notification"),
    5: Text("擅离岗位、未落实同岗替代", "absent from post, no stand-in arranged"),
    6: Text("服务态度差、刁难群众", "poor attitude, making things hard for citizens"),
    7: Text("其他违反效能制度的行为", "other breach of the efficiency rules"),
}

# The 问责情形 (行政问责制, 1..10) an escalated complaint is opened under when
# the clerk gives no --matter. ⑦ "other" has no natural match: it needs --matter.
CATEGORY_MATTERS: dict[int, int] = {
    1: 4,  # 拖延不办或执行不力 -> ④办事拖拉、推诿扯皮
    2: 4,  # 违反限时办结 -> ④办事拖拉、推诿扯皮
    3: 4,  # 违反首问负责制 -> ④办事拖拉、推诿扯皮
    4: 4,  # 违反一次性告知制 -> ④办事拖拉、推诿扯皮
    5: 5,  # 擅离岗位 -> ⑤不求进取、平庸无为
    6: 7,  # 服务态度差、刁难群众 -> ⑦态度冷漠、作风粗暴
}
# 启动来源 ⑤ 公民、法人和其他组织的检举、控告.
CASE_SOURCE = 5

STATUS_LABELS: dict[str, Text] = {
    "registered": Text("已登记", "registered"),
    "assigned": Text("已交办", "assigned"),
    "resolved": Text("已办结", "resolved"),
    "escalated": Text("已转问责", "escalated"),
}
FINDINGS: dict[str, Text] = {
    "substantiated": Text("属实", "substantiated"),
    "unsubstantiated": Text("不属实", "unsubstantiated"),
}
ACTION_LABELS: dict[str, Text] = {
    "register": Text("登记投诉", "registered"),
    "assign": Text("交办", "assigned"),
    "resolve": Text("办结", "resolved"),
    "escalate": Text("转问责调查", "escalated to a case"),
}
_STEP_LABELS: dict[str, Text] = {
    "assign": Text("交办（complaint assign）", "assign (complaint assign)"),
    "resolve": Text("办结（complaint resolve）", "resolve (complaint resolve)"),
    "escalate": Text("转问责（complaint escalate）", "escalate (complaint escalate)"),
}


def category_label(category: int, short: bool = False) -> Text:
    """The category as shown: ``①拖延不办或执行不力``; ``short`` drops the explanation."""
    label = CATEGORIES[category]
    zh, en = label.zh, label.en
    if short:
        zh, en = zh.split("（")[0], en.split(" (")[0]
    mark = CIRCLED[category - 1]
    return Text(mark + zh, f"{mark} {en}")


def check_category(category: int) -> None:
    """Refuse a category outside ①-⑦, listing the catalogue."""
    if category not in CATEGORIES:
        raise BadInput(
            Text(
                "投诉类别 {category} 不在目录中；请用 --category 1..7：{known}。",
                "Complaint category {category} is not in the catalogue; use --category "
                "1..7: {known}.",
            ),
            category=category,
            known=Text(
                "；".join(f"{n} {c.zh.split('（')[0]}" for n, c in CATEGORIES.items()),
                "; ".join(f"{n} {c.en.split(' (')[0]}" for n, c in CATEGORIES.items()),
            ),
        )


def _allowed_steps(record: Record) -> list[str]:
    status = record["status"]
    if status in ("registered", "assigned"):
        return ["assign", "resolve", "escalate"]
    if status == "resolved" and record.get("finding") == "substantiated":
        return ["escalate"]
    return []


STEPS = Steps(KIND, _STEP_LABELS, STATUS_LABELS, allowed=_allowed_steps)


def register_complaint(
    tx: Transaction,
    *,
    complainant: str | None,
    contact: str | None,
    anonymous: bool,
    against: str,
    category: int,
    summary: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    config: Config,
    inquiry: str | None = None,
) -> dict:
    """Register a complaint received on ``on``; start ``complaint-handling``.

    An anonymous complaint carries no name (a name with ``anonymous`` is
    refused); a contact the caller chose to leave is kept (and masked). With
    ``inquiry``, the inquiry must exist (it may have been created in this
    same transaction) and the complaint may not predate it; the link is
    stored in the field ``inquiry``. The registering clerk is responsible
    until the complaint is assigned. Returns the new record.
    """
    if anonymous and complainant and complainant.strip():
        raise BadInput(
            Text(
                "匿名投诉不登记投诉人姓名；请去掉 --complainant 或 --anonymous 之一。",
                "An anonymous complaint records no complainant's name; drop either "
                "--complainant or --anonymous.",
            )
        )
    if not anonymous and (complainant is None or not complainant.strip()):
        raise BadInput(
            Text(
                "请用 --complainant 填写投诉人姓名，或用 --anonymous 登记匿名投诉。",
                "Give the complainant's name with --complainant, or register an anonymous "
                "complaint with --anonymous.",
            )
        )
    name = complainant.strip() if complainant and not anonymous else None
    against = require_text(
        against, Text("被投诉对象（--against）", "The person or unit (--against)")
    )
    summary = require_text(summary, Text("投诉内容（--summary）", "The summary (--summary)"))
    check_category(category)
    linked: Record | None = tx.get(inquiry, "inquiry") if inquiry else None
    check_step_date(linked, on, today)
    period = rules.period(HANDLING, config.rules)

    def build(record_id: str) -> Record:
        record = new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="registered",
            person=actor,
            complainant=name,
            contact=contact.strip() if contact and contact.strip() else None,
            anonymous=anonymous,
            against=against,
            category=category,
            summary=summary,
            received=on.isoformat(),
            inquiry=linked["id"] if linked else None,
            finding=None,
            action=None,
            case=None,
        )
        add_event(
            record,
            on=on,
            actor=actor,
            now=tx.now,
            action="register",
            inquiry=linked["id"] if linked else None,
        )
        start_clock(record, HANDLING, on, period)
        return record

    return tx.create(KIND, today.year, build)


def assign_complaint(
    tx: Transaction,
    record_id: str,
    *,
    dept: str,
    person: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Assign (交办) the complaint to ``dept`` (and ``person``), who become responsible."""
    record = STEPS.begin(tx, record_id, "assign", on, today)
    dept = require_text(dept, Text("承办部门（--dept）", "The department (--dept)"))
    person = person.strip() if person and person.strip() else None
    record["responsible"] = {"person": person, "dept": dept}
    note = f"{dept} {person}" if person else dept
    return STEPS.finish(tx, record, "assign", on, actor, status="assigned", note=note)


def resolve_complaint(
    tx: Transaction,
    record_id: str,
    *,
    finding: str,
    action: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Resolve (办结) the complaint with a finding and the action taken; meets the deadline."""
    record = STEPS.begin(tx, record_id, "resolve", on, today)
    if finding not in FINDINGS:
        raise BadInput(
            Text(
                "调查结论「{finding}」无效；请用 --finding substantiated（属实）或 "
                "unsubstantiated（不属实）。",
                "The finding '{finding}' is not valid; use --finding substantiated or "
                "unsubstantiated.",
            ),
            finding=finding,
        )
    action = require_text(action, Text("处理措施（--action）", "The action taken (--action)"))
    record["finding"] = finding
    record["action"] = action
    return STEPS.finish(
        tx,
        record,
        "resolve",
        on,
        actor,
        status="resolved",
        meets=[HANDLING],
        finding=finding,
        note=action,
    )


def default_matter(record: Record) -> int:
    """The 问责情形 an escalated complaint is opened under (``CATEGORY_MATTERS``)."""
    matter = CATEGORY_MATTERS.get(int(record["category"]))
    if matter is None:
        raise BadInput(
            Text(
                "{id} 的投诉类别为「{category}」，没有对应的默认问责情形；请用 --matter 1..10 指定。",
                "{id} is in the category '{category}', which has no default accountability "
                "matter; give one with --matter 1..10.",
            ),
            id=record["id"],
            category=category_label(int(record["category"])),
        )
    return matter


def escalate_complaint(
    tx: Transaction,
    record_id: str,
    *,
    investigators: list[str],
    on: dt.date,
    today: dt.date,
    actor: str,
    config: Config,
    subject: str | None = None,
    unit: str | None = None,
    matter: int | None = None,
    summary: str | None = None,
) -> tuple[Record, Record]:
    """Open an accountability case (source ⑤) on the complaint; link both ways.

    ``subject`` and ``unit`` default to the complaint's ``against``,
    ``matter`` to ``CATEGORY_MATTERS`` of its category, ``summary`` to its
    summary. Escalation disposes of the complaint: its ``complaint-handling``
    deadline is met on ``on`` (the case has its own ``investigation``
    deadline). Returns ``(complaint, case)``.
    """
    record = STEPS.begin(tx, record_id, "escalate", on, today)
    if not [p for p in investigators if p and p.strip()]:
        raise BadInput(
            Text(
                "转问责调查须组成调查组；请用 --investigator 至少指定一名调查人（{id}）。",
                "An investigation needs a team; name at least one investigator with "
                "--investigator ({id}).",
            ),
            id=record["id"],
        )
    chosen = matter if matter is not None else default_matter(record)
    from township.case import open_case  # lazily: the cases module is large

    case = open_case(
        tx,
        subject=subject or record["against"],
        unit=unit or record["against"],
        matter=chosen,
        source=CASE_SOURCE,
        summary=summary or record["summary"],
        investigators=[p.strip() for p in investigators if p and p.strip()],
        on=on,
        today=today,
        actor=actor,
        config=config,
        complaint=record["id"],
    )
    record["case"] = case["id"]
    STEPS.finish(
        tx,
        record,
        "escalate",
        on,
        actor,
        status="escalated",
        meets=[HANDLING],
        case=case["id"],
        note=case["id"],
    )
    return record, case


# -- the declaration (SPEC 4.0) -----------------------------------------------


def _category(n: int) -> int:
    check_category(n)
    return n


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        KStep("register", ACTION_LABELS["register"], (), "registered"),
        KStep("assign", ACTION_LABELS["assign"], ("registered", "assigned"), "assigned"),
        KStep("resolve", ACTION_LABELS["resolve"], ("registered", "assigned"), "resolved"),
        KStep(
            "escalate",
            ACTION_LABELS["escalate"],
            ("registered", "assigned", "resolved"),
            "escalated",
        ),
    ),
    fields=(
        Field("received", Text("收件日期", "received"), list=True),
        Field("complainant", Text("投诉人", "complainant"), "name", amendable=True, list=True),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("against", Text("被投诉对象", "against"), amendable=True, list=True),
        Field(
            "category",
            Text("投诉类别", "category"),
            amendable=True,
            check=_category,
            show=lambda r: (
                category_label(int(r["category"]), short=True)
                if isinstance(r.get("category"), int)
                else r.get("category")
            ),
        ),
        Field("summary", Text("投诉内容", "summary"), amendable=True),
        Field("finding", Text("调查结论", "finding"), catalogue=FINDINGS),
        Field(
            "action",
            Text("处理措施", "action taken"),
            amendable=True,
            set_by=Text("办结（complaint resolve）", "resolving it (complaint resolve)"),
        ),
        Field("inquiry", Text("来自首问", "from inquiry")),
        Field("case", Text("问责案件", "case")),
    ),
    final=("escalated",),
)
