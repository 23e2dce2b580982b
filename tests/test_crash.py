"""Crashes in the middle of a write : files stay whole, changes finish.

A commit writes (1) the journal, (2) the audit lines, (3) each data file,
then (4) removes the journal. The deterministic tests stop a transaction
after each step (a ``BaseException`` that no cleanup code catches, as a
crash would); the SIGKILL test kills a real writer at random moments.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, d

from township.errors import StorageError
from township.steps.machine import add_event, new_record
from township.storage import audit
from township.storage import files as storage
from township.storage.store import Store

HELPERS = Path(__file__).resolve().parent / "helpers"
WRITER = HELPERS / "writer.py"
ROOT = Path(__file__).resolve().parent.parent


class Crash(BaseException):
    """The process dies here."""


def create_pair(store: Store, name: str) -> None:
    """One transaction that writes two files: an inquiry and a complaint."""
    with store.transaction("王芳", "test") as tx:
        for kind in ("inquiry", "complaint"):

            def build(rid: str, kind: str = kind) -> dict[str, Any]:
                rec = new_record(kind, rid, actor="王芳", now=tx.now, status="open", name=name)
                add_event(rec, on=d("2026-03-02"), actor="王芳", now=tx.now, action="log")
                return rec

            tx.create(kind, 2026, build)


def names(data_dir: Path, folder: str) -> list[str]:
    raw = storage.read_json(data_dir / folder / "2026.json") or {}
    return sorted(r["name"] for r in raw.get("records", {}).values())


def all_files_load(data_dir: Path) -> None:
    for path in data_dir.rglob("*.json"):
        json.loads(path.read_bytes())
    for line in (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)


def crash_after_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    def append_lines(path: Path, lines: list[str]) -> None:
        raise Crash

    monkeypatch.setattr(audit, "append_lines", append_lines)


def crash_after_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    original = audit.append_lines

    def append_lines(path: Path, lines: list[str]) -> None:
        original(path, lines)
        raise Crash

    monkeypatch.setattr(audit, "append_lines", append_lines)


def crash_mid_audit_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A torn append: half of the new audit text reaches the disk."""

    def append_lines(path: Path, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        with open(path, "ab") as fh:
            fh.write(data[: len(data) // 2 + 3])
        raise Crash

    monkeypatch.setattr(audit, "append_lines", append_lines)


def crash_after_first_file(monkeypatch: pytest.MonkeyPatch) -> None:
    original = storage.atomic_write
    written: list[Path] = []

    def atomic_write(path: Path, data: bytes) -> None:
        original(path, data)
        if path.suffix == ".json" and path.parent.name in ("inquiries", "complaints"):
            written.append(path)
            raise Crash

    monkeypatch.setattr(storage, "atomic_write", atomic_write)


def crash_before_journal_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal's temporary file is written but never renamed into place."""
    original = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".journal.json"):
            raise Crash
        original(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def crash_before_journal_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is written; only the journal's removal is lost."""
    original = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == ".journal.json":
            raise Crash
        original(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)


CRASH_POINTS = {
    "after-journal": (crash_after_journal, True),
    "mid-audit-line": (crash_mid_audit_line, True),
    "after-audit": (crash_after_audit, True),
    "after-first-file": (crash_after_first_file, True),
    "before-journal": (crash_before_journal_rename, False),
    "before-journal-removed": (crash_before_journal_removed, True),
}


@pytest.mark.parametrize("point", list(CRASH_POINTS))
@pytest.mark.parametrize("recover_with", ["repair", "next-writer"])
def test_crash_points(
    point: str,
    recover_with: str,
    store: Store,
    data_dir: Path,
    run: Invoke,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    create_pair(store, "before")
    arm, completes = CRASH_POINTS[point]
    with monkeypatch.context() as patch:
        arm(patch)
        with pytest.raises(Crash):
            create_pair(store, "crashed")

    # Every data file still parses (the audit log may end in a torn line).
    for path in data_dir.rglob("*.json"):
        json.loads(path.read_bytes())
    verify = run("audit", "verify")
    if completes:
        assert store.pending() == ["INQ-2026-0002", "CMP-2026-0002"]
        assert verify.exit_code == 3
        assert "INQ-2026-0002" in verify.stderr and "township audit repair" in verify.stderr
    else:
        assert store.pending() == []
        assert verify.exit_code == 0, verify.output

    if recover_with == "repair":
        result = run("audit", "repair")
        assert result.exit_code == 0, result.output
        if completes:
            assert "INQ-2026-0002" in result.stdout
    else:
        create_pair(store, "after")

    all_files_load(data_dir)
    assert not store.journal_path.exists()
    expected = ["before", "crashed"] if completes else ["before"]
    if recover_with == "next-writer":
        expected.append("after")
    assert names(data_dir, "inquiries") == sorted(expected)
    assert names(data_dir, "complaints") == sorted(expected)
    verify = run("audit", "verify")
    assert verify.exit_code == 0, verify.output
    # The audit log has each change exactly once.
    ids = [e["id"] for e in audit.load_entries(store.audit_path)]
    assert len(ids) == len(set(ids)) == 2 * len(expected)


def test_recovery_with_line_separators_in_record_text(
    run: Invoke, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """U+2028 and U+0085 stay raw in the JSON lines; they must not split a line."""
    create_pair(store, "before")
    with monkeypatch.context() as patch:
        crash_after_audit(patch)
        with pytest.raises(Crash):
            create_pair(store, "pasted\u2028from\x85Word")
    assert run("audit", "repair").exit_code == 0
    assert len(store.audit_path.read_bytes().split(b"\n")) - 1 == 4  # not duplicated
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output


def test_torn_audit_line_cut_inside_a_chinese_character(
    run: Invoke, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A torn append may end in the middle of a multi-byte UTF-8 character."""
    create_pair(store, "before")

    def append_lines(path: Path, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        start = data.index("王".encode())
        with open(path, "ab") as fh:
            fh.write(data[: start + 1])  # one byte of three
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(audit, "append_lines", append_lines)
        with pytest.raises(Crash):
            create_pair(store, "torn")
    result = run("audit", "repair")
    assert result.exit_code == 0, result.output
    assert run("audit", "verify").exit_code == 0
    assert names(store.data_dir, "inquiries") == ["before", "torn"]


def test_repair_with_nothing_to_do(run: Invoke, store: Store) -> None:
    create_pair(store, "a")
    result = run("audit", "repair")
    assert result.exit_code == 0
    assert "没有中断的修改" in result.stdout


def test_torn_audit_line_without_journal_is_damage(
    run: Invoke, store: Store, data_dir: Path
) -> None:
    """A partial last line that no journal explains is reported, not dropped."""
    create_pair(store, "a")
    with open(store.audit_path, "ab") as fh:
        fh.write(b'{"seq": 3, "id": "INQ-20')
    damaged = store.audit_path.read_bytes()
    result = run("audit", "verify")
    assert result.exit_code == 3
    assert "第 3 行" in result.stderr
    with pytest.raises(StorageError):  # the log does not verify: no write
        create_pair(store, "b")
    assert store.audit_path.read_bytes() == damaged


# -- real processes killed with SIGKILL -----------------------------------------


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_sigkill_mid_write(run: Invoke, data_dir: Path) -> None:
    rng = random.Random(20260302)
    interrupted = 0
    for round_ in range(6):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), f"r{round_}", "0"],
            env=_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
            time.sleep(rng.uniform(0.0, 0.3))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            if proc.stdout is not None:
                proc.stdout.close()

        all_files_load(data_dir)
        store = Store(data_dir)
        verify = run("audit", "verify")
        if verify.exit_code != 0:
            interrupted += 1
            assert verify.exit_code == 3
            pending = store.pending()
            assert pending, verify.stderr
            assert all(rid in verify.stderr for rid in pending)
            assert "township audit repair" in verify.stderr
        repaired = run("audit", "repair")
        assert repaired.exit_code == 0, repaired.output
        verify = run("audit", "verify")
        assert verify.exit_code == 0, verify.output

        # Both halves of every transaction, or neither; ids consecutive.
        inquiries, complaints = names(data_dir, "inquiries"), names(data_dir, "complaints")
        assert inquiries == complaints
        assert len(inquiries) == len(set(inquiries))
        raw = storage.read_json(data_dir / "inquiries" / "2026.json")
        ids = sorted(r["id"] for r in raw["records"].values())
        assert ids == [f"INQ-2026-{n:04d}" for n in range(1, len(ids) + 1)]
    # Not asserted (timing-dependent), but useful when reading -s output.
    print(f"{interrupted} of 6 kills interrupted a commit")


# -- a full disk is not a crash: the failed command changes nothing ---------------


def _snapshot(data_dir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and p.name != ".lock"}


def _fill_disk_at(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    """Writing any file in ``folder`` fails as on a full disk (after others were written)."""
    original = storage.atomic_write

    def atomic_write(path: Path, data: bytes) -> None:
        if path.parent.name == folder:
            raise storage._os_error(path, OSError(errno.ENOSPC, "No space left on device"))
        original(path, data)

    monkeypatch.setattr(storage, "atomic_write", atomic_write)


def test_disk_full_mid_commit_is_finished_later(run: Invoke, store: Store, data_dir: Path) -> None:
    # The pair writes inquiries/2026.json, then complaints/2026.json: the second
    # write fails, after the journal, the audit lines, the anchor and the first
    # file are written. The change is made (its journal is on disk): the message
    # says it will be finished, never that it was undone, and the next write
    # finishes it.
    create_pair(store, "before")
    with pytest.MonkeyPatch.context() as patch:
        _fill_disk_at(patch, "complaints")
        with pytest.raises(StorageError) as failure:
            create_pair(store, "failed")
    zh, en = failure.value.message_in("zh"), failure.value.message_in("en")
    assert "磁盘已满" in zh and "没有被撤销" in zh and "未做任何更改" not in zh
    assert "It was not undone" in en and "Nothing was changed" not in en
    assert store.pending() == ["INQ-2026-0002", "CMP-2026-0002"]
    assert run("audit", "verify").exit_code == 3  # names the pending change
    create_pair(store, "after")  # finishes the failed change first
    assert names(data_dir, "inquiries") == ["after", "before", "failed"]
    assert names(data_dir, "complaints") == ["after", "before", "failed"]
    assert run("audit", "verify").exit_code == 0


def test_disk_full_before_the_journal_changes_nothing(
    run: Invoke, store: Store, data_dir: Path
) -> None:
    # The journal itself cannot be written: nothing is committed, nothing changed.
    create_pair(store, "before")
    before = _snapshot(data_dir)
    with pytest.MonkeyPatch.context() as patch:
        original = storage.atomic_write

        def atomic_write(path: Path, data: bytes) -> None:
            if path.name == ".journal.json":
                raise storage._os_error(path, OSError(errno.ENOSPC, "No space left on device"))
            original(path, data)

        patch.setattr(storage, "atomic_write", atomic_write)
        patch.setattr("township.storage.store.atomic_write", atomic_write)
        with pytest.raises(StorageError) as failure:
            create_pair(store, "failed")
    assert "未做任何更改" in failure.value.message_in("zh")
    assert _snapshot(data_dir) == before
    create_pair(store, "after")
    assert names(data_dir, "inquiries") == ["after", "before"]
    assert run("audit", "verify").exit_code == 0


def test_disk_full_that_cannot_be_undone_keeps_the_journal(
    run: Invoke, store: Store, data_dir: Path
) -> None:
    # Every data file write fails, and so does the anchor: the change stays in
    # the journal, and the message says how it is finished.
    create_pair(store, "before")
    with pytest.MonkeyPatch.context() as patch:
        original = storage.atomic_write

        def atomic_write(path: Path, data: bytes) -> None:
            if (path.name != ".journal.json" and path.name != "audit-head.json") or (
                path.name == "audit-head.json" and b'"seq":2' in data
            ):
                raise storage._os_error(path, OSError(errno.ENOSPC, "No space left on device"))
            original(path, data)

        patch.setattr(storage, "atomic_write", atomic_write)
        patch.setattr("township.storage.store.atomic_write", atomic_write)
        with pytest.raises(StorageError) as failure:
            create_pair(store, "pending")
    assert "township audit repair" in failure.value.message_in("en")
    assert store.pending() == ["INQ-2026-0002", "CMP-2026-0002"]
    assert run("audit", "repair").exit_code == 0
    assert names(data_dir, "complaints") == ["before", "pending"]
    assert run("audit", "verify").exit_code == 0
