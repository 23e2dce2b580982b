"""Efficiency complaints — 效能投诉制 (prefix CMP).

A citizen complains about a person or unit of the township, in one of the
seven categories of the 受理范围 (①-⑦). The complaint is registered (at the
counter, or from a first-contact inquiry, 首问负责制 3(4)), assigned to a
department, and resolved with a finding within ``complaint-handling``
(working days from receipt: a local rule, 本镇规定, since the surviving text
names no period; ``township rules`` shows the number in force), or
escalated to an accountability case (行政问责制, source ⑤
公民、法人和其他组织的检举、控告), linked both ways.

Steps (declared in ``SPEC``) and the statuses they lead to::

    register  -> registered
    assign    -> assigned     (again to reassign)
    resolve   -> resolved     (meets complaint-handling)
    escalate  -> escalated    (opens a CASE; meets complaint-handling)

``resolve`` only records its inputs (the step machine takes it); the other
steps have logic of their own, in the functions below. ``escalate`` is
allowed while the complaint is open and after a substantiated finding,
never after an unsubstantiated one.

The complainant's name and contact are confidential (调查组应当严格遵守保密
规定): the commands mask them (``privacy.mask_record``) unless revealed, and
every reveal is audited (``privacy.audit_reveals``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from township.book.catalogs import MATTERS
from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import (
    Env,
    Machine,
    Record,
    check_step_date,
    new_record,
    out_of_order,
)

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "complaint"
HANDLING = "complaint-handling"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# 效能投诉制 受理范围, stored as numbers. Only ① and ② survive in the
# compilation (机关效能建设制度·效能投诉制: the text breaks off after ②);
# ③-⑦ are inferred from the other systems of the compilation (首问负责制,
# 一次性告知制, 同岗替代制, the 服务承诺 on attitude, and a catch-all): they
# are the office's own (本镇补充), and their labels say so wherever shown.
LOCAL = Text("本镇补充", "the office's own")
OFFICE_CATEGORIES = frozenset({3, 4, 5, 6, 7})
CATEGORIES: dict[int, Text] = {
    1: Text("拖延不办或执行不力", "delay or poor execution"),
    2: Text(
        "违反限时办结（手续齐全不即时办理、超出承诺期限、不按时办结又不说明原因）",
        "breach of time-limited completion (not done at once though complete, past the "
        "committed time, late without a reason)",
    ),
    **{
        n: Text(f"{zh}（{LOCAL.zh}）", f"{en} ({LOCAL.en})")
        for n, zh, en in (
            (3, "违反首问负责制", "breach of first-contact responsibility"),
            (4, "违反一次性告知制", "breach of one-time notification"),
            (5, "擅离岗位、未落实同岗替代", "absent from post, no stand-in arranged"),
            (6, "服务态度差、刁难群众", "poor attitude, making things hard for citizens"),
            (7, "其他违反效能制度的行为", "other breach of the efficiency rules"),
        )
    },
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
    """The category as shown: ``①拖延不办或执行不力``; ``short`` drops ②'s explanation
    (the office's own categories keep their mark, 本镇补充)."""
    label = CATEGORIES[category]
    zh, en = label.zh, label.en
    if short and category not in OFFICE_CATEGORIES:
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


# -- steps --------------------------------------------------------------------


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
    from_inquiry: str | None = None,
) -> dict:
    """Register a complaint received on ``on``; start ``complaint-handling``.

    An anonymous complaint carries no name (a name with ``anonymous`` is
    refused); a contact the caller chose to leave is kept (and masked). With
    ``from_inquiry``, the inquiry must exist (it may have been created in
    this same transaction) and the complaint may not predate it; the link
    is stored in the field ``inquiry``. An anonymous complaint marks that
    inquiry ``protected`` in the same transaction, so its name and contact
    are masked too. The registering clerk is responsible until the
    complaint is assigned. Returns the new record.
    """
    if anonymous and complainant:
        raise BadInput(
            Text(
                "匿名投诉不登记投诉人姓名；请去掉 --complainant 或 --anonymous 之一。",
                "An anonymous complaint records no complainant's name; drop either "
                "--complainant or --anonymous.",
            )
        )
    if not anonymous and not complainant:
        raise BadInput(
            Text(
                "请用 --complainant 填写投诉人姓名，或用 --anonymous 登记匿名投诉。",
                "Give the complainant's name with --complainant, or register an anonymous "
                "complaint with --anonymous.",
            )
        )
    check_category(category)
    linked: Record | None = tx.get(from_inquiry, "inquiry") if from_inquiry else None
    check_step_date(linked, on, today)

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="registered",
            person=actor,
            complainant=None if anonymous else complainant,
            contact=contact or None,
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
    """Assign (交办) the complaint to ``dept`` (and ``person``), who become responsible.

    The department and person replace the responsible pair as a whole: a
    reassignment to a department without a person leaves no one named.
    """
    record = MACHINE.begin(tx, record_id, "assign", on, today)
    record["responsible"] = {"person": person, "dept": dept}
    return MACHINE.finish(tx, record, "assign", on, actor, env, note=_handler(record))


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
    investigator: Sequence[str],
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    subject: str | None = None,
    unit: str | None = None,
    matter: int | None = None,
    summary: str | None = None,
) -> Record:
    """Open an accountability case (source ⑤) on the complaint; link both ways.

    ``investigator`` names the team. ``subject`` defaults to the complaint's
    ``against``; ``unit`` too when that names a unit (``against_a_unit``); a
    complaint against a person needs ``unit`` (the person's name is never
    taken for a unit). ``matter`` defaults to ``CATEGORY_MATTERS`` of its
    category, ``summary`` to its summary. Escalation disposes of the
    complaint: its ``complaint-handling`` deadline is met on ``on`` (the
    case has its own ``investigation`` deadline). Returns the complaint,
    whose ``case`` field holds the new case's id.
    """
    record = MACHINE.begin(tx, record_id, "escalate", on, today)
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
        investigators=list(investigator),
        on=on,
        today=today,
        actor=actor,
        env=env,
        complaint=record["id"],
    )
    record["case"] = case["id"]
    return MACHINE.finish(tx, record, "escalate", on, actor, env, case=case["id"], note=case["id"])


