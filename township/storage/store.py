"""The record store: TinyDB files per kind and year, transactions, recovery.

Layout of the data directory ::

    township.toml          configuration
    audit.jsonl            the hash-chained audit log
    audit-head.json        its anchor and the writers' checkpoint
    calendar.json          imported official schedules (table "schedules")
    inquiries/2026.json    one TinyDB file per kind per year (table "records",
    cases/2026.json ...    document id = the serial of the record id)
    .lock                  the writers' lock
    .journal.json          present only while a change is being written

A change is written in a ``Transaction``, under the directory lock:

1. the new documents and their audit lines go to ``.journal.json``
   (atomically): from here on the change is committed;
2. the audit lines are appended and fsynced, the anchor replaced;
3. each changed file is replaced atomically;
4. the journal is removed.

A crash or an I/O error after step 1 leaves a journal that the next
writer, or ``township audit repair``, replays to finish the change, once
the journal has been checked (``township.storage.journal``); the command
that was interrupted says so: its change will be finished, it was not
undone. A failure before step 1 changed nothing. ``audit verify`` reports a
pending journal. (A ``.journal.failed.json`` left by an earlier version,
whose change was reported as failed, stops every write until ``township
audit repair`` finishes it.)

Before a transaction opens, ``calendar.json`` is loaded and checked (a
change's deadlines need it), and the audit log must verify from its first
line (``audit.scan``): no break that no repair acknowledged, and the anchor
naming the log's last line. The checkpoint the last writer kept in the
anchor makes this cheap: while the log's file status is the one it
recorded, nobody but township wrote the log since it was verified. Until
``township audit repair --reason`` acknowledges a break, every write is
refused (exit 3).

Readers take the shared lock, per call or, inside ``reading()``, for the
whole command, so that they never see half of a transaction that writes
two files. Every file read is checked for the shape township writes: a
year file holding ``null``, a list, or records that are not objects stops
the command (exit 3) naming the file; it is never treated as absent. Every
record read is checked against its kind's declaration
(``township.storage.records``): an odd one is left out of what is read and
kept in ``Store.odd`` for the command to name.

Serials are never reused: the next one is above the file's counter, every
stored document, and every document id the audit log ever named (its
counters, ``LogState.top``), which survive a year file deleted, emptied or
whose counter was lowered by hand.
"""

from __future__ import annotations

import copy
import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from township.book.registry import KINDS, Kind, format_id, parse_id
from township.calendar import CALENDAR_FILE, SCHEDULES, Schedule, schedule_to_doc
from township.dates import now_iso
from township.errors import AuditMismatch, LockTimeout, NotFound, StorageError, os_reason
from township.i18n import Text
from township.storage import audit
from township.storage import files as storage
from township.storage.files import (
    DirectoryLock,
    atomic_write,
    check_calendar_file,
    corrupt,
    dump_json,
    ensure_private_dir,
    fsync_dir,
    load_schedules,
    read_json,
)
from township.storage.journal import (
    FAILED_JOURNAL_NAME,
    JOURNAL_NAME,
    check_journal,
    continues,
    journal_ids,
    target_problem,
)
from township.storage.records import OddRecord, admit, odd_record_error

RECORDS = "records"
META = "meta"
TABLES = (RECORDS, META, SCHEDULES, "_default")
SHOWN_BREAKS = 50  # breaks ``verify`` lists one by one (a log rewritten whole has one per line)

Record = dict[str, Any]

__all__ = ["FAILED_JOURNAL_NAME", "JOURNAL_NAME", "AtomicJSONStorage", "Store", "Transaction"]


