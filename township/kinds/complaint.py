"""Efficiency complaints — 效能投诉制 (prefix CMP).

A citizen complains about a person or unit of the township, in one of the
seven categories of the 受理范围 (①-⑦). The complaint is registered (at the
counter, or from a first-contact inquiry, 首问负责制 3(4)), assigned to a
department, and resolved with a finding within ``complaint-handling``
(working days from receipt: a local default, since the surviving text
names no period; ``township rules`` shows the number in force), or
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
from typing import TYPE_CHECKING, Any

from township.book.machine import (
    Env,
    Machine,
    Record,
    check_step_date,
    new_record,
    out_of_order,
    require_text,
)
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "complaint"
HANDLING = "complaint-handling"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# 效能投诉制 受理范围, stored as numbers. Only ① and ② survive in the
# compilation (机关效能建设制度·效能投诉制: the text breaks off after ②);
# ③-⑦ are inferred from the other systems of the compilation (首问负责制,
# 一次性告知制, 同岗替代制, the 服务承诺 on attitude, and a catch-all) and are
# the office's reading, not the regulation's words.
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


_UNIT_ENDINGS = (
    "办", "所", "站", "局", "村", "社区", "中心", "委", "室", "队", "部", "院", "科", "处",
    "组", "会", "厅", "公司", "单位", "政府", "镇", "乡", "街道",
)  # fmt: skip


def against_a_unit(against: str) -> bool:
    """True when ``against`` names a unit (民政办, 某村), not a person.

    Read from the name's ending (办/所/站/局/村/中心/委/…): the register
    command takes the person or unit in one option, as the paper form does.
    """
    return against.strip().endswith(_UNIT_ENDINGS)


def _refuse(record: Record, step: str) -> None:
    """An unsubstantiated complaint is closed: no step follows its resolution."""
    if record.get("status") == "resolved" and record.get("finding") != "substantiated":
        wanted = SPEC.step(step)
        raise out_of_order(
            record,
            Text(f"{wanted.label.zh}（complaint {step}）", f"{wanted.label.en} (complaint {step})"),
            STATUS_LABELS["resolved"],
            [],
        )


def _person_cell(record: Record) -> Any:
    if record.get("anonymous") and not record.get("complainant"):
        return ANONYMOUS
    return record.get("complainant")


ANONYMOUS = Text("（匿名）", "(anonymous)")


def _category(n: int) -> int:
    check_category(n)
    return n


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step("register", Text("登记投诉", "registered"), (), "registered"),
        Step("assign", Text("交办", "assigned"), ("registered", "assigned"), "assigned"),
        Step("resolve", Text("办结", "resolved"), ("registered", "assigned"), "resolved"),
        Step(
            "escalate",
            Text("转问责调查", "escalated to a case"),
            ("registered", "assigned", "resolved"),
            "escalated",
        ),
    ),
    fields=(
        Field("received", Text("登记日", "received"), list=True),
        Field(
            "complainant",
            Text("投诉人", "complainant"),
            "name",
            amendable=True,
            list=True,
            show=_person_cell,
        ),
        Field(
            "contact",
            Text("联系方式", "contact"),
            "contact",
            amendable=True,
            optional=True,
            list=True,
        ),
        Field("against", Text("被投诉对象", "against"), amendable=True, list=True),
        Field(
            "category",
            Text("投诉类别", "category"),
            amendable=True,
            list=True,
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
        # Filled when read for a category ⑤ complaint (擅离岗位): the absences of the
        # person complained against around its date (同岗替代制; commands/complaint_cmd).
        Field(
            "absences",
            Text("前后离岗记录", "absences around the date"),
            show=lambda r: r.get("absences_around"),
        ),
    ),
    final=("escalated",),
    refuse=_refuse,
)
MACHINE = Machine(SPEC)
# Kept for the commands and the docs: the events' labels.
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


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
    env: Env,
    inquiry: str | None = None,
) -> dict:
    """Register a complaint received on ``on``; start ``complaint-handling``.

    An anonymous complaint carries no name (a name with ``anonymous`` is
    refused); a contact the caller chose to leave is kept (and masked). With
    ``inquiry``, the inquiry must exist (it may have been created in this
    same transaction) and the complaint may not predate it; the link is
    stored in the field ``inquiry``. An anonymous complaint marks that
    inquiry ``protected`` in the same transaction, so its name and contact
    are masked too. The registering clerk is responsible until the
    complaint is assigned. Returns the new record.
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

    def build(record_id: str) -> Record:
        return new_record(
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

    record = MACHINE.create(
        tx,
        "register",
        build,
        on=on,
        today=today,
        actor=actor,
        env=env,
        inquiry=linked["id"] if linked else None,
    )
    if linked is not None and anonymous and not linked.get("protected"):
        linked["protected"] = True
        tx.update(linked)
    return record


def assign_complaint(
    tx: Transaction,
    record_id: str,
    *,
    dept: str,
    person: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Assign (交办) the complaint to ``dept`` (and ``person``), who become responsible."""
    record = MACHINE.begin(tx, record_id, "assign", on, today)
    dept = require_text(dept, Text("承办部门（--dept）", "The department (--dept)"))
    person = person.strip() if person and person.strip() else None
    record["responsible"] = {"person": person, "dept": dept}
    note = f"{dept} {person}" if person else dept
    return MACHINE.finish(tx, record, "assign", on, actor, env, note=note)


def resolve_complaint(
    tx: Transaction,
    record_id: str,
    *,
    finding: str,
    action: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Resolve (办结) the complaint with a finding and the action taken; meets the deadline."""
    record = MACHINE.begin(tx, record_id, "resolve", on, today)
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
    return MACHINE.finish(tx, record, "resolve", on, actor, env, finding=finding, note=action)


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
    env: Env,
    subject: str | None = None,
    unit: str | None = None,
    matter: int | None = None,
    summary: str | None = None,
) -> tuple[Record, Record]:
    """Open an accountability case (source ⑤) on the complaint; link both ways.

    ``subject`` defaults to the complaint's ``against``; ``unit`` too when
    that names a unit (``against_a_unit``); a complaint against a person
    needs ``unit`` (the person's name is never taken for a unit).
    ``matter`` defaults to ``CATEGORY_MATTERS`` of its category, ``summary``
    to its summary. Escalation disposes of the complaint: its
    ``complaint-handling`` deadline is met on ``on`` (the case has its own
    ``investigation`` deadline). Returns ``(complaint, case)``.
    """
    record = MACHINE.begin(tx, record_id, "escalate", on, today)
    if not [p for p in investigators if p and p.strip()]:
        raise BadInput(
            Text(
                "转问责调查须组成调查组；请用 --investigator 至少指定一名调查人（{id}）。",
                "An investigation needs a team; name at least one investigator with "
                "--investigator ({id}).",
            ),
            id=record["id"],
        )
    unit = unit.strip() if unit and unit.strip() else None
    if unit is None and not against_a_unit(record["against"]):
        raise BadInput(
            Text(
                "{id} 投诉的是个人，转问责须用 --unit 写明其所在单位（不以姓名作单位）。",
                "{id} is a complaint against a person: give the person's unit with --unit "
                "(a name is never taken for a unit).",
            ),
            id=record["id"],
        )
    chosen = matter if matter is not None else default_matter(record)
    from township.kinds.case import open_case  # lazily: the cases module is large

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
        env=env,
        complaint=record["id"],
    )
    record["case"] = case["id"]
    MACHINE.finish(tx, record, "escalate", on, actor, env, case=case["id"], note=case["id"])
    return record, case


# -- the demo ------------------------------------------------------------------


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (the year's first id):
    CMP-YYYY-0001 registered two working days before ``maker.today``, not yet
    assigned, so it can be assigned, resolved or escalated. Nothing is random."""
    on = maker.working_days_before(2)
    register_complaint(
        maker.tx,
        complainant="郑某癸",
        contact="13800000011",
        anonymous=False,
        against="民政办",
        category=1,
        summary="低保申请递交后拖延不办",
        on=on,
        today=on,
        actor="王某",
        env=maker.env,
    )
    maker.count(KIND, on)
