"""The audit log cannot be laundered, ids are never reused, a failed undo never commits later.

the anchor is never rewritten over a log that disagrees with it
(writes refused until ``audit repair --reason``, itself audited);
``audit head`` and ``audit verify --expect`` catch a history rewritten with
recomputed hashes; ids survive a year file deleted or emptied by hand; when
a commit and its undo both fail, the next write refuses instead of
finishing the failed change.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import Invoke

from township.book.registry import KINDS
from township.storage import audit
from township.storage import files as storage
from township.storage.store import Store

LOG = ("inquiry", "log", "--name", "张三", "--matter", "咨询低保", "--channel", "web")


def log(run: Invoke, n: int = 1) -> list[str]:
    ids = []
    for _ in range(n):
        result = run(*LOG)
        assert result.exit_code == 0, result.output
        ids.append(result.stdout.splitlines()[0])
    return ids


def lines(data_dir: Path) -> list[str]:
    return (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()


def files(data_dir: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


# -- ids ----------------------------------------------------------------------------


def test_ids_are_not_reused_after_the_year_file_is_deleted(run: Invoke, data_dir: Path) -> None:
    assert log(run, 3) == ["INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0003"]
    (data_dir / "inquiries" / "2026.json").unlink()
    assert log(run) == ["INQ-2026-0004"]
    result = run("audit", "verify")
    assert result.exit_code == 3
    for rid in ("INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0003"):
        assert rid in result.stderr  # named as missing


def test_ids_are_not_reused_after_the_year_file_is_emptied(run: Invoke, data_dir: Path) -> None:
    log(run, 2)
    (data_dir / "inquiries" / "2026.json").write_text("{}", encoding="utf-8")
    assert log(run) == ["INQ-2026-0003"]


def test_old_anchor_without_counters_falls_back_to_the_log(run: Invoke, data_dir: Path) -> None:
    # Data written before the anchor kept a checkpoint: the log says 0002 was used.
    log(run, 2)
    head = json.loads((data_dir / "audit-head.json").read_text())
    del head["verified"]
    (data_dir / "audit-head.json").write_text(json.dumps(head))
    (data_dir / "inquiries" / "2026.json").unlink()
    assert log(run) == ["INQ-2026-0003"]


# -- the anchor ---------------------------------------------------------------------


def test_writes_refused_while_log_and_anchor_disagree(run: Invoke, data_dir: Path) -> None:
    log(run, 2)
    path = data_dir / "audit.jsonl"
    path.write_text(lines(data_dir)[0] + "\n", encoding="utf-8")  # the last line deleted
    before = files(data_dir)
    result = run(*LOG)
    assert result.exit_code == 3
    assert "township audit repair --reason" in result.stderr
    assert files(data_dir) == before  # the anchor is not rewritten over the shorter log
    # Repair without a reason does not re-anchor either.
    assert run("audit", "repair").exit_code == 3
    assert files(data_dir) == before
    # A blank reason is refused.
    assert run("audit", "repair", "--reason", "\u3000\u200b").exit_code == 2
    result = run("audit", "repair", "--reason", "从 3 月 3 日的备份恢复", user="李主任")
    assert result.exit_code == 0, result.output
    entry = json.loads(lines(data_dir)[-1])
    assert entry["action"] == "repair" and entry["actor"] == "李主任"
    assert entry["reason"] == "从 3 月 3 日的备份恢复"
    assert entry["anchor_before"]["seq"] == 2 and entry["log_end"]["seq"] == 1
    assert log(run) == ["INQ-2026-0003"]  # writes accepted again; 0002 not reused
    # The record whose line was deleted is still reported.
    result = run("audit", "verify")
    assert result.exit_code == 3 and "INQ-2026-0002" in result.stderr


def test_lines_added_by_hand_stop_writes(run: Invoke, data_dir: Path) -> None:
    log(run)
    tail = audit.read_tail(data_dir / "audit.jsonl")
    forged, _ = audit.make_line(tail, {"id": "INQ-2026-0001", "action": "reveal"})
    with open(data_dir / "audit.jsonl", "a", encoding="utf-8") as fh:
        fh.write(forged + "\n")
    assert run(*LOG).exit_code == 3


def test_missing_anchor_stops_writes(run: Invoke, data_dir: Path) -> None:
    log(run)
    (data_dir / "audit-head.json").unlink()
    assert run(*LOG).exit_code == 3
    assert not (data_dir / "audit-head.json").exists()


# -- head and --expect --------------------------------------------------------------


def test_audit_head_prints_the_last_line(run: Invoke, data_dir: Path) -> None:
    log(run, 2)
    last = lines(data_dir)[-1]
    digest = hashlib.sha256(last.encode("utf-8")).hexdigest()  # the hash of the line as stored
    result = run("audit", "head", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"seq": 2, "hash": digest}
    table = run("audit", "head").stdout
    assert re.search(rf"^2\s+{digest[:12]}$", table, re.M), table
    assert digest not in table  # 12 characters only
    assert audit.head_of(data_dir / "audit.jsonl") == {"seq": 2, "hash": digest}


def test_head_of_an_empty_log(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    result = run("audit", "head", "--format", "json")
    assert json.loads(result.stdout) == {"seq": 0, "hash": "0" * 64}


def test_expect_catches_a_rewritten_history(run: Invoke, data_dir: Path) -> None:
    log(run, 3)
    witnessed = json.loads(run("audit", "head", "--format", "json").stdout)
    expect = f"{witnessed['seq']}:{witnessed['hash']}"
    assert run("audit", "verify", "--expect", expect).exit_code == 0
    assert run("audit", "verify", "--expect", expect[: len("3:") + 12]).exit_code == 0
    # Rewrite line 1 (its time) and recompute every hash after it and the anchor:
    # the chain and the replay still pass, only the witness knows.
    entries = [json.loads(text) for text in lines(data_dir)]
    entries[0]["time"] = "2026-03-01T08:00:00+08:00"
    tail = audit.Tail(0, audit.GENESIS)
    out = []
    for entry in entries:
        body = {k: v for k, v in entry.items() if k not in ("seq", "prev")}
        text, tail = audit.make_line(tail, body)
        out.append(text)
    (data_dir / "audit.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    head = json.loads((data_dir / "audit-head.json").read_text())
    head.update(seq=tail.seq, hash=tail.prev)
    (data_dir / "audit-head.json").write_text(json.dumps(head))
    assert run("audit", "verify").exit_code == 0  # recomputed: the chain alone passes
    result = run("audit", "verify", "--expect", expect, lang="en")
    assert result.exit_code == 3
    assert "no longer passes through line 3" in result.stderr


def test_expect_beyond_the_end_of_the_log(run: Invoke, data_dir: Path) -> None:
    log(run)
    assert run("audit", "verify", "--expect", "5:" + "a" * 64).exit_code == 3


@pytest.mark.parametrize(
    "bad", ["", "3", "x:abcdefabcdef", "3:abc", "3:zzzzzzzzzzzz", "0:" + "a" * 12]
)
def test_expect_must_be_seq_colon_hash(run: Invoke, data_dir: Path, bad: str) -> None:
    log(run)
    result = run("audit", "verify", "--expect", bad)
    assert result.exit_code == 2
    assert "--expect" in result.stderr


# -- a change whose journal is written is finished, never undone -------------------


def _unwritable_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """audit.jsonl refuses appends, as a read-only file does (root ignores the mode)."""

    def append_lines(path: Path, lines: list[str]) -> None:
        raise storage._os_error(path, OSError(errno.EACCES, "Permission denied"))

    monkeypatch.setattr(audit, "append_lines", append_lines)


def test_a_failure_after_the_journal_is_reported_as_to_be_finished(
    run: Invoke, store: Store
) -> None:
    assert log(run) == ["INQ-2026-0001"]
    data_dir = store.data_dir
    before = files(data_dir)
    with pytest.MonkeyPatch.context() as patch:
        _unwritable_log(patch)
        result = run(*LOG, lang="en")
    assert result.exit_code == 3
    english = result.stderr
    assert "INQ-2026-0002" in english and "Permission denied" in english
    assert "It was not undone" in english and "finishes it" in english
    assert "could not be undone" not in english and "Nothing was changed" not in english
    # Nothing but the journal changed: no line appended, no file written.
    after = files(data_dir)
    journal = str(data_dir / ".journal.json")
    assert set(after) - set(before) == {journal}
    assert {k: v for k, v in after.items() if k != journal} == before
    assert run("audit", "verify").exit_code == 3  # names the pending change
    # Once the log can be written, the change the clerk was told about is finished.
    result = run("audit", "repair")
    assert result.exit_code == 0 and "INQ-2026-0002" in result.stdout
    assert log(run) == ["INQ-2026-0003"]
    assert run("audit", "verify").exit_code == 0


def test_the_next_write_finishes_the_change(run: Invoke, store: Store) -> None:
    log(run)
    with pytest.MonkeyPatch.context() as patch:
        _unwritable_log(patch)
        result = run(*LOG)
    assert result.exit_code == 3 and "没有被撤销" in result.stderr
    assert "下一次写入" in result.stderr
    assert log(run) == ["INQ-2026-0003"]  # 0002 was finished first
    names = [r["id"] for r in store.iter_records(KINDS["inquiry"])]
    assert names == ["INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0003"]
    assert run("audit", "verify").exit_code == 0


def test_a_journal_left_by_an_earlier_version_stops_writes_until_repair(
    run: Invoke, store: Store
) -> None:
    # An earlier version set aside the journal of a change it reported as failed.
    log(run)
    data_dir = store.data_dir
    with pytest.MonkeyPatch.context() as patch:
        _unwritable_log(patch)
        assert run(*LOG).exit_code == 3
    (data_dir / ".journal.json").rename(data_dir / ".journal.failed.json")
    before = files(data_dir)
    result = run("inquiry", "log", "--name", "李四", "--matter", "别的事", "--channel", "web")
    assert result.exit_code == 3
    assert "township audit repair" in result.stderr
    assert files(data_dir) == before
    result = run("audit", "repair")
    assert result.exit_code == 0 and "INQ-2026-0002" in result.stdout
    assert log(run) == ["INQ-2026-0003"]
    assert run("audit", "verify").exit_code == 0