class AtomicJSONStorage(Storage):
    """TinyDB storage: strict reads, atomic owner-only writes, never auto-creates.

    Unlike TinyDB's ``JSONStorage`` it does not create the file when opened
    and does not treat an empty file as an empty database: an empty file is a
    file that was damaged, and it is reported, not overwritten.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the whole database, or ``None`` when the file does not exist."""
        data = read_json(self.path)
        if data is not None:
            check_shape(self.path, data)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically with ``data``."""
        # Through the module, so that tests can simulate a crash or a full disk here.
        storage.atomic_write(self.path, dump_json(data))

    def close(self) -> None:
        """Nothing to close: every write opens and closes its own file."""


def check_shape(path: Path, data: Any) -> None:
    """``CorruptFile`` unless ``data`` is a TinyDB database as township writes it.

    A JSON object of tables township writes (``records``, ``meta``,
    ``schedules``), each an object of documents keyed by a whole number, each
    document an object; the counter (``meta``) a positive whole number.
    ``null``, a list, a table that is a list or of another name, or a
    document that is a string are damage, never "no records".
    """
    if path.name == CALENDAR_FILE:
        check_calendar_file(path, data)
    if not isinstance(data, dict):
        raise corrupt(path, f"not a JSON object but {type(data).__name__}")
    if data.get("_default", {}) != {}:
        raise corrupt(path, "table '_default' is not empty")
    for name, table in data.items():
        if name not in TABLES:
            raise corrupt(path, f"{name!r} is not a table township writes")
        if not isinstance(table, dict):
            raise corrupt(path, f"table {name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not (isinstance(doc_id, str) and doc_id.isdigit() and int(doc_id) > 0):
                raise corrupt(path, f"table {name!r}: document id {doc_id!r} is not a number")
            if not isinstance(doc, dict):
                raise corrupt(path, f"table {name!r}: document {doc_id} is not a JSON object")
        if name == META:
            counter = table.get("1", {}).get("next", 1)
            if set(table) - {"1"} or not isinstance(counter, int) or isinstance(counter, bool):
                raise corrupt(path, "its counter (table 'meta') is not a whole number")


def check_head_file(path: Path, head: Any) -> dict[str, Any] | None:
    """The anchor, ``None`` if absent, ``CorruptFile`` if it is not ``{"seq", "hash"}``."""
    if head is None:
        return None
    if (
        not isinstance(head, dict)
        or not isinstance(head.get("seq"), int)
        or isinstance(head.get("seq"), bool)
        or not isinstance(head.get("hash"), str)
        or not isinstance(head.get("next", {}), dict)
    ):
        raise corrupt(path, 'not an audit anchor {"seq": N, "hash": "..."}')
    return head


class _CommitCache(CachingMiddleware):
    """TinyDB's write cache, flushed only when a transaction commits.

    TinyDB's own ``CachingMiddleware`` writes the file by itself after 1,000
    changes, which would put half a large transaction on disk before its
    journal and audit lines.
    """

    WRITE_CACHE_SIZE = sys.maxsize


@dataclass
class Repaired:
    """What ``Store.repair`` did: the interrupted change it finished (its ids), the
    breaks it acknowledged, and the line of its repair entry (None: none written)."""

    ids: list[str] = field(default_factory=list)
    acknowledged: list[audit.Break] = field(default_factory=list)
    line: int | None = None


@dataclass
class AuditStatus:
    """The log as the daily report names it: its head, its breaks (repaired or not),
    and whether the anchor names its last line."""

    head: dict[str, Any]
    breaks: list[audit.Break]
    anchored: bool

    def notes(self) -> list[audit.Problem]:
        """One line per break: acknowledged (by whom, why) or still open."""
        found = [b.repaired_note() if b.repair else b.problem() for b in self.breaks]
        if not self.anchored:
            found.append(
                audit.Problem(
                    audit.HEAD_NAME,
                    Text(
                        "审计日志与其锚点不一致；请运行 township audit verify。",
                        "The audit log and its anchor disagree; run township audit verify.",
                    ),
                )
            )
        return found


class Store:
    """Records in a data directory.

    ``storage_cls`` is the TinyDB storage for the data files (injected, as
    TinyDB intends; tests may pass their own). ``clock`` gives the audit
    timestamps. ``odd``: the odd records met so far, by file and position
    (``township.storage.records``), for the command to name.
    """

    def __init__(
        self,
        data_dir: str | Path,
        storage_cls: type[Storage] = AtomicJSONStorage,
        lock_timeout: float = 10.0,
        clock: Callable[[], str] = now_iso,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.storage_cls = storage_cls
        self.lock_timeout = lock_timeout
        self.clock = clock
        self.odd: dict[tuple[str, int], OddRecord] = {}
        self._session = 0  # depth of reading() blocks
        self._writing = False  # the writers' lock is held by this store
        self._read_lock: DirectoryLock | None = None
        # Year files read more than once under one shared lock (a list that
        # looks up the absences for each of its rows) are kept, checked.
        self._reads: dict[str, int] = {}
        self._kept: dict[str, dict[int, Record | OddRecord]] = {}

    # -- paths -----------------------------------------------------------

    @property
    def audit_path(self) -> Path:
        """The audit log."""
        return self.data_dir / audit.AUDIT_NAME

    @property
    def head_path(self) -> Path:
        """The anchor of the audit chain: the last line's sequence number and hash."""
        return self.data_dir / audit.HEAD_NAME

    @property
    def journal_path(self) -> Path:
        """The journal of a change being written."""
        return self.data_dir / JOURNAL_NAME

    @property
    def failed_journal_path(self) -> Path:
        """The journal of a change an earlier version reported as failed, not undone."""
        return self.data_dir / FAILED_JOURNAL_NAME

    def record_file(self, kind: Kind, year: int) -> str:
        """The file (relative to the data directory) of ``kind`` in ``year``."""
        return f"{kind.folder}/{year:04d}.json"

    def years(self, kind: Kind) -> list[int]:
        """The years that have a file for ``kind``, oldest first."""
        folder = self.data_dir / kind.folder
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        except OSError as exc:  # unreadable, or a file where the folder should be
            raise storage._os_error(folder, exc) from exc
        return sorted(
            int(name[:4])
            for name in names
            if len(name) == 9 and name.endswith(".json") and name[:4].isdigit()
        )

    # -- reading ---------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """Hold the shared lock from the first read to the end of the block.

        A command that reads several files (a record and its complaint, the
        report over every kind) then sees them all as of one moment: never
        half of a transaction. A transaction inside the block upgrades the
        lock, and the block reads on under the shared lock afterwards.
        """
        self._session += 1
        try:
            yield self
        finally:
            self._session -= 1
            if not self._session and self._read_lock is not None:
                self._read_lock.__exit__()
                self._read_lock = None
                self._forget()

    @contextmanager
    def holding(self) -> Iterator[Store]:
        """Hold the shared lock for the whole block (the audit log read twice, say)."""
        with self.reading(), self._shared():
            yield self

    @contextmanager
    def _shared(self) -> Iterator[None]:
        """The shared lock for one read (kept for the session, if one is open)."""
        if self._read_lock is not None or self._writing:
            yield
            return
        if not self.data_dir.is_dir():
            yield  # nothing stored: nothing to lock (and the directory is not created)
            return
        lock = DirectoryLock(self.data_dir, self.lock_timeout, shared=True, create=False)
        lock.__enter__()
        if self._session:
            self._read_lock = lock
            yield
            return
        try:
            yield
        finally:
            lock.__exit__()

    def _forget(self) -> None:
        """Drop the files kept: another writer may change them from now on."""
        self._reads.clear()
        self._kept.clear()

    def _read(self, rel: str) -> dict[str, dict[str, Any]]:
        data = self.storage_cls(self.data_dir / rel).read()  # type: ignore[call-arg]
        return data or {}

    def _admitted(
        self, kind: Kind, year: int, only: int | None = None
    ) -> dict[int, Record | OddRecord]:
        """The records of ``kind``'s ``year`` file by position, each checked (or odd).

        ``only``: just the record at that position is checked (``get``). A
        file read a second time while the shared lock is held for the whole
        command is kept, checked, for the rest of it: no writer can change it
        meanwhile, and a list that looks something up for each row then reads
        each file once.
        """
        rel = self.record_file(kind, year)
        kept = self._kept.get(rel)
        if kept is not None:
            return kept
        with self._shared():
            data = self._read(rel)
        keep = False
        if self._read_lock is not None and self._read_lock.locked and not self._writing:
            self._reads[rel] = self._reads.get(rel, 0) + 1
            keep = self._reads[rel] > 1
        stored = data.get(RECORDS, {})
        if only is not None and not keep:
            stored = {str(only): stored[str(only)]} if str(only) in stored else {}
        docs: dict[int, Record | OddRecord] = {}
        for position, doc in stored.items():
            record, odd = admit(kind, year, rel, int(position), doc)
            docs[int(position)] = odd if odd is not None else record  # type: ignore[assignment]
        if keep:
            self._kept[rel] = docs
        return docs

    def iter_records(self, kind: Kind, years: list[int] | None = None) -> Iterator[Record]:
        """Every stored record of ``kind`` (of ``years`` only, if given) that is not odd.

        An odd record is left out and kept in ``odd``. The records are the
        store's: copy one before changing it.
        """
        with self._shared():
            chosen = self.years(kind) if years is None else years
        for year in chosen:
            for position, item in self._admitted(kind, year).items():
                if isinstance(item, OddRecord):
                    self.odd.setdefault((item.file, position), item)
                else:
                    yield item

    def get(self, record_id: str, kind: str | None = None) -> Record:
        """The record ``record_id``; ``NotFound`` if there is none, ``OddRecordError``
        (exit 3) if it is odd (it is also kept in ``odd``)."""
        rid = parse_id(record_id, kind)
        item = self._admitted(rid.kind, rid.year, only=rid.serial).get(rid.serial)
        if item is None:
            raise not_found(str(rid))
        if isinstance(item, OddRecord):
            self.odd.setdefault((item.file, item.position), item)
            raise odd_record_error(item)
        return item

    def schedules(self) -> dict[int, Schedule]:
        """The official schedules imported into this directory, by year."""
        return load_schedules(self.data_dir)

    # -- writing ---------------------------------------------------------

    def initialize(self) -> bool:
        """Create the data directory, owner-only. True if it was created."""
        existed = self.data_dir.is_dir()
        ensure_private_dir(self.data_dir)
        with DirectoryLock(self.data_dir, self.lock_timeout):
            pass  # the lock file, which readers share but never create
        return not existed

    @contextmanager
    def transaction(self, actor: str, command: str) -> Iterator[Transaction]:
        """Lock, finish any interrupted change, check the log, yield a ``Transaction``, commit.

        If the body raises, nothing is written.
        """
        # Validate, then write: the deadlines of a change need the calendar,
        # so a damaged calendar.json stops the command before anything is locked.
        self.schedules()
        ensure_private_dir(self.data_dir)
        with self._exclusive():
            self._refuse_failed()
            recovered = self._recover()
            state = self._log_state()
            self._refuse_broken(state)
            tx = Transaction(self, actor, command, recovered, state)
            yield tx
            tx._commit()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """The writers' lock; upgrades the shared lock of a ``reading()`` block."""
        held = self._read_lock
        self._forget()
        if held is None or not held.locked:
            with DirectoryLock(self.data_dir, self.lock_timeout):
                self._writing = True
                try:
                    yield
                finally:
                    self._writing = False
            return
        held.convert(shared=False)
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
            try:
                held.convert(shared=True)
            except LockTimeout:
                # Never report a committed change as failed: let go, and let
                # the next read of the block wait for the lock afresh.
                held.__exit__()
                self._read_lock = None

    def repair(self, actor: str = "", reason: str | None = None) -> Repaired:
        """Finish an interrupted change, if any; with ``reason``, acknowledge the log's breaks.

        Without ``reason`` the log must verify (else ``AuditMismatch`` says to
        give one). With ``reason`` (``township audit repair --reason``), every
        break no repair acknowledged yet, and an anchor that does not name
        the log's last line, is acknowledged by one repair line naming them,
        who and why; the anchor is set on it and writes resume. Nothing is
        hidden: ``verify`` and the report go on naming each break and its
        repair. A log with nothing to acknowledge gets no line.

        A repair that leaves the log verified always leaves a checkpoint in
        the anchor (``_keep_checkpoint``): finishing an interrupted change
        writes an anchor without one, and what the next writer finds must
        not depend on when the interrupted writer died.
        """
        ensure_private_dir(self.data_dir)
        with self._exclusive():
            done = Repaired(self._recover(self.failed_journal_path) + self._recover())
            state = self._log_state(full=reason is not None)
            if reason is None:
                self._refuse_broken(state)
                self._keep_checkpoint(state)
                return done
            issue = audit.anchor_problem(self.head(), state)
            if not state.unrepaired and issue is None:
                self._keep_checkpoint(state)
                return done
            done.acknowledged, done.line = self._acknowledge(state, actor, reason)
            return done

    def _keep_checkpoint(self, state: audit.LogState) -> None:
        """Set the anchor's checkpoint to ``state``, the log just verified (under the lock).

        Only as a writer would set it: the anchor names the log's last line
        and that line carries the state's digest (``_log_state`` trusts no
        other checkpoint); otherwise the anchor is left as it is and the
        next writer reads the whole log.
        """
        head = self.head()
        if head is None or (head.get("seq"), head.get("hash")) != (state.seq, state.prev):
            return
        try:
            _tail, last = audit.read_last(self.audit_path)
        except StorageError:
            return
        if last is None or last.get("state") != state.digest():
            return
        checkpoint = state.checkpoint(audit.signature(self.audit_path))
        if head.get("verified") != checkpoint:
            kept = {"seq": head["seq"], "hash": head["hash"], "verified": checkpoint}
            atomic_write(self.head_path, dump_json(kept))

    def pending(self) -> list[str]:
        """Ids of an interrupted (or failed, not undone) change waiting in a journal."""
        ids: list[str] = []
        for path in (self.failed_journal_path, self.journal_path):
            journal = read_json(path)
            if journal is not None:
                ids += journal_ids(check_journal(self.data_dir, path, journal))
        return ids

    def _refuse_failed(self) -> None:
        journal = read_json(self.failed_journal_path)
        if journal is None:
            return
        ids = journal_ids(check_journal(self.data_dir, self.failed_journal_path, journal))
        raise StorageError(
            Text(
                "此前对 {ids} 的一次修改未能写完（{path}）；在运行 township audit repair "
                "完成它之前不接受新的修改。",
                "An earlier change to {ids} could not be finished ({path}); no change is "
                "accepted until township audit repair finishes it.",
            ),
            ids=ids,
            path=str(self.failed_journal_path),
        )

    def _recover(self, path: Path | None = None) -> list[str]:
        """Finish the change a journal keeps, once the whole journal has been checked."""
        path = path or self.journal_path
        self._remove_stale_temp_files()
        journal = read_json(path)
        if journal is None:
            return []
        journal = check_journal(self.data_dir, path, journal)
        done = continues(self.audit_path, path, journal["lines"])
        audit.append_lines(self.audit_path, journal["lines"][done:])
        if journal.get("head"):
            # Without a checkpoint: the next writer verifies the whole log again.
            head = {"seq": journal["head"]["seq"], "hash": journal["head"]["hash"]}
            atomic_write(self.head_path, dump_json(head))
        for rel, writes in _by_file(journal["writes"]).items():
            _write_file(TinyDB(self.data_dir / rel, storage=_CommitCache(self.storage_cls)), writes)
        path.unlink()
        fsync_dir(self.data_dir)
        return journal_ids(journal)

    def audit_head(self) -> dict[str, Any]:
        """The log's head ``{"seq": N, "hash": "..."}`` for a report or a witness."""
        with self._shared():
            return audit.head_of(self.audit_path)

    def audit_status(self) -> AuditStatus:
        """The head, every break (repaired or not) and whether the anchor fits: for the
        daily report. Cheap while the writers' checkpoint holds; else the log is read."""
        with self._shared():
            head = audit.head_of(self.audit_path)
            state = self._log_state()
            anchored = audit.anchor_problem(self.head(), state) is None
        return AuditStatus(head, state.breaks, anchored)

    def head(self) -> dict[str, Any] | None:
        """The anchor ``{"seq": N, "hash": "...", "verified": {...}}``, None if none yet."""
        return check_head_file(self.head_path, read_json(self.head_path))

    def _log_state(self, full: bool = False) -> audit.LogState:
        """What the log says (its end, counters, breaks).

        From the checkpoint in the anchor while it holds: the log's file
        status is the one it recorded (nobody but township wrote the log
        since), and the log's last line carries the checkpoint's digest (so
        the anchor cannot be edited alone). Otherwise by reading the whole log.
        """
        if not full:
            head = self.head() or {}
            checkpoint = head.get("verified")
            if (
                isinstance(checkpoint, dict)
                and checkpoint.get("stat") is not None
                and checkpoint.get("stat") == audit.signature(self.audit_path)
                and checkpoint.get("seq") == head.get("seq")
                and checkpoint.get("hash") == head.get("hash")
            ):
                try:
                    state = audit.LogState.from_checkpoint(checkpoint)
                    tail, last = audit.read_last(self.audit_path)
                except (ValueError, StorageError):
                    pass  # a damaged checkpoint or log: the log itself says
                else:
                    if (
                        last is not None
                        and last.get("state") == state.digest()
                        and tail == audit.Tail(state.seq, state.prev)
                    ):
                        return state
        return audit.scan(self.audit_path)

    def _refuse_broken(self, state: audit.LogState) -> None:
        """``AuditMismatch`` while a break is unacknowledged or the anchor does not fit."""
        broken = state.unrepaired
        if broken:
            first = broken[0]
            raise AuditMismatch(
                Text(
                    "审计日志未通过检验：{problem}在运行 township audit verify 查明、再运行 "
                    "township audit repair --reason 说明原因之前，不接受任何修改。",
                    "The audit log does not verify: {problem} Until township audit verify "
                    "has shown why and township audit repair --reason has recorded it, no "
                    "change is accepted.",
                ),
                problem=_filled(first.message, first.values),
            )
        issue = audit.anchor_problem(self.head(), state)
        if issue is not None:
            head = self.head()
            raise AuditMismatch(
                Text(
                    "审计日志与其锚点 {anchor} 不一致（日志末行为第 {seq} 行，锚点为第 {head} 行）："
                    "日志可能被删改。请运行 township audit verify 查明，再运行 township audit "
                    "repair --reason 说明原因；在此之前不接受任何修改。",
                    "The audit log and its anchor {anchor} disagree (the log ends at line "
                    "{seq}, the anchor names line {head}): the log may have been tampered "
                    "with. Run township audit verify to find out, then township audit repair "
                    "--reason; until then no change is accepted.",
                ),
                anchor=str(self.head_path),
                seq=state.seq,
                head=head["seq"] if head is not None else "-",
            )

    def _acknowledge(
        self, state: audit.LogState, actor: str, reason: str
    ) -> tuple[list[audit.Break], int]:
        """Append the repair line naming the open breaks; anchor and checkpoint on it."""
        old = self.head()
        named = state.unrepaired
        if state.torn:
            # The incomplete last line is ended, so that the repair line is a line
            # of its own; its hash (taken without the line end) does not change.
            audit.append_lines(self.audit_path, [""])
        entry = {
            "time": self.clock(),
            "actor": actor,
            "command": "audit repair",
            "id": audit.REPAIR_ID,
            "action": "repair",
            "reason": reason,
            "breaks": [{"line": b.line, "what": b.what} for b in named],
            "anchor_before": None if old is None else {"seq": old["seq"], "hash": old["hash"]},
            "log_end": {"seq": state.seq, "hash": state.prev},
        }
        state.lines += 1
        audit._take_repair(state, state.lines, entry)
        entry["state"] = state.digest()
        line, tail = audit.make_line(audit.Tail(state.seq, state.prev), entry)
        audit.append_lines(self.audit_path, [line])
        state.seq, state.prev, state.torn = tail.seq, tail.prev, False
        head = {
            "seq": tail.seq,
            "hash": tail.prev,
            "verified": state.checkpoint(audit.signature(self.audit_path)),
        }
        atomic_write(self.head_path, dump_json(head))
        acknowledged = [b for b in state.breaks if b.repair and b.repair["line"] == state.lines]
        return acknowledged, state.lines

    def _remove_stale_temp_files(self) -> None:
        """Temporary files left by a writer that died; only called under the lock."""
        for pattern in (".*.tmp", "*/.*.tmp"):
            for path in self.data_dir.glob(pattern):
                path.unlink(missing_ok=True)

    def verify(self, expect: tuple[int, str] | None = None) -> audit.VerifyReport:
        """Check the audit log from its first line and that replaying it gives the stored documents.

        Every break is named: as a problem until a repair acknowledges it,
        then as a note with its repair. Counters lowered by hand (a year
        file's, the checkpoint's) are named too. ``expect``: a head ``(seq,
        hash)`` witnessed earlier; the log must still pass through it.
        Streams the log: memory does not grow with it.
        """
        report = audit.VerifyReport()
        if not self.data_dir.is_dir():
            return report  # nothing stored yet; a check must not create the directory
        with self._shared():
            pending = self.pending()
            if pending:
                report.problems.append(
                    audit.Problem(
                        ", ".join(pending),
                        Text(
                            "对 {ids} 的一次修改在写入时中断；运行 township audit repair 完成它。",
                            "A change to {ids} was interrupted while being written; run "
                            "township audit repair to finish it.",
                        ),
                        {"ids": pending},
                    )
                )
                return report
            index = audit.LogIndex()
            state = audit.scan(self.audit_path, expect=expect, index=index)
            report.lines, report.last_seq, report.last_hash = state.lines, state.seq, state.prev
            open_breaks = state.unrepaired
            report.problems += [b.problem() for b in open_breaks[:SHOWN_BREAKS]]
            if len(open_breaks) > SHOWN_BREAKS:
                report.problems.append(
                    audit.Problem(
                        "",
                        Text(
                            "另有 {n} 处断裂未列出（第 {first} 至 {last} 行之间）。",
                            "{n} more breaks are not listed (between lines {first} and {last}).",
                        ),
                        {
                            "n": len(open_breaks) - SHOWN_BREAKS,
                            "first": open_breaks[SHOWN_BREAKS].line,
                            "last": open_breaks[-1].line,
                        },
                    )
                )
            report.notes += [b.repaired_note() for b in state.breaks if b.repair]
            if expect is not None and not state.witnessed:
                report.problems.append(audit.witness_problem(expect))
            if report.problems:
                return report
            head = self.head()
            audit.check_head(head, report)
            self._check_counters(head, state, report)
            files = {self.record_file(k, y) for k in KINDS.values() for y in self.years(k)}
            files.add(CALENDAR_FILE)
            broken: list[audit.Problem] = []
            for rel in sorted(files | set(index.offsets)):
                # One file at a time, so memory follows the largest file, not the log.
                found = len(report.problems)
                replayed = audit.replay_file(self.audit_path, index, rel, report)
                if len(report.problems) > found:
                    broken += report.problems[found:]
                    del report.problems[found:]
                    continue
                audit.compare(replayed, self._stored_of(rel), report)
            if broken:
                # The first line that does not fit explains what follows it.
                first = min(broken, key=lambda p: int(p.params.get("line", 0)))
                report.problems.append(first)
        return report

    def _check_counters(
        self, head: dict[str, Any] | None, state: audit.LogState, report: audit.VerifyReport
    ) -> None:
        """Name a counter lowered by hand: a year file's, the anchor's or the checkpoint's.

        A lowered counter hands out no id again (the log's counters win);
        naming it shows that someone edited the files."""
        verified = (head or {}).get("verified")
        kept = verified.get("top", {}) if isinstance(verified, dict) else {}
        legacy = (head or {}).get("next", {})
        for rel, top in sorted(state.top.items()):
            counters = []
            if rel != CALENDAR_FILE:
                meta = self._read(rel).get(META, {}).get("1")
                if meta is not None:
                    counters.append((rel, meta.get("next")))
            if isinstance(kept, dict) and rel in kept:
                value = kept[rel] + 1 if isinstance(kept[rel], int) else None
                counters.append((audit.HEAD_NAME, value))
            if isinstance(legacy, dict) and rel in legacy:
                counters.append((audit.HEAD_NAME, legacy[rel]))
            for where, value in counters:
                if not isinstance(value, int) or value <= top:
                    report.problems.append(
                        audit.Problem(
                            where,
                            Text(
                                "{where} 中 {file} 的编号计数（下一个为 {value}）低于审计日志"
                                "已发出的第 {top} 号：计数被手工改小过（township 不会重复发出编号）。",
                                "The counter of {file} in {where} (next {value}) is below serial "
                                "{top}, which the audit log already handed out: it was lowered by "
                                "hand (township never hands an id out twice).",
                            ),
                            {"where": where, "file": rel, "value": value, "top": top},
                        )
                    )

    def _stored_of(self, rel: str) -> dict[audit.DocKey, tuple[str, dict[str, Any]]]:
        table = SCHEDULES if rel == CALENDAR_FILE else RECORDS
        stored: dict[audit.DocKey, tuple[str, dict[str, Any]]] = {}
        for doc_id, doc in self._read(rel).get(table, {}).items():
            if table == SCHEDULES:
                name = f"calendar-{doc_id}"
            else:
                rid = doc.get("id")
                name = rid if isinstance(rid, str) and rid else f"{rel}#{doc_id}"
            stored[(rel, table, int(doc_id))] = (name, doc)
        return stored


