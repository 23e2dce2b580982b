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

A *break* is a line that does not fit: not JSON, not an audit entry, not
chained onto the line before it, a line that creates a document the log
had already created (an id handed out twice), an incomplete last line.
``scan`` goes on after a break, chaining on from the line as it stands, so
that it finds every break, and the log's serial counters (``LogState.top``,
the highest document id each year file was given) are derived from the
lines themselves. A break stays in the log for good: only a ``repair`` line
(``township audit repair --reason``) that names it acknowledges it, and
``verify`` and the daily report keep naming both.

``LogState.checkpoint`` is what a writer keeps in the anchor
(``audit-head.json``) once the whole log verified: the line count, the
counters, the breaks and their repairs, and the log's file status (inode,
size, change times). While the log's status is unchanged nobody but
township wrote it, so the next writer trusts the checkpoint instead of
reading the log again; any other change of the file makes it verify the
log from its first line.

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
RECORDS_TABLE = "records"
REPAIR_ID = "audit"

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
    return read_last(path)[0]


def read_last(path: Path) -> tuple[Tail, dict[str, Any] | None]:
    """The log's tail and its last entry (None for an empty log), reading only its end."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            if size == 0:
                return Tail(0, GENESIS), None
            chunk = b""
            pos = size
            while pos > 0 and chunk.count(b"\n") < 2:
                step = min(65536, pos)
                pos -= step
                fh.seek(pos)
                chunk = fh.read(step) + chunk
    except FileNotFoundError:
        return Tail(0, GENESIS), None
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
    return Tail(seq, line_hash(last)), entry


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
    from township.text import ascii_form

    seq_text, _, digest = ascii_form(text).strip().partition(":")
    seq_text = seq_text.strip()
    digest = digest.strip().lower()
    if (
        not (seq_text.isascii() and seq_text.isdigit() and len(seq_text) <= 12)
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
        # O_NOFOLLOW: a symbolic link planted in place of the log is not followed.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
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
class Break:
    """A line of the log that does not fit, and the repair that acknowledged it.

    ``what``: ``json`` (not JSON), ``entry`` (not an audit entry), ``chain``
    (not chained onto the line before), ``reused`` (creates a document the
    log had created: an id handed out twice), ``torn`` (the last line has no
    end), ``anchor`` (the anchor named another last line; recorded by the
    repair that re-anchored the log). ``repair``: ``{"line", "actor",
    "time", "reason"}`` of the repair line that names it, None while none does.
    """

    line: int
    what: str
    params: dict[str, Any] = field(default_factory=dict)
    repair: dict[str, Any] | None = None

    @property
    def message(self) -> Text:
        """What is wrong, in one sentence."""
        return _BREAK_TEXTS.get(self.what, _BREAK_TEXTS["entry"])

    @property
    def values(self) -> dict[str, Any]:
        """The message's parameters."""
        return {"line": self.line, **self.params}

    def as_json(self) -> dict[str, Any]:
        """As the checkpoint keeps it."""
        return {"line": self.line, "what": self.what, "params": self.params, "repair": self.repair}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Break:
        """A break as ``as_json`` wrote it; ``ValueError`` if it is not one."""
        line, what = data.get("line"), data.get("what")
        params, repair = data.get("params", {}), data.get("repair")
        if (
            not isinstance(line, int)
            or not isinstance(what, str)
            or not isinstance(params, dict)
            or not isinstance(repair, dict | None)
        ):
            raise ValueError("not a break")
        return cls(line, what, dict(params), repair)

    def problem(self) -> Problem:
        """The break as ``verify`` names it while no repair acknowledged it."""
        return Problem(f"line {self.line}", self.message, self.values)

    def repaired_note(self) -> Problem:
        """The break and the repair that acknowledged it, as ``verify`` and the report name them."""
        repair = self.repair or {}
        return Problem(
            f"line {self.line}",
            Text(
                self.message.zh + "已于第 {repair_line} 行由 {actor}（{time}）确认：{reason}",
                self.message.en.rstrip(".")
                + ". Acknowledged at line {repair_line} by {actor} ({time}): {reason}",
            ),
            {
                **self.values,
                "repair_line": repair.get("line", "?"),
                "actor": repair.get("actor", "?"),
                "time": str(repair.get("time", "?"))[:19].replace("T", " "),
                "reason": repair.get("reason", ""),
            },
        )


