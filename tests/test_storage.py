"""Storage : concurrent writers, corrupt files, permissions, the lock."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, d

from township.book.registry import KINDS
from township.errors import CorruptFile, LockTimeout, StorageError
from township.steps.machine import add_event, new_record
from township.storage.files import DirectoryLock, atomic_write, read_json
from township.storage.records import OddRecordError, declared_types, is_date
from township.storage.store import AtomicJSONStorage, Store

ROOT = Path(__file__).resolve().parent.parent
WRITER = Path(__file__).resolve().parent / "helpers" / "writer.py"
EXAMPLE = ROOT / "data" / "examples" / "calendar-2027.json"


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env.update(TOWNSHIP_DATA_DIR=str(data_dir), TOWNSHIP_TODAY="2026-03-02", TOWNSHIP_USER="x")
    env["PYTHONPATH"] = str(ROOT)
    return env


def records(data_dir: Path, folder: str) -> list[dict[str, Any]]:
    raw = read_json(data_dir / folder / "2026.json") or {}
    return list(raw.get("records", {}).values())


def create(store: Store, name: str, kind: str = "inquiry", year: int = 2026) -> str:
    with store.transaction("王芳", "test") as tx:

        def build(rid: str) -> dict[str, Any]:
            rec = new_record(kind, rid, actor="王芳", now=tx.now, status="open", name=name)
            add_event(rec, on=d("2026-03-02"), actor="王芳", now=tx.now, action="log")
            return rec

        return tx.create(kind, year, build)["id"]


@pytest.fixture
def private_umask() -> Iterator[None]:
    old = os.umask(0o022)  # a common, permissive umask: township must not rely on it
    try:
        yield
    finally:
        os.umask(old)


# -- concurrent writers --------------------------------------------------------


def test_concurrent_writers_lose_nothing(run: Invoke, data_dir: Path) -> None:
    writers, per_writer = 4, 12
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), f"w{k}", str(per_writer)],
            env=env_for(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for k in range(writers)
    ]
    # ...and a fifth process importing the calendar through the CLI meanwhile.
    importer = subprocess.run(
        [sys.executable, "-m", "commands", "calendar", "import", str(EXAMPLE)],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    assert importer.returncode == 0, importer.stderr

    total = writers * per_writer
    for folder, prefix in (("inquiries", "INQ"), ("complaints", "CMP")):
        recs = records(data_dir, folder)
        names = sorted(r["name"] for r in recs)
        expected = sorted(f"w{k}-{i}" for k in range(writers) for i in range(per_writer))
        assert names == expected
        ids = sorted(r["id"] for r in recs)
        assert ids == [f"{prefix}-2026-{n:04d}" for n in range(1, total + 1)]
    assert 2027 in Store(data_dir).schedules()
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    lines = (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 * total + 1
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, len(lines) + 1))
    # The checkpoint the last writer kept says what reading the whole log says.
    from township.storage import audit

    kept = Store(data_dir)._log_state()
    full = audit.scan(data_dir / "audit.jsonl")
    assert (kept.lines, kept.seq, kept.prev, kept.top) == (
        full.lines,
        full.seq,
        full.prev,
        full.top,
    )
    assert kept.top == {"inquiries/2026.json": total, "complaints/2026.json": total}
    assert json.loads((data_dir / "audit-head.json").read_text())["verified"]["lines"] == len(lines)


def test_serials_are_never_reused_and_consecutive(store: Store) -> None:
    ids = [create(store, f"n{i}") for i in range(3)]
    assert ids == ["INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0003"]
    assert create(store, "other", "case") == "CASE-2026-0001"
    assert create(store, "next year", year=2027) == "INQ-2027-0001"

    # Two creates in one transaction get consecutive ids too.
    with store.transaction("王芳", "test") as tx:
        a = tx.create("inquiry", 2026, lambda rid: {"name": "a"})["id"]
        b = tx.create("inquiry", 2026, lambda rid: {"name": "b"})["id"]
    assert (a, b) == ("INQ-2026-0004", "INQ-2026-0005")

    # A failed transaction does not consume its serial.
    with pytest.raises(RuntimeError), store.transaction("王芳", "test") as tx:
        tx.create("inquiry", 2026, lambda rid: {"name": "lost"})
        raise RuntimeError("abort")
    assert create(store, "after") == "INQ-2026-0006"


def test_failed_transaction_writes_nothing(store: Store, data_dir: Path) -> None:
    create(store, "kept")
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), store.transaction("王芳", "test") as tx:
        rec = tx.get("INQ-2026-0001")
        rec["name"] = "changed"
        tx.update(rec)
        tx.create("case", 2026, lambda rid: {"name": "new"})
        raise RuntimeError("abort")
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == snapshot


def test_large_transaction_is_written_only_at_commit(store: Store, data_dir: Path) -> None:
    """Past TinyDB's write cache size, nothing may reach the disk before the commit."""
    create(store, "first")
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), store.transaction("王芳", "demo") as tx:
        for i in range(600):  # two cached writes each (meta + record): 1,200 > 1,000
            tx.create("inquiry", 2026, lambda rid, i=i: {"name": f"bulk-{i}"})
        raise RuntimeError("abort")
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == snapshot
    assert store.verify().ok


