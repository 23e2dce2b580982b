"""Each new document printed to PDF by a real headless browser .

The HTML of each command is printed by Chromium (``--no-pdf-header-footer``)
as a clerk's browser would; poppler's ``pdfinfo`` reads the page size and
count and ``pdftotext`` the text. The records are the demo's (``init --demo``
on 2026-03-02, the ones the help examples name): a typical record of each
kind, which must fit one A4 page. Without the tools these tests are skipped,
unless ``REQUIRE_PRINT_TOOLS=1`` makes that a failure (test_forms_pdf.py, whose
printing and measuring these tests use).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke

# The printing, the page's measures and the demo directory are the ones of the
# older forms' PDF tests (which skip without the tools) and of test_papers.py.
from test_forms_pdf import ok, page_size, page_text, pages, print_pdf
from test_papers import demo, demo_template  # noqa: F401 (fixtures)

A4_MM = (210, 297)


# Each command, with what its page must say: the title, the matter, the dates
# written 2026年3月2日 and the names (derivations in test_papers.py).
DOCUMENTS = {
    "intake-form": (
        ("inquiry", "intake-form", "INQ-2026-0002"),
        ("受理事项登记表", "咨询房屋不动产登记办理", "来访时间：2026年3月2日", "孙某乙", "王某"),
    ),
    "summary": (
        ("inquiry", "summary", "--month", "2026-02"),
        ("2026年2月来访情况归类", "统计期间：2026年2月1日至2026年2月28日", "接访制度（七）"),
    ),
    "report-form": (
        ("case", "report-form", "CASE-2026-0002"),
        (
            "书面调查报告",
            "陈某戊（民证办）",
            "低保审批拖延",
            "报告日期：2026年2月26日",
            "赵某、钱某",
        ),
    ),
    "petition-notice": (
        ("petition", "notice", "PET-2026-0002"),
        ("信访事项受理告知书", "反映土地流转租金拖欠", "2026年2月14日受理", "2026年4月15日前"),
    ),
    "denial-notice": (
        ("denial", "notice", "DEN-2026-0002"),
        ("否定事项书面告知书", "临时救助申请", "家庭人均收入高于救助标准", "2026年2月27日"),
    ),
    "package-form": (
        ("dispute", "package-form", "DSP-2026-0004"),
        ("领导包案“五个一”表", "邻里因排水沟堵塞发生口角", "副镇长高某", "2026年2月27日前"),
    ),
}


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_each_document_prints_on_one_a4_page(name: str, run: Invoke, tmp_path: Path) -> None:
    args, needles = DOCUMENTS[name]
    pdf = print_pdf(ok(run(*args, "--format", "html")), tmp_path, name)
    width, height = page_size(pdf)
    assert abs(width - A4_MM[0]) < 0.5 and abs(height - A4_MM[1]) < 0.5
    assert pages(pdf) == 1
    found = page_text(pdf, 1)
    for needle in needles:
        assert needle.replace(" ", "") in found, (name, needle)
