"""``township export``: records or the audit log for archiving (立卷归档)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from commands import TownshipCommand
from commands.common import pass_app, warn_skipped
from commands.context import AppContext
from commands.render import Column, View, render
from commands.sheets import need_output, output_option
from township.errors import BadInput
from township.i18n import Text

if TYPE_CHECKING:
    from township.views.export import Export


@click.command(cls=TownshipCommand)
@click.argument("kind", metavar="KIND|audit")
@click.option(
    "--year",
    type=click.IntRange(1901, 2099),
    help="Only this year (records: the year of the id; audit: the year of the entry).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: the ledger, one row per record, for Excel (UTF-8 with BOM); json: the "
    "full records with their deadlines, for programs; xlsx: the ledger as an Excel "
    "workbook (with --output).",
)
@output_option
@click.option(
    "--reveal",
    is_flag=True,
    help="Show complainants' and petitioners' names and contacts (audited).",
)
@pass_app
def export(
    app: AppContext, kind: str, year: int | None, fmt: str, reveal: bool, output: str | None
) -> None:
    """Export a kind's records, or the audit log, for archiving (立卷归档).

    Personal data of complainants and petitioners is masked unless --reveal
    is given; every reveal is written to the audit log. The CSV and xlsx
    ledgers have Chinese headers (English with --lang en), a date column
    for each step and each deadline's due date and state; township import
    reads them back. The CSV is UTF-8 with a byte-order mark (Excel opens
    it without mojibake); its cells that a spreadsheet would run as
    formulas (= + - @) are escaped. JSON keeps every stored key.

    \b
    Example:
      township export inquiry --year 2026 --format csv > 首问登记-2026.csv
      township export petition --format xlsx --output 信访台账.xlsx
      township export case --format json > 问责-全部.json
      township export audit --year 2026 --format csv
    """
    from township.errors import Skipped
    from township.views import export as ex

    path = need_output(fmt, output)
    if kind == "audit":
        if fmt == "xlsx":
            raise BadInput(
                Text(
                    "审计日志只能导出为 csv 或 json。",
                    "The audit log is exported as csv or json only.",
                )
            )
        _export_audit(app, year, fmt, reveal)
        return
    from township.book.registry import kind_named

    kind = kind_named(kind).name  # 首问 -> inquiry
    skipped: list[Skipped] = []
    records = ex.kind_records(app.store, kind, year)
    found = ex.export_kind(
        records, app.calendar, app.today, reveal=reveal, skipped=skipped, kind=kind
    )
    # On stderr only: the export itself is a file for the archive.
    warn_skipped(app, skipped)
    if path is not None:
        from township.sheets.ledger import ledger_bytes
        from township.sheets.workbook import open_output

        data = ledger_bytes(kind, found.data, app.calendar, app.today, app.lang)
        with open_output(path) as out:  # a path that cannot be written: nothing audited
            if reveal:
                ex.note_export_reveal(app.store, app.user, kind, year, fmt, found.revealed)
            out.commit(data)
        return
    if reveal:
        # Audited before anything is shown: if the audit line cannot be
        # written, nothing is revealed.
        ex.note_export_reveal(app.store, app.user, kind, year, fmt, found.revealed)
    if fmt == "csv":
        from township.sheets.ledger import ledger_csv

        for line in ledger_csv(kind, found.data, app.calendar, app.today, app.lang):
            click.echo(line, nl=False)
        return
    click.echo(render(_export_view(found), fmt, app.lang), nl=False)


def _export_audit(app: AppContext, year: int | None, fmt: str, reveal: bool) -> None:
    """The audit log, streaming: read once to check it and learn its columns, once to print."""
    from commands.stream import stream
    from township.views import export as ex

    survey = ex.survey_audit(app.store, year=year)
    if reveal:
        ex.note_export_reveal(app.store, app.user, "audit", year, fmt, survey.protected)
    columns = [Column(c, Text(c, c)) for c in survey.columns]

    def rows() -> Iterator[tuple[dict[str, Any], Any]]:
        for entry in ex.audit_entries(app.store, survey, year=year, reveal=reveal):
            yield ex.flatten(entry, survey.columns), entry

    if fmt == "csv":
        # UTF-8 with a byte-order mark, as the ledger CSV: Excel on a Chinese
        # Windows would read the clerks' names in the log as GBK otherwise.
        from township.sheets.ledger import BOM

        click.echo(BOM, nl=False)
    for piece in stream(rows, columns, fmt, app.lang):
        click.echo(piece, nl=False)


def _export_view(found: Export) -> View:
    """One view: the renderer prints ``data`` for json, the flattened rows for csv."""
    from township.views.export import flatten

    rows = [flatten(r, found.columns) for r in found.data]
    return View(rows, [Column(c, Text(c, c)) for c in found.columns], data=found.data)
