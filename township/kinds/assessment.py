"""The year-end assessment — 年底总考核 (prefix ASM, kind ``assessment``).

规范权力运营工作实施方案 (二)2 and the 查究问责制度's 考核: each unit's result of
the year is recorded (``pass`` 合格 / ``fail`` 不合格). A unit that failed the
year loses the year's honours (取消当年评先评优资格); two failing years in a
row cost the post (调整工作岗位) — ``township.views.openness`` reads these records
for ``stats``. The recurring duty ``assessment`` is met by them.

One step, declared in ``SPEC``: ``record -> recorded`` (``record_assessment``).
A unit's year may be recorded again (after a review): the latest record (by
date, then id) is the one that counts, and the earlier stays in the files as
it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import EARLIEST, Env, Machine, Record, check_inputs, new_record

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "assessment"
RESULTS: dict[str, Text] = {"pass": Text("合格", "pass"), "fail": Text("不合格", "fail")}
# The office that records the results: the record's responsible unit.
RECORDER = "党政办"


def record_assessment(
    tx: Transaction,
    *,
    year: int | None,
    unit: str | None,
    result: str | None,
    note: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record ``unit``'s assessment result of ``year`` (recorded on ``on``).

    The year lies between 2000 and the year of ``on``: a result is recorded
    once its year has begun, never ahead of it.
    """
    if year is not None and not EARLIEST.year <= year <= on.year:
        raise BadInput(
            Text(
                "考核年度 {year} 无效：应在 {earliest} 年至登记日所在年度（{on}）之间。",
                "The year {year} is not valid: it must lie between {earliest} and the year of "
                "the date recorded ({on}).",
            ),
            year=year,
            earliest=EARLIEST.year,
            on=on.isoformat(),
        )
    values = {"year": year, "unit": unit, "result": result, "note": note}
    got = check_inputs(SPEC.step("record"), values)

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="recorded",
            person=actor,
            dept=RECORDER,
            year=got["year"],
            unit=got["unit"],
            result=got["result"],
            note=got.get("note"),
        )

    return MACHINE.create(tx, "record", build, on=on, today=today, actor=actor, env=env)


SPEC = KindSpec(
    KIND,
    statuses={"recorded": Text("已登记", "recorded")},
    steps=(
        Step(
            "record",
            Text("登记考核结果", "recorded"),
            (),
            "recorded",
            inputs=(
                Input(
                    "year", type="int", required=True, help=Text("考核年度", "the year assessed")
                ),
                Input("unit", required=True, help=Text("被考核的单位", "the unit assessed")),
                Input(
                    "result",
                    type="choice",
                    catalogue=RESULTS,
                    required=True,
                    help=Text("考核结果", "the result"),
                ),
                Input("note", help=Text("备注（得分、原因）", "a note (the score, the reason)")),
            ),
            run=record_assessment,
            help=Text(
                "记录一个单位某年度的考核结果。输出新编号。\n\n"
                "同一单位同一年度再次记录（复核后）的，以新结果为准；原记录保持不变。",
                "Record a unit's assessment result of a year. Prints the new id.\n\n"
                "Recording a unit's year again (after a review) replaces the result that "
                "counts; the earlier record stays as it was.",
            ),
            example='township assessment record --year 2025 --unit 财政所 --result fail --note "考核得分 58"',
        ),
    ),
    fields=(
        Field("year", Text("考核年度", "year"), list=True, type="int"),
        Field("unit", Text("单位", "unit"), list=True, type="text"),
        Field("result", Text("考核结果", "result"), catalogue=RESULTS, list=True, type="text"),
        Field("note", Text("备注", "note"), amendable=True, optional=True, type="text"),
    ),
    final=("recorded",),
    handler_fields=("responsible.person", "responsible.dept", "actor", "unit"),
    summary=("unit", "note"),
    matter=("unit", "year"),
)
MACHINE = Machine(SPEC)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01
DEMO_UNITS = ["民政办", "财政所", "综治办", "村镇建设办", "劳动保障站", "自然资源所"]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """The previous year's result of the next unit not yet assessed; else a disclosure."""
    done: set[tuple[int, str]] = maker.__dict__.setdefault("assessments_recorded", set())
    year = on.year - 1
    left = [u for u in DEMO_UNITS if (year, u) not in done]
    if not left:
        from township.kinds import disclosure

        disclosure.demo(maker, on, finish)
        return
    unit = left[0]
    done.add((year, unit))
    values = {"year": year, "unit": unit, "result": "fail" if maker.rng.random() < 0.2 else "pass"}
    MACHINE.take(
        maker.tx, "record", None, values, on=on, today=on, actor=maker.clerk(), env=maker.env
    )
    maker.count(KIND, on)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (ASM-YYYY-0001): last
    year's result of one unit, recorded some twenty-five working days ago."""
    on = maker.working_days_before(25)
    values = {"year": on.year - 1, "unit": "综治办", "result": "pass", "note": "考核得分 86"}
    MACHINE.take(maker.tx, "record", None, values, on=on, today=on, actor="何某", env=maker.env)
    maker.count(KIND, on)
