"""大病救济服务 — medical aid for serious illness (prefix MED, kind ``medical-aid``).

民政工作有关制度 三（四）大病救济服务:

    1、符合如下条件和原则的城乡低保救济者应予以［救济］：⑴患恶性肿瘤、白血病、
    尿毒症的五保户、特困户家庭人员；⑵患病个人当年支出的医疗费用超出1万元且影响
    家庭基本生活的对象，但安全、交通等事故，人为伤害事故和精神患者不列入救济范围。
    2、办理程序 ⑴申请人向户口所在的村委会提出书面申请，填写医疗救济申请表，并如实
    提供有关材料…⑵镇人民政府对村委会上报的申请人材料进行审核，并入户调查，对符合
    条件的在申请表中填写救济；然后报县民政局审批；⑶县民政局每季度对受理的申请进行
    审批。

The conditions are flagged, never refused: a clerk records every application
handed in, and the review decides (``flags``). An approving review reports it
to the county and starts ``medical-aid-county``: the county approves in its
quarterly round, read locally as due on the last day of the calendar quarter
in which the township reported it (unit ``quarter-end``, 本镇规定), the
county's clock (shown, never the township's overdue). A rejected review is
not reported.

The applicant's name, contact and ID number are personal data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.kinds.assistance import APPLICANT_FIELDS, OPINIONS, RESULTS

KIND = "medical-aid"
DEPT = "民政办"
# 患病个人当年支出的医疗费用超出1万元: condition ⑵ of the text.
COST_THRESHOLD = 10_000
# An amount of yuan no application can carry (a typing error).
MAX_YUAN = 10**9

CONDITIONS: dict[str, Text] = {
    "named-disease": Text(
        "⑴五保户、特困户家庭人员患恶性肿瘤、白血病、尿毒症", "(1) a named disease (五保/特困)"
    ),
    "high-costs": Text("⑵当年医疗费用超过1万元且影响家庭基本生活", "(2) costs over 10,000 yuan"),
}
RECIPIENTS: dict[str, Text] = {
    "dibao": Text("低保对象", "dibao recipient"),
    "wubao": Text("五保户", "五保 household"),
    "tekun": Text("特困户", "特困 household"),
    "none": Text("非救济对象", "not a recipient"),
}
CAUSES: dict[str, Text] = {
    "illness": Text("疾病", "illness"),
    "accident": Text("安全事故", "accident"),
    "traffic": Text("交通事故", "traffic accident"),
    "injury": Text("人为伤害", "inflicted injury"),
    "mental": Text("精神疾病", "mental illness"),
}


def flags(record: dict[str, Any]) -> list[Text]:
    """What the text's conditions say of the application (flagged, never refused)."""
    found: list[Text] = []
    recipient = record.get("recipient")
    condition = record.get("condition")
    if recipient in (None, "none"):
        found.append(Text("申请人不是城乡低保救济者", "the applicant is no recipient of relief"))
    if condition is None:
        found.append(Text("未说明符合哪项条件", "no condition given"))
    elif condition == "named-disease" and recipient not in ("wubao", "tekun"):
        found.append(
            Text("条件⑴只适用于五保户、特困户家庭人员", "condition (1) is for 五保/特困 households")
        )
    elif condition == "high-costs" and float(record.get("costs") or 0) <= COST_THRESHOLD:
        found.append(Text("当年医疗费用未超过1万元", "this year's costs are not over 10,000 yuan"))
    if record.get("cause", "illness") != "illness":
        found.append(Text("事故、人为伤害和精神疾病不列入救济范围", "excluded cause"))
    return found


def _flags(record: dict[str, Any]) -> Text | None:
    found = flags(record)
    if not found:
        return None
    return Text("；".join(f.zh for f in found), "; ".join(f.en for f in found))


def review(
    tx: Any, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Any, **values: Any
) -> Any:
    """⑵镇人民政府…进行审核，并入户调查: the home visit is part of the review, so it
    falls between the application and the review's date (after the order and the
    date are checked, so a step out of order still names the next one)."""
    from township.steps.machine import Machine

    machine = Machine(SPEC)
    record = machine.begin(tx, record_id, "review", on, today)
    visited = values.get("visited")
    applied = record.get("applied_on")
    if isinstance(visited, dt.date) and (
        visited > on or (isinstance(applied, str) and visited.isoformat() < applied)
    ):
        raise BadInput(
            Text(
                "入户调查日期 {visited} 应在申请日期 {applied} 与审核日期 {on} 之间；"
                "请核对 --visited。",
                "The home visit on {visited} must fall between the application ({applied}) "
                "and the review ({on}); check --visited.",
            ),
            visited=visited.isoformat(),
            applied=applied or "",
            on=on.isoformat(),
        )
    return machine.plain(tx, "review", record_id, values, on=on, today=today, actor=actor, env=env)


