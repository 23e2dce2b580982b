"""``township import``: the ledger an office already keeps, brought in row by row.

Each row becomes one record through the same steps and checks as typing
the commands (``Machine.take``): the step that creates it, dated by the
row's date for that step, then every later step whose date column is
filled, in the order of their dates (the declaration's order on the same
day), each dated by its own column, with the inputs the row's other
columns hold. So every deadline is computed from the row's own dates, as
if the clerk had typed each step on its day; the date columns of the
deadlines themselves are read by nobody (they are computed). A record's id
takes the year of its first step's date, and its first event names its
source (file and row, and the id the ledger gave it), so the audit log
says where each imported record came from.

All or nothing: every row is read and checked first (dates, numbers, the
first step's date), then every row is taken through its steps in one
transaction, which is written only when every row went through. A bad row
is named with its row number (the header is row 1, as the sheet shows it)
and the reason, and nothing of the file is written. ``dry_run`` takes the
same steps and then writes nothing, so what it reports is what the import
would do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from township.book.registry import KindSpec, Step, kind_named, spec
from township.errors import BadInput, TownshipError
from township.i18n import Text
from township.sheets.ledger import LedgerColumn, input_field, ledger_columns, match_header, normal
from township.sheets.workbook import Sheet, read_sheet
from township.steps.machine import Env, Machine, Record

if TYPE_CHECKING:
    from township.storage.store import Store, Transaction

# At most this many bad rows are named in the refusal (the rest are counted).
NAMED_PROBLEMS = 5
_SPLIT = re.compile(r"[、,，;；\n]+")
# A catalogue label as a ledger numbers it: ③可能引起群体性事件……
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473]\s*")
_SEMI = re.compile(r"[;；\n]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "匿名"}
_FALSE = {"否", "n", "no", "false", "0", "×", ""}


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported, and why."""

    row: int
    reason: Text

    @property
    def text(self) -> Text:
        return Text(f"第 {self.row} 行：{self.reason.zh}", f"row {self.row}: {self.reason.en}")


@dataclass(frozen=True)
class PlannedStep:
    """One step a row takes: its declaration, its date and its inputs."""

    step: Step
    on: dt.date
    values: dict[str, Any]


@dataclass(frozen=True)
class RowPlan:
    """What one row will become: its steps, in order, and the id its ledger gave it."""

    row: int
    steps: list[PlannedStep]
    ledger_id: str | None
    responsible: dict[str, str] = field(default_factory=dict)
    status: str | None = None
    digest: str = ""


@dataclass(frozen=True)
class Ledger:
    """A ledger read and checked: its rows planned, the headers no column matched."""

    kind: str
    file: str
    plans: list[RowPlan]
    ignored: list[str]


@dataclass(frozen=True)
class Imported:
    """A row imported (or, in a dry run, as it would be): the record it became."""

    row: int
    record: Record


@dataclass(frozen=True)
class ImportResult:
    """What ``import_ledger`` did (or, with ``dry_run``, would do)."""

    kind: str
    file: str
    imported: list[Imported]
    ignored: list[str]
    dry_run: bool = False


def refusal(problems: Sequence[Problem], total: int) -> BadInput:
    """The one sentence that refuses a ledger: its bad rows named, nothing imported."""
    named = problems[:NAMED_PROBLEMS]
    more = len(problems) - len(named)
    zh = "；".join(p.text.zh for p in named)
    en = "; ".join(p.text.en for p in named)
    if more:
        zh += f"；另有 {more} 行有误"
        en += f"; and {more} more rows"
    return BadInput(
        Text(
            "{problems}。{total} 行均未导入，请改正后重试。",
            "{problems}. None of the {total} rows was imported; correct them and try again.",
        ),
        problems=Text(zh, en),
        total=total,
    )


def _reason(exc: TownshipError) -> Text:
    return Text(exc.message_in("zh").rstrip("。"), exc.message_in("en").rstrip("."))


# -- reading -------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _empty(value: Any) -> bool:
    return _cell_text(value).strip() == ""


