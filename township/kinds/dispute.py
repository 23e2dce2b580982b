"""Disputes — 矛盾纠纷排查调处, 领导包案 (prefix DSP, kind ``dispute``).

综治维稳有关工作制度·矛盾纠纷排查制度 (三): 根据矛盾纠纷情况的性质和严重程度分门别类地
进行分流处理，明确化解调处责任主体。对能够由综治维稳办公室协调处理的问题交由相应工作部门
协调处理，由专职副主任负责跟踪落实；对需要主要领导协调处理的按照“五个一”领导包案制度由
综治维稳办公室相应领导包案处理；对需要县委、政府协调处理的，应及时上报县综治办和信访局。
…对排查出来的矛盾问题应该全部建档管理.

领导包案化解制度 (一): 经领导同意后报一把手审批; (四): 包案领导原则上应该在要求的调处
期限内完成调处工作，确实因为难度太大…需要延长时限的，经一把手同意后，在延期期限内办结.
督办制度 (六): 领导同意结案或需要将案件移交有关部门办理时，应该在三日内告知当事人.

Steps and the statuses they lead to::

    register  -> registered   (建档; no clock yet)
    route     -> routed       (an office handles it; starts dispute-mediation, --days N)
    package   -> packaged     (领导包案; starts dispute-mediation, --days N)
    extend    (unchanged)     (一把手同意; N more days from the current due date)
    refer-up  -> referred     (上报县综治办、信访局; meets dispute-mediation,
                               starts party-notice)
    resolve   -> resolved     (meets dispute-mediation; starts party-notice)
    notify    -> notified     (the parties told; meets party-notice)
    archive   -> archived     (归档、销案; closed)

The numbers live in the rule book (``township.book.rules``): ``dispute-mediation``
has none of its own (调处期限: the seed states no number, so ``--days`` is
required when the dispute is routed or packaged and passed as the clock's
period), ``party-notice`` is 3 days (日). The rule book says which steps
start each rule: ``dispute-mediation`` starts with ``route`` or ``package``,
``party-notice`` with ``resolve`` or ``refer-up`` (one rule id each, whatever
step started it, so the report and the statistics count one kind of
deadline).

The parties' names and contact are personal data, masked everywhere like a
complainant's unless revealed, and each reveal is audited.
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

KIND = "dispute"
MEDIATION = "dispute-mediation"
NOTICE = "party-notice"
# A mediation period or an extension, in days (日).
MAX_DAYS = 365
CIRCLED = "①②③④"

STATUS_LABELS: dict[str, Text] = {
    "registered": Text("已建档", "registered"),
    "routed": Text("部门调处中", "with an office"),
    "packaged": Text("领导包案中", "packaged to a leader"),
    "referred": Text("已上报县级", "referred to the county"),
    "resolved": Text("已化解", "resolved"),
    "notified": Text("已告知当事人", "parties told"),
    "archived": Text("已归档", "archived"),
}

# 排查内容 (矛盾纠纷排查制度 (二)), stored as numbers.
CATEGORIES: dict[int, Text] = {
    1: Text("影响本单位稳定的因素", "factors affecting the unit's stability"),
    2: Text("影响社会治安的突出问题", "serious public-order problems"),
    3: Text(
        "可能引起群体性事件或集体上访的苗头",
        "signs of a possible mass incident or collective petition",
    ),
    4: Text(
        "外来（返乡）务工人员等方面影响社会稳定的苗头性情况",
        "signs of instability among migrant (returning) workers and the like",
    ),
}
CATEGORY_LABELS: dict[int, Text] = {
    n: Text(CIRCLED[n - 1] + t.zh, f"{CIRCLED[n - 1]} {t.en}") for n, t in CATEGORIES.items()
}

SOURCES: dict[str, Text] = {
    "sweep": Text("排查", "sweep"),
    "visit": Text("来访", "visit"),
    "letter": Text("来信", "letter"),
    "report": Text("报告", "report"),
}


def parse_category(value: str | int | None) -> int | None:
    """The category number for ``--category``: 1-4, ①-④ or the Chinese label.

    ``BadInput`` listing the catalogue for anything else.
    """
    if value is None:
        return None
    text = str(value).strip()
    for n, label in CATEGORIES.items():
        if text in (str(n), CIRCLED[n - 1], label.zh, CATEGORY_LABELS[n].zh, label.en):
            return n
    raise BadInput(
        Text(
            "纠纷类别「{value}」不在目录中；请用 --category 1..4：{known}。",
            "Dispute category '{value}' is not in the catalogue; use --category 1..4: {known}.",
        ),
        value=value,
        known=Text(
            "；".join(f"{n} {t.zh}" for n, t in CATEGORIES.items()),
            "; ".join(f"{n} {t.en}" for n, t in CATEGORIES.items()),
        ),
    )


def parse_source(value: str | None) -> str | None:
    """The source key for ``--source``: the English key or its Chinese label."""
    if value is None:
        return None
    text = value.strip()
    for key, label in SOURCES.items():
        if text in (key, label.zh):
            return key
    raise BadInput(
        Text(
            "来源「{value}」无效；可选：{known}。",
            "Invalid source '{value}'; valid values: {known}.",
        ),
        value=value,
        known=", ".join(f"{k}（{v.zh}）" for k, v in SOURCES.items()),
    )


def _check_category(value: Any) -> int:
    found = parse_category(value)
    assert found is not None
    return found


def _extensions(record: Record) -> Text | None:
    exts = record.get("extensions") or []
    if not exts:
        return None
    return Text(
        "；".join(
            f"{e['days']} 日，{e['approved_by']} 于 {e['on']} 同意；理由：{e['reason']}"
            for e in exts
        ),
        "; ".join(
            f"{e['days']} days, approved by {e['approved_by']} on {e['on']}; reason: {e['reason']}"
            for e in exts
        ),
    )


def _days(record: Record) -> Text | None:
    days = record.get("days")
    return None if days is None else Text(f"{days} 日", f"{days} days")


def _refuse(record: Record, step: str) -> None:
    """Refusals with their own message: a second routing, archiving before the parties were told."""
    rid, status = record["id"], record["status"]
    if step in ("route", "package") and status in ("routed", "packaged"):
        how = (
            Text(
                f"交 {(record.get('responsible') or {}).get('dept') or ''} 办理",
                f"to {(record.get('responsible') or {}).get('dept') or ''}",
            )
            if status == "routed"
            else Text(f"由 {record.get('leader')} 包案", f"packaged to {record.get('leader')}")
        )
        raise StepOutOfOrder(
            Text(
                "{id} 已于 {on} 分流（{how}）；一件纠纷只分流一次。可以进行的下一步：{next}。",
                "{id} was already routed on {on} ({how}); a dispute is routed once. Next "
                "allowed step: {next}.",
            ),
            id=rid,
            on=record.get("routed_on") or "",
            how=how,
            next=MACHINE.next_steps(record),
        )
    if step == "archive" and status in ("resolved", "referred"):
        notice = clock(record, NOTICE) or {}
        raise StepOutOfOrder(
            Text(
                "{id} 还没有告知当事人，不能归档；下一步：告知当事人（dispute notify），"
                "期限自 {trigger} 起 {n} 日。",
                "{id} cannot be archived before the parties are told; next step: tell the "
                "parties (dispute notify), {n} days from {trigger}.",
            ),
            id=rid,
            trigger=notice.get("trigger", ""),
            n=notice.get("n", ""),
        )


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step("register", Text("建档登记", "registered"), (), "registered"),
        Step(
            "route",
            Text("分流至部门调处", "routed to an office"),
            ("registered",),
            "routed",
            hint=Text("分流至部门（dispute route）", "route it (dispute route)"),
        ),
        Step(
            "package",
            Text("领导包案", "packaged to a leader"),
            ("registered",),
            "packaged",
            hint=Text("领导包案（dispute package）", "package it to a leader (dispute package)"),
        ),
        Step(
            "extend",
            Text("延长调处期限", "mediation extended"),
            ("routed", "packaged"),
            None,
            hint=Text("延期（dispute extend）", "extend (dispute extend)"),
        ),
        Step(
            "refer-up",
            Text("上报县级", "referred to the county"),
            ("registered", "routed", "packaged"),
            "referred",
            hint=Text("上报县级（dispute refer-up）", "refer up (dispute refer-up)"),
        ),
        Step(
            "resolve",
            Text("化解办结", "resolved"),
            ("routed", "packaged"),
            "resolved",
            hint=Text("化解办结（dispute resolve）", "resolve (dispute resolve)"),
        ),
        Step(
            "notify",
            Text("告知当事人", "parties told"),
            ("resolved", "referred"),
            "notified",
            hint=Text("告知当事人（dispute notify）", "tell the parties (dispute notify)"),
        ),
        Step(
            "archive",
            Text("归档销案", "archived"),
            ("notified",),
            "archived",
            hint=Text("归档（dispute archive）", "archive (dispute archive)"),
        ),
    ),
    fields=(
        Field("registered", Text("建档日期", "registered"), list=True),
        Field("parties", Text("当事人", "parties"), "name", amendable=True, list=True),
        Field(
            "contact",
            Text("联系方式", "contact"),
            "contact",
            amendable=True,
            optional=True,
        ),
        Field("summary", Text("纠纷概要", "summary"), amendable=True, list=True),
        Field("village", Text("村（社区）", "village"), amendable=True, optional=True, list=True),
        Field(
            "category",
            Text("排查类别", "category"),
            amendable=True,
            optional=True,
            catalogue=CATEGORY_LABELS,
            check=_check_category,
        ),
        Field("source", Text("来源", "source"), catalogue=SOURCES),
        Field("leader", Text("包案领导", "leader")),
        Field("approved_by", Text("审批（一把手）", "approved by (head)")),
        Field("days", Text("调处期限", "mediation period"), show=_days),
        Field("extensions", Text("延期", "extensions"), show=_extensions),
        Field("referred_to", Text("上报单位", "referred to")),
        Field(
            "result",
            Text("调处结果", "result"),
            amendable=True,
            set_by=Text("化解办结（dispute resolve）", "resolving it (dispute resolve)"),
        ),
        Field("notified_on", Text("告知当事人日期", "parties told on")),
    ),
    final=("archived",),
    refuse=_refuse,
    summary=("summary", "village", "referred_to", "result"),
)
MACHINE = Machine(SPEC)
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


def _check_days(days: int | None, what: Text) -> int:
    if days is None or isinstance(days, bool) or not 1 <= int(days) <= MAX_DAYS:
        raise BadInput(
            Text(
                "{what}应为 1 至 {max} 日，而不是 {days}。",
                "{what} must be 1 to {max} days, not {days}.",
            ),
            what=what,
            max=MAX_DAYS,
            days=days,
        )
    return int(days)


def _optional(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def register_dispute(
    tx: Transaction,
    *,
    summary: str,
    parties: str,
    contact: str | None,
    village: str | None,
    category: str | int | None,
    source: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """建档: register a dispute found in a sweep, a visit, a letter or a report.

    No clock yet: the mediation period is set when it is routed or packaged.
    """
    summary = require_text(summary, Text("纠纷概要（--summary）", "The summary (--summary)"))
    parties = require_text(parties, Text("当事人（--parties）", "The parties (--parties)"))
    number = parse_category(category)
    src = parse_source(source)

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="registered",
            dept=None,
            person=None,
            registered=on.isoformat(),
            summary=summary,
            parties=parties,
            contact=_optional(contact),
            village=_optional(village),
            category=number,
            source=src,
            leader=None,
            approved_by=None,
            days=None,
            routed_on=None,
            extensions=[],
            referred_to=None,
            result=None,
            notified_on=None,
        )

    return MACHINE.create(tx, "register", build, on=on, today=today, actor=actor, env=env)


def route_dispute(
    tx: Transaction,
    record_id: str,
    *,
    dept: str,
    person: str | None,
    days: int | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """分流: an office handles it (the follower is ``person``); starts dispute-mediation."""
    record = MACHINE.begin(tx, record_id, "route", on, today)
    dept = require_text(dept, Text("承办部门（--dept）", "The office (--dept)"))
    n = _check_days(days, Text("调处期限（--days）", "The mediation period (--days)"))
    record["responsible"] = {"dept": dept, "person": _optional(person)}
    record["days"] = n
    record["routed_on"] = on.isoformat()
    return MACHINE.finish(tx, record, "route", on, actor, env, periods={MEDIATION: n}, dept=dept)


def package_dispute(
    tx: Transaction,
    record_id: str,
    *,
    leader: str,
    approved_by: str | None,
    days: int | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """领导包案: the leader agrees and the 一把手 approves; starts dispute-mediation.

    The leader becomes the responsible person (statistics by person are by
    leader); the office stays as it was (none, or the 综治办 if set).
    """
    record = MACHINE.begin(tx, record_id, "package", on, today)
    leader = require_text(leader, Text("包案领导（--leader）", "The leader (--leader)"))
    approved_by = require_text(
        approved_by, Text("审批的一把手（--approved-by）", "The approving head (--approved-by)")
    )
    n = _check_days(days, Text("调处期限（--days）", "The mediation period (--days)"))
    responsible = dict(record.get("responsible") or {})
    responsible["person"] = leader
    record["responsible"] = responsible
    record["leader"] = leader
    record["approved_by"] = approved_by
    record["days"] = n
    record["routed_on"] = on.isoformat()
    return MACHINE.finish(
        tx,
        record,
        "package",
        on,
        actor,
        env,
        periods={MEDIATION: n},
        leader=leader,
        approved_by=approved_by,
    )


def extend_dispute(
    tx: Transaction,
    record_id: str,
    *,
    approved_by: str | None,
    days: int | None,
    reason: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Extend the mediation period by ``days`` from its current due date (一把手同意).

    Refused without an approver, and once the period has ended (an
    extension approved after the due date would hide a breach; 在延期期限内办结
    presumes it was granted in time).
    """
    record = MACHINE.begin(tx, record_id, "extend", on, today)
    if not (approved_by or "").strip():
        raise BadInput(
            Text(
                "{id} 的延期须经一把手同意：请用 --approved-by 写明批准人（{approver}）。"
                "未获批准的，请在期限内化解办结（dispute resolve）或上报县级（dispute refer-up）。",
                "Extending {id} needs the head's approval: name the approver with "
                "--approved-by ({approver}). Without it, resolve it in time (dispute resolve) "
                "or refer it up (dispute refer-up).",
            ),
            id=record["id"],
            approver=RULES[MEDIATION].extension.approver,
        )
    approved_by = require_text(approved_by, Text("批准人（--approved-by）", "The approver"))
    n = _check_days(days, Text("延长期限（--days）", "The extension (--days)"))
    reason = require_text(reason, Text("延期理由（--reason）", "The reason (--reason)"))
    current = clock(record, MEDIATION)
    assert current is not None  # a routed or packaged dispute has its clock
    due = due_of(current, env.calendar).date
    if on > due:
        raise BadInput(
            Text(
                "{id} 的调处期限已于 {due} 届满；延期须在期限届满前经一把手同意（批准日 {on}）。"
                "下一步：化解办结（dispute resolve）或上报县级（dispute refer-up）。",
                "The mediation period of {id} ended on {due}; an extension must be approved "
                "before it ends (approved on {on}). Next: resolve it (dispute resolve) or "
                "refer it up (dispute refer-up).",
            ),
            id=record["id"],
            due=due.isoformat(),
            on=on.isoformat(),
        )
    entry = {"on": on.isoformat(), "days": n, "approved_by": approved_by, "reason": reason}
    record["extensions"] = [*(record.get("extensions") or []), entry]
    extend_clock(record, MEDIATION, n, on=on.isoformat(), approved_by=approved_by)
    return MACHINE.finish(
        tx, record, "extend", on, actor, env, days=n, approved_by=approved_by, note=reason
    )


