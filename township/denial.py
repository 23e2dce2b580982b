"""Denial filings — 否定（处分）报备制 (SPEC 4.5, prefix DEN).

机关效能建设制度 四: a clerk who denies an application (对申报事项予以否定)
registers the denial with its reason and legal basis (《否定报备登记表》),
files it with the higher office and tells the applicant in writing within
10 working days (``denial-filing``, clause 5). When the denial is beyond
the clerk's authority (超越经办人权限), the clerk may not deny it alone: the
responsible leader gives an opinion within 3 days (``denial-leader-opinion``,
clause 3, calendar days), and only then can the filing be completed. An
applicant who asks for the denied materials back gets them and signs for
them (clause 6).

Steps and the statuses they lead to::

    file              -> awaiting-opinion (beyond authority) or filed
    opinion           -> filed            (meets denial-leader-opinion)
    complete          -> completed        (written notice given; meets denial-filing)
    return-materials  -> (status kept)    (once, signed for)

While the leader's opinion is awaited the leader is the responsible person
(the daily report mails it to them); afterwards the handling clerk again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from township import rules
from township.errors import BadInput, StepOutOfOrder
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

KIND = "denial"
FILING = "denial-filing"
OPINION = "denial-leader-opinion"

STATUS_LABELS: dict[str, Text] = {
    "awaiting-opinion": Text("待领导意见", "awaiting the leader's opinion"),
    "filed": Text("已登记报备", "filed"),
    "completed": Text("已办结", "completed"),
}
ACTION_LABELS: dict[str, Text] = {
    "file": Text("否定登记", "filed"),
    "opinion": Text("领导处理意见", "leader's opinion"),
    "complete": Text("报备并书面告知", "filed and notified"),
    "return-materials": Text("退还材料", "materials returned"),
}
_STEP_LABELS: dict[str, Text] = {
    "opinion": Text("登记领导意见（denial opinion）", "record the opinion (denial opinion)"),
    "complete": Text("办结（denial complete）", "complete it (denial complete)"),
}
_NEXT: dict[str, list[str]] = {"awaiting-opinion": ["opinion"], "filed": ["complete"]}


def _refuse_needless_opinion(record: Record, step: str) -> None:
    if step == "opinion" and not record.get("beyond_authority"):
        raise StepOutOfOrder(
            Text(
                "{id} 未登记为超越经办人权限（--beyond-authority），无需领导处理意见；"
                "可用 denial complete 办结。",
                "{id} was not filed as beyond the clerk's authority (--beyond-authority); no "
                "leader's opinion is due. Complete it with denial complete.",
            ),
            id=record["id"],
        )


STEPS = Steps(KIND, _STEP_LABELS, STATUS_LABELS, next=_NEXT, refuse=_refuse_needless_opinion)


def file_denial(
    tx: Transaction,
    *,
    applicant: str,
    matter: str,
    reason: str,
    basis: str,
    beyond_authority: bool,
    leader: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    config: Config,
    dept: str | None = None,
) -> Record:
    """Register a denial decided on ``on``; start ``denial-filing`` (and the leader's opinion).

    ``beyond_authority`` requires ``leader`` (who owes the opinion), and
    ``leader`` requires ``beyond_authority``. The acting clerk is the
    handler (经办人).
    """
    applicant = require_text(applicant, Text("申请人（--applicant）", "The applicant"))
    matter = require_text(matter, Text("申报事项（--matter）", "The matter (--matter)"))
    reason = require_text(reason, Text("否定理由（--reason）", "The reason (--reason)"))
    basis = require_text(basis, Text("否定依据（--basis）", "The legal basis (--basis)"))
    leader = leader.strip() if leader and leader.strip() else None
    if beyond_authority and leader is None:
        raise BadInput(
            Text(
                "超越经办人权限的事项须请示分管或主管领导；请用 --leader 指定领导。",
                "A matter beyond the clerk's authority goes to the responsible leader; name "
                "the leader with --leader.",
            )
        )
    if leader is not None and not beyond_authority:
        raise BadInput(
            Text(
                "--leader 只用于超越经办人权限的事项；请同时加上 --beyond-authority，或去掉 --leader。",
                "--leader is only for a matter beyond the clerk's authority; add "
                "--beyond-authority or drop --leader.",
            )
        )
    check_step_date(None, on, today)
    dept = dept.strip() if dept and dept.strip() else None

    def build(record_id: str) -> Record:
        record = new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="awaiting-opinion" if beyond_authority else "filed",
            person=leader if beyond_authority else actor,
            dept=dept,
            applicant=applicant,
            matter=matter,
            reason=reason,
            basis=basis,
            handler=actor,
            beyond_authority=beyond_authority,
            leader=leader,
            opinion=None,
            notified=None,
            materials_returned=None,
        )
        add_event(record, on=on, actor=actor, now=tx.now, action="file", note=reason)
        start_clock(record, FILING, on, rules.period(FILING, config.rules))
        if beyond_authority:
            start_clock(record, OPINION, on, rules.period(OPINION, config.rules))
        return record

    return tx.create(KIND, today.year, build)


def record_opinion(
    tx: Transaction,
    record_id: str,
    *,
    text: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Record the leader's opinion (领导处理意见); the handler is responsible again."""
    record = STEPS.begin(tx, record_id, "opinion", on, today)
    text = require_text(text, Text("领导意见（--text）", "The opinion (--text)"))
    record["opinion"] = {"on": on.isoformat(), "leader": record["leader"], "text": text}
    record["responsible"] = {**record["responsible"], "person": record["handler"]}
    return STEPS.finish(
        tx,
        record,
        "opinion",
        on,
        actor,
        status="filed",
        meets=[OPINION],
        leader=record["leader"],
        text=text,
    )


def complete_denial(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Filed with the higher office and the applicant told in writing; meets ``denial-filing``."""
    record = STEPS.begin(tx, record_id, "complete", on, today)
    record["notified"] = on.isoformat()
    return STEPS.finish(tx, record, "complete", on, actor, status="completed", meets=[FILING])


def return_materials(
    tx: Transaction,
    record_id: str,
    *,
    signed_by: str,
    on: dt.date,
    today: dt.date,
    actor: str,
) -> Record:
    """Return the denied materials to the applicant, who signs for them (once)."""
    record = tx.get(record_id, KIND)
    done = record.get("materials_returned")
    if done:
        raise StepOutOfOrder(
            Text(
                "{id} 的材料已于 {on} 退还（{signed_by} 签收）；不能重复登记。",
                "The materials of {id} were already returned on {on} (signed for by "
                "{signed_by}); this cannot be recorded twice.",
            ),
            id=record["id"],
            on=done["on"],
            signed_by=done["signed_by"],
        )
    check_step_date(record, on, today)
    signed_by = require_text(signed_by, Text("签收人（--signed-by）", "The signer (--signed-by)"))
    record["materials_returned"] = {"on": on.isoformat(), "signed_by": signed_by}
    return STEPS.finish(
        tx, record, "return-materials", on, actor, signed_by=signed_by, note=signed_by
    )


# -- the declaration (SPEC 4.0) -----------------------------------------------

SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        KStep("file", ACTION_LABELS["file"], (), "filed"),
        KStep("opinion", ACTION_LABELS["opinion"], ("awaiting-opinion",), "filed"),
        KStep("complete", ACTION_LABELS["complete"], ("filed",), "completed"),
        KStep(
            "return-materials", ACTION_LABELS["return-materials"], ("completed",), None, once=True
        ),
    ),
    fields=(
        Field("applicant", Text("申请人", "applicant"), amendable=True, list=True),
        Field("matter", Text("申报事项", "matter"), amendable=True, list=True),
        Field("reason", Text("否定理由", "reason"), amendable=True),
        Field("basis", Text("否定依据", "legal basis"), amendable=True),
        Field("leader", Text("分管领导", "leader")),
    ),
    final=(),
)
