"""信息报告 — written reports on stability, and instructions received (prefix BRF).

综治维稳有关工作制度 七、信息报告制度:

    (一)对本地域影响稳定的重大情况和治安突出问题应该及时以信息报告的形式向党委、
    政府一把手和上级机关作出书面报告。(二)信息报告的主要内容：1…6 (the six
    ``CATEGORIES``). (三)上报的情况务必准确及时，对党政一把手和上级机关的指示要第一时间
    传达到有关部门并抓好落实。(四)信息报告涉及到机密事项的，按照要求在报告上注明秘密
    等级，务必经过机密途径传达，由保密员经办并做好收发登记，处理完毕后按要求做好存档
    工作。

Two ways in: ``file`` (a report the office sends up) and ``receive`` (an
instruction from above, passed on with ``pass-on``). A report or instruction
with a secrecy level needs its handler (the 保密员, ``--handler``), goes by
the confidential channel (recorded), is archived when done (``archive``)
and its subject is masked everywhere, ``search`` included, unless revealed
(audited). The text says 及时 and 第一时间, never a number: no clock; a
pass-on on the day of receipt is shown as such. ``register`` (in
``township.views.registers``) prints the 收发登记 of the classified ones.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Env, Machine, Record

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "briefing"
DEPT = "综治办"

CATEGORIES: dict[int, Text] = {
    1: Text("排查掌握的不稳定因素", "instability found in the sweeps"),
    2: Text("维稳综治的重大部署、措施和成效", "major measures of stability work"),
    3: Text("群体性事件苗头及处置情况", "signs of mass incidents and their handling"),
    4: Text("邪教组织滋事破坏活动情况", "activities of cult organisations"),
    5: Text("重大节日和敏感时期稳定情况", "stability around holidays and sensitive periods"),
    6: Text("重大突发事件和越级上访情况", "major incidents and petitions over the head"),
}
LEVELS: dict[str, Text] = {
    "none": Text("无密级", "unclassified"),
    "秘密": Text("秘密", "secret"),
    "机密": Text("机密", "confidential"),
}
DIRECTIONS: dict[str, Text] = {"sent": Text("发出", "sent"), "received": Text("收到", "received")}
CONFIDENTIAL_CHANNEL = "机密途径"


def classified(record: Record) -> bool:
    """True when the report carries a secrecy level (注明秘密等级)."""
    return record.get("level", "none") not in (None, "none")


def _check_handler(level: str | None, handler: str | None) -> None:
    from township.text import is_blank

    if level not in (None, "none") and (handler is None or is_blank(handler)):
        raise BadInput(
            Text(
                "涉密（{level}）的信息报告须由保密员经办：请用 --handler 写明保密员。",
                "A report classified {level} is handled by the secrecy officer: give --handler.",
            ),
            level=LEVELS.get(level or "", Text(str(level), str(level))),
        )


def _channel(values: dict[str, Any]) -> dict[str, Any]:
    # 务必经过机密途径传达: a classified report's channel is recorded.
    if values.get("level") not in (None, "none"):
        return {"channel": CONFIDENTIAL_CHANNEL}
    return {}


def file_report(
    tx: Transaction, *, on: dt.date, today: dt.date, actor: str, env: Env, **values: Any
) -> Record:
    """Register a written report sent up; a classified one needs its handler, and
    the record it reports on (``--source``, a dispute or petition) must exist."""
    _check_handler(values.get("level"), values.get("handler"))
    if values.get("source"):
        values["source"] = tx.get(values["source"])["id"]
    return MACHINE.plain(
        tx,
        "file",
        None,
        values,
        on=on,
        today=today,
        actor=actor,
        env=env,
        computed=_channel(values),
    )


def receive_instruction(
    tx: Transaction, *, on: dt.date, today: dt.date, actor: str, env: Env, **values: Any
) -> Record:
    """Register an instruction received from above; a classified one needs its handler."""
    _check_handler(values.get("level"), values.get("handler"))
    return MACHINE.plain(
        tx,
        "receive",
        None,
        values,
        on=on,
        today=today,
        actor=actor,
        env=env,
        computed=_channel(values),
    )


def _passed(record: Record) -> Text | None:
    on = record.get("passed_on")
    if not on:
        return None
    if on == record.get("dated"):
        return Text(f"{on}（当日传达）", f"{on} (the same day)")
    return Text(str(on), str(on))


_COMMON = (
    Input("subject", required=True),
    Input("level", type="choice", catalogue=LEVELS, default="none"),
    Input("handler"),
    Input(
        "dept", Text("承办部门", "the office handling it"), writes="responsible.dept", default=DEPT
    ),
)

SPEC = KindSpec(
    KIND,
    statuses={
        "sent": Text("已报送", "sent"),
        "received": Text("待传达", "to pass on"),
        "passed-on": Text("已传达", "passed on"),
        "archived": Text("已存档", "archived"),
    },
    steps=(
        Step(
            "file",
            Text("书面报告", "report sent"),
            (),
            "sent",
            stamp="dated",
            run=file_report,
            inputs=(
                _COMMON[0],
                Input("category", type="choice", catalogue=CATEGORIES, required=True),
                Input("to", writes="recipients", required=True),
                *_COMMON[1:],
                Input("source", type="id", metavar="ID"),
            ),
            help=Text(
                "登记向党委、政府一把手和上级机关作出的书面信息报告；涉密的须写明保密员"
                "（--handler）。输出新编号。",
                "Register a written report to the party secretary, the township head or "
                "higher offices; a classified one names its secrecy officer (--handler). "
                "Prints the new id.",
            ),
            example='township briefing file --subject "某村土地纠纷可能引发集体上访" --category 3 \\\n'
            "    --to 县委政法委 --level 秘密 --handler 保密员赵某",
        ),
        Step(
            "receive",
            Text("收到上级指示", "instruction received"),
            (),
            "received",
            stamp="dated",
            run=receive_instruction,
            inputs=(_COMMON[0], Input("from", writes="issuer", required=True), *_COMMON[1:]),
            help=Text(
                "登记收到的党政一把手或上级机关的指示，应第一时间传达。输出新编号。",
                "Register an instruction received from above, to be passed on at once. "
                "Prints the new id.",
            ),
            example='township briefing receive --subject "节日期间维稳工作安排" --from 县综治办',
        ),
        Step(
            "pass-on",
            Text("传达到有关部门", "passed on"),
            ("received",),
            "passed-on",
            stamp="passed_on",
            inputs=(Input("to", writes="recipients", required=True, note=True),),
            help=Text(
                "记录把指示传达到有关部门（第一时间传达）。",
                "Record that the instruction was passed on to the offices concerned.",
            ),
            example="township briefing pass-on BRF-2026-0002 --to 各村委会",
        ),
        Step(
            "archive",
            Text("处理完毕存档", "archived"),
            ("sent", "passed-on"),
            "archived",
            stamp="archived_on",
            help=Text("处理完毕后存档。", "Archive it once it has been dealt with."),
            example="township briefing archive BRF-2026-0001",
        ),
    ),
    fields=(
        Field("dated", Text("日期", "date"), list=True, type="date"),
        Field("subject", Text("事由", "subject"), "secret", amendable=True, list=True),
        Field("category", Text("报告内容类别", "category"), catalogue=CATEGORIES, type="int"),
        Field("level", Text("密级", "secrecy level"), catalogue=LEVELS, list=True, type="text"),
        Field("handler", Text("保密员（经办人）", "secrecy officer"), amendable=True, type="text"),
        Field("channel", Text("传达途径", "channel"), type="text"),
        Field("recipients", Text("报送/传达对象", "to"), amendable=True, list=True),
        Field("issuer", Text("来文机关", "from"), amendable=True, type="text"),
        Field("source", Text("来源记录", "source record"), type="text"),
        Field("passed_on", Text("传达日期", "passed on"), show=_passed, type="date"),
        Field("archived_on", Text("存档日期", "archived on"), type="date"),
    ),
    final=("archived",),
    handler_fields=("responsible.person", "responsible.dept", "actor", "handler"),
    protected=classified,
    summary=("recipients", "issuer"),
    matter=("subject",),
)
MACHINE = Machine(SPEC)


def register(records: list[Record], year: int) -> list[Record]:
    """The classified reports and instructions of ``year``, in date order (收发登记)."""
    return sorted(
        (r for r in records if classified(r) and str(r.get("dated", "")).startswith(str(year))),
        key=lambda r: (r.get("dated", ""), r["id"]),
    )


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """A report sent up (one in three classified) or an instruction passed on."""
    at = {"actor": maker.clerk(), "env": maker.env}
    if maker.rng.random() < 0.5:
        secret = maker.rng.random() < 0.34
        values = {
            "subject": maker.rng.choice(("村民因征地补偿聚集苗头", "节前矛盾纠纷排查情况")),
            "category": maker.rng.choice((1, 3, 5)),
            "to": "镇党委书记、镇长",
            "level": "秘密" if secret else "none",
            "handler": "保密员赵某" if secret else None,
        }
        record = file_report(maker.tx, on=on, today=on, **at, **values)
        maker.count(KIND, on)
        later = maker.later(on, 2, 6)
        if finish and maker.done(later):
            MACHINE.take(maker.tx, "archive", record["id"], {}, on=later, today=later, **at)
        return
    values = {"subject": "重大节日期间维稳工作部署", "from": "县综治办"}
    record = receive_instruction(maker.tx, on=on, today=on, **at, **values)
    maker.count(KIND, on)
    if finish:
        MACHINE.take(maker.tx, "pass-on", record["id"], {"to": "各村委会"}, on=on, today=on, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: BRF-YYYY-0001 a report sent
    (classified, so the register has a line), -0002 an instruction to pass on."""
    day = maker.working_days_before(5)
    at = {"actor": "示例", "env": maker.env}
    values = {
        "subject": "节前矛盾纠纷排查情况",
        "category": 5,
        "to": "镇党委书记",
        "level": "秘密",
        "handler": "保密员赵某",
    }
    file_report(maker.tx, on=day, today=day, **at, **values)
    maker.count(KIND, day)
    instruction = {"subject": "节日期间维稳工作安排", "from": "县综治办"}
    receive_instruction(maker.tx, on=day, today=day, **at, **instruction)
    maker.count(KIND, day)
