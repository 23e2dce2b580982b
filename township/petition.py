"""Petitions — 信访 (SPEC 4.4, prefix PET).

机关效能建设制度 三.5 (信访件, after the 信访条例): a petition that cannot be
answered on the spot is told in writing within 15 days (日, calendar days)
whether it is accepted (``petition-acceptance``); an accepted petition is
concluded within 60 days of acceptance (``petition-conclusion``); a complex
one may be extended once, with the town head's approval (经镇长同意), by at
most 30 days, and the petitioner is told why.

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
from typing import TYPE_CHECKING

from township import rules
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.records import (
    Record,
    Steps,
    add_event,
    check_step_date,
    clock,
    due_of,
    extend_clock,
    new_record,
    require_text,
    start_clock,
)

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.store import Transaction

KIND = "petition"
ACCEPTANCE = "petition-acceptance"
CONCLUSION = "petition-conclusion"
MAX_EXTENSION = 30

STATUS_LABELS: dict[str, Text] = {
    "received": Text("已收件", "received"),
    "accepted": Text("已受理", "accepted"),
    "declined": Text("不予受理", "declined"),
    "concluded": Text("已办结", "concluded"),
}
ACTION_LABELS: dict[str, Text] = {
    "receive": Text("收件登记", "received"),
    "accept": Text("受理", "accepted"),
    "decline": Text("不予受理", "declined"),
    "extend": Text("延长办理期限", "extended"),
    "conclude": Text("办结", "concluded"),
}
_STEP_LABELS: dict[str, Text] = {
    "accept": Text("受理（petition accept）", "accept it (petition accept)"),
    "decline": Text("不予受理（petition decline）", "decline it (petition decline)"),
    "extend": Text("延期（petition extend）", "extend it (petition extend)"),
    "conclude": Text("办结（petition conclude）", "conclude it (petition conclude)"),
}
_NEXT: dict[str, list[str]] = {
    "received": ["accept", "decline"],
    "accepted": ["extend", "conclude"],
}


def _allowed_steps(record: Record) -> list[str]:
    allowed = list(_NEXT.get(record["status"], []))
    if "extend" in allowed and record.get("extension"):
        allowed.remove("extend")
    return allowed


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


STEPS = Steps(
    KIND,
    _STEP_LABELS,
    STATUS_LABELS,
    allowed=_allowed_steps,
    refuse=_refuse_second_extension,
)


def receive_petition(
    tx: Transaction,
    *,
    petitioner: str,
    matter: str,
    contact: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    config: Config,
    dept: str | None = None,
    person: str | None = None,
) -> Record:
    """Register a petition received on ``on``; start ``petition-acceptance``.

    ``person`` (default: the receiving clerk) and ``dept`` are responsible.
    """
    petitioner = require_text(petitioner, Text("信访人（--petitioner）", "The petitioner"))
    matter = require_text(matter, Text("信访事项（--matter）", "The matter (--matter)"))
    check_step_date(None, on, today)
    period = rules.period(ACCEPTANCE, config.rules)

    def build(record_id: str) -> Record:
        record = new_record(
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
        add_event(record, on=on, actor=actor, now=tx.now, action="receive")
        start_clock(record, ACCEPTANCE, on, period)
        return record

    return tx.create(KIND, today.year, build)


def accept_petition(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    config: Config,
) -> Record:
    """Accept (受理) the petition: meets acceptance, starts the 60-day conclusion."""
    record = STEPS.begin(tx, record_id, "accept", on, today)
    record["accepted"] = on.isoformat()
    start_clock(record, CONCLUSION, on, rules.period(CONCLUSION, config.rules))
    return STEPS.finish(tx, record, "accept", on, actor, status="accepted", meets=[ACCEPTANCE])


def decline_petition(
    tx: Transaction,
    record_id: str,
    *,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Decline (不予受理) the petition with the reason told in writing; closes it."""
    record = STEPS.begin(tx, record_id, "decline", on, today)
    reason = require_text(reason, Text("不予受理的理由（--reason）", "The reason (--reason)"))
    record["decline_reason"] = reason
    return STEPS.finish(
        tx, record, "decline", on, actor, status="declined", meets=[ACCEPTANCE], note=reason
    )


def extend_petition(
    tx: Transaction,
    record_id: str,
    *,
    approved_by: str,
    reason: str,
    days: int,
    on: dt.date,
    today: dt.date,
    actor: str,
    calendar: WorkCalendar,
) -> Record:
    """Extend the conclusion period once by ``days`` (1..30) from its current due date.

    Refused a second time, beyond 30 days, and once the period has ended
    (an extension approved on ``on`` after the due date would hide a
    breach). ``reason`` is the one told to the petitioner.
    """
    record = STEPS.begin(tx, record_id, "extend", on, today)
    if not 1 <= days <= MAX_EXTENSION:
        raise BadInput(
            Text(
                "延期 {days} 日不允许：{id} 的延长期限为 1 至 {max} 日（机关效能建设制度 三.5）。",
                "An extension of {days} days is not allowed: {id} may be extended by 1 to "
                "{max} days (机关效能建设制度 三.5).",
            ),
            days=days,
            id=record["id"],
            max=MAX_EXTENSION,
        )
    approved_by = require_text(approved_by, Text("批准人（--approved-by）", "The approver"))
    reason = require_text(reason, Text("延期理由（--reason）", "The reason (--reason)"))
    current = clock(record, CONCLUSION)
    assert current is not None  # an accepted petition has its conclusion clock
    due = due_of(current, calendar).date
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
    return STEPS.finish(
        tx, record, "extend", on, actor, days=days, approved_by=approved_by, note=reason
    )


def conclude_petition(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Conclude (办结) an accepted petition with its result; meets the conclusion deadline."""
    record = STEPS.begin(tx, record_id, "conclude", on, today)
    result = require_text(result, Text("办理结果（--result）", "The result (--result)"))
    record["result"] = result
    return STEPS.finish(
        tx, record, "conclude", on, actor, status="concluded", meets=[CONCLUSION], note=result
    )
