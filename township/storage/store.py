"""The record store: TinyDB files per kind and year, transactions, recovery.

Layout of the data directory ::

    township.toml          configuration
    audit.jsonl            the hash-chained audit log
    calendar.json          imported official schedules (table "schedules")
    inquiries/2026.json    one TinyDB file per kind per year (table "records",
    cases/2026.json ...    document id = the serial of the record id)
    .lock                  the writers' lock
    .journal.json          present only while a change is being written

A change is written in a ``Transaction``, under the directory lock:

1. the new documents and their audit lines go to ``.journal.json``
   (atomically);
2. the audit lines are appended and fsynced;
3. each changed file is replaced atomically;
4. the journal is removed.

A crash at any point leaves either no journal (nothing or everything was
written) or a journal that the next writer, or ``township audit repair``,
replays to finish the change. ``audit verify`` reports a pending journal.

If the commit fails (a full disk) the change is undone; the journal is
first renamed ``.journal.failed.json``, so that when even the undo fails the
next writer refuses to write (exit 3) instead of silently finishing a change
its command reported as failed: ``township audit repair`` finishes it.

Before a transaction opens, ``calendar.json`` is loaded and checked (a
change's deadlines need it) and the audit log's last line is compared with
its anchor ``audit-head.json``: while they disagree every write is refused
until ``township audit repair --reason``.

Readers take the shared lock, per call or, inside ``reading()``, for the
whole command, so that they never see half of a transaction that writes
two files. Every file read is checked for the shape township writes: a
year file holding ``null``, a list, or records that are not objects stops
the command (exit 3) naming the file; it is never treated as absent.

Serials are never reused: the next one is above the file's counter, every
stored document, and the counter kept in the anchor (``next``), which
survives a year file deleted or emptied by hand.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from township.book.registry import KINDS, Kind, format_id, parse_id
from township.calendar import CALENDAR_FILE, SCHEDULES, Schedule, load_schedules, schedule_to_doc
from township.dates import now_iso
from township.errors import AuditMismatch, LockTimeout, NotFound, StorageError
from township.i18n import Text
from township.storage import audit
from township.storage import files as storage
from township.storage.files import (
    DirectoryLock,
    atomic_write,
    corrupt,
    dump_json,
    ensure_private_dir,
    fsync_dir,
    read_json,
)

RECORDS = "records"
META = "meta"
JOURNAL_NAME = ".journal.json"
FAILED_JOURNAL_NAME = ".journal.failed.json"

Record = dict[str, Any]


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

    A JSON object of tables, each an object of documents keyed by a whole
    number, each document an object. ``null``, a list, a table that is a list
    or a document that is a string are damage, never "no records".
    """
    if not isinstance(data, dict):
        raise corrupt(path, f"not a JSON object but {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise corrupt(path, f"table {name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not (isinstance(doc_id, str) and doc_id.isdigit()):
                raise corrupt(path, f"table {name!r}: document id {doc_id!r} is not a number")
            if not isinstance(doc, dict):
                raise corrupt(path, f"table {name!r}: document {doc_id} is not a JSON object")


def _check_journal(path: Path, journal: Any) -> dict[str, Any]:
    """The journal, or ``CorruptFile`` when it is not one township wrote."""
    ok = (
        isinstance(journal, dict)
        and isinstance(journal.get("lines"), list)
        and all(isinstance(line, str) for line in journal["lines"])
        and isinstance(journal.get("writes"), list)
        and all(
            isinstance(w, dict)
            and isinstance(w.get("file"), str)
            and isinstance(w.get("table"), str)
            and isinstance(w.get("doc_id"), int)
            and isinstance(w.get("doc"), dict | None)
            for w in journal["writes"]
        )
        and isinstance(journal.get("head", {}), dict | None)
    )
    if not ok:
        raise corrupt(path, "not a write journal")
    return journal  # type: ignore[no-any-return]


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


class Store:
    """Records in a data directory.

    ``storage_cls`` is the TinyDB storage for the data files (injected, as
    TinyDB intends; tests may pass their own). ``clock`` gives the audit
    timestamps.
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
        self._session = 0  # depth of reading() blocks
        self._writing = False  # the writers' lock is held by this store
        self._read_lock: DirectoryLock | None = None

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
        """The journal of a change that failed and could not be undone."""
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

    def _read(self, rel: str) -> dict[str, dict[str, Any]]:
        data = self.storage_cls(self.data_dir / rel).read()  # type: ignore[call-arg]
        return data or {}

    def iter_records(self, kind: Kind, years: list[int] | None = None) -> Iterator[Record]:
        """Every stored record of ``kind`` (of ``years`` only, if given)."""
        with self._shared():
            chosen = self.years(kind) if years is None else years
        for year in chosen:
            with self._shared():
                records = self._read(self.record_file(kind, year)).get(RECORDS, {})
            yield from records.values()

    def get(self, record_id: str, kind: str | None = None) -> Record:
        """The record ``record_id``; ``NotFound`` if there is none."""
        rid = parse_id(record_id, kind)
        with self._shared():
            data = self._read(self.record_file(rid.kind, rid.year))
        doc = data.get(RECORDS, {}).get(str(rid.serial))
        if doc is None:
            raise not_found(str(rid))
        return doc

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
        """Lock, finish any interrupted change, yield a ``Transaction``, commit.

        If the body raises, nothing is written.
        """
        # Validate, then write: the deadlines of a change need the calendar,
        # so a damaged calendar.json stops the command before anything is locked.
        self.schedules()
        ensure_private_dir(self.data_dir)
        with self._exclusive():
            self._refuse_failed()
            recovered = self._recover()
            self._check_anchor()
            tx = Transaction(self, actor, command, recovered)
            yield tx
            tx._commit()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """The writers' lock; upgrades the shared lock of a ``reading()`` block."""
        held = self._read_lock
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

    def repair(self, actor: str = "", reason: str | None = None) -> list[str]:
        """Finish an interrupted or failed change, if any; return the ids it touched.

        With ``reason``, also re-anchor the audit log on its last line when
        log and anchor disagree, and audit that (``township audit repair
        --reason``): the anchor then records that someone took responsibility.
        """
        ensure_private_dir(self.data_dir)
        with self._exclusive():
            ids = self._recover(self.failed_journal_path) + self._recover()
            if reason is not None:
                self._reanchor(actor, reason)
            else:
                self._check_anchor()  # says to give --reason when they disagree
            return ids

    def pending(self) -> list[str]:
        """Ids of an interrupted (or failed, not undone) change waiting in a journal."""
        ids: list[str] = []
        for path in (self.failed_journal_path, self.journal_path):
            journal = read_json(path)
            if journal is not None:
                ids += _journal_ids(_check_journal(path, journal))
        return ids

    def _refuse_failed(self) -> None:
        journal = read_json(self.failed_journal_path)
        if journal is None:
            return
        ids = _journal_ids(_check_journal(self.failed_journal_path, journal))
        raise StorageError(
            Text(
                "此前对 {ids} 的一次修改写入失败且未能撤销（{path}）；在运行 township audit repair "
                "之前不接受新的修改。",
                "An earlier change to {ids} failed and could not be undone ({path}); no "
                "change is accepted until township audit repair is run.",
            ),
            ids=ids,
            path=str(self.failed_journal_path),
        )

    def _recover(self, path: Path | None = None) -> list[str]:
        path = path or self.journal_path
        self._remove_stale_temp_files()
        journal = read_json(path)
        if journal is None:
            return []
        journal = _check_journal(path, journal)
        self._finish_audit(journal["lines"])
        if journal.get("head"):
            atomic_write(self.head_path, dump_json(journal["head"]))
        for rel, writes in _by_file(journal["writes"]).items():
            _write_file(TinyDB(self.data_dir / rel, storage=_CommitCache(self.storage_cls)), writes)
        path.unlink()
        fsync_dir(self.data_dir)
        return _journal_ids(journal)

    def audit_head(self) -> dict[str, Any]:
        """The log's head ``{"seq": N, "hash": "..."}`` for a report or a witness."""
        with self._shared():
            return audit.head_of(self.audit_path)

    def head(self) -> dict[str, Any] | None:
        """The anchor ``{"seq": N, "hash": "...", "next": {...}}``, None if none yet."""
        return check_head_file(self.head_path, read_json(self.head_path))

    def _check_anchor(self) -> None:
        """``AuditMismatch`` when the log's last line is not the one the anchor names."""
        tail = audit.read_tail(self.audit_path)
        head = self.head()
        if head is None and tail.seq == 0:
            return
        if head is not None and head["seq"] == tail.seq and head["hash"] == tail.prev:
            return
        raise AuditMismatch(
            Text(
                "审计日志与其锚点 {anchor} 不一致（日志末行为第 {seq} 行，锚点为第 {head} 行）："
                "日志可能被删改。请运行 township audit verify 查明，再运行 township audit repair "
                "--reason 说明原因；在此之前不接受任何修改。",
                "The audit log and its anchor {anchor} disagree (the log ends at line {seq}, "
                "the anchor names line {head}): the log may have been tampered with. Run "
                "township audit verify to find out, then township audit repair --reason; "
                "until then no change is accepted.",
            ),
            anchor=str(self.head_path),
            seq=tail.seq,
            head=head["seq"] if head is not None else "-",
        )

    def _reanchor(self, actor: str, reason: str) -> None:
        """Anchor the log on its last line again, with an audited repair line."""
        tail = audit.read_tail(self.audit_path)
        old = self.head()
        nexts = dict(old.get("next", {})) if old else {}
        for rel, top in audit.max_doc_ids(self.audit_path).items():
            nexts[rel] = max(nexts.get(rel, 1), top + 1)
        entry = {
            "time": self.clock(),
            "actor": actor,
            "command": "audit repair",
            "id": "audit",
            "action": "repair",
            "reason": reason,
            "anchor_before": None if old is None else {"seq": old["seq"], "hash": old["hash"]},
            "log_end": {"seq": tail.seq, "hash": tail.prev},
        }
        line, tail = audit.make_line(tail, entry)
        audit.append_lines(self.audit_path, [line])
        atomic_write(self.head_path, dump_json({"seq": tail.seq, "hash": tail.prev, "next": nexts}))

    def _remove_stale_temp_files(self) -> None:
        """Temporary files left by a writer that died; only called under the lock."""
        for pattern in (".*.tmp", "*/.*.tmp"):
            for path in self.data_dir.glob(pattern):
                path.unlink(missing_ok=True)

    def _finish_audit(self, lines: list[str]) -> None:
        """Append the journal's lines that did not reach the audit log."""
        path = self.audit_path
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = b""
        if raw and not raw.endswith(b"\n"):
            # A torn append of this very change: drop the partial line, but only
            # if it is the start of a journal line; anything else is damage.
            cut = raw.rfind(b"\n") + 1
            # Compare bytes: the tear may fall inside a multi-byte character.
            partial = raw[cut:]
            if not any(line.encode("utf-8").startswith(partial) for line in lines):
                raise corrupt(path, "the last line is incomplete")
            with open(path, "r+b") as fh:
                fh.truncate(cut)
                os.fsync(fh.fileno())
            raw = raw[:cut]
        # Split bytes on "\n" only: str.splitlines() would also split inside a
        # line at U+2028 or U+0085, which JSON leaves unescaped in record text.
        existing = raw.split(b"\n")[:-1][-len(lines) :] if lines else []
        encoded = [line.encode("utf-8") for line in lines]
        done = 0
        for k in range(len(lines), 0, -1):
            if existing[-k:] == encoded[:k]:
                done = k
                break
        audit.append_lines(path, lines[done:])

    def verify(self, expect: tuple[int, str] | None = None) -> audit.VerifyReport:
        """Check the audit chain and that replaying it gives the stored documents.

        ``expect``: a head ``(seq, hash)`` witnessed earlier; the log must
        still pass through it. Streams the log: memory does not grow with it.
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
            index = audit.scan(self.audit_path, report, expect)
            if report.problems:
                return report
            audit.check_head(self.head(), report)
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
                report.problems = [first]
        return report

    def _stored_of(self, rel: str) -> dict[audit.DocKey, tuple[str, dict[str, Any]]]:
        table = SCHEDULES if rel == CALENDAR_FILE else RECORDS
        stored: dict[audit.DocKey, tuple[str, dict[str, Any]]] = {}
        for doc_id, doc in self._read(rel).get(table, {}).items():
            if table == SCHEDULES:
                name = f"calendar-{doc_id}"
            else:
                name = str(doc.get("id", f"{rel}#{doc_id}"))
            stored[(rel, table, int(doc_id))] = (name, doc)
        return stored


def _journal_ids(journal: dict[str, Any]) -> list[str]:
    """The ids a journal's change touches (documents first, then notes)."""
    ids = [w["id"] for w in journal.get("writes", [])]
    if not ids:
        ids = [json.loads(line).get("id", "?") for line in journal.get("lines", [])]
    return ids


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
    """

    def __init__(self, store: Store, actor: str, command: str, recovered: list[str]) -> None:
        self.store = store
        self.actor = actor
        self.command = command
        self.recovered = recovered
        self._dbs: dict[str, TinyDB] = {}
        self._docs: dict[audit.DocKey, dict[str, Any]] = {}
        self._before: dict[audit.DocKey, dict[str, Any] | None] = {}
        self._names: dict[audit.DocKey, str] = {}
        self._extra: dict[audit.DocKey, dict[str, Any]] = {}
        # Audit entries in order: a document key (first touch) or a note.
        self._entries: list[audit.DocKey | dict[str, Any]] = []
        self._next: dict[str, int] = {}
        self._meta_before: dict[str, int | None] = {}
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
        """A copy of the record ``record_id`` as of this transaction."""
        rid = parse_id(record_id, kind)
        doc = self._current((self.store.record_file(rid.kind, rid.year), RECORDS, rid.serial))
        if doc is None:
            raise not_found(str(rid))
        return copy.deepcopy(doc)

    def create(self, kind: str, year: int, build: Callable[[str], Record]) -> Record:
        """Allocate the next id of ``kind`` in ``year`` and store ``build(id)``.

        Serials come from the file's ``meta`` counter, so an id is never
        reused, even if a record were lost.
        """
        k = KINDS[kind]
        rel = self.store.record_file(k, year)
        serial = self._next.get(rel)
        if serial is None:
            stored = self._db(rel).table(META).get(doc_id=1)
            self._meta_before[rel] = stored["next"] if stored else None
            serial = max(stored["next"] if stored else 1, self._anchored_next(rel, stored))
        while self._current((rel, RECORDS, serial)) is not None:
            serial += 1
        self._next[rel] = serial + 1
        record_id = format_id(kind, year, serial)
        record = build(record_id)
        record["id"] = record_id
        self._stage(record_id, (rel, RECORDS, serial), record)
        return record

    def _anchored_next(self, rel: str, meta: Any) -> int:
        """The next serial of ``rel`` as the anchor (or the audit log) remembers it.

        The anchor keeps every file's counter, so a year file deleted or
        emptied by hand never hands out an id again. Data written before the
        anchor kept counters: the log is read once, only when the file has
        lost its own counter.
        """
        head = self.store.head() or {}
        nexts = head.get("next", {})
        if rel in nexts and isinstance(nexts[rel], int):
            return int(nexts[rel])
        if meta is not None:
            return 1
        return audit.max_doc_ids(self.store.audit_path).get(rel, 0) + 1

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
            self._before[key] = self._current(key)
            self._names[key] = name
            self._entries.append(key)
        self._docs[key] = copy.deepcopy(new)
        if extra:
            self._extra.setdefault(key, {}).update(extra)

    def _commit(self) -> None:
        if not self._entries:
            return
        store = self.store
        tail = audit.read_tail(store.audit_path)
        lines = []
        writes = []
        for item in self._entries:
            entry: dict[str, Any] = {"time": self.now, "actor": self.actor, "command": self.command}
            if isinstance(item, dict):
                entry.update(item)
            else:
                rel, table, doc_id = item
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
            line, tail = audit.make_line(tail, entry)
            lines.append(line)
        old_head = store.head()
        nexts = dict(old_head.get("next", {})) if old_head else {}
        for rel, value in self._next.items():
            nexts[rel] = max(int(nexts.get(rel, 1)), value)
        head = {"seq": tail.seq, "hash": tail.prev, "next": nexts}
        audit_size = store.audit_path.stat().st_size if store.audit_path.exists() else 0
        atomic_write(
            store.journal_path, dump_json({"lines": lines, "writes": writes, "head": head})
        )
        written: list[str] = []
        try:
            audit.append_lines(store.audit_path, lines)
            atomic_write(store.head_path, dump_json(head))
            for rel, docs in _by_file(writes).items():
                _write_file(self._db(rel), docs)  # atomic: on failure the old file stays
                written.append(rel)
        except Exception as exc:
            # An I/O error (a full disk) rather than a crash: undo, so that the
            # failed command changes nothing. The journal is set aside first
            # (a rename needs no space): if even the undo fails, the next
            # writer must not silently finish a change reported as failed;
            # it refuses until ``township audit repair``.
            with suppress(OSError):
                os.replace(store.journal_path, store.failed_journal_path)
            self._roll_back(audit_size, old_head, written, exc)
            raise
        store.journal_path.unlink()
        fsync_dir(store.data_dir)

    def _roll_back(
        self, audit_size: int, old_head: Any, written: list[str], cause: Exception
    ) -> None:
        store = self.store
        try:
            if store.audit_path.exists():
                with open(store.audit_path, "r+b") as fh:
                    fh.truncate(audit_size)
                    os.fsync(fh.fileno())
            if old_head is None:
                store.head_path.unlink(missing_ok=True)
            else:
                atomic_write(store.head_path, dump_json(old_head))
            undo = [
                {"file": key[0], "table": key[1], "doc_id": key[2], "doc": self._before[key]}
                for key in self._before
                if key[0] in written
            ]
            for rel, docs in _by_file(undo).items():
                fresh = TinyDB(store.data_dir / rel, storage=_CommitCache(store.storage_cls))
                _write_file(fresh, docs, flush=False)
                if rel in self._meta_before:
                    meta = fresh.table(META)
                    old = self._meta_before[rel]
                    if old is None:
                        meta.remove(doc_ids=[1])
                    else:
                        meta.update({"next": old}, doc_ids=[1])
                fresh.storage.flush()
            store.failed_journal_path.unlink(missing_ok=True)
            store.journal_path.unlink(missing_ok=True)
            fsync_dir(store.data_dir)
        except Exception:
            kept = store.failed_journal_path
            if not kept.exists():
                kept = store.journal_path
            raise StorageError(
                Text(
                    "写入失败（{cause}），且未能撤销：部分文件可能已经改变。这次修改保存在 {journal}；"
                    "在运行 township audit repair 之前不接受新的修改，腾出空间后运行它即可完成这次修改。",
                    "The write failed ({cause}) and could not be undone: some files may have "
                    "changed. The change is kept in {journal}; no other change is accepted "
                    "until township audit repair is run, which finishes it once there is space.",
                ),
                cause=_reason(cause),
                journal=str(kept),
            ) from cause


def _reason(cause: Exception) -> Text | str:
    """Why a write failed, in a few words of both languages (no "nothing changed")."""
    os_error = cause if isinstance(cause, OSError) else cause.__cause__
    if isinstance(os_error, OSError):
        if os_error.errno == errno.ENOSPC:
            return Text("磁盘已满", "the disk is full")
        return os_error.strerror or str(os_error)
    if getattr(cause, "os_errno", None) == errno.ENOSPC:
        return Text("磁盘已满", "the disk is full")
    if getattr(cause, "reason", None):
        return str(cause.reason)  # type: ignore[attr-defined]
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
