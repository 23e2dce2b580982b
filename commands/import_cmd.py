"""``township import``: bring in a ledger (台账) an office already keeps, row by row."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipCommand
from commands.common import pass_app
from commands.context import AppContext
from commands.params import format_option
from commands.render import Column, View, render
from township.i18n import Text

if TYPE_CHECKING:
    from township.sheets.importer import ImportResult

# A ledger of this many rows or more shows a progress bar on a terminal.
PROGRESS_FROM = 20
COLUMNS = [
    Column("row", Text("行", "row")),
    Column("id", Text("编号", "id")),
    Column("status", Text("状态", "status")),
    Column("steps", Text("步骤数", "steps")),
    Column("deadlines", Text("期限", "deadlines")),
]


@click.command("import", cls=TownshipCommand)
@click.argument("kind", metavar="KIND")
@click.argument("file", metavar="FILE")  # a bad path is reported by the library, in one sentence
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check every row and show what it would become; write nothing.",
)
@format_option
@pass_app
def import_ledger(app: AppContext, kind: str, file: str, dry_run: bool, fmt: str) -> None:
    """Import a ledger (台账) kept in a spreadsheet: one record per row.

    FILE is an .xlsx workbook or a CSV (UTF-8, with or without BOM, or
    GB18030). Row 1 is the header; columns are matched by the field's
    Chinese or English label or its name, as township export --format xlsx
    writes them. Each row is taken through the kind's steps as the
    commands take them: the first step, then every step whose date column
    is filled, each on its date, so every deadline is computed. All or
    nothing: a bad row is named with its row number and nothing is
    written. The first event of each record names the file and row. A
    ledger is imported once: a row whose id names a record of the office,
    or that was imported before, is refused the same way.

    \b
    Example:
      # 在原数据目录导出完整的台账（显示个人信息），再到另一数据目录试导入：
      township export petition --format xlsx --output 信访台账.xlsx --reveal
      township import petition 信访台账.xlsx --dry-run  # 只检查，不写入
    """
    from commands.records_view import env_of
    from township.sheets.importer import import_ledger as run_import
    from township.sheets.importer import read_ledger

    ledger = read_ledger(kind, Path(file))
    env = env_of(app)
    command = f"import {kind} {ledger.file}"

    def run(tick: Any = None) -> ImportResult:
        return run_import(
            app.store,
            ledger,
            env=env,
            today=app.today,
            actor=app.user,
            command=command,
            dry_run=dry_run,
            tick=tick,
        )

    if len(ledger.plans) >= PROGRESS_FROM and on_terminal():
        label = "Importing" if app.lang == "en" else "正在导入"
        # On stderr: stdout is the result (a table, or JSON a script reads).
        with click.progressbar(length=len(ledger.plans), label=label, file=sys.stderr) as bar:
            result = run(bar.update)
    else:
        result = run()
    click.echo(render(_view(app, result), fmt, app.lang), nl=False)


def on_terminal() -> bool:
    """Whether the progress bar has a terminal to go to: it is written to stderr, and
    only when stderr is a terminal (never into a pipe, a log file or cron's mail);
    stdout, the result, never holds it."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _view(app: AppContext, result: ImportResult) -> View:
    from township.sheets.importer import summarize
    from township.steps.machine import STATE_LABELS

    rows = []
    data = []
    for s in summarize(result, app.calendar, app.today):
        shown = [
            Text(
                f"{d.rule.label.zh} {d.due.isoformat()} {STATE_LABELS[d.state].zh}",
                f"{d.rule.label.en} {d.due.isoformat()} {STATE_LABELS[d.state].en}",
            )
            for d in s.deadlines
        ]
        rows.append(
            {
                "row": s.row,
                "id": s.id,
                "status": s.status,
                "steps": s.steps,
                "deadlines": Text(
                    "；".join(t.zh for t in shown) or "—", "; ".join(t.en for t in shown) or "—"
                ),
            }
        )
        data.append(
            {
                "row": s.row,
                "id": s.id,
                "status": s.status.en if isinstance(s.status, Text) else s.status,
                "steps": s.steps,
                "deadlines": [d.as_json() for d in s.deadlines],
            }
        )
    n = len(result.imported)
    if result.dry_run:
        summary = Text(
            f"试导入 {result.file}：{n} 行都可以导入；未写入任何内容。",
            f"Dry run of {result.file}: all {n} rows can be imported; nothing was written.",
        )
    else:
        summary = Text(
            f"已从 {result.file} 导入 {n} 条记录，审计日志记有每条的来源行。",
            f"Imported {n} records from {result.file}; the audit log names each one's row.",
        )
    notes: list[Text | str] = [summary]
    if result.ignored:
        notes.append(
            Text(
                "未使用的列：" + "、".join(result.ignored) + "。",
                "Columns not used: " + ", ".join(result.ignored) + ".",
            )
        )
    return View(rows, COLUMNS, data=data, notes=notes)