_BREAK_TEXTS: dict[str, Text] = {
    "json": Text(
        "审计日志第 {line} 行不是有效的 JSON。", "Audit log line {line} is not valid JSON."
    ),
    "entry": Text(
        "审计日志第 {line} 行不是有效的审计记录。",
        "Audit log line {line} is not a valid audit entry.",
    ),
    "chain": Text(
        "审计日志第 {line} 行与上一行的哈希链不符：其前的行被删除、修改或调换过。",
        "Audit log line {line} does not chain onto the line before it: "
        "a line before it was deleted, edited or reordered.",
    ),
    "reused": Text(
        "审计日志第 {line} 行再次创建了 {id}：{file} 此前已发出到第 {top} 号，编号被重复使用，"
        "此后的任何写入都不能使日志重新通过检验。",
        "Audit log line {line} creates {id} again: {file} had already handed out serial "
        "{top}, so an id was used twice; no later write makes the log verify again.",
    ),
    "torn": Text(
        "审计日志第 {line} 行不完整（没有行尾）。",
        "Audit log line {line} is incomplete (it has no line end).",
    ),
    "anchor": Text(
        "审计日志的锚点记载到第 {anchor} 行，而日志结束于第 {end} 行。",
        "The audit log's anchor named line {anchor}, but the log ended at line {end}.",
    ),
}


@dataclass
class VerifyReport:
    """The outcome of ``verify``: lines checked, documents compared, problems.

    ``notes``: breaks that a repair acknowledged, named without failing.
    """

    lines: int = 0
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    last_seq: int = 0
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        """True when every break was repaired and the replay matches the store."""
        return not self.problems


def _doc_key(entry: Mapping[str, Any]) -> DocKey | None:
    """The document a line changes, None for a note; ``ValueError`` if malformed."""
    if not entry.get("file"):
        return None
    file, table, doc_id = entry.get("file"), entry.get("table"), entry.get("doc_id")
    if (
        not isinstance(file, str)
        or not isinstance(table, str)
        or not isinstance(doc_id, int)
        or isinstance(doc_id, bool)
    ):
        raise ValueError("bad document key")
    if not isinstance(entry.get("before", {}), dict) or not isinstance(
        entry.get("after", {}), dict
    ):
        raise ValueError("bad change")
    return (file, table, doc_id)


def check_entry(entry: Any) -> DocKey | None:
    """The document ``entry`` changes (None for a note); ``ValueError`` unless it is an
    audit entry: an object with a whole ``seq``, a ``prev`` hash and a sound document key."""
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    seq, prev = entry.get("seq"), entry.get("prev")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(prev, str):
        raise ValueError("no seq or prev")
    return _doc_key(entry)


@dataclass
class LogIndex:
    """Where each file's lines are in the log: ``file -> [(byte offset, line number)]``.

    Built by ``scan``; a few integers per line, so that ``replay_file`` can
    replay one data file at a time without holding the log or every document.
    """

    offsets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass
