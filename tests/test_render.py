"""The one renderer (commands/render.py): every --format of a small View."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from wcwidth import wcswidth

from commands.params import FORMATS
from commands.render import Column, View, render, render_sections
from township.i18n import Text

COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("who", Text("责任人/部门", "responsible")),
    Column("state", Text("状态", "state")),
    Column("late", Text("逾期", "late")),
]
ROWS = [
    {"id": "CASE-2026-0003", "who": "调查组 赵某", "state": Text("逾期", "overdue"), "late": True},
    {"id": "INQ-2026-0112", "who": "民政办", "state": Text("临期", "due soon"), "late": False},
    {"id": "PET-2026-0001", "who": "Ann & <Bob>", "state": None, "late": ["a", "b"]},
]


def view(**kw: object) -> View:
    fields: dict[str, object] = {
        "rows": [dict(r) for r in ROWS],
        "columns": COLUMNS,
        "title": Text("某某镇 逾期与临期事项", "Overdue report"),
        "notes": [Text("合计：3 项", "Total: 3")],
    }
    return View(**{**fields, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_renders(fmt: str, lang: str) -> None:
    out = render(view(), fmt, lang)
    assert out.endswith("\n")
    assert "CASE-2026-0003" in out
    assert ("民政办" in out) if fmt != "json" else ("民政办" in json.loads(out)[1]["who"])


def test_json_uses_data_or_rows() -> None:
    rows = json.loads(render(view(), "json", "en"))
    assert rows[0] == {
        "id": "CASE-2026-0003",
        "who": "调查组 赵某",
        "state": "overdue",
        "late": True,
    }
    assert rows[2]["state"] is None and rows[2]["late"] == ["a", "b"]
    data = {"k": Text("值", "value"), "n": [1, 2]}
    assert json.loads(render(view(data=data), "json", "zh")) == {"k": "值", "n": [1, 2]}
    # Chinese stays readable (not \\u escapes)
    assert "调查组" in render(view(), "json", "zh")


def test_cells_in_each_language() -> None:
    zh = list(csv.reader(io.StringIO(render(view(), "csv", "zh"))))
    en = list(csv.reader(io.StringIO(render(view(), "csv", "en"))))
    assert zh[0] == ["编号", "责任人/部门", "状态", "逾期"]
    assert en[0] == ["id", "responsible", "state", "late"]
    assert zh[1] == ["CASE-2026-0003", "调查组 赵某", "逾期", "是"]
    assert en[2] == ["INQ-2026-0112", "民政办", "due soon", "no"]
    assert zh[3] == ["PET-2026-0001", "Ann & <Bob>", "", "a、b"]
    assert en[3][3] == "a, b"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_delimited_round_trip_and_formula_escaping(fmt: str, delimiter: str) -> None:
    tricky = [
        "=SUM(A1:A9)",
        "+86 138",
        "-1+2",
        "@cmd",
        "\t=x",
        'a,"quoted",\nnew line',
        "普通文本",
        "a=b",
    ]
    v = View(rows=[{"v": t} for t in tricky], columns=[Column("v", Text("=值", "=value"))])
    rows = list(csv.reader(io.StringIO(render(v, fmt, "zh")), delimiter=delimiter))
    assert rows[0] == ["'=值"]  # headers are escaped too
    got = [r[0] for r in rows[1:]]
    assert got == [
        "'=SUM(A1:A9)",
        "'+86 138",
        "'-1+2",
        "'@cmd",
        "'\t=x",
        'a,"quoted",\nnew line',
        "普通文本",
        "a=b",
    ]
    for cell in got:
        assert not cell.startswith(("=", "+", "-", "@"))


def test_csv_has_no_title_or_notes() -> None:
    rows = list(csv.reader(io.StringIO(render(view(), "csv", "zh"))))
    assert len(rows) == 1 + len(ROWS)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.decl: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.decl = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            self.stack.append(tag)
        self.seen.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and data.strip():
            self.text.setdefault(self.stack[-1], []).append(data)


def parse_html(text: str) -> Collector:
    parser = Collector()
    parser.feed(text)
    parser.close()
    assert parser.stack == [], "unclosed tags"
    return parser


def test_html_is_a_complete_document() -> None:
    page = parse_html(render(view(), "html", "zh"))
    assert page.decl == "DOCTYPE html"
    assert page.lang == "zh-CN"
    for tag in ("html", "head", "meta", "title", "style", "body", "h1", "table", "thead", "tbody"):
        assert tag in page.seen, tag
    assert page.text["title"] == ["某某镇 逾期与临期事项"]
    assert page.text["th"] == ["编号", "责任人/部门", "状态", "逾期"]
    assert "Ann & <Bob>" in page.text["td"]  # escaped in the source, intact when parsed
    assert page.text["p"] == ["合计：3 项"]
    raw = render(view(), "html", "zh")
    assert "<Bob>" not in raw and "&lt;Bob&gt;" in raw
    assert parse_html(render(view(), "html", "en")).lang == "en"


def test_html_text_and_empty_views() -> None:
    page = parse_html(render(View(text="一式两份\n<签字>"), "html", "zh"))
    assert page.text["pre"] == ["一式两份\n<签字>"]
    page = parse_html(
        render(View(columns=COLUMNS, empty=Text("没有逾期事项。", "Nothing.")), "html", "zh")
    )
    assert page.text["p"] == ["没有逾期事项。"]
    assert "table" not in page.seen


def test_text_views_print_the_text() -> None:
    v = View(text=Text("通知书", "Notice"), notes=["注"])
    assert render(v, "table", "zh") == "通知书\n注\n"
    assert render(v, "plain", "en") == "Notice\n注\n"


def test_empty_view_prints_the_empty_message() -> None:
    v = View(columns=COLUMNS, empty=Text("没有逾期事项。", "Nothing is overdue."))
    assert render(v, "table", "zh") == "没有逾期事项。\n"
    assert render(v, "table", "en") == "Nothing is overdue.\n"
    assert list(csv.reader(io.StringIO(render(v, "csv", "zh")))) == [
        ["编号", "责任人/部门", "状态", "逾期"]
    ]
    assert json.loads(render(v, "json", "zh")) == []


def _column_starts(line: str, cells: list[str]) -> list[int]:
    """Display column where each cell's text starts in ``line``, left to right."""
    starts, pos = [], 0
    for cell in cells:
        idx = line.index(cell, pos)
        starts.append(wcswidth(line[:idx]))
        pos = idx + len(cell)
    return starts


