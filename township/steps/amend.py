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

A field is named by its name or its label (``against`` or 被投诉对象). What
differs between kinds is read from the kind's declaration
(``township.book.registry.Field``): which fields, their labels, the
catalogue or check of a coded value, whether it holds a person's name, and
the path it mirrors; this module names no kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.registry import KINDS, Field
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Record, add_event, check_step_date

if TYPE_CHECKING:
    from township.storage.store import Transaction

ACTION = "amend"
ACTION_LABEL = Text("更正", "amended")
EMPTY = Text("（空）", "(empty)")

# Fields every record has; they change only through the steps of its kind.
COMMON_FIELDS = ("id", "kind", "status", "created", "updated", "actor", "responsible")


@dataclass(frozen=True)
class Amendable:
    """A field that an ``amend`` may correct.

    ``required``: the field may not be emptied (an empty value is allowed
    only for optional fields, and clears them). ``catalogue``: the coded
    values and their labels (a new value may be given as a key, a number or
    a label). ``check``: validates a coded value and returns what is
    stored. ``set_by``: the step that writes the field; until it has, the
    field cannot be amended. ``name_of_person``: the field holds a person's
    name (empty on an anonymous record). ``mirror``: a dotted path moved
    with the field while it holds the old value.
    """

    name: str
    label: Text
    required: bool = True
    check: Callable[[Any], object] | None = None
    set_by: Text | None = None
    catalogue: Mapping[Any, Text] | None = None
    name_of_person: bool = False
    mirror: str | None = None


def _amendable(f: Field) -> Amendable:
    return Amendable(
        f.name,
        f.label,
        not f.optional,
        f.check,
        f.set_by,
        f.catalogue,
        f.personal == "name",
        f.mirror,
    )


def amendable(kind: str) -> dict[str, Amendable]:
    """The fields of ``kind`` that ``amend`` may correct: its declaration's amendable fields."""
    from township.book.registry import spec

    return {f.name: _amendable(f) for f in spec(kind).fields if f.amendable}


def amendable_fields(kind: str) -> list[str]:
    """The fields of ``kind`` that ``amend`` may correct, in display order."""
    return list(amendable(kind))


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def field_named(kind: str, name: str) -> Amendable | None:
    """The amendable field of ``kind`` called ``name``: its name or its label (zh or en)."""
    fields = amendable(kind)
    if name in fields:
        return fields[name]
    wanted = _folded(name)
    for f in fields.values():
        if wanted in (_folded(f.label.zh), _folded(f.label.en)):
            return f
    return None


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
    """The amendable field ``name`` (or label) of the record's kind, or ``BadInput`` listing them."""
    kind = record["kind"]
    found = field_named(kind, name)
    if found is not None:
        return found
    fields = amendable(kind)
    params: dict[str, object] = {
        "field": name,
        "id": record["id"],
        "kind": KINDS[kind].label,
        "allowed": Text(
            "、".join(f"{f.name}（{f.label.zh}）" for f in fields.values()),
            ", ".join(fields),
        ),
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
    if spec.catalogue is not None:
        return _coded(record, spec, text)
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


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _coded(record: Record, spec: Amendable, text: str) -> Any:
    """The catalogue key ``text`` names: the key, its number (also ①), or its label."""
    assert spec.catalogue is not None
    wanted = _folded(text)
    for key, label in spec.catalogue.items():
        names = {str(key), label.zh, label.en, label.zh.split("（")[0], label.en.split(" (")[0]}
        if isinstance(key, int) and 1 <= key <= len(_CIRCLED):
            names.add(_CIRCLED[key - 1])
        if wanted in {_folded(n) for n in names}:
            if spec.check is not None:
                spec.check(key)
            return key
    raise BadInput(
        Text(
            "{id} 的「{label}」应为编号或目录中的名称；「{value}」不在目录中。可选：{known}。",
            "The {label} of {id} must be a number or a name of its catalogue; '{value}' is "
            "not in it. Known: {known}.",
        ),
        id=record["id"],
        label=spec.label,
        value=text,
        known=Text(
            "；".join(f"{k} {v.zh}" for k, v in spec.catalogue.items()),
            "; ".join(f"{k} {v.en}" for k, v in spec.catalogue.items()),
        ),
    )


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
    if spec.name_of_person and record.get("anonymous"):
        raise BadInput(
            Text(
                "{id} 是匿名登记的，没有{label}可更正；匿名与否不能事后更改。",
                "{id} was registered anonymously and has no {label} to correct; anonymity "
                "cannot be changed afterwards.",
            ),
            id=rid,
            label=spec.label,
        )
    # The refusals of one kind, still written here: they belong in its declaration.
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

    ``changes`` maps field names or labels to their new values as typed
    (stripped; an empty value clears an optional field; coded fields are
    checked against their catalogue). Appends an ``amend`` event with ``reason``
    and ``changes`` (``[{"field", "old", "new"}]``), replaces the values and
    stages the record in ``tx``. Refused (``BadInput``, nothing staged): an
    unknown or protected field, an empty reason, a value equal to the
    current one, a date after today or before the record's previous step.

    A field that mirrors a path (``Field.mirror``: an inquiry's ``dept``
    and its responsible department) moves it too while it still holds the
    old value (an inquiry referred since keeps its new department).

    A protected person's name or contact is corrected only with
    ``reveal`` (the caller audits the reveal): an answer must never confirm
    a guessed value, so an equal value of a personal field is refused as
    "no change" without echoing it. A reason that is blank or made of
    invisible characters only is refused like a missing one.
    """
    from township.book.registry import spec as declaration
    from township.text import is_blank, visible

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
        if any(c["field"] == spec.name for c in amended):
            raise BadInput(
                Text(
                    "字段 {field} 给出了两次；每个字段只能 --set 一次。",
                    "The field {field} is given twice; --set each field once.",
                ),
                field=spec.name,
            )
        value = _new_value(record, spec, raw)
        _check_context(record, spec, value)
        old = record.get(spec.name)
        kind = declaration(record["kind"])
        is_personal = spec.name in kind.personal
        personal = is_personal and kind.is_protected(record)
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
        if unchanged and is_personal:
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
        record[change["field"]] = change["new"]
        mirror = amendable(record["kind"])[change["field"]].mirror
        if mirror:
            *parents, leaf = mirror.split(".")
            holder: Any = record
            for key in parents:
                holder = holder.get(key) if isinstance(holder, dict) else None
            if isinstance(holder, dict) and holder.get(leaf) == change["old"]:
                holder[leaf] = change["new"]
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


def value_label(record: Record, name: str, value: Any) -> Text | str:
    """``value`` of the field ``name`` as ``show`` prints it on ``record`` (a coded
    value with its label, a personal one as the record holds it), empty as （空）."""
    from township.book.registry import spec

    if value is None or value == "":
        return EMPTY
    declared = spec(record["kind"]).field(name) if record.get("kind") in KINDS else None
    shown = declared.display({**record, name: value}) if declared is not None else value
    if shown is None or shown == "":
        return EMPTY
    return shown if isinstance(shown, Text) else str(shown)


def linked_ids(record: Record) -> list[str]:
    """Ids of the records linked to ``record`` (they are not corrected with it): the
    fields named after another registered kind that hold a record's id."""
    return [
        record[kind]
        for kind in KINDS
        if kind != record.get("kind") and isinstance(record.get(kind), str) and record[kind]
    ]
