"""Masking personal data .

Which fields are personal, and when a record's are protected, is what each
kind declares (``Field.personal``, ``KindSpec.protected``). Complainants,
petitioners, applicants, requesters and parties are protected (调查组应当严格遵守保密规定;
retaliation against complainants is an aggravating ground): lists, reports
and exports show 张** and 138****5678 unless the clerk reveals them, and
every reveal is audited (``audit_reveals``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from township.storage.store import Transaction

_DIGITS = re.compile(r"\d")


def mask_name(name: str | None) -> str | None:
    """Keep the first character: 张三丰 -> 张**, Li Lei -> L*****."""
    if not name:
        return name
    name = name.strip()
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_contact(contact: str | None) -> str | None:
    """Keep the first 3 and last 4 digits of an 11-digit mobile; hide most of the rest.

    13812345678 -> 138****5678; anything else keeps its first 3 and last 2
    characters. A value already masked (it has a ``*``) is kept as it is.
    """
    if not contact or "*" in contact:
        return contact
    text = contact.strip()
    digits = _DIGITS.findall(text)
    if len(digits) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 5:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def personal_fields(kind: str) -> dict[str, str]:
    """Field -> ``name`` or ``contact``: what the kind's declaration marks personal."""
    from township.book.registry import KINDS, spec

    if kind not in KINDS:
        return {}
    try:
        return dict(spec(kind).personal)
    except AttributeError:  # a kind module without a declaration
        return {}


def is_protected(record: dict) -> bool:
    """True when the record names a person to protect (its kind's declaration says when)."""
    from township.book.registry import KINDS, spec

    kind = record.get("kind")
    if kind not in KINDS or not personal_fields(kind):
        return False
    return spec(kind).is_protected(record)


def mask_secret(text: str | None) -> str | None:
    """A classified subject shows none of itself: 〔涉密〕."""
    return "〔涉密〕" if text else text


_MASKERS: dict[str, Callable[[str | None], str | None]] = {
    "name": mask_name,
    "contact": mask_contact,
    "secret": mask_secret,
}


def mask_record(record: dict) -> dict:
    """A copy of ``record`` with its protected names and contacts masked.

    Also in its events: a correction (``amend``) keeps the old and the new
    value of each field it changed.
    """
    if not is_protected(record):
        return record
    maskers = {field: _MASKERS[what] for field, what in personal_fields(record["kind"]).items()}
    masked = dict(record)
    for field, mask in maskers.items():
        if field in masked:
            value = masked[field]
            masked[field] = [mask(v) for v in value] if isinstance(value, list) else mask(value)
    events = masked.get("events")
    if isinstance(events, list) and any(isinstance(e, dict) and e.get("changes") for e in events):
        masked["events"] = [_mask_changes(e, maskers) for e in events]
    return masked


def _mask_changes(event: Any, maskers: dict[str, Callable[[str | None], str | None]]) -> Any:
    """``event`` with the old and new values of protected fields in its ``changes`` masked."""
    if not isinstance(event, dict) or not isinstance(event.get("changes"), list):
        return event
    changes = [
        {**c, "old": maskers[c["field"]](c.get("old")), "new": maskers[c["field"]](c.get("new"))}
        if isinstance(c, dict) and c.get("field") in maskers
        else c
        for c in event["changes"]
    ]
    return {**event, "changes": changes}


def masked(record: dict, reveal: bool = False) -> dict:
    """``record`` as it is printed: protected data masked unless ``reveal``."""
    return record if reveal else mask_record(record)


def revealed_fields(record: dict) -> list[str]:
    """The protected fields of ``record`` that hold something to reveal."""
    if not is_protected(record):
        return []
    return [f for f in personal_fields(record["kind"]) if record.get(f)]


def audit_reveals(tx: Transaction, records: Iterable[dict], **details: Any) -> list[str]:
    """Audit that the clerk saw the protected fields: one ``reveal`` note per record.

    Each note carries the revealed ``fields`` and ``details`` (e.g. ``view``,
    the command's view of the record). Records with nothing to reveal are
    skipped. Returns the ids noted.
    """
    noted = []
    for record in records:
        fields = revealed_fields(record)
        if fields:
            tx.note(record["id"], "reveal", {"fields": fields, **details})
            noted.append(record["id"])
    return noted
