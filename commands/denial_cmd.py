"""``township denial``: not built yet (see the open issues)."""

from __future__ import annotations

import click

from commands import TownshipGroup


@click.group(cls=TownshipGroup)
def denial() -> None:
    """Denial filings (否定报备制).

    \b
    Example:
      township denial list
    """
