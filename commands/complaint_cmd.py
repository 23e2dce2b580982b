"""``township complaint``: not built yet (see the open issues)."""

from __future__ import annotations

import click

from commands import TownshipGroup


@click.group(cls=TownshipGroup)
def complaint() -> None:
    """Efficiency complaints (效能投诉制).

    \b
    Example:
      township complaint list
    """
