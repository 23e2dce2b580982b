"""Denial filings — 否定（处分）报备制 (prefix DEN).

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
                         (starts denial-filing from the filing date; beyond
                         authority also denial-leader-opinion, from the day
                         the leader received the request, default the
                         filing date)
    opinion           -> filed            (meets denial-leader-opinion)
    complete          -> completed        (written notice given; meets denial-filing)
    return-materials  -> (status kept)    (once, signed for)

A denial (否定) refuses an application; a penalty (处罚, the 否定（处罚）报备 of
the title) punishes the applicant: ``type`` says which. The applicant is a
person the office deals with: the name and contact are personal data,
masked unless revealed (every reveal audited).

While the leader's opinion is awaited the leader is the responsible person
(the daily report mails it to them); afterwards the handling clerk again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.machine import (
    EARLIEST,
    Env,
    Machine,
    Record,
    new_record,
    require_text,
)
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "denial"
FILING = "denial-filing"
OPINION = "denial-leader-opinion"

STATUS_LABELS: dict[str, Text] = {
    "awaiting-opinion": Text("待领导意见", "awaiting the leader's opinion"),
    "filed": Text("已登记报备", "filed"),
    "completed": Text("已办结", "completed"),
}
TYPES: dict[str, Text] = {
    "denial": Text("否定", "denial"),
    "penalty": Text("处罚", "penalty"),
}


def _refuse(record: Record, step: str) -> None:
    """The kind's own refusals: a needless opinion, materials returned twice."""
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
    done = record.get("materials_returned")
    if step == "return-materials" and done:
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


def _filed(record: Record) -> str | None:
    events = record.get("events") or []
    return events[0]["on"] if events else None


def _opinion(record: Record) -> str | None:
    opinion = record.get("opinion")
    return f"{opinion['on']} {opinion['text']}" if opinion else None


def _returned(record: Record) -> str | None:
    returned = record.get("materials_returned")
    return f"{returned['on']} {returned['signed_by']}" if returned else None


def _yes_no(record: Record) -> Text:
    return Text("是", "yes") if record.get("beyond_authority") else Text("否", "no")


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        # The status depends on --beyond-authority: file_denial's build sets it.
        Step("file", Text("否定登记", "filed"), (), None),
        Step("opinion", Text("领导处理意见", "leader's opinion"), ("awaiting-opinion",), "filed"),
        Step("complete", Text("报备并书面告知", "filed and notified"), ("filed",), "completed"),
        Step(
            "return-materials",
            Text("退还材料", "materials returned"),
            ("awaiting-opinion", "filed", "completed"),
            None,
            once=True,
        ),
    ),
    fields=(
        Field("filed", Text("登记日", "filed"), list=True, show=_filed),
        Field("type", Text("类型", "type"), catalogue=TYPES),
        Field("applicant", Text("申请人", "applicant"), "name", amendable=True, list=True),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("matter", Text("申报事项", "matter"), amendable=True, list=True),
        Field("reason", Text("否定理由", "reason"), amendable=True, list=True),
        Field("basis", Text("否定依据", "legal basis"), amendable=True),
        Field("handler", Text("经办人", "handler")),
        Field(
            "beyond_authority",
            Text("超越经办人权限", "beyond the clerk's authority"),
            show=_yes_no,
        ),
        Field("leader", Text("请示领导", "leader")),
        Field("leader_received", Text("领导收到请示日期", "leader received the request")),
        Field("opinion", Text("领导处理意见", "leader's opinion"), show=_opinion),
        Field("notified", Text("书面告知日期", "notified in writing")),
        Field("materials_returned", Text("材料退还", "materials returned"), show=_returned),
    ),
    final=(),
    handler_fields=("responsible.person", "responsible.dept", "actor", "handler", "leader"),
    start_when={OPINION: lambda r: bool(r.get("beyond_authority"))},
    refuse=_refuse,
)
MACHINE = Machine(SPEC)
# Kept for the commands and the forms: the events' labels.
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


def _check_leader(beyond_authority: bool, leader: str | None) -> None:
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


