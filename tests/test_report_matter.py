"""The daily report names each record's own matter, and its table fits a terminal.

The matter is what the record's kind declares (``KindSpec.matter``); the
deadline's own label (提交调查报告) is a column of its own. A table is at most
120 display columns wide (``wcwidth``: a Chinese character takes two): the
trigger date and the clause are left out of it and long cells are cut with
…; ``--format plain``, HTML and JSON keep every cell whole.
"""

from __future__ import annotations

import json

from conftest import Invoke
from test_report import Clock, Spec, seed
from wcwidth import wcswidth

from township.storage.store import Store

DEMO_DAY = "2026-12-04"  # a Friday: the demo's records end that day
LONG = "关于青山村二组与三组之间集体林地承包经营权边界争议及历年林木采伐收益分配问题的反映"


def _table_lines(output: str) -> list[str]:
    """The table's lines: from its header to the last row (before the summary)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("编号", "id ")))
    end = next(i for i, line in enumerate(lines) if line.startswith(("合计：", "Total:")))
    return lines[start:end]


def _cell_shows(cell_text: str, matter: str) -> bool:
    """``matter`` whole, or cut: what comes before … begins it."""
    if cell_text.endswith("…"):
        return matter.startswith(cell_text[:-1].rstrip())
    return cell_text == matter


def test_the_demo_table_fits_120_columns_and_names_every_matter(run: Invoke) -> None:
    assert run("init", "--demo", today=DEMO_DAY).exit_code == 0
    table = run("overdue", today=DEMO_DAY)
    assert table.exit_code == 0, table.output
    lines = _table_lines(table.output)
    assert len(lines) > 10
    assert max(wcswidth(line) for line in lines) <= 120
    data = json.loads(run("overdue", "--format", "json", today=DEMO_DAY).output)
    rows = lines[2:]
    assert len(rows) == len(data)
    for line, item in zip(rows, data, strict=True):
        assert line.startswith(item["id"] + " ")
        assert item["matter"], item  # every kind declares one
        # The row's cells are separated by two spaces or more.
        cells = [c.strip() for c in line.split("  ") if c.strip()]
        assert _cell_shows(cells[2], item["matter"]), (cells, item["matter"])
    # Recurring duties (their label as their matter) and absences are still there.
    assert any(item["kind"] == "duty" for item in data)
    assert any(item["kind"] == "absence" for item in data)
    assert "今日离岗与替岗" in table.output
    # A dibao applicant's name is masked in the report as in a list.
    assert all("**" in x["matter"] for x in data if x["kind"] == "dibao")


def test_long_chinese_matters_are_cut_in_a_table_and_whole_elsewhere(
    run: Invoke, store: Store
) -> None:
    # Web replies from Tue 2026-02-24: 02-25, 26, 27, 28 (a make-up Saturday),
    # 03-02 -> due Mon 03-02, due today.
    seed(
        store,
        [
            Spec(
                "inquiry",
                "欧阳某某",
                "社会事务和社区建设服务中心",
                (Clock("web-reply", "2026-02-24", 5),),
                fields={"matter": LONG},
            ),
            Spec(
                "inquiry",
                "王五",
                "民政办",
                (Clock("web-reply", "2026-02-24", 5),),
                fields={"matter": "咨询低保\n申请条件"},
            ),
        ],
    )
    for lang in ("zh", "en"):
        result = run("overdue", "--as-of", "2026-03-02", lang=lang)
        assert result.exit_code == 0
        lines = _table_lines(result.output)
        assert max(wcswidth(line) for line in lines) <= 120, result.output
    lines = _table_lines(run("overdue", "--as-of", "2026-03-02").output)
    long_row = next(line for line in lines if line.startswith("INQ-2026-0001"))
    assert "…" in long_row and LONG not in long_row
    assert LONG[:10] in long_row
    # A line break in a matter never starts a row of its own.
    short_row = next(line for line in lines if line.startswith("INQ-2026-0002"))
    assert "咨询低保 申请条件" in short_row
    plain = run("overdue", "--as-of", "2026-03-02", "--format", "plain").output
    assert LONG in plain and "首问责任制 5" in plain and "2026-02-24" in plain
    assert "暂定" not in plain  # no date is provisional: no empty column
    html = run("overdue", "--as-of", "2026-03-02", "--format", "html").output
    assert LONG in html and "首问责任制 5" in html and "<th>暂定</th>" not in html
    data = json.loads(run("overdue", "--as-of", "2026-03-02", "--format", "json").output)
    assert [x["matter"] for x in data] == [LONG, "咨询低保 申请条件"]
    assert {x["rule_label"] for x in data} == {"网上咨询答复"}


def test_list_and_search_show_the_matter(run: Invoke, store: Store) -> None:
    seed(
        store,
        [
            Spec(
                "complaint",
                "孙七",
                "纪委办",
                fields={
                    "complainant": "张三丰",
                    "contact": "13812345678",
                    "against": "民政办",
                    "summary": "低保申请递交后拖延不办",
                },
            ),
            Spec(
                "dibao",
                "刘某",
                "民政办",
                fields={"applicant": "李秀英", "village": "东风村", "household": 3},
            ),
        ],
    )
    # The complaint's matter is whom it is against and what it says: list shows
    # 投诉内容 (a field of its matter) although the kind does not list it.
    listed = run("complaint", "list")
    assert listed.exit_code == 0
    header = listed.output.splitlines()[0].split()
    assert "被投诉对象" in header and "投诉内容" in header
    assert "低保申请递交后拖延不办" in listed.output and "张三丰" not in listed.output
    found = run("search", "低保")
    assert found.exit_code == 0
    row = next(line for line in found.output.splitlines() if line.startswith("CMP-2026-0001"))
    assert "民政办 低保申请递交后拖延不办" in row
    # A dibao application's matter names its applicant masked, unless revealed.
    found = run("search", "东风村")
    row = next(line for line in found.output.splitlines() if line.startswith("MLS-2026-0001"))
    assert "李** 东风村" in row and "李秀英" not in found.output
    revealed = run("search", "东风村", "--reveal")
    assert "李秀英 东风村" in revealed.output
