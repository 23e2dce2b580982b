"""What a record is about: its matter, as the report, the mail, lists and search show it.

Every kind declares its matter (``KindSpec.matter``): the fields whose
values, joined, name what a record is about (an inquiry's 事项, a task's
title, a case's subject and 问责情形, a dibao application's applicant and
village). ``matter_of`` reads them as ``show`` displays them (catalogue
labels, a duty's name), with personal data masked unless revealed, on one
line. ``cut`` shortens a text to a display width (a Chinese character
takes two columns) with … , so a table fits a terminal.
"""

from __future__ import annotations

from typing import Any

from township.book.registry import KINDS, Record, spec
from township.i18n import Text

ELLIPSIS = "…"


def _part(value: Any) -> Text | None:
    """One field's displayed value as text in both languages (None when empty)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, Text):
        return value
    if isinstance(value, list):
        parts = [p for p in (_part(v) for v in value) if p is not None]
        if not parts:
            return None
        return Text("、".join(p.zh for p in parts), ", ".join(p.en for p in parts))
    if isinstance(value, bool):
        return Text("是" if value else "否", "yes" if value else "no")
    text = str(value)
    return Text(text, text)


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace (line breaks, tabs) as one space,
    other control characters shown escaped (``township.text.escape_control``)."""
    from township.text import escape_control

    return escape_control(" ".join(text.split()))


def matter_of(record: Record, *, reveal: bool = False, kind: str | None = None) -> Text:
    """The record's matter: its kind's ``matter`` fields as displayed, joined by a space.

    Personal data (an applicant's name) is masked unless ``reveal``; a
    classified subject shows as 〔涉密〕. ``kind``: the kind of the file the
    record was read from (default: the record's own). An unknown kind, or
    a record whose matter fields are all empty, gives an empty text.
    """
    from township.views.privacy import masked

    name = kind or record.get("kind")
    if name not in KINDS:
        return Text("", "")
    declared = spec(name)
    shown = masked(record, reveal, kind=name)
    parts = []
    for field_name in declared.matter:
        declared_field = declared.field(field_name)
        value = (
            declared_field.display(shown) if declared_field is not None else shown.get(field_name)
        )
        part = _part(value)
        if part is not None:
            parts.append(part)
    return Text(
        one_line(" ".join(p.zh for p in parts if p.zh)),
        one_line(" ".join(p.en for p in parts if p.en)),
    )


def width(text: str) -> int:
    """The columns ``text`` takes in a terminal (a Chinese character: two)."""
    from wcwidth import wcswidth

    found = wcswidth(text)
    if found >= 0:
        return int(found)
    from wcwidth import wcwidth as char_width

    return sum(max(char_width(c), 0) for c in text)


def cut(text: str, columns: int) -> str:
    """``text`` if it fits in ``columns``, else as much of it as fits before … ."""
    if width(text) <= columns:
        return text
    from wcwidth import wcwidth as char_width

    room = columns - width(ELLIPSIS)
    kept, used = [], 0
    for char in text:
        w = max(char_width(char), 0)
        if used + w > room:
            break
        kept.append(char)
        used += w
    return "".join(kept).rstrip() + ELLIPSIS
