"""Each printed form, printed to PDF by a real headless browser .

Chromium prints the HTML exactly as a clerk's browser would (A4, the
margins of GB/T 9704-2012); poppler's ``pdfinfo`` reads the page size and
counts the pages, ``pdftotext`` reads the text back per page (and its word
boxes, for the left and right edges and the lines), and ``pdftoppm``
renders a page so that the ink's top and bottom can be measured. Both come from Debian
packages (``chromium``, ``poppler-utils``, and ``fonts-noto-cjk`` for the
Chinese glyphs); ``.ci/run`` installs them. Without them these tests are
skipped, unless ``REQUIRE_PRINT_TOOLS=1`` (as CI sets it) makes that a failure.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = [CHROMIUM, shutil.which("pdfinfo"), shutil.which("pdftotext"), shutil.which("pdftoppm")]
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


MM = 72 / 25.4  # PDF points per millimetre

# GB/T 9704-2012 on A4 (210 × 297 mm): the text area is 156 × 225 mm, its top-left
# corner 37 mm from the top and 28 mm from the left edge; it ends 28 + 156 = 184 mm
# from the left and 37 + 225 = 262 mm from the top.
LEFT, TOP, RIGHT, BOTTOM = 28.0, 37.0, 184.0, 262.0
# Tolerances, and why:
# - x is read from pdftotext's word boxes, which are the glyphs' advance boxes: a
#   line starts exactly at the text area's edge, up to rounding (0.5 mm).
# - y is read from the ink (the page rendered by pdftoppm): the first line's glyphs
#   start below the top of their line box by the half-leading and the glyph's top
#   bearing, a few millimetres; nothing may be printed above the text area (0.5 mm
#   for anti-aliasing at 100 dpi, one pixel being 0.25 mm).
EDGE = 0.5
FIRST_LINE = 4.5
# - Chromium embeds the Noto CJK fonts (CFF outlines) as Type 3 fonts, for which
#   pdftotext makes each word's box the font's bounding box: 14.7 mm tall for 16 pt
#   text in a 10.2 mm line, so it reaches 3.3 mm above the line (5 mm for the 24 pt
#   发文机关标志) and as far below. Word boxes may therefore cross the text area's
#   top and bottom by that much; the ink may not.
BOX_OVERSHOOT = 5.5


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def page_size(pdf: Path) -> tuple[float, float]:
    """The first page's size in millimetres (pdfinfo: ``Page size: 594.96 x 841.92 pts (A4)``)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Page size:"))
    width, height = line.split()[2], line.split()[4]
    return float(width) / MM, float(height) / MM


def page_text(pdf: Path, page: int) -> str:
    """The text of one page, spaces removed (pdftotext spaces out CJK glyph runs)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(out.split())


@dataclass(frozen=True)
class Word:
    """A word box of pdftotext -bbox, in millimetres from the page's top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words(pdf: Path, page: int) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out
    )
    return [
        Word(html.unescape(t), float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM)
        for a, b, c, d, t in found
    ]


def ink(pdf: Path, page: int, tmp_path: Path) -> tuple[float, float, float, float]:
    """The box of everything printed dark on ``page`` (left, top, right, bottom, in mm).

    The page is rendered in grey at 100 dpi; a pixel darker than 160 is ink
    (black text, the red rule and the seal's place; not the light mark across
    the page).
    """
    base = tmp_path / f"ink-{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "100", "-f", str(page), "-l", str(page), str(pdf), str(base)],
        check=True,
        capture_output=True,
    )
    (image,) = tmp_path.glob(f"ink-{page}*.pgm")
    data = image.read_bytes()
    magic, width, height, _depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    w, h = int(width), int(height)
    rows = [pixels[y * w : (y + 1) * w] for y in range(h)]
    dark_rows = [y for y, row in enumerate(rows) if min(row) < 160]
    dark_cols = [
        x for x in range(w) if any(row[x] < 160 for row in rows[dark_rows[0] : dark_rows[-1] + 1])
    ]
    px = 25.4 / 100
    image.unlink()
    return dark_cols[0] * px, dark_rows[0] * px, (dark_cols[-1] + 1) * px, (dark_rows[-1] + 1) * px


