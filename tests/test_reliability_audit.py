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
    assert "INQ-2026-0002" in english and "permission denied" in english
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


# -- no laundering: counters from the log, second creates, breaks that stay --------------

INQ_FILE = "inquiries/2026.json"


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _put(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _delete_newest_and_lower_counters(data_dir: Path, serial: int) -> None:
    """The attack: delete the newest record and lower every counter a clerk can find."""
    year = data_dir / INQ_FILE
    raw = _json(year)
    del raw["records"][str(serial)]
    raw["meta"]["1"]["next"] = serial
    _put(year, raw)
    head = _json(data_dir / "audit-head.json")
    head["next"] = {INQ_FILE: serial}  # the counters an earlier version kept here
    head["verified"]["top"][INQ_FILE] = serial - 1
    _put(data_dir / "audit-head.json", head)


def test_lowered_counters_never_hand_an_id_out_again(run: Invoke, data_dir: Path) -> None:
    log(run, 3)
    witnessed = json.loads(run("audit", "head", "--format", "json").stdout)
    _delete_newest_and_lower_counters(data_dir, 3)
    # One ordinary write: the log says 0003 was handed out.
    assert log(run) == ["INQ-2026-0004"]
    result = run("audit", "verify", "--expect", f"{witnessed['seq']}:{witnessed['hash']}")
    assert result.exit_code == 3
    assert "INQ-2026-0003" in result.stderr  # in the log, missing from the file
    assert log(run) == ["INQ-2026-0005"]
    assert run("audit", "verify").exit_code == 3  # no later write launders it


def test_verify_names_a_lowered_counter(run: Invoke, data_dir: Path) -> None:
    log(run, 3)
    year = data_dir / INQ_FILE
    raw = _json(year)
    raw["meta"]["1"]["next"] = 2
    _put(year, raw)
    result = run("audit", "verify", lang="en")
    assert result.exit_code == 3
    assert "counter of inquiries/2026.json" in result.stderr and "lowered by hand" in result.stderr
    assert log(run) == ["INQ-2026-0004"]


def test_an_anchor_edited_alone_is_not_trusted(run: Invoke, data_dir: Path) -> None:
    # The checkpoint's counters are covered by the digest the log's last line
    # carries: lowering them in audit-head.json makes the writer read the log.
    log(run, 2)
    head = _json(data_dir / "audit-head.json")
    head["verified"]["top"][INQ_FILE] = 0
    _put(data_dir / "audit-head.json", head)
    year = data_dir / INQ_FILE
    raw = _json(year)
    del raw["records"]["2"]
    raw["meta"]["1"]["next"] = 2
    _put(year, raw)
    assert log(run) == ["INQ-2026-0003"]


def _forge_create(data_dir: Path, serial: int) -> None:
    """Append by hand, chained and anchored as township would, a second creation of
    INQ-2026-000N (and put the record back in its file): what a laundering needs."""
    path = data_dir / "audit.jsonl"
    entries = [json.loads(line) for line in lines(data_dir)]
    first = next(e for e in entries if e.get("id") == f"INQ-2026-{serial:04d}")
    tail = audit.read_tail(path)
    body = {k: v for k, v in first.items() if k not in ("seq", "prev", "state")}
    forged, tail = audit.make_line(tail, body)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(forged + "\n")
    year = data_dir / INQ_FILE
    raw = _json(year)
    raw["records"][str(serial)] = first["after"]
    _put(year, raw)
    _put(data_dir / "audit-head.json", {"seq": tail.seq, "hash": tail.prev})


def test_a_second_create_breaks_the_log_for_good(run: Invoke, data_dir: Path) -> None:
    log(run, 3)
    year = data_dir / INQ_FILE
    raw = _json(year)
    del raw["records"]["3"]
    _put(year, raw)
    _forge_create(data_dir, 3)
    result = run("audit", "verify")
    assert result.exit_code == 3
    assert "第 4 行再次创建了 INQ-2026-0003" in result.stderr
    before = files(data_dir)
    result = run(*LOG)  # writes are refused while the log does not verify
    assert result.exit_code == 3 and "township audit repair --reason" in result.stderr
    assert files(data_dir) == before
    # The acknowledgement is itself audited; writes resume; the break stays named.
    result = run("audit", "repair", "--reason", "核实为演示数据", user="李主任")
    assert result.exit_code == 0, result.output
    assert "再次创建了 INQ-2026-0003" in result.stdout
    repair = json.loads(lines(data_dir)[-1])
    assert repair["action"] == "repair" and repair["actor"] == "李主任"
    assert repair["breaks"] == [{"line": 4, "what": "reused"}]
    assert log(run) == ["INQ-2026-0004"]
    for _ in range(3):
        result = run("audit", "verify")
        assert result.exit_code == 0, result.output  # every break has its repair...
        assert "再次创建了 INQ-2026-0003" in result.stdout  # ...and is still named
        assert "李主任" in result.stdout and "核实为演示数据" in result.stdout
        log(run)
    report = run("overdue", "--as-of", "2026-03-20")
    assert "再次创建了 INQ-2026-0003" in report.stdout and "李主任" in report.stdout


@pytest.mark.parametrize("tamper", ["edit", "delete", "swap", "garbage"])
def test_a_log_broken_in_the_middle_takes_no_writes_and_no_anchor(
    run: Invoke, data_dir: Path, tamper: str
) -> None:
    log(run, 4)
    kept = lines(data_dir)
    if tamper == "edit":
        kept[1] = kept[1].replace('"time":"', '"time":"1', 1)
    elif tamper == "delete":
        del kept[1]
    elif tamper == "swap":
        kept[1], kept[2] = kept[2], kept[1]
    else:
        kept[1] = "not json"
    (data_dir / "audit.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    before = files(data_dir)
    for args in [LOG, ("amend", "INQ-2026-0001", "--set", "matter=就业", "--reason", "笔误")]:
        result = run(*args)
        assert result.exit_code == 3, (args, result.output)
        assert "审计日志" in result.stderr
    assert run("audit", "repair").exit_code == 3  # no fresh anchor without a reason
    assert files(data_dir) == before
    assert run("audit", "verify").exit_code == 3
    assert run("audit", "repair", "--reason", "备份恢复时误改").exit_code == 0
    assert log(run) == ["INQ-2026-0005"]
    result = run("audit", "verify")
    assert "备份恢复时误改" in result.stdout + result.stderr  # the break and its repair
    report = run("overdue", "--as-of", "2026-03-20", lang="en")
    assert "Acknowledged at line" in report.stdout


def test_verify_fails_again_at_a_new_break_after_a_repair(run: Invoke, data_dir: Path) -> None:
    log(run, 2)
    kept = lines(data_dir)
    kept[0] = kept[0].replace('"time":"', '"time":"1', 1)
    (data_dir / "audit.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert run("audit", "repair", "--reason", "已核实").exit_code == 0
    assert run("audit", "verify").exit_code == 0
    log(run)
    kept = lines(data_dir)
    kept[2] = kept[2].replace('"time":"', '"time":"1', 1)  # the repair line itself
    (data_dir / "audit.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run("audit", "verify")
    assert result.exit_code == 3 and "第 4 行与上一行的哈希链不符" in result.stderr
    assert run(*LOG).exit_code == 3


def test_repair_with_nothing_to_acknowledge_writes_nothing(run: Invoke, data_dir: Path) -> None:
    log(run)
    before = files(data_dir)
    result = run("audit", "repair", "--reason", "例行检查")
    assert result.exit_code == 0 and "未写入任何内容" in result.stdout
    assert files(data_dir) == before


def test_a_torn_last_line_is_acknowledged_by_a_repair(run: Invoke, data_dir: Path) -> None:
    log(run)
    with open(data_dir / "audit.jsonl", "ab") as fh:
        fh.write(b'{"seq":2,"id":"INQ-20')
    assert run(*LOG).exit_code == 3
    assert run("audit", "repair", "--reason", "断电").exit_code == 0
    assert log(run) == ["INQ-2026-0002"]
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    # Ended by the repair, the partial line is a line that is not JSON, still named.
    assert "第 2 行不是有效的 JSON。已于第 3 行由" in result.stdout


def test_the_checkpoint_keeps_writes_cheap(
    run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log(run, 2)
    scans: list[Path] = []
    original = audit.scan

    def counting(path: Path, **kwargs: object) -> audit.LogState:
        scans.append(path)
        return original(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "scan", counting)
    log(run, 3)
    assert scans == []  # the log was not read again
    # Anything but township touching the log makes the next writer read all of it.
    path = data_dir / "audit.jsonl"
    path.write_bytes(path.read_bytes())
    log(run)
    assert len(scans) == 1
    log(run)
    assert len(scans) == 1


def test_a_calendar_year_is_never_created_twice(run: Invoke, data_dir: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "data/examples/calendar-2027.json"
    assert run("calendar", "import", str(example)).exit_code == 0
    (data_dir / "calendar.json").unlink()
    before = files(data_dir)
    result = run("calendar", "import", str(example))
    assert result.exit_code == 3 and "calendar-2027" in result.stderr
    assert files(data_dir) == before


@pytest.mark.parametrize("checkpoint", [None, [], "x", {"top": []}, {"lines": "3", "stat": [1]}])
def test_a_damaged_checkpoint_is_read_from_the_log_again(
    run: Invoke, data_dir: Path, checkpoint: object
) -> None:
    log(run, 2)
    head = _json(data_dir / "audit-head.json")
    head["verified"] = checkpoint
    _put(data_dir / "audit-head.json", head)
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    assert log(run) == ["INQ-2026-0003"]
    assert run("audit", "verify").exit_code == 0