def _check_received(received: dt.date | None, leader: str | None, today: dt.date) -> None:
    if received is None:
        return
    if leader is None:
        raise BadInput(
            Text(
                "--leader-received 只用于请示领导的事项（--beyond-authority --leader）。",
                "--leader-received is only for a matter sent to a leader "
                "(--beyond-authority --leader).",
            )
        )
    if not EARLIEST <= received <= today:
        raise BadInput(
            Text(
                "领导收到请示的日期 {on} 须在 {earliest} 至今天（{today}）之间。",
                "The day the leader received the request, {on}, must be between {earliest} "
                "and today ({today}).",
            ),
            on=received.isoformat(),
            earliest=EARLIEST.isoformat(),
            today=today.isoformat(),
        )


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
    env: Env,
    dept: str | None = None,
    contact: str | None = None,
    type_: str = "denial",
    leader_received: dt.date | None = None,
) -> Record:
    """Register a denial decided on ``on``; start ``denial-filing`` (and the leader's opinion).

    ``beyond_authority`` requires ``leader`` (who owes the opinion), and
    ``leader`` requires ``beyond_authority``. The leader's opinion runs from
    ``leader_received`` (default: ``on``). The acting clerk is the handler
    (经办人).
    """
    applicant = require_text(applicant, Text("申请人（--applicant）", "The applicant"))
    matter = require_text(matter, Text("申报事项（--matter）", "The matter (--matter)"))
    reason = require_text(reason, Text("否定理由（--reason）", "The reason (--reason)"))
    basis = require_text(basis, Text("否定依据（--basis）", "The legal basis (--basis)"))
    if type_ not in TYPES:
        raise BadInput(
            Text(
                "类型「{value}」无效；可选：denial（否定）、penalty（处罚）。",
                "Invalid type '{value}'; use denial or penalty.",
            ),
            value=type_,
        )
    leader = leader.strip() if leader and leader.strip() else None
    _check_leader(beyond_authority, leader)
    _check_received(leader_received, leader, today)
    dept = dept.strip() if dept and dept.strip() else None
    received = leader_received or on if beyond_authority else None

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="awaiting-opinion" if beyond_authority else "filed",
            person=leader if beyond_authority else actor,
            dept=dept,
            type=type_,
            applicant=applicant,
            contact=contact.strip() if contact and contact.strip() else None,
            matter=matter,
            reason=reason,
            basis=basis,
            handler=actor,
            beyond_authority=beyond_authority,
            leader=leader,
            leader_received=received.isoformat() if received else None,
            opinion=None,
            notified=None,
            materials_returned=None,
        )

    triggers = {OPINION: received} if received else None
    return MACHINE.create(
        tx, "file", build, on=on, today=today, actor=actor, env=env, triggers=triggers, note=reason
    )


def record_opinion(
    tx: Transaction,
    record_id: str,
    *,
    text: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the leader's opinion (领导处理意见); the handler is responsible again."""
    record = MACHINE.begin(tx, record_id, "opinion", on, today)
    text = require_text(text, Text("领导意见（--text）", "The opinion (--text)"))
    record["opinion"] = {"on": on.isoformat(), "leader": record["leader"], "text": text}
    record["responsible"] = {**record["responsible"], "person": record["handler"]}
    return MACHINE.finish(tx, record, "opinion", on, actor, env, leader=record["leader"], text=text)


def complete_denial(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Filed with the higher office and the applicant told in writing; meets ``denial-filing``."""
    record = MACHINE.begin(tx, record_id, "complete", on, today)
    record["notified"] = on.isoformat()
    return MACHINE.finish(tx, record, "complete", on, actor, env)


def return_materials(
    tx: Transaction,
    record_id: str,
    *,
    signed_by: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Return the denied materials to the applicant, who signs for them (once)."""
    record = MACHINE.begin(tx, record_id, "return-materials", on, today)
    signed_by = require_text(signed_by, Text("签收人（--signed-by）", "The signer (--signed-by)"))
    record["materials_returned"] = {"on": on.isoformat(), "signed_by": signed_by}
    return MACHINE.finish(
        tx, record, "return-materials", on, actor, env, signed_by=signed_by, note=signed_by
    )


# -- the demo ------------------------------------------------------------------


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    DEN-YYYY-0001 filed as beyond the clerk's authority, awaiting the leader's
    opinion; -0002 filed within it, awaiting its filing and written notice.
    Dates are working days before ``maker.today``; nothing is random."""
    stories = [
        ("周某庚", "宅基地审批", "不符合村庄规划", "《土地管理法》第六十二条", "副镇长 高某", 1),
        (
            "孙某辛",
            "临时救助申请",
            "家庭人均收入高于救助标准",
            "《社会救助暂行办法》第四十七条",
            None,
            2,
        ),
    ]
    for n, (applicant, matter, reason, basis, leader, ago) in enumerate(stories, start=31):
        on = maker.working_days_before(ago)
        file_denial(
            maker.tx,
            applicant=applicant,
            matter=matter,
            reason=reason,
            basis=basis,
            beyond_authority=leader is not None,
            leader=leader,
            dept="民政办",
            contact=f"1380000{n:04d}",
            on=on,
            today=on,
            actor="李某",
            env=maker.env,
        )
        maker.count(KIND, on)
