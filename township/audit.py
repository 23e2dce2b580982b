"""The hash-chained audit log, ``audit.jsonl`` (SPEC 6).

One JSON line per change: time, actor, command, the record (or document)
it touched, the fields that changed before and after, and ``prev``, the
SHA-256 of the line before it (64 zeros for the first). Editing, deleting or
reordering a line breaks the chain; editing a stored record makes it differ
from what replaying the log gives. ``verify`` checks both.

Lines that change nothing stored (a reveal of personal data, an export) have
no ``file`` and are skipped by the replay, but they are chained like the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from township.errors import CorruptFile
from township.i18n import Text
from township.storage import FILE_MODE, _os_error, corrupt, fsync_dir

AUDIT_NAME = "audit.jsonl"
# The anchor of the chain: the last line's sequence number and hash, replaced
# atomically with every append, so that deleting or editing the last lines is
# caught too (a chain alone only protects the lines that have a successor).
HEAD_NAME = "audit-head.json"
GENESIS = "0" * 64

DocKey = tuple[str, str, int]  # (file relative to the data dir, table, doc id)


def line_hash(line: str) -> str:
    """SHA-256 of one line as stored (without its newline)."""
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Tail:
    """What the next line needs: its sequence number and the previous hash."""

    seq: int
    prev: str


def read_tail(path: Path) -> Tail:
    """Read only the end of the log to chain the next line onto it."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            if size == 0:
                return Tail(0, GENESIS)
            chunk = b""
            pos = size
            while pos > 0 and chunk.count(b"\n") < 2:
                step = min(65536, pos)
                pos -= step
                fh.seek(pos)
                chunk = fh.read(step) + chunk
    except FileNotFoundError:
        return Tail(0, GENESIS)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if not chunk.endswith(b"\n"):
        raise corrupt(path, "the last line is incomplete")
    last = chunk[:-1].rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")
    try:
        seq = int(json.loads(last)["seq"])
    except (ValueError, KeyError, TypeError) as exc:
        raise corrupt(path, "the last line is not an audit entry") from exc
    return Tail(seq, line_hash(last))


def make_line(tail: Tail, entry: Mapping[str, Any]) -> tuple[str, Tail]:
    """Serialize ``entry`` chained after ``tail``; return the line and the new tail."""
    body = {"seq": tail.seq + 1, **entry, "prev": tail.prev}
    line = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return line, Tail(tail.seq + 1, line_hash(line))


