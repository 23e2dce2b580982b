"""The write journal (``.journal.json``), checked before anything of it is replayed.

A change is committed once its journal is on disk: the next writer (or
``township audit repair``) finishes a change a crash or an I/O error
interrupted by replaying the journal. The journal is a file like any other
in the data directory, so it is checked first, as a whole, and refused
(``CorruptFile``, exit 3, naming it) when anything in it is not what
township writes; nothing of a refused journal is replayed:

- every line it appends is JSON of the audit shape (``audit.check_entry``),
  the lines chain onto each other (``prev`` and ``seq``), and the first one
  not yet in the log chains onto the log's last line (``continues``);
- every document it writes goes to a year file of a registered kind
  (``inquiries/2026.json``, table ``records``) or to ``calendar.json``
  (table ``schedules``): a path inside the data directory, never ``..`` or
  absolute, through no symbolic link (the folder, the file, and the journal
  itself are checked with ``lstat``); document ids and counters are positive
  whole numbers; each document written has its audit line, and the anchor
  it sets names the last of them.

The lock file is never a target, and ``DirectoryLock`` opens it without
following a symbolic link.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from township.storage import audit
from township.storage.files import corrupt

JOURNAL_NAME = ".journal.json"
FAILED_JOURNAL_NAME = ".journal.failed.json"
_YEAR_FILE = re.compile(r"([a-z_-]+)/(\d{4})\.json\Z")
_HASH = re.compile(r"[0-9a-f]{64}\Z")


def _is_whole(value: Any, low: int = 1) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def is_link(path: Path) -> bool:
    """True when ``path`` exists and is a symbolic link (never followed)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def target_problem(data_dir: Path, file: Any, table: Any) -> str | None:
    """Why township must not write document table ``table`` of ``file``; None if it may.

    Only the files township writes: a registered kind's year file (table
    ``records``) or ``calendar.json`` (table ``schedules``), reached
    through no symbolic link.
    """
    from township.book.registry import KINDS
    from township.calendar import CALENDAR_FILE, SCHEDULES

    if not isinstance(file, str) or not isinstance(table, str):
        return "a write without its file or table"
    if file == CALENDAR_FILE:
        if table != SCHEDULES:
            return f"table {table!r} of {file}"
        parts = [file]
    else:
        match = _YEAR_FILE.match(file)
        folders = {k.folder for k in KINDS.values()}
        if match is None or match.group(1) not in folders:
            return f"the file {file!r} is not a year file of a record kind"
        if table != audit.RECORDS_TABLE:
            return f"table {table!r} of {file}"
        parts = [match.group(1), file]
    for part in parts:
        if is_link(data_dir / part):
            return f"{part} is a symbolic link"
    return None


def _line_problem(lines: list[Any]) -> tuple[str | None, list[tuple[int, str, dict[str, Any]]]]:
    """Why the lines are not a chain of audit entries, and each line's (seq, text, entry)."""
    parsed = []
    prev: str | None = None
    seq: int | None = None
    for n, text in enumerate(lines, start=1):
        if not isinstance(text, str):
            return f"line {n} is not text", []
        try:
            entry = json.loads(text)
            audit.check_entry(entry)
        except ValueError:
            return f"line {n} is not an audit entry", []
        if not _HASH.match(entry["prev"]) or entry["seq"] < 1:
            return f"line {n} is not an audit entry", []
        if prev is not None and (entry["prev"] != prev or entry["seq"] != (seq or 0) + 1):
            return f"line {n} does not chain onto line {n - 1}", []
        for key in ("time", "actor", "command", "id"):
            if not isinstance(entry.get(key), str):
                return f"line {n} has no {key}", []
        prev = hashlib.sha256(text.encode("utf-8")).hexdigest()
        seq = entry["seq"]
        parsed.append((entry["seq"], text, entry))
    return None, parsed