def refer_up(
    tx: Transaction,
    record_id: str,
    *,
    to: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """上报: referred to the county (县综治办、信访局); leaves the township's mediation clock.

    Meets dispute-mediation and starts party-notice (the rule book).
    """
    return MACHINE.note_step(
        tx,
        record_id,
        "refer-up",
        field="referred_to",
        text=to,
        what=Text("上报单位（--to）", "Where it goes (--to)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


def resolve_dispute(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """化解办结: meets dispute-mediation; starts party-notice (the parties told within 3 days)."""
    return MACHINE.note_step(
        tx,
        record_id,
        "resolve",
        field="result",
        text=result,
        what=Text("调处结果（--result）", "The result (--result)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


def notify_parties(
    tx: Transaction,
    record_id: str,
    *,
    note: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """告知当事人: meets party-notice."""
    record = MACHINE.begin(tx, record_id, "notify", on, today)
    record["notified_on"] = on.isoformat()
    return MACHINE.finish(tx, record, "notify", on, actor, env, note=_optional(note))


def archive_dispute(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """归档、销案: once resolved (or referred) and the parties told; closes the record."""
    record = MACHINE.begin(tx, record_id, "archive", on, today)
    return MACHINE.finish(tx, record, "archive", on, actor, env)


# -- demo data -----------------------------------------------------------------

DEMO_SHARE = 0.03
_DEMO_SUMMARIES = (
    "两户村民因宅基地界址发生争执",
    "土地流转租金拖欠引发纠纷",
    "返乡务工人员讨要工资",
    "村民反映施工噪声扰民，情绪激动",
    "邻里因排水沟堵塞发生口角",
)
_DEMO_VILLAGES = ("东风村", "红星村", "青山村", "河湾社区")
_DEMO_LEADERS = ("镇长 何某", "副镇长 高某", "政法委员 罗某")


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional dispute from ``on`` through its steps (``township init --demo``)."""
    rng, env, tx = maker.rng, maker.env, maker.tx
    record = register_dispute(
        tx,
        summary=rng.choice(_DEMO_SUMMARIES),
        parties=f"{maker.person()}、{maker.person()}",
        contact=maker.phone(),
        village=rng.choice(_DEMO_VILLAGES),
        category=rng.randint(1, 4),
        source=rng.choice(list(SOURCES)),
        on=on,
        today=on,
        actor=maker.clerk(),
        env=env,
    )
    maker.count(KIND, on)
    if not finish:
        return
    rid = record["id"]
    routed = maker.later(on, 0, 2)
    if not maker.done(routed):
        return
    days = rng.choice((15, 30))
    if rng.random() < 0.3:
        package_dispute(
            tx,
            rid,
            leader=rng.choice(_DEMO_LEADERS),
            approved_by="党委书记 林某",
            days=days,
            on=routed,
            today=routed,
            actor="综治办 罗某",
            env=env,
        )
    else:
        route_dispute(
            tx,
            rid,
            dept=rng.choice(("综治办", "司法所", "派出所", "自然资源所")),
            person="专职副主任 郭某",
            days=days,
            on=routed,
            today=routed,
            actor="综治办 罗某",
            env=env,
        )
    ended = routed + dt.timedelta(days=rng.randint(3, days + 8))
    if not maker.done(ended):
        return
    if rng.random() < 0.1:
        refer_up(tx, rid, to="县综治办", on=ended, today=ended, actor="综治办 罗某", env=env)
    else:
        resolve_dispute(
            tx,
            rid,
            result="经调解双方达成协议，签订调解书",
            on=ended,
            today=ended,
            actor="综治办 罗某",
            env=env,
        )
    told = ended + dt.timedelta(days=rng.randint(0, 4))
    if not maker.done(told):
        return
    notify_parties(
        tx, rid, note="电话告知并送达书面材料", on=told, today=told, actor="综治办 罗某", env=env
    )
    archived = maker.later(told, 1, 10)
    if maker.done(archived):
        archive_dispute(tx, rid, on=archived, today=archived, actor="综治办 罗某", env=env)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (``township init --demo``).

    DSP-YYYY-0001 registered the working day before today (route, package,
    refer-up and show run on it); -0002 routed to 司法所 three working days ago
    with 30 days (extend, resolve); -0003 routed, then resolved the working day
    before today, the parties not yet told (notify); -0004 packaged, resolved
    and the parties told (archive).
    """
    env, tx = maker.env, maker.tx
    clerk = "综治办 罗某"
    stories = [
        ("两户村民因宅基地界址发生争执", "张某甲、李某乙", "东风村", 1, "sweep", 1, ()),
        ("土地流转租金拖欠引发纠纷", "王某丙、赵某丁", "红星村", 1, "visit", 3, ("route",)),
        ("返乡务工人员讨要工资", "陈某戊", "青山村", 4, "letter", 6, ("route", "resolve")),
        (
            "邻里因排水沟堵塞发生口角",
            "刘某己、杨某庚",
            "河湾社区",
            2,
            "report",
            8,
            ("package", "resolve", "notify"),
        ),
    ]
    for summary, parties, village, category, source, ago, steps in stories:
        on = maker.working_days_before(ago)
        rid = register_dispute(
            tx,
            summary=summary,
            parties=parties,
            contact=maker.phone(),
            village=village,
            category=category,
            source=source,
            on=on,
            today=on,
            actor=clerk,
            env=env,
        )["id"]
        maker.count(KIND, on)
        day = on
        for step in steps:
            if step == "route":
                route_dispute(
                    tx,
                    rid,
                    dept="司法所",
                    person="专职副主任 郭某",
                    days=30,
                    on=on,
                    today=on,
                    actor=clerk,
                    env=env,
                )
            elif step == "package":
                package_dispute(
                    tx,
                    rid,
                    leader="副镇长 高某",
                    approved_by="党委书记 林某",
                    days=15,
                    on=on,
                    today=on,
                    actor=clerk,
                    env=env,
                )
            elif step == "resolve":
                day = maker.working_days_before(1 if steps[-1] == "resolve" else 2)
                resolve_dispute(
                    tx,
                    rid,
                    result="经调解双方达成协议，签订调解书",
                    on=day,
                    today=day,
                    actor=clerk,
                    env=env,
                )
            else:
                day = maker.working_days_before(1)
                notify_parties(
                    tx,
                    rid,
                    note="电话告知并送达书面材料",
                    on=day,
                    today=day,
                    actor=clerk,
                    env=env,
                )