def append_lines(path: Path, lines: list[str]) -> None:
    """Append whole lines and fsync them before returning."""
    if not lines:
        return
    created = not path.exists()
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
    except OSError as exc:
        raise _os_error(path, exc) from exc


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` for every line of the log."""
    try:
        with open(path, encoding="utf-8", newline="\n") as fh:
            for number, text in enumerate(fh, start=1):
                yield number, text.rstrip("\n")
    except FileNotFoundError:
        return
    except UnicodeDecodeError as exc:
        raise corrupt(path, str(exc)) from exc


def changed_fields(
    before: Mapping[str, Any] | None, after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The top-level fields that differ, as (before, after) dicts.

    A field present only in ``before`` was removed; replay deletes it.
    """
    before = before or {}
    keys = [k for k in {**before, **after} if before.get(k, _MISSING) != after.get(k, _MISSING)]
    return (
        {k: before[k] for k in keys if k in before},
        {k: after[k] for k in keys if k in after},
    )


_MISSING = object()


def apply_change(
    doc: Mapping[str, Any] | None, before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, Any]:
    """Replay one line's change onto ``doc``."""
    result = dict(doc or {})
    for key in before:
        if key not in after:
            result.pop(key, None)
    result.update(after)
    return result


@dataclass
class Problem:
    """One thing ``verify`` found wrong."""

    where: str
    message: Text
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class VerifyReport:
    """The outcome of ``verify``: lines checked, documents compared, problems."""

    lines: int = 0
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    last_seq: int = 0
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        """True when the chain is intact and the replay matches the store."""
        return not self.problems


def replay(path: Path, report: VerifyReport) -> dict[DocKey, dict[str, Any]]:
    """Check the chain and rebuild every document from the log."""
    docs: dict[DocKey, dict[str, Any]] = {}
    prev = GENESIS
    expected_seq = 1
    for number, text in iter_lines(path):
        report.lines = number
        try:
            entry = json.loads(text)
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except ValueError:
            report.problems.append(
                Problem(
                    f"line {number}",
                    Text(
                        "审计日志第 {line} 行不是有效的 JSON。",
                        "Audit log line {line} is not valid JSON.",
                    ),
                    {"line": number},
                )
            )
            return docs
        if entry.get("prev") != prev or entry.get("seq") != expected_seq:
            report.problems.append(
                Problem(
                    f"line {number}",
                    Text(
                        "审计日志第 {line} 行与上一行的哈希链不符：其前的行被删除、修改或调换过。",
                        "Audit log line {line} does not chain onto the line before it: "
                        "a line before it was deleted, edited or reordered.",
                    ),
                    {"line": number},
                )
            )
            return docs
        prev = line_hash(text)
        expected_seq += 1
        if entry.get("file"):
            key = (entry["file"], entry["table"], int(entry["doc_id"]))
            current = docs.get(key)
            before = entry.get("before", {})
            now = {k: current[k] for k in before if current is not None and k in current}
            if now != before:
                report.problems.append(
                    Problem(
                        f"line {number}",
                        Text(
                            "审计日志第 {line} 行记载的 {id} 修改前内容与此前的日志不符。",
                            "Audit log line {line}: the 'before' of {id} does not match "
                            "the log before it.",
                        ),
                        {"line": number, "id": entry.get("id", "?")},
                    )
                )
                return docs
            docs[key] = apply_change(current, entry.get("before", {}), entry.get("after", {}))
    report.last_seq, report.last_hash = expected_seq - 1, prev
    return docs


def check_head(head: Mapping[str, Any] | None, report: VerifyReport) -> None:
    """Compare the chain's anchor with the last line the replay reached."""
    if head is None:
        if report.last_seq:
            report.problems.append(
                Problem(
                    HEAD_NAME,
                    Text(
                        "审计日志的锚点文件 {file} 不见了，无法确认日志末尾未被删改。",
                        "The audit log's anchor {file} is missing, so the end of the log "
                        "cannot be confirmed.",
                    ),
                    {"file": HEAD_NAME},
                )
            )
        return
    seq, digest = int(head.get("seq", -1)), head.get("hash")
    if seq > report.last_seq:
        report.problems.append(
            Problem(
                f"line {report.last_seq + 1}",
                Text(
                    "审计日志在第 {last} 行结束，但共写入过 {seq} 行：最后 {n} 行被删除了。",
                    "The audit log ends at line {last} but {seq} lines were written: the "
                    "last {n} line(s) were deleted.",
                ),
                {"last": report.last_seq, "seq": seq, "n": seq - report.last_seq},
            )
        )
    elif seq < report.last_seq:
        report.problems.append(
            Problem(
                f"line {seq + 1}",
                Text(
                    "审计日志第 {line} 行起的内容不是 township 写入的（锚点只到第 {seq} 行）。",
                    "Audit log lines from {line} on were not written by township (the "
                    "anchor ends at line {seq}).",
                ),
                {"line": seq + 1, "seq": seq},
            )
        )
    elif digest != report.last_hash:
        report.problems.append(
            Problem(
                f"line {seq}",
                Text(
                    "审计日志最后一行（第 {line} 行）被修改过。",
                    "The last line of the audit log (line {line}) was edited.",
                ),
                {"line": seq},
            )
        )


def compare(
    replayed: Mapping[DocKey, Mapping[str, Any]],
    stored: Mapping[DocKey, tuple[str, Mapping[str, Any]]],
    report: VerifyReport,
) -> None:
    """Compare the replayed documents with the stored ones (``stored``: key -> (id, doc))."""
    report.documents = len(stored)
    for key in sorted(set(replayed) | set(stored)):
        file, _table, _doc_id = key
        if key not in stored:
            ident = replayed[key].get("id", f"{file}#{key[2]}")
            report.problems.append(
                Problem(
                    str(ident),
                    Text(
                        "{id} 在审计日志中存在，但 {file} 中没有。",
                        "{id} is in the audit log but missing from {file}.",
                    ),
                    {"id": ident, "file": file},
                )
            )
            continue
        ident, doc = stored[key]
        if key not in replayed:
            report.problems.append(
                Problem(
                    ident,
                    Text(
                        "{file} 中的 {id} 没有审计记录（被手工添加？）。",
                        "{id} in {file} has no audit history (added by hand?).",
                    ),
                    {"id": ident, "file": file},
                )
            )
            continue
        before, after = changed_fields(replayed[key], doc)
        if before or after:
            fields = sorted(set(before) | set(after))
            report.problems.append(
                Problem(
                    ident,
                    Text(
                        "{file} 中的 {id} 与审计日志重放的结果不符（字段：{fields}），"
                        "可能被手工修改过。",
                        "{id} in {file} differs from the audit log's replay (fields: "
                        "{fields}); it may have been edited by hand.",
                    ),
                    {"id": ident, "file": file, "fields": fields},
                )
            )


def load_entries(path: Path, record_id: str | None = None) -> list[dict[str, Any]]:
    """Every entry of the log (or only those about ``record_id``), oldest first."""
    entries = []
    for number, text in iter_lines(path):
        try:
            entry = json.loads(text)
        except ValueError as exc:
            raise CorruptFile(
                Text(
                    "审计日志 {path} 第 {line} 行不是有效的 JSON；请运行 township audit verify。",
                    "Line {line} of the audit log {path} is not valid JSON; run "
                    "township audit verify.",
                ),
                path=str(path),
                line=number,
            ) from exc
        if record_id is None or entry.get("id") == record_id:
            entries.append(entry)
    return entries
