"""Corrections (更正): an ``amend`` event with a reason .

Records are never deleted and never edited in place: a misspelled name, a
wrong phone number or a badly worded matter is corrected by an ``amend``
event that keeps the reason and each field's old and new value, while the
record takes the new values. The audit log gets the change like any other
step (one transaction, one line per record).

Only descriptive fields may be corrected; each kind's declaration
marks them (``Field.amendable``). Everything else (the id, kind, status, timestamps, events, clocks,
links between records, dates of steps, the fields that start a deadline or
drive the state machine) changes only through its own steps. A field that
a step writes (a result, an action taken) can be corrected once that step
has recorded it, never filled in ahead of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.machine import Record, add_event, check_step_date
from township.book.registry import KINDS
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

ACTION = "amend"
ACTION_LABEL = Text("更正", "amended")
EMPTY = Text("（空）", "(empty)")

# Fields every record has; they change only through the steps of its kind.
COMMON_FIELDS = ("id", "kind", "status", "created", "updated", "actor", "responsible")
# Fields holding another record's id (links between records).
LINK_FIELDS = ("inquiry", "complaint", "case")


@dataclass(frozen=True)
class Amendable:
    """A field that an ``amend`` may correct.

    ``required``: the field may not be emptied (an empty value is allowed
    only for optional fields, and clears them). ``check``: for an integer
    field, validates the number (a catalogue entry). ``set_by``: the step
    that writes the field; until it has, the field cannot be amended.
    """

    name: str
    label: Text
    required: bool = True
    check: Callable[[int], object] | None = None
    set_by: Text | None = None


def amendable(kind: str) -> dict[str, Amendable]:
    """The fields of ``kind`` that ``amend`` may correct: its declaration's amendable fields."""
    from township.book.registry import spec

    return {
        f.name: Amendable(f.name, f.label, not f.optional, f.check, f.set_by)
        for f in spec(kind).fields
        if f.amendable
    }


# The field holding a person's name on each kind; empty on anonymous records.
_NAME_FIELDS = {"inquiry": "name", "complaint": "complainant"}


def amendable_fields(kind: str) -> list[str]:
    """The fields of ``kind`` that ``amend`` may correct, in display order."""
    return list(amendable(kind))


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["contact=138...", "unit=民政办"]`` as a dict; each field at most once.

    The value is everything after the first ``=`` (it may contain ``=``);
    an empty value clears an optional field.
    """
    changes: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise BadInput(
                Text(
                    "「{item}」不是 字段=新值 的形式；例如 --set contact=13800000000。",
                    "'{item}' is not FIELD=VALUE; for example --set contact=13800000000.",
                ),
                item=item,
            )
        if name in changes:
            raise BadInput(
                Text(
                    "字段 {field} 给出了两次；每个字段只能 --set 一次。",
                    "The field {field} is given twice; --set each field once.",
                ),
                field=name,
            )
        changes[name] = value
    return changes


def _field(record: Record, name: str) -> Amendable:
    """The amendable field ``name`` of the record's kind, or ``BadInput`` listing them."""
    kind = record["kind"]
    spec = amendable(kind).get(name)
    if spec is not None:
        return spec
    params: dict[str, object] = {
        "field": name,
        "id": record["id"],
        "kind": KINDS[kind].label,
        "allowed": amendable_fields(kind),
    }
    if name in record or name in COMMON_FIELDS or name in ("events", "clocks"):
        raise BadInput(
            Text(
                "{id} 的字段「{field}」不能更正：它只随办理步骤改变（状态、日期、期限、"
                "关联记录等）。{kind}记录可更正的字段：{allowed}。",
                "The field '{field}' of {id} cannot be amended: it changes only through its "
                "own steps (status, dates, deadlines, links). Fields of a {kind} record that "
                "may be amended: {allowed}.",
            ),
            **params,
        )
    raise BadInput(
        Text(
            "{kind}记录没有字段「{field}」。{id} 可更正的字段：{allowed}。",
            "There is no field '{field}' on {kind} records. Fields of {id} that may be "
            "amended: {allowed}.",
        ),
        **params,
    )


def _new_value(record: Record, spec: Amendable, raw: str) -> Any:
    """The stored form of ``raw`` for ``spec``: stripped text, ``None``, or a checked number.

    Text of nothing but blanks and invisible characters (zero-width, U+3000)
    is empty; a number typed in full-width digits is read as ASCII.
    """
    from township.text import ascii_form, is_blank, visible

    text = "" if is_blank(raw) else visible(raw)
    if not text:
        if spec.required:
            raise BadInput(
                Text(
                    "{id} 的「{label}」不能为空；请给出新的值。",
                    "The {label} of {id} must not be empty; give the new value.",
                ),
                id=record["id"],
                label=spec.label,
            )
        return None
    if spec.check is None:
        return text
    digits = ascii_form(text)
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
        raise BadInput(
            Text(
                "{id} 的「{label}」应为编号（整数），而不是「{value}」。",
                "The {label} of {id} must be a number, not '{value}'.",
            ),
            id=record["id"],
            label=spec.label,
            value=text,
        )
    number = int(digits)
    spec.check(number)
    return number