class LogState:
    """What a full reading of the log found: where it ends, its counters, its breaks.

    ``lines``: lines read; ``seq`` and ``prev``: the sequence number and
    hash the next line chains onto; ``top``: per year file, the highest
    document id any line names (the next serial is above it); ``made``: the
    other documents created (a calendar year); ``breaks``: every break, with
    its repair when one names it; ``torn``: the last line has no end.
    ``witnessed``: the line ``expect`` named was found with its hash (None
    when nothing was expected). ``numbers``: per number series of issued
    documents (``case-decision/2026``), the highest serial a line assigned
    (``issued_number``): the next document number is above it.
    """

    lines: int = 0
    seq: int = 0
    prev: str = GENESIS
    top: dict[str, int] = field(default_factory=dict)
    made: set[DocKey] = field(default_factory=set)
    breaks: list[Break] = field(default_factory=list)
    torn: bool = False
    witnessed: bool | None = None
    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def unrepaired(self) -> list[Break]:
        """The breaks no repair has acknowledged: while there is one, no write is accepted."""
        return [b for b in self.breaks if b.repair is None]

    def next_serial(self, file: str) -> int:
        """The lowest serial the log allows for a new record of ``file``."""
        return self.top.get(file, 0) + 1

    def note(self, entry: Mapping[str, Any], key: DocKey | None) -> None:
        """Count a line this writer appends (already checked): its document and counter."""
        self.lines += 1
        self.count_number(entry)
        if key is None:
            return
        if key[1] == RECORDS_TABLE:
            self.top[key[0]] = max(self.top.get(key[0], 0), key[2])
        elif entry.get("change") == "create":
            self.made.add(key)

    def count_number(self, entry: Mapping[str, Any]) -> None:
        """Keep the serial of a document number the line assigned (``issued_number``)."""
        found = issued_number(entry)
        if found is not None:
            series, n = found
            self.numbers[series] = max(self.numbers.get(series, 0), n)

    def next_number(self, series: str) -> int:
        """The serial the next document of ``series`` gets: above every one the log assigned."""
        return self.numbers.get(series, 0) + 1

    def digest(self) -> str:
        """SHA-256 of the counters and breaks, which the last line of each change
        carries (``state``): the checkpoint is then covered by the log's hashes."""
        body = {
            "lines": self.lines,
            "top": self.top,
            "made": sorted([list(k) for k in self.made]),
            "breaks": [b.as_json() for b in self.breaks],
        }
        if self.numbers:  # absent from older logs' digests, which stay valid
            body["numbers"] = dict(sorted(self.numbers.items()))
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def checkpoint(self, status: list[int] | None) -> dict[str, Any]:
        """The checkpoint kept in the anchor: this state, valid while the log's
        file status is ``status`` (``signature``)."""
        return {
            "lines": self.lines,
            "seq": self.seq,
            "hash": self.prev,
            "stat": status,
            "top": dict(sorted(self.top.items())),
            "made": sorted([list(k) for k in self.made]),
            "breaks": [b.as_json() for b in self.breaks],
            "numbers": dict(sorted(self.numbers.items())),
        }

    @classmethod
    def from_checkpoint(cls, data: Mapping[str, Any]) -> LogState:
        """The state a checkpoint keeps; ``ValueError`` if it is not one."""
        lines, seq, prev = data.get("lines"), data.get("seq"), data.get("hash")
        top, made, breaks = data.get("top"), data.get("made"), data.get("breaks")
        if (
            not isinstance(lines, int)
            or not isinstance(seq, int)
            or not isinstance(prev, str)
            or not isinstance(top, dict)
            or not all(isinstance(k, str) and isinstance(v, int) for k, v in top.items())
            or not isinstance(made, list)
            or not isinstance(breaks, list)
        ):
            raise ValueError("not a checkpoint")
        keys = set()
        for item in made:
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], int)):
                raise ValueError("not a document key")
            keys.add((str(item[0]), str(item[1]), int(item[2])))
        found = [Break.from_json(b) for b in breaks if isinstance(b, dict)]
        numbers = data.get("numbers", {})
        if not isinstance(numbers, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
            for k, v in numbers.items()
        ):
            raise ValueError("not a checkpoint")
        return cls(lines, seq, prev, dict(top), keys, found, numbers=dict(numbers))


def issued_number(entry: Mapping[str, Any]) -> tuple[str, int] | None:
    """The (series, serial) of the document number a line assigned, if it assigned one.

    A line that assigned a number carries ``number``: ``{"series":
    "case-decision/2026", "n": 3, "text": "青委发〔2026〕3号", ...}``
    (``township.views.issuing``).
    """
    number = entry.get("number")
    if not isinstance(number, dict):
        return None
    series, n = number.get("series"), number.get("n")
    if not isinstance(series, str) or not isinstance(n, int) or isinstance(n, bool) or n < 1:
        return None
    return series, n