def check_journal(data_dir: Path, path: Path, journal: Any) -> dict[str, Any]:
    """The journal, or ``CorruptFile`` naming ``path`` when it is not one township wrote."""
    if is_link(path):
        raise corrupt(path, "a symbolic link")
    if not isinstance(journal, dict):
        raise corrupt(path, "not a write journal")
    lines, writes, head = journal.get("lines"), journal.get("writes"), journal.get("head")
    if not isinstance(lines, list) or not lines or not isinstance(writes, list):
        raise corrupt(path, "not a write journal")
    problem, parsed = _line_problem(lines)
    if problem is not None:
        raise corrupt(path, problem)
    keyed = []
    for _seq, _text, entry in parsed:
        key = audit.check_entry(entry)
        if key is not None:
            keyed.append(key)
    targets = []
    for n, w in enumerate(writes, start=1):
        if not isinstance(w, dict):
            raise corrupt(path, f"write {n} is not an object")
        reason = target_problem(data_dir, w.get("file"), w.get("table"))
        if reason is not None:
            raise corrupt(path, f"write {n}: {reason}")
        if not _is_whole(w.get("doc_id")):
            raise corrupt(path, f"write {n}: the document id is not a positive whole number")
        if not isinstance(w.get("doc"), dict | None) or not isinstance(w.get("id"), str):
            raise corrupt(path, f"write {n}: not a document")
        if w.get("next") is not None and not _is_whole(w.get("next")):
            raise corrupt(path, f"write {n}: the counter is not a positive whole number")
        targets.append((w["file"], w["table"], w["doc_id"]))
    if sorted(targets) != sorted(keyed):
        raise corrupt(path, "its writes and its audit lines do not match")
    if head is not None:
        last_seq, last_text, _ = parsed[-1]
        digest = hashlib.sha256(last_text.encode("utf-8")).hexdigest()
        if not isinstance(head, dict) or head.get("seq") != last_seq or head.get("hash") != digest:
            raise corrupt(path, "its anchor does not name its last line")
    return journal


def continues(log: Path, journal_path: Path, lines: list[str]) -> int:
    """How many of the journal's ``lines`` the log already ends with.

    ``CorruptFile`` naming the journal when the first line still to append
    does not chain onto the log's last line (a journal of another log, or a
    log changed since): nothing of it is appended. A torn last line that is
    the start of a journal line (the append the crash interrupted) is cut;
    any other torn line is damage (``CorruptFile`` naming the log).
    """
    try:
        raw = log.read_bytes()
    except FileNotFoundError:
        raw = b""
    except OSError as exc:
        from township.storage.files import _os_error

        raise _os_error(log, exc) from exc
    encoded = [line.encode("utf-8") for line in lines]
    if raw and not raw.endswith(b"\n"):
        cut = raw.rfind(b"\n") + 1
        # Compare bytes: the tear may fall inside a multi-byte character.
        if not any(line.startswith(raw[cut:]) for line in encoded):
            raise corrupt(log, "the last line is incomplete")
        with open(log, "r+b") as fh:
            fh.truncate(cut)
            os.fsync(fh.fileno())
        raw = raw[:cut]
    # Split bytes on "\n" only: str.splitlines() would also split inside a
    # line at U+2028 or U+0085, which JSON leaves unescaped in record text.
    existing = raw.split(b"\n")[:-1]
    tail = existing[-len(lines) :]
    for k in range(len(lines), 0, -1):
        if tail[-k:] == encoded[:k]:
            return k
    first = json.loads(lines[0])
    if existing:
        prev = hashlib.sha256(existing[-1]).hexdigest()
        try:
            seq = json.loads(existing[-1])["seq"]
        except (ValueError, KeyError, TypeError):
            seq = None
    else:
        prev, seq = audit.GENESIS, 0
    if first["prev"] != prev or (seq is not None and first["seq"] != seq + 1):
        raise corrupt(journal_path, "its first line does not continue the audit log")
    return 0


def journal_ids(journal: dict[str, Any]) -> list[str]:
    """The ids a (checked) journal's change touches (documents first, then notes)."""
    ids = [w["id"] for w in journal.get("writes", [])]
    if not ids:
        ids = [json.loads(line).get("id", "?") for line in journal.get("lines", [])]
    return ids
