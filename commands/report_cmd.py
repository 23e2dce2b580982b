"""``township overdue`` (the daily report) and ``township stats``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipCommand
from commands.common import pass_app, warn_skipped
from commands.context import AppContext
from commands.params import CALENDAR_DATE, CatalogueChoice, format_option
from commands.render import Column, View, render, render_sections
from commands.sheets import need_output, output_option, save_view, xlsx_format_option
from township.book.roster import KINDS
from township.i18n import Text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from township.views.report import GroupBy, ReportItem
    from township.views.stats import Stats, StatsBy, Tally

REPORT_COLUMNS = [
    Column("id", Text("编号", "id")),
    Column("kind", Text("类别", "kind")),
    Column("matter", Text("事项", "matter")),
    Column("what", Text("期限", "deadline")),
    Column("responsible", Text("责任人/部门", "responsible")),
    Column("trigger", Text("起算日", "trigger")),
    Column("due", Text("到期日", "due")),
    Column("state", Text("状态", "state")),
    Column("provisional", Text("暂定", "prov.")),
    Column("clause", Text("依据", "source")),
]
# A table (the terminal's format, and the mail's plain part) fits this many
# columns: the trigger date and the source clause are left out (HTML, JSON,
# CSV and --format plain keep them) and the cells of ``FIT_COLUMNS`` are cut
# with … , in that order, each down to no fewer columns than given, until
# the rows fit.
TABLE_WIDTH = 120
TABLE_LEAVES_OUT = ("trigger", "clause")
FIT_COLUMNS = (
    ("responsible", 14),
    ("matter", 24),
    ("what", 12),
    ("responsible", 10),
    ("matter", 8),
    ("what", 8),
    # the last resort (the longest kind and state labels, five-digit ids): each
    # down to its header's width
    ("responsible", 0),
    ("matter", 0),
    ("what", 0),
)
GROUP_LABELS = {
    "dept": Text("部门", "department"),
    "person": Text("责任人", "person"),
    "kind": Text("类别", "kind"),
}
REPORT_SHEET = Text("逾期与临期事项", "overdue and due soon")
EMPTY = Text("没有逾期或临期的事项。", "Nothing overdue or due soon.")
PROVISIONAL_NOTE = Text(
    "* 暂定：该日期按尚未公布官方放假安排的年份推算，导入官方日历后自动更正。",
    "* provisional: computed for a year whose official schedule is not yet imported; "
    "corrected automatically on import.",
)


def _out(text: str) -> None:
    click.echo(text, nl=False)


def workdays_only_option(func: Any) -> Any:
    """``--workdays-only``: on a rest day of the calendar the command does nothing."""
    return click.option(
        "--workdays-only",
        is_flag=True,
        help="Do nothing (exit 0) when the day of the report (--as-of, else today) is not a "
        "working day of the calendar: one cron line for every working day, make-up "
        "Saturdays included.",
    )(func)


def rest_day(app: AppContext, as_of: dt.date | None) -> bool:
    """True when the day of the report (``as_of``, else today) is not a working day.

    Read on the working-day calendar (official schedules, imported ones, a
    provisional year's statutory days), so a cron line that runs every day
    with ``--workdays-only`` reports on every working day, make-up Saturdays
    (调休) included, and on no holiday or weekend.
    """
    return not app.calendar.day(as_of or app.today).workday


# -- overdue ---------------------------------------------------------------


@click.command(cls=TownshipCommand)
@click.option(
    "--as-of", "as_of", type=CALENDAR_DATE, help="The day of the report [default: today]."
)
@click.option(
    "--due-within",
    type=click.IntRange(0, 366),
    help="Also list what falls due within N working days "
    "[default: report.due-within in township.toml, 2].",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=CatalogueChoice({key: kind.label for key, kind in KINDS.items()}),
    help="Only this kind of record (repeatable) [default: all].",
)
@xlsx_format_option()
@output_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when anything is overdue.")
@click.option("--quiet", is_flag=True, help="Print nothing at all when the list is empty.")
@click.option(
    "--group-by",
    type=click.Choice(["dept", "person"]),
    help="One section per responsible department or person.",
)
@workdays_only_option
@pass_app
def overdue(
    app: AppContext,
    as_of: dt.date | None,
    due_within: int | None,
    kinds: tuple[str, ...],
    fmt: str,
    exit_code: bool,
    quiet: bool,
    group_by: GroupBy | None,
    workdays_only: bool,
    output: str | None = None,
) -> None:
    """The daily report: deadlines overdue, due today or due soon (逾期与临期事项).

    Most overdue first; overdue by more than report.serious-after working
    days (5) is 严重逾期. Each row names the record's matter and the
    deadline's label; a table fits 120 columns (the trigger date and the
    clause are in --format plain, html and json). For cron: --quiet prints
    nothing when the list is empty, --exit-code exits 1 when anything is
    overdue, --workdays-only does nothing on a rest day.

    \b
    Example:
      township overdue --as-of 2026-03-02
      township overdue --quiet --format html > report.html
      township mail --dry-run | /usr/sbin/sendmail -t   # 以邮件发出报告
      township overdue --group-by dept --kind case --kind complaint
      township overdue --workdays-only --quiet --as-of 2026-10-01   # 国庆节：不输出
    """
    from township.errors import Skipped
    from township.views.daily import daily_items, report_notes

    path = need_output(fmt, output)
    if workdays_only and rest_day(app, as_of):
        return
    as_of = as_of or app.today
    config = app.config
    skipped: list[Skipped] = []
    items = daily_items(
        app.store,
        app.calendar,
        as_of,
        due_within=config.due_within if due_within is None else due_within,
        serious_after=config.serious_after,
        kinds=kinds,
        today=app.today,
        skipped=skipped,
        config=config,
    )
    if quiet and not items and not skipped:
        return
    # For people (csv/tsv and json carry only the items): odd records skipped, the
    # November warning, who is away today.
    after = report_notes(app.store, app.calendar, as_of)  # an odd absence is named too
    notes: list[Text | str] = warn_skipped(app, skipped)
    notes += after
    if path is not None:  # --format xlsx: one sheet; each row names its responsible
        save_view(_report_view(app, items, as_of, notes), path, app.lang, REPORT_SHEET)
    else:
        _emit_report(app, items, notes, fmt, group_by, as_of)
    if exit_code and any(i.state == "overdue" for i in items):
        raise click.exceptions.Exit(1)


def _emit_report(
    app: AppContext,
    items: list[ReportItem],
    notes: list[Text | str],
    fmt: str,
    group_by: GroupBy | None,
    as_of: dt.date,
) -> None:
    """Print the report: one table, or a section per department or person.

    JSON is the flat list either way: each item carries its
    responsible person and department.
    """
    from township.views.report import report_title

    data = [i.as_json(app.config.rules) for i in items]
    if group_by is None:
        _out(render(_report_view(app, items, as_of, notes, data, fmt=fmt), fmt, app.lang))
        return
    sections = _sections(app, items, group_by, as_of, fmt)
    _out(
        render_sections(
            sections,
            fmt,
            app.lang,
            name=report_title(app.config.name, as_of),
            notes=[*notes, audit_head_note(app)],  # the audit head ends it, once
            data=data,
            section_label=GROUP_LABELS[group_by],
        )
    )


def _row(item: ReportItem, overrides: Mapping[str, int]) -> dict[str, Any]:
    """One report row; the clause as the rules in force (``overrides``) read it."""
    return {
        "id": item.record_id,
        "kind": item.kind_label,
        "matter": item.matter,
        "what": item.rule.label,
        "responsible": item.responsible,
        "trigger": item.trigger.isoformat(),
        "due": item.due.isoformat(),
        "state": item.state_label,
        "provisional": "*" if item.provisional else "",
        "clause": item.clause(overrides),
    }


def _fit(
    rows: list[dict[str, Any]], columns: list[Column], lang: str, width: int = TABLE_WIDTH
) -> list[dict[str, Any]]:
    """``rows`` with the cells of ``FIT_COLUMNS`` cut with … so that a table of
    ``columns`` is at most ``width`` wide, as ``tabulate`` lays it out: two
    spaces between columns, each at least its header and two more wide, a
    column empty in every row left out."""
    from commands.render import _cell
    from township.text import escape_control
    from township.views.matter import cut
    from township.views.matter import width as shown_width

    cells = [{c.key: escape_control(_cell(r.get(c.key), lang)) for c in columns} for r in rows]
    least = {c.key: shown_width(c.label.get(lang)) + 2 for c in columns}
    widths = {}
    for c in columns:
        found = [shown_width(cell[c.key]) for cell in cells]
        if any(found):
            widths[c.key] = max([least[c.key], *found])
    excess = sum(widths.values()) + 2 * (len(widths) - 1) - width
    for key, floor in FIT_COLUMNS:
        if excess <= 0:
            break
        if key not in widths:
            continue
        taken = min(max(widths[key] - max(floor, least[key]), 0), excess)
        widths[key] -= taken
        excess -= taken
    cut_keys = {k for k, _ in FIT_COLUMNS if k in widths}
    return [{**cell, **{k: cut(cell[k], widths[k]) for k in cut_keys}} for cell in cells]


def _notes(items: list[ReportItem]) -> list[Text | str]:
    from township.views.report import summarize

    notes: list[Text | str] = [summarize(items).text]
    if any(i.provisional for i in items):
        notes.append(PROVISIONAL_NOTE)
    return notes


def _report_view(
    app: AppContext,
    items: list[ReportItem],
    as_of: dt.date,
    notes: list[Text | str],
    data: list[dict[str, Any]] | None = None,
    group: str | Text | None = None,
    fmt: str = "table",
) -> View:
    """The report (of one ``group``) as one table, with its summary and ``notes``.

    As a ``table`` (``fmt``) it fits ``TABLE_WIDTH`` columns: no source
    clause, long cells cut (``_fit``); the other formats show every cell
    whole. Table, plain and HTML leave out a column empty in every row.
    """
    from township.views.report import report_title

    rows = [_row(i, app.config.rules) for i in items]
    columns = REPORT_COLUMNS
    if fmt == "table":
        columns = [c for c in REPORT_COLUMNS if c.key not in TABLE_LEAVES_OUT]
        rows = _fit(rows, columns, app.lang)
    return View(
        rows,
        columns,
        data=data,
        title=report_title(app.config.name, as_of, group),
        notes=_notes(items) + list(notes),
        empty=EMPTY,
        name=group,
        row_classes=[_row_class(i) for i in items],
        compact=True,
        footer=[audit_head_note(app)],
    )


def _row_class(item: ReportItem) -> str:
    """The HTML row's class: ``serious`` (严重逾期), ``overdue`` (逾期) or none."""
    if item.state != "overdue":
        return ""
    return "serious" if item.serious else "overdue"


