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

``SPEC`` declares the steps with their inputs (the commands are derived from
them, ``commands.steps``). ``complete`` only stamps the day the applicant was
told (``notified``); ``file``, ``opinion`` and ``return-materials`` check or
compose what they store and name their function (``run``). The periods are
the rule book's; no number is restated here.

A denial (否定) refuses an application; a penalty (处罚, the 否定（处罚）报备 of
the title) punishes the applicant: ``type`` says which (``--type``). The applicant is a
person the office deals with: the name and contact are personal data,
masked unless revealed (every reveal audited).

While the leader's opinion is awaited the leader is the responsible person
(the daily report mails it to them); afterwards the handling clerk again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import (
    EARLIEST,
    Env,
    Machine,
    Record,
    new_record,
    require_text,
)

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
    beyond_authority: bool = False,
    leader: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    dept: str | None = None,
    contact: str | None = None,
    type: str = "denial",  # the option is --type
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
    if type not in TYPES:
        raise BadInput(
            Text(
                "类型「{value}」无效；可选：denial（否定）、penalty（处罚）。",
                "Invalid type '{value}'; use denial or penalty.",
            ),
            value=type,
        )
    leader = leader.strip() if leader and leader.strip() else None
    _check_leader(beyond_authority, leader)
    _check_received(leader_received, leader, today)
    dept = dept.strip() if dept and dept.strip() else None
    received = leader_received or on if beyond_authority else None
    optional = {
        "contact": contact.strip() if contact and contact.strip() else None,
        "leader": leader,
        "leader_received": received.isoformat() if received else None,
    }

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="awaiting-opinion" if beyond_authority else "filed",
            person=leader if beyond_authority else actor,
            dept=dept,
            type=type,
            applicant=applicant,
            matter=matter,
            reason=reason,
            basis=basis,
            handler=actor,
            beyond_authority=bool(beyond_authority),
            **{k: v for k, v in optional.items() if v is not None},
        )

    triggers = {OPINION: received} if received else None
    return MACHINE.create(
        tx, "file", build, on=on, today=today, actor=actor, env=env, triggers=triggers, note=reason
    )