def parse_cell_date(value: Any, header: str) -> dt.date:
    """A date cell, or a date written 2026-03-02, 2026/3/2, 2026.3.2 or 2026年3月2日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from township.text import ascii_form

    text = ascii_form(_cell_text(value))
    match = _DATE.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise BadInput(
        Text(
            "「{header}」的「{value}」不是有效日期",
            "'{value}' in '{header}' is not a valid date",
        ),
        header=header,
        value=_cell_text(value),
    )


def parse_cell_dates(value: Any, header: str) -> list[dt.date]:
    """The date or dates of a step's column: one date, or several joined by ；(a step
    taken more than once)."""
    if isinstance(value, dt.date):
        return [parse_cell_date(value, header)]
    parts = [p for p in _SEMI.split(_cell_text(value)) if p.strip()]
    return [parse_cell_date(p, header) for p in parts]


def _choice(inp: Any, text: str) -> Any:
    """A catalogue key from its key, its Chinese label or its English label."""
    wanted = {normal(text), normal(_CIRCLED.sub("", text))}
    for key, label in (inp.catalogue or {}).items():
        names = (str(key), label.zh, label.en)
        if wanted & {normal(n) for n in names} or wanted & {
            normal(_CIRCLED.sub("", n)) for n in names
        }:
            return key
    return text.strip()  # refused by the step, which lists the valid values


def _choices(inp: Any, text: str) -> tuple[Any, ...]:
    """Catalogue keys from labels or keys separated by ；(a label may hold 、) or 、 ，."""
    keys = []
    for part in (p.strip() for p in _SEMI.split(text)):
        if not part:
            continue
        key = _choice(inp, part)
        if key in (inp.catalogue or {}):
            keys.append(key)
        else:
            keys.extend(_choice(inp, p.strip()) for p in _SPLIT.split(part) if p.strip())
    return tuple(keys)


def convert(inp: Any, value: Any, header: str) -> Any:
    """One cell as the step input ``inp`` takes it (as its command's option would)."""
    text = _cell_text(value)
    if inp.type == "date":
        return parse_cell_date(value, header)
    if inp.type in ("int", "amount"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            number: Any = value
        else:
            from township.text import ascii_form

            try:
                number = float(ascii_form(text).replace(",", ""))
            except ValueError:
                raise BadInput(
                    Text(
                        "「{header}」的「{value}」不是数字",
                        "'{value}' in '{header}' is not a number",
                    ),
                    header=header,
                    value=text,
                ) from None
        if inp.type == "int":
            if float(number) != int(number):
                raise BadInput(
                    Text(
                        "「{header}」的「{value}」不是整数",
                        "'{value}' in '{header}' is not a whole number",
                    ),
                    header=header,
                    value=text,
                )
            return int(number)
        return float(number)
    if inp.type == "flag":
        word = normal(text)
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise BadInput(
            Text(
                "「{header}」应为“是”或“否”（收到「{value}」）",
                "'{header}' must be yes or no (got '{value}')",
            ),
            header=header,
            value=text,
        )
    if inp.type == "texts":
        return tuple(p for p in (s.strip() for s in _SPLIT.split(text)) if p)
    if inp.type == "choices":
        return _choices(inp, text)
    if inp.type == "choice":
        return _choice(inp, text)
    return text


def refuse_masked(value: Any, header: str) -> None:
    """Refuse a personal value that is a mask (张**, 138****5678): a masked export
    read back would store the mask as the person's name."""
    text = _cell_text(value).strip()
    if text == "*" or "**" in text:
        raise BadInput(
            Text(
                "「{header}」的「{value}」是打码后的内容；请用 township export --reveal 导出的台账",
                "'{value}' in '{header}' is masked; import a ledger exported with --reveal",
            ),
            header=header,
            value=text,
        )


def match_columns(kind: str, sheet: Sheet) -> tuple[dict[str, int], list[str]]:
    """Column key -> the sheet's column index; and the headers no column matched."""
    columns = ledger_columns(kind)
    known = match_header(kind, columns)
    where: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(sheet.header):
        column = known.get(normal(header)) if header else None
        if column is None:
            if header:
                ignored.append(header)
            continue
        if column.key in where:
            raise BadInput(
                Text(
                    "{file} 的列「{a}」和「{b}」是同一项（{label}）；请删去一列。",
                    "Columns '{a}' and '{b}' of {file} are the same ({label}); remove one.",
                ),
                file=sheet.name,
                a=sheet.header[where[column.key]],
                b=header,
                label=column.label,
            )
        where[column.key] = index
    return where, ignored


def _date_columns(declaration: KindSpec, columns: list[LedgerColumn]) -> dict[str, LedgerColumn]:
    """Step -> the column that dates it."""
    found: dict[str, LedgerColumn] = {}
    for c in columns:
        for step in c.steps:
            found[step] = c
    return found


def plan_row(
    kind: str,
    columns: list[LedgerColumn],
    where: Mapping[str, int],
    header: Sequence[str],
    number: int,
    cells: Sequence[Any],
) -> RowPlan:
    """The steps row ``number`` takes, in order, with their dates and inputs.

    ``BadInput`` (without the row number, which the caller adds) for a date
    or number that cannot be read, or a row whose first step is not dated.
    """
    declaration = spec(kind)
    by_key = {c.key: c for c in columns}

    def cell(key: str) -> Any:
        index = where.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def heading(key: str) -> str:
        return header[where[key]]

    dated = _date_columns(declaration, columns)
    when: dict[str, list[dt.date]] = {}
    for step in declaration.steps:
        column = dated.get(step.name)
        if column is not None and not _empty(cell(column.key)):
            when[step.name] = parse_cell_dates(cell(column.key), heading(column.key))
    creating = [s for s in declaration.steps if s.creates and s.name in when]
    if len(creating) != 1:
        first = [s for s in declaration.steps if s.creates]
        names = [dated[s.name].label for s in first if s.name in dated]
        raise BadInput(
            Text(
                "应填写且只填写一个首个步骤的日期：{columns}",
                "exactly one first step's date must be filled in: {columns}",
            ),
            columns=names,
        )
    first = creating[0]
    if len(when[first.name]) > 1:
        raise BadInput(
            Text("「{header}」只能填一个日期", "'{header}' takes one date only"),
            header=heading(dated[first.name].key),
        )
    order = {s.name: i for i, s in enumerate(declaration.steps)}
    later = sorted(
        ((on, s) for s in declaration.steps if not s.creates for on in when.get(s.name, ())),
        key=lambda pair: (pair[0], order[pair[1].name]),
    )
    dates = [(when[first.name][0], first), *later]
    taken = [s for _, s in dates]
    # A field that several steps write is given to the last of them the row
    # takes (an inquiry's result: its closing, not its logging), and to any
    # step that requires it.
    owner: dict[str, str] = {}
    for step in taken:
        for inp in step.inputs:
            target = input_field(declaration, inp)
            if target is not None:
                owner[target] = step.name
    by_field = {c.field: c for c in columns if c.field and not c.steps}
    planned = []
    for on, step in dates:
        values: dict[str, Any] = {}
        for inp in step.inputs:
            target = input_field(declaration, inp)
            if target is not None:
                column = by_field.get(target)
                if owner.get(target) != step.name and not inp.required:
                    continue
            else:
                column = by_key.get(f"input:{step.name}:{inp.name}")
            if column is None or column.key not in where or _empty(cell(column.key)):
                continue
            values[inp.name] = convert(inp, cell(column.key), heading(column.key))
            if target is not None and target in declaration.personal:
                refuse_masked(values[inp.name], heading(column.key))
        planned.append(PlannedStep(step, on, values))
    ledger_id = _cell_text(cell("id")).strip() or None
    responsible = {
        path: _cell_text(cell(path)).strip()
        for path in ("responsible.dept", "responsible.person")
        if not _empty(cell(path))
    }
    status = _cell_text(cell("status")).strip() or None
    return RowPlan(number, planned, ledger_id, responsible, status, row_digest(where, cells))


# Columns that change with time and are not read (the steps decide them): left out
# of a row's content, so a ledger exported again later is still the same rows.
_UNREAD = ("status", "due:", "state:")


def row_digest(where: Mapping[str, int], cells: Sequence[Any]) -> str:
    """What a row says, as a short fingerprint: every column the import reads, by its
    key (so the order of the columns does not matter), a date cell and the same date
    written as text alike. Two rows that differ in any read cell differ here."""
    import hashlib
    import json

    said = sorted(
        (key, _cell_text(cells[index]).strip())
        for key, index in where.items()
        if not key.startswith(_UNREAD) and index < len(cells) and not _empty(cells[index])
    )
    text = json.dumps(said, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_ledger(kind: str, path: Path) -> Ledger:
    """Read the ledger in ``path`` and plan every row; ``BadInput`` naming the bad rows."""
    kind_named(kind)
    sheet = read_sheet(path)
    columns = ledger_columns(kind)
    where, ignored = match_columns(kind, sheet)
    if not any(c.steps and c.key in where for c in columns):
        raise BadInput(
            Text(
                "{file} 的表头没有任何步骤日期列（例如「{example}」）；第 1 行应为表头。",
                "The header of {file} has no step date column (such as '{example}'); "
                "row 1 must be the header.",
            ),
            file=sheet.name,
            example=next(c.label for c in columns if c.steps),
        )
    plans = []
    problems = []
    for number, cells in sheet.rows:
        try:
            plans.append(plan_row(kind, columns, where, sheet.header, number, cells))
        except BadInput as exc:
            problems.append(Problem(number, _reason(exc)))
    if problems:
        raise refusal(problems, len(sheet.rows))
    return Ledger(kind, sheet.name, plans, ignored)


# -- importing -----------------------------------------------------------------


class _Dated:
    """The transaction as a row's step sees it: a record it creates takes the
    year of the step's date, not today's (a ledger brings in past years)."""

    def __init__(self, tx: Transaction, year: int) -> None:
        self._tx = tx
        self._year = year

    def create(self, kind: str, year: int, build: Callable[[str], Record]) -> Record:
        return self._tx.create(kind, self._year, build)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


def check_status(declaration: KindSpec, record: Record, written: str | None) -> None:
    """Refuse a row whose status column names another status than its steps lead to
    (a ledger that says 已办结 without the date it was concluded): the steps decide
    the status, and a record imported short of its steps would be wrong silently.
    A status the kind does not know (the ledger's own words) is not compared."""
    if written is None:
        return
    named = [
        key
        for key, label in declaration.statuses.items()
        if normal(written) in (normal(key), normal(label.zh), normal(label.en))
    ]
    reached = record.get("status")
    if named and reached not in named:
        label = declaration.statuses.get(reached, Text(str(reached), str(reached)))
        raise BadInput(
            Text(
                "状态列为「{written}」，但按已填日期办理的步骤只到「{reached}」；"
                "请填写其余步骤的日期",
                "the status column says '{written}' but the steps whose dates are filled in "
                "lead to '{reached}'; fill in the dates of the other steps",
            ),
            written=written,
            reached=label,
        )


# -- a ledger imported twice ------------------------------------------------------


def _year_of(record_id: str) -> int | None:
    parts = str(record_id).split("-")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def duplicates(store: Store, ledger: Ledger) -> list[Problem]:
    """The rows of ``ledger`` that are already in the office (see
    docs/decisions/spreadsheets.md, "A ledger imported twice").

    A row is a duplicate when its ledger id is the id of a record of the
    kind (the very record a township export shows), or the ledger id of a
    record imported before whose first step falls in the same year (a
    clerk's own numbering often starts again each year); when an earlier
    row of the same ledger has the same ledger id and year; or when a
    record was imported before from a file of the same name with the same
    content (every column the import reads). Rows that merely look alike
    (the same name, the same day) are not duplicates unless every read
    cell is the same and they came from a file of the same name.
    """
    from township.book.registry import KINDS

    ids: dict[str, str] = {}
    given: dict[tuple[str, int | None], str] = {}
    said: dict[tuple[str, str], tuple[str, Any]] = {}
    for record in store.iter_records(KINDS[ledger.kind]):
        rid = str(record.get("id"))
        ids[normal(rid)] = rid
        events = record.get("events") or []
        source = events[0].get("source") if events and isinstance(events[0], dict) else None
        if not isinstance(source, dict):
            continue
        if source.get("ledger_id"):
            given.setdefault((normal(str(source["ledger_id"])), _year_of(rid)), rid)
        if source.get("digest") and source.get("file"):
            said.setdefault(
                (normal(str(source["file"])), str(source["digest"])), (rid, source.get("row"))
            )
    problems: list[Problem] = []
    earlier: dict[tuple[str, int | None], int] = {}
    for plan in ledger.plans:
        year = plan.steps[0].on.year if plan.steps else None
        reason: Text | None = None
        if plan.ledger_id:
            key = (normal(plan.ledger_id), year)
            if normal(plan.ledger_id) in ids:
                reason = Text(
                    f"编号 {ids[key[0]]} 已是本机关的记录，不再导入",
                    f"{ids[key[0]]} is already a record of the office; it is not imported again",
                )
            elif key in given:
                reason = Text(
                    f"台账编号 {plan.ledger_id} 已于此前导入为 {given[key]}，不再导入",
                    f"ledger id {plan.ledger_id} was imported before as {given[key]}; "
                    "it is not imported again",
                )
            elif key in earlier:
                reason = Text(
                    f"台账编号 {plan.ledger_id} 与第 {earlier[key]} 行相同",
                    f"ledger id {plan.ledger_id} is the same as row {earlier[key]}'s",
                )
            earlier.setdefault(key, plan.row)
        if reason is None and (normal(ledger.file), plan.digest) in said:
            rid, row = said[(normal(ledger.file), plan.digest)]
            reason = Text(
                f"与此前从 {ledger.file} 第 {row} 行导入的 {rid} 内容相同，不再导入",
                f"it is the same as {rid}, imported before from row {row} of {ledger.file}; "
                "it is not imported again",
            )
        if reason is not None:
            problems.append(Problem(plan.row, reason))
    return problems


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that nothing is written."""


def _take_row(
    tx: Transaction,
    machine: Machine,
    plan: RowPlan,
    source: dict[str, Any],
    *,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    record_id: str | None = None
    for planned in plan.steps:
        dated: Any = _Dated(tx, planned.on.year)
        taken = machine.take(
            dated,
            planned.step.name,
            record_id,
            planned.values,
            on=planned.on,
            today=today,
            actor=actor,
            env=env,
        )
        if record_id is None:
            record_id = taken["id"] if isinstance(taken, dict) else None
            if record_id is None:  # pragma: no cover - every creating step returns its record
                raise BadInput(Text("首个步骤没有建立记录", "the first step created no record"))
    assert record_id is not None
    record = tx.get(record_id)
    record["events"][0]["source"] = source
    # The person and department in charge, as the ledger names them, when no
    # step of the row took them as an input (a typed command would have made
    # the clerk who typed it responsible; the ledger knows who was).
    fed = {
        input_field(machine.spec, inp)
        for planned in plan.steps
        for inp in planned.step.inputs
        if inp.name in planned.values
    }
    responsible = record.setdefault("responsible", {})
    for path, value in plan.responsible.items():
        if path not in fed:
            responsible[path.split(".")[1]] = value
    check_status(machine.spec, record, plan.status)
    tx.update(record)
    return tx.get(record_id)


def import_ledger(
    store: Store,
    ledger: Ledger,
    *,
    env: Env,
    today: dt.date,
    actor: str,
    command: str,
    dry_run: bool = False,
    tick: Callable[[int], None] | None = None,
) -> ImportResult:
    """Take every row of ``ledger`` through its steps in one transaction; all or nothing.

    ``tick(1)`` after each row (a progress bar). A row that a step refuses
    is named with the reason; after every row was tried, ``BadInput``
    names the bad ones and nothing is written. ``dry_run``: the same, and
    nothing is written either way.
    """
    machine = Machine(spec(ledger.kind))
    imported: list[Imported] = []
    problems: list[Problem] = []
    try:
        with store.transaction(actor, command) as tx:
            # Read under the transaction's lock: no import between this and the write.
            problems.extend(duplicates(store, ledger))
            repeated = {p.row for p in problems}
            for plan in ledger.plans:
                if plan.row in repeated:
                    if tick is not None:
                        tick(1)
                    continue
                source: dict[str, Any] = {"file": ledger.file, "row": plan.row}
                if plan.ledger_id:
                    source["ledger_id"] = plan.ledger_id
                source["digest"] = plan.digest
                try:
                    record = _take_row(tx, machine, plan, source, today=today, actor=actor, env=env)
                    imported.append(Imported(plan.row, record))
                except BadInput as exc:
                    problems.append(Problem(plan.row, _reason(exc)))
                except (KeyError, TypeError, ValueError) as exc:
                    # A step's own logic that a row's values trip up: named, never a traceback.
                    problems.append(
                        Problem(
                            plan.row,
                            Text(
                                f"不能按本行的内容办理（{type(exc).__name__}: {exc}）",
                                f"its values cannot be taken through the steps "
                                f"({type(exc).__name__}: {exc})",
                            ),
                        )
                    )
                if tick is not None:
                    tick(1)
            if problems:
                problems.sort(key=lambda p: p.row)
                raise refusal(problems, len(ledger.plans))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportResult(ledger.kind, ledger.file, imported, ledger.ignored, dry_run)


@dataclass(frozen=True)
class RowSummary:
    """One imported row as the command shows it."""

    row: int
    id: str
    status: Text | str
    steps: int
    deadlines: list[Any] = field(default_factory=list)


def summarize(result: ImportResult, calendar: Any, today: dt.date) -> list[RowSummary]:
    """Each imported row: its record's id, status, number of steps and deadlines."""
    from township.steps.machine import deadlines

    declaration = spec(result.kind)
    out = []
    for item in result.imported:
        record = item.record
        status = record.get("status")
        label = declaration.statuses.get(status, status) if isinstance(status, str) else ""
        steps = sum(1 for e in record.get("events", []) if e.get("action") != "amend")
        out.append(
            RowSummary(item.row, record["id"], label, steps, deadlines(record, calendar, today))
        )
    return out
