"""The toy kind's module: township/kinds/toy.py of docs/developer/adding-a-kind.md.

A two-step kind with one rule and one personal field: its declaration (with
its Chinese labels and its group's help) and its demo. Its roster line and
rule are in ``tests/toy_book.py``; its commands are derived (no step has a
hand-written function or click command, and the group needs no module); the
``toy`` fixture of ``tests/test_rule_book.py`` registers them as the
product's files would.

The guide includes each region between ``# [guide:NAME]`` and
``# [/guide:NAME]`` word for word (``tests/test_docs.py`` checks it), so the
guide's code is the code the tests run.
"""

# [guide:imports]
from __future__ import annotations

import datetime as dt
from typing import Any

from township.book.registry import Field, Input, KindSpec, Step
from township.i18n import Text
from township.steps.machine import Machine

# [/guide:imports]

# [guide:spec]
KIND = "toy"

SPEC = KindSpec(
    KIND,
    statuses={"open": Text("办理中", "open"), "closed": Text("已办结", "closed")},
    steps=(
        Step(
            "open",
            Text("登记来访", "visit registered"),
            (),
            "open",
            stamp="opened",
            inputs=(
                Input("visitor", required=True, metavar="NAME"),
                Input("matter", required=True),
                Input(
                    "dept", Text("承办部门", "the office handling it"), writes="responsible.dept"
                ),
            ),
            help=Text(
                "登记一次来访；答复期限见 township rules --kind toy。输出新编号。",
                "Register a visit; the reply falls due as township rules --kind toy says. "
                "Prints the new id.",
            ),
            example='township toy open --visitor 李秀英 --matter "咨询低保政策"',
        ),
        Step(
            "close",
            Text("答复办结", "replied"),
            ("open",),
            "closed",
            inputs=(Input("reply", required=True, note=True),),
            help=Text("写明给来访人的答复，办结来访。", "Close a visit with the reply given."),
            example='township toy close TOY-2026-0001 --reply "已告知办理流程"',
            says=Text("{id} 已答复办结", "{id} replied"),
        ),
    ),
    fields=(
        Field("opened", Text("登记日期", "opened"), list=True),
        Field("visitor", Text("来访人", "visitor"), "name", amendable=True, list=True),
        Field("matter", Text("来访事项", "matter"), amendable=True, list=True),
        Field("reply", Text("答复", "reply"), amendable=True),
    ),
    final=("closed",),
    matter=("matter",),
    help=Text(
        "来访答复：每次来访按期答复（期限见 township rules --kind toy）。",
        "Visitor replies: every visit answered in time (township rules --kind toy).",
    ),
)
# [/guide:spec]

# [guide:demo]
MACHINE = Machine(SPEC)
DEMO_SHARE = 0.02  # the toy's share of the demo's records


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One visit from ``on``, replied to a few working days later when ``finish``."""
    at = {"actor": maker.clerk(), "env": maker.env}
    values = {"visitor": maker.person(), "matter": "咨询临时救助", "dept": "民政办"}
    record = MACHINE.take(maker.tx, "open", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    replied = maker.later(on, 1, 6)
    if finish and maker.done(replied):
        reply = {"reply": "已告知申请条件和材料"}
        MACHINE.take(maker.tx, "close", record["id"], reply, on=replied, today=replied, **at)


def demo_examples(maker: Any) -> None:
    """TOY-YYYY-0001, open: the record the help's examples run on."""
    on = maker.working_days_before(2)
    values = {"visitor": "冯某丙", "matter": "咨询低保政策", "dept": "民政办"}
    MACHINE.take(maker.tx, "open", None, values, on=on, today=on, actor="周某", env=maker.env)
    maker.count(KIND, on)


# [/guide:demo]
