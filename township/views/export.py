"""Exports for archiving (立卷归档).

``export_records`` gives the full records of a kind, each with its computed
``deadlines``; ``export_audit`` gives the entries of the audit log. Both
mask the personal data of complainants and petitioners
unless the clerk reveals it; the command audits every reveal.

For CSV, ``flatten`` turns a record into one row of text cells: the common
fields first (``HEAD_COLUMNS``), then the kind's own fields in name order,
then the events, clocks and deadlines; nested values are written as JSON
text. Quoting (RFC 4180: a cell holding a line break or a carriage return
is quoted, so it never starts a row) and escaping cells a spreadsheet would
run as formulas is ``township.text.delimited_row``'s, which the renderer and
``csv_lines`` (an export written as it is read) use for every CSV township
writes.

``township export`` and ``township audit log`` read these: the records, or
the entries of the log, streaming (``survey_audit`` reads the log once to
check every line and learn its columns and protected records,
``audit_entries`` a second time to print it: memory does not grow with the
log); when personal data is revealed, the audit line that says so is
written before anything is shown.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.registry import kind_named, parse_id
from township.calendar import WorkCalendar
from township.errors import RECORD_ERRORS, BadInput, Skipped
from township.steps.machine import Record, deadlines
from township.storage.audit import iter_entries, numbered_entries
from township.views.privacy import is_protected, mask_record, personal_fields

if TYPE_CHECKING:
    from township.storage.store import Store

HEAD_COLUMNS = (
    "id",
    "kind",
    "status",
    "created",
    "updated",
    "actor",
    "responsible_person",
    "responsible_dept",
)
TAIL_COLUMNS = ("events", "clocks", "deadlines")
AUDIT_COLUMNS = (
    "seq",
    "time",
    "actor",
    "command",
    "id",
    "change",
    "action",
    "file",
    "table",
    "doc_id",
    "before",
    "after",
    "prev",
)


def export_records(
    records: Iterable[Record],
    calendar: WorkCalendar,
    today: dt.date,
    *,
    reveal: bool = False,
    skipped: list[Skipped] | None = None,
    kind: str | None = None,
) -> list[Record]:
    """Every record (sorted by id) with its ``deadlines`` as of ``today``, masked unless ``reveal``.

    ``kind``: the kind of the files the records were read from, which
    masking follows whatever a record's own ``kind`` field says.

    With ``skipped``, a record whose deadlines cannot be computed (a date
    outside the calendar) is still exported, as stored, with no
    ``deadlines``, and named there; one that cannot even be masked is left
    out and named (personal data is never exported by accident).
    """
    out = []
    for record in sorted(records, key=lambda r: str(r.get("id", ""))):
        try:
            shown = record if reveal else mask_record(record, kind)
        except RECORD_ERRORS as exc:
            if skipped is None:
                raise
            skipped.append(Skipped(record, exc))
            continue
        try:
            found = [d.as_json() for d in deadlines(record, calendar, today)]
        except RECORD_ERRORS as exc:
            if skipped is None:
                raise
            skipped.append(Skipped(record, exc))
            found = []
        out.append({**_as_read(shown, kind), "deadlines": found})
    return out


def _as_read(record: Record, kind: str | None) -> Record:
    """``record`` as its kind reads it today (``KindSpec.read``: an older shape brought up)."""
    from township.book.registry import KINDS, spec

    name = kind or record.get("kind")
    read = spec(name).read if isinstance(name, str) and name in KINDS else None
    return read(record) if read is not None else record


def protected_ids(records: Iterable[Record], kind: str | None = None) -> list[str]:
    """The ids of the records (of the kind ``kind``) that carry protected personal data."""
    return [r["id"] for r in records if is_protected(r, kind)]


def record_columns(records: Iterable[Record]) -> list[str]:
    """The CSV columns: common fields, the kind's own fields by name, then nested lists."""
    fixed = {*HEAD_COLUMNS, *TAIL_COLUMNS, "responsible"}
    own = sorted({key for r in records for key in r if key not in fixed})
    return [*HEAD_COLUMNS, *own, *TAIL_COLUMNS]


