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
    route     -> routed       (移交有关部门办理: an office handles it; starts
                               dispute-mediation, --days N, and party-notice)
    package   -> packaged     (领导包案; starts dispute-mediation, --days N)
    extend    (unchanged)     (一把手同意; N more days from the current due date)
    refer-up  -> referred     (上报县综治办、信访局; meets dispute-mediation,
                               starts party-notice)
    resolve   -> resolved     (领导同意结案, --approved-by; meets dispute-mediation,
                               starts party-notice)
    notify    -> notified     (the parties told; meets party-notice; on a routed
                               dispute it stays routed)
    archive   -> archived     (归档、销案; closed)

The numbers live in the rule book (``township.book.rules``): ``dispute-mediation``
has none of its own (调处期限: the seed states no number, so ``--days`` is
required when the dispute is routed or packaged and passed as the clock's
period); ``party-notice`` has the regulation's. The rule book says which steps
start each rule: ``dispute-mediation`` starts with ``route`` or ``package``,
``party-notice`` with ``route``, ``resolve`` or ``refer-up`` (one rule id each,
whatever step started it, so the report and the statistics count one kind of
deadline).

``register``, ``refer-up``, ``resolve`` and ``archive`` only record what they
are given: they are declared (``SPEC``) and taken by the step machine. The
steps that set the mediation period or move the responsibility, and the
notice (whose status depends on what it tells), have code here. Decisions
where the regulations are silent: ``docs/decisions/dispute.md``.

The parties' names and contact are personal data, masked everywhere like a
complainant's unless revealed, and each reveal is audited.
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
    check_inputs,
    clock,
    due_of,
    extend_clock,
)

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


def _refuse_notify(record: Record) -> None:
    """A routed dispute whose parties were already told has nothing to tell yet."""
    if record["status"] == "routed" and not any(
        c["rule"] == NOTICE and not c.get("met_on") for c in record.get("clocks", [])
    ):
        raise StepOutOfOrder(
            Text(
                "{id} 分流后已于 {on} 告知当事人；化解办结或上报县级后再告知。"
                "可以进行的下一步：{next}。",
                "The parties of {id} were told of its routing on {on}; tell them again once it "
                "is resolved or referred up. Next allowed step: {next}.",
            ),
            id=record["id"],
            on=record.get("notified_on") or "",
            next=[s for s in MACHINE.next_steps(record) if s != SPEC.step("notify").hint],
        )


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
    if step == "notify":
        _refuse_notify(record)
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


