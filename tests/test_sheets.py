"""Ledgers in and out of spreadsheets: ``export --format xlsx``, ``overdue --format
xlsx`` and ``township import``. Workbooks are opened with openpyxl and read
cell by cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from commands import cli
from township.book.registry import KINDS, spec
from township.book.rules import rules_of
from township.calendar import WorkCalendar
from township.sheets.workbook import display_width
from township.steps.machine import deadlines
from township.storage.audit import load_entries
from township.storage.store import Store

TODAY = "2026-03-02"


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory``, byte for byte."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


def invoke(data_dir: Path, *args: str, today: str = TODAY, lang: str = "zh") -> Any:
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": today,
        "TOWNSHIP_USER": "王芳",
        "TOWNSHIP_LANG": lang,
    }
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def sheet_rows(path: Path) -> tuple[Any, list[list[Any]]]:
    book = load_workbook(path)
    sheet = book.active
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.fixture
def petitions(run) -> None:
    """Two petitions, typed as a clerk types them.

    PET-2026-0001 received Mon 2026-01-05, accepted Fri 2026-01-09.
    petition-acceptance: 15 days from 01-05 -> Tue 01-20, a working day, met on 01-09.
    petition-conclusion: 60 days from 01-09 -> Tue 03-10, a working day, open on 03-02.
    PET-2026-0002 received Mon 2026-02-02, not accepted: 15 days -> Tue 02-17, in the
    Spring Festival holiday (02-15..02-23), rolled to Tue 02-24; overdue on 03-02.
    """
    r = run(
        "petition",
        "receive",
        "--petitioner",
        "张三丰",
        "--contact",
        "13812345678",
        "--matter",
        "宅基地纠纷",
        "--dept",
        "综治办",
        "--on",
        "2026-01-05",
    )
    assert r.exit_code == 0, r.output
    assert run("petition", "accept", "PET-2026-0001", "--on", "2026-01-09").exit_code == 0
    r = run(
        "petition",
        "receive",
        "--petitioner",
        "李四",
        "--matter",
        "=1+2 征地补偿",
        "--on",
        "2026-02-02",
    )
    assert r.exit_code == 0, r.output


# -- export --------------------------------------------------------------------


def test_xlsx_export_reads_cell_by_cell(run, petitions, data_dir, tmp_path) -> None:
    out = tmp_path / "信访台账.xlsx"
    result = run("export", "petition", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == ""  # the workbook is the file, nothing on the terminal
    sheet, rows = sheet_rows(out)
    header = rows[0]
    # The declaration's labels: id, status, each step's date in the procedure's order
    # (receive and accept stamp fields of their own), the people in charge, the fields,
    # then each deadline's due date and state.
    assert header[:9] == [
        "编号",
        "状态",
        "收件日期",
        "受理日期",
        "不予受理日期",
        "延长办理期限日期",
        "办结日期",
        "承办部门",
        "承办人",
    ]
    assert header[-4:] == [
        "书面告知是否受理到期日",
        "书面告知是否受理状态",
        "信访事项办结到期日",
        "信访事项办结状态",
    ]
    col = {h: i for i, h in enumerate(header)}
    first = rows[1]
    assert first[col["编号"]] == "PET-2026-0001"
    assert first[col["状态"]] == "已受理"
    # Dates are date cells with a date format.
    cell = sheet.cell(row=2, column=col["收件日期"] + 1)
    assert cell.data_type == "d" and cell.number_format == "yyyy-mm-dd"
    assert cell.value == dt.datetime(2026, 1, 5)
    assert first[col["受理日期"]] == dt.datetime(2026, 1, 9)
    assert first[col["书面告知是否受理到期日"]] == dt.datetime(2026, 1, 20)
    assert first[col["书面告知是否受理状态"]] == "按时完成"
    assert first[col["信访事项办结到期日"]] == dt.datetime(2026, 3, 10)
    assert first[col["信访事项办结状态"]] == "未到期"
    second = rows[2]
    assert second[col["书面告知是否受理到期日"]] == dt.datetime(2026, 2, 24)
    assert second[col["书面告知是否受理状态"]] == "逾期"
    assert second[col["受理日期"]] is None and second[col["信访事项办结到期日"]] is None
    # Masked without --reveal: 张** and 138****5678.
    assert (first[col["信访人"]], first[col["联系方式"]]) == ("张**", "138****5678")
    assert "张三丰" not in str(rows) and "13812345678" not in str(rows)
    # Text that looks like a formula is a text cell: Excel never runs it.
    matter = sheet.cell(row=3, column=col["信访事项"] + 1)
    assert matter.value == "=1+2 征地补偿" and matter.data_type == "s"
    # The header row is frozen; each column is as wide as its widest cell + 2,
    # a Chinese character counting two: 信访事项 (8) vs 宅基地纠纷 (10) and
    # "=1+2 征地补偿" (5 + 8 = 13) -> 15.
    assert sheet.freeze_panes == "A2"
    letter = matter.column_letter
    assert sheet.column_dimensions[letter].width == 15
    assert display_width("=1+2 征地补偿") == 13
    assert sheet.column_dimensions["A"].width == len("PET-2026-0001") + 2
    assert sheet.cell(row=1, column=1).font.bold


def test_xlsx_export_in_english_and_revealed_is_audited(run, petitions, data_dir, tmp_path) -> None:
    out = tmp_path / "petitions.xlsx"
    before = len(load_entries(data_dir / "audit.jsonl"))
    result = run(
        "export", "petition", "--format", "xlsx", "--output", str(out), "--reveal", lang="en"
    )
    assert result.exit_code == 0, result.output
    _, rows = sheet_rows(out)
    col = {h: i for i, h in enumerate(rows[0])}
    assert rows[0][:4] == ["id", "status", "received", "accepted"]
    assert rows[1][col["petitioner"]] == "张三丰"
    assert rows[1][col["contact"]] == "13812345678"
    assert rows[1][col["status"]] == "accepted"
    # The deadlines' columns take the rule book's English labels.
    labels = [r.label.en for r in rules_of("petition")]
    assert rows[0][-4:] == [
        f"{labels[0]} due",
        f"{labels[0]} state",
        f"{labels[1]} due",
        f"{labels[1]} state",
    ]
    assert rows[1][col[f"{labels[0]} state"]] == "met"
    entries = load_entries(data_dir / "audit.jsonl")
    [note] = entries[before:]
    assert note["action"] == "reveal" and note["format"] == "xlsx"
    assert note["revealed"] == ["PET-2026-0001", "PET-2026-0002"]


@pytest.mark.parametrize("args", [("export", "petition"), ("overdue",)])
def test_xlsx_without_output_is_refused(run, petitions, data_dir, args) -> None:
    files = snapshot(data_dir)
    result = run(*args, "--format", "xlsx")
    assert result.exit_code == 2
    assert (
        result.output.strip() == "错误：--format xlsx 需要 --output 文件名：工作簿不能输出到终端。"
    )
    assert snapshot(data_dir) == files


def test_overdue_xlsx(run, petitions, tmp_path) -> None:
    out = tmp_path / "逾期.xlsx"
    result = run("overdue", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    sheet, rows = sheet_rows(out)
    header = rows[0]
    assert "编号" in header and "到期日" in header
    assert sheet.freeze_panes == "A2"
    due = header.index("到期日")
    ids = [r[header.index("编号")] for r in rows[1:]]
    # PET-2026-0002's acceptance notice was due 2026-02-24 (see ``petitions``).
    row = rows[1 + ids.index("PET-2026-0002")]
    assert row[due] == dt.datetime(2026, 2, 24)
    assert sheet.cell(row=2 + ids.index("PET-2026-0002"), column=due + 1).data_type == "d"


# -- import --------------------------------------------------------------------


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


LEDGER = [
    ["收件日期", "信访人", "联系方式", "信访事项", "受理日期", "办结日期", "办理结果"],
    [dt.date(2025, 12, 30), "王五", "13912345678", "宅基地纠纷", dt.date(2026, 1, 5), None, None],
    ["2026-01-06", "赵六", None, "征地补偿", "2026/1/8", "2026年2月27日", "已答复"],
]


def test_import_takes_each_row_through_its_steps(run, data_dir, tmp_path) -> None:
    path = write_xlsx(tmp_path / "信访台账.xlsx", LEDGER)
    result = run("import", "petition", str(path))
    assert result.exit_code == 0, result.output
    assert "已从 信访台账.xlsx 导入 2 条记录" in result.output
    store = Store(data_dir)
    # A record's id takes the year of its first step's date: 2025-12-30 -> 2025.
    first = store.get("PET-2025-0001")
    assert first["petitioner"] == "王五" and first["status"] == "accepted"
    assert [(e["action"], e["on"]) for e in first["events"]] == [
        ("receive", "2025-12-30"),
        ("accept", "2026-01-05"),
    ]
    # The source also keeps the row's content as a fingerprint (a ledger imported twice).
    source = first["events"][0]["source"]
    assert (source["file"], source["row"], len(source["digest"])) == ("信访台账.xlsx", 2, 16)
    second = store.get("PET-2026-0001")
    assert second["status"] == "concluded" and second["result"] == "已答复"
    assert second["events"][0]["source"]["row"] == 3
    # Deadlines computed from the row's dates, as if typed on each day:
    # acceptance 15 days from 2026-01-06 -> Wed 01-21, met 01-08;
    # conclusion 60 days from 01-08 -> Mon 03-09, met 02-27.
    found = {d.rule.id: d for d in deadlines(second, WorkCalendar(), dt.date(2026, 3, 2))}
    assert found["petition-acceptance"].due == dt.date(2026, 1, 21)
    assert found["petition-conclusion"].due == dt.date(2026, 3, 9)
    assert found["petition-conclusion"].state == "met"
    # The audit log names each record's source in its creation.
    entries = [e for e in load_entries(data_dir / "audit.jsonl") if e.get("change") == "create"]
    assert [e["command"] for e in entries] == ["import petition 信访台账.xlsx"] * 2
    assert entries[0]["after"]["events"][0]["source"]["row"] == 2
    assert run("audit", "verify").exit_code == 0


def test_dry_run_writes_nothing(run, data_dir, tmp_path) -> None:
    path = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    run("rules")  # the data directory exists
    assert run("init").exit_code == 0
    files = snapshot(data_dir)
    result = run("import", "petition", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "PET-2025-0001" in result.output and "PET-2026-0001" in result.output
    assert "未写入任何内容" in result.output
    assert snapshot(data_dir) == files


def test_impossible_date_leaves_office_untouched(run, data_dir, tmp_path) -> None:
    assert run("init").exit_code == 0
    assert (
        run(
            "petition", "receive", "--petitioner", "甲", "--matter", "事", "--on", "2026-01-05"
        ).exit_code
        == 0
    )
    rows = [*LEDGER, ["2026-02-30", "钱七", None, "灌溉用水", None, None, None]]
    for path in (write_xlsx(tmp_path / "bad.xlsx", rows), tmp_path / "bad.csv"):
        if path.suffix == ".csv":
            text = "\n".join(",".join("" if v is None else str(v) for v in r) for r in rows)
            path.write_text(text, encoding="utf-8")
        files = snapshot(data_dir)
        result = run("import", "petition", str(path))
        assert result.exit_code == 2
        assert "第 4 行" in result.output and "2026-02-30" in result.output
        assert "不是有效日期" in result.output and "均未导入" in result.output
        assert "Traceback" not in result.output
        assert snapshot(data_dir) == files


def test_a_step_refused_leaves_office_untouched(run, data_dir, tmp_path) -> None:
    """Every row is checked by the steps themselves before anything is written: a row
    accepted before it was received is refused by the step machine, and the good row
    before it is not written either."""
    assert run("init").exit_code == 0
    rows = [*LEDGER, ["2026-01-10", "钱七", None, "灌溉用水", "2026-01-09", None, None]]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    files = snapshot(data_dir)
    result = run("import", "petition", str(path), lang="en")
    assert result.exit_code == 2
    assert "row 4:" in result.output and "before the previous step" in result.output
    assert snapshot(data_dir) == files


def test_gb18030_csv(run, data_dir, tmp_path) -> None:
    path = tmp_path / "台账.csv"
    text = "收件日期,信访人,信访事项,承办部门\r\n2026-02-03,欧阳锋,反映𠮷字辈宅基地纠纷,综治办\r\n"
    path.write_bytes(text.encode("gb18030"))
    result = run("import", "petition", str(path))
    assert result.exit_code == 0, result.output
    record = Store(data_dir).get("PET-2026-0001")
    assert record["petitioner"] == "欧阳锋"
    assert record["matter"] == "反映𠮷字辈宅基地纠纷"  # outside GBK: GB18030 has it
    assert record["responsible"]["dept"] == "综治办"


def test_utf8_bom_csv_and_english_headers(run, data_dir, tmp_path) -> None:
    path = tmp_path / "ledger.csv"
    text = "received,petitioner,matter,accepted\n2026-02-03,Li Lei,land,2026-02-04\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run("import", "petition", str(path))
    assert result.exit_code == 0, result.output
    record = Store(data_dir).get("PET-2026-0001")
    # The byte-order mark is not part of the first header: 'received' matched.
    assert record["received"] == "2026-02-03" and record["status"] == "accepted"


def test_hostile_cells(run, data_dir, tmp_path) -> None:
    """Formula-looking text is stored as the text it is and exported as text (a text
    cell in xlsx, escaped in CSV); a control character is stored as given, shown
    escaped in a workbook (which cannot hold it)."""
    path = tmp_path / "h.csv"
    path.write_text(
        "收件日期,信访人,信访事项\n"
        '2026-02-03,"=HYPERLINK(""http://x.invalid"",""点我"")","@SUM(A1)\x1b[31m红"\n',
        encoding="utf-8",
    )
    result = run("import", "petition", str(path))
    assert result.exit_code == 0, result.output
    record = Store(data_dir).get("PET-2026-0001")
    assert record["petitioner"] == '=HYPERLINK("http://x.invalid","点我")'
    assert record["matter"] == "@SUM(A1)\x1b[31m红"
    out = tmp_path / "h.xlsx"
    assert (
        run("export", "petition", "--format", "xlsx", "--output", str(out), "--reveal").exit_code
        == 0
    )
    sheet, rows = sheet_rows(out)
    col = {h: i + 1 for i, h in enumerate(rows[0])}
    name = sheet.cell(row=2, column=col["信访人"])
    assert name.data_type == "s" and name.value == '=HYPERLINK("http://x.invalid","点我")'
    matter = sheet.cell(row=2, column=col["信访事项"])
    assert matter.data_type == "s" and matter.value == "@SUM(A1)\\x1b[31m红"
    csv_out = run("export", "petition", "--format", "csv", "--reveal").stdout_bytes
    assert b"'=HYPERLINK" in csv_out and b"'@SUM(A1)" in csv_out
    # The CSV shows the control character escaped, as the workbook does (never a
    # raw ESC on a terminal); read back, the rest is as it was.
    assert "@SUM(A1)\\x1b[31m红" in csv_out.decode("utf-8")
    (tmp_path / "back.csv").write_bytes(csv_out)
    fresh = tmp_path / "fresh"
    assert invoke(fresh, "init").exit_code == 0
    assert invoke(fresh, "import", "petition", str(tmp_path / "back.csv")).exit_code == 0
    back = Store(fresh).get("PET-2026-0001")
    assert (back["petitioner"], back["matter"]) == (record["petitioner"], "@SUM(A1)\\x1b[31m红")


def test_bad_files_are_one_sentence(run, data_dir, tmp_path) -> None:
    assert run("init").exit_code == 0
    files = snapshot(data_dir)
    cases = {
        "missing.xlsx": None,
        "old.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 100,
        "torn.xlsx": b"PK\x03\x04 not a zip",
        "noheader.csv": "王五,宅基地纠纷\n".encode(),
        "latin.csv": "收件日期,信访人,信访事项\n".encode("utf-16"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        result = run("import", "petition", str(path))
        assert result.exit_code == 2, (name, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "Traceback" not in result.output
    assert run("import", "nosuchkind", str(tmp_path / "x.csv")).exit_code == 2
    assert snapshot(data_dir) == files


# -- the demo, exported revealed and imported into a fresh office ---------------


# What a ledger carries of a record: its status, declared fields, the person and
# department in charge, its steps and their dates, and its deadlines.
def _compared(record: dict[str, Any], kind: str, calendar: WorkCalendar) -> dict[str, Any]:
    declaration = spec(kind)
    shown = {
        "status": record.get("status"),
        "responsible": record.get("responsible"),
        "steps": [(e["action"], e["on"]) for e in record.get("events", [])],
        "deadlines": [
            (d.rule.id, d.trigger, d.due, d.met_on, d.state, d.provisional)
            for d in deadlines(record, calendar, dt.date.fromisoformat(TODAY))
        ],
    }
    for f in declaration.fields:
        shown[f.name] = record.get(f.name)
    # A known limit of a ledger (docs/decisions/spreadsheets.md): the clerk who
    # typed a step is the one who imports it (a denial's 经办人, who signed an
    # inquiry's notice).
    if kind == "denial":
        shown.pop("handler")
    if kind == "inquiry":
        shown["notices"] = [{**n, "by": None} for n in shown["notices"] or []]
    return shown


# Imported after the kinds they name (a supervision notice names a task).
ORDER = [k for k in KINDS if k != "supervision"] + ["supervision"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_revealed_demo_export_imports_record_by_record(tmp_path, fmt) -> None:
    """Every kind of the demo, exported revealed as a workbook or as the CSV ledger
    (UTF-8 with a byte-order mark), imported into a fresh office: the same records."""
    demo, fresh = tmp_path / "demo", tmp_path / "fresh"
    assert invoke(demo, "init", "--demo").exit_code == 0
    assert invoke(fresh, "init").exit_code == 0
    # The same office's configuration (its published services) in the fresh directory.
    (fresh / "township.toml").write_bytes((demo / "township.toml").read_bytes())
    calendar = WorkCalendar()
    source = Store(demo)
    for kind in ORDER:
        if kind == "complaint":
            continue  # below: an escalated complaint opens a case of its own
        out = tmp_path / f"{kind}.{fmt}"
        if fmt == "xlsx":
            args = ("--format", "xlsx", "--output", str(out), "--reveal")
            result = invoke(demo, "export", kind, *args)
        else:
            result = invoke(demo, "export", kind, "--format", "csv", "--reveal")
            out.write_bytes(result.stdout_bytes)
        assert result.exit_code == 0, result.output
        result = invoke(fresh, "import", kind, str(out))
        assert result.exit_code == 0, (kind, result.output)
        originals = {r["id"]: r for r in source.iter_records(KINDS[kind])}
        imported = list(Store(fresh).iter_records(KINDS[kind]))
        assert len(imported) == len(originals), kind
        for record in imported:
            old = originals[record["events"][0]["source"]["ledger_id"]]
            # Same ids too: the same years, in the same order.
            assert record["id"] == old["id"]
            assert _compared(record, kind, calendar) == _compared(old, kind, calendar), old["id"]
    assert invoke(fresh, "audit", "verify").exit_code == 0


def test_complaints_round_trip(tmp_path) -> None:
    demo, fresh = tmp_path / "demo", tmp_path / "fresh"
    assert invoke(demo, "init", "--demo").exit_code == 0
    out = tmp_path / "c.xlsx"
    assert (
        invoke(
            demo, "export", "complaint", "--format", "xlsx", "--output", str(out), "--reveal"
        ).exit_code
        == 0
    )
    assert invoke(fresh, "init").exit_code == 0
    assert invoke(fresh, "import", "complaint", str(out)).exit_code == 0
    calendar = WorkCalendar()
    originals = {r["id"]: r for r in Store(demo).iter_records(KINDS["complaint"])}
    for record in Store(fresh).iter_records(KINDS["complaint"]):
        old = originals[record["events"][0]["source"]["ledger_id"]]
        mine, theirs = (
            _compared(record, "complaint", calendar),
            _compared(old, "complaint", calendar),
        )
        # An escalated complaint names the case it opened in the fresh office.
        mine.pop("case"), theirs.pop("case")
        assert mine == theirs, old["id"]


def test_import_help_example_runs_on_the_demo(tmp_path) -> None:
    demo = tmp_path / "demo"
    assert invoke(demo, "init", "--demo").exit_code == 0
    out = tmp_path / "信访台账.xlsx"
    assert (
        invoke(
            demo, "export", "petition", "--format", "xlsx", "--output", str(out), "--reveal"
        ).exit_code
        == 0
    )
    # Into another office: the demo itself already has every row (refused, exit 2).
    other = tmp_path / "other"
    assert invoke(other, "init").exit_code == 0
    files = snapshot(other)
    result = invoke(other, "import", "petition", str(out), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["row"] for r in data] == list(range(2, 2 + len(data)))
    assert snapshot(other) == files


def test_output_goes_with_xlsx_and_a_bad_path_is_one_sentence(run, petitions, data_dir, tmp_path):
    files = snapshot(data_dir)
    result = run("export", "petition", "--format", "csv", "--output", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and "--output 只用于 --format xlsx" in result.output
    for bad in (str(tmp_path / "no" / "such" / "dir.xlsx"), "a\x00b.xlsx", str(tmp_path)):
        result = run("export", "petition", "--format", "xlsx", "--output", bad, "--reveal")
        assert result.exit_code == 2, result.output
        assert result.output.startswith("错误：不能写入") and len(result.output.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
    assert snapshot(data_dir) == files  # a reveal into a file that cannot be written: not audited
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_progress_bar_only_on_a_terminal(run, data_dir, tmp_path, monkeypatch) -> None:
    """The bar (26 rows: 20 or more) goes to stderr, only when stderr is a terminal;
    stdout, the result, never holds it: --format json stays JSON."""
    rows = [LEDGER[0]] + [
        [dt.date(2026, 2, 2), f"村民{n}", None, "宅基地纠纷", None, None, None] for n in range(25)
    ]
    path = write_xlsx(tmp_path / "long.xlsx", rows)
    result = run("import", "petition", str(path), "--dry-run")
    assert result.exit_code == 0 and "正在导入" not in result.output  # a pipe: no bar
    monkeypatch.setattr("commands.import_cmd.on_terminal", lambda: True)
    result = run("import", "petition", str(path), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "正在导入" in result.stderr and "正在导入" not in result.stdout
    assert len(json.loads(result.stdout)) == 25
    # 19 rows: no bar, even on a terminal.
    path = write_xlsx(tmp_path / "short.xlsx", rows[:20])
    result = run("import", "petition", str(path), "--dry-run")
    assert result.exit_code == 0 and "正在导入" not in result.output


def test_progress_bar_follows_stderr_not_stdout(monkeypatch) -> None:
    """on_terminal asks stderr (where the bar goes), not stdout (the result)."""
    from commands import import_cmd

    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.setattr("sys.stdout", Stream(True))
    monkeypatch.setattr("sys.stderr", Stream(False))
    assert import_cmd.on_terminal() is False  # 2> log: no bar
    monkeypatch.setattr("sys.stdout", Stream(False))
    monkeypatch.setattr("sys.stderr", Stream(True))
    assert import_cmd.on_terminal() is True  # > out.json on a terminal: the bar on stderr


def test_audit_log_is_not_a_workbook(run, petitions, tmp_path) -> None:
    result = run("export", "audit", "--format", "xlsx", "--output", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 2 and "审计日志只能导出为 csv 或 json" in result.output
    assert not (tmp_path / "a.xlsx").exists()


def test_rows_numbered_as_the_sheet_shows_them(run, data_dir, tmp_path) -> None:
    """An empty row is skipped but keeps its number: the bad row is row 5."""
    rows = [LEDGER[0], LEDGER[1], [None] * 7, LEDGER[2], ["2026-13-01", "甲", None, "事"]]
    result = run("import", "petition", str(write_xlsx(tmp_path / "gap.xlsx", rows)))
    assert result.exit_code == 2
    assert "第 5 行：「收件日期」的「2026-13-01」不是有效日期" in result.output


def test_township_csv_export_reads_back(run, petitions, data_dir, tmp_path) -> None:
    """The CSV ledger (a byte-order mark, Chinese headers, formula-looking cells
    escaped with ') imports: the escape is taken off, the dates are steps."""
    data = run("export", "petition", "--format", "csv", "--reveal").stdout_bytes
    (tmp_path / "p.csv").write_bytes(data)
    text = data.decode("utf-8")
    fresh = tmp_path / "fresh"
    assert text.startswith("\ufeff编号,状态,收件日期,受理日期,")
    assert "'=1+2 征地补偿" in text
    assert invoke(fresh, "init").exit_code == 0
    result = invoke(fresh, "import", "petition", str(tmp_path / "p.csv"))
    assert result.exit_code == 0, result.output
    second = Store(fresh).get("PET-2026-0002")
    assert second["matter"] == "=1+2 征地补偿"
    first = Store(fresh).get("PET-2026-0001")
    assert (first["status"], first["petitioner"]) == ("accepted", "张三丰")
    assert first["responsible"]["dept"] == "综治办"


def test_a_masked_export_is_not_imported(run, petitions, tmp_path) -> None:
    out = tmp_path / "masked.xlsx"
    assert run("export", "petition", "--format", "xlsx", "--output", str(out)).exit_code == 0
    fresh = tmp_path / "fresh"
    assert invoke(fresh, "init").exit_code == 0
    files = snapshot(fresh)
    result = invoke(fresh, "import", "petition", str(out))
    assert result.exit_code == 2
    assert "第 2 行：「信访人」的「张**」是打码后的内容" in result.output
    assert "--reveal" in result.output
    assert snapshot(fresh) == files


def test_formula_looking_text_cell_in_a_workbook(run, data_dir, tmp_path) -> None:
    """A text cell of a workbook that begins with = is text, stored as it reads."""
    book = Workbook()
    book.active.append(["收件日期", "信访人", "信访事项"])
    book.active.append([dt.date(2026, 2, 3), "王五", None])
    cell = book.active.cell(row=2, column=3)
    cell.value = "=SUM(A1:A9)"
    cell.data_type = "s"
    book.save(tmp_path / "f.xlsx")
    result = run("import", "petition", str(tmp_path / "f.xlsx"))
    assert result.exit_code == 0, result.output
    assert Store(data_dir).get("PET-2026-0001")["matter"] == "=SUM(A1:A9)"


def test_a_status_its_steps_do_not_reach_is_refused(run, data_dir, tmp_path) -> None:
    rows = [
        ["状态", "收件日期", "信访人", "信访事项", "受理日期"],
        ["已受理", "2026-02-02", "王五", "宅基地", "2026-02-03"],  # as its steps say
        ["已办结", "2026-02-02", "赵六", "征地", "2026-02-03"],  # concluded: when?
        ["在办", "2026-02-02", "钱七", "灌溉", None],  # the ledger's own word: not compared
    ]
    assert run("init").exit_code == 0
    files = snapshot(data_dir)
    result = run("import", "petition", str(write_xlsx(tmp_path / "s.xlsx", rows)))
    assert result.exit_code == 2
    assert "第 3 行：状态列为「已办结」，但按已填日期办理的步骤只到「已受理」" in result.output
    assert "第 2 行" not in result.output and "第 4 行" not in result.output
    assert snapshot(data_dir) == files


def test_a_missing_ledger_is_named_in_the_readers_language(run, data_dir, tmp_path) -> None:
    """The operating system's reason (ENOENT) is said in Chinese, not "No such file"."""
    assert run("init").exit_code == 0
    files = snapshot(data_dir)
    result = run("import", "petition", str(tmp_path / "信访台账.csv"))
    assert result.exit_code == 2
    assert "不能读取 信访台账.csv：文件不存在。" in result.output
    assert "No such file" not in result.output
    english = run("import", "petition", str(tmp_path / "信访台账.csv"), lang="en")
    assert "Cannot read 信访台账.csv: no such file or folder." in english.output
    assert snapshot(data_dir) == files
