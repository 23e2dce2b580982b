"""``township export``: records or the audit log for archiving (立卷归档, SPEC 6)."""

from __future__ import annotations

import click

from commands import TownshipCommand
from commands.common import pass_app, warn_skipped
from commands.context import AppContext
from commands.render import Column, View, render
from township.i18n import Text


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
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="csv: one row per record; json: the full records with their deadlines.",
)
@click.option(
    "--reveal",
    is_flag=True,
    help="Show complainants' and petitioners' names and contacts (audited).",
)
@pass_app
def export(app: AppContext, kind: str, year: int | None, fmt: str, reveal: bool) -> None:
    """Export a kind's records, or the audit log, for archiving (立卷归档).

    Personal data of complainants and petitioners is masked unless --reveal
    is given; every reveal is written to the audit log. CSV cells that a
    spreadsheet would run as formulas (= + - @) are escaped.

    \b
    Example:
      township export inquiry --year 2026 --format csv > 首问登记-2026.csv
      township export case --format json > 问责-全部.json
      township export audit --year 2026 --format csv
    """
    from township import export as ex

    if kind == "audit":
        from township.audit import load_entries

        entries = load_entries(app.store.audit_path)
        data = ex.export_audit(entries, year=year, reveal=reveal)
        columns = ex.audit_columns(data)
        revealed = ex.audit_protected_ids(entries, year=year)
    else:
        from township.errors import Skipped
        from township.kinds import kind_named

        records = list(app.store.iter_records(kind_named(kind), [year] if year else None))
        skipped: list[Skipped] = []
        data = ex.export_records(records, app.calendar, app.today, reveal=reveal, skipped=skipped)
        # On stderr only: the export itself is a file for the archive.
        warn_skipped(app, skipped)
        columns = ex.record_columns(data)
        revealed = ex.protected_ids(records)
    if reveal:
        # Audited before anything is shown: if the audit line cannot be
        # written, nothing is revealed.
        with app.store.transaction(app.user, f"export {kind}") as tx:
            tx.note(
                f"export-{kind}",
                "reveal",
                {"kind": kind, "year": year, "format": fmt, "revealed": revealed},
            )
    # One view: the renderer prints ``data`` for json, the flattened rows for csv.
    view = View(
        [ex.flatten(r, columns) for r in data], [Column(c, Text(c, c)) for c in columns], data=data
    )
    click.echo(render(view, fmt, app.lang), nl=False)
