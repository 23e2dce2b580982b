"""Disclosure on request — 政务公开, 依申请公开 (prefix OPN, kind ``disclosure``).

规范权力运营工作实施方案 (二)1: 对群众提出需要公开的事项，在3日内根据要求进行公开
(``disclosure-request``, calendar days, a period ending on a rest day running
to the next working day). 公开是原则，不公开是例外: a request may be declined
with its reason (a state secret, another person's privacy); the decline
answers the request, so it meets the deadline too, and the record shows it
as declined.

Steps and the statuses they lead to::

    request  -> requested  (starts disclosure-request)
    publish  -> published  (meets it; closed)
    decline  -> declined   (meets it; closed)

Every step only records its inputs: declared in ``SPEC``, taken by
``Machine.take`` (which checks the channel against ``CHANNELS``).

The requester's name and contact are personal data, masked like a
petitioner's unless revealed (``township.views.privacy``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from township.book.registry import Field, Input, KindSpec, Step
from township.i18n import Text
from township.steps.machine import Machine

KIND = "disclosure"
RULE = "disclosure-request"

STATUSES: dict[str, Text] = {
    "requested": Text("待公开", "requested"),
    "published": Text("已公开", "published"),
    "declined": Text("不予公开", "declined"),
}
CHANNELS: dict[str, Text] = {
    "board": Text("公开栏", "notice board"),
    "web": Text("政府网站", "website"),
    "broadcast": Text("广播", "broadcast"),
    "meeting": Text("会议", "meeting"),
    "document": Text("书面答复", "written reply"),
}

SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=(
        Step(
            "request",
            Text("受理公开申请", "request received"),
            (),
            "requested",
            stamp="requested",
            inputs=(
                Input(
                    "requester",
                    required=True,
                    metavar="NAME",
                    help=Text("申请人（输出时打码）", "who asked (masked in output)"),
                ),
                Input(
                    "matter",
                    required=True,
                    help=Text("申请公开的事项", "what is to be disclosed"),
                ),
                Input(
                    "contact",
                    help=Text("电话或地址（输出时打码）", "phone or address (masked in output)"),
                ),
                Input(
                    "dept",
                    Text("答复的部门", "the department answering it"),
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
                "登记一件依申请公开，应在规则期限内答复。期限见 township rules --kind disclosure。"
                "输出新编号。",
                "Register a request for disclosure, to be answered within the rule's period. "
                "township rules --kind disclosure shows the period in force. Prints the new id.",
            ),
            example="township disclosure request --requester 张某 --contact 13800001234 \\\n"
            '    --matter "惠农补贴发放明细"',
        ),
        Step(
            "publish",
            Text("公开", "published"),
            ("requested",),
            "published",
            stamp="published",
            inputs=(
                Input(
                    "channel",
                    type="choice",
                    catalogue=CHANNELS,
                    required=True,
                    help=Text("公开的方式", "how it was disclosed"),
                ),
            ),
            help=Text(
                "公开所申请的事项；即答复了申请。",
                "Disclose the matter (公开); answers the request.",
            ),
            example="township disclosure publish OPN-2026-0001 --channel board",
            says=Text("{id} 已公开", "{id} disclosed"),
        ),
        Step(
            "decline",
            Text("不予公开", "declined"),
            ("requested",),
            "declined",
            inputs=(
                Input(
                    "reason",
                    required=True,
                    writes="decline_reason",
                    note=True,
                    help=Text(
                        "不予公开的理由（如涉及国家秘密）",
                        "why it is not disclosed (e.g. a state secret)",
                    ),
                ),
            ),
            help=Text(
                "不予公开，并说明理由；同样视为已答复申请。",
                "Decline to disclose (不予公开), with the reason; answers the request too.",
            ),
            example='township disclosure decline OPN-2026-0001 --reason "涉及他人个人隐私"',
            says=Text("{id} 不予公开", "{id} declined"),
        ),
    ),
    fields=(
        Field("requested", Text("申请日期", "requested"), list=True, type="date"),
        Field("requester", Text("申请人", "requester"), "name", amendable=True, list=True),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("matter", Text("申请公开事项", "matter"), amendable=True, list=True),
        Field("channel", Text("公开方式", "channel"), catalogue=CHANNELS, type="text"),
        Field("published", Text("公开日期", "published"), type="date"),
        Field(
            "decline_reason",
            Text("不予公开理由", "reason declined"),
            amendable=True,
            set_by=Text("不予公开（disclosure decline）", "declining it (disclosure decline)"),
        ),
    ),
    final=("published", "declined"),
    matter=("matter",),
)
MACHINE = Machine(SPEC)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.03
DEMO_MATTERS = [
    "村集体土地流转收益分配情况",
    "本村低保户名单及保障金额",
    "村道硬化工程招标结果",
    "惠农补贴发放明细",
]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One request through its steps, most answered within the period, some late."""
    values = {
        "requester": maker.person(),
        "matter": maker.rng.choice(DEMO_MATTERS),
        "contact": maker.phone(),
        "dept": "党政办",
        "person": maker.clerk(),
    }
    record = MACHINE.take(
        maker.tx, "request", None, values, on=on, today=on, actor=maker.clerk(), env=maker.env
    )
    maker.count(KIND, on)
    if not finish:
        return
    answered = on + dt.timedelta(days=maker.rng.randint(0, 5))
    if not maker.done(answered):
        return
    at: dict[str, Any] = {"actor": record["responsible"]["person"], "env": maker.env}
    if maker.rng.random() < 0.1:
        step, values = "decline", {"reason": "涉及他人个人隐私，依法不予公开"}
    else:
        step, values = "publish", {"channel": maker.rng.choice(list(CHANNELS))}
    MACHINE.take(maker.tx, step, record["id"], values, on=answered, today=answered, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (OPN-YYYY-0001):
    a request received the working day before today, still to be answered."""
    on = maker.working_days_before(1)
    values = {
        "requester": "周某甲",
        "matter": "村道硬化工程招标结果",
        "contact": "13800001234",
        "dept": "党政办",
        "person": "陈某",
    }
    MACHINE.take(maker.tx, "request", None, values, on=on, today=on, actor="陈某", env=maker.env)
    maker.count(KIND, on)
