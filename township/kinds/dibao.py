"""Minimum living allowance applications — 最低生活保障 (prefix MLS).

民政工作有关制度 三（一）最低生活保障服务:

    2、申请最低生活保障的小区民须以书面形式说明申请救济事由…经村（小区）委会审查
    并签订意见后，报镇民政办。
    3、镇民政办自收到申请报告之日起10天内，对申请人有关情况及其实际生活水平进行核查，
    并签订审核意见后，报县民政局审批。县民政局应在15天内对申请做出审批决定。
    决定不予同意的，应书面告知申请人，并说明事由。
    4、经同意予以…最低生活保障的家庭，由县民政局发给《保障金领取证》…
    5、最低生活保障工作实施动态管理…超出最低生活保障线，予以取消。
    6、…低保对象由镇民政办经过村（小区）民委员会采用适当形式以户为单位予以公告。

The clock starts on the day the township receives the report signed by the
village committee (``apply --on``), not when the household first asks:
``dibao-town-review`` is 10 days (日, calendar days, a rest day rolling to
the next working day). The review goes to the county the day it is signed
(``review --on``), which meets the township's clock and starts
``dibao-county-decision``, 15 days: the county's clock, shown on the record
but never counted against the township (``Rule.owner == "county"``). The
numbers live in the rule book (``township.book.rules``).

The per-capita income is compared with ``[dibao] line`` of
``township.toml`` (default 1500 yuan, the compilation's figure): an income
that is not below the line (家庭人均收入低于1500元 qualifies) is flagged on the
record, never refused: the review decides.

Steps and the statuses they lead to::

    apply    -> applied     (starts dibao-town-review)
    review   -> reviewed    (meets it; starts dibao-county-decision)
    decide   -> approved | rejected   (meets dibao-county-decision)
    notify   -> notified    (a rejection told in writing, with the reason; closed)
    publish  -> published   (以户为单位予以公告)
    cancel   -> cancelled   (动态管理; from approved or published; closed)

``review``, ``notify``, ``publish`` and ``cancel`` only record what they are
given: they are declared (``SPEC``) and taken by the step machine. Applying
(the line, the flag) and deciding (the status is the decision; a rejection
needs its reason) have code here. An income above 10^9 yuan or a household
outside 1..50 persons cannot be right and is refused (the inputs' bounds).

The applicant's name and contact are personal data, masked like a
complainant's. Decisions where the regulations are silent:
``docs/decisions/dibao.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.kinds.assistance import OPINIONS, RESULTS
from township.steps.machine import Env, Machine, Record, check_inputs, check_number, new_record

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "dibao"
TOWN_REVIEW = "dibao-town-review"
COUNTY_DECISION = "dibao-county-decision"
DEPT = "民政办"
DEFAULT_LINE = 1500
# What a record can carry (an amount above 10^9 yuan, a household above 50
# persons cannot be right).
MAX_INCOME = 10**9
MAX_HOUSEHOLD = 50

STATUS_LABELS: dict[str, Text] = {
    "applied": Text("待镇审核", "awaiting the township's review"),
    "reviewed": Text("已报县审批", "with the county"),
    "approved": Text("已批准", "approved"),
    "rejected": Text("不予批准", "rejected"),
    "notified": Text("已书面告知", "rejection told"),
    "published": Text("已公告", "published"),
    "cancelled": Text("已取消", "cancelled"),
}


def yuan(value: Any) -> str:
    """An amount of yuan as printed: 1500, 1234.50."""
    if isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _income(record: Record) -> Text | None:
    income = record.get("income")
    if income is None:
        return None
    line = record.get("line")
    if record.get("above_line"):
        return Text(
            f"{yuan(income)} 元（不低于低保标准 {yuan(line)} 元，需核查）",
            f"{yuan(income)} yuan (not below the line of {yuan(line)} yuan: check)",
        )
    return Text(f"{yuan(income)} 元", f"{yuan(income)} yuan")


def _flag(record: Record) -> Text | None:
    return Text("不低于标准", "not below the line") if record.get("above_line") else None


def _household(value: Any) -> int:
    """A household size for ``amend``: a whole number within the input's bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(
            Text(
                "家庭人口数（--household）应为 1 至 {high} 的整数，实际是 {value}。",
                "The household size (--household) must be a whole number from 1 to {high}, "
                "got {value}.",
            ),
            value=value,
            high=MAX_HOUSEHOLD,
        )
    return int(check_number(value, _input("apply", "household")))


def _input(step: str, name: str) -> Input:
    return next(i for i in SPEC.step(step).inputs if i.name == name)


