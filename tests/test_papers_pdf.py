"""Each new document printed to PDF by a real headless browser .

The HTML of each command is printed by Chromium (``--no-pdf-header-footer``)
as a clerk's browser would; poppler's ``pdfinfo`` reads the page size and
count and ``pdftotext`` the text. The records are the demo's (``init --demo``
on 2026-03-02, the ones the help examples name): a typical record of each
kind, which must fit one A4 page. Without the tools these tests are skipped,
unless ``REQUIRE_PRINT_TOOLS=1`` makes that a failure (as test_forms_pdf.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Invoke

from commands import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = [CHROMIUM, shutil.which("pdfinfo"), shutil.which("pdftotext")]
if not all(TOOLS):
    if os.environ.get("REQUIRE_PRINT_TOOLS") == "1":
        raise RuntimeError("chromium and poppler-utils are required (REQUIRE_PRINT_TOOLS=1)")
    pytest.skip("chromium or poppler-utils not installed", allow_module_level=True)

TODAY = "2026-03-02"
A4_POINTS = (595.28, 841.89)  # 210 x 297 mm


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "data"
    env = {"TOWNSHIP_DATA_DIR": str(path), "TOWNSHIP_TODAY": TODAY, "TOWNSHIP_LANG": "zh"}
    result = CliRunner().invoke(cli, ["init", "--demo"], env=env)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo(demo_template: Path, data_dir: Path) -> Path:
    shutil.copytree(demo_template, data_dir)
    return data_dir


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


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def page_size(pdf: Path) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"])
    assert match, info(pdf)
    return float(match[1]), float(match[2])


def text(pdf: Path) -> str:
    """The whole text, spaces removed (pdftotext spaces out CJK glyph runs)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(out.split())


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


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_each_document_prints_on_one_a4_page(
    name: str, run: Invoke, demo: Path, tmp_path: Path
) -> None:
    args, needles = DOCUMENTS[name]
    pdf = print_pdf(ok(run(*args, "--format", "html")), tmp_path, name)
    width, height = page_size(pdf)
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
    assert int(info(pdf)["Pages"]) == 1
    found = text(pdf)
    for needle in needles:
        assert needle.replace(" ", "") in found, (name, needle)
