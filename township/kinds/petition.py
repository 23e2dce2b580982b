"""Petitions — 信访 (prefix PET).

机关效能建设制度 三.5 (信访件, after the 信访条例): a petition that cannot be
answered on the spot is told in writing within 15 days (日, calendar days)
whether it is accepted (``petition-acceptance``); an accepted petition is
concluded within 60 days of acceptance (``petition-conclusion``); a complex
one may be extended with the town head's approval (经镇长同意), as often as
approved while the extensions add up to at most 30 days (但延长期限不得超出
30日: the text caps the total, not the number), and the petitioner is told
why. The numbers live in the rule
book (``township.book.rules``); this module declares the kind (``SPEC``).

Steps and the statuses they lead to::

    receive   -> received     (starts petition-acceptance)
    accept    -> accepted     (meets it; starts petition-conclusion)
    decline   -> declined     (meets it; closed)
    extend    -> accepted     (before the period ends; 30 days in all at most)
    conclude  -> concluded    (meets petition-conclusion; closed)

The petitioner's name and contact are personal data, masked by the
commands like a complainant's (``privacy.mask_record``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.book.rules import RULES
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import (
    Env,
    Machine,
    Record,
    clock,
    due_of,
    extend_clock,
    require_text,
)

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "petition"
ACCEPTANCE = "petition-acceptance"
CONCLUSION = "petition-conclusion"

STATUS_LABELS: dict[str, Text] = {
    "received": Text("已收件", "received"),
    "accepted": Text("已受理", "accepted"),
    "declined": Text("不予受理", "declined"),
    "concluded": Text("已办结", "concluded"),
}


def extensions_of(record: Record) -> list[dict[str, Any]]:
    """The record's extensions, oldest first: each ``{on, days, approved_by, reason}``.

    A record written before several extensions were allowed keeps one
    ``extension`` mapping; it reads as a list of one.
    """
    if record.get("extensions"):
        return list(record["extensions"])
    return [record["extension"]] if record.get("extension") else []


def read_petition(record: Record) -> Record:
    """``record`` as read today: an old single ``extension`` becomes the list ``extensions``."""
    if "extension" not in record:
        return record
    shown = {key: value for key, value in record.items() if key != "extension"}
    shown["extensions"] = extensions_of(record)
    return shown


def extended_days(record: Record) -> int:
    """The days the extensions of ``record`` add up to (an old single one included)."""
    return sum(int(e["days"]) for e in extensions_of(record))


def _extensions(record: Record) -> Text | None:
    found = extensions_of(record)
    if not found:
        return None
    zh = [
        f"{e['on']} 延期 {e['days']} 日（{e['approved_by']} 批准）；理由：{e['reason']}"
        for e in found
    ]
    en = [
        f"{e['on']} +{e['days']} days (approved by {e['approved_by']}); reason: {e['reason']}"
        for e in found
    ]
    if len(found) > 1:
        total = extended_days(record)
        zh.append(f"合计延期 {total} 日")
        en.append(f"{total} days in all")
    return Text("；".join(zh), "; ".join(en))


def _extended(record: Record, values: Any = None) -> Text:
    """The confirmation of ``extend``: the days added, in all, and what is left."""
    last, rid = extensions_of(record)[-1], record["id"]
    total, left = extended_days(record), ceiling() - extended_days(record)
    return Text(
        f"{rid} 经 {last['approved_by']} 同意延期 {last['days']} 日（合计 {total} 日，"
        f"尚可延期 {left} 日）",
        f"{rid} extended by {last['days']} days, approved by {last['approved_by']} "
        f"({total} days in all, {left} left)",
    )


def ceiling() -> int:
    """The most the extensions of a petition may add up to, from the rule book."""
    return RULES[CONCLUSION].extension.max_n or 0


def extend_petition(
    tx: Transaction,
    record_id: str,
    *,
    approved_by: str,
    reason: str,
    days: int | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Extend the conclusion period from its current due date, within the ceiling in all.

    机关效能建设制度·限时办结制 5: 受理旳信访事项自受理之日起60日办结，情况复杂旳，经镇长
    同意，能够合适延长办理期限，但延长久限不得超出30日，并告知信访人延期理由. The text caps
    the total, not how often: the period may be extended several times while
    the extensions add up to at most the rule book's ceiling
    (``RULES["petition-conclusion"].extension``, ``total``); ``days`` defaults
    to what is left of it. Refused beyond it (naming what is left), and once
    the period has ended (an extension approved after the due date would hide
    a breach). ``reason`` is the one told to the petitioner. The extensions
    are kept as a list ``extensions`` of ``{on, days, approved_by, reason}``;
    a record written when only one was allowed keeps its single
    ``extension``, read through ``extensions_of`` and carried into the list
    on its next extension.
    """
    record = MACHINE.begin(tx, record_id, "extend", on, today)
    rule = RULES[CONCLUSION]
    earlier = extensions_of(record)
    left = ceiling() - extended_days(record)
    if left <= 0:
        raise StepOutOfOrder(
            Text(
                "{id} 已延期合计 {total} 日，达到上限 {max} 日（{clause}），不能再延期；"
                "请在期限内用 petition conclude 办结。",
                "{id} has been extended by {total} days in all, the ceiling of {max} "
                "({clause}); it cannot be extended again. Conclude it with petition conclude.",
            ),
            id=record["id"],
            total=ceiling() - left,
            max=ceiling(),
            clause=rule.clause,
        )
    days = left if days is None else days
    if not 1 <= days <= left:
        raise BadInput(
            Text(
                "延期 {days} 日不允许：{id} 已延期 {total} 日，各次延期合计不得超出 {max} 日"
                "（{clause}），尚可延期 {left} 日。",
                "An extension of {days} days is not allowed: {id} has been extended by "
                "{total} days, the extensions may add up to at most {max} ({clause}); "
                "{left} days are left.",
            ),
            days=days,
            id=record["id"],
            total=ceiling() - left,
            max=ceiling(),
            left=left,
            clause=rule.clause,
        )
    approved_by = require_text(approved_by, Text("批准人（--approved-by）", "The approver"))
    reason = require_text(reason, Text("延期理由（--reason）", "The reason (--reason)"))
    current = clock(record, CONCLUSION)
    assert current is not None  # an accepted petition has its conclusion clock
    due = due_of(current, env.calendar).date
    if on > due:
        raise BadInput(
            Text(
                "{id} 的办结期限已于 {due} 届满；延期须在期限届满前批准（批准日 {on}）。",
                "The period of {id} ended on {due}; an extension must be approved before "
                "it ends (approved on {on}).",
            ),
            id=record["id"],
            due=due.isoformat(),
            on=on.isoformat(),
        )
    entry = {"on": on.isoformat(), "days": days, "approved_by": approved_by, "reason": reason}
    record["extensions"] = [*earlier, entry]
    record.pop("extension", None)
    extend_clock(record, CONCLUSION, days, on=on.isoformat(), approved_by=approved_by)
    return MACHINE.finish(
        tx, record, "extend", on, actor, env, days=days, approved_by=approved_by, note=reason
    )


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "receive",
            Text("收件登记", "received"),
            (),
            "received",
            stamp="received",
            inputs=(
                Input(
                    "petitioner",
                    Text("信访人姓名", "the petitioner's name"),
                    required=True,
                    metavar="NAME",
                ),
                Input("matter", Text("信访事项", "what the petition is about"), required=True),
                Input(
                    "contact",
                    Text("电话或地址（输出时打码）", "phone or address (masked in output)"),
                ),
                Input(
                    "dept",
                    Text("承办部门", "the department handling it"),
                    writes="responsible.dept",
                ),
                Input(
                    "person",
                    Text(
                        "承办人［默认：当前经办人］",
                        "the person in charge [default: the acting clerk]",
                    ),
                    writes="responsible.person",
                ),
            ),
            help=Text(
                "登记收到的信访；是否受理应书面告知信访人，期限见 township rules --kind petition。"
                "输出新编号。",
                "Receive a petition; whether it is accepted must be told in writing in time "
                "(township rules --kind petition shows the period in force). Prints the new id.",
            ),
            example="township petition receive --petitioner 王五 --contact 13912345678 \\\n"
            '    --matter "宅基地纠纷" --on 2025-09-16',
        ),
        Step(
            "accept",
            Text("受理", "accepted"),
            ("received",),
            "accepted",
            stamp="accepted",
            help=Text(
                "受理一件信访；办结期限自受理之日起算。",
                "Accept (受理) a petition; its conclusion period runs from today.",
            ),
            example="township petition accept PET-2026-0001",
            says=Text("{id} 已受理", "{id} accepted"),
        ),
        Step(
            "decline",
            Text("不予受理", "declined"),
            ("received",),
            "declined",
            inputs=(
                Input(
                    "reason",
                    Text("不予受理的理由（书面告知）", "why it is not accepted (told in writing)"),
                    required=True,
                    writes="decline_reason",
                    note=True,
                ),
            ),
            help=Text(
                "不予受理一件信访，并书面告知理由。",
                "Decline (不予受理) a petition, with the reason told in writing.",
            ),
            example='township petition decline PET-2026-0001 --reason "已进入诉讼程序"',
            says=Text("{id} 不予受理", "{id} declined"),
        ),
        Step(
            "extend",
            Text("延长办理期限", "extended"),
            ("accepted",),
            None,
            run=extend_petition,
            inputs=(
                Input(
                    "approved_by",
                    Text("批准人（经镇长同意）", "who approved it (the town head)"),
                    required=True,
                    metavar="NAME",
                ),
                Input(
                    "reason",
                    Text("告知信访人的延期理由", "the reason told to the petitioner"),
                    required=True,
                ),
                Input(
                    "days",
                    Text("延长的日数", "days added"),
                    type="int",
                    low=1,
                    high=RULES[CONCLUSION].extension.max_n,
                    metavar="N",
                    help=Text(
                        "在当前到期日上延长的日数［默认：规则手册上限的剩余部分］",
                        "days added to the current due date [default: what is left of the "
                        "rule book's ceiling]",
                    ),
                ),
            ),
            help=Text(
                "在期限届满前延长已受理信访的办理期限，须经镇长同意，并告知信访人延期理由。\n\n"
                "可以多次延期，各次延期合计不得超出规则手册的上限"
                "（见 township rules --kind petition）。",
                "Extend the period of an accepted petition before it ends, with the town "
                "head's consent; the reason is told to the petitioner.\n\n"
                "It may be extended more than once while the extensions add up to at most "
                "the rule book's ceiling (township rules --kind petition).",
            ),
            example="township petition extend PET-2026-0002 --approved-by 镇长刘某 \\\n"
            '    --reason "涉及多个部门，需联合调查" --days 20',
            says=_extended,
        ),
        Step(
            "conclude",
            Text("办结", "concluded"),
            ("accepted",),
            "concluded",
            inputs=(
                Input(
                    "result",
                    Text("告知信访人的办理结果", "the result told to the petitioner"),
                    required=True,
                    note=True,
                ),
            ),
            help=Text(
                "办结已受理的信访，写明办理结果。",
                "Conclude (办结) an accepted petition with its result.",
            ),
            example='township petition conclude PET-2026-0002 --result "已调解，双方签订协议"',
            says=Text("{id} 已办结", "{id} concluded"),
        ),
    ),
    fields=(
        Field("received", Text("收件日期", "received"), list=True, type="date"),
        Field("petitioner", Text("信访人", "petitioner"), "name", amendable=True, list=True),
        Field(
            "contact",
            Text("联系方式", "contact"),
            "contact",
            amendable=True,
            optional=True,
            list=True,
        ),
        Field("matter", Text("信访事项", "matter"), amendable=True, list=True),
        Field("accepted", Text("受理日期", "accepted"), type="date"),
        Field(
            "decline_reason",
            Text("不予受理理由", "reason declined"),
            amendable=True,
            set_by=Text("不予受理（petition decline）", "declining it (petition decline)"),
        ),
        Field("extensions", Text("延期", "extensions"), show=_extensions, type="list"),
        Field(
            "result",
            Text("办理结果", "result"),
            amendable=True,
            set_by=Text("办结（petition conclude）", "concluding it (petition conclude)"),
        ),
    ),
    final=("declined", "concluded"),
    read=read_petition,
    matter=("matter",),
)
MACHINE = Machine(SPEC)