SPEC = KindSpec(
    KIND,
    statuses={
        "applied": Text("待镇审核", "awaiting the township's review"),
        "with-county": Text("已报县审批", "with the county"),
        "town-rejected": Text("镇审核不同意", "rejected by the township"),
        "approved": Text("已批准", "approved"),
        "rejected": Text("不予批准", "rejected"),
    },
    steps=(
        Step(
            "apply",
            Text("提交书面申请及材料", "applied"),
            (),
            "applied",
            stamp="applied_on",
            inputs=(
                Input("applicant", required=True, metavar="NAME"),
                Input("village", required=True),
                Input("costs", type="amount", required=True, low=0, high=MAX_YUAN, metavar="YUAN"),
                Input("condition", type="choice", catalogue=CONDITIONS),
                Input("recipient", type="choice", catalogue=RECIPIENTS),
                Input("cause", type="choice", catalogue=CAUSES, default="illness"),
                Input("contact"),
                Input("id_number", metavar="NO"),
                Input(
                    "dept",
                    Text("承办部门", "the office handling it"),
                    writes="responsible.dept",
                    default=DEPT,
                ),
            ),
            help=Text(
                "登记大病救济申请（经村委会提交的书面申请和材料）；不符合条件的标注提示，"
                "不拒收。输出新编号。",
                "Register an application for medical aid (through the village committee); "
                "one outside the conditions is flagged, not refused. Prints the new id.",
            ),
            example="township medical-aid apply --applicant 钱某乙 --village 石桥村 \\\n"
            "    --costs 36000 --condition high-costs --recipient dibao",
        ),
        Step(
            "review",
            Text("镇审核并入户调查", "township reviewed"),
            ("applied",),
            {"approve": "with-county", "reject": "town-rejected"},
            by="opinion",
            inputs=(
                Input("opinion", type="choice", catalogue=OPINIONS, required=True),
                Input("note", writes="opinion_note", required=True, note=True),
                Input("visited", type="date"),
            ),
            run=review,
            help=Text(
                "记录镇审核和入户调查；同意的报县民政局，在本季度末的审批轮次中审批。",
                "Record the township's review and home visit; an approved one goes to the "
                "county's quarterly round.",
            ),
            example='township medical-aid review MED-2026-0001 --opinion approve --note "入户核实"',
        ),
        Step(
            "decide",
            Text("县民政局审批", "county decided"),
            ("with-county",),
            {"approved": "approved", "rejected": "rejected"},
            by="result",
            inputs=(
                Input("result", type="choice", catalogue=RESULTS, required=True),
                Input("amount", type="amount", low=0, high=MAX_YUAN, metavar="YUAN"),
            ),
            help=Text("记录县民政局的审批结果和救济金额。", "Record the county's decision."),
            example="township medical-aid decide MED-2026-0002 --result approved --amount 5000",
        ),
    ),
    fields=(
        Field("applied_on", Text("申请日期", "applied on"), list=True, type="date"),
        *APPLICANT_FIELDS,
        Field("costs", Text("当年医疗费用（元）", "this year's costs (yuan)")),
        Field("condition", Text("救济条件", "condition"), catalogue=CONDITIONS, type="text"),
        Field("recipient", Text("救济对象类别", "recipient of"), catalogue=RECIPIENTS, type="text"),
        Field("cause", Text("致病原因", "cause"), catalogue=CAUSES, type="text"),
        Field("flags", Text("条件提示", "flags"), list=True, show=_flags),
        Field("opinion", Text("镇审核意见", "township's opinion"), catalogue=OPINIONS, type="text"),
        Field("opinion_note", Text("审核说明", "review note"), amendable=True, type="text"),
        Field("visited", Text("入户调查日期", "home visit"), type="date"),
        Field(
            "result",
            Text("县审批结果", "county's decision"),
            catalogue=RESULTS,
            list=True,
            type="text",
        ),
        Field("amount", Text("救济金额（元）", "aid (yuan)")),
    ),
    final=("town-rejected", "approved", "rejected"),
    # Only an approving review is reported to the county (然后报县民政局审批).
    start_when={"medical-aid-county": lambda record: record.get("opinion") == "approve"},
    summary=("village", "opinion_note"),
    matter=("applicant", "village"),
    help=Text(
        "大病救济服务：申请、镇审核并入户调查、县民政局季度审批。\n\n"
        "不符合救济条件的申请标注提示，不拒收。县民政局的季度审批是县里的期限：显示，但不计入本镇逾期。",
        "Medical aid for serious illness (大病救济): application, review, county decision.\n\n"
        "An application outside the regulation's conditions is flagged, not refused. The "
        "county's quarterly round is its own clock: shown, never the township's overdue.",
    ),
)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def demo(maker: Any, on: Any, finish: bool) -> None:
    """An application, reviewed and decided as far as the days since ``on`` allow."""
    from township.steps.machine import Machine

    machine = Machine(SPEC)
    at = {"actor": maker.clerk(), "env": maker.env}
    values = {
        "applicant": maker.person(),
        "village": maker.rng.choice(("青山村", "石桥村", "柳溪村")),
        "costs": maker.rng.choice((8000, 15000, 42000)),
        "condition": "high-costs",
        "recipient": maker.rng.choice(("dibao", "tekun")),
    }
    record = machine.take(maker.tx, "apply", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    reviewed = maker.later(on, 5, 15)
    if not finish or not maker.done(reviewed):
        return
    review = {"opinion": "approve", "note": "已入户调查，情况属实"}
    machine.take(maker.tx, "review", record["id"], review, on=reviewed, today=reviewed, **at)
    decided = maker.later(reviewed, 20, 60)
    if maker.done(decided):
        decide = {"result": "approved", "amount": 5000}
        machine.take(maker.tx, "decide", record["id"], decide, on=decided, today=decided, **at)


EXAMPLE_APPLICANT = {
    "applicant": "钱某乙",
    "village": "石桥村",
    "costs": 36000,
    "condition": "high-costs",
    "recipient": "dibao",
}
EXAMPLE_STEPS = [("review", {"opinion": "approve", "note": "已入户调查"})]


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    -0001 just applied and each next one a step further (``EXAMPLE_STEPS``)."""
    maker.ladder(SPEC, "apply", EXAMPLE_APPLICANT, EXAMPLE_STEPS)
