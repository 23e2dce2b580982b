"""The record store: TinyDB files per kind and year, transactions, recovery.

Layout of the data directory (SPEC 6)::

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

Reads take no lock: files are only ever replaced whole. Reading a kind for
the daily report costs one JSON parse per year file.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from township import audit, storage
from township.calendar import CALENDAR_FILE, SCHEDULES, Schedule, load_schedules, schedule_to_doc
from township.dates import now_iso
from township.errors import NotFound, StorageError
from township.i18n import Text
from township.kinds import KINDS, Kind, format_id, parse_id
from township.storage import (
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
        if data is not None and not isinstance(data, dict):
            raise corrupt(self.path, "not a JSON object")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically with ``data``."""
        # Through the module, so that tests can simulate a crash or a full disk here.
        storage.atomic_write(self.path, dump_json(data))

    def close(self) -> None:
        """Nothing to close: every write opens and closes its own file."""


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

    def record_file(self, kind: Kind, year: int) -> str:
        """The file (relative to the data directory) of ``kind`` in ``year``."""
        return f"{kind.folder}/{year:04d}.json"

    def years(self, kind: Kind) -> list[int]:
        """The years that have a file for ``kind``, oldest first."""
        folder = self.data_dir / kind.folder
        if not folder.is_dir():
            return []
        return sorted(
            int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit() and len(p.stem) == 4
        )

    # -- reading ---------------------------------------------------------

    def _read(self, rel: str) -> dict[str, dict[str, Any]]:
        data = self.storage_cls(self.data_dir / rel).read()  # type: ignore[call-arg]
        return data or {}

    def iter_records(self, kind: Kind, years: list[int] | None = None) -> Iterator[Record]:
        """Every stored record of ``kind`` (of ``years`` only, if given)."""
        for year in self.years(kind) if years is None else years:
            yield from self._read(self.record_file(kind, year)).get(RECORDS, {}).values()

    def get(self, record_id: str, kind: str | None = None) -> Record:
        """The record ``record_id``; ``NotFound`` if there is none."""
        rid = parse_id(record_id, kind)
        doc = self._read(self.record_file(rid.kind, rid.year)).get(RECORDS, {}).get(str(rid.serial))
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
        return not existed

    @contextmanager
    def transaction(self, actor: str, command: str) -> Iterator[Transaction]:
        """Lock, finish any interrupted change, yield a ``Transaction``, commit.

        If the body raises, nothing is written.
        """
        ensure_private_dir(self.data_dir)
        with DirectoryLock(self.data_dir, self.lock_timeout):
            recovered = self._recover()
            tx = Transaction(self, actor, command, recovered)
            yield tx
            tx._commit()

    def repair(self) -> list[str]:
        """Finish an interrupted change, if any; return the ids it touched."""
        ensure_private_dir(self.data_dir)
        with DirectoryLock(self.data_dir, self.lock_timeout):
            return self._recover()

    def pending(self) -> list[str]:
        """Ids of an interrupted change waiting in the journal (no lock taken)."""
        journal = read_json(self.journal_path)
        return [] if journal is None else _journal_ids(journal)

    def _recover(self) -> list[str]:
        self._remove_stale_temp_files()
        journal = read_json(self.journal_path)
        if journal is None:
            return []
        self._finish_audit(journal["lines"])
        if journal.get("head"):
            atomic_write(self.head_path, dump_json(journal["head"]))
        for rel, writes in _by_file(journal["writes"]).items():
            _write_file(TinyDB(self.data_dir / rel, storage=_CommitCache(self.storage_cls)), writes)
        self.journal_path.unlink()
        fsync_dir(self.data_dir)
        return _journal_ids(journal)

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

    def verify(self) -> audit.VerifyReport:
        """Check the audit chain and that replaying it gives the stored documents."""
        report = audit.VerifyReport()
        if not self.data_dir.is_dir():
            return report  # nothing stored yet; a check must not create the directory
        with DirectoryLock(self.data_dir, self.lock_timeout, shared=True):
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
            replayed = audit.replay(self.audit_path, report)
            if report.problems:
                return report
            audit.check_head(read_json(self.head_path), report)
            audit.compare(replayed, self._stored_documents(), report)
        return report

    def _stored_documents(self) -> dict[audit.DocKey, tuple[str, dict[str, Any]]]:
        stored: dict[audit.DocKey, tuple[str, dict[str, Any]]] = {}
        for kind in KINDS.values():
            for year in self.years(kind):
                rel = self.record_file(kind, year)
                for doc_id, doc in self._read(rel).get(RECORDS, {}).items():
                    stored[(rel, RECORDS, int(doc_id))] = (doc.get("id", f"{rel}#{doc_id}"), doc)
        for year, doc in self._read(CALENDAR_FILE).get(SCHEDULES, {}).items():
            stored[(CALENDAR_FILE, SCHEDULES, int(year))] = (f"calendar-{year}", doc)
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
            serial = stored["next"] if stored else 1
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
        head = {"seq": tail.seq, "hash": tail.prev}
        audit_size = store.audit_path.stat().st_size if store.audit_path.exists() else 0
        old_head = read_json(store.head_path)
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
            # failed command changes nothing. If even that fails, the journal
            # stays and the next writer finishes the change instead.
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
            store.journal_path.unlink()
            fsync_dir(store.data_dir)
        except Exception:
            raise StorageError(
                Text(
                    "写入失败（{cause}），且未能撤销；这次修改已记入日志文件 {journal}，"
                    "腾出空间后运行 township audit repair 即可完成。",
                    "The write failed ({cause}) and could not be undone; the change is kept "
                    "in {journal}. Free some space, then run township audit repair to finish it.",
                ),
                cause=cause.message_in("zh") if isinstance(cause, StorageError) else str(cause),
                journal=str(store.journal_path),
            ) from cause


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
