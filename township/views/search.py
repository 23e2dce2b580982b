"""Finding records of every kind by a piece of text (``township search``).

A record matches when its id or one of its kind's summary fields (matter,
summary, title, unit, department: ``KindSpec.summary``, plus the declared
list fields that are not personal) contains the text, compared without case.
Matching a personal field (a complainant's, petitioner's, applicant's,
requester's or party's name or contact: ``Field.personal``) happens only when
the clerk reveals: such a search shows who has been here before, so it is
audited like a reveal (``privacy.audit_reveals``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from township.book.registry import KINDS, KindSpec, kind_named, spec
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Record, require_text


@dataclass(frozen=True)
class Hit:
    """A record that matched, and the fields the text was found in."""

    record: Record
    fields: tuple[str, ...]
    # The kind of the file the record was read from: what masking follows.
    kind: str = ""

    @property
    def personal(self) -> bool:
        """True when the match was in a personal field (the search must be audited)."""
        declaration = spec(self.kind or self.record["kind"])
        return bool(set(self.fields) & set(_guarded(declaration, self.record)))


def _text_of(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _text_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _text_of(item)


def _holds(value: Any, needle: str) -> bool:
    """True when ``value`` (text, or text within lists and objects) contains ``needle``."""
    if value.__class__ is str:
        return needle in value.casefold()
    if value is None:
        return False
    return any(needle in t.casefold() for t in _text_of(value))


def _open_secrets(declaration: KindSpec, record: Record) -> list[str]:
    """The ``secret`` fields of a record that is not protected (an unclassified
    briefing's subject): shown unmasked everywhere, so searched without ``--reveal``."""
    if declaration.is_protected(record):
        return []
    return [n for n, what in declaration.personal.items() if what == "secret"]


def _guarded(declaration: KindSpec, record: Record) -> list[str]:
    """The personal fields of ``record`` a search matches only with ``--reveal``."""
    open_ = _open_secrets(declaration, record)
    return [n for n in declaration.personal if n not in open_]


def searchable_fields(declaration: KindSpec, reveal: bool) -> list[str]:
    """The fields a search looks in: summary and listed fields; personal ones with ``reveal``."""
    names = [n for n in declaration.summary]
    names += [f.name for f in declaration.fields if f.list and f.name not in names]
    personal = declaration.personal
    if reveal:
        names += [n for n in personal if n not in names]
    else:
        names = [n for n in names if n not in personal]
    return names


def check_kinds(names: Sequence[str]) -> list[str]:
    """The kinds to search (every registered one when ``names`` is empty)."""
    return [kind_named(n).name for n in names] if names else list(KINDS)


def search(
    records: Iterable[Record], text: str, *, reveal: bool = False, limit: int | None = None
) -> list[Hit]:
    """The records whose id or searchable fields contain ``text``, newest id first."""
    needle = require_text(text, Text("要查找的文字", "The text to search for")).casefold()
    if limit is not None and limit < 1:
        raise BadInput(Text("--limit 至少为 1。", "--limit must be at least 1."))
    hits: list[Hit] = []
    fields_of: dict[str, list[str]] = {}
    for record in records:
        kind = record.get("kind")
        if kind not in KINDS:
            continue
        if kind not in fields_of:
            fields_of[kind] = ["id", "responsible", *searchable_fields(spec(kind), reveal)]
        names = fields_of[kind]
        if not reveal:
            names = names + _open_secrets(spec(kind), record)
        found = [name for name in names if _holds(record.get(name), needle)]
        if found:
            hits.append(Hit(record, tuple(found), kind))
    hits.sort(key=lambda h: (h.record["id"].split("-")[1], h.record["id"]), reverse=True)
    return hits[:limit] if limit else hits