def cell(value: Any) -> str:
    """One CSV cell: text as is, nested values as JSON text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten(record: Record, columns: Iterable[str]) -> dict[str, str]:
    """One record as a CSV row of ``columns`` (``responsible`` split in two)."""
    responsible = record.get("responsible") or {}
    values = {
        **record,
        "responsible_person": responsible.get("person"),
        "responsible_dept": responsible.get("dept"),
    }
    return {c: cell(values.get(c)) for c in columns}


def csv_lines(
    rows: Iterable[dict[str, Any]], columns: list[str], delimiter: str = ","
) -> Iterator[str]:
    """The CSV (or, with a tab, TSV) of ``rows`` line by line, the header first.

    For an export written as it is read: each row is ``flatten``ed, then
    quoted and escaped as every CSV township writes
    (``township.text.delimited_row``: RFC 4180, formulas escaped).
    """
    from township.text import delimited_row

    yield delimited_row(columns, delimiter)
    for row in rows:
        yield delimited_row(flatten(row, columns).values(), delimiter)


def _record_kind(record_id: Any) -> str | None:
    """The kind named by a record id, or None for other audit ids (calendar-2027)."""
    try:
        return parse_id(str(record_id)).kind.name
    except BadInput:
        return None


# The fields whether a record is protected depends on (``KindSpec.protected``): an
# inquiry's type and flag, a briefing's secrecy level. An entry of the log holds
# only the fields it changed, so these are carried from the record's earlier lines.
_PROTECTING = ("type", "protected", "level")


def _mask_fields(fields: dict[str, Any], kind: str, state: dict[str, Any]) -> dict[str, Any]:
    """Mask the protected fields among ``fields`` (part of a record of ``kind`` whose
    protecting fields, as its log has them so far, are ``state``)."""
    probe = {**fields, **state, "kind": kind}
    masked = mask_record(probe, kind)
    return {key: masked[key] for key in fields}


def _audit_entries(
    entries: Iterable[dict[str, Any]], year: int | None
) -> Iterator[tuple[dict[str, Any], str | None, dict[str, Any]]]:
    """Entries of ``year`` with the kind of their record and its protecting fields.

    Whether a record is protected depends on fields (an inquiry's type, a
    briefing's level) that only its first line may carry; the whole log is
    read to know them.
    """
    states: dict[str, dict[str, Any]] = {}
    for entry in entries:
        kind = _record_kind(entry.get("id"))
        rid = str(entry.get("id"))
        after = entry.get("after") or {}
        if kind is not None and isinstance(after, dict):
            known = {k: after[k] for k in _PROTECTING if k in after}
            if known:
                states[rid] = {**states.get(rid, {}), **known}
        if year is not None and not str(entry.get("time", "")).startswith(f"{year:04d}-"):
            continue
        yield entry, kind, states.get(rid, {})


def export_audit(
    entries: Iterable[dict[str, Any]], *, year: int | None = None, reveal: bool = False
) -> Iterator[dict[str, Any]]:
    """Audit entries (of ``year``, by their time), personal data masked unless ``reveal``."""
    for entry, kind, state in _audit_entries(entries, year):
        if not reveal and kind is not None:
            entry = dict(entry)
            for side in ("before", "after"):
                if isinstance(entry.get(side), dict):
                    entry[side] = _mask_fields(entry[side], kind, state)
        yield entry


@dataclass(frozen=True)
class Export:
    """What ``township export`` writes: the entries or records, their CSV columns,
    and the ids of the protected records among them (noted when revealed)."""

    data: list[dict[str, Any]]
    columns: list[str]
    revealed: list[str]


@dataclass(frozen=True)
class AuditSurvey:
    """A first reading of the audit log for a listing of it (``audit log``, ``export
    audit``): every line checked before anything is printed.

    ``lines``: the lines read (the listing covers these, not a reveal note
    written after them); ``columns``: the CSV columns; ``protected``: the
    protected records among the entries (noted when revealed); ``count``.
    """

    lines: int
    columns: list[str]
    protected: list[str]
    count: int


def survey_audit(
    store: Store,
    record_id: str | None = None,
    *,
    year: int | None = None,
    each: Callable[[dict[str, Any]], None] | None = None,
) -> AuditSurvey:
    """Read the whole log once, keeping only its columns, protected ids and length.

    ``each`` is shown every entry chosen, as read (a listing measures its
    columns in the same reading).
    """
    lines = 0
    extra: set[str] = set()
    found: set[str] = set()
    count = 0

    def chosen() -> Iterator[dict[str, Any]]:
        nonlocal lines
        with store.holding():  # no writer appends while the log is read
            for number, entry in numbered_entries(store.audit_path):
                lines = number
                if record_id is None or entry.get("id") == record_id:
                    yield entry

    protects: dict[tuple[str, str], bool] = {}  # (kind, protecting fields) -> protected
    for entry, kind, state in _audit_entries(chosen(), year):
        count += 1
        if each is not None:
            each(entry)
        extra.update(key for key in entry if key not in AUDIT_COLUMNS)
        if kind is None:
            continue
        key = (kind, repr(sorted(state.items())))
        if key not in protects:
            protects[key] = is_protected({**state, "kind": kind}, kind)
        if protects[key]:
            found.add(str(entry["id"]))
    return AuditSurvey(lines, [*AUDIT_COLUMNS, *sorted(extra)], sorted(found), count)


def audit_entries(
    store: Store,
    survey: AuditSurvey,
    record_id: str | None = None,
    *,
    year: int | None = None,
    reveal: bool = False,
) -> Iterator[dict[str, Any]]:
    """The entries ``survey`` read (about ``record_id``, of ``year``), masked unless
    ``reveal``, streaming: a second reading of the log."""
    with store.holding():
        entries = iter_entries(store.audit_path, record_id, upto=survey.lines)
        yield from export_audit(entries, year=year, reveal=reveal)


def note_audit_reveal(
    store: Store, actor: str, command: str, survey: AuditSurvey, **details: Any
) -> None:
    """Audit, before anything is shown, that a listing of the log reveals personal data."""
    if survey.protected:
        with store.transaction(actor, command) as tx:
            for rid in survey.protected:
                fields = list(personal_fields(parse_id(rid).kind.name))
                tx.note(rid, "reveal", {"fields": fields, **details})


def kind_records(store: Store, kind: str, year: int | None = None) -> list[Record]:
    """The stored records of the kind named ``kind`` (of ``year``); unknown kinds refused."""
    return list(store.iter_records(kind_named(kind), [year] if year else None))


def export_kind(
    records: list[Record],
    calendar: WorkCalendar,
    today: dt.date,
    *,
    reveal: bool = False,
    skipped: list[Skipped] | None = None,
    kind: str | None = None,
) -> Export:
    """``township export KIND``: ``records`` as ``export_records`` gives them, with columns.

    ``kind``: the kind of the files they were read from (masking follows it).
    """
    data = export_records(records, calendar, today, reveal=reveal, skipped=skipped, kind=kind)
    return Export(data, record_columns(data), protected_ids(records, kind))


def note_export_reveal(
    store: Store, actor: str, kind: str, year: int | None, fmt: str, revealed: list[str]
) -> None:
    """Audit that an export of ``kind`` showed personal data (before it is shown)."""
    with store.transaction(actor, f"export {kind}") as tx:
        tx.note(
            f"export-{kind}",
            "reveal",
            {"kind": kind, "year": year, "format": fmt, "revealed": revealed},
        )


def audit_record_id(text: str | None) -> str | None:
    """The id ``audit log`` filters on: a record id in its one spelling, or a
    calendar document (``calendar-2027``) as given; bad ids refused (``BadInput``)."""
    if text and not text.lower().startswith("calendar-"):
        return str(parse_id(text))
    return text