def record_opinion(
    tx: Transaction,
    record_id: str,
    *,
    text: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the leader's opinion (领导处理意见); the handler is responsible again."""
    record = MACHINE.begin(tx, record_id, "opinion", on, today)
    text = require_text(text, Text("领导处理意见（--text）", "The opinion (--text)"))
    record["opinion"] = {"on": on.isoformat(), "leader": record["leader"], "text": text}
    record["responsible"] = {**record["responsible"], "person": record["handler"]}
    return MACHINE.finish(tx, record, "opinion", on, actor, env, leader=record["leader"], text=text)


def return_materials(
    tx: Transaction,
    record_id: str,
    *,
    signed_by: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Return the denied materials to the applicant, who signs for them (once).

    否定报备制 6: the date is kept with the signer (``materials_returned``), as
    the 否定报备登记表 prints them.
    """
    record = MACHINE.begin(tx, record_id, "return-materials", on, today)
    signed_by = require_text(signed_by, Text("签收人（--signed-by）", "The signer (--signed-by)"))
    record["materials_returned"] = {"on": on.isoformat(), "signed_by": signed_by}
    return MACHINE.finish(
        tx, record, "return-materials", on, actor, env, signed_by=signed_by, note=signed_by
    )


# -- the declaration -------------------------------------------------------------

RULES_HINT = Text("现行期限见 township rules --kind denial", "township rules --kind denial")

SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        # The status depends on --beyond-authority: file_denial's build sets it.
        Step(
            "file",
            Text("否定登记", "filed"),
            (),
            None,
            run=file_denial,
            inputs=(
                Input(
                    "applicant",
                    required=True,
                    metavar="NAME",
                    help=Text("报办人（申请人）", "who applied (报办人)"),
                ),
                Input(
                    "contact",
                    help=Text(
                        "申请人的电话或地址（输出时打码）",
                        "the applicant's phone or address (masked in output)",
                    ),
                ),
                Input(
                    "type",
                    type="choice",
                    catalogue=TYPES,
                    default="denial",
                    help=Text(
                        "否定所申请的事项，或对申请人作出处罚（否定（处罚））［默认：denial］",
                        "a refusal of the application, or a penalty on the applicant "
                        "(否定（处罚）) [default: denial]",
                    ),
                ),
                Input(
                    "matter",
                    required=True,
                    help=Text("被否定的申请事项", "the application that is denied"),
                ),
                Input("reason", required=True, help=Text("否定理由", "why it is denied")),
                Input(
                    "basis",
                    required=True,
                    help=Text(
                        "所依据的法律、法规或规定", "the law, regulation or rule it rests on"
                    ),
                ),
                Input(
                    "beyond_authority",
                    type="flag",
                    help=Text(
                        "超出经办人权限：领导还应签署处理意见",
                        "beyond the clerk's authority: the leader's opinion falls due too",
                    ),
                ),
                Input(
                    "leader",
                    metavar="NAME",
                    help=Text(
                        "请示的领导（与 --beyond-authority 同用）",
                        "the leader asked (with --beyond-authority)",
                    ),
                ),
                Input(
                    "leader_received",
                    type="date",
                    help=Text(
                        "领导收到请示的日期［默认：登记日期］",
                        "the day the leader received the request [default: the filing date]",
                    ),
                ),
                Input("dept", Text("经办人所在部门", "the clerk's department")),
            ),
            help=Text(
                "登记一项否定；应按期报备并书面告知申请人。输出新编号。\n\n"
                "加 --beyond-authority 时，--leader 指定的领导应签署处理意见，期限自领导收到请示之日"
                "起算；签署之后才能完成报备（否定报备制 3、5；" + RULES_HINT.zh + "）。",
                "Register a denial; it must be filed and the applicant told in writing in "
                "time. Prints the new id.\n\nWith --beyond-authority the leader named by "
                "--leader owes an opinion, counted from the day the leader received the "
                "request, before the filing can be completed (否定报备制 3, 5; the periods in "
                "force: " + RULES_HINT.en + ").",
            ),
            example='township denial file --applicant 孙七 --matter "临时救助申请" \\\n'
            '    --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"\n'
            "# 超越经办人权限的否定，须领导签署处理意见：\n"
            'township denial file --applicant 周八 --matter "宅基地审批" --reason "不符合规划" \\\n'
            '    --basis "《土地管理法》第六十二条" --beyond-authority --leader 副镇长吴某',
        ),
        Step(
            "opinion",
            Text("领导处理意见", "leader's opinion"),
            ("awaiting-opinion",),
            "filed",
            run=record_opinion,
            inputs=(Input("text", Text("领导处理意见", "the leader's opinion"), required=True),),
            help=Text(
                "记录领导对超越经办人权限的否定事项签署的处理意见（否定报备制 3）。",
                "Record the leader's opinion on a denial beyond the clerk's authority "
                "(否定报备制 3).",
            ),
            example='township denial opinion DEN-2026-0001 --text "同意不予批准"',
            says=Text("{id} 已登记领导处理意见", "{id}: the leader's opinion is recorded"),
        ),
        Step(
            "complete",
            Text("报备并书面告知", "filed and notified"),
            ("filed",),
            "completed",
            stamp="notified",
            help=Text(
                "记录已向上级报备并已书面告知申请人（否定报备制 5）。",
                "Record that the denial was filed upward and the applicant told in writing "
                "(否定报备制 5).",
            ),
            example="township denial complete DEN-2026-0002",
            says=Text(
                "{id} 已报备并书面告知申请人", "{id} filed and the applicant told in writing"
            ),
        ),
        Step(
            "return-materials",
            Text("退还材料", "materials returned"),
            ("awaiting-opinion", "filed", "completed"),
            None,
            once=True,
            run=return_materials,
            inputs=(
                Input(
                    "signed_by",
                    Text("签收人", "who signed for them"),
                    required=True,
                    metavar="NAME",
                ),
            ),
            help=Text(
                "记录被否定申请的材料已退还并签收（否定报备制 6）。",
                "Record that the denied materials were returned and signed for (否定报备制 6).",
            ),
            example="township denial return-materials DEN-2026-0001 --signed-by 周某庚",
            says=Text(
                "{id} 的材料已退还，{signed_by} 签收",
                "{id}: materials returned, signed for by {signed_by}",
            ),
        ),
    ),
    fields=(
        Field("filed", Text("登记日", "filed"), list=True, show=_filed),
        Field("type", Text("类型", "type"), catalogue=TYPES, type="text"),
        Field("applicant", Text("申请人", "applicant"), "name", amendable=True, list=True),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("matter", Text("申报事项", "matter"), amendable=True, list=True, type="text"),
        Field("reason", Text("否定理由", "reason"), amendable=True, list=True, type="text"),
        Field("basis", Text("否定依据", "legal basis"), amendable=True, type="text"),
        Field("handler", Text("经办人", "handler"), type="text"),
        Field(
            "beyond_authority",
            Text("超越经办人权限", "beyond the clerk's authority"),
            show=_yes_no,
            type="bool",
        ),
        Field("leader", Text("请示领导", "leader"), type="text"),
        Field(
            "leader_received", Text("领导收到请示日期", "leader received the request"), type="date"
        ),
        Field("opinion", Text("领导处理意见", "leader's opinion"), show=_opinion, type="object"),
        Field("notified", Text("书面告知日期", "notified in writing"), type="date"),
        Field(
            "materials_returned",
            Text("材料退还", "materials returned"),
            show=_returned,
            type="object",
        ),
    ),
    final=(),
    handler_fields=("responsible.person", "responsible.dept", "actor", "handler", "leader"),
    start_when={OPINION: lambda r: bool(r.get("beyond_authority"))},
    refuse=_refuse,
    matter=("matter",),
)
MACHINE = Machine(SPEC)


# -- the demo (township init --demo) ---------------------------------------------

DEMO_SHARE = 0.12
DEMO_DENIALS = [("申请临时救助", "家庭人均收入高于救助标准", "《社会救助暂行办法》第四十七条")]
DEMO_LEADERS = ["镇长 何某", "副镇长 高某", "纪委书记 林某"]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional denial filed on ``on``, taken through its steps up to today.

    A quarter of them are beyond the clerk's authority and wait for a
    leader's opinion first. The random draws are those of the demo before
    the steps were declared, so a demo of a given size holds the same denials.
    """
    rng = maker.rng
    matter, reason, basis = rng.choice(DEMO_DENIALS)
    beyond = rng.random() < 0.25
    values: dict[str, Any] = {"applicant": maker.person(), "matter": matter}
    values |= {"reason": reason, "basis": basis, "beyond_authority": beyond}
    values["leader"] = rng.choice(DEMO_LEADERS) if beyond else None
    values |= {"dept": "民政办", "contact": maker.phone()}
    at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
    record = MACHINE.take(maker.tx, "file", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    if not finish:
        return
    rid = record["id"]
    if beyond:
        opinion = on + dt.timedelta(days=rng.randint(1, 4))
        if not maker.done(opinion):
            return
        text = {"text": "同意不予办理，请依法书面告知"}
        MACHINE.take(maker.tx, "opinion", rid, text, on=opinion, today=opinion, **at)
        on = opinion
    completed = maker.later(on, 1, 11)
    if maker.done(completed):
        MACHINE.take(maker.tx, "complete", rid, {}, on=completed, today=completed, **at)


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
        values = {"applicant": applicant, "matter": matter, "reason": reason, "basis": basis}
        values |= {"beyond_authority": leader is not None, "leader": leader}
        values |= {"dept": "民政办", "contact": f"1380000{n:04d}"}
        MACHINE.take(maker.tx, "file", None, values, on=on, today=on, actor="李某", env=maker.env)
        maker.count(KIND, on)
