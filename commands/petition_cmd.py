"""``township petition``: not built yet (see the open issues)."""

from __future__ import annotations

import click

from commands import TownshipGroup


@click.group(cls=TownshipGroup)
def petition() -> None:
    """Petitions (信访): acceptance within 15 days, conclusion within 60.

    \b
    Example:
      township petition list
    """