def audit_head_note(app: AppContext) -> Text:
    """The line that ends the report (every human format) and the mail: the audit
    head, witnessed outside the data directory, and every break of the log with
    the repair that acknowledged it (or that none has yet)."""
    from township.errors import StorageError
    from township.i18n import render as fill

    try:
        status = app.store.audit_status()
    except StorageError as exc:
        return Text(
            f"审计日志：无法读取（{exc.message_in('zh')}）",
            f"Audit log: unreadable ({exc.message_in('en')})",
        )
    seq, digest = status.head["seq"], status.head["hash"]
    if not seq:
        head = Text("审计日志：空", "Audit log: empty")
    else:
        head = Text(
            f"审计日志末行：第 {seq} 行，哈希 {digest[:12]}",
            f"Audit log head: line {seq}, hash {digest[:12]}",
        )
    notes = status.notes()
    if not notes:
        return head
    return Text(
        head.zh + "。" + " ".join(fill(n.message, "zh", n.params) for n in notes),
        head.en + ". " + " ".join(fill(n.message, "en", n.params) for n in notes),
    )


def _sections(
    app: AppContext, items: list[ReportItem], group_by: GroupBy, as_of: dt.date, fmt: str
) -> list[View]:
    """One titled table with its own summary per department or person.

    Each section has the report's whole title, so that it can be mailed on
    its own; with nothing to report, one empty report.
    """
    from township.views.report import UNASSIGNED, group_items

    groups = group_items(items, group_by)
    if not groups:
        return [_report_view(app, [], as_of, [], fmt=fmt)]
    views = [
        _report_view(app, members, as_of, [], group=key or UNASSIGNED, fmt=fmt)
        for key, members in groups
    ]
    for view in views:
        view.footer = []  # the audit head ends the whole report, after its notes
    return views


