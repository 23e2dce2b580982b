"""``township overdue`` on the command line .

The data set and how each expected row was derived by hand are in
``tests/test_report.py`` (HOLIDAY_SET): as of Mon 2026-03-02,

    CASE-2026-0001  investigation       due 2026-02-12  严重逾期 8 个工作日
    PET-2026-0001   petition-acceptance due 2026-02-24  逾期 5 个工作日
    INQ-2026-0001   web-reply           due 2026-03-02  今日到期
    INQ-2026-0002   web-reply           due 2026-03-03  1 个工作日内到期
    CMP-2026-0001   complaint-handling  due 2026-03-04  2 个工作日内到期
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_report import Clock, Spec, official_2027, seed, seed_holiday_set
from wcwidth import wcswidth

from township.book.rules import RULES
from township.storage.store import Store

EXPECTED_IDS = [
    "CASE-2026-0001",
    "PET-2026-0001",
    "INQ-2026-0001",
    "INQ-2026-0002",
    "CMP-2026-0001",
]
TITLE = "某某镇人民政府 逾期与临期事项 2026-03-02"
SUMMARY = "合计：逾期 2 项（严重逾期 1 项），今日到期 1 项，临期 2 项"
WARNING_START = "提示：2027 年的官方放假安排尚未导入"


@pytest.fixture
def seeded(store: Store) -> Store:
    seed_holiday_set(store)
    return store


def _ids_in(text: str) -> list[str]:
    """Record ids in the order they appear, one per line."""
    found = []
    for line in text.splitlines():
        first = line.split(" ")[0]
        if first.count("-") == 2 and first.split("-")[0] in ("CASE", "PET", "INQ", "CMP", "DEN"):
            found.append(first)
    return found


def test_table_report(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == TITLE
    # The table fits a terminal: the record's matter and the deadline's label,
    # no trigger date and no clause (plain, HTML and JSON have them), no 暂定
    # column when no date is provisional.
    assert lines[1].split() == ["编号", "类别", "事项", "期限", "责任人/部门", "到期日", "状态"]
    assert _ids_in(result.output) == EXPECTED_IDS
    case_line = next(line for line in lines if line.startswith("CASE-2026-0001"))
    for cell in ("问责", "李某 ④办事拖拉、推诿扯皮", "提交调查报告", "调查组 赵某", "2026-02-12"):
        assert cell in case_line
    assert "严重逾期 8 个工作日" in case_line
    assert "2026-01-29" not in case_line and "行政问责制" not in case_line
    inq_line = next(line for line in lines if line.startswith("INQ-2026-0001"))
    assert "咨询低保申请条件" in inq_line and "网上咨询答复" in inq_line
    assert "宅基地纠纷" in next(line for line in lines if line.startswith("PET-2026-0001"))
    pet_line = next(line for line in lines if line.startswith("PET-2026-0001"))
    assert "逾期 5 个工作日" in pet_line and "严重" not in pet_line
    assert "今日到期" in next(line for line in lines if line.startswith("INQ-2026-0001"))
    assert "1 个工作日内到期" in next(line for line in lines if line.startswith("INQ-2026-0002"))
    assert "2 个工作日内到期" in next(line for line in lines if line.startswith("CMP-2026-0001"))
    assert lines[-2] == SUMMARY
    # The audit head ends the report (the mail archive witnesses the log).
    assert re.fullmatch(r"审计日志末行：第 \d+ 行，哈希 [0-9a-f]{12}", lines[-1])
    # Met clocks, the appeal window and the denial (3 working days away) are not listed.
    assert "CASE-2026-0002" not in result.output
    assert "INQ-2026-0003" not in result.output
    assert "DEN-2026-0001" not in result.output


def test_as_of_defaults_to_today(run, seeded) -> None:
    assert (
        run("overdue", today="2026-03-02").output
        == run("overdue", "--as-of", "2026-03-02", today="2026-05-05").output
    )


def _display_starts(line: str) -> dict[int, str]:
    """Display column -> character starting there (wide characters take 2 columns)."""
    starts, col = {}, 0
    for ch in line:
        starts[col] = ch
        col += wcswidth(ch)
    return starts


def test_table_columns_line_up_with_chinese_text(run, seeded) -> None:
    lines = run("overdue", "--as-of", "2026-03-02").output.splitlines()
    rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", " "})
    # Each run of dashes marks a column; its start is a display column.
    dashes = lines[rule]
    col_starts = [
        i for i, ch in enumerate(dashes) if ch == "-" and (i == 0 or dashes[i - 1] == " ")
    ]
    assert len(col_starts) == 7
    table = [lines[rule - 1], *lines[rule + 1 : rule + 1 + len(EXPECTED_IDS)]]
    for line in table:
        starts = _display_starts(line)
        for position in col_starts[1:]:
            # The column is preceded by a space, and a character (not the second
            # half of a wide one) begins exactly at it, unless the cell is empty.
            assert starts.get(position - 1) == " ", (line, position)
            assert position in starts or wcswidth(line) <= position, (line, position)
        # Every row is as wide as the dash line, measured in display columns.
        assert wcswidth(line.rstrip()) <= wcswidth(dashes)
    # The header cell 状态 starts where the state column starts in the first row.
    header, first = _display_starts(table[0]), _display_starts(table[1])
    assert header[col_starts[6]] == "状"
    assert first[col_starts[6]] == "严"


def test_json_report(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [x["id"] for x in data] == EXPECTED_IDS
    for item in data:
        assert set(item) == {
            "id",
            "kind",
            "matter",
            "rule",
            "rule_label",
            "clause",
            "trigger",
            "due",
            "state",
            "workdays_late",
            "serious",
            "responsible",
            "provisional",
        }
    assert [(x["state"], x["workdays_late"], x["serious"]) for x in data] == [
        ("overdue", 8, True),
        ("overdue", 5, False),
        ("due-today", 0, False),
        ("due-soon", 0, False),
        ("due-soon", 0, False),
    ]
    assert data[1] == {
        "id": "PET-2026-0001",
        "kind": "petition",
        "matter": "宅基地纠纷",
        "rule": "petition-acceptance",
        "rule_label": "书面告知是否受理",
        "clause": RULES["petition-acceptance"].clause.zh,
        "trigger": "2026-02-02",
        "due": "2026-02-24",
        "state": "overdue",
        "workdays_late": 5,
        "serious": False,
        "responsible": {"person": "周八", "dept": "信访办"},
        "provisional": False,
    }


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_parse_back(run, seeded, fmt, delimiter) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--format", fmt)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output), delimiter=delimiter))
    # A spreadsheet gets every column, even one empty in every row (暂定).
    assert rows[0] == [
        "编号",
        "类别",
        "事项",
        "期限",
        "责任人/部门",
        "起算日",
        "到期日",
        "状态",
        "暂定",
        "依据",
    ]
    assert [r[0] for r in rows[1:]] == EXPECTED_IDS
    assert rows[1][:8] == [
        "CASE-2026-0001",
        "问责",
        "李某 ④办事拖拉、推诿扯皮",
        "提交调查报告",
        "调查组 赵某",
        "2026-01-29",
        "2026-02-12",
        "严重逾期 8 个工作日",
    ]
    assert all(len(r) == 10 for r in rows)


class _Doc(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.decl: list[str] = []
        self.open: list[str] = []
        self.seen: list[str] = []
        self.cells: list[list[str]] = []
        self.text: list[str] = []
        self._in_cell = False

    def handle_decl(self, decl: str) -> None:
        self.decl.append(decl)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)
        if tag in ("meta",):
            return
        self.open.append(tag)
        if tag == "tr":
            self.cells.append([])
        if tag in ("td", "th"):
            self._in_cell = True
            self.cells[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1][-1] += data
        self.text.append(data)


def _parse_html(text: str) -> _Doc:
    doc = _Doc()
    doc.feed(text)
    doc.close()
    assert doc.decl == ["DOCTYPE html"]
    assert doc.open == []  # every tag closed
    for tag in ("html", "head", "title", "body", "table"):
        assert tag in doc.seen
    return doc


def test_html_is_a_whole_document_with_a_table(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--format", "html")
    assert result.exit_code == 0
    doc = _parse_html(result.output)
    assert doc.cells[0][0] == "编号"
    assert [row[0] for row in doc.cells[1:]] == EXPECTED_IDS
    # Every column but 暂定 (empty in every row): the clause and the trigger too.
    assert doc.cells[0] == [
        "编号",
        "类别",
        "事项",
        "期限",
        "责任人/部门",
        "起算日",
        "到期日",
        "状态",
        "依据",
    ]
    assert doc.cells[1][2:4] == ["李某 ④办事拖拉、推诿扯皮", "提交调查报告"]
    assert doc.cells[1][7] == "严重逾期 8 个工作日"
    assert "行政问责制 8" in doc.cells[1][8]
    assert SUMMARY in "".join(doc.text)


def test_github_and_plain(run, seeded) -> None:
    for fmt in ("github", "plain"):
        result = run("overdue", "--as-of", "2026-03-02", "--format", fmt)
        assert result.exit_code == 0
        assert result.output.splitlines()[0] == TITLE
        assert result.output.splitlines()[-2] == SUMMARY
        assert [i for i in EXPECTED_IDS if i in result.output] == EXPECTED_IDS


def test_english(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", lang="en")
    assert result.exit_code == 0
    assert (
        result.output.splitlines()[0] == "某某镇人民政府 overdue and due-soon deadlines 2026-03-02"
    )
    assert "seriously overdue 8 workdays" in result.output
    assert "due within 1 workday" in result.output
    assert result.output.splitlines()[-2] == "Total: 2 overdue (1 serious), 1 due today, 2 due soon"


def test_exit_code_is_1_when_something_is_overdue(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--exit-code")
    assert result.exit_code == 1
    assert SUMMARY in result.output  # the report is still printed
    # Without --exit-code the same report exits 0.
    assert run("overdue", "--as-of", "2026-03-02").exit_code == 0


def test_exit_code_is_0_when_only_due_soon(run, seeded) -> None:
    # As of Tue 02-10 only the investigation is listed: due Thu 02-12, two working
    # days away (02-11, 02-12); nothing is overdue yet.
    result = run("overdue", "--as-of", "2026-02-10", "--exit-code")
    assert result.exit_code == 0
    assert _ids_in(result.output) == ["CASE-2026-0001"]
    assert "2 个工作日内到期" in result.output
    assert (
        result.output.splitlines()[-2]
        == "合计：逾期 0 项（严重逾期 0 项），今日到期 0 项，临期 1 项"
    )


def test_quiet_prints_nothing_when_the_list_is_empty(run, seeded) -> None:
    # As of Mon 02-09 nothing is within 2 working days (the investigation is 3 away).
    result = run("overdue", "--as-of", "2026-02-09", "--quiet", "--exit-code")
    assert result.exit_code == 0
    assert result.output == ""
    # Without --quiet the empty report says so.
    result = run("overdue", "--as-of", "2026-02-09")
    head = json.loads(run("audit", "head", "--format", "json").output)
    assert result.output.splitlines() == [
        "某某镇人民政府 逾期与临期事项 2026-02-09",
        "没有逾期或临期的事项。",
        "合计：逾期 0 项（严重逾期 0 项），今日到期 0 项，临期 0 项",
        f"审计日志末行：第 {head['seq']} 行，哈希 {head['hash'][:12]}",
    ]


def test_quiet_still_prints_a_non_empty_report(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--quiet", "--exit-code")
    assert result.exit_code == 1
    assert _ids_in(result.output) == EXPECTED_IDS


def test_quiet_on_an_empty_data_directory(run) -> None:
    result = run("overdue", "--quiet", "--format", "html")
    assert (result.exit_code, result.output) == (0, "")


def test_due_within_and_kind_options(run, seeded) -> None:
    # DEN-2026-0001 is due 03-05, three working days after 03-02.
    result = run("overdue", "--as-of", "2026-03-02", "--due-within", "3")
    assert _ids_in(result.output) == [*EXPECTED_IDS, "DEN-2026-0001"]
    assert "3 个工作日内到期" in result.output
    result = run("overdue", "--as-of", "2026-03-02", "--kind", "case", "--kind", "petition")
    assert _ids_in(result.output) == ["CASE-2026-0001", "PET-2026-0001"]
    result = run("overdue", "--kind", "nonsense")
    assert result.exit_code == 2


def test_config_sets_the_defaults(run, seeded, data_dir: Path) -> None:
    (data_dir / "township.toml").write_text(
        "[report]\nserious-after = 4\ndue-within = 3\n", encoding="utf-8"
    )
    result = run("overdue", "--as-of", "2026-03-02", "--format", "json")
    data = json.loads(result.output)
    # The petition (5 late) is now serious; the denial (3 away) is now listed.
    assert [x["serious"] for x in data[:2]] == [True, True]
    assert data[-1]["id"] == "DEN-2026-0001"


def test_group_by_dept_prints_one_section_each(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--group-by", "dept")
    assert result.exit_code == 0
    titles = [line for line in result.output.splitlines() if "逾期与临期事项" in line]
    # Groups in the order of their most urgent item.
    assert titles == [f"{TITLE}（{dept}）" for dept in ("调查组", "信访办", "民政办", "纪委办")]
    sections = result.output.split("某某镇人民政府 逾期与临期事项")[1:]
    assert [_ids_in(s) for s in sections] == [
        ["CASE-2026-0001"],
        ["PET-2026-0001"],
        ["INQ-2026-0001", "INQ-2026-0002"],
        ["CMP-2026-0001"],
    ]
    assert "合计：逾期 0 项（严重逾期 0 项），今日到期 1 项，临期 1 项" in sections[2]
    assert "合计：逾期 1 项（严重逾期 1 项），今日到期 0 项，临期 0 项" in sections[0]


def test_group_by_person(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--group-by", "person")
    titles = [line for line in result.output.splitlines() if "逾期与临期事项" in line]
    assert titles == [f"{TITLE}（{p}）" for p in ("赵某", "周八", "王五", "李四", "孙七")]


def test_group_by_in_csv_is_one_table_with_the_group_first(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--group-by", "dept", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:2] == ["部门", "编号"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("调查组", "CASE-2026-0001"),
        ("信访办", "PET-2026-0001"),
        ("民政办", "INQ-2026-0001"),
        ("民政办", "INQ-2026-0002"),
        ("纪委办", "CMP-2026-0001"),
    ]
    # JSON keeps the flat list of the report.
    result = run("overdue", "--as-of", "2026-03-02", "--group-by", "dept", "--format", "json")
    assert [x["id"] for x in json.loads(result.output)] == EXPECTED_IDS


def test_group_by_in_html_is_one_document_with_a_table_per_group(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--group-by", "dept", "--format", "html")
    assert result.exit_code == 0
    doc = _parse_html(result.output)
    assert doc.seen.count("html") == 1 and result.output.count("<!DOCTYPE") == 1
    assert doc.seen.count("table") == 4
    assert doc.seen.count("h2") == 4  # one heading per group
    # Each table: its header row, then the group's rows.
    assert [[row[0] for row in rows] for rows in _split_tables(doc.cells)] == [
        ["CASE-2026-0001"],
        ["PET-2026-0001"],
        ["INQ-2026-0001", "INQ-2026-0002"],
        ["CMP-2026-0001"],
    ]
    text = "".join(doc.text)
    assert "（调查组）" in text and "（纪委办）" in text
    # The November warning once, at the very end of the document.
    result = run("overdue", "--as-of", "2026-11-02", "--group-by", "dept", "--format", "html")
    doc = _parse_html(result.output)
    assert doc.seen.count("html") == 1
    assert "".join(doc.text).count(WARNING_START) == 1
    texts = [t for t in doc.text if t.strip()]
    # The warning, then the audit head, end the whole document.
    assert texts[-2].startswith(WARNING_START) and texts[-1].startswith("审计日志末行：")


def _split_tables(cells: list[list[str]]) -> list[list[list[str]]]:
    """The data rows of each table (a header row starts a table)."""
    tables: list[list[list[str]]] = []
    for row in cells:
        if row[0] == "编号":
            tables.append([])
        else:
            tables[-1].append(row)
    return tables


# -- provisional dates and the November warning --------------------------------


def test_provisional_due_date_has_a_star_and_a_footnote(run, store) -> None:
    # Web reply from Mon 2026-12-28 -> due 2027-01-05 (provisional 2027: 01-01 is
    # New Year, 01-02/03 a weekend; 12-29, 30, 31, 01-04, 01-05), two working
    # days after Thu 12-31.
    seed(store, [Spec("inquiry", "李四", "民政办", (Clock("web-reply", "2026-12-28", 5),))])
    result = run("overdue", "--as-of", "2026-12-31", today="2026-12-31")
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("INQ-2026-0001"))
    assert "2027-01-05" in row and "2 个工作日内到期" in row
    assert row.endswith(" *")  # the 暂定 column, shown as a date in it is provisional
    assert "* 暂定" in result.output
    data = json.loads(run("overdue", "--as-of", "2026-12-31", "--format", "json").output)
    assert data[0]["provisional"] is True


def test_november_warning_ends_the_report(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-11-02", today="2026-11-02")
    assert result.exit_code == 0
    last = result.output.splitlines()[-2]
    assert last.startswith(WARNING_START)
    assert "township calendar import" in last
    # In English too.
    result = run("overdue", "--as-of", "2026-11-02", lang="en")
    assert "schedule for 2027 has not been imported" in result.output.splitlines()[-2]
    # In the html mail.
    doc = _parse_html(run("overdue", "--as-of", "2026-11-02", "--format", "html").output)
    assert any(t.startswith(WARNING_START) for t in doc.text)
    # With --group-by, once, at the very end.
    result = run("overdue", "--as-of", "2026-11-02", "--group-by", "dept")
    assert result.output.count(WARNING_START) == 1
    assert result.output.splitlines()[-2].startswith(WARNING_START)


def test_no_warning_before_november(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-10-30", today="2026-10-30")
    assert result.exit_code == 0
    assert WARNING_START not in result.output
    assert result.output.splitlines()[-2].startswith("合计：")


def test_no_warning_once_next_year_is_imported(run, seeded, store) -> None:
    with store.transaction("王芳", "calendar import") as tx:
        tx.put_schedule(official_2027())
    result = run("overdue", "--as-of", "2026-11-02")
    assert WARNING_START not in result.output
    assert result.output.splitlines()[-2].startswith("合计：")


def test_warning_stays_out_of_machine_formats(run, seeded) -> None:
    for fmt in ("json", "csv"):
        result = run("overdue", "--as-of", "2026-11-02", "--format", fmt)
        assert WARNING_START not in result.output
    json.loads(run("overdue", "--as-of", "2026-11-02", "--format", "json").output)


def test_quiet_and_empty_prints_nothing_even_in_november(run) -> None:
    # Decision (README, the daily report): --quiet means nothing at all.
    result = run("overdue", "--as-of", "2026-11-02", "--quiet")
    assert (result.exit_code, result.output) == (0, "")
    # Without --quiet the empty report carries the warning.
    result = run("overdue", "--as-of", "2026-11-02")
    assert result.output.splitlines()[-2].startswith(WARNING_START)


def test_help_has_an_example(run) -> None:
    for command in ("overdue", "stats"):
        result = run(command, "--help", "--lang", "en")
        assert result.exit_code == 0
        assert "Example:" in result.output
        assert f"township {command}" in result.output


def test_global_options_after_the_command_name(run, seeded) -> None:
    result = run("overdue", "--as-of", "2026-03-02", "--lang", "en", "--today", "2026-03-02")
    assert result.exit_code == 0
    assert result.output.splitlines()[-2] == "Total: 2 overdue (1 serious), 1 due today, 2 due soon"