def poverty_line(env: Env) -> float:
    """``[dibao] line`` in force (``township.config`` validated it), default 1500 yuan."""
    line = getattr(env.config, "dibao_line", None)
    return DEFAULT_LINE if line is None else line


def check_income(value: Any) -> float:
    """A per-capita income in yuan: a finite number ≥ 0, else ``BadInput``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise BadInput(
            Text(
                "家庭人均收入（--income）应为不小于 0 的金额（元），实际是 {value}。",
                "The per-capita income (--income) must be an amount of yuan ≥ 0, got {value}.",
            ),
            value=value,
        )
    return value


def apply(
    tx: Transaction, *, on: dt.date, today: dt.date, actor: str, env: Env, **values: Any
) -> Record:
    """Register an application on ``on``, the day the township received the village
    committee's signed report; start ``dibao-town-review``.

    ``values`` are the inputs of the declared ``apply`` step (``applicant``,
    ``village``, ``household``, ``income`` in yuan per head, ``contact``).
    An income not below the line is flagged (``above_line``), not refused.
    The 民政办 is responsible, the registering clerk in person.
    """
    checked = check_inputs(SPEC.step("apply"), values)
    household = _household(checked.get("household"))
    income = check_income(checked.get("income"))
    if isinstance(income, float) and income.is_integer():
        income = int(income)  # 980, not 980.0, in the record
    line = poverty_line(env)

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="applied",
            person=actor,
            dept=DEPT,
            applicant=checked["applicant"],
            contact=checked.get("contact"),
            village=checked["village"],
            household=household,
            income=income,
            line=line,
            above_line=income >= line,
            received=on.isoformat(),
        )

    return MACHINE.create(tx, "apply", build, on=on, today=today, actor=actor, env=env)


def decide(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Record the county's decision of ``on``: ``result`` approved (with the
    ``certificate`` number, 保障金领取证) or rejected (with the ``reason``,
    required: it is told to the applicant in writing). The decision is the
    record's status. Meets ``dibao-county-decision``.
    """
    record = MACHINE.begin(tx, record_id, "decide", on, today)
    checked = check_inputs(SPEC.step("decide"), values)
    result, certificate, reason = (
        checked["result"],
        checked.get("certificate"),
        checked.get("reason"),
    )
    if result not in RESULTS:
        raise BadInput(
            Text(
                "审批结果「{value}」无效；可选：approved（批准）、rejected（不予批准）。",
                "Invalid result '{value}'; use approved or rejected.",
            ),
            value=result,
        )
    if result == "rejected":
        if reason is None:
            raise BadInput(
                Text(
                    "不予批准的决定须写明理由（--reason），以书面告知申请人。",
                    "A rejection needs its reason (--reason): it is told to the applicant in "
                    "writing.",
                )
            )
        if certificate is not None:
            raise BadInput(
                Text(
                    "不予批准的申请没有保障金领取证；请去掉 --certificate。",
                    "A rejected application has no certificate; drop --certificate.",
                )
            )
    elif reason is not None:
        raise BadInput(
            Text(
                "--reason 只用于不予批准的决定；批准时请去掉 --reason。",
                "--reason is for a rejection only; drop it for an approval.",
            )
        )
    record["result"] = result
    if certificate is not None:
        record["certificate"] = certificate
    if reason is not None:
        record["reason"] = reason
    record["status"] = result
    return MACHINE.finish(
        tx,
        record,
        "decide",
        on,
        actor,
        env,
        result=result,
        certificate=certificate,
        note=reason,
    )


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "apply",
            Text("收到村委会签署的申请报告", "application received"),
            (),
            "applied",
            run=apply,
            # It also warns on stderr when the income is not below the line.
            command=False,
            inputs=(
                Input("applicant", required=True, metavar="NAME"),
                Input("village", required=True),
                Input("household", type="int", required=True, low=1, high=MAX_HOUSEHOLD),
                Input("income", type="amount", required=True, low=0, high=MAX_INCOME),
                Input("contact"),
            ),
        ),
        Step(
            "review",
            Text("签署审核意见报县民政局", "reviewed"),
            ("applied",),
            "reviewed",
            inputs=(
                Input(
                    "opinion",
                    type="choice",
                    catalogue=OPINIONS,
                    required=True,
                    help=Text("报县的镇审核意见", "the township's opinion sent to the county"),
                ),
                Input(
                    "note",
                    required=True,
                    writes="opinion_note",
                    note=True,
                    help=Text("核查情况", "what the check found (核查情况)"),
                ),
            ),
            help=Text(
                "签署镇审核意见，报县民政局审批（即完成镇的审核）。\n\n"
                "--on 是报县之日；县民政局的审批期限自此起算（期限见 township rules --kind dibao）。",
                "Sign the township's opinion and send it to the county (the township's "
                "review is then done).\n\n"
                "--on is the day it goes to the county; the county's period starts then "
                "(township rules --kind dibao shows the periods in force).",
            ),
            example="township dibao review MLS-2026-0001 --opinion approve --note 入户核查属实",
            says=Text("{id} 已报县民政局审批", "{id} sent to the county"),
        ),
        Step(
            "decide",
            Text("县民政局审批", "county decided"),
            ("reviewed",),
            None,
            run=decide,
            inputs=(
                Input(
                    "result",
                    type="choice",
                    catalogue=RESULTS,
                    required=True,
                    help=Text("县民政局的审批结果", "the county's decision"),
                ),
                Input(
                    "certificate",
                    metavar="NO",
                    help=Text("保障金领取证编号（批准时）", "the 保障金领取证 number (approved)"),
                ),
                Input(
                    "reason",
                    help=Text(
                        "不予批准的理由（不予批准时必填）",
                        "why it was rejected (required for a rejection)",
                    ),
                ),
            ),
            help=Text(
                "记录县民政局的审批结果；不予批准的须写明理由。",
                "Record the county's decision; a rejection needs its reason.",
            ),
            example="township dibao decide MLS-2026-0002 --result approved --certificate 2026-017\n"
            "# 县民政局不批准的，写明理由：\n"
            "township dibao decide MLS-2026-0002 --result rejected --reason 家庭人均收入高于标准",
            says=Text("{id} 已登记县民政局审批结果", "{id}: the county's decision recorded"),
        ),
        Step(
            "notify",
            Text("书面告知不予批准", "rejection told"),
            ("rejected",),
            "notified",
            stamp="notified",
            help=Text(
                "记录已将不予批准的决定及理由书面告知申请人。",
                "Record that a rejection and its reason were told to the applicant in writing.",
            ),
            example="township dibao notify MLS-2026-0003",
            says=Text("{id} 已书面告知申请人", "{id} told in writing"),
        ),
        Step(
            "publish",
            Text("以户为单位公告", "published"),
            ("approved",),
            "published",
            stamp="published",
            help=Text(
                "记录对批准的家庭以户为单位予以公告。",
                "Record the public notice of an approved household (以户为单位予以公告).",
            ),
            example="township dibao publish MLS-2026-0004",
            says=Text("{id} 已公告", "{id} published"),
        ),
        Step(
            "cancel",
            Text("取消低保（动态管理）", "cancelled"),
            ("approved", "published"),
            "cancelled",
            inputs=(
                Input(
                    "reason",
                    required=True,
                    writes="cancel_reason",
                    note=True,
                    help=Text(
                        "理由（动态管理：收入发生变化）", "why (动态管理: the income changed)"
                    ),
                ),
            ),
            help=Text(
                "取消已批准家庭的低保（动态管理）。",
                "Cancel an approved household's allowance (动态管理).",
            ),
            example="township dibao cancel MLS-2026-0004 --reason 家庭成员就业，人均收入超过标准",
            says=Text("{id} 已取消低保", "{id} cancelled"),
        ),
    ),
    fields=(
        Field("received", Text("收到申请报告日期", "report received"), list=True, type="date"),
        Field("applicant", Text("申请人", "applicant"), "name", amendable=True, list=True),
        Field(
            "contact",
            Text("联系方式", "contact"),
            "contact",
            amendable=True,
            optional=True,
        ),
        Field("village", Text("村（社区）", "village"), amendable=True, list=True, type="text"),
        Field(
            "household",
            Text("家庭人口", "household members"),
            amendable=True,
            check=_household,
            type="int",
        ),
        Field("income", Text("家庭人均收入", "per-capita income"), show=_income, type="number"),
        Field("above_line", Text("收入核查", "income flag"), list=True, show=_flag, type="bool"),
        Field(
            "opinion",
            Text("镇审核意见", "township's opinion"),
            catalogue=OPINIONS,
            type="text",
        ),
        Field(
            "opinion_note",
            Text("审核说明", "review note"),
            amendable=True,
            set_by=Text("审核（dibao review）", "the review (dibao review)"),
        ),
        Field(
            "result",
            Text("县审批结果", "county's decision"),
            catalogue=RESULTS,
            list=True,
            type="text",
        ),
        Field(
            "certificate",
            Text("保障金领取证号", "certificate no."),
            amendable=True,
            optional=True,
            set_by=Text("审批（dibao decide）", "the decision (dibao decide)"),
            type="text",
        ),
        Field(
            "reason",
            Text("不予批准理由", "reason for rejection"),
            amendable=True,
            set_by=Text("审批（dibao decide）", "the decision (dibao decide)"),
            type="text",
        ),
        Field("notified", Text("书面告知日期", "told on"), type="date"),
        Field("published", Text("公告日期", "published on"), type="date"),
        Field(
            "cancel_reason",
            Text("取消理由", "reason cancelled"),
            amendable=True,
            set_by=Text("取消（dibao cancel）", "cancelling it (dibao cancel)"),
        ),
    ),
    final=("notified", "cancelled"),
    summary=("village", "opinion_note", "reason", "cancel_reason", "certificate"),
    matter=("applicant", "village"),
)
MACHINE = Machine(SPEC)


