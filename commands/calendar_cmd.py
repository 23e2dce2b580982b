"""``township calendar``: working days, due dates and official schedules."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipGroup
from commands.common import emit, pass_app
from commands.context import AppContext
from commands.params import DATE, NumberType, format_option
from commands.render import Column, View
from township.i18n import Text

if TYPE_CHECKING:
    from township.steps.schedules import ImportResult, Schedule

PROVISIONAL_NOTE = Text(
    "* 暂定：该年官方放假安排尚未公布，按周末和法定节假日推算；请导入官方日历（township calendar import）。",
    "* provisional: the year's official schedule is not published yet; computed from "
    "weekends and statutory holidays. Import it with township calendar import.",
)
SOURCE_LABELS = {
    "package": Text("官方（chinese-calendar）", "official (package)"),
    "imported": Text("官方（已导入：{source}）", "official (imported: {source})"),
    "provisional": Text("暂定", "provisional"),
}


def _mark(value: str, provisional: bool) -> str:
    return value + " *" if provisional else value


@click.group(cls=TownshipGroup)
def calendar() -> None:
    """Working days, due dates and official holiday schedules (工作日历).

    \b
    Example:
      township calendar add 2025-09-26 10          # 按工作日算到期日
      township calendar is-workday 2025-09-28      # 是否工作日
    """


@calendar.command("add")
@click.argument("start", type=DATE)
@click.argument("n", type=NumberType(low=0, high=36600))
@click.option(
    "--unit",
    type=click.Choice(["workday", "day"]),
    default="workday",
    show_default=True,
    help="workday: N working days; day: N calendar days (a rest day moves to the next working day).",
)
@format_option
@pass_app
def add(app: AppContext, start: dt.date, n: int, unit: str, fmt: str) -> None:
    """Print the due date N working days (or days) after START.

    The start day is not counted (民法典 第二百零一条).

    \b
    Example:
      township calendar add 2025-09-26 10              # -> 2025-10-16
      township calendar add 2025-09-20 15 --unit day --format json   # 按自然日
    """
    from township.book.rules import UNIT_LABELS

    due = app.calendar.add(start, n, unit)  # type: ignore[arg-type]
    data = {
        "start": start.isoformat(),
        "n": n,
        "unit": unit,
        "due": due.date.isoformat(),
        "provisional": due.provisional,
    }
    row = {**data, "unit": UNIT_LABELS[unit], "due": _mark(data["due"], due.provisional)}
    columns = [
        Column("start", Text("起算日", "start")),
        Column("n", Text("期限", "period")),
        Column("unit", Text("单位", "unit")),
        Column("due", Text("到期日", "due")),
    ]
    notes = [PROVISIONAL_NOTE] if due.provisional else []
    emit(app, View([row], columns, data=data, notes=notes), fmt)


@calendar.command("between")
@click.argument("start", type=DATE)
@click.argument("end", type=DATE)
@format_option
@pass_app
def between(app: AppContext, start: dt.date, end: dt.date, fmt: str) -> None:
    """Count the working days after START up to and including END.

    \b
    Example:
      township calendar between 2025-09-26 2025-10-16   # -> 10
    """
    count = app.calendar.between(start, end)
    provisional = app.calendar.between_is_provisional(start, end)
    data = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "workdays": count,
        "provisional": provisional,
    }
    columns = [
        Column("start", Text("起算日", "start")),
        Column("end", Text("截止日", "end")),
        Column("workdays", Text("工作日数", "working days")),
    ]
    row = {**data, "workdays": _mark(str(count), provisional)}
    emit(app, View([row], columns, data=data, notes=[PROVISIONAL_NOTE] if provisional else []), fmt)


@calendar.command("is-workday")
@click.argument("day", metavar="DATE", type=DATE)
@format_option
@pass_app
def is_workday(app: AppContext, day: dt.date, fmt: str) -> None:
    """Tell whether DATE is a working day, and why; exit 1 on a rest day.

    The reason is weekday, weekend, the holiday's name, or make-up working
    day. The exit status is 0 on a working day (make-up Saturdays included)
    and 1 on a rest day (weekends and holidays), for scripts.

    \b
    Example:
      township calendar is-workday 2025-09-28    # 调休上班日
      township calendar is-workday 2025-10-06 --format json    # 节假日：退出码 1
    """
    info = app.calendar.day(day)
    reason = info.label.get(app.lang) if info.reason == "holiday" else info.label.en
    data = {
        "date": day.isoformat(),
        "workday": info.workday,
        "reason": reason,
        "provisional": info.provisional,
    }
    columns = [
        Column("date", Text("日期", "date")),
        Column("workday", Text("工作日", "working day")),
        Column("reason", Text("原因", "reason")),
    ]
    row = {**data, "reason": _mark(info.label.get(app.lang), info.provisional)}
    notes = [PROVISIONAL_NOTE] if info.provisional else []
    emit(app, View([row], columns, data=data, notes=notes), fmt)
    if not info.workday:
        raise click.exceptions.Exit(1)


_PERIOD = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2}))?$")


def _parse_period(value: str) -> tuple[int, list[int]]:
    """``YYYY`` or ``YYYY-MM`` (full-width digits read as digits) as (year, months)."""
    from township.text import ascii_form, escape_control

    match = _PERIOD.match(ascii_form(value))
    year = int(match.group(1)) if match else 0
    month = int(match.group(2)) if match and match.group(2) else None
    if not match or year < 1 or (month is not None and not 1 <= month <= 12):
        shown = escape_control(value.strip())
        raise click.BadParameter(
            _say(
                f"「{shown}」应写作 YYYY 或 YYYY-MM，例如 2027 或 2027-02。",
                f"'{shown}': write YYYY or YYYY-MM, e.g. 2027 or 2027-02.",
            )
        )
    return year, [month] if month is not None else list(range(1, 13))


def _say(zh: str, en: str) -> str:
    from commands import locale

    return en if locale.current() == "en" else zh


WEEKDAY_HEADERS = {
    "zh": ["一", "二", "三", "四", "五", "六", "日"],
    "en": ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
}
MARKS = {"zh": {"holiday": "休", "makeup": "班"}, "en": {"holiday": "h ", "makeup": "w "}}


def _month_grid(app: AppContext, year: int, month: int) -> str:
    lang = "en" if app.lang == "en" else "zh"
    first = dt.date(year, month, 1)
    title = f"{first:%B %Y}" if lang == "en" else f"{year} 年 {month} 月"
    lines = [
        title,
        " ".join(f"{h:^5}" if lang == "en" else f" {h}  " for h in WEEKDAY_HEADERS[lang]),
    ]
    cells = ["     "] * first.weekday()
    day = first
    while day.month == month:
        info = app.calendar.day(day)
        mark = MARKS[lang].get(info.reason, "  ")
        star = "*" if info.provisional and info.reason in ("holiday", "makeup") else " "
        cells.append(f"{day.day:>2}{mark}{star}")
        day += dt.timedelta(days=1)
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i : i + 7]).rstrip())
    return "\n".join(lines)


@calendar.command("show")
@click.argument("period", metavar="YEAR[-MM]")
@format_option
@pass_app
def show(app: AppContext, period: str, fmt: str) -> None:
    """Show a month grid per month, with rest days and make-up days marked.

    休 marks a holiday, 班 a make-up working day (调休上班), * a provisional day.

    \b
    Example:
      township calendar show 2026-02        # 休：放假，班：调休上班
      township calendar show 2027 --format json   # 全年
    """
    year, months = _parse_period(period)
    from township.calendar import check_supported

    check_supported(dt.date(year, 1, 1))
    # The month grids for people (table, plain, github); a row per day for html, csv, json.
    emit(app, _show_view(app, year, months), fmt)


SHOW_COLUMNS = [
    Column("date", Text("日期", "date")),
    Column("workday", Text("工作日", "working day")),
    Column("label", Text("原因", "reason")),
    Column("provisional", Text("暂定", "provisional")),
]
SHOW_LEGEND = Text(
    "休 = 节假日休息，班 = 调休上班，* = 暂定；周六、周日未标记者休息。",
    "h = holiday, w = make-up working day, * = provisional; unmarked Sat/Sun are rest days.",
)


def _day_rows(app: AppContext, year: int, months: list[int]) -> list[dict[str, Any]]:
    """One row per day of ``months`` of ``year``: working day or not, why, provisional."""
    days = []
    for m in months:
        day = dt.date(year, m, 1)
        while day.month == m:
            info = app.calendar.day(day)
            days.append(
                {
                    "date": day.isoformat(),
                    "workday": info.workday,
                    "reason": info.reason,
                    "label": info.label,
                    "provisional": info.provisional,
                }
            )
            day += dt.timedelta(days=1)
    return days


def _show_view(app: AppContext, year: int, months: list[int]) -> View:
    """``calendar show``: the month grids as text, the days as rows and data."""
    grids = [_month_grid(app, year, m) for m in months]
    provisional = app.calendar.is_provisional_year(year)
    days = _day_rows(app, year, months)
    notes: list[Text | str] = [SHOW_LEGEND] + ([PROVISIONAL_NOTE] if provisional else [])
    text = "\n\n".join(grids)
    return View(days, SHOW_COLUMNS, data=days, text=text, notes=notes)


@calendar.command("status")
@format_option
@pass_app
def status(app: AppContext, fmt: str) -> None:
    """List each year from 2004 to next year and where its calendar comes from.

    \b
    Example:
      township calendar status              # 每一年的日历来源
    """
    from township.calendar import LAST_YEAR

    rows = []
    for year in range(2004, min(app.today.year + 1, LAST_YEAR) + 1):
        source, text = app.calendar.source(year)
        rows.append(
            {
                "year": year,
                "source": source,
                "detail": text,
                "label": Text(
                    SOURCE_LABELS[source].zh.format(source=text),
                    SOURCE_LABELS[source].en.format(source=text),
                ),
            }
        )
    columns = [Column("year", Text("年份", "year")), Column("label", Text("来源", "source"))]
    data = [{k: r[k] for k in ("year", "source", "detail")} for r in rows]
    emit(app, View(rows, columns, data=data), fmt)


@calendar.command("import")
@click.argument("file", metavar="FILE")
@format_option
@pass_app
def import_(app: AppContext, file: str, fmt: str) -> None:
    """Import an official holiday schedule for a year (国务院放假安排).

    The file is JSON: {"year": 2027, "source": "...", "holidays": [...],
    "workdays": [...]}; see data/examples/. Re-importing a year replaces it.
    Both are audited, with every open deadline whose due date moved.

    \b
    Example:
      township calendar import data/examples/calendar-2027.json   # 每年十一月导入下一年
    """
    from township.steps.schedules import import_schedule, read_schedule

    if "\x00" in file:  # no file name holds one; os.stat would raise ValueError
        raise click.BadParameter(
            _say("文件名中不能有 NUL 字符。", "a file name holds no NUL character."),
            param_hint="FILE",
        )
    schedule = read_schedule(Path(file))
    result = import_schedule(app.store, schedule, app.user, "calendar import")
    emit(app, _import_view(schedule, result), fmt)


IMPORT_COLUMNS = [
    Column("record", Text("编号", "id")),
    Column("rule", Text("期限", "rule")),
    Column("old_due", Text("原到期日", "old due")),
    Column("new_due", Text("新到期日", "new due")),
]


def _import_view(schedule: Schedule, result: ImportResult) -> View:
    """The sentence, then the moved deadlines (if any); JSON: the whole result."""
    data = {
        "year": schedule.year,
        "source": schedule.source,
        "replaced": result.replaced,
        "moved": [m.as_json() for m in result.moved],
    }
    sentence = Text(
        f"已导入 {schedule.year} 年官方放假安排（{schedule.source}）"
        + ("，替换了此前的导入" if result.replaced else "")
        + f"；{len(result.moved)} 个未完成期限的到期日随之调整。",
        f"Imported the official schedule for {schedule.year} ({schedule.source})"
        + (", replacing the earlier import" if result.replaced else "")
        + f"; {len(result.moved)} open deadline(s) moved.",
    )
    if result.moved:
        return View(data["moved"], IMPORT_COLUMNS, data=data, title=sentence)
    return View(data=data, text=sentence)