def signature(path: Path) -> list[int] | None:
    """The log's file status as a checkpoint keeps it: inode, size, change times.

    Appending, editing or replacing the file changes it (the kernel sets the
    change time; no program can set it back), so an unchanged status means
    nobody wrote the log since the checkpoint. None while there is no log.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _os_error(path, exc) from exc
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _reused(number: int, key: DocKey, entry: Mapping[str, Any], top: int) -> Break:
    return Break(number, "reused", {"id": str(entry.get("id", "?")), "file": key[0], "top": top})


def _take_repair(state: LogState, number: int, entry: Mapping[str, Any]) -> None:
    """A repair line: the breaks it names are acknowledged, and a re-anchoring it
    records (the anchor named another last line) is a break it acknowledges."""
    repair = {
        "line": number,
        "actor": str(entry.get("actor", "")),
        "time": str(entry.get("time", "")),
        "reason": str(entry.get("reason", "")),
    }
    named = entry.get("breaks")
    lines = (
        {b.get("line") for b in named if isinstance(b, dict)} if isinstance(named, list) else set()
    )
    for b in state.breaks:
        if b.repair is None and b.line in lines:
            b.repair = repair
    before, end = entry.get("anchor_before"), entry.get("log_end")
    if isinstance(end, dict) and (
        not isinstance(before, dict)
        or before.get("seq") != end.get("seq")
        or before.get("hash") != end.get("hash")
    ):
        anchor = before.get("seq", "?") if isinstance(before, dict) else "-"
        state.breaks.append(
            Break(number, "anchor", {"anchor": anchor, "end": end.get("seq", "?")}, repair)
        )


def scan(
    path: Path, *, expect: tuple[int, str] | None = None, index: LogIndex | None = None
) -> LogState:
    """Read the whole log once (streaming) and return what it says.

    Every line is checked: JSON, an audit entry, chained onto the line
    before it (``prev`` and ``seq``), not creating a document a line before
    it created. After a break the scan chains on from the line as it
    stands, so it finds every break; a repair line acknowledges the breaks
    it names. ``expect``: a head ``(seq, hash)`` witnessed earlier; ``index``
    is filled with where each data file's lines are, for ``replay_file``.
    """
    state = LogState(witnessed=None if expect is None else False)
    offset = 0
    try:
        fh = open(path, "rb")  # noqa: SIM115 -- closed by the with below
    except FileNotFoundError:
        return state
    except OSError as exc:
        raise _os_error(path, exc) from exc
    with fh:
        for raw in fh:
            state.lines += 1
            number = state.lines
            start, offset = offset, offset + len(raw)
            body = raw[:-1] if raw.endswith(b"\n") else raw
            digest = hashlib.sha256(body).hexdigest()
            expected = state.seq + 1
            if not raw.endswith(b"\n"):
                state.torn = True
                state.breaks.append(Break(number, "torn"))
                state.seq, state.prev = expected, digest
                continue
            try:
                entry = json.loads(body.decode("utf-8"))
            except ValueError:
                state.breaks.append(Break(number, "json"))
                state.seq, state.prev = expected, digest
                continue
            try:
                key = check_entry(entry)
            except ValueError:
                state.breaks.append(Break(number, "entry"))
                state.seq, state.prev = expected, digest
                continue
            if entry["prev"] != state.prev or entry["seq"] != expected:
                state.breaks.append(Break(number, "chain"))
            state.seq, state.prev = entry["seq"], digest
            state.count_number(entry)
            if expect is not None and entry["seq"] == expect[0]:
                state.witnessed = digest.startswith(expect[1])
            if key is not None:
                if index is not None:
                    index.offsets.setdefault(key[0], []).append((start, number))
                if entry.get("change") == "create":
                    if key[1] == RECORDS_TABLE and key[2] <= state.top.get(key[0], 0):
                        state.breaks.append(_reused(number, key, entry, state.top[key[0]]))
                    elif key[1] != RECORDS_TABLE and key in state.made:
                        state.breaks.append(_reused(number, key, entry, key[2]))
                if key[1] == RECORDS_TABLE:
                    state.top[key[0]] = max(state.top.get(key[0], 0), key[2])
                else:
                    state.made.add(key)
            elif entry.get("action") == "repair" and entry.get("id") == REPAIR_ID:
                _take_repair(state, number, entry)
    return state


def witness_problem(expect: tuple[int, str]) -> Problem:
    """The log no longer passes through the head ``expect`` witnessed earlier."""
    return Problem(
        f"line {expect[0]}",
        Text(
            "审计日志不再经过此前见证的第 {seq} 行（哈希 {hash}）：历史被改写过，"
            "即使其后的哈希被重新计算过。",
            "The audit log no longer passes through line {seq} witnessed earlier "
            "(hash {hash}): its history was rewritten, even if the hashes after it "
            "were recomputed.",
        ),
        {"seq": expect[0], "hash": expect[1][:12]},
    )


def anchor_problem(head: Mapping[str, Any] | None, state: LogState) -> Problem | None:
    """Why the anchor does not name the log's last line, or None when it does."""
    report = VerifyReport(lines=state.lines, last_seq=state.seq, last_hash=state.prev)
    check_head(head, report)
    return report.problems[0] if report.problems else None


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


def numbered_entries(path: Path, upto: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, entry)`` for every line of the log (the first ``upto`` only), streaming.

    ``CorruptFile`` at the first line that is not an audit entry.
    """
    for number, text in iter_lines(path):
        if upto is not None and number > upto:
            return
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
        yield number, entry


def iter_entries(
    path: Path, record_id: str | None = None, upto: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every entry of the log (or only those about ``record_id``), oldest first, streaming."""
    for _number, entry in numbered_entries(path, upto):
        if record_id is None or entry.get("id") == record_id:
            yield entry


def load_entries(path: Path, record_id: str | None = None) -> list[dict[str, Any]]:
    """Every entry of the log (or only those about ``record_id``), oldest first, as a list."""
    return list(iter_entries(path, record_id))
