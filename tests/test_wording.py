"""The rule book's wording: local rules called 本镇规定, the copy read as the project reads it.

A local default (a number the surviving text does not state) is called 本镇规定
wherever it is shown, never 本镇默认. Where the degraded copy has a word the
project reads as another (``township.book.wording.NORMALISED``: 检验 → 检查,
提议 → 建议, 反应 → 反映, 铺张挥霍 → 铺张浪费, 尤其严重 → 特别严重, …), no clause,
catalogue label or shipped material keeps the copy's word, and docs/rules.md
prints the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from township.book.catalogs import CATALOGUES
from township.book.rules import RULES, rule_book_view
from township.book.services import SHIPPED
from township.book.wording import NORMALISED, Reading
from township.kinds.complaint import CATEGORIES, OFFICE_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    """Every clause, catalogue label and shipped material name, in Chinese."""
    texts = [r.clause.zh for r in RULES.values()]
    texts += [e.zh for c in CATALOGUES.values() for e in c.entries.values()]
    texts += [e.zh for e in CATEGORIES.values()]
    for service in SHIPPED.values():
        texts += [m.name for m in service.materials] + list(service.categories)
        texts += [*service.procedure, service.basis or ""]
    return texts


@pytest.mark.parametrize("folder", ["township", "commands", "docs", "tools"])
def test_no_local_rule_is_called_a_default(folder: str) -> None:
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".md") and "本镇默认" in path.read_text("utf-8")
    ]
    assert found == []


def test_local_rules_are_marked_so_in_township_rules() -> None:
    rows, data = rule_book_view(None)
    local = {r["rule"] for r in data if r["local_default"]}
    assert local  # the book has local rules (complaint-handling among them)
    assert "complaint-handling" in local
    for row in rows:
        assert ("本镇规定" in row["period"].zh) == (row["rule"] in local), row["rule"]


@pytest.mark.parametrize("reading", NORMALISED, ids=lambda r: r.copy)
def test_the_copys_word_is_read_as_the_standard_term(reading: Reading) -> None:
    kept = [t for t in _texts() if reading.copy in t]
    assert kept == [], f"{reading.copy} should read {reading.read}"


def test_the_five_readings_of_the_issue_are_in_the_table() -> None:
    table = {(r.copy, r.read) for r in NORMALISED}
    for pair in [
        ("检验", "检查"),
        ("提议", "建议"),
        ("反应", "反映"),
        ("铺张挥霍", "铺张浪费"),
        ("尤其严重", "特别严重"),
    ]:
        assert pair in table


def test_docs_print_the_table_and_the_offices_own_categories() -> None:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for reading in NORMALISED:
        assert f"| {reading.copy} | {reading.read} |" in text
    section = text.split("## The office's own", 1)[1]
    for n in OFFICE_CATEGORIES:
        assert CATEGORIES[n].zh.split("（")[0] in section
    assert "拖延不办或执行不力" not in section  # ① is the regulation's own
