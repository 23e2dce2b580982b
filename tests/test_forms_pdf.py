"""Each printed form, printed to PDF by a real headless browser .

Chromium prints the HTML exactly as a clerk's browser would (A4, the
form's own margins); poppler's ``pdfinfo`` counts the pages and
``pdftotext`` reads the text back, per page. Both come from Debian
packages (``chromium``, ``poppler-utils``, and ``fonts-noto-cjk`` for the
Chinese glyphs); ``.ci/run`` installs them. Without them these tests are
skipped, unless ``REQUIRE_PRINT_TOOLS=1`` (as CI sets it) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = [CHROMIUM, shutil.which("pdfinfo"), shutil.which("pdftotext")]
if not all(TOOLS):
    if os.environ.get("REQUIRE_PRINT_TOOLS") == "1":
        raise RuntimeError("chromium and poppler-utils are required (REQUIRE_PRINT_TOOLS=1)")
    pytest.skip("chromium or poppler-utils not installed", allow_module_level=True)


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def print_pdf(html: str, tmp_path: Path, name: str) -> Path:
    """Print ``html`` to PDF with headless chromium; return the PDF's path."""
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert pdf.exists() and pdf.stat().st_size > 0
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def page_text(pdf: Path, page: int) -> str:
    """The text of one page, spaces removed (pdftotext spaces out CJK glyph runs)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(out.split())


def log_and_notify(run: Invoke, items: list[str]) -> str:
    rid = ok(
        run("inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办")
    ).splitlines()[0]
    args = [a for item in items for a in ("--item", item)]
    ok(run("inquiry", "notify", rid, *args))
    return rid


def test_notice_two_copies_share_one_a4_page(run: Invoke, tmp_path: Path) -> None:
    rid = log_and_notify(run, ["户口簿复印件", "收入证明"])
    pdf = print_pdf(ok(run("inquiry", "notice", rid, "--format", "html")), tmp_path, "notice")
    assert pages(pdf) == 1
    text = page_text(pdf, 1)
    assert text.count(f"{rid}-1") == 2 and text.count("一次性告知书") == 2
    assert "1.户口簿复印件" in text and "2.收入证明" in text
    assert "告知日期：2026-03-02" in text and "沿此线裁开" in text
    assert "第一联交当事人" in text and "第二联经办人留存" in text


def test_a_long_notice_puts_each_copy_on_a_page_of_its_own(run: Invoke, tmp_path: Path) -> None:
    items = [f"第{i}项补正材料（复印件，加盖村委会公章）" for i in range(1, 19)]
    rid = log_and_notify(run, items)
    pdf = print_pdf(ok(run("inquiry", "notice", rid, "--format", "html")), tmp_path, "long")
    # too long for half a sheet: two pages, each holding one whole copy
    assert pages(pdf) == 2
    for page, label in ((1, "第一联交当事人"), (2, "第二联经办人留存")):
        text = page_text(pdf, page)
        assert label in text and f"{rid}-1" in text
        assert "1.第1项" in text and "18.第18项" in text and "告知日期：2026-03-02" in text


def test_receipt_prints_on_one_page(run: Invoke, tmp_path: Path) -> None:
    rid = ok(
        run(
            "inquiry", "log", "--name", "李四", "--matter", "申请低保", "--type", "apply",
            "--material", "身份证复印件:2", "--material", "户口簿:4", "--dept", "民政办",
        )
    ).splitlines()[0]  # fmt: skip
    pdf = print_pdf(ok(run("inquiry", "receipt", rid, "--format", "html")), tmp_path, "receipt")
    assert pages(pdf) == 1
    text = page_text(pdf, 1)
    for needle in (rid, "收件回执", "1.身份证复印件2页", "2.户口簿4页", "合计页数：6页"):
        assert needle in text
    assert "出具日期：2026-03-02" in text and "受理单位（盖章）" in text


def test_decision_notice_prints_on_one_page(run: Invoke, tmp_path: Path) -> None:
    from test_forms import decided_case

    cid = decided_case(run)
    html = ok(run("case", "decision-notice", cid, "--format", "html"))
    pdf = print_pdf(html, tmp_path, "decision")
    assert pages(pdf) == 1
    text = page_text(pdf, 1)
    for needle in (cid, "问责决定书", "1.⑤通报批评", "2.④责令公开道歉", "决定日期：2026-02-06"):
        assert needle in text


def test_denial_form_prints_on_one_page_in_english(run: Invoke, tmp_path: Path) -> None:
    from test_forms import filed_denial

    rid = filed_denial(run)
    html = ok(run("denial", "form", rid, "--format", "html", lang="en"))
    pdf = print_pdf(html, tmp_path, "denial")
    assert pages(pdf) == 1
    text = page_text(pdf, 1)
    for needle in (rid, "Denialfilingform", "Filedon:2026-03-02", "Fileandnotifyby:2026-03-16"):
        assert needle in text


def test_supervision_notice_prints_on_one_page(tmp_path: Path) -> None:
    from test_forms import CONFIG, SUPERVISION

    from township.views.forms import render_html, supervision_notice

    pdf = print_pdf(render_html(supervision_notice(SUPERVISION, CONFIG, 3), "zh"), tmp_path, "sup")
    assert pages(pdf) == 1
    text = page_text(pdf, 1)
    for needle in ("SUP-2026-0001", "督办告知书", "CASE-2026-0003", "督办日期：2026-03-02"):
        assert needle in text