def route_dispute(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """分流, 移交有关部门办理: an office (``dept``) handles it, ``person`` follows it.

    Starts dispute-mediation with ``days`` and party-notice (the rule book).
    """
    record = MACHINE.begin(tx, record_id, "route", on, today)
    checked = check_inputs(SPEC.step("route"), values)
    dept, n = checked["dept"], checked["days"]
    record["responsible"] = {"dept": dept, "person": checked.get("person")}
    record["days"] = n
    record["routed_on"] = on.isoformat()
    return MACHINE.finish(tx, record, "route", on, actor, env, periods={MEDIATION: n}, dept=dept)


def package_dispute(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """领导包案: the ``leader`` agrees and the 一把手 (``approved_by``) approves.

    Starts dispute-mediation with ``days``. The leader becomes the
    responsible person (statistics by person are by leader); the office
    stays as it was (none, or the 综治办 if set).
    """
    record = MACHINE.begin(tx, record_id, "package", on, today)
    checked = check_inputs(SPEC.step("package"), values)
    leader, approved_by, n = checked["leader"], checked["approved_by"], checked["days"]
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
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Extend the mediation period by ``days`` from its current due date (一把手同意).

    Refused without an approver (``approved_by``), and once the period has
    ended (an extension approved after the due date would hide a breach;
    在延期期限内办结 presumes it was granted in time).
    """
    record = MACHINE.begin(tx, record_id, "extend", on, today)
    checked = check_inputs(SPEC.step("extend"), values)
    approved_by = checked.get("approved_by")
    if approved_by is None:
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
    n, reason = checked["days"], checked["reason"]
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


def notify_parties(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """告知当事人: meets party-notice (督办制度 (六)).

    Told of the result or the referral, the dispute is ``notified`` (then
    archived); told that it was handed to an office, it stays ``routed``.
    """
    record = MACHINE.begin(tx, record_id, "notify", on, today)
    note = check_inputs(SPEC.step("notify"), values).get("note")
    record["notified_on"] = on.isoformat()
    if record["status"] in ("resolved", "referred"):
        record["status"] = "notified"
    return MACHINE.finish(tx, record, "notify", on, actor, env, note=note)


DAYS_HELP = Text(
    "调处期限，按日（自然日）计算；制度未规定天数，故必须填写",
    "the mediation period in days (日); the regulations state none, so it is required",
)


def _days_input(label: Text | None = None, help: Text = DAYS_HELP) -> Input:
    return Input(
        "days",
        label,
        type="int",
        required=True,
        metavar="N",
        low=1,
        high=MAX_DAYS,
        help=help,
    )


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "register",
            Text("建档登记", "registered"),
            (),
            "registered",
            stamp="registered",
            inputs=(
                Input(
                    "summary",
                    required=True,
                    help=Text("纠纷概要", "what the dispute is about"),
                ),
                Input(
                    "parties",
                    required=True,
                    metavar="NAMES",
                    help=Text("当事人（输出时打码）", "the parties (masked in output)"),
                ),
                Input(
                    "contact",
                    help=Text(
                        "当事人的电话或地址（输出时打码）",
                        "phone or address of the parties (masked in output)",
                    ),
                ),
                Input(
                    "village", metavar="V", help=Text("所在村（社区）", "the village or community")
                ),
                Input(
                    "category",
                    type="choice",
                    catalogue=CATEGORIES,
                    help=Text("排查内容", "what kind of matter the sweep found (排查内容)"),
                ),
                Input(
                    "source",
                    type="choice",
                    catalogue=SOURCES,
                    help=Text("发现途径", "how it came to light"),
                ),
            ),
            help=Text(
                "建档登记一件矛盾纠纷；排查出来的矛盾纠纷全部建档管理。\n\n"
                "建档时尚无期限：分流或领导包案时确定调处期限。输出新编号。",
                "Register (建档) a dispute; every dispute found is kept on file.\n\n"
                "No deadline yet: the mediation period is set when it is routed or "
                "packaged. Prints the new id.",
            ),
            example='township dispute register --summary "宅基地界址纠纷" --parties "张某甲、李某乙" '
            "\\\n    --contact 13800001234 --village 东风村 --category 1 --source sweep",
        ),
        Step(
            "route",
            Text("分流至部门调处", "routed to an office"),
            ("registered",),
            "routed",
            hint=Text("分流至部门（dispute route）", "route it (dispute route)"),
            run=route_dispute,
            inputs=(
                Input(
                    "dept",
                    Text("负责调处的工作部门", "the office that mediates it"),
                    required=True,
                    metavar="D",
                ),
                Input(
                    "person",
                    Text("负责跟踪落实的人员（专职副主任）", "who follows it (专职副主任)"),
                    metavar="P",
                ),
                _days_input(),
            ),
            help=Text(
                "将矛盾纠纷分流（移交）至相应工作部门调处，并确定调处期限（日）。\n\n"
                "调处期限自分流之日起按自然日（日）计算；期限最后一日是休息日的，顺延至下一个"
                "工作日。一件纠纷只分流一次。移交有关部门办理的，应在告知期限（party-notice）内"
                "告知当事人（dispute notify；督办制度 (六)，期限见 township rules --kind dispute）。",
                "Route (分流) a dispute to an office, with its mediation period in days.\n\n"
                "The period counts calendar days (日) from the routing day; one ending on a "
                "rest day runs to the next working day. A dispute is routed once. Handed to "
                "an office, the parties are told within the notice period (party-notice; "
                "dispute notify; 督办制度 (六); township rules --kind dispute shows it).",
            ),
            example="township dispute route DSP-2026-0001 --dept 司法所 --person 专职副主任郭某 "
            "--days 30",
            says=Text("{id} 已分流至 {dept}", "{id} routed to {dept}"),
        ),
        Step(
            "package",
            Text("领导包案", "packaged to a leader"),
            ("registered",),
            "packaged",
            hint=Text("领导包案（dispute package）", "package it to a leader (dispute package)"),
            run=package_dispute,
            inputs=(
                Input(
                    "leader",
                    required=True,
                    metavar="P",
                    help=Text("包案领导", "the leader who takes the package"),
                ),
                Input(
                    "approved_by",
                    required=True,
                    metavar="P",
                    help=Text("审批的一把手", "the head (一把手) who approved it"),
                ),
                _days_input(),
            ),
            help=Text(
                "领导包案：经包案领导同意、报一把手审批后，由领导包案调处。\n\n"
                "包案领导成为责任人。调处期限自包案之日起按自然日（日）计算。",
                "Package (领导包案) a dispute to a leader, approved by the head (一把手).\n\n"
                "The leader becomes the responsible person. The mediation period counts "
                "calendar days (日) from the day it was packaged.",
            ),
            example='township dispute package DSP-2026-0001 --leader "副镇长 高某" \\\n'
            '    --approved-by "党委书记 林某" --days 30',
            says=Text("{id} 已由 {leader} 包案", "{id} packaged to {leader}"),
        ),
        Step(
            "extend",
            Text("延长调处期限", "mediation extended"),
            ("routed", "packaged"),
            None,
            hint=Text("延期（dispute extend）", "extend (dispute extend)"),
            run=extend_dispute,
            inputs=(
                Input(
                    "approved_by",
                    Text("批准人", "the approver"),
                    metavar="P",
                    writes="",
                    help=Text("同意延期的一把手；必填", "the head (一把手) who agreed; required"),
                ),
                _days_input(
                    Text("延长的天数", "the extension"),
                    Text("在当前到期日上延长的天数", "days added to the due date"),
                ),
                Input(
                    "reason",
                    Text("延期理由", "the reason"),
                    required=True,
                    writes="",
                    help=Text("难以在期限内调处的理由", "why it cannot be mediated in time"),
                ),
            ),
            help=Text(
                "经一把手同意，延长调处期限。\n\n"
                "延长的天数自当前到期日起按自然日计算，须在期限届满前经一把手同意。",
                "Extend the mediation period with the head's approval (经一把手同意).\n\n"
                "The extension runs from the current due date, in calendar days, and "
                "must be approved before that date.",
            ),
            example='township dispute extend DSP-2026-0002 --approved-by "党委书记 林某" '
            '--days 15 \\\n    --reason "涉及多个部门，需县级协调"',
            says=Text("{id} 已延期 {days} 日", "{id} extended by {days} days"),
        ),
        Step(
            "refer-up",
            Text("上报县级", "referred to the county"),
            ("registered", "routed", "packaged"),
            "referred",
            hint=Text("上报县级（dispute refer-up）", "refer up (dispute refer-up)"),
            inputs=(
                Input(
                    "to",
                    required=True,
                    writes="referred_to",
                    note=True,
                    metavar="UNIT",
                    help=Text("上报单位（县综治办、信访局）", "where it goes (县综治办、信访局)"),
                ),
            ),
            help=Text(
                "将矛盾纠纷上报县级（县综治办、信访局）；之后应告知当事人。\n\n"
                "上报后不再计算本机关的调处期限；应在告知期限（party-notice）内告知当事人"
                "（期限见 township rules --kind dispute）。",
                "Refer a dispute up to the county; the parties must then be told.\n\n"
                "It leaves the township's mediation clock; the parties are told within "
                "the notice period (party-notice; township rules --kind dispute shows it).",
            ),
            example="township dispute refer-up DSP-2026-0001 --to 县综治办",
            says=Text("{id} 已上报 {to}", "{id} referred to {to}"),
        ),
        Step(
            "resolve",
            Text("化解办结", "resolved"),
            ("routed", "packaged"),
            "resolved",
            hint=Text("化解办结（dispute resolve）", "resolve (dispute resolve)"),
            inputs=(
                Input(
                    "result",
                    required=True,
                    note=True,
                    help=Text("调处结果", "how it was resolved (调处结果)"),
                ),
                Input(
                    "approved_by",
                    required=True,
                    metavar="P",
                    writes="resolution_approved_by",
                    help=Text(
                        "同意结案的领导（领导同意结案）",
                        "the leader who agreed to close it (领导同意结案)",
                    ),
                ),
            ),
            help=Text(
                "经领导同意，化解办结已分流或已包案的矛盾纠纷；之后应在告知期限（party-notice）内"
                "告知当事人（督办制度 (六)，期限见 township rules --kind dispute）。",
                "Resolve (化解办结) a routed or packaged dispute with the leader's consent "
                "(领导同意结案); the parties are then told within the notice period "
                "(party-notice, 督办制度 (六); township rules --kind dispute shows it).",
            ),
            example='township dispute resolve DSP-2026-0002 --result "经调解双方达成协议" \\\n'
            '    --approved-by "副镇长 高某"',
            says=Text("{id} 已化解", "{id} resolved"),
        ),
        Step(
            "notify",
            Text("告知当事人", "parties told"),
            ("routed", "resolved", "referred"),
            None,
            hint=Text("告知当事人（dispute notify）", "tell the parties (dispute notify)"),
            run=notify_parties,
            inputs=(
                Input(
                    "note",
                    Text("告知方式", "how the parties were told"),
                    writes="",
                    note=True,
                ),
            ),
            help=Text(
                "记录已将分流移交、调处结果或上报情况告知当事人（告知当事人）。",
                "Record that the parties were told of the routing, the result or the "
                "referral (告知当事人).",
            ),
            example='township dispute notify DSP-2026-0003 --note "电话告知并送达书面材料"',
            says=Text("{id} 已告知当事人", "{id}: parties told"),
        ),
        Step(
            "archive",
            Text("归档销案", "archived"),
            ("notified",),
            "archived",
            hint=Text("归档（dispute archive）", "archive (dispute archive)"),
            help=Text(
                "告知当事人之后，将矛盾纠纷归档销案。",
                "Archive (归档、销案) a dispute once the parties were told.",
            ),
            example="township dispute archive DSP-2026-0004",
            says=Text("{id} 已归档", "{id} archived"),
        ),
    ),
    fields=(
        Field("registered", Text("建档日期", "registered"), list=True, type="date"),
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
            type="int",
        ),
        Field("source", Text("来源", "source"), catalogue=SOURCES, type="text"),
        Field("leader", Text("包案领导", "leader"), type="text"),
        Field("approved_by", Text("审批（一把手）", "approved by (head)"), type="text"),
        Field("days", Text("调处期限", "mediation period"), show=_days, type="int"),
        Field("extensions", Text("延期", "extensions"), show=_extensions, type="list"),
        Field("referred_to", Text("上报单位", "referred to")),
        Field(
            "result",
            Text("调处结果", "result"),
            amendable=True,
            set_by=Text("化解办结（dispute resolve）", "resolving it (dispute resolve)"),
        ),
        Field("resolution_approved_by", Text("同意结案的领导", "closing agreed by")),
        Field("notified_on", Text("告知当事人日期", "parties told on"), type="date"),
    ),
    final=("archived",),
    refuse=_refuse,
    summary=("summary", "village", "referred_to", "result"),
    matter=("village", "summary"),
)
MACHINE = Machine(SPEC)


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
    values = {
        "summary": rng.choice(_DEMO_SUMMARIES),
        "parties": f"{maker.person()}、{maker.person()}",
    }
    values |= {"contact": maker.phone(), "village": rng.choice(_DEMO_VILLAGES)}
    values |= {"category": rng.randint(1, 4), "source": rng.choice(list(SOURCES))}
    at: dict[str, Any] = {"actor": maker.clerk(), "env": env}
    record = MACHINE.take(tx, "register", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    if not finish:
        return
    rid = record["id"]
    at["actor"] = "综治办 罗某"
    routed = maker.later(on, 0, 2)
    if not maker.done(routed):
        return
    days = rng.choice((15, 30))
    packaged = rng.random() < 0.3
    if packaged:
        package = {
            "leader": rng.choice(_DEMO_LEADERS),
            "approved_by": "党委书记 林某",
            "days": days,
        }
        MACHINE.take(tx, "package", rid, package, on=routed, today=routed, **at)
    else:
        office = rng.choice(("综治办", "司法所", "派出所", "自然资源所"))
        route = {"dept": office, "person": "专职副主任 郭某", "days": days}
        MACHINE.take(tx, "route", rid, route, on=routed, today=routed, **at)
        told = routed + dt.timedelta(days=rng.randint(0, 4))
        if not maker.done(told):
            return
        note = {"note": f"电话告知当事人已移交{office}调处"}
        MACHINE.take(tx, "notify", rid, note, on=told, today=told, **at)
        routed = told
    ended = routed + dt.timedelta(days=rng.randint(3, days + 8))
    if not maker.done(ended):
        return
    if rng.random() < 0.1:
        MACHINE.take(tx, "refer-up", rid, {"to": "县综治办"}, on=ended, today=ended, **at)
    else:
        result = {"result": "经调解双方达成协议，签订调解书", "approved_by": "副镇长 高某"}
        MACHINE.take(tx, "resolve", rid, result, on=ended, today=ended, **at)
    told = ended + dt.timedelta(days=rng.randint(0, 4))
    if not maker.done(told):
        return
    note = {"note": "电话告知并送达书面材料"}
    MACHINE.take(tx, "notify", rid, note, on=told, today=told, **at)
    archived = maker.later(told, 1, 10)
    if maker.done(archived):
        MACHINE.take(tx, "archive", rid, {}, on=archived, today=archived, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (``township init --demo``).

    DSP-YYYY-0001 registered the working day before today (route, package,
    refer-up and show run on it); -0002 routed to 司法所 three working days ago
    with 30 days (extend, resolve); -0003 routed, then resolved the working day
    before today, the parties not yet told (notify); -0004 packaged, resolved
    and the parties told (archive).
    """
    tx = maker.tx
    at: dict[str, Any] = {"actor": "综治办 罗某", "env": maker.env}
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
    steps_values: dict[str, dict[str, Any]] = {
        "route": {"dept": "司法所", "person": "专职副主任 郭某", "days": 30},
        "package": {"leader": "副镇长 高某", "approved_by": "党委书记 林某", "days": 15},
        "resolve": {"result": "经调解双方达成协议，签订调解书", "approved_by": "副镇长 高某"},
        "notify": {"note": "电话告知并送达书面材料"},
    }
    for summary, parties, village, category, source, ago, steps in stories:
        on = maker.working_days_before(ago)
        values = {"summary": summary, "parties": parties, "contact": maker.phone()}
        values |= {"village": village, "category": category, "source": source}
        rid = MACHINE.take(tx, "register", None, values, on=on, today=on, **at)["id"]
        maker.count(KIND, on)
        for step in steps:
            if step in ("route", "package"):
                day = on
            elif step == "resolve":
                day = maker.working_days_before(1 if steps[-1] == "resolve" else 2)
            else:
                day = maker.working_days_before(1)
            MACHINE.take(tx, step, rid, steps_values[step], on=day, today=day, **at)
