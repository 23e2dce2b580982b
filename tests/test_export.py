"""``township export``: the ledger CSV and the JSON archive, masking and escaping.

The CSV is the kind's ledger (docs/decisions/spreadsheets.md, "The CSV export is a
ledger"): the xlsx ledger's columns, Chinese headers, a byte-order mark; JSON is the
machine format, with every stored key.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_report import Clock, Spec, seed

from township.storage.audit import load_entries
from township.storage.store import Store

BOM = "\ufeff"

COMPLAINTS = [
    # CMP-2026-0001. complaint-handling from Thu 02-05: 15 working days -> 03-04
    # (derived in tests/test_report.py), open on 2026-03-02.
    Spec(
        "complaint",
        "孙七",
        "纪委办",
        (Clock("complaint-handling", "2026-02-05", 15),),
        fields={
            "complainant": "张三丰",
            "contact": "13812345678",
            "summary": '=HYPERLINK("http://example.invalid","点我")',
            "against": "+86 民政办",
            "finding": "-2+3",
            "action": "@SUM(A1)",
        },
    ),
    # CMP-2025-0001: a complaint of the year before.
    Spec(
        "complaint",
        "孙七",
        "纪委办",
        year=2025,
        fields={"complainant": "李小龙", "contact": "13900002222", "summary": "态度差"},
    ),
]


@pytest.fixture
def complaints(store: Store) -> Store:
    assert seed(store, COMPLAINTS) == ["CMP-2026-0001", "CMP-2025-0001"]
    return store


def _csv(text: str) -> list[dict[str, str]]:
    """The ledger CSV's rows by header; the byte-order mark must come first."""
    assert text.startswith(BOM), text[:20]
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_is_a_ledger_masked_and_escaped(run, complaints) -> None:
    result = run("export", "complaint", "--year", "2026", "--format", "csv")
    assert result.exit_code == 0, result.output
    # UTF-8 with a byte-order mark: Excel on a Chinese Windows reads it as UTF-8.
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf\xe7\xbc\x96\xe5\x8f\xb7,")  # 编号,
    header = next(csv.reader(io.StringIO(result.output[1:])))
    # The xlsx ledger's columns: id, status, a date per step, the people in charge,
    # the declared fields under their labels, then each deadline's due date and state.
    steps = ["登记投诉日期", "交办日期", "办结日期", "转问责调查日期"]
    assert header[:8] == ["编号", "状态", *steps, "承办部门", "承办人"]
    assert header[-2:] == ["办结效能投诉到期日", "办结效能投诉状态"]
    [row] = _csv(result.output)
    assert row["编号"] == "CMP-2026-0001"
    assert (row["承办人"], row["承办部门"]) == ("孙七", "纪委办")
    # Masked as the guide shows: 张** / 138****5678.
    assert (row["投诉人"], row["联系方式"]) == ("张**", "138****5678")
    assert "张三丰" not in result.output and "13812345678" not in result.output
    # Formula cells are escaped with a leading apostrophe.
    assert row["投诉内容"] == '\'=HYPERLINK("http://example.invalid","点我")'
    assert row["被投诉对象"] == "'+86 民政办"
    assert row["调查结论"] == "'-2+3"
    assert row["处理措施"] == "'@SUM(A1)"
    # The deadline as columns, computed as of today (03-02): complaint-handling
    # from Thu 02-05, 15 working days -> 03-04, not yet due.
    assert (row["办结效能投诉到期日"], row["办结效能投诉状态"]) == ("2026-03-04", "未到期")


def test_csv_in_english(run, complaints) -> None:
    text = run("export", "complaint", "--year", "2026", "--lang", "en").output
    [row] = _csv(text)
    assert row["id"] == "CMP-2026-0001" and row["complainant"] == "张**"
    assert (row["resolve the complaint due"], row["resolve the complaint state"]) == (
        "2026-03-04",
        "open",
    )


