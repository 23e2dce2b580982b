"""The hash-chained audit log and ``township audit log|verify``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CLERK, Invoke, d

from township.steps.machine import add_event, new_record
from township.storage import audit
from township.storage.store import Store


def create(store: Store, name: str, actor: str = "王芳") -> str:
    with store.transaction(actor, "inquiry log") as tx:

        def build(rid: str) -> dict[str, Any]:
            rec = new_record("inquiry", rid, actor=actor, now=tx.now, status="open", name=name)
            add_event(rec, on=d("2026-03-02"), actor=actor, now=tx.now, action="log")
            return rec

        return tx.create("inquiry", 2026, build)["id"]


def close(store: Store, rid: str, actor: str = "李明") -> None:
    with store.transaction(actor, "inquiry close") as tx:
        rec = tx.get(rid)
        rec["status"] = "closed"
        rec["result"] = "已答复"
        rec.pop("name")  # a removed field must replay too
        add_event(rec, on=d("2026-03-03"), actor=actor, now=tx.now, action="close")
        tx.update(rec)


@pytest.fixture
def populated(store: Store) -> Store:
    """Five lines: three creates, then two updates."""
    create(store, "张三")  # line 1
    create(store, "李四")  # line 2
    close(store, "INQ-2026-0001")  # line 3
    create(store, "王五")  # line 4
    close(store, "INQ-2026-0002")  # line 5
    return store


def lines(store: Store) -> list[str]:
    return store.audit_path.read_text(encoding="utf-8").splitlines()


def write_lines(store: Store, new: list[str]) -> None:
    store.audit_path.write_text("".join(line + "\n" for line in new), encoding="utf-8")


# -- the chain -----------------------------------------------------------------


def test_chain_structure(populated: Store) -> None:
    entries = [json.loads(line) for line in lines(populated)]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0]["prev"] == "0" * 64
    for before, entry in zip(lines(populated), entries[1:], strict=False):
        assert entry["prev"] == hashlib.sha256(before.encode("utf-8")).hexdigest()
    first, third = entries[0], entries[2]
    assert (first["actor"], first["command"], first["id"], first["change"]) == (
        "王芳",
        "inquiry log",
        "INQ-2026-0001",
        "create",
    )
    assert first["time"] == "2026-03-02T09:00:00+08:00"
    assert first["before"] == {} and first["after"]["name"] == "张三"
    # An update lists only the changed fields, before and after.
    assert third["change"] == "update" and third["actor"] == "李明"
    assert set(third["before"]) == {"status", "name", "events"}
    assert set(third["after"]) == {"status", "result", "events"}
    assert third["before"]["status"] == "open" and third["after"]["status"] == "closed"


def test_verify_ok(run: Invoke, populated: Store) -> None:
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    assert "5 行" in result.stdout
    assert "3 条" in result.stdout
    assert "5 lines" in run("audit", "verify", lang="en").stdout


def test_verify_empty_store(run: Invoke, data_dir: Path) -> None:
    assert run("audit", "verify").exit_code == 0
    assert list(data_dir.iterdir()) == []  # checking creates nothing


def test_notes_are_chained_and_skipped_by_replay(run: Invoke, populated: Store) -> None:
    with populated.transaction("王芳", "complaint show --reveal") as tx:
        tx.note("INQ-2026-0001", "reveal", {"fields": ["name"]})
    last = json.loads(lines(populated)[-1])
    assert last["action"] == "reveal" and "file" not in last
    assert run("audit", "verify").exit_code == 0


# -- tampering -------------------------------------------------------------------


def _expect_problem(run: Invoke, zh: str, en: str) -> None:
    result = run("audit", "verify")
    assert result.exit_code == 3, result.output
    assert zh in result.stderr, result.stderr
    assert en in run("audit", "verify", lang="en").stderr


def test_hand_edited_record(run: Invoke, populated: Store, data_dir: Path) -> None:
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["3"]["name"] = "赵六"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _expect_problem(run, "INQ-2026-0003", "INQ-2026-0003 in inquiries/2026.json differs")
    assert "name" in run("audit", "verify").stderr


def test_record_added_by_hand(run: Invoke, populated: Store, data_dir: Path) -> None:
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["9"] = {**raw["records"]["3"], "id": "INQ-2026-0009"}
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _expect_problem(run, "INQ-2026-0009", "INQ-2026-0009 in inquiries/2026.json has no audit")


def test_record_removed_by_hand(run: Invoke, populated: Store, data_dir: Path) -> None:
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    del raw["records"]["2"]
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _expect_problem(run, "INQ-2026-0002", "INQ-2026-0002 is in the audit log but missing")


def test_hand_edited_calendar(run: Invoke, data_dir: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "data/examples/calendar-2027.json"
    assert run("calendar", "import", str(example)).exit_code == 0
    path = data_dir / "calendar.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["schedules"]["2027"]["holidays"].remove("2027-02-12")
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _expect_problem(run, "calendar-2027", "calendar-2027 in calendar.json differs")


def test_deleted_first_line(run: Invoke, populated: Store) -> None:
    write_lines(populated, lines(populated)[1:])
    _expect_problem(run, "第 1 行", "line 1 does not chain")


def test_deleted_middle_line(run: Invoke, populated: Store) -> None:
    kept = lines(populated)
    del kept[2]
    write_lines(populated, kept)
    _expect_problem(run, "第 3 行", "line 3 does not chain")


def test_deleted_last_line_create(run: Invoke, store: Store) -> None:
    """The chain cannot see a missing tail; the replay can: the record has no history."""
    create(store, "张三")
    create(store, "李四")
    write_lines(store, lines(store)[:-1])
    _expect_problem(run, "INQ-2026-0002", "INQ-2026-0002 in inquiries/2026.json has no audit")


def test_deleted_last_line_update(run: Invoke, populated: Store) -> None:
    write_lines(populated, lines(populated)[:-1])
    _expect_problem(run, "INQ-2026-0002", "INQ-2026-0002 in inquiries/2026.json differs")


def test_edited_line(run: Invoke, populated: Store) -> None:
    edited = lines(populated)
    edited[1] = edited[1].replace("李四", "李五")
    write_lines(populated, edited)
    _expect_problem(run, "第 3 行", "line 3 does not chain")


def test_reordered_lines(run: Invoke, populated: Store) -> None:
    swapped = lines(populated)
    swapped[1], swapped[2] = swapped[2], swapped[1]
    write_lines(populated, swapped)
    _expect_problem(run, "第 2 行", "line 2 does not chain")


def test_rechained_forgery_is_caught_by_replay(run: Invoke, populated: Store) -> None:
    """Rewriting a line and re-hashing every later one keeps the chain but not the replay."""
    forged = [json.loads(line) for line in lines(populated)]
    forged[0]["after"]["name"] = "假名"
    out, prev = [], audit.GENESIS
    for entry in forged:
        entry["prev"] = prev
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        out.append(text)
        prev = audit.line_hash(text)
    write_lines(populated, out)
    _expect_problem(run, "第 3 行", "line 3: the 'before' of INQ-2026-0001")


def test_garbage_line(run: Invoke, populated: Store) -> None:
    bad = lines(populated)
    bad[3] = "not json"
    write_lines(populated, bad)
    _expect_problem(run, "第 4 行不是有效的 JSON", "line 4 is not valid JSON")
    result = run("audit", "log")
    assert result.exit_code == 3
    assert "4" in result.stderr


# -- audit log -------------------------------------------------------------------


def test_audit_log(run: Invoke, populated: Store) -> None:
    result = run("audit", "log")
    assert result.exit_code == 0
    body = result.stdout.splitlines()
    assert len(body) == 2 + 5  # header, rule, five lines
    assert "inquiry close" in result.stdout and "李明" in result.stdout

    data = json.loads(run("audit", "log", "INQ-2026-0001", "--format", "json").stdout)
    assert [e["seq"] for e in data] == [1, 3]
    assert data[1]["after"]["status"] == "closed"
    # ids are case-insensitive, as everywhere
    lower = json.loads(run("audit", "log", "inq-2026-0001", "--format", "json").stdout)
    assert lower == data


def test_audit_log_empty_and_bad_id(run: Invoke, populated: Store) -> None:
    result = run("audit", "log", "CASE-2026-0001")
    assert result.exit_code == 0
    assert "没有" in result.stdout
    result = run("audit", "log", "NOPE-1")
    assert result.exit_code == 2
    assert "NOPE-1" in result.stderr


def test_actor_comes_from_as(run: Invoke, data_dir: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "data/examples/calendar-2027.json"
    assert run("calendar", "import", str(example)).exit_code == 0
    assert run("--as", "赵强", "calendar", "import", str(example)).exit_code == 0
    entries = audit.load_entries(data_dir / "audit.jsonl")
    assert [e["actor"] for e in entries] == [CLERK, "赵强"]


# -- the anchor of the chain (audit-head.json) --------------------------------------


def test_deleting_a_trailing_note_is_caught(run: Invoke, populated: Store) -> None:
    # A reveal note changes no record, so the replay alone cannot miss it: only
    # the anchor knows that six lines were written.
    with populated.transaction("王芳", "complaint show --reveal") as tx:
        tx.note("INQ-2026-0001", "reveal", {"fields": ["name"]})
    write_lines(populated, lines(populated)[:-1])
    _expect_problem(run, "最后 1 行被删除", "the last 1 line(s) were deleted")


def test_editing_the_last_line_is_caught(run: Invoke, populated: Store) -> None:
    # The last line has no successor whose "prev" would change; the anchor's hash does.
    entries = lines(populated)
    last = json.loads(entries[-1])
    last["actor"] = "某人"
    write_lines(populated, [*entries[:-1], json.dumps(last, ensure_ascii=False)])
    _expect_problem(run, "第 5 行", "line 5")


def test_lines_appended_by_hand_are_caught(run: Invoke, populated: Store) -> None:
    entries = lines(populated)
    forged, _ = audit.make_line(
        audit.Tail(5, hashlib.sha256(entries[-1].encode()).hexdigest()),
        {"time": "2026-03-02T10:00:00+08:00", "actor": "某人", "command": "x", "id": "X"},
    )
    write_lines(populated, [*entries, forged])
    _expect_problem(run, "第 6 行起", "lines from 6 on")


def test_missing_anchor_is_caught(run: Invoke, populated: Store) -> None:
    populated.head_path.unlink()
    _expect_problem(run, "audit-head.json", "audit-head.json")


def test_stale_temporary_files_are_removed_by_the_next_writer(
    populated: Store, data_dir: Path
) -> None:
    # A writer killed between writing its temporary file and renaming it leaves
    # ".NAME.PID.tmp" behind; the next writer holds the lock, so it is stale.
    stale = [data_dir / ".journal.json.999999.tmp", data_dir / "inquiries" / ".2026.json.1.tmp"]
    for path in stale:
        path.write_bytes(b"{")
    create(populated, "赵六")
    assert not any(path.exists() for path in stale)


# -- personal data in the log  -----------------------------------------


def _register_protected(run: Invoke) -> tuple[str, str]:
    complaint = run(
        "complaint", "register", "--complainant", "张三丰", "--contact", "13812345678",
        "--against", "民政办", "--category", "1", "--summary", "低保申请拖延",
    )  # fmt: skip
    petition = run(
        "petition", "receive", "--petitioner", "王五", "--contact", "13912345678",
        "--matter", "宅基地纠纷",
    )  # fmt: skip
    assert complaint.exit_code == 0 and petition.exit_code == 0
    return complaint.stdout.splitlines()[0], petition.stdout.splitlines()[0]


def test_audit_log_masks_complainants_and_petitioners(run: Invoke, data_dir: Path) -> None:
    cmp_id, pet_id = _register_protected(run)
    before = len(audit.load_entries(data_dir / "audit.jsonl"))
    for fmt in ("table", "json", "csv", "html"):
        out = run("audit", "log", "--format", fmt).stdout
        for secret in ("张三丰", "13812345678", "王五", "13912345678"):
            assert secret not in out, (fmt, secret)
    data = json.loads(run("audit", "log", "--format", "json").stdout)
    created = {e["id"]: e["after"] for e in data if e.get("change") == "create"}
    assert (created[cmp_id]["complainant"], created[cmp_id]["contact"]) == ("张**", "138****5678")
    assert (created[pet_id]["petitioner"], created[pet_id]["contact"]) == ("王*", "139****5678")
    assert created[cmp_id]["against"] == "民政办"  # only personal data is masked
    one = json.loads(run("audit", "log", cmp_id, "--format", "json").stdout)
    assert one[0]["after"]["complainant"] == "张**"
    # Reading the masked log is not audited.
    assert len(audit.load_entries(data_dir / "audit.jsonl")) == before


def test_audit_log_reveal_is_audited(run: Invoke, data_dir: Path) -> None:
    cmp_id, pet_id = _register_protected(run)
    before = len(audit.load_entries(data_dir / "audit.jsonl"))
    result = run("audit", "log", cmp_id, "--reveal", "--format", "json", user="纪委办刘某")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data[0]["after"]["complainant"], data[0]["after"]["contact"]) == (
        "张三丰",
        "13812345678",
    )
    notes = audit.load_entries(data_dir / "audit.jsonl")[before:]
    assert [(n["id"], n["action"], n["command"], n["actor"], n["fields"]) for n in notes] == [
        (cmp_id, "reveal", "audit log --reveal", "纪委办刘某", ["complainant", "contact"])
    ]
    # The whole log: one note per protected record shown.
    assert "王五" in run("audit", "log", "--reveal", "--format", "json").stdout
    notes = audit.load_entries(data_dir / "audit.jsonl")[before + 1 :]
    assert sorted(n["id"] for n in notes) == sorted([cmp_id, pet_id])
    assert run("audit", "verify").exit_code == 0


def test_audit_log_reveal_with_nothing_protected_writes_nothing(
    run: Invoke, populated: Store
) -> None:
    before = lines(populated)
    assert run("audit", "log", "--reveal").exit_code == 0
    assert lines(populated) == before


# -- audit log and export audit stream ----------------------------------------------


def _all_at_once(monkeypatch: pytest.MonkeyPatch, run: Invoke, *args: str) -> str:
    """The output with one chunk holding every row: what the renderer gives at once."""
    import commands.stream

    monkeypatch.setattr(commands.stream, "CHUNK", 10**9)
    try:
        return run(*args).stdout
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
def test_audit_log_streamed_in_chunks_reads_as_one_table(
    run: Invoke, populated: Store, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    import commands.stream

    _register_protected(run)  # wide Chinese cells, masked values
    whole = _all_at_once(monkeypatch, run, "audit", "log", "--format", fmt)
    monkeypatch.setattr(commands.stream, "CHUNK", 2)
    chunked = run("audit", "log", "--format", fmt)
    assert chunked.exit_code == 0
    assert chunked.stdout == whole
    if fmt == "json":
        assert [e["seq"] for e in json.loads(whole)] == list(range(1, 8))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_audit_streamed_in_chunks_is_the_same(
    run: Invoke, populated: Store, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    import commands.stream

    _register_protected(run)
    whole = _all_at_once(monkeypatch, run, "export", "audit", "--format", fmt)
    monkeypatch.setattr(commands.stream, "CHUNK", 3)
    assert run("export", "audit", "--format", fmt).stdout == whole
    assert "张三丰" not in whole


@pytest.mark.parametrize("fmt", ["table", "html", "csv", "json"])
def test_an_empty_listing_streams_as_before(run: Invoke, data_dir: Path, fmt: str) -> None:
    assert run("init").exit_code == 0
    result = run("audit", "log", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert json.loads(result.stdout) == []
    elif fmt == "csv":
        assert result.stdout.startswith("序号")
    else:
        assert "没有相关记录" in result.stdout


def test_a_damaged_line_prints_nothing(run: Invoke, populated: Store) -> None:
    bad = lines(populated)
    bad[3] = "not json"
    write_lines(populated, bad)
    for args in [("audit", "log"), ("export", "audit"), ("audit", "log", "--format", "json")]:
        result = run(*args)
        assert result.exit_code == 3 and result.stdout == "", args
        assert "4" in result.stderr


def _big_log(data_dir: Path, n: int) -> None:
    """``n`` chained lines about one record, written straight to the log."""
    data_dir.mkdir(parents=True, exist_ok=True)
    tail = audit.Tail(0, audit.GENESIS)
    filler = "某" * 300
    with open(data_dir / "audit.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            entry = {
                "time": "2026-03-02T09:00:00+08:00",
                "actor": "王芳",
                "command": "inquiry show --reveal",
                "id": "INQ-2026-0001",
                "action": "reveal",
                "fields": ["name"],
                "note": f"{i} {filler}",
            }
            line, tail = audit.make_line(tail, entry)
            fh.write(line + "\n")
    (data_dir / "audit-head.json").write_text(json.dumps({"seq": tail.seq, "hash": tail.prev}))


def _peak_kb(data_dir: Path, *args: str) -> int:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import resource, sys\n"
        "from commands import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='township')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env.update(TOWNSHIP_DATA_DIR=str(data_dir), TOWNSHIP_TODAY="2026-03-02", PYTHONPATH=str(root))
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        cwd=root,
    )
    assert proc.returncode == 0, proc.stderr
    return int(proc.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "log"),
        ("audit", "log", "--format", "json"),
        ("export", "audit"),
        ("export", "audit", "--format", "json"),
    ],
)
def test_memory_does_not_grow_with_the_log(tmp_path: Path, args: tuple[str, ...]) -> None:
    # 2,000 and 20,000 lines of about 1 kB: holding the log would cost ~20 MB
    # more for the larger one (several times that as Python objects).
    small, large = tmp_path / "small", tmp_path / "large"
    _big_log(small, 2_000)
    _big_log(large, 20_000)
    grown = _peak_kb(large, *args) - _peak_kb(small, *args)
    assert grown < 8_000, f"{args}: peak memory grew by {grown} kB"