def _filled(template: Text, params: dict[str, Any]) -> Text:
    """A message with its parameters filled in, in both languages."""
    from township.i18n import render

    return Text(render(template, "zh", params), render(template, "en", params))


def not_found(record_id: str) -> NotFound:
    """The error for an id that names no record."""
    return NotFound(
        Text(
            "找不到记录 {id}；请用对应的 list 命令核对编号。",
            "There is no record {id}; check the id with the matching list command.",
        ),
        id=record_id,
    )


def _bump_next(meta: Any, value: int) -> None:
    current = meta.get(doc_id=1)
    if current is None:
        meta.insert(Document({"next": value}, doc_id=1))
    elif current["next"] < value:
        meta.update({"next": value}, doc_ids=[1])


class Transaction:
    """Changes made under the lock; written together when the block ends.

    Reads inside a transaction see the transaction's own changes. Each file
    is read at most once and written at most once, whatever the number of
    records created or changed (``township init --demo`` writes 100,000
    records in one transaction). A document changed several times in one
    transaction gets one audit line: its state before and after the command.
    ``state``: what the verified log says (its end and counters).
    """

    def __init__(
        self,
        store: Store,
        actor: str,
        command: str,
        recovered: list[str],
        state: audit.LogState | None = None,
    ) -> None:
        self.store = store
        self.actor = actor
        self.command = command
        self.recovered = recovered
        self.state = state if state is not None else audit.scan(store.audit_path)
        self._dbs: dict[str, TinyDB] = {}
        self._docs: dict[audit.DocKey, dict[str, Any]] = {}
        self._before: dict[audit.DocKey, dict[str, Any] | None] = {}
        self._names: dict[audit.DocKey, str] = {}
        self._extra: dict[audit.DocKey, dict[str, Any]] = {}
        # Audit entries in order: a document key (first touch) or a note.
        self._entries: list[audit.DocKey | dict[str, Any]] = []
        self._next: dict[str, int] = {}
        self._now: str | None = None

    @property
    def now(self) -> str:
        """The transaction's timestamp (Asia/Shanghai, ISO 8601), read once."""
        if self._now is None:
            self._now = self.store.clock()
        return self._now

    def _db(self, rel: str) -> TinyDB:
        db = self._dbs.get(rel)
        if db is None:
            db = TinyDB(self.store.data_dir / rel, storage=_CommitCache(self.store.storage_cls))
            self._dbs[rel] = db
        return db

    def _current(self, key: audit.DocKey) -> dict[str, Any] | None:
        """The document as of this transaction (staged, else stored), not copied."""
        if key in self._docs:
            return self._docs[key]
        rel, table, doc_id = key
        doc = self._db(rel).table(table).get(doc_id=doc_id)
        return None if doc is None else dict(doc)

    def get(self, record_id: str, kind: str | None = None) -> Record:
        """A copy of the record ``record_id`` as of this transaction.

        ``OddRecordError`` (exit 3) when the stored record is odd: no step is
        taken on it, and nothing is written.
        """
        rid = parse_id(record_id, kind)
        rel = self.store.record_file(rid.kind, rid.year)
        key = (rel, RECORDS, rid.serial)
        doc = self._current(key)
        if doc is None:
            raise not_found(str(rid))
        record = copy.deepcopy(doc)
        if key in self._docs:
            return record
        admitted, odd = admit(rid.kind, rid.year, rel, rid.serial, record)
        if odd is not None:
            raise odd_record_error(odd)
        assert admitted is not None
        return admitted

    def create(self, kind: str, year: int, build: Callable[[str], Record]) -> Record:
        """Allocate the next id of ``kind`` in ``year`` and store ``build(id)``.

        The serial is above the file's counter, above every document in the
        file and above every document id the audit log ever named for it, so
        an id is never handed out twice, even if a record, a year file or a
        counter was lost or lowered by hand.
        """
        k = KINDS[kind]
        rel = self.store.record_file(k, year)
        serial = self._next.get(rel)
        if serial is None:
            stored = self._db(rel).table(META).get(doc_id=1)
            legacy = (self.store.head() or {}).get("next", {}).get(rel, 1)
            serial = max(
                stored["next"] if stored else 1,
                legacy if isinstance(legacy, int) else 1,
                self.state.next_serial(rel),
            )
        while self._current((rel, RECORDS, serial)) is not None:
            serial += 1
        self._next[rel] = serial + 1
        record_id = format_id(kind, year, serial)
        record = build(record_id)
        record["id"] = record_id
        self._stage(record_id, (rel, RECORDS, serial), record)
        return record

    def update(self, record: Record, extra: dict[str, Any] | None = None) -> None:
        """Replace the stored record with ``record`` (same id)."""
        rid = parse_id(record["id"])
        key = (self.store.record_file(rid.kind, rid.year), RECORDS, rid.serial)
        if self._current(key) is None:
            raise not_found(str(rid))
        self._stage(str(rid), key, record, extra)

    def put_schedule(self, schedule: Schedule, extra: dict[str, Any] | None = None) -> None:
        """Store (or replace) an imported official schedule."""
        key = (CALENDAR_FILE, SCHEDULES, schedule.year)
        self._stage(f"calendar-{schedule.year}", key, schedule_to_doc(schedule), extra)

    def note(self, record_id: str, action: str, details: dict[str, Any]) -> None:
        """An audit line that changes no document (a reveal, an export)."""
        self._entries.append({"id": record_id, "action": action, **details})

    def _stage(
        self,
        name: str,
        key: audit.DocKey,
        new: dict[str, Any],
        extra: dict[str, Any] | None = None,
    ) -> None:
        if key not in self._before:
            before = self._current(key)
            if before is None and key[1] != RECORDS and key in self.state.made:
                # Created once already (the log says so) but gone from its file:
                # a second creation would hand the same document out twice.
                raise AuditMismatch(
                    Text(
                        "{id} 此前已经创建过（见审计日志），但 {file} 中没有它：文件被删改过。"
                        "请从备份恢复 {file} 后重试；未做任何更改。",
                        "{id} was created before (see the audit log) but is missing from "
                        "{file}: the file was changed by hand. Restore {file} from a backup "
                        "and try again. Nothing was changed.",
                    ),
                    id=name,
                    file=key[0],
                )
            self._before[key] = before
            self._names[key] = name
            self._entries.append(key)
        self._docs[key] = copy.deepcopy(new)
        if extra:
            self._extra.setdefault(key, {}).update(extra)

    def _commit(self) -> None:
        if not self._entries:
            return
        store = self.store
        state = copy.deepcopy(self.state)
        tail = audit.Tail(state.seq, state.prev)
        lines = []
        writes = []
        last = len(self._entries) - 1
        for n, item in enumerate(self._entries):
            entry: dict[str, Any] = {"time": self.now, "actor": self.actor, "command": self.command}
            key: audit.DocKey | None = None
            if isinstance(item, dict):
                entry.update(item)
            else:
                key = item
                rel, table, doc_id = item
                problem = target_problem(store.data_dir, rel, table)
                if problem is not None:
                    raise StorageError(
                        Text(
                            "不能写入 {file}（{problem}）；未做任何更改。",
                            "Cannot write {file} ({problem}); nothing was changed.",
                        ),
                        file=rel,
                        problem=problem,
                    )
                before, after = audit.changed_fields(self._before[item], self._docs[item])
                entry.update(
                    id=self._names[item],
                    file=rel,
                    table=table,
                    doc_id=doc_id,
                    change="create" if self._before[item] is None else "update",
                    before=before,
                    after=after,
                    **self._extra.get(item, {}),
                )
                writes.append(
                    {
                        "id": self._names[item],
                        "file": rel,
                        "table": table,
                        "doc_id": doc_id,
                        "doc": self._docs[item],
                        "next": self._next.get(rel) if table == RECORDS else None,
                    }
                )
            state.note(entry, key)
            if n == last:
                # The last line carries the digest of the checkpoint it leads to.
                entry["state"] = state.digest()
            line, tail = audit.make_line(tail, entry)
            lines.append(line)
        state.seq, state.prev = tail.seq, tail.prev
        head: dict[str, Any] = {"seq": tail.seq, "hash": tail.prev}
        # The commit point: once the journal is on disk the change is made, and a
        # failure from here on is finished later, never undone.
        atomic_write(
            store.journal_path, dump_json({"lines": lines, "writes": writes, "head": head})
        )
        try:
            audit.append_lines(store.audit_path, lines)
            head["verified"] = state.checkpoint(audit.signature(store.audit_path))
            atomic_write(store.head_path, dump_json(head))
            for rel, docs in _by_file(writes).items():
                _write_file(self._db(rel), docs)  # atomic: on failure the old file stays
        except Exception as exc:
            raise unfinished(self._names_of(writes, lines), store.journal_path, exc) from exc
        store.journal_path.unlink()
        fsync_dir(store.data_dir)

    @staticmethod
    def _names_of(writes: list[dict[str, Any]], lines: list[str]) -> list[str]:
        return journal_ids({"writes": writes, "lines": lines})


