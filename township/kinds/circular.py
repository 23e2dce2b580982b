"""Quarterly circulars — 每季一通报 (prefix CIR, kind ``circular``).

规范权力运营工作实施方案 (二)2: 每月一督查，每季一通报，年底总考核. A circular
names the units it praises and the units it criticises (通报批评); 对年内两次被
通报批评的支部，实施一票否决 — ``township.views.openness`` reads the circulars for
``stats``. The circular is issued on the date of its ``issue`` step (the
create event); ``period`` ("2026Q1") and ``year`` (2026) say which quarter it
covers. The recurring duty ``circular`` is met by these records.

One step, declared in ``SPEC``: ``issue -> issued`` (``issue_circular``: a
unit may not be both praised and criticised in one circular; a circular may
not be issued before its quarter begins).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.dates import QUARTER, parse_quarter, quarter_start
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Env, Machine, Record, check_inputs, new_record

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "circular"
# The office that issues the circulars (效能办 at 党政办): the record's responsible unit.
ISSUER = "党政办"
_SPLIT = re.compile(r"[,，、;；]")


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


def issue_circular(
    tx: Transaction,
    *,
    period: str | None,
    criticize: Iterable[str] = (),
    praise: Iterable[str] = (),
    note: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the circular of ``period`` issued on ``on``, with the units it criticises
    and praises (each value may list several, separated by commas).

    Refused before its quarter begins, and when one unit is both criticised
    and praised.
    """
    values = {"period": period, "criticize": criticize, "praise": praise, "note": note}
    got = check_inputs(SPEC.step("issue"), values)
    field = SPEC.field("period")
    year, quarter = parse_quarter(got["period"], field.label if field else QUARTER)
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
    criticized = units_of(got.get("criticize"))
    praised = units_of(got.get("praise"))
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
            dept=ISSUER,
            period=label,
            year=year,
            issued=on.isoformat(),
            criticized=criticized,
            praised=praised,
            note=got.get("note"),
        )

    return MACHINE.create(tx, "issue", build, on=on, today=today, actor=actor, env=env)


def _units_help(zh: str, en: str) -> Text:
    return Text(
        f"{zh}的单位；可重复，或用逗号分隔多个单位",
        f"a unit {en}; repeat it, or separate units by commas",
    )


SPEC = KindSpec(
    KIND,
    statuses={"issued": Text("已通报", "issued")},
    steps=(
        Step(
            "issue",
            Text("印发通报", "issued"),
            (),
            "issued",
            inputs=(
                Input(
                    "period",
                    required=True,
                    metavar="YYYYQN",
                    help=Text("通报所属的季度，如 2026Q1", "the quarter covered, e.g. 2026Q1"),
                ),
                Input(
                    "criticize",
                    type="texts",
                    writes="criticized",
                    metavar="UNIT",
                    help=_units_help("通报批评", "criticised (通报批评)"),
                ),
                Input(
                    "praise",
                    type="texts",
                    writes="praised",
                    metavar="UNIT",
                    help=_units_help("通报表扬", "praised (通报表扬)"),
                ),
                Input(
                    "note",
                    help=Text(
                        "备注（通报文号、主题）", "a note (the circular's number, its subject)"
                    ),
                ),
            ),
            run=issue_circular,
            help=Text(
                "记录一个季度的通报，印发日期为 --on（默认今天）。输出新编号。",
                "Record the circular of a quarter, issued on --on (default today). Prints the "
                "new id.",
            ),
            example="township circular issue --period 2025Q4 --criticize 财政所 --criticize 综治办 \\\n"
            "    --praise 民政办",
        ),
    ),
    fields=(
        Field("period", Text("通报期间", "period"), list=True, type="text"),
        Field("year", Text("年度", "year"), type="int"),
        Field("issued", Text("印发日期", "issued"), list=True, type="date"),
        Field(
            "criticized",
            Text("通报批评", "criticised"),
            list=True,
            show=_units("criticized"),
            type="texts",
        ),
        Field(
            "praised", Text("通报表扬", "praised"), list=True, show=_units("praised"), type="texts"
        ),
        Field("note", Text("备注", "note"), amendable=True, optional=True, type="text"),
    ),
    final=("issued",),
    handler_fields=("responsible.person", "responsible.dept", "actor", "criticized", "praised"),
    summary=("period", "criticized", "praised", "note"),
    matter=("period",),
)
MACHINE = Machine(SPEC)


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.01


def _previous_quarter(day: dt.date) -> str:
    year, quarter = (day.year, (day.month - 1) // 3) if day.month > 3 else (day.year - 1, 4)
    return f"{year}Q{quarter}"


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """The circular of the quarter before ``on``, once; otherwise a disclosure request."""
    done: set[str] = maker.__dict__.setdefault("circulars_issued", set())
    label = _previous_quarter(on)
    if label in done:
        from township.kinds import disclosure

        disclosure.demo(maker, on, finish)
        return
    done.add(label)
    units = ["民政办", "财政所", "综治办", "村镇建设办", "劳动保障站", "自然资源所"]
    criticized = maker.rng.sample(units, 2)
    praised = [u for u in units if u not in criticized][:1]
    values = {"period": label, "criticize": criticized, "praise": praised}
    MACHINE.take(
        maker.tx, "issue", None, values, on=on, today=on, actor=maker.clerk(), env=maker.env
    )
    maker.count(KIND, on)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (CIR-YYYY-0001): the
    circular of the quarter before, issued some twenty working days ago."""
    on = maker.working_days_before(20)
    values = {
        "period": _previous_quarter(on),
        "criticize": ["财政所"],
        "praise": ["民政办"],
        "note": "镇效能办通报",
    }
    MACHINE.take(maker.tx, "issue", None, values, on=on, today=on, actor="何某", env=maker.env)
    maker.count(KIND, on)