# -- the demo (township init --demo) --------------------------------------------

DEMO_SHARE = 0.15
DEMO_MATTERS = ["反映土地征收补偿款未足额发放", "反映村务公开不及时", "请求解决农田灌溉用水纠纷"]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional petition from ``on`` (``township init --demo``): answered within
    some days (a few declined), most accepted ones concluded later, unless that is
    after today or ``finish`` is False. Dates are calendar days, as the rules'."""
    clerk = maker.clerk()
    values = {"petitioner": maker.person(), "matter": maker.rng.choice(DEMO_MATTERS)}
    values |= {"contact": maker.phone(), "dept": "综治办", "person": clerk}
    at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
    record = MACHINE.take(maker.tx, "receive", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    if not finish:
        return
    rid, at["actor"] = record["id"], record["responsible"]["person"] or maker.clerk()
    answered = on + dt.timedelta(days=maker.rng.randint(2, 16))
    if not maker.done(answered):
        return
    if maker.rng.random() < 0.1:
        reason = {"reason": "不属于信访受理范围，已告知向法院起诉"}
        MACHINE.take(maker.tx, "decline", rid, reason, on=answered, today=answered, **at)
        return
    MACHINE.take(maker.tx, "accept", rid, {}, on=answered, today=answered, **at)
    concluded = answered + dt.timedelta(days=maker.rng.randint(15, 66))
    if maker.done(concluded):
        result = {"result": "已协调解决并书面答复信访人"}
        MACHINE.take(maker.tx, "conclude", rid, result, on=concluded, today=concluded, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    PET-YYYY-0001 received, awaiting the answer whether it is accepted; -0002
    accepted, its conclusion period running. Dates are working days before
    ``maker.today``; nothing is random."""
    stories = [("冯某甲", "反映村道占用纠纷", (3,)), ("韩某乙", "反映土地流转租金拖欠", (8, 6))]
    for n, (petitioner, matter, agos) in enumerate(stories, start=21):
        days = [maker.working_days_before(ago) for ago in agos]
        at: dict[str, Any] = {"actor": "周某", "env": maker.env}
        values = {"petitioner": petitioner, "matter": matter, "contact": f"1380000{n:04d}"}
        values |= {"dept": "综治办", "person": "周某"}
        record = MACHINE.take(maker.tx, "receive", None, values, on=days[0], today=days[0], **at)
        maker.count(KIND, days[0])
        if len(days) > 1:
            MACHINE.take(maker.tx, "accept", record["id"], {}, on=days[1], today=days[1], **at)