# -- stats -----------------------------------------------------------------


@click.command(cls=TownshipCommand)
@click.option("--year", type=int, help="The year of the statistics [default: the year of today].")
@click.option("--quarter", type=click.IntRange(1, 4), help="Only this quarter (1-4) of the year.")
@click.option(
    "--by",
    type=click.Choice(["dept", "person", "kind"]),
    default="dept",
    show_default=True,
    help="Group by responsible department, person or record kind.",
)
@format_option
@pass_app
def stats(app: AppContext, year: int | None, quarter: int | None, by: StatsBy, fmt: str) -> None:
    """Deadline statistics and the assessment flags (效能考核统计).

    Per group: deadlines due in the period met on time, met late, not yet
    due and overdue, and the on-time rate; then the flags: units criticised
    in two or more circulars of the year (一票否决), units that failed the
    year's assessment (取消当年评先评优资格) or two years in a row (调整工作岗位),
    units whose staff received 通报批评 (问责方式 ⑤), and persons with two or
    more decided cases within a year (从重). Read as of the period's last
    day, or today.

    \b
    Example:
      township stats --year 2026
      township stats --year 2026 --quarter 1 --by kind --format json
    """
    from township.errors import Skipped
    from township.views.report import records_of
    from township.views.stats import compute_stats, period_of

    period = period_of(year if year is not None else app.today.year, quarter)
    skipped: list[Skipped] = []
    result = compute_stats(
        records_of(app.store), app.calendar, period, app.today, by, skipped=skipped
    )
    notes = warn_skipped(app, skipped)
    from township.views.stats import derived_tallies  # recurring duties, per office

    duties = derived_tallies(app.store, app.calendar, period, app.today, app.config)
    view = _stats_view(app, result)
    view.data = {**result.as_json(), "duties": [{"office": o, **t.as_json()} for o, t in duties]}
    view.notes += _duty_notes(duties)
    view.notes += notes
    _out(render(view, fmt, app.lang))