def assert_gb_t_9704_page(pdf: Path, tmp_path: Path) -> None:
    """Every page is A4 and everything on it lies in the text area of GB/T 9704."""
    width, height = page_size(pdf)
    assert abs(width - 210) < 0.5 and abs(height - 297) < 0.5, (width, height)
    for page in range(1, pages(pdf) + 1):
        boxes = words(pdf, page)
        left = min(w.x0 for w in boxes)
        right = max(w.x1 for w in boxes)
        assert abs(left - LEFT) < EDGE, left  # a line starts at the left edge of the text area
        assert right < RIGHT + EDGE, right
        assert min(w.y0 for w in boxes) > TOP - BOX_OVERSHOOT
        assert max(w.y1 for w in boxes) < BOTTOM + BOX_OVERSHOOT
        ink_left, ink_top, ink_right, ink_bottom = ink(pdf, page, tmp_path)
        assert ink_left > LEFT - EDGE and ink_right < RIGHT + EDGE, (ink_left, ink_right)
        assert TOP - EDGE < ink_top < TOP + FIRST_LINE, ink_top
        assert ink_bottom < BOTTOM + EDGE, ink_bottom


def office(data_dir: Path) -> None:
    from test_forms import OFFICE

    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    service = '\n[services]\n"临时救助申请" = 5\n'
    (data_dir / "township.toml").write_text(OFFICE + service, encoding="utf-8")


def log_and_notify(run: Invoke, items: list[str], *service: str) -> str:
    rid = ok(
        run(
            "inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办",
            *service,
        )
    ).splitlines()[0]  # fmt: skip
    args = [a for item in items for a in ("--item", item)]
    ok(run("inquiry", "notify", rid, *args))
    return rid


