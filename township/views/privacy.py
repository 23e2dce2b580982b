"""Masking personal data .

Which fields are personal, and when a record's are protected, is what each
kind declares (``Field.personal``, ``KindSpec.protected``). Complainants,
petitioners, applicants, requesters and parties are protected (调查组应当严格遵守保密规定;
retaliation against complainants is an aggravating ground): lists, reports
and exports show 张** and 138****5678 unless the clerk reveals them, and
every reveal is audited (``audit_reveals``).

Masking holds whatever the value holds: a contact with a ``*`` in it is
masked all the same, a one-character name shows none of it, invisible
characters are never the character a mask keeps. A record is masked as the
kind of the file it was read from (pass ``kind=``), whatever its own
``kind`` field says; without it, as its id's kind and its field's kind both.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from township.storage.store import Transaction

_DIGITS = re.compile(r"\d")


def _shown(value: object) -> str:
    """``value`` as text, without the characters that show nothing.

    A zero-width character or a combining mark cannot be "the first
    character" that a mask keeps: it would hide nothing of what follows.
    """
    from township.text import is_invisible

    text = value if isinstance(value, str) else str(value)
    return "".join(ch for ch in text if ch == " " or not is_invisible(ch)).strip()


def mask_name(name: str | None) -> str | None:
    """Keep the first character: 张三丰 -> 张**, Li Lei -> L*****.

    Whatever the name holds (``*`` included): a name of one character
    shows none of it (张 -> *); invisible characters count for nothing.
    """
    if name is None or name == "":
        return name
    text = _shown(name)
    if len(text) <= 1:
        return "*"
    return text[0] + "*" * (len(text) - 1)


def mask_contact(contact: str | None) -> str | None:
    """Keep the first 3 and last 4 digits of an 11-digit mobile; hide most of the rest.

    13812345678 -> 138****5678; anything else of more than 5 characters
    keeps its first 3 and last 2, a shorter one shows none. Whatever the
    contact holds, ``*`` included, it is masked: a value that only looks
    masked (``1*8123456789``) hides nothing otherwise.
    """
    if contact is None or contact == "":
        return contact
    text = _shown(contact)
    digits = _DIGITS.findall(text)
    if len(digits) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 5:
        return "*" * max(len(text), 1)
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


def _kinds(record: dict, kind: str | None) -> list[str]:
    """The kinds whose declaration says what of ``record`` is personal.

    ``kind``: the kind of the file the record was read from; a record is
    of the kind of its file, whatever its own ``kind`` field says. A
    caller that does not know it gets the kind its id names and the kind
    its field names, both: a record whose ``kind`` was edited by hand is
    masked as its id says, and masking more never leaks.
    """
    if kind is not None:
        return [kind]
    found = []
    rid = record.get("id")
    if isinstance(rid, str):
        from township.book.registry import parse_id
        from township.errors import BadInput

        with contextlib.suppress(BadInput):
            found.append(parse_id(rid).kind.name)
    own = record.get("kind")
    if isinstance(own, str) and own not in found:
        found.append(own)
    return found


def _protected_kinds(record: dict, kind: str | None) -> list[str]:
    from township.book.registry import KINDS, spec

    return [
        k
        for k in _kinds(record, kind)
        if k in KINDS and personal_fields(k) and spec(k).is_protected(record)
    ]


def is_protected(record: dict, kind: str | None = None) -> bool:
    """True when the record names a person to protect (its kind's declaration says when).

    ``kind``: the kind of the file the record was read from (``_kinds``).
    """
    return bool(_protected_kinds(record, kind))


def mask_secret(text: str | None) -> str | None:
    """A classified subject shows none of itself: 〔涉密〕."""
    return "〔涉密〕" if text else text


_MASKERS: dict[str, Callable[[str | None], str | None]] = {
    "name": mask_name,
    "contact": mask_contact,
    "secret": mask_secret,
}


def _personal(record: dict, kind: str | None) -> dict[str, str]:
    """Field -> ``name`` or ``contact``: the protected fields of ``record``."""
    fields: dict[str, str] = {}
    for k in _protected_kinds(record, kind):
        for name, what in personal_fields(k).items():
            fields.setdefault(name, what)
    return fields


def mask_record(record: dict, kind: str | None = None) -> dict:
    """A copy of ``record`` with its protected names and contacts masked.

    Also in its events: a correction (``amend``) keeps the old and the new
    value of each field it changed. ``kind``: the kind of the file the
    record was read from, which masking follows (``_kinds``).
    """
    personal = _personal(record, kind)
    if not personal:
        return record
    maskers = {field: _MASKERS[what] for field, what in personal.items()}
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


def masked(record: dict, reveal: bool = False, kind: str | None = None) -> dict:
    """``record`` as it is printed: protected data masked unless ``reveal``."""
    return record if reveal else mask_record(record, kind)


def revealed_fields(record: dict, kind: str | None = None) -> list[str]:
    """The protected fields of ``record`` that hold something to reveal."""
    return [f for f in _personal(record, kind) if record.get(f)]


def audit_reveals(
    tx: Transaction, records: Iterable[dict], kind: str | None = None, **details: Any
) -> list[str]:
    """Audit that the clerk saw the protected fields: one ``reveal`` note per record.

    Each note carries the revealed ``fields`` and ``details`` (e.g. ``view``,
    the command's view of the record). Records with nothing to reveal are
    skipped. ``kind``: the kind of the file they were read from. Returns the
    ids noted.
    """
    noted = []
    for record in records:
        fields = revealed_fields(record, kind)
        if fields:
            tx.note(record["id"], "reveal", {"fields": fields, **details})
            noted.append(record["id"])
    return noted