def _duty_notes(duties: list[tuple[str, Tally]]) -> list[Text]:
    """One note per office: its recurring duties on time, late, open, overdue."""
    return [
        Text(
            f"定期工作（{office}）：按时完成 {t.met}，逾期完成 {t.late}，未到期 {t.open}，"
            f"逾期未办 {t.overdue}，按时率 {_rate(t)}",
            f"Recurring duties ({office}): {t.met} on time, {t.late} late, {t.open} not yet "
            f"due, {t.overdue} overdue, on-time rate {_rate(t)}",
        )
        for office, t in duties
    ]


def _rate(tally: Tally) -> str:
    rate = tally.on_time_rate
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _stats_row(group: Any, tally: Tally) -> dict[str, Any]:
    return {
        "group": group,
        "met": tally.met,
        "late": tally.late,
        "open": tally.open,
        "overdue": tally.overdue,
        "total": tally.total,
        "rate": _rate(tally),
    }


def _stats_view(app: AppContext, result: Stats) -> View:
    from township.views.report import UNASSIGNED

    columns = [
        Column("group", GROUP_LABELS[result.by]),
        Column("met", Text("按时完成", "met on time")),
        Column("late", Text("逾期完成", "met late")),
        Column("open", Text("未到期", "not yet due")),
        Column("overdue", Text("逾期未办", "overdue")),
        Column("total", Text("合计", "total")),
        Column("rate", Text("按时率", "on-time rate")),
    ]
    rows = []
    for key, tally in result.groups:
        label: Any = key or UNASSIGNED
        if result.by == "kind" and key in KINDS:
            label = KINDS[key].label
        rows.append(_stats_row(label, tally))
    if rows:
        rows.append(_stats_row(Text("合计", "total"), result.total))
    period = result.period.label
    title = Text(
        f"{app.config.name} 期限执行情况统计 {period.zh}（截至 {result.as_of.isoformat()}）",
        f"{app.config.name} deadline statistics {period.en} (as of {result.as_of.isoformat()})",
    )
    return View(
        rows,
        columns,
        title=title,
        notes=_flag_notes(result),
        empty=Text("该期间没有到期的期限。", "No deadline fell due in the period."),
    )


def _flag_notes(result: Stats) -> list[Text | str]:
    from township.views.openness import flag_notes

    notes: list[Text | str] = list(flag_notes(result.flags))
    if result.repeat:
        for rep in result.repeat:
            zh = "、".join(f"{rid}（{on.isoformat()}）" for rid, on in rep.cases)
            en = ", ".join(f"{rid} ({on.isoformat()})" for rid, on in rep.cases)
            notes.append(
                Text(
                    f"从重：{rep.person}（1 年内问责决定 {len(rep.cases)} 次：{zh}）",
                    f"Aggravation (从重): {rep.person} ({len(rep.cases)} decided cases "
                    f"within a year: {en})",
                )
            )
    else:
        notes.append(Text("从重：无", "Aggravation (从重): none"))
    return notes
