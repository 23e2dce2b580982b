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

The applicant's name and contact are personal data, masked like a
complainant's.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, new_record, require_text
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "dibao"
TOWN_REVIEW = "dibao-town-review"
COUNTY_DECISION = "dibao-county-decision"
DEPT = "民政办"
DEFAULT_LINE = 1500

STATUS_LABELS: dict[str, Text] = {
    "applied": Text("待镇审核", "awaiting the township's review"),
    "reviewed": Text("已报县审批", "with the county"),
    "approved": Text("已批准", "approved"),
    "rejected": Text("不予批准", "rejected"),
    "notified": Text("已书面告知", "rejection told"),
    "published": Text("已公告", "published"),
    "cancelled": Text("已取消", "cancelled"),
}
OPINIONS: dict[str, Text] = {
    "approve": Text("同意", "approve"),
    "reject": Text("不同意", "reject"),
}
RESULTS: dict[str, Text] = {
    "approved": Text("批准", "approved"),
    "rejected": Text("不予批准", "rejected"),
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
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(
            Text(
                "家庭人口数（--household）应为不小于 1 的整数，实际是 {value}。",
                "The household size (--household) must be a whole number of at least 1, "
                "got {value}.",
            ),
            value=value,
        )
    return value


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step("apply", Text("收到村委会签署的申请报告", "application received"), (), "applied"),
        Step("review", Text("签署审核意见报县民政局", "reviewed"), ("applied",), "reviewed"),
        Step("decide", Text("县民政局审批", "county decided"), ("reviewed",), None),
        Step("notify", Text("书面告知不予批准", "rejection told"), ("rejected",), "notified"),
        Step("publish", Text("以户为单位公告", "published"), ("approved",), "published"),
        Step(
            "cancel",
            Text("取消低保（动态管理）", "cancelled"),
            ("approved", "published"),
            "cancelled",
        ),
    ),
    fields=(
        Field("received", Text("收到申请报告日期", "report received"), list=True),
        Field("applicant", Text("申请人", "applicant"), "name", amendable=True, list=True),
        Field(
            "contact",
            Text("联系方式", "contact"),
            "contact",
            amendable=True,
            optional=True,
        ),
        Field("village", Text("村（社区）", "village"), amendable=True, list=True),
        Field(
            "household",
            Text("家庭人口", "household members"),
            amendable=True,
            check=_household,
        ),
        Field("income", Text("家庭人均收入", "per-capita income"), show=_income),
        Field("above_line", Text("收入核查", "income flag"), list=True, show=_flag),
        Field(
            "opinion",
            Text("镇审核意见", "township's opinion"),
            catalogue=OPINIONS,
        ),
        Field(
            "opinion_note",
            Text("审核说明", "review note"),
            amendable=True,
            set_by=Text("审核（dibao review）", "the review (dibao review)"),
        ),
        Field("result", Text("县审批结果", "county's decision"), catalogue=RESULTS, list=True),
        Field(
            "certificate",
            Text("保障金领取证号", "certificate no."),
            amendable=True,
            optional=True,
            set_by=Text("审批（dibao decide）", "the decision (dibao decide)"),
        ),
        Field(
            "reason",
            Text("不予批准理由", "reason for rejection"),
            amendable=True,
            set_by=Text("审批（dibao decide）", "the decision (dibao decide)"),
        ),
        Field("notified", Text("书面告知日期", "told on")),
        Field("published", Text("公告日期", "published on")),
        Field(
            "cancel_reason",
            Text("取消理由", "reason cancelled"),
            amendable=True,
            set_by=Text("取消（dibao cancel）", "cancelling it (dibao cancel)"),
        ),
    ),
    final=("notified", "cancelled"),
    summary=("village", "opinion_note", "reason", "cancel_reason", "certificate"),
)
MACHINE = Machine(SPEC)
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


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
    tx: Transaction,
    *,
    applicant: str,
    village: str,
    household: int,
    income: float,
    contact: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Register an application on ``on``, the day the township received the village
    committee's signed report; start ``dibao-town-review``.

    ``income`` (per-capita yuan) not below the line is flagged (``above_line``),
    not refused. The 民政办 is responsible, the registering clerk in person.
    """
    applicant = require_text(applicant, Text("申请人（--applicant）", "The applicant"))
    village = require_text(village, Text("村（社区）（--village）", "The village (--village)"))
    household = _household(household)
    income = check_income(income)
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
            applicant=applicant,
            contact=contact.strip() if contact and contact.strip() else None,
            village=village,
            household=household,
            income=income,
            line=line,
            above_line=income >= line,
            received=on.isoformat(),
            opinion=None,
            opinion_note=None,
            result=None,
            certificate=None,
            reason=None,
            notified=None,
            published=None,
            cancel_reason=None,
        )

    return MACHINE.create(tx, "apply", build, on=on, today=today, actor=actor, env=env)


def review(
    tx: Transaction,
    record_id: str,
    *,
    opinion: str,
    note: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Sign the township's opinion and send it to the county on ``on``.

    Meets ``dibao-town-review``; starts the county's ``dibao-county-decision``.
    """
    record = MACHINE.begin(tx, record_id, "review", on, today)
    if opinion not in OPINIONS:
        raise BadInput(
            Text(
                "审核意见「{value}」无效；可选：approve（同意）、reject（不同意）。",
                "Invalid opinion '{value}'; use approve or reject.",
            ),
            value=opinion,
        )
    note = require_text(note, Text("审核说明（--note）", "The note (--note)"))
    record["opinion"] = opinion
    record["opinion_note"] = note
    return MACHINE.finish(tx, record, "review", on, actor, env, opinion=opinion, note=note)


