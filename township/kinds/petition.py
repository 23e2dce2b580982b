"""Petitions — 信访 (prefix PET).

机关效能建设制度 三.5 (信访件, after the 信访条例): a petition that cannot be
answered on the spot is told in writing within 15 days (日, calendar days)
whether it is accepted (``petition-acceptance``); an accepted petition is
concluded within 60 days of acceptance (``petition-conclusion``); a complex
one may be extended once, with the town head's approval (经镇长同意), by at
most 30 days, and the petitioner is told why. The numbers live in the rule
book (``township.book.rules``); this module declares the kind (``SPEC``).

Steps and the statuses they lead to::

    receive   -> received     (starts petition-acceptance)
    accept    -> accepted     (meets it; starts petition-conclusion)
    decline   -> declined     (meets it; closed)
    extend    -> accepted     (once, 1..30 days, before the period ends)
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


def _extension(record: Record) -> Text | None:
    ext = record.get("extension")
    if not ext:
        return None
    return Text(
        f"{ext['days']} 日，{ext['approved_by']} 于 {ext['on']} 批准；理由：{ext['reason']}",
        f"{ext['days']} days, approved by {ext['approved_by']} on {ext['on']}; "
        f"reason: {ext['reason']}",
    )


def _refuse_second_extension(record: Record, step: str) -> None:
    if step == "extend" and record["status"] == "accepted" and record.get("extension"):
        ext = record["extension"]
        raise StepOutOfOrder(
            Text(
                "{id} 已于 {on} 延期一次（{approved_by} 批准）；信访事项只能延期一次。"
                "请在期限内用 petition conclude 办结。",
                "{id} was already extended once on {on} (approved by {approved_by}); a "
                "petition can be extended only once. Conclude it with petition conclude.",
            ),
            id=record["id"],
            on=ext["on"],
            approved_by=ext["approved_by"],
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
            once=True,
            command=False,
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
        Field("received", Text("收件日期", "received"), list=True),
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
        Field("accepted", Text("受理日期", "accepted")),
        Field(
            "decline_reason",
            Text("不予受理理由", "reason declined"),
            amendable=True,
            set_by=Text("不予受理（petition decline）", "declining it (petition decline)"),
        ),
        Field("extension", Text("延期", "extension"), show=_extension),
        Field(
            "result",
            Text("办理结果", "result"),
            amendable=True,
            set_by=Text("办结（petition conclude）", "concluding it (petition conclude)"),
        ),
    ),
    final=("declined", "concluded"),
    refuse=_refuse_second_extension,
)
MACHINE = Machine(SPEC)


def extend_petition(
    tx: Transaction,
    record_id: str,
    *,
    approved_by: str,
    reason: str,
    days: int | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Extend the conclusion period once, by at most the rule book's ceiling, from its due date.

    机关效能建设制度·限时办结制 5: 情况复杂的，经镇长同意，能够合适延长办理期限，
    但延长期限不得超出30日，并告知信访人延期理由. Refused a second time, beyond
    the ceiling, and once the period has ended (an extension approved after
    the due date would hide a breach). ``reason`` is the one told to the
    petitioner.
    """
    record = MACHINE.begin(tx, record_id, "extend", on, today)
    policy = RULES[CONCLUSION].extension
    ceiling = policy.max_n or 0
    days = policy.default_n if days is None else days
    if days is None or not 1 <= days <= ceiling:
        raise BadInput(
            Text(
                "延期 {days} 日不允许：{id} 的延长期限为 1 至 {max} 日（{clause}）。",
                "An extension of {days} days is not allowed: {id} may be extended by 1 to "
                "{max} days ({clause}).",
            ),
            days=days,
            id=record["id"],
            max=ceiling,
            clause=RULES[CONCLUSION].clause,
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
    record["extension"] = {
        "on": on.isoformat(),
        "days": days,
        "approved_by": approved_by,
        "reason": reason,
    }
    extend_clock(record, CONCLUSION, days, on=on.isoformat(), approved_by=approved_by)
    return MACHINE.finish(
        tx, record, "extend", on, actor, env, days=days, approved_by=approved_by, note=reason
    )


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