@pytest.mark.parametrize("fmt", ["table", "plain", "github"])
def test_columns_align_with_chinese_text(fmt: str) -> None:
    out = render(view(title=None, notes=[]), fmt, "zh").splitlines()
    if fmt == "table":
        header, rule, *body = out
        # the rule's dashes mark where each column starts
        rule_starts = [
            i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")
        ]
    elif fmt == "github":
        header, rule, *body = out
        rule_starts = None
    else:
        header, *body = out
        rule_starts = None
    headers = ["编号", "责任人/部门", "状态", "逾期"]
    expected = _column_starts(header, headers)
    if rule_starts is not None:
        assert expected == rule_starts
    table = [
        ["CASE-2026-0003", "调查组 赵某", "逾期", "是"],
        ["INQ-2026-0112", "民政办", "临期", "否"],
        ["PET-2026-0001", "Ann & <Bob>", None, "a、b"],
    ]
    for line, cells in zip(body, table, strict=True):
        present = [c for c in cells if c]
        starts = _column_starts(line, present)
        wanted = [s for s, c in zip(expected, cells, strict=True) if c]
        assert starts == wanted, line
    # every line has the same display width in the boxed format
    if fmt == "github":
        assert len({wcswidth(line) for line in out}) == 1


# -- several views as one output (render_sections) --------------------------------


def sections() -> list[View]:
    other = [Column("id", Text("编号", "id")), Column("n", Text("数量", "count"))]
    return [
        view(title=Text("第一组", "group 1"), name="甲"),
        View([{"id": "X-1", "n": 2}], other, title="其他", notes=["注"]),
        view(title=Text("第二组", "group 2"), notes=[]),
    ]


def test_sections_in_html_are_one_document() -> None:
    out = render_sections(sections(), "html", "zh", title="总表", notes=["末尾提示"])
    page = parse_html(out)
    assert out.count("<!DOCTYPE html>") == 1
    assert page.seen.count("html") == 1 and page.seen.count("body") == 1
    assert page.seen.count("table") == 3
    assert page.text["h1"] == ["总表"] and page.text["title"] == ["总表"]
    assert page.text["h2"] == ["第一组", "其他", "第二组"]
    assert page.text["p"] == ["合计：3 项", "注", "末尾提示"]
    # The document's name may differ from its heading; without either, the first title.
    assert parse_html(render_sections(sections(), "html", "zh", name="名")).text["title"] == ["名"]
    assert parse_html(render_sections(sections(), "html", "zh")).text["title"] == ["第一组"]


