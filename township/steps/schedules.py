"""Importing an official holiday schedule .

The State Council publishes each year's schedule in November or December;
until chinese-calendar ships it, the office imports it from a JSON file::

    {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
     "holidays": ["2027-01-01", ...], "workdays": ["2027-02-20", ...]}

``read_schedule`` reads such a file and ``parse_schedule`` validates it; ``import_schedule`` stores it (replacing
an earlier import of the same year) and writes one audit entry that lists
every open deadline whose due date the import moved.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from township.calendar import (  # noqa: F401 (re-exported: the file format lives with the calendar)
    CALENDAR_FILE,
    SCHEDULES,
    Schedule,
    WorkCalendar,
    check_supported,
    schedule_from_doc,
    schedule_to_doc,
    statutory_days,
)
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Store


def _bad(message: Text, **params: Any) -> BadInput:
    return BadInput(message, **params)


def parse_schedule(raw: Any, name: str = "file") -> Schedule:
    """Validate an import file's content and return the ``Schedule``.

    Refuses (``BadInput``, naming the problem): a missing or wrong field, a
    date outside the year, a date in both lists, a weekday among
    ``workdays``, and a statutory holiday day missing from ``holidays``.
    """
    if not isinstance(raw, dict):
        raise _bad(Text("{name} 应是一个 JSON 对象。", "{name} must be a JSON object."), name=name)
    for key in ("year", "source", "holidays", "workdays"):
        if key not in raw:
            raise _bad(
                Text("{name} 缺少字段「{key}」。", "{name} has no field '{key}'."),
                name=name,
                key=key,
            )
    year = raw["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise _bad(
            Text("{name}：year 应为整数年份。", "{name}: year must be a whole number."), name=name
        )
    check_supported(dt.date(year, 1, 1) if 1 <= year <= 9999 else dt.date(1, 1, 1))
    source = raw["source"]
    if not isinstance(source, str) or not source.strip():
        raise _bad(
            Text("{name}：source 应写明通知的名称。", "{name}: source must name the notice."),
            name=name,
        )
    holidays = _dates(raw["holidays"], "holidays", year, name)
    workdays = _dates(raw["workdays"], "workdays", year, name)
    both = sorted(holidays & workdays)
    if both:
        raise _bad(
            Text(
                "{name}：{date} 同时出现在 holidays 和 workdays 中。",
                "{name}: {date} is in both holidays and workdays.",
            ),
            name=name,
            date=both[0].isoformat(),
        )
    weekdays = sorted(d for d in workdays if d.weekday() < 5)
    if weekdays:
        raise _bad(
            Text(
                "{name}：workdays 只列调休上班的周末，{date} 不是周末。",
                "{name}: workdays lists only weekend days that are worked; {date} is a weekday.",
            ),
            name=name,
            date=weekdays[0].isoformat(),
        )
    missing = [(d, n) for d, n in sorted(statutory_days(year).items()) if d not in holidays]
    if missing:
        day, holiday = missing[0]
        raise _bad(
            Text(
                "{name}：法定节假日 {date}（{holiday}）不在 holidays 中；请核对通知后再导入。",
                "{name}: the statutory holiday {date} ({holiday}) is not in holidays; check "
                "the notice and import again.",
            ),
            name=name,
            date=day.isoformat(),
            holiday=holiday,
        )
    return Schedule(year, source.strip(), frozenset(holidays), frozenset(workdays))


def read_schedule(path: Path) -> Schedule:
    """The schedule in the JSON file ``path``, validated by ``parse_schedule``.

    A file that cannot be read or is not JSON is refused (``BadInput``).
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad's BOM too
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(
            Text(
                "无法读取日历文件 {file}（{detail}）；请提供 JSON 文件，格式见 data/examples/。",
                "Cannot read the calendar file {file} ({detail}); give a JSON file as in "
                "data/examples/.",
            ),
            file=str(path),
            detail=str(exc),
        ) from exc
    return parse_schedule(raw, str(path))


def _dates(value: Any, key: str, year: int, name: str) -> set[dt.date]:
    if not isinstance(value, list):
        raise _bad(
            Text("{name}：{key} 应是日期列表。", "{name}: {key} must be a list of dates."),
            name=name,
            key=key,
        )
    result: set[dt.date] = set()
    for item in value:
        try:
            text = unicodedata.normalize("NFKC", item).strip() if isinstance(item, str) else ""
            day = dt.date.fromisoformat(text) if len(text) == 10 and text.isascii() else None
        except ValueError:
            day = None
        if day is None:
            raise _bad(
                Text(
                    "{name}：{key} 中的「{item}」不是 YYYY-MM-DD 日期。",
                    "{name}: '{item}' in {key} is not a YYYY-MM-DD date.",
                ),
                name=name,
                key=key,
                item=item,
            )
        if day.year != year:
            raise _bad(
                Text(
                    "{name}：{key} 中的 {date} 不在 {year} 年内。",
                    "{name}: {date} in {key} is not in {year}.",
                ),
                name=name,
                key=key,
                date=day.isoformat(),
                year=year,
            )
        result.add(day)
    return result


@dataclass(frozen=True)
class MovedDeadline:
    """An open deadline whose due date an import changed."""

    record: str
    rule: str
    old_due: dt.date
    new_due: dt.date

    def as_json(self) -> dict[str, str]:
        """As listed in the audit entry and the command's JSON output."""
        return {
            "record": self.record,
            "rule": self.rule,
            "old_due": self.old_due.isoformat(),
            "new_due": self.new_due.isoformat(),
        }


def moved_deadlines(
    records: Iterable[dict[str, Any]], old: WorkCalendar, new: WorkCalendar
) -> list[MovedDeadline]:
    """Open deadlines whose due date differs between two calendars."""
    # Imported here: counting days (``load_schedules``) must not load the record model.
    from township.steps.machine import due_of, open_clocks

    moved = []
    for record in records:
        for c in open_clocks(record):
            before, after = due_of(c, old).date, due_of(c, new).date
            if before != after:
                moved.append(MovedDeadline(record["id"], c["rule"], before, after))
    return moved


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    schedule: Schedule
    replaced: bool
    moved: list[MovedDeadline]


def import_schedule(store: Store, schedule: Schedule, actor: str, command: str) -> ImportResult:
    """Store ``schedule`` and audit it with the deadlines it moved."""
    from township.book.registry import KINDS

    with store.transaction(actor, command) as tx:
        current = store.schedules()
        old = WorkCalendar(current)
        new = WorkCalendar({**current, schedule.year: schedule})
        records = (r for kind in KINDS.values() for r in store.iter_records(kind))
        moved = moved_deadlines(records, old, new)
        tx.put_schedule(schedule, extra={"moved": [m.as_json() for m in moved]})
    return ImportResult(schedule, schedule.year in current, moved)
