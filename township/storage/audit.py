"""The hash-chained audit log, ``audit.jsonl`` .

One JSON line per change: time, actor, command, the record (or document)
it touched, the fields that changed before and after, and ``prev``, the
SHA-256 of the line before it (64 zeros for the first). Editing, deleting or
reordering a line breaks the chain; editing a stored record makes it differ
from what replaying the log gives. ``Store.verify`` checks both, streaming:
``scan`` checks the chain line by line and notes where each data file's
lines are; ``replay_file`` rebuilds one data file at a time for ``compare``,
so memory follows the largest year file, not the log. ``head_of`` gives the
head a witness writes down, ``scan(expect=...)`` checks it later.

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
from township.storage.files import FILE_MODE, _os_error, corrupt, fsync_dir

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
        entry = json.loads(last)
        seq = entry["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise TypeError("seq")
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise corrupt(path, "the last line is not an audit entry") from exc
    return Tail(seq, line_hash(last))


def head_of(path: Path) -> dict[str, Any]:
    """The log's head as a witness writes it down: ``{"seq": N, "hash": "..."}``.

    The last line's number and SHA-256 (0 and 64 zeros for an empty log).
    A mail or a printout of it lets ``verify --expect`` catch a history
    rewritten later, even with its hashes recomputed.
    """
    tail = read_tail(path)
    return {"seq": tail.seq, "hash": tail.prev}


def parse_expect(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` as ``audit verify --expect`` takes it; ``BadInput`` otherwise.

    The hash may be shortened to its first 12 characters or more (the table
    of ``audit head`` prints 12).
    """
    from township.errors import BadInput

    seq_text, _, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if (
        not seq_text.strip().isdigit()
        or int(seq_text) < 1
        or not 12 <= len(digest) <= 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise BadInput(
            Text(
                "--expect 应为「行号:哈希」，如 1203:3f2a9c0d1b7e（哈希至少 12 位十六进制），"
                "而不是「{text}」。",
                "--expect must be SEQ:HASH, e.g. 1203:3f2a9c0d1b7e (at least 12 hex "
                "characters of the hash), not '{text}'.",
            ),
            text=text,
        )
    return int(seq_text), digest


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


def _not_json(number: int) -> Problem:
    return Problem(
        f"line {number}",
        Text(
            "审计日志第 {line} 行不是有效的 JSON。",
            "Audit log line {line} is not valid JSON.",
        ),
        {"line": number},
    )


def _bad_line(number: int) -> Problem:
    return Problem(
        f"line {number}",
        Text(
            "审计日志第 {line} 行不是有效的审计记录。",
            "Audit log line {line} is not a valid audit entry.",
        ),
        {"line": number},
    )


def _doc_key(entry: Mapping[str, Any]) -> DocKey | None:
    """The document a line changes, None for a note; ``ValueError`` if malformed."""
    if not entry.get("file"):
        return None
    file, table, doc_id = entry.get("file"), entry.get("table"), entry.get("doc_id")
    if not isinstance(file, str) or not isinstance(table, str) or not isinstance(doc_id, int):
        raise ValueError("bad document key")
    if not isinstance(entry.get("before", {}), dict) or not isinstance(
        entry.get("after", {}), dict
    ):
        raise ValueError("bad change")
    return (file, table, doc_id)


@dataclass
class LogIndex:
    """Where each file's lines are in the log: ``file -> [(byte offset, line number)]``.

    Built by ``scan``; a few integers per line, so that ``replay_file`` can
    replay one data file at a time without holding the log or every document.
    """

    offsets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def scan(path: Path, report: VerifyReport, expect: tuple[int, str] | None = None) -> LogIndex:
    """Check the chain line by line (streaming) and index each file's lines.

    ``expect``: a head ``(seq, hash)`` witnessed earlier that the chain must
    still pass through.
    """
    index = LogIndex()
    prev = GENESIS
    number = 0
    offset = 0
    witnessed = expect is None
    try:
        fh = open(path, "rb")  # noqa: SIM115 -- closed by the with below
    except FileNotFoundError:
        fh = None
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if fh is not None:
        with fh:
            for raw in fh:
                number += 1
                report.lines = number
                start, offset = offset, offset + len(raw)
                body = raw[:-1] if raw.endswith(b"\n") else raw
                try:
                    entry = json.loads(body.decode("utf-8"))
                except ValueError:
                    report.problems.append(_not_json(number))
                    return index
                try:
                    if not isinstance(entry, dict):
                        raise ValueError("not an object")
                    key = _doc_key(entry)
                except ValueError:
                    report.problems.append(_bad_line(number))
                    return index
                if entry.get("prev") != prev or entry.get("seq") != number:
                    report.problems.append(_broken_chain(number))
                    return index
                prev = hashlib.sha256(body).hexdigest()
                if expect is not None and number == expect[0]:
                    witnessed = prev.startswith(expect[1])
                if key is not None:
                    index.offsets.setdefault(key[0], []).append((start, number))
    report.last_seq, report.last_hash = number, prev
    if not witnessed:
        report.problems.append(
            Problem(
                f"line {expect[0]}" if expect else "",
                Text(
                    "审计日志不再经过此前见证的第 {seq} 行（哈希 {hash}）：历史被改写过，"
                    "即使其后的哈希被重新计算过。",
                    "The audit log no longer passes through line {seq} witnessed earlier "
                    "(hash {hash}): its history was rewritten, even if the hashes after it "
                    "were recomputed.",
                ),
                {"seq": expect[0] if expect else 0, "hash": expect[1][:12] if expect else ""},
            )
        )
    return index


def _broken_chain(number: int) -> Problem:
    return Problem(
        f"line {number}",
        Text(
            "审计日志第 {line} 行与上一行的哈希链不符：其前的行被删除、修改或调换过。",
            "Audit log line {line} does not chain onto the line before it: "
            "a line before it was deleted, edited or reordered.",
        ),
        {"line": number},
    )


def replay_file(
    path: Path, index: LogIndex, file: str, report: VerifyReport
) -> dict[DocKey, dict[str, Any]]:
    """Replay the lines of one data ``file`` (located by ``scan``) into its documents.

    One file at a time: memory is that of one year file, like reading it.
    """
    docs: dict[DocKey, dict[str, Any]] = {}
    positions = index.offsets.get(file, [])
    if not positions:
        return docs
    with open(path, "rb") as fh:
        for offset, number in positions:
            fh.seek(offset)
            entry = json.loads(fh.readline())
            key = _doc_key(entry)
            assert key is not None
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
            after = entry.get("after", {})
            if current is None and not before:
                docs[key] = after  # a creation: the document is its 'after'
            else:
                docs[key] = apply_change(current, before, after)
    return docs


def max_doc_ids(path: Path) -> dict[str, int]:
    """The highest document id each data file ever had in the log (streaming)."""
    top: dict[str, int] = {}
    try:
        fh = open(path, "rb")  # noqa: SIM115 -- closed by the with below
    except FileNotFoundError:
        return top
    except OSError as exc:
        raise _os_error(path, exc) from exc
    with fh:
        for raw in fh:
            if b'"doc_id":' not in raw:
                continue
            try:
                entry = json.loads(raw)
                key = _doc_key(entry) if isinstance(entry, dict) else None
            except ValueError:
                continue  # verify names it; a counter only needs the good lines
            if key is not None and key[1] == "records":
                top[key[0]] = max(top.get(key[0], 0), key[2])
    return top


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
    seq, digest = head["seq"], head["hash"]
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
    report.documents += len(stored)
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
        expected = replayed[key]
        if expected == doc:
            continue
        before, after = changed_fields(expected, doc)
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
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            raise CorruptFile(
                Text(
                    "审计日志 {path} 第 {line} 行不是有效的审计记录；请运行 township audit verify。",
                    "Line {line} of the audit log {path} is not a valid audit entry; run "
                    "township audit verify.",
                ),
                path=str(path),
                line=number,
            ) from exc
        if record_id is None or entry.get("id") == record_id:
            entries.append(entry)
    return entries