# -- the declaration ------------------------------------------------------------


def _person_cell(record: Record) -> Any:
    if record.get("anonymous") and not record.get("complainant"):
        return ANONYMOUS
    return record.get("complainant")


ANONYMOUS = Text("（匿名）", "(anonymous)")


def _category(n: int) -> int:
    check_category(n)
    return n


def _handler(record: Record) -> str:
    resp = record.get("responsible") or {}
    return " ".join(v for v in (resp.get("dept"), resp.get("person")) if v)


def _assigned(record: Record, values: Mapping[str, Any]) -> Text:
    rid, who = record["id"], _handler(record)
    return Text(f"{rid} 已交办：{who}", f"{rid} assigned to {who}")


def _resolved(record: Record, values: Mapping[str, Any]) -> Text:
    rid, label = record["id"], FINDINGS[record["finding"]]
    return Text(f"{rid} 已办结（{label.zh}）", f"{rid} resolved ({label.en})")


_CATEGORY_HELP = Text(
    "投诉类别（受理范围）：1、2 见现存文本；3-7 为本镇补充（现存文本在 2 之后中断）",
    "its category (受理范围): 1 and 2 are the surviving text's; 3-7 are the office's own "
    "(本镇补充: the text breaks off after 2)",
)

SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "register",
            Text("登记投诉", "registered"),
            (),
            "registered",
            run=register_complaint,
            inputs=(
                Input(
                    "complainant",
                    ask="--anonymous",
                    metavar="NAME",
                    help=Text(
                        "投诉人姓名（匿名投诉不填）",
                        "the complainant's name (not with --anonymous)",
                    ),
                ),
                Input(
                    "contact",
                    help=Text(
                        "答复用的电话或地址（输出时打码）",
                        "phone or address for the reply (masked in output)",
                    ),
                ),
                Input(
                    "anonymous",
                    Text("匿名投诉", "anonymous"),
                    type="flag",
                    help=Text("匿名投诉：不登记姓名", "an anonymous complaint: no name recorded"),
                ),
                Input(
                    "against",
                    required=True,
                    metavar="PERSON|UNIT",
                    help=Text("被投诉的人或单位", "who is complained about"),
                ),
                Input(
                    "category",
                    type="choice",
                    catalogue=CATEGORIES,
                    required=True,
                    help=_CATEGORY_HELP,
                ),
                Input("summary", required=True, help=Text("投诉内容", "what the complaint says")),
                Input(
                    "from_inquiry",
                    Text("来源的首问登记编号", "the inquiry it came from"),
                    type="id",
                    metavar="INQ-ID",
                ),
            ),
            help=Text(
                "登记一件效能投诉，输出新编号。\n\n"
                "办理期限为本镇规定（现存文本未规定期限），现行天数见 township rules --kind "
                "complaint。投诉类别：1 拖延不办或执行不力，2 违反限时办结（以上见现存文本）；"
                "3 违反首问负责制，4 违反一次性告知制，5 擅离岗位、未落实同岗替代，"
                "6 服务态度差、刁难群众，7 其他违反效能制度的行为（3-7 为本镇补充）。",
                "Register a complaint and print the new id.\n\n"
                "It must be resolved within complaint-handling, a local rule (本镇规定: the "
                "surviving text states no period; township rules --kind complaint shows the "
                "number in force). Categories: 1 拖延不办或执行不力, 2 违反限时办结 (in the "
                "surviving text); 3 违反首问负责制, 4 违反一次性告知制, 5 擅离岗位、未落实同岗替代, "
                "6 服务态度差、刁难群众, 7 其他违反效能制度的行为 (the office's own, 本镇补充: "
                "the text breaks off after 2).",
            ),
            example="township complaint register --complainant 张三 --contact 13812345678 \\\n"
            '    --against 民政办 --category 2 --summary "低保申请超期未办" --on 2025-09-26\n'
            "# 匿名投诉，来自一条首问登记：\n"
            "township complaint register --anonymous --against 李四 --category 6 \\\n"
            '    --summary "态度粗暴" --from-inquiry INQ-2026-0001',
        ),
        Step(
            "assign",
            Text("交办", "assigned"),
            ("registered", "assigned"),
            "assigned",
            run=assign_complaint,
            inputs=(
                Input("dept", Text("承办部门", "the department that handles it"), required=True),
                Input("person", Text("承办人", "the person in charge")),
            ),
            help=Text(
                "把投诉交办给部门和承办人，由其负责办理。",
                "Assign (交办) a complaint to a department and person, who become responsible.",
            ),
            example="township complaint assign CMP-2026-0001 --dept 民政办 --person 赵六",
            says=_assigned,
        ),
        Step(
            "resolve",
            Text("办结", "resolved"),
            ("registered", "assigned"),
            "resolved",
            inputs=(
                Input(
                    "finding",
                    type="choice",
                    catalogue=FINDINGS,
                    required=True,
                    help=Text(
                        "调查结论：属实或不属实",
                        "whether the complaint is substantiated (属实) or not (不属实)",
                    ),
                ),
                Input(
                    "action",
                    required=True,
                    note=True,
                    help=Text("采取的处理措施", "what was done about it"),
                ),
            ),
            help=Text(
                "办结投诉，写明调查结论和处理措施。",
                "Resolve (办结) a complaint with a finding and the action taken.",
            ),
            example="township complaint resolve CMP-2026-0001 --finding substantiated \\\n"
            '    --action "责令当日办结，并向投诉人致歉"',
            says=_resolved,
        ),
        Step(
            "escalate",
            Text("转问责调查", "escalated to a case"),
            ("registered", "assigned", "resolved"),
            "escalated",
            run=escalate_complaint,
            inputs=(
                Input(
                    "investigator",
                    Text("调查组成员", "a member of the investigation team"),
                    type="texts",
                    required=True,
                    metavar="NAME",
                    help=Text(
                        "调查组成员（每人一次）",
                        "a member of the investigation team (repeat for each)",
                    ),
                ),
                Input(
                    "subject",
                    Text("被问责人", "who is held to account"),
                    help=Text(
                        "被问责人［默认：投诉的 --against］",
                        "who is held to account [default: the complaint's --against]",
                    ),
                ),
                Input(
                    "unit",
                    Text("被问责人所在单位", "the subject's unit"),
                    help=Text(
                        "被问责人所在单位［默认：投诉的 --against 为单位时即该单位；投诉个人时必填］",
                        "the subject's unit [default: the complaint's --against when that is a "
                        "unit; required when the complaint is against a person]",
                    ),
                ),
                Input(
                    "matter",
                    Text("问责情形", "the accountability matter (问责情形)"),
                    type="choice",
                    catalogue=MATTERS.entries,
                    help=Text(
                        "问责情形［默认按投诉类别：1-4 为 4，5 为 5，6 为 7；类别 7 须给出 --matter］",
                        "问责情形 [default: from the category: 1-4 -> 4, 5 -> 5, 6 -> 7; 7 needs "
                        "--matter]",
                    ),
                ),
                Input(
                    "summary",
                    Text("案件摘要", "the case summary"),
                    help=Text(
                        "案件摘要［默认：投诉内容］",
                        "the case summary [default: the complaint's summary]",
                    ),
                ),
            ),
            help=Text(
                "把投诉转为问责案件（行政问责，启动来源 ⑤）。\n\n"
                "案件与投诉互相关联；投诉的办理期限以转问责之日为完成日。",
                "Escalate a complaint to an accountability case (行政问责, source ⑤).\n\n"
                "The case and the complaint are linked both ways; the complaint's handling "
                "deadline counts as met on the escalation date.",
            ),
            example="township complaint escalate CMP-2026-0001 --investigator 赵某 "
            "--investigator 钱某 \\\n    --subject 李四 --unit 民政办",
            says=Text("{id} 已转问责调查，立案 {case}", "{id} escalated; opened case {case}"),
            deadlines_of="case",
        ),
    ),
    fields=(
        Field("received", Text("登记日", "received"), list=True, type="date"),
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
        Field("against", Text("被投诉对象", "against"), amendable=True, list=True, type="text"),
        Field(
            "category",
            Text("投诉类别", "category"),
            amendable=True,
            list=True,
            catalogue=CATEGORIES,
            check=_category,
            show=lambda r: (
                category_label(int(r["category"]), short=True)
                if isinstance(r.get("category"), int) and r["category"] in CATEGORIES
                else r.get("category")
            ),
            type="int",
        ),
        Field("summary", Text("投诉内容", "summary"), amendable=True, type="text"),
        Field("finding", Text("调查结论", "finding"), catalogue=FINDINGS, type="text"),
        Field(
            "action",
            Text("处理措施", "action taken"),
            amendable=True,
            set_by=Text("办结（complaint resolve）", "resolving it (complaint resolve)"),
        ),
        Field("inquiry", Text("来自首问", "from inquiry"), type="text"),
        Field("case", Text("问责案件", "case"), type="text"),
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
    matter=("against", "summary"),
)
MACHINE = Machine(SPEC)


