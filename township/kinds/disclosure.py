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

The requester's name and contact are personal data, masked like a
petitioner's unless revealed (``township.views.privacy``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, new_record, require_text
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

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
        Step("request", Text("受理公开申请", "request received"), (), "requested"),
        Step("publish", Text("公开", "published"), ("requested",), "published"),
        Step("decline", Text("不予公开", "declined"), ("requested",), "declined"),
    ),
    fields=(
        Field("requested", Text("申请日期", "requested"), list=True),
        Field("requester", Text("申请人", "requester"), "name", amendable=True, list=True),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("matter", Text("申请公开事项", "matter"), amendable=True, list=True),
        Field("channel", Text("公开方式", "channel"), catalogue=CHANNELS),
        Field("published", Text("公开日期", "published")),
        Field(
            "decline_reason",
            Text("不予公开理由", "reason declined"),
            amendable=True,
            set_by=Text("不予公开（disclosure decline）", "declining it (disclosure decline)"),
        ),
    ),
    final=("published", "declined"),
)
MACHINE = Machine(SPEC)


def check_channel(channel: str, channels: dict[str, Text]) -> str:
    """``channel`` if it is one of ``channels``, else ``BadInput`` listing them."""
    if channel not in channels:
        raise BadInput(
            Text(
                "公开方式「{value}」无效；可选：{valid}。",
                "Invalid channel '{value}'; valid: {valid}.",
            ),
            value=channel,
            valid=", ".join(channels),
        )
    return channel


def request_disclosure(
    tx: Transaction,
    *,
    requester: str,
    matter: str,
    contact: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    dept: str | None = None,
    person: str | None = None,
) -> Record:
    """Register a citizen's request received on ``on``; starts ``disclosure-request``."""
    requester = require_text(
        requester, Text("申请人（--requester）", "The requester (--requester)")
    )
    matter = require_text(matter, Text("申请公开事项（--matter）", "The matter (--matter)"))

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="requested",
            person=(person or "").strip() or actor,
            dept=(dept or "").strip() or None,
            requester=requester,
            contact=contact.strip() if contact and contact.strip() else None,
            matter=matter,
            requested=on.isoformat(),
            channel=None,
            published=None,
            decline_reason=None,
        )

    return MACHINE.create(tx, "request", build, on=on, today=today, actor=actor, env=env)


def publish_disclosure(
    tx: Transaction,
    record_id: str,
    *,
    channel: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Disclose the matter by ``channel``; meets ``disclosure-request``."""
    record = MACHINE.begin(tx, record_id, "publish", on, today)
    record["channel"] = check_channel(channel, CHANNELS)
    record["published"] = on.isoformat()
    return MACHINE.finish(tx, record, "publish", on, actor, env, channel=channel)


def decline_disclosure(
    tx: Transaction,
    record_id: str,
    *,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Decline to disclose, with the reason (不公开是例外); answers the request, so meets it."""
    return MACHINE.note_step(
        tx,
        record_id,
        "decline",
        field="decline_reason",
        text=reason,
        what=Text("不予公开的理由（--reason）", "The reason (--reason)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


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
    record = request_disclosure(
        maker.tx,
        requester=maker.person(),
        matter=maker.rng.choice(DEMO_MATTERS),
        contact=maker.phone(),
        dept="党政办",
        person=maker.clerk(),
        on=on,
        today=on,
        actor=maker.clerk(),
        env=maker.env,
    )
    maker.count(KIND, on)
    if not finish:
        return
    answered = on + dt.timedelta(days=maker.rng.randint(0, 5))
    if not maker.done(answered):
        return
    actor = record["responsible"]["person"]
    if maker.rng.random() < 0.1:
        decline_disclosure(
            maker.tx,
            record["id"],
            reason="涉及他人个人隐私，依法不予公开",
            on=answered,
            today=answered,
            actor=actor,
            env=maker.env,
        )
        return
    publish_disclosure(
        maker.tx,
        record["id"],
        channel=maker.rng.choice(list(CHANNELS)),
        on=answered,
        today=answered,
        actor=actor,
        env=maker.env,
    )


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (OPN-YYYY-0001):
    a request received the working day before today, still to be answered."""
    on = maker.working_days_before(1)
    request_disclosure(
        maker.tx,
        requester="周某甲",
        matter="村道硬化工程招标结果",
        contact="13800001234",
        dept="党政办",
        person="陈某",
        on=on,
        today=on,
        actor="陈某",
        env=maker.env,
    )
    maker.count(KIND, on)