def test_csv_all_years_sorted_by_id(run, complaints) -> None:
    rows = _csv(run("export", "complaint").output)  # csv is the default
    assert [r["编号"] for r in rows] == ["CMP-2025-0001", "CMP-2026-0001"]
    # The 2025 complaint has no finding: the cell is empty, the column stays.
    assert rows[0]["调查结论"] == "" and rows[0]["投诉人"] == "李**"


def test_json_full_records_masked(run, complaints) -> None:
    result = run("export", "complaint", "--year", "2026", "--format", "json")
    assert result.exit_code == 0
    [record] = json.loads(result.output)
    assert record["complainant"] == "张**"
    assert record["contact"] == "138****5678"
    assert record["summary"].startswith("=HYPERLINK")  # JSON is not a spreadsheet
    assert record["clocks"][0]["trigger"] == "2026-02-05"
    assert record["deadlines"][0]["due"] == "2026-03-04"
    assert record["deadlines"][0]["state"] == "open"
    # Read on 03-05 the same deadline is overdue by one working day (03-05).
    [later] = json.loads(
        run("export", "complaint", "--year", "2026", "--format", "json", today="2026-03-05").output
    )
    assert (later["deadlines"][0]["state"], later["deadlines"][0]["workdays_late"]) == (
        "overdue",
        1,
    )


def test_export_without_reveal_is_not_audited(run, complaints, store) -> None:
    before = len(load_entries(store.audit_path))
    assert run("export", "complaint").exit_code == 0
    assert len(load_entries(store.audit_path)) == before