# -- the demo (township init --demo) --------------------------------------------

DEMO_SHARE = 0.15
DEMO_SUMMARIES = [
    "窗口人员办理低保材料时推诿，要求多次往返",
    "承诺时限内应办结的事项超期未办，也未说明原因",
    "工作时间窗口无人，未安排同岗替代",
    "工作人员态度生硬，刁难办事群众",
]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional complaint from ``on`` (``township init --demo``): some anonymous;
    assigned a few working days later and mostly resolved, unless that is after
    today or ``finish`` is False."""
    anonymous = maker.rng.random() < 0.15
    values: dict[str, Any] = {"complainant": None if anonymous else maker.person()}
    values |= {"contact": maker.phone(), "anonymous": anonymous, "against": maker.dept()}
    values |= {"category": maker.rng.randint(1, 6), "summary": maker.rng.choice(DEMO_SUMMARIES)}
    record = MACHINE.take(
        maker.tx, "register", None, values, on=on, today=on, actor=maker.clerk(), env=maker.env
    )
    maker.count(KIND, on)
    if not finish:
        return
    rid, at = record["id"], {"actor": maker.clerk(), "env": maker.env}
    assigned = maker.later(on, 0, 2)
    if not maker.done(assigned):
        return
    to = {"dept": "党政办", "person": maker.clerk()}
    MACHINE.take(maker.tx, "assign", rid, to, on=assigned, today=assigned, **at)
    resolved = maker.later(assigned, 3, 18)
    if maker.done(resolved):
        finding = "substantiated" if maker.rng.random() < 0.4 else "unsubstantiated"
        action = (
            "已约谈当事人并向投诉人反馈"
            if finding == "substantiated"
            else "经核查不属实，已向投诉人说明"
        )
        done = {"finding": finding, "action": action}
        MACHINE.take(maker.tx, "resolve", rid, done, on=resolved, today=resolved, **at)


def demo_showcase(maker: Any) -> None:
    """Two open complaints for the daily report: one seriously overdue, one overdue."""
    handling = maker.env.period(HANDLING)
    for late in (maker.config.serious_after + 3, 2):
        demo(maker, maker.working_days_before(handling + late), finish=False)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (the year's first id):
    CMP-YYYY-0001 registered two working days before ``maker.today``, not yet
    assigned, so it can be assigned, resolved or escalated. Nothing is random."""
    on = maker.working_days_before(2)
    values = {"complainant": "郑某癸", "contact": "13800000011", "against": "民政办"}
    values |= {"category": 1, "summary": "低保申请递交后拖延不办"}
    MACHINE.take(maker.tx, "register", None, values, on=on, today=on, actor="王某", env=maker.env)
    maker.count(KIND, on)
