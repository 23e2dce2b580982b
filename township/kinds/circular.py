"""Quarterly circulars — 每季一通报 (prefix CIR, kind ``circular``).

规范权力运营工作实施方案 (二)2: 每月一督查，每季一通报，年底总考核. A circular
names the units it praises and the units it criticises (通报批评); 对年内两次被
通报批评的支部，实施一票否决 — ``township.views.openness`` reads the circulars for
``stats``. The circular is issued on the date of its ``issue`` step (the
create event); ``period`` ("2026Q1") and ``year`` (2026) say which quarter it
covers. The recurring duty ``circular`` is met by these records.

One step: ``issue -> issued``. A unit may not be both praised and criticised
in one circular; a circular may not be issued before its quarter begins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, new_record
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "circular"
_PERIOD = re.compile(r"^(\d{4})\s*[Qq]\s*([1-4])$")
_SPLIT = re.compile(r"[,，、;；]")


def parse_period(text: str) -> tuple[int, int]:
    """``2026Q1`` -> (2026, 1); ``BadInput`` for anything else."""
    match = _PERIOD.match((text or "").strip())
    if match is None:
        raise BadInput(
            Text(
                "通报期间「{value}」无效；应写作 2026Q1（年份加季度 Q1 至 Q4）。",
                "Invalid period '{value}'; write it like 2026Q1 (a year and Q1 to Q4).",
            ),
            value=text,
        )
    return int(match.group(1)), int(match.group(2))


def quarter_start(year: int, quarter: int) -> dt.date:
    """The first day of the quarter."""
    return dt.date(year, 3 * quarter - 2, 1)


def units_of(values: Iterable[str] | None) -> list[str]:
    """Unit names from repeated options, each possibly a list separated by , 、 ;."""
    found: list[str] = []
    for value in values or ():
        for part in _SPLIT.split(value):
            name = part.strip()
            if name and name not in found:
                found.append(name)
    return found


def _units(field: str) -> Any:
    def show(record: Record) -> Any:
        units = record.get(field) or []
        return "、".join(units) if units else None

    return show


SPEC = KindSpec(
    KIND,
    statuses={"issued": Text("已通报", "issued")},
    steps=(Step("issue", Text("印发通报", "issued"), (), "issued"),),
    fields=(
        Field("period", Text("通报期间", "period"), list=True),
        Field("year", Text("年度", "year")),
        Field("issued", Text("印发日期", "issued"), list=True),
        Field("criticized", Text("通报批评", "criticised"), list=True, show=_units("criticized")),
        Field("praised", Text("通报表扬", "praised"), list=True, show=_units("praised")),
        Field("note", Text("备注", "note"), amendable=True, optional=True),
    ),
    final=("issued",),
    handler_fields=("responsible.person", "responsible.dept", "actor", "criticized", "praised"),
    summary=("period", "criticized", "praised", "note"),
)
MACHINE = Machine(SPEC)


def issue_circular(
    tx: Transaction,
    *,
    period: str,
    criticize: Iterable[str] | None,
    praise: Iterable[str] | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    note: str | None = None,
    dept: str | None = None,
) -> Record:
    """Record the circular of ``period`` issued on ``on``, with the units it criticises and praises."""
    year, quarter = parse_period(period)
    label = f"{year}Q{quarter}"
    start = quarter_start(year, quarter)
    if on < start:
        raise BadInput(
            Text(
                "{period} 的通报不能早于该季度开始（{start}）印发（印发日期 {on}）。",
                "The circular of {period} cannot be issued before the quarter begins ({start}); "
                "issued on {on}.",
            ),
            period=label,
            start=start.isoformat(),
            on=on.isoformat(),
        )
    criticized = units_of(criticize)
    praised = units_of(praise)
    both = [u for u in criticized if u in praised]
    if both:
        raise BadInput(
            Text(
                "同一通报不能既批评又表扬同一单位：{units}。",
                "One circular cannot both criticise and praise the same unit: {units}.",
            ),
            units="、".join(both),
        )

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="issued",
            person=actor,
            dept=(dept or "").strip() or "党政办",
            period=label,
            year=year,
            issued=on.isoformat(),
            criticized=criticized,
            praised=praised,
            note=(note or "").strip() or None,
        )

    return MACHINE.create(tx, "issue", build, on=on, today=today, actor=actor, env=env)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """The circular of the quarter before ``on``, once; otherwise a disclosure request."""
    year, quarter = (on.year, (on.month - 1) // 3) if on.month > 3 else (on.year - 1, 4)
    done: set[str] = maker.__dict__.setdefault("circulars_issued", set())
    label = f"{year}Q{quarter}"
    if label in done:
        from township.kinds import disclosure

        disclosure.demo(maker, on, finish)
        return
    done.add(label)
    units = ["民政办", "财政所", "综治办", "村镇建设办", "劳动保障站", "自然资源所"]
    criticized = maker.rng.sample(units, 2)
    praised = [u for u in units if u not in criticized][:1]
    issue_circular(
        maker.tx,
        period=label,
        criticize=criticized,
        praise=praised,
        on=on,
        today=on,
        actor=maker.clerk(),
        env=maker.env,
    )
    maker.count(KIND, on)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (CIR-YYYY-0001): the
    circular of the quarter before, issued some twenty working days ago."""
    on = maker.working_days_before(20)
    year, quarter = (on.year, (on.month - 1) // 3) if on.month > 3 else (on.year - 1, 4)
    issue_circular(
        maker.tx,
        period=f"{year}Q{quarter}",
        criticize=["财政所"],
        praise=["民政办"],
        note="镇效能办通报",
        on=on,
        today=on,
        actor="何某",
        env=maker.env,
    )
    maker.count(KIND, on)
