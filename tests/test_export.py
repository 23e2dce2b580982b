"""``township export``: archives in CSV and JSON, masking and escaping."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_report import Clock, Spec, seed

from township.storage.audit import load_entries
from township.storage.store import Store

HEAD = [
    "id",
    "kind",
    "status",
    "created",
    "updated",
    "actor",
    "responsible_person",
    "responsible_dept",
]
TAIL = ["events", "clocks", "deadlines"]

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
            "note": "-2+3",
            "tag": "@SUM(A1)",
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
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_masks_and_escapes(run, complaints) -> None:
    result = run("export", "complaint", "--year", "2026", "--format", "csv")
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.output)))
    # Common fields, then the kind's own fields by name, then the nested lists.
    own = ["against", "complainant", "contact", "note", "summary", "tag"]
    assert header == HEAD + own + TAIL
    [row] = _csv(result.output)
    assert row["id"] == "CMP-2026-0001"
    assert (row["responsible_person"], row["responsible_dept"]) == ("孙七", "纪委办")
    # Masked as the guide shows: 张** / 138****5678.
    assert (row["complainant"], row["contact"]) == ("张**", "138****5678")
    assert "张三丰" not in result.output and "13812345678" not in result.output
    # Formula cells are escaped with a leading apostrophe.
    assert row["summary"] == '\'=HYPERLINK("http://example.invalid","点我")'
    assert row["against"] == "'+86 民政办"
    assert row["note"] == "'-2+3"
    assert row["tag"] == "'@SUM(A1)"
    # Nested values are JSON text; deadlines are computed as of today (03-02).
    assert json.loads(row["deadlines"]) == [
        {
            "rule": "complaint-handling",
            "trigger": "2026-02-05",
            "due": "2026-03-04",
            "met_on": None,
            "state": "open",
            "provisional": False,
            "workdays_late": 0,
        }
    ]
    assert json.loads(row["events"])[0]["action"] == "log"
    assert json.loads(row["clocks"])[0]["rule"] == "complaint-handling"


def test_csv_all_years_sorted_by_id(run, complaints) -> None:
    rows = _csv(run("export", "complaint").output)  # csv is the default
    assert [r["id"] for r in rows] == ["CMP-2025-0001", "CMP-2026-0001"]
    # The 2025 complaint has no note/tag: the cells are empty, the columns stay.
    assert rows[0]["tag"] == "" and rows[0]["complainant"] == "李**"


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
    assert (pet["petitioner"], pet["contact"]) == ("刘**", "139****1111")
    inquiries = _csv(run("export", "inquiry").output)
    assert [(r["name"], r["contact"]) for r in inquiries] == [
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
    assert next(csv.reader(io.StringIO(result.output))) == HEAD + TAIL
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
    "note": "\r\n\u3000@SUM(1+1)",
    "tag": ' \t+1 "quoted", and a comma',
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
        text = result.stdout_bytes.decode("utf-8")
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
    [first, _second] = csv.DictReader(io.StringIO(out, newline=""))
    # Nothing lost but the escaping apostrophe.
    assert first["summary"] == "'" + HOSTILE["summary"]
    assert first["against"] == HOSTILE["against"]  # begins with 民政办: no formula
    assert first["note"] == "'" + HOSTILE["note"]
    assert first["tag"] == "'" + HOSTILE["tag"]


def test_masked_whatever_the_contact_and_name_hold(run, store) -> None:
    seed(
        store,
        [
            Spec("complaint", fields={"complainant": "张", "contact": "1*8123456789"}),
            Spec("petition", fields={"petitioner": "\u200b王", "contact": "***12345"}),
        ],
    )
    [cmp] = _csv(run("export", "complaint").output)
    assert (cmp["complainant"], cmp["contact"]) == ("*", "1*8*******89")
    [pet] = _csv(run("export", "petition").output)
    assert (pet["petitioner"], pet["contact"]) == ("*", "******45")


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