def _check_context(record: Record, spec: Amendable, value: Any) -> None:
    """Refusals that depend on the record: anonymity, a step not yet taken, the rules of a case."""
    rid = record["id"]
    if spec.set_by is not None and record.get(spec.name) in (None, ""):
        raise BadInput(
            Text(
                "{id} 还没有「{label}」：它由{step}这一步骤登记，不能用 amend 预先填写。",
                "{id} has no {label} yet: it is recorded by {step}, not filled in with amend.",
            ),
            id=rid,
            label=spec.label,
            step=spec.set_by,
        )
    if _NAME_FIELDS.get(record["kind"]) == spec.name and record.get("anonymous"):
        raise BadInput(
            Text(
                "{id} 是匿名登记的，没有{label}可更正；匿名与否不能事后更改。",
                "{id} was registered anonymously and has no {label} to correct; anonymity "
                "cannot be changed afterwards.",
            ),
            id=rid,
            label=spec.label,
        )
    if record["kind"] == "case":
        if spec.name == "subject" and value in record.get("investigators", []):
            raise BadInput(
                Text(
                    "{value} 是 {id} 的调查组成员，不能同时是被调查人；请先办理回避（case recuse）。",
                    "{value} investigates {id} and cannot be its subject; record a recusal "
                    "first (case recuse).",
                ),
                value=value,
                id=rid,
            )
        if spec.name == "source" and record.get("complaint"):
            raise BadInput(
                Text(
                    "{id} 由效能投诉 {complaint} 转来，启动来源固定为⑤（公民、法人和其他组织的"
                    "检举、控告），不能更正。",
                    "{id} was escalated from the complaint {complaint}; its source stays ⑤ "
                    "(reports and accusations by the public) and cannot be amended.",
                ),
                id=rid,
                complaint=record["complaint"],
            )


def amend_record(
    tx: Transaction,
    record_id: str,
    *,
    changes: dict[str, str],
    reason: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    reveal: bool = False,
) -> Record:
    """Correct descriptive fields of any record, with a reason; return the record.

    ``changes`` maps field names to their new values as typed (stripped; an
    empty value clears an optional field; integer fields are checked
    against their catalogue). Appends an ``amend`` event with ``reason``
    and ``changes`` (``[{"field", "old", "new"}]``), replaces the values and
    stages the record in ``tx``. Refused (``BadInput``, nothing staged): an
    unknown or protected field, an empty reason, a value equal to the
    current one, a date after today or before the record's previous step.

    Correcting an inquiry's ``dept`` moves its responsible department too,
    unless the inquiry has been referred to another department since.

    A protected person's name or contact  is corrected only with
    ``reveal`` (the caller audits the reveal): an answer must never confirm
    a guessed value, so an equal value is refused as "no change" without
    echoing it, and only to a clerk who may see it.
    """
    from township.text import is_blank, visible
    from township.views.privacy import is_protected, personal_fields

    record = tx.get(record_id)
    if not reason or is_blank(reason):
        raise BadInput(
            Text(
                "更正 {id} 须用 --reason 说明理由。",
                "An amendment of {id} needs a reason (--reason).",
            ),
            id=record["id"],
        )
    if not changes:
        raise BadInput(
            Text(
                "没有给出要更正的字段；请用 --set 字段=新值。",
                "No field to amend; give one with --set FIELD=VALUE.",
            )
        )
    check_step_date(record, on, today)
    amended = []
    for name, raw in changes.items():
        spec = _field(record, name)
        value = _new_value(record, spec, raw)
        _check_context(record, spec, value)
        old = record.get(spec.name)
        personal = spec.name in personal_fields(record["kind"]) and is_protected(record)
        if personal and not reveal:
            raise BadInput(
                Text(
                    "「{label}」是受保护的个人信息；更正须加 --reveal（核对原值，记入审计）。",
                    "The {label} is protected personal data; correcting it needs --reveal "
                    "(checking the current value is audited).",
                ),
                label=spec.label,
            )
        unchanged = old == value or (old in (None, "") and value is None)
        if unchanged and personal:
            raise BadInput(
                Text(
                    "{id} 的「{label}」没有变化，无需更正。",
                    "No change: the {label} of {id} stays as it is.",
                ),
                id=record["id"],
                label=spec.label,
            )
        if unchanged:
            raise BadInput(
                Text(
                    "{id} 的「{label}」已经是「{value}」，没有需要更正的内容。",
                    "The {label} of {id} is already '{value}'; nothing to change.",
                ),
                id=record["id"],
                label=spec.label,
                value=EMPTY if value is None else value,
            )
        amended.append({"field": spec.name, "old": old, "new": value})
    for change in amended:
        name = change["field"]
        record[name] = change["new"]
        if record["kind"] == "inquiry" and name == "dept":
            responsible = record.get("responsible") or {}
            if responsible.get("dept") == change["old"]:
                record["responsible"] = {**responsible, "dept": change["new"]}
    reason = visible(reason)
    add_event(
        record,
        on=on,
        actor=actor,
        now=tx.now,
        action=ACTION,
        reason=reason,
        changes=amended,
        note=reason,
    )
    tx.update(record, extra={"reason": reason})
    return record


def last_amendment(record: Record) -> dict[str, Any]:
    """The record's latest ``amend`` event."""
    return next(e for e in reversed(record.get("events", [])) if e["action"] == ACTION)


def field_label(kind: str, name: str) -> Text:
    """The label of an amendable field, for messages and confirmations."""
    spec = amendable(kind).get(name)
    return spec.label if spec else Text(name, name)


def value_label(kind: str, name: str, value: Any) -> Text | str:
    """A stored value as shown: catalogue numbers with their labels, empty as （空）."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, int):
        if kind == "complaint" and name == "category":
            from township.kinds.complaint import category_label

            return category_label(value, short=True)
        if kind == "case" and name in ("matter", "source"):
            from township.book.catalogs import MATTERS, SOURCES

            return (MATTERS if name == "matter" else SOURCES).label(value)
    return str(value)


def linked_ids(record: Record) -> list[str]:
    """Ids of the records linked to ``record`` (they are not corrected with it)."""
    return [str(record[f]) for f in LINK_FIELDS if f != record["kind"] and record.get(f)]