@pytest.mark.parametrize("fmt", ["table", "plain", "github"])
def test_sections_in_text_follow_each_other(fmt: str) -> None:
    views = sections()
    out = render_sections(views, fmt, "zh", title="总表", notes=["末尾提示"])
    parts = [render(v, fmt, "zh") for v in views]
    assert out == "总表\n" + "\n".join(parts) + "末尾提示\n"
    assert render_sections(views[:1], fmt, "zh") == parts[0]


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_sections_in_csv_are_one_table(fmt: str, delimiter: str) -> None:
    out = render_sections(sections(), fmt, "zh", title="总表", section_label=Text("组", "group"))
    rows = list(csv.reader(io.StringIO(out), delimiter=delimiter))
    # The first view's columns; the view of other columns is left out.
    assert rows[0] == ["组", "编号", "责任人/部门", "状态", "逾期"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("甲", "CASE-2026-0003"),
        ("甲", "INQ-2026-0112"),
        ("甲", "PET-2026-0001"),
        ("第二组", "CASE-2026-0003"),
        ("第二组", "INQ-2026-0112"),
        ("第二组", "PET-2026-0001"),
    ]
    plain = list(
        csv.reader(io.StringIO(render_sections(sections(), fmt, "zh")), delimiter=delimiter)
    )
    assert plain[0] == ["编号", "责任人/部门", "状态", "逾期"] and len(plain) == 7


def test_sections_in_json_are_one_value() -> None:
    out = json.loads(render_sections(sections(), "json", "en"))
    assert [len(part) for part in out] == [3, 1, 3]
    assert out[1] == [{"id": "X-1", "n": 2}]
    assert json.loads(render_sections(sections(), "json", "en", data={"a": 1})) == {"a": 1}


# Cells an attacker or a careless clerk types into a name: line breaks of every
# kind, a formula after a line break or blanks, quotes, the delimiters.
HOSTILE_CELLS = [
    "\n=cmd|' /C calc'!A0",
    "\r=cmd|' /C calc'!A0",
    "\r\n@SUM(1+1)*cmd|' /C calc'!A0",
    '张三\r=HYPERLINK("http://x")',
    "  =1+1",
    "\u3000+1",
    "\u200b-1",
    "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g",
    "\t\t@x",
    'say "hi", then\ttab',
    "",
    "普通",
]


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_line_breaks_are_quoted_and_formulas_after_them_escaped(fmt: str, delimiter: str) -> None:
    v = View(
        rows=[{"id": f"R{i}", "v": t, "after": "x"} for i, t in enumerate(HOSTILE_CELLS)],
        columns=[Column("id", Text("编号", "id")), Column("v", Text("值", "value")),
                 Column("after", Text("后", "after"))],
    )  # fmt: skip
    out = render(v, fmt, "zh")
    # Read back as a spreadsheet would: every row has its three cells, in order.
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter=delimiter))
    assert len(rows) == 1 + len(HOSTILE_CELLS)
    assert all(len(r) == 3 for r in rows), rows
    assert [r[0] for r in rows[1:]] == [f"R{i}" for i in range(len(HOSTILE_CELLS))]
    for typed, (_rid, cell, after) in zip(HOSTILE_CELLS, rows[1:], strict=True):
        assert after == "x"
        # Nothing lost but the escape: the cell is what was typed, maybe after a '.
        assert cell in (typed, "'" + typed)
        rest = cell.lstrip(" \t\r\n\u3000\u200b\x0b\x0c\x1c\x85\u2028\u2029")
        assert not rest.startswith(("=", "+", "-", "@")), cell
    # Escaped exactly those whose text after leading blanks begins with a formula sign.
    # (Not "张三\r=HYPERLINK…": it begins with 张三, and its CR is quoted.)
    escaped = [c for _r, c, _a in rows[1:] if c.startswith("'")]
    assert len(escaped) == 7


def test_a_carriage_return_alone_is_quoted() -> None:
    # The csv module leaves a lone CR unquoted when its rows end in "\n": Excel
    # then starts a row there. Every line break is quoted (RFC 4180).
    v = View(rows=[{"v": "a\rb"}], columns=[Column("v", Text("v", "v"))])
    assert render(v, "csv", "en") == 'v\n"a\rb"\n'
    assert render(v, "tsv", "en") == 'v\n"a\rb"\n'
