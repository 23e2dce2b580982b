"""``township overdue`` and ``township stats``: not built yet (see the open issues)."""

from __future__ import annotations

import click


@click.command()
def overdue() -> None:
    """The daily overdue report (not built yet).

    \b
    Example:
      township overdue --quiet --exit-code
    """


@click.command()
def stats() -> None:
    """Statistics for assessments (not built yet).

    \b
    Example:
      township stats --year 2026
    """
