"""The table a list prints is the one tabulate prints, made faster (``render._aligned``).

``township KIND list`` at county scale spends most of its time laying out the
table; ``commands.render`` lays out ``simple`` and ``plain`` tables itself.
The output must be tabulate's to the byte, for whatever the cells hold: CJK
and other wide characters, zero-width and combining characters, spaces to
strip, text that looks like a number or a boolean, escaped controls.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from commands.render import _aligned
from township.text import escape_control

CELL = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list("张三丰民政办已登记逾期 \u3000\u200b\u200d\u0301\ufe0f😀👍🏽-0123456789.Tru")
        ),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
).map(escape_control)


def _tabulate(headers: list[str], rows: list[list[str]], fmt: str) -> str:
    return tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True)


@settings(max_examples=400, deadline=None)
@given(
    fmt=st.sampled_from(["simple", "plain"]),
    headers=st.lists(CELL, min_size=1, max_size=4),
    data=st.data(),
)
def test_the_table_is_tabulates_to_the_byte(
    fmt: str, headers: list[str], data: st.DataObject
) -> None:
    rows = data.draw(
        st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), max_size=6)
    )
    made = _aligned(headers, rows, fmt)
    if made is not None:  # None: tabulate itself lays it out
        assert made == _tabulate(headers, rows, fmt)


@pytest.mark.parametrize("fmt", ["simple", "plain"])
def test_a_list_of_records_is_laid_out_without_tabulate(fmt: str) -> None:
    headers = ["编号", "状态", "到期日"]
    rows = [["INQ-2026-0001", "已登记", "2026-03-09"], ["INQ-2026-0002", "办结", ""]]
    made = _aligned(headers, rows, fmt)
    assert made is not None and made == _tabulate(headers, rows, fmt)
    assert made.splitlines()[0] == "编号           状态    到期日"