def unfinished(ids: list[str], journal: Path, cause: Exception) -> StorageError:
    """The error of a change whose journal was written but whose files were not:
    it is made, and the next write (or ``township audit repair``) finishes it."""
    return StorageError(
        Text(
            "对 {ids} 的修改已记入 {journal}，但未能写完（{cause}）。它没有被撤销："
            "下一次写入或运行 township audit repair 时会完成它，请不要重复这次操作。",
            "The change to {ids} is recorded in {journal} but could not be finished "
            "({cause}). It was not undone: the next write, or township audit repair, "
            "finishes it; do not repeat it.",
        ),
        ids=ids,
        journal=str(journal),
        cause=_reason(cause),
    )


def _reason(cause: Exception) -> Text | str:
    """Why a write failed, in a few words of both languages (no "nothing changed")."""
    os_error = cause if isinstance(cause, OSError) else cause.__cause__
    if isinstance(os_error, OSError):
        return os_reason(os_error)
    if getattr(cause, "os_errno", None) == errno.ENOSPC:
        return Text("磁盘已满", "the disk is full")
    reason = getattr(cause, "reason", None)
    if reason:
        return reason if isinstance(reason, Text) else str(reason)
    if isinstance(cause, StorageError):
        return Text(cause.message_in("zh"), cause.message_in("en"))
    return str(cause)


def _by_file(writes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for write in writes:
        grouped.setdefault(write["file"], []).append(write)
    return grouped


def _write_file(db: TinyDB, writes: list[dict[str, Any]], flush: bool = True) -> None:
    """Put every staged document of one file and write the file once.

    Idempotent, so that recovery can run it again after a crash. Replaced
    documents are removed and inserted again in one pass per table (TinyDB
    rebuilds a table on each operation, so one operation per document would
    cost O(n²) for a large transaction).

    A ``doc`` of ``None`` removes the document (only a rollback does that).
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for write in writes:
        tables.setdefault(write["table"], []).append(write)
    for name, items in tables.items():
        table = db.table(name)
        docs = {int(w["doc_id"]): w["doc"] for w in items}
        present = [doc_id for doc_id in docs if table.contains(doc_id=doc_id)]
        if present:
            table.remove(doc_ids=present)
        table.insert_multiple(
            Document(doc, doc_id=doc_id) for doc_id, doc in docs.items() if doc is not None
        )
    nexts = [int(w["next"]) for w in writes if w.get("next") is not None]
    if nexts:
        _bump_next(db.table(META), max(nexts))
    if flush:
        db.storage.flush()