# -- demo data (township init --demo) ---------------------------------------------

DEMO_SHARE = 0.03
VILLAGES = ["东村", "西村", "南岭村", "北坪社区", "河湾村"]


def _review_and_decision(above: bool, certificate: str) -> tuple[dict, dict]:
    """The demo's review and county decision of an application (flagged or not)."""
    if above:
        review = {"opinion": "reject", "note": "入户核查：家庭人均收入高于标准"}
        return review, {"result": "rejected", "reason": "家庭人均收入高于当地最低生活保障标准"}
    review = {"opinion": "approve", "note": "入户核查属实，符合条件"}
    return review, {"result": "approved", "certificate": certificate}


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional application through its steps (some reviews late, some rejected)."""
    env, tx = maker.env, maker.tx
    income = maker.rng.choice([620, 780, 900, 1100, 1250, 1400, 1680])
    values = {"applicant": maker.person(), "village": maker.rng.choice(VILLAGES)}
    values |= {"household": maker.rng.randint(1, 5), "income": income, "contact": maker.phone()}
    record = MACHINE.take(tx, "apply", None, values, on=on, today=on, actor=maker.clerk(), env=env)
    maker.count(KIND, on)
    if not finish:
        return
    rid, actor = record["id"], record["responsible"]["person"]
    reviewed = on + dt.timedelta(days=maker.rng.randint(3, 12))
    if not maker.done(reviewed):
        return
    above = record["above_line"]
    decided = reviewed + dt.timedelta(days=maker.rng.randint(5, 16))
    serial = record["id"].rsplit("-", 1)[-1]
    review, decision = _review_and_decision(above, f"演示-{decided.year}-{serial}")
    MACHINE.take(tx, "review", rid, review, on=reviewed, today=reviewed, actor=actor, env=env)
    if not maker.done(decided):
        return
    at = {"on": decided, "today": decided, "actor": "县民政局", "env": env}
    MACHINE.take(tx, "decide", rid, decision, **at)
    told = decided + dt.timedelta(days=maker.rng.randint(1, 5))
    if not maker.done(told):
        return
    step = "notify" if above else "publish"
    MACHINE.take(tx, step, rid, {}, on=told, today=told, actor=actor, env=env)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: MLS-YYYY-0001 waiting
    for the township's review; -0002 reviewed, waiting for the county; -0003
    rejected by the county, not yet told; -0004 approved, not yet published."""
    env, tx = maker.env, maker.tx
    stories = [  # applicant, village, household, income, working days ago of each step
        ("张某甲", "东村", 3, 980, [2]),
        ("刘某乙", "西村", 2, 860, [5, 3]),
        ("李某丙", "南山村", 2, 1620, [8, 6, 3]),
        ("赵某丁", "东村", 4, 720, [9, 7, 4]),
    ]
    clerk = "民政办 孙某"
    for applicant, village, household, income, steps in stories:
        on = maker.working_days_before(steps[0])
        values = {"applicant": applicant, "village": village, "household": household}
        values |= {"income": income, "contact": "13800001234"}
        record = MACHINE.take(tx, "apply", None, values, on=on, today=on, actor=clerk, env=env)
        maker.count(KIND, on)
        rid, above = record["id"], record["above_line"]
        days = [maker.working_days_before(ago) for ago in steps[1:]]
        review, decision = _review_and_decision(above, f"演示-{on.year}-001")
        if days:
            MACHINE.take(tx, "review", rid, review, on=days[0], today=days[0], actor=clerk, env=env)
        if len(days) > 1:
            at = {"on": days[1], "today": days[1], "actor": "县民政局", "env": env}
            MACHINE.take(tx, "decide", rid, decision, **at)