def decide(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    certificate: str | None,
    reason: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the county's decision of ``on``: approved (with the certificate
    number, 保障金领取证) or rejected (with the reason, required: it is told
    to the applicant in writing). Meets ``dibao-county-decision``.
    """
    record = MACHINE.begin(tx, record_id, "decide", on, today)
    if result not in RESULTS:
        raise BadInput(
            Text(
                "审批结果「{value}」无效；可选：approved（批准）、rejected（不予批准）。",
                "Invalid result '{value}'; use approved or rejected.",
            ),
            value=result,
        )
    certificate = certificate.strip() if certificate and certificate.strip() else None
    if result == "rejected":
        reason = require_text(
            reason, Text("不予批准的理由（--reason）", "The reason for a rejection (--reason)")
        )
        if certificate is not None:
            raise BadInput(
                Text(
                    "不予批准的申请没有保障金领取证；请去掉 --certificate。",
                    "A rejected application has no certificate; drop --certificate.",
                )
            )
    elif reason is not None and reason.strip():
        raise BadInput(
            Text(
                "--reason 只用于不予批准的决定；批准时请去掉 --reason。",
                "--reason is for a rejection only; drop it for an approval.",
            )
        )
    else:
        reason = None
    record["result"] = result
    record["certificate"] = certificate
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


def notify(
    tx: Transaction, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Env
) -> Record:
    """Record that the rejection and its reason were told to the applicant in writing."""
    record = MACHINE.begin(tx, record_id, "notify", on, today)
    record["notified"] = on.isoformat()
    return MACHINE.finish(tx, record, "notify", on, actor, env, note=record.get("reason"))


def publish(
    tx: Transaction, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Env
) -> Record:
    """Record the public notice of the approved household (以户为单位予以公告)."""
    record = MACHINE.begin(tx, record_id, "publish", on, today)
    record["published"] = on.isoformat()
    return MACHINE.finish(tx, record, "publish", on, actor, env)


def cancel(
    tx: Transaction,
    record_id: str,
    *,
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Cancel an approved household's allowance (动态管理: the income changed)."""
    return MACHINE.note_step(
        tx,
        record_id,
        "cancel",
        field="cancel_reason",
        text=reason,
        what=Text("取消理由（--reason）", "The reason (--reason)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


# -- demo data (township init --demo) ---------------------------------------------

DEMO_SHARE = 0.03
VILLAGES = ["东村", "西村", "南岭村", "北坪社区", "河湾村"]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional application through its steps (some reviews late, some rejected)."""
    env = maker.env
    income = maker.rng.choice([620, 780, 900, 1100, 1250, 1400, 1680])
    record = apply(
        maker.tx,
        applicant=maker.person(),
        village=maker.rng.choice(VILLAGES),
        household=maker.rng.randint(1, 5),
        income=income,
        contact=maker.phone(),
        on=on,
        today=on,
        actor=maker.clerk(),
        env=env,
    )
    maker.count(KIND, on)
    if not finish:
        return
    rid, actor = record["id"], record["responsible"]["person"]
    reviewed = on + dt.timedelta(days=maker.rng.randint(3, 12))
    if not maker.done(reviewed):
        return
    above = record["above_line"]
    review(
        maker.tx,
        rid,
        opinion="reject" if above else "approve",
        note="入户核查：家庭人均收入高于标准" if above else "入户核查属实，符合条件",
        on=reviewed,
        today=reviewed,
        actor=actor,
        env=env,
    )
    decided = reviewed + dt.timedelta(days=maker.rng.randint(5, 16))
    if not maker.done(decided):
        return
    serial = record["id"].rsplit("-", 1)[-1]
    decide(
        maker.tx,
        rid,
        result="rejected" if above else "approved",
        certificate=None if above else f"演示-{decided.year}-{serial}",
        reason="家庭人均收入高于当地最低生活保障标准" if above else None,
        on=decided,
        today=decided,
        actor="县民政局",
        env=env,
    )
    told = decided + dt.timedelta(days=maker.rng.randint(1, 5))
    if not maker.done(told):
        return
    if above:
        notify(maker.tx, rid, on=told, today=told, actor=actor, env=env)
    else:
        publish(maker.tx, rid, on=told, today=told, actor=actor, env=env)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: MLS-YYYY-0001 waiting
    for the township's review; -0002 reviewed, waiting for the county; -0003
    rejected by the county, not yet told; -0004 approved, not yet published."""
    env = maker.env
    stories = [  # applicant, village, household, income, working days ago of each step
        ("张某甲", "东村", 3, 980, [2]),
        ("刘某乙", "西村", 2, 860, [5, 3]),
        ("李某丙", "南山村", 2, 1620, [8, 6, 3]),
        ("赵某丁", "东村", 4, 720, [9, 7, 4]),
    ]
    for applicant, village, household, income, steps in stories:
        on = maker.working_days_before(steps[0])
        record = apply(
            maker.tx,
            applicant=applicant,
            village=village,
            household=household,
            income=income,
            contact="13800001234",
            on=on,
            today=on,
            actor="民政办 孙某",
            env=env,
        )
        maker.count(KIND, on)
        rid, above = record["id"], record["above_line"]
        if len(steps) > 1:
            day = maker.working_days_before(steps[1])
            review(
                maker.tx,
                rid,
                opinion="reject" if above else "approve",
                note="入户核查：家庭人均收入高于标准" if above else "入户核查属实，符合条件",
                on=day,
                today=day,
                actor="民政办 孙某",
                env=env,
            )
        if len(steps) > 2:
            day = maker.working_days_before(steps[2])
            decide(
                maker.tx,
                rid,
                result="rejected" if above else "approved",
                certificate=None if above else f"演示-{day.year}-001",
                reason="家庭人均收入高于当地最低生活保障标准" if above else None,
                on=day,
                today=day,
                actor="县民政局",
                env=env,
            )