def test_reveal_shows_personal_data_and_is_audited(run, complaints, store) -> None:
    before = len(load_entries(store.audit_path))
    result = run("export", "complaint", "--reveal", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [(r["complainant"], r["contact"]) for r in data] == [
        ("李小龙", "13900002222"),
        ("张三丰", "13812345678"),
    ]
    entries = load_entries(store.audit_path)
    assert len(entries) == before + 1
    note = entries[-1]
    assert note["action"] == "reveal"
    assert note["actor"] == "王芳"
    assert note["kind"] == "complaint"
    assert note["revealed"] == ["CMP-2025-0001", "CMP-2026-0001"]
    # The log still verifies with the note in it.
    assert run("audit", "verify").exit_code == 0


def test_petitions_and_inquiries_masked_by_their_rules(run, store) -> None:
    seed(
        store,
        [
            Spec("petition", fields={"petitioner": "刘大海", "contact": "13900001111"}),
            # An inquiry carrying a complaint is protected (首问负责制 3(4)) ...
            Spec(
                "inquiry", fields={"name": "陈小明", "contact": "13700003333", "type": "complaint"}
            ),
            # ... a plain consultation is not.
            Spec("inquiry", fields={"name": "黄大伟", "contact": "13600004444", "type": "consult"}),
        ],
    )
    [pet] = _csv(run("export", "petition").output)
    assert (pet["信访人"], pet["联系方式"]) == ("刘**", "139****1111")
    inquiries = _csv(run("export", "inquiry").output)
    assert [(r["姓名"], r["联系方式"]) for r in inquiries] == [
        ("陈**", "137****3333"),
        ("黄大伟", "13600004444"),
    ]


def test_audit_export_masks_unless_revealed(run, complaints) -> None:
    result = run("export", "audit", "--format", "json")
    assert result.exit_code == 0
    entries = json.loads(result.output)
    created = next(e for e in entries if e["id"] == "CMP-2026-0001")
    assert created["after"]["complainant"] == "张**"
    assert "张三丰" not in result.output
    rows = _csv(run("export", "audit", "--format", "csv").output)
    assert [r["id"] for r in rows] == ["CMP-2026-0001", "CMP-2025-0001"]
    assert json.loads(rows[0]["after"])["contact"] == "138****5678"
    assert list(rows[0])[:5] == ["seq", "time", "actor", "command", "id"]
    revealed = json.loads(run("export", "audit", "--format", "json", "--reveal").output)
    created = next(e for e in revealed if e["id"] == "CMP-2026-0001")
    assert created["after"]["complainant"] == "张三丰"


def test_audit_export_by_year(run, complaints) -> None:
    # The store fixture stamps every change 2026-03-02T09:00:00+08:00.
    assert len(json.loads(run("export", "audit", "--year", "2026", "--format", "json").output)) == 2
    assert json.loads(run("export", "audit", "--year", "2025", "--format", "json").output) == []


def test_empty_exports(run) -> None:
    result = run("export", "case", "--format", "csv")
    assert result.exit_code == 0
    [header] = csv.reader(io.StringIO(result.output.removeprefix(BOM)))
    assert header[:3] == ["编号", "状态", "启动问责程序日期"]
    assert json.loads(run("export", "case", "--format", "json").output) == []


def test_bad_arguments(run) -> None:
    assert run("export", "nonsense").exit_code == 2
    assert run("export", "case", "--format", "html").exit_code == 2
    help_text = run("export", "--help", "--lang", "en").output
    assert "Example:" in help_text and "township export" in help_text


# -- line breaks, formulas after them, masking whatever the characters -----------------

HOSTILE = {
    "summary": "\n=cmd|' /C calc'!A0",
    "against": "民政办\r=cmd|' /C calc'!A0",
    "finding": "\r\n\u3000@SUM(1+1)",
    "action": ' \t+1 "quoted", and a comma',
}


def test_csv_read_back_keeps_every_row_and_escapes_formulas(run, store) -> None:
    seed(
        store,
        [
            Spec("complaint", "孙七", "纪委办", fields={"complainant": "张三", **HOSTILE}),
            Spec("complaint", "孙七", "纪委办", fields={"complainant": "李四", "summary": "x"}),
        ],
    )
    for args in (
        ("export", "complaint", "--format", "csv"),
        ("complaint", "list", "--format", "csv"),
        ("complaint", "list", "--format", "tsv"),
        ("export", "audit", "--format", "csv"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        delimiter = "\t" if "tsv" in args else ","
        text = result.stdout_bytes.decode("utf-8").removeprefix(BOM)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        # Read back as a spreadsheet would: as many rows as records (log lines),
        # every row as wide as the header; no line break started a row of its own.
        assert len(rows) == 1 + 2, (args, rows)
        assert all(len(r) == len(rows[0]) for r in rows), args
        for row in rows:
            for cell in row:
                rest = cell.lstrip(" \t\r\n\u3000")
                assert not rest.startswith(("=", "+", "-", "@")), (args, cell)
    # The bytes: click's Result.output turns CRLF into LF.
    out = run("export", "complaint").stdout_bytes.decode("utf-8")
    [first, _second] = _csv(out)
    # Nothing lost but the escaping apostrophe.
    assert first["投诉内容"] == "'" + HOSTILE["summary"]
    assert first["被投诉对象"] == HOSTILE["against"]  # begins with 民政办: no formula
    assert first["调查结论"] == "'" + HOSTILE["finding"]
    assert first["处理措施"] == "'" + HOSTILE["action"]


def test_masked_whatever_the_contact_and_name_hold(run, store) -> None:
    seed(
        store,
        [
            Spec("complaint", fields={"complainant": "张", "contact": "1*8123456789"}),
            Spec("petition", fields={"petitioner": "\u200b王", "contact": "***12345"}),
        ],
    )
    [cmp] = _csv(run("export", "complaint").output)
    assert (cmp["投诉人"], cmp["联系方式"]) == ("*", "1*8*******89")
    [pet] = _csv(run("export", "petition").output)
    assert (pet["信访人"], pet["联系方式"]) == ("*", "******45")


def test_a_record_whose_kind_was_edited_is_masked_as_its_file(run, store, data_dir) -> None:
    seed(store, [Spec("complaint", fields={"complainant": "张三丰", "contact": "13812345678"})])
    path = data_dir / "complaints" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    for record in raw["records"].values():
        record["kind"] = "task"  # a kind with no personal data
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    for args in (("export", "complaint", "--format", "json"), ("export", "complaint")):
        out = run(*args).output
        assert "张三丰" not in out and "13812345678" not in out, out
