"""The record kinds, their id prefixes and where their files live.

Ids are ``PREFIX-YYYY-NNNN``: the year of creation and a serial per kind and
year that is never reused (SPEC 4). Each kind's records live in one TinyDB
file per year, ``<folder>/<year>.json`` (SPEC 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from township.errors import BadInput
from township.i18n import Text


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    name: str
    prefix: str
    folder: str
    label: Text


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("inquiry", "INQ", "inquiries", Text("首问", "inquiry")),
        Kind("case", "CASE", "cases", Text("问责", "case")),
        Kind("complaint", "CMP", "complaints", Text("投诉", "complaint")),
        Kind("petition", "PET", "petitions", Text("信访", "petition")),
        Kind("denial", "DEN", "denials", Text("否定报备", "denial")),
    )
}
BY_PREFIX: dict[str, Kind] = {k.prefix: k for k in KINDS.values()}

_ID = re.compile(r"^([A-Z]+)-(\d{4})-(\d{4,})$")


@dataclass(frozen=True)
class RecordId:
    """A parsed record id."""

    kind: Kind
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.kind.prefix}-{self.year:04d}-{self.serial:04d}"


def format_id(kind: str, year: int, serial: int) -> str:
    """The id of the ``serial``-th record of ``kind`` created in ``year``."""
    return str(RecordId(KINDS[kind], year, serial))


def parse_id(text: str, kind: str | None = None) -> RecordId:
    """Parse a record id (case-insensitive), optionally requiring ``kind``."""
    match = _ID.match(text.strip().upper())
    found = BY_PREFIX.get(match.group(1)) if match else None
    if match is None or found is None or int(match.group(3)) == 0:
        raise BadInput(
            Text(
                "「{text}」不是有效的编号；编号形如 INQ-2026-0001（前缀 {prefixes}）。",
                "'{text}' is not a valid id; ids look like INQ-2026-0001 (prefixes {prefixes}).",
            ),
            text=text,
            prefixes=", ".join(BY_PREFIX),
        )
    if kind is not None and found.name != kind:
        expected = KINDS[kind]
        raise BadInput(
            Text(
                "{text} 不是{label}记录；{label}记录的编号以 {prefix}- 开头。",
                "{text} is not a {label} record; {label} ids start with {prefix}-.",
            ),
            text=text,
            label=expected.label,
            prefix=expected.prefix,
        )
    return RecordId(found, int(match.group(2)), int(match.group(3)))


def kind_named(name: str) -> Kind:
    """The kind called ``name``, or ``BadInput`` listing the known ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise BadInput(
            Text(
                "未知的记录类别「{name}」；可选：{known}。",
                "Unknown kind '{name}'; known: {known}.",
            ),
            name=name,
            known=", ".join(KINDS),
        ) from None