# -- corrupt files -------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"  \n",
        b'{"schedules": {"2027": {"year": 20',
        b"[]",
    ],
)
def test_corrupt_calendar_file_exit_3_and_untouched(
    run: Invoke, data_dir: Path, content: bytes
) -> None:
    data_dir.mkdir()
    path = data_dir / "calendar.json"
    path.write_bytes(content)
    for args in (
        ("calendar", "add", "2025-09-26", "10"),
        ("calendar", "is-workday", "2025-09-26"),
        ("calendar", "status"),
        ("calendar", "import", str(EXAMPLE)),
        ("audit", "verify"),
    ):
        for lang in ("zh", "en"):
            result = run(*args, lang=lang)
            assert result.exit_code == 3, (args, result.output)
            assert "calendar.json" in result.stderr
            assert ("损坏" if lang == "zh" else "corrupt") in result.stderr
        assert path.read_bytes() == content
    assert not (data_dir / "audit.jsonl").exists()
    assert not (data_dir / ".journal.json").exists()


def test_calendar_file_that_parses_but_holds_no_schedule(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "calendar.json"
    content = b'{"schedules": {"2027": {"year": 2027}}}'  # no source, holidays, workdays
    path.write_bytes(content)
    for args in (("calendar", "add", "2027-01-04", "3"), ("calendar", "status")):
        result = run(*args)
        assert result.exit_code == 3, (args, result.output)
        assert "calendar.json" in result.stderr and "损坏" in result.stderr
    assert path.read_bytes() == content


@pytest.mark.parametrize("cut", [0, 1, 40, -2])
def test_truncated_record_file(run: Invoke, store: Store, data_dir: Path, cut: int) -> None:
    create(store, "a")
    create(store, "b")
    path = data_dir / "inquiries" / "2026.json"
    damaged = path.read_bytes()[:cut]
    path.write_bytes(damaged)
    audit_before = (data_dir / "audit.jsonl").read_bytes()

    result = run("audit", "verify")
    assert result.exit_code == 3
    assert "inquiries/2026.json" in result.stderr
    with pytest.raises(CorruptFile):
        create(store, "c")
    with pytest.raises(CorruptFile):
        store.get("INQ-2026-0001")
    assert path.read_bytes() == damaged
    assert (data_dir / "audit.jsonl").read_bytes() == audit_before
    assert not store.journal_path.exists()


def test_storage_reads_strictly(tmp_path: Path) -> None:
    assert AtomicJSONStorage(tmp_path / "missing.json").read() is None
    assert not (tmp_path / "missing.json").exists()  # reading never creates
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe")
    with pytest.raises(CorruptFile):
        AtomicJSONStorage(tmp_path / "bad.json").read()


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    atomic_write(path, b"{}")
    atomic_write(path, b'{"a": 1}')
    assert read_json(path) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


# -- permissions ---------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_owner_only_permissions(run: Invoke, data_dir: Path, private_umask: None) -> None:
    assert run("init").exit_code == 0
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "township.toml") == 0o600
    assert run("calendar", "import", str(EXAMPLE)).exit_code == 0
    store = Store(data_dir)
    create(store, "a")
    for path in [data_dir, *data_dir.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, path
    names = {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*")}
    assert {"calendar.json", "audit.jsonl", ".lock", "inquiries", "inquiries/2026.json"} <= names


def test_existing_open_data_dir_is_tightened(data_dir: Path, private_umask: None) -> None:
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    Store(data_dir).initialize()
    assert _mode(data_dir) == 0o700


# -- the lock ------------------------------------------------------------------


def test_lock_timeout_exit_3(run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOWNSHIP_LOCK_TIMEOUT", "0.2")
    data_dir.mkdir()
    with DirectoryLock(data_dir, timeout=1):
        for lang in ("zh", "en"):
            result = run("calendar", "import", str(EXAMPLE), lang=lang)
            assert result.exit_code == 3, result.output
            assert ".lock" in result.stderr
            assert ("锁" if lang == "zh" else "lock") in result.stderr
        result = run("audit", "verify")  # readers of the whole store wait too
        assert result.exit_code == 3
    assert not (data_dir / "calendar.json").exists()
    assert not (data_dir / "audit.jsonl").exists()
    assert run("calendar", "import", str(EXAMPLE)).exit_code == 0


def test_lock_is_released_after_a_failure(store: Store, data_dir: Path) -> None:
    with pytest.raises(RuntimeError), store.transaction("王芳", "test"):
        raise RuntimeError("boom")
    with DirectoryLock(data_dir, timeout=0):
        pass


def test_lock_times_out_in_the_library(data_dir: Path) -> None:
    data_dir.mkdir()
    with DirectoryLock(data_dir, timeout=1), pytest.raises(LockTimeout):
        Store(data_dir, lock_timeout=0.05).repair()


def test_shared_locks_do_not_block_each_other(data_dir: Path) -> None:
    data_dir.mkdir()
    with DirectoryLock(data_dir, shared=True), DirectoryLock(data_dir, timeout=0, shared=True):
        pass


# -- no list grows faster than its records ---------------------------------------------


def test_a_list_reads_each_file_a_bounded_number_of_times(
    run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Complaints of category 5 (擅离岗位) are read with the absences of the person
    # complained against: the absences' file is read once or twice, not per row.
    away = ("absence", "log", "--person", "周某", "--dept", "党政办", "--from", "2026-02-23")
    result = run(
        *away, "--to", "2026-02-24", "--reason", "training", "--substitute", "陈某",
        "--approved-by", "副镇长 高某",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for n in range(12):
        result = run(
            "complaint", "register", "--complainant", f"投诉人{n}", "--against", "周某",
            "--category", "5", "--summary", "上班时间不在岗",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    reads: list[str] = []
    original = Store._read

    def counting(self: Store, rel: str) -> dict[str, Any]:
        reads.append(rel)
        return original(self, rel)

    monkeypatch.setattr(Store, "_read", counting)
    for args in [("complaint", "list"), ("complaint", "list", "--limit", "3")]:
        reads.clear()
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert reads.count("absences/2026.json") <= 2, reads
        assert reads.count("complaints/2026.json") <= 2, reads


def test_a_file_kept_for_a_command_is_read_again_after_its_own_write(
    store: Store, data_dir: Path
) -> None:
    create(store, "a")
    with store.reading():
        first = [r["name"] for r in store.iter_records(KINDS["inquiry"])]
        again = [r["name"] for r in store.iter_records(KINDS["inquiry"])]  # now kept
        create(store, "b")
        after = [r["name"] for r in store.iter_records(KINDS["inquiry"])]
    assert first == again == ["a"] and after == ["a", "b"]


# -- records checked at the door ------------------------------------------------------


def test_odd_records_are_kept_for_the_command_to_name(store: Store, data_dir: Path) -> None:
    create(store, "a")
    create(store, "b")
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["2"] = {}
    raw["records"]["1"]["kind"] = "case"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    found = list(store.iter_records(KINDS["inquiry"]))
    assert [r["id"] for r in found] == ["INQ-2026-0001"]
    assert found[0]["kind"] == "inquiry"  # of the kind of its file
    [odd] = store.odd.values()
    assert (odd.file, odd.position, odd.record_id) == ("inquiries/2026.json", 2, None)
    assert odd.as_json()["reason"] == "it has no id"
    assert "record 2 of inquiries/2026.json" in odd.message.en
    with pytest.raises(OddRecordError):
        store.get("INQ-2026-0002")
    with pytest.raises(OddRecordError), store.transaction("王芳", "test") as tx:
        tx.get("INQ-2026-0002")
    # An odd record read through a link is, to the code that follows links,
    # a record that is not there (a KeyError), and a storage error otherwise.
    assert issubclass(OddRecordError, StorageError) and issubclass(OddRecordError, KeyError)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-03-02", True),
        ("2026-02-29", False),
        ("20260302", False),
        ("2026-3-2", False),
        (" 2026-03-02", False),
        (None, False),
        (20260302, False),
    ],
)
def test_dates_are_checked_as_township_stores_them(value: Any, ok: bool) -> None:
    assert is_date(value) is ok


def test_field_types_declared_by_plain_steps() -> None:
    types = declared_types("petition")
    assert types["petitioner"] == "text" and types["responsible.dept"] == "text"
