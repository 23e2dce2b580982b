"""Records checked at the door: each record read from disk against its kind's declaration.

Every record the store reads is checked here, once, before any code uses
it (``Store.iter_records``, ``Store.get``, ``Transaction.get``). A record is
of the kind of the file it is in, whatever its own ``kind`` field says: the
check sets that field to the file's kind, so that masking and the views
follow the file. A record that does not fit is an *odd record*:

- it lacks its id, or its id is not the one of its file and position
  (``inquiries/2026.json`` document 3 holds ``INQ-2026-0003``);
- it lacks a common field (``status``, ``responsible``, ``events``,
  ``clocks``), or one has the wrong type: ``events`` that is not a list of
  steps each dated (``on``) and named (``action``), ``clocks`` that is not a
  list of objects naming a rule of the rule book with a date as trigger, a
  whole number as period, extensions and a met date that are what they
  should be;
- a field the kind declares a type for (``Field.type``, or the input of a
  plain step that writes it, ``Input.type``) holds a value of another type,
  or lacks its value when its type ends in ``!`` (required); a personal
  field (``Field.personal``) holds anything but text or a list of texts.

An odd record is left out of every view (lists, ``show``, the report,
stats, search, the mail, exports) and named in a warning (``OddRecord``: its
file, its position and its id when it has one); a step on it is refused
(``OddRecordError``, exit 3) before anything is written. A year file that is
not an object of documents at all is damage of the whole file
(``check_shape``), not an odd record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from township.errors import StorageError
from township.i18n import Text

if TYPE_CHECKING:
    from township.book.registry import Kind

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# What a type name means, and how the warning names it.
TYPE_NAMES: dict[str, Text] = {
    "text": Text("文本", "text"),
    "texts": Text("文本列表", "a list of texts"),
    "names": Text("文本或文本列表", "text or a list of texts"),
    "date": Text("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "int": Text("整数", "a whole number"),
    "number": Text("数值", "a number"),
    "bool": Text("是或否", "true or false"),
    "list": Text("列表", "a list"),
    "object": Text("对象", "an object"),
}

# The type of what a plain step stores, by its input's type (``Input.type``).
_INPUT_TYPES = {
    "text": "text",
    "texts": "texts",
    "date": "date",
    "int": "int",
    "amount": "number",
    "choices": "list",
    "flag": "bool",
    "id": "text",
}


# Dates already found valid: records repeat the same few thousand days, and a
# set lookup is much cheaper than parsing (bounded, so it never grows unchecked).
_DATES: set[str] = set()
_DATES_KEPT = 50_000


def is_date(value: Any) -> bool:
    """True for a date as township stores it: ``YYYY-MM-DD``, a real day."""
    if value.__class__ is not str:
        return False
    if value in _DATES:
        return True
    if not _DATE.match(value):
        return False
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    if len(_DATES) < _DATES_KEPT:
        _DATES.add(value)
    return True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def has_type(value: Any, type_name: str) -> bool:
    """True when ``value`` is of the declared type (``None`` is "not set": always fits)."""
    if value is None:
        return True
    if type_name == "text":
        return isinstance(value, str)
    if type_name == "texts":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if type_name == "names":
        return isinstance(value, str) or has_type(value, "texts")
    if type_name == "date":
        return is_date(value)
    if type_name == "int":
        return _is_int(value)
    if type_name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "bool":
        return isinstance(value, bool)
    if type_name == "list":
        return isinstance(value, list)
    if type_name == "object":
        return isinstance(value, dict)
    return True  # a type this check does not know says nothing


class OddRecord:
    """A record left out of every view, and why: its file, position and id.

    Shaped like ``township.errors.Skipped`` (``message``, ``record_id``,
    ``as_json``), so that a command prints both the same way.
    """

    __slots__ = ("file", "position", "reason", "record_id")

    def __init__(self, file: str, position: int, record_id: str | None, reason: Text) -> None:
        self.file = file
        self.position = position
        self.record_id = record_id
        self.reason = reason

    @property
    def where(self) -> Text:
        """``inquiries/2026.json 第 3 条（INQ-2026-0003）`` / ``record 3 of ...``."""
        from township.text import escape_control

        rid = f"（{escape_control(self.record_id)}）" if self.record_id else ""
        rid_en = f" ({escape_control(self.record_id)})" if self.record_id else ""
        file = escape_control(self.file)
        return Text(
            f"{file} 第 {self.position} 条记录{rid}",
            f"record {self.position} of {file}{rid_en}",
        )

    @property
    def message(self) -> Text:
        """The warning line: the record, that it was left out, and why."""
        from township.text import escape_control

        where = self.where
        return Text(
            f"警告：{where.zh}格式不对，已跳过，未列入：{escape_control(self.reason.zh)}",
            f"Warning: {where.en} is malformed and was left out: {escape_control(self.reason.en)}",
        )

    def as_json(self) -> dict[str, Any]:
        """``{"file", "position", "id", "reason"}`` (the reason in English)."""
        return {
            "file": self.file,
            "position": self.position,
            "id": self.record_id,
            "reason": self.reason.en,
        }

    def __repr__(self) -> str:
        return f"OddRecord({self.file!r}, {self.position}, {self.record_id!r}, {self.reason.en!r})"


class OddRecordError(StorageError, KeyError):
    """A step, ``show`` or a read of one record that is odd: nothing is written (exit 3).

    Also a ``KeyError``: to code that follows a link to another record and
    goes on without it when it is not there (a supervision notice's matter),
    an odd record is a record that is not there; the store keeps it in
    ``Store.odd``, so that the command still names it.
    """

    def __str__(self) -> str:
        return self.message_in("zh")


def odd_record_error(odd: OddRecord) -> OddRecordError:
    """The error for reading the odd record ``odd`` where it cannot be left out."""
    return OddRecordError(
        Text(
            "{where} 格式不对（{reason}），不能读取或办理；township 不会修改它。"
            "请运行 township audit verify 查明，从备份恢复或手工修复后重试。",
            "{where} is malformed ({reason}); it cannot be read or changed, and township "
            "will not touch it. Run township audit verify to find out, restore it from a "
            "backup or repair it by hand, then try again.",
        ),
        where=odd.where,
        reason=odd.reason,
    )


def _missing(name: str) -> Text:
    return Text(f"缺少字段 {name}", f"the field {name} is missing")


def _wrong(name: str, type_name: str) -> Text:
    what = TYPE_NAMES.get(type_name, Text(type_name, type_name))
    return Text(f"字段 {name} 应为{what.zh}", f"the field {name} is not {what.en}")


def _check_events(events: Any) -> Text | None:
    if events.__class__ is not list:
        return _wrong("events", "list")
    for n, event in enumerate(events, start=1):
        if event.__class__ is not dict:
            return _wrong(f"events[{n}]", "object")
        on = event.get("on")
        if on not in _DATES and not is_date(on):
            return _wrong(f"events[{n}].on", "date")
        if event.get("action").__class__ is not str:
            return _wrong(f"events[{n}].action", "text")
        for key in ("actor", "at"):
            value = event.get(key)
            if value is not None and value.__class__ is not str:
                return _wrong(f"events[{n}].{key}", "text")
    return None


def _check_clocks(clocks: Any) -> Text | None:
    from township.book.rules import RULES

    if clocks.__class__ is not list:
        return _wrong("clocks", "list")
    for n, clock in enumerate(clocks, start=1):
        where = f"clocks[{n}]"
        if clock.__class__ is not dict:
            return _wrong(where, "object")
        rule = clock.get("rule")
        if rule.__class__ is not str or rule not in RULES:
            return Text(
                f"{where}.rule 不是规则库中的规则",
                f"{where}.rule is not a rule of the rule book",
            )
        trigger = clock.get("trigger")
        if trigger not in _DATES and not is_date(trigger):
            return _wrong(f"{where}.trigger", "date")
        if clock.get("n").__class__ is not int:
            return _wrong(f"{where}.n", "int")
        met = clock.get("met_on")
        if met is not None and met not in _DATES and not is_date(met):
            return _wrong(f"{where}.met_on", "date")
        due = clock.get("due")
        if due not in (None, "") and not is_date(due):
            return _wrong(f"{where}.due", "date")
        extensions = clock.get("extensions", [])
        if extensions.__class__ is not list:
            return _wrong(f"{where}.extensions", "list")
        for m, ext in enumerate(extensions, start=1):
            if ext.__class__ is not dict or ext.get("n").__class__ is not int:
                return _wrong(f"{where}.extensions[{m}].n", "int")
            if not has_type(ext.get("unit"), "text"):
                return _wrong(f"{where}.extensions[{m}].unit", "text")
    return None


_TYPES_OF: dict[str, dict[str, str]] = {}


def declared_types(kind: str) -> dict[str, str]:
    """Field (dotted path) -> type name, as the kind's declaration says.

    ``Field.type`` where a field declares one; otherwise the input of a
    plain step that writes the field (a step with logic of its own may
    store something else than what it is given, so only plain steps say).
    """
    found = _TYPES_OF.get(kind)
    if found is not None:
        return found
    from township.book.registry import spec

    found = {}
    try:
        declaration = spec(kind)
    except (ImportError, ValueError, AttributeError):  # a kind registered without one
        _TYPES_OF[kind] = found
        return found
    for step in declaration.steps:
        if step.run is not None:
            continue
        for inp in step.inputs:
            type_name = _INPUT_TYPES.get(inp.type)
            if inp.field and type_name is not None:
                found.setdefault(inp.field, type_name)
    for f in declaration.fields:
        type_name = getattr(f, "type", None)
        if type_name:
            found[f.name] = type_name
        elif f.personal is not None and f.name not in found:
            found[f.name] = "names"  # masked whatever it holds: text, or a list of texts
    _TYPES_OF[kind] = found
    return found


def _at(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def check_record(kind: Kind, year: int, position: int, doc: dict[str, Any]) -> Text | None:
    """Why the record at ``position`` of ``kind``'s ``year`` file is odd; None if it fits.

    Cheap enough to run on every record read: a few type checks per field,
    event and clock.
    """
    rid = doc.get("id")
    if rid.__class__ is not str or not rid:
        return Text("没有编号", "it has no id")
    expected = f"{kind.prefix}-{year:04d}-{position:04d}"
    if rid != expected:
        return Text(
            f"编号 {rid} 与所在文件和位置不符（应为 {expected}）",
            f"its id {rid} does not belong at this place of the file (expected {expected})",
        )
    for name in ("status", "responsible", "events", "clocks"):
        if name not in doc:
            return _missing(name)
    if doc["status"].__class__ is not str:
        return _wrong("status", "text")
    responsible = doc["responsible"]
    if responsible.__class__ is not dict:
        return _wrong("responsible", "object")
    for key in ("person", "dept"):
        value = responsible.get(key)
        if value is not None and value.__class__ is not str:
            return _wrong(f"responsible.{key}", "text")
    for name in ("created", "updated", "actor"):
        value = doc.get(name)
        if value is not None and value.__class__ is not str:
            return _wrong(name, "text")
    reason = _check_events(doc["events"]) or _check_clocks(doc["clocks"])
    if reason is not None:
        return reason
    for path, nested, required, type_name, fits in _checks(kind.name):
        value = _at(doc, path) if nested else doc.get(path)
        if value is None:
            if required:
                return _missing(path)
            continue
        if not fits(value):
            return _wrong(path, type_name)
    return None


# The check of a value of each type (``has_type``), the common ones inlined.
_FITS: dict[str, Callable[[Any], bool]] = {
    "text": lambda v: v.__class__ is str or isinstance(v, str),
    "date": is_date,
    "int": _is_int,
}
_CHECKS_OF: dict[str, list[tuple[str, bool, bool, str, Callable[[Any], bool]]]] = {}


def _checks(kind: str) -> list[tuple[str, bool, bool, str, Callable[[Any], bool]]]:
    """``declared_types(kind)`` ready to run on every record read:
    (path, dotted, required, type name, check of a value that is set)."""
    found = _CHECKS_OF.get(kind)
    if found is None:
        found = []
        for path, type_name in declared_types(kind).items():
            required = type_name.endswith("!")
            name = type_name.rstrip("!")
            fits = _FITS.get(name) or (lambda v, name=name: has_type(v, name))
            found.append((path, "." in path, required, name, fits))
        _CHECKS_OF[kind] = found
    return found


def admit(
    kind: Kind, year: int, file: str, position: int, doc: dict[str, Any]
) -> tuple[dict[str, Any] | None, OddRecord | None]:
    """The record as the views read it (of its file's kind), or why it is odd."""
    reason = check_record(kind, year, position, doc)
    if reason is not None:
        rid = doc.get("id")
        shown = rid if isinstance(rid, str) and rid else None
        return None, OddRecord(file, position, shown, reason)
    if doc.get("kind") != kind.name:
        doc["kind"] = kind.name  # a record is of the kind of its file
    return doc, None
