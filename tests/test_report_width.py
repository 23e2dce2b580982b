"""The daily report's table fits 120 columns in both languages (``township overdue``).

Exhaustive over what the table cannot cut: every kind's label, every state a
deadline can be in (the longest: seriously overdue by three digits of working
days), ids of every prefix with a five-digit serial; and over what it cuts:
every rule's label, long matters and responsible offices. Widths are measured
as a terminal shows them (``wcwidth``: a Chinese character takes two columns).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from wcwidth import wcswidth

from commands.render import View, render
from commands.report_cmd import REPORT_COLUMNS, TABLE_LEAVES_OUT, TABLE_WIDTH, _fit, _row
from township.book.registry import KINDS
from township.book.rules import RULES
from township.i18n import Text
from township.views.report import ReportItem

DAY = dt.date(2026, 3, 2)
# (state, workdays late, workdays left, serious): every state label, at its longest
STATES = (
    ("overdue", 999, 0, True),
    ("overdue", 999, 0, False),
    ("overdue", 0, 0, False),
    ("due-today", 0, 0, False),
    ("due-soon", 0, 99, False),
)
MATTER = Text("关于落实农村饮水安全工程排查整改工作的通知" * 2, "safe drinking water " * 5)


def item(kind: str, rule: str, state: tuple[str, int, int, bool], serial: int) -> ReportItem:
    name, late, left, serious = state
    return ReportItem(
        record_id=f"{KINDS[kind].prefix}-2026-{serial:05d}",
        kind=kind,
        rule=RULES[rule],
        matter=MATTER,
        person="欧阳某某某",
        dept="社会治安综合治理和维护稳定办公室",
        trigger=DAY,
        due=DAY,
        state=name,  # type: ignore[arg-type]
        workdays_late=late,
        workdays_left=left,
        serious=serious,
        provisional=True,
    )


def widest(items: list[ReportItem], lang: str) -> int:
    columns = [c for c in REPORT_COLUMNS if c.key not in TABLE_LEAVES_OUT]
    rows = _fit([_row(i, {}) for i in items], columns, lang)
    out = render(View(rows, columns, compact=True), "table", lang)
    return max(wcswidth(line) for line in out.splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_rule_and_state_together_fits_120_columns(lang: str) -> None:
    # one table holding the longest of every column at once: the widest it can be
    rows = [
        item(kind, rule, state, 99999)
        for kind, rule, state in zip(
            itertools.cycle(KINDS), RULES, itertools.cycle(STATES), strict=False
        )
    ]
    rows += [item(kind, "task-completion", STATES[0], 99999) for kind in KINDS]
    assert widest(rows, lang) <= TABLE_WIDTH


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_kind_with_each_of_its_rules_and_states_fits_120_columns(lang: str) -> None:
    for kind, rule, state in itertools.product(KINDS, RULES, STATES):
        found = widest([item(kind, rule, state, 99999)], lang)
        assert found <= TABLE_WIDTH, (kind, rule, state, found)
