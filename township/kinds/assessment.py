"""The year-end assessment — 年底总考核 (prefix ASM, kind ``assessment``).

规范权力运营工作实施方案 (二)2 and the 查究问责制度's 考核: each unit's result of
the year is recorded (``pass`` 合格 / ``fail`` 不合格). A unit that failed the
year loses the year's honours (取消当年评先评优资格); two failing years in a
row cost the post (调整工作岗位) — ``township.views.openness`` reads these records
for ``stats``. The recurring duty ``assessment`` is met by them.

One step: ``record -> recorded``. A unit's year may be recorded again (after
a review): the latest record (by date, then id) is the one that counts, and
the earlier stays in the files as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, new_record, require_text
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "assessment"
RESULTS: dict[str, Text] = {"pass": Text("合格", "pass"), "fail": Text("不合格", "fail")}

SPEC = KindSpec(
    KIND,
    statuses={"recorded": Text("已登记", "recorded")},
    steps=(Step("record", Text("登记考核结果", "recorded"), (), "recorded"),),
    fields=(
        Field("year", Text("考核年度", "year"), list=True),
        Field("unit", Text("单位", "unit"), list=True),
        Field("result", Text("考核结果", "result"), catalogue=RESULTS, list=True),
        Field("note", Text("备注", "note"), amendable=True, optional=True),
    ),
    final=("recorded",),
    handler_fields=("responsible.person", "responsible.dept", "actor", "unit"),
    summary=("unit", "note"),
)
MACHINE = Machine(SPEC)


def record_assessment(
    tx: Transaction,
    *,
    year: int,
    unit: str,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    note: str | None = None,
) -> Record:
    """Record ``unit``'s assessment result of ``year`` (recorded on ``on``)."""
    unit = require_text(unit, Text("单位（--unit）", "The unit (--unit)"))
    if result not in RESULTS:
        raise BadInput(
            Text(
                "考核结果「{value}」无效；可选：pass, fail。",
                "Invalid result '{value}'; valid: pass, fail.",
            ),
            value=result,
        )
    if not 2000 <= year <= on.year:
        raise BadInput(
            Text(
                "考核年度 {year} 无效：应在 2000 年至登记日所在年度（{on}）之间。",
                "The year {year} is not valid: it must lie between 2000 and the year of the "
                "date recorded ({on}).",
            ),
            year=year,
            on=on.isoformat(),
        )

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="recorded",
            person=actor,
            dept="党政办",
            year=year,
            unit=unit,
            result=result,
            note=(note or "").strip() or None,
        )

    return MACHINE.create(tx, "record", build, on=on, today=today, actor=actor, env=env)


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
    record_assessment(
        maker.tx,
        year=year,
        unit=unit,
        result="fail" if maker.rng.random() < 0.2 else "pass",
        on=on,
        today=on,
        actor=maker.clerk(),
        env=maker.env,
    )
    maker.count(KIND, on)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (ASM-YYYY-0001): last
    year's result of one unit, recorded some twenty-five working days ago."""
    on = maker.working_days_before(25)
    record_assessment(
        maker.tx,
        year=on.year - 1,
        unit="综治办",
        result="pass",
        note="考核得分 86",
        on=on,
        today=on,
        actor="何某",
        env=maker.env,
    )
    maker.count(KIND, on)
