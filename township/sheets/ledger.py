"""A kind's ledger (台账): its columns and one row per record.

The columns are read from the kind's declaration, never written beside it:
the id and status; for each step, the date it was taken (a step that stamps
a field of its own, such as a petition's 受理日期, is dated by that field's
column); the responsible department and person; every declared field under
its label; the inputs of a step that no field keeps (a case's statement,
kept in its event); and, for each rule of the kind in the rule book, the
due date and state of its deadline. ``township export --format xlsx``
writes these columns; ``township import`` reads them back, matching a
header to a column by its Chinese or English label or by its name
(``match_header``), so what township exports it imports.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from township.book.registry import KindSpec, Step, spec
from township.book.rules import rules_of
from township.calendar import WorkCalendar
from township.i18n import Text
from township.steps.machine import STATE_LABELS, Record, deadlines

CellType = Literal["text", "date"]
YES = Text("是", "yes")
NO = Text("否", "no")
RESPONSIBLE = {
    "responsible.dept": Text("承办部门", "department in charge"),
    "responsible.person": Text("承办人", "person in charge"),
}


@dataclass(frozen=True)
class LedgerColumn:
    """One column of a kind's ledger.

    ``key`` is stable (``field:matter``, ``step:accept``, ``due:<rule>``);
    ``label`` the header in both languages; ``names`` other spellings an
    imported header may use (the field's or the step's name). ``field``: the
    record path the column shows (``responsible.dept``); ``steps``: the
    steps the column dates; ``input``: ``(step, input)`` for an input that
    no field keeps (read from the step's event); ``rule``: the deadline
    whose due date or state it shows.
    """

    key: str
    label: Text
    type: CellType = "text"
    names: tuple[str, ...] = ()
    field: str | None = None
    steps: tuple[str, ...] = ()
    input: tuple[str, str] | None = None
    rule: str | None = None

    def header(self, lang: str) -> str:
        """The column's header in ``lang``."""
        return self.label.get(lang)


def _stamps(declaration: KindSpec) -> dict[str, list[str]]:
    """Field -> the steps that stamp their date in it."""
    found: dict[str, list[str]] = {}
    for step in declaration.steps:
        if step.stamp:
            found.setdefault(step.stamp, []).append(step.name)
    return found


def _date_fields(declaration: KindSpec) -> set[str]:
    """The declared fields that hold a date: typed so, stamped, or written by a date input."""
    found = {f.name for f in declaration.fields if (f.type or "").rstrip("!") == "date"}
    found.update(_stamps(declaration))
    for step in declaration.steps:
        found.update(i.field for i in step.inputs if i.type == "date" and i.field)
    return found


def step_date_field(declaration: KindSpec, step: Step) -> str | None:
    """The declared field that dates ``step``: the one it alone stamps, if any."""
    stamps = _stamps(declaration)
    if step.stamp and declaration.field(step.stamp) and stamps.get(step.stamp) == [step.name]:
        return step.stamp
    return None


def input_field(declaration: KindSpec, inp: Any) -> str | None:
    """The ledger field an input feeds: a declared field or the responsible person or
    department it writes; None when no field keeps it (its event does)."""
    target = inp.field
    if target in RESPONSIBLE or (target and declaration.field(target) is not None):
        return target
    if inp.name in ("dept", "person") and target == inp.name:
        # A step that assigns the matter (complaint assign, task assign, dispute
        # route) names the department and person in charge.
        return f"responsible.{inp.name}"
    return None


def ledger_columns(kind: str) -> list[LedgerColumn]:
    """The columns of the ledger of ``kind``, in the order a sheet shows them."""
    declaration = spec(kind)
    dates = _date_fields(declaration)
    columns = [
        LedgerColumn("id", Text("编号", "id"), names=("id",)),
        LedgerColumn("status", Text("状态", "status"), names=("status",)),
    ]
    dated: dict[str, str] = {}  # field -> step it dates
    for step in declaration.steps:
        stamp = step_date_field(declaration, step)
        if stamp is not None:
            # The step's own date field, shown here in the order of the procedure.
            dated[stamp] = step.name
            f = declaration.field(stamp)
            assert f is not None
            columns.append(
                LedgerColumn(
                    f"field:{f.name}",
                    f.label,
                    "date",
                    names=(f.name, step.name),
                    field=f.name,
                    steps=(step.name,),
                )
            )
            continue
        columns.append(
            LedgerColumn(
                f"step:{step.name}",
                Text(f"{step.label.zh}日期", f"{step.label.en} on"),
                "date",
                names=(step.name,),
                steps=(step.name,),
            )
        )
    for path, label in RESPONSIBLE.items():
        leaf = path.split(".")[1]
        # responsible_dept: the archive CSV's column (township.views.export).
        names = (path, f"responsible_{leaf}")
        if declaration.field(leaf) is None:
            names += (leaf,)
        columns.append(LedgerColumn(path, label, names=names, field=path))
    for f in declaration.fields:
        if f.name not in dated:
            columns.append(
                LedgerColumn(
                    f"field:{f.name}",
                    f.label,
                    "date" if f.name in dates else "text",
                    names=(f.name,),
                    field=f.name,
                )
            )
    for step in declaration.steps:
        for inp in step.inputs:
            if input_field(declaration, inp) is None:
                label = inp.label or Text(inp.name, inp.name)
                columns.append(
                    LedgerColumn(
                        f"input:{step.name}:{inp.name}",
                        Text(f"{step.label.zh}：{label.zh}", f"{step.label.en}: {label.en}"),
                        "date" if inp.type == "date" else "text",
                        names=(f"{step.name}.{inp.name}",),
                        input=(step.name, inp.name),
                    )
                )
    for rule in rules_of(kind):
        columns.append(
            LedgerColumn(
                f"due:{rule.id}",
                Text(f"{rule.label.zh}到期日", f"{rule.label.en} due"),
                "date",
                names=(f"{rule.id}.due",),
                rule=rule.id,
            )
        )
        columns.append(
            LedgerColumn(
                f"state:{rule.id}",
                Text(f"{rule.label.zh}状态", f"{rule.label.en} state"),
                names=(f"{rule.id}.state",),
                rule=rule.id,
            )
        )
    return _distinct(columns)


def _distinct(columns: list[LedgerColumn]) -> list[LedgerColumn]:
    """The columns with every header told apart: a repeated label names its key."""
    seen: dict[str, set[str]] = {"zh": set(), "en": set()}
    out = []
    for c in columns:
        zh, en = c.label.zh, c.label.en
        tail = c.key.split(":", 1)[-1]
        if normal(zh) in seen["zh"]:
            zh = f"{zh}（{tail}）"
        if normal(en) in seen["en"]:
            en = f"{en} ({tail})"
        seen["zh"].add(normal(zh))
        seen["en"].add(normal(en))
        out.append(c if (zh, en) == (c.label.zh, c.label.en) else _relabel(c, Text(zh, en)))
    return out


def _relabel(column: LedgerColumn, label: Text) -> LedgerColumn:
    from dataclasses import replace

    return replace(column, label=label)


def normal(header: str) -> str:
    """A header as it is matched: NFKC, no spaces or colons' width, case folded."""
    text = unicodedata.normalize("NFKC", str(header)).strip().casefold()
    return "".join(text.split())


def match_header(kind: str, columns: Sequence[LedgerColumn]) -> dict[str, LedgerColumn]:
    """Normalised header -> column: labels first, then names, then the labels of the
    inputs that feed a field (信访人姓名 for 信访人), so a clerk's own ledger matches."""
    found: dict[str, LedgerColumn] = {}
    for c in columns:
        for text in (c.label.zh, c.label.en, c.key):
            found.setdefault(normal(text), c)
    for c in columns:
        for text in c.names:
            found.setdefault(normal(text), c)
    declaration = spec(kind)
    by_field = {c.field: c for c in columns if c.field}
    for step in declaration.steps:
        for inp in step.inputs:
            target = input_field(declaration, inp)
            if target in by_field and inp.label is not None:
                for text in (inp.label.zh, inp.label.en, inp.name):
                    found.setdefault(normal(text), by_field[target])
    return found


# -- export ------------------------------------------------------------------


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _plain(value: Any, lang: str) -> Any:
    """A stored or displayed value as one cell: text, a number, or None."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, bool):
        return (YES if value else NO).get(lang)
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple) and all(
        isinstance(v, str | int | float | Text) for v in value
    ):
        return ("、" if lang == "zh" else ", ").join(str(_plain(v, lang)) for v in value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _field_value(declaration: KindSpec, column: LedgerColumn, record: Record, lang: str) -> Any:
    """A field as its ledger cell shows it: as stored, so that it reads back.

    A date as a date; a catalogue key as its label (several joined by
    ``；``, since a label may hold ``、``); a value of more than text (an
    extension, a list of notices) as the field shows it.
    """
    f = declaration.field(column.field or "")
    raw = record.get(column.field or "")
    if column.type == "date":
        return _as_date(raw)
    if raw is None and f is not None and f.show is not None and f.personal is None:
        # Kept elsewhere in the record (a case's report); a person's name that is
        # absent stays absent (an anonymous complaint's "（匿名）" is no name).
        return f.display(record)
    if f is not None and f.catalogue is not None and raw is not None:
        if isinstance(raw, list):
            labels = [f.catalogue[k].get(lang) if k in f.catalogue else str(k) for k in raw]
            return ("；" if lang == "zh" else "; ").join(labels)
        return f.catalogue[raw] if isinstance(raw, str | int) and raw in f.catalogue else raw
    if raw is None or isinstance(raw, str | int | float | bool):
        return raw
    if isinstance(raw, list) and all(isinstance(v, str | int | float) for v in raw):
        return raw
    return f.display(record) if f is not None else raw


def _step_dates(record: Record, step: str) -> Any:
    """The date ``step`` was taken: a date; the dates joined by ``；`` when it was
    taken more than once (a dispute's parties told twice), so that each reads back."""
    dates = [
        e.get("on")
        for e in record.get("events") or []
        if isinstance(e, dict) and e.get("action") == step
    ]
    if len(dates) == 1:
        return _as_date(dates[0])
    return "；".join(str(d) for d in dates) or None


def _event(record: Record, step: str) -> dict[str, Any] | None:
    """The latest event of ``step`` on the record (a step taken twice, such as
    telling a dispute's parties, is dated by the time that counts last)."""
    found = None
    for event in record.get("events") or []:
        if isinstance(event, dict) and event.get("action") == step:
            found = event
    return found


def _received_on(record: Record, event: dict[str, Any], key: str) -> Any:
    """From the materials received on the event's day (an inquiry's ``received``):
    their names (``items``) or their total ``pages``."""
    for entry in record.get("received") or []:
        if isinstance(entry, dict) and entry.get("on") == event.get("on"):
            if key == "pages":
                return entry.get("pages")
            # name:pages, as --material takes an item with its own page count.
            return [
                i.get("name") if i.get("pages") is None else f"{i.get('name')}:{i['pages']}"
                for i in entry.get("items") or []
                if isinstance(i, dict)
            ]
    return None


# What a step's input was, where neither a field nor the event keeps it as it was
# given: read from where the step's logic put it. (kind, input) -> reader.
_READERS: dict[tuple[str, str], Callable[[Record, dict[str, Any]], Any]] = {
    ("inquiry", "material"): lambda r, e: _received_on(r, e, "items"),
    ("inquiry", "pages"): lambda r, e: _received_on(r, e, "pages"),
}


def _from_event(record: Record, event: dict[str, Any], step: Step, name: str) -> Any:
    """What an input that no declared field keeps was: the record's own key of
    that name (an inquiry's ``anonymous``), else what its step's event says."""
    inp = next(i for i in step.inputs if i.name == name)
    reader = _READERS.get((str(record.get("kind")), name))
    if reader is not None:
        return reader(record, event)
    if inp.field and record.get(inp.field) not in (None, "", []):
        return record[inp.field]
    for key in (name, name + "s", name.removeprefix("to_")):
        if event.get(key) not in (None, "", []):
            return event[key]
    if inp.note or sum(1 for i in step.inputs if i.type == "text") == 1:
        for key in ("note", "text"):
            if event.get(key) not in (None, ""):
                return event[key]
    return None


def ledger_row(
    record: Record,
    kind: str,
    columns: Sequence[LedgerColumn],
    calendar: WorkCalendar,
    today: dt.date,
    lang: str,
    *,
    found: list[Any] | None = None,
) -> list[Any]:
    """One record as the cells of its ledger row: dates as ``datetime.date``.

    ``found``: the record's deadlines as of ``today`` (computed if omitted;
    a record exported without them passes ``[]``).
    """
    declaration = spec(kind)
    if found is None:
        found = deadlines(record, calendar, today)
    latest = {d.rule.id: d for d in found}  # the latest clock of each rule
    cells: list[Any] = []
    for c in columns:
        value: Any = None
        if c.key == "id":
            value = record.get("id")
        elif c.key == "status":
            status = record.get("status")
            label = declaration.statuses.get(status) if isinstance(status, str) else None
            value = label.get(lang) if label else status
        elif c.steps:
            value = _step_dates(record, c.steps[0])
        elif c.field in RESPONSIBLE:
            value = (record.get("responsible") or {}).get(c.field.split(".")[1])
        elif c.field is not None:
            value = _field_value(declaration, c, record, lang)
        elif c.input is not None:
            event = _event(record, c.input[0])
            if event is not None:
                value = _from_event(record, event, declaration.step(c.input[0]), c.input[1])
            value = _as_date(value) if c.type == "date" else value
        elif c.rule is not None and c.rule in latest:
            d = latest[c.rule]
            value = d.due if c.key.startswith("due:") else STATE_LABELS[d.state].get(lang)
        cells.append(value if isinstance(value, dt.date) else _plain(value, lang))
    return cells


def ledger_rows(
    kind: str,
    records: Sequence[Record],
    calendar: WorkCalendar,
    today: dt.date,
    lang: str,
) -> Iterator[list[Any]]:
    """The ledger rows of ``records`` (``ledger_row``), one per record.

    A record whose deadlines cannot be computed (a date outside the
    calendar) is written without them; the export names it elsewhere.
    """
    from township.errors import RECORD_ERRORS

    columns = ledger_columns(kind)
    for record in records:
        try:
            found = deadlines(record, calendar, today)
        except RECORD_ERRORS:
            found = []
        yield ledger_row(record, kind, columns, calendar, today, lang, found=found)


def ledger_bytes(
    kind: str,
    records: Sequence[Record],
    calendar: WorkCalendar,
    today: dt.date,
    lang: str,
) -> bytes:
    """The .xlsx ledger of ``records`` (already masked, or revealed and audited)."""
    from township.book.registry import KINDS
    from township.sheets.workbook import workbook_bytes

    headers = [c.header(lang) for c in ledger_columns(kind)]
    title = KINDS[kind].label.get(lang)
    return workbook_bytes(headers, ledger_rows(kind, records, calendar, today, lang), title=title)


BOM = "\ufeff"


def ledger_csv(
    kind: str,
    records: Sequence[Record],
    calendar: WorkCalendar,
    today: dt.date,
    lang: str,
) -> Iterator[str]:
    """The CSV ledger of ``records``, line by line: the same columns and cells as the
    .xlsx ledger, for a spreadsheet on a Chinese Windows.

    The first line begins with a byte-order mark (so Excel reads the file as
    UTF-8, not as the system's GBK); dates are written 2026-03-02 (Excel shows
    them as dates); every line is RFC 4180 (a cell holding a comma, a quote or
    a line break is quoted) and every cell that a spreadsheet would run as a
    formula is escaped with ``'`` (``township.text.delimited_row``), which
    ``township import`` takes off again; control characters but tab, line feed
    and carriage return are shown escaped (``\\x1b``), as in the workbook.
    """
    from township.text import delimited_row

    yield BOM + delimited_row([c.header(lang) for c in ledger_columns(kind)])
    for row in ledger_rows(kind, records, calendar, today, lang):
        yield delimited_row(_csv_cell(v) for v in row)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    from township.sheets.workbook import printable

    # As in the workbook: a control character (an ESC that would recolour a
    # terminal, and that click drops on a pipe) is shown escaped (\x1b).
    return printable(str(value))


def write_ledger(
    path: Any,
    kind: str,
    records: Sequence[Record],
    calendar: WorkCalendar,
    today: dt.date,
    lang: str,
) -> None:
    """Write the ledger of ``records`` to ``path`` (``ledger_bytes``)."""
    from township.sheets.workbook import save

    save(path, ledger_bytes(kind, records, calendar, today, lang))
