"""``township export``: not built yet (see the open issues)."""

from __future__ import annotations

import click


@click.command()
def export() -> None:
    """Export records for archiving (not built yet).

    \b
    Example:
      township export inquiry --year 2026 --format csv
    """
