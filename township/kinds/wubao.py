"""五保收养服务 — taking a 五保 elder into care (prefix WBA, kind ``wubao``).

民政工作有关制度 三（二）五保户收养服务:

    1、本辖区福利事业单位可收养本辖区无劳动能力、无法定赡养、扶养、无生活来源的
    "三无"孤寡老人。
    2、五保户收养服务程序：本辖区常住城乡居民由本人提出申请并由所在村（社区）委会
    调查审核后，报镇民政办，再镇民政办审核后，报县民政局审批，然后，告知敬老院或
    福利院予以收养，并办理入院手续。

Five steps, in the order the text gives them::

    apply           -> applied            (本人提出申请)
    village-review  -> village-reviewed   (村委会调查审核)
    review          -> with-county | town-rejected   (镇民政办审核后，报县民政局)
    decide          -> approved | rejected           (县民政局审批)
    place           -> placed             (告知敬老院或福利院收养，办理入院手续)

The text sets no period for any of them: no clock, and none is invented.
Every step is plain (it records its inputs), so this module is only its
declaration. The applicant's name, contact and ID number are personal data.
"""

from __future__ import annotations

from typing import Any

from township.book.registry import Field, Input, KindSpec, Step
from township.i18n import Text
from township.kinds.assistance import APPLICANT_FIELDS, OPINIONS, RESULTS

KIND = "wubao"
DEPT = "民政办"


SPEC = KindSpec(
    KIND,
    statuses={
        "applied": Text("待村委会审核", "awaiting the village committee"),
        "village-reviewed": Text("待镇审核", "awaiting the township's review"),
        "with-county": Text("已报县审批", "with the county"),
        "town-rejected": Text("镇审核不同意", "rejected by the township"),
        "approved": Text("已批准", "approved"),
        "rejected": Text("不予批准", "rejected"),
        "placed": Text("已入院", "placed"),
    },
    steps=(
        Step(
            "apply",
            Text("本人提出申请", "applied"),
            (),
            "applied",
            stamp="applied_on",
            inputs=(
                Input("applicant", required=True, metavar="NAME"),
                Input("village", required=True),
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
                "登记五保收养申请（本人提出申请）。输出新编号。",
                "Register an application for 五保 care (the person's own application). "
                "Prints the new id.",
            ),
            example="township wubao apply --applicant 孙某甲 --village 青山村",
        ),
        Step(
            "village-review",
            Text("村委会调查审核", "village committee reviewed"),
            ("applied",),
            "village-reviewed",
            inputs=(Input("opinion", writes="village_opinion", required=True, note=True),),
            help=Text(
                "记录村（社区）委会的调查审核意见。", "Record the village committee's review."
            ),
            example='township wubao village-review WBA-2026-0001 --opinion "情况属实，同意上报"',
        ),
        Step(
            "review",
            Text("镇民政办审核", "township reviewed"),
            ("village-reviewed",),
            {"approve": "with-county", "reject": "town-rejected"},
            by="opinion",
            inputs=(
                Input("opinion", type="choice", catalogue=OPINIONS, required=True),
                Input("note", writes="opinion_note", required=True, note=True),
            ),
            help=Text(
                "记录镇民政办的审核意见；同意的报县民政局审批。",
                "Record the township's review; an approved one goes to the county.",
            ),
            example='township wubao review WBA-2026-0002 --opinion approve --note "符合三无条件"',
        ),
        Step(
            "decide",
            Text("县民政局审批", "county decided"),
            ("with-county",),
            {"approved": "approved", "rejected": "rejected"},
            by="result",
            inputs=(
                Input("result", type="choice", catalogue=RESULTS, required=True),
                Input("reason", note=True),
            ),
            help=Text("记录县民政局的审批结果。", "Record the county's decision."),
            example="township wubao decide WBA-2026-0003 --result approved",
        ),
        Step(
            "place",
            Text("告知敬老院收养、办理入院", "placed in a home"),
            ("approved",),
            "placed",
            stamp="placed_on",
            inputs=(Input("home", required=True, note=True),),
            help=Text(
                "记录告知敬老院或福利院收养并办理入院手续。",
                "Record that the care home was told and the person admitted.",
            ),
            example="township wubao place WBA-2026-0004 --home 青山镇敬老院",
        ),
    ),
    fields=(
        Field("applied_on", Text("申请日期", "applied on"), list=True, type="date"),
        *APPLICANT_FIELDS,
        Field(
            "village_opinion", Text("村委会审核意见", "village committee's opinion"), amendable=True
        ),
        Field("opinion", Text("镇审核意见", "township's opinion"), catalogue=OPINIONS, type="text"),
        Field("opinion_note", Text("审核说明", "review note"), amendable=True),
        Field(
            "result",
            Text("县审批结果", "county's decision"),
            catalogue=RESULTS,
            list=True,
            type="text",
        ),
        Field(
            "reason", Text("不予批准理由", "reason for rejection"), amendable=True, optional=True
        ),
        Field("home", Text("收养机构", "care home"), amendable=True, list=True),
        Field("placed_on", Text("入院日期", "admitted on"), type="date"),
    ),
    final=("town-rejected", "rejected", "placed"),
    summary=("village", "home", "opinion_note"),
    matter=("applicant", "village"),
    help=Text(
        "五保收养服务：本人申请、村委会调查审核、镇民政办审核、县民政局审批、入院。",
        "五保收养 applications: village review, township review, county decision, admission.",
    ),
)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def demo(maker: Any, on: Any, finish: bool) -> None:
    """An application taken as far as the days since ``on`` allow."""
    from township.steps.machine import Machine

    machine = Machine(SPEC)
    at = {"actor": maker.clerk(), "env": maker.env}
    values = {"applicant": maker.person(), "village": maker.rng.choice(VILLAGES)}
    record = machine.take(maker.tx, "apply", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    rid = record["id"]
    steps = [
        ("village-review", {"opinion": "经调查属实，同意上报"}),
        ("review", {"opinion": "approve", "note": "符合三无条件，报县审批"}),
        ("decide", {"result": "approved"}),
        ("place", {"home": "本镇敬老院"}),
    ]
    day = on
    for step, values in steps:
        day = maker.later(day, 3, 10)
        if not finish or not maker.done(day):
            return
        machine.take(maker.tx, step, rid, values, on=day, today=day, **at)


VILLAGES = ("青山村", "石桥村", "柳溪村", "河东社区")


EXAMPLE_APPLICANT = {"applicant": "孙某甲", "village": "青山村"}
EXAMPLE_STEPS = [
    ("village-review", {"opinion": "情况属实"}),
    ("review", {"opinion": "approve", "note": "符合三无条件"}),
    ("decide", {"result": "approved"}),
]


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    -0001 just applied and each next one a step further (``EXAMPLE_STEPS``)."""
    maker.ladder(SPEC, "apply", EXAMPLE_APPLICANT, EXAMPLE_STEPS)
