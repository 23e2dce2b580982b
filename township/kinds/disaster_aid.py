"""救灾救济 — disaster relief for a household (prefix DRL, kind ``disaster-aid``).

民政工作有关制度 三（五）救灾救济服务:

    1、救灾款、物使用的范围是：⑴解决灾民无力克服的衣、食、住、医等生活困难；
    ⑵紧急抢救、转移和安置灾民；⑶灾民倒、危房恢复重建及一般损坏房屋的修缮；
    ⑷加工及储运救灾物资；⑸定向捐赠款、物按照捐赠人意愿使用。
    2、灾民救济对象核定程序：⑴灾民自愿申请；⑵村民小组初评后提名；⑶灾民所在村
    召开村民大会或村民代表会议进行民主评议；⑷村民委员会审查，并张榜公布后上报乡镇；
    ⑸乡镇人民政府审核上报县民政部门；⑹县民政局审批。

The six steps of 灾民救济对象核定程序, in order (the surviving copy of the text
breaks off after ⑷; ⑸ and ⑹ follow the procedure of the other 民政 services).
The county's decision names the permitted uses (``--use``, the five of 1).
The text sets no period: no clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.kinds.assistance import APPLICANT_FIELDS, OPINIONS, RESULTS

KIND = "disaster-aid"
DEPT = "民政办"
MAX_YUAN = 10**9

MEETINGS: dict[str, Text] = {
    "villagers": Text("村民大会", "villagers' assembly"),
    "representatives": Text("村民代表会议", "villagers' representatives"),
}
USES: dict[int, Text] = {
    1: Text("解决衣、食、住、医等生活困难", "daily needs: clothing, food, shelter, care"),
    2: Text("紧急抢救、转移和安置灾民", "rescue, evacuation and resettlement"),
    3: Text("倒房、危房恢复重建及损坏房屋修缮", "rebuilding and repairing homes"),
    4: Text("加工及储运救灾物资", "processing and storing relief goods"),
    5: Text("定向捐赠款物按捐赠人意愿使用", "donations used as the donor wished"),
}


def publish(
    tx: Any, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Any, **values: Any
) -> Any:
    """⑷村民委员会审查，并张榜公布: the posting runs from ``on`` to ``until``; a
    posting that ends before the day it was put up is refused (after the order
    and the date are checked, so a step out of order still names the next one)."""
    from township.steps.machine import Machine

    machine = Machine(SPEC)
    machine.begin(tx, record_id, "publish", on, today)
    until = values.get("until")
    if isinstance(until, dt.date) and until < on:
        raise BadInput(
            Text(
                "公布截止日期 {until} 早于张榜公布日期 {on}；请核对 --until。",
                "The posting ends on {until}, before it was put up on {on}; check --until.",
            ),
            until=until.isoformat(),
            on=on.isoformat(),
        )
    return machine.plain(tx, "publish", record_id, values, on=on, today=today, actor=actor, env=env)


SPEC = KindSpec(
    KIND,
    statuses={
        "applied": Text("已申请", "applied"),
        "nominated": Text("村民小组已提名", "nominated"),
        "deliberated": Text("已民主评议", "deliberated"),
        "published": Text("已张榜公布", "posted"),
        "with-county": Text("已报县审批", "with the county"),
        "town-rejected": Text("镇审核不同意", "rejected by the township"),
        "approved": Text("已批准", "approved"),
        "rejected": Text("不予批准", "rejected"),
    },
    steps=(
        Step(
            "apply",
            Text("灾民自愿申请", "applied"),
            (),
            "applied",
            stamp="applied_on",
            inputs=(
                Input("applicant", required=True, metavar="NAME"),
                Input("village", required=True),
                Input("loss", required=True),
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
                "登记灾民的救济申请（⑴灾民自愿申请）。输出新编号。",
                "Register a disaster victim's application (step 1). Prints the new id.",
            ),
            example="township disaster-aid apply --applicant 李某丙 --village 柳溪村 \\\n"
            '    --loss "洪水冲毁住房两间"',
        ),
        Step(
            "nominate",
            Text("村民小组初评提名", "nominated"),
            ("applied",),
            "nominated",
            inputs=(Input("note", writes="nomination", required=True, note=True),),
            help=Text("记录村民小组初评后的提名（⑵）。", "Record the group's nomination (step 2)."),
            example='township disaster-aid nominate DRL-2026-0001 --note "初评符合救济条件"',
        ),
        Step(
            "deliberate",
            Text("民主评议", "deliberated"),
            ("nominated",),
            "deliberated",
            inputs=(
                Input("meeting", type="choice", catalogue=MEETINGS, required=True),
                Input("result", writes="deliberation", required=True, note=True),
            ),
            help=Text(
                "记录村民大会或村民代表会议的民主评议（⑶）。",
                "Record the villagers' deliberation (step 3).",
            ),
            example="township disaster-aid deliberate DRL-2026-0002 --meeting representatives \\\n"
            '    --result "全票通过"',
        ),
        Step(
            "publish",
            Text("村委会审查并张榜公布", "posted"),
            ("deliberated",),
            "published",
            stamp="published_on",
            inputs=(Input("until", type="date", writes="posted_until", required=True),),
            run=publish,
            help=Text(
                "记录村民委员会审查并张榜公布，公布后上报乡镇（⑷）。",
                "Record the committee's check and the public posting (step 4).",
            ),
            example="township disaster-aid publish DRL-2026-0003 --until 2026-12-10",
        ),
        Step(
            "review",
            Text("镇人民政府审核", "township reviewed"),
            ("published",),
            {"approve": "with-county", "reject": "town-rejected"},
            by="opinion",
            inputs=(
                Input("opinion", type="choice", catalogue=OPINIONS, required=True),
                Input("note", writes="opinion_note", required=True, note=True),
            ),
            help=Text(
                "记录镇人民政府的审核；同意的上报县民政部门（⑸）。",
                "Record the township's review; an approved one goes to the county (step 5).",
            ),
            example='township disaster-aid review DRL-2026-0004 --opinion approve --note "核实无误"',
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
                Input("use", type="choices", catalogue=USES, writes="uses"),
            ),
            help=Text(
                "记录县民政局的审批（⑹）：结果、金额和救灾款物的用途。",
                "Record the county's decision (step 6): result, amount and permitted uses.",
            ),
            example="township disaster-aid decide DRL-2026-0005 --result approved --amount 3000 "
            "--use 3",
        ),
    ),
    fields=(
        Field("applied_on", Text("申请日期", "applied on"), list=True, type="date"),
        *APPLICANT_FIELDS,
        Field("loss", Text("受灾情况", "loss"), amendable=True, list=True),
        Field("nomination", Text("初评提名意见", "nomination"), amendable=True),
        Field("meeting", Text("评议会议", "meeting"), catalogue=MEETINGS, type="text"),
        Field("deliberation", Text("评议结果", "deliberation"), amendable=True),
        Field("published_on", Text("张榜公布日期", "posted on"), type="date"),
        Field("posted_until", Text("公布截止日期", "posted until"), type="date"),
        Field("opinion", Text("镇审核意见", "township's opinion"), catalogue=OPINIONS, type="text"),
        Field("opinion_note", Text("审核说明", "review note"), amendable=True),
        Field(
            "result",
            Text("县审批结果", "county's decision"),
            catalogue=RESULTS,
            list=True,
            type="text",
        ),
        Field("amount", Text("救济金额（元）", "aid (yuan)")),
        Field("uses", Text("救灾款物用途", "permitted uses"), catalogue=USES),
    ),
    final=("town-rejected", "approved", "rejected"),
    summary=("village", "loss", "opinion_note"),
    matter=("applicant", "village", "loss"),
    help=Text(
        "救灾救济：灾民救济对象核定程序的六个步骤，依次办理。",
        "Disaster relief (救灾救济): the six steps of 灾民救济对象核定程序.",
    ),
)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def demo(maker: Any, on: Any, finish: bool) -> None:
    """An application taken through the six steps as far as the days since ``on`` allow."""
    from township.steps.machine import Machine

    machine = Machine(SPEC)
    at = {"actor": maker.clerk(), "env": maker.env}
    values = {
        "applicant": maker.person(),
        "village": maker.rng.choice(("青山村", "柳溪村")),
        "loss": maker.rng.choice(("暴雨致住房倒塌", "洪水冲毁口粮")),
    }
    record = machine.take(maker.tx, "apply", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    day = on
    for step, values in (
        ("nominate", {"note": "村民小组初评同意提名"}),
        ("deliberate", {"meeting": "representatives", "result": "评议通过"}),
        ("publish", {"until": None}),
        ("review", {"opinion": "approve", "note": "审核无误，上报县民政局"}),
        ("decide", {"result": "approved", "amount": 3000, "use": (1, 3)}),
    ):
        day = maker.later(day, 1, 5)
        if not finish or not maker.done(day):
            return
        if step == "publish":
            values = {"until": maker.later(day, 5, 5)}
        machine.take(maker.tx, step, record["id"], values, on=day, today=day, **at)


EXAMPLE_APPLICANT = {"applicant": "李某丙", "village": "柳溪村", "loss": "洪水冲毁住房两间"}
EXAMPLE_STEPS = [
    ("nominate", {"note": "初评提名"}),
    ("deliberate", {"meeting": "representatives", "result": "评议通过"}),
    ("publish", {"until": "2026-12-31"}),
    ("review", {"opinion": "approve", "note": "审核无误"}),
]


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids):
    -0001 just applied and each next one a step further (``EXAMPLE_STEPS``)."""
    # The posting ends after the day it was put up (the ladder's days are before today).
    steps = [
        (
            step,
            {"until": maker.calendar.add(maker.today, 5).date.isoformat()}
            if step == "publish"
            else given,
        )
        for step, given in EXAMPLE_STEPS
    ]
    maker.ladder(SPEC, "apply", EXAMPLE_APPLICANT, steps)