def test_a_notice_of_six_items_keeps_both_copies_on_one_a4_sheet(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    office(data_dir)
    items = [f"第{i}项补正材料（复印件，加盖村委会公章）" for i in range(1, 7)]
    rid = log_and_notify(run, items, "--type", "apply", "--service", "临时救助申请")
    pdf = print_pdf(ok(run("inquiry", "notice", rid, "--format", "html")), tmp_path, "notice")
    assert pages(pdf) == 1
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    assert text.count(f"{rid}-1") == 2 and text.count("一次性告知书") == 2
    assert text.count("1.第1项") == 2 and text.count("6.第6项") == 2
    assert text.count("青山镇人民政府") == 2 and text.count("申请临时救助") == 2
    # the service's committed time ([services] "临时救助申请" = 5)
    assert text.count("办理时限：材料齐全之日起5个工作日内办结") == 2
    assert text.count("告知日期：2026年3月2日") == 2 and "沿此线裁开" in text
    assert "第一联交当事人" in text and "第二联经办人留存" in text


def test_a_long_notice_puts_each_copy_on_a_page_of_its_own(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    office(data_dir)
    items = [f"第{i}项补正材料（复印件，加盖村委会公章）" for i in range(1, 19)]
    rid = log_and_notify(run, items)
    pdf = print_pdf(ok(run("inquiry", "notice", rid, "--format", "html")), tmp_path, "long")
    # too long for half a sheet: two pages, each holding one whole copy
    assert pages(pdf) == 2
    assert_gb_t_9704_page(pdf, tmp_path)
    for page, label in ((1, "第一联交当事人"), (2, "第二联经办人留存")):
        text = page_text(pdf, page)
        assert label in text and f"{rid}-1" in text
        assert "1.第1项" in text and "18.第18项" in text and "告知日期：2026年3月2日" in text


def test_receipt_prints_on_one_page(run: Invoke, data_dir: Path, tmp_path: Path) -> None:
    office(data_dir)
    rid = ok(
        run(
            "inquiry", "log", "--name", "李四", "--matter", "申请低保", "--type", "apply",
            "--material", "身份证复印件:2", "--material", "户口簿:4", "--dept", "民政办",
        )
    ).splitlines()[0]  # fmt: skip
    pdf = print_pdf(ok(run("inquiry", "receipt", rid, "--format", "html")), tmp_path, "receipt")
    assert pages(pdf) == 1
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    for needle in (
        rid,
        "收件回执",
        "申请低保",
        "1.身份证复印件2页",
        "2.户口簿4页",
        "合计页数：6页",
    ):
        assert needle in text
    assert "出具日期：2026年3月2日" in text and "青山镇人民政府（盖章）" in text


FACTS = "该同志在办理低保申请过程中多次拖延推诿群众反映强烈经核实情况属实造成不良影响" * 2


def test_decision_notice_is_laid_out_to_gb_t_9704(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    from test_forms import decided_case

    # longer facts, all CJK, so that full lines can be counted
    cid = decided_case(run, FACTS)
    office(data_dir)
    html = ok(run("case", "decision-notice", cid, "--format", "html", today="2026-02-09"))
    pdf = print_pdf(html, tmp_path, "decision")
    assert pages(pdf) == 1  # a typical decision is one page
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    for needle in (
        "中共青山镇委员会",  # 发文机关标志 and 署名: the party committee decides
        "青委发〔2026〕1号",
        "关于给予李某通报批评、责令公开道歉的决定",
        "李某：",
        "办事拖拉、推诿扯皮",  # the matter
        "2026年2月6日",  # 成文日期
        "中共青山镇委员会（盖章）",  # the seal's place, with the township's name
        "抄送：民政办。",
        f"存档编号：{cid}",
        "青山镇党政办公室",
        "2026年2月9日印发",
    ):
        assert needle in text, needle
    assert text.count(cid) == 1 and "2026-02" not in text
    boxes = words(pdf, 1)
    # 28 characters a line: the facts' lines that begin at the left edge hold 28 each,
    # but the paragraph's last
    facts = [w for w in boxes if w.text in FACTS and abs(w.x0 - LEFT) < EDGE]
    assert len(facts) >= 2 and all(len(w.text) == 28 for w in facts[:-1]), facts
    # 22 lines a page: the body's line pitch is 225 / 22 = 10.2 mm (chromium rounds
    # each line box to whole device pixels, hence 0.3 mm)
    tops = sorted({round(w.y0, 1) for w in boxes if abs(w.x0 - LEFT) < EDGE})
    pitches = sorted(b - a for a, b in itertools.pairwise(tops) if b - a < 12)
    pitch = pitches[len(pitches) // 2]
    assert abs(pitch - 225 / 22) < 0.3, pitches
    # the 版记 closes the page: its last line sits at the bottom of the text area
    printed = next(w for w in boxes if w.text.endswith("印发"))
    assert printed.y1 > BOTTOM - 12, printed


def test_draft_and_demo_marks_are_printed_across_the_page(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    from test_forms import decided_case

    ok(run("init", "--demo", "--size", "10", today="2026-02-02"))
    cid = decided_case(run)
    demo = print_pdf(ok(run("case", "decision-notice", cid, "--format", "html")), tmp_path, "demo")
    # the mark reads as a word of its own, before the 发文机关标志 (the large mark
    # across the page is a picture, so it is not mixed into the text read back)
    assert pages(demo) == 1 and "演示" in [w.text for w in words(demo, 1)]
    # a long issuing body's name (中共演示镇委员会（虚构数据）) still signs inside the text area
    assert_gb_t_9704_page(demo, tmp_path)
    text = page_text(demo, 1).replace("演示", "", 1)  # the mark, wherever it is read
    assert "中共演示镇委员会（虚构数据）演委发〔2026〕1号关于给予李某" in text
    draft = ok(run("case", "decision-notice", cid, "--format", "html", "--draft"))
    pdf = print_pdf(draft, tmp_path, "draft")
    assert pages(pdf) == 1 and "样稿" in [w.text for w in words(pdf, 1)]
    text = page_text(pdf, 1).replace("样稿", "", 1)
    assert "中共演示镇委员会（虚构数据）演委发〔2026〕1号关于给予李某" in text


def test_denial_form_prints_on_one_page_in_english(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    from test_forms import filed_denial

    office(data_dir)
    rid = filed_denial(run)
    html = ok(run("denial", "form", rid, "--format", "html", lang="en"))
    pdf = print_pdf(html, tmp_path, "denial")
    assert pages(pdf) == 1
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    for needle in (rid, "Denialfilingform", "Filedon:2026-03-02", "Fileandnotifyby:2026-03-16"):
        assert needle in text


def test_supervision_notice_names_the_supervised_matter(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    office(data_dir)
    tsk = ok(
        run(
            "task", "receive", "--title", "落实农村饮水安全排查", "--from", "县人民政府办公室",
            "--doc-no", "县府办发〔2026〕7号", "--type", "execute", "--dept", "村镇建设办",
            "--person", "刘某", "--on", "2026-02-02", today="2026-03-02",
        )
    ).splitlines()[0]  # fmt: skip
    sup = ok(
        run(
            "supervision", "issue", "--record", tsk, "--reason", "超过办理时限未办结",
            "--on", "2026-03-02", today="2026-03-02",
        )
    ).splitlines()[0]  # fmt: skip
    html = ok(run("supervision", "notice", sup, "--format", "html"))
    pdf = print_pdf(html, tmp_path, "sup")
    assert pages(pdf) == 1
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    # received Mon 02-02, 15 working days: 02-03..02-06 1-4, 02-09..02-13 5-9, Sat
    # 02-14 (make-up) 10, rest 02-15..02-23, 02-24..02-27 11-14, Sat 02-28 (make-up) 15;
    # on Mon 03-02 it is 1 working day late.
    for needle in (
        "青山镇人民政府",
        "青督〔2026〕1号",
        "落实农村饮水安全排查",
        "县人民政府办公室",
        "县府办发〔2026〕7号",
        "应于2026年2月28日前完成",
        "已逾期1个工作日",
        "（本镇规定）",
        "村镇建设办：",
        "2026年3月2日",
        f"存档编号：{sup}",
    ):
        assert needle in text, needle


def test_a_notice_with_the_services_procedure_and_basis_keeps_one_sheet(
    run: Invoke, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from township.book import services

    full = services.Service(
        "临时救助申请",
        days=5,
        procedure=("申请", "受理", "审核", "民主评议", "公示", "审批", "发放"),
        basis="《社会救助暂行办法》第四十七条至第五十条、《临时救助制度实施办法》",
        clause="机关效能建设制度·一次性告知制",
    )
    monkeypatch.setattr(services, "service_of", lambda name, config: full)
    office(data_dir)
    items = [f"第{i}项补正材料（复印件，加盖村委会公章）" for i in range(1, 7)]
    rid = log_and_notify(run, items, "--type", "apply", "--service", "临时救助申请")
    pdf = print_pdf(ok(run("inquiry", "notice", rid, "--format", "html")), tmp_path, "full")
    assert pages(pdf) == 1  # six items, the procedure, basis and period: still one sheet
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    assert text.count("办理程序：申请→受理→审核→民主评议→公示→审批→发放") == 2
    assert text.count("《临时救助制度实施办法》（机关效能建设制度·一次性告知制）") == 2
    assert text.count("6.第6项") == 2


def test_the_briefing_register_prints_on_a4_with_chinese_dates(
    run: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    office(data_dir)
    ok(
        run(
            "briefing", "file", "--subject", "某村聚集苗头", "--category", "3",
            "--to", "县委政法委", "--level", "秘密", "--handler", "保密员赵某",
        )
    )  # fmt: skip
    html = ok(run("briefing", "register", "--format", "html"))
    pdf = print_pdf(html, tmp_path, "register")
    assert pages(pdf) == 1
    assert_gb_t_9704_page(pdf, tmp_path)
    text = page_text(pdf, 1)
    assert "2026年涉密信息报告收发登记" in text and "2026年3月2日" in text
    assert "某村聚集苗头" not in text  # masked without --reveal
