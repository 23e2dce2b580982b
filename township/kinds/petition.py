"""Petitions — 信访 (SPEC 4.4, prefix PET).

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
from township.book.registry import Field, KindSpec, Step
from township.book.rules import RULES
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

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
        Step("receive", Text("收件登记", "received"), (), "received"),
        Step("accept", Text("受理", "accepted"), ("received",), "accepted"),
        Step("decline", Text("不予受理", "declined"), ("received",), "declined"),
        Step("extend", Text("延长办理期限", "extended"), ("accepted",), None, once=True),
        Step("conclude", Text("办结", "concluded"), ("accepted",), "concluded"),
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
# Kept for the commands and the docs: the events' labels.
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


def receive_petition(
    tx: Transaction,
    *,
    petitioner: str,
    matter: str,
    contact: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    dept: str | None = None,
    person: str | None = None,
) -> Record:
    """Register a petition received on ``on``; start ``petition-acceptance``.

    ``person`` (default: the receiving clerk) and ``dept`` are responsible.
    """
    petitioner = require_text(petitioner, Text("信访人（--petitioner）", "The petitioner"))
    matter = require_text(matter, Text("信访事项（--matter）", "The matter (--matter)"))

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="received",
            person=(person or "").strip() or actor,
            dept=(dept or "").strip() or None,
            petitioner=petitioner,
            contact=contact.strip() if contact and contact.strip() else None,
            matter=matter,
            received=on.isoformat(),
            accepted=None,
            decline_reason=None,
            extension=None,
            result=None,
        )

    return MACHINE.create(tx, "receive", build, on=on, today=today, actor=actor, env=env)


def accept_petition(
    tx: Transaction, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Env
) -> Record:
    """Accept (受理) the petition: meets acceptance, starts the conclusion period."""
    record = MACHINE.begin(tx, record_id, "accept", on, today)
    record["accepted"] = on.isoformat()
    return MACHINE.finish(tx, record, "accept", on, actor, env)


def decline_petition(
    tx: Transaction,
    record_id: str,
    *,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Decline (不予受理) the petition with the reason told in writing; closes it."""
    return MACHINE.note_step(
        tx,
        record_id,
        "decline",
        field="decline_reason",
        text=reason,
        what=Text("不予受理的理由（--reason）", "The reason (--reason)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


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


def conclude_petition(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Conclude (办结) an accepted petition with its result; meets the conclusion deadline."""
    return MACHINE.note_step(
        tx,
        record_id,
        "conclude",
        field="result",
        text=result,
        what=Text("办理结果（--result）", "The result (--result)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


# -- the demo ------------------------------------------------------------------


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    PET-YYYY-0001 received, awaiting the answer whether it is accepted; -0002
    accepted, its conclusion period running. Dates are working days before
    ``maker.today``; nothing is random."""
    stories = [("冯某甲", "反映村道占用纠纷", (3,)), ("韩某乙", "反映土地流转租金拖欠", (8, 6))]
    for n, (petitioner, matter, agos) in enumerate(stories, start=21):
        days = [maker.working_days_before(ago) for ago in agos]
        at: dict[str, Any] = {"actor": "周某", "env": maker.env}
        record = receive_petition(
            maker.tx,
            petitioner=petitioner,
            matter=matter,
            contact=f"1380000{n:04d}",
            dept="综治办",
            person="周某",
            on=days[0],
            today=days[0],
            **at,
        )
        maker.count(KIND, days[0])
        if len(days) > 1:
            accept_petition(maker.tx, record["id"], on=days[1], today=days[1], **at)
